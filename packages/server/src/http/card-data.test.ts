import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStorage } from 'unstorage';
import { CARD_DATA_MESSAGE, routePath, Routes } from '@porchlight/core';
import { makeKit, API_KEY } from '../testing/kit.js';
import { unstorageStore } from '../store/unstorage.js';
import { findCardData } from './card-data.js';

const PAN = '4111 1111 1111 1111';
const PAN_DIGITS = '4111111111111111';
const AMEX = '3782-822463-10005';

/** A portal whose store we can read behind its back, and whose unexpected errors we collect. */
function setup() {
  const storage = createStorage();
  const clock = { now: Date.parse('2026-11-23T12:00:00Z') };
  const unexpected: unknown[] = [];
  const kit = makeKit({ store: unstorageStore(storage, { now: () => clock.now }), onUnexpectedError: (e) => unexpected.push(e) });
  kit.clock.now = clock.now;
  /** Everything the store holds, as one text. */
  const dump = async () => {
    const parts: string[] = [];
    for (const key of await storage.getKeys()) parts.push(key, JSON.stringify(await storage.getItem(key)));
    return parts.join('\n');
  };
  return { kit, unexpected, dump };
}

/** The refusal: 400 VALIDATION_FAILED, the message, the field named, and not one digit of the number in the answer. */
function assertRefused(res: { status: number; body: any }, field: string, digits = PAN_DIGITS) {
  assert.equal(res.status, 400, JSON.stringify(res.body));
  assert.equal(res.body.error.code, 'VALIDATION_FAILED');
  assert.equal(res.body.error.message, CARD_DATA_MESSAGE);
  assert.match(res.body.error.message, /^Card and bank account numbers are never sent to Porchlight/);
  assert.deepEqual(Object.keys(res.body.error.fields), [field]);
  const text = JSON.stringify(res.body);
  assert.ok(!text.replace(/\D/g, '').includes(digits.slice(-8)), `the answer holds no digits of the number: ${text}`);
}

test('a card number in a contact note, a ticket reply, a nested field or the query string is refused; nothing is stored or reported', async () => {
  const { kit, unexpected, dump } = await setup();
  const { a } = await kit.twoAccounts();

  // A contact note.
  assertRefused(await a.as('POST', Routes.contacts, { name: 'Neighbor Ned', phone: '(555) 010-0111', notes: `Pays with card ${PAN} exp 12/29` }), 'notes');
  assertRefused(await a.as('POST', Routes.contacts, { name: 'Neighbor Ned', phone: '(555) 010-0111', notes: `Amex ${AMEX}` }), 'notes', '378282246310005');
  assert.equal((await a.as('GET', Routes.contacts)).body.items.length, 0, 'no contact was created');

  // A ticket reply.
  const opened = await a.as('POST', Routes.tickets, { requestType: 'repair', subject: 'Keypad beeps', fields: { system: 'Intrusion alarm', description: 'Beeps at 2 am.' } });
  assert.equal(opened.status, 201, JSON.stringify(opened.body));
  const replies = routePath(Routes.ticketReplies, { ticketId: opened.body.id });
  const entriesBefore = opened.body.entries.length;
  assertRefused(await a.as('POST', replies, { body: `Charge it to ${PAN_DIGITS}, thanks` }), 'body');
  const ticket = await a.as('GET', routePath(Routes.ticket, { ticketId: opened.body.id }));
  assert.equal(ticket.body.entries.length, entriesBefore, 'no reply was added');
  assert.equal((await a.as('POST', replies, { body: 'The keypad is by the back door.' })).status, 200, 'an ordinary reply goes through');

  // A nested field: a ticket's form answer, and a line of a dealer's proposal sync (admin API).
  assertRefused(await a.as('POST', Routes.tickets, { requestType: 'repair', subject: 'Billing', fields: { system: 'Intrusion alarm', description: `card ${PAN}` } }), 'fields.description');
  const sync = await kit.admin('PUT', routePath(Routes.admin.proposal, { accountId: a.account.id, proposalNumber: 'P-1' }), {
    title: 'Upgrade',
    lines: [
      { description: 'Panel', quantity: 1, unitCents: 100, totalCents: 100 },
      { description: `Paid by ${PAN}`, quantity: 1, unitCents: 100, totalCents: 100 },
    ],
    subtotalCents: 200,
    taxCents: 0,
    totalCents: 200,
    currency: 'USD',
    terms: '',
    expiresAt: '2026-12-31T00:00:00Z',
    salesperson: { name: 'Morgan Lee', email: 'morgan@lakeside.example' },
  });
  assertRefused(sync, 'lines.1.description');

  // The query string.
  assertRefused(await a.as('GET', `${Routes.tickets}?q=${encodeURIComponent(PAN)}`), 'q');
  assertRefused(await kit.admin('GET', `${Routes.admin.tickets}?q=${PAN_DIGITS}`), 'q');

  // A JSON number, and a body that is not even valid JSON (whose parse error would quote it).
  assertRefused(await a.as('POST', Routes.contacts, { name: 'Ned', phone: '5550111', priority: 4111111111111111 }), 'priority');
  assertRefused(await a.as('POST', Routes.contacts, `{"name":"Ned","notes":"${PAN_DIGITS}`), '(body)');

  const stored = await dump();
  assert.ok(!stored.includes(PAN_DIGITS) && !stored.includes(PAN) && !stored.includes('4111-1111') && !stored.includes('82246310005'), 'the store never saw the number');
  assert.deepEqual(unexpected, [], 'nothing was reported as unexpected');
});

test('fields named like card or bank data are refused when they hold a value', async () => {
  const { kit, unexpected, dump } = await setup();
  const { a } = await kit.twoAccounts();
  for (const [body, field] of [
    [{ name: 'Ned', phone: '5550111', cvv: '123' }, 'cvv'],
    [{ name: 'Ned', phone: '5550111', card: { securityCode: 737 } }, 'card.securityCode'],
    [{ name: 'Ned', phone: '5550111', payment: { cardNumber: '4111' } }, 'payment.cardNumber'],
    [{ name: 'Ned', phone: '5550111', bank: { routingNumber: '011000015', accountNumber: '000123456789' } }, 'bank.routingNumber'],
    [{ name: 'Ned', phone: '5550111', pan: 'x' }, 'pan'],
  ] as const) {
    const res = await a.as('POST', Routes.contacts, body);
    assert.equal(res.status, 400);
    assert.equal(res.body.error.message, CARD_DATA_MESSAGE, JSON.stringify(body));
    assert.deepEqual(Object.keys(res.body.error.fields), [field]);
    assert.ok(!JSON.stringify(res.body).includes('737') && !JSON.stringify(res.body).includes('011000015'));
  }
  assert.equal((await a.as('GET', `${Routes.contacts}?cvv=123`)).body.error.fields.cvv !== undefined, true);
  // An empty one is not card data: the schema answers as usual (an unknown field).
  const empty = await a.as('POST', Routes.contacts, { name: 'Ned', phone: '5550111', cvv: '' });
  assert.equal(empty.status, 400);
  assert.notEqual(empty.body.error.message, CARD_DATA_MESSAGE);
  assert.ok(!(await dump()).includes('011000015'));
  assert.deepEqual(unexpected, []);
});

test('numbers that are not card numbers pass: Luhn-failing 16 digits, phones, identifiers, dates, hashes', async () => {
  const { kit, unexpected } = await setup();
  const { a } = await kit.twoAccounts();
  const notes = 'Gate code 4111 1111 1111 1112; alarm panel serial 1234-5678-9012; call (555) 010-0199 or +1 555 010 0100; keys since 2026-11-23.';
  const created = await a.as('POST', Routes.contacts, { name: 'Neighbor Ned', phone: '+1 (555) 010-0111', notes });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.notes, notes);
  const login = await kit.call('POST', Routes.login, { identifier: a.identifier, username: 'manager', password: a.password });
  assert.equal(login.status, 200);
  const tickets = await a.as('GET', `${Routes.tickets}?q=4111111111111112&limit=5`);
  assert.equal(tickets.status, 200);
  const hash = 'a3f41111111111111111b9c04111111111111111dd00112233445566778899aa';
  assert.equal(findCardData({ documentSha256: hash }), null, 'digits inside a hash are not a card number');
  assert.deepEqual(unexpected, []);
});

test('the guard keeps a large JSON body readable by its route, streamed or not, and bounds what it reads', async () => {
  const { kit } = await setup();
  const { a } = await kit.twoAccounts();
  const body = JSON.stringify({
    title: 'Upgrade',
    lines: [{ description: 'Panel', quantity: 1, unitCents: 100, totalCents: 100 }],
    subtotalCents: 100,
    taxCents: 0,
    totalCents: 100,
    currency: 'USD',
    terms: 'x'.repeat(15_000),
    expiresAt: '2026-12-31T00:00:00Z',
    salesperson: { name: 'Morgan Lee', email: 'morgan@lakeside.example' },
  });
  const path = routePath(Routes.admin.proposal, { accountId: a.account.id, proposalNumber: 'P-2' });
  const headers = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };
  const stream = new ReadableStream({
    start(controller) {
      const bytes = new TextEncoder().encode(body);
      for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.slice(i, i + 4096));
      controller.close();
    },
  });
  const streamed = await kit.portal.request(path, { method: 'PUT', headers, body: stream, duplex: 'half' } as RequestInit);
  assert.equal(streamed.status, 201, await streamed.clone().text());
  const plain = await kit.portal.request(path, { method: 'PUT', headers, body });
  assert.equal(plain.status, 200);
  assert.equal((await plain.json()).changed, false);
  const huge = await kit.portal.request(path, { method: 'PUT', headers: { ...headers, 'content-length': String(64 * 1024 * 1024) }, body: '{}' });
  assert.equal(huge.status, 413);
});

test('findCardData walks deep bodies without recursion and names the path', () => {
  let deep: unknown = `card ${PAN}`;
  for (let i = 0; i < 50_000; i++) deep = [deep];
  assert.equal(findCardData(deep)?.split('.').length, 50_000);
  assert.equal(findCardData({ a: [{ b: 'ok' }, { c: { d: PAN } }] }), 'a.1.c.d');
  assert.equal(findCardData({ [PAN_DIGITS]: 1 }), '(field name)');
  assert.equal(findCardData({ ok: ['5550100', '2026-11-23', 125_050, null, true] }), null);
});
