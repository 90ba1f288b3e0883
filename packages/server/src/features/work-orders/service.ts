import * as v from 'valibot';
import {
  effectiveGrants,
  isOpenWorkOrderStatus,
  MAX_TTL_SECONDS,
  MAX_WORK_ORDER_NOTES,
  newId,
  PorchlightError,
  preferredWindowErrors,
  StoreConflictError,
  WORK_ORDER_PAGE_SIZE,
  WORK_ORDER_REQUEST_TYPE_LABELS,
  WORK_ORDER_STATUS_LABELS,
  workOrderTransitionError,
  type Actor,
  type AdminWorkOrderPage,
  type AdminWorkOrderSummary,
  type CreateWorkOrderRequest,
  type FieldErrors,
  type PutSitesRequest,
  type Site,
  type SiteList,
  type WorkOrder,
  type WorkOrderNote,
  type WorkOrderPage,
  type WorkOrderQuery,
  type WorkOrderStatus,
  type WorkOrderStatusUpdate,
  type WorkOrderSummary,
} from '@porchlight/core';
import type { Deps, PortalAuth } from '../../context.js';
import { audit } from '../../audit/audit.js';
import { hitLimit } from '../../http/rate-limit.js';
import type { Dealer } from '../../options.js';
import { portalActor } from '../../sessions/sessions.js';
import { keys } from '../../store/keys.js';
import { scanFiltered } from '../../store/scan.js';
import { updateRecord } from '../../store/update.js';
import type { AccountRecord } from '../accounts/records.js';
import { getUser } from '../accounts/service.js';
import { mailDealer, portalLinkBase } from '../auth/service.js';
import { appendEvent } from '../events/service.js';
import { claimUploads, readAttachment } from '../uploads/service.js';

export type CreateWorkOrderInput = v.InferOutput<typeof CreateWorkOrderRequest>;
export type StatusUpdateInput = v.InferOutput<typeof WorkOrderStatusUpdate>;
export type PutSitesInput = v.InferOutput<typeof PutSitesRequest>;
type ListQuery = v.InferOutput<typeof WorkOrderQuery> & { accountId?: string | undefined };

/** A portal request: the dealer, the signed-in user, and where the request came from. */
export interface PortalScope {
  dealer: Dealer;
  auth: PortalAuth;
  clientAddress: string | undefined;
  /** Origin of the page that asked (already checked): links in emails fall back to it. */
  origin: string | undefined;
}

/** A back-office request. */
export interface AdminScope {
  dealer: Dealer;
  actor: Actor;
  clientAddress?: string | undefined;
}

type Background = (work: Promise<unknown>) => void;

/** The account's sites as stored: one record, replaced whole by the dealer's sync. */
interface SitesRecord {
  items: Site[];
  updatedAt: string | null;
}

/** The account index entry of a work order (the record itself is dealer-wide, found by id). */
interface AccountIndexEntry {
  workOrderId: string;
}

/** The most stored work orders one list request looks at, however few match the status filter. */
export const WORK_ORDER_SCAN_BUDGET = 1000;
/** How far a status update's moment may be ahead of the portal's clock, and behind a client's `submitted` step (clock skew). */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Statuses the client is emailed about. */
const EMAILED_STATUSES = ['dispatched', 'arrived', 'completed'] as const;
type EmailedStatus = (typeof EMAILED_STATUSES)[number];

const iso = (deps: Deps) => new Date(deps.now()).toISOString();
const statusLabel = (s: WorkOrderStatus) => WORK_ORDER_STATUS_LABELS[s];
const notFound = () => new PorchlightError('NOT_FOUND', 'No such work order.');

// ---- sites (synced by the dealer) -------------------------------------------------------------

async function readSites(deps: Deps, dealerId: string, accountId: string) {
  return deps.store.get<SitesRecord>(keys.sites(dealerId, accountId));
}

/** The account's sites and systems, in the order the dealer's sync gave them. */
export async function getSites(deps: Deps, dealerId: string, accountId: string): Promise<SiteList> {
  const found = await readSites(deps, dealerId, accountId);
  return { items: found?.value.items ?? [], updatedAt: found?.value.updatedAt ?? null };
}

/** Site ids unique in the account, system ids unique in their site: field path -> what to fix. */
function siteListErrors(items: PutSitesInput['items']): FieldErrors {
  const errors: FieldErrors = {};
  const siteIds = new Set<string>();
  items.forEach((site, i) => {
    if (siteIds.has(site.id)) errors[`items.${i}.id`] = `Another site already uses the id "${site.id}".`;
    siteIds.add(site.id);
    const systemIds = new Set<string>();
    site.systems.forEach((system, j) => {
      if (systemIds.has(system.id)) errors[`items.${i}.systems.${j}.id`] = `Another system of "${site.name}" already uses the id "${system.id}".`;
      systemIds.add(system.id);
    });
  });
  return errors;
}

/**
 * Replaces the account's sites and systems (the dealer's sync). Idempotent: when nothing
 * differs from what is stored, nothing is written or audited and `updatedAt` stays. Work orders
 * already sent keep the site and system names they were sent with.
 */
export async function putSites(deps: Deps, scope: AdminScope, account: AccountRecord, input: PutSitesInput): Promise<SiteList> {
  const errors = siteListErrors(input.items);
  if (Object.keys(errors).length) throw new PorchlightError('VALIDATION_FAILED', 'Site and system ids must be unique.', { fields: errors });
  const items: Site[] = input.items.map((s) => ({
    id: s.id,
    name: s.name,
    address: s.address || null,
    systems: s.systems.map((y) => ({ id: y.id, name: y.name, kind: y.kind })),
  }));
  const key = keys.sites(scope.dealer.id, account.id);
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.store.get<SitesRecord>(key);
    if (current && JSON.stringify(current.value.items) === JSON.stringify(items)) return { items, updatedAt: current.value.updatedAt };
    const record: SitesRecord = { items, updatedAt: iso(deps) };
    try {
      await deps.store.put(key, record, { ifVersion: current ? current.version : null });
    } catch (error) {
      if (error instanceof StoreConflictError) continue;
      throw error;
    }
    const before = new Map((current?.value.items ?? []).map((s) => [s.id, JSON.stringify(s)]));
    const after = new Set(items.map((s) => s.id));
    const added = items.filter((s) => !before.has(s.id)).map((s) => s.id);
    const changed = items.filter((s) => before.has(s.id) && before.get(s.id) !== JSON.stringify(s)).map((s) => s.id);
    const removed = [...before.keys()].filter((id) => !after.has(id));
    const systems = items.reduce((n, s) => n + s.systems.length, 0);
    await audit(deps, {
      dealerId: scope.dealer.id,
      accountId: account.id,
      action: 'sites.synced',
      actor: scope.actor,
      summary: `${scope.actor.name} synced the sites of ${account.name}: ${items.length} site${items.length === 1 ? '' : 's'}, ${systems} system${systems === 1 ? '' : 's'}`,
      target: { type: 'account', id: account.id },
      details: { added, changed, removed },
      clientAddress: scope.clientAddress,
    });
    return record;
  }
  throw new PorchlightError('CONFLICT');
}

// ---- shapes ------------------------------------------------------------------------------------

/** The work order as the portal shows it: no dealer key or staff id behind an actor. */
function toPortal(wo: WorkOrder): WorkOrder {
  return {
    ...wo,
    createdBy: portalActor(wo.createdBy),
    timeline: wo.timeline.map((e) => ({ ...e, by: portalActor(e.by) })),
    notes: wo.notes.map((n) => ({ ...n, author: portalActor(n.author) })),
  };
}

function toSummary(wo: WorkOrder): WorkOrderSummary {
  return {
    id: wo.id,
    number: wo.number,
    accountId: wo.accountId,
    kind: wo.kind,
    site: wo.site,
    system: wo.system,
    requestType: wo.requestType,
    note: wo.note,
    status: wo.status,
    statusAt: wo.statusAt,
    createdAt: wo.createdAt,
    createdBy: wo.createdBy,
    updatedAt: wo.updatedAt,
    externalRef: wo.externalRef,
    photoCount: wo.photos.length,
    noteCount: wo.notes.length,
    lastNoteSide: wo.notes.at(-1)?.side ?? null,
  };
}

function statusFilter(status: ListQuery['status']): (wo: WorkOrder) => boolean {
  if (status === 'all') return () => true;
  if (status === 'closed') return (wo) => !isOpenWorkOrderStatus(wo.status);
  return (wo) => isOpenWorkOrderStatus(wo.status);
}

// ---- reading -----------------------------------------------------------------------------------

async function readWorkOrder(deps: Deps, dealerId: string, workOrderId: string) {
  return deps.store.get<WorkOrder>(keys.workOrder(dealerId, workOrderId));
}

/** A work order of `accountId` (NOT_FOUND for another account's, as for none). */
async function accountWorkOrder(deps: Deps, dealerId: string, accountId: string, workOrderId: string): Promise<WorkOrder> {
  const found = await readWorkOrder(deps, dealerId, workOrderId);
  if (!found || found.value.accountId !== accountId) throw notFound();
  return found.value;
}

/** One account's work orders through its index, newest first, filtered by status, paged. */
function scanAccount<R>(deps: Deps, dealerId: string, accountId: string, query: ListQuery, pick: (wo: WorkOrder) => R) {
  const matches = statusFilter(query.status);
  return scanFiltered<AccountIndexEntry, WorkOrder, R>(deps.store, keys.accountWorkOrders(dealerId, accountId), {
    reverse: true,
    limit: query.limit ?? WORK_ORDER_PAGE_SIZE,
    budget: WORK_ORDER_SCAN_BUDGET,
    cursor: query.cursor,
    load: async (items) => (await deps.store.getMany<WorkOrder>(items.map((i) => keys.workOrder(dealerId, i.value.workOrderId)))).map((f) => (f && f.value.accountId === accountId ? f.value : null)),
    pick: (wo) => (matches(wo) ? pick(wo) : undefined),
  });
}

/**
 * The account's work orders, newest first: `status` open (default), closed or all. A page may
 * hold fewer than `limit` items with a cursor (the scan has a budget); the cursor is null at the end.
 */
export async function listWorkOrders(deps: Deps, dealerId: string, accountId: string, query: ListQuery): Promise<WorkOrderPage> {
  return scanAccount(deps, dealerId, accountId, query, (wo) => toSummary(toPortal(wo)));
}

export async function getWorkOrder(deps: Deps, dealerId: string, accountId: string, workOrderId: string): Promise<WorkOrder> {
  return toPortal(await accountWorkOrder(deps, dealerId, accountId, workOrderId));
}

/** Every account's work orders (or one account's with `accountId`), newest first, each with its account's name. */
export async function listAdminWorkOrders(deps: Deps, dealerId: string, query: ListQuery): Promise<AdminWorkOrderPage> {
  const matches = statusFilter(query.status);
  const page = query.accountId
    ? await scanAccount(deps, dealerId, query.accountId, query, (wo) => wo)
    : await scanFiltered<WorkOrder, WorkOrder, WorkOrder>(deps.store, keys.workOrders(dealerId), {
        reverse: true,
        limit: query.limit ?? WORK_ORDER_PAGE_SIZE,
        budget: WORK_ORDER_SCAN_BUDGET,
        cursor: query.cursor,
        pick: (wo) => (matches(wo) ? wo : undefined),
      });
  const accountIds = [...new Set(page.items.map((wo) => wo.accountId))];
  const accounts = await deps.store.getMany<AccountRecord>(accountIds.map((id) => keys.account(dealerId, id)));
  const names = new Map(accountIds.map((id, i) => [id, accounts[i]?.value.name ?? '(removed account)']));
  const items: AdminWorkOrderSummary[] = page.items.map((wo) => ({ ...toSummary(wo), accountName: names.get(wo.accountId)! }));
  return { items, cursor: page.cursor };
}

export async function getAdminWorkOrder(deps: Deps, dealerId: string, workOrderId: string): Promise<WorkOrder> {
  const found = await readWorkOrder(deps, dealerId, workOrderId);
  if (!found) throw notFound();
  return found.value;
}

/** A photo of a work order with its bytes; `accountId` (the portal's) must own the order. */
export async function readPhoto(deps: Deps, dealerId: string, accountId: string | null, workOrderId: string, attachmentId: string) {
  const found = await readWorkOrder(deps, dealerId, workOrderId);
  if (!found || (accountId !== null && found.value.accountId !== accountId)) throw notFound();
  const wo = found.value;
  if (!wo.photos.some((p) => p.id === attachmentId)) throw new PorchlightError('NOT_FOUND', 'No such photo on this work order.');
  const { attachment, bytes } = await readAttachment(deps, { dealerId, accountId: wo.accountId, attachmentId, target: { type: 'work-order', id: wo.id } });
  return { filename: attachment.filename, contentType: attachment.contentType, bytes };
}

// ---- sending a work order ----------------------------------------------------------------------

/** The site and system a `site` order names (checked against the account's synced sites), or field errors. */
async function resolveSite(deps: Deps, dealerId: string, accountId: string, input: CreateWorkOrderInput, errors: FieldErrors) {
  if (input.kind === 'general') {
    if (input.siteId !== undefined) errors.siteId = 'A general request names no site. Send a site work order instead.';
    if (input.systemId !== undefined) errors.systemId = 'A general request names no system.';
    return { site: null, system: null };
  }
  if (input.siteId === undefined) errors.siteId = 'Choose the site.';
  if (input.systemId === undefined) errors.systemId = 'Choose the alarm system.';
  if (input.siteId === undefined || input.systemId === undefined) return { site: null, system: null };
  const sites = (await readSites(deps, dealerId, accountId))?.value.items ?? [];
  const site = sites.find((s) => s.id === input.siteId);
  if (!site) {
    errors.siteId = sites.length ? 'This account has no such site. Choose one of its sites.' : 'This account has no sites yet. Send a general request instead.';
    return { site: null, system: null };
  }
  const system = site.systems.find((y) => y.id === input.systemId);
  if (!system) {
    const elsewhere = sites.find((s) => s.systems.some((y) => y.id === input.systemId));
    errors.systemId = elsewhere ? `This system belongs to ${elsewhere.name}, not to ${site.name}.` : `${site.name} has no such system. Choose one of its systems.`;
    return { site: null, system: null };
  }
  return { site, system };
}

/** The portal page at one work order (`#porchlight-work-order=<id>`), or null when the dealer has no portal page. */
function workOrderLink(dealer: Dealer, workOrderId: string, origin?: string | undefined): string | null {
  const base = portalLinkBase(dealer, origin);
  return base ? `${base}#porchlight-work-order=${workOrderId}` : null;
}

/**
 * Sends a work order for the signed-in user's account (`work-orders.submit`, checked by the
 * route). Everything is checked before anything is used up: the fields, preferred windows
 * against the server's clock, the site and system against the account's synced sites; then the
 * photos are claimed (uploads of this user) and the dealer's per-dealer number taken. Audited,
 * added to the events feed, and emailed (dealer and the client) in the background.
 */
export async function createWorkOrder(deps: Deps, scope: PortalScope, input: CreateWorkOrderInput, background: Background): Promise<WorkOrder> {
  const { dealer, auth } = scope;
  const now = deps.now();
  const errors: FieldErrors = preferredWindowErrors(input.preferredWindows, now);
  const { site, system } = await resolveSite(deps, dealer.id, auth.account.id, input, errors);
  if (Object.keys(errors).length) throw new PorchlightError('VALIDATION_FAILED', undefined, { fields: errors });
  await hitLimit(deps, 'workOrderUser', `${dealer.id}:${auth.account.id}:${auth.user.id}`);

  const id = newId(now);
  const photos = await claimUploads(deps, {
    dealerId: dealer.id,
    accountId: auth.account.id,
    owner: { userId: auth.user.id },
    ids: input.photos,
    target: { type: 'work-order', id },
    fieldOf: (photoId) => `photos.${input.photos.indexOf(photoId)}`,
  });
  // `increment` only has fixed-window counters (made for rate limits): with the longest TTL a
  // store accepts (100 years) the window never ends, so the count never restarts and numbers stay unique.
  const count = await deps.store.increment(keys.workOrderCounter(dealer.id), { ttl: MAX_TTL_SECONDS });
  const at = new Date(now).toISOString();
  const wo: WorkOrder = {
    id,
    number: `WO-${1000 + count}`,
    accountId: auth.account.id,
    kind: input.kind,
    site: site ? { id: site.id, name: site.name } : null,
    system: system ? { id: system.id, name: system.name, kind: system.kind } : null,
    requestType: input.requestType,
    note: input.note,
    status: 'submitted',
    statusAt: at,
    createdAt: at,
    createdBy: auth.actor,
    updatedAt: at,
    externalRef: null,
    photos,
    preferredWindows: input.preferredWindows.map((w) => ({ date: w.date, part: w.part })),
    timeline: [{ status: 'submitted', at, note: null, by: auth.actor }],
    notes: [],
  };
  // The account index first: a listed index entry whose record is missing is skipped, never the reverse.
  await deps.store.put<AccountIndexEntry>(keys.accountWorkOrder(dealer.id, wo.accountId, id), { workOrderId: id }, { ifVersion: null });
  await deps.store.put(keys.workOrder(dealer.id, id), wo, { ifVersion: null });

  const type = WORK_ORDER_REQUEST_TYPE_LABELS[wo.requestType];
  const where = site && system ? `${site.name} / ${system.name}` : 'general request';
  await audit(deps, {
    dealerId: dealer.id,
    accountId: wo.accountId,
    action: 'work-order.created',
    actor: auth.actor,
    summary: `${auth.actor.name} sent work order ${wo.number} (${type}, ${where})`,
    target: { type: 'work-order', id },
    details: { number: wo.number, kind: wo.kind, siteId: wo.site?.id ?? null, systemId: wo.system?.id ?? null, requestType: wo.requestType, photos: photos.length },
    clientAddress: scope.clientAddress,
  });
  await appendEvent(deps, dealer.id, { type: 'work-order.created', accountId: wo.accountId, workOrder: wo });
  notifySubmitted(deps, scope, wo, site, background);
  return toPortal(wo);
}

/** Emails a new work order: the dealer (or its technicians, for a general request) and the client who sent it. */
function notifySubmitted(deps: Deps, scope: PortalScope, wo: WorkOrder, site: Site | null, background: Background) {
  const { dealer, auth } = scope;
  const settings = dealer.settings;
  const office = settings.notifyEmail ?? settings.supportEmail;
  const technicians = settings.technicianEmails ?? [];
  const to = wo.kind === 'general' && technicians.length ? technicians : office ? [office] : [];
  const mail = mailDealer(dealer);
  const url = workOrderLink(dealer, wo.id, scope.origin);
  const requestType = WORK_ORDER_REQUEST_TYPE_LABELS[wo.requestType];
  for (const email of [...new Set(to.map((e) => e.toLowerCase()))]) {
    background(
      deps.mailer.send({
        template: 'work-order-submitted',
        to: { email, name: dealer.name },
        dealer: mail,
        data: {
          number: wo.number,
          kind: wo.kind,
          accountName: auth.account.name,
          customerNumber: auth.account.customerNumber,
          identifier: auth.account.identifier,
          siteName: wo.site?.name ?? null,
          siteAddress: site?.address ?? null,
          systemName: wo.system?.name ?? null,
          requestType,
          note: wo.note,
          submittedBy: auth.actor.name,
          submittedAt: wo.createdAt,
          preferredWindows: wo.preferredWindows,
          photoCount: wo.photos.length,
          url,
        },
      }),
    );
  }
  if (auth.user.email) {
    background(
      deps.mailer.send({
        template: 'work-order-confirmation',
        to: { email: auth.user.email, name: auth.user.name },
        dealer: mail,
        data: {
          name: auth.user.name,
          accountName: auth.account.name,
          number: wo.number,
          siteName: wo.site?.name ?? null,
          systemName: wo.system?.name ?? null,
          requestType,
          note: wo.note,
          preferredWindows: wo.preferredWindows,
          url,
        },
      }),
    );
  }
}

// ---- notes -------------------------------------------------------------------------------------

async function appendNote(deps: Deps, dealerId: string, workOrderId: string, note: WorkOrderNote, check: (wo: WorkOrder) => void) {
  return updateRecord<WorkOrder>(
    deps.store,
    keys.workOrder(dealerId, workOrderId),
    (wo) => {
      check(wo);
      if (wo.notes.length >= MAX_WORK_ORDER_NOTES) throw new PorchlightError('LIMIT_REACHED', `A work order keeps at most ${MAX_WORK_ORDER_NOTES} notes. Send a new work order instead.`);
      return { ...wo, notes: [...wo.notes, note], updatedAt: note.at };
    },
    notFound,
  );
}

/**
 * A note from the client's side (`work-orders.submit`, checked by the route) on an open work
 * order of the account. Audited and added to the events feed.
 */
export async function addClientNote(deps: Deps, scope: PortalScope, workOrderId: string, body: string): Promise<WorkOrder> {
  const { dealer, auth } = scope;
  await accountWorkOrder(deps, dealer.id, auth.account.id, workOrderId);
  const note: WorkOrderNote = { id: newId(deps.now()), side: 'client', author: auth.actor, at: iso(deps), body };
  const { after } = await appendNote(deps, dealer.id, workOrderId, note, (wo) => {
    if (wo.accountId !== auth.account.id) throw notFound();
    if (!isOpenWorkOrderStatus(wo.status)) {
      throw new PorchlightError('CONFLICT', `Work order ${wo.number} is ${statusLabel(wo.status).toLowerCase()}: it takes no more notes. Send a new work order if you need more service.`);
    }
  });
  await audit(deps, {
    dealerId: dealer.id,
    accountId: after.accountId,
    action: 'work-order.note-added',
    actor: auth.actor,
    summary: `${auth.actor.name} added a note to work order ${after.number}`,
    target: { type: 'work-order', id: after.id },
    clientAddress: scope.clientAddress,
  });
  await appendEvent(deps, dealer.id, { type: 'work-order.note-added', accountId: after.accountId, workOrder: after, note });
  return toPortal(after);
}

/** A note from the dealer (any status). Audited; the client reads it on the work order. */
export async function addDealerNote(deps: Deps, scope: AdminScope, workOrderId: string, body: string): Promise<WorkOrder> {
  const note: WorkOrderNote = { id: newId(deps.now()), side: 'dealer', author: scope.actor, at: iso(deps), body };
  const { after } = await appendNote(deps, scope.dealer.id, workOrderId, note, () => undefined);
  await audit(deps, {
    dealerId: scope.dealer.id,
    accountId: after.accountId,
    action: 'work-order.note-added',
    actor: scope.actor,
    summary: `${scope.actor.name} added a dealer note to work order ${after.number}`,
    target: { type: 'work-order', id: after.id },
    clientAddress: scope.clientAddress,
  });
  return after;
}

// ---- status (the dealer's sync) ----------------------------------------------------------------

/**
 * What the dealer's system says happened. Idempotent: an update equal to a step already on the
 * timeline (same status and moment), or the current status again, adds no step (a new
 * `externalRef` is still kept). Otherwise the transition must be allowed (forward only,
 * statuses may be skipped, `cancelled` while open, nothing after completed or cancelled:
 * CONFLICT, field `status`) and `at` must not be earlier than the last step (CONFLICT, field
 * `at`; a client's own `submitted` step allows CLOCK_SKEW_MS) nor ahead of the portal's clock
 * by more than that. Dispatched, arrived and completed are emailed to the client who sent it.
 */
export async function updateStatus(deps: Deps, scope: AdminScope, workOrderId: string, input: StatusUpdateInput, background: Background): Promise<WorkOrder> {
  const now = deps.now();
  if (Date.parse(input.at) > now + CLOCK_SKEW_MS) {
    throw new PorchlightError('VALIDATION_FAILED', `The moment ${input.at} is in the future by the portal's clock.`, { fields: { at: 'Give the moment the status changed; it cannot be in the future.' } });
  }
  const { before, after } = await updateRecord<WorkOrder>(
    deps.store,
    keys.workOrder(scope.dealer.id, workOrderId),
    (wo) => {
      const keepRef = input.externalRef !== undefined && input.externalRef !== wo.externalRef ? { externalRef: input.externalRef, updatedAt: new Date(now).toISOString() } : {};
      if (wo.status === input.status || wo.timeline.some((e) => e.status === input.status && e.at === input.at)) return { ...wo, ...keepRef };
      const refused = workOrderTransitionError(wo.status, input.status);
      if (refused) throw new PorchlightError('CONFLICT', `Work order ${wo.number}: ${refused}`, { fields: { status: refused } });
      const last = wo.timeline.at(-1)!;
      const allowed = Date.parse(last.at) - (last.status === 'submitted' ? CLOCK_SKEW_MS : 0);
      if (Date.parse(input.at) < allowed) {
        const message = `This update is dated ${input.at}, earlier than the work order's last step (${statusLabel(last.status).toLowerCase()} at ${last.at}). Send status updates in the order they happened.`;
        throw new PorchlightError('CONFLICT', `Out of order: ${message}`, { fields: { at: message } });
      }
      return {
        ...wo,
        ...keepRef,
        status: input.status,
        statusAt: input.at,
        updatedAt: new Date(now).toISOString(),
        timeline: [...wo.timeline, { status: input.status, at: input.at, note: input.note || null, by: scope.actor }],
      };
    },
    notFound,
  );
  if (after.timeline.length === before.timeline.length) return after;
  await audit(deps, {
    dealerId: scope.dealer.id,
    accountId: after.accountId,
    action: 'work-order.status-changed',
    actor: scope.actor,
    summary: `${scope.actor.name} set work order ${after.number} to ${statusLabel(after.status).toLowerCase()}`,
    target: { type: 'work-order', id: after.id },
    details: { from: before.status, to: after.status, at: input.at, ...(after.externalRef ? { externalRef: after.externalRef } : {}) },
    clientAddress: scope.clientAddress,
  });
  if ((EMAILED_STATUSES as readonly string[]).includes(after.status)) background(notifyStatus(deps, scope.dealer, after, input.note || null));
  return after;
}

/** Emails the client who sent the work order (when their login is still active, still granted work orders, and has an email). */
async function notifyStatus(deps: Deps, dealer: Dealer, wo: WorkOrder, note: string | null): Promise<void> {
  const userId = wo.createdBy.userId;
  if (!userId) return;
  const [user, account] = await Promise.all([getUser(deps, dealer.id, wo.accountId, userId), deps.store.get<AccountRecord>(keys.account(dealer.id, wo.accountId))]);
  if (!user || user.value.status !== 'active' || !user.value.email || !effectiveGrants(user.value).includes('work-orders') || !account) return;
  await deps.mailer.send({
    template: 'work-order-status',
    to: { email: user.value.email, name: user.value.name },
    dealer: mailDealer(dealer),
    data: {
      name: user.value.name,
      accountName: account.value.name,
      number: wo.number,
      status: wo.status as EmailedStatus,
      at: wo.statusAt,
      note,
      siteName: wo.site?.name ?? null,
      systemName: wo.system?.name ?? null,
      requestType: WORK_ORDER_REQUEST_TYPE_LABELS[wo.requestType],
      url: workOrderLink(dealer, wo.id),
    },
  });
}
