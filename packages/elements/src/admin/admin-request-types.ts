import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { adminTicketsApi, isPorchlightError } from '@porchlight/client';
import {
  checkRequestTypes,
  LONG_TEXT_FIELD_MAX,
  MAX_CHOICE_OPTIONS,
  MAX_REQUEST_FIELDS,
  MAX_REQUEST_TYPES,
  REQUEST_FIELD_KINDS,
  REQUEST_TYPE_ID,
  TEXT_FIELD_MAX,
  type RequestField,
  type RequestFieldKind,
  type RequestType,
  type RequestTypeList,
} from '@porchlight/core';
import { alertIcon } from '../internal/icons.js';
import { errorMessage } from '../internal/messages.js';
import { busyLabel } from '../internal/templates.js';
import { AdminView } from './internal/admin-view.js';
import { adminRequestTypesStyles } from './admin-request-types.styles.js';

/** A field being edited: every input as typed (options one per line, max length as text). */
export interface DraftField {
  key: string;
  id: string;
  /** The id was typed (or came from the server): it no longer follows the label. */
  idTouched: boolean;
  label: string;
  kind: RequestFieldKind;
  required: boolean;
  help: string;
  options: string;
  maxLength: string;
}

export interface DraftType {
  key: string;
  id: string;
  idTouched: boolean;
  label: string;
  description: string;
  active: boolean;
  fields: DraftField[];
}

export const KIND_LABELS: Record<RequestFieldKind, string> = {
  text: 'Short text',
  'long-text': 'Long text',
  choice: 'Choice',
  date: 'Date',
  file: 'File',
};

const LABEL_MAX = 120;
const DESCRIPTION_MAX = 500;
const HELP_MAX = 300;
const OPTION_MAX = 100;
const ID_RULE = 'Use 1 to 40 lower-case letters, digits, "-" or "_", starting with a letter or digit.';

/** "Alarm – Fehlalarm!" → "alarm-fehlalarm": an id from a label (lower-case ASCII letters, digits and dashes, at most 40). */
export function slugify(label: string): string {
  return label
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** `base`, or `base-2`, `base-3` … (kept within 40 characters) when another item uses it. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const id = `${base.slice(0, 40 - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(id)) return id;
  }
}

let drafts = 0;
const nextKey = (kind: string) => `${kind}-${++drafts}`;

function draftField(f: RequestField): DraftField {
  return {
    key: nextKey('field'),
    id: f.id,
    idTouched: true,
    label: f.label,
    kind: f.kind,
    required: f.required,
    help: f.help ?? '',
    options: (f.options ?? []).join('\n'),
    maxLength: f.maxLength === undefined ? '' : String(f.maxLength),
  };
}

function draftType(t: RequestType): DraftType {
  return { key: nextKey('type'), id: t.id, idTouched: true, label: t.label, description: t.description ?? '', active: t.active, fields: t.fields.map(draftField) };
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

const isTextKind = (kind: RequestFieldKind) => kind === 'text' || kind === 'long-text';

/** What is sent for one field: only what its kind uses, empty optional texts left out. */
function toField(f: DraftField): RequestField {
  const out: RequestField = { id: f.id.trim(), label: f.label.trim(), kind: f.kind, required: f.required };
  if (f.help.trim()) out.help = f.help.trim();
  if (f.kind === 'choice') out.options = lines(f.options);
  if (isTextKind(f.kind) && f.maxLength.trim() && /^\d+$/.test(f.maxLength.trim())) out.maxLength = Number(f.maxLength.trim());
  return out;
}

/** The request body (PUT /v1/admin/request-types) from the drafts. */
export function toRequestTypes(types: readonly DraftType[]): RequestType[] {
  return types.map((t) => {
    const out: RequestType = { id: t.id.trim(), label: t.label.trim(), active: t.active, fields: t.fields.map(toField) };
    if (t.description.trim()) out.description = t.description.trim();
    return out;
  });
}

/**
 * The problems the form can see before sending, by path (`items.2.fields.0.options`), in the
 * schema's words; then the server's own rules through core's `checkRequestTypes` (duplicate
 * ids, a choice without options …), so the messages match what the server would answer.
 */
export function checkDrafts(types: readonly DraftType[]): Record<string, string> {
  const errors: Record<string, string> = {};
  types.forEach((t, i) => {
    const at = `items.${i}`;
    if (!t.label.trim()) errors[`${at}.label`] = 'Enter a label.';
    else if (t.label.trim().length > LABEL_MAX) errors[`${at}.label`] = `Use at most ${LABEL_MAX} characters.`;
    if (!REQUEST_TYPE_ID.test(t.id.trim())) errors[`${at}.id`] = ID_RULE;
    if (t.description.trim().length > DESCRIPTION_MAX) errors[`${at}.description`] = `Use at most ${DESCRIPTION_MAX} characters.`;
    t.fields.forEach((f, j) => {
      const fat = `${at}.fields.${j}`;
      if (!f.label.trim()) errors[`${fat}.label`] = 'Enter a label.';
      else if (f.label.trim().length > LABEL_MAX) errors[`${fat}.label`] = `Use at most ${LABEL_MAX} characters.`;
      if (!REQUEST_TYPE_ID.test(f.id.trim())) errors[`${fat}.id`] = ID_RULE;
      if (f.help.trim().length > HELP_MAX) errors[`${fat}.help`] = `Use at most ${HELP_MAX} characters.`;
      if (f.kind === 'choice' && lines(f.options).some((o) => o.length > OPTION_MAX)) errors[`${fat}.options`] = `Keep each option to at most ${OPTION_MAX} characters.`;
      if (isTextKind(f.kind) && f.maxLength.trim()) {
        const max = f.kind === 'text' ? TEXT_FIELD_MAX : LONG_TEXT_FIELD_MAX;
        const n = /^\d+$/.test(f.maxLength.trim()) ? Number(f.maxLength.trim()) : NaN;
        if (!Number.isInteger(n) || n < 1 || n > max) errors[`${fat}.maxLength`] = `Enter a whole number from 1 to ${max}, or leave it empty.`;
      }
    });
  });
  for (const [path, message] of Object.entries(checkRequestTypes(toRequestTypes(types)))) errors[slotOf(path)] ??= message;
  return errors;
}

const TYPE_SLOTS = new Set(['id', 'label', 'description', 'active', 'fields']);
const FIELD_SLOTS = new Set(['id', 'label', 'kind', 'required', 'help', 'options', 'maxLength']);

/** The place a problem is shown: `items.0.fields.1.options.3` (one option) → `items.0.fields.1.options`; anything else → `items`. */
export function slotOf(path: string): string {
  const m = /^items\.(\d+)(?:\.fields\.(\d+))?(?:\.([A-Za-z]+))?/.exec(path);
  if (!m) return 'items';
  const [, i, j, name] = m;
  if (j !== undefined) return name && FIELD_SLOTS.has(name) ? `items.${i}.fields.${j}.${name}` : `items.${i}.fields.${j}.label`;
  if (/^items\.\d+\.fields$/.test(path)) return `items.${i}.fields`;
  return name && TYPE_SLOTS.has(name) ? `items.${i}.${name}` : `items.${i}.label`;
}

/**
 * <porchlight-admin-request-types>: the dealer's request types for support tickets ("nature of
 * your request"), each with the fields of its form. A role with `accounts.write` adds, edits,
 * reorders and removes types and fields (label, id, kind — short text, long text, choice, date,
 * file —, required, help, the options of a choice one per line, the most characters of a text)
 * and saves them all at once. Ids follow the label (as a slug) until they are edited. Problems are
 * shown at their field: first what core's `checkRequestTypes` finds in the browser, then what
 * the server answers. Other roles see the types read-only, with a note. Lives inside <porchlight-admin>.
 *
 * @attr heading - the heading (default "Request types")
 * @csspart card - the card around everything
 * @csspart title - headings
 * @csspart button - buttons
 * @csspart error - the error region (role=alert)
 * @csspart notice - the status region (role=status)
 * @csspart loading - the loading state
 * @csspart empty - the text shown when there are no request types
 * @csspart not-allowed - the note for a role that cannot change them
 * @csspart type - each request type
 * @csspart field - each field of a request type
 */
export class PorchlightAdminRequestTypes extends AdminView {
  static override styles = adminRequestTypesStyles;
  static override properties = {
    heading: {},
    types: { state: true },
    errors: { state: true },
    dirty: { state: true },
  };

  /** The heading (default "Request types"). */
  declare heading: string;

  protected declare types: DraftType[];
  /** Problems by path (`items.0.fields.1.options`). */
  protected declare errors: Record<string, string>;
  /** Something was changed since loading or saving. */
  protected declare dirty: boolean;

  constructor() {
    super();
    this.heading = '';
    this.types = [];
    this.errors = {};
    this.dirty = false;
  }

  /** The request types as they would be saved now. */
  get value(): RequestType[] {
    return toRequestTypes(this.types);
  }

  private get allowed(): boolean {
    return this.can('accounts.write');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const staff = this.staff;
    if (!this.startOver(staff ? `${staff.id}\n${this.allowed}` : undefined)) return;
    this.types = [];
    this.errors = {};
    this.dirty = false;
    if (staff) void this.load();
  }

  /** Loads the saved request types (dropping unsaved changes). */
  protected async load(): Promise<void> {
    const client = this.adminClient;
    if (!client || !this.staff) return;
    await this.loadWith(() => adminTicketsApi(client).requestTypes(), (list) => this.adopt(list));
  }

  private adopt(list: RequestTypeList): void {
    this.types = list.items.map(draftType);
    this.errors = {};
    this.dirty = false;
  }

  // ---- editing ------------------------------------------------------------------------------

  /** Replaces type `i` (and clears the error of the slot that changed). */
  private editType(i: number, patch: Partial<DraftType>, slot?: string): void {
    this.types = this.types.map((t, n) => (n === i ? { ...t, ...patch } : t));
    this.touched(slot ? `items.${i}.${slot}` : undefined);
  }

  private editField(i: number, j: number, patch: Partial<DraftField>, slot?: string): void {
    this.types = this.types.map((t, n) => (n === i ? { ...t, fields: t.fields.map((f, m) => (m === j ? { ...f, ...patch } : f)) } : t));
    this.touched(slot ? `items.${i}.fields.${j}.${slot}` : undefined);
  }

  private touched(path?: string): void {
    this.dirty = true;
    if (this.formState('save').notice) this.patchForm('save', { notice: null });
    if (path && this.errors[path]) {
      const { [path]: _fixed, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  /** The order changed: problems found by position no longer point at the right place. */
  private restructured(): void {
    this.dirty = true;
    this.errors = {};
    this.patchForm('save', { alert: '', notice: null });
  }

  private typeLabel(i: number, label: string): void {
    const t = this.types[i]!;
    const patch: Partial<DraftType> = { label };
    if (!t.idTouched) {
      const taken = new Set(this.types.filter((_, n) => n !== i).map((x) => x.id));
      patch.id = label.trim() ? uniqueId(slugify(label) || 'type', taken) : '';
      this.touched(`items.${i}.id`);
    }
    this.editType(i, patch, 'label');
  }

  private fieldLabel(i: number, j: number, label: string): void {
    const f = this.types[i]!.fields[j]!;
    const patch: Partial<DraftField> = { label };
    if (!f.idTouched) {
      const taken = new Set(this.types[i]!.fields.filter((_, m) => m !== j).map((x) => x.id));
      patch.id = label.trim() ? uniqueId(slugify(label) || 'field', taken) : '';
      this.touched(`items.${i}.fields.${j}.id`);
    }
    this.editField(i, j, patch, 'label');
  }

  private addType(): void {
    if (!this.allowed || this.types.length >= MAX_REQUEST_TYPES) return;
    const added: DraftType = { key: nextKey('type'), id: '', idTouched: false, label: '', description: '', active: true, fields: [] };
    this.types = [...this.types, added];
    this.restructured();
    void this.focusAfterUpdate(`#${added.key}-label`);
  }

  private addField(i: number): void {
    const t = this.types[i];
    if (!this.allowed || !t || t.fields.length >= MAX_REQUEST_FIELDS) return;
    const added: DraftField = { key: nextKey('field'), id: '', idTouched: false, label: '', kind: 'text', required: false, help: '', options: '', maxLength: '' };
    this.types = this.types.map((x, n) => (n === i ? { ...x, fields: [...x.fields, added] } : x));
    this.restructured();
    void this.focusAfterUpdate(`#${added.key}-label`);
  }

  private moveType(i: number, by: -1 | 1): void {
    const j = i + by;
    if (!this.allowed || j < 0 || j >= this.types.length) return;
    const next = [...this.types];
    [next[i], next[j]] = [next[j]!, next[i]!];
    this.types = next;
    this.restructured();
    this.keepFocus(next[j]!.key, by);
  }

  private moveField(i: number, j: number, by: -1 | 1): void {
    const fields = [...this.types[i]!.fields];
    const k = j + by;
    if (!this.allowed || k < 0 || k >= fields.length) return;
    [fields[j], fields[k]] = [fields[k]!, fields[j]!];
    this.types = this.types.map((t, n) => (n === i ? { ...t, fields } : t));
    this.restructured();
    this.keepFocus(fields[k]!.key, by);
  }

  /** After a move, focus stays on the same button of the moved item (or the other one at the end of the list). */
  private keepFocus(key: string, by: -1 | 1): void {
    void this.updateComplete.then(() => {
      const same = this.renderRoot.querySelector<HTMLButtonElement>(`[data-move="${key}:${by}"]`);
      const other = this.renderRoot.querySelector<HTMLButtonElement>(`[data-move="${key}:${-by}"]`);
      (same && !same.disabled ? same : other)?.focus();
    });
  }

  private removeType(i: number): void {
    if (!this.allowed) return;
    const after = this.types[i + 1] ?? this.types[i - 1];
    this.types = this.types.filter((_, n) => n !== i);
    this.restructured();
    this.patchForm('save', { notice: { kind: 'info', text: 'The request type was removed. Save to apply; tickets already open keep their answers.' } });
    void this.focusAfterUpdate(after ? `#${after.key}-title` : '[data-add-type]');
  }

  private removeField(i: number, j: number): void {
    if (!this.allowed) return;
    const t = this.types[i]!;
    const after = t.fields[j + 1] ?? t.fields[j - 1];
    this.types = this.types.map((x, n) => (n === i ? { ...x, fields: x.fields.filter((_, m) => m !== j) } : x));
    this.restructured();
    void this.focusAfterUpdate(after ? `#${after.key}-legend` : `[data-add-field="${t.key}"]`);
  }

  // ---- saving -------------------------------------------------------------------------------

  private showErrors(errors: Record<string, string>, alert?: string): void {
    this.errors = errors;
    const messages = Object.values(errors);
    this.patchForm('save', { busy: false, alert: alert ?? (messages.length === 1 ? messages[0]! : `Check the highlighted fields (${messages.length}).`), notice: null });
    void this.updateComplete.then(() => {
      const first = this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], [data-problem]');
      (first ?? this.renderRoot.querySelector<HTMLElement>('[data-alert="save"] .alert-box'))?.focus();
    });
  }

  private async save(): Promise<void> {
    const client = this.adminClient;
    if (!client || !this.allowed || this.formState('save').busy) return;
    const found = checkDrafts(this.types);
    if (Object.keys(found).length) {
      this.showErrors(found);
      return;
    }
    const run = this.runs;
    this.errors = {};
    this.patchForm('save', { busy: true, alert: '', notice: null });
    try {
      const saved = await adminTicketsApi(client).saveRequestTypes({ items: this.value });
      if (run !== this.runs) return;
      const keys = this.types.map((t) => ({ key: t.key, fields: t.fields.map((f) => f.key) }));
      this.adopt(saved);
      // Same items in the same order: keep their keys (and so the focus).
      if (saved.items.length === keys.length) {
        this.types = this.types.map((t, i) => ({ ...t, key: keys[i]!.key, fields: t.fields.map((f, j) => ({ ...f, key: keys[i]!.fields[j] ?? f.key })) }));
      }
      const active = saved.items.filter((t) => t.active).length;
      this.patchForm('save', { busy: false, notice: { kind: 'success', text: `Saved. Clients can choose from ${active} request ${active === 1 ? 'type' : 'types'}.` } });
    } catch (error) {
      if (run !== this.runs) return;
      const fields = isPorchlightError(error) ? error.fields : undefined;
      if (fields && Object.keys(fields).length) {
        const errors: Record<string, string> = {};
        for (const [path, message] of Object.entries(fields)) errors[slotOf(path)] ??= message;
        this.showErrors(errors, errorMessage(error));
      } else {
        this.patchForm('save', { busy: false, alert: errorMessage(error) });
        void this.focusAfterUpdate('[data-alert="save"] .alert-box');
      }
    }
  }

  // ---- rendering ------------------------------------------------------------------------------

  private error(path: string, id: string): TemplateResult | typeof nothing {
    const message = this.errors[path];
    return message ? html`<div class="field-error" id="${id}-error">${alertIcon}<span>${message}</span></div>` : nothing;
  }

  private describedBy(path: string, id: string, hint?: boolean): string | undefined {
    return [hint ? `${id}-hint` : '', this.errors[path] ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  }

  /** A labelled text input bound to a draft value. */
  private input(path: string, id: string, label: string, value: string, onInput: (value: string) => void, o: { hint?: string; maxlength?: number; mono?: boolean; inputmode?: string } = {}): TemplateResult {
    return html`<div class="control">
      <label for=${id}>${label}</label>
      ${o.hint ? html`<div class="hint muted" id="${id}-hint">${o.hint}</div>` : nothing}
      <input
        class="input ${o.mono ? 'mono' : ''}"
        id=${id}
        type="text"
        autocomplete="off"
        spellcheck=${o.mono ? 'false' : 'true'}
        inputmode=${ifDefined(o.inputmode)}
        maxlength=${ifDefined(o.maxlength)}
        .value=${live(value)}
        aria-invalid=${this.errors[path] ? 'true' : 'false'}
        aria-describedby=${ifDefined(this.describedBy(path, id, Boolean(o.hint)))}
        @input=${(e: Event) => onInput((e.target as HTMLInputElement).value)}
      />
      ${this.error(path, id)}
    </div>`;
  }

  private textarea(path: string, id: string, label: string, value: string, onInput: (value: string) => void, o: { hint?: string; rows?: number } = {}): TemplateResult {
    return html`<div class="control">
      <label for=${id}>${label}</label>
      ${o.hint ? html`<div class="hint muted" id="${id}-hint">${o.hint}</div>` : nothing}
      <textarea
        id=${id}
        rows=${o.rows ?? 3}
        .value=${live(value)}
        aria-invalid=${this.errors[path] ? 'true' : 'false'}
        aria-describedby=${ifDefined(this.describedBy(path, id, Boolean(o.hint)))}
        @input=${(e: Event) => onInput((e.target as HTMLTextAreaElement).value)}
      ></textarea>
      ${this.error(path, id)}
    </div>`;
  }

  /** Move up, Move down and Remove for one item; `name` says which in the buttons' accessible names. */
  private itemActions(key: string, name: string, index: number, count: number, onMove: (by: -1 | 1) => void, onRemove: () => void, what: string): TemplateResult {
    return html`<div class="item-actions">
      <button class="button secondary small inline" part="button" type="button" data-move="${key}:-1" ?disabled=${index === 0} @click=${() => onMove(-1)}>
        <span aria-hidden="true">↑</span> Move up<span class="sr-only">: ${name}</span>
      </button>
      <button class="button secondary small inline" part="button" type="button" data-move="${key}:1" ?disabled=${index === count - 1} @click=${() => onMove(1)}>
        <span aria-hidden="true">↓</span> Move down<span class="sr-only">: ${name}</span>
      </button>
      <button class="button secondary small inline" part="button" type="button" data-remove=${key} @click=${onRemove}>Remove ${what}<span class="sr-only">: ${name}</span></button>
    </div>`;
  }

  private renderField(t: DraftType, i: number, f: DraftField, j: number): TemplateResult {
    const at = `items.${i}.fields.${j}`;
    const id = f.key;
    const name = f.label.trim() || `field ${j + 1}`;
    return html`<fieldset class="field-box" part="field">
      <legend id="${id}-legend" tabindex="-1">Field ${j + 1}${f.label.trim() ? html`: ${f.label.trim()}` : nothing}</legend>
      <div class="grid">
        ${this.input(`${at}.label`, `${id}-label`, 'Label', f.label, (v) => this.fieldLabel(i, j, v), { maxlength: LABEL_MAX })}
        ${this.input(`${at}.id`, `${id}-id`, 'Id', f.id, (v) => this.editField(i, j, { id: v, idTouched: true }, 'id'), { mono: true, maxlength: 40, hint: 'Stable key of the answer.' })}
        <div class="control">
          <label for="${id}-kind">Kind</label>
          <select
            id="${id}-kind"
            .value=${live(f.kind)}
            aria-invalid=${this.errors[`${at}.kind`] ? 'true' : 'false'}
            aria-describedby=${ifDefined(this.describedBy(`${at}.kind`, `${id}-kind`))}
            @change=${(e: Event) => {
              const kind = (e.target as HTMLSelectElement).value as RequestFieldKind;
              this.editField(i, j, { kind }, 'kind');
              // What the other kind had is no longer a problem.
              for (const slot of ['options', 'maxLength']) this.touched(`${at}.${slot}`);
            }}
          >
            ${REQUEST_FIELD_KINDS.map((k) => html`<option value=${k} ?selected=${k === f.kind}>${KIND_LABELS[k]}</option>`)}
          </select>
          ${this.error(`${at}.kind`, `${id}-kind`)}
        </div>
        <label class="choice check">
          <input type="checkbox" .checked=${live(f.required)} @change=${(e: Event) => this.editField(i, j, { required: (e.target as HTMLInputElement).checked }, 'required')} />
          <span>Required<span class="sr-only">: ${name}</span></span>
        </label>
      </div>
      ${this.input(`${at}.help`, `${id}-help`, 'Help (optional)', f.help, (v) => this.editField(i, j, { help: v }, 'help'), { maxlength: HELP_MAX, hint: 'Shown under the field.' })}
      ${f.kind === 'choice'
        ? this.textarea(`${at}.options`, `${id}-options`, 'Options', f.options, (v) => this.editField(i, j, { options: v }, 'options'), {
            hint: `One per line, at most ${MAX_CHOICE_OPTIONS}.`,
            rows: 4,
          })
        : nothing}
      ${isTextKind(f.kind)
        ? this.input(`${at}.maxLength`, `${id}-maxLength`, 'Most characters (optional)', f.maxLength, (v) => this.editField(i, j, { maxLength: v }, 'maxLength'), {
            inputmode: 'numeric',
            maxlength: 4,
            hint: `Default and maximum: ${f.kind === 'text' ? TEXT_FIELD_MAX : LONG_TEXT_FIELD_MAX}.`,
          })
        : nothing}
      ${this.itemActions(f.key, name, j, t.fields.length, (by) => this.moveField(i, j, by), () => this.removeField(i, j), 'field')}
    </fieldset>`;
  }

  private renderType(t: DraftType, i: number): TemplateResult {
    const at = `items.${i}`;
    const id = t.key;
    const name = t.label.trim() || `request type ${i + 1}`;
    const fieldsProblem = this.errors[`${at}.fields`];
    return html`<li class="type" part="type">
      <section aria-labelledby="${id}-title">
        ${this.renderHeading(
          html`Request type ${i + 1}${t.label.trim() ? html`: ${t.label.trim()}` : nothing}${t.active ? nothing : html` <span class="badge off">Not offered</span>`}`,
          `${id}-title`,
          1,
          'section-title',
        )}
        <div class="grid">
          ${this.input(`${at}.label`, `${id}-label`, 'Label', t.label, (v) => this.typeLabel(i, v), { maxlength: LABEL_MAX, hint: 'What clients choose, like “Service visit”.' })}
          ${this.input(`${at}.id`, `${id}-id`, 'Id', t.id, (v) => this.editType(i, { id: v, idTouched: true }, 'id'), { mono: true, maxlength: 40, hint: 'Made from the label; keep it once tickets use it.' })}
        </div>
        ${this.textarea(`${at}.description`, `${id}-description`, 'Description (optional)', t.description, (v) => this.editType(i, { description: v }, 'description'), { rows: 2 })}
        <label class="choice">
          <input type="checkbox" .checked=${live(t.active)} @change=${(e: Event) => this.editType(i, { active: (e.target as HTMLInputElement).checked }, 'active')} />
          <span>Offered to clients<span class="sr-only">: ${name}</span></span>
        </label>
        <div class="fields">
          ${t.fields.length ? nothing : html`<p class="muted no-fields">No fields: clients only give a subject.</p>`}
          ${repeat(
            t.fields,
            (f) => f.key,
            (f, j) => this.renderField(t, i, f, j),
          )}
          ${fieldsProblem ? html`<div class="field-error" id="${id}-fields-error" tabindex="-1" data-problem>${alertIcon}<span>${fieldsProblem}</span></div>` : nothing}
          <div>
            <button
              class="button secondary small inline"
              part="button"
              type="button"
              data-add-field=${t.key}
              ?disabled=${t.fields.length >= MAX_REQUEST_FIELDS}
              @click=${() => this.addField(i)}
            >
              Add a field<span class="sr-only"> to ${name}</span>
            </button>
          </div>
        </div>
        ${this.itemActions(t.key, name, i, this.types.length, (by) => this.moveType(i, by), () => this.removeType(i), 'request type')}
      </section>
    </li>`;
  }

  private renderEditor(): TemplateResult {
    const state = this.formState('save');
    const disabled = !this.allowed;
    return html`<fieldset class="editor" ?disabled=${disabled || state.busy} aria-describedby=${ifDefined(disabled ? 'not-allowed' : undefined)}>
      <legend class="sr-only">Request types</legend>
      ${this.types.length
        ? html`<ol class="types">
            ${repeat(
              this.types,
              (t) => t.key,
              (t, i) => this.renderType(t, i),
            )}
          </ol>`
        : html`<p class="empty" part="empty">No request types yet. Clients cannot open support tickets until you add one.</p>`}
      <div class="editor-actions">
        <button class="button secondary inline" part="button" type="button" data-add-type ?disabled=${this.types.length >= MAX_REQUEST_TYPES} @click=${this.addType}>Add a request type</button>
        <button class="button inline" part="button" type="button" data-save ?disabled=${disabled} aria-disabled=${state.busy ? 'true' : nothing} @click=${() => void this.save()}>
          ${busyLabel(state.busy, 'Save request types', 'Saving…')}
        </button>
        ${this.dirty && !disabled ? html`<span class="muted unsaved">Unsaved changes</span>` : nothing}
      </div>
    </fieldset>`;
  }

  protected override render() {
    if (this.missingAdmin) return this.missingAdminCard();
    if (!this.adminClient || !this.staff) return nothing;
    return html`<div class="card" part="card">
      <div class="head">
        ${this.renderHeading(this.heading || 'Request types', 'title')}
        <p class="lead">What clients choose when they open a support ticket, and the questions each one asks.</p>
      </div>
      ${this.allowed ? nothing : this.notAllowed('not-allowed', 'Your role can look at the request types but not change them. Ask an owner or an admin.')}
      ${this.loadRegions('save')} ${this.status === 'loading' ? this.loadingState('Loading request types…') : nothing} ${this.status === 'ready' ? this.renderEditor() : nothing}
    </div>`;
  }
}
