import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { PorchlightError, StoreConflictError, type ProposalEvent } from '@porchlight/core';
import type { Deps } from '../../context.js';
import { keys } from '../../store/keys.js';

/**
 * A proposal's evidence chain: append-only events (issued, viewed, consented, signed, rejected,
 * withdrawn), one insert-only key each, numbered 1, 2, 3 … Each event carries the hash of the
 * one before (`prevHash`; 64 zeros for the first) and its own `hash`, the SHA-256 of the
 * canonical JSON of all its other fields. Changing, removing or reordering any event breaks
 * every hash after it; `verifyChain` recomputes them.
 *
 * Appending writes sequence number n+1 with insert-if-absent: two appends at once cannot both
 * take the same place, so the chain never forks (the loser reads the new head and tries again).
 */

export const GENESIS_HASH = '0'.repeat(64);
const encoder = new TextEncoder();

export const sha256Hex = (bytes: Uint8Array) => encodeHexLowerCase(sha256(bytes));
export const textSha256 = (text: string) => sha256Hex(encoder.encode(text));

/**
 * JSON with object keys sorted (by UTF-16 code units) at every depth, no whitespace, undefined
 * members left out: the same value always gives the same text (as RFC 8785 does for the values
 * used here: strings, integers, booleans, null, arrays, objects).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonicalJson: numbers must be finite.');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`canonicalJson: cannot encode a ${typeof value}.`);
}

/** The hash an event must have: SHA-256 of the canonical JSON of everything but `hash`. */
export function eventHash(event: Omit<ProposalEvent, 'hash'> & { hash?: string }): string {
  const { hash: _ignored, ...rest } = event;
  return textSha256(canonicalJson(rest));
}

export interface ChainRef {
  dealerId: string;
  accountId: string;
  proposalId: string;
}

/** What the caller says about a new event; the chain adds where it goes, when, and the hashes. */
export type NewEvent = Pick<ProposalEvent, 'type' | 'version' | 'documentSha256' | 'actor' | 'clientAddress' | 'userAgent' | 'data'>;

/** Every event of the chain, oldest first. */
export async function readChain(deps: Deps, ref: ChainRef): Promise<ProposalEvent[]> {
  const out: ProposalEvent[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof deps.store.list<ProposalEvent>>> = await deps.store.list<ProposalEvent>(keys.proposalEvents(ref.dealerId, ref.accountId, ref.proposalId), { limit: 1000, cursor });
    for (const item of page.items) out.push(item.value);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

/**
 * Appends the event `build` makes from the chain as it is (null: nothing to add, e.g. the same
 * view was recorded already). Answers the event written, or null.
 */
export async function appendEvent(deps: Deps, ref: ChainRef, build: (chain: ProposalEvent[]) => NewEvent | null): Promise<ProposalEvent | null> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const chain = await readChain(deps, ref);
    const body = build(chain);
    if (!body) return null;
    const head = chain.at(-1);
    const unhashed: Omit<ProposalEvent, 'hash'> = {
      seq: (head?.seq ?? 0) + 1,
      type: body.type,
      at: new Date(deps.now()).toISOString(),
      dealerId: ref.dealerId,
      accountId: ref.accountId,
      proposalId: ref.proposalId,
      version: body.version,
      documentSha256: body.documentSha256,
      actor: body.actor,
      clientAddress: body.clientAddress,
      userAgent: body.userAgent,
      data: body.data,
      prevHash: head?.hash ?? GENESIS_HASH,
    };
    const event: ProposalEvent = { ...unhashed, hash: eventHash(unhashed) };
    try {
      await deps.store.put(keys.proposalEvent(ref.dealerId, ref.accountId, ref.proposalId, event.seq), event, { ifVersion: null });
      return event;
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
    }
  }
  throw new PorchlightError('CONFLICT', 'Too many changes to this proposal at once. Try again.');
}

export interface ChainCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** Recomputes the chain: numbering, links, hashes, and that every event belongs to this proposal. */
export function verifyChain(events: readonly ProposalEvent[], ref: ChainRef): ChainCheck[] {
  const problems: string[] = [];
  let prev = GENESIS_HASH;
  events.forEach((e, i) => {
    if (e.seq !== i + 1) problems.push(`event ${i + 1} is numbered ${e.seq}`);
    if (e.prevHash !== prev) problems.push(`event ${e.seq} does not link to the event before it`);
    if (eventHash(e) !== e.hash) problems.push(`event ${e.seq} (${e.type}) does not match its hash: it was changed after it was written`);
    if (e.dealerId !== ref.dealerId || e.accountId !== ref.accountId || e.proposalId !== ref.proposalId) problems.push(`event ${e.seq} belongs to another proposal`);
    prev = e.hash;
  });
  return [
    {
      name: 'chain',
      ok: problems.length === 0 && events.length > 0,
      detail: events.length === 0 ? 'The chain has no events.' : problems.length ? problems.join('; ') : `${events.length} events, numbered in order; each links to the one before and matches its hash.`,
    },
  ];
}
