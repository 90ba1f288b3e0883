/**
 * Test helper: shared documents on the fake admin API (through its `on` hook), answering like
 * documents/admin-routes.ts: the list (`accounts.read`), the upload of raw bytes with
 * `?filename=&title=&visibleTo=` checked with core's ShareDocumentQuery (type read from the
 * content: 415 otherwise, or when the claimed type contradicts it; 413 over DOCUMENT_MAX_BYTES;
 * visibleTo must name logins of the account) and the removal (`accounts.write`).
 */
import { DOCUMENT_FILENAME_MAX, DOCUMENT_MAX_BYTES, MAX_ACCOUNT_DOCUMENTS, ShareDocumentQuery, type SharedDocument } from '@porchlight/core';
import { fakeId } from '../../testing/fake-api.js';
import { inspectFile } from '../../testing/fake-files.js';
import { adminActor, checkQuery, fail, json, type FakeAdminApi } from './fake-admin-api.js';
import { addFixtureAccounts, ids } from './fake-admin-kit.js';

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
  addFixtureAccounts(api);
  const state: FakeAdminDocuments = { items: [], bytes: new Map() };
  let next = 1;

  const removeRoute = (doc: SharedDocument) =>
    api.on(documentRoute(doc.accountId, doc.id), (call) => {
      const who = api.authorize(call, 'accounts.write');
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
      const who = api.authorize(call, 'accounts.read');
      if (who instanceof Response) return who;
      if (call.search) return fail('VALIDATION_FAILED', undefined, { [new URLSearchParams(call.search).keys().next().value ?? '(query)']: 'This field is not accepted here.' });
      return json({ items: state.items.filter((d) => d.accountId === account.id).sort((a, b) => b.sharedAt.localeCompare(a.sharedAt)) });
    });

    api.on(routes.share, async (call) => {
      const who = api.authorize(call, 'accounts.write');
      if (who instanceof Response) return who;
      const checked = checkQuery(ShareDocumentQuery, call.search);
      if (!checked.ok) return checked.response;
      const input = checked.value;
      const file = await inspectFile(call.raw, call.headers['content-type'], input.filename, { maxBytes: DOCUMENT_MAX_BYTES, filenameMax: DOCUMENT_FILENAME_MAX, action: 'share' });
      if (file instanceof Response) return file;
      const visibleTo = input.visibleTo ?? null;
      const logins = new Set((api.users.get(account.id) ?? []).map((u) => u.id));
      const unknown = (visibleTo ?? []).filter((id) => !logins.has(id));
      if (unknown.length) return fail('VALIDATION_FAILED', undefined, { visibleTo: `No login of this account has the id ${unknown.join(', ')}.` });
      if (state.items.filter((d) => d.accountId === account.id).length >= MAX_ACCOUNT_DOCUMENTS) return fail('LIMIT_REACHED', `An account holds at most ${MAX_ACCOUNT_DOCUMENTS} documents. Remove some first.`);
      const filename = file.filename;
      const doc: SharedDocument = {
        id: fakeId(`document:new:${next++}`),
        accountId: account.id,
        title: input.title ?? filename,
        filename,
        contentType: file.type,
        size: call.raw!.length,
        sha256: file.sha256,
        visibleTo,
        sharedAt: new Date().toISOString(),
        sharedBy: adminActor(who),
      };
      add(doc);
      state.bytes.set(doc.id, call.raw!);
      return json(doc, 201);
    });
  }

  for (const d of documents) add(d);
  return state;
}
