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

/** Store pages the scan reads: large, because a filter may match few entries of each. */
const SCAN_PAGE = 200;

/**
 * The activity cursor: the store cursor of the page the scan stopped in (empty for the first
 * page) and how many entries of that page were already looked at.
 */
function encodeCursor(storeCursor: string | null, skip: number): string {
  return `${storeCursor ?? ''}.${skip}`;
}

function decodeCursor(cursor: string | undefined): { storeCursor: string | null; skip: number } {
  if (cursor === undefined) return { storeCursor: null, skip: 0 };
  const match = /^([A-Za-z0-9_-]*)\.(\d{1,3})$/.exec(cursor);
  if (!match || Number(match[2]) >= SCAN_PAGE) throw invalidCursor();
  return { storeCursor: match[1] || null, skip: Number(match[2]) };
}

const invalidCursor = () =>
  new PorchlightError('VALIDATION_FAILED', 'The cursor is not valid: pass the cursor of a previous page.', { fields: { cursor: 'Pass the cursor of a previous page.' } });

/**
 * The account's audit trail, newest first, filtered by person and kind. The log has no index
 * for these filters, so this scans it (newest first, in store pages of SCAN_PAGE) and keeps what
 * matches, looking at no more than `scanLimit` entries per request. The cursor remembers the
 * store page and the position in it, so the next request resumes exactly after the last entry
 * looked at: a page may hold fewer items than `limit` (even none) with a non-null cursor when
 * the scan budget ran out; `cursor` is null only at the end of the log.
 */
export async function listActivity(deps: Deps, dealerId: string, accountId: string, filter: ActivityFilter, scanLimit = ACTIVITY_SCAN_LIMIT): Promise<ActivityPage> {
  const limit = filter.limit ?? 50;
  const matches = matcher(filter);
  const items: ActivityEntry[] = [];
  let { storeCursor, skip } = decodeCursor(filter.cursor);
  let budget = scanLimit;
  for (;;) {
    let page;
    try {
      page = await deps.store.list<AuditEntry>(keys.audits(dealerId, accountId), { reverse: true, cursor: storeCursor, limit: SCAN_PAGE });
    } catch (error) {
      if (error instanceof StoreKeyError) throw invalidCursor();
      throw error;
    }
    let i = skip;
    for (; i < page.items.length && items.length < limit && budget > 0; i++, budget--) {
      const { value } = page.items[i]!;
      if (matches(value)) items.push(toActivityEntry(value));
    }
    if (i < page.items.length) return { items, cursor: encodeCursor(storeCursor, i) };
    // The page is used up: go on with the next one, or stop at the end of the log.
    if (page.cursor === null || page.items.length === 0) return { items, cursor: null };
    storeCursor = page.cursor;
    skip = 0;
    if (items.length >= limit || budget <= 0) return { items, cursor: encodeCursor(storeCursor, 0) };
  }
}
