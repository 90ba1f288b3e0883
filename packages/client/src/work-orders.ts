import { routePath, Routes } from '@porchlight/core';
import type {
  AdminWorkOrderPage,
  AdminWorkOrderQuery,
  CreateWorkOrderRequest,
  PutSitesRequest,
  SiteList,
  Upload,
  WorkOrder,
  WorkOrderPage,
  WorkOrderQuery,
  WorkOrderStatusUpdate,
} from '@porchlight/core';
import type { AdminClient } from './admin-client.js';
import type { DownloadedDocument, PorchlightClient } from './client.js';
import { readDownload } from './download.js';
import { queryString, type RequestOptions, type UploadOptions } from './transport.js';

/**
 * Work orders, as calls over a client. Kept out of `createClient` so a page that only signs in
 * does not carry them: `workOrdersApi(client)` costs nothing to call again.
 */
export interface WorkOrdersApi {
  /** The account's sites, each with its alarm systems (as the dealer's sync gave them). */
  sites(options?: RequestOptions): Promise<SiteList>;
  /** Work orders of the account, newest first: `status` open (default), closed or all. */
  list(query?: WorkOrderQuery, options?: RequestOptions): Promise<WorkOrderPage>;
  /** One work order with its timeline, notes and photos. */
  get(workOrderId: string, options?: RequestOptions): Promise<WorkOrder>;
  /** Sends a work order (`work-orders.submit`). Photos name uploads made with `upload`. */
  create(input: CreateWorkOrderRequest, options?: RequestOptions): Promise<WorkOrder>;
  /** Adds a note to an open work order (`work-orders.submit`). */
  addNote(workOrderId: string, body: string, options?: RequestOptions): Promise<WorkOrder>;
  /** Uploads one photo (kept 24 h until a work order names it), reporting progress. */
  upload(file: Blob, filename: string, options?: UploadOptions): Promise<Upload>;
  downloadPhoto(workOrderId: string, attachmentId: string, options?: RequestOptions): Promise<DownloadedDocument>;
}

export function workOrdersApi(client: PorchlightClient): WorkOrdersApi {
  const { request } = client;
  const workOrder = (path: string, workOrderId: string, extra: Record<string, string> = {}) => routePath(path, { workOrderId, ...extra });
  return {
    sites: (o) => request<SiteList>('GET', Routes.sites, undefined, o),
    list: (query = {}, o) => request<WorkOrderPage>('GET', Routes.workOrders + queryString(query), undefined, o),
    get: (workOrderId, o) => request<WorkOrder>('GET', workOrder(Routes.workOrder, workOrderId), undefined, o),
    create: (input, o) => request<WorkOrder>('POST', Routes.workOrders, input, o),
    addNote: (workOrderId, body, o) => request<WorkOrder>('POST', workOrder(Routes.workOrderNotes, workOrderId), { body }, o),
    upload: (file, filename, o) => client.upload<Upload>(Routes.uploads + queryString({ filename }), file, o),
    downloadPhoto: async (workOrderId, attachmentId, o) => readDownload(await client.requestFile(workOrder(Routes.workOrderPhoto, workOrderId, { attachmentId }), o), 'photo'),
  };
}

/** Work orders in the back office and for the dealer's sync (`accounts.read` to read, `accounts.write` to change). */
export interface AdminWorkOrdersApi {
  /** Every account's work orders (or one account's with `accountId`), newest first. */
  list(query?: AdminWorkOrderQuery, options?: RequestOptions): Promise<AdminWorkOrderPage>;
  get(workOrderId: string, options?: RequestOptions): Promise<WorkOrder>;
  /** What happened (idempotent; forward only; `at` never before the last step). Dispatched, arrived and completed email the client. */
  setStatus(workOrderId: string, update: WorkOrderStatusUpdate, options?: RequestOptions): Promise<WorkOrder>;
  /** A note from the dealer (the client reads it on the work order). */
  addNote(workOrderId: string, body: string, options?: RequestOptions): Promise<WorkOrder>;
  downloadPhoto(workOrderId: string, attachmentId: string, options?: RequestOptions): Promise<DownloadedDocument>;
  /** The account's sites and systems. */
  sites(accountId: string, options?: RequestOptions): Promise<SiteList>;
  /** Replaces the account's sites and systems, all at once (idempotent). */
  putSites(accountId: string, input: PutSitesRequest, options?: RequestOptions): Promise<SiteList>;
}

export function adminWorkOrdersApi(admin: AdminClient): AdminWorkOrdersApi {
  const { request } = admin;
  const workOrder = (path: string, workOrderId: string, extra: Record<string, string> = {}) => routePath(path, { workOrderId, ...extra });
  return {
    list: (query = {}, o) => request<AdminWorkOrderPage>('GET', Routes.admin.workOrders + queryString(query), undefined, o),
    get: (workOrderId, o) => request<WorkOrder>('GET', workOrder(Routes.admin.workOrder, workOrderId), undefined, o),
    setStatus: (workOrderId, update, o) => request<WorkOrder>('POST', workOrder(Routes.admin.workOrderStatus, workOrderId), update, o),
    addNote: (workOrderId, body, o) => request<WorkOrder>('POST', workOrder(Routes.admin.workOrderNotes, workOrderId), { body }, o),
    downloadPhoto: async (workOrderId, attachmentId, o) => readDownload(await admin.requestFile(workOrder(Routes.admin.workOrderPhoto, workOrderId, { attachmentId }), o), 'photo'),
    sites: (accountId, o) => request<SiteList>('GET', routePath(Routes.admin.accountSites, { accountId }), undefined, o),
    putSites: (accountId, input, o) => request<SiteList>('PUT', routePath(Routes.admin.accountSites, { accountId }), input, o),
  };
}
