import { newId, PorchlightError, StoreKeyError, type SyncEvent } from '@porchlight/core';
import type { Deps } from '../../context.js';
import { keys } from '../../store/keys.js';

/** An event as a feature hands it in: everything but the id and moment the feed gives it. */
export type NewSyncEvent = SyncEvent extends infer E ? (E extends SyncEvent ? Omit<E, 'id' | 'at'> : never) : never;

/**
 * The dealer's events feed: what changed in the portal that the dealer's own systems should
 * pick up (clients' contact changes, work orders …). Append-only, one key per event with a
 * time-ordered id, so listing the dealer's prefix gives the oldest first. Once stored, the
 * event also goes to the portal's `onEvent` hook (in the background; see `Deps.publishEvent`).
 */
export async function appendEvent(deps: Deps, dealerId: string, event: NewSyncEvent): Promise<SyncEvent> {
  const now = deps.now();
  const record = { id: newId(now), at: new Date(now).toISOString(), ...event } as SyncEvent;
  await deps.store.put(keys.event(dealerId, record.id), record, { ifVersion: null });
  deps.publishEvent?.(dealerId, record);
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
