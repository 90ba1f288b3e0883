/**
 * Test helper: shared documents on the fake admin API (through its `on` hook), answering like
 * documents/admin-routes.ts: the list (`accounts.read`), the upload of raw bytes with
 * `?filename=&title=&visibleTo=` checked with core's ShareDocumentQuery (type read from the
 * content: 415 otherwise, or when the claimed type contradicts it; 413 over DOCUMENT_MAX_BYTES;
 * visibleTo must name logins of the account) and the removal (`accounts.write`).
 */
import {
  DOCUMENT_FILENAME_MAX,
  DOCUMENT_MAX_BYTES,
  MAX_ACCOUNT_DOCUMENTS,
  sanitizeFilename,
  ShareDocumentQuery,
  type SharedDocument,
} from '@porchlight/core';
import { fakeId } from '../../testing/fake-api.js';
import type { FakeAdminApi } from './fake-admin-api.js';
import { addFixtureAccounts, adminActor, allowed, checkQuery, extendFakeAdminApi, fail, ids, json, rawBody, sha256Hex, sniffType, withExtension } from './fake-admin-kit.js';

const TYPE_NAMES: Record<SharedDocument['contentType'], string> = { 'application/pdf': 'a PDF', 'image/png': 'a PNG image', 'image/jpeg': 'a JPEG image', 'text/plain': 'plain text' };
const UNSPECIFIC = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/** A document as the server stores it. */
export function fakeSharedDocument(fields: Partial<SharedDocument> & Pick<SharedDocument, 'title' | 'accountId'>): SharedDocument {
  return {
    id: fakeId(`document:${fields.accountId}:${fields.title}`),
    filename: `${fields.title}.pdf`,
    contentType: 'application/pdf',
    size: 48_213,
    sha256: '0'.repeat(64),
    visibleTo: null,
    sharedAt: '2026-01-10T09:30:00.000Z',
    sharedBy: { kind: 'admin', adminId: 'staff_olivia', name: 'admin Olivia Park' },
    ...fields,
  };
}

/** The seed: Cedar Court Offices has a certificate for everyone and a contract for its manager only. */
export function seedDocuments(): SharedDocument[] {
  return [
    fakeSharedDocument({ title: 'Service contract 2026', accountId: ids.cedar, filename: 'contract-2026.pdf', visibleTo: [ids.chris], sharedAt: '2026-01-12T14:00:00.000Z' }),
    fakeSharedDocument({ title: 'Monitoring certificate', accountId: ids.cedar, filename: 'certificate.pdf', size: 912, sharedAt: '2026-01-05T10:00:00.000Z' }),
  ];
}

export interface FakeAdminDocuments {
  /** Every account's documents (each list is shown newest first). */
  items: SharedDocument[];
  /** The bytes shared, by document id. */
  bytes: Map<string, Uint8Array>;
}

/** `DELETE` of one document, for `api.callsTo` and `api.hold`. */
export const documentRoute = (accountId: string, documentId: string) => `DELETE /v1/admin/accounts/${accountId}/documents/${documentId}`;
/** The list and the upload of one account. */
export const documentsRoutes = (accountId: string) => ({ list: `GET /v1/admin/accounts/${accountId}/documents`, share: `POST /v1/admin/accounts/${accountId}/documents` });

/** Serves shared documents on `api` (install before mounting); returns the state to inspect. */
export function withAdminDocuments(api: FakeAdminApi, documents: SharedDocument[] = seedDocuments()): FakeAdminDocuments {
  extendFakeAdminApi(api);
  addFixtureAccounts(api);
  const state: FakeAdminDocuments = { items: [], bytes: new Map() };
  let next = 1;

  const removeRoute = (doc: SharedDocument) =>
    api.on(documentRoute(doc.accountId, doc.id), (call) => {
      const who = allowed(api, call, 'accounts.write');
      if (who instanceof Response) return who;
      const at = state.items.findIndex((d) => d.id === doc.id && d.accountId === doc.accountId);
      if (at < 0) return fail('NOT_FOUND', 'No such document.');
      state.items.splice(at, 1);
      state.bytes.delete(doc.id);
      return json({ ok: true });
    });

  const add = (doc: SharedDocument) => {
    state.items.push(doc);
    removeRoute(doc);
  };

  for (const account of api.accounts) {
    const routes = documentsRoutes(account.id);
    api.on(routes.list, (call) => {
      const who = allowed(api, call, 'accounts.read');
      if (who instanceof Response) return who;
      if (call.search) return fail('VALIDATION_FAILED', undefined, { [new URLSearchParams(call.search).keys().next().value ?? '(query)']: 'This field is not accepted here.' });
      return json({ items: state.items.filter((d) => d.accountId === account.id).sort((a, b) => b.sharedAt.localeCompare(a.sharedAt)) });
    });

    api.on(routes.share, async (call) => {
      const who = allowed(api, call, 'accounts.write');
      if (who instanceof Response) return who;
      const checked = checkQuery(ShareDocumentQuery, call.search);
      if (!checked.ok) return checked.response;
      const input = checked.value;
      const blob = rawBody(call);
      const bytes = new Uint8Array(blob ? await blob.arrayBuffer() : new ArrayBuffer(0));
      if (bytes.length > DOCUMENT_MAX_BYTES) return fail('PAYLOAD_TOO_LARGE', `The file is larger than ${DOCUMENT_MAX_BYTES / 1024 / 1024} MiB.`);
      if (!bytes.length) return fail('VALIDATION_FAILED', 'The file is empty: send its bytes as the request body.', { file: 'The file is empty.' });
      const type = sniffType(bytes);
      if (!type) return fail('UNSUPPORTED_MEDIA_TYPE', "This kind of file cannot be shared. Share a PDF, PNG, JPEG or plain text (UTF-8) file; the type is read from the file's content.");
      const claimed = (call.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!UNSPECIFIC.has(claimed) && claimed !== type) {
        return fail('UNSUPPORTED_MEDIA_TYPE', `The file was sent as ${claimed}, but its content is ${TYPE_NAMES[type]}. Send it with Content-Type: ${type} (or application/octet-stream).`);
      }
      const base = sanitizeFilename(input.filename).slice(0, DOCUMENT_FILENAME_MAX);
      if (!/[\p{L}\p{N}]/u.test(base)) return fail('VALIDATION_FAILED', undefined, { filename: 'Give a file name with at least one letter or digit.' });
      const visibleTo = input.visibleTo ?? null;
      const logins = new Set((api.users.get(account.id) ?? []).map((u) => u.id));
      const unknown = (visibleTo ?? []).filter((id) => !logins.has(id));
      if (unknown.length) return fail('VALIDATION_FAILED', undefined, { visibleTo: `No login of this account has the id ${unknown.join(', ')}.` });
      if (state.items.filter((d) => d.accountId === account.id).length >= MAX_ACCOUNT_DOCUMENTS) return fail('LIMIT_REACHED', `An account holds at most ${MAX_ACCOUNT_DOCUMENTS} documents. Remove some first.`);
      const filename = withExtension(base, type);
      const doc: SharedDocument = {
        id: fakeId(`document:new:${next++}`),
        accountId: account.id,
        title: input.title ?? filename,
        filename,
        contentType: type,
        size: bytes.length,
        sha256: await sha256Hex(bytes),
        visibleTo,
        sharedAt: new Date().toISOString(),
        sharedBy: adminActor(who),
      };
      add(doc);
      state.bytes.set(doc.id, bytes);
      return json(doc, 201);
    });
  }

  for (const d of documents) add(d);
  return state;
}
