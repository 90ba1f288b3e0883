import { decodeBase64, encodeBase64 } from '@oslojs/encoding';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import type { PasswordHasher } from './hasher.js';

/** OWASP: PBKDF2-HMAC-SHA256 with 600,000 iterations. Format: `pbkdf2-sha256$<iterations>$<salt>$<hash>`. */
export function pbkdf2Hasher(iterations = 600_000): PasswordHasher {
  const derive = async (password: string, salt: Uint8Array<ArrayBuffer>, rounds: number) => {
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
    return new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: rounds }, key, 256));
  };
  return {
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(16));
      return `pbkdf2-sha256$${iterations}$${encodeBase64(salt)}$${encodeBase64(await derive(password, salt, iterations))}`;
    },
    async verify(stored, password) {
      const [scheme, rounds, salt, expected] = stored.split('$');
      if (scheme !== 'pbkdf2-sha256' || !rounds || !salt || !expected) return false;
      try {
        return constantTimeEqual(await derive(password, new Uint8Array(decodeBase64(salt)), Number(rounds)), decodeBase64(expected));
      } catch {
        return false;
      }
    },
  };
}

export const defaultHasher = pbkdf2Hasher;
