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

/**
 * What a client login (role `client`, made by onboarding: registration, the dealer's
 * "Setup access", an approved access request) may do unless the dealer says otherwise:
 * everything about its own business with the dealer, nothing about the account's logins or
 * records.
 */
export const CLIENT_DEFAULT_PERMISSIONS: readonly Permission[] = [
  'invoices.view',
  'invoices.pay',
  'payment-methods.manage',
  'work-orders.submit',
  'proposals.decide',
  'tickets.use',
];

// ---- grant scopes: which parts of the account's data a login may see ------------------

/**
 * "Grant access": the parts of an account's data a login may see at all, set by the dealer
 * per login (Setup access). Enforced on the server on every route of the part, read or write:
 * invoices (list, detail, PDF), payments (pay, history, receipts, saved methods, autopay),
 * work orders (and the sites they are for), proposals, shared documents, support tickets.
 * A login stored without grants sees every part (logins made before grants existed).
 */
export const GRANT_SCOPES = ['invoices', 'payments', 'work-orders', 'proposals', 'documents', 'tickets'] as const;
export type GrantScope = (typeof GRANT_SCOPES)[number];

export const GRANT_SCOPE_LABELS: Record<GrantScope, string> = {
  invoices: 'Invoices',
  payments: 'Payments and autopay',
  'work-orders': 'Work orders',
  proposals: 'Proposals',
  documents: 'Documents',
  tickets: 'Support tickets',
};

/** The parts of the data a permission acts on: a login without one of them cannot use the permission. */
export const PERMISSION_SCOPES: Partial<Record<Permission, readonly GrantScope[]>> = {
  'invoices.view': ['invoices'],
  'invoices.pay': ['invoices', 'payments'],
  'payment-methods.manage': ['payments'],
  'work-orders.submit': ['work-orders'],
  'proposals.decide': ['proposals'],
  'tickets.use': ['tickets'],
};

/**
 * The part of the data an audit action is about, by action prefix (one table): the account's
 * activity hides from a viewer the entries of a part their login is not granted. Actions of
 * no part (sign-in, staff, contacts, denials …) are absent.
 */
export const AUDIT_ACTION_SCOPES: ReadonlyArray<readonly [prefix: string, scope: GrantScope]> = [
  ['invoice.', 'invoices'],
  ['payment.', 'payments'],
  ['payment-method.', 'payments'],
  ['autopay.', 'payments'],
  ['work-order.', 'work-orders'],
  ['sites.', 'work-orders'],
  ['proposal.', 'proposals'],
  ['document.', 'documents'],
  ['ticket.', 'tickets'],
];

/** The grant scope an audit action belongs to (AUDIT_ACTION_SCOPES), or null when it belongs to none. */
export function scopeOfAction(action: string): GrantScope | null {
  return AUDIT_ACTION_SCOPES.find(([prefix]) => action.startsWith(prefix))?.[1] ?? null;
}

export function isGrantScope(value: unknown): value is GrantScope {
  return typeof value === 'string' && (GRANT_SCOPES as readonly string[]).includes(value);
}

/** What a login may see: its grants in GRANT_SCOPES order, or every part when it has none stored. */
export function effectiveGrants(user: { grants?: readonly GrantScope[] | null | undefined }): GrantScope[] {
  if (!user.grants) return [...GRANT_SCOPES];
  return GRANT_SCOPES.filter((g) => user.grants!.includes(g));
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}

/**
 * What a user may do right now: a manager everything the account allows, anyone else what
 * they were granted and the account allows, less what acts on data outside the login's grant
 * scopes. Computed on every request, so a change takes
 * effect on the user's next request. The answer keeps PERMISSIONS order.
 */
export function effectivePermissions(
  user: { role: Role; permissions?: readonly Permission[] | undefined; grants?: readonly GrantScope[] | null | undefined },
  accountAllows: readonly Permission[],
): Permission[] {
  const allowed = new Set(accountAllows);
  const granted = user.role === 'manager' ? allowed : new Set(user.permissions ?? []);
  // A permission over a part of the data the login may not see is no permission (e.g. paying without "Payments").
  const sees = new Set(effectiveGrants(user));
  return PERMISSIONS.filter((p) => allowed.has(p) && granted.has(p) && (PERMISSION_SCOPES[p] ?? []).every((g) => sees.has(g)));
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
