import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from './hasher.js';

/** OWASP Password Storage Cheat Sheet: Argon2id, m = 19 MiB, t = 2, p = 1. */
export const ARGON2_OWASP = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Argon2id through @node-rs/argon2 (runs off the main thread). */
export function argon2Hasher(options: { memoryCost?: number; timeCost?: number; parallelism?: number } = {}): PasswordHasher {
  const params = { ...ARGON2_OWASP, ...options };
  return {
    hash: (password) => hash(password, params),
    async verify(stored, password) {
      try {
        return await verify(stored, password);
      } catch {
        return false; // a malformed stored hash never matches
      }
    },
  };
}

export const defaultHasher = argon2Hasher;
