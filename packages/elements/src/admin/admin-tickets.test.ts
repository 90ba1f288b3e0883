import { expect, html, waitUntil } from '@open-wc/testing';
import { formatMinorUnits } from '@porchlight/client';
import { PorchlightAdminTickets } from './admin-tickets.js';
import { fakeAdminApi, owner, support, type FakeAdminApi, type FakeStaff } from './testing/fake-admin-api.js';
import { ids, withoutAbility } from './testing/fake-admin-kit.js';
import { fakeTicket, ticketRoutes, withAdminTickets, type FakeAdminTickets } from './testing/fake-admin-tickets.js';
import { button, chooseFiles, deepActive, input, mountAdmin, settle, shadowText, stubDownloads, type, until } from './testing/helpers.js';
import './define.js';

const root = (el: Element) => el.shadowRoot!;
const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const rows = (el: Element) => [...root(el).querySelectorAll<HTMLTableRowElement>('table.tickets tbody tr')];
const subjects = (el: Element) => rows(el).map((r) => clean(r.querySelector('.link-button')!.textContent));
const rowOf = (el: Element, subject: string) => rows(el).find((r) => clean(r.querySelector('.link-button')!.textContent) === subject)!;
const select = (el: Element) => root(el).querySelector<HTMLSelectElement>('#status-filter')!;
const replyForm = (el: Element) => root(el).querySelector<HTMLFormElement>('form[data-form="reply"]')!;
const replyBody = (el: Element) => replyForm(el).querySelector<HTMLTextAreaElement>('textarea[name="body"]')!;
const fileInput = (el: Element) => replyForm(el).querySelector<HTMLInputElement>('input[type="file"]')!;
const dialog = (el: Element) => root(el).querySelector('dialog');
const entries = (el: Element) => [...root(el).querySelectorAll<HTMLLIElement>('.thread > li')];
const searchOf = (api: FakeAdminApi) => api.callsTo('GET /v1/admin/tickets').map((c) => c.search);
const pdf = (name: string, text = 'quote') => new File([`%PDF-1.7 ${text}`], name, { type: 'application/pdf' });

async function mountTickets(o: { as?: FakeStaff; api?: FakeAdminApi; accountId?: string; setup?: (api: FakeAdminApi, t: FakeAdminTickets) => void } = {}) {
  const api = o.api ?? fakeAdminApi();
  const tickets = withAdminTickets(api);
  o.setup?.(api, tickets);
  const mounted = await mountAdmin<PorchlightAdminTickets>(
    o.accountId
      ? html`<porchlight-admin-tickets account-id=${o.accountId}></porchlight-admin-tickets>`
      : html`<porchlight-admin-tickets></porchlight-admin-tickets>`,
    { api, as: o.as ?? { ...owner } },
  );
  await waitUntil(() => root(mounted.el).querySelector('table.tickets, .empty'), 'the list', { timeout: 3000 });
  await settle(mounted.el);
  return { ...mounted, tickets };
}

async function open(el: PorchlightAdminTickets, subject: string) {
  rowOf(el, subject).querySelector<HTMLButtonElement>('.link-button')!.click();
  await waitUntil(() => root(el).querySelector('#ticket-title'), 'the ticket', { timeout: 3000 });
  await settle(el);
}

describe('porchlight-admin-tickets', () => {
  it('lists the open tickets of every account: number, account, subject, request type, status in words, updated, markers', async () => {
    const { el, api } = await mountTickets();
    expect(clean(root(el).querySelector('#title')!.textContent)).to.equal('Support tickets');
    expect(searchOf(api)).to.deep.equal(['?status=open&limit=20']);
    expect(subjects(el)).to.deep.equal(['Front door sensor beeps', 'Question about the March invoice', 'Add a user code for the cleaner']);
    const first = clean(rowOf(el, 'Front door sensor beeps').textContent);
    expect(first).to.contain('T-1042').and.contain('Cedar Court Offices').and.contain('Service visit').and.contain('Open').and.contain('Client replied');
    expect(first).to.not.contain('Estimate waiting');
    const invoice = clean(rowOf(el, 'Question about the March invoice').textContent);
    expect(invoice).to.contain('Willow Creek Clinic').and.contain('Billing question').and.contain('Estimate waiting').and.not.contain('Client replied');
    expect(rowOf(el, 'Front door sensor beeps').querySelector('.badge.open')!.textContent).to.equal('Open');
    expect(rowOf(el, 'Front door sensor beeps').querySelector('time')!.getAttribute('datetime')).to.match(/^2026-/);
    expect(clean(root(el).querySelector('[part="status"]')!.textContent)).to.equal('3 open tickets.');
    await expect(el).to.be.accessible();
  });

  it('filters by status and searches subjects, sending them as the query', async () => {
    const { el, api } = await mountTickets();
    select(el).value = 'completed';
    select(el).dispatchEvent(new Event('change'));
    await waitUntil(() => subjects(el).length === 1, 'completed tickets');
    expect(subjects(el)).to.deep.equal(['Garage keypad replacement']);
    expect(rowOf(el, 'Garage keypad replacement').querySelector('.badge.done')!.textContent).to.equal('Completed');

    select(el).value = 'all';
    select(el).dispatchEvent(new Event('change'));
    await waitUntil(() => subjects(el).length === 4, 'all tickets');

    type(el, 'q', 'KEYPAD');
    root(el).querySelector<HTMLFormElement>('form.filters')!.requestSubmit();
    await waitUntil(() => subjects(el).length === 1, 'search results');
    expect(searchOf(api)).to.deep.equal(['?status=open&limit=20', '?status=completed&limit=20', '?status=all&limit=20', '?status=all&q=KEYPAD&limit=20']);
    expect(clean(root(el).querySelector('[part="status"]')!.textContent)).to.equal('1 ticket matching “KEYPAD”.');

    type(el, 'q', 'nothing like this');
    root(el).querySelector<HTMLFormElement>('form.filters')!.requestSubmit();
    await until(el, 'No tickets match “nothing like this”.');
  });

  it('with account-id lists only that account\'s tickets, without an account column', async () => {
    const { el, api } = await mountTickets({ accountId: ids.willow });
    expect(searchOf(api)).to.deep.equal([`?status=open&accountId=${ids.willow}&limit=20`]);
    expect(subjects(el)).to.deep.equal(['Question about the March invoice', 'Add a user code for the cleaner']);
    expect([...root(el).querySelectorAll('th')].map((th) => clean(th.textContent))).to.not.include('Account');
    expect(clean(root(el).querySelector('#title')!.textContent)).to.equal('Support tickets of this account');
  });

  it('loads more with limit and cursor, focusing the first new ticket', async () => {
    const { el, api } = await mountTickets({
      setup: (_api, t) => {
        for (let i = 0; i < 22; i++) t.add(fakeTicket({ number: `T-${900 + i}`, subject: `Old request ${i}`, accountId: ids.cedar, createdAt: new Date(Date.UTC(2025, 5, 1 + i)).toISOString() }));
      },
    });
    expect(rows(el)).to.have.length(20);
    button(el, 'Load more tickets').click();
    await waitUntil(() => rows(el).length === 25, 'every ticket');
    expect(searchOf(api)).to.deep.equal(['?status=open&limit=20', '?status=open&limit=20&cursor=20']);
    expect(() => button(el, 'Load more tickets')).to.throw();
    await waitUntil(() => deepActive() === rows(el)[20]!.querySelector('.link-button'), 'focus on the first new ticket');
  });

  it('opens a ticket: answers, files, people, the thread as plain text, estimates; Back returns to the row', async () => {
    const saving = stubDownloads();
    try {
      const { el, api, tickets } = await mountTickets();
      await open(el, 'Front door sensor beeps');
      const t = tickets.byNumber('T-1042');
      expect(api.callsTo(ticketRoutes(t.id).get)).to.have.length(1);
      await waitUntil(() => deepActive() === root(el).querySelector('#ticket-title'), 'focus on the ticket heading');
      const text = shadowText(el);
      expect(text).to.contain('T-1042').and.contain('Cedar Court Offices').and.contain('Client replied');
      const answers = [...root(el).querySelectorAll('.answers > div')].map((d) => [clean(d.querySelector('dt')!.textContent), clean(d.querySelector('dd')!.textContent)]);
      expect(answers).to.deep.equal([
        ['What is wrong?', 'The sensor beeps twice every hour. Since Monday.'],
        ['Which area?', 'Front door'],
        ['Preferred date', 'Not answered'],
        ['Photos', 'sensor.png, download 1.2 KB'],
      ]);
      expect(root(el).querySelector('.answers .answer')!.textContent).to.contain('\n', 'line breaks kept');
      expect(clean(root(el).querySelector('.people')!.textContent)).to.equal('Chris Baker (who opened it), Robin Diaz');
      // Bodies are text: the markup a client typed is shown, never interpreted.
      const last = entries(el).at(-1)!;
      expect(last.querySelector('b')).to.equal(null);
      expect(last.querySelector('.body')!.textContent).to.equal('Yes, it blinks.\n<b>Not bold</b> — see the log.');
      expect(clean(last.textContent)).to.contain('Chris Baker').and.contain('Client');
      await expect(el).to.be.accessible();

      // A file answer downloads through the API, saved by a temporary <a download>.
      const photo = root(el).querySelector<HTMLButtonElement>('.answers .link-button')!;
      expect(clean(photo.textContent)).to.equal('sensor.png, download');
      photo.click();
      await until(el, 'Downloading sensor.png.');
      expect(api.callsTo(ticketRoutes(t.id).attachment(t.fields[3]!.attachments![0]!.id))).to.have.length(1);
      expect(saving.clicked).to.deep.equal([{ href: 'blob:fake/1', download: 'sensor.png', connected: true }]);
      expect(root(el).querySelector('a[download]')).to.equal(null);

      // A thread attachment too.
      last.querySelector<HTMLButtonElement>('.link-button')!.click();
      await until(el, 'Downloading panel-log.pdf.');
      expect(saving.clicked[1]!.download).to.equal('panel-log.pdf');

      button(el, /Back to tickets/).click();
      await waitUntil(() => rows(el).length === 3, 'the list');
      await waitUntil(() => deepActive() === rowOf(el, 'Front door sensor beeps').querySelector('.link-button'), 'focus on the row');
    } finally {
      saving.restore();
    }
  });

  it('shows estimates with their status, the decision and the note', async () => {
    const { el } = await mountTickets();
    select(el).value = 'completed';
    select(el).dispatchEvent(new Event('change'));
    await waitUntil(() => subjects(el).length === 1, 'completed tickets');
    await open(el, 'Garage keypad replacement');
    const estimate = root(el).querySelector('.estimate')!;
    expect(clean(estimate.textContent)).to.contain(`Estimate: ${formatMinorUnits(125050, 'USD')}`).and.contain('Approved').and.contain('Approved by Chris Baker').and.contain('Go ahead, mornings are best.');
    expect(estimate.querySelector('[data-withdraw]')).to.equal(null);
    expect(clean(entries(el).at(-1)!.textContent)).to.contain('Marked completed by admin Olivia Park');
    expect(button(el, 'Reopen')).to.exist;
  });

  it('replies with a file: uploaded on choice with progress, removable, then sent with the text', async () => {
    const { el, api, tickets } = await mountTickets();
    await open(el, 'Front door sensor beeps');
    const t = tickets.byNumber('T-1042');
    const release = api.hold('POST /v1/admin/uploads');
    chooseFiles(fileInput(el), [pdf('quote.pdf'), pdf('extra.pdf', 'extra')]);
    await settle(el);
    const uploading = [...root(el).querySelectorAll('.upload')];
    expect(uploading).to.have.length(2);
    expect(uploading[0]!.querySelector('progress')).to.exist;
    expect(uploading[0]!.querySelector('progress')!.getAttribute('aria-label')).to.equal('Uploading quote.pdf');
    expect(clean(uploading[0]!.textContent)).to.contain('Uploading… 0%');

    // Sending while a file uploads is refused here.
    replyBody(el).value = 'Here is the quote.';
    replyForm(el).requestSubmit();
    await until(el, 'Wait until the files are uploaded.');
    expect(api.callsTo(ticketRoutes(t.id).replies)).to.have.length(0);

    release();
    await waitUntil(() => root(el).querySelectorAll('.upload.done').length === 2, 'uploaded');
    expect(root(el).querySelector('.upload progress')).to.equal(null);
    const uploads = api.callsTo('POST /v1/admin/uploads');
    expect(uploads.map((c) => c.search)).to.deep.equal(['?filename=quote.pdf', '?filename=extra.pdf']);
    expect(uploads[0]!.headers['content-type']).to.equal('application/octet-stream', 'the server reads the type from the content');

    // Remove one of them.
    const extra = [...root(el).querySelectorAll('.upload')].find((u) => u.textContent!.includes('extra.pdf'))!;
    extra.querySelector('button')!.click();
    await settle(el);
    expect(root(el).querySelectorAll('.upload')).to.have.length(1);

    replyForm(el).requestSubmit();
    await until(el, 'Your reply was sent; the client is emailed.');
    const [sent] = api.callsTo(ticketRoutes(t.id).replies);
    expect(sent!.body.body).to.equal('Here is the quote.');
    expect(sent!.body.attachments).to.have.length(1);
    expect(sent!.body).to.not.have.property('status');
    const reply = entries(el).at(-1)!;
    expect(clean(reply.textContent)).to.contain('Here is the quote.').and.contain('admin Olivia Park').and.contain('Staff').and.contain('quote.pdf');
    expect(replyBody(el).value).to.equal('');
    expect(root(el).querySelectorAll('.upload')).to.have.length(0);
    // The list's row follows: the dealer wrote last.
    expect(shadowText(el)).to.not.contain('Client replied');
  });

  it('a refused upload says why and blocks sending until removed; an empty reply is refused', async () => {
    const { el, api, tickets } = await mountTickets();
    await open(el, 'Front door sensor beeps');
    const t = tickets.byNumber('T-1042');
    replyForm(el).requestSubmit();
    await until(el, 'Write a reply or attach a file.');
    await waitUntil(() => deepActive() === replyBody(el), 'focus on the message');

    // A type the portal does not take is refused here, without a request.
    chooseFiles(fileInput(el), [new File([new Uint8Array([0, 1, 2, 3, 0xff])], 'tool.exe')]);
    await until(el, '"tool.exe" can\'t be attached: attach a PDF, PNG, JPEG or text file.');
    expect(api.callsTo('POST /v1/admin/uploads')).to.have.length(0);
    // Named as a PDF, but the server reads its bytes: refused there, and shown on the file.
    chooseFiles(fileInput(el), [new File([new Uint8Array([0, 1, 2, 3, 0xff])], 'tool.pdf', { type: 'application/pdf' })]);
    await until(el, 'This kind of file cannot be uploaded.');
    expect(clean(root(el).querySelector('.upload.failed')!.textContent)).to.contain('tool.pdf').and.contain('This kind of file cannot be uploaded.');
    replyBody(el).value = 'See attached.';
    replyForm(el).requestSubmit();
    await until(el, 'Remove the files that could not be uploaded.');
    expect(api.callsTo(ticketRoutes(t.id).replies)).to.have.length(0);
    root(el).querySelector<HTMLButtonElement>('.upload button')!.click();
    await settle(el);
    replyForm(el).requestSubmit();
    await until(el, 'Your reply was sent');
    expect(api.callsTo(ticketRoutes(t.id).replies)[0]!.body).to.deep.equal({ body: 'See attached.', attachments: [] });
  });

  it('"Complete the ticket after sending" sends the status with the reply', async () => {
    const { el, api, tickets } = await mountTickets();
    await open(el, 'Front door sensor beeps');
    const t = tickets.byNumber('T-1042');
    replyBody(el).value = 'Battery replaced.\nAll good now.';
    replyForm(el).querySelector<HTMLInputElement>('input[name="status"]')!.checked = true;
    replyForm(el).requestSubmit();
    await until(el, 'The ticket is completed.');
    expect(api.callsTo(ticketRoutes(t.id).replies)[0]!.body).to.deep.equal({ body: 'Battery replaced.\nAll good now.', attachments: [], status: 'completed' });
    expect(root(el).querySelector('.ticket-meta .badge.done')!.textContent).to.equal('Completed');
    expect(button(el, 'Reopen')).to.exist;
    expect(clean(replyForm(el).querySelector('.choice')!.textContent)).to.equal('Reopen the ticket with this reply');
  });

  it('Mark completed and Reopen change the status and keep focus on the button', async () => {
    const { el, api, tickets } = await mountTickets();
    await open(el, 'Add a user code for the cleaner');
    const t = tickets.byNumber('T-1039');
    button(el, 'Mark completed').click();
    await until(el, 'T-1039 is completed.');
    expect(api.callsTo(ticketRoutes(t.id).status)[0]!.body).to.deep.equal({ status: 'completed' });
    await waitUntil(() => deepActive() === button(el, 'Reopen'), 'focus on Reopen');
    button(el, 'Reopen').click();
    await until(el, 'T-1039 is open again.');
    expect(api.callsTo(ticketRoutes(t.id).status)[1]!.body).to.deep.equal({ status: 'open' });
    expect(clean(entries(el).at(-1)!.textContent)).to.contain('Reopened by admin Olivia Park');
  });

  it('proposes an estimate: "1,250.50" is sent as 125050 cents; "12.345", "0" and too large are refused here', async () => {
    const { el, api, tickets } = await mountTickets();
    await open(el, 'Add a user code for the cleaner');
    const t = tickets.byNumber('T-1039');
    button(el, 'Propose estimate').click();
    await settle(el);
    expect(dialog(el)!.open).to.equal(true);
    await expect(el).to.be.accessible();
    const form = () => root(el).querySelector<HTMLFormElement>('form[data-form="estimate"]')!;
    const description = () => form().querySelector<HTMLTextAreaElement>('textarea[name="description"]')!;
    expect(input(el, 'currency').value).to.equal('USD');

    type(el, 'amount', '12.345');
    description().value = 'Program a new user code.';
    form().requestSubmit();
    await until(el, 'Use at most 2 decimals.');
    await waitUntil(() => deepActive() === input(el, 'amount'), 'focus on the amount');

    type(el, 'amount', '0');
    form().requestSubmit();
    await until(el, 'The amount must be more than zero.');
    // Over the largest estimate the API takes (100 million).
    type(el, 'amount', '100,000,000.01');
    form().requestSubmit();
    await until(el, 'The amount is too large.');
    expect(api.callsTo(ticketRoutes(t.id).estimates)).to.have.length(0);

    type(el, 'amount', '1,250.50');
    form().requestSubmit();
    await until(el, 'was sent; the client is asked to approve it.');
    expect(api.callsTo(ticketRoutes(t.id).estimates)[0]!.body).to.deep.equal({ amountCents: 125050, currency: 'USD', description: 'Program a new user code.' });
    expect(dialog(el)).to.equal(null);
    const estimate = root(el).querySelector('.estimate')!;
    expect(clean(estimate.textContent)).to.contain(formatMinorUnits(125050, 'USD')).and.contain('Waiting for the client');
    expect(shadowText(el)).to.contain('Estimate waiting');
  });

  it('shows the server\'s refusal of an estimate on its field', async () => {
    const { el, api, tickets } = await mountTickets();
    await open(el, 'Add a user code for the cleaner');
    button(el, 'Propose estimate').click();
    await settle(el);
    type(el, 'amount', '10');
    type(el, 'currency', 'usd1');
    const form = root(el).querySelector<HTMLFormElement>('form[data-form="estimate"]')!;
    form.querySelector('textarea')!.value = 'Work';
    form.requestSubmit();
    await until(el, 'Use a three-letter currency code such as USD.');
    expect(api.callsTo(ticketRoutes(tickets.byNumber('T-1039').id).estimates)).to.have.length(0);
    type(el, 'currency', 'eur');
    form.requestSubmit();
    await waitUntil(() => !dialog(el), 'dialog closed');
    expect(api.callsTo(ticketRoutes(tickets.byNumber('T-1039').id).estimates)[0]!.body.currency).to.equal('EUR');
  });

  it('withdraws a proposed estimate', async () => {
    const { el, api, tickets } = await mountTickets();
    await open(el, 'Question about the March invoice');
    const t = tickets.byNumber('T-1041');
    const entry = t.entries[0]!;
    const withdraw = root(el).querySelector<HTMLButtonElement>(`[data-withdraw="${entry.id}"]`)!;
    expect(clean(withdraw.textContent)).to.equal(`Withdraw the estimate of ${formatMinorUnits(34900, 'USD')}`);
    withdraw.click();
    await until(el, 'The estimate was withdrawn.');
    expect(api.callsTo(ticketRoutes(t.id).withdraw(entry.id))).to.have.length(1);
    const estimate = root(el).querySelector('.estimate')!;
    expect(estimate.querySelector('.badge')!.textContent).to.equal('Withdrawn');
    expect(estimate.querySelector('[data-withdraw]')).to.equal(null);
    expect(root(el).querySelector('.ticket-meta')!.textContent).to.not.contain('Estimate waiting');
  });

  it('without tickets.reply it is read-only with a note, and nothing is written', async () => {
    const { el, api } = await mountTickets({ as: { ...support }, setup: (a) => withoutAbility(a, 'tickets.reply') });
    await open(el, 'Question about the March invoice');
    const note = root(el).querySelector('[part="not-allowed"]')!;
    expect(clean(note.textContent)).to.contain('can read tickets but not answer');
    expect(replyForm(el).querySelector('fieldset')!.disabled).to.equal(true);
    expect(button(el, 'Mark completed').disabled).to.equal(true);
    expect(button(el, 'Propose estimate').disabled).to.equal(true);
    expect(root(el).querySelector<HTMLButtonElement>('[data-withdraw]')!.disabled).to.equal(true);
    expect(button(el, 'Mark completed').getAttribute('aria-describedby')).to.equal('not-allowed');
    await expect(el).to.be.accessible();
    expect(api.calls.filter((c) => c.method !== 'GET')).to.have.length(0);
  });

  it('works at 360 px: the table becomes cards', async () => {
    const api = fakeAdminApi();
    withAdminTickets(api);
    const { el } = await mountAdmin<PorchlightAdminTickets>(html`<porchlight-admin-tickets></porchlight-admin-tickets>`, { api, as: { ...owner }, width: '360px' });
    await waitUntil(() => rows(el).length === 3, 'the list', { timeout: 3000 });
    expect(getComputedStyle(root(el).querySelector('thead')!).position).to.equal('absolute');
    expect(el.scrollWidth).to.be.at.most(360);
    await expect(el).to.be.accessible();
    await open(el, 'Front door sensor beeps');
    expect(el.scrollWidth).to.be.at.most(360);
    expect(el.getBoundingClientRect().width).to.be.at.most(360);
  });
});
