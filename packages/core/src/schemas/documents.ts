import * as v from 'valibot';
import { Actor, Id, Timestamp } from './common.js';

/**
 * Shared documents ("accessible files"): files the dealer shares with an account, or with some
 * of its logins — monitoring certificates, contracts, reports. The back office uploads the raw
 * bytes; the server decides the type from the content (never from the claimed type or the file
 * name) and accepts only PDF, PNG, JPEG and plain UTF-8 text.
 */

/** The largest file the back office can share (10 MiB). */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
/** The most documents one account holds. */
export const MAX_ACCOUNT_DOCUMENTS = 500;
export const DOCUMENT_TITLE_MAX = 200;
export const DOCUMENT_FILENAME_MAX = 120;

/** The types a shared document can have, as detected from its bytes. */
export const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'] as const;
export const DocumentContentType = v.picklist(DOCUMENT_TYPES);
export type DocumentContentType = v.InferOutput<typeof DocumentContentType>;

/** A document as stored and as the back office sees it. */
export const SharedDocument = v.object({
  id: Id,
  accountId: Id,
  title: v.string(),
  /** Sanitised: no path, no control characters, at most DOCUMENT_FILENAME_MAX characters. */
  filename: v.string(),
  /** Detected from the content. */
  contentType: DocumentContentType,
  /** Bytes. */
  size: v.number(),
  /** SHA-256 of the bytes, hex. */
  sha256: v.string(),
  /** The logins (user ids) that see it; null: everyone on the account. */
  visibleTo: v.nullable(v.array(Id)),
  sharedAt: Timestamp,
  sharedBy: Actor,
});
export type SharedDocument = v.InferOutput<typeof SharedDocument>;

/** GET /v1/admin/accounts/:accountId/documents: the account's documents, newest first. */
export const SharedDocumentList = v.object({ items: v.array(SharedDocument) });
export type SharedDocumentList = v.InferOutput<typeof SharedDocumentList>;

/** A document as a signed-in portal user sees it. */
export const PortalDocument = v.object({
  id: Id,
  title: v.string(),
  filename: v.string(),
  contentType: DocumentContentType,
  size: v.number(),
  sharedAt: Timestamp,
});
export type PortalDocument = v.InferOutput<typeof PortalDocument>;

/** GET /v1/documents: the documents this user may see, newest first. */
export const PortalDocumentList = v.object({ items: v.array(PortalDocument) });
export type PortalDocumentList = v.InferOutput<typeof PortalDocumentList>;

/**
 * A file name safe to store and to send back in Content-Disposition: the last path segment
 * only, control and format characters removed, characters that mean something to file
 * systems or headers (`/ \ " : * ? < > |`) replaced with `_`, no leading dots or spaces, at
 * most DOCUMENT_FILENAME_MAX characters (the extension kept). May answer '' (nothing left).
 */
export function sanitizeFilename(raw: string): string {
  let name = raw.normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '');
  name = name.replace(/["*:<>?|]/g, '_');
  name = name.replace(/\s+/g, ' ').replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
  const chars = [...name];
  if (chars.length > DOCUMENT_FILENAME_MAX) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? [...name.slice(dot)] : [];
    name = chars.slice(0, DOCUMENT_FILENAME_MAX - ext.length).join('').trimEnd() + ext.join('');
  }
  return name;
}

const CommaIds = v.pipe(
  v.string(),
  v.maxLength(5000, 'Name at most 100 logins.'),
  v.transform((s) => (s.trim() === '' ? [] : s.split(',').map((x) => x.trim()))),
  v.array(Id, 'visibleTo is a comma-separated list of user ids.'),
  v.maxLength(100, 'Name at most 100 logins.'),
  v.transform((ids) => (ids.length ? [...new Set(ids)] : null)),
);

/**
 * The query of the upload (POST /v1/admin/accounts/:accountId/documents, the raw file as the
 * body): `filename` (required), `title` (default: the file name), `visibleTo` (comma-separated
 * user ids; empty or absent: everyone on the account).
 */
export const ShareDocumentQuery = v.strictObject({
  filename: v.pipe(v.string('Give the file name (?filename=…).'), v.maxLength(1000, 'The file name is too long.')),
  title: v.optional(
    v.pipe(v.string(), v.trim(), v.minLength(1, 'Enter a title.'), v.maxLength(DOCUMENT_TITLE_MAX, `Use at most ${DOCUMENT_TITLE_MAX} characters.`)),
  ),
  visibleTo: v.optional(CommaIds),
});
export type ShareDocumentQuery = v.InferInput<typeof ShareDocumentQuery>;
