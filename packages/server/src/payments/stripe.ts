/**
 * The Stripe gateway: `PaymentGateway` over Stripe's REST API with `fetch` (no SDK).
 *
 * Every request: `Authorization: Bearer <secret key>`, a pinned `Stripe-Version`,
 * form-encoded bodies, and an `Idempotency-Key` on every POST (the caller's key for charges and
 * refunds, derived or random otherwise). No automatic retries: an unknown outcome surfaces as
 * `GatewayUnavailableError` and the caller retries with the same idempotency key.
 *
 * Flow: `ensureCustomer` (POST /v1/customers) → `createSetup` (POST /v1/setup_intents,
 * usage=off_session) → the browser confirms it with Stripe.js and hands over the PaymentMethod
 * id → `saveMethod` (GET /v1/payment_methods/:id, attach if needed) → `charge` (POST
 * /v1/payment_intents with confirm=true, off_session=true for autopay) → `refund` (POST
 * /v1/refunds). Webhooks: `Stripe-Signature: t=…,v1=…` over `${t}.${rawBody}` with the
 * endpoint's signing secret, 5 minutes' tolerance.
 */
import { sha256Hex, randomSecret } from '../crypto.js';
import { parseCallbackJson, readHeader, verifySignatureHeader } from './callbacks.js';
import {
  checkChargeInput,
  checkRefundInput,
  GatewayRequestError,
  GatewaySignatureError,
  GatewayUnavailableError,
  type CallbackHeaders,
  type ChargeResult,
  type GatewayEvent,
  type GatewayEventStatus,
  type PaymentGateway,
  type RefundResult,
  type SavedMethod,
} from './gateway.js';

const ID = 'stripe';
/** The API version every request is pinned to (responses and objects are read in this shape). */
export const STRIPE_API_VERSION = '2025-03-31.basil';
export const STRIPE_SIGNATURE_HEADER = 'Stripe-Signature';

export interface StripeGatewayOptions {
  /** Secret (`sk_live_…`, `sk_test_…`) or restricted (`rk_…`) key. Server-side only. */
  secretKey: string;
  /** Publishable key (`pk_live_…`, `pk_test_…`), handed to the browser for Stripe.js. */
  publishableKey: string;
  /** The webhook endpoint's signing secret (`whsec_…`); several while rotating. */
  webhookSecret: string | readonly string[];
  /** Default https://api.stripe.com. Tests point it at a local stand-in (http only for localhost). */
  apiBase?: string;
  /** Default 2025-03-31.basil (the version this code was written against). */
  apiVersion?: string;
  /** Per-request timeout (default 30 s); a timeout is an unknown outcome. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

type FormValue = string | number | boolean | undefined | null | readonly FormValue[] | { readonly [key: string]: FormValue };

/** Stripe's form encoding: `a[b]=…` for objects, `a[]=…` for lists. */
export function encodeForm(params: Record<string, FormValue>): string {
  const out = new URLSearchParams();
  const add = (name: string, value: FormValue) => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) for (const item of value) add(`${name}[]`, item);
    else if (typeof value === 'object') for (const [key, inner] of Object.entries(value)) add(`${name}[${key}]`, inner);
    else out.append(name, String(value));
  };
  for (const [key, value] of Object.entries(params)) add(key, value);
  return out.toString();
}

interface StripeErrorBody {
  type?: string;
  code?: string;
  decline_code?: string;
  message?: string;
  param?: string;
  payment_intent?: { id?: string; status?: string };
}

type Answer = { ok: true; status: number; body: any } | { ok: false; status: number; error: StripeErrorBody };

const OBJECT_ID = /^[A-Za-z0-9_]{3,255}$/;

const AUTH_REQUIRED_MESSAGE = 'Your bank needs you to confirm this payment. Please sign in to the portal and pay it there.';

export function stripeGateway(options: StripeGatewayOptions): PaymentGateway {
  const secretKey = options?.secretKey;
  if (typeof secretKey !== 'string' || !/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/.test(secretKey)) {
    throw new TypeError('stripeGateway: `secretKey` must be a Stripe secret key (sk_test_…, sk_live_…) or restricted key (rk_…).');
  }
  const publishableKey = options.publishableKey;
  if (typeof publishableKey !== 'string' || !/^pk_(test|live)_[A-Za-z0-9]+$/.test(publishableKey)) {
    throw new TypeError('stripeGateway: `publishableKey` must be a Stripe publishable key (pk_test_…, pk_live_…).');
  }
  if (secretKey.split('_')[1] !== publishableKey.split('_')[1]) {
    throw new TypeError('stripeGateway: the secret key and the publishable key are from different modes (test and live).');
  }
  const webhookSecrets = (Array.isArray(options.webhookSecret) ? options.webhookSecret : [options.webhookSecret]).filter((s): s is string => typeof s === 'string' && s.length > 0);
  if (webhookSecrets.length === 0) throw new TypeError('stripeGateway: `webhookSecret` (the webhook endpoint’s signing secret, whsec_…) is required.');
  const apiBase = new URL(options.apiBase ?? 'https://api.stripe.com');
  if (apiBase.protocol !== 'https:' && !(apiBase.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(apiBase.hostname))) {
    throw new TypeError('stripeGateway: `apiBase` must be https (http only for a local stand-in).');
  }
  const apiVersion = options.apiVersion ?? STRIPE_API_VERSION;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;

  async function call(method: 'GET' | 'POST', path: string, params: Record<string, FormValue> = {}, idempotencyKey?: string): Promise<Answer> {
    const url = new URL(path, apiBase);
    const headers: Record<string, string> = {
      authorization: `Bearer ${secretKey}`,
      'stripe-version': apiVersion,
      accept: 'application/json',
    };
    let body: string | undefined;
    if (method === 'GET') {
      url.search = encodeForm(params);
    } else {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['idempotency-key'] = idempotencyKey ?? `porchlight-${randomSecret(16)}`;
      body = encodeForm(params);
    }
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, { method, headers, body, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
      text = await response.text();
    } catch (cause) {
      throw new GatewayUnavailableError(ID, `Stripe could not be reached (${method} ${url.pathname}); the outcome is unknown.`, { cause });
    }
    const status = response.status;
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (status >= 500 || status === 429 || status === 409) {
      // 409: another request with this idempotency key is in progress; 429: rate limited.
      throw new GatewayUnavailableError(ID, `Stripe answered ${status} to ${method} ${url.pathname}; the outcome is unknown.`, { status });
    }
    if (status >= 200 && status < 300) {
      if (!json || typeof json !== 'object') throw new GatewayUnavailableError(ID, `Stripe's answer to ${method} ${url.pathname} could not be read.`, { status });
      return { ok: true, status, body: json };
    }
    const error: StripeErrorBody = json && typeof json.error === 'object' && json.error ? json.error : { message: `HTTP ${status}` };
    if (status === 401 || status === 403) {
      throw new GatewayRequestError(ID, 'authentication', `Stripe refused the API key (${status}): ${error.message ?? 'check secretKey'}.`, { status });
    }
    if (error.type === 'idempotency_error') {
      throw new GatewayRequestError(ID, 'idempotency_mismatch', `Stripe: ${error.message ?? 'this idempotency key was used with different parameters.'}`, { status });
    }
    return { ok: false, status, error };
  }

  const requestError = (answer: Extract<Answer, { ok: false }>, what: string) =>
    new GatewayRequestError(ID, answer.status === 404 ? 'not_found' : 'invalid_request', `Stripe refused to ${what}: ${answer.error.message ?? `HTTP ${answer.status}`}`, { status: answer.status });

  function checkId(value: unknown, prefix: string, what: string): string {
    if (typeof value !== 'string' || !OBJECT_ID.test(value) || !value.startsWith(prefix)) {
      throw new GatewayRequestError(ID, what === 'token' ? 'token_invalid' : 'invalid_request', `Stripe: "${String(value).slice(0, 40)}" is not a ${what} (${prefix}…).`);
    }
    return value;
  }

  function describe(pm: any): SavedMethod {
    if (pm?.type === 'card' && pm.card) {
      return { gatewayRef: pm.id, kind: 'card', brand: pm.card.brand, last4: pm.card.last4, expMonth: pm.card.exp_month, expYear: pm.card.exp_year };
    }
    if (pm?.type === 'us_bank_account' && pm.us_bank_account) {
      const method: SavedMethod = { gatewayRef: pm.id, kind: 'bank', last4: pm.us_bank_account.last4 };
      if (pm.us_bank_account.bank_name) method.bankName = pm.us_bank_account.bank_name;
      return method;
    }
    throw new GatewayRequestError(ID, 'invalid_request', `Stripe payment method type "${String(pm?.type)}" is not supported (cards and US bank accounts are).`);
  }

  function declined(error: StripeErrorBody, offSession: boolean): ChargeResult {
    const code = error.code === 'authentication_required' || error.decline_code === 'authentication_required' ? 'authentication_required' : (error.decline_code ?? error.code ?? 'card_declined');
    const result: ChargeResult = {
      status: 'declined',
      declineCode: code,
      message: code === 'authentication_required' && offSession ? AUTH_REQUIRED_MESSAGE : (error.message ?? 'The payment was declined.'),
    };
    if (error.payment_intent?.id) result.chargeRef = error.payment_intent.id;
    return result;
  }

  return {
    id: ID,
    browserConfig() {
      return { kind: 'stripe', publishableKey };
    },

    async ensureCustomer(input) {
      const params = {
        name: input.name,
        email: input.email,
        metadata: { porchlight_dealer: input.dealerId, porchlight_account: input.accountId },
      };
      // Derived from the request, so a retry after an unknown outcome cannot make a second customer.
      const key = `porchlight-customer-${sha256Hex(JSON.stringify([input.dealerId, input.accountId, input.name, input.email ?? null]))}`;
      const answer = await call('POST', '/v1/customers', params, key);
      if (!answer.ok) throw requestError(answer, 'create the customer');
      return { customerRef: checkId(answer.body.id, 'cus_', 'customer') };
    },

    async createSetup(input) {
      const customer = checkId(input.customerRef, 'cus_', 'customer');
      const answer = await call('POST', '/v1/setup_intents', {
        customer,
        usage: 'off_session',
        payment_method_types: [input.kind === 'bank' ? 'us_bank_account' : 'card'],
      });
      if (!answer.ok) throw requestError(answer, 'start collecting a payment method');
      return { clientSecret: answer.body.client_secret, setupRef: answer.body.id };
    },

    async saveMethod(input) {
      const customer = checkId(input.customerRef, 'cus_', 'customer');
      const token = checkId(input.token, 'pm_', 'token');
      const found = await call('GET', `/v1/payment_methods/${encodeURIComponent(token)}`);
      if (!found.ok) {
        throw new GatewayRequestError(ID, 'token_invalid', `Stripe does not know this payment method: ${found.error.message ?? found.status}`, { status: found.status });
      }
      // A SetupIntent confirmed for this customer has attached it already.
      if (found.body.customer === customer) return describe(found.body);
      if (found.body.customer) throw new GatewayRequestError(ID, 'token_invalid', 'This payment method belongs to another customer.');
      const attached = await call('POST', `/v1/payment_methods/${encodeURIComponent(token)}/attach`, { customer }, `porchlight-attach-${sha256Hex(`${token}\n${customer}`)}`);
      if (!attached.ok) {
        if (attached.error.type === 'card_error') throw new GatewayRequestError(ID, 'token_invalid', attached.error.message ?? 'The card could not be saved.', { status: attached.status });
        throw requestError(attached, 'save the payment method');
      }
      return describe(attached.body);
    },

    async listMethods(customerRef) {
      const customer = checkId(customerRef, 'cus_', 'customer');
      const methods: SavedMethod[] = [];
      let after: string | undefined;
      for (let page = 0; page < 20; page++) {
        const answer = await call('GET', `/v1/customers/${encodeURIComponent(customer)}/payment_methods`, { limit: 100, starting_after: after });
        if (!answer.ok) throw requestError(answer, 'list the payment methods');
        const data: any[] = Array.isArray(answer.body.data) ? answer.body.data : [];
        for (const pm of data) if (pm?.type === 'card' || pm?.type === 'us_bank_account') methods.push(describe(pm));
        if (!answer.body.has_more || data.length === 0) break;
        after = data[data.length - 1].id;
      }
      return methods;
    },

    async removeMethod(gatewayRef) {
      const id = checkId(gatewayRef, 'pm_', 'payment method');
      const answer = await call('POST', `/v1/payment_methods/${encodeURIComponent(id)}/detach`);
      if (answer.ok || answer.status === 404) return;
      // Already detached: Stripe refuses with 400; removing what is gone is not an error.
      const current = await call('GET', `/v1/payment_methods/${encodeURIComponent(id)}`);
      if (current.ok && !current.body.customer) return;
      throw requestError(answer, 'remove the payment method');
    },

    async charge(input) {
      checkChargeInput(ID, input);
      const customer = checkId(input.customerRef, 'cus_', 'customer');
      const paymentMethod = input.methodRef ? checkId(input.methodRef, 'pm_', 'payment method') : checkId(input.token, 'pm_', 'token');
      const answer = await call(
        'POST',
        '/v1/payment_intents',
        {
          amount: input.amountCents,
          currency: input.currency.toLowerCase(),
          customer,
          payment_method: paymentMethod,
          confirm: true,
          off_session: input.offSession ? true : undefined,
          description: input.description || undefined,
          metadata: input.metadata,
          // Cards and US bank accounts never redirect, so no return_url is needed.
          automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
        },
        `porchlight-charge-${input.idempotencyKey}`,
      );
      if (!answer.ok) {
        if (answer.error.type === 'card_error' || answer.status === 402) return declined(answer.error, input.offSession);
        return { status: 'failed', message: `Stripe refused the payment: ${answer.error.message ?? `HTTP ${answer.status}`}` };
      }
      const pi = answer.body;
      const chargeRef = checkId(pi.id, 'pi_', 'PaymentIntent');
      switch (pi.status) {
        case 'succeeded':
          return { status: 'succeeded', chargeRef, message: 'Payment received.' };
        case 'processing':
          return { status: 'pending', chargeRef, message: 'The payment is processing; it is confirmed when the bank settles it.' };
        case 'requires_capture':
          return { status: 'pending', chargeRef, message: 'The payment is authorised and waiting to be captured.' };
        case 'requires_action':
          if (input.offSession) return { status: 'declined', chargeRef, declineCode: 'authentication_required', message: AUTH_REQUIRED_MESSAGE };
          return { status: 'pending', chargeRef, clientSecret: pi.client_secret, message: 'Your bank asks you to confirm this payment.' };
        case 'requires_payment_method':
          return { ...declined(pi.last_payment_error ?? {}, input.offSession), chargeRef };
        default:
          return { status: 'failed', chargeRef, message: `The payment ended as "${String(pi.status)}".` };
      }
    },

    async refund(input): Promise<RefundResult> {
      checkRefundInput(ID, input);
      const paymentIntent = checkId(input.chargeRef, 'pi_', 'PaymentIntent');
      const answer = await call('POST', '/v1/refunds', { payment_intent: paymentIntent, amount: input.amountCents }, `porchlight-refund-${input.idempotencyKey}`);
      if (!answer.ok) return { status: 'failed', message: `Stripe refused the refund: ${answer.error.message ?? `HTTP ${answer.status}`}` };
      const refund = answer.body;
      const refundRef = typeof refund.id === 'string' ? refund.id : undefined;
      const base = refundRef ? { refundRef } : {};
      if (refund.status === 'succeeded') return { ...base, status: 'succeeded', message: 'Refunded.' };
      if (refund.status === 'pending' || refund.status === 'requires_action') return { ...base, status: 'pending', message: 'The refund is on its way.' };
      return { ...base, status: 'failed', message: `The refund ended as "${String(refund.status)}".` };
    },

    async verifyCallback(rawBody: Uint8Array, headers: CallbackHeaders): Promise<GatewayEvent> {
      verifySignatureHeader({
        gatewayId: ID,
        headerName: STRIPE_SIGNATURE_HEADER,
        header: readHeader(headers, STRIPE_SIGNATURE_HEADER),
        rawBody,
        secrets: webhookSecrets,
        nowMs: now(),
      });
      const event = parseCallbackJson(ID, rawBody);
      const object = (event.data as { object?: any } | undefined)?.object;
      if (event.object !== 'event' || typeof event.id !== 'string' || !event.id.startsWith('evt_') || typeof event.type !== 'string' || typeof event.created !== 'number' || !object || typeof object !== 'object') {
        throw new GatewaySignatureError(ID, 'The callback is not a Stripe event.');
      }
      const result: GatewayEvent = { id: event.id, type: event.type, createdAt: event.created * 1000 };
      const paymentIntentStatus: Record<string, GatewayEventStatus> = {
        'payment_intent.succeeded': 'succeeded',
        'payment_intent.processing': 'pending',
        'payment_intent.payment_failed': 'declined',
        'payment_intent.canceled': 'failed',
      };
      if (event.type in paymentIntentStatus && typeof object.id === 'string') {
        result.chargeRef = object.id;
        result.status = paymentIntentStatus[event.type]!;
        if (typeof object.amount === 'number') result.amountCents = object.amount;
      } else if (event.type === 'charge.refunded' && typeof object.payment_intent === 'string') {
        result.chargeRef = object.payment_intent;
        result.status = 'refunded';
        if (typeof object.amount_refunded === 'number') result.amountCents = object.amount_refunded;
      }
      return result;
    },
  };
}
