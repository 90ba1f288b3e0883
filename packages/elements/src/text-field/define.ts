import { PorchlightTextField } from './text-field.js';

export const textFieldTag = 'porchlight-text-field';

// A dealer's page may load the bundle twice: the first definition wins.
if (!customElements.get(textFieldTag)) customElements.define(textFieldTag, PorchlightTextField);

export { PorchlightTextField };
