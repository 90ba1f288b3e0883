import type { Portal } from '../../portal.js';

/** Which jobs, as of when. */
export interface RunOptions {
  at?: number | undefined;
  only?: 'autopay' | 'reconcile' | undefined;
}

/** Runs the jobs on `portal` and waits for their emails; the summary the CLI prints. */
export async function runBillingJobs(portal: Pick<Portal, 'jobs' | 'settled'>, options: RunOptions = {}) {
  const autopay = options.only === 'reconcile' ? null : await portal.jobs.runAutopay(options.at);
  const reconciled = options.only === 'autopay' ? null : await portal.jobs.reconcilePayments(options.at);
  await portal.settled();
  return { autopay, reconciled };
}

