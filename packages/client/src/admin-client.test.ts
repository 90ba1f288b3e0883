import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PorchlightError, type AdminSessionResponse } from '@porchlight/core';
import { createAdminClient, createClient, PorchlightClientError, type AdminSessionChange } from './index.js';
import { MemoryStorage } from './testing.js';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

type Answer = Response | Error | ((seen: Seen) => Response | Promise<Response>);

/** Answers `METHOD /path` (path without the base URL and query) from a table; records every call. */
function api(table: Record<string, Answer | Answer[]> = {}) {
  const seen: Seen[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = String(input);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((init.headers ?? {}) as Record<string, string>)) headers[k.toLowerCase()] = v;
    const call: Seen = { url, method: init.method ?? 'GET', headers, body: init.body ? JSON.parse(String(init.body)) : undefined, credentials: init.credentials };
    seen.push(call);
    const path = new URL(url, 'http://x.test').pathname.replace(/^\/api/, '');
    const entry = table[`${call.method} ${path}`];
    if (!entry) return reply({ error: { code: 'NOT_FOUND', message: 'Not found.' } }, 404);
    const answer = Array.isArray(entry) ? (entry.length > 1 ? entry.shift()! : entry[0]!) : entry;
    if (answer instanceof Error) throw answer;
    if (typeof answer === 'function') return answer(call);
    return answer.clone();
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}

function reply(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

const fail = (code: string, message: string, status: number, fields?: Record<string, string>) => reply({ error: { code, message, ...(fields ? { fields } : {}) } }, status);

const at = '2026-01-01T00:00:00.000Z';
const system = { kind: 'system' as const, name: 'system' };

function adminSession(token?: string, overrides: Partial<AdminSessionResponse['staff']> = {}): AdminSessionResponse {
  return {
    session: { ...(token ? { token } : {}), expiresAt: at, idleExpiresAt: at, mustChangePassword: overrides.mustChangePassword ?? false },
    staff: {
      id: 's1', dealerId: 'lakeside', email: 'sam@lakeside.example', name: 'Sam Ortiz', role: 'support', status: 'active',
      abilities: ['accounts.read', 'emulate'], mustChangePassword: false, lastLoginAt: at,
      createdAt: at, createdBy: system, updatedAt: at, updatedBy: system, ...overrides,
    },
    dealer: { id: 'lakeside', name: 'Lakeside Alarm Co.', branding: {}, onboarding: { registration: false, requestAccess: false } },
  };
}

const credentials = { email: 'sam@lakeside.example', password: 'a long passphrase' };

test('createAdminClient refuses a missing base URL, naming itself', () => {
  assert.throws(() => createAdminClient({ baseUrl: ' ' }), /createAdminClient: baseUrl is required/);
  assert.throws(() => createAdminClient({} as never), TypeError);
});

test('login: email and password, no token sent; the token is kept, hidden from the answer, and sent afterwards', async () => {
  const f = api({ 'POST /v1/admin/auth/login': reply(adminSession('adm.secret')), 'GET /v1/admin/auth/session': reply(adminSession()) });
  const client = createAdminClient({ baseUrl: '/api/', dealer: 'lakeside', fetch: f.fetch });
  const changes: AdminSessionChange[] = [];
  client.onSessionChange((c) => changes.push(c));
  assert.equal(client.baseUrl, '/api');
  assert.equal(client.mayHaveSession, false);

  const res = await client.login(credentials);
  const [call] = f.seen;
  assert.equal(call!.url, '/api/v1/admin/auth/login');
  assert.equal(call!.method, 'POST');
  assert.deepEqual(call!.body, credentials);
  assert.equal(call!.headers.authorization, undefined);
  assert.equal(call!.headers['porchlight-dealer'], 'lakeside');
  assert.equal(call!.headers['content-type'], 'application/json');
  assert.equal(call!.credentials, 'omit', 'bearer tokens only, never cookies');
  assert.equal('token' in res.session, false);
  assert.equal(res.staff.name, 'Sam Ortiz');
  assert.equal(client.token, 'adm.secret');
  assert.equal(client.mayHaveSession, true);

  const again = await client.session();
  assert.equal(f.seen[1]!.headers.authorization, 'Bearer adm.secret');
  assert.deepEqual(again.staff.abilities, ['accounts.read', 'emulate']);
  assert.deepEqual(changes.map((c) => c.reason), ['login', 'refresh']);
  assert.equal(changes[0]!.session && 'token' in changes[0]!.session.session, false, 'listeners never see the token');
});

test('getDealer is public: no token even when signed in', async () => {
  const f = api({ 'GET /v1/dealer': reply({ id: 'lakeside', name: 'Lakeside Alarm Co.', branding: {} }) });
  const client = createAdminClient({ baseUrl: '/api', fetch: f.fetch });
  client.setToken('adm.1');
  assert.equal((await client.getDealer()).name, 'Lakeside Alarm Co.');
  assert.equal(f.seen[0]!.headers.authorization, undefined);
});

test('a back-office session and a client portal session in the same tab keep separate storage keys', async () => {
  const storage = new MemoryStorage();
  const f = api({
    'POST /v1/admin/auth/login': reply(adminSession('admin.token')),
    'POST /v1/auth/login': reply({ session: { token: 'client.token', expiresAt: at, idleExpiresAt: at, mustChangePassword: false, emulatedBy: null } }),
    'POST /v1/admin/auth/logout': reply({ ok: true }),
  });
  const admin = createAdminClient({ baseUrl: '/api', dealer: 'lakeside', fetch: f.fetch, persist: 'session-storage', storage });
  const portal = createClient({ baseUrl: '/api', dealer: 'lakeside', fetch: f.fetch, persist: 'session-storage', storage });
  await admin.login(credentials);
  await portal.login({ identifier: '5550100', username: 'manager', password: 'x' });
  assert.equal(storage.map.size, 2);
  assert.deepEqual([...storage.map.keys()].sort(), ['porchlight.admin-session:lakeside@/api', 'porchlight.session:lakeside@/api']);

  // A reload: each finds its own token.
  assert.equal(createAdminClient({ baseUrl: '/api', dealer: 'lakeside', persist: 'session-storage', storage }).token, 'admin.token');
  assert.equal(createClient({ baseUrl: '/api', dealer: 'lakeside', persist: 'session-storage', storage }).token, 'client.token');

  await admin.logout();
  assert.equal(f.seen.at(-1)!.headers.authorization, 'Bearer admin.token');
  assert.deepEqual([...storage.map.values()], ['client.token'], 'signing out of the back office leaves the client session alone');
  assert.equal(portal.token, 'client.token');
});

test('accounts: search with q, limit and cursor; get, update, users, manager, office staff, emulate, audit', async () => {
  const account = { id: 'acc/1', name: 'Harbor View', identifier: '5550100' };
  const user = { id: 'u1', username: 'manager' };
  const f = api({
    'GET /v1/admin/accounts': reply({ items: [account], cursor: 'next' }),
    'GET /v1/admin/accounts/acc%2F1': reply(account),
    'PATCH /v1/admin/accounts/acc%2F1': reply({ ...account, identifier: '7770001' }),
    'GET /v1/admin/accounts/acc%2F1/users': reply({ items: [user], cursor: null }),
    'PUT /v1/admin/accounts/acc%2F1/manager': reply(user),
    'POST /v1/admin/accounts/acc%2F1/users': reply({ ...user, id: 'u2', role: 'staff' }, 201),
    'POST /v1/admin/accounts/acc%2F1/emulate': reply({ token: 'emu', expiresAt: at, url: 'https://www.lakeside.example/portal#porchlight-emulation=emu', user }, 201),
    'GET /v1/admin/accounts/acc%2F1/audit': reply({ items: [], cursor: null }),
    'POST /v1/admin/accounts': reply(account, 201),
  });
  const client = createAdminClient({ baseUrl: '/api', fetch: f.fetch });
  client.setToken('adm.1');

  const page = await client.accounts.search({ q: 'harbor view & co', limit: 25, cursor: 'c:1', identifier: '' });
  assert.equal(page.cursor, 'next');
  assert.equal(f.seen[0]!.url, '/api/v1/admin/accounts?q=harbor+view+%26+co&limit=25&cursor=c%3A1', 'empty values are left out');
  await client.accounts.search();
  assert.equal(f.seen[1]!.url, '/api/v1/admin/accounts');

  assert.equal((await client.accounts.get('acc/1')).name, 'Harbor View');
  assert.equal((await client.accounts.update('acc/1', { identifier: '7770001' })).identifier, '7770001');
  assert.deepEqual(f.seen[3]!.body, { identifier: '7770001' });
  assert.equal((await client.accounts.users('acc/1')).items.length, 1);
  await client.accounts.assignManager('acc/1', { username: 'manager', password: 'temporary pass 1' });
  assert.equal(f.seen[5]!.method, 'PUT');
  await client.accounts.addStaff('acc/1', { name: 'Jordan Lee', username: 'jordan', password: 'temporary pass 2' });
  assert.deepEqual(f.seen[6]!.body, { name: 'Jordan Lee', username: 'jordan', password: 'temporary pass 2' });
  const emulation = await client.accounts.emulate('acc/1');
  assert.deepEqual(f.seen[7]!.body, {}, 'no user or reason: the server picks the manager');
  assert.match(emulation.url!, /#porchlight-emulation=emu$/);
  await client.accounts.emulate('acc/1', { userId: 'u1', reason: 'client called' });
  assert.deepEqual(f.seen[8]!.body, { userId: 'u1', reason: 'client called' });
  await client.accounts.audit('acc/1', { limit: 20, cursor: 'a b' });
  assert.equal(f.seen[9]!.url, '/api/v1/admin/accounts/acc%2F1/audit?limit=20&cursor=a+b');
  await client.accounts.create({ name: 'New account' });
  assert.equal(f.seen[10]!.method, 'POST');

  for (const call of f.seen) assert.equal(call.headers.authorization, 'Bearer adm.1');
});

test("dealerStaff: the owner's list, add and update of back-office logins", async () => {
  const member = { id: 's2', email: 'lee@lakeside.example', role: 'admin' };
  const f = api({
    'GET /v1/admin/staff': reply({ items: [member], cursor: null }),
    'POST /v1/admin/staff': reply(member, 201),
    'PATCH /v1/admin/staff/s2': reply({ ...member, status: 'disabled' }),
  });
  const client = createAdminClient({ baseUrl: '/api', fetch: f.fetch });
  client.setToken('owner.1');
  assert.equal((await client.dealerStaff.list()).items[0]!.email, 'lee@lakeside.example');
  await client.dealerStaff.add({ email: 'lee@lakeside.example', name: 'Lee', role: 'admin', password: 'temporary pass 3' });
  assert.deepEqual(f.seen[1]!.body, { email: 'lee@lakeside.example', name: 'Lee', role: 'admin', password: 'temporary pass 3' });
  assert.equal((await client.dealerStaff.update('s2', { status: 'disabled' })).status, 'disabled');
  assert.deepEqual(f.seen.map((c) => `${c.method} ${c.url}`), ['GET /api/v1/admin/staff', 'POST /api/v1/admin/staff', 'PATCH /api/v1/admin/staff/s2']);
});

test('FORBIDDEN, PASSWORD_CHANGE_REQUIRED and field errors are PorchlightErrors and keep the session', async () => {
  const f = api({
    'PATCH /v1/admin/accounts/a1': [
      fail('FORBIDDEN', 'Your back-office role does not allow this.', 403),
      fail('PASSWORD_CHANGE_REQUIRED', 'Choose a new password before you continue.', 403),
      fail('IDENTIFIER_TAKEN', 'Another account already uses this identifier.', 409, { identifier: 'Another account already uses this identifier.' }),
    ],
  });
  const client = createAdminClient({ baseUrl: '/api', fetch: f.fetch });
  const changes: AdminSessionChange[] = [];
  client.onSessionChange((c) => changes.push(c));
  client.setToken('support.1');

  const forbidden = await client.accounts.update('a1', { name: 'X' }).catch((e: unknown) => e);
  assert.ok(forbidden instanceof PorchlightError);
  assert.equal(forbidden.code, 'FORBIDDEN');
  assert.equal(forbidden.status, 403);
  assert.equal(forbidden.message, 'Your back-office role does not allow this.');
  const change = (await client.accounts.update('a1', { name: 'X' }).catch((e: unknown) => e)) as PorchlightError;
  assert.equal(change.code, 'PASSWORD_CHANGE_REQUIRED');
  const taken = (await client.accounts.update('a1', { identifier: '5550100' }).catch((e: unknown) => e)) as PorchlightError;
  assert.equal(taken.code, 'IDENTIFIER_TAKEN');
  assert.deepEqual(taken.fields, { identifier: 'Another account already uses this identifier.' });

  assert.equal(client.token, 'support.1');
  assert.equal(changes.length, 0);
});

test('a session the server says is over is forgotten on any call and listeners hear "expired"', async () => {
  const f = api({ 'GET /v1/admin/accounts': fail('SESSION_EXPIRED', 'Your session has ended. Log in again.', 401) });
  const client = createAdminClient({ baseUrl: '/api', fetch: f.fetch });
  const changes: AdminSessionChange[] = [];
  client.onSessionChange((c) => changes.push(c));
  client.setToken('old.1');
  const error = (await client.accounts.search({ q: 'x' }).catch((e: unknown) => e)) as PorchlightError;
  assert.equal(error.code, 'SESSION_EXPIRED');
  assert.equal(client.token, null);
  assert.deepEqual(changes, [{ session: null, reason: 'expired' }]);
});

test('a 401 for a token replaced meanwhile by a new login does not end the new session', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const f = api({
    'GET /v1/admin/accounts': async () => {
      await gate;
      return fail('UNAUTHENTICATED', 'Log in to continue.', 401);
    },
    'POST /v1/admin/auth/login': reply(adminSession('new.1')),
  });
  const client = createAdminClient({ baseUrl: '/api', fetch: f.fetch });
  client.setToken('old.1');
  const pending = client.accounts.search().catch(() => undefined);
  await client.login(credentials);
  release();
  await pending;
  assert.equal(client.token, 'new.1');
});

test('logout: forgotten here first; a session already over is still a logout; an unreachable API is reported', async () => {
  const f = api({
    'POST /v1/admin/auth/logout': [reply({ ok: true }), fail('UNAUTHENTICATED', 'Log in to continue.', 401), new TypeError('Failed to fetch')],
  });
  const client = createAdminClient({ baseUrl: '/api', fetch: f.fetch });
  const changes: AdminSessionChange[] = [];
  client.onSessionChange((c) => changes.push(c));
  client.setToken('t.1');
  await client.logout();
  assert.equal(f.seen[0]!.url, '/api/v1/admin/auth/logout');
  assert.equal(f.seen[0]!.headers.authorization, 'Bearer t.1');
  client.setToken('t.2');
  await client.logout();
  client.setToken('t.3');
  const offline = await client.logout().catch((e: unknown) => e);
  assert.ok(offline instanceof PorchlightClientError);
  assert.equal(offline.code, 'NETWORK_ERROR');
  assert.equal(client.token, null);
  assert.deepEqual(changes.map((c) => c.reason), ['logout', 'logout', 'logout']);
  await client.logout();
  assert.equal(f.seen.length, 3, 'nothing to end: no request');
});

test('changePassword: the temporary password is replaced and the session updated (asked for when the answer lacks it)', async () => {
  const f = api({
    'POST /v1/admin/auth/password': [reply(adminSession()), reply({ ok: true })],
    'GET /v1/admin/auth/session': reply(adminSession(undefined, { name: 'Sam O.' })),
  });
  const client = createAdminClient({ baseUrl: '/api', fetch: f.fetch });
  const changes: AdminSessionChange[] = [];
  client.onSessionChange((c) => changes.push(c));
  client.setToken('t.1');
  const input = { currentPassword: 'temporary', newPassword: 'my own long passphrase' };
  const res = await client.changePassword(input);
  assert.equal(res.session.mustChangePassword, false);
  assert.deepEqual(f.seen[0]!.body, input);
  assert.equal(f.seen[0]!.headers.authorization, 'Bearer t.1');
  const second = await client.changePassword(input);
  assert.equal(second.staff.name, 'Sam O.');
  assert.deepEqual(f.seen.map((c) => c.method), ['POST', 'POST', 'GET']);
  assert.deepEqual(changes.map((c) => c.reason), ['password-change', 'password-change']);
  assert.equal(client.token, 't.1');
});

test('throttled sign-in: RATE_LIMITED with retryAfter; the wrong address: BAD_RESPONSE', async () => {
  const f = api({
    'POST /v1/admin/auth/login': [
      reply({ error: { code: 'RATE_LIMITED', message: 'Too many attempts. Wait a few minutes and try again.' } }, 429, { 'retry-after': '90' }),
      new Response('<!doctype html><title>Site</title>', { status: 200, headers: { 'content-type': 'text/html' } }),
    ],
  });
  const client = createAdminClient({ baseUrl: '/api', fetch: f.fetch });
  const limited = (await client.login(credentials).catch((e: unknown) => e)) as PorchlightError;
  assert.equal(limited.code, 'RATE_LIMITED');
  assert.equal(limited.retryAfter, 90);
  const wrong = await client.login(credentials).catch((e: unknown) => e);
  assert.ok(wrong instanceof PorchlightClientError);
  assert.equal(wrong.code, 'BAD_RESPONSE');
  assert.equal(client.token, null);
});

test('an aborted call rejects with the AbortError itself', async () => {
  const abort = new DOMException('aborted', 'AbortError');
  const f = api({ 'GET /v1/admin/accounts': abort });
  const client = createAdminClient({ baseUrl: '/api', fetch: f.fetch });
  assert.equal(await client.accounts.search({}, { signal: AbortSignal.abort() }).catch((e: unknown) => e), abort);
});
