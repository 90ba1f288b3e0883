import * as v from 'valibot';
import { ID_PATTERN } from '../ids.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../text.js';

export const Id = v.pipe(v.string(), v.regex(ID_PATTERN, 'Must be a Porchlight id.'));
/** Dealer ids are chosen by the deployment: short, lower-case, URL- and key-safe. */
export const DealerId = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'Use 1 to 63 lower-case letters, digits or dashes.'),
);
/** ISO 8601 UTC timestamp. */
export const Timestamp = v.pipe(v.string(), v.isoTimestamp());
export const Email = v.pipe(v.string(), v.trim(), v.maxLength(254, 'Use at most 254 characters.'), v.email('Enter a valid email address.'));

/** An account identifier: the digits a client types at login. */
export const Identifier = v.pipe(
  v.string('Enter the account identifier.'),
  v.transform((s) => s.replace(/[\s().+-]/g, '')),
  v.regex(/^\d{4,15}$/, 'The account identifier is 4 to 15 digits.'),
);

export const Username = v.pipe(
  v.string('Enter a username.'),
  v.transform((s) => s.normalize('NFKC').trim()),
  v.minLength(1, 'Enter a username.'),
  v.maxLength(64, 'Use at most 64 characters.'),
  // No control characters or separators other than the plain space.
  v.regex(/^[^\p{C}\p{Zl}\p{Zp}]+$/u, 'The username contains characters that are not allowed.'),
);

/** A password as typed at login: any non-empty string up to the hashing limit. */
export const PasswordInput = v.pipe(
  v.string('Enter a password.'),
  v.minLength(1, 'Enter a password.'),
  v.maxLength(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
);

/** A new password: the length rules (the server also refuses common passwords). */
export const NewPassword = v.pipe(
  v.string('Enter a new password.'),
  v.minLength(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`),
  v.maxLength(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
);

export const PersonName = v.pipe(v.string(), v.trim(), v.minLength(1, 'Enter a name.'), v.maxLength(120, 'Use at most 120 characters.'));

/** Who did something: a user, a dealer admin, or a dealer admin emulating a user. */
export const Actor = v.object({
  kind: v.picklist(['user', 'admin', 'emulation', 'system']),
  /** The user who acted (or who was emulated). */
  userId: v.optional(v.string()),
  /** Display name, e.g. "Dana Reyes" or "admin backoffice as manager". */
  name: v.string(),
  /** The dealer admin behind an admin or emulated action. */
  adminId: v.optional(v.string()),
});
export type Actor = v.InferOutput<typeof Actor>;

export const Page = <T extends v.GenericSchema>(item: T) =>
  v.object({ items: v.array(item), cursor: v.nullable(v.string()) });
