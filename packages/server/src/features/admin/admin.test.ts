import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeKit, API_KEY } from '../../testing/kit.js';

test('the admin API needs the dealer API key; a client session is never enough', async () => {
  const kit = makeKit();
  const { token } = await kit.accountWithManager();
  for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong-key-wrong-key-wrong-key' }, { authorization: `Bearer ${token}` }, { authorization: `Basic ${API_KEY}` }]) {
    const res = await kit.call('GET', '/v1/admin/accounts', undefined, headers);
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, 'INVALID_API_KEY');
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
