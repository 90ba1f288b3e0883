import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import { PorchlightContacts } from './contacts.js';
import { apiError, dana, fakeApi, fakeId, sam, signedInClient, staffUser, type FakeApi, type FakeUser } from '../testing/fake-api.js';
import { button, deepActive, input, mountPortal, settle, shadowText, type, until } from '../testing/helpers.js';

const emulated = { kind: 'emulation' as const, userId: fakeId('user:manager'), adminId: 'k1', name: 'admin Sam Ortiz as manager Dana Reyes' };
/** Sam may modify records but not delete them. */
const staffOnly = { ...sam, permissions: ['records.modify' as const] };
const viewer = staffUser({ username: 'vic', name: 'Vic Ray', permissions: ['invoices.view'] });

function withContacts(users: FakeUser[] = [dana, staffOnly, viewer]): FakeApi {
  return fakeApi({
    users,
    contacts: [
      { name: 'Alex Kim', phone: '+1 555 010 0199', relation: 'Board president', priority: 2 },
      { name: 'Pat Doe', phone: '(555) 010-0101', relation: 'Superintendent', hasKeys: true, notes: 'Lives on site.', priority: 1 },
      { name: 'Maria Lopez', phone: '555-010-0123', priority: 3, updatedBy: emulated, updatedAt: '2026-01-04T10:00:00.000Z' },
    ],
  });
}

async function mount(o: { api?: FakeApi; as?: FakeUser } = {}) {
  const api = o.api ?? withContacts();
  const client = signedInClient(api, o.as ?? dana);
  return mountPortal<PorchlightContacts>(html`<porchlight-contacts></porchlight-contacts>`, { api, client });
}

const root = (el: Element) => el.shadowRoot!;
const dialog = (el: Element) => root(el).querySelector('dialog');
const rows = (el: Element) => [...root(el).querySelectorAll('tbody tr')].map((r) => r.textContent!.replace(/\s+/g, ' ').trim());
const alertText = (scope: ParentNode) => scope.querySelector('[role="alert"]')!.textContent!.replace(/\s+/g, ' ').trim();
const buttonNames = (el: Element) => [...root(el).querySelectorAll('button')].map((b) => b.textContent!.replace(/\s+/g, ' ').trim());
const describeEl = (e: Element | null) => (e ? `<${e.localName}${e.id ? `#${e.id}` : ''}> ${(e.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)}` : 'nothing');
function expectFocus(target: Element | null | undefined) {
  const active = deepActive();
  expect(active === target, `focus on ${describeEl(target ?? null)}, got ${describeEl(active)}`).to.equal(true);
}
function submitDialog(el: Element) {
  dialog(el)!.querySelector('form')!.requestSubmit();
}

describe('porchlight-contacts', () => {
  it('is registered, and defining again is harmless', async () => {
    expect(customElements.get('porchlight-contacts')).to.equal(PorchlightContacts);
    await import('./define.js');
    expect(customElements.get('porchlight-contacts')).to.equal(PorchlightContacts);
  });

  it('lists the call list in order: name, phone as a tel: link, relation, keys, notes, who added and changed it', async () => {
    const { el } = await mount();
    await until(el, 'Pat Doe');
    const list = rows(el);
    const names = [...root(el).querySelectorAll('tbody tr')].map((r) => {
      const name = r.querySelector('.name-text')!;
      return `${r.querySelector('.order')!.textContent} ${name.textContent!.replace(name.querySelector('.sub')?.textContent ?? '', '').trim()}`;
    });
    expect(names).to.deep.equal([
      'Call order 1 Pat Doe',
      'Call order 2 Alex Kim',
      'Call order 3 Maria Lopez',
    ]);
    expect(list[0]).to.contain('Superintendent');
    expect(list[0]).to.contain('Has keys');
    expect(list[0]).to.contain('Lives on site.');
    expect(list[1]).to.contain('No keys');
    expect(list[0]).to.contain('Added by Dana Reyes');
    expect(list[0]).not.to.contain('· changed by');
    expect(list[2]).to.contain('Added by Dana Reyes · changed by admin Sam Ortiz as manager Dana Reyes (emulated)');
    const links = [...root(el).querySelectorAll<HTMLAnchorElement>('tbody a')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links[0]).to.deep.equal(['(555) 010-0101', 'tel:5550100101']);
    expect(links[1]).to.deep.equal(['+1 555 010 0199', 'tel:+15550100199']);
    expect(shadowText(el)).to.contain('Who we call when your alarm goes off');
    await expect(el).to.be.accessible();
  });

  it('adds a contact by keyboard; the server’s field errors go on their fields', async () => {
    const { el, api, portal } = await mount({ api: fakeApi({ users: [dana] }) });
    await until(el, 'No emergency contacts yet. Add the people we should call');
    await expect(el).to.be.accessible();
    const add = button(el, 'Add contact');
    add.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(dialog(el)!.open).to.equal(true);
    await waitUntil(() => deepActive() === input(el, 'name'), 'focus on Name');
    await expect(el).to.be.accessible();

    submitDialog(el);
    await settle(el);
    expect(alertText(dialog(el)!)).to.equal('Check the highlighted fields.');
    expectFocus(input(el, 'name'));

    await sendKeys({ type: 'Pat Doe' });
    type(el, 'phone', '(555) 010-0101');
    // Longer than the field allows (a script can get past maxlength): the server says so on the field.
    type(el, 'relation', 'x'.repeat(61));
    dialog(el)!.querySelector<HTMLInputElement>('#hasKeys')!.click();
    submitDialog(el);
    await until(el, 'Some fields are missing or not valid.');
    expect(input(el, 'relation').getAttribute('aria-invalid')).to.equal('true');
    expect((input(el, 'relation').getRootNode() as ShadowRoot).getElementById('error')!.textContent).to.contain('Use at most 60 characters.');
    expectFocus(input(el, 'relation'));
    await expect(el).to.be.accessible();

    type(el, 'relation', 'Superintendent');
    const added = oneEvent(portal, 'porchlight-contact-change');
    submitDialog(el);
    await until(el, 'Pat Doe was added to the call list.');
    expect(api.callsTo('POST /v1/contacts').at(-1)!.body).to.deep.equal({ name: 'Pat Doe', phone: '(555) 010-0101', hasKeys: true, relation: 'Superintendent' });
    expect((await added).detail.action).to.equal('added');
    expect(dialog(el)).to.equal(null);
    expect(rows(el)[0]).to.contain('Pat Doe');
    expect(rows(el)[0]).to.contain('Has keys');
    expectFocus(add);
  });

  it('edits only what changed, and deletes after confirming', async () => {
    const { el, api, portal } = await mount();
    await until(el, 'Pat Doe');
    button(el, 'Edit Alex Kim').click();
    await settle(el);
    expect(input(el, 'phone').value).to.equal('+1 555 010 0199');
    type(el, 'priority', '1');
    dialog(el)!.querySelector<HTMLTextAreaElement>('textarea[name="notes"]')!.value = 'Call after 8 pm.';
    submitDialog(el);
    await until(el, 'Saved the changes to Alex Kim.');
    const contactId = api.contacts.find((c) => c.name === 'Alex Kim')!.id;
    expect(api.callsTo(`PATCH /v1/contacts/${contactId}`)[0]!.body).to.deep.equal({ notes: 'Call after 8 pm.', priority: 1 });
    await waitUntil(() => rows(el).find((r) => r.includes('Alex Kim'))!.includes('changed by Dana Reyes'), 'who changed it');

    const del = button(el, 'Delete Maria Lopez');
    del.click();
    await settle(el);
    expect(dialog(el)!.textContent!.replace(/\s+/g, ' ')).to.contain('This cannot be undone.');
    expectFocus([...dialog(el)!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Cancel'));
    await expect(el).to.be.accessible();
    const deleted = oneEvent(portal, 'porchlight-contact-change');
    [...dialog(el)!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Delete contact')!.click();
    await until(el, 'Maria Lopez was deleted from the call list.');
    expect((await deleted).detail.contact.name).to.equal('Maria Lopez');
    expect(rows(el).some((r) => r.includes('Maria Lopez'))).to.equal(false);
    expectFocus(root(el).querySelector('#title'));
  });

  it('a staff member without "Delete records" sees no Delete; without "Modify records" no Add or Edit', async () => {
    const { el } = await mount({ as: staffOnly });
    await until(el, 'Pat Doe');
    expect(buttonNames(el)).to.include('Add contact');
    expect(buttonNames(el)).to.include('Edit Pat Doe');
    expect(buttonNames(el).some((n) => n.startsWith('Delete'))).to.equal(false);
    expect(shadowText(el)).to.contain('not delete them');
    await expect(el).to.be.accessible();

    const view = await mount({ as: viewer });
    await until(view.el, 'Pat Doe');
    expect(buttonNames(view.el)).to.deep.equal([]);
    expect(shadowText(view.el)).to.contain('You can see this list.');
    await expect(view.el).to.be.accessible();
  });

  it("the server's refusal (PERMISSION_DENIED) is shown in the dialog and what was typed stays", async () => {
    const api = withContacts();
    const { el } = await mount({ api, as: staffOnly });
    await until(el, 'Pat Doe');
    // The manager takes the permission away meanwhile; Sam's page still offers Add.
    api.users.find((u) => u.username === 'sam')!.permissions = [];
    button(el, 'Add contact').click();
    await settle(el);
    type(el, 'name', 'Jo March');
    type(el, 'phone', '555 010 0177');
    dialog(el)!.querySelector<HTMLTextAreaElement>('textarea[name="notes"]')!.value = 'Has the alarm code.';
    submitDialog(el);
    await until(el, 'does not have the');
    expect(alertText(dialog(el)!)).to.equal('Your login does not have the "Modify records" permission. Ask your account manager.');
    expectFocus(dialog(el)!.querySelector('.alert-box'));
    expect(input(el, 'name').value).to.equal('Jo March');
    expect(input(el, 'phone').value).to.equal('555 010 0177');
    expect(dialog(el)!.querySelector<HTMLTextAreaElement>('textarea[name="notes"]')!.value).to.equal('Has the alarm code.');
    await expect(el).to.be.accessible();
    // The refusal is in the account's activity for the manager.
    expect(api.audit.at(-1)!.action).to.equal('access.denied');
  });

  it('loading, an error with Retry, and a quiet note when signed out', async () => {
    const api = withContacts();
    api.on('GET /v1/contacts', () => apiError('STORE_UNAVAILABLE', 'The portal is briefly unavailable. Try again in a moment.', 503));
    const { el } = await mount({ api });
    await until(el, 'briefly unavailable');
    await expect(el).to.be.accessible();
    api.off('GET /v1/contacts');
    const release = api.hold('GET /v1/contacts');
    button(el, 'Retry').click();
    await settle(el);
    expect(root(el).querySelector('.loading[role="status"]')!.textContent).to.contain('Loading contacts');
    release();
    await until(el, 'Pat Doe');

    const out = await mountPortal<PorchlightContacts>(html`<porchlight-contacts></porchlight-contacts>`);
    expect(shadowText(out.el)).to.contain('Log in to see your emergency contacts.');
    expect(out.api.callsTo('GET /v1/contacts')).to.have.length(0);
  });

  it('loads again when someone else signs in', async () => {
    const { el, client } = await mount();
    await until(el, 'Edit Pat Doe');
    await client.login({ identifier: viewer.identifier, username: 'vic', password: viewer.password });
    await until(el, 'You can see this list.');
    expect(buttonNames(el)).to.deep.equal([]);
  });
});
