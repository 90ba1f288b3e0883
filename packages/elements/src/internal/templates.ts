/**
 * Template pieces the portal's forms (FormElement), the account views (AccountView) and the
 * back-office elements (AdminElement) share: headings, cards, live regions, the submit button,
 * the text field and the new-password pair.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { alertIcon, checkIcon, infoIcon } from './icons.js';

export type Notice = { kind: 'info' | 'success'; text: string } | null;

export interface FieldOptions {
  value?: string;
  type?: string;
  autocomplete?: string;
  inputmode?: string;
  autocapitalize?: string;
  hint?: string;
  minlength?: number;
}

/** Everything a <porchlight-text-field> of the elements can be given. */
export interface TextFieldOptions extends FieldOptions {
  maxlength?: number | undefined;
  required?: boolean;
  /** Marked `data-autofocus` (a dialog focuses it first). */
  autofocus?: boolean | undefined;
}

/** The text field's parts, exported from the elements that hold one. */
const FIELD_PARTS = 'base: field-base, label, hint, input, error: field-error';

/** The visual mark of a required field (the control itself says "required" to screen readers). */
export const requiredMark = html`<span class="required" aria-hidden="true">*</span>`;

/** The heading level (1–6) `offset` levels below an element's `heading-level` (2 when unset or not a number). */
export function headingLevel(level: number, offset = 0): number {
  return Math.min(6, Math.max(1, Math.round(level) || 2) + offset);
}

/** A heading (focusable, so focus can move to it). */
export function heading(text: unknown, level: number, id: string, className = 'title'): TemplateResult {
  return html`<div class=${className} part="title" id=${id} role="heading" aria-level=${level} tabindex="-1">${text}</div>`;
}

export function card(content: unknown): TemplateResult {
  return html`<div class="card" part="card">${content}</div>`;
}

/** The alert of an element that needs a root (<porchlight-portal>, <porchlight-admin>) and is not inside one. */
export function notConnected(text: string): TemplateResult {
  return html`<div role="alert" part="error"><div class="alert-box">${alertIcon}<p>${text}</p></div></div>`;
}

/** An error in an alert region (focusable, so focus can move to it). */
export function alertBox(text: string, className = 'alert-box'): TemplateResult {
  return html`<div class=${className} tabindex="-1">${alertIcon}<p>${text}</p></div>`;
}

export function noticeBox(notice: NonNullable<Notice>): TemplateResult {
  return html`<div class="alert-box ${notice.kind}">${notice.kind === 'success' ? checkIcon : infoIcon}<p>${notice.text}</p></div>`;
}

/**
 * A form's alert (role=alert) and status (role=status) regions; they exist before they have
 * something to say, so screen readers announce it. `form` names them (data-alert, data-notice)
 * where an element holds several forms.
 */
export function regions(alert: string, notice: Notice, form?: string): TemplateResult {
  return html`<div role="alert" part="error" data-alert=${ifDefined(form)}>${alert ? alertBox(alert) : nothing}</div>
      <div role="status" part="notice" data-notice=${ifDefined(form)}>${notice ? noticeBox(notice) : nothing}</div>`;
}

export interface FormTemplateOptions {
  busy: boolean;
  /** The id of the form's heading. */
  labelledBy: string;
  onSubmit: (event: SubmitEvent) => void;
  onInput: (event: Event) => void;
  /** Names the form (data-form) where an element holds several. */
  form?: string | undefined;
}

/** A <form> of text fields (novalidate: the element checks them and shows its own messages). */
export function formTemplate(o: FormTemplateOptions, content: unknown): TemplateResult {
  return html`<form part="form" class="stack" data-form=${ifDefined(o.form)} novalidate aria-labelledby=${o.labelledBy} aria-busy=${o.busy ? 'true' : 'false'} @submit=${o.onSubmit} @input=${o.onInput}>
      ${content}
    </form>`;
}

/** A button's label, or a spinner and `busyLabel` while busy. */
export function busyLabel(busy: boolean, label: string, busyText: string): TemplateResult | string {
  return busy ? html`<span class="spinner" aria-hidden="true"></span>${busyText}` : label;
}

export function submitButton(busy: boolean, label: string, busyText: string, className = 'button'): TemplateResult {
  return html`<button class=${className} part="button" type="submit" ?disabled=${busy}>
      ${busyLabel(busy, label, busyText)}
    </button>`;
}

/** A <porchlight-text-field> (form-associated) showing `error`. */
export function textField(name: string, label: string, error: string, o: TextFieldOptions = {}): TemplateResult {
  return html`<porchlight-text-field
      part="field"
      exportparts=${FIELD_PARTS}
      name=${name}
      label=${label}
      .value=${o.value ?? ''}
      type=${o.type ?? 'text'}
      autocomplete=${o.autocomplete ?? 'off'}
      inputmode=${o.inputmode ?? ''}
      autocapitalize=${o.autocapitalize ?? ''}
      hint=${o.hint ?? ''}
      .minlength=${o.minlength}
      .maxlength=${o.maxlength}
      .error=${error}
      ?required=${o.required ?? false}
      ?data-autofocus=${o.autofocus ?? false}
    ></porchlight-text-field>`;
}

/** The new password and its confirmation, made with the element's own `field`. */
export function newPasswordFields(min: number, field: (name: string, label: string, o: FieldOptions) => TemplateResult): TemplateResult {
  return html`${field('newPassword', 'New password', {
    type: 'password',
    autocomplete: 'new-password',
    minlength: min,
    hint: `At least ${min} characters. A few unrelated words make a strong password that is easy to remember.`,
  })}
    ${field('confirmPassword', 'Confirm new password', { type: 'password', autocomplete: 'new-password' })}`;
}

/** Checks a new password and its confirmation the same way everywhere: the first problem, by field. */
export function checkNewPassword(next: string, confirm: string, min: number, current?: string): Record<string, string> {
  if (!next) return { newPassword: 'Enter a new password.' };
  if (next.length < min) return { newPassword: `Use at least ${min} characters.` };
  if (current !== undefined && next === current) return { newPassword: 'Choose a password that is different from your current one.' };
  if (!confirm) return { confirmPassword: 'Enter the new password again.' };
  if (confirm !== next) return { confirmPassword: 'The passwords do not match.' };
  return {};
}

/** Reads a submitted form (the text fields are form-associated); the native submission is prevented. */
export function formValues(event: SubmitEvent): Record<string, string> {
  event.preventDefault();
  const out: Record<string, string> = {};
  for (const [key, value] of new FormData(event.currentTarget as HTMLFormElement)) out[key] = typeof value === 'string' ? value : '';
  return out;
}
