import * as v from 'valibot';
import { Actor, Id, Page, Timestamp } from './common.js';
import { Cents, CurrencyCode, hasIssueAt, issueAt, LineItem, LineItemInput, NonNegativeCents, totalsAddUp } from './amounts.js';
import { PROPOSAL_PDF_MAX_BYTES, SuppliedPdf } from './proposals.js';
import {
  AUTOPAY_AUTHORIZATION_VERSION,
  AUTOPAY_DAY_MAX,
  AUTOPAY_DAY_MIN,
  DEFAULT_CURRENCY,
  IDEMPOTENCY_KEY_MAX,
  IDEMPOTENCY_KEY_MIN,
  INVOICE_FILTERS,
  INVOICE_LINES_MAX,
  INVOICE_SORTS,
  INVOICE_STATUSES,
  PAY_ITEMS_MAX,
  PAYMENT_METHOD_KINDS,
  PAYMENT_STATUSES,
  REGISTRATION_KEY_MAX,
  SORT_ORDERS,
  parseAmount,
  sumCents,
} from '../money.js';

/**
 * Billing: invoices the dealer's system syncs in, and what the client does with them — pay one
 * or several (in full or in part) with a saved or one-time method, keep methods on file, turn
 * on autopay. The words and rules the browser needs too (statuses, the balance rule, the autopay
 * authorization text, amount parsing) are in money.ts, free of the schema library.
 *
 * Money is always an integer in the currency's minor unit (cents) with an ISO 4217 code. Card
 * and bank numbers never reach Porchlight: the gateway's form in the browser turns them into a
 * one-time token, and Porchlight keeps the gateway's reference, the brand, last four and expiry.
 */

// ---- money ------------------------------------------------------------------------------

/** An amount with its currency. */
export const Money = v.object({ amountCents: v.number(), currency: v.string() });
export type Money = v.InferOutput<typeof Money>;

/** An amount as a person types it ("1,250.50"), read exactly into cents by `parseAmount` (refuses negatives, blanks, exponents, a third decimal). */
export const DecimalAmount = (currency: string = DEFAULT_CURRENCY) =>
  v.pipe(
    v.string('Enter an amount.'),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const parsed = parseAmount(dataset.value, currency);
      if (!parsed.ok) {
        addIssue({ message: parsed.message });
        return NEVER;
      }
      return parsed.cents;
    }),
  );

const isRealDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** A calendar date, YYYY-MM-DD (invoices are dated, not timed). */
export const CalendarDate = (what: string) =>
  v.pipe(
    v.string(`Give ${what} as a date such as 2026-11-23.`),
    v.regex(/^\d{4}-\d{2}-\d{2}$/, `Give ${what} as a date such as 2026-11-23.`),
    v.check(isRealDate, 'This is not a real date.'),
  );

const at = issueAt;

// ---- invoices ---------------------------------------------------------------------------

/** The largest PDF a dealer can supply with an invoice (decoded bytes; the sync carries it as base64). */
export const INVOICE_PDF_MAX_BYTES = PROPOSAL_PDF_MAX_BYTES;
export const INVOICE_MEMO_MAX = 2000;

/** The dealer's own number of the invoice: unique per account (case-insensitive), part of the sync path. */
export const InvoiceNumber = v.pipe(
  v.string('Give the invoice number.'),
  v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'An invoice number is 1 to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit.'),
);

export const InvoiceStatus = v.picklist(INVOICE_STATUSES);
export type InvoiceStatus = v.InferOutput<typeof InvoiceStatus>;

/** The key the dealer's billing system prints at the bottom of the account's invoices. Printed as given; never checked against anything. */
export const RegistrationKey = v.pipe(
  v.string('Give the registration key as text.'),
  v.trim(),
  v.minLength(1, 'Give the registration key, or leave it out.'),
  v.maxLength(REGISTRATION_KEY_MAX, `Use at most ${REGISTRATION_KEY_MAX} characters.`),
  v.regex(/^[^\p{C}\p{Zl}\p{Zp}]+$/u, 'The registration key contains characters that are not allowed.'),
);

/**
 * PUT /v1/admin/accounts/:accountId/invoices/:invoiceNumber — the invoice as the dealer's system
 * has it. Idempotent: the same body again changes nothing (no new version). The totals must add
 * up (line totals, subtotal + tax = total) and 0 ≤ balance ≤ total. `balanceCents` is what the
 * dealer's system says is still open; the portal shows it reconciled with the payments made in
 * the portal (see `reconcileBalance`). `currency` defaults to, and must be, the dealer's
 * currency. `void: true` voids it. Without `pdfBase64` the portal renders the PDF.
 */
export const SyncInvoiceRequest = v.pipe(
  v.strictObject({
    issueDate: CalendarDate('the issue date'),
    dueDate: CalendarDate('the due date'),
    lines: v.pipe(
      v.array(LineItemInput, 'Give the lines as a list.'),
      v.minLength(1, 'An invoice has at least one line.'),
      v.maxLength(INVOICE_LINES_MAX, `An invoice has at most ${INVOICE_LINES_MAX} lines.`),
    ),
    subtotalCents: Cents('the subtotal'),
    taxCents: NonNegativeCents('the tax'),
    totalCents: NonNegativeCents('the total'),
    balanceCents: NonNegativeCents('the balance'),
    currency: v.optional(CurrencyCode),
    void: v.optional(v.boolean('Give void as true or false.'), false),
    registrationKey: v.optional(v.nullable(RegistrationKey), null),
    /** Plain text printed under the lines (line breaks kept). May be empty. */
    memo: v.optional(v.pipe(v.string('Give the memo as text.'), v.trim(), v.maxLength(INVOICE_MEMO_MAX, `Use at most ${INVOICE_MEMO_MAX} characters.`)), ''),
    pdfBase64: v.optional(SuppliedPdf),
  }),
  totalsAddUp(),
  v.rawCheck(({ dataset, addIssue }) => {
    const p = dataset.value as { totalCents?: unknown; balanceCents?: unknown; issueDate?: unknown; dueDate?: unknown } | null;
    if (!p || typeof p !== 'object') return;
    if (typeof p.totalCents === 'number' && typeof p.balanceCents === 'number' && !hasIssueAt(dataset.issues, 'totalCents', 'balanceCents') && p.balanceCents > p.totalCents) {
      addIssue({ message: `The balance cannot be more than the total: at most ${p.totalCents} cents.`, path: at(p, 'balanceCents') });
    }
    if (typeof p.issueDate === 'string' && typeof p.dueDate === 'string' && !hasIssueAt(dataset.issues, 'issueDate', 'dueDate') && p.dueDate < p.issueDate) {
      addIssue({ message: `The due date cannot be before the issue date (${p.issueDate}).`, path: at(p, 'dueDate') });
    }
  }),
);
export type SyncInvoiceRequest = v.InferInput<typeof SyncInvoiceRequest>;

/** The invoice's PDF: the dealer's own (`supplied`, kept byte for byte) or made by the portal when asked (`rendered`). */
export const InvoiceDocument = v.object({
  source: v.picklist(['supplied', 'rendered']),
  /** SHA-256 (hex) and size of a supplied PDF; null for a rendered one (made from this version on request, always the same bytes). */
  sha256: v.nullable(v.string()),
  size: v.nullable(v.number()),
  filename: v.string(),
});
export type InvoiceDocument = v.InferOutput<typeof InvoiceDocument>;

/** A portal payment applied to the invoice (and what of it was refunded). */
export const InvoicePortalPayment = v.object({ paymentId: Id, amountCents: v.number(), refundedCents: v.number(), at: Timestamp });
export type InvoicePortalPayment = v.InferOutput<typeof InvoicePortalPayment>;

/**
 * An invoice as synced, in the back office. `syncedBalanceCents` is what the dealer's system
 * last said; `paidInPortalCents` the portal payments applied to it (net of refunds);
 * `balanceCents` the open amount the client sees and pays:
 * max(0, min(syncedBalance, total − paidInPortal)), 0 once void. `status` follows from these.
 */
export const Invoice = v.object({
  id: Id,
  dealerId: v.string(),
  accountId: Id,
  number: v.string(),
  issueDate: v.string(),
  dueDate: v.string(),
  lines: v.array(LineItem),
  subtotalCents: v.number(),
  taxCents: v.number(),
  totalCents: v.number(),
  currency: v.string(),
  syncedBalanceCents: v.number(),
  paidInPortalCents: v.number(),
  balanceCents: v.number(),
  status: InvoiceStatus,
  voided: v.boolean(),
  /** The balance is open and the due date has passed (server clock, UTC). */
  pastDue: v.boolean(),
  registrationKey: v.nullable(v.string()),
  memo: v.string(),
  document: InvoiceDocument,
  portalPayments: v.array(InvoicePortalPayment),
  /** SHA-256 of the synced content (canonical JSON, with the supplied PDF's hash): an unchanged body is recognised. */
  contentHash: v.string(),
  /** 1 at first; +1 whenever what the client sees changes (a sync with other content, a portal payment or refund applied). */
  version: v.number(),
  createdAt: Timestamp,
  createdBy: Actor,
  updatedAt: Timestamp,
  updatedBy: Actor,
});
export type Invoice = v.InferOutput<typeof Invoice>;

export const AdminInvoicePage = Page(Invoice);
export type AdminInvoicePage = v.InferOutput<typeof AdminInvoicePage>;

/** PUT answer: 201 when created, 200 otherwise; `changed` false when the body was the same as stored. */
export const SyncInvoiceResponse = v.object({ invoice: Invoice, created: v.boolean(), changed: v.boolean() });
export type SyncInvoiceResponse = v.InferOutput<typeof SyncInvoiceResponse>;

/** An invoice in the portal's list. `paidCents` is total − balance. */
export const PortalInvoiceSummary = v.object({
  id: Id,
  number: v.string(),
  issueDate: v.string(),
  dueDate: v.string(),
  totalCents: v.number(),
  balanceCents: v.number(),
  paidCents: v.number(),
  currency: v.string(),
  status: InvoiceStatus,
  pastDue: v.boolean(),
  version: v.number(),
  updatedAt: Timestamp,
});
export type PortalInvoiceSummary = v.InferOutput<typeof PortalInvoiceSummary>;

/** GET /v1/invoices/:invoiceId: the invoice as the client reads it. */
export const PortalInvoice = v.object({
  ...PortalInvoiceSummary.entries,
  lines: v.array(LineItem),
  subtotalCents: v.number(),
  taxCents: v.number(),
  /** Paid through the portal (net of refunds). */
  paidInPortalCents: v.number(),
  registrationKey: v.nullable(v.string()),
  memo: v.string(),
  document: v.object({ source: v.picklist(['supplied', 'rendered']), filename: v.string() }),
});
export type PortalInvoice = v.InferOutput<typeof PortalInvoice>;

export const InvoicePage = Page(PortalInvoiceSummary);
export type InvoicePage = v.InferOutput<typeof InvoicePage>;

const Limit = v.optional(
  v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'The limit is a number from 1 to 100.'), v.transform(Number), v.minValue(1, 'The limit is a number from 1 to 100.'), v.maxValue(100, 'The limit is a number from 1 to 100.')),
);
const Cursor = v.optional(v.pipe(v.string(), v.maxLength(500, 'The cursor is not valid: pass the cursor of a previous page.')));

/**
 * GET /v1/invoices (and the back office's list of an account's invoices). Portal defaults:
 * `status=open` (open or partially paid), `sort=due`, `order=asc` — the next due first. The back
 * office defaults to `status=all`, `sort=issued`, `order=desc`. Pass the same filters with a cursor.
 */
export const InvoiceQuery = v.strictObject({
  status: v.optional(v.picklist(INVOICE_FILTERS, `The status filter is one of: ${INVOICE_FILTERS.join(', ')}.`)),
  sort: v.optional(v.picklist(INVOICE_SORTS, `Sort by one of: ${INVOICE_SORTS.join(', ')}.`)),
  order: v.optional(v.picklist(SORT_ORDERS, 'The order is "asc" or "desc".')),
  limit: Limit,
  cursor: Cursor,
});
export type InvoiceQuery = v.InferInput<typeof InvoiceQuery>;

// ---- payment methods --------------------------------------------------------------------

export const PaymentMethodKind = v.picklist(PAYMENT_METHOD_KINDS, `The kind is one of: ${PAYMENT_METHOD_KINDS.join(', ')}.`);
export type PaymentMethodKind = v.InferOutput<typeof PaymentMethodKind>;

/** A one-time token from the gateway's form in the browser (never a card or bank number). */
export const GatewayToken = v.pipe(
  v.string('Give the payment token from the payment form.'),
  v.minLength(1, 'Give the payment token from the payment form.'),
  v.maxLength(500, 'The payment token is too long.'),
  v.regex(/^[A-Za-z0-9_.:=+/-]+$/, 'This is not a payment token from the payment form.'),
);

/**
 * A saved card or bank account. Its details come from the gateway, never from the browser:
 * `gatewayRef` is the gateway's reference to it (charged by autopay and later payments) and is
 * never shown in the portal.
 */
export const PaymentMethod = v.object({
  id: Id,
  accountId: Id,
  kind: PaymentMethodKind,
  /** Cards: "Visa", "Mastercard" … */
  brand: v.nullable(v.string()),
  /** Bank accounts: the bank's name when the gateway knows it. */
  bankName: v.nullable(v.string()),
  last4: v.string(),
  /** Cards only. */
  expMonth: v.nullable(v.number()),
  expYear: v.nullable(v.number()),
  isDefault: v.boolean(),
  createdAt: Timestamp,
  createdBy: Actor,
  gatewayRef: v.string(),
});
export type PaymentMethod = v.InferOutput<typeof PaymentMethod>;

/** A saved method as the portal shows it. */
export const PortalPaymentMethod = v.omit(PaymentMethod, ['gatewayRef']);
export type PortalPaymentMethod = v.InferOutput<typeof PortalPaymentMethod>;

/** GET /v1/payment-methods. */
export const PaymentMethodList = v.object({ items: v.array(PortalPaymentMethod) });
export type PaymentMethodList = v.InferOutput<typeof PaymentMethodList>;

/** POST /v1/payment-methods/setup (`payment-methods.manage`): start collecting a method of this kind (Stripe: a SetupIntent). */
export const PaymentMethodSetupRequest = v.strictObject({ kind: PaymentMethodKind });
export type PaymentMethodSetupRequest = v.InferInput<typeof PaymentMethodSetupRequest>;

/** What the gateway's browser half needs to collect the method (Stripe: the SetupIntent's client secret); both null for the sandbox. */
export const PaymentMethodSetup = v.object({ clientSecret: v.nullable(v.string()), setupRef: v.nullable(v.string()) });
export type PaymentMethodSetup = v.InferOutput<typeof PaymentMethodSetup>;

/** POST /v1/payment-methods (`payment-methods.manage`): keep the method behind a one-time gateway token (a sandbox token, a Stripe `pm_…`). */
export const AddPaymentMethodRequest = v.strictObject({
  token: GatewayToken,
  /** Make it the default method (the first one always is). */
  makeDefault: v.optional(v.boolean(), false),
});
export type AddPaymentMethodRequest = v.InferInput<typeof AddPaymentMethodRequest>;

// ---- payments ---------------------------------------------------------------------------

/** The browser makes one per attempt to pay and sends it again with every retry of that attempt: a retry never charges twice. */
export const IdempotencyKey = v.pipe(
  v.string('Send an idempotency key.'),
  v.regex(
    new RegExp(`^[A-Za-z0-9_-]{${IDEMPOTENCY_KEY_MIN},${IDEMPOTENCY_KEY_MAX}}$`),
    `The idempotency key is ${IDEMPOTENCY_KEY_MIN} to ${IDEMPOTENCY_KEY_MAX} letters, digits, - or _ (random, the same for retries of one payment).`,
  ),
);

/** How much of one invoice to pay (at most its balance unless the dealer allows overpayment). */
export const PayItem = v.strictObject({
  invoiceId: Id,
  amountCents: v.pipe(Cents('the amount'), v.minValue(1, 'Pay more than zero.')),
});
export type PayItem = v.InferInput<typeof PayItem>;

/**
 * POST /v1/payments (`invoices.pay`): pay one or several invoices, each in full or in part, with
 * a saved method (`methodId`) or a one-time gateway token (`token`, kept when `saveMethod`).
 * `expectedTotalCents` is the sum the browser showed; it must equal the sum of the items.
 */
export const PayRequest = v.pipe(
  v.strictObject({
    idempotencyKey: IdempotencyKey,
    methodId: v.optional(Id),
    token: v.optional(GatewayToken),
    saveMethod: v.optional(v.boolean(), false),
    items: v.pipe(
      v.array(PayItem, 'Choose the invoices to pay.'),
      v.minLength(1, 'Choose at least one invoice to pay.'),
      v.maxLength(PAY_ITEMS_MAX, `Pay at most ${PAY_ITEMS_MAX} invoices at once.`),
      v.check((items) => new Set(items.map((i) => i.invoiceId)).size === items.length, 'Choose each invoice once.'),
    ),
    expectedTotalCents: v.pipe(Cents('the total'), v.minValue(1, 'Pay more than zero.')),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    const p = dataset.value as { methodId?: unknown; token?: unknown; saveMethod?: unknown; items?: unknown; expectedTotalCents?: unknown } | null;
    if (!p || typeof p !== 'object') return;
    if (!hasIssueAt(dataset.issues, 'methodId', 'token') && (p.methodId === undefined) === (p.token === undefined)) {
      addIssue({ message: 'Pay with a saved method (methodId) or a new one (token): one of the two.', path: at(p, 'methodId') });
    }
    if (p.saveMethod === true && p.token === undefined && !hasIssueAt(dataset.issues, 'saveMethod')) {
      addIssue({ message: 'Only a new method (token) can be saved.', path: at(p, 'saveMethod') });
    }
    const items = Array.isArray(p.items) ? (p.items as { amountCents?: unknown }[]) : null;
    if (items && typeof p.expectedTotalCents === 'number' && !hasIssueAt(dataset.issues, 'items', 'expectedTotalCents') && items.every((i) => typeof i?.amountCents === 'number')) {
      const sum = sumCents(items.map((i) => i.amountCents as number));
      if (sum !== p.expectedTotalCents) addIssue({ message: `The total does not match the amounts chosen: they add up to ${sum} cents.`, path: at(p, 'expectedTotalCents') });
    }
  }),
);
export type PayRequest = v.InferInput<typeof PayRequest>;

export const PaymentStatus = v.picklist(PAYMENT_STATUSES);
export type PaymentStatus = v.InferOutput<typeof PaymentStatus>;

/** The method as it was when paying (a later change or removal does not change the record). */
export const PaymentMethodSnapshot = v.object({ kind: PaymentMethodKind, brand: v.nullable(v.string()), bankName: v.nullable(v.string()), last4: v.string() });
export type PaymentMethodSnapshot = v.InferOutput<typeof PaymentMethodSnapshot>;

export const PaymentItem = v.object({ invoiceId: Id, invoiceNumber: v.string(), amountCents: v.number() });
export type PaymentItem = v.InferOutput<typeof PaymentItem>;

/** A payment as stored and in the back office. `gatewayRef` (the gateway's charge) is never shown in the portal. */
export const Payment = v.object({
  id: Id,
  accountId: Id,
  status: PaymentStatus,
  amountCents: v.number(),
  currency: v.string(),
  method: PaymentMethodSnapshot,
  items: v.array(PaymentItem),
  /** Printed on the receipt, e.g. "R-2026-000123". */
  receiptNumber: v.string(),
  /** Made by autopay rather than by a person. */
  autopay: v.boolean(),
  createdAt: Timestamp,
  createdBy: Actor,
  updatedAt: Timestamp,
  gatewayRef: v.nullable(v.string()),
  /** Declined or failed: why, in words the client can act on. */
  failureMessage: v.nullable(v.string()),
  refundedCents: v.number(),
  refundedAt: v.nullable(Timestamp),
  refundedBy: v.nullable(Actor),
});
export type Payment = v.InferOutput<typeof Payment>;

export const PortalPayment = v.omit(Payment, ['gatewayRef']);
export type PortalPayment = v.InferOutput<typeof PortalPayment>;

/**
 * POST /v1/payments answer (201 for a new payment, 200 for a retry with the same idempotency
 * key). `clientSecret` is set when the payment is `pending` until the client authenticates
 * (Stripe on-session 3-D Secure): confirm it with the gateway's script, then GET the payment.
 */
export const PayResponse = v.object({ payment: PortalPayment, clientSecret: v.nullable(v.string()) });
export type PayResponse = v.InferOutput<typeof PayResponse>;

export const PaymentPage = Page(Payment);
export type PaymentPage = v.InferOutput<typeof PaymentPage>;
export const PortalPaymentPage = Page(PortalPayment);
export type PortalPaymentPage = v.InferOutput<typeof PortalPaymentPage>;

/** GET /v1/payments, GET /v1/admin/accounts/:accountId/payments: newest first. */
export const PaymentQuery = v.strictObject({
  status: v.optional(v.picklist(PAYMENT_STATUSES, `The status filter is one of: ${PAYMENT_STATUSES.join(', ')}.`)),
  limit: Limit,
  cursor: Cursor,
});
export type PaymentQuery = v.InferInput<typeof PaymentQuery>;

/** POST /v1/admin/accounts/:accountId/payments/:paymentId/refund: all of what is left, or `amountCents` of it. */
export const RefundRequest = v.strictObject({
  idempotencyKey: IdempotencyKey,
  amountCents: v.optional(v.pipe(Cents('the refund'), v.minValue(1, 'Refund more than zero.'))),
  reason: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500, 'Use at most 500 characters.'))),
});
export type RefundRequest = v.InferInput<typeof RefundRequest>;

// ---- autopay ----------------------------------------------------------------------------

export const AutopayDay = v.pipe(
  v.number(`Choose a day of the month from ${AUTOPAY_DAY_MIN} to ${AUTOPAY_DAY_MAX}.`),
  v.integer(`Choose a day of the month from ${AUTOPAY_DAY_MIN} to ${AUTOPAY_DAY_MAX}.`),
  v.minValue(AUTOPAY_DAY_MIN, `Choose a day of the month from ${AUTOPAY_DAY_MIN} to ${AUTOPAY_DAY_MAX}.`),
  v.maxValue(AUTOPAY_DAY_MAX, `Choose a day of the month from ${AUTOPAY_DAY_MIN} to ${AUTOPAY_DAY_MAX}.`),
);

/**
 * The account's autopay (GET /v1/autopay): off, or on with a saved method and a day of the
 * month, with the authorization agreed to (its version and the SHA-256 of the exact text) and
 * who agreed when.
 */
export const Autopay = v.object({
  enabled: v.boolean(),
  methodId: v.nullable(Id),
  dayOfMonth: v.number(),
  authorizationTextVersion: v.nullable(v.string()),
  /** The exact authorization text agreed to (`autopayAuthorizationText` filled in for this dealer, day and method). */
  authorizationText: v.nullable(v.string()),
  authorizationTextSha256: v.nullable(v.string()),
  consentedAt: v.nullable(Timestamp),
  consentedBy: v.nullable(Actor),
  /** The next charge day (YYYY-MM-DD), when on. */
  nextChargeOn: v.nullable(v.string()),
  updatedAt: v.nullable(Timestamp),
});
export type Autopay = v.InferOutput<typeof Autopay>;

/**
 * PUT /v1/autopay (`payment-methods.manage`, not while emulating): turn autopay on, or change
 * its method or day, agreeing to the authorization text of AUTOPAY_AUTHORIZATION_VERSION.
 * DELETE /v1/autopay turns it off.
 */
export const AutopayRequest = v.strictObject({
  methodId: Id,
  /** Default: the dealer's day (settings.autopayDayOfMonth, else the 1st). */
  dayOfMonth: v.optional(AutopayDay),
  authorizationTextVersion: v.pipe(
    v.string('Give the version of the authorization you agreed to.'),
    v.check((s) => s === AUTOPAY_AUTHORIZATION_VERSION, 'The autopay authorization has changed. Reload the page and read it again.'),
  ),
  agree: v.literal(true, 'Agree to the autopay authorization to turn autopay on.'),
});
export type AutopayRequest = v.InferInput<typeof AutopayRequest>;

// ---- the gateway, for the browser -------------------------------------------------------

/** How the browser reaches the gateway's own fields (the sandbox's frame, or Stripe.js with its publishable key). */
export const GatewayBrowserConfig = v.variant('kind', [
  v.object({ kind: v.literal('sandbox'), fieldsUrl: v.string(), fieldsOrigin: v.string() }),
  v.object({ kind: v.literal('stripe'), publishableKey: v.string() }),
]);
export type GatewayBrowserConfig = v.InferOutput<typeof GatewayBrowserConfig>;

/**
 * GET /v1/billing/config: what the browser needs to show the payment form — whether payments
 * are on (a gateway is configured for the dealer), how to reach the gateway's fields (they
 * tokenize card and bank details), the kinds of method accepted, the currency, whether more than
 * a balance may be paid, and the autopay defaults.
 */
export const GatewayConfig = v.object({
  enabled: v.boolean(),
  gateway: v.nullable(GatewayBrowserConfig),
  kinds: v.array(PaymentMethodKind),
  currency: v.string(),
  allowOverpayment: v.boolean(),
  autopay: v.object({ dayOfMonth: v.number(), retryDays: v.array(v.number()), authorizationTextVersion: v.string() }),
});
export type GatewayConfig = v.InferOutput<typeof GatewayConfig>;
