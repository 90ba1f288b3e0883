import { PorchlightAccountSwitcher } from './account-switcher.js';

export const accountSwitcherTag = 'porchlight-account-switcher';

// A dealer's page may load the bundle twice: the first definition wins.
if (!customElements.get(accountSwitcherTag)) customElements.define(accountSwitcherTag, PorchlightAccountSwitcher);

export { PorchlightAccountSwitcher };
