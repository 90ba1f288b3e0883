/**
 * Money and billing words, as the browser and the server both need them. Plain functions and
 * constants (no schema library), so an element imports them without pulling in valibot.
 *
 * Every amount is an integer in the currency's minor unit ("cents": cents for USD, yen for JPY)
 * with an ISO 4217 code next to it. Amounts are never floats: `parseAmount` turns what a person
 * types into cents digit by digit, and `formatMinorUnits` is the one way amounts are shown.
 */

/** The currency a dealer bills in unless its settings say otherwise. */
export const DEFAULT_CURRENCY = 'USD';
/** The largest amount anywhere in billing (minor units): 100 billion. */
export const MONEY_MAX_CENTS = 100_000_000_000;

/** How many decimals the currency has (2 for USD and EUR, 0 for JPY); 2 when the runtime does not know it. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * An amount in the currency's minor unit (cents for USD, yen for JPY) as people read it:
 * `formatMinorUnits(123456, 'USD')` is "$1,234.56".
 */
export function formatMinorUnits(amount: number, currency: string, locale = 'en-US'): string {
  const digits = currencyDigits(currency);
  const value = amount / 10 ** digits;
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value);
  } catch {
    return `${value.toFixed(digits)} ${currency}`;
  }
}

/**
 * An amount as an input field holds it: digits, a dot and the currency's decimals, no grouping
 * and no symbol (`centsToInput(125050, 'USD')` is "1250.50"). `parseAmount` reads it back exactly.
 */
export function centsToInput(cents: number, currency: string = DEFAULT_CURRENCY): string {
  const digits = currencyDigits(currency);
  const sign = cents < 0 ? '-' : '';
  const text = String(Math.abs(Math.trunc(cents))).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

export type ParsedAmount = { ok: true; cents: number } | { ok: false; message: string };

const GROUPED = /^\d{1,3}(?:,\d{3})+$/;
const PLAIN = /^\d+$/;

/**
 * What a person typed as an amount ("1,250.50", "1250.5", ".75", "20"), in cents, exactly: the
 * digits are read as text, never through a float. Commas only between thousands; at most the
 * currency's decimals (two for USD); no sign, no exponent, no symbol. Zero is an amount (a caller
 * that needs more than zero says so). The browser and the server use this same function.
 */
export function parseAmount(input: string, currency: string = DEFAULT_CURRENCY): ParsedAmount {
  const digits = currencyDigits(currency);
  const text = typeof input === 'string' ? input.trim() : '';
  if (!text) return { ok: false, message: 'Enter an amount.' };
  if (/^[-\u2212(]/.test(text)) return { ok: false, message: 'The amount cannot be negative.' };
  const dot = text.indexOf('.');
  const whole = dot === -1 ? text : text.slice(0, dot);
  const fraction = dot === -1 ? '' : text.slice(dot + 1);
  const wholeOk = whole === '' ? dot !== -1 && fraction !== '' : PLAIN.test(whole) || GROUPED.test(whole);
  if (!wholeOk || (dot !== -1 && !PLAIN.test(fraction))) {
    if (/,/.test(whole) && /^[\d,]+$/.test(whole)) return { ok: false, message: 'Use commas only between thousands, such as 1,250.50.' };
    return { ok: false, message: `Enter the amount in digits, such as ${digits === 0 ? '1,250' : '1,250.50'}.` };
  }
  if (fraction.length > digits) {
    return { ok: false, message: digits === 0 ? `${currency} amounts have no decimals.` : `Use at most ${digits} decimals.` };
  }
  const all = `${whole.replace(/,/g, '')}${fraction.padEnd(digits, '0')}`.replace(/^0+(?=\d)/, '');
  // MONEY_MAX_CENTS has 12 digits: anything longer is too large, and shorter text is an exact integer.
  if (all.length > 15 || Number(all) > MONEY_MAX_CENTS) return { ok: false, message: 'The amount is too large.' };
  return { ok: true, cents: Number(all) };
}

/** The sum of whole amounts (cents). */
export function sumCents(amounts: Iterable<number>): number {
  let sum = 0;
  for (const a of amounts) sum += a;
  return sum;
}

// ---- invoices ---------------------------------------------------------------------------

/**
 * What an invoice is, derived from its amounts: `void` only when the dealer voided it; else
 * `paid` at a zero balance, `partially-paid` when some of the total is paid, `open` otherwise.
 */
export const INVOICE_STATUSES = ['open', 'partially-paid', 'paid', 'void'] as const;
export type InvoiceStatusName = (typeof INVOICE_STATUSES)[number];

export const INVOICE_STATUS_LABELS: Record<InvoiceStatusName, string> = {
  open: 'Open',
  'partially-paid': 'Partially paid',
  paid: 'Paid',
  void: 'Void',
};

/** The portal's list filters: `open` has a balance (open or partially paid), `paid` is paid, `all` adds void ones. */
export const INVOICE_FILTERS = ['open', 'paid', 'all'] as const;
/** The portal's list orders: by due date (default), by the dealer's invoice number, by issue date. */
export const INVOICE_SORTS = ['due', 'number', 'issued'] as const;
export const SORT_ORDERS = ['asc', 'desc'] as const;
/** Invoices per page unless the caller asks for fewer (at most 100). */
export const INVOICE_PAGE_SIZE = 50;
export const INVOICE_LINES_MAX = 200;
/** The longest description of a line of a proposal or an invoice. */
export const LINE_DESCRIPTION_MAX = 1000;
/** The longest registration key printed on an invoice. */
export const REGISTRATION_KEY_MAX = 64;

/** An invoice's status from its amounts (see INVOICE_STATUSES). */
export function invoiceStatus(i: { totalCents: number; balanceCents: number; voided: boolean }): InvoiceStatusName {
  if (i.voided) return 'void';
  if (i.balanceCents <= 0) return 'paid';
  return i.balanceCents < i.totalCents ? 'partially-paid' : 'open';
}

/**
 * The open balance of an invoice: what the dealer's last sync says is open, but never more than
 * the total less what was paid in the portal (a sync that has not yet caught up with a portal
 * payment cannot raise the balance again), never below zero, and zero once void.
 *
 *   balance = voided ? 0 : max(0, min(syncedBalance, total - paidInPortal))
 *
 * A sync may lower the balance (a payment recorded in the dealer's system) and may raise it again
 * up to that cap (a bounced check); a portal refund lowers `paidInPortal` and so lifts the cap.
 */
export function reconcileBalance(i: { totalCents: number; syncedBalanceCents: number; paidInPortalCents: number; voided: boolean }): number {
  if (i.voided) return 0;
  return Math.max(0, Math.min(i.syncedBalanceCents, i.totalCents - i.paidInPortalCents));
}

// ---- payments ---------------------------------------------------------------------------

/** How a client pays: a card, or a bank account (eCheck / ACH). */
export const PAYMENT_METHOD_KINDS = ['card', 'bank'] as const;
export type PaymentMethodKindName = (typeof PAYMENT_METHOD_KINDS)[number];

/** What a payment is: waiting for the gateway, taken, refused by the bank, failed on the way, given back. */
export const PAYMENT_STATUSES = ['pending', 'succeeded', 'declined', 'failed', 'refunded'] as const;
export type PaymentStatusName = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_STATUS_LABELS: Record<PaymentStatusName, string> = {
  pending: 'Processing',
  succeeded: 'Paid',
  declined: 'Declined',
  failed: 'Failed',
  refunded: 'Refunded',
};

/** The most invoices one payment pays. */
export const PAY_ITEMS_MAX = 50;
/** An idempotency key: the browser makes one per attempt to pay (random, 16 to 64 letters, digits, - or _). */
export const IDEMPOTENCY_KEY_MIN = 16;
export const IDEMPOTENCY_KEY_MAX = 64;

/** Card brands as gateways name them (`visa`), as people read them. */
export const CARD_BRAND_LABELS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
};

/** "Visa ending in 4242", "Chase account ending in 6789": how a saved method is named to people. */
export function paymentMethodLabel(m: { kind: PaymentMethodKindName; brand?: string | null | undefined; bankName?: string | null | undefined; last4: string }): string {
  const brand = m.brand?.trim();
  if (m.kind === 'card') return `${(brand && CARD_BRAND_LABELS[brand.toLowerCase()]) || brand || 'Card'} ending in ${m.last4}`;
  return `${m.bankName?.trim() ? `${m.bankName.trim()} account` : 'Bank account'} ending in ${m.last4}`;
}

// ---- autopay ----------------------------------------------------------------------------

/** Autopay charges on a day 1–28 (every month has it). */
export const AUTOPAY_DAY_MIN = 1;
export const AUTOPAY_DAY_MAX = 28;
/** The dealer's charge day unless its settings say otherwise: the first of the month. */
export const DEFAULT_AUTOPAY_DAY = 1;
/** Days after a failed autopay charge on which it is tried again, unless the dealer's settings say otherwise. */
export const DEFAULT_AUTOPAY_RETRY_DAYS: readonly number[] = [3, 7];

/** Version of the autopay authorization text. The words never change under the same version. */
export const AUTOPAY_AUTHORIZATION_VERSION = 'autopay-authorization-2026-11';

const ordinal = (n: number) => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
};

const daysList = (days: readonly number[]) => {
  const words = days.map(String);
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
};

/**
 * The autopay authorization the client agrees to (version AUTOPAY_AUTHORIZATION_VERSION), filled
 * in for this dealer, charge day, method and retry days: what will be charged (the open balance
 * on the day), when, what happens when a charge fails, and how to cancel. The server records the
 * version and the SHA-256 of the exact text agreed to.
 */
export function autopayAuthorizationText(o: { dealerName: string; dayOfMonth: number; methodLabel: string; retryDays?: readonly number[] }): string {
  const retry = o.retryDays ?? DEFAULT_AUTOPAY_RETRY_DAYS;
  return (
    `I authorize ${o.dealerName} to charge my ${o.methodLabel} automatically on the ${ordinal(o.dayOfMonth)} day of each month, ` +
    'for the open balance of my invoices on that day: the total still owed on every open or partially paid invoice shown in this portal. ' +
    'The amount can change from month to month, and nothing is charged when nothing is owed. ' +
    (retry.length ? `If a charge is declined, it may be tried again ${daysList(retry)} days later. ` : '') +
    'Every charge appears in my payment history in the portal, with a receipt. ' +
    `This authorization stays in effect until I turn autopay off in the portal or ask ${o.dealerName} to cancel it. ` +
    'Turning it off stops every charge not yet started; a charge already under way completes.'
  );
}
