import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { GatewayRequestError, GatewaySignatureError, GatewayUnavailableError, type PaymentGateway } from './gateway.js';
import { luhnValid, routingNumberValid, sandboxGateway, sandboxGatewayApp, SANDBOX_TEST_CARDS, type SandboxCallback } from './sandbox.js';
import { memoryProcessedEvents, processCallbackOnce } from './callbacks.js';

const ORIGIN = 'https://www.lakeside.example';
const SECRET = 'sandbox-callback-secret-0123456789';
const START = Date.parse('2026-11-23T12:00:00Z');

function setup() {
  const clock = { now: START };
  const callbacks: SandboxCallback[] = [];
  const app = sandboxGatewayApp({ secret: SECRET, allowedOrigins: [ORIGIN], now: () => clock.now, onCallback: (cb) => void callbacks.push(cb) });
  const gateway = sandboxGateway({ app, publicUrl: 'https://portal.example/sandbox-gateway/' });
  const tokenize = async (body: unknown) => {
    const res = await app.request('/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  };
  const card = async (number: string, exp = { expMonth: '12', expYear: '30' }) => {
    const res = await tokenize({ kind: 'card', number, ...exp, cvc: '123' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.token as string;
  };
  const bank = async (accountNumber: string) => {
    const res = await tokenize({ kind: 'bank', accountHolderName: 'Ada Client', routingNumber: '110000000', accountNumber });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.token as string;
  };
  const customer = async (accountId = 'acc_1') => (await gateway.ensureCustomer({ dealerId: 'lakeside', accountId, name: 'Ada Client', email: 'ada@example.com' })).customerRef;
  return { clock, app, gateway, callbacks, tokenize, card, bank, customer };
}

const charge = (gateway: PaymentGateway, customerRef: string, extra: { methodRef?: string; token?: string; key?: string; amountCents?: number; offSession?: boolean }) =>
  gateway.charge({
    customerRef,
    ...(extra.methodRef ? { methodRef: extra.methodRef } : {}),
    ...(extra.token ? { token: extra.token } : {}),
    amountCents: extra.amountCents ?? 4599,
    currency: 'usd',
    idempotencyKey: extra.key ?? `inv_${Math.random().toString(36).slice(2)}`,
    offSession: extra.offSession ?? true,
    description: 'Invoice 1001',
    metadata: { invoiceId: 'inv_1' },
  });

const sha256Base64 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

describe('sandbox hosted-fields page', () => {
  test('is served with a strict CSP that allows only its own hashed script and style, framed only by the allowed origin', async () => {
    const { app } = setup();
    for (const kind of ['card', 'bank']) {
      const res = await app.request(`/fields?kind=${kind}&origin=${encodeURIComponent(ORIGIN)}`);
      assert.equal(res.status, 200);
      const csp = res.headers.get('content-security-policy') ?? '';
      const html = await res.text();
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
      assert.deepEqual(directives.get('default-src'), ["'none'"]);
      assert.deepEqual(directives.get('frame-ancestors'), [ORIGIN]);
      assert.deepEqual(directives.get('connect-src'), ["'self'"]);
      assert.deepEqual(directives.get('form-action'), ["'none'"]);
      assert.deepEqual(directives.get('base-uri'), ["'none'"]);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
      const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
      const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
      assert.equal(scripts.length, 1);
      assert.equal(styles.length, 1);
      assert.deepEqual(directives.get('script-src'), [`'sha256-${sha256Base64(scripts[0]!)}'`]);
      assert.deepEqual(directives.get('style-src'), [`'sha256-${sha256Base64(styles[0]!)}'`]);
      assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handlers');
      assert.doesNotMatch(html, /<script\s+src|style="/i);
      // The target origin the script posts to is the allow-listed one, from the page's attribute.
      assert.match(html, new RegExp(`data-target-origin="${ORIGIN.replace(/\./g, '\\.')}"`));
      assert.match(scripts[0]!, /window\.parent\.postMessage\(message, target\)/);
      assert.doesNotMatch(scripts[0]!, /postMessage\([^)]*['"]\*['"]/);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    }
  });

  test('labels every input, describes errors and announces status', async () => {
    const { app } = setup();
    const html = await (await app.request(`/fields?kind=card&origin=${encodeURIComponent(ORIGIN)}`)).text();
    const inputs = [...html.matchAll(/<input id="([^"]+)"[^>]*>/g)];
    assert.deepEqual(inputs.map((m) => m[1]), ['number', 'exp', 'cvc']);
    for (const [tag, id] of inputs) {
      assert.match(html, new RegExp(`<label for="${id}">`));
      assert.match(tag!, new RegExp(`aria-describedby="${id}-error"`));
      assert.match(tag!, /autocomplete="cc-/);
    }
    assert.match(html, /role="status"/);
    assert.match(html, /<html lang="en"/);
    const bankHtml = await (await app.request(`/fields?kind=bank&origin=${encodeURIComponent(ORIGIN)}`)).text();
    assert.deepEqual([...bankHtml.matchAll(/<input id="([^"]+)"/g)].map((m) => m[1]), ['accountHolderName', 'routingNumber', 'accountNumber']);
  });

  test('refuses an origin that is not allow-listed (and a bad kind) with a script-less, unframable page', async () => {
    const { app } = setup();
    for (const origin of ['https://evil.example', `${ORIGIN}/`, 'null', '*', 'https://www.lakeside.example.evil.example', '']) {
      const res = await app.request(`/fields?kind=card&origin=${encodeURIComponent(origin)}`);
      assert.equal(res.status, 403, origin);
      const html = await res.text();
      assert.doesNotMatch(html, /<script|<form/);
      assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    }
    const bad = await app.request(`/fields?kind=paypal&origin=${encodeURIComponent(ORIGIN)}`);
    assert.equal(bad.status, 400);
    assert.throws(() => sandboxGatewayApp({ secret: SECRET, allowedOrigins: ['https://x.example/'] }), /exact origin/);
    assert.throws(() => sandboxGatewayApp({ secret: 'short', allowedOrigins: [] }), /24 characters/);
  });
});

describe('sandbox tokenization', () => {
  test('answers an opaque token and a summary; never echoes the number', async () => {
    const { tokenize } = setup();
    const res = await tokenize({ kind: 'card', number: '4242 4242 4242 4242', expMonth: '04', expYear: '29', cvc: '123' });
    assert.equal(res.status, 201);
    assert.match(res.body.token, /^tok_sbx_[a-z0-9]{20,}$/);
    assert.deepEqual(res.body.summary, { kind: 'card', brand: 'visa', last4: '4242', expMonth: 4, expYear: 2029 });
    assert.doesNotMatch(JSON.stringify(res.body), /424242|123"/);
    const bank = await tokenize({ kind: 'bank', accountHolderName: 'Ada', routingNumber: '110000000', accountNumber: '000123456789' });
    assert.deepEqual(bank.body.summary, { kind: 'bank', bankName: 'Sandbox Test Bank', last4: '6789' });
  });

  test('checks the details and says which field is wrong', async () => {
    const { tokenize, app } = setup();
    const bad = await tokenize({ kind: 'card', number: '4242 4242 4242 4241', expMonth: '13', expYear: '29', cvc: '12' });
    assert.equal(bad.status, 400);
    assert.deepEqual(Object.keys(bad.body.error.fields).sort(), ['cvc', 'exp', 'number']);
    const real = await tokenize({ kind: 'card', number: '4111 1111 1111 1111', expMonth: '12', expYear: '30', cvc: '123' });
    assert.match(real.body.error.fields.number, /only its test cards/);
    const expired = await tokenize({ kind: 'card', number: '4242424242424242', expMonth: '10', expYear: '26', cvc: '123' });
    assert.match(expired.body.error.fields.exp, /expired/);
    const bank = await tokenize({ kind: 'bank', accountHolderName: '', routingNumber: '123456789', accountNumber: '12' });
    assert.deepEqual(Object.keys(bank.body.error.fields).sort(), ['accountHolderName', 'accountNumber', 'routingNumber']);
    const notJson = await app.request('/tokens', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    assert.equal(notJson.status, 415);
    const huge = await app.request('/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'card', pad: 'x'.repeat(10_000) }) });
    assert.equal(huge.status, 413);
  });

  test('test numbers are valid numbers', () => {
    for (const number of Object.keys(SANDBOX_TEST_CARDS)) assert.ok(luhnValid(number), number);
    assert.ok(routingNumberValid('110000000'));
    assert.ok(!routingNumberValid('110000001'));
  });
});

describe('sandbox gateway (the port)', () => {
  test('browserConfig points the element at the hosted fields', () => {
    const { gateway } = setup();
    assert.deepEqual(gateway.browserConfig({ dealerId: 'lakeside', origin: ORIGIN }), {
      kind: 'sandbox',
      fieldsUrl: 'https://portal.example/sandbox-gateway/fields',
      fieldsOrigin: 'https://portal.example',
    });
  });

  test('saves, lists and removes methods; Porchlight sees references and last four only', async () => {
    const { gateway, card, bank, customer } = setup();
    const cus = await customer();
    assert.equal(await customer(), cus, 'one customer per account');
    assert.deepEqual(await gateway.createSetup({ customerRef: cus, kind: 'card' }), {});
    const token = await card('4242424242424242');
    const saved = await gateway.saveMethod({ customerRef: cus, token });
    assert.match(saved.gatewayRef, /^pm_sbx_/);
    assert.deepEqual({ ...saved, gatewayRef: 'x' }, { gatewayRef: 'x', kind: 'card', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 });
    assert.doesNotMatch(JSON.stringify(saved), /42424242/);
    await assert.rejects(gateway.saveMethod({ customerRef: cus, token }), (e: unknown) => e instanceof GatewayRequestError && e.code === 'token_invalid', 'tokens are single-use');
    const b = await gateway.saveMethod({ customerRef: cus, token: await bank('000123456789') });
    assert.deepEqual((await gateway.listMethods(cus)).map((m) => m.gatewayRef), [saved.gatewayRef, b.gatewayRef]);
    await gateway.removeMethod(saved.gatewayRef);
    await gateway.removeMethod(saved.gatewayRef);
    assert.deepEqual((await gateway.listMethods(cus)).map((m) => m.last4), ['6789']);
    const failed = await charge(gateway, cus, { methodRef: saved.gatewayRef });
    assert.equal(failed.status, 'failed');
  });

  test('each test number has its documented outcome', async () => {
    const { gateway, card, bank, customer } = setup();
    const cus = await customer();
    const save = async (token: string) => (await gateway.saveMethod({ customerRef: cus, token })).gatewayRef;
    const ok = await charge(gateway, cus, { methodRef: await save(await card('4242424242424242')) });
    assert.equal(ok.status, 'succeeded');
    assert.match(ok.chargeRef!, /^ch_sbx_/);
    assert.equal((await charge(gateway, cus, { methodRef: await save(await card('5555555555554444')) })).status, 'succeeded');
    const declined = await charge(gateway, cus, { methodRef: await save(await card('4000000000000002')) });
    assert.deepEqual([declined.status, declined.declineCode], ['declined', 'card_declined']);
    assert.ok(declined.message.length > 10);
    const poor = await charge(gateway, cus, { methodRef: await save(await card('4000000000009995')) });
    assert.deepEqual([poor.status, poor.declineCode], ['declined', 'insufficient_funds']);
    const broken = await save(await card('4000000000000119'));
    await assert.rejects(charge(gateway, cus, { methodRef: broken }), GatewayUnavailableError);
    assert.equal((await charge(gateway, cus, { methodRef: await save(await bank('000123456789')) })).status, 'succeeded');
    const noAccount = await charge(gateway, cus, { methodRef: await save(await bank('000111111116')) });
    assert.deepEqual([noAccount.status, noAccount.declineCode], ['declined', 'no_account']);
  });

  test('one-off tokens charge once; a saved card past its expiry declines', async () => {
    const { gateway, card, customer, clock } = setup();
    const cus = await customer();
    const token = await card('4242424242424242');
    assert.equal((await charge(gateway, cus, { token, offSession: false })).status, 'succeeded');
    const again = await charge(gateway, cus, { token, offSession: false });
    assert.equal(again.status, 'failed', 'a used token cannot pay twice');
    const methodRef = (await gateway.saveMethod({ customerRef: cus, token: await card('4242424242424242', { expMonth: '12', expYear: '26' }) })).gatewayRef;
    clock.now = Date.parse('2027-01-02T00:00:00Z');
    const expired = await charge(gateway, cus, { methodRef });
    assert.deepEqual([expired.status, expired.declineCode], ['declined', 'expired_card']);
  });

  test('charges are idempotent per key: 50 concurrent charges with one key make one charge', async () => {
    const { app, gateway, card, customer } = setup();
    const cus = await customer();
    const methodRef = (await gateway.saveMethod({ customerRef: cus, token: await card('4242424242424242') })).gatewayRef;
    const before = app.sandbox.chargesMade;
    const results = await Promise.all(Array.from({ length: 50 }, () => charge(gateway, cus, { methodRef, key: 'inv_1001:attempt-1' })));
    assert.equal(app.sandbox.chargesMade - before, 1);
    assert.equal(new Set(results.map((r) => r.chargeRef)).size, 1);
    assert.ok(results.every((r) => r.status === 'succeeded'));
    const later = await charge(gateway, cus, { methodRef, key: 'inv_1001:attempt-1' });
    assert.equal(later.chargeRef, results[0]!.chargeRef);
    await assert.rejects(
      charge(gateway, cus, { methodRef, key: 'inv_1001:attempt-1', amountCents: 100 }),
      (e: unknown) => e instanceof GatewayRequestError && e.code === 'idempotency_mismatch',
    );
    assert.equal(app.sandbox.chargesMade - before, 1);
    // A declined charge is an answer too: the same key replays the decline.
    const declinedRef = (await gateway.saveMethod({ customerRef: cus, token: await card('4000000000000002') })).gatewayRef;
    const d1 = await charge(gateway, cus, { methodRef: declinedRef, key: 'inv_1002:a' });
    const d2 = await charge(gateway, cus, { methodRef: declinedRef, key: 'inv_1002:a' });
    assert.deepEqual(d1, d2);
    // An unknown outcome is not remembered: the same key tries again.
    const brokenRef = (await gateway.saveMethod({ customerRef: cus, token: await card('4000000000000119') })).gatewayRef;
    await assert.rejects(charge(gateway, cus, { methodRef: brokenRef, key: 'inv_1003:a' }), GatewayUnavailableError);
    await assert.rejects(charge(gateway, cus, { methodRef: brokenRef, key: 'inv_1003:a' }), GatewayUnavailableError);
  });

  test('checks charge input', async () => {
    const { gateway, customer } = setup();
    const cus = await customer();
    const base = { customerRef: cus, methodRef: 'pm_sbx_x', amountCents: 100, currency: 'usd', idempotencyKey: 'k', offSession: true, description: '', metadata: {} };
    for (const bad of [{ amountCents: 0 }, { amountCents: 1.5 }, { currency: 'dollars' }, { idempotencyKey: 'has space' }, { token: 'tok' }, { metadata: { 'bad key': 'x' } }]) {
      await assert.rejects(gateway.charge({ ...base, ...bad } as never), (e: unknown) => e instanceof GatewayRequestError && e.code === 'invalid_request', JSON.stringify(bad));
    }
  });

  test('refunds part or all of a charge, idempotently', async () => {
    const { gateway, card, customer } = setup();
    const cus = await customer();
    const methodRef = (await gateway.saveMethod({ customerRef: cus, token: await card('4242424242424242') })).gatewayRef;
    const paid = await charge(gateway, cus, { methodRef, amountCents: 5000 });
    const r1 = await gateway.refund({ chargeRef: paid.chargeRef!, amountCents: 2000, idempotencyKey: 'refund-1' });
    assert.equal(r1.status, 'succeeded');
    assert.deepEqual(await gateway.refund({ chargeRef: paid.chargeRef!, amountCents: 2000, idempotencyKey: 'refund-1' }), r1);
    assert.equal((await gateway.refund({ chargeRef: paid.chargeRef!, amountCents: 3001, idempotencyKey: 'refund-2' })).status, 'failed');
    assert.equal((await gateway.refund({ chargeRef: paid.chargeRef!, amountCents: 3000, idempotencyKey: 'refund-3' })).status, 'succeeded');
    await assert.rejects(gateway.refund({ chargeRef: 'ch_sbx_nope', amountCents: 1, idempotencyKey: 'refund-4' }), GatewayRequestError);
  });
});

describe('sandbox callbacks', () => {
  test('each charge and refund is delivered signed, and verifies', async () => {
    const { app, gateway, card, customer, callbacks } = setup();
    const cus = await customer();
    const methodRef = (await gateway.saveMethod({ customerRef: cus, token: await card('4242424242424242') })).gatewayRef;
    const paid = await charge(gateway, cus, { methodRef });
    await gateway.refund({ chargeRef: paid.chargeRef!, amountCents: 100, idempotencyKey: 'r-1' });
    await app.settled();
    assert.equal(callbacks.length, 2);
    assert.match(callbacks[0]!.headers['sandbox-signature']!, /^t=\d+,v1=[0-9a-f]{64}$/);
    const event = await gateway.verifyCallback(callbacks[0]!.body, new Headers(callbacks[0]!.headers));
    assert.deepEqual({ ...event, id: 'x' }, { id: 'x', type: 'charge.succeeded', chargeRef: paid.chargeRef, status: 'succeeded', amountCents: 4599, createdAt: Math.floor(START / 1000) * 1000 });
    const refunded = await gateway.verifyCallback(callbacks[1]!.body, callbacks[1]!.headers);
    assert.deepEqual([refunded.status, refunded.amountCents], ['refunded', 100]);
  });

  test('refuses a tampered body, a wrong secret, a stale or future timestamp and malformed headers', async () => {
    const { app, gateway, clock } = setup();
    const event = { id: 'evt_sbx_abc123', type: 'charge.succeeded', created: Math.floor(START / 1000), data: { chargeRef: 'ch_sbx_1', amountCents: 100 } };
    const good = app.signCallback(event);
    assert.equal((await gateway.verifyCallback(good.body, good.headers)).id, 'evt_sbx_abc123');
    const rejects = (body: Uint8Array, headers: Record<string, string>, pattern: RegExp) => assert.rejects(gateway.verifyCallback(body, headers), (e: unknown) => e instanceof GatewaySignatureError && pattern.test(e.message));
    const tampered = new TextEncoder().encode(new TextDecoder().decode(good.body).replace('"amountCents":100', '"amountCents":1'));
    await rejects(tampered, good.headers, /does not match/);
    const other = sandboxGatewayApp({ secret: 'another-secret-0123456789abcdef', allowedOrigins: [], now: () => clock.now }).signCallback(event);
    await rejects(other.body, other.headers, /does not match/);
    const stale = app.signCallback(event, Math.floor(START / 1000) - 301);
    await rejects(stale.body, stale.headers, /5 minutes/);
    const future = app.signCallback(event, Math.floor(START / 1000) + 301);
    await rejects(future.body, future.headers, /5 minutes/);
    const nearlyStale = app.signCallback(event, Math.floor(START / 1000) - 299);
    assert.equal((await gateway.verifyCallback(nearlyStale.body, nearlyStale.headers)).id, 'evt_sbx_abc123');
    await rejects(good.body, {}, /missing/);
    await rejects(good.body, { 'sandbox-signature': 'v1=abc' }, /timestamp|form/);
    await rejects(good.body, { 'sandbox-signature': `t=${Math.floor(START / 1000)}` }, /no v1/);
    await rejects(good.body, { 'sandbox-signature': 'garbage' }, /form/);
    const notEvent = app.signCallback({ hello: 'world' });
    await rejects(notEvent.body, notEvent.headers, /not a sandbox event/);
    const notJson = new TextEncoder().encode('not json');
    await rejects(notJson, { 'sandbox-signature': (await import('./callbacks.js')).signCallback(SECRET, notJson, Math.floor(START / 1000)) }, /not JSON/);
  });

  test('a replayed event id is processed once (processCallbackOnce with a memory log)', async () => {
    const { app, gateway } = setup();
    const processed = memoryProcessedEvents({ now: () => START });
    const scope = { dealerId: 'lakeside', gatewayId: gateway.id };
    const signed = app.signCallback({ id: 'evt_sbx_replay1', type: 'charge.succeeded', created: Math.floor(START / 1000), data: { chargeRef: 'ch_sbx_1' } });
    const handled: string[] = [];
    const deliver = async () => processCallbackOnce(processed, scope, await gateway.verifyCallback(signed.body, signed.headers), (e) => void handled.push(e.id));
    assert.equal(await deliver(), 'processed');
    assert.equal(await deliver(), 'duplicate');
    assert.deepEqual(handled, ['evt_sbx_replay1']);
    // A failed handler releases the claim so the gateway's retry is processed.
    const other = app.signCallback({ id: 'evt_sbx_fails1', type: 'charge.succeeded', created: Math.floor(START / 1000), data: {} });
    const event = await gateway.verifyCallback(other.body, other.headers);
    await assert.rejects(processCallbackOnce(processed, scope, event, () => Promise.reject(new Error('db down'))), /db down/);
    assert.equal(await processCallbackOnce(processed, scope, event, () => undefined), 'processed');
  });
});
