import { CreateStaffRequest, isId, PorchlightError, Routes, UpdateStaffRequest } from '@porchlight/core';
import { Hono, type Context } from 'hono';
import type { PortalEnv } from '../../context.js';
import { readJson } from '../../http/body.js';
import { requirePermission, requireSession } from '../../http/auth.js';
import * as service from './service.js';

export interface StaffRouteOptions {
  /** Runs work after the answer (the invitation email). */
  background: (p: Promise<unknown>) => void;
}

/** The `:userId` of the path: a Porchlight id, else 400 naming the field. */
export function userIdParam(c: Context<PortalEnv>): string {
  const userId = c.req.param('userId');
  if (!isId(userId)) throw new PorchlightError('VALIDATION_FAILED', 'The user id in the path is not valid.', { fields: { userId: 'Must be a Porchlight id.' } });
  return userId;
}

function scope(c: Context<PortalEnv>): service.StaffScope {
  return { dealer: c.var.dealer, account: c.var.auth.account };
}

function caller(c: Context<PortalEnv>): service.StaffCaller {
  const { auth } = c.var;
  return { user: auth.user, actor: auth.actor, auth, clientAddress: c.var.clientAddress, origin: c.req.header('origin') };
}

/**
 * The staff manager: the account's manager (or staff holding `staff.manage`, or a dealer admin
 * emulating one of them) lists, adds, changes, disables, re-enables and removes the account's
 * logins. Permissions are read fresh on every request; every change is audited.
 */
export function staffRoutes(options: StaffRouteOptions) {
  const app = new Hono<PortalEnv>();
  const session = requireSession();
  const manage = requirePermission('staff.manage');

  app.get(Routes.staff, session, manage, async (c) => {
    return c.json({ items: await service.listStaff(c.var.deps, scope(c)) });
  });

  app.post(Routes.staff, session, manage, async (c) => {
    const input = await readJson(c, CreateStaffRequest);
    return c.json(await service.createStaff(c.var.deps, scope(c), input, caller(c), options.background), 201);
  });

  app.get(Routes.staffUser, session, manage, async (c) => {
    return c.json(await service.getStaff(c.var.deps, scope(c), userIdParam(c)));
  });

  app.patch(Routes.staffUser, session, manage, async (c) => {
    const userId = userIdParam(c);
    const input = await readJson(c, UpdateStaffRequest);
    return c.json(await service.updateStaff(c.var.deps, scope(c), userId, input, caller(c)));
  });

  app.delete(Routes.staffUser, session, manage, async (c) => {
    return c.json(await service.removeStaff(c.var.deps, scope(c), userIdParam(c), caller(c)));
  });

  app.post(Routes.staffDisable, session, manage, async (c) => {
    return c.json(await service.disableStaff(c.var.deps, scope(c), userIdParam(c), caller(c)));
  });

  app.post(Routes.staffEnable, session, manage, async (c) => {
    return c.json(await service.enableStaff(c.var.deps, scope(c), userIdParam(c), caller(c)));
  });

  app.post(Routes.staffSendPasswordLink, session, manage, async (c) => {
    return c.json(await service.sendPasswordLink(c.var.deps, scope(c), userIdParam(c), caller(c)));
  });

  app.post(Routes.staffEndSessions, session, manage, async (c) => {
    return c.json(await service.endStaffSessions(c.var.deps, scope(c), userIdParam(c), caller(c)));
  });

  return app;
}
