/**
 * Test helper: work orders, sites and photo uploads on the fake API (through its `on` hook),
 * answering like the server (packages/server/src/features/work-orders): the account's sites,
 * the list (open / closed / all, newest first, cursor pages), one work order, new work orders
 * checked with core's REAL request schema and `preferredWindowErrors` (so this fake cannot drift
 * from the form's rules) and the server's site / system / photo messages, client notes
 * (refused once closed), photo downloads, and uploads kept in memory with their type read from
 * the bytes. `work-orders.submit` is checked for every write, as the server does.
 *
 * The fake API reads request bodies as JSON, so an upload's bytes cannot reach it as they are:
 * use `state.client(user)`, whose fetch hands the bytes to this fake aside (as the admin kit does).
 */
import * as v from 'valibot';
import { createClient, type PorchlightClient } from '@porchlight/client';
import {
  CreateWorkOrderRequest,
  effectivePermissions,
  ErrorCodes,
  PERMISSION_LABELS,
  PERMISSIONS,
  preferredWindowErrors,
  UPLOAD_MAX_BYTES,
  WORK_ORDER_PAGE_SIZE,
  WORK_ORDER_STATUS_LABELS,
  WorkOrderNoteRequest,
  WorkOrderQuery,
  isOpenWorkOrderStatus,
  type Actor,
  type Attachment,
  type ErrorCode,
  type Permission,
  type Site,
  type Upload,
  type WorkOrder,
  type WorkOrderNote,
  type WorkOrderStatus,
  type WorkOrderSummary,
} from '@porchlight/core';
import { apiError, dana, fakeId, json, type FakeApi, type FakeCall, type FakeUser } from '../testing/fake-api.js';

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

export interface FakeUploadRecord {
  upload: Upload;
  bytes: Uint8Array;
  ownerId: string;
  used: boolean;
}

export interface FakeWorkOrders {
  sites: Site[];
  /** Every work order, oldest first (the list answers newest first). */
  workOrders: WorkOrder[];
  uploads: FakeUploadRecord[];
  /** Bodies of POST /v1/work-orders, as received. */
  created: unknown[];
  /** A client signed in as `user` (default Dana), optionally emulated, whose calls (uploads too) reach this fake. */
  client(user?: FakeUser, emulatedBy?: { adminId: string; name: string }): PorchlightClient;
  /** What the dealer's system reports (appends a step). */
  setStatus(workOrderId: string, status: Exclude<WorkOrderStatus, 'submitted'>, at: string, note?: string): WorkOrder;
  /** A note from the dealer. */
  dealerNote(workOrderId: string, body: string, at?: string): WorkOrderNote;
  byNumber(number: string): WorkOrder;
}

export const SITES_ROUTE = 'GET /v1/sites';
export const LIST_ROUTE = 'GET /v1/work-orders';
export const CREATE_ROUTE = 'POST /v1/work-orders';
export const UPLOAD_ROUTE = 'POST /v1/uploads';
export const workOrderRoute = (id: string) => `GET /v1/work-orders/${id}`;
export const noteRoute = (id: string) => `POST /v1/work-orders/${id}/notes`;
export const photoRoute = (id: string, attachmentId: string) => `GET /v1/work-orders/${id}/photos/${attachmentId}`;

const SUBMIT: Permission = 'work-orders.submit';
const UPLOAD_TTL_HOURS = 24;

function fail(code: ErrorCode, message?: string, fields?: Record<string, string>): Response {
  return apiError(code, message ?? ErrorCodes[code].message, ErrorCodes[code].status, fields);
}

/** Field messages from valibot issues, worded as the server words them (server http/body.ts). */
function issueFields(issues: readonly v.BaseIssue<unknown>[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = v.getDotPath(issue);
    const field = path || '(body)';
    if (fields[field]) continue;
    const unknownKey = issue.expected === 'never' && path;
    fields[field] = unknownKey
      ? 'This field is not accepted here.'
      : issue.message.startsWith('Invalid ')
        ? issue.received === 'undefined'
          ? 'This field is required.'
          : issue.kind === 'schema'
            ? `Expected ${issue.expected}, received ${issue.received}.`
            : issue.message
        : issue.message;
  }
  return fields;
}

function check<S extends v.GenericSchema>(schema: S, input: unknown): { ok: true; value: v.InferOutput<S> } | { ok: false; response: Response } {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { ok: false, response: fail('VALIDATION_FAILED', 'The request body must be a JSON object.') };
  const result = v.safeParse(schema, input);
  return result.success ? { ok: true, value: result.output } : { ok: false, response: fail('VALIDATION_FAILED', undefined, issueFields(result.issues)) };
}

/** The type read from the bytes, as the server does: PDF, PNG, JPEG or UTF-8 text. */
function detect(bytes: Uint8Array): Attachment['contentType'] | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return /[\x00-\x08\x0b\x0e-\x1f\x7f]/.test(text) ? null : 'text/plain';
  } catch {
    return null;
  }
}

const EXTENSIONS: Record<Attachment['contentType'], string> = { 'application/pdf': '.pdf', 'image/png': '.png', 'image/jpeg': '.jpg', 'text/plain': '.txt' };

function withExtension(name: string, type: Attachment['contentType']): string {
  const ext = EXTENSIONS[type];
  if (name.toLowerCase().endsWith(ext) || (type === 'image/jpeg' && /\.jpe?g$/i.test(name))) return name;
  return `${name.replace(/\.[A-Za-z0-9]{1,8}$/, '')}${ext}`;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new Uint8Array(bytes));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

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

/** Serves sites, work orders and uploads; returns the state to inspect and a client to use. */
export function withWorkOrders(api: FakeApi, o: { sites?: Site[]; workOrders?: FakeWorkOrderSeed[] } = {}): FakeWorkOrders {
  const sessions = new Map<string, { user: FakeUser; emulatedBy: { adminId: string; name: string } | null }>();
  const blobs = new Map<string, Blob>();
  let blobSeq = 0;
  let seq = 0;
  let count = 0;
  const accountOf = (u: FakeUser) => fakeId(`account:${u.identifier}`);
  const actorOf = (u: FakeUser, emulatedBy: { adminId: string; name: string } | null = null): Actor =>
    emulatedBy ? { kind: 'emulation', userId: api.idOf(u), name: `${emulatedBy.name} as ${u.role ?? 'manager'} ${u.name}` } : { kind: 'user', userId: api.idOf(u), name: u.name };

  const state: FakeWorkOrders = {
    sites: (o.sites ?? SAMPLE_SITES).map((s) => ({ ...s, systems: s.systems.map((y) => ({ ...y })) })),
    workOrders: [],
    uploads: [],
    created: [],
    client(user = dana, emulatedBy) {
      const token = `work-orders-${Math.random().toString(36).slice(2)}.secret`;
      api.addSession(token, user, emulatedBy);
      sessions.set(token, { user, emulatedBy: emulatedBy ?? null });
      const fetchThrough: typeof fetch = (input, init = {}) => {
        if (init.body instanceof Blob) {
          const key = `blob-${++blobSeq}`;
          blobs.set(key, init.body);
          init = { ...init, body: JSON.stringify({ $blob: key }) };
        }
        return api.fetch(input, init);
      };
      const client = createClient({ baseUrl: '/api/porchlight', dealer: 'lakeside', fetch: fetchThrough });
      client.setToken(token);
      return client;
    },
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

  interface Auth {
    user: FakeUser;
    actor: Actor;
    accountId: string;
    userId: string;
  }

  /** requireSession (+ requirePermission): the caller, or the server's refusal. */
  function guard(call: FakeCall, permission?: Permission): Auth | Response {
    const token = /^Bearer (.+)$/.exec(call.headers.authorization ?? '')?.[1];
    const found = token ? sessions.get(token) : undefined;
    if (!found) return fail('UNAUTHENTICATED');
    const { user, emulatedBy } = found;
    const permissions = effectivePermissions({ role: user.role ?? 'manager', permissions: user.permissions }, PERMISSIONS);
    if (permission && !permissions.includes(permission)) {
      return fail('PERMISSION_DENIED', `Your login does not have the "${PERMISSION_LABELS[permission]}" permission. Ask your account manager.`);
    }
    return { user, actor: actorOf(user, emulatedBy), accountId: accountOf(user), userId: api.idOf(user) };
  }

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
      return new Response(bytes.slice().buffer, {
        status: 200,
        headers: {
          'content-type': a.contentType,
          'content-disposition': `attachment; filename="${a.filename.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(a.filename)}`,
        },
      });
    });
  }

  function addNote(call: FakeCall, id: string): Response {
    const auth = guard(call, SUBMIT);
    if (auth instanceof Response) return auth;
    const input = check(WorkOrderNoteRequest, call.body);
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
    const parsed = v.safeParse(WorkOrderQuery, Object.fromEntries(new URLSearchParams(call.search)));
    if (!parsed.success) return fail('VALIDATION_FAILED', undefined, issueFields(parsed.issues));
    const { status = 'open', limit = WORK_ORDER_PAGE_SIZE, cursor } = parsed.output;
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

  api.on(UPLOAD_ROUTE, async (call) => {
    const auth = guard(call);
    if (auth instanceof Response) return auth;
    const key = (call.body as { $blob?: string } | undefined)?.$blob;
    const blob = key ? blobs.get(key) : undefined;
    if (!blob) return fail('UNSUPPORTED_MEDIA_TYPE', 'Send the file through state.client(): its bytes cannot reach the fake otherwise.');
    const filename = new URLSearchParams(call.search).get('filename');
    if (filename === null) return fail('VALIDATION_FAILED', undefined, { filename: 'Give the file name (?filename=…).' });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    if (bytes.length > UPLOAD_MAX_BYTES) return fail('PAYLOAD_TOO_LARGE', `The file is larger than ${UPLOAD_MAX_BYTES / 1024 / 1024} MiB.`);
    if (!bytes.length) return fail('VALIDATION_FAILED', 'The file is empty: send its bytes as the request body.', { file: 'The file is empty.' });
    const type = detect(bytes);
    if (!type) return fail('UNSUPPORTED_MEDIA_TYPE', "This kind of file cannot be uploaded. Upload a PDF, PNG, JPEG or text file; the type is read from the file's content.");
    const now = Date.now();
    const upload: Upload = {
      id: fakeId(`upload:${++seq}`),
      filename: withExtension(filename || 'file', type),
      contentType: type,
      size: bytes.length,
      sha256: await sha256Hex(bytes),
      uploadedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + UPLOAD_TTL_HOURS * 3_600_000).toISOString(),
    };
    state.uploads.push({ upload, bytes, ownerId: auth.userId, used: false });
    return json(upload, 201);
  });

  api.on(CREATE_ROUTE, (call) => {
    const auth = guard(call, SUBMIT);
    if (auth instanceof Response) return auth;
    state.created.push(call.body);
    const input = check(CreateWorkOrderRequest, call.body);
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
    const records: FakeUploadRecord[] = [];
    for (const [i, photoId] of body.photos.entries()) {
      const record = state.uploads.find((u) => u.upload.id === photoId && u.ownerId === auth.userId && !u.used);
      if (!record || records.includes(record)) {
        const message = records.includes(record!)
          ? 'The same file is attached twice.'
          : `The file ${photoId.slice(0, 64)} is not one of your uploads: it may have expired (uploads are kept ${UPLOAD_TTL_HOURS} hours) or be attached already. Upload it again.`;
        return fail('VALIDATION_FAILED', message, { [`photos.${i}`]: message });
      }
      records.push(record);
    }
    for (const r of records) r.used = true;
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
      photos: records.map(({ upload: { uploadedAt: _u, expiresAt: _e, ...a } }) => a),
      preferredWindows: body.preferredWindows.map((w) => ({ date: w.date, part: w.part })),
      timeline: [{ status: 'submitted', at, note: null, by: auth.actor }],
      notes: [],
    });
    return json(wo, 201);
  });

  return state;
}
