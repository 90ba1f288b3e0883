/**
 * One handler process of the cluster. Start several on different ports with the same
 * PORCHLIGHT_STORE; any of them can serve any request.
 *   PORT=8801 PORCHLIGHT_STORE=redis://127.0.0.1:6379 node --import tsx --conditions=source examples/cluster/instance.ts
 */
import { serve } from '@hono/node-server';
import { createPortal } from '@porchlight/server';
import { createOutboxMailer } from '@porchlight/emails';
import { storeFromUrl } from '../demo/store-from-url.js';

const port = Number(process.env.PORT ?? 8801);
const url = process.env.PORCHLIGHT_STORE ?? 'redis://127.0.0.1:6379';
const store = await storeFromUrl(url, {
  ...(process.env.PORCHLIGHT_PREFIX ? { prefix: process.env.PORCHLIGHT_PREFIX } : {}),
  ...(process.env.PORCHLIGHT_SCHEMA ? { schema: process.env.PORCHLIGHT_SCHEMA } : {}),
});
const portal = createPortal({
  store,
  mailer: createOutboxMailer({ dir: process.env.PORCHLIGHT_OUTBOX ?? '.data/cluster/outbox', log: false }),
  dealer: {
    id: 'lakeside',
    name: 'Lakeside Alarm Co.',
    apiKeys: [{ id: 'backoffice', key: process.env.PORCHLIGHT_API_KEY ?? 'cluster-example-key-0123456789' }],
    settings: { portalUrl: 'https://www.lakeside.example/portal' },
  },
});
const server = serve({ fetch: portal.fetch, port, hostname: '127.0.0.1' }, () => console.log(`ready ${port} ${url.replace(/\/\/[^@]*@/, '//')}`));
const stop = async () => {
  server.close();
  await portal.settled();
  await store.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
