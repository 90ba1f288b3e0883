export { createPortal, type Portal } from './portal.js';
export { DealerConfig, DEFAULT_RATE_LIMITS, DEFAULT_SETTINGS, type Dealer, type DealerConfigInput, type PortalOptions, type RateLimit, type RateLimitName } from './options.js';
export type { PasswordHasher } from './passwords/hasher.js';
export { pbkdf2Hasher } from './passwords/pbkdf2.js';
export { unstorageStore } from './store/unstorage.js';
export type { PortalEnv } from './context.js';
