import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { AdminAbility, AdminClient, PublicDealer, PublicDealerStaff } from '@porchlight/client';
import { brandingContext } from '../../context.js';
import type { FieldOptions, Notice } from '../../internal/form-element.js';
import { alertIcon, checkIcon, infoIcon } from '../../internal/icons.js';
import { errorCode, errorMessage, fieldErrors } from '../../internal/messages.js';
import type { PorchlightTextField } from '../../text-field/text-field.js';
import { adminClientContext, adminSessionContext, type AdminSessionState } from '../context.js';

const ADMIN = 'porchlight-admin';
const FIELD_PARTS = 'base: field-base, label, hint, input, error: field-error';

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

/** The nearest <porchlight-admin> around `node`, across shadow roots. */
function adminAround(node: Node): Element | null {
  let current: Node | null = node;
  while (current) {
    const found: Element | null = current instanceof Element ? current.closest(ADMIN) : null;
    if (found && found !== node) return found;
    const root = current.getRootNode();
    current = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
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
    const admin = adminAround(this);
    if (!admin) {
      this.missingAdmin = true;
      console.warn(`<${this.localName}> needs a <porchlight-admin api="…"> around it.`);
      return;
    }
    this.missingAdmin = false;
    // The root may be defined after this element (scripts loaded in another order): ask again then.
    void customElements.whenDefined(ADMIN).then(() => {
      if (this.isConnected && !this.adminClient) {
        for (const consumer of [this.adminClientConsumer, this.adminSessionConsumer, this.brandingConsumer]) {
          consumer.hostDisconnected();
          consumer.hostConnected();
        }
      }
    });
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
    event.preventDefault();
    const out: Record<string, string> = {};
    for (const [key, value] of new FormData(event.currentTarget as HTMLFormElement)) out[key] = typeof value === 'string' ? value : '';
    return out;
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
      const onFields: Record<string, string> = {};
      for (const [apiName, message] of Object.entries(fieldErrors(error, Object.keys(fields)))) onFields[fields[apiName]!] ??= message;
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
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel) || 2) + offset);
    return html`<div class=${className} part="title" id=${id} role="heading" aria-level=${level} tabindex="-1">${text}</div>`;
  }

  /** The form's alert (role=alert) and status (role=status) regions. */
  protected regions(form: string): TemplateResult {
    const { alert, notice: n } = this.formState(form);
    return html`<div role="alert" part="error" data-alert=${form}>${alert ? html`<div class="alert-box" tabindex="-1">${alertIcon}<p>${alert}</p></div>` : nothing}</div>
      <div role="status" part="notice" data-notice=${form}>${n ? html`<div class="alert-box ${n.kind}">${n.kind === 'success' ? checkIcon : infoIcon}<p>${n.text}</p></div>` : nothing}</div>`;
  }

  protected formTemplate(form: string, labelledBy: string, onSubmit: (e: SubmitEvent) => void, content: unknown): TemplateResult {
    return html`<form
      part="form"
      class="stack"
      data-form=${form}
      novalidate
      aria-labelledby=${labelledBy}
      aria-busy=${this.formState(form).busy ? 'true' : 'false'}
      @submit=${onSubmit}
      @input=${(e: Event) => this.onFieldInput(form, e)}
    >
      ${content}
    </form>`;
  }

  protected submit(form: string, label: string, busyLabel: string, className = 'button'): TemplateResult {
    const busy = this.formState(form).busy;
    return html`<button class=${className} part="button" type="submit" ?disabled=${busy}>
      ${busy ? html`<span class="spinner" aria-hidden="true"></span>${busyLabel}` : label}
    </button>`;
  }

  protected textField(form: string, name: string, label: string, o: AdminFieldOptions = {}): TemplateResult {
    return html`<porchlight-text-field
      part="field"
      exportparts=${FIELD_PARTS}
      name=${name}
      label=${o.optional ? `${label} (optional)` : label}
      .value=${o.value ?? ''}
      type=${o.type ?? 'text'}
      autocomplete=${o.autocomplete ?? 'off'}
      inputmode=${o.inputmode ?? ''}
      autocapitalize=${o.autocapitalize ?? ''}
      hint=${o.hint ?? ''}
      .minlength=${o.minlength}
      .maxlength=${o.maxlength}
      .error=${this.formState(form).errors[name] ?? ''}
      ?required=${!o.optional && o.required !== false}
    ></porchlight-text-field>`;
  }

  protected loadingState(text: string): TemplateResult {
    return html`<div class="loading" role="status" part="loading"><span class="spinner" aria-hidden="true"></span>${text}</div>`;
  }

  protected missingAdminCard(): TemplateResult {
    return html`<div class="card" part="card">
      <div role="alert" part="error"><div class="alert-box">${alertIcon}<p>This back-office element is not connected. Place it inside &lt;porchlight-admin api="…"&gt;.</p></div></div>
    </div>`;
  }

  /** A note for an action the signed-in role cannot take. */
  protected notAllowed(id: string, text: string): TemplateResult {
    return html`<p class="note" id=${id} part="not-allowed">${infoIcon}<span>${text}</span></p>`;
  }
}
