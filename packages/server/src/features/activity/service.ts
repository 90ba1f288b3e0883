import { ACTIVITY_KINDS, PorchlightError, StoreKeyError, type ActivityEntry, type ActivityKind, type ActivityPage, type AuditEntry } from '@porchlight/core';
import type { Deps } from '../../context.js';
import { keys } from '../../store/keys.js';

/** The most audit entries one request looks at, however few of them match the filters. */
export const ACTIVITY_SCAN_LIMIT = 1000;

export interface ActivityFilter {
  /** Only what this user did (actor.userId; a dealer admin emulating them included). */
  person?: string | undefined;
  kind?: ActivityKind | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** What the account's manager sees of an audit entry: no address, no details. */
export function toActivityEntry(e: AuditEntry): ActivityEntry {
  return { id: e.id, at: e.at, action: e.action, actor: e.actor, summary: e.summary, ...(e.target ? { target: e.target } : {}) };
}

function matcher(filter: ActivityFilter): (e: AuditEntry) => boolean {
  const prefixes: readonly string[] | undefined = filter.kind ? ACTIVITY_KINDS[filter.kind] : undefined;
  return (e) => (filter.person === undefined || e.actor.userId === filter.person) && (prefixes === undefined || prefixes.some((p) => e.action.startsWith(p)));
}

/**
 * The account's audit trail, newest first, filtered by person and kind. The log has no index
 * for these filters, so this scans it (newest first) and keeps what matches, looking at no more
 * than `scanLimit` entries per request. Each store page asks for at most as many entries as
 * are still wanted, so the scan always stops at a page boundary and the store's cursor resumes
 * exactly there: a page may hold fewer items than `limit` (even none) with a non-null cursor
 * when the scan budget ran out; `cursor` is null only at the end of the log.
 */
export async function listActivity(deps: Deps, dealerId: string, accountId: string, filter: ActivityFilter, scanLimit = ACTIVITY_SCAN_LIMIT): Promise<ActivityPage> {
  const limit = filter.limit ?? 50;
  const matches = matcher(filter);
  const items: ActivityEntry[] = [];
  let cursor: string | null = filter.cursor ?? null;
  let budget = scanLimit;
  do {
    const size = Math.min(limit - items.length, budget);
    let page;
    try {
      page = await deps.store.list<AuditEntry>(keys.audits(dealerId, accountId), { reverse: true, cursor, limit: size });
    } catch (error) {
      if (error instanceof StoreKeyError) {
        throw new PorchlightError('VALIDATION_FAILED', 'The cursor is not valid: pass the cursor of a previous page.', { fields: { cursor: 'Pass the cursor of a previous page.' } });
      }
      throw error;
    }
    budget -= page.items.length;
    for (const { value } of page.items) if (matches(value)) items.push(toActivityEntry(value));
    cursor = page.cursor;
    // An adapter may answer fewer than asked; a page of none with a cursor would loop for ever.
    if (page.items.length === 0) break;
  } while (cursor !== null && items.length < limit && budget > 0);
  return { items, cursor };
}
