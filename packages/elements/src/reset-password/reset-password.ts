import { html, nothing, type PropertyValues } from 'lit';
import { PASSWORD_MIN_LENGTH } from '@porchlight/core';
import { emit } from '../events.js';
import { FormElement } from '../internal/form-element.js';
import { takeFragmentParam } from '../internal/fragment.js';
import { alertIcon, checkIcon } from '../internal/icons.js';
import { errorCode, errorMessage } from '../internal/messages.js';
import { resetPasswordStyles } from './reset-password.styles.js';

type State = 'loading' | 'missing' | 'invalid' | 'error' | 'form' | 'done';
const RESET_PARAM = 'porchlight-reset';

/**
 * <porchlight-reset-password>: the page a reset link opens. Reads the token from its `token`
 * attribute or from `#porchlight-reset=…` in the address (and removes it from there), checks
 * it, then asks for the new password twice.
 *
 * @csspart card - the card
 * @csspart title - the heading
 * @csspart form - the <form>
 * @csspart field - each <porchlight-text-field> (its parts are exported as label, hint, input, field-error)
 * @csspart button - buttons
 * @csspart link - the link to the log in page (with `login-url`)
 * @csspart error - the error message region (role=alert)
 * @csspart notice - the success message
 * @fires porchlight-password-reset - the password was changed
 */
export class PorchlightResetPassword extends FormElement {
  static override styles = resetPasswordStyles;
  static override properties = {
    token: {},
    loginUrl: { attribute: 'login-url' },
    state: { state: true },
  };

  /** The reset token; by default it is read from `#porchlight-reset=…` in the address. */
  declare token: string;
  /** The log in page, linked from the final and the "expired link" states. */
  declare loginUrl: string;

  protected declare state: State;

  private fragmentToken: string | null = null;
  private checked: string | null | undefined;

  constructor() {
    super();
    this.token = '';
    this.loginUrl = '';
    this.state = 'loading';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Take the token out of the address bar at once (it stays in memory only).
    this.fragmentToken = takeFragmentParam(RESET_PARAM) ?? this.fragmentToken;
  }

  private get activeToken(): string | null {
    return this.token.trim() || this.fragmentToken;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const token = this.activeToken;
    if (!this.client || this.checked === token) return;
    this.checked = token;
    if (!token) this.state = 'missing';
    else void this.check(token);
  }

  private async check(token: string): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.state = 'loading';
    try {
      const { valid } = await client.checkResetToken(token);
      if (this.checked === token) this.state = valid ? 'form' : 'invalid';
    } catch (error) {
      if (this.checked !== token) return;
      const code = errorCode(error);
      this.alert = errorMessage(error);
      this.state = code === 'INVALID_TOKEN' || code === 'VALIDATION_FAILED' ? 'invalid' : 'error';
    }
  }

  private async retry(): Promise<void> {
    const token = this.activeToken;
    this.alert = '';
    if (token) await this.check(token);
    void this.focusAfterUpdate(this.state === 'error' ? '.button' : '.title');
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    const values = this.formValues(event);
    const client = this.client;
    const token = this.activeToken;
    if (!client || !token || this.busy) return;
    const next = values.newPassword ?? '';
    if (this.invalid(this.checkNewPassword(next, values.confirmPassword ?? '', PASSWORD_MIN_LENGTH))) return;

    let expired = false;
    const done = await this.run(async () => {
      try {
        await client.resetPassword({ token, newPassword: next });
      } catch (error) {
        expired = errorCode(error) === 'INVALID_TOKEN';
        throw error;
      }
    }, { newPassword: 'newPassword' });
    if (done || expired) {
      this.state = done ? 'done' : 'invalid';
      this.clearMessages();
      if (done) emit(this, 'porchlight-password-reset', {});
      void this.focusAfterUpdate('.title');
    }
  }

  private loginLink(primary = false) {
    return this.loginUrl
      ? html`<a class="button ${primary ? '' : 'secondary'}" part="link" href=${this.loginUrl}>Go to the log in page</a>`
      : nothing;
  }

  private renderForm() {
    return this.card(html`
      <div class="head">
        ${this.renderTitle('Choose a new password')}
        <p class="lead">Enter your new password twice. You'll use it to log in from now on.</p>
      </div>
      ${this.regions()}
      ${this.form(
        this.onSubmit,
        html`${this.newPasswordFields(PASSWORD_MIN_LENGTH)}
          <div class="actions">${this.submit('Save new password', 'Saving…')}</div>`,
      )}
    `);
  }

  protected override render() {
    if (this.missingPortal) return this.missingPortalCard();
    switch (this.state) {
      case 'form':
        return this.renderForm();
      case 'done':
        return this.card(html`
          <div class="head">${this.renderTitle('Password changed')}</div>
          <div role="status" part="notice"><div class="alert-box success">${checkIcon}<p>Your password was changed. You can now log in.</p></div></div>
          ${this.loginLink(true)}
        `);
      case 'invalid':
        return this.card(html`
          <div class="head">${this.renderTitle('This link can no longer be used')}</div>
          <p>Links to choose a new password work once, for a limited time. This one has expired or was already used.</p>
          <p>To get a new link, go to the log in page and choose <strong>Forgot password?</strong></p>
          ${this.loginLink()}
        `);
      case 'missing':
        return this.card(html`
          <div class="head">${this.renderTitle('Open the link from your email')}</div>
          <p>To choose a new password, open the link in the email we sent you.</p>
          <p>No email? Go to the log in page and choose <strong>Forgot password?</strong></p>
          ${this.loginLink()}
        `);
      case 'error':
        return this.card(html`
          <div class="head">${this.renderTitle("We couldn't check your link")}</div>
          <div role="alert" part="error"><div class="alert-box">${alertIcon}<p>${this.alert}</p></div></div>
          <button class="button" part="button" type="button" @click=${this.retry}>Retry</button>
        `);
      default:
        return this.loadingCard('Checking your link…');
    }
  }
}
