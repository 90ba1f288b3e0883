import { routePath, Routes } from '@porchlight/core';
import type {
  Account,
  AdminMessage,
  CreateMessageRequest,
  UpdateMessageRequest,
  AdminLoginRequest,
  AdminSessionResponse,
  AuditEntry,
  ChangePasswordRequest,
  CreateAccountRequest,
  CreateDealerStaffRequest,
  CreateManagerRequest,
  CreateStaffRequest,
  EmulateRequest,
  EmulationResponse,
  PublicDealer,
  PublicDealerStaff,
  PublicUser,
  UpdateAccountRequest,
  UpdateDealerStaffRequest,
} from '@porchlight/core';
import { createTransport, queryString, sessionClient, type PersistMode, type RequestOptions, type SessionChangeReason, type TransportOptions, type UploadOptions } from './transport.js';

/** Where the API is and how the back-office session is kept (bearer tokens only: no `credentials`). */
export interface AdminClientOptions extends Omit<TransportOptions, 'credentials'> {
  /**
   * `memory` (default): the token lives in this page only and a reload ends the session.
   * `session-storage`: the token is kept in sessionStorage (under a key of its own, apart from a
   * client portal session in the same tab), so a reload keeps the back-office session.
   */
  persist?: PersistMode | undefined;
  /** The storage key; defaults to `porchlight.admin-session:<dealer>@<baseUrl>`. */
  storageKey?: string | undefined;
}

export interface AdminSessionChange {
  /** The current back-office session, or null when signed out. */
  session: AdminSessionResponse | null;
  reason: SessionChangeReason;
}

export type AdminSessionListener = (change: AdminSessionChange) => void;

/** One page of a list, and the cursor of the next one (null at the end). */
export interface Page<T> {
  items: T[];
  cursor: string | null;
}

export interface PageQuery {
  limit?: number | undefined;
  cursor?: string | undefined;
}

export interface AccountSearch extends PageQuery {
  /** Name (contains, any case or accent), customer number or identifier (exact). */
  q?: string | undefined;
  /** Exactly this identifier. */
  identifier?: string | undefined;
  /** Exactly this customer number. */
  customerNumber?: string | undefined;
}

/** The dealer's accounts (the back office). */
export interface AdminAccountsApi {
  /** Accounts matching `q` (all of them without it), one page at a time. Needs `accounts.read`. */
  search(query?: AccountSearch, options?: RequestOptions): Promise<Page<Account>>;
  get(accountId: string, options?: RequestOptions): Promise<Account>;
  /** Needs `accounts.write`. */
  create(input: CreateAccountRequest, options?: RequestOptions): Promise<Account>;
  /** Change name, numbers, identifier or the permission ceiling. Needs `accounts.write`. */
  update(accountId: string, input: UpdateAccountRequest, options?: RequestOptions): Promise<Account>;
  /** The account's users (managers, office staff, clients). */
  users(accountId: string, options?: RequestOptions): Promise<Page<PublicUser>>;
  /** Sets the manager's username and temporary password (created, or reset: their sessions end). Needs `accounts.write`. */
  assignManager(accountId: string, input: CreateManagerRequest, options?: RequestOptions): Promise<PublicUser>;
  /** Adds office staff on the manager's behalf (view only unless `permissions` says more). Needs `accounts.write`. */
  addStaff(accountId: string, input: CreateStaffRequest, options?: RequestOptions): Promise<PublicUser>;
  /** Starts an emulation session (at most 60 minutes, audited). `url` opens the portal with it; null when the dealer has no `settings.portalUrl`. Needs `emulate`. */
  emulate(accountId: string, input?: EmulateRequest, options?: RequestOptions): Promise<EmulationResponse>;
  /** The account's audit trail, newest first. */
  audit(accountId: string, query?: PageQuery, options?: RequestOptions): Promise<Page<AuditEntry>>;
}

/** The dealer's own back-office logins (owner only: `dealer-staff.manage`). */
export interface DealerStaffApi {
  list(query?: PageQuery, options?: RequestOptions): Promise<Page<PublicDealerStaff>>;
  add(input: CreateDealerStaffRequest, options?: RequestOptions): Promise<PublicDealerStaff>;
  update(staffId: string, input: UpdateDealerStaffRequest, options?: RequestOptions): Promise<PublicDealerStaff>;
}

/** The dealer's messages: broadcast news to every account, and private messages to one account. */
export interface AdminMessagesApi {
  /** The dealer's broadcast news, newest first (expired ones too, flagged). Needs `accounts.read`. */
  broadcasts(query?: PageQuery, options?: RequestOptions): Promise<Page<AdminMessage>>;
  /** One account's private messages, newest first. Needs `accounts.read`. */
  forAccount(accountId: string, query?: PageQuery, options?: RequestOptions): Promise<Page<AdminMessage>>;
  /** Posts broadcast news, or a private message to `accountId`. Needs `accounts.write`. */
  post(input: CreateMessageRequest, accountId?: string, options?: RequestOptions): Promise<AdminMessage>;
  /** Changes a message (e.g. `validUntil`: now ends it). Needs `accounts.write`. */
  update(messageId: string, input: UpdateMessageRequest, options?: RequestOptions): Promise<AdminMessage>;
  /** Deletes a message. Needs `accounts.write`. */
  remove(messageId: string, options?: RequestOptions): Promise<{ ok: true }>;
}

export interface AdminClient {
  readonly baseUrl: string;
  readonly dealer: string | undefined;
  readonly persist: PersistMode;
  /** The back-office session token, or null. */
  readonly token: string | null;
  /** Adopt a token or forget it with null. */
  setToken(token: string | null): void;
  /** Whether a session may exist (a token is held). */
  readonly mayHaveSession: boolean;

  getDealer(options?: RequestOptions): Promise<PublicDealer>;
  /** Signs a dealer staff member in with email and password; the token is kept by the client and removed from the answer. */
  login(input: AdminLoginRequest, options?: RequestOptions): Promise<AdminSessionResponse>;
  /** Ends the session on the server and forgets it here (here even if the server could not be reached). */
  logout(options?: RequestOptions): Promise<void>;
  /** Who is signed in; throws UNAUTHENTICATED / SESSION_EXPIRED (and forgets the token) when nobody is. */
  session(options?: RequestOptions): Promise<AdminSessionResponse>;
  /** Replaces the password (the temporary one after a first login); the staff member's other sessions end. */
  changePassword(input: ChangePasswordRequest, options?: RequestOptions): Promise<AdminSessionResponse>;
  /** Calls `listener` whenever the session starts, changes or ends. Returns an unsubscribe function. */
  onSessionChange(listener: AdminSessionListener): () => void;

  readonly accounts: AdminAccountsApi;
  readonly dealerStaff: DealerStaffApi;
  readonly messages: AdminMessagesApi;
  /** A raw JSON call to any API path (relative to the base URL), with the session and headers added. */
  request<T>(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  /** A GET of a file with the session: the successful Response, unread (see `readDownload`). */
  requestFile(path: string, options?: RequestOptions): Promise<Response>;
  /** POSTs a file's raw bytes, reporting progress; answers the JSON reply. */
  upload<T>(path: string, file: Blob, options?: UploadOptions): Promise<T>;
}

const isSessionAnswer = (value: unknown): value is AdminSessionResponse =>
  typeof value === 'object' && value !== null && 'session' in value && 'staff' in value;

/**
 * Creates a client for the back office of one Porchlight API: the dealer's own staff sign in
 * with email and password and the calls carry that session. Same requests, errors and session
 * expiry as `createClient` (one shared transport); its session is kept apart from a client
 * portal session in the same browser.
 */
export function createAdminClient(options: AdminClientOptions): AdminClient {
  // Bearer tokens only: the back office never uses cookies.
  const t = createTransport<AdminSessionResponse>({ ...options, credentials: 'omit' }, 'createAdminClient', 'porchlight.admin-session');
  const { request } = t;
  const account = (accountId: string) => routePath(Routes.admin.account, { accountId });
  const ofAccount = (path: string, accountId: string) => routePath(path, { accountId });

  return Object.assign(sessionClient(t, { login: Routes.admin.login, logout: Routes.admin.logout, session: Routes.admin.session }), {
    async changePassword(input, o) {
      const answer = await request<unknown>('POST', Routes.admin.changePassword, input, o);
      // The answer is the updated session; should a server answer only `{ ok: true }`, ask for it.
      const response = isSessionAnswer(answer) ? answer : await request<AdminSessionResponse>('GET', Routes.admin.session, undefined, o);
      return t.adopt(response, 'password-change');
    },

    accounts: {
      search: (query = {}, o) => request<Page<Account>>('GET', Routes.admin.accounts + queryString(query), undefined, o),
      get: (accountId, o) => request<Account>('GET', account(accountId), undefined, o),
      create: (input, o) => request<Account>('POST', Routes.admin.accounts, input, o),
      update: (accountId, input, o) => request<Account>('PATCH', account(accountId), input, o),
      users: (accountId, o) => request<Page<PublicUser>>('GET', ofAccount(Routes.admin.accountUsers, accountId), undefined, o),
      assignManager: (accountId, input, o) => request<PublicUser>('PUT', ofAccount(Routes.admin.accountManager, accountId), input, o),
      addStaff: (accountId, input, o) => request<PublicUser>('POST', ofAccount(Routes.admin.accountUsers, accountId), input, o),
      emulate: (accountId, input = {}, o) => request<EmulationResponse>('POST', ofAccount(Routes.admin.emulate, accountId), input, o),
      audit: (accountId, query = {}, o) => request<Page<AuditEntry>>('GET', ofAccount(Routes.admin.accountAudit, accountId) + queryString(query), undefined, o),
    },

    dealerStaff: {
      list: (query = {}, o) => request<Page<PublicDealerStaff>>('GET', Routes.admin.dealerStaff + queryString(query), undefined, o),
      add: (input, o) => request<PublicDealerStaff>('POST', Routes.admin.dealerStaff, input, o),
      update: (staffId, input, o) => request<PublicDealerStaff>('PATCH', routePath(Routes.admin.dealerStaffMember, { staffId }), input, o),
    },

    messages: {
      broadcasts: (query = {}, o) => request<Page<AdminMessage>>('GET', Routes.admin.messages + queryString(query), undefined, o),
      forAccount: (accountId, query = {}, o) => request<Page<AdminMessage>>('GET', ofAccount(Routes.admin.accountMessages, accountId) + queryString(query), undefined, o),
      post: (input, accountId, o) => request<AdminMessage>('POST', accountId ? ofAccount(Routes.admin.accountMessages, accountId) : Routes.admin.messages, input, o),
      update: (messageId, input, o) => request<AdminMessage>('PATCH', routePath(Routes.admin.message, { messageId }), input, o),
      remove: (messageId, o) => request<{ ok: true }>('DELETE', routePath(Routes.admin.message, { messageId }), undefined, o),
    },
  } satisfies Partial<AdminClient>);
}
