import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { PorchlightResetPassword } from './reset-password.js';
import { fakeApi } from '../testing/fake-api.js';
import { button, deepActive, input, mountPortal, settle, shadowText, type, until } from '../testing/helpers.js';

const TOKEN = 'reset-token-0123456789';

function submit(el: PorchlightResetPassword) {
  el.shadowRoot!.querySelector('form')!.requestSubmit();
}

async function mountReset(api = fakeApi(), child = html`<porchlight-reset-password login-url="/portal"></porchlight-reset-password>`) {
  return mountPortal<PorchlightResetPassword>(child, { api });
}

describe('porchlight-reset-password', () => {
  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  it('is registered, and defining again is harmless', async () => {
    expect(customElements.get('porchlight-reset-password')).to.equal(PorchlightResetPassword);
    await import('./define.js');
    expect(customElements.get('porchlight-reset-password')).to.equal(PorchlightResetPassword);
  });

  it('reads the token from #porchlight-reset=, removes it from the address, checks it and asks for the password twice', async () => {
    const api = fakeApi();
    api.addResetToken(TOKEN, true);
    history.replaceState(null, '', `${location.pathname}${location.search}#porchlight-reset=${TOKEN}`);
    const { el } = await mountReset(api);
    expect(location.href).not.to.contain('porchlight-reset');
    await until(el, 'Choose a new password');
    expect(api.callsTo('POST /v1/auth/reset/check')[0]!.body).to.deep.equal({ token: TOKEN });
    expect(input(el, 'newPassword').labels![0]!.textContent).to.equal('New password');
    expect(input(el, 'newPassword').autocomplete).to.equal('new-password');
    expect(input(el, 'confirmPassword').labels![0]!.textContent).to.equal('Confirm new password');
    await expect(el).to.be.accessible();

    type(el, 'newPassword', 'lakeside lanterns');
    type(el, 'confirmPassword', 'lakeside lantern');
    submit(el);
    await settle(el);
    expect(shadowText(el)).to.contain('The passwords do not match.');
    expect(deepActive()).to.equal(input(el, 'confirmPassword'));
    await expect(el).to.be.accessible();

    type(el, 'confirmPassword', 'lakeside lanterns');
    const reset = oneEvent(el, 'porchlight-password-reset');
    submit(el);
    const event = await reset;
    expect(event.bubbles && event.composed).to.equal(true);
    await until(el, 'Your password was changed. You can now log in.');
    expect(api.callsTo('POST /v1/auth/reset')[0]!.body).to.deep.equal({ token: TOKEN, newPassword: 'lakeside lanterns' });
    expect(deepActive()).to.equal(el.shadowRoot!.querySelector('[role="heading"]'));
    expect(el.shadowRoot!.querySelector('a')!.getAttribute('href')).to.equal('/portal');
    await expect(el).to.be.accessible();
  });

  it('the token attribute works too', async () => {
    const api = fakeApi();
    api.addResetToken(TOKEN, true);
    const { el } = await mountReset(api, html`<porchlight-reset-password token=${TOKEN}></porchlight-reset-password>`);
    await until(el, 'Choose a new password');
  });

  it('an expired or used link: a clear message and how to get a new one', async () => {
    const api = fakeApi();
    api.addResetToken(TOKEN, false);
    const { el } = await mountReset(api, html`<porchlight-reset-password token=${TOKEN} login-url="/portal"></porchlight-reset-password>`);
    await until(el, 'This link can no longer be used');
    expect(shadowText(el)).to.contain('Forgot password?');
    expect(el.shadowRoot!.querySelector('a')!.textContent).to.contain('Go to the log in page');
    expect(el.shadowRoot!.querySelector('form')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('a link that expires while the form is open: the expired message', async () => {
    const api = fakeApi();
    api.addResetToken(TOKEN, true);
    const { el } = await mountReset(api, html`<porchlight-reset-password token=${TOKEN}></porchlight-reset-password>`);
    await until(el, 'Choose a new password');
    api.addResetToken(TOKEN, false);
    type(el, 'newPassword', 'lakeside lanterns');
    type(el, 'confirmPassword', 'lakeside lanterns');
    submit(el);
    await until(el, 'This link can no longer be used');
  });

  it('a weak password: the server message on the field, focus there', async () => {
    const api = fakeApi();
    api.addResetToken(TOKEN, true);
    const { el } = await mountReset(api, html`<porchlight-reset-password token=${TOKEN}></porchlight-reset-password>`);
    await until(el, 'Choose a new password');
    type(el, 'newPassword', 'password1');
    type(el, 'confirmPassword', 'password1');
    submit(el);
    await until(el, 'Choose a stronger password');
    expect(input(el, 'newPassword').getAttribute('aria-invalid')).to.equal('true');
    expect(deepActive()).to.equal(input(el, 'newPassword'));
  });

  it('no token at all: explains where the link comes from', async () => {
    const { el } = await mountReset();
    await until(el, 'Open the link from your email');
    await expect(el).to.be.accessible();
  });

  it('the check fails (API unreachable): message and Retry', async () => {
    const api = fakeApi();
    api.addResetToken(TOKEN, true);
    const { el } = await mountReset(api, html`<porchlight-reset-password token=${TOKEN}></porchlight-reset-password>`);
    await until(el, 'Choose a new password');
    // Now the network goes away and the page asks again.
    api.offline();
    el.token = `${TOKEN}x`;
    await until(el, "We couldn't check your link");
    expect(shadowText(el)).to.contain('could not be reached');
    await expect(el).to.be.accessible();
    api.online();
    api.addResetToken(`${TOKEN}x`, true);
    button(el, 'Retry').click();
    await until(el, 'Choose a new password');
  });

  it('keyboard only: type, Tab, type, Enter', async () => {
    const api = fakeApi();
    api.addResetToken(TOKEN, true);
    const { el } = await mountReset(api, html`<porchlight-reset-password token=${TOKEN}></porchlight-reset-password>`);
    await until(el, 'Choose a new password');
    input(el, 'newPassword').focus();
    await sendKeys({ type: 'lakeside lanterns' });
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(input(el, 'confirmPassword'));
    await sendKeys({ type: 'lakeside lanterns' });
    await sendKeys({ press: 'Enter' });
    await until(el, 'Your password was changed.');
  });

  it('outside a portal: an error state', async () => {
    const el = await fixture<PorchlightResetPassword>(html`<porchlight-reset-password token=${TOKEN}></porchlight-reset-password>`);
    await until(el, 'porchlight-portal');
  });
});
