/**
 * The events of <porchlight-proposals> and <porchlight-proposal-signer>. Like every Porchlight
 * event they bubble and are composed, so a dealer's page can listen on the element, on
 * <porchlight-portal> or on document.
 */
import type { PortalProposal } from '@porchlight/client';
import { dispatch } from '../events.js';

export interface ProposalDecidedDetail {
  /** The proposal as the server answered: `status` is `accepted` or `rejected`. */
  proposal: PortalProposal;
}

export interface ProposalOpenDetail {
  proposalId: string;
}

export interface ProposalBackDetail {
  proposalId: string;
}

export interface ProposalEventMap {
  /** The signed-in user accepted (signed) or rejected a proposal. */
  'porchlight-proposal-decided': CustomEvent<ProposalDecidedDetail>;
  /** <porchlight-proposals> opened one proposal from its list. */
  'porchlight-proposal-open': CustomEvent<ProposalOpenDetail>;
  /** "Back to proposals" was pressed in a <porchlight-proposal-signer show-back>. */
  'porchlight-proposal-back': CustomEvent<ProposalBackDetail>;
}

type Detail<K extends keyof ProposalEventMap> = ProposalEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Dispatches a proposal event (bubbles, composed). */
export function emitProposal<K extends keyof ProposalEventMap>(target: EventTarget, name: K, detail: Detail<K>): ProposalEventMap[K] {
  return dispatch(target, name, detail) as ProposalEventMap[K];
}
