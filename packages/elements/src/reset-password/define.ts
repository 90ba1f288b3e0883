import '../text-field/define.js';
import { PorchlightResetPassword } from './reset-password.js';

export const resetPasswordTag = 'porchlight-reset-password';

// A dealer's page may load the bundle twice: the first definition wins.
if (!customElements.get(resetPasswordTag)) customElements.define(resetPasswordTag, PorchlightResetPassword);

export { PorchlightResetPassword };
