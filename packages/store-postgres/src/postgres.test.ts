// Run: node --import tsx --conditions=source --test packages/store-postgres/src/postgres.test.ts
// Needs PostgreSQL at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test). Every run
// works in its own schema porchlight_test_<random>, dropped at the end.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import pg from 'pg';
import { StoreConflictError, StoreKeyError, StoreUnavailableError, randomBase32 } from '@porchlight/core';
import { storeContract, type RawAccess } from '@porchlight/core/store-contract';
import { DEFAULT_TABLE, migrate, postgresStore, SCHEMA_VERSION, type PostgresStore, type PostgresStoreOptions } from './index.js';
import { names, statements } from './sql.js';
import { TcpProxy } from './tcp-proxy.js';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dbUrl = new URL(DATABASE_URL);
const target = { host: dbUrl.hostname || '127.0.0.1', port: Number(dbUrl.port || 5432) };
const SCHEMA = `porchlight_test_${randomBase32(10)}`;
const noop = () => undefined;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const rand = () => randomBase32(8);

/** DATABASE_URL, but through a proxy on this port. */
function viaProxy(port: number): string {
  const url = new URL(DATABASE_URL);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return url.toString();
}

const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 8 });
admin.on('error', noop);

/** Reads the table with plain SQL, without the adapter. */
function rawAccess(table: string): RawAccess {
  return {
    async get(key) {
      const { rows } = await admin.query(`SELECT value::text AS json FROM "${SCHEMA}"."${table}" WHERE key = $1`, [key]);
      const json = rows[0]?.json as string | null | undefined;
      return json == null ? undefined : JSON.parse(json);
    },
  };
}

const q = (table: string) => `"${SCHEMA}"."${table}"`;

/** Stores and pools the specific tests made, closed at the end whatever happened. */
const leftovers: (() => Promise<unknown>)[] = [];
function store(options: Omit<PostgresStoreOptions, 'pool'> & { pool?: PostgresStoreOptions['pool'] } = {}): PostgresStore {
  const s = postgresStore({ pool: DATABASE_URL, schema: SCHEMA, sweepIntervalMs: 0, ...options });
  leftovers.push(() => s.close().catch(noop));
  return s;
}
function userPool(config: pg.PoolConfig = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: DATABASE_URL, ...config });
  pool.on('error', noop);
  leftovers.push(() => pool.end().catch(noop));
  return pool;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A port on which nothing listens. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

before(async () => {
  await migrate(DATABASE_URL, { schema: SCHEMA });
  await migrate(DATABASE_URL, { schema: SCHEMA, table: 'portal_kv' });
});

after(async () => {
  for (const close of leftovers.splice(0)) await close();
  await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
  await admin.end();
});

// --- The shared contract, twice ------------------------------------------------------------

// 1. The store makes its own pool from a connection string. The database goes down the way a
//    crash or restart looks: every connection reset, new connections refused.
storeContract(
  { test },
  {
    name: 'postgres (own pool)',
    async create() {
      const proxy = await TcpProxy.start(target);
      const s = postgresStore({ pool: viaProxy(proxy.port), schema: SCHEMA, connectTimeoutMs: 2000, sweepIntervalMs: 0 });
      return { store: s, proxy, raw: rawAccess(DEFAULT_TABLE), cleanup: () => proxy.close() };
    },
    kill: async (subject) => subject.proxy.down(),
  },
);

// 2. Your own pg.Pool and another table. The database goes away the way a network partition
//    looks: connections stay open and nothing answers, so only timeouts can end the wait.
storeContract(
  { test },
  {
    name: 'postgres (your pg.Pool, table portal_kv)',
    async create() {
      const proxy = await TcpProxy.start(target);
      const pool = new pg.Pool({ connectionString: viaProxy(proxy.port), max: 5, connectionTimeoutMillis: 2000, statement_timeout: 2000 });
      pool.on('error', noop);
      const s = postgresStore({ pool, schema: SCHEMA, table: 'portal_kv', statementTimeoutMs: 1000, sweepIntervalMs: 0 });
      return {
        store: s,
        proxy,
        raw: rawAccess('portal_kv'),
        async cleanup() {
          await proxy.close();
          await pool.end();
        },
      };
    },
    kill: async (subject) => subject.proxy.blackhole(),
  },
);

// --- What only PostgreSQL has ----------------------------------------------------------------

describe('PostgreSQL specifics', () => {
  test('migrate() from 5 pools at once creates schema, table, sequence and index once; running it again changes nothing', async () => {
    const schema = `${SCHEMA}_m`;
    const table = `mig_${rand()}`;
    const pools = Array.from({ length: 5 }, () => userPool({ max: 1 }));
    try {
      await Promise.all(pools.map((pool) => migrate(pool, { schema, table })));
      const layout = async () => {
        const columns = await admin.query(
          `SELECT column_name, data_type, collation_name, is_nullable FROM information_schema.columns
           WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
          [schema, table],
        );
        const indexes = await admin.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 ORDER BY indexname`, [
          schema,
          table,
        ]);
        const meta = await admin.query(`SELECT version FROM "${schema}"."${table}_schema"`);
        const sequence = await admin.query(`SELECT pg_get_serial_sequence($1, 'version') AS seq`, [`"${schema}"."${table}"`]);
        return { columns: columns.rows, indexes: indexes.rows, meta: meta.rows, sequence: sequence.rows };
      };
      const first = await layout();
      assert.deepEqual(
        first.columns.map((c) => [c.column_name, c.data_type, c.collation_name, c.is_nullable]),
        [
          ['key', 'text', 'C', 'NO'],
          ['value', 'json', null, 'YES'],
          ['bytes', 'bytea', null, 'YES'],
          ['version', 'bigint', null, 'NO'],
          ['expires_at', 'timestamp with time zone', null, 'YES'],
        ],
      );
      assert.deepEqual(first.meta, [{ version: SCHEMA_VERSION }]);
      assert.deepEqual(
        first.indexes.map((i) => i.indexname),
        [`${table}_expires_at_idx`, `${table}_pkey`],
      );
      assert.match(first.sequence[0].seq, new RegExp(`${table}_version_seq`), 'the version sequence belongs to the table');

      // Again, from 5 pools, from a connection string and from a store: nothing changes.
      const s = store({ schema, table });
      await Promise.all([...pools.map((pool) => migrate(pool, { schema, table })), migrate(DATABASE_URL, { schema, table }), migrate(s)]);
      assert.deepEqual(await layout(), first);
      await s.put('k', 'works');
      assert.deepEqual((await s.get('k'))?.value, 'works');
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  });

  test('migrate() refuses a table whose schema is newer than this package', async () => {
    const table = `newer_${rand()}`;
    await migrate(DATABASE_URL, { schema: SCHEMA, table });
    await admin.query(`UPDATE ${q(`${table}_schema`)} SET version = $1`, [SCHEMA_VERSION + 1]);
    await assert.rejects(() => migrate(DATABASE_URL, { schema: SCHEMA, table }), /newer than this @porchlight\/store-postgres/);
  });

  test('a store whose table was never migrated says to run migrate()', async () => {
    const s = store({ table: `missing_${rand()}` });
    await assert.rejects(
      () => s.get('a'),
      (error: unknown) => error instanceof StoreUnavailableError && /run migrate\(\)/.test(error.message),
    );
  });

  test('two processes (two pools) racing insert-if-absent: exactly one wins each key', async () => {
    const a = store();
    const b = store();
    const ns = `race:${rand()}`;
    for (let round = 0; round < 5; round++) {
      const key = `${ns}:k${round}`;
      const calls = Array.from({ length: 20 }, (_, i) => [
        a.put(key, { by: 'a', i }, { ifVersion: null }),
        b.put(key, { by: 'b', i }, { ifVersion: null }),
      ]).flat();
      const results = await Promise.allSettled(calls);
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [{ i, version: r.value }] : []));
      assert.equal(won.length, 1, `round ${round}: winners`);
      for (const r of results) if (r.status === 'rejected') assert.ok(r.reason instanceof StoreConflictError, String(r.reason));
      const winner = won[0]!;
      const expected = { by: winner.i % 2 === 0 ? 'a' : 'b', i: Math.floor(winner.i / 2) };
      assert.deepEqual(await b.get(key), { value: expected, version: winner.version });
      assert.deepEqual(await rawAccess(DEFAULT_TABLE).get(key), expected);
    }
  });

  test('two pools: compare-and-set loops lose no update, and counters count every increment', async () => {
    const a = store();
    const b = store();
    const key = `cas:${rand()}`;
    await a.put(key, { n: 0 });
    const worker = (s: PostgresStore) => async () => {
      for (let done = 0, attempts = 0; done < 5; attempts++) {
        assert.ok(attempts < 2000, 'gave up');
        const current = (await s.get<{ n: number }>(key))!;
        try {
          await s.put(key, { n: current.value.n + 1 }, { ifVersion: current.version });
          done++;
        } catch (error) {
          assert.ok(error instanceof StoreConflictError, String(error));
        }
      }
    };
    await Promise.all([...Array.from({ length: 8 }, () => worker(a)()), ...Array.from({ length: 8 }, () => worker(b)())]);
    assert.deepEqual((await a.get(key))?.value, { n: 80 });

    const hits = `hits:${rand()}`;
    const counts = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).increment(hits, { ttl: 60 })));
    assert.deepEqual(
      counts.sort((x, y) => x - y),
      Array.from({ length: 60 }, (_, i) => i + 1),
    );
  });

  test('list, get and getMany use the primary key index (range scan, no sort) on 20 000 rows', async () => {
    const table = `explain_${rand()}`;
    await migrate(DATABASE_URL, { schema: SCHEMA, table });
    await admin.query(
      `INSERT INTO ${q(table)} (key, value, version)
       SELECT 't:' || lpad(t::text, 2, '0') || ':k' || lpad(i::text, 5, '0'), '1'::json, nextval('${q(`${table}_version_seq`)}')
       FROM generate_series(0, 19) t, generate_series(0, 999) i`,
    );
    await admin.query(`ANALYZE ${q(table)}`);
    const sql = statements(names(table, SCHEMA));
    const nodes = (plan: unknown): string[] => {
      const p = plan as { 'Node Type': string; 'Index Name'?: string; 'Scan Direction'?: string; Plans?: unknown[] };
      const backward = p['Scan Direction'] === 'Backward' ? ' Backward' : '';
      return [`${p['Node Type']}${backward}${p['Index Name'] ? ` on ${p['Index Name']}` : ''}`, ...(p.Plans ?? []).flatMap(nodes)];
    };
    const explain = async (text: string, values: unknown[]) => {
      const { rows } = await admin.query(`EXPLAIN (FORMAT JSON) ${text}`, values);
      return nodes(rows[0]['QUERY PLAN'][0].Plan);
    };
    const pkeyScan = (plan: string[], scan: string, what: string) => {
      assert.ok(plan.includes(`${scan} on ${table}_pkey`), `${what}: ${plan.join(' > ')}`);
      assert.ok(!plan.some((node) => /Seq Scan|Sort/.test(node)), `${what}: ${plan.join(' > ')}`);
    };
    pkeyScan(await explain(sql.listForward, ['t:07:', 't:07;', 101]), 'Index Scan', 'list');
    pkeyScan(await explain(sql.listForward, ['t:07:k00500', 't:07;', 101]), 'Index Scan', 'list after a cursor');
    pkeyScan(await explain(sql.listReverse, ['t:07:', 't:07;', 101]), 'Index Scan Backward', 'list in reverse');
    pkeyScan(await explain(sql.get, ['t:07:k00001']), 'Index Scan', 'get');
    pkeyScan(await explain(sql.getMany, [['t:07:k00001', 't:08:k00002']]), 'Index Scan', 'getMany');

    // The generic plan (prepared statements, after a few executions) must scan the range too.
    const client = await admin.connect();
    try {
      await client.query(`SET plan_cache_mode = force_generic_plan`);
      await client.query(`PREPARE porchlight_list(text, text, int) AS ${sql.listForward}`);
      const { rows } = await client.query(`EXPLAIN (FORMAT JSON) EXECUTE porchlight_list('t:07:', 't:07;', 101)`);
      pkeyScan(nodes(rows[0]['QUERY PLAN'][0].Plan), 'Index Scan', 'generic plan of list');
    } finally {
      await client.query('DEALLOCATE ALL; RESET plan_cache_mode').catch(noop);
      client.release();
    }

    // And the store pages through one tenant's thousand keys in order.
    const s = store({ table });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<PostgresStore['list']>> = await s.list('t:07', { limit: 300, cursor });
      seen.push(...page.items.map((item) => item.key));
      cursor = page.cursor;
    } while (cursor);
    assert.equal(seen.length, 1000);
    assert.deepEqual(seen, [...seen].sort());
  });

  test('sweep() removes expired rows only, in batches; the background sweep runs on its interval', async () => {
    const table = `sweep_${rand()}`;
    await migrate(DATABASE_URL, { schema: SCHEMA, table });
    const s = store({ table });
    const count = async (where = 'true') => Number((await admin.query(`SELECT count(*) AS n FROM ${q(table)} WHERE ${where}`)).rows[0].n);
    await Promise.all(Array.from({ length: 30 }, (_, i) => s.put(`t:gone:${i}`, i, { ttl: 1 })));
    await Promise.all(Array.from({ length: 3 }, (_, i) => s.putBytes(`t:bytes:${i}`, Uint8Array.of(i), { ttl: 1 })));
    await s.increment('t:counter', { ttl: 1 });
    await Promise.all(Array.from({ length: 5 }, (_, i) => s.put(`t:stay:${i}`, i)));
    await s.put('t:later', 'later', { ttl: 60 });
    assert.equal(await s.sweep(), 0, 'nothing has expired yet');
    await sleep(1100);
    assert.equal(await count(), 40, 'expired rows stay in the table until swept');
    assert.equal((await s.list('t')).items.length, 6, 'but are never listed');
    assert.equal(await s.sweep(), 34);
    assert.equal(await count(), 6);
    assert.deepEqual((await s.get('t:later'))?.value, 'later');

    // More than one batch.
    await admin.query(
      `INSERT INTO ${q(table)} (key, value, version, expires_at)
       SELECT 'bulk:' || i, '1'::json, nextval('${q(`${table}_version_seq`)}'), now() - interval '1 second' FROM generate_series(1, 2500) i`,
    );
    assert.equal(await s.sweep(), 2500);

    // In the background.
    const background = store({ table, sweepIntervalMs: 150 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => background.put(`t:soon:${i}`, i, { ttl: 0.2 })));
    await waitFor('the background sweep', async () => (await count(`key LIKE 't:soon:%'`)) === 0, 3000);
    assert.equal(await count(), 6);
  });

  test('a backend terminated mid-statement gives StoreUnavailableError; the store recovers on the next call', async () => {
    const application_name = `porchlight_test_${rand()}`;
    const s = store({ pool: { connectionString: DATABASE_URL, application_name } });
    const key = `term:${rand()}`;
    await s.put(key, 'before');

    // Hold the row so the store's write waits on the lock, then kill the store's backend.
    const locker = await admin.connect();
    try {
      await locker.query('BEGIN');
      await locker.query(`SELECT 1 FROM ${q(DEFAULT_TABLE)} WHERE key = $1 FOR UPDATE`, [key]);
      const write = s.put(key, 'during');
      write.catch(noop);
      const pid = await waitFor('the blocked write', async () => {
        const { rows } = await admin.query(`SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`, [
          application_name,
        ]);
        return rows[0]?.pid as number | undefined;
      });
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await assert.rejects(write, (error: unknown) => error instanceof StoreUnavailableError && /terminat|lost|shutting down/i.test(error.message));
    } finally {
      await locker.query('ROLLBACK');
      locker.release();
    }
    assert.deepEqual((await s.get(key))?.value, 'before', 'the terminated write wrote nothing');
    await s.put(key, 'after');
    assert.deepEqual((await s.get(key))?.value, 'after');

    // A restart drops every idle connection: reads right after it still answer (one retry on a
    // lost connection), and so does everything a moment later.
    await Promise.all([s.get(key), s.get(key), s.get(key)]);
    const { rows } = await admin.query('SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE application_name = $1', [
      application_name,
    ]);
    assert.ok(Number(rows[0].n) >= 1, 'terminated the idle connections');
    assert.deepEqual((await s.get(key))?.value, 'after');
    await sleep(100);
    await s.put(key, 'later');
    assert.equal(await s.increment(`${key}:n`, { ttl: 60 }), 1);
  });

  test('a statement stuck longer than statementTimeoutMs fails fast with StoreUnavailableError', async () => {
    const s = store({ statementTimeoutMs: 300 });
    const key = `slow:${rand()}`;
    await s.put(key, 'x');
    const locker = await admin.connect();
    try {
      await locker.query('BEGIN');
      await locker.query(`SELECT 1 FROM ${q(DEFAULT_TABLE)} WHERE key = $1 FOR UPDATE`, [key]);
      const started = Date.now();
      await assert.rejects(
        () => s.put(key, 'y'),
        (error: unknown) => error instanceof StoreUnavailableError && /statement timeout/.test(error.message),
      );
      assert.ok(Date.now() - started < 2000, `failed after ${Date.now() - started} ms`);
    } finally {
      await locker.query('ROLLBACK');
      locker.release();
    }
    await s.put(key, 'z');
    assert.deepEqual((await s.get(key))?.value, 'z');
  });

  test('a database that refuses connections fails every call at once with StoreUnavailableError', async () => {
    const port = await closedPort();
    const url = new URL(DATABASE_URL);
    url.hostname = '127.0.0.1';
    url.port = String(port);
    const s = store({ pool: url.toString() });
    const started = Date.now();
    await assert.rejects(
      () => s.get('a'),
      (error: unknown) => error instanceof StoreUnavailableError && /refused/.test(error.message),
    );
    await assert.rejects(() => s.put('a', 1), StoreUnavailableError);
    assert.ok(Date.now() - started < 1000);
    await assert.rejects(() => migrate(url.toString(), { schema: SCHEMA }), /migrate\(.*\) failed/);
  });

  test('versions are sequence numbers never handed out twice; a version that cannot exist is a conflict', async () => {
    const s = store();
    const key = `ver:${rand()}`;
    const v1 = await s.put(key, 1);
    assert.match(v1, /^[1-9][0-9]*$/);
    await s.delete(key);
    const v2 = await s.put(key, 2, { ifVersion: null });
    assert.ok(BigInt(v2) > BigInt(v1));
    for (const bad of ['0', '-1', 'abc', '', ' 1', '1.0', '99999999999999999999', '9223372036854775808', v1]) {
      await assert.rejects(() => s.put(key, 3, { ifVersion: bad }), StoreConflictError, `put ifVersion ${JSON.stringify(bad)}`);
      await assert.rejects(() => s.delete(key, { ifVersion: bad }), StoreConflictError, `delete ifVersion ${JSON.stringify(bad)}`);
    }
    assert.deepEqual(await s.get(key), { value: 2, version: v2 });
  });

  test('the table holds exactly what was written: JSON text in `value`, bytes in `bytea`, expiry on the database clock', async () => {
    const s = store();
    const ns = `raw:${rand()}`;
    const row = async (key: string) =>
      (
        await admin.query(
          `SELECT value::text AS value, encode(bytes, 'hex') AS hex, version::text AS version,
                  extract(epoch FROM expires_at - now()) AS ttl FROM ${q(DEFAULT_TABLE)} WHERE key = $1`,
          [key],
        )
      ).rows[0];
    const value = { text: 'nul \u0000 é 🏠', n: 1e21, nested: JSON.parse('{"__proto__":{"x":1}}') };
    const version = await s.put(`${ns}:v`, value, { ttl: 30 });
    const stored = await row(`${ns}:v`);
    assert.equal(stored.value, JSON.stringify(value), 'the JSON text is kept as written');
    assert.ok(stored.value.includes('\\u0000'), 'NUL is stored as the escape \\u0000');
    assert.equal(stored.hex, null);
    assert.equal(stored.version, version);
    assert.ok(stored.ttl > 29 && stored.ttl <= 30, `expires 30 s after the database's now(): ${stored.ttl}`);
    await s.put(`${ns}:v`, value);
    assert.equal((await row(`${ns}:v`)).ttl, null, 'a put without ttl clears the expiry');
    // Lone surrogates are legal in JS strings; JSON.stringify escapes them and json keeps them.
    await s.put(`${ns}:s`, { lone: '\ud800 and \udc00', pair: '\ud83c\udfe0' });
    assert.deepEqual((await s.get(`${ns}:s`))?.value, { lone: '\ud800 and \udc00', pair: '🏠' });
    await s.delete(`${ns}:s`);

    await s.putBytes(`${ns}:b`, Uint8Array.of(0, 1, 254, 255));
    assert.deepEqual({ ...(await row(`${ns}:b`)), version: undefined, ttl: undefined }, { value: null, hex: '0001feff', version: undefined, ttl: undefined });
    await s.put(`${ns}:b`, 'now json');
    assert.equal((await row(`${ns}:b`)).hex, null, 'a key holds one kind of payload');
    assert.equal(await s.getBytes(`${ns}:b`), null);

    // The counter's window is fixed at the first increment.
    await s.increment(`${ns}:n`, { ttl: 30 });
    const first = await admin.query(`SELECT expires_at FROM ${q(DEFAULT_TABLE)} WHERE key = $1`, [`${ns}:n`]);
    await sleep(20);
    assert.equal(await s.increment(`${ns}:n`, { ttl: 30, by: 2 }), 3);
    const second = await admin.query(`SELECT expires_at FROM ${q(DEFAULT_TABLE)} WHERE key = $1`, [`${ns}:n`]);
    assert.deepEqual(second.rows[0].expires_at, first.rows[0].expires_at);
    assert.equal((await row(`${ns}:n`)).value, '3');
    assert.deepEqual((await s.list(ns)).items.map((i) => i.key), [`${ns}:b`, `${ns}:n`, `${ns}:v`], 'counters list as numbers');
    await s.putBytes(`${ns}:x`, Uint8Array.of(1));
    assert.equal((await s.list(ns)).items.length, 3, 'bytes are not listed');
  });

  test('type parsers set globally on pg.types do not change what the store answers', async () => {
    const s = store({ pool: userPool() });
    const key = `types:${rand()}`;
    const version = await s.put(key, { a: [1] });
    pg.types.setTypeParser(20, (text: string) => Number(text));
    pg.types.setTypeParser(114, () => 'parsed elsewhere');
    try {
      const got = await s.get(key);
      assert.deepEqual(got, { value: { a: [1] }, version });
      assert.equal(typeof (await s.list(key.split(':')[0]!)).items[0]?.version, 'string');
    } finally {
      pg.types.setTypeParser(20, (text: string) => text);
      pg.types.setTypeParser(114, (text: string) => JSON.parse(text));
    }
  });

  test('close() ends the pool the store made, leaves yours open, and later calls reject', async () => {
    const application_name = `porchlight_test_${rand()}`;
    const own = store({ pool: { connectionString: DATABASE_URL, application_name } });
    await own.put(`close:${rand()}`, 1);
    await own.close();
    await own.close();
    await waitFor('the connections to close', async () => {
      const { rows } = await admin.query('SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1', [application_name]);
      return Number(rows[0].n) === 0;
    });
    await assert.rejects(() => own.get('a'), StoreUnavailableError);

    const pool = userPool();
    const yours = store({ pool });
    await yours.put(`close:${rand()}`, 1);
    await yours.close();
    assert.equal((await pool.query('SELECT 1 AS one')).rows[0].one, 1, 'your pool still works');
    await assert.rejects(() => yours.get('a'), StoreUnavailableError);
  });

  test('options are checked when the store is made; bad arguments reject, never throw', async () => {
    assert.throws(() => postgresStore({} as PostgresStoreOptions), /pass `pool`/);
    assert.throws(() => postgresStore({ pool: DATABASE_URL, table: 'bad-name' }), /`table`/);
    assert.throws(() => postgresStore({ pool: DATABASE_URL, table: 'x'.repeat(41) }), /`table`/);
    assert.throws(() => postgresStore({ pool: DATABASE_URL, schema: 'a"b' }), /`schema`/);
    assert.throws(() => postgresStore({ pool: DATABASE_URL, statementTimeoutMs: -1 }), /statementTimeoutMs/);
    await assert.rejects(() => migrate(DATABASE_URL, { table: 'drop table x' }), TypeError);
    const closed = store();
    await closed.close();
    await assert.rejects(() => migrate(closed), /not made by postgresStore\(\), or it has been closed/);
    const s = store();
    await assert.rejects(() => s.put('a', 1, { ttl: 0 }), RangeError);
    await assert.rejects(() => s.put('a', 1, { ttl: 1e12 }), RangeError);
    await assert.rejects(() => s.increment('a', { ttl: 60, by: Number.NaN }), RangeError);
    await assert.rejects(() => s.put('a', undefined), TypeError);
    await assert.rejects(() => s.get('a;b'), StoreKeyError);
    await assert.rejects(() => s.list('a', { cursor: Buffer.from('b;c').toString('base64url') }), StoreKeyError);
  });
});
