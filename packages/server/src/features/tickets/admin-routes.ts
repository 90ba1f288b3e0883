import * as v from 'valibot';
import { AdminTicketQuery, AdminTicketReplyRequest, CreateEstimateRequest, RequestTypeList, Routes, TicketStatusRequest } from '@porchlight/core';
import { Hono, type Context } from 'hono';
import type { PortalEnv } from '../../context.js';
import { readJson, readQuery } from '../../http/body.js';
import { requireAdmin } from '../../http/auth.js';
import { sendFile } from '../../http/file.js';
import { requireAccount } from '../accounts/service.js';
import { getRequestTypes, saveRequestTypes } from './request-types.js';
import { idParam } from './routes.js';
import * as service from './service.js';

const EmptyBody = v.strictObject({});

/**
 * Support tickets in the back office: read every account's tickets (`accounts.read`), answer
 * them (`tickets.reply`: reply with files, status, estimates), and the dealer's request types
 * (read `accounts.read`, replace `accounts.write`). Every write is audited.
 */
export function ticketAdminRoutes(options: { background: (p: Promise<unknown>) => void }) {
  const app = new Hono<PortalEnv>();
  const read = requireAdmin('accounts.read');
  const reply = requireAdmin('tickets.reply');
  const scope = (c: Context<PortalEnv>): service.AdminScope => ({
    dealer: c.var.dealer,
    actor: c.var.admin.actor,
    adminId: c.var.admin.keyId,
    clientAddress: c.var.clientAddress,
    background: options.background,
  });

  app.get(Routes.admin.requestTypes, read, async (c) => {
    const list: RequestTypeList = { items: await getRequestTypes(c.var.deps, c.var.dealer.id) };
    return c.json(list);
  });

  app.put(Routes.admin.requestTypes, requireAdmin('accounts.write'), async (c) => {
    const input = await readJson(c, RequestTypeList);
    return c.json(await saveRequestTypes(c.var.deps, { dealerId: c.var.dealer.id, actor: c.var.admin.actor, clientAddress: c.var.clientAddress }, input));
  });

  app.get(Routes.admin.tickets, read, async (c) => {
    const query = readQuery(c, AdminTicketQuery);
    if (query.accountId) await requireAccount(c.var.deps, c.var.dealer.id, query.accountId);
    return c.json(await service.listAdminTickets(c.var.deps, c.var.dealer.id, query));
  });

  app.get(Routes.admin.ticket, read, async (c) => {
    return c.json(await service.getAdminTicket(c.var.deps, c.var.dealer.id, idParam(c, 'ticketId')));
  });

  app.patch(Routes.admin.ticket, reply, async (c) => {
    const ticketId = idParam(c, 'ticketId');
    const { status } = await readJson(c, TicketStatusRequest);
    return c.json(await service.setStatusAsDealer(c.var.deps, scope(c), ticketId, status));
  });

  app.post(Routes.admin.ticketReplies, reply, async (c) => {
    const ticketId = idParam(c, 'ticketId');
    const input = await readJson(c, AdminTicketReplyRequest);
    return c.json(await service.replyAsDealer(c.var.deps, scope(c), ticketId, input));
  });

  app.post(Routes.admin.ticketEstimates, reply, async (c) => {
    const ticketId = idParam(c, 'ticketId');
    const input = await readJson(c, CreateEstimateRequest);
    return c.json(await service.proposeEstimate(c.var.deps, scope(c), ticketId, input));
  });

  app.post(Routes.admin.ticketEstimateWithdraw, reply, async (c) => {
    const ticketId = idParam(c, 'ticketId');
    const entryId = idParam(c, 'entryId');
    await readJson(c, EmptyBody);
    return c.json(await service.withdrawEstimate(c.var.deps, scope(c), ticketId, entryId));
  });

  app.get(Routes.admin.ticketAttachment, read, async (c) => {
    const ticketId = idParam(c, 'ticketId');
    const attachmentId = idParam(c, 'attachmentId');
    const { attachment, bytes } = await service.adminAttachment(c.var.deps, c.var.dealer.id, ticketId, attachmentId);
    return sendFile(c, { filename: attachment.filename, contentType: attachment.contentType, bytes });
  });

  return app;
}
