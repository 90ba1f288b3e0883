import type * as v from 'valibot';
import {
  newId,
  PorchlightError,
  StoreConflictError,
  type Actor,
  AdminChangePasswordRequest,
  type AdminLoginRequest,
  type AdminSessionResponse,
  type CreateDealerStaffRequest,
  type UpdateDealerStaffRequest,
  type Versioned,
} from '@porchlight/core';
import type { Deps } from '../../context.js';
import { hitLimit, refundLimit } from '../../http/rate-limit.js';
import type { Dealer } from '../../options.js';
import { checkNewPassword } from '../../passwords/policy.js';
import { audit } from '../../audit/audit.js';
import { createAdminSession, keepAdminSession, sessionExpiry, type AdminSessionAuth, type AdminSessionRecord } from '../../sessions/sessions.js';
import { keys } from '../../store/keys.js';
import { updateRecord } from '../../store/update.js';
import { publicDealer, sessionLifetime, type RequestInfo } from '../auth/service.js';
import { normalizeStaffEmail, staffActor, toPublicDealerStaff, type DealerStaffRecord } from './records.js';

type ChangePasswordInput = v.InferOutput<typeof AdminChangePasswordRequest>;

interface EmailIndexEntry {
  staffId: string;
}

const iso = (deps: Deps) => new Date(deps.now()).toISOString();
const EMAIL_TAKEN_FIELD = { email: 'Another back-office login already uses this email address.' };
/** One answer for every failed back-office login. */
const INVALID_CREDENTIALS_MESSAGE = 'The email or password is not right.';

// ---- records ----------------------------------------------------------------------------

export function getStaff(deps: Deps, dealerId: string, staffId: string): Promise<Versioned<DealerStaffRecord> | null> {
  return deps.store.get<DealerStaffRecord>(keys.dealerStaff(dealerId, staffId));
}

export async function requireStaff(deps: Deps, dealerId: string, staffId: string): Promise<Versioned<DealerStaffRecord>> {
  const found = await getStaff(deps, dealerId, staffId);
  if (!found) throw new PorchlightError('NOT_FOUND', 'No back-office login with this id.');
  return found;
}

/** Follows the email index, ignoring an entry left behind by an earlier failure. */
export async function findStaffByEmail(deps: Deps, dealerId: string, email: string): Promise<Versioned<DealerStaffRecord> | null> {
  const normalized = normalizeStaffEmail(email);
  const index = await deps.store.get<EmailIndexEntry>(keys.dealerStaffEmail(dealerId, normalized));
  if (!index) return null;
  const staff = await getStaff(deps, dealerId, index.value.staffId);
  return staff && staff.value.emailNormalized === normalized ? staff : null;
}

export async function listStaff(deps: Deps, dealerId: string, page: { limit?: number | undefined; cursor?: string | undefined }) {
  const result = await deps.store.list<DealerStaffRecord>(keys.dealerStaffList(dealerId), { limit: page.limit ?? 50, cursor: page.cursor ?? null });
  return { items: result.items.map((i) => i.value), cursor: result.cursor };
}

async function listAllStaff(deps: Deps, dealerId: string): Promise<DealerStaffRecord[]> {
  const all: DealerStaffRecord[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof deps.store.list<DealerStaffRecord>>> = await deps.store.list<DealerStaffRecord>(keys.dealerStaffList(dealerId), { limit: 500, cursor });
    all.push(...page.items.map((i) => i.value));
    cursor = page.cursor;
  } while (cursor);
  return all;
}

const isActiveOwner = (s: Pick<DealerStaffRecord, 'role' | 'status'>) => s.role === 'owner' && s.status === 'active';

async function otherActiveOwners(deps: Deps, dealerId: string, staffId: string): Promise<number> {
  return (await listAllStaff(deps, dealerId)).filter((s) => s.id !== staffId && isActiveOwner(s)).length;
}

/** Read-modify-write of a staff record with compare-and-set, retried when someone else wrote first. */
export async function updateStaff(deps: Deps, staff: Pick<DealerStaffRecord, 'dealerId' | 'id'>, change: (s: DealerStaffRecord) => DealerStaffRecord): Promise<DealerStaffRecord> {
  const key = keys.dealerStaff(staff.dealerId, staff.id);
  return (await updateRecord(deps.store, key, change, () => new PorchlightError('NOT_FOUND', 'No back-office login with this id.'))).after;
}

/**
 * Claims the email for a staff id: insert-if-absent, or take over an entry whose staff member
 * no longer holds the email (left by a failed create). EMAIL_TAKEN when another really holds it.
 */
async function claimEmail(deps: Deps, dealerId: string, emailNormalized: string, staffId: string): Promise<void> {
  const key = keys.dealerStaffEmail(dealerId, emailNormalized);
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await deps.store.get<EmailIndexEntry>(key);
    try {
      if (!current) {
        await deps.store.put<EmailIndexEntry>(key, { staffId }, { ifVersion: null });
        return;
      }
      if (current.value.staffId === staffId) return;
      const holder = await getStaff(deps, dealerId, current.value.staffId);
      if (holder && holder.value.emailNormalized === emailNormalized) break;
      await deps.store.put<EmailIndexEntry>(key, { staffId }, { ifVersion: current.version });
      return;
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
    }
  }
  throw new PorchlightError('EMAIL_TAKEN', 'Another back-office login already uses this email address.', { fields: EMAIL_TAKEN_FIELD });
}

async function releaseEmail(deps: Deps, dealerId: string, emailNormalized: string, staffId: string): Promise<void> {
  const key = keys.dealerStaffEmail(dealerId, emailNormalized);
  const current = await deps.store.get<EmailIndexEntry>(key);
  if (current?.value.staffId !== staffId) return;
  await deps.store.delete(key, { ifVersion: current.version }).catch(() => undefined);
}

// ---- managing the dealer's staff ----------------------------------------------------------

/** Adds a back-office login with a temporary password (to be changed at first login). */
export async function createStaff(deps: Deps, dealer: Dealer, input: CreateDealerStaffRequest, actor: Actor): Promise<DealerStaffRecord> {
  const email = input.email.trim();
  const emailNormalized = normalizeStaffEmail(email);
  checkNewPassword(input.password, { username: emailNormalized }, 'password');
  const passwordHash = await deps.hasher.hash(input.password);
  const id = newId(deps.now());
  await claimEmail(deps, dealer.id, emailNormalized, id);
  const now = iso(deps);
  const staff: DealerStaffRecord = {
    id,
    dealerId: dealer.id,
    email,
    emailNormalized,
    name: input.name,
    role: input.role,
    status: 'active',
    mustChangePassword: true,
    passwordHash,
    sessionEpoch: 0,
    passwordChangedAt: null,
    lastLoginAt: null,
    createdAt: now,
    createdBy: actor,
    updatedAt: now,
    updatedBy: actor,
  };
  try {
    await deps.store.put(keys.dealerStaff(dealer.id, id), staff, { ifVersion: null });
  } catch (error) {
    await releaseEmail(deps, dealer.id, emailNormalized, id).catch(() => undefined);
    throw error;
  }
  return staff;
}

/**
 * Changes a staff member's name, role, status or (temporary) password. Disabling and a new
 * password end their sessions; a role change applies to their next request. Nobody can
 * disable, re-role or reset themselves here, and the last active owner stays an active owner.
 * `callerId` is the caller's staff id (or API key id).
 */
export async function updateStaffMember(
  deps: Deps,
  dealer: Dealer,
  staffId: string,
  input: UpdateDealerStaffRequest,
  actor: Actor,
  callerId: string,
): Promise<{ before: DealerStaffRecord; after: DealerStaffRecord }> {
  const current = await requireStaff(deps, dealer.id, staffId);
  const before = current.value;
  if (staffId === callerId) {
    if (input.status === 'disabled' && before.status !== 'disabled') throw new PorchlightError('FORBIDDEN', 'You cannot disable your own login. Ask another owner.');
    if (input.role !== undefined && input.role !== before.role) throw new PorchlightError('FORBIDDEN', 'You cannot change your own role. Ask another owner.');
    if (input.password !== undefined) throw new PorchlightError('FORBIDDEN', 'Change your own password with "Change password" (it needs your current one).');
  }

  const next: DealerStaffRecord = { ...before, updatedAt: iso(deps), updatedBy: actor };
  if (input.name !== undefined) next.name = input.name;
  if (input.role !== undefined) next.role = input.role;
  if (input.status !== undefined) next.status = input.status;
  if (next.status === 'disabled' && before.status !== 'disabled') next.sessionEpoch += 1;
  if (input.password !== undefined) {
    checkNewPassword(input.password, { username: before.emailNormalized }, 'password');
    next.passwordHash = await deps.hasher.hash(input.password);
    next.mustChangePassword = true;
    if (next.sessionEpoch === before.sessionEpoch) next.sessionEpoch += 1;
  }

  const losesOwner = isActiveOwner(before) && !isActiveOwner(next);
  if (losesOwner && (await otherActiveOwners(deps, dealer.id, staffId)) === 0) throw lastOwner();
  await deps.store.put(keys.dealerStaff(dealer.id, staffId), next, { ifVersion: current.version });
  if (losesOwner && (await otherActiveOwners(deps, dealer.id, staffId)) === 0) {
    // Another owner was demoted or disabled at the same moment: undo this change's role and
    // status so an active owner remains (both changes may be refused; neither leaves none).
    await updateStaff(deps, next, (s) => (s.role === next.role && s.status === next.status ? { ...s, role: before.role, status: before.status } : s));
    throw lastOwner();
  }
  return { before, after: next };
}

function lastOwner() {
  return new PorchlightError('LAST_OWNER', 'This is the last active owner: make someone else an owner before demoting or disabling this login.');
}

// ---- back-office sign-in --------------------------------------------------------------------

export function adminSessionResponse(dealer: Dealer, session: AdminSessionRecord, staff: DealerStaffRecord, token?: string): AdminSessionResponse {
  const { idleExpiresAt, expiresAt } = sessionExpiry(session);
  return {
    session: {
      ...(token ? { token } : {}),
      expiresAt: new Date(expiresAt).toISOString(),
      idleExpiresAt: new Date(idleExpiresAt).toISOString(),
      mustChangePassword: staff.mustChangePassword,
    },
    staff: toPublicDealerStaff(staff),
    dealer: publicDealer(dealer),
  };
}

/**
 * Back-office login with email + password. Unknown email, wrong password and disabled login
 * all get the same INVALID_CREDENTIALS after the same work (a password verification happens
 * every time). Throttled per client address and per dealer + email.
 */
export async function login(deps: Deps, dealer: Dealer, input: AdminLoginRequest, req: RequestInfo) {
  const email = normalizeStaffEmail(input.email);
  await hitLimit(deps, 'adminLoginAddress', req.clientAddress);
  await hitLimit(deps, 'adminLoginUser', `${dealer.id}:${email}`);

  const found = await findStaffByEmail(deps, dealer.id, email);
  const passwordOk = await deps.hasher.verify(found?.value.passwordHash ?? (await deps.dummyHash()), input.password);
  if (!found || !passwordOk || found.value.status !== 'active') {
    await audit(deps, {
      dealerId: dealer.id,
      accountId: null,
      action: 'dealer-staff.login-failed',
      actor: { kind: 'system', name: 'back-office login' },
      summary: found ? `Failed back-office login for ${found.value.name}` : 'Failed back-office login for an unknown email',
      ...(found ? { target: { type: 'dealer-staff', id: found.value.id } } : {}),
      clientAddress: req.clientAddress,
    });
    throw new PorchlightError('INVALID_CREDENTIALS', INVALID_CREDENTIALS_MESSAGE);
  }

  // Only failures count against the limits.
  await refundLimit(deps, 'adminLoginAddress', req.clientAddress);
  await refundLimit(deps, 'adminLoginUser', `${dealer.id}:${email}`);
  const staff = await updateStaff(deps, found.value, (s) => ({ ...s, lastLoginAt: iso(deps) }));
  const { token, record } = await createAdminSession(deps, staff, { ...sessionLifetime(dealer), clientAddress: req.clientAddress, userAgent: req.userAgent });
  await audit(deps, {
    dealerId: dealer.id,
    accountId: null,
    action: 'dealer-staff.login',
    actor: staffActor(staff),
    summary: `${staff.name} signed in to the back office`,
    target: { type: 'dealer-staff', id: staff.id },
    clientAddress: req.clientAddress,
  });
  return adminSessionResponse(dealer, record, staff, token);
}

/** Change password: needs the current one; ends the staff member's other sessions, keeps this one. */
export async function changePassword(deps: Deps, dealer: Dealer, auth: AdminSessionAuth, input: ChangePasswordInput, req: RequestInfo) {
  if (!(await deps.hasher.verify(auth.staff.passwordHash, input.currentPassword))) {
    throw new PorchlightError('WRONG_PASSWORD', undefined, { fields: { currentPassword: 'The current password is not right.' } });
  }
  if (input.newPassword === input.currentPassword) {
    throw new PorchlightError('WEAK_PASSWORD', 'Choose a password different from the current one.', { fields: { newPassword: 'Choose a password different from the current one.' } });
  }
  checkNewPassword(input.newPassword, { username: auth.staff.emailNormalized });
  const passwordHash = await deps.hasher.hash(input.newPassword);
  const now = iso(deps);
  const staff = await updateStaff(deps, auth.staff, (s) => ({
    ...s,
    passwordHash,
    mustChangePassword: false,
    sessionEpoch: s.sessionEpoch + 1,
    passwordChangedAt: now,
    updatedAt: now,
    updatedBy: auth.actor,
  }));
  const session = await keepAdminSession(deps, auth, staff);
  await audit(deps, {
    dealerId: dealer.id,
    accountId: null,
    action: 'dealer-staff.password-changed',
    actor: auth.actor,
    summary: `${staff.name} changed their back-office password`,
    target: { type: 'dealer-staff', id: staff.id },
    clientAddress: req.clientAddress,
  });
  return adminSessionResponse(dealer, session, staff);
}
