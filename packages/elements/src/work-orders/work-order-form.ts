import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  DAY_PARTS,
  earliestWindowDate,
  isPorchlightError,
  MAX_PREFERRED_WINDOWS,
  MAX_WORK_ORDER_PHOTOS,
  preferredWindowErrors,
  WORK_ORDER_NOTE_MAX,
  WORK_ORDER_REQUEST_TYPES,
  workOrdersApi,
  type CreateWorkOrderRequest,
  type DayPart,
  type PorchlightClient,
  type SessionResponse,
  type Site,
  type SiteList,
  type WorkOrder,
  type WorkOrderKind,
  type WorkOrdersApi,
} from '@porchlight/client';
import { AccountView } from '../internal/account-view.js';
import { filesField, FileUploads, PHOTO_FILES } from '../internal/file-uploads.js';
import { alertIcon } from '../internal/icons.js';
import { errorCode } from '../internal/messages.js';
import { busyLabel } from '../internal/templates.js';
import { emitWorkOrder } from './events.js';
import { workOrderFormStyles } from './work-order-form.styles.js';
import { canSubmit, dayPartLabel, isoDayAfter, readOnlyText, requestTypeLabel, systemKindLabel } from './work-order-format.js';

/** How far ahead the date picker offers days (the server's PREFERRED_WINDOW_MAX_DAYS; it checks anyway). */
const WINDOW_MAX_DAYS = 365;

/** One row of preferred times. */
interface WindowRow {
  key: number;
  date: string;
  part: DayPart;
}

/**
 * The API's field names, in the order of the form (so focus goes to the first problem), each
 * mapped to the form field that shows its error.
 */
const FIELDS: Record<string, string> = (() => {
  const map: Record<string, string> = { kind: 'kind', siteId: 'siteId', systemId: 'systemId', requestType: 'requestType', note: 'note', photos: 'photos' };
  for (let i = 0; i < MAX_WORK_ORDER_PHOTOS; i++) map[`photos.${i}`] = 'photos';
  map.preferredWindows = 'preferredWindows';
  for (let i = 0; i < MAX_PREFERRED_WINDOWS; i++) {
    map[`preferredWindows.${i}.date`] = `preferredWindows.${i}.date`;
    map[`preferredWindows.${i}.part`] = `preferredWindows.${i}.part`;
  }
  return map;
})();

let rows = 0;

/**
 * <porchlight-work-order-form>: "New work order". The client says what they need: service at
 * one of the account's sites (the site, then one of its alarm systems — the system list follows
 * the site, and an account with one site has it chosen already) or another service or
 * authorization request (no site or system; the only choice while the dealer has synced no
 * sites). Then the type of request, a note (with a counter), photos (PNG or JPEG, up to 5, each
 * uploaded as soon as it is chosen, with its progress and Remove) and up to 3 preferred times
 * (a day and a part of the day), checked with the same function the server runs. Problems show
 * on their fields (aria-invalid, aria-describedby) and focus moves to the first one; the
 * server's field errors land on the same fields. Once sent it shows the work order's number and
 * fires `porchlight-work-order-created`. Needs "Submit and edit work orders"; without it the
 * element says whom to ask. Lives inside <porchlight-portal>, on its own or inside
 * <porchlight-work-orders>.
 *
 * @attr heading - the heading (default "New work order")
 * @attr heading-level - the heading level (default 2)
 * @attr plain - without its own card (when placed inside another card)
 * @csspart card - the card around everything
 * @csspart title - the heading
 * @csspart form - the form
 * @csspart kind - the "What do you need?" choice
 * @csspart field - each field (the photo picker also `files`)
 * @csspart counter - the note's character counter
 * @csspart uploads - the chosen photos (also `file-list`)
 * @csspart upload - each photo, with its progress and Remove (also `file`)
 * @csspart windows - the preferred times
 * @csspart window - each preferred time
 * @csspart button - buttons
 * @csspart error - the error region (role=alert)
 * @csspart notice - the status region (role=status)
 * @csspart note - notes (no sites synced, not allowed, signed out)
 * @csspart state - the loading and load-error states
 * @csspart done - what the person sees once the work order was sent (its number)
 * @fires porchlight-work-order-created - `{ workOrder }` after a work order was sent
 */
export class PorchlightWorkOrderForm extends AccountView<SiteList, never> {
  static override styles = workOrderFormStyles;
  static override grant = 'work-orders' as const;
  static override properties = {
    plain: { type: Boolean, reflect: true },
    sites: { state: true },
    kind: { state: true },
    siteId: { state: true },
    systemId: { state: true },
    requestType: { state: true },
    note: { state: true },
    windows: { state: true },
    created: { state: true },
  };

  /** Without its own card (when placed inside another card). */
  declare plain: boolean;

  protected declare sites: Site[];
  protected declare kind: WorkOrderKind;
  protected declare siteId: string;
  protected declare systemId: string;
  protected declare requestType: string;
  protected declare note: string;
  protected declare windows: WindowRow[];
  /** The work order just sent (the form then shows its number). */
  protected declare created: WorkOrder | null;

  protected readonly uploads = new FileUploads(this, () => this.api, { max: MAX_WORK_ORDER_PHOTOS, kinds: PHOTO_FILES });

  constructor() {
    super();
    this.heading = 'New work order';
    this.plain = false;
    this.sites = [];
    this.created = null;
    this.reset();
  }

  private get api(): WorkOrdersApi | undefined {
    return this.client ? workOrdersApi(this.client) : undefined;
  }

  /** Starts a new, empty work order (keeps the sites). */
  private reset(): void {
    this.kind = 'site';
    this.siteId = '';
    this.systemId = '';
    this.requestType = '';
    this.note = '';
    this.windows = [];
    this.created = null;
    this.errors = {};
    this.uploads.clear();
    this.fitToSites();
  }

  /** The choices the sites allow: no sites, only a general request; one site, chosen already. */
  private fitToSites(): void {
    if (!this.sites.length) {
      this.siteId = '';
      this.systemId = '';
      return;
    }
    if (this.siteId && !this.sites.some((s) => s.id === this.siteId)) this.siteId = '';
    if (!this.siteId && this.sites.length === 1) this.siteId = this.sites[0]!.id;
    const site = this.site;
    if (!site || !site.systems.some((y) => y.id === this.systemId)) this.systemId = site?.systems.length === 1 ? site.systems[0]!.id : '';
  }

  /** What is asked for: without sites, only a general request. */
  private get chosenKind(): WorkOrderKind {
    return this.sites.length ? this.kind : 'general';
  }

  private get site(): Site | undefined {
    return this.sites.find((s) => s.id === this.siteId);
  }

  // ---- data ------------------------------------------------------------------------------

  protected override allowed(s: SessionResponse): boolean {
    return canSubmit(s);
  }

  protected override fetch(client: PorchlightClient): Promise<SiteList> {
    return workOrdersApi(client).sites();
  }

  protected override apply(data: SiteList): void {
    this.sites = data.items;
    this.fitToSites();
  }

  protected override clear(): void {
    this.sites = [];
    this.reset();
  }

  protected override loadingText(): string {
    return 'Loading your sites…';
  }

  protected override signedOutText(): string {
    return 'Log in to send a work order.';
  }

  protected override renderNotAllowed(): unknown {
    return `Your login can't send work orders. ${readOnlyText()}`;
  }

  protected override card(content: unknown): TemplateResult {
    return this.plain ? html`<div class="panel" part="card">${content}</div>` : super.card(content);
  }

  // ---- editing ---------------------------------------------------------------------------

  private dropErrors(...names: string[]): void {
    if (!names.some((n) => n in this.errors)) return;
    const next = { ...this.errors };
    for (const n of names) delete next[n];
    this.errors = next;
  }

  private onKind(kind: WorkOrderKind): void {
    this.kind = kind;
    this.dropErrors('kind', 'siteId', 'systemId');
    if (kind === 'site') this.fitToSites();
  }

  private onSite(event: Event): void {
    this.siteId = (event.target as HTMLSelectElement).value;
    // The systems are the chosen site's: a system of the previous site no longer fits.
    this.systemId = '';
    this.fitToSites();
    this.dropErrors('siteId', 'systemId');
  }

  private onSystem(event: Event): void {
    this.systemId = (event.target as HTMLSelectElement).value;
    this.dropErrors('systemId');
  }

  private onRequestType(event: Event): void {
    this.requestType = (event.target as HTMLSelectElement).value;
    this.dropErrors('requestType');
  }

  private onNote(event: Event): void {
    this.note = (event.target as HTMLTextAreaElement).value;
    this.dropErrors('note');
  }

  private addWindow(): void {
    if (this.windows.length >= MAX_PREFERRED_WINDOWS) return;
    const row: WindowRow = { key: ++rows, date: '', part: 'any' };
    this.windows = [...this.windows, row];
    this.dropErrors('preferredWindows');
    void this.focusAfterUpdate(`#window-${row.key}-date`);
  }

  private removeWindow(row: WindowRow): void {
    const index = this.windows.indexOf(row);
    this.windows = this.windows.filter((w) => w !== row);
    // The rows after it move up: their errors no longer match their places.
    this.dropErrors('preferredWindows', ...Object.keys(this.errors).filter((k) => k.startsWith('preferredWindows.')));
    const next = this.windows[index] ?? this.windows[index - 1];
    void this.focusAfterUpdate(next ? `#window-${next.key}-date` : '[data-add-window]');
  }

  private patchWindow(row: WindowRow, patch: Partial<WindowRow>, field: 'date' | 'part'): void {
    const index = this.windows.indexOf(row);
    this.windows = this.windows.map((w) => (w === row ? { ...w, ...patch } : w));
    this.dropErrors(`preferredWindows.${index}.${field}`, 'preferredWindows');
  }

  // ---- sending ---------------------------------------------------------------------------

  /** The problems the server would answer with, checked here first (same words), in the order of the form. */
  private check(now: number): Record<string, string> {
    const errors: Record<string, string> = {};
    if (this.chosenKind === 'site') {
      if (!this.siteId) errors.siteId = 'Choose the site.';
      if (!this.systemId) errors.systemId = this.site && !this.site.systems.length ? `${this.site.name} has no alarm systems on record. Send an "Other service" request instead.` : 'Choose the alarm system.';
    }
    if (!this.requestType) errors.requestType = 'Choose the type of request.';
    const note = this.note.replace(/\r\n?/g, '\n').trim();
    if (!note) errors.note = 'Describe what you need.';
    else if (note.length > WORK_ORDER_NOTE_MAX) errors.note = `Use at most ${WORK_ORDER_NOTE_MAX} characters.`;
    const blocker = this.uploads.blocker();
    if (blocker) errors.photos = blocker;
    const windowErrors = preferredWindowErrors(
      this.windows.map((w) => ({ date: w.date, part: w.part })),
      now,
    );
    this.windows.forEach((w, i) => {
      // An empty picker: say what to do rather than the date format the server would ask for.
      if (!w.date) windowErrors[`preferredWindows.${i}.date`] = 'Choose a day, or remove this preferred time.';
    });
    const order = (k: string) => Object.values(FIELDS).indexOf(k);
    for (const key of Object.keys(windowErrors).sort((a, b) => order(a) - order(b))) errors[key] = windowErrors[key]!;
    return errors;
  }

  private body(): CreateWorkOrderRequest {
    const common = {
      requestType: this.requestType as CreateWorkOrderRequest['requestType'],
      note: this.note.replace(/\r\n?/g, '\n').trim(),
      photos: this.uploads.ids,
      preferredWindows: this.windows.map((w) => ({ date: w.date, part: w.part })),
    };
    return this.chosenKind === 'site' ? { kind: 'site', siteId: this.siteId, systemId: this.systemId, ...common } : { kind: 'general', ...common };
  }

  /** A photo the server refused (`photos.<i>`) is marked on that photo, so the person can remove it. */
  private markRefusedPhotos(error: unknown, ids: string[]): void {
    if (!isPorchlightError(error) || !error.fields) return;
    const refused = new Map<string, string>();
    ids.forEach((id, i) => {
      const text = error.fields?.[`photos.${i}`];
      if (text) refused.set(id, text);
    });
    this.uploads.markRefused(refused);
  }

  private async onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const api = this.api;
    if (!api || this.busy) return;
    const errors = this.check(Date.now());
    const names = Object.keys(errors);
    if (names.length) {
      this.notice = null;
      this.errors = errors;
      this.alert = names.length === 1 ? errors[names[0]!]! : 'Check the highlighted fields.';
      void this.focusAfterUpdate(`[name="${names[0]}"]`);
      return;
    }
    const input = this.body();
    const ids = input.photos ?? [];
    const workOrder = await this.act(
      'submit',
      () =>
        api.create(input).catch((error: unknown) => {
          this.markRefusedPhotos(error, ids);
          // Sites changed meanwhile (the dealer synced): show the current ones.
          if (errorCode(error) === 'VALIDATION_FAILED' && isPorchlightError(error) && (error.fields?.siteId || error.fields?.systemId)) void this.reload(true);
          throw error;
        }),
      {
        fields: FIELDS,
        close: false,
        reload: false,
        success: (wo) => `Work order ${wo.number} was sent.`,
        update: (wo) => {
          this.created = wo;
          this.uploads.clear();
        },
      },
    );
    if (!workOrder) return;
    emitWorkOrder(this, 'porchlight-work-order-created', { workOrder });
    void this.focusAfterUpdate('#done');
  }

  private another(): void {
    this.reset();
    this.clearMessages();
    void this.focusAfterUpdate(this.sites.length ? '[name="kind"]:checked' : '#requestType');
  }

  // ---- rendering -------------------------------------------------------------------------

  protected override renderLead(): unknown {
    return html`<p class="lead">Ask for service at one of your sites, or send us another request.</p>`;
  }

  private described(...ids: Array<string | false | undefined>): string | undefined {
    const list = ids.filter(Boolean).join(' ');
    return list || undefined;
  }

  private errorText(name: string, id = `${name}-error`): TemplateResult | typeof nothing {
    const error = this.errors[name];
    return error ? html`<div class="field-error" id=${id}>${alertIcon}<span>${error}</span></div>` : nothing;
  }

  private kindChoice(): TemplateResult {
    const error = this.errors.kind;
    const choice = (kind: WorkOrderKind, label: string, hint: string) =>
      html`<div class="choice">
        <input
          type="radio"
          id="kind-${kind}"
          name="kind"
          value=${kind}
          .checked=${this.chosenKind === kind}
          ?disabled=${this.busy}
          aria-describedby="kind-${kind}-hint"
          @change=${() => this.onKind(kind)}
        />
        <label for="kind-${kind}"><span class="choice-label">${label}</span><span class="hint" id="kind-${kind}-hint">${hint}</span></label>
      </div>`;
    return html`<fieldset part="kind" class="kind" aria-describedby=${ifDefined(error ? 'kind-error' : undefined)}>
      <legend>What do you need?</legend>
      <div class="checks">
        ${this.sites.length ? choice('site', 'Service at one of my sites', 'A technician looks at one of your alarm systems.') : nothing}
        ${choice('general', 'Other service or authorization request', 'Not about one system: for example an authorization, or a question for our technicians.')}
      </div>
      ${this.sites.length
        ? nothing
        : html`<p class="note" part="note">Your account has no sites on record with us yet, so this request goes to our technicians as a general request.</p>`}
      ${this.errorText('kind')}
    </fieldset>`;
  }

  private siteFields(): TemplateResult {
    const site = this.site;
    const siteError = this.errors.siteId;
    const systemError = this.errors.systemId;
    const noSystems = site && !site.systems.length;
    const systemHint = !site ? 'Choose a site first.' : noSystems ? `${site.name} has no alarm systems on record. Send an "Other service" request instead.` : '';
    return html`<div class="pair">
      <div class="control" part="field">
        <label for="siteId">Site</label>
        <select
          id="siteId"
          name="siteId"
          ?disabled=${this.busy}
          aria-invalid=${siteError ? 'true' : 'false'}
          aria-describedby=${ifDefined(this.described(siteError && 'siteId-error'))}
          @change=${this.onSite}
        >
          <option value="" .selected=${!this.siteId}>Choose a site</option>
          ${this.sites.map((s) => html`<option value=${s.id} .selected=${s.id === this.siteId}>${s.address ? `${s.name} — ${s.address}` : s.name}</option>`)}
        </select>
        ${this.errorText('siteId')}
      </div>
      <div class="control" part="field">
        <label for="systemId">Alarm system</label>
        ${systemHint ? html`<div class="hint" id="systemId-hint">${systemHint}</div>` : nothing}
        <select
          id="systemId"
          name="systemId"
          ?disabled=${!site || noSystems || this.busy}
          aria-invalid=${systemError ? 'true' : 'false'}
          aria-describedby=${ifDefined(this.described(systemHint && 'systemId-hint', systemError && 'systemId-error'))}
          @change=${this.onSystem}
        >
          <option value="" .selected=${!this.systemId}>${site ? 'Choose a system' : 'Choose a site first'}</option>
          ${(site?.systems ?? []).map((y) => html`<option value=${y.id} .selected=${y.id === this.systemId}>${y.name} (${systemKindLabel(y.kind)})</option>`)}
        </select>
        ${this.errorText('systemId')}
      </div>
    </div>`;
  }

  private requestTypeField(): TemplateResult {
    const error = this.errors.requestType;
    return html`<div class="control" part="field">
      <label for="requestType">Type of request</label>
      <select
        id="requestType"
        name="requestType"
        ?disabled=${this.busy}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(this.described(error && 'requestType-error'))}
        @change=${this.onRequestType}
      >
        <option value="" .selected=${!this.requestType}>Choose…</option>
        ${WORK_ORDER_REQUEST_TYPES.map((t) => html`<option value=${t} .selected=${t === this.requestType}>${requestTypeLabel(t)}</option>`)}
      </select>
      ${this.errorText('requestType')}
    </div>`;
  }

  private noteField(): TemplateResult {
    const error = this.errors.note;
    const count = this.note.length;
    return html`<div class="control" part="field">
      <label for="note">Describe what you need</label>
      <div class="hint" id="note-hint">What happens and where, and anything the technician should know (gate codes, pets, whom to ask for).</div>
      <textarea
        id="note"
        name="note"
        rows="4"
        maxlength=${WORK_ORDER_NOTE_MAX}
        .value=${this.note}
        ?disabled=${this.busy}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(this.described('note-hint', 'note-count', error && 'note-error'))}
        @input=${this.onNote}
      ></textarea>
      <div class="counter ${count > WORK_ORDER_NOTE_MAX - 100 ? 'near' : ''}" part="counter" id="note-count">${count} of ${WORK_ORDER_NOTE_MAX} characters</div>
      ${this.errorText('note')}
    </div>`;
  }

  private photosField(): TemplateResult {
    const full = this.uploads.items.length >= MAX_WORK_ORDER_PHOTOS;
    return filesField(this.uploads, {
      id: 'photos',
      label: 'Photos (optional)',
      hint: full
        ? `You have chosen ${MAX_WORK_ORDER_PHOTOS} photos, the most one work order takes.`
        : `Up to ${MAX_WORK_ORDER_PHOTOS} PNG or JPEG pictures, for example of the keypad's display. Each is uploaded as soon as you choose it.`,
      error: this.errors.photos,
      disabled: this.busy,
      listLabel: 'Photos',
      onChange: () => this.dropErrors('photos'),
    });
  }

  private windowRow(row: WindowRow, index: number, min: string, max: string): TemplateResult {
    const dateName = `preferredWindows.${index}.date`;
    const partName = `preferredWindows.${index}.part`;
    const dateError = this.errors[dateName];
    const partError = this.errors[partName];
    const id = `window-${row.key}`;
    return html`<div class="window" part="window" role="group" aria-label="Preferred time ${index + 1}">
      <div class="control" part="field">
        <label for="${id}-date">Day</label>
        <input
          type="date"
          id="${id}-date"
          name=${dateName}
          min=${min}
          max=${max}
          .value=${row.date}
          ?disabled=${this.busy}
          aria-invalid=${dateError ? 'true' : 'false'}
          aria-describedby=${ifDefined(this.described(dateError && `${id}-date-error`))}
          @input=${(e: Event) => this.patchWindow(row, { date: (e.target as HTMLInputElement).value }, 'date')}
        />
        ${this.errorText(dateName, `${id}-date-error`)}
      </div>
      <div class="control" part="field">
        <label for="${id}-part">Part of the day</label>
        <select
          id="${id}-part"
          name=${partName}
          ?disabled=${this.busy}
          aria-invalid=${partError ? 'true' : 'false'}
          aria-describedby=${ifDefined(this.described(partError && `${id}-part-error`))}
          @change=${(e: Event) => this.patchWindow(row, { part: (e.target as HTMLSelectElement).value as DayPart }, 'part')}
        >
          ${DAY_PARTS.map((p) => html`<option value=${p} .selected=${p === row.part}>${dayPartLabel(p)}</option>`)}
        </select>
        ${this.errorText(partName, `${id}-part-error`)}
      </div>
      <button class="button secondary small inline remove-window" part="button" type="button" ?disabled=${this.busy} @click=${() => this.removeWindow(row)}>
        Remove<span class="sr-only"> preferred time ${index + 1}</span>
      </button>
    </div>`;
  }

  private windowsField(): TemplateResult {
    const now = Date.now();
    const min = earliestWindowDate(now);
    const max = isoDayAfter(now, WINDOW_MAX_DAYS);
    const full = this.windows.length >= MAX_PREFERRED_WINDOWS;
    const error = this.errors.preferredWindows;
    return html`<fieldset class="windows" part="windows" aria-describedby=${ifDefined(this.described('preferredWindows-hint', error && 'preferredWindows-error'))}>
      <legend>Preferred times (optional)</legend>
      <div class="hint" id="preferredWindows-hint">When would you like the technician to come? Give up to ${MAX_PREFERRED_WINDOWS}; we confirm the time with you.</div>
      ${this.windows.length
        ? html`<div class="window-list">
            ${repeat(
              this.windows,
              (w) => w.key,
              (w, i) => this.windowRow(w, i, min, max),
            )}
          </div>`
        : nothing}
      <div>
        <button class="button secondary small inline" part="button" type="button" data-add-window ?disabled=${full || this.busy} @click=${this.addWindow}>
          Add a preferred time
        </button>
      </div>
      ${this.errorText('preferredWindows')}
    </fieldset>`;
  }

  private renderDone(wo: WorkOrder, s: SessionResponse): TemplateResult {
    const where = wo.site ? `${wo.site.name}${wo.system ? `, ${wo.system.name}` : ''}` : 'your general request';
    return html`<div class="sent" part="done" id="done" tabindex="-1">
      <p class="done-number">Work order <strong>${wo.number}</strong></p>
      <p>We have your request for ${where}. ${s.user.email ? `We will email ${s.user.email} when a technician is dispatched, arrives and completes the work.` : 'You can follow its progress under your work orders.'}</p>
      <div>
        <button class="button secondary inline" part="button" type="button" @click=${this.another}>Send another work order</button>
      </div>
    </div>`;
  }

  protected override renderReady(s: SessionResponse): unknown {
    if (this.created) return this.renderDone(this.created, s);
    return html`<form part="form" class="stack" novalidate aria-labelledby="title" aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.onSubmit}>
      ${this.kindChoice()} ${this.chosenKind === 'site' ? this.siteFields() : nothing} ${this.requestTypeField()} ${this.noteField()} ${this.photosField()}
      ${this.windowsField()}
      <div class="submit-row">
        <button class="button inline" part="button" type="submit" ?disabled=${this.busy}>${busyLabel(this.busy, 'Send work order', 'Sending…')}</button>
      </div>
    </form>`;
  }
}
