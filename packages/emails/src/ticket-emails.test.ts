import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MailDealer, MailTemplates } from '@porchlight/core';
import { renderEmail } from './render.js';

const lakeside: MailDealer = { id: 'lakeside', name: 'Lakeside Alarm Co.', supportEmail: 'support@lakeside.example', portalUrl: 'https://www.lakeside.example/portal', branding: {} };
const bare: MailDealer = { id: 'acme', name: 'Acme Monitoring', branding: {} };
const evil = '<script>alert(1)</script> & "Bob"';

const update = (data: Partial<MailTemplates['ticket-update']> = {}): MailTemplates['ticket-update'] => ({
  kind: 'reply',
  name: 'Dana Reyes',
  accountName: 'Harbor View',
  ticketNumber: 'T-1042',
  subject: 'Keypad beeps at night',
  by: 'admin Pat Dispatcher',
  text: 'We will replace the battery on Tuesday.\nPlease keep the gate open.',
  attachmentCount: 2,
  status: 'open',
  estimate: null,
  ...data,
});

const activity = (data: Partial<MailTemplates['ticket-activity']> = {}): MailTemplates['ticket-activity'] => ({
  kind: 'created',
  accountName: 'Harbor View',
  customerNumber: 'LA-1001',
  identifier: '5550100',
  userName: 'Dana Reyes',
  at: '2026-11-23T12:05:00.000Z',
  ticketNumber: 'T-1042',
  subject: 'Keypad beeps at night',
  requestType: 'Repair or service problem',
  fields: [
    { label: 'Which system?', value: 'Intrusion alarm' },
    { label: 'Photos', value: '2 files: keypad.png, manual.pdf' },
  ],
  text: '',
  attachmentCount: 2,
  estimate: null,
  ...data,
});

test('ticket-update, a staff reply: who wrote what, the files only counted, a link to the portal; values escaped', async () => {
  const { subject, html, text } = await renderEmail({ template: 'ticket-update', to: { email: 'dana@harborview.example' }, dealer: lakeside, data: update() });
  assert.equal(subject, 'New reply on ticket T-1042: Keypad beeps at night');
  for (const part of [html, text]) {
    assert.ok(part.includes('admin Pat Dispatcher replied'));
    assert.ok(part.includes('We will replace the battery on Tuesday.'));
    assert.ok(part.includes('The reply has 2 files; open the ticket in the portal to see them.'));
  }
  assert.match(html, /href="https:\/\/www\.lakeside\.example\/portal"[^>]*>[\s\S]*Open the portal/);
  assert.match(text, /Open the portal: https:\/\/www\.lakeside\.example\/portal/);

  const hostile = await renderEmail({ template: 'ticket-update', to: { email: 'dana@harborview.example' }, dealer: lakeside, data: update({ text: evil, by: evil, subject: '<img src=x onerror=alert(1)>' }) });
  assert.doesNotMatch(hostile.html, /<script>alert/);
  assert.doesNotMatch(hostile.html, /<img src=x/);
  assert.ok(hostile.html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Bob&quot;'));
  assert.ok(hostile.text.includes(evil), 'the text part has values verbatim');

  const done = await renderEmail({ template: 'ticket-update', to: { email: 'x@example.com' }, dealer: bare, data: update({ status: 'completed', attachmentCount: 0 }) });
  assert.match(done.text, /now marked completed/);
  assert.doesNotMatch(done.text, /files?;/);
  assert.doesNotMatch(done.html, /Open the portal/, 'no portal address, no button');
});

test('ticket-update, an estimate: the amount in the subject and body, what to do', async () => {
  const { subject, html, text } = await renderEmail({
    template: 'ticket-update',
    to: { email: 'dana@harborview.example' },
    dealer: lakeside,
    data: update({ kind: 'estimate', text: 'Replace the keypad.', attachmentCount: 0, estimate: { amountCents: 18950, currency: 'USD' } }),
  });
  assert.equal(subject, 'Estimate for ticket T-1042: $189.50');
  for (const part of [html, text]) {
    assert.ok(part.includes('admin Pat Dispatcher proposed an estimate of $189.50'));
    assert.ok(part.includes('Approve or decline it in the portal.'));
  }
});

test('ticket-activity, to the dealer: the account, the form answers, replies and decisions; values escaped', async () => {
  const created = await renderEmail({ template: 'ticket-activity', to: { email: 'tickets@lakeside.example' }, dealer: lakeside, data: activity() });
  assert.equal(created.subject, 'New ticket T-1042: Keypad beeps at night (Harbor View)');
  assert.match(created.html, /customer LA-1001/);
  assert.match(created.html, /Monday, November 23, 2026 at 12:05 PM UTC/);
  assert.match(created.html, /<th[^>]*>Which system\?<\/th><td[^>]*>Intrusion alarm<\/td>/);
  assert.match(created.text, /Which system\?: Intrusion alarm\nPhotos: 2 files: keypad\.png, manual\.pdf/);
  assert.match(created.text, /With 2 files \(read them in the back office\)/);

  const replied = await renderEmail({ template: 'ticket-activity', to: { email: 'tickets@lakeside.example' }, dealer: lakeside, data: activity({ kind: 'replied', fields: [], text: evil, attachmentCount: 0 }) });
  assert.equal(replied.subject, 'Client reply T-1042: Keypad beeps at night (Harbor View)');
  assert.doesNotMatch(replied.html, /<script>alert/);
  assert.ok(replied.text.includes(`Reply:\n${evil}`));

  const approved = await renderEmail({
    template: 'ticket-activity',
    to: { email: 'tickets@lakeside.example' },
    dealer: lakeside,
    data: activity({ kind: 'estimate-approved', fields: [], text: 'Go ahead', attachmentCount: 0, estimate: { amountCents: 18950, currency: 'USD', description: 'Replace the keypad.' } }),
  });
  assert.equal(approved.subject, 'Estimate approved T-1042: Keypad beeps at night (Harbor View)');
  assert.match(approved.text, /Dana Reyes of Harbor View \(customer LA-1001\), identifier 5550100, approved the estimate on the ticket T-1042/);
  assert.match(approved.text, /Estimate: \$189\.50: Replace the keypad\./);
  assert.match(approved.text, /Note:\nGo ahead/);
});
