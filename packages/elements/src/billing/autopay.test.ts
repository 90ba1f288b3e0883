import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { AUTOPAY_AUTHORIZATION_VERSION, autopayAuthorizationText } from '@porchlight/client';
import './define.js';
import { PorchlightAutopay } from './autopay.js';
import { dana, fakeApi, sam, signedInClient, type FakeApi, type FakeUser } from '../testing/fake-api.js';
import { expectFocus, expectNone, mountPortal, settle, shadowText, until } from '../testing/helpers.js';
import { withBilling, type FakeBillingOptions } from './fake-billing.js';

async function mount(o: { as?: FakeUser; billing?: FakeBillingOptions; api?: FakeApi; emulated?: boolean; style?: string } = {}) {
  const api = o.api ?? fakeApi({ users: [dana, sam] });
  const billing = withBilling(api, {
    methods: [
      { last4: '4242', brand: 'visa', expMonth: 4, expYear: 2031, isDefault: true },
      { kind: 'bank', bankName: 'Chase', last4: '6789' },
    ],
    ...o.billing,
  });
  const client = signedInClient(api, o.as ?? dana, o.emulated ? { adminId: 'admin-1', name: 'Pat Admin' } : undefined);
  const view = await mountPortal<PorchlightAutopay>(html`<porchlight-autopay style=${o.style ?? ''}></porchlight-autopay>`, { api, client });
  return { ...view, billing };
}

const root = (el: Element) => el.shadowRoot!;
const buttonNamed = (scope: ParentNode, name: string | RegExp) => {
  const all = [...scope.querySelectorAll<HTMLButtonElement>('button')];
  const found = all.find((b) => (typeof name === 'string' ? b.textContent!.replace(/\s+/g, ' ').trim() === name : name.test(b.textContent!)));
  if (!found) throw new Error(`no button ${name}: ${all.map((b) => b.textContent!.trim()).join(' | ')}`);
  return found;
};
const text = (el: Element) => root(el).querySelector('#authorization-text')!.textContent!;
const consent = (el: Element) => root(el).querySelector<HTMLInputElement>('#consent')!;
const submit = (el: Element) => root(el).querySelector<HTMLFormElement>('form[part="form"]')!.requestSubmit();

describe('porchlight-autopay', () => {
  it('is registered', () => {
    expect(customElements.get('porchlight-autopay')).to.equal(PorchlightAutopay);
  });

  it('says autopay is off, and turns it on only with consent: the exact text shown, its version sent, a copy emailed', async () => {
    const { el, billing, portal } = await mount();
    await until(el, 'Autopay is off.');
    await expect(el).to.be.accessible();
    buttonNamed(root(el), 'Turn on autopay').click();
    await until(el, 'Autopay authorization');
    expectFocus(root(el).querySelector('#form-title'));
    const visa = billing.methods[0]!;
    expect(root(el).querySelector<HTMLInputElement>(`input[name="methodId"][value="${visa.id}"]`)!.checked).to.equal(true);
    const expected = autopayAuthorizationText({ dealerName: 'Lakeside Alarm Co.', dayOfMonth: 1, methodLabel: 'Visa ending in 4242', retryDays: [3, 7] });
    expect(text(el)).to.equal(expected);
    expect(text(el)).to.include('on the 1st day of each month');
    expect(root(el).querySelector('#authorization-text')!.getAttribute('data-version')).to.equal(AUTOPAY_AUTHORIZATION_VERSION);
    expect(consent(el).checked).to.equal(false);
    expect(consent(el).getAttribute('aria-describedby')).to.equal('authorization-text');
    await expect(el).to.be.accessible();

    // Not without the box ticked.
    submit(el);
    await settle(el);
    expect(root(el).querySelector('#consent-error')!.textContent).to.include('Tick the box to agree');
    expect(consent(el).getAttribute('aria-invalid')).to.equal('true');
    expectFocus(consent(el));
    expect(billing.autopayRequests).to.have.length(0);
    await expect(el).to.be.accessible();

    consent(el).click();
    await settle(el);
    expectNone(root(el).querySelector('#consent-error'));
    const changed = oneEvent(portal, 'porchlight-autopay-change');
    buttonNamed(root(el), 'Turn on autopay').click();
    const event = (await changed) as CustomEvent;
    expect(billing.autopayRequests).to.deep.equal([{ methodId: visa.id, dayOfMonth: 1, authorizationTextVersion: AUTOPAY_AUTHORIZATION_VERSION, agree: true }]);
    // The server filled in the same words the client read.
    expect(billing.autopay.authorizationText).to.equal(expected);
    expect(event.detail.autopay.enabled).to.equal(true);
    await until(el, 'Autopay is on.');
    expect(shadowText(el)).to.include('A copy of the authorization was emailed to dana@harborview.example.');
    expect(shadowText(el)).to.include('Visa ending in 4242 is charged on the 1st of each month');
    expect(root(el).querySelector('dd time[datetime="2026-12-01"]')!.textContent).to.equal('Dec 1, 2026');
    expect(root(el).querySelector('details.agreed-text .authorization')!.textContent).to.equal(expected);
    await expect(el).to.be.accessible();
  });

  it("fills in the dealer's day and retry days, and another method is agreed to again", async () => {
    const { el, billing } = await mount({ billing: { config: { autopay: { dayOfMonth: 15, retryDays: [5], authorizationTextVersion: AUTOPAY_AUTHORIZATION_VERSION } } } });
    await until(el, 'Autopay is off.');
    buttonNamed(root(el), 'Turn on autopay').click();
    await until(el, 'Autopay authorization');
    expect(text(el)).to.include('on the 15th day of each month');
    expect(text(el)).to.include('tried again 5 days later');
    consent(el).click();
    const chase = billing.methods[1]!;
    root(el).querySelector<HTMLInputElement>(`input[name="methodId"][value="${chase.id}"]`)!.click();
    await settle(el);
    expect(text(el)).to.include('my Chase account ending in 6789');
    expect(consent(el).checked, 'a new text needs a new consent').to.equal(false);
    consent(el).click();
    submit(el);
    await until(el, 'Autopay is on.');
    expect(billing.autopayRequests[0]).to.deep.equal({ methodId: chase.id, dayOfMonth: 15, authorizationTextVersion: AUTOPAY_AUTHORIZATION_VERSION, agree: true });
  });

  it('changes the method, and turns autopay off after confirming', async () => {
    const api = fakeApi({ users: [dana] });
    const { el, billing, portal } = await mount({ api });
    billing.autopay = { ...billing.autopay, enabled: true, methodId: billing.methods[0]!.id, nextChargeOn: '2026-12-01', consentedAt: '2026-11-02T10:00:00.000Z', consentedBy: { kind: 'user', userId: api.idOf(dana), name: 'Dana Reyes' } };
    await el.reload();
    await until(el, 'Autopay is on.');
    expect(shadowText(el)).to.include('Visa ending in 4242 is charged on the 1st of each month');
    buttonNamed(root(el), 'Change method').click();
    await until(el, 'Change autopay');
    expect(root(el).querySelector<HTMLInputElement>(`input[name="methodId"][value="${billing.methods[0]!.id}"]`)!.checked).to.equal(true);
    root(el).querySelector<HTMLInputElement>(`input[name="methodId"][value="${billing.methods[1]!.id}"]`)!.click();
    consent(el).click();
    await settle(el);
    buttonNamed(root(el), 'Save autopay').click();
    await until(el, 'Autopay was changed');
    expect(shadowText(el)).to.include('Chase account ending in 6789 is charged');

    buttonNamed(root(el), 'Turn off autopay').click();
    await settle(el);
    const dialog = root(el).querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.querySelector('#dialog-title')!.textContent).to.equal('Turn off autopay?');
    await expect(el).to.be.accessible();
    const changed = oneEvent(portal, 'porchlight-autopay-change');
    dialog.querySelector<HTMLButtonElement>('button[data-confirm-off]')!.click();
    const event = (await changed) as CustomEvent;
    expect(event.detail.autopay.enabled).to.equal(false);
    expect(api.callsTo('DELETE /v1/autopay')).to.have.length(1);
    await until(el, 'Autopay is off. No more automatic charges will be made.');
    await waitUntil(() => root(el).querySelector('[data-enabled="false"]'), 'off');
  });

  it('without "Payment methods and autopay", or while emulating, it only shows the state', async () => {
    const { el, api } = await mount({ as: sam });
    await until(el, 'Autopay is off.');
    expectNone(root(el).querySelector('button[data-on]'));
    // The saved methods are not this login's to see.
    expect(api.callsTo('GET /v1/payment-methods')).to.have.length(0);
    expect(shadowText(el)).to.include('"Payment methods and autopay"');
    await expect(el).to.be.accessible();
    const emulated = await mount({ emulated: true });
    await until(emulated.el, 'Autopay is off.');
    expectNone(root(emulated.el).querySelector('button[data-on]'));
    expect(shadowText(emulated.el)).to.include('by emulation');
  });

  it('asks for a saved method first when there is none', async () => {
    const { el } = await mount({ billing: { methods: [] } });
    await until(el, 'Autopay is off.');
    expect(shadowText(el)).to.include('first save a card or bank account');
    expectNone(root(el).querySelector('button[data-on]'));
  });

  it('fits 360 px without horizontal scrolling', async () => {
    const { el } = await mount({ style: 'width: 360px' });
    await until(el, 'Autopay is off.');
    buttonNamed(root(el), 'Turn on autopay').click();
    await until(el, 'Autopay authorization');
    expect(el.scrollWidth).to.be.at.most(360);
    for (const card of root(el).querySelectorAll<HTMLElement>('.card')) expect(card.scrollWidth).to.be.at.most(card.clientWidth + 1);
  });
});
