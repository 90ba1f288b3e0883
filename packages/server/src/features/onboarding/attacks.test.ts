// An independent reviewer's attacks on onboarding, login profiles and grants: each test is a
// way in that used to work, and now does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routePath, Routes } from '@porchlight/core';
import { makeKit } from '../../testing/kit.js';
import { A, activationSecret, addContact, auditOf, code, customer, lastMailTo, login, mailsTo, onboardingKit, PASSWORD, people, R, register, registration, type Kit } from './test-kit.js';

const JAMES = 'james@smith.example';

/** A customer whose manager registered and activated (James Smith): the customer and the manager's call helper. */
async function registeredCustomer(kit: Kit) {
  const c = await customer(kit);
  await register(kit, registration(c));
  const signed = await kit.call('POST', R.activate, { token: activationSecret(lastMailTo(kit, JAMES, 'registration-confirmation').data.setPasswordUrl), newPassword: PASSWORD });
  assert.equal(signed.status, 200, JSON.stringify(signed.body));
  return { ...c, mgr: kit.as(signed.body.session.token) };
}

test('registration: a person whose login was disabled does not get back in with a new email (their name vouches for nobody)', async () => {
  const kit = onboardingKit();
  const c = await registeredCustomer(kit);
  // The manager added Eve as view-only office staff, then disabled her when she left.
  const eve = await c.mgr('POST', R.staff, { name: 'Eve Mallory', username: 'eve', password: 'temporary-Pass-9', email: 'eve@work.example' });
  assert.equal(eve.status, 201);
  assert.equal((await c.mgr('POST', routePath(R.staffDisable, { userId: eve.body.id }))).status, 200);

  // Eve kept an invoice (customer number, ZIP, key) and registers with her own name and another email.
  const res = await register(kit, registration(c, { firstName: 'Eve', lastName: 'Mallory', email: 'eve@home.example' }));
  assert.equal(res.status, 202, 'the same neutral answer');
  assert.deepEqual(mailsTo(kit, 'eve@home.example'), [], 'no login email: she would have had a fresh client login that pays, signs and sees every part');
  const logins = (await people(kit, c.id)).logins;
  assert.deepEqual(logins.map((l: any) => [l.user.name, l.state]), [['James Smith', 'active'], ['Eve Mallory', 'disabled']]);
  const denials = async () => (await auditOf(kit, c.id)).filter((e) => e.action === 'access.denied' && /Registration did not match/.test(e.summary)).map((e) => e.summary);
  assert.deepEqual(await denials(), ['Registration did not match the records: name']);

  // On the call list too (staff often are): the dealer's records name her, but her login is disabled.
  await addContact(kit, c.id, 'Eve Mallory');
  await register(kit, registration(c, { firstName: 'Eve', lastName: 'Mallory', email: 'eve@home.example' }));
  assert.deepEqual(mailsTo(kit, 'eve@home.example'), []);
  assert.equal((await denials())[0], 'Registration did not match the records: the name of a disabled login');

  // Someone else on the records still registers.
  await register(kit, registration(c, { firstName: 'James', lastName: 'Smith', email: 'jim@smith.example' }));
  assert.equal(mailsTo(kit, 'jim@smith.example', 'registration-confirmation').length, 1);
});

test('disable then enable: the set-password link sent before stays void', async () => {
  const kit = onboardingKit();
  const c = await registeredCustomer(kit);
  const setup = await kit.admin('POST', routePath(A.accountAccess, { accountId: c.id }), { name: 'Pat Porter', email: 'pat@porter.example' });
  assert.equal(setup.status, 201);
  await kit.portal.settled();
  const token = activationSecret(lastMailTo(kit, 'pat@porter.example', 'login-invitation').data.setPasswordUrl);
  const userId = setup.body.user.id;

  assert.equal((await c.mgr('POST', routePath(R.staffDisable, { userId }))).status, 200);
  assert.equal((await c.mgr('POST', routePath(R.staffEnable, { userId }))).status, 200);
  assert.equal((await kit.call('POST', R.checkActivation, { token })).body.valid, false);
  assert.equal(code(await kit.call('POST', R.activate, { token, newPassword: PASSWORD })), 'INVALID_TOKEN');
  assert.equal((await people(kit, c.id)).logins.find((l: any) => l.user.id === userId).state, 'invitation-expired', 'Setup access offers to send it again');

  // A new login email works as ever.
  assert.equal((await kit.admin('POST', routePath(A.accountAccessLoginEmail, { accountId: c.id, userId }), {})).status, 200);
  await kit.portal.settled();
  const fresh = activationSecret(lastMailTo(kit, 'pat@porter.example', 'login-invitation').data.setPasswordUrl);
  assert.equal((await kit.call('POST', R.activate, { token: fresh, newPassword: PASSWORD })).status, 200);
});

test('disable then enable: the temporary password sent before stays void', async () => {
  const kit = onboardingKit();
  const c = await registeredCustomer(kit);
  const setup = await kit.admin('POST', routePath(A.accountAccess, { accountId: c.id }), { name: 'Pat Porter', email: 'pat@porter.example', credentials: 'temporary-password' });
  assert.equal(setup.status, 201);
  await kit.portal.settled();
  const temporary = lastMailTo(kit, 'pat@porter.example', 'login-invitation').data.temporaryPassword!;
  const userId = setup.body.user.id;

  assert.equal((await c.mgr('POST', routePath(R.staffDisable, { userId }))).status, 200);
  assert.equal((await c.mgr('POST', routePath(R.staffEnable, { userId }))).status, 200);
  assert.equal(code(await login(kit, c.identifier, 'pat@porter.example', temporary)), 'INVALID_CREDENTIALS');

  assert.equal((await kit.admin('POST', routePath(A.accountAccessLoginEmail, { accountId: c.id, userId }), { credentials: 'temporary-password' })).status, 200);
  await kit.portal.settled();
  const fresh = lastMailTo(kit, 'pat@porter.example', 'login-invitation').data.temporaryPassword!;
  assert.equal((await login(kit, c.identifier, 'pat@porter.example', fresh)).status, 200);
});

test("one's own email is not changed through the staff manager: a stolen session or an emulating admin cannot take the person's password in every account", async () => {
  const kit = makeKit();
  const { a, b } = await kit.twoAccounts();
  const samA = await kit.linkLogin(a.account.id, { username: 'sam', password: PASSWORD, email: 'sam@porter.example', role: 'manager' });
  await kit.linkLogin(b.account.id, { username: 'sam.b', profileId: samA.profileId, email: 'sam@porter.example', role: 'manager' });
  const signedIn = await kit.call('POST', Routes.login, { identifier: a.identifier, username: 'sam', password: PASSWORD });
  // Whoever holds Sam's session token in account A (no password needed so far) …
  const thief = kit.as(signedIn.body.session.token);
  const changed = await thief('PATCH', routePath(Routes.staffUser, { userId: samA.user.id }), { email: 'thief@evil.example' });
  assert.equal(code(changed), 'FORBIDDEN');
  assert.match(changed.body.error.message, /profile page/);
  // … would next have had a reset link sent to their own address, and chosen Sam's one password.
  assert.equal((await kit.call('POST', Routes.forgotPassword, { identifier: a.identifier, email: 'thief@evil.example' })).status, 202);
  await kit.portal.settled();
  assert.deepEqual(mailsTo(kit, 'thief@evil.example'), []);
  assert.equal((await kit.call('POST', Routes.login, { identifier: b.identifier, username: 'sam.b', password: PASSWORD })).status, 200, "Sam's password still opens B");

  // An emulating admin is the login too: the same refusal (emulation never reaches the password).
  const emulation = await kit.admin('POST', routePath(Routes.admin.emulate, { accountId: a.account.id }), { userId: samA.user.id, reason: 'help' });
  assert.equal(emulation.status, 201);
  assert.equal(code(await kit.as(emulation.body.token)('PATCH', routePath(Routes.staffUser, { userId: samA.user.id }), { email: 'admin@evil.example' })), 'FORBIDDEN');

  // Their own name still changes there, and the profile page (password, confirmation) still changes the email.
  assert.equal((await thief('PATCH', routePath(Routes.staffUser, { userId: samA.user.id }), { name: 'Samuel Porter' })).status, 200);
  const viaProfile = await thief('PATCH', Routes.profile, { email: 'sam@new.example', currentPassword: PASSWORD });
  assert.equal(viaProfile.status, 200, JSON.stringify(viaProfile.body));
  assert.equal(viaProfile.body.confirmationSentTo, 'sam@new.example');
});

test('per-address limits count an IPv6 /64 as one address (one home can pick any of its 2^64 addresses)', async () => {
  const kit = onboardingKit({ rateLimits: { registerAccount: { max: 1000, windowSeconds: 3600 } } });
  const c = await customer(kit);
  const from = (address: string) => kit.call('POST', R.register, registration(c, { registrationKey: 'WRONG-KEY' }), { 'x-test-address': address });
  for (let i = 1; i <= 10; i++) assert.equal((await from(`2001:db8:5:7::${i.toString(16)}`)).status, 202);
  const rotated = await from('2001:db8:5:7:dead:beef:0:1');
  assert.equal(rotated.status, 429, 'another address of the same /64');
  assert.equal(rotated.headers.get('retry-after'), '3600');
  assert.equal((await from('2001:db8:5:8::1')).status, 202, 'another /64 is another client');
  // IPv4 written inside IPv6 is still one IPv4 address each.
  for (let i = 1; i <= 10; i++) assert.equal((await from(`::ffff:198.51.100.${i}`)).status, 202);
  assert.equal((await from('::ffff:198.51.100.1')).status, 202);
  await kit.portal.settled();
});
