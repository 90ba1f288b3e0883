import * as v from 'valibot';
import { Actor, Id, Page, Timestamp } from './common.js';
import { Attachment } from './uploads.js';
import {
  DAY_PARTS,
  EXTERNAL_ID,
  MAX_PREFERRED_WINDOWS,
  MAX_SITES,
  MAX_SYSTEMS_PER_SITE,
  MAX_WORK_ORDER_PHOTOS,
  SYSTEM_KINDS,
  WORK_ORDER_KINDS,
  WORK_ORDER_NOTE_MAX,
  WORK_ORDER_REQUEST_TYPES,
  WORK_ORDER_STATUSES,
} from '../work-order-labels.js';

/**
 * Work orders: a client asks for service on one alarm system of one of the account's sites (or
 * sends a general service / authorization request), and watches the technician go from
 * scheduled to completed. The dealer's systems keep the account's sites and systems in sync
 * (PUT /v1/admin/accounts/:accountId/sites) and report each status (POST
 * /v1/admin/work-orders/:workOrderId/status). Words and rules the browser needs too are in
 * `work-order-labels.ts`.
 */

const ExternalId = (what: string) =>
  v.pipe(v.string(`Give the ${what} id.`), v.regex(EXTERNAL_ID, `The ${what} id is 1 to 64 letters, digits, "_", "." or "-", starting with a letter or digit.`));
const Name = v.pipe(v.string('Enter a name.'), v.trim(), v.minLength(1, 'Enter a name.'), v.maxLength(120, 'Use at most 120 characters.'));
const Line = v.pipe(v.string(), v.trim(), v.maxLength(300, 'Use at most 300 characters.'), v.regex(/^[^\p{Cc}]*$/u, 'Use a single line.'));

// ---- sites and systems (synced from the dealer) ---------------------------------------------

export const SystemKindSchema = v.picklist(SYSTEM_KINDS, `The kind is one of: ${SYSTEM_KINDS.join(', ')}.`);

/** One alarm system of a site (a panel, a fire system, cameras …). */
export const SiteSystem = v.object({ id: v.string(), name: v.string(), kind: SystemKindSchema });
export type SiteSystem = v.InferOutput<typeof SiteSystem>;

/** A site of an account (a building, a property), with its systems. Ids are the dealer's own. */
export const Site = v.object({
  id: v.string(),
  name: v.string(),
  /** One line, as the dealer's system has it; null when none. */
  address: v.nullable(v.string()),
  systems: v.array(SiteSystem),
});
export type Site = v.InferOutput<typeof Site>;

/** GET /v1/sites and the admin GET / PUT: the account's sites, in the order the dealer gave them. */
export const SiteList = v.object({
  items: v.array(Site),
  /** When the sites last changed (null: never synced). */
  updatedAt: v.nullable(Timestamp),
});
export type SiteList = v.InferOutput<typeof SiteList>;

const SystemInput = v.strictObject({
  id: ExternalId('system'),
  name: Name,
  /** Default "other". */
  kind: v.optional(SystemKindSchema, 'other'),
});

const SiteInput = v.strictObject({
  id: ExternalId('site'),
  name: Name,
  address: v.optional(v.nullable(Line), null),
  systems: v.optional(v.pipe(v.array(SystemInput), v.maxLength(MAX_SYSTEMS_PER_SITE, `A site has at most ${MAX_SYSTEMS_PER_SITE} systems.`)), []),
});

/**
 * PUT /v1/admin/accounts/:accountId/sites: the account's sites and systems, all at once
 * (idempotent: the same body again changes nothing). Site ids are unique in the account,
 * system ids unique in their site.
 */
export const PutSitesRequest = v.strictObject({
  items: v.pipe(v.array(SiteInput), v.maxLength(MAX_SITES, `An account has at most ${MAX_SITES} sites.`)),
});
export type PutSitesRequest = v.InferInput<typeof PutSitesRequest>;

// ---- work orders ------------------------------------------------------------------------------

export const WorkOrderStatusSchema = v.picklist(WORK_ORDER_STATUSES, `The status is one of: ${WORK_ORDER_STATUSES.join(', ')}.`);
export const WorkOrderKindSchema = v.picklist(WORK_ORDER_KINDS, 'The kind is "site" or "general".');
export const WorkOrderRequestTypeSchema = v.picklist(WORK_ORDER_REQUEST_TYPES, `The request type is one of: ${WORK_ORDER_REQUEST_TYPES.join(', ')}.`);
export const DayPartSchema = v.picklist(DAY_PARTS, `The part of the day is one of: ${DAY_PARTS.join(', ')}.`);

/** A day the client would like the technician to come. */
export const PreferredWindowSchema = v.object({ date: v.string(), part: DayPartSchema });

/** One step of the work order's progress, oldest first. */
export const WorkOrderTimelineEntry = v.object({
  status: WorkOrderStatusSchema,
  /** When it happened (the dealer's system says; for `submitted`, when the client sent it). */
  at: Timestamp,
  note: v.nullable(v.string()),
  by: Actor,
});
export type WorkOrderTimelineEntry = v.InferOutput<typeof WorkOrderTimelineEntry>;

export const WorkOrderSide = v.picklist(['client', 'dealer']);
export type WorkOrderSide = v.InferOutput<typeof WorkOrderSide>;

/** A note on the work order's thread: from the client's people or from the dealer. */
export const WorkOrderNote = v.object({
  id: Id,
  side: WorkOrderSide,
  author: Actor,
  at: Timestamp,
  body: v.string(),
});
export type WorkOrderNote = v.InferOutput<typeof WorkOrderNote>;

const Summary = {
  id: Id,
  /** Short human number, e.g. "WO-1001" (unique per dealer). */
  number: v.string(),
  accountId: Id,
  kind: WorkOrderKindSchema,
  /** The site and system as they were named when the order was sent; null for a general request. */
  site: v.nullable(v.object({ id: v.string(), name: v.string() })),
  system: v.nullable(v.object({ id: v.string(), name: v.string(), kind: SystemKindSchema })),
  requestType: WorkOrderRequestTypeSchema,
  /** What the client wrote. */
  note: v.string(),
  status: WorkOrderStatusSchema,
  /** When the current status began. */
  statusAt: Timestamp,
  createdAt: Timestamp,
  /** Who sent it ("admin X as manager Y" when a dealer emulated the login). */
  createdBy: Actor,
  updatedAt: Timestamp,
  /** The dealer system's id for this order, once its sync has given one. */
  externalRef: v.nullable(v.string()),
};

/** The whole work order. */
export const WorkOrder = v.object({
  ...Summary,
  photos: v.array(Attachment),
  preferredWindows: v.array(PreferredWindowSchema),
  timeline: v.array(WorkOrderTimelineEntry),
  notes: v.array(WorkOrderNote),
});
export type WorkOrder = v.InferOutput<typeof WorkOrder>;

/** A work order as lists show it. */
export const WorkOrderSummary = v.object({
  ...Summary,
  photoCount: v.number(),
  noteCount: v.number(),
  /** Who wrote the last note (null: no notes). */
  lastNoteSide: v.nullable(WorkOrderSide),
});
export type WorkOrderSummary = v.InferOutput<typeof WorkOrderSummary>;

/** GET /v1/work-orders: newest first. */
export const WorkOrderPage = Page(WorkOrderSummary);
export type WorkOrderPage = v.InferOutput<typeof WorkOrderPage>;

/** The back office's list also names the account. */
export const AdminWorkOrderSummary = v.object({ ...WorkOrderSummary.entries, accountName: v.string() });
export type AdminWorkOrderSummary = v.InferOutput<typeof AdminWorkOrderSummary>;
export const AdminWorkOrderPage = Page(AdminWorkOrderSummary);
export type AdminWorkOrderPage = v.InferOutput<typeof AdminWorkOrderPage>;

/** Query of GET /v1/work-orders (the back office's adds `accountId`). */
export const WorkOrderQuery = v.strictObject({
  /** open (default): not completed or cancelled; closed: completed or cancelled; all. */
  status: v.optional(v.picklist(['open', 'closed', 'all'], 'The status filter is "open", "closed" or "all".')),
  limit: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'The limit is a number from 1 to 100.'), v.transform(Number), v.minValue(1, 'The limit is a number from 1 to 100.'), v.maxValue(100, 'The limit is a number from 1 to 100.')),
  ),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(500, 'The cursor is not valid.'))),
});
export type WorkOrderQuery = v.InferInput<typeof WorkOrderQuery>;
export const AdminWorkOrderQuery = v.strictObject({ ...WorkOrderQuery.entries, accountId: v.optional(Id) });
export type AdminWorkOrderQuery = v.InferInput<typeof AdminWorkOrderQuery>;

const NoteText = (empty: string) =>
  v.pipe(
    v.string(empty),
    v.transform((s) => s.replace(/\r\n?/g, '\n')),
    v.trim(),
    v.minLength(1, empty),
    v.maxLength(WORK_ORDER_NOTE_MAX, `Use at most ${WORK_ORDER_NOTE_MAX} characters.`),
  );

/**
 * POST /v1/work-orders (`work-orders.submit`). A `site` order names a site of the account and a
 * system of that site; a `general` one names neither. Photos are ids of files uploaded first
 * (POST /v1/uploads). Preferred windows are checked against the server's clock with
 * `preferredWindowErrors`; site and system against the account's synced sites.
 */
export const CreateWorkOrderRequest = v.strictObject({
  /** Default "site". */
  kind: v.optional(WorkOrderKindSchema, 'site'),
  siteId: v.optional(ExternalId('site')),
  systemId: v.optional(ExternalId('system')),
  requestType: WorkOrderRequestTypeSchema,
  note: NoteText('Describe what you need.'),
  photos: v.optional(v.pipe(v.array(Id, 'Attach photos by uploading them first.'), v.maxLength(MAX_WORK_ORDER_PHOTOS, `Attach at most ${MAX_WORK_ORDER_PHOTOS} photos.`)), []),
  preferredWindows: v.optional(
    v.pipe(
      v.array(v.strictObject({ date: v.string('Enter a date as YYYY-MM-DD.'), part: v.optional(DayPartSchema, 'any') })),
      v.maxLength(MAX_PREFERRED_WINDOWS, `Give at most ${MAX_PREFERRED_WINDOWS} preferred times.`),
    ),
    [],
  ),
});
export type CreateWorkOrderRequest = v.InferInput<typeof CreateWorkOrderRequest>;

/** POST /v1/work-orders/:workOrderId/notes (`work-orders.submit`) and the back office's. */
export const WorkOrderNoteRequest = v.strictObject({ body: NoteText('Write a note.') });
export type WorkOrderNoteRequest = v.InferInput<typeof WorkOrderNoteRequest>;

/** The statuses the dealer's systems report (a work order starts `submitted`). */
export const REPORTED_WORK_ORDER_STATUSES = WORK_ORDER_STATUSES.filter((s) => s !== 'submitted');

/**
 * POST /v1/admin/work-orders/:workOrderId/status: what the dealer's system says happened.
 * Forward only (statuses may be skipped; `cancelled` while open; nothing after `completed` or
 * `cancelled`), `at` never earlier than the last step. Idempotent: an update equal to a step
 * already on the timeline (same status and moment), or the current status again, adds nothing.
 */
export const WorkOrderStatusUpdate = v.strictObject({
  status: v.picklist(REPORTED_WORK_ORDER_STATUSES, `The status is one of: ${REPORTED_WORK_ORDER_STATUSES.join(', ')}.`),
  at: v.pipe(
    v.string('Give the moment as an ISO 8601 timestamp, e.g. 2026-11-23T14:05:00Z.'),
    v.isoTimestamp('Give the moment as an ISO 8601 timestamp, e.g. 2026-11-23T14:05:00Z.'),
    v.check((s) => !Number.isNaN(Date.parse(s)), 'This is not a real moment in time.'),
    v.transform((s) => new Date(s).toISOString()),
  ),
  note: v.optional(v.pipe(v.string(), v.transform((s) => s.replace(/\r\n?/g, '\n')), v.trim(), v.maxLength(WORK_ORDER_NOTE_MAX, `Use at most ${WORK_ORDER_NOTE_MAX} characters.`))),
  externalRef: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^[\x21-\x7e][\x20-\x7e]{0,99}$/, 'The reference is 1 to 100 printable ASCII characters.'))),
});
export type WorkOrderStatusUpdate = v.InferInput<typeof WorkOrderStatusUpdate>;

// ---- the dealer's events feed -----------------------------------------------------------------

/** `work-order.created`: a client sent a work order (the order as sent). */
export const WorkOrderCreatedEvent = v.object({
  id: Id,
  at: Timestamp,
  type: v.literal('work-order.created'),
  accountId: Id,
  workOrder: WorkOrder,
});
/** `work-order.note-added`: a client added a note (the note, and the order as it is now). */
export const WorkOrderNoteAddedEvent = v.object({
  id: Id,
  at: Timestamp,
  type: v.literal('work-order.note-added'),
  accountId: Id,
  workOrder: WorkOrder,
  note: WorkOrderNote,
});
export type WorkOrderCreatedEvent = v.InferOutput<typeof WorkOrderCreatedEvent>;
export type WorkOrderNoteAddedEvent = v.InferOutput<typeof WorkOrderNoteAddedEvent>;
