/**
 * Normalisation rules shared by the server and the elements, so that what a person types
 * means the same thing everywhere.
 */

/** Usernames compare case-insensitively after Unicode NFKC normalisation and trimming. */
export function normalizeUsername(username: string): string {
  return username.normalize('NFKC').trim().toLowerCase();
}

/** The digits of a phone number ("(555) 010-0" -> "5550100"). */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D+/g, '');
}

/** A random 8-digit identifier that never starts with 0 (so it survives being typed as a number). */
export function randomIdentifier(): string {
  const bytes = new Uint32Array(1);
  crypto.getRandomValues(bytes);
  return String(10_000_000 + (bytes[0]! % 90_000_000));
}

export const PASSWORD_MIN_LENGTH = 8;
/** Passwords longer than this are refused before they are hashed (long enough for any passphrase). */
export const PASSWORD_MAX_LENGTH = 256;

/**
 * Case- and accent-insensitive form of a text, for searches: "Émile" and "emile" compare
 * equal (NFD, combining marks removed, lower case).
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
