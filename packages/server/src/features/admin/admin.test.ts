import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newId, routePath, Routes } from '@porchlight/core';
import { createStorage } from 'unstorage';
import { makeKit, API_KEY } from '../../testing/kit.js';
import { unstorageStore } from '../../store/unstorage.js';
import { SEARCH_SCAN_BUDGET } from './routes.js';

test('the admin API needs the dealer API key or a back-office session; a client session is never enough', async () => {
  const kit = makeKit();
  const { token } = await kit.accountWithManager();
  for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong-key-wrong-key-wrong-key' }, { authorization: `Basic ${API_KEY}` }]) {
    const res = await kit.call('GET', '/v1/admin/accounts', undefined, headers);
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, 'INVALID_API_KEY');
  }
  // A session token is checked as a back-office session: a client's is unknown there.
  const client = await kit.call('GET', '/v1/admin/accounts', undefined, { authorization: `Bearer ${token}` });
  assert.equal(client.status, 401);
  assert.equal(client.body.error.code, 'UNAUTHENTICATED');
});

test('no /v1/admin route but the back-office login answers without admin credentials, nor to a client session', async () => {
  const kit = makeKit();
  const { token: clientToken, account } = await kit.accountWithManager();
  const params = { accountId: account.id, staffId: newId(kit.clock.now), messageId: newId(kit.clock.now), documentId: newId(kit.clock.now), ticketId: newId(kit.clock.now), entryId: newId(kit.clock.now), attachmentId: newId(kit.clock.now), workOrderId: newId(kit.clock.now), userId: newId(kit.clock.now), requestId: newId(kit.clock.now), proposalNumber: 'P-1' };
  const mounted: string[] = [];
  for (const [name, template] of Object.entries(Routes.admin)) {
    if (name === 'login') continue;
    const path = routePath(template, params);
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      // Is anything there? Asked with the API key and no body, so nothing is written.
      const probe = await kit.admin(method, path);
      if (probe.status === 404 && /^No route/.test(probe.body.error.message)) continue;
      mounted.push(`${method} ${name}`);
      const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${clientToken}` }, { cookie: `__Host-porchlight-session=${clientToken}` }];
      for (const headers of attempts) {
        const res = await kit.call(method, path, method === 'GET' || method === 'DELETE' ? undefined : {}, headers);
        assert.equal(res.status, 401, `${method} ${template} with ${Object.keys(headers).join('+') || 'nothing'} -> ${res.status}`);
      }
    }
  }
  for (const expected of [
    'POST accounts', 'GET accounts', 'GET account', 'PATCH account', 'GET accountUsers', 'PUT accountManager', 'POST emulate', 'GET accountAudit',
    'GET session', 'POST logout', 'POST changePassword', 'GET dealerStaff', 'POST dealerStaff', 'PATCH dealerStaffMember',
  ]) {
    assert.ok(mounted.includes(expected), `${expected} is mounted and was walked`);
  }
});

test('identifiers: phone digits, random 8 digits without a phone, random when the phone is taken, manual ones unique', async () => {
  const kit = makeKit();
  const a = await kit.admin('POST', '/v1/admin/accounts', { name: 'A', mainPhone: '+1 (555) 010-0100' });
  assert.equal(a.body.identifier, '15550100100');
  assert.equal(a.body.identifierSource, 'phone');
  const b = await kit.admin('POST', '/v1/admin/accounts', { name: 'B' });
  assert.match(b.body.identifier, /^[1-9]\d{7}$/);
  assert.equal(b.body.identifierSource, 'random');
  const c = await kit.admin('POST', '/v1/admin/accounts', { name: 'C', mainPhone: '1-555-010-0100' });
  assert.equal(c.status, 201);
  assert.equal(c.body.identifierSource, 'random', 'same phone as A: falls back to a random identifier');
  const d = await kit.admin('POST', '/v1/admin/accounts', { name: 'D', identifier: a.body.identifier });
  assert.equal(d.status, 409);
  assert.equal(d.body.error.code, 'IDENTIFIER_TAKEN');
  assert.ok(d.body.error.fields.identifier);

  const found = await kit.admin('GET', `/v1/admin/accounts?identifier=${a.body.identifier}`);
  assert.deepEqual(found.body.items.map((x: any) => x.name), ['A']);
  const all = await kit.admin('GET', '/v1/admin/accounts?limit=2');
  assert.equal(all.body.items.length, 2);
  const rest = await kit.admin('GET', `/v1/admin/accounts?limit=2&cursor=${encodeURIComponent(all.body.cursor)}`);
  assert.deepEqual([...all.body.items, ...rest.body.items].map((x: any) => x.name), ['A', 'B', 'C']);
});

test('changing an identifier moves the login: the old one stops working, the new one works, the old one is free again', async () => {
  const kit = makeKit();
  const { account, identifier, password } = await kit.accountWithManager({ mainPhone: '5550100' });
  const changed = await kit.admin('PATCH', `/v1/admin/accounts/${account.id}`, { identifier: '7770001' });
  assert.equal(changed.status, 200);
  assert.equal(changed.body.identifier, '7770001');
  assert.equal((await kit.call('POST', '/v1/auth/login', { identifier, username: 'manager', password })).status, 401);
  assert.equal((await kit.call('POST', '/v1/auth/login', { identifier: '7770001', username: 'manager', password })).status, 200);
  const other = await kit.admin('POST', '/v1/admin/accounts', { name: 'Other', identifier });
  assert.equal(other.status, 201, 'the released identifier can be used again');
  const audit = await kit.admin('GET', `/v1/admin/accounts/${account.id}/audit`);
  const entry = audit.body.items.find((e: any) => e.action === 'account.updated');
  assert.match(entry.summary, /admin Pat Dispatcher changed identifier/);
});

test('customer numbers are unique per dealer and searchable', async () => {
  const kit = makeKit();
  assert.equal((await kit.admin('POST', '/v1/admin/accounts', { name: 'A', customerNumber: 'C-1001' })).status, 201);
  const dup = await kit.admin('POST', '/v1/admin/accounts', { name: 'B', customerNumber: 'c-1001' });
  assert.equal(dup.body.error.code, 'CUSTOMER_NUMBER_TAKEN');
  const found = await kit.admin('GET', '/v1/admin/accounts?customerNumber=C-1001');
  assert.equal(found.body.items[0].name, 'A');
  // The failed create left nothing behind: no account B, identifier space untouched.
  assert.equal((await kit.admin('GET', '/v1/admin/accounts')).body.items.length, 1);
});

test('the manager login: a temporary password that follows the password rules; reassigning ends their sessions', async () => {
  const kit = makeKit();
  const account = (await kit.admin('POST', '/v1/admin/accounts', { name: 'A', mainPhone: '5550100' })).body;
  const weak = await kit.admin('PUT', `/v1/admin/accounts/${account.id}/manager`, { username: 'manager', password: 'short' });
  assert.equal(weak.status, 400);
  assert.ok(weak.body.error.fields.password);
  await kit.accountWithManager();
  const { account: acc2, token: t2 } = await kit.accountWithManager({ mainPhone: '5550177' });
  const again = await kit.admin('PUT', `/v1/admin/accounts/${acc2.id}/manager`, { username: 'boss', password: 'new temporary pass' });
  assert.equal(again.status, 200);
  assert.equal(again.body.username, 'boss');
  assert.equal(again.body.mustChangePassword, true);
  assert.equal((await kit.as(t2)('GET', '/v1/auth/session')).status, 401);
  assert.equal((await kit.call('POST', '/v1/auth/login', { identifier: '5550177', username: 'manager', password: 'new temporary pass' })).status, 401, 'old username released');
  assert.equal((await kit.call('POST', '/v1/auth/login', { identifier: '5550177', username: 'boss', password: 'new temporary pass' })).status, 200);
});

test('emulation: a marked session of at most an hour that cannot change the password and is audited as "admin X as manager Y"', async () => {
  const kit = makeKit();
  const { account, manager } = await kit.accountWithManager();
  const started = await kit.admin('POST', `/v1/admin/accounts/${account.id}/emulate`, { reason: 'client called: cannot log in' });
  assert.equal(started.status, 201);
  assert.equal(started.body.user.id, manager.id);
  assert.match(started.body.url, /^https:\/\/www\.lakeside\.example\/portal#porchlight-emulation=/);
  assert.ok(Date.parse(started.body.expiresAt) - kit.clock.now <= 60 * 60_000);
  const emu = kit.as(started.body.token);

  const me = await emu('GET', '/v1/auth/session');
  assert.deepEqual(me.body.session.emulatedBy, { adminId: 'backoffice', name: 'admin Pat Dispatcher' });
  const change = await emu('POST', '/v1/auth/password', { currentPassword: 'x', newPassword: 'emulated new password' });
  assert.equal(change.status, 403);
  assert.equal(change.body.error.code, 'EMULATION_FORBIDDEN');

  kit.clock.now += 61 * 60_000;
  assert.equal((await emu('GET', '/v1/auth/session')).status, 401, 'expires within the hour');

  const again = kit.as((await kit.admin('POST', `/v1/admin/accounts/${account.id}/emulate`, {})).body.token);
  assert.equal((await again('POST', '/v1/auth/logout', {})).status, 200);
  const audit = (await kit.admin('GET', `/v1/admin/accounts/${account.id}/audit`)).body.items;
  const start = audit.filter((e: any) => e.action === 'emulation.start').at(-1);
  assert.equal(start.actor.kind, 'emulation');
  assert.equal(start.actor.name, 'admin Pat Dispatcher as manager Dana Reyes');
  assert.match(start.summary, /client called/);
  const end = audit.find((e: any) => e.action === 'emulation.end');
  assert.equal(end.actor.name, 'admin Pat Dispatcher as manager Dana Reyes');
  assert.ok(Date.parse(audit[0].at) >= Date.parse(audit.at(-1).at), 'newest first');
});

test('accounts of another dealer cannot be read with this dealer\'s key', async () => {
  const kit = makeKit({
    dealer: undefined,
    dealers: [
      { id: 'lakeside', name: 'Lakeside', apiKeys: [{ id: 'k', key: API_KEY }] },
      { id: 'hilltop', name: 'Hilltop', apiKeys: [{ id: 'k', key: 'hilltop-key-0123456789abcdef' }] },
    ],
  });
  const a = await kit.admin('POST', '/v1/admin/accounts', { name: 'Lakeside account' }, { 'porchlight-dealer': 'lakeside' });
  assert.equal(a.status, 201);
  const cross = await kit.call('GET', `/v1/admin/accounts/${a.body.id}`, undefined, { authorization: 'Bearer hilltop-key-0123456789abcdef', 'porchlight-dealer': 'hilltop' });
  assert.equal(cross.status, 404);
  const wrongKey = await kit.call('GET', `/v1/admin/accounts/${a.body.id}`, undefined, { authorization: 'Bearer hilltop-key-0123456789abcdef', 'porchlight-dealer': 'lakeside' });
  assert.equal(wrongKey.status, 401);
});

test('search: names contain q in any case or accent; identifier and customer number match exactly and come first', async () => {
  const kit = makeKit();
  const add = async (body: Record<string, string>) => (await kit.admin('POST', '/v1/admin/accounts', body)).body;
  const cafe = await add({ name: 'Café Émile', mainPhone: '(555) 010-0100' });
  const annex = await add({ name: 'CAFE EMILE Annex' });
  await add({ name: 'Harbor View' });
  const numbered = await add({ name: 'Maple Court', customerNumber: 'AB-12' });
  const lookalike = await add({ name: 'Unit ab-12 west' });
  const digitsInName = await add({ name: 'Shop 5550100100 annex' });
  const search = async (q: string, extra = '') => {
    const res = await kit.admin('GET', `/v1/admin/accounts?q=${encodeURIComponent(q)}${extra}`);
    assert.equal(res.status, 200, `${q}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const names = (body: any) => body.items.map((a: any) => a.name);

  assert.deepEqual(names(await search('cafe emile')), ['Café Émile', 'CAFE EMILE Annex']);
  assert.deepEqual(names(await search('ÉMILE')), ['Café Émile', 'CAFE EMILE Annex']);
  assert.deepEqual(names(await search('  émile annex ')), ['CAFE EMILE Annex']);
  assert.deepEqual(names(await search('nothing like it')), []);
  assert.equal((await search('nothing like it')).cursor, null);

  // Identifier: spaces, dashes and brackets do not matter; exact match first, then names.
  assert.deepEqual(names(await search('(555) 010-0100')), ['Café Émile']);
  assert.deepEqual(names(await search('5550100100')), ['Café Émile', 'Shop 5550100100 annex']);
  // Customer number: any case, exact first, never repeated by the name scan.
  assert.deepEqual(names(await search('ab-12')), ['Maple Court', 'Unit ab-12 west']);

  // Paging: exact matches only on the first page.
  const p1 = await search('5550100100', '&limit=1');
  assert.deepEqual(p1.items.map((a: any) => a.id), [cafe.id]);
  assert.ok(p1.cursor);
  const p2 = await search('5550100100', `&limit=1&cursor=${encodeURIComponent(p1.cursor)}`);
  assert.deepEqual(p2.items.map((a: any) => a.id), [digitsInName.id]);
  const p3 = p2.cursor ? await search('5550100100', `&limit=1&cursor=${encodeURIComponent(p2.cursor)}`) : { items: [], cursor: null };
  assert.deepEqual(p3.items, []);
  assert.equal(p3.cursor, null);
  assert.deepEqual(names(await search('ab-12', '&limit=1')), ['Maple Court']);
  void annex;
  void numbered;
  void lookalike;

  // Without q: as before.
  assert.equal((await kit.admin('GET', '/v1/admin/accounts?limit=100')).body.items.length, 6);
  assert.deepEqual((await kit.admin('GET', `/v1/admin/accounts?identifier=5550100100`)).body.items.map((a: any) => a.id), [cafe.id]);
});

test('search over many accounts: bounded work per request, a cursor that resumes the scan, every match once', async () => {
  let listed = 0;
  const inner = unstorageStore(createStorage());
  const store = Object.create(inner, {
    list: {
      value: async (prefix: string, options: any) => {
        const page = await inner.list(prefix, options);
        if (prefix.startsWith('acct:')) listed += page.items.length;
        return page;
      },
    },
  });
  const kit = makeKit({ store });
  const total = 5000;
  const expected: string[] = [];
  const base = kit.clock.now - total * 1000;
  for (let i = 0; i < total; i++) {
    const id = newId(base + i * 1000);
    // Sparse matches (some requests reach the budget first) and a cluster (a page stops mid-way).
    const match = i % 1300 === 7 || (i >= 4500 && i < 4508);
    const name = match ? `Résidence Lac ${i}` : `Account ${i}`;
    if (match) expected.push(id);
    const now = new Date(base + i * 1000).toISOString();
    const actor = { kind: 'system', name: 'import' };
    await inner.put(`acct:lakeside:${id}`, {
      id, dealerId: 'lakeside', name, customerNumber: null, zip: null, mainPhone: null, identifier: String(10_000_000 + i), identifierSource: 'random',
      permissions: [], createdAt: now, createdBy: actor, updatedAt: now, updatedBy: actor,
    });
  }

  const seen: string[] = [];
  let cursor: string | null = null;
  let requests = 0;
  let shortPages = 0;
  do {
    listed = 0;
    const res: any = await kit.admin('GET', `/v1/admin/accounts?q=residence%20LAC&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.ok(res.body.items.length <= 3);
    assert.ok(listed <= SEARCH_SCAN_BUDGET + 2 * 200, `a request read ${listed} accounts`);
    if (res.body.items.length < 3 && res.body.cursor) shortPages++;
    seen.push(...res.body.items.map((a: any) => a.id));
    cursor = res.body.cursor;
    requests++;
    assert.ok(requests < 50, 'the scan ends');
  } while (cursor);
  assert.deepEqual(seen, expected, 'every match once, in account order');
  assert.ok(shortPages > 0, 'some pages end at the scan budget rather than at the limit');
});

test('search input: too long, malformed or foreign cursors get a 4xx, never a 5xx', async () => {
  const kit = makeKit();
  await kit.admin('POST', '/v1/admin/accounts', { name: 'A' });
  const b64 = (s: string) => Buffer.from(s).toString('base64url');
  for (const query of [
    `q=${'x'.repeat(121)}`,
    'q=a&cursor=%%%',
    'q=a&cursor=!!',
    `q=a&cursor=${b64('not json')}`,
    `q=a&cursor=${b64('{"x":9,"c":null,"a":null}')}`,
    `q=a&cursor=${b64('{"x":0,"c":"***","a":null}')}`,
    `q=a&cursor=${b64('{"x":0,"c":null,"a":"../etc"}')}`,
    `q=a&cursor=${b64('[]')}`,
    `q=a&cursor=${b64('null')}`,
    'q=a&limit=0',
    'q=a&limit=1000',
    'q=a&nope=1',
  ]) {
    const res = await kit.admin('GET', `/v1/admin/accounts?${query}`);
    assert.ok(res.status >= 400 && res.status < 500, `${query} -> ${res.status}`);
    assert.equal(typeof res.body.error.message, 'string');
  }
  for (const q of ['%CC%81', '%20', '-', '()', '%F0%9F%8F%A0']) {
    const res = await kit.admin('GET', `/v1/admin/accounts?q=${q}`);
    assert.equal(res.status, 200, q);
  }
});
