import { routePath, Routes } from '@porchlight/core';
import type { SharedDocument, SharedDocumentList } from '@porchlight/core';
import type { AdminClient } from './admin-client.js';
import { queryString, type RequestOptions, type UploadOptions } from './transport.js';

/** What goes with a shared file besides its bytes. */
export interface ShareDocumentInput {
  /** The file name as the dealer's computer calls it (the server sanitises it and sets the extension of the real type). */
  filename: string;
  /** The title the portal shows; the file name when left out or empty. */
  title?: string | undefined;
  /** The logins (user ids of the account) that see it; empty, null or left out: everyone on the account. */
  visibleTo?: readonly string[] | null | undefined;
}

/**
 * Shared documents in the back office: files the dealer shares with an account or some of its
 * logins. Listing needs `accounts.read`; sharing and removing `accounts.write` (audited).
 */
export interface AdminDocumentsApi {
  /** The account's documents, newest first. */
  list(accountId: string, options?: RequestOptions): Promise<SharedDocumentList>;
  /**
   * Uploads `file` (its raw bytes, with progress) and shares it. The server reads the type from
   * the content: PDF, PNG, JPEG or UTF-8 text (UNSUPPORTED_MEDIA_TYPE, 415, otherwise), at most
   * DOCUMENT_MAX_BYTES (PAYLOAD_TOO_LARGE, 413).
   */
  share(accountId: string, file: Blob, input: ShareDocumentInput, options?: UploadOptions): Promise<SharedDocument>;
  /** Removes a document: the account's people can no longer download it. */
  remove(accountId: string, documentId: string, options?: RequestOptions): Promise<{ ok: true }>;
}

/** Shared documents over a back-office client (`adminDocumentsApi(admin)` costs nothing to call again). */
export function adminDocumentsApi(admin: AdminClient): AdminDocumentsApi {
  const { request } = admin;
  const documents = (accountId: string) => routePath(Routes.admin.documents, { accountId });
  return {
    list: (accountId, o) => request<SharedDocumentList>('GET', documents(accountId), undefined, o),
    share: (accountId, file, input, o) => {
      const visibleTo = input.visibleTo?.length ? input.visibleTo.join(',') : undefined;
      const query = queryString({ filename: input.filename, title: input.title?.trim() || undefined, visibleTo });
      return admin.upload<SharedDocument>(documents(accountId) + query, file, o);
    },
    remove: (accountId, documentId, o) => request<{ ok: true }>('DELETE', routePath(Routes.admin.document, { accountId, documentId }), undefined, o),
  };
}
