import { html, nothing, type TemplateResult } from 'lit';
import { billingApi, type BillingApi, type PorchlightClient, type PortalPayment, type PortalPaymentPage, type SessionResponse } from '@porchlight/client';
import { AccountList } from '../internal/account-list.js';
import { dataTable } from '../internal/data-table.js';
import { timeTag } from '../internal/format.js';
import { busyLabel } from '../internal/templates.js';
import { canViewBilling, formatMoney, methodLabel, noViewText, paymentStatusTag, saveReceipt } from './billing-format.js';
import { billingStyles } from './billing.styles.js';
import { pageLimit } from '../internal/list-view.js';

const PAGE_SIZE = 20;

/** A payment with a receipt: money was taken (the server has none for the others). */
const hasReceipt = (p: PortalPayment) => p.status === 'succeeded' || p.status === 'refunded';

/**
 * <porchlight-payment-history>: the account's payments, newest first, a page at a time ("Load
 * more"): the date, the method (brand or bank and last four), the amount (and what was refunded),
 * the invoices it paid, its status in words and colour (Processing, Paid, Declined with the
 * reason, Failed, Refunded; "Autopay" when autopay made it), and "Receipt" to download the
 * receipt as a PDF. Needs "View invoices". Lives inside <porchlight-portal>.
 *
 * @attr heading - the heading (default "Payment history")
 * @attr heading-level - the heading level (default 2)
 * @attr page-size - how many payments one page asks for (1–100, default 20)
 * @csspart card - the card around everything
 * @csspart title - the heading
 * @csspart button - buttons (Receipt, Load more, Retry)
 * @csspart summary - the line saying what is shown (a live region)
 * @csspart table - the payments (cards when narrow)
 * @csspart row - each payment
 * @csspart status - a status tag (also `status-pending`, `status-succeeded`, `status-declined`, `status-failed`, `status-refunded`)
 * @csspart tag - the "Autopay" tag
 * @csspart error - the error region (role=alert)
 * @csspart notice - the status region (role=status)
 * @csspart state - the loading and load-error states
 * @csspart empty - the empty state
 * @csspart note - notes (signed out, no permission)
 */
export class PorchlightPaymentHistory extends AccountList<PortalPayment> {
  static override styles = billingStyles;
  static override grant = 'payments' as const;
  static override properties = {
    pageSize: { type: Number, attribute: 'page-size' },
  };

  /** How many payments one page asks for (1–100, default 20). */
  declare pageSize: number;

  constructor() {
    super();
    this.heading = 'Payment history';
    this.pageSize = PAGE_SIZE;
  }

  private get limit(): number {
    return pageLimit(this.pageSize, PAGE_SIZE);
  }

  private get api(): BillingApi | undefined {
    return this.client ? billingApi(this.client) : undefined;
  }

  protected override allowed(s: SessionResponse): boolean {
    return canViewBilling(s);
  }

  protected override fetchPage(client: PorchlightClient, cursor?: string): Promise<PortalPaymentPage> {
    return billingApi(client).payments.list({ limit: this.limit, cursor });
  }

  protected override rowSelector(p: PortalPayment): string {
    return `[data-row-head="${CSS.escape(p.id)}"]`;
  }

  protected override loadingText(): string {
    return 'Loading payments…';
  }

  protected override signedOutText(): string {
    return 'Log in to see your payments.';
  }

  private async receipt(p: PortalPayment): Promise<void> {
    const api = this.api;
    if (!api) return;
    await this.act(
      `receipt:${p.id}`,
      () => saveReceipt(api, p, this.renderRoot),
      { close: false, reload: false, success: (name) => `Downloading ${name}.` },
    );
  }

  // ---- rendering -------------------------------------------------------------------------

  protected override renderNotAllowed(): unknown {
    return noViewText();
  }

  protected override renderLead(s: SessionResponse): unknown {
    return html`<p class="lead">Payments made to ${s.dealer.name} in this portal and by autopay, newest first.</p>`;
  }

  private summaryText(): string {
    if (this.refreshing) return 'Loading…';
    const n = this.items.length;
    if (!n) return '';
    return `Showing ${this.cursor ? 'the latest ' : ''}${n} ${n === 1 ? 'payment' : 'payments'}${this.cursor ? '. Load more to see older ones' : ''}.`;
  }

  private statusCell(p: PortalPayment): TemplateResult {
    return html`${paymentStatusTag(p.status)}${p.autopay ? html` <span class="tag" part="tag">Autopay</span>` : nothing}
    ${(p.status === 'declined' || p.status === 'failed') && p.failureMessage ? html`<span class="failure">${p.failureMessage}</span>` : nothing}`;
  }

  private amountCell(p: PortalPayment): TemplateResult {
    return html`${formatMoney(p.amountCents, p.currency)}${p.refundedCents > 0 && p.status !== 'refunded'
      ? html`<span class="sub">${formatMoney(p.refundedCents, p.currency)} refunded</span>`
      : nothing}`;
  }

  private receiptCell(p: PortalPayment): TemplateResult | typeof nothing {
    if (!hasReceipt(p)) return html`<span class="sub">No receipt</span>`;
    const running = this.pending === `receipt:${p.id}`;
    return html`<button
      class="button secondary small inline"
      part="button"
      type="button"
      data-receipt=${p.id}
      aria-label=${running ? `Downloading receipt ${p.receiptNumber}` : `Download receipt ${p.receiptNumber} (PDF)`}
      ?disabled=${this.busy}
      @click=${() => this.receipt(p)}
    >
      ${busyLabel(running, 'Receipt', 'Downloading…')}
    </button>`;
  }

  protected override renderReady(): unknown {
    return html`<p class="summary" part="summary" role="status" tabindex="-1">${this.summaryText()}</p>
      ${this.items.length
        ? dataTable<PortalPayment>({
            caption: 'Payments, newest first',
            items: this.items,
            key: (p) => p.id,
            busy: this.refreshing,
            className: 'payments',
            columns: [
              { label: 'Date', className: 'when', cell: (p) => html`<span data-row-head=${p.id} tabindex="-1">${timeTag(p.createdAt)}</span>` },
              { label: 'Method', className: 'method-cell', cell: (p) => methodLabel(p.method) },
              { label: 'Amount', className: 'num amount-cell', cell: (p) => this.amountCell(p) },
              { label: 'Invoices', className: 'invoices-paid', cell: (p) => p.items.map((i) => i.invoiceNumber).join(', ') || '—' },
              { label: 'Status', className: 'status-cell', cell: (p) => this.statusCell(p) },
              { label: 'Receipt', className: 'actions-cell', bare: true, cell: (p) => this.receiptCell(p) },
            ],
          })
        : html`<p class="empty" part="empty">No payments yet. Payments you make here, and autopay charges, appear in this list.</p>`}
      ${this.renderMore()}`;
  }
}
