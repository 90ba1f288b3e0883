import * as v from 'valibot';
import {
  effectiveGrants,
  formatMinorUnits,
  MAX_TTL_SECONDS,
  newId,
  PAY_ITEMS_MAX,
  paymentMethodLabel,
  PorchlightError,
  StoreConflictError,
  type Actor,
  type Payment,
  type PaymentMethodSnapshot,
  type PaymentPage,
  type PaymentQuery,
  type PayRequest,
  type PayResponse,
  type PortalPayment,
  type PortalPaymentPage,
  type RefundRequest,
  type Versioned,
} from '@porchlight/core';
import type { Deps } from '../../context.js';
import { billingSettings, type Dealer } from '../../options.js';
import { audit } from '../../audit/audit.js';
import { sha256Hex } from '../../crypto.js';
import type { PdfFile } from '../../http/file.js';
import { hitLimit } from '../../http/rate-limit.js';
import { processCallbackOnce, storeProcessedEvents } from '../../payments/callbacks.js';
import { GatewayRequestError, GatewaySignatureError, GatewayUnavailableError, type CallbackHeaders, type ChargeResult, type PaymentGateway } from '../../payments/gateway.js';
import { keys } from '../../store/keys.js';
import { withLock } from '../../store/lock.js';
import { scanFiltered } from '../../store/scan.js';
import { updateRecord } from '../../store/update.js';
import type { UserRecord } from '../accounts/records.js';
import { getAccount, listUsers } from '../accounts/service.js';
import { addDays } from '../autopay/cycle.js';
import { mailDealer } from '../auth/service.js';
import { applyPortalPayment, recordPortalRefund, type InvoiceRecord } from '../invoices/service.js';
import { canonicalJson, sha256Hex as bytesSha256, textSha256 } from '../proposals/evidence.js';
import { ensureCustomer, gatewayFailure, getMethodRecord, saveTokenAsMethod, type PortalScope } from './methods.js';
import { receiptFilename, renderReceiptPdf } from './receipt.js';
import { requireGateway, toAdminPayment, toPortalPayment, type ChargeRequest, type MethodRecord, type PaymentRecord, type PendingEntry, type RefundEntry } from './records.js';

export type PayInput = v.InferOutput<typeof PayRequest>;
export type PaymentListQuery = v.InferOutput<typeof PaymentQuery>;
export type RefundInput = v.InferOutput<typeof RefundRequest>;

/** What the client reads while the gateway's answer is unknown. */
export const UNCONFIRMED_MESSAGE = 'We could not confirm this payment with the payment processor. Do not pay again: we will check it and update your payment history.';
/** The largest amount a gateway takes in one charge. */
export const GATEWAY_MAX_CENTS = 99_999_999;
/** Payments per page unless the caller asks for fewer. */
export const PAYMENT_PAGE_SIZE = 50;
const PAYMENT_SCAN_LIMIT = 1000;
/** An unconfirmed payment is asked about again by the reconciliation job after this long… */
export const RECONCILE_AFTER_MS = 2 * 60 * 1000;
/** …and no longer after this (gateways forget idempotency keys after about a day: a person looks at it then). */
export const RECONCILE_WITHIN_MS = 23 * 60 * 60 * 1000;
/** A retry this soon after a payment was recorded, before its first answer came, does not ask the gateway too. */
const IN_FLIGHT_MS = 30 * 1000;

const iso = (ms: number) => new Date(ms).toISOString();
const notFound = () => new PorchlightError('NOT_FOUND', 'No such payment.');
const inProgress = () => new PorchlightError('PAYMENT_IN_PROGRESS');

/** Who acts and where: the dealer, the background runner for emails, the client's address. */
export interface PaymentContext {
  dealer: Dealer;
  background: (work: Promise<unknown>) => void;
  clientAddress?: string | undefined;
}

/** What one attempt at the gateway came to. */
export type Outcome =
  | { kind: 'succeeded'; chargeRef?: string | undefined }
  | { kind: 'declined' | 'failed'; chargeRef?: string | undefined; message: string }
  | { kind: 'pending'; chargeRef?: string | undefined; clientSecret?: string | undefined }
  | { kind: 'unconfirmed' };

// ---- reading ----------------------------------------------------------------------------

export async function getPaymentRecord(deps: Deps, dealerId: string, accountId: string, paymentId: string): Promise<Versioned<PaymentRecord>> {
  const found = await deps.store.get<PaymentRecord>(keys.payment(dealerId, accountId, paymentId));
  if (!found) throw notFound();
  return found;
}

async function listRecords<R>(deps: Deps, dealerId: string, accountId: string, query: PaymentListQuery, view: (p: PaymentRecord) => R): Promise<{ items: R[]; cursor: string | null }> {
  return scanFiltered<PaymentRecord, PaymentRecord, R>(deps.store, keys.payments(dealerId, accountId), {
    reverse: true,
    limit: query.limit ?? PAYMENT_PAGE_SIZE,
    budget: PAYMENT_SCAN_LIMIT,
    pageSize: 100,
    cursor: query.cursor,
    pick: (p) => (!query.status || p.status === query.status ? view(p) : undefined),
  });
}

/** The account's payments, newest first (`status` filters). */
export const listPortalPayments = (deps: Deps, dealerId: string, accountId: string, query: PaymentListQuery): Promise<PortalPaymentPage> => listRecords(deps, dealerId, accountId, query, toPortalPayment);
export const listAdminPayments = (deps: Deps, dealerId: string, accountId: string, query: PaymentListQuery): Promise<PaymentPage> => listRecords(deps, dealerId, accountId, query, toAdminPayment);

export async function getPortalPayment(deps: Deps, dealerId: string, accountId: string, paymentId: string): Promise<PortalPayment> {
  return toPortalPayment((await getPaymentRecord(deps, dealerId, accountId, paymentId)).value);
}

export async function getAdminPayment(deps: Deps, dealerId: string, accountId: string, paymentId: string): Promise<Payment> {
  return toAdminPayment((await getPaymentRecord(deps, dealerId, accountId, paymentId)).value);
}

/** The receipt PDF of a payment that was taken (NOT_FOUND for one that was not). */
export async function receiptPdf(deps: Deps, dealer: Dealer, accountId: string, paymentId: string): Promise<PdfFile> {
  const p = (await getPaymentRecord(deps, dealer.id, accountId, paymentId)).value;
  if (p.status !== 'succeeded' && p.status !== 'refunded') throw new PorchlightError('NOT_FOUND', 'There is no receipt: this payment was not taken.');
  const bytes = await renderPayment(deps, dealer, p);
  return { bytes, filename: receiptFilename(p.receiptNumber), sha256: bytesSha256(bytes) };
}

async function renderPayment(deps: Deps, dealer: Dealer, p: PaymentRecord): Promise<Uint8Array> {
  const account = (await getAccount(deps, p.dealerId, p.accountId))?.value;
  return renderReceiptPdf(p, { dealerName: dealer.name, branding: dealer.branding, account: { name: account?.name ?? '', customerNumber: account?.customerNumber ?? null } });
}

// ---- reserving: checks and the pending record, under the account's payments lock ---------

/** What a payment is for: the invoices and amounts, or (autopay) the account's whole open balance. */
export type PaymentPlan = { kind: 'items'; items: Array<{ invoiceId: string; amountCents: number }> } | { kind: 'open-balance' };

export interface PaymentDraft {
  /** The payment's id (autopay: fixed by the cycle's claim, so a retried attempt is the same payment). */
  id: string;
  accountId: string;
  idempotencyKeyHash: string;
  fingerprint: string;
  plan: PaymentPlan;
  method: PaymentMethodSnapshot;
  methodId: string | null;
  charge: Omit<ChargeRequest, 'idempotencyKey' | 'description' | 'metadata'> & { idempotencyKey?: string };
  actor: Actor;
  /** Who gets the receipt or the failure notice (with the account's managers). */
  payerUserId: string | null;
  autopay: { cycle: string; attempt: number; firstAttemptOn: string } | null;
  /** Remove the gateway's copy of the method once the payment is final (a one-time card). */
  detachAfter: boolean;
}

/** What pending payments of the account hold back of each invoice (not yet applied to it). */
async function reservations(deps: Deps, dealerId: string, accountId: string): Promise<PendingEntry[]> {
  const out: PendingEntry[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: { value: PendingEntry }[]; cursor: string | null } = await deps.store.list<PendingEntry>(keys.paymentsPendingOf(dealerId, accountId), { limit: 1000, cursor });
    for (const item of page.items) out.push(item.value);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

function reservedOf(invoice: InvoiceRecord, pending: PendingEntry[]): number {
  let sum = 0;
  for (const entry of pending) {
    if (invoice.portalPayments.some((p) => p.paymentId === entry.paymentId)) continue;
    for (const item of entry.items) if (item.invoiceId === invoice.id) sum += item.amountCents;
  }
  return sum;
}

const payable = (r: InvoiceRecord) => r.status === 'open' || r.status === 'partially-paid';

/**
 * Checks what is to be paid against the invoices as they are now and what pending payments hold
 * back: every invoice the account's (404 otherwise, as for none), in the dealer's currency, not
 * void or paid, and each amount at most what is open less what pending payments reserve (unless
 * the dealer allows overpayment). Refusals name the invoice. Answers the items with their numbers.
 */
export async function checkPlan(deps: Deps, dealer: Dealer, accountId: string, plan: PaymentPlan): Promise<PaymentRecord['items']> {
  const settings = billingSettings(dealer);
  const pending = await reservations(deps, dealer.id, accountId);
  if (plan.kind === 'open-balance') {
    const all = await deps.store.list<InvoiceRecord>(keys.invoices(dealer.id, accountId), { limit: 1000 });
    const open = all.items
      .map((i) => i.value)
      .filter((r) => payable(r) && r.currency === settings.currency)
      .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id < b.id ? -1 : 1));
    const items: PaymentRecord['items'] = [];
    for (const r of open) {
      const available = r.balanceCents - reservedOf(r, pending);
      if (available > 0 && items.length < PAY_ITEMS_MAX) items.push({ invoiceId: r.id, invoiceNumber: r.number, amountCents: available });
    }
    return items;
  }
  const found = await deps.store.getMany<InvoiceRecord>(plan.items.map((i) => keys.invoice(dealer.id, accountId, i.invoiceId)));
  return plan.items.map((item, index) => {
    const r = found[index]?.value;
    const field = `items.${index}`;
    if (!r) throw new PorchlightError('NOT_FOUND', 'No such invoice: reload your invoices.', { fields: { [`${field}.invoiceId`]: 'No such invoice.' } });
    const refuse = (message: string) => new PorchlightError('INVOICE_NOT_PAYABLE', message, { fields: { [`${field}.amountCents`]: message } });
    if (r.currency !== settings.currency) throw refuse(`Invoice ${r.number} is in ${r.currency}; this portal takes payments in ${settings.currency}.`);
    if (r.status === 'void') throw refuse(`Invoice ${r.number} is void: nothing is due on it.`);
    const reserved = reservedOf(r, pending);
    const available = r.balanceCents - reserved;
    if (r.status === 'paid' || available <= 0) {
      throw refuse(reserved > 0 ? `Invoice ${r.number} is being paid by another payment. Check your payment history before you pay again.` : `Invoice ${r.number} is already paid.`);
    }
    if (item.amountCents > available && !settings.allowOverpayment) {
      const money = formatMinorUnits(available, r.currency);
      throw refuse(reserved > 0 ? `Invoice ${r.number} has ${money} open once the payment in progress completes: pay at most that.` : `Invoice ${r.number} has ${money} open: pay at most that.`);
    }
    return { invoiceId: r.id, invoiceNumber: r.number, amountCents: item.amountCents };
  });
}

/**
 * Checks and records a payment as `pending` with its idempotency key, before anything is sent to
 * the gateway, while holding the account's payments lock: two payments of one account are never
 * checked at the same time, so what one reserves the other sees. The key is claimed
 * insert-if-absent: the same key again answers the payment it made (`existing`). `null` when an
 * open-balance plan finds nothing due.
 */
export async function reservePayment(deps: Deps, dealer: Dealer, draft: PaymentDraft): Promise<{ created: PaymentRecord } | { existing: PaymentRecord } | null> {
  const keyIndex = keys.paymentIdempotency(dealer.id, draft.accountId, draft.idempotencyKeyHash);
  const existing = async () => {
    const found = await findByKey(deps, dealer.id, draft.accountId, draft.idempotencyKeyHash);
    return found ? { existing: found } : null;
  };
  try {
    return await withLock(
      deps,
      keys.accountLock(dealer.id, draft.accountId, 'payments'),
      async () => {
        const already = await existing();
        if (already) return already;
        const items = await checkPlan(deps, dealer, draft.accountId, draft.plan);
        if (items.length === 0) return null;
        const amountCents = items.reduce((sum, i) => sum + i.amountCents, 0);
        if (amountCents > GATEWAY_MAX_CENTS) {
          throw new PorchlightError('VALIDATION_FAILED', `One payment can be at most ${formatMinorUnits(GATEWAY_MAX_CENTS, billingSettings(dealer).currency)}: pay fewer invoices at once.`, { fields: { expectedTotalCents: 'The total is too large for one payment.' } });
        }
        const now = deps.now();
        try {
          await deps.store.put(keyIndex, { paymentId: draft.id, at: iso(now) }, { ifVersion: null });
        } catch (error) {
          if (error instanceof StoreConflictError) return (await existing()) ?? { existing: await waitForPayment(deps, dealer.id, draft.accountId, draft.idempotencyKeyHash) };
          throw error;
        }
        const year = iso(now).slice(0, 4);
        const count = await deps.store.increment(keys.receiptCounter(dealer.id, year), { ttl: MAX_TTL_SECONDS });
        const receiptNumber = `R-${year}-${String(count).padStart(6, '0')}`;
        const numbers = items.map((i) => i.invoiceNumber).join(', ');
        const at = iso(now);
        const record: PaymentRecord = {
          id: draft.id,
          dealerId: dealer.id,
          accountId: draft.accountId,
          status: 'pending',
          amountCents,
          currency: billingSettings(dealer).currency,
          method: draft.method,
          items,
          receiptNumber,
          autopay: draft.autopay !== null,
          createdAt: at,
          createdBy: draft.actor,
          updatedAt: at,
          gatewayRef: null,
          failureMessage: null,
          refundedCents: 0,
          refundedAt: null,
          refundedBy: null,
          idempotencyKeyHash: draft.idempotencyKeyHash,
          fingerprint: draft.fingerprint,
          methodId: draft.methodId,
          charge: {
            ...draft.charge,
            idempotencyKey: draft.charge.idempotencyKey ?? `pay:${draft.id}`,
            description: `${dealer.name}: ${items.length === 1 ? 'invoice' : 'invoices'} ${numbers}`.slice(0, 1000),
            metadata: { porchlight_dealer: dealer.id, porchlight_account: draft.accountId, porchlight_payment: draft.id, receipt: receiptNumber },
          },
          unconfirmed: false,
          attempts: 0,
          lastAttemptAt: null,
          autopayCycle: draft.autopay?.cycle ?? null,
          refunds: [],
          payerUserId: draft.payerUserId,
          detachAfter: draft.detachAfter,
          autopayAttempt: draft.autopay,
        };
        await deps.store.put(keys.payment(dealer.id, draft.accountId, record.id), record, { ifVersion: null });
        const entry: PendingEntry = { paymentId: record.id, items: items.map((i) => ({ invoiceId: i.invoiceId, amountCents: i.amountCents })), createdAt: at };
        await deps.store.put(keys.paymentPending(dealer.id, draft.accountId, record.id), entry, { ifVersion: null });
        return { created: record };
      },
      { busy: inProgress },
    );
  } catch (error) {
    // The lock stayed busy: a retry of the same key answers its payment, anything else is refused.
    if (error instanceof PorchlightError && error.code === 'PAYMENT_IN_PROGRESS') {
      const already = await existing();
      if (already) return already;
    }
    throw error;
  }
}

async function findByKey(deps: Deps, dealerId: string, accountId: string, keyHash: string): Promise<PaymentRecord | null> {
  const index = await deps.store.get<{ paymentId: string }>(keys.paymentIdempotency(dealerId, accountId, keyHash));
  if (!index) return null;
  const found = await deps.store.get<PaymentRecord>(keys.payment(dealerId, accountId, index.value.paymentId));
  return found?.value ?? (await waitForPayment(deps, dealerId, accountId, keyHash));
}

/** The key is claimed but its payment not yet written (a request still recording it): wait a little for it. */
async function waitForPayment(deps: Deps, dealerId: string, accountId: string, keyHash: string): Promise<PaymentRecord> {
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const index = await deps.store.get<{ paymentId: string }>(keys.paymentIdempotency(dealerId, accountId, keyHash));
    if (!index) break;
    const found = await deps.store.get<PaymentRecord>(keys.payment(dealerId, accountId, index.value.paymentId));
    if (found) return found.value;
  }
  throw inProgress();
}

// ---- charging and settling ----------------------------------------------------------------

/** Turns a gateway's answer, or what it threw, into an outcome. Only a definite answer is ever a decline or failure. */
function outcomeOf(result: ChargeResult): Outcome {
  switch (result.status) {
    case 'succeeded':
      return { kind: 'succeeded', chargeRef: result.chargeRef };
    case 'declined':
    case 'failed':
      return { kind: result.status, chargeRef: result.chargeRef, message: result.message };
    default:
      return { kind: 'pending', chargeRef: result.chargeRef, clientSecret: result.clientSecret };
  }
}

/**
 * Asks the gateway to charge the payment (again: always with the payment's own idempotency key
 * and the same parameters, so however often this runs the client is charged at most once) and
 * settles the payment with the answer.
 */
export async function attemptCharge(deps: Deps, ctx: PaymentContext, payment: PaymentRecord): Promise<{ payment: PaymentRecord; clientSecret: string | null }> {
  const gateway = requireGateway(deps, ctx.dealer);
  let outcome: Outcome;
  if (gateway.id !== payment.charge.gatewayId) {
    outcome = { kind: 'unconfirmed' };
    deps.reportError(new Error(`Payment ${payment.id} was made with the "${payment.charge.gatewayId}" gateway, but the dealer's gateway is now "${gateway.id}": check it in that gateway.`));
  } else {
    const c = payment.charge;
    try {
      outcome = outcomeOf(
        await gateway.charge({
          customerRef: c.customerRef,
          ...(c.methodRef ? { methodRef: c.methodRef } : {}),
          ...(c.token ? { token: c.token } : {}),
          amountCents: payment.amountCents,
          currency: payment.currency,
          idempotencyKey: c.idempotencyKey,
          offSession: c.offSession,
          description: c.description,
          metadata: c.metadata,
        }),
      );
    } catch (error) {
      if (error instanceof GatewayRequestError && (error.code === 'token_invalid' || error.code === 'not_found')) {
        // A definite refusal before any money moved (the method or token is gone).
        outcome = { kind: 'failed', message: 'This payment method can no longer be charged. Add it again or choose another.' };
      } else if (error instanceof GatewayRequestError && error.code !== 'idempotency_mismatch') {
        // The deployment's mistake (keys, configuration): nothing was charged; the dealer must fix it.
        deps.reportError(error);
        outcome = { kind: 'failed', message: `The payment could not be processed, and nothing was charged. Please contact ${ctx.dealer.name}.` };
      } else {
        // Unknown outcome: never a decline. The payment stays pending and is asked about again.
        if (!(error instanceof GatewayUnavailableError)) deps.reportError(error);
        outcome = { kind: 'unconfirmed' };
      }
    }
  }
  const after = await settlePayment(deps, ctx, payment, outcome, { attempted: true });
  return { payment: after, clientSecret: outcome.kind === 'pending' && after.status === 'pending' ? (outcome.clientSecret ?? null) : null };
}

/**
 * Records what the gateway said about a payment — the one place a payment changes status.
 * `succeeded` applies the payment to every invoice first (idempotent per payment), then marks
 * it; a definite decline or failure marks it and applies nothing; `pending` and `unconfirmed`
 * leave it pending. A status reached once is not undone (a late decline after a success is
 * ignored; a success after a decline wins, since the money moved). The first to reach a status
 * audits it and sends the emails.
 */
export async function settlePayment(deps: Deps, ctx: PaymentContext, payment: PaymentRecord, outcome: Outcome, o: { attempted?: boolean } = {}): Promise<PaymentRecord> {
  const { dealerId, accountId } = payment;
  const key = keys.payment(dealerId, accountId, payment.id);
  const chargeRef = 'chargeRef' in outcome ? outcome.chargeRef : undefined;
  if (chargeRef) await deps.store.put(keys.paymentCharge(dealerId, payment.charge.gatewayId, chargeRef), { accountId, paymentId: payment.id });
  const at = iso(deps.now());
  /** The payment with the outcome recorded, or the same object when there is nothing to record. */
  const next = (r: PaymentRecord): PaymentRecord => {
    if (r.status !== 'pending') {
      // Final already: only a success after a decline or failure is recorded (the money moved).
      if (outcome.kind !== 'succeeded' || r.status === 'succeeded' || r.status === 'refunded') return r;
    }
    const counted = o.attempted ? { attempts: r.attempts + 1, lastAttemptAt: at } : {};
    const ref = chargeRef ?? r.gatewayRef;
    switch (outcome.kind) {
      case 'succeeded':
        return { ...r, ...counted, status: 'succeeded', gatewayRef: ref, failureMessage: null, unconfirmed: false, updatedAt: at };
      case 'declined':
      case 'failed':
        return { ...r, ...counted, status: outcome.kind, gatewayRef: ref, failureMessage: outcome.message, unconfirmed: false, updatedAt: at };
      case 'pending':
        return { ...r, ...counted, gatewayRef: ref, failureMessage: null, unconfirmed: false, updatedAt: at };
      case 'unconfirmed':
        return { ...r, ...counted, failureMessage: UNCONFIRMED_MESSAGE, unconfirmed: true, updatedAt: at };
    }
  };
  let before: PaymentRecord;
  let after: PaymentRecord;
  for (let attempt = 0; ; attempt++) {
    const current = await deps.store.get<PaymentRecord>(key);
    if (!current) throw notFound();
    before = current.value;
    after = next(before);
    if (after === before) break;
    // Applied to every invoice before the payment says so (idempotent per payment): a crash in
    // between leaves it pending, and the next attempt applies nothing twice.
    if (after.status === 'succeeded' && before.status !== 'succeeded') {
      for (const item of before.items) {
        await applyPortalPayment(deps, { dealerId, accountId, invoiceId: item.invoiceId }, { paymentId: before.id, amountCents: item.amountCents, actor: before.createdBy });
      }
    }
    try {
      await deps.store.put(key, after, { ifVersion: current.version });
      break;
    } catch (error) {
      if (!(error instanceof StoreConflictError) || attempt >= 20) throw error;
    }
  }
  if (after.status !== 'pending') await deps.store.delete(keys.paymentPending(dealerId, accountId, payment.id));
  const money = formatMinorUnits(after.amountCents, after.currency);
  const label = paymentMethodLabel(after.method);
  const auditEntry = (action: 'payment.succeeded' | 'payment.declined' | 'payment.failed' | 'payment.unconfirmed', summary: string) =>
    audit(deps, {
      dealerId,
      accountId,
      action,
      actor: after.createdBy,
      summary,
      target: { type: 'payment', id: after.id },
      details: { receiptNumber: after.receiptNumber, amountCents: after.amountCents, currency: after.currency, items: after.items, gatewayRef: after.gatewayRef, autopay: after.autopay, attempts: after.attempts },
      clientAddress: ctx.clientAddress,
    });
  if (before.status !== after.status) {
    if (after.status === 'succeeded') {
      await auditEntry('payment.succeeded', `${after.createdBy.name} paid ${money} with ${label} (receipt ${after.receiptNumber}; ${after.items.map((i) => `invoice ${i.invoiceNumber} ${formatMinorUnits(i.amountCents, after.currency)}`).join(', ')})`);
      ctx.background(sendReceipt(deps, ctx.dealer, after));
    } else if (after.status === 'declined' || after.status === 'failed') {
      await auditEntry(`payment.${after.status}`, `A payment of ${money} by ${after.createdBy.name} with ${label} was ${after.status === 'declined' ? 'declined' : 'not processed'}: ${after.failureMessage}`);
      ctx.background(sendFailure(deps, ctx.dealer, after));
    }
    if (after.detachAfter && after.status !== 'pending') ctx.background(detach(deps, ctx.dealer, after));
  } else if (after.unconfirmed && !before.unconfirmed) {
    await auditEntry('payment.unconfirmed', `The payment processor did not confirm a payment of ${money} by ${after.createdBy.name} (receipt ${after.receiptNumber}); it stays pending and is checked again`);
  }
  return after;
}

async function detach(deps: Deps, dealer: Dealer, p: PaymentRecord): Promise<void> {
  const gateway = deps.gatewayFor?.(dealer.id);
  if (gateway && gateway.id === p.charge.gatewayId && p.charge.methodRef) await gateway.removeMethod(p.charge.methodRef);
}

// ---- emails -------------------------------------------------------------------------------

/**
 * The payer (autopay: whoever turned it on) and the account's managers, active, granted
 * "Payments and autopay" and with an email, once each.
 */
async function recipients(deps: Deps, p: PaymentRecord): Promise<UserRecord[]> {
  const users = await listUsers(deps, p.dealerId, p.accountId);
  const seen = new Set<string>();
  return users.filter((u) => {
    if (u.status !== 'active' || !u.email || (u.id !== p.payerUserId && u.role !== 'manager') || !effectiveGrants(u).includes('payments')) return false;
    const email = u.email.toLowerCase();
    if (seen.has(email)) return false;
    seen.add(email);
    return true;
  });
}

const portalUrl = (dealer: Dealer) => dealer.settings.portalUrl ?? null;

async function sendReceipt(deps: Deps, dealer: Dealer, p: PaymentRecord): Promise<void> {
  const [to, account, pdf] = await Promise.all([recipients(deps, p), getAccount(deps, p.dealerId, p.accountId), renderPayment(deps, dealer, p)]);
  for (const user of to) {
    await deps.mailer.send({
      template: 'payment-receipt',
      to: { email: user.email!, name: user.name },
      dealer: mailDealer(dealer),
      data: {
        name: user.name,
        accountName: account?.value.name ?? '',
        receiptNumber: p.receiptNumber,
        paidAt: p.updatedAt,
        amountCents: p.amountCents,
        currency: p.currency,
        method: paymentMethodLabel(p.method),
        items: p.items.map((i) => ({ invoiceNumber: i.invoiceNumber, amountCents: i.amountCents })),
        autopay: p.autopay,
        url: portalUrl(dealer),
      },
      attachments: [{ filename: receiptFilename(p.receiptNumber), contentType: 'application/pdf', content: pdf }],
    });
  }
}

/** Autopay: the day a declined attempt is tried again, or null when it was the last. */
export function retryOn(dealer: Dealer, attempt: PaymentDraft['autopay']): string | null {
  if (!attempt) return null;
  const days = billingSettings(dealer).autopayRetryDays;
  const offset = days[attempt.attempt - 1];
  return offset === undefined ? null : addDays(attempt.firstAttemptOn, offset);
}

async function sendFailure(deps: Deps, dealer: Dealer, p: PaymentRecord): Promise<void> {
  const [to, account] = await Promise.all([recipients(deps, p), getAccount(deps, p.dealerId, p.accountId)]);
  for (const user of to) {
    await deps.mailer.send({
      template: 'payment-failed',
      to: { email: user.email!, name: user.name },
      dealer: mailDealer(dealer),
      data: {
        name: user.name,
        accountName: account?.value.name ?? '',
        status: p.status === 'declined' ? 'declined' : 'failed',
        amountCents: p.amountCents,
        currency: p.currency,
        method: paymentMethodLabel(p.method),
        items: p.items.map((i) => ({ invoiceNumber: i.invoiceNumber, amountCents: i.amountCents })),
        reason: p.failureMessage ?? 'The payment was not taken.',
        autopay: p.autopay,
        retryOn: retryOn(dealer, p.autopayAttempt),
        url: portalUrl(dealer),
      },
    });
  }
}

// ---- paying in the portal -----------------------------------------------------------------

/** The request without its key: the same key with another body is recognised by this. */
function fingerprintOf(input: PayInput): string {
  return textSha256(canonicalJson({ methodId: input.methodId ?? null, token: input.token ?? null, saveMethod: input.saveMethod, items: input.items, expectedTotalCents: input.expectedTotalCents }));
}

const snapshot = (m: Pick<MethodRecord, 'kind' | 'brand' | 'bankName' | 'last4'>): PaymentMethodSnapshot => ({ kind: m.kind, brand: m.brand ?? null, bankName: m.bankName ?? null, last4: m.last4 });

export interface PayResult {
  body: PayResponse;
  /** 201 a new payment, 200 a retry of a settled one, 202 still pending (authentication needed, or the outcome is being confirmed). */
  status: 200 | 201 | 202;
}

function answer(r: { payment: PaymentRecord; clientSecret: string | null }, fresh: boolean): PayResult {
  return { body: { payment: toPortalPayment(r.payment), clientSecret: r.clientSecret }, status: r.payment.status === 'pending' ? 202 : fresh ? 201 : 200 };
}

/** A retry with a known key: the same body answers its payment (asking the gateway again while pending); another body is refused. */
async function replay(deps: Deps, ctx: PaymentContext, payment: PaymentRecord, fingerprint: string): Promise<PayResult> {
  if (payment.fingerprint !== fingerprint) {
    throw new PorchlightError('IDEMPOTENCY_KEY_REUSED', 'This payment was already sent with other amounts or another method. Check your payment history; to make another payment, start again.');
  }
  if (payment.status !== 'pending') return answer({ payment, clientSecret: null }, false);
  // Its first attempt is still under way (a double click): answer it as it is, without asking the gateway too.
  if (payment.attempts === 0 && deps.now() - Date.parse(payment.createdAt) < IN_FLIGHT_MS) return answer({ payment, clientSecret: null }, false);
  try {
    return answer(await attemptCharge(deps, ctx, payment), false);
  } catch (error) {
    // Settled by another request at the same moment: answer what it came to.
    if (!(error instanceof PorchlightError && error.code === 'CONFLICT')) throw error;
    return answer({ payment: (await getPaymentRecord(deps, ctx.dealer.id, payment.accountId, payment.id)).value, clientSecret: null }, false);
  }
}

/**
 * Pays invoices of the signed-in user's account. In order: a known idempotency key answers its
 * payment; the invoices are checked (before anything reaches the gateway); the method is
 * resolved (a new card is saved at the gateway, and kept in the portal when `saveMethod`); the
 * payment is recorded `pending` under the account's payments lock (checked again there); then
 * charged, and settled with the gateway's answer.
 */
export async function pay(deps: Deps, scope: PortalScope, input: PayInput): Promise<PayResult> {
  const { dealer, auth } = scope;
  const accountId = auth.account.id;
  const ctx: PaymentContext = { dealer, background: scope.background, clientAddress: scope.clientAddress };
  const gateway = requireGateway(deps, dealer);
  const keyHash = sha256Hex(input.idempotencyKey);
  const fingerprint = fingerprintOf(input);

  const known = await findByKey(deps, dealer.id, accountId, keyHash);
  if (known) return replay(deps, ctx, known, fingerprint);

  const plan: PaymentPlan = { kind: 'items', items: input.items };
  // Checked before the gateway sees anything (and again under the lock).
  await checkPlan(deps, dealer, accountId, plan);

  let method: MethodRecord | null = null;
  let oneTime: { gatewayRef: string; snapshot: PaymentMethodSnapshot } | null = null;
  let customerRef: string;
  if (input.methodId) {
    method = await getMethodRecord(deps, dealer.id, accountId, input.methodId).catch(() => {
      throw new PorchlightError('NOT_FOUND', 'No such payment method.', { fields: { methodId: 'No such payment method: choose another.' } });
    });
    if (method.gatewayId !== gateway.id) {
      throw new PorchlightError('VALIDATION_FAILED', 'This payment method was saved with another payment processor. Add it again.', { fields: { methodId: 'Add this payment method again.' } });
    }
    customerRef = method.customerRef;
  } else {
    await hitLimit(deps, 'cardAccount', `${dealer.id}:${accountId}`);
    customerRef = await ensureCustomer(deps, gateway, dealer, auth.account, auth.user.email);
    if (input.saveMethod) {
      method = await saveTokenAsMethod(deps, scope, gateway, customerRef, input.token!, false);
    } else {
      // A one-time card is attached for this payment only (so the receipt can name it) and removed once the payment is final.
      try {
        const saved = await gateway.saveMethod({ customerRef, token: input.token! });
        oneTime = { gatewayRef: saved.gatewayRef, snapshot: snapshot({ kind: saved.kind, brand: saved.brand ?? null, bankName: saved.bankName ?? null, last4: saved.last4 }) };
      } catch (error) {
        throw gatewayFailure(error);
      }
    }
  }

  const draft: PaymentDraft = {
    id: newId(deps.now()),
    accountId,
    idempotencyKeyHash: keyHash,
    fingerprint,
    plan,
    method: method ? snapshot(method) : oneTime!.snapshot,
    methodId: method?.id ?? null,
    charge: { gatewayId: gateway.id, customerRef, methodRef: method?.gatewayRef ?? oneTime!.gatewayRef, token: null, offSession: false },
    actor: auth.actor,
    payerUserId: auth.user.id,
    autopay: null,
    detachAfter: oneTime !== null,
  };
  let reserved: Awaited<ReturnType<typeof reservePayment>>;
  try {
    reserved = await reservePayment(deps, dealer, draft);
  } catch (error) {
    if (oneTime) await gateway.removeMethod(oneTime.gatewayRef).catch((e) => deps.reportError(e));
    throw error;
  }
  if (!reserved) throw new PorchlightError('INVOICE_NOT_PAYABLE');
  if ('existing' in reserved) {
    if (oneTime) await gateway.removeMethod(oneTime.gatewayRef).catch((e) => deps.reportError(e));
    return replay(deps, ctx, reserved.existing, fingerprint);
  }
  return answer(await attemptCharge(deps, ctx, reserved.created), true);
}

// ---- reconciliation -----------------------------------------------------------------------

/**
 * Asks the gateway again about every payment of the dealer left pending because its answer
 * never came (an unknown outcome), with the payment's own idempotency key: run it from the job
 * every few minutes. Payments the gateway itself reported as pending (a bank debit, a card
 * waiting for the client's authentication) are settled by its callbacks instead.
 */
export async function reconcilePayments(deps: Deps, ctx: PaymentContext, now = deps.now()): Promise<{ checked: number; settled: number }> {
  let checked = 0;
  let settled = 0;
  let cursor: string | null = null;
  do {
    const page: { items: { value: PendingEntry; key: string }[]; cursor: string | null } = await deps.store.list<PendingEntry>(keys.paymentsPending(ctx.dealer.id), { limit: 200, cursor });
    cursor = page.cursor;
    for (const item of page.items) {
      const accountId = item.key.split(':')[2]!;
      const found = await deps.store.get<PaymentRecord>(keys.payment(ctx.dealer.id, accountId, item.value.paymentId));
      const p = found?.value;
      if (!p) continue;
      if (p.status !== 'pending') {
        await deps.store.delete(keys.paymentPending(ctx.dealer.id, accountId, p.id));
        continue;
      }
      const last = Date.parse(p.lastAttemptAt ?? p.createdAt);
      if (!p.unconfirmed || now - last < RECONCILE_AFTER_MS || now - Date.parse(p.createdAt) > RECONCILE_WITHIN_MS) continue;
      checked++;
      const result = await attemptCharge(deps, ctx, p);
      if (result.payment.status !== 'pending') settled++;
    }
  } while (cursor);
  return { checked, settled };
}

// ---- gateway callbacks ----------------------------------------------------------------------

/**
 * A gateway's callback: verified over the raw body (400 otherwise), acted on once per event id
 * (a replay answers 200 and changes nothing), and applied to the payment the charge belongs to.
 * Events about charges Porchlight did not make, and refunds (recorded when made through the
 * back office), change nothing.
 */
export async function handleCallback(deps: Deps, ctx: PaymentContext, gateway: PaymentGateway, rawBody: Uint8Array, headers: CallbackHeaders): Promise<'processed' | 'duplicate'> {
  let event;
  try {
    event = await gateway.verifyCallback(rawBody, headers);
  } catch (error) {
    if (error instanceof GatewaySignatureError) throw new PorchlightError('VALIDATION_FAILED', 'The callback could not be verified.', { fields: { '(body)': error.message } });
    throw error;
  }
  return processCallbackOnce(storeProcessedEvents(deps.store, { now: deps.now }), { dealerId: ctx.dealer.id, gatewayId: gateway.id }, event, async (e) => {
    if (!e.chargeRef || !e.status || e.status === 'refunded' || e.status === 'pending') return;
    const index = await deps.store.get<{ accountId: string; paymentId: string }>(keys.paymentCharge(ctx.dealer.id, gateway.id, e.chargeRef));
    if (!index) return;
    const found = await deps.store.get<PaymentRecord>(keys.payment(ctx.dealer.id, index.value.accountId, index.value.paymentId));
    if (!found) return;
    const p = found.value;
    if (e.amountCents !== undefined && e.amountCents !== p.amountCents) {
      deps.reportError(new Error(`Gateway event ${e.id} says ${e.amountCents} for payment ${p.id} of ${p.amountCents}: not applied.`));
      return;
    }
    const outcome: Outcome =
      e.status === 'succeeded'
        ? { kind: 'succeeded', chargeRef: e.chargeRef }
        : { kind: e.status, chargeRef: e.chargeRef, message: e.status === 'declined' ? 'Your bank declined the payment.' : 'The payment could not be completed.' };
    await settlePayment(deps, ctx, p, outcome);
  });
}

// ---- refunds (back office) ------------------------------------------------------------------

export interface AdminPaymentScope {
  dealer: Dealer;
  actor: Actor;
  clientAddress?: string | undefined;
  background: (work: Promise<unknown>) => void;
}

/** How much of each invoice `refunded` cents in all of a payment come back from (in the payment's order). */
function allocate(items: PaymentRecord['items'], refunded: number): Array<{ invoiceId: string; amountCents: number }> {
  let left = refunded;
  return items.map((i) => {
    const take = Math.min(left, i.amountCents);
    left -= take;
    return { invoiceId: i.invoiceId, amountCents: take };
  });
}

/**
 * Refunds all that is left of a payment, or `amountCents` of it, through the gateway with an
 * idempotency key derived from the caller's key: the refund is reserved on the payment first
 * (so two refunds at once cannot give back more than was paid), then sent; the same key again
 * answers the refund (asking the gateway again if its answer never came). The invoices' balances
 * rise again by what is refunded of them (recordPortalRefund).
 */
export async function refundPayment(deps: Deps, scope: AdminPaymentScope, accountId: string, paymentId: string, input: RefundInput): Promise<Payment> {
  const { dealer } = scope;
  const gateway = requireGateway(deps, dealer);
  const keyHash = sha256Hex(input.idempotencyKey);
  const paymentKey = keys.payment(dealer.id, accountId, paymentId);
  const refundKey = keys.refundIdempotency(dealer.id, accountId, keyHash);
  const reused = () => new PorchlightError('IDEMPOTENCY_KEY_REUSED', 'This refund key was already used for another refund. Use a new key for a new refund.');

  const claimed = await deps.store.get<{ paymentId: string; amountCents: number | null }>(refundKey);
  if (claimed && (claimed.value.paymentId !== paymentId || claimed.value.amountCents !== (input.amountCents ?? null))) throw reused();
  let payment = (await getPaymentRecord(deps, dealer.id, accountId, paymentId)).value;
  let entry = payment.refunds.find((r) => r.keyHash === keyHash);
  if (!entry) {
    if (!claimed) {
      try {
        await deps.store.put(refundKey, { paymentId, amountCents: input.amountCents ?? null }, { ifVersion: null });
      } catch (error) {
        if (error instanceof StoreConflictError) return refundPayment(deps, scope, accountId, paymentId, input);
        throw error;
      }
    }
    const now = iso(deps.now());
    try {
      ({ after: payment } = await updateRecord<PaymentRecord>(
        deps.store,
        paymentKey,
        (r) => {
          if (r.refunds.some((x) => x.keyHash === keyHash)) return r;
          if (r.status !== 'succeeded') {
            throw new PorchlightError('CONFLICT', r.status === 'refunded' ? 'This payment is already refunded in full.' : 'Only a payment that was taken can be refunded.');
          }
          const reservedCents = r.refunds.reduce((sum, x) => sum + x.amountCents, 0);
          const left = r.amountCents - reservedCents;
          const amountCents = input.amountCents ?? left;
          if (left <= 0) throw new PorchlightError('CONFLICT', 'Everything of this payment is refunded or being refunded.');
          if (amountCents > left) {
            throw new PorchlightError('VALIDATION_FAILED', `At most ${formatMinorUnits(left, r.currency)} of this payment can be refunded.`, { fields: { amountCents: `At most ${left} cents.` } });
          }
          const refund: RefundEntry = { keyHash, amountCents, at: now, by: scope.actor, reason: input.reason ?? null, refundRef: null, status: 'pending' };
          return { ...r, refunds: [...r.refunds, refund] };
        },
        notFound,
      ));
    } catch (error) {
      await deps.store.delete(refundKey).catch(() => undefined);
      throw error;
    }
    entry = payment.refunds.find((r) => r.keyHash === keyHash)!;
  }
  if (entry.status === 'succeeded') return toAdminPayment(payment);
  if (!payment.gatewayRef) throw new PorchlightError('CONFLICT', 'The gateway reference of this payment is unknown; refund it in the gateway.');

  let result;
  try {
    result = await gateway.refund({ chargeRef: payment.gatewayRef, amountCents: entry.amountCents, idempotencyKey: `refund:${paymentId}:${keyHash.slice(0, 40)}` });
  } catch (error) {
    if (error instanceof GatewayUnavailableError) {
      throw new PorchlightError('GATEWAY_UNAVAILABLE', 'The payment processor could not be reached, and the refund is not confirmed. Send the same request again (same idempotency key) in a few minutes.');
    }
    throw error;
  }
  if (result.status === 'failed') {
    await updateRecord<PaymentRecord>(deps.store, paymentKey, (r) => ({ ...r, refunds: r.refunds.filter((x) => x.keyHash !== keyHash) }), notFound);
    await deps.store.delete(refundKey);
    throw new PorchlightError('CONFLICT', `The payment processor refused the refund: ${result.message}`);
  }
  // Succeeded, or pending at the gateway (on its way): either way the money is given back.
  const at = iso(deps.now());
  const { before, after } = await updateRecord<PaymentRecord>(
    deps.store,
    paymentKey,
    (r) => {
      const refunds = r.refunds.map((x) => (x.keyHash === keyHash && x.status !== 'succeeded' ? { ...x, status: 'succeeded' as const, refundRef: result.refundRef ?? null, at } : x));
      const refundedCents = refunds.filter((x) => x.status === 'succeeded').reduce((sum, x) => sum + x.amountCents, 0);
      const full = refundedCents >= r.amountCents;
      return { ...r, refunds, refundedCents, refundedAt: at, refundedBy: scope.actor, status: full ? 'refunded' : r.status, updatedAt: at };
    },
    notFound,
  );
  const shares = allocate(after.items, after.refundedCents);
  for (const share of shares) {
    await recordPortalRefund(deps, { dealerId: dealer.id, accountId, invoiceId: share.invoiceId }, { paymentId, refundedCents: share.amountCents, actor: scope.actor });
  }
  if (before.refundedCents !== after.refundedCents) {
    await audit(deps, {
      dealerId: dealer.id,
      accountId,
      action: 'payment.refunded',
      actor: scope.actor,
      summary: `${scope.actor.name} refunded ${formatMinorUnits(entry.amountCents, after.currency)} of payment ${after.receiptNumber}${input.reason ? `: ${input.reason}` : ''}`,
      target: { type: 'payment', id: paymentId },
      details: { amountCents: entry.amountCents, refundedCents: after.refundedCents, refundRef: result.refundRef ?? null, reason: input.reason ?? null },
      clientAddress: scope.clientAddress,
    });
  }
  return toAdminPayment(after);
}
