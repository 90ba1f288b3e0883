import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeKit } from '../../testing/kit.js';

test('a manager logs in with identifier + username + password, must replace a temporary password, and sees who they are', async () => {
  const kit = makeKit();
  const account = await kit.admin('POST', '/v1/admin/accounts', { name: 'Harbor View Condominiums', mainPhone: '(555) 010-0' });
  assert.equal(account.body.identifier, '5550100');
  await kit.admin('PUT', `/v1/admin/accounts/${account.body.id}/manager`, { username: 'manager', password: 'temporary-Pass-1', name: 'Dana Reyes' });

  const login = await kit.call('POST', '/v1/auth/login', { identifier: '555-0100', username: 'Manager', password: 'temporary-Pass-1' });
  assert.equal(login.status, 200);
  assert.equal(login.body.session.mustChangePassword, true);
  assert.equal(login.body.account.name, 'Harbor View Condominiums');
  assert.equal(login.body.user.passwordHash, undefined, 'never sends the hash');
  const me = kit.as(login.body.session.token);

  // The temporary password cannot become permanent by reuse, and a weak one is refused.
  assert.equal((await me('POST', '/v1/auth/password', { currentPassword: 'temporary-Pass-1', newPassword: 'temporary-Pass-1' })).body.error.code, 'WEAK_PASSWORD');
  const weak = await me('POST', '/v1/auth/password', { currentPassword: 'temporary-Pass-1', newPassword: 'password123' });
  assert.equal(weak.status, 400);
  assert.match(weak.body.error.fields.newPassword, /too common/);
  const wrong = await me('POST', '/v1/auth/password', { currentPassword: 'nope-nope-nope', newPassword: 'a better passphrase' });
  assert.equal(wrong.body.error.code, 'WRONG_PASSWORD');

  const changed = await me('POST', '/v1/auth/password', { currentPassword: 'temporary-Pass-1', newPassword: 'a better passphrase' });
  assert.equal(changed.status, 200);
  assert.equal(changed.body.session.mustChangePassword, false);
  const session = await me('GET', '/v1/auth/session');
  assert.equal(session.status, 200);
  assert.equal(session.body.user.name, 'Dana Reyes');
  assert.equal(session.body.session.token, undefined, 'who-am-I never repeats the token');

  assert.equal((await me('POST', '/v1/auth/logout', {})).status, 200);
  assert.equal((await me('GET', '/v1/auth/session')).status, 401);
});

test('every login failure looks the same: unknown identifier, unknown user, wrong password, disabled user', async () => {
  const kit = makeKit();
  const { identifier, manager, account } = await kit.accountWithManager({ mainPhone: '5550100' });
  // Disable a second user directly in the store (the staff feature will do this through the API).
  await kit.admin('PUT', `/v1/admin/accounts/${account.id}/manager`, { username: 'manager', password: 'temporary-Pass-2' });
  const key = `user:lakeside:${account.id}:${manager.id}`;
  const stored = await kit.store.get<any>(key);
  const attempts = [
    { identifier: '99999999', username: 'manager', password: 'temporary-Pass-2' },
    { identifier, username: 'nobody', password: 'temporary-Pass-2' },
    { identifier, username: 'manager', password: 'wrong password here' },
  ];
  const answers = [];
  for (const a of attempts) answers.push(await kit.call('POST', '/v1/auth/login', a));
  await kit.store.put(key, { ...stored!.value, status: 'disabled' });
  answers.push(await kit.call('POST', '/v1/auth/login', { identifier, username: 'manager', password: 'temporary-Pass-2' }));
  for (const a of answers) {
    assert.equal(a.status, 401);
    assert.deepEqual(a.body, answers[0]!.body);
  }
  assert.equal(answers[0]!.body.error.code, 'INVALID_CREDENTIALS');
});

test('the identifier separates two accounts whose users chose the same username and password', async () => {
  const kit = makeKit();
  const a = await kit.accountWithManager({ name: 'Harbor View', mainPhone: '5550100', password: 'same password everywhere' });
  const b = await kit.accountWithManager({ name: 'Maple Court', mainPhone: '5550199', password: 'same password everywhere' });
  const la = await kit.call('POST', '/v1/auth/login', { identifier: a.identifier, username: 'manager', password: 'same password everywhere' });
  const lb = await kit.call('POST', '/v1/auth/login', { identifier: b.identifier, username: 'MANAGER', password: 'same password everywhere' });
  assert.equal(la.body.account.name, 'Harbor View');
  assert.equal(lb.body.account.name, 'Maple Court');
  assert.notEqual(la.body.user.id, lb.body.user.id);
});

test('usernames match case-insensitively after Unicode normalisation', async () => {
  const kit = makeKit();
  const { identifier, password } = await kit.accountWithManager({ username: 'Dana.Reyes' });
  for (const username of ['dana.reyes', 'DANA.REYES', ' Dana.Reyes ', 'Ｄａｎａ.Ｒｅｙｅｓ']) {
    assert.equal((await kit.call('POST', '/v1/auth/login', { identifier, username, password })).status, 200, username);
  }
});

test('login is throttled per user and per address, and a throttled unknown identifier answers the same', async () => {
  const kit = makeKit();
  const { identifier, password } = await kit.accountWithManager();
  const statuses = [];
  for (let i = 0; i < 10; i++) statuses.push((await kit.call('POST', '/v1/auth/login', { identifier, username: 'manager', password: 'guess ' + i })).status);
  assert.deepEqual(statuses.slice(0, 7), Array(7).fill(401));
  const limited = await kit.call('POST', '/v1/auth/login', { identifier, username: 'manager', password });
  assert.equal(limited.status, 429, 'even the right password waits once the limit is hit');
  assert.equal(limited.body.error.code, 'RATE_LIMITED');
  assert.ok(Number(limited.headers.get('retry-after')) > 0);
  const unknown = [];
  for (let i = 0; i < 10; i++) unknown.push(await kit.call('POST', '/v1/auth/login', { identifier: '12345678', username: 'manager', password: 'guess ' + i }));
  assert.deepEqual(unknown.at(-1)!.body, limited.body, 'same answer for an account that does not exist');
  // After the window the right password works again.
  kit.clock.now += 16 * 60_000;
  assert.equal((await kit.call('POST', '/v1/auth/login', { identifier, username: 'manager', password })).status, 200);
});

test('successful logins do not count against the limits: a person on several devices, or an office behind one address, never waits', async () => {
  const kit = makeKit();
  const { identifier, password } = await kit.accountWithManager();
  for (let i = 0; i < 40; i++) {
    const res = await kit.call('POST', '/v1/auth/login', { identifier, username: 'manager', password });
    assert.equal(res.status, 200, `login ${i + 1}`);
  }
  // Failures still count: after them, even the right password waits.
  for (let i = 0; i < 8; i++) await kit.call('POST', '/v1/auth/login', { identifier, username: 'manager', password: 'guess ' + i });
  assert.equal((await kit.call('POST', '/v1/auth/login', { identifier, username: 'manager', password })).status, 429);
});

test('changing the password ends the other sessions and keeps this one; sessions expire when idle and at their absolute limit', async () => {
  const kit = makeKit();
  const { identifier, password } = await kit.accountWithManager();
  const s1 = (await kit.call('POST', '/v1/auth/login', { identifier, username: 'manager', password })).body.session.token;
  const s2 = (await kit.call('POST', '/v1/auth/login', { identifier, username: 'manager', password })).body.session.token;
  const changed = await kit.as(s1)('POST', '/v1/auth/password', { currentPassword: password, newPassword: 'another long passphrase' });
  assert.equal(changed.status, 200);
  assert.equal((await kit.as(s1)('GET', '/v1/auth/session')).status, 200);
  const other = await kit.as(s2)('GET', '/v1/auth/session');
  assert.equal(other.status, 401);
  assert.equal(other.body.error.code, 'SESSION_EXPIRED');
  const notice = kit.mailer.last('password-changed');
  assert.equal(notice?.to.email, 'dana@harborview.example');

  // Idle: 2 h default. Activity every hour keeps it alive until the 12 h absolute limit.
  for (let h = 1; h <= 11; h++) {
    kit.clock.now += 60 * 60_000;
    assert.equal((await kit.as(s1)('GET', '/v1/auth/session')).status, 200, `hour ${h}`);
  }
  kit.clock.now += 60 * 60_000;
  assert.equal((await kit.as(s1)('GET', '/v1/auth/session')).status, 401);

  const s3 = (await kit.call('POST', '/v1/auth/login', { identifier, username: 'manager', password: 'another long passphrase' })).body.session.token;
  kit.clock.now += 2 * 60 * 60_000 + 1000;
  assert.equal((await kit.as(s3)('GET', '/v1/auth/session')).body.error.code, 'SESSION_EXPIRED');
});

test('tampered, foreign and malformed tokens are refused with 401', async () => {
  const kit = makeKit();
  const { token } = await kit.accountWithManager();
  const [id, secret] = token.split('.');
  const flipped = secret!.slice(0, -1) + (secret!.endsWith('a') ? 'b' : 'a');
  for (const bad of [`${id}.${flipped}`, `${id}`, `${id}.${secret}.x`, 'Bearer', '../../etc/passwd', `${'0'.repeat(26)}.${secret}`, 'x'.repeat(5000)]) {
    const res = await kit.call('GET', '/v1/auth/session', undefined, { authorization: `Bearer ${bad}` });
    assert.equal(res.status, 401, bad.slice(0, 40));
  }
});

test('forgot password: neutral answer, single-use emailed link, newer link voids older, expiry, all sessions end', async () => {
  const kit = makeKit();
  const { identifier, password } = await kit.accountWithManager({ mainPhone: '5550100' });
  const session = (await kit.call('POST', '/v1/auth/login', { identifier, username: 'manager', password })).body.session.token;

  const known = await kit.call('POST', '/v1/auth/forgot', { identifier, username: 'manager' });
  const unknownUser = await kit.call('POST', '/v1/auth/forgot', { identifier, username: 'ghost' });
  const unknownAccount = await kit.call('POST', '/v1/auth/forgot', { identifier: '11112222', username: 'manager' });
  const byEmail = await kit.call('POST', '/v1/auth/forgot', { identifier, email: 'DANA@harborview.example' });
  for (const r of [known, unknownUser, unknownAccount, byEmail]) {
    assert.equal(r.status, 202);
    assert.deepEqual(r.body, known.body);
  }
  await kit.portal.settled();
  const links = kit.mailer.sent.filter((m) => m.template === 'password-reset');
  assert.equal(links.length, 2, 'one email for the username, one for the email address');
  const tokenOf = (m: any) => new URL(m.data.resetUrl).hash.replace('#porchlight-reset=', '');
  const older = tokenOf(links[0]);
  const newer = tokenOf(links[1]);
  assert.match(links[1]!.data.resetUrl, /^https:\/\/www\.lakeside\.example\/reset#porchlight-reset=/);

  assert.deepEqual((await kit.call('POST', '/v1/auth/reset/check', { token: older })).body, { valid: false, expiresAt: null });
  assert.equal((await kit.call('POST', '/v1/auth/reset', { token: older, newPassword: 'brand new passphrase' })).body.error.code, 'INVALID_TOKEN');
  assert.equal((await kit.call('POST', '/v1/auth/reset/check', { token: newer })).body.valid, true);
  assert.equal((await kit.call('POST', '/v1/auth/reset', { token: newer, newPassword: '12345678' })).body.error.code, 'WEAK_PASSWORD');
  const reset = await kit.call('POST', '/v1/auth/reset', { token: newer, newPassword: 'brand new passphrase' });
  assert.equal(reset.status, 200);
  assert.equal((await kit.call('POST', '/v1/auth/reset', { token: newer, newPassword: 'another new passphrase' })).body.error.code, 'INVALID_TOKEN', 'single use');
  assert.equal((await kit.as(session)('GET', '/v1/auth/session')).status, 401, 'reset ends every session');
  assert.equal((await kit.call('POST', '/v1/auth/login', { identifier, username: 'manager', password: 'brand new passphrase' })).status, 200);
  await kit.portal.settled();
  assert.equal(kit.mailer.last()?.template, 'password-changed');

  // Links expire after an hour.
  await kit.call('POST', '/v1/auth/forgot', { identifier, username: 'manager' });
  await kit.portal.settled();
  const late = tokenOf(kit.mailer.last('password-reset'));
  kit.clock.now += 61 * 60_000;
  assert.equal((await kit.call('POST', '/v1/auth/reset', { token: late, newPassword: 'yet another passphrase' })).body.error.code, 'INVALID_TOKEN');
});

test('two resets racing with the same link: exactly one wins', async () => {
  const kit = makeKit();
  const { identifier } = await kit.accountWithManager();
  await kit.call('POST', '/v1/auth/forgot', { identifier, username: 'manager' });
  await kit.portal.settled();
  const token = new URL((kit.mailer.last('password-reset')!.data as { resetUrl: string }).resetUrl).hash.split('=')[1];
  const results = await Promise.all(['first racing passphrase', 'second racing passphrase'].map((p) => kit.call('POST', '/v1/auth/reset', { token, newPassword: p })));
  assert.deepEqual(results.map((r) => r.status).sort(), [200, 400]);
});
