import { expect, html, oneEvent } from '@open-wc/testing';
import { ONBOARDING_MESSAGES as M } from '@porchlight/core';
import './define.js';
import { PorchlightRequestAccess } from './request-access.js';
import { apiError, fakeApi, fakeDealer, type FakeApi } from '../testing/fake-api.js';
import { alertText, button, expectFieldErrors, expectFocus, fieldError, input, mountPortal, settle, shadowText, submitForm as submit, type, until } from '../testing/helpers.js';

const offering = { ...fakeDealer, onboarding: { registration: false, requestAccess: true } };

async function mount(api: FakeApi = fakeApi({ dealer: offering })) {
  return mountPortal<PorchlightRequestAccess>(html`<porchlight-request-access></porchlight-request-access>`, { api });
}

const root = (el: Element) => el.shadowRoot!;
const textarea = (el: Element) => root(el).querySelector<HTMLTextAreaElement>('textarea[name="message"]')!;

function typeMessage(el: Element, value: string) {
  const t = textarea(el);
  t.value = value;
  t.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

const required = { firstName: 'Pat', lastName: 'Doe', email: 'pat@maplecourt.example', company: 'Maple Court HOA' };

describe('porchlight-request-access', () => {
  it('is registered, and defining again is harmless', async () => {
    expect(customElements.get('porchlight-request-access')).to.equal(PorchlightRequestAccess);
    await import('./define.js');
    expect(customElements.get('porchlight-request-access')).to.equal(PorchlightRequestAccess);
  });

  it('renders the form: required and optional fields, a labelled multi-line message', async () => {
    const { el } = await mount();
    const label = (name: string) => input(el, name).labels![0]!.textContent;
    expect(['firstName', 'lastName', 'email', 'phone', 'company', 'customerNumber'].map(label)).to.deep.equal([
      'First name',
      'Last name',
      'Email',
      'Phone (optional)',
      'Company or property',
      'Customer number (optional)',
    ]);
    expect(input(el, 'company').required).to.equal(true);
    expect(input(el, 'phone').required).to.equal(false);
    expect(textarea(el).labels![0]!.textContent).to.equal('Message (optional)');
    expect(textarea(el).getAttribute('aria-describedby')).to.equal('message-hint');
    await expect(el).to.be.accessible();
  });

  it('checks the fields with the server\'s words; empty optional fields are fine, a bad optional one is not', async () => {
    const { el, api } = await mount();
    type(el, 'phone', '1234 5678 9012 3456');
    submit(el);
    await settle(el);
    expect(api.callsTo('POST /v1/access-requests')).to.have.length(0);
    expectFieldErrors(el, { firstName: M.firstNameMissing, email: M.emailMissing, phone: M.phoneDigits, company: M.companyMissing, customerNumber: '' });
    expect(root(el).querySelector('[role="alert"] p')!.textContent).to.equal('There are problems with 5 fields:');
    expectFocus(input(el, 'firstName'));
    await expect(el).to.be.accessible();

    // The message's error is shown on the textarea too.
    for (const [name, value] of Object.entries(required)) type(el, name, value);
    type(el, 'phone', '');
    typeMessage(el, 'x'.repeat(1001));
    submit(el);
    await settle(el);
    expect(textarea(el).getAttribute('aria-invalid')).to.equal('true');
    expect(root(el).querySelector('#message-error')!.textContent!.trim()).to.equal('Use at most 1000 characters.');
    expect(textarea(el).getAttribute('aria-describedby')).to.equal('message-hint message-error');
    expectFocus(textarea(el));
    await expect(el).to.be.accessible();
  });

  it('sends only what was filled in and shows the neutral confirmation naming the dealer', async () => {
    const { el, api } = await mount();
    for (const [name, value] of Object.entries(required)) type(el, name, ` ${value} `);
    typeMessage(el, 'I manage the board’s paperwork.');
    const requested = oneEvent(el, 'porchlight-access-requested');
    submit(el);
    await until(el, 'Request sent');
    expect(api.callsTo('POST /v1/access-requests')[0]!.body).to.deep.equal({ ...required, message: 'I manage the board’s paperwork.' });
    expect((await requested).detail.message).to.match(/passed your request/);
    expect(shadowText(el)).to.contain("We've passed your request to Lakeside Alarm Co. You'll get an email when they set up your login.");
    expectFocus(root(el).querySelector('[role="heading"]'));
    await expect(el).to.be.accessible();
    const nav = oneEvent(el, 'porchlight-onboarding-navigate');
    button(el, 'Back to sign in').click();
    expect((await nav).detail.to).to.equal('login');
  });

  it('server field errors land on their fields; rate limiting is said plainly', async () => {
    const api = fakeApi({ dealer: offering });
    api.on('POST /v1/access-requests', () => apiError('VALIDATION_FAILED', 'Some fields are missing or not valid.', 400, { customerNumber: 'Use 1 to 40 letters, digits, dots, dashes or slashes.' }));
    const { el } = await mount(api);
    for (const [name, value] of Object.entries(required)) type(el, name, value);
    type(el, 'customerNumber', 'LA-1001');
    submit(el);
    await until(el, 'Some fields are missing');
    expect(fieldError(el, 'customerNumber')).to.equal('Use 1 to 40 letters, digits, dots, dashes or slashes.');
    expectFocus(input(el, 'customerNumber'));

    api.off('POST /v1/access-requests');
    const limited = await mount(fakeApi({ dealer: offering, onboardingRateLimitAfter: 0 }));
    for (const [name, value] of Object.entries(required)) type(limited.el, name, value);
    submit(limited.el);
    await until(limited.el, 'Too many attempts');
    expect(alertText(limited.el)).to.equal('Too many attempts. Wait 2 minutes and try again.');
    await expect(limited.el).to.be.accessible();
  });

  it('not offered by the dealer: says so instead of the form', async () => {
    const { el } = await mount(fakeApi());
    await until(el, 'Requests are not available');
    expect(root(el).querySelector('form')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
