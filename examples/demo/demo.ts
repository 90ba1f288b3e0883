/**
 * The demo: Lakeside Alarm Co.'s own website with the Porchlight portal embedded, and the
 * Porchlight handler mounted on the same server under /api/porchlight, and the dealer's back
 * office (/backoffice) built from the admin elements. Data lives in the fs Store under a data
 * folder, so it survives restarts; mail goes to a dev outbox shown at /outbox.
 */
import { readFile } from 'node:fs/promises';
import { mkdirSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { createStorage } from 'unstorage';
import fsDriver from 'unstorage/drivers/fs';
import { createPortal, runBillingJobs, sandboxGateway, sandboxGatewayApp, unstorageStore } from '@porchlight/server';
import type { MailMessage, Mailer, Store } from '@porchlight/core';
import { createOutboxMailer, readOutbox } from '@porchlight/emails';
import { seedDemo, DEMO_DEALER_ID, type MailReader } from './seed.js';
import { outboxPage } from './outbox-page.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');

export interface DemoOptions {
  port: number;
  host?: string;
  /** Folder for the store and the outbox (default .data/demo at the repository root). */
  dataDir?: string;
  quiet?: boolean;
  /** The store (default: the fs driver under the data folder). See store-from-url.ts. */
  store?: Store;
}

export function demoApp(options: DemoOptions) {
  const host = options.host ?? '127.0.0.1';
  const origin = `http://${host}:${options.port}`;
  const dataDir = options.dataDir ?? join(root, '.data', 'demo');
  mkdirSync(dataDir, { recursive: true });
  const outboxDir = join(dataDir, 'outbox');
  const apiKey = process.env.PORCHLIGHT_API_KEY ?? demoApiKey(dataDir);

  const store = options.store ?? unstorageStore(createStorage({ driver: fsDriver({ base: join(dataDir, 'store') }) }));
  const embeddingOrigins = [...new Set([origin, `http://localhost:${options.port}`, `http://127.0.0.1:${options.port}`])];
  // The pretend payment gateway (docs/payments-gateways.md): its own app at /sandbox-gateway,
  // holding test card numbers in its own memory; Porchlight's handler sees tokens only.
  const sandbox = sandboxGatewayApp({ secret: process.env.SANDBOX_GATEWAY_SECRET ?? randomBytes(24).toString('base64url'), allowedOrigins: embeddingOrigins });
  // The dev outbox, and the last emails in memory so the seed can follow a login email's link.
  const outbox = createOutboxMailer({ dir: outboxDir, log: !options.quiet });
  const recentMail: MailMessage[] = [];
  const mailer: Mailer = {
    async send(message) {
      recentMail.push(message);
      if (recentMail.length > 20) recentMail.shift();
      await outbox.send(message);
    },
  };
  const mails: MailReader = (to, template) => [...recentMail].reverse().find((m) => m.to.email === to && m.template === template);
  const portal = createPortal({
    gateway: sandboxGateway({ app: sandbox, publicUrl: `${origin}/sandbox-gateway` }),
    store,
    mailer,
    dealer: {
      id: DEMO_DEALER_ID,
      name: 'Lakeside Alarm Co.',
      branding: {
        logoUrl: '/logo.svg',
        colors: { primary: '#0b5d7a', primaryText: '#ffffff', accent: '#f2a900' },
        font: 'Inter, "Segoe UI", system-ui, sans-serif',
      },
      allowedOrigins: embeddingOrigins,
      apiKeys: [{ id: 'demo-backoffice', key: apiKey }],
      settings: {
        portalUrl: `${origin}/`,
        resetUrl: `${origin}/reset`,
        backOfficeUrl: `${origin}/backoffice`,
        supportEmail: 'support@lakeside-alarm.example',
        // Every way in (docs/onboarding.md): the registration key on the invoices, access requests
        // the back office approves, and the dealer's own "Setup access" with a 48-hour link.
        onboarding: { registration: true, requestAccess: true, credentials: 'link', nameMatching: 'exact' },
      },
    },
  });

  const site = new Hono();
  site.route('/api/porchlight', portal);
  site.route('/sandbox-gateway', sandbox);
  // The script-tag bundles and their shared chunks (names checked: nothing else of dist is served).
  site.get('/assets/*', async (c) => {
    const name = c.req.path.slice('/assets/'.length);
    if (!/^(?:porchlight(?:-[a-z]+)?|chunks\/[A-Za-z0-9_-]+)\.js$/.test(name)) return c.notFound();
    const file = join(root, 'packages', 'elements', 'dist', name);
    if (!existsSync(file)) return c.text('The elements bundle is not built: run `npm start` (it builds it) or `npm run build:demo`.', 503);
    return c.body(await readFile(file), 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
  });
  site.get('/outbox', async (c) => c.html(outboxPage(await readOutbox(outboxDir, { limit: 50 }))));
  const page = (name: string) => async (c: any) => c.html(await readFile(join(here, 'public', name), 'utf8'));
  site.get('/', page('index.html'));
  site.get('/reset', page('reset.html'));
  site.get('/backoffice', page('backoffice.html'));
  // The billing jobs (autopay, reconciliation) run in this process: the sandbox gateway keeps its cards in
  // this process's memory. `npm run autopay` calls this (with the API key); a real deployment runs
  // packages/server/src/bin/run-autopay.ts from cron instead (docs/billing.md).
  site.post('/demo/jobs/billing', async (c) => {
    const given = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    if (given.length !== apiKey.length || !timingSafeEqual(Buffer.from(given), Buffer.from(apiKey))) return c.json({ error: { code: 'INVALID_API_KEY', message: 'Send the demo API key.' } }, 401);
    const at = c.req.query('at');
    const now = at && !Number.isNaN(Date.parse(at)) ? Date.parse(at) : undefined;
    return c.json(await runBillingJobs(portal, { at: now }));
  });
  site.get('/logo.svg', async (c) => c.body(await readFile(join(here, 'public', 'logo.svg')), 200, { 'content-type': 'image/svg+xml' }));

  return { site, portal, sandbox, store, apiKey, origin, dataDir, outboxDir, seed: () => seedDemo(portal, apiKey, mails) };
}

/** A per-installation API key for the demo's back office, kept in the data folder. */
function demoApiKey(dataDir: string): string {
  const file = join(dataDir, 'api-key.txt');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = `demo_${randomBytes(24).toString('base64url')}`;
  writeFileSync(file, key + '\n', { mode: 0o600 });
  return key;
}
