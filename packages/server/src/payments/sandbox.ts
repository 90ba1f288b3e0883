/**
 * The sandbox gateway: a pretend payment gateway for demos, development and tests, built with
 * the same separation as a real one.
 *
 * - `sandboxGatewayApp(options)` is the gateway's side: a small Hono app a deployment mounts
 *   at a path of its own (the demo: `/sandbox-gateway`). It serves the hosted-fields page the
 *   portal element embeds in an iframe (`GET /fields?kind=card|bank&origin=…`) and the
 *   tokenization endpoint that page posts to (`POST /tokens`). Card and bank numbers live only
 *   in the app's own memory (`SandboxStore`), never in Porchlight's store.
 * - `sandboxGateway({ app, publicUrl })` is Porchlight's side: it implements `PaymentGateway`
 *   by calling the app's `SandboxStore` in-process (no HTTP), and sees only tokens, references
 *   and last four digits.
 *
 * Test numbers (nothing else is accepted, so no real number is ever typed into a sandbox):
 *
 *   card 4242 4242 4242 4242   visa        approves
 *   card 5555 5555 5555 4444   mastercard  approves
 *   card 4000 0000 0000 0002   visa        declines: card_declined
 *   card 4000 0000 0000 9995   visa        declines: insufficient_funds
 *   card 4000 0000 0000 0119   visa        the gateway fails (processing error): charge throws GatewayUnavailableError
 *   any future expiry, any 3-digit security code (4 for none of these); a saved card past its expiry declines: expired_card
 *   bank routing 110000000, account 000123456789   approves
 *   bank routing 110000000, account 000111111116   declines: no_account
 *
 * Callbacks: after each charge and refund the sandbox signs an event
 * (`Sandbox-Signature: t=<unix>,v1=<hex of HMAC-SHA256(secret, "t." + body)>`) and hands it to
 * `onCallback` (e.g. a POST to the deployment's callback route); `verifyCallback` checks it.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { randomSecret } from '../crypto.js';
import { parseCallbackJson, readHeader, signCallback, verifySignatureHeader } from './callbacks.js';
import {
  checkChargeInput,
  checkRefundInput,
  GatewayRequestError,
  GatewaySignatureError,
  GatewayUnavailableError,
  type BrowserContext,
  type CallbackHeaders,
  type ChargeInput,
  type ChargeResult,
  type GatewayEvent,
  type GatewayEventStatus,
  type PaymentGateway,
  type PaymentMethodKind,
  type RefundInput,
  type RefundResult,
  type SavedMethod,
} from './gateway.js';
import { fieldsCsp, fieldsPage, REFUSED_CSP, refusedPage, type FieldsKind } from './sandbox-fields.js';

const ID = 'sandbox';
export const SANDBOX_SIGNATURE_HEADER = 'Sandbox-Signature';

type CardOutcome = { result: 'approve' } | { result: 'decline'; code: string } | { result: 'unavailable' };

/** The sandbox's test cards (digits only) and what charging them does. */
export const SANDBOX_TEST_CARDS: Readonly<Record<string, { brand: string; outcome: CardOutcome }>> = {
  '4242424242424242': { brand: 'visa', outcome: { result: 'approve' } },
  '5555555555554444': { brand: 'mastercard', outcome: { result: 'approve' } },
  '4000000000000002': { brand: 'visa', outcome: { result: 'decline', code: 'card_declined' } },
  '4000000000009995': { brand: 'visa', outcome: { result: 'decline', code: 'insufficient_funds' } },
  '4000000000000119': { brand: 'visa', outcome: { result: 'unavailable' } },
};
export const SANDBOX_TEST_ROUTING = '110000000';
/** The sandbox's test bank accounts (with routing 110000000). */
export const SANDBOX_TEST_BANK_ACCOUNTS: Readonly<Record<string, CardOutcome>> = {
  '000123456789': { result: 'approve' },
  '000111111116': { result: 'decline', code: 'no_account' },
};
const SANDBOX_BANK_NAME = 'Sandbox Test Bank';
const MAX_LIVE_TOKENS = 10_000;

const DECLINE_MESSAGES: Record<string, string> = {
  card_declined: 'The card was declined. Try another card or contact your bank.',
  insufficient_funds: 'The card has insufficient funds. Try another card.',
  expired_card: 'The card has expired. Add a current card.',
  no_account: 'The bank could not find this account. Check the numbers or use another account.',
};

/** What a token or a saved method holds inside the sandbox (and nowhere else). */
type Details =
  | { kind: 'card'; number: string; brand: string; expMonth: number; expYear: number }
  | { kind: 'bank'; routingNumber: string; accountNumber: string; accountHolderName: string };

export interface TokenSummary {
  kind: PaymentMethodKind;
  brand?: string;
  bankName?: string;
  last4: string;
  expMonth?: number;
  expYear?: number;
}

interface ChargeRecord {
  id: string;
  customerRef: string;
  amountCents: number;
  currency: string;
  status: ChargeResult['status'];
  refundedCents: number;
  metadata: Record<string, string>;
}

/** A signed callback the sandbox produced: the exact bytes and the headers to send with them. */
export interface SandboxCallback {
  body: Uint8Array;
  headers: Record<string, string>;
}

export interface SandboxStoreOptions {
  now?: () => number;
  /** How long a token from the fields page can be used (default 15 minutes). */
  tokenTtlSeconds?: number;
}

/** Field errors of a tokenization request, by input name. */
export class SandboxDetailsError extends Error {
  override name = 'SandboxDetailsError';
  constructor(readonly fields: Record<string, string>) {
    super('Please check the highlighted details.');
  }
}

/**
 * The sandbox gateway's own memory and processing: tokens, customers, saved methods, charges,
 * idempotency records. This is the "gateway's servers"; Porchlight's side talks to it only
 * through `sandboxGateway`. It is not Porchlight's `Store`, and it forgets everything on restart.
 */
export class SandboxStore {
  readonly #now: () => number;
  readonly #tokenTtlMs: number;
  readonly #tokens = new Map<string, { details: Details; expiresAt: number }>();
  readonly #customers = new Map<string, { dealerId: string; accountId: string; name: string; email?: string | undefined }>();
  readonly #customerByAccount = new Map<string, string>();
  readonly #methods = new Map<string, { customerRef: string; details: Details }>();
  readonly #charges = new Map<string, ChargeRecord>();
  readonly #idempotent = new Map<string, { fingerprint: string; result: Promise<unknown> }>();
  /** How many times money actually moved (charges made, not replays): for tests. */
  chargesMade = 0;
  /** Called with each event once it is recorded (sandboxGatewayApp signs and delivers it). */
  onEvent: ((event: Record<string, unknown>) => void) | undefined;

  constructor(options: SandboxStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#tokenTtlMs = (options.tokenTtlSeconds ?? 15 * 60) * 1000;
  }

  now(): number {
    return this.#now();
  }

  /** Checks raw details from the fields page and keeps them behind a single-use token. */
  tokenize(input: unknown): { token: string; summary: TokenSummary } {
    const details = parseDetails(input, this.#now());
    this.#sweep();
    // Memory is the sandbox's only storage: a flood of tokens is refused rather than kept.
    if (this.#tokens.size >= MAX_LIVE_TOKENS) throw new GatewayUnavailableError(ID, 'The sandbox gateway holds too many unused tokens; try again in a few minutes.', { status: 503 });
    const token = `tok_sbx_${randomSecret(16)}`;
    this.#tokens.set(token, { details, expiresAt: this.#now() + this.#tokenTtlMs });
    return { token, summary: summarize(details) };
  }

  ensureCustomer(input: { dealerId: string; accountId: string; name: string; email?: string | undefined }): string {
    const key = JSON.stringify([input.dealerId, input.accountId]);
    const existing = this.#customerByAccount.get(key);
    if (existing) return existing;
    const id = `cus_sbx_${randomSecret(10)}`;
    this.#customers.set(id, { dealerId: input.dealerId, accountId: input.accountId, name: input.name, email: input.email });
    this.#customerByAccount.set(key, id);
    return id;
  }

  saveMethod(customerRef: string, token: string): SavedMethod {
    this.#customer(customerRef);
    const details = this.#takeToken(token);
    const id = `pm_sbx_${randomSecret(12)}`;
    this.#methods.set(id, { customerRef, details });
    return { gatewayRef: id, ...summarize(details) };
  }

  listMethods(customerRef: string): SavedMethod[] {
    this.#customer(customerRef);
    return [...this.#methods].filter(([, m]) => m.customerRef === customerRef).map(([id, m]) => ({ gatewayRef: id, ...summarize(m.details) }));
  }

  removeMethod(gatewayRef: string): void {
    this.#methods.delete(gatewayRef);
  }

  /** Charges once per idempotency key; replays answer the first result. */
  async charge(input: ChargeInput): Promise<ChargeResult> {
    checkChargeInput(ID, input);
    const fingerprint = JSON.stringify([input.customerRef, input.methodRef ?? null, input.token ?? null, input.amountCents, input.currency.toLowerCase(), input.offSession]);
    return this.#once(`charge:${input.idempotencyKey}`, fingerprint, () => this.#charge(input));
  }

  async refund(input: RefundInput): Promise<RefundResult> {
    checkRefundInput(ID, input);
    return this.#once(`refund:${input.idempotencyKey}`, JSON.stringify([input.chargeRef, input.amountCents]), () => this.#refund(input));
  }

  /** A charge as the sandbox knows it (tests). */
  chargeRecord(chargeRef: string): Readonly<ChargeRecord> | undefined {
    return this.#charges.get(chargeRef);
  }

  #once<T>(key: string, fingerprint: string, work: () => T): Promise<T> {
    const previous = this.#idempotent.get(key);
    if (previous) {
      if (previous.fingerprint !== fingerprint) {
        return Promise.reject(new GatewayRequestError(ID, 'idempotency_mismatch', 'This idempotency key was already used with different parameters; use a new key for a different payment.', { status: 400 }));
      }
      return previous.result as Promise<T>;
    }
    // Recorded before any await, so concurrent calls with one key share one outcome.
    const result = Promise.resolve().then(work);
    this.#idempotent.set(key, { fingerprint, result });
    // An unknown outcome is not remembered: a retry with the same key tries again.
    result.catch(() => {
      if (this.#idempotent.get(key)?.result === result) this.#idempotent.delete(key);
    });
    return result;
  }

  #charge(input: ChargeInput): ChargeResult {
    this.#customer(input.customerRef);
    let details: Details;
    if (input.methodRef) {
      const method = this.#methods.get(input.methodRef);
      if (!method || method.customerRef !== input.customerRef) {
        return { status: 'failed', message: 'This payment method is no longer on file. Add it again or choose another.' };
      }
      details = method.details;
    } else {
      const token = this.#tokens.get(input.token!);
      if (!token || token.expiresAt <= this.#now()) {
        return { status: 'failed', message: 'The payment details expired before they were used. Enter them again.' };
      }
      details = token.details;
    }
    const outcome = outcomeOf(details, this.#now());
    if (outcome.result === 'unavailable') {
      throw new GatewayUnavailableError(ID, 'The sandbox gateway had a processing error (test card 4000 0000 0000 0119); the outcome is unknown.', { status: 502 });
    }
    if (input.token) this.#tokens.delete(input.token);
    const id = `ch_sbx_${randomSecret(12)}`;
    this.chargesMade += 1;
    const status = outcome.result === 'approve' ? 'succeeded' : 'declined';
    const record: ChargeRecord = { id, customerRef: input.customerRef, amountCents: input.amountCents, currency: input.currency.toLowerCase(), status, refundedCents: 0, metadata: { ...input.metadata } };
    this.#charges.set(id, record);
    this.#emit(status === 'succeeded' ? 'charge.succeeded' : 'charge.declined', record);
    if (outcome.result === 'decline') {
      return { status: 'declined', chargeRef: id, declineCode: outcome.code, message: DECLINE_MESSAGES[outcome.code] ?? 'The payment was declined.' };
    }
    return { status: 'succeeded', chargeRef: id, message: 'Payment received.' };
  }

  #refund(input: RefundInput): RefundResult {
    const charge = this.#charges.get(input.chargeRef);
    if (!charge) throw new GatewayRequestError(ID, 'not_found', `No sandbox charge ${input.chargeRef}.`, { status: 404 });
    if (charge.status !== 'succeeded') return { status: 'failed', message: 'Only a successful charge can be refunded.' };
    if (input.amountCents > charge.amountCents - charge.refundedCents) {
      return { status: 'failed', message: 'The refund is larger than what is left of the charge.' };
    }
    charge.refundedCents += input.amountCents;
    this.#emit('charge.refunded', charge, input.amountCents);
    return { status: 'succeeded', refundRef: `re_sbx_${randomSecret(12)}`, message: 'Refunded.' };
  }

  #emit(type: string, charge: ChargeRecord, amountCents = charge.amountCents): void {
    const event = {
      id: `evt_sbx_${randomSecret(12)}`,
      type,
      created: Math.floor(this.#now() / 1000),
      data: { chargeRef: charge.id, amountCents, currency: charge.currency, metadata: charge.metadata },
    };
    this.onEvent?.(event);
  }

  #customer(customerRef: string) {
    const customer = this.#customers.get(customerRef);
    if (!customer) throw new GatewayRequestError(ID, 'not_found', `No sandbox customer ${customerRef}.`, { status: 404 });
    return customer;
  }

  #takeToken(token: string): Details {
    const entry = typeof token === 'string' ? this.#tokens.get(token) : undefined;
    if (!entry || entry.expiresAt <= this.#now()) {
      throw new GatewayRequestError(ID, 'token_invalid', 'The token is unknown, used or expired: collect the details again.', { status: 400 });
    }
    this.#tokens.delete(token);
    return entry.details;
  }

  #sweep() {
    const now = this.#now();
    for (const [token, entry] of this.#tokens) if (entry.expiresAt <= now) this.#tokens.delete(token);
  }
}

function outcomeOf(details: Details, now: number): CardOutcome {
  if (details.kind === 'bank') return SANDBOX_TEST_BANK_ACCOUNTS[details.accountNumber] ?? { result: 'decline', code: 'no_account' };
  const date = new Date(now);
  const expired = details.expYear < date.getUTCFullYear() || (details.expYear === date.getUTCFullYear() && details.expMonth < date.getUTCMonth() + 1);
  if (expired) return { result: 'decline', code: 'expired_card' };
  return SANDBOX_TEST_CARDS[details.number]?.outcome ?? { result: 'decline', code: 'card_declined' };
}

function summarize(details: Details): TokenSummary {
  if (details.kind === 'card') return { kind: 'card', brand: details.brand, last4: details.number.slice(-4), expMonth: details.expMonth, expYear: details.expYear };
  return { kind: 'bank', bankName: SANDBOX_BANK_NAME, last4: details.accountNumber.slice(-4) };
}

const digits = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).replace(/[\s-]/g, '') : '');

export function luhnValid(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = number.charCodeAt(number.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function routingNumberValid(routing: string): boolean {
  if (!/^\d{9}$/.test(routing)) return false;
  const d = [...routing].map(Number);
  return (3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!)) % 10 === 0;
}

/** Checks what the fields page posted; throws SandboxDetailsError with per-field messages. */
function parseDetails(input: unknown, now: number): Details {
  const body = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const errors: Record<string, string> = {};
  if (body.kind === 'bank') {
    const accountHolderName = typeof body.accountHolderName === 'string' ? body.accountHolderName.trim() : '';
    const routingNumber = digits(body.routingNumber);
    const accountNumber = digits(body.accountNumber);
    if (accountHolderName.length === 0 || accountHolderName.length > 100) errors.accountHolderName = 'Enter the name on the account.';
    if (!routingNumberValid(routingNumber)) errors.routingNumber = 'Enter a 9-digit routing number.';
    else if (routingNumber !== SANDBOX_TEST_ROUTING) errors.routingNumber = `The sandbox accepts only its test routing number ${SANDBOX_TEST_ROUTING}.`;
    if (!/^\d{4,17}$/.test(accountNumber)) errors.accountNumber = 'Enter an account number of 4 to 17 digits.';
    else if (!(accountNumber in SANDBOX_TEST_BANK_ACCOUNTS)) errors.accountNumber = 'The sandbox accepts only its test account numbers (e.g. 000123456789).';
    if (Object.keys(errors).length) throw new SandboxDetailsError(errors);
    return { kind: 'bank', routingNumber, accountNumber, accountHolderName };
  }
  if (body.kind !== 'card') throw new SandboxDetailsError({ kind: 'Choose card or bank.' });
  const number = digits(body.number);
  if (!luhnValid(number)) errors.number = 'Enter a valid card number.';
  else if (!(number in SANDBOX_TEST_CARDS)) errors.number = 'The sandbox accepts only its test cards (e.g. 4242 4242 4242 4242).';
  const month = Number(digits(body.expMonth));
  let year = Number(digits(body.expYear));
  if (year >= 0 && year < 100) year += 2000;
  const date = new Date(now);
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(year) || year > date.getUTCFullYear() + 20) {
    errors.exp = 'Enter the expiry as MM/YY.';
  } else if (year < date.getUTCFullYear() || (year === date.getUTCFullYear() && month < date.getUTCMonth() + 1)) {
    errors.exp = 'This card has expired.';
  }
  // The security code is checked and then dropped: it is never kept, not even here.
  if (!/^\d{3,4}$/.test(digits(body.cvc))) errors.cvc = 'Enter the 3 or 4 digit security code.';
  if (Object.keys(errors).length) throw new SandboxDetailsError(errors);
  return { kind: 'card', number, brand: SANDBOX_TEST_CARDS[number]!.brand, expMonth: month, expYear: year };
}

// ---------------------------------------------------------------------------------------------
// The gateway's side: the app a deployment mounts

export interface SandboxGatewayAppOptions {
  /** Signs callbacks (at least 24 characters). Porchlight's side verifies with the same secret. */
  secret: string;
  /**
   * Exact origins (scheme://host[:port]) of the pages allowed to embed the fields page; its
   * tokens are posted to that origin and nowhere else. Usually the dealer's `allowedOrigins`.
   */
  allowedOrigins: readonly string[];
  /** The sandbox's own memory (default: a new one). Never Porchlight's Store. */
  store?: SandboxStore;
  now?: () => number;
  /** Receives each signed callback (e.g. POST it to the portal's callback route). Errors go to `onError`. */
  onCallback?: (callback: SandboxCallback) => void | Promise<void>;
  onError?: (error: unknown) => void;
}

export interface SandboxGatewayApp extends Hono {
  /** The sandbox's memory and processing, shared in-process with `sandboxGateway`. */
  readonly sandbox: SandboxStore;
  /** The callback secret (read by `sandboxGateway` in the same process). */
  readonly callbackSecret: string;
  /** Signs an event body the way the sandbox does (tests). */
  signCallback(event: unknown, timestampSeconds?: number): SandboxCallback;
  /** Resolves once callbacks handed to `onCallback` have settled (tests, shutdown). */
  settled(): Promise<void>;
}

function checkOrigins(origins: readonly string[]): Set<string> {
  if (!Array.isArray(origins)) throw new TypeError('sandboxGatewayApp: `allowedOrigins` must be a list of exact origins.');
  for (const origin of origins) {
    let ok = false;
    try {
      const url = new URL(origin);
      ok = (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === origin;
    } catch {
      ok = false;
    }
    if (!ok) throw new TypeError(`sandboxGatewayApp: "${origin}" is not an exact origin such as https://www.example.com (no path, no trailing slash).`);
  }
  return new Set(origins);
}

export function sandboxGatewayApp(options: SandboxGatewayAppOptions): SandboxGatewayApp {
  if (typeof options?.secret !== 'string' || options.secret.length < 24) throw new TypeError('sandboxGatewayApp: `secret` must be at least 24 characters.');
  const allowed = checkOrigins(options.allowedOrigins);
  const now = options.now ?? Date.now;
  const sandbox = options.store ?? new SandboxStore({ now });
  const secret = options.secret;
  const pending = new Set<Promise<unknown>>();
  const report = options.onError ?? ((error: unknown) => console.error('[porchlight sandbox gateway]', error));

  const sign = (event: unknown, timestampSeconds = Math.floor(now() / 1000)): SandboxCallback => {
    const body = new TextEncoder().encode(JSON.stringify(event));
    return { body, headers: { 'content-type': 'application/json', 'sandbox-signature': signCallback(secret, body, timestampSeconds) } };
  };
  sandbox.onEvent = (event) => {
    const deliver = options.onCallback;
    if (!deliver) return;
    const callback = sign(event);
    const work = Promise.resolve()
      .then(() => deliver(callback))
      .catch(report)
      .finally(() => pending.delete(work));
    pending.add(work);
  };

  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
  });

  app.get('/fields', (c) => {
    const kind = c.req.query('kind');
    const origin = c.req.query('origin') ?? '';
    const refuse = (message: string, status: 400 | 403) => {
      c.header('Content-Security-Policy', REFUSED_CSP);
      return c.html(refusedPage(message), status);
    };
    if (kind !== 'card' && kind !== 'bank') return refuse('Ask for kind=card or kind=bank.', 400);
    if (!allowed.has(origin)) return refuse('This page is not allowed to show the sandbox payment fields. Add its origin to the sandbox gateway’s allowedOrigins.', 403);
    c.header('Content-Security-Policy', fieldsCsp(origin));
    return c.html(fieldsPage(kind as FieldsKind, origin));
  });

  app.post(
    '/tokens',
    bodyLimit({ maxSize: 4 * 1024, onError: (c) => c.json({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request is too large.' } }, 413) }),
    async (c) => {
      if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
        return c.json({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the details as application/json.' } }, 415);
      }
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return c.json({ error: { code: 'MALFORMED_JSON', message: 'The request could not be read.' } }, 400);
      }
      try {
        return c.json(sandbox.tokenize(body), 201);
      } catch (error) {
        if (error instanceof SandboxDetailsError) return c.json({ error: { code: 'VALIDATION', message: error.message, fields: error.fields } }, 400);
        if (error instanceof GatewayUnavailableError) return c.json({ error: { code: 'UNAVAILABLE', message: error.message } }, 503);
        throw error;
      }
    },
  );
  app.onError((error, c) => {
    report(error);
    return c.json({ error: { code: 'INTERNAL', message: 'The sandbox gateway failed.' } }, 500);
  });

  return Object.assign(app, {
    sandbox,
    callbackSecret: secret,
    signCallback: sign,
    async settled() {
      while (pending.size) await Promise.all([...pending]);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Porchlight's side: the PaymentGateway

export interface SandboxGatewayOptions {
  /** The mounted sandbox app (shared in-process). */
  app: SandboxGatewayApp;
  /** The absolute URL the app is mounted at, as browsers reach it (e.g. https://portal.example/sandbox-gateway). */
  publicUrl: string;
  /** Verifies callbacks (default: the app's secret). */
  callbackSecret?: string;
  now?: () => number;
}

export function sandboxGateway(options: SandboxGatewayOptions): PaymentGateway {
  const { app } = options;
  if (!app?.sandbox) throw new TypeError('sandboxGateway: pass `app`, the sandboxGatewayApp(…) you mounted.');
  let base: URL;
  try {
    base = new URL(options.publicUrl);
    if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new Error();
  } catch {
    throw new TypeError('sandboxGateway: `publicUrl` must be the absolute http(s) URL the sandbox app is mounted at.');
  }
  const fieldsUrl = `${base.href.replace(/\/+$/, '')}/fields`;
  const secret = options.callbackSecret ?? app.callbackSecret;
  const now = options.now ?? (() => app.sandbox.now());
  const store = app.sandbox;

  return {
    id: ID,
    browserConfig(_ctx: BrowserContext) {
      return { kind: 'sandbox', fieldsUrl, fieldsOrigin: base.origin };
    },
    async ensureCustomer(input) {
      return { customerRef: store.ensureCustomer(input) };
    },
    async createSetup() {
      return {};
    },
    async saveMethod(input) {
      return store.saveMethod(input.customerRef, input.token);
    },
    async listMethods(customerRef) {
      return store.listMethods(customerRef);
    },
    async removeMethod(gatewayRef) {
      store.removeMethod(gatewayRef);
    },
    charge: (input) => store.charge(input),
    refund: (input) => store.refund(input),
    async verifyCallback(rawBody: Uint8Array, headers: CallbackHeaders): Promise<GatewayEvent> {
      verifySignatureHeader({
        gatewayId: ID,
        headerName: SANDBOX_SIGNATURE_HEADER,
        header: readHeader(headers, SANDBOX_SIGNATURE_HEADER),
        rawBody,
        secrets: [secret],
        nowMs: now(),
      });
      const event = parseCallbackJson(ID, rawBody);
      const data = event.data as Record<string, unknown> | undefined;
      if (typeof event.id !== 'string' || !/^evt_sbx_[a-z0-9]+$/.test(event.id) || typeof event.type !== 'string' || typeof event.created !== 'number' || !data || typeof data !== 'object') {
        throw new GatewaySignatureError(ID, 'The callback is not a sandbox event.');
      }
      const statuses: Record<string, GatewayEventStatus> = { 'charge.succeeded': 'succeeded', 'charge.declined': 'declined', 'charge.refunded': 'refunded' };
      const result: GatewayEvent = { id: event.id, type: event.type, createdAt: event.created * 1000 };
      if (typeof data.chargeRef === 'string') result.chargeRef = data.chargeRef;
      if (typeof data.amountCents === 'number') result.amountCents = data.amountCents;
      const status = statuses[event.type];
      if (status) result.status = status;
      return result;
    },
  };
}
