/** Roles of a user inside one account. */
export const ROLES = ['manager', 'staff', 'client'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a user may do inside their account. Managers hold all of them; the staff manager
 * (a later feature) lets a manager grant them to office staff one by one.
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
