import { expect, html, waitUntil } from '@open-wc/testing';
import { PorchlightAdminMessages } from './admin-messages.js';
import { fakeAdminApi, fakeMessage, support, owner, adminStaff, type FakeAdminApi, type FakeStaff } from './testing/fake-admin-api.js';
import { button, deepActive, input, mountAdmin, settle, shadowText, type, until } from './testing/helpers.js';
import './define.js';

const root = (el: Element) => el.shadowRoot!;
const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const rows = (el: Element) => [...root(el).querySelectorAll<HTMLLIElement>('li.message')];
const rowOf = (el: Element, title: string) => rows(el).find((r) => r.querySelector('.name')!.textContent === title)!;
const rowButton = (row: Element, name: string) => [...row.querySelectorAll('button')].find((b) => clean(b.textContent).startsWith(name))!;
const postForm = (el: Element) => root(el).querySelector<HTMLFormElement>('form[data-form="post"]')!;
const textarea = (el: Element) => postForm(el).querySelector<HTMLTextAreaElement>('textarea[name="body"]')!;
const dateInput = (el: Element) => postForm(el).querySelector<HTMLInputElement>('input[name="validUntil"]')!;
const important = (el: Element) => postForm(el).querySelector<HTMLInputElement>('input[name="importance"]')!;
const dialog = (el: Element) => root(el).querySelector('dialog');

async function mountMessages(o: { as?: FakeStaff; api?: FakeAdminApi; accountId?: string } = {}) {
  const api = o.api ?? fakeAdminApi();
  const mounted = await mountAdmin<PorchlightAdminMessages>(
    o.accountId
      ? html`<porchlight-admin-messages account-id=${o.accountId}></porchlight-admin-messages>`
      : html`<porchlight-admin-messages></porchlight-admin-messages>`,
    { api, as: o.as ?? { ...owner } },
  );
  await waitUntil(() => root(mounted.el).querySelector('li.message, .empty'), 'the list', { timeout: 3000 });
  await settle(mounted.el);
  return mounted;
}

/** A local date input value `days` from today. */
function dayFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('porchlight-admin-messages', () => {
  it('lists broadcast news newest first: importance, added by, shown until / no end date, Expired tag', async () => {
    const { el, api } = await mountMessages();
    expect(clean(root(el).querySelector('#title')!.textContent)).to.equal('News to all accounts');
    expect(api.callsTo('GET /v1/admin/messages')[0]!.search).to.equal('?limit=20');
    expect(rows(el).map((r) => r.querySelector('.name')!.textContent)).to.deep.equal(['Holiday hours', 'Spring newsletter', 'Storm warning']);

    const holiday = clean(rowOf(el, 'Holiday hours').textContent);
    expect(holiday).to.contain('Important').and.contain('by admin Olivia Park').and.contain('Shown until').and.not.contain('Expired');
    expect(clean(rowOf(el, 'Spring newsletter').textContent)).to.contain('No end date').and.not.contain('Important');
    const storm = rowOf(el, 'Storm warning');
    expect(clean(storm.querySelector('.message-title')!.textContent)).to.equal('Storm warning Expired');
    expect(rowButton(storm, 'End now')).to.equal(undefined);
    expect(rowButton(storm, 'Delete')).to.exist;
    expect(rowOf(el, 'Holiday hours').querySelector('time')!.getAttribute('datetime')).to.match(/^\d{4}-/);
    await expect(el).to.be.accessible();
  });

  it('with account-id it lists and posts that account\'s private messages', async () => {
    const { el, api } = await mountMessages({ accountId: 'acc_harbor' });
    expect(clean(root(el).querySelector('#title')!.textContent)).to.equal('Messages to this account');
    expect(api.callsTo('GET /v1/admin/accounts/acc_harbor/messages')).to.have.length(1);
    expect(rows(el).map((r) => r.querySelector('.name')!.textContent)).to.deep.equal(['Your new panel']);
    type(el, 'title', 'Service visit');
    textarea(el).value = 'We come on Monday.';
    postForm(el).requestSubmit();
    await until(el, 'was sent to this account');
    expect(api.callsTo('POST /v1/admin/accounts/acc_harbor/messages')[0]!.body).to.deep.equal({ title: 'Service visit', body: 'We come on Monday.', importance: 'normal', validUntil: null });
  });

  it('posts a broadcast: end of the chosen day in local time as ISO UTC, and importance', async () => {
    const { el, api } = await mountMessages();
    type(el, 'title', 'Price update');
    textarea(el).value = 'New prices\nfrom next month.';
    important(el).checked = true;
    const day = dayFromToday(10);
    dateInput(el).value = day;
    postForm(el).requestSubmit();
    await until(el, '"Price update" is now shown to every account.');
    const [y, m, d] = day.split('-').map(Number);
    const body = api.callsTo('POST /v1/admin/messages')[0]!.body;
    expect(body).to.deep.equal({
      title: 'Price update',
      body: 'New prices\nfrom next month.',
      importance: 'important',
      validUntil: new Date(y!, m! - 1, d!, 23, 59, 59, 999).toISOString(),
    });
    expect(body.validUntil).to.match(/Z$/);
    expect(rows(el)[0]!.querySelector('.name')!.textContent).to.equal('Price update');
    expect(clean(rows(el)[0]!.textContent)).to.contain('Important').and.contain('Shown until');
    // The form is empty again.
    expect(input(el, 'title').value).to.equal('');
    expect(textarea(el).value).to.equal('');
    expect(dateInput(el).value).to.equal('');
  });

  it('checks the fields first, then shows a server field error on its field (validUntil)', async () => {
    const { el, api } = await mountMessages();
    postForm(el).requestSubmit();
    await settle(el);
    expect(api.callsTo('POST /v1/admin/messages')).to.have.length(0);
    expect(shadowText(el)).to.contain('Check the highlighted fields.');

    type(el, 'title', 'Old news');
    textarea(el).value = 'Too late.';
    dateInput(el).value = dayFromToday(-3);
    postForm(el).requestSubmit();
    await until(el, 'Choose a moment in the future.');
    expect(api.callsTo('POST /v1/admin/messages')).to.have.length(1);
    expect(dateInput(el).getAttribute('aria-invalid')).to.equal('true');
    const error = root(el).querySelector('#validUntil-error')!;
    expect(clean(error.textContent)).to.equal('Choose a moment in the future.');
    expect(dateInput(el).getAttribute('aria-describedby')).to.contain('validUntil-error');
    await waitUntil(() => deepActive() === dateInput(el), 'focus on Show until');
    expect(clean(root(el).querySelector('[data-alert="post"]')!.textContent)).to.not.equal('');

    api.on('POST /v1/admin/messages', () => new Response(JSON.stringify({ error: { code: 'VALIDATION_FAILED', message: 'Some fields are missing or not valid.', fields: { body: 'Use at most 5000 characters.' } } }), { status: 400, headers: { 'content-type': 'application/json' } }));
    dateInput(el).value = '';
    postForm(el).requestSubmit();
    await until(el, 'Use at most 5000 characters.');
    expect(textarea(el).getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('End now sets validUntil to now and tags the message Expired', async () => {
    const { el, api } = await mountMessages();
    const before = Date.now();
    rowButton(rowOf(el, 'Holiday hours'), 'End now').click();
    await until(el, '"Holiday hours" is no longer shown in the portal.');
    const [call] = api.callsTo('PATCH /v1/admin/messages/msg_holiday');
    const sent = Date.parse(call!.body.validUntil);
    expect(Object.keys(call!.body)).to.deep.equal(['validUntil']);
    expect(sent).to.be.within(before - 1000, Date.now() + 1000);
    const row = rowOf(el, 'Holiday hours');
    expect(clean(row.querySelector('.message-title')!.textContent)).to.contain('Expired');
    expect(rowButton(row, 'End now')).to.equal(undefined);
    await waitUntil(() => deepActive() === rowButton(rowOf(el, 'Holiday hours'), 'Delete'), 'focus on Delete');
  });

  it('Delete asks first; Cancel keeps the message, Delete message removes it', async () => {
    const { el, api } = await mountMessages();
    rowButton(rowOf(el, 'Spring newsletter'), 'Delete').click();
    await settle(el);
    expect(dialog(el)!.open).to.equal(true);
    expect(clean(dialog(el)!.querySelector('#dialog-title')!.textContent)).to.equal('Delete "Spring newsletter"?');
    await expect(el).to.be.accessible();
    button(el, 'Cancel').click();
    await settle(el);
    expect(dialog(el)).to.equal(null);
    expect(api.callsTo('DELETE /v1/admin/messages/msg_newsletter')).to.have.length(0);

    rowButton(rowOf(el, 'Spring newsletter'), 'Delete').click();
    await settle(el);
    button(el, 'Delete message').click();
    await until(el, '"Spring newsletter" was deleted.');
    expect(api.callsTo('DELETE /v1/admin/messages/msg_newsletter')).to.have.length(1);
    expect(rowOf(el, 'Spring newsletter')).to.equal(undefined);
    expect(api.messages.some((m) => m.id === 'msg_newsletter')).to.equal(false);
    expect(dialog(el)).to.equal(null);
  });

  it('support sees the list with the form and buttons disabled and a note; nothing is written', async () => {
    const { el, api } = await mountMessages({ as: { ...support } });
    expect(rows(el)).to.have.length(3);
    const note = root(el).querySelector('[part="not-allowed"]')!;
    expect(clean(note.textContent)).to.contain('not post, end or delete');
    expect(postForm(el).querySelector('fieldset')!.disabled).to.equal(true);
    await waitUntil(() => input(el, 'title').disabled, 'title disabled');
    expect(textarea(el).matches(':disabled')).to.equal(true);
    expect(button(el, 'Post message').matches(':disabled')).to.equal(true);
    for (const row of rows(el)) for (const b of row.querySelectorAll('button')) expect(b.disabled).to.equal(true);
    expect(api.calls.filter((c) => c.method !== 'GET')).to.have.length(0);
    await expect(el).to.be.accessible();
    // An admin may.
    const other = await mountMessages({ as: { ...adminStaff } });
    expect(root(other.el).querySelector('[part="not-allowed"]')).to.equal(null);
    expect(postForm(other.el).querySelector('fieldset')!.disabled).to.equal(false);
  });

  it('loads more with limit and cursor, focusing the first new message', async () => {
    const api = fakeAdminApi();
    for (let i = 0; i < 25; i++) api.messages.push(fakeMessage(`msg_old_${i}`, { title: `Old news ${i}`, addedAt: new Date(Date.UTC(2025, 5, 30 - i)).toISOString() }));
    const { el } = await mountMessages({ api });
    expect(rows(el)).to.have.length(20);
    button(el, 'Load more').click();
    await waitUntil(() => rows(el).length === 28, 'all messages');
    const calls = api.callsTo('GET /v1/admin/messages');
    expect(calls.map((c) => c.search)).to.deep.equal(['?limit=20', '?limit=20&cursor=20']);
    expect(() => button(el, 'Load more')).to.throw();
    await waitUntil(() => deepActive() === rows(el)[20], 'focus on the first new message');
  });
});
