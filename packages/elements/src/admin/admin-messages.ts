import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { MESSAGE_BODY_MAX, MESSAGE_TITLE_MAX } from '@porchlight/core';
import type { AdminMessage, MessageImportance } from '@porchlight/client';
import { DialogController, dialogTemplate } from '../internal/dialog.js';
import { alertIcon } from '../internal/icons.js';
import { timeTag } from '../internal/format.js';
import { AdminList } from './internal/admin-view.js';
import { adminMessagesStyles } from './admin-messages.styles.js';

const PAGE_SIZE = 20;

/** "2026-03-31" (a date input's value) → the end of that day in the browser's time zone, as ISO UTC; '' → null. */
export function endOfDay(value: string): string | null | undefined {
  if (!value) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59, 999);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * <porchlight-admin-messages>: the dealer's messages in the back office. With `account-id`, that
 * account's private messages; without it, the dealer's broadcast news to every account. Lists them
 * newest first (title, importance, when and by whom they were added, until when the portal shows
 * them, and an Expired tag), one page at a time ("Load more"), and lets a role with
 * `accounts.write` post a message, end one now (the portal stops showing it) or delete one (after
 * confirming). Other roles see the list with the controls disabled and a note. Lives inside
 * <porchlight-admin>.
 *
 * @csspart card - the card around everything
 * @csspart title - the headings
 * @csspart button - buttons
 * @csspart error - error regions (role=alert)
 * @csspart notice - status regions (role=status)
 * @csspart loading - the loading state
 * @csspart empty - the text shown when there are no messages
 * @csspart not-allowed - the note for a role that cannot post or change messages
 * @csspart list - the list of messages
 * @csspart row - each message
 * @csspart badge - badges (Important, Expired)
 * @csspart form - the "Post a message" form
 * @csspart field - the fields
 * @csspart dialog - the delete confirmation
 */
export class PorchlightAdminMessages extends AdminList<AdminMessage> {
  static override styles = adminMessagesStyles;
  static override properties = {
    accountId: { attribute: 'account-id' },
    heading: {},
    ending: { state: true },
  };

  /** The account whose private messages are managed; unset: the dealer's broadcast news. */
  declare accountId: string | null;
  /** The heading (default "Messages to this account" or "News to all accounts"). */
  declare heading: string;

  /** The message being ended, if any. */
  protected declare ending: string;

  protected readonly dialog = new DialogController<{ message: AdminMessage }>(this, () => this.renderRoot.querySelector<HTMLElement>('#title'));

  constructor() {
    super();
    this.accountId = null;
    this.heading = '';
    this.ending = '';
  }

  private get allowed(): boolean {
    return this.can('accounts.write');
  }

  private get scopeId(): string | undefined {
    return this.accountId || undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const staff = this.staff;
    if (!this.startOver(staff ? `${staff.id}\n${this.allowed}\n${this.accountId ?? ''}` : undefined)) return;
    this.ending = '';
    this.dialog.reset();
    if (staff) void this.load();
  }

  protected fetchPage(cursor?: string) {
    const client = this.adminClient!;
    const query = { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) };
    return this.scopeId ? client.messages.forAccount(this.scopeId, query) : client.messages.broadcasts(query);
  }

  protected rowSelector(id: string): string {
    return `[data-message-id="${CSS.escape(id)}"]`;
  }

  // ---- actions ---------------------------------------------------------------------------

  private async onPost(event: SubmitEvent): Promise<void> {
    const form = event.currentTarget as HTMLFormElement;
    const values = this.formValues(event);
    const client = this.adminClient;
    if (!client || !this.allowed) return;
    const title = values.title?.trim() ?? '';
    const body = values.body?.trim() ?? '';
    const importance: MessageImportance = values.importance === 'important' ? 'important' : 'normal';
    const validUntil = endOfDay(values.validUntil ?? '');
    const errors: Record<string, string> = {};
    if (!title) errors.title = 'Enter a title.';
    else if (title.length > MESSAGE_TITLE_MAX) errors.title = `Use at most ${MESSAGE_TITLE_MAX} characters.`;
    if (!body) errors.body = 'Enter the message.';
    else if (body.length > MESSAGE_BODY_MAX) errors.body = `Use at most ${MESSAGE_BODY_MAX} characters.`;
    if (validUntil === undefined) errors.validUntil = 'Enter a date, or leave it empty for no end date.';
    if (this.invalid('post', errors)) return;

    const scope = this.scopeId;
    const run = this.runs;
    await this.run(
      'post',
      async () => {
        const added = await client.messages.post({ title, body, importance, validUntil: validUntil ?? null }, scope);
        if (run !== this.runs) return;
        this.items = [added, ...this.items.filter((m) => m.id !== added.id)];
        form.reset();
        this.patchForm('post', {
          notice: { kind: 'success', text: scope ? `"${added.title}" was sent to this account.` : `"${added.title}" is now shown to every account.` },
        });
      },
      { title: 'title', body: 'body', validUntil: 'validUntil', importance: 'importance' },
    );
  }

  private async onEndNow(message: AdminMessage): Promise<void> {
    const client = this.adminClient;
    if (!client || !this.allowed || this.ending) return;
    this.ending = message.id;
    const ok = await this.run('list', async () => {
      const updated = await client.messages.update(message.id, { validUntil: new Date().toISOString() });
      this.items = this.items.map((m) => (m.id === updated.id ? { ...updated, expired: true } : m));
      this.patchForm('list', { notice: { kind: 'success', text: `"${updated.title}" is no longer shown in the portal.` } });
    });
    this.ending = '';
    // The button goes away with the message expired: focus its Delete button.
    if (ok) void this.focusAfterUpdate(`[data-delete="${CSS.escape(message.id)}"]`);
  }

  private openDelete(message: AdminMessage): void {
    if (!this.allowed) return;
    this.clearForm('delete');
    this.patchForm('list', { alert: '', notice: null });
    this.dialog.open({ message }, '[data-cancel]');
  }

  private closeDialog(): void {
    if (!this.dialog.state || this.formState('delete').busy) return;
    this.clearForm('delete');
    this.dialog.close();
  }

  private async onDelete(message: AdminMessage): Promise<void> {
    const client = this.adminClient;
    if (!client) return;
    await this.run('delete', async () => {
      await client.messages.remove(message.id);
      this.items = this.items.filter((m) => m.id !== message.id);
      this.dialog.close();
      this.patchForm('list', { alert: '', notice: { kind: 'success', text: `"${message.title}" was deleted.` } });
    });
  }

  // ---- rendering -------------------------------------------------------------------------

  private renderMessage(m: AdminMessage): TemplateResult {
    const disabled = !this.allowed;
    const described = disabled ? 'not-allowed' : undefined;
    const ending = this.ending === m.id;
    return html`<li class="message ${m.expired ? 'expired' : ''}" part="row" data-message-id=${m.id} tabindex="-1">
      <p class="message-title">
        <span class="name">${m.title}</span>
        ${m.importance === 'important' ? html`<span class="badge warn" part="badge">Important</span>` : nothing}
        ${m.expired ? html`<span class="badge off" part="badge">Expired</span>` : nothing}
      </p>
      <p class="message-body">${m.body}</p>
      <p class="meta muted">Added ${timeTag(m.addedAt)} by ${m.addedBy.name}</p>
      <p class="meta muted">${m.validUntil ? html`Shown until ${timeTag(m.validUntil)}` : 'No end date'}</p>
      <div class="row-actions">
        ${m.expired
          ? nothing
          : html`<button
              class="button secondary small inline"
              part="button"
              type="button"
              ?disabled=${disabled}
              aria-disabled=${ending ? 'true' : 'false'}
              aria-describedby=${ifDefined(described)}
              @click=${() => void this.onEndNow(m)}
            >
              ${ending ? 'Ending…' : 'End now'}<span class="sr-only">: ${m.title}</span>
            </button>`}
        <button
          class="button secondary small inline"
          part="button"
          type="button"
          data-delete=${m.id}
          ?disabled=${disabled}
          aria-describedby=${ifDefined(described)}
          @click=${() => this.openDelete(m)}
        >
          Delete<span class="sr-only">: ${m.title}</span>
        </button>
      </div>
    </li>`;
  }

  private renderList(): unknown {
    if (this.status === 'loading') return this.loadingState('Loading messages…');
    if (this.status !== 'ready') return nothing;
    const more = this.cursor
      ? html`<button class="button secondary inline" part="button" type="button" aria-disabled=${this.loadingMore ? 'true' : 'false'} @click=${() => void this.loadMore()}>
          ${this.loadingMore ? html`<span class="spinner" aria-hidden="true"></span>Loading…` : 'Load more'}
        </button>`
      : nothing;
    if (!this.items.length) return html`<p class="empty" part="empty">No messages yet.</p>`;
    return html`<ul class="messages" part="list" aria-labelledby="title">
        ${this.items.map((m) => this.renderMessage(m))}
      </ul>
      ${more}`;
  }

  /** A labelled native control with this form's error (the text fields have no textarea or date). */
  private control(name: string, label: string, control: (describedBy: string | undefined, invalid: boolean) => TemplateResult, hint?: string): TemplateResult {
    const error = this.formState('post').errors[name] ?? '';
    const describedBy = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;
    return html`<div class="control" part="field">
      <label for="post-${name}">${label}</label>
      ${hint ? html`<div class="hint muted" id="${name}-hint">${hint}</div>` : nothing} ${control(describedBy, Boolean(error))}
      ${error ? html`<div class="field-error" id="${name}-error">${alertIcon}<span>${error}</span></div>` : nothing}
    </div>`;
  }

  private renderForm(): TemplateResult {
    const disabled = !this.allowed;
    return html`<section class="post-section" aria-labelledby="post-title">
      ${this.renderHeading('Post a message', 'post-title', 1, 'section-title')}
      ${this.regions('post')}
      ${this.formTemplate(
        'post',
        'post-title',
        (e) => void this.onPost(e),
        html`<fieldset class="post" ?disabled=${disabled} aria-describedby=${ifDefined(disabled ? 'not-allowed' : undefined)}>
          ${this.textField('post', 'title', 'Title', { maxlength: MESSAGE_TITLE_MAX })}
          ${this.control(
            'body',
            'Message',
            (d, invalid) =>
              html`<textarea id="post-body" name="body" rows="5" maxlength=${MESSAGE_BODY_MAX} required aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${ifDefined(d)}></textarea>`,
            'Plain text; line breaks are kept.',
          )}
          <label class="choice"><input type="checkbox" name="importance" value="important" /><span>Important</span></label>
          ${this.control(
            'validUntil',
            'Show until (optional)',
            (d, invalid) => html`<input id="post-validUntil" type="date" name="validUntil" aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${ifDefined(d)} />`,
            'The last day the portal shows it (to the end of that day). Leave empty for no end date.',
          )}
          <div>${this.submit('post', 'Post message', 'Posting…', 'button inline')}</div>
        </fieldset>`,
      )}
    </section>`;
  }

  private renderDialog(): unknown {
    const state = this.dialog.state;
    if (!state) return nothing;
    return dialogTemplate({
      ...this.dialogBase('delete', () => this.closeDialog()),
      kind: 'confirm',
      title: `Delete "${state.message.title}"?`,
      content: html`<div class="stack">
        <p>The message is removed for good, from the portal and from this list. To keep it here but stop showing it, use End now instead.</p>
        ${this.dialogActions('delete', 'Delete message', 'Deleting…', { danger: true, onClick: () => void this.onDelete(state.message), onCancel: () => this.closeDialog() })}
      </div>`,
    });
  }

  protected override render() {
    if (this.missingAdmin) return this.missingAdminCard();
    if (!this.adminClient || !this.staff) return nothing;
    const title = this.heading || (this.scopeId ? 'Messages to this account' : 'News to all accounts');
    return html`<div class="card" part="card">
        <div class="head">
          ${this.renderHeading(title, 'title')}
          <p class="lead">
            ${this.scopeId
              ? 'Private messages the people of this account see in their portal, newest first.'
              : 'News every account of the dealer sees in its portal, newest first.'}
          </p>
        </div>
        ${this.allowed ? nothing : this.notAllowed('not-allowed', 'Your role can read messages but not post, end or delete them. Ask an admin or owner.')}
        ${this.loadRegions('list')} ${this.renderList()} ${this.renderForm()}
      </div>
      ${this.renderDialog()}`;
  }
}
