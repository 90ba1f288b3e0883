/**
 * Test helper: support tickets on the fake API (through its `on` hook), answering
 * like the server: the dealer's active request types, the account's people, the list (status
 * filter, subject search, cursor pages), new tickets checked with the REAL `checkFieldValues`
 * and core's request schemas (so this fake cannot drift from the form's rules), replies,
 * subscribers, status, estimate decisions (refused while emulating) and attachment downloads.
 * Files are uploaded to the fake API's own POST /v1/uploads (`api.uploads`) and claimed from
 * there, as the server does. `tickets.use` is checked for every write. Mount with a client from
 * `signedInClient(api, user)`.
 */
import {
  checkFieldValues,
  CreateTicketRequest,
  EstimateDecisionRequest,
  TICKET_PAGE_SIZE,
  TicketQuery,
  TicketReplyRequest,
  TicketStatusRequest,
  TicketSubscribersRequest,
  type Actor,
  type Attachment,
  type Estimate,
  type RequestType,
  type Ticket,
  type TicketEntry,
  type TicketField,
  type TicketPerson,
  type TicketSummary,
} from '@porchlight/core';
import { checkBody, checkQuery, dana, fail, fakeId, json, type FakeApi, type FakeAuth, type FakeCall, type FakeUpload, type FakeUser } from '../testing/fake-api.js';
import { fileResponse } from '../testing/fake-files.js';

export { UPLOAD_ROUTE } from '../testing/fake-api.js';

/** Request types for the tests: a problem report (text, long text, date, files), a billing question (choice), and an inactive one. */
export const SAMPLE_TYPES: RequestType[] = [
  {
    id: 'alarm-problem',
    label: 'Problem with my alarm',
    description: 'Something on your system does not work as it should.',
    active: true,
    fields: [
      { id: 'zone', label: 'Which zone or device?', kind: 'text', required: true, help: 'As the keypad shows it, e.g. "Zone 4 – back door".' },
      { id: 'details', label: 'What happens?', kind: 'long-text', required: true, maxLength: 2000 },
      { id: 'since', label: 'Since when?', kind: 'date', required: false },
      { id: 'photos', label: 'Photos or screenshots', kind: 'file', required: false },
    ],
  },
  {
    id: 'billing',
    label: 'Billing question',
    description: 'Invoices, payments and autopay.',
    active: true,
    fields: [
      { id: 'invoice', label: 'Invoice number', kind: 'text', required: false },
      { id: 'topic', label: 'Topic', kind: 'choice', required: true, options: ['A charge I do not recognise', 'Change of payment method', 'Something else'] },
      { id: 'question', label: 'Your question', kind: 'long-text', required: true },
    ],
  },
  { id: 'retired', label: 'Retired type', active: false, fields: [] },
];

export interface FakeEntrySeed {
  kind?: TicketEntry['kind'];
  side?: TicketEntry['side'];
  body?: string;
  at?: string;
  author?: Actor;
  attachments?: Attachment[];
  estimate?: Partial<Estimate> & { amountCents: number };
  status?: TicketEntry['status'];
}

export interface FakeTicketSeed {
  subject: string;
  number?: string;
  /** A request type id of `types` (default the first). */
  type?: string;
  status?: Ticket['status'];
  createdAt?: string;
  /** Who opened it (default Dana). */
  author?: FakeUser;
  fields?: TicketField[];
  subscribers?: FakeUser[];
  entries?: FakeEntrySeed[];
}

export interface FakeTickets {
  types: RequestType[];
  /** Every ticket, oldest first (the list answers newest first). */
  tickets: Ticket[];
  /** The fake API's uploads (POST /v1/uploads). */
  uploads: FakeUpload[];
  /** Bodies of POST /v1/tickets, as received. */
  created: unknown[];
  /** The dealer's support replies to a ticket; answers the entry. */
  staffReply(ticketId: string, body: string): TicketEntry;
  /** The dealer proposes an estimate; answers the entry. */
  proposeEstimate(ticketId: string, e: { amountCents: number; currency?: string; description: string }): TicketEntry;
  /** The ticket with this number. */
  byNumber(number: string): Ticket;
}

/** `GET /v1/tickets/<id>`, for `api.callsTo` and `api.hold`. */
export const ticketRoute = (id: string) => `GET /v1/tickets/${id}`;
export const replyRoute = (id: string) => `POST /v1/tickets/${id}/replies`;
export const subscribersRoute = (id: string) => `PUT /v1/tickets/${id}/subscribers`;
export const statusRoute = (id: string) => `POST /v1/tickets/${id}/status`;
export const decisionRoute = (id: string, entryId: string) => `POST /v1/tickets/${id}/estimates/${entryId}/decision`;
export const attachmentRoute = (id: string, attachmentId: string) => `GET /v1/tickets/${id}/attachments/${attachmentId}`;

const staff: Actor = { kind: 'admin', adminId: 'support-1', name: 'admin Pat Dispatcher' };

const fieldFail = (field: string, message: string) => fail('VALIDATION_FAILED', message, { [field]: message });

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Serves tickets, request types and people; returns the state to inspect. */
export function withTickets(api: FakeApi, o: { types?: RequestType[]; tickets?: FakeTicketSeed[] } = {}): FakeTickets {
  let seq = 0;
  let clock = Date.parse('2026-02-01T09:00:00.000Z');
  const tick = () => new Date((clock += 60_000)).toISOString();
  const accountOf = (u: FakeUser) => fakeId(`account:${u.identifier}`);
  const personOf = (u: FakeUser): TicketPerson => ({ id: api.idOf(u), name: u.name });
  const userActor = (u: FakeUser): Actor => ({ kind: 'user', userId: api.idOf(u), name: u.name });
  const types = (o.types ?? SAMPLE_TYPES).map((t) => ({ ...t, fields: t.fields.map((f) => ({ ...f })) }));

  const state: FakeTickets = {
    types,
    tickets: [],
    uploads: api.uploads,
    created: [],
    staffReply(ticketId, body) {
      const t = find(ticketId);
      const entry: TicketEntry = { id: fakeId(`entry:${++seq}`), kind: 'reply', side: 'dealer', at: tick(), author: staff, body, attachments: [] };
      addEntries(t, [entry]);
      return entry;
    },
    proposeEstimate(ticketId, e) {
      const t = find(ticketId);
      const entry: TicketEntry = {
        id: fakeId(`entry:${++seq}`),
        kind: 'estimate',
        side: 'dealer',
        at: tick(),
        author: staff,
        body: e.description,
        attachments: [],
        estimate: { amountCents: e.amountCents, currency: e.currency ?? 'USD', description: e.description, status: 'proposed', decidedAt: null, decidedBy: null, decisionNote: null },
      };
      addEntries(t, [entry]);
      return entry;
    },
    byNumber(number) {
      const t = state.tickets.find((x) => x.number === number);
      if (!t) throw new Error(`no ticket ${number}`);
      return t;
    },
  };

  function find(id: string): Ticket {
    const t = state.tickets.find((x) => x.id === id);
    if (!t) throw new Error(`no ticket ${id}`);
    return t;
  }

  /** What the list shows, from the thread. */
  function summarize(t: Ticket): void {
    const last = [...t.entries].reverse().find((e) => e.kind !== 'status');
    t.entryCount = t.entries.length;
    t.lastSide = last?.side ?? 'client';
    t.estimatePending = t.entries.some((e) => e.estimate?.status === 'proposed');
    t.updatedAt = t.entries.reduce((at, e) => (e.at > at ? e.at : at), t.createdAt);
  }

  function addEntries(t: Ticket, entries: TicketEntry[]): void {
    t.entries.push(...entries);
    for (const e of entries) {
      if (e.kind === 'estimate') api.on(decisionRoute(t.id, e.id), (call) => decideEstimate(call, t.id, e.id));
      for (const a of e.attachments) serveAttachment(t, a);
    }
    summarize(t);
  }

  // ---- who is calling --------------------------------------------------------------------

  type Auth = FakeAuth;
  const guard = (call: FakeCall, permission?: 'tickets.use') => api.authorize(call, permission);

  /** The ticket of the caller's account, or NOT_FOUND. */
  function ticketOf(auth: Auth, id: string): Ticket | Response {
    const t = state.tickets.find((x) => x.id === id && x.accountId === auth.accountId);
    return t ?? fail('NOT_FOUND', 'No such ticket.');
  }

  const peopleOf = (accountId: string) =>
    api.users
      .filter((u) => accountOf(u) === accountId && (u.status ?? 'active') === 'active')
      .map(personOf)
      .sort((a, b) => a.name.localeCompare(b.name));

  function serveAttachment(t: Ticket, a: Attachment): void {
    api.on(attachmentRoute(t.id, a.id), (call) => {
      const auth = guard(call);
      if (auth instanceof Response) return auth;
      const found = ticketOf(auth, t.id);
      if (found instanceof Response) return found;
      const bytes = state.uploads.find((u) => u.upload.id === a.id)?.bytes ?? new TextEncoder().encode(`${a.filename}\n`);
      return fileResponse(bytes.slice().buffer, a.filename, a.contentType);
    });
  }

  // ---- one ticket's routes ----------------------------------------------------------------

  function decideEstimate(call: FakeCall, ticketId: string, entryId: string): Response {
    const auth = guard(call, 'tickets.use');
    if (auth instanceof Response) return auth;
    if (auth.emulatedBy) return fail('EMULATION_FORBIDDEN');
    const t = ticketOf(auth, ticketId);
    if (t instanceof Response) return t;
    const input = checkBody(EstimateDecisionRequest, call.body);
    if (!input.ok) return input.response;
    const entry = t.entries.find((e) => e.id === entryId);
    if (!entry?.estimate) return fail('NOT_FOUND', 'No such estimate on this ticket.');
    if (entry.estimate.status !== 'proposed') return fail('CONFLICT', `This estimate was already ${entry.estimate.status}.`);
    entry.estimate = {
      ...entry.estimate,
      status: input.value.decision === 'approve' ? 'approved' : 'declined',
      decidedAt: tick(),
      decidedBy: auth.actor,
      decisionNote: input.value.note || null,
    };
    summarize(t);
    t.updatedAt = entry.estimate.decidedAt!;
    return json(t);
  }

  function statusEntry(auth: Auth, status: Ticket['status']): TicketEntry {
    return { id: fakeId(`entry:${++seq}`), kind: 'status', side: 'client', at: tick(), author: auth.actor, body: status === 'completed' ? 'Marked completed' : 'Reopened', attachments: [], status };
  }

  function serveTicket(t: Ticket): void {
    api.on(ticketRoute(t.id), (call) => {
      const auth = guard(call);
      if (auth instanceof Response) return auth;
      const found = ticketOf(auth, t.id);
      return found instanceof Response ? found : json(found);
    });
    api.on(replyRoute(t.id), (call) => {
      const auth = guard(call, 'tickets.use');
      if (auth instanceof Response) return auth;
      const found = ticketOf(auth, t.id);
      if (found instanceof Response) return found;
      const input = checkBody(TicketReplyRequest, call.body);
      if (!input.ok) return input.response;
      const { body, attachments: ids } = input.value;
      if (!body && ids.length === 0) return fieldFail('body', 'Write a reply or attach a file.');
      const attachments = api.claimUploads(auth, ids);
      if (attachments instanceof Response) return attachments;
      const reply: TicketEntry = { id: fakeId(`entry:${++seq}`), kind: 'reply', side: 'client', at: tick(), author: auth.actor, body, attachments };
      const reopen = found.status === 'completed';
      if (reopen) found.status = 'open';
      addEntries(found, reopen ? [reply, statusEntry(auth, 'open')] : [reply]);
      return json(found);
    });
    api.on(subscribersRoute(t.id), (call) => {
      const auth = guard(call, 'tickets.use');
      if (auth instanceof Response) return auth;
      const found = ticketOf(auth, t.id);
      if (found instanceof Response) return found;
      const input = checkBody(TicketSubscribersRequest, call.body);
      if (!input.ok) return input.response;
      const people = peopleOf(auth.accountId);
      const ids = [...new Set(input.value.userIds)].filter((id) => id !== found.createdBy.userId);
      const unknown = ids.filter((id) => !people.some((p) => p.id === id));
      if (unknown.length) return fieldFail('userIds', `No active login of this account has the id ${unknown.join(', ')}.`);
      found.subscribers = people.filter((p) => ids.includes(p.id));
      return json(found);
    });
    api.on(statusRoute(t.id), (call) => {
      const auth = guard(call, 'tickets.use');
      if (auth instanceof Response) return auth;
      const found = ticketOf(auth, t.id);
      if (found instanceof Response) return found;
      const input = checkBody(TicketStatusRequest, call.body);
      if (!input.ok) return input.response;
      if (input.value.status !== found.status) {
        found.status = input.value.status;
        addEntries(found, [statusEntry(auth, input.value.status)]);
      }
      return json(found);
    });
    for (const f of t.fields) for (const a of f.attachments ?? []) serveAttachment(t, a);
    for (const e of t.entries) {
      if (e.kind === 'estimate') api.on(decisionRoute(t.id, e.id), (call) => decideEstimate(call, t.id, e.id));
      for (const a of e.attachments) serveAttachment(t, a);
    }
  }

  // ---- seeds ------------------------------------------------------------------------------

  for (const seed of o.tickets ?? []) {
    const author = seed.author ?? dana;
    const type = types.find((x) => x.id === seed.type) ?? types[0]!;
    const createdAt = seed.createdAt ?? tick();
    seq++;
    const t: Ticket = {
      id: fakeId(`ticket:${seed.subject}:${seq}`),
      accountId: accountOf(author),
      number: seed.number ?? `T-${1000 + seq}`,
      subject: seed.subject,
      requestType: { id: type.id, label: type.label },
      status: seed.status ?? 'open',
      createdAt,
      createdBy: userActor(author),
      updatedAt: createdAt,
      lastSide: 'client',
      entryCount: 0,
      estimatePending: false,
      fields: seed.fields ?? [],
      subscribers: (seed.subscribers ?? []).map(personOf),
      entries: (seed.entries ?? []).map((e, i) => ({
        id: fakeId(`entry:${++seq}`),
        kind: e.kind ?? (e.estimate ? 'estimate' : 'reply'),
        side: e.side ?? (e.estimate ? 'dealer' : 'client'),
        at: e.at ?? new Date(Date.parse(createdAt) + (i + 1) * 3_600_000).toISOString(),
        author: e.author ?? ((e.side ?? (e.estimate ? 'dealer' : 'client')) === 'dealer' ? staff : userActor(author)),
        body: e.body ?? e.estimate?.description ?? '',
        attachments: e.attachments ?? [],
        ...(e.estimate
          ? { estimate: { currency: 'USD', description: e.body ?? '', status: 'proposed' as const, decidedAt: null, decidedBy: null, decisionNote: null, ...e.estimate } }
          : {}),
        ...(e.status ? { status: e.status } : {}),
      })),
    };
    summarize(t);
    state.tickets.push(t);
    serveTicket(t);
  }

  // ---- the collection's routes ------------------------------------------------------------

  api.on('GET /v1/tickets/request-types', (call) => {
    const auth = guard(call);
    if (auth instanceof Response) return auth;
    return json({ items: types.filter((t) => t.active) });
  });

  api.on('GET /v1/tickets/people', (call) => {
    const auth = guard(call);
    if (auth instanceof Response) return auth;
    return json({ items: peopleOf(auth.accountId) });
  });

  api.on('GET /v1/tickets', (call) => {
    const auth = guard(call);
    if (auth instanceof Response) return auth;
    const input = checkQuery(TicketQuery, call.search);
    if (!input.ok) return input.response;
    const { status = 'open', q, limit = TICKET_PAGE_SIZE, cursor } = input.value;
    const words = fold(q ?? '').split(/\s+/).filter(Boolean);
    const matching = state.tickets
      .filter((t) => t.accountId === auth.accountId && (status === 'all' || t.status === status) && words.every((w) => fold(t.subject).includes(w)))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    let start = 0;
    if (cursor) {
      const index = matching.findIndex((t) => `after:${t.id}` === cursor);
      if (index < 0) return fieldFail('cursor', 'The cursor is not valid.');
      start = index + 1;
    }
    const page = matching.slice(start, start + limit);
    const items: TicketSummary[] = page.map(({ fields: _f, subscribers: _s, entries: _e, ...summary }) => summary);
    const more = start + limit < matching.length;
    return json({ items, cursor: more ? `after:${page[page.length - 1]!.id}` : null });
  });

  api.on('POST /v1/tickets', (call) => {
    const auth = guard(call, 'tickets.use');
    if (auth instanceof Response) return auth;
    state.created.push(call.body);
    const input = checkBody(CreateTicketRequest, call.body);
    if (!input.ok) return input.response;
    const body = input.value;
    const active = types.filter((t) => t.active);
    const type = active.find((t) => t.id === body.requestType);
    if (!type) return fieldFail('requestType', `There is no request type "${body.requestType}" to choose. Choose one of: ${active.map((t) => t.label).join(', ')}.`);
    const checked = checkFieldValues(type, body.fields);
    if (Object.keys(checked.errors).length) {
      return fail('VALIDATION_FAILED', undefined, Object.fromEntries(Object.entries(checked.errors).map(([id, m]) => [id === 'fields' ? id : `fields.${id}`, m])));
    }
    const people = peopleOf(auth.accountId);
    const subscriberIds = [...new Set(body.subscribers)].filter((id) => id !== auth.userId);
    const unknown = subscriberIds.filter((id) => !people.some((p) => p.id === id));
    if (unknown.length) return fieldFail('subscribers', `No active login of this account has the id ${unknown.join(', ')}.`);
    const fields: TicketField[] = [];
    for (const f of type.fields) {
      const value = checked.values[f.id];
      if (value === undefined) continue;
      if (Array.isArray(value)) {
        const attachments = api.claimUploads(auth, value, () => `fields.${f.id}`);
        if (attachments instanceof Response) return attachments;
        fields.push({ id: f.id, label: f.label, kind: f.kind, value: '', attachments });
      } else fields.push({ id: f.id, label: f.label, kind: f.kind, value });
    }
    const at = tick();
    seq++;
    const t: Ticket = {
      id: fakeId(`ticket:new:${seq}`),
      accountId: auth.accountId,
      number: `T-${1000 + seq}`,
      subject: body.subject,
      requestType: { id: type.id, label: type.label },
      status: 'open',
      createdAt: at,
      createdBy: auth.actor,
      updatedAt: at,
      lastSide: 'client',
      entryCount: 0,
      estimatePending: false,
      fields,
      subscribers: people.filter((p) => subscriberIds.includes(p.id)),
      entries: [],
    };
    state.tickets.push(t);
    serveTicket(t);
    return json(t, 201);
  });

  return state;
}
