import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { MAX_FILES_PER_FIELD, UPLOAD_MAX_BYTES, type Upload } from '@porchlight/core';
import type { UploadOptions } from '@porchlight/client';
import { alertIcon, checkIcon } from './icons.js';
import { errorMessage } from './messages.js';
import { formatSize } from '../documents/documents.js';

/** One chosen file: uploading, uploaded (its upload id goes with the message) or refused. */
export interface PendingFile {
  key: string;
  name: string;
  size: number;
  /** Bytes sent so far. */
  loaded: number;
  state: 'uploading' | 'done' | 'failed';
  upload?: Upload;
  error?: string;
}

/**
 * The file's bytes without the type the browser guessed from its name. The server reads the type
 * from the content and refuses a claimed type that contradicts it, so a picture saved under the
 * wrong extension would be refused with a message about Content-Type that nobody in the back
 * office can act on; sent as application/octet-stream, it is accepted as what it really is (and
 * renamed with the right extension). Anything not PDF, PNG, JPEG or text is still refused.
 */
export function rawBytes(file: Blob): Blob {
  return file.slice(0, file.size, 'application/octet-stream');
}

let keys = 0;

/**
 * Files attached to a message that is not sent yet: each is uploaded as soon as it is chosen
 * (POST …/uploads, raw bytes, with progress), so sending only names the upload ids. Too large
 * or empty files are refused here without a request; removing a file that is still uploading
 * aborts it. Renders with `uploadList()`.
 */
export class FileUploads implements ReactiveController {
  items: PendingFile[] = [];
  private readonly aborts = new Map<string, AbortController>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly send: (file: File, options: UploadOptions) => Promise<Upload>,
    readonly max = MAX_FILES_PER_FIELD,
  ) {
    host.addController(this);
  }

  /** Some file is still being sent. */
  get busy(): boolean {
    return this.items.some((f) => f.state === 'uploading');
  }

  /** Some file was refused (and is still listed). */
  get failed(): boolean {
    return this.items.some((f) => f.state === 'failed');
  }

  /** The ids of the uploaded files, in the order they were chosen. */
  get ids(): string[] {
    return this.items.flatMap((f) => (f.state === 'done' && f.upload ? [f.upload.id] : []));
  }

  /** Starts uploading `files`; answers what to tell the person when some were not taken (too many). */
  add(files: Iterable<File>): string | undefined {
    const chosen = [...files];
    const room = this.max - this.items.length;
    const taken = chosen.slice(0, Math.max(0, room));
    for (const file of taken) this.start(file);
    this.host.requestUpdate();
    return taken.length < chosen.length ? `Attach at most ${this.max} files.` : undefined;
  }

  remove(key: string): void {
    this.aborts.get(key)?.abort();
    this.aborts.delete(key);
    this.items = this.items.filter((f) => f.key !== key);
    this.host.requestUpdate();
  }

  /** Forgets every file (after sending, or when the message is abandoned). */
  clear(): void {
    for (const abort of this.aborts.values()) abort.abort();
    this.aborts.clear();
    this.items = [];
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    // The element left the page: stop sending; files cut short must be chosen again.
    for (const abort of this.aborts.values()) abort.abort();
    this.aborts.clear();
    this.items = this.items.map((f) => (f.state === 'uploading' ? { ...f, state: 'failed', error: 'The upload stopped. Remove the file and choose it again.' } : f));
  }

  private patch(key: string, patch: Partial<PendingFile>): void {
    this.items = this.items.map((f) => (f.key === key ? { ...f, ...patch } : f));
    this.host.requestUpdate();
  }

  private start(file: File): void {
    const key = `file-${++keys}`;
    const item: PendingFile = { key, name: file.name || 'file', size: file.size, loaded: 0, state: 'uploading' };
    if (file.size === 0) Object.assign(item, { state: 'failed', error: 'The file is empty.' });
    else if (file.size > UPLOAD_MAX_BYTES) Object.assign(item, { state: 'failed', error: `The file is larger than ${formatSize(UPLOAD_MAX_BYTES)}.` });
    this.items = [...this.items, item];
    if (item.state !== 'uploading') return;
    const abort = new AbortController();
    this.aborts.set(key, abort);
    this.send(file, { signal: abort.signal, onProgress: (loaded) => this.patch(key, { loaded: Math.min(loaded, file.size) }) }).then(
      (upload) => {
        if (this.aborts.get(key) !== abort) return;
        this.aborts.delete(key);
        this.patch(key, { state: 'done', loaded: file.size, upload });
      },
      (error: unknown) => {
        if (this.aborts.get(key) !== abort) return;
        this.aborts.delete(key);
        this.patch(key, { state: 'failed', error: errorMessage(error) });
      },
    );
  }
}

export interface UploadListOptions {
  /** Names the list (e.g. "Files to send"). */
  label: string;
  disabled?: boolean;
}

/** The chosen files: name, size, a <progress> while uploading, what went wrong, and Remove. */
export function uploadList(uploads: FileUploads, o: UploadListOptions): TemplateResult | typeof nothing {
  if (!uploads.items.length) return nothing;
  return html`<ul class="uploads" part="uploads" aria-label=${o.label}>
    ${repeat(
      uploads.items,
      (f) => f.key,
      (f) => {
        const percent = f.size ? Math.round((f.loaded / f.size) * 100) : 0;
        return html`<li class="upload ${f.state}" part="upload" data-upload=${f.key}>
          <span class="upload-name">${f.name}</span>
          <span class="upload-size muted">${formatSize(f.size)}</span>
          ${f.state === 'uploading'
            ? html`<progress max=${f.size} .value=${f.loaded} aria-label="Uploading ${f.name}"></progress><span class="upload-state muted">Uploading… ${percent}%</span>`
            : f.state === 'done'
              ? html`<span class="upload-state done">${checkIcon}Uploaded</span>`
              : html`<span class="upload-state failed">${alertIcon}${f.error ?? 'Not uploaded.'}</span>`}
          <button class="button secondary small inline" part="button" type="button" ?disabled=${o.disabled ?? false} @click=${() => uploads.remove(f.key)}>
            Remove<span class="sr-only"> ${f.name}</span>
          </button>
        </li>`;
      },
    )}
  </ul>`;
}

export const fileUploadStyles = css`
  .uploads {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  .upload {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    font-size: 0.9375rem;
  }
  .upload-name {
    flex: 1 1 10rem;
    min-width: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .upload progress {
    flex: 1 1 8rem;
    min-width: 6rem;
    accent-color: var(--_primary);
  }
  .upload-state {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
  }
  .upload-state .icon {
    width: 1rem;
    height: 1rem;
  }
  .upload-state.done {
    color: var(--_success);
  }
  .upload-state.failed {
    color: var(--_danger);
  }
  .upload.failed {
    border-color: color-mix(in srgb, var(--_danger) 45%, transparent);
  }
  input[type='file'] {
    max-width: 100%;
    font: inherit;
    font-size: 0.9375rem;
  }
  input[type='file']:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
`;
