import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { STAFF_DEFAULT_PERMISSIONS } from '@porchlight/client';
import { PorchlightAccountManagerPage } from './account-manager-page.js';
import type { PorchlightSetupAccess } from './setup-access.js';
import { adminStaff, apiError, fakeAdminApi, owner, support, type FakeAdminApi, type FakeStaff } from './testing/fake-admin-api.js';
import { alertText, url, button, deepActive, input, mountAdmin, settle, shadowText, type, until } from './testing/helpers.js';

async function mountPage(options: { api?: FakeAdminApi; as?: FakeStaff; id?: string; width?: string } = {}) {
  const mounted = await mountAdmin<PorchlightAccountManagerPage>(
    html`<porchlight-account-manager-page account-id=${options.id ?? 'acc_harbor'}></porchlight-account-manager-page>`,
    { as: options.as ?? owner, ...(options.api ? { api: options.api } : {}), ...(options.width ? { width: options.width } : {}) },
  );
  await waitUntil(() => mounted.el.shadowRoot!.querySelector('#title'), 'the page', { timeout: 3000 });
  await settle(mounted.el);
  return mounted;
}

const form = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLFormElement>(`form[data-form="${name}"]`)!;
const formAlert = (el: Element, name: string) => el.shadowRoot!.querySelector(`[data-alert="${name}"]`)!.textContent!.replace(/\s+/g, ' ').trim();
const formNotice = (el: Element, name: string) => el.shadowRoot!.querySelector(`[data-notice="${name}"]`)!.textContent!.replace(/\s+/g, ' ').trim();
const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The embedded "Logins and access", once its list is loaded. */
async function accessOf(el: Element): Promise<PorchlightSetupAccess> {
  const access = el.shadowRoot!.querySelector<PorchlightSetupAccess>('porchlight-setup-access')!;
  await waitUntil(() => access.shadowRoot?.querySelector('.people'), 'the logins', { timeout: 3000 });
  return access;
}

/** Each fact of a login in "Logins and access" as "label: value". */
function loginFacts(access: Element, name: string): Record<string, string> {
  const row = [...access.shadowRoot!.querySelectorAll('.people > li')].find((r) => clean(r.querySelector('.name')!.textContent) === name);
  if (!row) throw new Error(`no login ${name}`);
  return Object.fromEntries([...row.querySelectorAll('.facts > div')].map((d) => [clean(d.querySelector('dt')!.textContent), clean(d.querySelector('dd')!.textContent)]));
}

/** Stubs window.open for one test. */
function stubOpen() {
  const opened: unknown[][] = [];
  const original = window.open;
  window.open = ((...args: unknown[]) => {
    opened.push(args);
    return null;
  }) as typeof window.open;
  return { opened, restore: () => (window.open = original) };
}

describe('porchlight-account-manager-page', () => {
  it('is registered', () => {
    expect(customElements.get('porchlight-account-manager-page')).to.equal(PorchlightAccountManagerPage);
  });

  it('shows the account: name, big identifier, manager login, emulate, logins and access, and audit log', async () => {
    const { el, api } = await mountPage();
    const title = el.shadowRoot!.querySelector('#title')!;
    expect(title.getAttribute('role')).to.equal('heading');
    expect(title.getAttribute('aria-level')).to.equal('2');
    expect(title.textContent).to.equal('Harbor View Condominiums');
    expect(el.shadowRoot!.querySelector('[part="identifier"]')!.textContent).to.equal('5550100');
    const facts = [...el.shadowRoot!.querySelectorAll('.facts > div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]);
    expect(facts).to.deep.equal([
      ['Customer number', 'LA-1001'],
      ['Main phone', '(555) 010-0100'],
      ['ZIP code', '60601'],
    ]);
    const sections = [...el.shadowRoot!.querySelectorAll('.section-title')].map((h) => [h.textContent, h.getAttribute('aria-level')]);
    expect(sections).to.deep.equal([
      ['Manager login', '3'],
      ['Emulate', '3'],
      ['Audit log', '3'],
    ]);
    const manager = [...el.shadowRoot!.querySelectorAll('.details.person > div')].map((d) => `${d.querySelector('dt')!.textContent}: ${d.querySelector('dd')!.textContent!.trim()}`);
    expect(manager.slice(0, 3)).to.deep.equal(['Name: Dana Reyes', 'Username: manager', 'Password: Chosen by the manager']);
    expect(manager[3]).to.match(/^Last login: \w+/);
    expect(shadowText(el)).to.contain("Assign the manager's username and temporary password");
    expect(shadowText(el)).to.contain('The manager must choose a new password when they first log in.');
    expect(input(el, 'managerUsername').value).to.equal('manager');
    // The account's logins are listed once, in "Logins and access": no office staff table or form of the page's own.
    expect(el.shadowRoot!.querySelector('[part="users"], table')).to.equal(null);
    expect(el.shadowRoot!.querySelector('form[data-form="staff"]')).to.equal(null);
    expect(shadowText(el)).not.to.contain('Create office staff');
    const order = [...el.shadowRoot!.querySelectorAll('.page > *')].map((n) => n.localName === 'section' ? n.querySelector('.section-title')?.textContent ?? 'summary' : n.localName);
    expect(order).to.deep.equal(['summary', 'div', 'porchlight-setup-access', 'porchlight-admin-tickets', 'porchlight-admin-documents', 'Audit log']);
    // What the staff table showed is there: role, password state, last login.
    const access = await accessOf(el);
    expect(loginFacts(access, 'Jordan Lee')).to.include({ Username: 'jordan', Role: 'Office staff', 'Last login': 'Never', Password: 'Temporary must change password at next login' });
    expect(loginFacts(access, 'Dana Reyes')).to.include({ Role: 'Manager' });
    expect(loginFacts(access, 'Dana Reyes').Password).to.equal(undefined, 'a chosen password needs no note');
    expect(el.shadowRoot!.querySelectorAll('.audit li')).to.have.length(20);
    expect(url(api.calls.find((c) => c.path.includes('/audit'))!)).to.equal('/v1/admin/accounts/acc_harbor/audit?limit=20');
    await expect(el).to.be.accessible();
  });

  it('copies the identifier', async () => {
    const { el } = await mountPage();
    const clipboard = navigator.clipboard;
    let copied = '';
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (text: string) => void (copied = text) } });
    try {
      button(el, 'Copy identifier').click();
      await until(el, 'Identifier 5550100 copied.');
      expect(copied).to.equal('5550100');
    } finally {
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: clipboard });
    }
  });

  it('Change identifier: the field error for a taken identifier, then the change', async () => {
    const { el, api } = await mountPage();
    const toggle = button(el, 'Change identifier');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await settle(el);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(deepActive()).to.equal(input(el, 'identifier'));
    type(el, 'identifier', '12');
    form(el, 'identifier').requestSubmit();
    await settle(el);
    expect(formAlert(el, 'identifier')).to.equal('The account identifier is 4 to 15 digits.');
    expect(api.callsTo('PATCH /v1/admin/accounts/acc_harbor')).to.have.length(0);

    type(el, 'identifier', '555-0142');
    form(el, 'identifier').requestSubmit();
    await until(el, 'Another account already uses this identifier.');
    expect(api.callsTo('PATCH /v1/admin/accounts/acc_harbor')[0]!.body).to.deep.equal({ identifier: '5550142' });
    const field = input(el, 'identifier');
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect((field.getRootNode() as ShadowRoot).getElementById('error')!.textContent).to.contain('Another account already uses this identifier.');
    expect(deepActive()).to.equal(field);
    await expect(el).to.be.accessible();

    const changed = oneEvent(el, 'porchlight-account-change');
    type(el, 'identifier', '7770001');
    form(el, 'identifier').requestSubmit();
    expect((await changed).detail.account.identifier).to.equal('7770001');
    await until(el, 'Identifier changed to 7770001');
    expect(el.shadowRoot!.querySelector('[part="identifier"]')!.textContent).to.equal('7770001');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    await until(el, 'changed identifier on Harbor View', 'the audit log reloaded');
  });

  it("assigns the manager's username and temporary password", async () => {
    const { el, api } = await mountPage({ id: 'acc_maple' });
    expect(shadowText(el)).to.contain('No manager login yet.');
    type(el, 'managerUsername', 'frontdesk');
    type(el, 'managerPassword', 'short');
    form(el, 'manager').requestSubmit();
    await settle(el);
    expect(formAlert(el, 'manager')).to.equal('Use at least 8 characters.');

    button(el, 'Suggest a password').click();
    await settle(el);
    const suggested = input(el, 'managerPassword').value;
    expect(suggested).to.match(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    type(el, 'managerName', 'Dr. Maple');
    form(el, 'manager').requestSubmit();
    await until(el, 'has its temporary password');
    expect(api.callsTo('PUT /v1/admin/accounts/acc_maple/manager')[0]!.body).to.deep.equal({ username: 'frontdesk', password: suggested, name: 'Dr. Maple' });
    expect(formNotice(el, 'manager')).to.contain('they must choose a new password when they first log in');
    expect(input(el, 'managerPassword').value).to.equal('');
    await until(el, 'must be changed at first login');
    // "Logins and access" loads again and lists the new manager login, on its temporary password.
    const access = el.shadowRoot!.querySelector<PorchlightSetupAccess>('porchlight-setup-access')!;
    await waitUntil(() => access.shadowRoot!.querySelector('.people'), 'the manager in Logins and access');
    expect(api.callsTo('GET /v1/admin/accounts/acc_maple/access').length).to.be.at.least(2);
    expect(loginFacts(access, 'Dr. Maple')).to.include({ Username: 'frontdesk', Role: 'Manager', Password: 'Temporary must change password at next login' });
    await expect(el).to.be.accessible();
  });

  it('Emulate: starts the emulation and opens its URL in a new tab (noopener)', async () => {
    const { el, api, admin } = await mountPage();
    expect(shadowText(el)).to.contain('The emulation lasts at most 60 minutes.');
    expect(shadowText(el)).to.contain('recorded in the account\'s audit log');
    expect(shadowText(el)).to.contain('“You are emulating …” with End emulation');
    const select = el.shadowRoot!.querySelector('select')!;
    expect(select.labels![0]!.textContent).to.equal('Emulate as');
    expect([...select.options].map((o) => o.textContent)).to.deep.equal(['Dana Reyes (Manager)', 'Jordan Lee (Office staff)']);
    const stub = stubOpen();
    try {
      type(el, 'reason', 'Client called: cannot find invoices');
      const started = oneEvent(admin, 'porchlight-emulation-start');
      button(el, 'Emulate').click();
      const event = await started;
      expect(event.detail.user.name).to.equal('Dana Reyes');
      expect(event.detail.opened).to.equal(true);
      expect('url' in event.detail).to.equal(false, 'no token in the event');
      expect(stub.opened).to.have.length(1);
      expect(stub.opened[0]![0]).to.match(/^https:\/\/www\.lakeside\.example\/portal#porchlight-emulation=emulation-\d+\.secret$/);
      expect(stub.opened[0]!.slice(1)).to.deep.equal(['_blank', 'noopener']);
      expect(api.callsTo('POST /v1/admin/accounts/acc_harbor/emulate')[0]!.body).to.deep.equal({ userId: 'usr_dana', reason: 'Client called: cannot find invoices' });
      await settle(el);
      expect(formNotice(el, 'emulate')).to.contain('The portal opened in a new tab as Dana Reyes.');
      const fallback = el.shadowRoot!.querySelector<HTMLAnchorElement>('[data-notice="emulate"] a')!;
      expect([fallback.target, fallback.rel]).to.deep.equal(['_blank', 'noopener noreferrer']);
      await until(el, 'started emulating manager Dana Reyes', 'the audit log reloaded');
      await expect(el).to.be.accessible();
    } finally {
      stub.restore();
    }
  });

  it('Emulate without the dealer portal address: explains settings.portalUrl, opens nothing', async () => {
    const { el } = await mountPage({ api: fakeAdminApi({ portalUrl: null }) });
    const stub = stubOpen();
    try {
      button(el, 'Emulate').click();
      await until(el, 'settings.portalUrl');
      expect(stub.opened).to.have.length(0);
      expect(formNotice(el, 'emulate')).to.contain('the dealer\'s portal address (settings.portalUrl) is not set');
      expect(formNotice(el, 'emulate')).not.to.contain('secret');
      await expect(el).to.be.accessible();
    } finally {
      stub.restore();
    }
  });

  it('office staff are set up in "Logins and access" (temporary password); the Emulate list and the audit log follow', async () => {
    const { el, api } = await mountPage();
    const access = await accessOf(el);
    button(access, 'Add a person').click();
    await waitUntil(() => access.shadowRoot!.querySelector('dialog form[data-form="setup"]'), 'the Add a person dialog');
    const choose = async (name: string, value: string) => {
      access.shadowRoot!.querySelector<HTMLInputElement>(`dialog input[name="${name}"][value="${value}"]`)!.click();
      await settle(access);
    };
    type(access, 'name', 'Riley Chen');
    type(access, 'email', 'riley.chen@harborview.example');
    await settle(access);
    type(access, 'username', 'riley');
    await choose('role', 'staff');
    await choose('credentials', 'temporary-password');
    access.shadowRoot!.querySelector<HTMLFormElement>('dialog form[data-form="setup"]')!.requestSubmit();
    await until(access, 'Riley Chen has a login with the username “riley”.');
    expect(api.callsTo('POST /v1/admin/accounts/acc_harbor/access')[0]!.body).to.deep.include({
      name: 'Riley Chen',
      email: 'riley.chen@harborview.example',
      username: 'riley',
      role: 'staff',
      permissions: [...STAFF_DEFAULT_PERMISSIONS],
      sendLoginEmail: true,
      credentials: 'temporary-password',
    });
    expect(api.callsTo('POST /v1/admin/accounts/acc_harbor/users')).to.have.length(0, 'no second way to add staff');
    await until(access, 'with a temporary password');
    expect(loginFacts(access, 'Riley Chen')).to.include({ Role: 'Office staff' });

    // The page follows: the Emulate list and the audit log load again.
    const select = el.shadowRoot!.querySelector('select')!;
    await waitUntil(() => [...select.options].some((o) => o.textContent === 'Riley Chen (Office staff)'), 'Riley Chen in the Emulate list');
    await until(el, 'set up access for Riley Chen (staff)', 'the audit log reloaded');
    await expect(el).to.be.accessible();
  });

  it('support role: write actions disabled with a note; emulate still works', async () => {
    const { el } = await mountPage({ as: support });
    expect(shadowText(el)).to.contain('Your role (Support) can look at accounts and emulate their users, but not change them.');
    expect(button(el, 'Change identifier').disabled).to.equal(true);
    const fieldset = form(el, 'manager').querySelector('fieldset')!;
    expect(fieldset.disabled).to.equal(true);
    expect(fieldset.getAttribute('aria-describedby')).to.contain('write-note');
    // The fields learn it from the fieldset (formDisabledCallback) and render once more.
    await waitUntil(() => input(el, 'managerUsername').disabled, 'fields disabled by the fieldset');
    // Disabled by its fieldset (the attribute is not set on the button itself).
    expect(button(el, 'Assign new temporary password').matches(':disabled')).to.equal(true);
    // "Logins and access" is read-only too: no Add a person.
    const access = await accessOf(el);
    expect(() => button(access, 'Add a person')).to.throw();
    expect(button(el, 'Emulate').matches(':disabled')).to.equal(false);
    expect(input(el, 'reason').disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it("shows the server's FORBIDDEN message when it still refuses", async () => {
    const api = fakeAdminApi();
    api.on('PUT /v1/admin/accounts/acc_harbor/manager', () => apiError('FORBIDDEN', 'Your back-office role does not allow this.', 403));
    api.on('POST /v1/admin/accounts/acc_harbor/emulate', () => apiError('FORBIDDEN', 'Your back-office role does not allow this.', 403));
    const { el } = await mountPage({ api, as: adminStaff });
    type(el, 'managerPassword', 'temporary pass 1');
    form(el, 'manager').requestSubmit();
    await until(el, 'does not allow this');
    expect(formAlert(el, 'manager')).to.equal('Your back-office role does not allow this.');
    await waitUntil(() => deepActive() === el.shadowRoot!.querySelector('[data-alert="manager"] .alert-box'), 'focus on the message');
    const stub = stubOpen();
    try {
      button(el, 'Emulate').click();
      await waitUntil(() => formAlert(el, 'emulate') === 'Your back-office role does not allow this.');
      expect(stub.opened).to.have.length(0);
    } finally {
      stub.restore();
    }
    await expect(el).to.be.accessible();
  });

  it('pages the audit log with "Show older entries"', async () => {
    const { el, api } = await mountPage();
    button(el, 'Show older entries').click();
    await waitUntil(() => el.shadowRoot!.querySelectorAll('.audit li').length === 25);
    expect(url(api.calls.at(-1)!)).to.equal('/v1/admin/accounts/acc_harbor/audit?limit=20&cursor=20');
    await waitUntil(() => deepActive() === el.shadowRoot!.querySelector('.audit li:nth-child(21)'), 'focus on the first older entry');
    expect(() => button(el, 'Show older entries')).to.throw();
  });

  it('embeds "Logins and access" for the account; a change there refreshes the users and the audit log', async () => {
    const { el, api } = await mountPage();
    const access = await accessOf(el);
    expect(access.getAttribute('account-id')).to.equal('acc_harbor');
    const title = access.shadowRoot!.querySelector('#title')!;
    expect(title.textContent).to.equal('Logins and access');
    expect(title.getAttribute('aria-level')).to.equal('3');
    expect([...access.shadowRoot!.querySelectorAll('.people .name')].map((n) => n.textContent)).to.deep.equal(['Dana Reyes', 'Jordan Lee']);
    expect(access.shadowRoot!.querySelector('[part="registration-key"]')!.textContent).to.equal('HV7Q-2K9M');
    const before = { users: api.callsTo('GET /v1/admin/accounts/acc_harbor/users').length, audit: api.callsTo('GET /v1/admin/accounts/acc_harbor/audit').length };
    access.dispatchEvent(new CustomEvent('porchlight-access-change', { bubbles: true, composed: true, detail: { accountId: 'acc_harbor', action: 'updated', userId: 'usr_jordan', login: null } }));
    await waitUntil(() => api.callsTo('GET /v1/admin/accounts/acc_harbor/audit').length > before.audit, 'the audit log again');
    expect(api.callsTo('GET /v1/admin/accounts/acc_harbor/users').length).to.equal(before.users + 1);
    await expect(el).to.be.accessible();
  });

  it('an unknown account: "This account could not be opened"', async () => {
    const { el } = await mountPage({ id: 'acc_nope' });
    expect(el.shadowRoot!.querySelector('#title')!.textContent).to.equal('This account could not be opened');
    expect(alertText(el)).to.contain('No account with this id was found.');
    await expect(el).to.be.accessible();
  });

  it('readable at 320px: no sideways scrolling', async () => {
    const { el } = await mountPage({ width: '320px' });
    await settle(el);
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
    for (const card of el.shadowRoot!.querySelectorAll<HTMLElement>('.card')) expect(card.scrollWidth).to.be.at.most(card.clientWidth + 1);
  });
});
