import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createStorage } from 'unstorage';
import type { MailMessage } from '@porchlight/core';
import { createDealerServer, unstorageStore } from './app.js';

test('Porchlight mounted in an existing Express server: both keep working, over a real socket', async () => {
  const apiKey = 'express-example-key-0123456789';
  const sent: MailMessage[] = [];
  const { app, portal } = createDealerServer({
    store: unstorageStore(createStorage()),
    mailer: { send: async (m) => void sent.push(m) },
    apiKey,
    origin: 'https://www.lakeside.example',
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const json = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(base + path, { ...init, headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) } });
    return { status: res.status, body: (await res.json()) as any, headers: res.headers };
  };
  try {
    // The dealer's own API still parses its JSON.
    assert.deepEqual((await json('/api/contact', { method: 'POST', body: '{"name":"Ann"}' })).body, { received: { name: 'Ann' } });
    // Porchlight answers under its mount path.
    assert.equal((await json('/porchlight/v1/dealer')).body.name, 'Lakeside Alarm Co.');
    const admin = { authorization: `Bearer ${apiKey}` };
    const account = await json('/porchlight/v1/admin/accounts', { method: 'POST', headers: admin, body: JSON.stringify({ name: 'Harbor View', mainPhone: '555-0100' }) });
    assert.equal(account.status, 201);
    await json(`/porchlight/v1/admin/accounts/${account.body.id}/manager`, { method: 'PUT', headers: admin, body: JSON.stringify({ username: 'manager', password: 'temporary-Pass-1' }) });
    const login = await json('/porchlight/v1/auth/login', {
      method: 'POST',
      headers: { origin: 'https://www.lakeside.example' },
      body: JSON.stringify({ identifier: '5550100', username: 'manager', password: 'temporary-Pass-1' }),
    });
    assert.equal(login.status, 200);
    assert.equal(login.headers.get('access-control-allow-origin'), 'https://www.lakeside.example');
    // The client address reaches the rate limiter through the socket (not a header anyone can set).
    const limited = [];
    for (let i = 0; i < 9; i++) {
      limited.push((await json('/porchlight/v1/auth/login', { method: 'POST', body: JSON.stringify({ identifier: '5550100', username: 'manager', password: `guess-${i}-guess` }) })).status);
    }
    assert.equal(limited.at(-1), 429);
    const unknown = await json('/porchlight/v1/nope');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'NOT_FOUND');
  } finally {
    server.close();
    await portal.settled();
  }
});
