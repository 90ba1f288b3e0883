import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ticketsApi, type PorchlightClient, type TicketsApi } from '@porchlight/client';
import {
  checkFieldValues,
  TICKET_PAGE_SIZE,
  TICKET_SUBJECT_MAX,
  type RequestField,
  type RequestType,
  type SessionResponse,
  type TicketPage,
  type TicketPerson,
  type TicketSummary,
} from '@porchlight/core';
import { AccountList } from '../internal/account-list.js';
import { dataTable } from '../internal/data-table.js';
import { FileUploads } from '../internal/file-uploads.js';
import { timeTag } from '../internal/format.js';
import { alertIcon } from '../internal/icons.js';
import { errorMessage } from '../internal/messages.js';
import { busyLabel } from '../internal/templates.js';
import { emitTicket } from './events.js';
import { controlName, requestFieldControl, selectControl, textInput } from './request-fields.js';
import { canUseTickets, readOnlyText, statusTag } from './ticket-format.js';
import { ticketsStyles } from './tickets.styles.js';
import { pageLimit } from '../internal/list-view.js';

export type TicketFilter = 'open' | 'completed' | 'all';

const FILTERS: ReadonlyArray<{ value: TicketFilter; label: string }> = [
  { value: 'open', label: 'Open' },
  { value: 'completed', label: 'Completed' },
  { value: 'all', label: 'All' },
];

/** How long typing waits before it searches. */
const SEARCH_DELAY_MS = 400;

/** What the new-request form holds (kept while the request type changes). */
interface Draft {
  type: string;
  subject: string;
  /** `<type>/<field>` -> the text answer. */
  values: Record<string, string>;
  /** Also notify these users. */
  subscribers: string[];
}

const emptyDraft = (): Draft => ({ type: '', subject: '', values: {}, subscribers: [] });
const answerKey = (type: RequestType, field: RequestField) => `${type.id}/${field.id}`;

/**
 * <porchlight-tickets>: the account's support requests. A status filter (Open, Completed, All)
 * and a search by subject; newest first, a page at a time ("Load more"); each shows its number,
 * subject, nature of the request, status (text and colour), last update, and says "New reply"
 * when Support wrote last and "Estimate waiting" when an estimate waits for a decision.
 * "New support request" opens the form in place: the nature of the request decides the fields
 * below it (text, long text with a counter, choice, date, files uploaded at once with their
 * progress), checked with the same function the server uses; "Also notify" shares it with other
 * people of the account. Opening a request (or sending a new one) shows it with
 * <porchlight-ticket>, with "Back to requests". Reading needs no permission; opening and
 * replying need "Open and reply to support tickets". Lives inside <porchlight-portal>.
 *
 * @attr heading - the heading (default "Support requests")
 * @attr heading-level - the heading level (default 2)
 * @attr page-size - how many requests one page asks for (1–100, default 20)
 * @csspart card - the card around everything
 * @csspart title - the heading
 * @csspart toolbar - the "New support request" button's row
 * @csspart button - buttons
 * @csspart filters - the status filter and the search
 * @csspart summary - the line saying what is shown (a live region)
 * @csspart table - the list (cards when narrow)
 * @csspart row - each request
 * @csspart status - a status tag (also `status-open`, `status-completed`)
 * @csspart tag - the "New reply" and "Estimate waiting" tags
 * @csspart form - the new-request form
 * @csspart field - each field of the form (also `files` for a file picker)
 * @csspart file-list - the files chosen for a field (also `uploads`)
 * @csspart file - each file, with its progress (also `upload`)
 * @csspart error - the error region (role=alert)
 * @csspart notice - the status region (role=status)
 * @csspart state - the loading and load-error states
 * @csspart empty - the empty state
 * @csspart note - notes (read-only login, signed out)
 * @fires porchlight-ticket-open - `{ ticketId }` when a request is opened from the list
 * @fires porchlight-ticket-created - `{ ticket }` after a new request was sent
 */
export class PorchlightTickets extends AccountList<TicketSummary> {
  static override styles = ticketsStyles;
  static override grant = 'tickets' as const;
  static override properties = {
    pageSize: { type: Number, attribute: 'page-size' },
    filter: { state: true },
    q: { state: true },
    searchText: { state: true },
    view: { state: true },
    openId: { state: true },
    flash: { state: true },
    formPhase: { state: true },
    formError: { state: true },
    types: { state: true },
    people: { state: true },
    draft: { state: true },
  };

  /** How many requests one page asks for (1–100, default 20). */
  declare pageSize: number;

  protected declare filter: TicketFilter;
  /** The search the list shows. */
  protected declare q: string;
  /** What is typed in the search box. */
  protected declare searchText: string;
  protected declare view: 'list' | 'new' | 'ticket';
  /** The request shown (view `ticket`). */
  protected declare openId: string;
  /** The success message the opened request shows (after sending it). */
  protected declare flash: string;
  protected declare formPhase: 'idle' | 'loading' | 'ready' | 'error';
  protected declare formError: string;
  protected declare types: RequestType[];
  protected declare people: TicketPerson[];
  protected declare draft: Draft;

  private formRuns = 0;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly uploads = new Map<string, FileUploads>();

  constructor() {
    super();
    this.heading = 'Support requests';
    this.pageSize = TICKET_PAGE_SIZE;
    this.filter = 'open';
    this.q = '';
    this.searchText = '';
    this.view = 'list';
    this.openId = '';
    this.flash = '';
    this.formPhase = 'idle';
    this.formError = '';
    this.types = [];
    this.people = [];
    this.draft = emptyDraft();
  }

  /** Shows one request (as if opened from the list). */
  openTicket(ticketId: string): void {
    if (!ticketId) return;
    this.openId = ticketId;
    this.flash = '';
    this.view = 'ticket';
    this.clearMessages();
    emitTicket(this, 'porchlight-ticket-open', { ticketId });
  }

  /** Back to the list (from a request or the form). */
  showList(): void {
    const from = this.openId;
    this.view = 'list';
    this.openId = '';
    this.flash = '';
    void this.reload(true);
    void this.updateComplete.then(() => {
      const row = from ? this.renderRoot.querySelector<HTMLElement>(`button.open-ticket[data-id="${from}"]`) : null;
      (row ?? this.renderRoot.querySelector<HTMLElement>('#title'))?.focus();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }

  private get limit(): number {
    return pageLimit(this.pageSize, TICKET_PAGE_SIZE);
  }

  private get api(): TicketsApi | null {
    return this.client ? ticketsApi(this.client) : null;
  }

  private query(cursor?: string) {
    return { status: this.filter, q: this.q || undefined, limit: String(this.limit), cursor };
  }

  // ---- data ------------------------------------------------------------------------------

  protected override fetchPage(client: PorchlightClient, cursor?: string): Promise<TicketPage> {
    return ticketsApi(client).list(this.query(cursor));
  }

  protected override moreNotice(added: number): string {
    return added ? `Loaded ${added} more ${added === 1 ? 'request' : 'requests'}.` : 'No more requests.';
  }

  protected override clear(): void {
    super.clear();
    clearTimeout(this.searchTimer);
    this.filter = 'open';
    this.q = '';
    this.searchText = '';
    this.view = 'list';
    this.openId = '';
    this.flash = '';
    this.formPhase = 'idle';
    this.formRuns++;
    this.formError = '';
    this.types = [];
    this.people = [];
    this.resetForm();
  }

  protected override loadingText(): string {
    return 'Loading support requests…';
  }

  protected override signedOutText(): string {
    return 'Log in to see your support requests.';
  }

  private async loadFormData(): Promise<void> {
    const api = this.api;
    if (!api) return;
    this.formPhase = 'loading';
    this.formError = '';
    // Its own run count: a refresh of the list meanwhile must not void the form's data.
    const run = ++this.formRuns;
    try {
      const [types, people] = await Promise.all([
        api.requestTypes(),
        // Without the list, the form offers no one to notify.
        api.people().catch(() => ({ items: [] as TicketPerson[] })),
      ]);
      if (run !== this.formRuns || this.view !== 'new') return;
      this.types = types.items.filter((t) => t.active);
      this.people = [...people.items].sort((a, b) => a.name.localeCompare(b.name));
      if (!this.draft.type && this.types.length === 1) this.draft = { ...this.draft, type: this.types[0]!.id };
      this.formPhase = 'ready';
    } catch (error) {
      if (run !== this.formRuns || this.view !== 'new') return;
      this.formError = errorMessage(error);
      this.formPhase = 'error';
    }
  }

  private uploadsFor(type: RequestType, field: RequestField): FileUploads {
    const key = answerKey(type, field);
    let ctrl = this.uploads.get(key);
    if (!ctrl) {
      ctrl = new FileUploads(this, () => this.api);
      this.uploads.set(key, ctrl);
    }
    return ctrl;
  }

  private resetForm(): void {
    for (const ctrl of this.uploads.values()) {
      ctrl.clear();
      this.removeController(ctrl);
    }
    this.uploads.clear();
    this.draft = emptyDraft();
  }

  private get currentType(): RequestType | undefined {
    return this.types.find((t) => t.id === this.draft.type);
  }

  // ---- list actions ----------------------------------------------------------------------

  private onFilter(event: Event): void {
    const value = (event.target as HTMLInputElement).value as TicketFilter;
    if (!FILTERS.some((f) => f.value === value) || value === this.filter) return;
    this.filter = value;
    this.reloadList();
  }

  private search(text: string): void {
    clearTimeout(this.searchTimer);
    const q = text.trim().slice(0, 100);
    if (q === this.q) return;
    this.q = q;
    this.reloadList();
  }

  private onSearchInput(event: Event): void {
    this.searchText = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.search(this.searchText), SEARCH_DELAY_MS);
  }

  private onSearchSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('q') as HTMLInputElement | null;
    this.searchText = input?.value ?? this.searchText;
    this.search(this.searchText);
  }

  private openForm(): void {
    this.view = 'new';
    this.clearMessages();
    if (this.formPhase !== 'ready') void this.loadFormData();
    void this.focusAfterUpdate('#new-title');
  }

  private cancelForm(): void {
    this.resetForm();
    this.clearMessages();
    this.view = 'list';
    void this.focusAfterUpdate('button.new-request');
  }

  // ---- the form --------------------------------------------------------------------------

  private onFormInput(event: Event): void {
    const target = event.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    const name = target.name;
    if (!name) return;
    if (target.type === 'checkbox' && name === 'subscribers') {
      const box = target as HTMLInputElement;
      const rest = this.draft.subscribers.filter((id) => id !== box.value);
      this.draft = { ...this.draft, subscribers: box.checked ? [...rest, box.value] : rest };
    } else if (name === 'requestType') {
      this.draft = { ...this.draft, type: target.value };
      // The fields below change: their errors go with them.
      this.errors = Object.fromEntries(Object.entries(this.errors).filter(([k]) => !k.startsWith('fields.') && k !== 'requestType'));
      return;
    } else if (name === 'subject') {
      this.draft = { ...this.draft, subject: target.value };
    } else if (target.type === 'file') {
      // The picker handles the files; a new choice clears the field's error (below).
    } else if (name.startsWith('fields.')) {
      const type = this.currentType;
      const field = type?.fields.find((f) => controlName(f) === name);
      if (type && field) this.draft = { ...this.draft, values: { ...this.draft.values, [answerKey(type, field)]: target.value } };
    }
    if (this.errors[name]) {
      const { [name]: _fixed, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  /** The problems with the form, in its order (the same messages the server would answer). */
  private check(type: RequestType | undefined): { errors: Record<string, string>; fields: Record<string, string | string[]> } {
    const errors: Record<string, string> = {};
    if (!type) errors.requestType = 'Choose the nature of your request.';
    const subject = this.draft.subject.trim();
    if (!subject) errors.subject = 'Enter a subject.';
    else if (subject.length > TICKET_SUBJECT_MAX) errors.subject = `Use at most ${TICKET_SUBJECT_MAX} characters.`;
    if (!type) return { errors, fields: {} };
    const input: Record<string, string | string[]> = {};
    const waiting: Record<string, string> = {};
    for (const field of type.fields) {
      if (field.kind === 'file') {
        const ctrl = this.uploadsFor(type, field);
        const blocker = ctrl.blocker();
        if (blocker) waiting[field.id] = blocker;
        input[field.id] = ctrl.ids;
      } else {
        input[field.id] = this.draft.values[answerKey(type, field)] ?? '';
      }
    }
    const checked = checkFieldValues(type, input);
    for (const field of type.fields) {
      const message = waiting[field.id] ?? checked.errors[field.id];
      if (message) errors[controlName(field)] = message;
    }
    return { errors, fields: checked.values };
  }

  private async onSubmit(event: SubmitEvent, s: SessionResponse): Promise<void> {
    event.preventDefault();
    const api = this.api;
    if (!api || this.busy) return;
    const type = this.currentType;
    const { errors, fields } = this.check(type);
    const names = Object.keys(errors);
    if (names.length || !type) {
      this.notice = null;
      this.errors = errors;
      this.alert = names.length === 1 ? errors[names[0]!]! : 'Check the highlighted fields.';
      void this.focusAfterUpdate(`[name="${names[0]}"]`);
      return;
    }
    const others = new Set(this.people.filter((p) => p.id !== s.user.id).map((p) => p.id));
    const subscribers = this.draft.subscribers.filter((id) => others.has(id));
    const fieldMap: Record<string, string> = {
      requestType: 'requestType',
      subject: 'subject',
      ...Object.fromEntries(type.fields.map((f) => [controlName(f), controlName(f)])),
      subscribers: 'subscribers',
    };
    const ticket = await this.act('create', () => api.create({ requestType: type.id, subject: this.draft.subject.trim(), fields, subscribers }), {
      fields: fieldMap,
      close: false,
    });
    if (!ticket) return;
    this.resetForm();
    this.openTicket(ticket.id);
    this.flash = `Your request ${ticket.number} was sent. We will email you when Support replies.`;
    emitTicket(this, 'porchlight-ticket-created', { ticket });
  }

  // ---- rendering -------------------------------------------------------------------------

  protected override renderLead(): unknown {
    return html`<p class="lead">Ask us for help, and follow your requests and our replies.</p>`;
  }

  protected override renderToolbar(s: SessionResponse): unknown {
    if (this.phase !== 'ready' || this.view !== 'list' || !canUseTickets(s)) return nothing;
    return html`<button class="button inline new-request" part="button" type="button" @click=${this.openForm}>New support request</button>`;
  }

  private filterWord(): string {
    return this.filter === 'all' ? '' : `${this.filter} `;
  }

  private summaryText(): string {
    if (this.refreshing) return 'Loading…';
    const n = this.items.length;
    if (!n) return '';
    const what = `${n} ${this.filterWord()}${n === 1 ? 'request' : 'requests'}`;
    const matching = this.q ? ` matching "${this.q}"` : '';
    return this.cursor ? `Showing the latest ${what}${matching}. Load more to see older ones.` : `Showing ${what}${matching}.`;
  }

  private emptyText(s: SessionResponse): string {
    if (this.q) return `No ${this.filterWord()}requests match "${this.q}".`;
    if (this.filter === 'completed') return 'No completed requests.';
    const hint = canUseTickets(s) ? ' Need help? Use "New support request".' : '';
    return this.filter === 'open' ? `No open requests.${hint}` : `No support requests yet.${hint}`;
  }

  private renderFilters(): TemplateResult {
    return html`<div class="filters" part="filters">
      <fieldset class="segmented" @change=${this.onFilter}>
        <legend>Ticket status</legend>
        <div class="segments">
          ${FILTERS.map(
            (f) => html`<input type="radio" id="filter-${f.value}" name="status" value=${f.value} .checked=${this.filter === f.value} /><label for="filter-${f.value}">${f.label}</label>`,
          )}
        </div>
      </fieldset>
      <form class="search" role="search" aria-label="Search support requests" @submit=${this.onSearchSubmit}>
        <label for="q">Search by subject</label>
        <div class="search-row">
          <input type="search" id="q" name="q" maxlength="100" autocomplete="off" .value=${this.searchText} @input=${this.onSearchInput} />
          <button class="button inline secondary" part="button" type="submit">Search</button>
        </div>
      </form>
    </div>`;
  }

  private subjectCell(t: TicketSummary): TemplateResult {
    return html`<button class="link-button open-ticket" type="button" data-id=${t.id} @click=${() => this.openTicket(t.id)}>${t.subject}</button>
      ${t.lastSide === 'dealer' || t.estimatePending
        ? html`<span class="markers">
            ${t.lastSide === 'dealer' ? html`<span class="tag new" part="tag">New reply</span>` : nothing}
            ${t.estimatePending ? html`<span class="tag estimate" part="tag">Estimate waiting</span>` : nothing}
          </span>`
        : nothing}`;
  }

  private renderList(s: SessionResponse): TemplateResult {
    return html`${canUseTickets(s) ? nothing : html`<p class="note permission-note" part="note">${readOnlyText('You can read your account\'s support requests.')}</p>`}
      ${this.renderFilters()}
      <p class="summary" part="summary" role="status" tabindex="-1">${this.summaryText()}</p>
      ${this.items.length
        ? dataTable<TicketSummary>({
            caption: `Support requests${this.filter === 'all' ? '' : ` (${this.filter})`}, newest first`,
            items: this.items,
            key: (t) => t.id,
            busy: this.refreshing,
            className: 'tickets',
            rowHeader: 1,
            rowClass: (t) => (t.lastSide === 'dealer' ? 'unread' : ''),
            columns: [
              { label: 'Number', className: 'number', cell: (t) => t.number },
              { label: 'Subject', bare: true, className: 'subject', cell: (t) => this.subjectCell(t) },
              { label: 'Nature of request', className: 'type', cell: (t) => t.requestType.label },
              { label: 'Status', className: 'status-cell', cell: (t) => statusTag(t.status) },
              { label: 'Last update', className: 'updated', cell: (t) => timeTag(t.updatedAt, 'date') },
            ],
          })
        : html`<p class="empty" part="empty">${this.emptyText(s)}</p>`}
      ${this.renderMore()}`;
  }

  private renderPeople(s: SessionResponse): unknown {
    const others = this.people.filter((p) => p.id !== s.user.id);
    if (!others.length) return nothing;
    const error = this.errors.subscribers;
    return html`<fieldset class="notify" aria-describedby=${error ? 'notify-hint subscribers-error' : 'notify-hint'}>
      <legend>Also notify (optional)</legend>
      <p class="hint" id="notify-hint">They get an email when Support replies, like you do.</p>
      <div class="checks">
        ${others.map((p) => this.checkbox('subscribers', p.name, { value: p.id, id: `notify-${p.id}`, checked: this.draft.subscribers.includes(p.id) }))}
      </div>
      ${error ? html`<div class="field-error" id="subscribers-error">${alertIcon}<span>${error}</span></div>` : nothing}
    </fieldset>`;
  }

  private renderTypeFields(type: RequestType): TemplateResult[] {
    return type.fields.map((field) =>
      requestFieldControl(field, {
        value: this.draft.values[answerKey(type, field)] ?? '',
        error: this.errors[controlName(field)] ?? '',
        uploads: field.kind === 'file' ? this.uploadsFor(type, field) : null,
        disabled: this.busy,
      }),
    );
  }

  private renderForm(s: SessionResponse): TemplateResult {
    // One section and heading whatever the form's state, so focus on the heading stays.
    return html`<section class="new-request" aria-labelledby="new-title">
      <div class="subheading form-title" id="new-title" role="heading" aria-level=${Math.min(6, this.level + 1)} tabindex="-1">New support request</div>
      ${this.renderFormBody(s)}
    </section>`;
  }

  private renderFormBody(s: SessionResponse): TemplateResult {
    const cancel = html`<button class="button inline secondary" part="button" type="button" ?disabled=${this.busy} @click=${this.cancelForm}>Cancel</button>`;
    if (this.formPhase === 'error') {
      return html`<div class="state load-error" part="state">
        <div class="alert-box error">${alertIcon}<p>${this.formError}</p></div>
        <div class="form-actions">
          <button class="button inline" part="button" type="button" @click=${this.loadFormData}>Retry</button>${cancel}
        </div>
      </div>`;
    }
    if (this.formPhase !== 'ready') {
      return html`<div class="loading" part="state" role="status"><span class="spinner" aria-hidden="true"></span>Loading the form…</div>`;
    }
    if (!this.types.length) {
      return html`<p class="empty" part="empty">Support requests cannot be opened online yet. Please contact ${s.dealer.name} directly.</p>
        <div class="form-actions">${cancel}</div>`;
    }
    const type = this.currentType;
    return html`<p class="note">Fields marked <span class="required">*</span> are required. Give as much detail as you can, and attach screenshots or documents that help.</p>
      <form part="form" class="stack" novalidate aria-labelledby="new-title" aria-busy=${this.busy ? 'true' : 'false'} @submit=${(e: SubmitEvent) => this.onSubmit(e, s)} @input=${this.onFormInput} @change=${this.onFormInput}>
        ${selectControl({
          name: 'requestType',
          label: 'What is the nature of your request?',
          required: true,
          help: type?.description || undefined,
          error: this.errors.requestType,
          value: this.draft.type,
          placeholder: 'Choose…',
          options: this.types.map((t) => ({ value: t.id, label: t.label })),
        })}
        ${textInput({ name: 'subject', label: 'Subject', required: true, help: 'A short summary, e.g. "Front door keypad beeps".', error: this.errors.subject, value: this.draft.subject, maxlength: TICKET_SUBJECT_MAX })}
        ${type ? this.renderTypeFields(type) : html`<p class="note">Choose the nature of your request to see what else we need to know.</p>`}
        ${this.renderPeople(s)}
        <div class="form-actions">
          <button class="button inline" part="button" type="submit" ?disabled=${this.busy}>${busyLabel(this.pending === 'create', 'Submit support request', 'Sending…')}</button>
          ${cancel}
        </div>
      </form>`;
  }

  protected override renderReady(s: SessionResponse): unknown {
    return this.view === 'new' && canUseTickets(s) ? this.renderForm(s) : this.renderList(s);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A login that may no longer open requests leaves the form.
    const s = this.me;
    if (this.view === 'new' && s && !canUseTickets(s)) this.view = 'list';
  }

  private onBack = (): void => this.showList();

  protected override render() {
    if (this.view === 'ticket' && this.openId && this.me && this.client) {
      return html`<porchlight-ticket
        ticket-id=${this.openId}
        show-back
        heading-level=${this.headingLevel}
        .flash=${this.flash}
        @porchlight-ticket-back=${this.onBack}
      ></porchlight-ticket>`;
    }
    return super.render();
  }
}
