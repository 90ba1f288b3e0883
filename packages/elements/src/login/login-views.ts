/**
 * The views of <porchlight-login> beyond the log in form: "Forgot password?" and its
 * confirmation, the forced password change, and who is signed in with Log out. login.ts loads
 * this module when one of them is first wanted (a sign-in page shows only the form at first), and
 * renders them with these functions, passing itself as `el`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { PASSWORD_MIN_LENGTH } from '@porchlight/core';
import type { PorchlightClient, PublicDealer, SessionResponse } from '@porchlight/client';
import { checkIcon } from '../internal/icons.js';
import { errorCode, identifierDigits, identifierProblem } from '../internal/messages.js';
import { ROLE_NAMES } from '../internal/roles.js';
import type { FieldOptions, Notice } from '../internal/templates.js';

export type LoginView = 'login' | 'forgot' | 'sent';

/** What these views use of the element (members that <porchlight-login> keeps protected or private). */
export interface LoginHost {
  readonly client: PorchlightClient | undefined;
  readonly dealerInfo: PublicDealer | undefined;
  busy: boolean;
  notice: Notice;
  view: LoginView;
  /** Identifier and username survive switching views. */
  identifier: string;
  username: string;
  /** The password just typed at login, kept only until the forced change is done. */
  pendingPassword: string | undefined;
  show(view: LoginView): void;
  formValues(event: SubmitEvent): Record<string, string>;
  invalid(errors: Record<string, string>): boolean;
  run(action: () => Promise<void>, fields: Record<string, string>): Promise<boolean>;
  checkNewPassword(next: string, confirm: string, min: number, current?: string): Record<string, string>;
  focusAfterUpdate(selector: string): Promise<void>;
  card(content: unknown): TemplateResult;
  renderTitle(text: string): TemplateResult;
  regions(): TemplateResult;
  form(onSubmit: (e: SubmitEvent) => void, content: TemplateResult): TemplateResult;
  submit(label: string, busyLabel: string): TemplateResult;
  textField(name: string, label: string, o?: FieldOptions): TemplateResult;
  newPasswordFields(min: number): TemplateResult;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// ---- actions --------------------------------------------------------------------------

async function onChangePassword(el: LoginHost, event: SubmitEvent): Promise<void> {
  const values = el.formValues(event);
  const client = el.client;
  if (!client || el.busy) return;
  const current = el.pendingPassword ?? values.currentPassword ?? '';
  const next = values.newPassword ?? '';
  const confirm = values.confirmPassword ?? '';
  // In the order of the fields, so focus goes to the first one on screen.
  const errors = {
    ...(current ? {} : { currentPassword: 'Enter your current password.' }),
    ...el.checkNewPassword(next, confirm, PASSWORD_MIN_LENGTH, current || undefined),
  };
  if (el.invalid(errors)) return;

  await el.run(async () => {
    try {
      await client.changePassword({ currentPassword: current, newPassword: next });
    } catch (error) {
      if (errorCode(error) === 'WRONG_PASSWORD') {
        // The password typed at login no longer works: ask for it.
        el.pendingPassword = undefined;
      }
      throw error;
    }
    el.pendingPassword = undefined;
    el.notice = { kind: 'success', text: 'Your password was changed.' };
    void el.focusAfterUpdate('.title');
  }, { currentPassword: 'currentPassword', newPassword: 'newPassword' });
}

async function onForgot(el: LoginHost, event: SubmitEvent): Promise<void> {
  const values = el.formValues(event);
  const client = el.client;
  if (!client || el.busy) return;
  el.identifier = values.identifier?.trim() ?? '';
  const who = values.user?.trim() ?? '';
  const errors: Record<string, string> = {};
  const identifierError = identifierProblem(el.identifier);
  if (identifierError) errors.identifier = identifierError;
  if (!who) errors.user = 'Enter your username or your email address.';
  if (el.invalid(errors)) return;
  const byEmail = EMAIL.test(who);
  if (!byEmail) el.username = who;

  await el.run(async () => {
    const identifier = identifierDigits(el.identifier);
    await client.forgotPassword(byEmail ? { identifier, email: who } : { identifier, username: who });
    el.view = 'sent';
    void el.focusAfterUpdate('.title');
  }, { identifier: 'identifier', username: 'user', email: 'user' });
}

async function onLogout(el: LoginHost): Promise<void> {
  const client = el.client;
  if (!client || el.busy) return;
  el.busy = true;
  try {
    await client.logout();
  } catch {
    // Forgotten here even when the server could not be told.
  } finally {
    el.busy = false;
  }
  void el.focusAfterUpdate('.title');
}

// ---- rendering ------------------------------------------------------------------------

export function renderForgot(el: LoginHost): TemplateResult {
  return el.card(html`
    <div class="head">
      ${el.renderTitle('Reset your password')}
      <p class="lead">Enter your account identifier and your username or email address. We'll email you a link to choose a new password.</p>
    </div>
    ${el.regions()}
    ${el.form(
      (event) => onForgot(el, event),
      html`${el.textField('identifier', 'Account identifier', { value: el.identifier, inputmode: 'numeric', autocomplete: 'on' })}
        ${el.textField('user', 'Username or email address', { value: el.username, autocomplete: 'username', autocapitalize: 'none' })}
        <div class="actions">
          ${el.submit('Send reset link', 'Sending…')}
          <button class="link" part="link" type="button" @click=${() => el.show('login')}>Back to log in</button>
        </div>`,
    )}
  `);
}

export function renderSent(el: LoginHost): TemplateResult {
  const dealer = el.dealerInfo?.name.replace(/\.$/, '');
  return el.card(html`
    <div class="head">${el.renderTitle('Check your email')}</div>
    <div class="alert-box success">${checkIcon}<p>If the details match an account, we've sent an email with a link to choose a new password. The link works once, for a limited time.</p></div>
    <p class="muted">Nothing arrived after a few minutes? Check your spam folder${dealer ? `, or contact ${dealer}` : ''}.</p>
    <button class="button secondary" part="button" type="button" @click=${() => el.show('login')}>Back to log in</button>
  `);
}

export function renderChange(el: LoginHost, response: SessionResponse): TemplateResult {
  return el.card(html`
    <div class="head">
      ${el.renderTitle('Choose a new password')}
      <p class="lead">Your password is temporary. Choose a new one to continue.</p>
    </div>
    ${el.regions()}
    ${el.form(
      (event) => onChangePassword(el, event),
      html`<input type="text" name="username" autocomplete="username" .value=${response.user.username} hidden readonly tabindex="-1" />
        ${el.pendingPassword === undefined
          ? el.textField('currentPassword', 'Current password', { type: 'password', autocomplete: 'current-password' })
          : nothing}
        ${el.newPasswordFields(PASSWORD_MIN_LENGTH)}
        <div class="actions">
          ${el.submit('Save new password', 'Saving…')}
          <button class="link" part="link" type="button" ?disabled=${el.busy} @click=${() => onLogout(el)}>Log out</button>
        </div>`,
    )}
  `);
}

export function renderSignedIn(el: LoginHost, response: SessionResponse): TemplateResult {
  const { user, account } = response;
  return el.card(html`
    <div class="head">
      ${el.renderTitle(account.name)}
      <p class="who">Signed in as <strong>${user.name}</strong> (${user.username})</p>
    </div>
    ${el.regions()}
    <dl class="details" part="details">
      <div><dt>Account identifier</dt><dd>${account.identifier}</dd></div>
      ${account.customerNumber ? html`<div><dt>Customer number</dt><dd>${account.customerNumber}</dd></div>` : nothing}
      <div><dt>Role</dt><dd>${ROLE_NAMES[user.role] ?? user.role}</dd></div>
    </dl>
    <button class="button secondary" part="button" type="button" ?disabled=${el.busy} @click=${() => onLogout(el)}>
      ${el.busy ? html`<span class="spinner" aria-hidden="true"></span>Logging out…` : 'Log out'}
    </button>
  `);
}
