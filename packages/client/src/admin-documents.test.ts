import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PorchlightError } from '@porchlight/core';
import { adminDocumentsApi, type SharedDocument } from './index.js';
import { backOfficeApi, reply, type Answer } from './testing.js';

/** Answers every call with `answer`; records the calls. */
function api(answer: Answer) {
  const { api: docs, seen } = backOfficeApi(adminDocumentsApi, answer);
  return { docs, seen };
}

const doc: SharedDocument = {
  id: 'doc_1',
  accountId: 'acc_1',
  title: 'Monitoring certificate',
  filename: 'certificate.pdf',
  contentType: 'application/pdf',
  size: 9,
  sha256: 'ab'.repeat(32),
  visibleTo: null,
  sharedAt: '2026-01-01T00:00:00.000Z',
  sharedBy: { kind: 'admin', adminId: 'staff_1', name: 'admin Olivia Park' },
};

test('list: GET the account\'s documents with the session', async () => {
  const { docs, seen } = api(() => reply({ items: [doc] }));
  const list = await docs.list('acc_1');
  assert.deepEqual(list.items, [doc]);
  assert.equal(seen[0]!.url, '/api/v1/admin/accounts/acc_1/documents');
  assert.equal(seen[0]!.method, 'GET');
  assert.equal(seen[0]!.headers.authorization, 'Bearer adm.secret');
  assert.equal(seen[0]!.headers['porchlight-dealer'], 'lakeside');
});

test('share: the raw file as the body, filename, title and comma-separated visibleTo in the query, progress reported', async () => {
  const { docs, seen } = api(() => reply({ ...doc, visibleTo: ['usr_a', 'usr_b'] }, 201));
  const file = new Blob(['%PDF-1.7 hello'], { type: 'application/pdf' });
  const progress: Array<[number, number]> = [];
  const shared = await docs.share('acc_1', file, { filename: 'cert 2026.pdf', title: ' Certificate & report ', visibleTo: ['usr_a', 'usr_b'] }, { onProgress: (loaded, total) => progress.push([loaded, total]) });
  assert.deepEqual(shared.visibleTo, ['usr_a', 'usr_b']);
  const [call] = seen;
  assert.equal(call!.method, 'POST');
  const url = new URL(call!.url, 'http://x.test');
  assert.equal(url.pathname, '/api/v1/admin/accounts/acc_1/documents');
  assert.deepEqual(Object.fromEntries(url.searchParams), { filename: 'cert 2026.pdf', title: 'Certificate & report', visibleTo: 'usr_a,usr_b' });
  assert.equal(call!.body, file, 'the bytes as they are, not JSON');
  assert.equal(call!.headers['content-type'], 'application/pdf');
  assert.equal(call!.headers.authorization, 'Bearer adm.secret');
  assert.deepEqual(progress.at(-1), [file.size, file.size]);
});

test('share: no title and no (or an empty) visibleTo leave them out: everyone on the account', async () => {
  const { docs, seen } = api(() => reply(doc, 201));
  const file = new Blob(['hello']);
  await docs.share('acc_1', file, { filename: 'notes.txt' });
  await docs.share('acc_1', file, { filename: 'notes.txt', title: '  ', visibleTo: [] });
  await docs.share('acc_1', file, { filename: 'notes.txt', visibleTo: null });
  for (const call of seen) {
    assert.equal(new URL(call.url, 'http://x.test').search, '?filename=notes.txt');
    assert.equal(call.headers['content-type'], 'application/octet-stream');
  }
});

test('share: a refusal comes back as the server\'s error (415, 413)', async () => {
  const message = 'This kind of file cannot be shared. Share a PDF, PNG, JPEG or plain text (UTF-8) file.';
  const { docs } = api((call) =>
    call.url.includes('big')
      ? reply({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'The file is larger than 10 MiB.' } }, 413)
      : reply({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message } }, 415),
  );
  await assert.rejects(docs.share('acc_1', new Blob(['x']), { filename: 'tool.exe' }), (error: unknown) => {
    assert.ok(error instanceof PorchlightError);
    assert.equal(error.code, 'UNSUPPORTED_MEDIA_TYPE');
    assert.equal(error.status, 415);
    assert.equal(error.message, message);
    return true;
  });
  await assert.rejects(docs.share('acc_1', new Blob(['x']), { filename: 'big.pdf' }), { code: 'PAYLOAD_TOO_LARGE', status: 413 });
});

test('remove: DELETE the document, ids encoded into the path', async () => {
  const { docs, seen } = api(() => reply({ ok: true }));
  assert.deepEqual(await docs.remove('acc_1', 'doc/../x'), { ok: true });
  assert.equal(seen[0]!.method, 'DELETE');
  assert.equal(seen[0]!.url, '/api/v1/admin/accounts/acc_1/documents/doc%2F..%2Fx');
  assert.equal(seen[0]!.body, undefined);
});
