import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { checkFieldValues } from '@porchlight/core';
import './define.js';
import { PorchlightTickets } from './tickets.js';
import { PorchlightTicket } from './ticket.js';
import { apiError, dana, fakeApi, sam, signedInClient, staffUser, type FakeApi, type FakeUser } from '../testing/fake-api.js';
import { chooseFiles, deepActive, expectFocus, expectNone, expectSome, mountPortal, settle, shadowText, until } from '../testing/helpers.js';
import { SAMPLE_TYPES, UPLOAD_ROUTE, withTickets, type FakeTicketSeed } from './fake-tickets.js';

const kim = staffUser({ username: 'kim', name: 'Kim Park', permissions: ['tickets.use'] });

const SAMPLE: FakeTicketSeed[] = [
  { subject: 'Keypad beeps at night', number: 'T-1001', createdAt: '2026-01-10T09:00:00.000Z' },
  {
    subject: 'Back door sensor offline',
    number: 'T-1002',
    createdAt: '2026-01-12T09:00:00.000Z',
    entries: [{ side: 'dealer', body: 'We will send a technician.', at: '2026-01-13T09:00:00.000Z' }],
  },
  { subject: 'Invoice 4411 looks wrong', number: 'T-1003', type: 'billing', createdAt: '2026-01-14T09:00:00.000Z', entries: [{ estimate: { amountCents: 12_500 }, body: 'Replace the sensor.' }] },
  { subject: 'Old question about the app', number: 'T-1000', status: 'completed', createdAt: '2026-01-02T09:00:00.000Z' },
];

async function mount(o: { as?: FakeUser; tickets?: FakeTicketSeed[]; pageSize?: number; api?: FakeApi } = {}) {
  const api = o.api ?? fakeApi({ users: [dana, sam, kim] });
  const state = withTickets(api, { tickets: o.tickets ?? SAMPLE });
  const client = signedInClient(api, o.as ?? dana);
  const view = await mountPortal<PorchlightTickets>(html`<porchlight-tickets page-size=${o.pageSize ?? 20}></porchlight-tickets>`, { api, client });
  return { ...view, state };
}

const root = (el: Element) => el.shadowRoot!;
const rows = (el: Element) => [...root(el).querySelectorAll<HTMLTableRowElement>('tbody tr')];
const cells = (tr: Element) => [...tr.querySelectorAll('th, td')].map((c) => (c.querySelector('.cell-value') ?? c).textContent!.replace(/\s+/g, ' ').trim());
const subjects = (el: Element) => rows(el).map((tr) => tr.querySelector('.open-ticket')!.textContent!.trim());
const summary = (el: Element) => root(el).querySelector('[part="summary"]')!.textContent!.trim();
const alertText = (el: Element) => root(el).querySelector('[part="error"]')!.textContent!.replace(/\s+/g, ' ').trim();
const lastQuery = (api: FakeApi) => new URLSearchParams(api.callsTo('GET /v1/tickets').at(-1)!.search);
const buttonNamed = (scope: ParentNode, name: string | RegExp) => {
  const all = [...scope.querySelectorAll<HTMLButtonElement>('button')];
  const found = all.find((b) => (typeof name === 'string' ? b.textContent!.replace(/\s+/g, ' ').trim() === name : name.test(b.textContent!)));
  if (!found) throw new Error(`no button ${name}: ${all.map((b) => b.textContent!.trim()).join(' | ')}`);
  return found;
};
const control = <T extends Element = HTMLInputElement>(el: Element, name: string) => root(el).querySelector<T & Element>(`[name="${name}"]`)!;
const errorOf = (el: Element, name: string) => root(el).getElementById(`${name}-error`)?.textContent!.trim() ?? '';

function typeInto(el: Element, name: string, value: string) {
  const c = control<HTMLInputElement>(el, name);
  c.value = value;
  c.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}
function choose(el: Element, name: string, value: string) {
  const c = control<HTMLSelectElement>(el, name);
  c.value = value;
  c.dispatchEvent(new Event('input', { bubbles: true }));
  c.dispatchEvent(new Event('change', { bubbles: true }));
}
const pngBytes = () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

async function openForm(el: Element) {
  buttonNamed(root(el), 'New support request').click();
  await until(el, 'What is the nature of your request?');
  await settle(el);
}

describe('porchlight-tickets', () => {
  it('is registered with porchlight-ticket, and defining again is harmless', async () => {
    expect(customElements.get('porchlight-tickets')).to.equal(PorchlightTickets);
    expect(customElements.get('porchlight-ticket')).to.equal(PorchlightTicket);
    await import('./define.js');
    expect(customElements.get('porchlight-tickets')).to.equal(PorchlightTickets);
  });

  it('lists open requests newest first: number, subject, nature, status by text and colour, last update, New reply and Estimate waiting', async () => {
    const { el, api } = await mount();
    await until(el, 'Keypad beeps at night');
    expect(lastQuery(api).get('status')).to.equal('open');
    expect(subjects(el)).to.deep.equal(['Invoice 4411 looks wrong', 'Back door sensor offline', 'Keypad beeps at night']);
    const [invoice, door, keypad] = rows(el).map(cells);
    expect(invoice!.slice(0, 1)).to.deep.equal(['T-1003']);
    // An estimate is the dealer's word too: something to read, and to decide.
    expect(invoice![1]).to.equal('Invoice 4411 looks wrong New reply Estimate waiting');
    expect(invoice!.slice(2, 4)).to.deep.equal(['Billing question', 'Open']);
    expect(door![1]).to.equal('Back door sensor offline New reply');
    expect(keypad![1]).to.equal('Keypad beeps at night');
    expect(keypad![2]).to.equal('Problem with my alarm');
    const status = rows(el)[0]!.querySelector<HTMLElement>('.status-tag')!;
    expect(status.textContent!.trim()).to.equal('Open');
    expect(status.classList.contains('status-open')).to.equal(true);
    expect(getComputedStyle(status).color).to.not.equal(getComputedStyle(rows(el)[0]!).color);
    expect(rows(el)[1]!.querySelector('time')!.getAttribute('datetime')).to.equal('2026-01-13T09:00:00.000Z');
    expect(summary(el)).to.equal('Showing 3 open requests.');
    expect(root(el).querySelector('caption')!.textContent).to.equal('Support requests (open), newest first');
    await expect(el).to.be.accessible();
  });

  it('the status filter asks the server for completed or all requests, with an empty state per filter', async () => {
    const { el, api } = await mount({ tickets: SAMPLE.slice(0, 3) });
    await until(el, 'Keypad beeps at night');
    const radio = (value: string) => root(el).querySelector<HTMLInputElement>(`input[name="status"][value="${value}"]`)!;
    expect(radio('open').checked).to.equal(true);
    expect(root(el).querySelector('fieldset.segmented legend')!.textContent).to.equal('Ticket status');
    radio('completed').click();
    await until(el, 'No completed requests.');
    expect(lastQuery(api).get('status')).to.equal('completed');
    expect(rows(el)).to.have.length(0);
    radio('all').click();
    await until(el, 'Showing 3 requests.');
    expect(lastQuery(api).get('status')).to.equal('all');
    await expect(el).to.be.accessible();
  });

  it('the status filter works by keyboard (arrow keys move between Open, Completed and All)', async () => {
    const { el, api } = await mount();
    await until(el, 'Keypad beeps at night');
    root(el).querySelector<HTMLInputElement>('input[value="open"]')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await until(el, 'Old question about the app');
    expect(lastQuery(api).get('status')).to.equal('completed');
    expect(root(el).querySelector<HTMLInputElement>('input[value="completed"]')!.checked).to.equal(true);
    expectFocus(root(el).querySelector('input[value="completed"]'));
    expect(getComputedStyle(root(el).querySelector('label[for="filter-completed"]')!).outlineStyle).to.equal('solid');
  });

  it('empty states: no open requests (with a pointer to the button), none at all', async () => {
    const { el } = await mount({ tickets: [] });
    await until(el, 'No open requests.');
    expect(root(el).querySelector('[part="empty"]')!.textContent!.trim()).to.equal('No open requests. Need help? Use "New support request".');
    root(el).querySelector<HTMLInputElement>('input[value="all"]')!.click();
    await until(el, 'No support requests yet.');
  });

  it('searches by subject (q) on submit and says when nothing matches', async () => {
    const { el, api } = await mount();
    await until(el, 'Keypad beeps at night');
    typeInto(el, 'q', '  sensor ');
    root(el).querySelector<HTMLFormElement>('form[role="search"]')!.requestSubmit();
    await waitUntil(() => subjects(el).length === 1, 'filtered');
    expect(lastQuery(api).get('q')).to.equal('sensor');
    expect(subjects(el)).to.deep.equal(['Back door sensor offline']);
    expect(summary(el)).to.equal('Showing 1 open request matching "sensor".');
    typeInto(el, 'q', 'zzz');
    root(el).querySelector<HTMLFormElement>('form[role="search"]')!.requestSubmit();
    await until(el, 'No open requests match "zzz".');
    expect(lastQuery(api).get('q')).to.equal('zzz');
  });

  it('searches while typing, once typing pauses', async () => {
    const { el, api } = await mount();
    await until(el, 'Keypad beeps at night');
    const before = api.callsTo('GET /v1/tickets').length;
    typeInto(el, 'q', 'k');
    typeInto(el, 'q', 'ke');
    typeInto(el, 'q', 'keypad');
    await waitUntil(() => subjects(el).length === 1, 'searched', { timeout: 2000 });
    expect(api.callsTo('GET /v1/tickets').length).to.equal(before + 1);
    expect(lastQuery(api).get('q')).to.equal('keypad');
  });

  it('pages with the cursor: Load more adds the next page until there is no more', async () => {
    const many: FakeTicketSeed[] = Array.from({ length: 5 }, (_, i) => ({ subject: `Request ${i + 1}`, number: `T-${2000 + i}`, createdAt: `2026-01-0${i + 1}T09:00:00.000Z` }));
    const { el, api } = await mount({ tickets: many, pageSize: 2 });
    await until(el, 'Request 5');
    expect(lastQuery(api).get('limit')).to.equal('2');
    expect(subjects(el)).to.deep.equal(['Request 5', 'Request 4']);
    expect(summary(el)).to.equal('Showing the latest 2 open requests. Load more to see older ones.');
    buttonNamed(root(el), 'Load more').click();
    await waitUntil(() => subjects(el).length === 4, 'second page');
    expect(lastQuery(api).get('cursor')).to.match(/^after:/);
    expect(subjects(el)).to.deep.equal(['Request 5', 'Request 4', 'Request 3', 'Request 2']);
    buttonNamed(root(el), 'Load more').click();
    await waitUntil(() => subjects(el).length === 5, 'last page');
    await settle(el);
    expect([...root(el).querySelectorAll('button')].some((b) => b.textContent!.includes('Load more'))).to.equal(false);
    expect(summary(el)).to.equal('Showing 5 open requests.');
  });

  it('opens a request from the list and comes back to it', async () => {
    const { el, state, portal } = await mount();
    await until(el, 'Keypad beeps at night');
    const id = state.byNumber('T-1002').id;
    const opened = oneEvent(portal, 'porchlight-ticket-open');
    rows(el)[1]!.querySelector<HTMLButtonElement>('.open-ticket')!.click();
    expect(((await opened) as CustomEvent).detail).to.deep.equal({ ticketId: id });
    await settle(el);
    const ticket = root(el).querySelector<PorchlightTicket>('porchlight-ticket')!;
    expect(ticket.ticketId).to.equal(id);
    await until(ticket, 'We will send a technician.');
    expect(ticket.shadowRoot!.querySelector('[part="title"]')!.textContent).to.equal('Back door sensor offline');
    await waitUntil(() => deepActive() === ticket.shadowRoot!.querySelector('#title'), 'focus on the ticket heading');
    buttonNamed(ticket.shadowRoot!, /Back to requests/).click();
    await until(el, 'Keypad beeps at night');
    await settle(el);
    expectNone(root(el).querySelector('porchlight-ticket'));
    expectFocus(rows(el)[1]!.querySelector('.open-ticket'));
  });

  it('without "Open and reply to support tickets" the list is read-only with a note', async () => {
    const { el } = await mount({ as: sam });
    await until(el, 'Keypad beeps at night');
    expect([...root(el).querySelectorAll('button')].some((b) => b.textContent!.includes('New support request'))).to.equal(false);
    expect(root(el).querySelector('.permission-note')!.textContent).to.include('"Open and reply to support tickets"');
    await expect(el).to.be.accessible();
  });

  it('shows loading, then a load error with Retry that loads again', async () => {
    const api = fakeApi({ users: [dana] });
    withTickets(api, { tickets: SAMPLE });
    const release = api.hold('GET /v1/tickets');
    const { el } = await mountPortal<PorchlightTickets>(html`<porchlight-tickets></porchlight-tickets>`, { api, client: signedInClient(api, dana) });
    await until(el, 'Loading support requests…');
    await expect(el).to.be.accessible();
    api.offline();
    release();
    await until(el, 'could not be reached');
    api.online();
    buttonNamed(root(el), 'Retry').click();
    await until(el, 'Keypad beeps at night');
    expect(shadowText(el)).to.not.include('could not be reached');
  });

  it('a failed refresh keeps the list and says it may be out of date', async () => {
    const api = fakeApi({ users: [dana] });
    const { el } = await mount({ api });
    await until(el, 'Keypad beeps at night');
    api.on('GET /v1/tickets', () => apiError('SERVICE_UNAVAILABLE', 'The service is unavailable. Try again shortly.', 503));
    root(el).querySelector<HTMLInputElement>('input[value="completed"]')!.click();
    await until(el, 'The service is unavailable');
    expect(alertText(el)).to.equal('The service is unavailable. Try again shortly. The list may be out of date.');
    expect(subjects(el)).to.have.length(3);
  });

  describe('the new-request form', () => {
    it('the nature of the request swaps the fields: text, long text with a counter, date, files; choice', async () => {
      const { el } = await mount();
      await until(el, 'Keypad beeps at night');
      await openForm(el);
      expectFocus(root(el).querySelector('#new-title'));
      const select = control<HTMLSelectElement>(el, 'requestType');
      expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal(['Choose…', 'Problem with my alarm', 'Billing question']);
      expectSome(root(el).querySelector('label[for="requestType"] .required'));
      expectNone(control(el, 'fields.zone'));

      choose(el, 'requestType', 'alarm-problem');
      await settle(el);
      expect(root(el).getElementById('requestType-hint')!.textContent).to.equal('Something on your system does not work as it should.');
      expect(select.getAttribute('aria-describedby')).to.equal('requestType-hint');
      expect(control(el, 'fields.zone').type).to.equal('text');
      expect(control(el, 'fields.zone').required).to.equal(true);
      expect(root(el).getElementById('fields.zone-hint')!.textContent).to.include('Zone 4');
      expect(control(el, 'fields.details').localName).to.equal('textarea');
      expect(root(el).getElementById('fields.details-count')!.textContent).to.equal('0 / 2000 characters');
      typeInto(el, 'fields.details', 'It beeps.\nTwice.');
      await settle(el);
      expect(root(el).getElementById('fields.details-count')!.textContent).to.equal('16 / 2000 characters');
      expect(control(el, 'fields.since').type).to.equal('date');
      expect(control(el, 'fields.since').required).to.equal(false);
      expect(control(el, 'fields.photos').type).to.equal('file');
      expect(control(el, 'fields.photos').multiple).to.equal(true);
      expectNone(control(el, 'fields.topic'));
      await expect(el).to.be.accessible();

      choose(el, 'requestType', 'billing');
      await settle(el);
      expectNone(control(el, 'fields.zone'));
      const topic = control<HTMLSelectElement>(el, 'fields.topic');
      expect([...topic.options].map((o) => o.value)).to.deep.equal(['', ...SAMPLE_TYPES[1]!.fields[1]!.options!]);
      expect(control(el, 'fields.question').localName).to.equal('textarea');
      // What was typed for the other type stays, should they switch back.
      choose(el, 'requestType', 'alarm-problem');
      await settle(el);
      expect(control<HTMLTextAreaElement>(el, 'fields.details').value).to.equal('It beeps.\nTwice.');
    });

    it("checks the form with the server's own rules: the same messages, on their fields, focus on the first", async () => {
      const { el, api } = await mount();
      await until(el, 'Keypad beeps at night');
      await openForm(el);
      root(el).querySelector('form[part="form"]')!.dispatchEvent(new Event('submit', { cancelable: true }));
      await settle(el);
      expect(errorOf(el, 'requestType')).to.equal('Choose the nature of your request.');
      expect(errorOf(el, 'subject')).to.equal('Enter a subject.');
      expectFocus(control(el, 'requestType'));

      choose(el, 'requestType', 'billing');
      typeInto(el, 'subject', 'A charge');
      await settle(el);
      root(el).querySelector<HTMLFormElement>('form[part="form"]')!.requestSubmit();
      await settle(el);
      const billing = SAMPLE_TYPES[1]!;
      const expected = checkFieldValues(billing, { invoice: '', topic: '', question: '' }).errors;
      expect(Object.keys(expected)).to.deep.equal(['topic', 'question']);
      expect(errorOf(el, 'fields.topic')).to.equal(expected.topic);
      expect(errorOf(el, 'fields.question')).to.equal(expected.question);
      expect(errorOf(el, 'fields.invoice')).to.equal('');
      const topic = control<HTMLSelectElement>(el, 'fields.topic');
      expect(topic.getAttribute('aria-invalid')).to.equal('true');
      expect(topic.getAttribute('aria-describedby')).to.include('fields.topic-error');
      expectFocus(topic);
      expect(alertText(el)).to.equal('Check the highlighted fields.');
      expect(api.callsTo('POST /v1/tickets')).to.have.length(0);
      await expect(el).to.be.accessible();

      // Fixing a field clears its error.
      choose(el, 'requestType', 'billing');
      choose(el, 'fields.topic', 'Something else');
      await settle(el);
      expect(errorOf(el, 'fields.topic')).to.equal('');
    });

    it("puts the server's field errors (fields.<id>) on their fields", async () => {
      const { el, api } = await mount();
      await until(el, 'Keypad beeps at night');
      await openForm(el);
      choose(el, 'requestType', 'alarm-problem');
      await settle(el);
      typeInto(el, 'subject', 'Keypad');
      typeInto(el, 'fields.zone', 'Zone 99');
      typeInto(el, 'fields.details', 'Beeps');
      api.on('POST /v1/tickets', () => apiError('VALIDATION_FAILED', 'Some fields are missing or not valid.', 400, { 'fields.zone': 'There is no zone 99 on your system.' }));
      root(el).querySelector<HTMLFormElement>('form[part="form"]')!.requestSubmit();
      await waitUntil(() => errorOf(el, 'fields.zone'), 'server error on the field');
      await settle(el);
      expect(errorOf(el, 'fields.zone')).to.equal('There is no zone 99 on your system.');
      expect(control(el, 'fields.zone').getAttribute('aria-invalid')).to.equal('true');
      expectFocus(control(el, 'fields.zone'));
      expect(alertText(el)).to.equal('Some fields are missing or not valid.');
      expect(control(el, 'subject').value, 'what was typed stays').to.equal('Keypad');
    });

    it('uploads a chosen file at once with its progress, attaches it, and the new request opens', async () => {
      const { el, api, state, portal } = await mount();
      await until(el, 'Keypad beeps at night');
      await openForm(el);
      choose(el, 'requestType', 'alarm-problem');
      await settle(el);
      typeInto(el, 'subject', 'Keypad beeps');
      typeInto(el, 'fields.zone', 'Zone 4 – back door');
      typeInto(el, 'fields.details', 'It beeps\nat night.');
      typeInto(el, 'fields.since', '2026-01-20');
      const release = api.hold(UPLOAD_ROUTE);
      chooseFiles(control(el, 'fields.photos'), [new File([pngBytes()], 'keypad.png', { type: 'image/png' })]);
      await settle(el);
      const row = () => root(el).querySelector<HTMLElement>('.upload')!;
      expect(row().querySelector('.upload-name')!.textContent).to.equal('keypad.png');
      const progress = row().querySelector('progress')!;
      expect(progress.getAttribute('aria-label')).to.equal('Uploading keypad.png');
      expect(row().textContent).to.include('Uploading…');
      // Sending now waits for the upload.
      root(el).querySelector<HTMLFormElement>('form[part="form"]')!.requestSubmit();
      await settle(el);
      expect(errorOf(el, 'fields.photos')).to.equal('Wait until the files are uploaded.');
      expect(api.callsTo('POST /v1/tickets')).to.have.length(0);
      await expect(el).to.be.accessible();
      release();
      await waitUntil(() => row().dataset.state === 'done', 'uploaded');
      expect(row().textContent).to.include('Uploaded');
      expect(api.callsTo(UPLOAD_ROUTE)[0]!.headers['content-type'], 'raw bytes: the server reads the type').to.equal('application/octet-stream');
      expectNone(row().querySelector('progress'));
      const uploadId = state.uploads[0]!.upload.id;
      expect(state.uploads[0]!.upload.contentType).to.equal('image/png');

      const created = oneEvent(portal, 'porchlight-ticket-created');
      root(el).querySelector<HTMLFormElement>('form[part="form"]')!.requestSubmit();
      const event = (await created) as CustomEvent;
      expect(state.created.at(-1)).to.deep.equal({
        requestType: 'alarm-problem',
        subject: 'Keypad beeps',
        fields: { zone: 'Zone 4 – back door', details: 'It beeps\nat night.', since: '2026-01-20', photos: [uploadId] },
        subscribers: [],
      });
      await settle(el);
      const ticket = root(el).querySelector<PorchlightTicket>('porchlight-ticket')!;
      expect(ticket.ticketId).to.equal(event.detail.ticket.id);
      await until(ticket, 'Your request T-');
      expect(ticket.shadowRoot!.querySelector('[role="status"][part="notice"]')!.textContent).to.match(/Your request T-\d+ was sent\./);
      expect(ticket.shadowRoot!.querySelector('.answers')!.textContent).to.include('keypad.png');
    });

    it('refuses a file of a type the portal does not take before uploading it', async () => {
      const { el, api } = await mount();
      await until(el, 'Keypad beeps at night');
      await openForm(el);
      choose(el, 'requestType', 'alarm-problem');
      await settle(el);
      chooseFiles(control(el, 'fields.photos'), [new File(['MZ'], 'tool.exe', { type: 'application/x-msdownload' })]);
      await settle(el);
      expect(root(el).getElementById('fields.photos-refused')!.textContent!.trim()).to.equal('"tool.exe" can\'t be attached: attach a PDF, PNG, JPEG or text file.');
      expect(control(el, 'fields.photos').getAttribute('aria-describedby')).to.include('fields.photos-refused');
      expectNone(root(el).querySelector('.upload'));
      expect(api.callsTo(UPLOAD_ROUTE)).to.have.length(0);
      // Too big, too: checked here first.
      chooseFiles(control(el, 'fields.photos'), [new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'huge.pdf', { type: 'application/pdf' })]);
      await settle(el);
      expect(root(el).getElementById('fields.photos-refused')!.textContent!.trim()).to.equal('"huge.pdf" is 10 MB: attach files of at most 10 MB.');
      expect(api.callsTo(UPLOAD_ROUTE)).to.have.length(0);
    });

    it("shows the server's refusal on the file, and Remove takes it away", async () => {
      const { el } = await mount();
      await until(el, 'Keypad beeps at night');
      await openForm(el);
      choose(el, 'requestType', 'alarm-problem');
      await settle(el);
      // Named and typed as a picture, but its bytes are none of the types the server reads.
      const notAPicture = new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03])], 'photo.png', { type: 'image/png' });
      chooseFiles(control(el, 'fields.photos'), [notAPicture, new File(['%PDF-1.7 fine'], 'report.pdf', { type: 'application/pdf' })]);
      await waitUntil(() => {
        const files = [...root(el).querySelectorAll<HTMLElement>('.upload')];
        return files.length === 2 && files.every((f) => f.dataset.state !== 'uploading');
      }, 'both answered');
      const [photo, report] = [...root(el).querySelectorAll<HTMLElement>('.upload')];
      expect(photo!.dataset.state).to.equal('failed');
      expect(photo!.textContent).to.include('This kind of file cannot be uploaded.');
      expect(report!.dataset.state).to.equal('done');
      typeInto(el, 'subject', 'x');
      typeInto(el, 'fields.zone', 'z');
      typeInto(el, 'fields.details', 'd');
      root(el).querySelector<HTMLFormElement>('form[part="form"]')!.requestSubmit();
      await settle(el);
      expect(errorOf(el, 'fields.photos')).to.equal('Remove the files that could not be uploaded.');
      buttonNamed(photo!, 'Remove photo.png').click();
      await settle(el);
      expect([...root(el).querySelectorAll('.upload-name')].map((n) => n.textContent)).to.deep.equal(['report.pdf']);
    });

    it('"Also notify" lists the other people of the account (not me) and sends the chosen ones', async () => {
      const { el, api, state } = await mount();
      await until(el, 'Keypad beeps at night');
      await openForm(el);
      const names = [...root(el).querySelectorAll('fieldset.notify label')].map((l) => l.textContent!.trim());
      expect(names).to.deep.equal(['Kim Park', 'Sam Lee']);
      expect(root(el).querySelector('fieldset.notify legend')!.textContent).to.equal('Also notify (optional)');
      choose(el, 'requestType', 'billing');
      await settle(el);
      typeInto(el, 'subject', 'Question');
      choose(el, 'fields.topic', 'Something else');
      typeInto(el, 'fields.question', 'Why?');
      const kimBox = root(el).querySelector<HTMLInputElement>(`input[value="${api.idOf(kim)}"]`)!;
      kimBox.click();
      await settle(el);
      root(el).querySelector<HTMLFormElement>('form[part="form"]')!.requestSubmit();
      await waitUntil(() => state.created.length === 1, 'sent');
      expect((state.created[0] as { subscribers: string[] }).subscribers).to.deep.equal([api.idOf(kim)]);
    });

    it('a refresh of the list while the form loads (the page showing the tab again) still shows the form', async () => {
      const { el, api } = await mount();
      await until(el, 'Keypad beeps at night');
      const release = api.hold('GET /v1/tickets/request-types');
      buttonNamed(root(el), 'New support request').click();
      await until(el, 'Loading the form');
      await el.reload(true);
      release();
      await until(el, 'What is the nature of your request?');
      expect(shadowText(el)).to.not.include('Loading the form');
    });

    it('Cancel goes back to the list', async () => {
      const { el } = await mount();
      await until(el, 'Keypad beeps at night');
      await openForm(el);
      buttonNamed(root(el), 'Cancel').click();
      await until(el, 'Keypad beeps at night');
      await settle(el);
      expectFocus(buttonNamed(root(el), 'New support request'));
      expect(shadowText(el)).to.not.include('What is the nature');
    });
  });
});
