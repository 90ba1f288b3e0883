import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routePath, Routes } from '@porchlight/core';
import { makeKit, makeTwoDealerKit, HILLTOP_KEY } from '../../testing/kit.js';

type Kit = ReturnType<typeof makeKit>;

const R = Routes.admin;
const TEMP = 'temporary-Pass-9';
const PERMANENT = 'staff passphrase one';
const HOUR = 3_600_000;
const code = (res: { body: any }) => res.body?.error?.code;
const at = (kit: Kit, ms: number) => new Date(kit.clock.now + ms).toISOString();
const accountPath = (accountId: string) => routePath(R.accountMessages, { accountId });
const messagePath = (messageId: string, accountId?: string) => routePath(R.message, { messageId }) + (accountId ? `?accountId=${accountId}` : '');
const readPath = (messageId: string) => routePath(Routes.messageRead, { messageId });

async function setup(kit: Kit = makeKit()) {
  return { kit, ...(await kit.twoAccounts()) };
}

/** A staff login of account A (no special permissions), signed in with a permanent password. */
async function staffOf(ctx: Awaited<ReturnType<typeof setup>>) {
  const sam = await ctx.kit.staffLogin(ctx.a.as, ctx.a.identifier, { name: 'Sam Staff', username: 'sam', permissions: [] }, { temporary: TEMP, permanent: PERMANENT });
  return sam.as;
}

const titles = (res: { body: any }) => res.body.items.map((m: any) => m.title);

test('news reaches every account of the dealer, a private message only its account; newest first with kind and read', async () => {
  const ctx = await setup();
  const { kit } = ctx;
  const news = await kit.admin('POST', R.messages, { title: 'Holiday hours', body: 'We close at noon.\nHappy holidays!', importance: 'important' });
  assert.equal(news.status, 201, JSON.stringify(news.body));
  assert.equal(news.body.accountId, null);
  assert.equal(news.body.kind, 'broadcast');
  assert.equal(news.body.expired, false);
  assert.equal(news.body.validUntil, null);
  assert.equal(news.body.body, 'We close at noon.\nHappy holidays!');
  assert.deepEqual(news.body.addedBy, { kind: 'admin', adminId: 'backoffice', name: 'admin Pat Dispatcher' });
  kit.clock.now += 1000;
  const mine = await kit.admin('POST', accountPath(ctx.a.account.id), { title: '  Battery low  ', body: 'Please replace the panel battery.', validUntil: at(kit, HOUR) });
  assert.equal(mine.status, 201, JSON.stringify(mine.body));
  assert.equal(mine.body.title, 'Battery low', 'trimmed');
  assert.equal(mine.body.importance, 'normal');
  assert.equal(mine.body.kind, 'private');

  const forA = await ctx.a.as('GET', Routes.messages);
  assert.equal(forA.status, 200);
  assert.deepEqual(titles(forA), ['Battery low', 'Holiday hours']);
  assert.deepEqual(
    forA.body.items.map((m: any) => [m.kind, m.read, m.importance]),
    [
      ['private', false, 'normal'],
      ['broadcast', false, 'important'],
    ],
  );
  assert.deepEqual(forA.body.items[0].addedBy, { kind: 'admin', name: 'admin Pat Dispatcher' }, 'no key id for the portal');
  assert.equal(forA.body.items[0].validUntil, mine.body.validUntil);
  assert.deepEqual(titles(await ctx.b.as('GET', Routes.messages)), ['Holiday hours']);
  assert.equal((await kit.call('GET', Routes.messages)).status, 401);
});

test('a message past its valid-until is hidden (at the exact moment too) and can no longer be marked read', async () => {
  const ctx = await setup();
  const { kit } = ctx;
  const soon = (await kit.admin('POST', R.messages, { title: 'Maintenance tonight', body: 'Short outage.', validUntil: at(kit, 60_000) })).body;
  await kit.admin('POST', R.messages, { title: 'Forever', body: 'No end.' });
  assert.deepEqual(titles(await ctx.a.as('GET', Routes.messages)), ['Forever', 'Maintenance tonight']);
  kit.clock.now += 59_999;
  assert.deepEqual(titles(await ctx.a.as('GET', Routes.messages)), ['Forever', 'Maintenance tonight'], 'a millisecond before');
  kit.clock.now += 1;
  assert.deepEqual(titles(await ctx.a.as('GET', Routes.messages)), ['Forever'], 'at valid-until it is gone');
  assert.equal(code(await ctx.a.as('POST', readPath(soon.id))), 'NOT_FOUND');

  const listed = await kit.admin('GET', R.messages);
  assert.equal(listed.status, 200);
  assert.deepEqual(
    listed.body.items.map((m: any) => [m.title, m.expired]),
    [
      ['Forever', false],
      ['Maintenance tonight', true],
    ],
    'the back office still lists it, flagged',
  );

  // Extending it shows it again.
  const extended = await kit.admin('PATCH', messagePath(soon.id), { validUntil: at(kit, HOUR) });
  assert.equal(extended.status, 200);
  assert.equal(extended.body.expired, false);
  assert.deepEqual(titles(await ctx.a.as('GET', Routes.messages)), ['Forever', 'Maintenance tonight']);
});

test('valid-until in the past (or now) is refused on create with a field message; other formats normalised', async () => {
  const ctx = await setup();
  const { kit } = ctx;
  for (const validUntil of [at(kit, -1000), at(kit, 0)]) {
    const res = await kit.admin('POST', R.messages, { title: 'Old', body: 'x', validUntil });
    assert.equal(res.status, 400);
    assert.equal(code(res), 'VALIDATION_FAILED');
    assert.match(res.body.error.fields.validUntil, /future/);
  }
  const offset = await kit.admin('POST', R.messages, { title: 'Offset', body: 'x', validUntil: '2026-11-24T09:00:00+02:00' });
  assert.equal(offset.status, 201);
  assert.equal(offset.body.validUntil, '2026-11-24T07:00:00.000Z');
  assert.equal((await kit.admin('GET', R.messages)).body.items.length, 1);
});

test('read state is per user, idempotent, and 404 for what the user cannot see', async () => {
  const ctx = await setup();
  const { kit } = ctx;
  const news = (await kit.admin('POST', R.messages, { title: 'News', body: 'x' })).body;
  const mine = (await kit.admin('POST', accountPath(ctx.a.account.id), { title: 'Mine', body: 'x' })).body;
  const theirs = (await kit.admin('POST', accountPath(ctx.b.account.id), { title: 'Theirs', body: 'x' })).body;
  const sam = await staffOf(ctx);

  assert.deepEqual((await ctx.a.as('POST', readPath(mine.id))).body, { ok: true });
  assert.deepEqual((await ctx.a.as('POST', readPath(mine.id))).body, { ok: true }, 'again: still fine');
  assert.equal((await ctx.a.as('POST', readPath(news.id))).status, 200);
  const readByA = (await ctx.a.as('GET', Routes.messages)).body.items.map((m: any) => [m.title, m.read]);
  assert.deepEqual(readByA, [
    ['Mine', true],
    ['News', true],
  ]);
  assert.deepEqual(
    (await sam('GET', Routes.messages)).body.items.map((m: any) => [m.title, m.read]),
    [
      ['Mine', false],
      ['News', false],
    ],
    'another user of the same account has read nothing',
  );
  assert.deepEqual(
    (await ctx.b.as('GET', Routes.messages)).body.items.map((m: any) => [m.title, m.read]),
    [
      ['Theirs', false],
      ['News', false],
    ],
  );

  assert.equal(code(await ctx.a.as('POST', readPath(theirs.id))), 'NOT_FOUND', "another account's private message");
  assert.equal(code(await ctx.a.as('POST', readPath('0'.repeat(26)))), 'NOT_FOUND');
  assert.equal((await ctx.a.as('POST', readPath('nope'))).status, 400);
  assert.equal((await kit.call('POST', readPath(news.id))).status, 401);

  // The read state keeps only messages still shown.
  await kit.admin('DELETE', messagePath(mine.id, ctx.a.account.id));
  const fresh = (await kit.admin('POST', R.messages, { title: 'Fresh', body: 'x' })).body;
  await ctx.a.as('POST', readPath(fresh.id));
  const key = `msgread:lakeside:${ctx.a.account.id}:${ctx.a.manager.id}`;
  assert.deepEqual(((await kit.store.get<any>(key))!.value.ids as string[]).sort(), [news.id, fresh.id].sort());
});

test("another dealer's news and messages are never shown, and their accounts are not found", async () => {
  const kit = makeTwoDealerKit();
  const lakeside = { 'porchlight-dealer': 'lakeside' };
  const hilltop = { authorization: `Bearer ${HILLTOP_KEY}`, 'porchlight-dealer': 'hilltop' };
  const { account, as } = await kit.managerAt('lakeside', '5550100', { temporary: TEMP, permanent: PERMANENT });

  const foreign = await kit.call('POST', R.messages, { title: 'Hilltop news', body: 'x' }, hilltop);
  assert.equal(foreign.status, 201);
  const sneaky = await kit.call('POST', accountPath(account.id), { title: 'Hi', body: 'x' }, hilltop);
  assert.equal(sneaky.status, 404, "hilltop cannot write to lakeside's account");
  assert.equal((await kit.call('GET', accountPath(account.id), undefined, hilltop)).status, 404);
  await kit.admin('POST', R.messages, { title: 'Lakeside news', body: 'x' }, lakeside);
  assert.deepEqual(titles(await as('GET', Routes.messages)), ['Lakeside news']);
  assert.equal(code(await as('POST', readPath(foreign.body.id))), 'NOT_FOUND');
  assert.equal(code(await kit.admin('PATCH', messagePath(foreign.body.id), { title: 'Mine now' }, lakeside)), 'NOT_FOUND');
  assert.equal(code(await kit.admin('DELETE', messagePath(foreign.body.id), undefined, lakeside)), 'NOT_FOUND');
});

test('admin: change and delete by id (an ?accountId= must match), paged lists, audit entries', async () => {
  const ctx = await setup();
  const { kit } = ctx;
  const news = (await kit.admin('POST', R.messages, { title: 'News', body: 'x' })).body;
  const mine = (await kit.admin('POST', accountPath(ctx.a.account.id), { title: 'Mine', body: 'x' })).body;

  kit.clock.now += 60_000;
  const changed = await kit.admin('PATCH', messagePath(mine.id, ctx.a.account.id), { title: 'Mine, changed', importance: 'important', body: 'New body' }, { 'porchlight-admin': 'Ada' });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.equal(changed.body.title, 'Mine, changed');
  assert.equal(changed.body.addedAt, mine.addedAt);
  assert.notEqual(changed.body.updatedAt, mine.updatedAt);
  assert.equal(changed.body.updatedBy.name, 'admin Ada');
  assert.equal(code(await kit.admin('PATCH', messagePath(news.id, ctx.b.account.id), { title: 'x' })), 'NOT_FOUND');

  for (let i = 0; i < 3; i++) {
    kit.clock.now += 1000;
    await kit.admin('POST', accountPath(ctx.a.account.id), { title: `Extra ${i}`, body: 'x' });
  }
  const page1 = await kit.admin('GET', `${accountPath(ctx.a.account.id)}?limit=2`);
  assert.deepEqual(titles(page1), ['Extra 2', 'Extra 1']);
  assert.ok(page1.body.cursor);
  const page2 = await kit.admin('GET', `${accountPath(ctx.a.account.id)}?limit=2&cursor=${encodeURIComponent(page1.body.cursor)}`);
  assert.deepEqual(titles(page2), ['Extra 0', 'Mine, changed']);
  assert.equal(page2.body.cursor, null);
  assert.deepEqual(titles(await kit.admin('GET', R.messages)), ['News']);

  assert.deepEqual((await kit.admin('DELETE', messagePath(mine.id, ctx.a.account.id))).body, { ok: true });
  assert.equal(code(await kit.admin('DELETE', messagePath(mine.id, ctx.a.account.id))), 'NOT_FOUND');
  assert.deepEqual((await kit.admin('DELETE', messagePath(news.id))).body, { ok: true });
  assert.deepEqual(titles(await ctx.a.as('GET', Routes.messages)), ['Extra 2', 'Extra 1', 'Extra 0']);

  const trail = (await kit.admin('GET', `${routePath(R.accountAudit, { accountId: ctx.a.account.id })}?limit=100`)).body.items as any[];
  const created = trail.find((e) => e.action === 'message.created' && e.target.id === mine.id);
  assert.match(created.summary, /admin Pat Dispatcher added the message "Mine"/);
  const updated = trail.find((e) => e.action === 'message.updated');
  assert.match(updated.summary, /admin Ada changed title, body, importance of the message "Mine, changed"/);
  assert.deepEqual(updated.details, { title: { from: 'Mine', to: 'Mine, changed' }, body: { changed: true }, importance: { from: 'normal', to: 'important' } });
  assert.match(trail.find((e) => e.action === 'message.deleted').summary, /deleted the message "Mine, changed"/);
  const dealerTrail = (await kit.store.list<any>('audit:lakeside:_dealer', { limit: 1000 })).items.map((i) => i.value);
  assert.deepEqual(
    dealerTrail.filter((e) => e.action.startsWith('message.')).map((e) => e.action),
    ['message.created', 'message.deleted'],
    'news is audited in the dealer trail',
  );
  assert.equal(trail.filter((e) => e.target?.id === news.id).length, 0);
});

test('a support back-office login reads messages but cannot write; portal tokens never pass', async () => {
  const ctx = await setup();
  const { kit } = ctx;
  const news = (await kit.admin('POST', R.messages, { title: 'News', body: 'x' })).body;
  await kit.admin('POST', R.dealerStaff, { email: 'sam@lakeside.example', name: 'Sam Support', role: 'support', password: TEMP });
  const login = await kit.call('POST', R.login, { email: 'sam@lakeside.example', password: TEMP });
  const support = kit.as(login.body.session.token);
  assert.equal((await support('POST', R.changePassword, { currentPassword: TEMP, newPassword: 'a long back-office passphrase' })).status, 200);

  assert.equal((await support('GET', R.messages)).status, 200);
  assert.equal((await support('GET', accountPath(ctx.a.account.id))).status, 200);
  for (const res of [
    await support('POST', R.messages, { title: 'No', body: 'x' }),
    await support('POST', accountPath(ctx.a.account.id), { title: 'No', body: 'x' }),
    await support('PATCH', messagePath(news.id), { title: 'No' }),
    await support('DELETE', messagePath(news.id)),
  ]) {
    assert.equal(res.status, 403);
    assert.equal(code(res), 'FORBIDDEN');
  }
  assert.equal((await ctx.a.as('GET', R.messages)).status, 401);
  assert.equal((await ctx.a.as('POST', R.messages, { title: 'No', body: 'x' })).status, 401);
  assert.equal((await kit.call('GET', R.messages)).status, 401);
  assert.deepEqual(titles(await kit.admin('GET', R.messages)), ['News']);
});

test('bad ids, wrong types, unknown fields and bad queries answer 4xx, never 5xx', async () => {
  const ctx = await setup();
  const { kit } = ctx;
  const news = (await kit.admin('POST', R.messages, { title: 'News', body: 'x' })).body;
  const bodies: unknown[] = [
    {},
    { title: 'X' },
    { body: 'x' },
    { title: '   ', body: 'x' },
    { title: 'X', body: '' },
    { title: 'x'.repeat(201), body: 'x' },
    { title: 'X', body: 'x'.repeat(5001) },
    { title: 5, body: 'x' },
    { title: 'X', body: 'x', importance: 'urgent' },
    { title: 'X', body: 'x', validUntil: 'tomorrow' },
    { title: 'X', body: 'x', validUntil: 1893456000000 },
    { title: 'X', body: 'x', validUntil: '2099-13-01T00:00:00Z' },
    { title: 'X', body: 'x', accountId: ctx.a.account.id },
    { title: 'X', body: 'x', addedBy: { kind: 'system', name: 'me' } },
    { title: 'X', body: 'x', read: true },
    '{"title":"X","body":"x","__proto__":{"importance":"important"}}',
    '{"title":',
    '[]',
  ];
  for (const body of bodies) {
    for (const path of [R.messages, accountPath(ctx.a.account.id)]) {
      const res = await kit.admin('POST', path, body);
      assert.ok(res.status >= 400 && res.status < 500, `POST ${path} ${JSON.stringify(body)}: ${res.status}`);
    }
    if (typeof body === 'object' && body !== null && Object.keys(body).length > 1) {
      const res = await kit.admin('PATCH', messagePath(news.id), body);
      assert.ok(res.status >= 400 && res.status < 500, `PATCH ${JSON.stringify(body)}: ${res.status}`);
    }
  }
  assert.equal(code(await kit.admin('POST', R.messages, { title: 'X', body: 'x', extra: 1 })), 'VALIDATION_FAILED');
  assert.equal((await kit.admin('POST', R.messages, 'title=x', { 'content-type': 'text/plain' })).status, 415);
  // (Not `..`: URL parsing resolves …/accounts/../messages to the news list itself.)
  for (const id of ['nope', '0'.repeat(25), 'x'.repeat(600), '__proto__', '%00', encodeURIComponent('a:b')]) {
    for (const [method, path, body] of [
      ['PATCH', routePath(R.message, { messageId: 'ID' }).replace('ID', id), { title: 'X' }],
      ['DELETE', routePath(R.message, { messageId: 'ID' }).replace('ID', id), undefined],
      ['GET', routePath(R.accountMessages, { accountId: 'ID' }).replace('ID', id), undefined],
      ['POST', routePath(R.accountMessages, { accountId: 'ID' }).replace('ID', id), { title: 'X', body: 'x' }],
    ] as const) {
      const res = await kit.admin(method, path, body);
      assert.ok(res.status === 400 || res.status === 404, `${method} ${path}: ${res.status}`);
    }
    const read = await ctx.a.as('POST', `/v1/messages/${id}/read`);
    assert.ok(read.status === 400 || read.status === 404, `read ${id}: ${read.status}`);
  }
  assert.equal((await kit.admin('POST', accountPath('0'.repeat(26)), { title: 'X', body: 'x' })).status, 404);
  for (const q of ['?limit=0', '?limit=101', '?limit=abc', '?cursor=%00%00', '?other=1']) {
    const res = await kit.admin('GET', R.messages + q);
    assert.ok(res.status >= 400 && res.status < 500, `GET ${q}: ${res.status}`);
  }
  assert.equal((await kit.admin('PATCH', `${messagePath(news.id)}?accountId=nope`, { title: 'X' })).status, 400);
  const list = (await kit.admin('GET', R.messages)).body.items;
  assert.deepEqual(
    list.map((m: any) => [m.title, m.importance]),
    [['News', 'normal']],
  );
});

test("admin: a private message is found by its id alone; a wrong account is not found", async () => {
  const kit = makeKit();
  const { account } = await kit.accountWithManager();
  const other = (await kit.admin('POST', '/v1/admin/accounts', { name: 'Other' })).body;
  const mine = (await kit.admin('POST', routePath(R.accountMessages, { accountId: account.id }), { title: 'Mine', body: 'x' })).body;
  const byId = await kit.admin('PATCH', routePath(R.message, { messageId: mine.id }), { title: 'Mine, by id' });
  assert.equal(byId.status, 200, JSON.stringify(byId.body));
  assert.equal(byId.body.title, 'Mine, by id');
  assert.equal(byId.body.accountId, account.id);
  assert.equal((await kit.admin('PATCH', `${routePath(R.message, { messageId: mine.id })}?accountId=${other.id}`, { title: 'x' })).status, 404);
  assert.deepEqual((await kit.admin('DELETE', routePath(R.message, { messageId: mine.id }))).body, { ok: true });
  assert.equal((await kit.admin('DELETE', routePath(R.message, { messageId: mine.id }))).status, 404);
});
