// `npm run autopay`: runs the billing jobs (autopay, then reconciliation of unconfirmed payments)
// in the running demo (`npm start`), whose sandbox gateway keeps its test cards in memory.
// `npm run autopay -- 2026-12-01T06:00:00Z` runs them as of that time (to try a charge day).
// A real deployment schedules packages/server/src/bin/run-autopay.ts with cron (docs/billing.md).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const dataDir = process.env.PORCHLIGHT_DATA ?? join(root, '.data', 'demo');
const keyFile = join(dataDir, 'api-key.txt');
const apiKey = process.env.PORCHLIGHT_API_KEY ?? (existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : '');
if (!apiKey) {
  console.error('No demo API key: start the demo first (npm start).');
  process.exit(1);
}
const origin = `http://${process.env.HOST ?? '127.0.0.1'}:${process.env.PORT ?? 8787}`;
const at = process.argv[2];
try {
  const res = await fetch(`${origin}/demo/jobs/billing${at ? `?at=${encodeURIComponent(at)}` : ''}`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}` } });
  console.log(JSON.stringify(await res.json(), null, 2));
  process.exit(res.ok ? 0 : 1);
} catch {
  console.error(`The demo is not running at ${origin}: start it with npm start.`);
  process.exit(1);
}
