import * as v from 'valibot';
import { Actor, Id, Page, Timestamp } from './common.js';

/**
 * Messages from the dealer: private ones to one account, and broadcast news to every account
 * of the dealer. Each says when and by whom it was added, and may have a "valid until" after
 * which the portal no longer shows it (the back office still lists it, flagged as expired).
 */

/** The most messages the portal answers with (newest first; older ones are left out). */
export const MAX_PORTAL_MESSAGES = 100;
export const MESSAGE_TITLE_MAX = 200;
export const MESSAGE_BODY_MAX = 5000;

export const MessageImportance = v.picklist(['normal', 'important'], 'Importance is "normal" or "important".');
export type MessageImportance = v.InferOutput<typeof MessageImportance>;

/** `private`: to one account; `broadcast`: news to every account of the dealer. */
export const MessageKind = v.picklist(['private', 'broadcast']);
export type MessageKind = v.InferOutput<typeof MessageKind>;

/** A message as stored and as the back office sees it. */
export const Message = v.object({
  id: Id,
  dealerId: v.string(),
  /** The account of a private message; null for broadcast news. */
  accountId: v.nullable(Id),
  title: v.string(),
  /** Plain text (never HTML); line breaks are kept. */
  body: v.string(),
  addedAt: Timestamp,
  /** The dealer admin who added it. */
  addedBy: Actor,
  /** Not shown in the portal from this moment on; null: no end. */
  validUntil: v.nullable(Timestamp),
  importance: MessageImportance,
  updatedAt: Timestamp,
  updatedBy: Actor,
});
export type Message = v.InferOutput<typeof Message>;

/** The back office's view of a message: its kind, and whether it is past its valid-until. */
export const AdminMessage = v.object({
  ...Message.entries,
  kind: MessageKind,
  expired: v.boolean(),
});
export type AdminMessage = v.InferOutput<typeof AdminMessage>;

export const AdminMessagePage = Page(AdminMessage);
export type AdminMessagePage = v.InferOutput<typeof AdminMessagePage>;

/** A message as a signed-in portal user sees it, with whether this user has read it. */
export const PortalMessage = v.object({
  id: Id,
  kind: MessageKind,
  title: v.string(),
  body: v.string(),
  addedAt: Timestamp,
  addedBy: Actor,
  validUntil: v.nullable(Timestamp),
  importance: MessageImportance,
  read: v.boolean(),
});
export type PortalMessage = v.InferOutput<typeof PortalMessage>;

/**
 * GET /v1/messages: the account's private messages and the dealer's broadcast news that are
 * still valid, newest first, at most MAX_PORTAL_MESSAGES (100).
 */
export const PortalMessageList = v.object({ items: v.array(PortalMessage) });
export type PortalMessageList = v.InferOutput<typeof PortalMessageList>;

const Title = v.pipe(
  v.string('Enter a title.'),
  v.trim(),
  v.minLength(1, 'Enter a title.'),
  v.maxLength(MESSAGE_TITLE_MAX, `Use at most ${MESSAGE_TITLE_MAX} characters.`),
);
const Body = v.pipe(
  v.string('Enter the message.'),
  v.trim(),
  v.minLength(1, 'Enter the message.'),
  v.maxLength(MESSAGE_BODY_MAX, `Use at most ${MESSAGE_BODY_MAX} characters.`),
);
/** An ISO 8601 timestamp (stored in UTC); null: no end. Must be in the future when a message is added. */
const ValidUntil = v.nullable(
  v.pipe(
    v.string('Give "valid until" as an ISO 8601 timestamp, or null.'),
    v.isoTimestamp('Give "valid until" as an ISO 8601 timestamp, e.g. 2026-12-31T23:00:00Z.'),
    v.check((s) => !Number.isNaN(Date.parse(s)), 'This is not a real moment in time.'),
    v.transform((s) => new Date(s).toISOString()),
  ),
);

export const CreateMessageRequest = v.strictObject({
  title: Title,
  body: Body,
  /** Default null (no end). */
  validUntil: v.optional(ValidUntil),
  /** Default "normal". */
  importance: v.optional(MessageImportance),
});
export type CreateMessageRequest = v.InferInput<typeof CreateMessageRequest>;

/** Any of the fields; a "valid until" in the past withdraws the message from the portal. */
export const UpdateMessageRequest = v.strictObject({
  title: v.optional(Title),
  body: v.optional(Body),
  validUntil: v.optional(ValidUntil),
  importance: v.optional(MessageImportance),
});
export type UpdateMessageRequest = v.InferInput<typeof UpdateMessageRequest>;
