import type { DealerStaffRole } from '@porchlight/client';

/** How the back-office roles read. */
export const ROLE_NAMES: Record<DealerStaffRole, string> = { owner: 'Owner', admin: 'Admin', support: 'Support' };

export { formatDateTime, formatTime } from '../../internal/format.js';

// No 0/O, 1/l/I: easy to read out over the phone.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A random temporary password such as "kq7m-3xhp-w2ra" (about 70 bits). */
export function suggestPassword(): string {
  let chars = '';
  // Bytes above the last whole multiple of the alphabet's size are skipped, so every character is equally likely.
  const limit = 256 - (256 % ALPHABET.length);
  while (chars.length < 12) {
    for (const b of crypto.getRandomValues(new Uint8Array(16))) if (b < limit && chars.length < 12) chars += ALPHABET[b % ALPHABET.length];
  }
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}
