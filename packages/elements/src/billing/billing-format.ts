/**
 * What the billing elements share: money and calendar dates as people read them, the invoice and
 * payment status tags (text and colour, never colour alone), how a saved method is named, who may
 * do what, and the idempotency key of a payment attempt. Money is always integer minor units
 * ("cents") with an ISO 4217 code, shown with core's `formatMinorUnits` and read with `parseAmount`.
 */
import { html, type TemplateResult } from 'lit';
import {
  formatMinorUnits,
  INVOICE_STATUS_LABELS,
  PAYMENT_STATUS_LABELS,
  PERMISSION_LABELS,
  paymentMethodLabel,
  type InvoiceStatus,
  type Permission,
  type PortalPayment,
  type PortalPaymentMethod,
  type BillingApi,
  type SessionResponse,
} from '@porchlight/client';
import { saveBlob } from '../internal/files.js';
import { statusTag } from '../internal/status-tag.js';

/** "$1,250.00" from integer minor units and an ISO 4217 code, in the reader's language. */
export function formatMoney(amount: number, currency: string): string {
  return formatMinorUnits(amount, currency, (typeof navigator !== 'undefined' && navigator.language) || 'en-US');
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** "Nov 15, 2026" from a calendar date (YYYY-MM-DD), the same day in every time zone. */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(date.getTime()) ? day : dayFormat.format(date);
}

/** A <time> of a calendar date. */
export function dayTag(day: string): TemplateResult {
  return html`<time datetime=${day}>${formatDay(day)}</time>`;
}

/** The invoice's status in words and colour (`status-open`, `status-partially-paid`, `status-paid`, `status-void`). */
export function invoiceStatusTag(status: InvoiceStatus): TemplateResult {
  return statusTag(status, INVOICE_STATUS_LABELS[status] ?? status);
}

/** The payment's status in words and colour (`status-pending`, `status-succeeded`, `status-declined`, `status-failed`, `status-refunded`). */
export function paymentStatusTag(status: PortalPayment['status']): TemplateResult {
  return statusTag(status, PAYMENT_STATUS_LABELS[status] ?? status);
}

/** "Visa ending in 4242", "Chase account ending in 6789". */
export function methodLabel(m: Pick<PortalPaymentMethod, 'kind' | 'brand' | 'bankName' | 'last4'>): string {
  return paymentMethodLabel(m);
}

/** "04/2027" for a card, '' for a bank account. */
export function expiryText(m: Pick<PortalPaymentMethod, 'expMonth' | 'expYear'>): string {
  if (!m.expMonth || !m.expYear) return '';
  return `${String(m.expMonth).padStart(2, '0')}/${m.expYear}`;
}

/** A card whose expiry month has passed (on the reader's clock). */
export function isExpired(m: Pick<PortalPaymentMethod, 'expMonth' | 'expYear'>, now = new Date()): boolean {
  if (!m.expMonth || !m.expYear) return false;
  const y = now.getFullYear();
  const month = now.getMonth() + 1;
  return m.expYear < y || (m.expYear === y && m.expMonth < month);
}

/** "1st", "2nd", "15th". */
export function ordinalDay(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

// ---- who may do what -------------------------------------------------------------------------

const has = (s: SessionResponse, p: Permission) => s.user.permissions.includes(p);

/** A dealer admin is signed in as this user: paying, methods and autopay are refused then. */
export function isEmulating(s: SessionResponse): boolean {
  return Boolean(s.session.emulatedBy);
}

/** May see invoices, payments, saved methods and autopay. */
export function canViewBilling(s: SessionResponse): boolean {
  return has(s, 'invoices.view');
}

/** May pay invoices now (not while emulating). */
export function canPay(s: SessionResponse): boolean {
  return has(s, 'invoices.view') && has(s, 'invoices.pay') && !isEmulating(s);
}

/** May add, remove and choose the default method, and turn autopay on or off (not while emulating). */
export function canManageMethods(s: SessionResponse): boolean {
  return has(s, 'payment-methods.manage') && !isEmulating(s);
}

/** May see the saved methods (the server's rule: a payer picks one, a manager manages them). */
export function canSeeMethods(s: SessionResponse): boolean {
  return has(s, 'invoices.pay') || has(s, 'payment-methods.manage');
}

/** May see autopay (the server's rule). */
export function canSeeAutopay(s: SessionResponse): boolean {
  return has(s, 'invoices.view') || has(s, 'payment-methods.manage');
}

/** What a login without `invoices.view` sees. */
export function noViewText(): string {
  return `Your login cannot see billing. Ask your account manager for the "${PERMISSION_LABELS['invoices.view']}" permission.`;
}

/** What a login that may neither pay nor manage methods sees instead of the saved methods. */
export function noMethodsText(): string {
  return `Your login cannot see the saved payment methods. Ask your account manager for the "${PERMISSION_LABELS['invoices.pay']}" or "${PERMISSION_LABELS['payment-methods.manage']}" permission.`;
}

/** Why this login cannot do `what` (null when it can): emulation, or a missing permission. */
export function cannotText(s: SessionResponse, permission: 'invoices.pay' | 'payment-methods.manage', what: string): string | null {
  if (isEmulating(s)) return `You are signed in as ${s.user.name} by emulation. Only ${s.user.name} can ${what}, signed in with their own login.`;
  if (!has(s, permission)) return `To ${what}, ask your account manager for the "${PERMISSION_LABELS[permission]}" permission.`;
  return null;
}

// ---- payment attempts --------------------------------------------------------------------------

/**
 * A new idempotency key for one attempt to pay (random, 36 letters, digits and dashes): made once
 * when the payment is reviewed, and sent again with every retry of that attempt.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The answer to a payment request could not be read: the payment may or may not have been made. */
export function outcomeUnknown(error: unknown): boolean {
  const e = error as { code?: string; status?: number } | null;
  if (!e || typeof e !== 'object') return true;
  if (e.code === 'NETWORK_ERROR' || e.code === 'BAD_RESPONSE' || e.code === 'PAYMENT_IN_PROGRESS') return true;
  return typeof e.status === 'number' && e.status >= 500;
}

/** Downloads a payment's receipt PDF and saves it from the page; answers the file's name. */
export async function saveReceipt(api: BillingApi, payment: Pick<PortalPayment, 'id' | 'receiptNumber'>, host: Node): Promise<string> {
  const file = await api.payments.receipt(payment.id);
  const name = file.filename || `receipt-${payment.receiptNumber}.pdf`;
  saveBlob(file.blob, name, host);
  return name;
}
