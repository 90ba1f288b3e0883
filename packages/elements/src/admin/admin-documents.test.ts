import { expect, html, waitUntil } from '@open-wc/testing';
import { PorchlightAdminDocuments } from './admin-documents.js';
import { adminStaff, fail, fakeAdminApi, owner, support, type FakeAdminApi, type FakeStaff } from './testing/fake-admin-api.js';
import { ids } from './testing/fake-admin-kit.js';
import { documentRoute, documentsRoutes, withAdminDocuments, type FakeAdminDocuments } from './testing/fake-admin-documents.js';
import { button, chooseFiles, deepActive, input, mountAdmin, settle, shadowText, type, until } from './testing/helpers.js';
import './define.js';


const root = (el: Element) => el.shadowRoot!;
const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const rows = (el: Element) => [...root(el).querySelectorAll<HTMLTableRowElement>('table.documents tbody tr')];
const titles = (el: Element) => rows(el).map((r) => clean(r.querySelector('.doc-title')!.textContent));
const rowOf = (el: Element, title: string) => rows(el).find((r) => clean(r.querySelector('.doc-title')!.textContent) === title)!;
const cell = (row: Element, label: string) =>
  clean([...row.querySelectorAll('td, th')].find((c) => clean(c.querySelector('.cell-label')?.textContent) === label)!.textContent).slice(label.length).trim();
const shareForm = (el: Element) => root(el).querySelector<HTMLFormElement>('form[data-form="share"]')!;
const fileInput = (el: Element) => shareForm(el).querySelector<HTMLInputElement>('input[type="file"]')!;
const radio = (el: Element, value: string) => shareForm(el).querySelector<HTMLInputElement>(`input[name="audience"][value="${value}"]`)!;
const login = (el: Element, id: string) => shareForm(el).querySelector<HTMLInputElement>(`input[name="visibleTo"][value="${id}"]`)!;
const dialog = (el: Element) => root(el).querySelector('dialog');
const pdf = (name: string, text = 'report') => new File([`%PDF-1.7 ${text}`], name, { type: 'application/pdf' });

async function mountDocuments(o: { as?: FakeStaff; api?: FakeAdminApi; accountId?: string; width?: string } = {}) {
  const api = o.api ?? fakeAdminApi();
  const docs: FakeAdminDocuments = withAdminDocuments(api);
  const mounted = await mountAdmin<PorchlightAdminDocuments>(html`<porchlight-admin-documents account-id=${o.accountId ?? ids.cedar}></porchlight-admin-documents>`, {
    api,
    as: o.as ?? { ...owner },
    width: o.width,
  });
  await waitUntil(() => root(mounted.el).querySelector('table.documents, .empty'), 'the list', { timeout: 3000 });
  await settle(mounted.el);
  return { ...mounted, docs };
}

async function pick(el: Element, file: File) {
  chooseFiles(fileInput(el), [file]);
  await settle(el);
}

describe('porchlight-admin-documents', () => {
  it('lists the account\'s documents newest first: title, file, type, size, shared when and by whom, who sees them', async () => {
    const { el, api } = await mountDocuments();
    expect(api.callsTo(documentsRoutes(ids.cedar).list)).to.have.length(1);
    expect(api.callsTo(`GET /v1/admin/accounts/${ids.cedar}/users`)).to.have.length(1);
    expect(titles(el)).to.deep.equal(['Service contract 2026', 'Monitoring certificate']);
    const contract = rowOf(el, 'Service contract 2026');
    expect(cell(contract, 'File')).to.equal('contract-2026.pdf');
    expect(cell(contract, 'Type')).to.equal('PDF');
    expect(cell(contract, 'Size')).to.equal('47.1 KB');
    expect(cell(contract, 'Shared')).to.contain('by admin Olivia Park');
    expect(contract.querySelector('time')!.getAttribute('datetime')).to.equal('2026-01-12T14:00:00.000Z');
    expect(cell(contract, 'Visible to')).to.equal('Chris Baker');
    expect(cell(rowOf(el, 'Monitoring certificate'), 'Visible to')).to.equal('Everyone on the account');
    expect(cell(rowOf(el, 'Monitoring certificate'), 'Size')).to.equal('912 bytes');
    await expect(el).to.be.accessible();
  });

  it('shares a file with chosen logins: title from the file name, progress, the query and raw bytes sent', async () => {
    const { el, api, docs } = await mountDocuments();
    const file = pdf('Inspection report.pdf', 'inspection');
    await pick(el, file);
    expect(input(el, 'title').value).to.equal('Inspection report.pdf');
    type(el, 'title', 'Inspection 2026');
    radio(el, 'some').click();
    await settle(el);
    // Active logins only: the disabled one cannot be chosen.
    expect(login(el, ids.lee)).to.equal(null);
    login(el, ids.robin).click();
    await settle(el);
    await expect(el).to.be.accessible();

    const release = api.hold(documentsRoutes(ids.cedar).share);
    shareForm(el).requestSubmit();
    await waitUntil(() => root(el).querySelector('progress'), 'progress');
    expect(root(el).querySelector('progress')!.getAttribute('aria-label')).to.equal('Uploading Inspection report.pdf');
    expect(shadowText(el)).to.contain('Uploading… 0%');
    expect(button(el, 'Sharing…').disabled).to.equal(true);
    release();
    await until(el, '“Inspection 2026” is shared with Robin Diaz.');
    expect(root(el).querySelector('progress')).to.equal(null);

    const [call] = api.callsTo(documentsRoutes(ids.cedar).share);
    expect(Object.fromEntries(new URLSearchParams(call!.search))).to.deep.equal({ filename: 'Inspection report.pdf', title: 'Inspection 2026', visibleTo: ids.robin });
    expect(call!.headers['content-type']).to.equal('application/octet-stream');
    expect(new TextDecoder().decode(call!.raw)).to.equal('%PDF-1.7 inspection');
    expect(titles(el)[0]).to.equal('Inspection 2026');
    expect(cell(rows(el)[0]!, 'Visible to')).to.equal('Robin Diaz');
    expect(docs.items.find((d) => d.title === 'Inspection 2026')!.visibleTo).to.deep.equal([ids.robin]);
    // The form is empty again.
    expect(input(el, 'title').value).to.equal('');
    expect(fileInput(el).files!.length).to.equal(0);
    expect(radio(el, 'everyone').checked).to.equal(true);
  });

  it('shares with everyone without visibleTo; the title follows the chosen file until edited', async () => {
    const { el, api } = await mountDocuments();
    await pick(el, pdf('first.pdf'));
    expect(input(el, 'title').value).to.equal('first.pdf');
    await pick(el, pdf('second.pdf'));
    expect(input(el, 'title').value).to.equal('second.pdf');
    type(el, 'title', 'Annual report');
    await pick(el, pdf('third.pdf'));
    expect(input(el, 'title').value).to.equal('Annual report');
    shareForm(el).requestSubmit();
    await until(el, '“Annual report” is shared with everyone on the account.');
    expect(api.callsTo(documentsRoutes(ids.cedar).share)[0]!.search).to.equal('?filename=third.pdf&title=Annual+report');
    expect(cell(rowOf(el, 'Annual report'), 'Visible to')).to.equal('Everyone on the account');
  });

  it('shows the server\'s 415 clearly, at the file', async () => {
    const { el, api } = await mountDocuments();
    await pick(el, new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03])], 'setup.pdf', { type: 'application/pdf' }));
    shareForm(el).requestSubmit();
    await until(el, 'This kind of file cannot be shared.');
    expect(api.callsTo(documentsRoutes(ids.cedar).share)).to.have.length(1);
    expect(clean(root(el).querySelector('[data-alert="share"]')!.textContent)).to.contain('Share a PDF, PNG, JPEG or plain text (UTF-8) file');
    expect(fileInput(el).getAttribute('aria-invalid')).to.equal('true');
    expect(clean(root(el).querySelector('#share-file-error')!.textContent)).to.contain('This kind of file cannot be shared.');
    await waitUntil(() => deepActive() === fileInput(el), 'focus on the file');
    expect(titles(el)).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('refuses a file over the limit before sending, and shows the server\'s 413', async () => {
    const { el, api } = await mountDocuments();
    await pick(el, new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'huge.pdf'));
    shareForm(el).requestSubmit();
    await until(el, 'The file is larger than 10 MB. Share a smaller file.');
    expect(api.callsTo(documentsRoutes(ids.cedar).share)).to.have.length(0);

    api.on(documentsRoutes(ids.cedar).share, () => fail('PAYLOAD_TOO_LARGE', 'The file is larger than 10 MiB.'));
    await pick(el, pdf('small.pdf'));
    shareForm(el).requestSubmit();
    await until(el, 'The file is larger than 10 MiB.');
    expect(clean(root(el).querySelector('#share-file-error')!.textContent)).to.equal('The file is larger than 10 MiB.');
  });

  it('asks for a file, and for a login when sharing with some', async () => {
    const { el, api } = await mountDocuments();
    shareForm(el).requestSubmit();
    await until(el, 'Choose the file to share.');
    await pick(el, pdf('a.pdf'));
    radio(el, 'some').click();
    await settle(el);
    shareForm(el).requestSubmit();
    await until(el, 'Choose at least one login, or share it with everyone.');
    expect(api.callsTo(documentsRoutes(ids.cedar).share)).to.have.length(0);
    await waitUntil(() => deepActive() === login(el, ids.chris), 'focus on the first login');
  });

  it('Remove asks first; Cancel keeps the document, Remove document deletes it', async () => {
    const { el, api, docs } = await mountDocuments({ as: { ...adminStaff } });
    const id = docs.items.find((d) => d.title === 'Monitoring certificate')!.id;
    rowOf(el, 'Monitoring certificate').querySelector<HTMLButtonElement>('[data-remove]')!.click();
    await settle(el);
    expect(dialog(el)!.open).to.equal(true);
    expect(clean(dialog(el)!.querySelector('#dialog-title')!.textContent)).to.equal('Remove “Monitoring certificate”?');
    await expect(el).to.be.accessible();
    button(el, 'Cancel').click();
    await settle(el);
    expect(dialog(el)).to.equal(null);
    expect(api.callsTo(documentRoute(ids.cedar, id))).to.have.length(0);

    rowOf(el, 'Monitoring certificate').querySelector<HTMLButtonElement>('[data-remove]')!.click();
    await settle(el);
    button(el, 'Remove document').click();
    await until(el, '“Monitoring certificate” was removed.');
    expect(api.callsTo(documentRoute(ids.cedar, id))).to.have.length(1);
    expect(titles(el)).to.deep.equal(['Service contract 2026']);
    expect(docs.items.some((d) => d.id === id)).to.equal(false);
  });

  it('support sees the list with sharing and removing disabled and a note; nothing is written', async () => {
    const { el, api } = await mountDocuments({ as: { ...support } });
    expect(titles(el)).to.have.length(2);
    expect(clean(root(el).querySelector('[part="not-allowed"]')!.textContent)).to.contain('not share or remove');
    expect(shareForm(el).querySelector('fieldset')!.disabled).to.equal(true);
    expect(fileInput(el).matches(':disabled')).to.equal(true);
    for (const b of root(el).querySelectorAll<HTMLButtonElement>('[data-remove]')) expect(b.disabled).to.equal(true);
    await expect(el).to.be.accessible();
    expect(api.calls.filter((c) => c.method !== 'GET')).to.have.length(0);
  });

  it('shows an empty account, and works at 360 px', async () => {
    const { el } = await mountDocuments({ accountId: ids.willow, width: '360px' });
    expect(clean(root(el).querySelector('[part="empty"]')!.textContent)).to.equal('Nothing is shared with this account yet.');
    expect(el.scrollWidth).to.be.at.most(360);
    const other = await mountDocuments({ width: '360px' });
    expect(getComputedStyle(root(other.el).querySelector('thead')!).position).to.equal('absolute');
    expect(other.el.scrollWidth).to.be.at.most(360);
    await expect(other.el).to.be.accessible();
  });
});
