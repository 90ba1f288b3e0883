import {
  CLIENT_DEFAULT_PERMISSIONS,
  GRANT_SCOPES,
  newId,
  PorchlightError,
  STAFF_DEFAULT_PERMISSIONS,
  type AccessLogin,
  type AccessState,
  type Actor,
  type GrantScope,
  type Invitation,
  type MailMessage,
  type Permission,
  type Role,
} from '@porchlight/core';
import type { Deps } from '../../context.js';
import { randomSecret } from '../../crypto.js';
import { audit } from '../../audit/audit.js';
import { dealerSetting, onboardingSettings, type Dealer } from '../../options.js';
import { isActivated, newUserRecord, toPublicUser, type AccountRecord, type LoginProfileRecord, type UserRecord } from '../accounts/records.js';
import { cleanUsername, getAccount, getLoginProfile, insertUser, listUsers, updateLoginProfile, updateUser, withUsersLock } from '../accounts/service.js';
import { issuePasswordLink, mailDealer, passwordLinkBase, portalLinkBase, storeOneTimeToken, type OneTimeTokenRecord } from '../auth/service.js';
import type { ProfileFields } from '../profile/service.js';
import { grantable } from '../staff/service.js';
import { createProfile, findProfileByEmail, leaveLoginProfile, normalizeEmail, profileHasPassword, profileLogins, requireProfile } from './profiles.js';

/**
 * The one place every onboarding flow (registration, the dealer's Setup access, an approved
 * access request, "send me a new link") creates a login and sends its login email.
 */

export type LoginCredentials = 'link' | 'temporary-password';

/** What an activation link's one-time token holds. */
export interface ActivationTokenRecord extends OneTimeTokenRecord {
  kind: 'activate';
  accountId: string;
  userId: string;
  /** Equal to the login's activationNonce while this is its newest link. */
  nonce: string;
}

/** Who acts when no person does: the public flows, as the audit log and `createdBy` show them. */
export const REGISTRATION_ACTOR: Actor = { kind: 'system', name: 'registration' };
export const RESEND_ACTOR: Actor = { kind: 'system', name: 'login email re-send' };

const iso = (ms: number) => new Date(ms).toISOString();
export const who = (u: Pick<UserRecord, 'name' | 'username'>) => `${u.name} (${u.username})`;

export function roleName(role: Role): string {
  return role === 'manager' ? 'a manager' : role === 'staff' ? 'office staff' : 'a client login';
}

/** What a new login of `role` may do unless told: nothing stored for a manager (it holds what the account allows). */
export function defaultPermissions(role: Role): Permission[] | undefined {
  if (role === 'manager') return undefined;
  return [...(role === 'staff' ? STAFF_DEFAULT_PERMISSIONS : CLIENT_DEFAULT_PERMISSIONS)];
}

/** Grants in GRANT_SCOPES order, each once. */
export function orderedGrants(list: readonly GrantScope[]): GrantScope[] {
  return GRANT_SCOPES.filter((g) => list.includes(g));
}

// ---- creating a login --------------------------------------------------------------------

export interface NewLogin {
  name: string;
  email: string;
  /** Default: the email. Unique within the account (USERNAME_TAKEN on field `username`). */
  username?: string | undefined;
  /** 'manager-if-none': the account's manager when it has no active one, else a client (registration). */
  role: Role | 'manager-if-none';
  /** Default: the dealer's onboarding.defaultGrants, else every part. */
  grants?: readonly GrantScope[] | undefined;
  /** Not for managers. Default: defaultPermissions(role). Refused beyond what the account allows. */
  permissions?: readonly Permission[] | undefined;
  /**
   * The person's login profile: an existing one by id (its email must be the login's), the one
   * whose email this is if any ('by-email', registration), or a new one ('new': an email that
   * already has a profile is PROFILE_EMAIL_TAKEN).
   */
  profile: { id: string } | 'by-email' | 'new';
  /** Where the login's phone lives (features/profile). */
  phone?: string | undefined;
}

/**
 * The profile a new login joins, if any. A profile chosen by id must have the login's email:
 * its links and password reach the person's other accounts, so they go to the person's own
 * address only (one person, one email).
 */
async function profileToReuse(deps: Deps, dealerId: string, input: NewLogin): Promise<LoginProfileRecord | undefined> {
  if (input.profile === 'new') return undefined;
  if (input.profile === 'by-email') return (await findProfileByEmail(deps, dealerId, input.email))?.value;
  const profile = await requireProfile(deps, dealerId, input.profile.id);
  if (normalizeEmail(profile.email) !== normalizeEmail(input.email)) {
    const message = `This login profile's email is ${profile.email}: a login of the profile uses it (one person, one email).`;
    throw new PorchlightError('VALIDATION_FAILED', message, { fields: { email: message } });
  }
  return profile;
}

/**
 * Creates a login for a person on an account: reuses or creates their login profile, then
 * inserts the login (username unique in the account), not yet activated (`activatedAt: null`:
 * it cannot sign in until the person chooses a password with the login email, or signs in with
 * a temporary one). Under the account's users lock, so 'manager-if-none' and the username are
 * decided once; what the profile got is undone if the login cannot be written.
 */
export async function createLogin(deps: Deps, dealer: Dealer, account: AccountRecord, input: NewLogin, actor: Actor): Promise<UserRecord> {
  const { username, normalized } = cleanUsername(input.username ?? input.email);
  const wanted = input.permissions ? grantable(account, input.permissions) : undefined;
  const grants = orderedGrants(input.grants ?? onboardingSettings(dealer).defaultGrants ?? GRANT_SCOPES);
  // Hashing is the slow part: before the lock. Nobody knows this password.
  const unusableHash = input.profile === 'new' || input.profile === 'by-email' ? await deps.hasher.hash(randomSecret(32)) : '';

  return withUsersLock(deps, dealer.id, account.id, async () => {
    const users = await listUsers(deps, dealer.id, account.id);
    const role: Role = input.role === 'manager-if-none' ? (users.some((u) => u.role === 'manager' && u.status === 'active') ? 'client' : 'manager') : input.role;
    const permissions = role === 'manager' ? undefined : (wanted ?? defaultPermissions(role));
    const userId = newId(deps.now());
    const member = { accountId: account.id, userId };

    const existing = await profileToReuse(deps, dealer.id, input);
    if (existing && users.some((u) => u.profileId === existing.id)) {
      throw new PorchlightError('CONFLICT', 'This person already has a login on this account.', { fields: { profileId: 'This login profile already has a login on this account.' } });
    }
    let undo: () => Promise<unknown>;
    let profileId: string;
    if (existing) {
      profileId = existing.id;
      await updateLoginProfile(deps, dealer.id, profileId, (p) => ({ ...p, members: [...p.members.filter((m) => m.accountId !== account.id), member], updatedAt: iso(deps.now()) }));
      undo = () => updateLoginProfile(deps, dealer.id, profileId, (p) => ({ ...p, members: p.members.filter((m) => m.userId !== userId) }));
    } else {
      profileId = newId(deps.now());
      const profile = await createProfile(deps, { id: profileId, dealerId: dealer.id, name: input.name, email: input.email, passwordHash: unusableHash, members: [member], actor });
      undo = () => leaveLoginProfile(deps, { dealerId: dealer.id, accountId: account.id, id: userId, profileId: profile.id });
    }

    const now = iso(deps.now());
    const record: UserRecord & ProfileFields = {
      ...newUserRecord(
        {
          id: userId,
          dealerId: dealer.id,
          accountId: account.id,
          role,
          username,
          usernameNormalized: normalized,
          name: input.name,
          email: input.email,
          ...(permissions ? { permissions } : {}),
          grants,
          profileId,
          activatedAt: null,
          invitation: null,
          activationNonce: null,
          // Placeholders: the profile holds the credentials.
          mustChangePassword: false,
          passwordHash: '',
        },
        now,
        actor,
      ),
      ...(input.phone ? { phone: input.phone } : {}),
    };
    try {
      return await insertUser(deps, record);
    } catch (error) {
      await undo().catch(() => undefined);
      throw error;
    }
  });
}

// ---- the login email ---------------------------------------------------------------------

/** What a login email carried, and the login as it left it. */
export interface IssuedCredentials {
  user: UserRecord;
  credentials: LoginCredentials;
  setPasswordUrl: string | null;
  temporaryPassword: string | null;
  mustChangePassword: boolean;
  expiresAt: number;
  hours: number;
}

const READABLE = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A temporary password people can read and type: three groups of four from an alphabet
 * without look-alikes (no i, l, o, 0, 1), e.g. `k7mq-4xtp-9rhw` (about 59 bits of randomness;
 * it also expires and works once).
 */
export function readablePassword(): string {
  const out: string[] = [];
  const bytes = new Uint8Array(64);
  while (out.length < 12) {
    crypto.getRandomValues(bytes);
    // Rejection sampling keeps every character equally likely.
    for (const b of bytes) if (b < 248 && out.length < 12) out.push(READABLE[b % READABLE.length]!);
  }
  return [out.slice(0, 4), out.slice(4, 8), out.slice(8)].map((g) => g.join('')).join('-');
}

/** The login as read inside compare-and-set, refused if it was activated meanwhile (it needs no login email then). */
function stillPending(u: UserRecord): UserRecord {
  if (isActivated(u)) throw new PorchlightError('CONFLICT', `${u.name} activated their login meanwhile.`);
  return u;
}

/** Refuses (VALIDATION_FAILED) when the dealer has no page a set-password link could open. */
export function requireLinkPage(dealer: Dealer, origin: string | undefined): string {
  const base = portalLinkBase(dealer, origin);
  if (!base) {
    const message = 'This portal has no page to send a set-password link to (dealer setting portalUrl). Send a temporary password instead.';
    throw new PorchlightError('VALIDATION_FAILED', message, { fields: { credentials: message } });
  }
  return base;
}

/**
 * Checks, before a login is set up, that its login email can be sent: a link (the dealer's
 * choice, or always for a reused profile, which may have a password) needs a portal page.
 */
export function checkLoginEmailPossible(dealer: Dealer, origin: string | undefined, input: { credentials?: LoginCredentials | undefined; profileId?: string | undefined }): void {
  if ((input.credentials ?? onboardingSettings(dealer).credentials) === 'link' || input.profileId) requireLinkPage(dealer, origin);
}

/**
 * Gives a login not yet activated fresh credentials for its login email, voiding older ones:
 * a single-use link `<portal page>#porchlight-activate=<secret>` (valid activationLinkHours;
 * its nonce on the login, so a newer link voids it), or a random temporary password (valid
 * temporaryPasswordHours; it becomes the profile's password hash, changed at first login when
 * forcePasswordChange). A temporary password only while the person has no working password
 * (no activated login of their profile): otherwise always a link, so an email never replaces a
 * password in use. Records the invitation on the login.
 */
export async function issueLoginCredentials(
  deps: Deps,
  dealer: Dealer,
  login: UserRecord,
  options: { credentials?: LoginCredentials | undefined; actor: Actor; origin?: string | undefined },
): Promise<IssuedCredentials> {
  if (isActivated(login)) throw new Error('issueLoginCredentials: the login is already activated (send a reset link instead).');
  const settings = onboardingSettings(dealer);
  const hasPassword = await profileHasPassword(deps, login);
  const credentials: LoginCredentials = hasPassword ? 'link' : (options.credentials ?? settings.credentials);
  const now = deps.now();
  const invitation = (expiresAt: number): Invitation => ({ sentAt: iso(now), expiresAt: iso(expiresAt), credentials, sentBy: options.actor });

  if (credentials === 'link') {
    const base = requireLinkPage(dealer, options.origin);
    const hours = dealerSetting(dealer, 'activationLinkHours');
    const expiresAt = now + hours * 3_600_000;
    // An emailed temporary password this link replaces stops working (nobody knows the new hash).
    const voidTemporary = !hasPassword && login.temporaryPassword ? await deps.hasher.hash(randomSecret(32)) : undefined;
    const nonce = newId(now);
    const record: ActivationTokenRecord = { kind: 'activate', dealerId: dealer.id, accountId: login.accountId, userId: login.id, nonce, expiresAt };
    const secret = await storeOneTimeToken(deps, record, hours * 60);
    const user = await updateUser(deps, login, (u) => ({
      ...stillPending(u),
      activationNonce: nonce,
      invitation: invitation(expiresAt),
      ...(voidTemporary ? { passwordHash: voidTemporary, temporaryPassword: null, mustChangePassword: false } : {}),
    }));
    return { user, credentials, setPasswordUrl: `${base}#porchlight-activate=${secret}`, temporaryPassword: null, mustChangePassword: false, expiresAt, hours };
  }

  const hours = settings.temporaryPasswordHours;
  const expiresAt = now + hours * 3_600_000;
  const temporaryPassword = readablePassword();
  const passwordHash = await deps.hasher.hash(temporaryPassword);
  const user = await updateUser(deps, login, (u) => {
    // Checked again inside compare-and-set: a password chosen meanwhile is never replaced.
    if (u.passwordChangedAt) throw new PorchlightError('CONFLICT', `${u.name} chose a password meanwhile. Send the login email again.`);
    return {
      ...stillPending(u),
      passwordHash,
      temporaryPassword: { expiresAt, usedAt: null },
      mustChangePassword: settings.forcePasswordChange,
      // Older links, of either kind, stop working.
      activationNonce: null,
      resetNonce: null,
      invitation: invitation(expiresAt),
    };
  });
  return { user, credentials, setPasswordUrl: null, temporaryPassword, mustChangePassword: settings.forcePasswordChange, expiresAt, hours };
}

/** The names of the other accounts the login's profile reaches (for the login email and Setup access). */
export async function otherAccountsOf(deps: Deps, login: UserRecord): Promise<Array<{ accountId: string; name: string; identifier: string }>> {
  if (!login.profileId) return [];
  const profile = await getLoginProfile(deps, login.dealerId, login.profileId);
  if (!profile) return [];
  const logins = await profileLogins(deps, profile.value, { accountId: login.accountId, userId: login.id });
  const accounts = await Promise.all(logins.map((u) => getAccount(deps, login.dealerId, u.accountId)));
  return accounts
    .flatMap((a) => (a ? [{ accountId: a.value.id, name: a.value.name, identifier: a.value.identifier }] : []))
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.identifier.localeCompare(b.identifier));
}

export type LoginEmailTemplate = 'registration-confirmation' | 'login-invitation';

/**
 * Fresh credentials for a login not yet activated, and the email that carries them (the
 * caller sends it through `background`, so a mail failure never undoes anything).
 */
export async function renewLoginEmail(
  deps: Deps,
  dealer: Dealer,
  account: AccountRecord,
  login: UserRecord,
  options: { template: LoginEmailTemplate; credentials?: LoginCredentials | undefined; actor: Actor; origin?: string | undefined },
): Promise<{ issued: IssuedCredentials; mail: MailMessage }> {
  if (!login.email) throw new PorchlightError('VALIDATION_FAILED', `${login.name} has no email address.`, { fields: { email: 'Add an email address first.' } });
  const issued = await issueLoginCredentials(deps, dealer, login, options);
  const data = {
    name: issued.user.name,
    accountName: account.name,
    identifier: account.identifier,
    username: issued.user.username,
    setPasswordUrl: issued.setPasswordUrl,
    temporaryPassword: issued.temporaryPassword,
    mustChangePassword: issued.mustChangePassword,
    expiresInHours: issued.hours,
    loginUrl: portalLinkBase(dealer, options.origin) ?? null,
  };
  const to = { email: login.email, name: issued.user.name };
  const mail: MailMessage =
    options.template === 'registration-confirmation'
      ? { template: 'registration-confirmation', to, dealer: mailDealer(dealer), data }
      : { template: 'login-invitation', to, dealer: mailDealer(dealer), data: { ...data, otherAccounts: (await otherAccountsOf(deps, issued.user)).map((a) => a.name), reset: false } };
  return { issued, mail };
}

/**
 * For a login already activated whose person registered again or asked for a new link:
 * 'already-registered', with a fresh reset link in case they forgot their password (none when
 * the dealer has no page for it).
 */
export async function alreadyRegisteredEmail(deps: Deps, dealer: Dealer, account: AccountRecord, login: UserRecord, origin: string | undefined): Promise<MailMessage | null> {
  if (!login.email) return null;
  const minutes = dealerSetting(dealer, 'resetLinkMinutes');
  const link = passwordLinkBase(dealer, origin) ? await issuePasswordLink(deps, dealer, login, { kind: 'reset', minutes, origin }) : null;
  return {
    template: 'already-registered',
    to: { email: login.email, name: login.name },
    dealer: mailDealer(dealer),
    data: { name: login.name, accountName: account.name, identifier: account.identifier, username: login.username, resetUrl: link?.url ?? null, expiresInMinutes: minutes, loginUrl: portalLinkBase(dealer, origin) ?? null },
  };
}

/** The audit line of a login email sent ('access.login-email-sent'). */
export async function auditLoginEmail(deps: Deps, account: AccountRecord, issued: IssuedCredentials, actor: Actor, clientAddress?: string | undefined): Promise<void> {
  const what = issued.credentials === 'link' ? 'a link to choose a password' : 'a temporary password';
  await audit(deps, {
    dealerId: account.dealerId,
    accountId: account.id,
    action: 'access.login-email-sent',
    actor,
    summary: `${actor.name} emailed ${who(issued.user)} ${what} (valid ${issued.hours} hours)`,
    target: { type: 'user', id: issued.user.id },
    details: { credentials: issued.credentials, expiresAt: iso(issued.expiresAt) },
    clientAddress,
  });
}

// ---- how Setup access shows a login ------------------------------------------------------

/** Where a login stands in onboarding. A login never sent a login email (or whose email expired) is 'invitation-expired'. */
export function accessState(u: UserRecord, now: number): AccessState {
  if (u.status === 'disabled') return 'disabled';
  if (isActivated(u)) return 'active';
  return u.invitation && Date.parse(u.invitation.expiresAt) > now ? 'invited' : 'invitation-expired';
}

export async function toAccessLogin(deps: Deps, login: UserRecord, account: AccountRecord): Promise<AccessLogin> {
  return {
    user: toPublicUser(login, account),
    state: accessState(login, deps.now()),
    activatedAt: login.activatedAt ?? null,
    invitation: isActivated(login) ? null : (login.invitation ?? null),
    otherAccounts: await otherAccountsOf(deps, login),
  };
}
