/**
 * What the feature fakes of the back office (tickets, documents) share: accounts and logins with
 * real ids, and a role without one ability. Checking callers, bodies and raw-byte uploads is the
 * fake admin API's own (`api.authorize`, `checkBody`, `call.raw`, `adminActor`); files are
 * checked with testing/fake-files.ts.
 */
import type { AdminAbility } from '@porchlight/core';
import { fakeId } from '../../testing/fake-api.js';
import { fakeAccount, fakeUser, type FakeAdminApi } from './fake-admin-api.js';

// ---- accounts and logins with real ids ------------------------------------------------------
// The admin fake's seed ids ("acc_harbor", "usr_dana") do not pass core's Id schema, which the
// tickets query (accountId) and the documents upload (visibleTo) use: these fixtures have real ones.

/** Ids of the fixture accounts and their logins. */
export const ids = {
  cedar: fakeId('account:cedar-court'),
  willow: fakeId('account:willow-creek'),
  chris: fakeId('user:cedar:chris'),
  robin: fakeId('user:cedar:robin'),
  lee: fakeId('user:cedar:lee'),
  ana: fakeId('user:willow:ana'),
};

/**
 * Adds two accounts with real ids to the fake (once): Cedar Court Offices (manager Chris Baker,
 * office staff Robin Diaz, a disabled login Lee Park) and Willow Creek Clinic (manager Ana Silva).
 */
export function addFixtureAccounts(api: FakeAdminApi): void {
  if (api.accounts.some((a) => a.id === ids.cedar)) return;
  api.accounts.push(
    fakeAccount(ids.cedar, 'Cedar Court Offices', '5550177', { identifierSource: 'random' }),
    fakeAccount(ids.willow, 'Willow Creek Clinic', '5550188', { identifierSource: 'random' }),
  );
  api.users.set(ids.cedar, [
    fakeUser(ids.cedar, ids.chris, { name: 'Chris Baker', username: 'chris', role: 'manager' }),
    fakeUser(ids.cedar, ids.robin, { name: 'Robin Diaz', username: 'robin', role: 'staff' }),
    fakeUser(ids.cedar, ids.lee, { name: 'Lee Park', username: 'lee', role: 'staff', status: 'disabled' }),
  ]);
  api.users.set(ids.willow, [fakeUser(ids.willow, ids.ana, { name: 'Ana Silva', username: 'ana', role: 'manager' })]);
}

/**
 * Takes `ability` out of what the session answer says the signed-in person may do (the
 * element then behaves as for a role without it; the fake's routes still follow the role).
 * Install before mounting.
 */
export function withoutAbility(api: FakeAdminApi, ability: AdminAbility): void {
  const inner = api.fetch;
  api.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await inner(input, init);
    if (!/\/v1\/admin\/auth\/(session|login|password)$/.test(new URL(String(input), 'http://fake.test').pathname) || !response.ok) return response;
    const body = await response.json();
    body.staff.abilities = body.staff.abilities.filter((a: AdminAbility) => a !== ability);
    return new Response(JSON.stringify(body), { status: response.status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}
