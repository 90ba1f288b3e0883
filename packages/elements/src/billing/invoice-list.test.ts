import { aTimeout, expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import './define.js';
import { PorchlightInvoiceList } from './invoice-list.js';
import { dana, fakeApi, sam, signedInClient, staffUser, type FakeApi, type FakeUser } from '../testing/fake-api.js';
import { expectFocus, expectNone, mountPortal, settle, shadowText, stubDownloads, until } from '../testing/helpers.js';
import { DECLINE_MESSAGE, FAKE_FIELDS_URL, PAY_ROUTE, withBilling, type FakeBillingOptions, type FakeInvoiceSeed } from './fake-billing.js';

const payer = staffUser({ username: 'pat', name: 'Pat Payer', permissions: ['invoices.view', 'invoices.pay'] });

/** Today is 2026-11-20 for the fake server. */
const INVOICES: FakeInvoiceSeed[] = [
  { number: 'INV-1001', issueDate: '2026-10-01', dueDate: '2026-10-15', totalCents: 4859 },
  { number: 'INV-1002', issueDate: '2026-11-01', dueDate: '2026-11-30', totalCents: 12_000, balanceCents: 5000 },
  { number: 'INV-9', issueDate: '2026-11-05', dueDate: '2026-12-05', totalCents: 30 },
  { number: 'INV-0990', issueDate: '2026-09-01', dueDate: '2026-09-15', totalCents: 2500, balanceCents: 0 },
];

const VISA = { last4: '4242', brand: 'visa', expMonth: 4, expYear: 2031, isDefault: true } as const;
const DECLINING = { last4: '0002', brand: 'visa', expMonth: 4, expYear: 2031 } as const;

async function mount(o: { as?: FakeUser; billing?: FakeBillingOptions; pageSize?: number; api?: FakeApi; emulated?: boolean; style?: string } = {}) {
  const api = o.api ?? fakeApi({ users: [dana, sam, payer] });
  const billing = withBilling(api, { invoices: INVOICES, methods: [VISA], ...o.billing });
  const client = signedInClient(api, o.as ?? dana, o.emulated ? { adminId: 'admin-1', name: 'Pat Admin' } : undefined);
  const view = await mountPortal<PorchlightInvoiceList>(html`<porchlight-invoice-list page-size=${o.pageSize ?? 50} style=${o.style ?? ''}></porchlight-invoice-list>`, { api, client });
  return { ...view, billing };
}

const root = (el: Element) => el.shadowRoot!;
const rows = (el: Element) => [...root(el).querySelectorAll<HTMLTableRowElement>('table.invoices tbody tr')];
const numbers = (el: Element) => rows(el).map((tr) => tr.querySelector('.row-head')!.textContent!.replace('Invoice', '').trim());
const rowOf = (el: Element, number: string) => rows(el).find((tr) => tr.querySelector('.row-head')!.textContent!.includes(number))!;
const valueOf = (tr: Element, cls: string) => (tr.querySelector(`.${cls} .cell-value`) ?? tr.querySelector(`.${cls}`))!.textContent!.replace(/\s+/g, ' ').trim();
const lastQuery = (api: FakeApi) => new URLSearchParams(api.callsTo('GET /v1/invoices').at(-1)!.search);
const alertText = (el: Element) => root(el).querySelector('[part="error"]')!.textContent!.replace(/\s+/g, ' ').trim();
const buttonNamed = (scope: ParentNode, name: string | RegExp) => {
  const all = [...scope.querySelectorAll<HTMLButtonElement>('button')];
  const found = all.find((b) => (typeof name === 'string' ? b.textContent!.replace(/\s+/g, ' ').trim() === name : name.test(b.textContent!)));
  if (!found) throw new Error(`no button ${name}: ${all.map((b) => b.textContent!.trim()).join(' | ')}`);
  return found;
};
const applyBox = (el: Element, number: string) => rowOf(el, number).querySelector<HTMLInputElement>('input[data-apply]')!;
const amountInput = (el: Element, number: string) => rowOf(el, number).querySelector<HTMLInputElement>('input[data-amount]')!;
const total = (el: Element) => root(el).querySelector('[data-total]')!.textContent!.trim();

function apply(el: Element, number: string, amount?: string) {
  const box = applyBox(el, number);
  if (!box.checked) box.click();
  if (amount !== undefined) typeAmount(el, number, amount);
}
function typeAmount(el: Element, number: string, value: string) {
  const input = amountInput(el, number);
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}
async function review(el: Element) {
  buttonNamed(root(el), 'Review payment').click();
  await until(el, 'Review your payment');
  await waitUntil(() => root(el).querySelector('fieldset.methods'), 'the methods');
  await settle(el);
}
const frameOf = (el: Element) => root(el).querySelector<HTMLIFrameElement>('iframe.gateway-frame');
async function frameReady(el: Element) {
  await waitUntil(() => root(el).querySelector('.gateway')?.getAttribute('data-phase') === 'ready', 'the gateway form is ready', { timeout: 4000 });
}
function chooseMethod(el: Element, value: string) {
  const radio = root(el).querySelector<HTMLInputElement>(`input[name="method"][value="${value}"]`)!;
  radio.click();
}

describe('porchlight-invoice-list', () => {
  it('is registered, and defining again is harmless', async () => {
    expect(customElements.get('porchlight-invoice-list')).to.equal(PorchlightInvoiceList);
    await import('./define.js');
    expect(customElements.get('porchlight-invoice-list')).to.equal(PorchlightInvoiceList);
  });

  it('lists open invoices by default, the next due first: number, issued, due (overdue in words and colour), total, balance, status', async () => {
    const { el, api } = await mount();
    await until(el, 'INV-1001');
    const q = lastQuery(api);
    expect([q.get('status'), q.get('sort'), q.get('order'), q.get('limit')]).to.deep.equal(['open', 'due', 'asc', '50']);
    expect(numbers(el)).to.deep.equal(['INV-1001', 'INV-1002', 'INV-9']);
    const overdue = rowOf(el, 'INV-1001');
    expect(valueOf(overdue, 'issued')).to.equal('Oct 1, 2026');
    expect(valueOf(overdue, 'due')).to.equal('Oct 15, 2026 Overdue');
    expect(overdue.querySelector('.due time')!.getAttribute('datetime')).to.equal('2026-10-15');
    const mark = overdue.querySelector<HTMLElement>('[part="overdue"]')!;
    expect(getComputedStyle(mark).color).to.not.equal(getComputedStyle(overdue).color);
    expect(getComputedStyle(overdue.querySelector('.due time')!).color).to.equal(getComputedStyle(mark).color);
    expect(valueOf(rowOf(el, 'INV-1002'), 'due')).to.equal('Nov 30, 2026');
    expect(valueOf(overdue, 'total')).to.equal('$48.59');
    expect(valueOf(rowOf(el, 'INV-1002'), 'balance')).to.equal('$50.00');
    expect(valueOf(rowOf(el, 'INV-1002'), 'status-cell')).to.equal('Partially paid');
    expect(rowOf(el, 'INV-1002').querySelector('.status-tag')!.classList.contains('status-partially-paid')).to.equal(true);
    expect(valueOf(overdue, 'status-cell')).to.equal('Open');
    expect(root(el).querySelector('[part="summary"]')!.textContent).to.equal('Showing 3 open invoices, by due date, earliest first.');
    expect(root(el).querySelector('caption')!.textContent).to.equal('Open invoices, by due date, earliest first');
    await expect(el).to.be.accessible();
  });

  it('"Show paid invoices" is a real switch: it asks for paid invoices and back', async () => {
    const { el, api } = await mount();
    await until(el, 'INV-1001');
    const toggle = root(el).querySelector<HTMLInputElement>('#show-paid')!;
    expect(toggle.type).to.equal('checkbox');
    expect(toggle.getAttribute('role')).to.equal('switch');
    expect(root(el).querySelector('label[for="show-paid"]')!.textContent).to.equal('Show paid invoices');
    toggle.click();
    await waitUntil(() => numbers(el).join() === 'INV-0990', 'paid invoices');
    expect(lastQuery(api).get('status')).to.equal('paid');
    expect(valueOf(rowOf(el, 'INV-0990'), 'status-cell')).to.equal('Paid');
    // Nothing to pay among paid invoices.
    expectNone(root(el).querySelector('input[data-apply]'));
    expectNone(root(el).querySelector('[part="pay-bar"]'));
    await expect(el).to.be.accessible();
    toggle.click();
    await waitUntil(() => numbers(el).length === 3, 'open again');
    expect(lastQuery(api).get('status')).to.equal('open');
  });

  it('sorts with the column headers (aria-sort): invoice number, issue date, due date, each way', async () => {
    const { el, api } = await mount();
    await until(el, 'INV-1001');
    const th = (sort: string) => root(el).querySelector<HTMLButtonElement>(`button[data-sort="${sort}"]`)!.closest('th')!;
    expect(th('due').getAttribute('aria-sort')).to.equal('ascending');
    expect(th('number').hasAttribute('aria-sort')).to.equal(false);
    th('number').querySelector('button')!.click();
    await waitUntil(() => lastQuery(api).get('sort') === 'number' && numbers(el)[0] === 'INV-9', 'by number');
    expect(lastQuery(api).get('order')).to.equal('asc');
    // People's order: INV-9 before INV-1001.
    expect(numbers(el)).to.deep.equal(['INV-9', 'INV-1001', 'INV-1002']);
    expect(th('number').getAttribute('aria-sort')).to.equal('ascending');
    expect(th('due').hasAttribute('aria-sort')).to.equal(false);
    th('number').querySelector('button')!.click();
    await waitUntil(() => lastQuery(api).get('order') === 'desc' && numbers(el)[0] === 'INV-1002', 'descending');
    expect(th('number').getAttribute('aria-sort')).to.equal('descending');
    // The issue date starts with the newest.
    th('issued').querySelector('button')!.click();
    await waitUntil(() => lastQuery(api).get('sort') === 'issued', 'by issue date');
    await waitUntil(() => numbers(el)[0] === 'INV-9', 'newest first');
    expect(lastQuery(api).get('order')).to.equal('desc');
    expect(numbers(el)).to.deep.equal(['INV-9', 'INV-1002', 'INV-1001']);
    expect(root(el).querySelector('[part="summary"]')!.textContent).to.equal('Showing 3 open invoices, by issue date, newest first.');
    await expect(el).to.be.accessible();
  });

  it('pages with the cursor: "Load more" adds the next page with the same filters', async () => {
    const many: FakeInvoiceSeed[] = Array.from({ length: 5 }, (_, i) => ({ number: `INV-${2000 + i}`, issueDate: '2026-11-01', dueDate: `2026-12-0${i + 1}`, totalCents: 1000 }));
    const { el, api } = await mount({ billing: { invoices: many }, pageSize: 2 });
    await until(el, 'INV-2000');
    expect(numbers(el)).to.deep.equal(['INV-2000', 'INV-2001']);
    expect(root(el).querySelector('[part="summary"]')!.textContent).to.include('so far');
    buttonNamed(root(el), 'Load more').click();
    await waitUntil(() => numbers(el).length === 4, 'second page');
    const q = lastQuery(api);
    expect([q.get('status'), q.get('sort'), q.get('order'), q.get('limit')]).to.deep.equal(['open', 'due', 'asc', '2']);
    expect(q.get('cursor')).to.match(/^after:/);
    buttonNamed(root(el), 'Load more').click();
    await waitUntil(() => numbers(el).length === 5, 'last page');
    await settle(el);
    expect([...root(el).querySelectorAll('button')].some((b) => b.textContent!.includes('Load more'))).to.equal(false);
  });

  it('"View" downloads the invoice PDF', async () => {
    const { el, api, billing } = await mount();
    await until(el, 'INV-1001');
    const downloads = stubDownloads();
    try {
      const view = rowOf(el, 'INV-1001').querySelector<HTMLButtonElement>('button[data-view]')!;
      expect(view.getAttribute('aria-label')).to.equal('View invoice INV-1001 (PDF)');
      view.click();
      await waitUntil(() => downloads.clicked.length === 1, 'downloaded');
      expect(api.callsTo(`GET /v1/invoices/${billing.byNumber('INV-1001').id}/pdf`)).to.have.length(1);
      expect(downloads.clicked[0]!.download).to.equal('invoice-INV-1001.pdf');
      expect(await downloads.created[0]!.text()).to.equal('%PDF-1.7 invoice INV-1001 v1');
      await until(el, 'Downloading invoice-INV-1001.pdf.');
    } finally {
      downloads.restore();
    }
  });

  describe('choosing what to pay', () => {
    it('the amount defaults to the balance; "12.345", zero and more than the balance are refused', async () => {
      const { el, api } = await mount();
      await until(el, 'INV-1001');
      expect(amountInput(el, 'INV-1001').value).to.equal('48.59');
      expect(amountInput(el, 'INV-1001').disabled).to.equal(true);
      expect(applyBox(el, 'INV-1001').labels![0]!.textContent).to.include('Pay invoice INV-1001');
      apply(el, 'INV-1001');
      await settle(el);
      expect(amountInput(el, 'INV-1001').disabled).to.equal(false);
      expect(total(el)).to.equal('$48.59');

      typeAmount(el, 'INV-1001', '12.345');
      await settle(el);
      const error = () => root(el).getElementById(`amount-${rowOf(el, 'INV-1001').dataset.invoice}-error`)?.textContent!.trim() ?? '';
      expect(error()).to.equal('Use at most 2 decimals.');
      expect(amountInput(el, 'INV-1001').getAttribute('aria-invalid')).to.equal('true');
      expect(amountInput(el, 'INV-1001').getAttribute('aria-describedby')).to.equal(`amount-${rowOf(el, 'INV-1001').dataset.invoice}-error`);
      expect(total(el)).to.equal('$0.00');
      await expect(el).to.be.accessible();

      typeAmount(el, 'INV-1001', '48.60');
      await settle(el);
      expect(error()).to.equal('Pay at most $48.59, the balance of this invoice.');
      typeAmount(el, 'INV-1001', '0');
      await settle(el);
      expect(error()).to.equal('Pay more than zero.');

      buttonNamed(root(el), 'Review payment').click();
      await settle(el);
      expect(alertText(el)).to.equal('Check the amount for invoice INV-1001.');
      expectFocus(amountInput(el, 'INV-1001'));
      expect(shadowText(el)).to.not.include('Review your payment');

      typeAmount(el, 'INV-1001', '1,000.5');
      await settle(el);
      expect(error()).to.equal('Pay at most $48.59, the balance of this invoice.');
      typeAmount(el, 'INV-1001', '20.5');
      await settle(el);
      expect(error()).to.equal('');
      expect(total(el)).to.equal('$20.50');
      expect(api.callsTo(PAY_ROUTE)).to.have.length(0);
    });

    it('the total is the exact sum: 0.10 + 0.20 = 0.30', async () => {
      const { el } = await mount();
      await until(el, 'INV-1001');
      apply(el, 'INV-1001', '0.10');
      apply(el, 'INV-1002', '0.20');
      await settle(el);
      expect(total(el)).to.equal('$0.30');
      expect(root(el).querySelector('[part="pay-bar"] .sub')!.textContent).to.equal('2 invoices');
    });

    it('refuses to review nothing, and "Pay all" applies every open invoice for its balance', async () => {
      const { el } = await mount();
      await until(el, 'INV-1001');
      buttonNamed(root(el), 'Review payment').click();
      await settle(el);
      expect(alertText(el)).to.equal('Choose at least one invoice to pay: tick "Apply" next to it, or use "Pay all".');
      apply(el, 'INV-1001', '1');
      await settle(el);
      buttonNamed(root(el), 'Pay all').click();
      await settle(el);
      expect(['INV-1001', 'INV-1002', 'INV-9'].map((n) => [applyBox(el, n).checked, amountInput(el, n).value])).to.deep.equal([
        [true, '48.59'],
        [true, '50.00'],
        [true, '0.30'],
      ]);
      expect(total(el)).to.equal('$98.89');
    });
  });

  describe('paying', () => {
    it('reviews (invoices, amounts, total, method) then confirms: the exact PayRequest, the receipt, the event, the list again', async () => {
      const { el, api, billing, portal } = await mount();
      await until(el, 'INV-1001');
      apply(el, 'INV-1001');
      apply(el, 'INV-1002', '10.05');
      await settle(el);
      await review(el);
      expectFocus(root(el).querySelector('#pay-title'));
      const items = [...root(el).querySelectorAll('.review-items tbody tr')].map((tr) => tr.textContent!.replace(/\s+/g, ' ').trim());
      expect(items).to.deep.equal(['INV-1001 Balance$48.59 Paying now$48.59', 'INV-1002 Balance$50.00 Paying now$10.05']);
      expect(root(el).querySelector('[data-review-total]')!.textContent).to.equal('$58.64');
      const visa = billing.methods[0]!;
      expect(root(el).querySelector<HTMLInputElement>(`input[value="saved:${visa.id}"]`)!.checked).to.equal(true);
      expect(root(el).querySelector('[data-confirm-text]')!.textContent!.replace(/\s+/g, ' ')).to.equal(
        'You are paying $58.64 to Lakeside Alarm Co. for 2 invoices with Visa ending in 4242.',
      );
      await expect(el).to.be.accessible();
      expect(api.callsTo(PAY_ROUTE)).to.have.length(0);

      const done = oneEvent(portal, 'porchlight-payment-complete');
      buttonNamed(root(el), 'Confirm payment of $58.64').click();
      const event = (await done) as CustomEvent;
      const [body] = billing.payRequests;
      expect(body.idempotencyKey).to.match(/^[A-Za-z0-9_-]{16,64}$/);
      expect(body).to.deep.equal({
        idempotencyKey: body.idempotencyKey,
        methodId: visa.id,
        items: [
          { invoiceId: billing.byNumber('INV-1001').id, amountCents: 4859 },
          { invoiceId: billing.byNumber('INV-1002').id, amountCents: 1005 },
        ],
        expectedTotalCents: 5864,
      });
      expect(event.detail.payment.status).to.equal('succeeded');
      await until(el, 'Payment received');
      expect(root(el).querySelector('[data-receipt]')!.textContent).to.equal(event.detail.payment.receiptNumber);
      expectFocus(root(el).querySelector('#result-title'));
      await expect(el).to.be.accessible();

      const downloads = stubDownloads();
      try {
        buttonNamed(root(el), 'Download receipt').click();
        await waitUntil(() => downloads.clicked.length === 1, 'receipt');
        expect(downloads.clicked[0]!.download).to.equal(`receipt-${event.detail.payment.receiptNumber}.pdf`);
      } finally {
        downloads.restore();
      }

      buttonNamed(root(el), 'Back to invoices').click();
      await waitUntil(() => numbers(el).join() === 'INV-1002,INV-9', 'the paid invoice left the open list');
      expect(valueOf(rowOf(el, 'INV-1002'), 'balance')).to.equal('$39.95');
      expect(applyBox(el, 'INV-1002').checked).to.equal(false);
    });

    it('a retry after a network error sends the same idempotency key and body; a double click sends once; one payment is made', async () => {
      const { el, api, billing } = await mount();
      await until(el, 'INV-1001');
      apply(el, 'INV-9');
      await settle(el);
      await review(el);
      billing.loseNextPayAnswer();
      const confirm = () => root(el).querySelector<HTMLButtonElement>('button[data-confirm]')!;
      confirm().click();
      confirm().click();
      await until(el, 'We could not confirm your payment.');
      expect(api.callsTo(PAY_ROUTE)).to.have.length(1);
      expect(alertText(el)).to.include('you will not be charged twice');
      // The outcome is unknown: the details stay as they were.
      expect([...root(el).querySelectorAll<HTMLInputElement>('input[name="method"]')].every((r) => r.disabled)).to.equal(true);
      await expect(el).to.be.accessible();

      confirm().click();
      await until(el, 'Payment received');
      expect(api.callsTo(PAY_ROUTE)).to.have.length(2);
      const [first, second] = billing.payRequests;
      expect(second).to.deep.equal(first);
      expect(billing.payments).to.have.length(1);
      expect(billing.byNumber('INV-9').status).to.equal('paid');
    });

    it('a decline shows the gateway message and changes no invoice; another try is a new attempt (a new key)', async () => {
      const { el, billing, portal } = await mount({ billing: { methods: [VISA, DECLINING] } });
      await until(el, 'INV-1001');
      apply(el, 'INV-1001');
      await settle(el);
      await review(el);
      const declining = billing.methods.find((m) => m.last4 === '0002')!;
      chooseMethod(el, `saved:${declining.id}`);
      await settle(el);
      const done = oneEvent(portal, 'porchlight-payment-complete');
      buttonNamed(root(el), /Confirm payment/).click();
      const event = (await done) as CustomEvent;
      expect(event.detail.payment.status).to.equal('declined');
      await until(el, 'Payment declined');
      expect(root(el).querySelector('.result [role="alert"]')!.textContent).to.include(DECLINE_MESSAGE);
      expect(shadowText(el)).to.include('Nothing was charged and no invoice was changed.');
      expectNone(root(el).querySelector('[data-receipt]'));
      expect(billing.byNumber('INV-1001').balanceCents).to.equal(4859);
      expect(billing.byNumber('INV-1001').version).to.equal(1);
      await expect(el).to.be.accessible();

      buttonNamed(root(el), 'Try another method').click();
      await until(el, 'Review your payment');
      await waitUntil(() => root(el).querySelector('fieldset.methods'), 'methods');
      chooseMethod(el, `saved:${billing.methods[0]!.id}`);
      await settle(el);
      buttonNamed(root(el), /Confirm payment/).click();
      await until(el, 'Payment received');
      const [declined, paid] = billing.payRequests;
      expect(paid.idempotencyKey).to.not.equal(declined.idempotencyKey);
      expect(paid.items).to.deep.equal(declined.items);
      expect(billing.byNumber('INV-1001').balanceCents).to.equal(0);
    });

    it('pays with a new card typed into the gateway frame (the token only), and can save it', async () => {
      const { el, billing } = await mount({ billing: { methods: [] } });
      await until(el, 'INV-1001');
      apply(el, 'INV-1001');
      await settle(el);
      await review(el);
      // No saved method: a new card is chosen.
      expect(root(el).querySelector<HTMLInputElement>('input[value="new:card"]')!.checked).to.equal(true);
      const frame = frameOf(el)!;
      const src = new URL(frame.src);
      expect(src.searchParams.get('kind')).to.equal('card');
      expect(src.searchParams.get('origin')).to.equal(window.location.origin);
      expect(frame.title).to.equal('Card details (secure form of the payment processor)');
      await frameReady(el);
      await expect(el).to.be.accessible();
      root(el).querySelector<HTMLInputElement>('#save-method')!.click();
      buttonNamed(root(el), /Confirm payment/).click();
      await until(el, 'Payment received');
      const [body] = billing.payRequests;
      expect(Object.keys(body).sort()).to.deep.equal(['expectedTotalCents', 'idempotencyKey', 'items', 'saveMethod', 'token']);
      expect(body.token).to.match(/^tok_sbx_visa-4242_\d+$/);
      expect(body.saveMethod).to.equal(true);
      expect(JSON.stringify(billing.payRequests)).to.not.match(/4242 ?4242/);
      expect(billing.methods.map((m) => m.last4)).to.deep.equal(['4242']);
    });

    it('a payment still being confirmed says so, with its receipt number, and asks not to pay again', async () => {
      const { el, billing } = await mount({ billing: { methods: [] } });
      await until(el, 'INV-1001');
      apply(el, 'INV-1002', '5');
      await settle(el);
      await review(el);
      await frameReady(el);
      frameOf(el)!.contentDocument!.querySelector('select')!.value = 'pending-1881';
      buttonNamed(root(el), /Confirm payment/).click();
      await until(el, 'Payment being confirmed');
      expect(shadowText(el)).to.include('We could not confirm your payment of $5.00 yet');
      expect(shadowText(el)).to.include('Please do not pay these invoices again.');
      expect(root(el).querySelector('[data-receipt]')!.textContent).to.equal(billing.payments[0]!.receiptNumber);
      expect(root(el).querySelector('.result .status-tag')!.textContent!.trim()).to.equal('Processing');
      // No receipt until the money is taken; it can be checked again.
      expectNone(root(el).querySelector('[data-receipt-download]'));
      await expect(el).to.be.accessible();
      buttonNamed(root(el), 'Check again').click();
      await until(el, 'Your payment is still being confirmed.');
      billing.payments[0]!.status = 'succeeded';
      buttonNamed(root(el), 'Check again').click();
      await until(el, 'Payment received');
    });

    it('lets an amount above the balance through when the dealer allows overpayment', async () => {
      const { el, billing } = await mount({ billing: { config: { allowOverpayment: true } } });
      await until(el, 'INV-1001');
      apply(el, 'INV-9', '1.00');
      await settle(el);
      expect(total(el)).to.equal('$1.00');
      await review(el);
      buttonNamed(root(el), 'Confirm payment of $1.00').click();
      await until(el, 'Payment received');
      expect(billing.payRequests[0].items).to.deep.equal([{ invoiceId: billing.byNumber('INV-9').id, amountCents: 100 }]);
    });

    it("shows the gateway form's refusal, and a bank account from the frame", async () => {
      const { el, billing } = await mount();
      await until(el, 'INV-1001');
      apply(el, 'INV-1001');
      await settle(el);
      await review(el);
      chooseMethod(el, 'new:bank');
      await settle(el);
      expect(new URL(frameOf(el)!.src).searchParams.get('kind')).to.equal('bank');
      await frameReady(el);
      // The frame's own Continue button gives the token; Confirm then pays with it.
      frameOf(el)!.contentDocument!.querySelector('button')!.click();
      await until(el, 'Details accepted: account ending in 6789.');
      expect(root(el).querySelector('[data-confirm-text]')!.textContent).to.include('Test Bank account ending in 6789');
      buttonNamed(root(el), 'Use a different bank account').click();
      await settle(el);
      chooseMethod(el, 'new:card');
      await settle(el);
      await frameReady(el);
      frameOf(el)!.contentDocument!.querySelector('select')!.value = 'invalid';
      frameOf(el)!.contentDocument!.querySelector('button')!.click();
      await until(el, 'Your card number is incomplete.');
      expect(billing.payRequests).to.have.length(0);
    });

    it('ignores messages that are not from the gateway frame at the configured origin', async () => {
      const { el, billing } = await mount({ billing: { methods: [] } });
      await until(el, 'INV-1001');
      apply(el, 'INV-1001');
      await settle(el);
      await review(el);
      await frameReady(el);
      // The right origin, but not from the frame.
      window.postMessage({ type: 'porchlight-sandbox-token', token: 'tok_sbx_visa-4242_1', summary: { kind: 'card', brand: 'visa', last4: '4242' } }, '*');
      await aTimeout(50);
      await settle(el);
      expect(root(el).querySelector('.gateway')!.getAttribute('data-phase')).to.equal('ready');
      expect(shadowText(el)).to.not.include('Details accepted');
      expect(billing.payRequests).to.have.length(0);
    });

    it('ignores the frame when it is not at the configured origin', async () => {
      const gateway = { kind: 'sandbox' as const, fieldsUrl: FAKE_FIELDS_URL, fieldsOrigin: 'https://sandbox.example' };
      const { el, billing } = await mount({ billing: { methods: [], config: { gateway } } });
      await until(el, 'INV-1001');
      apply(el, 'INV-1001');
      await settle(el);
      await review(el);
      const frame = frameOf(el)!;
      await waitUntil(() => frame.contentDocument?.readyState === 'complete' && frame.contentDocument.querySelector('button'), 'the frame loaded');
      frame.contentDocument!.querySelector('button')!.click();
      await aTimeout(100);
      await settle(el);
      // Neither its "ready" nor its token was taken.
      expect(root(el).querySelector('.gateway')!.getAttribute('data-phase')).to.equal('loading');
      expect(shadowText(el)).to.not.include('Details accepted');
      expect(billing.payRequests).to.have.length(0);
      // In the end, the element says the form did not load.
      (el as unknown as { fields: { loadTimeoutMs: number } }).fields.loadTimeoutMs = 50;
      chooseMethod(el, 'new:bank');
      await until(el, 'The secure payment form did not load.');
      expect(root(el).querySelector('.gateway')!.getAttribute('data-phase')).to.equal('error');
    });
  });

  describe('permissions and states', () => {
    it('without "Pay invoices" the list is read-only, with a note', async () => {
      const { el, api } = await mount({ as: sam });
      await until(el, 'INV-1001');
      expectNone(root(el).querySelector('input[data-apply]'));
      expectNone(root(el).querySelector('[part="pay-bar"]'));
      expect(root(el).querySelector('.permission-note')!.textContent).to.include('"Pay invoices"');
      expect(api.callsTo('GET /v1/billing/config')).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('a payer who is not a manager pays; an emulating admin cannot', async () => {
      const { el } = await mount({ as: payer });
      await until(el, 'INV-1001');
      expect(root(el).querySelectorAll('input[data-apply]')).to.have.length(3);
      const emulated = await mount({ emulated: true });
      await until(emulated.el, 'INV-1001');
      expectNone(root(emulated.el).querySelector('input[data-apply]'));
      expect(root(emulated.el).querySelector('.permission-note')!.textContent).to.include('by emulation');
    });

    it('without "View invoices" it says so', async () => {
      const nobody = staffUser({ username: 'kim', name: 'Kim', permissions: ['records.modify'] });
      const api = fakeApi({ users: [dana, nobody] });
      const { el } = await mount({ api, as: nobody });
      await until(el, '"View invoices"');
      expect(api.callsTo('GET /v1/invoices')).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('says when online payment is off', async () => {
      const { el } = await mount({ billing: { config: { enabled: false, gateway: null } } });
      await until(el, 'INV-1001');
      expect(shadowText(el)).to.include('Online payment is not available. Contact Lakeside Alarm Co. to pay.');
      expectNone(root(el).querySelector('input[data-apply]'));
    });

    it('loading, a load error with Retry, and the empty state', async () => {
      const api = fakeApi({ users: [dana] });
      withBilling(api, { invoices: [] });
      const release = api.hold('GET /v1/invoices');
      const { el } = await mountPortal<PorchlightInvoiceList>(html`<porchlight-invoice-list></porchlight-invoice-list>`, { api, client: signedInClient(api, dana) });
      await until(el, 'Loading invoices…');
      api.offline();
      release();
      await until(el, 'could not be reached');
      await expect(el).to.be.accessible();
      api.online();
      buttonNamed(root(el), 'Retry').click();
      await until(el, 'You have no open invoices.');
      await expect(el).to.be.accessible();
    });

    it('fits 360 px without horizontal scrolling, also while paying', async () => {
      const { el } = await mount({ style: 'width: 360px', billing: { methods: [] } });
      await until(el, 'INV-1001');
      apply(el, 'INV-1001');
      await settle(el);
      // The rows are cards; the sort buttons stay visible above them.
      expect(getComputedStyle(rowOf(el, 'INV-1001')).display).to.equal('grid');
      for (const b of root(el).querySelectorAll<HTMLElement>('button[data-sort]')) expect(b.getBoundingClientRect().width).to.be.greaterThan(20);
      expect(el.scrollWidth).to.be.at.most(360);
      for (const card of root(el).querySelectorAll<HTMLElement>('.card, .table-wrap')) expect(card.scrollWidth).to.be.at.most(card.clientWidth + 1);
      await expect(el).to.be.accessible();
      await review(el);
      await frameReady(el);
      expect(el.scrollWidth).to.be.at.most(360);
      for (const card of root(el).querySelectorAll<HTMLElement>('.card, .table-wrap')) expect(card.scrollWidth).to.be.at.most(card.clientWidth + 1);
    });
  });
});
