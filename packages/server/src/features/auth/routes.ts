import { ChangePasswordRequest, CheckTokenRequest, ForgotPasswordRequest, LoginRequest, ResetPasswordRequest, Routes } from '@porchlight/core';
import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { PortalEnv } from '../../context.js';
import { readJson } from '../../http/body.js';
import { notEmulated, requireSession, SESSION_COOKIE } from '../../http/auth.js';
import { audit } from '../../audit/audit.js';
import { endSession } from '../../sessions/sessions.js';
import * as service from './service.js';

export interface AuthRouteOptions {
  cookie: false | { crossSite: boolean };
  background: (p: Promise<unknown>) => void;
}

export function requestInfo(c: Context<PortalEnv>): service.RequestInfo {
  return { clientAddress: c.var.clientAddress, userAgent: c.req.header('user-agent'), origin: c.req.header('origin') };
}

export function authRoutes(options: AuthRouteOptions) {
  const app = new Hono<PortalEnv>();
  const { background } = options;

  app.get(Routes.dealer, (c) => c.json(service.publicDealer(c.var.dealer)));

  app.post(Routes.login, async (c) => {
    const input = await readJson(c, LoginRequest);
    const { token, response } = await service.login(c.var.deps, c.var.dealer, input, requestInfo(c));
    if (options.cookie) {
      setCookie(c, SESSION_COOKIE, token, {
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: options.cookie.crossSite ? 'None' : 'Lax',
        ...(options.cookie.crossSite ? { partitioned: true } : {}),
        expires: new Date(response.session.expiresAt),
      });
      // Cookie mode: the token never reaches page scripts.
      delete response.session.token;
    }
    return c.json(response);
  });

  app.get(Routes.session, requireSession({ duringPasswordChange: true }), (c) => {
    const { session, user, account } = c.var.auth;
    return c.json(service.sessionResponse(c.var.dealer, session, user, account));
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
