/**
 * Files in the fake APIs, as the server treats them (server features/documents/content.ts): the
 * type read from the bytes, the one check of a file sent as a request's raw body (uploads, shared
 * documents), and a download's answer. The portal's fake (uploads, ticket attachments, work-order
 * photos, documents) and the back office's fake (uploads, shared documents) use these.
 */
import { DOCUMENT_FILENAME_MAX, sanitizeFilename, type DocumentContentType } from '@porchlight/core';
import { fail } from './fake-http.js';

/** The type of a file from its first bytes, as the server decides it (never from its name or claimed type). */
export function sniffType(bytes: Uint8Array): DocumentContentType | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return /[\x00-\x08\x0b\x0e-\x1f\x7f]/.test(text) ? null : 'text/plain';
  } catch {
    return null;
  }
}

const TYPE_NAMES: Record<DocumentContentType, string> = { 'application/pdf': 'a PDF', 'image/png': 'a PNG image', 'image/jpeg': 'a JPEG image', 'text/plain': 'plain text' };
const EXTENSIONS: Record<DocumentContentType, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'text/plain': ['.txt', '.text', '.log', '.csv'],
};
/** Claimed types that say nothing (accepted whatever the content is). */
const UNSPECIFIC = new Set(['', 'application/octet-stream', 'binary/octet-stream']);
const ACTIONS = { share: { done: 'shared', verb: 'Share' }, upload: { done: 'uploaded', verb: 'Upload' } } as const;

/** The file name with an extension that matches its real type (`report.html` holding a PDF becomes `report.html.pdf`). */
export function withExtension(filename: string, type: DocumentContentType, max = DOCUMENT_FILENAME_MAX): string {
  const exts = EXTENSIONS[type];
  if (exts.some((e) => filename.toLowerCase().endsWith(e))) return filename;
  const ext = exts[0]!;
  const chars = [...filename];
  return (chars.length + ext.length > max ? chars.slice(0, max - ext.length).join('') : filename) + ext;
}

/** SHA-256 of the bytes, hex. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A file that passed `inspectFile`. */
export interface InspectedFile {
  type: DocumentContentType;
  /** Sanitised, with the extension of its real type. */
  filename: string;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
}

/**
 * A file sent as a request's raw body (`call.raw`), checked like the server does: not empty, at
 * most `maxBytes`, a type read from the content, a claimed Content-Type that does not contradict
 * it, and a usable file name (given the extension of its real type). Answers the file, or the
 * server's refusal.
 */
export async function inspectFile(
  bytes: Uint8Array | undefined,
  claimedType: string | undefined,
  rawFilename: string,
  options: { maxBytes: number; filenameMax?: number; action: keyof typeof ACTIONS },
): Promise<InspectedFile | Response> {
  const action = ACTIONS[options.action];
  const body = bytes ?? new Uint8Array(0);
  if (body.length > options.maxBytes) return fail('PAYLOAD_TOO_LARGE', `The file is larger than ${options.maxBytes / 1024 / 1024} MiB.`);
  if (!body.length) return fail('VALIDATION_FAILED', 'The file is empty: send its bytes as the request body.', { file: 'The file is empty.' });
  const type = sniffType(body);
  if (!type) return fail('UNSUPPORTED_MEDIA_TYPE', `This kind of file cannot be ${action.done}. ${action.verb} a PDF, PNG, JPEG or plain text (UTF-8) file; the type is read from the file's content.`);
  const claimed = (claimedType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!UNSPECIFIC.has(claimed) && claimed !== type) {
    return fail('UNSUPPORTED_MEDIA_TYPE', `The file was sent as ${claimed}, but its content is ${TYPE_NAMES[type]}. Send it with Content-Type: ${type} (or application/octet-stream).`);
  }
  const max = options.filenameMax ?? DOCUMENT_FILENAME_MAX;
  const base = sanitizeFilename(rawFilename).slice(0, max);
  if (!/[\p{L}\p{N}]/u.test(base)) return fail('VALIDATION_FAILED', undefined, { filename: 'Give a file name with at least one letter or digit.' });
  return { type, filename: withExtension(base, type, max), sha256: await sha256Hex(body) };
}

/** A file download as the server answers it: the type, and an attachment disposition with the name (ASCII and UTF-8). */
export function fileResponse(body: BodyInit, filename: string, contentType: string): Response {
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': contentType,
      'content-disposition': `attachment; filename="${filename.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    },
  });
}
