import { ContextProvider } from '@lit/context';
import { html, LitElement, nothing, supportsAdoptingStyleSheets, type PropertyValues } from 'lit';
import {
  createAdminClient,
  isPorchlightError,
  type AdminClient,
  type AdminSessionChange,
  type AdminSessionResponse,
  type PersistMode,
  type PublicDealer,
} from '@porchlight/client';
import { brandingContext } from '../context.js';
import { brandingDeclarations, safeLogoUrl } from '../internal/branding.js';
import { errorMessage } from '../internal/messages.js';
import { adminClientContext, adminSessionContext, type AdminSessionState } from './context.js';
import { emitAdmin } from './events.js';
import { ROLE_NAMES } from './internal/format.js';
import { adminRootStyles } from './admin.styles.js';

const sessionOver = (error: unknown) => isPorchlightError(error) && (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED');

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
export class PorchlightAdmin extends LitElement {
  static override styles = adminRootStyles;
  static override properties = {
    api: {},
    dealer: {},
    persist: {},
    status: { state: true },
    failure: { state: true },
    dealerInfo: { state: true },
    session: { state: true },
    signingOut: { state: true },
  };

  /** Where the Porchlight handler is mounted, e.g. `/api/porchlight`. */
  declare api: string;
  /** The dealer id (sent as `Porchlight-Dealer`). */
  declare dealer: string;
  /** `memory` (default) or `session-storage` (a reload in the same tab keeps the back-office session). */
  declare persist: PersistMode;

  protected declare status: 'loading' | 'ready' | 'error';
  protected declare failure: unknown;
  protected declare dealerInfo: PublicDealer | undefined;
  protected declare session: AdminSessionState;
  protected declare signingOut: boolean;

  private readonly clientProvider = new ContextProvider(this, { context: adminClientContext });
  private readonly sessionProvider = new ContextProvider(this, { context: adminSessionContext, initialValue: { status: 'pending', response: null } });
  private readonly brandingProvider = new ContextProvider(this, { context: brandingContext });
  private readonly brandSheet = supportsAdoptingStyleSheets ? new CSSStyleSheet() : undefined;

  private givenClient: AdminClient | undefined;
  private active: AdminClient | undefined;
  private unsubscribe: (() => void) | undefined;
  private needsConfigure = true;
  private runs = 0;

  constructor() {
    super();
    this.api = '';
    this.dealer = '';
    this.persist = 'memory';
    this.status = 'loading';
    this.failure = undefined;
    this.dealerInfo = undefined;
    this.session = { status: 'pending', response: null };
    this.signingOut = false;
  }

  /** The back-office client in use. Set it to bring your own (a custom fetch, tests); the attributes are then ignored. */
  get client(): AdminClient | undefined {
    return this.active;
  }

  set client(client: AdminClient | undefined) {
    this.givenClient = client;
    this.needsConfigure = true;
    this.requestUpdate();
  }

  /** The signed-in staff session, or null. */
  get currentSession(): AdminSessionResponse | null {
    return this.session.response;
  }

  /** Loads the dealer and the session again (what the Retry button does). */
  reload(): Promise<void> {
    return this.load();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.active && !this.unsubscribe) this.unsubscribe = this.active.onSessionChange(this.onSessionChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  protected override createRenderRoot() {
    const root = super.createRenderRoot();
    // Branding goes in a :host rule of its own sheet, so a dealer's own CSS on the element wins.
    if (this.brandSheet && root instanceof ShadowRoot) root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.brandSheet];
    return root;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.needsConfigure || changed.has('api') || changed.has('dealer') || changed.has('persist')) {
      this.needsConfigure = false;
      this.configure();
    }
  }

  private configure(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    let client = this.givenClient;
    if (!client && this.api) {
      client = createAdminClient({
        baseUrl: this.api,
        dealer: this.dealer || undefined,
        persist: this.persist === 'session-storage' ? 'session-storage' : 'memory',
      });
    }
    this.active = client;
    this.clientProvider.setValue(client);
    this.setSession({ status: 'pending', response: null });
    if (!client) {
      this.runs++;
      this.status = 'error';
      this.failure = undefined;
      if (this.isConnected) console.warn('<porchlight-admin> needs an api attribute: where the Porchlight handler is mounted.');
      return;
    }
    this.unsubscribe = client.onSessionChange(this.onSessionChange);
    void this.load();
  }

  private setSession(state: AdminSessionState): void {
    this.session = state;
    this.sessionProvider.setValue(state);
  }

  private readonly onSessionChange = ({ session, reason }: AdminSessionChange): void => {
    const before = this.session.response;
    this.setSession(session ? { status: 'signed-in', response: session, reason } : { status: 'signed-out', response: null, reason });
    if (session) {
      emitAdmin(this, before && before.staff.id === session.staff.id ? 'porchlight-admin-session-update' : 'porchlight-admin-session-start', session);
      // The sign-in card (which had focus) goes away: keep focus in the back office.
      if ((reason === 'login' || reason === 'password-change') && !session.session.mustChangePassword) {
        void this.updateComplete.then(() => (this.renderRoot.querySelector('.base') as HTMLElement | null)?.focus());
      }
    } else if (before) {
      emitAdmin(this, 'porchlight-admin-session-end', { reason: reason === 'expired' ? 'expired' : 'logout' });
    }
  };

  private async load(): Promise<void> {
    const client = this.active;
    if (!client) return;
    const run = ++this.runs;
    this.status = 'loading';
    this.failure = undefined;

    const restoring = client.mayHaveSession
      ? client.session().then(
          () => undefined,
          (error: unknown) => error,
        )
      : Promise.resolve(undefined);
    let dealer: PublicDealer | undefined;
    let failure: unknown;
    try {
      dealer = await client.getDealer();
    } catch (error) {
      failure = error;
    }
    const sessionFailure = await restoring;
    if (run !== this.runs) return;

    if (sessionFailure !== undefined && !sessionOver(sessionFailure)) failure ??= sessionFailure;
    if (this.session.status === 'pending' && (!client.mayHaveSession || sessionOver(sessionFailure))) {
      this.setSession({ status: 'signed-out', response: null });
    }
    if (failure !== undefined || !dealer) {
      this.failure = failure;
      this.status = 'error';
      return;
    }
    this.dealerInfo = dealer;
    this.brandingProvider.setValue(dealer);
    this.applyBranding(dealer);
    this.status = 'ready';
  }

  private applyBranding(dealer: PublicDealer): void {
    const declarations = brandingDeclarations(dealer.branding);
    if (this.brandSheet) {
      this.brandSheet.replaceSync(`:host{${declarations.map(([name, value]) => `${name}:${value}`).join(';')}}`);
    } else {
      for (const [name, value] of declarations) this.style.setProperty(name, value);
    }
  }

  private async retry(): Promise<void> {
    await this.load();
    await this.updateComplete;
    (this.renderRoot.querySelector(this.status === 'error' ? '.state button' : '.base') as HTMLElement | null)?.focus();
  }

  private async signOut(): Promise<void> {
    const client = this.active;
    if (!client || this.signingOut) return;
    this.signingOut = true;
    try {
      await client.logout();
    } catch {
      // Forgotten here even when the server could not be told.
    } finally {
      this.signingOut = false;
    }
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

  private renderState() {
    if (this.status === 'loading' || (this.status === 'ready' && this.session.status === 'pending')) {
      return html`<div class="card loading" part="loading" role="status"><span class="spinner" aria-hidden="true"></span><span>Loading the back office…</span></div>`;
    }
    if (this.status !== 'error') return nothing;
    const message = this.active
      ? errorMessage(this.failure)
      : 'This back office is not set up yet: its api attribute is missing. Set it to the address where the Porchlight handler is mounted.';
    return html`<div class="card state" part="error" role="alert">
      <div class="title">The back office is not available</div>
      <p>${message}</p>
      ${this.active ? html`<button class="button inline" part="button" type="button" @click=${this.retry}>Retry</button>` : nothing}
    </div>`;
  }

  protected override render() {
    const { status, response } = this.session;
    const ready = this.status === 'ready';
    const signedIn = ready && status === 'signed-in' && response !== null && !response.session.mustChangePassword;
    const signIn = ready && (status === 'signed-out' || (status === 'signed-in' && response?.session.mustChangePassword === true));
    return html`<div class="base" part="base" tabindex="-1">
      ${this.renderState()}
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
