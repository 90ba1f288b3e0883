/**
 * The sign-up script-tag bundle: <porchlight-register> (registration with the key on an
 * invoice), <porchlight-request-access> and <porchlight-activate> (the emailed set-password
 * link). Load it next to porchlight.js (they share chunks) on the pages that show those forms,
 * or only when the visitor follows "Register with your invoice" / "Request it" from the sign-in
 * form, so the sign-in page itself stays light:
 *   <script type="module" src="https://…/porchlight.js"></script>
 *   <script type="module" src="https://…/porchlight-onboarding.js"></script>
 */
import './register/define.js';
import './request-access/define.js';
import './activate/define.js';

export { PorchlightRegister } from './register/register.js';
export { PorchlightRequestAccess } from './request-access/request-access.js';
export { PorchlightActivate } from './activate/activate.js';
export { OnboardingForm } from './internal/onboarding-form.js';
