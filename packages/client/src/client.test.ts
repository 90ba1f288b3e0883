import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCodes, PorchlightError, type ErrorCode, type SessionResponse } from '@porchlight/core';
import { createClient, type SessionChange, type TokenStorage } from './index.js';
import { PorchlightClientError, isPorchlightError, parseRetryAfter } from './errors.js';
import { MemoryStorage } from './testing.js';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

type Reply = Response | (() => Response | Promise<Response>) | Error;

/** A fetch that records every call and answers from a queue (or by path). */
function fakeFetch(replies: Record<string, Reply[] | Reply> = {}) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = String(input);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((init.headers ?? {}) as Record<string, string>)) headers[k.toLowerCase()] = v;
    calls.push({ url, method: init.method ?? 'GET', headers, body: init.body ? JSON.parse(String(init.body)) : undefined, credentials: init.credentials });
    const path = new URL(url, 'http://x.test').pathname;
    const key = Object.keys(replies).find((k) => path.endsWith(k));
    if (!key) return json({ error: { code: 'NOT_FOUND', message: 'Not found.' } }, 404);
    const entry = replies[key]!;
    const reply = Array.isArray(entry) ? (entry.length > 1 ? entry.shift()! : entry[0]!) : entry;
    if (reply instanceof Error) throw reply;
    if (typeof reply === 'function') return reply();
    return reply.clone();
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

const now = '2026-01-01T00:00:00.000Z';
const actor = { kind: 'system' as const, name: 'system' };
function sessionResponse(overrides: Partial<SessionResponse['session']> = {}, token?: string): SessionResponse {
  return {
    session: { ...(token ? { token } : {}), expiresAt: now, idleExpiresAt: now, mustChangePassword: false, emulatedBy: null, ...overrides },
    user: {
      id: 'u1', accountId: 'a1', role: 'manager', username: 'manager', name: 'Dana Reyes', email: null, status: 'active',
      permissions: ['invoices.view'], grants: ['invoices', 'payments', 'work-orders', 'proposals', 'documents', 'tickets'], profileId: null, mustChangePassword: false, lastLoginAt: null, disabledAt: null, disabledBy: null,
      createdAt: now, createdBy: actor, updatedAt: now, updatedBy: actor,
    },
    account: { id: 'a1', name: 'Harbor View Condominiums', identifier: '5550100', customerNumber: 'LA-1001', permissions: ['invoices.view'] },
    dealer: { id: 'lakeside', name: 'Lakeside Alarm Co.', branding: {}, onboarding: { registration: false, requestAccess: false } },
    accounts: [{ accountId: 'a1', name: 'Harbor View Condominiums', identifier: '5550100', role: 'manager', current: true }],
  };
}

const loginInput = { identifier: '5550100', username: 'manager', password: 'secret' };

test('createClient refuses a missing base URL', () => {
  assert.throws(() => createClient({ baseUrl: '' }), TypeError);
  assert.throws(() => createClient({} as never), /baseUrl is required/);
});

test('getDealer: joins the base URL, sends the dealer header and Accept, no session, no cookies', async () => {
  const dealer = { id: 'lakeside', name: 'Lakeside Alarm Co.', branding: { colors: { primary: '#0b5d7a' } } };
  const f = fakeFetch({ '/v1/dealer': json(dealer) });
  const client = createClient({ baseUrl: 'https://portal.example.com/porchlight/', dealer: 'lakeside', fetch: f.fetch });
  client.setToken('tok.secret');
  assert.deepEqual(await client.getDealer(), dealer);
  const call = f.calls[0]!;
  assert.equal(call.url, 'https://portal.example.com/porchlight/v1/dealer');
  assert.equal(call.method, 'GET');
  assert.equal(call.headers['porchlight-dealer'], 'lakeside');
  assert.equal(call.headers.accept, 'application/json');
  assert.equal(call.headers.authorization, undefined, 'public route: no token');
  assert.equal(call.headers['content-type'], undefined, 'no body: no content type');
  assert.equal(call.credentials, 'omit');
});

test('no dealer configured: no dealer header', async () => {
  const f = fakeFetch({ '/v1/dealer': json({ id: 'd', name: 'D', branding: {} }) });
  await createClient({ baseUrl: '/api/porchlight', fetch: f.fetch }).getDealer();
  assert.equal(f.calls[0]!.url, '/api/porchlight/v1/dealer');
  assert.equal('porchlight-dealer' in f.calls[0]!.headers, false);
});

test('login: JSON body, keeps the token in memory, hides it from the answer, tells listeners', async () => {
  const f = fakeFetch({ '/v1/auth/login': json(sessionResponse({}, 'id1.secret1')), '/v1/auth/session': json(sessionResponse()) });
  const client = createClient({ baseUrl: '/api', dealer: 'lakeside', fetch: f.fetch });
  const changes: SessionChange[] = [];
  client.onSessionChange((c) => changes.push(c));
  assert.equal(client.mayHaveSession, false);

  const res = await client.login(loginInput);
  const call = f.calls[0]!;
  assert.equal(call.method, 'POST');
  assert.equal(call.url, '/api/v1/auth/login');
  assert.equal(call.headers['content-type'], 'application/json');
  assert.deepEqual(call.body, loginInput);
  assert.equal(call.headers.authorization, undefined);
  assert.equal(client.token, 'id1.secret1');
  assert.equal(client.mayHaveSession, true);
  assert.equal('token' in res.session, false, 'the token stays inside the client');
  assert.equal(res.user.name, 'Dana Reyes');
  assert.deepEqual(changes.map((c) => c.reason), ['login']);
  assert.equal(changes[0]!.session?.account.identifier, '5550100');

  await client.session();
  assert.equal(f.calls[1]!.headers.authorization, 'Bearer id1.secret1');
  assert.deepEqual(changes.map((c) => c.reason), ['login', 'refresh']);
});

test('errors are rebuilt as PorchlightError with code, message, fields and retryAfter', async () => {
  const f = fakeFetch({
    '/v1/auth/login': [
      json({ error: { code: 'INVALID_CREDENTIALS', message: 'The account identifier, username or password is not right.' } }, 401),
      json({ error: { code: 'RATE_LIMITED', message: 'Too many attempts.' } }, 429, { 'retry-after': '120' }),
      json({ error: { code: 'VALIDATION_FAILED', message: 'Some fields are missing or not valid.', fields: { identifier: 'The account identifier is 4 to 15 digits.', bad: 3 } } }, 400),
    ],
  });
  const client = createClient({ baseUrl: '/api', fetch: f.fetch });
  const changes: SessionChange[] = [];
  client.onSessionChange((c) => changes.push(c));

  const e1 = await client.login(loginInput).catch((e: unknown) => e);
  assert.ok(e1 instanceof PorchlightError);
  assert.equal(e1.code, 'INVALID_CREDENTIALS');
  assert.equal(e1.status, 401);
  assert.match(e1.message, /not right/);
  assert.equal(changes.length, 0, 'a failed login is not a session change');

  const e2 = await client.login(loginInput).catch((e: unknown) => e);
  assert.ok(e2 instanceof PorchlightError);
  assert.equal(e2.code, 'RATE_LIMITED');
  assert.equal(e2.retryAfter, 120);

  const e3 = await client.login(loginInput).catch((e: unknown) => e);
  assert.ok(e3 instanceof PorchlightError);
  assert.deepEqual(e3.fields, { identifier: 'The account identifier is 4 to 15 digits.' }, 'only string messages kept');
  assert.ok(isPorchlightError(e3));
});

test('unknown codes and bodies without JSON fall back to a code for the status', async () => {
  const f = fakeFetch({
    '/v1/dealer': [
      json({ error: { code: 'SOMETHING_NEW', message: 'A newer server said this.' } }, 409),
      new Response('<html>Bad gateway</html>', { status: 502 }),
      new Response('Service Unavailable', { status: 503, headers: { 'retry-after': '5' } }),
    ],
  });
  const client = createClient({ baseUrl: '/api', fetch: f.fetch });
  const e1 = (await client.getDealer().catch((e: unknown) => e)) as PorchlightError;
  assert.equal(e1.code, 'CONFLICT');
  assert.equal(e1.message, 'A newer server said this.');
  const e2 = (await client.getDealer().catch((e: unknown) => e)) as PorchlightError;
  assert.ok(e2 instanceof PorchlightError);
  assert.equal(e2.code, 'INTERNAL');
  const e3 = (await client.getDealer().catch((e: unknown) => e)) as PorchlightError;
  assert.equal(e3.code, 'STORE_UNAVAILABLE');
  assert.equal(e3.retryAfter, 5);
});

test('an answer without a message (a proxy, a gateway) gets the message for its status', async () => {
  const cases: Array<[Response, string]> = [
    [new Response('<html>Bad gateway</html>', { status: 502 }), 'INTERNAL'],
    [new Response('Service Unavailable', { status: 503 }), 'STORE_UNAVAILABLE'],
    [new Response('Too Many Requests', { status: 429 }), 'RATE_LIMITED'],
    [new Response('<html>413 Request Entity Too Large</html>', { status: 413 }), 'PAYLOAD_TOO_LARGE'],
    [json({ error: { code: 'SOMETHING_NEW' } }, 400), 'VALIDATION_FAILED'],
    [json({}, 401), 'UNAUTHENTICATED'],
    [json({ error: { message: '' } }, 403), 'FORBIDDEN'],
    [json({ error: { code: 'NOT_FOUND' } }, 404), 'NOT_FOUND'],
    [json({ error: 'conflict' }, 409), 'CONFLICT'],
    [new Response('nope', { status: 415 }), 'UNSUPPORTED_MEDIA_TYPE'],
  ];
  const f = fakeFetch({ '/v1/dealer': cases.map(([response]) => response) });
  const client = createClient({ baseUrl: '/api', fetch: f.fetch });
  for (const [, code] of cases) {
    const e = (await client.getDealer().catch((x: unknown) => x)) as PorchlightError;
    assert.ok(e instanceof PorchlightError);
    assert.equal(e.code, code);
    // The same words as the server's own message for that code.
    assert.equal(e.message, ErrorCodes[code as ErrorCode].message, code);
  }
});

test('network failures and answers that are not the API become readable PorchlightClientErrors', async () => {
  const f = fakeFetch({
    '/v1/dealer': [new TypeError('Failed to fetch'), new Response('<!doctype html><title>Dealer site</title>', { status: 200, headers: { 'content-type': 'text/html' } })],
  });
  const client = createClient({ baseUrl: '/wrong', fetch: f.fetch });
  const e1 = await client.getDealer().catch((e: unknown) => e);
  assert.ok(e1 instanceof PorchlightClientError);
  assert.equal(e1.code, 'NETWORK_ERROR');
  assert.equal(e1.status, 0);
  assert.match(e1.message, /could not be reached/);
  assert.ok(e1.cause instanceof TypeError);
  assert.ok(isPorchlightError(e1));

  const e2 = await client.getDealer().catch((e: unknown) => e);
  assert.ok(e2 instanceof PorchlightClientError);
  assert.equal(e2.code, 'BAD_RESPONSE');
  assert.match(e2.message, /\/wrong\/v1\/dealer/);

  // A 404 that is not JSON: nothing is mounted at that address.
  const f2 = fakeFetch({ '/v1/dealer': new Response('Not Found', { status: 404 }) });
  const e3 = await createClient({ baseUrl: '/nothing', fetch: f2.fetch }).getDealer().catch((e: unknown) => e);
  assert.ok(e3 instanceof PorchlightClientError);
  assert.equal(e3.code, 'BAD_RESPONSE');
  assert.equal(e3.status, 404);
});

test('an aborted call rejects with the AbortError itself', async () => {
  const abort = new DOMException('aborted', 'AbortError');
  const f = fakeFetch({ '/v1/dealer': abort });
  const e = await createClient({ baseUrl: '/api', fetch: f.fetch }).getDealer({ signal: AbortSignal.abort() }).catch((x: unknown) => x);
  assert.equal(e, abort);
});

test('a session the server says is over is forgotten and listeners hear "expired"', async () => {
  const f = fakeFetch({ '/v1/auth/session': json({ error: { code: 'SESSION_EXPIRED', message: 'Your session has ended. Log in again.' } }, 401) });
  const client = createClient({ baseUrl: '/api', fetch: f.fetch });
  client.setToken('old.token');
  const changes: SessionChange[] = [];
  const off = client.onSessionChange((c) => changes.push(c));
  const e = await client.session().catch((x: unknown) => x);
  assert.ok(e instanceof PorchlightError);
  assert.equal(e.code, 'SESSION_EXPIRED');
  assert.equal(client.token, null);
  assert.deepEqual(changes, [{ session: null, reason: 'expired' }]);
  off();
  client.setToken('again');
  await client.session().catch(() => {});
  assert.equal(changes.length, 1, 'unsubscribed');
});

test('a 401 for a token that was replaced meanwhile does not end the new session', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const f = fakeFetch({
    '/v1/auth/session': async () => {
      await gate;
      return json({ error: { code: 'UNAUTHENTICATED', message: 'Log in to continue.' } }, 401);
    },
    '/v1/auth/login': json(sessionResponse({}, 'new.token')),
  });
  const client = createClient({ baseUrl: '/api', fetch: f.fetch });
  client.setToken('old.token');
  const changes: SessionChange[] = [];
  client.onSessionChange((c) => changes.push(c));
  const pending = client.session().catch(() => {});
  await client.login(loginInput);
  release();
  await pending;
  assert.equal(client.token, 'new.token');
  assert.deepEqual(changes.map((c) => c.reason), ['login']);
});

test('logout: sends the token, forgets it, tells listeners; tolerates a session already over', async () => {
  const f = fakeFetch({
    '/v1/auth/logout': [json({ ok: true }), json({ error: { code: 'UNAUTHENTICATED', message: 'Log in to continue.' } }, 401)],
  });
  const client = createClient({ baseUrl: '/api', fetch: f.fetch });
  const changes: SessionChange[] = [];
  client.onSessionChange((c) => changes.push(c));
  client.setToken('t.1');
  await client.logout();
  assert.equal(f.calls[0]!.headers.authorization, 'Bearer t.1');
  assert.equal(f.calls[0]!.method, 'POST');
  assert.equal(client.token, null);
  client.setToken('t.2');
  await client.logout();
  assert.deepEqual(changes.map((c) => c.reason), ['logout', 'logout'], 'a 401 on logout is still a logout, not "expired"');
  // Nothing to end: no request.
  await client.logout();
  assert.equal(f.calls.length, 2);
});

test('logout when the API is unreachable: forgotten here, and the failure is reported', async () => {
  const f = fakeFetch({ '/v1/auth/logout': new TypeError('Failed to fetch') });
  const client = createClient({ baseUrl: '/api', fetch: f.fetch });
  const changes: SessionChange[] = [];
  client.onSessionChange((c) => changes.push(c));
  client.setToken('t.1');
  const e = await client.logout().catch((x: unknown) => x);
  assert.ok(e instanceof PorchlightClientError);
  assert.equal(client.token, null);
  assert.deepEqual(changes.map((c) => c.reason), ['logout']);
});

test('changePassword keeps the token, updates the session; reset and forgot calls send no session', async () => {
  const f = fakeFetch({
    '/v1/auth/password': json(sessionResponse()),
    '/v1/auth/forgot': json({ ok: true, message: 'If the details match an account, we sent an email.' }, 202),
    '/v1/auth/reset/check': json({ valid: true, expiresAt: now }),
    '/v1/auth/reset': json({ ok: true, message: 'Your password was changed.' }),
  });
  const client = createClient({ baseUrl: '/api', fetch: f.fetch });
  const changes: SessionChange[] = [];
  client.onSessionChange((c) => changes.push(c));
  client.setToken('t.1');
  const res = await client.changePassword({ currentPassword: 'old', newPassword: 'new password 1' });
  assert.equal(res.session.mustChangePassword, false);
  assert.equal(f.calls[0]!.headers.authorization, 'Bearer t.1');
  assert.deepEqual(f.calls[0]!.body, { currentPassword: 'old', newPassword: 'new password 1' });
  assert.equal(client.token, 't.1');
  assert.deepEqual(changes.map((c) => c.reason), ['password-change']);

  const accepted = await client.forgotPassword({ identifier: '5550100', email: 'dana@example.com' });
  assert.equal(accepted.ok, true);
  assert.equal(f.calls[1]!.headers.authorization, undefined);
  assert.deepEqual(f.calls[1]!.body, { identifier: '5550100', email: 'dana@example.com' });

  assert.deepEqual(await client.checkResetToken('reset-token-123'), { valid: true, expiresAt: now });
  assert.deepEqual(f.calls[2]!.body, { token: 'reset-token-123' });
  assert.equal(f.calls[2]!.url, '/api/v1/auth/reset/check');

  await client.resetPassword({ token: 'reset-token-123', newPassword: 'a new passphrase' });
  assert.equal(f.calls[3]!.url, '/api/v1/auth/reset');
  assert.equal(f.calls[3]!.headers.authorization, undefined);
});

test('session-storage mode: the token survives a new client (a reload) and is removed on logout', async () => {
  const storage = new MemoryStorage();
  const f = fakeFetch({ '/v1/auth/login': json(sessionResponse({}, 'persisted.token')), '/v1/auth/logout': json({ ok: true }) });
  const first = createClient({ baseUrl: '/api', dealer: 'lakeside', fetch: f.fetch, persist: 'session-storage', storage });
  assert.equal(first.persist, 'session-storage');
  await first.login(loginInput);
  assert.deepEqual([...storage.map.values()], ['persisted.token']);
  assert.match([...storage.map.keys()][0]!, /lakeside@\/api/);

  const second = createClient({ baseUrl: '/api', dealer: 'lakeside', fetch: f.fetch, persist: 'session-storage', storage });
  assert.equal(second.token, 'persisted.token');
  assert.equal(second.mayHaveSession, true);
  // Another dealer or API on the same page does not see it.
  assert.equal(createClient({ baseUrl: '/api', dealer: 'other', fetch: f.fetch, persist: 'session-storage', storage }).token, null);

  await second.logout();
  assert.equal(storage.map.size, 0);
});

test('session-storage mode uses globalThis.sessionStorage and survives storage that throws', async () => {
  const storage = new MemoryStorage();
  (globalThis as { sessionStorage?: TokenStorage }).sessionStorage = storage;
  try {
    const client = createClient({ baseUrl: '/api', persist: 'session-storage', fetch: fakeFetch().fetch });
    client.setToken('global.token');
    assert.equal([...storage.map.values()][0], 'global.token');
  } finally {
    delete (globalThis as { sessionStorage?: TokenStorage }).sessionStorage;
  }
  const broken: TokenStorage = {
    getItem() {
      throw new Error('SecurityError');
    },
    setItem() {
      throw new Error('QuotaExceededError');
    },
    removeItem() {
      throw new Error('SecurityError');
    },
  };
  const client = createClient({ baseUrl: '/api', persist: 'session-storage', storage: broken, fetch: fakeFetch().fetch });
  assert.equal(client.token, null);
  client.setToken('still.works');
  assert.equal(client.token, 'still.works');
});

test('memory mode never touches storage', async () => {
  const storage = new MemoryStorage();
  const f = fakeFetch({ '/v1/auth/login': json(sessionResponse({}, 'mem.token')) });
  const client = createClient({ baseUrl: '/api', fetch: f.fetch, storage });
  await client.login(loginInput);
  assert.equal(client.token, 'mem.token');
  assert.equal(storage.map.size, 0);
});

test('cookie mode: credentials include, no token in JS, session may exist, expiry still reported', async () => {
  const f = fakeFetch({
    '/v1/auth/login': json(sessionResponse()),
    '/v1/auth/session': json({ error: { code: 'UNAUTHENTICATED', message: 'Log in to continue.' } }, 401),
  });
  const client = createClient({ baseUrl: 'https://api.example.com', credentials: 'include', fetch: f.fetch });
  assert.equal(client.mayHaveSession, true);
  await client.login(loginInput);
  assert.equal(f.calls[0]!.credentials, 'include');
  assert.equal(client.token, null);
  const changes: SessionChange[] = [];
  client.onSessionChange((c) => changes.push(c));
  await client.session().catch(() => {});
  assert.equal(f.calls[1]!.headers.authorization, undefined);
  assert.deepEqual(changes.map((c) => c.reason), ['expired']);
});

test('emulation adoption: setToken then session() carries the adopted token', async () => {
  const f = fakeFetch({ '/v1/auth/session': json(sessionResponse({ emulatedBy: { adminId: 'k1', name: 'admin Sam' } })) });
  const client = createClient({ baseUrl: '/api', fetch: f.fetch });
  client.setToken('emu.token');
  const res = await client.session();
  assert.equal(f.calls[0]!.headers.authorization, 'Bearer emu.token');
  assert.equal(res.session.emulatedBy?.name, 'admin Sam');
  client.setToken(null);
  assert.equal(client.token, null);
});

test('a throwing listener does not break the call or the other listeners', async () => {
  const f = fakeFetch({ '/v1/auth/login': json(sessionResponse({}, 'x.y')) });
  const client = createClient({ baseUrl: '/api', fetch: f.fetch });
  const seen: string[] = [];
  const reported: unknown[] = [];
  const g = globalThis as { reportError?: (e: unknown) => void };
  const before = g.reportError;
  g.reportError = (e) => reported.push(e);
  client.onSessionChange(() => {
    throw new Error('listener bug');
  });
  client.onSessionChange((c) => seen.push(c.reason));
  try {
    await client.login(loginInput);
  } finally {
    if (before) g.reportError = before;
    else delete g.reportError;
  }
  assert.deepEqual(seen, ['login']);
  assert.equal(reported.length, 1);
});

test('request(): any path, with the session and JSON', async () => {
  const f = fakeFetch({ '/v1/invoices': json({ items: [], cursor: null }) });
  const client = createClient({ baseUrl: '/api', dealer: 'd1', fetch: f.fetch });
  client.setToken('a.b');
  assert.deepEqual(await client.request('GET', 'v1/invoices'), { items: [], cursor: null });
  assert.equal(f.calls[0]!.url, '/api/v1/invoices');
  assert.equal(f.calls[0]!.headers.authorization, 'Bearer a.b');
});

test('parseRetryAfter: seconds and HTTP dates', () => {
  assert.equal(parseRetryAfter('30'), 30);
  assert.equal(parseRetryAfter(null), undefined);
  assert.equal(parseRetryAfter('soon'), undefined);
  const t = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', t), 60);
});

test('documents.download: the file with its name; an ended session is forgotten as for any call', async () => {
  const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]);
  const f = fakeFetch({
    '/v1/documents/d1/file': new Response(pdf, { status: 200, headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="certificate.pdf"; filename*=UTF-8''certificat%C3%A9.pdf` } }),
    '/v1/documents/d2/file': json({ error: { code: 'SESSION_EXPIRED', message: 'Your session has ended. Log in again.' } }, 401),
  });
  const client = createClient({ baseUrl: '/api', dealer: 'lakeside', fetch: f.fetch });
  client.setToken('the.token');
  const file = await client.documents.download('d1');
  assert.equal(file.filename, 'certificaté.pdf');
  assert.equal(file.contentType, 'application/pdf');
  assert.deepEqual(new Uint8Array(await file.blob.arrayBuffer()), pdf);
  assert.equal(f.calls[0]!.headers.authorization, 'Bearer the.token');
  assert.equal(f.calls[0]!.headers['porchlight-dealer'], 'lakeside');

  const changes: SessionChange[] = [];
  client.onSessionChange((c) => changes.push(c));
  const e = await client.documents.download('d2').catch((x: unknown) => x);
  assert.ok(e instanceof PorchlightError);
  assert.equal(e.code, 'SESSION_EXPIRED');
  assert.equal(client.token, null);
  assert.deepEqual(changes, [{ session: null, reason: 'expired' }]);
});
