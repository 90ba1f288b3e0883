import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import './define.js';
import { PorchlightWorkOrders } from './work-orders.js';
import { PorchlightWorkOrderForm } from './work-order-form.js';
import { dana, fakeApi, signedInClient, staffUser, type FakeApi, type FakeUser } from '../testing/fake-api.js';
import { formatDateTime } from '../internal/format.js';
import { button, deepActive, mountPortal, settle, shadowText, stubDownloads, until } from '../testing/helpers.js';
import { CREATE_ROUTE, LIST_ROUTE, noteRoute, photoRoute, workOrderRoute, withWorkOrders, type FakeWorkOrderSeed } from './fake-work-orders.js';

const SEEDS: FakeWorkOrderSeed[] = [
  {
    note: 'Keypad beeps every minute.\nStarted Monday.',
    site: 'S-100',
    system: 'P-1',
    requestType: 'repair',
    createdAt: '2026-01-10T15:00:00.000Z',
    steps: [
      { status: 'scheduled', at: '2026-01-11T09:00:00.000Z' },
      { status: 'dispatched', at: '2026-01-12T14:05:00.000Z', note: 'Sam is on the way.' },
    ],
    preferredWindows: [{ date: '2026-01-12', part: 'afternoon' }],
    photos: [{ filename: 'keypad.png' }],
    notes: [
      { side: 'client', body: 'Code for the gate: 4411.\nDog is friendly.', at: '2026-01-10T15:05:00.000Z' },
      { side: 'dealer', body: '<b>Thanks</b>, we will bring a new battery.', at: '2026-01-11T09:01:00.000Z' },
    ],
    externalRef: 'JOB-77',
  },
  { note: 'Please authorize Kim.', requestType: 'authorization', createdAt: '2026-01-12T10:00:00.000Z' },
  {
    note: 'Yearly fire inspection.',
    site: 'S-100',
    system: 'F-1',
    requestType: 'inspection',
    createdAt: '2026-01-05T10:00:00.000Z',
    steps: [{ status: 'completed', at: '2026-01-06T12:00:00.000Z' }],
  },
];

async function mount(o: { seeds?: FakeWorkOrderSeed[]; user?: FakeUser; api?: FakeApi; attrs?: { pageSize?: number } } = {}) {
  const api = o.api ?? fakeApi({ users: [dana, ...(o.user && o.user !== dana ? [o.user] : [])] });
  const state = withWorkOrders(api, { workOrders: o.seeds ?? SEEDS });
  const client = signedInClient(api, o.user ?? dana);
  const tpl = o.attrs?.pageSize ? html`<porchlight-work-orders page-size=${o.attrs.pageSize}></porchlight-work-orders>` : html`<porchlight-work-orders></porchlight-work-orders>`;
  const view = await mountPortal<PorchlightWorkOrders>(tpl, { api, client });
  return { ...view, state };
}

const root = (el: Element) => el.shadowRoot!;
const q = <T extends Element = HTMLElement>(el: Element, selector: string) => root(el).querySelector(selector) as T | null;
const rows = (el: Element) => [...root(el).querySelectorAll<HTMLTableRowElement>('tbody tr')];
const cells = (row: Element) => [...row.children].map((c) => (c.querySelector('.cell-value') ?? c).textContent!.replace(/\s+/g, ' ').trim());
const numbers = (el: Element) => rows(el).map((r) => r.querySelector('.link-button')!.textContent!.replace(/\s+/g, ' ').trim());
const listCalls = (api: FakeApi) => api.callsTo(LIST_ROUTE).map((c) => Object.fromEntries(new URLSearchParams(c.search)));

async function open(el: Element, number: string): Promise<void> {
  rows(el)
    .find((r) => r.querySelector('.link-button')!.textContent!.includes(number))!
    .querySelector<HTMLButtonElement>('.link-button')!
    .click();
  await waitUntil(() => q(el, '#detail-title')?.textContent === `Work order ${number}` || q(el, '.load-error'), `work order ${number} open`);
  await settle(el);
}

async function setFilter(el: Element, value: string): Promise<void> {
  const s = q<HTMLSelectElement>(el, 'select#filter')!;
  s.value = value;
  s.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await settle(el);
}

describe('porchlight-work-orders', () => {
  it('is registered, and defining again is harmless', async () => {
    expect(customElements.get('porchlight-work-orders')).to.equal(PorchlightWorkOrders);
    await import('./define.js');
    expect(customElements.get('porchlight-work-orders')).to.equal(PorchlightWorkOrders);
  });

  it('lists the open work orders, newest first: number, site and system, request, status in words and colour, last update, sender', async () => {
    const { el, api } = await mount();
    await until(el, 'WO-1001');
    expect(q(el, '[part="title"]')!.textContent).to.equal('Work orders');
    expect(listCalls(api)).to.deep.equal([{ status: 'open', limit: '20' }]);
    expect(numbers(el)).to.deep.equal(['Work order WO-1002', 'Work order WO-1001']);
    const [general, repair] = rows(el);
    expect(cells(repair!)).to.deep.equal(['Work order WO-1001', 'Main building — Intrusion panel', 'Repair / service call', 'Dispatched', formatDateTime('2026-01-12T14:05:00.000Z'), 'Dana Reyes']);
    expect(cells(general!)[1]).to.equal('General request');
    const badge = repair!.querySelector('.status-tag')!;
    expect(badge.classList.contains('status-dispatched')).to.equal(true);
    expect(getComputedStyle(badge).color).to.not.equal(getComputedStyle(general!.querySelector('.status-tag')!).color);
    expect(repair!.querySelector('time')!.getAttribute('datetime')).to.equal('2026-01-12T14:05:00.000Z');
    expect(q(el, '[data-new]')!.textContent!.trim()).to.equal('New work order');
    expect(q(el, '[part="summary"]')!.textContent).to.equal('2 open work orders');
    await expect(el).to.be.accessible();
  });

  it('filters Closed and All (asking the server)', async () => {
    const { el, api } = await mount();
    await until(el, 'WO-1001');
    await setFilter(el, 'closed');
    await waitUntil(() => numbers(el).length === 1, 'closed list');
    expect(numbers(el)).to.deep.equal(['Work order WO-1003']);
    expect(rows(el)[0]!.querySelector('.status-tag')!.textContent!.trim()).to.equal('Completed');
    await setFilter(el, 'all');
    await waitUntil(() => numbers(el).length === 3, 'all');
    expect(listCalls(api).map((c) => c.status)).to.deep.equal(['open', 'closed', 'all']);
    expect(q<HTMLSelectElement>(el, 'select#filter')!.value).to.equal('all');
  });

  it('pages with "Load more" (cursor) and focuses the first new row', async () => {
    const seeds: FakeWorkOrderSeed[] = Array.from({ length: 5 }, (_, i) => ({ note: `Order ${i + 1}`, createdAt: `2026-01-0${i + 1}T10:00:00.000Z` }));
    const { el, api } = await mount({ seeds, attrs: { pageSize: 2 } });
    await until(el, 'WO-1005');
    expect(numbers(el)).to.deep.equal(['Work order WO-1005', 'Work order WO-1004']);
    expect(q(el, '[part="summary"]')!.textContent).to.equal('2 open work orders so far');
    button(el, 'Load more').click();
    await waitUntil(() => numbers(el).length === 4, 'page 2');
    await settle(el);
    expect(deepActive(), 'focus on the first new row').to.equal(rows(el)[2]!.querySelector('.link-button'));
    button(el, 'Load more').click();
    await waitUntil(() => numbers(el).length === 5, 'page 3');
    await settle(el);
    expect(q(el, '[data-load-more]')).to.equal(null);
    const calls = listCalls(api);
    expect(calls.length).to.equal(3);
    expect(calls[0]).to.deep.equal({ status: 'open', limit: '2' });
    expect(calls[1]!.cursor).to.match(/^after:/);
    expect(calls[2]!.cursor).to.not.equal(calls[1]!.cursor);
  });

  it('opens a work order: facts, progress in order with aria-current on the current step, times, windows, photos, notes', async () => {
    const { el, api, state, portal } = await mount();
    await until(el, 'WO-1001');
    const opened = oneEvent(portal, 'porchlight-work-order-open');
    await open(el, 'WO-1001');
    const wo = state.byNumber('WO-1001');
    expect(((await opened) as CustomEvent).detail).to.deep.equal({ workOrderId: wo.id });
    expect(api.callsTo(workOrderRoute(wo.id)).length).to.equal(1);
    expect(deepActive()).to.equal(q(el, '#detail-title'));
    expect(q(el, '.detail-head .status-tag')!.textContent!.trim()).to.equal('Dispatched');
    const facts = [...root(el).querySelectorAll('.facts div')].map((d) => `${d.querySelector('dt')!.textContent} ${d.querySelector('dd')!.textContent!.replace(/\s+/g, ' ').trim()}`);
    expect(facts).to.deep.equal([
      'Site Main building',
      'Alarm system Intrusion panel (Intrusion (burglar alarm))',
      'Request Repair / service call',
      `Sent ${formatDateTime('2026-01-10T15:00:00.000Z')} by You`,
      'Our reference JOB-77',
    ]);
    expect(q(el, '.text')!.textContent).to.equal('Keypad beeps every minute.\nStarted Monday.');

    const timeline = q(el, 'ol.timeline')!;
    const steps = [...timeline.querySelectorAll(':scope > li')];
    expect(steps.map((s) => s.querySelector('.step-label')!.textContent)).to.deep.equal(['Submitted', 'Scheduled', 'Dispatched', 'En route', 'Arrived', 'Completed']);
    expect(steps.map((s) => s.getAttribute('aria-current'))).to.deep.equal([null, null, 'step', null, null, null]);
    expect(steps.map((s) => s.querySelector('time')?.getAttribute('datetime') ?? null)).to.deep.equal([
      '2026-01-10T15:00:00.000Z',
      '2026-01-11T09:00:00.000Z',
      '2026-01-12T14:05:00.000Z',
      null,
      null,
      null,
    ]);
    expect(steps[2]!.querySelector('time')!.textContent).to.equal(formatDateTime('2026-01-12T14:05:00.000Z'));
    expect(steps[2]!.querySelector('.step-note')!.textContent).to.equal('Sam is on the way.');
    expect(steps[3]!.textContent).to.include('Not yet');
    expect(q(el, 'ul.windows')!.textContent!.trim()).to.match(/2026 — Afternoon$/);

    const notes = [...root(el).querySelectorAll('.note-item')];
    expect(notes.map((n) => n.querySelector('.author')!.textContent!.trim())).to.deep.equal(['You', 'Lakeside Alarm Co.']);
    expect(notes[0]!.querySelector('.note-body')!.textContent).to.equal('Code for the gate: 4411.\nDog is friendly.');
    expect(getComputedStyle(notes[0]!.querySelector('.note-body')!).whiteSpace).to.equal('pre-wrap');
    expect(notes[1]!.querySelector('.note-body')!.textContent).to.equal('<b>Thanks</b>, we will bring a new battery.');
    expect(notes[1]!.querySelector('b')).to.equal(null);
    await expect(el).to.be.accessible();

    // A photo downloads with the session.
    const downloads = stubDownloads();
    try {
      const photo = wo.photos[0]!;
      q<HTMLButtonElement>(el, `[data-photo="${photo.id}"]`)!.click();
      await until(el, 'Downloading keypad.png.');
      expect(api.callsTo(photoRoute(wo.id, photo.id)).length).to.equal(1);
      expect(downloads.clicked).to.deep.equal([{ href: 'blob:fake/1', download: 'keypad.png', connected: true }]);
    } finally {
      downloads.restore();
    }

    // Back to the list: focus on the row it came from.
    button(el, /Back to work orders/).click();
    await settle(el);
    expect(q(el, 'ol.timeline')).to.equal(null);
    expect(deepActive()).to.equal(q(el, `[data-open="${wo.id}"]`));
  });

  it('adds a note to an open work order and fires porchlight-work-order-note-added', async () => {
    const { el, api, state, portal } = await mount();
    await until(el, 'WO-1002');
    await open(el, 'WO-1002');
    const wo = state.byNumber('WO-1002');
    expect(shadowText(el)).to.include('No notes yet.');
    button(el, 'Add note').click();
    await settle(el);
    const body = q<HTMLTextAreaElement>(el, 'textarea#body')!;
    expect(body.getAttribute('aria-invalid')).to.equal('true');
    expect(root(el).getElementById('body-error')!.textContent!.trim()).to.equal('Write a note.');
    expect(deepActive()).to.equal(body);
    expect(api.callsTo(noteRoute(wo.id)).length).to.equal(0);

    body.value = 'Kim starts on Monday.\nShe has a key.';
    body.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await settle(el);
    const added = oneEvent(portal, 'porchlight-work-order-note-added');
    button(el, 'Add note').click();
    const event = (await added) as CustomEvent;
    expect(api.callsTo(noteRoute(wo.id))[0]!.body).to.deep.equal({ body: 'Kim starts on Monday.\nShe has a key.' });
    expect(event.detail.note.body).to.equal('Kim starts on Monday.\nShe has a key.');
    await settle(el);
    const notes = [...root(el).querySelectorAll('.note-item')];
    expect(notes.map((n) => n.querySelector('.author')!.textContent!.trim())).to.deep.equal(['You']);
    expect(notes[0]!.querySelector('.note-body')!.textContent).to.equal('Kim starts on Monday.\nShe has a key.');
    expect(q<HTMLTextAreaElement>(el, 'textarea#body')!.value).to.equal('');
    expect(root(el).querySelector('[part="notice"]')!.textContent).to.include('Your note was added.');
    await expect(el).to.be.accessible();
  });

  it('a closed work order takes no notes', async () => {
    const { el } = await mount();
    await until(el, 'WO-1001');
    await setFilter(el, 'closed');
    await until(el, 'WO-1003');
    await open(el, 'WO-1003');
    expect(q(el, 'form.note-form')).to.equal(null);
    expect(shadowText(el)).to.include('This work order is completed: it takes no more notes.');
    const steps = [...root(el).querySelectorAll('ol.timeline > li')];
    expect(steps.map((s) => s.querySelector('.step-label')!.textContent)).to.deep.equal(['Submitted', 'Completed']);
    expect(steps[1]!.getAttribute('aria-current')).to.equal('step');
  });

  it('is read-only without "Submit and edit work orders"', async () => {
    const kim = staffUser({ username: 'kim', name: 'Kim Lee', permissions: ['invoices.view'] });
    const { el } = await mount({ user: kim, seeds: SEEDS.map((s) => ({ ...s, by: kim })) });
    await until(el, 'WO-1001');
    expect(q(el, '[data-new]')).to.equal(null);
    expect(q(el, '.permission-note')!.textContent).to.include('ask your account manager for the "Submit and edit work orders" permission');
    await expect(el).to.be.accessible();
    await open(el, 'WO-1001');
    expect(q(el, 'form.note-form')).to.equal(null);
    expect(shadowText(el)).to.include('To send work orders or add notes, ask your account manager');
  });

  it('"New work order" opens the form in place; once sent, the new work order opens', async () => {
    const { el, api } = await mount();
    await until(el, 'WO-1001');
    q<HTMLButtonElement>(el, '[data-new]')!.click();
    await settle(el);
    const form = q<PorchlightWorkOrderForm>(el, 'porchlight-work-order-form')!;
    expect(form).to.be.instanceOf(PorchlightWorkOrderForm);
    expect(form.hasAttribute('plain')).to.equal(true);
    await until(form, 'What do you need?');
    await waitUntil(() => deepActive() === form.shadowRoot!.querySelector('#title'), 'focus on the form');
    expect(form.shadowRoot!.querySelector('#title')!.getAttribute('aria-level')).to.equal('3');
    expect(q(el, 'table')).to.equal(null);
    await expect(el).to.be.accessible();

    const fr = form.shadowRoot!;
    fr.querySelector<HTMLInputElement>('#kind-general')!.click();
    await settle(form);
    const type = fr.querySelector<HTMLSelectElement>('#requestType')!;
    type.value = 'other';
    type.dispatchEvent(new Event('change'));
    const note = fr.querySelector<HTMLTextAreaElement>('#note')!;
    note.value = 'Please call me about a second keypad.';
    note.dispatchEvent(new InputEvent('input'));
    await settle(form);
    fr.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(el, 'Work order WO-1004 was sent.');
    await settle(el);
    expect(api.callsTo(CREATE_ROUTE).length).to.equal(1);
    expect(q(el, '#detail-title')!.textContent).to.equal('Work order WO-1004');
    expect(deepActive()).to.equal(q(el, '#detail-title'));
    // The list behind it was loaded again.
    await waitUntil(() => listCalls(api).length === 2, 'list reloaded');
    button(el, /Back to work orders/).click();
    await settle(el);
    expect(numbers(el)[0]).to.equal('Work order WO-1004');
  });

  it('opens the work order an email links to (#porchlight-work-order=<id>)', async () => {
    const api = fakeApi();
    const state = withWorkOrders(api, { workOrders: SEEDS });
    const id = state.byNumber('WO-1002').id;
    history.replaceState(null, '', `${location.pathname}${location.search}#porchlight-work-order=${id}`);
    try {
      const { el } = await mountPortal<PorchlightWorkOrders>(html`<porchlight-work-orders></porchlight-work-orders>`, { api, client: signedInClient(api, dana) });
      await until(el, 'Work order WO-1002');
      expect(location.hash, 'read once').to.equal('');
    } finally {
      history.replaceState(null, '', `${location.pathname}${location.search}`);
    }
  });

  it('says when a work order cannot be found, with Retry and Back', async () => {
    const { el, api, state } = await mount();
    await until(el, 'WO-1001');
    const wo = state.byNumber('WO-1001');
    api.off(workOrderRoute(wo.id));
    await open(el, 'WO-1001');
    await until(el, 'This work order was not found.');
    expect(button(el, 'Retry')).to.not.equal(null);
    expect(button(el, /Back to work orders/)).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('fits 360 px without horizontal overflow (list and work order)', async () => {
    const { el, portal } = await mount();
    await until(el, 'WO-1001');
    portal.style.display = 'block';
    portal.style.width = '360px';
    await settle(el);
    const overflow = () => {
      // Nothing reaches past the card's padding, and the cells of a row (a card when narrow) do not overlap.
      const card = q(el, '[part="card"]')!;
      const right = card.getBoundingClientRect().right - parseFloat(getComputedStyle(card).paddingRight);
      const past = [...card.querySelectorAll('*')].filter((n) => n.getBoundingClientRect().right > right + 0.5).map((n) => n.outerHTML.slice(0, 80));
      const overlapping: string[] = [];
      for (const row of card.querySelectorAll('tbody tr')) {
        const boxes = [...row.children].map((c) => [c, c.getBoundingClientRect()] as const);
        for (const [i, [a, ra]] of boxes.entries()) {
          for (const [b, rb] of boxes.slice(i + 1)) {
            const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
            const y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
            if (x > 0.5 && y > 0.5) overlapping.push(`${a.className} overlaps ${b.className}`);
          }
        }
      }
      return [...past, ...overlapping];
    };
    expect(overflow()).to.deep.equal([]);
    await open(el, 'WO-1001');
    expect(overflow()).to.deep.equal([]);
    expect(el.scrollWidth).to.be.at.most(el.clientWidth);
  });
});
