/**
 * The HTTP API's paths, relative to where the handler is mounted. The server registers these
 * and the client calls them, so a path is written once.
 */
export const API_VERSION = 'v1';

/**
 * The routes createClient calls: sign-in, the session, and the signed-in account's own records
 * (staff, activity, contacts, messages, documents, profile). The rest of the portal's routes
 * (PortalRoutes) are in all-routes.ts, so a sign-in page's bundle carries only these.
 */
export const AccountRoutes = {
  dealer: '/v1/dealer',
  login: '/v1/auth/login',
  logout: '/v1/auth/logout',
  session: '/v1/auth/session',
  changePassword: '/v1/auth/password',
  forgotPassword: '/v1/auth/forgot',
  checkResetToken: '/v1/auth/reset/check',
  resetPassword: '/v1/auth/reset',
  /** POST { accountId }: move to another account of the same login profile (new token; the old session ends). */
  switchAccount: '/v1/auth/switch',
  /** Staff manager: GET list, POST add. */
  staff: '/v1/staff',
  /** GET one, PATCH name/email/role/permissions, DELETE remove. */
  staffUser: '/v1/staff/:userId',
  staffDisable: '/v1/staff/:userId/disable',
  staffEnable: '/v1/staff/:userId/enable',
  /** Email the user a link to choose a new password (the manager never sees it). */
  staffSendPasswordLink: '/v1/staff/:userId/password-link',
  staffEndSessions: '/v1/staff/:userId/end-sessions',
  /** The account's audit trail for its manager (filters: person, kind). */
  activity: '/v1/activity',
  /** The emergency call list: GET list, POST add. */
  contacts: '/v1/contacts',
  /** PATCH change, DELETE remove. */
  contact: '/v1/contacts/:contactId',
  /** Messages from the dealer (private to the account, or broadcast news): GET the ones still valid. */
  messages: '/v1/messages',
  /** POST: mark one message read for the signed-in user. */
  messageRead: '/v1/messages/:messageId/read',
  /** Documents the dealer shared with the account (or with this login): GET the list. */
  documents: '/v1/documents',
  /** GET: the document's bytes, as an attachment. */
  documentFile: '/v1/documents/:documentId/file',
  /** The signed-in user's profile: GET, PATCH (email or phone changes need the current password). */
  profile: '/v1/profile',
  /** POST { token }: confirm a new email address with the link sent to it. */
  confirmEmail: '/v1/profile/email/confirm',
} as const;

/** Header a multi-dealer deployment reads to know which dealer a request is for. */
export const DEALER_HEADER = 'Porchlight-Dealer';
/** Header naming the person in the dealer's back office behind an admin API call (for the audit log). */
/** Fills `:name` parameters of a route path (each value URL-encoded). */
export function routePath(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`routePath: missing :${name} for ${path}`);
    return encodeURIComponent(value);
  });
}

export const ADMIN_ACTOR_HEADER = 'Porchlight-Admin';
