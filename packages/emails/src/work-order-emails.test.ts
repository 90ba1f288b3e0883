import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MailDealer, MailMessage, MailTemplates } from '@porchlight/core';
import { formatDay } from './format.js';
import { escapeHtml } from './markup.js';
import { renderEmail } from './render.js';

const lakeside: MailDealer = {
  id: 'lakeside',
  name: 'Lakeside Alarm Co.',
  supportEmail: 'support@lakeside.example',
  portalUrl: 'https://www.lakeside.example/portal',
  branding: { colors: { primary: '#0B5D7A' } },
};
const bare: MailDealer = { id: 'acme', name: 'Acme Monitoring', branding: {} };
const url = 'https://www.lakeside.example/portal#porchlight-work-order=01jd8k3m4n5p6q7r8s9t0v1w2x';
const evil = '<script>alert(1)</script> & "Bob"';

const submitted = (data: Partial<MailTemplates['work-order-submitted']> = {}, dealer = lakeside): MailMessage => ({
  template: 'work-order-submitted',
  to: { email: 'dispatch@lakeside.example' },
  dealer,
  data: {
    number: 'WO-1001',
    kind: 'site',
    accountName: 'Harbor View',
    customerNumber: 'LA-1001',
    identifier: '5550100',
    siteName: 'Main building',
    siteAddress: '12 Harbor Rd, Springfield',
    systemName: 'Intrusion panel',
    requestType: 'Repair / service call',
    note: 'Keypad beeps every minute.\nZone 4 shows a fault.',
    submittedBy: 'Dana Reyes',
    submittedAt: '2026-11-23T12:05:00.000Z',
    preferredWindows: [
      { date: '2026-11-24', part: 'morning' },
      { date: '2026-11-25', part: 'any' },
    ],
    photoCount: 2,
    url,
    ...data,
  },
});

const confirmation = (data: Partial<MailTemplates['work-order-confirmation']> = {}, dealer = lakeside): MailMessage => ({
  template: 'work-order-confirmation',
  to: { email: 'dana@harborview.example' },
  dealer,
  data: {
    name: 'Dana Reyes',
    accountName: 'Harbor View',
    number: 'WO-1001',
    siteName: 'Main building',
    systemName: 'Intrusion panel',
    requestType: 'Repair / service call',
    note: 'Keypad beeps every minute.',
    preferredWindows: [{ date: '2026-11-24', part: 'afternoon' }],
    url,
    ...data,
  },
});

const status = (data: Partial<MailTemplates['work-order-status']> = {}, dealer = lakeside): MailMessage => ({
  template: 'work-order-status',
  to: { email: 'dana@harborview.example' },
  dealer,
  data: {
    name: 'Dana Reyes',
    accountName: 'Harbor View',
    number: 'WO-1001',
    status: 'dispatched',
    at: '2026-11-24T09:30:00.000Z',
    note: null,
    siteName: 'Main building',
    systemName: 'Intrusion panel',
    requestType: 'Repair / service call',
    url,
    ...data,
  },
});

test('work-order-submitted: the details for the dealer, the note with its line breaks, windows, photos and a link', async () => {
  const { subject, html, text } = await renderEmail(submitted());
  assert.equal(subject, 'New work order WO-1001: Harbor View, Main building / Intrusion panel');
  assert.match(html, /New work order WO-1001/);
  assert.match(html, /customer LA-1001/);
  assert.match(html, /12 Harbor Rd, Springfield/);
  assert.match(html, /Tuesday, November 24, 2026, morning/);
  assert.match(html, /Wednesday, November 25, 2026, any time/);
  assert.match(html, /2 photos attached/);
  assert.match(html, /white-space:pre-wrap[^>]*>Keypad beeps every minute\.\nZone 4 shows a fault\./);
  assert.ok(html.includes(`href="${escapeHtml(url)}"`));
  assert.match(html, /Monday, November 23, 2026 at 12:05 PM UTC/);
  assert.ok(text.includes(`\n${url}`), 'the link on a line of its own');
  assert.match(text, /Site: Main building, 12 Harbor Rd, Springfield\nSystem: Intrusion panel\nRequest: Repair \/ service call/);
  assert.match(text, /Preferred times:\n- Tuesday, November 24, 2026, morning\n- Wednesday, November 25, 2026, any time/);
  assert.match(text, /What they need:\nKeypad beeps every minute\.\nZone 4 shows a fault\./);
});

test('work-order-submitted: a general request has no site rows; no portal link and no windows read sensibly', async () => {
  const { subject, html, text } = await renderEmail(
    submitted({ kind: 'general', siteName: null, siteAddress: null, systemName: null, requestType: 'Authorization request', preferredWindows: [], photoCount: 0, url: null, customerNumber: null }, bare),
  );
  assert.equal(subject, 'New service request WO-1001: Harbor View');
  assert.match(html, /New service request WO-1001/);
  assert.doesNotMatch(text, /^Site:/m);
  assert.doesNotMatch(text, /^System:/m);
  assert.match(text, /Preferred times:\nNo preference/);
  assert.match(text, /Photos: none/);
  assert.doesNotMatch(html, /<mj-button|Open WO-1001/);
  assert.match(text, /general service and authorization requests/);
});

test('work-order-confirmation: a receipt naming the dealer, what happens next, a link and whom to ask', async () => {
  const { subject, html, text } = await renderEmail(confirmation());
  assert.equal(subject, 'Lakeside Alarm Co. received your work order WO-1001');
  assert.match(html, /Hi Dana Reyes,/);
  assert.match(html, /Repair \/ service call, Main building \/ Intrusion panel/);
  assert.match(html, /Tuesday, November 24, 2026, afternoon/);
  assert.match(html, /when a technician is dispatched, when they arrive, and when the work is completed/);
  assert.ok(html.includes(`href="${escapeHtml(url)}"`));
  assert.match(text, /View your work order:\nhttps:\/\/www\.lakeside\.example\/portal#porchlight-work-order=/);
  assert.match(text, /contact Lakeside Alarm Co\. at support@lakeside\.example/);
});

test('work-order-status: dispatched, arrived and completed each read as themselves, with the dealer note', async () => {
  const dispatched = await renderEmail(status());
  assert.equal(dispatched.subject, 'Lakeside Alarm Co.: technician dispatched for work order WO-1001');
  assert.match(dispatched.html, /A technician is dispatched/);
  assert.match(dispatched.text, /A technician has been dispatched for work order WO-1001 for Harbor View \(Repair \/ service call, Main building \/ Intrusion panel\), Tuesday, November 24, 2026 at 9:30 AM UTC\./);
  assert.doesNotMatch(dispatched.text, /Note from/);

  const arrived = await renderEmail(status({ status: 'arrived', note: 'Tech: Sam. Door code 1234 used.' }));
  assert.equal(arrived.subject, 'Lakeside Alarm Co.: the technician arrived for work order WO-1001');
  assert.match(arrived.text, /Note from Lakeside Alarm Co\.:\nTech: Sam\. Door code 1234 used\./);

  const completed = await renderEmail(status({ status: 'completed', siteName: null, systemName: null, url: null }, bare));
  assert.equal(completed.subject, 'Acme Monitoring: work order WO-1001 is completed');
  assert.match(completed.text, /The work is completed on work order WO-1001 for Harbor View \(Repair \/ service call\)/);
  assert.doesNotMatch(completed.html, /View your work order/);
});

test('work-order emails: hostile values are escaped in HTML and verbatim in text; a script URL is dropped', async () => {
  const hostile = { accountName: evil, note: evil, siteName: evil, systemName: evil, requestType: evil };
  for (const message of [
    submitted({ ...hostile, submittedBy: evil, siteAddress: evil, url: 'javascript:alert(1)' }),
    confirmation({ ...hostile, name: evil, url: 'javascript:alert(1)' }),
    status({ ...hostile, name: evil, note: evil, url: 'javascript:alert(1)' }),
  ]) {
    const { html, text } = await renderEmail(message);
    assert.doesNotMatch(html, /<script>alert/, message.template);
    assert.doesNotMatch(html, /javascript:/i, message.template);
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Bob&quot;'), message.template);
    assert.ok(text.includes(evil), `${message.template}: text verbatim`);
  }
});

test('formatDay: calendar days in words; anything else as given', () => {
  assert.equal(formatDay('2026-11-24'), 'Tuesday, November 24, 2026');
  assert.equal(formatDay('2028-02-29'), 'Tuesday, February 29, 2028');
  assert.equal(formatDay('soon'), 'soon');
});
