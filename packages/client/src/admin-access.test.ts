import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PorchlightError } from '@porchlight/core';
import { adminAccessApi, type AccessLogin, type AccessRequest, type AccountPeople } from './index.js';
import { backOfficeApi, json, reply, type Answer } from './testing.js';

const backOffice = (answer: Answer) => backOfficeApi(adminAccessApi, answer);

const at = '2026-11-23T12:00:00.000Z';
const olivia = { kind: 'admin' as const, adminId: 'staff_1', name: 'admin Olivia Park' };
const system = { kind: 'system' as const, name: 'system' };

const login: AccessLogin = {
  user: {
    id: 'usr_1',
    accountId: 'acc_1',
    role: 'client',
    username: 'jamie@example.com',
    name: 'Jamie Fox',
    email: 'jamie@example.com',
    status: 'active',
    permissions: ['invoices.view'],
    grants: ['invoices', 'documents'],
    profileId: 'prf_1',
    mustChangePassword: false,
    lastLoginAt: null,
    disabledAt: null,
    disabledBy: null,
    createdAt: at,
    createdBy: system,
    updatedAt: at,
    updatedBy: system,
  },
  state: 'invited',
  activatedAt: null,
  invitation: { sentAt: at, expiresAt: '2026-11-25T12:00:00.000Z', credentials: 'link', sentBy: olivia },
  otherAccounts: [],
};

const request: AccessRequest = {
  id: 'req_1',
  status: 'pending',
  firstName: 'Jamie',
  lastName: 'Fox',
  email: 'jamie@example.com',
  phone: null,
  company: 'Harbor View',
  customerNumber: 'LA-1001',
  message: null,
  createdAt: at,
  decidedAt: null,
  decidedBy: null,
  accountId: null,
  userId: null,
  note: null,
};

test('people: GET the account\'s logins with the back-office session', async () => {
  const people: AccountPeople = { logins: [login], contacts: [{ contactId: 'ct_1', name: 'Kim Lee', phone: '555-0101' }], registrationKey: 'HV7Q-2K9M', registrationKeyUpdatedAt: at };
  const { api, seen } = backOffice(() => reply(people));
  assert.deepEqual(await api.people('acc_1'), people);
  assert.equal(seen[0]!.method, 'GET');
  assert.equal(seen[0]!.url, '/api/v1/admin/accounts/acc_1/access');
  assert.equal(seen[0]!.headers.authorization, 'Bearer adm.secret');
  assert.equal(seen[0]!.headers['porchlight-dealer'], 'lakeside');
  assert.equal(seen[0]!.body, undefined);
});

test('setup, update, send login email, revoke: paths, methods and bodies (ids encoded)', async () => {
  const { api, seen } = backOffice((s) =>
    s.method === 'DELETE' ? reply({ ok: true }) : s.url.endsWith('/login-email') ? reply({ ok: true, message: 'Sent.', kind: 'reset', expiresAt: at, login }) : reply(login, s.method === 'POST' ? 201 : 200),
  );
  const input = { name: 'Jamie Fox', email: 'jamie@example.com', grants: ['invoices' as const], sendLoginEmail: true, credentials: 'link' as const };
  assert.equal((await api.setup('acc_1', input)).user.id, 'usr_1');
  await api.update('acc_1', 'usr/1', { role: 'staff', grants: [] });
  const sent = await api.sendLoginEmail('acc_1', 'usr_1');
  assert.equal(sent.kind, 'reset');
  await api.sendLoginEmail('acc_1', 'usr_1', { credentials: 'temporary-password' });
  assert.deepEqual(await api.revoke('acc_1', 'usr_1'), { ok: true });

  assert.deepEqual(
    seen.map((s) => `${s.method} ${s.url}`),
    [
      'POST /api/v1/admin/accounts/acc_1/access',
      'PATCH /api/v1/admin/accounts/acc_1/access/usr%2F1',
      'POST /api/v1/admin/accounts/acc_1/access/usr_1/login-email',
      'POST /api/v1/admin/accounts/acc_1/access/usr_1/login-email',
      'DELETE /api/v1/admin/accounts/acc_1/access/usr_1',
    ],
  );
  assert.deepEqual(json(seen[0]!), input);
  assert.deepEqual(json(seen[1]!), { role: 'staff', grants: [] });
  assert.deepEqual(json(seen[2]!), {}, 'no body fields: the dealer\'s setting decides');
  assert.deepEqual(json(seen[3]!), { credentials: 'temporary-password' });
  assert.equal(seen[4]!.body, undefined);
  for (const s of seen.slice(0, 4)) assert.equal(s.headers['content-type'], 'application/json');
});

test('setRegistrationKey: a given key is sent; none rotates (an empty body)', async () => {
  const { api, seen } = backOffice(() => reply({ registrationKey: 'HV7Q-2K9M', registrationKeyUpdatedAt: at }));
  assert.deepEqual(await api.setRegistrationKey('acc_1', 'AB12-CD34'), { registrationKey: 'HV7Q-2K9M', registrationKeyUpdatedAt: at });
  await api.setRegistrationKey('acc_1');
  assert.equal(seen[0]!.url, '/api/v1/admin/accounts/acc_1/registration-key');
  assert.equal(seen[0]!.method, 'POST');
  assert.deepEqual(json(seen[0]!), { registrationKey: 'AB12-CD34' });
  assert.deepEqual(json(seen[1]!), {});
});

test('findProfiles: the email in the query, encoded', async () => {
  const { api, seen } = backOffice(() => reply({ items: [] }));
  assert.deepEqual(await api.findProfiles('dana+home@example.com'), { items: [] });
  const url = new URL(seen[0]!.url, 'http://x.test');
  assert.equal(url.pathname, '/api/v1/admin/login-profiles');
  assert.equal(url.searchParams.get('email'), 'dana+home@example.com');
  assert.equal(seen[0]!.url, '/api/v1/admin/login-profiles?email=dana%2Bhome%40example.com');
});

test('access requests: list with its query, one, approve, decline (a blank note is left out)', async () => {
  const { api, seen } = backOffice((s) =>
    s.url.includes('?') || s.url.endsWith('/access-requests') ? reply({ items: [request], cursor: null }) : reply({ ...request, status: s.url.endsWith('/approve') ? 'approved' : s.url.endsWith('/decline') ? 'declined' : 'pending' }),
  );
  assert.deepEqual((await api.accessRequests({ status: 'all', limit: 10, cursor: 'c.2' })).items, [request]);
  await api.accessRequests();
  assert.equal((await api.accessRequest('req_1')).status, 'pending');
  assert.equal((await api.approve('req_1', { accountId: 'acc_1', grants: ['invoices'], role: 'client' })).status, 'approved');
  assert.equal((await api.decline('req_1', { note: '  Not a customer.  ' })).status, 'declined');
  await api.decline('req_1', { note: '   ' });
  await api.decline('req_1');
  assert.deepEqual(
    seen.map((s) => `${s.method} ${s.url}`),
    [
      'GET /api/v1/admin/access-requests?status=all&limit=10&cursor=c.2',
      'GET /api/v1/admin/access-requests',
      'GET /api/v1/admin/access-requests/req_1',
      'POST /api/v1/admin/access-requests/req_1/approve',
      'POST /api/v1/admin/access-requests/req_1/decline',
      'POST /api/v1/admin/access-requests/req_1/decline',
      'POST /api/v1/admin/access-requests/req_1/decline',
    ],
  );
  assert.deepEqual(json(seen[3]!), { accountId: 'acc_1', grants: ['invoices'], role: 'client' });
  assert.deepEqual(json(seen[4]!), { note: 'Not a customer.' });
  assert.deepEqual(json(seen[5]!), {});
  assert.deepEqual(json(seen[6]!), {});
});

test('refusals come back as the server\'s errors, with their fields', async () => {
  const { api } = backOffice((s) =>
    s.method === 'DELETE'
      ? reply({ error: { code: 'LAST_MANAGER', message: 'An account needs at least one active manager. Make someone else a manager first.' } }, 409)
      : s.url.endsWith('/approve')
        ? reply({ error: { code: 'ACCESS_REQUEST_CLOSED', message: 'This access request was already approved or declined.' } }, 409)
        : reply({ error: { code: 'PROFILE_EMAIL_TAKEN', message: 'A login profile with this email address already exists.', fields: { email: 'A login profile with this email address already exists.' } } }, 409),
  );
  await assert.rejects(api.setup('acc_1', { name: 'Dana', email: 'dana@example.com' }), (error: unknown) => {
    assert.ok(error instanceof PorchlightError);
    assert.equal(error.code, 'PROFILE_EMAIL_TAKEN');
    assert.equal(error.status, 409);
    assert.deepEqual(error.fields, { email: 'A login profile with this email address already exists.' });
    return true;
  });
  await assert.rejects(api.revoke('acc_1', 'usr_1'), { code: 'LAST_MANAGER', status: 409 });
  await assert.rejects(api.approve('req_1', { accountId: 'acc_1' }), { code: 'ACCESS_REQUEST_CLOSED', status: 409 });
});
