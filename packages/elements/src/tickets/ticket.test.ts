import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { Attachment } from '@porchlight/core';
import './define.js';
import { PorchlightTicket } from './ticket.js';
import { dana, fakeApi, fakeId, sam, signedInClient, staffUser, type FakeApi, type FakeUser } from '../testing/fake-api.js';
import { chooseFiles, expectFocus, expectNone, expectSome, mountPortal, settle, shadowText, stubDownloads, until } from '../testing/helpers.js';
import { attachmentRoute, decisionRoute, replyRoute, statusRoute, subscribersRoute, UPLOAD_ROUTE, withTickets, type FakeTicketSeed, type FakeTickets } from './fake-tickets.js';

const kim = staffUser({ username: 'kim', name: 'Kim Park', permissions: ['tickets.use'] });
const photo: Attachment = { id: fakeId('attachment:photo'), filename: 'keypad.jpg', contentType: 'image/jpeg', size: 2048, sha256: 'ab'.repeat(32) };
const invoice: Attachment = { id: fakeId('attachment:quote'), filename: 'quote.pdf', contentType: 'application/pdf', size: 4096, sha256: 'cd'.repeat(32) };

const RICH: FakeTicketSeed = {
  subject: 'Keypad beeps at night',
  number: 'T-1042',
  createdAt: '2026-01-10T09:00:00.000Z',
  fields: [
    { id: 'zone', label: 'Which zone or device?', kind: 'text', value: 'Zone 4 – back door' },
    { id: 'details', label: 'What happens?', kind: 'long-text', value: 'It beeps.\nTwice a night.' },
    { id: 'since', label: 'Since when?', kind: 'date', value: '' },
    { id: 'photos', label: 'Photos or screenshots', kind: 'file', value: '', attachments: [photo] },
  ],
  subscribers: [kim],
  entries: [
    // Out of order on purpose: the thread shows them oldest first.
    { side: 'client', body: 'Thanks, Tuesday works.', at: '2026-01-13T09:00:00.000Z' },
    { side: 'client', body: 'Also the <b>light</b> blinks.\nSee the photo.', at: '2026-01-10T10:00:00.000Z', author: { kind: 'user', userId: fakeId('user:kim'), name: 'Kim Park' } },
    { side: 'dealer', body: 'We will send a technician.', at: '2026-01-11T09:00:00.000Z', attachments: [invoice] },
    { estimate: { amountCents: 125_000 }, body: 'Replace the keypad.\nParts and labour.', at: '2026-01-12T09:00:00.000Z' },
  ],
};

const usd = (cents: number) => new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(cents / 100);

async function mount(o: { as?: FakeUser; emulated?: boolean; seed?: FakeTicketSeed; id?: string } = {}) {
  const api: FakeApi = fakeApi({ users: [dana, sam, kim] });
  const state: FakeTickets = withTickets(api, { tickets: [o.seed ?? RICH] });
  const ticket = state.tickets[0]!;
  const client = signedInClient(api, o.as ?? dana, o.emulated ? { adminId: 'k1', name: 'admin Sam Ortiz' } : undefined);
  const view = await mountPortal<PorchlightTicket>(html`<porchlight-ticket ticket-id=${o.id ?? ticket.id}></porchlight-ticket>`, { api, client });
  if (!o.id) await until(view.el, ticket.subject);
  await settle(view.el);
  return { ...view, state, ticket };
}

const root = (el: Element) => el.shadowRoot!;
const text = (e: Element | null | undefined) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();
const dialog = (el: Element) => root(el).querySelector('dialog');
const entries = (el: Element) => [...root(el).querySelectorAll<HTMLLIElement>('.thread > li')];
const estimateCard = (el: Element) => root(el).querySelector<HTMLElement>('.estimate')!;
const notice = (el: Element) => text(root(el).querySelector('[part="notice"]'));
const buttonNamed = (scope: ParentNode, name: string | RegExp) => {
  const all = [...scope.querySelectorAll<HTMLButtonElement>('button')];
  const found = all.find((b) => (typeof name === 'string' ? text(b) === name : name.test(text(b))));
  if (!found) throw new Error(`no button ${name}: ${all.map((b) => text(b)).join(' | ')}`);
  return found;
};
const hasButton = (scope: ParentNode, name: RegExp) => [...scope.querySelectorAll('button')].some((b) => name.test(text(b)));

describe('porchlight-ticket', () => {
  it('is registered, and defining again is harmless', async () => {
    expect(customElements.get('porchlight-ticket')).to.equal(PorchlightTicket);
    await import('./define.js');
    expect(customElements.get('porchlight-ticket')).to.equal(PorchlightTicket);
  });

  it('shows the request: number, status, nature, who opened it; the answers; who is notified; the thread oldest first; the estimate', async () => {
    const { el } = await mount();
    expect(text(root(el).querySelector('[part="title"]'))).to.equal('Keypad beeps at night');
    expect(text(root(el).querySelector('.lead'))).to.equal('T-1042 · Problem with my alarm');
    const details = Object.fromEntries([...root(el).querySelectorAll('.details > div')].map((d) => [text(d.querySelector('dt')), text(d.querySelector('dd'))]));
    expect(details.Status).to.equal('Open');
    expect(details['Request number']).to.equal('T-1042');
    expect(details['Nature of request']).to.equal('Problem with my alarm');
    expect(details['Opened by']).to.match(/^Dana Reyes on .+/);
    expectSome(root(el).querySelector('.details .status-open'));

    const answers = [...root(el).querySelectorAll('.answers > div')].map((d) => [text(d.querySelector('dt')), d.querySelector('dd')!]);
    expect(answers.map(([label]) => label)).to.deep.equal(['Which zone or device?', 'What happens?', 'Since when?', 'Photos or screenshots']);
    expect((answers[1]![1] as Element).querySelector('.text')!.textContent).to.equal('It beeps.\nTwice a night.');
    expect(getComputedStyle((answers[1]![1] as Element).querySelector('.text')!).whiteSpace).to.equal('pre-wrap');
    expect(text(answers[2]![1] as Element)).to.equal('Not answered');
    expect(text((answers[3]![1] as Element).querySelector('button'))).to.equal('keypad.jpg2 KB, download');

    expect(text(root(el).querySelector('.subscriber-list'))).to.equal('You (who opened it), and Kim Park. Everyone here gets an email when Support replies.');

    const thread = entries(el);
    expect(thread.map((li) => text(li.querySelector('.who')) || 'estimate')).to.deep.equal(['Kim Park', 'Lakeside Alarm Co. Support', 'estimate', 'You']);
    expect(text(thread[1]!.querySelector('.who-sub'))).to.equal('Pat Dispatcher');
    const kimBody = thread[0]!.querySelector('.entry-body')!;
    expect(kimBody.textContent).to.equal('Also the <b>light</b> blinks.\nSee the photo.');
    expectNone(kimBody.querySelector('b'));
    expect(getComputedStyle(kimBody).whiteSpace).to.equal('pre-wrap');
    expect(thread[0]!.querySelector('time')!.getAttribute('datetime')).to.equal('2026-01-10T10:00:00.000Z');
    expect(text(thread[1]!.querySelector('.attachments button'))).to.match(/^quote\.pdf4 KB/);

    const card = estimateCard(el);
    expect(text(card.querySelector('.amount'))).to.equal(usd(125_000));
    expect(card.querySelector('.entry-body')!.textContent).to.equal('Replace the keypad.\nParts and labour.');
    expect(text(card.querySelector('.estimate-status'))).to.equal('Waiting for your decision');
    expect(hasButton(card, /^Approve/)).to.equal(true);
    expect(hasButton(card, /^Decline/)).to.equal(true);
    expect(hasButton(root(el), /^Mark as completed$/)).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('approves an estimate after confirming: the call is made and the card says Approved', async () => {
    const { el, api, ticket, portal } = await mount();
    const entryId = ticket.entries.find((e) => e.kind === 'estimate')!.id;
    buttonNamed(estimateCard(el), /^Approve/).click();
    await settle(el);
    const d = dialog(el)!;
    expect(d.open).to.equal(true);
    expect(text(d.querySelector('#dialog-title'))).to.equal(`Approve the estimate of ${usd(125_000)}?`);
    expectFocus(d.querySelector('[data-cancel]'));
    await expect(el).to.be.accessible();
    const changed = oneEvent(portal, 'porchlight-ticket-change');
    buttonNamed(d, 'Approve estimate').click();
    const event = (await changed) as CustomEvent;
    expect(event.detail.action).to.equal('estimate-approved');
    expect(api.callsTo(decisionRoute(ticket.id, entryId)).map((c) => c.body)).to.deep.equal([{ decision: 'approve' }]);
    await settle(el);
    expectNone(dialog(el));
    expect(text(estimateCard(el).querySelector('.estimate-status'))).to.equal('Approved');
    expect(text(estimateCard(el).querySelector('.decided'))).to.match(/^Approved by you, .+/);
    expect(hasButton(estimateCard(el), /^Approve/)).to.equal(false);
    expect(notice(el)).to.equal(`You approved the estimate of ${usd(125_000)}.`);
  });

  it('declines an estimate with a note', async () => {
    const { el, api, ticket } = await mount();
    const entryId = ticket.entries.find((e) => e.kind === 'estimate')!.id;
    buttonNamed(estimateCard(el), /^Decline/).click();
    await settle(el);
    const d = dialog(el)!;
    expect(text(d.querySelector('#dialog-title'))).to.equal(`Decline the estimate of ${usd(125_000)}?`);
    const note = d.querySelector<HTMLTextAreaElement>('textarea[name="note"]')!;
    expect(text(d.querySelector('label[for="note"]'))).to.equal('A note for Lakeside Alarm Co. (optional)');
    note.value = '  Too expensive for now.  ';
    d.querySelector('form')!.requestSubmit();
    await waitUntil(() => api.callsTo(decisionRoute(ticket.id, entryId)).length === 1, 'decided');
    expect(api.callsTo(decisionRoute(ticket.id, entryId))[0]!.body).to.deep.equal({ decision: 'decline', note: 'Too expensive for now.' });
    await settle(el);
    expect(text(estimateCard(el).querySelector('.estimate-status'))).to.equal('Declined');
    expect(text(estimateCard(el).querySelector('.decision-note'))).to.equal('Note: Too expensive for now.');
  });

  it('while emulating, an estimate cannot be approved or declined, and says why', async () => {
    const { el } = await mount({ emulated: true });
    const card = estimateCard(el);
    expect(hasButton(card, /Approve|Decline/)).to.equal(false);
    expect(text(card.querySelector('.decide-note'))).to.equal('Estimates cannot be approved or declined while you are signed in as Dana Reyes by emulation. Dana Reyes decides when signed in.');
    // Replying still works.
    expectSome(root(el).querySelector('form.reply'));
    await expect(el).to.be.accessible();
  });

  it('without "Open and reply to support tickets" it is read-only, with a note', async () => {
    const { el } = await mount({ as: sam });
    expect(text(root(el).querySelector('.permission-note'))).to.include('"Open and reply to support tickets"');
    expectNone(root(el).querySelector('form.reply'));
    expect(hasButton(root(el), /Manage|Mark as completed|Approve|Decline/)).to.equal(false);
    // Files can still be downloaded.
    expect(hasButton(root(el), /keypad\.jpg/)).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('replies with an attachment uploaded at once; the reply shows in the thread', async () => {
    const { el, api, state, ticket, portal } = await mount();
    const form = root(el).querySelector<HTMLFormElement>('form.reply')!;
    const body = form.querySelector<HTMLTextAreaElement>('textarea[name="body"]')!;
    body.value = 'Here is the log.\nSee line 2.';
    body.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await settle(el);
    expect(text(root(el).getElementById('body-count'))).to.equal('28 / 10000 characters');
    const release = api.hold(UPLOAD_ROUTE);
    chooseFiles(form.querySelector<HTMLInputElement>('input[type="file"]')!, [new File(['panel log\nline 2\n'], 'panel.log.txt', { type: 'text/plain' })]);
    await settle(el);
    expectSome(root(el).querySelector('.upload progress'));
    release();
    await waitUntil(() => root(el).querySelector<HTMLElement>('.upload')?.dataset.state === 'done', 'uploaded');
    const uploadId = state.uploads[0]!.upload.id;
    const changed = oneEvent(portal, 'porchlight-ticket-change');
    buttonNamed(form, 'Send reply').click();
    expect(((await changed) as CustomEvent).detail.action).to.equal('replied');
    expect(api.callsTo(replyRoute(ticket.id)).map((c) => c.body)).to.deep.equal([{ body: 'Here is the log.\nSee line 2.', attachments: [uploadId] }]);
    await settle(el);
    const last = entries(el).at(-1)!;
    expect(text(last.querySelector('.who'))).to.equal('You');
    expect(last.querySelector('.entry-body')!.textContent).to.equal('Here is the log.\nSee line 2.');
    expect(text(last.querySelector('.attachments button'))).to.match(/^panel\.log\.txt/);
    expect(root(el).querySelector<HTMLTextAreaElement>('textarea[name="body"]')!.value).to.equal('');
    expectNone(root(el).querySelector('.upload'));
    expect(notice(el)).to.equal('Your reply was sent.');
  });

  it('an empty reply is not sent', async () => {
    const { el, api, ticket } = await mount();
    buttonNamed(root(el), 'Send reply').click();
    await settle(el);
    expect(text(root(el).getElementById('body-error'))).to.equal('Write a reply or attach a file.');
    expectFocus(root(el).querySelector('textarea[name="body"]'));
    expect(api.callsTo(replyRoute(ticket.id))).to.have.length(0);
  });

  it('"Manage" changes who is notified (the author is always notified)', async () => {
    const { el, api, ticket } = await mount();
    buttonNamed(root(el), /^Manage/).click();
    await waitUntil(() => dialog(el)?.querySelector('input[type="checkbox"]'), 'people loaded');
    await settle(el);
    const d = dialog(el)!;
    expect(text(d.querySelector('#dialog-title'))).to.equal('Who is notified');
    const boxes = [...d.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    expect(boxes.map((b) => [text(d.querySelector(`label[for="${b.id}"]`)), b.checked])).to.deep.equal([
      ['Kim Park', true],
      ['Sam Lee', false],
    ]);
    await expect(el).to.be.accessible();
    boxes[0]!.click();
    boxes[1]!.click();
    buttonNamed(d, 'Save').click();
    await waitUntil(() => !dialog(el), 'closed');
    expect(api.callsTo(subscribersRoute(ticket.id)).map((c) => c.body)).to.deep.equal([{ userIds: [api.idOf(sam)] }]);
    await settle(el);
    expect(text(root(el).querySelector('.subscriber-list'))).to.match(/^You \(who opened it\), and Sam Lee\./);
  });

  it('"Mark as completed" and "Reopen" change the status; the thread says so', async () => {
    const { el, api, ticket } = await mount();
    buttonNamed(root(el), 'Mark as completed').click();
    await waitUntil(() => hasButton(root(el), /^Reopen$/), 'completed');
    expect(api.callsTo(statusRoute(ticket.id)).map((c) => c.body)).to.deep.equal([{ status: 'completed' }]);
    expect(text(root(el).querySelector('.details .status-tag'))).to.equal('Completed');
    expect(text(entries(el).at(-1))).to.match(/^Marked completed by you, .+/);
    expect(text(root(el).querySelector('.completed-note'))).to.equal('This request is completed. Sending a reply opens it again.');
    buttonNamed(root(el), 'Reopen').click();
    await waitUntil(() => hasButton(root(el), /^Mark as completed$/), 'open again');
    expect(text(entries(el).at(-1))).to.match(/^Reopened by you, .+/);
  });

  it('downloads an attachment with the session and saves it under its name', async () => {
    const saving = stubDownloads();
    try {
      const { el, api, ticket } = await mount();
      buttonNamed(root(el), /^keypad\.jpg/).click();
      await waitUntil(() => saving.clicked.length === 1, 'saved');
      expect(saving.clicked[0]!.download).to.equal('keypad.jpg');
      expect(api.callsTo(attachmentRoute(ticket.id, photo.id))).to.have.length(1);
      await settle(el);
      expect(notice(el)).to.equal('Downloading keypad.jpg.');
    } finally {
      saving.restore();
    }
  });

  it('a ticket that does not exist shows the error with Retry', async () => {
    const { el } = await mount({ id: fakeId('ticket:missing') });
    await until(el, 'Not found');
    expect(hasButton(root(el), /^Retry$/)).to.equal(true);
    expect(shadowText(el)).to.not.include('Conversation');
  });
});
