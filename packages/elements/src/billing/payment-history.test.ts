import { expect, html, waitUntil } from '@open-wc/testing';
import './define.js';
import { PorchlightPaymentHistory } from './payment-history.js';
import { dana, fakeApi, sam, signedInClient, staffUser, type FakeApi, type FakeUser } from '../testing/fake-api.js';
import { expectNone, mountPortal, settle, stubDownloads, until } from '../testing/helpers.js';
import { receiptRoute, withBilling, type FakePaymentSeed } from './fake-billing.js';

const PAYMENTS: FakePaymentSeed[] = [
  { amountCents: 4859, createdAt: '2026-09-01T15:00:00.000Z', items: [{ invoiceNumber: 'INV-1001', amountCents: 4859 }], receiptNumber: 'R-2026-000101' },
  {
    amountCents: 9000,
    createdAt: '2026-10-01T06:00:00.000Z',
    autopay: true,
    method: { kind: 'bank', brand: null, bankName: 'Chase', last4: '6789' },
    items: [
      { invoiceNumber: 'INV-1002', amountCents: 5000 },
      { invoiceNumber: 'INV-1003', amountCents: 4000 },
    ],
    receiptNumber: 'R-2026-000102',
    refundedCents: 1000,
  },
  {
    amountCents: 2500,
    createdAt: '2026-10-15T15:00:00.000Z',
    status: 'declined',
    method: { kind: 'card', brand: 'visa', bankName: null, last4: '0002' },
    failureMessage: 'Your card was declined.',
    items: [{ invoiceNumber: 'INV-1004', amountCents: 2500 }],
    receiptNumber: 'R-2026-000103',
  },
];

async function mount(o: { as?: FakeUser; payments?: FakePaymentSeed[]; api?: FakeApi; pageSize?: number; style?: string } = {}) {
  const api = o.api ?? fakeApi({ users: [dana, sam] });
  const billing = withBilling(api, { payments: o.payments ?? PAYMENTS });
  const client = signedInClient(api, o.as ?? dana);
  const view = await mountPortal<PorchlightPaymentHistory>(html`<porchlight-payment-history page-size=${o.pageSize ?? 20} style=${o.style ?? ''}></porchlight-payment-history>`, { api, client });
  return { ...view, billing };
}

const root = (el: Element) => el.shadowRoot!;
const rows = (el: Element) => [...root(el).querySelectorAll<HTMLTableRowElement>('tbody tr')];
const cells = (tr: Element) => [...tr.querySelectorAll('th, td')].map((c) => (c.querySelector('.cell-value') ?? c).textContent!.replace(/\s+/g, ' ').trim());

describe('porchlight-payment-history', () => {
  it('is registered', () => {
    expect(customElements.get('porchlight-payment-history')).to.equal(PorchlightPaymentHistory);
  });

  it('lists payments newest first: date, method, amount, invoices, status (declined with the reason), receipt', async () => {
    const { el, api } = await mount();
    await waitUntil(() => rows(el).length === 3, 'the payments');
    expect(new URLSearchParams(api.callsTo('GET /v1/payments').at(-1)!.search).get('limit')).to.equal('20');
    const [declined, autopay, first] = rows(el).map(cells);
    expect(declined!.slice(1, 5)).to.deep.equal(['Visa ending in 0002', '$25.00', 'INV-1004', 'Declined Your card was declined.']);
    expect(autopay!.slice(1, 5)).to.deep.equal(['Chase account ending in 6789', '$90.00$10.00 refunded', 'INV-1002, INV-1003', 'Paid Autopay']);
    expect(first!.slice(1, 5)).to.deep.equal(['Visa ending in 4242', '$48.59', 'INV-1001', 'Paid']);
    expect(rows(el)[2]!.querySelector('time')!.getAttribute('datetime')).to.equal('2026-09-01T15:00:00.000Z');
    expect(rows(el)[0]!.querySelector('.status-tag')!.classList.contains('status-declined')).to.equal(true);
    expectNone(rows(el)[0]!.querySelector('button[data-receipt]'));
    expect(rows(el)[1]!.querySelector('button[data-receipt]')!.getAttribute('aria-label')).to.equal('Download receipt R-2026-000102 (PDF)');
    await expect(el).to.be.accessible();
  });

  it('downloads a receipt', async () => {
    const { el, api, billing } = await mount();
    await waitUntil(() => rows(el).length === 3, 'the payments');
    const downloads = stubDownloads();
    try {
      rows(el)[2]!.querySelector<HTMLButtonElement>('button[data-receipt]')!.click();
      await waitUntil(() => downloads.clicked.length === 1, 'downloaded');
      const payment = billing.payments.find((p) => p.receiptNumber === 'R-2026-000101')!;
      expect(api.callsTo(receiptRoute(payment.id))).to.have.length(1);
      expect(downloads.clicked[0]!.download).to.equal('receipt-R-2026-000101.pdf');
      expect(await downloads.created[0]!.text()).to.equal('%PDF-1.7 receipt R-2026-000101');
    } finally {
      downloads.restore();
    }
  });

  it('pages with "Load more"', async () => {
    const { el, api } = await mount({ pageSize: 2 });
    await waitUntil(() => rows(el).length === 2, 'first page');
    expect(root(el).querySelector('[part="summary"]')!.textContent).to.equal('Showing the latest 2 payments. Load more to see older ones.');
    root(el).querySelector<HTMLButtonElement>('button[data-load-more]')!.click();
    await waitUntil(() => rows(el).length === 3, 'second page');
    expect(new URLSearchParams(api.callsTo('GET /v1/payments').at(-1)!.search).get('cursor')).to.match(/^after:/);
    await settle(el);
    expectNone(root(el).querySelector('button[data-load-more]'));
  });

  it('empty state, and no access without "View invoices"', async () => {
    const { el } = await mount({ payments: [] });
    await until(el, 'No payments yet.');
    await expect(el).to.be.accessible();
    const nobody = staffUser({ username: 'kim', name: 'Kim', permissions: [] });
    const api = fakeApi({ users: [dana, nobody] });
    const other = await mount({ api, as: nobody });
    await until(other.el, '"View invoices"');
    expect(api.callsTo('GET /v1/payments')).to.have.length(0);
  });

  it('fits 360 px without horizontal scrolling', async () => {
    const { el } = await mount({ style: 'width: 360px' });
    await waitUntil(() => rows(el).length === 3, 'the payments');
    expect(el.scrollWidth).to.be.at.most(360);
    await expect(el).to.be.accessible();
  });
});
