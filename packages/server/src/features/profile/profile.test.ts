import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeKit, ORIGIN } from '../../testing/kit.js';
import { keys } from '../../store/keys.js';
import { sha256Hex } from '../../crypto.js';

type Kit = ReturnType<typeof makeKit>;
const SUPPORT = 'support@lakeside.example';
const NOTIFY = 'sync@lakeside.example';

function kitWith(settings: Record<string, unknown> = { supportEmail: SUPPORT }) {
  return makeKit({
    dealer: {
      id: 'lakeside',
      name: 'Lakeside Alarm Co.',
      allowedOrigins: [ORIGIN],
      apiKeys: [{ id: 'backoffice', key: 'test-api-key-0123456789abcdef' }],
      settings: { portalUrl: `${ORIGIN}/portal`, resetUrl: `${ORIGIN}/reset`, ...settings },
    },
  });
}

async function setup(kit: Kit = kitWith()) {
  const m = await kit.accountWithManager({ mainPhone: '5550100' });
  return { kit, ...m, me: kit.as(m.token) };
}
type Setup = Awaited<ReturnType<typeof setup>>;

const code = (res: { body: any }) => res.body?.error?.code;
const address = { line1: '12 Main St', line2: 'Apt 4', city: 'Springfield', region: 'IL', postalCode: '62704' };

async function auditOf(ctx: Setup) {
  return (await ctx.kit.admin('GET', `/v1/admin/accounts/${ctx.account.id}/audit?limit=100`)).body.items as any[];
}
async function events(ctx: Setup, query = '') {
  return (await ctx.kit.admin('GET', `/v1/admin/events${query}`)).body;
}
function confirmSecret(ctx: Setup): string {
  const url = ctx.kit.mailer.last('email-change-confirm')!.data as { confirmUrl: string };
  return url.confirmUrl.split('#porchlight-confirm-email=')[1]!;
}
async function emulate(ctx: Setup) {
  const res = await ctx.kit.admin('POST', `/v1/admin/accounts/${ctx.account.id}/emulate`, { reason: 'Support call' });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return ctx.kit.as(res.body.token);
}

test('GET the profile: the login email, empty details, the company address from the account', async () => {
  const ctx = await setup();
  const empty = await ctx.me('GET', '/v1/profile');
  assert.equal(empty.status, 200);
  assert.equal(empty.body.name, 'Dana Reyes');
  assert.equal(empty.body.email, 'dana@harborview.example');
  assert.equal(empty.body.pendingEmail, null);
  assert.equal(empty.body.phone, null);
  assert.equal(empty.body.useCompanyAddress, false);
  assert.equal(empty.body.companyAddress, null);
  assert.equal((await ctx.kit.call('GET', '/v1/profile')).status, 401);

  const company = { line1: '1 Harbor Way', city: 'Lakeside', region: 'MI', postalCode: '49116' };
  assert.equal((await ctx.kit.admin('PATCH', `/v1/admin/accounts/${ctx.account.id}`, { address: company })).status, 200);
  const after = await ctx.me('GET', '/v1/profile');
  assert.deepEqual(after.body.companyAddress, { ...company, line2: null, country: null });
});

test('name and addresses change without a password; each change is audited, fed to the events and emailed to the dealer', async () => {
  const ctx = await setup(kitWith({ supportEmail: SUPPORT, notifyEmail: NOTIFY }));
  const res = await ctx.me('PATCH', '/v1/profile', { name: 'Dana R. Reyes', mailingAddress: address, useCompanyAddress: false });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.profile.name, 'Dana R. Reyes');
  assert.deepEqual(res.body.profile.mailingAddress, { ...address, country: null });
  assert.equal(res.body.confirmationSentTo, null);
  await ctx.kit.portal.settled();

  const mail = ctx.kit.mailer.last('contact-changed')!;
  assert.equal(mail.to.email, NOTIFY, 'notifyEmail wins over supportEmail');
  const data = mail.data as any;
  assert.equal(data.userName, 'Dana R. Reyes');
  assert.equal(data.identifier, ctx.identifier);
  assert.deepEqual(data.changes, [
    { field: 'Name', from: 'Dana Reyes', to: 'Dana R. Reyes' },
    { field: 'Mailing address', from: null, to: '12 Main St, Apt 4, Springfield, IL 62704' },
  ]);

  const feed = await events(ctx);
  assert.equal(feed.items.length, 1);
  const event = feed.items[0];
  assert.equal(event.type, 'contact.changed');
  assert.equal(event.accountId, ctx.account.id);
  assert.equal(event.userId, ctx.manager.id);
  assert.deepEqual(event.changes.map((c: any) => c.field), ['name', 'mailingAddress']);

  const entry = (await auditOf(ctx)).find((e) => e.action === 'profile.updated');
  assert.match(entry.summary, /^Dana Reyes changed their name, mailing address$/);
  assert.deepEqual(entry.details.name, { from: 'Dana Reyes', to: 'Dana R. Reyes' });

  // The same values again: nothing changed, nothing recorded.
  const sent = ctx.kit.mailer.sent.length;
  assert.equal((await ctx.me('PATCH', '/v1/profile', { name: 'Dana R. Reyes', mailingAddress: address })).status, 200);
  await ctx.kit.portal.settled();
  assert.equal(ctx.kit.mailer.sent.length, sent);
  assert.equal((await events(ctx)).items.length, 1);

  // Using the company address is a change too; the addresses stay as they were.
  const company = await ctx.me('PATCH', '/v1/profile', { useCompanyAddress: true });
  assert.equal(company.body.profile.useCompanyAddress, true);
  assert.deepEqual((await events(ctx)).items[1].changes, [{ field: 'useCompanyAddress', from: 'no', to: 'yes' }]);
});

test('the dealer email falls back to supportEmail and is skipped when neither is set', async () => {
  const ctx = await setup();
  await ctx.me('PATCH', '/v1/profile', { name: 'D. Reyes' });
  await ctx.kit.portal.settled();
  assert.equal(ctx.kit.mailer.last('contact-changed')!.to.email, SUPPORT);

  const bare = await setup(kitWith({}));
  await bare.me('PATCH', '/v1/profile', { name: 'D. Reyes' });
  await bare.kit.portal.settled();
  assert.equal(bare.kit.mailer.last('contact-changed'), undefined);
  assert.equal((await events(bare)).items.length, 1, 'the event is written anyway');
});

test('phone and email need the current password; a wrong one is WRONG_PASSWORD on the field, and rate-limited', async () => {
  const ctx = await setup();
  const missing = await ctx.me('PATCH', '/v1/profile', { phone: '555-0199' });
  assert.equal(missing.status, 400);
  assert.equal(code(missing), 'VALIDATION_FAILED');
  assert.ok(missing.body.error.fields.currentPassword);
  const noEmail = await ctx.me('PATCH', '/v1/profile', { email: 'new@harborview.example' });
  assert.ok(noEmail.body.error.fields.currentPassword);

  const wrong = await ctx.me('PATCH', '/v1/profile', { phone: '555-0199', currentPassword: 'not my password' });
  assert.equal(wrong.status, 400);
  assert.equal(code(wrong), 'WRONG_PASSWORD');
  assert.equal(wrong.body.error.fields.currentPassword, 'The current password is not right.');
  assert.equal((await ctx.me('GET', '/v1/profile')).body.phone, null, 'nothing changed');

  const ok = await ctx.me('PATCH', '/v1/profile', { phone: '555-0199', currentPassword: ctx.password });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.profile.phone, '555-0199');
  await ctx.kit.portal.settled();
  assert.deepEqual((ctx.kit.mailer.last('contact-changed')!.data as any).changes, [{ field: 'Phone', from: null, to: '555-0199' }]);

  // The same phone again needs no password.
  assert.equal((await ctx.me('PATCH', '/v1/profile', { phone: '555-0199' })).status, 200);

  let limited: any;
  for (let i = 0; i < 12 && !limited; i++) {
    const res = await ctx.me('PATCH', '/v1/profile', { phone: '555-0100', currentPassword: `guess ${i}` });
    if (res.status === 429) limited = res;
    else assert.equal(code(res), 'WRONG_PASSWORD');
  }
  assert.ok(limited, 'wrong passwords are rate-limited');
  assert.equal(code(limited), 'RATE_LIMITED');
  assert.equal(code(await ctx.me('PATCH', '/v1/profile', { phone: '555-0100', currentPassword: ctx.password })), 'RATE_LIMITED', 'even the right one, until the window passes');
});

test('while emulating, email and phone are refused but the name may be edited', async () => {
  const ctx = await setup();
  const admin = await emulate(ctx);
  const phone = await admin('PATCH', '/v1/profile', { phone: '555-0199', currentPassword: ctx.password });
  assert.equal(phone.status, 403);
  assert.equal(code(phone), 'EMULATION_FORBIDDEN');
  assert.equal(code(await admin('PATCH', '/v1/profile', { email: 'evil@example.com', currentPassword: ctx.password })), 'EMULATION_FORBIDDEN');
  const name = await admin('PATCH', '/v1/profile', { name: 'Dana Q. Reyes', billingAddress: address });
  assert.equal(name.status, 200);
  assert.equal(name.body.profile.name, 'Dana Q. Reyes');
  const entry = (await auditOf(ctx)).find((e) => e.action === 'profile.updated');
  assert.equal(entry.actor.kind, 'emulation');
  assert.match(entry.summary, /as manager Dana Reyes changed the contact details of Dana Q\. Reyes: name, billing address$/);
});

test('a new email waits for its confirmation link; the old address is told; the link works once', async () => {
  const ctx = await setup();
  const res = await ctx.me('PATCH', '/v1/profile', { email: 'New@Harborview.example', currentPassword: ctx.password });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.confirmationSentTo, 'New@Harborview.example');
  assert.equal(res.body.profile.email, 'dana@harborview.example', 'not applied yet');
  assert.equal(res.body.profile.pendingEmail, 'New@Harborview.example');
  await ctx.kit.portal.settled();
  const confirm = ctx.kit.mailer.last('email-change-confirm')!;
  assert.equal(confirm.to.email, 'New@Harborview.example');
  assert.match((confirm.data as any).confirmUrl, /^https:\/\/www\.lakeside\.example\/portal#porchlight-confirm-email=[a-z2-7]{32}$/);
  assert.equal((confirm.data as any).expiresInHours, 24);
  const notice = ctx.kit.mailer.last('email-change-notice')!;
  assert.equal(notice.to.email, 'dana@harborview.example');
  assert.equal((await events(ctx)).items.length, 0, 'no contact change until confirmed');
  assert.ok((await auditOf(ctx)).some((e) => e.action === 'profile.email-change-requested'));

  // A reset of the password with the email link does not work: the kinds do not mix.
  const secret = confirmSecret(ctx);
  assert.equal(code(await ctx.kit.call('POST', '/v1/auth/reset', { token: secret, newPassword: 'another long passphrase' })), 'INVALID_TOKEN');

  const done = await ctx.kit.call('POST', '/v1/profile/email/confirm', { token: secret });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  assert.equal(done.body.email, 'New@Harborview.example');
  const profile = (await ctx.me('GET', '/v1/profile')).body;
  assert.equal(profile.email, 'New@Harborview.example');
  assert.equal(profile.pendingEmail, null);
  await ctx.kit.portal.settled();
  assert.deepEqual((await events(ctx)).items[0].changes, [{ field: 'email', from: 'dana@harborview.example', to: 'New@Harborview.example' }]);
  assert.deepEqual((ctx.kit.mailer.last('contact-changed')!.data as any).changes, [{ field: 'Email', from: 'dana@harborview.example', to: 'New@Harborview.example' }]);
  const audit = await auditOf(ctx);
  assert.ok(audit.some((e) => e.action === 'profile.email-confirmed'));
  assert.ok(audit.some((e) => e.action === 'profile.updated' && e.details.email));

  const again = await ctx.kit.call('POST', '/v1/profile/email/confirm', { token: secret });
  assert.equal(again.status, 400);
  assert.equal(code(again), 'INVALID_TOKEN');
});

test('confirmation links: expired, replaced by a newer one, another dealer’s, malformed: all INVALID_TOKEN', async () => {
  const ctx = await setup();
  await ctx.me('PATCH', '/v1/profile', { email: 'first@harborview.example', currentPassword: ctx.password });
  const first = confirmSecret(ctx);
  await ctx.me('PATCH', '/v1/profile', { email: 'second@harborview.example', currentPassword: ctx.password });
  const second = confirmSecret(ctx);
  assert.equal(code(await ctx.kit.call('POST', '/v1/profile/email/confirm', { token: first })), 'INVALID_TOKEN', 'a newer link voids the older');

  // Another dealer's record under the same secret is not this dealer's.
  const key = keys.oneTimeToken(sha256Hex(second));
  const stored = (await ctx.kit.store.get<any>(key))!;
  await ctx.kit.store.put(key, { ...stored.value, dealerId: 'other' }, { ifVersion: stored.version });
  assert.equal(code(await ctx.kit.call('POST', '/v1/profile/email/confirm', { token: second })), 'INVALID_TOKEN');
  await ctx.kit.store.put(key, stored.value);

  ctx.kit.clock.now += 24 * 3_600_000 + 1000;
  assert.equal(code(await ctx.kit.call('POST', '/v1/profile/email/confirm', { token: second })), 'INVALID_TOKEN', 'expired after 24 hours');
  for (const token of ['', 'x', 'A'.repeat(32), '../../etc']) {
    const res = await ctx.kit.call('POST', '/v1/profile/email/confirm', { token });
    assert.equal(res.status, 400, token);
  }
  const user = await ctx.kit.store.get<any>(keys.user('lakeside', ctx.account.id, ctx.manager.id));
  assert.equal(user!.value.email, 'dana@harborview.example');
  assert.equal(user!.value.pendingEmail, 'second@harborview.example');
});

test('strict schema and bad input: field messages, never a 5xx', async () => {
  const ctx = await setup();
  const cases: Array<[unknown, string]> = [
    [{ role: 'manager' }, 'role'],
    [{ name: '' }, 'name'],
    [{ phone: 'call me' }, 'phone'],
    [{ email: 'not-an-email', currentPassword: ctx.password }, 'email'],
    [{ mailingAddress: { line1: '1 Main' } }, 'mailingAddress.city'],
    [{ mailingAddress: { ...address, postalCode: '!' } }, 'mailingAddress.postalCode'],
    [{ billingAddress: { ...address, extra: 1 } }, 'billingAddress.extra'],
    [{ useCompanyAddress: 'yes' }, 'useCompanyAddress'],
    [{ mailingAddress: 'here' }, 'mailingAddress'],
  ];
  for (const [body, field] of cases) {
    const res = await ctx.me('PATCH', '/v1/profile', body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.ok(res.body.error.fields?.[field], `${field}: ${JSON.stringify(res.body)}`);
  }
  const city = await ctx.me('PATCH', '/v1/profile', { mailingAddress: { ...address, city: '  ' } });
  assert.equal(city.body.error.fields['mailingAddress.city'], 'Enter the city.');
  for (const body of ['[]', 'null', '{', '"x"']) assert.equal((await ctx.me('PATCH', '/v1/profile', body)).status, 400, body);
  assert.equal((await ctx.kit.call('POST', '/v1/profile/email/confirm', {})).status, 400);
  assert.equal((await ctx.kit.call('POST', '/v1/profile/email/confirm', { token: 5 })).status, 400);
});

test('events feed: oldest first, paged by cursor, admin ability required', async () => {
  const ctx = await setup();
  for (let i = 1; i <= 5; i++) {
    ctx.kit.clock.now += 1000;
    await ctx.me('PATCH', '/v1/profile', { name: `Dana ${i}` });
  }
  const first = await events(ctx, '?limit=2');
  assert.deepEqual(first.items.map((e: any) => e.changes[0].to), ['Dana 1', 'Dana 2']);
  assert.ok(first.cursor);
  const second = await events(ctx, `?limit=2&cursor=${encodeURIComponent(first.cursor)}`);
  assert.deepEqual(second.items.map((e: any) => e.changes[0].to), ['Dana 3', 'Dana 4']);
  ctx.kit.clock.now += 1000;
  await ctx.me('PATCH', '/v1/profile', { name: 'Dana 6' });
  const third = await events(ctx, `?limit=10&cursor=${encodeURIComponent(second.cursor)}`);
  assert.deepEqual(third.items.map((e: any) => e.changes[0].to), ['Dana 5', 'Dana 6'], 'new events appear after the cursor');
  assert.equal(third.cursor, null);

  assert.equal((await ctx.kit.admin('GET', '/v1/admin/events?limit=0')).status, 400);
  assert.equal((await ctx.kit.admin('GET', '/v1/admin/events?limit=x')).status, 400);
  assert.equal((await ctx.kit.admin('GET', '/v1/admin/events?cursor=%%%')).status, 400);
  assert.equal((await ctx.kit.admin('GET', '/v1/admin/events?other=1')).status, 400);
  assert.equal((await ctx.kit.call('GET', '/v1/admin/events')).status, 401, 'no credentials');
  assert.equal((await ctx.me('GET', '/v1/admin/events')).status, 401, 'a client session is not an admin');
  assert.equal((await ctx.kit.call('GET', '/v1/admin/events', undefined, { authorization: 'Bearer wrong-key-0123456789abcdef' })).status, 401);
});

test('an email change where the portal has no page for the link: a clear 400, nothing changed', async () => {
  const kit = makeKit({
    dealer: { id: 'lakeside', name: 'Lakeside Alarm Co.', allowedOrigins: [ORIGIN], apiKeys: [{ id: 'backoffice', key: 'test-api-key-0123456789abcdef' }] },
  });
  const ctx = await setup(kit);
  const res = await ctx.me('PATCH', '/v1/profile', { email: 'new@harborview.example', name: 'Dana R.', currentPassword: ctx.password });
  assert.equal(res.status, 400);
  assert.equal(code(res), 'VALIDATION_FAILED');
  assert.match(res.body.error.fields.email, /no page for the confirmation link/);
  const after = (await ctx.me('GET', '/v1/profile')).body;
  assert.equal(after.name, 'Dana Reyes', 'nothing half-written');
  assert.equal(after.pendingEmail, null);
});
