import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { PorchlightLogin } from './login.js';
import { dana, fakeApi, fakeDealer } from '../testing/fake-api.js';
import { button, deepActive, input, mountPortal, settle, shadowText, type, until } from '../testing/helpers.js';

async function mountLogin(api = fakeApi()) {
  return mountPortal<PorchlightLogin>(html`<porchlight-login></porchlight-login>`, { api });
}

function submit(el: PorchlightLogin) {
  el.shadowRoot!.querySelector('form')!.requestSubmit();
}

async function logIn(el: PorchlightLogin, identifier = dana.identifier, username = dana.username, password = dana.password) {
  type(el, 'identifier', identifier);
  type(el, 'username', username);
  type(el, 'password', password);
  submit(el);
  await settle(el);
}

const alertText = (el: Element) => el.shadowRoot!.querySelector('[role="alert"]')!.textContent!.replace(/\s+/g, ' ').trim();

describe('porchlight-login', () => {
  afterEach(() => sessionStorage.clear());

  it('is registered, and defining again is harmless', async () => {
    expect(customElements.get('porchlight-login')).to.equal(PorchlightLogin);
    await import('./define.js');
    expect(customElements.get('porchlight-login')).to.equal(PorchlightLogin);
  });

  it('renders a real log in form: labels, names, ids, autocomplete, inputmode, a submit button inside the form', async () => {
    const { el } = await mountLogin();
    const form = el.shadowRoot!.querySelector('form')!;
    expect(form.getAttribute('part')).to.equal('form');
    const identifier = input(el, 'identifier');
    const username = input(el, 'username');
    const password = input(el, 'password');
    expect(identifier.labels![0]!.textContent).to.equal('Account identifier');
    expect(username.labels![0]!.textContent).to.equal('Username');
    expect(password.labels![0]!.textContent).to.equal('Password');
    expect(identifier.inputMode).to.equal('numeric');
    expect([identifier.name, identifier.id]).to.deep.equal(['identifier', 'identifier']);
    expect([username.name, username.id, username.autocomplete]).to.deep.equal(['username', 'username', 'username']);
    expect([password.name, password.id, password.type, password.autocomplete]).to.deep.equal(['password', 'password', 'password', 'current-password']);
    const submitButton = button(el, 'Log in');
    expect(submitButton.type).to.equal('submit');
    expect(submitButton.form).to.equal(form);
    // The fields are form-associated: they belong to that form.
    const fields = [...el.shadowRoot!.querySelectorAll('porchlight-text-field')];
    expect(fields.map((f) => f.form)).to.deep.equal([form, form, form]);
    expect(el.shadowRoot!.querySelector('[role="heading"]')!.textContent).to.equal('Log in to your account');
    expect(button(el, 'Forgot password?').type).to.equal('button');
    await expect(el).to.be.accessible();
  });

  it("Chrome's autofill sees one form: identifier, username and password, submitted by Log in", async function () {
    const { el } = await mountLogin();
    const inputs = ['identifier', 'username', 'password'].map((n) => input(el, n));
    const ready = () => inputs.every((i) => i.hasAttribute('autofill-information'));
    await waitUntil(ready, '', { timeout: 3000 }).catch(() => undefined);
    // Only with --show-autofill-type-predictions (web-test-runner.config.mjs) in a Chrome that has autofill.
    if (!ready()) return this.skip();
    const info = inputs.map((i) => i.getAttribute('autofill-information')!);
    const formId = (text: string) => /form renderer id: (\d+)/.exec(text)?.[1];
    expect(formId(info[0]!)).to.be.a('string');
    expect(new Set(info.map(formId)).size).to.equal(1, 'one form across the shadow roots');
    for (const text of info) expect(text).to.contain('form button titles: Log in');
    expect(info[1]).to.contain('autocomplete: username');
    expect(info[2]).to.contain('autocomplete: current-password');
    expect(info[0]).not.to.match(/overall type: EMAIL/, 'the identifier is not taken for an email field');
  });

  it('shows a loading state until the portal knows the session', async () => {
    const api = fakeApi();
    api.addSession('slow.token', dana);
    const release = api.hold('GET /v1/auth/session');
    const { createClient } = await import('@porchlight/client');
    const client = createClient({ baseUrl: '/api', fetch: api.fetch });
    client.setToken('slow.token');
    const el = await fixture<PorchlightLogin>(html`<porchlight-login></porchlight-login>`, {
      parentNode: Object.assign(document.createElement('porchlight-portal'), { client }),
    });
    await settle(el);
    const loading = el.shadowRoot!.querySelector('[role="status"]')!;
    expect(loading.textContent).to.contain('Loading');
    await expect(el).to.be.accessible();
    release();
    await until(el, 'Signed in as Dana Reyes');
  });

  it('checks the fields before calling the API: alert, aria-invalid, described errors, focus on the first problem', async () => {
    const { el, api } = await mountLogin();
    type(el, 'identifier', '12');
    submit(el);
    await settle(el);
    expect(api.callsTo('POST /v1/auth/login')).to.have.length(0);
    expect(alertText(el)).to.equal('Check the highlighted fields.');
    const identifier = input(el, 'identifier');
    expect(identifier.getAttribute('aria-invalid')).to.equal('true');
    expect(identifier.getAttribute('aria-describedby')).to.contain('error');
    const field = identifier.getRootNode() as ShadowRoot;
    expect(field.getElementById('error')!.textContent).to.contain('The account identifier is 4 to 15 digits.');
    expect(input(el, 'username').getAttribute('aria-invalid')).to.equal('true');
    expect(input(el, 'password').getAttribute('aria-invalid')).to.equal('true');
    expect(deepActive()).to.equal(identifier);
    await expect(el).to.be.accessible();

    // Typing clears that field's error.
    type(el, 'identifier', '5550100');
    await settle(el);
    expect(input(el, 'identifier').getAttribute('aria-invalid')).to.equal('false');
  });

  it('wrong credentials: the neutral message in the alert region, focus on it, password emptied', async () => {
    const { el } = await mountLogin();
    await logIn(el, dana.identifier, dana.username, 'wrong password');
    await until(el, 'not right');
    expect(alertText(el)).to.equal('The account identifier, username or password is not right.');
    expect(deepActive()).to.equal(el.shadowRoot!.querySelector('.alert-box'));
    expect(input(el, 'password').value).to.equal('');
    expect(input(el, 'identifier').value).to.equal(dana.identifier, 'the identifier stays');
    await expect(el).to.be.accessible();
  });

  it('rate limited (429): says how long to wait', async () => {
    const { el } = await mountLogin(fakeApi({ rateLimitAfter: 0 }));
    await logIn(el);
    await until(el, 'Too many attempts');
    expect(alertText(el)).to.equal('Too many attempts. Wait 2 minutes and try again.');
  });

  it('busy while logging in: button disabled with "Logging in…", form aria-busy', async () => {
    const { el, api } = await mountLogin();
    const release = api.hold('POST /v1/auth/login');
    await logIn(el);
    const busyButton = el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    expect(busyButton.disabled).to.equal(true);
    expect(busyButton.textContent!.trim()).to.equal('Logging in…');
    expect(el.shadowRoot!.querySelector('form')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    // A second submit while busy does nothing.
    submit(el);
    release();
    await until(el, 'Signed in as');
    expect(api.callsTo('POST /v1/auth/login')).to.have.length(1);
  });

  it('logs in: sends the digits of the identifier, shows who is signed in and the account, focus on the heading', async () => {
    const { el, api, portal } = await mountLogin();
    const started = oneEvent(portal, 'porchlight-session-start');
    await logIn(el, '(555) 0100', 'manager', dana.password);
    expect(api.callsTo('POST /v1/auth/login')[0]!.body).to.deep.equal({ identifier: '5550100', username: 'manager', password: dana.password });
    await started;
    await until(el, 'Signed in as Dana Reyes (manager)');
    const text = shadowText(el);
    expect(text).to.contain('Harbor View Condominiums');
    expect(text).to.match(/Account identifier\s*5550100/);
    expect(text).to.match(/Customer number\s*LA-1001/);
    expect(deepActive()).to.equal(el.shadowRoot!.querySelector('[role="heading"]'));
    expect(el.shadowRoot!.querySelector('[role="heading"]')!.textContent).to.equal('Harbor View Condominiums');
    await expect(el).to.be.accessible();

    const ended = oneEvent(portal, 'porchlight-session-end');
    button(el, 'Log out').click();
    expect((await ended).detail.reason).to.equal('logout');
    await until(el, 'Forgot password?');
    expect(deepActive()).to.equal(el.shadowRoot!.querySelector('[role="heading"]'));
    expect(input(el, 'password').value).to.equal('');
  });

  it('forced password change: uses the password just typed, checks length and match, then signs in', async () => {
    const api = fakeApi({ users: [{ ...dana, mustChangePassword: true, password: 'temporary-1' }] });
    const { el } = await mountLogin(api);
    await logIn(el, dana.identifier, dana.username, 'temporary-1');
    await until(el, 'Choose a new password');
    expect(el.shadowRoot!.querySelector('porchlight-text-field[name="currentPassword"]')).to.equal(null);
    expect(input(el, 'newPassword').labels![0]!.textContent).to.equal('New password');
    expect(input(el, 'newPassword').autocomplete).to.equal('new-password');
    expect(input(el, 'confirmPassword').autocomplete).to.equal('new-password');
    // The username travels with the form for password managers.
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('form input[autocomplete="username"]')!.value).to.equal('manager');
    expect(deepActive()).to.equal(el.shadowRoot!.querySelector('[role="heading"]'));
    await expect(el).to.be.accessible();

    type(el, 'newPassword', 'short');
    submit(el);
    await settle(el);
    expect(alertText(el)).to.equal('Use at least 8 characters.');
    expect(deepActive()).to.equal(input(el, 'newPassword'));

    type(el, 'newPassword', 'harbor view lanterns');
    type(el, 'confirmPassword', 'harbor view lantern');
    submit(el);
    await settle(el);
    expect(alertText(el)).to.equal('The passwords do not match.');
    expect(deepActive()).to.equal(input(el, 'confirmPassword'));
    await expect(el).to.be.accessible();

    type(el, 'confirmPassword', 'harbor view lanterns');
    submit(el);
    await until(el, 'Your password was changed.');
    expect(api.callsTo('POST /v1/auth/password')[0]!.body).to.deep.equal({ currentPassword: 'temporary-1', newPassword: 'harbor view lanterns' });
    await until(el, 'Signed in as Dana Reyes');
  });

  it('forced password change after a reload asks for the current password; a weak one is refused on its field', async () => {
    const api = fakeApi({ users: [{ ...dana, mustChangePassword: true, password: 'temporary-1' }] });
    api.addSession('kept.token', api.users[0]!);
    const { createClient } = await import('@porchlight/client');
    const client = createClient({ baseUrl: '/api', fetch: api.fetch });
    client.setToken('kept.token');
    const { el } = await mountPortal<PorchlightLogin>(html`<porchlight-login></porchlight-login>`, { api, client });
    await until(el, 'Choose a new password');
    expect(input(el, 'currentPassword').autocomplete).to.equal('current-password');

    type(el, 'currentPassword', 'not it');
    type(el, 'newPassword', 'harbor view lanterns');
    type(el, 'confirmPassword', 'harbor view lanterns');
    submit(el);
    await until(el, 'current password is not right');
    expect(input(el, 'currentPassword').getAttribute('aria-invalid')).to.equal('true');
    expect(deepActive()).to.equal(input(el, 'currentPassword'));

    type(el, 'currentPassword', 'temporary-1');
    type(el, 'newPassword', 'password123');
    type(el, 'confirmPassword', 'password123');
    submit(el);
    await until(el, 'Choose a stronger password');
    expect((input(el, 'newPassword').getRootNode() as ShadowRoot).getElementById('error')!.textContent).to.contain('too common');
    expect(deepActive()).to.equal(input(el, 'newPassword'));
  });

  it('forgot password: identifier kept, username or email, neutral confirmation, back to log in', async () => {
    const { el, api, portal } = await mountLogin();
    type(el, 'identifier', '5550100');
    button(el, 'Forgot password?').click();
    await until(el, 'Reset your password');
    expect(deepActive()).to.equal(el.shadowRoot!.querySelector('[role="heading"]'));
    expect(input(el, 'identifier').value).to.equal('5550100');
    expect(input(el, 'user').labels![0]!.textContent).to.equal('Username or email address');
    await expect(el).to.be.accessible();

    submit(el);
    await settle(el);
    expect(alertText(el)).to.equal('Enter your username or your email address.');

    type(el, 'user', 'dana@harborview.example');
    submit(el);
    await until(el, "If the details match an account, we've sent an email");
    expect(api.callsTo('POST /v1/auth/forgot')[0]!.body).to.deep.equal({ identifier: '5550100', email: 'dana@harborview.example' });
    expect(shadowText(el)).to.contain('or contact Lakeside Alarm Co.');
    expect(portal.currentSession).to.equal(null);
    await expect(el).to.be.accessible();

    button(el, 'Back to log in').click();
    await until(el, 'Forgot password?');
    button(el, 'Forgot password?').click();
    await until(el, 'Reset your password');
    type(el, 'user', 'manager');
    submit(el);
    await until(el, 'Check your email');
    expect(api.callsTo('POST /v1/auth/forgot')[1]!.body).to.deep.equal({ identifier: '5550100', username: 'manager' });
  });

  it('keyboard only: Tab into the form, type, Enter logs in; Tab to Log out, Enter logs out', async () => {
    const api = fakeApi();
    const { createClient } = await import('@porchlight/client');
    const client = createClient({ baseUrl: '/api', fetch: api.fetch });
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <button id="before">Before</button>
      <porchlight-portal .client=${client}><porchlight-login></porchlight-login></porchlight-portal>
    </div>`);
    const el = wrapper.querySelector('porchlight-login')!;
    await until(el, 'Forgot password?');
    wrapper.querySelector<HTMLButtonElement>('#before')!.focus();

    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(input(el, 'identifier'));
    await sendKeys({ type: '5550100' });
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(input(el, 'username'));
    await sendKeys({ type: 'manager' });
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(input(el, 'password'));
    await sendKeys({ type: dana.password });
    await sendKeys({ press: 'Enter' });
    await until(el, 'Signed in as Dana Reyes (manager)');

    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(button(el, 'Log out'));
    await sendKeys({ press: 'Enter' });
    await until(el, 'Forgot password?');

    // Forgot password? is reachable too: after the submit button.
    input(el, 'password').focus();
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(button(el, 'Log in'));
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(button(el, 'Forgot password?'));
    await sendKeys({ press: 'Enter' });
    await until(el, 'Reset your password');
  });

  it('the API failing during log in: a readable message, the form stays usable', async () => {
    const { el, api } = await mountLogin();
    api.offline();
    await logIn(el);
    await until(el, 'could not be reached');
    expect(button(el, 'Log in').disabled).to.equal(false);
  });

  it('outside a portal: an error state that says what to do', async () => {
    const el = await fixture<PorchlightLogin>(html`<porchlight-login></porchlight-login>`);
    await waitUntil(() => shadowText(el).includes('porchlight-portal'));
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('sign-up links: none unless the dealer offers them; each fires porchlight-onboarding-navigate', async () => {
    const { el } = await mountLogin();
    expect(el.shadowRoot!.querySelector('[part="onboarding"]')).to.equal(null);
    expect(shadowText(el)).not.to.contain('New customer?');

    const both = fakeApi({ dealer: { ...fakeDealer, onboarding: { registration: true, requestAccess: true } } });
    const { el: offered } = await mountLogin(both);
    const lines = [...offered.shadowRoot!.querySelectorAll('[part="onboarding"]')].map((p) => p.textContent!.replace(/\s+/g, ' ').trim());
    expect(lines).to.deep.equal(['New customer? Register with your invoice', 'Need access? Request it']);
    let navigated = oneEvent(offered, 'porchlight-onboarding-navigate');
    button(offered, 'Register with your invoice').click();
    const first = await navigated;
    expect(first.detail).to.deep.equal({ to: 'register' });
    expect([first.bubbles, first.composed]).to.deep.equal([true, true]);
    navigated = oneEvent(offered, 'porchlight-onboarding-navigate');
    button(offered, 'Request it').click();
    expect((await navigated).detail).to.deep.equal({ to: 'request-access' });
    await expect(offered).to.be.accessible();

    // Only registration offered: only that line.
    const one = fakeApi({ dealer: { ...fakeDealer, onboarding: { registration: true, requestAccess: false } } });
    const { el: single } = await mountLogin(one);
    expect(shadowText(single)).to.contain('Register with your invoice');
    expect(shadowText(single)).not.to.contain('Need access?');

    // Signed in: no sign-up links.
    await logIn(offered);
    await until(offered, 'Signed in as');
    expect(offered.shadowRoot!.querySelector('[part="onboarding"]')).to.equal(null);
  });

  it('with register-href and request-access-href the sign-up links are real links to those pages', async () => {
    const api = fakeApi({ dealer: { ...fakeDealer, onboarding: { registration: true, requestAccess: true } } });
    const { el } = await mountPortal<PorchlightLogin>(
      html`<porchlight-login register-href="/register" request-access-href="/request-access"></porchlight-login>`,
      { api },
    );
    const links = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part="onboarding"] a')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).to.deep.equal([
      ['Register with your invoice', '/register'],
      ['Request it', '/request-access'],
    ]);
    expect(el.shadowRoot!.querySelectorAll('[part="onboarding"] button')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('exposes parts for theming', async () => {
    const { el } = await mountLogin();
    const parts = new Set([...el.shadowRoot!.querySelectorAll('[part]')].flatMap((n) => n.getAttribute('part')!.split(' ')));
    for (const p of ['card', 'title', 'form', 'field', 'button', 'link', 'error', 'notice']) expect(parts.has(p), p).to.equal(true);
    expect(el.shadowRoot!.querySelector('porchlight-text-field')!.getAttribute('exportparts')).to.contain('input');
  });
});
