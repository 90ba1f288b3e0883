import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MailDealer } from '@porchlight/core';
import { renderEmail } from './render.js';

const lakeside: MailDealer = { id: 'lakeside', name: 'Lakeside Alarm Co.', supportEmail: 'support@lakeside.example', portalUrl: 'https://www.lakeside.example/portal', branding: {} };
const setPasswordUrl = 'https://www.lakeside.example/portal#porchlight-activate=abcdefghijklmnopqrstuvwxyz234567';
const evil = '<script>alert(1)</script> & "Bob"';
const base = { name: 'Dana Reyes', accountName: 'Harbor View Condominiums', identifier: '5550100', username: 'dana@harborview.example', loginUrl: null, expiresInHours: 48 };

test('registration-confirmation with a link: username, identifier, the link and how long it works', async () => {
  const { subject, html, text } = await renderEmail({
    template: 'registration-confirmation',
    to: { email: 'dana@harborview.example' },
    dealer: lakeside,
    data: { ...base, setPasswordUrl, temporaryPassword: null, mustChangePassword: false },
  });
  assert.equal(subject, 'Your Lakeside Alarm Co. portal login for Harbor View Condominiums');
  assert.ok(html.includes(`href="${setPasswordUrl}"`));
  assert.match(html, /Account identifier: <strong>5550100<\/strong>/);
  assert.match(html, /Username: <strong>dana@harborview\.example<\/strong>/);
  assert.match(html, /2 days/);
  assert.ok(text.includes(`\n${setPasswordUrl}`));
  assert.doesNotMatch(html, /Temporary password/);
});

test('registration-confirmation with a temporary password: the password, first login only, must change it', async () => {
  const { html, text } = await renderEmail({
    template: 'registration-confirmation',
    to: { email: 'dana@harborview.example' },
    dealer: lakeside,
    data: { ...base, expiresInHours: 72, setPasswordUrl: null, temporaryPassword: 'Kq7-pW3x-Zm9t', mustChangePassword: true },
  });
  assert.match(html, /Kq7-pW3x-Zm9t/);
  assert.match(html, /3 days/);
  assert.match(text, /asked to choose your own password right after you log in/);
  assert.ok(html.includes('href="https://www.lakeside.example/portal"'), 'a Log in button to the portal page');
});

test('a login email needs a link or a temporary password', async () => {
  await assert.rejects(
    renderEmail({ template: 'registration-confirmation', to: { email: 'x@y.example' }, dealer: lakeside, data: { ...base, setPasswordUrl: null, temporaryPassword: null, mustChangePassword: false } }),
    /setPasswordUrl or temporaryPassword/,
  );
});

test('login-invitation: the dealer set up the login; other accounts of the profile are named; values escaped', async () => {
  const { subject, html, text } = await renderEmail({
    template: 'login-invitation',
    to: { email: 'dana@harborview.example' },
    dealer: lakeside,
    data: { ...base, name: evil, otherAccounts: ['Maple Court'], setPasswordUrl, temporaryPassword: null, mustChangePassword: false, reset: false },
  });
  assert.equal(subject, 'You have a login for Harbor View Condominiums in the Lakeside Alarm Co. portal');
  assert.match(html, /The same login also opens: Maple Court\./);
  assert.ok(html.includes(`href="${setPasswordUrl}"`));
  assert.doesNotMatch(html, /<script>alert/);
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(text.includes(`Hi ${evil},`));
});

test('login-invitation as a reset: says the current password keeps working', async () => {
  const { subject, html } = await renderEmail({
    template: 'login-invitation',
    to: { email: 'dana@harborview.example' },
    dealer: lakeside,
    data: { ...base, otherAccounts: [], setPasswordUrl, temporaryPassword: null, mustChangePassword: false, reset: true, expiresInHours: 48 },
  });
  assert.equal(subject, 'Choose a new password for your Lakeside Alarm Co. portal login');
  assert.match(html, /current password keeps working/);
});

test('already-registered: nothing changed, the username, a reset link', async () => {
  const resetUrl = 'https://www.lakeside.example/reset#porchlight-reset=abcdefghijklmnopqrstuvwxyz234567';
  const { subject, html, text } = await renderEmail({
    template: 'already-registered',
    to: { email: 'dana@harborview.example' },
    dealer: lakeside,
    data: { name: 'Dana Reyes', accountName: 'Harbor View Condominiums', identifier: '5550100', username: 'dana@harborview.example', resetUrl, expiresInMinutes: 60, loginUrl: null },
  });
  assert.equal(subject, 'You already have a Lakeside Alarm Co. portal login');
  assert.match(html, /Nothing was changed/);
  assert.ok(html.includes(`href="${resetUrl}"`));
  assert.match(text, /1 hour/);
});

test('access-request: the request as a table for the dealer, possible accounts, values escaped', async () => {
  const { subject, html, text } = await renderEmail({
    template: 'access-request',
    to: { email: 'office@lakeside.example' },
    dealer: lakeside,
    data: {
      firstName: 'Sam',
      lastName: '<b>Lee</b>',
      email: 'sam@example.com',
      phone: null,
      company: 'Maple Court',
      customerNumber: 'LA-1002',
      message: 'Please add me & my partner',
      requestedAt: '2026-11-23T12:00:00.000Z',
      possibleAccounts: [{ name: 'Maple Court Apartments', identifier: '5550142', customerNumber: 'LA-1002' }],
      backOfficeUrl: 'https://www.lakeside.example/backoffice',
    },
  });
  assert.equal(subject, 'Access request: Sam <b>Lee</b>, Maple Court');
  assert.ok(html.includes('Sam &lt;b&gt;Lee&lt;/b&gt;'));
  assert.match(html, /Possibly: Maple Court Apartments \(identifier 5550142, customer LA-1002\)/);
  assert.ok(html.includes('href="https://www.lakeside.example/backoffice"'));
  assert.match(text, /Phone: \(not given\)/);
  assert.match(text, /Please add me & my partner/);
});
