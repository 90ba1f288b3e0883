import { html, nothing, type PropertyValues } from 'lit';
import { PASSWORD_MIN_LENGTH } from '@porchlight/core';
import { emit } from '../events.js';
import { FormElement } from '../internal/form-element.js';
import { LinkToken } from '../internal/fragment.js';
import { checkIcon } from '../internal/icons.js';
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

  private readonly link = new LinkToken(this, RESET_PARAM);

  constructor() {
    super();
    this.token = '';
    this.loginUrl = '';
    this.state = 'loading';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const token = this.client ? this.link.next() : undefined;
    if (token !== undefined) void this.check(token);
  }

  private async check(token: string | null): Promise<void> {
    if (!token) return void (this.state = 'missing');
    this.state = 'loading';
    const checked = await this.checkLink(this.link, token, (client) => client.checkResetToken(token));
    if (checked) this.state = checked.state;
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    const result = await this.saveNewPassword(event, this.link.value, (client, token, newPassword) => client.resetPassword({ token, newPassword }));
    if (!result) return;
    this.state = result === 'saved' ? 'done' : 'invalid';
    this.clearMessages();
    if (result === 'saved') emit(this, 'porchlight-password-reset', {});
    void this.focusAfterUpdate('.title');
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
        return this.linkCheckFailedCard(() => this.check(this.link.value));
      default:
        return this.loadingCard('Checking your link…');
    }
  }
}
