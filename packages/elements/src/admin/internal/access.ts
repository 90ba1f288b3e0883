/**
 * What <porchlight-setup-access> and <porchlight-admin-access-requests> share: how roles, login
 * states and durations read, the role / "Grant access" / permission choices of their dialogs,
 * a login profile as a choice, and the styles of all that.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import {
  CLIENT_DEFAULT_PERMISSIONS,
  GRANT_SCOPE_LABELS,
  GRANT_SCOPES,
  PERMISSION_LABELS,
  PERMISSIONS,
  STAFF_DEFAULT_PERMISSIONS,
  type AccessLogin,
  type GrantScope,
  type LoginProfileSummary,
  type Permission,
  type Role,
} from '@porchlight/client';
import { PERMISSION_SCOPES } from '@porchlight/core';
import { statusTagStyles } from '../../internal/status-tag.js';
import { loginDialogStyles } from './admin-styles.js';

export const LOGIN_ROLES: readonly Role[] = ['client', 'staff', 'manager'];

/** How the roles of a login read. */
export const LOGIN_ROLE_NAMES: Record<Role, string> = { client: 'Client', staff: 'Office staff', manager: 'Manager' };

const LOGIN_ROLE_HELP: Record<Role, string> = {
  client: 'Sees the parts granted below and does their own business with you: pays, sends work orders, signs proposals.',
  staff: 'Works for the account within the permissions below.',
  manager: 'Everything the account allows, including its office staff and call list.',
};

/** How long a login email's link works unless the dealer changed it (activationLinkHours). */
export const DEFAULT_LINK_HOURS = 48;

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What a new login of `role` may do unless someone chooses otherwise. */
export function defaultPermissions(role: Role): Set<Permission> {
  if (role === 'manager') return new Set(PERMISSIONS);
  return new Set(role === 'client' ? CLIENT_DEFAULT_PERMISSIONS : STAFF_DEFAULT_PERMISSIONS);
}

/** Role, grants and permissions as a dialog holds them while the person chooses. */
export interface AccessChoices {
  role: Role;
  grants: ReadonlySet<GrantScope>;
  permissions: ReadonlySet<Permission>;
}

/** A new login: client, every part, the client's default permissions. */
export function newChoices(grants: readonly GrantScope[] = GRANT_SCOPES): AccessChoices {
  return { role: 'client', grants: new Set(grants), permissions: defaultPermissions('client') };
}

/** The grants in GRANT_SCOPES order. */
export function grantList(choices: AccessChoices): GrantScope[] {
  return GRANT_SCOPES.filter((g) => choices.grants.has(g));
}

/** The parts a permission needs that are not granted. */
function missingScopes(p: Permission, grants: ReadonlySet<GrantScope>): GrantScope[] {
  return (PERMISSION_SCOPES[p] ?? []).filter((g) => !grants.has(g));
}

/** What the login may do (none for a manager: the account decides), in PERMISSIONS order, only those its grants allow. */
export function permissionList(choices: AccessChoices): Permission[] | undefined {
  if (choices.role === 'manager') return undefined;
  return PERMISSIONS.filter((p) => choices.permissions.has(p) && !missingScopes(p, choices.grants).length);
}

/** "1 d 4 h", "3 h 20 min", "12 min" (short) and "1 day 4 hours" (for screen readers). */
export function durationText(ms: number): { short: string; long: string } {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return { short: 'under a minute', long: 'less than a minute' };
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (days) return { short: hours ? `${days} d ${hours} h` : `${days} d`, long: hours ? `${plural(days, 'day')} ${plural(hours, 'hour')}` : plural(days, 'day') };
  if (hours) return { short: mins ? `${hours} h ${mins} min` : `${hours} h`, long: mins ? `${plural(hours, 'hour')} ${plural(mins, 'minute')}` : plural(hours, 'hour') };
  return { short: `${mins} min`, long: plural(mins, 'minute') };
}

/** The state of a login now: an invitation that ran out while the page was open counts as expired. */
export function stateNow(login: AccessLogin, now: number): AccessLogin['state'] {
  if (login.state === 'invited' && login.invitation && Date.parse(login.invitation.expiresAt) <= now) return 'invitation-expired';
  return login.state;
}

/** A state as a tag: a dot, the words and the state's colour (`part="badge status-<state>"`). */
export function stateTag(state: string, label: unknown): TemplateResult {
  return html`<span class="status-tag status-${state}" part="badge status-${state}"><span class="dot" aria-hidden="true"></span><span>${label}</span></span>`;
}

/** The login's state as a tag (the words say it; the colour repeats it). */
export function accessBadge(login: AccessLogin, now: number): TemplateResult {
  const state = stateNow(login, now);
  switch (state) {
    case 'active':
      return stateTag('active', 'Active');
    case 'disabled':
      return stateTag('disabled', 'Disabled');
    case 'invitation-expired':
      return stateTag('invitation-expired', 'Invitation expired');
    case 'invited': {
      if (!login.invitation) return stateTag('invited', 'Not invited yet');
      const left = durationText(Date.parse(login.invitation.expiresAt) - now);
      return stateTag('invited', html`Invited — expires in <span aria-hidden="true">${left.short}</span><span class="sr-only">${left.long}</span>`);
    }
  }
}

/** "Harbor View Condominiums (5550100)". */
export function accountLabel(a: { name: string; identifier: string }): string {
  return `${a.name} (${a.identifier})`;
}

/** A list of words: "a", "a and b", "a, b and c". */
export function joinWords(list: readonly string[]): string {
  if (list.length <= 1) return list.join('');
  return `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

// ---- the choices of the dialogs ------------------------------------------------------------

/**
 * Role (radios with what each means), "Grant access" (a checkbox per part) and what the login
 * may do (staff and clients); `onChange` gets the choices after each change.
 */
export function accessChoices(form: string, choices: AccessChoices, onChange: (next: AccessChoices) => void): TemplateResult {
  const id = (what: string) => `${form}-${what}`;
  return html`<fieldset class="choice-group">
      <legend>Role</legend>
      <div class="choices">
        ${LOGIN_ROLES.map(
          (role) => html`<div class="role-choice">
            <input type="radio" id=${id(`role-${role}`)} name="role" value=${role} .checked=${choices.role === role} aria-describedby=${id(`role-${role}-help`)} @change=${() => onChange(withRole(choices, role))} />
            <div>
              <label for=${id(`role-${role}`)}>${LOGIN_ROLE_NAMES[role]}</label>
              <span class="hint" id=${id(`role-${role}-help`)}>${LOGIN_ROLE_HELP[role]}</span>
            </div>
          </div>`,
        )}
      </div>
    </fieldset>
    <fieldset class="choice-group">
      <legend>Grant access — what this login may see</legend>
      <div class="choices grid">
        ${GRANT_SCOPES.map(
          (scope) => html`<label class="choice">
            <input type="checkbox" name="grants" value=${scope} .checked=${choices.grants.has(scope)} @change=${(e: Event) => onChange(withGrant(choices, scope, (e.target as HTMLInputElement).checked))} />
            <span>${GRANT_SCOPE_LABELS[scope]}</span>
          </label>`,
        )}
      </div>
      ${choices.grants.size ? nothing : html`<p class="hint warn-text">This login will see none of these parts: only the account's name, contacts and messages.</p>`}
    </fieldset>
    <fieldset class="choice-group">
      <legend>What this login may do</legend>
      ${choices.role === 'manager'
        ? html`<p class="hint">A manager may do everything the account allows.</p>`
        : html`<div class="choices grid">
            ${PERMISSIONS.map((p) => {
              const missing = missingScopes(p, choices.grants);
              const help = missing.length ? id(`perm-${p}-help`) : undefined;
              return html`<label class="choice ${missing.length ? 'unavailable' : ''}">
                <input
                  type="checkbox"
                  name="permissions"
                  value=${p}
                  .checked=${choices.permissions.has(p) && !missing.length}
                  ?disabled=${missing.length > 0}
                  aria-describedby=${ifDefined(help)}
                  @change=${(e: Event) => onChange(withPermission(choices, p, (e.target as HTMLInputElement).checked))}
                />
                <span
                  >${PERMISSION_LABELS[p]}${missing.length
                    ? html`<span class="hint block" id=${help!}>Needs access to ${joinWords(missing.map((g) => GRANT_SCOPE_LABELS[g]))}</span>`
                    : nothing}</span
                >
              </label>`;
            })}
          </div>`}
    </fieldset>`;
}

/** The choices after a role change: the new role's default permissions. */
function withRole(choices: AccessChoices, role: Role): AccessChoices {
  return { ...choices, role, permissions: role === choices.role ? choices.permissions : defaultPermissions(role) };
}

function withGrant(choices: AccessChoices, scope: GrantScope, checked: boolean): AccessChoices {
  const grants = new Set(choices.grants);
  if (checked) grants.add(scope);
  else grants.delete(scope);
  return { ...choices, grants };
}

function withPermission(choices: AccessChoices, p: Permission, checked: boolean): AccessChoices {
  const permissions = new Set(choices.permissions);
  if (checked) permissions.add(p);
  else permissions.delete(p);
  return { ...choices, permissions };
}

/** A login profile: whose it is and the accounts it already reaches. */
export function profileText(p: LoginProfileSummary): TemplateResult {
  return html`<span class="profile-name">${p.name}</span> <span class="muted">${p.email}</span>
    <span class="profile-reaches muted"
      >${p.accounts.length
        ? html`Already reaches ${joinWords(p.accounts.map((a) => `${accountLabel(a)} as “${a.username}”`))}`
        : 'No account yet'}</span
    >`;
}

/**
 * The login profile found for an email that already has one (PROFILE_EMAIL_TAKEN): whose it is,
 * its accounts, and "Use this profile".
 */
export function takenProfiles(profiles: readonly LoginProfileSummary[] | null, onUse: (p: LoginProfileSummary) => void, busy: boolean): unknown {
  if (!profiles?.length) return nothing;
  return html`<div class="taken" part="profile-match">
    <p class="taken-lead">This person already has a login profile. Add this account to it, so they use one password for all their accounts:</p>
    <ul class="profiles">
      ${profiles.map(
        (p) => html`<li class="profile">
          <div>${profileText(p)}</div>
          <button class="button small inline" part="button" type="button" ?disabled=${busy} @click=${() => onUse(p)}>
            Use this profile<span class="sr-only"> of ${p.name}</span>
          </button>
        </li>`,
      )}
    </ul>
  </div>`;
}

/** Declarations of a row with what it is about on the left and its button on the right, wrapping when narrow. */
export const rowWithButton = css`
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  justify-content: space-between;
  gap: 0.5rem 1rem;
  border-radius: var(--_radius);
`;

/**
 * Login states, the list of logins or requests (`records`), choices, chips, profile cards and the
 * dialogs' extras. Status colours have their own tokens, falling
 * back to the global ones: --porchlight-access-active-color, --porchlight-access-invited-color,
 * --porchlight-access-expired-color, --porchlight-access-disabled-color; and the request
 * statuses: --porchlight-access-request-pending-color, --porchlight-access-request-approved-color,
 * --porchlight-access-request-declined-color.
 */
export const accessStyles = [
  statusTagStyles,
  css`
    :host {
      --_access-active: var(--porchlight-access-active-color, var(--_success));
      --_access-invited: var(--porchlight-access-invited-color, #1f4fbf);
      --_access-expired: var(--porchlight-access-expired-color, #8a4300);
      --_access-disabled: var(--porchlight-access-disabled-color, var(--_muted));
      --_request-pending: var(--porchlight-access-request-pending-color, #8a4300);
      --_request-approved: var(--porchlight-access-request-approved-color, var(--_success));
      --_request-declined: var(--porchlight-access-request-declined-color, var(--_muted));
    }
    .status-active {
      --_status: var(--_access-active);
    }
    .status-invited {
      --_status: var(--_access-invited);
    }
    .status-invitation-expired {
      --_status: var(--_access-expired);
    }
    .status-disabled {
      --_status: var(--_access-disabled);
    }
    .status-pending {
      --_status: var(--_request-pending);
    }
    .status-approved {
      --_status: var(--_request-approved);
    }
    .status-declined {
      --_status: var(--_request-declined);
    }
    .status-disabled .dot,
    .status-declined .dot {
      background: transparent;
      border: 1.5px solid currentColor;
    }
    .status-tag {
      white-space: normal;
    }
    /* The list of logins or requests: a card each, its name and state on top, its facts, its buttons. */
    .records {
      display: grid;
      gap: 0.75rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .record {
      display: grid;
      gap: 0.625rem;
      padding: 0.875rem 1rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .record-head {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      justify-content: space-between;
      gap: 0.375rem 1rem;
    }
    .who {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0 0.5rem;
      min-width: 0;
    }
    .name {
      font-weight: 650;
    }
    .small {
      font-size: 0.875rem;
    }
    /* Each fact as wide as its value (a long username or email stays whole), wrapping as they fit. */
    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 2rem;
      margin: 0;
      font-size: 0.9375rem;
    }
    .facts > div {
      flex: 0 1 auto;
      min-width: 7rem;
      max-width: 100%;
    }
    .facts .wide {
      flex-basis: 100%;
    }
    .facts dt {
      color: var(--_muted);
      font-size: 0.8125rem;
      font-weight: 600;
    }
    .facts dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .row-actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.375rem;
    }
    .row-actions .button {
      white-space: nowrap;
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .chip {
      padding: 0 0.5rem;
      border-radius: 999px;
      background: color-mix(in srgb, var(--_primary) 8%, var(--_surface));
      color: var(--_text);
      font-size: 0.8125rem;
      line-height: 1.6;
      white-space: nowrap;
    }
    .choice-group legend {
      margin-bottom: 0.5rem;
    }
    .choices.grid {
      grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
      gap: 0.5rem 1rem;
    }
    .choice.unavailable {
      color: var(--_muted);
      cursor: not-allowed;
    }
    .choice input:focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
    .hint {
      display: block;
      color: var(--_muted);
      font-size: 0.875rem;
    }
    p.hint {
      margin: 0;
    }
    .hint.block {
      font-size: 0.8125rem;
    }
    .warn-text {
      margin-top: 0.5rem;
      color: #7a2e0e;
    }
    .profile-name {
      font-weight: 600;
    }
    .profile-reaches {
      display: block;
      font-size: 0.875rem;
    }
    .profiles {
      display: grid;
      gap: 0.5rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .profile {
      ${rowWithButton}
      padding: 0.625rem 0.75rem;
      border: 1px solid var(--_border);
    }
    .profile > div {
      flex: 1 1 14rem;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .taken {
      display: grid;
      gap: 0.5rem;
      padding: 0.75rem;
      border-radius: var(--_radius);
      background: color-mix(in srgb, var(--_primary) 6%, var(--_surface));
    }
    .taken-lead {
      margin: 0;
      font-size: 0.9375rem;
    }
    ${loginDialogStyles}
    .dialog .stack {
      display: grid;
      gap: 1rem;
    }
  `,
];
