/**
 * The script-tag bundle: registers every element.
 *   <script type="module" src="https://…/porchlight.js"></script>
 * The portal is defined first, so the elements inside it find it when they connect.
 * Its exports let a page extend the classes or listen with the contexts.
 */
import './portal/define.js';
import './text-field/define.js';
import './login/define.js';
import './reset-password/define.js';

export {
  PorchlightPortal,
  PorchlightLogin,
  PorchlightResetPassword,
  PorchlightTextField,
  PortalConsumer,
  FormElement,
  clientContext,
  sessionContext,
  brandingContext,
  emit,
  tokens,
  sharedStyles,
} from './index.js';
