import { Routes, UploadQuery } from '@porchlight/core';
import { Hono } from 'hono';
import type { PortalEnv } from '../../context.js';
import { readQuery } from '../../http/body.js';
import { requireAdmin } from '../../http/auth.js';
import { uploadLimit } from './routes.js';
import { createUpload } from './service.js';

/**
 * POST /v1/admin/uploads?filename=…: the back office (`tickets.reply`) sends one file for a
 * staff reply. Pending uploads belong to the caller (the API key, or the staff member).
 */
export function uploadAdminRoutes() {
  const app = new Hono<PortalEnv>();

  app.post(Routes.admin.uploads, requireAdmin('tickets.reply'), uploadLimit, async (c) => {
    const input = readQuery(c, UploadQuery);
    const { admin, dealer, deps } = c.var;
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    return c.json(await createUpload(deps, { dealerId: dealer.id, uploader: { adminId: admin.keyId }, actor: admin.actor }, input, bytes, c.req.header('content-type') ?? ''), 201);
  });

  return app;
}
