import * as v from 'valibot';
import { Email, Id, Identifier, NewPassword, PasswordInput, Timestamp, Username } from './common.js';
import { PortalAccount, PublicUser } from './account.js';
import { PublicDealer } from './dealer.js';

export const LoginRequest = v.strictObject({
  identifier: Identifier,
  username: Username,
  password: PasswordInput,
});
export type LoginRequest = v.InferInput<typeof LoginRequest>;

export const SessionInfo = v.object({
  /** Only on login and emulation: the bearer token to send as `Authorization: Bearer …`. */
  token: v.optional(v.string()),
  expiresAt: Timestamp,
  idleExpiresAt: Timestamp,
  /** The user must choose a new password before anything else works. */
  mustChangePassword: v.boolean(),
  /** Set when a dealer admin is emulating this user. */
  emulatedBy: v.nullable(v.object({ adminId: v.string(), name: v.string() })),
});
export type SessionInfo = v.InferOutput<typeof SessionInfo>;

/** One account a login profile reaches (the account switcher lists them). */
export const LinkedAccount = v.object({
  accountId: Id,
  name: v.string(),
  identifier: v.string(),
  role: v.picklist(['manager', 'staff', 'client']),
  /** The account this session is in. */
  current: v.boolean(),
});
export type LinkedAccount = v.InferOutput<typeof LinkedAccount>;

/** Answer to login and to "who am I" (GET /v1/auth/session). */
export const SessionResponse = v.object({
  session: SessionInfo,
  user: PublicUser,
  account: PortalAccount,
  dealer: PublicDealer,
  /**
   * Every account this person can switch to with the same login profile, this one included
   * (current: true), by name. Only this account when the login belongs to no profile.
   */
  accounts: v.array(LinkedAccount),
});
export type SessionResponse = v.InferOutput<typeof SessionResponse>;

export const ChangePasswordRequest = v.strictObject({
  currentPassword: PasswordInput,
  newPassword: NewPassword,
});
export type ChangePasswordRequest = v.InferInput<typeof ChangePasswordRequest>;

/** Forgot password: identifier plus username, or identifier plus the user's email. */
export const ForgotPasswordRequest = v.pipe(
  v.strictObject({
    identifier: Identifier,
    username: v.optional(Username),
    email: v.optional(Email),
  }),
  v.check((r) => Boolean(r.username || r.email), 'Enter your username or your email address.'),
);
export type ForgotPasswordRequest = v.InferInput<typeof ForgotPasswordRequest>;

export const ResetPasswordRequest = v.strictObject({
  token: v.pipe(v.string('The link is missing its token.'), v.minLength(10, 'The link is not complete.'), v.maxLength(200)),
  newPassword: NewPassword,
});
export type ResetPasswordRequest = v.InferInput<typeof ResetPasswordRequest>;

export const CheckTokenRequest = v.strictObject({
  token: v.pipe(v.string(), v.minLength(10), v.maxLength(200)),
});

export const CheckTokenResponse = v.object({ valid: v.boolean(), expiresAt: v.nullable(Timestamp) });

/** The one neutral answer for requests that must not reveal whether something exists. */
export const AcceptedResponse = v.object({ ok: v.literal(true), message: v.string() });
export type AcceptedResponse = v.InferOutput<typeof AcceptedResponse>;

export const EmulationResponse = v.object({
  token: v.string(),
  expiresAt: Timestamp,
  /** The dealer's portal page with the emulation token in its fragment, when portalUrl is set. */
  url: v.nullable(v.string()),
  user: PublicUser,
});
export type EmulationResponse = v.InferOutput<typeof EmulationResponse>;

/** POST /v1/auth/switch: move this session's person to another account of their login profile (answers a new session and token; the old one ends). */
export const SwitchAccountRequest = v.strictObject({ accountId: Id });
export type SwitchAccountRequest = v.InferInput<typeof SwitchAccountRequest>;
