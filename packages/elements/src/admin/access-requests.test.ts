import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { GRANT_SCOPES, type AccessRequest } from '@porchlight/client';
import { PorchlightAdminAccessRequests } from './access-requests.js';
import type { AccessRequestChangeDetail } from './events.js';
import { fakeAdminApi, owner, support, type FakeAdminApi, type FakeStaff } from './testing/fake-admin-api.js';
import { accessIds, addAccessFixtures, addAccessRequests } from './testing/fake-admin-access.js';
import { ids } from './testing/fake-admin-kit.js';
import { expectFocus } from '../testing/helpers.js';
import { button, input, mountAdmin, settle, shadowText, type, until } from './testing/helpers.js';
import './define.js';

const root = (el: Element) => el.shadowRoot!;
const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const rows = (el: Element) => [...root(el).querySelectorAll<HTMLLIElement>('.requests > li')];
const names = (el: Element) => rows(el).map((r) => clean(r.querySelector('.name')!.textContent));
const rowOf = (el: Element, name: string) => {
  const row = rows(el).find((r) => clean(r.querySelector('.name')!.textContent) === name);
  if (!row) throw new Error(`no row ${name}; rows: ${names(el).join(', ')}`);
  return row;
};
const facts = (row: Element) => Object.fromEntries([...row.querySelectorAll('.facts > div')].map((d) => [clean(d.querySelector('dt')!.textContent), clean(d.querySelector('dd')!.textContent)]));
const badgeText = (row: Element) => clean(row.querySelector('.status-tag')!.textContent);
const rowButton = (row: Element, label: string) => [...row.querySelectorAll('button')].find((b) => clean(b.textContent).startsWith(label))!;
const dialog = (el: Element) => root(el).querySelector('dialog');
const dialogTitle = (el: Element) => clean(dialog(el)!.querySelector('#dialog-title')!.textContent);
const dialogAlert = (el: Element) => clean(dialog(el)!.querySelector('[role="alert"]')!.textContent);
const approveForm = (el: Element) => dialog(el)!.querySelector<HTMLFormElement>('form[data-form="approve"]')!;
const checked = (el: Element, name: string) => [...dialog(el)!.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)].filter((i) => i.checked).map((i) => i.value);
const listNotice = (el: Element) => clean(root(el).querySelector('[data-notice="list"]')!.textContent);
const nextChange = (el: Element) => oneEvent(el, 'porchlight-access-request-change' as 'click') as unknown as Promise<CustomEvent<AccessRequestChangeDetail>>;

async function mountRequests(o: { as?: FakeStaff; api?: FakeAdminApi; pageSize?: number; extra?: number; before?: (requests: AccessRequest[]) => void } = {}) {
  const api = o.api ?? fakeAdminApi();
  addAccessFixtures(api);
  const requests = addAccessRequests(api, o.extra ?? 0);
  o.before?.(requests);
  const mounted = await mountAdmin<PorchlightAdminAccessRequests>(
    o.pageSize ? html`<porchlight-admin-access-requests page-size=${o.pageSize}></porchlight-admin-access-requests>` : html`<porchlight-admin-access-requests></porchlight-admin-access-requests>`,
    { api, as: o.as ?? { ...owner } },
  );
  await waitUntil(() => root(mounted.el).querySelector('.requests, .empty, .alert-box'), 'the list', { timeout: 3000 });
  await settle(mounted.el);
  return { ...mounted, requests };
}

async function chooseFilter(el: Element, value: string) {
  const select = root(el).querySelector<HTMLSelectElement>('#status-filter')!;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await waitUntil(() => !root(el).querySelector('[part="loading"]'), 'loaded');
  await settle(el);
}

async function openApprove(el: Element, name: string) {
  const opener = rowButton(rowOf(el, name), 'Approve');
  opener.focus();
  opener.click();
  await settle(el);
  await waitUntil(() => !clean(dialog(el)?.querySelector('[role="status"].hint')?.textContent).startsWith('Searching'), 'the accounts found');
  await settle(el);
}

describe('porchlight-admin-access-requests', () => {
  it('is registered', () => {
    expect(customElements.get('porchlight-admin-access-requests')).to.equal(PorchlightAdminAccessRequests);
  });

  it('lists the pending requests, newest first: name, email, phone, company, customer number, message, when', async () => {
    const { el, api } = await mountRequests();
    expect(api.callsTo('GET /v1/admin/access-requests')[0]!.search).to.equal('?status=pending&limit=20');
    expect(root(el).querySelector('#title')!.textContent).to.equal('Access requests');
    expect(root(el).querySelector<HTMLSelectElement>('#status-filter')!.value).to.equal('pending');
    expect(names(el)).to.deep.equal(['Jamie Fox', 'Avery Stone', 'Quinn Hale']);
    const jamie = rowOf(el, 'Jamie Fox');
    expect(badgeText(jamie)).to.equal('Pending');
    expect(jamie.querySelector('.status-tag')!.getAttribute('part')).to.equal('badge status-pending');
    expect(facts(jamie)).to.deep.equal({
      Email: 'jamie.fox@example.com',
      Phone: '(555) 017-7100',
      'Company or property': 'Cedar Court Offices',
      'Customer number': 'LA-1077',
      Message: 'I took over the front desk from Chris. Please give me access to the invoices.',
    });
    expect(clean(jamie.querySelector('.who')!.textContent)).to.match(/^Jamie Fox asked .+/);
    expect(jamie.querySelector('time')!.getAttribute('datetime')).to.match(/^\d{4}-/);
    expect(facts(rowOf(el, 'Avery Stone'))).to.include({ Phone: 'Not given', 'Customer number': 'Not given' });
    expect([...jamie.querySelectorAll('button')].map((b) => clean(b.textContent))).to.deep.equal(['Approve the request of Jamie Fox', 'Decline the request of Jamie Fox']);
    expect(shadowText(el)).to.contain('“Request access” is turned off in your portal\'s settings');
    await expect(el).to.be.accessible();
  });

  it('filters: All shows the decisions (the approved one names its account), Declined its note', async () => {
    const { el, api } = await mountRequests();
    await chooseFilter(el, 'all');
    expect(api.callsTo('GET /v1/admin/access-requests').at(-1)!.search).to.equal('?status=all&limit=20');
    expect(names(el)).to.deep.equal(['Jamie Fox', 'Avery Stone', 'Quinn Hale', 'Blake Moss', 'Drew Hart']);
    await until(el, 'a login on Willow Creek Clinic (5550188).');
    const blake = rowOf(el, 'Blake Moss');
    expect(badgeText(blake)).to.equal('Approved');
    expect(clean(blake.querySelector('.decision')!.textContent)).to.match(/^Approved .+ by admin Olivia Park: a login on Willow Creek Clinic \(5550188\)\.$/);
    expect(blake.querySelectorAll('button')).to.have.length(0);
    expect(api.callsTo(`GET /v1/admin/accounts/${ids.willow}`)).to.have.length(1);
    await chooseFilter(el, 'declined');
    expect(names(el)).to.deep.equal(['Drew Hart']);
    expect(clean(rowOf(el, 'Drew Hart').querySelector('.decision')!.textContent)).to.match(/^Declined .+ by admin Olivia Park\. Note: Not one of our customers\.$/);
    await expect(el).to.be.accessible();
    await chooseFilter(el, 'approved');
    expect(names(el)).to.deep.equal(['Blake Moss']);
    // The account was asked for once.
    expect(api.callsTo(`GET /v1/admin/accounts/${ids.willow}`)).to.have.length(1);
  });

  it('Load more: the next page under the first, focus on the first new request', async () => {
    const { el, api } = await mountRequests({ pageSize: 2, extra: 1 });
    expect(names(el)).to.deep.equal(['Jamie Fox', 'Avery Stone']);
    button(el, 'Load more requests').click();
    await waitUntil(() => rows(el).length === 4, 'the second page');
    expect(api.callsTo('GET /v1/admin/access-requests')[1]!.search).to.equal('?status=pending&limit=2&cursor=2');
    expect(names(el)).to.deep.equal(['Jamie Fox', 'Avery Stone', 'Quinn Hale', 'Person1 Example']);
    await settle(el);
    expectFocus(rowOf(el, 'Quinn Hale'));
    expect(() => button(el, 'Load more requests')).to.throw();
  });

  it('the empty list says what shows here', async () => {
    const api = fakeAdminApi();
    const { el } = await mountAdmin<PorchlightAdminAccessRequests>(html`<porchlight-admin-access-requests></porchlight-admin-access-requests>`, { api, as: { ...owner } });
    await waitUntil(() => root(el).querySelector('[part="empty"]'), 'empty');
    expect(clean(root(el).querySelector('[part="empty"]')!.textContent)).to.equal('No pending access requests. When someone asks for a login on your portal’s sign-in page, the request shows here.');
    await expect(el).to.be.accessible();
  });

  it('approves onto the account found by its customer number or company: username = email, every part; the row shows the account', async () => {
    const { el, api, requests } = await mountRequests();
    await openApprove(el, 'Jamie Fox');
    expect(dialogTitle(el)).to.equal('Approve the request of Jamie Fox');
    // Nobody has customer number LA-1077: the company name finds Cedar Court Offices.
    const searches = api.callsTo('GET /v1/admin/accounts').map((c) => new URLSearchParams(c.search).get('q'));
    expect(searches).to.deep.equal(['LA-1077', 'Cedar Court Offices']);
    expect(input(el, 'q').value).to.equal('Cedar Court Offices');
    expect(clean(dialog(el)!.querySelector('[part="accounts"]')!.textContent)).to.contain('Cedar Court Offices Identifier 5550177');
    expect(checked(el, 'accountId')).to.deep.equal([ids.cedar]);
    expect(input(el, 'username').value).to.equal('jamie.fox@example.com');
    expect(checked(el, 'grants')).to.deep.equal([...GRANT_SCOPES]);
    expect(checked(el, 'role')).to.deep.equal(['client']);
    expect(shadowText(el)).to.contain('The login email goes to jamie.fox@example.com with a link to choose a password, which works for 48 hours.');
    await expect(el).to.be.accessible();

    dialog(el)!.querySelector<HTMLInputElement>('input[name="grants"][value="proposals"]')!.click();
    await settle(el);
    const changed = nextChange(el);
    approveForm(el).requestSubmit();
    const event = await changed;
    const body = api.callsTo(`POST /v1/admin/access-requests/${requests[0]!.id}/approve`)[0]!.body;
    expect(body).to.deep.include({ accountId: ids.cedar, username: 'jamie.fox@example.com', role: 'client', grants: ['invoices', 'payments', 'work-orders', 'documents', 'tickets'] });
    expect(event.detail.action).to.equal('approved');
    expect(event.detail.request).to.include({ status: 'approved', accountId: ids.cedar });
    expect(event.detail.account!.name).to.equal('Cedar Court Offices');
    await settle(el);
    expect(dialog(el)).to.equal(null);
    const jamie = rowOf(el, 'Jamie Fox');
    expect(badgeText(jamie)).to.equal('Approved');
    expect(clean(jamie.querySelector('.decision')!.textContent)).to.contain('a login on Cedar Court Offices (5550177)');
    expect(jamie.querySelectorAll('button')).to.have.length(0);
    expect(listNotice(el)).to.equal('Jamie Fox can now log in to Cedar Court Offices (5550177) with the username “jamie.fox@example.com”. The login email went to jamie.fox@example.com.');
    expect(api.users.get(ids.cedar)!.some((u) => u.email === 'jamie.fox@example.com')).to.equal(true);
    expect(api.access.emails.at(-1)).to.include({ to: 'jamie.fox@example.com', kind: 'invitation' });
    // The Approve button went away with the decision: focus is on the request.
    expectFocus(jamie);
  });

  it('approve: another search, no account chosen, USERNAME_TAKEN on its field', async () => {
    const { el, api } = await mountRequests();
    await openApprove(el, 'Avery Stone');
    expect(checked(el, 'accountId')).to.deep.equal([ids.willow]);
    type(el, 'q', 'zzz');
    dialog(el)!.querySelector<HTMLFormElement>('form[data-form="find"]')!.requestSubmit();
    await until(el, 'No account matches “zzz”.');
    approveForm(el).requestSubmit();
    await settle(el);
    expect(dialogAlert(el)).to.equal('Find the account to give the login on.');

    type(el, 'q', '5550177');
    dialog(el)!.querySelector<HTMLFormElement>('form[data-form="find"]')!.requestSubmit();
    await until(el, 'One account matches “5550177”.');
    type(el, 'username', 'chris');
    approveForm(el).requestSubmit();
    await until(el, 'This username is already used in this account.');
    expect(input(el, 'username').getAttribute('aria-invalid')).to.equal('true');
    expectFocus(input(el, 'username'));
    expect(api.callsTo(`POST /v1/admin/access-requests/${rowOf(el, 'Avery Stone').dataset.requestId}/approve`)).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('approve: a person who already has a login profile — "Use this profile" approves onto it', async () => {
    const { el, api, requests } = await mountRequests({ before: (list) => void (list.find((r) => r.firstName === 'Quinn')!.email = 'dana@harborview.example') });
    const quinn = requests.find((r) => r.firstName === 'Quinn')!;
    await openApprove(el, 'Quinn Hale');
    type(el, 'q', 'Birch');
    dialog(el)!.querySelector<HTMLFormElement>('form[data-form="find"]')!.requestSubmit();
    await until(el, 'One account matches “Birch”.');
    approveForm(el).requestSubmit();
    await until(el, 'This person already has a login profile.');
    await expect(el).to.be.accessible();
    const use = [...dialog(el)!.querySelectorAll<HTMLButtonElement>('[part="profile-match"] button')][0]!;
    use.click();
    await until(el, 'Quinn Hale can now log in to Birch Lane Townhomes (5550199)');
    const posts = api.callsTo(`POST /v1/admin/access-requests/${quinn.id}/approve`);
    expect(posts).to.have.length(2);
    expect(posts[1]!.body).to.include({ accountId: accessIds.birch, profileId: accessIds.danaProfile });
  });

  it('declines with a note for the staff; nothing is emailed', async () => {
    const { el, api, requests } = await mountRequests();
    rowButton(rowOf(el, 'Avery Stone'), 'Decline').click();
    await settle(el);
    expect(dialogTitle(el)).to.equal('Decline the request of Avery Stone?');
    expect(clean(dialog(el)!.textContent)).to.contain('Avery Stone gets no email');
    await expect(el).to.be.accessible();
    dialog(el)!.querySelector('textarea')!.value = '  Duplicate of an earlier request.  ';
    const changed = nextChange(el);
    dialog(el)!.querySelector('form')!.requestSubmit();
    const event = await changed;
    expect(event.detail.action).to.equal('declined');
    expect(api.callsTo(`POST /v1/admin/access-requests/${requests[1]!.id}/decline`)[0]!.body).to.deep.equal({ note: 'Duplicate of an earlier request.' });
    await settle(el);
    const avery = rowOf(el, 'Avery Stone');
    expect(badgeText(avery)).to.equal('Declined');
    expect(clean(avery.querySelector('.decision')!.textContent)).to.contain('Note: Duplicate of an earlier request.');
    expect(listNotice(el)).to.equal('The request of Avery Stone was declined. No email was sent to them.');
    expectFocus(avery);
    expect(api.access.emails).to.have.length(0);
  });

  it('a request decided meanwhile: ACCESS_REQUEST_CLOSED, and the row shows the decision', async () => {
    const { el, requests } = await mountRequests();
    rowButton(rowOf(el, 'Quinn Hale'), 'Decline').click();
    await settle(el);
    Object.assign(requests[2]!, { status: 'declined', decidedAt: new Date().toISOString(), decidedBy: { kind: 'admin', adminId: 'staff_pat', name: 'admin Pat Dispatcher' } });
    dialog(el)!.querySelector('form')!.requestSubmit();
    await until(el, 'This access request was already approved or declined.');
    await waitUntil(() => badgeText(rowOf(el, 'Quinn Hale')) === 'Declined', 'the row refreshed');
    expect(clean(rowOf(el, 'Quinn Hale').querySelector('.decision')!.textContent)).to.contain('by admin Pat Dispatcher');
  });

  it('read-only for a role without accounts.write', async () => {
    const { el, api } = await mountRequests({ as: { ...support } });
    expect(clean(root(el).querySelector('[part="not-allowed"]')!.textContent)).to.equal('Your role (Support) can see access requests but not approve or decline them. Ask an owner or an admin.');
    expect(names(el)).to.deep.equal(['Jamie Fox', 'Avery Stone', 'Quinn Hale']);
    expect(root(el).querySelectorAll('.requests button')).to.have.length(0);
    expect(api.calls.filter((c) => c.method !== 'GET')).to.have.length(0);
    await expect(el).to.be.accessible();
  });
});
