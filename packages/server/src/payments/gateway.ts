/**
 * The payment Gateway port: what Porchlight asks of a payment gateway, and nothing more.
 *
 * Card and bank numbers never reach Porchlight's server. The browser half of a gateway collects
 * them inside the gateway's own field or page and hands the portal element a token (a sandbox
 * token, or a Stripe PaymentMethod id); the server half — an implementation of this interface —
 * turns tokens into saved methods, charges them, refunds, and verifies the gateway's callbacks.
 * What Porchlight keeps is the gateway's references plus brand, bank name, last four and expiry.
 *
 * Implementations: `sandboxGateway` (./sandbox.ts, in-process, for demos and tests) and
 * `stripeGateway` (./stripe.ts). Plain TypeScript types on purpose: the billing schemas in core
 * describe Porchlight's records; this file describes the gateway boundary.
 */

export type PaymentMethodKind = 'card' | 'bank';

/** Who asks for the browser configuration: the request's dealer and the embedding page's origin. */
export interface BrowserContext {
  dealerId: string;
  /** The origin of the page that embeds the portal, when the request came from one. */
  origin?: string | undefined;
}

/**
 * What the browser needs to collect payment details.
 * - sandbox: an iframe of `fieldsUrl?kind=card|bank&origin=<the page's own origin>`; accept
 *   `message` events only when `event.origin === fieldsOrigin` and
 *   `event.data.type === 'porchlight-sandbox-token'`.
 * - stripe: Stripe.js with `publishableKey`, confirming the SetupIntent from `createSetup`.
 */
export type GatewayBrowserConfig =
  | { kind: 'sandbox'; fieldsUrl: string; fieldsOrigin: string }
  | { kind: 'stripe'; publishableKey: string };

export interface CustomerInput {
  dealerId: string;
  accountId: string;
  name: string;
  email?: string | undefined;
}

export interface SetupInput {
  customerRef: string;
  kind: PaymentMethodKind;
}

export interface SetupResult {
  /** Stripe: the SetupIntent's client secret, for `stripe.confirmCardSetup` / `confirmUsBankAccountSetup`. */
  clientSecret?: string;
  /** The gateway's id for the setup (Stripe: `seti_…`). */
  setupRef?: string;
}

export interface SaveMethodInput {
  customerRef: string;
  /** What the browser half handed over: a sandbox token, or a Stripe PaymentMethod id (`pm_…`). */
  token: string;
}

/** A saved payment method as Porchlight may keep it: references and display details only. */
export interface SavedMethod {
  gatewayRef: string;
  kind: PaymentMethodKind;
  /** Cards: `visa`, `mastercard`, `amex`, `discover`, … as the gateway names them. */
  brand?: string;
  /** Bank accounts: the bank's name when the gateway knows it. */
  bankName?: string;
  last4: string;
  /** Cards: 1–12. */
  expMonth?: number;
  /** Cards: four digits. */
  expYear?: number;
}

export interface ChargeInput {
  customerRef: string;
  /** A saved method (`SavedMethod.gatewayRef`) … */
  methodRef?: string;
  /** … or a one-off token from the browser half. Exactly one of the two. */
  token?: string;
  /** Positive integer in the currency's minor unit. */
  amountCents: number;
  /** ISO 4217, e.g. `usd` (case-insensitive). */
  currency: string;
  /**
   * One key per intended payment (e.g. `inv_…:attempt-1`). Retrying with the same key and the
   * same parameters never charges twice; reusing it with different parameters is a
   * `GatewayRequestError` with code `idempotency_mismatch`.
   */
  idempotencyKey: string;
  /** True when the client is not present (autopay): no authentication can be asked for. */
  offSession: boolean;
  description: string;
  /** Up to 20 keys (≤ 40 characters) with values of ≤ 500 characters. Ids, never card data. */
  metadata: Record<string, string>;
}

export type ChargeStatus = 'succeeded' | 'declined' | 'failed' | 'pending';

/**
 * The outcome of a charge. A decline is an answer, not an exception.
 * - succeeded: the money is taken.
 * - declined: the issuer or bank said no (`declineCode` says why); nothing was taken.
 * - failed: the gateway refused the request for another definite reason (e.g. the saved
 *   method no longer exists); nothing was taken.
 * - pending: not final yet (bank debits; an on-session card awaiting the client's
 *   authentication — then `clientSecret` is set for the browser). A callback settles it.
 */
export interface ChargeResult {
  status: ChargeStatus;
  chargeRef?: string;
  declineCode?: string;
  /** A sentence a person can read (the client for declines, the dealer for failures). */
  message: string;
  /** Stripe, on-session only: the PaymentIntent's client secret when authentication is needed. */
  clientSecret?: string;
}

export interface RefundInput {
  chargeRef: string;
  amountCents: number;
  idempotencyKey: string;
}

export interface RefundResult {
  status: 'succeeded' | 'pending' | 'failed';
  refundRef?: string;
  message: string;
}

/** Request headers: a Fetch `Headers` (e.g. `c.req.raw.headers`) or a plain object. */
export type CallbackHeaders = Headers | Record<string, string | string[] | undefined>;

export type GatewayEventStatus = ChargeStatus | 'refunded';

/** A verified gateway callback, reduced to what Porchlight acts on. */
export interface GatewayEvent {
  /** The gateway's event id: remember it (see `ProcessedEvents`) so a replay is not acted on twice. */
  id: string;
  /** The gateway's own event type, e.g. `payment_intent.succeeded` or `charge.succeeded`. */
  type: string;
  chargeRef?: string;
  status?: GatewayEventStatus;
  amountCents?: number;
  /** When the gateway created the event (ms since the epoch). */
  createdAt: number;
}

/**
 * The server half of a payment gateway. Every method talks to the gateway; none of them ever
 * receives a card or bank number.
 */
export interface PaymentGateway {
  /** A short lower-case name (`sandbox`, `stripe`): part of stored references and callback routes. */
  readonly id: string;
  /** What the browser half needs (never a secret). */
  browserConfig(ctx: BrowserContext): GatewayBrowserConfig;
  /** Creates the gateway's customer for an account. Call once per account and keep `customerRef`. */
  ensureCustomer(input: CustomerInput): Promise<{ customerRef: string }>;
  /** Starts collecting a method to save (Stripe: a SetupIntent with `usage=off_session`). */
  createSetup(input: SetupInput): Promise<SetupResult>;
  /** Attaches what the browser half produced to the customer and describes it. */
  saveMethod(input: SaveMethodInput): Promise<SavedMethod>;
  /** The customer's saved methods, as the gateway knows them (for reconciliation). */
  listMethods(customerRef: string): Promise<SavedMethod[]>;
  /** Detaches a saved method. Removing one that is already gone is not an error. */
  removeMethod(gatewayRef: string): Promise<void>;
  /**
   * Charges a saved method or a one-off token. Never throws for a decline. Throws
   * `GatewayUnavailableError` when the outcome is unknown (network, timeout, 5xx, 429, a
   * concurrent request with the same key): retry later with the same idempotency key.
   * Throws `GatewayRequestError` for the caller's mistakes (bad input, key reused with
   * different parameters, wrong credentials).
   */
  charge(input: ChargeInput): Promise<ChargeResult>;
  /** Refunds part or all of a charge; same error rules as `charge`. */
  refund(input: RefundInput): Promise<RefundResult>;
  /**
   * Verifies a callback (webhook) from the gateway: signature over the exact raw body, a
   * timestamp at most 5 minutes old, and the body's format. Throws `GatewaySignatureError`
   * otherwise. It does not remember event ids: pass the event to `processCallbackOnce`.
   */
  verifyCallback(rawBody: Uint8Array, headers: CallbackHeaders): Promise<GatewayEvent>;
}

// ---------------------------------------------------------------------------------------------
// Errors

export class GatewayError extends Error {
  override name = 'GatewayError';
  readonly gatewayId: string;
  constructor(gatewayId: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.gatewayId = gatewayId;
  }
}

/**
 * The gateway could not be reached or answered with a server error: the outcome is unknown.
 * Never tell the client "declined" for this; retry with the same idempotency key.
 */
export class GatewayUnavailableError extends GatewayError {
  override name = 'GatewayUnavailableError';
  /** The gateway's HTTP status when there was one. */
  readonly status: number | undefined;
  constructor(gatewayId: string, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(gatewayId, message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
  }
}

/** A callback whose signature, timestamp or format is not right. Answer 400 and act on nothing. */
export class GatewaySignatureError extends GatewayError {
  override name = 'GatewaySignatureError';
}

export type GatewayRequestErrorCode = 'invalid_request' | 'idempotency_mismatch' | 'not_found' | 'authentication' | 'token_invalid';

/** The request was wrong (not the client's card): fix the call, do not retry it as it is. */
export class GatewayRequestError extends GatewayError {
  override name = 'GatewayRequestError';
  readonly code: GatewayRequestErrorCode;
  readonly status: number | undefined;
  constructor(gatewayId: string, code: GatewayRequestErrorCode, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(gatewayId, message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
  }
}

// ---------------------------------------------------------------------------------------------
// Input checks shared by implementations (so every gateway refuses the same mistakes the same way)

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_:.\-]{1,200}$/;
const CURRENCY = /^[A-Za-z]{3}$/;
export const MAX_METADATA_KEYS = 20;

export function checkChargeInput(gatewayId: string, input: ChargeInput): void {
  const bad = (message: string) => new GatewayRequestError(gatewayId, 'invalid_request', message);
  if (!input || typeof input !== 'object') throw bad('charge: pass the charge as an object.');
  if (typeof input.customerRef !== 'string' || input.customerRef.length === 0) throw bad('charge: `customerRef` is required.');
  const hasMethod = typeof input.methodRef === 'string' && input.methodRef.length > 0;
  const hasToken = typeof input.token === 'string' && input.token.length > 0;
  if (hasMethod === hasToken) throw bad('charge: pass exactly one of `methodRef` (a saved method) and `token` (a one-off token).');
  checkAmount(gatewayId, input.amountCents);
  if (typeof input.currency !== 'string' || !CURRENCY.test(input.currency)) throw bad('charge: `currency` must be a three-letter ISO 4217 code such as "usd".');
  checkIdempotencyKey(gatewayId, input.idempotencyKey);
  if (typeof input.offSession !== 'boolean') throw bad('charge: `offSession` must be true or false.');
  if (typeof input.description !== 'string' || input.description.length > 1000) throw bad('charge: `description` must be text of at most 1000 characters.');
  checkMetadata(gatewayId, input.metadata);
}

export function checkRefundInput(gatewayId: string, input: RefundInput): void {
  if (!input || typeof input.chargeRef !== 'string' || input.chargeRef.length === 0) {
    throw new GatewayRequestError(gatewayId, 'invalid_request', 'refund: `chargeRef` is required.');
  }
  checkAmount(gatewayId, input.amountCents);
  checkIdempotencyKey(gatewayId, input.idempotencyKey);
}

function checkAmount(gatewayId: string, amount: unknown): void {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0 || amount > 99_999_999) {
    throw new GatewayRequestError(gatewayId, 'invalid_request', '`amountCents` must be a whole number of cents between 1 and 99,999,999.');
  }
}

export function checkIdempotencyKey(gatewayId: string, key: unknown): void {
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
    throw new GatewayRequestError(gatewayId, 'invalid_request', '`idempotencyKey` must be 1–200 characters of letters, digits, `_`, `-`, `.` and `:`.');
  }
}

function checkMetadata(gatewayId: string, metadata: unknown): void {
  const bad = (message: string) => new GatewayRequestError(gatewayId, 'invalid_request', message);
  if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) throw bad('charge: `metadata` must be an object of strings (it may be empty).');
  const entries = Object.entries(metadata);
  if (entries.length > MAX_METADATA_KEYS) throw bad(`charge: at most ${MAX_METADATA_KEYS} metadata keys.`);
  for (const [key, value] of entries) {
    if (!/^[A-Za-z0-9_.\-]{1,40}$/.test(key)) throw bad(`charge: metadata key "${key.slice(0, 40)}" must be 1–40 letters, digits, "_", "-" or ".".`);
    if (typeof value !== 'string' || value.length > 500) throw bad(`charge: metadata "${key}" must be text of at most 500 characters.`);
  }
}

/** Checks that something handed in as `gateway` has the port's shape (at start-up, with a message). */
export function assertPaymentGateway(value: unknown, where: string): asserts value is PaymentGateway {
  const methods = ['browserConfig', 'ensureCustomer', 'createSetup', 'saveMethod', 'listMethods', 'removeMethod', 'charge', 'refund', 'verifyCallback'] as const;
  if (!value || typeof value !== 'object') throw new TypeError(`${where}: \`gateway\` must be a PaymentGateway (sandboxGateway(…) or stripeGateway(…)).`);
  const g = value as Record<string, unknown>;
  if (typeof g.id !== 'string' || !/^[a-z][a-z0-9_-]{0,30}$/.test(g.id)) throw new TypeError(`${where}: the gateway's \`id\` must be a short lower-case name such as "stripe".`);
  const missing = methods.filter((m) => typeof g[m] !== 'function');
  if (missing.length) throw new TypeError(`${where}: the gateway "${g.id}" lacks ${missing.join(', ')}.`);
}
