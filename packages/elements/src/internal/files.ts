/**
 * Files as people see them, for every element that lists, downloads or uploads them: a size in
 * words, a type in words, and saving a downloaded blob under its name.
 */
import type { DocumentContentType } from '@porchlight/client';

const TYPE_LABELS: Record<DocumentContentType, string> = {
  'application/pdf': 'PDF',
  'image/png': 'Image',
  'image/jpeg': 'Image',
  'text/plain': 'Text',
};

/** "PDF", "Image", "Text" (or "File" for a type this version does not know). */
export function typeLabel(type: string): string {
  return TYPE_LABELS[type as DocumentContentType] ?? 'File';
}

/** "512 bytes", "12.5 KB", "3.2 MB" (1 KB = 1024 bytes). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1).replace(/\.0$/, '')} ${units[unit]}`;
}

/** Saves a blob as a file: an object URL, a temporary `<a download>`, the URL revoked after. */
export function saveBlob(blob: Blob, filename: string, host: Node): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.hidden = true;
  host.appendChild(a);
  try {
    a.click();
  } finally {
    a.remove();
    // After the click has handed the file to the browser's download.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
