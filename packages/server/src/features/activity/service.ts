import { ACTIVITY_KINDS, scopeOfAction, type ActivityEntry, type ActivityKind, type ActivityPage, type AuditEntry, type GrantScope } from '@porchlight/core';
import type { Deps } from '../../context.js';
import { keys } from '../../store/keys.js';
import { scanFiltered } from '../../store/scan.js';

/** The most audit entries one request looks at, however few of them match the filters. */
export const ACTIVITY_SCAN_LIMIT = 1000;

export interface ActivityFilter {
  /** Only what this user did (actor.userId; a dealer admin emulating them included). */
  person?: string | undefined;
  kind?: ActivityKind | undefined;
  /**
   * The parts of the data the viewer's login is granted: entries about any other part
   * (scopeOfAction) are left out. Absent: every part.
   */
  grants?: readonly GrantScope[] | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** What the account's manager sees of an audit entry: no address, no details. */
export function toActivityEntry(e: AuditEntry): ActivityEntry {
  return { id: e.id, at: e.at, action: e.action, actor: e.actor, summary: e.summary, ...(e.target ? { target: e.target } : {}) };
}

function matcher(filter: ActivityFilter): (e: AuditEntry) => boolean {
  const prefixes: readonly string[] | undefined = filter.kind ? ACTIVITY_KINDS[filter.kind] : undefined;
  const { grants } = filter;
  const granted = (action: string) => {
    const scope = grants === undefined ? null : scopeOfAction(action);
    return scope === null || grants!.includes(scope);
  };
  return (e) =>
    (filter.person === undefined || e.actor.userId === filter.person) && (prefixes === undefined || prefixes.some((p) => e.action.startsWith(p))) && granted(e.action);
}

/**
 * The account's audit trail, newest first, filtered by person and kind, without what the
 * viewer's grants leave out. The log has no index for these filters, so this scans it (see
 * `scanFiltered`), looking at no more than `scanLimit` entries per request: a page may hold
 * fewer items than `limit` (even none) with a non-null cursor; `cursor` is null only at the
 * end of the log.
 */
export async function listActivity(deps: Deps, dealerId: string, accountId: string, filter: ActivityFilter, scanLimit = ACTIVITY_SCAN_LIMIT): Promise<ActivityPage> {
  const matches = matcher(filter);
  return scanFiltered<AuditEntry, AuditEntry, ActivityEntry>(deps.store, keys.audits(dealerId, accountId), {
    reverse: true,
    limit: filter.limit ?? 50,
    budget: scanLimit,
    cursor: filter.cursor,
    pick: (e) => (matches(e) ? toActivityEntry(e) : undefined),
  });
}
