import type { DownloadedDocument } from './client.js';

/** A downloaded file from a successful file response (the name from its Content-Disposition). */
export async function readDownload(response: Response, fallbackName: string): Promise<DownloadedDocument> {
  return {
    blob: await response.blob(),
    filename: filenameFromDisposition(response.headers.get('content-disposition'), fallbackName),
    contentType: (response.headers.get('content-type') ?? 'application/octet-stream').split(';')[0]!.trim(),
  };
}

/** The file name a Content-Disposition header gives: `filename*` (RFC 5987) first, then `filename`. */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      // Malformed: use the plain name.
    }
  }
  const plain = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header) ?? /filename\s*=\s*([^;\s]+)/i.exec(header);
  return plain ? plain[1]!.replace(/\\(.)/g, '$1') : fallback;
}
