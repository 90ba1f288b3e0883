import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PorchlightError } from '@porchlight/core';
import { adminWorkOrdersApi, workOrdersApi, type WorkOrder } from './index.js';
import { backOfficeApi, json, portalApi, reply, type Answer } from './testing.js';

const portal = (answer: Answer) => portalApi(workOrdersApi, answer);
const backOffice = (answer: Answer) => backOfficeApi(adminWorkOrdersApi, answer);

const at = '2026-11-23T12:00:00.000Z';
const dana = { kind: 'user' as const, userId: 'usr_1', name: 'Dana Reyes' };
const wo: WorkOrder = {
  id: 'wo_1',
  number: 'WO-1001',
  accountId: 'acc_1',
  kind: 'site',
  site: { id: 'main', name: 'Main building' },
  system: { id: 'panel-1', name: 'Intrusion panel', kind: 'intrusion' },
  requestType: 'repair',
  note: 'Keypad beeps.',
  status: 'submitted',
  statusAt: at,
  createdAt: at,
  createdBy: dana,
  updatedAt: at,
  externalRef: null,
  photos: [],
  preferredWindows: [{ date: '2026-11-24', part: 'morning' }],
  timeline: [{ status: 'submitted', at, note: null, by: dana }],
  notes: [],
};

test('portal: sites, list with its query, one work order, send, note: paths, methods, bodies and the session', async () => {
  const { api, seen } = portal((s) => (s.method === 'POST' ? reply(wo, 201) : s.url.includes('/sites') ? reply({ items: [], updatedAt: null }) : s.url.endsWith('wo_1') ? reply(wo) : reply({ items: [], cursor: null })));
  assert.deepEqual(await api.sites(), { items: [], updatedAt: null });
  await api.list({ status: 'closed', cursor: 'c.1', limit: '5' });
  await api.list();
  assert.equal((await api.get('wo_1')).number, 'WO-1001');
  const input = { siteId: 'main', systemId: 'panel-1', requestType: 'repair' as const, note: 'Keypad beeps.', preferredWindows: [{ date: '2026-11-24', part: 'morning' as const }], photos: ['up_1'] };
  assert.equal((await api.create(input)).id, 'wo_1');
  await api.addNote('wo/1', 'The dog is inside.');
  assert.deepEqual(
    seen.map((s) => `${s.method} ${s.url}`),
    [
      'GET /api/v1/sites',
      'GET /api/v1/work-orders?status=closed&cursor=c.1&limit=5',
      'GET /api/v1/work-orders',
      'GET /api/v1/work-orders/wo_1',
      'POST /api/v1/work-orders',
      'POST /api/v1/work-orders/wo%2F1/notes',
    ],
  );
  assert.deepEqual(json(seen[4]!), input);
  assert.deepEqual(json(seen[5]!), { body: 'The dog is inside.' });
  assert.ok(seen.every((s) => s.headers.authorization === 'Bearer usr.secret' && s.headers['porchlight-dealer'] === 'lakeside'));
});

test('portal: a photo is uploaded raw with its name in the query (progress reported) and downloaded with its name', async () => {
  const upload = { id: 'up_1', filename: 'keypad.png', contentType: 'image/png', size: 4, sha256: 'ab', uploadedAt: at, expiresAt: at };
  const { api, seen } = portal((s) =>
    s.method === 'POST'
      ? reply(upload, 201)
      : new Response(new Uint8Array([1, 2, 3]), { headers: { 'content-type': 'image/jpeg', 'content-disposition': `attachment; filename="Zone _.jpg"; filename*=UTF-8''Zone%20%C2%AB.jpg` } }),
  );
  const progress: [number, number][] = [];
  const file = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });
  assert.deepEqual(await api.upload(file, 'keypad photo.png', { onProgress: (sent, total) => progress.push([sent, total]) }), upload);
  assert.equal(seen[0]!.url, '/api/v1/uploads?filename=keypad+photo.png');
  assert.equal(seen[0]!.headers['content-type'], 'image/png');
  assert.ok(seen[0]!.body instanceof Blob);
  assert.deepEqual(progress, [[4, 4]]);

  const photo = await api.downloadPhoto('wo_1', 'up_1');
  assert.equal(seen[1]!.url, '/api/v1/work-orders/wo_1/photos/up_1');
  assert.equal(seen[1]!.method, 'GET');
  assert.equal(photo.filename, 'Zone «.jpg');
  assert.equal(photo.contentType, 'image/jpeg');
  assert.deepEqual(new Uint8Array(await photo.blob.arrayBuffer()), new Uint8Array([1, 2, 3]));
});

test('portal: an API error comes back as PorchlightError with its fields', async () => {
  const { api } = portal(() => reply({ error: { code: 'VALIDATION_FAILED', message: 'Some fields are missing or not valid.', fields: { systemId: 'This system belongs to Garage, not to Main building.' } } }, 400));
  await assert.rejects(api.create({ siteId: 'main', systemId: 'cam-1', requestType: 'repair', note: 'x' }), (error: unknown) => {
    assert.ok(error instanceof PorchlightError);
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.match(error.fields!.systemId!, /belongs to Garage/);
    return true;
  });
});

test('back office: list, one, status, note, photo, sites: paths, methods and bodies', async () => {
  const { api, seen } = backOffice((s) => (s.url.includes('/photos/') ? new Response('hi', { headers: { 'content-type': 'text/plain; charset=utf-8' } }) : s.url.includes('/sites') ? reply({ items: [], updatedAt: null }) : reply(wo)));
  await api.list({ status: 'all', accountId: 'acc_1' });
  await api.get('wo_1');
  const update = { status: 'dispatched' as const, at, note: 'Sam is on it.', externalRef: 'JOB-77' };
  await api.setStatus('wo_1', update);
  await api.addNote('wo_1', 'Noted.');
  const file = await api.downloadPhoto('wo_1', 'up_1');
  await api.sites('acc_1');
  const sites = { items: [{ id: 'main', name: 'Main building', systems: [{ id: 'panel-1', name: 'Intrusion panel', kind: 'intrusion' as const }] }] };
  await api.putSites('acc_1', sites);
  assert.deepEqual(
    seen.map((s) => `${s.method} ${s.url}`),
    [
      'GET /api/v1/admin/work-orders?status=all&accountId=acc_1',
      'GET /api/v1/admin/work-orders/wo_1',
      'POST /api/v1/admin/work-orders/wo_1/status',
      'POST /api/v1/admin/work-orders/wo_1/notes',
      'GET /api/v1/admin/work-orders/wo_1/photos/up_1',
      'GET /api/v1/admin/accounts/acc_1/sites',
      'PUT /api/v1/admin/accounts/acc_1/sites',
    ],
  );
  assert.deepEqual(json(seen[2]!), update);
  assert.deepEqual(json(seen[3]!), { body: 'Noted.' });
  assert.deepEqual(json(seen[6]!), sites);
  assert.equal(file.filename, 'photo', 'no Content-Disposition: the fallback name');
  assert.equal(file.contentType, 'text/plain');
  assert.ok(seen.every((s) => s.headers.authorization === 'Bearer adm.secret'));
});
