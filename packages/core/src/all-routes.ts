/**
 * The portal's routes beyond AccountRoutes, the billing and back-office routes, and `Routes`,
 * every route in one object. In a module of their own, apart from AccountRoutes (routes.ts): a
 * sign-in page's bundle takes routes.ts and must not carry these.
 */
import { AccountRoutes } from './routes.js';

/** The portal's own routes: the ones createClient calls (AccountRoutes), onboarding, and the account's features. */
export const PortalRoutes = {
  ...AccountRoutes,
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

/**
 * Invoices, payments, payment methods and autopay (see schemas/billing.ts). Portal routes
 * need `invoices.view` to read, `invoices.pay` to pay, `payment-methods.manage` for methods
 * and autopay; the back office's need `accounts.read` / `accounts.write`.
 */
export const BillingRoutes = {
  /** GET the account's invoices (?status=open|paid|all&sort=due|number|issued&order=asc|desc&limit=&cursor=); default open, due date first. */
  invoices: '/v1/invoices',
  /** GET one invoice with its lines. */
  invoice: '/v1/invoices/:invoiceId',
  /** GET the invoice's PDF (the dealer's own, or rendered), as an attachment. */
  invoicePdf: '/v1/invoices/:invoiceId/pdf',
  /** GET what the browser needs for the payment form: gateway, publishable key, kinds, currency, autopay defaults. */
  config: '/v1/billing/config',
  /** Saved methods: GET list, POST add one from a gateway token (`payment-methods.manage`). */
  paymentMethods: '/v1/payment-methods',
  /** POST { kind }: start collecting a method (Stripe: a SetupIntent's client secret) (`payment-methods.manage`). */
  paymentMethodSetup: '/v1/payment-methods/setup',
  /** DELETE a saved method (`payment-methods.manage`). */
  paymentMethod: '/v1/payment-methods/:methodId',
  /** POST: make it the default method (`payment-methods.manage`). */
  paymentMethodDefault: '/v1/payment-methods/:methodId/default',
  /** GET payment history (?status=&limit=&cursor=), newest first; POST pay invoices (`invoices.pay`, idempotent by key). */
  payments: '/v1/payments',
  /** GET one payment. */
  payment: '/v1/payments/:paymentId',
  /** GET the payment's receipt (PDF), as an attachment. */
  paymentReceipt: '/v1/payments/:paymentId/receipt',
  /** GET the account's autopay; PUT turn on or change (agreeing to the authorization); DELETE turn off. */
  autopay: '/v1/autopay',
  /**
   * POST: the payment gateway's callback (webhook), public and unauthenticated: verified by the
   * gateway's signature over the raw body. `:gatewayId` is the gateway's id (`stripe`,
   * `sandbox`); a portal serving several dealers names the dealer with `?dealer=<id>`.
   */
  callback: '/v1/billing/callbacks/:gatewayId',
  admin: {
    /** GET the account's invoices (?status=&sort=&order=&limit=&cursor=; default all, newest issue date first). */
    invoices: '/v1/admin/accounts/:accountId/invoices',
    /** PUT the invoice by the dealer's number (sync; idempotent); GET it. */
    invoice: '/v1/admin/accounts/:accountId/invoices/:invoiceNumber',
    /** GET the invoice's PDF. */
    invoicePdf: '/v1/admin/accounts/:accountId/invoices/:invoiceNumber/pdf',
    /** GET the account's payments (?status=&limit=&cursor=), newest first. */
    payments: '/v1/admin/accounts/:accountId/payments',
    /** GET one payment of the account. */
    payment: '/v1/admin/accounts/:accountId/payments/:paymentId',
    /** POST { idempotencyKey, amountCents?, reason? }: refund all or part of a payment. */
    paymentRefund: '/v1/admin/accounts/:accountId/payments/:paymentId/refund',
    /** GET the account's autopay (read only: only the client turns it on). */
    autopay: '/v1/admin/accounts/:accountId/autopay',
  },
} as const;

export const AdminRoutes = {
  /** The dealer's request types for support tickets: GET, PUT (all at once). */
  requestTypes: '/v1/admin/request-types',
  /** POST a file for a staff reply (raw bytes, ?filename=). */
  uploads: '/v1/admin/uploads',
  /** Every account's tickets, newest first (?status=&q=&accountId=&cursor=). */
  tickets: '/v1/admin/tickets',
  /** GET one ticket; PATCH { status }. */
  ticket: '/v1/admin/tickets/:ticketId',
  /** POST a staff reply (may also set the status); the author and subscribers are emailed. */
  ticketReplies: '/v1/admin/tickets/:ticketId/replies',
  /** POST propose an estimate. */
  ticketEstimates: '/v1/admin/tickets/:ticketId/estimates',
  /** POST { } withdraw a proposed estimate. */
  ticketEstimateWithdraw: '/v1/admin/tickets/:ticketId/estimates/:entryId/withdraw',
  ticketAttachment: '/v1/admin/tickets/:ticketId/attachments/:attachmentId',
  /** Broadcast news to every account of the dealer: GET all messages, POST a broadcast. */
  messages: '/v1/admin/messages',
  /** PATCH (e.g. valid until) or DELETE one message. */
  message: '/v1/admin/messages/:messageId',
  /** GET / POST private messages to one account. */
  accountMessages: '/v1/admin/accounts/:accountId/messages',
  /** GET the account's shared documents; POST share one (the raw file as the body, ?filename=&title=&visibleTo=). */
  documents: '/v1/admin/accounts/:accountId/documents',
  /** DELETE: stop sharing (removes the file). */
  document: '/v1/admin/accounts/:accountId/documents/:documentId',
  /** GET the account's proposals (?limit=&cursor=), newest first. */
  proposals: '/v1/admin/accounts/:accountId/proposals',
  /** PUT the proposal by the dealer's number (sync; idempotent, a change makes a new version); GET it. */
  proposal: '/v1/admin/accounts/:accountId/proposals/:proposalNumber',
  /** GET the proposal's current PDF. */
  proposalDocument: '/v1/admin/accounts/:accountId/proposals/:proposalNumber/document',
  /** GET the signed PDF of an accepted proposal. */
  proposalSigned: '/v1/admin/accounts/:accountId/proposals/:proposalNumber/signed',
  /** GET the evidence chain and its verification. */
  proposalEvidence: '/v1/admin/accounts/:accountId/proposals/:proposalNumber/evidence',
  /** POST { reason? }: withdraw an open proposal. */
  proposalWithdraw: '/v1/admin/accounts/:accountId/proposals/:proposalNumber/withdraw',
  /** The account's sites and systems: GET; PUT all at once (sync, idempotent). */
  accountSites: '/v1/admin/accounts/:accountId/sites',
  /** Every account's work orders, newest first (?status=open|closed|all&accountId=&limit=&cursor=). */
  workOrders: '/v1/admin/work-orders',
  workOrder: '/v1/admin/work-orders/:workOrderId',
  /** POST { status, at, note?, externalRef? }: what the dealer's system says happened (idempotent). */
  workOrderStatus: '/v1/admin/work-orders/:workOrderId/status',
  /** POST { body }: a note from the dealer. */
  workOrderNotes: '/v1/admin/work-orders/:workOrderId/notes',
  workOrderPhoto: '/v1/admin/work-orders/:workOrderId/photos/:attachmentId',
  /** What changed in the portal that the dealer's systems should pick up (e.g. contact changes), oldest first, paged. */
  events: '/v1/admin/events',
  /** Back-office sign-in for the dealer's own staff (email + password). */
  login: '/v1/admin/auth/login',
  session: '/v1/admin/auth/session',
  logout: '/v1/admin/auth/logout',
  changePassword: '/v1/admin/auth/password',
  /** The dealer's own staff: GET list, POST add (owner or API key). */
  dealerStaff: '/v1/admin/staff',
  dealerStaffMember: '/v1/admin/staff/:staffId',
  accounts: '/v1/admin/accounts',
  account: '/v1/admin/accounts/:accountId',
  /** GET the account's users; POST add office staff on the manager's behalf. */
  accountUsers: '/v1/admin/accounts/:accountId/users',
  /** PUT: assign the account manager's username and temporary password. */
  accountManager: '/v1/admin/accounts/:accountId/manager',
  emulate: '/v1/admin/accounts/:accountId/emulate',
  /** Setup access: GET the account's logins (state, invitation, grants) and call-list people without one; POST set up a login. */
  accountAccess: '/v1/admin/accounts/:accountId/access',
  /** PATCH what a login may see or do; DELETE revoke it (ends its sessions and links; the profile keeps its other accounts). */
  accountAccessLogin: '/v1/admin/accounts/:accountId/access/:userId',
  /** POST: send or re-send the login email (an invitation until activated, then a reset). */
  accountAccessLoginEmail: '/v1/admin/accounts/:accountId/access/:userId/login-email',
  /** POST { registrationKey? }: set or rotate the account's registration key. */
  accountRegistrationKey: '/v1/admin/accounts/:accountId/registration-key',
  /** GET ?email=: login profiles to reuse. */
  loginProfiles: '/v1/admin/login-profiles',
  /** GET access requests (?status=pending|approved|declined|all&limit=&cursor=), newest first. */
  accessRequests: '/v1/admin/access-requests',
  accessRequest: '/v1/admin/access-requests/:requestId',
  /** POST { accountId, grants?, … }: approve (creates the login, sends the login email). */
  accessRequestApprove: '/v1/admin/access-requests/:requestId/approve',
  /** POST { note? }: decline. */
  accessRequestDecline: '/v1/admin/access-requests/:requestId/decline',
  accountAudit: '/v1/admin/accounts/:accountId/audit',
} as const;

/**
 * Every route: the portal's, `billing` and the back office's (`admin`). Separate objects so a
 * sign-in page's bundle, which needs only AccountRoutes, does not carry the rest.
 */
export const Routes = { ...PortalRoutes, billing: BillingRoutes, admin: AdminRoutes } as const;
