import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routePath, Routes } from '@porchlight/core';
import { makeKit, API_KEY } from '../../testing/kit.js';

type Kit = ReturnType<typeof makeKit>;

const TEMP = 'temporary-Pass-1';
const R = Routes.admin;

/** Adds a back-office login with the API key (as a deployment adds its first owner). */
async function addStaff(kit: Kit, opts: { email: string; name?: string; role?: 'owner' | 'admin' | 'support'; headers?: Record<string, string> }) {
  const res = await kit.admin('POST', R.dealerStaff, { email: opts.email, name: opts.name ?? 'Olive Owner', role: opts.role ?? 'owner', password: TEMP }, opts.headers);
  if (res.status !== 201) throw new Error(`add staff: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A staff member who has signed in and replaced their temporary password: their token and a caller. */
async function signedIn(kit: Kit, opts: { email: string; name?: string; role?: 'owner' | 'admin' | 'support'; password?: string }) {
  const staff = await addStaff(kit, opts);
  const password = opts.password ?? 'a long back-office passphrase';
  const login = await kit.call('POST', R.login, { email: opts.email, password: TEMP });
  if (login.status !== 200) throw new Error(`login: ${JSON.stringify(login.body)}`);
  const token = login.body.session.token as string;
  const changed = await kit.as(token)('POST', R.changePassword, { currentPassword: TEMP, newPassword: password });
  if (changed.status !== 200) throw new Error(`change: ${JSON.stringify(changed.body)}`);
  return { staff, token, password, call: kit.as(token) };
}

async function dealerAudit(kit: Kit, dealer = 'lakeside') {
  return (await kit.store.list<any>(`audit:${dealer}:_dealer`, { limit: 1000 })).items.map((i) => i.value);
}

test('a staff member signs in with email + password, must replace the temporary password first, and sees who they are', async () => {
  const kit = makeKit();
  const created = await addStaff(kit, { email: 'Olive@Lakeside.example', name: 'Olive Owner' });
  assert.equal(created.role, 'owner');
  assert.equal(created.mustChangePassword, true);
  assert.deepEqual(created.abilities, ['accounts.read', 'accounts.write', 'emulate', 'dealer-staff.manage', 'tickets.reply']);
  assert.equal(created.passwordHash, undefined, 'never sends the hash');
  assert.equal(created.createdBy.name, 'admin Pat Dispatcher');

  const login = await kit.call('POST', R.login, { email: 'olive@LAKESIDE.example ', password: TEMP });
  assert.equal(login.status, 200);
  assert.equal(login.body.session.mustChangePassword, true);
  assert.match(login.body.session.token, /^[0-9a-z]{26}\.[a-z2-7]{32}$/);
  assert.equal(login.body.staff.email, 'Olive@Lakeside.example');
  assert.equal(login.body.dealer.id, 'lakeside');
  assert.equal(login.body.staff.passwordHash, undefined);
  assert.ok(login.body.staff.lastLoginAt);
  const me = kit.as(login.body.session.token);

  // Until the password is replaced: session, logout and change password only.
  for (const [method, path] of [['GET', R.accounts], ['GET', R.dealerStaff], ['POST', R.accounts]] as const) {
    const res = await me(method, path, method === 'POST' ? { name: 'X' } : undefined);
    assert.equal(res.status, 403, `${method} ${path}`);
    assert.equal(res.body.error.code, 'PASSWORD_CHANGE_REQUIRED');
  }
  const session = await me('GET', R.session);
  assert.equal(session.status, 200);
  assert.equal(session.body.session.token, undefined, 'who-am-I never repeats the token');

  assert.equal((await me('POST', R.changePassword, { currentPassword: TEMP, newPassword: TEMP })).body.error.code, 'WEAK_PASSWORD');
  assert.equal((await me('POST', R.changePassword, { currentPassword: TEMP, newPassword: 'password123' })).body.error.code, 'WEAK_PASSWORD');
  assert.equal((await me('POST', R.changePassword, { currentPassword: 'not the password', newPassword: 'a long back-office passphrase' })).body.error.code, 'WRONG_PASSWORD');
  const changed = await me('POST', R.changePassword, { currentPassword: TEMP, newPassword: 'a long back-office passphrase' });
  assert.equal(changed.status, 200);
  assert.equal(changed.body.session.mustChangePassword, false);
  assert.equal(changed.body.session.token, undefined);
  assert.equal((await me('GET', R.accounts)).status, 200, 'the same session goes on after the change');

  assert.equal((await me('POST', R.logout, {})).status, 200);
  assert.equal((await me('GET', R.session)).status, 401);
  assert.equal((await me('GET', R.accounts)).status, 401);

  const actions = (await dealerAudit(kit)).map((e) => e.action);
  assert.deepEqual(actions, ['dealer-staff.created', 'dealer-staff.login', 'dealer-staff.password-changed', 'dealer-staff.logout']);
  const entries = await dealerAudit(kit);
  assert.ok(entries.every((e) => e.accountId === null));
  assert.equal(entries[1].actor.name, 'admin Olive Owner');
});

test('every back-office login failure looks the same: unknown email, wrong password, disabled login', async () => {
  const kit = makeKit();
  const { password } = await signedIn(kit, { email: 'olive@lakeside.example' });
  const sam = await signedIn(kit, { email: 'sam@lakeside.example', name: 'Sam Support', role: 'support', password: 'sam has a passphrase' });
  assert.equal((await kit.admin('PATCH', routePath(R.dealerStaffMember, { staffId: sam.staff.id }), { status: 'disabled' })).status, 200);

  const answers = [
    await kit.call('POST', R.login, { email: 'nobody@lakeside.example', password }),
    await kit.call('POST', R.login, { email: 'olive@lakeside.example', password: 'wrong password here' }),
    await kit.call('POST', R.login, { email: 'sam@lakeside.example', password: 'sam has a passphrase' }),
  ];
  for (const a of answers) {
    assert.equal(a.status, 401);
    assert.deepEqual(a.body, answers[0]!.body);
  }
  assert.equal(answers[0]!.body.error.code, 'INVALID_CREDENTIALS');
  assert.match(answers[0]!.body.error.message, /email or password/);
  assert.equal((await sam.call('GET', R.accounts)).status, 401, 'disabling ended the session');

  const failed = (await dealerAudit(kit)).filter((e) => e.action === 'dealer-staff.login-failed');
  assert.equal(failed.length, 3);
  assert.ok(failed.every((e) => e.accountId === null && !JSON.stringify(e).includes('wrong password')));
  assert.equal((await kit.call('POST', R.login, { email: 'OLIVE@lakeside.example', password })).status, 200);
});

test('back-office login is throttled per login and per client address', async () => {
  const kit = makeKit();
  const { password } = await signedIn(kit, { email: 'olive@lakeside.example' });
  const statuses = [];
  for (let i = 0; i < 9; i++) statuses.push((await kit.call('POST', R.login, { email: 'olive@lakeside.example', password: 'guess ' + i })).status);
  // One login already counted (the helper's).
  assert.deepEqual(statuses.slice(0, 7), Array(7).fill(401));
  const limited = await kit.call('POST', R.login, { email: 'Olive@lakeside.example', password });
  assert.equal(limited.status, 429, 'even the right password waits once the limit is hit');
  assert.equal(limited.body.error.code, 'RATE_LIMITED');
  assert.ok(Number(limited.headers.get('retry-after')) > 0);
  kit.clock.now += 16 * 60_000;
  assert.equal((await kit.call('POST', R.login, { email: 'olive@lakeside.example', password })).status, 200);

  const perAddress = makeKit({ clientAddress: () => '203.0.113.7', rateLimits: { adminLoginAddress: { max: 3, windowSeconds: 600 } } });
  const answers = [];
  for (let i = 0; i < 4; i++) answers.push(await perAddress.call('POST', R.login, { email: `person${i}@lakeside.example`, password: 'whatever it is' }));
  assert.deepEqual(answers.map((a) => a.status), [401, 401, 401, 429]);
});

test('roles: support reads and emulates; admin also writes; only an owner (or the API key) manages the dealer staff', async () => {
  const kit = makeKit();
  const { account } = await kit.accountWithManager();
  const owner = await signedIn(kit, { email: 'olive@lakeside.example', name: 'Olive Owner' });
  const admin = await signedIn(kit, { email: 'ada@lakeside.example', name: 'Ada Admin', role: 'admin' });
  const support = await signedIn(kit, { email: 'sam@lakeside.example', name: 'Sam Support', role: 'support' });
  const accountPath = routePath(R.account, { accountId: account.id });
  const managerPath = routePath(R.accountManager, { accountId: account.id });

  for (const caller of [owner, admin, support]) {
    assert.equal((await caller.call('GET', R.accounts)).status, 200);
    assert.equal((await caller.call('GET', accountPath)).status, 200);
    assert.equal((await caller.call('GET', routePath(R.accountUsers, { accountId: account.id }))).status, 200);
    assert.equal((await caller.call('GET', routePath(R.accountAudit, { accountId: account.id }))).status, 200);
    assert.equal((await caller.call('POST', routePath(R.emulate, { accountId: account.id }), {})).status, 201);
  }

  const supportWrites = [
    await support.call('PATCH', accountPath, { zip: '12345' }),
    await support.call('PUT', managerPath, { username: 'boss', password: 'new temporary pass' }),
    await support.call('POST', R.accounts, { name: 'Nope' }),
    await support.call('GET', R.dealerStaff),
  ];
  for (const r of supportWrites) {
    assert.equal(r.status, 403);
    assert.equal(r.body.error.code, 'FORBIDDEN');
  }

  assert.equal((await admin.call('PATCH', accountPath, { zip: '12345' })).status, 200);
  assert.equal((await admin.call('PUT', managerPath, { username: 'boss', password: 'new temporary pass' })).status, 200);
  for (const r of [
    await admin.call('GET', R.dealerStaff),
    await admin.call('POST', R.dealerStaff, { email: 'x@lakeside.example', name: 'X', role: 'support', password: TEMP }),
    await admin.call('PATCH', routePath(R.dealerStaffMember, { staffId: support.staff.id }), { role: 'owner' }),
  ]) {
    assert.equal(r.status, 403);
    assert.equal(r.body.error.code, 'FORBIDDEN');
  }

  const list = await owner.call('GET', R.dealerStaff);
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.items.map((s: any) => s.email), ['olive@lakeside.example', 'ada@lakeside.example', 'sam@lakeside.example']);
  assert.ok(list.body.items.every((s: any) => s.passwordHash === undefined));
  const added = await owner.call('POST', R.dealerStaff, { email: 'new@lakeside.example', name: 'New Person', role: 'support', password: TEMP });
  assert.equal(added.status, 201);
  assert.equal(added.body.createdBy.name, 'admin Olive Owner');
  assert.equal(added.body.createdBy.adminId, owner.staff.id);

  // A role change applies to the next request of the same session.
  const demoted = await owner.call('PATCH', routePath(R.dealerStaffMember, { staffId: admin.staff.id }), { role: 'support' });
  assert.equal(demoted.status, 200);
  assert.deepEqual(demoted.body.abilities, ['accounts.read', 'emulate', 'tickets.reply']);
  assert.equal((await admin.call('PATCH', accountPath, { zip: '54321' })).status, 403);
  assert.equal((await owner.call('PATCH', routePath(R.dealerStaffMember, { staffId: support.staff.id }), { role: 'admin' })).status, 200);
  assert.equal((await support.call('PATCH', accountPath, { zip: '54321' })).status, 200);

  const updated = (await dealerAudit(kit)).filter((e) => e.action === 'dealer-staff.updated');
  assert.deepEqual(updated[0].details, { role: { from: 'admin', to: 'support' } });
  assert.match(updated[0].summary, /admin Olive Owner changed role on the back-office login ada@lakeside\.example/);
  const accountAudit = (await kit.admin('GET', routePath(R.accountAudit, { accountId: account.id }))).body.items;
  assert.ok(accountAudit.some((e: any) => e.action === 'account.updated' && e.actor.name === 'admin Ada Admin' && e.actor.adminId === admin.staff.id));
});

test('emulation started by a staff member carries their id and name', async () => {
  const kit = makeKit();
  const { account, manager } = await kit.accountWithManager();
  const sam = await signedIn(kit, { email: 'sam@lakeside.example', name: 'Sam Support', role: 'support' });
  const started = await sam.call('POST', routePath(R.emulate, { accountId: account.id }), { reason: 'client called' });
  assert.equal(started.status, 201);
  assert.equal(started.body.user.id, manager.id);
  assert.match(started.body.url, /^https:\/\/www\.lakeside\.example\/portal#porchlight-emulation=/);
  const me = await kit.as(started.body.token)('GET', '/v1/auth/session');
  assert.equal(me.status, 200);
  assert.deepEqual(me.body.session.emulatedBy, { adminId: sam.staff.id, name: 'admin Sam Support' });
  const audit = (await kit.admin('GET', routePath(R.accountAudit, { accountId: account.id }))).body.items;
  const start = audit.find((e: any) => e.action === 'emulation.start');
  assert.equal(start.actor.adminId, sam.staff.id);
  assert.equal(start.actor.name, 'admin Sam Support as manager Dana Reyes');
  // The emulated (portal) session is not a back-office session.
  assert.equal((await kit.as(started.body.token)('GET', R.accounts)).status, 401);
});

test('an emulation ends as soon as the staff member who started it is disabled', async () => {
  const kit = makeKit();
  const { account } = await kit.accountWithManager();
  const sam = await signedIn(kit, { email: 'sam@lakeside.example', name: 'Sam Support', role: 'support' });
  const started = await sam.call('POST', routePath(R.emulate, { accountId: account.id }), {});
  const emulated = kit.as(started.body.token);
  assert.equal((await emulated('GET', '/v1/auth/session')).status, 200);
  const disabled = await kit.admin('PATCH', routePath(R.dealerStaffMember, { staffId: sam.staff.id }), { status: 'disabled' });
  assert.equal(disabled.status, 200);
  const after = await emulated('GET', '/v1/auth/session');
  assert.equal(after.status, 401);
  assert.equal(after.body.error.code, 'SESSION_EXPIRED');
});

test('portal and back-office tokens never stand in for each other', async () => {
  const kit = makeKit();
  const { token: portalToken, account } = await kit.accountWithManager();
  const { token: staffToken } = await signedIn(kit, { email: 'olive@lakeside.example' });

  const portalSide = await kit.as(staffToken)('GET', '/v1/auth/session');
  assert.equal(portalSide.status, 401);
  assert.equal(portalSide.body.error.code, 'UNAUTHENTICATED');
  assert.equal((await kit.as(staffToken)('POST', '/v1/auth/logout', {})).status, 401);
  assert.equal((await kit.as(staffToken)('POST', '/v1/auth/password', { currentPassword: 'a', newPassword: 'b long enough pass' })).status, 401);

  for (const [method, path] of [
    ['GET', R.session],
    ['POST', R.logout],
    ['GET', R.accounts],
    ['GET', routePath(R.account, { accountId: account.id })],
    ['GET', R.dealerStaff],
  ] as const) {
    const res = await kit.as(portalToken)(method, path, method === 'POST' ? {} : undefined);
    assert.equal(res.status, 401, `${method} ${path}`);
  }
  // The API key is not a back-office session either (no session to show or end).
  assert.equal((await kit.admin('GET', R.session)).status, 401);
  // Both still work where they belong.
  assert.equal((await kit.as(portalToken)('GET', '/v1/auth/session')).status, 200);
  assert.equal((await kit.as(staffToken)('GET', R.session)).status, 200);
});

test('a staff token of one dealer is refused at another, and emails are unique per dealer only', async () => {
  const kit = makeKit({
    dealer: undefined,
    dealers: [
      { id: 'lakeside', name: 'Lakeside', apiKeys: [{ id: 'k', key: API_KEY }] },
      { id: 'hilltop', name: 'Hilltop', apiKeys: [{ id: 'k', key: 'hilltop-key-0123456789abcdef' }] },
    ],
  });
  const lakeside = { 'porchlight-dealer': 'lakeside' };
  await addStaff(kit, { email: 'olive@example.com', headers: lakeside });
  const login = await kit.call('POST', R.login, { email: 'olive@example.com', password: TEMP }, lakeside);
  assert.equal(login.status, 200);
  const token = login.body.session.token;
  await kit.call('POST', R.changePassword, { currentPassword: TEMP, newPassword: 'a long back-office passphrase' }, { ...lakeside, authorization: `Bearer ${token}` });
  assert.equal((await kit.call('GET', R.accounts, undefined, { ...lakeside, authorization: `Bearer ${token}` })).status, 200);

  for (const path of [R.accounts, R.session, R.dealerStaff]) {
    const there = await kit.call('GET', path, undefined, { 'porchlight-dealer': 'hilltop', authorization: `Bearer ${token}` });
    assert.equal(there.status, 401, path);
  }
  assert.equal((await kit.call('POST', R.login, { email: 'olive@example.com', password: 'a long back-office passphrase' }, { 'porchlight-dealer': 'hilltop' })).status, 401);
  const same = await kit.call('POST', R.dealerStaff, { email: 'Olive@Example.com', name: 'Olive at Hilltop', role: 'owner', password: TEMP }, { 'porchlight-dealer': 'hilltop', authorization: 'Bearer hilltop-key-0123456789abcdef' });
  assert.equal(same.status, 201, 'the same email at another dealer is another login');
  const dup = await kit.admin('POST', R.dealerStaff, { email: 'OLIVE@example.com', name: 'Twin', role: 'support', password: TEMP }, lakeside);
  assert.equal(dup.status, 409);
  assert.equal(dup.body.error.code, 'EMAIL_TAKEN');
  assert.ok(dup.body.error.fields.email);
});

test('back-office sessions end when idle, at their absolute limit, on a new temporary password, and when disabled', async () => {
  const kit = makeKit();
  const { token, password } = await signedIn(kit, { email: 'olive@lakeside.example' });
  const me = kit.as(token);
  for (let h = 1; h <= 11; h++) {
    kit.clock.now += 60 * 60_000;
    assert.equal((await me('GET', R.accounts)).status, 200, `hour ${h}`);
  }
  kit.clock.now += 60 * 60_000;
  const absolute = await me('GET', R.session);
  assert.equal(absolute.status, 401);
  assert.equal(absolute.body.error.code, 'SESSION_EXPIRED');

  const idle = kit.as((await kit.call('POST', R.login, { email: 'olive@lakeside.example', password })).body.session.token);
  kit.clock.now += 2 * 60 * 60_000 + 1000;
  const ended = await idle('GET', R.accounts);
  assert.equal(ended.status, 401);
  assert.equal(ended.body.error.code, 'SESSION_EXPIRED');

  // A new temporary password (set by someone else) ends the sessions and brings back the gate.
  const sam = await signedIn(kit, { email: 'sam@lakeside.example', name: 'Sam Support', role: 'support' });
  const reset = await kit.admin('PATCH', routePath(R.dealerStaffMember, { staffId: sam.staff.id }), { password: 'another temporary one' });
  assert.equal(reset.status, 200);
  assert.equal(reset.body.mustChangePassword, true);
  assert.equal((await sam.call('GET', R.accounts)).body.error.code, 'SESSION_EXPIRED');
  const again = kit.as((await kit.call('POST', R.login, { email: 'sam@lakeside.example', password: 'another temporary one' })).body.session.token);
  assert.equal((await again('GET', R.accounts)).body.error.code, 'PASSWORD_CHANGE_REQUIRED');
  assert.equal((await kit.admin('PATCH', routePath(R.dealerStaffMember, { staffId: sam.staff.id }), { status: 'disabled' })).status, 200);
  assert.equal((await again('GET', R.session)).body.error.code, 'SESSION_EXPIRED');
  // Enabling again does not bring old sessions back.
  assert.equal((await kit.admin('PATCH', routePath(R.dealerStaffMember, { staffId: sam.staff.id }), { status: 'active' })).status, 200);
  assert.equal((await again('GET', R.session)).status, 401);
});

test('changing the password keeps this session and ends the others', async () => {
  const kit = makeKit();
  const { password } = await signedIn(kit, { email: 'olive@lakeside.example' });
  const login = () => kit.call('POST', R.login, { email: 'olive@lakeside.example', password });
  const s1 = kit.as((await login()).body.session.token);
  const s2 = kit.as((await login()).body.session.token);
  assert.equal((await s1('POST', R.changePassword, { currentPassword: password, newPassword: 'the next passphrase' })).status, 200);
  assert.equal((await s1('GET', R.session)).status, 200);
  assert.equal((await s2('GET', R.session)).body.error.code, 'SESSION_EXPIRED');
});

test('the last active owner cannot be demoted or disabled, and nobody can demote or disable themselves', async () => {
  const kit = makeKit();
  const olive = await signedIn(kit, { email: 'olive@lakeside.example', name: 'Olive Owner' });
  const member = (id: string) => routePath(R.dealerStaffMember, { staffId: id });

  for (const change of [{ role: 'admin' }, { status: 'disabled' }]) {
    const byKey = await kit.admin('PATCH', member(olive.staff.id), change);
    assert.equal(byKey.status, 409, JSON.stringify(change));
    assert.equal(byKey.body.error.code, 'LAST_OWNER');
    const self = await olive.call('PATCH', member(olive.staff.id), change);
    assert.equal(self.status, 403);
    assert.equal(self.body.error.code, 'FORBIDDEN');
  }
  assert.equal((await olive.call('PATCH', member(olive.staff.id), { password: 'some temporary pass' })).status, 403);
  const renamed = await olive.call('PATCH', member(olive.staff.id), { name: 'Olive O.' });
  assert.equal(renamed.status, 200, 'a name change is fine');
  assert.equal(renamed.body.name, 'Olive O.');

  // A disabled owner does not count.
  const otto = await addStaff(kit, { email: 'otto@lakeside.example', name: 'Otto Owner' });
  assert.equal((await olive.call('PATCH', member(otto.id), { status: 'disabled' })).status, 200);
  assert.equal((await kit.admin('PATCH', member(olive.staff.id), { role: 'admin' })).body.error.code, 'LAST_OWNER');

  // With a second active owner, one owner may demote the other.
  assert.equal((await olive.call('PATCH', member(otto.id), { status: 'active' })).status, 200);
  const demoted = await olive.call('PATCH', member(otto.id), { role: 'support' });
  assert.equal(demoted.status, 200);
  assert.equal(demoted.body.role, 'support');
  const stored = await kit.store.get<any>(`dstaff:lakeside:${olive.staff.id}`);
  assert.equal(stored!.value.role, 'owner');

  // Two owners demoting each other at the same moment: an active owner always remains.
  const pat = await signedIn(kit, { email: 'pat@lakeside.example', name: 'Pat Owner' });
  const results = await Promise.all([olive.call('PATCH', member(pat.staff.id), { role: 'admin' }), pat.call('PATCH', member(olive.staff.id), { role: 'admin' })]);
  assert.ok(results.some((r) => r.status === 409 || r.status === 403), JSON.stringify(results.map((r) => r.status)));
  const owners = (await kit.admin('GET', R.dealerStaff)).body.items.filter((s: any) => s.role === 'owner' && s.status === 'active');
  assert.ok(owners.length >= 1);

  assert.equal((await kit.admin('PATCH', member('01hzzzzzzzzzzzzzzzzzzzzzzz'), { name: 'Ghost' })).status, 404);
});

test('bad input to the back-office routes gets a 4xx that says what is wrong, never a 5xx', async () => {
  const kit = makeKit();
  const owner = await signedIn(kit, { email: 'olive@lakeside.example' });
  const raw = (path: string, body: string, headers: Record<string, string> = {}) => kit.call('POST', path, body, { 'content-type': 'application/json', ...headers });
  const bodies = ['', 'null', '[]', '{', '"x"', '{"email":1,"password":2}', '{"email":"not-an-email","password":"x"}', '{"email":"a@b.example","password":""}', `{"email":"a@b.example","password":"${'x'.repeat(300)}"}`, '{"email":"a@b.example","password":"x","extra":1}', '{"__proto__":{"x":1}}'];
  for (const body of bodies) {
    const r = await raw(R.login, body);
    assert.ok(r.status >= 400 && r.status < 500, `login ${body.slice(0, 30)} -> ${r.status}`);
    assert.equal(typeof r.body.error.message, 'string');
  }
  const staffBodies = [{}, { email: 'x@y.example' }, { email: 'x@y.example', name: 'X', role: 'boss', password: TEMP }, { email: 'x@y.example', name: '', role: 'admin', password: TEMP }, { email: 'x@y.example', name: 'X', role: 'admin', password: 'short' }, { email: 'x@y.example', name: 'X', role: 'admin', password: 7 }];
  for (const body of staffBodies) {
    const r = await owner.call('POST', R.dealerStaff, body);
    assert.ok(r.status >= 400 && r.status < 500, `${JSON.stringify(body)} -> ${r.status}`);
  }
  for (const [id, body] of [
    ['..%2F..%2Fetc', { name: 'X' }],
    ['not-an-id', { name: 'X' }],
    [owner.staff.id, { role: 'king' }],
    [owner.staff.id, { email: 'new@lakeside.example' }],
    [owner.staff.id, { status: 'gone' }],
    [owner.staff.id, { password: 'short' }],
  ] as const) {
    const r = await owner.call('PATCH', R.dealerStaffMember.replace(':staffId', id), body);
    assert.ok(r.status >= 400 && r.status < 500, `${id} ${JSON.stringify(body)} -> ${r.status}`);
  }
  for (const q of ['?limit=0', '?limit=abc', '?cursor=%%%', '?cursor=' + 'x'.repeat(500), '?other=1']) {
    const r = await owner.call('GET', R.dealerStaff + q);
    assert.ok(r.status >= 400 && r.status < 500, `${q} -> ${r.status}`);
  }
  // A well-formed cursor of nothing in particular is just an empty page.
  assert.ok((await owner.call('GET', R.dealerStaff + '?cursor=bm9wZQ')).status < 500);
  for (const bad of ['Bearer', 'x'.repeat(5000), `${owner.token}x`, `${owner.token}.x`]) {
    const r = await kit.call('GET', R.session, undefined, { authorization: `Bearer ${bad}` });
    assert.equal(r.status, 401);
  }
  const weird = await kit.call('GET', R.accounts, undefined, { authorization: `Bearer ${owner.token}`, 'porchlight-admin': 'x<y>' });
  assert.equal(weird.status, 200, 'the Porchlight-Admin header means nothing for a staff session');
});
