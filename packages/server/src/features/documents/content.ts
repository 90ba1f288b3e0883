import type { DocumentContentType } from '@porchlight/core';

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

/**
 * `attachment` with an ASCII fallback name (anything else, quotes and backslashes replaced)
 * and the exact name in RFC 5987 form.
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
