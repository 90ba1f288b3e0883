import * as v from 'valibot';
import { Branding, DealerId, DealerSettings, DEFAULT_AUTOPAY_DAY, DEFAULT_AUTOPAY_RETRY_DAYS, DEFAULT_CURRENCY, type GrantScope, type Mailer, type Store, type SyncEvent } from '@porchlight/core';
import type { Context } from 'hono';
import type { PasswordHasher } from './passwords/hasher.js';
import type { PaymentGateway } from './payments/gateway.js';

/** One dealer (tenant) served by this handler. */
export const DealerConfig = v.strictObject({
  id: DealerId,
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(120)),
  branding: v.optional(Branding, {}),
  /**
   * Exact origins (scheme://host[:port]) of the pages that embed this dealer's portal. No
   * wildcards or suffixes; `null` is never allowed. Requests from the handler's own origin
   * are always allowed.
   */
  allowedOrigins: v.optional(
    v.array(
      v.pipe(
        v.string(),
        v.check((o) => {
          try {
            const u = new URL(o);
            return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === o;
          } catch {
            return false;
          }
        }, 'Use an exact origin such as https://www.example.com (no path, no trailing slash).'),
      ),
    ),
    [],
  ),
  /** Keys the dealer's back office uses for the admin API (`Authorization: Bearer <key>`). */
  apiKeys: v.optional(
    v.array(v.strictObject({ id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.-]{1,40}$/)), key: v.pipe(v.string(), v.minLength(24, 'API keys must be at least 24 characters.')) })),
    [],
  ),
  settings: v.optional(DealerSettings, {}),
});
export type DealerConfigInput = v.InferInput<typeof DealerConfig>;
export type Dealer = v.InferOutput<typeof DealerConfig>;

export interface RateLimit {
  /** Attempts allowed per window. */
  max: number;
  /** Window length in seconds. */
  windowSeconds: number;
}

export interface PortalOptions {
  /** Where everything is kept. See docs/storage.md. */
  store: Store;
  /** The dealer this handler serves, or `dealers` for several. */
  dealer?: DealerConfigInput;
  dealers?: DealerConfigInput[];
  /** Sends emails (reset links, notices). See @porchlight/emails. */
  mailer: Mailer;
  /** Password hashing; Argon2id on Node, PBKDF2 (Web Crypto) elsewhere. */
  hasher?: PasswordHasher;
  /** How clients carry their session. Default bearer (token in memory, sent as Authorization). */
  session?: {
    transport?: 'bearer' | 'cookie';
    /** Cookie mode only: the embedding page is on another site (SameSite=None; Partitioned). */
    crossSite?: boolean;
  };
  /**
   * How to learn the client's address for rate limits. Default: the socket's address
   * (@hono/node-server), or the n-th address from the right of X-Forwarded-For when
   * `trustedProxies` is n (only set this behind proxies you run).
   */
  trustedProxies?: number;
  clientAddress?: (c: Context) => string | undefined;
  rateLimits?: Partial<Record<RateLimitName, RateLimit>>;
  /** Largest JSON body accepted, in bytes (default 64 KiB). */
  maxBodyBytes?: number;
  /** Clock, for tests. */
  now?: () => number;
  /** Where unexpected errors are reported (default console.error). Never sent to clients. */
  onUnexpectedError?: (error: unknown, c?: Context) => void;
  /**
   * Called with every event added to a dealer's events feed (GET /v1/admin/events: contact
   * changes, new work orders and their notes …), after it is stored and in the background, so
   * a webhook can push it to the dealer's systems at once. What it throws or rejects with goes
   * to `onUnexpectedError`; it never fails or delays the client's request. The feed keeps the
   * event either way, so a missed call can be caught up by polling.
   */
  onEvent?: (event: SyncEvent, info: { dealerId: string }) => void | Promise<void>;
  /**
   * The payment gateway (see docs/payments-gateways.md): `sandboxGateway(…)` or
   * `stripeGateway(…)`, or a function answering each dealer's own (each dealer is paid into its
   * own account) — `undefined` for a dealer that takes no payments. Default: none, and the
   * payment routes answer that payments are not set up.
   */
  gateway?: PaymentGateway | ((dealerId: string) => PaymentGateway | undefined);
}

export type RateLimitName =
  | 'loginAddress'
  | 'loginAccount'
  | 'loginUser'
  | 'forgotAddress'
  | 'forgotAccount'
  | 'resetAddress'
  | 'passwordLinkUser'
  | 'adminLoginAddress'
  | 'adminLoginUser'
  | 'workOrderUser'
  | 'cardAccount'
  | 'registerAddress'
  | 'registerAccount'
  | 'accessRequestAddress'
  | 'accessRequestEmail'
  | 'resendAddress'
  | 'resendAccount'
  | 'activateAddress';

export const DEFAULT_RATE_LIMITS: Record<RateLimitName, RateLimit> = {
  loginAddress: { max: 30, windowSeconds: 15 * 60 },
  loginAccount: { max: 30, windowSeconds: 15 * 60 },
  loginUser: { max: 8, windowSeconds: 15 * 60 },
  forgotAddress: { max: 10, windowSeconds: 60 * 60 },
  forgotAccount: { max: 5, windowSeconds: 60 * 60 },
  resetAddress: { max: 20, windowSeconds: 60 * 60 },
  /** Password / set-password links a manager sends to one user. */
  passwordLinkUser: { max: 5, windowSeconds: 60 * 60 },
  adminLoginAddress: { max: 30, windowSeconds: 15 * 60 },
  adminLoginUser: { max: 8, windowSeconds: 15 * 60 },
  /** Work orders one login sends (each emails the dealer). */
  workOrderUser: { max: 20, windowSeconds: 60 * 60 },
  /** New cards or bank accounts one account hands the gateway (saving one, or paying with one): holds back card testing. */
  cardAccount: { max: 10, windowSeconds: 60 * 60 },
  /** Registrations from one client address, and aimed at one customer number (whether or not it exists). */
  registerAddress: { max: 10, windowSeconds: 60 * 60 },
  registerAccount: { max: 5, windowSeconds: 60 * 60 },
  /** Access requests from one address, and for one email address. */
  accessRequestAddress: { max: 5, windowSeconds: 60 * 60 },
  accessRequestEmail: { max: 3, windowSeconds: 24 * 60 * 60 },
  /** "Send me a new link" from one address, and for one account identifier. */
  resendAddress: { max: 10, windowSeconds: 60 * 60 },
  resendAccount: { max: 5, windowSeconds: 60 * 60 },
  /** Set-password link checks and uses from one address. */
  activateAddress: { max: 30, windowSeconds: 60 * 60 },
};

/** Settings every dealer gets unless it says otherwise. */
export const DEFAULT_SETTINGS = {
  sessionIdleMinutes: 120,
  sessionAbsoluteHours: 12,
  resetLinkMinutes: 60,
  activationLinkHours: 48,
  emulationMinutes: 60,
} as const;

export function dealerSetting<K extends keyof typeof DEFAULT_SETTINGS>(dealer: Dealer, key: K): number {
  return dealer.settings[key] ?? DEFAULT_SETTINGS[key];
}

/** The dealer's onboarding settings, each with its default (see DealerSettings.onboarding). */
export function onboardingSettings(dealer: Dealer): {
  registration: boolean;
  requestAccess: boolean;
  credentials: 'link' | 'temporary-password';
  forcePasswordChange: boolean;
  temporaryPasswordHours: number;
  nameMatching: 'exact' | 'nicknames';
  defaultGrants: GrantScope[] | undefined;
} {
  const o = dealer.settings.onboarding ?? {};
  return {
    registration: o.registration ?? false,
    requestAccess: o.requestAccess ?? false,
    credentials: o.credentials ?? 'link',
    forcePasswordChange: o.forcePasswordChange ?? true,
    temporaryPasswordHours: o.temporaryPasswordHours ?? 72,
    nameMatching: o.nameMatching ?? 'exact',
    defaultGrants: o.defaultGrants ? [...o.defaultGrants] : undefined,
  };
}

/** The dealer's billing settings, each with its default (core's money.ts): currency, overpayment, autopay day and retries. */
export function billingSettings(dealer: Dealer): { currency: string; allowOverpayment: boolean; autopayDayOfMonth: number; autopayRetryDays: number[] } {
  return {
    currency: dealer.settings.currency ?? DEFAULT_CURRENCY,
    allowOverpayment: dealer.settings.allowOverpayment ?? false,
    autopayDayOfMonth: dealer.settings.autopayDayOfMonth ?? DEFAULT_AUTOPAY_DAY,
    autopayRetryDays: [...(dealer.settings.autopayRetryDays ?? DEFAULT_AUTOPAY_RETRY_DAYS)],
  };
}

/** Validates dealer configuration when the portal is built, with messages that say what to fix. */
export function parseDealers(options: PortalOptions): Map<string, Dealer> {
  const list = options.dealers ?? (options.dealer ? [options.dealer] : []);
  if (list.length === 0) throw new TypeError('createPortal: pass `dealer` (one dealer) or `dealers` (several).');
  const dealers = new Map<string, Dealer>();
  for (const [i, input] of list.entries()) {
    const result = v.safeParse(DealerConfig, input);
    if (!result.success) {
      const problems = result.issues.map((issue) => `${v.getDotPath(issue) ?? '(dealer)'}: ${issue.message}`).join('; ');
      throw new TypeError(`createPortal: dealer ${i} (${String((input as { id?: unknown }).id)}) is not valid — ${problems}`);
    }
    if (dealers.has(result.output.id)) throw new TypeError(`createPortal: dealer id "${result.output.id}" is used twice.`);
    dealers.set(result.output.id, result.output);
  }
  return dealers;
}
