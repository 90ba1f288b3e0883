import { expect, html, waitUntil } from '@open-wc/testing';
import './define.js';
import { PorchlightProfile } from './profile.js';
import { withProfile } from './fake-profile.js';
import { dana, fakeApi, signedInClient } from '../testing/fake-api.js';
import { input, mountPortal, settle, shadowText, type, until } from '../testing/helpers.js';

const address = { line1: '12 Main St', line2: null, city: 'Springfield', region: 'IL', postalCode: '62704', country: null };
const company = { line1: '1 Harbor Way', line2: null, city: 'Lakeside', region: 'MI', postalCode: '49116', country: null };

async function mount(start = {}, o: { emulated?: boolean } = {}) {
  const api = fakeApi({ users: [dana] });
  const state = withProfile(api, dana, start, o);
  const client = signedInClient(api, dana, o.emulated ? { adminId: 'k1', name: 'admin Sam Ortiz' } : undefined);
  const mounted = await mountPortal<PorchlightProfile>(html`<porchlight-profile></porchlight-profile>`, { api, client });
  await until(mounted.el, 'Contact details');
  return { ...mounted, state };
}

const root = (el: Element) => el.shadowRoot!;
const hasField = (el: Element, name: string) => Boolean(root(el).querySelector(`porchlight-text-field[name="${name}"]`));
const fieldError = (el: Element, name: string) => (root(el).querySelector(`porchlight-text-field[name="${name}"]`) as any)?.error as string;
const save = (el: Element) => root(el).querySelector<HTMLFormElement>('form')!.requestSubmit();
const visible = (e: Element | null) => Boolean(e && (e as HTMLElement).offsetParent !== null);

describe('porchlight-profile', () => {
  it('is registered, and defining again is harmless', async () => {
    expect(customElements.get('porchlight-profile')).to.equal(PorchlightProfile);
    await import('./define.js');
    expect(customElements.get('porchlight-profile')).to.equal(PorchlightProfile);
  });

  it('shows contact details, address and change password; labelled and axe-clean', async () => {
    const { el } = await mount({ phone: '555-0100', mailingAddress: address });
    expect(input(el, 'name').value).to.equal('Dana Reyes');
    expect(input(el, 'phone').value).to.equal('555-0100');
    expect(input(el, 'email').value).to.equal('dana@harborview.example');
    expect(input(el, 'mailingAddress.city').value).to.equal('Springfield');
    expect(shadowText(el)).to.contain('Change password');
    expect(hasField(el, 'currentPassword')).to.equal(false, 'no password field until email or phone change');
    const sw = root(el).querySelector<HTMLInputElement>('#useCompanyAddress')!;
    expect(sw.getAttribute('role')).to.equal('switch');
    expect(root(el).querySelector('label[for="useCompanyAddress"]')!.textContent).to.contain('Use company address');
    await expect(el).to.be.accessible();
  });

  it('the company address switch hides and shows the personal address fields', async () => {
    const { el, state } = await mount({ mailingAddress: address, companyAddress: company });
    const personal = root(el).querySelector('#personal-address')!;
    expect(visible(input(el, 'mailingAddress.line1'))).to.equal(true);
    const sw = root(el).querySelector<HTMLInputElement>('#useCompanyAddress')!;
    sw.click();
    await settle(el);
    expect(personal.hasAttribute('hidden')).to.equal(true);
    expect(visible(input(el, 'mailingAddress.line1'))).to.equal(false);
    expect(root(el).querySelector('[part="company-address"]')!.textContent).to.contain('1 Harbor Way');
    await expect(el).to.be.accessible();
    // Empty personal fields are not required while the company address is used.
    type(el, 'mailingAddress.line1', '');
    save(el);
    await until(el, 'Your profile was saved.');
    expect(state.updates.at(-1)).to.deep.equal({ useCompanyAddress: true });
    sw.click();
    await settle(el);
    expect(personal.hasAttribute('hidden')).to.equal(false);
    expect(visible(input(el, 'mailingAddress.line1'))).to.equal(true);
  });

  it('billing same as mailing hides the billing fields; unchecked, they are sent', async () => {
    const { el, state } = await mount({ mailingAddress: address });
    const billing = root(el).querySelector('#billing-address')!;
    expect(billing.hasAttribute('hidden')).to.equal(true);
    root(el).querySelector<HTMLInputElement>('#sameBilling')!.click();
    await settle(el);
    expect(billing.hasAttribute('hidden')).to.equal(false);
    type(el, 'billingAddress.line1', 'PO Box 9');
    save(el);
    await until(el, 'Your profile was saved.');
    expect(state.updates.at(-1).billingAddress.line1).to.equal('PO Box 9');
    expect(state.updates.at(-1)).not.to.have.property('mailingAddress');
  });

  it('missing address fields are shown on their fields before anything is sent', async () => {
    const { el, api } = await mount();
    type(el, 'mailingAddress.line1', '1 Elm St');
    save(el);
    await settle(el);
    expect(fieldError(el, 'mailingAddress.city')).to.equal('Enter the city.');
    expect(fieldError(el, 'mailingAddress.postalCode')).to.equal('Enter the ZIP or postal code.');
    expect(api.callsTo('PATCH /v1/profile')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('asks for the current password only when email or phone changed; wrong one on its field; pending email note after saving', async () => {
    const { el, state } = await mount({ mailingAddress: address });
    type(el, 'name', 'Dana R. Reyes');
    await settle(el);
    expect(hasField(el, 'currentPassword')).to.equal(false);
    type(el, 'email', 'new@harborview.example');
    await settle(el);
    expect(hasField(el, 'currentPassword')).to.equal(true);
    type(el, 'email', 'dana@harborview.example');
    await settle(el);
    expect(hasField(el, 'currentPassword')).to.equal(false, 'back to the saved email');
    type(el, 'phone', '555-0199');
    await settle(el);
    expect(hasField(el, 'currentPassword')).to.equal(true);
    await expect(el).to.be.accessible();

    save(el);
    await settle(el);
    expect(fieldError(el, 'currentPassword')).to.contain('Enter your current password');

    type(el, 'email', 'new@harborview.example');
    type(el, 'currentPassword', 'wrong one');
    save(el);
    await waitUntil(() => fieldError(el, 'currentPassword') === 'The current password is not right.', 'wrong password on its field');
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('The current password is not right.');
    await expect(el).to.be.accessible();

    type(el, 'currentPassword', dana.password);
    save(el);
    await until(el, 'We sent a confirmation link to new@harborview.example');
    expect(state.updates.at(-1)).to.deep.equal({ name: 'Dana R. Reyes', phone: '555-0199', email: 'new@harborview.example', currentPassword: dana.password });
    expect(root(el).querySelector('.pending')!.textContent).to.contain('new@harborview.example');
    expect(input(el, 'email').value).to.equal('dana@harborview.example', 'the email stays until confirmed');
    expect(hasField(el, 'currentPassword')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('a refresh while the phone is being changed keeps the typed phone and its "Current password" field', async () => {
    const { el, state } = await mount({ mailingAddress: address });
    type(el, 'phone', '555-0199');
    await settle(el);
    expect(hasField(el, 'currentPassword')).to.equal(true);
    await el.reload(true);
    await settle(el);
    expect(input(el, 'phone').value).to.equal('555-0199');
    expect(hasField(el, 'currentPassword')).to.equal(true, 'still asked after the refresh');
    type(el, 'currentPassword', dana.password);
    save(el);
    await until(el, 'Your profile was saved.');
    expect(state.updates.at(-1)).to.deep.equal({ phone: '555-0199', currentPassword: dana.password });
    expect(hasField(el, 'currentPassword')).to.equal(false);
  });

  it('server field errors go on their fields', async () => {
    const { el, api } = await mount({ mailingAddress: address });
    api.on('PATCH /v1/profile', () =>
      new Response(JSON.stringify({ error: { code: 'VALIDATION_FAILED', message: 'Some fields are missing or not valid.', fields: { 'mailingAddress.postalCode': 'Enter a valid ZIP or postal code.' } } }), {
        status: 400,
        headers: { 'content-type': 'application/json' },
      }),
    );
    type(el, 'mailingAddress.postalCode', '99999');
    save(el);
    await waitUntil(() => fieldError(el, 'mailingAddress.postalCode') === 'Enter a valid ZIP or postal code.', 'field error');
  });

  it('changes the password with the shared new-password fields', async () => {
    const { el, api } = await mount();
    const form = root(el).querySelectorAll('form')[1]!;
    type(el, 'oldPassword', 'nope');
    type(el, 'newPassword', 'short');
    form.requestSubmit();
    await settle(el);
    expect(fieldError(el, 'newPassword')).to.match(/at least/);
    type(el, 'newPassword', 'a brand new passphrase');
    type(el, 'confirmPassword', 'a brand new passphrase');
    form.requestSubmit();
    await waitUntil(() => fieldError(el, 'oldPassword') === 'The current password is not right.', 'wrong current password');
    type(el, 'oldPassword', dana.password);
    type(el, 'newPassword', 'a brand new passphrase');
    type(el, 'confirmPassword', 'a brand new passphrase');
    form.requestSubmit();
    await until(el, 'Your password was changed.');
    expect(api.callsTo('POST /v1/auth/password').at(-1)!.body).to.deep.equal({ currentPassword: dana.password, newPassword: 'a brand new passphrase' });
    await expect(el).to.be.accessible();
  });

  it('while emulating: a note, and no change-password form', async () => {
    const { el } = await mount({}, { emulated: true });
    expect(shadowText(el)).to.contain('While emulating, the email and phone cannot be changed.');
    expect(hasField(el, 'oldPassword')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('confirms a new email from #porchlight-confirm-email and removes it from the address bar', async () => {
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}${location.search}#porchlight-confirm-email=good-token&tab=2`);
    try {
      const { el, state } = await mount({ pendingEmail: 'new@harborview.example' });
      expect(location.hash).to.equal('#tab=2');
      await until(el, 'Your email is confirmed. We will now write to new@harborview.example.');
      expect(state.profile.email).to.equal('new@harborview.example');
      await waitUntil(() => input(el, 'email').value === 'new@harborview.example', 'reloaded');
      await expect(el).to.be.accessible();
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('a used or bad confirmation link says so', async () => {
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}${location.search}#porchlight-confirm-email=bad-token`);
    try {
      const { el } = await mount();
      await until(el, 'This link is not valid or has expired.');
      expect(location.hash).to.equal('');
      await expect(el).to.be.accessible();
    } finally {
      history.replaceState(null, '', before);
    }
  });
});
