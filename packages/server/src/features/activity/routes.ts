import { ActivityQuery, effectiveGrants, Routes } from '@porchlight/core';
import { Hono } from 'hono';
import type { PortalEnv } from '../../context.js';
import { readQuery } from '../../http/body.js';
import { requirePermission, requireSession } from '../../http/auth.js';
import { listActivity } from './service.js';

/**
 * The account's activity for its manager (and staff holding `staff.manage`): GET Routes.activity.
 * Entries about a part of the data the viewer's login is not granted (payments, tickets …) are left out.
 */
export function activityRoutes() {
  const app = new Hono<PortalEnv>();
  app.get(Routes.activity, requireSession(), requirePermission('staff.manage'), async (c) => {
    const query = readQuery(c, ActivityQuery);
    return c.json(await listActivity(c.var.deps, c.var.dealer.id, c.var.auth.account.id, { ...query, grants: effectiveGrants(c.var.auth.user) }));
  });
  return app;
}
