import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import './define.js';
import { PorchlightDocuments } from './documents.js';
import { formatSize, typeLabel } from '../internal/files.js';
import { apiError, dana, fakeApi, signedInClient, type FakeApi } from '../testing/fake-api.js';
import { mountPortal, settle, shadowText, stubDownloads, until } from '../testing/helpers.js';
import { fileRoute, withDocuments, type FakeDocument } from './fake-documents.js';

const SAMPLE: FakeDocument[] = [
  { title: 'Monitoring certificate', filename: 'Zertifikat – Müller.pdf', contentType: 'application/pdf', size: 245_760, sharedAt: '2026-01-03T09:00:00.000Z' },
  { title: 'Site photo', filename: 'panel.jpg', contentType: 'image/jpeg', size: 3_355_443, sharedAt: '2026-01-05T09:00:00.000Z' },
  { title: 'Service report', filename: 'report.txt', contentType: 'text/plain', size: 512, sharedAt: '2026-01-01T09:00:00.000Z' },
];

async function mount(documents: FakeDocument[] = SAMPLE, api: FakeApi = fakeApi()) {
  const state = withDocuments(api, documents);
  const client = signedInClient(api, dana);
  const view = await mountPortal<PorchlightDocuments>(html`<porchlight-documents></porchlight-documents>`, { api, client });
  return { ...view, state, client };
}

const root = (el: Element) => el.shadowRoot!;
const rows = (el: Element) => [...root(el).querySelectorAll<HTMLTableRowElement>('tbody tr')];
const cells = (tr: Element) => [...tr.querySelectorAll('th, td')].map((c) => (c.querySelector('.cell-value') ?? c).textContent!.replace(/\s+/g, ' ').trim());
const downloadOf = (el: Element, title: string) => rows(el).find((tr) => tr.querySelector('.doc-title')!.textContent === title)!.querySelector<HTMLButtonElement>('button')!;
const alertText = (el: Element) => root(el).querySelector('[part="error"]')!.textContent!.replace(/\s+/g, ' ').trim();

describe('porchlight-documents', () => {
  let saving: ReturnType<typeof stubDownloads>;
  beforeEach(() => {
    saving = stubDownloads();
  });
  afterEach(() => saving.restore());

  it('is registered, and defining again is harmless', async () => {
    expect(customElements.get('porchlight-documents')).to.equal(PorchlightDocuments);
    await import('./define.js');
    expect(customElements.get('porchlight-documents')).to.equal(PorchlightDocuments);
  });

  it('lists newest first: title, file name, type, readable size, shared date, a Download button each', async () => {
    const { el } = await mount();
    await until(el, 'Site photo');
    expect(rows(el).map((tr) => tr.querySelector('.doc-title')!.textContent)).to.deep.equal(['Site photo', 'Monitoring certificate', 'Service report']);
    const [photo, cert, report] = rows(el).map(cells);
    expect(photo!.slice(1, 4)).to.deep.equal(['panel.jpg', 'Image', '3.2 MB']);
    expect(cert!.slice(1, 4)).to.deep.equal(['Zertifikat – Müller.pdf', 'PDF', '240 KB']);
    expect(report!.slice(1, 4)).to.deep.equal(['report.txt', 'Text', '512 bytes']);
    expect(rows(el)[0]!.querySelector('time')!.getAttribute('datetime')).to.equal('2026-01-05T09:00:00.000Z');
    expect(downloadOf(el, 'Site photo').textContent!.trim()).to.equal('Download');
    expect(downloadOf(el, 'Site photo').getAttribute('aria-label')).to.equal('Download Site photo');
    expect(root(el).querySelector('caption')!.textContent).to.equal('Shared documents, newest first');
    await expect(el).to.be.accessible();
  });

  it('formats sizes and names types', () => {
    expect([0, 1, 1023, 1024, 1536, 10 * 1024 * 1024, 150 * 1024].map(formatSize)).to.deep.equal(['0 bytes', '1 byte', '1023 bytes', '1 KB', '1.5 KB', '10 MB', '150 KB']);
    expect(['application/pdf', 'image/png', 'image/jpeg', 'text/plain', 'application/zip'].map(typeLabel)).to.deep.equal(['PDF', 'Image', 'Image', 'Text', 'File']);
  });

  it('Download fetches the file with the session and saves it through an object URL and a temporary <a download>, then revokes it', async () => {
    const { el, api, state, portal } = await mount();
    await until(el, 'Monitoring certificate');
    const cert = state.items.find((d) => d.title === 'Monitoring certificate')!;
    const release = api.hold(fileRoute(cert.id));
    const downloaded = oneEvent(portal, 'porchlight-document-downloaded');
    downloadOf(el, 'Monitoring certificate').click();
    await settle(el);
    expect(downloadOf(el, 'Monitoring certificate').textContent!.trim()).to.equal('Downloading…');
    expect(downloadOf(el, 'Site photo').disabled).to.equal(true, 'one download at a time');
    await expect(el).to.be.accessible();
    release();
    const event = (await downloaded) as CustomEvent;
    expect(event.detail).to.deep.equal({ id: cert.id, filename: 'Zertifikat – Müller.pdf' });
    const calls = api.callsTo(fileRoute(cert.id));
    expect(calls.length).to.equal(1);
    expect(calls[0]!.headers.authorization).to.match(/^Bearer signed-in-/);
    expect(saving.created.length).to.equal(1);
    expect(await saving.created[0]!.text()).to.equal('%PDF-1.7 Monitoring certificate');
    expect(saving.clicked).to.deep.equal([{ href: 'blob:fake/1', download: 'Zertifikat – Müller.pdf', connected: true }]);
    expect(root(el).querySelector('a[download]')).to.equal(null, 'the temporary link is gone');
    await waitUntil(() => saving.revoked.length === 1, 'the object URL is revoked', { timeout: 3000 });
    expect(saving.revoked).to.deep.equal(['blob:fake/1']);
    await settle(el);
    expect(downloadOf(el, 'Monitoring certificate').textContent!.trim()).to.equal('Download');
    expect(downloadOf(el, 'Site photo').disabled).to.equal(false);
    expect(shadowText(el)).to.include('Downloading Zertifikat – Müller.pdf.');
  });

  it('a failed download says why in the alert region and saves nothing', async () => {
    const { el, api, state } = await mount();
    await until(el, 'Service report');
    const report = state.items.find((d) => d.title === 'Service report')!;
    api.on(fileRoute(report.id), () => apiError('NOT_FOUND', 'No such document.', 404));
    downloadOf(el, 'Service report').click();
    await waitUntil(() => alertText(el).includes('No such document.'), 'the error is shown');
    expect(root(el).querySelector('[part="error"]')!.getAttribute('role')).to.equal('alert');
    expect(saving.created.length).to.equal(0);
    expect(saving.clicked.length).to.equal(0);
    await settle(el);
    expect(downloadOf(el, 'Service report').disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('says so when nothing has been shared', async () => {
    const { el } = await mount([]);
    await until(el, 'No documents have been shared with you yet.');
    expect(root(el).querySelector('[part="empty"]')!.textContent!.trim()).to.equal('No documents have been shared with you yet.');
    expect(root(el).querySelector('table')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows loading, then a load error with Retry that loads again', async () => {
    const api = fakeApi();
    const release = api.hold('GET /v1/documents');
    const state = withDocuments(api, SAMPLE);
    const client = signedInClient(api, dana);
    const { el } = await mountPortal<PorchlightDocuments>(html`<porchlight-documents></porchlight-documents>`, { api, client });
    await until(el, 'Loading documents…');
    await expect(el).to.be.accessible();
    api.on('GET /v1/documents', () => apiError('SERVICE_UNAVAILABLE', 'The service is unavailable. Try again shortly.', 503));
    release();
    await until(el, 'The service is unavailable');
    expect(root(el).querySelector('.load-error [role="alert"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
    withDocuments(api, state.items.map((d) => ({ ...d })));
    [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Retry')!.click();
    await until(el, 'Site photo');
    expect(rows(el).length).to.equal(3);
    expect(shadowText(el)).to.not.include('unavailable');
  });
});
