import type { Actor, AdminAbility, Mailer, Store, SyncEvent } from '@porchlight/core';
import type { Dealer, RateLimit, RateLimitName } from './options.js';
import type { PasswordHasher } from './passwords/hasher.js';
import type { PaymentGateway } from './payments/gateway.js';
import type { AccountRecord, UserRecord } from './features/accounts/records.js';
import type { SessionRecord } from './sessions/sessions.js';

/** What every service needs, handed in (so tests pass real ones or small fakes). */
export interface Deps {
  store: Store;
  mailer: Mailer;
  hasher: PasswordHasher;
  now: () => number;
  limits: Record<RateLimitName, RateLimit>;
  /** A hash of a random password, verified against when the user does not exist (equal timing). */
  dummyHash: () => Promise<string>;
  reportError: (error: unknown) => void;
  /**
   * Hands an event just added to the dealer's events feed to the `onEvent` option, in the
   * background (its errors are reported, never the request's). Absent: nobody listens.
   */
  publishEvent?: (dealerId: string, event: SyncEvent) => void;
  /** The dealer's payment gateway; absent, or answering `undefined`, when payments are not set up (for that dealer). */
  gatewayFor?: (dealerId: string) => PaymentGateway | undefined;
}

/** The signed-in user of a portal request. */
export interface PortalAuth {
  session: SessionRecord;
  sessionVersion: string;
  user: UserRecord;
  account: AccountRecord;
  /** Who is acting, for records and the audit log ("admin X as manager Y" when emulated). */
  actor: Actor;
}

/** The dealer's back office calling the admin API with an API key. */
export interface AdminAuth {
  /** The API key's id, or the dealer staff member's id. */
  keyId: string;
  /** What this caller may do in the back office. */
  abilities: readonly AdminAbility[];
  actor: Actor;
}

export interface PortalEnv {
  Variables: {
    deps: Deps;
    dealer: Dealer;
    clientAddress: string | undefined;
    auth: PortalAuth;
    admin: AdminAuth;
  };
}
