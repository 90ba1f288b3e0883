import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from 'valibot';
import {
  AUTOPAY_AUTHORIZATION_VERSION,
  AutopayRequest,
  autopayAuthorizationText,
  centsToInput,
  containsCardNumber,
  DecimalAmount,
  formatMinorUnits,
  invoiceStatus,
  isCardDataFieldName,
  isCardNumberValue,
  luhnValid,
  parseAmount,
  paymentMethodLabel,
  PayRequest,
  reconcileBalance,
  SyncInvoiceRequest,
} from './index.js';
import { formatMinorUnits as fromEsign } from './esign.js';

const cents = (text: string, currency?: string) => {
  const r = parseAmount(text, currency);
  return r.ok ? r.cents : r.message;
};

test('parseAmount reads what people type into exact cents, and refuses what is not an amount', () => {
  assert.equal(cents('1,250.50'), 125_050);
  assert.equal(cents(' 1250.5 '), 125_050);
  assert.equal(cents('0.07'), 7);
  assert.equal(cents('.75'), 75);
  assert.equal(cents('20'), 2_000);
  assert.equal(cents('0'), 0);
  assert.equal(cents('1,000,000.01'), 100_000_001);
  // Values a float would get wrong are exact.
  assert.equal(cents('0.29'), 29);
  assert.equal(cents('1.15'), 115);
  assert.equal(cents('4.35'), 435);
  assert.equal(cents('999999999.99'), 99_999_999_999);
  assert.equal(cents('1,000,000,000'), 100_000_000_000, 'the largest amount');
  assert.equal(cents('1250', 'JPY'), 1250);
  assert.match(String(cents('12.5', 'JPY')), /JPY amounts have no decimals/);
  for (const [text, message] of [
    ['', /Enter an amount/],
    ['   ', /Enter an amount/],
    ['-5', /cannot be negative/],
    ['−5', /cannot be negative/],
    ['1e3', /in digits/],
    ['1E3', /in digits/],
    ['12.345', /at most 2 decimals/],
    ['1,25', /commas only between thousands/],
    ['12,50', /commas only between thousands/],
    ['12.', /in digits/],
    ['.', /in digits/],
    ['$12', /in digits/],
    ['1 250', /in digits/],
    ['0x10', /in digits/],
    ['Infinity', /in digits/],
    ['NaN', /in digits/],
    ['１２', /in digits/],
    ['1000000000.01', /too large/],
    ['9'.repeat(40), /too large/],
  ] as const) {
    assert.match(String(cents(text)), message, JSON.stringify(text));
  }
  assert.equal(centsToInput(125_050), '1250.50');
  assert.equal(centsToInput(7), '0.07');
  assert.equal(centsToInput(1250, 'JPY'), '1250');
  for (const n of [0, 1, 99, 100, 123_456_789]) assert.equal(cents(centsToInput(n)), n);
  assert.equal(v.parse(DecimalAmount(), '1,250.50'), 125_050);
  assert.equal(v.safeParse(DecimalAmount(), '-1').success, false);
});

test('one money formatter: core, and the old proposals import', () => {
  assert.equal(formatMinorUnits(123_456, 'USD'), '$1,234.56');
  assert.equal(fromEsign, formatMinorUnits);
  assert.equal(formatMinorUnits(1250, 'JPY'), '¥1,250');
});

test('the balance rule: a sync never raises the balance above what portal payments leave; status follows', () => {
  const base = { totalCents: 10_000, voided: false };
  assert.equal(reconcileBalance({ ...base, syncedBalanceCents: 10_000, paidInPortalCents: 3_000 }), 7_000, 'a stale sync cannot undo a portal payment');
  assert.equal(reconcileBalance({ ...base, syncedBalanceCents: 7_000, paidInPortalCents: 3_000 }), 7_000, 'the sync that recorded it agrees');
  assert.equal(reconcileBalance({ ...base, syncedBalanceCents: 5_000, paidInPortalCents: 3_000 }), 5_000, 'a sync may lower it');
  assert.equal(reconcileBalance({ ...base, syncedBalanceCents: 10_000, paidInPortalCents: 12_000 }), 0, 'never below zero');
  assert.equal(reconcileBalance({ ...base, syncedBalanceCents: 10_000, paidInPortalCents: 0, voided: true }), 0);
  assert.equal(invoiceStatus({ totalCents: 100, balanceCents: 100, voided: false }), 'open');
  assert.equal(invoiceStatus({ totalCents: 100, balanceCents: 40, voided: false }), 'partially-paid');
  assert.equal(invoiceStatus({ totalCents: 100, balanceCents: 0, voided: false }), 'paid');
  assert.equal(invoiceStatus({ totalCents: 0, balanceCents: 0, voided: false }), 'paid');
  assert.equal(invoiceStatus({ totalCents: 100, balanceCents: 100, voided: true }), 'void');
});

test('card numbers are recognised (13–19 digits, spaces or dashes, Luhn), other numbers are not', () => {
  assert.ok(luhnValid('4111111111111111'));
  assert.ok(!luhnValid('4111111111111112'));
  for (const text of [
    '4111111111111111',
    'my card is 4111 1111 1111 1111 thanks',
    '4111-1111-1111-1111',
    'amex 3782 822463 10005',
    'Call 555-0100 4111 1111 1111 1111',
    '5555555555554444.',
    '(4242424242424242)',
  ]) {
    assert.ok(containsCardNumber(text), text);
  }
  for (const text of [
    '4111 1111 1111 1112',
    'Call 555-0100 or (555) 010-0199, ext. 12',
    '+1 555 010 0199',
    '2026-11-23T12:00:00.000Z',
    '5550100',
    '123456789012',
    '0000000000000000',
    'a3f41111111111111111b9c0', // inside a hash
    '01jd8k3m4n5p6q7r8s9t0v1w2x',
    'INV-2026-000123',
  ]) {
    assert.ok(!containsCardNumber(text), text);
  }
  assert.ok(isCardNumberValue(4111111111111111));
  assert.ok(!isCardNumberValue(4111111111111112));
  assert.ok(!isCardNumberValue(125_050));
  for (const name of ['cvv', 'CVC', 'cvv2', 'securityCode', 'security_code', 'cardNumber', 'card-number', 'pan', 'accountNumber', 'bankAccountNumber', 'routingNumber']) assert.ok(isCardDataFieldName(name), name);
  for (const name of ['customerNumber', 'identifier', 'phone', 'panel', 'number', 'accountId', 'company']) assert.ok(!isCardDataFieldName(name), name);
});

const invoice = (over: Record<string, unknown> = {}) => ({
  issueDate: '2026-11-01',
  dueDate: '2026-11-15',
  lines: [
    { description: 'Monitoring, November', quantity: 1, unitCents: 3_499, totalCents: 3_499 },
    { description: 'Cellular backup', quantity: 1, unitCents: 1_000, totalCents: 1_000 },
  ],
  subtotalCents: 4_499,
  taxCents: 360,
  totalCents: 4_859,
  balanceCents: 4_859,
  registrationKey: 'RK-7F3A-22',
  ...over,
});

const fieldsOf = (schema: v.GenericSchema, input: unknown) => {
  const r = v.safeParse(schema, input);
  return r.success ? {} : Object.fromEntries(r.issues.map((i) => [v.getDotPath(i) ?? '', i.message]));
};

test('invoice sync: totals add up, 0 ≤ balance ≤ total, dates are real and in order', () => {
  assert.deepEqual(fieldsOf(SyncInvoiceRequest, invoice()), {});
  assert.match(fieldsOf(SyncInvoiceRequest, invoice({ subtotalCents: 4_000, totalCents: 4_360 })).subtotalCents!, /sum of the line totals: 4499 cents/);
  assert.match(fieldsOf(SyncInvoiceRequest, invoice({ totalCents: 5_000, balanceCents: 0 })).totalCents!, /subtotal plus the tax: 4859 cents/);
  assert.match(fieldsOf(SyncInvoiceRequest, invoice({ balanceCents: 4_860 })).balanceCents!, /cannot be more than the total: at most 4859 cents/);
  assert.match(fieldsOf(SyncInvoiceRequest, invoice({ balanceCents: -1 })).balanceCents!, /cannot be negative/);
  assert.match(fieldsOf(SyncInvoiceRequest, invoice({ dueDate: '2026-10-31' })).dueDate!, /before the issue date/);
  assert.match(fieldsOf(SyncInvoiceRequest, invoice({ issueDate: '2026-02-30' })).issueDate!, /not a real date/);
  assert.ok(fieldsOf(SyncInvoiceRequest, invoice({ balanceCents: 10.5 })).balanceCents);
  assert.ok(fieldsOf(SyncInvoiceRequest, invoice({ registrationKey: 'a\u0000b' })).registrationKey);
});

test('pay request: one method, unique invoices, the total is the sum; autopay needs the current authorization', () => {
  const ok = { idempotencyKey: 'k'.repeat(20), methodId: '01jd8k3m4n5p6q7r8s9t0v1w2x', items: [{ invoiceId: '01jd8k3m4n5p6q7r8s9t0v1w2y', amountCents: 500 }], expectedTotalCents: 500 };
  assert.deepEqual(fieldsOf(PayRequest, ok), {});
  assert.match(fieldsOf(PayRequest, { ...ok, expectedTotalCents: 501 }).expectedTotalCents!, /add up to 500 cents/);
  assert.match(fieldsOf(PayRequest, { ...ok, token: 'tok_123' }).methodId!, /one of the two/);
  assert.ok(fieldsOf(PayRequest, { ...ok, idempotencyKey: 'short' }).idempotencyKey);
  assert.ok(fieldsOf(PayRequest, { ...ok, items: [ok.items[0], ok.items[0]], expectedTotalCents: 1000 }).items);
  assert.ok(fieldsOf(PayRequest, { ...ok, items: [{ ...ok.items[0], amountCents: 0 }], expectedTotalCents: 0 })['items.0.amountCents']);
  assert.equal(paymentMethodLabel({ kind: 'card', brand: 'visa', last4: '4242' }), 'Visa ending in 4242');
  assert.equal(paymentMethodLabel({ kind: 'bank', bankName: 'Chase', last4: '6789' }), 'Chase account ending in 6789');
  assert.equal(paymentMethodLabel({ kind: 'bank', bankName: null, last4: '6789' }), 'Bank account ending in 6789');
  const text = autopayAuthorizationText({ dealerName: 'Lakeside Alarm Co.', dayOfMonth: 1, methodLabel: 'Visa ending in 4242' });
  assert.match(text, /on the 1st day of each month/);
  assert.match(text, /open balance/);
  assert.match(text, /tried again 3 and 7 days later/);
  assert.match(text, /turn autopay off in the portal/);
  assert.deepEqual(fieldsOf(AutopayRequest, { methodId: ok.methodId, authorizationTextVersion: AUTOPAY_AUTHORIZATION_VERSION, agree: true }), {});
  assert.ok(fieldsOf(AutopayRequest, { methodId: ok.methodId, authorizationTextVersion: 'old', agree: true }).authorizationTextVersion);
  assert.ok(fieldsOf(AutopayRequest, { methodId: ok.methodId, authorizationTextVersion: AUTOPAY_AUTHORIZATION_VERSION, agree: true, dayOfMonth: 31 }).dayOfMonth);
});
