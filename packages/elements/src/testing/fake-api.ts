/**
 * A fake Porchlight API behind a fetch function, for the element tests and the scratch pages:
 * it keeps users, sessions, reset tokens, the emergency contacts and the audit trail in memory
 * and answers like the real server (status codes, `{ error: { code, message, fields } }`,
 * Retry-After, the same permission guards, the same request schemas from core). It also takes
 * uploads (POST /v1/uploads, raw bytes) for the feature fakes that attach files (tickets, work
 * orders): they check callers with `authorize` and claim uploads with `claimUploads`.
 */
import {
  AccessRequestInput,
  ACTIVITY_KINDS,
  ActivityQuery,
  RegisterRequest,
  ResendLoginEmailRequest,
  CreateContactRequest,
  CreateStaffRequest,
  effectiveGrants,
  effectivePermissions,
  MAX_CONTACTS,
  MAX_PENDING_UPLOADS,
  normalizeUsername,
  PASSWORD_MIN_LENGTH,
  PERMISSION_LABELS,
  PERMISSIONS,
  STAFF_DEFAULT_PERMISSIONS,
  UpdateContactRequest,
  UpdateStaffRequest,
  UPLOAD_MAX_BYTES,
  UPLOAD_TTL_HOURS,
  UploadQuery,
  type ActivityEntry,
  type ActivationInfo,
  type Actor,
  type Attachment,
  type AuditAction,
  type Contact,
  type GrantScope,
  type Permission,
  type PublicDealer,
  type PublicUser,
  type SessionResponse,
  type Upload,
} from '@porchlight/core';
import { createClient, type PorchlightClient } from '@porchlight/client';
import { apiError, checkBody, checkQuery, fail, json, readBody } from './fake-http.js';
import { inspectFile } from './fake-files.js';

export { apiError, checkBody, checkQuery, fail, issueFields, json, readBody } from './fake-http.js';

export interface FakeUser {
  identifier: string;
  username: string;
  password: string;
  name: string;
  accountName: string;
  customerNumber?: string | null;
  role?: 'manager' | 'staff' | 'client';
  mustChangePassword?: boolean;
  email?: string | null;
  /** Default `fakeId('user:<username>')` (see `idOf`). */
  id?: string;
  /** What a manager granted (staff and clients); managers hold everything the account allows. */
  permissions?: Permission[];
  /** What the login may see (default every part). */
  grants?: GrantScope[];
  /**
   * The login profile (one person, one password) this login belongs to: logins with the same
   * `profile` are that person's logins in several accounts, listed in each session's `accounts`
   * and reachable with POST /v1/auth/switch. Give each of them its own `identifier` and `accountName`.
   */
  profile?: string;
  status?: 'active' | 'disabled';
  lastLoginAt?: string | null;
  disabledAt?: string | null;
  disabledBy?: Actor | null;
  createdAt?: string;
  createdBy?: Actor;
  updatedAt?: string;
  updatedBy?: Actor;
}

export interface FakeCall {
  method: string;
  path: string;
  /** The query string (`?…`), or ''. */
  search: string;
  /** The JSON body, parsed (undefined for none, and for raw bytes). */
  body: any;
  /** The raw bytes of a Blob, ArrayBuffer or typed-array body (an upload). */
  raw?: Uint8Array;
  headers: Record<string, string>;
}

type Handler = (call: FakeCall) => Response | Promise<Response>;
type Route = (call: FakeCall, params: Record<string, string>) => Response | Promise<Response>;

/** Where files are uploaded (raw bytes), for `api.callsTo` and `api.hold`. */
export const UPLOAD_ROUTE = 'POST /v1/uploads';

export const fakeDealer: PublicDealer = { id: 'lakeside', name: 'Lakeside Alarm Co.', branding: {}, onboarding: { registration: false, requestAccess: false } };

export const dana: FakeUser = {
  identifier: '5550100',
  username: 'manager',
  password: 'porchlight-demo',
  name: 'Dana Reyes',
  accountName: 'Harbor View Condominiums',
  customerNumber: 'LA-1001',
  email: 'dana@harborview.example',
};

/** Office staff of Dana's account: may view invoices and modify (not delete) records, not manage staff. */
export const sam: FakeUser = {
  identifier: dana.identifier,
  username: 'sam',
  password: 'sam-at-the-desk',
  name: 'Sam Lee',
  accountName: dana.accountName,
  customerNumber: dana.customerNumber ?? null,
  role: 'staff',
  email: 'sam@harborview.example',
  permissions: ['invoices.view', 'records.modify'],
};

/** A user of Dana's account; `staffUser({ username: 'kim', permissions: [...] })`. */
export function staffUser(overrides: Partial<FakeUser> & { username: string }): FakeUser {
  return {
    identifier: dana.identifier,
    password: `${overrides.username}-password`,
    name: overrides.username,
    accountName: dana.accountName,
    customerNumber: dana.customerNumber ?? null,
    role: 'staff',
    permissions: [...STAFF_DEFAULT_PERMISSIONS],
    ...overrides,
  };
}

const ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A stable, valid Porchlight id (26 characters of Crockford base32) made from `seed`: the
 * fake's users, accounts, contacts and audit entries get real-looking ids, so the request
 * schemas (e.g. the activity's `person`) accept them as the server would.
 */
export function fakeId(seed: string): string {
  let out = '';
  for (let salt = 0; out.length < 26; salt++) {
    // FNV-1a, salted per round.
    let h = 0x811c9dc5 ^ salt;
    for (const ch of seed) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193);
    for (let i = 0; i < 6; i++) out += ID_ALPHABET[(h >>> (i * 5)) & 31];
  }
  return out.slice(0, 26);
}

const now = '2026-01-01T00:00:00.000Z';
const system: Actor = { kind: 'system', name: 'system' };

/** One audit entry as the fake keeps it (the account's activity shows all but the account id). */
export interface FakeAuditEntry extends ActivityEntry {
  accountId: string;
}

/** The signed-in caller of a request, as `authorize` finds it. */
export interface FakeAuth {
  token: string;
  user: FakeUser;
  /** The id the fake gives the user (`idOf`). */
  userId: string;
  emulatedBy: { adminId: string; name: string } | null;
  actor: Actor;
  accountId: string;
  permissions: Permission[];
}

/** An upload as the fake keeps it: the answer, its bytes, who sent it, and whether it is attached already. */
export interface FakeUpload {
  upload: Upload;
  bytes: Uint8Array;
  ownerId: string;
  used: boolean;
}

export interface FakeApi {
  fetch: typeof fetch;
  calls: FakeCall[];
  users: FakeUser[];
  dealer: PublicDealer;
  /** Every account's emergency contacts (the account is `fakeId('account:<identifier>')`). */
  contacts: Contact[];
  /** The audit trail, oldest first (the activity view shows it newest first). */
  audit: FakeAuditEntry[];
  /**
   * Replace the answer to `METHOD /path` (path after the base URL, without the query). A
   * pattern like `DELETE /v1/contacts/:contactId` matches every such path.
   */
  on(route: string, handler: Handler): void;
  /** Forget a replacement made with `on`. */
  off(route: string): void;
  /** Hold every answer to `route` (exact or pattern, as in `on`) until the returned function is called. */
  hold(route: string): () => void;
  /** Register a session token (e.g. an emulation token) for a user. */
  addSession(token: string, user: FakeUser, emulatedBy?: { adminId: string; name: string }): void;
  /** Register a reset token: valid, or already used / expired. */
  addResetToken(token: string, valid: boolean): void;
  /**
   * Register an emailed set-password link's secret for `user` (`#porchlight-activate=<token>`):
   * valid (default) or expired / used; `hasPassword` when the person's profile has a password
   * already. Activating it sets the user's password and signs them in; it works once.
   */
  addActivationToken(token: string, user: FakeUser, o?: { valid?: boolean; hasPassword?: boolean; expiresAt?: string }): void;
  /** Add an audit entry (as the server would have written it); returns it. */
  addActivity(entry: { action: AuditAction; actor: Actor; summary: string; at?: string; identifier?: string; target?: { type: string; id: string } }): FakeAuditEntry;
  /** Every request fails like a network error until `online()` is called. */
  offline(): void;
  online(): void;
  callsTo(route: string): FakeCall[];
  /** The id the fake gives a user. */
  idOf(user: FakeUser): string;
  /** Uploads (POST /v1/uploads), oldest first. */
  uploads: FakeUpload[];
  /**
   * requireSession + requirePermission, as the server runs them for every portal route: the
   * signed-in caller, or the server's refusal. For feature fakes that add routes with `on`.
   */
  authorize(call: FakeCall, permission?: Permission): FakeAuth | Response;
  /**
   * Turns the caller's uploads into attachments, each once (like the server's claimUploads): a
   * missing, expired, someone else's, already attached or repeated id is refused on the field
   * `fieldOf(id, index)` (default `attachments`) and nothing is claimed.
   */
  claimUploads(auth: FakeAuth, ids: readonly string[], fieldOf?: (id: string, index: number) => string): Attachment[] | Response;
}

export interface FakeApiOptions {
  dealer?: PublicDealer;
  users?: FakeUser[];
  rateLimitAfter?: number;
  /** The public onboarding routes (register, access request, resend) answer RATE_LIMITED after this many requests. */
  onboardingRateLimitAfter?: number;
  /** What the account allows its users (default: every permission). */
  accountPermissions?: Permission[];
  /** Emergency contacts to start with; `accountId` defaults to Dana's account. */
  contacts?: Array<Partial<Contact> & { name: string; phone: string }>;
}

/** Turns `/v1/staff/:userId` into a matcher. */
function pattern(template: string): RegExp {
  return new RegExp(`^${template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:([A-Za-z]+)/g, '(?<$1>[^/]+)')}$`);
}

export function fakeApi(options: FakeApiOptions = {}): FakeApi {
  const users = (options.users ?? [dana]).map((u) => ({ ...u }));
  const dealer = options.dealer ?? fakeDealer;
  const allows: Permission[] = [...(options.accountPermissions ?? PERMISSIONS)];
  const sessions = new Map<string, { user: FakeUser; emulatedBy: { adminId: string; name: string } | null }>();
  const ended = new Set<string>();
  const resetTokens = new Map<string, boolean>();
  const activationTokens = new Map<string, { user: FakeUser; valid: boolean; hasPassword: boolean; expiresAt: string }>();
  let onboardingCalls = 0;
  const overrides = new Map<string, Handler>();
  const holds = new Map<string, Promise<void>>();
  const calls: FakeCall[] = [];
  const uploads: FakeUpload[] = [];
  const contacts: Contact[] = [];
  const auditLog: FakeAuditEntry[] = [];
  let failures = 0;
  let isOffline = false;
  let next = 1;
  // A clock that moves a minute per write, so records and the trail have distinct, ordered times.
  let clock = Date.parse(now);
  const tick = () => new Date((clock += 60_000)).toISOString();

  const idOf = (user: FakeUser) => user.id ?? fakeId(`user:${user.username}`);
  const accountOf = (user: FakeUser) => fakeId(`account:${user.identifier}`);
  /** The record in `users` for a user given by tests (they may pass the shared constants). */
  const recordOf = (user: FakeUser) => users.find((u) => u.identifier === user.identifier && idOf(u) === idOf(user)) ?? user;

  const publicUser = (user: FakeUser): PublicUser => ({
    id: idOf(user),
    accountId: accountOf(user),
    role: user.role ?? 'manager',
    username: user.username,
    name: user.name,
    email: user.email ?? null,
    status: user.status ?? 'active',
    permissions: effectivePermissions({ role: user.role ?? 'manager', permissions: user.permissions, grants: user.grants }, allows),
    grants: effectiveGrants({ grants: user.grants }),
    profileId: user.profile ? fakeId(`profile:${user.profile}`) : null,
    mustChangePassword: Boolean(user.mustChangePassword),
    lastLoginAt: user.lastLoginAt ?? null,
    disabledAt: user.disabledAt ?? null,
    disabledBy: user.disabledBy ?? null,
    createdAt: user.createdAt ?? now,
    createdBy: user.createdBy ?? system,
    updatedAt: user.updatedAt ?? now,
    updatedBy: user.updatedBy ?? system,
  });

  const sessionResponse = (token: string | undefined, user: FakeUser, emulatedBy: { adminId: string; name: string } | null): SessionResponse => ({
    session: {
      ...(token ? { token } : {}),
      expiresAt: now,
      idleExpiresAt: now,
      mustChangePassword: Boolean(user.mustChangePassword) && !emulatedBy,
      emulatedBy,
    },
    user: publicUser(user),
    account: { id: accountOf(user), name: user.accountName, identifier: user.identifier, customerNumber: user.customerNumber ?? null, permissions: [...allows] },
    dealer,
    accounts: linkedLogins(user).map((u) => ({ accountId: accountOf(u), name: u.accountName, identifier: u.identifier, role: u.role ?? 'manager', current: u === user })),
  });

  /** The person's active logins in every account of their profile (just this one without a profile), in the order of `users`. */
  const linkedLogins = (user: FakeUser): FakeUser[] =>
    user.profile ? users.filter((u) => u === user || (u.profile === user.profile && (u.status ?? 'active') === 'active')) : [user];

  /** Register, access request, resend: the dealer's switch and the shared rate limit (checked before the body, as the server does). */
  function onboardingGate(flow?: 'registration' | 'requestAccess'): Response | undefined {
    if (flow && !dealer.onboarding[flow]) return fail('ONBOARDING_DISABLED');
    if (options.onboardingRateLimitAfter !== undefined && onboardingCalls++ >= options.onboardingRateLimitAfter) {
      return apiError('RATE_LIMITED', 'Too many attempts. Wait a few minutes and try again.', 429, undefined, { 'retry-after': '120' });
    }
    return undefined;
  }

  const actorOf = (user: FakeUser, emulatedBy: { adminId: string; name: string } | null): Actor =>
    emulatedBy
      ? { kind: 'emulation', userId: idOf(user), adminId: emulatedBy.adminId, name: `${emulatedBy.name} as ${user.role ?? 'manager'} ${user.name}` }
      : { kind: 'user', userId: idOf(user), name: user.name };

  function record(accountId: string, action: AuditAction, actor: Actor, summary: string, target?: { type: string; id: string }, at = tick()): FakeAuditEntry {
    const entry: FakeAuditEntry = { id: fakeId(`audit:${auditLog.length + 1}`), at, accountId, action, actor, summary, ...(target ? { target } : {}) };
    auditLog.push(entry);
    return entry;
  }

  /** Ends every session of a user (disable, removal, end sessions): their next call gets SESSION_EXPIRED. */
  function endSessionsOf(user: FakeUser): void {
    for (const [token, s] of sessions) {
      if (s.user === user) {
        sessions.delete(token);
        ended.add(token);
      }
    }
  }

  type Auth = FakeAuth;

  const authed = (call: FakeCall) => {
    const token = /^Bearer (.+)$/.exec(call.headers.authorization ?? '')?.[1];
    return token ? { token, ...sessions.get(token) } : undefined;
  };

  /** requireSession + requirePermission: the signed-in user, or the server's refusal (audited). */
  function guard(call: FakeCall, permission?: Permission): Auth | Response {
    const found = authed(call);
    if (!found?.user) return found && ended.has(found.token) ? fail('SESSION_EXPIRED') : fail('UNAUTHENTICATED');
    const emulatedBy = found.emulatedBy ?? null;
    if (found.user.mustChangePassword && !emulatedBy) return fail('PASSWORD_CHANGE_REQUIRED');
    const auth: Auth = {
      token: found.token,
      user: found.user,
      userId: idOf(found.user),
      emulatedBy,
      actor: actorOf(found.user, emulatedBy),
      accountId: accountOf(found.user),
      permissions: publicUser(found.user).permissions,
    };
    if (permission && !auth.permissions.includes(permission)) {
      record(auth.accountId, 'access.denied', auth.actor, `${auth.actor.name} was refused: ${PERMISSION_LABELS[permission].toLowerCase()} (${call.method} /api/porchlight${call.path})`);
      return fail('PERMISSION_DENIED', `Your login does not have the "${PERMISSION_LABELS[permission]}" permission. Ask your account manager.`);
    }
    return auth;
  }

  const accountUsers = (accountId: string) => users.filter((u) => accountOf(u) === accountId);
  const isManager = (u: FakeUser) => (u.role ?? 'manager') === 'manager';
  const activeManagers = (accountId: string) => accountUsers(accountId).filter((u) => isManager(u) && (u.status ?? 'active') === 'active');

  /** The target user of a staff route, inside the caller's account. */
  function target(auth: Auth, userId: string): FakeUser | Response {
    const user = accountUsers(auth.accountId).find((u) => idOf(u) === userId);
    return user ?? fail('NOT_FOUND', 'No such user in this account.');
  }

  /** Only a manager acts on a manager's login; holders of `staff.manage` manage staff (and clients). */
  function mayActOn(auth: Auth, user: FakeUser): Response | undefined {
    if (isManager(user) && !isManager(auth.user)) return fail('PERMISSION_DENIED', "Only an account manager can change a manager's login.");
    return undefined;
  }

  function notSelf(auth: Auth, user: FakeUser, what: string): Response | undefined {
    return user === auth.user ? fail('FORBIDDEN', `You cannot ${what} your own login.`) : undefined;
  }

  /** The caller and the login a `/v1/staff/:userId/…` action is on, once they may act on it (`self`: an action no one takes on their own login). */
  function staffAction(call: FakeCall, params: Record<string, string>, self?: string): { auth: Auth; user: FakeUser } | Response {
    const auth = guard(call, 'staff.manage');
    if (auth instanceof Response) return auth;
    const user = target(auth, params.userId!);
    if (user instanceof Response) return user;
    return (self ? notSelf(auth, user, self) : undefined) ?? mayActOn(auth, user) ?? { auth, user };
  }

  /** Refuses permissions outside what the account allows. */
  function outsideAccount(list: readonly Permission[] | undefined): Response | undefined {
    const refused = (list ?? []).filter((p) => !allows.includes(p));
    if (!refused.length) return undefined;
    const message = `This account does not allow: ${refused.map((p) => PERMISSION_LABELS[p]).join(', ')}.`;
    return fail('VALIDATION_FAILED', message, { permissions: message });
  }

  function weakPassword(password: string, username: string): Response | undefined {
    const problem = weakProblem(password, username);
    return problem ? fail('WEAK_PASSWORD', problem, { password: problem }) : undefined;
  }

  function weakProblem(password: string, username: string): string | undefined {
    return [...password].length < PASSWORD_MIN_LENGTH
      ? `Use at least ${PASSWORD_MIN_LENGTH} characters.`
      : /^password/i.test(password)
        ? 'This password is too common. Choose one that is harder to guess.'
        : password.toLowerCase() === username.toLowerCase()
          ? 'Do not use your username as your password.'
          : undefined;
  }

  const touch = (user: FakeUser, auth: Auth) => {
    user.updatedAt = tick();
    user.updatedBy = auth.actor;
  };

  const who = (u: FakeUser) => `${u.role ?? 'manager'} ${u.name}`;

  // ---- contacts -------------------------------------------------------------------------

  const ordered = (accountId: string) =>
    contacts.filter((c) => c.accountId === accountId).sort((a, b) => a.priority - b.priority || a.createdAt.localeCompare(b.createdAt));

  for (const seed of options.contacts ?? []) {
    const accountId = seed.accountId ?? accountOf(dana);
    const at = tick();
    contacts.push({
      id: fakeId(`contact:${next++}`),
      accountId,
      relation: null,
      hasKeys: false,
      notes: null,
      priority: ordered(accountId).length + 1,
      createdAt: at,
      createdBy: { kind: 'user', userId: idOf(dana), name: dana.name },
      updatedAt: at,
      updatedBy: { kind: 'user', userId: idOf(dana), name: dana.name },
      ...seed,
    });
  }

  // ---- routes ---------------------------------------------------------------------------

  const routes: Record<string, Route> = {
    'GET /v1/dealer': () => json(dealer),
    'POST /v1/auth/login': ({ body }) => {
      if (options.rateLimitAfter !== undefined && failures >= options.rateLimitAfter) {
        return apiError('RATE_LIMITED', 'Too many attempts. Wait a few minutes and try again.', 429, undefined, { 'retry-after': '120' });
      }
      const user = users.find(
        (u) =>
          u.identifier === body.identifier &&
          u.username.toLowerCase() === String(body.username).toLowerCase() &&
          u.password === body.password &&
          (u.status ?? 'active') === 'active',
      );
      if (!user) {
        failures++;
        return apiError('INVALID_CREDENTIALS', 'The account identifier, username or password is not right.', 401);
      }
      const token = `session-${next++}.secret`;
      sessions.set(token, { user, emulatedBy: null });
      user.lastLoginAt = tick();
      record(accountOf(user), 'auth.login', actorOf(user, null), `${user.name} logged in`, undefined, user.lastLoginAt);
      return json(sessionResponse(token, user, null));
    },
    'GET /v1/auth/session': (call) => {
      const auth = authed(call);
      if (!auth?.user) return auth && ended.has(auth.token) ? fail('SESSION_EXPIRED') : apiError('UNAUTHENTICATED', 'Log in to continue.', 401);
      return json(sessionResponse(undefined, auth.user, auth.emulatedBy ?? null));
    },
    'POST /v1/auth/logout': (call) => {
      const auth = authed(call);
      if (!auth?.user) return apiError('UNAUTHENTICATED', 'Log in to continue.', 401);
      sessions.delete(auth.token);
      return json({ ok: true });
    },
    'POST /v1/auth/password': (call) => {
      const auth = authed(call);
      if (!auth?.user) return apiError('UNAUTHENTICATED', 'Log in to continue.', 401);
      if (auth.emulatedBy) return apiError('EMULATION_FORBIDDEN', 'This cannot be done while emulating a user.', 403);
      const { currentPassword, newPassword } = call.body;
      if (currentPassword !== auth.user.password) {
        return apiError('WRONG_PASSWORD', 'The current password is not right.', 400, { currentPassword: 'The current password is not right.' });
      }
      if (/^password/i.test(newPassword)) return apiError('WEAK_PASSWORD', 'Choose a stronger password.', 400, { newPassword: 'This password is too common. Choose another.' });
      auth.user.password = newPassword;
      auth.user.mustChangePassword = false;
      return json(sessionResponse(undefined, auth.user, null));
    },
    'POST /v1/auth/forgot': () => json({ ok: true, message: "If the details match an account, we've sent an email." }, 202),

    // ---- switching between the accounts of one login profile ----
    'POST /v1/auth/switch': (call) => {
      const auth = guard(call);
      if (auth instanceof Response) return auth;
      if (auth.emulatedBy) return fail('EMULATION_FORBIDDEN');
      const target = linkedLogins(auth.user).find((u) => u !== auth.user && accountOf(u) === call.body?.accountId);
      if (!target) return fail('NOT_FOUND', 'No such account for this login.');
      // A new session in the other account; this one ends.
      sessions.delete(auth.token);
      ended.add(auth.token);
      const token = `session-${next++}.secret`;
      sessions.set(token, { user: target, emulatedBy: null });
      target.lastLoginAt = tick();
      record(auth.accountId, 'auth.account-switched', auth.actor, `${auth.user.name} switched to another of their accounts`);
      record(accountOf(target), 'auth.account-switched', actorOf(target, null), `${target.name} switched in from another of their accounts`);
      return json(sessionResponse(token, target, null));
    },

    // ---- onboarding: public, neutral answers ----
    'POST /v1/register': ({ body }) => {
      const refused = onboardingGate('registration');
      if (refused) return refused;
      const input = checkBody(RegisterRequest, body);
      if (!input.ok) return input.response;
      return json({ ok: true, message: "If the details match our records, we've emailed you a link to choose your password." }, 202);
    },
    'POST /v1/access-requests': ({ body }) => {
      const refused = onboardingGate('requestAccess');
      if (refused) return refused;
      const input = checkBody(AccessRequestInput, body);
      if (!input.ok) return input.response;
      return json({ ok: true, message: "Thank you. We've passed your request on; you'll get an email when your login is set up." }, 202);
    },
    'POST /v1/auth/activate/resend': ({ body }) => {
      const refused = onboardingGate();
      if (refused) return refused;
      const input = checkBody(ResendLoginEmailRequest, body);
      if (!input.ok) return input.response;
      return json({ ok: true, message: "If the details match a login that is waiting to be set up, we've emailed a new link." }, 202);
    },
    'POST /v1/auth/activate/check': ({ body }) => {
      const found = activationTokens.get(String(body?.token ?? ''));
      const info: ActivationInfo =
        found?.valid
          ? {
              valid: true,
              expiresAt: found.expiresAt,
              name: found.user.name,
              username: found.user.username,
              identifier: found.user.identifier,
              accountName: found.user.accountName,
              hasPassword: found.hasPassword,
            }
          : { valid: false, expiresAt: null, name: null, username: null, identifier: null, accountName: null, hasPassword: false };
      return json(info);
    },
    'POST /v1/auth/activate': ({ body }) => {
      const found = activationTokens.get(String(body?.token ?? ''));
      if (!found?.valid) return fail('INVALID_TOKEN');
      const password = String(body.newPassword ?? '');
      const weak = weakProblem(password, found.user.username);
      if (weak) return fail('WEAK_PASSWORD', 'Choose a stronger password.', { newPassword: weak });
      found.valid = false;
      const user = found.user;
      // One password for the whole profile.
      for (const u of linkedLogins(user)) u.password = password;
      user.mustChangePassword = false;
      const token = `session-${next++}.secret`;
      sessions.set(token, { user, emulatedBy: null });
      user.lastLoginAt = tick();
      record(accountOf(user), 'auth.activated', actorOf(user, null), `${user.name} chose a password with the emailed link`);
      return json(sessionResponse(token, user, null));
    },
    'POST /v1/auth/reset/check': ({ body }) => json({ valid: resetTokens.get(body.token) === true, expiresAt: resetTokens.get(body.token) ? now : null }),
    'POST /v1/auth/reset': ({ body }) => {
      if (resetTokens.get(body.token) !== true) return apiError('INVALID_TOKEN', 'This link is not valid or has expired. Ask for a new one.', 400);
      if (/^password/i.test(body.newPassword)) return apiError('WEAK_PASSWORD', 'Choose a stronger password.', 400, { newPassword: 'This password is too common. Choose another.' });
      resetTokens.set(body.token, false);
      return json({ ok: true, message: 'Your password was changed.' });
    },

    // ---- staff manager (a manager, or staff holding staff.manage) ----
    'GET /v1/staff': (call) => {
      const auth = guard(call, 'staff.manage');
      if (auth instanceof Response) return auth;
      return json({ items: accountUsers(auth.accountId).map(publicUser) });
    },
    'POST /v1/staff': (call) => {
      const auth = guard(call, 'staff.manage');
      if (auth instanceof Response) return auth;
      const input = checkBody(CreateStaffRequest, call.body);
      if (!input.ok) return input.response;
      const body = input.value;
      const role = body.role ?? 'staff';
      if (role === 'manager' && !isManager(auth.user)) return fail('PERMISSION_DENIED', 'Only an account manager can add another manager.');
      if (body.permissions && !isManager(auth.user)) return fail('PERMISSION_DENIED', 'Only an account manager can choose what staff may do.');
      const refused = outsideAccount(body.permissions);
      if (refused) return refused;
      if (accountUsers(auth.accountId).some((u) => normalizeUsername(u.username) === normalizeUsername(body.username))) {
        return fail('USERNAME_TAKEN', undefined, { username: 'This username is already used in this account.' });
      }
      if (body.email && accountUsers(auth.accountId).some((u) => u.email?.toLowerCase() === body.email!.toLowerCase())) {
        return fail('EMAIL_TAKEN', undefined, { email: 'Another login already uses this email address.' });
      }
      if (body.password) {
        const weak = weakPassword(body.password, body.username);
        if (weak) return weak;
      }
      const at = tick();
      const user: FakeUser = {
        id: fakeId(`user:${next++}`),
        identifier: auth.user.identifier,
        accountName: auth.user.accountName,
        customerNumber: auth.user.customerNumber ?? null,
        username: body.username,
        // A link user has no usable password until they choose one.
        password: body.password ?? `unusable-${next++}`,
        name: body.name,
        email: body.email ?? null,
        role,
        permissions: role === 'manager' ? [] : [...(body.permissions ?? STAFF_DEFAULT_PERMISSIONS)],
        mustChangePassword: Boolean(body.password),
        status: 'active',
        lastLoginAt: null,
        createdAt: at,
        createdBy: auth.actor,
        updatedAt: at,
        updatedBy: auth.actor,
      };
      users.push(user);
      record(auth.accountId, 'user.created', auth.actor, `${auth.actor.name} added ${who(user)} (${user.username})`, { type: 'user', id: idOf(user) }, at);
      if (body.sendSetPasswordLink) record(auth.accountId, 'user.password-link-sent', auth.actor, `${auth.actor.name} emailed ${user.name} a link to choose a password`, { type: 'user', id: idOf(user) });
      return json(publicUser(user), 201);
    },
    'GET /v1/staff/:userId': (call, params) => {
      const auth = guard(call, 'staff.manage');
      if (auth instanceof Response) return auth;
      const user = target(auth, params.userId!);
      return user instanceof Response ? user : json(publicUser(user));
    },
    'PATCH /v1/staff/:userId': (call, params) => {
      const auth = guard(call, 'staff.manage');
      if (auth instanceof Response) return auth;
      const user = target(auth, params.userId!);
      if (user instanceof Response) return user;
      const input = checkBody(UpdateStaffRequest, call.body);
      if (!input.ok) return input.response;
      const body = input.value;
      const refusedOn = mayActOn(auth, user);
      if (refusedOn) return refusedOn;
      const roleChange = body.role !== undefined && body.role !== (user.role ?? 'manager');
      if ((body.role !== undefined || body.permissions !== undefined) && !isManager(auth.user)) {
        return fail('PERMISSION_DENIED', 'Only an account manager can change roles and permissions.');
      }
      if (roleChange && user === auth.user) return fail('FORBIDDEN', 'You cannot change your own role.');
      if (roleChange && isManager(user) && activeManagers(auth.accountId).filter((m) => m !== user).length === 0) return fail('LAST_MANAGER');
      const refused = outsideAccount(body.permissions);
      if (refused) return refused;
      if (body.email && accountUsers(auth.accountId).some((u) => u !== user && u.email?.toLowerCase() === body.email!.toLowerCase())) {
        return fail('EMAIL_TAKEN', undefined, { email: 'Another login already uses this email address.' });
      }
      const changed: string[] = [];
      if (body.name !== undefined && body.name !== user.name) {
        user.name = body.name;
        changed.push('name');
      }
      if (body.email !== undefined && (body.email ?? null) !== (user.email ?? null)) {
        user.email = body.email;
        changed.push('email');
      }
      if (roleChange) {
        user.role = body.role;
        changed.push('role');
      }
      const permissionsChanged = body.permissions !== undefined && [...body.permissions].sort().join() !== [...(user.permissions ?? [])].sort().join();
      if (body.permissions !== undefined) user.permissions = [...body.permissions];
      touch(user, auth);
      if (changed.length) record(auth.accountId, 'user.updated', auth.actor, `${auth.actor.name} changed ${changed.join(', ')} of ${who(user)}`, { type: 'user', id: idOf(user) });
      if (permissionsChanged) {
        record(auth.accountId, 'user.permissions-changed', auth.actor, `${auth.actor.name} changed what ${who(user)} may do`, { type: 'user', id: idOf(user) });
      }
      return json(publicUser(user));
    },
    'DELETE /v1/staff/:userId': (call, params) => {
      const found = staffAction(call, params, 'remove');
      if (found instanceof Response) return found;
      const { auth, user } = found;
      if (isManager(user) && activeManagers(auth.accountId).filter((m) => m !== user).length === 0) return fail('LAST_MANAGER');
      users.splice(users.indexOf(user), 1);
      endSessionsOf(user);
      record(auth.accountId, 'user.removed', auth.actor, `${auth.actor.name} removed ${who(user)} (${user.username})`, { type: 'user', id: idOf(user) });
      return json({ ok: true });
    },
    'POST /v1/staff/:userId/disable': (call, params) => {
      const found = staffAction(call, params, 'disable');
      if (found instanceof Response) return found;
      const { auth, user } = found;
      if (isManager(user) && activeManagers(auth.accountId).filter((m) => m !== user).length === 0) return fail('LAST_MANAGER');
      if ((user.status ?? 'active') === 'active') {
        user.status = 'disabled';
        user.disabledAt = tick();
        user.disabledBy = auth.actor;
        touch(user, auth);
        endSessionsOf(user);
        record(auth.accountId, 'user.disabled', auth.actor, `${auth.actor.name} disabled the login of ${who(user)}`, { type: 'user', id: idOf(user) });
      }
      return json(publicUser(user));
    },
    'POST /v1/staff/:userId/enable': (call, params) => {
      const found = staffAction(call, params);
      if (found instanceof Response) return found;
      const { auth, user } = found;
      if (user.status === 'disabled') {
        user.status = 'active';
        user.disabledAt = null;
        user.disabledBy = null;
        touch(user, auth);
        record(auth.accountId, 'user.enabled', auth.actor, `${auth.actor.name} re-enabled the login of ${who(user)}`, { type: 'user', id: idOf(user) });
      }
      return json(publicUser(user));
    },
    'POST /v1/staff/:userId/password-link': (call, params) => {
      const found = staffAction(call, params);
      if (found instanceof Response) return found;
      const { auth, user } = found;
      if (!user.email) return fail('VALIDATION_FAILED', `${user.name} has no email address. Add one first.`, { email: 'Add an email address first.' });
      if (user.status === 'disabled') return fail('FORBIDDEN', `The login of ${user.name} is disabled. Re-enable it first.`);
      record(auth.accountId, 'user.password-link-sent', auth.actor, `${auth.actor.name} emailed ${user.name} a link to choose a new password`, { type: 'user', id: idOf(user) });
      return json({ ok: true, message: `We emailed ${user.name} a link to choose a new password.`, user: publicUser(user) });
    },
    'POST /v1/staff/:userId/end-sessions': (call, params) => {
      const found = staffAction(call, params);
      if (found instanceof Response) return found;
      const { auth, user } = found;
      endSessionsOf(user);
      record(auth.accountId, 'user.sessions-ended', auth.actor, `${auth.actor.name} signed ${who(user)} out everywhere`, { type: 'user', id: idOf(user) });
      return json({ ok: true, message: `${user.name} was signed out everywhere.`, user: publicUser(user) });
    },

    // ---- activity (the account's audit trail; same guard as the staff manager) ----
    'GET /v1/activity': (call) => {
      const auth = guard(call, 'staff.manage');
      if (auth instanceof Response) return auth;
      const input = checkQuery(ActivityQuery, call.search);
      if (!input.ok) return input.response;
      const { person, kind, limit = 50, cursor } = input.value;
      const newestFirst = auditLog.filter((e) => e.accountId === auth.accountId).reverse();
      let start = 0;
      if (cursor) {
        const index = newestFirst.findIndex((e) => e.id === cursor.replace(/^after:/, ''));
        if (!cursor.startsWith('after:') || index < 0) return fail('VALIDATION_FAILED', 'The cursor is not valid.', { cursor: 'The cursor is not valid.' });
        start = index + 1;
      }
      // Like the store: read one page of the trail, then filter it, so a page can hold fewer
      // items than the limit (even none) and still have a cursor.
      const scanned = newestFirst.slice(start, start + limit);
      const prefixes: readonly string[] | undefined = kind ? ACTIVITY_KINDS[kind] : undefined;
      const items = scanned
        .filter((e) => (!person || e.actor.userId === person) && (!prefixes || prefixes.some((p) => e.action.startsWith(p))))
        .map(({ accountId: _hidden, ...entry }) => entry);
      const more = start + limit < newestFirst.length;
      return json({ items, cursor: more ? `after:${scanned[scanned.length - 1]!.id}` : null });
    },

    // ---- emergency contacts (read: anyone signed in; write: records.modify; delete: records.delete) ----
    'GET /v1/contacts': (call) => {
      const auth = guard(call);
      if (auth instanceof Response) return auth;
      return json({ items: ordered(auth.accountId) });
    },
    'POST /v1/contacts': (call) => {
      const auth = guard(call, 'records.modify');
      if (auth instanceof Response) return auth;
      const input = checkBody(CreateContactRequest, call.body);
      if (!input.ok) return input.response;
      const list = ordered(auth.accountId);
      if (list.length >= MAX_CONTACTS) return fail('LIMIT_REACHED', `An account keeps at most ${MAX_CONTACTS} contacts. Remove one first.`);
      const body = input.value;
      const at = tick();
      const contact: Contact = {
        id: fakeId(`contact:${next++}`),
        accountId: auth.accountId,
        name: body.name,
        phone: body.phone,
        relation: body.relation || null,
        hasKeys: body.hasKeys ?? false,
        notes: body.notes || null,
        priority: body.priority ?? Math.max(0, ...list.map((c) => c.priority)) + 1,
        createdAt: at,
        createdBy: auth.actor,
        updatedAt: at,
        updatedBy: auth.actor,
      };
      contacts.push(contact);
      record(auth.accountId, 'contact.created', auth.actor, `${auth.actor.name} added the emergency contact ${contact.name}`, { type: 'contact', id: contact.id }, at);
      return json(contact, 201);
    },
    'PATCH /v1/contacts/:contactId': (call, params) => {
      const auth = guard(call, 'records.modify');
      if (auth instanceof Response) return auth;
      const contact = contacts.find((c) => c.accountId === auth.accountId && c.id === params.contactId);
      if (!contact) return fail('NOT_FOUND', 'No such contact.');
      const input = checkBody(UpdateContactRequest, call.body);
      if (!input.ok) return input.response;
      const body = input.value;
      if (body.name !== undefined) contact.name = body.name;
      if (body.phone !== undefined) contact.phone = body.phone;
      if (body.relation !== undefined) contact.relation = body.relation || null;
      if (body.hasKeys !== undefined) contact.hasKeys = body.hasKeys;
      if (body.notes !== undefined) contact.notes = body.notes || null;
      if (body.priority !== undefined) contact.priority = body.priority;
      contact.updatedAt = tick();
      contact.updatedBy = auth.actor;
      record(auth.accountId, 'contact.updated', auth.actor, `${auth.actor.name} changed the emergency contact ${contact.name}`, { type: 'contact', id: contact.id }, contact.updatedAt);
      return json(contact);
    },
    'DELETE /v1/contacts/:contactId': (call, params) => {
      const auth = guard(call, 'records.delete');
      if (auth instanceof Response) return auth;
      const index = contacts.findIndex((c) => c.accountId === auth.accountId && c.id === params.contactId);
      if (index < 0) return fail('NOT_FOUND', 'No such contact.');
      const [contact] = contacts.splice(index, 1);
      record(auth.accountId, 'contact.deleted', auth.actor, `${auth.actor.name} deleted the emergency contact ${contact!.name}`, { type: 'contact', id: contact!.id });
      return json({ ok: true });
    },

    // ---- uploads (files a ticket, reply or work order names afterwards) ----
    'POST /v1/uploads': async (call) => {
      const auth = guard(call);
      if (auth instanceof Response) return auth;
      const query = checkQuery(UploadQuery, call.search);
      if (!query.ok) return query.response;
      const file = await inspectFile(call.raw, call.headers['content-type'], query.value.filename, { maxBytes: UPLOAD_MAX_BYTES, action: 'upload' });
      if (file instanceof Response) return file;
      if (uploads.filter((u) => u.ownerId === auth.userId && !u.used).length >= MAX_PENDING_UPLOADS) {
        return fail(
          'LIMIT_REACHED',
          `You have ${MAX_PENDING_UPLOADS} files uploaded but not yet attached. Send them with a ticket or reply first, or wait: unused uploads are removed after ${UPLOAD_TTL_HOURS} hours.`,
        );
      }
      const at = tick();
      const upload: Upload = {
        id: fakeId(`upload:${uploads.length + 1}`),
        filename: file.filename,
        contentType: file.type,
        size: call.raw!.length,
        sha256: file.sha256,
        uploadedAt: at,
        expiresAt: new Date(Date.parse(at) + UPLOAD_TTL_HOURS * 3_600_000).toISOString(),
      };
      uploads.push({ upload, bytes: call.raw!, ownerId: auth.userId, used: false });
      return json(upload, 201);
    },
  };

  function claimUploads(auth: Auth, ids: readonly string[], fieldOf: (id: string, index: number) => string = () => 'attachments'): Attachment[] | Response {
    const found: FakeUpload[] = [];
    for (const [i, id] of ids.entries()) {
      const refuse = (message: string) => fail('VALIDATION_FAILED', message, { [fieldOf(id, i)]: message });
      if (ids.indexOf(id) !== i) return refuse('The same file is attached twice.');
      const record = uploads.find((u) => u.upload.id === id && u.ownerId === auth.userId && !u.used);
      if (!record) {
        return refuse(`The file ${id.slice(0, 64)} is not one of your uploads: it may have expired (uploads are kept ${UPLOAD_TTL_HOURS} hours) or be attached already. Upload it again.`);
      }
      found.push(record);
    }
    return found.map((r) => {
      r.used = true;
      const { uploadedAt: _u, expiresAt: _e, ...attachment } = r.upload;
      return attachment;
    });
  }

  const compiled = Object.entries(routes).map(([route, handler]) => {
    const [method, template] = route.split(' ') as [string, string];
    return { route, method, match: pattern(template), handler };
  });

  /** The route template (e.g. `PATCH /v1/staff/:userId`) a request matches, with its parameters. */
  function resolve(method: string, path: string): { route: string; handler?: Route; params: Record<string, string> } {
    for (const r of compiled) {
      const m = r.method === method ? r.match.exec(path) : null;
      if (m) {
        const params: Record<string, string> = {};
        for (const [k, val] of Object.entries(m.groups ?? {})) params[k] = decodeURIComponent(val);
        return { route: r.route, handler: r.handler, params };
      }
    }
    return { route: `${method} ${path}`, params: {} };
  }

  const fetchImpl = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), 'http://fake.test');
    const path = url.pathname.replace(/^.*?(?=\/v1\/)/, '');
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => (headers[key] = value));
    const { body, raw } = await readBody(init.body);
    const call: FakeCall = { method: init.method ?? 'GET', path, search: url.search, body, ...(raw ? { raw } : {}), headers };
    calls.push(call);
    const exact = `${call.method} ${path}`;
    const { route, handler, params } = resolve(call.method, path);
    const held = holds.get(exact) ?? holds.get(route);
    if (held) await held;
    if (isOffline) throw new TypeError('Failed to fetch');
    const override = overrides.get(exact) ?? overrides.get(route);
    if (override) return override(call);
    if (!handler) return apiError('NOT_FOUND', 'Not found.', 404);
    return handler(call, params);
  };

  return {
    fetch: fetchImpl as typeof fetch,
    calls,
    users,
    dealer,
    contacts,
    audit: auditLog,
    on: (route, handler) => void overrides.set(route, handler),
    off: (route) => void overrides.delete(route),
    hold(route) {
      let release!: () => void;
      holds.set(route, new Promise<void>((r) => (release = r)));
      return () => {
        holds.delete(route);
        release();
      };
    },
    addSession: (token, user, emulatedBy) => void sessions.set(token, { user: recordOf(user), emulatedBy: emulatedBy ?? null }),
    addResetToken: (token, valid) => void resetTokens.set(token, valid),
    addActivationToken: (token, user, o = {}) =>
      void activationTokens.set(token, { user: recordOf(user), valid: o.valid ?? true, hasPassword: o.hasPassword ?? false, expiresAt: o.expiresAt ?? '2026-01-03T00:00:00.000Z' }),
    addActivity: ({ action, actor, summary, at, identifier, target: t }) => record(fakeId(`account:${identifier ?? dana.identifier}`), action, actor, summary, t, at ?? tick()),
    offline: () => void (isOffline = true),
    online: () => void (isOffline = false),
    callsTo: (route) => calls.filter((c) => `${c.method} ${c.path}` === route),
    idOf,
    uploads,
    authorize: guard,
    claimUploads,
  };
}

/**
 * A client already signed in as `user` (a session registered with the fake API), for mounting
 * an element the way a signed-in person sees it: `mountPortal(tpl, { api, client: signedInClient(api, sam) })`.
 */
export function signedInClient(api: FakeApi, user: FakeUser, emulatedBy?: { adminId: string; name: string }): PorchlightClient {
  const token = `signed-in-${Math.random().toString(36).slice(2)}.secret`;
  api.addSession(token, user, emulatedBy);
  const client = createClient({ baseUrl: '/api/porchlight', dealer: 'lakeside', fetch: api.fetch });
  client.setToken(token);
  return client;
}
