import { html, nothing } from 'lit';
import { createAdminClient, type AdminClient, type AdminSessionResponse, type SessionChangeReason } from '@porchlight/client';
import { safeLogoUrl } from '../internal/branding.js';
import { RootElement } from '../internal/root-element.js';
import { adminClientContext, adminSessionContext } from './context.js';
import { ROLE_NAMES } from './internal/format.js';
import { adminRootStyles } from './admin.styles.js';

/**
 * <porchlight-admin>: the root of the dealer's back office. It creates the back-office API
 * client, loads the dealer's branding, restores a staff session, and provides client, session
 * and dealer to the back-office elements inside it. Signed out it shows its own sign-in card
 * (and the forced change of a temporary password); signed in, a bar with the staff member's
 * name, role and Sign out, then the elements inside it.
 *
 * @slot - the back-office elements (<porchlight-admin-accounts>, <porchlight-account-manager-page> …)
 * @csspart base - the wrapper
 * @csspart header - the bar shown while signed in
 * @csspart logo - the dealer's logo in the bar
 * @csspart who - the staff member's name and role
 * @csspart role - the role badge
 * @csspart button - buttons (Sign out, Retry)
 * @csspart loading - the loading state
 * @csspart error - the error state (API unreachable, misconfiguration)
 * @csspart sign-in - the <porchlight-admin-sign-in> card (its parts are exported as sign-in-card, sign-in-title, sign-in-form, sign-in-button, sign-in-input …)
 * @csspart content - the wrapper of the slotted elements
 * @fires porchlight-admin-session-start
 * @fires porchlight-admin-session-update
 * @fires porchlight-admin-session-end
 */
export class PorchlightAdmin extends RootElement<AdminClient, AdminSessionResponse> {
  static override styles = adminRootStyles;
  static override properties = {
    ...RootElement.properties,
    signingOut: { state: true },
  };

  protected declare signingOut: boolean;

  constructor() {
    super({
      tag: 'porchlight-admin',
      clientContext: adminClientContext,
      sessionContext: adminSessionContext,
      events: { start: 'porchlight-admin-session-start', update: 'porchlight-admin-session-update', end: 'porchlight-admin-session-end' },
      samePerson: (a, b) => a.staff.id === b.staff.id,
      text: {
        loading: 'Loading the back office…',
        unavailable: 'The back office is not available',
        missingApi: 'This back office is not set up yet: its api attribute is missing. Set it to the address where the Porchlight handler is mounted.',
      },
    });
    this.signingOut = false;
  }

  protected override createClient(): AdminClient {
    return createAdminClient({
      baseUrl: this.api,
      dealer: this.dealer || undefined,
      persist: this.persist === 'session-storage' ? 'session-storage' : 'memory',
    });
  }

  protected override sessionStarted(session: AdminSessionResponse, reason: SessionChangeReason): void {
    // The sign-in card (which had focus) goes away: keep focus in the back office.
    if ((reason === 'login' || reason === 'password-change') && !session.session.mustChangePassword) {
      void this.updateComplete.then(() => this.focusIn('.base'));
    }
  }

  private async signOut(): Promise<void> {
    if (!this.client || this.signingOut) return;
    this.signingOut = true;
    await this.endSession();
    this.signingOut = false;
    // Focus goes to the sign-in card's heading.
    await this.updateComplete;
    const signIn = this.renderRoot.querySelector('porchlight-admin-sign-in') as (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
    await signIn?.updateComplete;
    (signIn?.shadowRoot?.querySelector('.title') as HTMLElement | null)?.focus();
  }

  private renderBar(response: AdminSessionResponse) {
    const dealer = this.dealerInfo;
    const logo = safeLogoUrl(dealer?.branding.logoUrl);
    const { staff } = response;
    return html`<div class="bar" part="header">
      <div class="brand">
        ${logo ? html`<img part="logo" src=${logo} alt="" />` : nothing}
        <span class="brand-text"><span class="brand-name">${dealer?.name ?? ''}</span><span class="brand-sub">Back office</span></span>
      </div>
      <div class="who" part="who">
        <span class="who-text">Signed in as <strong>${staff.name}</strong></span>
        <span class="role" part="role"><span class="sr-only">Role: </span>${ROLE_NAMES[staff.role] ?? staff.role}</span>
        <button class="button secondary small inline" part="button" type="button" ?disabled=${this.signingOut} @click=${this.signOut}>
          ${this.signingOut ? 'Signing out…' : 'Sign out'}
        </button>
      </div>
    </div>`;
  }

  protected override render() {
    const { status, response } = this.session;
    const ready = this.status === 'ready';
    const signedIn = ready && status === 'signed-in' && response !== null && !response.session.mustChangePassword;
    const signIn = ready && (status === 'signed-out' || (status === 'signed-in' && response?.session.mustChangePassword === true));
    return html`<div class="base" part="base" tabindex="-1">
      ${this.renderState(this.status === 'loading' || (this.status === 'ready' && status === 'pending'), 'button inline', 'true')}
      ${signIn
        ? html`<porchlight-admin-sign-in
            part="sign-in"
            exportparts="card: sign-in-card, title: sign-in-title, form: sign-in-form, field: sign-in-field, button: sign-in-button, link: sign-in-link, error: sign-in-error, notice: sign-in-notice, label: sign-in-label, input: sign-in-input, hint: sign-in-hint, field-error: sign-in-field-error"
          ></porchlight-admin-sign-in>`
        : nothing}
      ${signedIn ? this.renderBar(response) : nothing}
      <div class="content" part="content" ?hidden=${!signedIn}><slot></slot></div>
    </div>`;
  }
}
