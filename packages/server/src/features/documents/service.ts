import * as v from 'valibot';
import {
  DOCUMENT_FILENAME_MAX,
  DOCUMENT_MAX_BYTES,
  MAX_ACCOUNT_DOCUMENTS,
  newId,
  PorchlightError,
  type Actor,
  type PortalDocument,
  type SharedDocument,
  type ShareDocumentQuery,
} from '@porchlight/core';
import type { Deps } from '../../context.js';
import { audit } from '../../audit/audit.js';
import { keys } from '../../store/keys.js';
import { withLock } from '../../store/lock.js';
import { deleteRecord } from '../../store/update.js';
import { inspectFile, TYPE_NAMES } from './content.js';

export type ShareInput = v.InferOutput<typeof ShareDocumentQuery>;

/** Who acts in the back office, for which dealer. */
export interface AdminScope {
  dealerId: string;
  actor: Actor;
  clientAddress?: string | undefined;
}

const notFound = () => new PorchlightError('NOT_FOUND', 'No such document.');

/** The account's documents, newest first (ids are time-ordered). */
async function listAll(deps: Deps, dealerId: string, accountId: string): Promise<SharedDocument[]> {
  const page = await deps.store.list<SharedDocument>(keys.documents(dealerId, accountId), { limit: MAX_ACCOUNT_DOCUMENTS, reverse: true });
  return page.items.map((i) => i.value);
}

// ---- back office ------------------------------------------------------------------------

/**
 * Shares a file with an account (checked by the caller): the type from the content, the file
 * name sanitised (and given the extension of its real type), the bytes and the record under a
 * server-made id. `claimedType` is the request's Content-Type.
 */
export async function shareDocument(deps: Deps, scope: AdminScope, accountId: string, input: ShareInput, bytes: Uint8Array, claimedType: string): Promise<SharedDocument> {
  const { type, filename, sha256 } = inspectFile(bytes, claimedType, input.filename, { maxBytes: DOCUMENT_MAX_BYTES, filenameMax: DOCUMENT_FILENAME_MAX, action: 'share' });

  const visibleTo = input.visibleTo ?? null;
  if (visibleTo) {
    const users = await deps.store.getMany(visibleTo.map((u) => keys.user(scope.dealerId, accountId, u)));
    const unknown = visibleTo.filter((_, i) => !users[i]);
    if (unknown.length) throw new PorchlightError('VALIDATION_FAILED', undefined, { fields: { visibleTo: `No login of this account has the id ${unknown.join(', ')}.` } });
  }
  // Counted and written under the account's documents lock, so two uploads at the cap cannot both pass.
  const doc = await withLock(deps, keys.accountLock(scope.dealerId, accountId, 'documents'), async () => {
    const existing = await deps.store.list(keys.documents(scope.dealerId, accountId), { limit: MAX_ACCOUNT_DOCUMENTS });
    if (existing.cursor !== null || existing.items.length >= MAX_ACCOUNT_DOCUMENTS) {
      throw new PorchlightError('LIMIT_REACHED', `An account holds at most ${MAX_ACCOUNT_DOCUMENTS} documents. Remove some first.`);
    }
    return storeDocument(deps, scope, accountId, { filename, type, bytes, sha256, visibleTo, title: input.title });
  });
  await audit(deps, {
    dealerId: scope.dealerId,
    accountId,
    action: 'document.shared',
    actor: scope.actor,
    summary: `${scope.actor.name} shared the document "${doc.title}" (${filename}, ${TYPE_NAMES[type]})${visibleTo ? ` with ${visibleTo.length} login${visibleTo.length === 1 ? '' : 's'}` : ''}`,
    target: { type: 'document', id: doc.id },
    details: { filename, contentType: type, size: doc.size, sha256: doc.sha256, visibleTo },
    clientAddress: scope.clientAddress,
  });
  return doc;
}

export async function listAdminDocuments(deps: Deps, dealerId: string, accountId: string): Promise<{ items: SharedDocument[] }> {
  return { items: await listAll(deps, dealerId, accountId) };
}

export async function removeDocument(deps: Deps, scope: AdminScope, accountId: string, documentId: string): Promise<{ ok: true }> {
  const removed = await deleteRecord<SharedDocument>(deps.store, keys.document(scope.dealerId, accountId, documentId), notFound);
  await deps.store.delete(keys.documentBytes(scope.dealerId, accountId, documentId));
  await audit(deps, {
    dealerId: scope.dealerId,
    accountId,
    action: 'document.removed',
    actor: scope.actor,
    summary: `${scope.actor.name} removed the document "${removed.title}" (${removed.filename})`,
    target: { type: 'document', id: documentId },
    details: { filename: removed.filename, sha256: removed.sha256 },
    clientAddress: scope.clientAddress,
  });
  return { ok: true };
}

// ---- portal -----------------------------------------------------------------------------

const visible = (d: SharedDocument, userId: string) => d.visibleTo === null || d.visibleTo.includes(userId);

function toPortal(d: SharedDocument): PortalDocument {
  return { id: d.id, title: d.title, filename: d.filename, contentType: d.contentType, size: d.size, sharedAt: d.sharedAt };
}

/** The documents this user may see, newest first. */
export async function listPortalDocuments(deps: Deps, dealerId: string, accountId: string, userId: string): Promise<PortalDocument[]> {
  return (await listAll(deps, dealerId, accountId)).filter((d) => visible(d, userId)).map(toPortal);
}

/** A document this user may see, with its bytes; NOT_FOUND otherwise (whoever's it is). */
export async function readDocument(deps: Deps, dealerId: string, accountId: string, userId: string, documentId: string): Promise<{ doc: SharedDocument; bytes: Uint8Array }> {
  const found = await deps.store.get<SharedDocument>(keys.document(dealerId, accountId, documentId));
  if (!found || !visible(found.value, userId)) throw notFound();
  const bytes = await deps.store.getBytes(keys.documentBytes(dealerId, accountId, documentId));
  if (!bytes) throw notFound();
  return { doc: found.value, bytes };
}

async function storeDocument(
  deps: Deps,
  scope: AdminScope,
  accountId: string,
  file: { filename: string; type: SharedDocument['contentType']; bytes: Uint8Array; sha256: string; visibleTo: string[] | null; title: string | undefined },
): Promise<SharedDocument> {
  const now = deps.now();
  const doc: SharedDocument = {
    id: newId(now),
    accountId,
    title: file.title ?? file.filename,
    filename: file.filename,
    contentType: file.type,
    size: file.bytes.length,
    sha256: file.sha256,
    visibleTo: file.visibleTo,
    sharedAt: new Date(now).toISOString(),
    sharedBy: scope.actor,
  };
  // Bytes first: a record never points at missing bytes.
  await deps.store.putBytes(keys.documentBytes(scope.dealerId, accountId, doc.id), file.bytes);
  await deps.store.put(keys.document(scope.dealerId, accountId, doc.id), doc, { ifVersion: null });
  return doc;
}
