import * as v from 'valibot';
import { Id, PaymentQuery, RefundRequest, Routes } from '@porchlight/core';
import { Hono, type Context } from 'hono';
import type { PortalEnv } from '../../context.js';
import { readJson, readQuery, validate } from '../../http/body.js';
import { requireAdmin } from '../../http/auth.js';
import { requireAccount } from '../accounts/service.js';
import { getAutopay } from '../autopay/service.js';
import * as service from './service.js';

const NoQuery = v.strictObject({});
const param = (c: Context, name: 'accountId' | 'paymentId') => validate(v.object({ [name]: Id }), { [name]: c.req.param(name) ?? '' })[name] as string;

/**
 * Payments in the back office: an account's payments (with the gateway's references) and its
 * autopay need `accounts.read`; a refund `accounts.write`. Only the client turns autopay on.
 */
export function paymentAdminRoutes(options: { background: (p: Promise<unknown>) => void }) {
  const app = new Hono<PortalEnv>();
  const read = requireAdmin('accounts.read');

  app.get(Routes.billing.admin.payments, read, async (c) => {
    const accountId = param(c, 'accountId');
    const query = readQuery(c, PaymentQuery);
    await requireAccount(c.var.deps, c.var.dealer.id, accountId);
    return c.json(await service.listAdminPayments(c.var.deps, c.var.dealer.id, accountId, query));
  });

  app.get(Routes.billing.admin.payment, read, async (c) => {
    const accountId = param(c, 'accountId');
    const paymentId = param(c, 'paymentId');
    readQuery(c, NoQuery);
    await requireAccount(c.var.deps, c.var.dealer.id, accountId);
    return c.json(await service.getAdminPayment(c.var.deps, c.var.dealer.id, accountId, paymentId));
  });

  app.post(Routes.billing.admin.paymentRefund, requireAdmin('accounts.write'), async (c) => {
    const accountId = param(c, 'accountId');
    const paymentId = param(c, 'paymentId');
    await requireAccount(c.var.deps, c.var.dealer.id, accountId);
    const input = await readJson(c, RefundRequest);
    const scope = { dealer: c.var.dealer, actor: c.var.admin.actor, clientAddress: c.var.clientAddress, background: options.background };
    return c.json(await service.refundPayment(c.var.deps, scope, accountId, paymentId, input));
  });

  app.get(Routes.billing.admin.autopay, read, async (c) => {
    const accountId = param(c, 'accountId');
    readQuery(c, NoQuery);
    await requireAccount(c.var.deps, c.var.dealer.id, accountId);
    return c.json(await getAutopay(c.var.deps, c.var.dealer, accountId));
  });

  return app;
}
