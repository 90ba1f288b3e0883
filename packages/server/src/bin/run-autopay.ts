/**
 * Runs the portal's scheduled billing work once and exits: autopay (charges each enrolled
 * account's open balance once per cycle, retries declines on the dealer's retry days) and the
 * reconciliation of payments whose outcome the gateway never confirmed. Safe to run as often as
 * you like, and on several machines at once (see docs/billing.md).
 *
 *   node run-autopay.js <portal-module> [--at <ISO time>] [--only autopay|reconcile]
 *
 * `<portal-module>` is a module of the deployment that exports the portal it serves (the result
 * of `createPortal(...)`, with the same store, mailer and gateway), as `portal` or as its default
 * export. The store must keep its promises across processes (Redis, PostgreSQL): the unstorage
 * adapter keeps them inside one process only. Prints a JSON summary; exits 1 on an error.
 *
 * Built as `@porchlight/server/dist/run-autopay.js`. Cron, daily at 06:00 UTC, and every 10
 * minutes for reconciliation:
 *   0 6 * * *     node /srv/portal/node_modules/@porchlight/server/dist/run-autopay.js /srv/portal/portal.js
 *   *\/10 * * * * node …/run-autopay.js /srv/portal/portal.js --only reconcile
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Portal } from '../portal.js';
import { runBillingJobs, type RunOptions } from '../features/autopay/run.js';

function parseArgs(argv: string[]): { module: string; options: RunOptions } {
  const [module, ...rest] = argv;
  if (!module || module.startsWith('-')) throw new Error('Usage: run-autopay <portal-module> [--at <ISO time>] [--only autopay|reconcile]');
  const options: RunOptions = {};
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    const value = rest[++i];
    if (flag === '--at' && value && !Number.isNaN(Date.parse(value))) options.at = Date.parse(value);
    else if (flag === '--only' && (value === 'autopay' || value === 'reconcile')) options.only = value;
    else throw new Error(`Unknown or incomplete option ${flag}: use --at <ISO time> or --only autopay|reconcile.`);
  }
  return { module, options };
}

async function main(): Promise<void> {
  const { module, options } = parseArgs(process.argv.slice(2));
  const loaded = (await import(pathToFileURL(resolve(module)).href)) as { portal?: unknown; default?: unknown };
  const portal = (loaded.portal ?? loaded.default) as Portal | undefined;
  if (!portal || typeof portal !== 'object' || !('jobs' in portal)) throw new Error(`${module} must export the portal (createPortal(...)) as \`portal\` or as its default export.`);
  console.log(JSON.stringify(await runBillingJobs(portal, options), null, 2));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
