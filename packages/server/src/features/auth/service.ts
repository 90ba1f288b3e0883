import {
  newId,
  normalizeUsername,
  PorchlightError,
  StoreConflictError,
  type Actor,
  type ChangePasswordRequest,
  type ForgotPasswordRequest,
  type LoginRequest,
  type ResetPasswordRequest,
  type LinkedAccount,
  type SessionResponse,
} from '@porchlight/core';
import type { Deps, PortalAuth } from '../../context.js';
import { randomSecret, sha256Hex } from '../../crypto.js';
import { hitLimit, refundLimit } from '../../http/rate-limit.js';
import { dealerSetting, onboardingSettings, type Dealer } from '../../options.js';
import { checkNewPassword } from '../../passwords/policy.js';
import { audit } from '../../audit/audit.js';
import { createSession, keepSession, sessionExpiry, type SessionRecord } from '../../sessions/sessions.js';
import { keys } from '../../store/keys.js';
import { findAccountByIdentifier, findUserByUsername, getAccount, getLoginProfile, getUser, listUsers, updateUser } from '../accounts/service.js';
import { isActivated, toPortalAccount, toPublicUser, type AccountRecord, type UserRecord } from '../accounts/records.js';

export interface RequestInfo {
  clientAddress: string | undefined;
  userAgent: string | undefined;
  /** Origin of the page that asked (already checked against the allow-list). */
  origin: string | undefined;
}

export function publicDealer(dealer: Dealer) {
  const onboarding = onboardingSettings(dealer);
  return { id: dealer.id, name: dealer.name, branding: dealer.branding, onboarding: { registration: onboarding.registration, requestAccess: onboarding.requestAccess } };
}

/**
 * The accounts this login's person can switch to (this one first, then by name): every
 * activated, active login of its profile; only this account for a login with no profile.
 */
export async function linkedAccounts(deps: Deps, user: UserRecord, account: AccountRecord): Promise<LinkedAccount[]> {
  const current: LinkedAccount = { accountId: account.id, name: account.name, identifier: account.identifier, role: user.role, current: true };
  if (!user.profileId) return [current];
  const profile = await getLoginProfile(deps, user.dealerId, user.profileId);
  if (!profile) return [current];
  const others: LinkedAccount[] = [];
  for (const member of profile.value.members) {
    if (member.accountId === account.id) continue;
    const [login, other] = await Promise.all([getUser(deps, user.dealerId, member.accountId, member.userId), getAccount(deps, user.dealerId, member.accountId)]);
    if (!login || !other || login.value.profileId !== user.profileId || login.value.status !== 'active' || !isActivated(login.value)) continue;
    others.push({ accountId: other.value.id, name: other.value.name, identifier: other.value.identifier, role: login.value.role, current: false });
  }
  others.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.identifier.localeCompare(b.identifier));
  return [current, ...others];
}

export async function sessionResponse(deps: Deps, dealer: Dealer, session: SessionRecord, user: UserRecord, account: AccountRecord, token?: string): Promise<SessionResponse> {
  const { idleExpiresAt, expiresAt } = sessionExpiry(session);
  return {
    session: {
      ...(token ? { token } : {}),
      expiresAt: new Date(expiresAt).toISOString(),
      idleExpiresAt: new Date(idleExpiresAt).toISOString(),
      mustChangePassword: user.mustChangePassword && !session.emulation,
      emulatedBy: session.emulation ? { adminId: session.emulation.adminId, name: session.emulation.adminName } : null,
    },
    user: toPublicUser(user, account),
    account: toPortalAccount(account),
    dealer: publicDealer(dealer),
    // An emulating admin sees only the account they opened.
    accounts: session.emulation ? [{ accountId: account.id, name: account.name, identifier: account.identifier, role: user.role, current: true }] : await linkedAccounts(deps, user, account),
  };
}

export function sessionLifetime(dealer: Dealer) {
  return { idleSeconds: dealerSetting(dealer, 'sessionIdleMinutes') * 60, absoluteSeconds: dealerSetting(dealer, 'sessionAbsoluteHours') * 3600 };
}

/**
 * Login with identifier + username + password. Unknown identifier, unknown user, wrong
 * password and disabled user all get the same INVALID_CREDENTIALS after the same work (a
 * password verification happens every time).
 */
export async function login(deps: Deps, dealer: Dealer, input: LoginRequest & { identifier: string; username: string }, req: RequestInfo) {
  const username = normalizeUsername(input.username);
  await hitLimit(deps, 'loginAddress', req.clientAddress);
  await hitLimit(deps, 'loginAccount', `${dealer.id}:${input.identifier}`);
  await hitLimit(deps, 'loginUser', `${dealer.id}:${input.identifier}:${username}`);

  const account = await findAccountByIdentifier(deps, dealer.id, input.identifier);
  const found = account ? await findUserByUsername(deps, dealer.id, account.value.id, username) : null;
  const passwordOk = await deps.hasher.verify(found?.value.passwordHash ?? (await deps.dummyHash()), input.password);
  // A login set up but not activated yet is refused exactly like a wrong password.
  if (!account || !found || !passwordOk || found.value.status !== 'active' || !maySignIn(found.value)) {
    if (account) {
      await audit(deps, {
        dealerId: dealer.id,
        accountId: account.value.id,
        action: 'auth.login-failed',
        actor: { kind: 'system', name: 'login' },
        summary: found ? `Failed login for ${found.value.username}` : 'Failed login for an unknown username',
        ...(found ? { target: { type: 'user', id: found.value.id } } : {}),
        clientAddress: req.clientAddress,
      });
    }
    throw new PorchlightError('INVALID_CREDENTIALS');
  }
  // The password was right: saying that a temporary one expired or was used reveals nothing new.
  checkTemporaryPassword(found.value, deps.now());

  // Only failures count against the limits.
  await refundLimit(deps, 'loginAddress', req.clientAddress);
  await refundLimit(deps, 'loginAccount', `${dealer.id}:${input.identifier}`);
  await refundLimit(deps, 'loginUser', `${dealer.id}:${input.identifier}:${username}`);
  const user = await updateUser(deps, found.value, (u) => signedIn(u, deps.now()));
  const { token, record } = await createSession(deps, user, { ...sessionLifetime(dealer), clientAddress: req.clientAddress, userAgent: req.userAgent });
  if (found.value.activatedAt === null) {
    await audit(deps, {
      dealerId: dealer.id,
      accountId: account.value.id,
      action: 'auth.activated',
      actor: { kind: 'user', userId: user.id, name: user.name },
      summary: `${user.name} activated their login with the emailed temporary password`,
      clientAddress: req.clientAddress,
    });
  }
  await audit(deps, {
    dealerId: dealer.id,
    accountId: account.value.id,
    action: 'auth.login',
    actor: { kind: 'user', userId: user.id, name: user.name },
    summary: `${user.name} logged in`,
    clientAddress: req.clientAddress,
  });
  return { token, response: await sessionResponse(deps, dealer, record, user, account.value, token) };
}

/**
 * Whether a login may sign in: an onboarding login not activated yet only with the temporary
 * password of a login email still standing for it (its first use activates it; disabling the
 * login or a new email voids it, see `loginEmailVoided`); a login made before onboarding always.
 */
function maySignIn(u: UserRecord): boolean {
  return isActivated(u) || (Boolean(u.temporaryPassword) && Boolean(u.invitation));
}

/**
 * The rules of an emailed temporary password, checked once the password verified: it works
 * until `expiresAt` before its first use; once used it must be replaced (when the dealer
 * forces a change), so a second sign-in with it is refused.
 */
function checkTemporaryPassword(u: UserRecord, now: number): void {
  const temporary = u.temporaryPassword;
  if (!temporary) return;
  if (temporary.usedAt !== null && u.mustChangePassword) throw new PorchlightError('TEMPORARY_PASSWORD_USED');
  if (temporary.usedAt === null && temporary.expiresAt <= now) throw new PorchlightError('TEMPORARY_PASSWORD_EXPIRED');
}

/**
 * The login as a successful sign-in leaves it. The first use of a temporary password is
 * recorded (re-checked here, inside compare-and-set, so two sign-ins at once cannot both be
 * the first) and activates a login not activated yet; without a forced change the temporary
 * password simply becomes the password.
 */
function signedIn(u: UserRecord, now: number): UserRecord {
  const at = new Date(now).toISOString();
  const next: UserRecord = { ...u, lastLoginAt: at };
  if (!maySignIn(u)) throw new PorchlightError('INVALID_CREDENTIALS');
  if (u.temporaryPassword) {
    checkTemporaryPassword(u, now);
    next.temporaryPassword = u.mustChangePassword ? { ...u.temporaryPassword, usedAt: now } : null;
  }
  if (!isActivated(u)) Object.assign(next, { activatedAt: at, invitation: null, activationNonce: null });
  return next;
}

/**
 * The login with a password the person chose (change, reset link, activation): older sessions
 * end, reset links stop working, and it is no longer a temporary or must-change password.
 */
export function withNewPassword(u: UserRecord, passwordHash: string, now: string, actor: Actor): UserRecord {
  return {
    ...u,
    passwordHash,
    mustChangePassword: false,
    sessionEpoch: u.sessionEpoch + 1,
    resetNonce: null,
    // A temporary password stops being one once replaced.
    temporaryPassword: null,
    passwordChangedAt: now,
    updatedAt: now,
    updatedBy: actor,
  };
}

/** Change password: needs the current one; ends the user's other sessions, keeps this one. */
export async function changePassword(deps: Deps, dealer: Dealer, auth: PortalAuth, input: ChangePasswordRequest, req: RequestInfo, background: (p: Promise<unknown>) => void) {
  if (!(await deps.hasher.verify(auth.user.passwordHash, input.currentPassword))) {
    throw new PorchlightError('WRONG_PASSWORD', undefined, { fields: { currentPassword: 'The current password is not right.' } });
  }
  if (input.newPassword === input.currentPassword) {
    throw new PorchlightError('WEAK_PASSWORD', 'Choose a password different from the current one.', { fields: { newPassword: 'Choose a password different from the current one.' } });
  }
  checkNewPassword(input.newPassword, { username: auth.user.username, identifier: auth.account.identifier });
  const passwordHash = await deps.hasher.hash(input.newPassword);
  const now = new Date(deps.now()).toISOString();
  const user = await updateUser(deps, auth.user, (u) => withNewPassword(u, passwordHash, now, auth.actor));
  const session = await keepSession(deps, auth, user);
  await audit(deps, {
    dealerId: dealer.id,
    accountId: auth.account.id,
    action: 'auth.password-changed',
    actor: auth.actor,
    summary: `${user.name} changed their password`,
    clientAddress: req.clientAddress,
  });
  background(sendPasswordChanged(deps, dealer, user, auth.account, now));
  return sessionResponse(deps, dealer, session, user, auth.account);
}

function sendPasswordChanged(deps: Deps, dealer: Dealer, user: UserRecord, account: AccountRecord, changedAt: string) {
  if (!user.email) return Promise.resolve();
  return deps.mailer.send({
    template: 'password-changed',
    to: { email: user.email, name: user.name },
    dealer: mailDealer(dealer),
    data: { name: user.name, accountName: account.name, username: user.username, changedAt },
  });
}

export function mailDealer(dealer: Dealer) {
  return { id: dealer.id, name: dealer.name, branding: dealer.branding, supportEmail: dealer.settings.supportEmail, portalUrl: dealer.settings.portalUrl };
}

interface ResetTokenRecord extends OneTimeTokenRecord {
  /** 'reset': forgot password or a manager-sent link; 'invite': a new login's set-password link. */
  kind: PasswordLinkKind;
  dealerId: string;
  accountId: string;
  userId: string;
  nonce: string;
  expiresAt: number;
}

export type PasswordLinkKind = 'reset' | 'invite';

/**
 * The page a password link opens: the dealer's reset page, else its portal page, else the
 * page that asked (its origin). Undefined when none is known.
 */
export function passwordLinkBase(dealer: Dealer, origin?: string | undefined): string | undefined {
  const base = dealer.settings.resetUrl ?? dealer.settings.portalUrl ?? (origin ? `${origin}/` : undefined);
  return base?.split('#')[0];
}

/**
 * The one issuer of single-use password links (forgot password, a manager-sent link, a new
 * login's invitation): stores the link's record under SHA-256 of its secret with a TTL, puts
 * the link's nonce on the user (a newer link voids older ones), and builds the URL
 * `<resetUrl or portalUrl>#porchlight-reset=<secret>` that <porchlight-reset-password>
 * redeems through POST /v1/auth/reset. Throws when the dealer has no page to link to.
 */
export async function issuePasswordLink(
  deps: Deps,
  dealer: Dealer,
  user: Pick<UserRecord, 'dealerId' | 'accountId' | 'id'>,
  options: { kind: PasswordLinkKind; minutes: number; origin?: string | undefined },
): Promise<{ user: UserRecord; url: string; expiresAt: number }> {
  const base = passwordLinkBase(dealer, options.origin);
  if (!base) throw new Error(`Dealer ${dealer.id} has no settings.resetUrl or settings.portalUrl: cannot build a password link.`);
  const nonce = newId(deps.now());
  const expiresAt = deps.now() + options.minutes * 60_000;
  const record: ResetTokenRecord = { kind: options.kind, dealerId: dealer.id, accountId: user.accountId, userId: user.id, nonce, expiresAt };
  const secret = await storeOneTimeToken(deps, record, options.minutes);
  const updated = await updateUser(deps, user, (u) => ({ ...u, resetNonce: nonce }));
  return { user: updated, url: `${base}#porchlight-reset=${secret}`, expiresAt };
}

/** What every one-time link's record holds (password links, email confirmations). */
export interface OneTimeTokenRecord {
  kind: string;
  dealerId: string;
  expiresAt: number;
}

/**
 * Stores a one-time link's record under SHA-256 of a new random secret (insert-if-absent, with
 * a TTL of `minutes`) and answers the secret, which only the link carries.
 */
export async function storeOneTimeToken(deps: Deps, record: OneTimeTokenRecord, minutes: number): Promise<string> {
  const secret = randomSecret(20);
  await deps.store.put(keys.oneTimeToken(sha256Hex(secret)), record, { ifVersion: null, ttl: minutes * 60 });
  return secret;
}

/** A one-time link's record when the secret is well-formed, of one of `kinds`, this dealer's and not expired; else null. */
export async function readOneTimeToken<R extends OneTimeTokenRecord>(deps: Deps, dealerId: string, token: string, kinds: readonly string[]) {
  if (!TOKEN_PATTERN.test(token)) return null;
  const found = await deps.store.get<R>(keys.oneTimeToken(sha256Hex(token)));
  if (!found || !kinds.includes(found.value.kind) || found.value.dealerId !== dealerId || found.value.expiresAt <= deps.now()) return null;
  return found;
}

/** Deletes a used link's record (a concurrent delete is fine: the record's own nonce check decides). */
export async function dropOneTimeToken(deps: Deps, token: string, version: string): Promise<void> {
  await deps.store.delete(keys.oneTimeToken(sha256Hex(token)), { ifVersion: version }).catch((e) => {
    if (!(e instanceof StoreConflictError)) throw e;
  });
}

/** The portal page a link opens (the dealer's portal page, else the page that asked), without a fragment. */
export function portalLinkBase(dealer: Dealer, origin?: string | undefined): string | undefined {
  const base = dealer.settings.portalUrl ?? (origin ? `${origin}/` : undefined);
  return base?.split('#')[0];
}

export const NEUTRAL_FORGOT_MESSAGE = "If the details match a login, we've sent an email with a link to choose a new password. It works for a limited time.";

/**
 * Forgot password: always the same answer. When the identifier and username (or email) match
 * an active user with an email, a single-use link is emailed; a newer link voids older ones.
 * The lookup and sending run in the background so the answer takes the same time either way.
 */
export async function forgotPassword(deps: Deps, dealer: Dealer, input: ForgotPasswordRequest & { identifier: string }, req: RequestInfo, background: (p: Promise<unknown>) => void) {
  await hitLimit(deps, 'forgotAddress', req.clientAddress);
  await hitLimit(deps, 'forgotAccount', `${dealer.id}:${input.identifier}`);
  background(sendResetLink(deps, dealer, input, req));
  return { ok: true as const, message: NEUTRAL_FORGOT_MESSAGE };
}

async function sendResetLink(deps: Deps, dealer: Dealer, input: ForgotPasswordRequest & { identifier: string }, req: RequestInfo) {
  const account = await findAccountByIdentifier(deps, dealer.id, input.identifier);
  if (!account) return;
  let user: UserRecord | undefined;
  if (input.username) user = (await findUserByUsername(deps, dealer.id, account.value.id, input.username))?.value;
  else if (input.email) {
    const email = input.email.toLowerCase();
    user = (await listUsers(deps, dealer.id, account.value.id)).find((u) => u.email?.toLowerCase() === email && u.status === 'active');
  }
  if (!user || user.status !== 'active' || !user.email) return;

  const minutes = dealerSetting(dealer, 'resetLinkMinutes');
  const { user: updated, url } = await issuePasswordLink(deps, dealer, user, { kind: 'reset', minutes, origin: req.origin });
  await audit(deps, {
    dealerId: dealer.id,
    accountId: account.value.id,
    action: 'auth.password-reset-requested',
    actor: { kind: 'system', name: 'forgot password' },
    summary: `Password reset link sent to ${updated.name}`,
    target: { type: 'user', id: updated.id },
    clientAddress: req.clientAddress,
  });
  await deps.mailer.send({
    template: 'password-reset',
    to: { email: updated.email!, name: updated.name },
    dealer: mailDealer(dealer),
    data: { name: updated.name, resetUrl: url, expiresInMinutes: minutes, accountName: account.value.name, username: updated.username },
  });
}

const TOKEN_PATTERN = /^[a-z2-7]{32}$/;

async function readResetToken(deps: Deps, dealer: Dealer, token: string) {
  const found = await readOneTimeToken<ResetTokenRecord>(deps, dealer.id, token, ['reset', 'invite']);
  if (!found) return null;
  const user = await getUser(deps, dealer.id, found.value.accountId, found.value.userId);
  if (!user || user.value.resetNonce !== found.value.nonce || user.value.status !== 'active') return null;
  return { token: found, user: user.value };
}

export async function checkResetToken(deps: Deps, dealer: Dealer, token: string, req: RequestInfo) {
  await hitLimit(deps, 'resetAddress', req.clientAddress);
  const found = await readResetToken(deps, dealer, token);
  return { valid: Boolean(found), expiresAt: found ? new Date(found.token.value.expiresAt).toISOString() : null };
}

/** Uses a reset link once: sets the password, ends every session of the user, emails a notice. */
export async function resetPassword(deps: Deps, dealer: Dealer, input: ResetPasswordRequest, req: RequestInfo, background: (p: Promise<unknown>) => void) {
  await hitLimit(deps, 'resetAddress', req.clientAddress);
  const found = await readResetToken(deps, dealer, input.token);
  if (!found) throw new PorchlightError('INVALID_TOKEN', undefined, { fields: { token: 'This link is not valid or has expired. Ask for a new one.' } });
  const account = await getAccount(deps, dealer.id, found.user.accountId);
  checkNewPassword(input.newPassword, { username: found.user.username, identifier: account?.value.identifier });
  const passwordHash = await deps.hasher.hash(input.newPassword);
  const now = new Date(deps.now()).toISOString();
  const nonce = found.token.value.nonce;
  // The nonce check inside compare-and-set makes the link single-use even under a race.
  const user = await updateUser(deps, found.user, (u) => {
    if (u.resetNonce !== nonce) throw new PorchlightError('INVALID_TOKEN');
    return {
      ...withNewPassword(u, passwordHash, now, { kind: 'user', userId: u.id, name: u.name }),
      // A link to the login's email proves what an activation link proves: a login set up but not activated is activated by it.
      ...(isActivated(u) ? {} : { activatedAt: now, invitation: null, activationNonce: null }),
    };
  });
  await deps.store.delete(keys.oneTimeToken(sha256Hex(input.token)), { ifVersion: found.token.version }).catch((e) => {
    if (!(e instanceof StoreConflictError)) throw e;
  });
  await audit(deps, {
    dealerId: dealer.id,
    accountId: user.accountId,
    action: 'auth.password-reset',
    actor: { kind: 'user', userId: user.id, name: user.name },
    summary: `${user.name} reset their password with an emailed link`,
    clientAddress: req.clientAddress,
  });
  if (account) background(sendPasswordChanged(deps, dealer, user, account.value, now));
  return { ok: true as const, message: 'Your password was changed. You can now log in with it.' };
}
