import {
  DOCUMENT_FILENAME_MAX,
  isId,
  MAX_PENDING_UPLOADS,
  newId,
  PorchlightError,
  StoreConflictError,
  UPLOAD_MAX_BYTES,
  UPLOAD_TTL_HOURS,
  type Actor,
  type Attachment,
  type Upload,
} from '@porchlight/core';
import type { Deps } from '../../context.js';
import { keys, type Uploader } from '../../store/keys.js';
import { withLock } from '../../store/lock.js';
import { inspectFile } from '../documents/content.js';

/**
 * Uploads: a file is sent on its own request first and kept for UPLOAD_TTL_HOURS (record and
 * bytes both carry the TTL, so an upload nobody used disappears by itself); a feature that
 * takes files (tickets, replies, later work orders) names the upload ids and calls
 * `claimUploads`, which turns them into attachments of an account, once.
 */

export type { Uploader };

/** An upload as stored: the answer, plus who made it. */
interface UploadRecord extends Upload {
  dealerId: string;
  uploader: Uploader;
  uploadedBy: Actor;
}

/** A claimed upload: an attachment of an account, and what it is attached to. */
export interface AttachmentRecord extends Attachment {
  dealerId: string;
  accountId: string;
  /** What the file belongs to (e.g. `{ type: 'ticket', id }`): a download checks it. */
  target: AttachmentTarget;
  uploadedBy: Actor;
  attachedAt: string;
}

export interface AttachmentTarget {
  type: string;
  id: string;
}

const TTL_SECONDS = UPLOAD_TTL_HOURS * 3600;
/** The bytes outlive their record a little, so a record still listed always has its bytes. */
const BYTES_GRACE_SECONDS = 300;

const toUpload = (r: UploadRecord): Upload => ({
  id: r.id,
  filename: r.filename,
  contentType: r.contentType,
  size: r.size,
  sha256: r.sha256,
  uploadedAt: r.uploadedAt,
  expiresAt: r.expiresAt,
});

const toAttachment = (r: Attachment): Attachment => ({ id: r.id, filename: r.filename, contentType: r.contentType, size: r.size, sha256: r.sha256 });

/**
 * Stores one upload (the request's raw body): the type from the content (PDF, PNG, JPEG, UTF-8
 * text; a claimed type that contradicts it is refused), the name sanitised with the real
 * type's extension, under a server-made id, for UPLOAD_TTL_HOURS. One uploader holds at most
 * MAX_PENDING_UPLOADS unused uploads (counted under a lock, so two at once cannot both pass).
 */
export async function createUpload(
  deps: Deps,
  scope: { dealerId: string; uploader: Uploader; actor: Actor },
  input: { filename: string },
  bytes: Uint8Array,
  claimedType: string,
): Promise<Upload> {
  const file = inspectFile(bytes, claimedType, input.filename, { maxBytes: UPLOAD_MAX_BYTES, filenameMax: DOCUMENT_FILENAME_MAX, action: 'upload' });
  return withLock(deps, keys.uploadLock(scope.dealerId, scope.uploader), async () => {
    const pending = await deps.store.list(keys.uploads(scope.dealerId, scope.uploader), { limit: MAX_PENDING_UPLOADS });
    if (pending.cursor !== null || pending.items.length >= MAX_PENDING_UPLOADS) {
      throw new PorchlightError(
        'LIMIT_REACHED',
        `You have ${MAX_PENDING_UPLOADS} files uploaded but not yet attached. Send them with a ticket or reply first, or wait: unused uploads are removed after ${UPLOAD_TTL_HOURS} hours.`,
      );
    }
    const now = deps.now();
    const record: UploadRecord = {
      id: newId(now),
      filename: file.filename,
      contentType: file.type,
      size: bytes.length,
      sha256: file.sha256,
      uploadedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + TTL_SECONDS * 1000).toISOString(),
      dealerId: scope.dealerId,
      uploader: scope.uploader,
      uploadedBy: scope.actor,
    };
    // Bytes first: a record never points at missing bytes.
    await deps.store.putBytes(keys.uploadBytes(scope.dealerId, scope.uploader, record.id), bytes, { ttl: TTL_SECONDS + BYTES_GRACE_SECONDS });
    await deps.store.put(keys.upload(scope.dealerId, scope.uploader, record.id), record, { ifVersion: null, ttl: TTL_SECONDS });
    return toUpload(record);
  });
}

export interface ClaimInput {
  dealerId: string;
  /** The account the files become attachments of. A portal user's uploads must be of this account. */
  accountId: string;
  /** Whose uploads these must be: the portal user (of `accountId`) or the back-office caller sending the request. */
  owner: { userId: string } | { adminId: string };
  /** Upload ids, as the request named them. */
  ids: readonly string[];
  /** What the files are attached to (kept with each attachment; `readAttachment` checks it). */
  target: AttachmentTarget;
  /** The request field an id came from, for the error (default "attachments"). */
  fieldOf?: (id: string) => string;
}

/**
 * Turns uploads into attachments of an account, for any feature that takes files. Each id must
 * be a live upload of that same uploader (not expired, not attached before); otherwise nothing
 * is claimed and the answer is VALIDATION_FAILED with a field error naming the file (never a
 * 5xx). Each upload is claimed with a compare-and-set delete, so two requests naming the same
 * upload attach it once; then its bytes are copied to the account's attachment key and the
 * pending bytes dropped. Answers the attachments in the order of `ids`.
 *
 * Call it after everything else in the request was validated: a claimed upload is used up.
 */
export async function claimUploads(deps: Deps, input: ClaimInput): Promise<Attachment[]> {
  if (input.ids.length === 0) return [];
  const fieldOf = input.fieldOf ?? (() => 'attachments');
  const refuse = (id: string, message: string) => new PorchlightError('VALIDATION_FAILED', message, { fields: { [fieldOf(id)]: message } });
  const missing = (id: string) =>
    refuse(id, `The file ${id.slice(0, 64)} is not one of your uploads: it may have expired (uploads are kept ${UPLOAD_TTL_HOURS} hours) or be attached already. Upload it again.`);
  const seen = new Set<string>();
  for (const id of input.ids) {
    if (seen.has(id)) throw refuse(id, 'The same file is attached twice.');
    seen.add(id);
  }
  const uploader: Uploader = 'userId' in input.owner ? { accountId: input.accountId, userId: input.owner.userId } : { adminId: input.owner.adminId };
  const uploadKey = (id: string) => keys.upload(input.dealerId, uploader, id);
  for (const id of input.ids) if (!isId(id)) throw missing(id);

  const found = await deps.store.getMany<UploadRecord>(input.ids.map(uploadKey));
  const now = deps.now();
  found.forEach((f, i) => {
    if (!f || Date.parse(f.value.expiresAt) <= now) throw missing(input.ids[i]!);
  });

  // Claim every upload (delete its record if still as read); if one was taken meanwhile, give back the others.
  const claimed: { record: UploadRecord; version: string }[] = [];
  for (const f of found) {
    const { value, version } = f!;
    try {
      await deps.store.delete(uploadKey(value.id), { ifVersion: version });
      claimed.push({ record: value, version });
    } catch (error) {
      await Promise.all(claimed.map(({ record }) => restore(deps, uploadKey(record.id), record)));
      if (error instanceof StoreConflictError) throw refuse(value.id, `"${value.filename}" was attached somewhere else at the same moment. Upload it again.`);
      throw error;
    }
  }

  const attachedAt = new Date(now).toISOString();
  const out: Attachment[] = [];
  for (const { record } of claimed) {
    const bytes = await deps.store.getBytes(keys.uploadBytes(input.dealerId, uploader, record.id));
    if (!bytes) throw missing(record.id);
    const attachment: AttachmentRecord = {
      ...toAttachment(record),
      dealerId: input.dealerId,
      accountId: input.accountId,
      target: input.target,
      uploadedBy: record.uploadedBy,
      attachedAt,
    };
    await deps.store.putBytes(keys.attachmentBytes(input.dealerId, input.accountId, record.id), bytes);
    await deps.store.put(keys.attachment(input.dealerId, input.accountId, record.id), attachment, { ifVersion: null });
    await deps.store.delete(keys.uploadBytes(input.dealerId, uploader, record.id)).catch(() => undefined);
    out.push(toAttachment(attachment));
  }
  return out;
}

/** Puts a claimed upload back (best effort, for the rest of its lifetime) when its request failed. */
async function restore(deps: Deps, key: string, record: UploadRecord): Promise<void> {
  const left = Math.floor((Date.parse(record.expiresAt) - deps.now()) / 1000);
  if (left < 1) return;
  await deps.store.put(key, record, { ifVersion: null, ttl: left }).catch(() => undefined);
}

/**
 * An attachment of `accountId` with its bytes, only when it belongs to `target` (the ticket or
 * work order in the request's path); NOT_FOUND otherwise, whoever's it is.
 */
export async function readAttachment(
  deps: Deps,
  input: { dealerId: string; accountId: string; attachmentId: string; target: AttachmentTarget },
): Promise<{ attachment: Attachment; bytes: Uint8Array }> {
  const notFound = () => new PorchlightError('NOT_FOUND', 'No such attachment.');
  const found = await deps.store.get<AttachmentRecord>(keys.attachment(input.dealerId, input.accountId, input.attachmentId));
  if (!found || found.value.target.type !== input.target.type || found.value.target.id !== input.target.id) throw notFound();
  const bytes = await deps.store.getBytes(keys.attachmentBytes(input.dealerId, input.accountId, input.attachmentId));
  if (!bytes) throw notFound();
  return { attachment: toAttachment(found.value), bytes };
}
