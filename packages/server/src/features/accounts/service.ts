import {
  newId,
  normalizeUsername,
  PERMISSIONS,
  phoneDigits,
  PorchlightError,
  randomIdentifier,
  StoreConflictError,
  type Actor,
  type CreateAccountRequest,
  type CreateManagerRequest,
  type UpdateAccountRequest,
  type Versioned,
} from '@porchlight/core';
import type { Deps } from '../../context.js';
import type { Dealer } from '../../options.js';
import { checkNewPassword } from '../../passwords/policy.js';
import { keys } from '../../store/keys.js';
import { updateRecord } from '../../store/update.js';
import { withLock } from '../../store/lock.js';
import { CREDENTIAL_FIELDS, newUserRecord, type AccountRecord, type Credentials, type LoginProfileRecord, type UserRecord } from './records.js';

interface IndexEntry {
  accountId: string;
}

const iso = (deps: Deps) => new Date(deps.now()).toISOString();

// ---- accounts --------------------------------------------------------------------------

export async function getAccount(deps: Deps, dealerId: string, accountId: string): Promise<Versioned<AccountRecord> | null> {
  return deps.store.get<AccountRecord>(keys.account(dealerId, accountId));
}

export async function requireAccount(deps: Deps, dealerId: string, accountId: string): Promise<Versioned<AccountRecord>> {
  const found = await getAccount(deps, dealerId, accountId);
  if (!found) throw new PorchlightError('NOT_FOUND', 'No account with this id.');
  return found;
}

/** Follows a unique index to its account, ignoring an index left behind by an earlier failure. */
async function followIndex(deps: Deps, dealerId: string, indexKey: string, matches: (a: AccountRecord) => boolean) {
  const index = await deps.store.get<IndexEntry>(indexKey);
  if (!index) return null;
  const account = await getAccount(deps, dealerId, index.value.accountId);
  return account && matches(account.value) ? account : null;
}

export function findAccountByIdentifier(deps: Deps, dealerId: string, identifier: string) {
  return followIndex(deps, dealerId, keys.identifier(dealerId, identifier), (a) => a.identifier === identifier);
}

export function findAccountByCustomerNumber(deps: Deps, dealerId: string, customerNumber: string) {
  const wanted = customerNumber.toLowerCase();
  return followIndex(deps, dealerId, keys.customerNumber(dealerId, customerNumber), (a) => a.customerNumber?.toLowerCase() === wanted);
}

/**
 * Claims a unique index entry for an account: insert-if-absent, or take over an entry whose
 * account no longer holds the value (left by a failed or superseded write). Returns false when
 * another account really holds it.
 */
async function claimIndex(deps: Deps, dealerId: string, indexKey: string, accountId: string, stillHeld: (a: AccountRecord) => boolean): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await deps.store.get<IndexEntry>(indexKey);
    try {
      if (!current) {
        await deps.store.put<IndexEntry>(indexKey, { accountId }, { ifVersion: null });
        return true;
      }
      if (current.value.accountId === accountId) return true;
      const holder = await getAccount(deps, dealerId, current.value.accountId);
      if (holder && stillHeld(holder.value)) return false;
      await deps.store.put<IndexEntry>(indexKey, { accountId }, { ifVersion: current.version });
      return true;
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
    }
  }
  return false;
}

async function releaseIndex(deps: Deps, indexKey: string, accountId: string): Promise<void> {
  const current = await deps.store.get<IndexEntry>(indexKey);
  if (current?.value.accountId !== accountId) return;
  await deps.store.delete(indexKey, { ifVersion: current.version }).catch(() => undefined);
}

async function claimIdentifier(deps: Deps, dealerId: string, accountId: string, identifier: string) {
  return claimIndex(deps, dealerId, keys.identifier(dealerId, identifier), accountId, (a) => a.identifier === identifier);
}

async function claimCustomerNumber(deps: Deps, dealerId: string, accountId: string, customerNumber: string) {
  const wanted = customerNumber.toLowerCase();
  return claimIndex(deps, dealerId, keys.customerNumber(dealerId, customerNumber), accountId, (a) => a.customerNumber?.toLowerCase() === wanted);
}

/**
 * Creates an account. Its identifier is the one given, else the main phone's digits, else a
 * random 8-digit number; a phone-derived identifier another account already uses falls back
 * to a random one (the answer says which was used).
 */
export async function createAccount(deps: Deps, dealer: Dealer, input: CreateAccountRequest, actor: Actor): Promise<AccountRecord> {
  const id = newId(deps.now());
  const digits = input.mainPhone ? phoneDigits(input.mainPhone) : '';
  const claimed: string[] = [];
  try {
    let identifier: string | undefined;
    let source: AccountRecord['identifierSource'] = 'random';
    if (input.identifier) {
      if (!(await claimIdentifier(deps, dealer.id, id, input.identifier))) {
        throw new PorchlightError('IDENTIFIER_TAKEN', undefined, { fields: { identifier: 'Another account already uses this identifier.' } });
      }
      identifier = input.identifier;
      source = 'manual';
    } else if (digits.length >= 4 && (await claimIdentifier(deps, dealer.id, id, digits))) {
      identifier = digits;
      source = 'phone';
    }
    for (let attempt = 0; !identifier && attempt < 10; attempt++) {
      const candidate = randomIdentifier();
      if (await claimIdentifier(deps, dealer.id, id, candidate)) identifier = candidate;
    }
    if (!identifier) throw new PorchlightError('CONFLICT', 'Could not find a free identifier; try again.');
    claimed.push(keys.identifier(dealer.id, identifier));

    if (input.customerNumber) {
      if (!(await claimCustomerNumber(deps, dealer.id, id, input.customerNumber))) {
        throw new PorchlightError('CUSTOMER_NUMBER_TAKEN', undefined, { fields: { customerNumber: 'Another account already uses this customer number.' } });
      }
      claimed.push(keys.customerNumber(dealer.id, input.customerNumber));
    }

    const now = iso(deps);
    const account: AccountRecord = {
      id,
      dealerId: dealer.id,
      name: input.name,
      customerNumber: input.customerNumber ?? null,
      zip: input.zip ?? null,
      mainPhone: input.mainPhone ?? null,
      ...(input.address ? { address: input.address as AccountRecord['address'] } : {}),
      identifier,
      identifierSource: source,
      permissions: [...PERMISSIONS],
      createdAt: now,
      createdBy: actor,
      updatedAt: now,
      updatedBy: actor,
    };
    await deps.store.put(keys.account(dealer.id, id), account, { ifVersion: null });
    return account;
  } catch (error) {
    // Nothing half-written: give back the index entries this attempt claimed.
    await Promise.all(claimed.map((k) => releaseIndex(deps, k, id).catch(() => undefined)));
    throw error;
  }
}

/**
 * Updates an account; a new identifier or customer number is claimed before the old one is
 * released. Answers the account as it was and as it is now (for the audit log).
 */
export async function updateAccount(deps: Deps, dealer: Dealer, accountId: string, input: UpdateAccountRequest, actor: Actor): Promise<{ before: AccountRecord; after: AccountRecord }> {
  const current = await requireAccount(deps, dealer.id, accountId);
  const before = current.value;
  const next: AccountRecord = { ...before, updatedAt: iso(deps), updatedBy: actor };
  if (input.name !== undefined) next.name = input.name;
  if (input.zip !== undefined) next.zip = input.zip;
  if (input.mainPhone !== undefined) next.mainPhone = input.mainPhone;
  if (input.address !== undefined) next.address = input.address as AccountRecord['address'];
  if (input.permissions !== undefined) next.permissions = PERMISSIONS.filter((p) => input.permissions!.includes(p));

  const claimed: string[] = [];
  try {
    if (input.identifier !== undefined && input.identifier !== before.identifier) {
      if (!(await claimIdentifier(deps, dealer.id, accountId, input.identifier))) {
        throw new PorchlightError('IDENTIFIER_TAKEN', undefined, { fields: { identifier: 'Another account already uses this identifier.' } });
      }
      claimed.push(keys.identifier(dealer.id, input.identifier));
      next.identifier = input.identifier;
      next.identifierSource = 'manual';
    }
    if (input.customerNumber !== undefined && input.customerNumber?.toLowerCase() !== before.customerNumber?.toLowerCase()) {
      if (input.customerNumber !== null) {
        if (!(await claimCustomerNumber(deps, dealer.id, accountId, input.customerNumber))) {
          throw new PorchlightError('CUSTOMER_NUMBER_TAKEN', undefined, { fields: { customerNumber: 'Another account already uses this customer number.' } });
        }
        claimed.push(keys.customerNumber(dealer.id, input.customerNumber));
      }
    }
    if (input.customerNumber !== undefined) next.customerNumber = input.customerNumber;
    await deps.store.put(keys.account(dealer.id, accountId), next, { ifVersion: current.version });
  } catch (error) {
    await Promise.all(claimed.map((k) => releaseIndex(deps, k, accountId).catch(() => undefined)));
    throw error;
  }
  // The account no longer holds its old values: free their index entries (best effort; a
  // leftover entry is ignored by lookups and taken over by the next claim).
  if (next.identifier !== before.identifier) await releaseIndex(deps, keys.identifier(dealer.id, before.identifier), accountId).catch(() => undefined);
  if (before.customerNumber && next.customerNumber?.toLowerCase() !== before.customerNumber.toLowerCase()) {
    await releaseIndex(deps, keys.customerNumber(dealer.id, before.customerNumber), accountId).catch(() => undefined);
  }
  return { before, after: next };
}

export async function listAccounts(deps: Deps, dealerId: string, page: { limit?: number | undefined; cursor?: string | undefined }) {
  const result = await deps.store.list<AccountRecord>(keys.accounts(dealerId), { limit: page.limit ?? 50, cursor: page.cursor ?? null });
  return { items: result.items.map((i) => i.value), cursor: result.cursor };
}

// ---- users -----------------------------------------------------------------------------

// ---- login profiles: one person's credentials for several accounts ----------------------

export async function getLoginProfile(deps: Deps, dealerId: string, profileId: string) {
  return deps.store.get<LoginProfileRecord>(keys.loginProfile(dealerId, profileId));
}

function pickCredentials(source: Credentials): Credentials {
  const out = {} as Record<string, unknown>;
  for (const field of CREDENTIAL_FIELDS) out[field] = source[field] ?? null;
  return out as unknown as Credentials;
}

const sameCredentials = (a: Credentials, b: Credentials) => JSON.stringify(pickCredentials(a)) === JSON.stringify(pickCredentials(b));

/**
 * The login as its person signs in with it: a login of a profile carries the profile's
 * credentials. A profile that has gone missing leaves the login disabled (it fails closed).
 */
function withProfile(user: UserRecord, profile: LoginProfileRecord | null | undefined): UserRecord {
  if (!user.profileId) return user;
  if (!profile) return { ...user, status: 'disabled' };
  return { ...user, ...pickCredentials(profile) };
}

async function overlay(deps: Deps, found: Versioned<UserRecord> | null): Promise<Versioned<UserRecord> | null> {
  if (!found?.value.profileId) return found;
  const profile = await getLoginProfile(deps, found.value.dealerId, found.value.profileId);
  return { ...found, value: withProfile(found.value, profile?.value) };
}

export async function getUser(deps: Deps, dealerId: string, accountId: string, userId: string) {
  return overlay(deps, await deps.store.get<UserRecord>(keys.user(dealerId, accountId, userId)));
}

export async function listUsers(deps: Deps, dealerId: string, accountId: string): Promise<UserRecord[]> {
  const users: UserRecord[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof deps.store.list<UserRecord>>> = await deps.store.list<UserRecord>(keys.users(dealerId, accountId), { limit: 500, cursor });
    // A page's profile logins read their profiles at once, not one after another.
    for (const item of await Promise.all(page.items.map((i) => overlay(deps, i)))) users.push(item!.value);
    cursor = page.cursor;
  } while (cursor);
  return users;
}

export async function findUserByUsername(deps: Deps, dealerId: string, accountId: string, username: string) {
  const normalized = normalizeUsername(username);
  const index = await deps.store.get<{ userId: string }>(keys.username(dealerId, accountId, normalized));
  if (!index) return null;
  const user = await getUser(deps, dealerId, accountId, index.value.userId);
  return user && user.value.usernameNormalized === normalized ? user : null;
}

/**
 * Read-modify-write of a user with compare-and-set, retried when someone else wrote first.
 * For a login of a profile, `change` sees the profile's credentials and what it changes of
 * them is written to the profile (so a new password or an ended session epoch applies to every
 * account of the person); the rest goes to the login's own record.
 */
export async function updateUser(deps: Deps, user: Pick<UserRecord, 'dealerId' | 'accountId' | 'id'>, change: (u: UserRecord) => UserRecord): Promise<UserRecord> {
  const key = keys.user(user.dealerId, user.accountId, user.id);
  const notFound = () => new PorchlightError('NOT_FOUND', 'No such user.');
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.store.get<UserRecord>(key);
    if (!current) throw notFound();
    if (!current.value.profileId) {
      const after = change(current.value);
      try {
        await deps.store.put(key, after, { ifVersion: current.version });
        return after;
      } catch (error) {
        if (!(error instanceof StoreConflictError)) throw error;
        continue;
      }
    }
    const profileKey = keys.loginProfile(user.dealerId, current.value.profileId);
    const profile = await deps.store.get<LoginProfileRecord>(profileKey);
    if (!profile) throw new PorchlightError('NOT_FOUND', "This login's profile no longer exists.");
    const merged = withProfile(current.value, profile.value);
    const after = change(merged);
    // The login's own record keeps its placeholder credentials.
    const own: UserRecord = { ...after, ...pickCredentials(current.value) };
    try {
      if (!sameCredentials(after, merged)) {
        await deps.store.put<LoginProfileRecord>(profileKey, { ...profile.value, ...pickCredentials(after), updatedAt: new Date(deps.now()).toISOString() }, { ifVersion: profile.version });
      }
      await deps.store.put(key, own, { ifVersion: current.version });
      return after;
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
    }
  }
  throw new PorchlightError('CONFLICT');
}

/** Read-modify-write of a login profile (members, name, email) with compare-and-set. */
export async function updateLoginProfile(deps: Deps, dealerId: string, profileId: string, change: (p: LoginProfileRecord) => LoginProfileRecord): Promise<LoginProfileRecord> {
  return (await updateRecord(deps.store, keys.loginProfile(dealerId, profileId), change, () => new PorchlightError('NOT_FOUND', 'No such login profile.'))).after;
}

const USERNAME_TAKEN = () => new PorchlightError('USERNAME_TAKEN', undefined, { fields: { username: 'This username is already used in this account.' } });

/** A username as shown (NFKC, trimmed) and as compared (also lower-cased). */
export function cleanUsername(input: string): { username: string; normalized: string } {
  const username = input.normalize('NFKC').trim();
  return { username, normalized: normalizeUsername(username) };
}

/**
 * Points the account's username index at `userId`. An entry left behind by a user that no
 * longer holds the name (removed, renamed, a failed write) is taken over; one a live user
 * holds is refused with USERNAME_TAKEN (on field `username`), also when another request
 * claims it at the same moment.
 */
export async function claimUsername(deps: Deps, dealerId: string, accountId: string, normalized: string, userId: string): Promise<void> {
  const nameKey = keys.username(dealerId, accountId, normalized);
  const holder = await deps.store.get<{ userId: string }>(nameKey);
  if (holder?.value.userId === userId) return;
  const holderUser = holder && (await getUser(deps, dealerId, accountId, holder.value.userId));
  if (holderUser && holderUser.value.usernameNormalized === normalized) throw USERNAME_TAKEN();
  try {
    await deps.store.put(nameKey, { userId }, { ifVersion: holder ? holder.version : null });
  } catch (error) {
    if (error instanceof StoreConflictError) throw USERNAME_TAKEN();
    throw error;
  }
}

/** Frees a username index entry if it still points at `userId` (best effort: lookups ignore a stale one). */
export async function releaseUsername(deps: Deps, dealerId: string, accountId: string, normalized: string, userId: string): Promise<void> {
  const nameKey = keys.username(dealerId, accountId, normalized);
  const holder = await deps.store.get<{ userId: string }>(nameKey).catch(() => null);
  if (holder?.value.userId !== userId) return;
  await deps.store.delete(nameKey, { ifVersion: holder.version }).catch(() => undefined);
}

/**
 * Adds a user to an account: claims the username, then writes the record (insert-if-absent);
 * the claim is given back if the write fails. Call it holding the account's users lock.
 */
export async function insertUser(deps: Deps, user: UserRecord): Promise<UserRecord> {
  await claimUsername(deps, user.dealerId, user.accountId, user.usernameNormalized, user.id);
  try {
    await deps.store.put(keys.user(user.dealerId, user.accountId, user.id), user, { ifVersion: null });
    return user;
  } catch (error) {
    await releaseUsername(deps, user.dealerId, user.accountId, user.usernameNormalized, user.id);
    throw error;
  }
}

/** The lock every change to an account's user roster (add, role, status, remove) holds. */
export function withUsersLock<T>(deps: Deps, dealerId: string, accountId: string, fn: () => Promise<T>): Promise<T> {
  return withLock(deps, keys.accountLock(dealerId, accountId, 'users'), fn);
}

/**
 * Gives the account its manager login: creates the manager when the account has none, else
 * sets the (first) manager's username and password. The password is temporary either way:
 * the manager must choose a new one at first login, and any sessions they had end.
 */
export async function assignManager(deps: Deps, dealer: Dealer, accountId: string, input: CreateManagerRequest, actor: Actor): Promise<{ user: UserRecord; created: boolean }> {
  const account = (await requireAccount(deps, dealer.id, accountId)).value;
  const { username, normalized } = cleanUsername(input.username);
  checkNewPassword(input.password, { username, identifier: account.identifier }, 'password');
  // Hash before taking the lock: it is the slow part.
  const passwordHash = await deps.hasher.hash(input.password);

  return withUsersLock(deps, dealer.id, accountId, async () => {
    const now = iso(deps);
    const existing = (await listUsers(deps, dealer.id, accountId)).find((u) => u.role === 'manager');
    if (!existing) {
      const user = await insertUser(
        deps,
        newUserRecord(
          { id: newId(deps.now()), dealerId: dealer.id, accountId, role: 'manager', username, usernameNormalized: normalized, name: input.name ?? username, email: input.email ?? null, mustChangePassword: true, passwordHash },
          now,
          actor,
        ),
      );
      return { user, created: true };
    }

    const usernameChanges = existing.usernameNormalized !== normalized;
    if (usernameChanges) await claimUsername(deps, dealer.id, accountId, normalized, existing.id);
    try {
      const user = await updateUser(deps, existing, (u) => ({
        ...u,
        username,
        usernameNormalized: normalized,
        name: input.name ?? u.name,
        email: input.email ?? u.email,
        passwordHash,
        mustChangePassword: true,
        sessionEpoch: u.sessionEpoch + 1,
        resetNonce: null,
        temporaryPassword: null,
        // The dealer handed out a password: a manager login still waiting for its login email can use it (the emailed link stops working).
        ...(u.activatedAt === null ? { activatedAt: now, invitation: null, activationNonce: null } : {}),
        updatedAt: now,
        updatedBy: actor,
      }));
      if (usernameChanges) await releaseUsername(deps, dealer.id, accountId, existing.usernameNormalized, existing.id);
      return { user, created: false };
    } catch (error) {
      if (usernameChanges) await releaseUsername(deps, dealer.id, accountId, normalized, existing.id);
      throw error;
    }
  });
}
