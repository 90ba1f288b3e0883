import * as v from 'valibot';
import {
  MAX_PORTAL_MESSAGES,
  newId,
  PorchlightError,
  StoreConflictError,
  type Actor,
  type AdminMessage,
  type AdminMessagePage,
  type CreateMessageRequest,
  type Message,
  type MessageKind,
  type PortalMessage,
  type UpdateMessageRequest,
} from '@porchlight/core';
import type { Deps } from '../../context.js';
import { audit } from '../../audit/audit.js';
import { keys } from '../../store/keys.js';
import { deleteRecord, updateRecord } from '../../store/update.js';
import { portalActor } from '../../sessions/sessions.js';

export type CreateMessageInput = v.InferOutput<typeof CreateMessageRequest>;
export type UpdateMessageInput = v.InferOutput<typeof UpdateMessageRequest>;

/** The key scope of broadcast news (account ids never look like this). */
export const BROADCAST = '_all';

/** Who acts in the back office, for which dealer. */
export interface AdminScope {
  dealerId: string;
  actor: Actor;
  clientAddress?: string | undefined;
}

/** Which messages one user reads: the ids they have opened, pruned to messages still shown. */
interface ReadState {
  ids: string[];
}

const iso = (deps: Deps) => new Date(deps.now()).toISOString();
const scopeOf = (m: Pick<Message, 'accountId'>) => m.accountId ?? BROADCAST;
const kindOf = (m: Pick<Message, 'accountId'>): MessageKind => (m.accountId ? 'private' : 'broadcast');

/** Shown until (not including) its valid-until, by the server's clock. */
export function isShown(m: Pick<Message, 'validUntil'>, now: number): boolean {
  return m.validUntil === null || Date.parse(m.validUntil) > now;
}

const notFound = () => new PorchlightError('NOT_FOUND', 'No such message.');
const pastValidUntil = () =>
  new PorchlightError('VALIDATION_FAILED', '"Valid until" is in the past: the message would never be shown.', {
    fields: { validUntil: 'Choose a moment in the future, or leave it empty for no end.' },
  });

function toAdmin(m: Message, now: number): AdminMessage {
  return { ...m, kind: kindOf(m), expired: !isShown(m, now) };
}

// ---- back office ------------------------------------------------------------------------

/** Adds a message: to one account (`accountId`, checked by the caller) or to all (`null`). */
export async function createMessage(deps: Deps, scope: AdminScope, accountId: string | null, input: CreateMessageInput): Promise<AdminMessage> {
  const now = deps.now();
  const validUntil = input.validUntil ?? null;
  if (validUntil !== null && Date.parse(validUntil) <= now) throw pastValidUntil();
  const at = iso(deps);
  const message: Message = {
    id: newId(now),
    dealerId: scope.dealerId,
    accountId,
    title: input.title,
    body: input.body,
    addedAt: at,
    addedBy: scope.actor,
    validUntil,
    importance: input.importance ?? 'normal',
    updatedAt: at,
    updatedBy: scope.actor,
  };
  await deps.store.put(keys.messageScope(scope.dealerId, message.id), { accountId: message.accountId }, { ifVersion: null });
  await deps.store.put(keys.message(scope.dealerId, scopeOf(message), message.id), message, { ifVersion: null });
  await audit(deps, {
    dealerId: scope.dealerId,
    accountId,
    action: 'message.created',
    actor: scope.actor,
    summary: `${scope.actor.name} added the ${accountId ? 'message' : 'news for all accounts'} "${message.title}"${validUntil ? ` (shown until ${validUntil})` : ''}`,
    target: { type: 'message', id: message.id },
    clientAddress: scope.clientAddress,
  });
  return toAdmin(message, now);
}

/** One scope's messages, newest first (expired ones too, flagged), paged. */
export async function listAdminMessages(deps: Deps, dealerId: string, accountId: string | null, page: { limit?: number | undefined; cursor?: string | undefined }): Promise<AdminMessagePage> {
  const result = await deps.store.list<Message>(keys.messages(dealerId, accountId ?? BROADCAST), { limit: page.limit ?? 50, cursor: page.cursor ?? null, reverse: true });
  const now = deps.now();
  return { items: result.items.map((i) => toAdmin(i.value, now)), cursor: result.cursor };
}

/**
 * Finds a message by id: a private message of `accountId` when given, else broadcast news.
 * (Found by id through the message-scope index; an `?accountId=` given must match.)
 */
/** The key of a message of this dealer, found by id (`accountId`, when given, must match). */
async function locate(deps: Deps, dealerId: string, messageId: string, accountId: string | undefined): Promise<string> {
  const index = await deps.store.get<{ accountId: string | null }>(keys.messageScope(dealerId, messageId));
  const owner = index ? index.value.accountId : accountId;
  if (!index && accountId === undefined) throw notFound();
  if (accountId !== undefined && owner !== accountId) throw notFound();
  const key = keys.message(dealerId, owner ?? BROADCAST, messageId);
  if (await deps.store.get(key)) return key;
  throw notFound();
}

const FIELDS = ['title', 'body', 'validUntil', 'importance'] as const;

export async function updateMessage(deps: Deps, scope: AdminScope, messageId: string, accountId: string | undefined, input: UpdateMessageInput): Promise<AdminMessage> {
  const key = await locate(deps, scope.dealerId, messageId, accountId);
  const { before, after } = await updateRecord<Message>(
    deps.store,
    key,
    (m) => ({
      ...m,
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.body !== undefined ? { body: input.body } : {}),
      ...(input.validUntil !== undefined ? { validUntil: input.validUntil } : {}),
      ...(input.importance !== undefined ? { importance: input.importance } : {}),
      updatedAt: iso(deps),
      updatedBy: scope.actor,
    }),
    notFound,
  );
  const changed = FIELDS.filter((f) => before[f] !== after[f]);
  await audit(deps, {
    dealerId: scope.dealerId,
    accountId: after.accountId,
    action: 'message.updated',
    actor: scope.actor,
    summary: `${scope.actor.name} changed ${changed.length ? changed.join(', ') : 'nothing'} of the message "${after.title}"`,
    target: { type: 'message', id: messageId },
    // The body can be long: say that it changed, not what it was.
    details: Object.fromEntries(changed.map((f) => [f, f === 'body' ? { changed: true } : { from: before[f], to: after[f] }])),
    clientAddress: scope.clientAddress,
  });
  return toAdmin(after, deps.now());
}

export async function deleteMessage(deps: Deps, scope: AdminScope, messageId: string, accountId: string | undefined): Promise<{ ok: true }> {
  const key = await locate(deps, scope.dealerId, messageId, accountId);
  const deleted = await deleteRecord<Message>(deps.store, key, notFound);
  await deps.store.delete(keys.messageScope(scope.dealerId, messageId)).catch(() => undefined);
  await audit(deps, {
    dealerId: scope.dealerId,
    accountId: deleted.accountId,
    action: 'message.deleted',
    actor: scope.actor,
    summary: `${scope.actor.name} deleted the message "${deleted.title}"`,
    target: { type: 'message', id: messageId },
    details: { title: deleted.title, kind: kindOf(deleted) },
    clientAddress: scope.clientAddress,
  });
  return { ok: true };
}

// ---- portal -----------------------------------------------------------------------------

/** Items a scope's scan reads per page while looking for messages still shown. */
const SCAN_PAGE = 200;

/** A scope's messages still shown, newest first, at most MAX_PORTAL_MESSAGES. */
async function shownIn(deps: Deps, dealerId: string, scope: string, now: number): Promise<Message[]> {
  const out: Message[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof deps.store.list<Message>>> = await deps.store.list<Message>(keys.messages(dealerId, scope), { limit: SCAN_PAGE, cursor, reverse: true });
    for (const { value } of page.items) {
      if (isShown(value, now)) out.push(value);
      if (out.length >= MAX_PORTAL_MESSAGES) return out;
    }
    cursor = page.cursor;
  } while (cursor);
  return out;
}

/** What the account sees: its private messages and the dealer's news, still valid, newest first. */
export async function visibleMessages(deps: Deps, dealerId: string, accountId: string): Promise<Message[]> {
  const now = deps.now();
  const [own, news] = await Promise.all([shownIn(deps, dealerId, accountId, now), shownIn(deps, dealerId, BROADCAST, now)]);
  return [...own, ...news].sort((a, b) => b.id.localeCompare(a.id)).slice(0, MAX_PORTAL_MESSAGES);
}

export async function listPortalMessages(deps: Deps, dealerId: string, accountId: string, userId: string): Promise<PortalMessage[]> {
  const [messages, reads] = await Promise.all([visibleMessages(deps, dealerId, accountId), deps.store.get<ReadState>(keys.messageReads(dealerId, accountId, userId))]);
  const read = new Set(reads?.value.ids ?? []);
  return messages.map((m) => ({
    id: m.id,
    kind: kindOf(m),
    title: m.title,
    body: m.body,
    addedAt: m.addedAt,
    addedBy: portalActor(m.addedBy),
    validUntil: m.validUntil,
    importance: m.importance,
    read: read.has(m.id),
  }));
}

/**
 * Marks a message read for one user (idempotent). The user's read state keeps only ids of
 * messages still shown, so it stays as small as the list. Compare-and-set, retried.
 */
export async function markRead(deps: Deps, dealerId: string, accountId: string, userId: string, messageId: string): Promise<{ ok: true }> {
  const shown = new Set((await visibleMessages(deps, dealerId, accountId)).map((m) => m.id));
  if (!shown.has(messageId)) throw notFound();
  const key = keys.messageReads(dealerId, accountId, userId);
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.store.get<ReadState>(key);
    const before = current?.value.ids ?? [];
    const ids = [...before.filter((id) => shown.has(id) && id !== messageId), messageId];
    if (before.includes(messageId) && ids.length === before.length) return { ok: true };
    try {
      await deps.store.put<ReadState>(key, { ids }, { ifVersion: current ? current.version : null });
      return { ok: true };
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
    }
  }
  throw new PorchlightError('CONFLICT');
}
