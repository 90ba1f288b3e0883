import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routePath, Routes, type DealerSettings, type SyncEvent } from '@porchlight/core';
import type { PortalOptions } from '../../options.js';
import { API_KEY, HILLTOP_KEY, makeKit, makeTwoDealerKit, ORIGIN } from '../../testing/kit.js';

type Kit = ReturnType<typeof makeKit>;

const R = Routes.admin;
const MIN = 60_000;
const code = (res: { body: any }) => res.body?.error?.code;
const fields = (res: { body: any }) => res.body?.error?.fields ?? {};
const woPath = (workOrderId: string) => routePath(Routes.workOrder, { workOrderId });
const notesPath = (workOrderId: string) => routePath(Routes.workOrderNotes, { workOrderId });
const adminWo = (workOrderId: string) => routePath(R.workOrder, { workOrderId });
const statusPath = (workOrderId: string) => routePath(R.workOrderStatus, { workOrderId });
const sitesPath = (accountId: string) => routePath(R.accountSites, { accountId });
const iso = (kit: Kit, ms = 0) => new Date(kit.clock.now + ms).toISOString();

const SETTINGS: DealerSettings = {
  portalUrl: `${ORIGIN}/portal`,
  resetUrl: `${ORIGIN}/reset`,
  supportEmail: 'support@lakeside.example',
  notifyEmail: 'dispatch@lakeside.example',
  technicianEmails: ['tech1@lakeside.example', 'Tech2@lakeside.example'],
};

function kitWith(settings: DealerSettings = SETTINGS, overrides: Partial<PortalOptions> = {}) {
  return makeKit({
    dealer: { id: 'lakeside', name: 'Lakeside Alarm Co.', allowedOrigins: [ORIGIN], apiKeys: [{ id: 'backoffice', key: API_KEY }], settings },
    ...overrides,
  });
}

const A_SITES = {
  items: [
    {
      id: 'main',
      name: 'Main building',
      address: '12 Harbor Rd, Springfield',
      systems: [
        { id: 'panel-1', name: 'Intrusion panel', kind: 'intrusion' },
        { id: 'fire-1', name: 'Fire panel', kind: 'fire' },
      ],
    },
    { id: 'garage', name: 'Garage', systems: [{ id: 'cam-1', name: 'Garage cameras', kind: 'cameras' }] },
  ],
};
const B_SITES = { items: [{ id: 'b-site', name: 'Other HQ', systems: [{ id: 'b-panel', name: 'B panel' }] }] };

/** Two accounts of lakeside with their sites synced; A's manager is Dana Reyes (dana@harborview.example). */
async function setup(kit: Kit = kitWith()) {
  const { a, b } = await kit.twoAccounts();
  assert.equal((await kit.admin('PUT', sitesPath(a.account.id), A_SITES)).status, 200);
  assert.equal((await kit.admin('PUT', sitesPath(b.account.id), B_SITES)).status, 200);
  kit.mailer.sent.length = 0;
  return { kit, a, b };
}
type Ctx = Awaited<ReturnType<typeof setup>>;

const order = (extra: Record<string, unknown> = {}) => ({ siteId: 'main', systemId: 'panel-1', requestType: 'repair', note: 'Keypad beeps every minute.', ...extra });

async function auditOf(kit: Kit, accountId: string) {
  return (await kit.admin('GET', `/v1/admin/accounts/${accountId}/audit?limit=100`)).body.items as any[];
}

async function events(kit: Kit) {
  return (await kit.admin('GET', `${R.events}?limit=500`)).body.items as SyncEvent[];
}

test('sites: the sync replaces an account\'s sites whole, idempotently; the portal and the back office read them', async () => {
  const kit = kitWith();
  const { a } = await kit.twoAccounts();
  const empty = await a.as('GET', Routes.sites);
  assert.equal(empty.status, 200);
  assert.deepEqual(empty.body, { items: [], updatedAt: null });

  const put = await kit.admin('PUT', sitesPath(a.account.id), A_SITES);
  assert.equal(put.status, 200, JSON.stringify(put.body));
  assert.equal(put.body.updatedAt, iso(kit));
  assert.deepEqual(put.body.items[1], { id: 'garage', name: 'Garage', address: null, systems: [{ id: 'cam-1', name: 'Garage cameras', kind: 'cameras' }] });
  assert.deepEqual((await a.as('GET', Routes.sites)).body, put.body);
  assert.deepEqual((await kit.admin('GET', sitesPath(a.account.id))).body, put.body);

  // The same body again: nothing changes, nothing more in the audit trail.
  kit.clock.now += MIN;
  const again = await kit.admin('PUT', sitesPath(a.account.id), A_SITES);
  assert.equal(again.status, 200);
  assert.equal(again.body.updatedAt, put.body.updatedAt);
  assert.equal((await auditOf(kit, a.account.id)).filter((e) => e.action === 'sites.synced').length, 1);

  // A change: one site renamed, one removed, one added; a system's kind defaults to "other".
  const changed = await kit.admin('PUT', sitesPath(a.account.id), { items: [{ ...A_SITES.items[0], name: 'Main bldg' }, { id: 'shed', name: 'Shed', systems: [{ id: 'x', name: 'Door contact' }] }] });
  assert.equal(changed.status, 200);
  assert.equal(changed.body.items[1].systems[0].kind, 'other');
  const synced = (await auditOf(kit, a.account.id)).find((e) => e.action === 'sites.synced');
  assert.match(synced.summary, /admin Pat Dispatcher synced the sites of Harbor View Condominiums: 2 sites, 3 systems/);
  assert.deepEqual(synced.details, { added: ['shed'], changed: ['main'], removed: ['garage'] });

  // Duplicate ids, bad ids, unknown fields, unknown account: clear 4xx.
  const dup = await kit.admin('PUT', sitesPath(a.account.id), { items: [A_SITES.items[1], A_SITES.items[1]] });
  assert.equal(dup.status, 400);
  assert.match(fields(dup)['items.1.id'], /Another site already uses the id "garage"/);
  const dupSystem = await kit.admin('PUT', sitesPath(a.account.id), { items: [{ id: 's', name: 'S', systems: [{ id: 'p', name: 'P' }, { id: 'p', name: 'Q' }] }] });
  assert.match(fields(dupSystem)['items.0.systems.1.id'], /already uses the id "p"/);
  for (const body of [{ items: [{ id: '../x', name: 'X' }] }, { items: [{ id: 'x', name: 'X', colour: 'red' }] }, { items: [{ id: 'x', name: 'X', systems: [{ id: 'y', name: 'Y', kind: 'nuclear' }] }] }, { items: 'all' }, {}]) {
    assert.equal((await kit.admin('PUT', sitesPath(a.account.id), body)).status, 400, JSON.stringify(body));
  }
  assert.equal((await kit.admin('PUT', sitesPath('01jd8k3m4n5p6q7r8s9t0v1w2x'), A_SITES)).status, 404);
  assert.equal((await a.as('PUT', sitesPath(a.account.id), A_SITES)).status, 401, 'a portal token is not an admin');
});

test('a site work order: numbered per dealer, snapshot of site and system, timeline, audit, events feed, emails to the dealer and the client', async () => {
  const { kit, a } = await setup();
  const created = await a.as('POST', Routes.workOrders, order({ preferredWindows: [{ date: '2026-11-24', part: 'morning' }, { date: '2026-11-23' }], note: '  Keypad beeps.\r\nZone 4 fault.  ' }));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const wo = created.body;
  assert.equal(wo.number, 'WO-1001');
  assert.equal(wo.kind, 'site');
  assert.equal(wo.status, 'submitted');
  assert.equal(wo.accountId, a.account.id);
  assert.deepEqual(wo.site, { id: 'main', name: 'Main building' });
  assert.deepEqual(wo.system, { id: 'panel-1', name: 'Intrusion panel', kind: 'intrusion' });
  assert.equal(wo.note, 'Keypad beeps.\nZone 4 fault.', 'trimmed, line breaks normalised');
  assert.deepEqual(wo.preferredWindows, [{ date: '2026-11-24', part: 'morning' }, { date: '2026-11-23', part: 'any' }]);
  assert.deepEqual(wo.createdBy, { kind: 'user', userId: a.manager.id, name: 'Dana Reyes' });
  assert.deepEqual(wo.timeline, [{ status: 'submitted', at: iso(kit), note: null, by: { kind: 'user', userId: a.manager.id, name: 'Dana Reyes' } }]);
  assert.deepEqual(wo.notes, []);
  assert.deepEqual(wo.photos, []);
  assert.equal(wo.externalRef, null);

  const second = await a.as('POST', Routes.workOrders, order({ siteId: 'garage', systemId: 'cam-1', requestType: 'inspection' }));
  assert.equal(second.body.number, 'WO-1002');

  assert.deepEqual((await a.as('GET', woPath(wo.id))).body, wo);
  const list = await a.as('GET', Routes.workOrders);
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.items.map((w: any) => w.number), ['WO-1002', 'WO-1001'], 'newest first');
  assert.equal(list.body.items[1].noteCount, 0);
  assert.equal(list.body.items[1].photoCount, 0);
  assert.equal(list.body.items[1].timeline, undefined, 'the list has summaries');

  const entry = (await auditOf(kit, a.account.id)).find((e) => e.action === 'work-order.created' && e.target.id === wo.id);
  assert.match(entry.summary, /Dana Reyes sent work order WO-1001 \(Repair \/ service call, Main building \/ Intrusion panel\)/);
  const feed = (await events(kit)).filter((e) => e.type === 'work-order.created');
  assert.equal(feed.length, 2);
  assert.equal(feed[0]!.accountId, a.account.id);
  assert.deepEqual((feed[0] as any).workOrder, wo);

  await kit.portal.settled();
  const toDealer = kit.mailer.sent.filter((m) => m.template === 'work-order-submitted');
  assert.deepEqual(toDealer.map((m) => m.to.email), ['dispatch@lakeside.example', 'dispatch@lakeside.example'], 'notifyEmail, one per order');
  const first = toDealer[0]!;
  assert.equal(first.template, 'work-order-submitted');
  if (first.template === 'work-order-submitted') {
    assert.equal(first.data.number, 'WO-1001');
    assert.equal(first.data.siteAddress, '12 Harbor Rd, Springfield');
    assert.equal(first.data.requestType, 'Repair / service call');
    assert.equal(first.data.url, `${ORIGIN}/portal#porchlight-work-order=${wo.id}`);
    assert.equal(first.data.identifier, '5550100');
  }
  const receipts = kit.mailer.sent.filter((m) => m.template === 'work-order-confirmation');
  assert.deepEqual(receipts.map((m) => m.to.email), ['dana@harborview.example', 'dana@harborview.example']);
});

test('without notifyEmail the dealer\'s supportEmail gets it; with neither, only the client', async () => {
  const withSupport = await setup(kitWith({ portalUrl: `${ORIGIN}/portal`, supportEmail: 'support@lakeside.example' }));
  assert.equal((await withSupport.a.as('POST', Routes.workOrders, order())).status, 201);
  await withSupport.kit.portal.settled();
  assert.deepEqual(withSupport.kit.mailer.sent.map((m) => [m.template, m.to.email]), [
    ['work-order-submitted', 'support@lakeside.example'],
    ['work-order-confirmation', 'dana@harborview.example'],
  ]);
  const bare = await setup(kitWith({}));
  assert.equal((await bare.a.as('POST', Routes.workOrders, order())).status, 201);
  await bare.kit.portal.settled();
  assert.deepEqual(bare.kit.mailer.sent.map((m) => m.template), ['work-order-confirmation']);
  const receipt = bare.kit.mailer.sent[0]!;
  if (receipt.template === 'work-order-confirmation') assert.equal(receipt.data.url, null, 'no portal page, no origin: no link');
});

test('a general service request names no site and goes to the technicians (else to notifyEmail)', async () => {
  const { kit, a } = await setup();
  const res = await a.as('POST', Routes.workOrders, { kind: 'general', requestType: 'authorization', note: 'Please authorise Joe to arm/disarm.' });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(res.body.site, null);
  assert.equal(res.body.system, null);
  await kit.portal.settled();
  const toTech = kit.mailer.sent.filter((m) => m.template === 'work-order-submitted').map((m) => m.to.email);
  assert.deepEqual(toTech, ['tech1@lakeside.example', 'tech2@lakeside.example'], 'each technician, not notifyEmail');

  const refused = await a.as('POST', Routes.workOrders, { kind: 'general', siteId: 'main', systemId: 'panel-1', requestType: 'other', note: 'x' });
  assert.equal(refused.status, 400);
  assert.match(fields(refused).siteId, /general request names no site/);
  assert.match(fields(refused).systemId, /names no system/);

  const noTechs = await setup(kitWith({ notifyEmail: 'dispatch@lakeside.example' }));
  await noTechs.a.as('POST', Routes.workOrders, { kind: 'general', requestType: 'other', note: 'x' });
  await noTechs.kit.portal.settled();
  assert.deepEqual(noTechs.kit.mailer.sent.filter((m) => m.template === 'work-order-submitted').map((m) => m.to.email), ['dispatch@lakeside.example']);
});

test('site and system are checked against the account\'s own sites, with field errors, and nothing is written', async () => {
  const { kit, a, b } = await setup();
  const cases: [Record<string, unknown>, string, RegExp][] = [
    [order({ systemId: 'cam-1' }), 'systemId', /This system belongs to Garage, not to Main building/],
    [order({ systemId: 'nope' }), 'systemId', /Main building has no such system/],
    [order({ siteId: 'b-site', systemId: 'b-panel' }), 'siteId', /This account has no such site/],
    [order({ siteId: undefined }), 'siteId', /Choose the site/],
    [order({ systemId: undefined }), 'systemId', /Choose the alarm system/],
  ];
  for (const [body, field, message] of cases) {
    const res = await a.as('POST', Routes.workOrders, body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.equal(code(res), 'VALIDATION_FAILED');
    assert.match(fields(res)[field], message, JSON.stringify(res.body));
  }
  // B may use its own site, not A's.
  assert.match(fields(await b.as('POST', Routes.workOrders, order()))['siteId'], /no such site/);
  assert.equal((await b.as('POST', Routes.workOrders, order({ siteId: 'b-site', systemId: 'b-panel' }))).status, 201);
  // An account with no sites yet is told to send a general request.
  const c = await kit.accountWithManager({ name: 'No Sites', mainPhone: '5550177', username: 'nosites' });
  assert.match(fields(await kit.as(c.token)('POST', Routes.workOrders, order()))['siteId'], /no sites yet/);

  assert.deepEqual((await a.as('GET', `${Routes.workOrders}?status=all`)).body.items, []);
  assert.equal((await auditOf(kit, a.account.id)).filter((e) => e.action === 'work-order.created').length, 0);
  // The refused attempts used no number.
  assert.equal((await a.as('POST', Routes.workOrders, order())).body.number, 'WO-1002');
});

test('preferred windows: real dates, not in the past by the server clock, at most 3, each once; note 1–2000 characters', async () => {
  const kit = kitWith();
  // 10:30 UTC: the 23rd has not ended everywhere yet (UTC-12 is still on it).
  kit.clock.now = Date.parse('2026-11-24T10:30:00Z');
  const { a } = await setup(kit);
  const windows = (preferredWindows: unknown[]) => a.as('POST', Routes.workOrders, order({ preferredWindows }));
  assert.match(fields(await windows([{ date: '2026-11-22', part: 'morning' }]))['preferredWindows.0.date'], /This day has passed/);
  assert.match(fields(await windows([{ date: '2026-11-24' }, { date: '2026-02-30' }]))['preferredWindows.1.date'], /YYYY-MM-DD/);
  assert.match(fields(await windows([{ date: '24/11/2026' }]))['preferredWindows.0.date'], /YYYY-MM-DD/);
  assert.match(fields(await windows([{ date: '2028-01-01' }]))['preferredWindows.0.date'], /within the next 365 days/);
  assert.match(fields(await windows([{ date: '2026-11-24', part: 'morning' }, { date: '2026-11-24', part: 'morning' }]))['preferredWindows.1.date'], /already in the list/);
  assert.match(fields(await windows([{ date: '2026-11-24', part: 'night' }]))['preferredWindows.0.part'], /morning, afternoon, evening, any/);
  const four = await windows(['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'].map((date) => ({ date })));
  assert.equal(four.status, 400);
  assert.match(fields(four).preferredWindows, /at most 3/);
  // A day is fine until it has ended everywhere: the 23rd at 10:30 UTC on the 24th still is; at 12:00 UTC it has passed.
  assert.equal((await windows([{ date: '2026-11-23' }])).status, 201);
  kit.clock.now = Date.parse('2026-11-24T12:00:00Z');
  assert.match(fields(await windows([{ date: '2026-11-23' }]))['preferredWindows.0.date'], /This day has passed/);
  assert.equal((await windows([{ date: '2026-11-24' }])).status, 201);

  assert.match(fields(await a.as('POST', Routes.workOrders, order({ note: '   ' }))).note, /Describe what you need/);
  assert.match(fields(await a.as('POST', Routes.workOrders, order({ note: 'x'.repeat(2001) }))).note, /at most 2000/);
  assert.equal((await a.as('POST', Routes.workOrders, order({ note: 'x'.repeat(2000) }))).status, 201);
  assert.match(fields(await a.as('POST', Routes.workOrders, order({ requestType: 'pizza' }))).requestType, /repair, inspection/);
});

test('sending and adding notes need work-orders.submit (refused, nothing written, audited); reading needs none; emulation is recorded', async () => {
  const { kit, a } = await setup();
  const viewer = await kit.staffLogin(a.as, a.identifier, { name: 'Vera Viewer', username: 'vera', permissions: [] });
  const sender = await kit.staffLogin(a.as, a.identifier, { name: 'Sid Sender', username: 'sid', permissions: ['work-orders.submit'] });
  const mine = (await a.as('POST', Routes.workOrders, order())).body;

  const refused = await viewer.as('POST', Routes.workOrders, order());
  assert.equal(refused.status, 403);
  assert.equal(code(refused), 'PERMISSION_DENIED');
  assert.match(refused.body.error.message, /Submit and edit work orders/);
  assert.equal((await viewer.as('POST', notesPath(mine.id), { body: 'hello' })).status, 403);
  assert.equal((await viewer.as('GET', Routes.workOrders)).body.items.length, 1, 'reading needs no permission');
  assert.equal((await viewer.as('GET', woPath(mine.id))).body.notes.length, 0, 'the refused note was not written');
  assert.equal((await viewer.as('GET', Routes.sites)).body.items.length, 2);
  const denied = (await auditOf(kit, a.account.id)).filter((e) => e.action === 'access.denied');
  assert.ok(denied.some((e) => /Vera Viewer was refused: submit and edit work orders \(POST \/v1\/work-orders\)/.test(e.summary)));

  const bySid = await sender.as('POST', Routes.workOrders, order());
  assert.equal(bySid.status, 201);
  assert.deepEqual(bySid.body.createdBy, { kind: 'user', userId: sender.user.id, name: 'Sid Sender' });

  const token = (await kit.admin('POST', routePath(R.emulate, { accountId: a.account.id }), {})).body.token;
  const emulated = await kit.as(token)('POST', Routes.workOrders, order());
  assert.equal(emulated.status, 201);
  assert.equal(emulated.body.createdBy.kind, 'emulation');
  assert.equal(emulated.body.createdBy.name, 'admin Pat Dispatcher as manager Dana Reyes');
  assert.equal(emulated.body.createdBy.adminId, undefined, 'the portal never shows the key behind it');
  const full = await kit.admin('GET', adminWo(emulated.body.id));
  assert.equal(full.body.createdBy.adminId, 'backoffice', 'the back office sees it');

  // The account's ceiling applies to managers too.
  await kit.admin('PATCH', routePath(R.account, { accountId: a.account.id }), { permissions: ['invoices.view', 'staff.manage'] });
  assert.equal(code(await a.as('POST', Routes.workOrders, order())), 'PERMISSION_DENIED');
  assert.equal((await a.as('GET', Routes.workOrders)).status, 200);
});

test('an account never reaches another account\'s work orders (404), and another dealer\'s key never reaches this dealer\'s', async () => {
  const { kit, a, b } = await setup();
  const wo = (await a.as('POST', Routes.workOrders, order())).body;
  for (const [method, path, body] of [
    ['GET', woPath(wo.id)],
    ['POST', notesPath(wo.id), { body: 'mine now' }],
    ['GET', routePath(Routes.workOrderPhoto, { workOrderId: wo.id, attachmentId: '01jd8k3m4n5p6q7r8s9t0v1w2x' })],
  ] as const) {
    const res = await b.as(method, path, body);
    assert.equal(res.status, 404, `${method} ${path}`);
  }
  assert.deepEqual((await b.as('GET', `${Routes.workOrders}?status=all`)).body.items, []);
  assert.equal((await a.as('GET', woPath(wo.id))).body.notes.length, 0);

  const two = makeTwoDealerKit();
  const lake = await two.managerAt('lakeside', '5550100');
  const hill = await two.managerAt('hilltop', '5550100');
  assert.equal((await lake.admin('PUT', sitesPath(lake.account.id), A_SITES)).status, 200);
  const lakeWo = (await lake.as('POST', Routes.workOrders, order())).body;
  assert.equal(lakeWo.number, 'WO-1001');
  const hilltop = (method: string, path: string, body?: unknown) => two.call(method, path, body, { authorization: `Bearer ${HILLTOP_KEY}`, 'porchlight-dealer': 'hilltop' });
  assert.equal((await hilltop('GET', adminWo(lakeWo.id))).status, 404);
  assert.equal((await hilltop('POST', statusPath(lakeWo.id), { status: 'dispatched', at: new Date(two.clock.now).toISOString() })).status, 404);
  assert.equal((await hilltop('POST', routePath(R.workOrderNotes, { workOrderId: lakeWo.id }), { body: 'x' })).status, 404);
  assert.equal((await hilltop('PUT', sitesPath(lake.account.id), B_SITES)).status, 404);
  assert.equal((await hilltop('GET', sitesPath(lake.account.id))).status, 404);
  assert.deepEqual((await hilltop('GET', `${R.workOrders}?status=all`)).body.items, []);
  // Lakeside's key sent for hilltop is not a hilltop key.
  assert.equal((await two.call('GET', `${R.workOrders}?status=all`, undefined, { authorization: `Bearer ${API_KEY}`, 'porchlight-dealer': 'hilltop' })).status, 401);
  // Hilltop numbers its own work orders.
  assert.equal((await hill.admin('PUT', sitesPath(hill.account.id), A_SITES)).status, 200);
  assert.equal((await hill.as('POST', Routes.workOrders, order())).body.number, 'WO-1001');
  assert.equal((await hilltop('GET', adminWo(lakeWo.id))).status, 404);
  assert.equal((await lake.as('GET', woPath(lakeWo.id))).status, 200);
  assert.equal((await hill.as('GET', woPath(lakeWo.id))).status, 404);
});

test('status sync: forward with skips, idempotent repeats, out-of-order refused clearly, nothing after completed; the client is emailed', async () => {
  const { kit, a } = await setup();
  const wo = (await a.as('POST', Routes.workOrders, order())).body;
  kit.mailer.sent.length = 0;
  kit.clock.now += 30 * MIN;
  const t1 = iso(kit, -20 * MIN);
  const dispatched = await kit.admin('POST', statusPath(wo.id), { status: 'dispatched', at: t1, note: 'Sam is on it.', externalRef: 'JOB-77' });
  assert.equal(dispatched.status, 200, JSON.stringify(dispatched.body));
  assert.equal(dispatched.body.status, 'dispatched');
  assert.equal(dispatched.body.statusAt, t1);
  assert.equal(dispatched.body.externalRef, 'JOB-77');
  assert.deepEqual(dispatched.body.timeline.map((e: any) => e.status), ['submitted', 'dispatched'], 'scheduled skipped');
  assert.deepEqual(dispatched.body.timeline[1], { status: 'dispatched', at: t1, note: 'Sam is on it.', by: { kind: 'admin', adminId: 'backoffice', name: 'admin Pat Dispatcher' } });

  // The same update again, and the same status at another moment: one step.
  assert.equal((await kit.admin('POST', statusPath(wo.id), { status: 'dispatched', at: t1, note: 'Sam is on it.', externalRef: 'JOB-77' })).status, 200);
  const sameStatus = await kit.admin('POST', statusPath(wo.id), { status: 'dispatched', at: iso(kit, -MIN) });
  assert.equal(sameStatus.status, 200);
  assert.equal(sameStatus.body.timeline.length, 2);

  // Accepts other ISO forms (normalised); a moment before the last step is refused, clearly.
  const t2 = iso(kit, -10 * MIN);
  const enRoute = await kit.admin('POST', statusPath(wo.id), { status: 'en-route', at: t2.replace('.000Z', '+00:00') });
  assert.equal(enRoute.status, 200, JSON.stringify(enRoute.body));
  assert.equal(enRoute.body.statusAt, t2);
  const late = await kit.admin('POST', statusPath(wo.id), { status: 'arrived', at: iso(kit, -15 * MIN) });
  assert.equal(late.status, 409);
  assert.equal(code(late), 'CONFLICT');
  assert.match(late.body.error.message, /Out of order: This update is dated .* earlier than the work order's last step \(en route at /);
  assert.match(fields(late).at, /Send status updates in the order they happened/);
  const back = await kit.admin('POST', statusPath(wo.id), { status: 'scheduled', at: iso(kit) });
  assert.equal(back.status, 409);
  assert.match(fields(back).status, /already en route: it cannot go back to scheduled/);
  const future = await kit.admin('POST', statusPath(wo.id), { status: 'arrived', at: iso(kit, 6 * MIN) });
  assert.equal(future.status, 400);
  assert.match(fields(future).at, /cannot be in the future/);
  assert.equal((await kit.admin('POST', statusPath(wo.id), { status: 'submitted', at: iso(kit) })).status, 400);

  // A delayed repeat of an earlier step, after the order moved on, is still a harmless repeat.
  const delayed = await kit.admin('POST', statusPath(wo.id), { status: 'dispatched', at: t1 });
  assert.equal(delayed.status, 200);
  assert.equal(delayed.body.status, 'en-route');

  assert.equal((await kit.admin('POST', statusPath(wo.id), { status: 'arrived', at: iso(kit, -5 * MIN) })).status, 200);
  const done = await kit.admin('POST', statusPath(wo.id), { status: 'completed', at: iso(kit), note: 'Replaced keypad battery.' });
  assert.equal(done.status, 200);
  assert.deepEqual(done.body.timeline.map((e: any) => e.status), ['submitted', 'dispatched', 'en-route', 'arrived', 'completed']);
  const after = await kit.admin('POST', statusPath(wo.id), { status: 'cancelled', at: iso(kit) });
  assert.equal(after.status, 409);
  assert.match(fields(after).status, /is completed: its status can no longer change/);
  assert.equal((await kit.admin('POST', statusPath(wo.id), { status: 'completed', at: iso(kit), note: 'Replaced keypad battery.' })).status, 200, 'a repeat of the last step still answers');

  // The client sees the same timeline, without the key behind it.
  const seen = (await a.as('GET', woPath(wo.id))).body;
  assert.equal(seen.status, 'completed');
  assert.deepEqual(seen.timeline[1].by, { kind: 'admin', name: 'admin Pat Dispatcher' });
  assert.equal((await a.as('GET', Routes.workOrders)).body.items.length, 0, 'completed is not open');
  assert.equal((await a.as('GET', `${Routes.workOrders}?status=closed`)).body.items[0].status, 'completed');

  await kit.portal.settled();
  const emails = kit.mailer.sent.filter((m) => m.template === 'work-order-status');
  assert.deepEqual(
    emails.map((m) => [m.to.email, m.template === 'work-order-status' && m.data.status]),
    [
      ['dana@harborview.example', 'dispatched'],
      ['dana@harborview.example', 'arrived'],
      ['dana@harborview.example', 'completed'],
    ],
    'dispatched, arrived and completed, once each; not en route',
  );
  const last = emails.at(-1)!;
  if (last.template === 'work-order-status') {
    assert.equal(last.data.note, 'Replaced keypad battery.');
    assert.equal(last.data.url, `${ORIGIN}/portal#porchlight-work-order=${wo.id}`);
  }
  const changes = (await auditOf(kit, a.account.id)).filter((e) => e.action === 'work-order.status-changed');
  assert.equal(changes.length, 4, 'one entry per step, none for the repeats');
  assert.match(changes[0].summary, /admin Pat Dispatcher set work order WO-1001 to completed/);

  // Cancelling an open order; unknown or malformed ids.
  const other = (await a.as('POST', Routes.workOrders, order())).body;
  const cancelled = await kit.admin('POST', statusPath(other.id), { status: 'cancelled', at: iso(kit), note: 'Client called to cancel.' });
  assert.equal(cancelled.body.status, 'cancelled');
  assert.equal((await kit.admin('POST', statusPath('01jd8k3m4n5p6q7r8s9t0v1w2x'), { status: 'dispatched', at: iso(kit) })).status, 404);
  assert.equal((await kit.admin('POST', statusPath('nope'), { status: 'dispatched', at: iso(kit) })).status, 400);
});

test('notes: the client adds them while the order is open (event, audit), the dealer any time; both read them in order', async () => {
  const { kit, a } = await setup();
  const wo = (await a.as('POST', Routes.workOrders, order())).body;
  kit.clock.now += MIN;
  const added = await a.as('POST', notesPath(wo.id), { body: 'The dog will be inside.' });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  assert.equal(added.body.notes.length, 1);
  assert.deepEqual({ ...added.body.notes[0], id: undefined }, { id: undefined, side: 'client', author: { kind: 'user', userId: a.manager.id, name: 'Dana Reyes' }, at: iso(kit), body: 'The dog will be inside.' });
  const dealerNote = await kit.admin('POST', routePath(R.workOrderNotes, { workOrderId: wo.id }), { body: 'Noted, thanks.' });
  assert.equal(dealerNote.status, 201);
  const seen = (await a.as('GET', woPath(wo.id))).body;
  assert.deepEqual(seen.notes.map((n: any) => [n.side, n.body]), [
    ['client', 'The dog will be inside.'],
    ['dealer', 'Noted, thanks.'],
  ]);
  assert.deepEqual(seen.notes[1].author, { kind: 'admin', name: 'admin Pat Dispatcher' });
  const summary = (await a.as('GET', Routes.workOrders)).body.items[0];
  assert.equal(summary.noteCount, 2);
  assert.equal(summary.lastNoteSide, 'dealer');

  const feed = (await events(kit)).filter((e) => e.type === 'work-order.note-added');
  assert.equal(feed.length, 1, 'only the client\'s note goes to the feed');
  assert.equal((feed[0] as any).note.body, 'The dog will be inside.');
  assert.equal((feed[0] as any).workOrder.id, wo.id);
  const audits = (await auditOf(kit, a.account.id)).filter((e) => e.action === 'work-order.note-added');
  assert.equal(audits.length, 2);

  assert.match(fields(await a.as('POST', notesPath(wo.id), { body: ' ' })).body, /Write a note/);
  assert.equal((await a.as('POST', notesPath(wo.id), { body: 'x', extra: 1 })).status, 400);
  await kit.admin('POST', statusPath(wo.id), { status: 'completed', at: iso(kit) });
  const closed = await a.as('POST', notesPath(wo.id), { body: 'One more thing' });
  assert.equal(closed.status, 409);
  assert.match(closed.body.error.message, /WO-1001 is completed: it takes no more notes/);
  assert.equal((await kit.admin('POST', routePath(R.workOrderNotes, { workOrderId: wo.id }), { body: 'Invoice sent.' })).status, 201, 'the dealer still can');
});

test('onEvent gets every feed event with its dealer, after the request; one that throws never fails the request', async () => {
  const seen: { event: SyncEvent; dealerId: string }[] = [];
  const reported: unknown[] = [];
  const ok = await setup(kitWith(SETTINGS, { onEvent: async (event, info) => void seen.push({ event, dealerId: info.dealerId }) }));
  const wo = (await ok.a.as('POST', Routes.workOrders, order())).body;
  await ok.a.as('POST', notesPath(wo.id), { body: 'Gate code 4321' });
  await ok.kit.portal.settled();
  assert.deepEqual(seen.map((s) => [s.event.type, s.dealerId]), [
    ['work-order.created', 'lakeside'],
    ['work-order.note-added', 'lakeside'],
  ]);
  assert.deepEqual(seen.map((s) => s.event), (await events(ok.kit)).filter((e) => e.type.startsWith('work-order.')), 'the same events as the feed');

  for (const onEvent of [
    () => {
      throw new Error('webhook down');
    },
    async () => Promise.reject(new Error('webhook timed out')),
  ]) {
    const failing = await setup(kitWith(SETTINGS, { onEvent, onUnexpectedError: (e) => void reported.push(e) }));
    const res = await failing.a.as('POST', Routes.workOrders, order());
    assert.equal(res.status, 201);
    await failing.kit.portal.settled();
    assert.equal((await failing.a.as('GET', woPath(res.body.id))).status, 200);
    assert.equal((await events(failing.kit)).filter((e) => e.type === 'work-order.created').length, 1, 'the feed keeps it');
  }
  assert.deepEqual(reported.map((e) => (e as Error).message), ['webhook down', 'webhook timed out']);
  assert.throws(() => kitWith(SETTINGS, { onEvent: 'https://hooks.example' as never }), /onEvent` must be a function/);
});

test('lists page newest first with a cursor, filter by status, and the back office lists every account with its name', async () => {
  const kit = kitWith(SETTINGS, { rateLimits: { workOrderUser: { max: 1000, windowSeconds: 3600 } } });
  const { a, b } = await setup(kit);
  const made: any[] = [];
  for (let i = 0; i < 23; i++) {
    kit.clock.now += 1000;
    made.push((await a.as('POST', Routes.workOrders, order({ note: `Order ${i}` }))).body);
  }
  kit.clock.now += 1000;
  const fromB = (await b.as('POST', Routes.workOrders, order({ siteId: 'b-site', systemId: 'b-panel' }))).body;
  for (const wo of made.slice(0, 3)) await kit.admin('POST', statusPath(wo.id), { status: 'completed', at: iso(kit) });

  const page1 = await a.as('GET', `${Routes.workOrders}?limit=8`);
  assert.equal(page1.body.items.length, 8);
  assert.equal(page1.body.items[0].note, 'Order 22');
  const page2 = await a.as('GET', `${Routes.workOrders}?limit=8&cursor=${encodeURIComponent(page1.body.cursor)}`);
  const page3 = await a.as('GET', `${Routes.workOrders}?limit=8&cursor=${encodeURIComponent(page2.body.cursor)}`);
  const open = [...page1.body.items, ...page2.body.items, ...page3.body.items].map((w: any) => w.note);
  assert.deepEqual(open, made.slice(3).reverse().map((w) => w.note), 'open ones, newest first, each once');
  assert.equal(page3.body.cursor, null);
  assert.equal((await a.as('GET', `${Routes.workOrders}?status=closed`)).body.items.length, 3);
  assert.equal((await a.as('GET', `${Routes.workOrders}?status=all&limit=100`)).body.items.length, 23);
  assert.equal((await a.as('GET', `${Routes.workOrders}?status=all`)).body.items.length, 20, 'default page size');

  const all = await kit.admin('GET', `${R.workOrders}?status=all&limit=100`);
  assert.equal(all.status, 200);
  assert.equal(all.body.items.length, 24);
  assert.equal(all.body.items[0].id, fromB.id);
  assert.equal(all.body.items[0].accountName, 'Other Account');
  assert.equal(all.body.items[1].accountName, 'Harbor View Condominiums');
  const onlyB = await kit.admin('GET', `${R.workOrders}?accountId=${b.account.id}`);
  assert.deepEqual(onlyB.body.items.map((w: any) => w.number), [fromB.number]);
  const closedA = await kit.admin('GET', `${R.workOrders}?status=closed&accountId=${a.account.id}&limit=2`);
  assert.equal(closedA.body.items.length, 2);
  assert.notEqual(closedA.body.cursor, null);
  assert.equal((await kit.admin('GET', `${R.workOrders}?accountId=01jd8k3m4n5p6q7r8s9t0v1w2x`)).status, 404);

  for (const query of ['?cursor=garbage', '?cursor=AAAA.999', '?limit=0', '?limit=101', '?limit=abc', '?status=done', '?color=red']) {
    const res = await a.as('GET', Routes.workOrders + query);
    assert.equal(res.status, 400, query);
    assert.equal(code(res), 'VALIDATION_FAILED');
  }
});

test('a login sends at most 20 work orders an hour (each emails the dealer)', async () => {
  const { kit, a } = await setup();
  for (let i = 0; i < 20; i++) assert.equal((await a.as('POST', Routes.workOrders, order())).status, 201);
  const limited = await a.as('POST', Routes.workOrders, order());
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get('retry-after'), '3600');
  kit.clock.now += 61 * MIN;
  assert.equal((await a.as('POST', Routes.workOrders, order())).status, 201);
});

test('garbage input never answers 5xx', async () => {
  const { kit, a } = await setup();
  const wo = (await a.as('POST', Routes.workOrders, order())).body;
  const bodies: unknown[] = [
    'not json',
    '[]',
    'null',
    '{"__proto__":{"x":1}}',
    { ...order(), kind: 'both' },
    { ...order(), photos: 'x' },
    { ...order(), photos: ['../etc/passwd'] },
    { ...order(), photos: Array.from({ length: 6 }, () => '01jd8k3m4n5p6q7r8s9t0v1w2x') },
    { ...order(), preferredWindows: 'tomorrow' },
    { ...order(), preferredWindows: [null] },
    { ...order(), preferredWindows: [{ date: 20261124 }] },
    { ...order(), siteId: { $ne: null } },
    { ...order(), siteId: 'a'.repeat(65) },
    { ...order(), note: 12 },
    { ...order(), extra: true },
  ];
  for (const body of bodies) {
    const res = await a.as('POST', Routes.workOrders, body);
    assert.ok(res.status >= 400 && res.status < 500, `${JSON.stringify(body)} -> ${res.status}`);
  }
  const statusBodies: unknown[] = [
    {},
    { status: 'dispatched' },
    { status: 'dispatched', at: 'yesterday' },
    { status: 'dispatched', at: '2026-13-45T99:99:99Z' },
    { status: 'teleported', at: iso(kit) },
    { status: 'dispatched', at: iso(kit), externalRef: '' },
    { status: 'dispatched', at: iso(kit), externalRef: 'x'.repeat(101) },
    { status: 'dispatched', at: iso(kit), note: 'x'.repeat(2001) },
    { status: 'dispatched', at: iso(kit), by: 'me' },
  ];
  for (const body of statusBodies) {
    const res = await kit.admin('POST', statusPath(wo.id), body);
    assert.equal(res.status, 400, `${JSON.stringify(body)} -> ${res.status} ${JSON.stringify(res.body)}`);
  }
  for (const path of [woPath('x'), woPath('..%2F..'), notesPath('ZZZZ'), routePath(Routes.workOrderPhoto, { workOrderId: wo.id, attachmentId: 'nope' }), adminWo('x')]) {
    const res = path.startsWith('/v1/admin') ? await kit.admin('GET', path) : await a.as('GET', path);
    assert.ok(res.status === 400 || res.status === 404, `${path} -> ${res.status}`);
  }
  assert.equal((await kit.call('GET', Routes.workOrders)).status, 401);
  assert.equal((await kit.call('GET', R.workOrders)).status, 401);
  const notJson = await kit.portal.request(Routes.workOrders, { method: 'POST', headers: { authorization: `Bearer ${a.token}`, 'content-type': 'text/plain' }, body: 'hello' });
  assert.equal(notJson.status, 415);
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);

/** POSTs raw bytes as an upload with `token`; answers the status and JSON. */
async function upload(kit: Kit, token: string, bytes: Uint8Array<ArrayBuffer>, filename: string, type = 'application/octet-stream') {
  const res = await kit.portal.request(`${Routes.uploads}?filename=${encodeURIComponent(filename)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body: bytes,
  });
  return { status: res.status, body: (await res.json()) as any };
}

test('photos: uploaded first, named by id, claimed once; downloads answer as attachments that never render, to this account only', async () => {
  const { kit, a, b } = await setup();
  const png = await upload(kit, a.token, PNG, 'keypad.png', 'image/png');
  assert.equal(png.status, 201, JSON.stringify(png.body));
  const jpeg = await upload(kit, a.token, JPEG, 'Zone 4 «sensor».jpg');
  assert.equal(jpeg.status, 201, JSON.stringify(jpeg.body));
  const created = await a.as('POST', Routes.workOrders, order({ photos: [png.body.id, jpeg.body.id] }));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const wo = created.body;
  assert.deepEqual(wo.photos.map((p: any) => [p.id, p.filename, p.contentType, p.size]), [
    [png.body.id, 'keypad.png', 'image/png', PNG.length],
    [jpeg.body.id, 'Zone 4 «sensor».jpg', 'image/jpeg', JPEG.length],
  ]);
  assert.equal((await a.as('GET', Routes.workOrders)).body.items[0].photoCount, 2);
  await kit.portal.settled();
  const toDealer = kit.mailer.last('work-order-submitted');
  assert.ok(toDealer?.template === 'work-order-submitted' && toDealer.data.photoCount === 2);

  const photoPath = (attachmentId: string, workOrderId = wo.id) => routePath(Routes.workOrderPhoto, { workOrderId, attachmentId });
  const res = await kit.portal.request(photoPath(jpeg.body.id), { headers: { authorization: `Bearer ${a.token}`, origin: ORIGIN } });
  assert.equal(res.status, 200);
  assert.deepEqual(new Uint8Array(await res.arrayBuffer()), JPEG);
  assert.equal(res.headers.get('content-type'), 'image/jpeg');
  assert.match(res.headers.get('content-disposition')!, /^attachment; filename="Zone 4 _sensor_.jpg"; filename\*=UTF-8''Zone%204%20%C2%AB/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('content-security-policy'), 'sandbox');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.match(res.headers.get('access-control-expose-headers') ?? '', /Content-Disposition/);

  const admin = await kit.portal.request(routePath(R.workOrderPhoto, { workOrderId: wo.id, attachmentId: png.body.id }), { headers: { authorization: `Bearer ${API_KEY}` } });
  assert.equal(admin.status, 200);
  assert.deepEqual(new Uint8Array(await admin.arrayBuffer()), PNG);
  assert.equal(admin.headers.get('content-disposition')?.startsWith('attachment;'), true);

  // Another account, another work order, an id that is not a photo of this order: 404.
  assert.equal((await b.as('GET', photoPath(png.body.id))).status, 404);
  const other = (await a.as('POST', Routes.workOrders, order())).body;
  assert.equal((await a.as('GET', photoPath(png.body.id, other.id))).status, 404);
  assert.equal((await a.as('GET', photoPath('01jd8k3m4n5p6q7r8s9t0v1w2x'))).status, 404);

  // An upload is used once; another user's upload is not yours; nothing is written when refused.
  const again = await a.as('POST', Routes.workOrders, order({ photos: [png.body.id] }));
  assert.equal(again.status, 400);
  assert.match(fields(again)['photos.0'], /not one of your uploads/);
  const bs = await upload(kit, b.token, PNG, 'b.png');
  const stolen = await a.as('POST', Routes.workOrders, order({ photos: [bs.body.id] }));
  assert.equal(stolen.status, 400);
  assert.match(fields(stolen)['photos.0'], /not one of your uploads/);
  const twice = await a.as('POST', Routes.workOrders, order({ photos: [jpeg.body.id, jpeg.body.id] }));
  assert.equal(twice.status, 400);
  assert.equal((await a.as('GET', `${Routes.workOrders}?status=all`)).body.items.length, 2);
  assert.equal((await b.as('POST', Routes.workOrders, order({ siteId: 'b-site', systemId: 'b-panel', photos: [bs.body.id] }))).status, 201, 'B can still use it');

  // A refused order (bad site) does not use up the upload.
  const kept = await upload(kit, a.token, PNG, 'kept.png');
  assert.equal((await a.as('POST', Routes.workOrders, order({ siteId: 'nope', photos: [kept.body.id] }))).status, 400);
  assert.equal((await a.as('POST', Routes.workOrders, order({ photos: [kept.body.id] }))).status, 201);
});
