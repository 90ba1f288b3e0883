import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MailDealer, MailMessage } from '@porchlight/core';
import { formatDuration, formatUtc } from './format.js';
import { escapeHtml, safeFont } from './markup.js';
import { renderEmail } from './render.js';

const lakeside: MailDealer = {
  id: 'lakeside',
  name: 'Lakeside Alarm Co.',
  supportEmail: 'support@lakeside.example',
  portalUrl: 'https://www.lakeside.example/portal',
  branding: { logoUrl: 'https://cdn.lakeside.example/logo.png', colors: { primary: '#0B5D7A', primaryText: '#fefefe' }, font: 'Inter, sans-serif' },
};
const bare: MailDealer = { id: 'acme', name: 'Acme Monitoring', branding: {} };
const resetUrl = 'https://www.lakeside.example/reset?dealer=lakeside&lang=en#porchlight-reset=01jd8k3m4n5p6q7r8s9t0v1w2x.c2VjcmV0';

const reset = (dealer: MailDealer, data: Partial<Extract<MailMessage, { template: 'password-reset' }>['data']> = {}): MailMessage => ({
  template: 'password-reset',
  to: { email: 'dana@harborview.example', name: 'Dana' },
  dealer,
  data: { name: 'Dana Whitfield', resetUrl, expiresInMinutes: 60, accountName: 'Harbor View Condominiums', username: 'dana', ...data },
});
const changed = (dealer: MailDealer, data: Partial<Extract<MailMessage, { template: 'password-changed' }>['data']> = {}): MailMessage => ({
  template: 'password-changed',
  to: { email: 'dana@harborview.example' },
  dealer,
  data: { name: 'Dana Whitfield', accountName: 'Harbor View Condominiums', username: 'dana', changedAt: '2026-11-23T12:05:00.000Z', ...data },
});

/** Every tag in the HTML: none may be a script, and no attribute may be an event handler. */
function assertNoActiveContent(html: string) {
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    assert.doesNotMatch(tag, /^<(script|iframe|object|embed)\b/i, tag);
    assert.doesNotMatch(tag, /\son[a-z]+\s*=/i, tag);
  }
  assert.doesNotMatch(html, /javascript:/i);
}

test('password-reset, branded: subject names the dealer; logo, colours, font, link, expiry and footer', async () => {
  const { subject, html, text } = await renderEmail(reset(lakeside));
  assert.equal(subject, 'Reset your Lakeside Alarm Co. portal password');
  assert.match(html, /<title>Reset your Lakeside Alarm Co\. portal password<\/title>/);
  assert.match(html, /<img src="https:\/\/cdn\.lakeside\.example\/logo\.png" alt="Lakeside Alarm Co\."/);
  assert.match(html, /background:#0b5d7a/, 'button in the primary colour');
  assert.match(html, /color:#fefefe/, 'button text in primaryText');
  assert.match(html, /font-family:Inter, sans-serif/);
  assert.ok(html.includes(`href="${escapeHtml(resetUrl)}"`), 'the button links to the reset URL');
  assert.match(html, /1 hour/);
  assert.match(html, /href="mailto:support@lakeside\.example"/);
  assert.match(html, /You received this email because someone asked to reset the password/);
  assert.match(html, /<html lang="en"/);

  assert.ok(text.includes(`\n${resetUrl}\n`), 'the URL on a line of its own in the text part');
  assert.match(text, /^Hi Dana Whitfield,\n\n/);
  assert.match(text, /works for 1 hour, and only once/);
  assert.match(text, /Didn't ask for this\? You can ignore this email/);
  assert.match(text, /contact Lakeside Alarm Co\. at support@lakeside\.example/);
  assert.match(text, /\n-- \nLakeside Alarm Co\. · support@lakeside\.example · https:\/\/www\.lakeside\.example\/portal\nYou received this email because/);
  assert.doesNotMatch(text, /<[a-z]/i, 'the text part is not HTML');
});

test('password-changed, branded: readable UTC date, what to do if it was not you, a portal button', async () => {
  const { subject, html, text } = await renderEmail(changed(lakeside));
  assert.equal(subject, 'Your Lakeside Alarm Co. portal password was changed');
  for (const part of [html, text]) {
    assert.ok(part.includes('Monday, November 23, 2026 at 12:05 PM UTC'));
    assert.match(part, /If it wasn(&#39;|')t you/);
  }
  assert.match(html, /href="https:\/\/www\.lakeside\.example\/portal"[^>]*>[\s\S]*Go to the portal/);
  assert.match(text, /The portal: https:\/\/www\.lakeside\.example\/portal/);
});

test('no branding: defaults look complete (dealer name in the header, default colours and fonts, no empty contacts)', async () => {
  for (const message of [reset(bare), changed(bare)]) {
    const { subject, html, text } = await renderEmail(message);
    assert.match(subject, /Acme Monitoring portal password/);
    assert.doesNotMatch(html, /<img/, 'no logo without a logoUrl');
    assert.match(html, />\s*Acme Monitoring\s*</, 'the name stands in for the logo');
    assert.match(html, /background-color:#1f5fae/);
    assert.match(html, /Segoe UI/);
    assert.doesNotMatch(html + text, /undefined|null|\[object Object\]|mailto:/);
    assert.match(text, /contact Acme Monitoring\./);
    assert.match(text, /\n-- \nAcme Monitoring\nYou received/);
  }
  for (const message of [reset({ ...bare, name: 'Acme Co.' }), changed({ ...bare, name: 'Acme Co.' })]) {
    const { html, text } = await renderEmail(message);
    assert.match(text, /contact Acme Co\.\n/, 'one full stop after a name ending in one');
    assert.match(html, /contact Acme Co\.</);
  }
  assert.doesNotMatch((await renderEmail(changed(bare))).html, /Go to the portal/, 'no portal button without a portal URL');
});

test('a pale primary colour gets dark button text and links in the text colour', async () => {
  const { html } = await renderEmail(changed({ ...lakeside, branding: { colors: { primary: '#ffd33d' } } }));
  assert.match(html, /background:#ffd33d;color:#111111/);
  assert.match(html, /a \{ color: #1d2733; \}/);
});

test('hostile names, account names and usernames are escaped in HTML and verbatim in text', async () => {
  const hostile = {
    name: '<script>alert(1)</script>',
    accountName: `"'&<b>Acme</b>`,
    username: '</mj-text><mj-raw><img src=x onerror=alert(1)></mj-raw>',
  };
  const dealer: MailDealer = { ...lakeside, name: `Evil <i>Co</i> "&' {{x}}` };
  for (const message of [reset(dealer, hostile), changed(dealer, hostile)]) {
    const { subject, html, text } = await renderEmail(message);
    assertNoActiveContent(html);
    assert.ok(!html.includes('<b>Acme') && !html.includes('<i>Co') && !html.includes('<img src=x') && !html.includes('<mj-'));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(html.includes('&quot;&#39;&amp;&lt;b&gt;Acme&lt;/b&gt;'));
    assert.ok(html.includes(`alt="Evil &lt;i&gt;Co&lt;/i&gt; &quot;&amp;&#39; {{x}}"`), 'attribute values stay quoted');
    for (const value of [...Object.values(hostile), dealer.name]) assert.ok(text.includes(value), `text has ${value} verbatim`);
    assert.ok(subject.includes(dealer.name));
  }
});

test('control characters and line breaks cannot break MJML or the subject', async () => {
  const { subject, html } = await renderEmail(reset({ ...lakeside, name: 'Lake\r\nBcc: x@evil.example\u0000side' }, { name: 'Da\u0000na\u001b' }));
  assert.equal(subject, 'Reset your Lake Bcc: x@evil.example side portal password');
  assert.match(html, /Hi Dana,/);
});

test('branding values are re-validated: no script URLs, CSS injection or odd fonts reach the HTML', async () => {
  const dealer: MailDealer = {
    ...lakeside,
    portalUrl: 'javascript:alert(1)',
    branding: {
      logoUrl: 'javascript:alert(1)',
      colors: { primary: 'red;} body{background:url(https://evil.example/x)', primaryText: '#fff" onload="x', text: 'expression(alert(1))' },
      font: `x"; background:url(https://evil.example/y)`,
    },
  };
  const { html, text } = await renderEmail(changed(dealer));
  assertNoActiveContent(html);
  assert.doesNotMatch(html, /evil\.example|expression\(|<img/);
  assert.match(html, /background:#1f5fae/, 'default primary');
  assert.doesNotMatch(html + text, /Go to the portal|The portal:/);
  assert.equal(safeFont(`'Open Sans', "Helvetica Neue", Arial`), "'Open Sans', 'Helvetica Neue', Arial, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif");
  assert.equal(safeFont('Georgia, serif'), 'Georgia, serif');
});

test('a logo given as a path resolves against the portal URL', async () => {
  const { html } = await renderEmail(reset({ ...lakeside, branding: { logoUrl: '/assets/logo.png' } }));
  assert.match(html, /<img src="https:\/\/www\.lakeside\.example\/assets\/logo\.png"/);
});

test('a reset link that is not http(s) is refused, not rendered', async () => {
  await assert.rejects(renderEmail(reset(lakeside, { resetUrl: 'javascript:alert(1)//https://x' })), /resetUrl.*http\(s\)/);
  await assert.rejects(renderEmail(reset(lakeside, { resetUrl: '/reset#t=1' })), /resetUrl/);
});

test('an unknown template is a clear error', async () => {
  await assert.rejects(renderEmail({ ...reset(lakeside), template: 'nope' } as unknown as MailMessage), /Unknown email template "nope"/);
});

test('durations and dates read naturally', () => {
  assert.deepEqual([30, 1, 60, 90, 120, 1440, 2880, 61].map(formatDuration), [
    '30 minutes', '1 minute', '1 hour', '1 hour and 30 minutes', '2 hours', '1 day', '2 days', '1 hour and 1 minute',
  ]);
  assert.equal(formatUtc('2026-01-05T00:30:00Z'), 'Monday, January 5, 2026 at 12:30 AM UTC');
  assert.equal(formatUtc('not a date'), 'not a date');
});
