import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AUTOPAY_AUTHORIZATION_VERSION } from '@porchlight/core';
import { adminBillingApi, billingApi, createAdminClient, createClient } from './index.js';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function recorder(answer: (seen: Seen) => Response) {
  const seen: Seen[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((init.headers ?? {}) as Record<string, string>)) headers[k.toLowerCase()] = v;
    const call: Seen = { url: String(input), method: init.method ?? 'GET', headers, body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body };
    seen.push(call);
    return answer(call);
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}

const reply = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const pdf = () => new Response(new TextEncoder().encode('%PDF-1.7'), { headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="receipt-R-2026-000001.pdf"' } });

test('billingApi: every call goes to its route with its body, with the session', async () => {
  const r = recorder((s) => (s.url.endsWith('/receipt') ? pdf() : reply({ ok: true }, s.method === 'POST' && s.url.endsWith('/v1/payments') ? 202 : 200)));
  const client = createClient({ baseUrl: '/api', dealer: 'lakeside', fetch: r.fetch });
  client.setToken('usr.secret');
  const api = billingApi(client);
  await api.config();
  await api.methods.list();
  await api.methods.setup('bank');
  await api.methods.add({ token: 'tok_sbx_1', makeDefault: true });
  await api.methods.setDefault('m_1');
  await api.methods.remove('m_1');
  const pay = { idempotencyKey: 'k'.repeat(20), methodId: 'm_1', items: [{ invoiceId: 'i_1', amountCents: 100 }], expectedTotalCents: 100 };
  assert.deepEqual(await api.pay(pay), { ok: true }, 'a 202 (pending) answer resolves like any other');
  await api.payments.list({ status: 'succeeded', limit: 10 });
  await api.payments.get('p_1');
  const receipt = await api.payments.receipt('p_1');
  await api.autopay.get();
  await api.autopay.set({ methodId: 'm_1', authorizationTextVersion: AUTOPAY_AUTHORIZATION_VERSION, agree: true });
  await api.autopay.off();
  assert.deepEqual(
    r.seen.map((s) => `${s.method} ${s.url}`),
    [
      'GET /api/v1/billing/config',
      'GET /api/v1/payment-methods',
      'POST /api/v1/payment-methods/setup',
      'POST /api/v1/payment-methods',
      'POST /api/v1/payment-methods/m_1/default',
      'DELETE /api/v1/payment-methods/m_1',
      'POST /api/v1/payments',
      'GET /api/v1/payments?status=succeeded&limit=10',
      'GET /api/v1/payments/p_1',
      'GET /api/v1/payments/p_1/receipt',
      'GET /api/v1/autopay',
      'PUT /api/v1/autopay',
      'DELETE /api/v1/autopay',
    ],
  );
  assert.deepEqual(r.seen[2]!.body, { kind: 'bank' });
  assert.deepEqual(r.seen[6]!.body, pay);
  assert.equal(receipt.filename, 'receipt-R-2026-000001.pdf');
  for (const s of r.seen) assert.equal(s.headers.authorization, 'Bearer usr.secret');
});

test('adminBillingApi: payments, refunds and autopay of an account', async () => {
  const r = recorder(() => reply({ ok: true }));
  const admin = createAdminClient({ baseUrl: '/api', dealer: 'lakeside', fetch: r.fetch });
  admin.setToken('api-key-0123456789abcdefgh');
  const api = adminBillingApi(admin);
  await api.payments.list('a_1', { limit: 5 });
  await api.payments.get('a_1', 'p_1');
  await api.payments.refund('a_1', 'p_1', { idempotencyKey: 'r'.repeat(20), amountCents: 500, reason: 'Billing error' });
  await api.autopay('a_1');
  assert.deepEqual(
    r.seen.map((s) => `${s.method} ${s.url}`),
    [
      'GET /api/v1/admin/accounts/a_1/payments?limit=5',
      'GET /api/v1/admin/accounts/a_1/payments/p_1',
      'POST /api/v1/admin/accounts/a_1/payments/p_1/refund',
      'GET /api/v1/admin/accounts/a_1/autopay',
    ],
  );
});
