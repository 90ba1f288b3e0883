import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import {
  AUTOPAY_AUTHORIZATION_VERSION,
  autopayAuthorizationText,
  billingApi,
  type Autopay,
  type BillingApi,
  type GatewayConfig,
  type PorchlightClient,
  type PortalPaymentMethod,
  type SessionResponse,
} from '@porchlight/client';
import { AccountView } from '../internal/account-view.js';
import { actorLabel } from '../internal/actor.js';
import { timeTag } from '../internal/format.js';
import { alertIcon, checkIcon, infoIcon } from '../internal/icons.js';
import { backBar } from '../internal/list-view.js';
import { busyLabel } from '../internal/templates.js';
import { cannotText, canManageMethods, canSeeAutopay, canSeeMethods, expiryText, formatDay, isExpired, methodLabel, noViewText, ordinalDay } from './billing-format.js';
import { billingStyles } from './billing.styles.js';
import { emitBilling } from './events.js';

interface Loaded {
  autopay: Autopay;
  methods: PortalPaymentMethod[];
  config: GatewayConfig;
}

type AutopayDialog = { kind: 'off' };

/**
 * <porchlight-autopay>: automatic payment of the open balance each month ("Auto Recurring"). It
 * says whether autopay is on, with which card or bank account, on which day of the month and
 * when the next charge is. With "Payment methods and autopay": "Turn on autopay" (or "Change
 * method") — choose a saved method, read the authorization (core's `autopayAuthorizationText`
 * filled in with the dealer, its charge day and retry days, and the method), tick the consent
 * box, and confirm; the version of the text agreed to is sent with the request and a copy is
 * emailed. "Turn off autopay" after confirming. Seeing needs "View invoices" (or "Payment methods
 * and autopay"); changes need "Payment methods and autopay" and are refused while a dealer admin
 * emulates the user. Lives inside <porchlight-portal>.
 *
 * @attr heading - the heading (default "Autopay")
 * @attr heading-level - the heading level (default 2)
 * @csspart card - the card around everything
 * @csspart title - the heading
 * @csspart button - buttons
 * @csspart back - "Back to autopay"
 * @csspart state - the loading and load-error states, and autopay's current state
 * @csspart form - the form to turn it on or change it
 * @csspart methods - the choice of method
 * @csspart authorization - the authorization text
 * @csspart consent - the consent checkbox
 * @csspart dialog - the turn-off dialog
 * @csspart error - the error region (role=alert)
 * @csspart notice - the status region (role=status)
 * @csspart note - notes (read-only login, no saved method, signed out)
 * @fires porchlight-autopay-change - `{ autopay }` after autopay was turned on, changed or turned off
 */
export class PorchlightAutopay extends AccountView<Loaded, AutopayDialog> {
  static override styles = billingStyles;
  static override grant = 'payments' as const;
  static override properties = {
    autopay: { state: true },
    methods: { state: true },
    config: { state: true },
    view: { state: true },
    methodId: { state: true },
    agreed: { state: true },
  };

  protected declare autopay: Autopay | null;
  protected declare methods: PortalPaymentMethod[];
  protected declare config: GatewayConfig | null;
  protected declare view: 'state' | 'form';
  /** The method chosen in the form. */
  protected declare methodId: string;
  /** The consent box. */
  protected declare agreed: boolean;

  constructor() {
    super();
    this.heading = 'Autopay';
    this.autopay = null;
    this.methods = [];
    this.config = null;
    this.view = 'state';
    this.methodId = '';
    this.agreed = false;
  }

  private get api(): BillingApi | undefined {
    return this.client ? billingApi(this.client) : undefined;
  }

  // ---- data ------------------------------------------------------------------------------

  protected override allowed(s: SessionResponse): boolean {
    return canSeeAutopay(s);
  }

  protected override async fetch(client: PorchlightClient, s: SessionResponse): Promise<Loaded> {
    const api = billingApi(client);
    // The saved methods are for logins that may pay or manage them (the server's rule).
    const [autopay, list, config] = await Promise.all([api.autopay.get(), canSeeMethods(s) ? api.methods.list() : Promise.resolve({ items: [] }), api.config()]);
    return { autopay, methods: list.items, config };
  }

  protected override apply(data: Loaded): void {
    this.autopay = data.autopay;
    this.methods = data.methods;
    this.config = data.config;
  }

  protected override clear(): void {
    this.autopay = null;
    this.methods = [];
    this.config = null;
    this.view = 'state';
    this.methodId = '';
    this.agreed = false;
  }

  protected override loadingText(): string {
    return 'Loading autopay…';
  }

  protected override signedOutText(): string {
    return 'Log in to see autopay.';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const s = this.me;
    if (s && this.view === 'form' && !canManageMethods(s)) this.view = 'state';
  }

  private get usable(): PortalPaymentMethod[] {
    return this.methods.filter((m) => !isExpired(m));
  }

  private get day(): number {
    return this.config?.autopay.dayOfMonth ?? 1;
  }

  /** The server's text version is the one this version of the elements shows. */
  private get versionMatches(): boolean {
    return !this.config || this.config.autopay.authorizationTextVersion === AUTOPAY_AUTHORIZATION_VERSION;
  }

  /** The exact text the client agrees to, for the chosen method. */
  authorizationText(s: SessionResponse, method: PortalPaymentMethod): string {
    return autopayAuthorizationText({
      dealerName: s.dealer.name,
      dayOfMonth: this.day,
      methodLabel: methodLabel(method),
      retryDays: this.config?.autopay.retryDays ?? [],
    });
  }

  // ---- actions ---------------------------------------------------------------------------

  /** Shows the form to turn autopay on (or change its method). */
  openForm(): void {
    const s = this.me;
    if (!s || !canManageMethods(s)) return;
    const current = this.autopay?.enabled ? this.usable.find((m) => m.id === this.autopay!.methodId) : undefined;
    const preferred = current ?? this.usable.find((m) => m.isDefault) ?? this.usable[0];
    this.methodId = preferred?.id ?? '';
    this.agreed = false;
    this.view = 'form';
    this.clearMessages();
    void this.focusAfterUpdate('#form-title');
  }

  private showState(): void {
    if (this.busy) return;
    this.view = 'state';
    this.clearMessages();
    void this.focusAfterUpdate('#title');
  }

  private onMethod(event: Event): void {
    const id = (event.target as HTMLInputElement).value;
    if (id === this.methodId) return;
    this.methodId = id;
    // Another method is another text: it is agreed to again.
    this.agreed = false;
    if (this.errors.methodId) this.errors = {};
  }

  private onConsent(event: Event): void {
    this.agreed = (event.target as HTMLInputElement).checked;
    if (this.agreed && this.errors.consent) {
      const { consent: _fixed, ...rest } = this.errors;
      this.errors = rest;
      this.alert = '';
    }
  }

  private async onSubmit(event: SubmitEvent, s: SessionResponse): Promise<void> {
    event.preventDefault();
    const api = this.api;
    if (!api || this.busy) return;
    const method = this.usable.find((m) => m.id === this.methodId);
    const errors: Record<string, string> = {};
    if (!method) errors.methodId = 'Choose the card or bank account autopay charges.';
    if (!this.agreed) errors.consent = 'Tick the box to agree to the autopay authorization. Autopay is not turned on without it.';
    if (!this.versionMatches) {
      this.alert = 'The autopay authorization has changed. Reload the page to read the current one.';
      return;
    }
    const names = Object.keys(errors);
    if (names.length || !method) {
      this.notice = null;
      this.errors = errors;
      this.alert = names.length === 1 ? errors[names[0]!]! : 'Check the highlighted fields.';
      void this.focusAfterUpdate(names[0] === 'methodId' ? 'input[name="methodId"]' : '#consent');
      return;
    }
    const wasOn = this.autopay?.enabled === true;
    const email = s.user.email;
    const autopay = await this.act(
      'save',
      () => api.autopay.set({ methodId: method.id, dayOfMonth: this.day, authorizationTextVersion: AUTOPAY_AUTHORIZATION_VERSION, agree: true }),
      {
        fields: { methodId: 'methodId', agree: 'consent' },
        success: (a) =>
          `${wasOn ? 'Autopay was changed' : 'Autopay is on'}: ${methodLabel(method)} is charged on the ${ordinalDay(a.dayOfMonth)} of each month. ` +
          (email
            ? `A copy of the authorization was emailed to ${email}.`
            : 'Your login has no email address, so no copy was emailed: the authorization you agreed to is shown here.'),
        update: (a) => {
          this.autopay = a;
          this.view = 'state';
          this.agreed = false;
        },
      },
    );
    if (autopay) {
      emitBilling(this, 'porchlight-autopay-change', { autopay });
      void this.focusAfterUpdate('#title');
    }
  }

  private async turnOff(): Promise<void> {
    const api = this.api;
    if (!api) return;
    const autopay = await this.act('off', () => api.autopay.off(), {
      success: () => 'Autopay is off. No more automatic charges will be made.',
      update: (a) => (this.autopay = a),
    });
    if (autopay) emitBilling(this, 'porchlight-autopay-change', { autopay });
  }

  // ---- rendering -------------------------------------------------------------------------

  protected override renderNotAllowed(): unknown {
    return noViewText();
  }

  protected override renderLead(s: SessionResponse): unknown {
    return html`<p class="lead">Pay ${s.dealer.name} automatically: the open balance of your invoices is charged once a month.</p>`;
  }

  private renderState(s: SessionResponse): TemplateResult {
    const a = this.autopay;
    const manage = canManageMethods(s);
    const why = cannotText(s, 'payment-methods.manage', 'turn autopay on or off');
    const payOn = Boolean(this.config?.enabled && this.config.gateway);
    if (a?.enabled) {
      const method = this.methods.find((m) => m.id === a.methodId);
      const label = method ? methodLabel(method) : 'your saved method';
      return html`<div class="autopay-state" part="state" data-enabled="true">
        <div class="alert-box success">${checkIcon}<p><strong>Autopay is on.</strong> ${label} is charged on the ${ordinalDay(a.dayOfMonth)} of each month for the open balance of your invoices.</p></div>
        <dl class="facts">
          ${a.nextChargeOn ? html`<div><dt>Next charge</dt><dd><time datetime=${a.nextChargeOn}>${formatDay(a.nextChargeOn)}</time></dd></div>` : nothing}
          <div><dt>Charged to</dt><dd>${label}</dd></div>
          ${a.consentedAt ? html`<div><dt>Agreed</dt><dd>${timeTag(a.consentedAt)}${a.consentedBy ? html` by ${actorLabel(a.consentedBy)}` : nothing}</dd></div>` : nothing}
        </dl>
        ${a.authorizationText
          ? html`<details class="agreed-text">
              <summary>The authorization you agreed to${a.authorizationTextVersion ? ` (version ${a.authorizationTextVersion})` : ''}</summary>
              <p class="authorization" part="authorization">${a.authorizationText}</p>
            </details>`
          : nothing}
        ${why ? html`<p class="note" part="note">${why}</p>` : nothing}
        ${manage
          ? html`<div class="form-actions">
              ${payOn && this.usable.length ? html`<button class="button inline secondary" part="button" type="button" data-change @click=${this.openForm}>Change method</button>` : nothing}
              <button class="button inline danger" part="button" type="button" data-off @click=${() => this.dialog.open({ kind: 'off' })}>Turn off autopay</button>
            </div>`
          : nothing}
      </div>`;
    }
    return html`<div class="autopay-state" part="state" data-enabled="false">
      <div class="alert-box info">${infoIcon}<p><strong>Autopay is off.</strong> Your invoices are paid only when you pay them.</p></div>
      ${why ? html`<p class="note" part="note">${why}</p>` : nothing}
      ${manage && !payOn ? html`<p class="note" part="note">Online payment is not available. Contact ${s.dealer.name} to set up automatic payments.</p>` : nothing}
      ${manage && payOn && !this.usable.length
        ? html`<p class="note" part="note">To turn on autopay, first save a card or bank account under "Payment methods".</p>`
        : nothing}
      ${manage && payOn && this.usable.length
        ? html`<div class="form-actions"><button class="button inline" part="button" type="button" data-on @click=${this.openForm}>Turn on autopay</button></div>`
        : nothing}
    </div>`;
  }

  private renderForm(s: SessionResponse): TemplateResult {
    const changing = this.autopay?.enabled === true;
    const method = this.usable.find((m) => m.id === this.methodId);
    const methodError = this.errors.methodId;
    const consentError = this.errors.consent;
    return html`${backBar('Back to autopay', () => this.showState(), this.busy)}
      <form class="autopay-form" part="form" novalidate aria-labelledby="form-title" aria-busy=${this.busy ? 'true' : 'false'} @submit=${(e: SubmitEvent) => this.onSubmit(e, s)}>
        <div class="detail-title" id="form-title" role="heading" aria-level=${Math.min(6, this.level + 1)} tabindex="-1">${changing ? 'Change autopay' : 'Turn on autopay'}</div>
        <p class="note">On the ${ordinalDay(this.day)} of each month, the open balance of your invoices is charged to the method you choose.</p>
        <fieldset part="methods" aria-describedby=${methodError ? 'methodId-error' : nothing}>
          <legend>Charge this method</legend>
          <div class="checks">
            ${this.usable.map(
              (m) => html`<div class="choice">
                <input type="radio" name="methodId" id="method-${m.id}" value=${m.id} .checked=${m.id === this.methodId} ?disabled=${this.busy} @change=${this.onMethod} />
                <label for="method-${m.id}"
                  >${methodLabel(m)}${expiryText(m) || m.isDefault
                    ? html`<span class="hint">${[expiryText(m) ? `Expires ${expiryText(m)}` : '', m.isDefault ? 'Default' : ''].filter(Boolean).join(' · ')}</span>`
                    : nothing}</label
                >
              </div>`,
            )}
          </div>
          ${methodError ? html`<div class="field-error" id="methodId-error">${alertIcon}<span>${methodError}</span></div>` : nothing}
        </fieldset>
        ${method
          ? html`<section class="section" aria-labelledby="authorization-title">
              <div class="section-title" id="authorization-title" role="heading" aria-level=${Math.min(6, this.level + 2)}>Autopay authorization</div>
              <p class="authorization" part="authorization" id="authorization-text" data-version=${AUTOPAY_AUTHORIZATION_VERSION}>${this.authorizationText(s, method)}</p>
              <p class="note">Version ${AUTOPAY_AUTHORIZATION_VERSION}.${s.user.email ? ` A copy is emailed to ${s.user.email} when you agree.` : ''}</p>
            </section>`
          : nothing}
        <div class="consent" part="consent">
          <div class="check">
            <input
              type="checkbox"
              id="consent"
              name="consent"
              .checked=${live(this.agreed)}
              ?disabled=${this.busy || !method}
              aria-invalid=${consentError ? 'true' : 'false'}
              aria-describedby=${[method ? 'authorization-text' : '', consentError ? 'consent-error' : ''].filter(Boolean).join(' ') || nothing}
              @change=${this.onConsent}
            />
            <label for="consent">I have read the autopay authorization above and I agree to it.</label>
          </div>
          ${consentError ? html`<div class="field-error" id="consent-error">${alertIcon}<span>${consentError}</span></div>` : nothing}
        </div>
        <div class="form-actions">
          <button class="button inline" part="button" type="submit" data-submit ?disabled=${this.busy || !this.versionMatches}>
            ${busyLabel(this.pending === 'save', changing ? 'Save autopay' : 'Turn on autopay', 'Saving…')}
          </button>
          <button class="button inline secondary" part="button" type="button" ?disabled=${this.busy} @click=${() => this.showState()}>Cancel</button>
        </div>
      </form>`;
  }

  protected override renderDialog(): { title: string; content: unknown; description?: string; kind?: 'form' | 'confirm' } | null {
    return {
      title: 'Turn off autopay?',
      kind: 'confirm',
      description: 'No more automatic charges will be made; a charge already under way completes. Your invoices are then paid only when you pay them.',
      content: html`<div class="dialog-actions">
        <button class="button inline danger" part="button" type="button" data-confirm-off ?disabled=${this.busy} @click=${this.turnOff}>${busyLabel(this.busy, 'Turn off autopay', 'Turning off…')}</button>
        <button class="button inline secondary" part="button" type="button" ?disabled=${this.busy} @click=${() => this.dialog.close()} data-cancel>Cancel</button>
      </div>`,
    };
  }

  protected override renderReady(s: SessionResponse): unknown {
    if (!this.versionMatches && this.view === 'form') {
      return html`${backBar('Back to autopay', () => this.showState(), this.busy)}
        <div class="alert-box error" role="alert">${alertIcon}<p>The autopay authorization has changed. Reload the page to read the current one.</p></div>`;
    }
    return this.view === 'form' && canManageMethods(s) ? this.renderForm(s) : this.renderState(s);
  }
}
