import { html, nothing, type PropertyValues } from 'lit';
import { PASSWORD_MIN_LENGTH } from '@porchlight/core';
import type { Account, AuditEntry, PublicUser } from '@porchlight/client';
import { alertIcon, checkIcon, infoIcon } from '../internal/icons.js';
import { errorCode, errorMessage, identifierDigits, IDENTIFIER_PATTERN } from '../internal/messages.js';
import { emitAdmin } from './events.js';
import { AdminElement } from './internal/admin-element.js';
import { formatDateTime, formatTime, ROLE_NAMES, suggestPassword } from './internal/format.js';
import { accountPageStyles } from './account-manager-page.styles.js';
import type { PorchlightSetupAccess } from './setup-access.js';

type Load = 'idle' | 'loading' | 'ready' | 'error';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const USER_ROLES: Record<string, string> = { manager: 'Manager', staff: 'Office staff', client: 'Client' };
const IDENTIFIER_SOURCES: Record<Account['identifierSource'], string> = {
  phone: 'From the main phone number.',
  random: 'A random number.',
  manual: 'Set by hand.',
};

interface Emulation {
  user: PublicUser;
  expiresAt: string;
  url: string | null;
}

/**
 * <porchlight-account-manager-page account-id="…">: one account for the dealer's staff. Its
 * identifier (big, copyable; "Change identifier"), the manager login ("Assign the manager's
 * username and temporary password"), "Emulate" (opens the portal as one of its users in a new
 * tab), its logins and access (<porchlight-setup-access>: everyone who can log in, with their
 * state, role and grants; setting up a login of any role, login emails, revoking, the registration
 * key), its support requests, shared documents and its audit log.
 * Actions the signed-in role does not allow are disabled, with a note; if the server still
 * refuses, its message shows. Lives inside <porchlight-admin>.
 *
 * @csspart card - each section's card
 * @csspart title - headings
 * @csspart identifier - the big identifier
 * @csspart form - the forms
 * @csspart field - the text fields (their parts are exported as label, hint, input, field-error)
 * @csspart button - buttons
 * @csspart link - link-styled buttons (Suggest a password, Change identifier)
 * @csspart error - error regions (role=alert)
 * @csspart notice - status regions (role=status)
 * @csspart not-allowed - the note saying what the signed-in role cannot do
 * @csspart audit - the audit log list
 * @fires porchlight-account-change - `{ account }` after a change (e.g. a new identifier)
 * @fires porchlight-emulation-start - `{ accountId, user, expiresAt, opened }` when an emulation starts
 */
export class PorchlightAccountManagerPage extends AdminElement {
  static override styles = accountPageStyles;
  static override properties = {
    accountId: { attribute: 'account-id' },
    auditPageSize: { type: Number, attribute: 'audit-page-size' },
    status: { state: true },
    failure: { state: true },
    account: { state: true },
    users: { state: true },
    usersStatus: { state: true },
    usersFailure: { state: true },
    audit: { state: true },
    auditCursor: { state: true },
    auditStatus: { state: true },
    auditMore: { state: true },
    auditFailure: { state: true },
    editingIdentifier: { state: true },
    emulation: { state: true },
    copyNote: { state: true },
  };

  /** The account to show. */
  declare accountId: string;
  /** Audit entries per page (1–100); 20 by default. */
  declare auditPageSize: number;

  protected declare status: Load;
  protected declare failure: unknown;
  protected declare account: Account | undefined;
  protected declare users: PublicUser[];
  protected declare usersStatus: Load;
  protected declare usersFailure: unknown;
  protected declare audit: AuditEntry[];
  protected declare auditCursor: string | null;
  protected declare auditStatus: Load;
  protected declare auditMore: boolean;
  protected declare auditFailure: unknown;
  protected declare editingIdentifier: boolean;
  protected declare emulation: Emulation | undefined;
  protected declare copyNote: string;

  private loadKey: string | undefined;
  private runs = 0;
  private loaded: Promise<void> = Promise.resolve();

  constructor() {
    super();
    this.accountId = '';
    this.auditPageSize = 20;
    this.reset();
  }

  private reset(): void {
    this.status = 'idle';
    this.failure = undefined;
    this.account = undefined;
    this.users = [];
    this.usersStatus = 'idle';
    this.usersFailure = undefined;
    this.audit = [];
    this.auditCursor = null;
    this.auditStatus = 'idle';
    this.auditMore = false;
    this.auditFailure = undefined;
    this.editingIdentifier = false;
    this.emulation = undefined;
    this.copyNote = '';
    this.forms = {};
  }

  /** Loads the account, its users and its audit log again. */
  reload(): Promise<void> {
    this.loadKey = undefined;
    this.requestUpdate();
    return this.updateComplete.then(() => this.loaded);
  }

  /** Moves focus to the page's heading once the account is loaded (used when the page replaces a list). */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    await this.loaded;
    await this.updateComplete;
    (this.renderRoot.querySelector('#title') as HTMLElement | null)?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const staff = this.staff;
    const id = this.accountId?.trim();
    const key = staff && id ? `${staff.id}\n${id}` : undefined;
    if (key === this.loadKey) return;
    this.loadKey = key;
    this.runs++;
    this.reset();
    if (key) this.loaded = this.load(id!);
  }

  private get auditLimit(): number {
    return Math.min(100, Math.max(1, Math.round(this.auditPageSize) || 20));
  }

  private async load(accountId: string): Promise<void> {
    const client = this.adminClient;
    if (!client) return;
    const run = ++this.runs;
    this.status = 'loading';
    this.usersStatus = 'loading';
    this.auditStatus = 'loading';
    const [account, users, audit] = await Promise.allSettled([
      client.accounts.get(accountId),
      client.accounts.users(accountId),
      client.accounts.audit(accountId, { limit: this.auditLimit }),
    ]);
    if (run !== this.runs) return;
    if (account.status === 'rejected') {
      this.failure = account.reason;
      this.status = 'error';
      return;
    }
    this.account = account.value;
    this.status = 'ready';
    if (users.status === 'fulfilled') {
      this.users = users.value.items;
      this.usersStatus = 'ready';
    } else {
      this.usersFailure = users.reason;
      this.usersStatus = 'error';
    }
    if (audit.status === 'fulfilled') {
      this.audit = audit.value.items;
      this.auditCursor = audit.value.cursor;
      this.auditStatus = 'ready';
    } else {
      this.auditFailure = audit.reason;
      this.auditStatus = 'error';
    }
  }

  private async retry(): Promise<void> {
    await this.reload();
    await this.focusHeading();
  }

  private async loadUsers(): Promise<void> {
    const client = this.adminClient;
    const account = this.account;
    if (!client || !account) return;
    const run = this.runs;
    try {
      const page = await client.accounts.users(account.id);
      if (run !== this.runs) return;
      this.users = page.items;
      this.usersStatus = 'ready';
      this.usersFailure = undefined;
    } catch (error) {
      if (run !== this.runs) return;
      this.usersFailure = error;
      this.usersStatus = 'error';
    }
  }

  /** The first page again (after a change adds an entry), or the next one. */
  private async loadAudit(more = false): Promise<void> {
    const client = this.adminClient;
    const account = this.account;
    if (!client || !account || this.auditMore) return;
    const run = this.runs;
    const before = this.audit.length;
    this.auditMore = more;
    try {
      const page = await client.accounts.audit(account.id, { limit: this.auditLimit, cursor: more ? (this.auditCursor ?? undefined) : undefined });
      if (run !== this.runs) return;
      this.audit = more ? [...this.audit, ...page.items] : page.items;
      this.auditCursor = page.cursor;
      this.auditStatus = 'ready';
      this.auditFailure = undefined;
      if (more && page.items.length) void this.focusAfterUpdate(`.audit li:nth-child(${before + 1})`);
    } catch (error) {
      if (run !== this.runs) return;
      this.auditFailure = error;
      this.auditStatus = 'error';
    } finally {
      if (run === this.runs) this.auditMore = false;
    }
  }

  private roleName(): string {
    const role = this.staff?.role;
    return role ? ROLE_NAMES[role] : 'signed-in';
  }

  // ---- identifier -----------------------------------------------------------------------

  private async copyIdentifier(): Promise<void> {
    const value = this.account?.identifier;
    if (!value) return;
    try {
      await navigator.clipboard.writeText(value);
      this.copyNote = `Identifier ${value} copied.`;
    } catch {
      // No clipboard access (an insecure page, a refused permission): select it for the person.
      const el = this.renderRoot.querySelector('.identifier');
      const selection = getSelection();
      if (el && selection) {
        const range = document.createRange();
        range.selectNodeContents(el);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      this.copyNote = 'Copying is not available here. The identifier is selected: press Ctrl+C (⌘C on a Mac) to copy it.';
    }
  }

  private toggleIdentifier(): void {
    this.editingIdentifier = !this.editingIdentifier;
    this.clearForm('identifier');
    void this.focusAfterUpdate(this.editingIdentifier ? 'form[data-form="identifier"] [name="identifier"]' : '.toggle-identifier');
  }

  private async onIdentifier(event: SubmitEvent): Promise<void> {
    const values = this.formValues(event);
    const client = this.adminClient;
    const account = this.account;
    if (!client || !account) return;
    const typed = values.identifier?.trim() ?? '';
    const identifier = identifierDigits(typed);
    if (!typed) return void this.invalid('identifier', { identifier: 'Enter the new identifier.' });
    if (!IDENTIFIER_PATTERN.test(identifier)) return void this.invalid('identifier', { identifier: 'The account identifier is 4 to 15 digits.' });
    if (identifier === account.identifier) return void this.invalid('identifier', { identifier: 'This is already the account’s identifier.' });

    await this.run(
      'identifier',
      async () => {
        const updated = await client.accounts.update(account.id, { identifier });
        this.account = updated;
        this.editingIdentifier = false;
        this.copyNote = '';
        this.patchForm('identifier', {
          notice: { kind: 'success', text: `Identifier changed to ${updated.identifier}. Clients log in with the new one from now on; signed-in users stay signed in.` },
        });
        emitAdmin(this, 'porchlight-account-change', { account: updated });
        void this.focusAfterUpdate('.toggle-identifier');
        void this.loadAudit();
      },
      { identifier: 'identifier' },
      { IDENTIFIER_TAKEN: 'identifier' },
    );
  }

  // ---- manager --------------------------------------------------------------------------

  private get managers(): PublicUser[] {
    return this.users.filter((u) => u.role === 'manager');
  }

  private fillPassword(form: string, name: string): void {
    const field = this.field(form, name);
    if (!field) return;
    field.value = suggestPassword();
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    field.focus();
    field.select();
  }

  private async onManager(event: SubmitEvent): Promise<void> {
    const values = this.formValues(event);
    const client = this.adminClient;
    const account = this.account;
    if (!client || !account) return;
    const username = values.managerUsername?.trim() ?? '';
    const password = values.managerPassword ?? '';
    const name = values.managerName?.trim() ?? '';
    const email = values.managerEmail?.trim() ?? '';
    const errors: Record<string, string> = {};
    if (!username) errors.managerUsername = 'Enter a username.';
    if (!password) errors.managerPassword = 'Enter a temporary password.';
    else if (password.length < PASSWORD_MIN_LENGTH) errors.managerPassword = `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
    if (email && !EMAIL.test(email)) errors.managerEmail = 'Enter a valid email address, like name@example.com.';
    if (this.invalid('manager', errors)) return;

    await this.run(
      'manager',
      async () => {
        const user = await client.accounts.assignManager(account.id, { username, password, ...(name ? { name } : {}), ...(email ? { email } : {}) });
        const field = this.field('manager', 'managerPassword');
        if (field) field.value = '';
        this.patchForm('manager', {
          notice: {
            kind: 'success',
            text: `The manager login “${user.username}” has its temporary password. Give it to ${user.name || 'the manager'} with the identifier ${account.identifier}; they must choose a new password when they first log in.`,
          },
        });
        await this.loadUsers();
        void this.loadAudit();
        this.refreshAccess();
      },
      { username: 'managerUsername', password: 'managerPassword', name: 'managerName', email: 'managerEmail' },
      { USERNAME_TAKEN: 'managerUsername', WEAK_PASSWORD: 'managerPassword' },
    );
  }

  // ---- emulation ------------------------------------------------------------------------

  private get emulatable(): PublicUser[] {
    const active = this.users.filter((u) => u.status === 'active');
    return [...active.filter((u) => u.role === 'manager'), ...active.filter((u) => u.role !== 'manager')];
  }

  private async onEmulate(event: SubmitEvent): Promise<void> {
    const values = this.formValues(event);
    const client = this.adminClient;
    const account = this.account;
    if (!client || !account) return;
    const userId = values.userId || undefined;
    const reason = values.reason?.trim() ?? '';
    if (reason.length > 500) return void this.invalid('emulate', { reason: 'Use at most 500 characters.' });
    this.emulation = undefined;

    await this.run(
      'emulate',
      async () => {
        const started = await client.accounts.emulate(account.id, { ...(userId ? { userId } : {}), ...(reason ? { reason } : {}) });
        // The token travels in the URL's fragment only, to a new browsing context that cannot reach back to this page.
        if (started.url) window.open(started.url, '_blank', 'noopener');
        this.emulation = { user: started.user, expiresAt: started.expiresAt, url: started.url };
        const reasonField = this.field('emulate', 'reason');
        if (reasonField) reasonField.value = '';
        emitAdmin(this, 'porchlight-emulation-start', { accountId: account.id, user: started.user, expiresAt: started.expiresAt, opened: Boolean(started.url) });
        void this.loadAudit();
      },
      { reason: 'reason', userId: 'userId' },
    );
  }

  // ---- logins and access (the embedded <porchlight-setup-access>) ------------------------

  /** A login was set up, changed or revoked there: the manager login, the Emulate list and the audit log follow. */
  private readonly onAccessChange = (): void => {
    void this.loadUsers();
    void this.loadAudit();
  };

  /** The manager login was assigned here: "Logins and access" follows. */
  private refreshAccess(): void {
    void this.renderRoot.querySelector<PorchlightSetupAccess>('porchlight-setup-access')?.reload();
  }

  // ---- rendering ------------------------------------------------------------------------

  private lastLogin(user: PublicUser): string {
    return user.lastLoginAt ? formatDateTime(user.lastLoginAt) : 'Never';
  }

  private renderSummary(account: Account, canWrite: boolean) {
    const facts = [
      account.customerNumber ? html`<div><dt>Customer number</dt><dd class="mono">${account.customerNumber}</dd></div>` : nothing,
      account.mainPhone ? html`<div><dt>Main phone</dt><dd>${account.mainPhone}</dd></div>` : nothing,
      account.zip ? html`<div><dt>ZIP code</dt><dd>${account.zip}</dd></div>` : nothing,
    ];
    const editing = this.editingIdentifier && canWrite;
    return html`<section class="card summary" part="card" aria-labelledby="title">
      <p class="eyebrow">Account</p>
      ${this.renderHeading(account.name, 'title', 0, 'title')}
      ${account.customerNumber || account.mainPhone || account.zip ? html`<dl class="facts">${facts}</dl>` : nothing}
      <div class="identifier-box">
        <div class="identifier-label" id="identifier-label">Account identifier</div>
        <div class="identifier-row">
          <span class="identifier mono" part="identifier">${account.identifier}</span>
          <button class="button secondary small inline" part="button" type="button" @click=${this.copyIdentifier}>Copy<span class="sr-only"> identifier</span></button>
        </div>
        <p class="identifier-help">Clients type it when they log in. ${IDENTIFIER_SOURCES[account.identifierSource] ?? ''}</p>
        <div role="status" part="notice" class="copy-note">${this.copyNote}</div>
        <button
          class="link toggle-identifier"
          part="link"
          type="button"
          aria-expanded=${editing ? 'true' : 'false'}
          aria-controls="identifier-form"
          ?disabled=${!canWrite}
          @click=${this.toggleIdentifier}
        >
          ${editing ? 'Cancel' : 'Change identifier'}
        </button>
        <div id="identifier-form" ?hidden=${!editing}>
          ${editing
            ? html`${this.formTemplate(
                'identifier',
                'identifier-form-title',
                this.onIdentifier,
                html`<div class="sub-title sr-only" id="identifier-form-title">Change identifier</div>
                  ${this.textField('identifier', 'identifier', 'New identifier', {
                    inputmode: 'numeric',
                    hint: 'Digits only (4 to 15), such as the main phone number. Signed-in users stay signed in; the old identifier stops working at once.',
                  })}
                  <div class="row">${this.submit('identifier', 'Change identifier', 'Changing…', 'button inline')}</div>`,
              )}`
            : nothing}
        </div>
        ${this.regions('identifier')}
      </div>
      ${canWrite
        ? nothing
        : this.notAllowed('write-note', `Your role (${this.roleName()}) can look at accounts and emulate their users, but not change them. Ask an owner or an admin.`)}
    </section>`;
  }

  private renderManager(canWrite: boolean) {
    const managers = this.managers;
    const current = managers[0];
    return html`<section class="card" part="card" aria-labelledby="manager-title">
      ${this.renderHeading('Manager login', 'manager-title', 1, 'section-title')}
      <p class="lead">The account manager logs in to the portal with the identifier, their username and their password, and manages the account's office staff.</p>
      ${this.usersStatus === 'loading' ? this.loadingState('Loading the account’s users…') : nothing}
      ${this.usersStatus === 'error' ? html`<div class="alert-box" role="alert">${alertIcon}<p>${errorMessage(this.usersFailure)}</p></div>` : nothing}
      ${this.usersStatus === 'ready' && !managers.length
        ? html`<p class="empty">No manager login yet. Assign one below so the client can log in.</p>`
        : nothing}
      ${managers.map(
        (m) => html`<dl class="details person">
          <div><dt>Name</dt><dd>${m.name}</dd></div>
          <div><dt>Username</dt><dd class="mono">${m.username}</dd></div>
          <div><dt>Password</dt><dd>${m.status !== 'active' ? html`<span class="badge off">Disabled</span>` : m.mustChangePassword ? html`<span class="badge warn">Temporary</span> must be changed at first login` : 'Chosen by the manager'}</dd></div>
          <div><dt>Last login</dt><dd>${this.lastLogin(m)}</dd></div>
        </dl>`,
      )}
      ${this.renderHeading("Assign the manager's username and temporary password", 'manager-form-title', 2, 'sub-title')}
      <p class="hint-text" id="manager-help">
        The manager must choose a new password when they first log in. ${current ? 'Assigning a new password signs the current manager out everywhere.' : ''}
      </p>
      ${this.regions('manager')}
      ${this.formTemplate(
        'manager',
        'manager-form-title',
        this.onManager,
        html`<fieldset class="stack" ?disabled=${!canWrite} aria-describedby=${canWrite ? 'manager-help' : 'manager-help write-note'}>
          ${this.textField('manager', 'managerUsername', 'Username', { value: current?.username ?? '', autocapitalize: 'none' })}
          <div class="field-with-action">
            ${this.textField('manager', 'managerPassword', 'Temporary password', { minlength: PASSWORD_MIN_LENGTH, hint: `At least ${PASSWORD_MIN_LENGTH} characters. You give it to the manager, who replaces it when they first log in.`, autocapitalize: 'none' })}
            <button class="link" part="link" type="button" @click=${() => this.fillPassword('manager', 'managerPassword')}>Suggest a password</button>
          </div>
          ${this.textField('manager', 'managerName', 'Name', { value: current?.name ?? '', optional: true, autocomplete: 'off' })}
          ${this.textField('manager', 'managerEmail', 'Email', { value: current?.email ?? '', type: 'email', optional: true, autocapitalize: 'none' })}
          <div class="row">${this.submit('manager', current ? 'Assign new temporary password' : 'Assign manager login', 'Assigning…', 'button inline')}</div>
        </fieldset>`,
      )}
    </section>`;
  }

  private renderEmulationResult() {
    const e = this.emulation;
    if (!e) return nothing;
    if (!e.url) {
      return html`<div class="alert-box info">${infoIcon}<p>
          The emulation of ${e.user.name} was started, but the portal cannot be opened from here: the dealer's portal address
          (<code>settings.portalUrl</code>) is not set. Ask whoever runs your Porchlight server to set it, then emulate again.
        </p></div>`;
    }
    return html`<div class="alert-box success">${checkIcon}<p>
        The portal opened in a new tab as ${e.user.name}. The emulation ends at ${formatTime(e.expiresAt)} at the latest, or when you select
        End emulation there. No new tab?
        <a href=${e.url} target="_blank" rel="noopener noreferrer" part="link">Open the portal as ${e.user.name}</a>.
      </p></div>`;
  }

  private renderEmulate(canEmulate: boolean) {
    const users = this.emulatable;
    const usable = canEmulate && users.length > 0;
    const noOne = canEmulate && this.usersStatus === 'ready' && !users.length;
    const state = this.formState('emulate');
    return html`<section class="card" part="card" aria-labelledby="emulate-title">
      ${this.renderHeading('Emulate', 'emulate-title', 1, 'section-title')}
      <p class="lead">Open the client portal as one of this account's users, to see what they see and help them.</p>
      <ul class="facts-list" id="emulate-help">
        <li>The emulation lasts at most 60 minutes.</li>
        <li>It is recorded in the account's audit log, with your name and reason.</li>
        <li>The portal shows the banner “You are emulating …” with End emulation.</li>
      </ul>
      ${canEmulate ? nothing : this.notAllowed('emulate-note', `Your role (${this.roleName()}) cannot emulate users.`)}
      ${noOne
        ? this.notAllowed('emulate-note', 'This account has no active login to emulate. Assign a manager login first.')
        : nothing}
      <div role="alert" part="error" data-alert="emulate">${state.alert ? html`<div class="alert-box" tabindex="-1">${alertIcon}<p>${state.alert}</p></div>` : nothing}</div>
      <div role="status" part="notice" data-notice="emulate">${this.renderEmulationResult()}</div>
      ${this.formTemplate(
        'emulate',
        'emulate-title',
        this.onEmulate,
        html`<fieldset class="stack" ?disabled=${!usable} aria-describedby=${!canEmulate || noOne ? 'emulate-help emulate-note' : 'emulate-help'}>
          <div class="select-field">
            <label for="userId">Emulate as</label>
            <select id="userId" name="userId">
              ${users.map((u) => html`<option value=${u.id}>${u.name} (${USER_ROLES[u.role] ?? u.role})</option>`)}
            </select>
          </div>
          ${this.textField('emulate', 'reason', 'Reason', { optional: true, maxlength: 500, hint: 'Kept in the audit log, e.g. “Client called: cannot find invoices”.' })}
          <div class="row">${this.submit('emulate', 'Emulate', 'Starting…', 'button inline')}<span class="muted small">Opens in a new tab.</span></div>
        </fieldset>`,
      )}
    </section>`;
  }

  private renderAudit() {
    return html`<section class="card" part="card" aria-labelledby="audit-title">
      ${this.renderHeading('Audit log', 'audit-title', 1, 'section-title')}
      <p class="lead">What was done on this account, newest first.</p>
      ${this.auditStatus === 'loading' ? this.loadingState('Loading the audit log…') : nothing}
      ${this.auditStatus === 'error'
        ? html`<div class="alert-box" role="alert">${alertIcon}<div><p>${errorMessage(this.auditFailure)}</p>
              <button class="button secondary small inline" part="button" type="button" @click=${() => this.loadAudit(this.audit.length > 0)}>Retry</button></div></div>`
        : nothing}
      ${this.auditStatus === 'ready' && !this.audit.length ? html`<p class="empty">Nothing recorded yet.</p>` : nothing}
      ${this.audit.length
        ? html`<div class="audit-wrap"><ol class="audit" part="audit">
            ${this.audit.map(
              (e) => html`<li tabindex="-1">
                <time datetime=${e.at}>${formatDateTime(e.at)}</time>
                <span class="what">${e.summary}</span>
                <span class="who muted small">${e.actor.kind === 'emulation' ? 'Emulation: ' : ''}${e.actor.name}</span>
              </li>`,
            )}
          </ol></div>`
        : nothing}
      ${this.auditCursor && this.auditStatus === 'ready'
        ? html`<div class="more">
            <button class="button secondary small inline" part="button" type="button" ?disabled=${this.auditMore} @click=${() => this.loadAudit(true)}>
              ${this.auditMore ? html`<span class="spinner" aria-hidden="true"></span>Loading…` : 'Show older entries'}
            </button>
          </div>`
        : nothing}
    </section>`;
  }

  protected override render() {
    if (this.missingAdmin) return this.missingAdminCard();
    if (!this.adminClient || !this.staff) return nothing;
    if (!this.accountId?.trim()) {
      return html`<div class="card" part="card"><div role="alert" part="error"><div class="alert-box">${alertIcon}<p>No account chosen: set the account-id attribute.</p></div></div></div>`;
    }
    if (this.status === 'error') {
      const notFound = errorCode(this.failure) === 'NOT_FOUND';
      return html`<div class="card state" part="card">
        ${this.renderHeading('This account could not be opened', 'title')}
        <div role="alert" part="error"><div class="alert-box">${alertIcon}<p>${notFound ? 'No account with this id was found. It may have been removed.' : errorMessage(this.failure)}</p></div></div>
        ${notFound ? nothing : html`<button class="button inline" part="button" type="button" @click=${this.retry}>Retry</button>`}
      </div>`;
    }
    const account = this.account;
    if (!account) return html`<div class="card" part="card">${this.loadingState('Loading the account…')}</div>`;
    const canWrite = this.can('accounts.write');
    const canEmulate = this.can('emulate');
    return html`<div class="page">
      ${this.renderSummary(account, canWrite)}
      <div class="grid">${this.renderManager(canWrite)} ${this.renderEmulate(canEmulate)}</div>
      <porchlight-setup-access
        account-id=${account.id}
        heading="Logins and access"
        heading-level=${this.headingLevel + 1}
        @porchlight-access-change=${this.onAccessChange}
      ></porchlight-setup-access>
      <porchlight-admin-tickets account-id=${account.id} heading="Support requests" heading-level=${this.headingLevel + 1}></porchlight-admin-tickets>
      <porchlight-admin-documents account-id=${account.id} heading="Shared documents" heading-level=${this.headingLevel + 1}></porchlight-admin-documents>
      ${this.renderAudit()}
    </div>`;
  }
}
