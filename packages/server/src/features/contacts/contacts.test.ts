import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_CONTACTS } from '@porchlight/core';
import { makeKit, makeTwoDealerKit } from '../../testing/kit.js';

type Kit = ReturnType<typeof makeKit>;

const TEMP = 'temporary-Pass-9';
const PERMANENT = 'staff passphrase one';

async function setup(kit: Kit = makeKit()) {
  const m = await kit.accountWithManager({ mainPhone: '5550100' });
  return { kit, ...m, mgr: kit.as(m.token) };
}
type Setup = Awaited<ReturnType<typeof setup>>;

/** A staff login with the given permissions, signed in with a permanent password. */
async function staffWith(ctx: Setup, username: string, permissions: string[]) {
  return ctx.kit.staffLogin(ctx.mgr, ctx.identifier, { name: `Staff ${username}`, username, permissions }, { temporary: TEMP, permanent: PERMANENT });
}

async function auditOf(ctx: Setup) {
  return (await ctx.kit.admin('GET', `/v1/admin/accounts/${ctx.account.id}/audit?limit=100`)).body.items as any[];
}

const code = (res: { body: any }) => res.body?.error?.code;

test('the call list: add with defaults, list in call order, change, delete; actors and audit', async () => {
  const ctx = await setup();
  const first = await ctx.mgr('POST', '/v1/contacts', { name: 'Neighbor Ned', phone: '(555) 010-0111', relation: 'Neighbor', hasKeys: true });
  assert.equal(first.status, 201);
  assert.equal(first.body.priority, 1, 'the first goes first');
  assert.equal(first.body.hasKeys, true);
  assert.equal(first.body.notes, null);
  assert.equal(first.body.accountId, ctx.account.id);
  assert.deepEqual(first.body.createdBy, { kind: 'user', userId: ctx.manager.id, name: 'Dana Reyes' });
  const second = await ctx.mgr('POST', '/v1/contacts', { name: 'Sister Sue', phone: '555-0112', relation: '  ', notes: 'Call after 6pm' });
  assert.equal(second.body.priority, 2, 'after the last');
  assert.equal(second.body.relation, null, 'blank text is none');
  assert.equal(second.body.hasKeys, false);
  const urgent = await ctx.mgr('POST', '/v1/contacts', { name: 'Owner Otto', phone: '555-0113', priority: 1 });
  assert.equal(urgent.body.priority, 1);
  ctx.kit.clock.now += 1000;
  const last = await ctx.mgr('POST', '/v1/contacts', { name: 'Guard Gil', phone: '555-0114' });
  assert.equal(last.body.priority, 3);

  const list = await ctx.mgr('GET', '/v1/contacts');
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.items.map((c: any) => c.name), ['Neighbor Ned', 'Owner Otto', 'Sister Sue', 'Guard Gil'], 'priority, then the order they were added');

  ctx.kit.clock.now += 60_000;
  const changed = await ctx.mgr('PATCH', `/v1/contacts/${second.body.id}`, { priority: 9, notes: null, phone: '555-0199' });
  assert.equal(changed.status, 200);
  assert.equal(changed.body.priority, 9);
  assert.equal(changed.body.notes, null);
  assert.equal(changed.body.name, 'Sister Sue');
  assert.equal(changed.body.createdAt, second.body.createdAt);
  assert.notEqual(changed.body.updatedAt, second.body.updatedAt);
  assert.equal((await ctx.mgr('GET', '/v1/contacts')).body.items.at(-1).name, 'Sister Sue');

  const removed = await ctx.mgr('DELETE', `/v1/contacts/${first.body.id}`);
  assert.deepEqual(removed.body, { ok: true });
  assert.equal((await ctx.mgr('GET', '/v1/contacts')).body.items.length, 3);
  assert.equal(code(await ctx.mgr('DELETE', `/v1/contacts/${first.body.id}`)), 'NOT_FOUND');
  assert.equal(code(await ctx.mgr('PATCH', `/v1/contacts/${first.body.id}`, { name: 'Ghost' })), 'NOT_FOUND');

  const audit = await auditOf(ctx);
  assert.match(audit.find((e) => e.action === 'contact.created' && e.target.id === first.body.id).summary, /Dana Reyes added Neighbor Ned to the call list/);
  const updated = audit.find((e) => e.action === 'contact.updated');
  assert.match(updated.summary, /Dana Reyes changed phone, notes, priority of Sister Sue/);
  assert.deepEqual(updated.details.priority, { from: 2, to: 9 });
  assert.match(audit.find((e) => e.action === 'contact.deleted').summary, /Dana Reyes removed Neighbor Ned from the call list/);
});

test('reading needs only a session; adding and changing need records.modify; deleting needs records.delete', async () => {
  const ctx = await setup();
  const contact = (await ctx.mgr('POST', '/v1/contacts', { name: 'Ned', phone: '555-0111' })).body;
  const viewer = await staffWith(ctx, 'viewer', []);
  const editor = await staffWith(ctx, 'editor', ['records.modify']);
  const remover = await staffWith(ctx, 'remover', ['records.delete']);

  assert.equal((await viewer.as('GET', '/v1/contacts')).body.items.length, 1, 'anyone signed in reads the list');
  assert.equal((await ctx.kit.call('GET', '/v1/contacts')).status, 401);
  for (const [who, method, path, body] of [
    [viewer, 'POST', '/v1/contacts', { name: 'X', phone: '555-0100' }],
    [viewer, 'PATCH', `/v1/contacts/${contact.id}`, { name: 'X' }],
    [viewer, 'DELETE', `/v1/contacts/${contact.id}`],
    [editor, 'DELETE', `/v1/contacts/${contact.id}`],
    [remover, 'POST', '/v1/contacts', { name: 'X', phone: '555-0100' }],
    [remover, 'PATCH', `/v1/contacts/${contact.id}`, { name: 'X' }],
  ] as const) {
    const res = await who.as(method, path, body);
    assert.equal(res.status, 403, `${method} ${path}`);
    assert.equal(code(res), 'PERMISSION_DENIED');
  }
  const added = await editor.as('POST', '/v1/contacts', { name: 'Edna', phone: '555-0120' });
  assert.equal(added.status, 201);
  assert.deepEqual(added.body.createdBy, { kind: 'user', userId: editor.user.id, name: 'Staff editor' });
  const patched = await editor.as('PATCH', `/v1/contacts/${contact.id}`, { hasKeys: true });
  assert.deepEqual(patched.body.updatedBy, { kind: 'user', userId: editor.user.id, name: 'Staff editor' });
  assert.deepEqual(patched.body.createdBy, { kind: 'user', userId: ctx.manager.id, name: 'Dana Reyes' });
  assert.equal((await remover.as('DELETE', `/v1/contacts/${contact.id}`)).status, 200);

  const denied = (await auditOf(ctx)).filter((e) => e.action === 'access.denied');
  assert.equal(denied.length, 6);
  assert.ok(denied.some((e) => /Staff viewer was refused: modify records \(POST \/v1\/contacts\)/.test(e.summary)));
  assert.ok(denied.some((e) => /Staff editor was refused: delete records/.test(e.summary)));

  // A refused request repeated in a loop is refused every time but logged once a minute.
  for (let i = 0; i < 20; i++) assert.equal((await editor.as('DELETE', `/v1/contacts/${contact.id}`)).status, 403);
  const flood = (await auditOf(ctx)).filter((e) => e.action === 'access.denied' && /Staff editor was refused: delete records/.test(e.summary));
  assert.equal(flood.length, 1);
  ctx.kit.clock.now += 61_000;
  await editor.as('DELETE', `/v1/contacts/${contact.id}`);
  assert.equal((await auditOf(ctx)).filter((e) => e.action === 'access.denied' && /Staff editor was refused: delete records/.test(e.summary)).length, 2);

  // The account's ceiling applies to managers too.
  await ctx.kit.admin('PATCH', `/v1/admin/accounts/${ctx.account.id}`, { permissions: ['invoices.view', 'records.modify', 'staff.manage'] });
  assert.equal(code(await ctx.mgr('DELETE', `/v1/contacts/${added.body.id}`)), 'PERMISSION_DENIED');
});

test(`at most ${MAX_CONTACTS} contacts (LIMIT_REACHED); priority after the last stays within 99`, async () => {
  const ctx = await setup();
  await ctx.mgr('POST', '/v1/contacts', { name: 'Late', phone: '555-0100', priority: 99 });
  const after = await ctx.mgr('POST', '/v1/contacts', { name: 'After', phone: '555-0101' });
  assert.equal(after.body.priority, 99);
  for (let i = 2; i < MAX_CONTACTS; i++) assert.equal((await ctx.mgr('POST', '/v1/contacts', { name: `C${i}`, phone: '555-0102' })).status, 201);
  const over = await ctx.mgr('POST', '/v1/contacts', { name: 'One too many', phone: '555-0103' });
  assert.equal(over.status, 409);
  assert.equal(code(over), 'LIMIT_REACHED');
  assert.match(over.body.error.message, /at most 50/);
  assert.equal((await ctx.mgr('GET', '/v1/contacts')).body.items.length, MAX_CONTACTS);
});

test('two adds at once with one place left: one is added, the other refused', async () => {
  const ctx = await setup();
  for (let i = 1; i < MAX_CONTACTS; i++) assert.equal((await ctx.mgr('POST', '/v1/contacts', { name: `C${i}`, phone: '555-0102' })).status, 201);
  const both = await Promise.all([ctx.mgr('POST', '/v1/contacts', { name: 'First', phone: '555-0110' }), ctx.mgr('POST', '/v1/contacts', { name: 'Second', phone: '555-0111' })]);
  assert.deepEqual(both.map((r) => r.status).sort(), [201, 409]);
  assert.equal((await ctx.mgr('GET', '/v1/contacts')).body.items.length, MAX_CONTACTS);
});

test('contacts of another account or dealer are not found, and lists never mix', async () => {
  const kit = makeTwoDealerKit();
  const { managerAt } = kit;
  const a = await managerAt('lakeside', '5550100');
  const b = await managerAt('lakeside', '5550199');
  const h = await managerAt('hilltop', '5550100');
  const mine = (await a.as('POST', '/v1/contacts', { name: 'Mine', phone: '555-0111' })).body;
  await h.as('POST', '/v1/contacts', { name: 'Theirs', phone: '555-0111' });
  for (const other of [b, h]) {
    assert.equal(code(await other.as('PATCH', `/v1/contacts/${mine.id}`, { name: 'Owned' })), 'NOT_FOUND');
    assert.equal(code(await other.as('DELETE', `/v1/contacts/${mine.id}`)), 'NOT_FOUND');
  }
  assert.deepEqual((await a.as('GET', '/v1/contacts')).body.items.map((c: any) => c.name), ['Mine']);
  assert.deepEqual((await b.as('GET', '/v1/contacts')).body.items, []);
  assert.deepEqual((await h.as('GET', '/v1/contacts')).body.items.map((c: any) => c.name), ['Theirs']);
});

test('an emulating admin edits the call list as "admin X as manager Y"', async () => {
  const ctx = await setup();
  const token = (await ctx.kit.admin('POST', `/v1/admin/accounts/${ctx.account.id}/emulate`, {})).body.token;
  const res = await ctx.kit.as(token)('POST', '/v1/contacts', { name: 'Ned', phone: '555-0111' });
  assert.equal(res.status, 201);
  assert.equal(res.body.createdBy.kind, 'emulation');
  assert.equal(res.body.createdBy.name, 'admin Pat Dispatcher as manager Dana Reyes');
  assert.match((await auditOf(ctx)).find((e) => e.action === 'contact.created').summary, /^admin Pat Dispatcher as manager Dana Reyes added Ned/);
});

test('two changes to one contact at the same moment both land (compare-and-set, retried)', async () => {
  const ctx = await setup();
  const c = (await ctx.mgr('POST', '/v1/contacts', { name: 'Ned', phone: '555-0111' })).body;
  const [x, y] = await Promise.all([ctx.mgr('PATCH', `/v1/contacts/${c.id}`, { hasKeys: true }), ctx.mgr('PATCH', `/v1/contacts/${c.id}`, { notes: 'Dog in yard' })]);
  assert.equal(x.status, 200);
  assert.equal(y.status, 200);
  const now = (await ctx.mgr('GET', '/v1/contacts')).body.items[0];
  assert.equal(now.hasKeys, true);
  assert.equal(now.notes, 'Dog in yard');
});

test('bad ids, wrong types, unknown fields and prototype keys answer 4xx, never 5xx', async () => {
  const ctx = await setup();
  const c = (await ctx.mgr('POST', '/v1/contacts', { name: 'Ned', phone: '555-0111' })).body;
  for (const id of ['nope', '..', '0'.repeat(25), 'x'.repeat(600), '__proto__', '%00', encodeURIComponent('a:b')]) {
    for (const [method, body] of [['PATCH', { name: 'X' }], ['DELETE', undefined]] as const) {
      const res = await ctx.mgr(method, `/v1/contacts/${id}`, body);
      assert.ok(res.status === 400 || res.status === 404, `${method} ${id}: ${res.status}`);
    }
  }
  assert.equal((await ctx.mgr('DELETE', `/v1/contacts/${'0'.repeat(26)}`)).status, 404);
  const bodies: unknown[] = [
    {},
    { name: 'X' },
    { name: 'X', phone: 'call me' },
    { name: 'X', phone: '12' },
    { name: 'X', phone: 5550100 },
    { name: 'X', phone: '555-0100', priority: 0 },
    { name: 'X', phone: '555-0100', priority: 100 },
    { name: 'X', phone: '555-0100', priority: 1.5 },
    { name: 'X', phone: '555-0100', priority: '1' },
    { name: 'X', phone: '555-0100', hasKeys: 'yes' },
    { name: 'X', phone: '555-0100', notes: 'x'.repeat(501) },
    { name: 'X', phone: '555-0100', accountId: c.accountId },
    { name: 'X', phone: '555-0100', id: c.id },
    { name: 'X', phone: '555-0100', createdBy: { kind: 'system', name: 'me' } },
    '{"name":"X","phone":"555-0100","__proto__":{"priority":1}}',
    '{"name":',
    '[]',
  ];
  for (const body of bodies) {
    const create = await ctx.mgr('POST', '/v1/contacts', body);
    assert.ok(create.status >= 400 && create.status < 500, `POST ${JSON.stringify(body)}: ${create.status}`);
    if (typeof body === 'object' && body !== null && Object.keys(body).length > 1) {
      const patch = await ctx.mgr('PATCH', `/v1/contacts/${c.id}`, body);
      assert.ok(patch.status >= 400 && patch.status < 500, `PATCH ${JSON.stringify(body)}: ${patch.status}`);
    }
  }
  assert.equal(code(await ctx.mgr('PATCH', `/v1/contacts/${c.id}`, { accountId: 'x' })), 'VALIDATION_FAILED');
  const list = (await ctx.mgr('GET', '/v1/contacts')).body.items;
  assert.equal(list.length, 1);
  assert.equal(list[0].name, 'Ned');
});
