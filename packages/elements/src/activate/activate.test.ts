import { expect, html, oneEvent } from '@open-wc/testing';
import { ONBOARDING_MESSAGES as M } from '@porchlight/core';
import './define.js';
import '../login/define.js';
import { PorchlightActivate } from './activate.js';
import type { PorchlightLogin } from '../login/login.js';
import { dana, fakeApi, type FakeApi, type FakeUser } from '../testing/fake-api.js';
import { alertText, button, expectFocus, fieldError, input, mountPortal, settle, shadowText, submitForm as submit, type, until } from '../testing/helpers.js';

const TOKEN = 'abcdefghijklmnopqrstuvwxyz234567';

/** Dana's first login, made by the dealer's Setup access: username is her email, no password yet. */
const newDana: FakeUser = { ...dana, username: 'dana@harborview.example', password: 'not-chosen-yet', role: 'client' };

function withLink(o: { valid?: boolean; hasPassword?: boolean } = {}): FakeApi {
  const api = fakeApi({ users: [newDana] });
  api.addActivationToken(TOKEN, newDana, { ...o, expiresAt: '2026-01-03T15:00:00.000Z' });
  return api;
}

async function mount(api: FakeApi, template = html`<porchlight-activate></porchlight-activate>`) {
  return mountPortal<PorchlightActivate>(template, { api });
}

const root = (el: Element) => el.shadowRoot!;
const heading = (el: Element) => root(el).querySelector('[role="heading"]')!;

/** Types the new password twice and submits. */
function choosePassword(el: Element, password = 'harbor view lanterns') {
  type(el, 'newPassword', password);
  type(el, 'confirmPassword', password);
  submit(el);
}

describe('porchlight-activate', () => {
  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  it('is registered, and defining again is harmless', async () => {
    expect(customElements.get('porchlight-activate')).to.equal(PorchlightActivate);
    await import('./define.js');
    expect(customElements.get('porchlight-activate')).to.equal(PorchlightActivate);
  });

  it('reads the link from the address and removes it at once, keeping the rest of the fragment', async () => {
    history.replaceState(null, '', `${location.pathname}#tab=billing&porchlight-activate=${TOKEN}`);
    expect(PorchlightActivate.hasLink()).to.equal(true);
    const api = withLink();
    const release = api.hold('POST /v1/auth/activate/check');
    const { el } = await mount(api);
    expect(location.hash).to.equal('#tab=billing');
    expect(PorchlightActivate.hasLink()).to.equal(false);
    // Loading state while the link is checked.
    expect(root(el).querySelector('[role="status"]')!.textContent).to.contain('Checking your link');
    await expect(el).to.be.accessible();
    release();
    await until(el, 'Welcome, Dana');
    expect(api.callsTo('POST /v1/auth/activate/check')[0]!.body).to.deep.equal({ token: TOKEN });
  });

  it('a valid link: greets, shows what to log in with and until when the link works, then signs the person in', async () => {
    history.replaceState(null, '', `${location.pathname}#porchlight-activate=${TOKEN}`);
    const api = withLink();
    const { el, portal } = await mountPortal<PorchlightActivate>(
      html`<porchlight-activate></porchlight-activate><porchlight-login></porchlight-login>`,
      { api },
    );
    await until(el, 'Welcome, Dana');
    const text = shadowText(el);
    expect(heading(el).textContent).to.equal('Welcome, Dana');
    expect(text).to.contain('Set the password for Harbor View Condominiums.');
    expect(text).to.match(/Account identifier\s*5550100/);
    expect(text).to.match(/Username\s*dana@harborview\.example/);
    expect(text).to.match(/This link works until .*2026.*, once\./);
    expect(text).not.to.contain('replaces it');
    expect(input(el, 'newPassword').autocomplete).to.equal('new-password');
    expect(input(el, 'newPassword').labels![0]!.textContent).to.equal('New password');
    expect(root(el).querySelector<HTMLInputElement>('form input[autocomplete="username"]')!.value).to.equal('dana@harborview.example');
    await expect(el).to.be.accessible();

    // The same rules as everywhere else a new password is chosen.
    type(el, 'newPassword', 'short');
    submit(el);
    await settle(el);
    expect(fieldError(el, 'newPassword')).to.equal('Use at least 8 characters.');
    expectFocus(input(el, 'newPassword'));
    type(el, 'newPassword', 'harbor view lanterns');
    type(el, 'confirmPassword', 'harbor view lantern');
    submit(el);
    await settle(el);
    expect(fieldError(el, 'confirmPassword')).to.equal('The passwords do not match.');
    expect(api.callsTo('POST /v1/auth/activate')).to.have.length(0);
    await expect(el).to.be.accessible();

    type(el, 'confirmPassword', 'harbor view lanterns');
    const activated = oneEvent(el, 'porchlight-account-activated');
    const started = oneEvent(portal, 'porchlight-session-start');
    submit(el);
    await until(el, "You're all set");
    expect(api.callsTo('POST /v1/auth/activate')[0]!.body).to.deep.equal({ token: TOKEN, newPassword: 'harbor view lanterns' });
    expect((await activated).detail.account.name).to.equal('Harbor View Condominiums');
    expect((await started).detail.user.username).to.equal('dana@harborview.example');
    expect(shadowText(el)).to.contain("you're logged in to Harbor View Condominiums");
    expectFocus(heading(el));
    await expect(el).to.be.accessible();
    // The portal has the session: the sign-in element shows the account.
    expect(portal.currentSession!.account.name).to.equal('Harbor View Condominiums');
    const login = portal.querySelector<PorchlightLogin>('porchlight-login')!;
    await until(login, 'Signed in as Dana Reyes');
    // The new password works.
    expect(api.users[0]!.password).to.equal('harbor view lanterns');
  });

  it('a login profile that has a password already: says the new one replaces it for every account; continue-href links on', async () => {
    const api = withLink({ hasPassword: true });
    const { el } = await mount(api, html`<porchlight-activate token=${TOKEN} continue-href="/account"></porchlight-activate>`);
    await until(el, 'Welcome, Dana');
    expect(shadowText(el)).to.contain('You already have a password for your other accounts with Lakeside Alarm Co. The password you choose here replaces it for all of them.');
    await expect(el).to.be.accessible();
    choosePassword(el);
    await until(el, "You're all set");
    expect(root(el).querySelector<HTMLAnchorElement>('a.button')!.getAttribute('href')).to.equal('/account');
  });

  it("the server's password rules: WEAK_PASSWORD lands on the new password", async () => {
    const { el } = await mount(withLink(), html`<porchlight-activate token=${TOKEN}></porchlight-activate>`);
    await until(el, 'Welcome, Dana');
    choosePassword(el, 'password123');
    await until(el, 'Choose a stronger password');
    expect(fieldError(el, 'newPassword')).to.equal('This password is too common. Choose one that is harder to guess.');
    expectFocus(input(el, 'newPassword'));
  });

  it('an expired or used link: a clear message and "Send me a new link" (checked, neutral answer)', async () => {
    history.replaceState(null, '', `${location.pathname}#porchlight-activate=${TOKEN}`);
    const api = withLink({ valid: false });
    const { el } = await mount(api);
    await until(el, 'This link can no longer be used');
    expect(shadowText(el)).to.contain('This one has expired or was already used.');
    expect(root(el).querySelector('#resend-title')!.textContent).to.equal('Send me a new link');
    expect(root(el).querySelector('#resend-title')!.getAttribute('aria-level')).to.equal('3');
    await expect(el).to.be.accessible();

    submit(el);
    await settle(el);
    expect(fieldError(el, 'identifier')).to.equal(M.identifierMissing);
    expect(fieldError(el, 'email')).to.equal(M.emailMissing);
    expectFocus(input(el, 'identifier'));
    expect(api.callsTo('POST /v1/auth/activate/resend')).to.have.length(0);
    await expect(el).to.be.accessible();

    type(el, 'identifier', '(555) 0100');
    type(el, 'email', 'dana@harborview.example');
    submit(el);
    await until(el, 'Check your email');
    expect(api.callsTo('POST /v1/auth/activate/resend')[0]!.body).to.deep.equal({ identifier: '5550100', email: 'dana@harborview.example' });
    expect(shadowText(el)).to.contain("If the details match a login that is waiting to be set up, we've emailed a new link.");
    expectFocus(heading(el));
    await expect(el).to.be.accessible();
    const nav = oneEvent(el, 'porchlight-onboarding-navigate');
    button(el, 'Back to sign in').click();
    expect((await nav).detail.to).to.equal('login');
  });

  it('the link used up between the check and the save: the expired state', async () => {
    const api = withLink();
    const { el } = await mount(api, html`<porchlight-activate token=${TOKEN}></porchlight-activate>`);
    await until(el, 'Welcome, Dana');
    api.addActivationToken(TOKEN, newDana, { valid: false });
    choosePassword(el);
    await until(el, 'This link can no longer be used');
    expectFocus(heading(el));
  });

  it('no link at all: says where to find it, and offers a new one; resending can be rate limited', async () => {
    const api = fakeApi({ onboardingRateLimitAfter: 0 });
    const { el } = await mount(api);
    await until(el, 'Open the link from your email');
    expect(shadowText(el)).to.contain('Lost the email');
    await expect(el).to.be.accessible();
    type(el, 'identifier', '5550100');
    type(el, 'email', 'dana@harborview.example');
    submit(el);
    await until(el, 'Too many attempts');
    expect(alertText(el)).to.equal('Too many attempts. Wait 2 minutes and try again.');
  });

  it('the check failing: an error with Retry', async () => {
    const api = withLink();
    const { el } = await mount(api, html`<porchlight-activate token=${TOKEN}></porchlight-activate>`);
    await until(el, 'Welcome');
    api.offline();
    el.token = 'bcdefghijklmnopqrstuvwxyz2345678';
    await until(el, "We couldn't check your link");
    expect(alertText(el)).to.contain('could not be reached');
    await expect(el).to.be.accessible();
    api.online();
    api.addActivationToken('bcdefghijklmnopqrstuvwxyz2345678', newDana);
    button(el, 'Retry').click();
    await until(el, 'Welcome, Dana');
  });
});
