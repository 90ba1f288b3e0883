import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFieldValues, routePath, Routes, UPLOAD_TTL_HOURS, type RequestType } from '@porchlight/core';
import { keys } from '../../store/keys.js';
import { API_KEY, HILLTOP_KEY, makeKit, makeTwoDealerKit, ORIGIN } from '../../testing/kit.js';
import { postFile } from '../../testing/files.js';
import { DEFAULT_REQUEST_TYPES } from './request-types.js';

type Kit = ReturnType<typeof makeKit>;
type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any; headers: Headers }>;

const R = Routes;
const A = Routes.admin;
const code = (res: { body: any }) => res.body?.error?.code;
const enc = new TextEncoder();
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const PDF = enc.encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const ADMIN = { authorization: `Bearer ${API_KEY}`, 'porchlight-admin': 'Pat Dispatcher' };
const DEALER = {
  id: 'lakeside',
  name: 'Lakeside Alarm Co.',
  allowedOrigins: [ORIGIN],
  apiKeys: [{ id: 'backoffice', key: API_KEY }],
  settings: { portalUrl: `${ORIGIN}/portal`, resetUrl: `${ORIGIN}/reset`, supportEmail: 'support@lakeside.example', notifyEmail: 'tickets@lakeside.example' },
};

const ticketPath = (ticketId: string) => routePath(R.ticket, { ticketId });
const repliesPath = (ticketId: string) => routePath(R.ticketReplies, { ticketId });
const adminTicket = (ticketId: string) => routePath(A.ticket, { ticketId });
const adminReplies = (ticketId: string) => routePath(A.ticketReplies, { ticketId });
const estimatesPath = (ticketId: string) => routePath(A.ticketEstimates, { ticketId });
const decisionPath = (ticketId: string, entryId: string) => routePath(R.ticketEstimateDecision, { ticketId, entryId });
const withdrawPath = (ticketId: string, entryId: string) => routePath(A.ticketEstimateWithdraw, { ticketId, entryId });
const filePath = (ticketId: string, attachmentId: string) => routePath(R.ticketAttachment, { ticketId, attachmentId });

async function setup(kit: Kit = makeKit({ dealer: DEALER })) {
  return { kit, ...(await kit.twoAccounts()) };
}
type Ctx = Awaited<ReturnType<typeof setup>>;

/** A staff login of account A with an email (and `tickets.use` unless told otherwise). */
async function staffOf(ctx: Ctx, o: { username?: string; name?: string; permissions?: string[]; email?: string | null } = {}) {
  const sam = await ctx.kit.staffLogin(ctx.a.as, ctx.a.identifier, {
    name: o.name ?? 'Sam Staff',
    username: o.username ?? 'sam',
    email: o.email === undefined ? `${o.username ?? 'sam'}@harborview.example` : o.email,
    permissions: o.permissions ?? ['tickets.use'],
  });
  return { id: sam.user.id as string, token: sam.token, as: sam.as as Call };
}

/** Uploads a file as a portal user (token) or, with `admin`, through the back office. */
async function uploadAs(kit: Kit, who: string | 'admin', bytes: Uint8Array = PNG, filename = 'keypad.png') {
  const res = await postFile(kit.portal, who === 'admin' ? A.uploads : R.uploads, bytes, { filename, headers: who === 'admin' ? ADMIN : { authorization: `Bearer ${who}` } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { id: string; filename: string; sha256: string };
}

const repair = (fields: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  requestType: 'repair',
  subject: 'Keypad beeps at night',
  fields: { system: 'Intrusion alarm', description: 'It beeps every night at 2 am.', ...fields },
  ...extra,
});

async function open(as: Call, body: unknown = repair()) {
  const res = await as('POST', R.tickets, body);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

const dealerTrail = async (kit: Kit) => (await kit.store.list<any>('audit:lakeside:_dealer', { limit: 1000 })).items.map((i) => i.value);
const accountTrail = async (kit: Kit, accountId: string) => (await kit.admin('GET', `${routePath(A.accountAudit, { accountId })}?limit=100`)).body.items as any[];

// ---- request types ---------------------------------------------------------------------

test('request types: the defaults until the dealer saves its own; the portal is offered the active ones only', async () => {
  const { kit, a } = await setup();
  const offered = await a.as('GET', R.ticketRequestTypes);
  assert.equal(offered.status, 200);
  assert.deepEqual(offered.body.items.map((t: any) => t.label), ['General question', 'Repair or service problem']);
  const repairType = offered.body.items[1];
  assert.deepEqual(
    repairType.fields.map((f: any) => [f.label, f.kind]),
    [
      ['Which system?', 'choice'],
      ['When did it start?', 'date'],
      ['Describe the problem', 'long-text'],
      ['Photos', 'file'],
    ],
  );
  assert.deepEqual((await kit.admin('GET', A.requestTypes)).body.items, DEFAULT_REQUEST_TYPES);
  assert.equal((await kit.call('GET', R.ticketRequestTypes)).status, 401);

  const mine = {
    items: [
      { id: 'false-alarm', label: 'False alarm', fields: [{ id: 'when', label: 'When?', kind: 'date', required: true }] },
      { id: 'old', label: 'Old type', active: false, fields: [] },
      { id: 'billing', label: 'Billing question', description: '  About an invoice  ', fields: [{ id: 'invoice', label: 'Invoice number', kind: 'text', maxLength: 20 }] },
    ],
  };
  const saved = await kit.admin('PUT', A.requestTypes, mine, { 'porchlight-admin': 'Ada' });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  assert.equal(saved.body.items[2].description, 'About an invoice');
  assert.equal(saved.body.items[0].active, true, 'active by default');
  assert.equal(saved.body.items[0].fields[0].required, true);
  assert.equal(saved.body.items[2].fields[0].required, false, 'optional by default');
  assert.deepEqual((await a.as('GET', R.ticketRequestTypes)).body.items.map((t: any) => t.id), ['false-alarm', 'billing']);
  assert.deepEqual((await kit.admin('GET', A.requestTypes)).body.items.map((t: any) => t.id), ['false-alarm', 'old', 'billing']);
  const entry = (await dealerTrail(kit)).find((e) => e.action === 'request-types.updated');
  assert.match(entry.summary, /^admin Ada saved the support request types: added false-alarm, old, billing; removed general, repair$/);
  assert.equal(entry.accountId, null);

  // An inactive or unknown type cannot be chosen.
  for (const requestType of ['old', 'repair', 'nope']) {
    const res = await a.as('POST', R.tickets, { requestType, subject: 'x' });
    assert.equal(res.status, 400);
    assert.match(res.body.error.fields.requestType, /There is no request type ".*" to choose\. Choose one of: False alarm, Billing question\./);
  }
});

test('request types: the schema and checkRequestTypes both answer with field paths; a support login cannot save', async () => {
  const { kit } = await setup();
  const dup = await kit.admin('PUT', A.requestTypes, {
    items: [
      { id: 'a', label: 'A', fields: [{ id: 'x', label: 'X', kind: 'choice' }, { id: 'x', label: 'X2', kind: 'text', options: ['no'] }] },
      { id: 'a', label: 'A again', fields: [{ id: 'd', label: 'D', kind: 'date', maxLength: 5 }] },
    ],
  });
  assert.equal(dup.status, 400);
  assert.deepEqual(dup.body.error.fields, {
    'items.0.fields.0.options': 'A choice needs at least one option.',
    'items.0.fields.1.id': 'Another field of "A" already uses the id "x".',
    'items.0.fields.1.options': 'Only a choice field has options.',
    'items.1.id': 'Another request type already uses the id "a".',
    'items.1.fields.0.maxLength': 'Only text fields have a maximum length.',
  });
  const shape = await kit.admin('PUT', A.requestTypes, { items: [{ id: 'Bad Id', label: '', fields: [{ id: 'f', label: 'F', kind: 'radio' }] }] });
  assert.equal(shape.status, 400);
  assert.match(shape.body.error.fields['items.0.id'], /lower-case letters/);
  assert.equal(shape.body.error.fields['items.0.label'], 'Enter a label.');
  assert.match(shape.body.error.fields['items.0.fields.0.kind'], /The kind is one of/);
  for (const body of [{}, { items: 'x' }, { items: [], extra: 1 }, [], 'x', { items: Array.from({ length: 31 }, (_, i) => ({ id: `t${i}`, label: 'T', fields: [] })) }]) {
    const res = await kit.admin('PUT', A.requestTypes, body);
    assert.ok(res.status >= 400 && res.status < 500, `${JSON.stringify(body).slice(0, 60)}: ${res.status}`);
  }
  assert.deepEqual((await kit.admin('GET', A.requestTypes)).body.items, DEFAULT_REQUEST_TYPES, 'nothing saved');

  await kit.admin('POST', A.dealerStaff, { email: 'sue@lakeside.example', name: 'Sue Support', role: 'support', password: 'temporary-Pass-9' });
  const token = (await kit.call('POST', A.login, { email: 'sue@lakeside.example', password: 'temporary-Pass-9' })).body.session.token;
  await kit.as(token)('POST', A.changePassword, { currentPassword: 'temporary-Pass-9', newPassword: 'a long back-office passphrase' });
  assert.equal((await kit.as(token)('GET', A.requestTypes)).status, 200);
  assert.equal(code(await kit.as(token)('PUT', A.requestTypes, { items: [] })), 'FORBIDDEN');
});

// ---- opening a ticket ------------------------------------------------------------------

test('opening a ticket: answers checked with the same messages as checkFieldValues, keyed fields.<id>', async () => {
  const { kit, a } = await setup();
  const type = DEFAULT_REQUEST_TYPES[1] as RequestType;
  const bad = { system: 'Sprinklers', started: '2026-02-30', description: '   ', photos: 'not an id!', colour: 'red' };
  const res = await a.as('POST', R.tickets, { requestType: 'repair', subject: 'Broken', fields: bad });
  assert.equal(res.status, 400);
  assert.equal(code(res), 'VALIDATION_FAILED');
  const expected = Object.fromEntries(Object.entries(checkFieldValues(type, bad).errors).map(([id, m]) => [`fields.${id}`, m]));
  assert.deepEqual(res.body.error.fields, expected);
  assert.deepEqual(Object.keys(expected).sort(), ['fields.colour', 'fields.description', 'fields.photos', 'fields.started', 'fields.system']);
  assert.equal(res.body.error.fields['fields.system'], 'Choose one of the options for "Which system?".');
  assert.equal(res.body.error.fields['fields.started'], 'Enter a date as YYYY-MM-DD.');
  assert.equal(res.body.error.fields['fields.colour'], '"Repair or service problem" has no field "colour".');
  const missing = await a.as('POST', R.tickets, { requestType: 'general', subject: 'Hello' });
  assert.deepEqual(missing.body.error.fields, { 'fields.details': 'Fill in "Details".' });
  const subject = await a.as('POST', R.tickets, { requestType: 'general', subject: '   ', fields: { details: 'x' } });
  assert.equal(subject.body.error.fields.subject, 'Enter a subject.');
  assert.equal((await kit.store.list(keys.accountTickets('lakeside', a.account.id))).items.length, 0);
});

test('opening a ticket: a number per dealer, the answers with their labels, photos attached, the dealer emailed, an event, an audit entry', async () => {
  const { kit, a } = await setup();
  const photo = await uploadAs(kit, a.token, PNG, 'keypad.png');
  const pdf = await uploadAs(kit, a.token, PDF, 'manual');
  const ticket = await open(a.as, repair({ started: '2026-11-20', photos: [photo.id, pdf.id], description: '  It beeps\r\nevery night.  ' }));
  assert.equal(ticket.number, 'T-1001');
  assert.equal(ticket.status, 'open');
  assert.equal(ticket.accountId, a.account.id);
  assert.deepEqual(ticket.requestType, { id: 'repair', label: 'Repair or service problem' });
  assert.equal(ticket.lastSide, 'client');
  assert.equal(ticket.entryCount, 0);
  assert.equal(ticket.estimatePending, false);
  assert.deepEqual(ticket.createdBy, { kind: 'user', userId: a.manager.id, name: 'Dana Reyes' });
  assert.deepEqual(ticket.entries, []);
  assert.deepEqual(ticket.subscribers, []);
  assert.deepEqual(
    ticket.fields.map((f: any) => [f.id, f.label, f.value]),
    [
      ['system', 'Which system?', 'Intrusion alarm'],
      ['started', 'When did it start?', '2026-11-20'],
      ['description', 'Describe the problem', 'It beeps\nevery night.'],
      ['photos', 'Photos', ''],
    ],
  );
  const photos = ticket.fields[3].attachments;
  assert.deepEqual(
    photos.map((f: any) => [f.id, f.filename, f.contentType]),
    [
      [photo.id, 'keypad.png', 'image/png'],
      [pdf.id, 'manual.pdf', 'application/pdf'],
    ],
  );
  assert.equal((await kit.store.list(keys.uploads('lakeside', { accountId: a.account.id, userId: a.manager.id }))).items.length, 0, 'the uploads are used up');

  const second = await open(a.as, { requestType: 'general', subject: 'A question', fields: { details: 'When is my next inspection?' } });
  assert.equal(second.number, 'T-1002');
  assert.deepEqual((await a.as('GET', ticketPath(ticket.id))).body, ticket, 'read back the same');

  // The file downloads like a shared document: an attachment, never rendered.
  const file = await kit.portal.request(filePath(ticket.id, photo.id), { headers: { authorization: `Bearer ${a.token}`, origin: ORIGIN } });
  assert.equal(file.status, 200);
  assert.deepEqual(new Uint8Array(await file.arrayBuffer()), PNG);
  assert.equal(file.headers.get('content-type'), 'image/png');
  assert.equal(file.headers.get('content-disposition'), `attachment; filename="keypad.png"; filename*=UTF-8''keypad.png`);
  assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(file.headers.get('content-security-policy'), 'sandbox');
  assert.equal(file.headers.get('cache-control'), 'no-store');
  assert.match(file.headers.get('access-control-expose-headers')!, /Content-Disposition/);
  assert.equal((await kit.portal.request(filePath(second.id, photo.id), { headers: { authorization: `Bearer ${a.token}` } })).status, 404, 'only through its own ticket');
  const viaAdmin = await kit.portal.request(routePath(A.ticketAttachment, { ticketId: ticket.id, attachmentId: pdf.id }), { headers: ADMIN });
  assert.equal(viaAdmin.status, 200);
  assert.equal(viaAdmin.headers.get('content-type'), 'application/pdf');

  await kit.portal.settled();
  const mail = kit.mailer.sent.filter((m) => m.template === 'ticket-activity');
  assert.equal(mail.length, 2);
  assert.equal(mail[0]!.to.email, 'tickets@lakeside.example', 'notifyEmail first');
  const data = mail[0]!.data as any;
  assert.equal(data.kind, 'created');
  assert.equal(data.ticketNumber, 'T-1001');
  assert.equal(data.userName, 'Dana Reyes');
  assert.equal(data.identifier, '5550100');
  assert.deepEqual(data.fields.at(-1), { label: 'Photos', value: '2 files: keypad.png, manual.pdf' });
  assert.equal(data.attachmentCount, 2);
  assert.doesNotMatch(JSON.stringify(mail), /base64|sha256/, 'no bytes in the email');

  const events = (await kit.admin('GET', A.events)).body.items.filter((e: any) => e.type.startsWith('ticket.'));
  assert.deepEqual(events[0], { id: events[0].id, at: events[0].at, type: 'ticket.created', accountId: a.account.id, userId: a.manager.id, ticketId: ticket.id, ticketNumber: 'T-1001', subject: 'Keypad beeps at night', entryId: null, estimate: null });
  const created = (await accountTrail(kit, a.account.id)).find((e) => e.action === 'ticket.created' && e.target.id === ticket.id);
  assert.equal(created.summary, 'Dana Reyes opened the ticket T-1001 "Keypad beeps at night" (Repair or service problem)');
  assert.deepEqual(created.details.attachments.map((x: any) => x.filename), ['keypad.png', 'manual.pdf']);
});

test("uploads: someone else's, one used already, one expired, or the back office's cannot be attached by a client", async () => {
  const { kit, a, b } = await setup();
  const sam = await staffOf({ kit, a, b });
  const samsPhoto = await uploadAs(kit, sam.token);
  const theirs = await a.as('POST', R.tickets, repair({ photos: [samsPhoto.id] }));
  assert.equal(theirs.status, 400);
  assert.match(theirs.body.error.fields['fields.photos'], new RegExp(`The file ${samsPhoto.id} is not one of your uploads`));
  const bs = await uploadAs(kit, b.token);
  assert.equal((await a.as('POST', R.tickets, repair({ photos: [bs.id] }))).status, 400, "another account's");
  const staffs = await uploadAs(kit, 'admin');
  assert.equal((await a.as('POST', R.tickets, repair({ photos: [staffs.id] }))).status, 400, "the back office's");
  assert.equal((await a.as('POST', R.tickets, repair({ photos: ['0'.repeat(26)] }))).status, 400, 'none');

  const mine = await uploadAs(kit, a.token);
  const ticket = await open(a.as, repair({ photos: [mine.id] }));
  const twice = await a.as('POST', R.tickets, repair({ photos: [mine.id] }));
  assert.equal(twice.status, 400);
  assert.ok(twice.body.error.fields['fields.photos']);
  const again = await a.as('POST', repliesPath(ticket.id), { attachments: [mine.id] });
  assert.equal(again.status, 400, 'an upload is attached once');
  assert.match(again.body.error.fields.attachments, /not one of your uploads/);
  const dup = await uploadAs(kit, a.token);
  assert.equal((await a.as('POST', repliesPath(ticket.id), { attachments: [dup.id, dup.id] })).body.error.fields.attachments, 'The same file is attached twice.');
  // Sam's photo is still Sam's to use.
  assert.equal((await sam.as('POST', repliesPath(ticket.id), { attachments: [samsPhoto.id] })).status, 200);

  const old = await uploadAs(kit, a.token);
  kit.clock.now += UPLOAD_TTL_HOURS * 3_600_000 + 1000;
  const token = (await kit.call('POST', R.login, { identifier: a.identifier, username: 'manager', password: a.password })).body.session.token;
  const late = await kit.as(token)('POST', repliesPath(ticket.id), { body: 'see photo', attachments: [old.id] });
  assert.equal(late.status, 400, 'expired after 24 h');
  assert.match(late.body.error.fields.attachments, /expired/);
  assert.equal((await kit.as(token)('GET', ticketPath(ticket.id))).body.entries.length, 1, 'only Sam’s reply');
  // The back office cannot attach a client's upload either.
  const clients = await uploadAs(kit, token);
  assert.equal((await kit.admin('POST', adminReplies(ticket.id), { attachments: [clients.id] })).status, 400);
});

test('subscribers: active users of the same account only, named when refused; the people list has ids and names only', async () => {
  const ctx = await setup();
  const { kit, a, b } = ctx;
  const sam = await staffOf(ctx);
  const kim = await staffOf(ctx, { username: 'kim', name: 'Kim Lee' });
  await a.as('POST', routePath(R.staffDisable, { userId: kim.id }), {});
  const people = await a.as('GET', R.ticketPeople);
  assert.deepEqual(people.body.items, [
    { id: a.manager.id, name: 'Dana Reyes' },
    { id: sam.id, name: 'Sam Staff' },
  ]);
  const foreign = await a.as('POST', R.tickets, repair({}, { subscribers: [b.manager.id] }));
  assert.equal(foreign.status, 400);
  assert.equal(foreign.body.error.fields.subscribers, `No active login of this account has the id ${b.manager.id}.`);
  assert.equal((await a.as('POST', R.tickets, repair({}, { subscribers: [kim.id] }))).body.error.fields.subscribers, `No active login of this account has the id ${kim.id}.`, 'disabled');

  const ticket = await open(a.as, repair({}, { subscribers: [sam.id, sam.id, a.manager.id] }));
  assert.deepEqual(ticket.subscribers, [{ id: sam.id, name: 'Sam Staff' }], 'no repeats, not the author');
  const path = routePath(R.ticketSubscribers, { ticketId: ticket.id });
  const refused = await a.as('PUT', path, { userIds: [sam.id, b.manager.id] });
  assert.equal(refused.status, 400);
  assert.match(refused.body.error.fields.subscribers, new RegExp(b.manager.id));
  assert.deepEqual((await a.as('GET', ticketPath(ticket.id))).body.subscribers, [{ id: sam.id, name: 'Sam Staff' }], 'unchanged');
  const cleared = await sam.as('PUT', path, { userIds: [] });
  assert.equal(cleared.status, 200);
  assert.deepEqual(cleared.body.subscribers, []);
  const trail = await accountTrail(kit, a.account.id);
  assert.equal(trail.find((e) => e.action === 'ticket.subscribers-changed').summary, `Sam Staff changed who follows the ticket T-1001 "Keypad beeps at night": removed Sam Staff`);
  // B cannot touch A's ticket at all.
  assert.equal((await b.as('PUT', path, { userIds: [b.manager.id] })).status, 404);
});

test('a user of one account gets 404 for another account’s ticket, its files and every write', async () => {
  const { kit, a, b } = await setup();
  const photo = await uploadAs(kit, a.token);
  const ticket = await open(a.as, repair({ photos: [photo.id] }));
  const est = (await kit.admin('POST', estimatesPath(ticket.id), { amountCents: 5000, description: 'New keypad' })).body.entries[0];
  for (const [method, path, body] of [
    ['GET', ticketPath(ticket.id), undefined],
    ['POST', repliesPath(ticket.id), { body: 'mine now' }],
    ['POST', routePath(R.ticketStatus, { ticketId: ticket.id }), { status: 'completed' }],
    ['PUT', routePath(R.ticketSubscribers, { ticketId: ticket.id }), { userIds: [] }],
    ['POST', decisionPath(ticket.id, est.id), { decision: 'approve' }],
    ['GET', filePath(ticket.id, photo.id), undefined],
  ] as const) {
    const res = await b.as(method, path, body);
    assert.equal(res.status, 404, `${method} ${path}: ${res.status}`);
  }
  assert.deepEqual((await b.as('GET', `${R.tickets}?status=all`)).body.items, []);
  const still = (await a.as('GET', ticketPath(ticket.id))).body;
  assert.equal(still.status, 'open');
  assert.equal(still.entries[0].estimate.status, 'proposed');
});

test("a second dealer's API key and users never reach the first dealer's tickets", async () => {
  const kit = makeTwoDealerKit();
  const lake = await kit.managerAt('lakeside', '5550100');
  const hill = await kit.managerAt('hilltop', '5550100');
  const lakeHeaders = { authorization: `Bearer ${API_KEY}`, 'porchlight-dealer': 'lakeside' };
  const hillHeaders = { authorization: `Bearer ${HILLTOP_KEY}`, 'porchlight-dealer': 'hilltop' };
  const ticket = (await lake.as('POST', R.tickets, { requestType: 'general', subject: 'Lakeside only', fields: { details: 'x' } })).body;
  assert.equal(ticket.number, 'T-1001');
  const theirs = (await hill.as('POST', R.tickets, { requestType: 'general', subject: 'Hilltop', fields: { details: 'x' } })).body;
  assert.equal(theirs.number, 'T-1001', 'numbers count per dealer');

  for (const [method, path, body] of [
    ['GET', adminTicket(ticket.id), undefined],
    ['PATCH', adminTicket(ticket.id), { status: 'completed' }],
    ['POST', adminReplies(ticket.id), { body: 'hi' }],
    ['POST', estimatesPath(ticket.id), { amountCents: 100, description: 'x' }],
  ] as const) {
    assert.equal((await kit.call(method, path, body, hillHeaders)).status, 404, `${method} ${path}`);
  }
  assert.deepEqual((await kit.call('GET', `${A.tickets}?status=all`, undefined, hillHeaders)).body.items.map((t: any) => t.subject), ['Hilltop']);
  assert.equal((await kit.call('GET', `${A.tickets}?accountId=${lake.account.id}`, undefined, hillHeaders)).status, 404);
  assert.equal((await hill.as('GET', ticketPath(ticket.id))).status, 404);
  assert.equal((await kit.call('GET', adminTicket(ticket.id), undefined, lakeHeaders)).status, 200);
});

test('a user without `tickets.use` reads tickets but cannot open, reply, subscribe, change the status or decide: 403 and nothing written', async () => {
  const ctx = await setup();
  const { kit, a } = ctx;
  const viewer = await staffOf(ctx, { username: 'vic', name: 'Vic Viewer', permissions: ['invoices.view'] });
  const ticket = await open(a.as);
  const est = (await kit.admin('POST', estimatesPath(ticket.id), { amountCents: 5000, description: 'New keypad' })).body.entries[0];
  const before = await kit.store.list('tentry:lakeside', { limit: 100 });
  const upload = await uploadAs(kit, viewer.token);
  for (const [method, path, body] of [
    ['POST', R.tickets, repair()],
    ['POST', repliesPath(ticket.id), { body: 'hello', attachments: [upload.id] }],
    ['PUT', routePath(R.ticketSubscribers, { ticketId: ticket.id }), { userIds: [viewer.id] }],
    ['POST', routePath(R.ticketStatus, { ticketId: ticket.id }), { status: 'completed' }],
    ['POST', decisionPath(ticket.id, est.id), { decision: 'approve' }],
  ] as const) {
    const res = await viewer.as(method, path, body);
    assert.equal(res.status, 403, `${method} ${path}`);
    assert.equal(code(res), 'PERMISSION_DENIED');
    assert.match(res.body.error.message, /Open and reply to support tickets/);
  }
  assert.deepEqual(await kit.store.list('tentry:lakeside', { limit: 100 }), before);
  assert.equal((await kit.store.list(keys.accountTickets('lakeside', a.account.id))).items.length, 1);
  const read = await viewer.as('GET', ticketPath(ticket.id));
  assert.equal(read.status, 200);
  assert.deepEqual(read.body.subscribers, []);
  assert.equal(read.body.status, 'open');
  assert.equal(read.body.entries[0].estimate.status, 'proposed');
  assert.equal((await viewer.as('GET', R.tickets)).body.items.length, 1);
  // The upload is untouched: still the viewer's, pending.
  assert.ok(await kit.store.get(keys.upload('lakeside', { accountId: a.account.id, userId: viewer.id }, upload.id)));
  assert.ok((await accountTrail(kit, a.account.id)).some((e) => e.action === 'access.denied'));
});

// ---- the thread ------------------------------------------------------------------------

test('a staff reply emails the author and active subscribers with an email; files from /v1/admin/uploads; the portal never sees the key id', async () => {
  const ctx = await setup();
  const { kit, a } = ctx;
  const sam = await staffOf(ctx);
  const noMail = await staffOf(ctx, { username: 'nora', name: 'Nora', email: null });
  const gone = await staffOf(ctx, { username: 'gus', name: 'Gus' });
  const ticket = await open(a.as, repair({}, { subscribers: [sam.id, noMail.id, gone.id] }));
  await a.as('POST', routePath(R.staffDisable, { userId: gone.id }), {});
  const quote = await uploadAs(kit, 'admin', PDF, 'quote.pdf');
  kit.mailer.sent = [];

  const res = await kit.admin('POST', adminReplies(ticket.id), { body: 'We will replace the battery on Tuesday.', attachments: [quote.id] });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const reply = res.body.entries[0];
  assert.equal(reply.kind, 'reply');
  assert.equal(reply.side, 'dealer');
  assert.deepEqual(reply.author, { kind: 'admin', adminId: 'backoffice', name: 'admin Pat Dispatcher' });
  assert.deepEqual(reply.attachments.map((f: any) => f.filename), ['quote.pdf']);
  assert.equal(res.body.lastSide, 'dealer');
  assert.equal(res.body.entryCount, 1);

  await kit.portal.settled();
  const mails = kit.mailer.sent.filter((m) => m.template === 'ticket-update');
  assert.deepEqual(mails.map((m) => m.to.email).sort(), ['dana@harborview.example', 'sam@harborview.example']);
  const data = mails[0]!.data as any;
  assert.equal(data.kind, 'reply');
  assert.equal(data.by, 'admin Pat Dispatcher');
  assert.equal(data.text, 'We will replace the battery on Tuesday.');
  assert.equal(data.attachmentCount, 1);
  assert.equal(data.ticketNumber, 'T-1001');
  assert.equal(mails[0]!.dealer.portalUrl, `${ORIGIN}/portal`, 'the email links to the portal');

  const seen = (await sam.as('GET', ticketPath(ticket.id))).body;
  assert.deepEqual(seen.entries[0].author, { kind: 'admin', name: 'admin Pat Dispatcher' }, 'no key id in the portal');
  const file = await kit.portal.request(filePath(ticket.id, quote.id), { headers: { authorization: `Bearer ${sam.token}` } });
  assert.equal(file.status, 200);
  assert.deepEqual(new Uint8Array(await file.arrayBuffer()), PDF);
  const trail = await accountTrail(kit, a.account.id);
  assert.equal(trail.find((e) => e.action === 'ticket.replied').summary, 'admin Pat Dispatcher replied to the ticket T-1001 "Keypad beeps at night" with 1 file');
  assert.equal((await kit.admin('POST', adminReplies(ticket.id), {})).body.error.fields.body, 'Write a reply or attach a file.');
});

test('status: staff complete with a reply, a client reply reopens; clients complete and reopen; each step in the thread and the trail', async () => {
  const { kit, a } = await setup();
  const ticket = await open(a.as);
  const done = await kit.admin('POST', adminReplies(ticket.id), { body: 'Fixed.', status: 'completed' });
  assert.equal(done.body.status, 'completed');
  assert.deepEqual(
    done.body.entries.map((e: any) => [e.kind, e.side, e.body, e.status]),
    [
      ['reply', 'dealer', 'Fixed.', undefined],
      ['status', 'dealer', 'Marked completed', 'completed'],
    ],
  );
  await kit.portal.settled();
  assert.equal((kit.mailer.last('ticket-update')!.data as any).status, 'completed');
  assert.deepEqual((await a.as('GET', R.tickets)).body.items, [], 'not among the open ones');
  assert.equal((await a.as('GET', `${R.tickets}?status=completed`)).body.items.length, 1);

  const back = await a.as('POST', repliesPath(ticket.id), { body: 'It beeps again.' });
  assert.equal(back.status, 200);
  assert.equal(back.body.status, 'open');
  assert.deepEqual(back.body.entries.slice(2).map((e: any) => [e.kind, e.side, e.body]), [
    ['reply', 'client', 'It beeps again.'],
    ['status', 'client', 'Reopened'],
  ]);
  assert.equal(back.body.lastSide, 'client');
  await kit.portal.settled();
  const activity = kit.mailer.last('ticket-activity')!.data as any;
  assert.equal(activity.kind, 'replied');
  assert.equal(activity.text, 'It beeps again.');

  const statusPath = routePath(R.ticketStatus, { ticketId: ticket.id });
  assert.equal((await a.as('POST', statusPath, { status: 'completed' })).body.status, 'completed');
  const same = await a.as('POST', statusPath, { status: 'completed' });
  assert.equal(same.body.entryCount, 5, 'the same status again adds nothing');
  assert.equal((await kit.admin('PATCH', adminTicket(ticket.id), { status: 'open' })).body.status, 'open');
  const trail = (await accountTrail(kit, a.account.id)).filter((e) => e.action === 'ticket.status-changed').map((e) => e.summary);
  assert.deepEqual(trail, [
    'admin Pat Dispatcher reopened the ticket T-1001 "Keypad beeps at night"',
    'Dana Reyes completed the ticket T-1001 "Keypad beeps at night"',
    'admin Pat Dispatcher completed the ticket T-1001 "Keypad beeps at night"',
  ]);
  assert.ok((await accountTrail(kit, a.account.id)).find((e) => e.action === 'ticket.replied' && e.details.reopened === true));
  const events = (await kit.admin('GET', A.events)).body.items.map((e: any) => e.type);
  assert.deepEqual(events, ['ticket.created', 'ticket.replied']);
});

// ---- estimates -------------------------------------------------------------------------

test('estimates: proposed by staff (emailed), approved once by the client; two decisions at once: one 200, one 409', async () => {
  const ctx = await setup();
  const { kit, a } = ctx;
  const sam = await staffOf(ctx);
  const ticket = await open(a.as);
  for (const body of [{ amountCents: 0, description: 'x' }, { amountCents: 12.5, description: 'x' }, { amountCents: -5, description: 'x' }, { amountCents: 100, description: ' ' }, { amountCents: 100, currency: 'usd', description: 'x' }, { amountCents: '100', description: 'x' }]) {
    const res = await kit.admin('POST', estimatesPath(ticket.id), body);
    assert.equal(res.status, 400, JSON.stringify(body));
  }
  kit.mailer.sent = [];
  const proposed = await kit.admin('POST', estimatesPath(ticket.id), { amountCents: 18950, description: 'Replace the keypad and its battery.' });
  assert.equal(proposed.status, 200, JSON.stringify(proposed.body));
  const est = proposed.body.entries[0];
  assert.equal(est.kind, 'estimate');
  assert.deepEqual(est.estimate, { amountCents: 18950, currency: 'USD', description: 'Replace the keypad and its battery.', status: 'proposed', decidedAt: null, decidedBy: null, decisionNote: null });
  assert.equal(proposed.body.estimatePending, true);
  await kit.portal.settled();
  const mail = kit.mailer.last('ticket-update')!;
  assert.equal(mail.to.email, 'dana@harborview.example');
  assert.deepEqual((mail.data as any).estimate, { amountCents: 18950, currency: 'USD' });
  assert.equal((mail.data as any).kind, 'estimate');
  assert.equal((await a.as('GET', R.tickets)).body.items[0].estimatePending, true);

  const both = await Promise.all([a.as('POST', decisionPath(ticket.id, est.id), { decision: 'approve', note: 'Go ahead' }), sam.as('POST', decisionPath(ticket.id, est.id), { decision: 'decline' })]);
  assert.deepEqual(both.map((r) => r.status).sort(), [200, 409]);
  const lost = both.find((r) => r.status === 409)!;
  assert.equal(code(lost), 'CONFLICT');
  const won = both.find((r) => r.status === 200)!.body;
  const decided = won.entries[0].estimate;
  assert.ok(['approved', 'declined'].includes(decided.status));
  assert.equal(won.estimatePending, false);
  assert.match(lost.body.error.message, new RegExp(`already ${decided.status}`));
  assert.equal(code(await a.as('POST', decisionPath(ticket.id, est.id), { decision: 'decline' })), 'CONFLICT', 'once');
  assert.equal(code(await kit.admin('POST', withdrawPath(ticket.id, est.id), {})), 'CONFLICT', 'a decided estimate cannot be withdrawn');

  const events = (await kit.admin('GET', A.events)).body.items.filter((e: any) => e.type.startsWith('ticket.estimate'));
  assert.equal(events.length, 1);
  assert.equal(events[0].type, `ticket.estimate-${decided.status}`);
  assert.equal(events[0].entryId, est.id);
  assert.deepEqual(events[0].estimate, { amountCents: 18950, currency: 'USD' });
  await kit.portal.settled();
  const notice = kit.mailer.last('ticket-activity')!.data as any;
  assert.equal(notice.kind, `estimate-${decided.status}`);
  assert.deepEqual(notice.estimate, { amountCents: 18950, currency: 'USD', description: 'Replace the keypad and its battery.' });
  const trail = await accountTrail(kit, a.account.id);
  assert.match(trail.find((e) => e.action === `ticket.estimate-${decided.status}`).summary, new RegExp(`${decided.status} the estimate of \\$189\\.50 on the ticket T-1001`));
  assert.match(trail.find((e) => e.action === 'ticket.estimate-proposed').summary, /admin Pat Dispatcher proposed an estimate of \$189\.50/);
});

test('estimates: an emulating admin cannot decide; staff withdraw a proposed one; only estimates of that ticket', async () => {
  const { kit, a } = await setup();
  const ticket = await open(a.as);
  const other = await open(a.as, { requestType: 'general', subject: 'Other', fields: { details: 'x' } });
  const est = (await kit.admin('POST', estimatesPath(ticket.id), { amountCents: 5000, currency: 'CAD', description: 'Battery' })).body.entries[0];
  const emulated = kit.as((await kit.admin('POST', routePath(A.emulate, { accountId: a.account.id }), {})).body.token);
  const refused = await emulated('POST', decisionPath(ticket.id, est.id), { decision: 'approve' });
  assert.equal(refused.status, 403);
  assert.equal(code(refused), 'EMULATION_FORBIDDEN');
  // Replying as the client while emulating is allowed and marked.
  const replied = await emulated('POST', repliesPath(ticket.id), { body: 'Client asked me to say hi.' });
  assert.equal(replied.status, 200);
  assert.deepEqual(replied.body.entries[1].author, { kind: 'emulation', userId: a.manager.id, name: 'admin Pat Dispatcher as manager Dana Reyes' });

  assert.equal((await a.as('POST', decisionPath(other.id, est.id), { decision: 'approve' })).status, 404, 'not an estimate of that ticket');
  assert.equal((await a.as('POST', decisionPath(ticket.id, replied.body.entries[1].id), { decision: 'approve' })).status, 404, 'a reply is no estimate');
  assert.equal((await a.as('POST', decisionPath(ticket.id, est.id), { decision: 'maybe' })).status, 400);

  const withdrawn = await kit.admin('POST', withdrawPath(ticket.id, est.id), {}, { 'porchlight-admin': 'Ada' });
  assert.equal(withdrawn.status, 200);
  assert.equal(withdrawn.body.entries[0].estimate.status, 'withdrawn');
  assert.equal(withdrawn.body.estimatePending, false);
  assert.equal(code(await a.as('POST', decisionPath(ticket.id, est.id), { decision: 'approve' })), 'CONFLICT');
  assert.equal(code(await kit.admin('POST', withdrawPath(ticket.id, est.id), {})), 'CONFLICT');
  const trail = await accountTrail(kit, a.account.id);
  assert.match(trail.find((e) => e.action === 'ticket.estimate-withdrawn').summary, /^admin Ada withdrew the estimate of CA\$50\.00 on the ticket T-1001/);
});

// ---- lists -----------------------------------------------------------------------------

test('lists: newest first, open by default, subject search ignoring case and accents, paged; the back office sees every account with its name', async () => {
  const { kit, a, b } = await setup();
  const subjects = ['Caméra du portail', 'Keypad beeps', 'CAMERA offline', 'Door contact', 'Motion sensor'];
  const made: any[] = [];
  for (const subject of subjects) {
    kit.clock.now += 1000;
    made.push(await open(a.as, { requestType: 'general', subject, fields: { details: 'x' } }));
  }
  kit.clock.now += 1000;
  const bs = await open(b.as, { requestType: 'general', subject: 'Camera at the gate', fields: { details: 'x' } });
  await kit.admin('PATCH', adminTicket(made[3].id), { status: 'completed' });

  const subjectsOf = (res: { body: any }) => res.body.items.map((t: any) => t.subject);
  assert.deepEqual(subjectsOf(await a.as('GET', R.tickets)), ['Motion sensor', 'CAMERA offline', 'Keypad beeps', 'Caméra du portail']);
  assert.deepEqual(subjectsOf(await a.as('GET', `${R.tickets}?status=completed`)), ['Door contact']);
  assert.deepEqual(subjectsOf(await a.as('GET', `${R.tickets}?status=all&q=${encodeURIComponent('  camera ')}`)), ['CAMERA offline', 'Caméra du portail']);
  assert.deepEqual(subjectsOf(await a.as('GET', `${R.tickets}?q=${encodeURIComponent('CAMÉRA')}`)), ['CAMERA offline', 'Caméra du portail']);

  const page1 = await a.as('GET', `${R.tickets}?status=all&limit=2`);
  assert.deepEqual(subjectsOf(page1), ['Motion sensor', 'Door contact']);
  assert.ok(page1.body.cursor);
  const page2 = await a.as('GET', `${R.tickets}?status=all&limit=2&cursor=${encodeURIComponent(page1.body.cursor)}`);
  assert.deepEqual(subjectsOf(page2), ['CAMERA offline', 'Keypad beeps']);
  const page3 = await a.as('GET', `${R.tickets}?status=all&limit=2&cursor=${encodeURIComponent(page2.body.cursor)}`);
  assert.deepEqual(subjectsOf(page3), ['Caméra du portail']);
  assert.equal(page3.body.cursor, null);

  const all = await kit.admin('GET', `${A.tickets}?q=camera`);
  assert.deepEqual(
    all.body.items.map((t: any) => [t.subject, t.accountName]),
    [
      ['Camera at the gate', 'Other Account'],
      ['CAMERA offline', 'Harbor View Condominiums'],
      ['Caméra du portail', 'Harbor View Condominiums'],
    ],
  );
  assert.deepEqual(subjectsOf(await kit.admin('GET', `${A.tickets}?accountId=${b.account.id}&status=all`)), ['Camera at the gate']);
  assert.equal((await kit.admin('GET', `${A.tickets}?accountId=${'0'.repeat(26)}`)).status, 404);
  assert.equal((await kit.admin('GET', adminTicket(bs.id))).body.subject, 'Camera at the gate');
});

test('garbage bodies, queries, ids and cursors answer 4xx, never 5xx', async () => {
  const ctx = await setup();
  const { kit, a } = ctx;
  const ticket = await open(a.as);
  const bodies: unknown[] = [null, [], 'x', 42, {}, { requestType: 5 }, { requestType: 'repair', subject: 'x', fields: [] }, { requestType: 'repair', subject: 'x', fields: 'x' }, { requestType: 'repair', subject: 'x', fields: { photos: [{}] } }, { requestType: 'repair', subject: 'x', subscribers: ['nope'] }, { requestType: '../x', subject: 'x' }, { body: 5 }, { attachments: 'x' }, { attachments: Array(6).fill('0'.repeat(26)) }, { userIds: null }, { status: 'closed' }, { decision: 1 }, '{"__proto__":{"a":1},"body":"x"}'];
  for (const body of bodies) {
    for (const [method, path] of [
      ['POST', R.tickets],
      ['POST', repliesPath(ticket.id)],
      ['PUT', routePath(R.ticketSubscribers, { ticketId: ticket.id })],
      ['POST', routePath(R.ticketStatus, { ticketId: ticket.id })],
      ['POST', adminReplies(ticket.id)],
      ['PATCH', adminTicket(ticket.id)],
      ['POST', estimatesPath(ticket.id)],
    ] as const) {
      const res = path.startsWith('/v1/admin') ? await kit.admin(method, path, body) : await a.as(method, path, body);
      assert.ok(res.status >= 400 && res.status < 500, `${method} ${path} ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
  assert.equal((await a.as('POST', R.tickets, '{"requestType":')).status, 400);
  assert.equal((await kit.call('POST', R.tickets, JSON.stringify(repair()), { authorization: `Bearer ${a.token}`, 'content-type': 'text/plain' })).status, 415);
  for (const q of ['?status=closed', '?limit=0', '?limit=101', '?limit=abc', '?cursor=%00%00', '?cursor=abc', '?cursor=.999', `?cursor=${'x'.repeat(501)}`, '?q=' + 'x'.repeat(101), '?other=1', '?cursor=AAAA.5']) {
    const portal = await a.as('GET', R.tickets + q);
    assert.ok(portal.status >= 400 && portal.status < 500, `GET ${q}: ${portal.status}`);
    const admin = await kit.admin('GET', A.tickets + q);
    assert.ok(admin.status >= 400 && admin.status < 500, `GET admin ${q}: ${admin.status}`);
  }
  assert.equal((await kit.admin('GET', `${A.tickets}?accountId=nope`)).status, 400);
  for (const id of ['nope', '0'.repeat(25), 'x'.repeat(600), '__proto__', '%00', encodeURIComponent('a:b'), '0'.repeat(26)]) {
    for (const [method, path, body] of [
      ['GET', `/v1/tickets/${id}`, undefined],
      ['POST', `/v1/tickets/${id}/replies`, { body: 'x' }],
      ['POST', `/v1/tickets/${id}/estimates/${id}/decision`, { decision: 'approve' }],
      ['GET', `/v1/tickets/${ticket.id}/attachments/${id}`, undefined],
      ['GET', `/v1/tickets/${id}/attachments/${id}`, undefined],
    ] as const) {
      const res = await a.as(method, path, body);
      assert.ok(res.status === 400 || res.status === 404, `${method} ${path}: ${res.status}`);
    }
    for (const [method, path, body] of [
      ['GET', `/v1/admin/tickets/${id}`, undefined],
      ['PATCH', `/v1/admin/tickets/${id}`, { status: 'open' }],
      ['POST', `/v1/admin/tickets/${id}/estimates/${id}/withdraw`, {}],
      ['GET', `/v1/admin/tickets/${id}/attachments/${id}`, undefined],
    ] as const) {
      const res = await kit.admin(method, path, body);
      assert.ok(res.status === 400 || res.status === 404, `${method} ${path}: ${res.status}`);
    }
  }
  const unchanged = (await a.as('GET', ticketPath(ticket.id))).body;
  assert.equal(unchanged.entryCount, 0);
  assert.equal(unchanged.status, 'open');
});
