import { effectiveGrants, effectivePermissions, PERMISSIONS, type Account, type Actor, type GrantScope, type Invitation, type Permission, type PortalAccount, type PublicUser, type Role } from '@porchlight/core';

/** An account as stored (the same shape the admin API shows). */
export type AccountRecord = Account;

/** A user as stored. Never sent as is: `toPublicUser` picks what may leave the server. */
export interface UserRecord {
  id: string;
  dealerId: string;
  accountId: string;
  role: Role;
  username: string;
  usernameNormalized: string;
  name: string;
  email: string | null;
  status: 'active' | 'disabled';
  /** What a manager granted (staff); managers hold everything the account allows. */
  permissions?: Permission[];
  /** "Grant access": the parts of the account's data this login may see (absent: every part). */
  grants?: GrantScope[];
  /**
   * The login profile this login belongs to (one person, one password, several accounts).
   * Its credentials (CREDENTIAL_FIELDS) then live on the profile: this record's own copies are
   * placeholders, and getUser / listUsers / findUserByUsername / updateUser read and write the
   * profile's, so every account of the person shares one password and one session epoch.
   */
  profileId?: string | null;
  /**
   * Onboarding: when the person first chose a password with an emailed link (or first logged in
   * with a temporary one). `null`: set up but not activated yet — login is refused. Absent:
   * a login made before onboarding existed (active from the start).
   */
  activatedAt?: string | null;
  /** The newest login email sent to a login not yet activated. */
  invitation?: Invitation | null;
  /** The newest activation link's nonce (onboarding): a newer link, or activation, voids older ones. */
  activationNonce?: string | null;
  /** A temporary password emailed by onboarding: when it stops working, and when it was first used. */
  temporaryPassword?: { expiresAt: number; usedAt: number | null } | null;
  disabledAt?: string | null;
  disabledBy?: Actor | null;
  mustChangePassword: boolean;
  passwordHash: string;
  /** Sessions remember the epoch they were made in; bumping it ends them all (a profile's: in every account). */
  sessionEpoch: number;
  /** A login of a profile: its own epoch, bumped to end its sessions in this account only (endLoginSessions). */
  loginEpoch?: number;
  /** The newest reset link's nonce: an older link no longer works. */
  resetNonce: string | null;
  passwordChangedAt: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  createdBy: Actor;
  updatedAt: string;
  updatedBy: Actor;
}

/** What a new login is made with; newUserRecord fills in the rest. */
export type NewUserFields = Omit<UserRecord, 'status' | 'disabledAt' | 'disabledBy' | 'sessionEpoch' | 'resetNonce' | 'passwordChangedAt' | 'lastLoginAt' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy'> & {
  status?: UserRecord['status'];
};

/**
 * A new login as first stored: active unless told, never disabled, signed in or given a
 * password of its own (no sessions, no reset link), made and last changed by `actor` at `now`.
 * Activation is left as given (absent: active from the start).
 */
export function newUserRecord(fields: NewUserFields, now: string, actor: Actor): UserRecord {
  return {
    ...fields,
    status: fields.status ?? 'active',
    disabledAt: null,
    disabledBy: null,
    sessionEpoch: 0,
    resetNonce: null,
    passwordChangedAt: null,
    lastLoginAt: null,
    createdAt: now,
    createdBy: actor,
    updatedAt: now,
    updatedBy: actor,
  };
}

/** The fields a login profile holds for all its logins. */
export const CREDENTIAL_FIELDS = ['passwordHash', 'mustChangePassword', 'sessionEpoch', 'resetNonce', 'passwordChangedAt', 'temporaryPassword'] as const;
export type Credentials = Pick<UserRecord, (typeof CREDENTIAL_FIELDS)[number]>;

/** A login profile as stored: one person's credentials, shared by their logins in several accounts of one dealer. */
export interface LoginProfileRecord extends Credentials {
  id: string;
  dealerId: string;
  name: string;
  email: string;
  /** Lower-cased: what the email index holds. */
  emailNormalized: string;
  /** Every login of the profile, one per account. */
  members: Array<{ accountId: string; userId: string }>;
  createdAt: string;
  createdBy: Actor;
  updatedAt: string;
}

/** Whether the login may sign in yet (onboarding logins must be activated first). */
export function isActivated(u: Pick<UserRecord, 'activatedAt'>): boolean {
  return u.activatedAt !== null;
}

/**
 * What voids the login email of a login not activated yet: its set-password link (the nonce)
 * and the invitation, which an emailed temporary password also needs to open the login
 * (auth's `maySignIn`). Nothing for an activated login.
 */
export function loginEmailVoided(u: Pick<UserRecord, 'activatedAt'>): Partial<UserRecord> {
  return isActivated(u) ? {} : { activationNonce: null, invitation: null };
}

/** What the account allows its users (accounts stored before permissions existed allow everything). */
export function accountPermissions(a: Pick<AccountRecord, 'permissions'>): Permission[] {
  return a.permissions ? [...a.permissions] : [...PERMISSIONS];
}

/** What the user may do now, inside this account. */
export function userPermissions(u: UserRecord, account: Pick<AccountRecord, 'permissions'>): Permission[] {
  return effectivePermissions(u, accountPermissions(account));
}

export function toPublicUser(u: UserRecord, account: Pick<AccountRecord, 'permissions'>): PublicUser {
  return {
    id: u.id,
    accountId: u.accountId,
    role: u.role,
    username: u.username,
    name: u.name,
    email: u.email,
    status: u.status,
    permissions: userPermissions(u, account),
    grants: effectiveGrants(u),
    profileId: u.profileId ?? null,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt,
    disabledAt: u.disabledAt ?? null,
    disabledBy: u.disabledBy ?? null,
    createdAt: u.createdAt,
    createdBy: u.createdBy,
    updatedAt: u.updatedAt,
    updatedBy: u.updatedBy,
  };
}

export function toPortalAccount(a: AccountRecord): PortalAccount {
  return { id: a.id, name: a.name, identifier: a.identifier, customerNumber: a.customerNumber, permissions: accountPermissions(a) };
}
