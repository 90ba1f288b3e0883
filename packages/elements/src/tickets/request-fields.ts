/**
 * The controls of a request type's fields (see core's `ticket-fields.ts`): `text` an input,
 * `long-text` a text area with a character counter, `choice` a select, `date` a date input,
 * `file` the shared file picker. Each has its label (with a required mark), help and error,
 * linked with aria-describedby and aria-invalid. A control's name is `fields.<id>`, the name
 * the server gives its error.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { fieldMaxLength, type RequestField } from '@porchlight/core';
import { filesField, filesHint, type FileUploads } from '../internal/file-uploads.js';
import { alertIcon } from '../internal/icons.js';
import { requiredMark } from '../internal/templates.js';

/** The control's name (and id) of a field: also the key of its error. */
export function controlName(field: Pick<RequestField, 'id'>): string {
  return `fields.${field.id}`;
}

/** "12 / 5000 characters" under a text area. */
export function counter(id: string, value: string, max: number): TemplateResult {
  const used = [...value].length;
  return html`<div class="counter ${used > max ? 'over' : ''}" id=${id}>${used} / ${max} characters</div>`;
}

export interface ControlOptions {
  name: string;
  label: string;
  required?: boolean | undefined;
  help?: string | undefined;
  error?: string | undefined;
  /** Ids of more descriptions (a counter). */
  more?: string | undefined;
}

function described(o: ControlOptions): string | undefined {
  const ids = [o.help ? `${o.name}-hint` : '', o.more ?? '', o.error ? `${o.name}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

/** A labelled control: label with the required mark, help, the control, its error. */
export function control(o: ControlOptions, input: TemplateResult, after: unknown = nothing): TemplateResult {
  return html`<div class="control" part="field">
    <label for=${o.name}>${o.label}${o.required ? requiredMark : nothing}</label>
    ${o.help ? html`<div class="hint" id="${o.name}-hint">${o.help}</div>` : nothing} ${input} ${after}
    ${o.error ? html`<div class="field-error" id="${o.name}-error">${alertIcon}<span>${o.error}</span></div>` : nothing}
  </div>`;
}

/** A single-line text input (or a date). */
export function textInput(o: ControlOptions & { value: string; maxlength?: number; type?: 'text' | 'date'; autocomplete?: string }): TemplateResult {
  return control(
    o,
    html`<input
      class="input"
      type=${o.type ?? 'text'}
      id=${o.name}
      name=${o.name}
      .value=${o.value}
      maxlength=${ifDefined(o.maxlength)}
      autocomplete=${o.autocomplete ?? 'off'}
      ?required=${o.required ?? false}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${ifDefined(described(o))}
    />`,
  );
}

/** A text area with a character counter. */
export function textArea(o: ControlOptions & { value: string; maxlength: number; rows?: number }): TemplateResult {
  const countId = `${o.name}-count`;
  const withCount = { ...o, more: countId };
  return control(
    withCount,
    html`<textarea
      id=${o.name}
      name=${o.name}
      rows=${o.rows ?? 5}
      .value=${o.value}
      maxlength=${o.maxlength}
      ?required=${o.required ?? false}
      aria-invalid=${o.error ? 'true' : 'false'}
      aria-describedby=${ifDefined(described(withCount))}
    ></textarea>`,
    counter(countId, o.value, o.maxlength),
  );
}

/** A select; the empty first option reads `placeholder`. */
export function selectControl(o: ControlOptions & { value: string; options: ReadonlyArray<{ value: string; label: string }>; placeholder: string }): TemplateResult {
  return control(
    o,
    html`<select id=${o.name} name=${o.name} ?required=${o.required ?? false} aria-invalid=${o.error ? 'true' : 'false'} aria-describedby=${ifDefined(described(o))}>
      <option value="" ?selected=${!o.value}>${o.placeholder}</option>
      ${o.options.map((opt) => html`<option value=${opt.value} ?selected=${o.value === opt.value}>${opt.label}</option>`)}
    </select>`,
  );
}

/** The control of one field of a request type. */
export function requestFieldControl(field: RequestField, o: { value: string; error: string; uploads: FileUploads | null; disabled?: boolean }): TemplateResult {
  const base: ControlOptions = { name: controlName(field), label: field.label, required: field.required, help: field.help || undefined, error: o.error || undefined };
  switch (field.kind) {
    case 'text':
      return textInput({ ...base, value: o.value, maxlength: fieldMaxLength(field) });
    case 'long-text':
      return textArea({ ...base, value: o.value, maxlength: fieldMaxLength(field) });
    case 'date':
      return textInput({ ...base, value: o.value, type: 'date' });
    case 'choice':
      return selectControl({
        ...base,
        value: o.value,
        placeholder: field.required ? 'Choose…' : 'Choose… (optional)',
        options: (field.options ?? []).map((opt) => ({ value: opt, label: opt })),
      });
    case 'file':
      return o.uploads
        ? filesField(o.uploads, {
            id: base.name,
            label: base.label,
            required: base.required,
            hint: `${base.help ? `${base.help} ` : ''}${filesHint(o.uploads)}`,
            error: base.error,
            disabled: o.disabled,
          })
        : html``;
  }
}
