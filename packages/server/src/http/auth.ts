import { ADMIN_ABILITIES, effectiveGrants, GRANT_SCOPE_LABELS, PERMISSION_LABELS, PorchlightError, type AdminAbility, type GrantScope, type Permission } from '@porchlight/core';
import { getCookie } from 'hono/cookie';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { AdminAuth, Deps, PortalEnv } from '../context.js';
import { safeEqual } from '../crypto.js';
import { authenticate, authenticateAdmin, isSessionToken, type AdminSessionAuth } from '../sessions/sessions.js';
import { auditDenied } from '../audit/audit.js';
import { userPermissions } from '../features/accounts/records.js';
import { staffAbilities } from '../features/dealer-staff/records.js';

export const SESSION_COOKIE = '__Host-porchlight-session';

/** The session token from `Authorization: Bearer …`, else from the session cookie. */
export function sessionToken(c: Context): string | undefined {
  const header = c.req.header('authorization');
  if (header) return /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  return getCookie(c, SESSION_COOKIE);
}

/**
 * Requires a signed-in portal user. Until a temporary password is replaced, only the routes
 * that say `duringPasswordChange` work (session, logout, change password). A session already
 * resolved for this request (a router's path guard, then its route) is not looked up twice.
 */
export function requireSession(options: { duringPasswordChange?: boolean } = {}): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    const auth = (c.get('auth') as PortalEnv['Variables']['auth'] | undefined) ?? (await authenticate(c.var.deps, c.var.dealer.id, sessionToken(c)));
    if (auth.user.mustChangePassword && !auth.session.emulation && !options.duringPasswordChange) {
      throw new PorchlightError('PASSWORD_CHANGE_REQUIRED');
    }
    c.set('auth', auth);
    await next();
  };
}

/** Refuses emulated sessions (changing a password or email, signing). */
export function notEmulated(): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    if (c.var.auth.session.emulation) throw new PorchlightError('EMULATION_FORBIDDEN');
    await next();
  };
}

/**
 * Requires a permission of the signed-in user, read fresh on every request (a change a manager
 * makes applies to the user's next request). A refusal is audited for the account's manager.
 */
export function requirePermission(permission: Permission): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    const { user, account, actor } = c.var.auth;
    if (!userPermissions(user, account).includes(permission)) {
      await auditDenied(c.var.deps, {
        dealerId: c.var.dealer.id,
        accountId: account.id,
        actor,
        summary: `${actor.name} was refused: ${PERMISSION_LABELS[permission].toLowerCase()} (${c.req.method} ${new URL(c.req.url).pathname})`,
        details: { permission },
        clientAddress: c.var.clientAddress,
      });
      throw new PorchlightError('PERMISSION_DENIED', `Your login does not have the "${PERMISSION_LABELS[permission]}" permission. Ask your account manager.`);
    }
    await next();
  };
}

/**
 * Requires that the signed-in login may see a part of the account's data ("Grant access", set
 * by the dealer), read fresh on every request. Put it on every route of the part, reads
 * included: hiding a tab is not enough. With several scopes, any one of them lets the request
 * through (uploads serve tickets and work orders). A refusal (NOT_GRANTED, 403) is audited
 * like a missing permission. An emulating admin sees what the emulated login sees. Needs
 * `requireSession()` before it.
 */
export function requireGrant(...scopes: [GrantScope, ...GrantScope[]]): MiddlewareHandler<PortalEnv> {
  const parts = scopes.map((s) => GRANT_SCOPE_LABELS[s].toLowerCase()).join(' or ');
  return async (c, next) => {
    const { user, account, actor } = c.var.auth;
    const granted = effectiveGrants(user);
    if (!scopes.some((s) => granted.includes(s))) {
      await auditDenied(c.var.deps, {
        dealerId: c.var.dealer.id,
        accountId: account.id,
        actor,
        summary: `${actor.name} was refused: ${parts} are not granted to this login (${c.req.method} ${new URL(c.req.url).pathname})`,
        details: scopes.length === 1 ? { grant: scopes[0] } : { grants: scopes },
        clientAddress: c.var.clientAddress,
      });
      throw new PorchlightError('NOT_GRANTED', `Your login does not include ${parts}. Ask your provider for access.`);
    }
    await next();
  };
}

/**
 * Guards every portal route of one part of the data under `paths` (Hono path patterns; `/x/*`
 * covers `/x` too): the session first, then the grant of `scope`. Call it in the part's
 * router before its routes, so a route added later under these paths cannot forget it.
 */
export function guardPart(app: Hono<PortalEnv>, scope: GrantScope, paths: readonly string[]): void {
  const session = requireSession();
  const grant = requireGrant(scope);
  for (const path of paths) app.use(path, session, grant);
}

const ADMIN_NAME = /^[\p{L}\p{N} .@'_-]{1,80}$/u;

/** The value of `Authorization: Bearer …` (the back office never uses cookies). */
function bearerToken(c: Context): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
}

/** The caller as an API key holder, or undefined when the bearer value is none of the dealer's keys. */
function apiKeyAdmin(c: Context<PortalEnv>, given: string | undefined): AdminAuth | undefined {
  let keyId: string | undefined;
  // Compared with every key, in constant time, whether or not one already matched.
  for (const k of c.var.dealer.apiKeys) if (given && safeEqual(given, k.key)) keyId = k.id;
  if (!keyId) return undefined;
  const person = c.req.header('porchlight-admin')?.trim();
  if (person !== undefined && !ADMIN_NAME.test(person)) {
    throw new PorchlightError('VALIDATION_FAILED', 'The Porchlight-Admin header holds a name of up to 80 letters, digits, spaces and . @ \' _ -.');
  }
  return { keyId, abilities: ADMIN_ABILITIES, actor: { kind: 'admin', adminId: keyId, name: `admin ${person ?? keyId}` } };
}

/** A live back-office session for `token`; until a temporary password is replaced, only where `duringPasswordChange` says so. */
async function staffSession(deps: Deps, dealerId: string, token: string | undefined, duringPasswordChange = false): Promise<AdminSessionAuth> {
  const auth = await authenticateAdmin(deps, dealerId, token);
  if (auth.staff.mustChangePassword && !duringPasswordChange) throw new PorchlightError('PASSWORD_CHANGE_REQUIRED');
  return auth;
}

/** The back-office caller behind a dealer staff session: what their role allows, read now. */
function staffAdmin(auth: AdminSessionAuth): AdminAuth {
  return { keyId: auth.staff.id, abilities: staffAbilities(auth.staff), actor: auth.actor };
}

/** Variables of the back-office session routes (session, logout, change password). */
export interface AdminSessionEnv {
  Variables: PortalEnv['Variables'] & { staffAuth: AdminSessionAuth };
}

/**
 * Requires a dealer staff member's back-office session (`Authorization: Bearer <token>`; never
 * an API key, never a client portal token). Until a temporary password is replaced, only the
 * routes that say `duringPasswordChange` work. Sets `staffAuth` and `admin`.
 */
export function requireAdminSession(options: { duringPasswordChange?: boolean } = {}): MiddlewareHandler<AdminSessionEnv> {
  return async (c, next) => {
    const auth = await staffSession(c.var.deps, c.var.dealer.id, bearerToken(c), options.duringPasswordChange);
    c.set('staffAuth', auth);
    c.set('admin', staffAdmin(auth));
    await next();
  };
}

/**
 * Requires an admin caller able to do `ability`: either the dealer API key (everything;
 * `Porchlight-Admin` names the person) or a dealer staff member's back-office session (what
 * their role allows, read fresh on every request). A client portal token never passes.
 * Failures: no or unknown credentials INVALID_API_KEY; a session-shaped token that is not a
 * live back-office session UNAUTHENTICATED or SESSION_EXPIRED; a staff member who must still
 * replace a temporary password PASSWORD_CHANGE_REQUIRED; a missing ability FORBIDDEN.
 */
export function requireAdmin(ability: AdminAbility): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    if (!c.var.admin) {
      const given = bearerToken(c);
      let admin = apiKeyAdmin(c, given);
      if (!admin && isSessionToken(given)) admin = staffAdmin(await staffSession(c.var.deps, c.var.dealer.id, given));
      if (!admin) throw new PorchlightError('INVALID_API_KEY');
      c.set('admin', admin);
    }
    if (!c.var.admin.abilities.includes(ability)) throw new PorchlightError('FORBIDDEN', 'Your back-office role does not allow this.');
    await next();
  };
}
