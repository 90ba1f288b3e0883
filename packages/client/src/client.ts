import { DEALER_HEADER, routePath, Routes } from '@porchlight/core';
import type {
  AcceptedResponse,
  ActivityKind,
  ActivityPage,
  Contact,
  ContactList,
  CreateContactRequest,
  CreateStaffRequest,
  PublicUser,
  StaffActionResponse,
  StaffList,
  UpdateContactRequest,
  UpdateStaffRequest,
  ChangePasswordRequest,
  ForgotPasswordRequest,
  LoginRequest,
  PublicDealer,
  ResetPasswordRequest,
  SessionResponse,
} from '@porchlight/core';
import { errorFromResponse, isPorchlightError, PorchlightClientError } from './errors.js';

/** Where the session token lives in the page. */
export type PersistMode = 'memory' | 'session-storage';

/** The small part of the Web Storage API the client uses. */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface ClientOptions {
  /** Where the dealer mounted the handler, e.g. `https://portal.example.com/porchlight` or `/api/porchlight`. */
  baseUrl: string;
  /** The dealer id, sent as the `Porchlight-Dealer` header (needed when one handler serves several dealers). */
  dealer?: string | undefined;
  /** The fetch to use (tests, instrumentation); defaults to the global fetch. */
  fetch?: typeof fetch | undefined;
  /**
   * `memory` (default): the token lives in this page only and a reload ends the session.
   * `session-storage`: the token is kept in sessionStorage, so a reload in the same tab keeps
   * the session (any script on the page can read it there).
   */
  persist?: PersistMode | undefined;
  /**
   * `omit` (default): bearer-token mode, no cookies sent. `include`: cookie mode, the server
   * sets an HttpOnly session cookie and no token reaches page scripts.
   */
  credentials?: 'omit' | 'include' | undefined;
  /** Storage for `persist: 'session-storage'`; defaults to `globalThis.sessionStorage`. */
  storage?: TokenStorage | undefined;
  /** The storage key; defaults to one derived from the base URL and the dealer. */
  storageKey?: string | undefined;
}

/** Why the session changed: what the client did, or the server saying the session is over. */
export type SessionChangeReason = 'login' | 'refresh' | 'password-change' | 'logout' | 'expired';

export interface SessionChange {
  /** The current session, or null when signed out. */
  session: SessionResponse | null;
  reason: SessionChangeReason;
}

export type SessionListener = (change: SessionChange) => void;

export interface CheckTokenResult {
  valid: boolean;
  expiresAt: string | null;
}

export interface RequestOptions {
  /** Send the session (token or cookie); default true. */
  auth?: boolean;
  signal?: AbortSignal | undefined;
}

export interface ActivityQuery {
  /** Only what this user did (a dealer admin emulating them included). */
  person?: string | undefined;
  kind?: ActivityKind | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** The staff manager's calls (the signed-in user needs to be a manager or hold `staff.manage`). */
export interface StaffApi {
  list(options?: RequestOptions): Promise<StaffList>;
  add(input: CreateStaffRequest, options?: RequestOptions): Promise<PublicUser>;
  update(userId: string, input: UpdateStaffRequest, options?: RequestOptions): Promise<PublicUser>;
  disable(userId: string, options?: RequestOptions): Promise<PublicUser>;
  enable(userId: string, options?: RequestOptions): Promise<PublicUser>;
  /** Removes the login for good (its history stays in the activity log). */
  remove(userId: string, options?: RequestOptions): Promise<{ ok: true }>;
  /** Emails the user a link to choose a new password. */
  sendPasswordLink(userId: string, options?: RequestOptions): Promise<StaffActionResponse>;
  endSessions(userId: string, options?: RequestOptions): Promise<StaffActionResponse>;
}

/** The account's emergency call list. */
export interface ContactsApi {
  list(options?: RequestOptions): Promise<ContactList>;
  add(input: CreateContactRequest, options?: RequestOptions): Promise<Contact>;
  update(contactId: string, input: UpdateContactRequest, options?: RequestOptions): Promise<Contact>;
  remove(contactId: string, options?: RequestOptions): Promise<{ ok: true }>;
}

export interface PorchlightClient {
  readonly baseUrl: string;
  readonly dealer: string | undefined;
  readonly credentials: 'omit' | 'include';
  readonly persist: PersistMode;
  /** The session token, or null (always null in cookie mode unless one was set by hand). */
  readonly token: string | null;
  /** Adopt a token (for example the one from an emulation link) or forget it with null. */
  setToken(token: string | null): void;
  /** Whether a session may exist: a token is held, or cookie mode (the cookie is invisible to scripts). */
  readonly mayHaveSession: boolean;

  getDealer(options?: RequestOptions): Promise<PublicDealer>;
  login(input: LoginRequest, options?: RequestOptions): Promise<SessionResponse>;
  /** Ends the session on the server and forgets it here (here even if the server could not be reached). */
  logout(options?: RequestOptions): Promise<void>;
  /** Who is signed in; throws UNAUTHENTICATED / SESSION_EXPIRED (and forgets the token) when nobody is. */
  session(options?: RequestOptions): Promise<SessionResponse>;
  changePassword(input: ChangePasswordRequest, options?: RequestOptions): Promise<SessionResponse>;
  forgotPassword(input: ForgotPasswordRequest, options?: RequestOptions): Promise<AcceptedResponse>;
  checkResetToken(token: string, options?: RequestOptions): Promise<CheckTokenResult>;
  resetPassword(input: ResetPasswordRequest, options?: RequestOptions): Promise<AcceptedResponse>;

  readonly staff: StaffApi;
  /** The account's audit trail, newest first (managers, and staff holding `staff.manage`). */
  activity(query?: ActivityQuery, options?: RequestOptions): Promise<ActivityPage>;
  readonly contacts: ContactsApi;
  /** Calls `listener` whenever the session starts, changes or ends. Returns an unsubscribe function. */
  onSessionChange(listener: SessionListener): () => void;
  /** A raw JSON call to any API path (relative to the base URL), with the session and headers added. */
  request<T>(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<T>;
}

const SESSION_OVER = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED']);

function defaultStorage(): TokenStorage | undefined {
  try {
    return (globalThis as { sessionStorage?: TokenStorage }).sessionStorage;
  } catch {
    // Reading sessionStorage throws where storage is blocked (sandboxed frames, some privacy settings).
    return undefined;
  }
}

/** Creates a client for one Porchlight API (one base URL and dealer). */
export function createClient(options: ClientOptions): PorchlightClient {
  if (!options || typeof options.baseUrl !== 'string' || !options.baseUrl.trim()) {
    throw new TypeError('createClient: baseUrl is required (where the Porchlight handler is mounted, e.g. "/api/porchlight").');
  }
  const baseUrl = options.baseUrl.trim().replace(/\/+$/, '');
  const dealer = options.dealer?.trim() || undefined;
  const credentials = options.credentials === 'include' ? 'include' : 'omit';
  const persist: PersistMode = options.persist === 'session-storage' ? 'session-storage' : 'memory';
  const storage = persist === 'session-storage' ? (options.storage ?? defaultStorage()) : undefined;
  const storageKey = options.storageKey ?? `porchlight.session:${dealer ?? ''}@${baseUrl}`;
  const listeners = new Set<SessionListener>();

  const read = (): string | null => {
    try {
      return storage?.getItem(storageKey) ?? null;
    } catch {
      return null;
    }
  };
  let token: string | null = read();

  function setToken(next: string | null): void {
    token = next || null;
    if (!storage) return;
    try {
      if (token) storage.setItem(storageKey, token);
      else storage.removeItem(storageKey);
    } catch {
      // Storage full or blocked: the token still works for this page.
    }
  }

  function emit(change: SessionChange): void {
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch (error) {
        // One listener's mistake must not stop the others or the caller: report it and go on.
        const report = (globalThis as { reportError?: (e: unknown) => void }).reportError ?? console.error;
        report(error);
      }
    }
  }

  async function request<T>(method: string, path: string, body?: unknown, requestOptions: RequestOptions = {}): Promise<T> {
    return send<T>(method, path, body, requestOptions, token);
  }

  /** One API call; `useToken` is the token to send (logout sends the one it just forgot). */
  async function send<T>(method: string, path: string, body: unknown, requestOptions: RequestOptions, useToken: string | null, quiet = false): Promise<T> {
    const auth = requestOptions.auth !== false;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (dealer) headers[DEALER_HEADER] = dealer;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const sentToken = auth ? useToken : null;
    if (sentToken) headers.authorization = `Bearer ${sentToken}`;
    const url = baseUrl + (path.startsWith('/') ? path : `/${path}`);
    const doFetch = options.fetch ?? globalThis.fetch;

    let response: Response;
    try {
      response = await doFetch(url, {
        method,
        headers,
        credentials,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(requestOptions.signal ? { signal: requestOptions.signal } : {}),
      });
    } catch (cause) {
      if ((cause as { name?: string } | null)?.name === 'AbortError') throw cause;
      throw new PorchlightClientError('NETWORK_ERROR', 'The portal could not be reached. Check your internet connection and try again.', { cause });
    }

    const text = response.status === 204 ? '' : await response.text().catch(() => '');
    let data: unknown;
    let parsed = false;
    if (text) {
      try {
        data = JSON.parse(text);
        parsed = true;
      } catch {
        // Not JSON: handled below.
      }
    }

    // Not JSON from a 2xx, 404 or 405: something else than the API answered (a wrong base URL).
    const notTheApi = () =>
      new PorchlightClientError('BAD_RESPONSE', `The Porchlight API did not answer at ${url} (HTTP ${response.status}). Check the portal's API address.`, {
        status: response.status,
      });
    if (!response.ok) {
      if (!parsed && (response.status === 404 || response.status === 405)) throw notTheApi();
      const error = errorFromResponse(response, data);
      // The server says the session is over: forget it, whoever made the call.
      // (Unless a newer session replaced the one this call carried.)
      if (!quiet && SESSION_OVER.has(error.code) && auth && (sentToken ? sentToken === token : credentials === 'include' && !token)) {
        setToken(null);
        emit({ session: null, reason: 'expired' });
      }
      throw error;
    }
    if (text && !parsed) throw notTheApi();
    return data as T;
  }

  /** Keeps the token a session answer carries, then tells the listeners. */
  function adopt(response: SessionResponse, reason: SessionChangeReason): SessionResponse {
    if (response.session.token) {
      setToken(response.session.token);
      // The token is the client's business: callers and listeners never need it.
      const { token: _hidden, ...session } = response.session;
      response = { ...response, session };
    }
    emit({ session: response, reason });
    return response;
  }

  return {
    baseUrl,
    dealer,
    credentials,
    persist,
    get token() {
      return token;
    },
    setToken,
    get mayHaveSession() {
      return Boolean(token) || credentials === 'include';
    },

    getDealer: (o) => request<PublicDealer>('GET', Routes.dealer, undefined, { ...o, auth: false }),

    async login(input, o) {
      return adopt(await request<SessionResponse>('POST', Routes.login, input, { ...o, auth: false }), 'login');
    },

    async logout(o) {
      const current = token;
      const mayHave = current !== null || credentials === 'include';
      // Forget it here first, whatever the server says.
      setToken(null);
      let failure: unknown;
      if (mayHave) {
        try {
          await send('POST', Routes.logout, {}, o ?? {}, current, true);
        } catch (error) {
          // Already over on the server: nothing left to end.
          if (!(isPorchlightError(error) && SESSION_OVER.has(error.code))) failure = error;
        }
      }
      emit({ session: null, reason: 'logout' });
      if (failure) throw failure;
    },

    async session(o) {
      return adopt(await request<SessionResponse>('GET', Routes.session, undefined, o), 'refresh');
    },

    async changePassword(input, o) {
      return adopt(await request<SessionResponse>('POST', Routes.changePassword, input, o), 'password-change');
    },

    forgotPassword: (input, o) => request<AcceptedResponse>('POST', Routes.forgotPassword, input, { ...o, auth: false }),
    checkResetToken: (resetToken, o) => request<CheckTokenResult>('POST', Routes.checkResetToken, { token: resetToken }, { ...o, auth: false }),
    resetPassword: (input, o) => request<AcceptedResponse>('POST', Routes.resetPassword, input, { ...o, auth: false }),

    staff: {
      list: (o) => request<StaffList>('GET', Routes.staff, undefined, o),
      add: (input, o) => request<PublicUser>('POST', Routes.staff, input, o),
      update: (userId, input, o) => request<PublicUser>('PATCH', routePath(Routes.staffUser, { userId }), input, o),
      disable: (userId, o) => request<PublicUser>('POST', routePath(Routes.staffDisable, { userId }), {}, o),
      enable: (userId, o) => request<PublicUser>('POST', routePath(Routes.staffEnable, { userId }), {}, o),
      remove: (userId, o) => request<{ ok: true }>('DELETE', routePath(Routes.staffUser, { userId }), undefined, o),
      sendPasswordLink: (userId, o) => request<StaffActionResponse>('POST', routePath(Routes.staffSendPasswordLink, { userId }), {}, o),
      endSessions: (userId, o) => request<StaffActionResponse>('POST', routePath(Routes.staffEndSessions, { userId }), {}, o),
    },

    activity(query = {}, o) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
      const qs = params.toString();
      return request<ActivityPage>('GET', qs ? `${Routes.activity}?${qs}` : Routes.activity, undefined, o);
    },

    contacts: {
      list: (o) => request<ContactList>('GET', Routes.contacts, undefined, o),
      add: (input, o) => request<Contact>('POST', Routes.contacts, input, o),
      update: (contactId, input, o) => request<Contact>('PATCH', routePath(Routes.contact, { contactId }), input, o),
      remove: (contactId, o) => request<{ ok: true }>('DELETE', routePath(Routes.contact, { contactId }), undefined, o),
    },

    onSessionChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    request,
  };
}
