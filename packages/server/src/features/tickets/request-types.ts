import { checkRequestTypes, PorchlightError, StoreConflictError, type Actor, type RequestType, type RequestTypeList } from '@porchlight/core';
import type { Deps } from '../../context.js';
import { audit } from '../../audit/audit.js';
import { keys } from '../../store/keys.js';

/**
 * The request types ("nature of your request") a dealer offers, each with its form. Stored as
 * one record per dealer; a dealer that never saved any gets DEFAULT_REQUEST_TYPES.
 */
interface RequestTypesRecord {
  items: RequestType[];
  updatedAt: string;
  updatedBy: Actor;
}

/** What a dealer offers until it saves its own request types. */
export const DEFAULT_REQUEST_TYPES: readonly RequestType[] = [
  {
    id: 'general',
    label: 'General question',
    active: true,
    fields: [{ id: 'details', label: 'Details', kind: 'long-text', required: true }],
  },
  {
    id: 'repair',
    label: 'Repair or service problem',
    description: 'Something on your system does not work as it should.',
    active: true,
    fields: [
      { id: 'system', label: 'Which system?', kind: 'choice', required: true, options: ['Intrusion alarm', 'Fire alarm', 'Video cameras', 'Access control', 'Other'] },
      { id: 'started', label: 'When did it start?', kind: 'date', required: false },
      { id: 'description', label: 'Describe the problem', kind: 'long-text', required: true },
      { id: 'photos', label: 'Photos', kind: 'file', required: false, help: 'Photos of the keypad or device help us come prepared.' },
    ],
  },
];

/** The dealer's request types (inactive ones too), or the defaults. */
export async function getRequestTypes(deps: Deps, dealerId: string): Promise<RequestType[]> {
  const found = await deps.store.get<RequestTypesRecord>(keys.requestTypes(dealerId));
  return structuredClone(found ? found.value.items : [...DEFAULT_REQUEST_TYPES]);
}

/** The types offered for new tickets. */
export async function activeRequestTypes(deps: Deps, dealerId: string): Promise<RequestType[]> {
  return (await getRequestTypes(deps, dealerId)).filter((t) => t.active);
}

/**
 * Replaces the dealer's request types (already valid for the schema; `checkRequestTypes` runs
 * here: unique ids, choices with options …, errors by field path). Compare-and-set against the
 * version read, so the audit's "what changed" is exact; audited in the dealer's trail.
 */
export async function saveRequestTypes(deps: Deps, scope: { dealerId: string; actor: Actor; clientAddress?: string | undefined }, input: RequestTypeList): Promise<RequestTypeList> {
  const items = input.items as RequestType[];
  const errors = checkRequestTypes(items);
  if (Object.keys(errors).length) throw new PorchlightError('VALIDATION_FAILED', undefined, { fields: errors });
  const key = keys.requestTypes(scope.dealerId);
  const current = await deps.store.get<RequestTypesRecord>(key);
  const before = current ? current.value.items : [...DEFAULT_REQUEST_TYPES];
  const record: RequestTypesRecord = { items, updatedAt: new Date(deps.now()).toISOString(), updatedBy: scope.actor };
  try {
    await deps.store.put(key, record, { ifVersion: current ? current.version : null });
  } catch (error) {
    if (error instanceof StoreConflictError) throw new PorchlightError('CONFLICT', 'Someone else saved the request types at the same time. Reload them and try again.');
    throw error;
  }
  const ids = (list: readonly RequestType[]) => new Map(list.map((t) => [t.id, t]));
  const [was, now] = [ids(before), ids(items)];
  const added = items.filter((t) => !was.has(t.id)).map((t) => t.id);
  const removed = before.filter((t) => !now.has(t.id)).map((t) => t.id);
  const changed = items.filter((t) => was.has(t.id) && JSON.stringify(was.get(t.id)) !== JSON.stringify(t)).map((t) => t.id);
  const parts = [added.length && `added ${added.join(', ')}`, removed.length && `removed ${removed.join(', ')}`, changed.length && `changed ${changed.join(', ')}`].filter(Boolean);
  await audit(deps, {
    dealerId: scope.dealerId,
    accountId: null,
    action: 'request-types.updated',
    actor: scope.actor,
    summary: `${scope.actor.name} saved the support request types${parts.length ? `: ${parts.join('; ')}` : ' (no change)'}`,
    details: { added, removed, changed, count: items.length },
    clientAddress: scope.clientAddress,
  });
  return { items: structuredClone(items) };
}
