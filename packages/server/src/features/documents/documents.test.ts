import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOCUMENT_MAX_BYTES, MAX_ACCOUNT_DOCUMENTS, newId, routePath, Routes } from '@porchlight/core';
import { keys } from '../../store/keys.js';
import { makeKit, makeTwoDealerKit, API_KEY, ORIGIN } from '../../testing/kit.js';

type Kit = ReturnType<typeof makeKit>;

const R = Routes.admin;
const TEMP = 'temporary-Pass-9';
const PERMANENT = 'staff passphrase one';
const code = (res: { body: any }) => res.body?.error?.code;
const enc = new TextEncoder();
const PDF = enc.encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
const TEXT = enc.encode('Monitoring report\nAll zones normal. Größe: ok.\n');

const listPath = (accountId: string) => routePath(R.documents, { accountId });
const docPath = (accountId: string, documentId: string) => routePath(R.document, { accountId, documentId });
const filePath = (documentId: string) => routePath(Routes.documentFile, { documentId });

interface UploadOptions {
  filename?: string;
  title?: string;
  visibleTo?: string;
  type?: string | null;
  query?: string;
  headers?: Record<string, string>;
}

/** POST the raw bytes, as a dealer's system would. */
async function upload(kit: Kit, accountId: string, bytes: Uint8Array | string, o: UploadOptions = {}) {
  const q = new URLSearchParams();
  if (o.filename !== undefined) q.set('filename', o.filename);
  if (o.title !== undefined) q.set('title', o.title);
  if (o.visibleTo !== undefined) q.set('visibleTo', o.visibleTo);
  const query = o.query ?? (q.size ? `?${q}` : '');
  const headers: Record<string, string> = { authorization: `Bearer ${API_KEY}`, 'porchlight-admin': 'Pat Dispatcher', ...o.headers };
  if (o.type !== null) headers['content-type'] = o.type ?? 'application/octet-stream';
  const res = await kit.portal.request(listPath(accountId) + query, { method: 'POST', headers, body: bytes as BodyInit });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body, headers: res.headers };
}

/** GET the file as a portal user: status, headers and bytes. */
async function download(kit: Kit, token: string, documentId: string) {
  const res = await kit.portal.request(filePath(documentId), { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

async function setup(kit: Kit = makeKit()) {
  return { kit, ...(await kit.twoAccounts()) };
}

/** A staff login of account A, signed in with a permanent password. */
async function staffOf(ctx: Awaited<ReturnType<typeof setup>>) {
  const sam = await ctx.kit.staffLogin(ctx.a.as, ctx.a.identifier, { name: 'Sam Staff', username: 'sam', permissions: [] }, { temporary: TEMP, permanent: PERMANENT });
  return { id: sam.user.id as string, token: sam.token, as: sam.as };
}

test('share a PDF: stored with the detected type, size and hash; listed for the back office and the portal; downloaded as an attachment', async () => {
  const { kit, a, b } = await setup();
  const res = await upload(kit, a.account.id, PDF, { filename: 'Certificate 2026.pdf', title: '  Monitoring certificate  ', type: 'application/pdf' });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const doc = res.body;
  assert.equal(doc.title, 'Monitoring certificate');
  assert.equal(doc.filename, 'Certificate 2026.pdf');
  assert.equal(doc.contentType, 'application/pdf');
  assert.equal(doc.size, PDF.length);
  assert.match(doc.sha256, /^[0-9a-f]{64}$/);
  assert.equal(doc.visibleTo, null);
  assert.equal(doc.accountId, a.account.id);
  assert.deepEqual(doc.sharedBy, { kind: 'admin', adminId: 'backoffice', name: 'admin Pat Dispatcher' });
  assert.equal(doc.sharedAt, '2026-11-23T12:00:00.000Z');

  kit.clock.now += 1000;
  const txt = await upload(kit, a.account.id, TEXT, { filename: 'report.txt', type: 'text/plain; charset=utf-8' });
  assert.equal(txt.status, 201, JSON.stringify(txt.body));
  assert.equal(txt.body.title, 'report.txt', 'the title defaults to the file name');
  assert.equal(txt.body.contentType, 'text/plain');
  for (const [bytes, type] of [
    [PNG, 'image/png'],
    [JPEG, 'image/jpeg'],
  ] as const) {
    kit.clock.now += 1000;
    const img = await upload(kit, a.account.id, bytes, { filename: 'photo', type: null });
    assert.equal(img.status, 201, JSON.stringify(img.body));
    assert.equal(img.body.contentType, type);
    assert.equal(img.body.filename, type === 'image/png' ? 'photo.png' : 'photo.jpg', 'the extension of the real type');
  }

  const admin = await kit.admin('GET', listPath(a.account.id));
  assert.equal(admin.status, 200);
  assert.deepEqual(
    admin.body.items.map((d: any) => d.filename),
    ['photo.jpg', 'photo.png', 'report.txt', 'Certificate 2026.pdf'],
    'newest first',
  );
  const portal = await a.as('GET', Routes.documents);
  assert.equal(portal.status, 200);
  assert.deepEqual(portal.body.items[3], { id: doc.id, title: 'Monitoring certificate', filename: 'Certificate 2026.pdf', contentType: 'application/pdf', size: PDF.length, sharedAt: doc.sharedAt });
  assert.deepEqual((await b.as('GET', Routes.documents)).body.items, [], 'another account sees nothing');
  assert.equal((await kit.call('GET', Routes.documents)).status, 401);

  const file = await download(kit, a.token, doc.id);
  assert.equal(file.status, 200);
  assert.deepEqual(file.bytes, PDF);
  assert.equal(file.headers.get('content-type'), 'application/pdf');
  assert.equal(file.headers.get('content-disposition'), `attachment; filename="Certificate 2026.pdf"; filename*=UTF-8''Certificate%202026.pdf`);
  assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(file.headers.get('content-security-policy'), 'sandbox');
  assert.equal(file.headers.get('cache-control'), 'no-store');
  assert.equal(file.headers.get('content-length'), String(PDF.length));
  const text = await download(kit, a.token, txt.body.id);
  assert.equal(text.headers.get('content-type'), 'text/plain; charset=utf-8');
  assert.deepEqual(text.bytes, TEXT);
  assert.equal((await kit.portal.request(filePath(doc.id))).status, 401, 'no session, no file');
  const cross = await kit.portal.request(filePath(doc.id), { headers: { authorization: `Bearer ${a.token}`, origin: ORIGIN } });
  assert.equal(cross.headers.get('access-control-allow-origin'), ORIGIN);
  assert.match(cross.headers.get('access-control-expose-headers')!, /Content-Disposition/, 'a cross-origin script can read the name');
});

test('the type is read from the content: HTML, SVG, executables and mismatched claims are refused (415), nothing stored', async () => {
  const { kit, a } = await setup();
  const cases: [Uint8Array | string, string, string][] = [
    ['<!DOCTYPE html><html><script>alert(1)</script></html>', 'application/pdf', 'HTML claimed as PDF'],
    ['<html><body>hi</body></html>', 'text/plain', 'HTML claimed as text'],
    ['  \n<script>alert(1)</script>', 'application/octet-stream', 'a script'],
    ['Report\n<a href="javascript:alert(1)">x</a>', 'text/plain', 'text with markup'],
    ['<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'image/svg+xml', 'SVG'],
    [new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0]), 'application/pdf', 'a Windows executable'],
    [new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), 'application/octet-stream', 'an ELF binary'],
    [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]), 'application/zip', 'a zip'],
    [new Uint8Array([0x68, 0x69, 0xc3, 0x28]), 'text/plain', 'invalid UTF-8'],
    [new Uint8Array([0x68, 0x69, 0x00, 0x68]), 'text/plain', 'text with NUL'],
    [PNG, 'application/pdf', 'a PNG claimed as PDF'],
    [PDF, 'text/html', 'a PDF claimed as HTML'],
  ];
  for (const [bytes, type, what] of cases) {
    const res = await upload(kit, a.account.id, bytes, { filename: 'file.pdf', type });
    assert.equal(res.status, 415, `${what}: ${res.status} ${JSON.stringify(res.body)}`);
    assert.equal(code(res), 'UNSUPPORTED_MEDIA_TYPE');
    assert.match(res.body.error.message, /PDF|content/, what);
  }
  const html = await upload(kit, a.account.id, '<html></html>', { filename: 'x.pdf', type: 'application/pdf' });
  assert.match(html.body.error.message, /cannot be shared.*PDF, PNG, JPEG or plain text/);
  const mismatch = await upload(kit, a.account.id, PNG, { filename: 'x.pdf', type: 'application/pdf' });
  assert.match(mismatch.body.error.message, /sent as application\/pdf, but its content is PNG image/);
  const empty = await upload(kit, a.account.id, new Uint8Array(), { filename: 'x.pdf' });
  assert.equal(empty.status, 400);
  assert.deepEqual((await kit.admin('GET', listPath(a.account.id))).body.items, []);
  assert.equal((await kit.store.list(`docbin:lakeside:${a.account.id}`)).items.length, 0);
});

test('files up to 10 MiB are accepted, larger ones refused (413); every other route keeps its 64 KiB limit', async () => {
  const { kit, a } = await setup();
  const big = new Uint8Array(DOCUMENT_MAX_BYTES).fill(0x20);
  big.set(PDF);
  const ok = await upload(kit, a.account.id, big, { filename: 'big.pdf', type: 'application/pdf' });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.equal(ok.body.size, DOCUMENT_MAX_BYTES);
  const tooBig = new Uint8Array(DOCUMENT_MAX_BYTES + 1).fill(0x20);
  tooBig.set(PDF);
  const refused = await upload(kit, a.account.id, tooBig, { filename: 'huge.pdf', type: 'application/pdf' });
  assert.equal(refused.status, 413);
  assert.equal(code(refused), 'PAYLOAD_TOO_LARGE');
  assert.match(refused.body.error.message, /10 MiB/);
  const declared = await upload(kit, a.account.id, tooBig, { filename: 'huge.pdf', type: 'application/pdf', headers: { 'content-length': String(tooBig.length) } });
  assert.equal(declared.status, 413);
  assert.equal((await kit.admin('GET', listPath(a.account.id))).body.items.length, 1);

  // The exemption is the upload route only.
  const large = 'x'.repeat(70 * 1024);
  const json = await kit.admin('POST', R.messages, { title: 'Big', body: large });
  assert.equal(json.status, 413);
  const other = await kit.portal.request(docPath(a.account.id, ok.body.id), {
    method: 'DELETE',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(70 * 1024) as BodyInit,
  });
  assert.equal(other.status, 413);
});

test('file names are sanitised: no paths, quotes, control characters; at most 120 characters; the header has an ASCII fallback and the exact name', async () => {
  const { kit, a } = await setup();
  const cases: [string, string][] = [
    ['../../etc/passwd', 'passwd.txt'],
    ['..\\..\\windows\\"quoted" report\u0007.txt', '_quoted_ report.txt'],
    ['a"b";c\r\nContent-Type: text<html>.txt', 'a_b_;cContent-Type_ text_html_.txt'],
    ['  .hidden.txt  ', 'hidden.txt'],
    ['report.html', 'report.html.txt'],
    [`${'n'.repeat(200)}.txt`, `${'n'.repeat(116)}.txt`],
  ];
  for (const [raw, expected] of cases) {
    const res = await upload(kit, a.account.id, TEXT, { filename: raw });
    assert.equal(res.status, 201, `${JSON.stringify(raw)}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.filename, expected, JSON.stringify(raw));
    assert.ok([...res.body.filename].length <= 120);
  }
  const unicode = await upload(kit, a.account.id, PDF, { filename: 'Zertifikat – Müller (2026).pdf' });
  const file = await download(kit, a.token, unicode.body.id);
  assert.equal(file.headers.get('content-disposition'), `attachment; filename="Zertifikat _ M_ller (2026).pdf"; filename*=UTF-8''Zertifikat%20%E2%80%93%20M%C3%BCller%20%282026%29.pdf`);
  const quoted = (await kit.admin('GET', listPath(a.account.id))).body.items.find((d: any) => d.filename === '_quoted_ report.txt');
  assert.match((await download(kit, a.token, quoted.id)).headers.get('content-disposition')!, /^attachment; filename="_quoted_ report.txt"; filename\*=UTF-8''_quoted_%20report.txt$/);
  for (const raw of ['..', '../', '  ', '\u0000\u0001', '"/"']) {
    const res = await upload(kit, a.account.id, TEXT, { filename: raw });
    assert.equal(res.status, 400, JSON.stringify(raw));
    assert.ok(res.body.error.fields.filename, JSON.stringify(raw));
  }
});

test('visibleTo limits a document to some logins; others neither list nor download it', async () => {
  const ctx = await setup();
  const { kit, a } = ctx;
  const sam = await staffOf(ctx);
  const everyone = (await upload(kit, a.account.id, PDF, { filename: 'all.pdf' })).body;
  const forSam = await upload(kit, a.account.id, TEXT, { filename: 'sam.txt', visibleTo: sam.id });
  assert.equal(forSam.status, 201, JSON.stringify(forSam.body));
  assert.deepEqual(forSam.body.visibleTo, [sam.id]);
  const forDana = (await upload(kit, a.account.id, TEXT, { filename: 'dana.txt', visibleTo: ` ${a.manager.id} , ${a.manager.id}` })).body;
  assert.deepEqual(forDana.visibleTo, [a.manager.id], 'trimmed, duplicates dropped');
  const blank = (await upload(kit, a.account.id, TEXT, { filename: 'blank.txt', visibleTo: '' })).body;
  assert.equal(blank.visibleTo, null, 'empty: everyone');

  const names = async (as: (m: string, p: string) => Promise<{ body: any }>) => (await as('GET', Routes.documents)).body.items.map((d: any) => d.filename).sort();
  assert.deepEqual(await names(sam.as), ['all.pdf', 'blank.txt', 'sam.txt']);
  assert.deepEqual(await names(a.as), ['all.pdf', 'blank.txt', 'dana.txt']);
  assert.equal((await download(kit, a.token, forSam.body.id)).status, 404);
  assert.equal((await download(kit, sam.token, forDana.id)).status, 404);
  assert.equal((await download(kit, sam.token, forSam.body.id)).status, 200);
  assert.equal((await download(kit, sam.token, everyone.id)).status, 200);

  const unknown = await upload(kit, a.account.id, TEXT, { filename: 'x.txt', visibleTo: ctx.b.manager.id });
  assert.equal(unknown.status, 400, 'a login of another account');
  assert.match(unknown.body.error.fields.visibleTo, /No login of this account/);
  for (const visibleTo of ['nope', `${sam.id},,`, 'a,b']) assert.equal((await upload(kit, a.account.id, TEXT, { filename: 'x.txt', visibleTo })).status, 400, visibleTo);
});

test("another account's or another dealer's documents are not found", async () => {
  const kit = makeTwoDealerKit();
  const { managerAt } = kit;
  const { keyOf } = kit;
  const a = await managerAt('lakeside', '5550100');
  const b = await managerAt('lakeside', '5550199');
  const h = await managerAt('hilltop', '5550100');
  const doc = (await upload(kit, a.account.id, PDF, { filename: 'a.pdf', headers: { 'porchlight-dealer': 'lakeside' } })).body;
  assert.ok(doc.id);
  for (const other of [b, h]) {
    const res = await kit.portal.request(filePath(doc.id), { headers: other.headers });
    assert.equal(res.status, 404, other.dealer);
    assert.deepEqual((await kit.call('GET', Routes.documents, undefined, other.headers)).body.items, []);
  }
  assert.equal((await kit.portal.request(filePath(doc.id), { headers: a.headers })).status, 200);
  // Hilltop's back office cannot reach Lakeside's account at all.
  const hilltopAdmin = { authorization: `Bearer ${keyOf.hilltop}`, 'porchlight-dealer': 'hilltop' };
  assert.equal((await kit.call('GET', listPath(a.account.id), undefined, hilltopAdmin)).status, 404);
  assert.equal((await kit.call('DELETE', docPath(a.account.id, doc.id), undefined, hilltopAdmin)).status, 404);
  assert.equal((await kit.call('DELETE', docPath(b.account.id, doc.id), undefined, { authorization: `Bearer ${API_KEY}`, 'porchlight-dealer': 'lakeside' })).status, 404, 'wrong account in the path');
});

test('removing deletes the record and the bytes; sharing and removing are audited', async () => {
  const { kit, a } = await setup();
  const doc = (await upload(kit, a.account.id, PDF, { filename: 'contract.pdf', title: 'Service contract' })).body;
  assert.ok(await kit.store.getBytes(`docbin:lakeside:${a.account.id}:${doc.id}`));
  const res = await kit.admin('DELETE', docPath(a.account.id, doc.id), undefined, { 'porchlight-admin': 'Ada' });
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, { ok: true });
  assert.equal(await kit.store.getBytes(`docbin:lakeside:${a.account.id}:${doc.id}`), null);
  assert.equal(await kit.store.get(`doc:lakeside:${a.account.id}:${doc.id}`), null);
  assert.equal((await download(kit, a.token, doc.id)).status, 404);
  assert.deepEqual((await a.as('GET', Routes.documents)).body.items, []);
  assert.equal(code(await kit.admin('DELETE', docPath(a.account.id, doc.id))), 'NOT_FOUND');

  const trail = (await kit.admin('GET', `${routePath(R.accountAudit, { accountId: a.account.id })}?limit=100`)).body.items as any[];
  const shared = trail.find((e) => e.action === 'document.shared');
  assert.match(shared.summary, /^admin Pat Dispatcher shared the document "Service contract" \(contract\.pdf, PDF\)$/);
  assert.deepEqual(shared.target, { type: 'document', id: doc.id });
  assert.equal(shared.details.sha256, doc.sha256);
  const removed = trail.find((e) => e.action === 'document.removed');
  assert.match(removed.summary, /^admin Ada removed the document "Service contract" \(contract\.pdf\)$/);
});

test('a support back-office login lists documents but cannot share or remove them; portal tokens never pass', async () => {
  const ctx = await setup();
  const { kit, a } = ctx;
  const doc = (await upload(kit, a.account.id, PDF, { filename: 'a.pdf' })).body;
  await kit.admin('POST', R.dealerStaff, { email: 'sam@lakeside.example', name: 'Sam Support', role: 'support', password: TEMP });
  const login = await kit.call('POST', R.login, { email: 'sam@lakeside.example', password: TEMP });
  const token = login.body.session.token as string;
  assert.equal((await kit.as(token)('POST', R.changePassword, { currentPassword: TEMP, newPassword: 'a long back-office passphrase' })).status, 200);

  assert.equal((await kit.as(token)('GET', listPath(a.account.id))).status, 200);
  const up = await upload(kit, a.account.id, PDF, { filename: 'no.pdf', headers: { authorization: `Bearer ${token}` } });
  assert.equal(up.status, 403);
  assert.equal(code(up), 'FORBIDDEN');
  assert.equal(code(await kit.as(token)('DELETE', docPath(a.account.id, doc.id))), 'FORBIDDEN');
  const client = await upload(kit, a.account.id, PDF, { filename: 'no.pdf', headers: { authorization: `Bearer ${a.token}` } });
  assert.equal(client.status, 401);
  assert.equal((await a.as('GET', listPath(a.account.id))).status, 401);
  assert.equal((await upload(kit, a.account.id, PDF, { filename: 'no.pdf', headers: { authorization: '' } })).status, 401);
  assert.equal((await kit.admin('GET', listPath(a.account.id))).body.items.length, 1);
});

test('bad ids, queries and bodies answer 4xx, never 5xx', async () => {
  const { kit, a } = await setup();
  const doc = (await upload(kit, a.account.id, PDF, { filename: 'a.pdf' })).body;
  for (const query of ['', '?title=x', '?filename=a.pdf&other=1', `?filename=a.pdf&title=${'t'.repeat(201)}`, '?filename=a.pdf&title=%20%20', `?filename=${'f'.repeat(1001)}`, '?filename=a.pdf&visibleTo=%00', '?filename=a.pdf&visibleTo=' + 'x'.repeat(6000)]) {
    const res = await upload(kit, a.account.id, PDF, { query });
    assert.ok(res.status >= 400 && res.status < 500, `${query}: ${res.status}`);
  }
  for (const id of ['nope', '0'.repeat(25), 'x'.repeat(600), '__proto__', '%00', encodeURIComponent('a:b')]) {
    assert.ok([400, 404].includes((await upload(kit, id, PDF, { filename: 'a.pdf' })).status), `upload ${id}`);
    assert.ok([400, 404].includes((await kit.admin('GET', routePath(R.documents, { accountId: 'ID' }).replace('ID', id))).status), `list ${id}`);
    assert.ok([400, 404].includes((await kit.admin('DELETE', routePath(R.document, { accountId: a.account.id, documentId: 'ID' }).replace('ID', id))).status), `delete ${id}`);
    assert.ok([400, 404].includes((await kit.admin('DELETE', routePath(R.document, { accountId: 'ID', documentId: doc.id }).replace('ID', id))).status), `delete in ${id}`);
    assert.ok([400, 404].includes((await a.as('GET', `/v1/documents/${id}/file`)).status), `file ${id}`);
  }
  assert.equal((await upload(kit, '0'.repeat(26), PDF, { filename: 'a.pdf' })).status, 404);
  assert.equal((await kit.admin('GET', `${listPath(a.account.id)}?limit=5`)).status, 400);
  assert.equal((await kit.admin('POST', listPath(a.account.id), { filename: 'a.pdf' })).status, 400, 'JSON is not a file');
  assert.equal((await kit.admin('GET', listPath(a.account.id))).body.items.length, 1);
});

test('at most MAX_ACCOUNT_DOCUMENTS per account: two uploads at once with one place left, one is refused', async () => {
  const kit = makeKit();
  const { account } = await kit.accountWithManager();
  // Fill the account to one below the cap through the store (quicker than uploading 499 files).
  for (let i = 0; i < MAX_ACCOUNT_DOCUMENTS - 1; i++) {
    const id = newId(kit.clock.now + i);
    await kit.store.put(keys.document('lakeside', account.id, id), { id, accountId: account.id, title: `Doc ${i}`, filename: `doc-${i}.txt`, contentType: 'text/plain', size: 1, sha256: '0', visibleTo: null, sharedAt: new Date(kit.clock.now).toISOString(), sharedBy: { kind: 'system', name: 'test' } });
  }
  const both = await Promise.all([upload(kit, account.id, TEXT, { filename: 'a.txt' }), upload(kit, account.id, TEXT, { filename: 'b.txt' })]);
  assert.deepEqual(both.map((r) => r.status).sort(), [201, 409]);
  assert.equal(both.find((r) => r.status === 409)!.body.error.code, 'LIMIT_REACHED');
  assert.equal((await kit.admin('GET', listPath(account.id))).body.items.length, MAX_ACCOUNT_DOCUMENTS);
});
