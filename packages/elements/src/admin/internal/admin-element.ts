import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { AdminAbility, AdminClient, PublicDealer, PublicDealerStaff } from '@porchlight/client';
import { brandingContext } from '../../context.js';
import { waitForRoot } from '../../internal/find-root.js';
import type { DialogOptions } from '../../internal/dialog.js';
import { alertIcon, checkIcon, infoIcon } from '../../internal/icons.js';
import { errorCode, errorMessage, formFieldErrors } from '../../internal/messages.js';
import { card, formTemplate, formValues, heading, headingLevel, notConnected, regions, submitButton, textField, type FieldOptions, type Notice } from '../../internal/templates.js';
import type { PorchlightTextField } from '../../text-field/text-field.js';
import { adminClientContext, adminSessionContext, type AdminSessionState } from '../context.js';


/** One form's state: several forms on one element each have their own. */
export interface FormState {
  busy: boolean;
  errors: Record<string, string>;
  alert: string;
  notice: Notice;
}

const IDLE: FormState = { busy: false, errors: {}, alert: '', notice: null };

export interface AdminFieldOptions extends FieldOptions {
  /** Not required, and the label says "(optional)". */
  optional?: boolean;
  /** Not required, without saying so in the label (a search box). */
  required?: boolean;
  maxlength?: number;
}

/**
 * Base of the back-office elements: receives the admin client, the admin session and the
 * dealer from <porchlight-admin> by context (like PortalConsumer does from the portal), and
 * gives each of its forms its own busy state, field errors, alert and notice (the account page
 * holds several forms), with focus on the first problem and live regions that exist before they
 * have something to say.
 */
export class AdminElement extends LitElement {
  static override properties: PropertyDeclarations = {
    headingLevel: { type: Number, attribute: 'heading-level' },
    missingAdmin: { state: true },
    forms: { state: true },
  };

  /** The heading level (1–6) of the element's main heading; 2 by default. Section headings go one level below. */
  declare headingLevel: number;

  protected declare missingAdmin: boolean;
  protected declare forms: Record<string, FormState>;

  protected readonly adminClientConsumer = new ContextConsumer(this, { context: adminClientContext, subscribe: true });
  protected readonly adminSessionConsumer = new ContextConsumer(this, { context: adminSessionContext, subscribe: true });
  protected readonly brandingConsumer = new ContextConsumer(this, { context: brandingContext, subscribe: true });

  constructor() {
    super();
    this.headingLevel = 2;
    this.missingAdmin = false;
    this.forms = {};
  }

  get adminClient(): AdminClient | undefined {
    return this.adminClientConsumer.value;
  }

  get adminSession(): AdminSessionState {
    return this.adminSessionConsumer.value ?? { status: 'pending', response: null };
  }

  get dealerInfo(): PublicDealer | undefined {
    return this.brandingConsumer.value;
  }

  /** The signed-in staff member, once the session is usable (signed in, no password change pending). */
  get staff(): PublicDealerStaff | undefined {
    const { status, response } = this.adminSession;
    return status === 'signed-in' && response && !response.session.mustChangePassword ? response.staff : undefined;
  }

  /** Whether the signed-in staff member's role allows `ability` (the server checks again). */
  can(ability: AdminAbility): boolean {
    return this.staff?.abilities.includes(ability) ?? false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.adminClient) return;
    this.missingAdmin = !waitForRoot(this, 'porchlight-admin', [this.adminClientConsumer, this.adminSessionConsumer, this.brandingConsumer], () => Boolean(this.adminClient));
  }

  /** Focuses the first element matching `selector` in the shadow root after the next render. */
  protected async focusAfterUpdate(selector: string): Promise<void> {
    await this.updateComplete;
    (this.renderRoot.querySelector(selector) as HTMLElement | null)?.focus();
  }

  // ---- forms ----------------------------------------------------------------------------

  protected formState(id: string): FormState {
    return this.forms[id] ?? IDLE;
  }

  protected patchForm(id: string, patch: Partial<FormState>): void {
    this.forms = { ...this.forms, [id]: { ...this.formState(id), ...patch } };
  }

  protected clearForm(id: string): void {
    this.patchForm(id, { errors: {}, alert: '', notice: null });
  }

  protected field(form: string, name: string): PorchlightTextField | null {
    return this.renderRoot.querySelector(`form[data-form="${form}"] porchlight-text-field[name="${name}"]`);
  }

  /** Prevents the native submission and reads the form. */
  protected formValues(event: SubmitEvent): Record<string, string> {
    return formValues(event);
  }

  /** Shows field problems and moves focus to the first one. True when there were any. */
  protected invalid(form: string, errors: Record<string, string>): boolean {
    const names = Object.keys(errors);
    if (!names.length) return false;
    this.patchForm(form, { errors, alert: names.length === 1 ? errors[names[0]!]! : 'Check the highlighted fields.', notice: null });
    void this.focusAfterUpdate(`form[data-form="${form}"] [name="${names[0]}"]`);
    return true;
  }

  /**
   * Runs a call with the form busy. An error goes on the fields that `fields` maps from the
   * API's field names (or, for a code in `codeFields` without field details, on that field),
   * and in the form's alert; focus moves to the first problem.
   */
  protected async run(form: string, action: () => Promise<void>, fields: Record<string, string> = {}, codeFields: Record<string, string> = {}): Promise<boolean> {
    if (this.formState(form).busy) return false;
    this.patchForm(form, { busy: true, errors: {}, alert: '', notice: null });
    try {
      await action();
      this.patchForm(form, { busy: false });
      return true;
    } catch (error) {
      const onFields = formFieldErrors(error, fields);
      const code = errorCode(error);
      if (!Object.keys(onFields).length && code && codeFields[code]) onFields[codeFields[code]!] = errorMessage(error);
      this.patchForm(form, { busy: false, errors: onFields, alert: errorMessage(error) });
      const first = Object.keys(onFields)[0];
      void this.focusAfterUpdate(first ? `form[data-form="${form}"] [name="${first}"]` : `[data-alert="${form}"] .alert-box`);
      return false;
    }
  }

  /** Typing in a field clears its error. */
  protected onFieldInput(form: string, event: Event): void {
    const name = (event.target as { name?: string }).name;
    const { errors } = this.formState(form);
    if (name && errors[name]) {
      const { [name]: _fixed, ...rest } = errors;
      this.patchForm(form, { errors: rest });
    }
  }

  // ---- template pieces ------------------------------------------------------------------

  /** A heading `offset` levels below the element's heading level; focusable for focus moves. */
  protected renderHeading(text: unknown, id: string, offset = 0, className = 'title'): TemplateResult {
    return heading(text, headingLevel(this.headingLevel, offset), id, className);
  }

  /** The form's alert (role=alert) and status (role=status) regions. */
  protected regions(form: string): TemplateResult {
    const { alert, notice } = this.formState(form);
    return regions(alert, notice, form);
  }

  protected formTemplate(form: string, labelledBy: string, onSubmit: (e: SubmitEvent) => void, content: unknown): TemplateResult {
    return formTemplate({ busy: this.formState(form).busy, labelledBy, onSubmit, onInput: (e: Event) => this.onFieldInput(form, e), form }, content);
  }

  protected submit(form: string, label: string, busyLabel: string, className = 'button'): TemplateResult {
    return submitButton(this.formState(form).busy, label, busyLabel, className);
  }

  protected textField(form: string, name: string, label: string, o: AdminFieldOptions = {}): TemplateResult {
    return textField(name, o.optional ? `${label} (optional)` : label, this.formState(form).errors[name] ?? '', {
      ...o,
      required: !o.optional && o.required !== false,
    });
  }

  protected loadingState(text: string): TemplateResult {
    return html`<div class="loading" role="status" part="loading"><span class="spinner" aria-hidden="true"></span>${text}</div>`;
  }

  /** A load that failed: what went wrong, and Retry (focusable, so focus can move to it). */
  protected loadFailure(error: unknown, retry: () => void): TemplateResult {
    return html`<div class="alert-box" tabindex="-1">
      ${alertIcon}
      <div>
        <p>${errorMessage(error)}</p>
        <button class="button secondary small inline" part="button" type="button" @click=${retry}>Retry</button>
      </div>
    </div>`;
  }

  /**
   * The regions of a form that stands for the whole card ('list'): its alert (role=alert; a
   * failed load's `failure`, with Retry, goes in there too) and its notice (role=status).
   */
  protected cardRegions(form: string, failure: unknown = nothing): TemplateResult {
    const { alert, notice } = this.formState(form);
    return html`<div role="alert" part="error" class="region failure" data-alert=${form}>
        ${alert ? html`<div class="alert-box" tabindex="-1">${alertIcon}<p>${alert}</p></div>` : nothing}${failure}
      </div>
      <div role="status" part="notice" class="region" data-notice=${form}>
        ${notice ? html`<div class="alert-box ${notice.kind}">${notice.kind === 'success' ? checkIcon : infoIcon}<p>${notice.text}</p></div>` : nothing}
      </div>`;
  }

  /** The "Show" select of a list's statuses (`options`: value and words), in the list's filter form. */
  protected statusSelect<F extends string>(value: F, options: ReadonlyArray<readonly [F, string]>, onChange: (event: Event) => void): TemplateResult {
    return html`<div class="select-field">
      <label for="status-filter">Show</label>
      <select id="status-filter" name="status" .value=${value} @change=${onChange}>
        ${options.map(([option, text]) => html`<option value=${option} ?selected=${option === value}>${text}</option>`)}
      </select>
    </div>`;
  }

  /** What every dialog of the element gets: its heading a level below the element's, the busy state and regions of its form `form`, and closing. */
  protected dialogBase(form: string, onClose: () => void): Pick<DialogOptions, 'level' | 'busy' | 'onClose' | 'alert'> {
    return { level: headingLevel(this.headingLevel, 1), busy: this.formState(form).busy, onClose, alert: this.regions(form) };
  }

  /**
   * A dialog's buttons: the action (submits the dialog's form `form`, or runs `onClick`; a
   * spinner and `busyLabel` while busy) and Cancel (`onCancel`).
   */
  protected dialogActions(form: string, label: string, busyLabel: string, o: { onCancel: () => void; danger?: boolean; onClick?: () => void }): TemplateResult {
    const busy = this.formState(form).busy;
    return html`<div class="dialog-actions">
      <button class="button inline ${o.danger ? 'danger' : ''}" part="button" type=${o.onClick ? 'button' : 'submit'} data-confirm ?disabled=${busy} @click=${o.onClick}>
        ${busy ? html`<span class="spinner" aria-hidden="true"></span>${busyLabel}` : label}
      </button>
      <button class="button inline secondary" part="button" type="button" data-cancel ?disabled=${busy} @click=${o.onCancel}>Cancel</button>
    </div>`;
  }

  protected missingAdminCard(): TemplateResult {
    return card(notConnected('This back-office element is not connected. Place it inside <porchlight-admin api="…">.'));
  }

  /** A note for an action the signed-in role cannot take. */
  protected notAllowed(id: string, text: string): TemplateResult {
    return html`<p class="note" id=${id} part="not-allowed">${infoIcon}<span>${text}</span></p>`;
  }
}
