import * as v from 'valibot';
import { CreateTicketRequest, EstimateDecisionRequest, Id, Routes, TicketQuery, TicketReplyRequest, TicketStatusRequest, TicketSubscribersRequest, type RequestTypeList } from '@porchlight/core';
import { Hono, type Context } from 'hono';
import type { PortalEnv } from '../../context.js';
import { readJson, readQuery, validate } from '../../http/body.js';
import { guardPart, notEmulated, requirePermission, requireSession } from '../../http/auth.js';
import { sendFile } from '../../http/file.js';
import { activeRequestTypes } from './request-types.js';
import * as service from './service.js';

/** A Porchlight id from the path (400 naming the parameter otherwise). */
export function idParam(c: Context, name: 'ticketId' | 'entryId' | 'attachmentId'): string {
  return validate(v.object({ [name]: Id }), { [name]: c.req.param(name) ?? '' })[name] as string;
}

/**
 * Support tickets in the portal, for logins granted "Support tickets" (every route, the request
 * types and people included; NOT_GRANTED otherwise). Every such user reads the tickets (reading
 * records needs no permission); opening, replying, subscribers, status and estimate decisions
 * need `tickets.use`, and a decision also the user themselves (an emulating admin may not
 * approve money on a client's behalf).
 */
export function ticketRoutes(options: { background: (p: Promise<unknown>) => void }) {
  const app = new Hono<PortalEnv>();
  guardPart(app, 'tickets', [`${Routes.tickets}/*`]);
  const session = requireSession();
  const use = requirePermission('tickets.use');
  const scope = (c: Context<PortalEnv>): service.PortalScope => ({ dealer: c.var.dealer, auth: c.var.auth, clientAddress: c.var.clientAddress, background: options.background });

  // The fixed paths first: `/v1/tickets/:ticketId` would match them too.
  app.get(Routes.ticketRequestTypes, session, async (c) => {
    const list: RequestTypeList = { items: await activeRequestTypes(c.var.deps, c.var.dealer.id) };
    return c.json(list);
  });

  app.get(Routes.ticketPeople, session, async (c) => c.json(await service.ticketPeople(c.var.deps, c.var.dealer.id, c.var.auth.account.id)));

  app.get(Routes.tickets, session, async (c) => {
    const query = readQuery(c, TicketQuery);
    return c.json(await service.listPortalTickets(c.var.deps, c.var.dealer.id, c.var.auth.account.id, query));
  });

  app.post(Routes.tickets, session, use, async (c) => {
    const input = await readJson(c, CreateTicketRequest);
    return c.json(await service.createTicket(c.var.deps, scope(c), input), 201);
  });

  app.get(Routes.ticket, session, async (c) => {
    const ticketId = idParam(c, 'ticketId');
    return c.json(await service.getPortalTicket(c.var.deps, c.var.dealer.id, c.var.auth.account.id, ticketId));
  });

  app.post(Routes.ticketReplies, session, use, async (c) => {
    const ticketId = idParam(c, 'ticketId');
    const input = await readJson(c, TicketReplyRequest);
    return c.json(await service.replyAsClient(c.var.deps, scope(c), ticketId, input));
  });

  app.put(Routes.ticketSubscribers, session, use, async (c) => {
    const ticketId = idParam(c, 'ticketId');
    const { userIds } = await readJson(c, TicketSubscribersRequest);
    return c.json(await service.setSubscribers(c.var.deps, scope(c), ticketId, userIds));
  });

  app.post(Routes.ticketStatus, session, use, async (c) => {
    const ticketId = idParam(c, 'ticketId');
    const { status } = await readJson(c, TicketStatusRequest);
    return c.json(await service.setStatusAsClient(c.var.deps, scope(c), ticketId, status));
  });

  app.post(Routes.ticketEstimateDecision, session, use, notEmulated(), async (c) => {
    const ticketId = idParam(c, 'ticketId');
    const entryId = idParam(c, 'entryId');
    const input = await readJson(c, EstimateDecisionRequest);
    return c.json(await service.decideEstimate(c.var.deps, scope(c), ticketId, entryId, input));
  });

  app.get(Routes.ticketAttachment, session, async (c) => {
    const ticketId = idParam(c, 'ticketId');
    const attachmentId = idParam(c, 'attachmentId');
    const { attachment, bytes } = await service.portalAttachment(c.var.deps, c.var.dealer.id, c.var.auth.account.id, ticketId, attachmentId);
    return sendFile(c, { filename: attachment.filename, contentType: attachment.contentType, bytes });
  });

  return app;
}
