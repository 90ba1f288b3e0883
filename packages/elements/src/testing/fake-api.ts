/**
 * A fake Porchlight API behind a fetch function, for the element tests and the scratch pages:
 * it keeps users, sessions and reset tokens in memory and answers like the real server
 * (status codes, `{ error: { code, message, fields } }`, Retry-After).
 */
import { PERMISSIONS, type PublicDealer, type SessionResponse } from '@porchlight/client';

export interface FakeUser {
  identifier: string;
  username: string;
  password: string;
  name: string;
  accountName: string;
  customerNumber?: string | null;
  role?: 'manager' | 'staff' | 'client';
  mustChangePassword?: boolean;
  email?: string;
}

export interface FakeCall {
  method: string;
  path: string;
  body: any;
  headers: Record<string, string>;
}

type Handler = (call: FakeCall) => Response | Promise<Response>;

export const fakeDealer: PublicDealer = { id: 'lakeside', name: 'Lakeside Alarm Co.', branding: {} };

export const dana: FakeUser = {
  identifier: '5550100',
  username: 'manager',
  password: 'porchlight-demo',
  name: 'Dana Reyes',
  accountName: 'Harbor View Condominiums',
  customerNumber: 'LA-1001',
  email: 'dana@harborview.example',
};

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function apiError(code: string, message: string, status: number, fields?: Record<string, string>, headers: Record<string, string> = {}): Response {
  return json({ error: { code, message, ...(fields ? { fields } : {}) } }, status, headers);
}

const now = '2026-01-01T00:00:00.000Z';
const system = { kind: 'system' as const, name: 'system' };

export interface FakeApi {
  fetch: typeof fetch;
  calls: FakeCall[];
  users: FakeUser[];
  dealer: PublicDealer;
  /** Replace the answer to `METHOD /path` (path after the base URL). */
  on(route: string, handler: Handler): void;
  /** Hold every answer to `route` until the returned function is called. */
  hold(route: string): () => void;
  /** Register a session token (e.g. an emulation token) for a user. */
  addSession(token: string, user: FakeUser, emulatedBy?: { adminId: string; name: string }): void;
  /** Register a reset token: valid, or already used / expired. */
  addResetToken(token: string, valid: boolean): void;
  /** Every request fails like a network error until `online()` is called. */
  offline(): void;
  online(): void;
  callsTo(route: string): FakeCall[];
}

export function fakeApi(options: { dealer?: PublicDealer; users?: FakeUser[]; rateLimitAfter?: number } = {}): FakeApi {
  const users = options.users ?? [{ ...dana }];
  const dealer = options.dealer ?? fakeDealer;
  const sessions = new Map<string, { user: FakeUser; emulatedBy: { adminId: string; name: string } | null }>();
  const resetTokens = new Map<string, boolean>();
  const overrides = new Map<string, Handler>();
  const holds = new Map<string, Promise<void>>();
  const calls: FakeCall[] = [];
  let failures = 0;
  let isOffline = false;
  let next = 1;

  const sessionResponse = (token: string | undefined, user: FakeUser, emulatedBy: { adminId: string; name: string } | null): SessionResponse => ({
    session: {
      ...(token ? { token } : {}),
      expiresAt: now,
      idleExpiresAt: now,
      mustChangePassword: Boolean(user.mustChangePassword) && !emulatedBy,
      emulatedBy,
    },
    user: {
      id: `user-${user.username}`,
      accountId: `account-${user.identifier}`,
      role: user.role ?? 'manager',
      username: user.username,
      name: user.name,
      email: user.email ?? null,
      status: 'active',
      permissions: [...PERMISSIONS],
      mustChangePassword: Boolean(user.mustChangePassword),
      lastLoginAt: null,
      disabledAt: null,
      disabledBy: null,
      createdAt: now,
      createdBy: system,
      updatedAt: now,
      updatedBy: system,
    },
    account: { id: `account-${user.identifier}`, name: user.accountName, identifier: user.identifier, customerNumber: user.customerNumber ?? null, permissions: [...PERMISSIONS] },
    dealer,
  });

  const authed = (call: FakeCall) => {
    const token = /^Bearer (.+)$/.exec(call.headers.authorization ?? '')?.[1];
    return token ? { token, ...sessions.get(token) } : undefined;
  };

  const routes: Record<string, Handler> = {
    'GET /v1/dealer': () => json(dealer),
    'POST /v1/auth/login': ({ body }) => {
      if (options.rateLimitAfter !== undefined && failures >= options.rateLimitAfter) {
        return apiError('RATE_LIMITED', 'Too many attempts. Wait a few minutes and try again.', 429, undefined, { 'retry-after': '120' });
      }
      const user = users.find((u) => u.identifier === body.identifier && u.username.toLowerCase() === String(body.username).toLowerCase() && u.password === body.password);
      if (!user) {
        failures++;
        return apiError('INVALID_CREDENTIALS', 'The account identifier, username or password is not right.', 401);
      }
      const token = `session-${next++}.secret`;
      sessions.set(token, { user, emulatedBy: null });
      return json(sessionResponse(token, user, null));
    },
    'GET /v1/auth/session': (call) => {
      const auth = authed(call);
      if (!auth?.user) return apiError('UNAUTHENTICATED', 'Log in to continue.', 401);
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
    'POST /v1/auth/reset/check': ({ body }) => json({ valid: resetTokens.get(body.token) === true, expiresAt: resetTokens.get(body.token) ? now : null }),
    'POST /v1/auth/reset': ({ body }) => {
      if (resetTokens.get(body.token) !== true) return apiError('INVALID_TOKEN', 'This link is not valid or has expired. Ask for a new one.', 400);
      if (/^password/i.test(body.newPassword)) return apiError('WEAK_PASSWORD', 'Choose a stronger password.', 400, { newPassword: 'This password is too common. Choose another.' });
      resetTokens.set(body.token, false);
      return json({ ok: true, message: 'Your password was changed.' });
    },
  };

  const fetchImpl = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), 'http://fake.test');
    const path = url.pathname.replace(/^.*?(?=\/v1\/)/, '');
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => (headers[key] = value));
    const call: FakeCall = { method: init.method ?? 'GET', path, body: init.body ? JSON.parse(String(init.body)) : undefined, headers };
    calls.push(call);
    const route = `${call.method} ${path}`;
    const held = holds.get(route);
    if (held) await held;
    if (isOffline) throw new TypeError('Failed to fetch');
    const handler = overrides.get(route) ?? routes[route];
    if (!handler) return apiError('NOT_FOUND', 'Not found.', 404);
    return handler(call);
  };

  return {
    fetch: fetchImpl as typeof fetch,
    calls,
    users,
    dealer,
    on: (route, handler) => void overrides.set(route, handler),
    hold(route) {
      let release!: () => void;
      holds.set(route, new Promise<void>((r) => (release = r)));
      return () => {
        holds.delete(route);
        release();
      };
    },
    addSession: (token, user, emulatedBy) => void sessions.set(token, { user, emulatedBy: emulatedBy ?? null }),
    addResetToken: (token, valid) => void resetTokens.set(token, valid),
    offline: () => void (isOffline = true),
    online: () => void (isOffline = false),
    callsTo: (route) => calls.filter((c) => `${c.method} ${c.path}` === route),
  };
}
