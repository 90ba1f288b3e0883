#!/usr/bin/env node
// Runs every test: node's test runner for core/client/server/emails/stores and the examples,
// web-test-runner in Chromium for the elements, then Playwright end-to-end tests of the demo.
// `npm test` runs all; `npm test -- types|node|browser|e2e` runs one group.
// Ends with one line "N passed, N failed" that CI reads.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const groups = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const want = (g) => groups.length === 0 || groups.includes(g);

function find(dir, test) {
  const out = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...find(p, test));
    else if (test(p)) out.push(p);
  }
  return out.sort();
}

function run(cmd, args, { parse }) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.on('close', (code) => resolve({ code, ...parse(out, code) }));
  });
}

const nodeCounts = (out, code) => {
  const pass = Number(/^(?:#|ℹ) pass (\d+)/m.exec(out)?.[1] ?? 0);
  const fail = Number(/^(?:#|ℹ) fail (\d+)/m.exec(out)?.[1] ?? (code ? 1 : 0));
  return { pass, fail: fail || (code && !fail ? 1 : 0) };
};

const results = [];

if (want('types')) {
  console.log('\n== typecheck (tsc --noEmit, the whole tree)');
  results.push(
    await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'], {
      parse: (_out, code) => ({ pass: code === 0 ? 1 : 0, fail: code === 0 ? 0 : 1 }),
    }),
  );
}
const nodeFlags = ['--import', 'tsx', '--conditions=source', '--test', '--test-reporter=spec', '--test-concurrency=1'];

if (want('node')) {
  const files = [
    ...['core', 'server', 'emails', 'client', 'store-redis', 'store-postgres'].flatMap((p) =>
      find(join(root, 'packages', p, 'src'), (f) => f.endsWith('.test.ts')),
    ),
    ...find(join(root, 'examples'), (f) => f.endsWith('.test.ts') && !f.endsWith('.e2e.test.ts')),
  ].map((f) => relative(root, f));
  if (files.length) {
    console.log(`\n== node tests (${files.length} files)`);
    results.push(await run(process.execPath, [...nodeFlags, ...files], { parse: nodeCounts }));
  }
}

if (want('browser')) {
  console.log('\n== browser tests (web-test-runner, Chromium)');
  results.push(
    await run(process.execPath, [join(root, 'node_modules/@web/test-runner/dist/bin.js'), '--config', 'web-test-runner.config.mjs'], {
      parse: (out, code) => {
        // "N passed, N failed" is printed by our reporter in web-test-runner.config.mjs.
        const m = /(\d+) passed, (\d+) failed/.exec(out);
        return m ? { pass: Number(m[1]), fail: Number(m[2]) || (code ? 1 : 0) } : { pass: 0, fail: 1 };
      },
    }),
  );
}

if (want('e2e')) {
  const files = find(join(root, 'examples'), (f) => f.endsWith('.e2e.test.ts')).map((f) => relative(root, f));
  if (files.length) {
    console.log(`\n== end-to-end tests (${files.length} files)`);
    // The demo page loads the script-tag bundle: build it from the current sources first.
    results.push(await run(process.execPath, [join(root, 'node_modules/rollup/dist/bin/rollup'), '-c', '--environment', 'ONLY:browser', '--silent'], { parse: () => ({ pass: 0, fail: 0 }) }));
    results.push(await run(process.execPath, [...nodeFlags, ...files], { parse: nodeCounts }));
  }
}

const pass = results.reduce((n, r) => n + r.pass, 0);
const fail = results.reduce((n, r) => n + r.fail, 0);
const failedGroups = results.filter((r) => r.code !== 0).length;
console.log(`\n${pass} passed, ${fail + (fail === 0 ? failedGroups : 0)} failed`);
process.exit(fail || failedGroups ? 1 : 0);
