import pg from 'pg';
import type { Pool, PoolClient, PoolConfig } from 'pg';
import type { Store } from '@porchlight/core';
import { MIGRATIONS, names as makeNames, SCHEMA_VERSION, type Names } from './sql.js';
import { internals } from './store.js';

export interface MigrateOptions {
  /** Default: the store's table, or `porchlight_store`. */
  table?: string;
  /** Default: the store's schema, or the connection's `search_path` (normally `public`). */
  schema?: string;
  /** Milliseconds the whole migration may take, waiting for other migrating processes included (default 300 000). */
  timeoutMs?: number;
}

/** Statement and client-side timeouts of the migration's own connection. */
const DEFAULT_MIGRATE_TIMEOUT_MS = 300_000;

/**
 * Creates the store's table, or brings it to the schema version this package needs.
 * Idempotent and safe to run from several processes at once (deploy scripts, every instance at
 * start-up): each run takes a transaction-scoped advisory lock on the table's name, so runs
 * wait for each other and the later ones find nothing to do. Refuses a table whose schema is
 * newer than this package knows (an older instance must not write to it).
 *
 * `target`: a `pg.Pool`, a connection string (a pool is made and ended for the run), or a store
 * made by `postgresStore()` (its pool, table and schema are used).
 */
export async function migrate(target: Pool | string | PoolConfig | Store, options: MigrateOptions = {}): Promise<void> {
  const known = typeof target === 'object' && target !== null ? internals.get(target as Store) : undefined;
  let pool: Pool;
  let ownPool = false;
  let n: Names;
  if (known) {
    pool = known.pool;
    n = makeNames(options.table ?? known.names.table, options.schema ?? known.names.schema);
  } else {
    if (typeof target === 'object' && target !== null && typeof (target as Partial<Store>).put === 'function') {
      throw new TypeError('migrate: this store was not made by postgresStore(), or it has been closed; pass its pool or connection string.');
    }
    n = makeNames(options.table, options.schema);
    if (typeof target === 'string' || (typeof target === 'object' && target !== null && !isPool(target))) {
      const config: PoolConfig = typeof target === 'string' ? { connectionString: target } : { ...(target as PoolConfig) };
      pool = new pg.Pool({ fallback_application_name: 'porchlight-migrate', connectionTimeoutMillis: 10_000, ...config, max: 1 });
      pool.on('error', () => undefined);
      ownPool = true;
    } else if (isPool(target)) {
      pool = target;
    } else {
      throw new TypeError('migrate: pass a pg.Pool, a connection string or a store made by postgresStore().');
    }
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_MIGRATE_TIMEOUT_MS;
  if (!(Number.isInteger(timeoutMs) && timeoutMs > 0)) throw new TypeError('migrate: `timeoutMs` must be a positive whole number.');

  try {
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw new Error(`migrate(${n.schema ? `${n.schema}.` : ''}${n.table}) failed: cannot connect: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
    let broken: Error | undefined;
    const q = (text: string, values: unknown[] = []) => client.query({ text, values, query_timeout: timeoutMs + 1000 } as pg.QueryConfig);
    try {
      await q('BEGIN');
      await q(`SET LOCAL statement_timeout = ${timeoutMs}`);
      await q(`SET LOCAL lock_timeout = ${timeoutMs}`);
      // One migration at a time per table, across every process; released at COMMIT/ROLLBACK.
      await q(`SELECT pg_advisory_xact_lock(hashtextextended('porchlight-store:' || coalesce($1, current_schema(), '') || '.' || $2, 0))`, [
        n.schema ?? null,
        n.table,
      ]);
      await migrateLocked(q, n);
      await q('COMMIT');
    } catch (error) {
      broken = error instanceof Error ? error : new Error(String(error));
      await q('ROLLBACK').catch(() => undefined);
      throw new Error(`migrate(${n.schema ? `${n.schema}.` : ''}${n.table}) failed: ${broken.message}`, { cause: error });
    } finally {
      // A client whose transaction may not have ended cleanly is not given back to the pool.
      client.release(broken);
    }
  } finally {
    if (ownPool) await pool.end();
  }
}

type Query = (text: string, values?: unknown[]) => Promise<pg.QueryResult>;

async function migrateLocked(q: Query, n: Names): Promise<void> {
  const encoding = (await q(`SELECT current_setting('server_encoding') AS e`)).rows[0]?.e;
  if (encoding !== 'UTF8') throw new Error(`the database encoding is ${String(encoding)}; the store needs a UTF8 database.`);
  if (n.qSchema) await q(`CREATE SCHEMA IF NOT EXISTS ${n.qSchema}`);
  await q(`CREATE TABLE IF NOT EXISTS ${n.qMeta} (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    version integer NOT NULL,
    migrated_at timestamptz NOT NULL DEFAULT now()
  )`);
  const row = (await q(`SELECT version FROM ${n.qMeta}`)).rows[0] as { version: number } | undefined;
  const current = row ? Number(row.version) : 0;
  if (current > SCHEMA_VERSION) {
    throw new Error(`the table's schema version is ${current}, newer than this @porchlight/store-postgres (${SCHEMA_VERSION}); upgrade the package.`);
  }
  if (current === SCHEMA_VERSION) return;
  for (let version = current + 1; version <= SCHEMA_VERSION; version++) {
    for (const statement of MIGRATIONS[version - 1]!(n)) await q(statement);
  }
  await q(
    `INSERT INTO ${n.qMeta} (id, version) VALUES (true, $1)
     ON CONFLICT (id) DO UPDATE SET version = excluded.version, migrated_at = now()`,
    [SCHEMA_VERSION],
  );
}

function isPool(value: unknown): value is Pool {
  const v = value as Partial<Pool> | null;
  return typeof v === 'object' && v !== null && typeof v.query === 'function' && typeof v.connect === 'function' && typeof v.end === 'function';
}
