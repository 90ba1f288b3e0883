import { PorchlightError, StoreConflictError, type Store } from '@porchlight/core';

/**
 * Read-modify-write of one record with compare-and-set, retried when someone else wrote first
 * (so two changes at once both land, neither overwrites the other). `change` gets the stored
 * value and answers the new one; it may throw to refuse. Answers the value before and after.
 */
export async function updateRecord<T>(store: Store, key: string, change: (current: T) => T, notFound: () => Error): Promise<{ before: T; after: T }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await store.get<T>(key);
    if (!current) throw notFound();
    const after = change(current.value);
    try {
      await store.put(key, after, { ifVersion: current.version });
      return { before: current.value, after };
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
    }
  }
  throw new PorchlightError('CONFLICT');
}

/**
 * Deletes one record if it is still as read (compare-and-set), and answers what it held: a
 * record changed or removed meanwhile is CONFLICT, a missing one `notFound()`.
 */
export async function deleteRecord<T>(store: Store, key: string, notFound: () => Error): Promise<T> {
  const current = await store.get<T>(key);
  if (!current) throw notFound();
  try {
    await store.delete(key, { ifVersion: current.version });
  } catch (error) {
    if (error instanceof StoreConflictError) throw new PorchlightError('CONFLICT');
    throw error;
  }
  return current.value;
}

/**
 * Claims a dealer's number (an invoice's, a proposal's) for `newId` at the index `indexKey`, or
 * learns the id that already has it: answers the id the number stands for.
 */
export async function claimNumber(store: Store, indexKey: string, number: string, newId: string): Promise<string> {
  try {
    await store.put(indexKey, { id: newId, number }, { ifVersion: null });
    return newId;
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
    const index = await store.get<{ id: string }>(indexKey);
    if (!index) throw new PorchlightError('CONFLICT');
    return index.value.id;
  }
}
