import '../text-field/define.js';
import { PorchlightLogin } from './login.js';

export const loginTag = 'porchlight-login';

// A dealer's page may load the bundle twice: the first definition wins.
if (!customElements.get(loginTag)) customElements.define(loginTag, PorchlightLogin);

export { PorchlightLogin };
