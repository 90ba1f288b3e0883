export { createPortal, type Portal, type PortalJobs } from './portal.js';
export type { AutopayRunSummary } from './features/autopay/job.js';
export { runBillingJobs, type RunOptions as BillingJobOptions } from './features/autopay/run.js';
export { DealerConfig, DEFAULT_RATE_LIMITS, DEFAULT_SETTINGS, type Dealer, type DealerConfigInput, type PortalOptions, type RateLimit, type RateLimitName } from './options.js';
export type { PasswordHasher } from './passwords/hasher.js';
export { pbkdf2Hasher } from './passwords/pbkdf2.js';
export { unstorageStore } from './store/unstorage.js';
export type { PortalEnv } from './context.js';
export {
  GatewayError,
  GatewayRequestError,
  GatewaySignatureError,
  GatewayUnavailableError,
  type BrowserContext,
  type CallbackHeaders,
  type ChargeInput,
  type ChargeResult,
  type ChargeStatus,
  type CustomerInput,
  type GatewayBrowserConfig,
  type GatewayEvent,
  type GatewayEventStatus,
  type PaymentGateway,
  type PaymentMethodKind,
  type RefundInput,
  type RefundResult,
  type SavedMethod,
  type SaveMethodInput,
  type SetupInput,
  type SetupResult,
} from './payments/gateway.js';
export { memoryProcessedEvents, processCallbackOnce, storeProcessedEvents, type EventScope, type ProcessedEvents } from './payments/callbacks.js';
export { sandboxGateway, sandboxGatewayApp, SandboxStore, type SandboxCallback, type SandboxGatewayApp, type SandboxGatewayAppOptions, type SandboxGatewayOptions } from './payments/sandbox.js';
export { stripeGateway, STRIPE_API_VERSION, type StripeGatewayOptions } from './payments/stripe.js';
