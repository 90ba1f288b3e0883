import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { PASSWORD_MIN_LENGTH } from '@porchlight/core';
import { DEALER_STAFF_ROLES, type DealerStaffRole, type PublicDealerStaff } from '@porchlight/client';
import { DialogController, dialogTemplate } from '../internal/dialog.js';
import { AdminView } from './internal/admin-view.js';
import { formatDateTime, ROLE_NAMES, suggestPassword } from './internal/format.js';
import { dealerStaffStyles } from './dealer-staff.styles.js';
import { emitAdmin, type DealerStaffChangeAction } from './events.js';

type StaffDialog =
  | { kind: 'add' }
  | { kind: 'role'; staff: PublicDealerStaff }
  | { kind: 'password'; staff: PublicDealerStaff }
  | { kind: 'disable'; staff: PublicDealerStaff };

/** What each role may do, in a line (DEALER_ROLE_ABILITIES in core is the rule). */
const ROLE_HELP: Record<DealerStaffRole, string> = {
  owner: 'Everything, including adding and changing back-office logins.',
  admin: 'Finds, creates and changes accounts and emulates their users; no back-office logins.',
  support: 'Finds and looks at accounts and emulates their users; changes nothing.',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_PAGES = 20;

/**
 * <porchlight-admin-staff>: the dealer's own back-office logins, for owners. Lists each
 * person's name, email, role, status, last sign-in and whether they still have a temporary
 * password, and lets an owner add a login (with a temporary password), change a role, disable
 * and re-enable a login, and set a new temporary password (which signs that person out
 * everywhere; they choose their own at their next sign-in). The signed-in owner's own row has
 * no actions. Someone whose role cannot manage logins sees a note, and nothing is loaded.
 * Lives inside <porchlight-admin>.
 *
 * @csspart card - the card around everything
 * @csspart title - the heading
 * @csspart button - buttons (Add a login, row actions, Retry, dialog buttons)
 * @csspart error - error regions (role=alert)
 * @csspart notice - status regions (role=status) for results
 * @csspart loading - the loading state
 * @csspart empty - the text shown when there are no logins
 * @csspart not-allowed - the note for a role that cannot manage logins
 * @csspart table - the list (label: value rows when narrow)
 * @csspart row - each row
 * @csspart badge - badges (Disabled, Temporary)
 * @csspart dialog - the dialogs (add, role, temporary password, disable)
 * @csspart dialog-title - a dialog's heading
 * @csspart dialog-close - a dialog's close button
 * @csspart form - a dialog's form
 * @csspart field - the text fields (their parts are exported as field-base, label, hint, input, field-error)
 * @csspart link - the "Suggest a password" buttons
 * @fires porchlight-dealer-staff-change - `{ action, staff }` after each change; action is added, updated, disabled, enabled or password-set
 */
export class PorchlightAdminStaff extends AdminView {
  static override styles = dealerStaffStyles;
  static override properties = {
    heading: {},
    items: { state: true },
    enabling: { state: true },
  };

  /** The heading of the list. */
  declare heading: string;

  protected declare items: PublicDealerStaff[];
  /** The login being re-enabled, if any. */
  protected declare enabling: string;

  protected readonly dialog = new DialogController<StaffDialog>(this, () => this.renderRoot.querySelector<HTMLElement>('#title'));

  constructor() {
    super();
    this.heading = 'Back-office logins';
    this.items = [];
    this.enabling = '';
  }

  /** Whether the signed-in person may manage logins (the server checks again). */
  private get allowed(): boolean {
    return this.can('dealer-staff.manage');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Another person signed in (or nobody is, or the role changed): start afresh.
    const staff = this.staff;
    if (!this.startOver(staff ? `${staff.id}\n${this.allowed}` : undefined)) return;
    this.items = [];
    this.enabling = '';
    this.dialog.reset();
    if (staff && this.allowed) void this.load();
  }

  protected async load(): Promise<void> {
    const client = this.adminClient;
    if (!client || !this.staff || !this.allowed) return;
    await this.loadWith(
      async () => {
        const items: PublicDealerStaff[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await client.dealerStaff.list({ limit: 100, ...(cursor ? { cursor } : {}) });
          items.push(...page.items);
          cursor = page.cursor ?? undefined;
        } while (cursor && ++pages < MAX_PAGES);
        return items;
      },
      (items) => (this.items = items),
      () => (this.items = []),
    );
  }

  // ---- actions ---------------------------------------------------------------------------

  private changed(action: DealerStaffChangeAction, staff: PublicDealerStaff): void {
    emitAdmin(this, 'porchlight-dealer-staff-change', { action, staff });
  }

  /** Shows the changed login at once. */
  private replace(staff: PublicDealerStaff): void {
    this.items = this.items.map((s) => (s.id === staff.id ? staff : s));
  }

  private isSelf(staff: PublicDealerStaff): boolean {
    return staff.id === this.staff?.id;
  }

  private formOf(state: StaffDialog): string {
    return state.kind;
  }

  private openDialog(state: StaffDialog, focus?: string): void {
    this.clearForm(this.formOf(state));
    this.patchForm('list', { alert: '', notice: null });
    this.dialog.open(state, focus);
  }

  private closeDialog(): void {
    const state = this.dialog.state;
    if (!state || this.formState(this.formOf(state)).busy) return;
    this.clearForm(this.formOf(state));
    this.dialog.close();
  }

  /** Done: the dialog closes (focus back on what opened it) and the page says what happened. */
  private done(text: string): void {
    this.dialog.close();
    this.patchForm('list', { alert: '', notice: { kind: 'success', text } });
  }

  private fillPassword(form: string): void {
    const field = this.field(form, 'password');
    if (!field) return;
    field.value = suggestPassword();
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    field.focus();
    field.select();
  }

  private checkPassword(password: string): string | undefined {
    if (!password) return 'Enter a temporary password.';
    if ([...password].length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
    return undefined;
  }

  private async onAdd(event: SubmitEvent): Promise<void> {
    const values = this.formValues(event);
    const client = this.adminClient;
    if (!client) return;
    const name = values.name?.trim() ?? '';
    const email = values.email?.trim() ?? '';
    const role = (DEALER_STAFF_ROLES as readonly string[]).includes(values.role ?? '') ? (values.role as DealerStaffRole) : 'support';
    const password = values.password ?? '';
    const errors: Record<string, string> = {};
    if (!name) errors.name = 'Enter their name.';
    else if (name.length > 120) errors.name = 'Use at most 120 characters.';
    if (!email) errors.email = 'Enter their email address: they sign in with it.';
    else if (!EMAIL.test(email)) errors.email = 'Enter a valid email address, like name@example.com.';
    const weak = this.checkPassword(password);
    if (weak) errors.password = weak;
    if (this.invalid('add', errors)) return;

    await this.run(
      'add',
      async () => {
        const added = await client.dealerStaff.add({ name, email, role, password });
        this.items = [...this.items, added];
        this.done(
          `${added.name} can now sign in to the back office as ${ROLE_NAMES[added.role]}, with ${added.email} and the temporary password. Give it to them yourself; they choose their own password when they first sign in.`,
        );
        this.changed('added', added);
      },
      { name: 'name', email: 'email', password: 'password', role: 'role' },
      { EMAIL_TAKEN: 'email', WEAK_PASSWORD: 'password' },
    );
  }

  private async onRole(event: SubmitEvent, staff: PublicDealerStaff): Promise<void> {
    const values = this.formValues(event);
    const client = this.adminClient;
    if (!client) return;
    const role = values.role as DealerStaffRole | undefined;
    if (!role || !(DEALER_STAFF_ROLES as readonly string[]).includes(role)) return;
    if (role === staff.role) {
      this.dialog.close();
      return;
    }
    await this.run('role', async () => {
      const updated = await client.dealerStaff.update(staff.id, { role });
      this.replace(updated);
      this.done(`${updated.name} is now ${ROLE_NAMES[updated.role]}. The change applies to their next click; they stay signed in.`);
      this.changed('updated', updated);
    });
  }

  private async onPassword(event: SubmitEvent, staff: PublicDealerStaff): Promise<void> {
    const values = this.formValues(event);
    const client = this.adminClient;
    if (!client) return;
    const password = values.password ?? '';
    const weak = this.checkPassword(password);
    if (weak && this.invalid('password', { password: weak })) return;
    await this.run(
      'password',
      async () => {
        const updated = await client.dealerStaff.update(staff.id, { password });
        this.replace(updated);
        this.done(`${updated.name} has a new temporary password and was signed out everywhere. Give it to them yourself; they choose a new one when they next sign in.`);
        this.changed('password-set', updated);
      },
      { password: 'password' },
      { WEAK_PASSWORD: 'password' },
    );
  }

  private async onDisable(staff: PublicDealerStaff): Promise<void> {
    const client = this.adminClient;
    if (!client) return;
    await this.run('disable', async () => {
      const updated = await client.dealerStaff.update(staff.id, { status: 'disabled' });
      this.replace(updated);
      this.done(`The login of ${updated.name} is disabled: they were signed out and cannot sign in. You can re-enable it later.`);
      this.changed('disabled', updated);
    });
  }

  private async onEnable(staff: PublicDealerStaff): Promise<void> {
    const client = this.adminClient;
    if (!client || this.enabling) return;
    this.enabling = staff.id;
    const ok = await this.run('list', async () => {
      const updated = await client.dealerStaff.update(staff.id, { status: 'active' });
      this.replace(updated);
      this.patchForm('list', { notice: { kind: 'success', text: `${updated.name} can sign in to the back office again.` } });
      this.changed('enabled', updated);
    });
    this.enabling = '';
    // The button stays where it was (now "Disable"); after an error, focus is on the alert.
    if (ok) void this.focusAfterUpdate(`[data-toggle="${CSS.escape(staff.id)}"]`);
  }

  // ---- rendering: list -------------------------------------------------------------------

  private statusCell(s: PublicDealerStaff): TemplateResult {
    return s.status === 'active' ? html`Active` : html`<span class="badge off" part="badge">Disabled</span>`;
  }

  private passwordCell(s: PublicDealerStaff): TemplateResult {
    if (s.mustChangePassword) {
      return html`<span><span class="badge warn" part="badge">Temporary</span><span class="sub">To be changed at their next sign-in</span></span>`;
    }
    return html`Chosen by them`;
  }

  private lastSignIn(s: PublicDealerStaff): TemplateResult {
    return s.lastLoginAt ? html`<time datetime=${s.lastLoginAt}>${formatDateTime(s.lastLoginAt)}</time>` : html`Never`;
  }

  private actionsCell(s: PublicDealerStaff): TemplateResult {
    if (this.isSelf(s)) {
      return html`<span class="you-cell"><span class="you">This is you</span><span class="sub">Another owner can change your role or login.</span></span>`;
    }
    const login = html`<span class="sr-only"> the login of ${s.name}</span>`;
    const enabling = this.enabling === s.id;
    return html`<div class="row-actions">
      <button class="button secondary small inline" part="button" type="button" @click=${() => this.openDialog({ kind: 'role', staff: s }, 'input[name="role"]:checked')}>
        <span>Change role<span class="sr-only"> of ${s.name}</span></span>
      </button>
      <button
        class="button secondary small inline"
        part="button"
        type="button"
        data-toggle=${s.id}
        aria-disabled=${enabling ? 'true' : 'false'}
        @click=${() => (s.status === 'active' ? this.openDialog({ kind: 'disable', staff: s }, '[data-cancel]') : void this.onEnable(s))}
      >
        <span>${enabling ? 'Re-enabling…' : s.status === 'active' ? 'Disable' : 'Re-enable'}${login}</span>
      </button>
      <button class="button secondary small inline" part="button" type="button" @click=${() => this.openDialog({ kind: 'password', staff: s })}>
        <span>Set temporary password<span class="sr-only"> for ${s.name}</span></span>
      </button>
    </div>`;
  }

  private renderTable(): TemplateResult {
    const cell = (label: string, content: unknown, className = '') =>
      html`<td class=${className}><span class="cell-label" aria-hidden="true">${label}</span>${content}</td>`;
    return html`<div class="table-wrap">
      <table class="table staff" part="table" aria-labelledby="title">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Password</th>
            <th scope="col">Last sign-in</th>
            <th scope="col"><span class="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${this.items.map(
            (s) => html`<tr part="row" class=${s.status === 'disabled' ? 'disabled' : ''} data-staff-id=${s.id}>
              ${cell('Name', html`<span><span class="name">${s.name}</span><span class="sub">${s.email}</span></span>`)}
              ${cell('Role', ROLE_NAMES[s.role] ?? s.role, 'nowrap')} ${cell('Status', this.statusCell(s), 'nowrap')} ${cell('Password', this.passwordCell(s))}
              ${cell('Last sign-in', this.lastSignIn(s))}
              <td class="actions-cell">${this.actionsCell(s)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderBody(): unknown {
    if (this.status === 'loading') return this.loadingState('Loading back-office logins…');
    if (this.status !== 'ready') return nothing;
    if (!this.items.length) return html`<p class="empty" part="empty">No back-office logins yet. Add one so someone can sign in.</p>`;
    return this.renderTable();
  }

  // ---- rendering: dialogs ----------------------------------------------------------------

  private roleChoices(form: string, current: DealerStaffRole): TemplateResult {
    return html`<fieldset>
      <legend>Role</legend>
      <div class="roles">
        ${DEALER_STAFF_ROLES.map((role) => {
          const id = `${form}-role-${role}`;
          return html`<div class="role-choice">
            <input type="radio" id=${id} name="role" value=${role} .checked=${role === current} aria-describedby="${id}-help" />
            <div><label for=${id}>${ROLE_NAMES[role]}</label><span class="hint" id="${id}-help">${ROLE_HELP[role]}</span></div>
          </div>`;
        })}
      </div>
    </fieldset>`;
  }

  private passwordField(form: string, hint: string): TemplateResult {
    return html`<div class="field-with-action">
      ${this.textField(form, 'password', 'Temporary password', { minlength: PASSWORD_MIN_LENGTH, autocapitalize: 'none', hint })}
      <button class="link" part="link" type="button" @click=${() => this.fillPassword(form)}>Suggest a password</button>
    </div>`;
  }

  private actions(form: string, label: string, busyLabel: string, o: { danger?: boolean; onClick?: () => void } = {}): TemplateResult {
    return this.dialogActions(form, label, busyLabel, { ...o, onCancel: () => this.closeDialog() });
  }

  private addForm(): TemplateResult {
    return this.formTemplate(
      'add',
      'dialog-title',
      (e) => void this.onAdd(e),
      html`${this.textField('add', 'name', 'Name', { maxlength: 120 })}
        ${this.textField('add', 'email', 'Email', { type: 'email', autocapitalize: 'none', inputmode: 'email', hint: 'They sign in to the back office with it.' })}
        ${this.roleChoices('add', 'support')}
        ${this.passwordField('add', `At least ${PASSWORD_MIN_LENGTH} characters. Give it to them yourself; they choose their own password when they first sign in.`)}
        ${this.actions('add', 'Add login', 'Adding…')}`,
    );
  }

  private roleForm(staff: PublicDealerStaff): TemplateResult {
    return this.formTemplate(
      'role',
      'dialog-title',
      (e) => void this.onRole(e, staff),
      html`${this.roleChoices('role', staff.role)}
        <p class="muted">The change applies to ${staff.name}'s next click; they stay signed in.</p>
        ${this.actions('role', 'Save role', 'Saving…')}`,
    );
  }

  private passwordForm(staff: PublicDealerStaff): TemplateResult {
    return this.formTemplate(
      'password',
      'dialog-title',
      (e) => void this.onPassword(e, staff),
      html`<ul class="facts-list" id="password-facts">
          <li>${staff.name} is signed out of the back office everywhere, at once.</li>
          <li>They sign in with ${staff.email} and this password, then must choose a new one.</li>
        </ul>
        ${this.passwordField('password', `At least ${PASSWORD_MIN_LENGTH} characters. Give it to them yourself, in person or by phone.`)}
        ${this.actions('password', 'Set temporary password', 'Setting…')}`,
    );
  }

  private disableConfirm(staff: PublicDealerStaff): TemplateResult {
    return html`<div class="stack">
      <p>${staff.name} is signed out at once and can no longer sign in to the back office. Nothing else changes, and you can re-enable the login later.</p>
      ${this.actions('disable', 'Disable login', 'Disabling…', { danger: true, onClick: () => void this.onDisable(staff) })}
    </div>`;
  }

  private renderDialog(): unknown {
    const state = this.dialog.state;
    if (!state) return nothing;
    const common = this.dialogBase(this.formOf(state), () => this.closeDialog());
    switch (state.kind) {
      case 'add':
        return dialogTemplate({ ...common, title: 'Add a back-office login', content: this.addForm() });
      case 'role':
        return dialogTemplate({ ...common, title: `Change the role of ${state.staff.name}`, content: this.roleForm(state.staff) });
      case 'password':
        return dialogTemplate({ ...common, title: `Set a temporary password for ${state.staff.name}`, content: this.passwordForm(state.staff) });
      case 'disable':
        return dialogTemplate({ ...common, kind: 'confirm', title: `Disable the login of ${state.staff.name}?`, content: this.disableConfirm(state.staff) });
    }
  }

  protected override render() {
    if (this.missingAdmin) return this.missingAdminCard();
    if (!this.adminClient || !this.staff) return nothing;
    const title = this.renderHeading(this.heading || 'Back-office logins', 'title');
    if (!this.allowed) {
      return html`<div class="card" part="card">
        <div class="head"><div class="head-text">${title}</div></div>
        ${this.notAllowed('not-allowed', 'Only an owner can manage back-office logins. Ask an owner if someone needs a login, a new role or a new temporary password.')}
      </div>`;
    }
    return html`<div class="card" part="card">
        <div class="head">
          <div class="head-text">
            ${title}
            <p class="lead">Everyone who signs in to ${this.dealerInfo?.name ? `the back office of ${this.dealerInfo.name}` : 'this back office'}, and what their role lets them do.</p>
          </div>
          ${this.status === 'ready'
            ? html`<button class="button inline" part="button" type="button" @click=${() => this.openDialog({ kind: 'add' })}>Add a login</button>`
            : nothing}
        </div>
        ${this.loadRegions('list')} ${this.renderBody()}
      </div>
      ${this.renderDialog()}`;
  }
}
