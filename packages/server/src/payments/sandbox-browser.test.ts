// The hosted-fields page in a real browser (the system Chromium, through playwright-core): its
// CSP lets its own script run, it posts the token only to the allow-listed parent origin, and
// a page on any other origin cannot even frame it. Skipped when no Chromium is installed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { chromium, type Browser } from 'playwright-core';
import { sandboxGateway, sandboxGatewayApp, type SandboxGatewayApp } from './sandbox.js';

const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const skip = existsSync(CHROME) ? false : `no Chromium at ${CHROME}`;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'];

let browser: Browser;
let sandboxServer: ServerType;
let pageServer: ServerType;
let sandbox: SandboxGatewayApp;
let sandboxBase: string;
let pagePort: number;

const listen = (app: Hono) =>
  new Promise<{ server: ServerType; port: number }>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({ server, port: info.port }));
  });

before(async () => {
  if (skip) return;
  // The embedding page: same port, reached as http://localhost:<port> (allowed) or
  // http://127.0.0.1:<port> (another origin, not allowed).
  const page = new Hono();
  page.get('/', (c) => {
    const origin = new URL(c.req.url).origin;
    const src = `${sandboxBase}/fields?kind=${c.req.query('kind') ?? 'card'}&origin=${encodeURIComponent(c.req.query('claim') ?? origin)}`;
    return c.html(`<!doctype html><html><body><iframe title="Payment details" src="${src}" width="480" height="360"></iframe>
<script>
window.messages = [];
addEventListener('message', (e) => window.messages.push({ origin: e.origin, data: e.data }));
window.submitFromParent = () => document.querySelector('iframe').contentWindow.postMessage({ type: 'porchlight-sandbox-submit' }, '${new URL(sandboxBase).origin}');
</script></body></html>`);
  });
  const p = await listen(page);
  pageServer = p.server;
  pagePort = p.port;
  sandbox = sandboxGatewayApp({ secret: 'browser-test-secret-0123456789ab', allowedOrigins: [`http://localhost:${pagePort}`] });
  const s = await listen(sandbox);
  sandboxServer = s.server;
  sandboxBase = `http://127.0.0.1:${s.port}`;
  browser = await chromium.launch({ executablePath: CHROME, args: ARGS });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => sandboxServer?.close(resolve) ?? resolve(undefined));
  await new Promise((resolve) => pageServer?.close(resolve) ?? resolve(undefined));
});

test('the fields page tokenizes in the iframe and posts only to the allow-listed origin', { skip }, async () => {
  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.goto(`http://localhost:${pagePort}/`);
  const frame = page.frameLocator('iframe');
  await page.waitForFunction(() => (window as any).messages.some((m: any) => m.data?.type === 'porchlight-sandbox-ready'));
  await frame.getByLabel('Card number').fill('4242 4242 4242 4242');
  await frame.getByLabel('Expiry (MM/YY)').fill('12/34');
  await frame.getByLabel('Security code').fill('123');
  await frame.getByRole('button', { name: 'Continue' }).click();
  await page.waitForFunction(() => (window as any).messages.some((m: any) => m.data?.type === 'porchlight-sandbox-token'));
  const messages: Array<{ origin: string; data: any }> = await page.evaluate(() => (window as any).messages);
  const token = messages.find((m) => m.data.type === 'porchlight-sandbox-token')!;
  assert.equal(token.origin, new URL(sandboxBase).origin, 'the message comes from the sandbox origin');
  assert.match(token.data.token, /^tok_sbx_/);
  assert.deepEqual(token.data.summary, { kind: 'card', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034 });
  assert.doesNotMatch(JSON.stringify(messages), /42424242/);
  assert.equal(await frame.getByLabel('Card number').inputValue(), '', 'the fields are cleared');
  assert.deepEqual(violations, []);

  // The token works for Porchlight's side, in-process.
  const gateway = sandboxGateway({ app: sandbox, publicUrl: sandboxBase });
  const { customerRef } = await gateway.ensureCustomer({ dealerId: 'd', accountId: 'a', name: 'Ada' });
  assert.equal((await gateway.saveMethod({ customerRef, token: token.data.token })).last4, '4242');

  // Errors are shown next to the field, and the parent can trigger the submit.
  await frame.getByLabel('Card number').fill('4111 1111 1111 1111');
  await frame.getByLabel('Expiry (MM/YY)').fill('12/34');
  await frame.getByLabel('Security code').fill('123');
  await page.evaluate(() => (window as any).submitFromParent());
  await page.waitForFunction(() => (window as any).messages.some((m: any) => m.data?.type === 'porchlight-sandbox-error'));
  assert.equal(await frame.getByLabel('Card number').getAttribute('aria-invalid'), 'true');
  assert.match((await frame.locator('#number-error').textContent()) ?? '', /test cards/);
  await page.close();
});

test('a page on another origin cannot frame the fields, even claiming an allowed origin', { skip }, async () => {
  const page = await browser.newPage();
  // 127.0.0.1 is another origin than localhost: frame-ancestors blocks the frame.
  await page.goto(`http://127.0.0.1:${pagePort}/?claim=${encodeURIComponent(`http://localhost:${pagePort}`)}`);
  await page.waitForTimeout(500);
  const messages: unknown[] = await page.evaluate(() => (window as any).messages);
  assert.deepEqual(messages, []);
  // And asking with its own (unlisted) origin gets the refusal page.
  await page.goto(`http://127.0.0.1:${pagePort}/`);
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => (window as any).messages), []);
  await page.close();
});
