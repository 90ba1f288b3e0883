import { css, html, nothing, type PropertyValues } from 'lit';
import type { Account } from '@porchlight/client';
import { alertIcon } from '../internal/icons.js';
import { backBar, pageLimit } from '../internal/list-view.js';
import type { AccountChangeDetail } from './events.js';
import { emitAdmin } from './events.js';
import { AdminElement } from './internal/admin-element.js';
import { adminStyles } from './internal/admin-styles.js';
import type { PorchlightAccountManagerPage } from './account-manager-page.js';

type Status = 'idle' | 'loading' | 'ready' | 'error';

/**
 * <porchlight-admin-accounts>: find an account by name, customer number or identifier, and open
 * its Account Manager page. Lives inside <porchlight-admin>.
 *
 * Choosing an account fires `porchlight-account-open` (cancelable). Unless a listener calls
 * preventDefault() (to show the account its own way), the list gives way to
 * <porchlight-account-manager-page> with a "Back to accounts" button.
 *
 * @csspart card - the card around search and results
 * @csspart title - headings
 * @csspart form - the search form
 * @csspart field - the search field (its parts are exported as label, hint, input, field-error)
 * @csspart button - buttons (Search, Load more, Retry, Back to accounts)
 * @csspart status - the results summary (role=status)
 * @csspart error - the error region (role=alert)
 * @csspart table - the results table
 * @csspart account-link - the button with each account's name
 * @csspart back - the "Back to accounts" button
 * @csspart page - the <porchlight-account-manager-page> shown in place
 * @fires porchlight-account-open - `{ accountId }`; cancelable
 */
export class PorchlightAdminAccounts extends AdminElement {
  static override styles = [
    ...adminStyles,
    css`
      .head {
        margin-bottom: 1.25rem;
      }
      .head .lead {
        margin: 0.25rem 0 0;
      }
      form.search {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: 0.75rem;
        margin-bottom: 1rem;
      }
      form.search porchlight-text-field {
        flex: 1 1 16rem;
      }
      form.search .button {
        flex: 0 0 auto;
        width: auto;
        min-width: 7rem;
      }
      .summary {
        margin: 0 0 0.5rem;
        color: var(--_muted);
        font-size: 0.9375rem;
      }
      .summary:empty {
        display: none;
      }
      .failure .alert-box {
        align-items: flex-start;
      }
      .failure .button {
        width: auto;
        margin-top: 0.5rem;
      }
    `,
  ];
  static override properties = {
    pageSize: { type: Number, attribute: 'page-size' },
    heading: {},
    status: { state: true },
    items: { state: true },
    cursor: { state: true },
    query: { state: true },
    failure: { state: true },
    loadingMore: { state: true },
    openId: { state: true },
  };

  /** Accounts per page (1–100); 25 by default. */
  declare pageSize: number;
  /** The heading of the list. */
  declare heading: string;

  protected declare status: Status;
  protected declare items: Account[];
  protected declare cursor: string | null;
  /** The search the results are for. */
  protected declare query: string;
  protected declare failure: unknown;
  protected declare loadingMore: boolean;
  /** The account shown in place of the list, if any. */
  protected declare openId: string | null;

  private staffKey: string | undefined;
  private runs = 0;
  private lastOpened: string | undefined;

  constructor() {
    super();
    this.pageSize = 25;
    this.heading = 'Accounts';
    this.status = 'idle';
    this.items = [];
    this.cursor = null;
    this.query = '';
    this.failure = undefined;
    this.loadingMore = false;
    this.openId = null;
    this.addEventListener('porchlight-account-change', this.onAccountChange);
  }

  /** Shows the list again (what "Back to accounts" does). */
  showList(): void {
    this.back();
  }

  /** Searches (what the form does); an empty query lists every account. */
  search(query: string): Promise<void> {
    this.query = query.trim();
    return this.load(false);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new person signed in (or nobody is): start afresh, never showing another person's results.
    const staff = this.staff;
    const key = staff ? `${staff.id}` : undefined;
    if (key === this.staffKey) return;
    this.staffKey = key;
    this.runs++;
    this.items = [];
    this.cursor = null;
    this.failure = undefined;
    this.openId = null;
    this.loadingMore = false;
    this.forms = {};
    this.status = 'idle';
    if (key) {
      this.query = '';
      void this.load(false);
    }
  }

  private get limit(): number {
    return pageLimit(this.pageSize, 25);
  }

  private async load(more: boolean): Promise<void> {
    const client = this.adminClient;
    if (!client || !this.staff) return;
    const run = ++this.runs;
    const before = this.items.length;
    if (more) this.loadingMore = true;
    else this.status = 'loading';
    this.failure = undefined;
    try {
      const page = await client.accounts.search({ q: this.query || undefined, limit: this.limit, cursor: more ? (this.cursor ?? undefined) : undefined });
      if (run !== this.runs) return;
      this.items = more ? [...this.items, ...page.items] : page.items;
      this.cursor = page.cursor;
      this.status = 'ready';
      // After "Load more", focus goes to the first new account.
      if (more && page.items.length) void this.focusAfterUpdate(`tbody tr:nth-child(${before + 1}) .link-button`);
    } catch (error) {
      if (run !== this.runs) return;
      this.failure = error;
      if (!more) {
        this.items = [];
        this.cursor = null;
      }
      this.status = 'error';
    } finally {
      if (run === this.runs) this.loadingMore = false;
    }
  }

  private onSearch(event: SubmitEvent): void {
    const values = this.formValues(event);
    const q = values.q?.trim() ?? '';
    if (q.length > 120) {
      this.invalid('search', { q: 'Search with at most 120 characters.' });
      return;
    }
    this.clearForm('search');
    void this.search(q);
  }

  private retry(): void {
    const more = this.items.length > 0 && this.cursor !== null;
    void this.load(more);
  }

  private open(account: Account): void {
    const proceed = emitAdmin(this, 'porchlight-account-open', { accountId: account.id }, { cancelable: true });
    this.lastOpened = account.id;
    if (!proceed) return;
    this.openId = account.id;
    void this.updateComplete.then(async () => {
      const page = this.renderRoot.querySelector('porchlight-account-manager-page') as PorchlightAccountManagerPage | null;
      await page?.focusHeading();
    });
  }

  private back(): void {
    if (this.openId === null) return;
    this.openId = null;
    const id = this.lastOpened;
    void this.focusAfterUpdate(id ? `.link-button[data-account-id="${CSS.escape(id)}"]` : '.title');
  }

  private readonly onAccountChange = (event: CustomEvent<AccountChangeDetail>): void => {
    const { account } = event.detail;
    if (this.items.some((a) => a.id === account.id)) this.items = this.items.map((a) => (a.id === account.id ? account : a));
  };

  // ---- rendering ------------------------------------------------------------------------

  private summary(): string {
    if (this.status === 'loading') return this.query ? `Searching for “${this.query}”…` : 'Loading accounts…';
    if (this.status !== 'ready') return '';
    const n = this.items.length;
    if (!n) return '';
    const count = `${n} ${n === 1 ? 'account' : 'accounts'}`;
    const shown = this.cursor ? `${count} shown, more available` : count;
    return this.query ? `${shown} matching “${this.query}”.` : `${shown}.`;
  }

  private renderEmpty() {
    if (this.status !== 'ready' || this.items.length) return nothing;
    return html`<p class="empty" part="empty">
      ${this.query
        ? html`No accounts match “${this.query}”. Check the spelling, or search by the full identifier or customer number.`
        : 'There are no accounts yet.'}
    </p>`;
  }

  private renderTable() {
    if (!this.items.length) return nothing;
    return html`<div class="table-wrap">
      <table class="table" part="table" aria-labelledby="title">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Identifier</th>
            <th scope="col">Customer number</th>
          </tr>
        </thead>
        <tbody>
          ${this.items.map(
            (a) => html`<tr>
              <td>
                <span class="cell-label" aria-hidden="true">Name</span>
                <button class="link-button" part="account-link" type="button" data-account-id=${a.id} @click=${() => this.open(a)}>${a.name}</button>
              </td>
              <td><span class="cell-label" aria-hidden="true">Identifier</span><span class="mono">${a.identifier}</span></td>
              <td>
                <span class="cell-label" aria-hidden="true">Customer number</span>
                ${a.customerNumber ? html`<span class="mono">${a.customerNumber}</span>` : html`<span aria-hidden="true">—</span><span class="sr-only">None</span>`}
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderFailure(): unknown {
    return this.status === 'error' ? this.loadFailure(this.failure, () => this.retry()) : nothing;
  }

  private renderList() {
    const searching = this.status === 'loading';
    return html`<div class="card" part="card">
      <div class="head">
        ${this.renderHeading(this.heading || 'Accounts', 'title')}
        <p class="lead">Find an account by name, customer number or identifier.</p>
      </div>
      <form class="search" part="form" role="search" aria-label="Accounts" data-form="search" novalidate @submit=${this.onSearch} @input=${(e: Event) => this.onFieldInput('search', e)}>
        ${this.textField('search', 'q', 'Search accounts', { value: this.query, required: false, autocomplete: 'off', maxlength: 120, type: 'search', inputmode: 'search' })}
        <button class="button" part="button" type="submit" ?disabled=${searching}>Search</button>
      </form>
      <div role="alert" part="error" class="failure" data-alert="search">${this.formState('search').alert && this.status !== 'error' ? html`<div class="alert-box">${alertIcon}<p>${this.formState('search').alert}</p></div>` : nothing}${this.renderFailure()}</div>
      <p class="summary" role="status" part="status">${this.summary()}</p>
      ${searching && !this.items.length ? this.loadingState('Loading accounts…') : nothing}
      ${this.renderEmpty()} ${this.renderTable()}
      ${this.cursor && this.status === 'ready'
        ? html`<div class="more">
            <button class="button secondary inline" part="button" type="button" ?disabled=${this.loadingMore} @click=${() => this.load(true)}>
              ${this.loadingMore ? html`<span class="spinner" aria-hidden="true"></span>Loading…` : 'Load more accounts'}
            </button>
          </div>`
        : nothing}
    </div>`;
  }

  protected override render() {
    if (this.missingAdmin) return this.missingAdminCard();
    if (!this.adminClient || !this.staff) return nothing;
    if (this.openId) {
      return html`${backBar('Back to accounts', () => this.back())}
        <porchlight-account-manager-page part="page" account-id=${this.openId} heading-level=${this.headingLevel}></porchlight-account-manager-page>`;
    }
    return this.renderList();
  }
}
