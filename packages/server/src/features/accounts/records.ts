import { effectivePermissions, PERMISSIONS, type Account, type Actor, type Permission, type PortalAccount, type PublicUser, type Role } from '@porchlight/core';

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
  disabledAt?: string | null;
  disabledBy?: Actor | null;
  mustChangePassword: boolean;
  passwordHash: string;
  /** Sessions remember the epoch they were made in; bumping it ends them all. */
  sessionEpoch: number;
  /** The newest reset link's nonce: an older link no longer works. */
  resetNonce: string | null;
  passwordChangedAt: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  createdBy: Actor;
  updatedAt: string;
  updatedBy: Actor;
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
