import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { PorchlightTextField } from './text-field.js';
import './define.js';

describe('porchlight-text-field', () => {
  it('is defined once, and evaluating the define module again (a second copy of the bundle) is harmless', async () => {
    expect(customElements.get('porchlight-text-field')).to.equal(PorchlightTextField);
    // A query string makes the browser evaluate the module a second time.
    const again = await import(/* @vite-ignore */ new URL(`./define.ts?copy=${Date.now()}`, import.meta.url).href);
    expect(again.textFieldTag).to.equal('porchlight-text-field');
    expect(customElements.get('porchlight-text-field')).to.equal(PorchlightTextField);
  });

  it('labels its native input and passes name, id, type and autocomplete through', async () => {
    const el = await fixture<PorchlightTextField>(
      html`<porchlight-text-field name="password" label="Password" type="password" autocomplete="current-password" required></porchlight-text-field>`,
    );
    const input = el.shadowRoot!.querySelector('input')!;
    const label = el.shadowRoot!.querySelector('label')!;
    expect(input.id).to.equal('password');
    expect(input.name).to.equal('password');
    expect(input.type).to.equal('password');
    expect(input.autocomplete).to.equal('current-password');
    expect(input.required).to.equal(true);
    expect(label.htmlFor).to.equal('password');
    expect(input.labels![0]!.textContent).to.equal('Password');
    await expect(el).to.be.accessible();
  });

  it('takes part in its form: FormData, reset, validity', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>
      <porchlight-text-field name="username" label="Username" value="start" required></porchlight-text-field>
    </form>`);
    const el = form.querySelector('porchlight-text-field')!;
    await el.updateComplete;
    expect(el.form).to.equal(form);
    expect(new FormData(form).get('username')).to.equal('start');
    const input = el.shadowRoot!.querySelector('input')!;
    input.value = 'typed';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    expect(new FormData(form).get('username')).to.equal('typed');
    form.reset();
    await el.updateComplete;
    expect(el.value).to.equal('start');
    el.value = '';
    await el.updateComplete;
    expect(el.checkValidity()).to.equal(false);
    el.value = 'x';
    await el.updateComplete;
    expect(el.checkValidity()).to.equal(true);
  });

  it('shows an error: aria-invalid, described by hint and error, invalid for the form', async () => {
    const el = await fixture<PorchlightTextField>(html`<porchlight-text-field name="identifier" label="Account identifier" hint="Digits" error="Enter your account identifier."></porchlight-text-field>`);
    const input = el.shadowRoot!.querySelector('input')!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.equal('hint error');
    expect(el.shadowRoot!.getElementById('error')!.textContent).to.contain('Enter your account identifier.');
    expect(el.validationMessage).to.equal('Enter your account identifier.');
    await expect(el).to.be.accessible();
    el.error = '';
    await el.updateComplete;
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    expect(input.getAttribute('aria-describedby')).to.equal('hint');
  });

  it('keeps its red border while the pointer is over a field in error', async () => {
    const el = await fixture<PorchlightTextField>(html`<porchlight-text-field name="zip" label="ZIP code"></porchlight-text-field>`);
    const input = el.shadowRoot!.querySelector('input')!;
    // Colours as they end up, not midway through the border's transition.
    input.style.transition = 'none';
    const plain = getComputedStyle(input).borderTopColor;
    el.error = 'Enter your ZIP code.';
    await el.updateComplete;
    const red = getComputedStyle(input).borderTopColor;
    expect(red).to.not.equal(plain);
    const box = input.getBoundingClientRect();
    try {
      await sendMouse({ type: 'move', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
      expect(input.matches(':hover')).to.equal(true);
      expect(getComputedStyle(input).borderTopColor).to.equal(red);
    } finally {
      await resetMouse();
    }
  });

  it('Enter in the field submits its form (implicit submission across the shadow root)', async () => {
    const form = await fixture<HTMLFormElement>(html`<form @submit=${(e: Event) => e.preventDefault()}>
      <porchlight-text-field name="username" label="Username"></porchlight-text-field>
      <button>Go</button>
    </form>`);
    const el = form.querySelector('porchlight-text-field')!;
    await el.updateComplete;
    el.focus();
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('input'));
    const submitted = oneEvent(form, 'submit');
    await sendKeys({ type: 'dana' });
    await sendKeys({ press: 'Enter' });
    const event = (await submitted) as unknown as SubmitEvent;
    expect(new FormData(form).get('username')).to.equal('dana');
    expect(event.submitter?.textContent).to.equal('Go');
  });

  it('re-dispatches change outside its shadow root', async () => {
    const el = await fixture<PorchlightTextField>(html`<porchlight-text-field name="a" label="A"></porchlight-text-field>`);
    const changed = oneEvent(el, 'change');
    el.shadowRoot!.querySelector('input')!.dispatchEvent(new Event('change'));
    await changed;
  });

  it('a disabled fieldset disables it', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><fieldset disabled><porchlight-text-field name="a" label="A"></porchlight-text-field></fieldset></form>`);
    const el = form.querySelector('porchlight-text-field')!;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('input')!.disabled).to.equal(true);
  });
});
