import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { MailDealer, MailMessage } from '@porchlight/core';
import { createMemoryMailer, createOutboxMailer, readOutbox } from './outbox.js';

const dealer: MailDealer = { id: 'lakeside', name: 'Lakeside Alarm Co.', branding: {} };
const reset = (email: string, token: string): MailMessage => ({
  template: 'password-reset',
  to: { email, name: 'Dana' },
  dealer,
  data: { name: 'Dana', resetUrl: `http://127.0.0.1:8787/#porchlight-reset=${token}`, expiresInMinutes: 60, accountName: 'Harbor View', username: 'dana' },
});
const changed: MailMessage = {
  template: 'password-changed',
  to: { email: 'sam@maple.example' },
  dealer,
  data: { name: 'Sam', accountName: 'Maple Court', username: 'sam', changedAt: '2026-11-23T12:00:00Z' },
};

test('the outbox writes a JSON and an HTML file per message, logs one line, and reads back newest first', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'porchlight-outbox-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const info = t.mock.method(console, 'info', () => {});
  const mailer = createOutboxMailer({ dir: join(dir, 'outbox') });

  await mailer.send(reset('dana@harborview.example', 'first'));
  await mailer.send(changed);
  await mailer.send(reset('dana@harborview.example', 'second'));

  const files = await readdir(join(dir, 'outbox'));
  assert.equal(files.filter((f) => f.endsWith('.json')).length, 3);
  assert.equal(files.filter((f) => f.endsWith('.html')).length, 3);
  assert.equal(files.length, 6, 'no temporary files left');

  const [newest, ...rest] = await readOutbox(join(dir, 'outbox'));
  assert.equal(rest.length, 2);
  assert.equal(newest!.template, 'password-reset');
  assert.equal(newest!.template === 'password-reset' && newest!.data.resetUrl, 'http://127.0.0.1:8787/#porchlight-reset=second');
  assert.match(newest!.text, /#porchlight-reset=second\n/);
  assert.equal(newest!.subject, 'Reset your Lakeside Alarm Co. portal password');
  assert.deepEqual(newest!.to, { email: 'dana@harborview.example', name: 'Dana' });
  assert.ok(!Number.isNaN(Date.parse(newest!.time)));
  assert.equal(await readFile(join(dir, 'outbox', `${newest!.id}.html`), 'utf8'), newest!.html);
  assert.deepEqual(rest.map((m) => m.template), ['password-changed', 'password-reset']);

  assert.deepEqual((await readOutbox(join(dir, 'outbox'), { limit: 1 })).map((m) => m.id), [newest!.id]);

  assert.equal(info.mock.callCount(), 3);
  const line = String(info.mock.calls[2]!.arguments[0]);
  assert.doesNotMatch(line, /\n/);
  assert.ok(line.includes(join(dir, 'outbox', `${newest!.id}.html`)) && line.includes('dana@harborview.example'), line);
});

test('readOutbox of a folder that does not exist is empty; log: false is quiet', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'porchlight-outbox-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  assert.deepEqual(await readOutbox(join(dir, 'nothing-here')), []);
  const info = t.mock.method(console, 'info', () => {});
  await createOutboxMailer({ dir, log: false }).send(changed);
  assert.equal(info.mock.callCount(), 0);
  assert.equal((await readOutbox(dir)).length, 1);
  assert.throws(() => createOutboxMailer({} as never), /dir/);
});

test('the memory mailer keeps rendered messages; last() finds the newest, optionally for one address', async () => {
  const mailer = createMemoryMailer();
  assert.equal(mailer.last(), undefined);
  await mailer.send(reset('dana@harborview.example', 'one'));
  await mailer.send(changed);
  assert.equal(mailer.sent.length, 2);
  assert.equal(mailer.last()?.template, 'password-changed');
  const forDana = mailer.last('DANA@harborview.example');
  assert.equal(forDana?.subject, 'Reset your Lakeside Alarm Co. portal password');
  assert.match(forDana!.html, /porchlight-reset=one/);
  assert.equal(mailer.last('nobody@example.com'), undefined);
  const bad = reset('dana@harborview.example', 'x');
  if (bad.template === 'password-reset') bad.data.resetUrl = 'ftp://files.example/reset';
  await assert.rejects(mailer.send(bad), /resetUrl/);
  assert.equal(mailer.sent.length, 2, 'a message that cannot render is not kept');
  mailer.clear();
  assert.equal(mailer.sent.length, 0);
});
