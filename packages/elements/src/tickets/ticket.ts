import { html, nothing, type TemplateResult } from 'lit';
import { formatMinorUnits, ticketsApi, type PorchlightClient, type TicketsApi } from '@porchlight/client';
import { TICKET_REPLY_MAX, type Attachment, type SessionResponse, type Ticket, type TicketEntry, type TicketField, type TicketPerson } from '@porchlight/core';
import { formatSize, saveBlob } from '../internal/files.js';
import { RecordView } from '../internal/record-view.js';
import { actorLabel, actorText } from '../internal/actor.js';
import { filesField, filesHint, FileUploads } from '../internal/file-uploads.js';
import { timeTag } from '../internal/format.js';
import { errorMessage } from '../internal/messages.js';
import { busyLabel } from '../internal/templates.js';
import { emitTicket, type TicketChangeAction } from './events.js';
import { textArea } from './request-fields.js';
import { canUseTickets, ESTIMATE_STATUS_LABELS, isEmulating, readOnlyText, staffName, statusTag } from './ticket-format.js';
import { ticketStyles } from './ticket.styles.js';

type TicketDialog = { kind: 'subscribers'; selected: string[] } | { kind: 'approve'; entry: TicketEntry } | { kind: 'decline'; entry: TicketEntry; note: string };

const DECISION_NOTE_MAX = 1000;

/**
 * <porchlight-ticket ticket-id="…">: one support request. Its number, subject, status, nature,
 * who opened it and when; the form's answers (files as downloads); who is notified ("Manage"
 * changes it); the conversation oldest first — each entry says who wrote ("You", a colleague's
 * name, or the dealer's Support), when, the text with its line breaks (never as HTML) and its
 * files; estimates as cards with the amount in their currency, Approve (after confirming) and
 * Decline (with an optional note); a reply box with files uploaded at once; "Mark as completed"
 * and "Reopen". Every action shows the ticket as the server answers it. Without "Open and reply
 * to support tickets" it is read-only; while a dealer admin emulates the user, estimates cannot
 * be decided. Used by <porchlight-tickets>, or on its own. Lives inside <porchlight-portal>.
 *
 * @attr ticket-id - the ticket to show
 * @attr show-back - shows "Back to requests" (fires `porchlight-ticket-back`)
 * @attr heading - the heading (default: the ticket's subject)
 * @attr heading-level - the heading level (default 2)
 * @csspart back-button - "Back to requests"
 * @csspart card - the card around everything
 * @csspart title - the heading
 * @csspart toolbar - Mark as completed / Reopen
 * @csspart button - buttons
 * @csspart details - number, status, nature, opened by, last update
 * @csspart status - a status tag (also `status-open`, `status-completed`)
 * @csspart answers - the form's answers
 * @csspart subscribers - who is notified
 * @csspart thread - the conversation
 * @csspart entry - each entry of it (also `entry-client`, `entry-dealer`)
 * @csspart estimate - an estimate's card
 * @csspart attachment - a file's download button
 * @csspart reply - the reply form
 * @csspart field - the reply's fields
 * @csspart file-list - the files chosen for the reply (also `uploads`)
 * @csspart file - each file, with its progress (also `upload`)
 * @csspart error - the error region (role=alert)
 * @csspart notice - the status region (role=status)
 * @csspart state - the loading and load-error states
 * @csspart note - notes (read-only login, emulation, signed out)
 * @csspart dialog - the subscribers, approve and decline dialogs
 * @fires porchlight-ticket-change - `{ action, ticket }` after a reply, a change of subscribers or status, or an estimate decision
 * @fires porchlight-ticket-back - `{ ticketId }` when "Back to requests" is pressed
 */
export class PorchlightTicket extends RecordView<Ticket | null, TicketDialog> {
  static override styles = ticketStyles;
  static override grant = 'tickets' as const;
  static override properties = {
    ticketId: { attribute: 'ticket-id' },
    flash: { attribute: false },
    ticket: { state: true },
    people: { state: true },
    peoplePhase: { state: true },
    reply: { state: true },
  };

  /** The ticket to show. */
  declare ticketId: string;
  /** A success message to announce once the ticket is shown (the list sets it after sending a new request). */
  declare flash: string;

  protected declare ticket: Ticket | null;
  protected declare people: TicketPerson[];
  protected declare peoplePhase: 'idle' | 'loading' | 'ready' | 'error';
  /** The reply being written. */
  protected declare reply: string;

  protected readonly replyFiles = new FileUploads(this, () => this.api);

  constructor() {
    super();
    this.ticketId = '';
    this.flash = '';
    this.ticket = null;
    this.people = [];
    this.peoplePhase = 'idle';
    this.reply = '';
  }

  private get api(): TicketsApi | null {
    return this.client ? ticketsApi(this.client) : null;
  }

  // ---- data ------------------------------------------------------------------------------

  protected override fetch(client: PorchlightClient): Promise<Ticket | null> {
    return this.ticketId ? ticketsApi(client).get(this.ticketId) : Promise.resolve(null);
  }

  protected override apply(data: Ticket | null): void {
    this.ticket = data;
    if (data && this.flash) {
      this.notice = { kind: 'success', text: this.flash };
      this.flash = '';
    }
  }

  protected override clear(): void {
    super.clear();
    this.ticket = null;
    this.people = [];
    this.peoplePhase = 'idle';
    this.reply = '';
    this.replyFiles.clear();
  }

  protected override loadingText(): string {
    return 'Loading the request…';
  }

  protected override signedOutText(): string {
    return 'Log in to see this support request.';
  }

  private async loadPeople(): Promise<void> {
    const api = this.api;
    if (!api || this.peoplePhase === 'loading') return;
    this.peoplePhase = 'loading';
    try {
      const list = await api.people();
      this.people = [...list.items].sort((a, b) => a.name.localeCompare(b.name));
      this.peoplePhase = 'ready';
    } catch (error) {
      this.peoplePhase = 'error';
      this.alert = errorMessage(error);
    }
  }

  // ---- actions ---------------------------------------------------------------------------

  /** Runs a call that answers the whole ticket, and shows that answer. */
  private async change(key: string, action: TicketChangeAction, call: (api: TicketsApi, id: string) => Promise<Ticket>, success: (t: Ticket) => string, fields?: Record<string, string>): Promise<Ticket | undefined> {
    const api = this.api;
    const id = this.ticket?.id;
    if (!api || !id) return undefined;
    const ticket = await this.act(key, () => call(api, id), {
      reload: false,
      update: (t) => (this.ticket = t),
      success,
      ...(fields ? { fields } : {}),
    });
    if (ticket) emitTicket(this, 'porchlight-ticket-change', { action, ticket });
    return ticket;
  }

  private async setStatus(status: 'open' | 'completed'): Promise<void> {
    await this.change(
      `status:${status}`,
      status === 'completed' ? 'completed' : 'reopened',
      (api, id) => api.setStatus(id, status),
      (t) => (status === 'completed' ? `${t.number} is marked as completed.` : `${t.number} is open again.`),
    );
  }

  private async sendReply(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const body = this.reply.trim();
    const errors: Record<string, string> = {};
    if (body.length > TICKET_REPLY_MAX) errors.body = `Use at most ${TICKET_REPLY_MAX} characters.`;
    const blocker = this.replyFiles.blocker();
    if (blocker) errors.attachments = blocker;
    if (!body && !this.replyFiles.items.length) errors.body = 'Write a reply or attach a file.';
    const names = Object.keys(errors);
    if (names.length) {
      this.notice = null;
      this.errors = errors;
      this.alert = names.length === 1 ? errors[names[0]!]! : 'Check the highlighted fields.';
      void this.focusAfterUpdate(`form.reply [name="${names[0]}"]`);
      return;
    }
    const attachments = this.replyFiles.ids;
    const sent = await this.change('reply', 'replied', (api, id) => api.reply(id, { body, attachments }), () => 'Your reply was sent.', { body: 'body', attachments: 'attachments' });
    if (sent) {
      this.reply = '';
      this.replyFiles.clear();
    }
  }

  private openSubscribers(): void {
    const t = this.ticket;
    if (!t) return;
    this.clearMessages();
    this.dialog.open({ kind: 'subscribers', selected: t.subscribers.map((p) => p.id) });
    if (this.peoplePhase !== 'ready') void this.loadPeople();
  }

  private async saveSubscribers(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const state = this.dialog.state;
    if (state?.kind !== 'subscribers') return;
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const selected = form.getAll('subscribers').map(String);
    this.dialog.set({ ...state, selected });
    await this.change('subscribers', 'subscribers-changed', (api, id) => api.setSubscribers(id, selected), (t) =>
      t.subscribers.length ? `Saved. ${t.subscribers.map((p) => p.name).join(', ')} ${t.subscribers.length === 1 ? 'is' : 'are'} notified too.` : 'Saved. Only the person who opened it is notified.',
      { userIds: 'subscribers' },
    );
  }

  private async decide(entry: TicketEntry, decision: 'approve' | 'decline', note?: string): Promise<void> {
    const e = entry.estimate;
    if (!e) return;
    const amount = formatMinorUnits(e.amountCents, e.currency);
    await this.change(
      `${decision}:${entry.id}`,
      decision === 'approve' ? 'estimate-approved' : 'estimate-declined',
      (api, id) => api.decideEstimate(id, entry.id, { decision, ...(note ? { note } : {}) }),
      () => (decision === 'approve' ? `You approved the estimate of ${amount}.` : `You declined the estimate of ${amount}.`),
      { note: 'note' },
    );
  }

  private async download(file: Attachment): Promise<void> {
    const api = this.api;
    const id = this.ticket?.id;
    if (!api || !id) return;
    await this.act(
      `download:${file.id}`,
      async () => {
        const got = await api.download(id, file.id);
        saveBlob(got.blob, got.filename || file.filename, this.renderRoot);
        return got;
      },
      { reload: false, close: false, success: (got) => `Downloading ${got.filename || file.filename}.` },
    );
  }

  protected readonly idProperty = 'ticketId';

  protected shownId(): string | undefined {
    return this.ticket?.id;
  }

  protected backLabel(): string {
    return 'Back to requests';
  }

  protected back(): void {
    emitTicket(this, 'porchlight-ticket-back', { ticketId: this.ticketId });
  }

  // ---- rendering -------------------------------------------------------------------------

  protected override renderTitle(text: string): TemplateResult {
    return super.renderTitle(this.heading || this.ticket?.subject || text || 'Support request');
  }

  protected override renderLead(): unknown {
    const t = this.ticket;
    if (!t || this.phase !== 'ready') return nothing;
    return html`<p class="lead"><span class="number">${t.number}</span> · ${t.requestType.label}</p>`;
  }

  protected override renderToolbar(s: SessionResponse): unknown {
    const t = this.ticket;
    if (!t || this.phase !== 'ready' || !canUseTickets(s)) return nothing;
    const completing = t.status === 'open';
    const key = completing ? 'status:completed' : 'status:open';
    return html`<button class="button inline secondary status-button" part="button" type="button" ?disabled=${this.busy} @click=${() => this.setStatus(completing ? 'completed' : 'open')}>
      ${busyLabel(this.pending === key, completing ? 'Mark as completed' : 'Reopen', completing ? 'Completing…' : 'Reopening…')}
    </button>`;
  }

  private who(entry: TicketEntry, s: SessionResponse): TemplateResult {
    if (entry.side === 'dealer') {
      const name = staffName(entry.author);
      return html`<span class="who">${s.dealer.name} Support</span>${name && entry.author.kind !== 'system' ? html`<span class="who-sub">${name}</span>` : nothing}`;
    }
    if (entry.author.kind === 'user' && entry.author.userId === s.user.id) return html`<span class="who">You</span>`;
    return html`<span class="who">${actorLabel(entry.author)}</span>`;
  }

  private attachmentButton(file: Attachment): TemplateResult {
    const running = this.pending === `download:${file.id}`;
    return html`<button class="button small secondary inline attachment" part="button attachment" type="button" ?disabled=${this.busy} @click=${() => this.download(file)}>
      ${busyLabel(running, file.filename, 'Downloading…')}<span class="file-size">${formatSize(file.size)}</span><span class="sr-only">, download</span>
    </button>`;
  }

  private attachments(files: readonly Attachment[]): unknown {
    if (!files.length) return nothing;
    return html`<ul class="attachments" aria-label="Files">
      ${files.map((f) => html`<li>${this.attachmentButton(f)}</li>`)}
    </ul>`;
  }

  private renderDetails(t: Ticket): TemplateResult {
    return html`<dl class="details" part="details">
      <div><dt>Status</dt><dd>${statusTag(t.status)}</dd></div>
      <div><dt>Request number</dt><dd>${t.number}</dd></div>
      <div><dt>Nature of request</dt><dd>${t.requestType.label}</dd></div>
      <div><dt>Opened by</dt><dd>${actorLabel(t.createdBy)} on ${timeTag(t.createdAt)}</dd></div>
      <div><dt>Last update</dt><dd>${timeTag(t.updatedAt)}</dd></div>
    </dl>`;
  }

  private answer(f: TicketField): unknown {
    if (f.kind === 'file') return f.attachments?.length ? this.attachments(f.attachments) : html`<span class="muted">No files</span>`;
    if (!f.value) return html`<span class="muted">Not answered</span>`;
    return html`<span class="text">${f.value}</span>`;
  }

  private renderAnswers(t: Ticket): unknown {
    if (!t.fields.length) return nothing;
    return html`<section class="answers-section" aria-labelledby="answers-title">
      ${this.subheading('Request details', 'answers-title')}
      <dl class="answers" part="answers">
        ${t.fields.map((f) => html`<div class="answer answer-${f.kind}"><dt>${f.label}</dt><dd>${this.answer(f)}</dd></div>`)}
      </dl>
    </section>`;
  }

  private renderSubscribers(t: Ticket, s: SessionResponse): TemplateResult {
    const names = t.subscribers.map((p) => (p.id === s.user.id ? 'you' : p.name));
    const opener = t.createdBy.userId === s.user.id ? 'You' : actorText(t.createdBy);
    return html`<section class="subscribers" part="subscribers" aria-labelledby="subscribers-title">
      <div class="section-head">
        ${this.subheading('Who is notified', 'subscribers-title')}
        ${canUseTickets(s)
          ? html`<button class="button small secondary inline" part="button" type="button" ?disabled=${this.busy} @click=${this.openSubscribers}>
              Manage<span class="sr-only"> who is notified</span>
            </button>`
          : nothing}
      </div>
      <p class="subscriber-list">
        ${opener} (who opened it)${names.length ? html`, and ${names.join(', ')}` : nothing}.
        <span class="muted">Everyone here gets an email when Support replies.</span>
      </p>
    </section>`;
  }

  private renderEstimate(entry: TicketEntry, s: SessionResponse): TemplateResult {
    const e = entry.estimate!;
    const amount = formatMinorUnits(e.amountCents, e.currency);
    const titleId = `estimate-${entry.id}`;
    const proposed = e.status === 'proposed';
    const mayDecide = canUseTickets(s) && !isEmulating(s);
    let decision: unknown = nothing;
    if (proposed && mayDecide) {
      decision = html`<div class="estimate-actions">
        <button class="button inline approve" part="button" type="button" ?disabled=${this.busy} @click=${() => this.dialog.open({ kind: 'approve', entry }, '[data-cancel]')}>
          Approve<span class="sr-only"> the estimate of ${amount}</span>
        </button>
        <button class="button inline secondary decline" part="button" type="button" ?disabled=${this.busy} @click=${() => this.dialog.open({ kind: 'decline', entry, note: '' })}>
          Decline<span class="sr-only"> the estimate of ${amount}</span>
        </button>
      </div>`;
    } else if (proposed && isEmulating(s)) {
      decision = html`<p class="note decide-note" part="note">
        Estimates cannot be approved or declined while you are signed in as ${s.user.name} by emulation. ${s.user.name} decides when signed in.
      </p>`;
    } else if (proposed) {
      decision = html`<p class="note decide-note" part="note">${readOnlyText('Someone with permission in your account can approve or decline it.')}</p>`;
    }
    return html`<section class="estimate estimate-${e.status}" part="estimate" aria-labelledby=${titleId}>
      <div class="estimate-head">
        <span class="estimate-title" id=${titleId} role="heading" aria-level=${Math.min(6, this.level + 2)}>Estimate</span>
        <span class="tag estimate-status ${e.status}" part="tag">${ESTIMATE_STATUS_LABELS[e.status]}</span>
      </div>
      <p class="amount">${amount}</p>
      <div class="entry-body">${entry.body}</div>
      ${this.attachments(entry.attachments)}
      <p class="entry-meta muted">Proposed by ${s.dealer.name} Support, ${timeTag(entry.at)}</p>
      ${e.decidedAt && e.status !== 'proposed'
        ? html`<p class="decided">
            ${ESTIMATE_STATUS_LABELS[e.status]}${e.decidedBy ? html` by ${e.decidedBy.userId === s.user.id && e.decidedBy.kind === 'user' ? 'you' : actorLabel(e.decidedBy)}` : nothing}, ${timeTag(e.decidedAt)}
          </p>`
        : nothing}
      ${e.decisionNote ? html`<p class="decision-note"><span class="muted">Note:</span> <span class="text">${e.decisionNote}</span></p>` : nothing} ${decision}
    </section>`;
  }

  private renderEntry(entry: TicketEntry, s: SessionResponse): TemplateResult {
    if (entry.kind === 'status') {
      const who = entry.side === 'dealer' ? `${s.dealer.name} Support` : entry.author.userId === s.user.id && entry.author.kind === 'user' ? 'you' : actorText(entry.author);
      return html`<li class="entry entry-status" part="entry">
        <p>${entry.body || (entry.status === 'completed' ? 'Marked completed' : 'Reopened')} by ${who}, ${timeTag(entry.at)}</p>
      </li>`;
    }
    if (entry.kind === 'estimate' && entry.estimate) {
      return html`<li class="entry entry-dealer entry-estimate" part="entry entry-dealer">${this.renderEstimate(entry, s)}</li>`;
    }
    return html`<li class="entry entry-${entry.side}" part="entry entry-${entry.side}">
      <div class="entry-head">${this.who(entry, s)}<span class="entry-time">${timeTag(entry.at)}</span></div>
      ${entry.body ? html`<div class="entry-body">${entry.body}</div>` : nothing} ${this.attachments(entry.attachments)}
    </li>`;
  }

  private renderThread(t: Ticket, s: SessionResponse): TemplateResult {
    const entries = [...t.entries].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
    return html`<section class="conversation" aria-labelledby="thread-title">
      ${this.subheading('Conversation', 'thread-title')}
      ${entries.length
        ? html`<ol class="thread" part="thread" aria-label="Conversation, oldest first">
            ${entries.map((e) => this.renderEntry(e, s))}
          </ol>`
        : html`<p class="empty" part="empty">No replies yet. We will email you when Support replies.</p>`}
    </section>`;
  }

  private renderReply(t: Ticket, s: SessionResponse): unknown {
    if (!canUseTickets(s)) return nothing;
    return html`<form class="reply stack" part="reply" novalidate aria-labelledby="reply-title" aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.sendReply} @input=${this.onReplyInput}>
      ${this.subheading('Reply', 'reply-title')}
      ${t.status === 'completed' ? html`<p class="note completed-note" part="note">This request is completed. Sending a reply opens it again.</p>` : nothing}
      ${textArea({ name: 'body', label: 'Your message', value: this.reply, maxlength: TICKET_REPLY_MAX, error: this.errors.body, rows: 4 })}
      ${filesField(this.replyFiles, {
        id: 'attachments',
        label: 'Attach files (optional)',
        hint: filesHint(this.replyFiles),
        error: this.errors.attachments,
        disabled: this.busy,
      })}
      <div class="form-actions">
        <button class="button inline" part="button" type="submit" ?disabled=${this.busy}>${busyLabel(this.pending === 'reply', 'Send reply', 'Sending…')}</button>
      </div>
    </form>`;
  }

  private onReplyInput(event: Event): void {
    const target = event.target as HTMLTextAreaElement;
    if (target.name === 'attachments' && this.errors.attachments) {
      const { attachments: _fixed, ...rest } = this.errors;
      this.errors = rest;
    }
    if (target.name !== 'body') return;
    this.reply = target.value;
    if (this.errors.body) {
      const { body: _fixed, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  protected override renderReady(s: SessionResponse): unknown {
    const t = this.ticket;
    if (!t) return html`<p class="empty" part="empty">No support request was chosen.</p>`;
    return html`${canUseTickets(s) ? nothing : html`<p class="note permission-note" part="note">${readOnlyText('You can read this request.')}</p>`}
      ${this.renderDetails(t)} ${this.renderAnswers(t)} ${this.renderSubscribers(t, s)} ${this.renderThread(t, s)} ${this.renderReply(t, s)}`;
  }

  protected override renderDialog(state: TicketDialog, s: SessionResponse) {
    if (state.kind === 'subscribers') return { title: 'Who is notified', description: 'They get an email whenever Support replies to this request.', content: this.subscribersForm(state, s) };
    const e = state.entry.estimate;
    if (!e) return null;
    const amount = formatMinorUnits(e.amountCents, e.currency);
    if (state.kind === 'approve') {
      return {
        title: `Approve the estimate of ${amount}?`,
        kind: 'confirm' as const,
        content: html`<div class="stack">
          <p class="text">${state.entry.body}</p>
          <p>${s.dealer.name} will be told that you approved it.</p>
          ${this.dialogActions('Approve estimate', 'Approving…', { type: 'button', onClick: () => void this.decide(state.entry, 'approve') })}
        </div>`,
      };
    }
    return {
      title: `Decline the estimate of ${amount}?`,
      kind: 'confirm' as const,
      content: html`<form
        class="stack"
        novalidate
        aria-labelledby="dialog-title"
        @submit=${(ev: SubmitEvent) => this.onDecline(ev, state)}
        @input=${(ev: Event) => this.dialog.set({ ...state, note: (ev.target as HTMLTextAreaElement).value })}
      >
        ${textArea({ name: 'note', label: `A note for ${s.dealer.name} (optional)`, help: 'For example, why, or what would work for you.', value: state.note, maxlength: DECISION_NOTE_MAX, error: this.errors.note, rows: 3 })}
        ${this.dialogActions('Decline estimate', 'Declining…', { danger: true })}
      </form>`,
    };
  }

  private onDecline(event: SubmitEvent, state: Extract<TicketDialog, { kind: 'decline' }>): void {
    event.preventDefault();
    const note = String(new FormData(event.currentTarget as HTMLFormElement).get('note') ?? '').trim();
    this.dialog.set({ ...state, note });
    void this.decide(state.entry, 'decline', note || undefined);
  }

  private subscribersForm(state: Extract<TicketDialog, { kind: 'subscribers' }>, s: SessionResponse): TemplateResult {
    const t = this.ticket;
    if (this.peoplePhase !== 'ready' || !t) {
      return this.peoplePhase === 'error'
        ? html`<div class="dialog-actions">
            <button class="button inline" part="button" type="button" @click=${this.loadPeople}>Retry</button>
            <button class="button inline secondary" part="button" type="button" data-cancel @click=${() => this.dialog.close()}>Cancel</button>
          </div>`
        : html`<div class="loading" role="status"><span class="spinner" aria-hidden="true"></span>Loading people…</div>`;
    }
    // The person who opened it is always notified.
    const choices = this.people.filter((p) => p.id !== t.createdBy.userId);
    return html`<form class="stack" novalidate aria-labelledby="dialog-title" @submit=${this.saveSubscribers}>
      ${choices.length
        ? html`<fieldset aria-describedby=${this.errors.subscribers ? 'subscribers-error' : nothing}>
            <legend>Also notify</legend>
            <div class="checks">
              ${choices.map((p) => this.checkbox('subscribers', p.id === s.user.id ? `${p.name} (you)` : p.name, { value: p.id, id: `sub-${p.id}`, checked: state.selected.includes(p.id) }))}
            </div>
            ${this.errors.subscribers ? html`<div class="field-error" id="subscribers-error">${this.errors.subscribers}</div>` : nothing}
          </fieldset>`
        : html`<p>No one else in your account can be added.</p>`}
      ${this.dialogActions('Save', 'Saving…')}
    </form>`;
  }
}
