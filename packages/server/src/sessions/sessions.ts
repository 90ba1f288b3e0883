import { isId, newId, PorchlightError, StoreConflictError, type Actor } from '@porchlight/core';
import type { Deps, PortalAuth } from '../context.js';
import { safeEqual, randomSecret, sha256Hex } from '../crypto.js';
import { getAccount, getUser } from '../features/accounts/service.js';
import { keys } from '../store/keys.js';
import type { UserRecord } from '../features/accounts/records.js';

/**
 * Sessions: the token is `<id>.<secret>`; the store keeps the record under the id with only
 * SHA-256 of the secret. A session ends when idle too long, at its absolute expiry, on logout,
 * and — through the user's session epoch — when the user's password changes or they are
 * disabled or removed.
 */
export interface SessionRecord {
  id: string;
  secretHash: string;
  dealerId: string;
  accountId: string;
  userId: string;
  /** The user's session epoch when the session began. */
  epoch: number;
  createdAt: number;
  lastSeenAt: number;
  idleSeconds: number;
  expiresAt: number;
  /** Set when a dealer admin emulates the user. */
  emulation: { adminId: string; adminName: string; reason?: string | undefined } | null;
  clientAddress?: string | undefined;
  userAgent?: string | undefined;
}

/** Seen-at is written at most this often, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 60_000;
const SECRET_PATTERN = /^[a-z2-7]{32}$/;

export function sessionExpiry(s: SessionRecord) {
  return { idleExpiresAt: Math.min(s.lastSeenAt + s.idleSeconds * 1000, s.expiresAt), expiresAt: s.expiresAt };
}

/** Ended sessions are kept a day past their end, so the answer can say "expired" rather than "unknown". */
const KEEP_AFTER_END_SECONDS = 24 * 3600;

function ttlSeconds(s: SessionRecord, now: number): number {
  return Math.max(1, Math.ceil((sessionExpiry(s).idleExpiresAt - now) / 1000)) + KEEP_AFTER_END_SECONDS;
}

export async function createSession(
  deps: Deps,
  user: UserRecord,
  options: { idleSeconds: number; absoluteSeconds: number; emulation?: SessionRecord['emulation']; clientAddress?: string | undefined; userAgent?: string | undefined },
): Promise<{ token: string; record: SessionRecord }> {
  const now = deps.now();
  const id = newId(now);
  const secret = randomSecret(20);
  const record: SessionRecord = {
    id,
    secretHash: sha256Hex(secret),
    dealerId: user.dealerId,
    accountId: user.accountId,
    userId: user.id,
    epoch: user.sessionEpoch,
    createdAt: now,
    lastSeenAt: now,
    idleSeconds: options.idleSeconds,
    expiresAt: now + options.absoluteSeconds * 1000,
    emulation: options.emulation ?? null,
    clientAddress: options.clientAddress,
    userAgent: options.userAgent?.slice(0, 300),
  };
  await deps.store.put(keys.session(id), record, { ifVersion: null, ttl: ttlSeconds(record, now) });
  return { token: `${id}.${secret}`, record };
}

/** The actor a session acts as: the user, or "admin X as <role> <name>" when emulated. */
export function sessionActor(session: SessionRecord, user: UserRecord): Actor {
  if (session.emulation) {
    return {
      kind: 'emulation',
      userId: user.id,
      adminId: session.emulation.adminId,
      name: `${session.emulation.adminName} as ${user.role} ${user.name}`,
    };
  }
  return { kind: 'user', userId: user.id, name: user.name };
}

/**
 * Checks a token and returns who it belongs to. Every failure is the same 401, except a
 * session that existed and ended (SESSION_EXPIRED), so the UI can say "log in again".
 */
export async function authenticate(deps: Deps, dealerId: string, token: string | undefined): Promise<PortalAuth> {
  if (!token) throw new PorchlightError('UNAUTHENTICATED');
  const [id, secret, extra] = token.split('.');
  if (extra !== undefined || !isId(id) || !secret || !SECRET_PATTERN.test(secret)) throw new PorchlightError('UNAUTHENTICATED');
  const found = await deps.store.get<SessionRecord>(keys.session(id));
  if (!found || !safeEqual(found.value.secretHash, sha256Hex(secret)) || found.value.dealerId !== dealerId) {
    throw new PorchlightError('UNAUTHENTICATED');
  }
  const session = found.value;
  const now = deps.now();
  const ended = async () => {
    await deps.store.delete(keys.session(id)).catch(() => undefined);
    return new PorchlightError('SESSION_EXPIRED');
  };
  if (now >= sessionExpiry(session).idleExpiresAt) throw await ended();

  const [user, account] = await Promise.all([getUser(deps, dealerId, session.accountId, session.userId), getAccount(deps, dealerId, session.accountId)]);
  if (!user || !account || user.value.status !== 'active' || user.value.sessionEpoch !== session.epoch) throw await ended();

  let version = found.version;
  if (now - session.lastSeenAt >= TOUCH_EVERY_MS) {
    session.lastSeenAt = now;
    try {
      version = await deps.store.put(keys.session(id), session, { ifVersion: found.version, ttl: ttlSeconds(session, now) });
    } catch (error) {
      // Another request touched (or ended) it at the same moment: that is fine for this one.
      if (!(error instanceof StoreConflictError)) throw error;
    }
  }
  return { session, sessionVersion: version, user: user.value, account: account.value, actor: sessionActor(session, user.value) };
}

export async function endSession(deps: Deps, sessionId: string): Promise<void> {
  await deps.store.delete(keys.session(sessionId));
}

/** After the user's epoch moved (password change), carry the current session into the new epoch. */
export async function keepSession(deps: Deps, auth: PortalAuth, user: UserRecord): Promise<SessionRecord> {
  const next: SessionRecord = { ...auth.session, epoch: user.sessionEpoch, lastSeenAt: deps.now() };
  await deps.store.put(keys.session(next.id), next, { ttl: ttlSeconds(next, deps.now()) });
  return next;
}
