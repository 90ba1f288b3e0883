import { ConfirmEmailRequest, Routes, UpdateProfileRequest } from '@porchlight/core';
import { Hono } from 'hono';
import type { PortalEnv } from '../../context.js';
import { readJson } from '../../http/body.js';
import { requireSession } from '../../http/auth.js';
import { requestInfo } from '../auth/routes.js';
import * as service from './service.js';

/**
 * The signed-in user's profile: GET and PATCH (email and phone need the current password and
 * the user themselves, not an emulating admin). POST confirm-email redeems the link sent to a
 * new address; it needs no session (the link may be opened anywhere).
 */
export function profileRoutes(options: { background: (p: Promise<unknown>) => void }) {
  const app = new Hono<PortalEnv>();
  const session = requireSession();

  app.get(Routes.profile, session, (c) => c.json(service.getProfile(c.var.auth)));

  app.patch(Routes.profile, session, async (c) => {
    const input = await readJson(c, UpdateProfileRequest);
    return c.json(await service.updateProfile(c.var.deps, c.var.dealer, c.var.auth, input, requestInfo(c), options.background));
  });

  app.post(Routes.confirmEmail, async (c) => {
    const { token } = await readJson(c, ConfirmEmailRequest);
    return c.json(await service.confirmEmail(c.var.deps, c.var.dealer, token, requestInfo(c), options.background));
  });

  return app;
}
