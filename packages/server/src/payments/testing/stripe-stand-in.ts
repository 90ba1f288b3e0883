/**
 * A local stand-in for the subset of Stripe's REST API that `stripeGateway` uses. Test code,
 * not shipped. It answers in Stripe's response shapes, checks the bearer key and the form
 * encoding, honours `Idempotency-Key` (same key and same parameters → the saved response with
 * `Idempotent-Replayed: true`; same key and other parameters → 400 `idempotency_error`), and
 * knows Stripe's documented test payment methods:
 *
 *   pm_card_visa, pm_card_mastercard            succeed
 *   pm_card_chargeDeclined                      declines (card_declined / generic_decline); also refused on attach
 *   pm_card_chargeDeclinedInsufficientFunds     declines (card_declined / insufficient_funds); refused on attach
 *   pm_card_chargeCustomerFail                  attaches, then every charge declines (card_declined)
 *   pm_card_authenticationRequired              needs authentication: off-session → 402 authentication_required,
 *                                               on-session → requires_action
 *   pm_usBankAccount (stand-in only)            a US bank account; charges are `processing`
 *
 * `failNext(status)` makes the next request(s) answer a server error, to test unknown outcomes.
 */
import { createHmac } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';

type Behaviour = 'succeed' | 'decline' | 'insufficient' | 'customerFail' | 'authRequired' | 'bank';

const MAGIC: Record<string, { behaviour: Behaviour; card?: { brand: string; last4: string }; bank?: { bank_name: string; last4: string } }> = {
  pm_card_visa: { behaviour: 'succeed', card: { brand: 'visa', last4: '4242' } },
  pm_card_mastercard: { behaviour: 'succeed', card: { brand: 'mastercard', last4: '4444' } },
  pm_card_chargeDeclined: { behaviour: 'decline', card: { brand: 'visa', last4: '0002' } },
  pm_card_chargeDeclinedInsufficientFunds: { behaviour: 'insufficient', card: { brand: 'visa', last4: '9995' } },
  pm_card_chargeCustomerFail: { behaviour: 'customerFail', card: { brand: 'visa', last4: '0341' } },
  pm_card_authenticationRequired: { behaviour: 'authRequired', card: { brand: 'visa', last4: '3184' } },
  pm_usBankAccount: { behaviour: 'bank', bank: { bank_name: 'STRIPE TEST BANK', last4: '6789' } },
};

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** The decoded form body (POST) or query (GET), as Stripe reads it: `a[b]` and `a[]` keys as sent. */
  params: URLSearchParams;
}

interface PaymentMethodRecord {
  id: string;
  behaviour: Behaviour;
  type: 'card' | 'us_bank_account';
  card?: { brand: string; last4: string };
  bank?: { bank_name: string; last4: string };
  customer: string | null;
  created: number;
}

export interface StripeStandInState {
  secretKey: string;
  requests: RecordedRequest[];
  customers: Map<string, any>;
  paymentMethods: Map<string, PaymentMethodRecord>;
  setupIntents: Map<string, any>;
  paymentIntents: Map<string, any>;
  refunds: Map<string, any>;
  /** Statuses the next requests answer with instead of being processed. */
  failures: number[];
}

const rid = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
const created = () => Math.floor(Date.now() / 1000);

function stripeError(c: Context, status: number, error: Record<string, unknown>) {
  return c.json({ error: { ...error, doc_url: error.code ? `https://docs.stripe.com/error-codes/${String(error.code).replace(/_/g, '-')}` : undefined } }, status as 400);
}

function pmObject(pm: PaymentMethodRecord) {
  return {
    id: pm.id,
    object: 'payment_method',
    type: pm.type,
    customer: pm.customer,
    created: pm.created,
    livemode: false,
    billing_details: { address: null, email: null, name: null, phone: null },
    metadata: {},
    ...(pm.card ? { card: { brand: pm.card.brand, last4: pm.card.last4, exp_month: 12, exp_year: 2034, funding: 'credit', country: 'US' } } : {}),
    ...(pm.bank ? { us_bank_account: { bank_name: pm.bank.bank_name, last4: pm.bank.last4, account_holder_type: 'individual', account_type: 'checking', routing_number: '110000000' } } : {}),
  };
}

/** The Hono app (for `app.request()` or serving). */
export function stripeStandInApp(state: StripeStandInState): Hono {
  const app = new Hono();
  const idempotent = new Map<string, { fingerprint: string; response: Promise<{ status: number; body: unknown }> }>();

  // Clones a magic test id into a new PaymentMethod, as Stripe does; returns stored ones as they are.
  const resolvePm = (id: string): PaymentMethodRecord | undefined => {
    const stored = state.paymentMethods.get(id);
    if (stored) return stored;
    const magic = MAGIC[id];
    if (!magic) return undefined;
    const pm: PaymentMethodRecord = { id: rid('pm'), behaviour: magic.behaviour, type: magic.bank ? 'us_bank_account' : 'card', customer: null, created: created() };
    if (magic.card) pm.card = magic.card;
    if (magic.bank) pm.bank = magic.bank;
    state.paymentMethods.set(pm.id, pm);
    return pm;
  };
  const noSuch = (c: Context, what: string, id: string, param: string) =>
    stripeError(c, 404, { type: 'invalid_request_error', code: 'resource_missing', param, message: `No such ${what}: '${id}'` });

  app.use('*', async (c, next) => {
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((value, key) => (headers[key] = value));
    let params: URLSearchParams;
    if (c.req.method === 'POST') {
      if (!(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
        return stripeError(c, 400, { type: 'invalid_request_error', message: 'Stripe expects application/x-www-form-urlencoded bodies.' });
      }
      params = new URLSearchParams(await c.req.text());
    } else {
      params = new URL(c.req.url).searchParams;
    }
    state.requests.push({ method: c.req.method, path: new URL(c.req.url).pathname, headers, params });
    if (headers.authorization !== `Bearer ${state.secretKey}`) {
      return stripeError(c, 401, { type: 'invalid_request_error', message: 'Invalid API Key provided.' });
    }
    if (!headers['stripe-version']) return stripeError(c, 400, { type: 'invalid_request_error', message: 'Pin a Stripe-Version.' });
    const failure = state.failures.shift();
    if (failure !== undefined) return stripeError(c, failure, { type: 'api_error', message: 'An unknown error occurred (stand-in).' });
    c.set('params' as never, params as never);

    const key = headers['idempotency-key'];
    if (c.req.method !== 'POST') return next();
    if (!key) return stripeError(c, 400, { type: 'invalid_request_error', message: 'The stand-in expects an Idempotency-Key on every POST.' });
    const sorted = [...params].sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a.localeCompare(b)));
    const fingerprint = JSON.stringify([c.req.method, new URL(c.req.url).pathname, sorted]);
    const previous = idempotent.get(key);
    if (previous) {
      if (previous.fingerprint !== fingerprint) {
        return stripeError(c, 400, {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        });
      }
      const saved = await previous.response;
      c.header('Idempotent-Replayed', 'true');
      return c.json(saved.body as object, saved.status as 200);
    }
    // Saved before the work runs, so concurrent requests with one key share one execution.
    let settle!: (value: { status: number; body: unknown }) => void;
    idempotent.set(key, { fingerprint, response: new Promise((resolve) => (settle = resolve)) });
    await next();
    const clone = c.res.clone();
    settle({ status: clone.status, body: await clone.json() });
  });
  const P = (c: Context) => c.get('params' as never) as URLSearchParams;
  const metadata = (p: URLSearchParams) => Object.fromEntries([...p].filter(([k]) => k.startsWith('metadata[')).map(([k, v]) => [k.slice(9, -1), v]));

  app.post('/v1/customers', (c) => {
    const p = P(c);
    const customer = { id: rid('cus'), object: 'customer', name: p.get('name'), email: p.get('email'), metadata: metadata(p), created: created(), livemode: false };
    state.customers.set(customer.id, customer);
    return c.json(customer);
  });

  app.get('/v1/customers/:id/payment_methods', (c) => {
    const id = c.req.param('id');
    if (!state.customers.has(id)) return noSuch(c, 'customer', id, 'customer');
    const data = [...state.paymentMethods.values()].filter((pm) => pm.customer === id).map(pmObject);
    return c.json({ object: 'list', data, has_more: false, url: `/v1/customers/${id}/payment_methods` });
  });

  app.post('/v1/setup_intents', (c) => {
    const p = P(c);
    const customer = p.get('customer');
    if (customer && !state.customers.has(customer)) return noSuch(c, 'customer', customer, 'customer');
    const types = p.getAll('payment_method_types[]');
    const id = rid('seti');
    const intent = {
      id,
      object: 'setup_intent',
      client_secret: `${id}_secret_${randomBytes(12).toString('hex')}`,
      customer,
      usage: p.get('usage') ?? 'off_session',
      payment_method_types: types.length ? types : ['card'],
      status: 'requires_payment_method',
      created: created(),
      livemode: false,
    };
    state.setupIntents.set(id, intent);
    return c.json(intent);
  });

  app.get('/v1/payment_methods/:id', (c) => {
    const pm = resolvePm(c.req.param('id'));
    return pm ? c.json(pmObject(pm)) : noSuch(c, 'PaymentMethod', c.req.param('id'), 'payment_method');
  });

  app.post('/v1/payment_methods/:id/attach', (c) => {
    const customer = P(c).get('customer');
    if (!customer) return stripeError(c, 400, { type: 'invalid_request_error', code: 'parameter_missing', param: 'customer', message: 'Missing required param: customer.' });
    if (!state.customers.has(customer)) return noSuch(c, 'customer', customer, 'customer');
    const pm = resolvePm(c.req.param('id'));
    if (!pm) return noSuch(c, 'PaymentMethod', c.req.param('id'), 'payment_method');
    if (pm.behaviour === 'decline' || pm.behaviour === 'insufficient') {
      return stripeError(c, 402, { type: 'card_error', code: 'card_declined', decline_code: pm.behaviour === 'decline' ? 'generic_decline' : 'insufficient_funds', message: 'Your card was declined.' });
    }
    if (pm.customer && pm.customer !== customer) {
      return stripeError(c, 400, { type: 'invalid_request_error', message: 'The payment method you provided has already been attached to a customer.' });
    }
    pm.customer = customer;
    return c.json(pmObject(pm));
  });

  app.post('/v1/payment_methods/:id/detach', (c) => {
    const pm = state.paymentMethods.get(c.req.param('id'));
    if (!pm) return noSuch(c, 'PaymentMethod', c.req.param('id'), 'payment_method');
    if (!pm.customer) return stripeError(c, 400, { type: 'invalid_request_error', message: 'The payment method you provided is not attached to a customer so detachment is impossible.' });
    pm.customer = null;
    return c.json(pmObject(pm));
  });

  app.post('/v1/payment_intents', (c) => {
    const p = P(c);
    const amount = Number(p.get('amount'));
    const currency = p.get('currency');
    if (!p.get('amount') || !/^\d+$/.test(p.get('amount')!)) return stripeError(c, 400, { type: 'invalid_request_error', code: 'parameter_missing', param: 'amount', message: 'Missing required param: amount.' });
    if (!currency || !/^[a-z]{3}$/.test(currency)) return stripeError(c, 400, { type: 'invalid_request_error', code: 'parameter_missing', param: 'currency', message: 'Missing required param: currency.' });
    if (amount < 50) return stripeError(c, 400, { type: 'invalid_request_error', code: 'amount_too_small', param: 'amount', message: 'Amount must be at least $0.50 usd.' });
    const customer = p.get('customer');
    if (customer && !state.customers.has(customer)) return noSuch(c, 'customer', customer, 'customer');
    const pmId = p.get('payment_method');
    const pm = pmId ? resolvePm(pmId) : undefined;
    if (!pm) return noSuch(c, 'PaymentMethod', pmId ?? '', 'payment_method');
    if (pm.customer && pm.customer !== customer) {
      return stripeError(c, 400, { type: 'invalid_request_error', param: 'payment_method', message: 'The provided PaymentMethod belongs to another Customer.' });
    }
    if (p.get('confirm') !== 'true') return stripeError(c, 400, { type: 'invalid_request_error', message: 'The stand-in only supports confirm=true.' });
    const offSession = p.get('off_session') === 'true';
    if (p.get('automatic_payment_methods[enabled]') === 'true' && p.get('automatic_payment_methods[allow_redirects]') !== 'never' && !p.get('return_url')) {
      return stripeError(c, 400, { type: 'invalid_request_error', param: 'return_url', message: 'A return_url is required when redirects are allowed.' });
    }
    const id = rid('pi');
    const intent: any = {
      id,
      object: 'payment_intent',
      amount,
      amount_received: 0,
      currency,
      customer: customer ?? null,
      payment_method: pm.id,
      description: p.get('description'),
      metadata: metadata(p),
      client_secret: `${id}_secret_${randomBytes(12).toString('hex')}`,
      confirmation_method: 'automatic',
      capture_method: 'automatic',
      created: created(),
      livemode: false,
      latest_charge: null,
      last_payment_error: null,
      next_action: null,
      status: 'requires_payment_method',
    };
    state.paymentIntents.set(id, intent);
    const decline = (code: string, decline_code: string, message: string) => {
      const charge = rid('ch');
      intent.latest_charge = charge;
      intent.last_payment_error = { type: 'card_error', code, decline_code, message, charge, payment_method: pmObject(pm) };
      return stripeError(c, 402, { type: 'card_error', code, decline_code, message, charge, payment_intent: intent, payment_method: pmObject(pm) });
    };
    switch (pm.behaviour) {
      case 'decline':
      case 'customerFail':
        return decline('card_declined', 'generic_decline', 'Your card was declined.');
      case 'insufficient':
        return decline('card_declined', 'insufficient_funds', 'Your card has insufficient funds.');
      case 'authRequired':
        if (offSession) {
          intent.last_payment_error = { type: 'card_error', code: 'authentication_required', decline_code: 'authentication_required', message: 'Your card was declined. This transaction requires authentication.' };
          return stripeError(c, 402, { ...intent.last_payment_error, payment_intent: intent, payment_method: pmObject(pm) });
        }
        intent.status = 'requires_action';
        intent.next_action = { type: 'use_stripe_sdk', use_stripe_sdk: {} };
        return c.json(intent);
      case 'bank':
        intent.status = 'processing';
        return c.json(intent);
      default:
        intent.status = 'succeeded';
        intent.amount_received = amount;
        intent.latest_charge = rid('ch');
        return c.json(intent);
    }
  });

  app.post('/v1/refunds', (c) => {
    const p = P(c);
    const piId = p.get('payment_intent') ?? '';
    const intent = state.paymentIntents.get(piId);
    if (!intent) return noSuch(c, 'payment_intent', piId, 'payment_intent');
    if (intent.status !== 'succeeded') return stripeError(c, 400, { type: 'invalid_request_error', code: 'charge_not_refundable', message: 'This PaymentIntent does not have a successful charge to refund.' });
    const refunded = [...state.refunds.values()].filter((r) => r.payment_intent === piId).reduce((sum, r) => sum + r.amount, 0);
    const amount = p.has('amount') ? Number(p.get('amount')) : intent.amount - refunded;
    if (refunded >= intent.amount) return stripeError(c, 400, { type: 'invalid_request_error', code: 'charge_already_refunded', message: `Charge ${intent.latest_charge} has already been refunded.` });
    if (amount > intent.amount - refunded) {
      return stripeError(c, 400, { type: 'invalid_request_error', code: 'amount_too_large', param: 'amount', message: 'Refund amount is greater than unrefunded amount on charge.' });
    }
    const refund = { id: rid('re'), object: 'refund', amount, currency: intent.currency, charge: intent.latest_charge, payment_intent: piId, status: 'succeeded', reason: null, metadata: {}, created: created() };
    state.refunds.set(refund.id, refund);
    return c.json(refund);
  });

  app.all('*', (c) => stripeError(c, 404, { type: 'invalid_request_error', message: `Unrecognized request URL (${c.req.method}: ${new URL(c.req.url).pathname}).` }));
  return app;
}

export interface StripeStandIn {
  /** Base URL to pass as `apiBase`. */
  url: string;
  secretKey: string;
  state: StripeStandInState;
  /** The next `count` requests answer `status` (default one 500). */
  failNext(status?: number, count?: number): void;
  /** POST requests made to `path` (for counting charges and reading headers). */
  posts(path: string): RecordedRequest[];
  close(): Promise<void>;
}

/** Starts the stand-in on a random local port. */
export async function startStripeStandIn(options: { secretKey?: string } = {}): Promise<StripeStandIn> {
  const state: StripeStandInState = {
    secretKey: options.secretKey ?? 'sk_test_standin0123456789',
    requests: [],
    customers: new Map(),
    paymentMethods: new Map(),
    setupIntents: new Map(),
    paymentIntents: new Map(),
    refunds: new Map(),
    failures: [],
  };
  const app = stripeStandInApp(state);
  let server!: ServerType;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    secretKey: state.secretKey,
    state,
    failNext(status = 500, count = 1) {
      for (let i = 0; i < count; i++) state.failures.push(status);
    },
    posts(path) {
      return state.requests.filter((r) => r.method === 'POST' && r.path === path);
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/**
 * Signs a webhook body as Stripe does — `t=<unix>,v1=<hex HMAC-SHA256 of "t.body">` — with
 * node:crypto (independently of the code under test).
 */
export function signStripeWebhook(secret: string, body: string, timestampSeconds: number): string {
  const signature = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex');
  return `t=${timestampSeconds},v1=${signature}`;
}

/** A Stripe event envelope as webhooks deliver it. */
export function stripeEvent(type: string, object: Record<string, unknown>, createdSeconds = created()) {
  return { id: rid('evt'), object: 'event', api_version: '2025-03-31.basil', created: createdSeconds, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type, data: { object } };
}
