import { html, nothing, type PropertyValues } from 'lit';
import { PASSWORD_MIN_LENGTH, identifierInputDigits, resendProblems } from '@porchlight/core';
import { onboardingApi, type ActivationInfo, type SessionResponse } from '@porchlight/client';
import { emit } from '../events.js';
import { formatDateTime } from '../internal/format.js';
import { LinkToken } from '../internal/fragment.js';
import { checkIcon, infoIcon } from '../internal/icons.js';
import { OnboardingForm } from '../internal/onboarding-form.js';
import { formTemplate, heading, headingLevel } from '../internal/templates.js';
import { activateStyles } from './activate.styles.js';

type State = 'loading' | 'missing' | 'invalid' | 'error' | 'form' | 'done' | 'resent';
const ACTIVATE_PARAM = 'porchlight-activate';

/**
 * <porchlight-activate>: the page an emailed set-password link opens (`#porchlight-activate=…`,
 * sent when the dealer sets up a login, approves an access request, or a registration matched).
 * It takes the secret out of the address at once, checks the link, greets the person, shows
 * the account identifier and username they will log in with and until when the link works,
 * and asks for the new password twice. Saving it signs them in (the portal shows the account).
 * When their login profile already has a password (another account), it says that the new
 * one replaces it for every account. An expired or used link (or none) offers "Send me a new
 * link" (account identifier and email; the answer is neutral). Lives inside <porchlight-portal>.
 *
 * @attr token - the link's secret; by default read from `#porchlight-activate=…` in the address
 * @attr login-href - the sign-in page ("Back to sign in" links there; otherwise an event)
 * @attr continue-href - where "Go to your account" leads once the password is saved (no button without it)
 * @attr heading-level - the heading level (default 2)
 * @csspart card - the card
 * @csspart title - the headings
 * @csspart form - the forms
 * @csspart field - each <porchlight-text-field> (its parts are exported as label, hint, input, field-error)
 * @csspart details - the account identifier and username to log in with
 * @csspart button - buttons
 * @csspart link - links and link-styled buttons
 * @csspart error - the error region (role=alert), with the summary of field problems
 * @csspart summary - the list of field problems
 * @csspart notice - notes and the status region
 * @csspart confirmation - the confirmation (signed in, new link sent)
 * @fires porchlight-account-activated - the session, once the password is saved and the person signed in
 * @fires porchlight-onboarding-navigate - `{ to: 'login' }` from "Back to sign in" without `login-href`
 */
export class PorchlightActivate extends OnboardingForm {
  static override styles = activateStyles;
  static override properties = {
    ...OnboardingForm.properties,
    token: {},
    continueHref: { attribute: 'continue-href' },
    state: { state: true },
    info: { state: true },
    resentMessage: { state: true },
  };

  /** The link's secret; by default it is read from `#porchlight-activate=…` in the address. */
  declare token: string;
  /** Where "Go to your account" leads after the password is saved. */
  declare continueHref: string;

  protected declare state: State;
  protected declare info: ActivationInfo | null;
  protected declare resentMessage: string;

  protected readonly fieldLabels = {
    newPassword: 'New password',
    confirmPassword: 'Confirm new password',
    identifier: 'Account identifier',
    email: 'Email address',
  };

  /**
   * Whether the address carries a set-password link (`#porchlight-activate=…`), for a page
   * that shows <porchlight-activate> only then: check before the element is connected (it
   * removes the link from the address at once).
   */
  static hasLink(win: Pick<Window, 'location'> = window): boolean {
    return /(?:^#|&)porchlight-activate=/.test(win.location.hash);
  }

  private readonly link = new LinkToken(this, ACTIVATE_PARAM);
  private typed = { identifier: '', email: '' };

  constructor() {
    super();
    this.token = '';
    this.continueHref = '';
    this.state = 'loading';
    this.info = null;
    this.resentMessage = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const token = this.client ? this.link.next() : undefined;
    if (token === undefined) return;
    this.clearMessages();
    void this.check(token);
  }

  private async check(token: string | null): Promise<void> {
    if (!token) return void (this.state = 'missing');
    this.state = 'loading';
    const checked = await this.checkLink(this.link, token, (client) => onboardingApi(client).checkActivation(token));
    if (checked?.answer) this.info = checked.answer;
    if (checked) this.state = checked.state;
  }

  private async onActivate(event: SubmitEvent): Promise<void> {
    let session: SessionResponse | undefined;
    const result = await this.saveNewPassword(event, this.link.value, async (client, token, password) => {
      session = await onboardingApi(client).activate(token, password);
    });
    if (!result) return;
    this.clearMessages();
    this.state = result === 'saved' ? 'done' : 'invalid';
    if (session) emit(this, 'porchlight-account-activated', session);
    void this.focusAfterUpdate('.title');
  }

  private async onResend(event: SubmitEvent): Promise<void> {
    const values = this.formValues(event);
    const client = this.client;
    if (!client || this.busy) return;
    this.typed = { identifier: values.identifier ?? '', email: values.email ?? '' };
    if (this.invalid(resendProblems(this.typed))) return;
    const done = await this.run(async () => {
      const answer = await onboardingApi(client).resendLoginEmail({ identifier: identifierInputDigits(this.typed.identifier), email: this.typed.email.trim() });
      this.resentMessage = answer.message;
    }, { identifier: 'identifier', email: 'email' });
    if (done) {
      this.clearMessages();
      this.state = 'resent';
      void this.focusAfterUpdate('.title');
    }
  }

  // ---- rendering ------------------------------------------------------------------------

  private renderForm(info: ActivationInfo) {
    const first = info.name?.trim().split(/\s+/)[0];
    return this.card(html`
      <div class="head">
        ${this.renderTitle(first ? `Welcome, ${first}` : 'Welcome')}
        <p class="lead">Set the password for ${info.accountName ?? 'your account'}.</p>
      </div>
      <p class="with">You'll log in with:</p>
      <dl class="details" part="details">
        ${info.identifier ? html`<div><dt>Account identifier</dt><dd>${info.identifier}</dd></div>` : nothing}
        ${info.username ? html`<div><dt>Username</dt><dd>${info.username}</dd></div>` : nothing}
      </dl>
      ${info.hasPassword
        ? html`<div class="alert-box info" part="notice">${infoIcon}<p>You already have a password for your other accounts with ${this.dealerAtEnd}. The password you choose here replaces it for all of them.</p></div>`
        : nothing}
      ${this.regions()}
      ${this.form(
        this.onActivate,
        html`<input type="text" name="username" autocomplete="username" .value=${info.username ?? ''} hidden readonly tabindex="-1" />
          ${this.newPasswordFields(PASSWORD_MIN_LENGTH)}
          <div class="actions">${this.submit('Save password and log in', 'Saving…')}</div>`,
      )}
      ${info.expiresAt ? html`<p class="expires muted">This link works until ${formatDateTime(info.expiresAt)}, once.</p>` : nothing}
    `);
  }

  /** "Send me a new link": account identifier and the email the link went to. */
  private renderResend(intro: string) {
    const level = headingLevel(this.headingLevel, 1);
    return html`<section class="resend" aria-labelledby="resend-title">
      ${heading('Send me a new link', level, 'resend-title', 'subtitle')}
      <p class="muted">${intro}</p>
      ${this.regions()}
      ${formTemplate(
        { busy: this.busy, labelledBy: 'resend-title', onSubmit: (e) => void this.onResend(e), onInput: (e) => this.onFieldInput(e) },
        html`${this.textField('identifier', this.fieldLabels.identifier, { value: this.typed.identifier, inputmode: 'numeric', autocomplete: 'on', hint: 'Usually your main phone number; it is in the email' })}
          ${this.textField('email', this.fieldLabels.email, { value: this.typed.email, type: 'email', inputmode: 'email', autocomplete: 'email', autocapitalize: 'none' })}
          <div class="actions">${this.submit('Send me a new link', 'Sending…')} ${this.navLink('login', 'Back to sign in', this.loginHref)}</div>`,
      )}
    </section>`;
  }

  protected override render() {
    if (this.missingPortal) return this.missingPortalCard();
    switch (this.state) {
      case 'form':
        return this.info ? this.renderForm(this.info) : this.loadingCard('Checking your link…');
      case 'done': {
        const account = this.sessionState.response?.account.name ?? this.info?.accountName ?? 'your account';
        return this.card(html`
          <div class="head">${this.renderTitle("You're all set")}</div>
          <div role="status" part="confirmation"><div class="alert-box success">${checkIcon}<p>Your password is saved, and you're logged in to ${account}.</p></div></div>
          ${this.continueHref ? html`<a class="button" part="link" href=${this.continueHref}>Go to your account</a>` : nothing}
        `);
      }
      case 'invalid':
        return this.card(html`
          <div class="head">${this.renderTitle('This link can no longer be used')}</div>
          <p>Links to set your password work once, for a limited time. This one has expired or was already used.</p>
          ${this.renderResend('Enter your account identifier and the email address the link was sent to. If they match a login that is waiting to be set up, we\u2019ll email a new link.')}
        `);
      case 'missing':
        return this.card(html`
          <div class="head">${this.renderTitle('Open the link from your email')}</div>
          <p>To set your password, open the link in the email from ${this.dealerAtEnd}.</p>
          ${this.renderResend('Lost the email, or did the link expire? Enter your account identifier and your email address, and we\u2019ll email a new link.')}
        `);
      case 'resent':
        return this.card(html`
          <div class="head">${this.renderTitle('Check your email')}</div>
          <div role="status" part="confirmation"><div class="alert-box success">${checkIcon}<p>${this.resentMessage}</p></div></div>
          <p class="muted">The new link works once, for a limited time. Nothing after a few minutes? Check your spam folder, or contact ${this.dealerAtEnd}.</p>
          ${this.backToSignIn()}
        `);
      case 'error':
        return this.linkCheckFailedCard(() => this.check(this.link.value));
      default:
        return this.loadingCard('Checking your link…');
    }
  }
}
