import { PorchlightError } from '@porchlight/core';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { defaultHasher } from '#default-hasher';
import type { Deps, PortalEnv } from './context.js';
import { randomSecret } from './crypto.js';
import { errorResponse, toPorchlightError } from './http/errors.js';
import { clientAddress, tenant } from './http/tenant.js';
import { DEFAULT_RATE_LIMITS, parseDealers, type PortalOptions } from './options.js';
import { gatewayResolver } from './payments/resolve.js';
import { adminRoutes } from './features/admin/routes.js';
import { authRoutes } from './features/auth/routes.js';
import { activityRoutes } from './features/activity/routes.js';
import { contactRoutes } from './features/contacts/routes.js';
import { onboardingAdminRoutes } from './features/onboarding/admin-routes.js';
import { onboardingRoutes } from './features/onboarding/routes.js';
import { staffAdminRoutes } from './features/staff/admin-routes.js';
import { staffRoutes } from './features/staff/routes.js';
import { dealerStaffRoutes } from './features/dealer-staff/routes.js';
import { profileRoutes } from './features/profile/routes.js';
import { eventRoutes } from './features/events/routes.js';
import { messageAdminRoutes } from './features/messages/admin-routes.js';
import { messageRoutes } from './features/messages/routes.js';
import { DOCUMENT_FILE_ROUTES, documentAdminRoutes } from './features/documents/admin-routes.js';
import { documentRoutes } from './features/documents/routes.js';
import { uploadAdminRoutes } from './features/uploads/admin-routes.js';
import { UPLOAD_FILE_ROUTES, uploadRoutes } from './features/uploads/routes.js';
import { ticketAdminRoutes } from './features/tickets/admin-routes.js';
import { ticketRoutes } from './features/tickets/routes.js';
import { fileRouteMatcher } from './http/body-limit.js';
import { cardDataGuard } from './http/card-data.js';
import { workOrderAdminRoutes } from './features/work-orders/admin-routes.js';
import { workOrderRoutes } from './features/work-orders/routes.js';
import { PROPOSAL_LARGE_BODY_ROUTES, proposalAdminRoutes } from './features/proposals/admin-routes.js';
import { proposalRoutes } from './features/proposals/routes.js';
import { INVOICE_LARGE_BODY_ROUTES, invoiceAdminRoutes } from './features/invoices/admin-routes.js';
import { invoiceRoutes } from './features/invoices/routes.js';
import { paymentRoutes } from './features/payments/routes.js';
import { paymentAdminRoutes } from './features/payments/admin-routes.js';
import { paymentCallbackRoutes } from './features/payments/callback-routes.js';
import { reconcilePayments } from './features/payments/service.js';
import { runAutopay, type AutopayRunSummary } from './features/autopay/job.js';

export interface Portal extends Hono<PortalEnv> {
  /** Resolves when background work (emails sent after a response) has finished. For tests and graceful shutdown. */
  settled(): Promise<void>;
  /** Scheduled work (see docs/billing.md): run from cron or a scheduler, on any instance, as often as you like. */
  jobs: PortalJobs;
}

export interface PortalJobs {
  /**
   * Charges every enrolled account's open balance once per cycle (its day of the month) and
   * retries declines on the dealer's retry days. Safe to run twice, or on several instances at
   * once. `now` (ms) defaults to the portal's clock. Emails go out in the background: await
   * `settled()` before the process exits.
   */
  runAutopay(now?: number): Promise<AutopayRunSummary>;
  /** Asks the gateway again about payments whose outcome it never confirmed (same idempotency key); run every few minutes. */
  reconcilePayments(now?: number): Promise<{ dealers: Array<{ dealerId: string; checked: number; settled: number }> }>;
}

/**
 * Builds the Porchlight handler: a Hono app to mount anywhere (`app.route('/porchlight', portal)`,
 * node:http or Express through `getRequestListener(portal.fetch)`, Workers, Deno, Bun).
 * Options are checked here, so a mistake fails at start-up with a message, not on a request.
 */
export function createPortal(options: PortalOptions): Portal {
  if (!options?.store) throw new TypeError('createPortal: `store` is required (see docs/storage.md).');
  if (!options.mailer) throw new TypeError('createPortal: `mailer` is required (see docs/emails.md).');
  const dealers = parseDealers(options);
  const report = options.onUnexpectedError ?? ((error: unknown) => console.error('[porchlight]', error));
  const pending = new Set<Promise<unknown>>();
  const hasher = options.hasher ?? defaultHasher();
  let dummy: Promise<string> | undefined;

  const deps: Deps = {
    store: options.store,
    mailer: options.mailer,
    hasher,
    now: options.now ?? Date.now,
    limits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
    dummyHash: () => (dummy ??= hasher.hash(randomSecret(16))),
    reportError: (error) => report(error),
    gatewayFor: gatewayResolver(options.gateway),
  };
  const background = (work: Promise<unknown>) => {
    const tracked = work.catch((error) => deps.reportError(error)).finally(() => pending.delete(tracked));
    pending.add(tracked);
  };
  const onEvent = options.onEvent;
  if (onEvent !== undefined && typeof onEvent !== 'function') throw new TypeError('createPortal: `onEvent` must be a function.');
  if (onEvent) deps.publishEvent = (dealerId, event) => background(Promise.resolve().then(() => onEvent(event, { dealerId })));
  const cookie = options.session?.transport === 'cookie' ? { crossSite: Boolean(options.session.crossSite) } : false;
  const trustedProxies = options.trustedProxies ?? 0;
  const maxSize = options.maxBodyBytes ?? 64 * 1024;

  const app = new Hono<PortalEnv>();
  app.onError((error, c) => errorResponse(c, toPorchlightError(error, (e) => report(e, c))));

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('clientAddress', options.clientAddress?.(c) ?? clientAddress(c, trustedProxies));
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('X-Content-Type-Options', 'nosniff');
  });
  // Gateway callbacks: public, signed over the raw body; before the tenant check and the card-data guard (see the route).
  app.route('/', paymentCallbackRoutes(dealers, { background }));
  app.use('*', tenant(dealers, Boolean(cookie)));
  const generalLimit = bodyLimit({
    maxSize,
    onError: () => {
      throw new PorchlightError('PAYLOAD_TOO_LARGE', `The request body is larger than ${Math.round(maxSize / 1024)} KiB.`);
    },
  });
  // Routes whose body is a file have their own, larger limit (on the route); every other one this.
  const isFileRoute = fileRouteMatcher([...DOCUMENT_FILE_ROUTES, ...PROPOSAL_LARGE_BODY_ROUTES, ...UPLOAD_FILE_ROUTES, ...INVOICE_LARGE_BODY_ROUTES]);
  app.use('*', (c, next) => (isFileRoute(c) ? next() : generalLimit(c, next)));
  // Card and bank numbers never reach a route: refused before any validation or storage.
  app.use('*', cardDataGuard({ maxBytes: maxSize }));

  app.route('/', authRoutes({ cookie, background }));
  app.route('/', adminRoutes());
  app.route('/', onboardingRoutes({ cookie, background }));
  app.route('/', onboardingAdminRoutes({ background }));
  app.route('/', staffAdminRoutes({ background }));
  app.route('/', staffRoutes({ background }));
  app.route('/', activityRoutes());
  app.route('/', contactRoutes());
  app.route('/', dealerStaffRoutes());
  app.route('/', profileRoutes({ background }));
  app.route('/', eventRoutes());
  app.route('/', messageRoutes());
  app.route('/', messageAdminRoutes());
  app.route('/', documentRoutes());
  app.route('/', documentAdminRoutes());
  app.route('/', uploadRoutes());
  app.route('/', uploadAdminRoutes());
  app.route('/', ticketRoutes({ background }));
  app.route('/', ticketAdminRoutes({ background }));
  app.route('/', workOrderRoutes({ background }));
  app.route('/', workOrderAdminRoutes({ background }));
  app.route('/', proposalRoutes({ background }));
  app.route('/', proposalAdminRoutes());
  app.route('/', invoiceRoutes());
  app.route('/', invoiceAdminRoutes());
  app.route('/', paymentRoutes({ background }));
  app.route('/', paymentAdminRoutes({ background }));
  // A catch-all rather than notFound(): a mounted sub-app's notFound is not used by its parent.
  app.all('*', (c) => errorResponse(c, new PorchlightError('NOT_FOUND', `No route ${c.req.method} ${new URL(c.req.url).pathname}.`)));

  const jobs: PortalJobs = {
    runAutopay: (now) => runAutopay(deps, dealers.values(), background, now ?? deps.now()),
    async reconcilePayments(now) {
      const out: Array<{ dealerId: string; checked: number; settled: number }> = [];
      for (const dealer of dealers.values()) {
        if (!deps.gatewayFor?.(dealer.id)) continue;
        out.push({ dealerId: dealer.id, ...(await reconcilePayments(deps, { dealer, background }, now ?? deps.now())) });
      }
      return { dealers: out };
    },
  };

  return Object.assign(app, {
    async settled() {
      while (pending.size) await Promise.all([...pending]);
    },
    jobs,
  });
}
