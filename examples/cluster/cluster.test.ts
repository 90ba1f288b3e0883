// Two handler processes on different ports share one store (Redis, then PostgreSQL):
// a session made on one works on the other, a rate limit counts across both, and a password
// change on one ends the sessions on the other.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import pg from 'pg';

const here = import.meta.dirname;
const API_KEY = 'cluster-test-key-0123456789abcdef';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];

after(async () => {
  for (const c of children) c.kill('SIGTERM');
  for (const fn of cleanups) await fn().catch(() => undefined);
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function startInstance(env: Record<string, string>): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', join(here, 'instance.ts')], {
    env: { ...process.env, ...env, PORT: String(port), PORCHLIGHT_API_KEY: API_KEY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let errors = '';
  child.stderr!.on('data', (d) => (errors += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance on ${port} did not start: ${errors}`)), 30_000);
    child.stdout!.on('data', (d) => {
      if (String(d).includes(`ready ${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`instance exited ${code}: ${errors}`)));
  });
  return `http://127.0.0.1:${port}`;
}

async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, { method, headers: { 'content-type': 'application/json', ...headers }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, body: (await res.json()) as any };
}

async function proveCluster(env: Record<string, string>) {
  const [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
  const admin = { authorization: `Bearer ${API_KEY}` };
  const account = await call(a, 'POST', '/v1/admin/accounts', { name: 'Harbor View', mainPhone: '555-0100' }, admin);
  assert.equal(account.status, 201);
  await call(b, 'PUT', `/v1/admin/accounts/${account.body.id}/manager`, { username: 'manager', password: 'temporary-Pass-1' }, admin);
  const first = await call(a, 'POST', '/v1/auth/login', { identifier: '5550100', username: 'manager', password: 'temporary-Pass-1' });
  assert.equal(first.status, 200);
  const changed = await call(b, 'POST', '/v1/auth/password', { currentPassword: 'temporary-Pass-1', newPassword: 'cluster pass phrase' }, { authorization: `Bearer ${first.body.session.token}` });
  assert.equal(changed.status, 200, 'the session made on A works on B');

  // A session made on B, then a password change on A ends it on B.
  const onB = (await call(b, 'POST', '/v1/auth/login', { identifier: '5550100', username: 'manager', password: 'cluster pass phrase' })).body.session.token;
  assert.equal((await call(a, 'GET', '/v1/auth/session', undefined, { authorization: `Bearer ${onB}` })).status, 200);
  const onA = (await call(a, 'POST', '/v1/auth/login', { identifier: '5550100', username: 'manager', password: 'cluster pass phrase' })).body.session.token;
  assert.equal((await call(a, 'POST', '/v1/auth/password', { currentPassword: 'cluster pass phrase', newPassword: 'another cluster phrase' }, { authorization: `Bearer ${onA}` })).status, 200);
  const ended = await call(b, 'GET', '/v1/auth/session', undefined, { authorization: `Bearer ${onB}` });
  assert.equal(ended.status, 401, 'the password change on A ended the session on B');
  assert.equal(ended.body.error.code, 'SESSION_EXPIRED');

  // The per-user limit (8 per 15 minutes) counts attempts on both instances together.
  const statuses = [];
  for (let i = 0; i < 10; i++) statuses.push((await call(i % 2 ? b : a, 'POST', '/v1/auth/login', { identifier: '5550100', username: 'manager', password: `guess number ${i}` })).status);
  // The successful logins above gave their count back: 8 failures fit, then every instance answers 429.
  assert.deepEqual(statuses, [401, 401, 401, 401, 401, 401, 401, 401, 429, 429]);
}

test('two processes on Redis: sessions, rate limits and password changes are shared', async () => {
  const prefix = `cluster-test-${Date.now().toString(36)}`;
  const outbox = mkdtempSync(join(tmpdir(), 'porchlight-cluster-'));
  cleanups.push(async () => rmSync(outbox, { recursive: true, force: true }));
  cleanups.push(async () => {
    const { Redis } = await import('ioredis');
    const r = new Redis(REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await r.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    r.disconnect();
  });
  await proveCluster({ PORCHLIGHT_STORE: REDIS_URL, PORCHLIGHT_PREFIX: prefix, PORCHLIGHT_OUTBOX: outbox });
});

test('two processes on PostgreSQL: sessions, rate limits and password changes are shared', async () => {
  const schema = `porchlight_cluster_${Date.now().toString(36)}`;
  const outbox = mkdtempSync(join(tmpdir(), 'porchlight-cluster-'));
  cleanups.push(async () => rmSync(outbox, { recursive: true, force: true }));
  cleanups.push(async () => {
    const client = new pg.Client(DATABASE_URL);
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });
  await proveCluster({ PORCHLIGHT_STORE: DATABASE_URL, PORCHLIGHT_SCHEMA: schema, PORCHLIGHT_OUTBOX: outbox });
});
