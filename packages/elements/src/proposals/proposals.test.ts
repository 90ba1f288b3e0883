import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import './define.js';
import { PorchlightProposals } from './proposals.js';
import type { PorchlightProposalSigner } from './proposal-signer.js';
import { dana, fakeApi, staffUser, type FakeUser } from '../testing/fake-api.js';
import { button, deepActive, mountPortal, settle, shadowText, type, until } from '../testing/helpers.js';
import { drawSignature, LIST_ROUTE, withProposals, type FakeProposalSeed } from './fake-proposals.js';

const SEEDS: FakeProposalSeed[] = [
  { number: 'P-1', title: 'Old quote', status: 'expired', updatedAt: '2026-01-05T09:00:00.000Z' },
  { number: 'P-2', title: 'Cameras', status: 'accepted', updatedAt: '2026-01-10T09:00:00.000Z', decision: { at: '2026-02-20T15:30:00.000Z' } },
  { number: 'P-3', title: 'Front door upgrade', updatedAt: '2026-02-10T09:00:00.000Z', expiresAt: '2026-05-01T00:00:00.000Z' },
  { number: 'P-4', title: 'Smoke detectors', status: 'rejected', updatedAt: '2026-01-12T09:00:00.000Z', decision: { at: '2026-02-22T10:00:00.000Z' } },
  { number: 'P-5', title: 'Garage sensor', updatedAt: '2026-02-12T09:00:00.000Z', expiresAt: '2026-03-20T00:00:00.000Z', currency: 'EUR' },
  { number: 'P-6', title: 'Gate', status: 'withdrawn', updatedAt: '2026-01-01T09:00:00.000Z' },
];

const reader = staffUser({ username: 'lou', name: 'Lou Reader', permissions: ['invoices.view'] });

async function mount(o: { seeds?: FakeProposalSeed[]; user?: FakeUser; emulatedBy?: { adminId: string; name: string }; pageSize?: number } = {}) {
  const api = fakeApi({ users: [dana, reader] });
  const state = await withProposals(api, o.seeds ?? SEEDS);
  state.giveConsent(o.user ?? dana);
  const client = state.client(o.user ?? dana, o.emulatedBy);
  const view = await mountPortal<PorchlightProposals>(html`<porchlight-proposals page-size=${o.pageSize ?? 50}></porchlight-proposals>`, { api, client });
  await waitUntil(() => !view.el.shadowRoot!.querySelector('.loading'), 'loaded');
  await settle(view.el);
  return { ...view, state };
}

const root = (el: Element) => el.shadowRoot!;
const rowsOf = (el: Element, group: 'open' | 'past') =>
  [...root(el).querySelectorAll(`.${group}-group tbody tr`)].map((tr) => [...tr.children].map((c) => (c.querySelector('.cell-value') ?? c).textContent!.replace(/\s+/g, ' ').trim()));
const openButton = (el: Element, title: string) => [...root(el).querySelectorAll<HTMLButtonElement>('button.open-proposal')].find((b) => b.textContent === title)!;
const signerOf = (el: Element) => root(el).querySelector<PorchlightProposalSigner>('porchlight-proposal-signer');

describe('porchlight-proposals', () => {
  it('is registered, and defining again is harmless', async () => {
    expect(customElements.get('porchlight-proposals')).to.equal(PorchlightProposals);
    await import('./define.js');
    expect(customElements.get('porchlight-proposals')).to.equal(PorchlightProposals);
  });

  it('lists open proposals first (soonest to expire first), then the others (latest first): number, title, total, expiry, status in text and colour', async () => {
    const { el } = await mount();
    expect(root(el).querySelector('#title')!.textContent!.trim()).to.equal('Proposals');
    expect(root(el).querySelector('#open-title')!.textContent!.trim()).to.equal('Waiting for your decision (2)');
    expect(root(el).querySelector('#past-title')!.textContent!.trim()).to.equal('Earlier proposals');
    const open = rowsOf(el, 'open');
    expect(open.map((r) => [r[0], r[1], r[2], r[4]])).to.deep.equal([
      ['Garage sensor', 'P-5', '€513.00', 'Open'],
      ['Front door upgrade', 'P-3', '$513.00', 'Open'],
    ]);
    expect(open[0]![3]).to.match(/2026/);
    const past = rowsOf(el, 'past');
    expect(past.map((r) => [r[0], r[1], r[4]!.replace(/ on .+$/, '')])).to.deep.equal([
      ['Smoke detectors', 'P-4', 'Rejected'],
      ['Cameras', 'P-2', 'Accepted'],
      ['Old quote', 'P-1', 'Expired'],
      ['Gate', 'P-6', 'Withdrawn'],
    ]);
    expect(past[0]![4]).to.match(/^Rejected on .+2026$/);
    // Colour as well as text: each status its own colour.
    const colour = (status: string) => getComputedStyle(root(el).querySelector(`.status-${status}`)!).color;
    const colours = ['open', 'accepted', 'rejected', 'expired'].map(colour);
    expect(new Set(colours).size).to.equal(4);
    expect(root(el).querySelector('.status-open')!.getAttribute('part')).to.equal('status status-open');
    await expect(el).to.be.accessible();
  });

  it('opens a proposal in the signer with "Back to proposals", and comes back to the list loaded again', async () => {
    const { el, api, portal, state } = await mount();
    const opened = oneEvent(portal, 'porchlight-proposal-open');
    openButton(el, 'Front door upgrade').click();
    const id = state.byNumber('P-3').id;
    expect(((await opened) as CustomEvent).detail).to.deep.equal({ proposalId: id });
    await waitUntil(() => signerOf(el), 'signer');
    const signer = signerOf(el)!;
    expect(signer.proposalId).to.equal(id);
    await until(signer, 'Front door upgrade');
    await settle(signer);
    expect(deepActive() === signer.shadowRoot!.querySelector('#title'), 'its heading takes the focus').to.equal(true);
    expect(signer.shadowRoot!.querySelector('[part="back-button"]')!.textContent).to.include('Back to proposals');

    // Decide it there: reject.
    button(signer, 'Reject').click();
    await settle(signer);
    signer.shadowRoot!.querySelector<HTMLInputElement>('input[value="price"]')!.click();
    await settle(signer);
    button(signer, 'Reject proposal').click();
    await settle(signer);
    const decided = oneEvent(portal, 'porchlight-proposal-decided');
    signer.shadowRoot!.querySelector('dialog')!.querySelector<HTMLButtonElement>('button.danger')!.click();
    expect(((await decided) as CustomEvent).detail.proposal.status).to.equal('rejected');
    await settle(signer);

    const lists = api.callsTo(LIST_ROUTE).length;
    signer.shadowRoot!.querySelector<HTMLButtonElement>('[part="back-button"]')!.click();
    await waitUntil(() => !signerOf(el) && root(el).querySelector('.open-group, .past-group'), 'list again');
    await waitUntil(() => api.callsTo(LIST_ROUTE).length > lists, 'loaded again');
    await settle(el);
    expect(rowsOf(el, 'open').map((r) => r[1])).to.deep.equal(['P-5']);
    expect(rowsOf(el, 'past')[0]!.slice(0, 2)).to.deep.equal(['Front door upgrade', 'P-3']);
    expect(deepActive() === openButton(el, 'Front door upgrade'), 'focus back on the proposal opened').to.equal(true);
  });

  it('accepting from the list works end to end with a drawn signature', async () => {
    const { el, state } = await mount();
    openButton(el, 'Garage sensor').click();
    await waitUntil(() => signerOf(el), 'signer');
    const signer = signerOf(el)!;
    await until(signer, 'Garage sensor');
    await settle(signer);
    button(signer, 'Accept').click();
    await settle(signer);
    type(signer, 'typedName', 'Dana Reyes');
    await drawSignature(signer.shadowRoot!.querySelector('canvas')!);
    await settle(signer);
    button(signer, 'Sign and accept').click();
    await waitUntil(() => state.accepted.length === 1, 'accepted');
    await until(signer, 'Download signed PDF');
  });

  it('says why Accept and Reject will be missing for a login without the permission', async () => {
    const { el } = await mount({ user: reader });
    expect(root(el).querySelector('[part="note"]')!.textContent).to.include('"Accept or reject proposals" permission');
    await expect(el).to.be.accessible();
  });

  it('says so while emulating', async () => {
    const { el } = await mount({ emulatedBy: { adminId: 'adm-1', name: 'admin Pat' } });
    expect(root(el).querySelector('[part="note"]')!.textContent).to.include('by emulation');
  });

  it('has an empty state', async () => {
    const { el } = await mount({ seeds: [] });
    expect(root(el).querySelector('[part="empty"]')!.textContent!.trim()).to.equal('No proposals yet. When Lakeside Alarm Co. sends you one, it appears here.');
    await expect(el).to.be.accessible();
  });

  it('shows a load error with Retry', async () => {
    const api = fakeApi();
    const state = await withProposals(api, SEEDS);
    const client = state.client();
    const release = api.hold(LIST_ROUTE);
    const { el } = await mountPortal<PorchlightProposals>(html`<porchlight-proposals></porchlight-proposals>`, { api, client });
    expect(root(el).querySelector('.loading')!.textContent).to.include('Loading proposals…');
    api.offline();
    release();
    await waitUntil(() => root(el).querySelector('.load-error'), 'load error');
    expect(root(el).querySelector('.load-error [role="alert"]')!.textContent!.trim()).to.not.equal('');
    await expect(el).to.be.accessible();
    api.online();
    button(el, 'Retry').click();
    await until(el, 'Garage sensor');
  });

  it('pages with "Load more"', async () => {
    const { el } = await mount({ pageSize: 4 });
    expect(shadowText(el)).to.not.include('Gate');
    button(el, 'Load more').click();
    await until(el, 'Gate');
    expect(root(el).querySelectorAll('button.open-proposal')).to.have.length(6);
    expect([...root(el).querySelectorAll('button')].some((b) => b.textContent!.trim() === 'Load more')).to.equal(false);
  });

  it('works at 360 px without horizontal overflow: the tables become cards', async () => {
    const { el, portal } = await mount();
    portal.style.width = '360px';
    await settle(el);
    expect(el.scrollWidth).to.be.at.most(360);
    expect(getComputedStyle(root(el).querySelector('table.proposals thead')!).display).to.not.equal('table-header-group');
  });
});
