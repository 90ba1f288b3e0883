// The servers for bench/http.ts, in their own process so the load generator does not share
// their event loop: a bare Hono "hello" and the Porchlight handler (memory store), each on
// its own port. Prints "ready <helloPort> <portalPort> <token>" once a session exists.
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { createStorage } from 'unstorage';
import { createPortal, unstorageStore } from '@porchlight/server';

const apiKey = 'bench-key-0123456789abcdefghij';
const hello = new Hono().get('/hello', (c) => c.text('Hello'));
const portal = createPortal({
  store: unstorageStore(createStorage()),
  mailer: { send: async () => undefined },
  dealer: { id: 'bench', name: 'Bench', apiKeys: [{ id: 'b', key: apiKey }] },
});
const call = async (path: string, body: unknown, method = 'POST', token = apiKey) => {
  const res = await portal.request(path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as any;
};
const account = await call('/v1/admin/accounts', { name: 'Bench', identifier: '5550100' });
await call(`/v1/admin/accounts/${account.id}/manager`, { username: 'manager', password: 'bench-temporary-pass' }, 'PUT');
const login = await call('/v1/auth/login', { identifier: '5550100', username: 'manager', password: 'bench-temporary-pass' });
const token = login.session.token as string;
await call('/v1/auth/password', { currentPassword: 'bench-temporary-pass', newPassword: 'bench permanent pass' }, 'POST', token);

const a = serve({ fetch: hello.fetch, port: 0, hostname: '127.0.0.1' });
const b = serve({ fetch: portal.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((r) => setTimeout(r, 100));
const port = (s: typeof a) => (s.address() as { port: number }).port;
console.log(`ready ${port(a)} ${port(b)} ${token}`);
