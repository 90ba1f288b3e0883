import { encodeBase64 } from '@oslojs/encoding';
import type { DocumentContentType } from '@porchlight/core';
import type { Context } from 'hono';

/**
 * `attachment` with an ASCII fallback name (anything else, quotes and backslashes replaced)
 * and the exact name in RFC 5987 form.
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Answers a stored file as a download that is never rendered in the portal's page: the type
 * detected from its bytes when it was stored, `Content-Disposition: attachment` with a safe
 * name, nosniff, a sandbox CSP (a browser that shows it anyway runs nothing), no-store. A
 * cross-origin page's script may read the file name (Content-Disposition is exposed).
 */
export function sendFile(
  c: Context,
  file: { filename: string; contentType: DocumentContentType; bytes: Uint8Array },
  /** More headers (e.g. `Repr-Digest`); their names are exposed to a cross-origin script too. */
  extra: Record<string, string> = {},
): Response {
  const exposed = ['Retry-After', 'Content-Disposition', ...Object.keys(extra)].join(', ');
  return c.body(new Uint8Array(file.bytes), 200, {
    ...extra,
    'Content-Type': file.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : file.contentType,
    'Content-Length': String(file.bytes.length),
    'Content-Disposition': contentDisposition(file.filename),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': 'sandbox',
    'Cache-Control': 'no-store',
    ...(c.req.header('origin') ? { 'Access-Control-Expose-Headers': exposed } : {}),
  });
}

/** A PDF to send: its bytes, the name to save it under and the SHA-256 (hex) of the bytes. */
export interface PdfFile {
  bytes: Uint8Array;
  filename: string;
  sha256: string;
}

/** A PDF as a download (see sendFile), with its SHA-256 in `Repr-Digest` (RFC 9530) so the caller can check it got the bytes the API names. */
export function sendPdf(c: Context, file: PdfFile): Response {
  const digest = encodeBase64(Uint8Array.from(file.sha256.match(/../g)!.map((h) => parseInt(h, 16))));
  return sendFile(c, { filename: file.filename, contentType: 'application/pdf', bytes: file.bytes }, { 'Repr-Digest': `sha-256=:${digest}:` });
}
