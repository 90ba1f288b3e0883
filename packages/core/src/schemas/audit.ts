import * as v from 'valibot';
import { Actor, Id, Timestamp } from './common.js';

/** What the audit log records. Every write a person makes appears here. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login-failed',
  'auth.logout',
  'auth.password-changed',
  'auth.password-reset-requested',
  'auth.password-reset',
  /** The person chose their password with an emailed link (or first logged in with a temporary one). */
  'auth.activated',
  /** The person moved to another account of their login profile. */
  'auth.account-switched',
  /** Onboarding: a client registered with the registration key; the dealer set up, changed, emailed or revoked a login. */
  'access.registered',
  'access.setup',
  'access.updated',
  'access.login-email-sent',
  'access.revoked',
  /** Dealer-level: someone asked for access; the dealer approved or declined it. */
  'access.requested',
  'access.request-approved',
  'access.request-declined',
  'account.registration-key-changed',
  'emulation.start',
  'emulation.end',
  'account.created',
  'account.updated',
  'user.created',
  'user.updated',
  'user.permissions-changed',
  'user.disabled',
  'user.enabled',
  'user.removed',
  'user.sessions-ended',
  'user.password-link-sent',
  'contact.created',
  'contact.updated',
  'contact.deleted',
  'message.created',
  'message.updated',
  'message.deleted',
  'document.shared',
  'document.removed',
  'proposal.synced',
  'proposal.withdrawn',
  'proposal.consented',
  'proposal.accepted',
  'proposal.rejected',
  /** The dealer's sync created or changed an invoice. */
  'invoice.synced',
  /** A portal or autopay payment: taken, declined, failed, left unconfirmed by the gateway, refunded. */
  'payment.succeeded',
  'payment.declined',
  'payment.failed',
  'payment.unconfirmed',
  'payment.refunded',
  'payment-method.added',
  'payment-method.removed',
  'payment-method.default-changed',
  'autopay.enabled',
  'autopay.changed',
  'autopay.disabled',
  'ticket.created',
  'ticket.replied',
  'ticket.status-changed',
  'ticket.subscribers-changed',
  'ticket.estimate-proposed',
  'ticket.estimate-approved',
  'ticket.estimate-declined',
  'ticket.estimate-withdrawn',
  'request-types.updated',
  'work-order.created',
  'work-order.note-added',
  'work-order.status-changed',
  /** The dealer's sync replaced an account's sites and systems. */
  'sites.synced',
  'profile.updated',
  'profile.email-change-requested',
  'profile.email-confirmed',
  /** A signed-in user tried something their permissions do not allow. */
  'access.denied',
  'dealer-staff.login',
  'dealer-staff.login-failed',
  'dealer-staff.logout',
  'dealer-staff.password-changed',
  'dealer-staff.created',
  'dealer-staff.updated',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditEntry = v.object({
  id: Id,
  at: Timestamp,
  dealerId: v.string(),
  accountId: v.nullable(v.string()),
  action: v.picklist(AUDIT_ACTIONS),
  /** Who acted; for emulation, kind "emulation" with the admin behind it. */
  actor: Actor,
  /** "admin X as manager Y", "Dana Reyes", … */
  summary: v.string(),
  target: v.optional(v.object({ type: v.string(), id: v.string() })),
  details: v.optional(v.record(v.string(), v.unknown())),
  clientAddress: v.optional(v.string()),
});
export type AuditEntry = v.InferOutput<typeof AuditEntry>;
