import { html, nothing, type TemplateResult } from 'lit';
import { proposalsApi, type PorchlightClient, type PortalProposalPage, type PortalProposalSummary, type SessionResponse } from '@porchlight/client';
import { AccountList } from '../internal/account-list.js';
import { dataTable } from '../internal/data-table.js';
import { timeTag } from '../internal/format.js';
import { emitProposal } from './events.js';
import { cannotDecideText, formatMoney, statusTag } from './proposal-format.js';
import { proposalsStyles } from './proposals.styles.js';
import { pageLimit } from '../internal/list-view.js';

const PAGE_SIZE = 50;

/** Open ones: the soonest to expire first. */
const byExpiry = (a: PortalProposalSummary, b: PortalProposalSummary) => a.expiresAt.localeCompare(b.expiresAt) || a.number.localeCompare(b.number);
/** The others: the latest decided or changed first. */
const byLatest = (a: PortalProposalSummary, b: PortalProposalSummary) => (b.decidedAt ?? b.updatedAt).localeCompare(a.decidedAt ?? a.updatedAt) || b.id.localeCompare(a.id);

/**
 * <porchlight-proposals>: the proposals the dealer sent to the account. The open ones first
 * (soonest to expire first), then the decided and closed ones; each with its number, title,
 * total in its currency, expiry and status in text and colour (Open, Accepted, Rejected,
 * Expired, Withdrawn). Opening one shows it with <porchlight-proposal-signer>, with "Back to
 * proposals", where it is printed and accepted or rejected. Lives inside <porchlight-portal>.
 *
 * @attr heading - the heading (default "Proposals")
 * @attr heading-level - the heading level (default 2)
 * @attr page-size - how many proposals one page asks for (1–100, default 50)
 * @csspart card - the card around everything
 * @csspart title - the heading
 * @csspart button - buttons (Load more, Retry)
 * @csspart table - each list (cards when narrow)
 * @csspart row - each proposal
 * @csspart status - a status tag (also `status-open`, `status-accepted`, `status-rejected`, `status-expired`, `status-withdrawn`)
 * @csspart error - the error region (role=alert)
 * @csspart notice - the status region (role=status)
 * @csspart state - the loading and load-error states
 * @csspart empty - the empty state
 * @csspart note - notes (who may decide; signed out)
 * @fires porchlight-proposal-open - `{ proposalId }` when a proposal is opened from the list
 * @fires porchlight-proposal-back - `{ proposalId }` (from the signer) when "Back to proposals" is pressed
 * @fires porchlight-proposal-decided - `{ proposal }` (from the signer) after one was accepted or rejected
 */
export class PorchlightProposals extends AccountList<PortalProposalSummary> {
  static override styles = proposalsStyles;
  static override grant = 'proposals' as const;
  static override properties = {
    pageSize: { type: Number, attribute: 'page-size' },
    view: { state: true },
    openId: { state: true },
  };

  /** How many proposals one page asks for (1–100, default 50). */
  declare pageSize: number;

  protected declare view: 'list' | 'proposal';
  /** The proposal shown (view `proposal`). */
  protected declare openId: string;

  constructor() {
    super();
    this.heading = 'Proposals';
    this.pageSize = PAGE_SIZE;
    this.view = 'list';
    this.openId = '';
  }

  private get limit(): number {
    return pageLimit(this.pageSize, PAGE_SIZE);
  }

  /** Shows one proposal (as if opened from the list). */
  openProposal(proposalId: string): void {
    if (!proposalId) return;
    this.openId = proposalId;
    this.view = 'proposal';
    this.clearMessages();
    emitProposal(this, 'porchlight-proposal-open', { proposalId });
  }

  /** Back to the list, which is loaded again (a proposal may have been decided). */
  showList(): void {
    const from = this.openId;
    this.view = 'list';
    this.openId = '';
    void (async () => {
      await this.updateComplete;
      this.focusRow(from);
      await this.reload(true);
      await this.updateComplete;
      // A proposal decided meanwhile moved to the other list (a new row): focus it there.
      const lost = !(this.renderRoot as ShadowRoot).activeElement && (!document.activeElement || document.activeElement === document.body);
      if (lost) this.focusRow(from);
    })();
  }

  private focusRow(proposalId: string): void {
    const row = proposalId ? this.renderRoot.querySelector<HTMLElement>(this.rowSelector({ id: proposalId })) : null;
    (row ?? this.renderRoot.querySelector<HTMLElement>('#title'))?.focus();
  }

  // ---- data ------------------------------------------------------------------------------

  protected override fetchPage(client: PorchlightClient, cursor?: string): Promise<PortalProposalPage> {
    return proposalsApi(client).list({ limit: this.limit, cursor });
  }

  protected override rowSelector(p: Pick<PortalProposalSummary, 'id'>): string {
    return `button.open-proposal[data-id="${CSS.escape(p.id)}"]`;
  }

  protected override clear(): void {
    super.clear();
    this.view = 'list';
    this.openId = '';
  }

  protected override loadingText(): string {
    return 'Loading proposals…';
  }

  protected override signedOutText(): string {
    return 'Log in to see your proposals.';
  }

  // ---- rendering -------------------------------------------------------------------------

  protected override renderLead(s: SessionResponse): unknown {
    return html`<p class="lead">Open a proposal from ${s.dealer.name} to read it, print it, and accept or reject it.</p>`;
  }

  private titleCell(p: PortalProposalSummary): TemplateResult {
    return html`<button class="link-button open-proposal" type="button" data-id=${p.id} @click=${() => this.openProposal(p.id)}>${p.title}</button>`;
  }

  private statusCell(p: PortalProposalSummary): TemplateResult {
    return html`${statusTag(p.status)}${p.decidedAt ? html` <span class="sub">on ${timeTag(p.decidedAt, 'date')}</span>` : nothing}`;
  }

  private table(caption: string, items: PortalProposalSummary[]): TemplateResult {
    return dataTable<PortalProposalSummary>({
      caption,
      items,
      key: (p) => p.id,
      busy: this.refreshing,
      className: 'proposals',
      columns: [
        { label: 'Title', bare: true, className: 'title-cell', cell: (p) => this.titleCell(p) },
        { label: 'Number', className: 'number', cell: (p) => p.number },
        { label: 'Total', className: 'total num', cell: (p) => formatMoney(p.totalCents, p.currency) },
        { label: 'Expires', className: 'expires', cell: (p) => timeTag(p.expiresAt, 'date') },
        { label: 'Status', className: 'status-cell', cell: (p) => this.statusCell(p) },
      ],
    });
  }

  protected override renderReady(s: SessionResponse): unknown {
    if (!this.items.length) {
      return html`<p class="empty" part="empty">No proposals yet. When ${s.dealer.name} sends you one, it appears here.</p>`;
    }
    const open = this.items.filter((p) => p.status === 'open').sort(byExpiry);
    const past = this.items.filter((p) => p.status !== 'open').sort(byLatest);
    const why = open.length ? cannotDecideText(s) : null;
    return html`${why ? html`<p class="note" part="note">${why}</p>` : nothing}
      ${open.length
        ? html`<section class="group open-group" aria-labelledby="open-title">
            ${this.subheading(`Waiting for your decision (${open.length})`, 'open-title')} ${this.table('Open proposals, the soonest to expire first', open)}
          </section>`
        : nothing}
      ${past.length
        ? html`<section class="group past-group" aria-labelledby="past-title">
            ${this.subheading('Earlier proposals', 'past-title')} ${this.table('Decided, expired and withdrawn proposals, the latest first', past)}
          </section>`
        : nothing}
      ${this.renderMore()}`;
  }

  private onBack = (): void => this.showList();

  protected override render() {
    if (this.view === 'proposal' && this.openId && this.me && this.client) {
      return html`<porchlight-proposal-signer
        proposal-id=${this.openId}
        show-back
        heading-level=${this.headingLevel}
        @porchlight-proposal-back=${this.onBack}
      ></porchlight-proposal-signer>`;
    }
    return super.render();
  }
}
