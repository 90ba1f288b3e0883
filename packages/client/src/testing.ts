// Test helpers for the client's node tests: a fetch that records every call, a token storage in memory. Not exported from
// the package index (nothing but the *.test.ts files imports it).
import { createAdminClient, type AdminClient } from './admin-client.js';
import { createClient, type PorchlightClient } from './client.js';
import type { TokenStorage } from './transport.js';

/** One recorded call: headers lower-cased, the body as it was handed to fetch. */
export interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: BodyInit | null | undefined;
}

export type Answer = (seen: Seen) => Response;

/** A fetch that answers with `answer` and records every call. */
export function recorder(answer: Answer) {
  const seen: Seen[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((init.headers ?? {}) as Record<string, string>)) headers[k.toLowerCase()] = v;
    const call: Seen = { url: String(input), method: init.method ?? 'GET', headers, body: init.body };
    seen.push(call);
    return answer(call);
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}

/** A signed-in portal client (dealer `lakeside`, token `usr.secret`) on a recording fetch, wrapped by `make`. */
export function portalApi<A>(make: (client: PorchlightClient) => A, answer: Answer) {
  const r = recorder(answer);
  const client = createClient({ baseUrl: '/api', dealer: 'lakeside', fetch: r.fetch });
  client.setToken('usr.secret');
  return { api: make(client), seen: r.seen };
}

/** A signed-in back-office client (dealer `lakeside`, token `adm.secret`) on a recording fetch, wrapped by `make`. */
export function backOfficeApi<A>(make: (admin: AdminClient) => A, answer: Answer) {
  const r = recorder(answer);
  const admin = createAdminClient({ baseUrl: '/api', dealer: 'lakeside', fetch: r.fetch });
  admin.setToken('adm.secret');
  return { api: make(admin), seen: r.seen };
}

/** A JSON response. */
export const reply = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The recorded call's body, parsed as JSON. */
export const json = (s: Seen) => JSON.parse(String(s.body));

/** A sessionStorage stand-in that keeps the token in a map. */
export class MemoryStorage implements TokenStorage {
  map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}
