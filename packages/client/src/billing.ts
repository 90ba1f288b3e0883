import { routePath, Routes } from '@porchlight/core';
import type {
  AddPaymentMethodRequest,
  Autopay,
  AutopayRequest,
  GatewayConfig,
  Payment,
  PaymentMethodKind,
  PaymentMethodList,
  PaymentMethodSetup,
  PaymentPage,
  PayRequest,
  PayResponse,
  PortalPayment,
  PortalPaymentMethod,
  PortalPaymentPage,
  RefundRequest,
} from '@porchlight/core';
import type { AdminClient } from './admin-client.js';
import type { PorchlightClient } from './client.js';
import { readPdf, type DownloadedPdf } from './proposals.js';
import { queryString, type RequestOptions } from './transport.js';

/**
 * Which payments, which page: newest first. `status` filters on one status (`pending`,
 * `succeeded`, `declined`, `failed`, `refunded`); `limit` 1–100 (default 50); pass the previous
 * page's `cursor` with the same filter.
 */
export interface PaymentListQuery {
  status?: PortalPayment['status'] | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** What `autopay.set` sends: a saved method, optionally a day, and the authorization agreed to. */
export type AutopayInput = AutopayRequest;

/**
 * Payments, saved methods and autopay in the portal, as calls over a client (`billingApi(client)`
 * costs nothing to call again). Reading needs `invoices.view`; paying `invoices.pay`; methods and
 * autopay `payment-methods.manage`. Paying, changing methods and autopay are refused while a
 * dealer admin emulates the user (EMULATION_FORBIDDEN). When the dealer has no payment gateway,
 * `config().enabled` is false and the other calls answer PAYMENTS_NOT_CONFIGURED.
 *
 * Card and bank numbers never go through these calls: the gateway's fields in the browser turn
 * them into a one-time `token` (see `config().gateway`).
 */
export interface BillingApi {
  /** What the payment form needs: whether payments are on, the gateway's browser half, kinds, currency, autopay defaults. */
  config(options?: RequestOptions): Promise<GatewayConfig>;
  methods: {
    /** The account's saved methods, the default first. Gateway references are never included. */
    list(options?: RequestOptions): Promise<PaymentMethodList>;
    /** Start collecting a method of this kind (Stripe: a SetupIntent's client secret to confirm in the browser; the sandbox needs none). */
    setup(kind: PaymentMethodKind, options?: RequestOptions): Promise<PaymentMethodSetup>;
    /** Keep the method behind a gateway token. The first method is the default. */
    add(input: AddPaymentMethodRequest, options?: RequestOptions): Promise<PortalPaymentMethod>;
    /** Make a saved method the default. */
    setDefault(methodId: string, options?: RequestOptions): Promise<PortalPaymentMethod>;
    /** Remove a saved method. PAYMENT_METHOD_IN_USE (409) while autopay charges it. */
    remove(methodId: string, options?: RequestOptions): Promise<{ ok: true }>;
  };
  /**
   * Pay one or several invoices. Make one `idempotencyKey` per attempt and send the same key on
   * every retry of that attempt (a double click, a network error): the answer is the same payment
   * and nothing is charged twice. A `pending` payment with a `clientSecret` waits for the client
   * to authenticate; a `pending` one without means the outcome is being confirmed — do not pay again.
   */
  pay(input: PayRequest, options?: RequestOptions): Promise<PayResponse>;
  payments: {
    /** Payment history, newest first. */
    list(query?: PaymentListQuery, options?: RequestOptions): Promise<PortalPaymentPage>;
    get(paymentId: string, options?: RequestOptions): Promise<PortalPayment>;
    /** The payment's receipt (PDF). Save it with an object URL. */
    receipt(paymentId: string, options?: RequestOptions): Promise<DownloadedPdf>;
  };
  autopay: {
    get(options?: RequestOptions): Promise<Autopay>;
    /** Turn autopay on or change it, agreeing to the authorization text (`autopayAuthorizationText`) of its version. */
    set(input: AutopayInput, options?: RequestOptions): Promise<Autopay>;
    /** Turn autopay off. */
    off(options?: RequestOptions): Promise<Autopay>;
  };
}

export function billingApi(client: PorchlightClient): BillingApi {
  const { request } = client;
  const method = (path: string, methodId: string) => routePath(path, { methodId });
  const payment = (path: string, paymentId: string) => routePath(path, { paymentId });
  return {
    config: (o) => request<GatewayConfig>('GET', Routes.billing.config, undefined, o),
    methods: {
      list: (o) => request<PaymentMethodList>('GET', Routes.billing.paymentMethods, undefined, o),
      setup: (kind, o) => request<PaymentMethodSetup>('POST', Routes.billing.paymentMethodSetup, { kind }, o),
      add: (input, o) => request<PortalPaymentMethod>('POST', Routes.billing.paymentMethods, input, o),
      setDefault: (methodId, o) => request<PortalPaymentMethod>('POST', method(Routes.billing.paymentMethodDefault, methodId), {}, o),
      remove: (methodId, o) => request<{ ok: true }>('DELETE', method(Routes.billing.paymentMethod, methodId), undefined, o),
    },
    pay: (input, o) => request<PayResponse>('POST', Routes.billing.payments, input, o),
    payments: {
      list: (query = {}, o) => request<PortalPaymentPage>('GET', Routes.billing.payments + queryString(query), undefined, o),
      get: (paymentId, o) => request<PortalPayment>('GET', payment(Routes.billing.payment, paymentId), undefined, o),
      receipt: async (paymentId, o) => readPdf(await client.requestFile(payment(Routes.billing.paymentReceipt, paymentId), o), 'receipt.pdf'),
    },
    autopay: {
      get: (o) => request<Autopay>('GET', Routes.billing.autopay, undefined, o),
      set: (input, o) => request<Autopay>('PUT', Routes.billing.autopay, input, o),
      off: (o) => request<Autopay>('DELETE', Routes.billing.autopay, undefined, o),
    },
  };
}

/** Payments and autopay in the back office: reading needs `accounts.read`, refunds `accounts.write`. */
export interface AdminBillingApi {
  payments: {
    /** The account's payments, newest first (with the gateway's references). */
    list(accountId: string, query?: PaymentListQuery, options?: RequestOptions): Promise<PaymentPage>;
    get(accountId: string, paymentId: string, options?: RequestOptions): Promise<Payment>;
    /**
     * Refund all of what is left of a payment, or `amountCents` of it, through the gateway. Send
     * one `idempotencyKey` per refund and the same key on retries: a retry never refunds twice.
     */
    refund(accountId: string, paymentId: string, input: RefundRequest, options?: RequestOptions): Promise<Payment>;
  };
  /** The account's autopay (read only: only the client turns it on). */
  autopay(accountId: string, options?: RequestOptions): Promise<Autopay>;
}

export function adminBillingApi(admin: AdminClient): AdminBillingApi {
  const { request } = admin;
  const payment = (path: string, accountId: string, paymentId: string) => routePath(path, { accountId, paymentId });
  return {
    payments: {
      list: (accountId, query = {}, o) => request<PaymentPage>('GET', routePath(Routes.billing.admin.payments, { accountId }) + queryString(query), undefined, o),
      get: (accountId, paymentId, o) => request<Payment>('GET', payment(Routes.billing.admin.payment, accountId, paymentId), undefined, o),
      refund: (accountId, paymentId, input, o) => request<Payment>('POST', payment(Routes.billing.admin.paymentRefund, accountId, paymentId), input, o),
    },
    autopay: (accountId, o) => request<Autopay>('GET', routePath(Routes.billing.admin.autopay, { accountId }), undefined, o),
  };
}
