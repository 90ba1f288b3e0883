import { newId, StoreConflictError } from '@porchlight/core';
import type { Deps } from '../../context.js';
import type { Dealer } from '../../options.js';
import { sha256Hex } from '../../crypto.js';
import { keys } from '../../store/keys.js';
import { AUTOPAY_ACTOR, type MethodRecord, type PaymentRecord } from '../payments/records.js';
import { attemptCharge, reservePayment, retryOn, type PaymentContext } from '../payments/service.js';
import type { AutopayRecord } from './service.js';
import { chargeDateOf, cycleOf, dayOf, previousCycle } from './cycle.js';

/**
 * The autopay job. Run it at least daily (cron, a scheduler, `portal.jobs.runAutopay()`); running
 * it more often, twice, or on several instances at once charges nobody twice:
 *
 * - Each account's cycle (the month) is **claimed** with an insert-if-absent key
 *   (`apcycle:<dealer>:<account>:<YYYY-MM>`) before anything is charged: of two runs, one claims
 *   it and the other moves on. A retry is claimed by compare-and-set on that record.
 * - Each attempt is one payment whose id and idempotency key are derived from the account, the
 *   cycle and the attempt number (`autopay:<account>:<cycle>:<n>`), so a run that dies mid-way
 *   and is taken over later charges with the same key (the gateway answers the first charge).
 * - The charge is the account's open balance on the day (every open or partially paid invoice,
 *   less what pending payments already hold), off-session, with the saved method autopay uses.
 * - A declined or failed attempt is tried again on the dealer's `autopayRetryDays` after the
 *   first attempt (default 3 and 7 days); each failure emails the client with the retry day.
 */

/** A claim older than this whose run never finished is taken over (with the same payment and key). */
export const STALE_CLAIM_MS = 15 * 60 * 1000;

export interface CycleRecord {
  dealerId: string;
  accountId: string;
  cycle: string;
  chargeDate: string;
  /** The current attempt (1, 2, …) and its payment. */
  attempt: number;
  paymentId: string;
  firstAttemptOn: string;
  status: 'charging' | 'pending' | 'retry' | 'succeeded' | 'failed' | 'nothing-due';
  nextAttemptOn: string | null;
  claimedAt: string;
  history: Array<{ attempt: number; paymentId: string | null; status: string; at: string }>;
}

export interface AutopayRunSummary {
  at: string;
  dealers: Array<{
    dealerId: string;
    /** Accounts with autopay on. */
    enrolled: number;
    /** Attempts made by this run, and how they ended. */
    attempts: number;
    succeeded: number;
    declined: number;
    pending: number;
    nothingDue: number;
    /** Cycles another run (or instance) had claimed, or nothing to do today. */
    skipped: number;
    errors: number;
  }>;
}

type Tally = AutopayRunSummary['dealers'][number];

/** Runs autopay for every dealer that has a gateway, as of `now`. */
export async function runAutopay(deps: Deps, dealers: Iterable<Dealer>, background: PaymentContext['background'], now = deps.now()): Promise<AutopayRunSummary> {
  const summary: AutopayRunSummary = { at: new Date(now).toISOString(), dealers: [] };
  for (const dealer of dealers) {
    if (!deps.gatewayFor?.(dealer.id)) continue;
    const tally: Tally = { dealerId: dealer.id, enrolled: 0, attempts: 0, succeeded: 0, declined: 0, pending: 0, nothingDue: 0, skipped: 0, errors: 0 };
    const ctx: PaymentContext = { dealer, background };
    let cursor: string | null = null;
    do {
      const page: { items: { value: AutopayRecord }[]; cursor: string | null } = await deps.store.list<AutopayRecord>(keys.autopays(dealer.id), { limit: 200, cursor });
      cursor = page.cursor;
      for (const { value: autopay } of page.items) {
        if (!autopay.enabled || !autopay.methodId) continue;
        tally.enrolled++;
        const today = dayOf(now);
        const current = cycleOf(today);
        // A retry of last month's cycle may fall in this month; a new cycle starts only this month.
        for (const cycle of [previousCycle(current), current]) {
          try {
            await runCycle(deps, ctx, autopay, cycle, cycle === current, now, tally);
          } catch (error) {
            tally.errors++;
            deps.reportError(error);
          }
        }
      }
    } while (cursor);
    summary.dealers.push(tally);
  }
  return summary;
}

async function runCycle(deps: Deps, ctx: PaymentContext, autopay: AutopayRecord, cycle: string, isCurrent: boolean, now: number, tally: Tally): Promise<void> {
  const today = dayOf(now);
  const key = keys.autopayCycle(ctx.dealer.id, autopay.accountId, cycle);
  const at = new Date(now).toISOString();
  const found = await deps.store.get<CycleRecord>(key);

  if (!found) {
    // A new cycle starts on its charge day, within the authorization (never before the day it covers from).
    const chargeDate = chargeDateOf(cycle, autopay.dayOfMonth);
    if (!isCurrent || today < chargeDate || (autopay.startsOn && chargeDate < autopay.startsOn)) return;
    const claim: CycleRecord = {
      dealerId: ctx.dealer.id,
      accountId: autopay.accountId,
      cycle,
      chargeDate,
      attempt: 1,
      paymentId: newId(now),
      firstAttemptOn: today,
      status: 'charging',
      nextAttemptOn: null,
      claimedAt: at,
      history: [],
    };
    let version: string;
    try {
      version = await deps.store.put(key, claim, { ifVersion: null });
    } catch (error) {
      if (error instanceof StoreConflictError) return void tally.skipped++;
      throw error;
    }
    return attempt(deps, ctx, autopay, claim, version, now, tally);
  }

  const cycleRecord = found.value;
  let claim: CycleRecord | null = null;
  if (cycleRecord.status === 'charging' && now - Date.parse(cycleRecord.claimedAt) > STALE_CLAIM_MS) {
    // The run that claimed it stopped: the same attempt again, with the same payment and key.
    claim = { ...cycleRecord, claimedAt: at };
  } else if (cycleRecord.status === 'pending') {
    // The gateway had not answered for sure: see what the payment came to (callbacks and reconciliation settle it).
    const payment = (await deps.store.get<PaymentRecord>(keys.payment(ctx.dealer.id, autopay.accountId, cycleRecord.paymentId)))?.value;
    if (!payment || payment.status === 'pending') return void tally.skipped++;
    const next = afterAttempt(ctx.dealer, cycleRecord, payment, at);
    try {
      await deps.store.put(key, next, { ifVersion: found.version });
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
    }
    return void tally.skipped++;
  } else if (cycleRecord.status === 'retry' && cycleRecord.nextAttemptOn && today >= cycleRecord.nextAttemptOn) {
    claim = { ...cycleRecord, attempt: cycleRecord.attempt + 1, paymentId: newId(now), status: 'charging', nextAttemptOn: null, claimedAt: at };
  }
  if (!claim) return void tally.skipped++;
  let version: string;
  try {
    version = await deps.store.put(key, claim, { ifVersion: found.version });
  } catch (error) {
    if (error instanceof StoreConflictError) return void tally.skipped++;
    throw error;
  }
  return attempt(deps, ctx, autopay, claim, version, now, tally);
}

/** What the cycle becomes after an attempt's payment: done, waiting for a retry day, given up, or still pending. */
function afterAttempt(dealer: Dealer, claim: CycleRecord, payment: PaymentRecord, at: string): CycleRecord {
  const history = [...claim.history, { attempt: claim.attempt, paymentId: payment.id, status: payment.status, at }];
  if (payment.status === 'succeeded' || payment.status === 'refunded') return { ...claim, status: 'succeeded', history };
  if (payment.status === 'pending') return { ...claim, status: 'pending' };
  const retry = retryOn(dealer, payment.autopayAttempt);
  return { ...claim, status: retry ? 'retry' : 'failed', nextAttemptOn: retry, history };
}

async function attempt(deps: Deps, ctx: PaymentContext, autopay: AutopayRecord, claim: CycleRecord, version: string, now: number, tally: Tally): Promise<void> {
  const dealerId = ctx.dealer.id;
  const key = keys.autopayCycle(dealerId, autopay.accountId, claim.cycle);
  const at = new Date(now).toISOString();
  const save = async (next: CycleRecord) => {
    try {
      await deps.store.put(key, next, { ifVersion: version });
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
    }
  };
  const method = (await deps.store.get<MethodRecord>(keys.paymentMethod(dealerId, autopay.accountId, autopay.methodId!)))?.value;
  const gateway = deps.gatewayFor?.(dealerId);
  if (!method || !gateway || method.gatewayId !== gateway.id) {
    deps.reportError(new Error(`Autopay of account ${autopay.accountId}: its payment method is gone or belongs to another gateway; nothing was charged.`));
    tally.errors++;
    return save({ ...claim, status: 'failed', history: [...claim.history, { attempt: claim.attempt, paymentId: null, status: 'failed', at }] });
  }
  tally.attempts++;
  const attemptKey = `autopay:${autopay.accountId}:${claim.cycle}:${claim.attempt}`;
  const reserved = await reservePayment(deps, ctx.dealer, {
    id: claim.paymentId,
    accountId: autopay.accountId,
    idempotencyKeyHash: sha256Hex(attemptKey),
    fingerprint: sha256Hex(`${attemptKey}:${method.id}`),
    plan: { kind: 'open-balance' },
    method: { kind: method.kind, brand: method.brand, bankName: method.bankName, last4: method.last4 },
    methodId: method.id,
    charge: { gatewayId: gateway.id, customerRef: method.customerRef, methodRef: method.gatewayRef, token: null, offSession: true, idempotencyKey: attemptKey },
    actor: AUTOPAY_ACTOR,
    payerUserId: autopay.consentedBy?.userId ?? null,
    autopay: { cycle: claim.cycle, attempt: claim.attempt, firstAttemptOn: claim.firstAttemptOn },
    detachAfter: false,
  });
  if (!reserved) {
    tally.nothingDue++;
    return save({ ...claim, status: 'nothing-due', history: [...claim.history, { attempt: claim.attempt, paymentId: null, status: 'nothing-due', at }] });
  }
  let payment = 'created' in reserved ? reserved.created : reserved.existing;
  if (payment.status === 'pending') payment = (await attemptCharge(deps, ctx, payment)).payment;
  if (payment.status === 'succeeded') tally.succeeded++;
  else if (payment.status === 'pending') tally.pending++;
  else tally.declined++;
  return save(afterAttempt(ctx.dealer, claim, payment, at));
}
