import '../text-field/define.js';
import { PorchlightContacts } from './contacts.js';

export const contactsTag = 'porchlight-contacts';

// A dealer's page may load the bundle twice: the first definition wins.
if (!customElements.get(contactsTag)) customElements.define(contactsTag, PorchlightContacts);

export { PorchlightContacts };
