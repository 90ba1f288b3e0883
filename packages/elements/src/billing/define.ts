import { PorchlightAutopay } from './autopay.js';
import { PorchlightInvoiceList } from './invoice-list.js';
import { PorchlightPaymentHistory } from './payment-history.js';
import { PorchlightPaymentMethods } from './payment-methods.js';

export const invoiceListTag = 'porchlight-invoice-list';
export const paymentMethodsTag = 'porchlight-payment-methods';
export const autopayTag = 'porchlight-autopay';
export const paymentHistoryTag = 'porchlight-payment-history';

// A dealer's page may load the bundle twice: the first definition wins. (Their tag names are
// typed in define-elements.ts, with every element's.)
if (!customElements.get(invoiceListTag)) customElements.define(invoiceListTag, PorchlightInvoiceList);
if (!customElements.get(paymentMethodsTag)) customElements.define(paymentMethodsTag, PorchlightPaymentMethods);
if (!customElements.get(autopayTag)) customElements.define(autopayTag, PorchlightAutopay);
if (!customElements.get(paymentHistoryTag)) customElements.define(paymentHistoryTag, PorchlightPaymentHistory);

export { PorchlightAutopay, PorchlightInvoiceList, PorchlightPaymentHistory, PorchlightPaymentMethods };
