import * as v from 'valibot';
import { GRANT_SCOPES, PERMISSIONS, ROLES } from '../permissions.js';
import { Actor, Email, Id, Identifier, PersonName, Timestamp } from './common.js';
import { CUSTOMER_NUMBER_PATTERN, ONBOARDING_MESSAGES, PHONE_MAX_DIGITS, PHONE_MIN_DIGITS, PHONE_PATTERN, ZIP_PATTERN } from '../onboarding-checks.js';

export const CustomerNumber = v.pipe(
  v.string('Enter the customer number.'),
  v.trim(),
  v.regex(CUSTOMER_NUMBER_PATTERN, ONBOARDING_MESSAGES.customerNumberInvalid),
);
// Patterns and words shared with the browser's checks (onboarding-checks.ts).
export const Zip = v.pipe(v.string(), v.trim(), v.regex(ZIP_PATTERN, ONBOARDING_MESSAGES.zipInvalid));
export const Phone = v.pipe(
  v.string(),
  v.trim(),
  v.regex(PHONE_PATTERN, ONBOARDING_MESSAGES.phoneCharacters),
  v.check((s) => s.replace(/\D+/g, '').length >= PHONE_MIN_DIGITS && s.replace(/\D+/g, '').length <= PHONE_MAX_DIGITS, ONBOARDING_MESSAGES.phoneDigits),
);

const text = (missing: string, max: number) =>
  v.pipe(v.string(missing), v.trim(), v.minLength(1, missing), v.maxLength(max, `Use at most ${max} characters.`));
const optionalText = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max, `Use at most ${max} characters.`));

/** A postal address: street, city, state or province, postal code (and country when abroad). */
export const Address = v.strictObject({
  line1: text('Enter the street address.', 120),
  /** Apartment, suite, unit (optional; empty is none). */
  line2: v.optional(v.nullable(optionalText(120))),
  city: text('Enter the city.', 80),
  region: text('Enter the state or province.', 80),
  postalCode: v.pipe(v.string('Enter the ZIP or postal code.'), v.trim(), v.regex(/^[A-Za-z0-9 -]{2,12}$/, 'Enter a valid ZIP or postal code.')),
  country: v.optional(v.nullable(optionalText(60))),
});
export type Address = v.InferOutput<typeof Address>;
export type AddressInput = v.InferInput<typeof Address>;

/** The dealer's customer: a property, business or household. */
export const Account = v.object({
  id: Id,
  dealerId: v.string(),
  name: v.string(),
  customerNumber: v.nullable(v.string()),
  zip: v.nullable(v.string()),
  mainPhone: v.nullable(v.string()),
  /** The company's postal address (set by the dealer); users may choose to use it as theirs. */
  address: v.optional(v.nullable(Address)),
  /** What clients type at login: the main phone's digits or a random 8-digit number. */
  identifier: v.string(),
  identifierSource: v.picklist(['phone', 'random', 'manual']),
  /** What the account's users may be allowed to do at all (the dealer's ceiling; default every permission). */
  permissions: v.array(v.picklist(PERMISSIONS)),
  /**
   * The registration key printed at the bottom of the account's invoices: with the customer
   * number, ZIP and a name on the account it lets a client register (<porchlight-register>).
   * Null: registration is not possible for this account. Set or rotated by the dealer
   * (POST /v1/admin/accounts/:id/registration-key); only the back office sees it.
   */
  registrationKey: v.optional(v.nullable(v.string())),
  /** When the registration key was last set or rotated. */
  registrationKeyUpdatedAt: v.optional(v.nullable(Timestamp)),
  createdAt: Timestamp,
  createdBy: Actor,
  updatedAt: Timestamp,
  updatedBy: Actor,
});
export type Account = v.InferOutput<typeof Account>;

/** The account as its own users see it. */
export const PortalAccount = v.object({
  id: Id,
  name: v.string(),
  identifier: v.string(),
  customerNumber: v.nullable(v.string()),
  /** What the account allows: a manager cannot grant staff anything outside this. */
  permissions: v.array(v.picklist(PERMISSIONS)),
});
export type PortalAccount = v.InferOutput<typeof PortalAccount>;

export const UserStatus = v.picklist(['active', 'disabled']);

/** A set of grant scopes in a request: known names only, each at most once (an empty list: the login sees none of those parts). */
export const GrantList = v.pipe(
  v.array(v.picklist(GRANT_SCOPES, `Use parts from: ${GRANT_SCOPES.join(', ')}.`)),
  v.check((list) => new Set(list).size === list.length, 'List each part once.'),
);

/** A set of permissions in a request: known names only, each at most once. */
export const PermissionList = v.pipe(
  v.array(v.picklist(PERMISSIONS, `Use permission names from: ${PERMISSIONS.join(', ')}.`)),
  v.check((list) => new Set(list).size === list.length, 'List each permission once.'),
);

/** A user as the API shows them (never with a password hash). */
export const PublicUser = v.object({
  id: Id,
  accountId: Id,
  role: v.picklist(ROLES),
  username: v.string(),
  name: v.string(),
  email: v.nullable(v.string()),
  status: UserStatus,
  /** What the user may do now (a manager: everything the account allows), less what acts outside their grants. */
  permissions: v.array(v.picklist(PERMISSIONS)),
  /** "Grant access": the parts of the account's data this login may see (GRANT_SCOPES; every part unless the dealer narrowed it). */
  grants: v.array(v.picklist(GRANT_SCOPES)),
  /** The login profile this login belongs to when one person signs in to several accounts with one password (null: a login of this account only). */
  profileId: v.nullable(v.string()),
  mustChangePassword: v.boolean(),
  lastLoginAt: v.nullable(Timestamp),
  /** When and by whom the login was disabled (null while active). */
  disabledAt: v.nullable(Timestamp),
  disabledBy: v.nullable(Actor),
  createdAt: Timestamp,
  createdBy: Actor,
  updatedAt: Timestamp,
  updatedBy: Actor,
});
export type PublicUser = v.InferOutput<typeof PublicUser>;

// ---- admin requests -------------------------------------------------------------------

export const CreateAccountRequest = v.strictObject({
  name: PersonName,
  customerNumber: v.optional(CustomerNumber),
  zip: v.optional(Zip),
  mainPhone: v.optional(Phone),
  /** The company's postal address. */
  address: v.optional(Address),
  /** Set the identifier by hand; otherwise it comes from the main phone or is random. */
  identifier: v.optional(Identifier),
});
export type CreateAccountRequest = v.InferInput<typeof CreateAccountRequest>;

export const UpdateAccountRequest = v.strictObject({
  name: v.optional(PersonName),
  customerNumber: v.optional(v.nullable(CustomerNumber)),
  zip: v.optional(v.nullable(Zip)),
  mainPhone: v.optional(v.nullable(Phone)),
  /** The company's postal address (null removes it). */
  address: v.optional(v.nullable(Address)),
  /** Change the identifier clients log in with (their sessions stay valid). */
  identifier: v.optional(Identifier),
  /** Narrow (or widen) what the account's users may be allowed to do; takes effect on their next request. */
  permissions: v.optional(PermissionList),
});
export type UpdateAccountRequest = v.InferInput<typeof UpdateAccountRequest>;

export const AccountQuery = v.strictObject({
  /** Search: name (contains, any case or accent), customer number or identifier (exact). */
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(120, 'Search with at most 120 characters.'))),
  identifier: v.optional(Identifier),
  customerNumber: v.optional(CustomerNumber),
  limit: v.optional(v.pipe(v.string(), v.transform(Number), v.integer('limit is a whole number.'), v.minValue(1), v.maxValue(100))),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
});

export const CreateManagerRequest = v.strictObject({
  username: v.pipe(v.string('Enter a username.'), v.trim(), v.minLength(1, 'Enter a username.'), v.maxLength(64, 'Use at most 64 characters.')),
  /** An initial password: temporary, the manager must change it at first login. */
  password: v.string('Enter an initial password.'),
  name: v.optional(PersonName),
  email: v.optional(Email),
});
export type CreateManagerRequest = v.InferInput<typeof CreateManagerRequest>;

export const EmulateRequest = v.strictObject({
  /** The user to emulate; defaults to the account's (first) manager. */
  userId: v.optional(Id),
  /** Why the admin is emulating, kept in the audit log. */
  reason: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500))),
});
export type EmulateRequest = v.InferInput<typeof EmulateRequest>;
