import * as v from 'valibot';
import { PERMISSIONS, ROLES } from '../permissions.js';
import { Actor, Email, Id, Identifier, PersonName, Timestamp } from './common.js';

export const CustomerNumber = v.pipe(
  v.string('Enter the customer number.'),
  v.trim(),
  v.regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/, 'Use 1 to 40 letters, digits, dots, dashes or slashes.'),
);
export const Zip = v.pipe(v.string(), v.trim(), v.regex(/^[A-Za-z0-9 -]{2,12}$/, 'Enter a valid ZIP or postal code.'));
export const Phone = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^[0-9+().\s-]{4,25}$/, 'Enter a phone number using digits, spaces, dashes or brackets.'),
  v.check((s) => s.replace(/\D+/g, '').length >= 4 && s.replace(/\D+/g, '').length <= 15, 'A phone number has 4 to 15 digits.'),
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
  /** What the user may do now (a manager: everything the account allows). */
  permissions: v.array(v.picklist(PERMISSIONS)),
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
