import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLIENT_DEFAULT_PERMISSIONS, routePath, STAFF_DEFAULT_PERMISSIONS } from '@porchlight/core';
import { A, activateFromMail, activationSecret, addContact, auditOf, code, lastMailTo, login, mailsTo, onboardingKit, PASSWORD, people, R, resetSecret, type Kit } from './test-kit.js';

const PAT = 'pat@porter.example';

/** An account with nobody on it yet (the dealer's "Setup access" starts here). */
async function account(kit: Kit, name = 'Harbor View Condominiums', mainPhone = '5550100') {
  const res = await kit.admin('POST', A.accounts, { name, mainPhone });
  assert.equal(res.status, 201);
  return { id: res.body.id as string, identifier: res.body.identifier as string, name };
}

const access = (accountId: string) => routePath(A.accountAccess, { accountId });
const loginPath = (accountId: string, userId: string) => routePath(A.accountAccessLogin, { accountId, userId });
const emailPath = (accountId: string, userId: string) => routePath(A.accountAccessLoginEmail, { accountId, userId });

/** Sets up Pat Porter on `accountId` (API key) and answers the AccessLogin. */
async function setup(kit: Kit, accountId: string, body: Record<string, unknown> = {}) {
  const res = await kit.admin('POST', access(accountId), { name: 'Pat Porter', email: PAT, ...body });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  await kit.portal.settled();
  return res.body;
}

test('setup access: a login with the defaults, an invitation with a 48-hour link, and activation signs the person in', async () => {
  const kit = onboardingKit({ onboarding: { defaultGrants: ['payments', 'invoices'] } });
  const a = await account(kit);
  const created = await setup(kit, a.id);
  assert.equal(created.state, 'invited');
  assert.equal(created.user.username, PAT, 'the username defaults to the email');
  assert.equal(created.user.role, 'client');
  assert.deepEqual(created.user.grants, ['invoices', 'payments'], "the dealer's default grants, in order");
  assert.deepEqual(created.user.permissions, ['invoices.view', 'invoices.pay', 'payment-methods.manage'], 'client defaults less what acts outside the grants');
  assert.ok(created.user.profileId);
  assert.equal(created.activatedAt, null);
  assert.equal(created.invitation.credentials, 'link');
  assert.equal(created.invitation.sentBy.name, 'admin Pat Dispatcher');
  assert.equal(created.invitation.expiresAt, new Date(kit.clock.now + 48 * 3_600_000).toISOString());
  assert.deepEqual(created.otherAccounts, []);
  // Call-list people: those without a login of the same name are offered for Setup access.
  await addContact(kit, a.id, 'pat  PORTER');
  const lou = await addContact(kit, a.id, 'Lou Ng');
  assert.deepEqual((await people(kit, a.id)).contacts, [{ contactId: lou.id, name: 'Lou Ng', phone: lou.phone }]);

  const mail = lastMailTo(kit, PAT, 'login-invitation');
  assert.equal(mail.data.reset, false);
  assert.equal(mail.data.username, PAT);
  assert.equal(mail.data.identifier, a.identifier);
  assert.deepEqual(mail.data.otherAccounts, []);
  const signedIn = await activateFromMail(kit, PAT, 'login-invitation');
  assert.equal(signedIn.status, 200);
  assert.deepEqual(signedIn.body.user.grants, ['invoices', 'payments']);
  const after = (await people(kit, a.id)).logins[0];
  assert.equal(after.state, 'active');
  assert.equal(after.invitation, null);
  assert.ok(after.activatedAt);
  const audit = await auditOf(kit, a.id);
  assert.ok(audit.some((e) => e.action === 'access.setup'));
  assert.ok(audit.some((e) => e.action === 'access.login-email-sent'));
});

test('setup access: roles and permissions, the account ceiling, unique usernames, no email now, a temporary password on request', async () => {
  const kit = onboardingKit();
  const a = await account(kit);
  const staff = await setup(kit, a.id, { name: 'Sam Lee', email: 'sam@lee.example', username: 'sam', role: 'staff', sendLoginEmail: false });
  assert.deepEqual(staff.user.permissions, [...STAFF_DEFAULT_PERMISSIONS]);
  assert.equal(staff.state, 'invitation-expired', 'never emailed yet');
  assert.equal(mailsTo(kit, 'sam@lee.example').length, 0);
  const taken = await kit.admin('POST', access(a.id), { name: 'Sam Two', email: 'sam2@lee.example', username: 'SAM' });
  assert.equal(taken.status, 409);
  assert.equal(code(taken), 'USERNAME_TAKEN');
  assert.ok(taken.body.error.fields.username);

  await kit.admin('PATCH', routePath(A.account, { accountId: a.id }), { permissions: ['invoices.view'] });
  const beyond = await kit.admin('POST', access(a.id), { name: 'Lou Ng', email: 'lou@ng.example', permissions: ['invoices.pay'] });
  assert.equal(beyond.status, 400);
  assert.ok(beyond.body.error.fields.permissions);

  const manager = await setup(kit, a.id, { name: 'Mia Ortiz', email: 'mia@ortiz.example', role: 'manager', credentials: 'temporary-password' });
  assert.equal(manager.user.role, 'manager');
  assert.equal(manager.invitation.credentials, 'temporary-password');
  const mail = lastMailTo(kit, 'mia@ortiz.example', 'login-invitation');
  assert.ok(mail.data.temporaryPassword);
  assert.equal(mail.data.setPasswordUrl, null);
  assert.equal((await login(kit, a.identifier, 'mia@ortiz.example', mail.data.temporaryPassword!)).body.session.mustChangePassword, true);

  // Emailing the login set up without one: an invitation now.
  const sent = await kit.admin('POST', emailPath(a.id, staff.user.id), {});
  assert.equal(sent.status, 200, JSON.stringify(sent.body));
  assert.equal(sent.body.kind, 'invitation');
  assert.equal(sent.body.login.state, 'invited');
  await kit.portal.settled();
  assert.equal(mailsTo(kit, 'sam@lee.example', 'login-invitation').length, 1);

  const bad = await kit.admin('POST', access(a.id), { name: '', email: 'nope', role: 'owner', grants: ['invoices', 'invoices'], surprise: true });
  assert.equal(bad.status, 400);
  assert.deepEqual(Object.keys(bad.body.error.fields).sort(), ['email', 'grants', 'name', 'role', 'surprise']);
  assert.equal((await kit.admin('POST', access(a.id), '{', { 'content-type': 'application/json' })).status, 400);
});

test('one person, two accounts: a reused profile gets a link (never a temporary password), activating it sets the one password; the session lists both', async () => {
  const kit = onboardingKit({ onboarding: { credentials: 'temporary-password', forcePasswordChange: false } });
  const a = await account(kit);
  const b = await account(kit, 'Lakeside Marina', '5550199');
  await setup(kit, a.id, { credentials: 'link' });
  assert.equal((await activateFromMail(kit, PAT, 'login-invitation', 'the first passphrase')).status, 200);

  // The dealer finds the person's profile by email.
  const found = await kit.admin('GET', `${A.loginProfiles}?email=${encodeURIComponent('PAT@porter.example')}`);
  assert.equal(found.status, 200);
  assert.equal(found.body.items.length, 1);
  const profile = found.body.items[0];
  assert.deepEqual(profile.accounts, [{ accountId: a.id, name: a.name, identifier: a.identifier, username: PAT }]);
  assert.deepEqual((await kit.admin('GET', `${A.loginProfiles}?email=nobody%40porter.example`)).body, { items: [] });
  assert.equal((await kit.admin('GET', `${A.loginProfiles}?email=nope`)).status, 400);

  // A new profile with the same email: refused, naming nothing but the field.
  const duplicate = await kit.admin('POST', access(b.id), { name: 'Pat Porter', email: 'Pat@Porter.example' });
  assert.equal(duplicate.status, 409);
  assert.equal(code(duplicate), 'PROFILE_EMAIL_TAKEN');
  assert.deepEqual(Object.keys(duplicate.body.error.fields), ['email']);
  assert.ok(!JSON.stringify(duplicate.body).includes(a.name));
  // The profile's email is the login's (one person, one email).
  const otherEmail = await kit.admin('POST', access(b.id), { name: 'Pat Porter', email: 'someone@else.example', profileId: profile.profileId });
  assert.equal(otherEmail.status, 400);
  assert.ok(otherEmail.body.error.fields.email);

  const onB = await setup(kit, b.id, { profileId: profile.profileId, credentials: 'temporary-password', username: 'pat' });
  assert.equal(onB.invitation.credentials, 'link', 'the profile has a password: a link, never a temporary password');
  assert.deepEqual(onB.otherAccounts, [{ accountId: a.id, name: a.name, identifier: a.identifier }]);
  const mail = lastMailTo(kit, PAT, 'login-invitation');
  assert.deepEqual(mail.data.otherAccounts, [a.name]);
  assert.equal(mail.data.temporaryPassword, null);
  assert.equal((await login(kit, a.identifier, PAT, 'the first passphrase')).status, 200, 'the working password is untouched');
  assert.equal(code(await login(kit, b.identifier, 'pat', 'the first passphrase')), 'INVALID_CREDENTIALS', 'B waits for its own link');
  const again = await kit.admin('POST', access(b.id), { name: 'Pat Porter', email: PAT, profileId: profile.profileId, username: 'pat2' });
  assert.equal(again.status, 409, 'one login per account for a profile');

  const info = await kit.call('POST', R.checkActivation, { token: activationSecret(mail.data.setPasswordUrl) });
  assert.equal(info.body.hasPassword, true);
  const activated = await activateFromMail(kit, PAT, 'login-invitation', 'one password for both');
  assert.equal(activated.status, 200);
  assert.deepEqual(activated.body.accounts.map((x: any) => [x.accountId, x.current]), [[b.id, true], [a.id, false]]);
  assert.equal(code(await login(kit, a.identifier, PAT, 'the first passphrase')), 'INVALID_CREDENTIALS');
  const intoA = await login(kit, a.identifier, PAT, 'one password for both');
  assert.equal(intoA.status, 200);
  assert.deepEqual(new Set(intoA.body.accounts.map((x: any) => x.accountId)), new Set([a.id, b.id]));
});

test('revoke: the login goes, its sessions end, its pending link stops working; the profile keeps its other accounts; never the last manager', async () => {
  const kit = onboardingKit();
  const a = await account(kit);
  const b = await account(kit, 'Lakeside Marina', '5550199');
  const onA = await setup(kit, a.id, { role: 'manager' });
  const signedIn = await activateFromMail(kit, PAT, 'login-invitation');
  const token = signedIn.body.session.token;
  const onB = await setup(kit, b.id, { profileId: onA.user.profileId });
  const pendingLink = activationSecret(lastMailTo(kit, PAT, 'login-invitation').data.setPasswordUrl);
  const other = await setup(kit, a.id, { name: 'Lou Ng', email: 'lou@ng.example' });

  const last = await kit.admin('DELETE', loginPath(a.id, onA.user.id));
  assert.equal(last.status, 409);
  assert.equal(code(last), 'LAST_MANAGER');

  // Revoking B: its link dies; A (same profile) keeps working.
  assert.equal((await kit.admin('DELETE', loginPath(b.id, onB.user.id))).status, 200);
  assert.equal(code(await kit.call('POST', R.activate, { token: pendingLink, newPassword: PASSWORD })), 'INVALID_TOKEN');
  assert.equal((await kit.as(token)('GET', R.session)).status, 200);
  assert.deepEqual((await kit.as(token)('GET', R.session)).body.accounts.map((x: any) => x.accountId), [a.id]);
  const profile = (await kit.store.get<any>(`lprof:lakeside:${onA.user.profileId}`))!.value;
  assert.deepEqual(profile.members, [{ accountId: a.id, userId: onA.user.id }]);

  // Revoking A (after promoting someone else): its session ends; the empty profile goes, the email is free.
  assert.equal((await kit.admin('PATCH', loginPath(a.id, other.user.id), { role: 'manager' })).status, 200);
  assert.equal((await kit.admin('DELETE', loginPath(a.id, onA.user.id))).status, 200);
  const ended = await kit.as(token)('GET', R.session);
  assert.equal(ended.status, 401);
  assert.equal(code(ended), 'SESSION_EXPIRED');
  assert.equal(code(await login(kit, a.identifier, PAT, PASSWORD)), 'INVALID_CREDENTIALS');
  assert.equal(await kit.store.get(`lprof:lakeside:${onA.user.profileId}`), null);
  assert.deepEqual((await kit.admin('GET', `${A.loginProfiles}?email=${encodeURIComponent(PAT)}`)).body, { items: [] });
  assert.equal((await kit.admin('POST', access(a.id), { name: 'Pat Porter', email: PAT })).status, 201, 'username and email are free again');
  assert.equal((await kit.admin('DELETE', loginPath(a.id, onA.user.id))).status, 404);
  const audit = await auditOf(kit, a.id);
  assert.ok(audit.some((e) => e.action === 'access.revoked' && e.target.id === onA.user.id));
});

test('the staff manager removing a login of a profile takes it out of the profile; the other account stays', async () => {
  const kit = onboardingKit();
  const a = await account(kit);
  const b = await account(kit, 'Lakeside Marina', '5550199');
  await kit.admin('PUT', routePath(A.accountManager, { accountId: a.id }), { username: 'boss', password: 'temporary-Pass-1', name: 'Dana Reyes' });
  const boss = await login(kit, a.identifier, 'boss', 'temporary-Pass-1');
  const bossAs = kit.as(boss.body.session.token);
  assert.equal((await bossAs('POST', R.changePassword, { currentPassword: 'temporary-Pass-1', newPassword: 'dana passphrase one' })).status, 200);
  const onB = await setup(kit, b.id);
  await activateFromMail(kit, PAT, 'login-invitation');
  const onA = await setup(kit, a.id, { profileId: onB.user.profileId });
  assert.equal((await bossAs('DELETE', routePath(R.staffUser, { userId: onA.user.id }))).status, 200);
  const profile = (await kit.store.get<any>(`lprof:lakeside:${onB.user.profileId}`))!.value;
  assert.deepEqual(profile.members, [{ accountId: b.id, userId: onB.user.id }]);
  assert.equal((await login(kit, b.identifier, PAT, PASSWORD)).status, 200);
});

test('change a login: grants, permissions (inside the ceiling), role (never the last manager), username, name, email (voids links sent to the old one)', async () => {
  const kit = onboardingKit();
  const a = await account(kit);
  const mia = await setup(kit, a.id, { name: 'Mia Ortiz', email: 'mia@ortiz.example', role: 'manager' });
  const pat = await setup(kit, a.id);
  const oldLink = activationSecret(lastMailTo(kit, PAT, 'login-invitation').data.setPasswordUrl);

  const demote = await kit.admin('PATCH', loginPath(a.id, mia.user.id), { role: 'client' });
  assert.equal(code(demote), 'LAST_MANAGER');
  await kit.admin('PATCH', routePath(A.account, { accountId: a.id }), { permissions: ['invoices.view', 'invoices.pay', 'tickets.use'] });
  const beyond = await kit.admin('PATCH', loginPath(a.id, pat.user.id), { permissions: ['proposals.decide'] });
  assert.equal(beyond.status, 400);
  assert.ok(beyond.body.error.fields.permissions);

  const changed = await kit.admin('PATCH', loginPath(a.id, pat.user.id), {
    grants: ['tickets', 'invoices'],
    permissions: ['tickets.use', 'invoices.view'],
    username: 'pat',
    name: 'Patricia Porter',
    email: 'patricia@porter.example',
  });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.deepEqual(changed.body.user.grants, ['invoices', 'tickets']);
  assert.deepEqual(changed.body.user.permissions, ['invoices.view', 'tickets.use']);
  assert.equal(changed.body.user.username, 'pat');
  assert.equal(changed.body.user.name, 'Patricia Porter');
  assert.equal(changed.body.user.email, 'patricia@porter.example');
  assert.equal(changed.body.state, 'invitation-expired', 'the invitation went to the old address');
  assert.equal(code(await kit.call('POST', R.activate, { token: oldLink, newPassword: PASSWORD })), 'INVALID_TOKEN');
  // The profile's email moved with it.
  assert.equal((await kit.admin('GET', `${A.loginProfiles}?email=patricia%40porter.example`)).body.items.length, 1);
  assert.equal((await kit.admin('GET', `${A.loginProfiles}?email=${encodeURIComponent(PAT)}`)).body.items.length, 0);
  const clash = await kit.admin('PATCH', loginPath(a.id, pat.user.id), { username: 'MIA@ortiz.example' });
  assert.equal(code(clash), 'USERNAME_TAKEN');

  const promoted = await kit.admin('PATCH', loginPath(a.id, pat.user.id), { role: 'manager' });
  assert.equal(promoted.body.user.role, 'manager');
  const demoted = await kit.admin('PATCH', loginPath(a.id, mia.user.id), { role: 'client' });
  assert.equal(demoted.status, 200);
  assert.deepEqual(demoted.body.user.permissions, CLIENT_DEFAULT_PERMISSIONS.filter((p) => ['invoices.view', 'invoices.pay', 'tickets.use'].includes(p)), "a former manager gets the client defaults, inside the account's ceiling");
  const updates = (await auditOf(kit, a.id)).filter((e) => e.action === 'access.updated');
  assert.ok(updates.some((e) => e.details.username?.to === 'pat' && e.details.grants));
  assert.equal((await kit.admin('PATCH', loginPath(a.id, pat.user.id), { grants: ['everything'] })).status, 400);
});

test('send the login email: an invitation until activated (the older link stops working), then a reset; at most 5 an hour per login', async () => {
  const kit = onboardingKit();
  const a = await account(kit);
  const pat = await setup(kit, a.id);
  const first = activationSecret(lastMailTo(kit, PAT, 'login-invitation').data.setPasswordUrl);
  const again = await kit.admin('POST', emailPath(a.id, pat.user.id), {});
  assert.equal(again.body.kind, 'invitation');
  await kit.portal.settled();
  assert.equal(code(await kit.call('POST', R.activate, { token: first, newPassword: PASSWORD })), 'INVALID_TOKEN');
  assert.equal((await activateFromMail(kit, PAT, 'login-invitation')).status, 200);

  const reset = await kit.admin('POST', emailPath(a.id, pat.user.id), { credentials: 'temporary-password' });
  assert.equal(reset.status, 200);
  assert.equal(reset.body.kind, 'reset');
  assert.equal(reset.body.login.state, 'active');
  await kit.portal.settled();
  const mail = lastMailTo(kit, PAT, 'login-invitation');
  assert.equal(mail.data.reset, true);
  assert.equal(mail.data.temporaryPassword, null, 'a working password is never replaced by email');
  assert.equal((await login(kit, a.identifier, PAT, PASSWORD)).status, 200, 'the password still works until the person resets it');
  assert.equal((await kit.call('POST', R.resetPassword, { token: resetSecret(mail.data.setPasswordUrl), newPassword: 'a reset passphrase' })).status, 200);
  assert.equal((await login(kit, a.identifier, PAT, 'a reset passphrase')).status, 200);

  // Two sent above: three more make five.
  for (let i = 0; i < 3; i++) assert.equal((await kit.admin('POST', emailPath(a.id, pat.user.id), {})).status, 200);
  const limited = await kit.admin('POST', emailPath(a.id, pat.user.id), {});
  assert.equal(limited.status, 429);
  await kit.portal.settled();
});

test('back-office abilities: support reads but cannot write; no credentials or a portal session never pass', async () => {
  const kit = onboardingKit();
  const a = await account(kit);
  const pat = await setup(kit, a.id);
  const added = await kit.admin('POST', A.dealerStaff, { email: 'sam@lakeside.example', name: 'Sam Support', role: 'support', password: 'temporary-Pass-1' });
  assert.equal(added.status, 201);
  const staffLogin = await kit.call('POST', A.login, { email: 'sam@lakeside.example', password: 'temporary-Pass-1' });
  const support = kit.as(staffLogin.body.session.token);
  assert.equal((await support('POST', A.changePassword, { currentPassword: 'temporary-Pass-1', newPassword: 'support passphrase one' })).status, 200);

  assert.equal((await support('GET', access(a.id))).status, 200);
  assert.equal((await support('GET', `${A.loginProfiles}?email=${encodeURIComponent(PAT)}`)).status, 200);
  assert.equal((await support('GET', A.accessRequests)).status, 200);
  const writes = [
    await support('POST', access(a.id), { name: 'Lou Ng', email: 'lou@ng.example' }),
    await support('PATCH', loginPath(a.id, pat.user.id), { name: 'X' }),
    await support('DELETE', loginPath(a.id, pat.user.id)),
    await support('POST', emailPath(a.id, pat.user.id), {}),
    await support('POST', routePath(A.accountRegistrationKey, { accountId: a.id }), {}),
  ];
  for (const res of writes) {
    assert.equal(res.status, 403);
    assert.equal(code(res), 'FORBIDDEN');
  }
  assert.equal((await people(kit, a.id)).logins.length, 1, 'nothing was written');

  const activated = await activateFromMail(kit, PAT, 'login-invitation');
  const portalToken = activated.body.session.token;
  const none = await kit.call('GET', access(a.id));
  assert.equal(none.status, 401);
  assert.equal(code(none), 'INVALID_API_KEY');
  const asClient = await kit.as(portalToken)('GET', access(a.id));
  assert.equal(asClient.status, 401, 'a portal session is no back-office session');
  const cookie = await kit.call('GET', access(a.id), undefined, { cookie: `__Host-porchlight-session=${portalToken}` });
  assert.equal(code(cookie), 'INVALID_API_KEY');
  assert.equal((await kit.admin('GET', access('0'.repeat(26)))).status, 404);
});
