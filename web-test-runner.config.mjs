// Browser tests for @porchlight/elements: mocha + @open-wc/testing in the system Chromium.
//   node node_modules/@web/test-runner/dist/bin.js --config web-test-runner.config.mjs
// Ends with one line "N passed, N failed" (individual tests) that scripts/test.mjs reads.
import { fileURLToPath } from 'node:url';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  // Chrome then writes what its autofill understood of each field into an `autofill-information`
  // attribute; a login test reads it to check that Chrome sees one login form.
  '--show-autofill-type-predictions',
  '--enable-features=AutofillShowTypePredictions',
];

/** Counts individual tests (nested suites included) of every session. */
function count(suite, totals) {
  if (!suite) return;
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped++;
    else if (test.passed) totals.passed++;
    else totals.failed++;
  }
  for (const child of suite.suites ?? []) count(child, totals);
}

/**
 * Prints "N passed, N failed" once the run is over. It is the only line of that shape: the
 * default reporter's progress bar (which has one too, from "0 passed, 0 failed" on) is off, and
 * scripts/test.mjs reads the first match.
 */
function summaryReporter() {
  let started = Date.now();
  return {
    onTestRunStarted() {
      started = Date.now();
    },
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        const before = totals.failed;
        count(session.testResults, totals);
        // A file that failed to load or crashed has no failing test to count: count it once.
        if (!session.passed && totals.failed === before) totals.failed++;
      }
      const skipped = totals.skipped ? ` (${totals.skipped} skipped)` : '';
      // After the default reporter's own output, on a line of its own.
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      setTimeout(() => process.stdout.write(`\nBrowser tests: ${sessions.length} files in ${seconds}s\n${totals.passed} passed, ${totals.failed} failed${skipped}\n`), 0);
    },
  };
}

export default {
  rootDir: fileURLToPath(new URL('.', import.meta.url)),
  files: ['packages/elements/src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  concurrency: 1,
  testFramework: { config: { timeout: 5000 } },
  // Failures, browser logs and 404s per file from the default reporter; no progress bar.
  reporters: [defaultReporter({ reportTestProgress: false }), summaryReporter()],
};
