import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  adminAccessApi,
  effectiveGrants,
  GRANT_SCOPE_LABELS,
  type AccessLogin,
  type AccountPeople,
  type AdminAccessApi,
  type LoginProfileSummary,
  type SetupAccessRequest,
  type UpdateAccessRequest,
} from '@porchlight/client';
import { normalizeRegistrationKey, REGISTRATION_KEY_PATTERN } from '@porchlight/core';
import { actorText } from '../internal/actor.js';
import { DialogController, dialogTemplate } from '../internal/dialog.js';
import { formatDateTime, timeTag } from '../internal/format.js';
import { alertIcon } from '../internal/icons.js';
import { errorCode } from '../internal/messages.js';
import { emitAdmin, type AccessChangeAction } from './events.js';
import {
  accessBadge,
  accessChoices,
  accountLabel,
  DEFAULT_LINK_HOURS,
  EMAIL_PATTERN,
  grantList,
  joinWords,
  LOGIN_ROLE_NAMES,
  newChoices,
  permissionList,
  profileText,
  stateNow,
  takenProfiles,
  type AccessChoices,
} from './internal/access.js';
import { AdminView } from './internal/admin-view.js';
import { ROLE_NAMES } from './internal/format.js';
import { setupAccessStyles } from './setup-access.styles.js';

type Credentials = 'link' | 'temporary-password';
/** Which logins the list shows. */
type View = 'everyone' | 'pending';

interface Lookup {
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** The email the answer is for. */
  email: string;
  items: LoginProfileSummary[];
}

interface SetupDialog {
  kind: 'setup';
  /** Filled in (a call-list person's name). */
  name: string;
  profile: 'new' | 'existing';
  profileId: string | null;
  lookup: Lookup;
  /** After PROFILE_EMAIL_TAKEN: the profiles that have the email typed. */
  taken: LoginProfileSummary[] | null;
  choices: AccessChoices;
  send: boolean;
  credentials: Credentials;
}

type AccessDialog =
  | SetupDialog
  | { kind: 'edit'; login: AccessLogin; choices: AccessChoices }
  | { kind: 'email'; login: AccessLogin; credentials: Credentials }
  | { kind: 'revoke'; login: AccessLogin }
  | { kind: 'rotate' }
  | { kind: 'key' };

const NO_LOOKUP: Lookup = { status: 'idle', email: '', items: [] };
const LOOKUP_DELAY = 350;
const PENDING: ReadonlyArray<AccessLogin['state']> = ['invited', 'invitation-expired'];

/** The choices a login has now. */
function choicesOf(login: AccessLogin): AccessChoices {
  const { user } = login;
  return { role: user.role, grants: new Set(effectiveGrants(user)), permissions: new Set(user.permissions) };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

const INVALID_EMAIL = 'Enter a valid email address, like name@example.com.';

/**
 * The name, email and username typed in the set-up or change dialog (trimmed), with their
 * problems in the form's order: the name, the email (`emailProblem`), the username.
 */
function typedPerson(values: Record<string, string>, emailProblem: (email: string) => string | undefined, usernameRequired: boolean) {
  const name = values.name?.trim() ?? '';
  const email = values.email?.trim() ?? '';
  const username = values.username?.trim() ?? '';
  const errors: Record<string, string> = {};
  if (!name) errors.name = 'Enter the person’s name.';
  else if (name.length > 120) errors.name = 'Use at most 120 characters.';
  const problem = emailProblem(email);
  if (problem) errors.email = problem;
  if (!username && usernameRequired) errors.username = 'Enter a username.';
  else if (username.length > 64) errors.username = 'Use at most 64 characters.';
  return { name, email, username, errors };
}

/**
 * <porchlight-setup-access account-id="…">: who can log in to one account's portal, and the way
 * in for those who cannot yet ("Setup access" / "Send Login Email"). Each login shows its name,
 * username, role, what it may see (the granted parts), its state in words and colour (Active;
 * Invited — expires in 1 d 4 h; Invitation expired; Disabled), a temporary password it must
 * change at its next login, its last login and the other accounts its login profile reaches.
 * "Pending invitations" narrows the list to the logins still waiting for their person.
 *
 * A role with `accounts.write` adds a person (name, email, a new or an existing login profile
 * found by the email, username defaulting to the email, role, "Grant access", what the login
 * may do, and the login email: a set-password link or a temporary password), sets up access
 * for a call-list person who has no login (their name filled in), changes a login's access,
 * sends the login email (again; once the login is active it is a password reset), revokes a
 * login, and rotates or sets the account's registration key (printed on its invoices). Other
 * roles see everything without those controls, with a note. Lives inside <porchlight-admin>;
 * the Account Manager page embeds it.
 *
 * @attr account-id - the account (required)
 * @attr heading - the heading (default "Logins and access")
 * @attr link-hours - how long the dealer's set-password links work, for the texts that say so before sending (default 48: activationLinkHours)
 * @attr credentials - what a login email carries unless changed in the dialog: `link` (default) or `temporary-password` (the dealer's onboarding.credentials)
 * @csspart card - the card around everything
 * @csspart title - headings
 * @csspart button - buttons
 * @csspart error - error regions (role=alert)
 * @csspart notice - status regions (role=status)
 * @csspart loading - the loading state
 * @csspart empty - the text shown when nobody (or nobody pending) is listed
 * @csspart not-allowed - the note for a role that cannot change access
 * @csspart view - the Everyone / Pending invitations choice
 * @csspart list - the list of logins
 * @csspart row - each login
 * @csspart badge - a login's state (also `status-active`, `status-invited`, `status-invitation-expired`, `status-disabled`)
 * @csspart grants - the parts a login may see
 * @csspart grant - each of them
 * @csspart password-temporary - the "Temporary" tag of an active login that must change its password at its next login
 * @csspart contacts - the call-list people without a login
 * @csspart registration-key - the registration key
 * @csspart dialog - the dialogs (set up, change, login email, revoke, registration key)
 * @csspart dialog-title - a dialog's heading
 * @csspart dialog-close - a dialog's close button
 * @csspart form - a dialog's form
 * @csspart field - its text fields (their parts are exported as field-base, label, hint, input, field-error)
 * @csspart profile-match - the login profile offered after "a profile with this email exists"
 * @fires porchlight-access-change - `{ accountId, action, userId, login, email? }`; action is set-up, updated, login-email or revoked
 * @fires porchlight-registration-key-change - `{ accountId, registrationKey, registrationKeyUpdatedAt, rotated }`
 */
export class PorchlightSetupAccess extends AdminView {
  static override styles = setupAccessStyles;
  static override properties = {
    accountId: { attribute: 'account-id' },
    heading: {},
    linkHours: { type: Number, attribute: 'link-hours' },
    credentials: {},
    people: { state: true },
    view: { state: true },
    now: { state: true },
  };

  /** The account whose logins are shown. */
  declare accountId: string | null;
  /** The heading (default "Logins and access"). */
  declare heading: string;
  /** Hours a set-password link works (default 48). */
  declare linkHours: number;
  /** What a login email carries unless changed: 'link' (default) or 'temporary-password'. */
  declare credentials: Credentials;

  protected declare people: AccountPeople | null;
  protected declare view: View;
  /** The time the "expires in" texts count from (moves on every 30 seconds). */
  protected declare now: number;

  protected readonly dialog = new DialogController<AccessDialog>(this, () => this.renderRoot.querySelector<HTMLElement>('#title'));

  private ticker: ReturnType<typeof setInterval> | undefined;
  private lookupTimer: ReturnType<typeof setTimeout> | undefined;
  private lookupRuns = 0;
  /** The username last filled in from the email (replaced as the email changes, unless edited). */
  private autoUsername = '';

  constructor() {
    super();
    this.accountId = null;
    this.heading = '';
    this.linkHours = DEFAULT_LINK_HOURS;
    this.credentials = 'link';
    this.people = null;
    this.view = 'everyone';
    this.now = Date.now();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.now = Date.now();
    this.ticker = setInterval(() => (this.now = Date.now()), 30_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.ticker);
    clearTimeout(this.lookupTimer);
  }

  private get api(): AdminAccessApi | undefined {
    return this.adminClient ? adminAccessApi(this.adminClient) : undefined;
  }

  private get allowed(): boolean {
    return this.can('accounts.write');
  }

  private get hours(): number {
    return Math.max(1, Math.round(this.linkHours) || DEFAULT_LINK_HOURS);
  }

  private get defaultCredentials(): Credentials {
    return this.credentials === 'temporary-password' ? 'temporary-password' : 'link';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Another person, role or account: start afresh, never showing what the previous one saw.
    const staff = this.staff;
    const key = staff && this.accountId ? `${staff.id}\n${this.allowed}\n${this.accountId}` : undefined;
    if (!this.startOver(key)) return;
    this.people = null;
    this.view = 'everyone';
    this.dialog.reset();
    clearTimeout(this.lookupTimer);
    if (key) void this.load();
  }

  protected async load(): Promise<void> {
    const api = this.api;
    const accountId = this.accountId;
    if (!api || !this.staff || !accountId) return;
    await this.loadWith(
      () => api.people(accountId),
      (people) => {
        this.people = people;
        this.now = Date.now();
      },
    );
  }

  // ---- helpers ----------------------------------------------------------------------------

  private changed(action: AccessChangeAction, userId: string, login: AccessLogin | null, email?: { kind: 'invitation' | 'reset'; expiresAt: string }): void {
    emitAdmin(this, 'porchlight-access-change', { accountId: this.accountId!, action, userId, login, ...(email ? { email } : {}) });
  }

  /** Shows the changed login at once (or adds it). */
  private adopt(login: AccessLogin): void {
    const people = this.people;
    if (!people) return;
    const known = people.logins.some((l) => l.user.id === login.user.id);
    const named = login.user.name.trim().toLowerCase();
    this.people = {
      ...people,
      logins: known ? people.logins.map((l) => (l.user.id === login.user.id ? login : l)) : [...people.logins, login],
      // A call-list person who now has a login is no longer offered.
      contacts: people.contacts.filter((c) => c.name.trim().toLowerCase() !== named),
    };
  }

  private formOf(state: AccessDialog): string {
    return state.kind;
  }

  private openDialog(state: AccessDialog, focus?: string): void {
    this.clearForm(this.formOf(state));
    this.patchForm('list', { alert: '', notice: null });
    this.patchForm('keys', { alert: '', notice: null });
    this.autoUsername = '';
    this.dialog.open(state, focus);
  }

  private closeDialog(): void {
    const state = this.dialog.state;
    if (!state || this.formState(this.formOf(state)).busy) return;
    clearTimeout(this.lookupTimer);
    this.lookupRuns++;
    this.clearForm(this.formOf(state));
    this.dialog.close();
  }

  /** Done: the dialog closes (focus back on what opened it) and the region says what happened. */
  private done(text: string, region: 'list' | 'keys' = 'list'): void {
    this.dialog.close();
    this.patchForm(region, { alert: '', notice: { kind: 'success', text } });
  }

  private setChoices(choices: AccessChoices): void {
    const state = this.dialog.state;
    if (state && (state.kind === 'setup' || state.kind === 'edit')) this.dialog.set({ ...state, choices });
  }

  // ---- set up a person --------------------------------------------------------------------

  private openSetup(name = ''): void {
    if (!this.allowed) return;
    this.openDialog(
      { kind: 'setup', name, profile: 'new', profileId: null, lookup: NO_LOOKUP, taken: null, choices: newChoices(), send: true, credentials: this.defaultCredentials },
      name ? 'porchlight-text-field[name="email"]' : undefined,
    );
  }

  /** Typing the email fills in the username (until it is edited) and looks for profiles with it. */
  private onSetupInput(event: Event): void {
    this.onFieldInput('setup', event);
    const target = event.target as { name?: string; value?: string };
    if (target.name !== 'email') return;
    const email = (target.value ?? '').trim();
    const username = this.field('setup', 'username');
    if (username && (username.value === '' || username.value === this.autoUsername)) {
      username.value = email;
      this.autoUsername = email;
      const { username: _old, ...errors } = this.formState('setup').errors;
      this.patchForm('setup', { errors });
    }
    const state = this.dialog.ofKind('setup');
    if (state?.taken) this.dialog.patch('setup', { taken: null });
    this.scheduleLookup(email);
  }

  private scheduleLookup(email: string, delay = LOOKUP_DELAY): void {
    clearTimeout(this.lookupTimer);
    const state = this.dialog.ofKind('setup');
    if (!state || state.profile !== 'existing') return;
    if (!EMAIL_PATTERN.test(email)) {
      this.lookupRuns++;
      if (state.lookup.status !== 'idle' || state.lookup.email !== email) this.dialog.patch('setup', { lookup: { status: 'idle', email, items: [] }, profileId: null });
      return;
    }
    if (state.lookup.email === email && state.lookup.status !== 'error' && state.lookup.status !== 'idle') return;
    this.lookupTimer = setTimeout(() => void this.lookup(email), delay);
  }

  private async lookup(email: string): Promise<void> {
    const api = this.api;
    if (!api || !this.dialog.ofKind('setup')) return;
    const run = ++this.lookupRuns;
    this.dialog.patch('setup', { lookup: { status: 'loading', email, items: [] }, profileId: null });
    try {
      const { items } = await api.findProfiles(email);
      if (run !== this.lookupRuns || !this.dialog.ofKind('setup')) return;
      // One match: choose it (the person can still pick "Create a new login profile").
      this.dialog.patch('setup', { lookup: { status: 'ready', email, items }, profileId: items.length === 1 ? items[0]!.profileId : null });
      if (items.length === 1) this.fillName(items[0]!);
    } catch {
      if (run !== this.lookupRuns || !this.dialog.ofKind('setup')) return;
      this.dialog.patch('setup', { lookup: { status: 'error', email, items: [] } });
    }
  }

  /** An empty Name takes the profile's name. */
  private fillName(profile: LoginProfileSummary): void {
    const name = this.field('setup', 'name');
    if (name && !name.value.trim()) name.value = profile.name;
  }

  private onProfileMode(mode: 'new' | 'existing'): void {
    const state = this.dialog.ofKind('setup');
    if (!state || state.profile === mode) return;
    const { profile: _p, profileId: _i, ...errors } = this.formState('setup').errors;
    this.patchForm('setup', { errors });
    this.dialog.patch('setup', { profile: mode, profileId: null, lookup: NO_LOOKUP });
    if (mode === 'existing') this.scheduleLookup(this.field('setup', 'email')?.value.trim() ?? '', 0);
  }

  private onChooseProfile(profile: LoginProfileSummary): void {
    const { profileId: _old, ...errors } = this.formState('setup').errors;
    this.patchForm('setup', { errors });
    this.dialog.patch('setup', { profileId: profile.profileId });
    this.fillName(profile);
  }

  /** "Use this profile" (after PROFILE_EMAIL_TAKEN): set up the login on that profile at once. */
  private async useTakenProfile(profile: LoginProfileSummary): Promise<void> {
    const state = this.dialog.ofKind('setup');
    if (!state) return;
    this.dialog.patch('setup', { profile: 'existing', profileId: profile.profileId, taken: null, lookup: { status: 'ready', email: profile.email, items: state.taken ?? [profile] } });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLFormElement>('form[data-form="setup"]')?.requestSubmit();
  }

  private async onSetup(event: SubmitEvent, state: SetupDialog): Promise<void> {
    const values = this.formValues(event);
    const api = this.api;
    const accountId = this.accountId;
    if (!api || !accountId || !this.allowed) return;
    const { name, email, username, errors } = typedPerson(
      values,
      (typed) => (!typed ? 'Enter their email address: the login email goes there.' : EMAIL_PATTERN.test(typed) ? undefined : INVALID_EMAIL),
      false,
    );
    if (state.profile === 'existing' && !state.profileId) {
      if (state.lookup.items.length) errors.profileId = 'Choose the login profile to use.';
      else errors.profile = 'No login profile to use was found for this email. Create a new login profile, or check the email address.';
    }
    if (this.invalid('setup', errors)) return;

    const input: SetupAccessRequest = {
      name,
      email,
      ...(username ? { username } : {}),
      ...(state.profile === 'existing' && state.profileId ? { profileId: state.profileId } : {}),
      role: state.choices.role,
      grants: grantList(state.choices),
      ...(state.choices.role === 'manager' ? {} : { permissions: permissionList(state.choices) }),
      sendLoginEmail: state.send,
      ...(state.send ? { credentials: state.credentials } : {}),
    };
    let taken = false;
    await this.run(
      'setup',
      async () => {
        try {
          const login = await api.setup(accountId, input);
          this.adopt(login);
          this.done(this.setupText(login, state.send));
          const invitation = login.invitation;
          this.changed('set-up', login.user.id, login, invitation && state.send ? { kind: 'invitation', expiresAt: invitation.expiresAt } : undefined);
        } catch (error) {
          taken = errorCode(error) === 'PROFILE_EMAIL_TAKEN';
          throw error;
        }
      },
      { name: 'name', email: 'email', username: 'username', profileId: 'profileId', role: 'role', grants: 'grants', permissions: 'permissions' },
      { USERNAME_TAKEN: 'username', PROFILE_EMAIL_TAKEN: 'email' },
    );
    if (taken) await this.offerTakenProfile(email);
  }

  /** PROFILE_EMAIL_TAKEN: show the profile that has the email, with "Use this profile". */
  private async offerTakenProfile(email: string): Promise<void> {
    const api = this.api;
    if (!api) return;
    try {
      const { items } = await api.findProfiles(email);
      if (this.dialog.ofKind('setup')) this.dialog.patch('setup', { taken: items });
    } catch {
      // The error on the email field still says what to do.
    }
  }

  private setupText(login: AccessLogin, sent: boolean): string {
    const { user, invitation } = login;
    const who = `${user.name} has a login with the username “${user.username}”.`;
    if (!sent || !invitation) return `${who} No login email was sent: send it with “Send login email” when they should start.`;
    const carried = invitation.credentials === 'temporary-password' ? 'a temporary password' : 'a link to choose a password';
    return `${who} The login email went to ${user.email} with ${carried}; it works until ${formatDateTime(invitation.expiresAt)}.`;
  }

  // ---- change a login ---------------------------------------------------------------------

  private async onEdit(event: SubmitEvent, login: AccessLogin, choices: AccessChoices): Promise<void> {
    const values = this.formValues(event);
    const api = this.api;
    const accountId = this.accountId;
    if (!api || !accountId || !this.allowed) return;
    const { user } = login;
    const { name, email, username, errors } = typedPerson(
      values,
      (typed) => (typed ? (EMAIL_PATTERN.test(typed) ? undefined : INVALID_EMAIL) : user.email ? 'Enter their email address: login emails and password resets go there.' : undefined),
      true,
    );
    if (this.invalid('edit', errors)) return;

    const grants = grantList(choices);
    const permissions = permissionList(choices);
    const input: UpdateAccessRequest = {
      ...(name !== user.name ? { name } : {}),
      ...(email && email !== user.email ? { email } : {}),
      ...(username !== user.username ? { username } : {}),
      ...(choices.role !== user.role ? { role: choices.role } : {}),
      ...(sameList(grants, effectiveGrants(user)) ? {} : { grants }),
      // What the login may do goes only when the role or a permission was changed here.
      ...(permissions && (choices.role !== user.role || !sameList([...choices.permissions], user.permissions)) ? { permissions } : {}),
    };
    if (!Object.keys(input).length) {
      this.closeDialog();
      return;
    }
    await this.run(
      'edit',
      async () => {
        const updated = await api.update(accountId, user.id, input);
        this.adopt(updated);
        this.done(`The access of ${updated.user.name} is saved. It applies to their next click; they stay logged in.`);
        this.changed('updated', updated.user.id, updated);
      },
      { name: 'name', email: 'email', username: 'username', role: 'role', grants: 'grants', permissions: 'permissions' },
      { USERNAME_TAKEN: 'username' },
    );
  }

  // ---- login email, revoke ----------------------------------------------------------------

  private async onSendEmail(login: AccessLogin, credentials: Credentials): Promise<void> {
    const api = this.api;
    const accountId = this.accountId;
    if (!api || !accountId || !this.allowed) return;
    const reset = login.state === 'active';
    await this.run('email', async () => {
      const sent = await api.sendLoginEmail(accountId, login.user.id, reset ? {} : { credentials });
      this.adopt(sent.login);
      const to = sent.login.user.email ?? login.user.email ?? '';
      const until = formatDateTime(sent.expiresAt);
      const carried = sent.login.invitation?.credentials === 'temporary-password' && sent.kind === 'invitation';
      this.done(
        sent.kind === 'reset'
          ? `Password reset sent to ${to}. The link works until ${until}.`
          : carried
            ? `Login email sent to ${to} with a temporary password. It works until ${until}.`
            : `Login email sent to ${to}. The set-password link works until ${until}.`,
      );
      this.changed('login-email', login.user.id, sent.login, { kind: sent.kind, expiresAt: sent.expiresAt });
    });
  }

  private async onRevoke(login: AccessLogin): Promise<void> {
    const api = this.api;
    const accountId = this.accountId;
    if (!api || !accountId || !this.allowed) return;
    await this.run('revoke', async () => {
      await api.revoke(accountId, login.user.id);
      if (this.people) this.people = { ...this.people, logins: this.people.logins.filter((l) => l.user.id !== login.user.id) };
      this.done(`${login.user.name} no longer has access to this account: their sessions ended and the links sent to them stopped working.`);
      this.changed('revoked', login.user.id, null);
    });
  }

  // ---- registration key -------------------------------------------------------------------

  private async setKey(form: string, key?: string): Promise<void> {
    const api = this.api;
    const accountId = this.accountId;
    if (!api || !accountId || !this.allowed) return;
    const old = this.people?.registrationKey ?? null;
    await this.run(
      form,
      async () => {
        const answer = await api.setRegistrationKey(accountId, key);
        if (this.people) this.people = { ...this.people, ...answer };
        const text =
          key === undefined
            ? old
              ? `New registration key: ${answer.registrationKey}. The old key ${old} no longer works; print the new one on this account's next invoices.`
              : `Registration key created: ${answer.registrationKey}. Print it on this account's invoices.`
            : `The registration key is now ${answer.registrationKey}, as your billing system prints it.`;
        if (this.dialog.isOpen) this.done(text, 'keys');
        else this.patchForm('keys', { notice: { kind: 'success', text } });
        emitAdmin(this, 'porchlight-registration-key-change', { accountId, ...answer, rotated: key === undefined });
      },
      { registrationKey: 'registrationKey' },
    );
  }

  private onSetKey(event: SubmitEvent): void {
    const values = this.formValues(event);
    const key = normalizeRegistrationKey(values.registrationKey ?? '');
    if (!key) return void this.invalid('key', { registrationKey: 'Enter the registration key as your billing system prints it.' });
    if (!REGISTRATION_KEY_PATTERN.test(key)) return void this.invalid('key', { registrationKey: 'Use 4 to 40 letters, digits or dashes.' });
    if (key === this.people?.registrationKey) return void this.invalid('key', { registrationKey: 'This is already the account’s registration key.' });
    void this.setKey('key', key);
  }

  // ---- rendering: the list ----------------------------------------------------------------

  private emailLabel(login: AccessLogin): string {
    if (login.state === 'active') return 'Send password reset';
    return login.invitation ? 'Re-send login email' : 'Send login email';
  }

  private renderActions(login: AccessLogin): TemplateResult {
    const { user } = login;
    const who = html`<span class="sr-only"> for ${user.name}</span>`;
    const noEmail = !user.email;
    const canEmail = login.state !== 'disabled';
    return html`<div class="row-actions">
      <button class="button secondary small inline" part="button" type="button" @click=${() => this.openDialog({ kind: 'edit', login, choices: choicesOf(login) })}>
        <span>Setup access${who}</span>
      </button>
      ${canEmail
        ? html`<button
            class="button secondary small inline"
            part="button"
            type="button"
            ?disabled=${noEmail}
            aria-describedby=${ifDefined(noEmail ? `no-email-${user.id}` : undefined)}
            @click=${() => this.openDialog({ kind: 'email', login, credentials: login.invitation?.credentials ?? this.defaultCredentials }, '[data-confirm]')}
          >
            <span>${this.emailLabel(login)}${who}</span>
          </button>`
        : nothing}
      <button class="button secondary small inline" part="button" type="button" @click=${() => this.openDialog({ kind: 'revoke', login }, '[data-cancel]')}>
        <span>Revoke access<span class="sr-only"> of ${user.name}</span></span>
      </button>
      ${noEmail && canEmail ? html`<span class="hint" id="no-email-${user.id}">No email address: add one with Setup access to send a login email.</span>` : nothing}
    </div>`;
  }

  private renderLogin(login: AccessLogin): TemplateResult {
    const { user, invitation, otherAccounts } = login;
    const state = stateNow(login, this.now);
    const grants = effectiveGrants(user);
    const pending = (state === 'invited' || state === 'invitation-expired') && invitation;
    return html`<li class="person record" part="row" data-user-id=${user.id}>
      <div class="person-head record-head">
        <div class="who">
          <span class="name">${user.name}</span>
          ${user.email ? html`<span class="muted email">${user.email}</span>` : nothing}
        </div>
        ${accessBadge(login, this.now)}
      </div>
      <dl class="facts">
        <div><dt>Username</dt><dd class="mono">${user.username}</dd></div>
        <div><dt>Role</dt><dd>${LOGIN_ROLE_NAMES[user.role] ?? user.role}</dd></div>
        <div><dt>Last login</dt><dd>${user.lastLoginAt ? timeTag(user.lastLoginAt) : 'Never'}</dd></div>
        ${state === 'active' && user.mustChangePassword
          ? html`<div><dt>Password</dt><dd><span class="badge warn" part="password-temporary">Temporary</span> must change password at next login</dd></div>`
          : nothing}
        <div class="wide">
          <dt>May see</dt>
          <dd>
            ${grants.length
              ? html`<ul class="chips" part="grants">
                  ${grants.map((g) => html`<li class="chip" part="grant">${GRANT_SCOPE_LABELS[g]}</li>`)}
                </ul>`
              : html`<span class="muted">None of the parts (invoices, payments, work orders, proposals, documents, tickets)</span>`}
          </dd>
        </div>
        ${pending
          ? html`<div class="wide">
              <dt>Login email</dt>
              <dd>
                ${invitation.credentials === 'temporary-password' ? 'Temporary password' : 'Set-password link'} sent ${timeTag(invitation.sentAt)} by ${actorText(invitation.sentBy)};
                ${state === 'invitation-expired' ? html`expired ${timeTag(invitation.expiresAt)}` : html`works until ${timeTag(invitation.expiresAt)}`}
              </dd>
            </div>`
          : nothing}
        ${otherAccounts.length
          ? html`<div class="wide"><dt>Also reaches</dt><dd>${joinWords(otherAccounts.map(accountLabel))}</dd></div>`
          : nothing}
      </dl>
      ${this.allowed ? this.renderActions(login) : nothing}
    </li>`;
  }

  private pendingLogins(): AccessLogin[] {
    return (this.people?.logins ?? []).filter((l) => PENDING.includes(stateNow(l, this.now)));
  }

  private renderView(people: AccountPeople): TemplateResult {
    const pending = this.pendingLogins().length;
    const option = (view: View, label: string, count: number) => html`<label class="view-option">
      <input type="radio" name="view" value=${view} .checked=${this.view === view} @change=${() => (this.view = view)} />
      <span>${label} <span class="count">(${count})</span></span>
    </label>`;
    return html`<fieldset class="view" part="view">
      <legend class="sr-only">Show</legend>
      ${option('everyone', 'Everyone', people.logins.length)} ${option('pending', 'Pending invitations', pending)}
    </fieldset>`;
  }

  private renderLogins(people: AccountPeople): TemplateResult {
    const logins = this.view === 'pending' ? this.pendingLogins() : people.logins;
    if (!logins.length) {
      return html`<p class="empty" part="empty">
        ${this.view === 'pending'
          ? 'No pending invitations: everyone who was sent a login email has activated their login.'
          : people.contacts.length
            ? 'No one can log in to this account yet. Add a person, or set up access for someone on the call list below.'
            : 'No one can log in to this account yet. Add a person to give them a login.'}
      </p>`;
    }
    return html`<ul class="people records" part="list" aria-label=${this.view === 'pending' ? 'Pending invitations' : 'Logins'}>
      ${repeat(logins, (l) => l.user.id, (l) => this.renderLogin(l))}
    </ul>`;
  }

  private renderContacts(people: AccountPeople): unknown {
    if (this.view !== 'everyone' || !people.contacts.length) return nothing;
    return html`<section class="subsection" aria-labelledby="contacts-title">
      ${this.renderHeading('On the call list, without a login', 'contacts-title', 1, 'sub-title')}
      <p class="lead">${this.allowed ? 'Set up access for one of them: their name is filled in.' : 'These people have no login yet.'}</p>
      <ul class="contacts records" part="contacts">
        ${repeat(
          people.contacts,
          (c) => c.contactId,
          (c) => html`<li class="contact">
            <span><span class="name">${c.name}</span> <span class="muted">${c.phone}</span></span>
            ${this.allowed
              ? html`<button class="button secondary small inline" part="button" type="button" data-contact-id=${c.contactId} @click=${() => this.openSetup(c.name)}>
                  Setup access<span class="sr-only"> for ${c.name}</span>
                </button>`
              : nothing}
          </li>`,
        )}
      </ul>
    </section>`;
  }

  private renderKey(people: AccountPeople): TemplateResult {
    const key = people.registrationKey;
    const registration = this.dealerInfo?.onboarding.registration;
    const busy = this.formState('keys').busy;
    return html`<section class="subsection key-panel" aria-labelledby="key-title">
      ${this.renderHeading('Registration key', 'key-title', 1, 'sub-title')}
      ${key
        ? html`<p class="reg-key mono" part="registration-key">${key}</p>
            <p class="key-help">Printed at the bottom of this account's invoices. A new customer types it, with their customer number and ZIP code, to get a login.</p>
            ${people.registrationKeyUpdatedAt ? html`<p class="muted small">Changed ${timeTag(people.registrationKeyUpdatedAt)}</p>` : nothing}`
        : html`<p class="key-help">No registration key yet: this account's customers cannot register by themselves.</p>`}
      ${registration === false ? html`<p class="hint">Registration with the key is turned off in your portal's settings.</p>` : nothing}
      ${this.regions('keys')}
      ${this.allowed
        ? html`<div class="row">
            ${key
              ? html`<button class="button secondary small inline" part="button" type="button" ?disabled=${busy} @click=${() => this.openDialog({ kind: 'rotate' }, '[data-cancel]')}>Rotate key</button>`
              : html`<button class="button secondary small inline" part="button" type="button" ?disabled=${busy} @click=${() => void this.setKey('keys')}>
                  ${busy ? html`<span class="spinner" aria-hidden="true"></span>Creating…` : 'Create a key'}
                </button>`}
            <button class="button secondary small inline" part="button" type="button" ?disabled=${busy} @click=${() => this.openDialog({ kind: 'key' })}>Set key…</button>
          </div>`
        : nothing}
    </section>`;
  }

  // ---- rendering: dialogs -----------------------------------------------------------------

  private actions(form: string, label: string, busyLabel: string, o: { danger?: boolean; onClick?: () => void } = {}): TemplateResult {
    return this.dialogActions(form, label, busyLabel, { ...o, onCancel: () => this.closeDialog() });
  }

  private fieldError(form: string, name: string): unknown {
    const error = this.formState(form).errors[name];
    return error ? html`<div class="field-error" id="${form}-${name}-error">${alertIcon}<span>${error}</span></div>` : nothing;
  }

  private renderProfile(state: SetupDialog): TemplateResult {
    const existing = state.profile === 'existing';
    const { lookup } = state;
    const modeError = this.formState('setup').errors.profile;
    const idError = this.formState('setup').errors.profileId;
    const lookupText =
      lookup.status === 'idle'
        ? 'Type the person’s email address above to find their login profile.'
        : lookup.status === 'loading'
          ? `Looking for login profiles with ${lookup.email}…`
          : lookup.status === 'error'
            ? 'The login profiles could not be looked up. Try again, or create a new login profile.'
            : lookup.items.length
              ? `${lookup.items.length === 1 ? 'One login profile uses' : `${lookup.items.length} login profiles use`} ${lookup.email}:`
              : `No login profile uses ${lookup.email}. Create a new one, or check the address.`;
    return html`<fieldset class="choice-group" aria-describedby=${ifDefined(modeError ? 'setup-profile-error' : undefined)}>
      <legend>Profile</legend>
      <div class="choices">
        <label class="choice">
          <input type="radio" name="profile" value="new" .checked=${!existing} @change=${() => this.onProfileMode('new')} />
          <span>Create a new login profile<span class="hint block">Their own password, for this account.</span></span>
        </label>
        <label class="choice">
          <input type="radio" name="profile" value="existing" .checked=${existing} @change=${() => this.onProfileMode('existing')} />
          <span>Use an existing login profile<span class="hint block">They already log in to another of your accounts: one password for all of them.</span></span>
        </label>
      </div>
      ${existing
        ? html`<div class="lookup">
            <p class="hint" role="status">${lookup.status === 'loading' ? html`<span class="spinner small" aria-hidden="true"></span>` : nothing}${lookupText}</p>
            ${lookup.items.length
              ? html`<div class="choices profiles" role="radiogroup" aria-label="Login profiles with this email" aria-describedby=${ifDefined(idError ? 'setup-profileId-error' : undefined)}>
                  ${lookup.items.map(
                    (p) => html`<label class="choice profile">
                      <input type="radio" name="profileId" value=${p.profileId} .checked=${state.profileId === p.profileId} aria-invalid=${idError ? 'true' : 'false'} @change=${() => this.onChooseProfile(p)} />
                      <span>${profileText(p)}</span>
                    </label>`,
                  )}
                </div>`
              : nothing}
            ${this.fieldError('setup', 'profileId')}
          </div>`
        : nothing}
      ${this.fieldError('setup', 'profile')}
    </fieldset>`;
  }

  private renderCredentials(form: string, credentials: Credentials, onChange: (c: Credentials) => void, existingProfile: boolean): TemplateResult {
    const hours = this.hours;
    return html`<fieldset class="sub-choices">
      <legend class="sr-only">What the email carries</legend>
      <div class="choices">
        <label class="choice">
          <input type="radio" name="credentials" value="link" .checked=${credentials === 'link'} @change=${() => onChange('link')} />
          <span>Set-password link (${hours} h)<span class="hint block">A link to choose their own password. It works once, for ${hours} hours; a newer email replaces it.</span></span>
        </label>
        <label class="choice">
          <input type="radio" name="credentials" value="temporary-password" .checked=${credentials === 'temporary-password'} @change=${() => onChange('temporary-password')} />
          <span>Temporary password<span class="hint block">A random password in the email; they choose their own when they first log in.</span></span>
        </label>
      </div>
      ${existingProfile ? html`<p class="hint" id="${form}-credentials-note">A person whose profile already has a password always gets a link, never a new password.</p>` : nothing}
    </fieldset>`;
  }

  private setupForm(state: SetupDialog): TemplateResult {
    const busy = this.formState('setup').busy;
    return html`<form
      part="form"
      class="stack"
      data-form="setup"
      novalidate
      aria-labelledby="dialog-title"
      aria-busy=${busy ? 'true' : 'false'}
      @submit=${(e: SubmitEvent) => void this.onSetup(e, state)}
      @input=${(e: Event) => this.onSetupInput(e)}
    >
      ${this.textField('setup', 'name', 'Name', { value: state.name, maxlength: 120, autocomplete: 'off' })}
      ${this.textField('setup', 'email', 'Email', { type: 'email', inputmode: 'email', autocapitalize: 'none', hint: 'The login email goes here.' })}
      ${takenProfiles(state.taken, (p) => void this.useTakenProfile(p), busy)} ${this.renderProfile(state)}
      ${this.textField('setup', 'username', 'Username', { maxlength: 64, autocapitalize: 'none', required: false, hint: 'The email address unless you change it. Unique in this account.' })}
      ${accessChoices('setup', state.choices, (choices) => this.setChoices(choices))}
      <fieldset class="choice-group">
        <legend>Login email</legend>
        <label class="choice">
          <input type="checkbox" name="send" .checked=${state.send} @change=${(e: Event) => this.dialog.patch('setup', { send: (e.target as HTMLInputElement).checked })} />
          <span>Send the login email now</span>
        </label>
        ${state.send
          ? this.renderCredentials('setup', state.credentials, (credentials) => this.dialog.patch('setup', { credentials }), state.profile === 'existing')
          : html`<p class="hint">They cannot log in until they get it: send it later with “Send login email”.</p>`}
      </fieldset>
      ${this.actions('setup', state.send ? 'Set up access and send email' : 'Set up access', 'Setting up…')}
    </form>`;
  }

  private editForm(login: AccessLogin, choices: AccessChoices): TemplateResult {
    const { user } = login;
    return this.formTemplate(
      'edit',
      'dialog-title',
      (e) => void this.onEdit(e, login, choices),
      html`${this.textField('edit', 'name', 'Name', { value: user.name, maxlength: 120, autocomplete: 'off' })}
        ${this.textField('edit', 'email', 'Email', { value: user.email ?? '', type: 'email', inputmode: 'email', autocapitalize: 'none', required: Boolean(user.email), hint: 'Login emails and password resets go here.' })}
        ${this.textField('edit', 'username', 'Username', { value: user.username, maxlength: 64, autocapitalize: 'none', hint: 'Unique in this account. A new username works from their next login.' })}
        ${accessChoices('edit', choices, (next) => this.setChoices(next))}
        ${this.actions('edit', 'Save access', 'Saving…')}`,
    );
  }

  private emailContent(login: AccessLogin, credentials: Credentials): TemplateResult {
    const { user, invitation } = login;
    const reset = login.state === 'active';
    const hours = this.hours;
    const label = reset ? 'Send password reset' : invitation ? 'Re-send login email' : 'Send login email';
    return html`<div class="stack">
      ${reset
        ? html`<ul class="facts-list">
            <li>${user.name} has already activated this login, so the email is a password reset.</li>
            <li>It goes to ${user.email}, with a link to choose a new password that works once, for ${hours} hours.</li>
            <li>Their current password keeps working until they choose a new one.</li>
          </ul>`
        : html`<ul class="facts-list">
              <li>It goes to ${user.email} and tells them to log in with the username “${user.username}”.</li>
              <li>
                ${credentials === 'link'
                  ? `It carries a link to choose their password, which works once, for ${hours} hours.`
                  : 'It carries a temporary password; they choose their own when they first log in.'}
              </li>
              ${invitation ? html`<li>The login email sent ${formatDateTime(invitation.sentAt)} stops working.</li>` : nothing}
            </ul>
            ${this.renderCredentials('email', credentials, (c) => this.dialog.set({ kind: 'email', login, credentials: c }), login.otherAccounts.length > 0)}`}
      ${this.actions('email', label, 'Sending…', { onClick: () => void this.onSendEmail(login, credentials) })}
    </div>`;
  }

  private revokeContent(login: AccessLogin): TemplateResult {
    const { user, otherAccounts } = login;
    return html`<div class="stack">
      <ul class="facts-list">
        <li>${user.name} can no longer log in to this account: the login “${user.username}” is removed.</li>
        <li>Their open sessions end at once.</li>
        <li>Login emails and password reset links already sent to them stop working.</li>
        ${otherAccounts.length ? html`<li>Their login profile keeps its other accounts: ${joinWords(otherAccounts.map(accountLabel))}.</li>` : nothing}
        <li>What they did on the account keeps their name.</li>
      </ul>
      ${this.actions('revoke', 'Revoke access', 'Revoking…', { danger: true, onClick: () => void this.onRevoke(login) })}
    </div>`;
  }

  private rotateContent(): TemplateResult {
    const key = this.people?.registrationKey ?? '';
    return html`<div class="stack">
      <ul class="facts-list">
        <li>A new random key replaces <span class="mono">${key}</span>.</li>
        <li>The old key stops working at once: a customer who types it can no longer register.</li>
        <li>Invoices already printed show the old key. Print the new one on the next invoices.</li>
      </ul>
      ${this.actions('rotate', 'Rotate key', 'Rotating…', { danger: true, onClick: () => void this.setKey('rotate') })}
    </div>`;
  }

  private keyForm(): TemplateResult {
    const key = this.people?.registrationKey;
    return this.formTemplate(
      'key',
      'dialog-title',
      (e) => this.onSetKey(e),
      html`<p>Type the key your billing system prints at the bottom of this account's invoices, so that the two match.</p>
        ${this.textField('key', 'registrationKey', 'Registration key', {
          maxlength: 60,
          autocapitalize: 'characters',
          hint: `4 to 40 letters, digits or dashes; spaces and case do not matter.${key ? ` The current key ${key} stops working at once.` : ''}`,
        })}
        ${this.actions('key', 'Save key', 'Saving…')}`,
    );
  }

  private renderDialog(): unknown {
    const state = this.dialog.state;
    if (!state) return nothing;
    const common = this.dialogBase(this.formOf(state), () => this.closeDialog());
    switch (state.kind) {
      case 'setup':
        return dialogTemplate({ ...common, title: state.name ? `Set up access for ${state.name}` : 'Add a person', content: this.setupForm(state) });
      case 'edit':
        return dialogTemplate({ ...common, title: `Setup access: ${state.login.user.name}`, content: this.editForm(state.login, state.choices) });
      case 'email': {
        const { login } = state;
        const title = login.state === 'active' ? `Send a password reset to ${login.user.name}?` : `${login.invitation ? 'Re-send' : 'Send'} the login email to ${login.user.name}?`;
        return dialogTemplate({ ...common, kind: 'confirm', title, content: this.emailContent(login, state.credentials) });
      }
      case 'revoke':
        return dialogTemplate({ ...common, kind: 'confirm', title: `Revoke the access of ${state.login.user.name}?`, content: this.revokeContent(state.login) });
      case 'rotate':
        return dialogTemplate({ ...common, kind: 'confirm', title: 'Rotate the registration key?', content: this.rotateContent() });
      case 'key':
        return dialogTemplate({ ...common, kind: 'confirm', title: 'Set the registration key', content: this.keyForm() });
    }
  }

  protected override render() {
    if (this.missingAdmin) return this.missingAdminCard();
    if (!this.adminClient || !this.staff) return nothing;
    const title = this.renderHeading(this.heading || 'Logins and access', 'title');
    if (!this.accountId) {
      return html`<div class="card" part="card">${title}<p class="empty" part="empty">No account chosen: set the element's account-id attribute.</p></div>`;
    }
    const people = this.status === 'ready' ? this.people : null;
    const role = this.staff.role;
    return html`<div class="card" part="card">
        <div class="head">
          <div class="head-text">
            ${title}
            <p class="lead">Who can log in to this account's portal, what each login may see, and the login emails that let people in.</p>
          </div>
          ${people && this.allowed ? html`<button class="button inline" part="button" type="button" @click=${() => this.openSetup()}>Add a person</button>` : nothing}
        </div>
        ${this.allowed
          ? nothing
          : this.notAllowed('not-allowed', `Your role (${ROLE_NAMES[role] ?? role}) can see who has access, but not set it up, change it or send login emails. Ask an owner or an admin.`)}
        ${this.loadRegions('list')} ${this.status === 'loading' ? this.loadingState('Loading the logins…') : nothing}
        ${people ? html`${this.renderView(people)} ${this.renderLogins(people)} ${this.renderContacts(people)} ${this.renderKey(people)}` : nothing}
      </div>
      ${this.renderDialog()}`;
  }
}
