// End to end: the demo as a person uses it, in the system Chromium driven by Playwright.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { demoApp } from './demo.js';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'];
const shots = join(process.cwd(), 'test-results', 'demo');

let server: ServerType;
let browser: Browser;
let base: string;
let dataDir: string;
let apiKey: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

before(async () => {
  mkdirSync(shots, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'porchlight-demo-'));
  const port = await freePort();
  const demo = demoApp({ port, dataDir, quiet: true });
  await demo.seed();
  server = serve({ fetch: demo.site.fetch, port, hostname: '127.0.0.1' });
  base = demo.origin;
  apiKey = demo.apiKey;
  browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function logIn(page: Page, identifier: string, username: string, password: string) {
  await page.getByLabel('Account identifier').fill(identifier);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

test('a client logs in on the dealer page, sees who they are and the account, and logs out', async () => {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  await page.goto(base + '/');
  await page.getByLabel('Account identifier').waitFor();
  await page.screenshot({ path: join(shots, 'login.png'), fullPage: true });

  await logIn(page, '5550100', 'manager', 'wrong password');
  await page.getByRole('alert').filter({ hasText: /not right/i }).waitFor();
  await page.screenshot({ path: join(shots, 'login-error.png'), fullPage: true });

  await page.getByLabel('Password', { exact: true }).fill('porchlight-demo');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByText('Harbor View Condominiums').first().waitFor();
  await page.getByText('Dana Reyes').first().waitFor();
  await page.screenshot({ path: join(shots, 'signed-in.png'), fullPage: true });

  // The session survives a reload (persist="session-storage" on the demo page).
  await page.reload();
  await page.getByText('Dana Reyes').first().waitFor();

  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByLabel('Account identifier').waitFor();
  await page.close();
});

test('the same username in another account is another person: the identifier decides', async () => {
  const page = await browser.newPage();
  await page.goto(base + '/');
  await logIn(page, '5550142', 'manager', 'porchlight-demo');
  await page.getByRole('alert').filter({ hasText: /not right/i }).waitFor();
  await page.getByLabel('Password', { exact: true }).fill('maple-court-demo');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByText('Maple Court Offices').first().waitFor();
  assert.equal(await page.getByText('Harbor View Condominiums').count(), 0);
  await page.close();
});

test('forgot password: the email arrives in the outbox, its link sets a new password, and the new password logs in', async () => {
  const page = await browser.newPage();
  await page.goto(base + '/');
  await page.getByRole('button', { name: /Forgot password/i }).or(page.getByRole('link', { name: /Forgot password/i })).first().click();
  await page.getByLabel('Account identifier').fill('5550142');
  await page.getByLabel(/Username/).first().fill('manager');
  await page.getByRole('button', { name: /send/i }).click();
  await page.getByText(/we've sent an email/i).first().waitFor();

  // The dev outbox shows the email; its link opens the reset page.
  let link: string | null = null;
  for (let i = 0; i < 50 && !link; i++) {
    await page.goto(base + '/outbox');
    link = await page.locator('a[href*="#porchlight-reset="]').first().getAttribute('href').catch(() => null);
    if (!link) await page.waitForTimeout(100);
  }
  assert.ok(link, 'reset link in the outbox');
  await page.screenshot({ path: join(shots, 'outbox.png'), fullPage: true });
  await page.goto(link!);
  await page.getByLabel('New password', { exact: true }).fill('maple court new passphrase');
  await page.getByLabel(/Confirm/i).fill('maple court new passphrase');
  await page.getByRole('button', { name: /password/i }).click();
  await page.getByText(/password was changed/i).first().waitFor();
  assert.ok(!page.url().includes('porchlight-reset='), 'the token is removed from the address bar');
  await page.screenshot({ path: join(shots, 'reset-done.png'), fullPage: true });

  await page.goto(base + '/');
  await logIn(page, '5550142', 'manager', 'maple court new passphrase');
  await page.getByText('Maple Court Offices').first().waitFor();
  await page.close();
});

test('the back office emulates the account manager: the portal opens marked as emulation, and ending it is audited', async () => {
  const context = await browser.newContext({ httpCredentials: { username: 'staff', password: apiKey } });
  const page = await context.newPage();
  await page.goto(`${base}/backoffice?identifier=5550100`);
  await page.getByRole('link', { name: 'Account Manager' }).click();
  await page.getByText('5550100').first().waitFor();
  await page.getByLabel(/Reason/).fill('client called: cannot find the invoice page');
  await page.getByRole('button', { name: 'Emulate' }).click();
  await page.getByText(/You are emulating Dana Reyes/).waitFor();
  assert.ok(!page.url().includes('porchlight-emulation='), 'the emulation token is removed from the address bar');
  await page.getByText('Harbor View Condominiums').first().waitFor();
  await page.screenshot({ path: join(shots, 'emulation.png'), fullPage: true });
  await page.getByRole('button', { name: 'End emulation' }).click();
  await page.getByLabel('Account identifier').waitFor();

  await page.goto(`${base}/backoffice?identifier=5550100`);
  await page.getByRole('link', { name: 'Account Manager' }).click();
  await page.getByText(/started emulating manager Dana Reyes/).first().waitFor();
  await page.getByText(/as manager Dana Reyes: emulation ended/).first().waitFor();
  await context.close();
});

test('the back office refuses a wrong key', async () => {
  const context = await browser.newContext({ httpCredentials: { username: 'staff', password: 'not the key' } });
  const page = await context.newPage();
  const res = await page.goto(`${base}/backoffice`);
  assert.equal(res?.status(), 401);
  await context.close();
});
