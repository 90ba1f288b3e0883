import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NEUTRAL_RESEND_MESSAGE } from './activation.js';
import { activationSecret, auditOf, code, customer, lastMailTo, login, mailsTo, onboardingKit, PASSWORD, people, R, register, registration, type Kit } from './test-kit.js';

const EMAIL = 'james@smith.example';
const HOUR = 3_600_000;

/** A customer who registered (link or temporary password, as the dealer set): the account and the confirmation. */
async function registered(kit: Kit) {
  const c = await customer(kit);
  assert.equal((await register(kit, registration(c))).status, 202);
  return { ...c, mail: lastMailTo(kit, EMAIL, 'registration-confirmation') };
}

test('checking a link: who it is for while it works; nothing but valid: false otherwise', async () => {
  const kit = onboardingKit();
  const c = await registered(kit);
  const token = activationSecret(c.mail.data.setPasswordUrl);
  const info = await kit.call('POST', R.checkActivation, { token });
  assert.equal(info.status, 200);
  assert.deepEqual(info.body, { valid: true, expiresAt: new Date(kit.clock.now + 48 * HOUR).toISOString(), name: 'James Smith', username: EMAIL, identifier: c.identifier, accountName: 'James Smith', hasPassword: false });
  const none = { valid: false, expiresAt: null, name: null, username: null, identifier: null, accountName: null, hasPassword: false };
  assert.deepEqual((await kit.call('POST', R.checkActivation, { token: 'a'.repeat(32) })).body, none);
  assert.deepEqual((await kit.call('POST', R.checkActivation, { token: 'not a token at all' })).body, none);
  assert.equal((await kit.call('POST', R.checkActivation, { token: 'short' })).status, 400);
  kit.clock.now += 48 * HOUR + 1;
  assert.deepEqual((await kit.call('POST', R.checkActivation, { token })).body, none, 'expired');
});

test('an activation link: expired after 48 hours, single use, voided by a newer one; weak passwords refused without using it up', async () => {
  const kit = onboardingKit();
  const c = await registered(kit);
  const first = activationSecret(c.mail.data.setPasswordUrl);

  // Superseded: "send me a new link".
  const resent = await kit.call('POST', R.resendLoginEmail, { identifier: c.identifier, email: 'JAMES@smith.example' });
  assert.equal(resent.status, 202);
  assert.deepEqual(resent.body, { ok: true, message: NEUTRAL_RESEND_MESSAGE });
  await kit.portal.settled();
  const second = activationSecret(lastMailTo(kit, EMAIL, 'registration-confirmation').data.setPasswordUrl);
  assert.notEqual(first, second);
  const old = await kit.call('POST', R.activate, { token: first, newPassword: PASSWORD });
  assert.equal(old.status, 400);
  assert.equal(code(old), 'INVALID_TOKEN');
  assert.ok(old.body.error.fields.token);

  const weak = await kit.call('POST', R.activate, { token: second, newPassword: 'password' });
  assert.equal(code(weak), 'WEAK_PASSWORD');
  const ok = await kit.call('POST', R.activate, { token: second, newPassword: PASSWORD });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.session.mustChangePassword, false);
  const reused = await kit.call('POST', R.activate, { token: second, newPassword: 'yet another passphrase' });
  assert.equal(code(reused), 'INVALID_TOKEN');
  assert.equal((await login(kit, c.identifier, EMAIL, PASSWORD)).status, 200, 'the reuse changed nothing');

  // Expired: a fresh registration's link, 49 hours later.
  const other = await customer(kit, { name: 'Ann Lee', customerNumber: 'C-2002', mainPhone: '5550200' });
  await register(kit, registration(other, { customerNumber: 'C-2002', firstName: 'Ann', lastName: 'Lee', email: 'ann@lee.example' }));
  const late = activationSecret(lastMailTo(kit, 'ann@lee.example', 'registration-confirmation').data.setPasswordUrl);
  kit.clock.now += 49 * HOUR;
  assert.equal(code(await kit.call('POST', R.activate, { token: late, newPassword: PASSWORD })), 'INVALID_TOKEN');
  assert.equal((await people(kit, other.id)).logins[0].state, 'invitation-expired');
});

test('two uses of one link at once: one signs in, the other is INVALID_TOKEN', async () => {
  const kit = onboardingKit();
  const c = await registered(kit);
  const token = activationSecret(c.mail.data.setPasswordUrl);
  const both = await Promise.all([kit.call('POST', R.activate, { token, newPassword: PASSWORD }), kit.call('POST', R.activate, { token, newPassword: 'the other passphrase' })]);
  assert.deepEqual(both.map((r) => r.status).sort(), [200, 400]);
  const password = both[0]!.status === 200 ? PASSWORD : 'the other passphrase';
  assert.equal((await login(kit, c.identifier, EMAIL, password)).status, 200, 'the winner chose the password');
});

test('a login not yet activated is refused exactly like a wrong password', async () => {
  const kit = onboardingKit();
  const c = await registered(kit);
  const pending = await login(kit, c.identifier, EMAIL, 'whatever they guess');
  const unknown = await login(kit, c.identifier, 'nobody@smith.example', 'whatever they guess');
  assert.equal(pending.status, 401);
  assert.deepEqual(pending.body, unknown.body);
  const failed = (await auditOf(kit, c.id)).filter((e) => e.action === 'auth.login-failed');
  assert.equal(failed.length, 2);
});

test('activation in cookie mode sets the session cookie as login does and keeps the token out of the answer', async () => {
  const kit = onboardingKit({ session: { transport: 'cookie' } });
  const c = await registered(kit);
  const res = await kit.call('POST', R.activate, { token: activationSecret(c.mail.data.setPasswordUrl), newPassword: PASSWORD });
  assert.equal(res.status, 200);
  assert.equal(res.body.session.token, undefined);
  const cookie = res.headers.get('set-cookie') ?? '';
  assert.match(cookie, /^__Host-porchlight-session=[^;]+;/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /Secure/);
  assert.match(cookie, /SameSite=Lax/);
  const value = /^__Host-porchlight-session=([^;]+)/.exec(cookie)![1]!;
  const session = await kit.call('GET', R.session, undefined, { cookie: `__Host-porchlight-session=${value}` });
  assert.equal(session.status, 200);
  assert.equal(session.body.user.username, EMAIL);
});

test('a temporary password: first login must change it (PASSWORD_CHANGE_REQUIRED elsewhere), a second login with it is TEMPORARY_PASSWORD_USED', async () => {
  const kit = onboardingKit({ onboarding: { credentials: 'temporary-password' } });
  const c = await registered(kit);
  const temporary = c.mail.data.temporaryPassword!;
  assert.match(temporary, /^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
  assert.equal(c.mail.data.setPasswordUrl, null);
  assert.equal(c.mail.data.mustChangePassword, true);
  assert.equal(c.mail.data.expiresInHours, 72);
  assert.equal((await people(kit, c.id)).logins[0].invitation.credentials, 'temporary-password');

  const first = await login(kit, c.identifier, EMAIL, temporary);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.equal(first.body.session.mustChangePassword, true);
  const as = kit.as(first.body.session.token);
  assert.equal(code(await as('GET', R.contacts)), 'PASSWORD_CHANGE_REQUIRED');
  assert.equal((await people(kit, c.id)).logins[0].state, 'active', 'the first use activates the login');
  assert.ok((await auditOf(kit, c.id)).some((e) => e.action === 'auth.activated'));

  const second = await login(kit, c.identifier, EMAIL, temporary);
  assert.equal(second.status, 401);
  assert.equal(code(second), 'TEMPORARY_PASSWORD_USED');

  assert.equal((await as('POST', R.changePassword, { currentPassword: temporary, newPassword: PASSWORD })).status, 200);
  assert.equal((await as('GET', R.contacts)).status, 200);
  assert.equal((await login(kit, c.identifier, EMAIL, PASSWORD)).status, 200);
  assert.equal(code(await login(kit, c.identifier, EMAIL, temporary)), 'INVALID_CREDENTIALS', 'the temporary password is gone');
  const stored = (await kit.store.get<any>(`lprof:lakeside:${(await people(kit, c.id)).logins[0].user.profileId}`))!.value;
  assert.equal(stored.temporaryPassword, null, 'changing the password cleared it');
});

test('a temporary password expires unused (TEMPORARY_PASSWORD_EXPIRED only for the right password); a resend replaces it', async () => {
  const kit = onboardingKit({ onboarding: { credentials: 'temporary-password', temporaryPasswordHours: 24 } });
  const c = await registered(kit);
  const temporary = c.mail.data.temporaryPassword!;
  kit.clock.now += 25 * HOUR;
  assert.equal(code(await login(kit, c.identifier, EMAIL, temporary)), 'TEMPORARY_PASSWORD_EXPIRED');
  assert.equal(code(await login(kit, c.identifier, EMAIL, 'a wrong guess')), 'INVALID_CREDENTIALS');
  assert.equal((await people(kit, c.id)).logins[0].state, 'invitation-expired');

  // "Send me a new link" sends the kind it had: a new temporary password; the old one stops working.
  await kit.call('POST', R.resendLoginEmail, { identifier: c.identifier, email: EMAIL });
  await kit.portal.settled();
  const fresh = lastMailTo(kit, EMAIL, 'registration-confirmation').data.temporaryPassword!;
  assert.notEqual(fresh, temporary);
  assert.equal(code(await login(kit, c.identifier, EMAIL, temporary)), 'INVALID_CREDENTIALS');
  assert.equal((await login(kit, c.identifier, EMAIL, fresh)).status, 200);
});

test('without forcePasswordChange the temporary password simply becomes the password', async () => {
  const kit = onboardingKit({ onboarding: { credentials: 'temporary-password', forcePasswordChange: false } });
  const c = await registered(kit);
  const temporary = c.mail.data.temporaryPassword!;
  assert.equal(c.mail.data.mustChangePassword, false);
  const first = await login(kit, c.identifier, EMAIL, temporary);
  assert.equal(first.body.session.mustChangePassword, false);
  assert.equal((await kit.as(first.body.session.token)('GET', R.contacts)).status, 200);
  kit.clock.now += 100 * HOUR;
  assert.equal((await login(kit, c.identifier, EMAIL, temporary)).status, 200, 'no longer temporary: no expiry, no single use');
});

test('resend: neutral for unknown identifiers and emails; an active login gets already-registered; per-identifier rate limit', async () => {
  const kit = onboardingKit({ rateLimits: { resendAccount: { max: 3, windowSeconds: 3600 } } });
  const c = await registered(kit);
  assert.equal((await kit.call('POST', R.activate, { token: activationSecret(c.mail.data.setPasswordUrl), newPassword: PASSWORD })).status, 200);
  const answers = [
    await kit.call('POST', R.resendLoginEmail, { identifier: '99999999', email: EMAIL }),
    await kit.call('POST', R.resendLoginEmail, { identifier: c.identifier, email: 'nobody@smith.example' }),
    await kit.call('POST', R.resendLoginEmail, { identifier: c.identifier, email: EMAIL }),
  ];
  await kit.portal.settled();
  for (const a of answers) assert.deepEqual({ status: a.status, body: a.body }, { status: 202, body: { ok: true, message: NEUTRAL_RESEND_MESSAGE } });
  assert.equal(mailsTo(kit, EMAIL, 'already-registered').length, 1);
  assert.equal(mailsTo(kit, 'nobody@smith.example').length, 0);
  assert.equal(mailsTo(kit, EMAIL, 'registration-confirmation').length, 1, 'an active login gets no new link');
  assert.equal((await kit.call('POST', R.resendLoginEmail, { identifier: c.identifier, email: EMAIL })).status, 202);
  assert.equal((await kit.call('POST', R.resendLoginEmail, { identifier: c.identifier, email: EMAIL })).status, 429);
  assert.equal((await kit.call('POST', R.resendLoginEmail, { identifier: 'abc', email: EMAIL })).status, 400);
  await kit.portal.settled();
});
