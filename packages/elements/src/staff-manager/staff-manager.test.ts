import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import { PorchlightStaffManager } from './staff-manager.js';
import { apiError, dana, fakeApi, fakeId, sam, signedInClient, staffUser, type FakeApi, type FakeUser } from '../testing/fake-api.js';
import { button, deepActive, input, mountPortal, settle, shadowText, type, until } from '../testing/helpers.js';

const kim = staffUser({ username: 'kim', name: 'Kim Patel', email: 'kim@harborview.example', permissions: ['invoices.view', 'staff.manage'] });
const SAM = fakeId('user:sam');
const emulated = { kind: 'emulation' as const, userId: fakeId('user:manager'), adminId: 'k1', name: 'admin Sam Ortiz as manager Dana Reyes' };

async function mount(o: { as?: FakeUser; api?: FakeApi } = {}) {
  const api = o.api ?? fakeApi({ users: [dana, { ...sam, createdBy: emulated }, kim] });
  const client = signedInClient(api, o.as ?? dana);
  const mounted = await mountPortal<PorchlightStaffManager>(html`<porchlight-staff-manager></porchlight-staff-manager>`, { api, client });
  return mounted;
}

const root = (el: Element) => el.shadowRoot!;
const describeEl = (e: Element | null) => (e ? `<${e.localName}${e.id ? `#${e.id}` : ''}> ${(e.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)}` : 'nothing');
/** Compares without chai printing DOM nodes (slow on failure). */
function expectFocus(target: Element | null | undefined, what = describeEl(target ?? null)) {
  const active = deepActive();
  expect(active === target, `focus on ${what}, got ${describeEl(active)}`).to.equal(true);
}
const dialog = (el: Element) => root(el).querySelector('dialog');
const rowOf = (el: Element, name: string) =>
  [...root(el).querySelectorAll<HTMLTableRowElement>('table:not(.matrix-table) tbody tr')].find((r) => r.querySelector('th')!.textContent!.includes(name));
const alertText = (scope: ParentNode) => scope.querySelector('[role="alert"]')!.textContent!.replace(/\s+/g, ' ').trim();
const noticeText = (el: Element) => root(el).querySelector('[part="notice"]')!.textContent!.replace(/\s+/g, ' ').trim();
const inDialog = (el: Element, name: string | RegExp) => {
  const found = [...dialog(el)!.querySelectorAll('button')].find((b) => (typeof name === 'string' ? b.textContent!.trim() === name : name.test(b.textContent!)));
  if (!found) throw new Error(`no dialog button ${name}`);
  return found;
};
function submitDialog(el: Element) {
  dialog(el)!.querySelector('form')!.requestSubmit();
}
async function openMenu(el: Element, name: string) {
  button(el, new RegExp(`^More actions for ${name}`)).click();
  await settle(el);
}

describe('porchlight-staff-manager', () => {
  it('is registered, and defining again is harmless', async () => {
    expect(customElements.get('porchlight-staff-manager')).to.equal(PorchlightStaffManager);
    await import('./define.js');
    expect(customElements.get('porchlight-staff-manager')).to.equal(PorchlightStaffManager);
  });

  it("lists the account's logins: name, username, role, status, last login, who added them; the permission matrix", async () => {
    const { el } = await mount();
    await until(el, 'Sam Lee');
    const sams = rowOf(el, 'Sam Lee')!;
    const text = sams.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('sam@harborview.example');
    expect(text).to.contain('Office staff');
    expect(text).to.contain('Active');
    expect(text).to.contain('Never');
    expect(text).to.contain('admin Sam Ortiz as manager Dana Reyes (emulated)');
    expect(rowOf(el, 'Dana Reyes')!.textContent).to.contain('You');
    expect(rowOf(el, 'Dana Reyes')!.textContent).to.contain('Account manager');
    // Dana logged in (signedInClient registers a session; the fake's login would stamp lastLoginAt).
    const matrix = root(el).querySelector('.matrix-table')!;
    const headers = [...matrix.querySelectorAll('thead th')].map((th) => th.textContent!.trim());
    expect(headers).to.include('View invoices');
    expect(headers).to.include('Manage staff');
    const samCells = [...matrix.querySelectorAll('tbody tr')].find((r) => r.textContent!.includes('Sam Lee'))!;
    expect(samCells.textContent!.replace(/\s+/g, ' ')).to.match(/View invoices✓Yes/);
    expect(shadowText(el)).to.contain('All for account managers (Dana Reyes)');
    expect(root(el).querySelector('table')!.getAttribute('role')).to.equal('table');
    await expect(el).to.be.accessible();
  });

  it('someone without "Manage staff" sees a polite note and no list; signed out shows a quiet note', async () => {
    const { el, api } = await mount({ as: sam });
    await until(el, 'Only your account manager can manage staff');
    expect(api.callsTo('GET /v1/staff')).to.have.length(0);
    expect(root(el).querySelector('table')).to.equal(null);
    await expect(el).to.be.accessible();

    const signedOut = await mountPortal<PorchlightStaffManager>(html`<porchlight-staff-manager></porchlight-staff-manager>`);
    expect(shadowText(signedOut.el)).to.contain('Log in to manage your staff.');
    expect(signedOut.api.callsTo('GET /v1/staff')).to.have.length(0);
  });

  it('loading, then an error with Retry that works', async () => {
    const api = fakeApi({ users: [dana, sam] });
    const release = api.hold('GET /v1/staff');
    const { el } = await mount({ api });
    expect(root(el).querySelector('.loading[role="status"]')!.textContent).to.contain('Loading staff');
    await expect(el).to.be.accessible();
    api.on('GET /v1/staff', () => apiError('STORE_UNAVAILABLE', 'The portal is briefly unavailable. Try again in a moment.', 503));
    release();
    await until(el, 'briefly unavailable');
    expect(alertText(root(el).querySelector('.load-error')!)).to.contain('briefly unavailable');
    await expect(el).to.be.accessible();
    api.off('GET /v1/staff');
    button(el, 'Retry').click();
    await until(el, 'Sam Lee');
  });

  it('adds staff with a temporary password by keyboard: checks, sends defaults, announces, focus returns', async () => {
    const { el, api, portal } = await mount();
    await until(el, 'Sam Lee');
    const add = button(el, 'Add staff');
    add.focus();
    add.click();
    await settle(el);
    expect(dialog(el)!.open).to.equal(true);
    expect(dialog(el)!.getAttribute('aria-labelledby')).to.equal('dialog-title');
    await waitUntil(() => deepActive() === input(el, 'name'), 'focus on Name');
    // Permission checkboxes default to the staff defaults.
    const checked = [...dialog(el)!.querySelectorAll<HTMLInputElement>('input[name="permissions"]')].filter((c) => c.checked).map((c) => c.value);
    expect(checked).to.deep.equal(['invoices.view']);
    await expect(el).to.be.accessible();

    await sendKeys({ type: 'Lee Chen' });
    type(el, 'username', 'lee');
    type(el, 'password', 'short');
    submitDialog(el);
    await settle(el);
    expect(api.callsTo('POST /v1/staff')).to.have.length(0);
    expect(alertText(dialog(el)!)).to.equal('Use at least 8 characters.');
    expectFocus(input(el, 'password'));
    await expect(el).to.be.accessible();

    type(el, 'password', 'harbor-lanterns-9');
    dialog(el)!.querySelector<HTMLInputElement>('input[value="records.modify"]')!.click();
    const changed = oneEvent(portal, 'porchlight-staff-change');
    submitDialog(el);
    await until(el, 'Lee Chen was added');
    expect(api.callsTo('POST /v1/staff')[0]!.body).to.deep.equal({
      name: 'Lee Chen',
      username: 'lee',
      password: 'harbor-lanterns-9',
      role: 'staff',
      permissions: ['invoices.view', 'records.modify'],
    });
    expect((await changed).detail.action).to.equal('added');
    expect(dialog(el)).to.equal(null);
    await until(el, 'lee');
    expect(rowOf(el, 'Lee Chen')).to.exist;
    expectFocus(add);
  });

  it('adding with an emailed link needs an email; a taken username is shown on its field', async () => {
    const { el, api } = await mount();
    await until(el, 'Sam Lee');
    button(el, 'Add staff').click();
    await settle(el);
    dialog(el)!.querySelector<HTMLInputElement>('#method-link')!.click();
    await settle(el);
    expect(dialog(el)!.querySelector('porchlight-text-field[name="password"]')).to.equal(null);
    type(el, 'name', 'Sam Again');
    type(el, 'username', 'SAM');
    submitDialog(el);
    await settle(el);
    expect(alertText(dialog(el)!)).to.equal('Add an email address to send the link to.');
    expect(input(el, 'email').getAttribute('aria-invalid')).to.equal('true');

    type(el, 'email', 'sam2@harborview.example');
    submitDialog(el);
    await until(el, 'already used');
    expect(api.callsTo('POST /v1/staff')[0]!.body).to.include({ sendSetPasswordLink: true, email: 'sam2@harborview.example' });
    expect(input(el, 'username').getAttribute('aria-invalid')).to.equal('true');
    expectFocus(input(el, 'username'));
    expect(input(el, 'name').value).to.equal('Sam Again', 'what was typed stays');

    type(el, 'username', 'sam2');
    submitDialog(el);
    await until(el, 'We emailed them a link');
    expect(rowOf(el, 'Sam Again')).to.exist;
  });

  it('permissions: a checklist with what the account does not allow disabled and explained; saved and shown in the matrix', async () => {
    const api = fakeApi({ users: [dana, sam], accountPermissions: ['invoices.view', 'records.modify', 'records.delete', 'staff.manage'] });
    const { el } = await mount({ api });
    await until(el, 'Sam Lee');
    expect(shadowText(el)).to.match(/Not available: Pay invoices, .* and Open and reply to support tickets/);
    button(el, 'Permissions Sam Lee').click();
    await settle(el);
    const pay = dialog(el)!.querySelector<HTMLInputElement>('input[value="invoices.pay"]')!;
    expect(pay.disabled).to.equal(true);
    expect(dialog(el)!.querySelector(`#${pay.getAttribute('aria-describedby')!.replace('.', '\\.')}`)!.textContent).to.equal('Not available for this account.');
    await expect(el).to.be.accessible();
    dialog(el)!.querySelector<HTMLInputElement>('input[value="records.delete"]')!.click();
    submitDialog(el);
    await until(el, 'Saved what Sam Lee may do.');
    expect(api.callsTo(`PATCH /v1/staff/${SAM}`)[0]!.body).to.deep.equal({ permissions: ['invoices.view', 'records.modify', 'records.delete'] });
    await waitUntil(() => {
      const row = [...root(el).querySelectorAll('.matrix-table tbody tr')].find((r) => r.textContent!.includes('Sam Lee'))!;
      const cells = [...row.querySelectorAll('td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim());
      return cells.filter((c) => c.endsWith('Yes')).length === 3;
    }, 'matrix shows three permissions');
  });

  it('disable (confirmed) shows who disabled it and when; re-enable; remove says it cannot be undone', async () => {
    const { el, api, portal } = await mount();
    await until(el, 'Sam Lee');
    await openMenu(el, 'Sam Lee');
    const toggle = button(el, /^More actions for Sam Lee/);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    button(el, 'Disable login Sam Lee').click();
    await settle(el);
    expect(dialog(el)!.textContent).to.contain('Their history is kept');
    expectFocus(inDialog(el, 'Cancel'), 'the safe choice has focus');
    await expect(el).to.be.accessible();
    const disabled = oneEvent(portal, 'porchlight-staff-change');
    inDialog(el, 'Disable login').click();
    await until(el, 'is disabled');
    expect((await disabled).detail.action).to.equal('disabled');
    await waitUntil(() => rowOf(el, 'Sam Lee')!.textContent!.includes('Disabled on'));
    expect(rowOf(el, 'Sam Lee')!.textContent!.replace(/\s+/g, ' ')).to.match(/Disabled on \w+ \d+, 2026 by Dana Reyes/);
    expectFocus(button(el, /^More actions for Sam Lee/));

    await openMenu(el, 'Sam Lee');
    button(el, 'Re-enable login Sam Lee').click();
    await until(el, 'Sam Lee can log in again.');
    expect(api.callsTo(`POST /v1/staff/${SAM}/enable`)).to.have.length(1);

    await openMenu(el, 'Sam Lee');
    button(el, 'Remove Sam Lee').click();
    await settle(el);
    const said = dialog(el)!.textContent!.replace(/\s+/g, ' ');
    expect(said).to.contain('cannot be undone');
    expect(said).to.contain("stays in the account's activity");
    inDialog(el, 'Remove login').click();
    await until(el, 'Sam Lee was removed.');
    await waitUntil(() => !rowOf(el, 'Sam Lee'), 'row gone');
    // The row and its buttons are gone: focus goes to the heading.
    expectFocus(root(el).querySelector('#title'));
    await expect(el).to.be.accessible();
  });

  it('sends a password reset link and ends sessions; a login without email cannot get a link', async () => {
    const noEmail = staffUser({ username: 'pat', name: 'Pat Moss', email: null });
    const { el, api } = await mount({ api: fakeApi({ users: [dana, sam, noEmail] }) });
    await until(el, 'Sam Lee');
    await openMenu(el, 'Sam Lee');
    button(el, 'Send password reset link Sam Lee').click();
    await until(el, 'We emailed Sam Lee a link');
    expect(noticeText(el)).to.equal('We emailed Sam Lee a link to choose a new password.');
    expect(api.callsTo(`POST /v1/staff/${SAM}/password-link`)).to.have.length(1);

    await openMenu(el, 'Sam Lee');
    button(el, 'End sessions Sam Lee').click();
    await until(el, 'signed out everywhere');

    await openMenu(el, 'Pat Moss');
    expect(button(el, 'Send password reset link Pat Moss').disabled).to.equal(true);
    expect(shadowText(el)).to.contain('Needs an email address');
    await expect(el).to.be.accessible();
    // Escape closes the list and gives focus back to its toggle.
    button(el, 'End sessions Pat Moss').focus();
    await sendKeys({ press: 'Escape' });
    await settle(el);
    expect(button(el, /^More actions for Pat Moss/).getAttribute('aria-expanded')).to.equal('false');
    expectFocus(button(el, /^More actions for Pat Moss/));
  });

  it('edit: name, email and role; Escape closes the dialog and focus returns', async () => {
    const { el, api } = await mount();
    await until(el, 'Sam Lee');
    const edit = button(el, 'Edit Sam Lee');
    edit.focus();
    edit.click();
    await settle(el);
    expect(input(el, 'name').value).to.equal('Sam Lee');
    await sendKeys({ press: 'Escape' });
    await settle(el);
    expect(dialog(el)).to.equal(null);
    expectFocus(edit);

    edit.click();
    await settle(el);
    type(el, 'email', '');
    (dialog(el)!.querySelector<HTMLSelectElement>('select[name="role"]')!).value = 'manager';
    submitDialog(el);
    await until(el, 'Saved the changes to Sam Lee.');
    expect(api.callsTo(`PATCH /v1/staff/${SAM}`)[0]!.body).to.deep.equal({ email: null, role: 'manager' });
    await waitUntil(() => rowOf(el, 'Sam Lee')!.textContent!.includes('Account manager'));

    // Their own login: no role choice, no disable, remove or end sessions.
    button(el, 'Edit Dana Reyes').click();
    await settle(el);
    expect(dialog(el)!.querySelector('select')).to.equal(null);
    expect(dialog(el)!.textContent).to.contain('You cannot change your own role.');
    // Nor their own email here: the profile page asks for the password and confirms it.
    expect(dialog(el)!.querySelector('[name="email"]')).to.equal(null);
    expect(dialog(el)!.textContent).to.contain('changes on your profile page');
    type(el, 'name', 'Dana M. Reyes');
    submitDialog(el);
    await until(el, 'Saved the changes to Dana M. Reyes.');
    expect(api.callsTo(`PATCH /v1/staff/${fakeId('user:manager')}`).at(-1)!.body).to.deep.equal({ name: 'Dana M. Reyes' });
    await openMenu(el, 'Dana M. Reyes');
    expect(() => button(el, 'Disable login Dana M. Reyes')).to.throw();
    expect(() => button(el, 'Remove Dana M. Reyes')).to.throw();
    expect(() => button(el, 'End sessions Dana M. Reyes')).to.throw();
  });

  it('a staff member holding "Manage staff" manages staff only: no permissions or roles, managers untouchable', async () => {
    const { el, api } = await mount({ as: kim });
    await until(el, 'Sam Lee');
    expect(() => button(el, 'Permissions Sam Lee')).to.throw();
    expect(rowOf(el, 'Dana Reyes')!.textContent).to.contain('Only a manager can change this login.');
    expect(() => button(el, 'Edit Dana Reyes')).to.throw();
    button(el, 'Add staff').click();
    await settle(el);
    expect(dialog(el)!.querySelector('select')).to.equal(null);
    expect(dialog(el)!.querySelector('input[name="permissions"]')).to.equal(null);
    expect(dialog(el)!.textContent).to.contain('New staff can view invoices');
    type(el, 'name', 'Ana Ruiz');
    type(el, 'username', 'ana');
    type(el, 'password', 'harbor-lanterns-9');
    submitDialog(el);
    await until(el, 'Ana Ruiz was added');
    expect(api.callsTo('POST /v1/staff')[0]!.body).to.deep.equal({ name: 'Ana Ruiz', username: 'ana', password: 'harbor-lanterns-9' });
  });

  it("shows the server's refusal (LAST_MANAGER) inside the confirmation", async () => {
    const { el, api } = await mount();
    await until(el, 'Sam Lee');
    api.on('POST /v1/staff/:userId/disable', () => apiError('LAST_MANAGER', 'An account needs at least one active manager. Make someone else a manager first.', 409));
    await openMenu(el, 'Sam Lee');
    button(el, 'Disable login Sam Lee').click();
    await settle(el);
    inDialog(el, 'Disable login').click();
    await until(el, 'at least one active manager');
    expect(alertText(dialog(el)!)).to.equal('An account needs at least one active manager. Make someone else a manager first.');
    expectFocus(dialog(el)!.querySelector('.alert-box'));
    await expect(el).to.be.accessible();
  });

  it('loads again when someone else signs in', async () => {
    const { el, client, api } = await mount();
    await until(el, 'Sam Lee');
    const before = api.callsTo('GET /v1/staff').length;
    await client.login({ identifier: kim.identifier, username: 'kim', password: kim.password });
    await waitUntil(() => api.callsTo('GET /v1/staff').length > before, 'list loaded again');
    await until(el, 'Only a manager can change this login.');
    await client.login({ identifier: sam.identifier, username: 'sam', password: sam.password });
    await until(el, 'Only your account manager can manage staff');
  });
});
