import * as v from 'valibot';
import {
  formatMinorUnits,
  ID_PATTERN,
  INVOICE_PAGE_SIZE,
  invoiceStatus,
  newId,
  PorchlightError,
  reconcileBalance,
  StoreConflictError,
  type Actor,
  type AdminInvoicePage,
  type Invoice,
  type InvoicePage,
  type InvoicePortalPayment,
  type InvoiceQuery,
  type PortalInvoice,
  type PortalInvoiceSummary,
  type SyncInvoiceRequest,
  type SyncInvoiceResponse,
  type Versioned,
} from '@porchlight/core';
import type { Deps } from '../../context.js';
import { billingSettings, type Dealer } from '../../options.js';
import { audit } from '../../audit/audit.js';
import type { PdfFile } from '../../http/file.js';
import { checkSuppliedPdf } from '../../pdf/layout.js';
import { keys } from '../../store/keys.js';
import { claimNumber, updateRecord } from '../../store/update.js';
import type { AccountRecord } from '../accounts/records.js';
import { getAccount } from '../accounts/service.js';
import { canonicalJson, sha256Hex, textSha256 } from '../proposals/evidence.js';
import { invoiceFilename, renderInvoicePdf } from './pdf.js';
import { adoptInvoiceRegistrationKey } from '../onboarding/access.js';

export type SyncInput = v.InferOutput<typeof SyncInvoiceRequest>;
export type ListQuery = v.InferOutput<typeof InvoiceQuery>;

/** An invoice as stored: the back office's view without what the clock decides (`pastDue`). */
export type InvoiceRecord = Omit<Invoice, 'pastDue'>;

/** Who acts in the back office, for which dealer, from where. */
export interface AdminScope {
  dealer: Dealer;
  actor: Actor;
  clientAddress?: string | undefined;
}

/** Where an invoice is: which dealer's, which account's, which one. */
export interface InvoiceRef {
  dealerId: string;
  accountId: string;
  invoiceId: string;
}

/** The most invoices of one account a list sorts in one request (the newest synced, when an account has more). */
export const INVOICE_SORT_LIMIT = 5000;
/** The most portal payments one invoice records. */
export const MAX_PORTAL_PAYMENTS_PER_INVOICE = 200;

const notFound = () => new PorchlightError('NOT_FOUND', 'No such invoice.');
const iso = (ms: number) => new Date(ms).toISOString();
const today = (now: number) => iso(now).slice(0, 10);


// ---- views ------------------------------------------------------------------------------

/** Open and past its due date (server clock, UTC calendar day). */
const isPastDue = (r: InvoiceRecord, now: number) => r.balanceCents > 0 && r.status !== 'void' && r.dueDate < today(now);

export function toAdmin(r: InvoiceRecord, now: number): Invoice {
  return { ...r, pastDue: isPastDue(r, now) };
}

function toSummary(r: InvoiceRecord, now: number): PortalInvoiceSummary {
  return {
    id: r.id,
    number: r.number,
    issueDate: r.issueDate,
    dueDate: r.dueDate,
    totalCents: r.totalCents,
    balanceCents: r.balanceCents,
    paidCents: r.status === 'void' ? 0 : r.totalCents - r.balanceCents,
    currency: r.currency,
    status: r.status,
    pastDue: isPastDue(r, now),
    version: r.version,
    updatedAt: r.updatedAt,
  };
}

function toPortal(r: InvoiceRecord, now: number): PortalInvoice {
  return {
    ...toSummary(r, now),
    lines: r.lines,
    subtotalCents: r.subtotalCents,
    taxCents: r.taxCents,
    paidInPortalCents: r.paidInPortalCents,
    registrationKey: r.registrationKey,
    memo: r.memo,
    document: { source: r.document.source, filename: r.document.filename },
  };
}

/** The amounts that follow from the synced ones and the portal payments (the one place the balance rule is applied). */
function settle(r: Pick<InvoiceRecord, 'totalCents' | 'syncedBalanceCents' | 'voided' | 'portalPayments'>): Pick<InvoiceRecord, 'paidInPortalCents' | 'balanceCents' | 'status'> {
  const paidInPortalCents = r.portalPayments.reduce((sum, p) => sum + p.amountCents - p.refundedCents, 0);
  const balanceCents = reconcileBalance({ totalCents: r.totalCents, syncedBalanceCents: r.syncedBalanceCents, paidInPortalCents, voided: r.voided });
  return { paidInPortalCents, balanceCents, status: invoiceStatus({ totalCents: r.totalCents, balanceCents, voided: r.voided }) };
}

// ---- back office: sync and read -----------------------------------------------------------

/**
 * Creates or changes the invoice with the dealer's `number` in `account` (checked by the
 * caller). The same content again changes nothing (no new version, no audit entry); other
 * content makes a new version. The synced balance is kept as `syncedBalanceCents`; the balance
 * shown and paid is reconciled with the portal payments already applied (`reconcileBalance`), so
 * a sync that has not caught up with a portal payment cannot raise the balance again.
 */
export async function syncInvoice(deps: Deps, scope: AdminScope, account: AccountRecord, number: string, input: SyncInput): Promise<SyncInvoiceResponse> {
  const dealerId = scope.dealer.id;
  const { currency } = billingSettings(scope.dealer);
  if (input.currency !== undefined && input.currency !== currency) {
    throw new PorchlightError('VALIDATION_FAILED', undefined, { fields: { currency: `This portal bills in ${currency} (the dealer's currency setting): send the invoice in ${currency}, or leave the currency out.` } });
  }
  const supplied = input.pdfBase64 ?? null;
  if (supplied) await checkSuppliedPdf(supplied, { allowEncrypted: true });
  const content = {
    issueDate: input.issueDate,
    dueDate: input.dueDate,
    lines: input.lines,
    subtotalCents: input.subtotalCents,
    taxCents: input.taxCents,
    totalCents: input.totalCents,
    syncedBalanceCents: input.balanceCents,
    currency,
    voided: input.void,
    registrationKey: input.registrationKey,
    memo: input.memo,
  };
  const pdfSha256 = supplied ? sha256Hex(supplied) : null;
  const contentHash = textSha256(canonicalJson({ ...content, pdfSha256 }));

  // Claim the number for a new id, or learn the id that has it.
  const id = await claimNumber(deps.store, keys.invoiceNumber(dealerId, account.id, number), number, newId(deps.now()));

  const recordKey = keys.invoice(dealerId, account.id, id);
  let bytesStored = false;
  for (let attempt = 0; attempt < 5; attempt++) {
    const now = deps.now();
    const current = await deps.store.get<InvoiceRecord>(recordKey);
    const before = current?.value;
    if (before && before.contentHash === contentHash) return { invoice: toAdmin(before, now), created: false, changed: false };
    // Bytes first (by their hash, so two writers never clobber each other): a record never points at missing bytes.
    if (supplied && !bytesStored) {
      await deps.store.putBytes(keys.invoiceDocument(dealerId, account.id, id, pdfSha256!), supplied);
      bytesStored = true;
    }
    const at = iso(now);
    const kept = before?.number ?? number;
    const portalPayments = before?.portalPayments ?? [];
    const base = { ...content, portalPayments };
    const record: InvoiceRecord = {
      id,
      dealerId,
      accountId: account.id,
      number: kept,
      ...content,
      ...settle(base),
      document: supplied
        ? { source: 'supplied', sha256: pdfSha256, size: supplied.length, filename: invoiceFilename(kept) }
        : { source: 'rendered', sha256: null, size: null, filename: invoiceFilename(kept) },
      portalPayments,
      contentHash,
      version: before ? before.version + 1 : 1,
      createdAt: before?.createdAt ?? at,
      createdBy: before?.createdBy ?? scope.actor,
      updatedAt: at,
      updatedBy: scope.actor,
    };
    try {
      await deps.store.put(recordKey, record, { ifVersion: current ? current.version : null });
    } catch (error) {
      if (error instanceof StoreConflictError) continue;
      throw error;
    }
    const money = (cents: number) => formatMinorUnits(cents, currency);
    const reconciled = record.balanceCents !== record.syncedBalanceCents;
    await audit(deps, {
      dealerId,
      accountId: account.id,
      action: 'invoice.synced',
      actor: scope.actor,
      summary:
        `${scope.actor.name} ${before ? `changed invoice ${record.number} to version ${record.version}` : `sent invoice ${record.number}`}: ` +
        `${money(record.totalCents)}, ${record.status === 'void' ? 'void' : `${money(record.balanceCents)} open`}` +
        (reconciled ? ` (the sync said ${money(record.syncedBalanceCents)}; ${money(record.paidInPortalCents)} was paid in the portal)` : ''),
      target: { type: 'invoice', id },
      details: {
        number: record.number,
        version: record.version,
        totalCents: record.totalCents,
        syncedBalanceCents: record.syncedBalanceCents,
        balanceCents: record.balanceCents,
        paidInPortalCents: record.paidInPortalCents,
        status: record.status,
        contentHash,
        documentSource: record.document.source,
      },
      clientAddress: scope.clientAddress,
    });
    if (record.registrationKey) await adoptInvoiceRegistrationKey(deps, scope.dealer, account, record.registrationKey, scope.actor);
    return { invoice: toAdmin(record, now), created: !before, changed: true };
  }
  throw new PorchlightError('CONFLICT');
}

async function findByNumber(deps: Deps, dealerId: string, accountId: string, number: string): Promise<Versioned<InvoiceRecord>> {
  const index = await deps.store.get<{ id: string }>(keys.invoiceNumber(dealerId, accountId, number));
  if (!index) throw notFound();
  const found = await deps.store.get<InvoiceRecord>(keys.invoice(dealerId, accountId, index.value.id));
  if (!found) throw notFound();
  return found;
}

export async function getAdminInvoice(deps: Deps, dealerId: string, accountId: string, number: string): Promise<Invoice> {
  return toAdmin((await findByNumber(deps, dealerId, accountId, number)).value, deps.now());
}

// ---- listing ----------------------------------------------------------------------------

type Sort = NonNullable<ListQuery['sort']>;
type Order = NonNullable<ListQuery['order']>;
interface ListDefaults {
  status: NonNullable<ListQuery['status']>;
  sort: Sort;
  order: Order;
}

/** The portal's defaults: what is open, the next due first. */
export const PORTAL_LIST_DEFAULTS: ListDefaults = { status: 'open', sort: 'due', order: 'asc' };
/** The back office's defaults: everything, the newest issued first. */
export const ADMIN_LIST_DEFAULTS: ListDefaults = { status: 'all', sort: 'issued', order: 'desc' };

/** Invoice numbers compare as people read them: "INV-9" before "INV-10", any case. */
const numbers = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
type Position = Pick<InvoiceRecord, 'id' | 'number' | 'dueDate' | 'issueDate'>;

function comparator(sort: Sort, order: Order): (a: Position, b: Position) => number {
  const sign = order === 'asc' ? 1 : -1;
  const byNumber = (a: Position, b: Position) => numbers.compare(a.number, b.number) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  if (sort === 'number') return (a, b) => sign * byNumber(a, b);
  const field = sort === 'due' ? 'dueDate' : 'issueDate';
  return (a, b) => sign * (a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : byNumber(a, b));
}

/**
 * The cursor of a sorted page: the sort, the order and the last invoice's place in it (its date,
 * id and number), `~`-separated. The next page starts after that place, so an invoice paid or
 * changed in between neither repeats nor pushes another one out.
 */
const CURSOR = /^(due|number|issued)~(asc|desc)~(\d{4}-\d{2}-\d{2})?~([^~]+)~([A-Za-z0-9][A-Za-z0-9._-]{0,39})$/;
const invalidCursor = () =>
  new PorchlightError('VALIDATION_FAILED', 'The cursor is not valid: pass the cursor of a previous page, with the same filters.', { fields: { cursor: 'Pass the cursor of a previous page, with the same filters.' } });

function encodeCursor(sort: Sort, order: Order, r: Position): string {
  const date = sort === 'due' ? r.dueDate : sort === 'issued' ? r.issueDate : '';
  return [sort, order, date, r.id, r.number].join('~');
}

function decodeCursor(cursor: string, sort: Sort, order: Order): Position {
  const m = CURSOR.exec(cursor);
  if (!m || m[1] !== sort || m[2] !== order || !ID_PATTERN.test(m[4]!) || (sort === 'number') !== (m[3] === undefined)) throw invalidCursor();
  return { id: m[4]!, number: m[5]!, dueDate: m[3] ?? '', issueDate: m[3] ?? '' };
}

/** Every invoice of the account, up to INVOICE_SORT_LIMIT (the newest synced first when there are more). */
async function accountInvoices(deps: Deps, dealerId: string, accountId: string): Promise<InvoiceRecord[]> {
  const out: InvoiceRecord[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: { value: InvoiceRecord }[]; cursor: string | null } = await deps.store.list<InvoiceRecord>(keys.invoices(dealerId, accountId), {
      limit: Math.min(1000, INVOICE_SORT_LIMIT - out.length),
      cursor,
      reverse: true,
    });
    for (const item of page.items) out.push(item.value);
    cursor = page.cursor;
  } while (cursor && out.length < INVOICE_SORT_LIMIT);
  return out;
}

const FILTERS: Record<ListDefaults['status'], (r: InvoiceRecord) => boolean> = {
  open: (r) => r.status === 'open' || r.status === 'partially-paid',
  paid: (r) => r.status === 'paid',
  all: () => true,
};

/**
 * One page of the account's invoices: filtered (`open`: open or partially paid; `paid`; `all`
 * adds void ones), sorted (due date, number, issue date; ties by number, then id), after the
 * cursor. Sorting reads the account's invoices (at most INVOICE_SORT_LIMIT) per request.
 */
async function listRecords(deps: Deps, dealerId: string, accountId: string, query: ListQuery, defaults: ListDefaults): Promise<{ items: InvoiceRecord[]; cursor: string | null }> {
  const status = query.status ?? defaults.status;
  const sort = query.sort ?? defaults.sort;
  const order = query.order ?? defaults.order;
  const limit = query.limit ?? INVOICE_PAGE_SIZE;
  const compare = comparator(sort, order);
  const after = query.cursor !== undefined ? decodeCursor(query.cursor, sort, order) : null;
  const matching = (await accountInvoices(deps, dealerId, accountId)).filter(FILTERS[status]).filter((r) => !after || compare(r, after) > 0);
  matching.sort(compare);
  const items = matching.slice(0, limit);
  return { items, cursor: matching.length > limit ? encodeCursor(sort, order, items.at(-1)!) : null };
}

export async function listPortalInvoices(deps: Deps, dealerId: string, accountId: string, query: ListQuery): Promise<InvoicePage> {
  const page = await listRecords(deps, dealerId, accountId, query, PORTAL_LIST_DEFAULTS);
  const now = deps.now();
  return { items: page.items.map((r) => toSummary(r, now)), cursor: page.cursor };
}

export async function listAdminInvoices(deps: Deps, dealerId: string, accountId: string, query: ListQuery): Promise<AdminInvoicePage> {
  const page = await listRecords(deps, dealerId, accountId, query, ADMIN_LIST_DEFAULTS);
  const now = deps.now();
  return { items: page.items.map((r) => toAdmin(r, now)), cursor: page.cursor };
}

// ---- portal -----------------------------------------------------------------------------

/** An invoice of the account (NOT_FOUND for another account's or another dealer's, as for none). */
async function findById(deps: Deps, ref: InvoiceRef): Promise<Versioned<InvoiceRecord>> {
  const found = await deps.store.get<InvoiceRecord>(keys.invoice(ref.dealerId, ref.accountId, ref.invoiceId));
  if (!found) throw notFound();
  return found;
}

export async function getPortalInvoice(deps: Deps, ref: InvoiceRef): Promise<PortalInvoice> {
  return toPortal((await findById(deps, ref)).value, deps.now());
}

/** The invoice's PDF: the dealer's own bytes, or rendered from this version (always the same bytes for it). */
async function pdfOf(deps: Deps, dealer: Dealer, r: InvoiceRecord): Promise<PdfFile> {
  if (r.document.source === 'supplied') {
    const bytes = await deps.store.getBytes(keys.invoiceDocument(r.dealerId, r.accountId, r.id, r.document.sha256!));
    if (!bytes) throw new PorchlightError('NOT_FOUND', "The invoice's PDF is missing.");
    return { bytes, filename: r.document.filename, sha256: r.document.sha256! };
  }
  const account = (await getAccount(deps, r.dealerId, r.accountId))?.value;
  const bytes = await renderInvoicePdf(r, { dealerName: dealer.name, branding: dealer.branding, account: { name: account?.name ?? '', customerNumber: account?.customerNumber ?? null } });
  return { bytes, filename: r.document.filename, sha256: sha256Hex(bytes) };
}

export async function portalInvoicePdf(deps: Deps, dealer: Dealer, ref: InvoiceRef): Promise<PdfFile> {
  return pdfOf(deps, dealer, (await findById(deps, ref)).value);
}

export async function adminInvoicePdf(deps: Deps, dealer: Dealer, accountId: string, number: string): Promise<PdfFile> {
  return pdfOf(deps, dealer, (await findByNumber(deps, dealer.id, accountId, number)).value);
}

// ---- portal payments (used by the payments feature) --------------------------------------

/**
 * Records a portal payment of `amountCents` against the invoice: `paidInPortalCents` grows, the
 * balance is reconciled (never below zero), the version goes up. Idempotent per payment id (the
 * same payment again changes nothing). Never refuses for the amount — the money was taken; the
 * caller checks what may be paid before charging.
 */
export async function applyPortalPayment(deps: Deps, ref: InvoiceRef, payment: { paymentId: string; amountCents: number; actor: Actor }): Promise<Invoice> {
  const { after } = await updateRecord<InvoiceRecord>(
    deps.store,
    keys.invoice(ref.dealerId, ref.accountId, ref.invoiceId),
    (r) => {
      if (r.portalPayments.some((p) => p.paymentId === payment.paymentId)) return r;
      if (r.portalPayments.length >= MAX_PORTAL_PAYMENTS_PER_INVOICE) throw new PorchlightError('LIMIT_REACHED', `Invoice ${r.number} already has ${MAX_PORTAL_PAYMENTS_PER_INVOICE} payments.`);
      const applied: InvoicePortalPayment = { paymentId: payment.paymentId, amountCents: payment.amountCents, refundedCents: 0, at: iso(deps.now()) };
      return changed(r, [...r.portalPayments, applied], payment.actor, deps.now());
    },
    notFound,
  );
  return toAdmin(after, deps.now());
}

/**
 * Records that `refundedCents` in all (cumulative, at most the amount applied) of a portal payment
 * to this invoice was given back: the balance may rise again by that much. Idempotent.
 */
export async function recordPortalRefund(deps: Deps, ref: InvoiceRef, refund: { paymentId: string; refundedCents: number; actor: Actor }): Promise<Invoice> {
  const { after } = await updateRecord<InvoiceRecord>(
    deps.store,
    keys.invoice(ref.dealerId, ref.accountId, ref.invoiceId),
    (r) => {
      const entry = r.portalPayments.find((p) => p.paymentId === refund.paymentId);
      if (!entry) throw new PorchlightError('NOT_FOUND', `Payment ${refund.paymentId} was not applied to invoice ${r.number}.`);
      const refundedCents = Math.min(Math.max(0, refund.refundedCents), entry.amountCents);
      if (refundedCents === entry.refundedCents) return r;
      return changed(r, r.portalPayments.map((p) => (p === entry ? { ...p, refundedCents } : p)), refund.actor, deps.now());
    },
    notFound,
  );
  return toAdmin(after, deps.now());
}

function changed(r: InvoiceRecord, portalPayments: InvoicePortalPayment[], actor: Actor, now: number): InvoiceRecord {
  return { ...r, portalPayments, ...settle({ ...r, portalPayments }), version: r.version + 1, updatedAt: iso(now), updatedBy: actor };
}
