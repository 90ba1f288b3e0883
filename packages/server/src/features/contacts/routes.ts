import { ContactList, CreateContactRequest, isId, PorchlightError, Routes, UpdateContactRequest } from '@porchlight/core';
import { Hono, type Context } from 'hono';
import type { PortalEnv } from '../../context.js';
import { readJson } from '../../http/body.js';
import { requirePermission, requireSession } from '../../http/auth.js';
import * as service from './service.js';

function contactIdParam(c: Context<PortalEnv>): string {
  const id = c.req.param('contactId');
  if (!isId(id)) throw new PorchlightError('VALIDATION_FAILED', 'The contact id in the path is not valid.', { fields: { contactId: 'Must be a Porchlight id.' } });
  return id;
}

function scope(c: Context<PortalEnv>): service.ContactScope {
  return { dealerId: c.var.dealer.id, accountId: c.var.auth.account.id, actor: c.var.auth.actor, clientAddress: c.var.clientAddress };
}

/**
 * The emergency call list: every signed-in user reads it; adding and changing need
 * `records.modify`, deleting `records.delete` (read fresh on every request).
 */
export function contactRoutes() {
  const app = new Hono<PortalEnv>();
  const session = requireSession();

  app.get(Routes.contacts, session, async (c) => {
    const list: ContactList = { items: await service.listContacts(c.var.deps, c.var.dealer.id, c.var.auth.account.id) };
    return c.json(list);
  });

  app.post(Routes.contacts, session, requirePermission('records.modify'), async (c) => {
    const input = await readJson(c, CreateContactRequest);
    return c.json(await service.createContact(c.var.deps, scope(c), input), 201);
  });

  app.patch(Routes.contact, session, requirePermission('records.modify'), async (c) => {
    const contactId = contactIdParam(c);
    const input = await readJson(c, UpdateContactRequest);
    return c.json(await service.updateContact(c.var.deps, scope(c), contactId, input));
  });

  app.delete(Routes.contact, session, requirePermission('records.delete'), async (c) => {
    return c.json(await service.deleteContact(c.var.deps, scope(c), contactIdParam(c)));
  });

  return app;
}
