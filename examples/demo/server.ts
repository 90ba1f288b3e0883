// `npm start`: the demo portal on http://127.0.0.1:8787 (PORT, HOST and PORCHLIGHT_DATA change it).
import { serve } from '@hono/node-server';
import { demoApp } from './demo.js';
import { DEMO_LOGINS } from './seed.js';

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const demo = demoApp({ port, host, ...(process.env.PORCHLIGHT_DATA ? { dataDir: process.env.PORCHLIGHT_DATA } : {}) });
await demo.seed();

const server = serve({ fetch: demo.site.fetch, port, hostname: host }, () => {
  console.log(`
Porchlight demo — Lakeside Alarm Co.'s website with the client portal embedded
  Website + portal   ${demo.origin}/
  Sent emails        ${demo.origin}/outbox
  Admin API          ${demo.origin}/api/porchlight/v1/admin/…  (Authorization: Bearer ${demo.apiKey})
  Data folder        ${demo.dataDir}

Demo logins (Account identifier / Username / Password):
${DEMO_LOGINS.map((l) => `  ${l.identifier.padEnd(9)} ${l.username.padEnd(8)} ${l.password.padEnd(18)} ${l.account}`).join('\n')}
`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    void demo.portal.settled().finally(() => process.exit(0));
  });
}
