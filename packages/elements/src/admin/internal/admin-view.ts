import { nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { appendPage } from '../../internal/list-view.js';
import { AdminElement } from './admin-element.js';

/** Where the load of what an element shows is. */
export type Load = 'idle' | 'loading' | 'ready' | 'error';

/**
 * A back-office element that loads what it shows for the signed-in staff member: the load's
 * status and failure (with Retry), and a fresh start whenever who is signed in, their role or
 * what is shown changes (answers still on their way are dropped, never showing what the
 * previous one saw).
 */
export abstract class AdminView extends AdminElement {
  static override properties: PropertyDeclarations = {
    status: { state: true },
    failure: { state: true },
  };

  protected declare status: Load;
  protected declare failure: unknown;

  /** Counts the loads (and fresh starts): an answer for an earlier one is dropped. */
  protected runs = 0;
  /** What `startOver` was last given. */
  private shownFor: string | undefined;

  constructor() {
    super();
    this.status = 'idle';
    this.failure = undefined;
  }

  /** Loads again what the element shows. */
  reload(): Promise<void> {
    return this.load();
  }

  /** Loads what the element shows (with `loadWith`), when it can. */
  protected abstract load(): Promise<void>;

  /**
   * Starts afresh when `key` (who is signed in, their role, what is shown; undefined when there
   * is nothing to show) is not the one of the last call: answers still on their way are
   * dropped, the load and the forms forgotten. True when it did; the element then forgets its
   * own data (overriding this, or after the call) and loads again.
   */
  protected startOver(key: string | undefined): boolean {
    if (key === this.shownFor) return false;
    this.shownFor = key;
    this.runs++;
    this.failure = undefined;
    this.forms = {};
    this.status = 'idle';
    return true;
  }

  /**
   * One load: `fetch`, then `show` what came. The status is 'loading' meanwhile, then 'ready',
   * or 'error' with the failure (after `failed`). Dropped when another load or a fresh start
   * came meanwhile.
   */
  protected async loadWith<T>(fetch: () => Promise<T>, show: (value: T) => void, failed?: () => void): Promise<void> {
    const run = ++this.runs;
    this.status = 'loading';
    this.failure = undefined;
    try {
      const value = await fetch();
      if (run !== this.runs) return;
      show(value);
      this.status = 'ready';
    } catch (error) {
      if (run !== this.runs) return;
      this.failure = error;
      failed?.();
      this.status = 'error';
    }
  }

  /** Loads again after a failure: the Retry button goes away, so focus goes to the heading. */
  protected async retry(): Promise<void> {
    const loaded = this.load();
    await this.focusAfterUpdate('#title');
    await loaded;
  }

  /** The card's regions (see cardRegions), a failed load with Retry in its alert. */
  protected loadRegions(form: string): TemplateResult {
    return this.cardRegions(form, this.status === 'error' ? this.loadFailure(this.failure, () => void this.retry()) : nothing);
  }
}

/** A page of a list, and where the next one starts (null: it was the last). */
export interface Page<T> {
  items: T[];
  cursor: string | null;
}

/**
 * A back-office list loaded a page at a time: the first page, then "Load more" (focus goes to
 * the first new item, since the button may be gone).
 */
export abstract class AdminList<T extends { id: string }> extends AdminView {
  static override properties: PropertyDeclarations = {
    items: { state: true },
    cursor: { state: true },
    loadingMore: { state: true },
  };

  protected declare items: T[];
  protected declare cursor: string | null;
  protected declare loadingMore: boolean;

  constructor() {
    super();
    this.items = [];
    this.cursor = null;
    this.loadingMore = false;
  }

  /** The first page (no cursor) or the one at `cursor` (only asked for with the admin client there). */
  protected abstract fetchPage(cursor?: string): Promise<Page<T>>;
  /** The selector of an item's row (focus goes there after "Load more"). */
  protected abstract rowSelector(id: string): string;

  protected override startOver(key: string | undefined): boolean {
    if (!super.startOver(key)) return false;
    this.items = [];
    this.cursor = null;
    this.loadingMore = false;
    return true;
  }

  protected async load(): Promise<void> {
    if (!this.adminClient || !this.staff) return;
    this.loadingMore = false;
    await this.loadWith(
      () => this.fetchPage(),
      (page) => {
        this.items = page.items;
        this.cursor = page.cursor;
      },
      () => {
        this.items = [];
        this.cursor = null;
      },
    );
  }

  protected async loadMore(): Promise<void> {
    const cursor = this.cursor;
    if (!cursor || this.loadingMore || !this.adminClient) return;
    const run = this.runs;
    const before = this.items.length;
    this.loadingMore = true;
    const ok = await this.run('list', async () => {
      const page = await this.fetchPage(cursor);
      if (run !== this.runs) return;
      this.items = appendPage(this.items, page.items);
      this.cursor = page.cursor;
    });
    if (run !== this.runs) return;
    this.loadingMore = false;
    if (ok && this.items.length > before) void this.focusAfterUpdate(this.rowSelector(this.items[before]!.id));
  }
}
