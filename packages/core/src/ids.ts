/**
 * Ids are time-ordered and random: 10 characters of millisecond time then 16 characters
 * (80 bits) of randomness, in lower-case Crockford base32. Sorting ids sorts them by creation
 * time, so a key prefix lists oldest or newest first without a sort, and no id can be guessed.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
export const ID_PATTERN = /^[0-9a-hjkmnp-tv-z]{26}$/;

function encodeTime(ms: number): string {
  let out = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return out;
}

export function randomBase32(chars: number): string {
  const bytes = new Uint8Array(chars);
  crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}

let lastTime = 0;
let lastRandom = '';

/** A new id. Ids made in the same millisecond by this process still sort in creation order. */
export function newId(now: number = Date.now()): string {
  if (now <= lastTime && lastRandom) {
    // Same (or earlier, if the clock stepped back) millisecond: keep the time, bump the random part.
    lastRandom = incrementBase32(lastRandom);
    return encodeTime(lastTime) + lastRandom;
  }
  lastTime = now;
  lastRandom = randomBase32(16);
  return encodeTime(now) + lastRandom;
}

function incrementBase32(s: string): string {
  const chars = s.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    const idx = ALPHABET.indexOf(chars[i]!);
    if (idx < 31) {
      chars[i] = ALPHABET[idx + 1]!;
      return chars.join('');
    }
    chars[i] = '0';
  }
  return randomBase32(s.length);
}

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** Milliseconds since the epoch at which an id was made. */
export function idTime(id: string): number {
  let t = 0;
  for (const ch of id.slice(0, 10)) t = t * 32 + ALPHABET.indexOf(ch);
  return t;
}
