/**
 * Test helper: proposals on the fake API (through its `on` hook), answering like the server
 * (packages/server/src/features/proposals): the list, one proposal (each read recorded as a
 * view of that version's document), the document and signed PDFs with their `Repr-Digest`, the
 * consent (once per login and version), acceptance and rejection. Bodies are checked with the
 * REAL request schemas of core (ConsentRequest, AcceptProposalRequest, RejectProposalRequest),
 * so this fake cannot drift from what the server accepts; then, in the server's order: not
 * emulated (EMULATION_FORBIDDEN), `proposals.decide` (PERMISSION_DENIED), still open
 * (PROPOSAL_CLOSED), the same document (PROPOSAL_CHANGED), consent (ESIGN_CONSENT_REQUIRED), a
 * view of this version (PROPOSAL_CHANGED), and ink in the signature image (its pixels are
 * decoded: a blank image is refused as the server refuses it).
 *
 * Sessions: use `state.client(user, emulatedBy)`, whose token this fake knows.
 */
import {
  AcceptProposalRequest,
  ConsentRequest,
  effectivePermissions,
  ESIGN_CONSENT_VERSION,
  PERMISSION_LABELS,
  PERMISSIONS,
  RejectProposalRequest,
  SIGN_INTENT_VERSION,
  type Permission,
  type PortalProposal,
  type ProposalDocument,
  type ProposalLine,
  type ProposalRejectReason,
  type ProposalSignedDocument,
  type ProposalStatus,
  type Salesperson,
} from '@porchlight/core';
import { createClient, type PorchlightClient } from '@porchlight/client';
import { checkBody, dana, fail, fakeId, json, type FakeApi, type FakeCall, type FakeUser } from '../testing/fake-api.js';

/** The fake server's clock: proposals expiring before it are `expired`. */
export const FAKE_NOW = '2026-03-01T12:00:00.000Z';

export const SAMPLE_LINES: ProposalLine[] = [
  { description: 'Wireless door and window sensor', quantity: 4, unitCents: 4500, totalCents: 18000 },
  { description: 'Touchscreen keypad\nwith installation', quantity: 1, unitCents: 32000, totalCents: 32000 },
  { description: 'Loyalty discount', quantity: 1, unitCents: -2500, totalCents: -2500 },
];

export const SAMPLE_SALESPERSON: Salesperson = { name: 'Riley Chen', email: 'riley@lakeside.example' };

export interface FakeProposalSeed {
  number: string;
  title: string;
  /** Default open; `expired` moves the expiry before FAKE_NOW. */
  status?: ProposalStatus;
  version?: number;
  lines?: ProposalLine[];
  taxCents?: number;
  currency?: string;
  terms?: string;
  expiresAt?: string;
  updatedAt?: string;
  salesperson?: Salesperson;
  /** For accepted and rejected seeds. */
  decision?: Partial<NonNullable<PortalProposal['decision']>>;
  /** The account (default Dana's). */
  owner?: FakeUser;
}

export interface FakeProposalRecord {
  id: string;
  accountId: string;
  number: string;
  version: number;
  title: string;
  lines: ProposalLine[];
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  currency: string;
  terms: string;
  expiresAt: string;
  salesperson: Salesperson;
  updatedAt: string;
  state: 'open' | 'accepted' | 'rejected' | 'withdrawn';
  decision: PortalProposal['decision'];
  document: ProposalDocument;
  documentBytes: Uint8Array;
  signedDocument: ProposalSignedDocument | null;
  signedBytes: Uint8Array | null;
  /** `<userId>:<document sha256>` of every view. */
  views: Set<string>;
}

export interface FakeAcceptance {
  proposalId: string;
  userId: string;
  /** The body exactly as sent. */
  body: Record<string, unknown>;
  /** What the fake saw in the signature image. */
  image: { width: number; height: number; inkPixels: number };
}

export interface FakeRejection {
  proposalId: string;
  userId: string;
  body: Record<string, unknown>;
}

export interface FakeProposals {
  records: FakeProposalRecord[];
  accepted: FakeAcceptance[];
  rejected: FakeRejection[];
  /** Consents given through the API: `{ userId, version }`. */
  consents: Array<{ userId: string; version: string }>;
  /** A client signed in as `user` (default Dana), optionally emulated by a dealer admin. */
  client(user?: FakeUser, emulatedBy?: { adminId: string; name: string }): PorchlightClient;
  byNumber(number: string): FakeProposalRecord;
  /** The dealer changes the proposal (sync): a new version with a new document. */
  bump(number: string, changes?: { title?: string; terms?: string }): Promise<FakeProposalRecord>;
  /** The dealer withdraws an open proposal. */
  withdraw(number: string): void;
  /** `user` consented earlier (on another proposal). */
  giveConsent(user: FakeUser): void;
}

export const proposalRoute = (id: string) => `GET /v1/proposals/${id}`;
export const documentRoute = (id: string) => `GET /v1/proposals/${id}/document`;
export const signedRoute = (id: string) => `GET /v1/proposals/${id}/signed`;
export const consentRoute = (id: string) => `POST /v1/proposals/${id}/consent`;
export const acceptRoute = (id: string) => `POST /v1/proposals/${id}/accept`;
export const rejectRoute = (id: string) => `POST /v1/proposals/${id}/reject`;
export const LIST_ROUTE = 'GET /v1/proposals';

async function sha256(bytes: Uint8Array): Promise<{ hex: string; base64: string }> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
  return { hex: [...digest].map((b) => b.toString(16).padStart(2, '0')).join(''), base64: btoa(String.fromCharCode(...digest)) };
}

/** Reads a PNG's pixels in the browser: its size, and the pixels that are not fully transparent. */
async function measurePng(bytes: Uint8Array): Promise<{ width: number; height: number; inkPixels: number; extent: number }> {
  const bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/png' }));
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
  let inkPixels = 0;
  let left = Infinity;
  let right = -1;
  let top = Infinity;
  let bottom = -1;
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      if (data[(y * bitmap.width + x) * 4 + 3] === 0) continue;
      inkPixels++;
      left = Math.min(left, x);
      right = Math.max(right, x);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
  }
  const extent = inkPixels ? Math.max(right - left + 1, bottom - top + 1) : 0;
  return { width: bitmap.width, height: bitmap.height, inkPixels, extent };
}

const encoder = new TextEncoder();
const pdfOf = (r: { number: string; version: number; title: string }, signed = false) =>
  encoder.encode(`%PDF-1.7\n% Proposal ${r.number} version ${r.version}: ${r.title}${signed ? ' (signed)' : ''}\n%%EOF\n`);

function pdfResponse(bytes: Uint8Array, filename: string, digest: string): Response {
  return new Response(new Uint8Array(bytes), {
    status: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'repr-digest': `sha-256=:${digest}:`,
    },
  });
}

/** Serves `seeds` as the account's proposals; returns the state to inspect and a client to use. */
export async function withProposals(api: FakeApi, seeds: FakeProposalSeed[]): Promise<FakeProposals> {
  const sessions = new Map<string, { user: FakeUser; emulatedBy: { adminId: string; name: string } | null }>();
  const consents = new Map<string, string>();
  let clock = Date.parse(FAKE_NOW);
  const tick = () => new Date((clock += 60_000)).toISOString();
  const accountOf = (u: FakeUser) => fakeId(`account:${u.identifier}`);

  async function setDocument(r: Omit<FakeProposalRecord, 'document' | 'documentBytes'> & Partial<FakeProposalRecord>): Promise<void> {
    const bytes = pdfOf(r);
    const { hex } = await sha256(bytes);
    r.documentBytes = bytes;
    r.document = { source: 'rendered', sha256: hex, size: bytes.length, filename: `proposal-${r.number}-v${r.version}.pdf` };
  }

  async function setSigned(r: FakeProposalRecord): Promise<void> {
    const bytes = pdfOf(r, true);
    const { hex } = await sha256(bytes);
    r.signedBytes = bytes;
    r.signedDocument = { sha256: hex, size: bytes.length, filename: `proposal-${r.number}-v${r.version}-signed.pdf` };
  }

  const records: FakeProposalRecord[] = [];
  for (const [i, seed] of seeds.entries()) {
    const lines = seed.lines ?? SAMPLE_LINES;
    const subtotalCents = lines.reduce((sum, l) => sum + l.totalCents, 0);
    const taxCents = seed.taxCents ?? 3800;
    const status = seed.status ?? 'open';
    const updatedAt = seed.updatedAt ?? new Date(Date.parse('2026-02-01T09:00:00.000Z') + i * 86_400_000).toISOString();
    const record = {
      id: fakeId(`proposal:${seed.number}`),
      accountId: accountOf(seed.owner ?? dana),
      number: seed.number,
      version: seed.version ?? 1,
      title: seed.title,
      lines,
      subtotalCents,
      taxCents,
      totalCents: subtotalCents + taxCents,
      currency: seed.currency ?? 'USD',
      terms: seed.terms ?? 'Installation within two weeks of acceptance.\nMonitoring is billed monthly from the day it starts.',
      expiresAt: seed.expiresAt ?? (status === 'expired' ? '2026-02-15T00:00:00.000Z' : '2026-04-01T00:00:00.000Z'),
      salesperson: seed.salesperson ?? SAMPLE_SALESPERSON,
      updatedAt,
      state: status === 'expired' ? 'open' : status,
      decision:
        status === 'accepted' || status === 'rejected'
          ? {
              decision: status,
              at: '2026-02-20T15:30:00.000Z',
              by: dana.name,
              typedName: status === 'accepted' ? dana.name : null,
              reasons: status === 'rejected' ? (['price'] as ProposalRejectReason[]) : null,
              note: null,
              ...seed.decision,
            }
          : null,
      signedDocument: null,
      signedBytes: null,
      views: new Set<string>(),
    } as unknown as FakeProposalRecord;
    await setDocument(record);
    if (record.state === 'accepted') await setSigned(record);
    records.push(record);
  }

  // ---- who is calling --------------------------------------------------------------------

  interface Auth {
    user: FakeUser;
    userId: string;
    accountId: string;
    emulatedBy: { adminId: string; name: string } | null;
    permissions: Permission[];
  }

  function guard(call: FakeCall): Auth | Response {
    const token = /^Bearer (.+)$/.exec(call.headers.authorization ?? '')?.[1];
    const s = token ? sessions.get(token) : undefined;
    if (!s) return fail('UNAUTHENTICATED');
    const { user, emulatedBy } = s;
    const permissions = effectivePermissions({ role: user.role ?? 'manager', permissions: user.permissions }, PERMISSIONS);
    return { user, userId: api.idOf(user), accountId: accountOf(user), emulatedBy, permissions };
  }

  /** The routes that decide: a session, not emulated, `proposals.decide` (the server's order). */
  function guardDecide(call: FakeCall): Auth | Response {
    const auth = guard(call);
    if (auth instanceof Response) return auth;
    if (auth.emulatedBy) return fail('EMULATION_FORBIDDEN');
    if (!auth.permissions.includes('proposals.decide')) {
      return fail('PERMISSION_DENIED', `Your login does not have the "${PERMISSION_LABELS['proposals.decide']}" permission. Ask your account manager.`);
    }
    return auth;
  }

  const find = (auth: Auth, id: string): FakeProposalRecord | Response => records.find((r) => r.id === id && r.accountId === auth.accountId) ?? fail('NOT_FOUND', 'No such proposal.');

  const statusOf = (r: FakeProposalRecord): ProposalStatus => (r.state !== 'open' ? r.state : Date.parse(r.expiresAt) <= Date.parse(FAKE_NOW) ? 'expired' : 'open');

  const consentKey = (auth: Auth) => `${auth.userId}:${ESIGN_CONSENT_VERSION}`;

  function portal(r: FakeProposalRecord, auth: Auth): PortalProposal {
    const status = statusOf(r);
    const givenAt = consents.get(consentKey(auth)) ?? null;
    return {
      id: r.id,
      number: r.number,
      version: r.version,
      title: r.title,
      totalCents: r.totalCents,
      currency: r.currency,
      expiresAt: r.expiresAt,
      status,
      updatedAt: r.updatedAt,
      decidedAt: r.decision?.at ?? null,
      lines: r.lines,
      subtotalCents: r.subtotalCents,
      taxCents: r.taxCents,
      terms: r.terms,
      salesperson: r.salesperson,
      document: r.document,
      signedDocument: r.state === 'accepted' ? r.signedDocument : null,
      decision: r.decision,
      consent: { version: ESIGN_CONSENT_VERSION, given: givenAt !== null, givenAt },
      intentVersion: SIGN_INTENT_VERSION,
      canDecide: status === 'open' && !auth.emulatedBy && auth.permissions.includes('proposals.decide'),
    };
  }

  function closed(r: FakeProposalRecord): Response | null {
    const status = statusOf(r);
    const when = r.decision ? ` on ${r.decision.at}` : '';
    const message: Record<ProposalStatus, string> = {
      open: '',
      accepted: `This proposal was already accepted${when}. It cannot be signed or rejected again.`,
      rejected: `This proposal was rejected${when}. Ask your salesperson for a new one.`,
      expired: `This proposal expired on ${r.expiresAt}. Ask your salesperson for a new one.`,
      withdrawn: 'This proposal was withdrawn by the company that sent it.',
    };
    return status === 'open' ? null : fail('PROPOSAL_CLOSED', message[status]);
  }

  function decidable(r: FakeProposalRecord, documentSha256: string | undefined): Response | null {
    const shut = closed(r);
    if (shut) return shut;
    if (documentSha256 !== undefined && documentSha256 !== r.document.sha256) {
      return fail('PROPOSAL_CHANGED', `This proposal changed after you opened it: it is now version ${r.version}. Review it again before you decide.`, {
        documentSha256: 'The proposal changed since you opened it. Reload it and review it again.',
      });
    }
    return null;
  }

  // ---- routes ----------------------------------------------------------------------------

  api.on(LIST_ROUTE, (call) => {
    const auth = guard(call);
    if (auth instanceof Response) return auth;
    const query = new URLSearchParams(call.search);
    const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 50) || 50));
    const cursor = query.get('cursor');
    const newest = records.filter((r) => r.accountId === auth.accountId).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id));
    const start = cursor ? newest.findIndex((r) => `after:${r.id}` === cursor) + 1 : 0;
    if (cursor && start === 0) return fail('VALIDATION_FAILED', 'The cursor is not valid.', { cursor: 'The cursor is not valid.' });
    const page = newest.slice(start, start + limit);
    const more = start + limit < newest.length;
    return json({
      items: page.map((r) => {
        const { lines: _l, subtotalCents: _s, taxCents: _t, terms: _terms, salesperson: _sp, document: _d, signedDocument: _sd, decision: _dec, consent: _c, intentVersion: _i, canDecide: _cd, ...summary } = portal(r, auth);
        return summary;
      }),
      cursor: more ? `after:${page[page.length - 1]!.id}` : null,
    });
  });

  function serve(r: FakeProposalRecord): void {
    api.on(proposalRoute(r.id), (call) => {
      const auth = guard(call);
      if (auth instanceof Response) return auth;
      const found = find(auth, r.id);
      if (found instanceof Response) return found;
      found.views.add(`${auth.userId}:${found.document.sha256}`);
      return json(portal(found, auth));
    });
    api.on(documentRoute(r.id), async (call) => {
      const auth = guard(call);
      if (auth instanceof Response) return auth;
      const found = find(auth, r.id);
      if (found instanceof Response) return found;
      found.views.add(`${auth.userId}:${found.document.sha256}`);
      return pdfResponse(found.documentBytes, found.document.filename, (await sha256(found.documentBytes)).base64);
    });
    api.on(signedRoute(r.id), async (call) => {
      const auth = guard(call);
      if (auth instanceof Response) return auth;
      const found = find(auth, r.id);
      if (found instanceof Response) return found;
      if (found.state !== 'accepted' || !found.signedBytes || !found.signedDocument) return fail('NOT_FOUND', 'This proposal has no signed PDF: it has not been accepted.');
      return pdfResponse(found.signedBytes, found.signedDocument.filename, (await sha256(found.signedBytes)).base64);
    });
    api.on(consentRoute(r.id), (call) => {
      const auth = guardDecide(call);
      if (auth instanceof Response) return auth;
      const input = checkBody(ConsentRequest, call.body);
      if (!input.ok) return input.response;
      const found = find(auth, r.id);
      if (found instanceof Response) return found;
      if (!consents.has(consentKey(auth))) {
        consents.set(consentKey(auth), tick());
        state.consents.push({ userId: auth.userId, version: ESIGN_CONSENT_VERSION });
      }
      return json(portal(found, auth));
    });
    api.on(acceptRoute(r.id), async (call) => {
      const auth = guardDecide(call);
      if (auth instanceof Response) return auth;
      const input = checkBody(AcceptProposalRequest, call.body);
      if (!input.ok) return input.response;
      const found = find(auth, r.id);
      if (found instanceof Response) return found;
      const refused = decidable(found, input.value.documentSha256);
      if (refused) return refused;
      if (!consents.has(consentKey(auth))) return fail('ESIGN_CONSENT_REQUIRED', 'Agree to use electronic records and signatures first (POST …/consent), then sign.');
      if (!found.views.has(`${auth.userId}:${found.document.sha256}`)) {
        return fail('PROPOSAL_CHANGED', 'Open the proposal and review it before you sign.', { documentSha256: 'Open this version of the proposal before you sign it.' });
      }
      const image = await measurePng(input.value.signaturePng);
      const problem = image.inkPixels < 50 ? 'The signature is blank. Draw your signature.' : image.extent < 20 ? 'The signature is too small. Draw your signature across the pad.' : null;
      if (problem) return fail('VALIDATION_FAILED', problem, { signaturePng: problem });
      found.state = 'accepted';
      found.decision = { decision: 'accepted', at: tick(), by: auth.user.name, typedName: input.value.typedName, reasons: null, note: null };
      await setSigned(found);
      state.accepted.push({ proposalId: found.id, userId: auth.userId, body: call.body as Record<string, unknown>, image: { width: image.width, height: image.height, inkPixels: image.inkPixels } });
      return json(portal(found, auth));
    });
    api.on(rejectRoute(r.id), (call) => {
      const auth = guardDecide(call);
      if (auth instanceof Response) return auth;
      const input = checkBody(RejectProposalRequest, call.body);
      if (!input.ok) return input.response;
      const found = find(auth, r.id);
      if (found instanceof Response) return found;
      const refused = decidable(found, input.value.documentSha256);
      if (refused) return refused;
      found.state = 'rejected';
      found.decision = { decision: 'rejected', at: tick(), by: auth.user.name, typedName: null, reasons: input.value.reasons, note: input.value.note || null };
      state.rejected.push({ proposalId: found.id, userId: auth.userId, body: call.body as Record<string, unknown> });
      return json(portal(found, auth));
    });
  }

  const state: FakeProposals = {
    records,
    accepted: [],
    rejected: [],
    consents: [],
    client(user = dana, emulatedBy) {
      const token = `proposals-${Math.random().toString(36).slice(2)}.secret`;
      api.addSession(token, user, emulatedBy);
      sessions.set(token, { user, emulatedBy: emulatedBy ?? null });
      const client = createClient({ baseUrl: '/api/porchlight', dealer: 'lakeside', fetch: api.fetch });
      client.setToken(token);
      return client;
    },
    byNumber(number) {
      const r = records.find((x) => x.number === number);
      if (!r) throw new Error(`no proposal ${number}`);
      return r;
    },
    async bump(number, changes = {}) {
      const r = state.byNumber(number);
      if (r.state === 'accepted' || r.state === 'rejected') throw new Error(`proposal ${number} is ${r.state}`);
      r.version++;
      if (changes.title) r.title = changes.title;
      if (changes.terms !== undefined) r.terms = changes.terms;
      r.updatedAt = tick();
      r.state = 'open';
      await setDocument(r);
      return r;
    },
    withdraw(number) {
      state.byNumber(number).state = 'withdrawn';
    },
    giveConsent(user) {
      consents.set(`${api.idOf(user)}:${ESIGN_CONSENT_VERSION}`, tick());
    },
  };
  for (const r of records) serve(r);
  return state;
}

/**
 * Draws on a signature canvas with real pointer events (pointerdown on the canvas, then
 * pointermove and pointerup, which bubble to the window as a browser's do): `strokes` zig-zag
 * lines of `points` moves each, 20 ms apart (the pad samples at most every 16 ms).
 */
export async function drawSignature(canvas: HTMLCanvasElement, o: { pointerType?: 'mouse' | 'pen' | 'touch'; strokes?: number; points?: number; step?: number } = {}): Promise<void> {
  const pointerType = o.pointerType ?? 'mouse';
  const step = o.step ?? 14;
  const r = canvas.getBoundingClientRect();
  const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
  for (let s = 0; s < (o.strokes ?? 1); s++) {
    const at = (i: number) => ({ clientX: r.left + 16 + i * step, clientY: r.top + 30 + s * 40 + (i % 2 ? 22 : 0) });
    const base = { pointerId: 10 + s, pointerType, isPrimary: true, bubbles: true, composed: true, cancelable: true };
    canvas.dispatchEvent(new PointerEvent('pointerdown', { ...base, ...at(0), button: 0, buttons: 1, pressure: 0.5 }));
    const points = o.points ?? 14;
    for (let i = 1; i <= points; i++) {
      await pause();
      canvas.dispatchEvent(new PointerEvent('pointermove', { ...base, ...at(i), button: -1, buttons: 1, pressure: 0.5 }));
    }
    await pause();
    canvas.dispatchEvent(new PointerEvent('pointerup', { ...base, ...at(points), button: 0, buttons: 0, pressure: 0 }));
  }
}
