import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { isPorchlightError } from '@porchlight/client';
import { PorchlightAdminStaff } from './dealer-staff.js';
import type { DealerStaffChangeDetail } from './events.js';
import './define.js';
import { apiError, fakeAdminApi, type FakeAdminApi, type FakeStaff } from './testing/fake-admin-api.js';
import { button, deepActive, input, mountAdmin, settle, shadowText, type, until } from './testing/helpers.js';


/** A fresh cast per test: the fake changes these records in place. */
function people() {
  const olivia: FakeStaff = { email: 'olivia@lakeside.example', password: 'owner passphrase', name: 'Olivia Park', role: 'owner' };
  const pat: FakeStaff = { email: 'pat@lakeside.example', password: 'admin passphrase', name: 'Pat Dispatcher', role: 'admin' };
  const sam: FakeStaff = { email: 'sam@lakeside.example', password: 'support passphrase', name: 'Sam Ortiz', role: 'support' };
  const riley: FakeStaff = { email: 'riley@lakeside.example', password: 'temporary one', name: 'Riley Chen', role: 'support', mustChangePassword: true, lastLoginAt: null };
  const casey: FakeStaff = { email: 'casey@lakeside.example', password: 'casey passphrase', name: 'Casey Brooks', role: 'admin', status: 'disabled' };
  return { olivia, pat, sam, riley, casey, all: [olivia, pat, sam, riley, casey] };
}

async function mountStaff(o: { as?: (p: ReturnType<typeof people>) => FakeStaff; api?: FakeAdminApi; cast?: ReturnType<typeof people>; width?: string } = {}) {
  const cast = o.cast ?? people();
  const api = o.api ?? fakeAdminApi({ staff: cast.all });
  const as = o.as ? o.as(cast) : cast.olivia;
  const mounted = await mountAdmin<PorchlightAdminStaff>(html`<porchlight-admin-staff></porchlight-admin-staff>`, { api, as, ...(o.width ? { width: o.width } : {}) });
  return { ...mounted, cast };
}

async function mountList(o: Parameters<typeof mountStaff>[0] = {}) {
  const mounted = await mountStaff(o);
  await waitUntil(() => mounted.el.shadowRoot!.querySelector('tbody tr'), 'the list', { timeout: 3000 });
  await settle(mounted.el);
  return mounted;
}

const root = (el: Element) => el.shadowRoot!;
const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const dialog = (el: Element) => root(el).querySelector('dialog');
const rowOf = (el: Element, name: string) => [...root(el).querySelectorAll<HTMLTableRowElement>('tbody tr')].find((r) => r.querySelector('.name')!.textContent === name)!;
/** Each cell as "label value" (the label shows on narrow screens only). */
const cells = (row: HTMLTableRowElement) => [...row.querySelectorAll('td')].map((td) => words(td));
/** The text nodes of `node`, one space between each. */
function words(node: Node): string {
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  while (walker.nextNode()) parts.push(walker.currentNode.textContent!);
  return clean(parts.join(' '));
}
const dialogAlert = (el: Element) => clean(dialog(el)!.querySelector('[role="alert"]')!.textContent);
const listNotice = (el: Element) => clean(root(el).querySelector('[data-notice="list"]')!.textContent);
const listAlert = (el: Element) => clean(root(el).querySelector('[data-alert="list"]')!.textContent);
const dialogButton = (el: Element, name: string) => {
  const found = [...dialog(el)!.querySelectorAll('button')].find((b) => clean(b.textContent) === name);
  if (!found) throw new Error(`no dialog button ${name}`);
  return found;
};
const submitDialog = (el: Element) => dialog(el)!.querySelector('form')!.requestSubmit();
const radio = (el: Element, role: string) => dialog(el)!.querySelector<HTMLInputElement>(`input[name="role"][value="${role}"]`)!;
const describe_ = (e: Element | null) => (e ? `<${e.localName}> ${clean(e.textContent).slice(0, 50)}` : 'nothing');
function expectFocus(target: Element | null | undefined, what = describe_(target ?? null)) {
  const active = deepActive();
  expect(active === target, `focus on ${what}, got ${describe_(active)}`).to.equal(true);
}
/** The next porchlight-dealer-staff-change. */
const nextChange = (el: Element) => oneEvent(el, 'porchlight-dealer-staff-change' as 'click') as unknown as Promise<CustomEvent<DealerStaffChangeDetail>>;

describe('porchlight-admin-staff', () => {
  it('lists the logins for an owner: name, email, role, status, password, last sign-in; own row says "This is you"', async () => {
    const { el, api } = await mountList();
    const title = root(el).querySelector('#title')!;
    expect(title.textContent).to.equal('Back-office logins');
    expect(title.getAttribute('aria-level')).to.equal('2');
    expect(api.callsTo('GET /v1/admin/staff')).to.have.length(1);
    expect(api.callsTo('GET /v1/admin/staff')[0]!.search).to.equal('?limit=100');
    const headers = [...root(el).querySelectorAll('th')].map((th) => clean(th.textContent));
    expect(headers).to.deep.equal(['Name', 'Role', 'Status', 'Password', 'Last sign-in', 'Actions']);
    expect(root(el).querySelectorAll('tbody tr')).to.have.length(5);

    const pat = cells(rowOf(el, 'Pat Dispatcher'));
    expect(pat.slice(0, 4)).to.deep.equal(['Name Pat Dispatcher pat@lakeside.example', 'Role Admin', 'Status Active', 'Password Chosen by them']);
    expect(pat[4]).to.match(/^Last sign-in \w+/).and.not.contain('Never');
    expect(rowOf(el, 'Pat Dispatcher').querySelector('time')!.getAttribute('datetime')).to.match(/^\d{4}-/);
    expect(pat[5]).to.equal('Change role of Pat Dispatcher Disable the login of Pat Dispatcher Set temporary password for Pat Dispatcher');

    const riley = cells(rowOf(el, 'Riley Chen'));
    expect(riley[3]).to.equal('Password Temporary To be changed at their next sign-in');
    expect(riley[4]).to.equal('Last sign-in Never');
    const casey = cells(rowOf(el, 'Casey Brooks'));
    expect(casey[2]).to.equal('Status Disabled');
    expect(casey[5]).to.contain('Re-enable the login of Casey Brooks');

    const own = rowOf(el, 'Olivia Park');
    expect(cells(own)[1]).to.equal('Role Owner');
    expect(own.querySelectorAll('button')).to.have.length(0);
    expect(words(own.querySelector('.actions-cell')!)).to.equal('This is you Another owner can change your role or login.');

    expect(button(el, 'Add a login')).to.exist;
    expect(root(el).querySelector('[data-alert="list"]')!.getAttribute('role')).to.equal('alert');
    expect(root(el).querySelector('[data-notice="list"]')!.getAttribute('role')).to.equal('status');
    await expect(el).to.be.accessible();
  });

  it('the server refuses changes to your own login too (FORBIDDEN)', async () => {
    const { client, cast } = await mountList();
    const me = (await client.dealerStaff.list()).items.find((s) => s.email === cast.olivia.email)!;
    for (const change of [{ role: 'admin' as const }, { status: 'disabled' as const }, { password: 'a new temporary one' }]) {
      const error = await client.dealerStaff.update(me.id, change).catch((e: unknown) => e);
      expect(isPorchlightError(error) && error.code, JSON.stringify(change)).to.equal('FORBIDDEN');
    }
  });

  it('someone without "dealer-staff.manage" sees a polite note, no list, and nothing is requested', async () => {
    for (const as of [(p: ReturnType<typeof people>) => p.sam, (p: ReturnType<typeof people>) => p.pat]) {
      const { el, api } = await mountStaff({ as });
      await until(el, 'Only an owner can manage back-office logins.');
      expect(root(el).querySelector('[part="not-allowed"]')).to.exist;
      expect(root(el).querySelector('table')).to.equal(null);
      expect(() => button(el, 'Add a login')).to.throw();
      expect(api.callsTo('GET /v1/admin/staff')).to.have.length(0);
      expect(api.calls.filter((c) => c.path.startsWith('/v1/admin/staff'))).to.have.length(0);
      await expect(el).to.be.accessible();
    }
  });

  it('adds a login: role explanations, Suggest a password, EMAIL_TAKEN on the email field, then the new row', async () => {
    const { el, api } = await mountList();
    const add = button(el, 'Add a login');
    add.focus();
    add.click();
    await settle(el);
    const d = dialog(el)!;
    expect(d.open).to.equal(true);
    expect(clean(d.querySelector('#dialog-title')!.textContent)).to.equal('Add a back-office login');
    expect(d.querySelector('#dialog-title')!.getAttribute('aria-level')).to.equal('3');
    await waitUntil(() => deepActive() === input(el, 'name'), 'focus on Name');
    expect(radio(el, 'support').checked).to.equal(true);
    const help = (role: string) => clean(d.querySelector(`#${radio(el, role).getAttribute('aria-describedby')}`)!.textContent);
    expect(help('owner')).to.equal('Everything, including adding and changing back-office logins.');
    expect(help('admin')).to.contain('no back-office logins');
    expect(help('support')).to.contain('changes nothing');
    expect(radio(el, 'owner').labels![0]!.textContent).to.equal('Owner');
    await expect(el).to.be.accessible();

    // Checked in the browser first.
    submitDialog(el);
    await settle(el);
    expect(dialogAlert(el)).to.equal('Check the highlighted fields.');
    expect(input(el, 'name').getAttribute('aria-invalid')).to.equal('true');
    expectFocus(input(el, 'name'));
    expect(api.callsTo('POST /v1/admin/staff')).to.have.length(0);

    type(el, 'name', 'Jamie Fox');
    type(el, 'email', 'PAT@lakeside.example');
    radio(el, 'admin').click();
    button(el, 'Suggest a password').click();
    await settle(el);
    const suggested = input(el, 'password').value;
    expect(suggested).to.match(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expectFocus(input(el, 'password'));
    submitDialog(el);
    await until(el, 'Another back-office login already uses this email address.');
    expect(api.callsTo('POST /v1/admin/staff')[0]!.body).to.deep.equal({ name: 'Jamie Fox', email: 'PAT@lakeside.example', role: 'admin', password: suggested });
    const email = input(el, 'email');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect((email.getRootNode() as ShadowRoot).getElementById('error')!.textContent).to.contain('Another back-office login already uses this email address.');
    expectFocus(email);
    expect(dialog(el)!.open, 'the dialog stays open').to.equal(true);
    await expect(el).to.be.accessible();

    const changed = nextChange(el);
    type(el, 'email', 'jamie@lakeside.example');
    submitDialog(el);
    const event = await changed;
    expect(event.detail.action).to.equal('added');
    expect(event.detail.staff).to.include({ name: 'Jamie Fox', email: 'jamie@lakeside.example', role: 'admin', status: 'active', mustChangePassword: true, lastLoginAt: null });
    expect(event.bubbles && event.composed).to.equal(true);
    await settle(el);
    expect(dialog(el)).to.equal(null);
    expect(listNotice(el)).to.contain('Jamie Fox can now sign in to the back office as Admin');
    const row = cells(rowOf(el, 'Jamie Fox'));
    expect(row.slice(1, 5)).to.deep.equal(['Role Admin', 'Status Active', 'Password Temporary To be changed at their next sign-in', 'Last sign-in Never']);
    expectFocus(add, 'Add a login');
    expect(api.staff.find((s) => s.email === 'jamie@lakeside.example')!.password).to.equal(suggested);
  });

  it('a weak temporary password is refused on its field', async () => {
    const { el } = await mountList();
    button(el, 'Add a login').click();
    await settle(el);
    type(el, 'name', 'Jamie Fox');
    type(el, 'email', 'jamie@lakeside.example');
    type(el, 'password', 'short');
    submitDialog(el);
    await settle(el);
    expect(dialogAlert(el)).to.equal('Use at least 8 characters.');
    type(el, 'password', 'password123');
    submitDialog(el);
    await until(el, 'This password is too common.');
    expect(input(el, 'password').getAttribute('aria-invalid')).to.equal('true');
    expectFocus(input(el, 'password'));
  });

  it('changes a role', async () => {
    const { el, api } = await mountList();
    const opener = button(el, 'Change role of Pat Dispatcher');
    opener.focus();
    opener.click();
    await settle(el);
    expect(clean(dialog(el)!.querySelector('#dialog-title')!.textContent)).to.equal('Change the role of Pat Dispatcher');
    expect(radio(el, 'admin').checked).to.equal(true);
    expectFocus(radio(el, 'admin'));
    expect(shadowText(el)).to.contain("The change applies to Pat Dispatcher's next click; they stay signed in.");
    await expect(el).to.be.accessible();

    const changed = nextChange(el);
    radio(el, 'support').click();
    submitDialog(el);
    const event = await changed;
    expect(event.detail.action).to.equal('updated');
    expect(event.detail.staff).to.include({ name: 'Pat Dispatcher', role: 'support' });
    expect(api.callsTo(`PATCH /v1/admin/staff/${event.detail.staff.id}`)[0]!.body).to.deep.equal({ role: 'support' });
    await settle(el);
    expect(dialog(el)).to.equal(null);
    expect(cells(rowOf(el, 'Pat Dispatcher'))[1]).to.equal('Role Support');
    expect(listNotice(el)).to.equal('Pat Dispatcher is now Support. The change applies to their next click; they stay signed in.');
    expectFocus(opener);

    // The same role again: nothing to send.
    opener.click();
    await settle(el);
    submitDialog(el);
    await settle(el);
    expect(dialog(el)).to.equal(null);
    expect(api.calls.filter((c) => c.method === 'PATCH')).to.have.length(1);
  });

  it('LAST_OWNER: the refusal shows in the dialog, which stays open', async () => {
    const cast = people();
    cast.pat.role = 'owner';
    const { el, api } = await mountList({ cast });
    const patId = rowOf(el, 'Pat Dispatcher').dataset.staffId!;
    // Olivia is demoted by another owner at the same moment: the server keeps one active owner.
    api.on(`PATCH /v1/admin/staff/${patId}`, () =>
      apiError('LAST_OWNER', 'This is the last active owner: make someone else an owner before demoting or disabling this login.', 409),
    );
    button(el, 'Change role of Pat Dispatcher').click();
    await settle(el);
    radio(el, 'admin').click();
    submitDialog(el);
    await until(el, 'This is the last active owner');
    expect(dialogAlert(el)).to.equal('This is the last active owner: make someone else an owner before demoting or disabling this login.');
    expectFocus(dialog(el)!.querySelector('[role="alert"] .alert-box'), 'the alert');
    expect(dialog(el)!.open).to.equal(true);
    expect(cells(rowOf(el, 'Pat Dispatcher'))[1]).to.equal('Role Owner');
    await expect(el).to.be.accessible();
  });

  it('the fake keeps the last active owner, like the server', async () => {
    const cast = people();
    const api = fakeAdminApi({ staff: cast.all });
    // Olivia is the only active owner; a second owner tries to demote her just after being disabled.
    const other: FakeStaff = { email: 'kim@lakeside.example', password: 'kim passphrase', name: 'Kim Owner', role: 'owner' };
    api.staff.push(other);
    const token = api.signIn(other);
    other.status = 'disabled';
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const list = await (await api.fetch('/v1/admin/staff', { headers })).json();
    const olivia = list.items.find((s: { name: string }) => s.name === 'Olivia Park');
    const answer = await api.fetch(`/v1/admin/staff/${olivia.id}`, { method: 'PATCH', headers, body: JSON.stringify({ role: 'admin' }) });
    expect(answer.status).to.equal(409);
    expect((await answer.json()).error.code).to.equal('LAST_OWNER');
    expect(cast.olivia.role).to.equal('owner');
  });

  it('FORBIDDEN (demoted meanwhile by another owner): the message shows in the dialog', async () => {
    const { el, cast } = await mountList();
    cast.olivia.role = 'admin';
    button(el, 'Set temporary password for Sam Ortiz').click();
    await settle(el);
    type(el, 'password', 'kq7m-3xhp-w2ra');
    submitDialog(el);
    await until(el, 'Your back-office role does not allow this.');
    expect(dialogAlert(el)).to.equal('Your back-office role does not allow this.');
    await expect(el).to.be.accessible();
  });

  it('disables with a confirmation (Cancel first), then re-enables', async () => {
    const { el, api, cast } = await mountList();
    api.signIn(cast.pat);
    expect(api.sessionsOf(cast.pat)).to.equal(1);
    const toggle = button(el, 'Disable the login of Pat Dispatcher');
    toggle.focus();
    toggle.click();
    await settle(el);
    expect(clean(dialog(el)!.querySelector('#dialog-title')!.textContent)).to.equal('Disable the login of Pat Dispatcher?');
    expect(dialog(el)!.classList.contains('confirm')).to.equal(true);
    expect(shadowText(el)).to.contain('Pat Dispatcher is signed out at once and can no longer sign in to the back office.');
    expectFocus(dialogButton(el, 'Cancel'));
    await expect(el).to.be.accessible();
    dialogButton(el, 'Cancel').click();
    await settle(el);
    expect(dialog(el)).to.equal(null);
    expectFocus(toggle);
    expect(api.calls.filter((c) => c.method === 'PATCH')).to.have.length(0);

    toggle.click();
    await settle(el);
    const disabled = nextChange(el);
    dialogButton(el, 'Disable login').click();
    const event = await disabled;
    expect(event.detail.action).to.equal('disabled');
    expect(event.detail.staff.status).to.equal('disabled');
    expect(api.calls.filter((c) => c.method === 'PATCH')[0]!.body).to.deep.equal({ status: 'disabled' });
    await settle(el);
    expect(dialog(el)).to.equal(null);
    expect(cells(rowOf(el, 'Pat Dispatcher'))[2]).to.equal('Status Disabled');
    expect(listNotice(el)).to.contain('The login of Pat Dispatcher is disabled');
    expect(api.sessionsOf(cast.pat)).to.equal(0);
    expectFocus(toggle);
    expect(clean(toggle.textContent)).to.equal('Re-enable the login of Pat Dispatcher');
    const refused = await api.fetch('/v1/admin/auth/login', { method: 'POST', body: JSON.stringify({ email: cast.pat.email, password: cast.pat.password }) });
    expect(refused.status).to.equal(401);

    const enabled = nextChange(el);
    toggle.click();
    expect((await enabled).detail).to.deep.include({ action: 'enabled' });
    expect(api.calls.filter((c) => c.method === 'PATCH')[1]!.body).to.deep.equal({ status: 'active' });
    await settle(el);
    expect(cells(rowOf(el, 'Pat Dispatcher'))[2]).to.equal('Status Active');
    expect(listNotice(el)).to.equal('Pat Dispatcher can sign in to the back office again.');
    expectFocus(toggle);
    expect(clean(toggle.textContent)).to.equal('Disable the login of Pat Dispatcher');
  });

  it('sets a temporary password: says their sessions end and they choose a new one at next sign-in', async () => {
    const { el, api, cast } = await mountList();
    api.signIn(cast.sam);
    const opener = button(el, 'Set temporary password for Sam Ortiz');
    opener.focus();
    opener.click();
    await settle(el);
    expect(clean(dialog(el)!.querySelector('#dialog-title')!.textContent)).to.equal('Set a temporary password for Sam Ortiz');
    const facts = clean(dialog(el)!.querySelector('.facts-list')!.textContent);
    expect(facts).to.contain('Sam Ortiz is signed out of the back office everywhere, at once.');
    expect(facts).to.contain('then must choose a new one');
    await waitUntil(() => deepActive() === input(el, 'password'), 'focus on the password');
    await expect(el).to.be.accessible();

    submitDialog(el);
    await settle(el);
    expect(dialogAlert(el)).to.equal('Enter a temporary password.');
    expect(api.calls.filter((c) => c.method === 'PATCH')).to.have.length(0);

    const changed = nextChange(el);
    type(el, 'password', 'kq7m-3xhp-w2ra');
    submitDialog(el);
    const event = await changed;
    expect(event.detail.action).to.equal('password-set');
    expect(event.detail.staff.mustChangePassword).to.equal(true);
    expect(api.calls.filter((c) => c.method === 'PATCH')[0]!.body).to.deep.equal({ password: 'kq7m-3xhp-w2ra' });
    await settle(el);
    expect(api.sessionsOf(cast.sam)).to.equal(0);
    expect(cast.sam.password).to.equal('kq7m-3xhp-w2ra');
    expect(cells(rowOf(el, 'Sam Ortiz'))[3]).to.equal('Password Temporary To be changed at their next sign-in');
    expect(listNotice(el)).to.contain('Sam Ortiz has a new temporary password and was signed out everywhere.');
    expectFocus(opener);
  });

  it('keyboard: Escape closes a dialog and focus goes back to the button that opened it', async () => {
    const { el } = await mountList();
    const opener = button(el, 'Change role of Sam Ortiz');
    opener.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(dialog(el)!.open).to.equal(true);
    expectFocus(radio(el, 'support'));
    await sendKeys({ press: 'ArrowUp' });
    expect(radio(el, 'admin').checked).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await settle(el);
    expect(dialog(el)).to.equal(null);
    expectFocus(opener);
  });

  it('loading, then a failure with Retry', async () => {
    const api = fakeAdminApi({ staff: people().all });
    const release = api.hold('GET /v1/admin/staff');
    const { el } = await mountStaff({ api });
    await until(el, 'Loading back-office logins…');
    expect(root(el).querySelector('[part="loading"]')!.getAttribute('role')).to.equal('status');
    api.offline();
    release();
    await until(el, 'could not be reached');
    expect(listAlert(el)).to.contain('could not be reached');
    expect(root(el).querySelector('table')).to.equal(null);
    await expect(el).to.be.accessible();
    api.online();
    button(el, 'Retry').click();
    await waitUntil(() => root(el).querySelector('tbody tr'), 'the list after Retry', { timeout: 3000 });
    expect(listAlert(el)).to.equal('');
    expectFocus(root(el).querySelector('#title'), 'the heading');
  });

  it('an empty list says so', async () => {
    const api = fakeAdminApi({ staff: people().all });
    api.on('GET /v1/admin/staff', () => new Response(JSON.stringify({ items: [], cursor: null }), { headers: { 'content-type': 'application/json' } }));
    const { el } = await mountStaff({ api });
    await until(el, 'No back-office logins yet.');
    await expect(el).to.be.accessible();
  });

  it('a re-enable that fails shows in the page alert', async () => {
    const { el, api } = await mountList();
    const id = rowOf(el, 'Casey Brooks').dataset.staffId!;
    api.on(`PATCH /v1/admin/staff/${id}`, () => apiError('FORBIDDEN', 'Your back-office role does not allow this.', 403));
    button(el, 'Re-enable the login of Casey Brooks').click();
    await until(el, 'Your back-office role does not allow this.');
    expect(listAlert(el)).to.equal('Your back-office role does not allow this.');
    expectFocus(root(el).querySelector('[data-alert="list"] .alert-box'), 'the alert');
    expect(cells(rowOf(el, 'Casey Brooks'))[2]).to.equal('Status Disabled');
  });

  it('a new person signing in starts afresh: a support person then sees the note', async () => {
    const { el, client, api, cast } = await mountList();
    await client.logout();
    await client.login({ email: cast.sam.email, password: cast.sam.password });
    await until(el, 'Only an owner can manage back-office logins.');
    expect(root(el).querySelector('table')).to.equal(null);
    expect(api.callsTo('GET /v1/admin/staff')).to.have.length(1);
  });

  it('readable at 320px: no sideways scrolling, rows become label: value', async () => {
    const { el } = await mountList({ width: '320px' });
    await settle(el);
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
    const label = root(el).querySelector('.cell-label')!;
    expect(getComputedStyle(label).display).to.equal('block');
    expect(getComputedStyle(root(el).querySelector('thead')!).position).to.equal('absolute');
    await expect(el).to.be.accessible();
  });

  it('outside <porchlight-admin>: says where it belongs', async () => {
    const el = await fixture<PorchlightAdminStaff>(html`<porchlight-admin-staff></porchlight-admin-staff>`);
    await settle(el);
    expect(shadowText(el)).to.contain('Place it inside <porchlight-admin api="…">');
  });
});
