import * as v from 'valibot';
import { AUTOPAY_AUTHORIZATION_VERSION, autopayAuthorizationText, paymentMethodLabel, type Actor, type Autopay, type AutopayRequest } from '@porchlight/core';
import type { Deps } from '../../context.js';
import { billingSettings, type Dealer } from '../../options.js';
import { audit } from '../../audit/audit.js';
import { keys } from '../../store/keys.js';
import { mailDealer } from '../auth/service.js';
import { textSha256 } from '../proposals/evidence.js';
import { getMethodRecord, withMethodsLock, type PortalScope } from '../payments/methods.js';
import { requireGateway } from '../payments/records.js';
import { chargeDateOf, cycleOf, dayOf, nextChargeAfter, nextCycle } from './cycle.js';

export type AutopayInput = v.InferOutput<typeof AutopayRequest>;

/** An account's autopay as stored: what was agreed to, word for word, by whom, when and from where. */
export interface AutopayRecord {
  dealerId: string;
  accountId: string;
  enabled: boolean;
  methodId: string | null;
  dayOfMonth: number;
  authorizationText: string | null;
  authorizationTextVersion: string | null;
  authorizationTextSha256: string | null;
  consentedAt: string | null;
  consentedBy: Actor | null;
  consentAddress: string | null;
  consentUserAgent: string | null;
  /** The first charge day this authorization covers (the next charge day after it was given). */
  startsOn: string | null;
  updatedAt: string;
  updatedBy: Actor;
}

export async function getAutopayRecord(deps: Deps, dealerId: string, accountId: string): Promise<AutopayRecord | null> {
  return (await deps.store.get<AutopayRecord>(keys.autopay(dealerId, accountId)))?.value ?? null;
}

/** The method autopay charges, or null when it is off (the methods feature refuses to remove it). */
export async function autopayMethodId(deps: Deps, dealerId: string, accountId: string): Promise<string | null> {
  const record = await getAutopayRecord(deps, dealerId, accountId);
  return record?.enabled ? record.methodId : null;
}

/** The next charge day: the first one on or after today and the authorization's start that has not been charged yet. */
async function nextChargeOn(deps: Deps, r: AutopayRecord): Promise<string> {
  const today = dayOf(deps.now());
  let cycle = cycleOf(today);
  for (let i = 0; i < 3; i++) {
    const date = chargeDateOf(cycle, r.dayOfMonth);
    if (date >= today && date >= (r.startsOn ?? today) && !(await deps.store.get(keys.autopayCycle(r.dealerId, r.accountId, cycle)))) return date;
    cycle = nextCycle(cycle);
  }
  return chargeDateOf(cycle, r.dayOfMonth);
}

export async function toAutopay(deps: Deps, dealer: Dealer, r: AutopayRecord | null): Promise<Autopay> {
  const day = r?.dayOfMonth ?? billingSettings(dealer).autopayDayOfMonth;
  if (!r?.enabled) {
    return {
      enabled: false,
      methodId: null,
      dayOfMonth: day,
      authorizationTextVersion: null,
      authorizationText: null,
      authorizationTextSha256: null,
      consentedAt: null,
      consentedBy: null,
      nextChargeOn: null,
      updatedAt: r?.updatedAt ?? null,
    };
  }
  return {
    enabled: true,
    methodId: r.methodId,
    dayOfMonth: r.dayOfMonth,
    authorizationTextVersion: r.authorizationTextVersion,
    authorizationText: r.authorizationText,
    authorizationTextSha256: r.authorizationTextSha256,
    consentedAt: r.consentedAt,
    consentedBy: r.consentedBy,
    nextChargeOn: await nextChargeOn(deps, r),
    updatedAt: r.updatedAt,
  };
}

export async function getAutopay(deps: Deps, dealer: Dealer, accountId: string): Promise<Autopay> {
  return toAutopay(deps, dealer, await getAutopayRecord(deps, dealer.id, accountId));
}

/**
 * Turns autopay on, or changes its method or day. The server fills in the authorization text
 * (`autopayAuthorizationText` for this dealer, day, method and retry days, of the version the
 * client agreed to) and records it with its SHA-256, who agreed, when, from which address and
 * browser; the answer carries the exact text. The login gets a copy by email; the dealer is told.
 * The same settings again change nothing. Held with the methods lock, so the method cannot be
 * removed meanwhile.
 */
export async function setAutopay(deps: Deps, scope: PortalScope, input: AutopayInput, userAgent: string | undefined): Promise<Autopay> {
  const { dealer, auth } = scope;
  requireGateway(deps, dealer);
  const settings = billingSettings(dealer);
  const dayOfMonth = input.dayOfMonth ?? settings.autopayDayOfMonth;
  const result = await withMethodsLock(deps, dealer.id, auth.account.id, async () => {
    const method = await getMethodRecord(deps, dealer.id, auth.account.id, input.methodId);
    const before = await getAutopayRecord(deps, dealer.id, auth.account.id);
    const methodLabel = paymentMethodLabel(method);
    const text = autopayAuthorizationText({ dealerName: dealer.name, dayOfMonth, methodLabel, retryDays: settings.autopayRetryDays });
    const sha256 = textSha256(text);
    if (before?.enabled && before.methodId === method.id && before.dayOfMonth === dayOfMonth && before.authorizationTextSha256 === sha256) {
      return { record: before, kind: null, methodLabel };
    }
    const now = deps.now();
    const at = new Date(now).toISOString();
    const record: AutopayRecord = {
      dealerId: dealer.id,
      accountId: auth.account.id,
      enabled: true,
      methodId: method.id,
      dayOfMonth,
      authorizationText: text,
      authorizationTextVersion: AUTOPAY_AUTHORIZATION_VERSION,
      authorizationTextSha256: sha256,
      consentedAt: at,
      consentedBy: auth.actor,
      consentAddress: scope.clientAddress ?? null,
      consentUserAgent: userAgent?.slice(0, 300) ?? null,
      // Turned on (again), or another day: from the next such day on. Another method only: as before
      // (a retry of this month's declined charge then uses the new method).
      startsOn: before?.enabled && before.dayOfMonth === dayOfMonth && before.startsOn ? before.startsOn : nextChargeAfter(dayOf(now), dayOfMonth),
      updatedAt: at,
      updatedBy: auth.actor,
    };
    await deps.store.put(keys.autopay(dealer.id, auth.account.id), record);
    return { record, kind: before?.enabled ? ('changed' as const) : ('enabled' as const), methodLabel };
  });
  const view = await toAutopay(deps, dealer, result.record);
  if (!result.kind) return view;
  const r = result.record;
  await audit(deps, {
    dealerId: dealer.id,
    accountId: auth.account.id,
    action: result.kind === 'enabled' ? 'autopay.enabled' : 'autopay.changed',
    actor: auth.actor,
    summary: `${auth.actor.name} ${result.kind === 'enabled' ? 'turned autopay on' : 'changed autopay'}: ${result.methodLabel}, day ${r.dayOfMonth} of each month (authorization ${r.authorizationTextVersion})`,
    target: { type: 'autopay', id: auth.account.id },
    details: { methodId: r.methodId, dayOfMonth: r.dayOfMonth, authorizationTextVersion: r.authorizationTextVersion, authorizationTextSha256: r.authorizationTextSha256, userAgent: r.consentUserAgent },
    clientAddress: scope.clientAddress,
  });
  const mail = mailDealer(dealer);
  if (auth.user.email) {
    scope.background(
      deps.mailer.send({
        template: 'autopay-authorization',
        to: { email: auth.user.email, name: auth.user.name },
        dealer: mail,
        data: {
          name: auth.user.name,
          accountName: auth.account.name,
          method: result.methodLabel,
          dayOfMonth: r.dayOfMonth,
          authorizationText: r.authorizationText!,
          authorizationTextVersion: r.authorizationTextVersion!,
          authorizationTextSha256: r.authorizationTextSha256!,
          consentedAt: r.consentedAt!,
          nextChargeOn: view.nextChargeOn!,
          url: dealer.settings.portalUrl ?? null,
        },
      }),
    );
  }
  notifyDealer(deps, scope, result.kind, r.consentedAt!, result.methodLabel, r.dayOfMonth);
  return view;
}

/** Turns autopay off: no charge is started after this (one already under way completes). The dealer is told. */
export async function turnOffAutopay(deps: Deps, scope: PortalScope): Promise<Autopay> {
  const { dealer, auth } = scope;
  const result = await withMethodsLock(deps, dealer.id, auth.account.id, async () => {
    const before = await getAutopayRecord(deps, dealer.id, auth.account.id);
    if (!before?.enabled) return { record: before, changed: false };
    const at = new Date(deps.now()).toISOString();
    const record: AutopayRecord = { ...before, enabled: false, methodId: null, updatedAt: at, updatedBy: auth.actor };
    await deps.store.put(keys.autopay(dealer.id, auth.account.id), record);
    return { record, changed: true };
  });
  if (result.changed) {
    await audit(deps, {
      dealerId: dealer.id,
      accountId: auth.account.id,
      action: 'autopay.disabled',
      actor: auth.actor,
      summary: `${auth.actor.name} turned autopay off`,
      target: { type: 'autopay', id: auth.account.id },
      clientAddress: scope.clientAddress,
    });
    notifyDealer(deps, scope, 'disabled', result.record!.updatedAt, null, null);
  }
  return toAutopay(deps, dealer, result.record);
}

function notifyDealer(deps: Deps, scope: PortalScope, kind: 'enabled' | 'changed' | 'disabled', at: string, method: string | null, dayOfMonth: number | null): void {
  const to = scope.dealer.settings.notifyEmail ?? scope.dealer.settings.supportEmail;
  if (!to) return;
  const { account, actor } = scope.auth;
  scope.background(
    deps.mailer.send({
      template: 'autopay-changed',
      to: { email: to, name: scope.dealer.name },
      dealer: mailDealer(scope.dealer),
      data: { kind, accountName: account.name, customerNumber: account.customerNumber, identifier: account.identifier, userName: actor.name, at, method, dayOfMonth },
    }),
  );
}
