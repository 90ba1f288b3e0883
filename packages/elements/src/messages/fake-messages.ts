/**
 * Test helper: portal messages on the fake API (through its `on` hook), answering
 * GET /v1/messages and POST /v1/messages/:messageId/read like the server (read state per token).
 */
import type { PortalMessage } from '@porchlight/client';
import { apiError, fakeId, json, type FakeApi, type FakeCall } from '../testing/fake-api.js';

export type FakeMessage = Partial<PortalMessage> & { title: string };

let seq = 0;

/** A message as the server sends it; `addedAt` defaults to a minute later than the previous one. */
export function fakeMessage(m: FakeMessage): PortalMessage {
  seq++;
  return {
    id: fakeId(`message:${m.title}:${seq}`),
    kind: 'broadcast',
    body: `${m.title}.`,
    addedAt: new Date(Date.parse('2026-01-01T00:00:00.000Z') + seq * 60_000).toISOString(),
    addedBy: { kind: 'admin', name: 'admin Pat Dispatcher' },
    validUntil: null,
    importance: 'normal',
    read: false,
    ...m,
  };
}

export interface FakeMessages {
  items: PortalMessage[];
  /** Ids marked read through the API. */
  readIds: string[];
}

/** Serves `messages` (newest first) and marks them read; returns the state to inspect. */
export function withMessages(api: FakeApi, messages: FakeMessage[]): FakeMessages {
  const state: FakeMessages = { items: messages.map(fakeMessage), readIds: [] };
  const signedIn = (call: FakeCall) => /^Bearer .+/.test(call.headers.authorization ?? '');
  api.on('GET /v1/messages', (call) => {
    if (!signedIn(call)) return apiError('UNAUTHENTICATED', 'Log in first.', 401);
    const items = [...state.items].sort((a, b) => b.addedAt.localeCompare(a.addedAt));
    return json({ items });
  });
  // The fake matches `on` patterns only for its own routes: register each message's path.
  const markRead = (id: string) => (call: FakeCall) => {
    if (!signedIn(call)) return apiError('UNAUTHENTICATED', 'Log in first.', 401);
    const found = state.items.find((m) => m.id === id);
    if (!found) return apiError('NOT_FOUND', 'No such message.', 404);
    found.read = true;
    if (!state.readIds.includes(id)) state.readIds.push(id);
    return json({ ok: true });
  };
  for (const m of state.items) api.on(readRoute(m.id), markRead(m.id));
  return state;
}

/** `POST /v1/messages/<id>/read`, for `api.on`, `api.callsTo` and `api.hold`. */
export function readRoute(id: string): string {
  return `POST /v1/messages/${id}/read`;
}
