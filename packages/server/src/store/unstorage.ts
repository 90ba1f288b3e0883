/**
 * The Store port on unstorage: any unstorage driver (memory, fs, Redis, Cloudflare KV, S3,
 * db0 …) becomes a Porchlight Store.
 *
 * What it promises — inside ONE process only:
 * - insert-if-absent, compare-and-set, delete-if-version and increment are atomic, through a
 *   per-key lock in this process;
 * - TTLs: every value carries its expiry and reads as absent after it (drivers other than
 *   Redis keep no TTL, so expired values stay on disk until overwritten or deleted);
 * - `list` in key order with cursors, by reading the prefix's keys (cost grows with the
 *   prefix, and on some drivers with the whole store).
 * Across several processes none of the atomic promises hold (two processes can both "insert
 * if absent"): run one handler process on it, or use @porchlight/store-redis or
 * @porchlight/store-postgres for several. See docs/storage.md.
 */
import {
  assertKey,
  randomBase32,
  StoreConflictError,
  StoreKeyError,
  StoreUnavailableError,
  type ListPage,
  type Store,
  type Versioned,
} from '@porchlight/core';
import type { Storage } from 'unstorage';

/** What is stored under each key: version, expiry (ms, or null) and the JSON value or bytes. */
interface Envelope {
  v: string;
  e: number | null;
  d?: unknown;
  /** Raw bytes, base64. */
  b?: string;
}

/**
 * Every stored key ends in this suffix, so a key is always a leaf: on the fs driver `a:b`
 * (file `a/b.json`) and `a:b:c` (file `a/b/c.json`) never collide as file and folder.
 * (Not `$`: unstorage hides keys ending in `$`, its metadata suffix, from getKeys.)
 */
const LEAF = '.json';

export interface UnstorageStoreOptions {
  /** A key prefix (segments joined by `:`) for everything this store writes. */
  prefix?: string;
  /** Clock, for tests. */
  now?: () => number;
}

export function unstorageStore(storage: Storage, options: UnstorageStoreOptions = {}): Store {
  if (options.prefix) assertKey(options.prefix);
  const base = options.prefix ? `${options.prefix}:` : '';
  const now = options.now ?? Date.now;
  const locks = new Map<string, Promise<unknown>>();

  const toRaw = (key: string) => `${base}${key}${LEAF}`;
  const fromRaw = (raw: string) => (raw.startsWith(base) && raw.endsWith(LEAF) ? raw.slice(base.length, -LEAF.length) : null);

  /** Runs `fn` after every earlier locked call on the same key has finished. */
  function locked<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = locks.get(key) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const tail = run.catch(() => undefined);
    locks.set(key, tail);
    void tail.then(() => {
      if (locks.get(key) === tail) locks.delete(key);
    });
    return run;
  }

  /** Driver failures become StoreUnavailableError; the port's own errors pass through. */
  async function driver<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof StoreConflictError || error instanceof StoreKeyError || error instanceof StoreUnavailableError) throw error;
      throw new StoreUnavailableError(`The store failed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
    }
  }

  const live = (raw: unknown): Envelope | null => {
    if (!raw || typeof raw !== 'object' || typeof (raw as Envelope).v !== 'string') return null;
    const env = raw as Envelope;
    return env.e !== null && env.e <= now() ? null : env;
  };

  async function read(key: string): Promise<Envelope | null> {
    return live(await driver(() => storage.getItem(toRaw(key))));
  }

  async function write(key: string, env: Envelope): Promise<void> {
    await driver(() => storage.setItem(toRaw(key), env as never));
  }

  const expiry = (ttl: number | undefined) => (ttl === undefined ? null : now() + Math.max(0, ttl) * 1000);
  const newVersion = () => randomBase32(16);

  function checkVersion(key: string, current: Envelope | null, ifVersion: string | null | undefined) {
    if (ifVersion === undefined) return;
    if (ifVersion === null ? current !== null : current?.v !== ifVersion) throw new StoreConflictError(key);
  }

  const store: Store = {
    async get<T>(key: string): Promise<Versioned<T> | null> {
      assertKey(key);
      const env = await read(key);
      return env && 'd' in env ? { value: env.d as T, version: env.v } : null;
    },

    async getMany<T>(keyList: readonly string[]) {
      keyList.forEach(assertKey);
      return Promise.all(keyList.map((k) => store.get<T>(k)));
    },

    async put<T>(key: string, value: T, opts: { ifVersion?: string | null; ttl?: number } = {}) {
      assertKey(key);
      // A JSON round trip: what is stored is exactly what a later read returns (no undefined, no prototypes).
      const data = value === undefined ? null : JSON.parse(JSON.stringify(value));
      return locked(key, async () => {
        if (opts.ifVersion !== undefined) checkVersion(key, await read(key), opts.ifVersion);
        const env: Envelope = { v: newVersion(), e: expiry(opts.ttl), d: data };
        await write(key, env);
        return env.v;
      });
    },

    async delete(key: string, opts: { ifVersion?: string } = {}) {
      assertKey(key);
      return locked(key, async () => {
        const current = await read(key);
        if (opts.ifVersion !== undefined) checkVersion(key, current, opts.ifVersion);
        await driver(() => storage.removeItem(toRaw(key)));
        return current !== null;
      });
    },

    async list<T>(prefix: string, opts: { limit?: number; cursor?: string | null; reverse?: boolean } = {}): Promise<ListPage<T>> {
      assertKey(prefix);
      const limit = Math.min(Math.max(1, Math.floor(opts.limit ?? 100)), 1000);
      const after = opts.cursor ? decodeCursor(opts.cursor) : null;
      const raw = await driver(() => storage.getKeys(`${base}${prefix}:`));
      let keys = raw.map(fromRaw).filter((k): k is string => k !== null && k.startsWith(`${prefix}:`));
      keys.sort();
      if (opts.reverse) keys.reverse();
      if (after !== null) keys = keys.filter((k) => (opts.reverse ? k < after : k > after));
      const items: ListPage<T>['items'] = [];
      for (let i = 0; i < keys.length && items.length < limit; i += limit) {
        const batch = keys.slice(i, i + limit);
        const values = await Promise.all(batch.map((k) => read(k)));
        batch.forEach((key, j) => {
          const env = values[j];
          if (env && 'd' in env && items.length < limit) items.push({ key, value: env.d as T, version: env.v });
        });
      }
      const last = items.at(-1)?.key;
      const more = last !== undefined && keys.indexOf(last) < keys.length - 1;
      return { items, cursor: more ? encodeCursor(last) : null };
    },

    async increment(key: string, opts: { ttl: number; by?: number }) {
      assertKey(key);
      return locked(key, async () => {
        const current = await read(key);
        const count = (typeof current?.d === 'number' ? current.d : 0) + (opts.by ?? 1);
        await write(key, { v: newVersion(), e: current ? current.e : expiry(opts.ttl), d: count });
        return count;
      });
    },

    async getBytes(key: string) {
      assertKey(key);
      const env = await read(key);
      return env?.b !== undefined ? Uint8Array.from(atob(env.b), (c) => c.charCodeAt(0)) : null;
    },

    async putBytes(key: string, bytes: Uint8Array, opts: { ttl?: number } = {}) {
      assertKey(key);
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      await locked(key, () => write(key, { v: newVersion(), e: expiry(opts.ttl), b: btoa(binary) }));
    },

    async close() {
      await driver(() => storage.dispose());
    },
  };
  return store;
}

function encodeCursor(key: string): string {
  return btoa(key).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeCursor(cursor: string): string {
  let key: string;
  try {
    key = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    throw new StoreKeyError(cursor);
  }
  assertKey(key);
  return key;
}
