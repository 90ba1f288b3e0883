import { PorchlightActivity } from './activity.js';

export const activityTag = 'porchlight-activity';

// A dealer's page may load the bundle twice: the first definition wins.
if (!customElements.get(activityTag)) customElements.define(activityTag, PorchlightActivity);

export { PorchlightActivity };
