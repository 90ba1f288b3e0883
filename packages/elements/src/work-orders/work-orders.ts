import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  isOpenWorkOrderStatus,
  WORK_ORDER_NOTE_MAX,
  WORK_ORDER_STATUSES,
  workOrdersApi,
  type PorchlightClient,
  type SessionResponse,
  type WorkOrder,
  type WorkOrderNote,
  type WorkOrderPage,
  type WorkOrdersApi,
  type WorkOrderStatus,
  type WorkOrderSummary,
  type WorkOrderTimelineEntry,
} from '@porchlight/client';
import { formatSize, saveBlob } from '../internal/files.js';
import { AccountList } from '../internal/account-list.js';
import { actorLabel } from '../internal/actor.js';
import { dataTable } from '../internal/data-table.js';
import { timeTag } from '../internal/format.js';
import { takeFragmentParam } from '../internal/fragment.js';
import { alertIcon } from '../internal/icons.js';
import { errorCode, errorMessage } from '../internal/messages.js';
import { backBar, pageLimit } from '../internal/list-view.js';
import { busyLabel } from '../internal/templates.js';
import { emitWorkOrder, type WorkOrderCreatedDetail } from './events.js';
import type { PorchlightWorkOrderForm } from './work-order-form.js';
import { canSubmit, dayPartLabel, formatDay, readOnlyText, requestTypeLabel, statusBadge, statusLabel, systemKindLabel, whereText } from './work-order-format.js';
import { workOrdersStyles } from './work-orders.styles.js';

/** Which work orders the list shows. */
export type WorkOrderFilter = 'open' | 'closed' | 'all';

const FILTERS: ReadonlyArray<[WorkOrderFilter, string]> = [
  ['open', 'Open'],
  ['closed', 'Closed'],
  ['all', 'All'],
];

/** The server's page size (WORK_ORDER_PAGE_SIZE). */
const PAGE_SIZE = 20;

/** The fragment a work order's email links to: `#porchlight-work-order=<id>`. */
export const WORK_ORDER_PARAM = 'porchlight-work-order';
const ID = /^[0-9a-hjkmnp-tv-z]{26}$/;

type Phase = 'idle' | 'loading' | 'ready' | 'error';

/** The list's summary of a work order (after a change made on its page). */
function summaryOf(wo: WorkOrder): WorkOrderSummary {
  const { photos, preferredWindows: _w, timeline: _t, notes, ...rest } = wo;
  return { ...rest, photoCount: photos.length, noteCount: notes.length, lastNoteSide: notes.length ? notes[notes.length - 1]!.side : null };
}

/**
 * <porchlight-work-orders>: the account's work orders — what the client asked their alarm
 * company for, and where the technician is with it. Open ones by default (Closed and All too),
 * newest first, a page at a time ("Load more"); each row shows the number, the site and system
 * (or "General request"), the type of request, the status (in words and colour), when it last
 * changed and who sent it. "New work order" opens <porchlight-work-order-form> in place.
 * Opening a work order shows its progress (an ordered list, the current step marked with
 * aria-current; times in the reader's time zone), the preferred times, the photos (downloaded
 * with the session) and the notes of both sides as plain text, with "Add a note" while it is
 * open. An email's link (`#porchlight-work-order=<id>`) opens that work order. Reading needs no
 * permission; sending and notes need "Submit and edit work orders" (without it the list is
 * read-only, with a note). Lives inside <porchlight-portal>.
 *
 * @attr heading - the heading (default "Work orders")
 * @attr heading-level - the heading level (default 2)
 * @attr page-size - how many work orders one page asks for (1–100, default 20)
 * @csspart card - the card around everything
 * @csspart title - the heading
 * @csspart toolbar - the "New work order" button's row
 * @csspart button - buttons
 * @csspart back - the "Back to work orders" button
 * @csspart filters - the status filter
 * @csspart summary - the line saying what is shown (a live region)
 * @csspart table - the list (cards when narrow)
 * @csspart row - each work order
 * @csspart badge - a status badge (also `status` and `status-<status>`)
 * @csspart detail - one work order
 * @csspart timeline - its progress
 * @csspart step - each step (also `step-current`)
 * @csspart notes - its notes
 * @csspart note-item - each note
 * @csspart note-form - the "Add a note" form
 * @csspart error - the error region (role=alert)
 * @csspart notice - the status region (role=status)
 * @csspart state - the loading and load-error states
 * @csspart empty - the empty states
 * @csspart note - notes (read-only login, closed work order, signed out)
 * @fires porchlight-work-order-open - `{ workOrderId }` when a work order is opened
 * @fires porchlight-work-order-created - `{ workOrder }` after a work order was sent (from the form inside)
 * @fires porchlight-work-order-note-added - `{ workOrder, note }` after the signed-in user added a note
 */
export class PorchlightWorkOrders extends AccountList<WorkOrderSummary> {
  static override styles = workOrdersStyles;
  static override grant = 'work-orders' as const;
  static override properties = {
    pageSize: { type: Number, attribute: 'page-size' },
    filter: { state: true },
    view: { state: true },
    openId: { state: true },
    workOrder: { state: true },
    detailPhase: { state: true },
    detailError: { state: true },
    noteText: { state: true },
  };

  /** How many work orders one page asks for (1–100, default 20). */
  declare pageSize: number;

  protected declare filter: WorkOrderFilter;
  protected declare view: 'list' | 'new' | 'detail';
  /** The work order shown (view `detail`). */
  protected declare openId: string;
  protected declare workOrder: WorkOrder | null;
  protected declare detailPhase: Phase;
  protected declare detailError: string;
  /** What is typed in "Add a note". */
  protected declare noteText: string;

  private detailRun = 0;
  private lastOpened = '';
  private linkChecked = false;

  constructor() {
    super();
    this.heading = 'Work orders';
    this.pageSize = PAGE_SIZE;
    this.filter = 'open';
    this.view = 'list';
    this.openId = '';
    this.workOrder = null;
    this.detailPhase = 'idle';
    this.detailError = '';
    this.noteText = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
  }

  private get api(): WorkOrdersApi | undefined {
    return this.client ? workOrdersApi(this.client) : undefined;
  }

  private get limit(): number {
    return pageLimit(this.pageSize, PAGE_SIZE);
  }

  // ---- data ------------------------------------------------------------------------------

  protected override fetchPage(client: PorchlightClient, cursor?: string): Promise<WorkOrderPage> {
    return workOrdersApi(client).list({ status: this.filter, limit: String(this.limit), cursor });
  }

  /** Focus goes to the first new work order after "Load more". */
  protected override rowSelector(w: WorkOrderSummary): string {
    return `[data-open="${CSS.escape(w.id)}"]`;
  }

  protected override clear(): void {
    super.clear();
    this.detailRun++;
    this.view = 'list';
    this.openId = '';
    this.workOrder = null;
    this.detailPhase = 'idle';
    this.detailError = '';
    this.noteText = '';
    this.lastOpened = '';
    this.linkChecked = false;
  }

  protected override loadingText(): string {
    return 'Loading work orders…';
  }

  protected override signedOutText(): string {
    return 'Log in to see your work orders.';
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // A link from an email (#porchlight-work-order=<id>) opens that work order, once the list is there.
    if (this.phase === 'ready' && !this.linkChecked) {
      this.linkChecked = true;
      this.openLinked();
    }
  }

  private readonly onHashChange = (): void => {
    if (this.phase === 'ready') this.openLinked();
  };

  private openLinked(): void {
    if (!window.location.hash.includes(`${WORK_ORDER_PARAM}=`)) return;
    const id = takeFragmentParam(WORK_ORDER_PARAM);
    if (id && ID.test(id)) void this.openWorkOrder(id);
  }

  private onFilter(event: Event): void {
    const value = (event.target as HTMLSelectElement).value as WorkOrderFilter;
    if (!FILTERS.some(([f]) => f === value) || value === this.filter) return;
    this.filter = value;
    // Keeps the filter on screen (and focused) while the list loads again.
    this.reloadList();
  }

  // ---- views -----------------------------------------------------------------------------

  /** Shows one work order in place of the list. */
  async openWorkOrder(workOrderId: string): Promise<void> {
    this.lastOpened = workOrderId;
    this.view = 'detail';
    this.openId = workOrderId;
    this.noteText = '';
    this.clearMessages();
    emitWorkOrder(this, 'porchlight-work-order-open', { workOrderId });
    await this.loadDetail(workOrderId, true);
  }

  /** Opens the "New work order" form in place of the list (with permission). */
  newWorkOrder(): void {
    const s = this.me;
    if (!s || !canSubmit(s)) return;
    this.view = 'new';
    this.clearMessages();
    void this.focusForm();
  }

  /** Shows the list again (what "Back to work orders" does). */
  showList(): void {
    if (this.view === 'list' || this.busy) return;
    this.detailRun++;
    const from = this.view;
    this.view = 'list';
    this.workOrder = null;
    this.detailPhase = 'idle';
    this.noteText = '';
    this.clearMessages();
    const id = from === 'detail' ? this.lastOpened : '';
    void this.focusAfterUpdate(id && this.items.some((w) => w.id === id) ? `[data-open="${CSS.escape(id)}"]` : from === 'new' ? '[data-new]' : '#title');
  }

  private async focusForm(): Promise<void> {
    await this.updateComplete;
    const form = this.renderRoot.querySelector<PorchlightWorkOrderForm>('porchlight-work-order-form');
    if (!form) return;
    await form.updateComplete;
    form.shadowRoot?.querySelector<HTMLElement>('#title')?.focus();
  }

  private async loadDetail(workOrderId: string, focus: boolean, quiet = false): Promise<void> {
    const api = this.api;
    if (!api) return;
    const run = ++this.detailRun;
    if (!quiet) {
      this.workOrder = null;
      this.detailPhase = 'loading';
      this.detailError = '';
      if (focus) void this.focusAfterUpdate('[data-back]');
    }
    try {
      const wo = await api.get(workOrderId);
      if (run !== this.detailRun) return;
      this.adopt(wo);
      this.detailPhase = 'ready';
      if (focus) void this.focusAfterUpdate('#detail-title');
    } catch (error) {
      if (run !== this.detailRun) return;
      if (quiet) return;
      this.detailError = errorCode(error) === 'NOT_FOUND' ? 'This work order was not found. It may belong to another account.' : errorMessage(error);
      this.detailPhase = 'error';
    }
  }

  /** The work order as the server now has it; its row in the list follows. */
  private adopt(wo: WorkOrder): void {
    this.workOrder = wo;
    if (this.items.some((w) => w.id === wo.id)) this.items = this.items.map((w) => (w.id === wo.id ? summaryOf(wo) : w));
  }

  private onCreated(event: CustomEvent<WorkOrderCreatedDetail>): void {
    // The event goes on to the page; here the new work order opens, and the list loads again behind it.
    const wo = event.detail.workOrder;
    this.detailRun++;
    this.lastOpened = wo.id;
    this.openId = wo.id;
    this.workOrder = wo;
    this.detailPhase = 'ready';
    this.view = 'detail';
    this.noteText = '';
    this.clearMessages();
    this.notice = { kind: 'success', text: `Work order ${wo.number} was sent. You can follow it here.` };
    void this.reload(true);
    void this.focusAfterUpdate('#detail-title');
  }

  // ---- actions on one work order ----------------------------------------------------------

  private async download(wo: WorkOrder, photo: WorkOrder['photos'][number]): Promise<void> {
    const api = this.api;
    if (!api) return;
    await this.act(
      `photo:${photo.id}`,
      async () => {
        const file = await api.downloadPhoto(wo.id, photo.id);
        const name = file.filename || photo.filename;
        saveBlob(file.blob, name, this.renderRoot);
        return name;
      },
      { close: false, reload: false, success: (name) => `Downloading ${name}.` },
    );
  }

  private async onNote(event: SubmitEvent, wo: WorkOrder): Promise<void> {
    event.preventDefault();
    const api = this.api;
    if (!api || this.busy) return;
    const body = this.noteText.replace(/\r\n?/g, '\n').trim();
    const error = !body ? 'Write a note.' : body.length > WORK_ORDER_NOTE_MAX ? `Use at most ${WORK_ORDER_NOTE_MAX} characters.` : '';
    if (error) {
      this.notice = null;
      this.errors = { body: error };
      this.alert = error;
      void this.focusAfterUpdate('[name="body"]');
      return;
    }
    const updated = await this.act(
      'note',
      () =>
        api.addNote(wo.id, body).catch((e: unknown) => {
          // Completed or cancelled meanwhile: show it as it is now (the note stays typed).
          if (errorCode(e) === 'CONFLICT') void this.loadDetail(wo.id, false, true);
          throw e;
        }),
      {
        fields: { body: 'body' },
        close: false,
        reload: false,
        success: () => 'Your note was added.',
        update: (next) => {
          this.adopt(next);
          this.noteText = '';
        },
      },
    );
    if (!updated) return;
    const note = updated.notes[updated.notes.length - 1];
    if (note) emitWorkOrder(this, 'porchlight-work-order-note-added', { workOrder: updated, note });
  }

  // ---- rendering: the list -----------------------------------------------------------------

  protected override renderLead(): unknown {
    return html`<p class="lead">Service you asked for, and where the technician is with it.</p>`;
  }

  protected override renderToolbar(s: SessionResponse): unknown {
    if (this.phase !== 'ready' || this.view !== 'list' || !canSubmit(s)) return nothing;
    return html`<button class="button inline" part="button" type="button" data-new @click=${this.newWorkOrder}>New work order</button>`;
  }

  private filters(): TemplateResult {
    return html`<div class="filters" part="filters">
      <label for="filter">Show</label>
      <select id="filter" name="filter" @change=${this.onFilter}>
        ${FILTERS.map(([value, label]) => html`<option value=${value} .selected=${value === this.filter}>${label}</option>`)}
      </select>
    </div>`;
  }

  private summaryText(): string {
    if (this.refreshing) return 'Loading…';
    const n = this.items.length;
    if (!n) return '';
    const which = this.filter === 'all' ? '' : `${this.filter} `;
    return `${n} ${which}work ${n === 1 ? 'order' : 'orders'}${this.cursor ? ' so far' : ''}`;
  }

  private emptyText(s: SessionResponse): string {
    const send = canSubmit(s) ? ' Use "New work order" when you need service.' : '';
    if (this.filter === 'open') return `You have no open work orders.${send}`;
    if (this.filter === 'closed') return 'No completed or cancelled work orders yet.';
    return `No work orders yet.${send}`;
  }

  private renderList(s: SessionResponse): TemplateResult {
    return html`${canSubmit(s) ? nothing : html`<p class="note permission-note" part="note">You can follow your work orders here. ${readOnlyText()}</p>`}
      <div class="list-bar">${this.filters()}<p class="summary" part="summary" role="status">${this.summaryText()}</p></div>
      ${this.items.length
        ? dataTable<WorkOrderSummary>({
            caption: 'Work orders, newest first',
            items: this.items,
            key: (w) => w.id,
            busy: this.refreshing,
            className: 'work-orders',
            columns: [
              {
                label: 'Number',
                bare: true,
                className: 'number',
                cell: (w) => html`<button class="link-button" type="button" data-open=${w.id} @click=${() => this.openWorkOrder(w.id)}>
                  <span class="sr-only">Work order </span>${w.number}
                </button>`,
              },
              {
                label: 'Site and system',
                className: 'where',
                cell: (w) => (w.site ? whereText(w) : html`<span class="muted">General request</span>`),
              },
              { label: 'Request', className: 'request', cell: (w) => requestTypeLabel(w.requestType) },
              { label: 'Status', className: 'status', cell: (w) => statusBadge(w.status) },
              { label: 'Last update', className: 'when', cell: (w) => timeTag(w.statusAt) },
              { label: 'Sent by', className: 'by', cell: (w) => actorLabel(w.createdBy) },
            ],
          })
        : html`<p class="empty" part="empty">${this.emptyText(s)}</p>`}
      ${this.renderMore()}`;
  }

  // ---- rendering: one work order ----------------------------------------------------------

  private backBar(): TemplateResult {
    return backBar('Back to work orders', () => this.showList(), this.busy);
  }

  private who(actor: WorkOrderNote['author'], s: SessionResponse): TemplateResult | string {
    if (actor.kind === 'emulation') return actorLabel(actor);
    if (actor.userId && actor.userId === s.user.id) return 'You';
    return actorLabel(actor);
  }

  private sectionHeading(text: string, id: string): TemplateResult {
    return html`<div class="section-title" role="heading" aria-level=${Math.min(6, this.level + 2)} id=${id}>${text}</div>`;
  }

  private timeline(wo: WorkOrder, s: SessionResponse): TemplateResult {
    const steps = wo.timeline;
    const last = steps.length - 1;
    // What may still come (not for a closed work order): the steps after the current one.
    const current = WORK_ORDER_STATUSES.indexOf(wo.status);
    const upcoming: WorkOrderStatus[] = isOpenWorkOrderStatus(wo.status) ? WORK_ORDER_STATUSES.filter((st, i) => i > current && st !== 'cancelled') : [];
    const step = (e: WorkOrderTimelineEntry, i: number) => {
      const now = i === last;
      return html`<li class="step ${now ? 'current' : 'done'} step-${e.status}" part=${now ? 'step step-current' : 'step'} aria-current=${now ? 'step' : nothing}>
        <span class="marker" aria-hidden="true"></span>
        <div class="step-body">
          <span class="step-label">${statusLabel(e.status)}</span>
          <span class="step-time">${timeTag(e.at)}${e.status === 'submitted' ? html` · by ${this.who(e.by, s)}` : nothing}</span>
          ${e.note ? html`<p class="step-note">${e.note}</p>` : nothing}
        </div>
      </li>`;
    };
    return html`<section class="section" aria-labelledby="progress-title">
      ${this.sectionHeading('Progress', 'progress-title')}
      <ol class="timeline" part="timeline" aria-labelledby="progress-title">
        ${steps.map(step)}
        ${upcoming.map(
          (st) => html`<li class="step upcoming" part="step">
            <span class="marker" aria-hidden="true"></span>
            <div class="step-body"><span class="step-label">${statusLabel(st)}</span><span class="step-time muted">Not yet</span></div>
          </li>`,
        )}
      </ol>
    </section>`;
  }

  private photos(wo: WorkOrder): TemplateResult | typeof nothing {
    if (!wo.photos.length) return nothing;
    return html`<section class="section" aria-labelledby="photos-title">
      ${this.sectionHeading('Photos', 'photos-title')}
      <ul class="files">
        ${wo.photos.map((p) => {
          const running = this.pending === `photo:${p.id}`;
          return html`<li class="file">
            <span class="file-name">${p.filename}</span>
            <span class="muted">${formatSize(p.size)}</span>
            <button
              class="button secondary small inline"
              part="button"
              type="button"
              data-photo=${p.id}
              aria-label=${running ? `Downloading ${p.filename}` : `Download ${p.filename}`}
              ?disabled=${this.busy}
              @click=${() => this.download(wo, p)}
            >
              ${busyLabel(running, 'Download', 'Downloading…')}
            </button>
          </li>`;
        })}
      </ul>
    </section>`;
  }

  private notes(wo: WorkOrder, s: SessionResponse): TemplateResult {
    return html`<section class="section" aria-labelledby="notes-title">
      ${this.sectionHeading('Notes', 'notes-title')}
      ${wo.notes.length
        ? html`<ol class="notes" part="notes" aria-labelledby="notes-title">
            ${wo.notes.map(
              (n) => html`<li class="note-item ${n.side}" part="note-item" data-note=${n.id}>
                <div class="note-meta">
                  <span class="author">${n.side === 'dealer' ? s.dealer.name : this.who(n.author, s)}</span>
                  <span class="muted">${timeTag(n.at)}</span>
                </div>
                <p class="note-body">${n.body}</p>
              </li>`,
            )}
          </ol>`
        : html`<p class="quiet" part="empty">No notes yet.</p>`}
      ${this.noteForm(wo, s)}
    </section>`;
  }

  private noteForm(wo: WorkOrder, s: SessionResponse): TemplateResult {
    if (!isOpenWorkOrderStatus(wo.status)) {
      return html`<p class="note" part="note">This work order is ${statusLabel(wo.status).toLowerCase()}: it takes no more notes. Send a new work order if you need more service.</p>`;
    }
    if (!canSubmit(s)) return html`<p class="note" part="note">${readOnlyText()}</p>`;
    const error = this.errors.body;
    const count = this.noteText.length;
    return html`<form class="note-form" part="note-form" novalidate aria-label="Add a note to ${wo.number}" aria-busy=${this.busy ? 'true' : 'false'} @submit=${(e: SubmitEvent) => this.onNote(e, wo)}>
      <div class="control">
        <label for="body">Add a note</label>
        <div class="hint" id="body-hint">For example a change in what you need or how to reach you. ${s.dealer.name} reads it with the work order.</div>
        <textarea
          id="body"
          name="body"
          rows="3"
          maxlength=${WORK_ORDER_NOTE_MAX}
          .value=${this.noteText}
          ?disabled=${this.busy}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${['body-hint', 'body-count', error ? 'body-error' : ''].filter(Boolean).join(' ')}
          @input=${(e: Event) => {
            this.noteText = (e.target as HTMLTextAreaElement).value;
            if (this.errors.body) this.errors = {};
          }}
        ></textarea>
        <div class="counter" id="body-count">${count} of ${WORK_ORDER_NOTE_MAX} characters</div>
        ${error ? html`<div class="field-error" id="body-error">${alertIcon}<span>${error}</span></div>` : nothing}
      </div>
      <div>
        <button class="button inline" part="button" type="submit" ?disabled=${this.busy}>${busyLabel(this.pending === 'note', 'Add note', 'Adding…')}</button>
      </div>
    </form>`;
  }

  private renderWorkOrder(wo: WorkOrder, s: SessionResponse): TemplateResult {
    const system = wo.system ? `${wo.system.name} (${systemKindLabel(wo.system.kind)})` : '';
    return html`<article class="detail" part="detail" aria-labelledby="detail-title">
      <div class="detail-head">
        <div class="detail-title" id="detail-title" role="heading" aria-level=${Math.min(6, this.level + 1)} tabindex="-1">Work order ${wo.number}</div>
        ${statusBadge(wo.status)}
      </div>
      <dl class="facts">
        <div><dt>Site</dt><dd>${wo.site ? wo.site.name : 'General request (no site)'}</dd></div>
        ${wo.system ? html`<div><dt>Alarm system</dt><dd>${system}</dd></div>` : nothing}
        <div><dt>Request</dt><dd>${requestTypeLabel(wo.requestType)}</dd></div>
        <div><dt>Sent</dt><dd>${timeTag(wo.createdAt)} by ${this.who(wo.createdBy, s)}</dd></div>
        ${wo.externalRef ? html`<div><dt>Our reference</dt><dd>${wo.externalRef}</dd></div>` : nothing}
      </dl>
      <section class="section" aria-labelledby="asked-title">
        ${this.sectionHeading('What was asked', 'asked-title')}
        <p class="text">${wo.note}</p>
      </section>
      ${this.timeline(wo, s)}
      ${wo.preferredWindows.length
        ? html`<section class="section" aria-labelledby="windows-title">
            ${this.sectionHeading('Preferred times', 'windows-title')}
            <ul class="windows">
              ${wo.preferredWindows.map((w) => html`<li>${formatDay(w.date)} — ${dayPartLabel(w.part)}</li>`)}
            </ul>
          </section>`
        : nothing}
      ${this.photos(wo)} ${this.notes(wo, s)}
    </article>`;
  }

  private renderDetail(s: SessionResponse): TemplateResult {
    const wo = this.workOrder;
    let body: unknown;
    if (this.detailPhase === 'error') {
      body = html`<div class="state load-error" part="state">
        <div class="alert-box error" role="alert">${alertIcon}<p>${this.detailError}</p></div>
        <button class="button inline" part="button" type="button" @click=${() => this.loadDetail(this.openId, true)}>Retry</button>
      </div>`;
    } else if (!wo || this.detailPhase !== 'ready') {
      body = html`<div class="loading" part="state" role="status"><span class="spinner" aria-hidden="true"></span>Loading the work order…</div>`;
    } else body = this.renderWorkOrder(wo, s);
    return html`${this.backBar()} ${body}`;
  }

  protected override renderReady(s: SessionResponse): unknown {
    if (this.view === 'detail') return this.renderDetail(s);
    if (this.view === 'new' && canSubmit(s)) {
      return html`${this.backBar()}
        <porchlight-work-order-form plain heading-level=${Math.min(6, this.level + 1)} @porchlight-work-order-created=${this.onCreated}></porchlight-work-order-form>`;
    }
    return this.renderList(s);
  }
}
