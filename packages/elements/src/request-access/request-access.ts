import { html } from 'lit';
import { accessRequestProblems, type AccessRequestFields, type AccessRequestInput } from '@porchlight/core';
import { onboardingApi, type PorchlightClient } from '@porchlight/client';
import { checkIcon } from '../internal/icons.js';
import { SignUpForm } from '../internal/onboarding-form.js';
import type { FieldOptions } from '../internal/templates.js';
import { requestAccessStyles } from './request-access.styles.js';

const OPTIONAL = new Set<string>(['phone', 'customerNumber', 'message']);

/**
 * <porchlight-request-access>: a first-time visitor asks the dealer for a login — name, email,
 * phone (optional), the company or property, the customer number if they know it, and a
 * message. The answer is neutral: the dealer decides, and the person hears back by email. Shown
 * when the dealer offers it (`onboarding.requestAccess`); lives inside <porchlight-portal>.
 *
 * @attr login-href - the sign-in page ("Back to sign in" links there; otherwise an event)
 * @attr heading-level - the heading level (default 2)
 * @slot intro - text under the heading of the form
 * @csspart card - the card
 * @csspart title - the heading
 * @csspart form - the <form>
 * @csspart field - each field (text fields export label, hint, input, field-error)
 * @csspart label - the message field's label
 * @csspart input - the message field's <textarea>
 * @csspart button - buttons
 * @csspart link - links and link-styled buttons
 * @csspart error - the error region (role=alert), with the summary of field problems
 * @csspart summary - the list of field problems
 * @csspart notice - the status region
 * @csspart confirmation - the confirmation after sending
 * @fires porchlight-access-requested - `{ message }` once the server took the request
 * @fires porchlight-onboarding-navigate - `{ to: 'login' }` from "Sign in" / "Back to sign in" without `login-href`
 */
export class PorchlightRequestAccess extends SignUpForm<AccessRequestFields> {
  static override styles = requestAccessStyles;

  protected readonly fieldLabels = {
    firstName: 'First name',
    lastName: 'Last name',
    email: 'Email',
    phone: 'Phone',
    company: 'Company or property',
    customerNumber: 'Customer number',
    message: 'Message',
  };

  protected readonly typed: AccessRequestFields = { firstName: '', lastName: '', email: '', phone: '', company: '', customerNumber: '', message: '' };
  protected readonly sentEvent = 'porchlight-access-requested';

  protected get offered(): boolean {
    return this.dealerInfo?.onboarding?.requestAccess !== false;
  }

  protected checkFields(typed: AccessRequestFields): Record<string, string> {
    return accessRequestProblems(typed);
  }

  protected send(client: PorchlightClient, typed: AccessRequestFields) {
    // Empty optional fields are left out (the server would read "" as a value to check).
    const input: Record<string, string> = {};
    for (const [name, text] of Object.entries(typed)) {
      const value = text.trim();
      if (value || !OPTIONAL.has(name)) input[name] = value;
    }
    return onboardingApi(client).requestAccess(input as AccessRequestInput);
  }

  private requestField(name: keyof AccessRequestFields, o: FieldOptions = {}) {
    const options = { value: this.typed[name], ...o };
    return OPTIONAL.has(name) ? this.optionalField(name, this.fieldLabels[name], options) : this.textField(name, this.fieldLabels[name], options);
  }

  protected renderForm() {
    return this.signUpCard(
      'Request access to the client portal',
      `Tell ${this.dealerName} who you are and what you need access to. They'll set up your login and email you.`,
      html`<div class="pair">
          ${this.requestField('firstName', { autocomplete: 'given-name' })} ${this.requestField('lastName', { autocomplete: 'family-name' })}
        </div>
        ${this.requestField('email', { type: 'email', inputmode: 'email', autocomplete: 'email', autocapitalize: 'none' })}
        ${this.requestField('phone', { type: 'tel', inputmode: 'tel', autocomplete: 'tel' })}
        ${this.requestField('company', { autocomplete: 'organization', hint: 'The business, property or household the login is for' })}
        ${this.requestField('customerNumber', { autocapitalize: 'characters', hint: 'If you know it (it is on your invoices)' })}
        ${this.textArea('message', this.fieldLabels.message, { value: this.typed.message, hint: 'Anything that helps, e.g. your role at the property', maxlength: 1000 })}
        <div class="actions">${this.submit('Send request', 'Sending…')}</div>`,
    );
  }

  protected renderSent() {
    return this.card(html`
      <div class="head">${this.renderTitle('Request sent')}</div>
      <div role="status" part="confirmation">
        <div class="alert-box success">${checkIcon}<p>We've passed your request to ${this.dealerAtEnd}. You'll get an email when they set up your login.</p></div>
      </div>
      <p class="muted">Nothing after a few business days? Contact ${this.dealerName} directly.</p>
      ${this.backToSignIn()}
    `);
  }

  protected unavailable() {
    return { title: 'Requests are not available', text: `This portal does not take access requests. Contact ${this.dealerName} to get a login.` };
  }
}
