import { PorchlightError, StoreKeyError, type ListedItem, type Store } from '@porchlight/core';

/** Store pages a filtered scan reads: large, because a filter may match few entries of each. */
export const SCAN_PAGE = 200;

export interface ScanOptions<T, U, R> {
  /** Items per answer. */
  limit: number;
  /** The most stored items one request looks at, however few of them match. */
  budget: number;
  /** A cursor from a previous answer, or undefined for the first page. */
  cursor: string | undefined;
  /** Highest key first (newest first with time-ordered ids). */
  reverse?: boolean;
  /** Items per store page (at most SCAN_PAGE: a cursor's position in its page is 0–SCAN_PAGE). */
  pageSize?: number;
  /**
   * Turns a store page into what `pick` looks at, one per item in the same order (e.g. follows
   * an index to the records; null for an index entry whose record is gone). Default: the values.
   */
  load?: (items: ListedItem<T>[]) => Promise<(U | null)[]>;
  /** The answer's item for a match, undefined to skip it. */
  pick: (value: U) => R | undefined;
}

const invalidCursor = () =>
  new PorchlightError('VALIDATION_FAILED', 'The cursor is not valid: pass the cursor of a previous page.', { fields: { cursor: 'Pass the cursor of a previous page.' } });

/**
 * The scan's cursor: the store cursor of the page the scan stopped in (empty for the first
 * page) and how many items of that page were already looked at.
 */
function encodeCursor(storeCursor: string | null, skip: number): string {
  return `${storeCursor ?? ''}.${skip}`;
}

function decodeCursor(cursor: string | undefined, pageSize: number): { storeCursor: string | null; skip: number } {
  if (cursor === undefined) return { storeCursor: null, skip: 0 };
  const match = /^([A-Za-z0-9_-]*)\.(\d{1,3})$/.exec(cursor);
  if (!match || Number(match[2]) >= pageSize) throw invalidCursor();
  return { storeCursor: match[1] || null, skip: Number(match[2]) };
}

/**
 * A filtered listing of a prefix that has no index for the filter: scans it in store pages and
 * keeps what `pick` answers, looking at no more than `budget` items per request. The cursor
 * remembers the store page and the position in it, so the next request resumes exactly after
 * the last item looked at: an answer may hold fewer items than `limit` (even none) with a
 * non-null cursor when the budget ran out; `cursor` is null only at the end of the prefix.
 * A cursor that is not one of ours is VALIDATION_FAILED (field `cursor`), never a 5xx.
 */
export async function scanFiltered<T, U = T, R = U>(store: Store, prefix: string, options: ScanOptions<T, U, R>): Promise<{ items: R[]; cursor: string | null }> {
  const pageSize = Math.min(options.pageSize ?? SCAN_PAGE, SCAN_PAGE);
  const load = options.load ?? (async (items: ListedItem<T>[]) => items.map((i) => i.value as unknown as U));
  const items: R[] = [];
  let { storeCursor, skip } = decodeCursor(options.cursor, pageSize);
  let budget = options.budget;
  for (;;) {
    let page;
    try {
      page = await store.list<T>(prefix, { reverse: options.reverse ?? false, cursor: storeCursor, limit: pageSize });
    } catch (error) {
      if (error instanceof StoreKeyError) throw invalidCursor();
      throw error;
    }
    const values = await load(page.items);
    let i = skip;
    for (; i < page.items.length && items.length < options.limit && budget > 0; i++, budget--) {
      const value = values[i];
      if (value === null || value === undefined) continue;
      const picked = options.pick(value);
      if (picked !== undefined) items.push(picked);
    }
    if (i < page.items.length) return { items, cursor: encodeCursor(storeCursor, i) };
    // The page is used up: go on with the next one, or stop at the end.
    if (page.cursor === null || page.items.length === 0) return { items, cursor: null };
    storeCursor = page.cursor;
    skip = 0;
    if (items.length >= options.limit || budget <= 0) return { items, cursor: encodeCursor(storeCursor, 0) };
  }
}
