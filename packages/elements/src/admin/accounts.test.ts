import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { PorchlightAdminAccounts } from './accounts.js';
import type { PorchlightAccountManagerPage } from './account-manager-page.js';
import { fakeAdminApi, owner, support } from './testing/fake-admin-api.js';
import { alertText, url, button, deepActive, input, mountAdmin, settle, shadowText, type, until } from './testing/helpers.js';

async function mountAccounts(options: Parameters<typeof mountAdmin>[1] = {}, attrs = html`<porchlight-admin-accounts></porchlight-admin-accounts>`) {
  const mounted = await mountAdmin<PorchlightAdminAccounts>(attrs, { as: owner, ...options });
  await until(mounted.el, /\d+ accounts?\b/, 'the results');
  return mounted;
}

/** Each row's cells, as "label value" (the label shows on narrow screens only). */
const rows = (el: Element) =>
  [...el.shadowRoot!.querySelectorAll('tbody tr')].map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => [...td.children].map((c) => c.textContent!.trim()).join(' ').replace(/\s+/g, ' ')),
  );
const statusText = (el: Element) => el.shadowRoot!.querySelector('[part="status"]')!.textContent!.trim();

async function search(el: PorchlightAdminAccounts, q: string) {
  type(el, 'q', q);
  el.shadowRoot!.querySelector('form')!.requestSubmit();
  await settle(el);
}

describe('porchlight-admin-accounts', () => {
  it('is registered', () => {
    expect(customElements.get('porchlight-admin-accounts')).to.equal(PorchlightAdminAccounts);
  });

  it('lists the accounts once signed in: a table of name, identifier and customer number', async () => {
    const { el, api } = await mountAccounts();
    expect(el.shadowRoot!.querySelector('[role="heading"]')!.textContent).to.equal('Accounts');
    const headers = [...el.shadowRoot!.querySelectorAll('th')].map((th) => th.textContent!.trim());
    expect(headers).to.deep.equal(['Name', 'Identifier', 'Customer number']);
    expect(rows(el)[0]).to.deep.equal(['Name Harbor View Condominiums', 'Identifier 5550100', 'Customer number LA-1001']);
    expect(rows(el)[2]![2]).to.equal('Customer number — None');
    expect(statusText(el)).to.equal('3 accounts.');
    expect(el.shadowRoot!.querySelector('[part="status"]')!.getAttribute('role')).to.equal('status');
    expect(url(api.calls.find((c) => c.path.startsWith('/v1/admin/accounts'))!)).to.equal('/v1/admin/accounts?limit=25');
    expect(input(el, 'q').labels![0]!.textContent).to.equal('Search accounts');
    expect(el.shadowRoot!.querySelector('form')!.getAttribute('role')).to.equal('search');
    await expect(el).to.be.accessible();
  });

  it('loads nothing while signed out', async () => {
    const { el, api } = await mountAdmin<PorchlightAdminAccounts>(html`<porchlight-admin-accounts></porchlight-admin-accounts>`);
    expect(api.calls.filter((c) => c.path.startsWith('/v1/admin/accounts'))).to.have.length(0);
    expect(el.shadowRoot!.querySelector('table')).to.equal(null);
  });

  it('searches by name, customer number or identifier (q)', async () => {
    const { el, api } = await mountAccounts();
    await search(el, 'maple');
    await until(el, 'matching “maple”');
    expect(url(api.calls.at(-1)!)).to.equal('/v1/admin/accounts?q=maple&limit=25');
    expect(rows(el).map((r) => r[0])).to.deep.equal(['Name Maple Street Dental']);
    expect(statusText(el)).to.equal('1 account matching “maple”.');
    await search(el, '48213377');
    await until(el, 'Oak Ridge');
    expect(rows(el)).to.have.length(1);
  });

  it('empty search: says nothing matched and how to search instead', async () => {
    const { el } = await mountAccounts();
    await search(el, 'zzz');
    await until(el, 'No accounts match');
    expect(shadowText(el)).to.contain('No accounts match “zzz”. Check the spelling, or search by the full identifier or customer number.');
    expect(el.shadowRoot!.querySelector('table')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('pages with "Load more accounts" and the cursor; focus goes to the first new account', async () => {
    const { el, api } = await mountAccounts({}, html`<porchlight-admin-accounts page-size="2"></porchlight-admin-accounts>`);
    expect(rows(el)).to.have.length(2);
    expect(statusText(el)).to.equal('2 accounts shown, more available.');
    button(el, 'Load more accounts').click();
    await until(el, '3 accounts.');
    expect(url(api.calls.at(-1)!)).to.equal('/v1/admin/accounts?limit=2&cursor=2');
    expect(rows(el)).to.have.length(3);
    await waitUntil(() => deepActive()?.textContent === 'Oak Ridge Apartments');
    expect(() => button(el, 'Load more accounts')).to.throw();
  });

  it('a failure shows the message and Retry', async () => {
    const api = fakeAdminApi();
    const { el } = await mountAdmin<PorchlightAdminAccounts>(html`<porchlight-admin-accounts></porchlight-admin-accounts>`, { api, as: owner, ready: true });
    await until(el, '3 accounts');
    api.offline();
    await search(el, 'harbor');
    await until(el, 'could not be reached');
    expect(alertText(el)).to.contain('could not be reached');
    await expect(el).to.be.accessible();
    api.online();
    button(el, 'Retry').click();
    await until(el, '1 account matching “harbor”.');
  });

  it('choosing an account fires porchlight-account-open and shows its page in place; Back returns to the list', async () => {
    const { el, admin } = await mountAccounts();
    const opened = oneEvent(admin, 'porchlight-account-open');
    button(el, 'Harbor View Condominiums').click();
    const event = await opened;
    expect(event.detail).to.deep.equal({ accountId: 'acc_harbor' });
    expect(event.cancelable).to.equal(true);
    await settle(el);
    const page = el.shadowRoot!.querySelector('porchlight-account-manager-page') as PorchlightAccountManagerPage;
    expect(page.getAttribute('account-id')).to.equal('acc_harbor');
    await until(page, 'Harbor View Condominiums');
    await waitUntil(() => deepActive() === page.shadowRoot!.querySelector('#title'), 'focus on the page heading');
    expect(el.shadowRoot!.querySelector('table')).to.equal(null);
    await expect(el).to.be.accessible();

    button(el, /Back to accounts/).click();
    await settle(el);
    expect(el.shadowRoot!.querySelector('porchlight-account-manager-page')).to.equal(null);
    expect(rows(el)).to.have.length(3, 'the results are kept');
    await waitUntil(() => deepActive()?.textContent === 'Harbor View Condominiums', 'focus back on the account');
  });

  it('a page that handles porchlight-account-open (preventDefault) keeps the list', async () => {
    const { el, admin } = await mountAccounts();
    admin.addEventListener('porchlight-account-open', (e) => e.preventDefault(), { once: true });
    button(el, 'Maple Street Dental').click();
    await settle(el);
    expect(el.shadowRoot!.querySelector('porchlight-account-manager-page')).to.equal(null);
    expect(el.shadowRoot!.querySelector('table')).to.exist;
  });

  it('a changed identifier on the page shows in the list on the way back', async () => {
    const { el } = await mountAccounts();
    button(el, 'Harbor View Condominiums').click();
    await settle(el);
    const page = el.shadowRoot!.querySelector('porchlight-account-manager-page') as PorchlightAccountManagerPage;
    await until(page, 'Change identifier');
    button(page, 'Change identifier').click();
    await settle(page);
    type(page, 'identifier', '7770001');
    page.shadowRoot!.querySelector<HTMLFormElement>('form[data-form="identifier"]')!.requestSubmit();
    await until(page, 'Identifier changed to 7770001');
    button(el, /Back to accounts/).click();
    await settle(el);
    expect(rows(el)[0]![1]).to.equal('Identifier 7770001');
  });

  it('a new person signing in starts afresh', async () => {
    const { el, client, api } = await mountAccounts();
    await search(el, 'maple');
    await until(el, 'matching “maple”');
    await client.logout();
    await client.login({ email: support.email, password: support.password });
    await settle(el);
    await until(el, '3 accounts.');
    expect(input(el, 'q').value).to.equal('');
    expect(url(api.calls.at(-1)!)).to.equal('/v1/admin/accounts?limit=25');
  });

  it('readable at 320px: no sideways scrolling, rows become label: value', async () => {
    const { el } = await mountAccounts({ width: '320px' });
    await settle(el);
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
    const label = el.shadowRoot!.querySelector('.cell-label')!;
    expect(getComputedStyle(label).display).to.equal('block');
    await expect(el).to.be.accessible();
  });

  it('outside <porchlight-admin>: says where it belongs', async () => {
    const el = await fixture<PorchlightAdminAccounts>(html`<porchlight-admin-accounts></porchlight-admin-accounts>`);
    await settle(el);
    expect(shadowText(el)).to.contain('Place it inside <porchlight-admin api="…">');
  });
});
