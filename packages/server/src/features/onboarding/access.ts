import * as v from 'valibot';
import {
  normalizeRegistrationKey,
  PorchlightError,
  REGISTRATION_KEY_PATTERN,
  StoreConflictError,
  type AccountPeople,
  type Actor,
  type AccessLogin,
  type LoginProfileList,
  type RegistrationKeyResponse,
  type SendLoginEmailRequest,
  type SendLoginEmailResponse,
  type SetupAccessRequest,
  type UpdateAccessRequest,
} from '@porchlight/core';
import type { Deps } from '../../context.js';
import { audit } from '../../audit/audit.js';
import { hitLimit } from '../../http/rate-limit.js';
import { dealerSetting, type Dealer } from '../../options.js';
import { keys } from '../../store/keys.js';
import { updateRecord } from '../../store/update.js';
import { isActivated, loginEmailVoided, type AccountRecord, type UserRecord } from '../accounts/records.js';
import { claimUsername, cleanUsername, getAccount, getLoginProfile, getUser, listUsers, releaseUsername, updateUser, withUsersLock } from '../accounts/service.js';
import { issuePasswordLink, mailDealer, passwordLinkBase, portalLinkBase } from '../auth/service.js';
import { listContacts } from '../contacts/service.js';
import { grantable, keepAManager } from '../staff/service.js';
import type { AdminCaller } from './access-requests.js';
import { auditLoginEmail, checkLoginEmailPossible, createLogin, defaultPermissions, orderedGrants, otherAccountsOf, renewLoginEmail, roleName, toAccessLogin, who } from './logins.js';
import { foldName } from './names.js';
import { findProfileByEmail, leaveLoginProfile, moveProfileEmail, profileLogins } from './profiles.js';

/**
 * Setup access, the dealer's side of onboarding (<porchlight-setup-access>): who can get into
 * an account, setting up a login and emailing it, changing what it may see or do, revoking it,
 * and the account's registration key.
 */

export type SetupAccessInput = v.InferOutput<typeof SetupAccessRequest>;
export type UpdateAccessInput = v.InferOutput<typeof UpdateAccessRequest>;

async function requireLogin(deps: Deps, account: AccountRecord, userId: string) {
  const found = await getUser(deps, account.dealerId, account.id, userId);
  if (!found) throw new PorchlightError('NOT_FOUND', 'No such login in this account.');
  return found;
}

/** Managers first, then by name. */
function byRoleAndName(a: UserRecord, b: UserRecord): number {
  const rank = (u: UserRecord) => (u.role === 'manager' ? 0 : 1);
  return rank(a) - rank(b) || a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.username.localeCompare(b.username) || a.id.localeCompare(b.id);
}

/** The account's logins as Setup access shows them, call-list people without a login of the same name, and the registration key. */
export async function accountPeople(deps: Deps, account: AccountRecord): Promise<AccountPeople> {
  const [users, contacts] = await Promise.all([listUsers(deps, account.dealerId, account.id), listContacts(deps, account.dealerId, account.id)]);
  const loginNames = new Set(users.map((u) => foldName(u.name)));
  return {
    logins: await Promise.all(users.sort(byRoleAndName).map((u) => toAccessLogin(deps, u, account))),
    contacts: contacts.filter((c) => !loginNames.has(foldName(c.name))).map((c) => ({ contactId: c.id, name: c.name, phone: c.phone })),
    registrationKey: account.registrationKey ?? null,
    registrationKeyUpdatedAt: account.registrationKeyUpdatedAt ?? null,
  };
}

/**
 * Sets up a login for a person (the shared onboarding service) and, unless told not to, sends
 * its login email. A link needs a portal page: that is checked before anything is written.
 */
export async function setupAccess(deps: Deps, dealer: Dealer, account: AccountRecord, input: SetupAccessInput, caller: AdminCaller, background: (p: Promise<unknown>) => void): Promise<AccessLogin> {
  const send = input.sendLoginEmail !== false;
  if (send) checkLoginEmailPossible(dealer, caller.origin, input);
  const created = await createLogin(
    deps,
    dealer,
    account,
    {
      name: input.name,
      email: input.email,
      username: input.username,
      role: input.role ?? 'client',
      grants: input.grants,
      permissions: input.permissions,
      profile: input.profileId ? { id: input.profileId } : 'new',
    },
    caller.actor,
  );
  await audit(deps, {
    dealerId: dealer.id,
    accountId: account.id,
    action: 'access.setup',
    actor: caller.actor,
    summary: `${caller.actor.name} set up a login for ${who(created)} as ${roleName(created.role)}${input.profileId ? ' (a login profile that reaches other accounts)' : ''}`,
    target: { type: 'user', id: created.id },
    details: { role: created.role, grants: created.grants, ...(created.permissions ? { permissions: created.permissions } : {}), profileId: created.profileId },
    clientAddress: caller.clientAddress,
  });
  if (!send) return toAccessLogin(deps, created, account);
  const { issued, mail } = await renewLoginEmail(deps, dealer, account, created, { template: 'login-invitation', credentials: input.credentials, actor: caller.actor, origin: caller.origin });
  await auditLoginEmail(deps, account, issued, caller.actor, caller.clientAddress);
  background(deps.mailer.send(mail));
  return toAccessLogin(deps, issued.user, account);
}

/**
 * Changes what a login may see (grants) or do (permissions, inside the account's ceiling), its
 * role (the last active manager stays one), username (unique in the account), name or email.
 * A login of a profile carries the profile's email: a new email moves the profile's, for
 * every account of the person. A new email voids the links and temporary password already
 * sent to the old one.
 */
export async function updateAccess(deps: Deps, dealer: Dealer, account: AccountRecord, userId: string, input: UpdateAccessInput, caller: AdminCaller): Promise<AccessLogin> {
  const asked = input.permissions ? grantable(account, input.permissions) : undefined;
  const newUsername = input.username !== undefined ? cleanUsername(input.username) : undefined;

  const { before, after } = await withUsersLock(deps, dealer.id, account.id, async () => {
    const target = (await requireLogin(deps, account, userId)).value;
    const role = input.role ?? target.role;
    if (role !== target.role && target.role === 'manager') keepAManager(await listUsers(deps, dealer.id, account.id), target);
    // A manager holds what the account allows; one who stops being a manager gets the role's defaults unless told.
    const permissions = role === 'manager' ? undefined : (asked ?? (target.role === 'manager' ? defaultPermissions(role) : target.permissions));
    const emailChanges = input.email !== undefined && input.email.toLowerCase() !== (target.email ?? '').toLowerCase();
    const usernameChanges = newUsername !== undefined && newUsername.normalized !== target.usernameNormalized;

    if (usernameChanges) await claimUsername(deps, dealer.id, account.id, newUsername.normalized, target.id);
    try {
      if (emailChanges && target.profileId) await moveProfileEmail(deps, dealer.id, target.profileId, input.email!);
      const now = new Date(deps.now()).toISOString();
      const updated = await updateUser(deps, target, (u) => {
        const next: UserRecord = {
          ...u,
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.email !== undefined ? { email: input.email } : {}),
          ...(newUsername ? { username: newUsername.username, usernameNormalized: newUsername.normalized } : {}),
          ...(input.grants !== undefined ? { grants: orderedGrants(input.grants) } : {}),
          role,
          updatedAt: now,
          updatedBy: caller.actor,
        };
        if (permissions) next.permissions = permissions;
        else delete next.permissions;
        if (emailChanges) Object.assign(next, voidedCredentials(u));
        return next;
      });
      if (usernameChanges) await releaseUsername(deps, dealer.id, account.id, target.usernameNormalized, target.id);
      return { before: target, after: updated };
    } catch (error) {
      if (usernameChanges) await releaseUsername(deps, dealer.id, account.id, newUsername.normalized, target.id);
      throw error;
    }
  });
  if (after.profileId && before.email !== after.email) await followProfileEmail(deps, after);

  const changed = (['name', 'email', 'username', 'role', 'permissions', 'grants'] as const).filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null));
  if (changed.length) {
    await audit(deps, {
      dealerId: dealer.id,
      accountId: account.id,
      action: 'access.updated',
      actor: caller.actor,
      summary: `${caller.actor.name} changed the ${changed.join(', ')} of the login of ${who(after)}`,
      target: { type: 'user', id: after.id },
      details: Object.fromEntries(changed.map((f) => [f, { from: before[f] ?? null, to: after[f] ?? null }])),
      clientAddress: caller.clientAddress,
    });
  }
  return toAccessLogin(deps, after, account);
}

/**
 * What goes when a login's email changes: links sent to the old address (reset, activation)
 * and, for a login not activated yet, its invitation and temporary password.
 */
function voidedCredentials(u: UserRecord): Partial<UserRecord> {
  return { resetNonce: null, ...loginEmailVoided(u), ...(isActivated(u) ? {} : { temporaryPassword: null }) };
}

/** The person's other logins take the profile's new email too (one person, one email). */
/**
 * A person of a profile confirmed a new email in one account (the profile page's link): the
 * profile and their logins in the other accounts follow, so login emails and resets of every
 * account reach the new address. A profile of another person already holding that email keeps
 * it (the profile's email stays as it was); the logins still follow.
 */
export async function loginEmailConfirmed(deps: Deps, login: UserRecord): Promise<void> {
  if (!login.profileId || !login.email) return;
  try {
    await moveProfileEmail(deps, login.dealerId, login.profileId, login.email);
  } catch (error) {
    if (!(error instanceof PorchlightError && error.code === 'PROFILE_EMAIL_TAKEN')) throw error;
  }
  await followProfileEmail(deps, login);
}

async function followProfileEmail(deps: Deps, login: UserRecord): Promise<void> {
  const profile = login.profileId ? await getLoginProfile(deps, login.dealerId, login.profileId) : null;
  if (!profile) return;
  for (const other of await profileLogins(deps, profile.value, { accountId: login.accountId, userId: login.id })) {
    if (other.email === login.email) continue;
    await updateUser(deps, other, (u) => ({ ...u, email: login.email, ...voidedCredentials(u), updatedAt: login.updatedAt, updatedBy: login.updatedBy }));
  }
}

/**
 * Sends (or re-sends) a login's login email. Not activated yet: a new invitation (the older
 * link or temporary password stops working). Already active: a link to choose a new password
 * ('login-invitation' with reset: true; a working password is never replaced by email).
 */
export async function sendAccessLoginEmail(
  deps: Deps,
  dealer: Dealer,
  account: AccountRecord,
  userId: string,
  input: v.InferOutput<typeof SendLoginEmailRequest>,
  caller: AdminCaller,
  background: (p: Promise<unknown>) => void,
): Promise<SendLoginEmailResponse> {
  const target = (await requireLogin(deps, account, userId)).value;
  if (!target.email) {
    const message = `${target.name} has no email address. Add one first, then send the login email.`;
    throw new PorchlightError('VALIDATION_FAILED', message, { fields: { email: message } });
  }
  if (target.status !== 'active') throw new PorchlightError('VALIDATION_FAILED', `The login of ${target.name} is disabled. Enable it first, then send the login email.`);
  await hitLimit(deps, 'passwordLinkUser', `${dealer.id}:${account.id}:${target.id}`);

  if (!isActivated(target)) {
    const { issued, mail } = await renewLoginEmail(deps, dealer, account, target, { template: 'login-invitation', credentials: input.credentials, actor: caller.actor, origin: caller.origin });
    await auditLoginEmail(deps, account, issued, caller.actor, caller.clientAddress);
    background(deps.mailer.send(mail));
    const what = issued.credentials === 'link' ? 'a link to choose their password' : 'a temporary password';
    return {
      ok: true,
      message: `We emailed ${issued.user.name} ${what}. It works for ${issued.hours} hours.`,
      kind: 'invitation',
      expiresAt: new Date(issued.expiresAt).toISOString(),
      login: await toAccessLogin(deps, issued.user, account),
    };
  }

  if (!passwordLinkBase(dealer, caller.origin)) throw new PorchlightError('VALIDATION_FAILED', 'This portal has no page to send a password link to (dealer setting resetUrl or portalUrl).');
  const minutes = dealerSetting(dealer, 'resetLinkMinutes');
  const { user, url, expiresAt } = await issuePasswordLink(deps, dealer, target, { kind: 'reset', minutes, origin: caller.origin });
  await audit(deps, {
    dealerId: dealer.id,
    accountId: account.id,
    action: 'access.login-email-sent',
    actor: caller.actor,
    summary: `${caller.actor.name} emailed ${who(user)} a link to choose a new password`,
    target: { type: 'user', id: user.id },
    details: { kind: 'reset', expiresAt: new Date(expiresAt).toISOString() },
    clientAddress: caller.clientAddress,
  });
  background(
    deps.mailer.send({
      template: 'login-invitation',
      to: { email: user.email!, name: user.name },
      dealer: mailDealer(dealer),
      data: {
        name: user.name,
        accountName: account.name,
        identifier: account.identifier,
        username: user.username,
        otherAccounts: (await otherAccountsOf(deps, user)).map((a) => a.name),
        setPasswordUrl: url,
        temporaryPassword: null,
        mustChangePassword: false,
        expiresInHours: minutes / 60,
        reset: true,
        loginUrl: portalLinkBase(dealer, caller.origin) ?? null,
      },
    }),
  );
  const lasts = minutes % 60 === 0 ? `${minutes / 60} hour${minutes === 60 ? '' : 's'}` : `${minutes} minutes`;
  return {
    ok: true,
    message: `${user.name} already has a password: we emailed a link to choose a new one. It works for ${lasts}.`,
    kind: 'reset',
    expiresAt: new Date(expiresAt).toISOString(),
    login: await toAccessLogin(deps, user, account),
  };
}

/**
 * Revokes a login: it goes (its username is free again), so its sessions end and its links
 * stop working; it leaves its login profile, whose other accounts stay. Not the account's last
 * active manager. What the person did stays in the audit log.
 */
export async function revokeAccess(deps: Deps, dealer: Dealer, account: AccountRecord, userId: string, caller: AdminCaller): Promise<{ ok: true }> {
  const removed = await withUsersLock(deps, dealer.id, account.id, async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const found = await requireLogin(deps, account, userId);
      keepAManager(await listUsers(deps, dealer.id, account.id), found.value);
      try {
        await deps.store.delete(keys.user(dealer.id, account.id, found.value.id), { ifVersion: found.version });
      } catch (error) {
        // Written meanwhile (a sign-in, a new link): look again.
        if (error instanceof StoreConflictError) continue;
        throw error;
      }
      await releaseUsername(deps, dealer.id, account.id, found.value.usernameNormalized, found.value.id);
      await leaveLoginProfile(deps, found.value);
      return found.value;
    }
    throw new PorchlightError('CONFLICT');
  });
  await audit(deps, {
    dealerId: dealer.id,
    accountId: account.id,
    action: 'access.revoked',
    actor: caller.actor,
    summary: `${caller.actor.name} revoked the login of ${who(removed)}; its sessions ended`,
    target: { type: 'user', id: removed.id },
    details: { username: removed.username, name: removed.name, role: removed.role, profileId: removed.profileId ?? null },
    clientAddress: caller.clientAddress,
  });
  return { ok: true };
}

// Letters and digits people do not confuse: no 0/O, no 1/I.
const KEY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A new random registration key, `XXXX-XXXX` (40 bits; it only works with the customer number, ZIP and a name on record). */
export function randomRegistrationKey(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  const chars = [...bytes].map((b) => KEY_ALPHABET[b % KEY_ALPHABET.length]!);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/**
 * Sets the account's registration key (the one the dealer's billing prints) or rotates it to a
 * new random one; the old key stops matching at once. The key itself stays out of the audit
 * log (the account's managers read its summaries).
 */
export async function setRegistrationKey(deps: Deps, dealer: Dealer, accountId: string, registrationKey: string | undefined, caller: AdminCaller): Promise<RegistrationKeyResponse> {
  const key = registrationKey ?? randomRegistrationKey();
  const now = new Date(deps.now()).toISOString();
  const { after } = await updateRecord<AccountRecord>(
    deps.store,
    keys.account(dealer.id, accountId),
    (a) => ({ ...a, registrationKey: key, registrationKeyUpdatedAt: now, updatedAt: now, updatedBy: caller.actor }),
    () => new PorchlightError('NOT_FOUND', 'No account with this id.'),
  );
  await audit(deps, {
    dealerId: dealer.id,
    accountId,
    action: 'account.registration-key-changed',
    actor: caller.actor,
    summary: `${caller.actor.name} ${registrationKey ? 'set' : 'rotated'} the registration key of ${after.name}; the old key no longer works`,
    target: { type: 'account', id: accountId },
    clientAddress: caller.clientAddress,
  });
  return { registrationKey: key, registrationKeyUpdatedAt: now };
}

/**
 * An invoice synced with a registration key while its account has none: the account takes it,
 * so the key the dealer's billing prints on the invoices is the one registration accepts
 * without a separate call. A key already set (or rotated) here stays; one that cannot be typed
 * into the registration form is ignored. Answers whether the key was taken.
 */
export async function adoptInvoiceRegistrationKey(deps: Deps, dealer: Dealer, account: AccountRecord, invoiceKey: string, actor: Actor): Promise<boolean> {
  const key = normalizeRegistrationKey(invoiceKey);
  if (account.registrationKey || !REGISTRATION_KEY_PATTERN.test(key)) return false;
  const now = new Date(deps.now()).toISOString();
  let taken = false;
  await updateRecord<AccountRecord>(
    deps.store,
    keys.account(dealer.id, account.id),
    (a) => {
      // Someone set a key meanwhile: theirs stays.
      taken = !a.registrationKey;
      return taken ? { ...a, registrationKey: key, registrationKeyUpdatedAt: now, updatedAt: now, updatedBy: actor } : a;
    },
    () => new PorchlightError('NOT_FOUND', 'No account with this id.'),
  );
  if (taken) {
    await audit(deps, {
      dealerId: dealer.id,
      accountId: account.id,
      action: 'account.registration-key-changed',
      actor,
      summary: `${account.name} took the registration key printed on its invoices from the billing sync`,
      target: { type: 'account', id: account.id },
    });
  }
  return taken;
}

/** Login profiles to reuse for another account: the one whose email this is, with the accounts it reaches. */
export async function findLoginProfiles(deps: Deps, dealerId: string, email: string): Promise<LoginProfileList> {
  const profile = await findProfileByEmail(deps, dealerId, email);
  if (!profile) return { items: [] };
  const logins = await profileLogins(deps, profile.value);
  const accounts = await Promise.all(
    logins.map(async (u) => {
      const a = await getAccount(deps, dealerId, u.accountId);
      return a ? [{ accountId: a.value.id, name: a.value.name, identifier: a.value.identifier, username: u.username }] : [];
    }),
  );
  return { items: [{ profileId: profile.value.id, name: profile.value.name, email: profile.value.email, accounts: accounts.flat() }] };
}

