import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MailDealer, MailMessage } from '@porchlight/core';
import { renderEmail } from './render.js';

const lakeside: MailDealer = { id: 'lakeside', name: 'Lakeside Alarm Co.', supportEmail: 'support@lakeside.example', portalUrl: 'https://www.lakeside.example/portal', branding: {} };
const confirmUrl = 'https://www.lakeside.example/portal#porchlight-confirm-email=abcdefghijklmnopqrstuvwxyz234567';
const evil = '<script>alert(1)</script> & "Bob"';

test('email-change-confirm: the link, its lifetime, to the new address; values escaped', async () => {
  const message: MailMessage = {
    template: 'email-change-confirm',
    to: { email: 'new@harborview.example' },
    dealer: lakeside,
    data: { name: evil, accountName: 'Harbor <b>View</b>', newEmail: 'new@harborview.example', confirmUrl, expiresInHours: 24 },
  };
  const { subject, html, text } = await renderEmail(message);
  assert.equal(subject, 'Confirm your new email for the Lakeside Alarm Co. portal');
  assert.ok(html.includes(`href="${confirmUrl}"`), 'the button links to the confirmation URL');
  assert.match(html, /1 day/);
  assert.match(html, /new@harborview\.example/);
  assert.ok(text.includes(`\n${confirmUrl}`));
  assert.doesNotMatch(html, /<script>alert/);
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Bob&quot;'));
  assert.ok(html.includes('Harbor &lt;b&gt;View&lt;/b&gt;'));
  assert.ok(text.includes(`Hi ${evil},`), 'the text part has values verbatim');
});

test('email-change-notice: tells the old address which new one was asked for', async () => {
  const { subject, html, text } = await renderEmail({
    template: 'email-change-notice',
    to: { email: 'dana@harborview.example' },
    dealer: lakeside,
    data: { name: 'Dana Reyes', accountName: 'Harbor View', newEmail: 'x"><img src=x onerror=alert(1)>@evil.example' },
  });
  assert.equal(subject, 'Your Lakeside Alarm Co. portal email is being changed');
  assert.match(html, /If it wasn(&#39;|')t you/);
  assert.doesNotMatch(html, /<img src=x/);
  assert.ok(html.includes('x&quot;&gt;&lt;img src=x onerror=alert(1)&gt;@evil.example'));
  assert.match(text, /asked to use x"><img src=x onerror=alert\(1\)>@evil\.example/);
});

test('contact-changed: a table of each field before and now, for the dealer; values escaped', async () => {
  const { subject, html, text } = await renderEmail({
    template: 'contact-changed',
    to: { email: 'sync@lakeside.example' },
    dealer: lakeside,
    data: {
      accountName: 'Harbor View',
      customerNumber: 'LA-1001',
      identifier: '5550100',
      userName: 'Dana <i>Reyes</i>',
      changedAt: '2026-11-23T12:05:00.000Z',
      changes: [
        { field: 'Phone', from: '555-0100', to: '555-0199' },
        { field: 'Mailing address', from: null, to: '1 <Main> St, Springfield, IL 62704' },
      ],
    },
  });
  assert.equal(subject, 'Contact details changed: Harbor View');
  assert.match(html, /<td[^>]*>Phone<\/td><td[^>]*>555-0100<\/td><td[^>]*>555-0199<\/td>/);
  assert.ok(html.includes('1 &lt;Main&gt; St, Springfield, IL 62704'));
  assert.ok(html.includes('Dana &lt;i&gt;Reyes&lt;/i&gt;'));
  assert.match(html, /customer LA-1001/);
  assert.match(html, /Monday, November 23, 2026 at 12:05 PM UTC/);
  assert.match(text, /Phone: 555-0100 -> 555-0199\nMailing address: \(none\) -> 1 <Main> St, Springfield, IL 62704/);
});
