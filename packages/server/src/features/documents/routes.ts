import { isId, PorchlightError, Routes, type PortalDocumentList } from '@porchlight/core';
import { Hono } from 'hono';
import type { PortalEnv } from '../../context.js';
import { guardPart, requireSession } from '../../http/auth.js';
import { sendFile } from '../../http/file.js';
import * as service from './service.js';

/**
 * Shared documents in the portal, for logins granted "Documents" (NOT_GRANTED otherwise):
 * every such user lists the account's documents shared
 * with everyone or with them, and downloads them as attachments (never rendered in the page:
 * the detected type, nosniff, a sandbox CSP).
 */
export function documentRoutes() {
  const app = new Hono<PortalEnv>();
  guardPart(app, 'documents', [`${Routes.documents}/*`]);
  const session = requireSession();

  app.get(Routes.documents, session, async (c) => {
    const { auth, dealer, deps } = c.var;
    const list: PortalDocumentList = { items: await service.listPortalDocuments(deps, dealer.id, auth.account.id, auth.user.id) };
    return c.json(list);
  });

  app.get(Routes.documentFile, session, async (c) => {
    const documentId = c.req.param('documentId');
    if (!isId(documentId)) throw new PorchlightError('VALIDATION_FAILED', 'The document id in the path is not valid.', { fields: { documentId: 'Must be a Porchlight id.' } });
    const { auth, dealer, deps } = c.var;
    const { doc, bytes } = await service.readDocument(deps, dealer.id, auth.account.id, auth.user.id, documentId);
    return sendFile(c, { filename: doc.filename, contentType: doc.contentType, bytes });
  });

  return app;
}
