import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  billingApi,
  centsToInput,
  invoicesApi,
  PAY_ITEMS_MAX,
  parseAmount,
  type BillingApi,
  type GatewayConfig,
  type InvoicePage,
  type InvoicesApi,
  type PayRequest,
  type PorchlightClient,
  type PortalInvoiceSummary,
  type PortalPayment,
  type PortalPaymentMethod,
  type SessionResponse,
} from '@porchlight/client';
import { AccountList } from '../internal/account-list.js';
import { saveBlob } from '../internal/files.js';
import { timeTag } from '../internal/format.js';
import { alertIcon, checkIcon, infoIcon } from '../internal/icons.js';
import { backBar, pageLimit } from '../internal/list-view.js';
import { errorCode, errorMessage } from '../internal/messages.js';
import { busyLabel } from '../internal/templates.js';
import {
  cannotText,
  canManageMethods,
  canPay,
  canViewBilling,
  dayTag,
  expiryText,
  formatMoney,
  invoiceStatusTag,
  isExpired,
  methodLabel,
  newIdempotencyKey,
  noViewText,
  outcomeUnknown,
  paymentStatusTag,
  saveReceipt,
} from './billing-format.js';
import { billingStyles } from './billing.styles.js';
import { emitBilling } from './events.js';
import { gatewayAdapter, GatewayFields, type GatewayFieldsAdapter, type GatewayTokenResult, type MethodKind } from './gateway-fields.js';

export type InvoiceSort = 'due' | 'number' | 'issued';
export type SortOrder = 'asc' | 'desc';

/** The server's page size for invoices (INVOICE_PAGE_SIZE). */
const PAGE_SIZE = 50;

const SORTS: ReadonlyArray<{ sort: InvoiceSort; label: string; first: SortOrder }> = [
  { sort: 'number', label: 'Invoice', first: 'asc' },
  { sort: 'issued', label: 'Issued', first: 'desc' },
  { sort: 'due', label: 'Due', first: 'asc' },
];

const SORT_WORDS: Record<InvoiceSort, Record<SortOrder, string>> = {
  due: { asc: 'by due date, earliest first', desc: 'by due date, latest first' },
  number: { asc: 'by invoice number, lowest first', desc: 'by invoice number, highest first' },
  issued: { asc: 'by issue date, oldest first', desc: 'by issue date, newest first' },
};

/** The first page, with the payment configuration. */
interface Loaded extends InvoicePage {
  /** Loaded once per session for a login that may pay; `undefined` when not asked for. */
  config?: GatewayConfig | null;
  configError?: string;
}

/** One row's "Apply" and its amount as typed. */
interface Applied {
  on: boolean;
  text: string;
}

/** One attempt to pay: what is paid, the key sent with every retry of it. */
interface Attempt {
  key: string;
  items: Array<{ invoice: PortalInvoiceSummary; amountCents: number }>;
  totalCents: number;
  currency: string;
  /** A request of this attempt was sent and its answer never read: the method stays as it was. */
  unknown: boolean;
}

type Choice = { kind: 'saved'; id: string } | { kind: 'new'; type: MethodKind };

const choiceValue = (c: Choice | null) => (!c ? '' : c.kind === 'saved' ? `saved:${c.id}` : `new:${c.type}`);

/**
 * <porchlight-invoice-list>: the account's invoices, and paying them. Open invoices (open or
 * partially paid) by default, the next due first; "Show paid invoices" shows the paid ones.
 * Sorting by invoice number, issue date or due date (ascending or descending) with the column
 * headers' buttons (`aria-sort`); a page at a time ("Load more"). Each row: number, issued, due
 * (overdue marked in words and colour), total, balance, status; "View" downloads the PDF.
 *
 * With "Pay invoices": an "Apply" checkbox per open invoice and the amount to pay, the balance by
 * default (change it for a partial payment; read exactly with core's `parseAmount`: at most the
 * currency's decimals, more than zero, at most the balance unless the dealer allows more); the
 * total is the sum, to the cent; "Pay all" applies every open invoice shown. "Review payment"
 * shows what will be paid, and the method: a saved card or bank account, or a new one typed into
 * the payment gateway's own secure form (card numbers never reach Porchlight). "Confirm payment"
 * sends it with an idempotency key made once per review and sent again on any retry, so a double
 * click or a retry after a network error never charges twice. The answer: paid (receipt number,
 * "Download receipt"), declined (the gateway's message; nothing changed), or being confirmed.
 * Needs "View invoices" to see, "Pay invoices" to pay; paying is refused while a dealer admin
 * emulates the user. Lives inside <porchlight-portal>.
 *
 * @attr heading - the heading (default "Invoices")
 * @attr heading-level - the heading level (default 2)
 * @attr page-size - how many invoices one page asks for (1–100, default 50)
 * @csspart card - the card around everything
 * @csspart title - the heading
 * @csspart button - buttons
 * @csspart back - "Back to invoices"
 * @csspart filters - the "Show paid invoices" switch
 * @csspart summary - the line saying what is shown (a live region)
 * @csspart table - the invoices (cards when narrow)
 * @csspart row - each invoice
 * @csspart status - a status tag (also `status-open`, `status-partially-paid`, `status-paid`, `status-void`)
 * @csspart overdue - the "Overdue" mark
 * @csspart amount - an amount-to-pay input
 * @csspart pay-bar - the total, "Pay all" and "Review payment"
 * @csspart review - the payment's review
 * @csspart methods - the choice of method
 * @csspart gateway - the payment gateway's form (its frame: `gateway-frame`)
 * @csspart result - the payment's outcome
 * @csspart error - the error region (role=alert)
 * @csspart notice - the status region (role=status)
 * @csspart state - the loading and load-error states
 * @csspart empty - the empty state
 * @csspart note - notes (cannot pay, payments off, signed out)
 * @fires porchlight-payment-complete - `{ payment }` when a payment was answered (check `payment.status`)
 */
export class PorchlightInvoiceList extends AccountList<PortalInvoiceSummary, Loaded> {
  static override styles = billingStyles;
  static override grant = 'invoices' as const;
  static override properties = {
    pageSize: { type: Number, attribute: 'page-size' },
    showPaid: { state: true },
    sort: { state: true },
    order: { state: true },
    config: { state: true },
    configError: { state: true },
    applied: { state: true },
    view: { state: true },
    attempt: { state: true },
    methods: { state: true },
    methodsPhase: { state: true },
    methodsError: { state: true },
    choice: { state: true },
    saveMethod: { state: true },
    payment: { state: true },
  };

  /** How many invoices one page asks for (1–100, default 50). */
  declare pageSize: number;

  protected declare showPaid: boolean;
  protected declare sort: InvoiceSort;
  protected declare order: SortOrder;
  protected declare config: GatewayConfig | null;
  protected declare configError: string;
  /** Invoice id → its Apply and amount. */
  protected declare applied: Record<string, Applied>;
  protected declare view: 'list' | 'pay' | 'result';
  protected declare attempt: Attempt | null;
  protected declare methods: PortalPaymentMethod[];
  protected declare methodsPhase: 'idle' | 'loading' | 'ready' | 'error';
  protected declare methodsError: string;
  protected declare choice: Choice | null;
  protected declare saveMethod: boolean;
  /** The answered payment (view `result`). */
  protected declare payment: PortalPayment | null;

  /**
   * Makes the gateway's browser half from the server's configuration (default: the sandbox's
   * iframe, or Stripe's Payment Element). Set it to bring your own.
   */
  gatewayAdapter: ((config: NonNullable<GatewayConfig['gateway']>) => GatewayFieldsAdapter) | undefined;

  protected readonly fields = new GatewayFields(this, {
    config: () => this.config?.gateway ?? null,
    setup: (kind) => this.billing!.methods.setup(kind),
    onToken: (result) => this.onToken(result),
    onError: () => (this.payAfterToken = false),
    adapter: (config) => (this.gatewayAdapter ?? gatewayAdapter)(config),
  });

  private configLoaded = false;
  private payAfterToken = false;

  constructor() {
    super();
    this.heading = 'Invoices';
    this.pageSize = PAGE_SIZE;
    this.showPaid = false;
    this.sort = 'due';
    this.order = 'asc';
    this.config = null;
    this.configError = '';
    this.applied = {};
    this.view = 'list';
    this.attempt = null;
    this.methods = [];
    this.methodsPhase = 'idle';
    this.methodsError = '';
    this.choice = null;
    this.saveMethod = false;
    this.payment = null;
    this.gatewayAdapter = undefined;
  }

  private get limit(): number {
    return pageLimit(this.pageSize, PAGE_SIZE);
  }

  private get invoices(): InvoicesApi | undefined {
    return this.client ? invoicesApi(this.client) : undefined;
  }

  private get billing(): BillingApi | undefined {
    return this.client ? billingApi(this.client) : undefined;
  }

  private query(cursor?: string) {
    return { status: this.showPaid ? ('paid' as const) : ('open' as const), sort: this.sort, order: this.order, limit: this.limit, cursor };
  }

  // ---- data ------------------------------------------------------------------------------

  protected override allowed(s: SessionResponse): boolean {
    return canViewBilling(s);
  }

  protected override async fetch(client: PorchlightClient, s: SessionResponse): Promise<Loaded> {
    const wantConfig = canPay(s) && !this.configLoaded;
    const [page, config] = await Promise.all([
      this.fetchPage(client),
      wantConfig
        ? billingApi(client)
            .config()
            .then((c) => ({ config: c, configError: '' }))
            .catch((e: unknown) => ({ config: null, configError: errorMessage(e) }))
        : Promise.resolve(undefined),
    ]);
    return { ...page, ...(config ?? {}) };
  }

  protected override fetchPage(client: PorchlightClient, cursor?: string): Promise<InvoicePage> {
    return invoicesApi(client).list(this.query(cursor));
  }

  /** Focus goes to the first new invoice's "View" after "Load more". */
  protected override rowSelector(i: PortalInvoiceSummary): string {
    return `[data-view="${CSS.escape(i.id)}"]`;
  }

  protected override apply(data: Loaded): void {
    super.apply(data);
    if (data.config !== undefined) {
      this.config = data.config;
      this.configError = data.configError ?? '';
      this.configLoaded = data.config !== null;
    }
    this.keepApplied();
  }

  protected override clear(): void {
    super.clear();
    this.showPaid = false;
    this.sort = 'due';
    this.order = 'asc';
    this.config = null;
    this.configError = '';
    this.configLoaded = false;
    this.applied = {};
    this.leavePayment();
    this.view = 'list';
    this.payment = null;
  }

  protected override loadingText(): string {
    return 'Loading invoices…';
  }

  protected override signedOutText(): string {
    return 'Log in to see your invoices.';
  }

  /** Keeps Apply only for invoices still listed and open; the amounts are checked again against their balances. */
  private keepApplied(): void {
    const open = new Map(this.items.filter(payable).map((i) => [i.id, i]));
    const next: Record<string, Applied> = {};
    for (const [id, a] of Object.entries(this.applied)) if (open.has(id)) next[id] = a;
    this.applied = next;
  }

  private onShowPaid(event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    if (checked === this.showPaid) return;
    this.showPaid = checked;
    this.reloadList();
  }

  private sortBy(sort: InvoiceSort): void {
    const first = SORTS.find((s) => s.sort === sort)!.first;
    if (sort === this.sort) this.order = this.order === 'asc' ? 'desc' : 'asc';
    else {
      this.sort = sort;
      this.order = first;
    }
    this.reloadList();
  }

  private async viewPdf(invoice: PortalInvoiceSummary): Promise<void> {
    const api = this.invoices;
    if (!api) return;
    await this.act(
      `pdf:${invoice.id}`,
      async () => {
        const file = await api.pdf(invoice.id);
        const name = file.filename || `invoice-${invoice.number}.pdf`;
        saveBlob(file.blob, name, this.renderRoot);
        return name;
      },
      { close: false, reload: false, success: (name) => `Downloading ${name}.` },
    );
  }

  // ---- choosing what to pay -----------------------------------------------------------------

  private get allowOverpayment(): boolean {
    return this.config?.allowOverpayment === true;
  }

  private get currency(): string {
    return this.config?.currency ?? this.items[0]?.currency ?? 'USD';
  }

  /** Whether this login may pay here now (permission, not emulating, payments on). */
  private payOn(s: SessionResponse): boolean {
    return canPay(s) && Boolean(this.config?.enabled && this.config.gateway) && !this.showPaid;
  }

  /** The amount typed for an invoice, in cents, or the problem with it. */
  private amountFor(invoice: PortalInvoiceSummary, text: string): { ok: true; cents: number } | { ok: false; message: string } {
    const parsed = parseAmount(text, invoice.currency);
    if (!parsed.ok) return parsed;
    if (parsed.cents < 1) return { ok: false, message: 'Pay more than zero.' };
    if (!this.allowOverpayment && parsed.cents > invoice.balanceCents) {
      return { ok: false, message: `Pay at most ${formatMoney(invoice.balanceCents, invoice.currency)}, the balance of this invoice.` };
    }
    return parsed;
  }

  private appliedOf(invoice: PortalInvoiceSummary): Applied {
    return this.applied[invoice.id] ?? { on: false, text: centsToInput(invoice.balanceCents, invoice.currency) };
  }

  private setApplied(invoice: PortalInvoiceSummary, change: Partial<Applied>): void {
    this.applied = { ...this.applied, [invoice.id]: { ...this.appliedOf(invoice), ...change } };
    if (this.alert) this.alert = '';
  }

  /** Applies every open invoice shown, each for its whole balance. */
  payAll(): void {
    const next: Record<string, Applied> = {};
    for (const i of this.items.filter(payable)) next[i.id] = { on: true, text: centsToInput(i.balanceCents, i.currency) };
    this.applied = next;
    this.clearMessages();
  }

  /** The invoices applied, with their amounts (or the problems). */
  private selection(): { items: Array<{ invoice: PortalInvoiceSummary; amountCents: number }>; invalid: PortalInvoiceSummary[]; totalCents: number } {
    const items: Array<{ invoice: PortalInvoiceSummary; amountCents: number }> = [];
    const invalid: PortalInvoiceSummary[] = [];
    for (const invoice of this.items.filter(payable)) {
      const a = this.applied[invoice.id];
      if (!a?.on) continue;
      const amount = this.amountFor(invoice, a.text);
      if (amount.ok) items.push({ invoice, amountCents: amount.cents });
      else invalid.push(invoice);
    }
    // Integers: the sum is exact.
    const totalCents = items.reduce((sum, i) => sum + i.amountCents, 0);
    return { items, invalid, totalCents };
  }

  /** "Review payment": checks the choice, then shows what will be paid and how. */
  async review(): Promise<void> {
    const s = this.me;
    if (!s || !this.payOn(s) || this.busy) return;
    const { items, invalid, totalCents } = this.selection();
    this.notice = null;
    if (invalid.length) {
      this.alert = invalid.length === 1 ? `Check the amount for invoice ${invalid[0]!.number}.` : 'Check the amounts marked below.';
      void this.focusAfterUpdate(`input[data-amount="${CSS.escape(invalid[0]!.id)}"]`);
      return;
    }
    if (!items.length) {
      this.alert = 'Choose at least one invoice to pay: tick "Apply" next to it, or use "Pay all".';
      void this.focusAfterUpdate('input[data-apply]');
      return;
    }
    if (items.length > PAY_ITEMS_MAX) {
      this.alert = `Pay at most ${PAY_ITEMS_MAX} invoices at once.`;
      return;
    }
    this.alert = '';
    this.attempt = { key: newIdempotencyKey(), items, totalCents, currency: this.currency, unknown: false };
    this.payment = null;
    this.view = 'pay';
    this.saveMethod = false;
    this.payAfterToken = false;
    void this.focusAfterUpdate('#pay-title');
    await this.loadMethods();
  }

  private async loadMethods(): Promise<void> {
    const api = this.billing;
    if (!api) return;
    this.methodsPhase = 'loading';
    this.methodsError = '';
    try {
      const list = await api.methods.list();
      if (this.view !== 'pay') return;
      this.methods = list.items;
      this.methodsPhase = 'ready';
      if (!this.choice || (this.choice.kind === 'saved' && !this.methods.some((m) => m.id === (this.choice as { id: string }).id))) {
        const usable = this.methods.filter((m) => !isExpired(m));
        const preferred = usable.find((m) => m.isDefault) ?? usable[0];
        this.choose(preferred ? { kind: 'saved', id: preferred.id } : { kind: 'new', type: this.kinds[0] ?? 'card' });
      }
    } catch (error) {
      if (this.view !== 'pay') return;
      this.methodsError = errorMessage(error);
      this.methodsPhase = 'error';
    }
  }

  private get kinds(): MethodKind[] {
    return (this.config?.kinds ?? ['card']).filter((k): k is MethodKind => k === 'card' || k === 'bank');
  }

  private choose(choice: Choice): void {
    if (choiceValue(choice) === choiceValue(this.choice)) return;
    this.choice = choice;
    this.payAfterToken = false;
    if (choice.kind === 'new') this.fields.start(choice.type);
    else this.fields.stop();
  }

  private onChoice(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    const [kind, rest] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
    if (kind === 'saved') this.choose({ kind: 'saved', id: rest });
    else if (kind === 'new' && (rest === 'card' || rest === 'bank')) this.choose({ kind: 'new', type: rest });
    this.alert = '';
  }

  private onToken(_result: GatewayTokenResult): void {
    if (this.payAfterToken) {
      this.payAfterToken = false;
      void this.confirm();
    }
  }

  /** Leaves the review (or the outcome) for the list. */
  private leavePayment(): void {
    this.fields.stop();
    this.attempt = null;
    this.choice = null;
    this.methods = [];
    this.methodsPhase = 'idle';
    this.methodsError = '';
    this.saveMethod = false;
    this.payAfterToken = false;
  }

  /** Back to the list; the list is loaded again (a payment may have changed it). */
  showList(): void {
    if (this.busy) return;
    const wasUnknown = this.attempt?.unknown ?? false;
    this.leavePayment();
    this.view = 'list';
    this.payment = null;
    this.clearMessages();
    if (wasUnknown) this.notice = { kind: 'info', text: 'Your last payment may have gone through: check your payment history before you pay again.' };
    void this.reload(true);
    void this.focusAfterUpdate('#title');
  }

  /** "Confirm payment": sends the payment (again with the same key after a failure to hear back). */
  async confirm(): Promise<void> {
    const api = this.billing;
    const attempt = this.attempt;
    const choice = this.choice;
    const s = this.me;
    if (!api || !attempt || !choice || !s || this.busy) return;
    let method: Pick<PayRequest, 'methodId' | 'token' | 'saveMethod'>;
    if (choice.kind === 'saved') {
      method = { methodId: choice.id };
    } else {
      const result = this.fields.result;
      if (!result) {
        // The details are still in the gateway's form: ask it for the token, then pay.
        if (this.fields.phase === 'ready') {
          this.payAfterToken = true;
          this.fields.submit();
        } else {
          this.alert = 'Wait for the payment form to load, then enter the details.';
        }
        return;
      }
      method = { token: result.token, saveMethod: this.saveMethod && canManageMethods(s) };
    }
    const body: PayRequest = {
      idempotencyKey: attempt.key,
      ...method,
      items: attempt.items.map((i) => ({ invoiceId: i.invoice.id, amountCents: i.amountCents })),
      expectedTotalCents: attempt.totalCents,
    };
    const session = s.user.id;
    this.busy = true;
    this.pending = 'pay';
    this.clearMessages();
    try {
      const answer = await api.pay(body);
      if (this.me?.user.id !== session || this.attempt !== attempt) return;
      let payment = answer.payment;
      if (payment.status === 'pending' && answer.clientSecret) {
        const confirmed = await this.fields.confirmPayment(answer.clientSecret);
        if (confirmed?.ok) payment = await api.payments.get(payment.id).catch(() => payment);
      }
      this.showOutcome(payment);
    } catch (error) {
      if (this.me?.user.id !== session || this.attempt !== attempt) return;
      this.payFailed(error, attempt);
    } finally {
      this.busy = false;
      this.pending = '';
    }
  }

  private payFailed(error: unknown, attempt: Attempt): void {
    const code = errorCode(error);
    if (outcomeUnknown(error)) {
      // The payment may have been made: the same key and the same details, so a retry never charges twice.
      this.attempt = { ...attempt, unknown: true };
      this.alert = `We could not confirm your payment. ${errorMessage(error)} It may not have gone through: press "Confirm payment" again to try once more (you will not be charged twice), or check your payment history.`;
    } else if (code === 'INVOICE_NOT_PAYABLE' || code === 'CONFLICT' || code === 'IDEMPOTENCY_KEY_REUSED') {
      this.alert = `${errorMessage(error)} Go back to your invoices to start again.`;
    } else {
      const byInvoice = Object.entries((error as { fields?: Record<string, string> }).fields ?? {})
        .map(([path, text]) => {
          const index = /^items\.(\d+)\./.exec(path)?.[1];
          const item = index !== undefined ? attempt.items[Number(index)] : undefined;
          return item ? `Invoice ${item.invoice.number}: ${text}` : text;
        })
        .filter((t) => t !== errorMessage(error));
      this.alert = [errorMessage(error), ...byInvoice].join(' ');
      // A one-time token is used up by a refused request: the details are typed again.
      if (this.choice?.kind === 'new' && code !== 'PERMISSION_DENIED') this.fields.start(this.choice.type);
    }
    void this.focusAfterUpdate('.alert-box.error');
  }

  private showOutcome(payment: PortalPayment): void {
    this.payment = payment;
    this.view = 'result';
    this.fields.stop();
    emitBilling(this, 'porchlight-payment-complete', { payment });
    if (payment.status === 'succeeded' || payment.status === 'pending') {
      // What was paid is no longer to be paid; the list shows the new balances.
      const paid = new Set(payment.items.map((i) => i.invoiceId));
      this.applied = Object.fromEntries(Object.entries(this.applied).filter(([id]) => !paid.has(id)));
      this.attempt = null;
      void this.reload(true);
    }
    void this.focusAfterUpdate('#result-title');
  }

  /** After a decline: the same invoices and amounts, another method, a new attempt (a new key). */
  private tryAgain(): void {
    const previous = this.attempt;
    if (!previous) {
      this.showList();
      return;
    }
    this.attempt = { ...previous, key: newIdempotencyKey(), unknown: false };
    this.payment = null;
    this.view = 'pay';
    this.clearMessages();
    const choice = this.choice;
    this.choice = null;
    if (choice) this.choose(choice);
    void this.focusAfterUpdate('#pay-title');
    void this.loadMethods();
  }

  /** Asks for a payment being confirmed as it is now. */
  private async checkAgain(payment: PortalPayment): Promise<void> {
    const api = this.billing;
    if (!api) return;
    const now = await this.act(`check:${payment.id}`, () => api.payments.get(payment.id), {
      close: false,
      reload: false,
      success: (p) => (p.status === 'pending' ? 'Your payment is still being confirmed. Check your payment history later.' : undefined),
    });
    if (now && now.status !== 'pending') this.showOutcome(now);
  }

  private async downloadReceipt(payment: PortalPayment): Promise<void> {
    const api = this.billing;
    if (!api) return;
    await this.act(
      `receipt:${payment.id}`,
      () => saveReceipt(api, payment, this.renderRoot),
      { close: false, reload: false, success: (name) => `Downloading ${name}.` },
    );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A login that may no longer pay leaves the payment.
    const s = this.me;
    if (s && this.view === 'pay' && !canPay(s)) {
      this.leavePayment();
      this.view = 'list';
    }
  }

  // ---- rendering: the list -----------------------------------------------------------------

  protected override renderNotAllowed(): unknown {
    return noViewText();
  }

  protected override renderLead(s: SessionResponse): unknown {
    return html`<p class="lead">Your invoices from ${s.dealer.name} — "View" downloads one as a PDF.</p>`;
  }

  private payNote(s: SessionResponse): TemplateResult | typeof nothing {
    if (this.showPaid) return nothing;
    const why = cannotText(s, 'invoices.pay', 'pay invoices online');
    if (why) return html`<p class="note permission-note" part="note">${why}</p>`;
    if (this.configError) return html`<p class="note permission-note" part="note">Online payment could not be loaded: ${this.configError}</p>`;
    if (this.config && (!this.config.enabled || !this.config.gateway)) {
      return html`<p class="note permission-note" part="note">Online payment is not available. Contact ${s.dealer.name} to pay.</p>`;
    }
    return nothing;
  }

  private summaryText(): string {
    if (this.refreshing) return 'Loading…';
    const n = this.items.length;
    if (!n) return '';
    const which = this.showPaid ? 'paid' : 'open';
    return `Showing ${n} ${which} ${n === 1 ? 'invoice' : 'invoices'}${this.cursor ? ' so far' : ''}, ${SORT_WORDS[this.sort][this.order]}.`;
  }

  private sortHeader(sort: InvoiceSort, label: string, className: string): TemplateResult {
    const active = this.sort === sort;
    const ariaSort = active ? (this.order === 'asc' ? 'ascending' : 'descending') : nothing;
    return html`<th role="columnheader" scope="col" class="${className} sortable" aria-sort=${ariaSort}>
      <button class="sort-button" part="sort-button" type="button" data-sort=${sort} ?disabled=${this.refreshing} @click=${() => this.sortBy(sort)}>
        ${label}<span class="sort-mark" aria-hidden="true">${active ? (this.order === 'asc' ? '▲' : '▼') : '↕'}</span>
      </button>
    </th>`;
  }

  private cell(label: string, content: unknown, className = ''): TemplateResult {
    return html`<td role="cell" class=${className}><span class="cell-label" aria-hidden="true">${label}</span><div class="cell-value">${content}</div></td>`;
  }

  private dueCell(i: PortalInvoiceSummary): TemplateResult {
    return html`${dayTag(i.dueDate)}${i.pastDue ? html` <span class="overdue" part="overdue">Overdue</span>` : nothing}`;
  }

  private applyCell(i: PortalInvoiceSummary): TemplateResult {
    if (!payable(i)) return this.cell('Apply', html`<span class="muted">—</span>`, 'apply');
    const a = this.appliedOf(i);
    return html`<td role="cell" class="apply">
      <div class="check apply-check">
        <input
          type="checkbox"
          id="apply-${i.id}"
          data-apply=${i.id}
          .checked=${live(a.on)}
          ?disabled=${this.busy}
          @change=${(e: Event) => this.setApplied(i, { on: (e.target as HTMLInputElement).checked })}
        />
        <label for="apply-${i.id}"><span class="apply-word" aria-hidden="true">Apply</span><span class="sr-only">Pay invoice ${i.number}</span></label>
      </div>
    </td>`;
  }

  private amountCell(i: PortalInvoiceSummary): TemplateResult {
    if (!payable(i)) return this.cell('Amount to pay', html`<span class="muted">—</span>`, 'pay-amount');
    const a = this.appliedOf(i);
    const check = a.on ? this.amountFor(i, a.text) : null;
    const error = check && !check.ok ? check.message : '';
    const errorId = `amount-${i.id}-error`;
    return html`<td role="cell" class="pay-amount">
      <label class="cell-label" for="amount-${i.id}" aria-hidden="true">Amount to pay</label>
      <div class="cell-value">
        <input
          class="amount"
          part="amount"
          id="amount-${i.id}"
          name="amount-${i.id}"
          data-amount=${i.id}
          type="text"
          inputmode="decimal"
          autocomplete="off"
          spellcheck="false"
          maxlength="20"
          aria-label="Amount to pay on invoice ${i.number}"
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? errorId : nothing}
          .value=${a.text}
          ?disabled=${!a.on || this.busy}
          @input=${(e: Event) => this.setApplied(i, { text: (e.target as HTMLInputElement).value })}
        />
        ${error ? html`<div class="field-error amount-error" id=${errorId}>${alertIcon}<span>${error}</span></div>` : nothing}
      </div>
    </td>`;
  }

  private table(s: SessionResponse): TemplateResult {
    const pay = this.payOn(s);
    const which = this.showPaid ? 'Paid invoices' : 'Open invoices';
    return html`<div class="table-wrap">
      <table class="data invoices ${pay ? 'paying' : ''}" part="table" role="table" aria-busy=${this.refreshing ? 'true' : 'false'}>
        <caption class="sr-only">${which}, ${SORT_WORDS[this.sort][this.order]}</caption>
        <thead role="rowgroup">
          <tr role="row">
            ${pay ? html`<th role="columnheader" scope="col" class="apply">Apply</th>` : nothing}
            ${this.sortHeader('number', 'Invoice', 'number')} ${this.sortHeader('issued', 'Issued', 'issued')} ${this.sortHeader('due', 'Due', 'due')}
            <th role="columnheader" scope="col" class="num">Total</th>
            <th role="columnheader" scope="col" class="num">Balance</th>
            <th role="columnheader" scope="col" class="status-cell">Status</th>
            ${pay ? html`<th role="columnheader" scope="col" class="pay-amount">Amount to pay</th>` : nothing}
            <th role="columnheader" scope="col" class="actions-cell"><span class="sr-only">PDF</span></th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          ${repeat(
            this.items,
            (i) => i.id,
            (i) => {
              const busyPdf = this.pending === `pdf:${i.id}`;
              return html`<tr role="row" part="row" class="${i.pastDue ? 'overdue-row' : ''} ${this.applied[i.id]?.on ? 'applied' : ''}" data-invoice=${i.id}>
                ${pay ? this.applyCell(i) : nothing}
                <th role="rowheader" scope="row" class="row-head number"><span class="sr-only">Invoice </span>${i.number}</th>
                ${this.cell('Issued', dayTag(i.issueDate), 'issued')} ${this.cell('Due', this.dueCell(i), `due ${i.pastDue ? 'is-overdue' : ''}`)}
                ${this.cell('Total', formatMoney(i.totalCents, i.currency), 'num total')} ${this.cell('Balance', formatMoney(i.balanceCents, i.currency), 'num balance')}
                ${this.cell('Status', invoiceStatusTag(i.status), 'status-cell')} ${pay ? this.amountCell(i) : nothing}
                <td role="cell" class="actions-cell">
                  <button
                    class="button secondary small inline"
                    part="button"
                    type="button"
                    data-view=${i.id}
                    aria-label=${busyPdf ? `Downloading invoice ${i.number}` : `View invoice ${i.number} (PDF)`}
                    ?disabled=${this.busy}
                    @click=${() => this.viewPdf(i)}
                  >
                    ${busyLabel(busyPdf, 'View', 'Downloading…')}
                  </button>
                </td>
              </tr>`;
            },
          )}
        </tbody>
      </table>
    </div>`;
  }

  private payBar(s: SessionResponse): TemplateResult | typeof nothing {
    if (!this.payOn(s) || !this.items.some(payable)) return nothing;
    const { items, invalid, totalCents } = this.selection();
    const n = items.length;
    return html`<div class="pay-bar" part="pay-bar">
      <div class="pay-total">
        <span class="pay-total-label">Total to pay</span>
        <strong class="total-amount" data-total aria-live="polite">${formatMoney(totalCents, this.currency)}</strong>
        <span class="sub">${n} ${n === 1 ? 'invoice' : 'invoices'}${invalid.length ? ` · ${invalid.length} to correct` : ''}</span>
      </div>
      <div class="pay-buttons">
        <button class="button secondary inline" part="button" type="button" data-pay-all ?disabled=${this.busy} @click=${this.payAll}>Pay all</button>
        <button class="button inline" part="button" type="button" data-review ?disabled=${this.busy} @click=${this.review}>Review payment</button>
      </div>
      ${this.cursor ? html`<p class="note pay-all-note">"Pay all" applies to the invoices shown. Use "Load more" to see the others.</p>` : nothing}
    </div>`;
  }

  private renderList(s: SessionResponse): TemplateResult {
    const empty = this.showPaid ? 'No paid invoices yet.' : `You have no open invoices. Nothing is due to ${s.dealer.name} right now.`;
    return html`${this.payNote(s)}
      <div class="list-bar">
        <div class="filters" part="filters">
          <div class="check switch">
            <input type="checkbox" role="switch" id="show-paid" name="showPaid" .checked=${this.showPaid} ?disabled=${this.refreshing} @change=${this.onShowPaid} />
            <label for="show-paid">Show paid invoices</label>
          </div>
        </div>
        <p class="summary" part="summary" role="status" tabindex="-1">${this.summaryText()}</p>
      </div>
      ${this.items.length ? html`<p class="sort-hint" aria-hidden="true">Sort by</p>${this.table(s)} ${this.payBar(s)}` : html`<p class="empty" part="empty">${empty}</p>`}
      ${this.renderMore()}`;
  }

  // ---- rendering: the review ---------------------------------------------------------------

  private sectionHeading(text: string, id: string): TemplateResult {
    return html`<div class="section-title" role="heading" aria-level=${Math.min(6, this.level + 2)} id=${id}>${text}</div>`;
  }

  private chosenLabel(): string {
    const c = this.choice;
    if (!c) return '';
    if (c.kind === 'saved') {
      const m = this.methods.find((x) => x.id === c.id);
      return m ? methodLabel(m) : 'the saved method';
    }
    const summary = this.fields.result?.summary;
    if (summary) return methodLabel(summary);
    return c.type === 'card' ? 'a new card' : 'a new bank account';
  }

  private methodChoices(s: SessionResponse, attempt: Attempt): TemplateResult {
    if (this.methodsPhase === 'loading' || this.methodsPhase === 'idle') {
      return html`<div class="loading small-loading" role="status"><span class="spinner" aria-hidden="true"></span>Loading your payment methods…</div>`;
    }
    const locked = attempt.unknown || this.busy;
    const value = choiceValue(this.choice);
    const radio = (v: string, label: unknown, o: { disabled?: boolean; hint?: string } = {}) => {
      const id = `method-${v.replace(/[^A-Za-z0-9_-]/g, '-')}`;
      return html`<div class="choice">
        <input type="radio" name="method" id=${id} value=${v} .checked=${v === value} ?disabled=${locked || o.disabled} aria-describedby=${o.hint ? `${id}-hint` : nothing} @change=${this.onChoice} />
        <label for=${id}>${label}${o.hint ? html`<span class="hint" id="${id}-hint">${o.hint}</span>` : nothing}</label>
      </div>`;
    };
    const kinds = this.kinds;
    return html`<fieldset class="methods" part="methods">
      <legend>Pay with</legend>
      ${this.methodsPhase === 'error' ? html`<p class="note">Your saved methods could not be loaded: ${this.methodsError}</p>` : nothing}
      <div class="checks">
        ${this.methods.map((m) => {
          const expired = isExpired(m);
          const bits = [expiryText(m) ? `${expired ? 'Expired' : 'Expires'} ${expiryText(m)}` : '', m.isDefault ? 'Default' : ''].filter(Boolean).join(' · ');
          return radio(`saved:${m.id}`, methodLabel(m), { disabled: expired, ...(bits ? { hint: bits } : {}) });
        })}
        ${kinds.includes('card') ? radio('new:card', 'A new card') : nothing} ${kinds.includes('bank') ? radio('new:bank', 'A new bank account (eCheck)') : nothing}
      </div>
    </fieldset>
    ${this.choice?.kind === 'new' ? this.newMethod(s, this.choice.type, locked) : nothing}`;
  }

  private newMethod(s: SessionResponse, type: MethodKind, locked: boolean): TemplateResult {
    const what = type === 'card' ? 'card' : 'bank account';
    const done = this.fields.phase === 'done';
    return html`<div class="new-method">
      <p class="note">Enter the ${what} details in the secure form below. They go straight to the payment processor; ${s.dealer.name} keeps only the last four digits.</p>
      ${this.fields.template(type === 'card' ? 'Card details' : 'Bank account details')}
      ${done && !locked
        ? html`<div><button class="link-button" type="button" data-other-details @click=${() => this.fields.start(type)}>Use a different ${what}</button></div>`
        : nothing}
      ${canManageMethods(s)
        ? html`<div class="check">
            <input type="checkbox" id="save-method" name="saveMethod" .checked=${live(this.saveMethod)} ?disabled=${locked} @change=${(e: Event) => (this.saveMethod = (e.target as HTMLInputElement).checked)} />
            <label for="save-method">Save this ${what} for future payments</label>
          </div>`
        : nothing}
    </div>`;
  }

  private renderReview(s: SessionResponse, attempt: Attempt): TemplateResult {
    const n = attempt.items.length;
    const total = formatMoney(attempt.totalCents, attempt.currency);
    const paying = this.pending === 'pay' || (this.payAfterToken && this.fields.phase === 'checking');
    return html`${backBar('Back to invoices', () => this.showList(), this.busy)}
      <section class="review" part="review" aria-labelledby="pay-title">
        <div class="detail-title" id="pay-title" role="heading" aria-level=${Math.min(6, this.level + 1)} tabindex="-1">Review your payment</div>
        <div class="table-wrap">
          <table class="data review-items" role="table">
            <caption class="sr-only">The invoices this payment pays</caption>
            <thead role="rowgroup">
              <tr role="row">
                <th role="columnheader" scope="col">Invoice</th>
                <th role="columnheader" scope="col" class="num">Balance</th>
                <th role="columnheader" scope="col" class="num">Paying now</th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              ${attempt.items.map(
                (i) => html`<tr role="row" data-item=${i.invoice.id}>
                  <th role="rowheader" scope="row" class="row-head">${i.invoice.number}</th>
                  ${this.cell('Balance', formatMoney(i.invoice.balanceCents, i.invoice.currency), 'num')}
                  ${this.cell('Paying now', formatMoney(i.amountCents, i.invoice.currency), 'num paying')}
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
        <p class="review-total"><span>Total</span> <strong data-review-total>${total}</strong></p>
        ${this.methodChoices(s, attempt)}
        ${attempt.unknown
          ? html`<p class="note unknown-note" part="note">${infoIcon} Your last attempt may have gone through, so the details stay as they were. Press "Confirm payment" to try again safely, or check your payment history.</p>`
          : nothing}
        <p class="confirm-text" data-confirm-text>You are paying <strong>${total}</strong> to ${s.dealer.name} for ${n} ${n === 1 ? 'invoice' : 'invoices'} with ${this.chosenLabel()}.</p>
        <div class="form-actions">
          <button class="button inline" part="button" type="button" data-confirm ?disabled=${this.busy || paying || !this.choice} @click=${this.confirm}>
            ${busyLabel(paying, `Confirm payment of ${total}`, 'Paying…')}
          </button>
          <button class="button secondary inline" part="button" type="button" ?disabled=${this.busy} @click=${() => this.showList()}>Cancel</button>
        </div>
      </section>`;
  }

  // ---- rendering: the outcome ---------------------------------------------------------------

  private renderResult(s: SessionResponse, p: PortalPayment): TemplateResult {
    const amount = formatMoney(p.amountCents, p.currency);
    const ok = p.status === 'succeeded';
    const pending = p.status === 'pending';
    const title = ok ? 'Payment received' : pending ? 'Payment being confirmed' : p.status === 'declined' ? 'Payment declined' : 'Payment failed';
    const receiptBusy = this.pending === `receipt:${p.id}`;
    let message: TemplateResult;
    if (ok) {
      message = html`<div class="alert-box success">${checkIcon}<p>Thank you. ${amount} was paid with ${methodLabel(p.method)}.</p></div>`;
    } else if (pending) {
      message = html`<div class="alert-box info">${infoIcon}<p>
          We could not confirm your payment of ${amount} yet: ${p.method.kind === 'bank' ? 'bank payments take a few days to settle' : 'the payment processor is still working on it'}. It shows in your
          payment history as "Processing". Please do not pay these invoices again.
        </p></div>`;
    } else {
      message = html`<div class="alert-box error" role="alert">${alertIcon}<p>${p.failureMessage || 'The payment was not accepted.'} Nothing was charged and no invoice was changed.</p></div>`;
    }
    return html`<section class="result" part="result" aria-labelledby="result-title" data-status=${p.status}>
      <div class="result-head">
        <div class="detail-title" id="result-title" role="heading" aria-level=${Math.min(6, this.level + 1)} tabindex="-1">${title}</div>
        ${paymentStatusTag(p.status)}
      </div>
      ${message}
      <dl class="facts">
        ${ok || pending ? html`<div><dt>Receipt number</dt><dd data-receipt>${p.receiptNumber}</dd></div>` : nothing}
        <div><dt>Amount</dt><dd>${amount}</dd></div>
        <div><dt>Method</dt><dd>${methodLabel(p.method)}</dd></div>
        <div><dt>Date</dt><dd>${timeTag(p.createdAt)}</dd></div>
        <div><dt>Invoices</dt><dd>${p.items.map((i) => `${i.invoiceNumber} (${formatMoney(i.amountCents, p.currency)})`).join(', ')}</dd></div>
      </dl>
      <div class="form-actions">
        ${ok
          ? html`<button class="button inline" part="button" type="button" data-receipt-download ?disabled=${this.busy} @click=${() => this.downloadReceipt(p)}>
              ${busyLabel(receiptBusy, 'Download receipt', 'Downloading…')}
            </button>`
          : pending
            ? html`<button class="button inline secondary" part="button" type="button" data-check-again ?disabled=${this.busy} @click=${() => this.checkAgain(p)}>
                ${busyLabel(this.pending === `check:${p.id}`, 'Check again', 'Checking…')}
              </button>`
          : canPay(s)
            ? html`<button class="button inline" part="button" type="button" data-try-again @click=${this.tryAgain}>Try another method</button>`
            : nothing}
        <button class="button secondary inline" part="button" type="button" ?disabled=${this.busy} @click=${() => this.showList()}>Back to invoices</button>
      </div>
    </section>`;
  }

  protected override renderReady(s: SessionResponse): unknown {
    if (this.view === 'pay' && this.attempt) return this.renderReview(s, this.attempt);
    if (this.view === 'result' && this.payment) return this.renderResult(s, this.payment);
    return this.renderList(s);
  }
}

/** An invoice that can be paid: a balance, not void. */
function payable(i: PortalInvoiceSummary): boolean {
  return i.balanceCents > 0 && (i.status === 'open' || i.status === 'partially-paid');
}
