import { PorchlightWorkOrderForm } from './work-order-form.js';
import { PorchlightWorkOrders } from './work-orders.js';

export const workOrderFormTag = 'porchlight-work-order-form';
export const workOrdersTag = 'porchlight-work-orders';

// A dealer's page may load the bundle twice: the first definition wins. The form first: the
// list places one inside itself.
if (!customElements.get(workOrderFormTag)) customElements.define(workOrderFormTag, PorchlightWorkOrderForm);
if (!customElements.get(workOrdersTag)) customElements.define(workOrdersTag, PorchlightWorkOrders);

export { PorchlightWorkOrderForm, PorchlightWorkOrders };
