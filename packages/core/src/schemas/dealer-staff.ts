import * as v from 'valibot';
import { ADMIN_ABILITIES, DEALER_STAFF_ROLES } from '../permissions.js';
import { Actor, Email, Id, NewPassword, PasswordInput, PersonName, Timestamp } from './common.js';
import { PublicDealer } from './dealer.js';

/**
 * The dealer's own people (owner, admin, support) who sign in to the back-office elements with
 * email + password. The dealer API key stays for server-to-server calls.
 */
export const PublicDealerStaff = v.object({
  id: Id,
  dealerId: v.string(),
  email: v.string(),
  name: v.string(),
  role: v.picklist(DEALER_STAFF_ROLES),
  status: v.picklist(['active', 'disabled']),
  /** What this person may do in the back office (from the role). */
  abilities: v.array(v.picklist(ADMIN_ABILITIES)),
  mustChangePassword: v.boolean(),
  lastLoginAt: v.nullable(Timestamp),
  createdAt: Timestamp,
  createdBy: Actor,
  updatedAt: Timestamp,
  updatedBy: Actor,
});
export type PublicDealerStaff = v.InferOutput<typeof PublicDealerStaff>;

export const AdminLoginRequest = v.strictObject({
  email: v.pipe(v.string('Enter your email address.'), Email),
  password: PasswordInput,
});
export type AdminLoginRequest = v.InferInput<typeof AdminLoginRequest>;

/** Answer to a back-office login and to GET /v1/admin/auth/session. */
export const AdminSessionResponse = v.object({
  session: v.object({
    /** Only on login: the bearer token. */
    token: v.optional(v.string()),
    expiresAt: Timestamp,
    idleExpiresAt: Timestamp,
    mustChangePassword: v.boolean(),
  }),
  staff: PublicDealerStaff,
  dealer: PublicDealer,
});
export type AdminSessionResponse = v.InferOutput<typeof AdminSessionResponse>;

export const CreateDealerStaffRequest = v.strictObject({
  email: v.pipe(v.string('Enter an email address.'), Email),
  name: PersonName,
  role: v.picklist(DEALER_STAFF_ROLES, `The role is one of: ${DEALER_STAFF_ROLES.join(', ')}.`),
  /** A temporary password, to be changed at first login. */
  password: v.string('Enter an initial password.'),
});
export type CreateDealerStaffRequest = v.InferInput<typeof CreateDealerStaffRequest>;

export const UpdateDealerStaffRequest = v.strictObject({
  name: v.optional(PersonName),
  role: v.optional(v.picklist(DEALER_STAFF_ROLES, `The role is one of: ${DEALER_STAFF_ROLES.join(', ')}.`)),
  status: v.optional(v.picklist(['active', 'disabled'])),
  /** Set a new temporary password (ends the person's sessions; they choose a new one at next login). */
  password: v.optional(v.string()),
});
export type UpdateDealerStaffRequest = v.InferInput<typeof UpdateDealerStaffRequest>;

export const AdminChangePasswordRequest = v.strictObject({
  currentPassword: PasswordInput,
  newPassword: NewPassword,
});
