import { isId, newId, PorchlightError, StoreConflictError, type Actor } from '@porchlight/core';
import type { Deps, PortalAuth } from '../context.js';
import { safeEqual, randomSecret, sha256Hex } from '../crypto.js';
import { getAccount, getUser } from '../features/accounts/service.js';
import { staffAbilities, staffActor, type DealerStaffRecord } from '../features/dealer-staff/records.js';
import { keys } from '../store/keys.js';
import type { UserRecord } from '../features/accounts/records.js';

/**
 * Sessions: the token is `<id>.<secret>`; the store keeps the record under the id with only
 * SHA-256 of the secret. A session ends when idle too long, at its absolute expiry, on logout,
 * and — through its owner's session epoch — when the owner's password changes or they are
 * disabled or removed.
 *
 * Two realms share this machinery and never accept each other's tokens: the client portal
 * (an account's users) and the back office (the dealer's own staff).
 */
export type SessionRealm = 'portal' | 'admin';

/** What every session has, whatever its realm. */
export interface SessionBase {
  id: string;
  secretHash: string;
  dealerId: string;
  /** The owner's session epoch when the session began. */
  epoch: number;
  createdAt: number;
  lastSeenAt: number;
  idleSeconds: number;
  expiresAt: number;
  clientAddress?: string | undefined;
  userAgent?: string | undefined;
}

/** A client portal session (an account's user, or a dealer admin emulating one). */
export interface SessionRecord extends SessionBase {
  /** Absent (sessions stored before realms existed) or 'portal'. */
  realm?: 'portal';
  accountId: string;
  userId: string;
  /** Set when a dealer admin emulates the user. */
  emulation: { adminId: string; adminName: string; reason?: string | undefined } | null;
  /** The login's own epoch when the session began (a login of a profile: its sessions in this account only). */
  loginEpoch?: number;
}

/** A back-office session of one of the dealer's own staff: no account, no emulation. */
export interface AdminSessionRecord extends SessionBase {
  realm: 'admin';
  staffId: string;
}

export type AnySessionRecord = SessionRecord | AdminSessionRecord;

/** The signed-in staff member of a back-office request. */
export interface AdminSessionAuth {
  session: AdminSessionRecord;
  sessionVersion: string;
  staff: DealerStaffRecord;
  actor: Actor;
}

/** Seen-at is written at most this often, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 60_000;
const SECRET_PATTERN = /^[a-z2-7]{32}$/;

export function sessionRealm(s: AnySessionRecord): SessionRealm {
  return s.realm === 'admin' ? 'admin' : 'portal';
}

export function sessionExpiry(s: SessionBase) {
  return { idleExpiresAt: Math.min(s.lastSeenAt + s.idleSeconds * 1000, s.expiresAt), expiresAt: s.expiresAt };
}

/** Ended sessions are kept a day past their end, so the answer can say "expired" rather than "unknown". */
const KEEP_AFTER_END_SECONDS = 24 * 3600;

function ttlSeconds(s: SessionBase, now: number): number {
  return Math.max(1, Math.ceil((sessionExpiry(s).idleExpiresAt - now) / 1000)) + KEEP_AFTER_END_SECONDS;
}

export interface SessionOptions {
  idleSeconds: number;
  absoluteSeconds: number;
  clientAddress?: string | undefined;
  userAgent?: string | undefined;
}

/** Splits a token into id and secret, or undefined when it does not have the shape of one. */
function parseToken(token: string | undefined): { id: string; secret: string } | undefined {
  if (!token) return undefined;
  const [id, secret, extra] = token.split('.');
  if (extra !== undefined || !isId(id) || !secret || !SECRET_PATTERN.test(secret)) return undefined;
  return { id, secret };
}

/** Whether a bearer value has the shape of a session token (rather than an API key). */
export function isSessionToken(token: string | undefined): boolean {
  return parseToken(token) !== undefined;
}

/** The parts every new session shares; the realm adds its owner. */
async function storeNewSession<S extends AnySessionRecord>(
  deps: Deps,
  build: (base: SessionBase) => S,
  dealerId: string,
  epoch: number,
  options: SessionOptions,
): Promise<{ token: string; record: S }> {
  const now = deps.now();
  const id = newId(now);
  const secret = randomSecret(20);
  const record = build({
    id,
    secretHash: sha256Hex(secret),
    dealerId,
    epoch,
    createdAt: now,
    lastSeenAt: now,
    idleSeconds: options.idleSeconds,
    expiresAt: now + options.absoluteSeconds * 1000,
    clientAddress: options.clientAddress,
    userAgent: options.userAgent?.slice(0, 300),
  });
  await deps.store.put(keys.session(id), record, { ifVersion: null, ttl: ttlSeconds(record, now) });
  return { token: `${id}.${secret}`, record };
}

export function createSession(
  deps: Deps,
  user: UserRecord,
  options: SessionOptions & { emulation?: SessionRecord['emulation'] },
): Promise<{ token: string; record: SessionRecord }> {
  return storeNewSession<SessionRecord>(
    deps,
    (base) => ({ ...base, realm: 'portal', accountId: user.accountId, userId: user.id, emulation: options.emulation ?? null, loginEpoch: user.loginEpoch ?? 0 }),
    user.dealerId,
    user.sessionEpoch,
    options,
  );
}

export function createAdminSession(deps: Deps, staff: DealerStaffRecord, options: SessionOptions): Promise<{ token: string; record: AdminSessionRecord }> {
  return storeNewSession<AdminSessionRecord>(deps, (base) => ({ ...base, realm: 'admin', staffId: staff.id }), staff.dealerId, staff.sessionEpoch, options);
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
 * An actor as the portal shows it: kind, name and the user acted for; never the dealer's key
 * or staff id behind an admin or emulated action (the name already says who it was).
 */
export function portalActor(actor: Actor): Actor {
  return { kind: actor.kind, name: actor.name, ...(actor.userId !== undefined ? { userId: actor.userId } : {}) };
}

/**
 * The one path from a token to a live session, for both realms: shape, lookup, secret, dealer
 * and realm (every failure the same UNAUTHENTICATED), then expiry and the owner (`load`
 * answers null when the owner is gone, disabled or on a newer epoch), both SESSION_EXPIRED —
 * so the UI can say "log in again" — and finally the seen-at touch.
 */
async function resolveSession<S extends AnySessionRecord, Owner>(
  deps: Deps,
  dealerId: string,
  token: string | undefined,
  realm: SessionRealm,
  load: (session: S) => Promise<Owner | null>,
): Promise<{ session: S; version: string; owner: Owner }> {
  const parsed = parseToken(token);
  if (!parsed) throw new PorchlightError('UNAUTHENTICATED');
  const { id, secret } = parsed;
  const found = await deps.store.get<AnySessionRecord>(keys.session(id));
  if (!found || !safeEqual(found.value.secretHash, sha256Hex(secret)) || found.value.dealerId !== dealerId || sessionRealm(found.value) !== realm) {
    throw new PorchlightError('UNAUTHENTICATED');
  }
  const session = found.value as S;
  const now = deps.now();
  const ended = async () => {
    await deps.store.delete(keys.session(id)).catch(() => undefined);
    return new PorchlightError('SESSION_EXPIRED');
  };
  if (now >= sessionExpiry(session).idleExpiresAt) throw await ended();

  const owner = await load(session);
  if (owner === null) throw await ended();

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
  return { session, version, owner };
}

/**
 * Checks a client portal token and returns who it belongs to. Every failure is the same 401
 * (a back-office token included), except a session that existed and ended (SESSION_EXPIRED).
 */
export async function authenticate(deps: Deps, dealerId: string, token: string | undefined): Promise<PortalAuth> {
  const { session, version, owner } = await resolveSession<SessionRecord, { user: UserRecord; account: PortalAuth['account'] }>(deps, dealerId, token, 'portal', async (s) => {
    const [user, account, emulator] = await Promise.all([
      getUser(deps, dealerId, s.accountId, s.userId),
      getAccount(deps, dealerId, s.accountId),
      // An emulation a dealer staff member started ends when they are disabled or lose the right to emulate.
      s.emulation ? deps.store.get<DealerStaffRecord>(keys.dealerStaff(dealerId, s.emulation.adminId)) : null,
    ]);
    if (!user || !account || user.value.status !== 'active' || user.value.sessionEpoch !== s.epoch || (user.value.loginEpoch ?? 0) !== (s.loginEpoch ?? 0)) return null;
    if (emulator && (emulator.value.status !== 'active' || !staffAbilities(emulator.value).includes('emulate'))) return null;
    return { user: user.value, account: account.value };
  });
  return { session, sessionVersion: version, user: owner.user, account: owner.account, actor: sessionActor(session, owner.user) };
}

/**
 * Checks a back-office token (a dealer staff member's session). A client portal token is
 * refused like an unknown one. The staff record is read fresh, so a role change or disabling
 * applies to the next request.
 */
export async function authenticateAdmin(deps: Deps, dealerId: string, token: string | undefined): Promise<AdminSessionAuth> {
  const { session, version, owner } = await resolveSession<AdminSessionRecord, DealerStaffRecord>(deps, dealerId, token, 'admin', async (s) => {
    const staff = await deps.store.get<DealerStaffRecord>(keys.dealerStaff(dealerId, s.staffId));
    if (!staff || staff.value.status !== 'active' || staff.value.sessionEpoch !== s.epoch) return null;
    return staff.value;
  });
  return { session, sessionVersion: version, staff: owner, actor: staffActor(owner) };
}

export async function endSession(deps: Deps, sessionId: string): Promise<void> {
  await deps.store.delete(keys.session(sessionId));
}

/** Carries a session into its owner's new epoch (after a password change), keeping it alive. */
async function carrySession<S extends AnySessionRecord>(deps: Deps, session: S, epoch: number, more: Partial<S> = {}): Promise<S> {
  const next: S = { ...session, ...more, epoch, lastSeenAt: deps.now() };
  await deps.store.put(keys.session(next.id), next, { ttl: ttlSeconds(next, deps.now()) });
  return next;
}

/** After the user's epoch moved (password change), carry the current session into the new epoch. */
export function keepSession(deps: Deps, auth: PortalAuth, user: UserRecord): Promise<SessionRecord> {
  return carrySession(deps, auth.session, user.sessionEpoch, { loginEpoch: user.loginEpoch ?? 0 });
}

/**
 * Ends every session of one login (disable, "end sessions"). A login of a profile ends only its
 * sessions in this account (its own epoch): one account's manager cannot sign the person out of
 * their other accounts. A password change ends them all (the profile's epoch).
 */
export function endLoginSessions(u: UserRecord): UserRecord {
  return u.profileId ? { ...u, loginEpoch: (u.loginEpoch ?? 0) + 1 } : { ...u, sessionEpoch: u.sessionEpoch + 1 };
}

/** The same for a back-office session after the staff member changed their password. */
export function keepAdminSession(deps: Deps, auth: AdminSessionAuth, staff: DealerStaffRecord): Promise<AdminSessionRecord> {
  return carrySession(deps, auth.session, staff.sessionEpoch);
}
