/**
 * The Porchlight Store on Redis (ioredis 5). Unlike the unstorage adapter, every promise of the
 * Store port holds across any number of processes on one Redis: conditional writes, deletes and
 * counters are Lua scripts (run atomically by Redis, sent by SHA through ioredis'
 * `defineCommand`), and `list` reads a lexicographically ordered sorted set by range instead of
 * scanning the keyspace. Layout and operations advice: README.md.
 */
import { Redis, type RedisOptions } from 'ioredis';
import {
  asStoreUnavailable,
  assertKey,
  checkTtl,
  clampListLimit,
  decodeListCursor,
  encodeListCursor,
  storeJson,
  randomBase32,
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
import { CONFLICT, DELETE, INCREMENT, PRUNE, PUT, PUT_BYTES, READ } from './scripts.js';

export interface RedisStoreOptions {
  /**
   * An ioredis connection, or a URL (`redis://`, `rediss://`) for the store to open (and to
   * quit on `close()`). A connection you pass stays yours: `close()` leaves it open, and its
   * own options (offline queue, retries) apply; the store still gives up on every call after
   * `timeoutMs`.
   */
  redis: Redis | string;
  /**
   * Segments joined by `:` (like a Store key) that every Redis key of this store starts with,
   * inside a hash tag: `{prefix}:…`. Several stores (tenants, test runs) share one Redis under
   * different prefixes. Default `porchlight`.
   */
  prefix?: string;
  /**
   * Milliseconds a call may take before it fails with StoreUnavailableError (default 5000).
   * A write that timed out may still have landed.
   */
  timeoutMs?: number;
  /**
   * At most this often (ms) a store that writes values with a TTL also sweeps, in the
   * background, the index entries of values that have expired (default 60 000; 0: never, call
   * `sweep()` yourself). See README.md, "Expired values and the index".
   */
  sweepIntervalMs?: number;
  /** Extra ioredis options for the connection the store opens from a URL. */
  connection?: RedisOptions;
}

export interface RedisStore extends Store {
  /** The ioredis connection the store uses. */
  readonly redis: Redis;
  /**
   * Removes the index entries that values whose TTL has passed left behind (Redis deletes the
   * values themselves). Runs by itself every `sweepIntervalMs` while TTL'd values are written;
   * call it from a job instead if you set that to 0. Answers how many entries it removed.
   */
  sweep(options?: { limit?: number }): Promise<number>;
}

type Arg = string | Buffer | number;

/** The scripts, as ioredis defines them on the connection (EVALSHA, EVAL once per connection). */
interface Scripts {
  porchlightStorePut(...args: Arg[]): Promise<number>;
  porchlightStoreDelete(...args: Arg[]): Promise<number>;
  porchlightStorePutBytes(...args: Arg[]): Promise<number>;
  porchlightStoreIncrement(...args: Arg[]): Promise<string>;
  /** numkeys first: the number of keys varies. */
  porchlightStoreRead(...args: Arg[]): Promise<(string | null)[]>;
  porchlightStorePrune(...args: Arg[]): Promise<number>;
}

const DEFAULT_PREFIX = 'porchlight';
const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_SWEEP_INTERVAL_MS = 60_000;
const SWEEP_BATCH = 200;
const SWEEP_MAX_BATCHES = 25;

export function redisStore(options: RedisStoreOptions): RedisStore {
  // Duck-typed rather than instanceof, so a connection from another copy of ioredis 5 works too.
  if (!options || (typeof options.redis !== 'string' && typeof (options.redis as Partial<Redis> | null)?.defineCommand !== 'function')) {
    throw new TypeError('redisStore: pass `redis`, an ioredis connection or a redis:// URL.');
  }
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  assertKey(prefix);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) throw new RangeError('redisStore: `timeoutMs` must be a positive number.');
  const sweepIntervalMs = options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
  if (!(sweepIntervalMs >= 0)) throw new RangeError('redisStore: `sweepIntervalMs` must be 0 or more.');

  const owned = typeof options.redis === 'string';
  const client =
    typeof options.redis === 'string'
      ? new Redis(options.redis, {
          // Commands wait for the connection at start-up and across a short blip, but never longer
          // than timeoutMs; when the server refuses connections the queue is failed after two
          // reconnect attempts instead of piling up.
          commandTimeout: timeoutMs,
          connectTimeout: timeoutMs,
          maxRetriesPerRequest: 1,
          // After a failover a DNS name may still lead to the demoted primary, which refuses
          // writes with READONLY: reconnect (the failed call is not resent; it reports
          // StoreUnavailableError and nothing was written).
          reconnectOnError: (error) => error.message.startsWith('READONLY'),
          ...options.connection,
        })
      : options.redis;
  // Connection errors reach callers as StoreUnavailableError; without a listener ioredis would
  // also print each reconnect failure.
  if (owned) client.on('error', () => undefined);
  defineScripts(client);
  const redis = client as Redis & Scripts;

  const tag = `{${prefix}}`;
  const valueKey = (key: string) => `${tag}:k:${key}`;
  const indexKey = `${tag}:index`;
  const expiryKey = `${tag}:expiry`;

  let closed = false;
  let sweeping: Promise<unknown> | null = null;
  let lastSweep = Date.now();

  /** Redis work: any failure, or no answer within timeoutMs, becomes StoreUnavailableError. */
  function guarded<T>(work: () => Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreUnavailableError(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const answer = Promise.resolve()
      .then(work)
      .catch((error: unknown) => {
        throw asStoreUnavailable(error, 'Redis');
      });
    return Promise.race([answer, deadline]).finally(() => clearTimeout(timer));
  }

  /** Reads version and value of each key (null for none, or for a key that holds no JSON value). */
  async function readValues<T>(keys: readonly string[]): Promise<(Versioned<T> | null)[]> {
    if (keys.length === 0) return [];
    const flat = await redis.porchlightStoreRead(keys.length, ...keys.map(valueKey));
    return keys.map((_, i) => {
      const version = flat[2 * i];
      const json = flat[2 * i + 1];
      return typeof version === 'string' && typeof json === 'string' ? { value: JSON.parse(json) as T, version } : null;
    });
  }

  /** Removes index entries whose values are gone (re-checked atomically); best effort. */
  async function prune(keys: readonly string[]): Promise<number> {
    if (keys.length === 0) return 0;
    const pipeline = redis.pipeline() as unknown as Scripts & { exec(): Promise<[Error | null, unknown][] | null> };
    for (const key of keys) pipeline.porchlightStorePrune(valueKey(key), indexKey, expiryKey, key);
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
    return results.reduce((sum, [, removed]) => sum + Number(removed), 0);
  }

  async function sweepOnce(limit: number): Promise<number> {
    let removed = 0;
    for (let batch = 0; batch < SWEEP_MAX_BATCHES && removed < limit; batch++) {
      const size = Math.min(SWEEP_BATCH, limit - removed);
      const due = await redis.zrangebyscore(expiryKey, '-inf', Date.now(), 'LIMIT', 0, size);
      const pruned = await prune(due);
      removed += pruned;
      // A short batch is the end; a batch of which nothing could go (values Redis has not expired
      // yet, by its clock) would only come back again.
      if (due.length < size || pruned === 0) break;
    }
    return removed;
  }

  /** After a write with a TTL: a background sweep, at most every sweepIntervalMs, one at a time. */
  function maybeSweep(): void {
    if (sweepIntervalMs === 0 || sweeping || closed || Date.now() - lastSweep < sweepIntervalMs) return;
    lastSweep = Date.now();
    sweeping = guarded(() => sweepOnce(SWEEP_BATCH * SWEEP_MAX_BATCHES))
      .catch(() => undefined)
      .finally(() => {
        sweeping = null;
      });
  }

  const store: RedisStore = {
    redis: client,

    async get<T>(key: string) {
      assertKey(key);
      return guarded(async (): Promise<Versioned<T> | null> => {
        const [version, json] = await redis.hmget(valueKey(key), 'v', 'j');
        return typeof version === 'string' && typeof json === 'string' ? { value: JSON.parse(json) as T, version } : null;
      });
    },

    async getMany<T>(keys: readonly string[]) {
      if (!Array.isArray(keys)) throw new TypeError('getMany: pass an array of keys.');
      keys.forEach(assertKey);
      return guarded(() => readValues<T>(keys));
    },

    async put<T>(key: string, value: T, opts: PutOptions = {}) {
      assertKey(key);
      const ttlMs = ttlToMs(opts.ttl, false);
      const json = storeJson(value);
      const { ifVersion } = opts;
      const mode = ifVersion === undefined ? '-' : ifVersion === null ? 'a' : 'v';
      if (mode === 'v' && typeof ifVersion !== 'string') throw new TypeError('put: `ifVersion` must be a version string or null.');
      const version = newVersion();
      const answer = await guarded(() =>
        redis.porchlightStorePut(
          valueKey(key),
          indexKey,
          expiryKey,
          mode,
          ifVersion ?? '',
          version,
          json,
          ttlMs,
          key,
          ttlMs > 0 ? Date.now() + ttlMs : 0,
        ),
      );
      if (answer === CONFLICT) throw new StoreConflictError(key);
      if (ttlMs > 0) maybeSweep();
      return version;
    },

    async delete(key: string, opts: DeleteOptions = {}) {
      assertKey(key);
      const { ifVersion } = opts;
      if (ifVersion !== undefined && typeof ifVersion !== 'string') throw new TypeError('delete: `ifVersion` must be a version string.');
      const answer = await guarded(() =>
        redis.porchlightStoreDelete(valueKey(key), indexKey, expiryKey, ifVersion === undefined ? '-' : 'v', ifVersion ?? '', key),
      );
      if (answer === CONFLICT) throw new StoreConflictError(key);
      return answer === 1;
    },

    async list<T>(prefix: string, opts: ListOptions = {}): Promise<ListPage<T>> {
      assertKey(prefix);
      const limit = clampListLimit(opts.limit);
      const reverse = Boolean(opts.reverse);
      let position = opts.cursor ? decodeListCursor(prefix, opts.cursor) : null;
      // Every key below `prefix` sorts between `prefix:` and `prefix;` (`;` follows `:`).
      const low = `(${prefix}:`;
      const high = `(${prefix};`;

      return guarded(async () => {
        // One item more than the page says whether a next page exists. Members whose value has
        // gone (expired, or deleted since the range was read) are skipped and pruned.
        const items: ListedItem<T>[] = [];
        const stale: string[] = [];
        for (;;) {
          const want = limit + 1 - items.length;
          const members = reverse
            ? await redis.zrevrangebylex(indexKey, position === null ? high : `(${position}`, low, 'LIMIT', 0, want)
            : await redis.zrangebylex(indexKey, position === null ? low : `(${position}`, high, 'LIMIT', 0, want);
          const found = await readValues<T>(members);
          members.forEach((key, i) => {
            const item = found[i];
            if (item) items.push({ key, ...item });
            else stale.push(key);
          });
          if (members.length < want || items.length > limit) break;
          position = members[members.length - 1]!;
        }
        await prune(stale).catch(() => undefined);
        const page = items.slice(0, limit);
        return { items: page, cursor: items.length > limit ? encodeListCursor(prefix, page[page.length - 1]!.key) : null };
      });
    },

    async increment(key: string, opts: IncrementOptions) {
      assertKey(key);
      const windowMs = ttlToMs(opts?.ttl, true);
      const by = opts.by ?? 1;
      if (typeof by !== 'number' || !Number.isFinite(by)) throw new RangeError('increment: `by` must be a finite number.');
      const count = await guarded(() => redis.porchlightStoreIncrement(valueKey(key), String(by), windowMs));
      return Number(count);
    },

    async getBytes(key: string) {
      assertKey(key);
      return guarded(async () => {
        const bytes = await redis.hgetBuffer(valueKey(key), 'b');
        return bytes === null ? null : new Uint8Array(bytes);
      });
    },

    async putBytes(key: string, bytes: Uint8Array, opts: { ttl?: number } = {}) {
      assertKey(key);
      const ttlMs = ttlToMs(opts.ttl, false);
      if (!(bytes instanceof Uint8Array)) throw new TypeError('putBytes: pass a Uint8Array.');
      const copy = Buffer.from(bytes);
      await guarded(() => redis.porchlightStorePutBytes(valueKey(key), newVersion(), copy, ttlMs));
    },

    async sweep(sweepOptions: { limit?: number } = {}) {
      const limit = sweepOptions.limit ?? SWEEP_BATCH * SWEEP_MAX_BATCHES;
      if (!(limit >= 1)) throw new RangeError('sweep: `limit` must be 1 or more.');
      return guarded(() => sweepOnce(Math.floor(limit)));
    },

    /** Waits for a background sweep; quits the connection if the store opened it. */
    async close() {
      closed = true;
      await sweeping;
      if (!owned || client.status === 'end') return;
      await guarded(async () => {
        const ended = new Promise((resolve) => client.once('end', resolve));
        await client.quit();
        await ended;
      }).catch((error: unknown) => {
        client.disconnect();
        throw error;
      });
    },
  };
  return store;
}

function defineScripts(client: Redis): void {
  // Defining again on a connection another store defined them on is harmless (same scripts).
  client.defineCommand('porchlightStorePut', { numberOfKeys: 3, lua: PUT });
  client.defineCommand('porchlightStoreDelete', { numberOfKeys: 3, lua: DELETE });
  client.defineCommand('porchlightStorePutBytes', { numberOfKeys: 1, lua: PUT_BYTES });
  client.defineCommand('porchlightStoreIncrement', { numberOfKeys: 1, lua: INCREMENT });
  client.defineCommand('porchlightStoreRead', { lua: READ, readOnly: true });
  client.defineCommand('porchlightStorePrune', { numberOfKeys: 3, lua: PRUNE });
}

/** 16 base32 characters (80 random bits): never handed out twice, even after a delete or a failover. */
const newVersion = () => randomBase32(16);


/** Seconds to whole milliseconds (at least 1); 0 for no TTL. */
function ttlToMs(ttl: number | undefined, required: boolean): number {
  const seconds = checkTtl(ttl, required);
  return seconds === null ? 0 : Math.max(1, Math.ceil(seconds * 1000));
}

