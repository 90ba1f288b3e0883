import * as v from 'valibot';
import { AdminWorkOrderQuery, Id, PutSitesRequest, Routes, WorkOrderNoteRequest, WorkOrderStatusUpdate } from '@porchlight/core';
import { Hono, type Context } from 'hono';
import type { PortalEnv } from '../../context.js';
import { readJson, readQuery, validate } from '../../http/body.js';
import { requireAdmin } from '../../http/auth.js';
import { sendFile } from '../../http/file.js';
import { requireAccount } from '../accounts/service.js';
import { attachmentIdParam, workOrderIdParam } from './routes.js';
import * as service from './service.js';

const NoQuery = v.strictObject({});
const accountIdParam = (c: Context<PortalEnv>) => validate(v.object({ accountId: Id }), { accountId: c.req.param('accountId') ?? '' }).accountId;

function scope(c: Context<PortalEnv>): service.AdminScope {
  return { dealer: c.var.dealer, actor: c.var.admin.actor, clientAddress: c.var.clientAddress };
}

/**
 * Work orders in the back office and for the dealer's sync: reading (`accounts.read`) every
 * account's work orders and an account's sites; writing (`accounts.write`) an account's sites
 * (all at once, idempotent), a work order's status (idempotent, forward only) and dealer notes.
 */
export function workOrderAdminRoutes(options: { background: (p: Promise<unknown>) => void }) {
  const app = new Hono<PortalEnv>();

  app.get(Routes.admin.accountSites, requireAdmin('accounts.read'), async (c) => {
    const accountId = accountIdParam(c);
    readQuery(c, NoQuery);
    await requireAccount(c.var.deps, c.var.dealer.id, accountId);
    return c.json(await service.getSites(c.var.deps, c.var.dealer.id, accountId));
  });

  app.put(Routes.admin.accountSites, requireAdmin('accounts.write'), async (c) => {
    const accountId = accountIdParam(c);
    const input = await readJson(c, PutSitesRequest);
    const account = await requireAccount(c.var.deps, c.var.dealer.id, accountId);
    return c.json(await service.putSites(c.var.deps, scope(c), account.value, input));
  });

  app.get(Routes.admin.workOrders, requireAdmin('accounts.read'), async (c) => {
    const query = readQuery(c, AdminWorkOrderQuery);
    if (query.accountId) await requireAccount(c.var.deps, c.var.dealer.id, query.accountId);
    return c.json(await service.listAdminWorkOrders(c.var.deps, c.var.dealer.id, query));
  });

  app.get(Routes.admin.workOrder, requireAdmin('accounts.read'), async (c) => {
    return c.json(await service.getAdminWorkOrder(c.var.deps, c.var.dealer.id, workOrderIdParam(c)));
  });

  app.post(Routes.admin.workOrderStatus, requireAdmin('accounts.write'), async (c) => {
    const workOrderId = workOrderIdParam(c);
    const input = await readJson(c, WorkOrderStatusUpdate);
    return c.json(await service.updateStatus(c.var.deps, scope(c), workOrderId, input, options.background));
  });

  app.post(Routes.admin.workOrderNotes, requireAdmin('accounts.write'), async (c) => {
    const workOrderId = workOrderIdParam(c);
    const { body } = await readJson(c, WorkOrderNoteRequest);
    return c.json(await service.addDealerNote(c.var.deps, scope(c), workOrderId, body), 201);
  });

  app.get(Routes.admin.workOrderPhoto, requireAdmin('accounts.read'), async (c) => {
    const workOrderId = workOrderIdParam(c);
    const attachmentId = attachmentIdParam(c);
    return sendFile(c, await service.readPhoto(c.var.deps, c.var.dealer.id, null, workOrderId, attachmentId));
  });

  return app;
}
