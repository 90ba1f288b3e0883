import { html, nothing, type TemplateResult } from 'lit';
import type { PorchlightClient, PortalMessage, PortalMessageList, SessionResponse } from '@porchlight/client';
import { emit } from '../events.js';
import { AccountView } from '../internal/account-view.js';
import { actorText } from '../internal/actor.js';
import { timeTag } from '../internal/format.js';
import { errorMessage } from '../internal/messages.js';
import { messagesStyles } from './messages.styles.js';


/**
 * <porchlight-messages>: messages from the dealer — private ones for this account and news for
 * every account — newest first. Unread ones say "New" and have a bold title; important ones
 * say "Important". Each shows when it was added and by whom, until when it is shown, and opens
 * (a button with aria-expanded) to show its text, line breaks kept, never as HTML. Opening an
 * unread message marks it read for the signed-in user (at once; put back with a message when
 * the server refuses). Lives inside <porchlight-portal>.
 *
 * @attr heading - the heading (default "Messages")
 * @csspart card - the card around everything
 * @csspart title - the heading
 * @csspart summary - the "N unread" line (a live region)
 * @csspart error - the error region (role=alert)
 * @csspart notice - the status region (role=status)
 * @csspart note - the signed-out note
 * @csspart state - the loading and load-error states
 * @csspart button - buttons (Retry)
 * @csspart empty - the empty state
 * @csspart list - the list of messages
 * @csspart message - each message (also `message-unread` when unread)
 * @csspart toggle - the button that opens and closes a message
 * @csspart tag - tags (New, Important)
 * @csspart meta - kind, date added, who added it, shown until
 * @csspart body - the opened message's text
 * @fires porchlight-message-read - `{ id }` after the signed-in user opened an unread message and it was marked read
 */
export class PorchlightMessages extends AccountView<PortalMessageList, never> {
  static override styles = messagesStyles;
  static override properties = {
    messages: { state: true },
    expanded: { state: true },
  };

  protected declare messages: PortalMessage[];
  /** Ids of the opened messages. */
  protected declare expanded: ReadonlySet<string>;

  constructor() {
    super();
    this.heading = 'Messages';
    this.messages = [];
    this.expanded = new Set();
  }

  // ---- data ------------------------------------------------------------------------------

  protected override fetch(client: PorchlightClient): Promise<PortalMessageList> {
    return client.messages.list();
  }

  protected override apply(data: PortalMessageList): void {
    // Newest first, as the server sends them (ids are time-ordered).
    this.messages = [...data.items].sort((a, b) => b.addedAt.localeCompare(a.addedAt) || b.id.localeCompare(a.id));
  }

  protected override clear(): void {
    this.messages = [];
    this.expanded = new Set();
  }

  protected override loadingText(): string {
    return 'Loading messages…';
  }

  protected override signedOutText(): string {
    return 'Log in to see your messages.';
  }

  private setRead(id: string, read: boolean): void {
    this.messages = this.messages.map((m) => (m.id === id ? { ...m, read } : m));
  }

  // ---- actions ---------------------------------------------------------------------------

  private toggle(m: PortalMessage): void {
    const next = new Set(this.expanded);
    if (next.has(m.id)) next.delete(m.id);
    else next.add(m.id);
    this.expanded = next;
    if (next.has(m.id) && !m.read) void this.markRead(m);
  }

  /** Marks read at once; puts it back (with the server's message) when that fails. */
  private async markRead(m: PortalMessage): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.setRead(m.id, true);
    this.alert = '';
    try {
      await client.messages.markRead(m.id);
      if (!this.messages.some((x) => x.id === m.id)) return;
      emit(this, 'porchlight-message-read', { id: m.id });
    } catch (error) {
      // Signed out or someone else signed in meanwhile: nothing to put back.
      if (!this.messages.some((x) => x.id === m.id)) return;
      this.setRead(m.id, false);
      this.alert = `Could not mark "${m.title}" as read. ${errorMessage(error)}`;
    }
  }

  // ---- rendering -------------------------------------------------------------------------

  protected override renderLead(): unknown {
    return html`<p class="lead">News and messages from your alarm company.</p>`;
  }

  private summary(): TemplateResult {
    const unread = this.messages.filter((m) => !m.read).length;
    const text = this.phase !== 'ready' ? '' : unread === 0 ? (this.messages.length ? 'No unread messages' : '') : `${unread} unread`;
    return html`<p class="summary" part="summary" role="status">${text}</p>`;
  }

  private renderMessage(m: PortalMessage, s: SessionResponse): TemplateResult {
    const open = this.expanded.has(m.id);
    const by = m.kind === 'broadcast' ? s.dealer.name : actorText(m.addedBy);
    return html`<li class="message ${m.read ? '' : 'unread'}" part=${m.read ? 'message' : 'message message-unread'} data-id=${m.id}>
      <div class="message-head" role="heading" aria-level=${Math.min(6, this.level + 1)}>
        <button class="toggle" part="toggle" type="button" aria-expanded=${open ? 'true' : 'false'} aria-controls="body-${m.id}" @click=${() => this.toggle(m)}>
          <span class="message-title">${m.title}</span>
          ${m.read ? nothing : html`<span class="tag new" part="tag">New</span>`}
          ${m.importance === 'important' ? html`<span class="tag warn" part="tag">Important</span>` : nothing}
        </button>
      </div>
      <p class="meta" part="meta">
        <span class="kind">${m.kind === 'broadcast' ? 'News' : 'For your account'}</span>
        <span>Added ${timeTag(m.addedAt)} by <span class="actor">${by}</span></span>
        ${m.validUntil ? html`<span>Shown until ${timeTag(m.validUntil)}</span>` : nothing}
      </p>
      <div class="body" part="body" id="body-${m.id}" ?hidden=${!open}>${m.body}</div>
    </li>`;
  }

  protected override renderReady(s: SessionResponse): unknown {
    return html`${this.summary()}
      ${this.messages.length
        ? html`<ul class="list" part="list" aria-label="Messages, newest first" aria-busy=${this.refreshing ? 'true' : 'false'}>
            ${this.messages.map((m) => this.renderMessage(m, s))}
          </ul>`
        : html`<p class="empty" part="empty">No messages right now.</p>`}`;
  }
}
