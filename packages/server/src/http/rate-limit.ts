import { PorchlightError } from '@porchlight/core';
import type { Deps } from '../context.js';
import type { RateLimitName } from '../options.js';
import { keys } from '../store/keys.js';

/**
 * Counts one attempt against a fixed-window limit kept in the Store (so every instance of the
 * handler shares it) and throws RATE_LIMITED with Retry-After once it is over. The subject is
 * hashed into the key; the same answer comes whether or not the subject exists.
 */
export async function hitLimit(deps: Deps, name: RateLimitName, subject: string | undefined): Promise<void> {
  if (!subject) return;
  const { max, windowSeconds } = deps.limits[name];
  const count = await deps.store.increment(keys.rateLimit(name, bucket(name, subject)), { ttl: windowSeconds });
  if (count > max) throw new PorchlightError('RATE_LIMITED', undefined, { retryAfter: windowSeconds });
}

/**
 * Gives back one attempt counted by `hitLimit` (within the same window): a successful login is
 * not an attempt to guess, so thirty people of one office signing in behind one address, or a
 * person signing in on several devices, never wait. The count goes first and the refund after,
 * so a burst of parallel guesses is still held to the limit.
 */
export async function refundLimit(deps: Deps, name: RateLimitName, subject: string | undefined): Promise<void> {
  if (!subject) return;
  await deps.store.increment(keys.rateLimit(name, bucket(name, subject)), { ttl: deps.limits[name].windowSeconds, by: -1 });
}

/** What a limit counts: the limits named `…Address` count a client address by `addressBucket`, the others their subject. */
function bucket(name: RateLimitName, subject: string): string {
  return name.endsWith('Address') ? addressBucket(subject) : subject;
}

/** IPv4 in IPv6: IPv4-mapped (::ffff:0:0/96) and the NAT64 well-known prefix (64:ff9b::/96). */
const EMBEDDED_IPV4 = /^(?:::ffff:(?:0:)?|64:ff9b::)(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * The bucket a client address counts in. An IPv6 address counts by its /64: one home or phone
 * gets a whole /64 and picks any address in it at will, so counting single addresses would give
 * it 2^64 fresh allowances. IPv4 (also written inside IPv6) and anything unparseable count as given.
 */
export function addressBucket(address: string): string {
  const plain = address.trim().replace(/%.*$/, '');
  if (!plain.includes(':')) return plain;
  const embedded = EMBEDDED_IPV4.exec(plain);
  if (embedded) return embedded[1]!;
  let text = plain;
  const dotted = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return address;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return address;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return address;
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}
