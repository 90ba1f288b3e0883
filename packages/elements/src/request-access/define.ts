import '../text-field/define.js';
import { PorchlightRequestAccess } from './request-access.js';

export const requestAccessTag = 'porchlight-request-access';

// A dealer's page may load the bundle twice: the first definition wins.
if (!customElements.get(requestAccessTag)) customElements.define(requestAccessTag, PorchlightRequestAccess);

export { PorchlightRequestAccess };
