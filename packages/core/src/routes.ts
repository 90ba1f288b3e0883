/**
 * The HTTP API's paths, relative to where the handler is mounted. The server registers these
 * and the client calls them, so a path is written once.
 */
export const API_VERSION = 'v1';

export const Routes = {
  dealer: '/v1/dealer',
  login: '/v1/auth/login',
  logout: '/v1/auth/logout',
  session: '/v1/auth/session',
  changePassword: '/v1/auth/password',
  forgotPassword: '/v1/auth/forgot',
  checkResetToken: '/v1/auth/reset/check',
  resetPassword: '/v1/auth/reset',
  admin: {
    accounts: '/v1/admin/accounts',
    account: '/v1/admin/accounts/:accountId',
    accountUsers: '/v1/admin/accounts/:accountId/users',
    /** PUT: assign the account manager's username and temporary password. */
    accountManager: '/v1/admin/accounts/:accountId/manager',
    emulate: '/v1/admin/accounts/:accountId/emulate',
    accountAudit: '/v1/admin/accounts/:accountId/audit',
  },
} as const;

/** Header a multi-dealer deployment reads to know which dealer a request is for. */
export const DEALER_HEADER = 'Porchlight-Dealer';
/** Header naming the person in the dealer's back office behind an admin API call (for the audit log). */
export const ADMIN_ACTOR_HEADER = 'Porchlight-Admin';
