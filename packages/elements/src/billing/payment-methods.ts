import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { billingApi, type BillingApi, type GatewayConfig, type PorchlightClient, type PortalPaymentMethod, type SessionResponse } from '@porchlight/client';
import { AccountView } from '../internal/account-view.js';
import { actorLabel } from '../internal/actor.js';
import { timeTag } from '../internal/format.js';
import { backBar } from '../internal/list-view.js';
import { errorMessage } from '../internal/messages.js';
import { busyLabel } from '../internal/templates.js';
import { cannotText, canManageMethods, canSeeMethods, expiryText, isExpired, methodLabel, noMethodsText } from './billing-format.js';
import { billingStyles } from './billing.styles.js';
import { emitBilling } from './events.js';
import { gatewayAdapter, GatewayFields, type GatewayFieldsAdapter, type GatewayTokenResult, type MethodKind } from './gateway-fields.js';

interface Loaded {
  methods: PortalPaymentMethod[];
  config: GatewayConfig | null;
  configError: string;
}

type MethodsDialog = { kind: 'remove'; method: PortalPaymentMethod };

const KIND_LABELS: Record<MethodKind, string> = { card: 'Card', bank: 'Bank account (eCheck)' };

/**
 * <porchlight-payment-methods>: the cards and bank accounts kept on file for the account. Each
 * shows its brand or bank and last four digits, the expiry (expired ones marked) and which is
 * the default. With "Payment methods and autopay": "Add a payment method" shows the payment
 * gateway's own secure form in place (card or bank account; the numbers go straight to the
 * gateway, Porchlight keeps its token, the brand, last four and expiry), "Make default", and
 * "Remove" after confirming — refused by the server while autopay charges that method, which is
 * said plainly. Seeing needs "Pay invoices" or "Payment methods and autopay" (the server's rule);
 * changes need the latter and are refused while a dealer admin emulates the user. Lives inside
 * <porchlight-portal>.
 *
 * @attr heading - the heading (default "Payment methods")
 * @attr heading-level - the heading level (default 2)
 * @csspart card - the card around everything
 * @csspart title - the heading
 * @csspart toolbar - the "Add a payment method" button's row
 * @csspart button - buttons
 * @csspart back - "Back to payment methods"
 * @csspart list - the saved methods
 * @csspart method - each method
 * @csspart tag - the Default and Expired tags
 * @csspart add - the form to add one
 * @csspart gateway - the payment gateway's form (its frame: `gateway-frame`)
 * @csspart dialog - the remove dialog
 * @csspart error - the error region (role=alert)
 * @csspart notice - the status region (role=status)
 * @csspart state - the loading and load-error states
 * @csspart empty - the empty state
 * @csspart note - notes (read-only login, payments off, signed out)
 * @fires porchlight-payment-method-change - `{ action: 'added' | 'default' | 'removed', method }` after a change
 */
export class PorchlightPaymentMethods extends AccountView<Loaded, MethodsDialog> {
  static override styles = billingStyles;
  static override grant = 'payments' as const;
  static override properties = {
    methods: { state: true },
    config: { state: true },
    configError: { state: true },
    view: { state: true },
    kind: { state: true },
    makeDefault: { state: true },
  };

  protected declare methods: PortalPaymentMethod[];
  protected declare config: GatewayConfig | null;
  protected declare configError: string;
  protected declare view: 'list' | 'add';
  /** The kind being added. */
  protected declare kind: MethodKind;
  protected declare makeDefault: boolean;

  /** Makes the gateway's browser half from the server's configuration (default: the sandbox's iframe, or Stripe). */
  gatewayAdapter: ((config: NonNullable<GatewayConfig['gateway']>) => GatewayFieldsAdapter) | undefined;

  protected readonly fields = new GatewayFields(this, {
    config: () => this.config?.gateway ?? null,
    setup: (kind) => this.api!.methods.setup(kind),
    onToken: (result) => void this.save(result),
    adapter: (config) => (this.gatewayAdapter ?? gatewayAdapter)(config),
  });

  constructor() {
    super();
    this.heading = 'Payment methods';
    this.methods = [];
    this.config = null;
    this.configError = '';
    this.view = 'list';
    this.kind = 'card';
    this.makeDefault = false;
    this.gatewayAdapter = undefined;
  }

  private get api(): BillingApi | undefined {
    return this.client ? billingApi(this.client) : undefined;
  }

  // ---- data ------------------------------------------------------------------------------

  protected override allowed(s: SessionResponse): boolean {
    return canSeeMethods(s);
  }

  protected override async fetch(client: PorchlightClient, s: SessionResponse): Promise<Loaded> {
    const api = billingApi(client);
    const [list, config] = await Promise.all([
      api.methods.list(),
      canManageMethods(s)
        ? api
            .config()
            .then((c) => ({ config: c, configError: '' }))
            .catch((e: unknown) => ({ config: null, configError: errorMessage(e) }))
        : Promise.resolve({ config: null, configError: '' }),
    ]);
    return { methods: list.items, ...config };
  }

  protected override apply(data: Loaded): void {
    this.methods = data.methods;
    // A quiet reload after a change keeps the configuration it had.
    if (data.config || !this.config) {
      this.config = data.config;
      this.configError = data.configError;
    }
  }

  protected override clear(): void {
    this.methods = [];
    this.config = null;
    this.configError = '';
    this.view = 'list';
    this.makeDefault = false;
    this.fields.stop();
  }

  protected override loadingText(): string {
    return 'Loading payment methods…';
  }

  protected override signedOutText(): string {
    return 'Log in to see your payment methods.';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const s = this.me;
    if (s && this.view === 'add' && !canManageMethods(s)) {
      this.view = 'list';
      this.fields.stop();
    }
  }

  private get kinds(): MethodKind[] {
    return (this.config?.kinds ?? ['card']).filter((k): k is MethodKind => k === 'card' || k === 'bank');
  }

  private addAvailable(s: SessionResponse): boolean {
    return canManageMethods(s) && Boolean(this.config?.enabled && this.config.gateway) && this.kinds.length > 0;
  }

  // ---- actions ---------------------------------------------------------------------------

  /** Shows the form to add a card or bank account (with permission). */
  startAdd(kind?: MethodKind): void {
    const s = this.me;
    if (!s || !this.addAvailable(s)) return;
    this.view = 'add';
    this.kind = kind && this.kinds.includes(kind) ? kind : this.kinds[0]!;
    this.makeDefault = false;
    this.clearMessages();
    this.fields.start(this.kind);
    void this.focusAfterUpdate('#add-title');
  }

  /** Back to the list. */
  showList(): void {
    if (this.busy) return;
    this.view = 'list';
    this.fields.stop();
    this.clearMessages();
    void this.focusAfterUpdate('[data-add]');
  }

  private onKind(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    if ((value !== 'card' && value !== 'bank') || value === this.kind) return;
    this.kind = value;
    this.alert = '';
    this.fields.start(value);
  }

  /** "Save": asks the gateway's form for a token (its own Continue does the same); the token is then saved. */
  private submitAdd(): void {
    if (this.busy) return;
    const result = this.fields.result;
    if (result) void this.save(result);
    else if (this.fields.phase === 'ready') this.fields.submit();
    else this.alert = 'Wait for the payment form to load, then enter the details.';
  }

  private async save(result: GatewayTokenResult): Promise<void> {
    const api = this.api;
    if (!api || this.view !== 'add') return;
    const makeDefault = this.makeDefault || this.methods.length === 0;
    const method = await this.act('add', () => api.methods.add({ token: result.token, makeDefault }), {
      success: (m) => `${methodLabel(m)} was saved${m.isDefault ? ' as your default method' : ''}.`,
      update: (m) => {
        // As the server lists them: the default first.
        this.methods = m.isDefault ? [m, ...this.methods.map((x) => ({ ...x, isDefault: false }))] : [...this.methods, m];
        this.view = 'list';
        this.fields.stop();
      },
    });
    if (method) {
      emitBilling(this, 'porchlight-payment-method-change', { action: 'added', method });
      void this.focusAfterUpdate(`[data-method="${CSS.escape(method.id)}"] .method-name`);
    } else if (this.view === 'add') {
      // A token is used once: the details are typed again.
      this.fields.start(this.kind);
    }
  }

  private async setDefault(m: PortalPaymentMethod): Promise<void> {
    const api = this.api;
    if (!api) return;
    const method = await this.act(`default:${m.id}`, () => api.methods.setDefault(m.id), {
      success: (x) => `${methodLabel(x)} is now your default method.`,
      update: (x) => (this.methods = this.methods.map((y) => ({ ...y, isDefault: y.id === x.id }))),
    });
    if (method) emitBilling(this, 'porchlight-payment-method-change', { action: 'default', method });
  }

  private confirmRemove(m: PortalPaymentMethod): void {
    this.clearMessages();
    this.dialog.open({ kind: 'remove', method: m });
  }

  private async removeMethod(m: PortalPaymentMethod): Promise<void> {
    const api = this.api;
    if (!api) return;
    const done = await this.act(`remove:${m.id}`, () => api.methods.remove(m.id), {
      success: () => `${methodLabel(m)} was removed.`,
      update: () => (this.methods = this.methods.filter((x) => x.id !== m.id)),
    });
    if (done) emitBilling(this, 'porchlight-payment-method-change', { action: 'removed', method: m });
  }

  // ---- rendering -------------------------------------------------------------------------

  protected override renderNotAllowed(): unknown {
    return noMethodsText();
  }

  protected override renderLead(s: SessionResponse): unknown {
    return html`<p class="lead">Cards and bank accounts kept on file to pay ${s.dealer.name} — only their last four digits are shown.</p>`;
  }

  protected override renderToolbar(s: SessionResponse): unknown {
    if (this.phase !== 'ready' || this.view !== 'list' || !this.addAvailable(s)) return nothing;
    return html`<button class="button inline" part="button" type="button" data-add @click=${() => this.startAdd()}>Add a payment method</button>`;
  }

  private note(s: SessionResponse): TemplateResult | typeof nothing {
    const why = cannotText(s, 'payment-methods.manage', 'add, remove or change payment methods');
    if (why) return html`<p class="note permission-note" part="note">${why}</p>`;
    if (this.configError) return html`<p class="note permission-note" part="note">Adding a method is not available right now: ${this.configError}</p>`;
    if (this.config && (!this.config.enabled || !this.config.gateway)) {
      return html`<p class="note permission-note" part="note">Online payment is not available. Contact ${s.dealer.name} to change how you pay.</p>`;
    }
    return nothing;
  }

  private methodItem(m: PortalPaymentMethod, s: SessionResponse): TemplateResult {
    const expired = isExpired(m);
    const exp = expiryText(m);
    const label = methodLabel(m);
    const manage = canManageMethods(s);
    const busyDefault = this.pending === `default:${m.id}`;
    return html`<li class="method ${m.isDefault ? 'is-default' : ''}" part="method" data-method=${m.id}>
      <div class="method-text">
        <span class="method-name" tabindex="-1">${label}</span>
        <span class="sub">
          ${m.kind === 'card' ? (exp ? `${expired ? 'Expired' : 'Expires'} ${exp}` : 'Card') : 'Bank account (eCheck)'} · added ${timeTag(m.createdAt, 'date')} by ${actorLabel(m.createdBy)}
        </span>
        ${m.isDefault || expired
          ? html`<span class="method-tags">
              ${m.isDefault ? html`<span class="tag default" part="tag">Default</span>` : nothing}
              ${expired ? html`<span class="tag warn" part="tag">Expired</span>` : nothing}
            </span>`
          : nothing}
      </div>
      ${manage
        ? html`<div class="method-actions">
            ${m.isDefault
              ? nothing
              : html`<button class="button secondary small inline" part="button" type="button" data-default=${m.id} aria-label="Make default: ${label}" ?disabled=${this.busy} @click=${() => this.setDefault(m)}>
                  ${busyLabel(busyDefault, 'Make default', 'Saving…')}
                </button>`}
            <button class="button secondary small inline" part="button" type="button" data-remove=${m.id} aria-label="Remove ${label}" ?disabled=${this.busy} @click=${() => this.confirmRemove(m)}>
              Remove
            </button>
          </div>`
        : nothing}
    </li>`;
  }

  private renderList(s: SessionResponse): TemplateResult {
    const add = this.addAvailable(s) ? ' Use "Add a payment method" to keep a card or bank account on file.' : '';
    return html`${this.note(s)}
      ${this.methods.length
        ? html`<ul class="method-list" part="list" aria-label="Saved payment methods" aria-busy=${this.refreshing ? 'true' : 'false'}>
            ${this.methods.map((m) => this.methodItem(m, s))}
          </ul>`
        : html`<p class="empty" part="empty">No saved payment methods.${add}</p>`}`;
  }

  private renderAdd(s: SessionResponse): TemplateResult {
    const what = this.kind === 'card' ? 'card' : 'bank account';
    const saving = this.pending === 'add' || this.fields.phase === 'checking';
    const first = this.methods.length === 0;
    return html`${backBar('Back to payment methods', () => this.showList(), this.busy)}
      <section class="add-method" part="add" aria-labelledby="add-title">
        <div class="detail-title" id="add-title" role="heading" aria-level=${Math.min(6, this.level + 1)} tabindex="-1">Add a payment method</div>
        ${this.kinds.length > 1
          ? html`<fieldset>
              <legend>What do you want to add?</legend>
              <div class="kind-choice">
                ${this.kinds.map(
                  (k) => html`<div class="choice">
                    <input type="radio" name="kind" id="kind-${k}" value=${k} .checked=${this.kind === k} ?disabled=${this.busy} @change=${this.onKind} />
                    <label for="kind-${k}">${KIND_LABELS[k]}</label>
                  </div>`,
                )}
              </div>
            </fieldset>`
          : nothing}
        <p class="note">Enter the ${what} details in the secure form below. They go straight to the payment processor; ${s.dealer.name} keeps only the last four digits${this.kind === 'card' ? ' and the expiry' : ''}.</p>
        ${this.fields.template(this.kind === 'card' ? 'Card details' : 'Bank account details')}
        ${first
          ? html`<p class="note">Your first method becomes your default method.</p>`
          : html`<div class="check">
              <input type="checkbox" id="make-default" name="makeDefault" .checked=${live(this.makeDefault)} ?disabled=${this.busy} @change=${(e: Event) => (this.makeDefault = (e.target as HTMLInputElement).checked)} />
              <label for="make-default">Make this my default method</label>
            </div>`}
        <div class="form-actions">
          <button class="button inline" part="button" type="button" data-save ?disabled=${this.busy || saving} @click=${this.submitAdd}>
            ${busyLabel(saving, `Save ${what}`, 'Saving…')}
          </button>
          <button class="button secondary inline" part="button" type="button" ?disabled=${this.busy} @click=${() => this.showList()}>Cancel</button>
        </div>
      </section>`;
  }

  protected override renderDialog(state: MethodsDialog): { title: string; content: unknown; description?: string; kind?: 'form' | 'confirm' } | null {
    const m = state.method;
    const label = methodLabel(m);
    return {
      title: `Remove ${label}?`,
      kind: 'confirm',
      description: `${label} will no longer be kept on file, and cannot be used for payments or autopay. Payments already made with it stay in your payment history.`,
      content: html`<div class="dialog-actions">
        <button class="button inline danger" part="button" type="button" data-confirm-remove ?disabled=${this.busy} @click=${() => this.removeMethod(m)}>
          ${busyLabel(this.busy, 'Remove', 'Removing…')}
        </button>
        <button class="button inline secondary" part="button" type="button" ?disabled=${this.busy} @click=${() => this.dialog.close()} data-cancel>Cancel</button>
      </div>`,
    };
  }

  protected override renderReady(s: SessionResponse): unknown {
    return this.view === 'add' && this.addAvailable(s) ? this.renderAdd(s) : this.renderList(s);
  }
}
