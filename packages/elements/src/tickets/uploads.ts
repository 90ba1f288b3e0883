/**
 * Files attached to a new request's `file` fields and to a reply: ONE controller and ONE
 * template for both. A chosen file is checked here first (type, size, how many), then uploaded
 * at once (POST /v1/uploads) with its progress shown; the form sends only the ids of the
 * uploads that finished. The server's refusal of a file is shown on that file.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { MAX_FILES_PER_FIELD, UPLOAD_MAX_BYTES, type Upload } from '@porchlight/core';
import type { TicketsApi } from '@porchlight/client';
import { formatSize } from '../documents/documents.js';
import { alertIcon } from '../internal/icons.js';
import { errorMessage } from '../internal/messages.js';

/** The types the server accepts (it decides from the bytes), with the extensions people know them by. */
const ACCEPTED: Record<string, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'text/plain': ['txt', 'text', 'log'],
};

/** For the file input's `accept`: the extensions and the types. */
export const ACCEPT = [...Object.values(ACCEPTED).flat().map((e) => `.${e}`), ...Object.keys(ACCEPTED)].join(',');

export const ACCEPTED_TEXT = 'PDF, PNG, JPEG or text';

/** Why a file cannot be attached, checked before it is sent ('' when it can). */
export function refuseFile(file: { name: string; size: number; type: string }): string {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  const known = Object.keys(ACCEPTED).includes(file.type);
  // Some systems give no type (or a generic one): then the extension decides.
  const typeOk = known || ((!file.type || file.type === 'application/octet-stream') && Object.values(ACCEPTED).some((list) => list.includes(ext)));
  if (!typeOk) return `"${file.name}" can't be attached: attach a ${ACCEPTED_TEXT} file.`;
  if (file.size === 0) return `"${file.name}" is empty.`;
  if (file.size > UPLOAD_MAX_BYTES) return `"${file.name}" is ${formatSize(file.size)}: attach files of at most ${formatSize(UPLOAD_MAX_BYTES)}.`;
  return '';
}

export type UploadState = 'uploading' | 'done' | 'failed';

export interface PendingFile {
  key: string;
  name: string;
  size: number;
  /** Bytes sent so far. */
  sent: number;
  state: UploadState;
  upload: Upload | null;
  /** The server's refusal (state `failed`). */
  error: string;
}

let keys = 0;

/**
 * The files of one field (or one reply). The host re-renders as they change; call `reset()`
 * after sending, and when the form is discarded (running uploads are cancelled).
 */
export class UploadsController implements ReactiveController {
  files: PendingFile[] = [];
  /** Files refused before uploading, one message each. */
  refused: string[] = [];
  /** For screen readers: the last file attached, refused or removed. */
  announcement = '';
  private readonly aborts = new Map<string, AbortController>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly api: () => TicketsApi | null,
    readonly max: number = MAX_FILES_PER_FIELD,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    // The element left the page: running uploads stop, and say so should it come back.
    if (!this.uploading) return;
    this.cancelAll();
    this.files = this.files.map((f) => (f.state === 'uploading' ? { ...f, state: 'failed', error: 'The upload was stopped. Remove the file and choose it again.' } : f));
  }

  /** The ids of the finished uploads, in the order chosen. */
  get ids(): string[] {
    return this.files.filter((f) => f.state === 'done' && f.upload).map((f) => f.upload!.id);
  }

  get uploading(): boolean {
    return this.files.some((f) => f.state === 'uploading');
  }

  /** What keeps the form from being sent ('' when nothing). */
  blocker(): string {
    if (this.uploading) return 'Wait until the files have finished uploading.';
    if (this.files.some((f) => f.state === 'failed')) return 'Remove the files that could not be attached.';
    return '';
  }

  /** Checks and uploads the chosen files. */
  add(chosen: Iterable<File>): void {
    const refused: string[] = [];
    const announced: string[] = [];
    for (const file of chosen) {
      if (this.files.length >= this.max) {
        refused.push(`Attach at most ${this.max} files: "${file.name}" was not added.`);
        continue;
      }
      const why = refuseFile(file);
      if (why) {
        refused.push(why);
        continue;
      }
      const entry: PendingFile = { key: `file-${++keys}`, name: file.name, size: file.size, sent: 0, state: 'uploading', upload: null, error: '' };
      this.files = [...this.files, entry];
      announced.push(`Uploading "${file.name}".`);
      void this.start(file, entry.key);
    }
    this.refused = refused;
    this.announcement = [...refused, ...announced].join(' ');
    this.host.requestUpdate();
  }

  remove(key: string): void {
    const file = this.files.find((f) => f.key === key);
    if (!file) return;
    this.aborts.get(key)?.abort();
    this.aborts.delete(key);
    this.files = this.files.filter((f) => f.key !== key);
    this.refused = [];
    this.announcement = `"${file.name}" was removed.`;
    this.host.requestUpdate();
  }

  /** Forgets every file (after sending, or when the form is discarded); running uploads are cancelled. */
  reset(): void {
    this.cancelAll();
    this.files = [];
    this.refused = [];
    this.announcement = '';
    this.host.requestUpdate();
  }

  private cancelAll(): void {
    for (const abort of this.aborts.values()) abort.abort();
    this.aborts.clear();
  }

  private patch(key: string, change: Partial<PendingFile>): PendingFile | undefined {
    let found: PendingFile | undefined;
    this.files = this.files.map((f) => (f.key === key ? (found = { ...f, ...change }) : f));
    this.host.requestUpdate();
    return found;
  }

  private async start(file: File, key: string): Promise<void> {
    const api = this.api();
    if (!api) {
      this.patch(key, { state: 'failed', error: 'Not connected to the portal.' });
      return;
    }
    const abort = new AbortController();
    this.aborts.set(key, abort);
    try {
      const upload = await api.upload(file, file.name, {
        signal: abort.signal,
        onProgress: (sent) => {
          if (this.aborts.get(key) === abort) this.patch(key, { sent });
        },
      });
      if (this.aborts.get(key) !== abort) return;
      this.patch(key, { state: 'done', sent: file.size, upload });
      this.announcement = `"${file.name}" is attached.`;
    } catch (error) {
      // Removed (or the form discarded) meanwhile: nothing to show.
      if (this.aborts.get(key) !== abort) return;
      const message = errorMessage(error);
      this.patch(key, { state: 'failed', error: message });
      this.announcement = `"${file.name}" could not be attached. ${message}`;
    } finally {
      if (this.aborts.get(key) === abort) this.aborts.delete(key);
      this.host.requestUpdate();
    }
  }
}

/** The visual mark of a required field (the control itself says "required" to screen readers). */
export const requiredMark = html`<span class="required" aria-hidden="true">*</span>`;

export interface FilesFieldOptions {
  /** The file input's name and id (field errors and focus use it). */
  name: string;
  label: string;
  required?: boolean | undefined;
  help?: string | undefined;
  /** The form's error for this field (checkFieldValues' or the server's). */
  error?: string | undefined;
  disabled?: boolean | undefined;
}

function fileRow(ctrl: UploadsController, f: PendingFile, disabled: boolean): TemplateResult {
  const percent = f.size ? Math.min(100, Math.round((f.sent / f.size) * 100)) : 0;
  return html`<li class="file file-${f.state}" part="file" data-state=${f.state}>
    <div class="file-main">
      <span class="file-name">${f.name}</span>
      <span class="file-size">${formatSize(f.size)}</span>
    </div>
    ${f.state === 'uploading'
      ? html`<div class="file-progress">
          <progress max=${f.size || 1} .value=${f.sent} aria-label=${`Uploading ${f.name}`}></progress>
          <span class="file-state">Uploading… ${percent}%</span>
        </div>`
      : f.state === 'done'
        ? html`<span class="file-state ok">Attached</span>`
        : html`<span class="file-state failed">${alertIcon}<span>${f.error}</span></span>`}
    <button class="button small secondary inline" part="button" type="button" ?disabled=${disabled} @click=${() => ctrl.remove(f.key)}>
      Remove<span class="sr-only"> ${f.name}</span>
    </button>
  </li>`;
}

/**
 * A file picker for `ctrl`: label, help, the native file input (multiple), the files with their
 * progress and a Remove button each, and the messages (refused files, the field's error).
 */
export function filesField(ctrl: UploadsController, o: FilesFieldOptions): TemplateResult {
  const id = o.name;
  const hint = `${o.help ? `${o.help} ` : ''}${ACCEPTED_TEXT} files, up to ${formatSize(UPLOAD_MAX_BYTES)} each, ${ctrl.max} at most.`;
  const described = [`${id}-hint`, ctrl.refused.length ? `${id}-refused` : '', o.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const onChange = (event: Event) => {
    const input = event.target as HTMLInputElement;
    ctrl.add([...(input.files ?? [])]);
    // The same file can be chosen again after a Remove.
    input.value = '';
  };
  const missing = Boolean(o.required) && ctrl.files.length === 0;
  return html`<div class="control files-field" part="field files">
    <label for=${id}>${o.label}${o.required ? requiredMark : nothing}</label>
    <div class="hint" id="${id}-hint">${hint}</div>
    <input
      type="file"
      id=${id}
      name=${id}
      multiple
      accept=${ACCEPT}
      ?disabled=${o.disabled ?? false}
      aria-required=${ifDefined(missing ? 'true' : undefined)}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${described}
      @change=${onChange}
    />
    ${ctrl.refused.length
      ? html`<div class="field-error refused" id="${id}-refused">
          ${alertIcon}
          <span>${ctrl.refused.map((text, i) => html`${i ? html`<br />` : nothing}${text}`)}</span>
        </div>`
      : nothing}
    ${o.error ? html`<div class="field-error" id="${id}-error">${alertIcon}<span>${o.error}</span></div>` : nothing}
    ${ctrl.files.length
      ? html`<ul class="file-list" part="file-list" id="${id}-files" aria-label=${`Files for ${o.label}`}>
          ${ctrl.files.map((f) => fileRow(ctrl, f, o.disabled ?? false))}
        </ul>`
      : nothing}
    <div class="sr-only" role="status">${ctrl.announcement}</div>
  </div>`;
}
