// Only the routes createClient calls: the sign-in bundle must not carry the features', billing and back-office ones.
import { routePath, AccountRoutes as Routes } from '@porchlight/core';
import type {
  AcceptedResponse,
  ActivityKind,
  ActivityPage,
  Contact,
  ContactList,
  CreateContactRequest,
  CreateStaffRequest,
  PortalMessageList,
  PortalDocumentList,
  PublicUser,
  StaffActionResponse,
  StaffList,
  UpdateContactRequest,
  UpdateStaffRequest,
  ChangePasswordRequest,
  ConfirmEmailResponse,
  Profile,
  UpdateProfileRequest,
  UpdateProfileResponse,
  ForgotPasswordRequest,
  LoginRequest,
  PublicDealer,
  ResetPasswordRequest,
  SessionResponse,
} from '@porchlight/core';
import { createTransport, queryString, sessionClient, type PersistMode, type RequestOptions, type SessionChangeReason, type Transport, type TransportOptions, type UploadOptions } from './transport.js';

export type { PersistMode, RequestOptions, SessionChangeReason, TokenStorage, UploadOptions } from './transport.js';

/** Where the API is and how the session is kept. */
export interface ClientOptions extends TransportOptions {}

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

/** Messages from the dealer to the signed-in account (private ones and broadcast news). */
export interface MessagesApi {
  /** The messages still valid, newest first (at most 100), each with whether this user has read it. */
  list(options?: RequestOptions): Promise<PortalMessageList>;
  /** Marks one message read for the signed-in user (idempotent; NOT_FOUND when it is not shown to them). */
  markRead(messageId: string, options?: RequestOptions): Promise<{ ok: true }>;
}

/** A downloaded shared document. */
export interface DownloadedDocument {
  blob: Blob;
  /** From the server's Content-Disposition (the exact UTF-8 name when given). */
  filename: string;
  contentType: string;
}

/** Documents the dealer shared with the account (or with this login). */
export interface DocumentsApi {
  /** The documents this user may see, newest first. */
  list(options?: RequestOptions): Promise<PortalDocumentList>;
  /**
   * The file's bytes, fetched with the session (an `<a href>` cannot carry the Authorization
   * header): save it through `URL.createObjectURL(blob)` and a temporary `<a download>`.
   */
  download(documentId: string, options?: RequestOptions): Promise<DownloadedDocument>;
}

/** The signed-in user's own profile. */
export interface ProfileApi {
  get(options?: RequestOptions): Promise<Profile>;
  /** Only what changes; `email` or `phone` need `currentPassword`. A new email waits for its confirmation link. */
  update(input: UpdateProfileRequest, options?: RequestOptions): Promise<UpdateProfileResponse>;
  /** Uses the secret from a `#porchlight-confirm-email=…` link (no session needed). */
  confirmEmail(token: string, options?: RequestOptions): Promise<ConfirmEmailResponse>;
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
  /**
   * Moves to another account this login profile reaches (one of `session.accounts`): the server
   * answers a new session for that account and ends this one. Listeners hear reason `switched`.
   */
  switchAccount(accountId: string, options?: RequestOptions): Promise<SessionResponse>;
  forgotPassword(input: ForgotPasswordRequest, options?: RequestOptions): Promise<AcceptedResponse>;
  checkResetToken(token: string, options?: RequestOptions): Promise<CheckTokenResult>;
  resetPassword(input: ResetPasswordRequest, options?: RequestOptions): Promise<AcceptedResponse>;

  readonly staff: StaffApi;
  /** The account's audit trail, newest first (managers, and staff holding `staff.manage`). */
  activity(query?: ActivityQuery, options?: RequestOptions): Promise<ActivityPage>;
  readonly contacts: ContactsApi;
  readonly profile: ProfileApi;
  readonly messages: MessagesApi;
  readonly documents: DocumentsApi;
  /** Calls `listener` whenever the session starts, changes or ends. Returns an unsubscribe function. */
  onSessionChange(listener: SessionListener): () => void;
  /** A raw JSON call to any API path (relative to the base URL), with the session and headers added. */
  request<T>(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  /** A GET of a file with the session: the successful Response, unread (see `readDownload`). */
  requestFile(path: string, options?: RequestOptions): Promise<Response>;
  /** POSTs a file's raw bytes (e.g. to `/v1/uploads?filename=…`), reporting progress; answers the JSON reply. */
  upload<T>(path: string, file: Blob, options?: UploadOptions): Promise<T>;
}

/**
 * Each client's transport, for the feature modules that start a session (onboarding's activate,
 * through `adoptSession` there). Not exported from the package.
 */
export const transports = new WeakMap<PorchlightClient, Transport<SessionResponse>>();

/** Creates a client for one Porchlight API (one base URL and dealer). */
export function createClient(options: ClientOptions): PorchlightClient {
  const t = createTransport<SessionResponse>(options, 'createClient', 'porchlight.session');
  const { request } = t;

  const client: PorchlightClient = Object.assign(sessionClient(t, { login: Routes.login, logout: Routes.logout, session: Routes.session }), {
    credentials: t.credentials,

    async changePassword(input, o) {
      return t.adopt(await request<SessionResponse>('POST', Routes.changePassword, input, o), 'password-change');
    },

    async switchAccount(accountId, o) {
      return t.adopt(await request<SessionResponse>('POST', Routes.switchAccount, { accountId }, o), 'switched');
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

    activity: (query = {}, o) => request<ActivityPage>('GET', Routes.activity + queryString(query), undefined, o),

    contacts: {
      list: (o) => request<ContactList>('GET', Routes.contacts, undefined, o),
      add: (input, o) => request<Contact>('POST', Routes.contacts, input, o),
      update: (contactId, input, o) => request<Contact>('PATCH', routePath(Routes.contact, { contactId }), input, o),
      remove: (contactId, o) => request<{ ok: true }>('DELETE', routePath(Routes.contact, { contactId }), undefined, o),
    },

    profile: {
      get: (o) => request<Profile>('GET', Routes.profile, undefined, o),
      update: (input, o) => request<UpdateProfileResponse>('PATCH', Routes.profile, input, o),
      confirmEmail: (token, o) => request<ConfirmEmailResponse>('POST', Routes.confirmEmail, { token }, { ...o, auth: false }),
    },

    messages: {
      list: (o) => request<PortalMessageList>('GET', Routes.messages, undefined, o),
      markRead: (messageId, o) => request<{ ok: true }>('POST', routePath(Routes.messageRead, { messageId }), {}, o),
    },

    documents: {
      list: (o) => request<PortalDocumentList>('GET', Routes.documents, undefined, o),
      async download(documentId, o = {}) {
        const response = await t.requestFile(routePath(Routes.documentFile, { documentId }), o);
        // Loaded with the first download (a sign-in page never needs it).
        const { readDownload } = await import('./download.js');
        return readDownload(response, 'document');
      },
    },
  } satisfies Partial<PorchlightClient>);
  transports.set(client, t);
  return client;
}
