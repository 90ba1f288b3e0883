import pg from 'pg';
import type { CustomTypesConfig, Pool, PoolConfig, QueryResult } from 'pg';
import {
  assertKey,
  checkTtl,
  clampListLimit,
  decodeListCursor,
  encodeListCursor,
  storeJson,
  StoreConflictError,
  StoreUnavailableError,
  type DeleteOptions,
  type IncrementOptions,
  type ListedItem,
  type ListOptions,
  type ListPage,
  type PutOptions,
  type Store,
  type Versioned,
} from '@porchlight/core';
import { isConnectionLost, toStoreError } from './errors.js';
import { names as makeNames, statements, type Names } from './sql.js';

export interface PostgresStoreOptions {
  /**
   * A `pg.Pool` you own (the store never ends it), or a connection string / `pg.PoolConfig`
   * from which the store makes its own pool (ended by `close()`).
   */
  pool: Pool | string | PoolConfig;
  /** Table name (default `porchlight_store`); letters, digits and `_`. */
  table?: string;
  /** Schema of the table (default: the connection's `search_path`, normally `public`). */
  schema?: string;
  /**
   * Milliseconds a statement may run (default 5000). On a pool the store makes, PostgreSQL's
   * `statement_timeout` is set to this on every connection; on any pool, a query without an
   * answer after this plus one second fails on the client side too (a hung network). 0: none.
   */
  statementTimeoutMs?: number;
  /**
   * Milliseconds to wait for a connection from a pool the store makes (default 3000): a
   * database that does not accept connections fails fast. Ignored for a `pg.Pool` you pass
   * (set its `connectionTimeoutMillis`).
   */
  connectTimeoutMs?: number;
  /**
   * Milliseconds between background sweeps of expired rows (default 300 000, 0: never).
   * Expired rows are invisible to every read anyway; sweeping only frees the space.
   */
  sweepIntervalMs?: number;
  /** Called with errors of background work (sweeps, idle connections that broke). Default: ignore. */
  onError?: (error: unknown) => void;
}

/** The Store, plus what only this adapter has. */
export interface PostgresStore extends Store {
  /** Deletes expired rows now (in batches of 1000, skipping rows other sessions hold); answers how many. */
  sweep(): Promise<number>;
}

/** What migrate() needs from a store made here. */
export interface StoreInternals {
  pool: Pool;
  names: Names;
}
export const internals = new WeakMap<Store, StoreInternals>();

const DEFAULT_STATEMENT_TIMEOUT_MS = 5000;
const DEFAULT_CONNECT_TIMEOUT_MS = 3000;
const DEFAULT_SWEEP_INTERVAL_MS = 300_000;
const SWEEP_BATCH = 1000;
const MAX_READ_RETRIES = 20;
/** Longest TTL accepted (100 years): keeps `now() + ttl` inside PostgreSQL's timestamp range. */
/** Largest bigint: a version above it cannot exist, so comparing with it is a plain conflict. */
const MAX_VERSION = 9223372036854775807n;

/**
 * Every column answered as the text PostgreSQL sent, whatever type parsers the application
 * set globally on `pg.types` (e.g. int8 as number, json parsed): the store parses itself.
 */
const RAW_TYPES = { getTypeParser: () => (text: string) => text } as unknown as CustomTypesConfig;

const noop = () => undefined;

function looksLikePool(value: unknown): value is Pool {
  const v = value as Partial<Pool> | null;
  return typeof v === 'object' && v !== null && typeof v.query === 'function' && typeof v.connect === 'function' && typeof v.end === 'function';
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new TypeError(`postgresStore: \`${name}\` must be a number of milliseconds >= 0.`);
  return Math.floor(value);
}

/**
 * A Porchlight Store on PostgreSQL: one table, one statement per operation, atomic across any
 * number of processes. Create the table first with `migrate()`.
 */
export function postgresStore(options: PostgresStoreOptions): PostgresStore {
  if (!options || (typeof options.pool !== 'string' && typeof options.pool !== 'object') || options.pool === null) {
    throw new TypeError('postgresStore: pass `pool` (a pg.Pool, a connection string or a pg.PoolConfig).');
  }
  const n = makeNames(options.table, options.schema);
  const sql = statements(n);
  // For a pool the store makes: explicit options, then the PoolConfig's own fields, then defaults.
  const config: PoolConfig | undefined = looksLikePool(options.pool)
    ? undefined
    : typeof options.pool === 'string'
      ? { connectionString: options.pool }
      : { ...options.pool };
  const configured = (value: number | false | null | undefined) => (typeof value === 'number' ? value : value === false ? 0 : undefined);
  const statementTimeoutMs = nonNegative(
    options.statementTimeoutMs ?? configured(config?.statement_timeout),
    DEFAULT_STATEMENT_TIMEOUT_MS,
    'statementTimeoutMs',
  );
  const connectTimeoutMs = nonNegative(
    options.connectTimeoutMs ?? configured(config?.connectionTimeoutMillis),
    DEFAULT_CONNECT_TIMEOUT_MS,
    'connectTimeoutMs',
  );
  const sweepIntervalMs = nonNegative(options.sweepIntervalMs, DEFAULT_SWEEP_INTERVAL_MS, 'sweepIntervalMs');
  const onError = options.onError ?? noop;

  const owned = config !== undefined;
  let pool: Pool;
  if (config === undefined) {
    pool = options.pool as Pool;
  } else {
    pool = new pg.Pool({
      fallback_application_name: 'porchlight',
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      ...config,
      connectionTimeoutMillis: connectTimeoutMs,
      statement_timeout: statementTimeoutMs > 0 ? statementTimeoutMs : false,
    });
    // An idle connection that breaks (database restart) is dropped by the pool, which then
    // emits 'error'; without a listener that would crash the process.
    pool.on('error', (error) => onError(error));
  }

  const context = { table: n.schema === undefined ? n.table : `${n.schema}.${n.table}`, statementTimeoutMs };
  const queryTimeout = statementTimeoutMs > 0 ? statementTimeoutMs + 1000 : undefined;
  let closed = false;
  let closing: Promise<void> | undefined;

  /**
   * One statement; driver failures become StoreUnavailableError. A read that ran on a connection
   * the server had already ended (a restart or pg_terminate_backend, noticed only when used) is
   * retried at once: each failure removes one dead connection from the pool, so at most as many
   * retries as the pool held connections. Writes are never retried (they may have committed).
   */
  async function run(text: string, values: unknown[], read = false): Promise<QueryResult<Record<string, string | null>>> {
    if (closed) throw new StoreUnavailableError('PostgreSQL store: the store has been closed.');
    const query = { text, values, types: RAW_TYPES, ...(queryTimeout ? { query_timeout: queryTimeout } : {}) };
    let retries = read ? Math.min(pool.totalCount, MAX_READ_RETRIES) + 1 : 0;
    for (;;) {
      try {
        return await pool.query(query);
      } catch (error) {
        if (retries-- > 0 && !closed && isConnectionLost(error)) continue;
        throw toStoreError(error, context);
      }
    }
  }

  const parseValue = <T>(text: string | null | undefined): T => JSON.parse(text as string) as T;

  async function sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const result = await run(sql.sweep, [SWEEP_BATCH]);
      total += result.rowCount ?? 0;
      if ((result.rowCount ?? 0) < SWEEP_BATCH) return total;
    }
  }

  let timer: ReturnType<typeof setInterval> | undefined;
  if (sweepIntervalMs > 0) {
    let sweeping = false;
    timer = setInterval(() => {
      if (sweeping || closed) return;
      sweeping = true;
      sweep()
        .catch(onError)
        .finally(() => {
          sweeping = false;
        });
    }, sweepIntervalMs);
    timer.unref?.();
  }

  const store: PostgresStore = {
    async get<T>(key: string): Promise<Versioned<T> | null> {
      assertKey(key);
      const { rows } = await run(sql.get, [key], true);
      const row = rows[0];
      return row ? { value: parseValue<T>(row['value']), version: row['version']! } : null;
    },

    async getMany<T>(keys: readonly string[]): Promise<(Versioned<T> | null)[]> {
      if (!Array.isArray(keys)) throw new TypeError('getMany: pass an array of keys.');
      keys.forEach(assertKey);
      if (keys.length === 0) return [];
      const { rows } = await run(sql.getMany, [[...new Set(keys)]], true);
      const found = new Map(rows.map((row) => [row['key']!, row]));
      // Parse once per answer, so repeated keys still answer separate copies.
      return keys.map((key) => {
        const row = found.get(key);
        return row ? { value: parseValue<T>(row['value']), version: row['version']! } : null;
      });
    },

    async put<T>(key: string, value: T, opts: PutOptions = {}): Promise<string> {
      assertKey(key);
      const ttl = checkTtl(opts.ttl, false);
      const json = storeJson(value);
      const { ifVersion } = opts;
      if (ifVersion === undefined) return (await run(sql.put, [key, json, ttl])).rows[0]!['version']!;
      if (ifVersion === null) {
        const { rows } = await run(sql.insert, [key, json, ttl]);
        if (!rows[0]) throw new StoreConflictError(key, `Already exists: ${key}`);
        return rows[0]['version']!;
      }
      if (typeof ifVersion !== 'string') throw new TypeError('put: `ifVersion` must be a version string, null or omitted.');
      // A string that is not one of our versions can match nothing: a conflict, like a stale one.
      if (!isVersion(ifVersion)) throw new StoreConflictError(key);
      const { rows } = await run(sql.compareAndSet, [key, json, ttl, ifVersion]);
      if (!rows[0]) throw new StoreConflictError(key);
      return rows[0]['version']!;
    },

    async delete(key: string, opts: DeleteOptions = {}): Promise<boolean> {
      assertKey(key);
      const { ifVersion } = opts;
      if (ifVersion === undefined) {
        const { rows } = await run(sql.delete, [key]);
        // 't' when the deleted row was live; an expired row is removed but was already absent.
        return rows[0]?.['live'] === 't';
      }
      if (typeof ifVersion !== 'string') throw new TypeError('delete: `ifVersion` must be a version string or omitted.');
      if (!isVersion(ifVersion)) throw new StoreConflictError(key);
      const { rowCount } = await run(sql.deleteIfVersion, [key, ifVersion]);
      if (!rowCount) throw new StoreConflictError(key);
      return true;
    },

    async list<T>(prefix: string, opts: ListOptions = {}): Promise<ListPage<T>> {
      assertKey(prefix);
      const limit = clampListLimit(opts.limit);
      const after = opts.cursor === undefined || opts.cursor === null ? null : decodeListCursor(prefix, opts.cursor);
      // Keys below `a:b` are the range ('a:b:', 'a:b;'): ';' is the code unit right after ':'.
      const low = `${prefix}:`;
      const high = `${prefix};`;
      const { rows } = opts.reverse
        ? await run(sql.listReverse, [low, after ?? high, limit + 1], true)
        : await run(sql.listForward, [after ?? low, high, limit + 1], true);
      const items: ListedItem<T>[] = rows.slice(0, limit).map((row) => ({
        key: row['key']!,
        value: parseValue<T>(row['value']),
        version: row['version']!,
      }));
      // One row more than the page was asked for: it says whether anything follows.
      const cursor = rows.length > limit ? encodeListCursor(prefix, items[items.length - 1]!.key) : null;
      return { items, cursor };
    },

    async increment(key: string, opts: IncrementOptions): Promise<number> {
      assertKey(key);
      if (!opts || typeof opts !== 'object') throw new TypeError('increment: pass { ttl }.');
      const ttl = checkTtl(opts.ttl, true);
      const by = opts.by ?? 1;
      if (typeof by !== 'number' || !Number.isFinite(by)) throw new RangeError('increment: `by` must be a finite number.');
      const { rows } = await run(sql.increment, [key, by, ttl]);
      return Number(JSON.parse(rows[0]!['value']!));
    },

    async getBytes(key: string): Promise<Uint8Array | null> {
      assertKey(key);
      const { rows } = await run(sql.getBytes, [key], true);
      const hex = rows[0]?.['hex'];
      if (hex === undefined || hex === null) return null;
      const buffer = Buffer.from(hex, 'hex');
      // A plain Uint8Array of its own (not a view into Buffer's shared pool).
      return new Uint8Array(buffer);
    },

    async putBytes(key: string, bytes: Uint8Array, opts: { ttl?: number } = {}): Promise<void> {
      assertKey(key);
      const ttl = checkTtl(opts.ttl, false);
      if (!(bytes instanceof Uint8Array)) throw new TypeError('putBytes: pass a Uint8Array.');
      // Copied now: changing `bytes` after the call changes nothing stored.
      await run(sql.putBytes, [key, Buffer.from(bytes), ttl]);
    },

    sweep,

    async close(): Promise<void> {
      closing ??= (async () => {
        closed = true;
        if (timer) clearInterval(timer);
        internals.delete(store);
        if (owned) {
          try {
            await pool.end();
          } catch (error) {
            throw toStoreError(error, context);
          }
        }
      })();
      return closing;
    },
  };
  internals.set(store, { pool, names: n });
  return store;
}

function isVersion(version: string): boolean {
  return /^[1-9][0-9]{0,18}$/.test(version) && BigInt(version) <= MAX_VERSION;
}

