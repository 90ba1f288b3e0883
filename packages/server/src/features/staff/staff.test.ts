import { test } from 'node:test';
import { newId } from '@porchlight/core';
import assert from 'node:assert/strict';
import { DEFAULT_RATE_LIMITS, pbkdf2Hasher, type Dealer } from '../../index.js';
import type { Deps } from '../../context.js';
import { makeKit, makeTwoDealerKit, API_KEY } from '../../testing/kit.js';
import { keys } from '../../store/keys.js';
import { withLock } from '../../store/lock.js';
import * as staff from './service.js';

type Kit = ReturnType<typeof makeKit>;
type Call = ReturnType<Kit['as']>;

const TEMP = 'temporary-Pass-9';
const PERMANENT = 'staff passphrase one';

/** An account with a signed-in manager (Dana Reyes). */
async function setup(kit: Kit = makeKit()) {
  const m = await kit.accountWithManager({ mainPhone: '5550100' });
  return { kit, ...m, mgr: kit.as(m.token) };
}
type Setup = Awaited<ReturnType<typeof setup>>;

let counter = 0;
/** Adds a login through `by` (default the manager), optionally grants permissions, and logs it in with a permanent password. */
async function addStaff(ctx: Setup, body: Record<string, unknown> = {}, options: { grant?: string[]; by?: Call } = {}) {
  const username = (body.username as string | undefined) ?? `staff${++counter}`;
  const grant = options.grant;
  return ctx.kit.staffLogin(options.by ?? ctx.mgr, ctx.identifier, { name: 'Sam Lee', ...body, username }, {
    temporary: TEMP,
    permanent: PERMANENT,
    ...(grant ? { afterCreate: async (user) => assert.equal((await ctx.mgr('PATCH', `/v1/staff/${user.id}`, { permissions: grant })).status, 200) } : {}),
  });
}

async function auditOf(ctx: Setup) {
  return (await ctx.kit.admin('GET', `/v1/admin/accounts/${ctx.account.id}/audit?limit=100`)).body.items as any[];
}

const code = (res: { body: any }) => res.body?.error?.code;

// ---- listing, adding, the password gate -------------------------------------------------

test('a manager adds staff with a temporary password: defaults, 201, list order, actors, audit', async () => {
  const ctx = await setup();
  const res = await ctx.mgr('POST', '/v1/staff', { name: 'Zoe Park', username: ' Zoe.Park ', password: TEMP, email: 'zoe@harborview.example' });
  assert.equal(res.status, 201);
  assert.equal(res.body.role, 'staff');
  assert.equal(res.body.username, 'Zoe.Park', 'trimmed like login');
  assert.deepEqual(res.body.permissions, ['invoices.view'], 'view only by default');
  assert.equal(res.body.mustChangePassword, true);
  assert.equal(res.body.status, 'active');
  assert.equal(res.body.disabledAt, null);
  assert.equal(res.body.passwordHash, undefined);
  assert.deepEqual(res.body.createdBy, { kind: 'user', userId: ctx.manager.id, name: 'Dana Reyes' });
  assert.deepEqual(res.body.updatedBy, res.body.createdBy);

  await ctx.mgr('POST', '/v1/staff', { name: 'Adam Ames', username: 'adam', password: TEMP });
  await ctx.mgr('POST', '/v1/staff', { name: 'Mia Manager', username: 'mia', password: TEMP, role: 'manager' });
  const list = await ctx.mgr('GET', '/v1/staff');
  assert.equal(list.status, 200);
  assert.deepEqual(
    list.body.items.map((u: any) => `${u.role}:${u.name}`),
    ['manager:Dana Reyes', 'manager:Mia Manager', 'staff:Adam Ames', 'staff:Zoe Park'],
    'managers first, then by name',
  );
  const mia = list.body.items.find((u: any) => u.username === 'mia');
  assert.equal(mia.permissions.length, 9, 'a manager holds everything the account allows');

  const one = await ctx.mgr('GET', `/v1/staff/${res.body.id}`);
  assert.equal(one.status, 200);
  assert.equal(one.body.name, 'Zoe Park');

  const created = (await auditOf(ctx)).filter((e) => e.action === 'user.created' && e.actor.kind === 'user');
  assert.equal(created.length, 3);
  assert.ok(created.some((e) => /Dana Reyes added Zoe Park \(Zoe\.Park\) as office staff with a temporary password/.test(e.summary)));
  assert.ok(created.some((e) => /Mia Manager \(mia\) as a manager/.test(e.summary)));

  // The new login works with identifier + username (any case) + the temporary password.
  const login = await ctx.kit.call('POST', '/v1/auth/login', { identifier: ctx.identifier, username: 'zoe.park', password: TEMP });
  assert.equal(login.status, 200);
  assert.equal(login.body.session.mustChangePassword, true);
});

test('staff routes refuse a login that still has its temporary password (PASSWORD_CHANGE_REQUIRED), also for a manager', async () => {
  const ctx = await setup();
  const added = await ctx.mgr('POST', '/v1/staff', { name: 'Mia Manager', username: 'mia', password: TEMP, role: 'manager' });
  const login = await ctx.kit.call('POST', '/v1/auth/login', { identifier: ctx.identifier, username: 'mia', password: TEMP });
  const mia = ctx.kit.as(login.body.session.token);
  for (const [method, path, body] of [
    ['GET', '/v1/staff'],
    ['POST', '/v1/staff', { name: 'X', username: 'x', password: TEMP }],
    ['PATCH', `/v1/staff/${added.body.id}`, { name: 'Mia' }],
    ['POST', `/v1/staff/${ctx.manager.id}/end-sessions`, {}],
    ['GET', '/v1/activity'],
    ['GET', '/v1/contacts'],
  ] as const) {
    const res = await mia(method, path, body);
    assert.equal(res.status, 403, `${method} ${path}`);
    assert.equal(code(res), 'PASSWORD_CHANGE_REQUIRED', `${method} ${path}`);
  }
  assert.equal((await mia('POST', '/v1/auth/password', { currentPassword: TEMP, newPassword: PERMANENT })).status, 200);
  assert.equal((await mia('GET', '/v1/staff')).status, 200, 'after choosing a password it works');
});

test('staff without staff.manage are refused with PERMISSION_DENIED and the refusal is audited', async () => {
  const ctx = await setup();
  const sam = await addStaff(ctx);
  for (const [method, path, body] of [
    ['GET', '/v1/staff'],
    ['POST', '/v1/staff', { name: 'X', username: 'x', password: TEMP }],
    ['DELETE', `/v1/staff/${ctx.manager.id}`],
    ['POST', `/v1/staff/${sam.user.id}/end-sessions`, {}],
    ['GET', '/v1/activity'],
  ] as const) {
    const res = await sam.as(method, path, body);
    assert.equal(res.status, 403, `${method} ${path}`);
    assert.equal(code(res), 'PERMISSION_DENIED');
    assert.match(res.body.error.message, /Manage staff/);
  }
  const denied = (await auditOf(ctx)).filter((e) => e.action === 'access.denied');
  assert.equal(denied.length, 5);
  assert.equal(denied[0].actor.userId, sam.user.id);
  assert.match(denied[0].summary, /Sam Lee was refused: manage staff \(GET \/v1\/activity\)/);
});

test('usernames are unique per account after normalisation; passwords follow the policy; one of password or link', async () => {
  const ctx = await setup();
  assert.equal((await ctx.mgr('POST', '/v1/staff', { name: 'Sam', username: 'Sam.Lee', password: TEMP })).status, 201);
  for (const username of ['sam.lee', ' SAM.LEE ', 'Ｓａｍ.Ｌｅｅ', 'MANAGER']) {
    const dup = await ctx.mgr('POST', '/v1/staff', { name: 'Other', username, password: TEMP });
    assert.equal(dup.status, 409, username);
    assert.equal(code(dup), 'USERNAME_TAKEN');
    assert.ok(dup.body.error.fields.username);
  }
  const weak = await ctx.mgr('POST', '/v1/staff', { name: 'W', username: 'weak', password: 'password123' });
  assert.equal(code(weak), 'WEAK_PASSWORD');
  assert.ok(weak.body.error.fields.password);
  const same = await ctx.mgr('POST', '/v1/staff', { name: 'W', username: 'samepass1', password: 'samepass1' });
  assert.equal(code(same), 'WEAK_PASSWORD');
  const both = await ctx.mgr('POST', '/v1/staff', { name: 'W', username: 'w', password: TEMP, email: 'w@x.example', sendSetPasswordLink: true });
  assert.equal(code(both), 'VALIDATION_FAILED');
  const neither = await ctx.mgr('POST', '/v1/staff', { name: 'W', username: 'w' });
  assert.equal(code(neither), 'VALIDATION_FAILED');
  const noEmail = await ctx.mgr('POST', '/v1/staff', { name: 'W', username: 'w', sendSetPasswordLink: true });
  assert.equal(code(noEmail), 'VALIDATION_FAILED');
  assert.match(JSON.stringify(noEmail.body.error), /email/i);
});

test('a set-password invitation: unusable password, staff-invite email, the link works once through /v1/auth/reset', async () => {
  const ctx = await setup();
  const res = await ctx.mgr('POST', '/v1/staff', { name: 'Ivy Invite', username: 'ivy', email: 'ivy@harborview.example', sendSetPasswordLink: true });
  assert.equal(res.status, 201);
  assert.equal(res.body.mustChangePassword, false);
  await ctx.kit.portal.settled();
  const mail = ctx.kit.mailer.last('staff-invite');
  assert.ok(mail, 'an invitation was sent');
  assert.equal(mail.to.email, 'ivy@harborview.example');
  const data = mail.data as any;
  assert.equal(data.username, 'ivy');
  assert.equal(data.identifier, ctx.identifier);
  assert.equal(data.accountName, 'Harbor View Condominiums');
  assert.equal(data.invitedBy, 'Dana Reyes');
  assert.equal(data.expiresInHours, 48);
  assert.match(data.setPasswordUrl, /^https:\/\/www\.lakeside\.example\/reset#porchlight-reset=[a-z2-7]{32}$/);
  const token = data.setPasswordUrl.split('#porchlight-reset=')[1];

  // Nobody knows the initial password.
  for (const password of ['', 'ivy', TEMP]) {
    const attempt = await ctx.kit.call('POST', '/v1/auth/login', { identifier: ctx.identifier, username: 'ivy', password: password || 'x' });
    assert.equal(attempt.status, 401);
  }
  const check = await ctx.kit.call('POST', '/v1/auth/reset/check', { token });
  assert.equal(check.body.valid, true);
  assert.equal(check.body.expiresAt, new Date(ctx.kit.clock.now + 48 * 3600_000).toISOString());
  assert.equal((await ctx.kit.call('POST', '/v1/auth/reset', { token, newPassword: 'ivy chooses this one' })).status, 200);
  assert.equal(code(await ctx.kit.call('POST', '/v1/auth/reset', { token, newPassword: 'ivy chooses another' })), 'INVALID_TOKEN', 'single use');
  const login = await ctx.kit.call('POST', '/v1/auth/login', { identifier: ctx.identifier, username: 'ivy', password: 'ivy chooses this one' });
  assert.equal(login.status, 200);
  assert.equal(login.body.session.mustChangePassword, false);
  assert.deepEqual(login.body.user.permissions, ['invoices.view']);
  const created = (await auditOf(ctx)).find((e) => e.action === 'user.created');
  assert.match(created.summary, /emailed a link to set a password to ivy@harborview\.example/);

  // Invitations expire after activationLinkHours.
  await ctx.mgr('POST', '/v1/staff', { name: 'Late Larry', username: 'larry', email: 'larry@harborview.example', sendSetPasswordLink: true });
  await ctx.kit.portal.settled();
  const late = ((ctx.kit.mailer.last('staff-invite')!.data as any).setPasswordUrl as string).split('=')[1];
  ctx.kit.clock.now += 49 * 3600_000;
  assert.equal(code(await ctx.kit.call('POST', '/v1/auth/reset', { token: late, newPassword: 'too late for this' })), 'INVALID_TOKEN');

  // "Reset password" for someone who never chose one sends the invitation again, for another 48 hours.
  const relogin = await ctx.kit.call('POST', '/v1/auth/login', { identifier: ctx.identifier, username: 'manager', password: ctx.password });
  ctx.mgr = ctx.kit.as(relogin.body.session.token);
  const larry = (await ctx.mgr('GET', '/v1/staff')).body.items.find((u: any) => u.username === 'larry');
  const resent = await ctx.mgr('POST', `/v1/staff/${larry.id}/password-link`, {});
  assert.equal(resent.status, 200);
  assert.match(resent.body.message, /choose their password\. It works for 48 hours/);
  const again = ((ctx.kit.mailer.last('staff-invite')!.data as any).setPasswordUrl as string).split('=')[1];
  assert.notEqual(again, late);
  ctx.kit.clock.now += 47 * 3600_000;
  assert.equal((await ctx.kit.call('POST', '/v1/auth/reset', { token: again, newPassword: 'larry made it in time' })).status, 200);
});

test('the invitation lifetime follows the dealer setting activationLinkHours', async () => {
  const kit = makeKit({
    dealer: {
      id: 'lakeside',
      name: 'Lakeside Alarm Co.',
      apiKeys: [{ id: 'backoffice', key: API_KEY }],
      settings: { portalUrl: 'https://www.lakeside.example/portal#top', activationLinkHours: 2 },
    },
  });
  const ctx = await setup(kit);
  await ctx.mgr('POST', '/v1/staff', { name: 'Ivy', username: 'ivy', email: 'ivy@harborview.example', sendSetPasswordLink: true });
  await kit.portal.settled();
  const data = kit.mailer.last('staff-invite')!.data as any;
  assert.equal(data.expiresInHours, 2);
  assert.match(data.setPasswordUrl, /^https:\/\/www\.lakeside\.example\/portal#porchlight-reset=[a-z2-7]{32}$/, 'no resetUrl: the portal page, without its own fragment');
  kit.clock.now += 2 * 3600_000 + 1000;
  assert.equal((await kit.call('POST', '/v1/auth/reset/check', { token: data.setPasswordUrl.split('=')[1] })).body.valid, false);
});

// ---- guards ------------------------------------------------------------------------------

test('only a manager sets roles and permissions; staff holding staff.manage look after staff logins only', async () => {
  const ctx = await setup();
  const helper = await addStaff(ctx, { name: 'Hal Helper' }, { grant: ['invoices.view', 'staff.manage'] });
  const peer = await addStaff(ctx, { name: 'Pia Peer' }, { grant: ['invoices.view', 'staff.manage'] });
  const hal = helper.as;

  // Adds staff with the defaults (saying the defaults out loud is fine) …
  const added = await hal('POST', '/v1/staff', { name: 'New Nina', username: 'nina', password: TEMP });
  assert.equal(added.status, 201);
  assert.deepEqual(added.body.permissions, ['invoices.view']);
  assert.deepEqual(added.body.createdBy, { kind: 'user', userId: helper.user.id, name: 'Hal Helper' });
  assert.equal((await hal('POST', '/v1/staff', { name: 'N2', username: 'n2', password: TEMP, role: 'staff', permissions: ['invoices.view'] })).status, 201);
  // … but never a manager, nor other permissions.
  for (const body of [
    { name: 'M', username: 'm1', password: TEMP, role: 'manager' },
    { name: 'M', username: 'm2', password: TEMP, permissions: ['invoices.view', 'records.delete'] },
    { name: 'M', username: 'm3', password: TEMP, permissions: [] },
  ]) {
    const res = await hal('POST', '/v1/staff', body);
    assert.equal(res.status, 403, JSON.stringify(body));
    assert.equal(code(res), 'PERMISSION_DENIED');
  }

  // Edits name and email of staff, disables, enables, sends links, ends sessions …
  assert.equal((await hal('PATCH', `/v1/staff/${added.body.id}`, { name: 'Nina N.', email: 'nina@harborview.example' })).body.name, 'Nina N.');
  assert.equal((await hal('PATCH', `/v1/staff/${helper.user.id}`, { name: 'Hal H.' })).status, 200, 'their own name');
  assert.equal((await hal('POST', `/v1/staff/${added.body.id}/disable`, {})).body.status, 'disabled');
  assert.equal((await hal('POST', `/v1/staff/${added.body.id}/enable`, {})).body.status, 'active');
  assert.equal((await hal('POST', `/v1/staff/${added.body.id}/password-link`, {})).status, 200);
  assert.equal((await hal('POST', `/v1/staff/${added.body.id}/end-sessions`, {})).status, 200);
  // … but never changes permissions (their own, a peer's, anyone's) or roles.
  for (const [target, body] of [
    [helper.user.id, { permissions: ['invoices.view', 'staff.manage', 'records.delete'] }],
    [helper.user.id, { permissions: ['invoices.view'] }],
    [peer.user.id, { permissions: ['invoices.view'] }],
    [added.body.id, { permissions: ['invoices.view', 'records.modify'] }],
    [added.body.id, { role: 'manager' }],
  ] as const) {
    const res = await hal('PATCH', `/v1/staff/${target}`, body);
    assert.equal(res.status, 403, JSON.stringify(body));
    assert.equal(code(res), 'PERMISSION_DENIED');
  }
  assert.equal((await hal('PATCH', `/v1/staff/${peer.user.id}`, { permissions: ['invoices.view', 'staff.manage'], role: 'staff' })).status, 200, 'sending the current values is not a change');

  // A manager's login is off limits.
  for (const [method, path, body] of [
    ['PATCH', `/v1/staff/${ctx.manager.id}`, { name: 'Dana R.' }],
    ['POST', `/v1/staff/${ctx.manager.id}/disable`, {}],
    ['POST', `/v1/staff/${ctx.manager.id}/enable`, {}],
    ['DELETE', `/v1/staff/${ctx.manager.id}`],
    ['POST', `/v1/staff/${ctx.manager.id}/password-link`, {}],
    ['POST', `/v1/staff/${ctx.manager.id}/end-sessions`, {}],
  ] as const) {
    const res = await hal(method, path, body);
    assert.equal(res.status, 403, `${method} ${path}`);
    assert.equal(code(res), 'PERMISSION_DENIED');
  }
  assert.equal((await ctx.mgr('GET', '/v1/auth/session')).status, 200, "the manager's session survived");
  const denied = (await auditOf(ctx)).filter((e) => e.action === 'access.denied');
  assert.ok(denied.some((e) => /Hal H\. was refused: disabling Dana Reyes \(manager\), a manager/.test(e.summary)));

  // The manager can do all of it.
  const promoted = await ctx.mgr('PATCH', `/v1/staff/${peer.user.id}`, { role: 'manager' });
  assert.equal(promoted.body.role, 'manager');
  const demoted = await ctx.mgr('PATCH', `/v1/staff/${peer.user.id}`, { role: 'staff' });
  assert.deepEqual(demoted.body.permissions, ['invoices.view'], 'a demoted manager starts again with the defaults');
});

test('nobody disables, removes or changes the role of their own login (FORBIDDEN)', async () => {
  const ctx = await setup();
  const cases = [
    ['POST', `/v1/staff/${ctx.manager.id}/disable`, {}, /disable your own login/],
    ['DELETE', `/v1/staff/${ctx.manager.id}`, undefined, /remove your own login/],
    ['PATCH', `/v1/staff/${ctx.manager.id}`, { role: 'staff' }, /role of your own login/],
  ] as const;
  // Even with a second manager around, so this is not the last-manager rule.
  await ctx.mgr('POST', '/v1/staff', { name: 'Mia', username: 'mia', password: TEMP, role: 'manager' });
  for (const [method, path, body, message] of cases) {
    const res = await ctx.mgr(method, path, body);
    assert.equal(res.status, 403, `${method} ${path}`);
    assert.equal(code(res), 'FORBIDDEN');
    assert.match(res.body.error.message, message);
  }
  assert.equal((await ctx.mgr('PATCH', `/v1/staff/${ctx.manager.id}`, { role: 'manager', name: 'Dana R.' })).status, 200, 'naming the current role is fine');
  const helper = await addStaff(ctx, {}, { grant: ['staff.manage'] });
  assert.equal(code(await helper.as('POST', `/v1/staff/${helper.user.id}/disable`, {})), 'FORBIDDEN');
  assert.equal(code(await helper.as('DELETE', `/v1/staff/${helper.user.id}`)), 'FORBIDDEN');
  assert.equal((await ctx.mgr('GET', '/v1/auth/session')).status, 200);
});

test('permissions outside the account ceiling are refused, naming what cannot be granted', async () => {
  const ctx = await setup();
  const narrowed = await ctx.kit.admin('PATCH', `/v1/admin/accounts/${ctx.account.id}`, { permissions: ['invoices.view', 'records.modify', 'staff.manage'] });
  assert.equal(narrowed.status, 200);
  const sam = await addStaff(ctx);
  const patch = await ctx.mgr('PATCH', `/v1/staff/${sam.user.id}`, { permissions: ['invoices.view', 'records.delete', 'invoices.pay'] });
  assert.equal(patch.status, 400);
  assert.equal(code(patch), 'VALIDATION_FAILED');
  assert.match(patch.body.error.fields.permissions, /Pay invoices, Delete records/);
  const create = await ctx.mgr('POST', '/v1/staff', { name: 'X', username: 'x', password: TEMP, permissions: ['records.delete'] });
  assert.equal(code(create), 'VALIDATION_FAILED');
  assert.match(create.body.error.fields.permissions, /Delete records/);
  const unknown = await ctx.mgr('PATCH', `/v1/staff/${sam.user.id}`, { permissions: ['root'] });
  assert.equal(code(unknown), 'VALIDATION_FAILED');
  const twice = await ctx.mgr('PATCH', `/v1/staff/${sam.user.id}`, { permissions: ['invoices.view', 'invoices.view'] });
  assert.equal(code(twice), 'VALIDATION_FAILED');
  const ok = await ctx.mgr('PATCH', `/v1/staff/${sam.user.id}`, { permissions: ['records.modify', 'invoices.view'] });
  assert.deepEqual(ok.body.permissions, ['invoices.view', 'records.modify']);
  const managers = (await ctx.mgr('GET', '/v1/staff')).body.items.filter((u: any) => u.role === 'manager');
  assert.deepEqual(managers[0].permissions, ['invoices.view', 'records.modify', 'staff.manage'], 'a manager holds what the account allows');
});

test('unknown body fields (accountId, dealerId, status, id …) are refused by the strict schemas', async () => {
  const ctx = await setup();
  const sam = await addStaff(ctx);
  for (const extra of [{ accountId: ctx.account.id }, { dealerId: 'hilltop' }, { status: 'disabled' }, { id: sam.user.id }, { mustChangePassword: false }, { passwordHash: 'x' }]) {
    const create = await ctx.mgr('POST', '/v1/staff', { name: 'X', username: 'x', password: TEMP, ...extra });
    assert.equal(create.status, 400, JSON.stringify(extra));
    assert.equal(code(create), 'VALIDATION_FAILED');
    const patch = await ctx.mgr('PATCH', `/v1/staff/${sam.user.id}`, { name: 'Y', ...extra });
    assert.equal(patch.status, 400, JSON.stringify(extra));
    assert.equal(code(patch), 'VALIDATION_FAILED');
    assert.equal(patch.body.error.fields[Object.keys(extra)[0]!], 'This field is not accepted here.');
  }
  assert.equal((await ctx.mgr('GET', `/v1/staff/${sam.user.id}`)).body.name, 'Sam Lee', 'nothing changed');
});

test('a user of another account or another dealer is not found', async () => {
  const kit = makeTwoDealerKit();
  const { managerAt } = kit;
  const a = await managerAt('lakeside', '5550100');
  const b = await managerAt('lakeside', '5550199');
  const h = await managerAt('hilltop', '5550100');
  const victimA = (await a.as('POST', '/v1/staff', { name: 'Victim', username: 'victim', password: TEMP, email: 'v@x.example' })).body;
  const victimH = (await h.as('POST', '/v1/staff', { name: 'Victim', username: 'victim', password: TEMP, email: 'v@x.example' })).body;

  for (const [attacker, victim] of [
    [b, victimA],
    [h, victimA],
    [a, victimH],
  ] as const) {
    for (const [method, suffix, body] of [
      ['GET', ''],
      ['PATCH', '', { name: 'Owned' }],
      ['DELETE', ''],
      ['POST', '/disable', {}],
      ['POST', '/enable', {}],
      ['POST', '/password-link', {}],
      ['POST', '/end-sessions', {}],
    ] as const) {
      const res = await attacker.as(method, `/v1/staff/${victim.id}${suffix}`, body);
      assert.equal(res.status, 404, `${method} ${suffix}`);
      assert.equal(code(res), 'NOT_FOUND');
    }
  }
  assert.equal((await a.as('GET', `/v1/staff/${victimA.id}`)).body.name, 'Victim', 'untouched');
  assert.equal((await h.as('GET', `/v1/staff/${victimH.id}`)).body.status, 'active', 'untouched');
  // The admin route of one dealer does not reach another dealer's account.
  const cross = await h.admin('POST', `/v1/admin/accounts/${a.account.id}/users`, { name: 'Spy', username: 'spy', password: TEMP });
  assert.equal(cross.status, 404);
  assert.equal(code(cross), 'NOT_FOUND');
  const mine = await a.admin('POST', `/v1/admin/accounts/${a.account.id}/users`, { name: 'Helper', username: 'helper', password: TEMP });
  assert.equal(mine.status, 201);
});

// ---- last manager -----------------------------------------------------------------------

test('two managers demoting (or disabling) each other at the same moment: exactly one is refused with LAST_MANAGER', async () => {
  for (const action of ['demote', 'disable', 'remove'] as const) {
    for (let round = 0; round < 3; round++) {
      const ctx = await setup();
      const mia = await addStaff(ctx, { name: 'Mia Manager', role: 'manager' });
      const go = (as: Call, target: string) =>
        action === 'demote' ? as('PATCH', `/v1/staff/${target}`, { role: 'staff' }) : action === 'disable' ? as('POST', `/v1/staff/${target}/disable`, {}) : as('DELETE', `/v1/staff/${target}`);
      const results = await Promise.all([go(ctx.mgr, mia.user.id), go(mia.as, ctx.manager.id)]);
      assert.deepEqual(results.map((r) => r.status).sort(), [200, 409], `${action} round ${round}: ${JSON.stringify(results.map((r) => r.body))}`);
      assert.equal(code(results.find((r) => r.status === 409)!), 'LAST_MANAGER');
      const users = (await ctx.kit.admin('GET', `/v1/admin/accounts/${ctx.account.id}/users`)).body.items;
      assert.equal(users.filter((u: any) => u.role === 'manager' && u.status === 'active').length, 1, 'one active manager remains');
    }
  }
});

test('the last active manager cannot be demoted, disabled or removed (service, back-office caller)', async () => {
  const ctx = await setup();
  const deps: Deps = {
    store: ctx.kit.store,
    mailer: ctx.kit.mailer,
    hasher: pbkdf2Hasher(1000),
    now: () => ctx.kit.clock.now,
    limits: DEFAULT_RATE_LIMITS,
    dummyHash: async () => '',
    reportError: (e) => {
      throw e;
    },
  };
  const dealer = { id: 'lakeside', name: 'Lakeside', branding: {}, allowedOrigins: [], apiKeys: [], settings: {} } as Dealer;
  const scope = { dealer, account: ctx.account };
  const caller: staff.StaffCaller = { user: null, actor: { kind: 'admin', adminId: 'k', name: 'admin Test' } };
  // A second manager who is disabled does not count.
  const mia = await addStaff(ctx, { name: 'Mia', role: 'manager' });
  await ctx.mgr('POST', `/v1/staff/${mia.user.id}/disable`, {});
  for (const attempt of [
    () => staff.updateStaff(deps, scope, ctx.manager.id, { role: 'staff' }, caller),
    () => staff.disableStaff(deps, scope, ctx.manager.id, caller),
    () => staff.removeStaff(deps, scope, ctx.manager.id, caller),
  ]) {
    await assert.rejects(attempt, (e: any) => e.code === 'LAST_MANAGER' && /Dana Reyes is the account's only active manager/.test(e.message));
  }
  // Once Mia is active again, Dana can go.
  await staff.enableStaff(deps, scope, mia.user.id, caller);
  assert.equal((await staff.updateStaff(deps, scope, ctx.manager.id, { role: 'staff' }, caller)).role, 'staff');
  await assert.rejects(() => staff.disableStaff(deps, scope, mia.user.id, caller), (e: any) => e.code === 'LAST_MANAGER');
});

test('withLock: one holder at a time, CONFLICT when it stays busy, released only by its holder', async () => {
  const kit = makeKit();
  const deps = { store: kit.store, now: () => kit.clock.now };
  const key = keys.accountLock('lakeside', '0'.repeat(26), 'users');
  let inside = 0;
  let most = 0;
  await Promise.all(
    Array.from({ length: 4 }, () =>
      withLock(deps, key, async () => {
        most = Math.max(most, ++inside);
        await new Promise((r) => setTimeout(r, 5));
        inside--;
      }),
    ),
  );
  assert.equal(most, 1);
  assert.equal(await kit.store.get(key), null, 'released');

  await kit.store.put(key, { owner: 'someone else' }, { ifVersion: null, ttl: 10 });
  await assert.rejects(() => withLock(deps, key, async () => 'never'), (e: any) => e.code === 'CONFLICT' && /Another change to these users is in progress/.test(e.message));
  assert.ok(await kit.store.get(key), "someone else's lock is left alone");
  kit.clock.now += 11_000;
  assert.equal(await withLock(deps, key, async () => 'after expiry'), 'after expiry', 'an abandoned lock frees itself');

  // A holder whose lock expired and was taken over does not release the new holder's lock.
  await withLock(deps, key, async () => {
    kit.clock.now += 11_000;
    await kit.store.put(key, { owner: 'next' }, { ifVersion: null, ttl: 10 });
  });
  assert.deepEqual((await kit.store.get<any>(key))?.value, { owner: 'next' });
});

// ---- disable, enable, remove, links, sessions --------------------------------------------

test('disable keeps the login and its history, ends its sessions; enable brings the login back but not old sessions', async () => {
  const ctx = await setup();
  const sam = await addStaff(ctx);
  const disabled = await ctx.mgr('POST', `/v1/staff/${sam.user.id}/disable`, {});
  assert.equal(disabled.status, 200);
  assert.equal(disabled.body.status, 'disabled');
  assert.equal(disabled.body.disabledAt, new Date(ctx.kit.clock.now).toISOString());
  assert.deepEqual(disabled.body.disabledBy, { kind: 'user', userId: ctx.manager.id, name: 'Dana Reyes' });
  assert.equal((await sam.as('GET', '/v1/auth/session')).status, 401);
  assert.equal((await ctx.kit.call('POST', '/v1/auth/login', { identifier: ctx.identifier, username: sam.username, password: PERMANENT })).status, 401);
  assert.equal((await ctx.mgr('POST', `/v1/staff/${sam.user.id}/disable`, {})).status, 200, 'again: no-op');

  const enabled = await ctx.mgr('POST', `/v1/staff/${sam.user.id}/enable`, {});
  assert.equal(enabled.body.status, 'active');
  assert.equal(enabled.body.disabledAt, null);
  assert.equal(enabled.body.disabledBy, null);
  assert.equal((await sam.as('GET', '/v1/auth/session')).status, 401, 'old sessions stay ended');
  assert.equal((await ctx.kit.call('POST', '/v1/auth/login', { identifier: ctx.identifier, username: sam.username, password: PERMANENT })).status, 200);

  const audit = await auditOf(ctx);
  assert.equal(audit.filter((e) => e.action === 'user.disabled').length, 1);
  assert.match(audit.find((e) => e.action === 'user.disabled').summary, /Dana Reyes disabled the login of Sam Lee/);
  assert.match(audit.find((e) => e.action === 'user.enabled').summary, /Dana Reyes enabled the login of Sam Lee/);
});

test('remove deletes the login and frees its username; its sessions end; its history stays', async () => {
  const ctx = await setup();
  const sam = await addStaff(ctx, { username: 'sam' });
  const removed = await ctx.mgr('DELETE', `/v1/staff/${sam.user.id}`);
  assert.equal(removed.status, 200);
  assert.deepEqual(removed.body, { ok: true });
  assert.equal((await sam.as('GET', '/v1/auth/session')).status, 401);
  assert.equal((await ctx.mgr('GET', `/v1/staff/${sam.user.id}`)).status, 404);
  assert.equal((await ctx.mgr('DELETE', `/v1/staff/${sam.user.id}`)).status, 404);
  assert.ok(!(await ctx.mgr('GET', '/v1/staff')).body.items.some((u: any) => u.id === sam.user.id));
  assert.equal((await ctx.kit.call('POST', '/v1/auth/login', { identifier: ctx.identifier, username: 'sam', password: PERMANENT })).status, 401);
  const again = await ctx.mgr('POST', '/v1/staff', { name: 'Another Sam', username: 'SAM', password: TEMP });
  assert.equal(again.status, 201, 'the username is free again');
  assert.notEqual(again.body.id, sam.user.id);

  const audit = await auditOf(ctx);
  assert.match(audit.find((e) => e.action === 'user.removed').summary, /Dana Reyes removed the login of Sam Lee \(sam\)/);
  assert.ok(audit.some((e) => e.action === 'auth.login' && e.actor.userId === sam.user.id), "what Sam did stays in the log");
});

test('password link: needs an email, emails a reset link the manager never sees, throttled per user', async () => {
  const ctx = await setup();
  const sam = await addStaff(ctx);
  const noEmail = await ctx.mgr('POST', `/v1/staff/${sam.user.id}/password-link`, {});
  assert.equal(noEmail.status, 400);
  assert.equal(code(noEmail), 'VALIDATION_FAILED');
  assert.match(noEmail.body.error.message, /Add an email first/);

  await ctx.mgr('PATCH', `/v1/staff/${sam.user.id}`, { email: 'sam@harborview.example' });
  const sent = await ctx.mgr('POST', `/v1/staff/${sam.user.id}/password-link`, {});
  assert.equal(sent.status, 200);
  assert.equal(sent.body.ok, true);
  assert.match(sent.body.message, /emailed Sam Lee a link/);
  assert.equal(sent.body.user.id, sam.user.id);
  assert.doesNotMatch(JSON.stringify(sent.body), /porchlight-reset/, 'the manager never sees the link');
  const mail = ctx.kit.mailer.last('password-reset')!;
  assert.equal(mail.to.email, 'sam@harborview.example');
  const url = (mail.data as any).resetUrl as string;
  assert.match(url, /^https:\/\/www\.lakeside\.example\/reset#porchlight-reset=[a-z2-7]{32}$/);
  assert.equal((await ctx.kit.call('POST', '/v1/auth/reset', { token: url.split('=')[1], newPassword: 'sam picked a new one' })).status, 200);
  assert.equal((await sam.as('GET', '/v1/auth/session')).status, 401, 'a reset ends the sessions');
  assert.equal((await ctx.kit.call('POST', '/v1/auth/login', { identifier: ctx.identifier, username: sam.username, password: 'sam picked a new one' })).status, 200);
  assert.match((await auditOf(ctx)).find((e) => e.action === 'user.password-link-sent').summary, /Dana Reyes emailed Sam Lee \(.+\) a link to choose a new password/);

  const statuses = [];
  for (let i = 0; i < 5; i++) statuses.push((await ctx.mgr('POST', `/v1/staff/${sam.user.id}/password-link`, {})).status);
  assert.deepEqual(statuses, [200, 200, 200, 200, 429], 'five per user per hour');

  await ctx.mgr('POST', `/v1/staff/${sam.user.id}/disable`, {});
  ctx.kit.clock.now += 61 * 60_000;
  assert.match((await ctx.mgr('POST', `/v1/staff/${sam.user.id}/password-link`, {})).body.error.message, /disabled/);
});

test('end sessions: every session of the target ends; ending your own keeps the current one', async () => {
  const ctx = await setup();
  const sam = await addStaff(ctx);
  const samSecond = (await ctx.kit.call('POST', '/v1/auth/login', { identifier: ctx.identifier, username: sam.username, password: PERMANENT })).body.session.token;
  const ended = await ctx.mgr('POST', `/v1/staff/${sam.user.id}/end-sessions`, {});
  assert.equal(ended.status, 200);
  assert.equal(ended.body.ok, true);
  assert.match(ended.body.message, /Every session of Sam Lee has ended/);
  assert.equal((await sam.as('GET', '/v1/auth/session')).status, 401);
  assert.equal((await ctx.kit.as(samSecond)('GET', '/v1/auth/session')).status, 401);

  const other = (await ctx.kit.call('POST', '/v1/auth/login', { identifier: ctx.identifier, username: 'manager', password: ctx.password })).body.session.token;
  const self = await ctx.mgr('POST', `/v1/staff/${ctx.manager.id}/end-sessions`, {});
  assert.equal(self.status, 200);
  assert.match(self.body.message, /this one stays signed in/);
  assert.equal((await ctx.mgr('GET', '/v1/auth/session')).status, 200, 'the current session stays');
  assert.equal((await ctx.kit.as(other)('GET', '/v1/auth/session')).status, 401, 'the other one ended');
  const audit = (await auditOf(ctx)).filter((e) => e.action === 'user.sessions-ended');
  assert.equal(audit.length, 2);
});

test('changes are audited: updated with from/to, permissions-changed with from/to', async () => {
  const ctx = await setup();
  const sam = await addStaff(ctx);
  await ctx.mgr('PATCH', `/v1/staff/${sam.user.id}`, { name: 'Samuel Lee', email: 'sam@harborview.example', permissions: ['invoices.view', 'records.modify', 'records.delete'] });
  await ctx.mgr('PATCH', `/v1/staff/${sam.user.id}`, { permissions: ['records.modify'] });
  const after = await ctx.mgr('PATCH', `/v1/staff/${sam.user.id}`, { name: 'Samuel Lee' });
  assert.deepEqual(after.body.updatedBy, { kind: 'user', userId: ctx.manager.id, name: 'Dana Reyes' });
  const audit = await auditOf(ctx);
  const updated = audit.filter((e) => e.action === 'user.updated');
  assert.equal(updated.length, 1, 'a PATCH that changes nothing is not logged');
  assert.match(updated[0].summary, /Dana Reyes updated Samuel Lee \(.+\): changed the name, changed the email/);
  assert.deepEqual(updated[0].details.name, { from: 'Sam Lee', to: 'Samuel Lee' });
  assert.deepEqual(updated[0].details.email, { from: null, to: 'sam@harborview.example' });
  const perms = audit.filter((e) => e.action === 'user.permissions-changed');
  assert.equal(perms.length, 2);
  assert.deepEqual(perms[1].details, { from: ['invoices.view'], to: ['invoices.view', 'records.modify', 'records.delete'] });
  assert.match(perms[1].summary, /granted Modify records, Delete records/);
  assert.deepEqual(perms[0].details, { from: ['invoices.view', 'records.modify', 'records.delete'], to: ['records.modify'] });
  assert.match(perms[0].summary, /took away View invoices, Delete records/);
  assert.equal(perms[0].target.id, sam.user.id);
});

test('a permission change applies to the next request without logging in again', async () => {
  const ctx = await setup();
  const sam = await addStaff(ctx, {}, { grant: ['records.modify'] });
  const contact = await sam.as('POST', '/v1/contacts', { name: 'Neighbor Ned', phone: '555-0111' });
  assert.equal(contact.status, 201);
  const refused = await sam.as('DELETE', `/v1/contacts/${contact.body.id}`);
  assert.equal(code(refused), 'PERMISSION_DENIED');

  await ctx.mgr('PATCH', `/v1/staff/${sam.user.id}`, { permissions: ['records.modify', 'records.delete'] });
  assert.equal((await sam.as('DELETE', `/v1/contacts/${contact.body.id}`)).status, 200, 'granted: works at once');
  const next = await sam.as('POST', '/v1/contacts', { name: 'Neighbor Nora', phone: '555-0112' });
  await ctx.mgr('PATCH', `/v1/staff/${sam.user.id}`, { permissions: ['records.modify'] });
  assert.equal(code(await sam.as('DELETE', `/v1/contacts/${next.body.id}`)), 'PERMISSION_DENIED', 'revoked: refused at once');
  assert.equal((await sam.as('GET', '/v1/auth/session')).body.user.permissions.join(), 'records.modify');
});

test('a dealer admin emulating the manager manages staff, audited as "admin X as manager Y"', async () => {
  const ctx = await setup();
  const emulation = await ctx.kit.admin('POST', `/v1/admin/accounts/${ctx.account.id}/emulate`, { reason: 'client asked' });
  const admin = ctx.kit.as(emulation.body.token);
  const added = await admin('POST', '/v1/staff', { name: 'Eve Emulated', username: 'eve', password: TEMP });
  assert.equal(added.status, 201);
  const actor = { kind: 'emulation', userId: ctx.manager.id, adminId: 'backoffice', name: 'admin Pat Dispatcher as manager Dana Reyes' };
  assert.deepEqual(added.body.createdBy, actor);
  assert.equal((await admin('POST', `/v1/staff/${added.body.id}/disable`, {})).status, 200);
  const audit = await auditOf(ctx);
  const created = audit.find((e) => e.action === 'user.created' && e.target.id === added.body.id);
  assert.deepEqual(created.actor, actor);
  assert.match(created.summary, /^admin Pat Dispatcher as manager Dana Reyes added Eve Emulated/);
  assert.deepEqual(audit.find((e) => e.action === 'user.disabled').actor, actor);
  assert.equal(code(await admin('POST', `/v1/staff/${ctx.manager.id}/disable`, {})), 'FORBIDDEN', 'still not their own (emulated) login');
});

test('the back office adds staff on the manager\'s behalf (accounts.write), audited as the admin', async () => {
  const ctx = await setup();
  const path = `/v1/admin/accounts/${ctx.account.id}/users`;
  const res = await ctx.kit.admin('POST', path, { name: 'Bo Backoffice', username: 'bo', email: 'bo@harborview.example', sendSetPasswordLink: true, permissions: ['invoices.view', 'tickets.use'] });
  assert.equal(res.status, 201);
  assert.deepEqual(res.body.permissions, ['invoices.view', 'tickets.use']);
  assert.deepEqual(res.body.createdBy, { kind: 'admin', adminId: 'backoffice', name: 'admin Pat Dispatcher' });
  await ctx.kit.portal.settled();
  assert.equal((ctx.kit.mailer.last('staff-invite')!.data as any).invitedBy, 'admin Pat Dispatcher');
  const manager = await ctx.kit.admin('POST', path, { name: 'Max', username: 'max', password: TEMP, role: 'manager' });
  assert.equal(manager.body.role, 'manager');
  assert.equal(code(await ctx.kit.admin('POST', path, { name: 'Dup', username: 'BO', password: TEMP })), 'USERNAME_TAKEN');
  assert.equal(code(await ctx.kit.admin('POST', path, { name: 'X', username: 'x', password: TEMP, accountId: ctx.account.id })), 'VALIDATION_FAILED');
  assert.equal((await ctx.kit.admin('POST', `/v1/admin/accounts/${'0'.repeat(26)}/users`, { name: 'X', username: 'x', password: TEMP })).status, 404);
  assert.equal((await ctx.kit.admin('POST', '/v1/admin/accounts/nope/users', { name: 'X', username: 'x', password: TEMP })).status, 400);
  assert.equal((await ctx.kit.call('POST', path, { name: 'X', username: 'x', password: TEMP }, { authorization: `Bearer ${ctx.token}` })).status, 401, 'a portal session is not enough');
  const audit = await auditOf(ctx);
  assert.match(audit.find((e) => e.action === 'user.created' && e.target.id === res.body.id).summary, /^admin Pat Dispatcher added Bo Backoffice \(bo\) as office staff and emailed/);
  // The GET on the same path still lists the users.
  assert.equal((await ctx.kit.admin('GET', path)).body.items.length, 3);
});

// ---- bad input ---------------------------------------------------------------------------

test('bad ids, wrong types and prototype keys answer 4xx, never 5xx', async () => {
  const ctx = await setup();
  const sam = await addStaff(ctx);
  const badIds = ['nope', '..', '%2e%2e', '0'.repeat(25), 'Z'.repeat(26), 'x'.repeat(600), '__proto__', 'constructor', encodeURIComponent('a:b:c'), '%00'];
  for (const id of badIds) {
    for (const [method, suffix, body] of [
      ['GET', ''],
      ['PATCH', '', { name: 'X' }],
      ['DELETE', ''],
      ['POST', '/disable', {}],
      ['POST', '/enable', {}],
      ['POST', '/password-link', {}],
      ['POST', '/end-sessions', {}],
    ] as const) {
      const res = await ctx.mgr(method, `/v1/staff/${id}${suffix}`, body);
      assert.ok(res.status === 400 || res.status === 404, `${method} ${id}${suffix}: ${res.status}`);
    }
  }
  const unknownId = await ctx.mgr('GET', `/v1/staff/${'0'.repeat(26)}`);
  assert.equal(unknownId.status, 404);
  const badBodies: unknown[] = [
    { name: 5, username: 'x', password: TEMP },
    { name: 'X', username: ['x'], password: TEMP },
    { name: 'X', username: '', password: TEMP },
    { name: 'X', username: 'a\u0000b', password: TEMP },
    { name: 'X', username: 'x', password: 12345678 },
    { name: 'X', username: 'x', password: TEMP, role: 'owner' },
    { name: 'X', username: 'x', password: TEMP, role: 'client' },
    { name: 'X', username: 'x', password: TEMP, permissions: 'all' },
    { name: 'X', username: 'x', password: TEMP, permissions: [{}] },
    { name: 'X', username: 'x', password: TEMP, email: 'not an email' },
    { name: 'X', username: 'x', password: 'x'.repeat(300) },
    { name: 'X', username: 'x'.repeat(65), password: TEMP },
    { name: 'X', username: 'x', password: TEMP, sendSetPasswordLink: 'yes' },
    '{"name":"X","username":"x","password":"temporary-Pass-9","__proto__":{"role":"manager"}}',
    '{"name":"X","username":"x","password":"temporary-Pass-9","constructor":{"prototype":{}}}',
    '{"name":"X",',
    '[]',
    'null',
    '"text"',
  ];
  for (const body of badBodies) {
    const create = await ctx.mgr('POST', '/v1/staff', body);
    assert.ok(create.status >= 400 && create.status < 500, `POST ${JSON.stringify(body)}: ${create.status} ${JSON.stringify(create.body)}`);
    const patch = await ctx.mgr('PATCH', `/v1/staff/${sam.user.id}`, body);
    assert.ok(patch.status >= 400 && patch.status < 500, `PATCH ${JSON.stringify(body)}: ${patch.status}`);
  }
  const proto = await ctx.mgr('PATCH', `/v1/staff/${sam.user.id}`, '{"__proto__":{"role":"manager"}}');
  assert.equal(code(proto), 'VALIDATION_FAILED');
  for (const body of [{ role: 'admin' }, { permissions: null }, { email: 42 }, { name: '' }, { name: 'x'.repeat(121) }]) {
    assert.equal(code(await ctx.mgr('PATCH', `/v1/staff/${sam.user.id}`, body)), 'VALIDATION_FAILED', JSON.stringify(body));
  }
  const noType = await ctx.kit.call('POST', '/v1/staff', 'name=x', { authorization: `Bearer ${ctx.token}`, 'content-type': 'text/plain' });
  assert.equal(noType.status, 415);
  assert.equal((await ctx.mgr('GET', `/v1/staff/${sam.user.id}`)).body.role, 'staff');
  assert.equal((await ctx.mgr('GET', '/v1/staff')).body.items.length, 2, 'nothing was added');
});

// ---- activity ----------------------------------------------------------------------------

test('activity: newest first, no addresses or details, filters by person and kind, for staff.manage only', async () => {
  const kit = makeKit({ trustedProxies: 1 });
  const ctx = await setup(kit);
  const sam = await addStaff(ctx, {}, { grant: ['records.modify'] });
  await sam.as('POST', '/v1/contacts', { name: 'Ned', phone: '555-0111' });
  await ctx.mgr('PATCH', `/v1/staff/${sam.user.id}`, { permissions: ['invoices.view'] });
  await kit.call('POST', '/v1/auth/login', { identifier: ctx.identifier, username: sam.username, password: 'wrong password here' }, { 'x-forwarded-for': '203.0.113.9' });

  const all = await ctx.mgr('GET', '/v1/activity');
  assert.equal(all.status, 200);
  assert.equal(all.body.cursor, null);
  const items = all.body.items as any[];
  assert.ok(items.length >= 8);
  for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].id > items[i].id, 'newest first');
  for (const e of items) {
    assert.deepEqual(Object.keys(e).sort(), ['action', 'actor', 'at', 'id', 'summary', ...(e.target ? ['target'] : [])].sort());
  }
  assert.doesNotMatch(JSON.stringify(all.body), /203\.0\.113\.9/, 'no client addresses');

  const bySam = (await ctx.mgr('GET', `/v1/activity?person=${sam.user.id}`)).body.items as any[];
  assert.ok(bySam.length >= 3);
  assert.ok(bySam.every((e) => e.actor.userId === sam.user.id), 'only what Sam did');
  assert.ok(bySam.some((e) => e.action === 'contact.created'));
  assert.ok(!bySam.some((e) => e.action === 'user.created'), 'not what was done to Sam');

  const staffKind = (await ctx.mgr('GET', '/v1/activity?kind=staff')).body.items as any[];
  assert.ok(staffKind.length >= 3 && staffKind.every((e) => e.action.startsWith('user.')));
  const signIn = (await ctx.mgr('GET', '/v1/activity?kind=sign-in')).body.items as any[];
  assert.ok(signIn.some((e) => e.action === 'auth.login-failed') && signIn.every((e) => e.action.startsWith('auth.')));
  const records = (await ctx.mgr('GET', `/v1/activity?kind=records&person=${sam.user.id}`)).body.items as any[];
  assert.deepEqual(records.map((e) => e.action), ['contact.created']);

  for (const q of ['kind=everything', 'person=nope', 'limit=0', 'limit=101', 'limit=abc', 'cursor=%%%', 'cursor=a.b', 'other=1', `cursor=${'a'.repeat(401)}`, '__proto__=x', 'limit=1.5']) {
    const res = await ctx.mgr('GET', `/v1/activity?${q}`);
    assert.equal(res.status, 400, q);
    assert.equal(code(res), 'VALIDATION_FAILED', q);
  }
  assert.equal(code(await sam.as('GET', '/v1/activity')), 'PERMISSION_DENIED');
});

test('activity paging with filters resumes exactly where the bounded scan stopped', async () => {
  const ctx = await setup();
  const sam = await addStaff(ctx);
  // 2,500 entries in the log: every 7th by Sam (through the store, to keep the test quick).
  const actorSam = { kind: 'user', userId: sam.user.id, name: 'Sam Lee' };
  const actorDana = { kind: 'user', userId: ctx.manager.id, name: 'Dana Reyes' };
  const expected: string[] = [];
  const base = ctx.kit.clock.now + 1000;
  for (let i = 0; i < 2500; i++) {
    const id = newId(base + i);
    const bySam = i % 7 === 0;
    await ctx.kit.store.put(keys.audit('lakeside', ctx.account.id, id), {
      id,
      at: new Date(base + i).toISOString(),
      dealerId: 'lakeside',
      accountId: ctx.account.id,
      action: bySam ? 'contact.updated' : 'auth.login',
      actor: bySam ? actorSam : actorDana,
      summary: `entry ${i}`,
      clientAddress: '198.51.100.7',
      details: { i },
    });
    if (bySam) expected.unshift(`entry ${i}`);
  }
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: any = await ctx.mgr('GET', `/v1/activity?person=${sam.user.id}&kind=records&limit=30${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(res.status, 200);
    assert.ok(res.body.items.length <= 30);
    seen.push(...res.body.items.map((e: any) => e.summary));
    cursor = res.body.cursor;
    pages++;
    assert.ok(pages < 100);
  } while (cursor);
  assert.deepEqual(seen, expected, 'every match once, in order, none skipped or repeated');
  assert.equal(new Set(seen).size, seen.length);

  // A filter that matches little: pages stop after examining 1,000 entries and say where to go on.
  const first: any = await ctx.mgr('GET', `/v1/activity?person=${'0'.repeat(26)}`);
  assert.deepEqual(first.body.items, []);
  assert.ok(first.body.cursor, 'not the end yet');
  let next: any = first;
  let rounds = 1;
  while (next.body.cursor) {
    next = await ctx.mgr('GET', `/v1/activity?person=${'0'.repeat(26)}&cursor=${encodeURIComponent(next.body.cursor)}`);
    assert.deepEqual(next.body.items, []);
    rounds++;
  }
  assert.equal(rounds, 3, '2,500+ entries at 1,000 per request');
  // Unfiltered paging is plain store paging.
  const page1: any = await ctx.mgr('GET', '/v1/activity?limit=5');
  const page2: any = await ctx.mgr('GET', `/v1/activity?limit=5&cursor=${encodeURIComponent(page1.body.cursor)}`);
  assert.deepEqual([...page1.body.items, ...page2.body.items].map((e: any) => e.summary), ['entry 2499', 'entry 2498', 'entry 2497', 'entry 2496', 'entry 2495', 'entry 2494', 'entry 2493', 'entry 2492', 'entry 2491', 'entry 2490']);
});
