import * as v from 'valibot';
import {
  checkFieldValues,
  effectiveGrants,
  foldForSearch,
  formatMinorUnits,
  MAX_TICKET_ENTRIES,
  MAX_TICKET_SUBSCRIBERS,
  MAX_TTL_SECONDS,
  TICKET_PAGE_SIZE,
  newId,
  PorchlightError,
  type Actor,
  type AdminTicketPage,
  type AdminTicketQuery,
  type AdminTicketReplyRequest,
  type AuditAction,
  type Attachment,
  type CreateEstimateRequest,
  type CreateTicketRequest,
  type Estimate,
  type EstimateDecisionRequest,
  type ListedItem,
  type MailTemplates,
  type Ticket,
  type TicketEntry,
  type TicketField,
  type TicketPage,
  type TicketPeople,
  type TicketQuery,
  type TicketReplyRequest,
  type TicketSide,
  type TicketStatus,
  type TicketSummary,
  type Versioned,
} from '@porchlight/core';
import type { Deps, PortalAuth } from '../../context.js';
import { audit } from '../../audit/audit.js';
import type { Dealer } from '../../options.js';
import { portalActor } from '../../sessions/sessions.js';
import { keys } from '../../store/keys.js';
import { scanFiltered } from '../../store/scan.js';
import { updateRecord } from '../../store/update.js';
import type { AccountRecord, UserRecord } from '../accounts/records.js';
import { getAccount, listUsers } from '../accounts/service.js';
import { mailDealer } from '../auth/service.js';
import { appendEvent } from '../events/service.js';
import { claimUploads, readAttachment } from '../uploads/service.js';
import { activeRequestTypes } from './request-types.js';

export type CreateTicketInput = v.InferOutput<typeof CreateTicketRequest>;
export type ReplyInput = v.InferOutput<typeof TicketReplyRequest>;
export type AdminReplyInput = v.InferOutput<typeof AdminTicketReplyRequest>;
export type EstimateInput = v.InferOutput<typeof CreateEstimateRequest>;
export type DecisionInput = v.InferOutput<typeof EstimateDecisionRequest>;
export type ListQuery = v.InferOutput<typeof TicketQuery>;
export type AdminListQuery = v.InferOutput<typeof AdminTicketQuery>;

type Background = (work: Promise<unknown>) => void;

/** A signed-in portal user acting on their account's tickets. */
export interface PortalScope {
  dealer: Dealer;
  auth: PortalAuth;
  clientAddress?: string | undefined;
  background: Background;
}

/** The back office acting on any of the dealer's tickets. */
export interface AdminScope {
  dealer: Dealer;
  actor: Actor;
  /** The API key's or staff member's id: whose uploads a staff reply may attach. */
  adminId: string;
  clientAddress?: string | undefined;
  background: Background;
}

/** A ticket as stored (dealer-wide key; the account's index points at it). The thread is kept as separate keys. */
export interface TicketRecord {
  id: string;
  dealerId: string;
  accountId: string;
  number: string;
  subject: string;
  requestType: { id: string; label: string };
  status: TicketStatus;
  createdAt: string;
  createdBy: Actor;
  updatedAt: string;
  lastSide: TicketSide;
  entryCount: number;
  /** Ids of the estimate entries waiting for the client's decision. */
  pendingEstimates: string[];
  fields: TicketField[];
  /** User ids of the account notified besides the author. */
  subscribers: string[];
}

/** Who sees the ticket: the portal (no key or staff ids of the dealer) or the back office (everything). */
type View = 'portal' | 'admin';

/** The most tickets one list request looks at, however few of them match the filters. */
export const TICKET_SCAN_LIMIT = 1000;
const SCAN_PAGE_SIZE = 100;
/** Ticket numbers start after this ("T-1001" is a dealer's first). */
const NUMBER_BASE = 1000;
/**
 * The ticket-number counter must never reset, but `Store.increment` always takes a TTL (its
 * window): the longest a store accepts (MAX_TTL_SECONDS, 100 years), "never" for a ticket number.
 */
const COUNTER_TTL_SECONDS = MAX_TTL_SECONDS;

const notFound = () => new PorchlightError('NOT_FOUND', 'No such ticket.');
const iso = (deps: Deps) => new Date(deps.now()).toISOString();
const fail = (field: string, message: string) => new PorchlightError('VALIDATION_FAILED', message, { fields: { [field]: message } });
const STATUS_TEXT: Record<TicketStatus, string> = { open: 'Reopened', completed: 'Marked completed' };

// ---- reading ----------------------------------------------------------------------------

function toSummary(t: TicketRecord, view: View): TicketSummary {
  return {
    id: t.id,
    accountId: t.accountId,
    number: t.number,
    subject: t.subject,
    requestType: t.requestType,
    status: t.status,
    createdAt: t.createdAt,
    createdBy: view === 'portal' ? portalActor(t.createdBy) : t.createdBy,
    updatedAt: t.updatedAt,
    lastSide: t.lastSide,
    entryCount: t.entryCount,
    estimatePending: t.pendingEstimates.length > 0,
  };
}

function entryView(e: TicketEntry, view: View): TicketEntry {
  if (view === 'admin') return e;
  return {
    ...e,
    author: portalActor(e.author),
    ...(e.estimate ? { estimate: { ...e.estimate, decidedBy: e.estimate.decidedBy ? portalActor(e.estimate.decidedBy) : null } } : {}),
  };
}

/** The whole ticket: summary, answers, subscribers (current names, users still there) and thread. */
async function toTicket(deps: Deps, t: TicketRecord, view: View): Promise<Ticket> {
  const [entries, users] = await Promise.all([
    deps.store.list<TicketEntry>(keys.ticketEntries(t.dealerId, t.id), { limit: MAX_TICKET_ENTRIES }),
    deps.store.getMany<UserRecord>(t.subscribers.map((u) => keys.user(t.dealerId, t.accountId, u))),
  ]);
  return {
    ...toSummary(t, view),
    fields: t.fields,
    subscribers: users.flatMap((u) => (u ? [{ id: u.value.id, name: u.value.name }] : [])),
    entries: entries.items.map((i) => entryView(i.value, view)),
  };
}

/** A ticket of the account (NOT_FOUND for another account's or another dealer's, as for none). */
async function accountTicket(deps: Deps, dealerId: string, accountId: string, ticketId: string): Promise<Versioned<TicketRecord>> {
  const found = await deps.store.get<TicketRecord>(keys.ticket(dealerId, ticketId));
  if (!found || found.value.accountId !== accountId) throw notFound();
  return found;
}

async function dealerTicket(deps: Deps, dealerId: string, ticketId: string): Promise<Versioned<TicketRecord>> {
  const found = await deps.store.get<TicketRecord>(keys.ticket(dealerId, ticketId));
  if (!found) throw notFound();
  return found;
}

function matcher(query: ListQuery): (t: TicketRecord) => boolean {
  const status = query.status ?? 'open';
  const needle = query.q ? foldForSearch(query.q) : '';
  return (t) => (status === 'all' || t.status === status) && (!needle || foldForSearch(t.subject).includes(needle));
}

/** Follows a page of an account's ticket index to the tickets. */
function followIndex(deps: Deps, dealerId: string) {
  return async (items: ListedItem<{ ticketId: string }>[]) => (await deps.store.getMany<TicketRecord>(items.map((i) => keys.ticket(dealerId, i.value.ticketId)))).map((t) => t?.value ?? null);
}

/**
 * The account's tickets, newest first, filtered by status (default open) and subject words
 * (any case or accent). A scan bounded by TICKET_SCAN_LIMIT: a page may hold fewer than
 * `limit` items with a non-null cursor; follow it.
 */
export async function listPortalTickets(deps: Deps, dealerId: string, accountId: string, query: ListQuery): Promise<TicketPage> {
  const matches = matcher(query);
  return scanFiltered<{ ticketId: string }, TicketRecord, TicketSummary>(deps.store, keys.accountTickets(dealerId, accountId), {
    reverse: true,
    limit: query.limit ?? TICKET_PAGE_SIZE,
    budget: TICKET_SCAN_LIMIT,
    pageSize: SCAN_PAGE_SIZE,
    cursor: query.cursor,
    load: followIndex(deps, dealerId),
    pick: (t) => (matches(t) ? toSummary(t, 'portal') : undefined),
  });
}

/** Every account's tickets (or one account's, checked by the caller), newest first, each naming its account. */
export async function listAdminTickets(deps: Deps, dealerId: string, query: AdminListQuery): Promise<AdminTicketPage> {
  const matches = matcher(query);
  const common = { reverse: true, limit: query.limit ?? TICKET_PAGE_SIZE, budget: TICKET_SCAN_LIMIT, pageSize: SCAN_PAGE_SIZE, cursor: query.cursor, pick: (t: TicketRecord) => (matches(t) ? t : undefined) };
  const page = query.accountId
    ? await scanFiltered<{ ticketId: string }, TicketRecord, TicketRecord>(deps.store, keys.accountTickets(dealerId, query.accountId), { ...common, load: followIndex(deps, dealerId) })
    : await scanFiltered<TicketRecord>(deps.store, keys.tickets(dealerId), common);
  const accountIds = [...new Set(page.items.map((t) => t.accountId))];
  const accounts = await deps.store.getMany<AccountRecord>(accountIds.map((a) => keys.account(dealerId, a)));
  const names = new Map(accountIds.map((id, i) => [id, accounts[i]?.value.name ?? '(removed account)']));
  return { items: page.items.map((t) => ({ ...toSummary(t, 'admin'), accountName: names.get(t.accountId)! })), cursor: page.cursor };
}

export async function getPortalTicket(deps: Deps, dealerId: string, accountId: string, ticketId: string): Promise<Ticket> {
  return toTicket(deps, (await accountTicket(deps, dealerId, accountId, ticketId)).value, 'portal');
}

export async function getAdminTicket(deps: Deps, dealerId: string, ticketId: string): Promise<Ticket> {
  return toTicket(deps, (await dealerTicket(deps, dealerId, ticketId)).value, 'admin');
}

/** The account's active users, for sharing a ticket: id and name only. */
/** Whether the login may see support tickets at all (its "Grant access"): only such logins follow or hear of tickets. */
const seesTickets = (u: Pick<UserRecord, 'grants'>) => effectiveGrants(u).includes('tickets');

/** The account's active logins a ticket can be shared with: those granted support tickets. */
export async function ticketPeople(deps: Deps, dealerId: string, accountId: string): Promise<TicketPeople> {
  const users = await listUsers(deps, dealerId, accountId);
  return { items: users.filter((u) => u.status === 'active' && seesTickets(u)).map((u) => ({ id: u.id, name: u.name })) };
}

/** A file of the ticket (its form or its thread), with its bytes. */
export async function portalAttachment(deps: Deps, dealerId: string, accountId: string, ticketId: string, attachmentId: string) {
  const ticket = await accountTicket(deps, dealerId, accountId, ticketId);
  return readAttachment(deps, { dealerId, accountId: ticket.value.accountId, attachmentId, target: { type: 'ticket', id: ticketId } });
}

export async function adminAttachment(deps: Deps, dealerId: string, ticketId: string, attachmentId: string) {
  const ticket = await dealerTicket(deps, dealerId, ticketId);
  return readAttachment(deps, { dealerId, accountId: ticket.value.accountId, attachmentId, target: { type: 'ticket', id: ticketId } });
}

// ---- writing: shared --------------------------------------------------------------------

/**
 * The subscribers a client asked for: active users of the same account granted support tickets
 * (anyone else, another account's users included, is refused naming the ids), without
 * duplicates or the author.
 */
async function checkSubscribers(deps: Deps, dealerId: string, accountId: string, userIds: readonly string[], authorId: string | undefined): Promise<string[]> {
  const ids = [...new Set(userIds)].filter((id) => id !== authorId);
  if (ids.length > MAX_TICKET_SUBSCRIBERS) throw fail('subscribers', `Add at most ${MAX_TICKET_SUBSCRIBERS} people.`);
  const users = await deps.store.getMany<UserRecord>(ids.map((id) => keys.user(dealerId, accountId, id)));
  const unknown = ids.filter((_, i) => users[i]?.value.status !== 'active');
  if (unknown.length) throw fail('subscribers', `No active login of this account has the id ${unknown.join(', ')}.`);
  const ungranted = ids.filter((_, i) => !seesTickets(users[i]!.value));
  if (ungranted.length) throw fail('subscribers', `The login with the id ${ungranted.join(', ')} does not include support tickets, so it cannot follow a ticket.`);
  return ids;
}

/**
 * Adds entries to a ticket's thread: the ticket record first, by compare-and-set (`plan` sees
 * the record as stored and answers it changed with the entries to add; the entry cap and the
 * count are kept here), then one insert-only key per entry. `plan` may throw to refuse.
 */
async function addEntries(deps: Deps, ticket: TicketRecord, plan: (t: TicketRecord) => { ticket: TicketRecord; entries: TicketEntry[] }): Promise<{ ticket: TicketRecord; entries: TicketEntry[] }> {
  let entries: TicketEntry[] = [];
  const { after } = await updateRecord<TicketRecord>(
    deps.store,
    keys.ticket(ticket.dealerId, ticket.id),
    (t) => {
      const next = plan(t);
      entries = next.entries;
      if (entries.length === 0) return t;
      if (t.entryCount + entries.length > MAX_TICKET_ENTRIES) throw entriesFull();
      return { ...next.ticket, entryCount: t.entryCount + entries.length, updatedAt: iso(deps), lastSide: entries.at(-1)!.side };
    },
    notFound,
  );
  for (const e of entries) await deps.store.put(keys.ticketEntry(ticket.dealerId, ticket.id, e.id), e, { ifVersion: null });
  return { ticket: after, entries };
}

const entriesFull = () => new PorchlightError('LIMIT_REACHED', `This ticket has reached ${MAX_TICKET_ENTRIES} entries. Open a new ticket to go on.`);

function entry(deps: Deps, fields: Omit<TicketEntry, 'id' | 'at' | 'attachments'> & { attachments?: Attachment[] }): TicketEntry {
  const now = deps.now();
  return { id: newId(now), at: new Date(now).toISOString(), attachments: [], ...fields };
}

function statusEntry(deps: Deps, side: TicketSide, author: Actor, status: TicketStatus): TicketEntry {
  return entry(deps, { kind: 'status', side, author, body: STATUS_TEXT[status], status });
}

const ticketLabel = (t: Pick<TicketRecord, 'number' | 'subject'>) => `${t.number} "${t.subject}"`;
const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;

function requireContent(input: { body: string; attachments: readonly string[] }) {
  if (!input.body && input.attachments.length === 0) throw fail('body', 'Write a reply or attach a file.');
}

async function auditTicket(deps: Deps, t: TicketRecord, actor: Actor, clientAddress: string | undefined, action: AuditAction, summary: string, details?: Record<string, unknown>) {
  await audit(deps, { dealerId: t.dealerId, accountId: t.accountId, action, actor, summary, target: { type: 'ticket', id: t.id }, ...(details ? { details } : {}), clientAddress });
}

// ---- notifications ----------------------------------------------------------------------

type ClientUpdate = Omit<MailTemplates['ticket-update'], 'name' | 'accountName' | 'ticketNumber' | 'subject' | 'status'>;

/** Emails the ticket's author and subscribers who are active, still granted support tickets and have an email (in the background). */
async function mailClients(deps: Deps, scope: AdminScope, t: TicketRecord, update: ClientUpdate): Promise<void> {
  const ids = [...new Set([t.createdBy.userId, ...t.subscribers].filter((id): id is string => Boolean(id)))];
  const [users, account] = await Promise.all([deps.store.getMany<UserRecord>(ids.map((id) => keys.user(t.dealerId, t.accountId, id))), getAccount(deps, t.dealerId, t.accountId)]);
  const dealer = mailDealer(scope.dealer);
  for (const found of users) {
    const user = found?.value;
    if (!user || user.status !== 'active' || !user.email || !seesTickets(user)) continue;
    scope.background(
      deps.mailer.send({
        template: 'ticket-update',
        to: { email: user.email, name: user.name },
        dealer,
        data: { ...update, name: user.name, accountName: account?.value.name ?? '', ticketNumber: t.number, subject: t.subject, status: t.status },
      }),
    );
  }
}

type DealerNotice = Pick<MailTemplates['ticket-activity'], 'kind' | 'text' | 'attachmentCount' | 'estimate'> & { entryId: string | null };

/**
 * What a client did that the dealer must pick up: an event in the sync feed, and an email to
 * the dealer's notifyEmail (else supportEmail) in the background.
 */
async function notifyDealer(deps: Deps, scope: PortalScope, t: TicketRecord, notice: DealerNotice): Promise<void> {
  const { account, actor } = scope.auth;
  const event = await appendEvent(deps, scope.dealer.id, {
    type: `ticket.${notice.kind}`,
    accountId: t.accountId,
    userId: actor.userId ?? scope.auth.user.id,
    ticketId: t.id,
    ticketNumber: t.number,
    subject: t.subject,
    entryId: notice.entryId,
    estimate: notice.estimate ? { amountCents: notice.estimate.amountCents, currency: notice.estimate.currency } : null,
  });
  const to = scope.dealer.settings.notifyEmail ?? scope.dealer.settings.supportEmail;
  if (!to) return;
  scope.background(
    deps.mailer.send({
      template: 'ticket-activity',
      to: { email: to, name: scope.dealer.name },
      dealer: mailDealer(scope.dealer),
      data: {
        kind: notice.kind,
        accountName: account.name,
        customerNumber: account.customerNumber,
        identifier: account.identifier,
        userName: actor.name,
        at: event.at,
        ticketNumber: t.number,
        subject: t.subject,
        requestType: t.requestType.label,
        fields: notice.kind === 'created' ? t.fields.map((f) => ({ label: f.label, value: f.kind === 'file' ? fileList(f.attachments ?? []) : f.value })) : [],
        text: notice.text,
        attachmentCount: notice.attachmentCount,
        estimate: notice.estimate,
      },
    }),
  );
}

const fileList = (attachments: readonly Attachment[]) => `${files(attachments.length)}: ${attachments.map((a) => a.filename).join(', ')}`;

// ---- portal writes ----------------------------------------------------------------------

/**
 * Opens a ticket: an active request type of the dealer, the answers checked by
 * `checkFieldValues` (errors as `fields.<fieldId>`), subscribers of the same account, file
 * answers claimed from the user's uploads, and a short number from the dealer's counter.
 */
export async function createTicket(deps: Deps, scope: PortalScope, input: CreateTicketInput): Promise<Ticket> {
  const { auth, dealer } = scope;
  const dealerId = dealer.id;
  const accountId = auth.account.id;
  const types = await activeRequestTypes(deps, dealerId);
  const type = types.find((t) => t.id === input.requestType);
  if (!type) throw fail('requestType', `There is no request type "${input.requestType}" to choose. Choose one of: ${types.map((t) => t.label).join(', ') || '(none offered)'}.`);
  const check = checkFieldValues(type, input.fields);
  if (Object.keys(check.errors).length) {
    const fields = Object.fromEntries(Object.entries(check.errors).map(([id, message]) => [id === 'fields' ? id : `fields.${id}`, message]));
    throw new PorchlightError('VALIDATION_FAILED', undefined, { fields });
  }
  const subscribers = await checkSubscribers(deps, dealerId, accountId, input.subscribers, auth.user.id);

  const now = deps.now();
  const ticketId = newId(now);
  // Every file answer's uploads, claimed at once (the same upload in two fields is refused like a repeat in one).
  const fieldOfUpload = new Map<string, string>();
  const uploadIds: string[] = [];
  for (const f of type.fields) {
    const value = check.values[f.id];
    if (f.kind !== 'file' || !Array.isArray(value)) continue;
    for (const id of value) {
      uploadIds.push(id);
      if (!fieldOfUpload.has(id)) fieldOfUpload.set(id, f.id);
    }
  }
  const attachments = await claimUploads(deps, {
    dealerId,
    accountId,
    owner: { userId: auth.user.id },
    ids: uploadIds,
    target: { type: 'ticket', id: ticketId },
    fieldOf: (id) => `fields.${fieldOfUpload.get(id)}`,
  });
  const byId = new Map(attachments.map((a) => [a.id, a]));
  const fields: TicketField[] = type.fields.flatMap((f): TicketField[] => {
    const value = check.values[f.id];
    if (value === undefined) return [];
    if (Array.isArray(value)) return [{ id: f.id, label: f.label, kind: f.kind, value: '', attachments: value.map((id) => byId.get(id)!) }];
    return [{ id: f.id, label: f.label, kind: f.kind, value }];
  });

  const count = await deps.store.increment(keys.ticketCounter(dealerId), { ttl: COUNTER_TTL_SECONDS });
  const at = new Date(now).toISOString();
  const ticket: TicketRecord = {
    id: ticketId,
    dealerId,
    accountId,
    number: `T-${NUMBER_BASE + count}`,
    subject: input.subject,
    requestType: { id: type.id, label: type.label },
    status: 'open',
    createdAt: at,
    createdBy: auth.actor,
    updatedAt: at,
    lastSide: 'client',
    entryCount: 0,
    pendingEstimates: [],
    fields,
    subscribers,
  };
  await deps.store.put(keys.ticket(dealerId, ticketId), ticket, { ifVersion: null });
  await deps.store.put(keys.accountTicket(dealerId, accountId, ticketId), { ticketId }, { ifVersion: null });
  await auditTicket(deps, ticket, auth.actor, scope.clientAddress, 'ticket.created', `${auth.actor.name} opened the ticket ${ticketLabel(ticket)} (${type.label})`, {
    requestType: type.id,
    subscribers,
    attachments: attachments.map((a) => ({ id: a.id, filename: a.filename, sha256: a.sha256 })),
  });
  await notifyDealer(deps, scope, ticket, { kind: 'created', entryId: null, text: '', attachmentCount: attachments.length, estimate: null });
  return toTicket(deps, ticket, 'portal');
}

/** A client's reply (text and/or files). A completed ticket is reopened by it. */
export async function replyAsClient(deps: Deps, scope: PortalScope, ticketId: string, input: ReplyInput): Promise<Ticket> {
  requireContent(input);
  const { auth, dealer } = scope;
  const current = (await accountTicket(deps, dealer.id, auth.account.id, ticketId)).value;
  if (current.entryCount + 1 > MAX_TICKET_ENTRIES) throw entriesFull();
  const attachments = await claimUploads(deps, { dealerId: dealer.id, accountId: auth.account.id, owner: { userId: auth.user.id }, ids: input.attachments, target: { type: 'ticket', id: ticketId } });
  const reply = entry(deps, { kind: 'reply', side: 'client', author: auth.actor, body: input.body, attachments });
  // Whether it reopens is decided on the record as stored (compare-and-set), not as read above.
  const { ticket, entries } = await addEntries(deps, current, (t) =>
    t.status === 'completed' ? { ticket: { ...t, status: 'open' }, entries: [reply, statusEntry(deps, 'client', auth.actor, 'open')] } : { ticket: t, entries: [reply] },
  );
  const reopened = entries.length > 1;
  await auditTicket(deps, ticket, auth.actor, scope.clientAddress, 'ticket.replied', `${auth.actor.name} replied to the ticket ${ticketLabel(ticket)}${attachments.length ? ` with ${files(attachments.length)}` : ''}${reopened ? ', reopening it' : ''}`, {
    entryId: reply.id,
    attachments: attachments.map((a) => ({ id: a.id, filename: a.filename, sha256: a.sha256 })),
    reopened,
  });
  await notifyDealer(deps, scope, ticket, { kind: 'replied', entryId: reply.id, text: input.body, attachmentCount: attachments.length, estimate: null });
  return toTicket(deps, ticket, 'portal');
}

/** Replaces the ticket's subscribers (active users of the same account). */
export async function setSubscribers(deps: Deps, scope: PortalScope, ticketId: string, userIds: readonly string[]): Promise<Ticket> {
  const { auth, dealer } = scope;
  const current = (await accountTicket(deps, dealer.id, auth.account.id, ticketId)).value;
  const ids = await checkSubscribers(deps, dealer.id, auth.account.id, userIds, current.createdBy.userId);
  const { before, after } = await updateRecord<TicketRecord>(deps.store, keys.ticket(dealer.id, ticketId), (t) => ({ ...t, subscribers: ids, updatedAt: iso(deps) }), notFound);
  const added = after.subscribers.filter((id) => !before.subscribers.includes(id));
  const removed = before.subscribers.filter((id) => !after.subscribers.includes(id));
  if (added.length || removed.length) {
    const users = await deps.store.getMany<UserRecord>([...added, ...removed].map((id) => keys.user(dealer.id, auth.account.id, id)));
    const name = (id: string) => users.find((u) => u?.value.id === id)?.value.name ?? id;
    const parts = [added.length && `added ${added.map(name).join(', ')}`, removed.length && `removed ${removed.map(name).join(', ')}`].filter(Boolean);
    await auditTicket(deps, after, auth.actor, scope.clientAddress, 'ticket.subscribers-changed', `${auth.actor.name} changed who follows the ticket ${ticketLabel(after)}: ${parts.join('; ')}`, { added, removed });
  }
  return toTicket(deps, after, 'portal');
}

/** Sets the status and records it in the thread (nothing happens when it already has it). */
async function changeStatus(deps: Deps, current: TicketRecord, side: TicketSide, actor: Actor, status: TicketStatus, clientAddress: string | undefined): Promise<TicketRecord> {
  if (current.status === status) return current;
  const { ticket, entries } = await addEntries(deps, current, (t) => (t.status === status ? { ticket: t, entries: [] } : { ticket: { ...t, status }, entries: [statusEntry(deps, side, actor, status)] }));
  if (entries.length) {
    await auditTicket(deps, ticket, actor, clientAddress, 'ticket.status-changed', `${actor.name} ${status === 'completed' ? 'completed' : 'reopened'} the ticket ${ticketLabel(ticket)}`, { from: current.status, to: status });
  }
  return ticket;
}

/** The client completes or reopens their ticket. */
export async function setStatusAsClient(deps: Deps, scope: PortalScope, ticketId: string, status: TicketStatus): Promise<Ticket> {
  const current = (await accountTicket(deps, scope.dealer.id, scope.auth.account.id, ticketId)).value;
  return toTicket(deps, await changeStatus(deps, current, 'client', scope.auth.actor, status, scope.clientAddress), 'portal');
}

/**
 * Approves or declines a proposed estimate, once: the decision is a compare-and-set on the
 * estimate's entry, so of two decisions at once exactly one wins (the other is CONFLICT).
 */
export async function decideEstimate(deps: Deps, scope: PortalScope, ticketId: string, entryId: string, input: DecisionInput): Promise<Ticket> {
  const { auth, dealer } = scope;
  await accountTicket(deps, dealer.id, auth.account.id, ticketId);
  const status = input.decision === 'approve' ? 'approved' : 'declined';
  const estimate = await decide(deps, dealer.id, ticketId, entryId, (e) => ({ ...e, status, decidedAt: iso(deps), decidedBy: auth.actor, decisionNote: input.note || null }));
  const { after: ticket } = await updateRecord<TicketRecord>(
    deps.store,
    keys.ticket(dealer.id, ticketId),
    (t) => ({ ...t, pendingEstimates: t.pendingEstimates.filter((id) => id !== entryId), updatedAt: iso(deps), lastSide: 'client' }),
    notFound,
  );
  const amount = formatAmount(estimate);
  await auditTicket(deps, ticket, auth.actor, scope.clientAddress, status === 'approved' ? 'ticket.estimate-approved' : 'ticket.estimate-declined', `${auth.actor.name} ${status} the estimate of ${amount} on the ticket ${ticketLabel(ticket)}`, {
    entryId,
    amountCents: estimate.amountCents,
    currency: estimate.currency,
    note: estimate.decisionNote,
  });
  await notifyDealer(deps, scope, ticket, {
    kind: status === 'approved' ? 'estimate-approved' : 'estimate-declined',
    entryId,
    text: estimate.decisionNote ?? '',
    attachmentCount: 0,
    estimate: { amountCents: estimate.amountCents, currency: estimate.currency, description: estimate.description },
  });
  return toTicket(deps, ticket, 'portal');
}

const formatAmount = (e: Pick<Estimate, 'amountCents' | 'currency'>) => formatMinorUnits(e.amountCents, e.currency);

/** Changes a proposed estimate of the ticket (compare-and-set); a decided or withdrawn one is CONFLICT, anything else NOT_FOUND. */
async function decide(deps: Deps, dealerId: string, ticketId: string, entryId: string, change: (e: Estimate) => Estimate): Promise<Estimate> {
  const noEstimate = () => new PorchlightError('NOT_FOUND', 'No such estimate on this ticket.');
  const { after } = await updateRecord<TicketEntry>(
    deps.store,
    keys.ticketEntry(dealerId, ticketId, entryId),
    (e) => {
      if (e.kind !== 'estimate' || !e.estimate) throw noEstimate();
      if (e.estimate.status !== 'proposed') throw new PorchlightError('CONFLICT', `This estimate was already ${e.estimate.status}.`);
      return { ...e, estimate: change(e.estimate) };
    },
    noEstimate,
  );
  return after.estimate!;
}

// ---- back office writes -----------------------------------------------------------------

/** A staff reply (text and/or files uploaded by the same caller); may also set the status. Emails the author and subscribers. */
export async function replyAsDealer(deps: Deps, scope: AdminScope, ticketId: string, input: AdminReplyInput): Promise<Ticket> {
  requireContent(input);
  const current = (await dealerTicket(deps, scope.dealer.id, ticketId)).value;
  const wantStatus = input.status !== undefined && input.status !== current.status ? input.status : undefined;
  if (current.entryCount + (wantStatus ? 2 : 1) > MAX_TICKET_ENTRIES) throw entriesFull();
  const attachments = await claimUploads(deps, { dealerId: scope.dealer.id, accountId: current.accountId, owner: { adminId: scope.adminId }, ids: input.attachments, target: { type: 'ticket', id: ticketId } });
  const reply = entry(deps, { kind: 'reply', side: 'dealer', author: scope.actor, body: input.body, attachments });
  let { ticket } = await addEntries(deps, current, (t) => ({ ticket: t, entries: [reply] }));
  await auditTicket(deps, ticket, scope.actor, scope.clientAddress, 'ticket.replied', `${scope.actor.name} replied to the ticket ${ticketLabel(ticket)}${attachments.length ? ` with ${files(attachments.length)}` : ''}`, {
    entryId: reply.id,
    attachments: attachments.map((a) => ({ id: a.id, filename: a.filename, sha256: a.sha256 })),
  });
  if (input.status !== undefined) ticket = await changeStatus(deps, ticket, 'dealer', scope.actor, input.status, scope.clientAddress);
  await mailClients(deps, scope, ticket, { kind: 'reply', by: scope.actor.name, text: input.body, attachmentCount: attachments.length, estimate: null });
  return toTicket(deps, ticket, 'admin');
}

export async function setStatusAsDealer(deps: Deps, scope: AdminScope, ticketId: string, status: TicketStatus): Promise<Ticket> {
  const current = (await dealerTicket(deps, scope.dealer.id, ticketId)).value;
  return toTicket(deps, await changeStatus(deps, current, 'dealer', scope.actor, status, scope.clientAddress), 'admin');
}

/** Proposes an estimate (integer cents > 0) for the client to approve or decline. Emails the author and subscribers. */
export async function proposeEstimate(deps: Deps, scope: AdminScope, ticketId: string, input: EstimateInput): Promise<Ticket> {
  const current = (await dealerTicket(deps, scope.dealer.id, ticketId)).value;
  const estimate: Estimate = { amountCents: input.amountCents, currency: input.currency, description: input.description, status: 'proposed', decidedAt: null, decidedBy: null, decisionNote: null };
  const proposal = entry(deps, { kind: 'estimate', side: 'dealer', author: scope.actor, body: input.description, estimate });
  const { ticket } = await addEntries(deps, current, (t) => ({ ticket: { ...t, pendingEstimates: [...t.pendingEstimates, proposal.id] }, entries: [proposal] }));
  await auditTicket(deps, ticket, scope.actor, scope.clientAddress, 'ticket.estimate-proposed', `${scope.actor.name} proposed an estimate of ${formatAmount(estimate)} on the ticket ${ticketLabel(ticket)}`, {
    entryId: proposal.id,
    amountCents: estimate.amountCents,
    currency: estimate.currency,
  });
  await mailClients(deps, scope, ticket, { kind: 'estimate', by: scope.actor.name, text: input.description, attachmentCount: 0, estimate: { amountCents: estimate.amountCents, currency: estimate.currency } });
  return toTicket(deps, ticket, 'admin');
}

/** Withdraws an estimate still waiting for the client (a decided one is CONFLICT). */
export async function withdrawEstimate(deps: Deps, scope: AdminScope, ticketId: string, entryId: string): Promise<Ticket> {
  await dealerTicket(deps, scope.dealer.id, ticketId);
  const estimate = await decide(deps, scope.dealer.id, ticketId, entryId, (e) => ({ ...e, status: 'withdrawn', decidedAt: iso(deps), decidedBy: scope.actor }));
  const { after: ticket } = await updateRecord<TicketRecord>(
    deps.store,
    keys.ticket(scope.dealer.id, ticketId),
    (t) => ({ ...t, pendingEstimates: t.pendingEstimates.filter((id) => id !== entryId), updatedAt: iso(deps) }),
    notFound,
  );
  await auditTicket(deps, ticket, scope.actor, scope.clientAddress, 'ticket.estimate-withdrawn', `${scope.actor.name} withdrew the estimate of ${formatAmount(estimate)} on the ticket ${ticketLabel(ticket)}`, { entryId });
  return toTicket(deps, ticket, 'admin');
}
