import { html, nothing, type PropertyValues } from 'lit';
import { emit, type OnboardingTarget } from '../events.js';
import { FormElement } from '../internal/form-element.js';
import { errorMessage, identifierDigits, identifierProblem } from '../internal/messages.js';
import { lazyModule } from '../internal/lazy-module.js';
import { loginStyles } from './login.styles.js';
import type { LoginHost, LoginView } from './login-views.js';

/** The views beyond the log in form (login-views.ts). */
const views = lazyModule(() => import('./login-views.js'));

/** Starts loading the views when the person turns to the form, so they are there when wanted. */
const preloadViews = () => void views.load().catch(() => undefined);

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

  protected declare view: LoginView;

  /** Identifier and username survive switching views. */
  private identifier = '';
  private username = '';
  /** The password just typed at login, kept only until the forced change is done. */
  private pendingPassword: string | undefined;
  private lastStatus: string | undefined;
  /** Why loading the other views failed (shown with Retry), if it did. */
  private viewsFailed: unknown;

  constructor() {
    super();
    this.heading = 'Log in to your account';
    this.identifierHint = 'Usually your main phone number, or the number on your welcome letter.';
    this.registerHref = '';
    this.requestAccessHref = '';
    this.view = 'login';
    for (const type of ['pointerover', 'focusin']) this.addEventListener(type, preloadViews, { once: true });
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

  private async show(view: LoginView): Promise<void> {
    if (view !== 'login' && !(await this.withViews())) return;
    const typed = this.field('identifier')?.value;
    if (typed !== undefined) this.identifier = typed;
    this.view = view;
    this.clearMessages();
    void this.focusAfterUpdate('.title');
  }

  /**
   * Loads the views beyond the log in form and renders with them. False when they could not be
   * loaded: the alert (or, signed in, the card with Retry) says so.
   */
  private async withViews(): Promise<boolean> {
    try {
      await views.load();
      if (this.viewsFailed !== undefined) {
        // Loaded after all: the failure is no longer news.
        this.viewsFailed = undefined;
        this.alert = '';
      }
      return true;
    } catch (error) {
      this.viewsFailed = error;
      this.alert = errorMessage(error);
      return false;
    } finally {
      this.requestUpdate();
    }
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

    // What follows a log in (who is signed in, or the forced password change) loads meanwhile.
    preloadViews();
    await this.run(async () => {
      const response = await client.login({ identifier: identifierDigits(this.identifier), username: this.username, password });
      if (response.session.mustChangePassword) this.pendingPassword = password;
      await this.withViews();
      void this.focusAfterUpdate('.title');
    }, { identifier: 'identifier', username: 'username', password: 'password' });
    if (this.alert) {
      // Start the next try from an empty password field.
      const field = this.field('password');
      if (field) field.value = '';
    }
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

  protected override render() {
    if (this.missingPortal) return this.missingPortalCard();
    const { status, response } = this.sessionState;
    if (!this.client || status === 'pending') return this.loadingCard('Loading…');
    const signedIn = status === 'signed-in' && response ? response : undefined;
    if (!signedIn && this.view === 'login') return this.renderLogin();
    const loaded = views.loaded;
    if (!loaded) {
      // Signed in (a session restored with the page) before the views were loaded.
      if (this.viewsFailed === undefined) {
        void this.withViews();
        return this.loadingCard('Loading…');
      }
      return this.card(html`${this.regions()}<button class="button" part="button" type="button" @click=${this.withViews}>Retry</button>`);
    }
    const el = this as unknown as LoginHost;
    if (signedIn) return signedIn.session.mustChangePassword ? loaded.renderChange(el, signedIn) : loaded.renderSignedIn(el, signedIn);
    return this.view === 'forgot' ? loaded.renderForgot(el) : loaded.renderSent(el);
  }
}
