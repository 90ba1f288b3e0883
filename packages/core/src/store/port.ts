/**
 * The Store port: the small set of storage operations the server needs, with the promises
 * plain key-value storage does not make (atomic insert-if-absent, compare-and-set, ordered
 * paged listing). Adapters: the unstorage adapter in @porchlight/server (any unstorage
 * driver, promises kept inside one process), and native adapters (Redis, PostgreSQL) that keep
 * them across processes. Every adapter passes the contract suite in `./contract.ts`.
 *
 * Keys are `:`-separated segments of `[A-Za-z0-9_.~-]`, built only by the server's
 * `store/keys.ts` from validated ids; an adapter refuses any other key with StoreKeyError.
 */

/** A value read from the store with the version to pass back for compare-and-set. */
export interface Versioned<T> {
  value: T;
  /**
   * Opaque; changes on every write and is never handed out again for the same key, even after
   * a delete, so a compare-and-set holding an old version can never succeed by coincidence.
   */
  version: string;
}

export interface ListedItem<T> extends Versioned<T> {
  key: string;
}

export interface PutOptions {
  /**
   * `null`: write only if the key is absent (or expired). A string: write only if the stored
   * version is exactly this one (an absent or expired key has none). Omitted: write
   * unconditionally.
   * A failed condition throws StoreConflictError and writes nothing.
   */
  ifVersion?: string | null;
  /**
   * Seconds (> 0) until the value expires and reads as absent. Omitted: never (a write without
   * `ttl` also clears the expiry of the value it replaces).
   */
  ttl?: number;
}

export interface DeleteOptions {
  /** Delete only if the stored version is this one (else StoreConflictError, also when absent). */
  ifVersion?: string;
}

export interface ListOptions {
  /** At most this many items (default 100, at most 1000). */
  limit?: number;
  /**
   * Continue after this cursor (the `cursor` of the previous page). Cursors stay valid while
   * keys are written: a key written after the cursor's position still appears, none repeats.
   * A malformed cursor is refused with StoreKeyError.
   */
  cursor?: string | null;
  /** Highest key first (with time-ordered ids: newest first). */
  reverse?: boolean;
}

export interface ListPage<T> {
  items: ListedItem<T>[];
  /** Pass as `cursor` for the next page; null exactly when nothing follows this page. */
  cursor: string | null;
}

export interface IncrementOptions {
  /** Seconds the counter lives, counted from its first increment (a fixed window). */
  ttl: number;
  /** Amount to add (default 1). */
  by?: number;
}

/**
 * Every method answers with a promise and rejects (never throws synchronously) with the errors
 * below. Values go in and come out as copies: changing an object after `put`, or one that
 * `get` answered, changes nothing stored. A key holds either a JSON value (get, put, list), a
 * counter (increment) or bytes (getBytes, putBytes): never mix them on one key.
 */
export interface Store {
  get<T = unknown>(key: string): Promise<Versioned<T> | null>;
  /** One answer per key, in the order asked, null for an absent key. */
  getMany<T = unknown>(keys: readonly string[]): Promise<(Versioned<T> | null)[]>;
  /** Writes a JSON value; returns its new version. */
  put<T = unknown>(key: string, value: T, options?: PutOptions): Promise<string>;
  /** Returns whether something was deleted. */
  delete(key: string, options?: DeleteOptions): Promise<boolean>;
  /**
   * Keys under `prefix` — `prefix` itself is a whole key path, so `a:b` lists `a:b:…` at any
   * depth and never `a:bc` nor `a:b` itself — in key order (ascending UTF-16 code units of the
   * whole key, which for these ASCII keys is byte order: `-` `.` digits `:` capitals `_`
   * lower case `~`), paged by cursor. Expired values are never listed.
   */
  list<T = unknown>(prefix: string, options?: ListOptions): Promise<ListPage<T>>;
  /**
   * Adds atomically and returns the new count. The first increment starts the window; later
   * ones do not extend it; once it has passed, counting starts again from zero.
   */
  increment(key: string, options: IncrementOptions): Promise<number>;
  /** Raw bytes (attachments, documents). */
  getBytes(key: string): Promise<Uint8Array | null>;
  putBytes(key: string, bytes: Uint8Array, options?: { ttl?: number }): Promise<void>;
  /** Releases connections; the store is not used afterwards. */
  close(): Promise<void>;
}

/** A write's condition did not hold: the key exists (insert) or its version moved (update). */
export class StoreConflictError extends Error {
  override readonly name = 'StoreConflictError';
  constructor(readonly key: string, message = `Version conflict on ${key}`) {
    super(message);
  }
}

/** The backing store cannot be reached or failed; the request can be retried later. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(message = 'The store is unavailable', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A key that is not made of `[A-Za-z0-9_.~-]` segments joined by `:` (or a malformed list cursor). */
export class StoreKeyError extends Error {
  override readonly name = 'StoreKeyError';
  constructor(readonly key: string, message = `Invalid store key: ${JSON.stringify(key).slice(0, 120)}`) {
    super(message);
  }
}

/** Segments of `[A-Za-z0-9_.~-]` joined by `:`; a segment is never only dots (no `.` or `..`). */
export const KEY_PATTERN = /^(?!\.+(?::|$))[A-Za-z0-9_.~-]+(?::(?!\.+(?::|$))[A-Za-z0-9_.~-]+)*$/;
export const MAX_KEY_LENGTH = 512;

/** Throws StoreKeyError unless `key` is a valid key (or prefix). */
export function assertKey(key: string): void {
  if (typeof key !== 'string' || key.length > MAX_KEY_LENGTH || !KEY_PATTERN.test(key)) throw new StoreKeyError(String(key));
}
