import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MailDealer, MailTemplates } from '@porchlight/core';
import { renderEmail } from './render.js';

const lakeside: MailDealer = { id: 'lakeside', name: 'Lakeside Alarm Co.', supportEmail: 'support@lakeside.example', portalUrl: 'https://www.lakeside.example/portal', branding: {} };
const evil = '<script>alert(1)</script> & "Bob"';
const items = [
  { invoiceNumber: 'INV-1', amountCents: 10_000 },
  { invoiceNumber: 'INV-2', amountCents: 2_550 },
];

const receipt = (data: Partial<MailTemplates['payment-receipt']> = {}): MailTemplates['payment-receipt'] => ({
  name: 'Dana Reyes',
  accountName: 'Harbor View',
  receiptNumber: 'R-2026-000042',
  paidAt: '2026-11-23T12:05:00.000Z',
  amountCents: 12_550,
  currency: 'USD',
  method: 'Visa ending in 4242',
  items,
  autopay: false,
  url: 'https://www.lakeside.example/portal',
  ...data,
});

test('payment-receipt: the receipt number, each invoice and the total, the method; values escaped', async () => {
  const { subject, html, text } = await renderEmail({ template: 'payment-receipt', to: { email: 'dana@harborview.example' }, dealer: lakeside, data: receipt() });
  assert.equal(subject, 'Receipt R-2026-000042: $125.50 paid to Lakeside Alarm Co.');
  for (const part of [html, text]) {
    assert.ok(part.includes('We received your payment by Visa ending in 4242'));
    assert.ok(part.includes('INV-2'));
    assert.ok(part.includes('$25.50'));
    assert.ok(part.includes('Total paid: $125.50'));
  }
  const auto = await renderEmail({ template: 'payment-receipt', to: { email: 'x@example.com' }, dealer: lakeside, data: receipt({ autopay: true, accountName: evil }) });
  assert.ok(auto.text.includes('Autopay charged your Visa ending in 4242'));
  assert.doesNotMatch(auto.html, /<script>alert/);
});

test('payment-failed: why, and for autopay the retry day (or that it will not be retried)', async () => {
  const base: MailTemplates['payment-failed'] = { name: 'Dana Reyes', accountName: 'Harbor View', status: 'declined', amountCents: 12_550, currency: 'USD', method: 'Visa ending in 0002', items, reason: 'The card was declined.', autopay: true, retryOn: '2026-12-04', url: null };
  const first = await renderEmail({ template: 'payment-failed', to: { email: 'dana@harborview.example' }, dealer: lakeside, data: base });
  assert.equal(first.subject, 'Autopay payment declined: $125.50 to Lakeside Alarm Co.');
  assert.ok(first.text.includes('We will try your Visa ending in 0002 again on Friday, December 4, 2026.'));
  const last = await renderEmail({ template: 'payment-failed', to: { email: 'dana@harborview.example' }, dealer: lakeside, data: { ...base, retryOn: null } });
  assert.ok(last.text.includes('We will not try this charge again.'));
  const portal = await renderEmail({ template: 'payment-failed', to: { email: 'dana@harborview.example' }, dealer: lakeside, data: { ...base, autopay: false, status: 'failed', reason: evil } });
  assert.equal(portal.subject, 'Payment failed: $125.50 to Lakeside Alarm Co.');
  assert.ok(portal.text.includes('Nothing was charged.'));
  assert.doesNotMatch(portal.html, /<script>alert/);
});

test('autopay-authorization carries the text word for word; autopay-changed tells the dealer who did what', async () => {
  const text = 'I authorize Lakeside Alarm Co. to charge my Visa ending in 4242 automatically on the 1st day of each month.';
  const copy = await renderEmail({
    template: 'autopay-authorization',
    to: { email: 'dana@harborview.example' },
    dealer: lakeside,
    data: { name: 'Dana Reyes', accountName: 'Harbor View', method: 'Visa ending in 4242', dayOfMonth: 1, authorizationText: text, authorizationTextVersion: 'v1', authorizationTextSha256: 'ab'.repeat(32), consentedAt: '2026-11-23T12:00:00.000Z', nextChargeOn: '2026-12-01', url: null },
  });
  assert.ok(copy.text.includes(text));
  assert.ok(copy.html.includes(text));
  assert.ok(copy.text.includes('Tuesday, December 1, 2026'));
  const off = await renderEmail({
    template: 'autopay-changed',
    to: { email: 'billing@lakeside.example' },
    dealer: lakeside,
    data: { kind: 'disabled', accountName: 'Harbor View', customerNumber: 'LA-1001', identifier: '5550100', userName: 'Dana Reyes', at: '2026-11-23T12:00:00.000Z', method: null, dayOfMonth: null },
  });
  assert.equal(off.subject, 'Autopay off: Harbor View');
  assert.ok(off.text.includes('Dana Reyes of Harbor View (customer LA-1001) turned autopay off.'));
});
