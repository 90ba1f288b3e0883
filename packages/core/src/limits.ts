/**
 * Plain constants the browser needs too. Kept out of the schema modules so that importing one
 * of them never pulls the schema library into the elements' bundles.
 */

/** The kinds the activity view filters by; each covers some audit actions (by prefix). */
export const ACTIVITY_KINDS = {
  'sign-in': ['auth.'],
  staff: ['user.'],
  account: ['account.'],
  records: ['contact.', 'ticket.', 'proposal.', 'work-order.', 'invoice.'],
  emulation: ['emulation.'],
  denied: ['access.'],
} as const satisfies Record<string, readonly string[]>;
export type ActivityKind = keyof typeof ACTIVITY_KINDS;

/** The most contacts one account's call list keeps. */
export const MAX_CONTACTS = 50;
