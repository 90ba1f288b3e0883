import { expect, html, waitUntil } from '@open-wc/testing';
import { PorchlightError, type Page, type PorchlightClient } from '@porchlight/client';
import { dana, fakeApi, signedInClient, staffUser } from '../testing/fake-api.js';
import { alertText, expectFocus, mountPortal, settle } from '../testing/helpers.js';
import { AccountList } from './account-list.js';

interface Row {
  id: string;
  name: string;
}

/** A `fetchPage` call on its way: the test answers it. */
interface Call {
  cursor: string | undefined;
  resolve(page: Page<Row>): void;
  reject(error: unknown): void;
}

/** A list whose pages the test hands out, one call at a time. */
class TestList extends AccountList<Row> {
  readonly calls: Call[] = [];

  protected override fetchPage(_client: PorchlightClient, cursor?: string): Promise<Page<Row>> {
    return new Promise((resolve, reject) => this.calls.push({ cursor, resolve, reject }));
  }

  protected override loadingText(): string {
    return 'Loading rows…';
  }

  protected override renderReady(): unknown {
    return html`<p class="summary" part="summary" tabindex="-1">${this.items.length} rows</p>
      <ul>
        ${this.items.map((r) => html`<li><button class="row" type="button" data-id=${r.id}>${r.name}</button></li>`)}
      </ul>
      ${this.renderMore()}`;
  }
}

/** Focus goes to the first new row after a page. */
class RowList extends TestList {
  protected override rowSelector(r: Row): string {
    return `button.row[data-id="${r.id}"]`;
  }
}

/** Focus stays on "Load more"; each page is announced. */
class QuietList extends TestList {
  protected override moreNotice(added: number): string {
    return `Loaded ${added} more.`;
  }
}

customElements.define('test-account-list-rows', RowList);
customElements.define('test-account-list-quiet', QuietList);

const rows = (...ids: string[]): Row[] => ids.map((id) => ({ id, name: `Row ${id}` }));
const root = (el: Element) => el.shadowRoot!;
const shown = (el: Element) => [...root(el).querySelectorAll<HTMLElement>('button.row')].map((b) => b.dataset.id);
const more = (el: Element) => root(el).querySelector<HTMLButtonElement>('button[data-load-more]');

function mount(kind: 'rows' | 'quiet' = 'rows') {
  const api = fakeApi({ users: [dana] });
  const client = signedInClient(api, dana);
  const view = kind === 'rows' ? html`<test-account-list-rows></test-account-list-rows>` : html`<test-account-list-quiet></test-account-list-quiet>`;
  return mountPortal<TestList>(view, { api, client });
}

/** Waits for call `n` and answers it. */
async function answer(el: TestList, n: number, page: Page<Row>): Promise<void> {
  await waitUntil(() => el.calls.length > n, `call ${n}`);
  el.calls[n]!.resolve(page);
  await settle(el);
}

async function fail(el: TestList, n: number, message: string): Promise<void> {
  await waitUntil(() => el.calls.length > n, `call ${n}`);
  el.calls[n]!.reject(new PorchlightError('STORE_UNAVAILABLE', message));
  await settle(el);
}

describe('AccountList (a portal list loaded a page at a time)', () => {
  it('adds the next page with the cursor (a row already shown stays once) and focuses the first new row; at the end, the summary', async () => {
    const { el } = await mount();
    await answer(el, 0, { items: rows('a', 'b'), cursor: 'c2' });
    expect(el.calls[0]!.cursor).to.equal(undefined);
    expect(shown(el)).to.deep.equal(['a', 'b']);

    more(el)!.click();
    await settle(el);
    expect(el.calls[1]!.cursor).to.equal('c2');
    expect(more(el)!.disabled, 'disabled while the page loads').to.equal(true);
    expect(more(el)!.textContent!.trim()).to.equal('Loading…');
    // A second click meanwhile asks for nothing.
    more(el)!.click();
    await answer(el, 1, { items: rows('b', 'c', 'd'), cursor: 'c3' });
    expect(el.calls).to.have.length(2);
    expect(shown(el)).to.deep.equal(['a', 'b', 'c', 'd']);
    expect(more(el)!.disabled).to.equal(false);
    expectFocus(root(el).querySelector('button.row[data-id="c"]'));

    more(el)!.click();
    await answer(el, 2, { items: rows('d'), cursor: null });
    expect(shown(el)).to.deep.equal(['a', 'b', 'c', 'd']);
    expect(more(el)).to.equal(null);
    expectFocus(root(el).querySelector('.summary'));
  });

  it('a quiet reload while a page loads drops that page, whichever answer comes first', async () => {
    const { el } = await mount();
    await answer(el, 0, { items: rows('a'), cursor: 'c2' });

    // The reload answers first: the late page is dropped, and Load more works again.
    more(el)!.click();
    await settle(el);
    void el.reload(true);
    await answer(el, 2, { items: rows('x'), cursor: 'x2' });
    expect(shown(el)).to.deep.equal(['x']);
    el.calls[1]!.resolve({ items: rows('late'), cursor: null });
    await settle(el);
    expect(shown(el)).to.deep.equal(['x']);
    expect(more(el)!.disabled).to.equal(false);
    expect(more(el)!.textContent!.trim()).to.equal('Load more');

    // The page answers first: the reload replaces it.
    more(el)!.click();
    await settle(el);
    expect(el.calls[3]!.cursor).to.equal('x2');
    void el.reload(true);
    await answer(el, 3, { items: rows('y'), cursor: null });
    await answer(el, 4, { items: rows('z'), cursor: 'z2' });
    expect(shown(el)).to.deep.equal(['z']);

    // A failed page that comes back after a reload says nothing.
    more(el)!.click();
    await settle(el);
    void el.reload(true);
    await answer(el, 6, { items: rows('w'), cursor: 'w2' });
    await fail(el, 5, 'The list is briefly unavailable.');
    expect(alertText(el)).to.equal('');
    expect(shown(el)).to.deep.equal(['w']);
  });

  it('someone else signing in forgets the list: a page on its way is dropped, and so is its error', async () => {
    const api = fakeApi({ users: [dana] });
    const kim = staffUser({ username: 'kim', name: 'Kim Patel', permissions: [] });
    api.users.push({ ...kim });
    const client = signedInClient(api, dana);
    const { el } = await mountPortal<TestList>(html`<test-account-list-rows></test-account-list-rows>`, { api, client });
    await answer(el, 0, { items: rows('a'), cursor: 'c2' });
    more(el)!.click();
    await settle(el);
    await client.login({ identifier: kim.identifier, username: 'kim', password: kim.password });
    await waitUntil(() => el.calls.length === 3, 'loads again for Kim');
    await fail(el, 1, 'The list is briefly unavailable.');
    await answer(el, 2, { items: rows('k'), cursor: null });
    expect(shown(el)).to.deep.equal(['k']);
    expect(alertText(el)).to.equal('');
  });

  it('a failed page keeps the list, says why in the alert region (focused), and Load more asks again', async () => {
    const { el } = await mount();
    await answer(el, 0, { items: rows('a'), cursor: 'c2' });
    more(el)!.click();
    await fail(el, 1, 'The list is briefly unavailable.');
    expect(shown(el)).to.deep.equal(['a']);
    expect(alertText(el)).to.equal('The list is briefly unavailable. Try "Load more" again.');
    expectFocus(root(el).querySelector('.alert-box.error'));

    more(el)!.click();
    await settle(el);
    expect(alertText(el), 'the old error goes').to.equal('');
    expect(el.calls[2]!.cursor).to.equal('c2');
    await answer(el, 2, { items: rows('b'), cursor: null });
    expect(shown(el)).to.deep.equal(['a', 'b']);
  });

  it('a view that names no rows keeps focus on Load more (aria-disabled meanwhile) and announces the page', async () => {
    const { el } = await mount('quiet');
    await answer(el, 0, { items: rows('a'), cursor: 'c2' });
    const button = more(el)!;
    expect(button.getAttribute('aria-disabled')).to.equal('false');
    button.focus();
    button.click();
    await settle(el);
    expect(button.disabled).to.equal(false);
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expectFocus(button);
    button.click();
    await answer(el, 1, { items: rows('b', 'c'), cursor: 'c3' });
    expect(el.calls).to.have.length(2);
    expect(shown(el)).to.deep.equal(['a', 'b', 'c']);
    expect(root(el).querySelector('[role="status"][part="notice"]')!.textContent).to.contain('Loaded 2 more.');
    expectFocus(more(el));

    more(el)!.click();
    await answer(el, 2, { items: rows('d'), cursor: null });
    expect(more(el)).to.equal(null);
    expectFocus(root(el).querySelector('.summary'));
  });
});
