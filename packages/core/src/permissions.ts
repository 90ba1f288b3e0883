/** Roles of a user inside one account. `client` is a plain login (onboarding); staff work within granted permissions. */
export const ROLES = ['manager', 'staff', 'client'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a user may do inside their account. Managers hold every permission the account allows;
 * office staff hold the ones a manager granted them (and the account allows). Reading the
 * account's records (contacts, work orders, tickets …) needs no permission; `invoices.view`
 * guards the money.
 */
export const PERMISSIONS = [
  'invoices.view',
  'invoices.pay',
  'payment-methods.manage',
  'work-orders.submit',
  'proposals.decide',
  'tickets.use',
  'records.modify',
  'records.delete',
  'staff.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** How each permission reads in the staff manager's matrix. */
export const PERMISSION_LABELS: Record<Permission, string> = {
  'invoices.view': 'View invoices',
  'invoices.pay': 'Pay invoices',
  'payment-methods.manage': 'Payment methods and autopay',
  'work-orders.submit': 'Submit and edit work orders',
  'proposals.decide': 'Accept or reject proposals',
  'tickets.use': 'Open and reply to support tickets',
  'records.modify': 'Modify records',
  'records.delete': 'Delete records',
  'staff.manage': 'Manage staff',
};

/** New office staff can look, not change: a manager grants the rest. */
export const STAFF_DEFAULT_PERMISSIONS: readonly Permission[] = ['invoices.view'];

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}

/**
 * What a user may do right now: a manager everything the account allows, anyone else what
 * they were granted and the account allows. Computed on every request, so a change takes
 * effect on the user's next request. The answer keeps PERMISSIONS order.
 */
export function effectivePermissions(user: { role: Role; permissions?: readonly Permission[] | undefined }, accountAllows: readonly Permission[]): Permission[] {
  const allowed = new Set(accountAllows);
  const granted = user.role === 'manager' ? allowed : new Set(user.permissions ?? []);
  return PERMISSIONS.filter((p) => allowed.has(p) && granted.has(p));
}

// ---- the dealer's own people ----------------------------------------------------------

/** Roles of the dealer's own staff in the back office. */
export const DEALER_STAFF_ROLES = ['owner', 'admin', 'support'] as const;
export type DealerStaffRole = (typeof DEALER_STAFF_ROLES)[number];

/** What the back office can do; each admin route needs one. */
export const ADMIN_ABILITIES = [
  /** Read accounts, their users and audit trail. */
  'accounts.read',
  /** Create and change accounts, assign managers, create office staff on a manager's behalf. */
  'accounts.write',
  /** Open the portal as one of the account's users (audited, at most 60 minutes). */
  'emulate',
  /** Add, change and disable the dealer's own staff logins. */
  'dealer-staff.manage',
  /** Answer support tickets: reply, attach files, propose estimates, complete or reopen. */
  'tickets.reply',
] as const;
export type AdminAbility = (typeof ADMIN_ABILITIES)[number];

/** Owner: everything. Admin: everything but the dealer's staff list. Support: read, emulate and answer tickets. */
export const DEALER_ROLE_ABILITIES: Record<DealerStaffRole, readonly AdminAbility[]> = {
  owner: ADMIN_ABILITIES,
  admin: ['accounts.read', 'accounts.write', 'emulate', 'tickets.reply'],
  support: ['accounts.read', 'emulate', 'tickets.reply'],
};
