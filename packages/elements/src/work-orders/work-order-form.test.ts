import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { earliestWindowDate, isPorchlightError, workOrdersApi, type Site } from '@porchlight/client';
import './define.js';
import { PorchlightWorkOrderForm } from './work-order-form.js';
import { apiError, dana, fakeApi, signedInClient, staffUser, type FakeApi, type FakeUser } from '../testing/fake-api.js';
import { chooseFiles, deepActive, mountPortal, settle, shadowText, until } from '../testing/helpers.js';
import { CREATE_ROUTE, pngFile, SAMPLE_SITES, UPLOAD_ROUTE, withWorkOrders } from './fake-work-orders.js';
import { isoDayAfter } from './work-order-format.js';

async function mount(o: { sites?: Site[]; user?: FakeUser; api?: FakeApi } = {}) {
  const api = o.api ?? fakeApi({ users: [dana, ...(o.user && o.user !== dana ? [o.user] : [])] });
  const state = withWorkOrders(api, { sites: o.sites ?? SAMPLE_SITES });
  const client = signedInClient(api, o.user ?? dana);
  const view = await mountPortal<PorchlightWorkOrderForm>(html`<porchlight-work-order-form></porchlight-work-order-form>`, { api, client });
  return { ...view, state };
}

const root = (el: Element) => el.shadowRoot!;
const q = <T extends Element = HTMLElement>(el: Element, selector: string) => root(el).querySelector<T & Element>(selector) as T | null;
const select = (el: Element, id: string) => q<HTMLSelectElement>(el, `select#${id}`)!;
const options = (s: HTMLSelectElement) => [...s.options].map((o) => o.textContent!.trim());
const errorOf = (el: Element, control: Element) => {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
  return ids.length ? root(el).getElementById(ids[0]!)?.textContent?.trim() ?? '' : '';
};
const alertText = (el: Element) => root(el).querySelector('[role="alert"]')!.textContent!.replace(/\s+/g, ' ').trim();

async function choose(el: Element, control: HTMLSelectElement | HTMLInputElement, value: string): Promise<void> {
  control.value = value;
  control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
  await settle(el);
}

async function write(el: Element, text: string): Promise<void> {
  const t = q<HTMLTextAreaElement>(el, 'textarea#note')!;
  t.value = text;
  t.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await settle(el);
}

async function choosePhotos(el: Element, files: File[]): Promise<void> {
  chooseFiles(q<HTMLInputElement>(el, 'input#photos')!, files);
  await settle(el);
}

async function addWindow(el: Element, date: string, part?: string): Promise<void> {
  q<HTMLButtonElement>(el, '[data-add-window]')!.click();
  await settle(el);
  const rows = root(el).querySelectorAll('.window');
  const row = rows[rows.length - 1]!;
  await choose(el, row.querySelector<HTMLInputElement>('input[type="date"]')!, date);
  if (part) await choose(el, row.querySelector<HTMLSelectElement>('select')!, part);
}

async function submit(el: Element): Promise<void> {
  [...root(el).querySelectorAll<HTMLButtonElement>('button[type="submit"]')][0]!.click();
  await settle(el);
}

describe('porchlight-work-order-form', () => {
  it('is registered, and defining again is harmless', async () => {
    expect(customElements.get('porchlight-work-order-form')).to.equal(PorchlightWorkOrderForm);
    await import('./define.js');
    expect(customElements.get('porchlight-work-order-form')).to.equal(PorchlightWorkOrderForm);
  });

  it('asks what is needed; the system list follows the chosen site', async () => {
    const { el } = await mount();
    await until(el, 'What do you need?');
    const radios = [...root(el).querySelectorAll<HTMLInputElement>('input[name="kind"]')];
    expect(radios.map((r) => r.labels![0]!.querySelector('.choice-label')!.textContent)).to.deep.equal(['Service at one of my sites', 'Other service or authorization request']);
    expect(radios[0]!.checked).to.equal(true);
    expect(root(el).querySelector('legend')!.textContent).to.equal('What do you need?');

    const site = select(el, 'siteId');
    const system = select(el, 'systemId');
    expect(options(site)).to.deep.equal(['Choose a site', 'Main building — 12 Harbor Rd, Springfield', 'Pool house']);
    expect(site.value).to.equal('');
    expect(system.disabled, 'no site yet').to.equal(true);
    expect(options(system)).to.deep.equal(['Choose a site first']);
    expect(root(el).getElementById(system.getAttribute('aria-describedby')!)!.textContent).to.equal('Choose a site first.');
    await expect(el).to.be.accessible();

    await choose(el, site, 'S-100');
    expect(select(el, 'systemId').disabled).to.equal(false);
    expect(options(select(el, 'systemId'))).to.deep.equal(['Choose a system', 'Intrusion panel (Intrusion (burglar alarm))', 'Fire panel (Fire alarm)']);
    await choose(el, select(el, 'systemId'), 'F-1');
    expect(select(el, 'systemId').value).to.equal('F-1');

    // Another site: its own systems (one: chosen already); the other site's choice is gone.
    await choose(el, select(el, 'siteId'), 'S-200');
    expect(options(select(el, 'systemId'))).to.deep.equal(['Choose a system', 'Pool cameras (Cameras)']);
    expect(select(el, 'systemId').value).to.equal('C-1');
    await choose(el, select(el, 'siteId'), '');
    expect(select(el, 'systemId').disabled).to.equal(true);
    expect(select(el, 'systemId').value).to.equal('');

    expect(options(select(el, 'requestType'))).to.deep.equal([
      'Choose…',
      'Repair / service call',
      'Inspection or test',
      'New installation or add-on',
      'False alarm follow-up',
      'Authorization request',
      'Something else',
    ]);
  });

  it('has the site chosen already when the account has one site', async () => {
    const { el } = await mount({ sites: [SAMPLE_SITES[0]!] });
    await until(el, 'What do you need?');
    expect(select(el, 'siteId').value).to.equal('S-100');
    expect(select(el, 'systemId').disabled).to.equal(false);
    expect(select(el, 'systemId').value).to.equal('');
  });

  it('a general request has no site or system; without sites it is the only choice, with a note', async () => {
    const { el } = await mount();
    await until(el, 'What do you need?');
    const general = q<HTMLInputElement>(el, '#kind-general')!;
    general.click();
    await settle(el);
    expect(q(el, '#siteId')).to.equal(null);
    expect(q(el, '#systemId')).to.equal(null);
    q<HTMLInputElement>(el, '#kind-site')!.click();
    await settle(el);
    expect(q(el, '#siteId')).to.not.equal(null);

    const none = await mount({ sites: [] });
    await until(none.el, 'What do you need?');
    const radios = [...root(none.el).querySelectorAll<HTMLInputElement>('input[name="kind"]')];
    expect(radios.map((r) => r.value)).to.deep.equal(['general']);
    expect(radios[0]!.checked).to.equal(true);
    expect(q(none.el, '#siteId')).to.equal(null);
    expect(shadowText(none.el)).to.include('Your account has no sites on record with us yet');
    await expect(none.el).to.be.accessible();
  });

  it('checks the form first with the server\'s words: fields marked, described, the first focused', async () => {
    const { el, api, client } = await mount();
    await until(el, 'What do you need?');
    const past = isoDayAfter(Date.parse(`${earliestWindowDate(Date.now())}T00:00:00Z`), -1);
    await write(el, '   ');
    await addWindow(el, past, 'morning');
    await submit(el);
    expect(api.callsTo(CREATE_ROUTE).length, 'nothing sent').to.equal(0);
    expect(alertText(el)).to.equal('Check the highlighted fields.');
    const note = q<HTMLTextAreaElement>(el, 'textarea#note')!;
    const date = q<HTMLInputElement>(el, '.window input[type="date"]')!;
    expect(errorOf(el, select(el, 'siteId'))).to.equal('Choose the site.');
    expect(errorOf(el, select(el, 'systemId'))).to.equal('Choose the alarm system.');
    expect(errorOf(el, select(el, 'requestType'))).to.equal('Choose the type of request.');
    expect(errorOf(el, note)).to.equal('Describe what you need.');
    expect(errorOf(el, date)).to.equal('This day has passed. Choose today or a later day.');
    for (const c of [select(el, 'siteId'), select(el, 'systemId'), note, date]) expect(c.getAttribute('aria-invalid')).to.equal('true');
    expect(deepActive()).to.equal(select(el, 'siteId'));
    await expect(el).to.be.accessible();

    // The server says the same about the same body.
    const refused = await workOrdersApi(client)
      .create({ kind: 'site', siteId: 'S-100', systemId: 'P-1', requestType: 'repair', note: '   ', photos: [], preferredWindows: [{ date: past, part: 'morning' }] })
      .catch((e: unknown) => e);
    expect(isPorchlightError(refused) && refused.fields).to.deep.equal({ note: 'Describe what you need.' });
    const windows = await workOrdersApi(client)
      .create({ kind: 'site', siteId: 'S-100', systemId: 'P-1', requestType: 'repair', note: 'Beeps.', photos: [], preferredWindows: [{ date: past, part: 'morning' }] })
      .catch((e: unknown) => e);
    expect(isPorchlightError(windows) && windows.fields).to.deep.equal({ 'preferredWindows.0.date': 'This day has passed. Choose today or a later day.' });

    // Fixing a field clears its error.
    await write(el, 'Keypad beeps.');
    expect(errorOf(el, q(el, 'textarea#note')!)).to.equal('');
    expect(q(el, 'textarea#note')!.getAttribute('aria-invalid')).to.equal('false');
  });

  it('puts the server\'s field errors on their fields (a system the dealer just removed)', async () => {
    const { el, state } = await mount();
    await until(el, 'What do you need?');
    await choose(el, select(el, 'siteId'), 'S-100');
    await choose(el, select(el, 'systemId'), 'F-1');
    await choose(el, select(el, 'requestType'), 'repair');
    await write(el, 'The fire panel shows a trouble light.');
    state.sites[0]!.systems = state.sites[0]!.systems.filter((y) => y.id !== 'F-1');
    await submit(el);
    await waitUntil(() => errorOf(el, select(el, 'systemId')), 'system error');
    expect(errorOf(el, select(el, 'systemId'))).to.equal('Main building has no such system. Choose one of its systems.');
    expect(select(el, 'systemId').getAttribute('aria-invalid')).to.equal('true');
    expect(deepActive()).to.equal(select(el, 'systemId'));
    expect(alertText(el)).to.equal('Some fields are missing or not valid.');
    expect(q<HTMLTextAreaElement>(el, 'textarea#note')!.value, 'what was typed stays').to.equal('The fire panel shows a trouble light.');
    // The sites are loaded again: the removed system is no longer offered.
    await waitUntil(() => !options(select(el, 'systemId')).some((o) => o.startsWith('Fire panel')), 'sites reloaded');
  });

  it('uploads each photo at once with its progress; Remove takes it off', async () => {
    const { el, api } = await mount();
    await until(el, 'What do you need?');
    const input = q<HTMLInputElement>(el, 'input#photos')!;
    expect(input.accept).to.equal('.png,.jpg,.jpeg,image/png,image/jpeg');
    const release = api.hold(UPLOAD_ROUTE);
    await choosePhotos(el, [pngFile('keypad.png')]);
    const item = () => q(el, '.upload')!;
    expect(item().querySelector('.upload-name')!.textContent).to.equal('keypad.png');
    expect(item().querySelector('progress')).to.not.equal(null);
    expect(item().textContent).to.include('Uploading… 0%');
    await expect(el).to.be.accessible();
    release();
    await waitUntil(() => item().classList.contains('done'), 'uploaded');
    expect(item().querySelector('progress')).to.equal(null);
    expect(item().textContent).to.include('Uploaded');
    expect(api.callsTo(UPLOAD_ROUTE).length).to.equal(1);
    expect(api.callsTo(UPLOAD_ROUTE)[0]!.headers['content-type'], 'raw bytes; the server reads the type').to.equal('application/octet-stream');

    const remove = [...item().querySelectorAll('button')].find((b) => b.textContent!.includes('Remove'))!;
    expect(remove.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Remove keypad.png');
    remove.click();
    await settle(el);
    expect(q(el, '.upload')).to.equal(null);
  });

  it('refuses a file that is not a picture before uploading it', async () => {
    const { el, api } = await mount();
    await until(el, 'What do you need?');
    await choosePhotos(el, [new File(['%PDF-1.4'], 'contract.pdf', { type: 'application/pdf' }), pngFile('door.png')]);
    const input = q<HTMLInputElement>(el, 'input#photos')!;
    expect(q(el, '#photos-refused')!.textContent!.trim()).to.equal('"contract.pdf" is not a photo. Choose PNG or JPEG pictures.');
    expect(input.getAttribute('aria-describedby')).to.contain('photos-refused');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    await waitUntil(() => api.callsTo(UPLOAD_ROUTE).length === 1, 'the picture is uploaded');
    expect([...root(el).querySelectorAll('.upload-name')].map((n) => n.textContent)).to.deep.equal(['door.png']);
    await expect(el).to.be.accessible();
  });

  it('sends exactly what was chosen (upload ids, windows), shows the number and fires porchlight-work-order-created', async () => {
    const { el, api, portal, state } = await mount();
    await until(el, 'What do you need?');
    await choose(el, select(el, 'siteId'), 'S-100');
    await choose(el, select(el, 'systemId'), 'F-1');
    await choose(el, select(el, 'requestType'), 'inspection');
    const text = '  Trouble light on the fire panel.\nSince Monday.  ';
    await write(el, text);
    expect(q(el, '#note-count')!.textContent).to.equal(`${text.length} of 2000 characters`);
    await choosePhotos(el, [pngFile('panel.png')]);
    await waitUntil(() => q(el, '.upload.done'), 'uploaded');
    const day1 = isoDayAfter(Date.now(), 3);
    const day2 = isoDayAfter(Date.now(), 5);
    await addWindow(el, day1, 'morning');
    await addWindow(el, day2);
    const created = oneEvent(portal, 'porchlight-work-order-created');
    await submit(el);
    const event = (await created) as CustomEvent;
    const upload = state.uploads[0]!.upload;
    expect(api.callsTo(CREATE_ROUTE)[0]!.body).to.deep.equal({
      kind: 'site',
      siteId: 'S-100',
      systemId: 'F-1',
      requestType: 'inspection',
      note: 'Trouble light on the fire panel.\nSince Monday.',
      photos: [upload.id],
      preferredWindows: [
        { date: day1, part: 'morning' },
        { date: day2, part: 'any' },
      ],
    });
    expect(event.detail.workOrder.number).to.equal('WO-1001');
    expect(event.bubbles && event.composed).to.equal(true);
    await settle(el);
    expect(q(el, '#done')!.textContent).to.include('Work order WO-1001');
    expect(root(el).querySelector('[role="status"]')!.textContent).to.include('Work order WO-1001 was sent.');
    expect(deepActive()).to.equal(q(el, '#done'));
    await expect(el).to.be.accessible();

    // "Send another" starts afresh.
    [...root(el).querySelectorAll('button')].find((b) => b.textContent!.includes('Send another'))!.click();
    await settle(el);
    expect(select(el, 'siteId').value).to.equal('');
    expect(q<HTMLTextAreaElement>(el, 'textarea#note')!.value).to.equal('');
    expect(q(el, '.upload')).to.equal(null);
  });

  it('sends a general request without site or system', async () => {
    const { el, api } = await mount();
    await until(el, 'What do you need?');
    q<HTMLInputElement>(el, '#kind-general')!.click();
    await settle(el);
    await choose(el, select(el, 'requestType'), 'authorization');
    await write(el, 'Please authorize Kim Lee to call about our account.');
    await submit(el);
    await until(el, 'WO-1001');
    expect(api.callsTo(CREATE_ROUTE)[0]!.body).to.deep.equal({
      kind: 'general',
      requestType: 'authorization',
      note: 'Please authorize Kim Lee to call about our account.',
      photos: [],
      preferredWindows: [],
    });
  });

  it('marks a photo the server refuses on that photo', async () => {
    const { el, api } = await mount();
    await until(el, 'What do you need?');
    q<HTMLInputElement>(el, '#kind-general')!.click();
    await settle(el);
    await choose(el, select(el, 'requestType'), 'other');
    await write(el, 'See photo.');
    await choosePhotos(el, [pngFile('a.png')]);
    await waitUntil(() => q(el, '.upload.done'), 'uploaded');
    const message = 'The file is not one of your uploads: it may have expired. Upload it again.';
    api.on(CREATE_ROUTE, () => apiError('VALIDATION_FAILED', message, 400, { 'photos.0': message }));
    await submit(el);
    await waitUntil(() => q(el, '.upload.failed'), 'marked');
    expect(q(el, '.upload.failed')!.textContent).to.include(message);
    expect(errorOf(el, q(el, 'input#photos')!)).to.equal(message);
    // Sending again first asks to remove it.
    await submit(el);
    expect(errorOf(el, q(el, 'input#photos')!)).to.equal('Remove the photos that could not be uploaded.');
  });

  it('says whom to ask when the login may not send work orders', async () => {
    const kim = staffUser({ username: 'kim', name: 'Kim Lee', permissions: ['invoices.view'] });
    const { el } = await mount({ user: kim });
    await until(el, 'Submit and edit work orders');
    expect(q(el, 'form')).to.equal(null);
    expect(shadowText(el)).to.include('Your login can\'t send work orders.');
    await expect(el).to.be.accessible();
  });

  it('fits 360 px without horizontal overflow', async () => {
    const { el, portal } = await mount();
    await until(el, 'What do you need?');
    portal.style.display = 'block';
    portal.style.width = '360px';
    await choose(el, select(el, 'siteId'), 'S-100');
    await choosePhotos(el, [pngFile('a-rather-long-photo-name-of-the-keypad-display.png')]);
    await addWindow(el, isoDayAfter(Date.now(), 2), 'afternoon');
    await submit(el);
    await settle(el);
    // Nothing reaches past the card's padding.
    const card = q(el, '[part="card"]')!;
    const right = card.getBoundingClientRect().right - parseFloat(getComputedStyle(card).paddingRight);
    expect(right).to.be.at.most(360 + portal.getBoundingClientRect().left);
    const wide = [...card.querySelectorAll('*')].filter((n) => n.getBoundingClientRect().right > right + 0.5);
    expect(wide.map((n) => n.outerHTML.slice(0, 80))).to.deep.equal([]);
    expect(el.scrollWidth).to.be.at.most(el.clientWidth);
  });
});
