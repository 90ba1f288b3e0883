/**
 * The signed-in account's script-tag bundle: <porchlight-contacts>, <porchlight-staff-manager>
 * and <porchlight-activity>. Load it next to porchlight.js (they share chunks), on the pages
 * where signed-in clients manage their account, or only once someone signs in.
 */
import './contacts/define.js';
import './staff-manager/define.js';
import './activity/define.js';
import './profile/define.js';
import './messages/define.js';
import './documents/define.js';

export { PorchlightContacts } from './contacts/contacts.js';
export { PorchlightStaffManager } from './staff-manager/staff-manager.js';
export { PorchlightActivity } from './activity/activity.js';
export { PorchlightProfile } from './profile/profile.js';
export { PorchlightMessages } from './messages/messages.js';
export { PorchlightDocuments } from './documents/documents.js';
export { AccountView } from './internal/account-view.js';
