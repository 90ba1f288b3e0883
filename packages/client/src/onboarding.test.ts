import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PorchlightError, type SessionResponse } from '@porchlight/core';
import { createClient, onboardingApi, type PorchlightClient, type SessionChange } from './index.js';
import { json, MemoryStorage, recorder, reply, type Answer } from './testing.js';

const now = '2026-01-01T00:00:00.000Z';
const actor = { kind: 'system' as const, name: 'system' };

function session(accountId: string, name: string, identifier: string, token?: string): SessionResponse {
  return {
    session: { ...(token ? { token } : {}), expiresAt: now, idleExpiresAt: now, mustChangePassword: false, emulatedBy: null },
    user: {
      id: `u-${accountId}`, accountId, role: 'client', username: 'dana@harborview.example', name: 'Dana Reyes', email: 'dana@harborview.example', status: 'active',
      permissions: ['invoices.view'], grants: ['invoices'], profileId: 'p1', mustChangePassword: false, lastLoginAt: null, disabledAt: null, disabledBy: null,
      createdAt: now, createdBy: actor, updatedAt: now, updatedBy: actor,
    },
    account: { id: accountId, name, identifier, customerNumber: null, permissions: ['invoices.view'] },
    dealer: { id: 'lakeside', name: 'Lakeside Alarm Co.', branding: {}, onboarding: { registration: true, requestAccess: true } },
    accounts: [
      { accountId: 'a1', name: 'Harbor View Condominiums', identifier: '5550100', role: 'client', current: accountId === 'a1' },
      { accountId: 'a2', name: 'Maple Court', identifier: '5550200', role: 'client', current: accountId === 'a2' },
    ],
  };
}

/** A client on a recording fetch (optionally signed in, optionally keeping its token in storage), with its session changes. */
function setup(answer: Answer, o: { token?: string; storage?: MemoryStorage } = {}) {
  const r = recorder(answer);
  const client = createClient({
    baseUrl: '/api',
    dealer: 'lakeside',
    fetch: r.fetch,
    ...(o.storage ? { persist: 'session-storage' as const, storage: o.storage, storageKey: 'k' } : {}),
  });
  if (o.token) client.setToken(o.token);
  const changes: SessionChange[] = [];
  client.onSessionChange((c) => changes.push(c));
  return { client, api: onboardingApi(client), seen: r.seen, changes };
}

const accepted = { ok: true, message: "If the details match our records, we've emailed you a link to choose your password." };

test('register, requestAccess, resendLoginEmail: POST the body to their routes without the session, answer the neutral 202', async () => {
  const { api, seen, changes } = setup(() => reply(accepted, 202), { token: 'old.secret' });
  const registration = { registrationKey: 'HV7K-2M9Q', customerNumber: 'LA-1001', zip: '02134', firstName: 'Dana', lastName: 'Reyes', phone: '555-010-0100', email: 'dana@harborview.example' };
  assert.deepEqual(await api.register(registration), accepted);
  assert.deepEqual(await api.requestAccess({ firstName: 'Pat', lastName: 'Doe', email: 'pat@example.com', company: 'Maple Court HOA' }), accepted);
  assert.deepEqual(await api.resendLoginEmail({ identifier: '5550100', email: 'dana@harborview.example' }), accepted);
  assert.deepEqual(
    seen.map((s) => `${s.method} ${s.url}`),
    ['POST /api/v1/register', 'POST /api/v1/access-requests', 'POST /api/v1/auth/activate/resend'],
  );
  assert.deepEqual(json(seen[0]!), registration);
  assert.deepEqual(json(seen[1]!), { firstName: 'Pat', lastName: 'Doe', email: 'pat@example.com', company: 'Maple Court HOA' });
  for (const s of seen) {
    assert.equal(s.headers.authorization, undefined, 'public routes: no token');
    assert.equal(s.headers['porchlight-dealer'], 'lakeside');
    assert.equal(s.headers['content-type'], 'application/json');
  }
  assert.equal(changes.length, 0, 'no session change');
});

test('onboarding errors come back as PorchlightError: ONBOARDING_DISABLED (a JSON 404), RATE_LIMITED with retryAfter, field errors', async () => {
  const answers = [
    reply({ error: { code: 'ONBOARDING_DISABLED', message: 'This portal does not offer this way in. Contact your provider.' } }, 404),
    new Response(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Too many attempts.' } }), { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '90' } }),
    reply({ error: { code: 'VALIDATION_FAILED', message: 'Some fields are missing or not valid.', fields: { zip: 'Enter a valid ZIP or postal code.' } } }, 400),
  ];
  const { api } = setup(() => answers.shift()!);
  const input = { registrationKey: 'k', customerNumber: 'c', zip: 'z', firstName: 'f', lastName: 'l', phone: 'p', email: 'e' };
  const e1 = await api.register(input).catch((e: unknown) => e);
  assert.ok(e1 instanceof PorchlightError);
  assert.equal(e1.code, 'ONBOARDING_DISABLED');
  assert.equal(e1.status, 404);
  const e2 = (await api.requestAccess({ firstName: 'a', lastName: 'b', email: 'c', company: 'd' }).catch((e: unknown) => e)) as PorchlightError;
  assert.equal(e2.code, 'RATE_LIMITED');
  assert.equal(e2.retryAfter, 90);
  const e3 = (await api.register(input).catch((e: unknown) => e)) as PorchlightError;
  assert.deepEqual(e3.fields, { zip: 'Enter a valid ZIP or postal code.' });
});

test('checkActivation: POSTs the token without the session, answers who the link is for', async () => {
  const info = { valid: true, expiresAt: now, name: 'Dana Reyes', username: 'dana@harborview.example', identifier: '5550100', accountName: 'Harbor View Condominiums', hasPassword: false };
  const { api, seen } = setup(() => reply(info), { token: 'old.secret' });
  assert.deepEqual(await api.checkActivation('abcdefghijklmnopqrstuvwxyz234567'), info);
  assert.equal(seen[0]!.url, '/api/v1/auth/activate/check');
  assert.deepEqual(json(seen[0]!), { token: 'abcdefghijklmnopqrstuvwxyz234567' });
  assert.equal(seen[0]!.headers.authorization, undefined);
});

test('activate signs the person in exactly like login: token kept (and stored), hidden from the answer, listeners told "login"', async () => {
  const storage = new MemoryStorage();
  const { client, api, seen, changes } = setup(
    (s) => (s.url.endsWith('/v1/auth/activate') ? reply(session('a1', 'Harbor View Condominiums', '5550100', 'new.secret')) : reply(session('a1', 'Harbor View Condominiums', '5550100'))),
    { storage },
  );
  assert.equal(client.mayHaveSession, false);
  const res = await api.activate('abcdefghijklmnopqrstuvwxyz234567', 'harbor view lanterns');
  assert.deepEqual(json(seen[0]!), { token: 'abcdefghijklmnopqrstuvwxyz234567', newPassword: 'harbor view lanterns' });
  assert.equal(seen[0]!.headers.authorization, undefined, 'the link is the credential, not an old session');
  assert.equal(client.token, 'new.secret');
  assert.equal(storage.map.get('k'), 'new.secret', 'kept where login keeps it');
  assert.equal('token' in res.session, false, 'the token stays inside the client');
  assert.deepEqual(changes.map((c) => c.reason), ['login']);
  assert.equal(changes[0]!.session?.account.name, 'Harbor View Condominiums');
  assert.equal('token' in changes[0]!.session!.session, false);

  await client.session();
  assert.equal(seen[1]!.headers.authorization, 'Bearer new.secret', 'the next call carries the new session');
});

test('activate with a used or expired link: INVALID_TOKEN, the current session is kept and nobody is told anything', async () => {
  const { client, api, changes } = setup(() => reply({ error: { code: 'INVALID_TOKEN', message: 'This link is not valid or has expired. Ask for a new one.' } }, 400), { token: 'kept.secret' });
  const error = (await api.activate('abcdefghijklmnopqrstuvwxyz234567', 'harbor view lanterns').catch((e: unknown) => e)) as PorchlightError;
  assert.equal(error.code, 'INVALID_TOKEN');
  assert.equal(client.token, 'kept.secret');
  assert.equal(changes.length, 0);
});

test('activate needs a client made by createClient (it shares login\'s way of keeping the session)', async () => {
  const fake = { request: async () => session('a1', 'x', '1', 't.s') } as unknown as PorchlightClient;
  await assert.rejects(onboardingApi(fake).activate('abcdefghijklmnopqrstuvwxyz234567', 'harbor view lanterns'), /createClient/);
});

test('switchAccount: POST { accountId } with the session, adopts the new token, listeners told "switched"', async () => {
  const { client, seen, changes } = setup(() => reply(session('a2', 'Maple Court', '5550200', 'switched.secret')), { token: 'first.secret' });
  const res = await client.switchAccount('a2');
  assert.equal(seen[0]!.method, 'POST');
  assert.equal(seen[0]!.url, '/api/v1/auth/switch');
  assert.deepEqual(json(seen[0]!), { accountId: 'a2' });
  assert.equal(seen[0]!.headers.authorization, 'Bearer first.secret');
  assert.equal(client.token, 'switched.secret');
  assert.equal('token' in res.session, false);
  assert.equal(res.account.name, 'Maple Court');
  assert.deepEqual(res.accounts.filter((a) => a.current).map((a) => a.accountId), ['a2']);
  assert.deepEqual(changes.map((c) => c.reason), ['switched']);
  assert.equal(changes[0]!.session?.account.id, 'a2');
});

test('switchAccount refused: the error comes back, the session stays; a session the server says is over is forgotten', async () => {
  const answers = [
    reply({ error: { code: 'NOT_FOUND', message: 'Not found.' } }, 404),
    reply({ error: { code: 'SESSION_EXPIRED', message: 'Your session has ended. Log in again.' } }, 401),
  ];
  const { client, changes } = setup(() => answers.shift()!, { token: 'first.secret' });
  const e1 = (await client.switchAccount('nope').catch((e: unknown) => e)) as PorchlightError;
  assert.equal(e1.code, 'NOT_FOUND');
  assert.equal(client.token, 'first.secret');
  assert.equal(changes.length, 0);
  const e2 = (await client.switchAccount('a2').catch((e: unknown) => e)) as PorchlightError;
  assert.equal(e2.code, 'SESSION_EXPIRED');
  assert.equal(client.token, null);
  assert.deepEqual(changes.map((c) => c.reason), ['expired']);
});
