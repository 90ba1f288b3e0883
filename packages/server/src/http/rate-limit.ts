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
  const count = await deps.store.increment(keys.rateLimit(name, subject), { ttl: windowSeconds });
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
  await deps.store.increment(keys.rateLimit(name, subject), { ttl: deps.limits[name].windowSeconds, by: -1 });
}
