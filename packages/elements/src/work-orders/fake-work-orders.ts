/**
 * Test helper: work orders and sites on the fake API (through its `on` hook),
 * answering like the server (packages/server/src/features/work-orders): the account's sites,
 * the list (open / closed / all, newest first, cursor pages), one work order, new work orders
 * checked with core's REAL request schema and `preferredWindowErrors` (so this fake cannot drift
 * from the form's rules) and the server's site / system / photo messages, client notes
 * (refused once closed) and photo downloads. Photos are uploaded to the fake API's own
 * POST /v1/uploads (`api.uploads`) and claimed from there, as the server does.
 * `work-orders.submit` is checked for every write, as the server does. Mount with a client from
 * `signedInClient(api, user)`.
 */
import {
  CreateWorkOrderRequest,
  preferredWindowErrors,
  WORK_ORDER_PAGE_SIZE,
  WORK_ORDER_STATUS_LABELS,
  WorkOrderNoteRequest,
  WorkOrderQuery,
  isOpenWorkOrderStatus,
  type Actor,
  type Attachment,
  type Permission,
  type Site,
  type WorkOrder,
  type WorkOrderNote,
  type WorkOrderStatus,
  type WorkOrderSummary,
} from '@porchlight/core';
import { checkBody, checkQuery, dana, fail, fakeId, json, type FakeApi, type FakeAuth, type FakeCall, type FakeUpload, type FakeUser } from '../testing/fake-api.js';
import { fileResponse } from '../testing/fake-files.js';

export { UPLOAD_ROUTE } from '../testing/fake-api.js';

/** Two sites: Main building (intrusion and fire panels) and Pool house (cameras). */
export const SAMPLE_SITES: Site[] = [
  {
    id: 'S-100',
    name: 'Main building',
    address: '12 Harbor Rd, Springfield',
    systems: [
      { id: 'P-1', name: 'Intrusion panel', kind: 'intrusion' },
      { id: 'F-1', name: 'Fire panel', kind: 'fire' },
    ],
  },
  { id: 'S-200', name: 'Pool house', address: null, systems: [{ id: 'C-1', name: 'Pool cameras', kind: 'cameras' }] },
];

/** The dealer's people, as the portal sees them. */
export const DISPATCH: Actor = { kind: 'admin', name: 'admin Pat Dispatcher' };

export interface FakeWorkOrderSeed {
  note: string;
  /** A site id of the fake's sites; none: a general request. */
  site?: string;
  system?: string;
  requestType?: WorkOrder['requestType'];
  /** The steps after `submitted`, oldest first. */
  steps?: Array<{ status: Exclude<WorkOrderStatus, 'submitted'>; at: string; note?: string }>;
  createdAt?: string;
  /** Who sent it (default Dana). */
  by?: FakeUser;
  notes?: Array<{ side: WorkOrderNote['side']; body: string; at: string; author?: Actor }>;
  photos?: Array<{ filename: string; contentType?: Attachment['contentType']; text?: string }>;
  preferredWindows?: WorkOrder['preferredWindows'];
  externalRef?: string;
}

export interface FakeWorkOrders {
  sites: Site[];
  /** Every work order, oldest first (the list answers newest first). */
  workOrders: WorkOrder[];
  /** The fake API's uploads (POST /v1/uploads). */
  uploads: FakeUpload[];
  /** Bodies of POST /v1/work-orders, as received. */
  created: unknown[];
  /** What the dealer's system reports (appends a step). */
  setStatus(workOrderId: string, status: Exclude<WorkOrderStatus, 'submitted'>, at: string, note?: string): WorkOrder;
  /** A note from the dealer. */
  dealerNote(workOrderId: string, body: string, at?: string): WorkOrderNote;
  byNumber(number: string): WorkOrder;
}

export const SITES_ROUTE = 'GET /v1/sites';
export const LIST_ROUTE = 'GET /v1/work-orders';
export const CREATE_ROUTE = 'POST /v1/work-orders';
export const workOrderRoute = (id: string) => `GET /v1/work-orders/${id}`;
export const noteRoute = (id: string) => `POST /v1/work-orders/${id}/notes`;
export const photoRoute = (id: string, attachmentId: string) => `GET /v1/work-orders/${id}/photos/${attachmentId}`;

const SUBMIT: Permission = 'work-orders.submit';

/** The first bytes of a PNG: enough for the fake (and the server) to read it as one. */
export const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

/** A PNG file as a person chooses it. */
export function pngFile(name: string): File {
  return new File([PNG_BYTES], name, { type: 'image/png' });
}

function summaryOf(wo: WorkOrder): WorkOrderSummary {
  const { photos, preferredWindows: _w, timeline: _t, notes, ...rest } = wo;
  return { ...rest, photoCount: photos.length, noteCount: notes.length, lastNoteSide: notes.length ? notes[notes.length - 1]!.side : null };
}

/** Serves sites and work orders; returns the state to inspect. */
export function withWorkOrders(api: FakeApi, o: { sites?: Site[]; workOrders?: FakeWorkOrderSeed[] } = {}): FakeWorkOrders {
  let seq = 0;
  let count = 0;
  const accountOf = (u: FakeUser) => fakeId(`account:${u.identifier}`);
  const actorOf = (u: FakeUser, emulatedBy: { adminId: string; name: string } | null = null): Actor =>
    emulatedBy ? { kind: 'emulation', userId: api.idOf(u), name: `${emulatedBy.name} as ${u.role ?? 'manager'} ${u.name}` } : { kind: 'user', userId: api.idOf(u), name: u.name };

  const state: FakeWorkOrders = {
    sites: (o.sites ?? SAMPLE_SITES).map((s) => ({ ...s, systems: s.systems.map((y) => ({ ...y })) })),
    workOrders: [],
    uploads: api.uploads,
    created: [],
    setStatus(workOrderId, status, at, note) {
      const wo = find(workOrderId);
      wo.timeline.push({ status, at, note: note ?? null, by: DISPATCH });
      wo.status = status;
      wo.statusAt = at;
      wo.updatedAt = at;
      return wo;
    },
    dealerNote(workOrderId, body, at = new Date().toISOString()) {
      const wo = find(workOrderId);
      const note: WorkOrderNote = { id: fakeId(`wo-note:${++seq}`), side: 'dealer', author: DISPATCH, at, body };
      wo.notes.push(note);
      wo.updatedAt = at;
      return note;
    },
    byNumber(number) {
      const wo = state.workOrders.find((w) => w.number === number);
      if (!wo) throw new Error(`no work order ${number}`);
      return wo;
    },
  };

  function find(id: string): WorkOrder {
    const wo = state.workOrders.find((w) => w.id === id);
    if (!wo) throw new Error(`no work order ${id}`);
    return wo;
  }

  type Auth = FakeAuth;
  /** requireSession (+ requirePermission): the caller, or the server's refusal. */
  const guard = (call: FakeCall, permission?: Permission) => api.authorize(call, permission);

  function ofAccount(auth: Auth, id: string): WorkOrder | Response {
    const wo = state.workOrders.find((w) => w.id === id && w.accountId === auth.accountId);
    return wo ?? fail('NOT_FOUND', 'No such work order.');
  }

  /** The routes of one work order (the fake API matches `on` patterns only for its own routes). */
  function serve(wo: WorkOrder): void {
    api.on(workOrderRoute(wo.id), (call) => {
      const auth = guard(call);
      if (auth instanceof Response) return auth;
      const found = ofAccount(auth, wo.id);
      return found instanceof Response ? found : json(found);
    });
    api.on(noteRoute(wo.id), (call) => addNote(call, wo.id));
    for (const p of wo.photos) servePhoto(wo, p);
  }

  function servePhoto(wo: WorkOrder, a: Attachment): void {
    api.on(photoRoute(wo.id, a.id), (call) => {
      const auth = guard(call);
      if (auth instanceof Response) return auth;
      const found = ofAccount(auth, wo.id);
      if (found instanceof Response) return found;
      const bytes = state.uploads.find((u) => u.upload.id === a.id)?.bytes ?? new TextEncoder().encode(`${a.filename}\n`);
      return fileResponse(bytes.slice().buffer, a.filename, a.contentType);
    });
  }

  function addNote(call: FakeCall, id: string): Response {
    const auth = guard(call, SUBMIT);
    if (auth instanceof Response) return auth;
    const input = checkBody(WorkOrderNoteRequest, call.body);
    if (!input.ok) return input.response;
    const wo = ofAccount(auth, id);
    if (wo instanceof Response) return wo;
    if (!isOpenWorkOrderStatus(wo.status)) {
      return fail('CONFLICT', `Work order ${wo.number} is ${WORK_ORDER_STATUS_LABELS[wo.status].toLowerCase()}: it takes no more notes. Send a new work order if you need more service.`);
    }
    const at = new Date().toISOString();
    wo.notes.push({ id: fakeId(`wo-note:${++seq}`), side: 'client', author: auth.actor, at, body: input.value.body });
    wo.updatedAt = at;
    return json(wo, 201);
  }

  function add(wo: WorkOrder): WorkOrder {
    state.workOrders.push(wo);
    serve(wo);
    return wo;
  }

  // ---- seeds ----
  for (const [i, seed] of (o.workOrders ?? []).entries()) {
    const by = seed.by ?? dana;
    const createdAt = seed.createdAt ?? new Date(Date.parse('2026-01-10T15:00:00.000Z') + i * 3_600_000).toISOString();
    const site = seed.site ? state.sites.find((s) => s.id === seed.site) : undefined;
    const system = site?.systems.find((y) => y.id === seed.system) ?? site?.systems[0];
    const id = fakeId(`work-order:${++seq}`);
    const photos: Attachment[] = (seed.photos ?? []).map((p, j) => {
      const bytes = p.contentType === 'image/jpeg' ? new Uint8Array([0xff, 0xd8, 0xff, 0xe0]) : PNG_BYTES;
      const a: Attachment = { id: fakeId(`wo-photo:${seq}:${j}`), filename: p.filename, contentType: p.contentType ?? 'image/png', size: bytes.length, sha256: '0'.repeat(64) };
      state.uploads.push({ upload: { ...a, uploadedAt: createdAt, expiresAt: createdAt }, bytes, ownerId: api.idOf(by), used: true });
      return a;
    });
    const timeline: WorkOrder['timeline'] = [{ status: 'submitted', at: createdAt, note: null, by: actorOf(by) }, ...(seed.steps ?? []).map((st) => ({ status: st.status, at: st.at, note: st.note ?? null, by: DISPATCH }))];
    const last = timeline[timeline.length - 1]!;
    count++;
    add({
      id,
      number: `WO-${1000 + count}`,
      accountId: accountOf(by),
      kind: site ? 'site' : 'general',
      site: site ? { id: site.id, name: site.name } : null,
      system: site && system ? { id: system.id, name: system.name, kind: system.kind } : null,
      requestType: seed.requestType ?? 'repair',
      note: seed.note,
      status: last.status,
      statusAt: last.at,
      createdAt,
      createdBy: actorOf(by),
      updatedAt: last.at,
      externalRef: seed.externalRef ?? null,
      photos,
      preferredWindows: seed.preferredWindows ?? [],
      timeline,
      notes: (seed.notes ?? []).map((n) => ({ id: fakeId(`wo-note:${++seq}`), side: n.side, author: n.author ?? (n.side === 'dealer' ? DISPATCH : actorOf(by)), at: n.at, body: n.body })),
    });
  }

  // ---- routes ----
  api.on(SITES_ROUTE, (call) => {
    const auth = guard(call);
    if (auth instanceof Response) return auth;
    return json({ items: state.sites, updatedAt: state.sites.length ? '2026-01-01T00:00:00.000Z' : null });
  });

  api.on(LIST_ROUTE, (call) => {
    const auth = guard(call);
    if (auth instanceof Response) return auth;
    const parsed = checkQuery(WorkOrderQuery, call.search);
    if (!parsed.ok) return parsed.response;
    const { status = 'open', limit = WORK_ORDER_PAGE_SIZE, cursor } = parsed.value;
    const newestFirst = state.workOrders
      .filter((w) => w.accountId === auth.accountId)
      .filter((w) => status === 'all' || (status === 'open') === isOpenWorkOrderStatus(w.status))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    let start = 0;
    if (cursor) {
      const index = newestFirst.findIndex((w) => `after:${w.id}` === cursor);
      if (index < 0) return fail('VALIDATION_FAILED', 'The cursor is not valid.', { cursor: 'The cursor is not valid.' });
      start = index + 1;
    }
    const items = newestFirst.slice(start, start + limit);
    const more = start + limit < newestFirst.length;
    return json({ items: items.map(summaryOf), cursor: more ? `after:${items[items.length - 1]!.id}` : null });
  });

  api.on(CREATE_ROUTE, (call) => {
    const auth = guard(call, SUBMIT);
    if (auth instanceof Response) return auth;
    state.created.push(call.body);
    const input = checkBody(CreateWorkOrderRequest, call.body);
    if (!input.ok) return input.response;
    const body = input.value;
    // As the service: the windows against the clock, the site and system against the synced sites, then the photos.
    const errors: Record<string, string> = preferredWindowErrors(body.preferredWindows, Date.now());
    let site: Site | undefined;
    let system: Site['systems'][number] | undefined;
    if (body.kind === 'general') {
      if (body.siteId !== undefined) errors.siteId = 'A general request names no site. Send a site work order instead.';
      if (body.systemId !== undefined) errors.systemId = 'A general request names no system.';
    } else {
      if (body.siteId === undefined) errors.siteId = 'Choose the site.';
      if (body.systemId === undefined) errors.systemId = 'Choose the alarm system.';
      if (body.siteId !== undefined && body.systemId !== undefined) {
        site = state.sites.find((s) => s.id === body.siteId);
        if (!site) errors.siteId = state.sites.length ? 'This account has no such site. Choose one of its sites.' : 'This account has no sites yet. Send a general request instead.';
        else {
          system = site.systems.find((y) => y.id === body.systemId);
          if (!system) {
            const elsewhere = state.sites.find((s) => s.systems.some((y) => y.id === body.systemId));
            errors.systemId = elsewhere ? `This system belongs to ${elsewhere.name}, not to ${site.name}.` : `${site.name} has no such system. Choose one of its systems.`;
          }
        }
      }
    }
    if (Object.keys(errors).length) return fail('VALIDATION_FAILED', undefined, errors);
    const photos = api.claimUploads(auth, body.photos, (_id, i) => `photos.${i}`);
    if (photos instanceof Response) return photos;
    const at = new Date().toISOString();
    count++;
    const wo = add({
      id: fakeId(`work-order:${++seq}`),
      number: `WO-${1000 + count}`,
      accountId: auth.accountId,
      kind: body.kind,
      site: site ? { id: site.id, name: site.name } : null,
      system: system ? { id: system.id, name: system.name, kind: system.kind } : null,
      requestType: body.requestType,
      note: body.note,
      status: 'submitted',
      statusAt: at,
      createdAt: at,
      createdBy: auth.actor,
      updatedAt: at,
      externalRef: null,
      photos,
      preferredWindows: body.preferredWindows.map((w) => ({ date: w.date, part: w.part })),
      timeline: [{ status: 'submitted', at, note: null, by: auth.actor }],
      notes: [],
    });
    return json(wo, 201);
  });

  return state;
}
