import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { adminAccessApi, type AccessRequest, type Account, type AdminAccessApi, type ApproveAccessRequest, type LoginProfileSummary } from '@porchlight/client';
import { actorText } from '../internal/actor.js';
import { DialogController, dialogTemplate } from '../internal/dialog.js';
import { timeTag } from '../internal/format.js';
import { alertIcon, infoIcon } from '../internal/icons.js';
import { errorCode, errorMessage } from '../internal/messages.js';
import { emitAdmin } from './events.js';
import {
  accessChoices,
  accountLabel,
  DEFAULT_LINK_HOURS,
  grantList,
  newChoices,
  permissionList,
  stateTag,
  takenProfiles,
  type AccessChoices,
} from './internal/access.js';
import { AdminList, type Load } from './internal/admin-view.js';
import { ROLE_NAMES } from './internal/format.js';
import { accessRequestsStyles } from './access-requests.styles.js';
import { pageLimit } from '../internal/list-view.js';

/** Which access requests the list shows. */
export type AccessRequestFilter = 'pending' | 'approved' | 'declined' | 'all';

const FILTERS: ReadonlyArray<[AccessRequestFilter, string]> = [
  ['pending', 'Pending'],
  ['approved', 'Approved'],
  ['declined', 'Declined'],
  ['all', 'All'],
];
const STATUS_TEXT: Record<AccessRequest['status'], string> = { pending: 'Pending', approved: 'Approved', declined: 'Declined' };
const NOTE_MAX = 500;
const SEARCH_LIMIT = 8;

interface AccountSearchState {
  status: Load;
  /** The search the results are for. */
  q: string;
  items: Account[];
  failure?: unknown;
}

interface ApproveDialog {
  kind: 'approve';
  request: AccessRequest;
  search: AccountSearchState;
  accountId: string | null;
  choices: AccessChoices;
  /** After PROFILE_EMAIL_TAKEN: the profiles that have the person's email. */
  taken: LoginProfileSummary[] | null;
  profileId: string | null;
}

type RequestDialog = ApproveDialog | { kind: 'decline'; request: AccessRequest };

const fullName = (r: AccessRequest) => `${r.firstName} ${r.lastName}`.trim();

/**
 * <porchlight-admin-access-requests>: the requests for a login that first-time visitors send from
 * the portal's sign-in page (`onboarding.requestAccess`), newest first: name, email, phone,
 * company or property, customer number, message and when, with a filter (Pending by default,
 * Approved, Declined, All) and "Load more". A role with `accounts.write` approves a request onto
 * an account it finds by name, customer number or identifier (choosing the username, role, what
 * the login may see and do), which sets up the login and sends the login email; or declines it
 * with a note for the dealer's staff (nothing is emailed). The row then shows the decision.
 * Other roles see the list only, with a note. Lives inside <porchlight-admin>.
 *
 * @attr heading - the heading (default "Access requests")
 * @attr page-size - requests per page (1–100, default 20)
 * @attr link-hours - how long the dealer's set-password links work, for the text that says so (default 48)
 * @csspart card - the card around everything
 * @csspart title - headings
 * @csspart form - the filter, the account search and the dialogs' forms
 * @csspart field - text fields
 * @csspart button - buttons
 * @csspart error - error regions (role=alert)
 * @csspart notice - status regions (role=status)
 * @csspart loading - loading states
 * @csspart empty - the text shown when no request matches
 * @csspart not-allowed - the note for a role that cannot decide requests
 * @csspart note - the note saying that "Request access" is turned off for the dealer
 * @csspart list - the requests
 * @csspart row - each request
 * @csspart badge - a request's status (also `status-pending`, `status-approved`, `status-declined`)
 * @csspart accounts - the accounts found in the approve dialog
 * @csspart dialog - the approve and decline dialogs
 * @csspart profile-match - the login profile offered after "a profile with this email exists"
 * @fires porchlight-access-request-change - `{ action, request, account? }` after an approval (with the account) or a decline
 */
export class PorchlightAdminAccessRequests extends AdminList<AccessRequest> {
  static override styles = accessRequestsStyles;
  static override properties = {
    heading: {},
    pageSize: { type: Number, attribute: 'page-size' },
    linkHours: { type: Number, attribute: 'link-hours' },
    filter: { state: true },
    accounts: { state: true },
  };

  /** The heading (default "Access requests"). */
  declare heading: string;
  /** Requests per page (1–100); 20 by default. */
  declare pageSize: number;
  /** Hours a set-password link works (default 48). */
  declare linkHours: number;

  protected declare filter: AccessRequestFilter;
  /** Accounts known by id (the approved requests name theirs). */
  protected declare accounts: ReadonlyMap<string, Account>;

  /** Focus after a dialog whose button went away (the request was decided): its row, else the heading. */
  protected readonly dialog = new DialogController<RequestDialog>(
    this,
    () => (this.lastRequest ? this.renderRoot.querySelector<HTMLElement>(`[data-request-id="${CSS.escape(this.lastRequest)}"]`) : null) ?? this.renderRoot.querySelector<HTMLElement>('#title'),
  );

  /** The request of the last dialog opened. */
  private lastRequest = '';

  private searchRuns = 0;
  private asked = new Set<string>();

  constructor() {
    super();
    this.heading = '';
    this.pageSize = 20;
    this.linkHours = DEFAULT_LINK_HOURS;
    this.filter = 'pending';
    this.accounts = new Map();
  }

  private get api(): AdminAccessApi | undefined {
    return this.adminClient ? adminAccessApi(this.adminClient) : undefined;
  }

  private get allowed(): boolean {
    return this.can('accounts.write');
  }

  private get limit(): number {
    return pageLimit(this.pageSize, 20);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const staff = this.staff;
    if (!this.startOver(staff ? `${staff.id}\n${this.allowed}` : undefined)) return;
    this.accounts = new Map();
    this.asked = new Set();
    this.dialog.reset();
    if (staff) {
      this.filter = 'pending';
      void this.load();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if ((changed as Map<PropertyKey, unknown>).has('items')) this.nameAccounts();
  }

  protected fetchPage(cursor?: string) {
    return this.api!.accessRequests({ status: this.filter, limit: this.limit, ...(cursor ? { cursor } : {}) });
  }

  protected rowSelector(id: string): string {
    return `[data-request-id="${CSS.escape(id)}"]`;
  }

  private onFilter(event: Event): void {
    const value = (event.target as HTMLSelectElement).value as AccessRequestFilter;
    if (!FILTERS.some(([f]) => f === value) || value === this.filter) return;
    this.filter = value;
    this.patchForm('list', { alert: '', notice: null });
    void this.load();
  }

  /** The accounts the approved requests went to, by name (each asked for once). */
  private nameAccounts(): void {
    const client = this.adminClient;
    if (!client) return;
    const run = this.runs;
    for (const r of this.items) {
      const id = r.accountId;
      if (!id || this.accounts.has(id) || this.asked.has(id)) continue;
      this.asked.add(id);
      client.accounts.get(id).then(
        (account) => run === this.runs && this.knowAccount(account),
        () => undefined,
      );
    }
  }

  private knowAccount(account: Account): void {
    this.accounts = new Map(this.accounts).set(account.id, account);
  }

  private replace(request: AccessRequest): void {
    this.items = this.items.map((r) => (r.id === request.id ? request : r));
  }

  // ---- dialogs ------------------------------------------------------------------------------

  private openDialog(state: RequestDialog, focus?: string): void {
    this.lastRequest = state.request.id;
    this.clearForm(state.kind);
    this.patchForm('list', { alert: '', notice: null });
    this.dialog.open(state, focus);
  }

  private closeDialog(): void {
    const state = this.dialog.state;
    if (!state || this.formState(state.kind).busy) return;
    this.searchRuns++;
    this.clearForm(state.kind);
    this.dialog.close();
  }

  private openApprove(request: AccessRequest): void {
    if (!this.allowed) return;
    const q = request.customerNumber ?? request.company;
    this.openDialog({ kind: 'approve', request, search: { status: 'idle', q, items: [] }, accountId: null, choices: newChoices(), taken: null, profileId: null }, 'porchlight-text-field[name="q"]');
    void this.searchAccounts(q);
  }

  /** Finds accounts with the back office's account search (name, customer number or identifier). */
  private async searchAccounts(q: string): Promise<void> {
    const client = this.adminClient;
    const state = this.dialog.ofKind('approve');
    if (!client || !state) return;
    const run = ++this.searchRuns;
    this.dialog.patch('approve', { search: { status: 'loading', q, items: [] }, accountId: null });
    try {
      let page = await client.accounts.search({ q: q || undefined, limit: SEARCH_LIMIT });
      // A customer number nobody has: try the company name before giving up.
      const { request } = state;
      if (!page.items.length && q === request.customerNumber && request.company) {
        q = request.company;
        page = await client.accounts.search({ q, limit: SEARCH_LIMIT });
      }
      if (run !== this.searchRuns || !this.dialog.ofKind('approve')) return;
      for (const a of page.items) if (!this.accounts.has(a.id)) this.knowAccount(a);
      this.dialog.patch('approve', { search: { status: 'ready', q, items: page.items }, accountId: page.items.length === 1 ? page.items[0]!.id : null });
    } catch (failure) {
      if (run !== this.searchRuns || !this.dialog.ofKind('approve')) return;
      this.dialog.patch('approve', { search: { status: 'error', q, items: [], failure } });
    }
  }

  private onSearch(event: SubmitEvent): void {
    const values = this.formValues(event);
    const q = values.q?.trim() ?? '';
    if (q.length > 120) return void this.invalid('find', { q: 'Search with at most 120 characters.' });
    this.clearForm('find');
    void this.searchAccounts(q);
  }

  private onChooseAccount(accountId: string): void {
    const { accountId: _old, ...errors } = this.formState('approve').errors;
    this.patchForm('approve', { errors });
    this.dialog.patch('approve', { accountId });
  }

  private setChoices(choices: AccessChoices): void {
    this.dialog.patch('approve', { choices });
  }

  private async onApprove(event: SubmitEvent, state: ApproveDialog): Promise<void> {
    const values = this.formValues(event);
    const api = this.api;
    if (!api || !this.allowed) return;
    const username = values.username?.trim() ?? '';
    const errors: Record<string, string> = {};
    if (!state.accountId) errors.accountId = state.search.items.length ? 'Choose the account to give the login on.' : 'Find the account to give the login on.';
    if (username.length > 64) errors.username = 'Use at most 64 characters.';
    if (this.invalid('approve', errors)) {
      if (errors.accountId && !state.search.items.length) void this.focusAfterUpdate('porchlight-text-field[name="q"]');
      return;
    }
    const { request, choices } = state;
    const input: ApproveAccessRequest = {
      accountId: state.accountId!,
      ...(username ? { username } : {}),
      role: choices.role,
      grants: grantList(choices),
      ...(choices.role === 'manager' ? {} : { permissions: permissionList(choices) }),
      ...(state.profileId ? { profileId: state.profileId } : {}),
    };
    let code: string | undefined;
    await this.run(
      'approve',
      async () => {
        try {
          const approved = await api.approve(request.id, input);
          const account = this.accounts.get(input.accountId);
          this.replace(approved);
          this.dialog.close();
          this.patchForm('list', {
            notice: {
              kind: 'success',
              text: `${fullName(request)} can now log in to ${account ? accountLabel(account) : 'the account'} with the username “${username || request.email}”. The login email went to ${request.email}.`,
            },
          });
          emitAdmin(this, 'porchlight-access-request-change', { action: 'approved', request: approved, ...(account ? { account } : {}) });
        } catch (error) {
          code = errorCode(error);
          throw error;
        }
      },
      { username: 'username', accountId: 'accountId', role: 'role', grants: 'grants', permissions: 'permissions', profileId: 'accountId' },
      { USERNAME_TAKEN: 'username' },
    );
    if (code === 'PROFILE_EMAIL_TAKEN') await this.offerTakenProfile(request.email);
    if (code === 'ACCESS_REQUEST_CLOSED') void this.refresh(request.id);
  }

  private async offerTakenProfile(email: string): Promise<void> {
    const api = this.api;
    if (!api) return;
    try {
      const { items } = await api.findProfiles(email);
      this.dialog.patch('approve', { taken: items });
    } catch {
      // The alert still says what to do.
    }
  }

  /** "Use this profile": approve again on that profile. */
  private async useTakenProfile(profile: LoginProfileSummary): Promise<void> {
    this.dialog.patch('approve', { profileId: profile.profileId, taken: null });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLFormElement>('form[data-form="approve"]')?.requestSubmit();
  }

  /** A request someone else decided meanwhile: show it as it is now. */
  private async refresh(requestId: string): Promise<void> {
    const api = this.api;
    if (!api) return;
    try {
      this.replace(await api.accessRequest(requestId));
    } catch {
      // The row stays as it was; the alert said what happened.
    }
  }

  private async onDecline(event: SubmitEvent, request: AccessRequest): Promise<void> {
    const values = this.formValues(event);
    const api = this.api;
    if (!api || !this.allowed) return;
    const note = (values.note ?? '').trim();
    if (note.length > NOTE_MAX) return void this.invalid('decline', { note: `Use at most ${NOTE_MAX} characters.` });
    let code: string | undefined;
    await this.run(
      'decline',
      async () => {
        try {
          const declined = await api.decline(request.id, { note });
          this.replace(declined);
          this.dialog.close();
          this.patchForm('list', { notice: { kind: 'success', text: `The request of ${fullName(request)} was declined. No email was sent to them.` } });
          emitAdmin(this, 'porchlight-access-request-change', { action: 'declined', request: declined });
        } catch (error) {
          code = errorCode(error);
          throw error;
        }
      },
      { note: 'note' },
    );
    if (code === 'ACCESS_REQUEST_CLOSED') void this.refresh(request.id);
  }

  // ---- rendering: the list ------------------------------------------------------------------

  private decision(r: AccessRequest): unknown {
    if (r.status === 'pending' || !r.decidedAt) return nothing;
    const by = r.decidedBy ? ` by ${actorText(r.decidedBy)}` : '';
    if (r.status === 'approved') {
      const account = r.accountId ? this.accounts.get(r.accountId) : undefined;
      return html`<p class="decision">Approved ${timeTag(r.decidedAt)}${by}: a login on <strong>${account ? accountLabel(account) : 'an account'}</strong>.</p>`;
    }
    return html`<p class="decision">Declined ${timeTag(r.decidedAt)}${by}.${r.note ? html` <span class="note-text">Note: ${r.note}</span>` : nothing}</p>`;
  }

  private renderRequest(r: AccessRequest): TemplateResult {
    const name = fullName(r);
    const fact = (label: string, value: unknown, className = '') => html`<div class=${className}><dt>${label}</dt><dd>${value}</dd></div>`;
    return html`<li class="request record" part="row" data-request-id=${r.id} tabindex="-1">
      <div class="request-head record-head">
        <div class="who"><span class="name">${name}</span> <span class="muted small">asked ${timeTag(r.createdAt)}</span></div>
        ${stateTag(r.status, STATUS_TEXT[r.status] ?? r.status)}
      </div>
      <dl class="facts">
        ${fact('Email', r.email)} ${fact('Phone', r.phone ?? html`<span class="muted">Not given</span>`)} ${fact('Company or property', r.company)}
        ${fact('Customer number', r.customerNumber ? html`<span class="mono">${r.customerNumber}</span>` : html`<span class="muted">Not given</span>`)}
        ${r.message ? fact('Message', html`<span class="message">${r.message}</span>`, 'wide') : nothing}
      </dl>
      ${this.decision(r)}
      ${r.status === 'pending' && this.allowed
        ? html`<div class="row-actions">
            <button class="button small inline" part="button" type="button" @click=${() => this.openApprove(r)}>Approve<span class="sr-only"> the request of ${name}</span></button>
            <button class="button secondary small inline" part="button" type="button" @click=${() => this.openDialog({ kind: 'decline', request: r })}>
              Decline<span class="sr-only"> the request of ${name}</span>
            </button>
          </div>`
        : nothing}
    </li>`;
  }

  private emptyText(): string {
    switch (this.filter) {
      case 'pending':
        return 'No pending access requests. When someone asks for a login on your portal’s sign-in page, the request shows here.';
      case 'approved':
        return 'No approved access requests.';
      case 'declined':
        return 'No declined access requests.';
      default:
        return 'No access requests yet.';
    }
  }

  private renderList(): unknown {
    if (this.status === 'loading') return this.loadingState('Loading access requests…');
    if (this.status !== 'ready') return nothing;
    if (!this.items.length) return html`<p class="empty" part="empty">${this.emptyText()}</p>`;
    return html`<ul class="requests records" part="list" aria-labelledby="title">
        ${repeat(this.items, (r) => r.id, (r) => this.renderRequest(r))}
      </ul>
      ${this.cursor
        ? html`<div class="more">
            <button class="button secondary inline" part="button" type="button" aria-disabled=${this.loadingMore ? 'true' : 'false'} @click=${() => void this.loadMore()}>
              ${this.loadingMore ? html`<span class="spinner" aria-hidden="true"></span>Loading…` : 'Load more requests'}
            </button>
          </div>`
        : nothing}`;
  }

  // ---- rendering: dialogs -------------------------------------------------------------------

  private actions(form: string, label: string, busyLabel: string, danger = false): TemplateResult {
    return this.dialogActions(form, label, busyLabel, { danger, onCancel: () => this.closeDialog() });
  }

  private requestSummary(r: AccessRequest): TemplateResult {
    return html`<dl class="facts summary">
      <div><dt>Email</dt><dd>${r.email}</dd></div>
      <div><dt>Company or property</dt><dd>${r.company}</dd></div>
      ${r.customerNumber ? html`<div><dt>Customer number</dt><dd class="mono">${r.customerNumber}</dd></div>` : nothing}
      ${r.phone ? html`<div><dt>Phone</dt><dd>${r.phone}</dd></div>` : nothing}
    </dl>`;
  }

  private renderAccounts(state: ApproveDialog): TemplateResult {
    const { search } = state;
    const error = this.formState('approve').errors.accountId;
    const summary =
      search.status === 'loading'
        ? `Searching for “${search.q}”…`
        : search.status === 'error'
          ? errorMessage(search.failure)
          : search.status === 'ready'
            ? search.items.length
              ? `${search.items.length === 1 ? 'One account matches' : `${search.items.length} accounts match`}${search.q ? ` “${search.q}”` : ''}.`
              : `No account matches “${search.q}”. Search by name, customer number or identifier.`
            : '';
    return html`<fieldset class="choice-group" aria-describedby=${ifDefined(error ? 'approve-accountId-error' : undefined)}>
      <legend>Account</legend>
      <p class="hint" role="status">${summary}</p>
      ${search.items.length
        ? html`<div class="choices accounts" part="accounts">
            ${search.items.map(
              (a) => html`<label class="choice account">
                <input type="radio" name="accountId" value=${a.id} .checked=${state.accountId === a.id} aria-invalid=${error ? 'true' : 'false'} @change=${() => this.onChooseAccount(a.id)} />
                <span><span class="name">${a.name}</span> <span class="muted">Identifier <span class="mono">${a.identifier}</span>${a.customerNumber ? html` · Customer number <span class="mono">${a.customerNumber}</span>` : nothing}</span></span>
              </label>`,
            )}
          </div>`
        : nothing}
      ${error ? html`<div class="field-error" id="approve-accountId-error">${alertIcon}<span>${error}</span></div>` : nothing}
    </fieldset>`;
  }

  private approveContent(state: ApproveDialog): TemplateResult {
    const { request, choices } = state;
    const busy = this.formState('approve').busy;
    const hours = Math.max(1, Math.round(this.linkHours) || DEFAULT_LINK_HOURS);
    return html`<div class="stack">
      ${this.requestSummary(request)}
      <form class="find" part="form" role="search" aria-label="Find the account" data-form="find" novalidate @submit=${this.onSearch} @input=${(e: Event) => this.onFieldInput('find', e)}>
        ${this.textField('find', 'q', 'Find the account', { value: state.search.q, required: false, maxlength: 120, type: 'search', inputmode: 'search', hint: 'Name, customer number or identifier.' })}
        <button class="button secondary inline" part="button" type="submit" ?disabled=${state.search.status === 'loading' || busy}>Search</button>
      </form>
      <form part="form" class="stack" data-form="approve" novalidate aria-labelledby="dialog-title" aria-busy=${busy ? 'true' : 'false'} @submit=${(e: SubmitEvent) => void this.onApprove(e, state)} @input=${(e: Event) => this.onFieldInput('approve', e)}>
        ${this.renderAccounts(state)}
        ${this.textField('approve', 'username', 'Username', { value: request.email, maxlength: 64, autocapitalize: 'none', required: false, hint: 'Their email address unless you change it. Unique in the account.' })}
        ${takenProfiles(state.taken, (p) => void this.useTakenProfile(p), busy)}
        ${state.profileId ? html`<p class="hint">This account is added to ${request.firstName}'s existing login profile: one password for all their accounts.</p>` : nothing}
        ${accessChoices('approve', choices, (next) => this.setChoices(next))}
        <p class="hint">The login email goes to ${request.email} with a link to choose a password, which works for ${hours} hours.</p>
        ${this.actions('approve', 'Approve and send login email', 'Approving…')}
      </form>
    </div>`;
  }

  private declineForm(request: AccessRequest): TemplateResult {
    const error = this.formState('decline').errors.note ?? '';
    return this.formTemplate(
      'decline',
      'dialog-title',
      (e) => void this.onDecline(e, request),
      html`<p>${fullName(request)} gets no email: the answer they saw when they asked was the same whatever you decide.</p>
        <div class="control" part="field">
          <label for="decline-note">Note (optional)</label>
          <div class="hint" id="decline-note-hint">For your staff only, such as “Not one of our customers”.</div>
          <textarea
            id="decline-note"
            name="note"
            rows="3"
            maxlength=${NOTE_MAX}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${error ? 'decline-note-hint decline-note-error' : 'decline-note-hint'}
          ></textarea>
          ${error ? html`<div class="field-error" id="decline-note-error">${alertIcon}<span>${error}</span></div>` : nothing}
        </div>
        ${this.actions('decline', 'Decline request', 'Declining…', true)}`,
    );
  }

  private renderDialog(): unknown {
    const state = this.dialog.state;
    if (!state) return nothing;
    const common = this.dialogBase(state.kind, () => this.closeDialog());
    const name = fullName(state.request);
    if (state.kind === 'approve') return dialogTemplate({ ...common, title: `Approve the request of ${name}`, content: this.approveContent(state) });
    return dialogTemplate({ ...common, kind: 'confirm', title: `Decline the request of ${name}?`, content: this.declineForm(state.request) });
  }

  protected override render() {
    if (this.missingAdmin) return this.missingAdminCard();
    if (!this.adminClient || !this.staff) return nothing;
    const role = this.staff.role;
    const requestAccess = this.dealerInfo?.onboarding.requestAccess;
    return html`<div class="card" part="card">
        <div class="head">
          ${this.renderHeading(this.heading || 'Access requests', 'title')}
          <p class="lead">People who asked for a login on your portal's sign-in page. Approving one gives them a login on the account you choose and sends them the login email.</p>
        </div>
        ${this.allowed ? nothing : this.notAllowed('not-allowed', `Your role (${ROLE_NAMES[role] ?? role}) can see access requests but not approve or decline them. Ask an owner or an admin.`)}
        ${requestAccess === false ? html`<p class="note" part="note">${infoIcon}<span>“Request access” is turned off in your portal's settings: no new requests arrive.</span></p>` : nothing}
        <form class="filters" part="form" aria-label="Filter access requests" @submit=${(e: Event) => e.preventDefault()}>
          ${this.statusSelect(this.filter, FILTERS, (e) => this.onFilter(e))}
        </form>
        ${this.loadRegions('list')} ${this.renderList()}
      </div>
      ${this.renderDialog()}`;
  }
}
