import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AUTOPAY_AUTHORIZATION_VERSION, CARD_DATA_MESSAGE, newId, routePath, Routes } from '@porchlight/core';
import { GatewayUnavailableError, type ChargeInput, type PaymentGateway } from '../../payments/gateway.js';
import { stripeGateway } from '../../payments/stripe.js';
import { startStripeStandIn } from '../../payments/testing/stripe-stand-in.js';
import { makeKit } from '../../testing/kit.js';
import { UNCONFIRMED_MESSAGE } from './service.js';
import { B, CARDS, code, key, payKit, type Call } from './test-kit.js';

const payBody = (items: Array<{ invoiceId: string; amountCents: number }>, extra: Record<string, unknown> = {}) => ({
  idempotencyKey: key(),
  items,
  expectedTotalCents: items.reduce((s, i) => s + i.amountCents, 0),
  ...extra,
});
const paymentPath = (paymentId: string) => routePath(B.payment, { paymentId });
const trail = async (k: ReturnType<typeof payKit>, accountId: string) => (await k.admin('GET', `${routePath(Routes.admin.accountAudit, { accountId })}?limit=100`)).body.items as any[];

// ---- config --------------------------------------------------------------------------------

test('config: the sandbox gateway, kinds, currency and autopay defaults; without a gateway enabled is false and paying is PAYMENTS_NOT_CONFIGURED', async () => {
  const k = payKit({ settings: { autopayRetryDays: [2, 5] } });
  const { a } = await k.setup();
  const res = await a.as('GET', B.config);
  assert.equal(res.status, 200);
  assert.deepEqual(res.body, {
    enabled: true,
    gateway: { kind: 'sandbox', fieldsUrl: 'https://pay.example/sandbox/fields', fieldsOrigin: 'https://pay.example' },
    kinds: ['card', 'bank'],
    currency: 'USD',
    allowOverpayment: false,
    autopay: { dayOfMonth: 1, retryDays: [2, 5], authorizationTextVersion: AUTOPAY_AUTHORIZATION_VERSION },
  });
  assert.equal((await k.call('GET', B.config)).status, 401, 'a session is needed');

  const none = payKit({ noGateway: true });
  const n = await none.setup();
  const off = await n.a.as('GET', B.config);
  assert.equal(off.body.enabled, false);
  assert.equal(off.body.gateway, null);
  const paid = await n.a.as('POST', B.payments, payBody([{ invoiceId: n.inv1.id, amountCents: 100 }], { methodId: newId() }));
  assert.equal(paid.status, 409);
  assert.equal(code(paid), 'PAYMENTS_NOT_CONFIGURED');
  assert.match(paid.body.error.message, /not set up for this portal.*Lakeside Alarm Co\./);
  const add = await n.a.as('POST', B.paymentMethods, { token: 'tok_sbx_whatever' });
  assert.equal(code(add), 'PAYMENTS_NOT_CONFIGURED');
});

// ---- payment methods -------------------------------------------------------------------------

test('methods: the first is the default, the list never shows gateway references, a new default moves, removing the default promotes another', async () => {
  const k = payKit();
  const { a } = await k.setup();
  assert.deepEqual((await a.as('POST', B.paymentMethodSetup, { kind: 'card' })).body, { clientSecret: null, setupRef: null });
  const visa = await k.addCard(a.as);
  assert.equal(visa.isDefault, true);
  assert.equal(visa.last4, '4242');
  const master = await k.addCard(a.as, CARDS.mastercard);
  assert.equal(master.isDefault, false);
  const bank = await a.as('POST', B.paymentMethods, { token: k.bankToken(), makeDefault: true });
  assert.equal(bank.status, 201);
  assert.equal(bank.body.isDefault, true);
  assert.equal(bank.body.bankName, 'Sandbox Test Bank');

  const list = await a.as('GET', B.paymentMethods);
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.items.map((m: any) => [m.last4, m.isDefault]), [['6789', true], ['4444', false], ['4242', false]]);
  assert.ok(!JSON.stringify(list.body).includes('pm_sbx_'), 'no gateway reference reaches the portal');
  for (const m of list.body.items) assert.ok(!('gatewayRef' in m) && !('customerRef' in m));

  const made = await a.as('POST', routePath(B.paymentMethodDefault, { methodId: visa.id }), {});
  assert.equal(made.status, 200);
  assert.equal(made.body.isDefault, true);
  assert.deepEqual((await a.as('GET', B.paymentMethods)).body.items.filter((m: any) => m.isDefault).map((m: any) => m.id), [visa.id]);

  assert.equal((await a.as('DELETE', routePath(B.paymentMethod, { methodId: visa.id }))).status, 200);
  const after = (await a.as('GET', B.paymentMethods)).body.items;
  assert.equal(after.length, 2);
  assert.equal(after.filter((m: any) => m.isDefault).length, 1, 'another method became the default');
  assert.equal(k.sandbox.listMethods(after[0].createdAt ? (await customerRefOf(k, a.account.id)) : '').length, 2, 'the gateway detached it too');

  assert.equal((await a.as('DELETE', routePath(B.paymentMethod, { methodId: visa.id }))).status, 404);
  const actions = (await trail(k, a.account.id)).map((e) => e.action);
  for (const action of ['payment-method.added', 'payment-method.default-changed', 'payment-method.removed']) assert.ok(actions.includes(action), action);
});

async function customerRefOf(k: ReturnType<typeof payKit>, accountId: string): Promise<string> {
  const found = await k.store.get<{ customerRef: string }>(`paycust:lakeside:${accountId}:sandbox`);
  return found!.value.customerRef;
}

test('methods: a used or unknown token is a field error; at most 10 methods; another account’s method is 404', async () => {
  const k = payKit({ overrides: { rateLimits: { cardAccount: { max: 100, windowSeconds: 3600 } } } });
  const { a, b } = await k.setup();
  const token = k.cardToken();
  assert.equal((await a.as('POST', B.paymentMethods, { token })).status, 201);
  const again = await a.as('POST', B.paymentMethods, { token });
  assert.equal(again.status, 400);
  assert.ok(again.body.error.fields.token);
  for (let i = 1; i < 10; i++) await k.addCard(a.as);
  const full = await a.as('POST', B.paymentMethods, { token: k.cardToken() });
  assert.equal(full.status, 409);
  assert.equal(code(full), 'LIMIT_REACHED');
  assert.equal((await a.as('GET', B.paymentMethods)).body.items.length, 10);
  const mine = (await a.as('GET', B.paymentMethods)).body.items[0];
  assert.equal((await b.as('DELETE', routePath(B.paymentMethod, { methodId: mine.id }))).status, 404);
  assert.equal((await b.as('POST', routePath(B.paymentMethodDefault, { methodId: mine.id }), {})).status, 404);
});

test('methods: new cards handed to the gateway are rate limited per account (card testing)', async () => {
  const k = payKit();
  const { a, inv1 } = await k.setup();
  for (let i = 0; i < 10; i++) await a.as('POST', B.paymentMethods, { token: 'tok_sbx_unknown' });
  const limited = await a.as('POST', B.payments, payBody([{ invoiceId: inv1.id, amountCents: 100 }], { token: k.cardToken() }));
  assert.equal(limited.status, 429);
  assert.equal(k.sandbox.chargesMade, 0);
});

test('methods: removing the card autopay charges is refused with a clear 409 until autopay uses another', async () => {
  const k = payKit();
  const { a } = await k.setup();
  const visa = await k.addCard(a.as);
  const master = await k.addCard(a.as, CARDS.mastercard);
  const on = await a.as('PUT', B.autopay, { methodId: visa.id, authorizationTextVersion: AUTOPAY_AUTHORIZATION_VERSION, agree: true });
  assert.equal(on.status, 200, JSON.stringify(on.body));
  const refused = await a.as('DELETE', routePath(B.paymentMethod, { methodId: visa.id }));
  assert.equal(refused.status, 409);
  assert.equal(code(refused), 'PAYMENT_METHOD_IN_USE');
  assert.match(refused.body.error.message, /Autopay charges this card; choose another card for autopay first/);
  assert.equal((await a.as('PUT', B.autopay, { methodId: master.id, authorizationTextVersion: AUTOPAY_AUTHORIZATION_VERSION, agree: true })).status, 200);
  assert.equal((await a.as('DELETE', routePath(B.paymentMethod, { methodId: visa.id }))).status, 200);
});

// ---- paying ----------------------------------------------------------------------------------

test('pay: one invoice in full with a saved card — 201 succeeded, the invoice paid, a receipt number, the receipt emailed with its PDF, audited', async () => {
  const k = payKit();
  const { a, inv1 } = await k.setup();
  const card = await k.addCard(a.as);
  const body = payBody([{ invoiceId: inv1.id, amountCents: 10_000 }], { methodId: card.id });
  const res = await a.as('POST', B.payments, body);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const p = res.body.payment;
  assert.equal(p.status, 'succeeded');
  assert.equal(p.amountCents, 10_000);
  assert.equal(p.currency, 'USD');
  assert.equal(p.receiptNumber, 'R-2026-000001');
  assert.deepEqual(p.method, { kind: 'card', brand: 'visa', bankName: null, last4: '4242' });
  assert.deepEqual(p.items, [{ invoiceId: inv1.id, invoiceNumber: 'INV-1', amountCents: 10_000 }]);
  assert.equal(p.createdBy.name, 'Dana Reyes');
  assert.equal(p.failureMessage, null);
  assert.equal(res.body.clientSecret, null);
  assert.ok(!('gatewayRef' in p));
  assert.equal(k.sandbox.chargesMade, 1);

  const inv = await k.invoice(a.as, inv1.id);
  assert.equal(inv.balanceCents, 0);
  assert.equal(inv.status, 'paid');
  assert.equal(inv.paidInPortalCents, 10_000);

  await k.portal.settled();
  const mail = k.mailer.last('payment-receipt')!;
  assert.equal(mail.to.email, 'dana@harborview.example');
  assert.equal((mail.data as any).receiptNumber, 'R-2026-000001');
  assert.equal(mail.attachments?.[0]?.filename, 'receipt-R-2026-000001.pdf');
  assert.equal(new TextDecoder().decode(mail.attachments![0]!.content.slice(0, 5)), '%PDF-');
  const entry = (await trail(k, a.account.id)).find((e) => e.action === 'payment.succeeded');
  assert.match(entry.summary, /Dana Reyes paid \$100\.00 with Visa ending in 4242 \(receipt R-2026-000001; invoice INV-1 \$100\.00\)/);

  // The next payment gets the next receipt number.
  const second = await a.as('POST', B.payments, payBody([{ invoiceId: (await k.sync(a.account.id, 'INV-3', 2_000)).id, amountCents: 2_000 }], { methodId: card.id }));
  assert.equal(second.body.payment.receiptNumber, 'R-2026-000002');
});

test('pay: the same idempotency key again answers the same payment without a second charge; with another body it is a 409', async () => {
  const k = payKit();
  const { a, inv1 } = await k.setup();
  const card = await k.addCard(a.as);
  const body = payBody([{ invoiceId: inv1.id, amountCents: 4_000 }], { methodId: card.id });
  const first = await a.as('POST', B.payments, body);
  assert.equal(first.status, 201);
  const again = await a.as('POST', B.payments, body);
  assert.equal(again.status, 200);
  assert.equal(again.body.payment.id, first.body.payment.id);
  assert.equal(k.sandbox.chargesMade, 1);
  assert.equal((await k.invoice(a.as, inv1.id)).balanceCents, 6_000, 'applied once');

  const other = await a.as('POST', B.payments, { ...body, items: [{ invoiceId: inv1.id, amountCents: 3_000 }], expectedTotalCents: 3_000 });
  assert.equal(other.status, 409);
  assert.equal(code(other), 'IDEMPOTENCY_KEY_REUSED');
  assert.equal(k.sandbox.chargesMade, 1);
});

test('pay: several invoices, partly; amounts checked against balances, currency, sums and duplicates before any charge', async () => {
  const k = payKit();
  const { a, inv1, inv2 } = await k.setup();
  const card = await k.addCard(a.as);
  const pay = (items: Array<{ invoiceId: string; amountCents: number }>, extra: Record<string, unknown> = {}) => a.as('POST', B.payments, payBody(items, { methodId: card.id, ...extra }));

  const over = await pay([{ invoiceId: inv1.id, amountCents: 10_001 }]);
  assert.equal(over.status, 409);
  assert.equal(code(over), 'INVOICE_NOT_PAYABLE');
  assert.match(over.body.error.message, /Invoice INV-1 has \$100\.00 open: pay at most that\./);
  assert.ok(over.body.error.fields['items.0.amountCents']);

  const mismatch = await a.as('POST', B.payments, { ...payBody([{ invoiceId: inv1.id, amountCents: 100 }], { methodId: card.id }), expectedTotalCents: 200 });
  assert.equal(mismatch.status, 400);
  assert.match(mismatch.body.error.fields.expectedTotalCents, /add up to 100 cents/);
  const twice = await pay([{ invoiceId: inv1.id, amountCents: 100 }, { invoiceId: inv1.id, amountCents: 100 }]);
  assert.equal(twice.status, 400);
  for (const amountCents of [0, -5, 1.5, '100', 1e20]) {
    const bad = await a.as('POST', B.payments, { idempotencyKey: key(), methodId: card.id, items: [{ invoiceId: inv1.id, amountCents }], expectedTotalCents: 100 });
    assert.equal(bad.status, 400, `amount ${amountCents}`);
  }
  const both = await a.as('POST', B.payments, payBody([{ invoiceId: inv1.id, amountCents: 100 }], { methodId: card.id, token: k.cardToken() }));
  assert.equal(both.status, 400);
  assert.equal(k.sandbox.chargesMade, 0, 'nothing was charged for any of these');

  const partial = await pay([{ invoiceId: inv1.id, amountCents: 2_500 }, { invoiceId: inv2.id, amountCents: 5_000 }]);
  assert.equal(partial.status, 201, JSON.stringify(partial.body));
  assert.equal(partial.body.payment.amountCents, 7_500);
  assert.equal((await k.invoice(a.as, inv1.id)).status, 'partially-paid');
  assert.equal((await k.invoice(a.as, inv1.id)).balanceCents, 7_500);
  assert.equal((await k.invoice(a.as, inv2.id)).status, 'paid');

  const paid = await pay([{ invoiceId: inv2.id, amountCents: 1 }]);
  assert.equal(code(paid), 'INVOICE_NOT_PAYABLE');
  assert.match(paid.body.error.message, /Invoice INV-2 is already paid/);
  const voided = await k.sync(a.account.id, 'INV-V', 3_000, { void: true });
  const v = await pay([{ invoiceId: voided.id, amountCents: 1 }]);
  assert.equal(code(v), 'INVOICE_NOT_PAYABLE');
  assert.match(v.body.error.message, /void/);
  assert.equal(k.sandbox.chargesMade, 1);
});

test('pay: a dealer that allows overpayment takes more than the balance of an open invoice', async () => {
  const k = payKit({ settings: { allowOverpayment: true } });
  const { a, inv1 } = await k.setup();
  const card = await k.addCard(a.as);
  const res = await a.as('POST', B.payments, payBody([{ invoiceId: inv1.id, amountCents: 12_000 }], { methodId: card.id }));
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal((await k.invoice(a.as, inv1.id)).balanceCents, 0);
  const again = await a.as('POST', B.payments, payBody([{ invoiceId: inv1.id, amountCents: 100 }], { methodId: card.id }));
  assert.equal(code(again), 'INVOICE_NOT_PAYABLE', 'a paid invoice still takes nothing');
});

test('pay: another account’s invoice or method is 404 and nothing is charged', async () => {
  const k = payKit();
  const { a, b, inv1, inv9 } = await k.setup();
  const cardA = await k.addCard(a.as);
  const cardB = await k.addCard(b.as);
  const foreign = await a.as('POST', B.payments, payBody([{ invoiceId: inv1.id, amountCents: 100 }, { invoiceId: inv9.id, amountCents: 100 }], { methodId: cardA.id }));
  assert.equal(foreign.status, 404);
  assert.ok(foreign.body.error.fields['items.1.invoiceId']);
  const otherCard = await a.as('POST', B.payments, payBody([{ invoiceId: inv1.id, amountCents: 100 }], { methodId: cardB.id }));
  assert.equal(otherCard.status, 404);
  assert.equal(k.sandbox.chargesMade, 0);
  assert.equal((await k.invoice(b.as, inv9.id)).balanceCents, 7_000);
  assert.equal((await a.as('GET', B.payments)).body.items.length, 0);
});

test('pay: 50 concurrent payments of one invoice (different keys) make exactly one charge; the others fail cleanly naming the invoice', async () => {
  const k = payKit();
  const { a, inv1 } = await k.setup();
  const card = await k.addCard(a.as);
  const answers = await Promise.all(Array.from({ length: 50 }, () => a.as('POST', B.payments, payBody([{ invoiceId: inv1.id, amountCents: 10_000 }], { methodId: card.id }))));
  const ok = answers.filter((r) => r.status === 201);
  assert.equal(ok.length, 1, answers.map((r) => r.status).join(','));
  assert.equal(k.sandbox.chargesMade, 1);
  for (const r of answers.filter((r) => r.status !== 201)) {
    assert.equal(r.status, 409, JSON.stringify(r.body));
    assert.ok(['INVOICE_NOT_PAYABLE', 'PAYMENT_IN_PROGRESS'].includes(code(r)), code(r));
    if (code(r) === 'INVOICE_NOT_PAYABLE') assert.match(r.body.error.message, /INV-1/);
  }
  const inv = await k.invoice(a.as, inv1.id);
  assert.equal(inv.balanceCents, 0);
  assert.equal(inv.paidInPortalCents, 10_000);
  assert.equal((await a.as('GET', B.payments)).body.items.length, 1);
});

test('pay: 50 concurrent retries of one payment (same key, a double click) make one charge and answer one payment', async () => {
  const k = payKit();
  const { a, inv1 } = await k.setup();
  const card = await k.addCard(a.as);
  const body = payBody([{ invoiceId: inv1.id, amountCents: 3_000 }], { methodId: card.id });
  const answers = await Promise.all(Array.from({ length: 50 }, () => a.as('POST', B.payments, body)));
  assert.equal(k.sandbox.chargesMade, 1);
  const ids = new Set(answers.filter((r) => r.status < 300).map((r) => r.body.payment.id));
  assert.equal(ids.size, 1);
  for (const r of answers) assert.ok(r.status < 300 || code(r) === 'PAYMENT_IN_PROGRESS', JSON.stringify(r.body));
  assert.equal((await k.invoice(a.as, inv1.id)).balanceCents, 7_000);
  await k.portal.settled();
  assert.equal(k.mailer.sent.filter((m) => m.template === 'payment-receipt').length, 1, 'one receipt');
});

test('pay: a declined card records a declined payment, applies nothing, and emails the payer why', async () => {
  const k = payKit();
  const { a, inv1 } = await k.setup();
  const res = await a.as('POST', B.payments, payBody([{ invoiceId: inv1.id, amountCents: 10_000 }], { token: k.cardToken(CARDS.insufficient) }));
  assert.equal(res.status, 201);
  assert.equal(res.body.payment.status, 'declined');
  assert.equal(res.body.payment.failureMessage, 'The card has insufficient funds. Try another card.');
  assert.equal((await k.invoice(a.as, inv1.id)).balanceCents, 10_000);
  await k.portal.settled();
  const mail = k.mailer.last('payment-failed')!;
  assert.equal((mail.data as any).status, 'declined');
  assert.equal((mail.data as any).autopay, false);
  assert.ok((await trail(k, a.account.id)).some((e) => e.action === 'payment.declined'));
  // Nothing is held back: the invoice can be paid with another card at once.
  const again = await a.as('POST', B.payments, payBody([{ invoiceId: inv1.id, amountCents: 10_000 }], { token: k.cardToken() }));
  assert.equal(again.body.payment.status, 'succeeded');
  const receipt = await a.as('GET', routePath(B.paymentReceipt, { paymentId: res.body.payment.id }));
  assert.equal(receipt.status, 404, 'no receipt for a declined payment');
});

test('pay: a one-time card is not kept; `saveMethod` keeps it (and needs the methods permission)', async () => {
  const k = payKit();
  const { a, inv1, inv2 } = await k.setup();
  const once = await a.as('POST', B.payments, payBody([{ invoiceId: inv1.id, amountCents: 1_000 }], { token: k.cardToken(CARDS.mastercard) }));
  assert.equal(once.body.payment.status, 'succeeded');
  assert.equal(once.body.payment.method.last4, '4444');
  assert.equal((await a.as('GET', B.paymentMethods)).body.items.length, 0);
  await k.portal.settled();
  assert.equal(k.sandbox.listMethods(await customerRefOf(k, a.account.id)).length, 0, 'detached from the gateway too');
  const kept = await a.as('POST', B.payments, payBody([{ invoiceId: inv2.id, amountCents: 1_000 }], { token: k.cardToken(), saveMethod: true }));
  assert.equal(kept.body.payment.status, 'succeeded');
  const methods = (await a.as('GET', B.paymentMethods)).body.items;
  assert.equal(methods.length, 1);
  assert.equal(kept.body.payment.method.last4, methods[0].last4);
});

test('pay: an unknown outcome stays pending, applies nothing, says not to pay again; the same key asks again', async () => {
  const k = payKit();
  const { a, inv1 } = await k.setup();
  const body = payBody([{ invoiceId: inv1.id, amountCents: 10_000 }], { token: k.cardToken(CARDS.unavailable), saveMethod: true });
  const res = await a.as('POST', B.payments, body);
  assert.equal(res.status, 202);
  assert.equal(res.body.payment.status, 'pending');
  assert.equal(res.body.payment.failureMessage, UNCONFIRMED_MESSAGE);
  assert.equal((await k.invoice(a.as, inv1.id)).balanceCents, 10_000, 'no invoice shows paid unless the gateway confirmed');
  // While it is pending, the invoice is held: another payment of it is refused.
  const card = (await a.as('GET', B.paymentMethods)).body.items[0];
  const other = await a.as('POST', B.payments, payBody([{ invoiceId: inv1.id, amountCents: 10_000 }], { methodId: card.id }));
  assert.equal(code(other), 'INVOICE_NOT_PAYABLE');
  assert.match(other.body.error.message, /INV-1 is being paid by another payment/);
  const again = await a.as('POST', B.payments, body);
  assert.equal(again.status, 202);
  assert.equal(again.body.payment.id, res.body.payment.id);
  assert.equal(k.sandbox.chargesMade, 0);
  assert.ok((await trail(k, a.account.id)).some((e) => e.action === 'payment.unconfirmed'));
});

/** A gateway that takes the money and then loses the answer, `times` times. */
function losesAnswers(times: number) {
  let left = times;
  return (gateway: PaymentGateway): PaymentGateway => ({
    ...gateway,
    async charge(input: ChargeInput) {
      const result = await gateway.charge(input);
      if (left-- > 0) throw new GatewayUnavailableError('sandbox', 'The answer was lost on the way.');
      return result;
    },
  });
}

test('pay: charged but the answer lost — a retry with the same key gets the gateway’s first answer: one charge, paid once', async () => {
  const k = payKit({ wrap: losesAnswers(1) });
  const { a, inv1 } = await k.setup();
  const card = await k.addCard(a.as);
  const body = payBody([{ invoiceId: inv1.id, amountCents: 10_000 }], { methodId: card.id });
  const first = await a.as('POST', B.payments, body);
  assert.equal(first.status, 202);
  assert.equal(k.sandbox.chargesMade, 1, 'the money moved');
  assert.equal((await k.invoice(a.as, inv1.id)).balanceCents, 10_000, 'but the invoice does not show paid until confirmed');
  const retry = await a.as('POST', B.payments, body);
  assert.equal(retry.status, 200);
  assert.equal(retry.body.payment.status, 'succeeded');
  assert.equal(retry.body.payment.failureMessage, null);
  assert.equal(k.sandbox.chargesMade, 1);
  assert.equal((await k.invoice(a.as, inv1.id)).balanceCents, 0);
});

test('reconciliation: the job asks the gateway again about unconfirmed payments (same key) after a few minutes', async () => {
  const k = payKit({ wrap: losesAnswers(1) });
  const { a, inv1 } = await k.setup();
  const card = await k.addCard(a.as);
  const first = await a.as('POST', B.payments, payBody([{ invoiceId: inv1.id, amountCents: 10_000 }], { methodId: card.id }));
  assert.equal(first.body.payment.status, 'pending');
  assert.deepEqual(await k.portal.jobs.reconcilePayments(), { dealers: [{ dealerId: 'lakeside', checked: 0, settled: 0 }] }, 'not at once');
  k.clock.now += 3 * 60 * 1000;
  assert.deepEqual(await k.portal.jobs.reconcilePayments(), { dealers: [{ dealerId: 'lakeside', checked: 1, settled: 1 }] });
  assert.equal((await a.as('GET', paymentPath(first.body.payment.id))).body.status, 'succeeded');
  assert.equal(k.sandbox.chargesMade, 1);
  assert.equal((await k.invoice(a.as, inv1.id)).balanceCents, 0);
  assert.deepEqual(await k.portal.jobs.reconcilePayments(), { dealers: [{ dealerId: 'lakeside', checked: 0, settled: 0 }] });
});

// ---- permissions, emulation, the guard, garbage ----------------------------------------------

test('permissions: viewing, paying and managing methods are separate; an emulating admin can never charge or save a card', async () => {
  const k = payKit();
  const { a, inv1 } = await k.setup();
  const card = await k.addCard(a.as);
  const viewer = await k.staffLogin(a.token, a.identifier, { name: 'Val Viewer', username: 'val', permissions: ['invoices.view'] });
  const payer = await k.staffLogin(a.token, a.identifier, { name: 'Pat Payer', username: 'pat', permissions: ['invoices.view', 'invoices.pay'] });

  assert.equal((await viewer.as('GET', B.payments)).status, 200);
  const denied = await viewer.as('POST', B.payments, payBody([{ invoiceId: inv1.id, amountCents: 100 }], { methodId: card.id }));
  assert.equal(denied.status, 403);
  assert.equal(code(denied), 'PERMISSION_DENIED');
  assert.equal((await viewer.as('GET', B.paymentMethods)).status, 403);
  assert.equal((await viewer.as('PUT', B.autopay, { methodId: card.id, authorizationTextVersion: AUTOPAY_AUTHORIZATION_VERSION, agree: true })).status, 403);
  assert.equal((await viewer.as('GET', B.autopay)).status, 200);

  assert.equal((await payer.as('GET', B.paymentMethods)).status, 200, 'a payer picks a saved card');
  assert.equal((await payer.as('POST', B.paymentMethods, { token: k.cardToken() })).status, 403);
  const save = await payer.as('POST', B.payments, payBody([{ invoiceId: inv1.id, amountCents: 100 }], { token: k.cardToken(), saveMethod: true }));
  assert.equal(save.status, 403);
  const paid = await payer.as('POST', B.payments, payBody([{ invoiceId: inv1.id, amountCents: 100 }], { methodId: card.id }));
  assert.equal(paid.status, 201);
  assert.equal(paid.body.payment.createdBy.name, 'Pat Payer');
  await k.portal.settled();
  assert.deepEqual(k.mailer.sent.filter((m) => m.template === 'payment-receipt').map((m) => m.to.email), ['dana@harborview.example'], 'the manager is told (the payer has no email)');

  const started = await k.admin('POST', `/v1/admin/accounts/${a.account.id}/emulate`, { reason: 'client asked for help' });
  const emu = k.as(started.body.token);
  assert.equal((await emu('GET', B.payments)).status, 200);
  for (const [method, path, body] of [
    ['POST', B.payments, payBody([{ invoiceId: inv1.id, amountCents: 100 }], { methodId: card.id })],
    ['POST', B.paymentMethods, { token: k.cardToken() }],
    ['PUT', B.autopay, { methodId: card.id, authorizationTextVersion: AUTOPAY_AUTHORIZATION_VERSION, agree: true }],
    ['DELETE', routePath(B.paymentMethod, { methodId: card.id }), undefined],
  ] as const) {
    const res = await emu(method, path, body);
    assert.equal(res.status, 403, `${method} ${path}`);
    assert.equal(code(res), 'EMULATION_FORBIDDEN');
  }
  assert.equal(k.sandbox.chargesMade, 1);
});

test('the card-data guard refuses a card number in a pay body before anything is charged; garbage is a 4xx, never a 5xx', async () => {
  const k = payKit();
  const { a, inv1 } = await k.setup();
  const card = await k.addCard(a.as);
  const carded = await a.as('POST', B.payments, { ...payBody([{ invoiceId: inv1.id, amountCents: 100 }], { methodId: card.id }), note: '4242 4242 4242 4242' });
  assert.equal(carded.status, 400);
  assert.equal(carded.body.error.message, CARD_DATA_MESSAGE);
  const cvc = await a.as('POST', B.payments, { ...payBody([{ invoiceId: inv1.id, amountCents: 100 }], { methodId: card.id }), cvc: '123' });
  assert.equal(cvc.status, 400);
  assert.equal(k.sandbox.chargesMade, 0);

  const garbage: Array<[string, string, unknown]> = [
    ['POST', B.payments, 'not json'],
    ['POST', B.payments, '[]'],
    ['POST', B.payments, {}],
    ['POST', B.payments, { idempotencyKey: 'short', items: 'x', expectedTotalCents: 'x' }],
    ['POST', B.payments, { idempotencyKey: key(), items: [{ invoiceId: '../../x', amountCents: 1 }], expectedTotalCents: 1, methodId: card.id }],
    ['POST', B.payments, { idempotencyKey: key(), items: Array.from({ length: 51 }, () => ({ invoiceId: inv1.id, amountCents: 1 })), expectedTotalCents: 51, methodId: card.id }],
    ['POST', B.paymentMethods, { token: '<script>' }],
    ['POST', B.paymentMethodSetup, { kind: 'cash' }],
    ['GET', `${B.payments}?status=lost`, undefined],
    ['GET', `${B.payments}?cursor=%%%`, undefined],
    ['GET', `${B.payments}?limit=1000`, undefined],
    ['GET', routePath(B.payment, { paymentId: 'nope' }), undefined],
    ['GET', routePath(B.payment, { paymentId: newId() }), undefined],
    ['GET', routePath(B.paymentReceipt, { paymentId: 'x' }), undefined],
    ['POST', routePath(B.paymentMethodDefault, { methodId: 'x' }), {}],
    ['PUT', B.autopay, { methodId: card.id, authorizationTextVersion: 'old', agree: true }],
    ['PUT', B.autopay, { methodId: card.id, authorizationTextVersion: AUTOPAY_AUTHORIZATION_VERSION, agree: false }],
    ['PUT', B.autopay, { methodId: card.id, authorizationTextVersion: AUTOPAY_AUTHORIZATION_VERSION, agree: true, dayOfMonth: 31 }],
  ];
  for (const [method, path, body] of garbage) {
    const res = await a.as(method, path, body);
    assert.ok(res.status >= 400 && res.status < 500, `${method} ${path} ${JSON.stringify(body)?.slice(0, 60)} -> ${res.status} ${JSON.stringify(res.body)}`);
  }
  assert.equal(k.sandbox.chargesMade, 0);
});

// ---- history and receipts ----------------------------------------------------------------------

test('history: newest first, paged, filtered by status; one payment; the receipt as a PDF download', async () => {
  const k = payKit();
  const { a, b, inv1 } = await k.setup();
  const card = await k.addCard(a.as);
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    k.clock.now += 1000;
    ids.push((await a.as('POST', B.payments, payBody([{ invoiceId: inv1.id, amountCents: 1_000 }], { methodId: card.id }))).body.payment.id);
  }
  k.clock.now += 1000;
  const declined = (await a.as('POST', B.payments, payBody([{ invoiceId: inv1.id, amountCents: 1_000 }], { token: k.cardToken(CARDS.declined) }))).body.payment;
  const page1 = await a.as('GET', `${B.payments}?limit=2`);
  assert.deepEqual(page1.body.items.map((p: any) => p.id), [declined.id, ids[2]]);
  const page2 = await a.as('GET', `${B.payments}?limit=2&cursor=${encodeURIComponent(page1.body.cursor)}`);
  assert.deepEqual(page2.body.items.map((p: any) => p.id), [ids[1], ids[0]]);
  const ok = await a.as('GET', `${B.payments}?status=succeeded`);
  assert.equal(ok.body.items.length, 3);
  assert.ok(!JSON.stringify(page1.body).includes('gatewayRef'));

  const one = await a.as('GET', paymentPath(ids[0]!));
  assert.equal(one.status, 200);
  assert.equal(one.body.receiptNumber, 'R-2026-000001');
  assert.equal((await b.as('GET', paymentPath(ids[0]!))).status, 404, 'another account’s payment');

  const res = await k.portal.request(routePath(B.paymentReceipt, { paymentId: ids[0]! }), { headers: { authorization: `Bearer ${a.token}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  assert.match(res.headers.get('content-disposition')!, /receipt-R-2026-000001\.pdf/);
  assert.match(res.headers.get('repr-digest')!, /^sha-256=:/);
  const bytes = new Uint8Array(await res.arrayBuffer());
  assert.equal(new TextDecoder().decode(bytes.slice(0, 5)), '%PDF-');
});

// ---- callbacks -----------------------------------------------------------------------------------

/** A gateway whose charges are taken but reported pending (a bank debit): the callback settles them. */
const reportsPending = (gateway: PaymentGateway): PaymentGateway => ({
  ...gateway,
  async charge(input: ChargeInput) {
    const result = await gateway.charge(input);
    return { ...result, status: 'pending', message: 'Processing.' };
  },
});

test('callbacks: a verified event settles a pending payment once; replays, bad signatures and other gateways change nothing', async () => {
  const k = payKit({ wrap: reportsPending });
  const { a, inv1 } = await k.setup();
  const card = await k.addCard(a.as);
  const res = await a.as('POST', B.payments, payBody([{ invoiceId: inv1.id, amountCents: 10_000 }], { methodId: card.id }));
  assert.equal(res.status, 202);
  assert.equal(res.body.payment.failureMessage, null, 'pending at the gateway, not unconfirmed');
  assert.equal((await k.invoice(a.as, inv1.id)).balanceCents, 10_000);
  const gatewayRef = (await k.admin('GET', routePath(B.admin.payment, { accountId: a.account.id, paymentId: res.body.payment.id }))).body.gatewayRef;
  assert.match(gatewayRef, /^ch_sbx_/);

  const event = { id: 'evt_sbx_abc123', type: 'charge.succeeded', created: Math.floor(k.clock.now / 1000), data: { chargeRef: gatewayRef, amountCents: 10_000, routingNumber: '110000000' } };
  const signed = k.sandboxApp.signCallback(event);
  const post = (callback: { body: Uint8Array; headers: Record<string, string> }, path = routePath(B.callback, { gatewayId: 'sandbox' })) =>
    k.portal.request(path, { method: 'POST', headers: callback.headers, body: new Uint8Array(callback.body) as unknown as BodyInit });

  // One hex digit of the signature changed (to another digit: '0' stays '0' one time in 16).
  const forgedSignature = signed.headers['sandbox-signature']!.replace(/v1=(.)/, (_, d: string) => `v1=${d === '0' ? '1' : '0'}`);
  assert.notEqual(forgedSignature, signed.headers['sandbox-signature']);
  const forged = await post({ body: signed.body, headers: { ...signed.headers, 'sandbox-signature': forgedSignature } });
  assert.equal(forged.status, 400);
  assert.equal((await post(signed, routePath(B.callback, { gatewayId: 'stripe' }))).status, 404);
  assert.equal((await k.invoice(a.as, inv1.id)).balanceCents, 10_000);

  const ok = await post(signed);
  assert.equal(ok.status, 200, await ok.clone().text());
  assert.deepEqual(await ok.json(), { received: true, duplicate: false });
  assert.equal((await a.as('GET', paymentPath(res.body.payment.id))).body.status, 'succeeded');
  assert.equal((await k.invoice(a.as, inv1.id)).balanceCents, 0);
  const replay = await post(signed);
  assert.deepEqual(await replay.json(), { received: true, duplicate: true });
  // The same event id re-signed later (the gateway resends it) is still a duplicate.
  k.clock.now += 1000;
  assert.deepEqual(await (await post(k.sandboxApp.signCallback(event))).json(), { received: true, duplicate: true });
  assert.equal((await k.invoice(a.as, inv1.id)).paidInPortalCents, 10_000);
  await k.portal.settled();
  assert.equal(k.mailer.sent.filter((m) => m.template === 'payment-receipt').length, 1);
  // A late decline of a payment that succeeded changes nothing.
  await post(k.sandboxApp.signCallback({ ...event, id: 'evt_sbx_late1', type: 'charge.declined' }));
  assert.equal((await a.as('GET', paymentPath(res.body.payment.id))).body.status, 'succeeded');
});

// ---- back office -----------------------------------------------------------------------------------

test('admin: an account’s payments with gateway references; refunds through the gateway, idempotent, never more than was paid; autopay read only', async () => {
  const k = payKit();
  const { a, inv1, inv2 } = await k.setup();
  const card = await k.addCard(a.as);
  const paid = (await a.as('POST', B.payments, payBody([{ invoiceId: inv1.id, amountCents: 10_000 }, { invoiceId: inv2.id, amountCents: 5_000 }], { methodId: card.id }))).body.payment;
  const list = await k.admin('GET', routePath(B.admin.payments, { accountId: a.account.id }));
  assert.equal(list.status, 200);
  assert.match(list.body.items[0].gatewayRef, /^ch_sbx_/);

  const refundPath = routePath(B.admin.paymentRefund, { accountId: a.account.id, paymentId: paid.id });
  const refundKey = key();
  const part = await k.admin('POST', refundPath, { idempotencyKey: refundKey, amountCents: 2_500, reason: 'Billing error' });
  assert.equal(part.status, 200, JSON.stringify(part.body));
  assert.equal(part.body.refundedCents, 2_500);
  assert.equal(part.body.status, 'succeeded');
  assert.equal((await k.invoice(a.as, inv1.id)).balanceCents, 2_500, 'the invoice is open again by what was refunded of it');
  const again = await k.admin('POST', refundPath, { idempotencyKey: refundKey, amountCents: 2_500, reason: 'Billing error' });
  assert.equal(again.body.refundedCents, 2_500, 'the same key refunds once');
  assert.equal(k.sandbox.chargeRecord(paid.gatewayRef ?? list.body.items[0].gatewayRef)!.refundedCents, 2_500);
  const reused = await k.admin('POST', refundPath, { idempotencyKey: refundKey, amountCents: 100 });
  assert.equal(code(reused), 'IDEMPOTENCY_KEY_REUSED');
  const tooMuch = await k.admin('POST', refundPath, { idempotencyKey: key(), amountCents: 20_000 });
  assert.equal(tooMuch.status, 400);
  assert.match(tooMuch.body.error.message, /At most \$125\.00/);
  const rest = await k.admin('POST', refundPath, { idempotencyKey: key() });
  assert.equal(rest.body.status, 'refunded');
  assert.equal(rest.body.refundedCents, 15_000);
  assert.equal((await k.invoice(a.as, inv2.id)).balanceCents, 5_000);
  const none = await k.admin('POST', refundPath, { idempotencyKey: key() });
  assert.equal(none.status, 409);
  assert.ok((await trail(k, a.account.id)).some((e) => e.action === 'payment.refunded' && /Billing error/.test(e.summary)));

  const apv = await k.admin('GET', routePath(B.admin.autopay, { accountId: a.account.id }));
  assert.equal(apv.status, 200);
  assert.equal(apv.body.enabled, false);
  assert.equal((await k.admin('GET', routePath(B.admin.payments, { accountId: newId() }))).status, 404);
  // A portal token never reaches the back office.
  assert.equal((await a.as('POST', refundPath, { idempotencyKey: key() })).status, 401);
});

// ---- Stripe --------------------------------------------------------------------------------------

test('stripe: a saved card and a payment through the Stripe gateway (against the stand-in), one PaymentIntent per key', async () => {
  const standIn = await startStripeStandIn();
  try {
    const gateway = stripeGateway({ secretKey: standIn.secretKey, publishableKey: 'pk_test_standin', webhookSecret: 'whsec_test_0123456789abcdef', apiBase: standIn.url });
    const kit = makeKit({ gateway });
    const { a } = await kit.twoAccounts();
    const synced = await kit.admin('PUT', routePath(B.admin.invoice, { accountId: a.account.id, invoiceNumber: 'INV-S1' }), {
      issueDate: '2026-11-01',
      dueDate: '2026-11-15',
      lines: [{ description: 'Monitoring', quantity: 1, unitCents: 4_599, totalCents: 4_599 }],
      subtotalCents: 4_599,
      taxCents: 0,
      totalCents: 4_599,
      balanceCents: 4_599,
    });
    const config = await a.as('GET', B.config);
    assert.deepEqual(config.body.gateway, { kind: 'stripe', publishableKey: 'pk_test_standin' });
    const setup = await a.as('POST', B.paymentMethodSetup, { kind: 'card' });
    assert.match(setup.body.clientSecret, /^seti_/);
    const card = await a.as('POST', B.paymentMethods, { token: 'pm_card_visa' });
    assert.equal(card.status, 201, JSON.stringify(card.body));
    assert.equal(card.body.brand, 'visa');
    const body = { idempotencyKey: key(), methodId: card.body.id, items: [{ invoiceId: synced.body.invoice.id, amountCents: 4_599 }], expectedTotalCents: 4_599 };
    const res = await a.as('POST', B.payments, body);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.payment.status, 'succeeded');
    assert.equal((await a.as('POST', B.payments, body)).body.payment.id, res.body.payment.id);
    assert.equal(standIn.state.paymentIntents.size, 1);
    assert.equal((await a.as('GET', routePath(B.invoice, { invoiceId: synced.body.invoice.id }))).body.status, 'paid');
  } finally {
    await standIn.close();
  }
});

void ({} as Call);
