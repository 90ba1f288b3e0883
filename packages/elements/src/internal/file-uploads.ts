/**
 * Files attached to something not sent yet (a new request's file fields, a reply, a work order's
 * photos, a back-office reply): ONE controller and ONE field template for all of them. A chosen
 * file is checked here first (its type against the field's list, emptiness, size, how many),
 * then uploaded at once (raw bytes, with progress) so that sending only names the upload ids.
 * Removing a file that is still uploading aborts it; the server's refusal of a file (at upload,
 * or when the form is sent) is shown on that file.
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { MAX_FILES_PER_FIELD, UPLOAD_MAX_BYTES, type Upload } from '@porchlight/core';
import type { UploadOptions } from '@porchlight/client';
import { formatSize } from './files.js';
import { alertIcon, checkIcon } from './icons.js';
import { errorMessage } from './messages.js';
import { requiredMark } from './templates.js';

/** What a file field takes, and how it speaks of it. */
export interface FileKinds {
  /** The types taken (the server decides from the bytes), each with the extensions people know it by. */
  types: Readonly<Record<string, readonly string[]>>;
  /** The types as people read them: "PDF, PNG, JPEG or text". */
  text: string;
  /** What the files are called: "files", "photos". */
  noun: string;
  /** Why a file of another type is not taken. */
  wrongType(name: string): string;
}

/** Attachments of tickets and replies: what the server takes. */
export const ATTACHMENT_FILES: FileKinds = {
  types: {
    'application/pdf': ['pdf'],
    'image/png': ['png'],
    'image/jpeg': ['jpg', 'jpeg'],
    'text/plain': ['txt', 'text', 'log'],
  },
  text: 'PDF, PNG, JPEG or text',
  noun: 'files',
  wrongType: (name) => `"${name}" can't be attached: attach a PDF, PNG, JPEG or text file.`,
};

/** A work order's photos: pictures only. */
export const PHOTO_FILES: FileKinds = {
  types: { 'image/png': ['png'], 'image/jpeg': ['jpg', 'jpeg'] },
  text: 'PNG or JPEG',
  noun: 'photos',
  wrongType: (name) => `"${name}" is not a photo. Choose PNG or JPEG pictures.`,
};

/** For a file input's `accept`: the extensions and the types. */
export function acceptOf(kinds: FileKinds): string {
  return [...Object.values(kinds.types).flat().map((e) => `.${e}`), ...Object.keys(kinds.types)].join(',');
}

/** Why a file cannot be attached, checked before it is sent ('' when it can). */
export function refuseFile(file: { name: string; size: number; type: string }, kinds: FileKinds = ATTACHMENT_FILES): string {
  const name = file.name || 'file';
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase() ?? '';
  // Some systems give no type (or a generic one): then the extension decides.
  const typeOk = file.type in kinds.types || ((!file.type || file.type === 'application/octet-stream') && Object.values(kinds.types).some((list) => list.includes(ext)));
  if (!typeOk) return kinds.wrongType(name);
  if (file.size === 0) return `"${name}" is empty.`;
  if (file.size > UPLOAD_MAX_BYTES) return `"${name}" is ${formatSize(file.size)}: attach ${kinds.noun} of at most ${formatSize(UPLOAD_MAX_BYTES)}.`;
  return '';
}

/**
 * The file's bytes without the type the browser guessed from its name. The server reads the type
 * from the content and refuses a claimed type that contradicts it, so a picture saved under the
 * wrong extension would be refused with a message about Content-Type that nobody can act on;
 * sent as application/octet-stream, it is accepted as what it really is (and renamed with the
 * right extension). Anything not PDF, PNG, JPEG or text is still refused.
 */
export function rawBytes(file: Blob): Blob {
  return file.slice(0, file.size, 'application/octet-stream');
}

/** Where files are uploaded: the tickets, work-order or back-office tickets API. */
export interface UploadTarget {
  upload(file: Blob, filename: string, options?: UploadOptions): Promise<Upload>;
}

/** One chosen file: uploading, uploaded (its upload id goes with the form) or refused by the server. */
export interface PendingFile {
  key: string;
  name: string;
  size: number;
  /** Bytes sent so far. */
  loaded: number;
  state: 'uploading' | 'done' | 'failed';
  upload?: Upload;
  /** The server's refusal (state `failed`). */
  error?: string;
}

let keys = 0;

/**
 * The files of one field (or one reply). The host re-renders as they change; call `clear()`
 * after sending, and when the form is discarded (running uploads are aborted).
 */
export class FileUploads implements ReactiveController {
  items: PendingFile[] = [];
  /** Files not taken at the last choice (type, size, how many), one message each. */
  refused: string[] = [];
  /** For screen readers: the last file attached, refused or removed. */
  announcement = '';
  readonly max: number;
  readonly kinds: FileKinds;
  private readonly aborts = new Map<string, AbortController>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly target: () => UploadTarget | null | undefined,
    options: { max?: number; kinds?: FileKinds } = {},
  ) {
    this.max = options.max ?? MAX_FILES_PER_FIELD;
    this.kinds = options.kinds ?? ATTACHMENT_FILES;
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

  /** What keeps the form from being sent ('' when nothing). */
  blocker(): string {
    if (this.busy) return `Wait until the ${this.kinds.noun} are uploaded.`;
    if (this.failed) return `Remove the ${this.kinds.noun} that could not be uploaded.`;
    return '';
  }

  /** Checks and starts uploading `files`; answers (and keeps in `refused`) why some were not taken. */
  add(files: Iterable<File>): string[] {
    const refused: string[] = [];
    const started: string[] = [];
    for (const file of files) {
      const name = file.name || 'file';
      const why = this.items.length >= this.max ? `Attach at most ${this.max} ${this.kinds.noun}: "${name}" was not added.` : refuseFile(file, this.kinds);
      if (why) refused.push(why);
      else {
        this.start(file);
        started.push(`Uploading "${name}".`);
      }
    }
    this.refused = refused;
    this.announcement = [...refused, ...started].join(' ');
    this.host.requestUpdate();
    return refused;
  }

  remove(key: string): void {
    const file = this.items.find((f) => f.key === key);
    if (!file) return;
    this.aborts.get(key)?.abort();
    this.aborts.delete(key);
    this.items = this.items.filter((f) => f.key !== key);
    this.refused = [];
    this.announcement = `"${file.name}" was removed.`;
    this.host.requestUpdate();
  }

  /** Forgets every file (after sending, or when the form is discarded); running uploads are aborted. */
  clear(): void {
    this.abortAll();
    this.items = [];
    this.refused = [];
    this.announcement = '';
    this.host.requestUpdate();
  }

  /** Marks the files the server refused when the form was sent (upload id → its message), so the person can remove them. */
  markRefused(messages: ReadonlyMap<string, string>): void {
    if (!messages.size) return;
    this.items = this.items.map((f) => (f.upload && messages.has(f.upload.id) ? { ...f, state: 'failed', error: messages.get(f.upload.id)! } : f));
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    // The element left the page: stop sending; files cut short must be chosen again.
    if (!this.busy) return;
    this.abortAll();
    this.items = this.items.map((f) => (f.state === 'uploading' ? { ...f, state: 'failed', error: 'The upload stopped. Remove the file and choose it again.' } : f));
  }

  private abortAll(): void {
    for (const abort of this.aborts.values()) abort.abort();
    this.aborts.clear();
  }

  private patch(key: string, patch: Partial<PendingFile>): void {
    this.items = this.items.map((f) => (f.key === key ? { ...f, ...patch } : f));
    this.host.requestUpdate();
  }

  private start(file: File): void {
    const key = `file-${++keys}`;
    const name = file.name || 'file';
    this.items = [...this.items, { key, name, size: file.size, loaded: 0, state: 'uploading' }];
    const target = this.target();
    if (!target) {
      this.patch(key, { state: 'failed', error: 'Not connected to the portal.' });
      return;
    }
    const abort = new AbortController();
    this.aborts.set(key, abort);
    const current = () => this.aborts.get(key) === abort;
    target.upload(rawBytes(file), name, { signal: abort.signal, onProgress: (loaded) => current() && this.patch(key, { loaded: Math.min(loaded, file.size) }) }).then(
      (upload) => {
        if (!current()) return;
        this.aborts.delete(key);
        this.announcement = `"${name}" is uploaded.`;
        this.patch(key, { state: 'done', loaded: file.size, upload });
      },
      (error: unknown) => {
        // Removed (or the form discarded) meanwhile: nothing to show.
        if (!current()) return;
        this.aborts.delete(key);
        const message = errorMessage(error);
        this.announcement = `"${name}" could not be uploaded. ${message}`;
        this.patch(key, { state: 'failed', error: message });
      },
    );
  }
}

export interface UploadListOptions {
  /** Names the list (e.g. "Files to send"). */
  label: string;
  disabled?: boolean | undefined;
  /** After a file was removed. */
  onRemove?: (() => void) | undefined;
}

/** The chosen files: name, size, a <progress> while uploading, what went wrong, and Remove. */
export function uploadList(uploads: FileUploads, o: UploadListOptions): TemplateResult | typeof nothing {
  if (!uploads.items.length) return nothing;
  return html`<ul class="uploads" part="uploads file-list" aria-label=${o.label}>
    ${repeat(
      uploads.items,
      (f) => f.key,
      (f) => {
        const percent = f.size ? Math.min(100, Math.round((f.loaded / f.size) * 100)) : 0;
        return html`<li class="upload ${f.state}" part="upload file" data-upload=${f.key} data-state=${f.state}>
          <span class="upload-name">${f.name}</span>
          <span class="upload-size muted">${formatSize(f.size)}</span>
          ${f.state === 'uploading'
            ? html`<progress max=${f.size || 1} .value=${f.loaded} aria-label="Uploading ${f.name}"></progress><span class="upload-state muted">Uploading… ${percent}%</span>`
            : f.state === 'done'
              ? html`<span class="upload-state done">${checkIcon}Uploaded</span>`
              : html`<span class="upload-state failed">${alertIcon}<span>${f.error ?? 'Not uploaded.'}</span></span>`}
          <button
            class="button secondary small inline"
            part="button"
            type="button"
            ?disabled=${o.disabled ?? false}
            @click=${() => {
              uploads.remove(f.key);
              o.onRemove?.();
            }}
          >
            Remove<span class="sr-only"> ${f.name}</span>
          </button>
        </li>`;
      },
    )}
  </ul>`;
}

/** "PDF, PNG, JPEG or text files, up to 10 MB each, 5 at most." */
export function filesHint(uploads: FileUploads): string {
  return `${uploads.kinds.text} ${uploads.kinds.noun}, up to ${formatSize(UPLOAD_MAX_BYTES)} each, ${uploads.max} at most.`;
}

export interface FilesFieldOptions {
  /** The file input's id (and name, unless `name` is given); its messages are `<id>-hint`, `<id>-refused` and `<id>-error`. */
  id: string;
  name?: string | undefined;
  label: string;
  required?: boolean | undefined;
  /** The hint under the label (e.g. `filesHint(uploads)`). */
  hint: string;
  /** The form's error for this field (its own check's or the server's). */
  error?: string | undefined;
  /** Disables the picker and the Remove buttons (while the form is sent). The picker is disabled too once `max` files are chosen. */
  disabled?: boolean | undefined;
  /** Names the list of chosen files (default "Files for <label>"). */
  listLabel?: string | undefined;
  /** After the person added or removed files (e.g. to drop the field's error). */
  onChange?: (() => void) | undefined;
}

/**
 * A file picker for `uploads`: label, hint, the native file input (multiple), what was not taken,
 * the field's error, the files with their progress and a Remove button each, and a live region.
 */
export function filesField(uploads: FileUploads, o: FilesFieldOptions): TemplateResult {
  const id = o.id;
  const refused = uploads.refused;
  const described = [`${id}-hint`, refused.length ? `${id}-refused` : '', o.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const onChange = (event: Event) => {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    // Cleared, so choosing the same file again (after a Remove) is a change too.
    input.value = '';
    if (!files.length) return;
    uploads.add(files);
    o.onChange?.();
  };
  const missing = Boolean(o.required) && uploads.items.length === 0;
  // Full: nothing more can be chosen (the files stay removable).
  const full = uploads.items.length >= uploads.max;
  return html`<div class="control files-field" part="field files">
    <label for=${id}>${o.label}${o.required ? requiredMark : nothing}</label>
    <div class="hint muted" id="${id}-hint">${o.hint}</div>
    <input
      type="file"
      id=${id}
      name=${o.name ?? id}
      multiple
      accept=${acceptOf(uploads.kinds)}
      ?disabled=${Boolean(o.disabled) || full}
      aria-required=${ifDefined(missing ? 'true' : undefined)}
      aria-invalid=${o.error || refused.length ? 'true' : 'false'}
      aria-describedby=${described}
      @change=${onChange}
    />
    ${refused.length
      ? html`<div class="field-error refused" id="${id}-refused">
          ${alertIcon}
          <span>${refused.map((text, i) => html`${i ? html`<br />` : nothing}${text}`)}</span>
        </div>`
      : nothing}
    ${o.error ? html`<div class="field-error" id="${id}-error">${alertIcon}<span>${o.error}</span></div>` : nothing}
    ${uploadList(uploads, { label: o.listLabel ?? `Files for ${o.label}`, disabled: o.disabled, onRemove: o.onChange })}
    <div class="sr-only" role="status">${uploads.announcement}</div>
  </div>`;
}

/** The file input, the refusals and the list of chosen files. */
export const fileUploadStyles = css`
  /* Grid items shrink with a narrow container (a file input is wide by itself). */
  .files-field > * {
    min-width: 0;
  }
  input[type='file'] {
    width: 100%;
    max-width: 100%;
    padding: 0.375rem;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_muted);
    font: inherit;
    font-size: 0.9375rem;
  }
  input[type='file']::file-selector-button {
    margin-inline-end: 0.75rem;
    padding: 0.375rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  input[type='file']:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  input[type='file'][aria-invalid='true'] {
    border-color: var(--_danger);
  }
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
    background: var(--_surface);
    font-size: 0.9375rem;
  }
  .upload-name {
    flex: 1 1 10rem;
    min-width: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .upload-size {
    font-size: 0.875rem;
  }
  .upload progress {
    flex: 1 1 8rem;
    min-width: 6rem;
    height: 0.5rem;
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
    flex: none;
  }
  .upload-state.done {
    color: var(--_success);
    font-weight: 600;
  }
  .upload-state.failed {
    flex: 1 1 100%;
    order: 3;
    align-items: flex-start;
    color: var(--_danger);
  }
  .upload.failed {
    border-color: color-mix(in srgb, var(--_danger) 45%, transparent);
  }
`;
