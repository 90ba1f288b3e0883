import { Routes, UPLOAD_MAX_BYTES, UploadQuery } from '@porchlight/core';
import { Hono } from 'hono';
import type { PortalEnv } from '../../context.js';
import { readQuery } from '../../http/body.js';
import { requireGrant, requireSession } from '../../http/auth.js';
import { fileBodyLimit, type FileRoute } from '../../http/body-limit.js';
import { createUpload } from './service.js';

/** The upload routes (portal and back office): their bodies are files, with their own limit, UPLOAD_MAX_BYTES. */
export const UPLOAD_FILE_ROUTES: readonly FileRoute[] = [
  { method: 'POST', path: Routes.uploads },
  { method: 'POST', path: Routes.admin.uploads },
];

export const uploadLimit = fileBodyLimit(UPLOAD_MAX_BYTES);

/**
 * POST /v1/uploads?filename=…: a signed-in user sends one file (the raw bytes as the body); it
 * waits, for UPLOAD_TTL_HOURS, until a ticket or reply of the same user names its id. Uploads
 * serve tickets and work orders: the login needs either grant.
 */
export function uploadRoutes() {
  const app = new Hono<PortalEnv>();

  app.post(Routes.uploads, requireSession(), requireGrant('tickets', 'work-orders'), uploadLimit, async (c) => {
    const input = readQuery(c, UploadQuery);
    const { auth, dealer, deps } = c.var;
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const uploader = { accountId: auth.account.id, userId: auth.user.id };
    return c.json(await createUpload(deps, { dealerId: dealer.id, uploader, actor: auth.actor }, input, bytes, c.req.header('content-type') ?? ''), 201);
  });

  return app;
}
