import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import './define.js';
import { PorchlightPaymentMethods } from './payment-methods.js';
import { dana, fakeApi, sam, signedInClient, staffUser, type FakeApi, type FakeUser } from '../testing/fake-api.js';
import { expectNone, mountPortal, settle, shadowText, until } from '../testing/helpers.js';
import { defaultRoute, methodRoute, withBilling, type FakeBillingOptions } from './fake-billing.js';

const manager = staffUser({ username: 'mo', name: 'Mo Methods', permissions: ['payment-methods.manage'] });
const payer = staffUser({ username: 'pat', name: 'Pat Payer', permissions: ['invoices.view', 'invoices.pay'] });

async function mount(o: { as?: FakeUser; billing?: FakeBillingOptions; api?: FakeApi; emulated?: boolean; style?: string } = {}) {
  const api = o.api ?? fakeApi({ users: [dana, sam, manager, payer] });
  const billing = withBilling(api, {
    methods: [
      { last4: '4242', brand: 'visa', expMonth: 4, expYear: 2031, isDefault: true },
      { kind: 'bank', bankName: 'Chase', last4: '6789' },
      { last4: '1111', brand: 'mastercard', expMonth: 1, expYear: 2020 },
    ],
    ...o.billing,
  });
  const client = signedInClient(api, o.as ?? dana, o.emulated ? { adminId: 'admin-1', name: 'Pat Admin' } : undefined);
  const view = await mountPortal<PorchlightPaymentMethods>(html`<porchlight-payment-methods style=${o.style ?? ''}></porchlight-payment-methods>`, { api, client });
  return { ...view, billing };
}

const root = (el: Element) => el.shadowRoot!;
const items = (el: Element) => [...root(el).querySelectorAll<HTMLElement>('li.method')];
const names = (el: Element) => items(el).map((li) => li.querySelector('.method-name')!.textContent!.trim());
const itemOf = (el: Element, name: string) => items(el).find((li) => li.querySelector('.method-name')!.textContent!.includes(name))!;
const buttonNamed = (scope: ParentNode, name: string | RegExp) => {
  const all = [...scope.querySelectorAll<HTMLButtonElement>('button')];
  const found = all.find((b) => (typeof name === 'string' ? b.textContent!.replace(/\s+/g, ' ').trim() === name : name.test(b.textContent!)));
  if (!found) throw new Error(`no button ${name}: ${all.map((b) => b.textContent!.trim()).join(' | ')}`);
  return found;
};
const frameOf = (el: Element) => root(el).querySelector<HTMLIFrameElement>('iframe.gateway-frame');
async function frameReady(el: Element) {
  await waitUntil(() => root(el).querySelector('.gateway')?.getAttribute('data-phase') === 'ready', 'the gateway form is ready', { timeout: 4000 });
}

describe('porchlight-payment-methods', () => {
  it('is registered', () => {
    expect(customElements.get('porchlight-payment-methods')).to.equal(PorchlightPaymentMethods);
  });

  it('lists saved methods: brand or bank, last four, expiry (expired marked), Default', async () => {
    const { el } = await mount();
    await until(el, 'Visa ending in 4242');
    expect(names(el)).to.deep.equal(['Visa ending in 4242', 'Chase account ending in 6789', 'Mastercard ending in 1111']);
    const visa = itemOf(el, 'Visa');
    expect(visa.textContent).to.include('Expires 04/2031');
    expect(visa.querySelector('.tag.default')!.textContent).to.equal('Default');
    expectNone(visa.querySelector('button[data-default]'));
    expect(itemOf(el, 'Chase').textContent).to.include('Bank account (eCheck)');
    const expired = itemOf(el, 'Mastercard');
    expect(expired.textContent).to.include('Expired 01/2020');
    expect(expired.querySelector('.tag.warn')!.textContent).to.equal('Expired');
    expect(expired.querySelector('button[data-remove]')!.getAttribute('aria-label')).to.equal('Remove Mastercard ending in 1111');
    await expect(el).to.be.accessible();
  });

  it('adds a card through the gateway frame: only the token is sent, and the event says so', async () => {
    const { el, billing, portal } = await mount();
    await until(el, 'Visa ending in 4242');
    buttonNamed(root(el), 'Add a payment method').click();
    await until(el, 'Enter the card details');
    const frame = frameOf(el)!;
    expect(new URL(frame.src).searchParams.get('kind')).to.equal('card');
    await frameReady(el);
    await expect(el).to.be.accessible();
    frame.contentDocument!.querySelector('select')!.value = 'mastercard-4444';
    root(el).querySelector<HTMLInputElement>('#make-default')!.click();
    const changed = oneEvent(portal, 'porchlight-payment-method-change');
    buttonNamed(root(el), 'Save card').click();
    const event = (await changed) as CustomEvent;
    expect(event.detail.action).to.equal('added');
    expect(event.detail.method.last4).to.equal('4444');
    expect(billing.addRequests).to.have.length(1);
    expect(Object.keys(billing.addRequests[0]).sort()).to.deep.equal(['makeDefault', 'token']);
    expect(billing.addRequests[0].token).to.match(/^tok_sbx_mastercard-4444_\d+$/);
    expect(billing.addRequests[0].makeDefault).to.equal(true);
    await until(el, 'Mastercard ending in 4444 was saved as your default method.');
    await waitUntil(() => names(el).length === 4, 'the list again');
    expect(names(el)[0]).to.equal('Mastercard ending in 4444');
    expectNone(frameOf(el));
  });

  it('adds a bank account (eCheck) with the frame\'s own Continue', async () => {
    const { el, billing } = await mount({ billing: { methods: [] } });
    await until(el, 'No saved payment methods.');
    buttonNamed(root(el), 'Add a payment method').click();
    await until(el, 'What do you want to add?');
    root(el).querySelector<HTMLInputElement>('input[name="kind"][value="bank"]')!.click();
    await settle(el);
    expect(new URL(frameOf(el)!.src).searchParams.get('kind')).to.equal('bank');
    expect(shadowText(el)).to.include('Your first method becomes your default method.');
    await frameReady(el);
    frameOf(el)!.contentDocument!.querySelector('button')!.click();
    await until(el, 'Test Bank account ending in 6789 was saved as your default method.');
    expect(billing.addRequests[0].makeDefault).to.equal(true);
  });

  it('makes a method the default', async () => {
    const { el, api, billing, portal } = await mount();
    await until(el, 'Visa ending in 4242');
    const chase = billing.methods.find((m) => m.last4 === '6789')!;
    const changed = oneEvent(portal, 'porchlight-payment-method-change');
    itemOf(el, 'Chase').querySelector<HTMLButtonElement>('button[data-default]')!.click();
    const event = (await changed) as CustomEvent;
    expect(event.detail).to.deep.include({ action: 'default' });
    expect(event.detail.method.id).to.equal(chase.id);
    expect(api.callsTo(defaultRoute(chase.id))).to.have.length(1);
    await until(el, 'Chase account ending in 6789 is now your default method.');
    await waitUntil(() => itemOf(el, 'Chase').querySelector('.tag.default'), 'default tag moved');
    expectNone(itemOf(el, 'Visa').querySelector('.tag.default'));
  });

  it('removes a method after confirming', async () => {
    const { el, api, billing, portal } = await mount();
    await until(el, 'Visa ending in 4242');
    const old = billing.methods.find((m) => m.last4 === '1111')!;
    itemOf(el, 'Mastercard').querySelector<HTMLButtonElement>('button[data-remove]')!.click();
    await settle(el);
    const dialog = root(el).querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.querySelector('#dialog-title')!.textContent).to.equal('Remove Mastercard ending in 1111?');
    expect(api.callsTo(methodRoute(old.id))).to.have.length(0);
    await expect(el).to.be.accessible();
    const changed = oneEvent(portal, 'porchlight-payment-method-change');
    dialog.querySelector<HTMLButtonElement>('button[data-confirm-remove]')!.click();
    const event = (await changed) as CustomEvent;
    expect(event.detail).to.deep.equal({ action: 'removed', method: old });
    await until(el, 'Mastercard ending in 1111 was removed.');
    expect(names(el)).to.deep.equal(['Visa ending in 4242', 'Chase account ending in 6789']);
  });

  it("says plainly when autopay depends on the method (the server's 409)", async () => {
    const api = fakeApi({ users: [dana] });
    const { el, billing } = await mount({ api });
    billing.autopay = { ...billing.autopay, enabled: true, methodId: billing.methods[0]!.id };
    await until(el, 'Visa ending in 4242');
    itemOf(el, 'Visa').querySelector<HTMLButtonElement>('button[data-remove]')!.click();
    await settle(el);
    root(el).querySelector<HTMLButtonElement>('dialog button[data-confirm-remove]')!.click();
    await until(el, 'Autopay charges this card; choose another card for autopay first.');
    expect(root(el).querySelector('dialog [role="alert"]')!.textContent).to.include('Autopay charges this card');
    expect(names(el)).to.have.length(3);
    await expect(el).to.be.accessible();
  });

  it('a login with "Payment methods and autopay" manages; a payer only sees them, with a note; others are told', async () => {
    const managed = await mount({ as: manager });
    await until(managed.el, 'Visa ending in 4242');
    buttonNamed(root(managed.el), 'Add a payment method');

    const viewer = await mount({ as: sam });
    await until(viewer.el, '"Pay invoices" or "Payment methods and autopay"');
    expect(viewer.api.callsTo('GET /v1/payment-methods')).to.have.length(0);
    await expect(viewer.el).to.be.accessible();

    const { el, api } = await mount({ as: payer });
    await until(el, 'Visa ending in 4242');
    expectNone(root(el).querySelector('button[data-add]'));
    expectNone(root(el).querySelector('button[data-remove]'));
    expectNone(root(el).querySelector('button[data-default]'));
    expect(root(el).querySelector('.permission-note')!.textContent).to.include('"Payment methods and autopay"');
    expect(api.callsTo('GET /v1/billing/config')).to.have.length(0);
    await expect(el).to.be.accessible();

    const emulated = await mount({ emulated: true });
    await until(emulated.el, 'Visa ending in 4242');
    expectNone(root(emulated.el).querySelector('button[data-remove]'));
    expect(shadowText(emulated.el)).to.include('by emulation');
  });

  it('fits 360 px without horizontal scrolling, also while adding', async () => {
    const { el } = await mount({ style: 'width: 360px' });
    await until(el, 'Visa ending in 4242');
    expect(el.scrollWidth).to.be.at.most(360);
    buttonNamed(root(el), 'Add a payment method').click();
    await frameReady(el);
    expect(el.scrollWidth).to.be.at.most(360);
    for (const card of root(el).querySelectorAll<HTMLElement>('.card')) expect(card.scrollWidth).to.be.at.most(card.clientWidth + 1);
    await expect(el).to.be.accessible();
  });
});
