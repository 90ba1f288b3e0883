import { routePath, Routes } from '@porchlight/core';
import type {
  AdminTicketPage,
  AdminTicketQuery,
  AdminTicketReplyRequest,
  CreateEstimateRequest,
  CreateTicketRequest,
  EstimateDecisionRequest,
  RequestTypeList,
  RequestTypeListInput,
  Ticket,
  TicketPage,
  TicketPeople,
  TicketQuery,
  TicketReplyRequest,
  TicketStatus,
  Upload,
} from '@porchlight/core';
import type { AdminClient } from './admin-client.js';
import type { DownloadedDocument, PorchlightClient } from './client.js';
import { readDownload } from './download.js';
import { queryString, type RequestOptions, type UploadOptions } from './transport.js';

/**
 * Support tickets, as calls over a client. Kept out of `createClient` so a page that only signs
 * in does not carry them: `ticketsApi(client)` costs nothing to call again.
 */
export interface TicketsApi {
  /** The dealer's active request types, each with its form's fields. */
  requestTypes(options?: RequestOptions): Promise<RequestTypeList>;
  /** Tickets of the account, newest first: `status` open (default), completed or all; `q` searches subjects. */
  list(query?: TicketQuery, options?: RequestOptions): Promise<TicketPage>;
  get(ticketId: string, options?: RequestOptions): Promise<Ticket>;
  /** Opens a ticket (`tickets.use`). File answers name uploads made with `upload`. */
  create(input: CreateTicketRequest, options?: RequestOptions): Promise<Ticket>;
  reply(ticketId: string, input: TicketReplyRequest, options?: RequestOptions): Promise<Ticket>;
  /** Replaces the ticket's subscribers (users of the same account). */
  setSubscribers(ticketId: string, userIds: string[], options?: RequestOptions): Promise<Ticket>;
  /** The client completes or reopens the ticket. */
  setStatus(ticketId: string, status: TicketStatus, options?: RequestOptions): Promise<Ticket>;
  decideEstimate(ticketId: string, entryId: string, input: EstimateDecisionRequest, options?: RequestOptions): Promise<Ticket>;
  /** The account's active users a ticket can be shared with. */
  people(options?: RequestOptions): Promise<TicketPeople>;
  /** Uploads one file (kept 24 h until a ticket or reply names it), reporting progress. */
  upload(file: Blob, filename: string, options?: UploadOptions): Promise<Upload>;
  download(ticketId: string, attachmentId: string, options?: RequestOptions): Promise<DownloadedDocument>;
}

export function ticketsApi(client: PorchlightClient): TicketsApi {
  const { request } = client;
  const ticket = (path: string, ticketId: string, extra: Record<string, string> = {}) => routePath(path, { ticketId, ...extra });
  return {
    requestTypes: (o) => request<RequestTypeList>('GET', Routes.ticketRequestTypes, undefined, o),
    list: (query = {}, o) => request<TicketPage>('GET', Routes.tickets + queryString(query), undefined, o),
    get: (ticketId, o) => request<Ticket>('GET', ticket(Routes.ticket, ticketId), undefined, o),
    create: (input, o) => request<Ticket>('POST', Routes.tickets, input, o),
    reply: (ticketId, input, o) => request<Ticket>('POST', ticket(Routes.ticketReplies, ticketId), input, o),
    setSubscribers: (ticketId, userIds, o) => request<Ticket>('PUT', ticket(Routes.ticketSubscribers, ticketId), { userIds }, o),
    setStatus: (ticketId, status, o) => request<Ticket>('POST', ticket(Routes.ticketStatus, ticketId), { status }, o),
    decideEstimate: (ticketId, entryId, input, o) => request<Ticket>('POST', ticket(Routes.ticketEstimateDecision, ticketId, { entryId }), input, o),
    people: (o) => request<TicketPeople>('GET', Routes.ticketPeople, undefined, o),
    upload: (file, filename, o) => client.upload<Upload>(Routes.uploads + queryString({ filename }), file, o),
    download: async (ticketId, attachmentId, o) => readDownload(await client.requestFile(ticket(Routes.ticketAttachment, ticketId, { attachmentId }), o), 'attachment'),
  };
}

/** Support tickets in the back office (`accounts.read` to read, `tickets.reply` to answer). */
export interface AdminTicketsApi {
  /** Every account's tickets (or one account's with `accountId`), newest first. */
  list(query?: AdminTicketQuery, options?: RequestOptions): Promise<AdminTicketPage>;
  get(ticketId: string, options?: RequestOptions): Promise<Ticket>;
  /** A staff reply (text and/or files from `upload`); may complete or reopen the ticket. The client is emailed. */
  reply(ticketId: string, input: AdminTicketReplyRequest, options?: RequestOptions): Promise<Ticket>;
  setStatus(ticketId: string, status: TicketStatus, options?: RequestOptions): Promise<Ticket>;
  proposeEstimate(ticketId: string, input: CreateEstimateRequest, options?: RequestOptions): Promise<Ticket>;
  withdrawEstimate(ticketId: string, entryId: string, options?: RequestOptions): Promise<Ticket>;
  upload(file: Blob, filename: string, options?: UploadOptions): Promise<Upload>;
  download(ticketId: string, attachmentId: string, options?: RequestOptions): Promise<DownloadedDocument>;
  /** The dealer's request types (inactive ones too). */
  requestTypes(options?: RequestOptions): Promise<RequestTypeList>;
  /** Replaces the request types (`accounts.write`). */
  saveRequestTypes(input: RequestTypeListInput, options?: RequestOptions): Promise<RequestTypeList>;
}

export function adminTicketsApi(admin: AdminClient): AdminTicketsApi {
  const { request } = admin;
  const ticket = (path: string, ticketId: string, extra: Record<string, string> = {}) => routePath(path, { ticketId, ...extra });
  return {
    list: (query = {}, o) => request<AdminTicketPage>('GET', Routes.admin.tickets + queryString(query), undefined, o),
    get: (ticketId, o) => request<Ticket>('GET', ticket(Routes.admin.ticket, ticketId), undefined, o),
    reply: (ticketId, input, o) => request<Ticket>('POST', ticket(Routes.admin.ticketReplies, ticketId), input, o),
    setStatus: (ticketId, status, o) => request<Ticket>('PATCH', ticket(Routes.admin.ticket, ticketId), { status }, o),
    proposeEstimate: (ticketId, input, o) => request<Ticket>('POST', ticket(Routes.admin.ticketEstimates, ticketId), input, o),
    withdrawEstimate: (ticketId, entryId, o) => request<Ticket>('POST', ticket(Routes.admin.ticketEstimateWithdraw, ticketId, { entryId }), {}, o),
    upload: (file, filename, o) => admin.upload<Upload>(Routes.admin.uploads + queryString({ filename }), file, o),
    download: async (ticketId, attachmentId, o) => readDownload(await admin.requestFile(ticket(Routes.admin.ticketAttachment, ticketId, { attachmentId }), o), 'attachment'),
    requestTypes: (o) => request<RequestTypeList>('GET', Routes.admin.requestTypes, undefined, o),
    saveRequestTypes: (input, o) => request<RequestTypeList>('PUT', Routes.admin.requestTypes, input, o),
  };
}
