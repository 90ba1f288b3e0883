import * as v from 'valibot';
import {
  AddPaymentMethodRequest,
  AutopayRequest,
  Id,
  PAYMENT_METHOD_KINDS,
  PaymentMethodSetupRequest,
  PaymentQuery,
  PayRequest,
  PorchlightError,
  PERMISSION_LABELS,
  AUTOPAY_AUTHORIZATION_VERSION,
  Routes,
  type GatewayConfig,
  type Permission,
} from '@porchlight/core';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { PortalEnv } from '../../context.js';
import { billingSettings } from '../../options.js';
import { readJson, readQuery, validate } from '../../http/body.js';
import { guardPart, notEmulated, requireGrant, requirePermission, requireSession } from '../../http/auth.js';
import { sendPdf } from '../../http/file.js';
import { userPermissions } from '../accounts/records.js';
import { autopayMethodId, getAutopay, setAutopay, turnOffAutopay } from '../autopay/service.js';
import * as methods from './methods.js';
import * as service from './service.js';

const NoQuery = v.strictObject({});
const idParam = (c: Context, name: 'methodId' | 'paymentId') => validate(v.object({ [name]: Id }), { [name]: c.req.param(name) ?? '' })[name] as string;

/** Passes with any of `permissions`; otherwise refuses (and audits) as the last one would. */
function requireAnyPermission(...permissions: [Permission, ...Permission[]]): MiddlewareHandler<PortalEnv> {
  const last = requirePermission(permissions[permissions.length - 1]!);
  return async (c, next) => {
    const held = userPermissions(c.var.auth.user, c.var.auth.account);
    if (permissions.some((p) => held.includes(p))) return next();
    return last(c, next);
  };
}

/**
 * Payments, saved methods and autopay in the portal. Every route needs the login's "Payments
 * and autopay" grant (NOT_GRANTED otherwise), reads included; paying and the payment history
 * (invoices paid, by number) also its "Invoices" grant.
 * - `GET /v1/billing/config`: any signed-in user with the grant (what the payment form needs; `enabled: false`
 *   when the dealer has no gateway).
 * - Methods: listing needs `invoices.pay` or `payment-methods.manage` (a payer picks a saved
 *   card); setup, add, default and remove need `payment-methods.manage`.
 * - Paying needs `invoices.pay` (and `payment-methods.manage` to keep the new card); history and
 *   receipts `invoices.view`.
 * - Autopay: reading needs `invoices.view` or `payment-methods.manage`; turning it on, changing
 *   or off `payment-methods.manage`.
 * Every change is refused while a dealer admin emulates the user (EMULATION_FORBIDDEN): an
 * admin never charges, saves or authorizes a client's card on the client's behalf.
 */
export function paymentRoutes(options: { background: (p: Promise<unknown>) => void }) {
  const app = new Hono<PortalEnv>();
  guardPart(app, 'payments', [Routes.billing.config, `${Routes.billing.paymentMethods}/*`, `${Routes.billing.payments}/*`, Routes.billing.autopay]);
  const session = requireSession();
  const manage = [session, requirePermission('payment-methods.manage'), notEmulated()] as const;
  const invoicesToo = requireGrant('invoices');
  const scope = (c: Context<PortalEnv>): methods.PortalScope => ({ dealer: c.var.dealer, auth: c.var.auth, clientAddress: c.var.clientAddress, background: options.background });

  app.get(Routes.billing.config, session, (c) => {
    readQuery(c, NoQuery);
    const dealer = c.var.dealer;
    const gateway = c.var.deps.gatewayFor?.(dealer.id);
    const settings = billingSettings(dealer);
    const config: GatewayConfig = {
      enabled: Boolean(gateway),
      gateway: gateway ? gateway.browserConfig({ dealerId: dealer.id, origin: c.req.header('origin') }) : null,
      kinds: [...PAYMENT_METHOD_KINDS],
      currency: settings.currency,
      allowOverpayment: settings.allowOverpayment,
      autopay: { dayOfMonth: settings.autopayDayOfMonth, retryDays: settings.autopayRetryDays, authorizationTextVersion: AUTOPAY_AUTHORIZATION_VERSION },
    };
    return c.json(config);
  });

  // ---- saved methods
  app.get(Routes.billing.paymentMethods, session, requireAnyPermission('invoices.pay', 'payment-methods.manage'), async (c) => {
    readQuery(c, NoQuery);
    return c.json(await methods.listMethods(c.var.deps, c.var.dealer.id, c.var.auth.account.id));
  });

  app.post(Routes.billing.paymentMethodSetup, ...manage, async (c) => {
    const { kind } = await readJson(c, PaymentMethodSetupRequest);
    return c.json(await methods.setupMethod(c.var.deps, scope(c), kind));
  });

  app.post(Routes.billing.paymentMethods, ...manage, async (c) => {
    const input = await readJson(c, AddPaymentMethodRequest);
    return c.json(await methods.addMethod(c.var.deps, scope(c), input), 201);
  });

  app.post(Routes.billing.paymentMethodDefault, ...manage, async (c) => {
    const methodId = idParam(c, 'methodId');
    return c.json(await methods.setDefaultMethod(c.var.deps, scope(c), methodId));
  });

  app.delete(Routes.billing.paymentMethod, ...manage, async (c) => {
    const methodId = idParam(c, 'methodId');
    return c.json(await methods.removeMethod(c.var.deps, scope(c), methodId, (dealerId, accountId) => autopayMethodId(c.var.deps, dealerId, accountId)));
  });

  // ---- payments
  app.get(Routes.billing.payments, session, invoicesToo, requirePermission('invoices.view'), async (c) => {
    const query = readQuery(c, PaymentQuery);
    return c.json(await service.listPortalPayments(c.var.deps, c.var.dealer.id, c.var.auth.account.id, query));
  });

  app.post(Routes.billing.payments, session, invoicesToo, requirePermission('invoices.pay'), notEmulated(), async (c) => {
    const input = await readJson(c, PayRequest);
    if (input.saveMethod && !userPermissions(c.var.auth.user, c.var.auth.account).includes('payment-methods.manage')) {
      throw new PorchlightError('PERMISSION_DENIED', `Your login does not have the "${PERMISSION_LABELS['payment-methods.manage']}" permission, so it cannot keep a card on file. Pay without saving it, or ask your account manager.`);
    }
    const result = await service.pay(c.var.deps, scope(c), input);
    return c.json(result.body, result.status);
  });

  app.get(Routes.billing.payment, session, invoicesToo, requirePermission('invoices.view'), async (c) => {
    const paymentId = idParam(c, 'paymentId');
    readQuery(c, NoQuery);
    return c.json(await service.getPortalPayment(c.var.deps, c.var.dealer.id, c.var.auth.account.id, paymentId));
  });

  app.get(Routes.billing.paymentReceipt, session, invoicesToo, requirePermission('invoices.view'), async (c) => {
    const paymentId = idParam(c, 'paymentId');
    return sendPdf(c, await service.receiptPdf(c.var.deps, c.var.dealer, c.var.auth.account.id, paymentId));
  });

  // ---- autopay
  app.get(Routes.billing.autopay, session, requireAnyPermission('invoices.view', 'payment-methods.manage'), async (c) => {
    readQuery(c, NoQuery);
    return c.json(await getAutopay(c.var.deps, c.var.dealer, c.var.auth.account.id));
  });

  app.put(Routes.billing.autopay, ...manage, async (c) => {
    const input = await readJson(c, AutopayRequest);
    return c.json(await setAutopay(c.var.deps, scope(c), input, c.req.header('user-agent')));
  });

  app.delete(Routes.billing.autopay, ...manage, async (c) => c.json(await turnOffAutopay(c.var.deps, scope(c))));

  return app;
}
