import * as v from 'valibot';
import {
  newId,
  PorchlightError,
  StoreConflictError,
  StoreKeyError,
  type AcceptedResponse,
  type AccessRequest,
  type AccessRequestInput,
  type AccessRequestPage,
  type AccessRequestQuery,
  type Actor,
  type ApproveAccessRequest,
  type DeclineAccessRequest,
  type Versioned,
} from '@porchlight/core';
import type { Deps } from '../../context.js';
import { audit } from '../../audit/audit.js';
import { hitLimit } from '../../http/rate-limit.js';
import type { Dealer } from '../../options.js';
import { keys } from '../../store/keys.js';
import { findAccountByCustomerNumber, getAccount } from '../accounts/service.js';
import { mailDealer, type RequestInfo } from '../auth/service.js';
import { auditLoginEmail, checkLoginEmailPossible, createLogin, renewLoginEmail, roleName, who } from './logins.js';
import { requireFlow } from './registration.js';

/**
 * "Request access" (<porchlight-request-access>): a first-time visitor asks; the dealer gets an
 * email and decides in the back office. Approving sets up the login (the shared onboarding
 * service) and sends the login email; declining sends nothing (the visitor's answer was neutral).
 */

export type AccessRequestFields = v.InferOutput<typeof AccessRequestInput>;

interface PendingIndex {
  requestId: string;
}

const REQUEST_ACTOR: Actor = { kind: 'system', name: 'request access' };

export const NEUTRAL_ACCESS_REQUEST_MESSAGE = "Thank you. We've passed your request on; you'll hear from us by email.";

export async function requestAccess(deps: Deps, dealer: Dealer, input: AccessRequestFields, req: RequestInfo, background: (p: Promise<unknown>) => void): Promise<AcceptedResponse> {
  requireFlow(dealer, 'requestAccess');
  await hitLimit(deps, 'accessRequestAddress', req.clientAddress);
  await hitLimit(deps, 'accessRequestEmail', `${dealer.id}:${input.email.toLowerCase()}`);
  background(storeRequest(deps, dealer, input, req));
  return { ok: true, message: NEUTRAL_ACCESS_REQUEST_MESSAGE };
}

/**
 * Stores the request and tells the dealer. One pending request per email: the request is
 * written, then claims the email's pending index; when another pending request holds it, this
 * one is taken back and nothing is sent.
 */
async function storeRequest(deps: Deps, dealer: Dealer, input: AccessRequestFields, req: RequestInfo): Promise<void> {
  const now = deps.now();
  const request: AccessRequest = {
    id: newId(now),
    status: 'pending',
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    phone: input.phone ?? null,
    company: input.company,
    customerNumber: input.customerNumber ?? null,
    message: input.message || null,
    createdAt: new Date(now).toISOString(),
    decidedAt: null,
    decidedBy: null,
    accountId: null,
    userId: null,
    note: null,
  };
  const key = keys.accessRequest(dealer.id, request.id);
  await deps.store.put(key, request, { ifVersion: null });
  if (!(await claimPending(deps, dealer.id, request))) {
    await deps.store.delete(key).catch(() => undefined);
    return;
  }
  await audit(deps, {
    dealerId: dealer.id,
    accountId: null,
    action: 'access.requested',
    actor: REQUEST_ACTOR,
    summary: `${request.firstName} ${request.lastName} (${request.email}) asked for access to ${request.company}`,
    target: { type: 'access-request', id: request.id },
    clientAddress: req.clientAddress,
  });
  const to = dealer.settings.notifyEmail ?? dealer.settings.supportEmail;
  if (!to) return;
  const matched = request.customerNumber ? await findAccountByCustomerNumber(deps, dealer.id, request.customerNumber) : null;
  await deps.mailer.send({
    template: 'access-request',
    to: { email: to, name: dealer.name },
    dealer: mailDealer(dealer),
    data: {
      firstName: request.firstName,
      lastName: request.lastName,
      email: request.email,
      phone: request.phone,
      company: request.company,
      customerNumber: request.customerNumber,
      message: request.message,
      requestedAt: request.createdAt,
      possibleAccounts: matched ? [{ name: matched.value.name, identifier: matched.value.identifier, customerNumber: matched.value.customerNumber }] : [],
      backOfficeUrl: dealer.settings.backOfficeUrl ?? null,
    },
  });
}

/** Points the email's pending index at `request`, unless a pending request of that email holds it (false). */
async function claimPending(deps: Deps, dealerId: string, request: AccessRequest): Promise<boolean> {
  const indexKey = keys.accessRequestPending(dealerId, request.email);
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await deps.store.get<PendingIndex>(indexKey);
    if (current) {
      const holder = await deps.store.get<AccessRequest>(keys.accessRequest(dealerId, current.value.requestId));
      if (holder && holder.value.status === 'pending' && holder.value.email.toLowerCase() === request.email.toLowerCase()) return false;
    }
    try {
      await deps.store.put<PendingIndex>(indexKey, { requestId: request.id }, { ifVersion: current ? current.version : null });
      return true;
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
    }
  }
  return false;
}

/** Frees the email's pending index once its request is decided (best effort: a stale one is taken over). */
async function releasePending(deps: Deps, dealerId: string, request: AccessRequest): Promise<void> {
  const indexKey = keys.accessRequestPending(dealerId, request.email);
  const current = await deps.store.get<PendingIndex>(indexKey).catch(() => null);
  if (current?.value.requestId !== request.id) return;
  await deps.store.delete(indexKey, { ifVersion: current.version }).catch(() => undefined);
}

// ---- the back office ---------------------------------------------------------------------

/** Requests a list request looks at, at most, however few match the status (the cursor goes on). */
const SCAN_BUDGET = 1000;

/**
 * Access requests newest first, of one status (default pending) or all. Store pages are asked
 * for exactly the items still missing, so a page is never cut in the middle: the store's own
 * cursor resumes the scan.
 */
export async function listAccessRequests(deps: Deps, dealerId: string, query: v.InferOutput<typeof AccessRequestQuery>): Promise<AccessRequestPage> {
  const status = query.status ?? 'pending';
  const limit = query.limit ?? 50;
  const items: AccessRequest[] = [];
  let cursor: string | null = query.cursor ?? null;
  let examined = 0;
  do {
    let page: Awaited<ReturnType<typeof deps.store.list<AccessRequest>>>;
    try {
      page = await deps.store.list<AccessRequest>(keys.accessRequests(dealerId), { limit: Math.min(limit - items.length, 100), cursor, reverse: true });
    } catch (error) {
      if (error instanceof StoreKeyError) throw new PorchlightError('VALIDATION_FAILED', undefined, { fields: { cursor: 'Pass the cursor of the previous page.' } });
      throw error;
    }
    examined += page.items.length;
    items.push(...page.items.map((i) => i.value).filter((r) => status === 'all' || r.status === status));
    cursor = page.cursor;
  } while (cursor && items.length < limit && examined < SCAN_BUDGET);
  return { items, cursor };
}

async function readRequest(deps: Deps, dealerId: string, requestId: string): Promise<Versioned<AccessRequest>> {
  const found = await deps.store.get<AccessRequest>(keys.accessRequest(dealerId, requestId));
  if (!found) throw new PorchlightError('NOT_FOUND', 'No such access request.');
  return found;
}

export async function getAccessRequest(deps: Deps, dealerId: string, requestId: string): Promise<AccessRequest> {
  return (await readRequest(deps, dealerId, requestId)).value;
}

/**
 * Decides a pending request: compare-and-set from pending, so of two decisions at once one
 * wins and the other is ACCESS_REQUEST_CLOSED. Answers the request as stored now and its version.
 */
async function decide(deps: Deps, dealerId: string, requestId: string, change: (r: AccessRequest) => AccessRequest): Promise<Versioned<AccessRequest>> {
  const current = await readRequest(deps, dealerId, requestId);
  if (current.value.status !== 'pending') throw new PorchlightError('ACCESS_REQUEST_CLOSED');
  const next = change(current.value);
  try {
    const version = await deps.store.put(keys.accessRequest(dealerId, requestId), next, { ifVersion: current.version });
    return { value: next, version };
  } catch (error) {
    if (error instanceof StoreConflictError) throw new PorchlightError('ACCESS_REQUEST_CLOSED');
    throw error;
  }
}

export interface AdminCaller {
  actor: Actor;
  clientAddress?: string | undefined;
  origin?: string | undefined;
}

/**
 * Approves a request onto an account: claims the decision first (so two approvals make one
 * login), sets up the login with the request's name and email through the shared service
 * (the decision goes back to pending if that fails), and sends the login email.
 */
export async function approveAccessRequest(
  deps: Deps,
  dealer: Dealer,
  requestId: string,
  input: v.InferOutput<typeof ApproveAccessRequest>,
  caller: AdminCaller,
  background: (p: Promise<unknown>) => void,
): Promise<AccessRequest> {
  const found = await getAccount(deps, dealer.id, input.accountId);
  if (!found) throw new PorchlightError('NOT_FOUND', 'No account with this id.', { fields: { accountId: 'No account with this id.' } });
  const account = found.value;
  checkLoginEmailPossible(dealer, caller.origin, { profileId: input.profileId });
  const now = new Date(deps.now()).toISOString();
  const claimed = await decide(deps, dealer.id, requestId, (r) => ({ ...r, status: 'approved', decidedAt: now, decidedBy: caller.actor, accountId: account.id }));
  const request = claimed.value;

  let login;
  try {
    login = await createLogin(
      deps,
      dealer,
      account,
      {
        name: `${request.firstName} ${request.lastName}`,
        email: request.email,
        username: input.username,
        role: input.role ?? 'client',
        grants: input.grants,
        permissions: input.permissions,
        profile: input.profileId ? { id: input.profileId } : 'new',
        phone: request.phone ?? undefined,
      },
      caller.actor,
    );
  } catch (error) {
    // Undecided again, so the dealer can fix what was wrong and approve.
    await deps.store.put(keys.accessRequest(dealer.id, requestId), { ...request, status: 'pending', decidedAt: null, decidedBy: null, accountId: null }, { ifVersion: claimed.version }).catch(() => undefined);
    throw error;
  }
  const approved: AccessRequest = { ...request, userId: login.id };
  await deps.store.put(keys.accessRequest(dealer.id, requestId), approved, { ifVersion: claimed.version });
  await releasePending(deps, dealer.id, request);
  await audit(deps, {
    dealerId: dealer.id,
    accountId: null,
    action: 'access.request-approved',
    actor: caller.actor,
    summary: `${caller.actor.name} approved the access request of ${request.firstName} ${request.lastName} (${request.email}) onto ${account.name}`,
    target: { type: 'access-request', id: request.id },
    details: { accountId: account.id, userId: login.id },
    clientAddress: caller.clientAddress,
  });
  await audit(deps, {
    dealerId: dealer.id,
    accountId: account.id,
    action: 'access.setup',
    actor: caller.actor,
    summary: `${caller.actor.name} set up a login for ${who(login)} as ${roleName(login.role)} (an approved access request)`,
    target: { type: 'user', id: login.id },
    details: { role: login.role, grants: login.grants, accessRequestId: request.id },
    clientAddress: caller.clientAddress,
  });
  const { issued, mail } = await renewLoginEmail(deps, dealer, account, login, { template: 'login-invitation', actor: caller.actor, origin: caller.origin });
  await auditLoginEmail(deps, account, issued, caller.actor, caller.clientAddress);
  background(deps.mailer.send(mail));
  return approved;
}

/** Declines a request (no email goes to the person). */
export async function declineAccessRequest(deps: Deps, dealer: Dealer, requestId: string, input: v.InferOutput<typeof DeclineAccessRequest>, caller: AdminCaller): Promise<AccessRequest> {
  const now = new Date(deps.now()).toISOString();
  const { value: declined } = await decide(deps, dealer.id, requestId, (r) => ({ ...r, status: 'declined', decidedAt: now, decidedBy: caller.actor, note: input.note || null }));
  await releasePending(deps, dealer.id, declined);
  await audit(deps, {
    dealerId: dealer.id,
    accountId: null,
    action: 'access.request-declined',
    actor: caller.actor,
    summary: `${caller.actor.name} declined the access request of ${declined.firstName} ${declined.lastName} (${declined.email})`,
    target: { type: 'access-request', id: declined.id },
    ...(declined.note ? { details: { note: declined.note } } : {}),
    clientAddress: caller.clientAddress,
  });
  return declined;
}
