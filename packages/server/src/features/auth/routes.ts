import { ChangePasswordRequest, CheckTokenRequest, ForgotPasswordRequest, LoginRequest, ResetPasswordRequest, Routes, SwitchAccountRequest, type SessionResponse } from '@porchlight/core';
import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { PortalEnv } from '../../context.js';
import { readJson } from '../../http/body.js';
import { notEmulated, requireSession, SESSION_COOKIE } from '../../http/auth.js';
import { audit } from '../../audit/audit.js';
import { endSession } from '../../sessions/sessions.js';
import * as service from './service.js';
import { switchAccount } from './switch.js';

export interface AuthRouteOptions {
  cookie: false | { crossSite: boolean };
  background: (p: Promise<unknown>) => void;
}

export function requestInfo(c: Context<PortalEnv>): service.RequestInfo {
  return { clientAddress: c.var.clientAddress, userAgent: c.req.header('user-agent'), origin: c.req.header('origin') };
}

/**
 * Cookie mode: puts a new session's token in the session cookie and takes it out of the
 * answer (the token never reaches page scripts). Bearer mode: leaves the answer as it is.
 * Every route that signs someone in (login, activation) goes through here.
 */
export function setSessionCookie(c: Context<PortalEnv>, cookie: AuthRouteOptions['cookie'], token: string, response: SessionResponse): void {
  if (!cookie) return;
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: cookie.crossSite ? 'None' : 'Lax',
    ...(cookie.crossSite ? { partitioned: true } : {}),
    expires: new Date(response.session.expiresAt),
  });
  delete response.session.token;
}

export function authRoutes(options: AuthRouteOptions) {
  const app = new Hono<PortalEnv>();
  const { background } = options;

  app.get(Routes.dealer, (c) => c.json(service.publicDealer(c.var.dealer)));

  app.post(Routes.login, async (c) => {
    const input = await readJson(c, LoginRequest);
    const { token, response } = await service.login(c.var.deps, c.var.dealer, input, requestInfo(c));
    setSessionCookie(c, options.cookie, token, response);
    return c.json(response);
  });

  app.get(Routes.session, requireSession({ duringPasswordChange: true }), async (c) => {
    const { session, user, account } = c.var.auth;
    return c.json(await service.sessionResponse(c.var.deps, c.var.dealer, session, user, account));
  });

  app.post(Routes.logout, requireSession({ duringPasswordChange: true }), async (c) => {
    const { session, user, account, actor } = c.var.auth;
    await endSession(c.var.deps, session.id);
    await audit(c.var.deps, {
      dealerId: c.var.dealer.id,
      accountId: account.id,
      action: session.emulation ? 'emulation.end' : 'auth.logout',
      actor,
      summary: session.emulation ? `${actor.name}: emulation ended` : `${user.name} logged out`,
      clientAddress: c.var.clientAddress,
    });
    if (options.cookie) deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
    return c.json({ ok: true });
  });

  // Another account of the same login profile: a new session there (the cookie too); this one ends.
  app.post(Routes.switchAccount, requireSession(), notEmulated(), async (c) => {
    const input = await readJson(c, SwitchAccountRequest);
    const { token, response } = await switchAccount(c.var.deps, c.var.dealer, c.var.auth, input, requestInfo(c));
    setSessionCookie(c, options.cookie, token, response);
    return c.json(response);
  });

  app.post(Routes.changePassword, requireSession({ duringPasswordChange: true }), notEmulated(), async (c) => {
    const input = await readJson(c, ChangePasswordRequest);
    return c.json(await service.changePassword(c.var.deps, c.var.dealer, c.var.auth, input, requestInfo(c), background));
  });

  app.post(Routes.forgotPassword, async (c) => {
    const input = await readJson(c, ForgotPasswordRequest);
    return c.json(await service.forgotPassword(c.var.deps, c.var.dealer, input, requestInfo(c), background), 202);
  });

  app.post(Routes.checkResetToken, async (c) => {
    const { token } = await readJson(c, CheckTokenRequest);
    return c.json(await service.checkResetToken(c.var.deps, c.var.dealer, token, requestInfo(c)));
  });

  app.post(Routes.resetPassword, async (c) => {
    const input = await readJson(c, ResetPasswordRequest);
    return c.json(await service.resetPassword(c.var.deps, c.var.dealer, input, requestInfo(c), background));
  });

  return app;
}
