import * as v from 'valibot';
import { Actor, Email, Id, Identifier, NewPassword, PersonName, Timestamp, Username } from './common.js';
import { CustomerNumber, GrantList, PermissionList, Phone, PublicUser, Zip } from './account.js';
import { ACCESS_MESSAGE_MAX, atMost, COMPANY_MAX, ONBOARDING_MESSAGES as M, ONBOARDING_NAME_MAX, REGISTRATION_KEY_PATTERN, normalizeRegistrationKey } from '../onboarding-checks.js';

/**
 * Onboarding: every way a client gets into the portal (docs/onboarding.md).
 * - Registration key: the client types what is on their invoice and gets a login (username = email).
 * - Setup access + login email: the dealer sets up a login and emails a set-password link (48 h) or a temporary password.
 * - Request access: a first-time visitor asks; the dealer approves, which sends the login email.
 * Public requests always get the same neutral answer (AcceptedResponse), whether or not
 * anything matched; what happens next happens by email.
 */

// The words and patterns live in onboarding-checks.ts, which the sign-up elements check with in the browser.
const Name = (missing: string) => v.pipe(v.string(missing), v.trim(), v.minLength(1, missing), v.maxLength(ONBOARDING_NAME_MAX, atMost(ONBOARDING_NAME_MAX)));

/** The registration key as typed: letters, digits and dashes (spaces and case do not matter). */
export const RegistrationKeyInput = v.pipe(
  v.string(M.registrationKeyMissing),
  v.transform(normalizeRegistrationKey),
  v.minLength(1, M.registrationKeyMissing),
  v.regex(REGISTRATION_KEY_PATTERN, M.registrationKeyInvalid),
);

/** POST /v1/register (dealer setting onboarding.registration). */
export const RegisterRequest = v.strictObject({
  registrationKey: RegistrationKeyInput,
  customerNumber: v.pipe(v.string(M.customerNumberMissing), CustomerNumber),
  zip: v.pipe(v.string(M.zipMissing), Zip),
  firstName: Name(M.registerFirstNameMissing),
  lastName: Name(M.lastNameMissing),
  phone: v.pipe(v.string(M.phoneMissing), Phone),
  /** Becomes the username; the confirmation goes here. */
  email: v.pipe(v.string(M.emailMissing), Email),
});
export type RegisterRequest = v.InferInput<typeof RegisterRequest>;

/** POST /v1/access-requests (dealer setting onboarding.requestAccess): a first-time visitor asks for a login. */
export const AccessRequestInput = v.strictObject({
  firstName: Name(M.firstNameMissing),
  lastName: Name(M.lastNameMissing),
  email: v.pipe(v.string(M.emailMissing), Email),
  phone: v.optional(v.pipe(v.string(), Phone)),
  /** The company, property or household the access is for. */
  company: v.pipe(v.string(M.companyMissing), v.trim(), v.minLength(1, M.companyMissing), v.maxLength(COMPANY_MAX, atMost(COMPANY_MAX))),
  /** If they know it. */
  customerNumber: v.optional(v.pipe(v.string(), CustomerNumber)),
  message: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(ACCESS_MESSAGE_MAX, atMost(ACCESS_MESSAGE_MAX)))),
});
export type AccessRequestInput = v.InferInput<typeof AccessRequestInput>;

/** POST /v1/auth/activate/resend: "send me a new link" for a login email that expired or got lost (neutral answer). */
export const ResendLoginEmailRequest = v.strictObject({
  identifier: Identifier,
  email: v.pipe(v.string(M.emailMissing), Email),
});
export type ResendLoginEmailRequest = v.InferInput<typeof ResendLoginEmailRequest>;

const Token = v.pipe(v.string('The link is missing its token.'), v.minLength(10, 'The link is not complete.'), v.maxLength(200));

/** POST /v1/auth/activate/check { token }: what the set-password page shows before the person types. */
export const CheckActivationRequest = v.strictObject({ token: Token });
export const ActivationInfo = v.object({
  valid: v.boolean(),
  expiresAt: v.nullable(Timestamp),
  /** Only when valid: who the link is for, so the page can greet them and show the username to log in with. */
  name: v.nullable(v.string()),
  username: v.nullable(v.string()),
  identifier: v.nullable(v.string()),
  accountName: v.nullable(v.string()),
  /** The person's login profile already has a password (added to another account): choosing one here changes it for every account. */
  hasPassword: v.boolean(),
});
export type ActivationInfo = v.InferOutput<typeof ActivationInfo>;

/** POST /v1/auth/activate: choose the password with the emailed link; answers a signed-in SessionResponse (with token). */
export const ActivateRequest = v.strictObject({ token: Token, newPassword: NewPassword });
export type ActivateRequest = v.InferInput<typeof ActivateRequest>;

// ---- the dealer's side: people on an account, Setup access -------------------------------

/** Where a login stands in onboarding. */
export const ACCESS_STATES = ['active', 'invited', 'invitation-expired', 'disabled'] as const;
export type AccessState = (typeof ACCESS_STATES)[number];

/** The newest login email of a login not yet activated. */
export const Invitation = v.object({
  sentAt: Timestamp,
  expiresAt: Timestamp,
  /** What it carried. */
  credentials: v.picklist(['link', 'temporary-password']),
  sentBy: Actor,
});
export type Invitation = v.InferOutput<typeof Invitation>;

/** A login of the account as Setup access shows it. */
export const AccessLogin = v.object({
  user: PublicUser,
  state: v.picklist(ACCESS_STATES),
  /** When the person first set a password (or first logged in with a temporary one); null until then. */
  activatedAt: v.nullable(Timestamp),
  invitation: v.nullable(Invitation),
  /** The other accounts this login's profile reaches (names and identifiers). */
  otherAccounts: v.array(v.object({ accountId: Id, name: v.string(), identifier: v.string() })),
});
export type AccessLogin = v.InferOutput<typeof AccessLogin>;

/** GET /v1/admin/accounts/:accountId/access: the account's logins, and call-list people who have none yet. */
export const AccountPeople = v.object({
  logins: v.array(AccessLogin),
  /** Call-list contacts with no login of the same name: "Setup access" starts from them. */
  contacts: v.array(v.object({ contactId: Id, name: v.string(), phone: v.string() })),
  /** The account's registration key (null: none set, registration impossible). */
  registrationKey: v.nullable(v.string()),
  registrationKeyUpdatedAt: v.nullable(Timestamp),
});
export type AccountPeople = v.InferOutput<typeof AccountPeople>;

/** POST /v1/admin/accounts/:accountId/access: set up a login for a person. */
export const SetupAccessRequest = v.strictObject({
  name: PersonName,
  email: v.pipe(v.string('Enter the email address the login email goes to.'), Email),
  /** Default: the email address. Unique within the account. */
  username: v.optional(Username),
  /** Reuse this existing login profile (one password for several accounts); default: a new profile. */
  profileId: v.optional(Id),
  /** Default 'client'. */
  role: v.optional(v.picklist(['client', 'staff', 'manager'], 'The role is client, staff or manager.')),
  /** "Grant access": the parts of the data this login may see. Default: the dealer's onboarding.defaultGrants, else every part. */
  grants: v.optional(GrantList),
  /** What the login may do (not for managers). Default CLIENT_DEFAULT_PERMISSIONS (client) or STAFF_DEFAULT_PERMISSIONS (staff). */
  permissions: v.optional(PermissionList),
  /** Send the login email now (default true). */
  sendLoginEmail: v.optional(v.boolean()),
  /** Override the dealer's onboarding.credentials for this email. */
  credentials: v.optional(v.picklist(['link', 'temporary-password'], "Use 'link' or 'temporary-password'.")),
});
export type SetupAccessRequest = v.InferInput<typeof SetupAccessRequest>;

/** PATCH /v1/admin/accounts/:accountId/access/:userId: change what the login may see or do, its username, name or email. */
export const UpdateAccessRequest = v.strictObject({
  name: v.optional(PersonName),
  email: v.optional(Email),
  username: v.optional(Username),
  role: v.optional(v.picklist(['client', 'staff', 'manager'], 'The role is client, staff or manager.')),
  grants: v.optional(GrantList),
  permissions: v.optional(PermissionList),
});
export type UpdateAccessRequest = v.InferInput<typeof UpdateAccessRequest>;

/**
 * POST /v1/admin/accounts/:accountId/access/:userId/login-email: send (or re-send) the login
 * email. Not yet activated: a new invitation (the older link stops working). Already active:
 * a password reset link ("re-send as a reset").
 */
export const SendLoginEmailRequest = v.strictObject({
  credentials: v.optional(v.picklist(['link', 'temporary-password'], "Use 'link' or 'temporary-password'.")),
});
export type SendLoginEmailRequest = v.InferInput<typeof SendLoginEmailRequest>;

export const SendLoginEmailResponse = v.object({
  ok: v.literal(true),
  message: v.string(),
  kind: v.picklist(['invitation', 'reset']),
  expiresAt: Timestamp,
  login: AccessLogin,
});
export type SendLoginEmailResponse = v.InferOutput<typeof SendLoginEmailResponse>;

/** GET /v1/admin/login-profiles?email=: existing login profiles to reuse for another account. */
export const LoginProfileSummary = v.object({
  profileId: Id,
  name: v.string(),
  email: v.string(),
  accounts: v.array(v.object({ accountId: Id, name: v.string(), identifier: v.string(), username: v.string() })),
});
export type LoginProfileSummary = v.InferOutput<typeof LoginProfileSummary>;
export const LoginProfileQuery = v.strictObject({ email: v.pipe(v.string('Give the email address to look up.'), Email) });
export const LoginProfileList = v.object({ items: v.array(LoginProfileSummary) });
export type LoginProfileList = v.InferOutput<typeof LoginProfileList>;

/** POST /v1/admin/accounts/:accountId/registration-key: set the key the dealer's billing prints, or (no key) rotate to a new random one. */
export const RegistrationKeyRequest = v.strictObject({
  registrationKey: v.optional(RegistrationKeyInput),
});
export const RegistrationKeyResponse = v.object({ registrationKey: v.string(), registrationKeyUpdatedAt: Timestamp });
export type RegistrationKeyResponse = v.InferOutput<typeof RegistrationKeyResponse>;

// ---- access requests --------------------------------------------------------------------

export const ACCESS_REQUEST_STATUSES = ['pending', 'approved', 'declined'] as const;

export const AccessRequest = v.object({
  id: Id,
  status: v.picklist(ACCESS_REQUEST_STATUSES),
  firstName: v.string(),
  lastName: v.string(),
  email: v.string(),
  phone: v.nullable(v.string()),
  company: v.string(),
  customerNumber: v.nullable(v.string()),
  message: v.nullable(v.string()),
  createdAt: Timestamp,
  /** Approved: the account and login it became; declined: the note. */
  decidedAt: v.nullable(Timestamp),
  decidedBy: v.nullable(Actor),
  accountId: v.nullable(Id),
  userId: v.nullable(Id),
  note: v.nullable(v.string()),
});
export type AccessRequest = v.InferOutput<typeof AccessRequest>;

export const AccessRequestQuery = v.strictObject({
  status: v.optional(v.picklist([...ACCESS_REQUEST_STATUSES, 'all'], 'Use pending, approved, declined or all.')),
  limit: v.optional(v.pipe(v.string(), v.transform(Number), v.integer('limit is a whole number.'), v.minValue(1), v.maxValue(100))),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
});
export const AccessRequestPage = v.object({ items: v.array(AccessRequest), cursor: v.nullable(v.string()) });
export type AccessRequestPage = v.InferOutput<typeof AccessRequestPage>;

/** POST /v1/admin/access-requests/:requestId/approve: give the person a login on an account and send the login email. */
export const ApproveAccessRequest = v.strictObject({
  accountId: Id,
  username: v.optional(Username),
  role: v.optional(v.picklist(['client', 'staff', 'manager'], 'The role is client, staff or manager.')),
  grants: v.optional(GrantList),
  permissions: v.optional(PermissionList),
  profileId: v.optional(Id),
});
export type ApproveAccessRequest = v.InferInput<typeof ApproveAccessRequest>;

/** POST /v1/admin/access-requests/:requestId/decline. No email goes to the person (the answer they got was neutral). */
export const DeclineAccessRequest = v.strictObject({
  note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500, 'Use at most 500 characters.'))),
});
