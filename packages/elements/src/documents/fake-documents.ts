/**
 * Test helper: shared documents on the fake API (through its `on` hook), answering
 * GET /v1/documents and GET /v1/documents/:documentId/file like the server.
 */
import type { PortalDocument } from '@porchlight/client';
import { apiError, fakeId, json, type FakeApi, type FakeCall } from '../testing/fake-api.js';

export type FakeDocument = Partial<PortalDocument> & { title: string };

let seq = 0;

/** A document as the server lists it; `sharedAt` defaults to a day later than the previous one. */
export function fakeDocument(d: FakeDocument): PortalDocument {
  seq++;
  return {
    id: fakeId(`document:${d.title}:${seq}`),
    filename: `${d.title}.pdf`,
    contentType: 'application/pdf',
    size: 1000,
    sharedAt: new Date(Date.parse('2026-01-01T00:00:00.000Z') + seq * 86_400_000).toISOString(),
    ...d,
  };
}

export interface FakeDocuments {
  items: PortalDocument[];
}

const signedIn = (call: FakeCall) => /^Bearer .+/.test(call.headers.authorization ?? '');

/** Serves `documents` (newest first) and their files; returns the state to inspect. */
export function withDocuments(api: FakeApi, documents: FakeDocument[]): FakeDocuments {
  const state: FakeDocuments = { items: documents.map(fakeDocument) };
  api.on('GET /v1/documents', (call) => {
    if (!signedIn(call)) return apiError('UNAUTHENTICATED', 'Log in first.', 401);
    return json({ items: [...state.items].sort((a, b) => b.sharedAt.localeCompare(a.sharedAt)) });
  });
  // The fake matches `on` patterns only for its own routes: register each file's path.
  for (const d of state.items) {
    api.on(fileRoute(d.id), (call) => {
      if (!signedIn(call)) return apiError('UNAUTHENTICATED', 'Log in first.', 401);
      if (!state.items.some((x) => x.id === d.id)) return apiError('NOT_FOUND', 'No such document.', 404);
      const encoded = encodeURIComponent(d.filename);
      return new Response(`%PDF-1.7 ${d.title}`, {
        status: 200,
        headers: {
          'content-type': d.contentType,
          'content-disposition': `attachment; filename="${d.filename.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`,
        },
      });
    });
  }
  return state;
}

/** `GET /v1/documents/<id>/file`, for `api.on`, `api.callsTo` and `api.hold`. */
export function fileRoute(id: string): string {
  return `GET /v1/documents/${id}/file`;
}
