/**
 * Gateway callbacks (webhooks): the signature scheme both gateways use, and replay protection.
 *
 * Signature: a header `t=<unix seconds>,v1=<hex>[,v1=<hex>…]` where each v1 is
 * HMAC-SHA256(secret, `${t}.` + raw body bytes). Verified over the exact bytes received (never
 * re-serialised JSON), compared in constant time, and refused when `t` is more than 5 minutes
 * from now (in either direction), so a captured request cannot be replayed later.
 *
 * Within those 5 minutes, and because gateways resend the same event (with a new signature)
 * until they get a 2xx, the caller must also remember which event ids it has processed:
 *
 *     const event = await gateway.verifyCallback(rawBody, c.req.raw.headers); // 400 if it throws
 *     await processCallbackOnce(storeProcessedEvents(store), { dealerId, gatewayId: gateway.id }, event,
 *       async (e) => { ... update the payment ... });
 *     return c.body(null, 200); // also for a duplicate: the gateway must stop resending
 *
 * `storeProcessedEvents` keeps the ids in Porchlight's Store (an insert-if-absent key with a
 * TTL, so it holds across instances); `memoryProcessedEvents` is for tests and single processes.
 */
import { StoreConflictError, type Store } from '@porchlight/core';
import { HMAC } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeHex, encodeHexLowerCase } from '@oslojs/encoding';
import { keys } from '../store/keys.js';
import { GatewaySignatureError, type CallbackHeaders, type GatewayEvent } from './gateway.js';

/** How far a callback's timestamp may be from now. */
export const CALLBACK_TOLERANCE_SECONDS = 5 * 60;
/** How long processed event ids are remembered (gateways resend failed deliveries for up to ~3 days). */
export const PROCESSED_EVENT_TTL_SECONDS = 30 * 24 * 3600;

const encoder = new TextEncoder();

/** HMAC-SHA256 of `${t}.` followed by the body's bytes, hex. */
export function callbackSignature(secret: string, timestampSeconds: number, rawBody: Uint8Array): string {
  const mac = new HMAC(SHA256, encoder.encode(secret));
  mac.update(encoder.encode(`${timestampSeconds}.`));
  mac.update(rawBody);
  return encodeHexLowerCase(mac.digest());
}

/** The header value a gateway sends: `t=<unix>,v1=<hex>`. */
export function signCallback(secret: string, rawBody: Uint8Array, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${callbackSignature(secret, timestampSeconds, rawBody)}`;
}

/** One header from a Fetch `Headers` or a plain object (case-insensitive). */
export function readHeader(headers: CallbackHeaders, name: string): string | undefined {
  if (typeof (headers as Headers)?.get === 'function') return (headers as Headers).get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() !== wanted) continue;
    return Array.isArray(value) ? value.join(',') : value;
  }
  return undefined;
}

export interface VerifySignatureOptions {
  gatewayId: string;
  /** The header's name, for messages. */
  headerName: string;
  header: string | undefined;
  rawBody: Uint8Array;
  /** One or more secrets (several while rotating). */
  secrets: readonly string[];
  nowMs: number;
  toleranceSeconds?: number;
}

/** Checks a `t=…,v1=…` header against the raw body; returns the signed timestamp (seconds). */
export function verifySignatureHeader(options: VerifySignatureOptions): number {
  const fail = (message: string) => new GatewaySignatureError(options.gatewayId, message);
  const { header } = options;
  if (!header) throw fail(`The ${options.headerName} header is missing.`);
  if (header.length > 4096) throw fail(`The ${options.headerName} header is too long.`);
  let timestamp: number | undefined;
  const signatures: Uint8Array[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw fail(`The ${options.headerName} header is not in the form t=<unix>,v1=<hex>.`);
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value) || timestamp !== undefined) throw fail(`The ${options.headerName} header has a bad timestamp.`);
      timestamp = Number(value);
    } else if (key === 'v1') {
      // Other schemes (v0 …) are ignored, as they are by the gateways' own libraries.
      if (/^[0-9a-f]{64}$/i.test(value)) signatures.push(decodeHex(value.toLowerCase()));
    }
  }
  if (timestamp === undefined) throw fail(`The ${options.headerName} header has no timestamp.`);
  if (signatures.length === 0) throw fail(`The ${options.headerName} header has no v1 signature.`);
  const tolerance = options.toleranceSeconds ?? CALLBACK_TOLERANCE_SECONDS;
  if (Math.abs(options.nowMs / 1000 - timestamp) > tolerance) {
    throw fail(`The callback's timestamp is more than ${Math.round(tolerance / 60)} minutes from now (a replay, or a clock that is wrong).`);
  }
  const secrets = options.secrets.filter((s) => typeof s === 'string' && s.length > 0);
  if (secrets.length === 0) throw fail('No callback secret is configured.');
  let matched = false;
  for (const secret of secrets) {
    const expected = decodeHex(callbackSignature(secret, timestamp, options.rawBody));
    // Every candidate is compared (no early exit), each in constant time.
    for (const signature of signatures) if (constantTimeEqual(expected, signature)) matched = true;
  }
  if (!matched) throw fail(`The ${options.headerName} signature does not match the body.`);
  return timestamp;
}

/** Parses the raw body as a JSON object (a callback that is not one is refused like a bad signature). */
export function parseCallbackJson(gatewayId: string, rawBody: Uint8Array): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(rawBody));
  } catch {
    throw new GatewaySignatureError(gatewayId, 'The callback body is not JSON.');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new GatewaySignatureError(gatewayId, 'The callback body is not a JSON object.');
  return value as Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Remembering processed events

export interface EventScope {
  dealerId: string;
  gatewayId: string;
}

/**
 * Where processed callback ids are remembered. `claim` must be atomic: it answers true for the
 * first caller of an id and false for every later one (also concurrently); `release` undoes a
 * claim whose processing failed, so the gateway's next delivery is processed.
 */
export interface ProcessedEvents {
  claim(scope: EventScope, eventId: string): Promise<boolean>;
  release(scope: EventScope, eventId: string): Promise<void>;
}

/** Processed event ids in Porchlight's Store: one insert-if-absent key per event, with a TTL. */
export function storeProcessedEvents(store: Store, options: { ttlSeconds?: number; now?: () => number } = {}): ProcessedEvents {
  const ttl = options.ttlSeconds ?? PROCESSED_EVENT_TTL_SECONDS;
  const now = options.now ?? Date.now;
  return {
    async claim(scope, eventId) {
      try {
        await store.put(keys.gatewayEvent(scope.dealerId, scope.gatewayId, eventId), { at: now() }, { ifVersion: null, ttl });
        return true;
      } catch (error) {
        if (error instanceof StoreConflictError) return false;
        throw error;
      }
    },
    async release(scope, eventId) {
      await store.delete(keys.gatewayEvent(scope.dealerId, scope.gatewayId, eventId));
    },
  };
}

/** Processed event ids in this process's memory (tests, a single instance). */
export function memoryProcessedEvents(options: { ttlSeconds?: number; now?: () => number } = {}): ProcessedEvents {
  const ttlMs = (options.ttlSeconds ?? PROCESSED_EVENT_TTL_SECONDS) * 1000;
  const now = options.now ?? Date.now;
  const seen = new Map<string, number>();
  const id = (scope: EventScope, eventId: string) => JSON.stringify([scope.dealerId, scope.gatewayId, eventId]);
  return {
    async claim(scope, eventId) {
      const t = now();
      for (const [k, expires] of seen) if (expires <= t) seen.delete(k);
      const k = id(scope, eventId);
      if (seen.has(k)) return false;
      seen.set(k, t + ttlMs);
      return true;
    },
    async release(scope, eventId) {
      seen.delete(id(scope, eventId));
    },
  };
}

/**
 * Runs `handle` for a verified event unless it was processed before. If `handle` throws, the
 * claim is released (so the gateway's retry is processed) and the error is rethrown (answer
 * 5xx so the gateway retries). Answers `duplicate` for an event already processed (answer 2xx).
 */
export async function processCallbackOnce(
  processed: ProcessedEvents,
  scope: EventScope,
  event: GatewayEvent,
  handle: (event: GatewayEvent) => Promise<void> | void,
): Promise<'processed' | 'duplicate'> {
  if (!(await processed.claim(scope, event.id))) return 'duplicate';
  try {
    await handle(event);
  } catch (error) {
    await processed.release(scope, event.id).catch(() => undefined);
    throw error;
  }
  return 'processed';
}
