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
  /** Opaque; changes on every write. */
  version: string;
}

export interface ListedItem<T> extends Versioned<T> {
  key: string;
}

export interface PutOptions {
  /**
   * `null`: write only if the key is absent (or expired). A string: write only if the stored
   * version is exactly this one. Omitted: write unconditionally.
   * A failed condition throws StoreConflictError and writes nothing.
   */
  ifVersion?: string | null;
  /** Seconds until the value expires and reads as absent. */
  ttl?: number;
}

export interface DeleteOptions {
  /** Delete only if the stored version is this one (else StoreConflictError). */
  ifVersion?: string;
}

export interface ListOptions {
  /** At most this many items (default 100, at most 1000). */
  limit?: number;
  /** Continue after this cursor (the `cursor` of the previous page). */
  cursor?: string | null;
  /** Newest (highest key) first. */
  reverse?: boolean;
}

export interface ListPage<T> {
  items: ListedItem<T>[];
  /** Pass as `cursor` for the next page; null when there is no more. */
  cursor: string | null;
}

export interface IncrementOptions {
  /** Seconds the counter lives, counted from its first increment (a fixed window). */
  ttl: number;
  /** Amount to add (default 1). */
  by?: number;
}

export interface Store {
  get<T = unknown>(key: string): Promise<Versioned<T> | null>;
  getMany<T = unknown>(keys: readonly string[]): Promise<(Versioned<T> | null)[]>;
  /** Writes a JSON value; returns its new version. */
  put<T = unknown>(key: string, value: T, options?: PutOptions): Promise<string>;
  /** Returns whether something was deleted. */
  delete(key: string, options?: DeleteOptions): Promise<boolean>;
  /**
   * Keys under `prefix` — `prefix` itself is a whole key path, so `a:b` lists `a:b:…` and
   * never `a:bc` — in key order, paged by cursor. Expired values are never listed.
   */
  list<T = unknown>(prefix: string, options?: ListOptions): Promise<ListPage<T>>;
  /** Adds atomically and returns the new count; the first increment starts the TTL. */
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

/** A key that is not made of `[A-Za-z0-9_.~-]` segments joined by `:`. */
export class StoreKeyError extends Error {
  override readonly name = 'StoreKeyError';
  constructor(readonly key: string) {
    super(`Invalid store key: ${JSON.stringify(key).slice(0, 120)}`);
  }
}

/** Segments of `[A-Za-z0-9_.~-]` joined by `:`; a segment is never only dots (no `.` or `..`). */
export const KEY_PATTERN = /^(?!\.+(?::|$))[A-Za-z0-9_.~-]+(?::(?!\.+(?::|$))[A-Za-z0-9_.~-]+)*$/;
export const MAX_KEY_LENGTH = 512;

/** Throws StoreKeyError unless `key` is a valid key (or prefix). */
export function assertKey(key: string): void {
  if (typeof key !== 'string' || key.length > MAX_KEY_LENGTH || !KEY_PATTERN.test(key)) throw new StoreKeyError(String(key));
}
