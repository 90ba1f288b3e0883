import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { GatewayRequestError, GatewaySignatureError, GatewayUnavailableError, type ChargeInput, type PaymentGateway } from './gateway.js';
import { encodeForm, stripeGateway, STRIPE_API_VERSION } from './stripe.js';
import { signStripeWebhook, startStripeStandIn, stripeEvent, type StripeStandIn } from './testing/stripe-stand-in.js';

const WEBHOOK_SECRET = 'whsec_test_0123456789abcdef';
let standIn: StripeStandIn;
let gateway: PaymentGateway;
let clock = Date.now();

before(async () => {
  standIn = await startStripeStandIn();
  gateway = stripeGateway({ secretKey: standIn.secretKey, publishableKey: 'pk_test_standin', webhookSecret: WEBHOOK_SECRET, apiBase: standIn.url, now: () => clock });
});
after(() => standIn.close());

const customer = async (accountId = `acc_${Math.random().toString(36).slice(2)}`) =>
  (await gateway.ensureCustomer({ dealerId: 'lakeside', accountId, name: 'Ada Client', email: 'ada@example.com' })).customerRef;

const chargeInput = (customerRef: string, extra: Partial<ChargeInput> = {}): ChargeInput => ({
  customerRef,
  amountCents: 4599,
  currency: 'USD',
  idempotencyKey: `inv_${Math.random().toString(36).slice(2)}:1`,
  offSession: true,
  description: 'Invoice 1001',
  metadata: { invoiceId: 'inv_1001', dealerId: 'lakeside' },
  ...extra,
});

describe('stripe gateway: configuration', () => {
  test('checks keys, modes, the webhook secret and the API base at start-up', () => {
    const ok = { secretKey: 'sk_test_abc', publishableKey: 'pk_test_abc', webhookSecret: 'whsec_x' };
    assert.throws(() => stripeGateway({ ...ok, secretKey: 'pk_test_abc' }), /secretKey/);
    assert.throws(() => stripeGateway({ ...ok, publishableKey: 'sk_test_abc' }), /publishableKey/);
    assert.throws(() => stripeGateway({ ...ok, publishableKey: 'pk_live_abc' }), /different modes/);
    assert.throws(() => stripeGateway({ ...ok, webhookSecret: '' }), /webhookSecret/);
    assert.throws(() => stripeGateway({ ...ok, apiBase: 'http://api.example.com' }), /https/);
    assert.deepEqual(stripeGateway(ok).browserConfig({ dealerId: 'd' }), { kind: 'stripe', publishableKey: 'pk_test_abc' });
  });

  test('encodes forms as Stripe reads them', () => {
    assert.equal(
      decodeURIComponent(encodeForm({ a: 1, b: true, skip: undefined, metadata: { k: 'v w' }, payment_method_types: ['card'] })),
      'a=1&b=true&metadata[k]=v+w&payment_method_types[]=card',
    );
  });
});

describe('stripe gateway against the stand-in', () => {
  test('customer, setup, attach: every request authenticated, versioned, form-encoded, POSTs idempotent', async () => {
    const before = standIn.state.requests.length;
    const cus = await customer('acc_42');
    assert.match(cus, /^cus_/);
    const [created] = standIn.posts('/v1/customers').slice(-1);
    assert.equal(created!.params.get('name'), 'Ada Client');
    assert.equal(created!.params.get('metadata[porchlight_account]'), 'acc_42');
    assert.equal(created!.params.get('metadata[porchlight_dealer]'), 'lakeside');
    assert.equal(await customer('acc_42'), cus, 'a retry of the same request answers the same customer (derived idempotency key)');

    const setup = await gateway.createSetup({ customerRef: cus, kind: 'card' });
    assert.match(setup.clientSecret!, /^seti_\w+_secret_\w+$/);
    const [si] = standIn.posts('/v1/setup_intents').slice(-1);
    assert.equal(si!.params.get('usage'), 'off_session');
    assert.deepEqual(si!.params.getAll('payment_method_types[]'), ['card']);
    await gateway.createSetup({ customerRef: cus, kind: 'bank' });
    assert.deepEqual(standIn.posts('/v1/setup_intents').at(-1)!.params.getAll('payment_method_types[]'), ['us_bank_account']);

    const saved = await gateway.saveMethod({ customerRef: cus, token: 'pm_card_visa' });
    assert.match(saved.gatewayRef, /^pm_/);
    assert.notEqual(saved.gatewayRef, 'pm_card_visa');
    assert.deepEqual({ ...saved, gatewayRef: 'x' }, { gatewayRef: 'x', kind: 'card', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034 });
    const bank = await gateway.saveMethod({ customerRef: cus, token: 'pm_usBankAccount' });
    assert.deepEqual({ ...bank, gatewayRef: 'x' }, { gatewayRef: 'x', kind: 'bank', bankName: 'STRIPE TEST BANK', last4: '6789' });
    assert.deepEqual((await gateway.listMethods(cus)).map((m) => m.gatewayRef).sort(), [saved.gatewayRef, bank.gatewayRef].sort());

    // A method a confirmed SetupIntent already attached is described, not attached again.
    const attaches = standIn.posts(`/v1/payment_methods/${saved.gatewayRef}/attach`).length;
    assert.deepEqual(await gateway.saveMethod({ customerRef: cus, token: saved.gatewayRef }), saved);
    assert.equal(standIn.posts(`/v1/payment_methods/${saved.gatewayRef}/attach`).length, attaches);

    for (const request of standIn.state.requests.slice(before)) {
      assert.equal(request.headers.authorization, `Bearer ${standIn.secretKey}`);
      assert.equal(request.headers['stripe-version'], STRIPE_API_VERSION);
      if (request.method === 'POST') {
        assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
        assert.match(request.headers['idempotency-key'] ?? '', /^porchlight-/);
      }
    }
  });

  test('refuses tokens that are not PaymentMethods, and cards that decline when attached', async () => {
    const cus = await customer();
    await assert.rejects(gateway.saveMethod({ customerRef: cus, token: 'tok_visa' }), (e: unknown) => e instanceof GatewayRequestError && e.code === 'token_invalid');
    await assert.rejects(gateway.saveMethod({ customerRef: cus, token: 'pm_../../v1/refunds' }), (e: unknown) => e instanceof GatewayRequestError && e.code === 'token_invalid');
    await assert.rejects(gateway.saveMethod({ customerRef: cus, token: 'pm_doesNotExist' }), (e: unknown) => e instanceof GatewayRequestError && e.code === 'token_invalid');
    await assert.rejects(gateway.saveMethod({ customerRef: cus, token: 'pm_card_chargeDeclined' }), (e: unknown) => e instanceof GatewayRequestError && /declined/.test(e.message));
    const other = await customer();
    const theirs = await gateway.saveMethod({ customerRef: other, token: 'pm_card_visa' });
    await assert.rejects(gateway.saveMethod({ customerRef: cus, token: theirs.gatewayRef }), /another customer/);
  });

  test('charges: success off-session with the exact PaymentIntent parameters', async () => {
    const cus = await customer();
    const { gatewayRef } = await gateway.saveMethod({ customerRef: cus, token: 'pm_card_visa' });
    const input = chargeInput(cus, { methodRef: gatewayRef });
    const result = await gateway.charge(input);
    assert.equal(result.status, 'succeeded');
    assert.match(result.chargeRef!, /^pi_/);
    const request = standIn.posts('/v1/payment_intents').at(-1)!;
    assert.equal(request.headers['idempotency-key'], `porchlight-charge-${input.idempotencyKey}`);
    const p = request.params;
    assert.deepEqual(
      [p.get('amount'), p.get('currency'), p.get('customer'), p.get('payment_method'), p.get('confirm'), p.get('off_session'), p.get('metadata[invoiceId]'), p.get('description')],
      ['4599', 'usd', cus, gatewayRef, 'true', 'true', 'inv_1001', 'Invoice 1001'],
    );
    assert.equal(p.get('automatic_payment_methods[allow_redirects]'), 'never');
  });

  test('charges: declines are answers, with the decline code', async () => {
    const cus = await customer();
    const generic = await gateway.charge(chargeInput(cus, { token: 'pm_card_chargeDeclined', offSession: false }));
    assert.deepEqual([generic.status, generic.declineCode], ['declined', 'generic_decline']);
    assert.match(generic.chargeRef!, /^pi_/);
    const poor = await gateway.charge(chargeInput(cus, { token: 'pm_card_chargeDeclinedInsufficientFunds', offSession: false }));
    assert.deepEqual([poor.status, poor.declineCode], ['declined', 'insufficient_funds']);
    const saved = await gateway.saveMethod({ customerRef: cus, token: 'pm_card_chargeCustomerFail' });
    assert.equal((await gateway.charge(chargeInput(cus, { methodRef: saved.gatewayRef }))).status, 'declined');
    const failed = await gateway.charge(chargeInput(cus, { methodRef: 'pm_gone', offSession: true }));
    assert.equal(failed.status, 'failed', 'a missing method is a definite failure, not a decline');
  });

  test('charges: authentication required off-session declines and asks the client to pay in the portal; on-session is pending', async () => {
    const cus = await customer();
    const { gatewayRef } = await gateway.saveMethod({ customerRef: cus, token: 'pm_card_authenticationRequired' });
    const autopay = await gateway.charge(chargeInput(cus, { methodRef: gatewayRef, offSession: true }));
    assert.deepEqual([autopay.status, autopay.declineCode], ['declined', 'authentication_required']);
    assert.match(autopay.message, /portal/);
    assert.match(autopay.chargeRef!, /^pi_/);
    const present = await gateway.charge(chargeInput(cus, { methodRef: gatewayRef, offSession: false }));
    assert.equal(present.status, 'pending');
    assert.match(present.clientSecret!, /^pi_\w+_secret_/);
    const bank = await gateway.saveMethod({ customerRef: cus, token: 'pm_usBankAccount' });
    assert.equal((await gateway.charge(chargeInput(cus, { methodRef: bank.gatewayRef }))).status, 'pending');
  });

  test('idempotency: the key is sent and honoured; reuse with other parameters is refused', async () => {
    const cus = await customer();
    const { gatewayRef } = await gateway.saveMethod({ customerRef: cus, token: 'pm_card_visa' });
    const input = chargeInput(cus, { methodRef: gatewayRef });
    const before = standIn.state.paymentIntents.size;
    const results = await Promise.all(Array.from({ length: 10 }, () => gateway.charge(input)));
    assert.equal(standIn.state.paymentIntents.size - before, 1, 'one PaymentIntent for ten calls');
    assert.equal(new Set(results.map((r) => r.chargeRef)).size, 1);
    assert.equal((await gateway.charge(input)).chargeRef, results[0]!.chargeRef);
    await assert.rejects(gateway.charge({ ...input, amountCents: 100 }), (e: unknown) => e instanceof GatewayRequestError && e.code === 'idempotency_mismatch');
    assert.equal(standIn.state.paymentIntents.size - before, 1);
  });

  test('refunds: partial, replayed, too large', async () => {
    const cus = await customer();
    const { gatewayRef } = await gateway.saveMethod({ customerRef: cus, token: 'pm_card_visa' });
    const paid = await gateway.charge(chargeInput(cus, { methodRef: gatewayRef, amountCents: 5000 }));
    const refund = await gateway.refund({ chargeRef: paid.chargeRef!, amountCents: 2000, idempotencyKey: 'refund-a' });
    assert.equal(refund.status, 'succeeded');
    assert.match(refund.refundRef!, /^re_/);
    const request = standIn.posts('/v1/refunds').at(-1)!;
    assert.deepEqual([request.params.get('payment_intent'), request.params.get('amount'), request.headers['idempotency-key']], [paid.chargeRef, '2000', 'porchlight-refund-refund-a']);
    assert.deepEqual(await gateway.refund({ chargeRef: paid.chargeRef!, amountCents: 2000, idempotencyKey: 'refund-a' }), refund);
    const tooMuch = await gateway.refund({ chargeRef: paid.chargeRef!, amountCents: 3001, idempotencyKey: 'refund-b' });
    assert.equal(tooMuch.status, 'failed');
    assert.match(tooMuch.message, /greater than/);
  });

  test('removes methods (twice is fine)', async () => {
    const cus = await customer();
    const { gatewayRef } = await gateway.saveMethod({ customerRef: cus, token: 'pm_card_visa' });
    await gateway.removeMethod(gatewayRef);
    await gateway.removeMethod(gatewayRef);
    assert.deepEqual(await gateway.listMethods(cus), []);
  });

  test('unknown outcomes: a 500, a 429, a 409, a dead server or a timeout throw GatewayUnavailableError', async () => {
    const cus = await customer();
    const { gatewayRef } = await gateway.saveMethod({ customerRef: cus, token: 'pm_card_visa' });
    for (const status of [500, 503, 429, 409]) {
      standIn.failNext(status);
      await assert.rejects(gateway.charge(chargeInput(cus, { methodRef: gatewayRef })), (e: unknown) => e instanceof GatewayUnavailableError && e.status === status, String(status));
    }
    standIn.failNext(500);
    await assert.rejects(gateway.refund({ chargeRef: 'pi_x', amountCents: 1, idempotencyKey: 'r' }), GatewayUnavailableError);
    const dead = stripeGateway({ secretKey: 'sk_test_x', publishableKey: 'pk_test_x', webhookSecret: 'whsec_x', apiBase: 'http://127.0.0.1:1' });
    await assert.rejects(dead.charge(chargeInput('cus_x', { methodRef: 'pm_x' })), GatewayUnavailableError);
    const slow = stripeGateway({
      secretKey: 'sk_test_x',
      publishableKey: 'pk_test_x',
      webhookSecret: 'whsec_x',
      timeoutMs: 50,
      fetch: (_url, init) => new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason))),
    });
    await assert.rejects(slow.charge(chargeInput('cus_x', { methodRef: 'pm_x' })), GatewayUnavailableError);
    const garbled = stripeGateway({ secretKey: 'sk_test_x', publishableKey: 'pk_test_x', webhookSecret: 'whsec_x', fetch: async () => new Response('<html>', { status: 200 }) });
    await assert.rejects(garbled.charge(chargeInput('cus_x', { methodRef: 'pm_x' })), GatewayUnavailableError);
  });

  test('a wrong API key is a request error, not a decline', async () => {
    const wrong = stripeGateway({ secretKey: 'sk_test_wrong', publishableKey: 'pk_test_x', webhookSecret: 'whsec_x', apiBase: standIn.url });
    await assert.rejects(wrong.charge(chargeInput('cus_x', { methodRef: 'pm_x' })), (e: unknown) => e instanceof GatewayRequestError && e.code === 'authentication');
  });
});

describe('stripe webhooks', () => {
  const sign = (body: string, t = Math.floor(clock / 1000), secret = WEBHOOK_SECRET) => ({ 'stripe-signature': signStripeWebhook(secret, body, t) });
  const bytes = (s: string) => new TextEncoder().encode(s);

  test('verifies Stripe-Signature and reduces the event', async () => {
    const body = JSON.stringify(stripeEvent('payment_intent.succeeded', { id: 'pi_123', object: 'payment_intent', amount: 4599, status: 'succeeded' }, Math.floor(clock / 1000)));
    const event = await gateway.verifyCallback(bytes(body), new Headers(sign(body)));
    assert.deepEqual({ ...event, id: 'x' }, { id: 'x', type: 'payment_intent.succeeded', chargeRef: 'pi_123', status: 'succeeded', amountCents: 4599, createdAt: Math.floor(clock / 1000) * 1000 });
    const refunded = JSON.stringify(stripeEvent('charge.refunded', { id: 'ch_1', object: 'charge', payment_intent: 'pi_123', amount_refunded: 100 }));
    assert.deepEqual((({ chargeRef, status, amountCents }) => ({ chargeRef, status, amountCents }))(await gateway.verifyCallback(bytes(refunded), sign(refunded))), { chargeRef: 'pi_123', status: 'refunded', amountCents: 100 });
    const failed = JSON.stringify(stripeEvent('payment_intent.payment_failed', { id: 'pi_9', object: 'payment_intent' }));
    assert.equal((await gateway.verifyCallback(bytes(failed), sign(failed))).status, 'declined');
    const other = JSON.stringify(stripeEvent('customer.updated', { id: 'cus_1', object: 'customer' }));
    const plain = await gateway.verifyCallback(bytes(other), sign(other));
    assert.equal(plain.chargeRef, undefined);
    assert.equal(plain.status, undefined);
  });

  test('refuses tampering, wrong secrets, stale timestamps; accepts any matching v1 (secret rotation)', async () => {
    const body = JSON.stringify(stripeEvent('payment_intent.succeeded', { id: 'pi_1', object: 'payment_intent', amount: 100 }));
    const now = Math.floor(clock / 1000);
    const rejects = (b: string, headers: Record<string, string>, pattern: RegExp) =>
      assert.rejects(gateway.verifyCallback(bytes(b), headers), (e: unknown) => e instanceof GatewaySignatureError && pattern.test(e.message));
    await rejects(body.replace('"amount":100', '"amount":1'), sign(body), /does not match/);
    await rejects(body, sign(body, now, 'whsec_other'), /does not match/);
    await rejects(body, sign(body, now - 301), /5 minutes/);
    await rejects(body, {}, /missing/);
    await rejects('{"not":"an event"}', sign('{"not":"an event"}'), /not a Stripe event/);
    const valid = signStripeWebhook(WEBHOOK_SECRET, body, now).split(',v1=')[1]!;
    const wrong = signStripeWebhook('whsec_old', body, now).split(',v1=')[1]!;
    assert.equal((await gateway.verifyCallback(bytes(body), { 'stripe-signature': `t=${now},v1=${wrong},v1=${valid},v0=abc` })).chargeRef, 'pi_1');
    const rotating = stripeGateway({ secretKey: 'sk_test_x', publishableKey: 'pk_test_x', webhookSecret: ['whsec_new', WEBHOOK_SECRET], now: () => clock });
    assert.equal((await rotating.verifyCallback(bytes(body), sign(body))).chargeRef, 'pi_1');
  });
});
