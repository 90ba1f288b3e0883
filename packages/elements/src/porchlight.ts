/**
 * The script-tag bundle for sign-in pages: registers <porchlight-portal>, <porchlight-login>,
 * <porchlight-reset-password> and the text field.
 *   <script type="module" src="https://…/porchlight.js"></script>
 * The portal is defined first, so the elements inside it find it when they connect. Its exports
 * let a page extend the classes or listen with the contexts. It imports each module directly
 * (not the package index), so the account and back-office elements stay out of this bundle.
 */
import './portal/define.js';
import './text-field/define.js';
import './login/define.js';
import './reset-password/define.js';

export { PorchlightPortal } from './portal/portal.js';
export { PorchlightLogin } from './login/login.js';
export { PorchlightResetPassword } from './reset-password/reset-password.js';
export { PorchlightTextField } from './text-field/text-field.js';
export { PortalConsumer } from './internal/portal-consumer.js';
export { FormElement } from './internal/form-element.js';
export { clientContext, sessionContext, brandingContext } from './context.js';
export { emit } from './events.js';
export { tokens } from './styles/tokens.js';
export { shared as sharedStyles } from './styles/shared.js';
