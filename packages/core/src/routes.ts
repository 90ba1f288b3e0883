/**
 * The HTTP API's paths, relative to where the handler is mounted. The server registers these
 * and the client calls them, so a path is written once.
 */
export const API_VERSION = 'v1';

/** The portal's own routes: sign-in, the session, the account's records (what createClient calls). */
export const PortalRoutes = {
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
  /** POST { token }: who an emailed set-password link is for (ActivationInfo). */
  checkActivation: '/v1/auth/activate/check',
  /** POST { token, newPassword }: choose the password with the link; signs the person in. */
  activate: '/v1/auth/activate',
  /** POST { identifier, email }: send a fresh login email (neutral answer). */
  resendLoginEmail: '/v1/auth/activate/resend',
  /** POST the registration form (neutral answer; dealer setting onboarding.registration). */
  register: '/v1/register',
  /** POST a first-time visitor's request for access (neutral answer; dealer setting onboarding.requestAccess). */
  accessRequests: '/v1/access-requests',
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
  /** Proposals of the account: GET list (?limit=&cursor=), newest first. */
  proposals: '/v1/proposals',
  /** GET one (records a "viewed" event for the PDF it points at). */
  proposal: '/v1/proposals/:proposalId',
  /** GET the proposal's PDF: the exact bytes whose SHA-256 an acceptance sends back. */
  proposalDocument: '/v1/proposals/:proposalId/document',
  /** POST { consentVersion }: agree to electronic records and signatures (once per login and consent version). */
  proposalConsent: '/v1/proposals/:proposalId/consent',
  /** POST { documentSha256, typedName, signaturePng, strokes, points, consentVersion, intentVersion } (`proposals.decide`, not emulated). */
  proposalAccept: '/v1/proposals/:proposalId/accept',
  /** POST { reasons, note?, documentSha256? } (`proposals.decide`, not emulated). */
  proposalReject: '/v1/proposals/:proposalId/reject',
  /** GET the signed PDF (document + signature certificate) of an accepted proposal. */
  proposalSigned: '/v1/proposals/:proposalId/signed',
  /** The signed-in user's profile: GET, PATCH (email or phone changes need the current password). */
  profile: '/v1/profile',
  /** POST { token }: confirm a new email address with the link sent to it. */
  confirmEmail: '/v1/profile/email/confirm',
  /** POST a file (raw bytes as the body, ?filename=): stored for 24 h until a ticket, reply or work order names it. */
  uploads: '/v1/uploads',
  /** Support tickets: GET list (?status=open|completed|all&q=&cursor=), POST open one (`tickets.use`). */
  tickets: '/v1/tickets',
  /** GET the dealer's active request types (the "nature of your request" and its fields). */
  ticketRequestTypes: '/v1/tickets/request-types',
  /** GET the account's active users a ticket can be shared with. */
  ticketPeople: '/v1/tickets/people',
  /** GET one ticket with its thread. */
  ticket: '/v1/tickets/:ticketId',
  /** POST a reply (`tickets.use`). */
  ticketReplies: '/v1/tickets/:ticketId/replies',
  /** PUT the ticket's subscribers (`tickets.use`). */
  ticketSubscribers: '/v1/tickets/:ticketId/subscribers',
  /** POST { status }: the client completes or reopens the ticket (`tickets.use`). */
  ticketStatus: '/v1/tickets/:ticketId/status',
  /** POST { decision, note }: approve or decline an estimate (`tickets.use`). */
  ticketEstimateDecision: '/v1/tickets/:ticketId/estimates/:entryId/decision',
  /** GET a file of the ticket (its form or thread), as an attachment. */
  ticketAttachment: '/v1/tickets/:ticketId/attachments/:attachmentId',
  /** GET the account's sites and their alarm systems (synced from the dealer). */
  sites: '/v1/sites',
  /** Work orders: GET list (?status=open|closed|all&limit=&cursor=), POST send one (`work-orders.submit`). */
  workOrders: '/v1/work-orders',
  /** GET one work order with its timeline and notes. */
  workOrder: '/v1/work-orders/:workOrderId',
  /** POST { body }: add a note (`work-orders.submit`). */
  workOrderNotes: '/v1/work-orders/:workOrderId/notes',
  /** GET a photo of the work order, as an attachment. */
  workOrderPhoto: '/v1/work-orders/:workOrderId/photos/:attachmentId',
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
