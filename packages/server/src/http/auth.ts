import { DEALER_ROLE_ABILITIES, PERMISSION_LABELS, PorchlightError, type AdminAbility, type Permission } from '@porchlight/core';
import { getCookie } from 'hono/cookie';
import type { Context, MiddlewareHandler } from 'hono';
import type { PortalEnv } from '../context.js';
import { safeEqual } from '../crypto.js';
import { authenticate } from '../sessions/sessions.js';
import { audit } from '../audit/audit.js';
import { userPermissions } from '../features/accounts/records.js';

export const SESSION_COOKIE = '__Host-porchlight-session';

/** The session token from `Authorization: Bearer …`, else from the session cookie. */
export function sessionToken(c: Context): string | undefined {
  const header = c.req.header('authorization');
  if (header) return /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  return getCookie(c, SESSION_COOKIE);
}

/**
 * Requires a signed-in portal user. Until a temporary password is replaced, only the routes
 * that say `duringPasswordChange` work (session, logout, change password).
 */
export function requireSession(options: { duringPasswordChange?: boolean } = {}): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    const auth = await authenticate(c.var.deps, c.var.dealer.id, sessionToken(c));
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
      await audit(c.var.deps, {
        dealerId: c.var.dealer.id,
        accountId: account.id,
        action: 'access.denied',
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

const ADMIN_NAME = /^[\p{L}\p{N} .@'_-]{1,80}$/u;

/**
 * The admin API: `Authorization: Bearer <dealer API key>`, compared in constant time with
 * every key of the resolved dealer. `Porchlight-Admin` names the person for the audit log.
 */
export function requireApiKey(): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    const given = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    let keyId: string | undefined;
    for (const k of c.var.dealer.apiKeys) if (given && safeEqual(given, k.key)) keyId = k.id;
    if (!keyId) throw new PorchlightError('INVALID_API_KEY');
    const person = c.req.header('porchlight-admin')?.trim();
    if (person !== undefined && !ADMIN_NAME.test(person)) {
      throw new PorchlightError('VALIDATION_FAILED', 'The Porchlight-Admin header holds a name of up to 80 letters, digits, spaces and . @ \' _ -.');
    }
    c.set('admin', { keyId, abilities: DEALER_ROLE_ABILITIES.owner, actor: { kind: 'admin', adminId: keyId, name: `admin ${person ?? keyId}` } });
    await next();
  };
}

/**
 * Requires an admin caller (see requireApiKey) able to do `ability`. An API key can do
 * everything; a dealer staff member what their role allows.
 */
export function requireAdmin(ability: AdminAbility): MiddlewareHandler<PortalEnv> {
  const apiKey = requireApiKey();
  return async (c, next) => {
    const check = async () => {
      if (!c.var.admin.abilities.includes(ability)) throw new PorchlightError('FORBIDDEN', 'Your back-office role does not allow this.');
      await next();
    };
    if (c.var.admin) return check();
    return apiKey(c, check);
  };
}

