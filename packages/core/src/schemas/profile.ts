import * as v from 'valibot';
import { Email, Id, PasswordInput, PersonName, Timestamp } from './common.js';
import { Address, Phone } from './account.js';
import { WorkOrderCreatedEvent, WorkOrderNoteAddedEvent } from './work-orders.js';
import { TicketSyncEvent } from './tickets.js';

/** The signed-in user's own contact details (GET /v1/profile). */
export const Profile = v.object({
  userId: Id,
  username: v.string(),
  name: v.string(),
  /** The login's email (where reset links go). */
  email: v.nullable(v.string()),
  /** A new email waiting for its confirmation link to be used; null when none. */
  pendingEmail: v.nullable(v.string()),
  phone: v.nullable(v.string()),
  mailingAddress: v.nullable(Address),
  billingAddress: v.nullable(Address),
  /** When true the account's (company) address is used and the personal addresses are not needed. */
  useCompanyAddress: v.boolean(),
  /** The account's address, set by the dealer (read-only here); null when the dealer has none. */
  companyAddress: v.nullable(Address),
  updatedAt: Timestamp,
});
export type Profile = v.InferOutput<typeof Profile>;

/**
 * PATCH /v1/profile: only what changes. Changing `email` or `phone` needs `currentPassword`
 * (and is refused while a dealer emulates the user); a new email waits for its confirmation.
 */
export const UpdateProfileRequest = v.strictObject({
  name: v.optional(PersonName),
  phone: v.optional(v.nullable(v.pipe(v.string('Enter a phone number.'), Phone))),
  email: v.optional(v.pipe(v.string('Enter an email address.'), Email)),
  mailingAddress: v.optional(v.nullable(Address)),
  billingAddress: v.optional(v.nullable(Address)),
  useCompanyAddress: v.optional(v.boolean('Expected true or false.')),
  currentPassword: v.optional(PasswordInput),
});
export type UpdateProfileRequest = v.InferInput<typeof UpdateProfileRequest>;

/** The answer to PATCH /v1/profile: the profile, and whether a confirmation link was sent. */
export const UpdateProfileResponse = v.object({
  profile: Profile,
  /** The new address a confirmation link was sent to, or null. */
  confirmationSentTo: v.nullable(v.string()),
});
export type UpdateProfileResponse = v.InferOutput<typeof UpdateProfileResponse>;

/** POST /v1/profile/email/confirm: the secret from `#porchlight-confirm-email=…`. */
export const ConfirmEmailRequest = v.strictObject({
  token: v.pipe(v.string('The link is missing its code.'), v.trim(), v.maxLength(200)),
});
export type ConfirmEmailRequest = v.InferInput<typeof ConfirmEmailRequest>;

export const ConfirmEmailResponse = v.object({ ok: v.literal(true), email: v.string(), message: v.string() });
export type ConfirmEmailResponse = v.InferOutput<typeof ConfirmEmailResponse>;

/** One field of a contact change, as the dealer's systems see it. */
export const ContactChange = v.object({
  field: v.string(),
  from: v.nullable(v.string()),
  to: v.nullable(v.string()),
});
export type ContactChange = v.InferOutput<typeof ContactChange>;

/** `contact.changed`: a client changed their contact details. */
export const ContactChangedEvent = v.object({
  id: Id,
  at: Timestamp,
  type: v.literal('contact.changed'),
  accountId: Id,
  userId: Id,
  changes: v.array(ContactChange),
});
export type ContactChangedEvent = v.InferOutput<typeof ContactChangedEvent>;

/** What the dealer's systems pick up through GET /v1/admin/events (oldest first): one kind per `type`. */
export const SyncEvent = v.variant('type', [
  ContactChangedEvent,
  WorkOrderCreatedEvent,
  WorkOrderNoteAddedEvent,
  TicketSyncEvent,
]);
export type SyncEvent = v.InferOutput<typeof SyncEvent>;

export const EventsPage = v.object({ items: v.array(SyncEvent), cursor: v.nullable(v.string()) });
export type EventsPage = v.InferOutput<typeof EventsPage>;

export const EventsQuery = v.strictObject({
  limit: v.optional(v.pipe(v.string(), v.transform(Number), v.integer('limit is a whole number.'), v.minValue(1, 'limit is at least 1.'), v.maxValue(500, 'limit is at most 500.'))),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(400))),
});
