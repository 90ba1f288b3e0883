import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import '../contacts/define.js';
import '../documents/define.js';
import { PorchlightAccountSwitcher } from './account-switcher.js';
import type { PorchlightLogin } from '../login/login.js';
import { withDocuments } from '../documents/fake-documents.js';
import { apiError, dana, fakeApi, fakeId, signedInClient, type FakeApi, type FakeUser } from '../testing/fake-api.js';
import { expectFocus, mountPortal, settle, shadowText, until } from '../testing/helpers.js';

/** Dana's logins in two accounts of one login profile (one person, one password). */
const harborView: FakeUser = { ...dana, profile: 'dana' };
const mapleCourt: FakeUser = {
  identifier: '5550200',
  username: 'dana',
  password: dana.password,
  name: 'Dana Reyes',
  accountName: 'Maple Court',
  role: 'client',
  profile: 'dana',
  email: dana.email ?? null,
  permissions: ['invoices.view'],
};

function twoAccounts(o: { users?: FakeUser[] } = {}): FakeApi {
  return fakeApi({
    users: o.users ?? [harborView, mapleCourt],
    contacts: [
      { name: 'Pat Doe', phone: '(555) 010-0101' },
      { name: 'Maria Lopez', phone: '555-020-0123', accountId: fakeId('account:5550200') },
    ],
  });
}

async function mount(api: FakeApi, as: FakeUser = harborView, extra: unknown = html``) {
  const client = signedInClient(api, as);
  return mountPortal<PorchlightAccountSwitcher>(html`<porchlight-account-switcher></porchlight-account-switcher>${extra}`, { api, client });
}

const root = (el: Element) => el.shadowRoot!;
const trigger = (el: Element) => root(el).querySelector<HTMLButtonElement>('#trigger')!;
const menu = (el: Element) => root(el).querySelector<HTMLElement>('[role="menu"]')!;
const items = (el: Element) => [...root(el).querySelectorAll<HTMLButtonElement>('[role="menuitemradio"]')];
const text = (e: Element) => e.textContent!.replace(/\s+/g, ' ').trim();
const status = (el: Element) => text(root(el).querySelector('[role="status"]')!);

describe('porchlight-account-switcher', () => {
  it('is registered, and defining again is harmless', async () => {
    expect(customElements.get('porchlight-account-switcher')).to.equal(PorchlightAccountSwitcher);
    await import('./define.js');
    expect(customElements.get('porchlight-account-switcher')).to.equal(PorchlightAccountSwitcher);
  });

  it('renders nothing for a login that reaches one account, and nothing when signed out', async () => {
    const { el } = await mount(fakeApi(), dana);
    expect(root(el).querySelector('button')).to.equal(null);
    expect(el.getBoundingClientRect().height).to.equal(0);
    await expect(el).to.be.accessible();

    const { el: signedOut } = await mountPortal<PorchlightAccountSwitcher>(html`<porchlight-account-switcher></porchlight-account-switcher>`, { api: twoAccounts() });
    expect(root(signedOut).querySelector('button')).to.equal(null);
  });

  it('several accounts: a menu button naming the current one, listing each by name and identifier', async () => {
    const { el } = await mount(twoAccounts());
    expect(text(trigger(el))).to.equal('Account: Harbor View Condominiums (5550100)');
    expect(trigger(el).getAttribute('aria-haspopup')).to.equal('menu');
    expect(trigger(el).getAttribute('aria-expanded')).to.equal('false');
    expect(menu(el).hidden).to.equal(true);
    await expect(el).to.be.accessible();

    trigger(el).click();
    await settle(el);
    expect(trigger(el).getAttribute('aria-expanded')).to.equal('true');
    expect(menu(el).hidden).to.equal(false);
    expect(items(el).map(text)).to.deep.equal(['✓ Harbor View Condominiums 5550100', 'Maple Court 5550200']);
    expect(items(el).map((i) => i.getAttribute('aria-checked'))).to.deep.equal(['true', 'false']);
    expectFocus(items(el)[0]);
    await expect(el).to.be.accessible();

    // Clicking elsewhere closes it.
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    await settle(el);
    expect(menu(el).hidden).to.equal(true);
  });

  it('keyboard: Down opens on the current account, arrows move, Escape closes back to the button, Enter switches', async () => {
    const { el, api } = await mount(twoAccounts());
    trigger(el).focus();
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expectFocus(items(el)[0]);
    await sendKeys({ press: 'ArrowDown' });
    expectFocus(items(el)[1]);
    await sendKeys({ press: 'ArrowDown' });
    expectFocus(items(el)[0]);
    await sendKeys({ press: 'End' });
    expectFocus(items(el)[1]);
    await sendKeys({ press: 'Escape' });
    await settle(el);
    expect(menu(el).hidden).to.equal(true);
    expectFocus(trigger(el));
    expect(api.callsTo('POST /v1/auth/switch')).to.have.length(0);

    await sendKeys({ press: 'ArrowUp' });
    await settle(el);
    expectFocus(items(el)[1]);
    await sendKeys({ press: 'Enter' });
    await until(el, 'Account: Maple Court (5550200)');
    expectFocus(trigger(el));
  });

  it('switching: progress, "Now viewing …" announced, an event, and every account view loads the other account', async () => {
    const api = twoAccounts();
    const { el, portal } = await mount(api, harborView, html`<porchlight-contacts></porchlight-contacts><porchlight-login></porchlight-login>`);
    const contacts = portal.querySelector('porchlight-contacts')!;
    const login = portal.querySelector<PorchlightLogin>('porchlight-login')!;
    await until(contacts, 'Pat Doe');
    expect(shadowText(contacts)).not.to.contain('Maria Lopez');

    const release = api.hold('POST /v1/auth/switch');
    trigger(el).click();
    await settle(el);
    const switched = oneEvent(el, 'porchlight-account-switch');
    items(el)[1]!.click();
    await settle(el);
    expect(text(trigger(el))).to.equal('Switching to Maple Court…');
    expect(trigger(el).getAttribute('aria-disabled')).to.equal('true');
    expect(status(el)).to.equal('Switching to Maple Court…');
    await expect(el).to.be.accessible();
    release();

    const { detail } = await switched;
    expect(detail.account).to.include({ name: 'Maple Court', identifier: '5550200', current: true });
    expect(detail.session.account.name).to.equal('Maple Court');
    await until(el, 'Account: Maple Court (5550200)');
    expect(status(el)).to.equal('Now viewing Maple Court');
    expect(api.callsTo('POST /v1/auth/switch')[0]!.body).to.deep.equal({ accountId: fakeId('account:5550200') });

    // The views follow the new session: Maple Court's contacts, with the new token.
    await until(contacts, 'Maria Lopez');
    expect(shadowText(contacts)).not.to.contain('Pat Doe');
    const loads = api.callsTo('GET /v1/contacts');
    expect(loads.length).to.equal(2);
    expect(loads[0]!.headers.authorization).not.to.equal(loads[1]!.headers.authorization);
    await until(login, 'Maple Court');
    expect(portal.currentSession!.account.name).to.equal('Maple Court');
    await expect(el).to.be.accessible();

    // And back.
    trigger(el).click();
    await settle(el);
    expect(items(el).map((i) => i.getAttribute('aria-checked'))).to.deep.equal(['false', 'true']);
    items(el)[0]!.click();
    await until(el, 'Account: Harbor View Condominiums (5550100)');
    await until(contacts, 'Pat Doe');
  });

  it('a view the first account\'s login may not see loads once the switch reaches a login that may', async () => {
    const api = twoAccounts({ users: [{ ...harborView, role: 'client', permissions: ['invoices.view'], grants: ['invoices'] }, { ...mapleCourt, grants: ['documents'] }] });
    withDocuments(api, [{ title: 'Monitoring certificate' }]);
    const { el, portal } = await mount(api, { ...harborView, grants: ['invoices'] }, html`<porchlight-documents></porchlight-documents>`);
    const documents = portal.querySelector('porchlight-documents')!;
    await until(documents, 'Your login does not include documents.');
    expect(api.callsTo('GET /v1/documents')).to.have.length(0);
    trigger(el).click();
    await settle(el);
    items(el)[1]!.click();
    await until(documents, 'Monitoring certificate');
  });

  it('a refused switch: the reason in an alert, the account stays', async () => {
    const api = twoAccounts();
    api.on('POST /v1/auth/switch', () => apiError('NOT_FOUND', 'No such account for this login.', 404));
    const { el, portal } = await mount(api);
    trigger(el).click();
    await settle(el);
    items(el)[1]!.click();
    await until(el, 'Could not switch');
    expect(text(root(el).querySelector('[role="alert"]')!)).to.equal('Could not switch to Maple Court. No such account for this login.');
    expect(text(trigger(el))).to.equal('Account: Harbor View Condominiums (5550100)');
    expect(portal.currentSession!.account.name).to.equal('Harbor View Condominiums');
    expectFocus(trigger(el));
    await expect(el).to.be.accessible();
  });

  it('choosing the current account only closes the menu', async () => {
    const { el, api } = await mount(twoAccounts());
    trigger(el).click();
    await settle(el);
    items(el)[0]!.click();
    await settle(el);
    expect(menu(el).hidden).to.equal(true);
    expect(api.callsTo('POST /v1/auth/switch')).to.have.length(0);
  });

  it('hidden while a dealer admin emulates the login (emulation cannot switch)', async () => {
    const api = twoAccounts();
    const client = signedInClient(api, harborView, { adminId: 'k1', name: 'Sam Ortiz' });
    const { el } = await mountPortal<PorchlightAccountSwitcher>(html`<porchlight-account-switcher></porchlight-account-switcher>`, { api, client });
    expect(root(el).querySelector('button')).to.equal(null);
  });

  it('exposes parts for theming', async () => {
    const { el } = await mount(twoAccounts());
    const parts = new Set([...root(el).querySelectorAll('[part]')].flatMap((n) => n.getAttribute('part')!.split(' ')));
    for (const p of ['base', 'button', 'menu', 'item', 'identifier', 'notice', 'error']) expect(parts.has(p), p).to.equal(true);
  });
});
