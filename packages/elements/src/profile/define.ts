import '../text-field/define.js';
import { PorchlightProfile } from './profile.js';

export const profileTag = 'porchlight-profile';

// A dealer's page may load the bundle twice: the first definition wins.
if (!customElements.get(profileTag)) customElements.define(profileTag, PorchlightProfile);

export { PorchlightProfile };
