import * as v from 'valibot';
import { Id, INVOICE_PDF_MAX_BYTES, InvoiceNumber, InvoiceQuery, PorchlightError, Routes, SyncInvoiceRequest } from '@porchlight/core';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { PortalEnv } from '../../context.js';
import { readJson, readQuery, validate } from '../../http/body.js';
import { requireAdmin } from '../../http/auth.js';
import type { FileRoute } from '../../http/body-limit.js';
import { sendPdf } from '../../http/file.js';
import { requireAccount } from '../accounts/service.js';
import * as service from './service.js';

/** The sync may carry the dealer's PDF as base64: its own limit, above the portal's general one. */
export const INVOICE_SYNC_BODY_MAX = Math.ceil(INVOICE_PDF_MAX_BYTES / 3) * 4 + 512 * 1024;
const syncLimit = bodyLimit({
  maxSize: INVOICE_SYNC_BODY_MAX,
  onError: () => {
    throw new PorchlightError('PAYLOAD_TOO_LARGE', `The invoice is too large: its PDF may be at most ${INVOICE_PDF_MAX_BYTES / 1024 / 1024} MiB.`);
  },
});

/** The invoice route whose body may be larger than the portal's general limit (it has its own). */
export const INVOICE_LARGE_BODY_ROUTES: readonly FileRoute[] = [{ method: 'PUT', path: Routes.billing.admin.invoice }];

const NoQuery = v.strictObject({});
const accountIdParam = (c: Context<PortalEnv>) => validate(v.object({ accountId: Id }), { accountId: c.req.param('accountId') ?? '' }).accountId;
const numberParam = (c: Context<PortalEnv>) => validate(v.object({ invoiceNumber: InvoiceNumber }), { invoiceNumber: c.req.param('invoiceNumber') ?? '' }).invoiceNumber;

function scope(c: Context<PortalEnv>): service.AdminScope {
  return { dealer: c.var.dealer, actor: c.var.admin.actor, clientAddress: c.var.clientAddress };
}

/**
 * Invoices in the back office, addressed by the dealer's own invoice number: the sync (PUT,
 * idempotent) needs `accounts.write`; reading and the PDF `accounts.read`. Every change a sync
 * makes is audited in the account's trail.
 */
export function invoiceAdminRoutes() {
  const app = new Hono<PortalEnv>();
  const read = requireAdmin('accounts.read');

  app.get(Routes.billing.admin.invoices, read, async (c) => {
    const accountId = accountIdParam(c);
    const query = readQuery(c, InvoiceQuery);
    await requireAccount(c.var.deps, c.var.dealer.id, accountId);
    return c.json(await service.listAdminInvoices(c.var.deps, c.var.dealer.id, accountId, query));
  });

  app.put(Routes.billing.admin.invoice, requireAdmin('accounts.write'), syncLimit, async (c) => {
    const accountId = accountIdParam(c);
    const number = numberParam(c);
    readQuery(c, NoQuery);
    const account = (await requireAccount(c.var.deps, c.var.dealer.id, accountId)).value;
    const input = await readJson(c, SyncInvoiceRequest);
    const result = await service.syncInvoice(c.var.deps, scope(c), account, number, input);
    return c.json(result, result.created ? 201 : 200);
  });

  app.get(Routes.billing.admin.invoice, read, async (c) => {
    const accountId = accountIdParam(c);
    const number = numberParam(c);
    await requireAccount(c.var.deps, c.var.dealer.id, accountId);
    return c.json(await service.getAdminInvoice(c.var.deps, c.var.dealer.id, accountId, number));
  });

  app.get(Routes.billing.admin.invoicePdf, read, async (c) => {
    const accountId = accountIdParam(c);
    const number = numberParam(c);
    await requireAccount(c.var.deps, c.var.dealer.id, accountId);
    return sendPdf(c, await service.adminInvoicePdf(c.var.deps, c.var.dealer, accountId, number));
  });

  return app;
}
