import { expect, waitUntil } from '@open-wc/testing';
import { acceptableToken, readSummary, SandboxFieldsAdapter, type GatewayTokenResult } from './gateway-fields.js';
import { FAKE_FIELDS_URL } from './fake-billing.js';

/** Runs `code` inside the frame (so the message comes from the frame's window, at its origin). */
function runInFrame(frame: HTMLIFrameElement, code: string): void {
  const doc = frame.contentDocument!;
  const script = doc.createElement('script');
  script.textContent = code;
  doc.body.append(script);
}

describe('the gateway fields (sandbox adapter)', () => {
  it('takes tokens, never card numbers, and keeps only the summary it expects', () => {
    expect(acceptableToken('tok_sbx_visa-4242_17')).to.equal(true);
    expect(acceptableToken('pm_1Q2w3E4r5T6y7U8i')).to.equal(true);
    expect(acceptableToken('4242424242424242')).to.equal(false);
    expect(acceptableToken('tok 1')).to.equal(false);
    expect(acceptableToken('')).to.equal(false);
    expect(acceptableToken(42)).to.equal(false);
    const summary = readSummary({ kind: 'card', brand: 'visa', last4: '4242', expMonth: 4, expYear: 2031, number: '4242424242424242', cvc: '123' }, 'card');
    expect(summary).to.deep.equal({ kind: 'card', brand: 'visa', bankName: null, last4: '4242', expMonth: 4, expYear: 2031 });
    expect(readSummary({ kind: 'card', brand: '4242 4242 4242 4242', last4: '4242' }, 'card')!.brand).to.equal(null);
    expect(readSummary({ kind: 'card', last4: '42424' }, 'card')).to.equal(null);
    expect(readSummary({ kind: 'bank', bankName: 'Chase', last4: '6789', expMonth: 4 }, 'card')).to.deep.equal({ kind: 'bank', brand: null, bankName: 'Chase', last4: '6789', expMonth: null, expYear: null });
  });

  it('frames fieldsUrl with kind and origin, answers only its frame at the exact origin, and refuses a "token" that is a card number', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const adapter = new SandboxFieldsAdapter({ fieldsUrl: FAKE_FIELDS_URL, fieldsOrigin: window.location.origin });
    const seen: string[] = [];
    const tokens: GatewayTokenResult[] = [];
    try {
      await adapter.mount(container, 'card', { ready: () => seen.push('ready'), token: (t) => tokens.push(t), error: (m) => seen.push(`error: ${m}`) });
      const frame = container.querySelector('iframe')!;
      expect(new URL(frame.src).search).to.equal(`?kind=card&origin=${encodeURIComponent(window.location.origin)}`);
      await waitUntil(() => seen.includes('ready'), 'ready');
      expect(Number.parseInt(frame.style.height, 10)).to.be.greaterThan(100);

      runInFrame(frame, `parent.postMessage({ type: 'porchlight-sandbox-token', token: '4242424242424242', summary: { kind: 'card', last4: '4242' } }, '*')`);
      await waitUntil(() => seen.length === 2, 'refused');
      expect(seen[1]).to.equal('error: The payment form sent something that is not a payment token. Try again.');
      expect(tokens).to.have.length(0);

      // Messages of an unknown type, or not objects, are ignored.
      runInFrame(frame, `parent.postMessage('porchlight-sandbox-token', '*'); parent.postMessage({ type: 'something-else' }, '*')`);
      adapter.submit();
      await waitUntil(() => tokens.length === 1, 'a token after submit');
      expect(tokens[0]!.token).to.match(/^tok_sbx_visa-4242_\d+$/);
      expect(tokens[0]!.summary).to.deep.equal({ kind: 'card', brand: 'visa', bankName: null, last4: '4242', expMonth: 12, expYear: 2030 });
      expect(seen).to.have.length(2);
      // Only the sandbox's frame: Stripe.js is never loaded for it.
      expect(document.querySelector('script[src*="js.stripe.com"]')).to.equal(null);
    } finally {
      adapter.destroy();
      container.remove();
    }
    expect(container.querySelector('iframe')).to.equal(null);
  });

  it('refuses an origin that is not exact', async () => {
    for (const fieldsOrigin of ['*', 'null', 'https://pay.example/fields', '']) {
      const adapter = new SandboxFieldsAdapter({ fieldsUrl: FAKE_FIELDS_URL, fieldsOrigin });
      const errors: string[] = [];
      const container = document.createElement('div');
      await adapter.mount(container, 'card', { ready: () => undefined, token: () => undefined, error: (m) => errors.push(m) });
      expect(errors, fieldsOrigin).to.deep.equal(['The payment form is not set up correctly. Contact us to pay.']);
      expect(container.querySelector('iframe')).to.equal(null);
    }
  });
});
