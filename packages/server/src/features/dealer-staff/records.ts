import { DEALER_ROLE_ABILITIES, type Actor, type AdminAbility, type DealerStaffRole, type PublicDealerStaff } from '@porchlight/core';

/** One of the dealer's own people, as stored. Never sent as is: see toPublicDealerStaff. */
export interface DealerStaffRecord {
  id: string;
  dealerId: string;
  /** As entered (trimmed). */
  email: string;
  /** Lower-case: what logins and the unique index compare. */
  emailNormalized: string;
  name: string;
  role: DealerStaffRole;
  status: 'active' | 'disabled';
  /** Set with a temporary password: only session, logout and change password work until then. */
  mustChangePassword: boolean;
  passwordHash: string;
  /** Sessions remember the epoch they were made in; bumping it ends them all. */
  sessionEpoch: number;
  passwordChangedAt?: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  createdBy: Actor;
  updatedAt: string;
  updatedBy: Actor;
}

export function normalizeStaffEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** What this person may do in the back office now (from their role). */
export function staffAbilities(staff: Pick<DealerStaffRecord, 'role'>): readonly AdminAbility[] {
  return DEALER_ROLE_ABILITIES[staff.role] ?? [];
}

/** How a staff member appears in records and the audit log: "admin <name>". */
export function staffActor(staff: Pick<DealerStaffRecord, 'id' | 'name'>): Actor {
  return { kind: 'admin', adminId: staff.id, name: `admin ${staff.name}` };
}

export function toPublicDealerStaff(s: DealerStaffRecord): PublicDealerStaff {
  return {
    id: s.id,
    dealerId: s.dealerId,
    email: s.email,
    name: s.name,
    role: s.role,
    status: s.status,
    abilities: [...staffAbilities(s)],
    mustChangePassword: s.mustChangePassword,
    lastLoginAt: s.lastLoginAt,
    createdAt: s.createdAt,
    createdBy: s.createdBy,
    updatedAt: s.updatedAt,
    updatedBy: s.updatedBy,
  };
}
