import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { Page, PorchlightClient, SessionResponse } from '@porchlight/client';
import { AccountView } from './account-view.js';
import { appendPage } from './list-view.js';
import { errorMessage } from './messages.js';
import { busyLabel } from './templates.js';

/**
 * A portal list loaded a page at a time (the back office's is `AdminList`): the first page with
 * the view's data, then "Load more" with the cursor. A page is added after what is shown (an item
 * already listed is listed once); one that comes back after the list was loaded again (a filter,
 * a quiet refresh after a change) or forgotten (someone else signed in) is dropped, and so is its
 * error. A failed page leaves the list as it is and says why in the alert region.
 *
 * Focus after a page: a view that names its rows (`rowSelector`) disables the button while the
 * page loads and then moves focus to the first new row; one that does not keeps focus on the
 * button (aria-disabled meanwhile) and may announce the page (`moreNotice`). Either way focus
 * goes to the line saying what is shown (`.summary`) once the list has ended.
 *
 * `D` is what `fetch` loads: the first page, or (for a view that loads more with it, overriding
 * `fetch` and `apply`) the first page with more fields.
 */
export abstract class AccountList<T extends { id: string }, D extends Page<T> = Page<T>> extends AccountView<D, never> {
  static override properties: PropertyDeclarations = {
    items: { state: true },
    cursor: { state: true },
    loadingMore: { state: true },
  };

  protected declare items: T[];
  /** Where the next page starts (null: the list is all shown). */
  protected declare cursor: string | null;
  protected declare loadingMore: boolean;

  /** Changes whenever the items are replaced or forgotten, so a late "Load more" answer is dropped. */
  private listRun = 0;

  constructor() {
    super();
    this.items = [];
    this.cursor = null;
    this.loadingMore = false;
  }

  /** The first page (no cursor) or the one at `cursor`, with the view's filters and page size. */
  protected abstract fetchPage(client: PorchlightClient, cursor?: string): Promise<Page<T>>;

  /** The selector of an item's row (its button or heading) that focus moves to after "Load more". */
  protected rowSelector?(item: T): string;

  /** What the status region says after "Load more" added `added` items (nothing by default). */
  protected moreNotice(_added: number): string | undefined {
    return undefined;
  }

  /** The first page. A view whose `D` carries more loads it with `fetchPage()` in its own `fetch`. */
  protected override fetch(client: PorchlightClient, _session: SessionResponse): Promise<D> {
    return this.fetchPage(client) as Promise<D>;
  }

  protected override apply(data: D): void {
    this.listRun++;
    this.items = data.items;
    this.cursor = data.cursor;
    this.loadingMore = false;
  }

  protected override clear(): void {
    this.listRun++;
    this.items = [];
    this.cursor = null;
    this.loadingMore = false;
  }

  /** Loads the list again from its first page (a filter or search changed); a page still on its way is dropped. */
  protected reloadList(): void {
    this.listRun++;
    this.loadingMore = false;
    this.clearMessages();
    void this.reload(true);
  }

  /** Adds the next page to the list. */
  protected async loadMore(): Promise<void> {
    const client = this.client;
    const cursor = this.cursor;
    if (!client || !cursor || this.loadingMore || this.refreshing) return;
    const run = this.listRun;
    const before = this.items.length;
    this.loadingMore = true;
    this.clearMessages();
    try {
      const page = await this.fetchPage(client, cursor);
      // Loaded again or forgotten meanwhile: this page belongs to a list no longer shown.
      if (run !== this.listRun) return;
      this.items = appendPage(this.items, page.items);
      this.cursor = page.cursor;
      const added = this.items.length - before;
      const text = this.moreNotice(added);
      if (text) this.notice = { kind: 'info', text };
      const focus = this.focusAfterMore(this.items[before]);
      if (focus) void this.focusAfterUpdate(focus);
    } catch (error) {
      if (run !== this.listRun) return;
      this.alert = `${errorMessage(error)} Try "Load more" again.`;
      void this.focusAfterUpdate('.alert-box.error');
    } finally {
      if (run === this.listRun) this.loadingMore = false;
    }
  }

  /** Where focus goes after a page that added `first` first (undefined: nothing was added). */
  private focusAfterMore(first: T | undefined): string | undefined {
    if (first && this.rowSelector) return this.rowSelector(first);
    if (!this.cursor) return '.summary';
    // The button was disabled meanwhile, and lost focus.
    return this.rowSelector ? '[data-load-more]' : undefined;
  }

  /** The "Load more" row under the list, while there is more. */
  protected renderMore(): TemplateResult | typeof nothing {
    if (!this.cursor) return nothing;
    const waiting = this.loadingMore || this.refreshing;
    const keepsFocus = !this.rowSelector;
    return html`<div class="more">
      <button
        class="button secondary inline"
        part="button"
        type="button"
        data-load-more
        ?disabled=${!keepsFocus && waiting}
        aria-disabled=${keepsFocus ? String(waiting) : nothing}
        @click=${this.loadMore}
      >
        ${busyLabel(this.loadingMore, 'Load more', 'Loading…')}
      </button>
    </div>`;
  }
}
