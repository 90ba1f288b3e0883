import { html, nothing, type PropertyValues } from 'lit';
import { createClient, type PorchlightClient, type SessionResponse } from '@porchlight/client';
import { clientContext, sessionContext } from '../context.js';
import { safeLogoUrl } from '../internal/branding.js';
import { takeFragmentParam } from '../internal/fragment.js';
import { infoIcon } from '../internal/icons.js';
import { lazyModule } from '../internal/lazy-module.js';
import { errorMessage } from '../internal/messages.js';
import { RootElement, sessionOver } from '../internal/root-element.js';
import { portalStyles } from './portal.styles.js';

const EMULATION_PARAM = 'porchlight-emulation';

/** The emulation banner (emulation-banner.ts): only an emulation session shows it. */
const banner = lazyModule(() => import('./emulation-banner.js'));

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
export class PorchlightPortal extends RootElement<PorchlightClient, SessionResponse> {
  static override styles = portalStyles;
  static override properties = {
    ...RootElement.properties,
    credentials: {},
    showBranding: { type: Boolean, attribute: 'show-branding' },
    notice: { state: true },
    ending: { state: true },
  };

  /** `omit` (default, bearer token) or `include` (HttpOnly cookie sessions). */
  declare credentials: 'omit' | 'include';
  /** Show the dealer's logo and name above the elements. */
  declare showBranding: boolean;

  protected declare notice: string;
  protected declare ending: boolean;

  /** Whether the banner's styles are adopted (once it showed). */
  private bannerStyled = false;

  constructor() {
    super({
      tag: 'porchlight-portal',
      clientContext,
      sessionContext,
      events: { start: 'porchlight-session-start', update: 'porchlight-session-update', end: 'porchlight-session-end' },
      samePerson,
      text: {
        loading: 'Loading the client portal…',
        unavailable: 'The client portal is not available',
        missingApi: 'This portal is not set up yet: its api attribute is missing. Set it to the address where the Porchlight handler is mounted.',
      },
    });
    this.credentials = 'omit';
    this.showBranding = false;
    this.notice = '';
    this.ending = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
  }

  protected override configChanged(changed: PropertyValues<this>): boolean {
    return super.configChanged(changed) || changed.has('credentials');
  }

  protected override createClient(): PorchlightClient {
    return createClient({
      baseUrl: this.api,
      dealer: this.dealer || undefined,
      persist: this.persist === 'session-storage' ? 'session-storage' : 'memory',
      credentials: this.credentials === 'include' ? 'include' : 'omit',
    });
  }

  /** An admin opened this page from the back office: this tab takes the emulation session. */
  protected override beforeRestore(client: PorchlightClient): boolean {
    const emulation = takeFragmentParam(EMULATION_PARAM);
    if (!emulation) return false;
    client.setToken(emulation);
    this.notice = '';
    return true;
  }

  protected override sessionRefused(error: unknown, adopted: boolean): void {
    if (adopted) this.emulationFailed(error);
  }

  private readonly onHashChange = (): void => {
    const client = this.client;
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

  private async endEmulation(): Promise<void> {
    if (!this.client || this.ending) return;
    this.ending = true;
    await this.endSession();
    this.ending = false;
    await this.updateComplete;
    this.focusIn('.base');
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
    const loaded = banner.loaded;
    if (!loaded) {
      // Rendered again once loaded (a failure is tried again at the next render).
      void banner.load().then(() => this.requestUpdate(), () => undefined);
      return nothing;
    }
    if (!this.bannerStyled) {
      // Its styles join the element's (after them, as if they were part of them).
      this.bannerStyled = true;
      const root = this.renderRoot;
      const sheet = loaded.bannerStyles.styleSheet;
      if (sheet && root instanceof ShadowRoot) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      else root.appendChild(Object.assign(document.createElement('style'), { textContent: loaded.bannerStyles.cssText }));
    }
    return loaded.renderBanner(response, by, this.ending, () => this.endEmulation());
  }

  protected override render() {
    return html`<div class="base" part="base" tabindex="-1">
      ${this.renderHeader()} ${this.renderBanner()}
      ${this.notice
        ? html`<div class="notice" part="notice" role="status"><div class="alert-box info">${infoIcon}<p>${this.notice}</p></div></div>`
        : nothing}
      ${this.renderState(this.status === 'loading', 'button')}
      <div part="content" ?hidden=${this.status !== 'ready'}><slot></slot></div>
    </div>`;
  }
}

