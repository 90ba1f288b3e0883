import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { adminTicketsApi, formatMinorUnits, type AdminTicketsApi } from '@porchlight/client';
import { parseAmount, TICKET_PAGE_SIZE, TICKET_REPLY_MAX, UPLOAD_MAX_BYTES, type AdminTicketSummary, type Attachment, type EstimateStatus, type Ticket, type TicketEntry, type TicketField, type TicketStatus } from '@porchlight/core';
import { actorLabel, actorText } from '../internal/actor.js';
import { DialogController, dialogTemplate } from '../internal/dialog.js';
import { timeTag } from '../internal/format.js';
import { alertIcon, checkIcon, infoIcon } from '../internal/icons.js';
import { backBar, pageLimit } from '../internal/list-view.js';
import { busyLabel } from '../internal/templates.js';
import { formatSize, saveBlob } from '../internal/files.js';
import { AdminElement } from './internal/admin-element.js';
import { filesField, FileUploads } from '../internal/file-uploads.js';
import { adminTicketsStyles } from './admin-tickets.styles.js';

type Load = 'idle' | 'loading' | 'ready' | 'error';

/** Which tickets the list shows. */
export type TicketFilter = 'open' | 'completed' | 'all';

const FILTERS: ReadonlyArray<[TicketFilter, string]> = [
  ['open', 'Open'],
  ['completed', 'Completed'],
  ['all', 'All'],
];

const STATUS_TEXT: Record<TicketStatus, string> = { open: 'Open', completed: 'Completed' };
const ESTIMATE_TEXT: Record<EstimateStatus, string> = { proposed: 'Waiting for the client', approved: 'Approved', declined: 'Declined', withdrawn: 'Withdrawn' };
const ESTIMATE_CLASS: Record<EstimateStatus, string> = { proposed: 'warn', approved: 'done', declined: 'danger', withdrawn: 'off' };
const SEARCH_MAX = 100;
const ESTIMATE_DESCRIPTION_MAX = 2000;
/** The largest estimate the API takes (CreateEstimateRequest: 100 million in the currency's main unit). */
const ESTIMATE_MAX_CENTS = 100_000_000_00;

/** A ticket's status as a badge: the word, and its colour. */
function statusBadge(status: TicketStatus): TemplateResult {
  return html`<span class="badge ${status === 'open' ? 'open' : 'done'}" part="badge status">${STATUS_TEXT[status] ?? status}</span>`;
}

/** The list's summary of a ticket (after a change made on its page). */
function summaryOf(ticket: Ticket, accountName: string): AdminTicketSummary {
  const { fields: _f, subscribers: _s, entries: _e, ...summary } = ticket;
  return { ...summary, accountName };
}

/**
 * <porchlight-admin-tickets>: the support queue of the dealer's back office. Lists the tickets
 * of every account (or, with `account-id`, of one account: the Account Manager page can embed
 * it), newest activity first, filtered by status (Open by default, Completed, All) and searched
 * by subject, one page at a time. Each row shows the number, account, subject, request type,
 * status (in words and colour), when it changed, and "Client replied" / "Estimate waiting".
 *
 * Opening a ticket shows it in place of the list: the client's answers to the request form
 * (files downloadable), who is notified, and the conversation in plain text with its files and
 * estimates. A role with `tickets.reply` answers (text and files, uploaded as they are chosen,
 * optionally completing the ticket), proposes or withdraws an estimate, and completes or
 * reopens the ticket; other roles read it, with a note. Lives inside <porchlight-admin>.
 *
 * @attr account-id - only this account's tickets (and no account column)
 * @attr heading - the heading (default "Support tickets")
 * @attr page-size - tickets per page (1–100, default 20)
 * @csspart card - the cards (list, ticket)
 * @csspart title - headings
 * @csspart form - the filter form, the reply form, the estimate form
 * @csspart field - text fields (the file picker also `files`)
 * @csspart button - buttons
 * @csspart back - the "Back to tickets" button
 * @csspart error - error regions (role=alert)
 * @csspart notice - status regions (role=status)
 * @csspart status - the list's summary (role=status)
 * @csspart loading - loading states
 * @csspart empty - the text shown when no ticket matches
 * @csspart not-allowed - the note for a role that cannot answer tickets
 * @csspart table - the list of tickets (cards when narrow)
 * @csspart ticket-link - the button with each ticket's subject
 * @csspart badge - badges (status, Client replied, Estimate waiting, estimate status)
 * @csspart thread - the conversation
 * @csspart entry - each entry of the conversation
 * @csspart estimate - an estimate in the conversation
 * @csspart uploads - the files chosen for a reply (also `file-list`)
 * @csspart upload - each of them (also `file`)
 * @csspart dialog - the estimate dialog
 */
export class PorchlightAdminTickets extends AdminElement {
  static override styles = adminTicketsStyles;
  static override properties = {
    accountId: { attribute: 'account-id' },
    heading: {},
    pageSize: { type: Number, attribute: 'page-size' },
    filter: { state: true },
    query: { state: true },
    status: { state: true },
    items: { state: true },
    cursor: { state: true },
    failure: { state: true },
    loadingMore: { state: true },
    openId: { state: true },
    ticket: { state: true },
    detailStatus: { state: true },
    detailFailure: { state: true },
    acting: { state: true },
  };

  /** Only this account's tickets; unset: every account's. */
  declare accountId: string | null;
  /** The heading of the list. */
  declare heading: string;
  /** Tickets per page (1–100); 20 by default. */
  declare pageSize: number;

  protected declare filter: TicketFilter;
  /** The search the list is for. */
  protected declare query: string;
  protected declare status: Load;
  protected declare items: AdminTicketSummary[];
  protected declare cursor: string | null;
  protected declare failure: unknown;
  protected declare loadingMore: boolean;
  /** The ticket shown in place of the list, if any. */
  protected declare openId: string | null;
  protected declare ticket: Ticket | null;
  protected declare detailStatus: Load;
  protected declare detailFailure: unknown;
  /** What the ticket page is doing ('status', `withdraw:<entry>`, `download:<attachment>`), or ''. */
  protected declare acting: string;

  protected readonly dialog = new DialogController<{ kind: 'estimate' }>(this, () => this.renderRoot.querySelector<HTMLElement>('#ticket-title'));
  protected readonly uploads = new FileUploads(this, () => this.api);

  private key: string | undefined;
  private runs = 0;
  private detailRuns = 0;
  private lastOpened: string | undefined;

  constructor() {
    super();
    this.accountId = null;
    this.heading = '';
    this.pageSize = TICKET_PAGE_SIZE;
    this.filter = 'open';
    this.query = '';
    this.status = 'idle';
    this.items = [];
    this.cursor = null;
    this.failure = undefined;
    this.loadingMore = false;
    this.openId = null;
    this.ticket = null;
    this.detailStatus = 'idle';
    this.detailFailure = undefined;
    this.acting = '';
  }

  /** Loads the first page of the list again (the ticket shown, if any, too). */
  reload(): Promise<void> {
    if (this.openId) void this.loadTicket(this.openId);
    return this.load(false);
  }

  /** Shows one ticket in place of the list. */
  openTicket(ticketId: string): Promise<void> {
    this.lastOpened = ticketId;
    this.openId = ticketId;
    return this.loadTicket(ticketId, true);
  }

  /** Shows the list again (what "Back to tickets" does). */
  showList(): void {
    this.back();
  }

  private get api(): AdminTicketsApi | undefined {
    return this.adminClient ? adminTicketsApi(this.adminClient) : undefined;
  }

  private get canReply(): boolean {
    return this.can('tickets.reply');
  }

  private get scopeId(): string | undefined {
    return this.accountId || undefined;
  }

  private get limit(): number {
    return pageLimit(this.pageSize, TICKET_PAGE_SIZE);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Another person, another role or another account: start afresh, never showing what the previous one saw.
    const staff = this.staff;
    const key = staff ? `${staff.id}\n${staff.abilities.join(',')}\n${this.accountId ?? ''}` : undefined;
    if (key === this.key) return;
    this.key = key;
    this.runs++;
    this.detailRuns++;
    this.items = [];
    this.cursor = null;
    this.failure = undefined;
    this.loadingMore = false;
    this.openId = null;
    this.ticket = null;
    this.detailStatus = 'idle';
    this.acting = '';
    this.forms = {};
    this.dialog.reset();
    this.uploads.clear();
    this.status = 'idle';
    if (key) {
      this.filter = 'open';
      this.query = '';
      void this.load(false);
    }
  }

  // ---- the list ---------------------------------------------------------------------------

  private async load(more: boolean): Promise<void> {
    const api = this.api;
    if (!api || !this.staff) return;
    const run = ++this.runs;
    const before = this.items.length;
    if (more) this.loadingMore = true;
    else this.status = 'loading';
    this.failure = undefined;
    try {
      const page = await api.list({
        status: this.filter,
        q: this.query || undefined,
        accountId: this.scopeId,
        limit: String(this.limit),
        cursor: more ? (this.cursor ?? undefined) : undefined,
      });
      if (run !== this.runs) return;
      const known = new Set(more ? this.items.map((t) => t.id) : []);
      this.items = more ? [...this.items, ...page.items.filter((t) => !known.has(t.id))] : page.items;
      this.cursor = page.cursor;
      this.status = 'ready';
      // After "Load more", focus goes to the first new ticket.
      if (more && this.items.length > before) void this.focusAfterUpdate(`.link-button[data-ticket-id="${CSS.escape(this.items[before]!.id)}"]`);
    } catch (error) {
      if (run !== this.runs) return;
      this.failure = error;
      if (!more) {
        this.items = [];
        this.cursor = null;
      }
      this.status = 'error';
    } finally {
      if (run === this.runs) this.loadingMore = false;
    }
  }

  private onFilter(event: Event): void {
    const value = (event.target as HTMLSelectElement).value as TicketFilter;
    if (!FILTERS.some(([f]) => f === value) || value === this.filter) return;
    this.filter = value;
    void this.load(false);
  }

  private onSearch(event: SubmitEvent): void {
    const values = this.formValues(event);
    const q = values.q?.trim() ?? '';
    if (q.length > SEARCH_MAX) {
      this.invalid('search', { q: `Search with at most ${SEARCH_MAX} characters.` });
      return;
    }
    this.clearForm('search');
    this.query = q;
    void this.load(false);
  }

  private retry(): void {
    void this.load(this.items.length > 0 && this.cursor !== null);
  }

  // ---- one ticket -------------------------------------------------------------------------

  private async loadTicket(ticketId: string, focus = false): Promise<void> {
    const api = this.api;
    if (!api) return;
    const run = ++this.detailRuns;
    this.ticket = null;
    this.detailStatus = 'loading';
    this.detailFailure = undefined;
    this.acting = '';
    this.forms = { ...this.forms, ticket: { busy: false, errors: {}, alert: '', notice: null }, reply: { busy: false, errors: {}, alert: '', notice: null } };
    this.uploads.clear();
    if (focus) void this.focusAfterUpdate('.back-bar .button');
    try {
      const ticket = await api.get(ticketId);
      if (run !== this.detailRuns) return;
      this.ticket = ticket;
      this.detailStatus = 'ready';
      if (focus) void this.focusAfterUpdate('#ticket-title');
    } catch (error) {
      if (run !== this.detailRuns) return;
      this.detailFailure = error;
      this.detailStatus = 'error';
    }
  }

  private back(): void {
    if (this.openId === null || this.formState('reply').busy) return;
    this.detailRuns++;
    this.openId = null;
    this.ticket = null;
    this.detailStatus = 'idle';
    this.dialog.reset();
    this.uploads.clear();
    const id = this.lastOpened;
    void this.focusAfterUpdate(id ? `.link-button[data-ticket-id="${CSS.escape(id)}"]` : '#title');
  }

  /** The ticket as the server now has it; its row in the list follows. */
  private adopt(ticket: Ticket): void {
    this.ticket = ticket;
    const row = this.items.find((t) => t.id === ticket.id);
    if (row) this.items = this.items.map((t) => (t.id === ticket.id ? summaryOf(ticket, row.accountName) : t));
  }

  private accountName(ticket: Ticket): string | undefined {
    return this.items.find((t) => t.id === ticket.id)?.accountName;
  }

  private async setStatus(status: TicketStatus): Promise<void> {
    const api = this.api;
    const ticket = this.ticket;
    if (!api || !ticket || !this.canReply || this.acting) return;
    this.acting = 'status';
    const ok = await this.run('ticket', async () => {
      this.adopt(await api.setStatus(ticket.id, status));
      this.patchForm('ticket', { notice: { kind: 'success', text: status === 'completed' ? `${ticket.number} is completed.` : `${ticket.number} is open again.` } });
    });
    this.acting = '';
    // The button changed (Mark completed ⇄ Reopen): keep focus on it.
    if (ok) void this.focusAfterUpdate('[data-status-button]');
  }

  private async withdraw(entry: TicketEntry): Promise<void> {
    const api = this.api;
    const ticket = this.ticket;
    if (!api || !ticket || !this.canReply || this.acting) return;
    this.acting = `withdraw:${entry.id}`;
    const ok = await this.run('ticket', async () => {
      this.adopt(await api.withdrawEstimate(ticket.id, entry.id));
      this.patchForm('ticket', { notice: { kind: 'success', text: 'The estimate was withdrawn. The client can no longer approve it.' } });
    });
    this.acting = '';
    if (ok) void this.focusAfterUpdate(`[data-entry-id="${CSS.escape(entry.id)}"]`);
  }

  private async download(attachment: Attachment): Promise<void> {
    const api = this.api;
    const ticket = this.ticket;
    if (!api || !ticket || this.acting) return;
    this.acting = `download:${attachment.id}`;
    await this.run('ticket', async () => {
      const file = await api.download(ticket.id, attachment.id);
      const name = file.filename || attachment.filename;
      saveBlob(file.blob, name, this.renderRoot);
      this.patchForm('ticket', { notice: { kind: 'info', text: `Downloading ${name}.` } });
    });
    this.acting = '';
  }

  /** Files were chosen or removed: the field's previous error no longer holds. */
  private onFilesChange(): void {
    const { files: _old, ...errors } = this.formState('reply').errors;
    this.patchForm('reply', { errors });
  }

  private async onReply(event: SubmitEvent): Promise<void> {
    const form = event.currentTarget as HTMLFormElement;
    const values = this.formValues(event);
    const api = this.api;
    const ticket = this.ticket;
    if (!api || !ticket || !this.canReply) return;
    const body = (values.body ?? '').replace(/\r\n?/g, '\n').trim();
    const changeStatus = values.status === 'on';
    const errors: Record<string, string> = {};
    const blocker = this.uploads.blocker();
    if (blocker) errors.files = blocker;
    if (body.length > TICKET_REPLY_MAX) errors.body = `Use at most ${TICKET_REPLY_MAX} characters.`;
    else if (!body && !this.uploads.ids.length && !errors.files) errors.body = 'Write a reply or attach a file.';
    if (this.invalid('reply', errors)) return;

    const status: TicketStatus | undefined = changeStatus ? (ticket.status === 'open' ? 'completed' : 'open') : undefined;
    await this.run(
      'reply',
      async () => {
        const updated = await api.reply(ticket.id, { body, attachments: this.uploads.ids, ...(status ? { status } : {}) });
        this.adopt(updated);
        form.reset();
        this.uploads.clear();
        const after = status === 'completed' ? ' The ticket is completed.' : status === 'open' ? ' The ticket is open again.' : '';
        this.patchForm('reply', { notice: { kind: 'success', text: `Your reply was sent; the client is emailed.${after}` } });
      },
      { body: 'body', attachments: 'files', status: 'status' },
    );
  }

  // ---- the estimate dialog ------------------------------------------------------------------

  private openEstimate(): void {
    if (!this.canReply || !this.ticket) return;
    this.clearForm('estimate');
    this.dialog.open({ kind: 'estimate' });
  }

  private closeDialog(): void {
    if (!this.dialog.state || this.formState('estimate').busy) return;
    this.clearForm('estimate');
    this.dialog.close();
  }

  private async onEstimate(event: SubmitEvent): Promise<void> {
    const values = this.formValues(event);
    const api = this.api;
    const ticket = this.ticket;
    if (!api || !ticket || !this.canReply) return;
    const currency = (values.currency ?? '').trim().toUpperCase() || 'USD';
    const validCurrency = /^[A-Z]{3}$/.test(currency);
    // Read exactly (never through a float), with the currency's decimals.
    const amount = parseAmount(values.amount ?? '', validCurrency ? currency : undefined);
    const description = (values.description ?? '').replace(/\r\n?/g, '\n').trim();
    const errors: Record<string, string> = {};
    if (!amount.ok) errors.amount = amount.message;
    else if (amount.cents <= 0) errors.amount = 'The amount must be more than zero.';
    else if (amount.cents > ESTIMATE_MAX_CENTS) errors.amount = 'The amount is too large.';
    if (!validCurrency) errors.currency = 'Use a three-letter currency code such as USD.';
    if (!description) errors.description = 'Describe the work.';
    else if (description.length > ESTIMATE_DESCRIPTION_MAX) errors.description = `Use at most ${ESTIMATE_DESCRIPTION_MAX} characters.`;
    if (this.invalid('estimate', errors) || !amount.ok) return;

    await this.run(
      'estimate',
      async () => {
        this.adopt(await api.proposeEstimate(ticket.id, { amountCents: amount.cents, currency, description }));
        this.dialog.close();
        this.patchForm('ticket', { alert: '', notice: { kind: 'success', text: `The estimate of ${formatMinorUnits(amount.cents, currency)} was sent; the client is asked to approve it.` } });
      },
      { amountCents: 'amount', currency: 'currency', description: 'description' },
    );
  }

  // ---- rendering: pieces ---------------------------------------------------------------------

  /** A labelled native control with its form's error. */
  private control(form: string, name: string, label: string, control: (id: string, describedBy: string | undefined, invalid: boolean) => TemplateResult, hint?: string): TemplateResult {
    const error = this.formState(form).errors[name] ?? '';
    const id = `${form}-${name}`;
    const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
    return html`<div class="control" part="field">
      <label for=${id}>${label}</label>
      ${hint ? html`<div class="hint muted" id="${id}-hint">${hint}</div>` : nothing} ${control(id, describedBy, Boolean(error))}
      ${error ? html`<div class="field-error" id="${id}-error">${alertIcon}<span>${error}</span></div>` : nothing}
    </div>`;
  }

  private downloadButton(a: Attachment): TemplateResult {
    const running = this.acting === `download:${a.id}`;
    return html`<li class="file">
      <button
        class="link-button"
        part="button"
        type="button"
        data-attachment-id=${a.id}
        aria-disabled=${this.acting ? 'true' : 'false'}
        @click=${() => void this.download(a)}
      >
        ${running ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}${a.filename}<span class="sr-only">, download</span>
      </button>
      <span class="muted small">${formatSize(a.size)}</span>
    </li>`;
  }

  private files(attachments: readonly Attachment[], label: string): TemplateResult | typeof nothing {
    if (!attachments.length) return nothing;
    return html`<ul class="files" aria-label=${label}>
      ${attachments.map((a) => this.downloadButton(a))}
    </ul>`;
  }

  private notAnswered(): TemplateResult {
    return html`<span class="muted">Not answered</span>`;
  }

  private renderAnswer(field: TicketField): TemplateResult {
    if (field.kind === 'file') {
      const files = field.attachments ?? [];
      return html`<div><dt>${field.label}</dt><dd>${files.length ? this.files(files, field.label) : this.notAnswered()}</dd></div>`;
    }
    return html`<div><dt>${field.label}</dt><dd class="answer">${field.value || this.notAnswered()}</dd></div>`;
  }

  private renderEstimate(entry: TicketEntry): TemplateResult {
    const estimate = entry.estimate!;
    const withdrawing = this.acting === `withdraw:${entry.id}`;
    const disabled = !this.canReply;
    return html`<div class="estimate" part="estimate">
      <p class="estimate-head">
        <span class="estimate-amount">Estimate: ${formatMinorUnits(estimate.amountCents, estimate.currency)}</span>
        <span class="badge ${ESTIMATE_CLASS[estimate.status] ?? ''}" part="badge">${ESTIMATE_TEXT[estimate.status] ?? estimate.status}</span>
      </p>
      <p class="body">${estimate.description || entry.body}</p>
      ${estimate.decidedAt && estimate.decidedBy && (estimate.status === 'approved' || estimate.status === 'declined')
        ? html`<p class="meta muted">${estimate.status === 'approved' ? 'Approved' : 'Declined'} by ${actorText(estimate.decidedBy)}, ${timeTag(estimate.decidedAt)}</p>`
        : nothing}
      ${estimate.status === 'withdrawn' && estimate.decidedAt ? html`<p class="meta muted">Withdrawn ${timeTag(estimate.decidedAt)}</p>` : nothing}
      ${estimate.decisionNote ? html`<p class="note-text"><span class="muted">Their note:</span> ${estimate.decisionNote}</p>` : nothing}
      ${estimate.status === 'proposed'
        ? html`<div>
            <button
              class="button secondary small inline"
              part="button"
              type="button"
              data-withdraw=${entry.id}
              ?disabled=${disabled}
              aria-disabled=${this.acting ? 'true' : 'false'}
              aria-describedby=${ifDefined(disabled ? 'not-allowed' : undefined)}
              @click=${() => void this.withdraw(entry)}
            >
              ${busyLabel(withdrawing, 'Withdraw', 'Withdrawing…')}<span class="sr-only"> the estimate of ${formatMinorUnits(estimate.amountCents, estimate.currency)}</span>
            </button>
          </div>`
        : nothing}
    </div>`;
  }

  private renderEntry(entry: TicketEntry): TemplateResult {
    const side = entry.side === 'client' ? 'Client' : 'Staff';
    if (entry.kind === 'status') {
      return html`<li class="entry status-entry" part="entry" data-entry-id=${entry.id} tabindex="-1">
        <p class="meta muted">${entry.body} by ${actorText(entry.author)}, ${timeTag(entry.at)}</p>
      </li>`;
    }
    return html`<li class="entry ${entry.side}" part="entry" data-entry-id=${entry.id} tabindex="-1">
      <p class="entry-head">
        <span class="who">${actorLabel(entry.author)}</span>
        <span class="side ${entry.side}">${side}</span>
        <span class="muted when">${timeTag(entry.at)}</span>
      </p>
      ${entry.kind === 'estimate' && entry.estimate ? this.renderEstimate(entry) : entry.body ? html`<p class="body">${entry.body}</p>` : nothing}
      ${this.files(entry.attachments, `Files of this ${entry.kind === 'estimate' ? 'estimate' : 'reply'}`)}
    </li>`;
  }

  private renderReply(ticket: Ticket): TemplateResult {
    const disabled = !this.canReply;
    const state = this.formState('reply');
    return html`<section class="reply-section" aria-labelledby="reply-title">
      ${this.renderHeading('Reply', 'reply-title', 1, 'section-title')} ${this.regions('reply')}
      ${this.formTemplate(
        'reply',
        'reply-title',
        (e) => void this.onReply(e),
        html`<fieldset class="stack" ?disabled=${disabled} aria-describedby=${ifDefined(disabled ? 'not-allowed' : undefined)}>
          ${this.control(
            'reply',
            'body',
            'Message',
            (id, d, invalid) =>
              html`<textarea id=${id} name="body" rows="5" maxlength=${TICKET_REPLY_MAX} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${ifDefined(d)}></textarea>`,
            'Plain text; line breaks are kept. The client is emailed.',
          )}
          ${filesField(this.uploads, {
            id: 'reply-files',
            name: 'files',
            label: 'Attach files (optional)',
            hint: `PDF, PNG, JPEG or text, up to ${formatSize(UPLOAD_MAX_BYTES)} each, at most ${this.uploads.max}. They upload as soon as you choose them.`,
            error: state.errors.files,
            disabled: disabled || state.busy,
            listLabel: 'Files to send',
            onChange: () => this.onFilesChange(),
          })}
          <label class="choice">
            <input type="checkbox" name="status" />
            <span>${ticket.status === 'open' ? 'Complete the ticket after sending' : 'Reopen the ticket with this reply'}</span>
          </label>
          <div>${this.submit('reply', 'Send reply', 'Sending…', 'button inline')}</div>
        </fieldset>`,
      )}
    </section>`;
  }

  private renderTicket(ticket: Ticket): TemplateResult {
    const disabled = !this.canReply;
    const described = disabled ? 'not-allowed' : undefined;
    const state = this.formState('ticket');
    const account = this.accountName(ticket);
    const proposed = ticket.entries.some((e) => e.kind === 'estimate' && e.estimate?.status === 'proposed');
    return html`<article class="card ticket" part="card" aria-labelledby="ticket-title">
      <p class="eyebrow"><span class="mono">${ticket.number}</span>${account && !this.scopeId ? html` · ${account}` : nothing}</p>
      ${this.renderHeading(ticket.subject, 'ticket-title', 0, 'title')}
      <p class="ticket-meta">
        ${statusBadge(ticket.status)}
        ${ticket.lastSide === 'client' ? html`<span class="badge warn" part="badge">Client replied</span>` : nothing}
        ${ticket.estimatePending ? html`<span class="badge" part="badge">Estimate waiting</span>` : nothing}
        <span class="muted">${ticket.requestType.label} · opened by ${actorText(ticket.createdBy)}, ${timeTag(ticket.createdAt)}</span>
      </p>
      ${disabled ? this.notAllowed('not-allowed', 'Your role can read tickets but not answer, complete or reopen them. Ask an owner or an admin.') : nothing}
      <div role="alert" part="error" class="region" data-alert="ticket">${state.alert ? html`<div class="alert-box" tabindex="-1">${alertIcon}<p>${state.alert}</p></div>` : nothing}</div>
      <div role="status" part="notice" class="region" data-notice="ticket">
        ${state.notice ? html`<div class="alert-box ${state.notice.kind}">${state.notice.kind === 'success' ? checkIcon : infoIcon}<p>${state.notice.text}</p></div>` : nothing}
      </div>
      <div class="ticket-actions">
        <button
          class="button secondary small inline"
          part="button"
          type="button"
          data-status-button
          ?disabled=${disabled}
          aria-disabled=${this.acting ? 'true' : 'false'}
          aria-describedby=${ifDefined(described)}
          @click=${() => void this.setStatus(ticket.status === 'open' ? 'completed' : 'open')}
        >
          ${ticket.status === 'open' ? busyLabel(this.acting === 'status', 'Mark completed', 'Completing…') : busyLabel(this.acting === 'status', 'Reopen', 'Reopening…')}
        </button>
        <button class="button secondary small inline" part="button" type="button" ?disabled=${disabled} aria-describedby=${ifDefined(described)} @click=${this.openEstimate}>
          Propose estimate
        </button>
        ${proposed ? html`<span class="muted small">An estimate is waiting for the client's decision.</span>` : nothing}
      </div>

      <section aria-labelledby="answers-title">
        ${this.renderHeading('Request', 'answers-title', 1, 'section-title')}
        ${ticket.fields.length ? html`<dl class="details answers">${ticket.fields.map((f) => this.renderAnswer(f))}</dl>` : html`<p class="muted">This request type has no questions.</p>`}
      </section>

      <section aria-labelledby="people-title">
        ${this.renderHeading('Notified', 'people-title', 1, 'section-title')}
        <p class="people">
          ${actorText(ticket.createdBy)} (who opened it)${ticket.subscribers.length ? html`, ${ticket.subscribers.map((s) => s.name).join(', ')}` : nothing}
        </p>
      </section>

      <section aria-labelledby="thread-title">
        ${this.renderHeading('Conversation', 'thread-title', 1, 'section-title')}
        ${ticket.entries.length
          ? html`<ol class="thread" part="thread">
              ${ticket.entries.map((e) => this.renderEntry(e))}
            </ol>`
          : html`<p class="muted">No replies yet.</p>`}
      </section>

      ${this.renderReply(ticket)}
    </article>`;
  }

  private renderDetail(): TemplateResult {
    const busy = this.formState('reply').busy;
    return html`${backBar('Back to tickets', () => this.back(), busy)}
      ${this.detailStatus === 'loading' ? html`<div class="card" part="card">${this.loadingState('Loading the ticket…')}</div>` : nothing}
      ${this.detailStatus === 'error'
        ? html`<div class="card" part="card">
            <div role="alert" part="error" class="failure">${this.loadFailure(this.detailFailure, () => void this.loadTicket(this.openId!))}</div>
          </div>`
        : nothing}
      ${this.detailStatus === 'ready' && this.ticket ? this.renderTicket(this.ticket) : nothing} ${this.renderDialog()}`;
  }

  private renderDialog(): unknown {
    if (!this.dialog.state || !this.ticket) return nothing;
    const busy = this.formState('estimate').busy;
    return dialogTemplate({
      ...this.dialogBase('estimate', () => this.closeDialog()),
      title: `Propose an estimate for ${this.ticket.number}`,
      description: 'The client sees it in the ticket and approves or declines it.',
      content: this.formTemplate(
        'estimate',
        'dialog-title',
        (e) => void this.onEstimate(e),
        html`<div class="amount-row">
            ${this.textField('estimate', 'amount', 'Amount', { inputmode: 'decimal', maxlength: 20, hint: 'In dollars and cents, like 1,250.50.' })}
            ${this.textField('estimate', 'currency', 'Currency', { value: 'USD', maxlength: 3, autocapitalize: 'characters', hint: 'Three letters.' })}
          </div>
          ${this.control(
            'estimate',
            'description',
            'Work included',
            (id, d, invalid) =>
              html`<textarea id=${id} name="description" rows="4" maxlength=${ESTIMATE_DESCRIPTION_MAX} required aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${ifDefined(d)}></textarea>`,
          )}
          <div class="dialog-actions">
            ${this.submit('estimate', 'Send estimate', 'Sending…', 'button inline')}
            <button class="button inline secondary" part="button" type="button" data-cancel ?disabled=${busy} @click=${this.closeDialog}>Cancel</button>
          </div>`,
      ),
    });
  }

  // ---- rendering: the list -------------------------------------------------------------------

  private summary(): string {
    if (this.status === 'loading') return this.query ? `Searching for “${this.query}”…` : 'Loading tickets…';
    if (this.status !== 'ready' || !this.items.length) return '';
    const n = this.items.length;
    const kind = this.filter === 'all' ? '' : `${this.filter} `;
    const count = `${n} ${kind}${n === 1 ? 'ticket' : 'tickets'}`;
    const shown = this.cursor ? `${count} shown, more available` : count;
    return this.query ? `${shown} matching “${this.query}”.` : `${shown}.`;
  }

  private renderEmpty(): unknown {
    if (this.status !== 'ready' || this.items.length) return nothing;
    const which = this.filter === 'all' ? '' : `${this.filter} `;
    return html`<p class="empty" part="empty">
      ${this.query ? `No ${which}tickets match “${this.query}”.` : this.filter === 'open' ? 'No open tickets: nothing is waiting.' : `No ${which}tickets.`}
    </p>`;
  }

  private renderTable(): unknown {
    if (!this.items.length) return nothing;
    const scoped = Boolean(this.scopeId);
    const label = (text: string) => html`<span class="cell-label" aria-hidden="true">${text}</span>`;
    return html`<div class="table-wrap">
      <table class="table tickets" part="table" aria-labelledby="title" aria-busy=${this.status === 'loading' ? 'true' : 'false'}>
        <thead>
          <tr>
            <th scope="col">Ticket</th>
            <th scope="col">Subject</th>
            ${scoped ? nothing : html`<th scope="col">Account</th>`}
            <th scope="col">Request type</th>
            <th scope="col">Status</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          ${this.items.map(
            (t) => html`<tr part="row">
              <td>${label('Ticket')}<span class="mono">${t.number}</span></td>
              <td>
                ${label('Subject')}
                <button class="link-button" part="ticket-link" type="button" data-ticket-id=${t.id} @click=${() => void this.openTicket(t.id)}>${t.subject}</button>
              </td>
              ${scoped ? nothing : html`<td>${label('Account')}<span>${t.accountName}</span></td>`}
              <td>${label('Request type')}<span>${t.requestType.label}</span></td>
              <td>
                ${label('Status')}
                <span class="badges">
                  ${statusBadge(t.status)}
                  ${t.lastSide === 'client' ? html`<span class="badge warn" part="badge">Client replied</span>` : nothing}
                  ${t.estimatePending ? html`<span class="badge" part="badge">Estimate waiting</span>` : nothing}
                </span>
              </td>
              <td>${label('Updated')}<span>${timeTag(t.updatedAt)}</span></td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderFailure(): unknown {
    return this.status === 'error' ? this.loadFailure(this.failure, () => this.retry()) : nothing;
  }

  private renderList(): TemplateResult {
    const loading = this.status === 'loading';
    const search = this.formState('search');
    return html`<div class="card" part="card">
      <div class="head">
        ${this.renderHeading(this.heading || (this.scopeId ? 'Support tickets of this account' : 'Support tickets'), 'title')}
        <p class="lead">
          ${this.scopeId ? 'The support requests this account sent, latest activity first.' : 'Support requests from every account, latest activity first.'}
        </p>
      </div>
      <form class="filters" part="form" role="search" aria-label="Tickets" data-form="search" novalidate @submit=${this.onSearch} @input=${(e: Event) => this.onFieldInput('search', e)}>
        ${this.statusSelect(this.filter, FILTERS, (e) => this.onFilter(e))}
        ${this.textField('search', 'q', 'Search subjects', { value: this.query, required: false, autocomplete: 'off', maxlength: SEARCH_MAX, type: 'search', inputmode: 'search' })}
        <button class="button inline" part="button" type="submit" ?disabled=${loading}>Search</button>
      </form>
      <div role="alert" part="error" class="failure" data-alert="search">
        ${search.alert && this.status !== 'error' ? html`<div class="alert-box">${alertIcon}<p>${search.alert}</p></div>` : nothing}${this.renderFailure()}
      </div>
      <p class="summary" role="status" part="status">${this.summary()}</p>
      ${loading && !this.items.length ? this.loadingState('Loading tickets…') : nothing} ${this.renderEmpty()} ${this.renderTable()}
      ${this.cursor && this.status === 'ready'
        ? html`<div class="more">
            <button class="button secondary inline" part="button" type="button" aria-disabled=${this.loadingMore ? 'true' : 'false'} @click=${() => !this.loadingMore && void this.load(true)}>
              ${this.loadingMore ? html`<span class="spinner" aria-hidden="true"></span>Loading…` : 'Load more tickets'}
            </button>
          </div>`
        : nothing}
    </div>`;
  }

  protected override render() {
    if (this.missingAdmin) return this.missingAdminCard();
    if (!this.adminClient || !this.staff) return nothing;
    return this.openId ? this.renderDetail() : this.renderList();
  }
}
