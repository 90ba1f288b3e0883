import { newId, type Actor, type AuditAction, type AuditEntry } from '@porchlight/core';
import type { Deps } from '../context.js';
import { keys } from '../store/keys.js';

/**
 * The audit log: append-only entries, one key each, written with insert-if-absent so an
 * entry is never overwritten. Ids are time-ordered, so listing the account's prefix in
 * reverse gives newest first.
 */
export async function audit(
  deps: Deps,
  entry: { dealerId: string; accountId: string | null; action: AuditAction; actor: Actor; summary: string; target?: AuditEntry['target']; details?: Record<string, unknown>; clientAddress?: string | undefined },
): Promise<AuditEntry> {
  const now = deps.now();
  const record: AuditEntry = {
    id: newId(now),
    at: new Date(now).toISOString(),
    dealerId: entry.dealerId,
    accountId: entry.accountId,
    action: entry.action,
    actor: entry.actor,
    summary: entry.summary,
    ...(entry.target ? { target: entry.target } : {}),
    ...(entry.details ? { details: entry.details } : {}),
    ...(entry.clientAddress ? { clientAddress: entry.clientAddress } : {}),
  };
  await deps.store.put(keys.audit(entry.dealerId, entry.accountId, record.id), record, { ifVersion: null });
  return record;
}

export async function listAudit(deps: Deps, dealerId: string, accountId: string | null, page: { limit?: number | undefined; cursor?: string | undefined }) {
  const result = await deps.store.list<AuditEntry>(keys.audits(dealerId, accountId), { limit: page.limit ?? 50, cursor: page.cursor ?? null, reverse: true });
  return { items: result.items.map((i) => i.value), cursor: result.cursor };
}

/**
 * Records a refused attempt ('access.denied'), at most once a minute for the same person and
 * the same attempt, so a script repeating a refused request cannot flood the log.
 */
export async function auditDenied(
  deps: Deps,
  entry: { dealerId: string; accountId: string; actor: Actor; summary: string; details?: Record<string, unknown>; clientAddress?: string | undefined },
): Promise<void> {
  const who = entry.actor.userId ?? entry.actor.adminId ?? entry.actor.name;
  const seen = await deps.store.increment(keys.rateLimit('denied', `${entry.dealerId}:${entry.accountId}:${who}:${entry.actor.kind}:${entry.summary}`), { ttl: 60 });
  if (seen === 1) await audit(deps, { ...entry, action: 'access.denied' });
}
