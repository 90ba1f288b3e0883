/**
 * Test helper: support tickets and request types on the fake admin API (through its `on` hook),
 * answering like the server's back-office routes: the list with status / q / accountId / cursor,
 * one ticket, replies (which may complete or reopen it), status changes, estimates and their
 * withdrawal, uploads (raw bytes, type read from the content) and attachment downloads, and the
 * request types (checked with core's RequestTypeList schema and `checkRequestTypes`). Every body
 * and query goes through core's real schemas, so the fake cannot drift from the contract.
 */
import * as v from 'valibot';
import {
  AdminTicketQuery,
  AdminTicketReplyRequest,
  checkRequestTypes,
  CreateEstimateRequest,
  MAX_PENDING_UPLOADS,
  RequestTypeList,
  TICKET_PAGE_SIZE,
  TicketStatusRequest,
  UPLOAD_MAX_BYTES,
  UPLOAD_TTL_HOURS,
  UploadQuery,
  type Actor,
  type AdminTicketSummary,
  type Attachment,
  type RequestType,
  type Ticket,
  type TicketEntry,
  type TicketField,
  type TicketStatus,
  type Upload,
} from '@porchlight/core';
import { fakeId } from '../../testing/fake-api.js';
import { fileResponse, inspectFile } from '../../testing/fake-files.js';
import { adminActor, checkBody, checkQuery, fail, json, type FakeAdminApi } from './fake-admin-api.js';
import { addFixtureAccounts, ids } from './fake-admin-kit.js';

const at = (minutesAgo: number) => new Date(Date.UTC(2026, 0, 15, 15, 0) - minutesAgo * 60_000).toISOString();
const person = (userId: string, name: string): Actor => ({ kind: 'user', userId, name });
const olivia: Actor = { kind: 'admin', adminId: 'staff_olivia', name: 'admin Olivia Park' };

/** The dealer's request types of the seed: two offered, one retired. */
export function seedRequestTypes(): RequestType[] {
  return [
    {
      id: 'service',
      label: 'Service visit',
      description: 'Something does not work: we come and fix it.',
      active: true,
      fields: [
        { id: 'problem', label: 'What is wrong?', kind: 'long-text', required: true },
        { id: 'zone', label: 'Which area?', kind: 'choice', required: false, options: ['Front door', 'Back door', 'Garage', 'Other'] },
        { id: 'preferred-date', label: 'Preferred date', kind: 'date', required: false, help: 'We confirm by phone.' },
        { id: 'photos', label: 'Photos', kind: 'file', required: false },
      ],
    },
    { id: 'billing', label: 'Billing question', active: true, fields: [{ id: 'invoice', label: 'Invoice number', kind: 'text', required: false, maxLength: 20 }] },
    { id: 'panel-upgrade-2024', label: 'Panel upgrade (2024 offer)', active: false, fields: [] },
  ];
}

/** A file of the seed (its bytes are "%PDF-1.7 <name>" or a PNG header). */
function file(name: string, type: Attachment['contentType'] = 'application/pdf'): Attachment {
  return { id: fakeId(`attachment:${name}`), filename: name, contentType: type, size: 1200, sha256: '0'.repeat(64) };
}

function entry(fields: Partial<TicketEntry> & Pick<TicketEntry, 'side' | 'author' | 'at'>): TicketEntry {
  return { id: fakeId(`entry:${fields.at}:${fields.body ?? ''}:${Math.random()}`), kind: 'reply', body: '', attachments: [], ...fields };
}

/** A ticket as the server stores it; lastSide, entryCount and estimatePending follow its entries. */
export function fakeTicket(fields: Partial<Ticket> & Pick<Ticket, 'number' | 'subject' | 'accountId'>): Ticket {
  const created = fields.createdAt ?? at(60 * 24);
  const ticket: Ticket = {
    id: fakeId(`ticket:${fields.number}`),
    requestType: { id: 'service', label: 'Service visit' },
    status: 'open',
    createdAt: created,
    createdBy: person(ids.chris, 'Chris Baker'),
    updatedAt: created,
    lastSide: 'client',
    entryCount: 0,
    estimatePending: false,
    fields: [],
    subscribers: [],
    entries: [],
    ...fields,
  };
  return settle(ticket);
}

/** Derived fields from the entries. */
function settle(ticket: Ticket): Ticket {
  const replies = ticket.entries.filter((e) => e.kind !== 'status');
  ticket.entryCount = ticket.entries.length;
  ticket.lastSide = replies.at(-1)?.side ?? 'client';
  ticket.estimatePending = ticket.entries.some((e) => e.kind === 'estimate' && e.estimate?.status === 'proposed');
  if (ticket.entries.length) ticket.updatedAt = ticket.entries.reduce((latest, e) => (e.at > latest ? e.at : latest), ticket.updatedAt);
  return ticket;
}

/**
 * The seed: four tickets of the fixture accounts (Cedar Court Offices, Willow Creek Clinic).
 * T-1042 open, the client replied last, with form answers, a photo and files in the thread;
 * T-1041 open with an estimate waiting; T-1040 completed, estimate approved; T-1039 open.
 */
export function seedTickets(): Ticket[] {
  const chris = person(ids.chris, 'Chris Baker');
  const ana = person(ids.ana, 'Ana Silva');
  const serviceFields = (problem: string, zone: string, photos: Attachment[] = []): TicketField[] => [
    { id: 'problem', label: 'What is wrong?', kind: 'long-text', value: problem },
    { id: 'zone', label: 'Which area?', kind: 'choice', value: zone },
    { id: 'preferred-date', label: 'Preferred date', kind: 'date', value: '' },
    { id: 'photos', label: 'Photos', kind: 'file', value: '', attachments: photos },
  ];
  return [
    fakeTicket({
      number: 'T-1042',
      subject: 'Front door sensor beeps',
      accountId: ids.cedar,
      createdAt: at(300),
      fields: serviceFields('The sensor beeps twice every hour.\nSince Monday.', 'Front door', [file('sensor.png', 'image/png')]),
      subscribers: [{ id: ids.robin, name: 'Robin Diaz' }],
      entries: [
        entry({ side: 'dealer', author: olivia, at: at(240), body: 'Thanks, Chris. Is the battery light on?' }),
        entry({ side: 'client', author: chris, at: at(30), body: 'Yes, it blinks.\n<b>Not bold</b> — see the log.', attachments: [file('panel-log.pdf')] }),
      ],
    }),
    fakeTicket({
      number: 'T-1041',
      subject: 'Question about the March invoice',
      accountId: ids.willow,
      createdBy: ana,
      createdAt: at(600),
      requestType: { id: 'billing', label: 'Billing question' },
      fields: [{ id: 'invoice', label: 'Invoice number', kind: 'text', value: 'INV-2231' }],
      entries: [
        entry({ side: 'dealer', author: olivia, kind: 'estimate', at: at(120), body: 'Replace the outdoor siren.', estimate: { amountCents: 34900, currency: 'USD', description: 'Replace the outdoor siren.', status: 'proposed', decidedAt: null, decidedBy: null, decisionNote: null } }),
      ],
    }),
    fakeTicket({
      number: 'T-1040',
      subject: 'Garage keypad replacement',
      accountId: ids.cedar,
      status: 'completed',
      createdAt: at(60 * 24 * 5),
      fields: serviceFields('The keypad is cracked.', 'Garage'),
      entries: [
        entry({ side: 'dealer', author: olivia, kind: 'estimate', at: at(60 * 24 * 4), body: 'New keypad, installed.', estimate: { amountCents: 125050, currency: 'USD', description: 'New keypad, installed.', status: 'approved', decidedAt: at(60 * 24 * 3), decidedBy: chris, decisionNote: 'Go ahead, mornings are best.' } }),
        entry({ side: 'dealer', author: olivia, kind: 'status', at: at(60 * 24 * 2), body: 'Marked completed', status: 'completed' }),
      ],
    }),
    fakeTicket({ number: 'T-1039', subject: 'Add a user code for the cleaner', accountId: ids.willow, createdBy: ana, createdAt: at(60 * 24 * 2), fields: serviceFields('Please add a code.', 'Other') }),
  ];
}

export interface FakeAdminTickets {
  tickets: Ticket[];
  requestTypes: RequestType[];
  /** Uploads not attached yet, with their bytes. */
  uploads: Map<string, { upload: Upload; bytes: Uint8Array }>;
  /** Adds a ticket (and its routes). */
  add(ticket: Ticket): Ticket;
  byNumber(number: string): Ticket;
}

/** Routes of one ticket, for `api.on`, `api.callsTo` and `api.hold`. */
export const ticketRoutes = (id: string) => ({
  get: `GET /v1/admin/tickets/${id}`,
  status: `PATCH /v1/admin/tickets/${id}`,
  replies: `POST /v1/admin/tickets/${id}/replies`,
  estimates: `POST /v1/admin/tickets/${id}/estimates`,
  withdraw: (entryId: string) => `POST /v1/admin/tickets/${id}/estimates/${entryId}/withdraw`,
  attachment: (attachmentId: string) => `GET /v1/admin/tickets/${id}/attachments/${attachmentId}`,
});

/** Serves tickets and request types on `api` (install before mounting); returns the state to inspect. */
export function withAdminTickets(api: FakeAdminApi, o: { tickets?: Ticket[]; requestTypes?: RequestType[] } = {}): FakeAdminTickets {
  addFixtureAccounts(api);
  const bytesOf = new Map<string, Uint8Array>();
  let next = 1;
  const state: FakeAdminTickets = {
    tickets: [],
    requestTypes: o.requestTypes ?? seedRequestTypes(),
    uploads: new Map(),
    add(ticket) {
      state.tickets.push(ticket);
      register(ticket);
      return ticket;
    },
    byNumber(number) {
      const found = state.tickets.find((t) => t.number === number);
      if (!found) throw new Error(`no ticket ${number}`);
      return found;
    },
  };

  const accountName = (id: string) => api.accounts.find((a) => a.id === id)?.name ?? 'Unknown account';
  const summary = (t: Ticket): AdminTicketSummary => {
    const { fields: _f, subscribers: _s, entries: _e, ...rest } = t;
    return { ...rest, accountName: accountName(t.accountId) };
  };
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

  const fileRoute = (ticket: Ticket, a: Attachment) =>
    api.on(ticketRoutes(ticket.id).attachment(a.id), (call) => {
      const who = api.authorize(call, 'accounts.read');
      if (who instanceof Response) return who;
      const bytes = bytesOf.get(a.id) ?? new TextEncoder().encode(a.contentType === 'image/png' ? '\x89PNG fake' : `%PDF-1.7 ${a.filename}`);
      return fileResponse(bytes.slice().buffer, a.filename, a.contentType);
    });

  const withdrawRoute = (ticket: Ticket, e: TicketEntry) =>
    api.on(ticketRoutes(ticket.id).withdraw(e.id), (call) => {
      const who = api.authorize(call, 'tickets.reply');
      if (who instanceof Response) return who;
      const checked = checkBody(v.strictObject({}), call.body);
      if (!checked.ok) return checked.response;
      if (e.estimate?.status !== 'proposed') return fail('CONFLICT', 'This estimate was already decided or withdrawn.');
      e.estimate = { ...e.estimate, status: 'withdrawn', decidedAt: new Date().toISOString(), decidedBy: adminActor(who) };
      ticket.updatedAt = new Date().toISOString();
      settle(ticket);
      return json(ticket);
    });

  /** Registers the routes of a ticket (and of its files and estimates). */
  function register(ticket: Ticket): void {
    const r = ticketRoutes(ticket.id);
    for (const f of ticket.fields) for (const a of f.attachments ?? []) fileRoute(ticket, a);
    for (const e of ticket.entries) {
      for (const a of e.attachments) fileRoute(ticket, a);
      if (e.kind === 'estimate') withdrawRoute(ticket, e);
    }

    api.on(r.get, (call) => {
      const who = api.authorize(call, 'accounts.read');
      return who instanceof Response ? who : json(ticket);
    });

    const changeStatus = (status: TicketStatus, actor: Actor) => {
      if (ticket.status === status) return;
      ticket.status = status;
      ticket.entries.push({ id: fakeId(`entry:${next++}`), kind: 'status', side: 'dealer', at: new Date().toISOString(), author: actor, body: status === 'completed' ? 'Marked completed' : 'Reopened', attachments: [], status });
    };

    api.on(r.status, (call) => {
      const who = api.authorize(call, 'tickets.reply');
      if (who instanceof Response) return who;
      const checked = checkBody(TicketStatusRequest, call.body);
      if (!checked.ok) return checked.response;
      changeStatus(checked.value.status, adminActor(who));
      ticket.updatedAt = new Date().toISOString();
      return json(settle(ticket));
    });

    api.on(r.replies, (call) => {
      const who = api.authorize(call, 'tickets.reply');
      if (who instanceof Response) return who;
      const checked = checkBody(AdminTicketReplyRequest, call.body);
      if (!checked.ok) return checked.response;
      const input = checked.value;
      if (!input.body && !input.attachments.length) return fail('VALIDATION_FAILED', undefined, { body: 'Write a reply or attach a file.' });
      const missing = input.attachments.filter((id) => !state.uploads.has(id));
      if (missing.length) return fail('VALIDATION_FAILED', undefined, { attachments: 'A file was not uploaded, or it expired. Attach it again.' });
      const attachments = input.attachments.map((id) => {
        const { upload, bytes } = state.uploads.get(id)!;
        state.uploads.delete(id);
        bytesOf.set(upload.id, bytes);
        const { uploadedAt: _u, expiresAt: _x, ...attachment } = upload;
        return attachment;
      });
      const actor = adminActor(who);
      const now = new Date().toISOString();
      ticket.entries.push({ id: fakeId(`entry:${next++}`), kind: 'reply', side: 'dealer', at: now, author: actor, body: input.body, attachments });
      for (const a of attachments) fileRoute(ticket, a);
      if (input.status) changeStatus(input.status, actor);
      ticket.updatedAt = now;
      return json(settle(ticket));
    });

    api.on(r.estimates, (call) => {
      const who = api.authorize(call, 'tickets.reply');
      if (who instanceof Response) return who;
      const checked = checkBody(CreateEstimateRequest, call.body);
      if (!checked.ok) return checked.response;
      const { amountCents, currency, description } = checked.value;
      const added: TicketEntry = {
        id: fakeId(`entry:${next++}`),
        kind: 'estimate',
        side: 'dealer',
        at: new Date().toISOString(),
        author: adminActor(who),
        body: description,
        attachments: [],
        estimate: { amountCents, currency, description, status: 'proposed', decidedAt: null, decidedBy: null, decisionNote: null },
      };
      ticket.entries.push(added);
      withdrawRoute(ticket, added);
      ticket.updatedAt = added.at;
      return json(settle(ticket), 201);
    });
  }

  api.on('GET /v1/admin/tickets', (call) => {
    const who = api.authorize(call, 'accounts.read');
    if (who instanceof Response) return who;
    const checked = checkQuery(AdminTicketQuery, call.search);
    if (!checked.ok) return checked.response;
    const q = checked.value;
    const status = q.status ?? 'open';
    const words = fold(q.q ?? '').split(/\s+/).filter(Boolean);
    const found = state.tickets
      .filter((t) => (status === 'all' || t.status === status) && (!q.accountId || t.accountId === q.accountId) && words.every((w) => fold(t.subject).includes(w)))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.number.localeCompare(a.number));
    const limit = q.limit ?? TICKET_PAGE_SIZE;
    const start = q.cursor ? Number(q.cursor) : 0;
    const end = start + limit;
    return json({ items: found.slice(start, end).map(summary), cursor: end < found.length ? String(end) : null });
  });

  api.on('POST /v1/admin/uploads', async (call) => {
    const who = api.authorize(call, 'tickets.reply');
    if (who instanceof Response) return who;
    const checked = checkQuery(UploadQuery, call.search);
    if (!checked.ok) return checked.response;
    const file = await inspectFile(call.raw, call.headers['content-type'], checked.value.filename, { maxBytes: UPLOAD_MAX_BYTES, action: 'upload' });
    if (file instanceof Response) return file;
    if (state.uploads.size >= MAX_PENDING_UPLOADS) return fail('LIMIT_REACHED', 'Too many files wait to be sent. Send or remove some first.');
    const now = Date.now();
    const upload: Upload = {
      id: fakeId(`upload:${next++}`),
      filename: file.filename,
      contentType: file.type,
      size: call.raw!.length,
      sha256: file.sha256,
      uploadedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + UPLOAD_TTL_HOURS * 3_600_000).toISOString(),
    };
    state.uploads.set(upload.id, { upload, bytes: call.raw! });
    return json(upload, 201);
  });

  api.on('GET /v1/admin/request-types', (call) => {
    const who = api.authorize(call, 'accounts.read');
    return who instanceof Response ? who : json({ items: state.requestTypes });
  });

  api.on('PUT /v1/admin/request-types', (call) => {
    const who = api.authorize(call, 'accounts.write');
    if (who instanceof Response) return who;
    const checked = checkBody(RequestTypeList, call.body);
    if (!checked.ok) return checked.response;
    const problems = checkRequestTypes(checked.value.items);
    if (Object.keys(problems).length) return fail('VALIDATION_FAILED', undefined, problems);
    state.requestTypes = checked.value.items;
    return json({ items: state.requestTypes });
  });

  for (const t of o.tickets ?? seedTickets()) state.add(t);
  return state;
}
