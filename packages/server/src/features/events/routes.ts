import { EventsQuery, Routes, type EventsPage } from '@porchlight/core';
import { Hono } from 'hono';
import type { PortalEnv } from '../../context.js';
import { readQuery } from '../../http/body.js';
import { requireAdmin } from '../../http/auth.js';
import { listEvents } from './service.js';

/** GET /v1/admin/events: the dealer's systems poll it (oldest first, `limit` and `cursor`). */
export function eventRoutes() {
  const app = new Hono<PortalEnv>();
  app.get(Routes.admin.events, requireAdmin('accounts.read'), async (c) => {
    const page: EventsPage = await listEvents(c.var.deps, c.var.dealer.id, readQuery(c, EventsQuery));
    return c.json(page);
  });
  return app;
}
