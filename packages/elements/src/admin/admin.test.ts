import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createAdminClient } from '@porchlight/client';
import { PorchlightAdmin } from './admin.js';
import { PorchlightAdminSignIn } from './sign-in.js';
import { adminStaff, apiError, fakeAdminApi, owner, support } from './testing/fake-admin-api.js';
import { alertText, button, deepActive, input, mountAdmin, settle, shadowText, signInCard, type, until } from './testing/helpers.js';

function submit(el: Element) {
  el.shadowRoot!.querySelector('form')!.requestSubmit();
}

async function signIn(card: PorchlightAdminSignIn, email: string, password: string) {
  type(card, 'email', email);
  type(card, 'password', password);
  submit(card);
  await settle(card);
}

const slotted = html`<p id="inside">Back-office content</p>`;
const contentHidden = (admin: PorchlightAdmin) => admin.shadowRoot!.querySelector<HTMLElement>('[part="content"]')!.hidden;

describe('porchlight-admin', () => {
  afterEach(() => sessionStorage.clear());

  it('is registered with its sign-in card, and defining again is harmless', async () => {
    expect(customElements.get('porchlight-admin')).to.equal(PorchlightAdmin);
    expect(customElements.get('porchlight-admin-sign-in')).to.equal(PorchlightAdminSignIn);
    await import('./define.js');
    expect(customElements.get('porchlight-admin')).to.equal(PorchlightAdmin);
  });

  it('shows a loading state, then (signed out) its sign-in card and not the content', async () => {
    const api = fakeAdminApi();
    const release = api.hold('GET /v1/dealer');
    const { admin } = await mountAdmin(slotted, { api, ready: false });
    await settle();
    const loading = admin.shadowRoot!.querySelector('[part="loading"]')!;
    expect(loading.getAttribute('role')).to.equal('status');
    expect(loading.textContent).to.contain('Loading the back office');
    expect(contentHidden(admin)).to.equal(true);
    release();
    await waitUntil(() => admin.shadowRoot!.querySelector('porchlight-admin-sign-in'));
    const card = signInCard(admin);
    await settle(card);
    expect(card.shadowRoot!.querySelector('[role="heading"]')!.textContent).to.equal('Sign in to the back office');
    expect(shadowText(card)).to.contain('Lakeside Alarm Co. staff');
    const email = input(card, 'email');
    const password = input(card, 'password');
    expect(email.labels![0]!.textContent).to.equal('Email address');
    expect([email.type, email.autocomplete]).to.deep.equal(['email', 'username']);
    expect([password.type, password.autocomplete]).to.deep.equal(['password', 'current-password']);
    expect(button(card, 'Sign in').type).to.equal('submit');
    expect(contentHidden(admin)).to.equal(true);
    expect(api.callsTo('GET /v1/admin/auth/session')).to.have.length(0, 'no token: no session call');
    await expect(admin).to.be.accessible();
  });

  it('creates its client from attributes, with a storage key of its own', async () => {
    const api = fakeAdminApi();
    const original = window.fetch;
    window.fetch = api.fetch;
    try {
      const admin = await fixture<PorchlightAdmin>(html`<porchlight-admin api="/api/porchlight/" dealer="lakeside" persist="session-storage"></porchlight-admin>`);
      await waitUntil(() => admin.shadowRoot!.querySelector('porchlight-admin-sign-in'));
      expect(admin.client!.baseUrl).to.equal('/api/porchlight');
      expect(admin.client!.persist).to.equal('session-storage');
      expect(api.calls[0]!.path).to.equal('/v1/dealer');
      expect(api.calls[0]!.headers['porchlight-dealer']).to.equal('lakeside');
      const card = signInCard(admin);
      await settle(card);
      await signIn(card, owner.email, owner.password);
      await waitUntil(() => admin.currentSession !== null);
      expect(Object.keys(sessionStorage)).to.deep.equal(['porchlight.admin-session:lakeside@/api/porchlight']);
    } finally {
      window.fetch = original;
    }
  });

  it('sign-in checks the fields first: alert, invalid fields, focus on the first problem', async () => {
    const { admin, api } = await mountAdmin(slotted);
    const card = signInCard(admin);
    type(card, 'email', 'not an email');
    submit(card);
    await settle(card);
    expect(api.callsTo('POST /v1/admin/auth/login')).to.have.length(0);
    expect(alertText(card)).to.equal('Check the highlighted fields.');
    expect(input(card, 'email').getAttribute('aria-invalid')).to.equal('true');
    expect(input(card, 'password').getAttribute('aria-invalid')).to.equal('true');
    expect(deepActive()).to.equal(input(card, 'email'));
    await expect(admin).to.be.accessible();
  });

  it('sign-in error: the server message in the alert, focus on it, the password emptied', async () => {
    const { admin } = await mountAdmin(slotted);
    const card = signInCard(admin);
    await signIn(card, owner.email, 'wrong password');
    await until(card, 'not right');
    expect(alertText(card)).to.equal('The email or password is not right.');
    expect(deepActive()).to.equal(card.shadowRoot!.querySelector('.alert-box'));
    expect(input(card, 'password').value).to.equal('');
    expect(input(card, 'email').value).to.equal(owner.email);
    expect(contentHidden(admin)).to.equal(true);
    await expect(admin).to.be.accessible();
  });

  it('throttled sign-in: says how long to wait (Retry-After)', async () => {
    const { admin } = await mountAdmin(slotted, { api: fakeAdminApi({ rateLimitAfter: 0 }) });
    const card = signInCard(admin);
    await signIn(card, owner.email, owner.password);
    await until(card, 'Too many attempts');
    expect(alertText(card)).to.equal('Too many attempts. Wait 2 minutes and try again.');
    await expect(admin).to.be.accessible();
  });

  it('busy while signing in: the button says "Signing in…" and is disabled', async () => {
    const { admin, api } = await mountAdmin(slotted);
    const release = api.hold('POST /v1/admin/auth/login');
    const card = signInCard(admin);
    await signIn(card, owner.email, owner.password);
    const submitButton = card.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    expect(submitButton.disabled).to.equal(true);
    expect(submitButton.textContent!.trim()).to.equal('Signing in…');
    release();
    await waitUntil(() => !contentHidden(admin));
    expect(api.callsTo('POST /v1/admin/auth/login')).to.have.length(1);
  });

  it('signed in: a bar with name, role and Sign out, then the content; porchlight-admin-session-start', async () => {
    const { admin } = await mountAdmin(slotted);
    const card = signInCard(admin);
    const started = oneEvent(admin, 'porchlight-admin-session-start');
    await signIn(card, adminStaff.email, adminStaff.password);
    const { detail } = await started;
    expect(detail.staff.name).to.equal('Pat Dispatcher');
    expect('token' in detail.session).to.equal(false);
    await settle(admin);
    expect(admin.shadowRoot!.querySelector('porchlight-admin-sign-in')).to.equal(null);
    const bar = admin.shadowRoot!.querySelector('[part="header"]')!;
    expect(bar.textContent!.replace(/\s+/g, ' ')).to.contain('Signed in as Pat Dispatcher');
    expect(bar.querySelector('[part="role"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Role: Admin');
    expect(bar.textContent).to.contain('Lakeside Alarm Co.');
    expect(button(admin, 'Sign out')).to.exist;
    expect(contentHidden(admin)).to.equal(false);
    expect(admin.currentSession!.staff.role).to.equal('admin');
    expect(deepActive()).to.equal(admin.shadowRoot!.querySelector('.base'), 'focus stays in the back office');
    await expect(admin).to.be.accessible();
  });

  it('forced change of a temporary password: new password twice, then signed in', async () => {
    const api = fakeAdminApi({ staff: [{ ...support, mustChangePassword: true }] });
    const { admin } = await mountAdmin(slotted, { api });
    let card = signInCard(admin);
    await signIn(card, support.email, support.password);
    await settle(admin);
    card = signInCard(admin);
    await until(card, 'Choose a new password');
    expect(contentHidden(admin)).to.equal(true);
    expect(card.shadowRoot!.querySelector('porchlight-text-field[name="currentPassword"]')).to.equal(null, 'the password just typed is used');
    expect(deepActive()).to.equal(card.shadowRoot!.querySelector('.title'));
    await expect(admin).to.be.accessible();

    type(card, 'newPassword', 'short');
    submit(card);
    await settle(card);
    expect(alertText(card)).to.equal('Use at least 8 characters.');
    type(card, 'newPassword', 'a brand new passphrase');
    type(card, 'confirmPassword', 'something else');
    submit(card);
    await settle(card);
    expect(alertText(card)).to.equal('The passwords do not match.');
    type(card, 'confirmPassword', 'a brand new passphrase');
    const updated = oneEvent(admin, 'porchlight-admin-session-update');
    submit(card);
    await updated;
    await settle(admin);
    expect(contentHidden(admin)).to.equal(false);
    expect(api.callsTo('POST /v1/admin/auth/password')[0]!.body).to.deep.equal({ currentPassword: support.password, newPassword: 'a brand new passphrase' });
  });

  it('forced change after a reload asks for the current password too', async () => {
    const api = fakeAdminApi({ staff: [{ ...support, mustChangePassword: true }] });
    const { admin } = await mountAdmin(slotted, { api, as: api.staff[0]! });
    const card = signInCard(admin);
    await settle(card);
    await until(card, 'Choose a new password');
    expect(input(card, 'currentPassword').autocomplete).to.equal('current-password');
    type(card, 'currentPassword', 'wrong');
    type(card, 'newPassword', 'a brand new passphrase');
    type(card, 'confirmPassword', 'a brand new passphrase');
    submit(card);
    await until(card, 'The current password is not right.');
    expect(input(card, 'currentPassword').getAttribute('aria-invalid')).to.equal('true');
    await expect(admin).to.be.accessible();
  });

  it('restores a session on load (no sign-in card)', async () => {
    const { admin, api } = await mountAdmin(slotted, { as: owner });
    expect(api.callsTo('GET /v1/admin/auth/session')).to.have.length(1);
    expect(admin.shadowRoot!.querySelector('porchlight-admin-sign-in')).to.equal(null);
    expect(contentHidden(admin)).to.equal(false);
  });

  it('Sign out: back to the sign-in card with a notice and focus on its heading; porchlight-admin-session-end', async () => {
    const { admin, api } = await mountAdmin(slotted, { as: owner });
    const ended = oneEvent(admin, 'porchlight-admin-session-end');
    button(admin, 'Sign out').click();
    expect((await ended).detail).to.deep.equal({ reason: 'logout' });
    await waitUntil(() => admin.shadowRoot!.querySelector('porchlight-admin-sign-in'));
    const card = signInCard(admin);
    await until(card, 'You signed out of the back office.');
    await waitUntil(() => deepActive() === card.shadowRoot!.querySelector('.title'), 'focus on the heading');
    expect(api.callsTo('POST /v1/admin/auth/logout')).to.have.length(1);
    expect(contentHidden(admin)).to.equal(true);
    await expect(admin).to.be.accessible();
  });

  it('a session the server ends: the sign-in card says so', async () => {
    const { admin, client, api } = await mountAdmin(slotted, { as: owner });
    api.on('GET /v1/admin/accounts', () => apiError('SESSION_EXPIRED', 'Your session has ended. Sign in again.', 401));
    const ended = oneEvent(admin, 'porchlight-admin-session-end');
    await client.accounts.search().catch(() => undefined);
    expect((await ended).detail).to.deep.equal({ reason: 'expired' });
    await settle(admin);
    const card = signInCard(admin);
    await until(card, 'Your session has ended. Sign in again.');
  });

  it('API unreachable: "The back office is not available" with Retry', async () => {
    const api = fakeAdminApi();
    api.offline();
    const { admin } = await mountAdmin(slotted, { api });
    const error = admin.shadowRoot!.querySelector('[part="error"]')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain('The back office is not available');
    expect(error.textContent).to.contain('could not be reached');
    await expect(admin).to.be.accessible();
    api.online();
    button(admin, 'Retry').click();
    await waitUntil(() => admin.shadowRoot!.querySelector('porchlight-admin-sign-in'));
  });

  it('without api or client: says what is missing', async () => {
    const admin = await fixture<PorchlightAdmin>(html`<porchlight-admin></porchlight-admin>`);
    await settle(admin);
    expect(shadowText(admin)).to.contain('its api attribute is missing');
  });

  it('applies the dealer branding to the sign-in card and the bar', async () => {
    const api = fakeAdminApi({ dealer: { id: 'lakeside', name: 'Lakeside Alarm Co.', branding: { colors: { primary: '#0b5d7a' }, logoUrl: '/logo.svg' }, onboarding: { registration: false, requestAccess: false } } });
    const { admin } = await mountAdmin(slotted, { api });
    const card = signInCard(admin);
    await aTimeout(200);
    expect(getComputedStyle(button(card, 'Sign in')).backgroundColor).to.equal('rgb(11, 93, 122)');
    await signIn(card, owner.email, owner.password);
    await waitUntil(() => admin.shadowRoot!.querySelector('[part="logo"]'));
    expect(admin.shadowRoot!.querySelector('[part="logo"]')!.getAttribute('src')).to.equal('/logo.svg');
  });

  it('a back-office session and a portal session in one tab do not clash', async () => {
    const api = fakeAdminApi();
    const client = createAdminClient({ baseUrl: '/api/porchlight', dealer: 'lakeside', fetch: api.fetch, persist: 'session-storage' });
    sessionStorage.setItem('porchlight.session:lakeside@/api/porchlight', 'a-client-portal-token');
    const { admin } = await mountAdmin(slotted, { api, client });
    await signIn(signInCard(admin), owner.email, owner.password);
    await waitUntil(() => !contentHidden(admin));
    button(admin, 'Sign out').click();
    await waitUntil(() => admin.shadowRoot!.querySelector('porchlight-admin-sign-in'));
    expect(sessionStorage.getItem('porchlight.session:lakeside@/api/porchlight')).to.equal('a-client-portal-token');
    expect(sessionStorage.getItem('porchlight.admin-session:lakeside@/api/porchlight')).to.equal(null);
  });
});
