import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { MailDealer, MailMessage } from '@porchlight/core';
import { simpleParser } from 'mailparser';
import type { Transporter } from 'nodemailer';
import { SMTPServer, type SMTPServerEnvelope } from 'smtp-server';
import { escapeHtml } from './markup.js';
import { createSmtpMailer, MailDeliveryError } from './smtp.js';

const dealer: MailDealer = {
  id: 'lakeside',
  name: 'Lakeside Alarm Co.',
  supportEmail: 'support@lakeside.example',
  branding: { colors: { primary: '#0b5d7a' } },
};
const resetUrl = 'https://www.lakeside.example/reset?dealer=lakeside&lang=en#porchlight-reset=01jd8k3m4n5p6q7r8s9t0v1w2x.c2VjcmV0LXNlY3JldC1zZWNyZXQ';
const message = (to: MailMessage['to']): MailMessage => ({
  template: 'password-reset',
  to,
  dealer,
  data: { name: 'Dana Whitfield', resetUrl, expiresInMinutes: 60, accountName: 'Harbor View Condominiums', username: 'dana' },
});

const received: { envelope: SMTPServerEnvelope; raw: Buffer }[] = [];
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      received.push({ envelope: structuredClone(session.envelope), raw: Buffer.concat(chunks) });
      callback();
    });
  },
});
let port = 0;
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('a real SMTP conversation: multipart text + HTML, dealer-named From, support Reply-To, the link intact', async () => {
  const mailer = createSmtpMailer({ transport: { host: '127.0.0.1', port, secure: false, ignoreTLS: true }, from: 'portal@porchlight.example' });
  await mailer.send(message({ email: 'dana@harborview.example', name: 'Dana Whitfield' }));
  mailer.close();

  assert.equal(received.length, 1);
  const { envelope, raw } = received[0]!;
  assert.deepEqual(envelope.rcptTo.map((r) => r.address), ['dana@harborview.example']);
  assert.equal(envelope.mailFrom && envelope.mailFrom.address, 'portal@porchlight.example');
  assert.match(raw.toString(), /^Content-Type: multipart\/alternative/m);

  const mail = await simpleParser(raw);
  assert.deepEqual(mail.from?.value, [{ name: 'Lakeside Alarm Co.', address: 'portal@porchlight.example' }]);
  assert.deepEqual(!Array.isArray(mail.to) && mail.to?.value, [{ name: 'Dana Whitfield', address: 'dana@harborview.example' }]);
  assert.deepEqual(mail.replyTo?.value, [{ name: '', address: 'support@lakeside.example' }]);
  assert.equal(mail.subject, 'Reset your Lakeside Alarm Co. portal password');
  assert.ok(mail.text?.includes(`\n${resetUrl}\n`), 'the link arrived intact in the text part');
  assert.ok(typeof mail.html === 'string' && mail.html.includes(`href="${escapeHtml(resetUrl)}"`), 'and in the HTML part');
  assert.match(mail.html || '', /Hi Dana Whitfield,/);
});

test('a hostile recipient name cannot add recipients or headers', async () => {
  received.length = 0;
  const mailer = createSmtpMailer({ transport: { host: '127.0.0.1', port, ignoreTLS: true }, from: 'portal@porchlight.example' });
  const name = 'Eve <eve@evil.example>, "x" <y@evil.example>\r\nBcc: z@evil.example';
  await mailer.send(message({ email: 'dana@harborview.example', name }));
  mailer.close();
  const { envelope, raw } = received[0]!;
  assert.deepEqual(envelope.rcptTo.map((r) => r.address), ['dana@harborview.example']);
  assert.doesNotMatch(raw.toString(), /^Bcc:/im);
});

test('a refused connection is a MailDeliveryError with the cause, quickly', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const closedPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));

  const mailer = createSmtpMailer({ transport: { host: '127.0.0.1', port: closedPort, connectionTimeout: 3000 }, from: 'portal@porchlight.example' });
  const started = Date.now();
  await assert.rejects(mailer.send(message({ email: 'dana@harborview.example' })), (error: unknown) => {
    assert.ok(error instanceof MailDeliveryError);
    assert.equal(error.code, 'MAIL_DELIVERY_FAILED');
    assert.equal(error.template, 'password-reset');
    assert.equal(error.to, 'dana@harborview.example');
    assert.equal((error.cause as { originalCode?: string }).originalCode, 'ECONNREFUSED', 'nodemailer\'s error is the cause');
    assert.match(error.message, /^Could not send the "password-reset" email to dana@harborview\.example: connect ECONNREFUSED/);
    return true;
  });
  assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
});

test('an existing Transporter, From and Reply-To per dealer', async () => {
  const sent: Record<string, unknown>[] = [];
  const transporter = { sendMail: async (mail: Record<string, unknown>) => void sent.push(mail), close() {} } as unknown as Transporter;
  const mailer = createSmtpMailer({
    transport: transporter,
    from: (d) => `"${d.name}" <${d.id}@mail.porchlight.example>`,
    replyTo: (d) => `help+${d.id}@porchlight.example`,
  });
  assert.equal(mailer.transporter, transporter);
  await mailer.send(message({ email: 'dana@harborview.example' }));
  assert.equal(sent[0]!.from, '"Lakeside Alarm Co." <lakeside@mail.porchlight.example>');
  assert.equal(sent[0]!.replyTo, 'help+lakeside@porchlight.example');
  assert.equal(typeof sent[0]!.text, 'string');
  assert.equal(typeof sent[0]!.html, 'string');
});

test('options are checked when the mailer is made', () => {
  assert.throws(() => createSmtpMailer({ from: 'a@b.example' } as never), /transport/);
  assert.throws(() => createSmtpMailer({ transport: { host: 'localhost' } } as never), /from/);
});
