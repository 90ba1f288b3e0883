import { html } from 'lit';
import { normalizeRegistrationKey, registerProblems, type RegisterFields } from '@porchlight/core';
import { onboardingApi, type PorchlightClient } from '@porchlight/client';
import { checkIcon } from '../internal/icons.js';
import { SignUpForm } from '../internal/onboarding-form.js';
import type { FieldOptions } from '../internal/templates.js';
import { registerStyles } from './register.styles.js';

/**
 * <porchlight-register>: registration with the key printed on an invoice, as alarm-billing
 * clients know it. The person types the registration key, customer number and ZIP code from
 * their invoice, their name as the provider has it, phone and email (the email becomes their
 * username). The answer is the same whether or not the details matched (the server emails the
 * next step), so the confirmation says what to do next. Shown when the dealer offers
 * registration (`onboarding.registration`); lives inside <porchlight-portal>.
 *
 * @attr login-href - the sign-in page ("Back to sign in" links there; otherwise an event)
 * @attr link-hours - how long the emailed link (or temporary password) works, as the confirmation says it (default 48)
 * @attr credentials - what the dealer's login email carries: `link` (default) or `temporary-password` (the confirmation's wording)
 * @attr heading-level - the heading level (default 2)
 * @slot intro - text under the heading of the form
 * @csspart card - the card
 * @csspart title - the heading
 * @csspart form - the <form>
 * @csspart field - each <porchlight-text-field> (its parts are exported as label, hint, input, field-error)
 * @csspart button - buttons
 * @csspart link - links and link-styled buttons (Sign in, Back to sign in with `login-href`)
 * @csspart error - the error region (role=alert), with the summary of field problems
 * @csspart summary - the list of field problems
 * @csspart notice - the status region
 * @csspart confirmation - the confirmation after sending
 * @fires porchlight-registration-sent - `{ message }` once the server took the registration
 * @fires porchlight-onboarding-navigate - `{ to: 'login' }` from "Sign in" / "Back to sign in" without `login-href`
 */
export class PorchlightRegister extends SignUpForm<RegisterFields> {
  static override styles = registerStyles;
  static override properties = {
    ...SignUpForm.properties,
    linkHours: { type: Number, attribute: 'link-hours' },
    credentials: {},
  };

  /** How many hours the emailed set-password link works (the dealer's setting; default 48). */
  declare linkHours: number;
  /** What the login email carries (the dealer's `onboarding.credentials`): `link` or `temporary-password`. */
  declare credentials: 'link' | 'temporary-password';

  protected readonly fieldLabels = {
    registrationKey: 'Registration key',
    customerNumber: 'Customer number',
    zip: 'ZIP code',
    firstName: 'First name',
    lastName: 'Last name',
    phone: 'Phone',
    email: 'Email',
  };

  protected readonly typed: RegisterFields = { registrationKey: '', customerNumber: '', zip: '', firstName: '', lastName: '', phone: '', email: '' };
  protected readonly sentEvent = 'porchlight-registration-sent';

  constructor() {
    super();
    this.linkHours = 48;
    this.credentials = 'link';
  }

  protected get offered(): boolean {
    return this.dealerInfo?.onboarding?.registration !== false;
  }

  protected checkFields(typed: RegisterFields): Record<string, string> {
    return registerProblems(typed);
  }

  protected send(client: PorchlightClient, t: RegisterFields) {
    return onboardingApi(client).register({
      registrationKey: normalizeRegistrationKey(t.registrationKey),
      customerNumber: t.customerNumber.trim(),
      zip: t.zip.trim(),
      firstName: t.firstName.trim(),
      lastName: t.lastName.trim(),
      phone: t.phone.trim(),
      email: t.email.trim(),
    });
  }

  private registerField(name: keyof RegisterFields, o: FieldOptions = {}) {
    return this.textField(name, this.fieldLabels[name], { value: this.typed[name], ...o });
  }

  protected renderForm() {
    return this.signUpCard(
      'Register for the client portal',
      `Have your latest invoice from ${this.dealerName} at hand: you'll need the details printed on it.`,
      html`${this.registerField('registrationKey', { hint: 'At the bottom of your invoice', autocapitalize: 'characters' })}
        <div class="pair">
          ${this.registerField('customerNumber', { autocapitalize: 'characters' })}
          ${this.registerField('zip', { autocomplete: 'postal-code' })}
        </div>
        ${this.registerField('firstName', { autocomplete: 'given-name', hint: 'Use the name your provider has on file, e.g. James, not Jim' })}
        ${this.registerField('lastName', { autocomplete: 'family-name' })}
        ${this.registerField('phone', { type: 'tel', inputmode: 'tel', autocomplete: 'tel', hint: 'Area code included' })}
        ${this.registerField('email', { type: 'email', inputmode: 'email', autocomplete: 'email', autocapitalize: 'none', hint: 'Becomes your username' })}
        <div class="actions">${this.submit('Register', 'Registering…')}</div>`,
    );
  }

  protected renderSent() {
    const hours = Number.isFinite(this.linkHours) && this.linkHours > 0 ? Math.round(this.linkHours) : 48;
    return this.card(html`
      <div class="head">${this.renderTitle('Check your email')}</div>
      <div role="status" part="confirmation">
        <div class="alert-box success">${checkIcon}<p>${this.sentMessage}</p></div>
      </div>
      <p class="next-title">What to do next:</p>
      <ol class="next">
        ${this.credentials === 'temporary-password'
          ? html`<li>Open the email from ${this.dealerName}: it has a temporary password for your first login. It works for ${hours} hours.</li>
              <li>Log in with the account identifier the email gives you, your email address as username, and the temporary password; then choose your own.</li>`
          : html`<li>Open the email from ${this.dealerName} and choose your password with the button in it. The link works for ${hours} hours, once.</li>
              <li>Log in with the account identifier the email gives you, your email address as username, and your new password.</li>`}
        <li>Nothing after a few minutes? Check your spam folder. If it still doesn't come, the details may not match our records: compare them with your invoice and register again, or contact ${this.dealerAtEnd}.</li>
      </ol>
      ${this.backToSignIn()}
    `);
  }

  protected unavailable() {
    return { title: 'Registration is not available', text: `This portal does not offer registration with an invoice. Contact ${this.dealerName} to get a login.` };
  }
}
