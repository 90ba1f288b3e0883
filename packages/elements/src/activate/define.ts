import '../text-field/define.js';
import { PorchlightActivate } from './activate.js';

export const activateTag = 'porchlight-activate';

// A dealer's page may load the bundle twice: the first definition wins.
if (!customElements.get(activateTag)) customElements.define(activateTag, PorchlightActivate);

export { PorchlightActivate };
