/**
 * The whole key layout, in one place. Keys are built only here, only from validated ids,
 * digits and hashes — never from raw user text — so no input can reach another key.
 * Collections never nest inside each other, so listing one never returns another's keys.
 */
import { sha256Hex } from '../crypto.js';

/** Who made an upload: a portal user of an account, or a back-office caller (API key id or dealer staff id). */
export type Uploader = { accountId: string; userId: string } | { adminId: string };
// An admin id is configuration text (an API key's id): hashed, like other non-id text.
const uploaderSegment = (u: Uploader) => ('adminId' in u ? `a:${sha256Hex(u.adminId)}` : `u:${u.accountId}:${u.userId}`);

export const keys = {
  /** Account record. List `accounts(dealer)` pages through a dealer's accounts, oldest first. */
  account: (dealer: string, account: string) => `acct:${dealer}:${account}`,
  accounts: (dealer: string) => `acct:${dealer}`,
  /** Unique index: identifier (digits) -> account id. */
  identifier: (dealer: string, identifier: string) => `ident:${dealer}:${identifier}`,
  /** Unique index: customer number (hashed: it may contain `/`) -> account id. */
  customerNumber: (dealer: string, customerNumber: string) => `custno:${dealer}:${sha256Hex(customerNumber.toLowerCase())}`,

  /** User record inside an account. */
  user: (dealer: string, account: string, user: string) => `user:${dealer}:${account}:${user}`,
  users: (dealer: string, account: string) => `user:${dealer}:${account}`,
  /** Unique index: normalised username (hashed) -> user id, per account. */
  username: (dealer: string, account: string, normalizedUsername: string) => `uname:${dealer}:${account}:${sha256Hex(normalizedUsername)}`,

  /** A login profile: one person's credentials shared by their logins in several accounts. */
  loginProfile: (dealer: string, profile: string) => `lprof:${dealer}:${profile}`,
  /** Index: a login profile's email (lower-cased, hashed) -> profile id (a lookup aid: the profile's own email decides). */
  loginProfileEmail: (dealer: string, email: string) => `lpemail:${dealer}:${sha256Hex(email.toLowerCase())}`,
  /** Access requests from first-time visitors, dealer-wide (newest first in reverse). */
  accessRequest: (dealer: string, request: string) => `accreq:${dealer}:${request}`,
  accessRequests: (dealer: string) => `accreq:${dealer}`,
  /** Unique index: an email (lower-cased, hashed) -> its pending access request, so one person has one pending request at a time. */
  accessRequestPending: (dealer: string, email: string) => `accreqpend:${dealer}:${sha256Hex(email.toLowerCase())}`,

  /** Emergency call list entry of an account. */
  contact: (dealer: string, account: string, contact: string) => `contact:${dealer}:${account}:${contact}`,
  contacts: (dealer: string, account: string) => `contact:${dealer}:${account}`,

  /** A short-lived lock (insert-if-absent with a TTL) serialising changes to an account's users or call list. */
  accountLock: (dealer: string, account: string, what: 'users' | 'contacts' | 'documents' | 'payments' | 'payment-methods') => `lock:${dealer}:${account}:${what}`,

  /** The dealer's own staff (back office). List `dealerStaffList(dealer)`, oldest first. */
  dealerStaff: (dealer: string, staff: string) => `dstaff:${dealer}:${staff}`,
  dealerStaffList: (dealer: string) => `dstaff:${dealer}`,
  /** Unique index: dealer staff email (lower-cased, hashed) -> staff id. */
  dealerStaffEmail: (dealer: string, email: string) => `dsemail:${dealer}:${sha256Hex(email.toLowerCase())}`,

  /** Messages: `scope` is an account id (private) or `_all` (broadcast news). */
  message: (dealer: string, scope: string, message: string) => `msg:${dealer}:${scope}:${message}`,
  messages: (dealer: string, scope: string) => `msg:${dealer}:${scope}`,
  /** Index: message id -> the account it belongs to (null for a broadcast), so admins can address it by id alone. */
  messageScope: (dealer: string, message: string) => `msgscope:${dealer}:${message}`,
  /** Which messages one user has read. */
  messageReads: (dealer: string, account: string, user: string) => `msgread:${dealer}:${account}:${user}`,

  /** Shared documents of an account (the record), and their bytes (a separate key each). */
  document: (dealer: string, account: string, id: string) => `doc:${dealer}:${account}:${id}`,
  documents: (dealer: string, account: string) => `doc:${dealer}:${account}`,
  documentBytes: (dealer: string, account: string, id: string) => `docbin:${dealer}:${account}:${id}`,

  /** Proposals of an account (the record, by our id; newest first in reverse). */
  proposal: (dealer: string, account: string, id: string) => `prop:${dealer}:${account}:${id}`,
  proposals: (dealer: string, account: string) => `prop:${dealer}:${account}`,
  /** Unique index: the dealer's proposal number (lower-cased, hashed) -> proposal id, per account. */
  proposalNumber: (dealer: string, account: string, number: string) => `propno:${dealer}:${account}:${sha256Hex(number.toLowerCase())}`,
  /** A PDF of a proposal (bytes), by its SHA-256 (hex): every version's stays. */
  proposalDocument: (dealer: string, account: string, id: string, sha256: string) => `propdoc:${dealer}:${account}:${id}:${sha256}`,
  /** The signed PDF of an accepted proposal (bytes). */
  proposalSigned: (dealer: string, account: string, id: string) => `propsigned:${dealer}:${account}:${id}`,
  /** A drawn signature (PNG bytes), by its SHA-256 (hex). */
  proposalSignature: (dealer: string, account: string, id: string, sha256: string) => `propsig:${dealer}:${account}:${id}:${sha256}`,
  /** The proposal's evidence chain: one insert-only key per event, by sequence number (zero-padded: key order is chain order). */
  proposalEvent: (dealer: string, account: string, id: string, seq: number) => `propevt:${dealer}:${account}:${id}:${String(seq).padStart(8, '0')}`,
  proposalEvents: (dealer: string, account: string, id: string) => `propevt:${dealer}:${account}:${id}`,
  /** A login's consent to electronic records and signatures, per consent version (hashed: a version is text). */
  esignConsent: (dealer: string, account: string, user: string, version: string) => `esign:${dealer}:${account}:${user}:${sha256Hex(version)}`,

  /** Invoices of an account (the record, by our id). */
  invoice: (dealer: string, account: string, id: string) => `inv:${dealer}:${account}:${id}`,
  invoices: (dealer: string, account: string) => `inv:${dealer}:${account}`,
  /** Unique index: the dealer's invoice number (lower-cased, hashed) -> invoice id, per account. */
  invoiceNumber: (dealer: string, account: string, number: string) => `invno:${dealer}:${account}:${sha256Hex(number.toLowerCase())}`,
  /** A PDF the dealer supplied with an invoice (bytes), by its SHA-256 (hex): every version's stays. */
  invoiceDocument: (dealer: string, account: string, id: string, sha256: string) => `invdoc:${dealer}:${account}:${id}:${sha256}`,

  /**
   * Uploads waiting to be attached (record and bytes, both with a TTL), per uploader: a portal
   * user (`u:<account>:<user>`) or a back-office caller (`a:<SHA-256 of the admin id>`).
   * List `uploads(dealer, uploader)` counts one uploader's pending files.
   */
  upload: (dealer: string, uploader: Uploader, id: string) => `upload:${dealer}:${uploaderSegment(uploader)}:${id}`,
  uploads: (dealer: string, uploader: Uploader) => `upload:${dealer}:${uploaderSegment(uploader)}`,
  uploadBytes: (dealer: string, uploader: Uploader, id: string) => `uploadbin:${dealer}:${uploaderSegment(uploader)}:${id}`,
  /** The lock serialising one uploader's new uploads (so the pending cap holds). */
  uploadLock: (dealer: string, uploader: Uploader) => `lock:${dealer}:uploads:${uploaderSegment(uploader)}`,
  /** A claimed upload, now an attachment of an account (the record, with what it is attached to), and its bytes. */
  attachment: (dealer: string, account: string, id: string) => `attach:${dealer}:${account}:${id}`,
  attachmentBytes: (dealer: string, account: string, id: string) => `attachbin:${dealer}:${account}:${id}`,

  /** The dealer's request types for support tickets (one record). */
  requestTypes: (dealer: string) => `reqtypes:${dealer}`,
  /** Support tickets, dealer-wide (the back office lists every account's, newest first in reverse). */
  ticket: (dealer: string, ticket: string) => `ticket:${dealer}:${ticket}`,
  tickets: (dealer: string) => `ticket:${dealer}`,
  /** Index: one account's tickets (value `{ ticketId }`), so the portal lists only its own. */
  accountTicket: (dealer: string, account: string, ticket: string) => `tacct:${dealer}:${account}:${ticket}`,
  accountTickets: (dealer: string, account: string) => `tacct:${dealer}:${account}`,
  /** A ticket's thread: one key per entry, oldest first. */
  ticketEntry: (dealer: string, ticket: string, entry: string) => `tentry:${dealer}:${ticket}:${entry}`,
  ticketEntries: (dealer: string, ticket: string) => `tentry:${dealer}:${ticket}`,
  /** The counter behind the dealer's short ticket numbers (T-1001, …). */
  ticketCounter: (dealer: string) => `tnum:${dealer}`,

  /** An account's sites and their alarm systems, as the dealer's sync last gave them (one record). */
  sites: (dealer: string, account: string) => `sites:${dealer}:${account}`,
  /** Work orders, dealer-wide (the back office lists every account's, newest first in reverse). */
  workOrder: (dealer: string, workOrder: string) => `wo:${dealer}:${workOrder}`,
  workOrders: (dealer: string) => `wo:${dealer}`,
  /** Index: one account's work orders (value `{ workOrderId }`), so the portal lists only its own. */
  accountWorkOrder: (dealer: string, account: string, workOrder: string) => `woacct:${dealer}:${account}:${workOrder}`,
  accountWorkOrders: (dealer: string, account: string) => `woacct:${dealer}:${account}`,
  /** The counter behind the dealer's short work order numbers (WO-1001, …). */
  workOrderCounter: (dealer: string) => `wonum:${dealer}`,

  /** Events for the dealer's systems (sync API), oldest first. */
  event: (dealer: string, event: string) => `event:${dealer}:${event}`,
  events: (dealer: string) => `event:${dealer}`,

  /** The gateway's customer for an account (created once, per gateway): `{ customerRef }`. */
  paymentCustomer: (dealer: string, account: string, gateway: string) => `paycust:${dealer}:${account}:${gateway}`,
  /** Saved payment methods of an account (gateway references, brand, last four). */
  paymentMethod: (dealer: string, account: string, id: string) => `paymeth:${dealer}:${account}:${id}`,
  paymentMethods: (dealer: string, account: string) => `paymeth:${dealer}:${account}`,
  /** Payments of an account (newest first in reverse). */
  payment: (dealer: string, account: string, id: string) => `payment:${dealer}:${account}:${id}`,
  payments: (dealer: string, account: string) => `payment:${dealer}:${account}`,
  /** Unique index: the browser's idempotency key (hashed) -> the payment it made, per account. */
  paymentIdempotency: (dealer: string, account: string, key: string) => `payidem:${dealer}:${account}:${sha256Hex(key)}`,
  /** Index of payments still pending (what they reserve of each invoice); `paymentsPending(dealer)` lists every account's. */
  paymentPending: (dealer: string, account: string, id: string) => `paypend:${dealer}:${account}:${id}`,
  paymentsPendingOf: (dealer: string, account: string) => `paypend:${dealer}:${account}`,
  paymentsPending: (dealer: string) => `paypend:${dealer}`,
  /** Index: the gateway's charge reference (hashed) -> `{ accountId, paymentId }`, for callbacks. */
  paymentCharge: (dealer: string, gateway: string, chargeRef: string) => `paychg:${dealer}:${gateway}:${sha256Hex(chargeRef)}`,
  /** Unique index: a refund's idempotency key (hashed) -> what it refunded, per account. */
  refundIdempotency: (dealer: string, account: string, key: string) => `refidem:${dealer}:${account}:${sha256Hex(key)}`,
  /** The counter behind the dealer's receipt numbers of one year (R-2026-000123). */
  receiptCounter: (dealer: string, year: string) => `rcptnum:${dealer}:${year}`,
  /** An account's autopay (one record); `autopays(dealer)` lists every account's. */
  autopay: (dealer: string, account: string) => `autopay:${dealer}:${account}`,
  autopays: (dealer: string) => `autopay:${dealer}`,
  /** An account's autopay cycle (`YYYY-MM`), claimed insert-if-absent by the job: attempts, payments, next retry. */
  autopayCycle: (dealer: string, account: string, cycle: string) => `apcycle:${dealer}:${account}:${cycle}`,

  /** A payment gateway callback already processed (insert-if-absent, with a TTL); the event id is gateway text, hashed. */
  gatewayEvent: (dealer: string, gateway: string, eventId: string) => `gwevt:${dealer}:${gateway}:${sha256Hex(eventId)}`,

  /** Session by id; the record holds only SHA-256 of the secret. */
  session: (id: string) => `sess:${id}`,
  /** One-time token (reset link) by SHA-256 of its secret. */
  oneTimeToken: (secretHash: string) => `otk:${secretHash}`,

  /** Rate-limit counter; `subject` is hashed so addresses and identifiers are not stored. */
  rateLimit: (bucket: string, subject: string) => `rl:${bucket}:${sha256Hex(subject)}`,

  /** Audit entries of an account (or of the dealer when account is null), oldest first. */
  audit: (dealer: string, account: string | null, entry: string) => `audit:${dealer}:${account ?? '_dealer'}:${entry}`,
  audits: (dealer: string, account: string | null) => `audit:${dealer}:${account ?? '_dealer'}`,
} as const;
