import * as v from 'valibot';
import { Actor, Id, Page, Timestamp } from './common.js';
import { Attachment } from './uploads.js';
import {
  LONG_TEXT_FIELD_MAX,
  MAX_FILES_PER_FIELD,
  MAX_REQUEST_FIELDS,
  MAX_REQUEST_TYPES,
  REQUEST_FIELD_KINDS,
  REQUEST_TYPE_ID,
} from '../ticket-fields.js';

/**
 * Support tickets: a client opens a "support request" of one of the dealer's request types
 * (each with its own fields, see `ticket-fields.ts`); the dealer's support staff reply in the
 * back office, may propose an estimate the client approves or declines, and complete it.
 * Everyone on the thread is emailed: staff replies go to the ticket's author and subscribers
 * (other users of the same account); client replies go to the dealer.
 */

export const TICKET_SUBJECT_MAX = 200;
export const TICKET_REPLY_MAX = 10_000;
/** The most subscribers (besides the author) one ticket has. */
export const MAX_TICKET_SUBSCRIBERS = 20;
/** The most entries (replies, estimates, status changes) one ticket's thread keeps. */
export const MAX_TICKET_ENTRIES = 500;
export const TICKET_PAGE_SIZE = 20;

const Slug = (what: string) => v.pipe(v.string(`Give the ${what} id.`), v.regex(REQUEST_TYPE_ID, 'Use 1 to 40 lower-case letters, digits, "-" or "_", starting with a letter or digit.'));
const Label = v.pipe(v.string('Enter a label.'), v.trim(), v.minLength(1, 'Enter a label.'), v.maxLength(120, 'Use at most 120 characters.'));

export const RequestFieldSchema = v.strictObject({
  id: Slug('field'),
  label: Label,
  kind: v.picklist(REQUEST_FIELD_KINDS, `The kind is one of: ${REQUEST_FIELD_KINDS.join(', ')}.`),
  required: v.optional(v.boolean(), false),
  help: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(300, 'Use at most 300 characters.'))),
  options: v.optional(v.array(v.pipe(v.string(), v.trim(), v.minLength(1, 'An option cannot be empty.'), v.maxLength(100, 'Use at most 100 characters.')))),
  maxLength: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(LONG_TEXT_FIELD_MAX))),
});

export const RequestTypeSchema = v.strictObject({
  id: Slug('request type'),
  label: Label,
  description: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500, 'Use at most 500 characters.'))),
  active: v.optional(v.boolean(), true),
  fields: v.pipe(v.array(RequestFieldSchema), v.maxLength(MAX_REQUEST_FIELDS, `Use at most ${MAX_REQUEST_FIELDS} fields.`)),
});

/**
 * PUT /v1/admin/request-types: the dealer's request types, all at once (the server also runs
 * `checkRequestTypes`). GET answers the same shape; GET /v1/tickets/request-types only the
 * active ones.
 */
export const RequestTypeList = v.strictObject({
  items: v.pipe(v.array(RequestTypeSchema), v.maxLength(MAX_REQUEST_TYPES, `Offer at most ${MAX_REQUEST_TYPES} request types.`)),
});
export type RequestTypeList = v.InferOutput<typeof RequestTypeList>;
export type RequestTypeListInput = v.InferInput<typeof RequestTypeList>;

export const TICKET_STATUSES = ['open', 'completed'] as const;
export const TicketStatus = v.picklist(TICKET_STATUSES, 'The status is "open" or "completed".');
export type TicketStatus = v.InferOutput<typeof TicketStatus>;

/** One answer of the form, kept with its label so later edits of the request type do not change old tickets. */
export const TicketField = v.object({
  id: v.string(),
  label: v.string(),
  kind: v.picklist(REQUEST_FIELD_KINDS),
  /** Text answer ('' for a `file` field). */
  value: v.string(),
  /** `file` fields: the files. */
  attachments: v.optional(v.array(Attachment)),
});
export type TicketField = v.InferOutput<typeof TicketField>;

/** Which side wrote: the client's people or the dealer's support staff. */
export const TicketSide = v.picklist(['client', 'dealer']);
export type TicketSide = v.InferOutput<typeof TicketSide>;

export const ESTIMATE_STATUSES = ['proposed', 'approved', 'declined', 'withdrawn'] as const;
export const EstimateStatus = v.picklist(ESTIMATE_STATUSES);
export type EstimateStatus = v.InferOutput<typeof EstimateStatus>;

/** An estimate staff proposed inside a ticket. Amounts are integer cents. */
export const Estimate = v.object({
  amountCents: v.number(),
  /** ISO 4217, upper case (e.g. "USD"). */
  currency: v.string(),
  description: v.string(),
  status: EstimateStatus,
  decidedAt: v.nullable(Timestamp),
  decidedBy: v.nullable(Actor),
  /** What the client wrote when deciding (optional). */
  decisionNote: v.nullable(v.string()),
});
export type Estimate = v.InferOutput<typeof Estimate>;

/** One entry of a ticket's thread, oldest first. */
export const TicketEntry = v.object({
  id: Id,
  kind: v.picklist(['reply', 'estimate', 'status']),
  side: TicketSide,
  at: Timestamp,
  author: Actor,
  /** Reply text; the estimate's description; for a status entry, e.g. "Marked completed". */
  body: v.string(),
  attachments: v.array(Attachment),
  /** `estimate` entries only. */
  estimate: v.optional(Estimate),
  /** `status` entries only: the status it set. */
  status: v.optional(TicketStatus),
});
export type TicketEntry = v.InferOutput<typeof TicketEntry>;

/** A ticket's summary, as lists show it. */
export const TicketSummary = v.object({
  id: Id,
  accountId: Id,
  /** Short human number, e.g. "T-1042" (unique per dealer). */
  number: v.string(),
  subject: v.string(),
  requestType: v.object({ id: v.string(), label: v.string() }),
  status: TicketStatus,
  createdAt: Timestamp,
  createdBy: Actor,
  updatedAt: Timestamp,
  /** Who wrote last: "dealer" means the client has something to read. */
  lastSide: TicketSide,
  entryCount: v.number(),
  /** An estimate waits for the client's decision. */
  estimatePending: v.boolean(),
});
export type TicketSummary = v.InferOutput<typeof TicketSummary>;

/** A person of the account, as the ticket shows them (no email or username). */
export const TicketPerson = v.object({ id: Id, name: v.string() });
export type TicketPerson = v.InferOutput<typeof TicketPerson>;

/** The whole ticket: its form answers, subscribers and thread. */
export const Ticket = v.object({
  ...TicketSummary.entries,
  fields: v.array(TicketField),
  /** Users of the account notified besides the author. */
  subscribers: v.array(TicketPerson),
  entries: v.array(TicketEntry),
});
export type Ticket = v.InferOutput<typeof Ticket>;

/** GET /v1/tickets and GET /v1/admin/tickets: newest first. */
export const TicketPage = Page(TicketSummary);
export type TicketPage = v.InferOutput<typeof TicketPage>;

/** The back office's list also names the account. */
export const AdminTicketSummary = v.object({ ...TicketSummary.entries, accountName: v.string() });
export type AdminTicketSummary = v.InferOutput<typeof AdminTicketSummary>;
export const AdminTicketPage = Page(AdminTicketSummary);
export type AdminTicketPage = v.InferOutput<typeof AdminTicketPage>;

/** GET /v1/tickets/people: the account's active users a ticket can be shared with. */
export const TicketPeople = v.object({ items: v.array(TicketPerson) });
export type TicketPeople = v.InferOutput<typeof TicketPeople>;

const Cursor = v.optional(v.pipe(v.string(), v.maxLength(500, 'The cursor is not valid.')));

/** Query of GET /v1/tickets (and the back office's, which adds `accountId`). */
export const TicketQuery = v.strictObject({
  /** Default "open". */
  status: v.optional(v.picklist(['open', 'completed', 'all'], 'The status filter is "open", "completed" or "all".')),
  /** Words the subject contains (any case or accent). */
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, 'Search with at most 100 characters.'))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'The limit is a number from 1 to 100.'), v.transform(Number), v.minValue(1, 'The limit is a number from 1 to 100.'), v.maxValue(100, 'The limit is a number from 1 to 100.'))),
  cursor: Cursor,
});
export type TicketQuery = v.InferInput<typeof TicketQuery>;
export const AdminTicketQuery = v.strictObject({ ...TicketQuery.entries, accountId: v.optional(Id) });
export type AdminTicketQuery = v.InferInput<typeof AdminTicketQuery>;

const Subject = v.pipe(v.string('Enter a subject.'), v.trim(), v.minLength(1, 'Enter a subject.'), v.maxLength(TICKET_SUBJECT_MAX, `Use at most ${TICKET_SUBJECT_MAX} characters.`));
const ReplyBody = v.pipe(v.string('Write a reply.'), v.trim(), v.maxLength(TICKET_REPLY_MAX, `Use at most ${TICKET_REPLY_MAX} characters.`));
const UploadIds = v.pipe(v.array(Id, 'Attach files by uploading them first.'), v.maxLength(MAX_FILES_PER_FIELD, `Attach at most ${MAX_FILES_PER_FIELD} files.`));

/**
 * POST /v1/tickets. `fields` are checked against the request type with `checkFieldValues`;
 * `file` answers and `attachments` name uploads of the same user.
 */
export const CreateTicketRequest = v.strictObject({
  requestType: Slug('request type'),
  subject: Subject,
  fields: v.optional(v.record(v.string(), v.unknown()), {}),
  /** Users of the same account to notify too. */
  subscribers: v.optional(v.pipe(v.array(Id), v.maxLength(MAX_TICKET_SUBSCRIBERS, `Add at most ${MAX_TICKET_SUBSCRIBERS} people.`)), []),
});
export type CreateTicketRequest = v.InferInput<typeof CreateTicketRequest>;

/** POST /v1/tickets/:ticketId/replies (and the back office's): text, files, or both. */
export const TicketReplyRequest = v.strictObject({
  body: v.optional(ReplyBody, ''),
  attachments: v.optional(UploadIds, []),
});
export type TicketReplyRequest = v.InferInput<typeof TicketReplyRequest>;

/** The back office's reply may also complete or reopen the ticket. */
export const AdminTicketReplyRequest = v.strictObject({ ...TicketReplyRequest.entries, status: v.optional(TicketStatus) });
export type AdminTicketReplyRequest = v.InferInput<typeof AdminTicketReplyRequest>;

/** PUT /v1/tickets/:ticketId/subscribers: the whole list (users of the same account). */
export const TicketSubscribersRequest = v.strictObject({
  userIds: v.pipe(v.array(Id), v.maxLength(MAX_TICKET_SUBSCRIBERS, `Add at most ${MAX_TICKET_SUBSCRIBERS} people.`)),
});
export type TicketSubscribersRequest = v.InferInput<typeof TicketSubscribersRequest>;

/** POST /v1/tickets/:ticketId/status (client: complete or reopen their ticket); PATCH in the back office. */
export const TicketStatusRequest = v.strictObject({ status: TicketStatus });
export type TicketStatusRequest = v.InferInput<typeof TicketStatusRequest>;

/** POST /v1/admin/tickets/:ticketId/estimates. */
export const CreateEstimateRequest = v.strictObject({
  amountCents: v.pipe(v.number('Give the amount in cents.'), v.integer('Give the amount in whole cents.'), v.minValue(1, 'The amount must be more than zero.'), v.maxValue(100_000_000_00, 'The amount is too large.')),
  currency: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'Use a three-letter currency code such as USD.')), 'USD'),
  description: v.pipe(v.string('Describe the work.'), v.trim(), v.minLength(1, 'Describe the work.'), v.maxLength(2000, 'Use at most 2000 characters.')),
});
export type CreateEstimateRequest = v.InferInput<typeof CreateEstimateRequest>;

/** POST /v1/tickets/:ticketId/estimates/:entryId/decision. */
export const EstimateDecisionRequest = v.strictObject({
  decision: v.picklist(['approve', 'decline'], 'The decision is "approve" or "decline".'),
  note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(1000, 'Use at most 1000 characters.'))),
});
export type EstimateDecisionRequest = v.InferInput<typeof EstimateDecisionRequest>;


// ---- the dealer's events feed -----------------------------------------------------------------

/** What a client did on a ticket that the dealer's systems pick up through GET /v1/admin/events. */
export const TICKET_EVENT_TYPES = ['ticket.created', 'ticket.replied', 'ticket.estimate-approved', 'ticket.estimate-declined'] as const;

/**
 * `ticket.created`, `ticket.replied`, `ticket.estimate-approved`, `ticket.estimate-declined`:
 * which ticket (read it whole with GET /v1/admin/tickets/:ticketId), who, and for a reply or
 * decision the thread entry; a decision also carries the estimate's amount.
 */
export const TicketSyncEvent = v.object({
  id: Id,
  at: Timestamp,
  type: v.picklist(TICKET_EVENT_TYPES),
  accountId: Id,
  /** The user who acted (also when a dealer admin emulated them). */
  userId: Id,
  ticketId: Id,
  ticketNumber: v.string(),
  subject: v.string(),
  /** The reply or estimate entry; null for `ticket.created`. */
  entryId: v.nullable(Id),
  /** Decisions only: the estimate's amount. */
  estimate: v.nullable(v.object({ amountCents: v.number(), currency: v.string() })),
});
export type TicketSyncEvent = v.InferOutput<typeof TicketSyncEvent>;
