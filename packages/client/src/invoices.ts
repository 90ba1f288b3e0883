import { routePath, Routes } from '@porchlight/core';
import type { AdminInvoicePage, Invoice, InvoicePage, PortalInvoice, SyncInvoiceRequest, SyncInvoiceResponse } from '@porchlight/core';
import type { AdminClient } from './admin-client.js';
import type { PorchlightClient } from './client.js';
import { readPdf, type DownloadedPdf } from './proposals.js';
import { queryString, type RequestOptions } from './transport.js';

/**
 * Which invoices, in which order, which page. `status`: `open` (open or partially paid; the
 * portal's default), `paid`, `all` (with void ones; the back office's default). `sort`: `due`
 * (the portal's default), `number`, `issued` (the back office's default); `order` `asc` or
 * `desc`. `limit` 1–100 (default 50); pass the previous page's `cursor` with the same filters.
 */
export interface InvoiceListQuery {
  status?: 'open' | 'paid' | 'all' | undefined;
  sort?: 'due' | 'number' | 'issued' | undefined;
  order?: 'asc' | 'desc' | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/**
 * Invoices in the portal, as calls over a client (`invoicesApi(client)` costs nothing to call
 * again). Every call needs the `invoices.view` permission (PERMISSION_DENIED otherwise).
 * Amounts are integer cents: show them with `formatMinorUnits`.
 */
export interface InvoicesApi {
  /** The account's invoices: open ones by default, the next due first ("show paid invoices": `status: 'paid'` or `'all'`). */
  list(query?: InvoiceListQuery, options?: RequestOptions): Promise<InvoicePage>;
  /** One invoice with its lines, totals and balance. */
  get(invoiceId: string, options?: RequestOptions): Promise<PortalInvoice>;
  /** The invoice's PDF (the dealer's own, or rendered), with its file name and SHA-256. Save it with an object URL. */
  pdf(invoiceId: string, options?: RequestOptions): Promise<DownloadedPdf>;
}

export function invoicesApi(client: PorchlightClient): InvoicesApi {
  const { request } = client;
  const invoice = (path: string, invoiceId: string) => routePath(path, { invoiceId });
  return {
    list: (query = {}, o) => request<InvoicePage>('GET', Routes.billing.invoices + queryString(query), undefined, o),
    get: (invoiceId, o) => request<PortalInvoice>('GET', invoice(Routes.billing.invoice, invoiceId), undefined, o),
    pdf: async (invoiceId, o) => readPdf(await client.requestFile(invoice(Routes.billing.invoicePdf, invoiceId), o), 'invoice.pdf'),
  };
}

/**
 * Invoices in the back office, addressed by the dealer's own invoice number: `sync` needs
 * `accounts.write`, the rest `accounts.read`.
 */
export interface AdminInvoicesApi {
  /**
   * Creates or changes the invoice `number` of the account (PUT, idempotent): the same body again
   * changes nothing (`changed: false`). The totals must add up and 0 ≤ balance ≤ total; the
   * balance shown to the client is reconciled with portal payments (see docs/billing.md).
   */
  sync(accountId: string, number: string, input: SyncInvoiceRequest, options?: RequestOptions): Promise<SyncInvoiceResponse>;
  /** The account's invoices: all by default, the newest issued first. */
  list(accountId: string, query?: InvoiceListQuery, options?: RequestOptions): Promise<AdminInvoicePage>;
  get(accountId: string, number: string, options?: RequestOptions): Promise<Invoice>;
  pdf(accountId: string, number: string, options?: RequestOptions): Promise<DownloadedPdf>;
}

export function adminInvoicesApi(admin: AdminClient): AdminInvoicesApi {
  const { request } = admin;
  const invoice = (path: string, accountId: string, invoiceNumber: string) => routePath(path, { accountId, invoiceNumber });
  return {
    sync: (accountId, number, input, o) => request<SyncInvoiceResponse>('PUT', invoice(Routes.billing.admin.invoice, accountId, number), input, o),
    list: (accountId, query = {}, o) => request<AdminInvoicePage>('GET', routePath(Routes.billing.admin.invoices, { accountId }) + queryString(query), undefined, o),
    get: (accountId, number, o) => request<Invoice>('GET', invoice(Routes.billing.admin.invoice, accountId, number), undefined, o),
    pdf: async (accountId, number, o) => readPdf(await admin.requestFile(invoice(Routes.billing.admin.invoicePdf, accountId, number), o), 'invoice.pdf'),
  };
}
