import * as v from 'valibot';
import { Id, InvoiceQuery, Routes } from '@porchlight/core';
import { Hono, type Context } from 'hono';
import type { PortalEnv } from '../../context.js';
import { readQuery, validate } from '../../http/body.js';
import { guardPart, requirePermission, requireSession } from '../../http/auth.js';
import { sendPdf } from '../../http/file.js';
import * as service from './service.js';

const NoQuery = v.strictObject({});

/** The invoice named by the path, in the signed-in user's account (400 for a malformed id). */
function invoiceRef(c: Context<PortalEnv>): service.InvoiceRef {
  const { invoiceId } = validate(v.object({ invoiceId: Id }), { invoiceId: c.req.param('invoiceId') ?? '' });
  return { dealerId: c.var.dealer.id, accountId: c.var.auth.account.id, invoiceId };
}

/**
 * Invoices in the portal: the list (open by default, the next due first; "show paid" is
 * `status=paid` or `all`), one invoice, and its PDF. All need `invoices.view` — the money is
 * not every login's business — read fresh on every request — and the login's "Invoices" grant.
 */
export function invoiceRoutes() {
  const app = new Hono<PortalEnv>();
  guardPart(app, 'invoices', [`${Routes.billing.invoices}/*`]);
  const view = [requireSession(), requirePermission('invoices.view')] as const;

  app.get(Routes.billing.invoices, ...view, async (c) => {
    const query = readQuery(c, InvoiceQuery);
    return c.json(await service.listPortalInvoices(c.var.deps, c.var.dealer.id, c.var.auth.account.id, query));
  });

  app.get(Routes.billing.invoice, ...view, async (c) => {
    const ref = invoiceRef(c);
    readQuery(c, NoQuery);
    return c.json(await service.getPortalInvoice(c.var.deps, ref));
  });

  app.get(Routes.billing.invoicePdf, ...view, async (c) => {
    const ref = invoiceRef(c);
    return sendPdf(c, await service.portalInvoicePdf(c.var.deps, c.var.dealer, ref));
  });

  return app;
}
