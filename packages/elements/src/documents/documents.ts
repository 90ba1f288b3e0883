import { html, type TemplateResult } from 'lit';
import type { PorchlightClient, PortalDocument, PortalDocumentList } from '@porchlight/client';
import { emit } from '../events.js';
import { AccountView } from '../internal/account-view.js';
import { dataTable } from '../internal/data-table.js';
import { formatSize, saveBlob, typeLabel } from '../internal/files.js';
import { timeTag } from '../internal/format.js';
import { busyLabel } from '../internal/templates.js';
import { documentsStyles } from './documents.styles.js';

// saveBlob lives in internal/files.ts; re-exported for proposals/proposal-signer.ts, which still imports it from here.
export { saveBlob };

/**
 * <porchlight-documents>: the documents the dealer shared with the account (or with this
 * login) — monitoring certificates, contracts, reports — newest first, with their title, file
 * name, type, size and the date they were shared. "Download" fetches the file with the
 * session (the API needs the Authorization header, which a plain link cannot send) and saves
 * it under the name the server gives. Lives inside <porchlight-portal>.
 *
 * @attr heading - the heading (default "Documents")
 * @csspart card - the card around everything
 * @csspart title - the heading
 * @csspart error - the error region (role=alert): a download that failed
 * @csspart notice - the status region (role=status): a download that started
 * @csspart note - the signed-out note
 * @csspart state - the loading and load-error states
 * @csspart button - buttons (Download, Retry)
 * @csspart empty - the empty state
 * @csspart table - the table of documents (cards when narrow)
 * @csspart row - each document
 * @fires porchlight-document-downloaded - `{ id, filename }` after a document was saved
 */
export class PorchlightDocuments extends AccountView<PortalDocumentList, never> {
  static override styles = documentsStyles;
  static override grant = 'documents' as const;
  static override properties = {
    documents: { state: true },
  };

  protected declare documents: PortalDocument[];

  constructor() {
    super();
    this.heading = 'Documents';
    this.documents = [];
  }

  // ---- data ------------------------------------------------------------------------------

  protected override fetch(client: PorchlightClient): Promise<PortalDocumentList> {
    return client.documents.list();
  }

  protected override apply(data: PortalDocumentList): void {
    this.documents = [...data.items].sort((a, b) => b.sharedAt.localeCompare(a.sharedAt) || b.id.localeCompare(a.id));
  }

  protected override clear(): void {
    this.documents = [];
  }

  protected override loadingText(): string {
    return 'Loading documents…';
  }

  protected override signedOutText(): string {
    return 'Log in to see your documents.';
  }

  // ---- actions ---------------------------------------------------------------------------

  private async download(d: PortalDocument): Promise<void> {
    const client = this.client;
    if (!client) return;
    await this.act(
      `download:${d.id}`,
      async () => {
        const file = await client.documents.download(d.id);
        saveBlob(file.blob, file.filename || d.filename, this.renderRoot);
        return file;
      },
      {
        reload: false,
        close: false,
        success: (file) => `Downloading ${file.filename || d.filename}.`,
        update: (file) => emit(this, 'porchlight-document-downloaded', { id: d.id, filename: file.filename || d.filename }),
      },
    );
  }

  // ---- rendering -------------------------------------------------------------------------

  protected override renderLead(): unknown {
    return html`<p class="lead">Certificates, contracts and reports from your alarm company.</p>`;
  }

  private downloadButton(d: PortalDocument): TemplateResult {
    const running = this.pending === `download:${d.id}`;
    return html`<button
      class="button small secondary inline"
      part="button"
      type="button"
      data-id=${d.id}
      aria-label=${running ? `Downloading ${d.title}` : `Download ${d.title}`}
      ?disabled=${this.busy}
      @click=${() => this.download(d)}
    >
      ${busyLabel(running, 'Download', 'Downloading…')}
    </button>`;
  }

  protected override renderReady(): unknown {
    if (!this.documents.length) return html`<p class="empty" part="empty">No documents have been shared with you yet.</p>`;
    return dataTable<PortalDocument>({
      caption: 'Shared documents, newest first',
      items: this.documents,
      key: (d) => d.id,
      busy: this.refreshing,
      className: 'documents',
      columns: [
        { label: 'Title', bare: true, className: 'title-cell', cell: (d) => html`<span class="doc-title">${d.title}</span>` },
        { label: 'File name', className: 'filename', cell: (d) => d.filename },
        { label: 'Type', className: 'type', cell: (d) => typeLabel(d.contentType) },
        { label: 'Size', className: 'size num', cell: (d) => formatSize(d.size) },
        { label: 'Shared', className: 'shared', cell: (d) => timeTag(d.sharedAt, 'date') },
        { label: 'Actions', bare: true, className: 'actions-cell', header: html`<span class="sr-only">Actions</span>`, cell: (d) => this.downloadButton(d) },
      ],
    });
  }
}
