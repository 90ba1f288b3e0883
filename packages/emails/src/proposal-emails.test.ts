import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { MailDealer, MailMessage } from '@porchlight/core';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { createOutboxMailer, createMemoryMailer, readOutbox } from './outbox.js';
import { renderEmail } from './render.js';
import { createSmtpMailer } from './smtp.js';

const lakeside: MailDealer = { id: 'lakeside', name: 'Lakeside Alarm Co.', supportEmail: 'support@lakeside.example', portalUrl: 'https://www.lakeside.example/portal', branding: {} };
const pdf = new TextEncoder().encode('%PDF-1.7\n% signed proposal\n%%EOF\n');

const signed: MailMessage = {
  template: 'proposal-signed',
  to: { email: 'dana@harborview.example', name: 'Dana Reyes' },
  dealer: lakeside,
  data: {
    name: 'Dana <b>Reyes</b>',
    accountName: 'Harbor View',
    proposalNumber: 'P-1001',
    proposalTitle: 'Whole-home <script>alert(1)</script> upgrade',
    version: 2,
    totalCents: 141_372,
    currency: 'USD',
    typedName: 'Dana Q. Reyes',
    signedAt: '2026-11-23T12:05:00.000Z',
    signedDocumentSha256: 'a'.repeat(64),
    documentSha256: 'b'.repeat(64),
  },
  attachments: [{ filename: 'proposal-P-1001-v2-signed.pdf', contentType: 'application/pdf', content: pdf }],
};

const rejected: MailMessage = {
  template: 'proposal-decided',
  to: { email: 'morgan@lakeside.example', name: 'Morgan Lee' },
  dealer: lakeside,
  data: {
    salespersonName: 'Morgan Lee',
    decision: 'rejected',
    accountName: 'Harbor View',
    customerNumber: 'LA-1001',
    identifier: '5550100',
    proposalNumber: 'P-1001',
    proposalTitle: 'Whole-home security upgrade',
    version: 1,
    totalCents: 141_372,
    currency: 'USD',
    decidedAt: '2026-11-23T12:05:00.000Z',
    decidedBy: 'Dana Reyes',
    typedName: null,
    reasons: ['The price', 'Something else'],
    note: 'We need the <b>outdoor</b> camera too.\nAnd a second keypad.',
  },
};

test('proposal-signed: to the signer, with the total, the typed name, the hashes; values escaped', async () => {
  const { subject, html, text } = await renderEmail(signed);
  assert.equal(subject, 'You accepted proposal P-1001 from Lakeside Alarm Co.');
  assert.match(html, /\$1,413\.72/);
  assert.match(html, /Dana Q\. Reyes/);
  assert.match(html, /Monday, November 23, 2026 at 12:05 PM UTC/);
  assert.ok(html.includes('a'.repeat(64)) && html.includes('b'.repeat(64)));
  assert.doesNotMatch(html, /<script>alert/);
  assert.ok(html.includes('Whole-home &lt;script&gt;alert(1)&lt;/script&gt; upgrade'));
  assert.ok(html.includes('Dana &lt;b&gt;Reyes&lt;/b&gt;'));
  assert.match(text, /You accepted proposal P-1001 \(version 2\), "Whole-home <script>alert\(1\)<\/script> upgrade", for Harbor View: \$1,413\.72\./);
  assert.match(text, /SHA-256 of the signed PDF: a{64}/);
});

test('proposal-decided: accepted or rejected, with the reasons and the note for the salesperson', async () => {
  const no = await renderEmail(rejected);
  assert.equal(no.subject, 'Proposal P-1001 rejected: Harbor View');
  assert.match(no.html, /<li>The price<\/li><li>Something else<\/li>/);
  assert.ok(no.html.includes('We need the &lt;b&gt;outdoor&lt;/b&gt; camera too.'));
  assert.match(no.html, /customer LA-1001/);
  assert.match(no.text, /Reasons:\n- The price\n- Something else/);
  assert.match(no.text, /Their note:\nWe need the <b>outdoor<\/b> camera too\.\nAnd a second keypad\./);

  const yes = await renderEmail({ ...rejected, data: { ...rejected.data, decision: 'accepted', typedName: 'Dana Q. Reyes', reasons: [], note: null } } as MailMessage);
  assert.equal(yes.subject, 'Proposal P-1001 accepted: Harbor View');
  assert.match(yes.text, /accepted proposal P-1001 \(version 1\), "Whole-home security upgrade" \(\$1,413\.72\), on Monday, November 23, 2026 at 12:05 PM UTC, signing as Dana Q\. Reyes\./);
  assert.doesNotMatch(yes.html, /Reasons/);
});

test('attachments: SMTP sends them as MIME parts; the outbox writes each as a file beside the JSON; the memory mailer keeps the bytes', async (t) => {
  let raw: Buffer | undefined;
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const send = transporter.sendMail.bind(transporter);
  transporter.sendMail = (async (options: Parameters<typeof send>[0]) => {
    const info = await send(options);
    raw = info.message as Buffer;
    return info;
  }) as typeof transporter.sendMail;
  await createSmtpMailer({ transport: transporter, from: 'portal@porchlight.example' }).send(signed);
  const mail = await simpleParser(raw!);
  assert.equal(mail.attachments.length, 1);
  assert.equal(mail.attachments[0]!.filename, 'proposal-P-1001-v2-signed.pdf');
  assert.equal(mail.attachments[0]!.contentType, 'application/pdf');
  assert.deepEqual(new Uint8Array(mail.attachments[0]!.content), pdf);
  assert.match(mail.text ?? '', /You accepted proposal P-1001/);

  const dir = await mkdtemp(join(tmpdir(), 'porchlight-outbox-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await createOutboxMailer({ dir, log: false }).send(signed);
  const [sent] = await readOutbox(dir);
  assert.deepEqual(sent!.attachments, [{ filename: 'proposal-P-1001-v2-signed.pdf', contentType: 'application/pdf', size: pdf.length, file: `${sent!.id}-1.pdf` }]);
  assert.deepEqual(new Uint8Array(await readFile(join(dir, `${sent!.id}-1.pdf`))), pdf);
  assert.doesNotMatch(await readFile(join(dir, `${sent!.id}.json`), 'utf8'), /"content"/, 'no bytes inside the JSON');
  assert.deepEqual((await readdir(dir)).sort(), [`${sent!.id}-1.pdf`, `${sent!.id}.html`, `${sent!.id}.json`].sort());

  const memory = createMemoryMailer();
  await memory.send(signed);
  assert.deepEqual(memory.last()!.attachments?.[0]?.content, pdf);
});
