/**
 * Password hashing behind a small interface, so the server stays runtime-agnostic: on Node
 * the default is Argon2id (@node-rs/argon2, OWASP parameters); elsewhere (Workers, Deno,
 * Bun without the native module) the default is PBKDF2-HMAC-SHA256 through Web Crypto with
 * OWASP's iteration count. Pass `hasher` to createPortal() to choose your own.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}
