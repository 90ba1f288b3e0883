import type { Account, Actor, PortalAccount, PublicUser, Role } from '@porchlight/core';

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

export function toPublicUser(u: UserRecord): PublicUser {
  return {
    id: u.id,
    accountId: u.accountId,
    role: u.role,
    username: u.username,
    name: u.name,
    email: u.email,
    status: u.status,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt,
    createdAt: u.createdAt,
    createdBy: u.createdBy,
    updatedAt: u.updatedAt,
    updatedBy: u.updatedBy,
  };
}

export function toPortalAccount(a: AccountRecord): PortalAccount {
  return { id: a.id, name: a.name, identifier: a.identifier, customerNumber: a.customerNumber };
}
