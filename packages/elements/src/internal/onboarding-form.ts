import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { PorchlightClient } from '@porchlight/client';
import { emit, type OnboardingTarget } from '../events.js';
import { shared } from '../styles/shared.js';
import { tokens } from '../styles/tokens.js';
import { fieldBox, fieldError, fieldFocus, fieldLabel } from './field-styles.js';
import { FormElement } from './form-element.js';
import { formCard } from './form-styles.js';
import { alertIcon, infoIcon } from './icons.js';
import { errorCode } from './messages.js';
import { noticeBox, textField, type FieldOptions } from './templates.js';

/**
 * What the sign-up forms (<porchlight-register>, <porchlight-request-access>,
 * <porchlight-activate>) share on top of FormElement: an error summary in the alert region that
 * lists each field's problem (each entry moves focus to its field) while focus goes to the first
 * problem, optional fields, a multi-line field, and the way back to the sign-in form (a link
 * with `login-href`, otherwise the `porchlight-onboarding-navigate` event).
 */
export abstract class OnboardingForm extends FormElement {
  static override properties: PropertyDeclarations = {
    ...FormElement.properties,
    loginHref: { attribute: 'login-href' },
    summarised: { state: true },
  };

  /** The sign-in page: "Back to sign in" links there (otherwise it fires porchlight-onboarding-navigate `{ to: 'login' }`). */
  declare loginHref: string;

  /** The form's fields and their labels, in the form's order (the summary's order and words). */
  protected abstract readonly fieldLabels: Record<string, string>;

  /** The alert holds a summary of field problems (it goes once they are all fixed). */
  protected declare summarised: boolean;

  constructor() {
    super();
    this.loginHref = '';
    this.summarised = false;
  }

  /** The problems in the form's order (the summary names the fields; each field shows its own message). */
  private problems(): Array<[string, string]> {
    return Object.keys(this.fieldLabels)
      .filter((name) => this.errors[name])
      .map((name) => [name, this.errors[name]!]);
  }

  protected override invalid(errors: Record<string, string>): boolean {
    if (!super.invalid(errors)) return false;
    const count = Object.keys(errors).length;
    this.alert = count === 1 ? 'There is a problem with 1 field:' : `There are problems with ${count} fields:`;
    this.summarised = true;
    void this.focusField(Object.keys(errors)[0]!);
    return true;
  }

  protected override async run(action: () => Promise<void>, fields: Record<string, string>): Promise<boolean> {
    this.summarised = false;
    const done = await super.run(action, fields);
    const first = this.problems()[0]?.[0];
    if (!done && first) {
      this.summarised = true;
      void this.focusField(first);
    }
    return done;
  }

  protected override clearMessages(): void {
    super.clearMessages();
    this.summarised = false;
  }

  protected override onFieldInput(event: Event): void {
    super.onFieldInput(event);
    // Everything fixed: the summary has nothing left to say.
    if (this.summarised && !this.problems().length) {
      this.alert = '';
      this.summarised = false;
    }
  }

  /** Focuses a field (a text field or the multi-line field) after the next render. */
  protected async focusField(name: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`porchlight-text-field[name="${name}"], textarea[name="${name}"]`)?.focus();
  }

  /** The alert (with the list of field problems) and status regions; they exist before they have something to say. */
  protected override regions(): TemplateResult {
    const problems = this.problems();
    const box =
      this.alert || problems.length
        ? html`<div class="alert-box" tabindex="-1">
            ${alertIcon}
            <div class="summary">
              <p>${this.alert}</p>
              ${problems.length > 0 && this.summarised
                ? html`<ul part="summary">
                    ${problems.map(
                      ([name]) => html`<li><button class="summary-link" type="button" @click=${() => this.focusField(name)}>${this.fieldLabels[name]}</button></li>`,
                    )}
                  </ul>`
                : nothing}
            </div>
          </div>`
        : nothing;
    return html`<div role="alert" part="error">${box}</div>
      <div role="status" part="notice">${this.notice ? noticeBox(this.notice) : nothing}</div>`;
  }

  /** A text field the person may leave empty ("(optional)" in its label). */
  protected optionalField(name: string, label: string, o: FieldOptions = {}): TemplateResult {
    return textField(name, `${label} (optional)`, this.errors[name] ?? '', { ...o, required: false });
  }

  /** A multi-line field (optional) that looks and behaves like the text fields. */
  protected textArea(name: string, label: string, o: { hint?: string; maxlength?: number; value?: string } = {}): TemplateResult {
    const error = this.errors[name];
    const described = [o.hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="area" part="field">
      <label for=${name} part="label">${label} (optional)</label>
      ${o.hint ? html`<div class="hint" part="hint" id="${name}-hint">${o.hint}</div>` : nothing}
      <textarea
        id=${name}
        name=${name}
        part="input"
        rows="4"
        .value=${o.value ?? ''}
        maxlength=${ifDefined(o.maxlength)}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(described || undefined)}
      ></textarea>
      ${error ? html`<div class="field-error" part="field-error" id="${name}-error">${alertIcon}<span>${error}</span></div>` : nothing}
    </div>`;
  }

  /** Where a sign-up link goes: `href` when the page gave one, otherwise an event the page answers. */
  protected navLink(to: OnboardingTarget, label: string, href: string, className = 'link'): TemplateResult {
    return href
      ? html`<a class=${className} part="link" href=${href}>${label}</a>`
      : html`<button class=${className} part="link" type="button" @click=${() => emit(this, 'porchlight-onboarding-navigate', { to })}>${label}</button>`;
  }

  /** "Back to sign in" as the card's last button. */
  protected backToSignIn(label = 'Back to sign in'): TemplateResult {
    return this.navLink('login', label, this.loginHref, 'button secondary');
  }

  /** The dealer's name ("Lakeside Alarm Co."), or "your provider" before it is known. */
  protected get dealerName(): string {
    return this.dealerInfo?.name ?? 'your provider';
  }

  /** The dealer's name ending a sentence: `${this.dealerAtEnd}.` never doubles the period of "Co.". */
  protected get dealerAtEnd(): string {
    return this.dealerName.replace(/\.$/, '');
  }
}

/**
 * A way in that sends a form and waits for an email (<porchlight-register>,
 * <porchlight-request-access>): the form, its confirmation once the server took it (the same
 * answer whether or not the details matched), and a plain "not available" card when the dealer
 * does not offer it (their setting, or ONBOARDING_DISABLED from the server). What was typed
 * survives a failed send.
 */
export abstract class SignUpForm<F extends Record<keyof F, string>> extends OnboardingForm {
  static override properties: PropertyDeclarations = {
    ...OnboardingForm.properties,
    view: { state: true },
    sentMessage: { state: true },
  };

  protected declare view: 'form' | 'sent' | 'disabled';
  /** The server's answer once the form was sent. */
  protected declare sentMessage: string;

  /** What was typed, by field in the form's order (the fields sent and the errors' names). */
  protected abstract readonly typed: F;
  /** The event fired (with the server's message) once the form was sent. */
  protected abstract readonly sentEvent: 'porchlight-registration-sent' | 'porchlight-access-requested';
  /** Whether the dealer offers this way in (their onboarding setting). */
  protected abstract get offered(): boolean;
  /** The problems the browser finds before sending (the server's words). */
  protected abstract checkFields(typed: F): Record<string, string>;
  /** Sends what was typed. */
  protected abstract send(client: PorchlightClient, typed: F): Promise<{ message: string }>;
  protected abstract renderForm(): TemplateResult;
  protected abstract renderSent(): TemplateResult;
  /** The title and the words of the card shown when the dealer does not offer this way in. */
  protected abstract unavailable(): { title: string; text: string };

  constructor() {
    super();
    this.view = 'form';
    this.sentMessage = '';
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    const values = this.formValues(event);
    const client = this.client;
    if (!client || this.busy) return;
    const typed = this.typed as Record<string, string>;
    const names = Object.keys(typed);
    for (const name of names) typed[name] = values[name] ?? '';
    if (this.invalid(this.checkFields(this.typed))) return;

    let disabled = false;
    const done = await this.run(async () => {
      try {
        this.sentMessage = (await this.send(client, this.typed)).message;
      } catch (error) {
        disabled = errorCode(error) === 'ONBOARDING_DISABLED';
        throw error;
      }
    }, Object.fromEntries(names.map((f) => [f, f])));
    if (done || disabled) {
      this.clearMessages();
      this.view = done ? 'sent' : 'disabled';
      if (done) emit(this, this.sentEvent, { message: this.sentMessage });
      void this.focusAfterUpdate('.title');
    }
  }

  /** The form's card: the heading, `lead` and the intro slot, the regions, `fields`, and "Already have a login? Sign in". */
  protected signUpCard(title: string, lead: string, fields: TemplateResult): TemplateResult {
    return this.card(html`
      <div class="head">
        ${this.renderTitle(title)}
        <p class="lead">${lead}</p>
        <slot name="intro"></slot>
      </div>
      ${this.regions()}
      ${this.form(this.onSubmit, fields)}
      <p class="alt">Already have a login? ${this.navLink('login', 'Sign in', this.loginHref)}</p>
    `);
  }

  private renderUnavailable(): TemplateResult {
    const { title, text } = this.unavailable();
    return this.card(html`
      <div class="head">${this.renderTitle(title)}</div>
      <div role="status" part="notice"><div class="alert-box info">${infoIcon}<p>${text}</p></div></div>
      ${this.backToSignIn()}
    `);
  }

  protected override render() {
    if (this.missingPortal) return this.missingPortalCard();
    if (!this.client || this.sessionState.status === 'pending') return this.loadingCard('Loading…');
    if (this.view === 'sent') return this.renderSent();
    if (this.view === 'disabled' || !this.offered) return this.renderUnavailable();
    return this.renderForm();
  }
}

/** Styles of the error summary, the multi-line field and the field pairs. */
export const onboardingFormStyles = css`
  .summary {
    min-width: 0;
  }
  .summary p {
    margin: 0;
    font-weight: 600;
  }
  .summary ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    margin: 0.375rem 0 0;
    padding: 0;
    list-style: none;
  }
  .summary-link {
    padding: 0.125rem 0;
    border: 0;
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
    text-decoration: underline;
    text-underline-offset: 0.2em;
    cursor: pointer;
  }
  .summary-link:focus-visible {
    border-radius: 2px;
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .pair {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
    gap: 1.125rem 1rem;
    align-items: start;
  }
  .area {
    display: grid;
    gap: 0.375rem;
  }
  .area label {
    ${fieldLabel}
  }
  .area .hint {
    font-size: 0.875rem;
    color: var(--_muted);
  }
  .area textarea {
    ${fieldBox}
    min-height: 6rem;
    resize: vertical;
    line-height: 1.5;
  }
  .area textarea:focus {
    ${fieldFocus}
  }
  .area textarea[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .area .field-error {
    ${fieldError}
  }
  .area .field-error .icon {
    flex: none;
    width: 1rem;
    height: 1rem;
    margin-top: 0.125rem;
  }
  .card > .alt {
    margin: 1.25rem 0 0;
    color: var(--_muted);
    font-size: 0.9375rem;
    text-align: center;
  }
  .card > .next-title {
    margin: 0 0 0.5rem;
    font-weight: 600;
  }
  .next {
    margin: 0 0 1.25rem;
    padding-left: 1.25rem;
  }
  .next li + li {
    margin-top: 0.5rem;
  }
  .card > .button,
  .card > a.button {
    margin-top: 0.5rem;
  }
`;

/** The styles every sign-up card starts with; each adds its own (its `--porchlight-…-max-width` at least). */
export const onboardingCardStyles = [tokens, shared, formCard, onboardingFormStyles];
