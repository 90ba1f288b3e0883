import * as v from 'valibot';
import {
  newId,
  paymentMethodLabel,
  PorchlightError,
  StoreConflictError,
  type AddPaymentMethodRequest,
  type PaymentMethodKind,
  type PaymentMethodList,
  type PaymentMethodSetup,
  type PortalPaymentMethod,
} from '@porchlight/core';
import type { Deps, PortalAuth } from '../../context.js';
import type { Dealer } from '../../options.js';
import { audit } from '../../audit/audit.js';
import { GatewayRequestError, GatewayUnavailableError, type PaymentGateway, type SavedMethod } from '../../payments/gateway.js';
import { hitLimit } from '../../http/rate-limit.js';
import { keys } from '../../store/keys.js';
import { withLock } from '../../store/lock.js';
import type { AccountRecord } from '../accounts/records.js';
import { requireGateway, toPortalMethod, type CustomerRecord, type MethodRecord } from './records.js';

/** The most methods an account keeps on file. */
export const MAX_PAYMENT_METHODS = 10;

export type AddInput = v.InferOutput<typeof AddPaymentMethodRequest>;

/** Who acts in the portal, for which dealer, from where; `background` runs work after the answer (emails). */
export interface PortalScope {
  dealer: Dealer;
  auth: PortalAuth;
  clientAddress?: string | undefined;
  background: (work: Promise<unknown>) => void;
}

const noMethod = () => new PorchlightError('NOT_FOUND', 'No such payment method.');
const busy = () => new PorchlightError('CONFLICT', 'Another change to the payment methods is in progress. Try again.');

/**
 * Turns what a gateway throws into what the client is told: an unknown outcome is
 * GATEWAY_UNAVAILABLE (try again), a token the gateway does not take is a field error. Other
 * gateway errors are the deployment's (keys, configuration): rethrown, reported, 500.
 */
export function gatewayFailure(error: unknown, field = 'token'): unknown {
  if (error instanceof GatewayUnavailableError) return new PorchlightError('GATEWAY_UNAVAILABLE');
  if (error instanceof GatewayRequestError && error.code === 'token_invalid') {
    return new PorchlightError('VALIDATION_FAILED', 'The payment details could not be used. Enter them again.', { fields: { [field]: 'The payment details expired or were already used: enter them again.' } });
  }
  return error;
}

/** Runs `fn` while no other change to the account's methods or autopay runs. */
export function withMethodsLock<T>(deps: Deps, dealerId: string, accountId: string, fn: () => Promise<T>): Promise<T> {
  return withLock(deps, keys.accountLock(dealerId, accountId, 'payment-methods'), fn, { busy });
}

/**
 * The gateway's customer for the account, created once and kept (insert-if-absent: two first
 * calls at once keep one; the gateway's own derived key makes a retry answer the same customer).
 */
export async function ensureCustomer(deps: Deps, gateway: PaymentGateway, dealer: Dealer, account: AccountRecord, email: string | null): Promise<string> {
  const key = keys.paymentCustomer(dealer.id, account.id, gateway.id);
  const found = await deps.store.get<CustomerRecord>(key);
  if (found) return found.value.customerRef;
  let customerRef: string;
  try {
    ({ customerRef } = await gateway.ensureCustomer({ dealerId: dealer.id, accountId: account.id, name: account.name, ...(email ? { email } : {}) }));
  } catch (error) {
    throw gatewayFailure(error);
  }
  try {
    await deps.store.put<CustomerRecord>(key, { customerRef, createdAt: new Date(deps.now()).toISOString() }, { ifVersion: null });
    return customerRef;
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
    return (await deps.store.get<CustomerRecord>(key))!.value.customerRef;
  }
}

/** The account's saved methods, the default first, then the newest. */
export async function listMethodRecords(deps: Deps, dealerId: string, accountId: string): Promise<MethodRecord[]> {
  const page = await deps.store.list<MethodRecord>(keys.paymentMethods(dealerId, accountId), { limit: MAX_PAYMENT_METHODS * 2, reverse: true });
  const items = page.items.map((i) => i.value);
  return items.sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
}

export async function getMethodRecord(deps: Deps, dealerId: string, accountId: string, methodId: string): Promise<MethodRecord> {
  const found = await deps.store.get<MethodRecord>(keys.paymentMethod(dealerId, accountId, methodId));
  if (!found) throw noMethod();
  return found.value;
}

export async function listMethods(deps: Deps, dealerId: string, accountId: string): Promise<PaymentMethodList> {
  return { items: (await listMethodRecords(deps, dealerId, accountId)).map(toPortalMethod) };
}

/** Starts collecting a method (Stripe: a SetupIntent for off-session use; the sandbox needs nothing). */
export async function setupMethod(deps: Deps, scope: PortalScope, kind: PaymentMethodKind): Promise<PaymentMethodSetup> {
  const gateway = requireGateway(deps, scope.dealer);
  const customerRef = await ensureCustomer(deps, gateway, scope.dealer, scope.auth.account, scope.auth.user.email);
  try {
    const setup = await gateway.createSetup({ customerRef, kind });
    return { clientSecret: setup.clientSecret ?? null, setupRef: setup.setupRef ?? null };
  } catch (error) {
    throw gatewayFailure(error);
  }
}

const labelOf = (m: Pick<MethodRecord, 'kind' | 'brand' | 'bankName' | 'last4'>) => paymentMethodLabel(m);

/**
 * Keeps a method from a gateway token: the gateway attaches it to the account's customer and
 * describes it; the first method, or one added with `makeDefault`, is the default. At most
 * MAX_PAYMENT_METHODS (checked before and, under the lock, after the gateway call — a method
 * saved over the limit is removed from the gateway again).
 */
export async function saveTokenAsMethod(deps: Deps, scope: PortalScope, gateway: PaymentGateway, customerRef: string, token: string, makeDefault: boolean): Promise<MethodRecord> {
  const { dealer, auth } = scope;
  const full = () => new PorchlightError('LIMIT_REACHED', `An account keeps at most ${MAX_PAYMENT_METHODS} payment methods. Remove one first.`);
  if ((await listMethodRecords(deps, dealer.id, auth.account.id)).length >= MAX_PAYMENT_METHODS) throw full();
  let saved: SavedMethod;
  try {
    saved = await gateway.saveMethod({ customerRef, token });
  } catch (error) {
    throw gatewayFailure(error);
  }
  const record = await withMethodsLock(deps, dealer.id, auth.account.id, async () => {
    const existing = await listMethodRecords(deps, dealer.id, auth.account.id);
    if (existing.length >= MAX_PAYMENT_METHODS) return null;
    const now = deps.now();
    const isDefault = makeDefault || !existing.some((m) => m.isDefault);
    const method: MethodRecord = {
      id: newId(now),
      dealerId: dealer.id,
      accountId: auth.account.id,
      gatewayId: gateway.id,
      customerRef,
      kind: saved.kind,
      brand: saved.brand ?? null,
      bankName: saved.bankName ?? null,
      last4: saved.last4,
      expMonth: saved.expMonth ?? null,
      expYear: saved.expYear ?? null,
      isDefault,
      createdAt: new Date(now).toISOString(),
      createdBy: auth.actor,
      gatewayRef: saved.gatewayRef,
    };
    await deps.store.put(keys.paymentMethod(dealer.id, auth.account.id, method.id), method, { ifVersion: null });
    if (isDefault) await clearOtherDefaults(deps, existing, method.id);
    return method;
  });
  if (!record) {
    await gateway.removeMethod(saved.gatewayRef).catch((error) => deps.reportError(error));
    throw full();
  }
  await audit(deps, {
    dealerId: dealer.id,
    accountId: auth.account.id,
    action: 'payment-method.added',
    actor: auth.actor,
    summary: `${auth.actor.name} saved ${labelOf(record)}${record.isDefault ? ' (the default method)' : ''}`,
    target: { type: 'payment-method', id: record.id },
    details: { kind: record.kind, brand: record.brand, last4: record.last4, isDefault: record.isDefault },
    clientAddress: scope.clientAddress,
  });
  return record;
}

async function clearOtherDefaults(deps: Deps, methods: MethodRecord[], keep: string): Promise<void> {
  for (const m of methods) {
    if (m.id !== keep && m.isDefault) await deps.store.put(keys.paymentMethod(m.dealerId, m.accountId, m.id), { ...m, isDefault: false });
  }
}

export async function addMethod(deps: Deps, scope: PortalScope, input: AddInput): Promise<PortalPaymentMethod> {
  const gateway = requireGateway(deps, scope.dealer);
  await hitLimit(deps, 'cardAccount', `${scope.dealer.id}:${scope.auth.account.id}`);
  const customerRef = await ensureCustomer(deps, gateway, scope.dealer, scope.auth.account, scope.auth.user.email);
  return toPortalMethod(await saveTokenAsMethod(deps, scope, gateway, customerRef, input.token, input.makeDefault));
}

export async function setDefaultMethod(deps: Deps, scope: PortalScope, methodId: string): Promise<PortalPaymentMethod> {
  const { dealer, auth } = scope;
  const result = await withMethodsLock(deps, dealer.id, auth.account.id, async () => {
    const methods = await listMethodRecords(deps, dealer.id, auth.account.id);
    const target = methods.find((m) => m.id === methodId);
    if (!target) throw noMethod();
    if (target.isDefault) return { method: target, changed: false };
    const updated = { ...target, isDefault: true };
    await deps.store.put(keys.paymentMethod(dealer.id, auth.account.id, methodId), updated);
    await clearOtherDefaults(deps, methods, methodId);
    return { method: updated, changed: true };
  });
  if (result.changed) {
    await audit(deps, {
      dealerId: dealer.id,
      accountId: auth.account.id,
      action: 'payment-method.default-changed',
      actor: auth.actor,
      summary: `${auth.actor.name} made ${labelOf(result.method)} the default payment method`,
      target: { type: 'payment-method', id: methodId },
      clientAddress: scope.clientAddress,
    });
  }
  return toPortalMethod(result.method);
}

/**
 * Removes a saved method: refused (PAYMENT_METHOD_IN_USE) while autopay charges it. Porchlight
 * forgets it first (so it is never charged again), then asks the gateway to detach it; a
 * gateway that cannot be reached then is reported, not shown to the client.
 */
export async function removeMethod(deps: Deps, scope: PortalScope, methodId: string, autopayMethodId: (dealerId: string, accountId: string) => Promise<string | null>): Promise<{ ok: true }> {
  const { dealer, auth } = scope;
  const removed = await withMethodsLock(deps, dealer.id, auth.account.id, async () => {
    const methods = await listMethodRecords(deps, dealer.id, auth.account.id);
    const target = methods.find((m) => m.id === methodId);
    if (!target) throw noMethod();
    if ((await autopayMethodId(dealer.id, auth.account.id)) === methodId) {
      throw new PorchlightError('PAYMENT_METHOD_IN_USE', `Autopay charges this ${target.kind === 'bank' ? 'bank account' : 'card'}; choose another ${target.kind === 'bank' ? 'account' : 'card'} for autopay first, or turn autopay off.`);
    }
    await deps.store.delete(keys.paymentMethod(dealer.id, auth.account.id, methodId));
    // The newest remaining one becomes the default.
    const rest = methods.filter((m) => m.id !== methodId);
    if (target.isDefault && rest.length && !rest.some((m) => m.isDefault)) {
      const next = [...rest].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0]!;
      await deps.store.put(keys.paymentMethod(dealer.id, auth.account.id, next.id), { ...next, isDefault: true });
    }
    return target;
  });
  const gateway = deps.gatewayFor?.(dealer.id);
  if (gateway && gateway.id === removed.gatewayId) await gateway.removeMethod(removed.gatewayRef).catch((error) => deps.reportError(error));
  await audit(deps, {
    dealerId: dealer.id,
    accountId: auth.account.id,
    action: 'payment-method.removed',
    actor: auth.actor,
    summary: `${auth.actor.name} removed ${labelOf(removed)}`,
    target: { type: 'payment-method', id: methodId },
    clientAddress: scope.clientAddress,
  });
  return { ok: true };
}
