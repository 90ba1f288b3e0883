// store-scale: does a request's store work grow with the size of the WHOLE store?
// For the plain unstorage redis driver (through unstorageStore), @porchlight/store-redis and
// @porchlight/store-postgres: p50/p99 of listing the first page (25) of one account's invoices
// and of a keyed get, with SMALL (1k) and LARGE (1M by default; LARGE=… to change) keys in the
// store, and the ratio large/small. Goal for our stores: ratio <= 1.3.
// Filling: store-redis through its own put (so the index is the adapter's own); PostgreSQL
// with one INSERT … SELECT generate_series in the adapter's table layout (a million puts
// would take minutes); the unstorage driver with pipelined SETs in its layout.
import { createStorage } from 'unstorage';
import redisDriver from 'unstorage/drivers/redis';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { Store } from '@porchlight/core';
import { unstorageStore } from '@porchlight/server';
import { redisStore } from '@porchlight/store-redis';
import { postgresStore, migrate } from '@porchlight/store-postgres';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SMALL = 1_000;
const LARGE = Number(process.env.LARGE ?? 1_000_000);
const PER_ACCOUNT = 100;
const run = Date.now().toString(36);
const target = 'target';
const invoiceKey = (account: string, i: number) => `inv:lakeside:${account}:${String(i).padStart(6, '0')}`;
const value = (i: number) => ({ number: `INV-${i}`, total: 12_500, balance: 12_500, status: 'open', lines: [{ description: 'Monitoring', amount: 12_500 }] });

interface Backend {
  name: string;
  iterations: number;
  /** Makes a store holding `total` keys, the target account's invoices among them. */
  fill(total: number): Promise<Store>;
  cleanup(): Promise<void>;
}

function percentile(xs: number[], p: number) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(store: Store, iterations: number) {
  const list: number[] = [];
  const get: number[] = [];
  // Warm up connections and caches before timing.
  for (let i = 0; i < Math.min(20, iterations); i++) await Promise.all([store.list(`inv:lakeside:${target}`, { limit: 25 }), store.get(invoiceKey(target, i))]);
  for (let i = 0; i < iterations; i++) {
    let t = performance.now();
    const page = await store.list(`inv:lakeside:${target}`, { limit: 25 });
    list.push(performance.now() - t);
    if (page.items.length !== 25) throw new Error(`expected 25 invoices, listed ${page.items.length}`);
    t = performance.now();
    const got = await store.get(invoiceKey(target, i % PER_ACCOUNT));
    get.push(performance.now() - t);
    if (!got) throw new Error('keyed get found nothing');
  }
  const r = (n: number) => Number(n.toFixed(3));
  return { list_p50: r(percentile(list, 50)), list_p99: r(percentile(list, 99)), get_p50: r(percentile(get, 50)), get_p99: r(percentile(get, 99)) };
}

/** Puts through the adapter, many at a time. */
async function putAll(store: Store, total: number) {
  const accounts = Math.ceil(total / PER_ACCOUNT);
  const jobs: [string, number][] = [];
  for (let i = 0; i < PER_ACCOUNT; i++) jobs.push([target, i]);
  for (let a = 1; jobs.length < total && a < accounts + 1; a++) for (let i = 0; i < PER_ACCOUNT && jobs.length < total; i++) jobs.push([`acct${String(a).padStart(6, '0')}`, i]);
  for (let i = 0; i < jobs.length; i += 2000) await Promise.all(jobs.slice(i, i + 2000).map(([acct, n]) => store.put(invoiceKey(acct, n), value(n))));
}

const redisAdmin = new Redis(REDIS_URL);
async function dropRedisPrefix(pattern: string) {
  let cursor = '0';
  do {
    const [next, keys] = await redisAdmin.scan(cursor, 'MATCH', pattern, 'COUNT', 5000);
    if (keys.length) await redisAdmin.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

const backends: Backend[] = [
  {
    name: 'store-redis',
    iterations: 300,
    async fill(total) {
      await dropRedisPrefix(`{bench-${run}}*`);
      const store = redisStore({ redis: REDIS_URL, prefix: `bench-${run}` });
      await putAll(store, total);
      return store;
    },
    cleanup: () => dropRedisPrefix(`{bench-${run}}*`),
  },
  {
    name: 'store-postgres',
    iterations: 300,
    async fill(total) {
      const schema = `bench_${run}`;
      const admin = new pg.Client(DATABASE_URL);
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
      const store = postgresStore({ pool: DATABASE_URL, schema });
      await migrate(store, { schema });
      await putAll(store, PER_ACCOUNT);
      const client = new pg.Client(DATABASE_URL);
      await client.connect();
      await client.query(
        `INSERT INTO ${schema}.porchlight_store (key, value, version)
         SELECT 'inv:lakeside:acct' || lpad((g / ${PER_ACCOUNT} + 1)::text, 6, '0') || ':' || lpad((g % ${PER_ACCOUNT})::text, 6, '0'),
                $1::json, nextval('${schema}.porchlight_store_version_seq')
         FROM generate_series(0, $2::int - 1) g`,
        [JSON.stringify(value(1)), total - PER_ACCOUNT],
      );
      await client.query(`ANALYZE ${schema}.porchlight_store`);
      await client.end();
      return store;
    },
    async cleanup() {
      const admin = new pg.Client(DATABASE_URL);
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS bench_${run} CASCADE`);
      await admin.end();
    },
  },
  {
    name: 'unstorage-redis-driver',
    iterations: 10,
    async fill(total) {
      await dropRedisPrefix(`benchu-${run}:*`);
      const storage = createStorage({ driver: redisDriver({ url: REDIS_URL, base: `benchu-${run}` }) });
      const store = unstorageStore(storage, { timeout: 120_000 });
      await putAll(store, PER_ACCOUNT);
      // The rest in the unstorage adapter's own layout, written in pipelines.
      const [sample] = await redisAdmin.keys(`benchu-${run}:inv:lakeside:${target}:*`);
      const stored = await redisAdmin.get(sample!);
      for (let i = 0; i < total - PER_ACCOUNT; i += 10_000) {
        const p = redisAdmin.pipeline();
        for (let j = i; j < Math.min(i + 10_000, total - PER_ACCOUNT); j++) {
          p.set(sample!.replace(`:${target}:`, `:acct${String(Math.floor(j / PER_ACCOUNT) + 1).padStart(6, '0')}:`).replace(/:\d{6}(!?[^:]*)$/, `:${String(j % PER_ACCOUNT).padStart(6, '0')}$1`), stored!);
        }
        await p.exec();
      }
      return store;
    },
    cleanup: () => dropRedisPrefix(`benchu-${run}:*`),
  },
];

const results: Record<string, unknown> = {};
try {
  for (const b of backends) {
    const sizes: Record<string, Awaited<ReturnType<typeof measure>>> = {};
    for (const [label, total] of [['small', SMALL], ['large', LARGE]] as const) {
      const t = performance.now();
      const store = await b.fill(total);
      const fillSeconds = ((performance.now() - t) / 1000).toFixed(1);
      sizes[label] = await measure(store, b.iterations);
      console.log(`  ${b.name} ${label} (${total} keys, filled in ${fillSeconds} s): ${JSON.stringify(sizes[label])}`);
      await store.close();
      await b.cleanup();
    }
    const ratio = (k: 'list_p50' | 'get_p50') => Number((sizes.large![k] / sizes.small![k]).toFixed(2));
    results[b.name] = { small: sizes.small, large: sizes.large, list_ratio: ratio('list_p50'), get_ratio: ratio('get_p50') };
  }
} finally {
  redisAdmin.disconnect();
}
const ours = ['store-redis', 'store-postgres'].map((n) => results[n] as { list_ratio: number; get_ratio: number });
console.log(
  JSON.stringify({
    bench: 'store-scale',
    small_keys: SMALL,
    large_keys: LARGE,
    ...results,
    goal_ratio: 1.3,
    within_goal: ours.every((r) => r.list_ratio <= 1.3 && r.get_ratio <= 1.3),
  }),
);
