/**
 * Small rules every Store adapter shares, so that all of them answer alike: how a value becomes
 * JSON, which TTLs are accepted, how a page size is clamped, and what a list cursor looks like.
 */
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';
import { KEY_PATTERN, StoreConflictError, StoreKeyError, StoreUnavailableError } from './port.js';

export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 1000;
/** Longer TTLs are refused rather than overflowing a backend's clock arithmetic. */
export const MAX_TTL_SECONDS = 100 * 365 * 24 * 3600;

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** The JSON text stored for a value; refuses what JSON cannot hold. */
export function storeJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('put: the value is not JSON (undefined, a function or a symbol).');
  return json;
}

/** The TTL in seconds, or null when none was given and none is required. */
export function checkTtl(ttl: number | undefined, required: boolean): number | null {
  if (ttl === undefined && !required) return null;
  if (typeof ttl !== 'number' || !(ttl > 0) || !(ttl <= MAX_TTL_SECONDS)) {
    throw new RangeError(`ttl must be a positive number of seconds (at most ${MAX_TTL_SECONDS}).`);
  }
  return ttl;
}

/** A page size between 1 and MAX_LIST_LIMIT (DEFAULT_LIST_LIMIT when absent). */
export function clampListLimit(limit: number | undefined): number {
  if (limit === undefined || typeof limit !== 'number' || !Number.isFinite(limit)) return DEFAULT_LIST_LIMIT;
  return Math.min(Math.max(1, Math.floor(limit)), MAX_LIST_LIMIT);
}

/** A list cursor: the page's last key, relative to the prefix, in base64url without padding. */
export function encodeListCursor(prefix: string, key: string): string {
  return encodeBase64urlNoPadding(encoder.encode(key.slice(prefix.length + 1)));
}

/** The full key a cursor stands for; anything but a cursor encodeListCursor made is StoreKeyError. */
export function decodeListCursor(prefix: string, cursor: string): string {
  const refuse = () => new StoreKeyError(String(cursor).slice(0, 100), 'Invalid list cursor: pass the `cursor` of a previous page.');
  if (typeof cursor !== 'string' || cursor.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw refuse();
  let rest: string;
  try {
    const bytes = decodeBase64urlIgnorePadding(cursor);
    rest = strictDecoder.decode(bytes);
    // Only the canonical text is a cursor (decoders forgive stray trailing bits).
    if (encodeBase64urlNoPadding(bytes) !== cursor) throw refuse();
  } catch {
    throw refuse();
  }
  if (!KEY_PATTERN.test(rest)) throw refuse();
  return `${prefix}:${rest}`;
}

/** The port's own errors, which an adapter passes through untouched. */
export function isStoreError(error: unknown): error is StoreConflictError | StoreKeyError | StoreUnavailableError {
  return error instanceof StoreConflictError || error instanceof StoreKeyError || error instanceof StoreUnavailableError;
}

/** Any other failure of the backend becomes StoreUnavailableError, with the original as `cause`. */
export function asStoreUnavailable(error: unknown, backend: string): Error {
  if (isStoreError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(`${backend} failed: ${message}`, { cause: error });
}
