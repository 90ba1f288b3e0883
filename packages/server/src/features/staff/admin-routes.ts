import { CreateStaffRequest, Id, Routes } from '@porchlight/core';
import { Hono } from 'hono';
import type { PortalEnv } from '../../context.js';
import { readJson, validate } from '../../http/body.js';
import { requireAdmin } from '../../http/auth.js';
import { requireAccount } from '../accounts/service.js';
import * as service from './service.js';

/**
 * The dealer's back office adds office staff (or another manager) on the manager's behalf:
 * the same rules as the staff manager, audited as the admin.
 */
export function staffAdminRoutes(options: { background: (p: Promise<unknown>) => void }) {
  const app = new Hono<PortalEnv>();

  app.post(Routes.admin.accountUsers, requireAdmin('accounts.write'), async (c) => {
    const accountId = validate(Id, c.req.param('accountId') ?? '');
    const input = await readJson(c, CreateStaffRequest);
    const { deps, dealer, admin } = c.var;
    // Keys carry the dealer: an account of another dealer is simply not found.
    const account = (await requireAccount(deps, dealer.id, accountId)).value;
    const user = await service.createStaff(deps, { dealer, account }, input, { user: null, actor: admin.actor, clientAddress: c.var.clientAddress }, options.background);
    return c.json(user, 201);
  });

  return app;
}
