import { PorchlightError, StoreConflictError, type Actor, type Versioned } from '@porchlight/core';
import type { Deps } from '../../context.js';
import { keys } from '../../store/keys.js';
import { isActivated, type LoginProfileRecord, type UserRecord } from '../accounts/records.js';
import { getLoginProfile, getUser, updateLoginProfile } from '../accounts/service.js';

/**
 * Login profiles (one person, one password, several accounts of a dealer): finding one by
 * email, creating one, and taking a login out of one. Imports nothing of the staff or
 * onboarding services, so both can use it.
 */

interface ProfileEmailIndex {
  profileId: string;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

const PROFILE_EMAIL_TAKEN = () =>
  new PorchlightError('PROFILE_EMAIL_TAKEN', undefined, {
    fields: { email: 'A login profile already uses this email address. Choose that profile to add this account to it, or use another email.' },
  });

/** The profile whose email this is (the index is a lookup aid: the profile's own email decides). */
export async function findProfileByEmail(deps: Deps, dealerId: string, email: string): Promise<Versioned<LoginProfileRecord> | null> {
  const index = await deps.store.get<ProfileEmailIndex>(keys.loginProfileEmail(dealerId, email));
  if (!index) return null;
  const profile = await getLoginProfile(deps, dealerId, index.value.profileId);
  return profile && profile.value.emailNormalized === normalizeEmail(email) ? profile : null;
}

export async function requireProfile(deps: Deps, dealerId: string, profileId: string): Promise<LoginProfileRecord> {
  const found = await getLoginProfile(deps, dealerId, profileId);
  if (!found) throw new PorchlightError('NOT_FOUND', 'No such login profile.', { fields: { profileId: 'No login profile with this id. Look it up again by email.' } });
  return found.value;
}

/**
 * Points the email index at `profileId`: insert-if-absent, or take over an entry whose profile
 * no longer holds the email (removed, changed, a failed write). PROFILE_EMAIL_TAKEN (on field
 * `email`, naming nobody) when another profile holds it.
 */
export async function claimProfileEmail(deps: Deps, dealerId: string, email: string, profileId: string): Promise<void> {
  const indexKey = keys.loginProfileEmail(dealerId, email);
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await deps.store.get<ProfileEmailIndex>(indexKey);
    if (current?.value.profileId === profileId) return;
    if (current) {
      const holder = await getLoginProfile(deps, dealerId, current.value.profileId);
      if (holder && holder.value.emailNormalized === normalizeEmail(email)) throw PROFILE_EMAIL_TAKEN();
    }
    try {
      await deps.store.put<ProfileEmailIndex>(indexKey, { profileId }, { ifVersion: current ? current.version : null });
      return;
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
    }
  }
  throw PROFILE_EMAIL_TAKEN();
}

/** Frees an email index entry if it still points at `profileId` (best effort: lookups check the profile). */
export async function releaseProfileEmail(deps: Deps, dealerId: string, email: string, profileId: string): Promise<void> {
  const indexKey = keys.loginProfileEmail(dealerId, email);
  const current = await deps.store.get<ProfileEmailIndex>(indexKey).catch(() => null);
  if (current?.value.profileId !== profileId) return;
  await deps.store.delete(indexKey, { ifVersion: current.version }).catch(() => undefined);
}

/**
 * Creates a profile for a person (claiming its email first) with an unusable password: the
 * person chooses theirs through the login email. `members` are its first logins.
 */
export async function createProfile(
  deps: Deps,
  input: { id: string; dealerId: string; name: string; email: string; passwordHash: string; members: LoginProfileRecord['members']; actor: Actor },
): Promise<LoginProfileRecord> {
  await claimProfileEmail(deps, input.dealerId, input.email, input.id);
  const now = new Date(deps.now()).toISOString();
  const profile: LoginProfileRecord = {
    id: input.id,
    dealerId: input.dealerId,
    name: input.name,
    email: input.email,
    emailNormalized: normalizeEmail(input.email),
    members: input.members,
    passwordHash: input.passwordHash,
    mustChangePassword: false,
    sessionEpoch: 0,
    resetNonce: null,
    passwordChangedAt: null,
    temporaryPassword: null,
    createdAt: now,
    createdBy: input.actor,
    updatedAt: now,
  };
  try {
    await deps.store.put(keys.loginProfile(input.dealerId, input.id), profile, { ifVersion: null });
  } catch (error) {
    await releaseProfileEmail(deps, input.dealerId, input.email, input.id);
    throw error;
  }
  return profile;
}

/** Moves a profile's email (the person's, for every account): the new one is claimed before the old one is freed. */
export async function moveProfileEmail(deps: Deps, dealerId: string, profileId: string, email: string): Promise<LoginProfileRecord> {
  const before = await requireProfile(deps, dealerId, profileId);
  if (before.emailNormalized === normalizeEmail(email)) {
    return updateLoginProfile(deps, dealerId, profileId, (p) => ({ ...p, email, updatedAt: new Date(deps.now()).toISOString() }));
  }
  await claimProfileEmail(deps, dealerId, email, profileId);
  let after: LoginProfileRecord;
  try {
    after = await updateLoginProfile(deps, dealerId, profileId, (p) => ({ ...p, email, emailNormalized: normalizeEmail(email), updatedAt: new Date(deps.now()).toISOString() }));
  } catch (error) {
    await releaseProfileEmail(deps, dealerId, email, profileId);
    throw error;
  }
  await releaseProfileEmail(deps, dealerId, before.email, profileId);
  return after;
}

/**
 * Takes a removed login out of its profile's members (revoke, the staff manager's removal).
 * The profile and its other accounts stay; a profile left with no member goes, with its email
 * index, so the email is free for a new profile. A login with no profile: nothing to do.
 */
export async function leaveLoginProfile(deps: Deps, login: Pick<UserRecord, 'dealerId' | 'accountId' | 'id' | 'profileId'>): Promise<void> {
  if (!login.profileId) return;
  const isMember = (m: { accountId: string; userId: string }) => m.accountId === login.accountId && m.userId === login.id;
  let after: LoginProfileRecord;
  try {
    after = await updateLoginProfile(deps, login.dealerId, login.profileId, (p) => ({ ...p, members: p.members.filter((m) => !isMember(m)), updatedAt: new Date(deps.now()).toISOString() }));
  } catch (error) {
    if (error instanceof PorchlightError && error.code === 'NOT_FOUND') return;
    throw error;
  }
  if (after.members.length) return;
  const current = await getLoginProfile(deps, login.dealerId, login.profileId);
  // Only if nobody joined meanwhile (compare-and-set on the version just read).
  if (!current || current.value.members.length) return;
  try {
    await deps.store.delete(keys.loginProfile(login.dealerId, login.profileId), { ifVersion: current.version });
  } catch (error) {
    if (error instanceof StoreConflictError) return;
    throw error;
  }
  await releaseProfileEmail(deps, login.dealerId, current.value.email, login.profileId);
}

/**
 * The profile's logins that still exist and belong to it (a member whose login is gone, or
 * was moved to another profile, is skipped), `except` one.
 */
export async function profileLogins(deps: Deps, profile: LoginProfileRecord, except?: { accountId: string; userId: string }): Promise<UserRecord[]> {
  const members = profile.members.filter((m) => !(except && m.accountId === except.accountId && m.userId === except.userId));
  const found = await Promise.all(members.map((m) => getUser(deps, profile.dealerId, m.accountId, m.userId)));
  return found.flatMap((f) => (f && f.value.profileId === profile.id ? [f.value] : []));
}

/**
 * Whether the person behind a login already has a working password: another login of its
 * profile was activated. Then a login email never sends a temporary password (it would
 * replace the password they use), only a link.
 */
export async function profileHasPassword(deps: Deps, login: Pick<UserRecord, 'dealerId' | 'accountId' | 'id' | 'profileId'>): Promise<boolean> {
  if (!login.profileId) return false;
  const profile = await getLoginProfile(deps, login.dealerId, login.profileId);
  if (!profile) return false;
  return (await profileLogins(deps, profile.value, { accountId: login.accountId, userId: login.id })).some((u) => isActivated(u));
}
