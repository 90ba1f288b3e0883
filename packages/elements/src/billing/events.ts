/**
 * The events of the billing elements (<porchlight-invoice-list>, <porchlight-payment-methods>,
 * <porchlight-autopay>). Like every Porchlight event they bubble and are composed, so a dealer's
 * page can listen on the element, on <porchlight-portal> or on document.
 */
import type { Autopay, PortalPayment, PortalPaymentMethod } from '@porchlight/client';
import { dispatch } from '../events.js';

export interface PaymentCompleteDetail {
  /**
   * The payment as the server answered. Check `status`: `succeeded` (paid), `pending` (not yet
   * confirmed: do not pay again), `declined` or `failed` (nothing was taken, no invoice changed).
   */
  payment: PortalPayment;
}

export interface AutopayChangeDetail {
  /** Autopay as it is now (`enabled` false once turned off). */
  autopay: Autopay;
}

export type PaymentMethodChangeAction = 'added' | 'default' | 'removed';

export interface PaymentMethodChangeDetail {
  action: PaymentMethodChangeAction;
  /** The method as it is now (as it was, for `removed`). Never a card or account number. */
  method: PortalPaymentMethod;
}

export interface BillingEventMap {
  /** <porchlight-invoice-list> sent a payment and has the server's answer (succeeded, pending, declined or failed). */
  'porchlight-payment-complete': CustomEvent<PaymentCompleteDetail>;
  /** <porchlight-autopay> turned autopay on, changed its method, or turned it off. */
  'porchlight-autopay-change': CustomEvent<AutopayChangeDetail>;
  /** <porchlight-payment-methods> added a method, made one the default, or removed one. */
  'porchlight-payment-method-change': CustomEvent<PaymentMethodChangeDetail>;
}

type Detail<K extends keyof BillingEventMap> = BillingEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Dispatches a billing event (bubbles, composed). */
export function emitBilling<K extends keyof BillingEventMap>(target: EventTarget, name: K, detail: Detail<K>): BillingEventMap[K] {
  return dispatch(target, name, detail) as BillingEventMap[K];
}
