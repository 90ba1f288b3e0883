/**
 * A dealer's existing Express 5 server — its own JSON API and pages — with Porchlight's
 * handler mounted at /porchlight. Two rules: mount Porchlight before any body parser that
 * would read its requests (express.json() here is scoped to /api), and let Express strip the
 * mount path (Porchlight then sees /v1/…).
 */
import express from 'express';
import { getRequestListener } from '@hono/node-server';
import { createPortal, unstorageStore, type Portal } from '@porchlight/server';
import type { Mailer, Store } from '@porchlight/core';

export function createDealerServer(options: { store: Store; mailer: Mailer; apiKey: string; origin: string }): { app: express.Express; portal: Portal } {
  const portal = createPortal({
    store: options.store,
    mailer: options.mailer,
    dealer: {
      id: 'lakeside',
      name: 'Lakeside Alarm Co.',
      allowedOrigins: [options.origin],
      apiKeys: [{ id: 'backoffice', key: options.apiKey }],
      settings: { portalUrl: `${options.origin}/portal`, resetUrl: `${options.origin}/reset` },
    },
  });

  const app = express();
  app.disable('x-powered-by');
  // The dealer's own routes, as they were before Porchlight arrived.
  app.use('/api', express.json());
  app.get('/api/hours', (_req, res) => void res.json({ office: 'Mon–Fri 8–6' }));
  app.post('/api/contact', (req, res) => void res.status(201).json({ received: req.body }));
  // Porchlight: one line.
  app.use('/porchlight', getRequestListener(portal.fetch));
  return { app, portal };
}

export { unstorageStore };
