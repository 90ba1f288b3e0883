import { ContextProvider } from '@lit/context';
import { html, LitElement, nothing, supportsAdoptingStyleSheets, type PropertyValues } from 'lit';
import {
  createClient,
  isPorchlightError,
  type PersistMode,
  type PorchlightClient,
  type PublicDealer,
  type SessionChange,
  type SessionResponse,
} from '@porchlight/client';
import { brandingContext, clientContext, sessionContext, type SessionState } from '../context.js';
import { emit } from '../events.js';
import { brandingDeclarations, safeLogoUrl } from '../internal/branding.js';
import { takeFragmentParam } from '../internal/fragment.js';
import { infoIcon } from '../internal/icons.js';
import { errorMessage } from '../internal/messages.js';
import { portalStyles } from './portal.styles.js';

const EMULATION_PARAM = 'porchlight-emulation';
const sessionOver = (error: unknown) => isPorchlightError(error) && (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED');

/** "admin Sam" stays as it is; "Sam" becomes "admin Sam". */
const adminLabel = (name: string) => (/^admin\b/i.test(name) ? name : `admin ${name}`);

/** Same person and same kind of session (so a change is an update, not a new session). */
const samePerson = (a: SessionResponse, b: SessionResponse) =>
  a.user.id === b.user.id && (a.session.emulatedBy?.adminId ?? null) === (b.session.emulatedBy?.adminId ?? null);

/**
 * <porchlight-portal>: the root every other element lives in. It creates the API client,
 * loads the dealer's branding (applied as CSS custom properties), restores a session,
 * adopts an emulation link, and provides client, session and dealer to the elements inside.
 *
 * @slot - the portal's elements (<porchlight-login>, <porchlight-reset-password> …)
 * @csspart base - the wrapper
 * @csspart header - the dealer's logo and name (with `show-branding`)
 * @csspart logo - the logo image
 * @csspart banner - the emulation banner
 * @csspart button - buttons (End emulation, Retry)
 * @csspart notice - a notice (e.g. an emulation link that expired)
 * @csspart loading - the loading state
 * @csspart error - the error state (API unreachable, misconfiguration)
 * @csspart content - the wrapper of the slotted elements
 * @fires porchlight-session-start
 * @fires porchlight-session-update
 * @fires porchlight-session-end
 */
export class PorchlightPortal extends LitElement {
  static override styles = portalStyles;
  static override properties = {
    api: {},
    dealer: {},
    persist: {},
    credentials: {},
    showBranding: { type: Boolean, attribute: 'show-branding' },
    status: { state: true },
    failure: { state: true },
    dealerInfo: { state: true },
    session: { state: true },
    notice: { state: true },
    ending: { state: true },
  };

  /** Where the Porchlight handler is mounted, e.g. `/api/porchlight` or `https://portal.example.com/porchlight`. */
  declare api: string;
  /** The dealer id (sent as `Porchlight-Dealer`). */
  declare dealer: string;
  /** `memory` (default) or `session-storage` (a reload in the same tab keeps the session). */
  declare persist: PersistMode;
  /** `omit` (default, bearer token) or `include` (HttpOnly cookie sessions). */
  declare credentials: 'omit' | 'include';
  /** Show the dealer's logo and name above the elements. */
  declare showBranding: boolean;

  protected declare status: 'loading' | 'ready' | 'error';
  protected declare failure: unknown;
  protected declare dealerInfo: PublicDealer | undefined;
  protected declare session: SessionState;
  protected declare notice: string;
  protected declare ending: boolean;

  private readonly clientProvider = new ContextProvider(this, { context: clientContext });
  private readonly sessionProvider = new ContextProvider(this, { context: sessionContext, initialValue: { status: 'pending', response: null } });
  private readonly brandingProvider = new ContextProvider(this, { context: brandingContext });
  private readonly brandSheet = supportsAdoptingStyleSheets ? new CSSStyleSheet() : undefined;

  private givenClient: PorchlightClient | undefined;
  private active: PorchlightClient | undefined;
  private unsubscribe: (() => void) | undefined;
  private needsConfigure = true;
  private runs = 0;

  constructor() {
    super();
    this.api = '';
    this.dealer = '';
    this.persist = 'memory';
    this.credentials = 'omit';
    this.showBranding = false;
    this.status = 'loading';
    this.failure = undefined;
    this.dealerInfo = undefined;
    this.session = { status: 'pending', response: null };
    this.notice = '';
    this.ending = false;
  }

  /**
   * The API client the portal uses. Set it to bring your own (a custom fetch, tests);
   * otherwise the portal makes one from `api`, `dealer`, `persist` and `credentials`.
   */
  get client(): PorchlightClient | undefined {
    return this.active;
  }

  set client(client: PorchlightClient | undefined) {
    this.givenClient = client;
    this.needsConfigure = true;
    this.requestUpdate();
  }

  /** The signed-in session, or null. */
  get currentSession(): SessionResponse | null {
    return this.session.response;
  }

  /** Loads the dealer and the session again (what the Retry button does). */
  reload(): Promise<void> {
    return this.load();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    if (this.active && !this.unsubscribe) this.unsubscribe = this.active.onSessionChange(this.onSessionChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
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
    if (this.needsConfigure || changed.has('api') || changed.has('dealer') || changed.has('persist') || changed.has('credentials')) {
      this.needsConfigure = false;
      this.configure();
    }
  }

  private configure(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    let client = this.givenClient;
    if (!client && this.api) {
      client = createClient({
        baseUrl: this.api,
        dealer: this.dealer || undefined,
        persist: this.persist === 'session-storage' ? 'session-storage' : 'memory',
        credentials: this.credentials === 'include' ? 'include' : 'omit',
      });
    }
    this.active = client;
    this.clientProvider.setValue(client);
    this.setSession({ status: 'pending', response: null });
    if (!client) {
      this.runs++;
      this.status = 'error';
      this.failure = undefined;
      if (this.isConnected) console.warn('<porchlight-portal> needs an api attribute: where the Porchlight handler is mounted.');
      return;
    }
    this.unsubscribe = client.onSessionChange(this.onSessionChange);
    void this.load();
  }

  private setSession(state: SessionState): void {
    this.session = state;
    this.sessionProvider.setValue(state);
  }

  private readonly onSessionChange = ({ session, reason }: SessionChange): void => {
    const before = this.session.response;
    this.setSession(session ? { status: 'signed-in', response: session, reason } : { status: 'signed-out', response: null, reason });
    if (session) {
      emit(this, before && samePerson(before, session) ? 'porchlight-session-update' : 'porchlight-session-start', session);
    } else if (before) {
      emit(this, 'porchlight-session-end', { reason: reason === 'expired' ? 'expired' : 'logout' });
    }
  };

  private readonly onHashChange = (): void => {
    const client = this.active;
    const token = takeFragmentParam(EMULATION_PARAM);
    if (!client || !token) return;
    client.setToken(token);
    client.session().catch((error: unknown) => this.emulationFailed(error));
  };

  private emulationFailed(error: unknown): void {
    this.notice = sessionOver(error)
      ? 'This emulation link has expired or was already used. Start the emulation again from the back office.'
      : errorMessage(error);
  }

  private async load(): Promise<void> {
    const client = this.active;
    if (!client) return;
    const run = ++this.runs;
    this.status = 'loading';
    this.failure = undefined;

    const emulation = takeFragmentParam(EMULATION_PARAM);
    if (emulation) {
      // An admin opened this page from the back office: this tab takes the emulation session.
      client.setToken(emulation);
      this.notice = '';
    }
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

    if (sessionFailure !== undefined) {
      if (sessionOver(sessionFailure)) {
        if (emulation) this.emulationFailed(sessionFailure);
      } else {
        failure ??= sessionFailure;
      }
    }
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

  private async endEmulation(): Promise<void> {
    const client = this.active;
    if (!client || this.ending) return;
    this.ending = true;
    try {
      await client.logout();
    } catch {
      // The session is forgotten here even if the server could not be told.
    } finally {
      this.ending = false;
    }
    await this.updateComplete;
    (this.renderRoot.querySelector('.base') as HTMLElement | null)?.focus();
  }

  private renderHeader() {
    const dealer = this.dealerInfo;
    if (!this.showBranding || !dealer) return nothing;
    const logo = safeLogoUrl(dealer.branding.logoUrl);
    return html`<div class="header" part="header">
      ${logo ? html`<img part="logo" src=${logo} alt="" />` : nothing}
      <span>${dealer.name}</span>
    </div>`;
  }

  private renderBanner() {
    const response = this.session.response;
    const by = response?.session.emulatedBy;
    if (!response || !by) return nothing;
    return html`<div class="banner" part="banner" role="region" aria-label="Emulation">
      <p>
        <span class="tag" aria-hidden="true">Emulation</span>
        You are emulating <strong>${response.user.name}</strong> (${adminLabel(by.name)}). Your actions are recorded in the account's audit log.
      </p>
      <button class="button" part="button" type="button" ?disabled=${this.ending} @click=${this.endEmulation}>
        ${this.ending ? 'Ending…' : 'End emulation'}
      </button>
    </div>`;
  }

  private renderState() {
    if (this.status === 'loading') {
      return html`<div class="card loading" part="loading" role="status"><span class="spinner"></span><span>Loading the client portal…</span></div>`;
    }
    if (this.status !== 'error') return nothing;
    const message = this.active
      ? errorMessage(this.failure)
      : 'This portal is not set up yet: its api attribute is missing. Set it to the address where the Porchlight handler is mounted.';
    return html`<div class="card state" part="error" role="alert">
      <div class="title">The client portal is not available</div>
      <p>${message}</p>
      ${this.active ? html`<button class="button" part="button" type="button" @click=${this.retry}>Retry</button>` : nothing}
    </div>`;
  }

  protected override render() {
    return html`<div class="base" part="base" tabindex="-1">
      ${this.renderHeader()} ${this.renderBanner()}
      ${this.notice
        ? html`<div class="notice" part="notice" role="status"><div class="alert-box info">${infoIcon}<p>${this.notice}</p></div></div>`
        : nothing}
      ${this.renderState()}
      <div part="content" ?hidden=${this.status !== 'ready'}><slot></slot></div>
    </div>`;
  }
}

