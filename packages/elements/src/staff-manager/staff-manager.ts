import { html, nothing, type TemplateResult } from 'lit';
import {
  PERMISSION_LABELS,
  PERMISSIONS,
  STAFF_DEFAULT_PERMISSIONS,
  type CreateStaffRequest,
  type Permission,
  type PorchlightClient,
  type PublicUser,
  type SessionResponse,
  type StaffList,
  type UpdateStaffRequest,
} from '@porchlight/client';
import { PASSWORD_MIN_LENGTH } from '@porchlight/core';
import { emit, type StaffChangeAction } from '../events.js';
import { AccountView } from '../internal/account-view.js';
import { actorLabel, actorText } from '../internal/actor.js';
import { dataTable, type Column } from '../internal/data-table.js';
import { timeTag } from '../internal/format.js';
import { staffManagerStyles } from './staff-manager.styles.js';
import { ROLE_NAMES } from '../internal/roles.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Method = 'password' | 'link';

type StaffDialog =
  | { kind: 'add'; method: Method; role: 'staff' | 'manager' }
  | { kind: 'edit'; user: PublicUser }
  | { kind: 'permissions'; user: PublicUser }
  | { kind: 'disable'; user: PublicUser }
  | { kind: 'remove'; user: PublicUser };

/** The list of permissions as a reader says it: "View invoices and Pay invoices". */
function labelList(list: readonly Permission[]): string {
  const names = list.map((p) => PERMISSION_LABELS[p]);
  return names.length < 2 ? (names[0] ?? 'nothing') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * <porchlight-staff-manager>: the account's logins for its manager (and staff holding "Manage
 * staff"): who they are, their role, status and last login, who added them; add office staff
 * (temporary password or an emailed link), edit, set what each may do (a matrix to read, a
 * checklist to change), disable and re-enable, remove, send a password reset link, end their
 * sessions. Lives inside <porchlight-portal>.
 *
 * What a person may do follows the server's rules: only managers change roles and
 * permissions; holders of "Manage staff" who are not managers manage staff, not managers;
 * nobody disables, removes or changes the role of their own login.
 *
 * @csspart card - the card around everything
 * @csspart title - the heading
 * @csspart subheading - the "Who can do what" heading
 * @csspart toolbar - the Add staff button's row
 * @csspart button - buttons
 * @csspart error - the error region (role=alert)
 * @csspart notice - the status region (role=status) for results
 * @csspart note - the note shown to someone without "Manage staff", or signed out
 * @csspart state - the loading and load-error states
 * @csspart table - the staff list and the permission matrix (cards when narrow)
 * @csspart row - each row
 * @csspart tag - tags (You, Disabled, emulated)
 * @csspart emulated-tag - the "(emulated)" tag of an emulated action's author
 * @csspart dialog - the dialogs (add, edit, permissions, confirmations)
 * @csspart dialog-title - a dialog's heading
 * @csspart dialog-close - a dialog's close button
 * @csspart form - a dialog's form
 * @csspart field - each text field (its parts exported as field-base, label, hint, input, field-error)
 * @csspart checkbox - each permission checkbox with its label
 * @fires porchlight-staff-change - `{ action, user }` after each change
 */
export class PorchlightStaffManager extends AccountView<StaffList, StaffDialog> {
  static override styles = staffManagerStyles;
  static override properties = {
    users: { state: true },
    openMenu: { state: true },
  };

  protected declare users: PublicUser[];
  /** The user whose "More actions" list is open. */
  protected declare openMenu: string;

  constructor() {
    super();
    this.heading = 'Staff';
    this.users = [];
    this.openMenu = '';
  }

  // ---- data ------------------------------------------------------------------------------

  protected override allowed(s: SessionResponse): boolean {
    return s.user.permissions.includes('staff.manage');
  }

  protected override fetch(client: PorchlightClient): Promise<StaffList> {
    return client.staff.list();
  }

  protected override apply(data: StaffList): void {
    this.users = data.items;
  }

  protected override clear(): void {
    this.users = [];
    this.openMenu = '';
  }

  protected override loadingText(): string {
    return 'Loading staff…';
  }

  protected override signedOutText(): string {
    return 'Log in to manage your staff.';
  }

  // ---- who may do what -------------------------------------------------------------------

  private isManager(s: SessionResponse): boolean {
    return s.user.role === 'manager';
  }

  /** Managers act on anyone; other holders of "Manage staff" on staff and clients only. */
  private mayTouch(s: SessionResponse, user: PublicUser): boolean {
    return this.isManager(s) || user.role !== 'manager';
  }

  private maySetPermissions(s: SessionResponse, user: PublicUser): boolean {
    return this.isManager(s) && user.role !== 'manager';
  }

  private mayChangeRole(s: SessionResponse, user: PublicUser): boolean {
    return this.isManager(s) && user.id !== s.user.id && user.role !== 'client';
  }

  // ---- actions ---------------------------------------------------------------------------

  /** Shows a changed login at once (the list is loaded again after). */
  private replace(user: PublicUser): void {
    this.users = this.users.map((u) => (u.id === user.id ? user : u));
  }

  private changed(action: StaffChangeAction, user: PublicUser): void {
    emit(this, 'porchlight-staff-change', { action, user });
  }

  private toggleMenu(user: PublicUser): void {
    this.openMenu = this.openMenu === user.id ? '' : user.id;
    if (this.openMenu) void this.focusAfterUpdate(`#more-${CSS.escape(user.id)} button:not(:disabled)`);
  }

  private closeMenu(focusToggle: boolean): void {
    const id = this.openMenu;
    this.openMenu = '';
    if (focusToggle && id) void this.focusAfterUpdate(`[aria-controls="more-${CSS.escape(id)}"]`);
  }

  private onMenuKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.closeMenu(true);
    }
  }

  private toggleOf(user: PublicUser): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[aria-controls="more-${CSS.escape(user.id)}"]`);
  }

  /** Opens a dialog from the "More actions" list: focus comes back to its toggle. */
  private openFromMenu(state: StaffDialog, user: PublicUser, focus?: string): void {
    const toggle = this.toggleOf(user);
    this.openMenu = '';
    this.dialog.open(state, focus, toggle);
  }

  private async quick(user: PublicUser, action: 'enable' | 'link' | 'end'): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.closeMenu(true);
    if (action === 'enable') {
      const updated = await this.act(`enable:${user.id}`, () => client.staff.enable(user.id), { update: (u) => this.replace(u), success: (u) => `${u.name} can log in again.` });
      if (updated) this.changed('enabled', updated);
    } else if (action === 'link') {
      const result = await this.act(`link:${user.id}`, () => client.staff.sendPasswordLink(user.id), {
        success: (r) => `We emailed ${r.user.name} a link to choose a new password.`,
      });
      if (result) this.changed('password-link-sent', result.user);
    } else {
      const result = await this.act(`end:${user.id}`, () => client.staff.endSessions(user.id), { success: (r) => `${r.user.name} was signed out everywhere.` });
      if (result) this.changed('sessions-ended', result.user);
    }
  }

  private async onAdd(event: SubmitEvent, s: SessionResponse): Promise<void> {
    event.preventDefault();
    const client = this.client;
    const state = this.dialog.state;
    if (!client || this.busy || state?.kind !== 'add') return;
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const name = text('name');
    const username = text('username');
    const email = text('email');
    const password = String(form.get('password') ?? '');
    const manager = this.isManager(s) && state.role === 'manager';
    const errors: Record<string, string> = {};
    if (!name) errors.name = 'Enter their name.';
    if (!username) errors.username = 'Enter a username.';
    if (email && !EMAIL.test(email)) errors.email = 'Enter a valid email address.';
    else if (!email && state.method === 'link') errors.email = 'Add an email address to send the link to.';
    if (state.method === 'password') {
      if (!password) errors.password = 'Enter a temporary password.';
      else if ([...password].length < PASSWORD_MIN_LENGTH) errors.password = `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
    }
    if (this.invalidIn(errors)) return;

    const input: CreateStaffRequest = {
      name,
      username,
      ...(email ? { email } : {}),
      ...(state.method === 'password' ? { password } : { sendSetPasswordLink: true }),
      ...(this.isManager(s) ? { role: state.role } : {}),
      ...(this.isManager(s) && !manager ? { permissions: form.getAll('permissions').map(String) as Permission[] } : {}),
    };
    const user = await this.act('add', () => client.staff.add(input), {
      update: (u) => (this.users = [...this.users, u]),
      fields: { name: 'name', username: 'username', email: 'email', password: 'password' },
      success: (u) =>
        state.method === 'link'
          ? `${u.name} was added. We emailed them a link to choose a password.`
          : `${u.name} was added. They choose their own password when they first log in with the temporary one.`,
    });
    if (user) this.changed('added', user);
  }

  private async onEdit(event: SubmitEvent, user: PublicUser, s: SessionResponse): Promise<void> {
    event.preventDefault();
    const client = this.client;
    if (!client || this.busy) return;
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const name = String(form.get('name') ?? '').trim();
    const email = String(form.get('email') ?? '').trim();
    const role = form.get('role');
    const errors: Record<string, string> = {};
    if (!name) errors.name = 'Enter their name.';
    if (email && !EMAIL.test(email)) errors.email = 'Enter a valid email address.';
    if (this.invalidIn(errors)) return;
    const input: UpdateStaffRequest = {};
    if (name !== user.name) input.name = name;
    // One's own email is not in this form (the profile page changes it, with the password).
    if (form.has('email') && (email || null) !== user.email) input.email = email || null;
    if (this.mayChangeRole(s, user) && (role === 'staff' || role === 'manager') && role !== user.role) input.role = role;
    if (!Object.keys(input).length) {
      this.dialog.close();
      return;
    }
    const updated = await this.act(`edit:${user.id}`, () => client.staff.update(user.id, input), {
      update: (u) => this.replace(u),
      fields: { name: 'name', email: 'email', role: 'role' },
      success: (u) => `Saved the changes to ${u.name}.`,
    });
    if (updated) this.changed('updated', updated);
  }

  private async onPermissions(event: SubmitEvent, user: PublicUser, s: SessionResponse): Promise<void> {
    event.preventDefault();
    const client = this.client;
    if (!client || this.busy) return;
    const chosen = new Set(new FormData(event.currentTarget as HTMLFormElement).getAll('permissions').map(String));
    const permissions = PERMISSIONS.filter((p) => chosen.has(p) && s.account.permissions.includes(p));
    const updated = await this.act(`permissions:${user.id}`, () => client.staff.update(user.id, { permissions }), {
      update: (u) => this.replace(u),
      success: (u) => `Saved what ${u.name} may do.`,
    });
    if (updated) this.changed('permissions-changed', updated);
  }

  private async onDisable(user: PublicUser): Promise<void> {
    const client = this.client;
    if (!client) return;
    const updated = await this.act(`disable:${user.id}`, () => client.staff.disable(user.id), {
      update: (u) => this.replace(u),
      success: (u) => `The login of ${u.name} is disabled. Their history is kept.`,
    });
    if (updated) this.changed('disabled', updated);
  }

  private async onRemove(user: PublicUser): Promise<void> {
    const client = this.client;
    if (!client) return;
    const done = await this.act(`remove:${user.id}`, () => client.staff.remove(user.id), {
      update: () => (this.users = this.users.filter((u) => u.id !== user.id)),
      success: () => `${user.name} was removed.`,
    });
    if (done) this.changed('removed', user);
  }

  /** Client-side checks of a dialog form: field errors, the alert, focus on the first problem. */
  private invalidIn(errors: Record<string, string>): boolean {
    const names = Object.keys(errors);
    if (!names.length) return false;
    this.errors = errors;
    this.alert = names.length === 1 ? errors[names[0]!]! : 'Check the highlighted fields.';
    void this.focusAfterUpdate(`dialog [name="${names[0]}"]`);
    return true;
  }

  // ---- rendering: list -------------------------------------------------------------------

  protected override renderLead(s: SessionResponse): unknown {
    return html`<p class="lead">Who can log in to ${s.account.name}, and what each of them may do.</p>`;
  }

  protected override renderToolbar(): unknown {
    if (this.phase !== 'ready') return nothing;
    return html`<button class="button inline" part="button" type="button" @click=${() => this.dialog.open({ kind: 'add', method: 'password', role: 'staff' })}>
      Add staff
    </button>`;
  }

  protected override renderNotAllowed(): unknown {
    return 'Only your account manager can manage staff. Ask them if you need a login added or changed.';
  }

  private statusCell(user: PublicUser): TemplateResult {
    if (user.status === 'active') return html`Active`;
    return html`<span class="tag warn" part="tag">Disabled</span>
      ${user.disabledAt
        ? html`<span class="sub">Disabled on ${timeTag(user.disabledAt, 'date')}${user.disabledBy ? html` by ${actorText(user.disabledBy)}` : nothing}</span>`
        : nothing}`;
  }

  private actionsCell(user: PublicUser, s: SessionResponse): TemplateResult {
    const self = user.id === s.user.id;
    if (!this.mayTouch(s, user)) return html`<span class="note">Only a manager can change this login.</span>`;
    const who = html`<span class="sr-only"> ${user.name}</span>`;
    const busy = (key: string) => this.pending === `${key}:${user.id}`;
    const open = this.openMenu === user.id;
    const menuId = `more-${user.id}`;
    const item = (label: string, onClick: () => void, o: { danger?: boolean; disabled?: boolean; busyKey?: string } = {}) =>
      html`<li><button class="menu-button ${o.danger ? 'danger' : ''}" type="button" ?disabled=${o.disabled || this.busy} @click=${onClick}>
        ${o.busyKey && busy(o.busyKey) ? 'Working…' : label}${who}
      </button></li>`;
    const more = [
      user.status === 'active'
        ? item('Send password reset link', () => void this.quick(user, 'link'), { disabled: !user.email, busyKey: 'link' })
        : nothing,
      user.status === 'active' && !user.email ? html`<li class="sub">Needs an email address: edit the login to add one.</li>` : nothing,
      self ? nothing : item('End sessions', () => void this.quick(user, 'end'), { busyKey: 'end' }),
      self
        ? nothing
        : user.status === 'active'
          ? item('Disable login', () => this.openFromMenu({ kind: 'disable', user }, user, '[data-cancel]'), { danger: true })
          : item('Re-enable login', () => void this.quick(user, 'enable'), { busyKey: 'enable' }),
      self ? nothing : item('Remove', () => this.openFromMenu({ kind: 'remove', user }, user, '[data-cancel]'), { danger: true }),
    ];
    return html`<div class="row-actions">
      <div class="row-buttons">
      <button class="button small secondary inline" part="button" type="button" @click=${() => this.dialog.open({ kind: 'edit', user })}>Edit${who}</button>
      ${this.maySetPermissions(s, user)
        ? html`<button class="button small secondary inline" part="button" type="button" @click=${() => this.dialog.open({ kind: 'permissions', user })}>Permissions${who}</button>`
        : nothing}
      <button class="button small secondary inline" part="button" type="button" aria-expanded=${open ? 'true' : 'false'} aria-controls=${menuId} @click=${() => this.toggleMenu(user)}>
        More<span class="sr-only"> actions for ${user.name}</span><span class="chevron" aria-hidden="true">${open ? '▴' : '▾'}</span>
      </button>
      </div>
      <ul class="more-list" id=${menuId} ?hidden=${!open} @keydown=${this.onMenuKeydown}>
        ${more}
      </ul>
    </div>`;
  }

  private renderList(s: SessionResponse): TemplateResult {
    const columns: Array<Column<PublicUser>> = [
      {
        label: 'Name',
        bare: true,
        cell: (u) => html`${u.name}${u.id === s.user.id ? html` <span class="tag" part="tag">You</span>` : nothing}
          <span class="sub">${u.email ?? 'No email address'}</span>`,
      },
      { label: 'Username', cell: (u) => u.username },
      { label: 'Role', cell: (u) => ROLE_NAMES[u.role] ?? u.role },
      { label: 'Status', cell: (u) => this.statusCell(u) },
      { label: 'Last login', cell: (u) => (u.lastLoginAt ? timeTag(u.lastLoginAt) : html`<span class="muted">Never</span>`) },
      { label: 'Added by', cell: (u) => html`${actorLabel(u.createdBy)}<span class="sub">${timeTag(u.createdAt, 'date')}</span>` },
      { label: 'Actions', bare: true, className: 'actions-cell', header: html`<span class="sr-only">Actions</span>`, cell: (u) => this.actionsCell(u, s) },
    ];
    return dataTable({
      caption: `Logins of ${s.account.name}`,
      columns,
      items: this.users,
      key: (u) => u.id,
      rowClass: (u) => (u.status === 'disabled' ? 'disabled' : ''),
      busy: this.refreshing,
    });
  }

  private renderMatrix(s: SessionResponse): TemplateResult {
    const allows = new Set(s.account.permissions);
    const staff = this.users.filter((u) => u.role !== 'manager');
    const managers = this.users.filter((u) => u.role === 'manager');
    const unavailable = PERMISSIONS.filter((p) => !allows.has(p));
    const mark = (u: PublicUser, p: Permission) =>
      !allows.has(p)
        ? html`<span class="mark na" aria-hidden="true">·</span><span class="sr-only">Not available</span>`
        : u.permissions.includes(p)
          ? html`<span class="mark yes" aria-hidden="true">✓</span><span class="sr-only">Yes</span>`
          : html`<span class="mark no" aria-hidden="true">–</span><span class="sr-only">No</span>`;
    const columns: Array<Column<PublicUser>> = [
      { label: 'Name', bare: true, cell: (u) => html`${u.name}<span class="sub">${ROLE_NAMES[u.role] ?? u.role}</span>` },
      ...PERMISSIONS.map(
        (p): Column<PublicUser> => ({
          label: PERMISSION_LABELS[p],
          header: allows.has(p) ? PERMISSION_LABELS[p] : html`${PERMISSION_LABELS[p]}<span class="sub">Not available</span>`,
          className: `perm ${allows.has(p) ? '' : 'unavailable'}`,
          cell: (u) => mark(u, p),
        }),
      ),
    ];
    return html`<section aria-labelledby="matrix-title" class="matrix">
      ${this.subheading('Who can do what', 'matrix-title')}
      ${managers.length
        ? html`<p class="note">
            <strong>All</strong> for account managers (${managers.map((m) => m.name).join(', ')}): they can do everything this account allows.
          </p>`
        : nothing}
      ${staff.length
        ? dataTable({ caption: 'What each staff member may do', columns, items: staff, key: (u) => u.id, className: 'matrix-table', busy: this.refreshing, scroll: true })
        : html`<p class="empty">No office staff yet. Add staff, then choose what each of them may do.</p>`}
      ${unavailable.length
        ? html`<p class="note">
            Not available: ${labelList(unavailable)}. ${this.dealerInfo?.name ?? 'Your provider'} has not turned ${unavailable.length === 1 ? 'it' : 'them'} on
            for this account.
          </p>`
        : nothing}
    </section>`;
  }

  protected override renderReady(s: SessionResponse): unknown {
    return html`${this.renderList(s)} ${this.renderMatrix(s)}`;
  }

  // ---- rendering: dialogs ----------------------------------------------------------------

  private permissionChecks(s: SessionResponse, granted: readonly Permission[]): TemplateResult {
    const allows = new Set(s.account.permissions);
    return html`<div class="checks">
      ${PERMISSIONS.map((p) =>
        this.checkbox('permissions', PERMISSION_LABELS[p], {
          value: p,
          checked: allows.has(p) && granted.includes(p),
          disabled: !allows.has(p),
          ...(allows.has(p) ? {} : { hint: 'Not available for this account.' }),
        }),
      )}
    </div>`;
  }

  private addForm(state: Extract<StaffDialog, { kind: 'add' }>, s: SessionResponse): TemplateResult {
    const set = (patch: Partial<typeof state>) => this.dialog.set({ ...state, ...patch });
    const manager = this.isManager(s);
    return html`<form part="form" class="stack" novalidate aria-labelledby="dialog-title" @submit=${(e: SubmitEvent) => this.onAdd(e, s)} @input=${this.onFieldInput}>
      ${this.input('name', 'Name', { required: true, autofocus: true, autocomplete: 'off' })}
      ${this.input('username', 'Username', {
        required: true,
        autocapitalize: 'none',
        hint: `They log in with the account identifier ${s.account.identifier}, this username and their password.`,
      })}
      ${this.input('email', state.method === 'link' ? 'Email' : 'Email (optional)', {
        type: 'email',
        required: state.method === 'link',
        hint: 'Needed to email them a link to choose a password, now or later.',
      })}
      <fieldset>
        <legend>First login</legend>
        <div class="checks">
          <div class="choice">
            <input type="radio" id="method-password" name="method" value="password" .checked=${state.method === 'password'} @change=${() => set({ method: 'password' })} />
            <label for="method-password">Set a temporary password</label>
          </div>
          <div class="choice">
            <input type="radio" id="method-link" name="method" value="link" .checked=${state.method === 'link'} @change=${() => set({ method: 'link' })} />
            <label for="method-link">Email a link to choose a password</label>
          </div>
        </div>
      </fieldset>
      ${state.method === 'password'
        ? this.input('password', 'Temporary password', {
            type: 'password',
            autocomplete: 'new-password',
            required: true,
            hint: `At least ${PASSWORD_MIN_LENGTH} characters. Give it to them in person or by phone; they choose their own when they first log in.`,
          })
        : nothing}
      ${manager
        ? html`<div class="control">
            <label for="role">Role</label>
            <select id="role" name="role" @change=${(e: Event) => set({ role: (e.target as HTMLSelectElement).value === 'manager' ? 'manager' : 'staff' })}>
              <option value="staff" ?selected=${state.role === 'staff'}>Office staff</option>
              <option value="manager" ?selected=${state.role === 'manager'}>Account manager</option>
            </select>
          </div>`
        : nothing}
      ${manager && state.role === 'staff'
        ? html`<fieldset>
            <legend>What they may do</legend>
            ${this.permissionChecks(s, STAFF_DEFAULT_PERMISSIONS)}
          </fieldset>`
        : html`<p class="note">
            ${manager
              ? 'Account managers can do everything this account allows, including managing staff.'
              : `New staff can ${labelList(STAFF_DEFAULT_PERMISSIONS).toLowerCase()}. Your account manager decides what else they may do.`}
          </p>`}
      ${this.dialogActions('Add staff', 'Adding…')}
    </form>`;
  }

  private editForm(user: PublicUser, s: SessionResponse): TemplateResult {
    const self = user.id === s.user.id;
    return html`<form part="form" class="stack" novalidate aria-labelledby="dialog-title" @submit=${(e: SubmitEvent) => this.onEdit(e, user, s)} @input=${this.onFieldInput}>
      ${this.input('name', 'Name', { value: user.name, required: true, autofocus: true })}
      ${self
        ? html`<p class="note">Your email${user.email ? html` (${user.email})` : ''} changes on your profile page: it asks for your current password and confirms the new address.</p>`
        : this.input('email', 'Email (optional)', { value: user.email ?? '', type: 'email', hint: 'Where password reset links go.' })}
      ${this.mayChangeRole(s, user)
        ? html`<div class="control">
            <label for="role">Role</label>
            <select id="role" name="role">
              <option value="staff" ?selected=${user.role === 'staff'}>Office staff</option>
              <option value="manager" ?selected=${user.role === 'manager'}>Account manager</option>
            </select>
          </div>`
        : html`<p class="note">
            Role: ${ROLE_NAMES[user.role] ?? user.role}.
            ${self ? 'You cannot change your own role.' : this.isManager(s) ? '' : 'Only an account manager can change roles.'}
          </p>`}
      ${this.dialogActions('Save changes', 'Saving…')}
    </form>`;
  }

  private permissionsForm(user: PublicUser, s: SessionResponse): TemplateResult {
    const unavailable = PERMISSIONS.filter((p) => !s.account.permissions.includes(p));
    return html`<form part="form" class="stack" novalidate aria-labelledby="dialog-title" @submit=${(e: SubmitEvent) => this.onPermissions(e, user, s)}>
      <fieldset>
        <legend>What ${user.name} may do</legend>
        ${this.permissionChecks(s, user.permissions)}
      </fieldset>
      ${unavailable.length
        ? html`<p class="note">${this.dealerInfo?.name ?? 'Your provider'} has not turned on ${labelList(unavailable)} for this account, so nobody can be given ${unavailable.length === 1 ? 'it' : 'them'}.</p>`
        : nothing}
      <p class="note">Changes apply to ${user.name}'s next click; they stay logged in.</p>
      ${this.dialogActions('Save permissions', 'Saving…')}
    </form>`;
  }

  private confirm(text: TemplateResult, label: string, busyLabel: string, onConfirm: () => void): TemplateResult {
    return html`<div class="stack">
      <p>${text}</p>
      ${this.dialogActions(label, busyLabel, { danger: true, type: 'button', onClick: onConfirm })}
    </div>`;
  }

  protected override renderDialog(state: StaffDialog, s: SessionResponse) {
    switch (state.kind) {
      case 'add':
        return { title: 'Add staff', content: this.addForm(state, s) };
      case 'edit':
        return { title: `Edit ${state.user.name}`, content: this.editForm(state.user, s) };
      case 'permissions':
        return { title: `Permissions of ${state.user.name}`, content: this.permissionsForm(state.user, s) };
      case 'disable':
        return {
          title: `Disable the login of ${state.user.name}?`,
          kind: 'confirm' as const,
          content: this.confirm(
            html`${state.user.name} is signed out and can no longer log in. Their history is kept, and you can re-enable the login later.`,
            'Disable login',
            'Disabling…',
            () => void this.onDisable(state.user),
          ),
        };
      case 'remove':
        return {
          title: `Remove ${state.user.name}?`,
          kind: 'confirm' as const,
          content: this.confirm(
            html`This removes the login <strong>${state.user.username}</strong> for good. It cannot be undone. What ${state.user.name} did stays in the account's
              activity.`,
            'Remove login',
            'Removing…',
            () => void this.onRemove(state.user),
          ),
        };
    }
  }
}
