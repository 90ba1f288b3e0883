import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { PorchlightError, sanitizeFilename, type DocumentContentType } from '@porchlight/core';

/**
 * What a shared file is, decided from its bytes only (the claimed Content-Type and the file
 * name are never trusted): PDF, PNG, JPEG, or plain UTF-8 text that does not look like markup.
 * Anything else answers null.
 */
export function detectType(bytes: Uint8Array): DocumentContentType | null {
  if (bytes.length === 0) return null;
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  return isPlainText(bytes) ? 'text/plain' : null;
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** Markup a browser (or a viewer that sniffs) could run or render: HTML, SVG, XML. */
const MARKUP = /<\s*(?:!doctype|html|head|body|script|iframe|frame|svg|\?xml|style|object|embed|meta|link|img|a\s|div|form|math)\b/i;

function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // NUL and other control characters (tab, line breaks, form feed allowed): binary, not text.
  if (/[\u0000-\u0008\u000e-\u001f\u007f]/.test(text)) return false;
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<') || MARKUP.test(text)) return false;
  return true;
}

/** How a detected type is named to people. */
export const TYPE_NAMES: Record<DocumentContentType, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'text/plain': 'plain text',
};

const EXTENSIONS: Record<DocumentContentType, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'text/plain': ['.txt', '.text', '.log', '.csv'],
};

/** The file name with an extension that matches its real type (e.g. `report.html` holding a PDF becomes `report.html.pdf`). */
export function withExtension(filename: string, type: DocumentContentType, max: number): string {
  const lower = filename.toLowerCase();
  const exts = EXTENSIONS[type];
  if (exts.some((e) => lower.endsWith(e))) return filename;
  const ext = exts[0]!;
  const chars = [...filename];
  return (chars.length + ext.length > max ? chars.slice(0, max - ext.length).join('') : filename) + ext;
}

/** The types a file may have, as people read them. */
export const ALLOWED_TYPES = 'PDF, PNG, JPEG or plain text (UTF-8)';
/** Claimed types that say nothing (accepted whatever the content is). */
const UNSPECIFIC = new Set(['', 'application/octet-stream', 'binary/octet-stream']);
const ACTIONS = { share: { done: 'shared', verb: 'Share' }, upload: { done: 'uploaded', verb: 'Upload' } } as const;

/** A file that passed `inspectFile`. */
export interface InspectedFile {
  type: DocumentContentType;
  /** Sanitised, with the extension of its real type. */
  filename: string;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
}

/**
 * The one check of a file sent as a request's raw body (shared documents, uploads): not empty
 * (400), at most `maxBytes` (413), a type read from the content (415 otherwise), a claimed
 * Content-Type that does not contradict it (415), and a file name sanitised with the extension
 * of its real type (400 when nothing usable is left).
 */
export function inspectFile(
  bytes: Uint8Array,
  claimedType: string,
  rawFilename: string,
  options: { maxBytes: number; filenameMax: number; action: keyof typeof ACTIONS },
): InspectedFile {
  const action = ACTIONS[options.action];
  if (bytes.length > options.maxBytes) throw new PorchlightError('PAYLOAD_TOO_LARGE', `The file is larger than ${options.maxBytes / 1024 / 1024} MiB.`);
  if (bytes.length === 0) throw new PorchlightError('VALIDATION_FAILED', 'The file is empty: send its bytes as the request body.', { fields: { file: 'The file is empty.' } });
  const type = detectType(bytes);
  if (!type) throw new PorchlightError('UNSUPPORTED_MEDIA_TYPE', `This kind of file cannot be ${action.done}. ${action.verb} a ${ALLOWED_TYPES} file; the type is read from the file's content.`);
  const claimed = claimedType.split(';')[0]!.trim().toLowerCase();
  if (!UNSPECIFIC.has(claimed) && claimed !== type) {
    throw new PorchlightError('UNSUPPORTED_MEDIA_TYPE', `The file was sent as ${claimed}, but its content is ${TYPE_NAMES[type]}. Send it with Content-Type: ${type} (or application/octet-stream).`);
  }
  const base = sanitizeFilename(rawFilename);
  if (!/[\p{L}\p{N}]/u.test(base)) throw new PorchlightError('VALIDATION_FAILED', undefined, { fields: { filename: 'Give a file name with at least one letter or digit.' } });
  return { type, filename: withExtension(base, type, options.filenameMax), sha256: encodeHexLowerCase(sha256(bytes)) };
}

// The download's header now lives with the shared file response (http/file.ts); kept here for existing imports.
export { contentDisposition } from '../../http/file.js';
