/**
 * The whole key layout, in one place. Keys are built only here, only from validated ids,
 * digits and hashes — never from raw user text — so no input can reach another key.
 * Collections never nest inside each other, so listing one never returns another's keys.
 */
import { sha256Hex } from '../crypto.js';

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

  /** Emergency call list entry of an account. */
  contact: (dealer: string, account: string, contact: string) => `contact:${dealer}:${account}:${contact}`,
  contacts: (dealer: string, account: string) => `contact:${dealer}:${account}`,

  /** A short-lived lock (insert-if-absent with a TTL) serialising changes to an account's users or call list. */
  accountLock: (dealer: string, account: string, what: 'users' | 'contacts' | 'documents') => `lock:${dealer}:${account}:${what}`,

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

  /** Events for the dealer's systems (sync API), oldest first. */
  event: (dealer: string, event: string) => `event:${dealer}:${event}`,
  events: (dealer: string) => `event:${dealer}`,

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
