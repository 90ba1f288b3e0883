import * as v from 'valibot';
import { CreateWorkOrderRequest, Id, Routes, WorkOrderNoteRequest, WorkOrderQuery, type SiteList, type WorkOrder, type WorkOrderPage } from '@porchlight/core';
import { Hono, type Context } from 'hono';
import type { PortalEnv } from '../../context.js';
import { readJson, readQuery, validate } from '../../http/body.js';
import { guardPart, requirePermission, requireSession } from '../../http/auth.js';
import { sendFile } from '../../http/file.js';
import * as service from './service.js';

const NoQuery = v.strictObject({});
export const workOrderIdParam = (c: Context<PortalEnv>) => validate(v.object({ workOrderId: Id }), { workOrderId: c.req.param('workOrderId') ?? '' }).workOrderId;
export const attachmentIdParam = (c: Context<PortalEnv>) => validate(v.object({ attachmentId: Id }), { attachmentId: c.req.param('attachmentId') ?? '' }).attachmentId;

function scope(c: Context<PortalEnv>): service.PortalScope {
  return { dealer: c.var.dealer, auth: c.var.auth, clientAddress: c.var.clientAddress, origin: c.req.header('origin') };
}

/**
 * Work orders in the portal, for logins granted "Work orders" (every route, the sites included;
 * NOT_GRANTED otherwise): every such user reads the account's sites and work orders
 * (with their timeline, notes and photos); sending one and adding notes need
 * `work-orders.submit` (read fresh on every request). Photos are uploaded first (POST
 * /v1/uploads) and named by id.
 */
export function workOrderRoutes(options: { background: (p: Promise<unknown>) => void }) {
  const app = new Hono<PortalEnv>();
  guardPart(app, 'work-orders', [Routes.sites, `${Routes.workOrders}/*`]);
  const session = requireSession();
  const submit = requirePermission('work-orders.submit');

  app.get(Routes.sites, session, async (c) => {
    readQuery(c, NoQuery);
    const list: SiteList = await service.getSites(c.var.deps, c.var.dealer.id, c.var.auth.account.id);
    return c.json(list);
  });

  app.get(Routes.workOrders, session, async (c) => {
    const query = readQuery(c, WorkOrderQuery);
    const page: WorkOrderPage = await service.listWorkOrders(c.var.deps, c.var.dealer.id, c.var.auth.account.id, query);
    return c.json(page);
  });

  app.post(Routes.workOrders, session, submit, async (c) => {
    const input = await readJson(c, CreateWorkOrderRequest);
    const created: WorkOrder = await service.createWorkOrder(c.var.deps, scope(c), input, options.background);
    return c.json(created, 201);
  });

  app.get(Routes.workOrder, session, async (c) => {
    const workOrderId = workOrderIdParam(c);
    return c.json(await service.getWorkOrder(c.var.deps, c.var.dealer.id, c.var.auth.account.id, workOrderId));
  });

  app.post(Routes.workOrderNotes, session, submit, async (c) => {
    const workOrderId = workOrderIdParam(c);
    const { body } = await readJson(c, WorkOrderNoteRequest);
    return c.json(await service.addClientNote(c.var.deps, scope(c), workOrderId, body), 201);
  });

  app.get(Routes.workOrderPhoto, session, async (c) => {
    const workOrderId = workOrderIdParam(c);
    const attachmentId = attachmentIdParam(c);
    return sendFile(c, await service.readPhoto(c.var.deps, c.var.dealer.id, c.var.auth.account.id, workOrderId, attachmentId));
  });

  return app;
}
