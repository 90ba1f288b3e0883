import { routePath, Routes } from '@porchlight/core';
import type {
  AccessLogin,
  AccessRequest,
  AccessRequestPage,
  AccountPeople,
  ApproveAccessRequest,
  LoginProfileList,
  RegistrationKeyResponse,
  SendLoginEmailRequest,
  SendLoginEmailResponse,
  SetupAccessRequest,
  UpdateAccessRequest,
} from '@porchlight/core';
import type { AdminClient } from './admin-client.js';
import { queryString, type RequestOptions } from './transport.js';

/** Which access requests to list, one page at a time (newest first). */
export interface AccessRequestListQuery {
  /** Default `pending`. */
  status?: 'pending' | 'approved' | 'declined' | 'all' | undefined;
  /** 1–100. */
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** Declining an access request: a note for the dealer's own staff (no email goes to the person). */
export interface DeclineAccessRequestInput {
  note?: string | undefined;
}

/**
 * "Setup access" in the back office: the logins of an account (state, invitation, what each may
 * see), the call-list people without one, the login email (an invitation until the login is
 * activated, a password reset after), the registration key, login profiles to reuse, and the
 * access requests first-time visitors send. Reading needs `accounts.read`; every change
 * `accounts.write` (audited).
 */
export interface AdminAccessApi {
  /** The account's logins and the call-list people without one, and its registration key. */
  people(accountId: string, options?: RequestOptions): Promise<AccountPeople>;
  /**
   * Sets up a login (username: the email unless given; a new login profile unless `profileId`;
   * the login email sent unless `sendLoginEmail: false`). Refusals: USERNAME_TAKEN (field
   * `username`), PROFILE_EMAIL_TAKEN (field `email`: reuse that profile with `profileId`).
   */
  setup(accountId: string, input: SetupAccessRequest, options?: RequestOptions): Promise<AccessLogin>;
  /** Changes what a login may see or do, its role, username, name or email (LAST_MANAGER when it would leave no manager). */
  update(accountId: string, userId: string, input: UpdateAccessRequest, options?: RequestOptions): Promise<AccessLogin>;
  /** Sends the login email again: a new invitation (the older link stops working) until activated, then a password reset. */
  sendLoginEmail(accountId: string, userId: string, input?: SendLoginEmailRequest, options?: RequestOptions): Promise<SendLoginEmailResponse>;
  /** Revokes the login: its sessions end and its links stop working; its profile keeps its other accounts. LAST_MANAGER possible. */
  revoke(accountId: string, userId: string, options?: RequestOptions): Promise<{ ok: true }>;
  /** Sets the registration key the dealer's billing prints, or (no key) rotates to a new random one; the old key stops working at once. */
  setRegistrationKey(accountId: string, registrationKey?: string, options?: RequestOptions): Promise<RegistrationKeyResponse>;
  /** Login profiles with this email address, and the accounts each already reaches. */
  findProfiles(email: string, options?: RequestOptions): Promise<LoginProfileList>;
  /** Access requests, newest first (pending unless `status` says otherwise). */
  accessRequests(query?: AccessRequestListQuery, options?: RequestOptions): Promise<AccessRequestPage>;
  accessRequest(requestId: string, options?: RequestOptions): Promise<AccessRequest>;
  /** Gives the person a login on `accountId` and sends the login email; answers the request, now approved. ACCESS_REQUEST_CLOSED when already decided. */
  approve(requestId: string, input: ApproveAccessRequest, options?: RequestOptions): Promise<AccessRequest>;
  /** Declines the request (nothing is emailed); answers the request, now declined. */
  decline(requestId: string, input?: DeclineAccessRequestInput, options?: RequestOptions): Promise<AccessRequest>;
}

/** Setup access and access requests over a back-office client (`adminAccessApi(admin)` costs nothing to call again). */
export function adminAccessApi(admin: AdminClient): AdminAccessApi {
  const { request } = admin;
  const access = (accountId: string) => routePath(Routes.admin.accountAccess, { accountId });
  const login = (path: string, accountId: string, userId: string) => routePath(path, { accountId, userId });
  const accessRequest = (path: string, requestId: string) => routePath(path, { requestId });
  return {
    people: (accountId, o) => request<AccountPeople>('GET', access(accountId), undefined, o),
    setup: (accountId, input, o) => request<AccessLogin>('POST', access(accountId), input, o),
    update: (accountId, userId, input, o) => request<AccessLogin>('PATCH', login(Routes.admin.accountAccessLogin, accountId, userId), input, o),
    sendLoginEmail: (accountId, userId, input = {}, o) =>
      request<SendLoginEmailResponse>('POST', login(Routes.admin.accountAccessLoginEmail, accountId, userId), input, o),
    revoke: (accountId, userId, o) => request<{ ok: true }>('DELETE', login(Routes.admin.accountAccessLogin, accountId, userId), undefined, o),
    setRegistrationKey: (accountId, registrationKey, o) =>
      request<RegistrationKeyResponse>(
        'POST',
        routePath(Routes.admin.accountRegistrationKey, { accountId }),
        registrationKey === undefined ? {} : { registrationKey },
        o,
      ),
    findProfiles: (email, o) => request<LoginProfileList>('GET', Routes.admin.loginProfiles + queryString({ email }), undefined, o),
    accessRequests: (query = {}, o) => request<AccessRequestPage>('GET', Routes.admin.accessRequests + queryString(query), undefined, o),
    accessRequest: (requestId, o) => request<AccessRequest>('GET', accessRequest(Routes.admin.accessRequest, requestId), undefined, o),
    approve: (requestId, input, o) => request<AccessRequest>('POST', accessRequest(Routes.admin.accessRequestApprove, requestId), input, o),
    decline: (requestId, input = {}, o) => {
      const note = input.note?.trim();
      return request<AccessRequest>('POST', accessRequest(Routes.admin.accessRequestDecline, requestId), note ? { note } : {}, o);
    },
  };
}
