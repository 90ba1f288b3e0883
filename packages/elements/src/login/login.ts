import { html, nothing, type PropertyValues } from 'lit';
import { PASSWORD_MIN_LENGTH } from '@porchlight/core';
import type { SessionResponse } from '@porchlight/client';
import { emit, type OnboardingTarget } from '../events.js';
import { FormElement } from '../internal/form-element.js';
import { checkIcon } from '../internal/icons.js';
import { errorCode, identifierDigits, IDENTIFIER_PATTERN } from '../internal/messages.js';
import { loginStyles } from './login.styles.js';
import { ROLE_NAMES } from '../internal/roles.js';

type View = 'login' | 'forgot' | 'sent';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A problem with an account identifier as typed, or undefined. */
function identifierProblem(value: string): string | undefined {
  if (!value) return 'Enter your account identifier.';
  if (!IDENTIFIER_PATTERN.test(identifierDigits(value))) return 'The account identifier is 4 to 15 digits.';
  return undefined;
}

/**
 * <porchlight-login>: log in with account identifier, username and password; the forced
 * password change; "Forgot password?"; and, once signed in, who is signed in with a Log out
 * button. Lives inside <porchlight-portal>.
 *
 * @slot intro - text under the heading of the log in form
 * @csspart card - the card around everything
 * @csspart title - the heading
 * @csspart form - the <form>
 * @csspart field - each <porchlight-text-field> (its parts are exported as label, hint, input, field-error)
 * @csspart button - the main buttons
 * @csspart link - link-styled buttons (Forgot password?, Back to log in)
 * @csspart error - the error message region (role=alert)
 * @csspart notice - the status message region (role=status)
 * @csspart details - the signed-in account details
 * @csspart onboarding - the "New customer?" / "Need access?" lines (when the dealer offers them)
 * @fires porchlight-onboarding-navigate - `{ to: 'register' | 'request-access' }` from those links without a `*-href`
 */
export class PorchlightLogin extends FormElement {
  static override styles = loginStyles;
  static override properties = {
    heading: {},
    identifierHint: { attribute: 'identifier-hint' },
    registerHref: { attribute: 'register-href' },
    requestAccessHref: { attribute: 'request-access-href' },
    view: { state: true },
  };

  /** The heading of the log in form. */
  declare heading: string;
  /** Help under the Account identifier field ("" hides it). */
  declare identifierHint: string;
  /** The registration page: "Register with your invoice" links there (otherwise it fires porchlight-onboarding-navigate). */
  declare registerHref: string;
  /** The access request page, likewise for "Request it". */
  declare requestAccessHref: string;

  protected declare view: View;

  /** Identifier and username survive switching views. */
  private identifier = '';
  private username = '';
  /** The password just typed at login, kept only until the forced change is done. */
  private pendingPassword: string | undefined;
  private lastStatus: string | undefined;

  constructor() {
    super();
    this.heading = 'Log in to your account';
    this.identifierHint = 'Usually your main phone number, or the number on your welcome letter.';
    this.registerHref = '';
    this.requestAccessHref = '';
    this.view = 'login';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const { status, reason } = this.sessionState;
    if (status === this.lastStatus) return;
    const wasSignedIn = this.lastStatus === 'signed-in';
    this.lastStatus = status;
    this.clearMessages();
    if (status === 'signed-out') {
      this.view = 'login';
      this.pendingPassword = undefined;
      this.notice = wasSignedIn && reason === 'expired' ? { kind: 'info', text: 'Your session has ended. Log in again.' } : null;
    }
  }

  private show(view: View): void {
    const typed = this.field('identifier')?.value;
    if (typed !== undefined) this.identifier = typed;
    this.view = view;
    this.clearMessages();
    void this.focusAfterUpdate('.title');
  }

  // ---- actions --------------------------------------------------------------------------

  private async onLogin(event: SubmitEvent): Promise<void> {
    const values = this.formValues(event);
    const client = this.client;
    if (!client || this.busy) return;
    this.identifier = values.identifier?.trim() ?? '';
    this.username = values.username?.trim() ?? '';
    const password = values.password ?? '';
    const errors: Record<string, string> = {};
    const identifierError = identifierProblem(this.identifier);
    if (identifierError) errors.identifier = identifierError;
    if (!this.username) errors.username = 'Enter your username.';
    if (!password) errors.password = 'Enter your password.';
    if (this.invalid(errors)) return;

    await this.run(async () => {
      const response = await client.login({ identifier: identifierDigits(this.identifier), username: this.username, password });
      if (response.session.mustChangePassword) this.pendingPassword = password;
      void this.focusAfterUpdate('.title');
    }, { identifier: 'identifier', username: 'username', password: 'password' });
    if (this.alert) {
      // Start the next try from an empty password field.
      const field = this.field('password');
      if (field) field.value = '';
    }
  }

  private async onChangePassword(event: SubmitEvent): Promise<void> {
    const values = this.formValues(event);
    const client = this.client;
    if (!client || this.busy) return;
    const current = this.pendingPassword ?? values.currentPassword ?? '';
    const next = values.newPassword ?? '';
    const confirm = values.confirmPassword ?? '';
    // In the order of the fields, so focus goes to the first one on screen.
    const errors = {
      ...(current ? {} : { currentPassword: 'Enter your current password.' }),
      ...this.checkNewPassword(next, confirm, PASSWORD_MIN_LENGTH, current || undefined),
    };
    if (this.invalid(errors)) return;

    await this.run(async () => {
      try {
        await client.changePassword({ currentPassword: current, newPassword: next });
      } catch (error) {
        if (errorCode(error) === 'WRONG_PASSWORD') {
          // The password typed at login no longer works: ask for it.
          this.pendingPassword = undefined;
        }
        throw error;
      }
      this.pendingPassword = undefined;
      this.notice = { kind: 'success', text: 'Your password was changed.' };
      void this.focusAfterUpdate('.title');
    }, { currentPassword: 'currentPassword', newPassword: 'newPassword' });
  }

  private async onForgot(event: SubmitEvent): Promise<void> {
    const values = this.formValues(event);
    const client = this.client;
    if (!client || this.busy) return;
    this.identifier = values.identifier?.trim() ?? '';
    const who = values.user?.trim() ?? '';
    const errors: Record<string, string> = {};
    const identifierError = identifierProblem(this.identifier);
    if (identifierError) errors.identifier = identifierError;
    if (!who) errors.user = 'Enter your username or your email address.';
    if (this.invalid(errors)) return;
    const byEmail = EMAIL.test(who);
    if (!byEmail) this.username = who;

    await this.run(async () => {
      const identifier = identifierDigits(this.identifier);
      await client.forgotPassword(byEmail ? { identifier, email: who } : { identifier, username: who });
      this.view = 'sent';
      void this.focusAfterUpdate('.title');
    }, { identifier: 'identifier', username: 'user', email: 'user' });
  }

  private async onLogout(): Promise<void> {
    const client = this.client;
    if (!client || this.busy) return;
    this.busy = true;
    try {
      await client.logout();
    } catch {
      // Forgotten here even when the server could not be told.
    } finally {
      this.busy = false;
    }
    void this.focusAfterUpdate('.title');
  }

  // ---- rendering ------------------------------------------------------------------------

  private renderLogin() {
    return this.card(html`
      <div class="head">${this.renderTitle(this.heading)}<slot name="intro"></slot></div>
      ${this.regions()}
      ${this.form(
        this.onLogin,
        html`${this.textField('identifier', 'Account identifier', {
            value: this.identifier,
            inputmode: 'numeric',
            autocomplete: 'on',
            hint: this.identifierHint,
          })}
          ${this.textField('username', 'Username', { value: this.username, autocomplete: 'username', autocapitalize: 'none' })}
          ${this.textField('password', 'Password', { type: 'password', autocomplete: 'current-password' })}
          <div class="actions">
            ${this.submit('Log in', 'Logging in…')}
            <button class="link" part="link" type="button" @click=${() => this.show('forgot')}>Forgot password?</button>
          </div>`,
      )}
      ${this.dealerInfo?.onboarding?.registration ? this.onboardingLink('register', 'New customer?', 'Register with your invoice', this.registerHref) : nothing}
      ${this.dealerInfo?.onboarding?.requestAccess ? this.onboardingLink('request-access', 'Need access?', 'Request it', this.requestAccessHref) : nothing}
    `);
  }

  /** A sign-up link the dealer offers: to `href`, or an event the page answers by showing that form. */
  private onboardingLink(to: OnboardingTarget, lead: string, label: string, href: string) {
    return html`<p class="onboarding" part="onboarding">${lead}
      ${href
        ? html`<a part="link" href=${href}>${label}</a>`
        : html`<button class="link" part="link" type="button" @click=${() => emit(this, 'porchlight-onboarding-navigate', { to })}>${label}</button>`}</p>`;
  }

  private renderForgot() {
    return this.card(html`
      <div class="head">
        ${this.renderTitle('Reset your password')}
        <p class="lead">Enter your account identifier and your username or email address. We'll email you a link to choose a new password.</p>
      </div>
      ${this.regions()}
      ${this.form(
        this.onForgot,
        html`${this.textField('identifier', 'Account identifier', { value: this.identifier, inputmode: 'numeric', autocomplete: 'on' })}
          ${this.textField('user', 'Username or email address', { value: this.username, autocomplete: 'username', autocapitalize: 'none' })}
          <div class="actions">
            ${this.submit('Send reset link', 'Sending…')}
            <button class="link" part="link" type="button" @click=${() => this.show('login')}>Back to log in</button>
          </div>`,
      )}
    `);
  }

  private renderSent() {
    const dealer = this.dealerInfo?.name.replace(/\.$/, '');
    return this.card(html`
      <div class="head">${this.renderTitle('Check your email')}</div>
      <div class="alert-box success">${checkIcon}<p>If the details match an account, we've sent an email with a link to choose a new password. The link works once, for a limited time.</p></div>
      <p class="muted">Nothing arrived after a few minutes? Check your spam folder${dealer ? `, or contact ${dealer}` : ''}.</p>
      <button class="button secondary" part="button" type="button" @click=${() => this.show('login')}>Back to log in</button>
    `);
  }

  private renderChange(response: SessionResponse) {
    return this.card(html`
      <div class="head">
        ${this.renderTitle('Choose a new password')}
        <p class="lead">Your password is temporary. Choose a new one to continue.</p>
      </div>
      ${this.regions()}
      ${this.form(
        this.onChangePassword,
        html`<input type="text" name="username" autocomplete="username" .value=${response.user.username} hidden readonly tabindex="-1" />
          ${this.pendingPassword === undefined
            ? this.textField('currentPassword', 'Current password', { type: 'password', autocomplete: 'current-password' })
            : nothing}
          ${this.newPasswordFields(PASSWORD_MIN_LENGTH)}
          <div class="actions">
            ${this.submit('Save new password', 'Saving…')}
            <button class="link" part="link" type="button" ?disabled=${this.busy} @click=${this.onLogout}>Log out</button>
          </div>`,
      )}
    `);
  }

  private renderSignedIn(response: SessionResponse) {
    const { user, account } = response;
    return this.card(html`
      <div class="head">
        ${this.renderTitle(account.name)}
        <p class="who">Signed in as <strong>${user.name}</strong> (${user.username})</p>
      </div>
      ${this.regions()}
      <dl class="details" part="details">
        <div><dt>Account identifier</dt><dd>${account.identifier}</dd></div>
        ${account.customerNumber ? html`<div><dt>Customer number</dt><dd>${account.customerNumber}</dd></div>` : nothing}
        <div><dt>Role</dt><dd>${ROLE_NAMES[user.role] ?? user.role}</dd></div>
      </dl>
      <button class="button secondary" part="button" type="button" ?disabled=${this.busy} @click=${this.onLogout}>
        ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>Logging out…` : 'Log out'}
      </button>
    `);
  }

  protected override render() {
    if (this.missingPortal) return this.missingPortalCard();
    const { status, response } = this.sessionState;
    if (!this.client || status === 'pending') return this.loadingCard('Loading…');
    if (status === 'signed-in' && response) {
      return response.session.mustChangePassword ? this.renderChange(response) : this.renderSignedIn(response);
    }
    if (this.view === 'forgot') return this.renderForgot();
    if (this.view === 'sent') return this.renderSent();
    return this.renderLogin();
  }
}
