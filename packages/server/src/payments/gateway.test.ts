import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeKit } from '../testing/kit.js';
import { gatewayResolver } from './resolve.js';
import { sandboxGateway, sandboxGatewayApp } from './sandbox.js';
import type { PaymentGateway } from './gateway.js';

const app = sandboxGatewayApp({ secret: 'gateway-option-secret-0123456789', allowedOrigins: [] });
const sandbox = sandboxGateway({ app, publicUrl: 'https://portal.example/sandbox-gateway' });

test('the gateway option: none, one for all dealers, or one per dealer', () => {
  assert.equal(gatewayResolver(undefined)('lakeside'), undefined);
  assert.equal(gatewayResolver(sandbox)('lakeside'), sandbox);
  const perDealer = gatewayResolver((dealerId) => (dealerId === 'lakeside' ? sandbox : undefined));
  assert.equal(perDealer('lakeside'), sandbox);
  assert.equal(perDealer('hilltop'), undefined);
  const broken = gatewayResolver(() => ({ id: 'half' }) as unknown as PaymentGateway);
  assert.throws(() => broken('lakeside'), /lacks browserConfig/);
});

test('createPortal checks a gateway object at start-up', () => {
  assert.doesNotThrow(() => makeKit({ gateway: sandbox }));
  assert.throws(() => makeKit({ gateway: { id: 'Bad Name' } as unknown as PaymentGateway }), /short lower-case name/);
  assert.throws(() => makeKit({ gateway: { ...sandbox, charge: undefined } as unknown as PaymentGateway }), /lacks charge/);
});
