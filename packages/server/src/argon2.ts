// Node-only entry: `import { argon2Hasher } from '@porchlight/server/argon2'`.
export { argon2Hasher, ARGON2_OWASP } from './passwords/argon2.js';
