import { PorchlightPortal } from './portal.js';

export const portalTag = 'porchlight-portal';

// A dealer's page may load the bundle twice: the first definition wins.
if (!customElements.get(portalTag)) customElements.define(portalTag, PorchlightPortal);

export { PorchlightPortal };
