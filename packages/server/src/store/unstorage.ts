/**
 * The Store port on unstorage: any unstorage driver (memory, fs, Redis, Cloudflare KV, S3,
 * db0 …) becomes a Porchlight Store.
 *
 * What it promises — inside ONE process only:
 * - every operation on a key waits for the earlier ones on that key in this process (a
 *   per-key chain of promises), so insert-if-absent, compare-and-set, delete-if-version and
 *   increment are atomic, and a read never sees a half-written file;
 * - TTLs: every value carries its expiry and reads as absent after it. Only the redis driver
 *   drops expired keys by itself (the adapter passes it the TTL); on other drivers an expired
 *   value stays until it is read, listed or overwritten, and is then removed;
 * - `list` in key order with cursors, by asking the driver for the prefix's keys — most
 *   drivers (memory, fs, redis) go through every key of the store to answer, so listing
 *   costs grow with the whole store;
 * - a driver that fails or does not answer within `timeout` gives StoreUnavailableError
 *   (a write that timed out may still land later).
 *
 * Across several processes NOTHING above is atomic: two processes can both "insert if
 * absent" the same username, or both win a compare-and-set. Run one handler process on it,
 * or use @porchlight/store-redis or @porchlight/store-postgres for several. See docs/storage.md.
 *
 * Layout: the Store key `a:b:c` is stored as `<prefix>:a:b:c!.json` holding JSON text
 * `{"version":…,"expiresAt":ms|null,"value":…}` (or `"bytes":"<base64>"`). The `!` is outside
 * the key alphabet, so every stored key is a leaf: on the fs driver (which turns `:` into `/`)
 * `a:b` is the file `a/b!.json` and never collides with the folder `a/b/` that `a:b:c` needs,
 * and an object-backed driver never sees a bare `__proto__`. Values are written and read raw
 * (setItemRaw/getItemRaw) because unstorage's getItem runs values through `destr`, which drops
 * `__proto__` and `constructor` keys from objects.
 */
import { decodeBase64, encodeBase64 } from '@oslojs/encoding';
import {
  asStoreUnavailable,
  assertKey,
  checkTtl,
  clampListLimit,
  decodeListCursor,
  encodeListCursor,
  storeJson,
  KEY_PATTERN,
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
import type { Storage } from 'unstorage';

export interface UnstorageStoreOptions {
  /** A key prefix (segments joined by `:`) for everything this store writes. */
  prefix?: string;
  /** Clock in milliseconds, for tests. */
  now?: () => number;
  /**
   * Milliseconds an operation may wait for the driver before it fails with
   * StoreUnavailableError (default 10 000; 0 waits for ever).
   */
  timeout?: number;
}

/** What is stored under each key, as JSON text. */
interface Envelope {
  version: string;
  /** Milliseconds since the epoch, or null for never. */
  expiresAt: number | null;
  /** The JSON value (or a counter). */
  value?: unknown;
  /** Bytes, base64. */
  bytes?: string;
}

/** Ends every stored key; `!` is not in the key alphabet. */
const LEAF = '!.json';
const DEFAULT_TIMEOUT_MS = 10_000;

const strictDecoder = new TextDecoder('utf-8', { fatal: true });
const noop = () => undefined;

export function unstorageStore(storage: Storage, options: UnstorageStoreOptions = {}): Store {
  if (options.prefix !== undefined) assertKey(options.prefix);
  const base = options.prefix ? `${options.prefix}:` : '';
  const now = options.now ?? Date.now;
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  const locks = new KeyLocks();

  const storedKey = (key: string) => `${base}${key}${LEAF}`;
  const storeKey = (stored: string) =>
    stored.startsWith(base) && stored.endsWith(LEAF) ? stored.slice(base.length, -LEAF.length) : null;

  /** Driver work: any failure, or no answer within `timeout`, becomes StoreUnavailableError. */
  function guarded<T>(work: (abandoned: () => boolean) => Promise<T>): Promise<T> {
    let gaveUp = false;
    const answer = work(() => gaveUp).catch((error: unknown) => {
      throw asStoreUnavailable(error, 'The store');
    });
    if (!(timeout > 0 && Number.isFinite(timeout))) return answer;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        gaveUp = true;
        reject(new StoreUnavailableError(`The store did not answer within ${timeout} ms`));
      }, timeout);
    });
    return Promise.race([answer, deadline]).finally(() => clearTimeout(timer));
  }

  /** Driver work on one key, after the earlier work on that key in this process. */
  function onKey<T>(key: string, work: () => Promise<T>): Promise<T> {
    return guarded((abandoned) =>
      locks.run(key, () => {
        // The caller has had its StoreUnavailableError already: do not write behind its back.
        if (abandoned()) throw new StoreUnavailableError('Gave up waiting for earlier operations on this key');
        return work();
      }),
    );
  }

  /** The live envelope under `key` (run inside `onKey`); an expired one is removed, best effort. */
  async function read(key: string): Promise<Envelope | null> {
    const envelope = parseEnvelope(storedKey(key), await storage.getItemRaw(storedKey(key)));
    if (envelope?.expiresAt != null && envelope.expiresAt <= now()) {
      await storage.removeItem(storedKey(key)).catch(noop);
      return null;
    }
    return envelope;
  }

  /** Writes an envelope (run inside `onKey`); `payload` is JSON text of the value or of the base64 string. */
  async function write(key: string, expiresAt: number | null, kind: 'value' | 'bytes', payload: string): Promise<string> {
    const version = randomBase32(16);
    const text = `{"version":"${version}","expiresAt":${expiresAt ?? 'null'},"${kind}":${payload}}`;
    // The redis driver expires keys itself (whole seconds); the others ignore the option.
    const ttl = expiresAt === null ? undefined : Math.max(1, Math.ceil((expiresAt - now()) / 1000));
    await storage.setItemRaw(storedKey(key), text, ttl === undefined ? {} : { ttl });
    return version;
  }

  const expiry = (ttl: number | undefined) => (ttl === undefined ? null : now() + ttl * 1000);

  const readValue = <T>(key: string) =>
    onKey(key, async (): Promise<Versioned<T> | null> => {
      const envelope = await read(key);
      return envelope && envelope.value !== undefined ? { value: envelope.value as T, version: envelope.version } : null;
    });

  const store: Store = {
    async get<T>(key: string) {
      assertKey(key);
      return readValue<T>(key);
    },

    async getMany<T>(keys: readonly string[]) {
      keys.forEach(assertKey);
      return Promise.all(keys.map((key) => readValue<T>(key)));
    },

    async put<T>(key: string, value: T, opts: PutOptions = {}) {
      assertKey(key);
      checkTtl(opts.ttl, false);
      const json = storeJson(value);
      return onKey(key, async () => {
        if (opts.ifVersion !== undefined) ensureVersion(key, await read(key), opts.ifVersion);
        return write(key, expiry(opts.ttl), 'value', json);
      });
    },

    async delete(key: string, opts: DeleteOptions = {}) {
      assertKey(key);
      return onKey(key, async () => {
        const current = await read(key);
        if (opts.ifVersion !== undefined) ensureVersion(key, current, opts.ifVersion);
        if (!current) return false;
        await storage.removeItem(storedKey(key));
        return true;
      });
    },

    async list<T>(prefix: string, opts: ListOptions = {}): Promise<ListPage<T>> {
      assertKey(prefix);
      const limit = clampListLimit(opts.limit);
      const after = opts.cursor ? decodeListCursor(prefix, opts.cursor) : null;
      const below = `${prefix}:`;
      const stored = await guarded(() => storage.getKeys(`${base}${prefix}`));
      let keys = stored.map(storeKey).filter((k): k is string => k !== null && k.startsWith(below) && KEY_PATTERN.test(k));
      keys.sort();
      if (opts.reverse) keys.reverse();
      if (after !== null) keys = keys.filter((k) => (opts.reverse ? k < after : k > after));

      // Read until one item more than the page (it says whether a next page exists), skipping
      // keys that expired or went away since getKeys.
      const items: ListedItem<T>[] = [];
      for (let next = 0; items.length <= limit && next < keys.length; ) {
        const batch = keys.slice(next, next + limit + 1 - items.length);
        next += batch.length;
        const found = await Promise.all(batch.map((key) => readValue<T>(key)));
        batch.forEach((key, i) => {
          const item = found[i];
          if (item) items.push({ key, ...item });
        });
      }
      const page = items.slice(0, limit);
      return { items: page, cursor: items.length > limit ? encodeListCursor(prefix, page[page.length - 1]!.key) : null };
    },

    async increment(key: string, opts: IncrementOptions) {
      assertKey(key);
      checkTtl(opts.ttl, true);
      const by = opts.by ?? 1;
      if (!Number.isFinite(by)) throw new RangeError('increment: `by` must be a finite number.');
      return onKey(key, async () => {
        const current = await read(key);
        const count = (typeof current?.value === 'number' ? current.value : 0) + by;
        await write(key, current ? current.expiresAt : expiry(opts.ttl), 'value', JSON.stringify(count));
        return count;
      });
    },

    async getBytes(key: string) {
      assertKey(key);
      return onKey(key, async () => {
        const envelope = await read(key);
        return typeof envelope?.bytes === 'string' ? decodeBase64(envelope.bytes) : null;
      });
    },

    async putBytes(key: string, bytes: Uint8Array, opts: { ttl?: number } = {}) {
      assertKey(key);
      checkTtl(opts.ttl, false);
      if (!(bytes instanceof Uint8Array)) throw new TypeError('putBytes: pass a Uint8Array.');
      const payload = `"${encodeBase64(bytes)}"`;
      await onKey(key, () => write(key, expiry(opts.ttl), 'bytes', payload));
    },

    /** Waits for the operations under way, then disposes the storage (the memory driver drops its data). */
    async close() {
      await guarded(async () => {
        await locks.idle();
        await storage.dispose();
      });
    },
  };
  return store;
}

/** Per-key chains of promises: work on one key runs one at a time, in call order. */
class KeyLocks {
  readonly #tails = new Map<string, Promise<void>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const result = (this.#tails.get(key) ?? Promise.resolve()).then(work);
    const tail = result.then(noop, noop);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** Settles once all work started so far has settled. */
  async idle(): Promise<void> {
    await Promise.all(this.#tails.values());
  }
}


/** The envelope in what a driver answered, or null for nothing stored. */
function parseEnvelope(stored: string, raw: unknown): Envelope | null {
  if (raw === null || raw === undefined) return null;
  // The fs driver answers some read errors (ENOTDIR, EACCES…) as the value instead of throwing.
  if (raw instanceof Error) throw raw;
  let envelope: unknown = raw;
  try {
    if (typeof raw === 'string') envelope = JSON.parse(raw);
    else if (raw instanceof ArrayBuffer || ArrayBuffer.isView(raw)) envelope = JSON.parse(strictDecoder.decode(raw));
  } catch {
    envelope = undefined;
  }
  const e = envelope as Partial<Envelope> | undefined;
  if (!e || typeof e.version !== 'string' || !(e.expiresAt === null || typeof e.expiresAt === 'number')) {
    throw new Error(`${stored} does not hold a Porchlight value`);
  }
  return e as Envelope;
}

function ensureVersion(key: string, current: Envelope | null, expected: string | null): void {
  if (expected === null ? current !== null : current?.version !== expected) throw new StoreConflictError(key);
}

