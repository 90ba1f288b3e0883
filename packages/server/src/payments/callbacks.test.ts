import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createStorage } from 'unstorage';
import { unstorageStore } from '../store/unstorage.js';
import { keys } from '../store/keys.js';
import { callbackSignature, processCallbackOnce, readHeader, storeProcessedEvents, verifySignatureHeader } from './callbacks.js';
import { GatewaySignatureError, type GatewayEvent } from './gateway.js';

const body = new TextEncoder().encode('{"id":"evt_1"}');

test('the signature is HMAC-SHA256 over "t." + the raw body (checked against node:crypto)', () => {
  const expected = createHmac('sha256', 'secret').update('1700000000.{"id":"evt_1"}').digest('hex');
  assert.equal(callbackSignature('secret', 1700000000, body), expected);
  const ok = verifySignatureHeader({ gatewayId: 'x', headerName: 'X-Sig', header: `t=1700000000,v1=${expected}`, rawBody: body, secrets: ['secret'], nowMs: 1700000000_000 });
  assert.equal(ok, 1700000000);
  const bad = (header: string) =>
    assert.throws(() => verifySignatureHeader({ gatewayId: 'x', headerName: 'X-Sig', header, rawBody: body, secrets: ['secret'], nowMs: 1700000000_000 }), GatewaySignatureError, header);
  bad(`t=1700000000,t=1700000000,v1=${expected}`);
  bad(`t=17e8,v1=${expected}`);
  bad(`t=1700000000,v1=${expected.toUpperCase().slice(0, 63)}`);
  bad(`t=1700000000,v1=${'0'.repeat(64)}`);
  bad(`t=1699999699,v1=${callbackSignature('secret', 1699999699, body)}`);
  assert.throws(() => verifySignatureHeader({ gatewayId: 'x', headerName: 'X-Sig', header: `t=1700000000,v1=${expected}`, rawBody: body, secrets: [''], nowMs: 1700000000_000 }), /No callback secret/);
});

test('readHeader reads Fetch headers and plain objects, case-insensitively', () => {
  assert.equal(readHeader(new Headers({ 'Stripe-Signature': 'a' }), 'stripe-signature'), 'a');
  assert.equal(readHeader({ 'STRIPE-SIGNATURE': 'b' }, 'Stripe-Signature'), 'b');
  assert.equal(readHeader({ other: 'c' }, 'Stripe-Signature'), undefined);
});

test('storeProcessedEvents: the first claim wins, across concurrent deliveries, per dealer and gateway, with a TTL', async () => {
  const clock = { now: Date.parse('2026-11-23T12:00:00Z') };
  const store = unstorageStore(createStorage(), { now: () => clock.now });
  const processed = storeProcessedEvents(store, { now: () => clock.now });
  const scope = { dealerId: 'lakeside', gatewayId: 'stripe' };
  const claims = await Promise.all(Array.from({ length: 20 }, () => processed.claim(scope, 'evt_1')));
  assert.equal(claims.filter(Boolean).length, 1);
  assert.equal(await processed.claim({ ...scope, dealerId: 'hilltop' }, 'evt_1'), true, 'another dealer is another scope');
  assert.ok(await store.get(keys.gatewayEvent('lakeside', 'stripe', 'evt_1')));

  const event: GatewayEvent = { id: 'evt_2', type: 'payment_intent.succeeded', createdAt: clock.now };
  let runs = 0;
  await assert.rejects(processCallbackOnce(processed, scope, event, () => Promise.reject(new Error('boom'))));
  assert.equal(await processCallbackOnce(processed, scope, event, () => void runs++), 'processed');
  assert.equal(await processCallbackOnce(processed, scope, event, () => void runs++), 'duplicate');
  assert.equal(runs, 1);

  clock.now += 31 * 24 * 3600 * 1000;
  assert.equal(await processed.claim(scope, 'evt_1'), true, 'forgotten after the TTL');
});
