import { PorchlightError, randomBase32, StoreConflictError } from '@porchlight/core';
import type { Deps } from '../context.js';

/** Seconds a lock lives if its holder never releases it (a crash, a lost connection). */
const LOCK_TTL_SECONDS = 10;
/** Attempts to take a busy lock before giving up, with a short, growing, jittered wait between. */
const ATTEMPTS = 8;
const BASE_WAIT_MS = 15;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` while holding a short-lived lock on `key`: an insert-if-absent with a TTL, so at
 * most one holder at a time (across processes on stores that keep that promise), and a lock
 * whose holder died frees itself after LOCK_TTL_SECONDS. A busy lock is retried a few times
 * with jittered waits, then the request is refused with CONFLICT. The lock is released in
 * `finally`, only if it is still ours (delete with the version we wrote): a lock that expired
 * and was taken by someone else is left alone.
 *
 * Keep `fn` short (no password hashing inside): everyone else changing the same thing waits.
 * `options.busy` makes the error thrown when the lock stays busy (default: CONFLICT about users).
 */
export async function withLock<T>(deps: Pick<Deps, 'store' | 'now'>, key: string, fn: () => Promise<T>, options: { busy?: () => Error } = {}): Promise<T> {
  const owner = randomBase32(16);
  let version: string | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      version = await deps.store.put(key, { owner, at: new Date(deps.now()).toISOString() }, { ifVersion: null, ttl: LOCK_TTL_SECONDS });
      break;
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
    }
    if (attempt < ATTEMPTS - 1) await sleep(BASE_WAIT_MS * (attempt + 1) * (0.5 + Math.random()));
  }
  if (version === undefined) throw options.busy?.() ?? new PorchlightError('CONFLICT', 'Another change to these users is in progress. Try again.');
  try {
    return await fn();
  } finally {
    // Not ours any more (expired and taken over) or the store failed: the TTL frees it.
    await deps.store.delete(key, { ifVersion: version }).catch(() => undefined);
  }
}
