import { ContextProvider, type Context } from '@lit/context';
import { html, LitElement, nothing, supportsAdoptingStyleSheets, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { isPorchlightError, type PersistMode, type PublicDealer, type SessionChangeReason } from '@porchlight/client';
import { brandingContext } from '../context.js';
import { dispatch } from '../events.js';
import { brandingDeclarations } from './branding.js';
import { errorMessage } from './messages.js';

/** The API's answer that the session is over (signed out, expired). */
export const sessionOver = (error: unknown) => isPorchlightError(error) && (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED');

/** What a root provides as its session: `S` is the client's session answer. */
export interface RootSessionState<S> {
  /** `pending` until the root knows whether someone is signed in. */
  status: 'pending' | 'signed-out' | 'signed-in';
  response: S | null;
  /** What last changed the session (`expired` when the server ended it). */
  reason?: SessionChangeReason | undefined;
}

/** The part of a client (the portal's or the back office's) a root uses. */
export interface RootClient<S> {
  readonly mayHaveSession: boolean;
  getDealer(): Promise<PublicDealer>;
  session(): Promise<S>;
  logout(): Promise<void>;
  onSessionChange(listener: (change: { session: S | null; reason: SessionChangeReason }) => void): () => void;
}

/** What differs between the roots: the tag, the contexts they provide, their events and texts. */
export interface RootOptions<C, S> {
  tag: string;
  clientContext: Context<unknown, C | undefined>;
  sessionContext: Context<unknown, RootSessionState<S>>;
  /** The session events' names. */
  events: { start: string; update: string; end: string };
  /** Same person and same kind of session (so a change is an update, not a new session). */
  samePerson(a: S, b: S): boolean;
  /** The loading and error states: what is loading, what is not available, the missing `api` attribute. */
  text: { loading: string; unavailable: string; missingApi: string };
}

/**
 * Base of the roots (<porchlight-portal>, <porchlight-admin>): creates the API client (or uses
 * the one given), loads the dealer's branding (applied as CSS custom properties in a sheet of
 * its own), restores a session and follows it, provides client, session and dealer by context,
 * fires the session events, and shows the loading and error (with Retry) states.
 */
export abstract class RootElement<C extends RootClient<S>, S> extends LitElement {
  static override properties: PropertyDeclarations = {
    api: {},
    dealer: {},
    persist: {},
    status: { state: true },
    failure: { state: true },
    dealerInfo: { state: true },
    session: { state: true },
  };

  /** Where the Porchlight handler is mounted, e.g. `/api/porchlight` or `https://portal.example.com/porchlight`. */
  declare api: string;
  /** The dealer id (sent as `Porchlight-Dealer`). */
  declare dealer: string;
  /** `memory` (default) or `session-storage` (a reload in the same tab keeps the session). */
  declare persist: PersistMode;

  protected declare status: 'loading' | 'ready' | 'error';
  protected declare failure: unknown;
  protected declare dealerInfo: PublicDealer | undefined;
  protected declare session: RootSessionState<S>;

  private readonly root: RootOptions<C, S>;
  private readonly clientProvider: ContextProvider<Context<unknown, C | undefined>>;
  private readonly sessionProvider: ContextProvider<Context<unknown, RootSessionState<S>>>;
  private readonly brandingProvider: ContextProvider<typeof brandingContext>;
  private readonly brandSheet = supportsAdoptingStyleSheets ? new CSSStyleSheet() : undefined;

  private givenClient: C | undefined;
  private active: C | undefined;
  private unsubscribe: (() => void) | undefined;
  private needsConfigure = true;
  private runs = 0;

  constructor(options: RootOptions<C, S>) {
    super();
    this.root = options;
    this.clientProvider = new ContextProvider(this, { context: options.clientContext });
    this.sessionProvider = new ContextProvider(this, { context: options.sessionContext, initialValue: { status: 'pending', response: null } });
    this.brandingProvider = new ContextProvider(this, { context: brandingContext });
    this.api = '';
    this.dealer = '';
    this.persist = 'memory';
    this.status = 'loading';
    this.failure = undefined;
    this.dealerInfo = undefined;
    this.session = { status: 'pending', response: null };
  }

  /**
   * The API client in use. Set it to bring your own (a custom fetch, tests); otherwise the
   * element makes one from its attributes.
   */
  get client(): C | undefined {
    return this.active;
  }

  set client(client: C | undefined) {
    this.givenClient = client;
    this.needsConfigure = true;
    this.requestUpdate();
  }

  /** The signed-in session, or null. */
  get currentSession(): S | null {
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
    if (this.needsConfigure || this.configChanged(changed)) {
      this.needsConfigure = false;
      this.configure();
    }
  }

  /** Whether an attribute the client is made from changed. */
  protected configChanged(changed: PropertyValues<this>): boolean {
    return changed.has('api') || changed.has('dealer') || changed.has('persist');
  }

  /** The client made from the attributes (`api` is set). */
  protected abstract createClient(): C;

  /** Before the session is restored (the portal adopts an emulation link here); what it returns goes to `sessionRefused`. */
  protected beforeRestore(_client: C): boolean {
    return false;
  }

  /** The session to restore was over (`adopted`: what `beforeRestore` returned). */
  protected sessionRefused(_error: unknown, _adopted: boolean): void {}

  /** A session started or changed (after its event). */
  protected sessionStarted(_session: S, _reason: SessionChangeReason): void {}

  private configure(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    let client = this.givenClient;
    if (!client && this.api) client = this.createClient();
    this.active = client;
    this.clientProvider.setValue(client);
    this.setSession({ status: 'pending', response: null });
    if (!client) {
      this.runs++;
      this.status = 'error';
      this.failure = undefined;
      if (this.isConnected) console.warn(`<${this.root.tag}> needs an api attribute: where the Porchlight handler is mounted.`);
      return;
    }
    this.unsubscribe = client.onSessionChange(this.onSessionChange);
    void this.load();
  }

  private setSession(state: RootSessionState<S>): void {
    this.session = state;
    this.sessionProvider.setValue(state);
  }

  private readonly onSessionChange = ({ session, reason }: { session: S | null; reason: SessionChangeReason }): void => {
    const before = this.session.response;
    const { events, samePerson } = this.root;
    this.setSession(session ? { status: 'signed-in', response: session, reason } : { status: 'signed-out', response: null, reason });
    if (session) {
      dispatch(this, before && samePerson(before, session) ? events.update : events.start, session);
      this.sessionStarted(session, reason);
    } else if (before) {
      dispatch(this, events.end, { reason: reason === 'expired' ? 'expired' : 'logout' });
    }
  };

  private async load(): Promise<void> {
    const client = this.active;
    if (!client) return;
    const run = ++this.runs;
    this.status = 'loading';
    this.failure = undefined;

    const adopted = this.beforeRestore(client);
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
      if (sessionOver(sessionFailure)) this.sessionRefused(sessionFailure, adopted);
      else failure ??= sessionFailure;
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
    this.focusIn(this.status === 'error' ? '.state button' : '.base');
  }

  /** Focuses the first element matching `selector` in the shadow root. */
  protected focusIn(selector: string): void {
    (this.renderRoot.querySelector(selector) as HTMLElement | null)?.focus();
  }

  /** Ends the session (here even when the server cannot be told). */
  protected async endSession(): Promise<void> {
    try {
      await this.active?.logout();
    } catch {
      // The session is forgotten here even if the server could not be told.
    }
  }

  /**
   * The loading state (while `loading`, with the spinner hidden from screen readers when
   * `spinnerHidden`), or the error state with Retry (`retryClass` on the button).
   */
  protected renderState(loading: boolean, retryClass: string, spinnerHidden?: 'true'): TemplateResult | typeof nothing {
    const { text } = this.root;
    if (loading) {
      return html`<div class="card loading" part="loading" role="status"><span class="spinner" aria-hidden=${ifDefined(spinnerHidden)}></span><span>${text.loading}</span></div>`;
    }
    if (this.status !== 'error') return nothing;
    return html`<div class="card state" part="error" role="alert">
      <div class="title">${text.unavailable}</div>
      <p>${this.active ? errorMessage(this.failure) : text.missingApi}</p>
      ${this.active ? html`<button class=${retryClass} part="button" type="button" @click=${this.retry}>Retry</button>` : nothing}
    </div>`;
  }
}
