import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routePath } from '@porchlight/core';
import { NEUTRAL_ACCESS_REQUEST_MESSAGE } from './access-requests.js';
import { A, activateFromMail, auditOf, code, customer, lastMailTo, mailsTo, onboardingKit, people, R, type Kit } from './test-kit.js';

const ROBIN = { firstName: 'Robin', lastName: 'Hale', email: 'robin@hale.example', phone: '555-010-0777', company: 'Hale Bakery', customerNumber: 'C-1001', message: 'I run the bakery on this account.' };

async function ask(kit: Kit, body: Record<string, unknown> = ROBIN, headers: Record<string, string> = {}) {
  const res = await kit.call('POST', R.accessRequests, body, headers);
  await kit.portal.settled();
  return res;
}

async function pending(kit: Kit) {
  const res = await kit.admin('GET', A.accessRequests);
  assert.equal(res.status, 200);
  return res.body.items as any[];
}

const approvePath = (requestId: string) => routePath(A.accessRequestApprove, { requestId });
const declinePath = (requestId: string) => routePath(A.accessRequestDecline, { requestId });

test('request access: stored, the dealer is emailed; approving sets up the login and emails it; activating signs the person in', async () => {
  const kit = onboardingKit({ settings: { notifyEmail: 'office@lakeside.example' } });
  const c = await customer(kit, { name: 'Hale Bakery' });
  const res = await ask(kit);
  assert.equal(res.status, 202);
  assert.deepEqual(res.body, { ok: true, message: NEUTRAL_ACCESS_REQUEST_MESSAGE });

  const [request] = await pending(kit);
  assert.equal(request.status, 'pending');
  assert.equal(request.email, ROBIN.email);
  assert.equal(request.company, 'Hale Bakery');
  assert.equal(request.customerNumber, 'C-1001');
  const notice = lastMailTo(kit, 'office@lakeside.example', 'access-request');
  assert.equal(notice.data.firstName, 'Robin');
  assert.deepEqual(notice.data.possibleAccounts, [{ name: 'Hale Bakery', identifier: c.identifier, customerNumber: 'C-1001' }]);
  assert.equal(notice.data.backOfficeUrl, 'https://www.lakeside.example/backoffice');
  assert.equal(mailsTo(kit, ROBIN.email).length, 0, 'nothing to the person yet');
  const dealerAudit = await auditOf(kit, null);
  assert.ok(dealerAudit.some((e) => e.action === 'access.requested' && e.accountId === null));

  const approved = await kit.admin('POST', approvePath(request.id), { accountId: c.id, grants: ['invoices', 'payments'] });
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  assert.equal(approved.body.status, 'approved');
  assert.equal(approved.body.accountId, c.id);
  assert.ok(approved.body.userId);
  assert.equal(approved.body.decidedBy.name, 'admin Pat Dispatcher');
  await kit.portal.settled();
  const [login] = (await people(kit, c.id)).logins;
  assert.equal(login.user.id, approved.body.userId);
  assert.equal(login.user.name, 'Robin Hale');
  assert.equal(login.user.role, 'client');
  assert.deepEqual(login.user.grants, ['invoices', 'payments']);
  assert.equal(login.state, 'invited');

  const signedIn = await activateFromMail(kit, ROBIN.email, 'login-invitation');
  assert.equal(signedIn.status, 200);
  assert.equal(signedIn.body.account.id, c.id);
  assert.ok((await auditOf(kit, null)).some((e) => e.action === 'access.request-approved'));
  assert.ok((await auditOf(kit, c.id)).some((e) => e.action === 'access.setup'));
  assert.deepEqual(await pending(kit), [], 'no longer pending');
  const all = await kit.admin('GET', `${A.accessRequests}?status=all`);
  assert.equal(all.body.items.length, 1);
  assert.equal((await kit.admin('GET', routePath(A.accessRequest, { requestId: request.id }))).body.status, 'approved');
});

test('one pending request per email: a second one stores and sends nothing, and answers the same; a decided one frees the email', async () => {
  const kit = onboardingKit();
  const first = await ask(kit);
  const second = await ask(kit, { ...ROBIN, email: 'ROBIN@hale.example', company: 'Something else' });
  assert.deepEqual(second.body, first.body);
  assert.equal(second.status, first.status);
  const list = await pending(kit);
  assert.equal(list.length, 1);
  assert.equal(list[0].company, 'Hale Bakery');
  assert.equal(mailsTo(kit, 'help@lakeside.example', 'access-request').length, 1, 'to supportEmail when no notifyEmail');
  assert.deepEqual(lastMailTo(kit, 'help@lakeside.example', 'access-request').data.possibleAccounts, []);

  const declined = await kit.admin('POST', declinePath(list[0].id), { note: 'Not a customer.' });
  assert.equal(declined.status, 200);
  assert.equal(declined.body.status, 'declined');
  assert.equal(declined.body.note, 'Not a customer.');
  assert.equal(mailsTo(kit, ROBIN.email).length, 0, 'declining emails nobody');
  assert.equal(code(await kit.admin('POST', approvePath(list[0].id), { accountId: (await customer(kit)).id })), 'ACCESS_REQUEST_CLOSED');
  assert.equal(code(await kit.admin('POST', declinePath(list[0].id), {})), 'ACCESS_REQUEST_CLOSED');
  assert.ok((await auditOf(kit, null)).some((e) => e.action === 'access.request-declined'));

  await ask(kit, { ...ROBIN, company: 'Hale Bakery, again' });
  assert.equal((await pending(kit)).length, 1, 'a new request once the old one is decided');
});

test('two approvals at once: one 200, one 409 ACCESS_REQUEST_CLOSED, one login', async () => {
  const kit = onboardingKit();
  const c = await customer(kit);
  await ask(kit);
  const [request] = await pending(kit);
  const both = await Promise.all([kit.admin('POST', approvePath(request.id), { accountId: c.id }), kit.admin('POST', approvePath(request.id), { accountId: c.id })]);
  assert.deepEqual(both.map((r) => r.status).sort(), [200, 409]);
  assert.equal(code(both.find((r) => r.status === 409)!), 'ACCESS_REQUEST_CLOSED');
  await kit.portal.settled();
  assert.equal((await people(kit, c.id)).logins.length, 1);
  assert.equal(mailsTo(kit, ROBIN.email, 'login-invitation').length, 1);
});

test('an approval that cannot set up the login leaves the request pending (fix it, approve again)', async () => {
  const kit = onboardingKit();
  const c = await customer(kit);
  await kit.admin('POST', routePath(A.accountAccess, { accountId: c.id }), { name: 'Someone', email: 'someone@hale.example', username: 'robin@hale.example', sendLoginEmail: false });
  await ask(kit);
  const [request] = await pending(kit);
  const clash = await kit.admin('POST', approvePath(request.id), { accountId: c.id });
  assert.equal(code(clash), 'USERNAME_TAKEN');
  assert.equal((await pending(kit))[0].status, 'pending');
  const ok = await kit.admin('POST', approvePath(request.id), { accountId: c.id, username: 'robin' });
  assert.equal(ok.status, 200);
  assert.equal(code(await kit.admin('POST', approvePath(request.id), { accountId: '0'.repeat(26) })), 'NOT_FOUND', 'an unknown account first');
  assert.equal((await kit.admin('GET', routePath(A.accessRequest, { requestId: '0'.repeat(26) }))).status, 404);
  await kit.portal.settled();
});

test('the list: newest first, by status, in pages with a cursor', async () => {
  const kit = onboardingKit({ rateLimits: { accessRequestAddress: { max: 100, windowSeconds: 3600 } } });
  for (let i = 1; i <= 5; i++) {
    kit.clock.now += 1000;
    await ask(kit, { ...ROBIN, email: `person${i}@hale.example`, company: `Company ${i}` });
  }
  const all = await pending(kit);
  assert.deepEqual(all.map((r) => r.company), ['Company 5', 'Company 4', 'Company 3', 'Company 2', 'Company 1']);
  await kit.admin('POST', declinePath(all[1].id), {});
  await kit.admin('POST', declinePath(all[3].id), {});
  const first = await kit.admin('GET', `${A.accessRequests}?limit=2`);
  assert.deepEqual(first.body.items.map((r: any) => r.company), ['Company 5', 'Company 3']);
  assert.ok(first.body.cursor);
  const next = await kit.admin('GET', `${A.accessRequests}?limit=2&cursor=${first.body.cursor}`);
  assert.deepEqual(next.body.items.map((r: any) => r.company), ['Company 1']);
  const declined = await kit.admin('GET', `${A.accessRequests}?status=declined`);
  assert.deepEqual(declined.body.items.map((r: any) => r.company), ['Company 4', 'Company 2']);
  assert.equal((await kit.admin('GET', `${A.accessRequests}?status=maybe`)).status, 400);
  assert.equal((await kit.admin('GET', `${A.accessRequests}?cursor=not-a-cursor`)).status, 400);
});

test('request access: ONBOARDING_DISABLED when off, field errors for bad input, rate limits per address and per email', async () => {
  const off = onboardingKit({ onboarding: { requestAccess: false } });
  const disabled = await off.call('POST', R.accessRequests, ROBIN);
  assert.equal(disabled.status, 404);
  assert.equal(code(disabled), 'ONBOARDING_DISABLED');

  const kit = onboardingKit({ rateLimits: { accessRequestEmail: { max: 2, windowSeconds: 86_400 }, accessRequestAddress: { max: 3, windowSeconds: 3600 } } });
  const bad = await kit.call('POST', R.accessRequests, { firstName: '', lastName: 'Hale', email: 'x', company: '', extra: true });
  assert.equal(bad.status, 400);
  assert.deepEqual(Object.keys(bad.body.error.fields).sort(), ['company', 'email', 'extra', 'firstName']);
  assert.equal((await kit.call('POST', R.accessRequests, 'nope', { 'content-type': 'application/json' })).status, 400);
  assert.equal((await ask(kit, ROBIN, { 'x-test-address': '198.51.100.1' })).status, 202);
  assert.equal((await ask(kit, { ...ROBIN, email: 'Robin@Hale.example' }, { 'x-test-address': '198.51.100.2' })).status, 202);
  assert.equal((await ask(kit, ROBIN, { 'x-test-address': '198.51.100.3' })).status, 429, 'per email, any case');
  for (const n of [1, 2]) assert.equal((await ask(kit, { ...ROBIN, email: `p${n}@x.example` }, { 'x-test-address': '203.0.113.9' })).status, 202);
  assert.equal((await ask(kit, { ...ROBIN, email: 'p3@x.example' }, { 'x-test-address': '203.0.113.9' })).status, 202);
  assert.equal((await ask(kit, { ...ROBIN, email: 'p4@x.example' }, { 'x-test-address': '203.0.113.9' })).status, 429, 'per address');
});
