import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { AUTOPAY_AUTHORIZATION_VERSION, autopayAuthorizationText, routePath, Routes } from '@porchlight/core';
import { createPortal } from '../../portal.js';
import { sandboxGateway } from '../../payments/sandbox.js';
import { API_KEY, ORIGIN, TestMailer } from '../../testing/kit.js';
import { B, CARDS, code, payKit } from '../payments/test-kit.js';
import { nextChargeAfter, previousCycle } from './cycle.js';

const agree = (methodId: string, extra: Record<string, unknown> = {}) => ({ methodId, authorizationTextVersion: AUTOPAY_AUTHORIZATION_VERSION, agree: true, ...extra });
const at = (iso: string) => Date.parse(iso);
const trail = async (k: ReturnType<typeof payKit>, accountId: string) => (await k.admin('GET', `${routePath(Routes.admin.accountAudit, { accountId })}?limit=100`)).body.items as any[];

test('cycle arithmetic: the next charge day is strictly after today; months wrap', () => {
  assert.equal(nextChargeAfter('2026-11-23', 1), '2026-12-01');
  assert.equal(nextChargeAfter('2026-11-01', 1), '2026-12-01');
  assert.equal(nextChargeAfter('2026-11-14', 15), '2026-11-15');
  assert.equal(nextChargeAfter('2026-12-20', 5), '2027-01-05');
  assert.equal(previousCycle('2027-01'), '2026-12');
});

test('autopay: turning it on answers and records the exact authorization text, emails the client a copy and tells the dealer; off tells the dealer too', async () => {
  const k = payKit();
  const { a } = await k.setup();
  const card = await k.addCard(a.as);
  const off = await a.as('GET', B.autopay);
  assert.deepEqual({ enabled: off.body.enabled, dayOfMonth: off.body.dayOfMonth, nextChargeOn: off.body.nextChargeOn }, { enabled: false, dayOfMonth: 1, nextChargeOn: null });

  const res = await a.as('PUT', B.autopay, agree(card.id));
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const text = autopayAuthorizationText({ dealerName: 'Lakeside Alarm Co.', dayOfMonth: 1, methodLabel: 'Visa ending in 4242', retryDays: [3, 7] });
  assert.equal(res.body.authorizationText, text);
  assert.equal(res.body.authorizationTextVersion, AUTOPAY_AUTHORIZATION_VERSION);
  assert.equal(res.body.authorizationTextSha256, createHash('sha256').update(text).digest('hex'));
  assert.equal(res.body.enabled, true);
  assert.equal(res.body.methodId, card.id);
  assert.equal(res.body.consentedBy.name, 'Dana Reyes');
  assert.equal(res.body.consentedAt, '2026-11-23T12:00:00.000Z');
  assert.equal(res.body.nextChargeOn, '2026-12-01');
  assert.deepEqual((await a.as('GET', B.autopay)).body, res.body);

  await k.portal.settled();
  const copy = k.mailer.last('autopay-authorization')!;
  assert.equal(copy.to.email, 'dana@harborview.example');
  assert.equal((copy.data as any).authorizationText, text);
  const notice = k.mailer.last('autopay-changed')!;
  assert.equal(notice.to.email, 'billing@lakeside.example');
  assert.equal((notice.data as any).kind, 'enabled');
  const entry = (await trail(k, a.account.id)).find((e) => e.action === 'autopay.enabled');
  assert.equal(entry.details.authorizationTextSha256, res.body.authorizationTextSha256);

  // The same again changes nothing; another day is a change (agreed again).
  const sent = k.mailer.sent.length;
  assert.equal((await a.as('PUT', B.autopay, agree(card.id))).body.consentedAt, res.body.consentedAt);
  await k.portal.settled();
  assert.equal(k.mailer.sent.length, sent);
  const changed = await a.as('PUT', B.autopay, agree(card.id, { dayOfMonth: 15 }));
  assert.equal(changed.body.dayOfMonth, 15);
  assert.match(changed.body.authorizationText, /on the 15th day of each month/);
  assert.equal(changed.body.nextChargeOn, '2026-12-15');
  await k.portal.settled();
  assert.equal((k.mailer.last('autopay-changed')!.data as any).kind, 'changed');

  const admin = await k.admin('GET', routePath(B.admin.autopay, { accountId: a.account.id }));
  assert.equal(admin.body.authorizationText, changed.body.authorizationText);

  const offRes = await a.as('DELETE', B.autopay);
  assert.equal(offRes.status, 200);
  assert.equal(offRes.body.enabled, false);
  await k.portal.settled();
  assert.equal((k.mailer.last('autopay-changed')!.data as any).kind, 'disabled');
  assert.ok((await trail(k, a.account.id)).some((e) => e.action === 'autopay.disabled'));
  assert.equal((await a.as('PUT', B.autopay, agree('0'.repeat(26)))).status, 404);
});

test('autopay: another account’s method is 404; an outdated authorization version is refused', async () => {
  const k = payKit();
  const { a, b } = await k.setup();
  const cardB = await k.addCard(b.as);
  const foreign = await a.as('PUT', B.autopay, agree(cardB.id));
  assert.equal(foreign.status, 404);
  const card = await k.addCard(a.as);
  const old = await a.as('PUT', B.autopay, agree(card.id, { authorizationTextVersion: 'autopay-authorization-2020-01' }));
  assert.equal(old.status, 400);
  assert.match(old.body.error.fields.authorizationTextVersion, /Reload the page and read it again/);
});

/** Account A on autopay (day 1, Visa) from 2026-11-23 with INV-1 $100 and INV-2 $50 open. */
async function enrolled(card: string = CARDS.visa, settings = {}) {
  const k = payKit({ settings });
  const env = await k.setup();
  const method = await k.addCard(env.a.as, card);
  assert.equal((await env.a.as('PUT', B.autopay, agree(method.id))).status, 200);
  const a = { ...env.a, as: (async (method: string, path: string, body?: unknown) => {
    let res = await session.as(method, path, body);
    if (res.status === 401) {
      session.as = await k.relogin(env.a.identifier);
      res = await session.as(method, path, body);
    }
    return res;
  }) as typeof env.a.as };
  const session = { as: env.a.as };
  return { k, ...env, a, method };
}

test('the job: charges the open balance once on the charge day, however often it runs, sequentially or at once, on one portal or two', async () => {
  const { k, a, inv1, inv2 } = await enrolled();
  k.clock.now = at('2026-11-30T12:00:00Z');
  let summary = await k.portal.jobs.runAutopay();
  assert.equal(summary.dealers[0]!.attempts, 0, 'not before the charge day');
  assert.equal(k.sandbox.chargesMade, 0);

  k.clock.now = at('2026-12-01T06:00:00Z');
  summary = await k.portal.jobs.runAutopay();
  assert.deepEqual({ ...summary.dealers[0] }, { dealerId: 'lakeside', enrolled: 1, attempts: 1, succeeded: 1, declined: 0, pending: 0, nothingDue: 0, skipped: 0, errors: 0 });
  assert.equal(k.sandbox.chargesMade, 1);
  const payments = (await a.as('GET', B.payments)).body.items;
  assert.equal(payments.length, 1);
  assert.equal(payments[0].autopay, true);
  assert.equal(payments[0].amountCents, 15_000);
  assert.deepEqual(payments[0].items.map((i: any) => i.invoiceNumber), ['INV-1', 'INV-2'], 'the earliest due first');
  assert.equal((await k.invoice(a.as, inv1.id)).status, 'paid');
  assert.equal((await k.invoice(a.as, inv2.id)).status, 'paid');
  await k.portal.settled();
  assert.equal((k.mailer.last('payment-receipt')!.data as any).autopay, true);

  // Again, sequentially, concurrently on one portal, and concurrently on a second portal on the same store.
  await k.portal.jobs.runAutopay();
  await Promise.all([k.portal.jobs.runAutopay(), k.portal.jobs.runAutopay()]);
  const second = createPortal({
    store: k.store,
    mailer: new TestMailer(),
    now: () => k.clock.now,
    gateway: sandboxGateway({ app: k.sandboxApp, publicUrl: 'https://pay.example/sandbox' }),
    dealer: { id: 'lakeside', name: 'Lakeside Alarm Co.', allowedOrigins: [ORIGIN], apiKeys: [{ id: 'backoffice', key: API_KEY }] },
  });
  // New invoice the same month: still not charged again this cycle.
  await k.sync(a.account.id, 'INV-3', 2_000);
  await Promise.all([k.portal.jobs.runAutopay(), second.jobs.runAutopay(), second.jobs.runAutopay()]);
  assert.equal(k.sandbox.chargesMade, 1);
  assert.equal((await a.as('GET', B.payments)).body.items.length, 1);

  // The next cycle charges what is open then.
  k.clock.now = at('2027-01-01T06:00:00Z');
  await Promise.all([k.portal.jobs.runAutopay(), second.jobs.runAutopay()]);
  assert.equal(k.sandbox.chargesMade, 2);
  const latest = (await a.as('GET', B.payments)).body.items[0];
  assert.equal(latest.amountCents, 2_000);
  assert.equal((await a.as('GET', B.autopay)).body.nextChargeOn, '2027-02-01');
});

test('the job: two runs at the very same moment on two portals claim the cycle once (first charge)', async () => {
  const { k, a } = await enrolled();
  const second = createPortal({
    store: k.store,
    mailer: new TestMailer(),
    now: () => k.clock.now,
    gateway: sandboxGateway({ app: k.sandboxApp, publicUrl: 'https://pay.example/sandbox' }),
    dealer: { id: 'lakeside', name: 'Lakeside Alarm Co.', allowedOrigins: [ORIGIN], apiKeys: [{ id: 'backoffice', key: API_KEY }] },
  });
  k.clock.now = at('2026-12-01T00:05:00Z');
  const [one, two] = await Promise.all([k.portal.jobs.runAutopay(), second.jobs.runAutopay()]);
  assert.equal(one.dealers[0]!.attempts + two.dealers[0]!.attempts, 1);
  assert.equal(k.sandbox.chargesMade, 1);
  assert.equal((await a.as('GET', B.payments)).body.items.length, 1);
});

test('the job: a declining card — a failure email naming the retry day, a retry only on the retry days (3 and 7 days after the first), then it stops', async () => {
  const { k, a, inv1 } = await enrolled(CARDS.declined);
  const run = async (iso: string) => {
    k.clock.now = at(iso);
    await Promise.all([k.portal.jobs.runAutopay(), k.portal.jobs.runAutopay()]);
    await k.portal.settled();
    return (await a.as('GET', B.payments)).body.items as any[];
  };
  let payments = await run('2026-12-01T06:00:00Z');
  assert.equal(payments.length, 1);
  assert.equal(payments[0].status, 'declined');
  let mail = k.mailer.last('payment-failed')!;
  assert.equal((mail.data as any).autopay, true);
  assert.equal((mail.data as any).retryOn, '2026-12-04');
  assert.equal(mail.to.email, 'dana@harborview.example');

  for (const day of ['2026-12-02', '2026-12-03']) assert.equal((await run(`${day}T06:00:00Z`)).length, 1, `no retry on ${day}`);
  payments = await run('2026-12-04T06:00:00Z');
  assert.equal(payments.length, 2, 'the first retry on day 3');
  assert.equal((k.mailer.last('payment-failed')!.data as any).retryOn, '2026-12-08');
  assert.equal((await run('2026-12-07T06:00:00Z')).length, 2);
  payments = await run('2026-12-08T06:00:00Z');
  assert.equal(payments.length, 3, 'the second retry on day 7');
  assert.equal((k.mailer.last('payment-failed')!.data as any).retryOn, null, 'the last one');
  assert.equal((await run('2026-12-15T06:00:00Z')).length, 3, 'no more this cycle');
  assert.equal((await k.invoice(a.as, inv1.id)).balanceCents, 10_000, 'nothing applied');
  assert.equal(k.mailer.sent.filter((m) => m.template === 'payment-failed').length, 3, 'one email per attempt, not per run');
});

test('the job: a retry uses the card autopay charges now; turning autopay off stops retries; nothing due charges nothing', async () => {
  const { k, a } = await enrolled(CARDS.declined);
  k.clock.now = at('2026-12-01T06:00:00Z');
  await k.portal.jobs.runAutopay();
  const good = await k.addCard(a.as);
  assert.equal((await a.as('PUT', B.autopay, agree(good.id))).status, 200);
  k.clock.now = at('2026-12-04T06:00:00Z');
  await k.portal.jobs.runAutopay();
  const payments = (await a.as('GET', B.payments)).body.items;
  assert.equal(payments[0].status, 'succeeded');
  assert.equal(payments[0].method.last4, '4242');

  // Another account, nothing open: no charge.
  const { k: k2, a: a2, inv1, inv2, method } = await enrolled();
  const pay = await a2.as('POST', B.payments, { idempotencyKey: 'manual-payment-0001', methodId: method.id, items: [{ invoiceId: inv1.id, amountCents: 10_000 }, { invoiceId: inv2.id, amountCents: 5_000 }], expectedTotalCents: 15_000 });
  assert.equal(pay.status, 201);
  k2.clock.now = at('2026-12-01T06:00:00Z');
  const summary = await k2.portal.jobs.runAutopay();
  assert.equal(summary.dealers[0]!.nothingDue, 1);
  assert.equal(k2.sandbox.chargesMade, 1);

  // Off: the declined cycle of a third account is not retried.
  const { k: k3, a: a3 } = await enrolled(CARDS.declined);
  k3.clock.now = at('2026-12-01T06:00:00Z');
  await k3.portal.jobs.runAutopay();
  assert.equal((await a3.as('DELETE', B.autopay)).status, 200);
  k3.clock.now = at('2026-12-04T06:00:00Z');
  await k3.portal.jobs.runAutopay();
  assert.equal((await a3.as('GET', B.payments)).body.items.length, 1);
  assert.equal(code(await a3.as('DELETE', B.autopay)), undefined, 'turning it off twice is fine');
});
