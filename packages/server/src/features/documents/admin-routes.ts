import * as v from 'valibot';
import { DOCUMENT_MAX_BYTES, Id, Routes, ShareDocumentQuery } from '@porchlight/core';
import { Hono, type Context } from 'hono';
import type { PortalEnv } from '../../context.js';
import { readQuery, validate } from '../../http/body.js';
import { requireAdmin } from '../../http/auth.js';
import { fileBodyLimit, type FileRoute } from '../../http/body-limit.js';
import { requireAccount } from '../accounts/service.js';
import * as service from './service.js';

/**
 * The document upload: the one route of this feature whose body may be larger than the
 * portal's general limit (it has its own, DOCUMENT_MAX_BYTES).
 */
export const DOCUMENT_FILE_ROUTES: readonly FileRoute[] = [{ method: 'POST', path: Routes.admin.documents }];

const uploadLimit = fileBodyLimit(DOCUMENT_MAX_BYTES);

const NoQuery = v.strictObject({});
const accountIdParam = (c: Context<PortalEnv>) => validate(v.object({ accountId: Id }), { accountId: c.req.param('accountId') ?? '' }).accountId;
const documentIdParam = (c: Context<PortalEnv>) => validate(v.object({ documentId: Id }), { documentId: c.req.param('documentId') ?? '' }).documentId;

function scope(c: Context<PortalEnv>): service.AdminScope {
  return { dealerId: c.var.dealer.id, actor: c.var.admin.actor, clientAddress: c.var.clientAddress };
}

/**
 * Shared documents in the back office: list (`accounts.read`), share and remove
 * (`accounts.write`, audited in the account's trail). The upload's body is the raw file.
 */
export function documentAdminRoutes() {
  const app = new Hono<PortalEnv>();

  app.get(Routes.admin.documents, requireAdmin('accounts.read'), async (c) => {
    const accountId = accountIdParam(c);
    readQuery(c, NoQuery);
    await requireAccount(c.var.deps, c.var.dealer.id, accountId);
    return c.json(await service.listAdminDocuments(c.var.deps, c.var.dealer.id, accountId));
  });

  app.post(Routes.admin.documents, requireAdmin('accounts.write'), uploadLimit, async (c) => {
    const accountId = accountIdParam(c);
    const input = readQuery(c, ShareDocumentQuery);
    await requireAccount(c.var.deps, c.var.dealer.id, accountId);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    return c.json(await service.shareDocument(c.var.deps, scope(c), accountId, input, bytes, c.req.header('content-type') ?? ''), 201);
  });

  app.delete(Routes.admin.document, requireAdmin('accounts.write'), async (c) => {
    const accountId = accountIdParam(c);
    const documentId = documentIdParam(c);
    return c.json(await service.removeDocument(c.var.deps, scope(c), accountId, documentId));
  });

  return app;
}
