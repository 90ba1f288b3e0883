import { PorchlightMessages } from './messages.js';

export const messagesTag = 'porchlight-messages';

// A dealer's page may load the bundle twice: the first definition wins.
if (!customElements.get(messagesTag)) customElements.define(messagesTag, PorchlightMessages);

export { PorchlightMessages };
