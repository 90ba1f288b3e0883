import { expect, html, oneEvent } from '@open-wc/testing';
import { ONBOARDING_MESSAGES as M } from '@porchlight/core';
import './define.js';
import { PorchlightRegister } from './register.js';
import { apiError, fakeApi, fakeDealer, json, type FakeApi } from '../testing/fake-api.js';
import { alertText, button, deepActive, expectFieldErrors, expectFocus, fieldError, input, mountPortal, settle, shadowText, submitForm as submit, type, until } from '../testing/helpers.js';

const offering = { ...fakeDealer, onboarding: { registration: true, requestAccess: false } };

async function mount(o: { api?: FakeApi; attrs?: { loginHref?: string } } = {}) {
  const api = o.api ?? fakeApi({ dealer: offering });
  return mountPortal<PorchlightRegister>(html`<porchlight-register login-href=${o.attrs?.loginHref ?? ''}></porchlight-register>`, { api });
}

const root = (el: Element) => el.shadowRoot!;

const good = {
  registrationKey: 'hv7k 2m9q',
  customerNumber: 'LA-1001',
  zip: '02134',
  firstName: 'Dana',
  lastName: 'Reyes',
  phone: '(555) 010-0100',
  email: 'dana@harborview.example',
};

function fill(el: Element, values: Partial<typeof good> = {}) {
  for (const [name, value] of Object.entries({ ...good, ...values })) type(el, name, value);
}

describe('porchlight-register', () => {
  it('is registered, and defining again is harmless', async () => {
    expect(customElements.get('porchlight-register')).to.equal(PorchlightRegister);
    await import('./define.js');
    expect(customElements.get('porchlight-register')).to.equal(PorchlightRegister);
  });

  it('renders the registration key form: labels, hints, autocomplete, types, one submit button', async () => {
    const { el } = await mount();
    expect(root(el).querySelector('[role="heading"]')!.textContent).to.equal('Register for the client portal');
    const labels = ['registrationKey', 'customerNumber', 'zip', 'firstName', 'lastName', 'phone', 'email'].map((n) => input(el, n).labels![0]!.textContent);
    expect(labels).to.deep.equal(['Registration key', 'Customer number', 'ZIP code', 'First name', 'Last name', 'Phone', 'Email']);
    const hint = (name: string) => (input(el, name).getRootNode() as ShadowRoot).getElementById('hint')!.textContent;
    expect(hint('registrationKey')).to.equal('At the bottom of your invoice');
    expect(hint('firstName')).to.equal('Use the name your provider has on file, e.g. James, not Jim');
    expect(hint('phone')).to.equal('Area code included');
    expect(hint('email')).to.equal('Becomes your username');
    expect(input(el, 'email').type).to.equal('email');
    expect(input(el, 'email').autocomplete).to.equal('email');
    expect(input(el, 'phone').type).to.equal('tel');
    expect(input(el, 'firstName').autocomplete).to.equal('given-name');
    expect(input(el, 'zip').autocomplete).to.equal('postal-code');
    expect(input(el, 'registrationKey').required).to.equal(true);
    expect(button(el, 'Register').type).to.equal('submit');
    expect(shadowText(el)).to.contain('Already have a login? Sign in');
    await expect(el).to.be.accessible();
  });

  it('checks every field before sending, with the server\'s words: summary announced, fields marked, focus on the first problem', async () => {
    const { el, api } = await mount();
    type(el, 'registrationKey', 'ab');
    type(el, 'phone', '555-CALL');
    type(el, 'email', 'dana@');
    submit(el);
    await settle(el);
    expect(api.callsTo('POST /v1/register')).to.have.length(0);
    expectFieldErrors(el, {
      registrationKey: M.registrationKeyInvalid,
      customerNumber: M.customerNumberMissing,
      zip: M.zipMissing,
      firstName: M.registerFirstNameMissing,
      lastName: M.lastNameMissing,
      phone: M.phoneCharacters,
      email: M.emailInvalid,
    });
    expect(input(el, 'zip').getAttribute('aria-invalid')).to.equal('true');
    // The summary, in the alert region: one entry per field, in the form's order.
    const alert = root(el).querySelector('[role="alert"]')!;
    expect(alert.querySelector('p')!.textContent).to.equal('There are problems with 7 fields:');
    const entries = [...alert.querySelectorAll('li')].map((li) => li.textContent!.trim());
    expect(entries).to.deep.equal(['Registration key', 'Customer number', 'ZIP code', 'First name', 'Last name', 'Phone', 'Email']);
    expectFocus(input(el, 'registrationKey'));
    await expect(el).to.be.accessible();

    // A summary entry takes focus to its field.
    alert.querySelectorAll('button')[5]!.click();
    await settle(el);
    expectFocus(input(el, 'phone'));

    // Fixing a field takes it off the summary; fixing all of them clears the alert.
    fill(el);
    await settle(el);
    expect(alertText(el)).to.equal('');
    for (const name of Object.keys(good)) expect(input(el, name).getAttribute('aria-invalid'), name).to.equal('false');
  });

  it('sends the form (key without spaces, upper case) and shows the neutral confirmation with what to do next', async () => {
    const { el, api, portal } = await mount();
    fill(el);
    const sent = oneEvent(el, 'porchlight-registration-sent');
    submit(el);
    await until(el, 'Check your email');
    expect(api.callsTo('POST /v1/register')[0]!.body).to.deep.equal({ ...good, registrationKey: 'HV7K2M9Q' });
    expect((await sent).detail.message).to.equal("If the details match our records, we've emailed you a link to choose your password.");
    const text = shadowText(el);
    expect(text).to.contain("If the details match our records, we've emailed you a link to choose your password.");
    expect(text).to.contain('The link works for 48 hours, once.');
    expect(text).to.contain('Check your spam folder');
    expect(portal.currentSession).to.equal(null, 'nobody is signed in');
    expectFocus(root(el).querySelector('[role="heading"]'));
    expect(root(el).querySelector('[part="confirmation"]')!.getAttribute('role')).to.equal('status');
    await expect(el).to.be.accessible();

    // Back to sign in: an event for the page.
    const nav = oneEvent(el, 'porchlight-onboarding-navigate');
    button(el, 'Back to sign in').click();
    expect((await nav).detail).to.deep.equal({ to: 'login' });
  });

  it('with login-href, "Back to sign in" and "Sign in" are real links; link-hours and credentials change the text', async () => {
    const api = fakeApi({ dealer: offering });
    const { el } = await mountPortal<PorchlightRegister>(html`<porchlight-register login-href="/sign-in" link-hours="72" credentials="temporary-password"></porchlight-register>`, { api });
    expect(root(el).querySelector<HTMLAnchorElement>('.alt a')!.getAttribute('href')).to.equal('/sign-in');
    fill(el);
    submit(el);
    await until(el, 'Check your email');
    expect(shadowText(el)).to.contain('it has a temporary password for your first login. It works for 72 hours.');
    const back = root(el).querySelector<HTMLAnchorElement>('a.button')!;
    expect(back.textContent!.trim()).to.equal('Back to sign in');
    expect(back.getAttribute('href')).to.equal('/sign-in');
  });

  it("server field errors land on their fields (the server's message), focus on the first", async () => {
    const api = fakeApi({ dealer: offering });
    api.on('POST /v1/register', () =>
      apiError('VALIDATION_FAILED', 'Some fields are missing or not valid.', 400, { zip: 'Enter a valid ZIP or postal code.', email: 'This email cannot be used.' }),
    );
    const { el } = await mount({ api });
    fill(el);
    submit(el);
    await until(el, 'Some fields are missing or not valid.');
    expect(fieldError(el, 'zip')).to.equal('Enter a valid ZIP or postal code.');
    expect(fieldError(el, 'email')).to.equal('This email cannot be used.');
    expect(fieldError(el, 'phone')).to.equal('');
    const entries = [...root(el).querySelectorAll('[role="alert"] li')].map((li) => li.textContent!.trim());
    expect(entries).to.deep.equal(['ZIP code', 'Email']);
    expectFocus(input(el, 'zip'));
    expect(input(el, 'firstName').value).to.equal('Dana', 'what was typed stays');
    await expect(el).to.be.accessible();
  });

  it('the real schema on the fake server refuses what the browser would (same words)', async () => {
    // The browser refuses it with the schema's words; the fake server (core's real schema) says the same.
    const api = fakeApi({ dealer: offering });
    const { el } = await mount({ api });
    fill(el, { zip: '02134!' });
    submit(el);
    await settle(el);
    expect(fieldError(el, 'zip')).to.equal(M.zipInvalid);
    const response = await api.fetch('/api/porchlight/v1/register', { method: 'POST', body: JSON.stringify({ ...good, zip: '02134!' }) });
    expect((await response.json()).error.fields.zip).to.equal(M.zipInvalid);
  });

  it('rate limited: says how long to wait, the form stays as typed', async () => {
    const api = fakeApi({ dealer: offering, onboardingRateLimitAfter: 0 });
    const { el } = await mount({ api });
    fill(el);
    submit(el);
    await until(el, 'Too many attempts');
    expect(alertText(el)).to.equal('Too many attempts. Wait 2 minutes and try again.');
    expect(deepActive()).to.equal(root(el).querySelector('.alert-box'));
    expect(input(el, 'email').value).to.equal(good.email);
    expect(button(el, 'Register').disabled).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('busy while sending: button disabled and says so, the form aria-busy', async () => {
    const { el, api } = await mount();
    const release = api.hold('POST /v1/register');
    fill(el);
    submit(el);
    await settle(el);
    const busy = root(el).querySelector<HTMLButtonElement>('button[type="submit"]')!;
    expect(busy.disabled).to.equal(true);
    expect(busy.textContent!.trim()).to.equal('Registering…');
    expect(root(el).querySelector('form')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    release();
    await until(el, 'Check your email');
  });

  it('registration turned off: the dealer\'s setting shows it plainly, and so does ONBOARDING_DISABLED from the server', async () => {
    const { el } = await mount({ api: fakeApi() });
    await until(el, 'Registration is not available');
    expect(root(el).querySelector('form')).to.equal(null);
    expect(shadowText(el)).to.contain('Contact Lakeside Alarm Co. to get a login.');
    await expect(el).to.be.accessible();

    const api = fakeApi({ dealer: offering });
    api.on('POST /v1/register', () => json({ error: { code: 'ONBOARDING_DISABLED', message: 'This portal does not offer this way in. Contact your provider.' } }, 404));
    const second = await mount({ api });
    fill(second.el);
    submit(second.el);
    await until(second.el, 'Registration is not available');
    expectFocus(root(second.el).querySelector('[role="heading"]'));
  });

  it('the network failing: a readable message, the form stays usable', async () => {
    const { el, api } = await mount();
    api.offline();
    fill(el);
    submit(el);
    await until(el, 'could not be reached');
    expect(button(el, 'Register').disabled).to.equal(false);
  });

  it('exposes parts for theming', async () => {
    const { el } = await mount();
    const parts = new Set([...root(el).querySelectorAll('[part]')].flatMap((n) => n.getAttribute('part')!.split(' ')));
    for (const p of ['card', 'title', 'form', 'field', 'button', 'link', 'error', 'notice']) expect(parts.has(p), p).to.equal(true);
  });
});
