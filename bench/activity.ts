// activity: what the manager's activity view costs on an account with a long history. Fills one
// account's audit log with N entries through the real handler (call-list changes by the manager,
// 1 in 100 by an office staff member), then times the first page of GET /v1/activity unfiltered
// and filtered to the rare person (who needs bounded scans: a page may come back short with a
// cursor, and the view follows it). Goal: a filtered page of 25 costs at most 20× an unfiltered one,
// and no single request examines more than 1000 entries (so no request grows with the history).
// STORE=redis://127.0.0.1:6379 or postgres://127.0.0.1/test runs it on that store (a fresh prefix
// or schema each run) instead of the unstorage memory driver.
import { createStorage } from 'unstorage';
import { createPortal, unstorageStore } from '@porchlight/server';
import type { Store } from '@porchlight/core';
import { storeFromUrl } from '../examples/demo/store-from-url.js';

const N = Number(process.env.N ?? 10_000);
const RUNS = Number(process.env.RUNS ?? 15);
const apiKey = 'bench-key-0123456789abcdefghij';
const run = `bench_activity_${Date.now()}`;
const store: Store = process.env.STORE ? await storeFromUrl(process.env.STORE, { prefix: run, schema: run }) : unstorageStore(createStorage());
const portal = createPortal({
  store,
  mailer: { send: async () => undefined },
  dealer: { id: 'bench', name: 'Bench', apiKeys: [{ id: 'b', key: apiKey }], settings: { portalUrl: 'https://bench.example/' } },
});
const call = async (method: string, path: string, body?: unknown, token = apiKey) => {
  const res = await portal.request(path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json()) as any;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
};
const permanent = async (username: string, temporary: string) => {
  const login = await call('POST', '/v1/auth/login', { identifier: '5550100', username, password: temporary });
  await call('POST', '/v1/auth/password', { currentPassword: temporary, newPassword: `${username} bench passphrase` }, login.session.token);
  return login.session.token as string;
};

const account = await call('POST', '/v1/admin/accounts', { name: 'Bench', identifier: '5550100' });
await call('PUT', `/v1/admin/accounts/${account.id}/manager`, { username: 'manager', password: 'bench-temporary-pass' });
const manager = await permanent('manager', 'bench-temporary-pass');
const staff = await call('POST', '/v1/staff', { name: 'Rare Person', username: 'rare', password: 'rare-temporary-pass', permissions: ['records.modify'] }, manager);
const rare = await permanent('rare', 'rare-temporary-pass');
const contact = await call('POST', '/v1/contacts', { name: 'Bench Contact', phone: '555-0100' }, manager);
for (let i = 0; i < N; i++) {
  await call('PATCH', `/v1/contacts/${contact.id}`, { notes: `change ${i}` }, i % 100 === 0 ? rare : manager);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** Follows cursors until 25 entries are shown (what "Load more" / the first view does). */
async function page(query: string) {
  let cursor: string | null = null;
  let items = 0;
  let requests = 0;
  const t = performance.now();
  do {
    const r: any = await call('GET', `/v1/activity?limit=25${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, manager);
    items += r.items.length;
    cursor = r.cursor;
    requests++;
  } while (items < 25 && cursor);
  return { ms: performance.now() - t, requests, items };
}
const all: number[] = [];
const person: number[] = [];
let requests = 0;
for (let i = 0; i < RUNS; i++) {
  all.push((await page('')).ms);
  const p = await page(`&person=${staff.id}`);
  person.push(p.ms);
  requests = p.requests;
  if (p.items < 25) throw new Error(`filtered view found only ${p.items}`);
}
const unfiltered = median(all);
const filtered = median(person);
const ratio = Number((filtered / unfiltered).toFixed(2));
console.log(
  JSON.stringify({
    bench: 'activity',
    store: process.env.STORE?.split(':')[0] ?? 'memory',
    entries: N,
    unfiltered_page_ms: Number(unfiltered.toFixed(2)),
    person_filtered_page_ms: Number(filtered.toFixed(2)),
    person_share: 0.01,
    requests_for_filtered_page: requests,
    ratio,
    goal_ratio: 20,
    within_goal: ratio <= 20,
  }),
);

// Leave nothing behind: this run's Redis keys or PostgreSQL schema.
const redis = (store as { redis?: { scanStream(o: object): AsyncIterable<string[]>; del(...k: string[]): Promise<number> } }).redis;
if (redis) for await (const batch of redis.scanStream({ match: `*${run}*`, count: 1000 })) if (batch.length) await redis.del(...batch);
await store.close();
if (process.env.STORE?.startsWith('postgres')) {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: process.env.STORE, max: 1 });
  await pool.query(`DROP SCHEMA IF EXISTS ${run} CASCADE`);
  await pool.end();
}
