import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { adminDocumentsApi, type PublicUser, type SharedDocument } from '@porchlight/client';
import { DOCUMENT_MAX_BYTES, DOCUMENT_TITLE_MAX } from '@porchlight/core';
import { actorText } from '../internal/actor.js';
import { DialogController, dialogTemplate } from '../internal/dialog.js';
import { timeTag } from '../internal/format.js';
import { alertIcon } from '../internal/icons.js';
import { formatSize, typeLabel } from '../internal/files.js';
import { AdminView } from './internal/admin-view.js';
import { acceptOf, ATTACHMENT_FILES, rawBytes } from '../internal/file-uploads.js';
import { adminDocumentsStyles } from './admin-documents.styles.js';

/** "Chris Baker", "Chris Baker and Robin Diaz", "Chris Baker, Robin Diaz and Lee Park". */
function names(list: readonly string[]): string {
  if (list.length <= 1) return list.join('');
  return `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

/**
 * <porchlight-admin-documents account-id="…">: the documents the dealer shares with one account
 * (monitoring certificates, contracts, reports), newest first: title, file name, type, size,
 * when and by whom it was shared, and who sees it (everyone on the account, or the logins
 * named). A role with `accounts.write` shares a file (PDF, PNG, JPEG or text, up to 10 MB; the
 * server reads the type from the content) with a title (the file name unless changed) for
 * everyone or for chosen logins, watching the upload's progress, and removes a document after
 * confirming. Other roles see the list with the controls disabled and a note. Lives inside
 * <porchlight-admin>; the Account Manager page can embed it.
 *
 * @attr account-id - the account (required)
 * @attr heading - the heading (default "Shared documents")
 * @csspart card - the card around everything
 * @csspart title - headings
 * @csspart button - buttons
 * @csspart error - error regions (role=alert)
 * @csspart notice - status regions (role=status)
 * @csspart loading - the loading state
 * @csspart empty - the text shown when nothing is shared
 * @csspart not-allowed - the note for a role that cannot share or remove
 * @csspart table - the documents (cards when narrow)
 * @csspart row - each document
 * @csspart form - the "Share a document" form
 * @csspart field - its fields
 * @csspart progress - the upload's progress bar
 * @csspart dialog - the remove confirmation
 */
export class PorchlightAdminDocuments extends AdminView {
  static override styles = adminDocumentsStyles;
  static override properties = {
    accountId: { attribute: 'account-id' },
    heading: {},
    items: { state: true },
    users: { state: true },
    file: { state: true },
    audience: { state: true },
    chosen: { state: true },
    progress: { state: true },
  };

  /** The account whose documents are shown. */
  declare accountId: string | null;
  /** The heading (default "Shared documents"). */
  declare heading: string;

  protected declare items: SharedDocument[];
  /** The account's logins (null: they could not be loaded). */
  protected declare users: PublicUser[] | null;
  /** The file chosen to share. */
  protected declare file: File | null;
  protected declare audience: 'everyone' | 'some';
  /** The logins chosen when sharing with some. */
  protected declare chosen: ReadonlySet<string>;
  /** Bytes sent of the file being shared, while it uploads. */
  protected declare progress: { loaded: number; total: number } | null;

  protected readonly dialog = new DialogController<{ document: SharedDocument }>(this, () => this.renderRoot.querySelector<HTMLElement>('#title'));

  /** The title last filled in from a file name (replaced when another file is chosen, unless edited). */
  private autoTitle = '';

  constructor() {
    super();
    this.accountId = null;
    this.heading = '';
    this.items = [];
    this.users = [];
    this.file = null;
    this.audience = 'everyone';
    this.chosen = new Set();
    this.progress = null;
  }

  private get allowed(): boolean {
    return this.can('accounts.write');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const staff = this.staff;
    const key = staff && this.accountId ? `${staff.id}\n${this.allowed}\n${this.accountId}` : undefined;
    if (!this.startOver(key)) return;
    this.items = [];
    this.users = [];
    this.dialog.reset();
    this.resetShare();
    if (key) void this.load();
  }

  protected async load(): Promise<void> {
    const client = this.adminClient;
    const accountId = this.accountId;
    if (!client || !this.staff || !accountId) return;
    await this.loadWith(
      async () => {
        // The names of the logins are a nicety: without them the list still shows.
        const users = client.accounts.users(accountId).then(
          (page) => page.items,
          () => null,
        );
        const list = await adminDocumentsApi(client).list(accountId);
        return { items: list.items, users: await users };
      },
      (loaded) => {
        this.items = loaded.items;
        this.users = loaded.users;
      },
    );
  }

  private resetShare(): void {
    this.file = null;
    this.audience = 'everyone';
    this.chosen = new Set();
    this.progress = null;
    this.autoTitle = '';
  }

  private userName(id: string): string | undefined {
    return this.users?.find((u) => u.id === id)?.name;
  }

  private visibleText(doc: SharedDocument): string {
    if (!doc.visibleTo) return 'Everyone on the account';
    const known = doc.visibleTo.map((id) => this.userName(id)).filter((n): n is string => Boolean(n));
    const unknown = doc.visibleTo.length - known.length;
    return names([...known, ...(unknown ? [`${unknown} other ${unknown === 1 ? 'login' : 'logins'}`] : [])]);
  }

  // ---- sharing --------------------------------------------------------------------------------

  private onFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.file = input.files?.[0] ?? null;
    const { file: _old, ...errors } = this.formState('share').errors;
    this.patchForm('share', { errors });
    // The title follows the file name until it is edited.
    const title = this.field('share', 'title');
    if (title && this.file && (!title.value.trim() || title.value === this.autoTitle)) {
      title.value = this.file.name;
      this.autoTitle = this.file.name;
    }
  }

  private onAudience(event: Event): void {
    this.audience = (event.target as HTMLInputElement).value === 'some' ? 'some' : 'everyone';
    const { visibleTo: _old, ...errors } = this.formState('share').errors;
    this.patchForm('share', { errors });
  }

  private onChoose(id: string, checked: boolean): void {
    const next = new Set(this.chosen);
    if (checked) next.add(id);
    else next.delete(id);
    this.chosen = next;
    const { visibleTo: _old, ...errors } = this.formState('share').errors;
    this.patchForm('share', { errors });
  }

  private async onShare(event: SubmitEvent): Promise<void> {
    const form = event.currentTarget as HTMLFormElement;
    const values = this.formValues(event);
    const client = this.adminClient;
    const accountId = this.accountId;
    if (!client || !accountId || !this.allowed || this.formState('share').busy) return;
    const file = this.file;
    const title = values.title?.trim() ?? '';
    const active = new Set((this.users ?? []).filter((u) => u.status === 'active').map((u) => u.id));
    const visibleTo = this.audience === 'some' ? [...this.chosen].filter((id) => active.has(id)) : [];
    const errors: Record<string, string> = {};
    if (!file) errors.file = 'Choose the file to share.';
    else if (file.size === 0) errors.file = 'The file is empty.';
    else if (file.size > DOCUMENT_MAX_BYTES) errors.file = `The file is larger than ${formatSize(DOCUMENT_MAX_BYTES)}. Share a smaller file.`;
    if (title.length > DOCUMENT_TITLE_MAX) errors.title = `Use at most ${DOCUMENT_TITLE_MAX} characters.`;
    if (this.audience === 'some' && !visibleTo.length) errors.visibleTo = 'Choose at least one login, or share it with everyone.';
    if (this.invalid('share', errors) || !file) return;

    const run = this.runs;
    this.progress = { loaded: 0, total: file.size };
    await this.run(
      'share',
      async () => {
        const doc = await adminDocumentsApi(client).share(
          accountId,
          rawBytes(file),
          { filename: file.name || 'document', title: title || file.name, visibleTo },
          { onProgress: (loaded, total) => run === this.runs && (this.progress = { loaded: Math.min(loaded, total), total }) },
        );
        if (run !== this.runs) return;
        this.items = [doc, ...this.items.filter((d) => d.id !== doc.id)];
        form.reset();
        const who = doc.visibleTo ? names(doc.visibleTo.map((id) => this.userName(id) ?? 'a login')) : 'everyone on the account';
        this.resetShare();
        this.patchForm('share', { notice: { kind: 'success', text: `“${doc.title}” is shared with ${who}.` } });
      },
      { filename: 'file', file: 'file', title: 'title', visibleTo: 'visibleTo' },
      { PAYLOAD_TOO_LARGE: 'file', UNSUPPORTED_MEDIA_TYPE: 'file', LIMIT_REACHED: 'file' },
    );
    if (run === this.runs) this.progress = null;
  }

  // ---- removing -------------------------------------------------------------------------------

  private openRemove(doc: SharedDocument): void {
    if (!this.allowed) return;
    this.clearForm('remove');
    this.patchForm('list', { alert: '', notice: null });
    this.dialog.open({ document: doc }, '[data-cancel]');
  }

  private closeDialog(): void {
    if (!this.dialog.state || this.formState('remove').busy) return;
    this.clearForm('remove');
    this.dialog.close();
  }

  private async onRemove(doc: SharedDocument): Promise<void> {
    const client = this.adminClient;
    const accountId = this.accountId;
    if (!client || !accountId) return;
    await this.run('remove', async () => {
      await adminDocumentsApi(client).remove(accountId, doc.id);
      this.items = this.items.filter((d) => d.id !== doc.id);
      this.dialog.close();
      this.patchForm('list', { alert: '', notice: { kind: 'success', text: `“${doc.title}” was removed. The account can no longer download it.` } });
    });
  }

  // ---- rendering ------------------------------------------------------------------------------

  private renderTable(): TemplateResult {
    const disabled = !this.allowed;
    const label = (text: string) => html`<span class="cell-label" aria-hidden="true">${text}</span>`;
    return html`<div class="table-wrap">
      <table class="table documents" part="table" aria-labelledby="title">
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">File</th>
            <th scope="col">Type</th>
            <th scope="col">Size</th>
            <th scope="col">Shared</th>
            <th scope="col">Visible to</th>
            <th scope="col"><span class="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${this.items.map(
            (d) => html`<tr part="row" data-document-id=${d.id}>
              <th scope="row">${label('Title')}<span class="doc-title">${d.title}</span></th>
              <td>${label('File')}<span class="filename">${d.filename}</span></td>
              <td>${label('Type')}<span>${typeLabel(d.contentType)}</span></td>
              <td class="num">${label('Size')}<span>${formatSize(d.size)}</span></td>
              <td>${label('Shared')}<span>${timeTag(d.sharedAt)}<span class="muted by"> by ${actorText(d.sharedBy)}</span></span></td>
              <td>${label('Visible to')}<span class="visible">${this.visibleText(d)}</span></td>
              <td class="actions-cell">
                <button
                  class="button secondary small inline"
                  part="button"
                  type="button"
                  data-remove=${d.id}
                  ?disabled=${disabled}
                  aria-describedby=${ifDefined(disabled ? 'not-allowed' : undefined)}
                  @click=${() => this.openRemove(d)}
                >
                  Remove<span class="sr-only">: ${d.title}</span>
                </button>
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderList(): unknown {
    if (this.status === 'loading') return this.loadingState('Loading documents…');
    if (this.status !== 'ready') return nothing;
    return this.items.length ? this.renderTable() : html`<p class="empty" part="empty">Nothing is shared with this account yet.</p>`;
  }

  private renderAudience(): TemplateResult {
    const error = this.formState('share').errors.visibleTo ?? '';
    const users = (this.users ?? []).filter((u) => u.status === 'active');
    const some = this.audience === 'some';
    return html`<fieldset class="audience" aria-describedby=${ifDefined(error ? 'visibleTo-error' : undefined)}>
      <legend>Who sees it</legend>
      <div class="choices">
        <label class="choice">
          <input type="radio" name="audience" value="everyone" .checked=${!some} @change=${this.onAudience} />
          <span>Everyone on the account</span>
        </label>
        <label class="choice">
          <input type="radio" name="audience" value="some" .checked=${some} ?disabled=${!users.length} aria-describedby=${ifDefined(users.length ? undefined : 'no-logins')} @change=${this.onAudience} />
          <span>Only the logins I choose</span>
        </label>
        ${users.length ? nothing : html`<p class="hint muted" id="no-logins">${this.users ? 'This account has no active logins yet.' : 'The logins of this account could not be loaded.'}</p>`}
      </div>
      ${some
        ? html`<div class="choices logins" role="group" aria-label="Logins that see it">
            ${users.map(
              (u) => html`<label class="choice">
                <input
                  type="checkbox"
                  name="visibleTo"
                  value=${u.id}
                  .checked=${this.chosen.has(u.id)}
                  aria-invalid=${error ? 'true' : 'false'}
                  @change=${(e: Event) => this.onChoose(u.id, (e.target as HTMLInputElement).checked)}
                />
                <span>${u.name} <span class="muted">(${u.username}${u.role === 'manager' ? ', manager' : ''})</span></span>
              </label>`,
            )}
          </div>`
        : nothing}
      ${error ? html`<div class="field-error" id="visibleTo-error">${alertIcon}<span>${error}</span></div>` : nothing}
    </fieldset>`;
  }

  private renderShare(): TemplateResult {
    const disabled = !this.allowed;
    const state = this.formState('share');
    const fileError = state.errors.file ?? '';
    const progress = this.progress;
    const percent = progress && progress.total ? Math.round((progress.loaded / progress.total) * 100) : 0;
    return html`<section class="share-section" aria-labelledby="share-title">
      ${this.renderHeading('Share a document', 'share-title', 1, 'section-title')} ${this.regions('share')}
      ${this.formTemplate(
        'share',
        'share-title',
        (e) => void this.onShare(e),
        html`<fieldset class="stack" ?disabled=${disabled || state.busy} aria-describedby=${ifDefined(disabled ? 'not-allowed' : undefined)}>
          <div class="control" part="field">
            <label for="share-file">File</label>
            <div class="hint muted" id="share-file-hint">PDF, PNG, JPEG or plain text, up to ${formatSize(DOCUMENT_MAX_BYTES)}.</div>
            <input
              id="share-file"
              type="file"
              name="file"
              accept=${acceptOf(ATTACHMENT_FILES)}
              aria-invalid=${fileError ? 'true' : 'false'}
              aria-describedby=${fileError ? 'share-file-hint share-file-error' : 'share-file-hint'}
              @change=${this.onFile}
            />
            ${fileError ? html`<div class="field-error" id="share-file-error">${alertIcon}<span>${fileError}</span></div>` : nothing}
          </div>
          ${this.textField('share', 'title', 'Title', { maxlength: DOCUMENT_TITLE_MAX, required: false, hint: 'What the account sees. The file name unless you change it.' })}
          ${this.renderAudience()}
          ${progress
            ? html`<div class="progress" role="status">
                <progress part="progress" max=${progress.total} .value=${progress.loaded} aria-label="Uploading ${this.file?.name ?? 'the file'}"></progress>
                <span class="muted">Uploading… ${percent}%</span>
              </div>`
            : nothing}
          <div>${this.submit('share', 'Share document', 'Sharing…', 'button inline')}</div>
        </fieldset>`,
      )}
    </section>`;
  }

  private renderDialog(): unknown {
    const state = this.dialog.state;
    if (!state) return nothing;
    return dialogTemplate({
      ...this.dialogBase('remove', () => this.closeDialog()),
      kind: 'confirm',
      title: `Remove “${state.document.title}”?`,
      content: html`<div class="stack">
        <p>The file is deleted, and the people of this account can no longer see or download it. To share it again, upload it again.</p>
        ${this.dialogActions('remove', 'Remove document', 'Removing…', { danger: true, onClick: () => void this.onRemove(state.document), onCancel: () => this.closeDialog() })}
      </div>`,
    });
  }

  protected override render() {
    if (this.missingAdmin) return this.missingAdminCard();
    if (!this.adminClient || !this.staff) return nothing;
    const title = this.renderHeading(this.heading || 'Shared documents', 'title');
    if (!this.accountId) {
      return html`<div class="card" part="card">${title}<p class="empty" part="empty">No account chosen: set the element's account-id attribute.</p></div>`;
    }
    return html`<div class="card" part="card">
        <div class="head">
          ${title}
          <p class="lead">Certificates, contracts and reports the people of this account can download in their portal, newest first.</p>
        </div>
        ${this.allowed ? nothing : this.notAllowed('not-allowed', 'Your role can see the shared documents but not share or remove them. Ask an admin or owner.')}
        ${this.loadRegions('list')} ${this.renderList()} ${this.status === 'ready' ? this.renderShare() : nothing}
      </div>
      ${this.renderDialog()}`;
  }
}
