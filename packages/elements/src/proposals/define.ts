import { PorchlightProposalSigner } from './proposal-signer.js';
import { PorchlightProposals } from './proposals.js';

export const proposalSignerTag = 'porchlight-proposal-signer';
export const proposalsTag = 'porchlight-proposals';

// A dealer's page may load the bundle twice: the first definition wins. The list shows one
// proposal with <porchlight-proposal-signer>, so that one is defined first.
if (!customElements.get(proposalSignerTag)) customElements.define(proposalSignerTag, PorchlightProposalSigner);
if (!customElements.get(proposalsTag)) customElements.define(proposalsTag, PorchlightProposals);

export { PorchlightProposalSigner, PorchlightProposals };
