import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { PorchlightAccountManagerPage } from './account-manager-page.js';
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

  it('shows the account: name, big identifier, manager login, office staff and audit log', async () => {
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
      ['Office staff', '3'],
      ['Audit log', '3'],
    ]);
    const manager = [...el.shadowRoot!.querySelectorAll('.details.person > div')].map((d) => `${d.querySelector('dt')!.textContent}: ${d.querySelector('dd')!.textContent!.trim()}`);
    expect(manager.slice(0, 3)).to.deep.equal(['Name: Dana Reyes', 'Username: manager', 'Password: Chosen by the manager']);
    expect(manager[3]).to.match(/^Last login: \w+/);
    expect(shadowText(el)).to.contain("Assign the manager's username and temporary password");
    expect(shadowText(el)).to.contain('The manager must choose a new password when they first log in.');
    expect(input(el, 'managerUsername').value).to.equal('manager');
    const users = [...el.shadowRoot!.querySelectorAll('[part="users"] tbody tr')].map((tr) => tr.textContent!.replace(/\s+/g, ' ').trim());
    expect(users[1]).to.contain('Jordan Lee').and.contain('Office staff').and.contain('Temporary password').and.contain('Never');
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

  it("creates office staff on the manager's behalf: temporary password, or an emailed link", async () => {
    const { el, api } = await mountPage();
    expect(shadowText(el)).to.contain('New office staff can only look (View invoices).');
    type(el, 'staffName', 'Riley Chen');
    type(el, 'staffUsername', 'jordan');
    type(el, 'staffPassword', 'temporary pass 9');
    form(el, 'staff').requestSubmit();
    await until(el, 'This username is already used in this account.');
    expect(input(el, 'staffUsername').getAttribute('aria-invalid')).to.equal('true');
    expect(api.callsTo('POST /v1/admin/accounts/acc_harbor/users')[0]!.body).to.deep.equal({ name: 'Riley Chen', username: 'jordan', role: 'staff', password: 'temporary pass 9' });

    type(el, 'staffUsername', 'riley');
    form(el, 'staff').requestSubmit();
    await until(el, 'Riley Chen was added as office staff');
    expect(input(el, 'staffName').value).to.equal('', 'the form is emptied');
    await until(el, 'riley', 'in the table');

    // The emailed link needs an email address.
    el.shadowRoot!.querySelector<HTMLInputElement>('input[value="link"]')!.click();
    await settle(el);
    expect(el.shadowRoot!.querySelector('porchlight-text-field[name="staffPassword"]')).to.equal(null);
    type(el, 'staffName', 'Avery Fox');
    type(el, 'staffUsername', 'avery');
    form(el, 'staff').requestSubmit();
    await settle(el);
    expect(formAlert(el, 'staff')).to.equal('Add an email address to send the link to.');
    type(el, 'staffEmail', 'avery@harborview.example');
    form(el, 'staff').requestSubmit();
    await until(el, 'We emailed them a link');
    expect(api.callsTo('POST /v1/admin/accounts/acc_harbor/users').at(-1)!.body).to.deep.equal({
      name: 'Avery Fox',
      username: 'avery',
      role: 'staff',
      email: 'avery@harborview.example',
      sendSetPasswordLink: true,
    });
    await expect(el).to.be.accessible();
  });

  it('support role: write actions disabled with a note; emulate still works', async () => {
    const { el } = await mountPage({ as: support });
    expect(shadowText(el)).to.contain('Your role (Support) can look at accounts and emulate their users, but not change them.');
    expect(button(el, 'Change identifier').disabled).to.equal(true);
    for (const name of ['manager', 'staff']) {
      const fieldset = form(el, name).querySelector('fieldset')!;
      expect(fieldset.disabled).to.equal(true);
      expect(fieldset.getAttribute('aria-describedby')).to.contain('write-note');
    }
    // The fields learn it from the fieldset (formDisabledCallback) and render once more.
    await waitUntil(() => input(el, 'managerUsername').disabled && input(el, 'staffName').disabled, 'fields disabled by the fieldset');
    // Disabled by its fieldset (the attribute is not set on the button itself).
    expect(button(el, 'Create office staff').matches(':disabled')).to.equal(true);
    expect(button(el, 'Assign new temporary password').matches(':disabled')).to.equal(true);
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
