import * as v from 'valibot';
import { Id, Timestamp } from './common.js';
import { DOCUMENT_TYPES } from './documents.js';

/**
 * Uploads: a file is sent first, on its own request (raw bytes as the body, `?filename=`), so
 * the browser can show its progress; the answer's id is then named in the ticket, reply or work
 * order that uses it. The server decides the type from the content, stores the bytes under a
 * key it makes, and forgets an upload nobody used within UPLOAD_TTL_HOURS.
 */

/** The largest file one upload takes (10 MiB). */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
/** An upload not attached to anything within this time is deleted. */
export const UPLOAD_TTL_HOURS = 24;
/** The most unused uploads one user can hold at a time. */
export const MAX_PENDING_UPLOADS = 20;

/** The types an upload can have, detected from its bytes (the shared documents' list). */
export const UPLOAD_TYPES = DOCUMENT_TYPES;

/** A file as it is attached to a ticket, a reply or a work order. */
export const Attachment = v.object({
  id: Id,
  /** Sanitised (see `sanitizeFilename`), with the extension of its real type. */
  filename: v.string(),
  contentType: v.picklist(UPLOAD_TYPES),
  size: v.number(),
  /** SHA-256 of the bytes, hex. */
  sha256: v.string(),
});
export type Attachment = v.InferOutput<typeof Attachment>;

/** POST /v1/uploads (and /v1/admin/uploads): the stored upload, not yet attached to anything. */
export const Upload = v.object({
  ...Attachment.entries,
  uploadedAt: Timestamp,
  /** After this the upload is gone unless it was attached. */
  expiresAt: Timestamp,
});
export type Upload = v.InferOutput<typeof Upload>;

/** The query of an upload: the file name as the user's computer calls it. */
export const UploadQuery = v.strictObject({
  filename: v.pipe(v.string('Give the file name (?filename=…).'), v.maxLength(1000, 'The file name is too long.')),
});
export type UploadQuery = v.InferInput<typeof UploadQuery>;
