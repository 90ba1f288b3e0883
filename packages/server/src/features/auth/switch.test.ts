// Account switching: one person, one password, several accounts of one dealer (a login profile).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routePath, Routes } from '@porchlight/core';
import { keys } from '../../store/keys.js';
import { makeKit, ORIGIN } from '../../testing/kit.js';
import type { LoginProfileRecord, UserRecord } from '../accounts/records.js';

type Kit = ReturnType<typeof makeKit>;

const code = (res: { body: any }) => res.body?.error?.code;
const PASSWORD = 'one passphrase for both';
const trail = async (kit: Kit, accountId: string) => (await kit.admin('GET', `${routePath(Routes.admin.accountAudit, { accountId })}?limit=100`)).body.items as any[];
const invoiceBody = (totalCents: number) => ({
  issueDate: '2026-11-01',
  dueDate: '2026-11-15',
  lines: [{ description: 'Alarm monitoring', quantity: 1, unitCents: totalCents, totalCents }],
  subtotalCents: totalCents,
  taxCents: 0,
  totalCents,
  balanceCents: totalCents,
});
const ticket = { requestType: 'repair', subject: 'Keypad beeps at night', fields: { system: 'Intrusion alarm', description: 'It beeps every night at 2 am.' } };

async function patchUser(kit: Kit, accountId: string, userId: string, change: (u: UserRecord) => UserRecord) {
  const key = keys.user('lakeside', accountId, userId);
  const found = await kit.store.get<UserRecord>(key);
  await kit.store.put(key, change(found!.value));
}

/**
 * Accounts A ("Harbor View Condominiums", 5550100) and B ("Other Account", 5550199), each with
 * its manager, an invoice and a ticket; Sam's profile has a login in each (sam, sam.b).
 */
async function setup(kit: Kit = makeKit()) {
  const { a, b } = await kit.twoAccounts();
  const inv = async (accountId: string, number: string, cents: number) => (await kit.admin('PUT', routePath(Routes.billing.admin.invoice, { accountId, invoiceNumber: number }), invoiceBody(cents))).body.invoice;
  const invA = await inv(a.account.id, 'A-1', 10_000);
  const invB = await inv(b.account.id, 'B-1', 7_000);
  const ticketA = (await a.as('POST', Routes.tickets, ticket)).body;
  const ticketB = (await b.as('POST', Routes.tickets, ticket)).body;
  const inA = await kit.linkLogin(a.account.id, { username: 'sam', password: PASSWORD, name: 'Sam Porter', email: 'sam@porter.example' });
  const inB = await kit.linkLogin(b.account.id, { username: 'sam.b', profileId: inA.profileId, name: 'Sam Porter', email: 'sam@porter.example', role: 'staff', permissions: ['invoices.view', 'tickets.use'] });
  const login = async (identifier = a.identifier, username = 'sam', password = PASSWORD) => {
    const res = await kit.call('POST', Routes.login, { identifier, username, password });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };
  return { kit, a, b, invA, invB, ticketA, ticketB, profileId: inA.profileId, samA: inA.user, samB: inB.user, login };
}

test('the session lists every account of the profile: this one first (current), then the others by name, with their identifiers and roles', async () => {
  const { kit, a, b, login, samA } = await setup();
  const first = await login();
  assert.deepEqual(first.accounts, [
    { accountId: a.account.id, name: 'Harbor View Condominiums', identifier: '5550100', role: 'client', current: true },
    { accountId: b.account.id, name: 'Other Account', identifier: '5550199', role: 'staff', current: false },
  ]);
  assert.equal(first.user.profileId, samA.profileId);
  const again = await kit.as(first.session.token)('GET', Routes.session);
  assert.deepEqual(again.body.accounts, first.accounts);
  // A login with no profile: only its own account.
  const dana = await a.as('GET', Routes.session);
  assert.deepEqual(dana.body.accounts, [{ accountId: a.account.id, name: 'Harbor View Condominiums', identifier: '5550100', role: 'manager', current: true }]);
});

test("switch: a new session in B (B's login, B's data, B's grants); the old token is dead; B's token cannot reach A's records; both trails record it", async () => {
  const { kit, a, b, invA, invB, ticketA, ticketB, login, samA, samB } = await setup();
  const before = await login();
  const old = kit.as(before.session.token);
  kit.clock.now += 5_000;
  const res = await old('POST', Routes.switchAccount, { accountId: b.account.id });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.match(res.body.session.token, /^[0-9a-z]+\.[a-z2-7]{32}$/);
  assert.notEqual(res.body.session.token, before.session.token);
  assert.equal(res.body.user.id, samB.id);
  assert.equal(res.body.user.accountId, b.account.id);
  assert.equal(res.body.user.role, 'staff');
  assert.equal(res.body.account.id, b.account.id);
  assert.deepEqual(
    res.body.accounts.map((x: any) => [x.name, x.current]),
    [
      ['Other Account', true],
      ['Harbor View Condominiums', false],
    ],
  );
  assert.equal(Date.parse(res.body.session.expiresAt) - kit.clock.now, Date.parse(before.session.expiresAt) - (kit.clock.now - 5_000), 'the lifetimes of a login');

  const now = kit.as(res.body.session.token);
  const me = await now('GET', Routes.session);
  assert.equal(me.body.account.id, b.account.id);
  assert.equal(me.body.user.id, samB.id);
  const invoices = await now('GET', Routes.billing.invoices);
  assert.deepEqual(invoices.body.items.map((i: any) => i.id), [invB.id]);
  const tickets = await now('GET', `${Routes.tickets}?status=all`);
  assert.deepEqual(tickets.body.items.map((t: any) => t.id), [ticketB.id]);

  assert.equal((await old('GET', Routes.session)).status, 401, 'the old session ended');
  assert.equal(code(await old('GET', Routes.billing.invoices)), 'UNAUTHENTICATED');
  assert.equal((await now('GET', routePath(Routes.billing.invoice, { invoiceId: invA.id }))).status, 404);
  assert.equal((await now('GET', routePath(Routes.ticket, { ticketId: ticketA.id }))).status, 404);
  assert.equal((await now('GET', Routes.staff)).status, 403, "B's login is staff without staff.manage");

  const inA = (await trail(kit, a.account.id)).find((e) => e.action === 'auth.account-switched');
  const inB = (await trail(kit, b.account.id)).find((e) => e.action === 'auth.account-switched');
  assert.equal(inA.summary, 'Sam Porter switched to another of their accounts');
  assert.deepEqual(inA.details, { toAccountId: b.account.id });
  assert.equal(inA.actor.userId, samA.id);
  assert.equal(inB.summary, 'Sam Porter switched in from another of their accounts');
  assert.deepEqual(inB.details, { fromAccountId: a.account.id });
  assert.equal(inB.actor.userId, samB.id);
  const activityA = await a.as('GET', `${Routes.activity}?limit=100`);
  assert.ok(!JSON.stringify(activityA.body).includes('Other Account'), "A's manager does not learn of B");

  // And back again.
  const back = await now('POST', Routes.switchAccount, { accountId: a.account.id });
  assert.equal(back.status, 200);
  assert.equal(back.body.account.id, a.account.id);
  assert.deepEqual((await kit.as(back.body.session.token)('GET', Routes.billing.invoices)).body.items.map((i: any) => i.id), [invA.id]);
  assert.equal((await now('GET', Routes.session)).status, 401);
});

test("switch applies the target login's grants", async () => {
  const { kit, b, login, samB } = await setup();
  await patchUser(kit, b.account.id, samB.id, (u) => ({ ...u, grants: ['tickets'] }));
  const before = await login();
  const res = await kit.as(before.session.token)('POST', Routes.switchAccount, { accountId: b.account.id });
  assert.equal(res.status, 200);
  assert.deepEqual(res.body.user.grants, ['tickets']);
  const now = kit.as(res.body.session.token);
  assert.equal(code(await now('GET', Routes.billing.invoices)), 'NOT_GRANTED');
  assert.equal((await now('GET', Routes.tickets)).status, 200);
});

test('a disabled, revoked or not yet activated login in B is not listed, and switching to it is NOT_FOUND like any other account', async () => {
  const cases: Array<[string, (u: UserRecord) => UserRecord]> = [
    ['disabled', (u) => ({ ...u, status: 'disabled' })],
    ['not activated', (u) => ({ ...u, activatedAt: null })],
    ['revoked (no longer of the profile)', (u) => ({ ...u, profileId: null })],
  ];
  for (const [what, change] of cases) {
    const { kit, a, b, login, samB } = await setup();
    await patchUser(kit, b.account.id, samB.id, change);
    const session = await login();
    assert.deepEqual(session.accounts.map((x: any) => x.accountId), [a.account.id], what);
    const res = await kit.as(session.session.token)('POST', Routes.switchAccount, { accountId: b.account.id });
    assert.equal(res.status, 404, what);
    assert.deepEqual(res.body.error, { code: 'NOT_FOUND', message: 'No such account for this login.' }, what);
    assert.equal((await kit.as(session.session.token)('GET', Routes.session)).status, 200, `${what}: the session goes on`);
  }

  // Dropped from the profile's members (the login still names the profile): the same.
  const { kit, a, b, login, profileId } = await setup();
  const pkey = keys.loginProfile('lakeside', profileId);
  const profile = await kit.store.get<LoginProfileRecord>(pkey);
  await kit.store.put(pkey, { ...profile!.value, members: profile!.value.members.filter((m) => m.accountId !== b.account.id) });
  const session = await login();
  assert.deepEqual(session.accounts.map((x: any) => x.accountId), [a.account.id]);
  assert.equal(code(await kit.as(session.session.token)('POST', Routes.switchAccount, { accountId: b.account.id })), 'NOT_FOUND');
});

test('switching to an account outside the profile, to this account, or without a profile is NOT_FOUND; a malformed id is 400', async () => {
  const { kit, a, login } = await setup();
  const c = await kit.accountWithManager({ name: 'Third Account', mainPhone: '5550123' });
  const sam = kit.as((await login()).session.token);
  for (const accountId of [c.account.id, a.account.id, '01jd8k3m4n5p6q7r8s9t0v1w2x']) {
    const res = await sam('POST', Routes.switchAccount, { accountId });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.message, 'No such account for this login.');
  }
  assert.equal((await sam('POST', Routes.switchAccount, { accountId: 'x' })).status, 400);
  assert.equal((await sam('POST', Routes.switchAccount, { accountId: a.account.id, extra: 1 })).status, 400);
  assert.equal(code(await a.as('POST', Routes.switchAccount, { accountId: c.account.id })), 'NOT_FOUND', 'a login with no profile');
  assert.equal(code(await kit.call('POST', Routes.switchAccount, { accountId: c.account.id })), 'UNAUTHENTICATED');
});

test('an emulated session lists only its account and cannot switch', async () => {
  const { kit, a, b, samA } = await setup();
  const started = await kit.admin('POST', routePath(Routes.admin.emulate, { accountId: a.account.id }), { userId: samA.id });
  assert.equal(started.status, 201, JSON.stringify(started.body));
  const emu = kit.as(started.body.token);
  const me = await emu('GET', Routes.session);
  assert.deepEqual(me.body.accounts.map((x: any) => x.accountId), [a.account.id]);
  const res = await emu('POST', Routes.switchAccount, { accountId: b.account.id });
  assert.equal(res.status, 403);
  assert.equal(code(res), 'EMULATION_FORBIDDEN');
  assert.equal((await emu('GET', Routes.session)).status, 200);
});

test("one password, one session epoch: a password change in A ends the person's sessions in B too", async () => {
  const { kit, a, b, login } = await setup();
  const inA = await login();
  const inB = await login(b.identifier, 'sam.b');
  assert.equal(inB.account.id, b.account.id);
  const changed = await kit.as(inA.session.token)('POST', Routes.changePassword, { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.equal((await kit.as(inA.session.token)('GET', Routes.session)).status, 200, 'the session that changed it stays');
  const ended = await kit.as(inB.session.token)('GET', Routes.session);
  assert.equal(ended.status, 401);
  assert.equal(code(ended), 'SESSION_EXPIRED');
  assert.equal((await kit.call('POST', Routes.login, { identifier: b.identifier, username: 'sam.b', password: PASSWORD })).status, 401);
  assert.equal((await kit.call('POST', Routes.login, { identifier: b.identifier, username: 'sam.b', password: 'a brand new passphrase' })).status, 200);
  // The kept session in A still switches: the new epoch is the profile's.
  const moved = await kit.as(inA.session.token)('POST', Routes.switchAccount, { accountId: b.account.id });
  assert.equal(moved.status, 200);
  assert.equal((await kit.as(moved.body.session.token)('GET', Routes.session)).status, 200);
});

test("one account's manager ends only that account's sessions of a profile login: the person stays signed in to their other account", async () => {
  const { kit, a, b, login, samA } = await setup();
  const inA = await login();
  const inB = await login(b.identifier, 'sam.b');
  const ended = await a.as('POST', routePath(Routes.staffEndSessions, { userId: samA.id }), {});
  assert.equal(ended.status, 200, JSON.stringify(ended.body));
  assert.equal((await kit.as(inA.session.token)('GET', Routes.session)).status, 401, 'the session in A ended');
  assert.equal((await kit.as(inB.session.token)('GET', Routes.session)).status, 200, 'the session in B goes on');

  const again = await login();
  const disabled = await a.as('POST', routePath(Routes.staffDisable, { userId: samA.id }), {});
  assert.equal(disabled.status, 200, JSON.stringify(disabled.body));
  assert.equal((await kit.as(again.session.token)('GET', Routes.session)).status, 401);
  assert.equal((await kit.as(inB.session.token)('GET', Routes.session)).status, 200, 'disabling in A leaves B alone');
  // Enabling again does not bring the old session back.
  assert.equal((await a.as('POST', routePath(Routes.staffEnable, { userId: samA.id }), {})).status, 200);
  assert.equal((await kit.as(again.session.token)('GET', Routes.session)).status, 401);
  assert.equal((await login()).account.id, a.account.id, 'the person can sign in to A again');
});

test('one person, one email: a new email confirmed in one account reaches the profile and the login in the other account', async () => {
  const { kit, b, login, samB, profileId } = await setup();
  const inA = await login();
  const asSam = kit.as(inA.session.token);
  const asked = await asSam('PATCH', Routes.profile, { email: 'sam.new@porter.example', currentPassword: PASSWORD });
  assert.equal(asked.status, 200, JSON.stringify(asked.body));
  const url = (kit.mailer.last('email-change-confirm')!.data as { confirmUrl: string }).confirmUrl;
  const confirmed = await kit.call('POST', Routes.confirmEmail, { token: url.split('#porchlight-confirm-email=')[1] });
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  const profile = await kit.store.get<LoginProfileRecord>(keys.loginProfile('lakeside', profileId));
  assert.equal(profile!.value.email, 'sam.new@porter.example');
  const inB = await kit.store.get<UserRecord>(keys.user('lakeside', b.account.id, samB.id));
  assert.equal(inB!.value.email, 'sam.new@porter.example', 'the login in B follows');
});

test('cookie mode: the switch sets the session cookie and keeps the token out of the answer', async () => {
  const kit = makeKit({ session: { transport: 'cookie' } });
  const account = async (name: string, mainPhone: string) => (await kit.admin('POST', Routes.admin.accounts, { name, mainPhone })).body;
  const a = await account('Harbor View Condominiums', '5550100');
  const b = await account('Other Account', '5550199');
  const { profileId } = await kit.linkLogin(a.id, { username: 'sam', password: PASSWORD });
  await kit.linkLogin(b.id, { username: 'sam.b', profileId });
  const login = await kit.call('POST', Routes.login, { identifier: '5550100', username: 'sam', password: PASSWORD }, { origin: ORIGIN });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  assert.equal(login.body.session.token, undefined);
  const cookieOf = (headers: Headers) => /__Host-porchlight-session=([^;]+)/.exec(headers.get('set-cookie') ?? '')![1]!;
  const old = cookieOf(login.headers);

  const res = await kit.call('POST', Routes.switchAccount, { accountId: b.id }, { cookie: `__Host-porchlight-session=${old}`, origin: ORIGIN });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.session.token, undefined, 'the token never reaches page scripts');
  assert.equal(res.body.account.id, b.id);
  const set = res.headers.get('set-cookie') ?? '';
  assert.match(set, /HttpOnly/);
  assert.match(set, /Secure/);
  assert.match(set, /SameSite=Lax/);
  const fresh = cookieOf(res.headers);
  assert.notEqual(fresh, old);
  const me = await kit.call('GET', Routes.session, undefined, { cookie: `__Host-porchlight-session=${fresh}` });
  assert.equal(me.body.account.id, b.id);
  assert.equal((await kit.call('GET', Routes.session, undefined, { cookie: `__Host-porchlight-session=${old}` })).status, 401);
});
