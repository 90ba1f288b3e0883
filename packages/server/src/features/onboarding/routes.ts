import { AccessRequestInput, ActivateRequest, CheckActivationRequest, RegisterRequest, ResendLoginEmailRequest, Routes } from '@porchlight/core';
import { Hono } from 'hono';
import type { PortalEnv } from '../../context.js';
import { readJson } from '../../http/body.js';
import { requestInfo, setSessionCookie, type AuthRouteOptions } from '../auth/routes.js';
import { requestAccess } from './access-requests.js';
import { activate, checkActivation, resendLoginEmail } from './activation.js';
import { register, requireFlow } from './registration.js';

/**
 * The public ways into the portal: registration, request access, the set-password landing and
 * "send me a new link". Every answer that could tell a stranger who is a customer is the same
 * 202 whatever matched (the work happens in the background).
 */
export function onboardingRoutes(options: AuthRouteOptions) {
  const app = new Hono<PortalEnv>();
  const { background } = options;

  app.post(Routes.register, async (c) => {
    // A way in the dealer has not turned on says so before anything is read.
    requireFlow(c.var.dealer, 'registration');
    const input = await readJson(c, RegisterRequest);
    return c.json(await register(c.var.deps, c.var.dealer, input, requestInfo(c), background), 202);
  });

  app.post(Routes.accessRequests, async (c) => {
    requireFlow(c.var.dealer, 'requestAccess');
    const input = await readJson(c, AccessRequestInput);
    return c.json(await requestAccess(c.var.deps, c.var.dealer, input, requestInfo(c), background), 202);
  });

  app.post(Routes.resendLoginEmail, async (c) => {
    const input = await readJson(c, ResendLoginEmailRequest);
    return c.json(await resendLoginEmail(c.var.deps, c.var.dealer, input, requestInfo(c), background), 202);
  });

  app.post(Routes.checkActivation, async (c) => {
    const { token } = await readJson(c, CheckActivationRequest);
    return c.json(await checkActivation(c.var.deps, c.var.dealer, token, requestInfo(c)));
  });

  app.post(Routes.activate, async (c) => {
    const input = await readJson(c, ActivateRequest);
    const { token, response } = await activate(c.var.deps, c.var.dealer, input, requestInfo(c));
    // Signed in exactly as by the login route (cookie mode: the token goes in the cookie only).
    setSessionCookie(c, options.cookie, token, response);
    return c.json(response);
  });

  return app;
}
