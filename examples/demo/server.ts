// `npm start`: the demo portal on http://127.0.0.1:8787 (PORT, HOST and PORCHLIGHT_DATA change it;
// PORCHLIGHT_STORE=redis://… or postgres://… or a folder picks the store, default the fs store).
import { serve } from '@hono/node-server';
import { demoApp } from './demo.js';
import { DEMO_BACK_OFFICE, DEMO_LOGINS, DEMO_OWNER, DEMO_REGISTRATION_KEYS, DEMO_STAFF } from './seed.js';
import { storeFromUrl } from './store-from-url.js';

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const store = process.env.PORCHLIGHT_STORE ? await storeFromUrl(process.env.PORCHLIGHT_STORE, { prefix: 'porchlight-demo', schema: 'porchlight_demo' }) : undefined;
const demo = demoApp({ port, host, ...(process.env.PORCHLIGHT_DATA ? { dataDir: process.env.PORCHLIGHT_DATA } : {}), ...(store ? { store } : {}) });
await demo.seed();

const server = serve({ fetch: demo.site.fetch, port, hostname: host }, () => {
  console.log(`
Porchlight demo — Lakeside Alarm Co.'s website with the client portal embedded
  Website + portal   ${demo.origin}/
  Sent emails        ${demo.origin}/outbox
  Back office        ${demo.origin}/backoffice
  Admin API          ${demo.origin}/api/porchlight/v1/admin/…  (Authorization: Bearer ${demo.apiKey})
  Data folder        ${demo.dataDir}${process.env.PORCHLIGHT_STORE ? `\n  Store              ${process.env.PORCHLIGHT_STORE.replace(/\/\/[^@]*@/, '//')}` : ''}

Demo logins (Account identifier / Username / Password):
${DEMO_LOGINS.map((l) => `  ${l.identifier.padEnd(9)} ${l.username.padEnd(8)} ${l.password.padEnd(18)} ${l.account} (manager)`).join('\n')}
${DEMO_STAFF.filter((s) => !s.disabled).map((s) => `  ${DEMO_LOGINS[0].identifier.padEnd(9)} ${s.username.padEnd(8)} ${s.password.padEnd(18)} ${DEMO_LOGINS[0].account} (office staff: ${s.permissions.join(', ')})`).join('\n')}
  ${DEMO_OWNER.accounts[0].identifier.padEnd(9)} ${DEMO_OWNER.email} ${DEMO_OWNER.password}  ${DEMO_OWNER.name}: one login for both accounts (switch after login)

New customer? "Register with your invoice": registration key ${DEMO_REGISTRATION_KEYS['5550100']}, customer number ${DEMO_LOGINS[0].customerNumber},
ZIP ${DEMO_LOGINS[0].zip}, name Marcus Bell (on Harbor View's call list), any phone and email; the link arrives at /outbox.

Back-office logins (Email / Password):
${DEMO_BACK_OFFICE.map((b) => `  ${b.email.padEnd(32)} ${b.password.padEnd(22)} ${b.role}`).join('\n')}
`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    void demo.portal.settled().finally(() => process.exit(0));
  });
}
