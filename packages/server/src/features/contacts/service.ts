import * as v from 'valibot';
import { MAX_CONTACTS, newId, PorchlightError, type Actor, type Contact, type CreateContactRequest, type UpdateContactRequest } from '@porchlight/core';
import type { Deps } from '../../context.js';
import { audit } from '../../audit/audit.js';
import { keys } from '../../store/keys.js';
import { deleteRecord, updateRecord } from '../../store/update.js';
import { withLock } from '../../store/lock.js';

export type CreateContactInput = v.InferOutput<typeof CreateContactRequest>;
export type UpdateContactInput = v.InferOutput<typeof UpdateContactRequest>;

/** The account a request works on and who is acting. */
export interface ContactScope {
  dealerId: string;
  accountId: string;
  actor: Actor;
  clientAddress?: string | undefined;
}

const iso = (deps: Deps) => new Date(deps.now()).toISOString();
/** Empty text is no text. */
const orNull = (s: string | null | undefined) => (s ? s : null);
const MAX_PRIORITY = 99;

/** Call order first, then the order they were added. */
function byCallOrder(a: Contact, b: Contact): number {
  return a.priority - b.priority || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

async function readAll(deps: Deps, dealerId: string, accountId: string): Promise<Contact[]> {
  const out: Contact[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof deps.store.list<Contact>>> = await deps.store.list<Contact>(keys.contacts(dealerId, accountId), { limit: 500, cursor });
    out.push(...page.items.map((i) => i.value));
    cursor = page.cursor;
  } while (cursor);
  return out;
}

/** The emergency call list, in call order. */
export async function listContacts(deps: Deps, dealerId: string, accountId: string): Promise<Contact[]> {
  return (await readAll(deps, dealerId, accountId)).sort(byCallOrder);
}

/** Adds a contact (at most MAX_CONTACTS per account); without a priority it goes after the last. */
export async function createContact(deps: Deps, scope: ContactScope, input: CreateContactInput): Promise<Contact> {
  // Under the account's call-list lock, so two adds at the limit cannot both pass the count.
  return withLock(deps, keys.accountLock(scope.dealerId, scope.accountId, 'contacts'), () => insertContact(deps, scope, input));
}

async function insertContact(deps: Deps, scope: ContactScope, input: CreateContactInput): Promise<Contact> {
  const existing = await readAll(deps, scope.dealerId, scope.accountId);
  if (existing.length >= MAX_CONTACTS) {
    throw new PorchlightError('LIMIT_REACHED', `The call list holds at most ${MAX_CONTACTS} contacts. Remove one before adding another.`);
  }
  const last = existing.reduce((max, c) => Math.max(max, c.priority), 0);
  const now = iso(deps);
  const contact: Contact = {
    id: newId(deps.now()),
    accountId: scope.accountId,
    name: input.name,
    phone: input.phone,
    relation: orNull(input.relation),
    hasKeys: input.hasKeys ?? false,
    notes: orNull(input.notes),
    priority: input.priority ?? Math.min(last + 1, MAX_PRIORITY),
    createdAt: now,
    createdBy: scope.actor,
    updatedAt: now,
    updatedBy: scope.actor,
  };
  await deps.store.put(keys.contact(scope.dealerId, scope.accountId, contact.id), contact, { ifVersion: null });
  await audit(deps, {
    dealerId: scope.dealerId,
    accountId: scope.accountId,
    action: 'contact.created',
    actor: scope.actor,
    summary: `${scope.actor.name} added ${contact.name} to the call list (number ${contact.priority})`,
    target: { type: 'contact', id: contact.id },
    clientAddress: scope.clientAddress,
  });
  return contact;
}

const notFound = () => new PorchlightError('NOT_FOUND', 'No such contact in this account.');

/** Changes a contact: read, change, compare-and-set, retried when someone else wrote first. */
export async function updateContact(deps: Deps, scope: ContactScope, contactId: string, input: UpdateContactInput): Promise<Contact> {
  const key = keys.contact(scope.dealerId, scope.accountId, contactId);
  const { before, after: next } = await updateRecord<Contact>(
    deps.store,
    key,
    (before) => ({
      ...before,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      ...(input.relation !== undefined ? { relation: orNull(input.relation) } : {}),
      ...(input.hasKeys !== undefined ? { hasKeys: input.hasKeys } : {}),
      ...(input.notes !== undefined ? { notes: orNull(input.notes) } : {}),
      ...(input.priority !== undefined ? { priority: input.priority } : {}),
      updatedAt: iso(deps),
      updatedBy: scope.actor,
    }),
    notFound,
  );
  const fields = (['name', 'phone', 'relation', 'hasKeys', 'notes', 'priority'] as const).filter((f) => before[f] !== next[f]);
  await audit(deps, {
    dealerId: scope.dealerId,
    accountId: scope.accountId,
    action: 'contact.updated',
    actor: scope.actor,
    summary: `${scope.actor.name} changed ${fields.length ? fields.join(', ') : 'nothing'} of ${next.name} on the call list`,
    target: { type: 'contact', id: contactId },
    details: Object.fromEntries(fields.map((f) => [f, { from: before[f], to: next[f] }])),
    clientAddress: scope.clientAddress,
  });
  return next;
}

export async function deleteContact(deps: Deps, scope: ContactScope, contactId: string): Promise<{ ok: true }> {
  const key = keys.contact(scope.dealerId, scope.accountId, contactId);
  // Changed or removed meanwhile: someone else got there first (CONFLICT).
  const deleted = await deleteRecord<Contact>(deps.store, key, notFound);
  await audit(deps, {
    dealerId: scope.dealerId,
    accountId: scope.accountId,
    action: 'contact.deleted',
    actor: scope.actor,
    summary: `${scope.actor.name} removed ${deleted.name} from the call list`,
    target: { type: 'contact', id: contactId },
    details: { name: deleted.name, phone: deleted.phone },
    clientAddress: scope.clientAddress,
  });
  return { ok: true };
}
