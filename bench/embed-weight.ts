// embed-weight: how much JavaScript a dealer's page downloads to show <porchlight-login>.
// Builds the script-tag bundle, opens the demo page in Chromium, adds up every JS response the
// page loads (gzip -9 of each), and compares with lit alone (esbuild-minified, gzip -9).
// Goal: login_gz <= 20 KB.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { serve } from '@hono/node-server';
import { chromium } from 'playwright-core';
import { demoApp } from '../examples/demo/demo.js';

const root = join(import.meta.dirname, '..');
execFileSync(process.execPath, [join(root, 'node_modules/rollup/dist/bin/rollup'), '-c', '--environment', 'ONLY:browser', '--silent'], { cwd: root, stdio: 'inherit' });

const gz = (b: Uint8Array | string) => gzipSync(b, { level: 9 }).length;

const dataDir = mkdtempSync(join(tmpdir(), 'porchlight-bench-'));
const port = 18000 + Math.floor(Math.random() * 2000);
const demo = demoApp({ port, dataDir, quiet: true });
const server = serve({ fetch: demo.site.fetch, port, hostname: '127.0.0.1' });
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const scripts = new Map<string, number>();
const bodies = new Map<string, string>();
try {
  const page = await browser.newPage();
  page.on('response', async (res) => {
    const type = res.headers()['content-type'] ?? '';
    if (!type.includes('javascript')) return;
    const body = await res.body();
    scripts.set(res.url(), gz(body));
    bodies.set(res.url(), body.toString('utf8'));
  });
  await page.goto(`${demo.origin}/`);
  await page.getByLabel('Account identifier').waitFor();
  await page.waitForLoadState('networkidle');
} finally {
  await browser.close();
  server.close();
  rmSync(dataDir, { recursive: true, force: true });
}

const litOnly = await build({
  stdin: { contents: "export * from 'lit';", resolveDir: root, loader: 'js' },
  bundle: true,
  minify: true,
  format: 'esm',
  write: false,
  target: 'es2021',
});
const login_gz = [...scripts.values()].reduce((a, b) => a + b, 0);
const lit_gz = gz(litOnly.outputFiles[0]!.contents);
for (const [url, size] of scripts) console.log(`  ${size} B gz  ${new URL(url).pathname}`);
// Not counted: the chunks those scripts import with import(), which load when first wanted (the
// views beyond the log in form after a click or a log in, the emulation banner, uploads …).
const later = new Set<string>();
for (const [url, body] of bodies) for (const [, spec] of body.matchAll(/import\("(\.{1,2}\/[^"]+\.js)"\)/g)) later.add(new URL(spec!, url).pathname);
for (const path of [...later].filter((p) => ![...scripts.keys()].some((url) => new URL(url).pathname === p))) {
  const file = join(root, 'packages/elements/dist', path.replace(/^\/assets\//, ''));
  console.log(`  (${gz(readFileSync(file))} B gz  ${path}: loaded when first wanted, not counted)`);
}
console.log(JSON.stringify({ bench: 'embed-weight', login_gz, lit_gz, files: scripts.size, goal_gz: 20480, within_goal: login_gz <= 20480 }));
