import * as v from 'valibot';
import {
  effectiveGrants,
  GRANT_SCOPE_LABELS,
  newId,
  PERMISSION_LABELS,
  PERMISSIONS,
  PorchlightError,
  STAFF_DEFAULT_PERMISSIONS,
  StoreConflictError,
  type Actor,
  type CreateStaffRequest,
  type Permission,
  type PublicUser,
  type Role,
  type StaffActionResponse,
  type UpdateStaffRequest,
} from '@porchlight/core';
import type { Deps, PortalAuth } from '../../context.js';
import { randomSecret } from '../../crypto.js';
import { hitLimit } from '../../http/rate-limit.js';
import { dealerSetting, type Dealer } from '../../options.js';
import { checkNewPassword } from '../../passwords/policy.js';
import { audit, auditDenied } from '../../audit/audit.js';
import { endLoginSessions, keepSession } from '../../sessions/sessions.js';
import { keys } from '../../store/keys.js';
import { accountPermissions, newUserRecord, toPublicUser, loginEmailVoided, type AccountRecord, type UserRecord } from '../accounts/records.js';
import { cleanUsername, getUser, insertUser, listUsers, releaseUsername, updateUser, withUsersLock } from '../accounts/service.js';
import { issuePasswordLink, mailDealer, passwordLinkBase } from '../auth/service.js';
import { leaveLoginProfile } from '../onboarding/profiles.js';

export type CreateStaffInput = v.InferOutput<typeof CreateStaffRequest>;
export type UpdateStaffInput = v.InferOutput<typeof UpdateStaffRequest>;

/**
 * Who is managing the account's logins: a signed-in user (a manager, staff holding
 * `staff.manage`, or a dealer admin emulating one of them), or the dealer's back office.
 */
export interface StaffCaller {
  /** The login acting (its role decides what it may change); null for the dealer's back office. */
  user: UserRecord | null;
  /** Who acts, for records and the audit log ("admin X as manager Y" when emulated). */
  actor: Actor;
  /** The caller's session, kept when they end their own sessions. */
  auth?: PortalAuth | undefined;
  clientAddress?: string | undefined;
  /** Origin of the page that asked: where links point when the dealer has no resetUrl/portalUrl. */
  origin?: string | undefined;
}

export interface StaffScope {
  dealer: Dealer;
  account: AccountRecord;
}

const iso = (deps: Deps) => new Date(deps.now()).toISOString();

/** Managers (and the dealer's back office) may set roles and permissions; staff holding staff.manage may not. */
function actsAsManager(caller: StaffCaller): boolean {
  return caller.user === null || caller.user.role === 'manager';
}

const isSelf = (caller: StaffCaller, target: UserRecord) => caller.user?.id === target.id;

const who = (u: Pick<UserRecord, 'name' | 'username'>) => `${u.name} (${u.username})`;

/** Refuses with PERMISSION_DENIED and leaves an 'access.denied' line for the account's manager. */
async function deny(deps: Deps, scope: StaffScope, caller: StaffCaller, what: string, message: string): Promise<never> {
  await auditDenied(deps, {
    dealerId: scope.dealer.id,
    accountId: scope.account.id,
    actor: caller.actor,
    summary: `${caller.actor.name} was refused: ${what}`,
    clientAddress: caller.clientAddress,
  });
  throw new PorchlightError('PERMISSION_DENIED', message);
}

/** Staff holding staff.manage look after staff logins only; a manager's login is for managers. */
async function mayActOn(deps: Deps, scope: StaffScope, caller: StaffCaller, target: UserRecord, what: string): Promise<void> {
  if (!actsAsManager(caller) && target.role === 'manager') {
    await deny(deps, scope, caller, `${what} ${who(target)}, a manager`, "Only a manager can change a manager's login.");
  }
}

/**
 * A signed-in caller cannot take over a login that reaches more than theirs: changing the
 * email of, or sending a password link to, a login of a login profile (its password opens the
 * person's other accounts too) or one granted parts of the data the caller's login is not
 * ("Grant access" is the dealer's to give) is the dealer's to do. Their own login excepted.
 */
async function mayReachCredentials(deps: Deps, scope: StaffScope, caller: StaffCaller, target: UserRecord, what: string): Promise<void> {
  if (!caller.user || isSelf(caller, target)) return;
  if (target.profileId) {
    await deny(deps, scope, caller, `${what} ${who(target)}, a login that also opens other accounts`, `${target.name}'s login also opens other accounts. Ask your provider to change its email or send it a password link.`);
  }
  const mine = effectiveGrants(caller.user);
  const more = effectiveGrants(target).filter((g) => !mine.includes(g));
  if (more.length) {
    const parts = more.map((g) => GRANT_SCOPE_LABELS[g].toLowerCase()).join(', ');
    await deny(deps, scope, caller, `${what} ${who(target)}, a login that sees ${parts}`, `${target.name}'s login sees ${parts}, which yours does not. Ask your provider to change its email or send it a password link.`);
  }
}

async function requireUser(deps: Deps, scope: StaffScope, userId: string) {
  const found = await getUser(deps, scope.dealer.id, scope.account.id, userId);
  if (!found) throw new PorchlightError('NOT_FOUND', 'No such user in this account.');
  return found;
}

/** In PERMISSIONS order, each once. */
function ordered(list: readonly Permission[]): Permission[] {
  return PERMISSIONS.filter((p) => list.includes(p));
}

const samePermissions = (a: readonly Permission[], b: readonly Permission[]) => ordered(a).join() === ordered(b).join();

/** Refuses permissions the account does not allow (the dealer's ceiling), naming them. */
export function grantable(account: AccountRecord, wanted: readonly Permission[]): Permission[] {
  const allowed = new Set(accountPermissions(account));
  const refused = ordered(wanted).filter((p) => !allowed.has(p));
  if (refused.length) {
    const labels = refused.map((p) => PERMISSION_LABELS[p]).join(', ');
    throw new PorchlightError('VALIDATION_FAILED', `This account cannot grant: ${labels}.`, {
      fields: { permissions: `This account cannot grant: ${labels}. Ask your dealer to allow it first.` },
    });
  }
  return ordered(wanted);
}

/** Refuses a change that would leave the account without an active manager. */
export function keepAManager(users: readonly UserRecord[], target: UserRecord): void {
  if (target.role !== 'manager' || target.status !== 'active') return;
  if (!users.some((u) => u.id !== target.id && u.role === 'manager' && u.status === 'active')) {
    throw new PorchlightError('LAST_MANAGER', `${target.name} is the account's only active manager. Make someone else a manager first.`);
  }
}

function roleName(role: Role): string {
  return role === 'manager' ? 'a manager' : role === 'staff' ? 'office staff' : 'a client login';
}

/** Every login of the account: managers first, then by name. */
export async function listStaff(deps: Deps, scope: StaffScope): Promise<PublicUser[]> {
  const users = await listUsers(deps, scope.dealer.id, scope.account.id);
  const rank = (u: UserRecord) => (u.role === 'manager' ? 0 : 1);
  users.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.username.localeCompare(b.username) || a.id.localeCompare(b.id));
  return users.map((u) => toPublicUser(u, scope.account));
}

export async function getStaff(deps: Deps, scope: StaffScope, userId: string): Promise<PublicUser> {
  return toPublicUser((await requireUser(deps, scope, userId)).value, scope.account);
}

/**
 * Adds a login to the account. Username unique in the account (USERNAME_TAKEN), compared as at
 * login. With `password` the login starts with that temporary password (changed at first
 * login); with `sendSetPasswordLink` it gets an unusable random password and an emailed
 * 'staff-invite' link (single use, `activationLinkHours`) to choose one. Only a manager (or the
 * back office) may add a manager or choose permissions; new staff get STAFF_DEFAULT_PERMISSIONS.
 * A login added by a signed-in user whose own login is limited to some parts of the data
 * ("Grant access") is limited to the same parts. The email is sent through `background` so a
 * mail failure does not undo the new login.
 */
export async function createStaff(deps: Deps, scope: StaffScope, input: CreateStaffInput, caller: StaffCaller, background: (p: Promise<unknown>) => void): Promise<PublicUser> {
  const { dealer, account } = scope;
  const role = input.role ?? 'staff';
  if (!actsAsManager(caller)) {
    if (role !== 'staff') await deny(deps, scope, caller, `adding the manager ${input.username}`, 'Only a manager can add a manager.');
    if (input.permissions && !samePermissions(input.permissions, STAFF_DEFAULT_PERMISSIONS)) {
      await deny(deps, scope, caller, `choosing permissions for ${input.username}`, 'Only a manager can choose what staff may do. Add them with the default access and ask a manager.');
    }
  }
  const permissions = role === 'manager' ? undefined : input.permissions ? grantable(account, input.permissions) : [...STAFF_DEFAULT_PERMISSIONS];
  // Nobody makes a login that sees more than their own: a limited caller's limits carry over.
  const grants = caller.user?.grants ? effectiveGrants(caller.user) : undefined;
  const { username, normalized } = cleanUsername(input.username);

  let passwordHash: string;
  const invite = !input.password;
  if (input.password) {
    checkNewPassword(input.password, { username, identifier: account.identifier }, 'password');
    passwordHash = await deps.hasher.hash(input.password);
  } else {
    if (!passwordLinkBase(dealer, caller.origin)) {
      const message = 'This portal has no page to send a set-password link to (dealer setting resetUrl or portalUrl). Give an initial password instead.';
      throw new PorchlightError('VALIDATION_FAILED', message, { fields: { sendSetPasswordLink: message } });
    }
    // Nobody knows this password: the person chooses theirs through the emailed link.
    passwordHash = await deps.hasher.hash(randomSecret(32));
  }

  const now = iso(deps);
  const created = await withUsersLock(deps, dealer.id, account.id, () =>
    insertUser(
      deps,
      newUserRecord(
        {
          id: newId(deps.now()),
          dealerId: dealer.id,
          accountId: account.id,
          role,
          username,
          usernameNormalized: normalized,
          name: input.name,
          email: input.email ?? null,
          ...(permissions ? { permissions } : {}),
          ...(grants ? { grants } : {}),
          mustChangePassword: !invite,
          passwordHash,
        },
        now,
        caller.actor,
      ),
    ),
  );

  let user = created;
  if (invite) {
    const hours = dealerSetting(dealer, 'activationLinkHours');
    const link = await issuePasswordLink(deps, dealer, created, { kind: 'invite', minutes: hours * 60, origin: caller.origin });
    user = link.user;
    background(
      deps.mailer.send({
        template: 'staff-invite',
        to: { email: user.email!, name: user.name },
        dealer: mailDealer(dealer),
        data: { name: user.name, accountName: account.name, username: user.username, identifier: account.identifier, invitedBy: caller.actor.name, setPasswordUrl: link.url, expiresInHours: hours },
      }),
    );
  }
  await audit(deps, {
    dealerId: dealer.id,
    accountId: account.id,
    action: 'user.created',
    actor: caller.actor,
    summary: `${caller.actor.name} added ${who(user)} as ${roleName(role)}${invite ? ` and emailed a link to set a password to ${user.email}` : ' with a temporary password'}`,
    target: { type: 'user', id: user.id },
    details: { role, ...(permissions ? { permissions } : {}), ...(grants ? { grants } : {}), invite },
    clientAddress: caller.clientAddress,
  });
  return toPublicUser(user, account);
}

/**
 * Changes name, email, role or permissions. Only a manager changes roles and permissions
 * (sending the current value is not a change); nobody changes their own role; the last active
 * manager cannot be demoted; permissions stay inside the account's ceiling. A demoted manager
 * gets the default staff permissions unless the request names others. Permissions of a manager
 * are not stored (a manager holds everything the account allows).
 */
export async function updateStaff(deps: Deps, scope: StaffScope, userId: string, input: UpdateStaffInput, caller: StaffCaller): Promise<PublicUser> {
  const { dealer, account } = scope;
  const { before, after } = await withUsersLock(deps, dealer.id, account.id, async () => {
    const target = (await requireUser(deps, scope, userId)).value;
    await mayActOn(deps, scope, caller, target, 'changing');
    if (input.email !== undefined && input.email !== target.email) {
      // One's own email changes on the profile page, which asks for the password and confirms the
      // new address: here a stolen session (or an emulating admin) would point the login's
      // password links, and with a login profile the person's other accounts, at itself.
      if (isSelf(caller, target)) throw new PorchlightError('FORBIDDEN', 'Change your own email on your profile page: it asks for your password and confirms the new address.');
      await mayReachCredentials(deps, scope, caller, target, 'changing the email of');
    }
    const role = input.role ?? target.role;
    const roleChanges = role !== target.role;
    let permissions: Permission[] | undefined;
    if (role !== 'manager') {
      if (input.permissions !== undefined) permissions = ordered(input.permissions);
      else if (target.role === 'manager') permissions = [...STAFF_DEFAULT_PERMISSIONS];
    }
    const permissionsChange = permissions !== undefined && !samePermissions(permissions, target.permissions ?? []);

    if (!actsAsManager(caller) && (roleChanges || permissionsChange)) {
      const what = roleChanges ? `changing the role of ${who(target)}` : `changing the permissions of ${who(target)}`;
      await deny(deps, scope, caller, what, 'Only a manager can change roles and permissions.');
    }
    if (roleChanges && isSelf(caller, target)) {
      throw new PorchlightError('FORBIDDEN', 'You cannot change the role of your own login. Ask another manager to do it.');
    }
    if (permissionsChange && input.permissions !== undefined) grantable(account, input.permissions);
    if (roleChanges && role !== 'manager') keepAManager(await listUsers(deps, dealer.id, account.id), target);

    const now = iso(deps);
    const updated = await updateUser(deps, target, (u) => ({
      ...u,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      role,
      ...(permissionsChange ? { permissions } : {}),
      updatedAt: now,
      updatedBy: caller.actor,
    }));
    return { before: target, after: updated };
  });

  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of ['name', 'email', 'role'] as const) {
    if (before[field] !== after[field]) changed[field] = { from: before[field], to: after[field] };
  }
  if (Object.keys(changed).length) {
    const parts = Object.keys(changed).map((f) => (f === 'role' ? `made them ${roleName(after.role)}` : `changed the ${f}`));
    await audit(deps, {
      dealerId: dealer.id,
      accountId: account.id,
      action: 'user.updated',
      actor: caller.actor,
      summary: `${caller.actor.name} updated ${who(after)}: ${parts.join(', ')}`,
      target: { type: 'user', id: after.id },
      details: changed,
      clientAddress: caller.clientAddress,
    });
  }
  const from = before.permissions ?? [];
  const to = after.permissions ?? [];
  if (!samePermissions(from, to)) {
    const added = ordered(to).filter((p) => !from.includes(p)).map((p) => PERMISSION_LABELS[p]);
    const removed = ordered(from).filter((p) => !to.includes(p)).map((p) => PERMISSION_LABELS[p]);
    const parts = [...(added.length ? [`granted ${added.join(', ')}`] : []), ...(removed.length ? [`took away ${removed.join(', ')}`] : [])];
    await audit(deps, {
      dealerId: dealer.id,
      accountId: account.id,
      action: 'user.permissions-changed',
      actor: caller.actor,
      summary: `${caller.actor.name} changed what ${who(after)} may do: ${parts.join('; ')}`,
      target: { type: 'user', id: after.id },
      details: { from: ordered(from), to: ordered(to) },
      clientAddress: caller.clientAddress,
    });
  }
  return toPublicUser(after, account);
}

/**
 * Disables a login, keeping it (and its history): its sessions end and its reset links stop
 * working. Not your own login, not the last active manager. Disabling a disabled login is a no-op.
 */
export async function disableStaff(deps: Deps, scope: StaffScope, userId: string, caller: StaffCaller): Promise<PublicUser> {
  const { dealer, account } = scope;
  const { user, changed } = await withUsersLock(deps, dealer.id, account.id, async () => {
    const target = (await requireUser(deps, scope, userId)).value;
    await mayActOn(deps, scope, caller, target, 'disabling');
    if (isSelf(caller, target)) throw new PorchlightError('FORBIDDEN', 'You cannot disable your own login. Ask another manager to do it.');
    if (target.status === 'disabled') return { user: target, changed: false };
    keepAManager(await listUsers(deps, dealer.id, account.id), target);
    const now = iso(deps);
    const user = await updateUser(deps, target, (u) => ({
      // A later enable must not bring old sessions or links back (nor a login email not used yet).
      ...endLoginSessions(u),
      ...loginEmailVoided(u),
      status: 'disabled',
      disabledAt: now,
      disabledBy: caller.actor,
      resetNonce: null,
      updatedAt: now,
      updatedBy: caller.actor,
    }));
    return { user, changed: true };
  });
  if (changed) {
    await audit(deps, {
      dealerId: dealer.id,
      accountId: account.id,
      action: 'user.disabled',
      actor: caller.actor,
      summary: `${caller.actor.name} disabled the login of ${who(user)}; their sessions ended`,
      target: { type: 'user', id: user.id },
      clientAddress: caller.clientAddress,
    });
  }
  return toPublicUser(user, account);
}

/** Re-enables a disabled login (it logs in with its password as before). Enabling an active login is a no-op. */
export async function enableStaff(deps: Deps, scope: StaffScope, userId: string, caller: StaffCaller): Promise<PublicUser> {
  const { dealer, account } = scope;
  const { user, changed } = await withUsersLock(deps, dealer.id, account.id, async () => {
    const target = (await requireUser(deps, scope, userId)).value;
    await mayActOn(deps, scope, caller, target, 'enabling');
    if (target.status === 'active') return { user: target, changed: false };
    const now = iso(deps);
    const user = await updateUser(deps, target, (u) => ({ ...u, status: 'active', disabledAt: null, disabledBy: null, updatedAt: now, updatedBy: caller.actor }));
    return { user, changed: true };
  });
  if (changed) {
    await audit(deps, {
      dealerId: dealer.id,
      accountId: account.id,
      action: 'user.enabled',
      actor: caller.actor,
      summary: `${caller.actor.name} enabled the login of ${who(user)} again`,
      target: { type: 'user', id: user.id },
      clientAddress: caller.clientAddress,
    });
  }
  return toPublicUser(user, account);
}

/**
 * Removes a login for good: the user record and its username go (the name is free again) and
 * its sessions end because the user is gone. What they did stays in the audit log.
 */
export async function removeStaff(deps: Deps, scope: StaffScope, userId: string, caller: StaffCaller): Promise<{ ok: true }> {
  const { dealer, account } = scope;
  const removed = await withUsersLock(deps, dealer.id, account.id, async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const found = await requireUser(deps, scope, userId);
      const target = found.value;
      await mayActOn(deps, scope, caller, target, 'removing');
      if (isSelf(caller, target)) throw new PorchlightError('FORBIDDEN', 'You cannot remove your own login. Ask another manager to do it.');
      keepAManager(await listUsers(deps, dealer.id, account.id), target);
      try {
        await deps.store.delete(keys.user(dealer.id, account.id, target.id), { ifVersion: found.version });
      } catch (error) {
        // Written meanwhile (a login, a password change): look again.
        if (error instanceof StoreConflictError) continue;
        throw error;
      }
      await releaseUsername(deps, dealer.id, account.id, target.usernameNormalized, target.id);
      // A login of a login profile leaves it (the person's other accounts stay).
      await leaveLoginProfile(deps, target);
      return target;
    }
    throw new PorchlightError('CONFLICT');
  });
  await audit(deps, {
    dealerId: dealer.id,
    accountId: account.id,
    action: 'user.removed',
    actor: caller.actor,
    summary: `${caller.actor.name} removed the login of ${who(removed)}`,
    target: { type: 'user', id: removed.id },
    details: { username: removed.username, name: removed.name, role: removed.role },
    clientAddress: caller.clientAddress,
  });
  return { ok: true };
}

/**
 * Emails the user a single-use link to choose a new password ('password-reset'; the manager
 * never sees or sets it). The user needs an email and an active login; at most
 * `passwordLinkUser` links per user per window.
 */
export async function sendPasswordLink(deps: Deps, scope: StaffScope, userId: string, caller: StaffCaller): Promise<StaffActionResponse> {
  const { dealer, account } = scope;
  const target = (await requireUser(deps, scope, userId)).value;
  await mayActOn(deps, scope, caller, target, 'sending a password link to');
  await mayReachCredentials(deps, scope, caller, target, 'sending a password link to');
  if (!target.email) {
    const message = `${target.name} has no email address. Add an email first, then send the link.`;
    throw new PorchlightError('VALIDATION_FAILED', message, { fields: { email: message } });
  }
  if (target.status !== 'active') throw new PorchlightError('VALIDATION_FAILED', `The login of ${target.name} is disabled. Enable it first, then send the link.`);
  if (!passwordLinkBase(dealer, caller.origin)) {
    throw new PorchlightError('VALIDATION_FAILED', 'This portal has no page to send a password link to (dealer setting resetUrl or portalUrl).');
  }
  await hitLimit(deps, 'passwordLinkUser', `${dealer.id}:${account.id}:${target.id}`);
  // Someone who never chose a password (invited, never signed in) gets the invitation again.
  const invite = !target.passwordChangedAt && !target.lastLoginAt && !target.mustChangePassword;
  const minutes = invite ? dealerSetting(dealer, 'activationLinkHours') * 60 : dealerSetting(dealer, 'resetLinkMinutes');
  const { user, url } = await issuePasswordLink(deps, dealer, target, { kind: invite ? 'invite' : 'reset', minutes, origin: caller.origin });
  await deps.mailer.send(
    invite
      ? {
          template: 'staff-invite',
          to: { email: user.email!, name: user.name },
          dealer: mailDealer(dealer),
          data: { name: user.name, accountName: account.name, username: user.username, identifier: account.identifier, invitedBy: caller.actor.name, setPasswordUrl: url, expiresInHours: minutes / 60 },
        }
      : {
          template: 'password-reset',
          to: { email: user.email!, name: user.name },
          dealer: mailDealer(dealer),
          data: { name: user.name, resetUrl: url, expiresInMinutes: minutes, accountName: account.name, username: user.username },
        },
  );
  await audit(deps, {
    dealerId: dealer.id,
    accountId: account.id,
    action: 'user.password-link-sent',
    actor: caller.actor,
    summary: `${caller.actor.name} emailed ${who(user)} a link to choose a new password`,
    target: { type: 'user', id: user.id },
    clientAddress: caller.clientAddress,
  });
  const lasts = minutes % 60 === 0 ? `${minutes / 60} hour${minutes === 60 ? '' : 's'}` : `${minutes} minutes`;
  return { ok: true, message: `We emailed ${user.name} a link to choose ${invite ? 'their' : 'a new'} password. It works for ${lasts}.`, user: toPublicUser(user, account) };
}

/** Ends every session of the user (the caller's current one stays when they end their own). */
export async function endStaffSessions(deps: Deps, scope: StaffScope, userId: string, caller: StaffCaller): Promise<StaffActionResponse> {
  const { dealer, account } = scope;
  const target = (await requireUser(deps, scope, userId)).value;
  await mayActOn(deps, scope, caller, target, 'ending the sessions of');
  const user = await updateUser(deps, target, endLoginSessions);
  const self = isSelf(caller, target) && caller.auth !== undefined;
  if (self) await keepSession(deps, caller.auth!, user);
  await audit(deps, {
    dealerId: dealer.id,
    accountId: account.id,
    action: 'user.sessions-ended',
    actor: caller.actor,
    summary: self ? `${caller.actor.name} ended their other sessions` : `${caller.actor.name} ended every session of ${who(user)}`,
    target: { type: 'user', id: user.id },
    clientAddress: caller.clientAddress,
  });
  return {
    ok: true,
    message: self ? 'Your other sessions have ended; this one stays signed in.' : `Every session of ${user.name} has ended. They need to log in again.`,
    user: toPublicUser(user, account),
  };
}
