import { newId, PorchlightError, StoreKeyError, type ContactChange, type SyncEvent } from '@porchlight/core';
import type { Deps } from '../../context.js';
import { keys } from '../../store/keys.js';

/**
 * The dealer's events feed: what changed in the portal that the dealer's own systems should
 * pick up (for now, clients' contact changes). Append-only, one key per event with a
 * time-ordered id, so listing the dealer's prefix gives the oldest first.
 */
export async function appendEvent(deps: Deps, dealerId: string, event: { type: SyncEvent['type']; accountId: string; userId: string; changes: ContactChange[] }): Promise<SyncEvent> {
  const now = deps.now();
  const record: SyncEvent = { id: newId(now), at: new Date(now).toISOString(), type: event.type, accountId: event.accountId, userId: event.userId, changes: event.changes };
  await deps.store.put(keys.event(dealerId, record.id), record, { ifVersion: null });
  return record;
}

/** A page of the feed, oldest first; `cursor` continues after the previous page (also after new events arrive). */
export async function listEvents(deps: Deps, dealerId: string, page: { limit?: number | undefined; cursor?: string | undefined }) {
  try {
    const result = await deps.store.list<SyncEvent>(keys.events(dealerId), { limit: page.limit ?? 100, cursor: page.cursor ?? null });
    return { items: result.items.map((i) => i.value), cursor: result.cursor };
  } catch (error) {
    if (error instanceof StoreKeyError) throw new PorchlightError('VALIDATION_FAILED', undefined, { fields: { cursor: 'Pass the cursor of the previous page.' } });
    throw error;
  }
}
