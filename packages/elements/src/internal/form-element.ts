import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { PorchlightTextField } from '../text-field/text-field.js';
import { alertIcon, checkIcon, infoIcon } from './icons.js';
import { errorMessage, fieldErrors } from './messages.js';
import { PortalConsumer } from './portal-consumer.js';

export type Notice = { kind: 'info' | 'success'; text: string } | null;

const FIELD_PARTS = 'base: field-base, label, hint, input, error: field-error';

export interface FieldOptions {
  value?: string;
  type?: string;
  autocomplete?: string;
  inputmode?: string;
  autocapitalize?: string;
  hint?: string;
  minlength?: number;
}

/**
 * What the login and reset cards share: busy state, field errors with focus on the first
 * problem, live regions for errors and notices, and the pieces of their templates.
 */
export class FormElement extends PortalConsumer {
  static override properties: PropertyDeclarations = {
    headingLevel: { type: Number, attribute: 'heading-level' },
    busy: { state: true },
    errors: { state: true },
    alert: { state: true },
    notice: { state: true },
  };

  /** The heading level (1–6) of the element's headings; 2 by default. */
  declare headingLevel: number;

  protected declare busy: boolean;
  protected declare errors: Record<string, string>;
  protected declare alert: string;
  protected declare notice: Notice;

  constructor() {
    super();
    this.headingLevel = 2;
    this.busy = false;
    this.errors = {};
    this.alert = '';
    this.notice = null;
  }

  protected field(name: string): PorchlightTextField | null {
    return this.renderRoot.querySelector(`porchlight-text-field[name="${name}"]`);
  }

  /** Prevents the native submission and reads the form (the text fields are form-associated). */
  protected formValues(event: SubmitEvent): Record<string, string> {
    event.preventDefault();
    const out: Record<string, string> = {};
    for (const [key, value] of new FormData(event.currentTarget as HTMLFormElement)) out[key] = typeof value === 'string' ? value : '';
    return out;
  }

  protected clearMessages(): void {
    this.errors = {};
    this.alert = '';
    this.notice = null;
  }

  /** Shows field problems and moves focus to the first one. True when there were any. */
  protected invalid(errors: Record<string, string>): boolean {
    const names = Object.keys(errors);
    if (!names.length) return false;
    this.errors = errors;
    this.alert = names.length === 1 ? errors[names[0]!]! : 'Check the highlighted fields.';
    void this.focusAfterUpdate(`porchlight-text-field[name="${names[0]}"]`);
    return true;
  }

  /**
   * Runs a call in the busy state. An error goes on the fields that `fields` maps from the
   * API's field names, and in the alert; focus moves to the first problem.
   */
  protected async run(action: () => Promise<void>, fields: Record<string, string>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.clearMessages();
    try {
      await action();
      return true;
    } catch (error) {
      const onFields: Record<string, string> = {};
      for (const [apiName, message] of Object.entries(fieldErrors(error, Object.keys(fields)))) onFields[fields[apiName]!] ??= message;
      this.errors = onFields;
      this.alert = errorMessage(error);
      const first = Object.keys(onFields)[0];
      void this.focusAfterUpdate(first ? `porchlight-text-field[name="${first}"]` : '.alert-box');
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Typing in a field clears its error. */
  protected onFieldInput(event: Event): void {
    const name = (event.target as { name?: string }).name;
    if (name && this.errors[name]) {
      const { [name]: _fixed, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  // ---- template pieces ------------------------------------------------------------------

  protected card(content: unknown): TemplateResult {
    return html`<div class="card" part="card">${content}</div>`;
  }

  protected renderTitle(text: string): TemplateResult {
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2));
    return html`<div class="title" part="title" id="title" role="heading" aria-level=${level} tabindex="-1">${text}</div>`;
  }

  protected loadingCard(text: string): TemplateResult {
    return this.card(html`<div class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${text}</div>`);
  }

  protected missingPortalCard(): TemplateResult {
    return this.card(
      html`<div role="alert" part="error"><div class="alert-box">${alertIcon}<p>This form is not connected to a portal. Place it inside &lt;porchlight-portal api="…"&gt;.</p></div></div>`,
    );
  }

  /** The live regions exist before they have content, so screen readers announce it. */
  protected regions(): TemplateResult {
    const n = this.notice;
    return html`<div role="alert" part="error">${this.alert ? html`<div class="alert-box" tabindex="-1">${alertIcon}<p>${this.alert}</p></div>` : nothing}</div>
      <div role="status" part="notice">${n ? html`<div class="alert-box ${n.kind}">${n.kind === 'success' ? checkIcon : infoIcon}<p>${n.text}</p></div>` : nothing}</div>`;
  }

  protected form(onSubmit: (e: SubmitEvent) => void, content: TemplateResult): TemplateResult {
    return html`<form part="form" class="stack" novalidate aria-labelledby="title" aria-busy=${this.busy ? 'true' : 'false'} @submit=${onSubmit} @input=${this.onFieldInput}>
      ${content}
    </form>`;
  }

  protected submit(label: string, busyLabel: string): TemplateResult {
    return html`<button class="button" part="button" type="submit" ?disabled=${this.busy}>
      ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>${busyLabel}` : label}
    </button>`;
  }

  protected textField(name: string, label: string, o: FieldOptions = {}): TemplateResult {
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
      .error=${this.errors[name] ?? ''}
      required
    ></porchlight-text-field>`;
  }

  /** The new password and its confirmation, checked the same way everywhere. */
  protected newPasswordFields(min: number): TemplateResult {
    return html`${this.textField('newPassword', 'New password', {
      type: 'password',
      autocomplete: 'new-password',
      minlength: min,
      hint: `At least ${min} characters. A few unrelated words make a strong password that is easy to remember.`,
    })}
    ${this.textField('confirmPassword', 'Confirm new password', { type: 'password', autocomplete: 'new-password' })}`;
  }

  protected checkNewPassword(next: string, confirm: string, min: number, current?: string): Record<string, string> {
    if (!next) return { newPassword: 'Enter a new password.' };
    if (next.length < min) return { newPassword: `Use at least ${min} characters.` };
    if (current !== undefined && next === current) return { newPassword: 'Choose a password that is different from your current one.' };
    if (!confirm) return { confirmPassword: 'Enter the new password again.' };
    if (confirm !== next) return { confirmPassword: 'The passwords do not match.' };
    return {};
  }
}
