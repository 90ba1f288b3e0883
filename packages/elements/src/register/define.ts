import '../text-field/define.js';
import { PorchlightRegister } from './register.js';

export const registerTag = 'porchlight-register';

// A dealer's page may load the bundle twice: the first definition wins.
if (!customElements.get(registerTag)) customElements.define(registerTag, PorchlightRegister);

export { PorchlightRegister };
