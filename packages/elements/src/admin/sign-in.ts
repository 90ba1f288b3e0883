import { css, html, nothing, type PropertyValues } from 'lit';
import { PASSWORD_MIN_LENGTH } from '@porchlight/core';
import type { AdminSessionResponse } from '@porchlight/client';
import { formCard } from '../internal/form-styles.js';
import { errorCode } from '../internal/messages.js';
import { checkNewPassword, newPasswordFields } from '../internal/templates.js';
import { AdminElement } from './internal/admin-element.js';
import { adminStyles } from './internal/admin-styles.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * <porchlight-admin-sign-in>: the back office's sign-in card (email and password) and the
 * forced change of a temporary password. <porchlight-admin> shows it by itself while nobody is
 * signed in; it needs no markup of its own.
 *
 * @csspart card - the card
 * @csspart title - the heading
 * @csspart form - the <form>
 * @csspart field - each <porchlight-text-field> (its parts are exported as label, hint, input, field-error)
 * @csspart button - the main buttons
 * @csspart link - link-styled buttons (Sign out)
 * @csspart error - the error region (role=alert)
 * @csspart notice - the status region (role=status)
 */
export class PorchlightAdminSignIn extends AdminElement {
  static override styles = [
    ...adminStyles,
    formCard,
    css`
      :host {
        max-width: var(--porchlight-admin-sign-in-max-width, 28rem);
      }
      .card > .foot {
        margin: 1.25rem 0 0;
        font-size: 0.875rem;
        color: var(--_muted);
      }
    `,
  ];

  private email = '';
  /** The password just typed at sign-in, kept only until the forced change is done. */
  private pendingPassword: string | undefined;
  private lastStatus: string | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const { status, reason } = this.adminSession;
    if (status === this.lastStatus) return;
    const wasSignedIn = this.lastStatus === 'signed-in';
    this.lastStatus = status;
    if (status === 'signed-out') {
      this.pendingPassword = undefined;
      this.forms = {};
      if (wasSignedIn || reason === 'expired' || reason === 'logout') {
        this.patchForm('sign-in', {
          notice: { kind: 'info', text: reason === 'expired' ? 'Your session has ended. Sign in again.' : 'You signed out of the back office.' },
        });
      }
    }
  }

  private async onSignIn(event: SubmitEvent): Promise<void> {
    const values = this.formValues(event);
    const client = this.adminClient;
    if (!client || this.formState('sign-in').busy) return;
    this.email = values.email?.trim() ?? '';
    const password = values.password ?? '';
    const errors: Record<string, string> = {};
    if (!this.email) errors.email = 'Enter your email address.';
    else if (!EMAIL.test(this.email)) errors.email = 'Enter a valid email address, like name@example.com.';
    if (!password) errors.password = 'Enter your password.';
    if (this.invalid('sign-in', errors)) return;

    const ok = await this.run(
      'sign-in',
      async () => {
        const response = await client.login({ email: this.email, password });
        if (response.session.mustChangePassword) this.pendingPassword = password;
        void this.focusAfterUpdate('.title');
      },
      { email: 'email', password: 'password' },
    );
    if (!ok) {
      // Start the next try from an empty password field.
      const field = this.field('sign-in', 'password');
      if (field) field.value = '';
    }
  }

  private async onChangePassword(event: SubmitEvent): Promise<void> {
    const values = this.formValues(event);
    const client = this.adminClient;
    if (!client || this.formState('change').busy) return;
    const current = this.pendingPassword ?? values.currentPassword ?? '';
    const next = values.newPassword ?? '';
    const confirm = values.confirmPassword ?? '';
    // In the order of the fields, so focus goes to the first one on screen.
    const errors = {
      ...(current ? {} : { currentPassword: 'Enter your current password.' }),
      ...checkNewPassword(next, confirm, PASSWORD_MIN_LENGTH, current || undefined),
    };
    if (this.invalid('change', errors)) return;

    await this.run(
      'change',
      async () => {
        try {
          await client.changePassword({ currentPassword: current, newPassword: next });
        } catch (error) {
          // The password typed at sign-in no longer works: ask for it.
          if (errorCode(error) === 'WRONG_PASSWORD') this.pendingPassword = undefined;
          throw error;
        }
        this.pendingPassword = undefined;
      },
      { currentPassword: 'currentPassword', newPassword: 'newPassword' },
    );
  }

  private async onSignOut(): Promise<void> {
    const client = this.adminClient;
    if (!client) return;
    try {
      await client.logout();
    } catch {
      // Forgotten here even when the server could not be told.
    }
    void this.focusAfterUpdate('.title');
  }

  private renderSignIn() {
    const dealer = this.dealerInfo?.name;
    return html`<div class="card" part="card">
      <div class="head">
        ${this.renderHeading('Sign in to the back office', 'title')}
        <p class="lead">${dealer ? `${dealer} staff: sign in with your work email address.` : 'Sign in with your work email address.'}</p>
      </div>
      ${this.regions('sign-in')}
      ${this.formTemplate(
        'sign-in',
        'title',
        this.onSignIn,
        html`${this.textField('sign-in', 'email', 'Email address', { type: 'email', value: this.email, autocomplete: 'username', autocapitalize: 'none', inputmode: 'email' })}
          ${this.textField('sign-in', 'password', 'Password', { type: 'password', autocomplete: 'current-password' })}
          <div class="actions">${this.submit('sign-in', 'Sign in', 'Signing in…')}</div>`,
      )}
      <p class="foot">Forgot your password? Ask an owner of the back office to set a temporary one for you.</p>
    </div>`;
  }

  private renderChange(response: AdminSessionResponse) {
    return html`<div class="card" part="card">
      <div class="head">
        ${this.renderHeading('Choose a new password', 'title')}
        <p class="lead">Your password is temporary. Choose a new one to continue to the back office.</p>
      </div>
      ${this.regions('change')}
      ${this.formTemplate(
        'change',
        'title',
        this.onChangePassword,
        html`<input type="text" name="username" autocomplete="username" .value=${response.staff.email} hidden readonly tabindex="-1" />
          ${this.pendingPassword === undefined
            ? this.textField('change', 'currentPassword', 'Current password', { type: 'password', autocomplete: 'current-password' })
            : nothing}
          ${newPasswordFields(PASSWORD_MIN_LENGTH, (name, label, o) => this.textField('change', name, label, o))}
          <div class="actions">
            ${this.submit('change', 'Save new password', 'Saving…')}
            <button class="link" part="link" type="button" @click=${this.onSignOut}>Sign out</button>
          </div>`,
      )}
    </div>`;
  }

  protected override render() {
    if (this.missingAdmin) return this.missingAdminCard();
    const { status, response } = this.adminSession;
    if (!this.adminClient || status === 'pending') return html`<div class="card" part="card">${this.loadingState('Loading…')}</div>`;
    if (status === 'signed-in' && response?.session.mustChangePassword) return this.renderChange(response);
    return this.renderSignIn();
  }
}
