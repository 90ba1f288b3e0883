/**
 * What the feature fakes of the back office (tickets, documents) add to the fake admin API
 * without changing it: who a call's session belongs to and what their role allows, raw-byte
 * request bodies (uploads), request checks through core's real schemas, and the content sniffing
 * the server does, so the fakes answer like the server.
 *
 * Install before the client is made (mountAdmin makes it from `api.fetch`) and before signing in.
 */
import * as v from 'valibot';
import { DEALER_ROLE_ABILITIES, ErrorCodes, PERMISSIONS, STAFF_DEFAULT_PERMISSIONS, type Account, type AdminAbility, type DocumentContentType, type ErrorCode, type PublicUser } from '@porchlight/core';
import { fakeId } from '../../testing/fake-api.js';
import { apiError, type AdminCall, type FakeAdminApi, type FakeStaff } from './fake-admin-api.js';

export { json } from './fake-admin-api.js';

interface Kit {
  sessions: Map<string, FakeStaff>;
}

const kits = new WeakMap<FakeAdminApi, Kit>();
const rawBodies = new Map<string, Blob>();
let rawCount = 0;

/**
 * Lets the fake take raw bytes (its fetch reads every body as JSON): a Blob body is kept aside
 * and the call carries `{ $raw: "<id>" }` instead; `rawBody(call)` gives the Blob back. Also keeps
 * which staff member each session token belongs to. Safe to call again on the same fake.
 */
export function extendFakeAdminApi(api: FakeAdminApi): void {
  if (kits.has(api)) return;
  const kit: Kit = { sessions: new Map() };
  kits.set(api, kit);
  const signIn = api.signIn.bind(api);
  api.signIn = (person) => {
    const token = signIn(person);
    kit.sessions.set(token, person);
    return token;
  };
  const inner = api.fetch;
  api.fetch = ((input: RequestInfo | URL, init: RequestInit = {}) => {
    if (typeof Blob !== 'undefined' && init.body instanceof Blob) {
      const id = `raw_${++rawCount}`;
      rawBodies.set(id, init.body);
      return inner(input, { ...init, body: JSON.stringify({ $raw: id }) });
    }
    return inner(input, init);
  }) as typeof fetch;
}

/** The raw bytes a call sent (an upload), or undefined. */
export function rawBody(call: AdminCall): Blob | undefined {
  const id = (call.body as { $raw?: unknown } | undefined)?.$raw;
  return typeof id === 'string' ? rawBodies.get(id) : undefined;
}

/** An error with its code's status and (default) message, as the server sends it. */
export function fail(code: ErrorCode, message?: string, fields?: Record<string, string>): Response {
  return apiError(code, message ?? ErrorCodes[code].message, ErrorCodes[code].status, fields);
}

/**
 * The staff member behind the call when their role allows `ability`; otherwise the server's
 * refusal (UNAUTHENTICATED, PASSWORD_CHANGE_REQUIRED, FORBIDDEN).
 */
export function allowed(api: FakeAdminApi, call: AdminCall, ability: AdminAbility): FakeStaff | Response {
  const token = /^Bearer (.+)$/.exec(call.headers.authorization ?? '')?.[1];
  const person = token ? kits.get(api)?.sessions.get(token) : undefined;
  if (!person || api.sessionsOf(person) === 0 || person.status === 'disabled') return fail('UNAUTHENTICATED', 'Sign in to continue.');
  if (person.mustChangePassword) return fail('PASSWORD_CHANGE_REQUIRED', 'Choose a new password before you continue.');
  if (!DEALER_ROLE_ABILITIES[person.role].includes(ability)) return fail('FORBIDDEN', 'Your back-office role does not allow this.');
  return person;
}

/** The staff member as an Actor (how the server records who did something). */
export function adminActor(person: FakeStaff) {
  return { kind: 'admin' as const, adminId: person.id ?? `staff_${person.email.split('@')[0]}`, name: `admin ${person.name}` };
}

/** Issues of a failed check as the server's `fields` (path → first message). */
function issueFields(issues: readonly v.BaseIssue<unknown>[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = v.getDotPath(issue) || '(body)';
    if (fields[path]) continue;
    fields[path] = issue.expected === 'never' ? 'This field is not accepted here.' : issue.received === 'undefined' ? 'This field is required.' : issue.message;
  }
  return fields;
}

/** A JSON body through the server's schema: its output, or VALIDATION_FAILED with the fields. */
export function checkBody<S extends v.GenericSchema>(schema: S, input: unknown): { ok: true; value: v.InferOutput<S> } | { ok: false; response: Response } {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { ok: false, response: fail('VALIDATION_FAILED', 'The request body must be a JSON object.') };
  const result = v.safeParse(schema, input);
  return result.success ? { ok: true, value: result.output } : { ok: false, response: fail('VALIDATION_FAILED', undefined, issueFields(result.issues)) };
}

/** A query string through the server's schema. */
export function checkQuery<S extends v.GenericSchema>(schema: S, search: string): { ok: true; value: v.InferOutput<S> } | { ok: false; response: Response } {
  const result = v.safeParse(schema, Object.fromEntries(new URLSearchParams(search)));
  return result.success ? { ok: true, value: result.output } : { ok: false, response: fail('VALIDATION_FAILED', undefined, issueFields(result.issues)) };
}

/** The type of a file from its first bytes, as the server decides it (never from its name or claimed type). */
export function sniffType(bytes: Uint8Array): DocumentContentType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return /[\u0000-\u0008\u000e-\u001f]/.test(text) ? null : 'text/plain';
  } catch {
    return null;
  }
}

/** SHA-256 of the bytes, hex. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A file name with the extension of its real type (what the server stores). */
export function withExtension(name: string, type: DocumentContentType): string {
  const ext = { 'application/pdf': '.pdf', 'image/png': '.png', 'image/jpeg': '.jpg', 'text/plain': '.txt' }[type];
  const base = name.replace(/\.[A-Za-z0-9]{1,8}$/, '');
  return name.toLowerCase().endsWith(ext) || (type === 'image/jpeg' && /\.jpe?g$/i.test(name)) ? name : `${base}${ext}`;
}

// ---- accounts and logins with real ids ------------------------------------------------------
// The admin fake's seed ids ("acc_harbor", "usr_dana") do not pass core's Id schema, which the
// tickets query (accountId) and the documents upload (visibleTo) use: these fixtures have real ones.

const at = (minutesAgo: number) => new Date(Date.UTC(2026, 0, 15, 15, 0) - minutesAgo * 60_000).toISOString();
const system = { kind: 'system' as const, name: 'system' };

/** Ids of the fixture accounts and their logins. */
export const ids = {
  cedar: fakeId('account:cedar-court'),
  willow: fakeId('account:willow-creek'),
  chris: fakeId('user:cedar:chris'),
  robin: fakeId('user:cedar:robin'),
  lee: fakeId('user:cedar:lee'),
  ana: fakeId('user:willow:ana'),
};

function fixtureAccount(id: string, name: string, identifier: string): Account {
  return {
    id,
    dealerId: 'lakeside',
    name,
    customerNumber: null,
    zip: null,
    mainPhone: null,
    identifier,
    identifierSource: 'random',
    permissions: [...PERMISSIONS],
    createdAt: at(60 * 24 * 60),
    createdBy: system,
    updatedAt: at(60 * 24 * 60),
    updatedBy: system,
  };
}

function fixtureUser(accountId: string, id: string, name: string, username: string, role: PublicUser['role'], status: PublicUser['status'] = 'active'): PublicUser {
  return {
    id,
    accountId,
    role,
    username,
    name,
    email: null,
    status,
    permissions: role === 'manager' ? [...PERMISSIONS] : [...STAFF_DEFAULT_PERMISSIONS],
    mustChangePassword: false,
    lastLoginAt: null,
    disabledAt: null,
    disabledBy: null,
    createdAt: at(60 * 24 * 30),
    createdBy: system,
    updatedAt: at(60 * 24 * 30),
    updatedBy: system,
  };
}

/**
 * Adds two accounts with real ids to the fake (once): Cedar Court Offices (manager Chris Baker,
 * office staff Robin Diaz, a disabled login Lee Park) and Willow Creek Clinic (manager Ana Silva).
 */
export function addFixtureAccounts(api: FakeAdminApi): void {
  if (api.accounts.some((a) => a.id === ids.cedar)) return;
  api.accounts.push(fixtureAccount(ids.cedar, 'Cedar Court Offices', '5550177'), fixtureAccount(ids.willow, 'Willow Creek Clinic', '5550188'));
  api.users.set(ids.cedar, [
    fixtureUser(ids.cedar, ids.chris, 'Chris Baker', 'chris', 'manager'),
    fixtureUser(ids.cedar, ids.robin, 'Robin Diaz', 'robin', 'staff'),
    fixtureUser(ids.cedar, ids.lee, 'Lee Park', 'lee', 'staff', 'disabled'),
  ]);
  api.users.set(ids.willow, [fixtureUser(ids.willow, ids.ana, 'Ana Silva', 'ana', 'manager')]);
}

/**
 * Takes `ability` out of what the session answer says the signed-in person may do (the
 * element then behaves as for a role without it; the fake's routes still follow the role).
 * Install before mounting.
 */
export function withoutAbility(api: FakeAdminApi, ability: AdminAbility): void {
  const inner = api.fetch;
  api.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await inner(input, init);
    if (!/\/v1\/admin\/auth\/(session|login|password)$/.test(new URL(String(input), 'http://fake.test').pathname) || !response.ok) return response;
    const body = await response.json();
    body.staff.abilities = body.staff.abilities.filter((a: AdminAbility) => a !== ability);
    return new Response(JSON.stringify(body), { status: response.status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

/** Stubs object URLs and anchor clicks, so a download is recorded instead of saved. Call `restore()` after. */
export function stubDownloads() {
  const created: Blob[] = [];
  const revoked: string[] = [];
  const clicked: { href: string; download: string; connected: boolean }[] = [];
  const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL, click: HTMLAnchorElement.prototype.click };
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    created.push(blob as Blob);
    return `blob:fake/${created.length}`;
  };
  URL.revokeObjectURL = (url: string) => void revoked.push(url);
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    clicked.push({ href: this.getAttribute('href')!, download: this.download, connected: this.isConnected });
  };
  return {
    created,
    revoked,
    clicked,
    restore() {
      URL.createObjectURL = original.create;
      URL.revokeObjectURL = original.revoke;
      HTMLAnchorElement.prototype.click = original.click;
    },
  };
}

/** Chooses `files` in a file input the way a person does (files set, then a change event). */
export function chooseFiles(input: HTMLInputElement, files: File[]): void {
  const transfer = new DataTransfer();
  for (const f of files) transfer.items.add(f);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}
