import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import { MAX_PENDING_UPLOADS, Routes, UPLOAD_MAX_BYTES, UPLOAD_TTL_HOURS } from '@porchlight/core';
import { keys } from '../../store/keys.js';
import { API_KEY, makeKit } from '../../testing/kit.js';
import { postFile } from '../../testing/files.js';

type Kit = ReturnType<typeof makeKit>;

const code = (res: { body: any }) => res.body?.error?.code;
const enc = new TextEncoder();
const PDF = enc.encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
const TEXT = enc.encode('The keypad beeps every night at 2 am.\n');
const ZIP = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0]);
const ADMIN = { authorization: `Bearer ${API_KEY}`, 'porchlight-admin': 'Pat Dispatcher' };

async function setup(kit: Kit = makeKit()) {
  const { account, token, manager } = await kit.accountWithManager({ mainPhone: '5550100' });
  const user = (path: string, bytes: Uint8Array | string, o: Parameters<typeof postFile>[3] = {}) => postFile(kit.portal, path, bytes, { ...o, headers: { authorization: `Bearer ${token}`, ...o.headers } });
  return { kit, account, token, manager, user };
}

test('a portal user and the back office upload files: the type from the content, the name sanitised, kept 24 hours', async () => {
  const { kit, account, manager, user } = await setup();
  const res = await user(Routes.uploads, PNG, { filename: '../keypad photo', type: 'image/png' });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const up = res.body;
  assert.deepEqual(Object.keys(up).sort(), ['contentType', 'expiresAt', 'filename', 'id', 'sha256', 'size', 'uploadedAt']);
  assert.equal(up.filename, 'keypad photo.png', 'no path, the real type’s extension');
  assert.equal(up.contentType, 'image/png');
  assert.equal(up.size, PNG.length);
  assert.match(up.sha256, /^[0-9a-f]{64}$/);
  assert.equal(up.uploadedAt, '2026-11-23T12:00:00.000Z');
  assert.equal(Date.parse(up.expiresAt) - Date.parse(up.uploadedAt), UPLOAD_TTL_HOURS * 3_600_000);
  const uploader = { accountId: account.id, userId: manager.id };
  assert.ok(await kit.store.get(keys.upload('lakeside', uploader, up.id)));
  assert.deepEqual(await kit.store.getBytes(keys.uploadBytes('lakeside', uploader, up.id)), PNG);

  for (const [bytes, type, name] of [
    [PDF, 'application/pdf', 'report.pdf'],
    [JPEG, null, 'photo.jpeg'],
    [TEXT, 'text/plain; charset=utf-8', 'notes.txt'],
  ] as const) {
    const ok = await user(Routes.uploads, bytes, { filename: name, type });
    assert.equal(ok.status, 201, `${name}: ${JSON.stringify(ok.body)}`);
    assert.equal(ok.body.filename, name);
  }
  const staff = await postFile(kit.portal, Routes.admin.uploads, PDF, { filename: 'quote', headers: ADMIN });
  assert.equal(staff.status, 201, JSON.stringify(staff.body));
  assert.equal(staff.body.filename, 'quote.pdf');

  // Unused for 24 hours: gone (record and bytes).
  kit.clock.now += UPLOAD_TTL_HOURS * 3_600_000 + 1000;
  assert.equal(await kit.store.get(keys.upload('lakeside', uploader, up.id)), null);
  kit.clock.now += 600_000;
  assert.equal(await kit.store.getBytes(keys.uploadBytes('lakeside', uploader, up.id)), null);
});

test('a disallowed or contradicting file is refused (415), an empty one 400; nothing is stored', async () => {
  const { kit, account, manager, user } = await setup();
  const cases: [Uint8Array | string, string, string][] = [
    [ZIP, 'application/zip', 'a ZIP'],
    [ZIP, 'application/octet-stream', 'a ZIP sent as bytes'],
    ['<html><body><script>alert(1)</script></body></html>', 'text/plain', 'HTML claimed as text'],
    ['<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', 'image/svg+xml', 'SVG'],
    [new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0]), 'application/octet-stream', 'an executable'],
    [PNG, 'application/pdf', 'a PNG claimed as PDF'],
    [TEXT, 'application/json', 'text claimed as JSON'],
  ];
  for (const [bytes, type, what] of cases) {
    for (const send of [(b: Uint8Array | string, o: any) => user(Routes.uploads, b, o), (b: Uint8Array | string, o: any) => postFile(kit.portal, Routes.admin.uploads, b, { ...o, headers: ADMIN })]) {
      const res = await send(bytes, { filename: 'file.txt', type });
      assert.equal(res.status, 415, `${what}: ${res.status} ${JSON.stringify(res.body)}`);
      assert.equal(code(res), 'UNSUPPORTED_MEDIA_TYPE');
    }
  }
  const zip = await user(Routes.uploads, ZIP, { filename: 'x.zip', type: 'application/zip' });
  assert.match(zip.body.error.message, /cannot be uploaded\. Upload a PDF, PNG, JPEG or plain text/);
  const mismatch = await user(Routes.uploads, PNG, { filename: 'x.pdf', type: 'application/pdf' });
  assert.match(mismatch.body.error.message, /sent as application\/pdf, but its content is PNG image/);
  const empty = await user(Routes.uploads, new Uint8Array(), { filename: 'x.txt' });
  assert.equal(empty.status, 400);
  assert.equal(empty.body.error.fields.file, 'The file is empty.');
  assert.equal((await user(Routes.uploads, PNG, { filename: '../..' })).status, 400, 'no usable name');
  assert.equal((await user(Routes.uploads, PNG, {})).status, 400, 'no ?filename=');
  assert.equal((await user(Routes.uploads, PNG, { query: '?filename=a.png&other=1' })).status, 400);
  assert.equal((await kit.store.list(keys.uploads('lakeside', { accountId: account.id, userId: manager.id }))).items.length, 0);
});

test('who may upload: a session for /v1/uploads, `tickets.reply` for /v1/admin/uploads', async () => {
  const { kit, token, user } = await setup();
  assert.equal((await postFile(kit.portal, Routes.uploads, PNG, { filename: 'a.png' })).status, 401);
  assert.equal((await postFile(kit.portal, Routes.uploads, PNG, { filename: 'a.png', headers: ADMIN })).status, 401, 'an API key is not a portal session');
  assert.equal((await postFile(kit.portal, Routes.admin.uploads, PNG, { filename: 'a.png', headers: { authorization: `Bearer ${token}` } })).status, 401, 'a portal token is not the back office');
  assert.equal((await postFile(kit.portal, Routes.admin.uploads, PNG, { filename: 'a.png' })).status, 401);
  // A support login may answer tickets, so it may upload.
  await kit.admin('POST', Routes.admin.dealerStaff, { email: 'sue@lakeside.example', name: 'Sue Support', role: 'support', password: 'temporary-Pass-9' });
  const login = await kit.call('POST', Routes.admin.login, { email: 'sue@lakeside.example', password: 'temporary-Pass-9' });
  const staffToken = login.body.session.token as string;
  assert.equal((await kit.as(staffToken)('POST', Routes.admin.changePassword, { currentPassword: 'temporary-Pass-9', newPassword: 'a long back-office passphrase' })).status, 200);
  const sue = await postFile(kit.portal, Routes.admin.uploads, PNG, { filename: 'a.png', headers: { authorization: `Bearer ${staffToken}` } });
  assert.equal(sue.status, 201, JSON.stringify(sue.body));
  assert.equal((await user(Routes.uploads, PNG, { filename: 'a.png' })).status, 201);
});

test('files up to UPLOAD_MAX_BYTES are taken on both routes, larger ones 413; JSON routes keep the general limit', async () => {
  const { kit, token, user } = await setup();
  const big = new Uint8Array(UPLOAD_MAX_BYTES).fill(0x20);
  big.set(PDF);
  const ok = await user(Routes.uploads, big, { filename: 'big.pdf', type: 'application/pdf' });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.equal(ok.body.size, UPLOAD_MAX_BYTES);
  const tooBig = new Uint8Array(UPLOAD_MAX_BYTES + 1).fill(0x20);
  tooBig.set(PDF);
  for (const [path, headers] of [
    [Routes.uploads, { authorization: `Bearer ${token}` }],
    [Routes.admin.uploads, ADMIN],
  ] as const) {
    const refused = await postFile(kit.portal, path, tooBig, { filename: 'huge.pdf', type: 'application/pdf', headers });
    assert.equal(refused.status, 413, path);
    assert.equal(code(refused), 'PAYLOAD_TOO_LARGE');
    assert.match(refused.body.error.message, /10 MiB/);
  }
  const json = await kit.as(token)('POST', Routes.tickets, { requestType: 'general', subject: 'x'.repeat(70 * 1024) });
  assert.equal(json.status, 413, 'a ticket is JSON: 64 KiB');
  const reply = await kit.portal.request('/v1/uploads/other', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: new Uint8Array(70 * 1024) as BodyInit });
  assert.ok(reply.status === 413 || reply.status === 404, String(reply.status));
});

test('the upload routes keep their own limit when the handler is mounted under a path', async () => {
  const kit = makeKit();
  const { token } = await kit.accountWithManager();
  const host = new Hono();
  host.route('/porchlight', kit.portal);
  const big = new Uint8Array(1024 * 1024).fill(0x20);
  big.set(PDF);
  const res = await postFile(host, `/porchlight${Routes.uploads}`, big, { filename: 'a.pdf', headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const admin = await postFile(host, `/porchlight${Routes.admin.uploads}`, big, { filename: 'a.pdf', headers: ADMIN });
  assert.equal(admin.status, 201, JSON.stringify(admin.body));
});

test(`at most ${MAX_PENDING_UPLOADS} unused uploads per uploader; two at once at the cap: one is refused`, async () => {
  const { kit, user, token } = await setup();
  for (let i = 0; i < MAX_PENDING_UPLOADS - 1; i++) assert.equal((await user(Routes.uploads, TEXT, { filename: `n${i}.txt` })).status, 201);
  const both = await Promise.all([user(Routes.uploads, TEXT, { filename: 'a.txt' }), user(Routes.uploads, TEXT, { filename: 'b.txt' })]);
  assert.deepEqual(both.map((r) => r.status).sort(), [201, 409]);
  const refused = both.find((r) => r.status === 409)!;
  assert.equal(code(refused), 'LIMIT_REACHED');
  assert.match(refused.body.error.message, /20 files uploaded but not yet attached/);
  // Another user of the same account, and the back office, have their own allowance.
  const sam = await kit.staffLogin(token, '5550100', { name: 'Sam Staff', username: 'sam' });
  assert.equal((await postFile(kit.portal, Routes.uploads, TEXT, { filename: 'a.txt', headers: { authorization: `Bearer ${sam.token}` } })).status, 201);
  assert.equal((await postFile(kit.portal, Routes.admin.uploads, TEXT, { filename: 'a.txt', headers: ADMIN })).status, 201);
  // Once the old ones expire, there is room again (a new sign-in: sessions last less than a day).
  kit.clock.now += UPLOAD_TTL_HOURS * 3_600_000 + 1000;
  const login = await kit.call('POST', Routes.login, { identifier: '5550100', username: 'manager', password: 'correct horse battery' });
  const again = await postFile(kit.portal, Routes.uploads, TEXT, { filename: 'later.txt', headers: { authorization: `Bearer ${login.body.session.token}` } });
  assert.equal(again.status, 201, JSON.stringify(again.body));
});
