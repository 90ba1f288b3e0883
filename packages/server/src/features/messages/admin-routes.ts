import * as v from 'valibot';
import { CreateMessageRequest, Id, Routes, UpdateMessageRequest } from '@porchlight/core';
import { Hono, type Context } from 'hono';
import type { PortalEnv } from '../../context.js';
import { readJson, readQuery, validate } from '../../http/body.js';
import { requireAdmin } from '../../http/auth.js';
import { requireAccount } from '../accounts/service.js';
import * as service from './service.js';

const PageQuery = v.strictObject({
  limit: v.optional(v.pipe(v.string(), v.transform(Number), v.integer('limit is a whole number.'), v.minValue(1), v.maxValue(100))),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(400))),
});

/** PATCH / DELETE find a message by its id; an optional `?accountId=` must match it. */
const MessageQuery = v.strictObject({ accountId: v.optional(Id) });

const accountIdParam = (c: Context<PortalEnv>) => validate(v.object({ accountId: Id }), { accountId: c.req.param('accountId') ?? '' }).accountId;
const messageIdParam = (c: Context<PortalEnv>) => validate(v.object({ messageId: Id }), { messageId: c.req.param('messageId') ?? '' }).messageId;

function scope(c: Context<PortalEnv>): service.AdminScope {
  return { dealerId: c.var.dealer.id, actor: c.var.admin.actor, clientAddress: c.var.clientAddress };
}

/**
 * Messages in the back office: broadcast news to every account of the dealer, private
 * messages to one account. Reading needs `accounts.read`, writing `accounts.write`; every
 * write is audited (private ones in the account's trail, news in the dealer's).
 */
export function messageAdminRoutes() {
  const app = new Hono<PortalEnv>();

  app.get(Routes.admin.messages, requireAdmin('accounts.read'), async (c) => {
    return c.json(await service.listAdminMessages(c.var.deps, c.var.dealer.id, null, readQuery(c, PageQuery)));
  });

  app.post(Routes.admin.messages, requireAdmin('accounts.write'), async (c) => {
    const input = await readJson(c, CreateMessageRequest);
    return c.json(await service.createMessage(c.var.deps, scope(c), null, input), 201);
  });

  app.get(Routes.admin.accountMessages, requireAdmin('accounts.read'), async (c) => {
    const accountId = accountIdParam(c);
    const page = readQuery(c, PageQuery);
    await requireAccount(c.var.deps, c.var.dealer.id, accountId);
    return c.json(await service.listAdminMessages(c.var.deps, c.var.dealer.id, accountId, page));
  });

  app.post(Routes.admin.accountMessages, requireAdmin('accounts.write'), async (c) => {
    const accountId = accountIdParam(c);
    const input = await readJson(c, CreateMessageRequest);
    await requireAccount(c.var.deps, c.var.dealer.id, accountId);
    return c.json(await service.createMessage(c.var.deps, scope(c), accountId, input), 201);
  });

  app.patch(Routes.admin.message, requireAdmin('accounts.write'), async (c) => {
    const messageId = messageIdParam(c);
    const { accountId } = readQuery(c, MessageQuery);
    const input = await readJson(c, UpdateMessageRequest);
    return c.json(await service.updateMessage(c.var.deps, scope(c), messageId, accountId, input));
  });

  app.delete(Routes.admin.message, requireAdmin('accounts.write'), async (c) => {
    const messageId = messageIdParam(c);
    const { accountId } = readQuery(c, MessageQuery);
    return c.json(await service.deleteMessage(c.var.deps, scope(c), messageId, accountId));
  });

  return app;
}
