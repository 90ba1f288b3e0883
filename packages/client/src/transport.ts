import { DEALER_HEADER, AccountRoutes as Routes } from '@porchlight/core';
import type { PublicDealer } from '@porchlight/core';
import { errorFromResponse, isPorchlightError, PorchlightClientError } from './errors.js';

/**
 * What the portal client and the back-office client share: one base URL and dealer, the
 * session token (in memory or sessionStorage), session listeners, and the JSON request with
 * its error handling (API errors rebuilt as PorchlightError, network and wrong-address failures
 * as PorchlightClientError, a session the server says is over forgotten and reported).
 */

/** Where the session token lives in the page. */
export type PersistMode = 'memory' | 'session-storage';

/** The small part of the Web Storage API the client uses. */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Why the session changed: what the client did (`switched`: moved to another account of the same
 * login profile), or the server saying the session is over.
 */
export type SessionChangeReason = 'login' | 'refresh' | 'password-change' | 'switched' | 'logout' | 'expired';

export interface RequestOptions {
  /** Send the session (token or cookie); default true. */
  auth?: boolean;
  signal?: AbortSignal | undefined;
}

export interface UploadOptions extends RequestOptions {
  /**
   * Called as the bytes go out: `sent` and `total` in bytes. With the browser's own network
   * stack (no `fetch` option given) it follows the upload; otherwise it is called once, at the end.
   */
  onProgress?: ((sent: number, total: number) => void) | undefined;
}

/** A session answer: the token comes only with a login (or an emulation). */
export interface SessionAnswer {
  session: { token?: string | undefined };
}

export interface TransportChange<S> {
  /** The current session, or null when signed out. */
  session: S | null;
  reason: SessionChangeReason;
}

export interface TransportOptions {
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

export interface Transport<S> {
  readonly baseUrl: string;
  readonly dealer: string | undefined;
  readonly credentials: 'omit' | 'include';
  readonly persist: PersistMode;
  readonly token: string | null;
  setToken(token: string | null): void;
  readonly mayHaveSession: boolean;
  /** One JSON call with the current session. */
  request<T>(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  /** Like `request`, for a file: answers the successful Response unread (errors and an ended session are handled the same way). */
  requestFile(path: string, options?: RequestOptions): Promise<Response>;
  /** POSTs a file's raw bytes to `path` (its type as Content-Type) and answers the JSON reply; errors as `request`. */
  upload<T>(path: string, file: Blob, options?: UploadOptions): Promise<T>;
  /** Keeps the token a session answer carries (and hides it from the answer), then tells the listeners. */
  adopt<R extends SessionAnswer & S>(response: R, reason: SessionChangeReason): R;
  /** Forgets the session here, then ends it on the server at `path` (a session already over there is no failure). */
  logout(path: string, options?: RequestOptions): Promise<void>;
  onSessionChange(listener: (change: TransportChange<S>) => void): () => void;
}

const SESSION_OVER = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED']);

/** The API's answer that no session (or no longer this one) is signed in. */
export function isSessionOver(error: unknown): boolean {
  return isPorchlightError(error) && SESSION_OVER.has(error.code);
}

function defaultStorage(): TokenStorage | undefined {
  try {
    return (globalThis as { sessionStorage?: TokenStorage }).sessionStorage;
  } catch {
    // Reading sessionStorage throws where storage is blocked (sandboxed frames, some privacy settings).
    return undefined;
  }
}

/**
 * Checks and normalises the options and builds the transport. `name` is the factory named in
 * the error for a missing base URL; `keyPrefix` starts the default storage key, so two kinds of
 * client on one page (portal and back office) keep separate sessions.
 */
export function createTransport<S>(options: TransportOptions, name: string, keyPrefix: string): Transport<S> {
  if (!options || typeof options.baseUrl !== 'string' || !options.baseUrl.trim()) {
    throw new TypeError(`${name}: baseUrl is required (where the Porchlight handler is mounted, e.g. "/api/porchlight").`);
  }
  const baseUrl = options.baseUrl.trim().replace(/\/+$/, '');
  const dealer = options.dealer?.trim() || undefined;
  const credentials = options.credentials === 'include' ? 'include' : 'omit';
  const persist: PersistMode = options.persist === 'session-storage' ? 'session-storage' : 'memory';
  const storage = persist === 'session-storage' ? (options.storage ?? defaultStorage()) : undefined;
  const storageKey = options.storageKey ?? `${keyPrefix}:${dealer ?? ''}@${baseUrl}`;
  const listeners = new Set<(change: TransportChange<S>) => void>();

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

  function emit(change: TransportChange<S>): void {
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

  /** One API call; `useToken` is the token to send (logout sends the one it just forgot). A Blob body is sent raw (an upload). */
  async function send<T>(method: string, path: string, body: unknown, requestOptions: UploadOptions, useToken: string | null, quiet = false, file = false): Promise<T> {
    const auth = requestOptions.auth !== false;
    const raw = typeof Blob !== 'undefined' && body instanceof Blob ? body : null;
    const headers: Record<string, string> = { accept: file ? '*/*' : 'application/json' };
    if (dealer) headers[DEALER_HEADER] = dealer;
    if (raw) headers['content-type'] = raw.type || 'application/octet-stream';
    else if (body !== undefined) headers['content-type'] = 'application/json';
    const sentToken = auth ? useToken : null;
    if (sentToken) headers.authorization = `Bearer ${sentToken}`;
    const url = baseUrl + (path.startsWith('/') ? path : `/${path}`);

    let response: Response;
    try {
      if (raw && !options.fetch && typeof XMLHttpRequest !== 'undefined' && requestOptions.onProgress) {
        // Only uploads with progress need it: loaded then (a sign-in page never does).
        const { sendWithProgress } = await import('./upload-progress.js');
        response = await sendWithProgress(method, url, headers, raw, { ...requestOptions, credentials });
      } else {
        const doFetch = options.fetch ?? globalThis.fetch;
        response = await doFetch(url, {
          method,
          headers,
          credentials,
          ...(raw ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
          ...(requestOptions.signal ? { signal: requestOptions.signal } : {}),
        });
        if (raw) requestOptions.onProgress?.(raw.size, raw.size);
      }
    } catch (cause) {
      if ((cause as { name?: string } | null)?.name === 'AbortError') throw cause;
      throw new PorchlightClientError('NETWORK_ERROR', 'The portal could not be reached. Check your internet connection and try again.', { cause });
    }
    if (file && response.ok) return response as T;

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

    request: (method, path, body, requestOptions = {}) => send(method, path, body, requestOptions, token),
    requestFile: (path, requestOptions = {}) => send<Response>('GET', path, undefined, requestOptions, token, false, true),
    upload: (path, file, requestOptions = {}) => send('POST', path, file, requestOptions, token),

    adopt(response, reason) {
      if (response.session.token) {
        setToken(response.session.token);
        // The token is the client's business: callers and listeners never need it.
        const { token: _hidden, ...session } = response.session;
        response = { ...response, session };
      }
      emit({ session: response, reason });
      return response;
    },

    async logout(path, requestOptions) {
      const current = token;
      const mayHave = current !== null || credentials === 'include';
      // Forget it here first, whatever the server says.
      setToken(null);
      let failure: unknown;
      if (mayHave) {
        try {
          await send('POST', path, {}, requestOptions ?? {}, current, true);
        } catch (error) {
          // Already over on the server: nothing left to end.
          if (!isSessionOver(error)) failure = error;
        }
      }
      emit({ session: null, reason: 'logout' });
      if (failure) throw failure;
    },

    onSessionChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The routes of one kind of session (the portal's or the back office's). */
export interface SessionRoutes {
  login: string;
  logout: string;
  session: string;
}

/**
 * What the portal client and the back-office client share: token and session state (live
 * getters), the dealer, and login, logout and session at `routes`, each session answer adopted.
 * A client adds its own calls to it.
 */
export function sessionClient<S extends SessionAnswer>(t: Transport<S>, routes: SessionRoutes) {
  const { request } = t;
  return {
    baseUrl: t.baseUrl,
    dealer: t.dealer,
    persist: t.persist,
    get token() {
      return t.token;
    },
    setToken: t.setToken,
    get mayHaveSession() {
      return t.mayHaveSession;
    },

    getDealer: (o?: RequestOptions) => request<PublicDealer>('GET', Routes.dealer, undefined, { ...o, auth: false }),

    async login(input: unknown, o?: RequestOptions): Promise<S> {
      return t.adopt(await request<S>('POST', routes.login, input, { ...o, auth: false }), 'login');
    },

    logout: (o?: RequestOptions) => t.logout(routes.logout, o),

    async session(o?: RequestOptions): Promise<S> {
      return t.adopt(await request<S>('GET', routes.session, undefined, o), 'refresh');
    },

    onSessionChange: (listener: (change: TransportChange<S>) => void) => t.onSessionChange(listener),
    request,
    requestFile: t.requestFile,
    upload: t.upload,
  };
}

/** A query string from the defined, non-empty values (`?a=1&b=x`, or '' when there are none). */
export function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}
