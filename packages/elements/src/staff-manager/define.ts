import '../text-field/define.js';
import { PorchlightStaffManager } from './staff-manager.js';

export const staffManagerTag = 'porchlight-staff-manager';

// A dealer's page may load the bundle twice: the first definition wins.
if (!customElements.get(staffManagerTag)) customElements.define(staffManagerTag, PorchlightStaffManager);

export { PorchlightStaffManager };
