import { PorchlightLogin } from './login/login.js';
import { PorchlightPortal } from './portal/portal.js';
import { PorchlightResetPassword } from './reset-password/reset-password.js';
import { PorchlightTextField } from './text-field/text-field.js';

/**
 * Registers every element under its porchlight-* name (for npm users; the script-tag bundle
 * does this by itself). Names already defined are left alone, so calling it twice is harmless.
 */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  const all: Array<[string, CustomElementConstructor]> = [
    ['porchlight-portal', PorchlightPortal],
    ['porchlight-text-field', PorchlightTextField],
    ['porchlight-login', PorchlightLogin],
    ['porchlight-reset-password', PorchlightResetPassword],
  ];
  for (const [tag, element] of all) if (!registry.get(tag)) registry.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'porchlight-portal': PorchlightPortal;
    'porchlight-text-field': PorchlightTextField;
    'porchlight-login': PorchlightLogin;
    'porchlight-reset-password': PorchlightResetPassword;
  }
}
