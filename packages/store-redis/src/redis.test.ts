/**
 * @porchlight/store-redis against the Redis at REDIS_URL (default redis://127.0.0.1:6379):
 * the shared Store contract suite, then what only Redis can show — atomicity between separate
 * connections (as separate processes have), listing without SCAN/KEYS, the data layout, the
 * sweep of expired index entries, timeouts. Every key lives under a random per-run prefix and
 * is deleted at the end.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { randomBase32, StoreConflictError, StoreKeyError, StoreUnavailableError } from '@porchlight/core';
import { storeContract, type RawAccess } from '@porchlight/core/store-contract';
import { redisStore, type RedisStore, type RedisStoreOptions } from './index.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUN = `pltest:${randomBase32(10).toLowerCase()}`;
const admin = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
const opened: RedisStore[] = [];

/** A store on its own connection, under this run's prefix (or a sub-prefix of it). */
function open(options: Partial<RedisStoreOptions> & { sub?: string } = {}): RedisStore {
  const { sub, ...rest } = options;
  const store = redisStore({ redis: REDIS_URL, prefix: sub ? `${RUN}:${sub}` : RUN, ...rest });
  opened.push(store);
  return store;
}

/** Redis key names of the documented layout. */
const layout = (sub?: string) => {
  const tag = `{${sub ? `${RUN}:${sub}` : RUN}}`;
  return { value: (key: string) => `${tag}:k:${key}`, index: `${tag}:index`, expiry: `${tag}:expiry` };
};

/** Reads a JSON value straight from Redis, without the adapter. */
const raw = (sub?: string): RawAccess => ({
  async get(key) {
    const json = await admin.hget(layout(sub).value(key), 'j');
    return json === null ? undefined : JSON.parse(json);
  },
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const ns = () => `t:${randomBase32(8).toLowerCase()}`;

after(async () => {
  try {
    await Promise.all(opened.map((s) => s.close().catch(() => undefined)));
    // Test clean-up only (the adapter itself never scans): drop every key of this run.
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `{${RUN}*`, 'COUNT', 1000);
      if (keys.length) await admin.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    admin.disconnect();
  }
});

storeContract(
  { test },
  {
    name: 'redis',
    create: async () => {
      // Each test gets its own connection, opened from the URL (so close() quits it).
      const store = redisStore({ redis: REDIS_URL, prefix: RUN, timeoutMs: 2000 });
      return { store, raw: raw() };
    },
    // The connection is dropped for good: every call must fail with StoreUnavailableError.
    kill: async ({ store }) => {
      (store as RedisStore).redis.disconnect();
    },
  },
);

describe('redis: across connections (as across processes)', () => {
  test('exactly one insert-if-absent wins per key when two connections race', async () => {
    const a = open();
    const b = open();
    const base = ns();
    for (let round = 0; round < 20; round++) {
      const key = `${base}:race:${round}`;
      const calls = Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).put(key, { i }, { ifVersion: null }));
      const results = await Promise.allSettled(calls);
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [{ i, version: r.value }] : []));
      assert.equal(won.length, 1, `winners of ${key}`);
      for (const r of results) if (r.status === 'rejected') assert.ok(r.reason instanceof StoreConflictError, String(r.reason));
      const expected = { value: { i: won[0]!.i }, version: won[0]!.version };
      assert.deepEqual(await a.get(key), expected);
      assert.deepEqual(await b.get(key), expected);
    }
  });

  test('compare-and-set loops on two connections lose no update', async () => {
    const a = open();
    const b = open();
    const key = `${ns()}:counter`;
    await a.put(key, { n: 0 });
    let conflicts = 0;
    const worker = async (store: RedisStore) => {
      for (let done = 0; done < 10; ) {
        const current = await store.get<{ n: number }>(key);
        try {
          await store.put(key, { n: current!.value.n + 1 }, { ifVersion: current!.version });
          done++;
        } catch (error) {
          assert.ok(error instanceof StoreConflictError, String(error));
          conflicts++;
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, (_, i) => worker(i % 2 ? a : b)));
    assert.deepEqual((await b.get(key))?.value, { n: 160 });
    assert.ok(conflicts > 0, 'the workers really raced');
  });

  test('delete-if-version and increment are atomic between connections', async () => {
    const a = open();
    const b = open();
    const base = ns();
    const version = await a.put(`${base}:d`, 'x');
    const deletes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).delete(`${base}:d`, { ifVersion: version })));
    assert.equal(deletes.filter((r) => r.status === 'fulfilled' && r.value === true).length, 1, 'one delete succeeds');
    const counts = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).increment(`${base}:hits`, { ttl: 60 })));
    assert.deepEqual(counts.sort((x, y) => x - y), Array.from({ length: 40 }, (_, i) => i + 1));
  });
});

describe('redis: listing never scans the keyspace', () => {
  test('no SCAN or KEYS in any operation, and list issues the same commands however many unrelated keys exist', async () => {
    const store = open();
    const base = ns();
    // monitor() opens a connection of its own, in monitor mode.
    const monitor = await admin.monitor();
    const seen: { source: string; command: string; args: string[] }[] = [];
    monitor.on('monitor', (_time: string, args: string[], source: string) =>
      seen.push({ source, command: String(args[0]).toLowerCase(), args }),
    );
    try {
      const info = String(await store.redis.client('INFO'));
      const address = /addr=(\S+)/.exec(info)?.[1];
      assert.ok(address, 'the store connection has an address');
      /** MONITOR is asynchronous: sends a marker on the store's connection and waits until it is seen; answers its position. */
      const sync = async (): Promise<number> => {
        const marker = `marker-${randomBase32(8)}`;
        await store.redis.echo(marker);
        for (let i = 0; i < 250; i++) {
          const at = seen.findIndex((e) => e.command === 'echo' && e.args[1] === marker);
          if (at >= 0) return at;
          await sleep(20);
        }
        throw new Error('MONITOR never showed the marker');
      };
      /** The commands the store's connection sent while `work` ran. */
      const commandsOf = async (work: () => Promise<unknown>): Promise<string[]> => {
        const from = await sync();
        await work();
        const to = await sync();
        return seen.slice(from + 1, to).filter((e) => e.source === address).map((e) => e.command);
      };

      for (let i = 0; i < 5; i++) await store.put(`${base}:mine:k${i}`, i);
      const listOnce = () => store.list(`${base}:mine`, { limit: 3 });
      await listOnce(); // loads the scripts on this connection (EVAL once, then EVALSHA)
      const before = await commandsOf(listOnce);

      // Thousands of unrelated keys in the same store: beside the listed prefix, below a
      // sibling prefix that sorts right after it, and with TTLs.
      for (let batch = 0; batch < 30; batch++) {
        await Promise.all(
          Array.from({ length: 100 }, (_, i) =>
            store.put(`${base}:${['mind', 'mine-x', 'minf'][i % 3]}:k${batch * 100 + i}`, i, i % 2 ? { ttl: 60 } : {}),
          ),
        );
      }
      const afterUnrelated = await commandsOf(listOnce);
      assert.deepEqual(afterUnrelated, before, 'the same commands with 3000 unrelated keys');
      assert.deepEqual(before, ['zrangebylex', 'evalsha']);
      assert.deepEqual((await listOnce()).items.map((i) => i.value), [0, 1, 2]);

      // Every other operation, too.
      const everything = await commandsOf(async () => {
        await store.get(`${base}:mine:k1`);
        await store.getMany([`${base}:mine:k1`, `${base}:nothing`]);
        await store.put(`${base}:mine:k9`, 9, { ifVersion: null, ttl: 60 });
        await store.delete(`${base}:mine:k9`);
        await store.list(`${base}:mine`, { reverse: true });
        await store.increment(`${base}:hits`, { ttl: 60 });
        await store.putBytes(`${base}:bytes`, Uint8Array.of(1));
        await store.getBytes(`${base}:bytes`);
        await store.sweep();
      });
      assert.ok(everything.length > 0);
      // From the store's connection, or from inside a script ("lua"; other clients of this Redis
      // may be running tests that scan, so their commands are left out).
      const ours = seen.filter((e) => e.source === address || e.source === 'lua').map((e) => e.command);
      assert.ok(ours.includes('hmget') && ours.includes('zadd'), 'commands inside scripts are seen');
      assert.ok(!ours.includes('scan') && !ours.includes('keys'), `SCAN or KEYS was sent: ${[...new Set(ours)].join(' ')}`);
    } finally {
      monitor.disconnect();
    }
  });
});

describe('redis: data layout and expiry', () => {
  test('a value is a hash {v, j} with PEXPIRE for its TTL, in the index and (with a TTL) the expiry set', async () => {
    const sub = 'layout';
    const store = open({ sub });
    const { value, index, expiry } = layout(sub);
    const key = `${ns()}:a:b`;
    const version = await store.put(key, { hello: 'wörld\u0000' }, { ttl: 60 });
    assert.deepEqual(await admin.hgetall(value(key)), { v: version, j: '{"hello":"wörld\\u0000"}' });
    const pttl = await admin.pttl(value(key));
    assert.ok(pttl > 55_000 && pttl <= 60_000, `pttl ${pttl}`);
    assert.equal(await admin.zscore(index, key), '0');
    const expiresAt = Number(await admin.zscore(expiry, key));
    assert.ok(Math.abs(expiresAt - (Date.now() + 60_000)) < 5000, 'expiry score is the expiry time');

    await store.put(key, 'no ttl');
    assert.equal(await admin.pttl(value(key)), -1, 'a put without ttl clears the expiry');
    assert.equal(await admin.zscore(expiry, key), null);
    assert.equal(await admin.zscore(index, key), '0');

    assert.equal(await store.delete(key), true);
    assert.equal(await admin.exists(value(key)), 0);
    assert.equal(await admin.zscore(index, key), null);

    await store.putBytes(`${key}:bytes`, Uint8Array.of(0, 255), { ttl: 30 });
    const bytes = await admin.hgetallBuffer(value(`${key}:bytes`));
    assert.deepEqual([...bytes['b']!], [0, 255]);
    assert.ok(bytes['v']!.length > 0, 'bytes have a version too');
    assert.ok((await admin.pttl(value(`${key}:bytes`))) > 0);
    assert.equal(await admin.zscore(index, `${key}:bytes`), null, 'bytes are not listed');

    assert.equal(await store.increment(`${key}:n`, { ttl: 30, by: 2 }), 2);
    assert.equal(await admin.hget(value(`${key}:n`), 'n'), '2');
    const window = await admin.pttl(value(`${key}:n`));
    assert.ok(window > 25_000 && window <= 30_000, `window ${window}`);
  });

  test('sweep() removes the index entries of expired values, and runs by itself after TTL writes', async () => {
    const sub = 'sweep';
    const store = open({ sub, sweepIntervalMs: 0 });
    const { index, expiry } = layout(sub);
    const base = ns();
    for (let i = 0; i < 5; i++) await store.put(`${base}:sess:s${i}`, i, { ttl: 1 });
    await store.put(`${base}:sess:long`, 'long', { ttl: 60 });
    await store.put(`${base}:sess:kept`, 'kept');
    await sleep(1200);
    // Redis has dropped the values; their index entries wait for a sweep (or a list).
    assert.equal(await admin.zcard(expiry), 6);
    assert.equal(await store.sweep(), 5);
    assert.equal(await admin.zcard(expiry), 1, 'only the live TTL value is left in the expiry set');
    assert.deepEqual(await admin.zrangebylex(index, `[${base}:`, `(${base};`), [`${base}:sess:kept`, `${base}:sess:long`]);
    assert.equal(await store.sweep(), 0);

    const auto = open({ sub: 'sweep-auto', sweepIntervalMs: 500 });
    const autoLayout = layout('sweep-auto');
    await auto.put(`${base}:otk:a`, 'a', { ttl: 1 });
    await sleep(1200);
    await auto.put(`${base}:otk:b`, 'b', { ttl: 60 }); // past the interval: starts a background sweep
    await auto.close(); // waits for it
    assert.deepEqual(await admin.zrange(autoLayout.index, 0, -1), [`${base}:otk:b`]);
    assert.deepEqual(await admin.zrange(autoLayout.expiry, 0, -1), [`${base}:otk:b`]);
  });

  test('list skips and prunes index members whose value is gone (evicted, or expired before a sweep)', async () => {
    const sub = 'prune';
    const store = open({ sub, sweepIntervalMs: 0 });
    const { value, index } = layout(sub);
    const base = ns();
    const keys = Array.from({ length: 15 }, (_, i) => `${base}:k${String(i).padStart(2, '0')}`);
    for (const key of keys) await store.put(key, key);
    // Ten values vanish behind the adapter's back, as eviction would do.
    const gone = keys.filter((_, i) => i % 3 !== 0);
    await admin.del(...gone.map(value));
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof store.list>> = await store.list(base, { limit: 2, cursor });
      pages.push(page.items.map((i) => i.key));
      cursor = page.cursor;
    } while (cursor !== null);
    assert.deepEqual(pages, [
      [keys[0], keys[3]],
      [keys[6], keys[9]],
      [keys[12]],
    ]);
    assert.equal(await admin.zcount(index, '-inf', '+inf'), 5, 'the dangling members were removed');
  });

  test('a value written again right after list saw it missing stays listed (prune re-checks atomically)', async () => {
    const sub = 'reprune';
    const store = open({ sub, sweepIntervalMs: 0 });
    const { value, index } = layout(sub);
    const key = `${ns()}:k`;
    await store.put(key, 1);
    await admin.del(value(key)); // the index member dangles
    await store.put(key, 2); // written again before anyone pruned
    assert.equal(await store.sweep(), 0);
    assert.deepEqual((await store.list(key.split(':').slice(0, -1).join(':'))).items.map((i) => i.value), [2]);
    assert.equal(await admin.zscore(index, key), '0');
  });
});

describe('redis: connections, timeouts and options', () => {
  test('a server that accepts but never answers gives StoreUnavailableError after timeoutMs', async () => {
    const sockets = new Set<Socket>();
    const server: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const store = redisStore({ redis: `redis://127.0.0.1:${port}`, timeoutMs: 300 });
    try {
      const started = Date.now();
      const calls = [store.get('a:b'), store.put('a:b', 1, { ifVersion: null }), store.list('a'), store.increment('a:n', { ttl: 1 })];
      for (const call of calls) await assert.rejects(call, StoreUnavailableError);
      assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);
    } finally {
      await store.close().catch(() => undefined);
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('a Redis that refuses connections fails fast, well before timeoutMs', async () => {
    // A port that was just free: nothing listens there.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const store = redisStore({ redis: `redis://127.0.0.1:${port}`, timeoutMs: 5000 });
    try {
      const started = Date.now();
      await assert.rejects(store.get('a:b'), StoreUnavailableError);
      await assert.rejects(store.put('a:b', 1), StoreUnavailableError);
      assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    } finally {
      await store.close().catch(() => undefined);
    }
  });

  test('close() quits a connection the store opened and leaves a connection you passed open', async () => {
    const own = open();
    await own.put(`${ns()}:x`, 1);
    await own.close();
    assert.equal(own.redis.status, 'end');

    const mine = new Redis(REDIS_URL);
    try {
      const shared = redisStore({ redis: mine, prefix: RUN });
      const other = redisStore({ redis: mine, prefix: `${RUN}:other` }); // two stores on one connection
      const key = `${ns()}:y`;
      await shared.put(key, 'shared');
      await other.put(key, 'other');
      assert.deepEqual((await shared.get(key))?.value, 'shared');
      assert.deepEqual((await other.get(key))?.value, 'other', 'prefixes keep stores apart');
      await shared.close();
      await other.close();
      assert.equal(await mine.ping(), 'PONG');
    } finally {
      await mine.quit();
    }
  });

  test('prefixes keep stores apart in get, list and counters', async () => {
    const a = open({ sub: 'tenant-a' });
    const b = open({ sub: 'tenant-b' });
    const base = ns();
    await a.put(`${base}:k`, 'a');
    assert.equal(await b.get(`${base}:k`), null);
    assert.deepEqual(await b.list(base), { items: [], cursor: null });
    assert.equal(await a.increment(`${base}:n`, { ttl: 60 }), 1);
    assert.equal(await b.increment(`${base}:n`, { ttl: 60 }), 1);
  });

  test('options are checked when the store is made', () => {
    assert.throws(() => redisStore({ redis: REDIS_URL, prefix: 'bad prefix' }), StoreKeyError);
    assert.throws(() => redisStore({ redis: REDIS_URL, prefix: '{x}' }), StoreKeyError);
    assert.throws(() => redisStore({ redis: REDIS_URL, timeoutMs: 0 }), RangeError);
    assert.throws(() => redisStore({} as RedisStoreOptions), TypeError);
    assert.throws(() => redisStore({ redis: 42 as unknown as string }), TypeError);
  });

  test('bad arguments reject (never throw synchronously) and write nothing', async () => {
    const store = open();
    const key = `${ns()}:k`;
    await assert.rejects(store.put(key, undefined), TypeError);
    await assert.rejects(store.put(key, 1, { ttl: 0 }), RangeError);
    await assert.rejects(store.put(key, 1, { ttl: -1 }), RangeError);
    await assert.rejects(store.increment(key, { ttl: 60, by: Number.NaN }), RangeError);
    await assert.rejects(store.putBytes(key, 'text' as unknown as Uint8Array), TypeError);
    await assert.rejects(store.list(key, { cursor: Buffer.from('a b').toString('base64url') }), StoreKeyError);
    await assert.rejects(store.list(key, { cursor: 'YQ=' }), StoreKeyError, 'a padded cursor is not canonical');
    assert.equal(await store.get(key), null);
  });
});
