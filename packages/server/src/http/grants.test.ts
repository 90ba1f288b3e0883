// "Grant access" on the server: every portal route of a part of the account's data refuses a
// login not granted that part (NOT_GRANTED, audited), reads and files included; what would
// leak it sideways (activity, ticket people and subscribers, emails, new staff logins) does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESIGN_CONSENT_VERSION, GRANT_SCOPE_LABELS, GRANT_SCOPES, routePath, Routes, type GrantScope } from '@porchlight/core';
import { keys } from '../store/keys.js';
import { API_KEY } from '../testing/kit.js';
import { postFile } from '../testing/files.js';
import type { UserRecord } from '../features/accounts/records.js';
import { B, key, payKit, type Call } from '../features/payments/test-kit.js';

type Kit = ReturnType<typeof payKit>;
interface Probe {
  method: string;
  path: string;
  body?: unknown;
  /** With the grant: the status expected (absent: only the refusal is checked). */
  ok?: number;
}

const A = Routes.admin;
const code = (res: { body: any }) => res.body?.error?.code;
const ADMIN = { authorization: `Bearer ${API_KEY}`, 'porchlight-admin': 'Pat Dispatcher' };
const PASSWORD = 'linked logins passphrase';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const ID = '01jd8k3m4n5p6q7r8s9t0v1w2x';
const SITES = { items: [{ id: 'main', name: 'Main building', address: '12 Harbor Rd', systems: [{ id: 'panel-1', name: 'Intrusion panel', kind: 'intrusion' }] }] };
const PROPOSAL = {
  title: 'Camera upgrade',
  lines: [{ description: 'Four outdoor cameras, installed', quantity: 1, unitCents: 120_000, totalCents: 120_000 }],
  subtotalCents: 120_000,
  taxCents: 0,
  totalCents: 120_000,
  currency: 'USD',
  terms: 'Installation within 14 days.',
  expiresAt: '2026-12-31T23:59:59Z',
  salesperson: { name: 'Morgan Lee', email: 'morgan@lakeside.example' },
};
const repair = { requestType: 'repair', subject: 'Keypad beeps at night', fields: { system: 'Intrusion alarm', description: 'It beeps every night at 2 am.' } };
const order = (photos: string[] = []) => ({ siteId: 'main', systemId: 'panel-1', requestType: 'repair', note: 'Keypad beeps every minute.', photos });
const payBody = (invoiceId: string, amountCents: number, extra: Record<string, unknown>) => ({ idempotencyKey: key(), items: [{ invoiceId, amountCents }], expectedTotalCents: amountCents, ...extra });
const without = (scope: GrantScope) => GRANT_SCOPES.filter((g) => g !== scope);
const trail = async (k: Kit, accountId: string) => (await k.admin('GET', `${routePath(A.accountAudit, { accountId })}?limit=100`)).body.items as any[];

async function upload(k: Kit, token: string) {
  const res = await postFile(k.portal, Routes.uploads, PNG, { filename: 'keypad.png', headers: { authorization: `Bearer ${token}` } });
  return res;
}

/** Rewrites a login's stored grants (undefined: none stored, the legacy "every part"). */
async function setGrants(k: Kit, accountId: string, userId: string, grants: GrantScope[] | undefined) {
  const k2 = keys.user('lakeside', accountId, userId);
  const found = await k.store.get<UserRecord>(k2);
  const next: UserRecord = { ...found!.value };
  if (grants) next.grants = grants;
  else delete next.grants;
  await k.store.put(k2, next);
}

/**
 * Account A (manager Dana, stored without grants) with something of every part: an invoice and a
 * payment of it, a saved card, sites and a work order with a photo, a proposal, a shared
 * document, a ticket with a file in its thread.
 */
async function world() {
  const k = payKit({ settings: { supportEmail: 'support@lakeside.example' } });
  const a = await k.accountWithManager({ mainPhone: '5550100' });
  const accountId = a.account.id as string;
  const dana: Call = k.as(a.token);

  const invoice = await k.sync(accountId, 'INV-1', 10_000);
  const paid = await dana('POST', B.payments, payBody(invoice.id, 2_500, { token: k.cardToken() }));
  assert.equal(paid.status, 201, JSON.stringify(paid.body));
  const card = await k.addCard(dana);

  assert.equal((await k.admin('PUT', routePath(A.accountSites, { accountId }), SITES)).status, 200);
  const photo = await upload(k, a.token);
  assert.equal(photo.status, 201, JSON.stringify(photo.body));
  const wo = await dana('POST', Routes.workOrders, order([photo.body.id]));
  assert.equal(wo.status, 201, JSON.stringify(wo.body));

  const proposal = await k.admin('PUT', routePath(A.proposal, { accountId, proposalNumber: 'P-1' }), PROPOSAL);
  assert.equal(proposal.status, 201, JSON.stringify(proposal.body));
  const doc = await postFile(k.portal, routePath(A.documents, { accountId }), PDF, { filename: 'certificate.pdf', type: 'application/pdf', headers: ADMIN });
  assert.equal(doc.status, 201, JSON.stringify(doc.body));

  const ticket = await dana('POST', Routes.tickets, repair);
  assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
  const file = await upload(k, a.token);
  const replied = await dana('POST', routePath(Routes.ticketReplies, { ticketId: ticket.body.id }), { body: 'A photo of the keypad.', attachments: [file.body.id] });
  assert.equal(replied.status, 200, JSON.stringify(replied.body));
  const attachmentId = replied.body.entries.flatMap((e: any) => e.attachments).at(-1).id as string;

  await k.portal.settled();
  k.mailer.sent.length = 0;
  return {
    k,
    a,
    accountId,
    dana,
    ids: { invoice: invoice.id, payment: paid.body.payment.id as string, card: card.id, workOrder: wo.body.id as string, photo: wo.body.photos[0].id as string, proposal: proposal.body.proposal.id as string, document: doc.body.id as string, ticket: ticket.body.id as string, attachment: attachmentId },
  };
}
type World = Awaited<ReturnType<typeof world>>;

/** A login of a login profile on account A, signed in. */
async function loginOf(w: World, username: string, o: { grants?: GrantScope[]; email?: string; role?: 'client' | 'staff' | 'manager' } = {}) {
  const { user } = await w.k.linkLogin(w.accountId, { username, password: PASSWORD, name: `Login ${username}`, email: o.email ?? `${username}@harborview.example`, ...(o.grants ? { grants: o.grants } : {}), ...(o.role ? { role: o.role } : {}) });
  const res = await w.k.call('POST', Routes.login, { identifier: w.a.identifier, username, password: PASSWORD });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return { user, token: res.body.session.token as string, as: w.k.as(res.body.session.token) };
}

/** Every portal route of each part: the list, the detail, the file or PDF, the writes. */
function probes(w: World): Record<GrantScope, Probe[]> {
  const { ids } = w;
  const invoice = routePath(B.invoice, { invoiceId: ids.invoice });
  const payment = routePath(B.payment, { paymentId: ids.payment });
  const workOrder = routePath(Routes.workOrder, { workOrderId: ids.workOrder });
  const proposal = (name: 'proposal' | 'proposalDocument' | 'proposalConsent' | 'proposalAccept' | 'proposalReject' | 'proposalSigned') => routePath(Routes[name], { proposalId: ids.proposal });
  const ticket = (name: 'ticket' | 'ticketReplies' | 'ticketSubscribers' | 'ticketStatus') => routePath(Routes[name], { ticketId: ids.ticket });
  return {
    invoices: [
      { method: 'GET', path: B.invoices, ok: 200 },
      { method: 'GET', path: invoice, ok: 200 },
      { method: 'GET', path: routePath(B.invoicePdf, { invoiceId: ids.invoice }), ok: 200 },
      // Paying is writing to invoices too.
      { method: 'POST', path: B.payments, body: payBody(ids.invoice, 100, { token: 'x' }) },
    ],
    payments: [
      { method: 'GET', path: B.config, ok: 200 },
      { method: 'GET', path: B.paymentMethods, ok: 200 },
      { method: 'POST', path: B.paymentMethodSetup, body: { kind: 'card' } },
      { method: 'POST', path: B.paymentMethods, body: { token: 'x' } },
      { method: 'POST', path: routePath(B.paymentMethodDefault, { methodId: ids.card }), ok: 200 },
      { method: 'DELETE', path: routePath(B.paymentMethod, { methodId: ID }) },
      { method: 'GET', path: B.payments, ok: 200 },
      { method: 'POST', path: B.payments, body: payBody(ids.invoice, 100, { token: 'x' }) },
      { method: 'GET', path: payment, ok: 200 },
      { method: 'GET', path: routePath(B.paymentReceipt, { paymentId: ids.payment }), ok: 200 },
      { method: 'GET', path: B.autopay, ok: 200 },
      { method: 'PUT', path: B.autopay, body: {} },
      { method: 'DELETE', path: B.autopay, ok: 200 },
    ],
    'work-orders': [
      { method: 'GET', path: Routes.sites, ok: 200 },
      { method: 'GET', path: Routes.workOrders, ok: 200 },
      { method: 'GET', path: workOrder, ok: 200 },
      { method: 'GET', path: routePath(Routes.workOrderPhoto, { workOrderId: ids.workOrder, attachmentId: ids.photo }), ok: 200 },
      { method: 'POST', path: Routes.workOrders, body: order(), ok: 201 },
      { method: 'POST', path: routePath(Routes.workOrderNotes, { workOrderId: ids.workOrder }), body: { body: 'Any news?' }, ok: 201 },
    ],
    proposals: [
      { method: 'GET', path: Routes.proposals, ok: 200 },
      { method: 'GET', path: proposal('proposal'), ok: 200 },
      { method: 'GET', path: proposal('proposalDocument'), ok: 200 },
      { method: 'GET', path: proposal('proposalSigned') },
      { method: 'POST', path: proposal('proposalConsent'), body: { consentVersion: ESIGN_CONSENT_VERSION }, ok: 200 },
      { method: 'POST', path: proposal('proposalAccept'), body: {} },
      { method: 'POST', path: proposal('proposalReject'), body: {} },
    ],
    documents: [
      { method: 'GET', path: Routes.documents, ok: 200 },
      { method: 'GET', path: routePath(Routes.documentFile, { documentId: ids.document }), ok: 200 },
    ],
    tickets: [
      { method: 'GET', path: Routes.tickets, ok: 200 },
      { method: 'GET', path: Routes.ticketRequestTypes, ok: 200 },
      { method: 'GET', path: Routes.ticketPeople, ok: 200 },
      { method: 'GET', path: ticket('ticket'), ok: 200 },
      { method: 'GET', path: routePath(Routes.ticketAttachment, { ticketId: ids.ticket, attachmentId: ids.attachment }), ok: 200 },
      { method: 'POST', path: Routes.tickets, body: repair, ok: 201 },
      { method: 'POST', path: ticket('ticketReplies'), body: { body: 'Still beeping.' }, ok: 200 },
      { method: 'PUT', path: ticket('ticketSubscribers'), body: { userIds: [] }, ok: 200 },
      { method: 'POST', path: ticket('ticketStatus'), body: { status: 'completed' }, ok: 200 },
      { method: 'POST', path: routePath(Routes.ticketEstimateDecision, { ticketId: ids.ticket, entryId: ID }), body: { decision: 'approved' } },
    ],
  };
}

test('every route of each part: a login without the grant gets NOT_GRANTED (audited, naming the part); the same login, granted, gets through', async () => {
  const w = await world();
  const table = probes(w);
  for (const scope of GRANT_SCOPES) {
    const login = await loginOf(w, `no-${scope}`, { grants: without(scope) });
    const label = GRANT_SCOPE_LABELS[scope].toLowerCase();
    for (const p of table[scope]) {
      const res = await login.as(p.method, p.path, p.body);
      assert.equal(res.status, 403, `${scope}: ${p.method} ${p.path} ${JSON.stringify(res.body)}`);
      assert.equal(code(res), 'NOT_GRANTED', `${p.method} ${p.path}`);
      assert.equal(res.body.error.message, `Your login does not include ${label}. Ask your provider for access.`);
    }
    const denied = (await trail(w.k, w.accountId)).filter((e) => e.action === 'access.denied' && e.actor.userId === login.user.id);
    assert.equal(denied.length, table[scope].length, `${scope}: one line per refused route`);
    for (const e of denied) {
      assert.deepEqual(e.details, { grant: scope });
      assert.match(e.summary, new RegExp(`^Login no-${scope} was refused: ${label} are not granted to this login \\((GET|POST|PUT|DELETE) /v1/`));
    }

    // Granted now: the next request of the same session gets through (grants are read fresh).
    await setGrants(w.k, w.accountId, login.user.id, [...GRANT_SCOPES]);
    for (const p of table[scope]) {
      if (p.ok === undefined) continue;
      const res = await login.as(p.method, p.path, p.body);
      assert.equal(res.status, p.ok, `${scope} granted: ${p.method} ${p.path} ${JSON.stringify(res.body).slice(0, 300)}`);
    }
  }
});

test('payments without invoices: paying and the history are refused naming invoices; saved methods and autopay work', async () => {
  const w = await world();
  const payer = await loginOf(w, 'payer', { grants: ['payments'] });
  const pay = await payer.as('POST', B.payments, payBody(w.ids.invoice, 100, { token: w.k.cardToken() }));
  assert.equal(code(pay), 'NOT_GRANTED');
  assert.match(pay.body.error.message, /does not include invoices\./);
  assert.equal(code(await payer.as('GET', B.payments)), 'NOT_GRANTED', 'the history lists invoices by number');
  assert.equal((await payer.as('POST', B.paymentMethods, { token: w.k.cardToken() })).status, 201, 'saved methods are payments only');
  assert.equal((await payer.as('GET', B.autopay)).status, 200, 'autopay reads need invoices.view or payment-methods.manage: this one has the latter');

  await setGrants(w.k, w.accountId, payer.user.id, ['invoices', 'payments']);
  const paid = await payer.as('POST', B.payments, payBody(w.ids.invoice, 100, { token: w.k.cardToken() }));
  assert.equal(paid.status, 201, JSON.stringify(paid.body));
});

test('uploads serve tickets and work orders: refused without either grant, allowed with one', async () => {
  const w = await world();
  const none = await loginOf(w, 'none', { grants: ['invoices', 'documents'] });
  const refused = await upload(w.k, none.token);
  assert.equal(refused.status, 403);
  assert.equal(code(refused), 'NOT_GRANTED');
  assert.equal(refused.body.error.message, 'Your login does not include support tickets or work orders. Ask your provider for access.');
  const line = (await trail(w.k, w.accountId)).find((e) => e.action === 'access.denied' && e.actor.userId === none.user.id);
  assert.deepEqual(line?.details, { grants: ['tickets', 'work-orders'] });

  const tickets = await loginOf(w, 'tickets-only', { grants: ['tickets'] });
  assert.equal((await upload(w.k, tickets.token)).status, 201);
  const orders = await loginOf(w, 'orders-only', { grants: ['work-orders'] });
  assert.equal((await upload(w.k, orders.token)).status, 201);
});

test('a login stored without grants (made before grants existed) sees every part; an emulating admin sees what the login sees', async () => {
  const w = await world();
  const table = probes(w);
  const me = await w.dana('GET', Routes.session);
  assert.deepEqual(me.body.user.grants, [...GRANT_SCOPES]);
  for (const scope of GRANT_SCOPES) {
    for (const p of table[scope].filter((x) => x.method === 'GET' && x.ok !== undefined)) {
      assert.equal((await w.dana('GET', p.path)).status, 200, `${scope}: GET ${p.path}`);
    }
  }

  const limited = await loginOf(w, 'limited', { grants: ['tickets'] });
  const emulated = await w.k.admin('POST', routePath(A.emulate, { accountId: w.accountId }), { userId: limited.user.id });
  assert.equal(emulated.status, 201, JSON.stringify(emulated.body));
  const emu = w.k.as(emulated.body.token);
  assert.equal(code(await emu('GET', B.invoices)), 'NOT_GRANTED');
  assert.equal((await emu('GET', Routes.tickets)).status, 200);
});

test('permissions follow the grants: a login without "Payments" holds no invoices.pay or payment-methods.manage', async () => {
  const w = await world();
  const login = await loginOf(w, 'no-pay', { grants: without('payments') });
  const me = await login.as('GET', Routes.session);
  assert.equal(me.status, 200);
  assert.deepEqual(me.body.user.grants, without('payments'));
  assert.ok(me.body.user.permissions.includes('invoices.view'));
  assert.ok(!me.body.user.permissions.includes('invoices.pay'));
  assert.ok(!me.body.user.permissions.includes('payment-methods.manage'));
  assert.ok(me.body.user.permissions.includes('tickets.use'));
  const noInvoices = await loginOf(w, 'no-inv', { grants: without('invoices') });
  const perms = (await noInvoices.as('GET', Routes.session)).body.user.permissions as string[];
  assert.ok(!perms.includes('invoices.view') && !perms.includes('invoices.pay'));
  assert.ok(perms.includes('payment-methods.manage'));
});

test("activity: a viewer sees no entry about a part their login is not granted; the rest stays", async () => {
  const w = await world();
  const seen = async () => {
    const res = await w.dana('GET', `${Routes.activity}?limit=100`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.items.map((e: any) => e.action as string);
  };
  const before: string[] = await seen();
  for (const prefix of ['invoice.', 'payment.', 'payment-method.', 'work-order.', 'sites.', 'proposal.', 'document.', 'ticket.', 'auth.']) {
    assert.ok(before.some((a) => a.startsWith(prefix)), `${prefix} entries to begin with: ${before.join(', ')}`);
  }

  await setGrants(w.k, w.accountId, w.a.manager.id, ['tickets']);
  const after: string[] = await seen();
  assert.ok(after.some((a) => a.startsWith('ticket.')));
  assert.ok(after.some((a) => a.startsWith('auth.')), 'sign-ins belong to no part');
  for (const prefix of ['invoice.', 'payment.', 'payment-method.', 'autopay.', 'work-order.', 'sites.', 'proposal.', 'document.']) {
    assert.ok(!after.some((a) => a.startsWith(prefix)), `no ${prefix} entries: ${after.join(', ')}`);
  }
  const records = await w.dana('GET', `${Routes.activity}?kind=records&limit=100`);
  assert.deepEqual([...new Set(records.body.items.map((e: any) => e.action.split('.')[0]))], ['ticket']);

  await setGrants(w.k, w.accountId, w.a.manager.id, undefined);
  assert.deepEqual(await seen(), before);
});

test('tickets: only logins granted support tickets are offered as people, can follow a ticket, and hear of its updates', async () => {
  const w = await world();
  const follower = await loginOf(w, 'follower', { grants: ['tickets'], email: 'follower@harborview.example' });
  const outsider = await loginOf(w, 'outsider', { grants: ['invoices'], email: 'outsider@harborview.example' });
  const people = await w.dana('GET', Routes.ticketPeople);
  const ids = people.body.items.map((p: any) => p.id);
  assert.ok(ids.includes(w.a.manager.id) && ids.includes(follower.user.id));
  assert.ok(!ids.includes(outsider.user.id), 'a login without the grant is not offered');

  const subscribers = routePath(Routes.ticketSubscribers, { ticketId: w.ids.ticket });
  const refused = await w.dana('PUT', subscribers, { userIds: [follower.user.id, outsider.user.id] });
  assert.equal(refused.status, 400);
  assert.equal(code(refused), 'VALIDATION_FAILED');
  assert.match(refused.body.error.fields.subscribers, new RegExp(`${outsider.user.id} does not include support tickets`));
  const opened = await w.dana('POST', Routes.tickets, { ...repair, subscribers: [outsider.user.id] });
  assert.equal(opened.status, 400, 'nor when opening a ticket');
  assert.equal((await w.dana('PUT', subscribers, { userIds: [follower.user.id] })).status, 200);

  const reply = async (body: string) => {
    w.k.mailer.sent.length = 0;
    assert.equal((await w.k.admin('POST', routePath(A.ticketReplies, { ticketId: w.ids.ticket }), { body })).status, 200);
    await w.k.portal.settled();
    return w.k.mailer.sent.filter((m) => m.template === 'ticket-update').map((m) => m.to.email).sort();
  };
  assert.deepEqual(await reply('We will come Tuesday.'), ['dana@harborview.example', 'follower@harborview.example']);
  await setGrants(w.k, w.accountId, follower.user.id, ['invoices']);
  assert.deepEqual(await reply('Tuesday at 9.'), ['dana@harborview.example'], 'a follower who lost the grant hears nothing more');
});

test('emails: payment receipts skip managers without "Payments"; work-order status mails skip a sender who lost "Work orders"', async () => {
  const w = await world();
  const payer = await loginOf(w, 'payer', { email: 'payer@harborview.example' });
  await setGrants(w.k, w.accountId, w.a.manager.id, without('payments'));
  const paid = await payer.as('POST', B.payments, payBody(w.ids.invoice, 500, { token: w.k.cardToken() }));
  assert.equal(paid.status, 201, JSON.stringify(paid.body));
  await w.k.portal.settled();
  assert.deepEqual(w.k.mailer.sent.filter((m) => m.template === 'payment-receipt').map((m) => m.to.email), ['payer@harborview.example']);
  const declined = await payer.as('POST', B.payments, payBody(w.ids.invoice, 500, { token: w.k.cardToken('4000000000000002') }));
  assert.ok(declined.status < 500, JSON.stringify(declined.body));
  await w.k.portal.settled();
  assert.deepEqual(w.k.mailer.sent.filter((m) => m.template === 'payment-failed').map((m) => m.to.email), ['payer@harborview.example']);

  const sender = await loginOf(w, 'sender', { email: 'sender@harborview.example' });
  const wo = await sender.as('POST', Routes.workOrders, order());
  assert.equal(wo.status, 201);
  const status = (s: string) => w.k.admin('POST', routePath(A.workOrderStatus, { workOrderId: wo.body.id }), { status: s, at: new Date(w.k.clock.now).toISOString() });
  w.k.mailer.sent.length = 0;
  assert.equal((await status('dispatched')).status, 200);
  await w.k.portal.settled();
  assert.deepEqual(w.k.mailer.sent.filter((m) => m.template === 'work-order-status').map((m) => m.to.email), ['sender@harborview.example']);
  await setGrants(w.k, w.accountId, sender.user.id, ['tickets']);
  w.k.clock.now += 60_000;
  assert.equal((await status('arrived')).status, 200);
  await w.k.portal.settled();
  assert.equal(w.k.mailer.sent.filter((m) => m.template === 'work-order-status').length, 1, 'no mail once the grant is gone');
});

test('staff: a login added by a limited login is limited the same; a limited manager cannot take over a login that reaches more', async () => {
  const w = await world();
  const legacy = await w.dana('POST', Routes.staff, { name: 'Lee Legacy', username: 'lee', email: 'lee@harborview.example', password: 'temporary-Pass-9' });
  assert.equal(legacy.status, 201, JSON.stringify(legacy.body));
  assert.deepEqual(legacy.body.grants, [...GRANT_SCOPES], 'added by a login that sees everything: stored without grants');
  const linked = await loginOf(w, 'linked', { grants: ['tickets'] });

  await setGrants(w.k, w.accountId, w.a.manager.id, ['tickets', 'documents']);
  const added = await w.dana('POST', Routes.staff, { name: 'Kim Clerk', username: 'kim', password: 'temporary-Pass-9' });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  assert.deepEqual(added.body.grants, ['documents', 'tickets']);
  const kim = await w.k.call('POST', Routes.login, { identifier: w.a.identifier, username: 'kim', password: 'temporary-Pass-9' });
  const kimAs = w.k.as(kim.body.session.token);
  assert.equal((await kimAs('POST', Routes.changePassword, { currentPassword: 'temporary-Pass-9', newPassword: 'kim passphrase one' })).status, 200);
  assert.equal(code(await kimAs('GET', B.invoices)), 'NOT_GRANTED');

  const lee = routePath(Routes.staffUser, { userId: legacy.body.id });
  const retarget = await w.dana('PATCH', lee, { email: 'dana.personal@example.com' });
  assert.equal(retarget.status, 403);
  assert.equal(code(retarget), 'PERMISSION_DENIED');
  assert.match(retarget.body.error.message, /sees invoices, payments and autopay, work orders, proposals, which yours does not/);
  assert.equal(code(await w.dana('POST', routePath(Routes.staffSendPasswordLink, { userId: legacy.body.id }))), 'PERMISSION_DENIED');
  assert.equal((await w.dana('PATCH', lee, { name: 'Lee Legacy-Smith' })).status, 200, 'the name is not a way in');
  const profileLink = await w.dana('POST', routePath(Routes.staffSendPasswordLink, { userId: linked.user.id }));
  assert.equal(code(profileLink), 'PERMISSION_DENIED', 'a profile login: its password opens other accounts');
  assert.match(profileLink.body.error.message, /also opens other accounts/);
});
