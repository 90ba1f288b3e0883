import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StoreUnavailableError, type Store } from '@porchlight/core';
import { createStorage } from 'unstorage';
import { makeKit, ORIGIN } from '../testing/kit.js';
import { unstorageStore } from '../store/unstorage.js';
import { createPortal } from '../portal.js';

test('malformed input gets a 4xx that says what is wrong, never a 5xx', async () => {
  const kit = makeKit();
  const login = (body: string, type = 'application/json') =>
    Promise.resolve(kit.portal.request('/v1/auth/login', { method: 'POST', headers: { 'content-type': type }, body })).then(async (r) => ({ status: r.status, body: await r.json() }));

  assert.equal((await login('{"identifier":"5550100"}', 'text/plain')).status, 415);
  assert.equal((await login('identifier=1&username=2', 'application/x-www-form-urlencoded')).status, 415);
  const bad = await login('{"identifier": 5550100,');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.code, 'MALFORMED_JSON');
  const missing = await login('{"identifier":"5550100"}');
  assert.equal(missing.body.error.code, 'VALIDATION_FAILED');
  assert.deepEqual(Object.keys(missing.body.error.fields).sort(), ['password', 'username']);
  const unknown = await login('{"identifier":"5550100","username":"a","password":"b","role":"manager"}');
  assert.equal(unknown.status, 400);
  assert.match(unknown.body.error.fields.role, /not accepted/);
  const proto = await login('{"identifier":"5550100","username":"a","password":"b","__proto__":{"admin":true}}');
  assert.equal(proto.status, 400);
  assert.equal(({} as any).admin, undefined);
  const huge = await login(JSON.stringify({ identifier: '5550100', username: 'a', password: 'x'.repeat(200_000) }));
  assert.equal(huge.status, 413);
  const longPassword = await login(JSON.stringify({ identifier: '5550100', username: 'a', password: 'x'.repeat(300) }));
  assert.equal(longPassword.status, 400, 'over-long passwords are refused before hashing');
  assert.ok(longPassword.body.error.fields.password);

  const odd = ['null', '[]', '"text"', '42', '{}', '{"identifier":{},"username":[],"password":null}', '{"identifier":"abc","username":"\\u0000","password":"p"}', '\u0000', ''];
  for (const body of odd) {
    const r = await login(body);
    assert.ok(r.status >= 400 && r.status < 500, `${JSON.stringify(body)} -> ${r.status}`);
    assert.equal(typeof r.body.error.message, 'string');
  }
  const route = await kit.call('GET', '/v1/nothing-here');
  assert.equal(route.status, 404);
  assert.equal(route.body.error.code, 'NOT_FOUND');
  const badId = await kit.admin('GET', '/v1/admin/accounts/..%2F..%2Fetc');
  assert.equal(badId.status, 400);
});

test('CORS and CSRF: only exact allowed origins, never null, never a look-alike', async () => {
  const kit = makeKit();
  const body = JSON.stringify({ identifier: '5550100', username: 'a', password: 'b' });
  const post = (origin: string) => kit.portal.request('/v1/auth/login', { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body });

  const ok = await post(ORIGIN);
  assert.equal(ok.status, 401);
  assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN);
  for (const origin of ['null', 'https://evil.example', 'https://www.lakeside.example.evil.com', 'https://evil-www.lakeside.example', 'http://www.lakeside.example', `${ORIGIN}:8443`]) {
    const res = await post(origin);
    assert.equal(res.status, 403, origin);
    assert.equal(res.headers.get('access-control-allow-origin'), null, origin);
  }
  const preflight = await kit.portal.request('/v1/auth/login', { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } });
  assert.equal(preflight.status, 204);
  assert.match(preflight.headers.get('access-control-allow-headers')!, /Authorization/);
  const evilPreflight = await kit.portal.request('/v1/auth/login', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
  assert.equal(evilPreflight.status, 403);
  assert.equal(evilPreflight.headers.get('access-control-allow-origin'), null);
  // The handler's own origin is always allowed (a portal page served by the same server).
  const same = await kit.portal.request('http://localhost/v1/dealer', { headers: { origin: 'http://localhost' } });
  assert.equal(same.status, 200);
  assert.equal((await same.json()).name, 'Lakeside Alarm Co.');
});

test('cookie mode: __Host- HttpOnly Secure cookie, no token for scripts, and cookie writes need an Origin', async () => {
  const setup = makeKit();
  const { identifier, password } = await setup.accountWithManager();
  const kit = makeKit({ store: setup.store, session: { transport: 'cookie', crossSite: true } });
  const res = await kit.portal.request('/v1/auth/login', { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify({ identifier, username: 'manager', password }) });
  assert.equal(res.status, 200);
  const cookie = res.headers.get('set-cookie')!;
  assert.match(cookie, /^__Host-porchlight-session=/);
  for (const attr of ['HttpOnly', 'Secure', 'SameSite=None', 'Partitioned', 'Path=/']) assert.ok(cookie.includes(attr), attr);
  assert.equal((await res.json()).session.token, undefined);
  assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
  const jar = cookie.split(';')[0]!;
  const me = await kit.portal.request('/v1/auth/session', { headers: { cookie: jar, origin: ORIGIN } });
  assert.equal(me.status, 200);
  const forged = await kit.portal.request('/v1/auth/logout', { method: 'POST', headers: { cookie: jar, 'content-type': 'application/json' }, body: '{}' });
  assert.equal(forged.status, 403, 'a cookie-carrying write without Origin is refused');
});

test('a session from one dealer is useless at another', async () => {
  const kit = makeKit({
    dealer: undefined,
    dealers: [
      { id: 'lakeside', name: 'Lakeside', apiKeys: [{ id: 'k', key: 'lakeside-key-0123456789abcdef' }] },
      { id: 'hilltop', name: 'Hilltop', apiKeys: [{ id: 'k', key: 'hilltop-key-0123456789abcdef' }] },
    ],
  });
  const admin = (body: unknown, path: string, method = 'POST') =>
    kit.call(method, path, body, { authorization: 'Bearer lakeside-key-0123456789abcdef', 'porchlight-dealer': 'lakeside' });
  const account = (await admin({ name: 'A', mainPhone: '5550100' }, '/v1/admin/accounts')).body;
  await admin({ username: 'manager', password: 'temporary-Pass-1' }, `/v1/admin/accounts/${account.id}/manager`, 'PUT');
  const login = await kit.call('POST', '/v1/auth/login', { identifier: '5550100', username: 'manager', password: 'temporary-Pass-1' }, { 'porchlight-dealer': 'lakeside' });
  assert.equal(login.status, 200);
  const token = login.body.session.token;
  const there = await kit.call('GET', '/v1/auth/session', undefined, { authorization: `Bearer ${token}`, 'porchlight-dealer': 'hilltop' });
  assert.equal(there.status, 401);
  const noDealer = await kit.call('GET', '/v1/dealer');
  assert.equal(noDealer.status, 404);
  assert.match(noDealer.body.error.message, /Porchlight-Dealer/);
});

test('the store going away answers 503 with the generic shape, and the portal recovers when it is back', async () => {
  const inner = unstorageStore(createStorage());
  let down = false;
  const flaky = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => (down ? Promise.reject(new StoreUnavailableError('connection refused')) : value.apply(target, args));
    },
  }) as Store;
  const errors: unknown[] = [];
  const kit = makeKit({ store: flaky, onUnexpectedError: (e) => void errors.push(e) });
  const { identifier, password } = await kit.accountWithManager();
  down = true;
  const res = await kit.call('POST', '/v1/auth/login', { identifier, username: 'manager', password });
  assert.equal(res.status, 503);
  assert.equal(res.body.error.code, 'STORE_UNAVAILABLE');
  assert.ok(!JSON.stringify(res.body).includes('connection refused'), 'no internals in the answer');
  down = false;
  assert.equal((await kit.call('POST', '/v1/auth/login', { identifier, username: 'manager', password })).status, 200);
});

test('createPortal checks its options and says what to fix', () => {
  const store = unstorageStore(createStorage());
  const mailer = { send: async () => undefined };
  assert.throws(() => createPortal({ store, mailer } as any), /pass `dealer`/);
  assert.throws(() => createPortal({ store, mailer, dealer: { id: 'Bad Id', name: 'x' } }), /id/);
  assert.throws(() => createPortal({ store, mailer, dealer: { id: 'x', name: 'x', allowedOrigins: ['https://x.example/'] } }), /exact origin/);
  assert.throws(() => createPortal({ store, mailer, dealer: { id: 'x', name: 'x', allowedOrigins: ['*'] } }), /exact origin/);
  assert.throws(() => createPortal({ mailer, dealer: { id: 'x', name: 'x' } } as any), /store/);
});

test('per-address limits: reset-link guessing is throttled, and X-Forwarded-For only counts behind trusted proxies', async () => {
  const kit = makeKit({ clientAddress: () => '203.0.113.9' });
  const statuses = [];
  for (let i = 0; i < 21; i++) statuses.push((await kit.call('POST', '/v1/auth/reset/check', { token: 'a'.repeat(32) })).status);
  assert.deepEqual([statuses[0], statuses.at(-1)], [200, 429]);

  // Without trusted proxies, a forged X-Forwarded-For does not give a fresh address.
  const env = { incoming: { socket: { remoteAddress: '198.51.100.7' } } };
  const direct = makeKit();
  const tries = async (headers: (i: number) => Record<string, string>, k = direct) => {
    const out = [];
    for (let i = 0; i < 31; i++) {
      const res = await k.portal.request('/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', ...headers(i) }, body: JSON.stringify({ identifier: `${5550000 + i}`, username: 'x', password: 'y' }) }, env);
      out.push(res.status);
    }
    return out;
  };
  assert.equal((await tries((i) => ({ 'x-forwarded-for': `10.0.0.${i}` }))).at(-1), 429, 'forged header ignored: the socket address is limited');
  const proxied = makeKit({ trustedProxies: 1 });
  assert.equal((await tries((i) => ({ 'x-forwarded-for': `10.0.0.${i}` }), proxied)).at(-1), 401, 'behind a trusted proxy each client address counts on its own');
});
