import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLIENT_DEFAULT_PERMISSIONS, GRANT_SCOPES, routePath } from '@porchlight/core';
import { NEUTRAL_REGISTER_MESSAGE } from './registration.js';
import { nameMatches, namesOnRecord } from './names.js';
import { A, activateFromMail, addContact, auditOf, code, customer, lastMailTo, login, mailsTo, onboardingKit, PASSWORD, people, R, register, registration, resetSecret } from './test-kit.js';

const EMAIL = 'james@smith.example';

test('a matching registration makes the manager login (username = email, phone kept) and emails a set-password link; activating signs in', async () => {
  const kit = onboardingKit();
  const c = await customer(kit, { key: 'hv7q-2k9m' });
  const res = await register(kit, registration(c, { registrationKey: ' hv7q 2K9M ', zip: '02-134', email: 'James@Smith.example' }));
  assert.equal(res.status, 202);
  assert.deepEqual(res.body, { ok: true, message: NEUTRAL_REGISTER_MESSAGE });

  const mail = lastMailTo(kit, EMAIL, 'registration-confirmation');
  assert.equal(mail.data.username, 'James@Smith.example');
  assert.equal(mail.data.identifier, c.identifier);
  assert.equal(mail.data.accountName, 'James Smith');
  assert.equal(mail.data.temporaryPassword, null);
  assert.equal(mail.data.expiresInHours, 48);
  assert.match(mail.data.setPasswordUrl!, /^https:\/\/www\.lakeside\.example\/portal#porchlight-activate=[a-z2-7]{32}$/);

  const [pending] = (await people(kit, c.id)).logins;
  assert.equal(pending.user.role, 'manager', 'the first login of an account is its manager');
  assert.equal(pending.state, 'invited');
  assert.equal(pending.invitation.credentials, 'link');
  assert.deepEqual(pending.invitation.sentBy, { kind: 'system', name: 'registration' });
  assert.deepEqual(pending.user.grants, [...GRANT_SCOPES]);
  const stored = (await kit.store.get<any>(`user:lakeside:${c.id}:${pending.user.id}`))!.value;
  assert.equal(stored.phone, '555-010-0199', 'the phone lives where the profile keeps it');
  assert.equal(stored.activatedAt, null);

  // Not activated: refused exactly like a wrong password.
  const early = await login(kit, c.identifier, EMAIL, 'anything at all');
  assert.equal(early.status, 401);
  assert.equal(code(early), 'INVALID_CREDENTIALS');

  const signedIn = await activateFromMail(kit, EMAIL, 'registration-confirmation');
  assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
  assert.ok(signedIn.body.session.token);
  assert.equal(signedIn.body.user.role, 'manager');
  assert.deepEqual(signedIn.body.accounts.map((a: any) => a.accountId), [c.id]);
  assert.equal((await kit.as(signedIn.body.session.token)('GET', R.session)).status, 200);
  assert.equal((await login(kit, c.identifier, EMAIL, PASSWORD)).status, 200);
  assert.equal((await people(kit, c.id)).logins[0].state, 'active');

  const audit = await auditOf(kit, c.id);
  assert.ok(audit.some((e) => e.action === 'access.registered' && e.target.id === pending.user.id));
  assert.ok(audit.some((e) => e.action === 'auth.activated'));
  assert.ok(!JSON.stringify(audit).includes('HV7Q-2K9M'), 'the key stays out of the audit log');
});

test('registration when the account has an active manager: a client login with the client defaults', async () => {
  const kit = onboardingKit();
  const c = await customer(kit);
  await kit.admin('PUT', routePath(A.accountManager, { accountId: c.id }), { username: 'boss', password: 'temporary-Pass-1', name: 'Dana Reyes' });
  await register(kit, registration(c));
  const client = (await people(kit, c.id)).logins.find((l: any) => l.user.username === EMAIL);
  assert.equal(client.user.role, 'client');
  assert.deepEqual(client.user.permissions, [...CLIENT_DEFAULT_PERMISSIONS]);
  // A name on the account's logins also matches.
  await register(kit, registration(c, { firstName: 'dana', lastName: 'REYES', email: 'dana@reyes.example' }));
  assert.equal(mailsTo(kit, 'dana@reyes.example', 'registration-confirmation').length, 1);
});

test('no match sends nothing: wrong key, wrong ZIP, unknown customer number, last name, no key set; the dealer sees the attempts', async () => {
  const kit = onboardingKit({ rateLimits: { registerAccount: { max: 50, windowSeconds: 3600 } } });
  const c = await customer(kit, { key: 'ABCD-EFGH' });
  const bad = [
    registration(c, { registrationKey: 'ABCD-EFGX' }),
    registration(c, { zip: '02135' }),
    registration(c, { customerNumber: 'C-9999' }),
    registration(c, { lastName: 'Smyth' }),
    registration(c, { firstName: 'Jim' }),
  ];
  for (const body of bad) {
    const res = await register(kit, body);
    assert.equal(res.status, 202);
    assert.deepEqual(res.body, { ok: true, message: NEUTRAL_REGISTER_MESSAGE });
  }
  assert.equal(kit.mailer.sent.length, 0);
  assert.equal((await people(kit, c.id)).logins.length, 0);
  const denied = (await auditOf(kit, c.id)).filter((e) => e.action === 'access.denied').map((e) => e.summary);
  assert.deepEqual(new Set(denied), new Set(['Registration did not match the records: registration key', 'Registration did not match the records: ZIP code', 'Registration did not match the records: name']));

  // An account without a registration key never matches, whatever is typed.
  const keyless = await customer(kit, { name: 'Ann Lee', customerNumber: 'C-2002', mainPhone: '5550200', key: null });
  await register(kit, registration(keyless, { customerNumber: 'C-2002', firstName: 'Ann', lastName: 'Lee', registrationKey: 'NONE' }));
  assert.equal(kit.mailer.sent.length, 0);
});

test('names: Jim is not James under exact matching, is under nicknames; call-list names and households count; last names never stretch', async () => {
  const exact = onboardingKit();
  const c = await customer(exact);
  await register(exact, registration(c, { firstName: 'Jim' }));
  assert.equal(exact.mailer.sent.length, 0);

  const kit = onboardingKit({ onboarding: { nameMatching: 'nicknames' } });
  const n = await customer(kit, { name: 'Harbor View Condominiums' });
  await register(kit, registration(n, { firstName: 'Jim' }));
  assert.equal(kit.mailer.sent.length, 0, 'the account name is not James Smith');
  // Only the call list names the person.
  await addContact(kit, n.id, 'James Smith');
  await register(kit, registration(n, { firstName: 'Jim' }));
  assert.equal(mailsTo(kit, EMAIL, 'registration-confirmation').length, 1, 'Jim for James under nicknames');
  await register(kit, registration(n, { firstName: 'Jimmy', lastName: 'Smithson', email: 'x@smith.example' }));
  assert.equal(mailsTo(kit, 'x@smith.example').length, 0, 'last names compare exactly');

  assert.ok(nameMatches({ firstName: 'Chris', lastName: 'Reyes' }, 'Dana & Chris Reyes', 'exact'));
  assert.ok(nameMatches({ firstName: 'Dana', lastName: 'Reyes' }, 'Reyes, Dana', 'exact'));
  assert.ok(nameMatches({ firstName: 'Zoë', lastName: "O'Brien" }, 'zoe obrien', 'exact'));
  assert.ok(nameMatches({ firstName: 'Martin', lastName: 'Van Buren' }, 'Martin Van Buren', 'exact'));
  assert.ok(!nameMatches({ firstName: 'Van', lastName: 'Buren' }, 'Martin Van Buren', 'exact'), 'a middle name is not a first name');
  assert.ok(nameMatches({ firstName: 'Kate', lastName: 'Lee' }, 'Katherine Lee', 'nicknames'));
  assert.ok(nameMatches({ firstName: 'Chris', lastName: 'Lee' }, 'Christine Lee', 'nicknames'));
  assert.ok(!nameMatches({ firstName: 'Christine', lastName: 'Lee' }, 'Christopher Lee', 'nicknames'), 'two long forms of one short form are not each other');
  assert.ok(!nameMatches({ firstName: 'Kate', lastName: 'Lee' }, 'Katherine Lee', 'exact'));
  assert.equal(namesOnRecord('Cher'), null);
});

test('a rotated key: the old one stops matching at once, the new one works', async () => {
  const kit = onboardingKit();
  const c = await customer(kit, { key: 'OLDK-EY22' });
  const rotated = await kit.admin('POST', routePath(A.accountRegistrationKey, { accountId: c.id }), {});
  assert.equal(rotated.status, 200);
  assert.match(rotated.body.registrationKey, /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
  assert.equal((await people(kit, c.id)).registrationKey, rotated.body.registrationKey);
  await register(kit, registration(c, { registrationKey: 'OLDK-EY22' }));
  assert.equal(kit.mailer.sent.length, 0);
  await register(kit, registration(c, { registrationKey: rotated.body.registrationKey.toLowerCase() }));
  assert.equal(mailsTo(kit, EMAIL, 'registration-confirmation').length, 1);
  const audit = await auditOf(kit, c.id);
  assert.ok(audit.some((e) => e.action === 'account.registration-key-changed' && /rotated the registration key/.test(e.summary)));
  assert.ok(!JSON.stringify(audit).includes(rotated.body.registrationKey));
});

test('neutral: the same status and the same bytes for a match, no match, an unknown customer, an existing login and a disabled one', async () => {
  const kit = onboardingKit({ rateLimits: { registerAccount: { max: 50, windowSeconds: 3600 } } });
  const c = await customer(kit);
  const raw = async (body: unknown) => {
    const res = await kit.portal.request(R.register, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await kit.portal.settled();
    return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
  };
  const match = await raw(registration(c));
  const answers = [
    match,
    await raw(registration(c, { registrationKey: 'WRONG-KEY' })),
    await raw(registration(c, { customerNumber: 'NOPE-1' })),
    await raw(registration(c)), // now already registered (pending)
  ];
  assert.equal((await activateFromMail(kit, EMAIL, 'registration-confirmation')).status, 200);
  answers.push(await raw(registration(c))); // already registered (active)
  const [login0] = (await people(kit, c.id)).logins;
  // Disable the login behind the registration: still the same answer, and nothing is sent.
  await kit.store.put(`user:lakeside:${c.id}:${login0.user.id}`, { ...(await kit.store.get<any>(`user:lakeside:${c.id}:${login0.user.id}`))!.value, status: 'disabled' });
  const before = kit.mailer.sent.length;
  answers.push(await raw(registration(c)));
  assert.equal(kit.mailer.sent.length, before, 'a disabled login gets nothing');
  for (const a of answers) assert.deepEqual(a, match);
  assert.equal(match.status, 202);
});

test('registering again: an active login gets already-registered with a working reset link; a pending one a fresh link that voids the old', async () => {
  const kit = onboardingKit();
  const c = await customer(kit);
  await register(kit, registration(c));
  const first = lastMailTo(kit, EMAIL, 'registration-confirmation');
  await register(kit, registration(c));
  const second = lastMailTo(kit, EMAIL, 'registration-confirmation');
  assert.notEqual(first.data.setPasswordUrl, second.data.setPasswordUrl);
  assert.equal((await people(kit, c.id)).logins.length, 1, 'no second login');
  const old = await kit.call('POST', R.activate, { token: first.data.setPasswordUrl!.split('=')[1], newPassword: PASSWORD });
  assert.equal(old.status, 400);
  assert.equal(code(old), 'INVALID_TOKEN');
  assert.equal((await activateFromMail(kit, EMAIL, 'registration-confirmation')).status, 200);

  await register(kit, registration(c, { email: 'JAMES@smith.example' }));
  const again = lastMailTo(kit, EMAIL, 'already-registered');
  assert.equal(again.data.username, EMAIL);
  assert.equal(again.data.expiresInMinutes, 60);
  const reset = await kit.call('POST', R.resetPassword, { token: resetSecret(again.data.resetUrl), newPassword: 'another fine passphrase' });
  assert.equal(reset.status, 200);
  assert.equal((await login(kit, c.identifier, EMAIL, 'another fine passphrase')).status, 200);
  assert.equal(mailsTo(kit, EMAIL, 'registration-confirmation').length, 2, 'no new confirmation for an active login');
});

test('rate limits: per client address and per customer number, existing or not (429 after the limit)', async () => {
  const kit = onboardingKit({ rateLimits: { registerAddress: { max: 3, windowSeconds: 3600 }, registerAccount: { max: 2, windowSeconds: 3600 } } });
  const c = await customer(kit);
  const from = (address: string, body: unknown) => kit.call('POST', R.register, body, { 'x-test-address': address });
  // One customer number (that does not exist): the third attempt is refused, from any address, whatever its case.
  assert.equal((await from('198.51.100.1', registration(c, { customerNumber: 'C-404' }))).status, 202);
  assert.equal((await from('198.51.100.2', registration(c, { customerNumber: 'c-404' }))).status, 202);
  const limited = await from('198.51.100.3', registration(c, { customerNumber: 'C-404' }));
  assert.equal(limited.status, 429);
  assert.equal(code(limited), 'RATE_LIMITED');
  assert.ok(limited.headers.get('retry-after'));
  // One address: the fourth attempt is refused, whatever it aims at.
  for (const n of [1, 2, 3]) assert.equal((await from('203.0.113.7', registration(c, { customerNumber: `C-${n}` }))).status, 202);
  assert.equal((await from('203.0.113.7', registration(c, { customerNumber: 'C-4' }))).status, 429);
  assert.equal((await from('203.0.113.8', registration(c, { customerNumber: 'C-4' }))).status, 202, 'another address is not held back');
  await kit.portal.settled();
});

test('ONBOARDING_DISABLED when registration is off (even for a bad body); field errors, never a 5xx, for bad input', async () => {
  const off = onboardingKit({ onboarding: { registration: false } });
  for (const body of [{}, registration({ key: 'ABCD-EFGH' })]) {
    const res = await off.call('POST', R.register, body);
    assert.equal(res.status, 404);
    assert.equal(code(res), 'ONBOARDING_DISABLED');
  }
  const kit = onboardingKit();
  const notJson = await kit.call('POST', R.register, '{"registrationKey":', { 'content-type': 'application/json' });
  assert.equal(notJson.status, 400);
  assert.equal(code(notJson), 'MALFORMED_JSON');
  const fields = await kit.call('POST', R.register, { registrationKey: 'x', customerNumber: '', zip: '!', firstName: '', lastName: 'L', phone: 'abc', email: 'no', extra: 1 });
  assert.equal(fields.status, 400);
  assert.equal(code(fields), 'VALIDATION_FAILED');
  assert.deepEqual(Object.keys(fields.body.error.fields).sort(), ['customerNumber', 'email', 'extra', 'firstName', 'phone', 'registrationKey', 'zip']);
  assert.equal((await kit.call('POST', R.register, [1, 2])).status, 400);
  assert.equal((await kit.call('POST', R.register, 'text', { 'content-type': 'text/plain' })).status, 415);
});

test('registering on a second account with the email of an existing profile joins that profile: a link (never a temporary password), pending until used', async () => {
  const kit = onboardingKit({ onboarding: { credentials: 'temporary-password' } });
  const first = await customer(kit, { name: 'James Smith', customerNumber: 'C-1001', mainPhone: '5550100' });
  await register(kit, registration(first));
  const temporary = lastMailTo(kit, EMAIL, 'registration-confirmation').data.temporaryPassword!;
  const signedIn = await login(kit, first.identifier, EMAIL, temporary);
  assert.equal((await kit.as(signedIn.body.session.token)('POST', R.changePassword, { currentPassword: temporary, newPassword: PASSWORD })).status, 200);

  const second = await customer(kit, { name: 'James Smith', customerNumber: 'C-2002', mainPhone: '5550200' });
  await register(kit, registration(second, { customerNumber: 'C-2002' }));
  const mail = lastMailTo(kit, EMAIL, 'registration-confirmation');
  assert.equal(mail.data.temporaryPassword, null, 'the person has a password: only a link');
  assert.ok(mail.data.setPasswordUrl);
  const [onFirst] = (await people(kit, first.id)).logins;
  const [onSecond] = (await people(kit, second.id)).logins;
  assert.equal(onSecond.user.profileId, onFirst.user.profileId);
  assert.equal(onSecond.state, 'invited');
  assert.equal(code(await login(kit, second.identifier, EMAIL, PASSWORD)), 'INVALID_CREDENTIALS', 'pending until its own link is used');
  assert.deepEqual((await login(kit, first.identifier, EMAIL, PASSWORD)).body.accounts.map((a: any) => a.accountId), [first.id]);

  assert.equal((await activateFromMail(kit, EMAIL, 'registration-confirmation', 'the shared passphrase')).status, 200);
  const both = await login(kit, first.identifier, EMAIL, 'the shared passphrase');
  assert.deepEqual(new Set(both.body.accounts.map((a: any) => a.accountId)), new Set([first.id, second.id]));
});

test('the key printed on a synced invoice becomes the account key when it has none; a key set in the back office stays', async () => {
  const kit = onboardingKit();
  const c = await customer(kit, { key: null });
  const invoice = (registrationKey: string) => ({
    issueDate: '2026-11-01',
    dueDate: '2026-11-21',
    lines: [{ description: 'Monitoring', quantity: 1, unitCents: 3_499, totalCents: 3_499 }],
    subtotalCents: 3_499,
    taxCents: 0,
    totalCents: 3_499,
    balanceCents: 3_499,
    registrationKey,
  });
  const sync = (number: string, key: string) => kit.admin('PUT', routePath('/v1/admin/accounts/:accountId/invoices/:invoiceNumber', { accountId: c.id, invoiceNumber: number }), invoice(key));
  assert.equal((await sync('INV-1', 'RK-7F3A-22Q9')).status, 201);
  assert.equal((await people(kit, c.id)).registrationKey, 'RK-7F3A-22Q9', 'the account took the printed key');

  await register(kit, registration({ key: 'rk-7f3a-22q9' }));
  assert.equal(mailsTo(kit, EMAIL, 'registration-confirmation').length, 1, 'the printed key registers');

  // The dealer rotates it here: a later invoice still printing the old key does not bring it back.
  const rotated = await kit.admin('POST', routePath(A.accountRegistrationKey, { accountId: c.id }), {});
  assert.equal((await sync('INV-2', 'RK-7F3A-22Q9')).status, 201);
  assert.equal((await people(kit, c.id)).registrationKey, rotated.body.registrationKey);
});
