import { isId, PorchlightError, Routes, type PortalMessageList } from '@porchlight/core';
import { Hono } from 'hono';
import type { PortalEnv } from '../../context.js';
import { requireSession } from '../../http/auth.js';
import * as service from './service.js';

/**
 * Messages in the portal: every signed-in user reads the account's private messages and the
 * dealer's news that are still valid, and marks them read for themselves.
 */
export function messageRoutes() {
  const app = new Hono<PortalEnv>();
  const session = requireSession();

  app.get(Routes.messages, session, async (c) => {
    const { auth, dealer, deps } = c.var;
    const list: PortalMessageList = { items: await service.listPortalMessages(deps, dealer.id, auth.account.id, auth.user.id) };
    return c.json(list);
  });

  app.post(Routes.messageRead, session, async (c) => {
    const messageId = c.req.param('messageId');
    if (!isId(messageId)) throw new PorchlightError('VALIDATION_FAILED', 'The message id in the path is not valid.', { fields: { messageId: 'Must be a Porchlight id.' } });
    const { auth, dealer, deps } = c.var;
    return c.json(await service.markRead(deps, dealer.id, auth.account.id, auth.user.id, messageId));
  });

  return app;
}
