import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { INVOICE_PDF_MAX_BYTES, routePath, Routes } from '@porchlight/core';
import type { Deps } from '../../context.js';
import { keys } from '../../store/keys.js';
import { API_KEY, HILLTOP_KEY, makeKit, makeTwoDealerKit, ORIGIN } from '../../testing/kit.js';
import { renderPdf } from '../../../../../scripts/render-pdf.mjs';
import { renderInvoicePdf } from './pdf.js';
import { applyPortalPayment, recordPortalRefund } from './service.js';

type Kit = ReturnType<typeof makeKit>;
type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any; headers: Headers }>;

const B = Routes.billing;
const code = (res: { body: any }) => res.body?.error?.code;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const SYSTEM = { kind: 'system' as const, name: 'payments' };

const syncPath = (accountId: string, invoiceNumber: string) => routePath(B.admin.invoice, { accountId, invoiceNumber });
const invoicePath = (invoiceId: string) => routePath(B.invoice, { invoiceId });
const pdfPath = (invoiceId: string) => routePath(B.invoicePdf, { invoiceId });

/** A monthly monitoring invoice: lines, 8% tax, fully open unless told. */
function invoiceBody(o: { issueDate?: string; dueDate?: string; lines?: { description: string; quantity: number; unitCents: number }[]; balanceCents?: number; [k: string]: unknown } = {}) {
  const { issueDate = '2026-11-01', dueDate = '2026-11-15', lines: given, balanceCents, ...rest } = o;
  const lines = (given ?? [
    { description: 'Alarm monitoring, 24/7 central station (November 2026)', quantity: 1, unitCents: 3_499 },
    { description: 'Cellular backup communicator', quantity: 1, unitCents: 1_000 },
    { description: 'Door and window sensor, replacement', quantity: 2, unitCents: 2_450 },
  ]).map((l) => ({ ...l, totalCents: Math.round(l.quantity * l.unitCents) }));
  const subtotalCents = lines.reduce((s, l) => s + l.totalCents, 0);
  const taxCents = Math.round(subtotalCents * 0.08);
  const totalCents = subtotalCents + taxCents;
  return { issueDate, dueDate, lines, subtotalCents, taxCents, totalCents, balanceCents: balanceCents ?? totalCents, registrationKey: 'RK-7F3A-22Q9', ...rest };
}

/** The deps the payments feature hands the invoice service (store and clock are all it reads). */
const depsOf = (kit: Kit) => ({ store: kit.store, now: () => kit.clock.now }) as unknown as Deps;

async function setup(kit: Kit = makeKit()) {
  const { a, b } = await kit.twoAccounts();
  const synced = await kit.admin('PUT', syncPath(a.account.id, 'INV-1001'), invoiceBody());
  assert.equal(synced.status, 201, JSON.stringify(synced.body));
  return { kit, a, b, invoice: synced.body.invoice as any };
}

async function download(kit: Kit, token: string, path: string) {
  const res = await kit.portal.request(path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

const trail = async (kit: Kit, accountId: string) => (await kit.admin('GET', `${routePath(Routes.admin.accountAudit, { accountId })}?limit=100`)).body.items as any[];

test('sync: PUT by number creates (201); the same body again changes nothing; other content makes version 2; audited once per change', async () => {
  const { kit, a, invoice } = await setup();
  assert.equal(invoice.number, 'INV-1001');
  assert.equal(invoice.version, 1);
  assert.equal(invoice.status, 'open');
  assert.equal(invoice.totalCents, 10_151);
  assert.deepEqual([invoice.syncedBalanceCents, invoice.paidInPortalCents, invoice.balanceCents], [10_151, 0, 10_151]);
  assert.equal(invoice.currency, 'USD', "the dealer's currency by default");
  assert.equal(invoice.registrationKey, 'RK-7F3A-22Q9');
  assert.deepEqual(invoice.document, { source: 'rendered', sha256: null, size: null, filename: 'invoice-INV-1001.pdf' });
  assert.deepEqual(invoice.createdBy, { kind: 'admin', adminId: 'backoffice', name: 'admin Pat Dispatcher' });
  assert.equal(invoice.pastDue, true, 'due November 15, and the clock says November 23');

  kit.clock.now += 60_000;
  const again = await kit.admin('PUT', syncPath(a.account.id, 'INV-1001'), invoiceBody());
  assert.equal(again.status, 200);
  assert.deepEqual([again.body.created, again.body.changed, again.body.invoice.version], [false, false, 1]);
  assert.equal(again.body.invoice.updatedAt, invoice.updatedAt, 'nothing was written');
  const explicit = await kit.admin('PUT', syncPath(a.account.id, 'INV-1001'), invoiceBody({ currency: 'USD', void: false, memo: '' }));
  assert.equal(explicit.body.changed, false, 'the defaults written out are the same content');

  const changed = await kit.admin('PUT', syncPath(a.account.id, 'inv-1001'), invoiceBody({ balanceCents: 5_000 }));
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.equal(changed.body.invoice.id, invoice.id, 'the number is matched without regard to case');
  assert.equal(changed.body.invoice.number, 'INV-1001', 'and keeps its first spelling');
  assert.deepEqual([changed.body.changed, changed.body.invoice.version, changed.body.invoice.status, changed.body.invoice.balanceCents], [true, 2, 'partially-paid', 5_000]);

  const one = await kit.admin('GET', syncPath(a.account.id, 'INV-1001'));
  assert.equal(one.body.version, 2);
  const list = await kit.admin('GET', routePath(B.admin.invoices, { accountId: a.account.id }));
  assert.deepEqual(list.body.items.map((i: any) => i.number), ['INV-1001']);
  const synced = (await trail(kit, a.account.id)).filter((e) => e.action === 'invoice.synced');
  assert.equal(synced.length, 2, 'one audit entry per change, none for the repeats');
  assert.equal(synced[0].summary, 'admin Pat Dispatcher changed invoice INV-1001 to version 2: $101.51, $50.00 open');
  assert.equal(synced[1].summary, 'admin Pat Dispatcher sent invoice INV-1001: $101.51, $101.51 open');
});

test('sync validation: totals, balance, dates, currency, number and PDF are checked with messages (400, never 5xx); nothing is stored', async () => {
  const kit = makeKit();
  const { account } = await kit.accountWithManager();
  const put = (body: unknown, number = 'INV-1') => kit.admin('PUT', syncPath(account.id, number), body);
  const base = invoiceBody();
  const cases: [unknown, string, RegExp][] = [
    [{ ...base, lines: [{ ...base.lines[0], totalCents: 3_500 }, ...base.lines.slice(1)] }, 'lines.0.totalCents', /quantity times the unit price: 3499 cents/],
    [{ ...base, subtotalCents: 9_000, totalCents: 9_752, balanceCents: 0 }, 'subtotalCents', /sum of the line totals: 9399 cents/],
    [{ ...base, totalCents: 10_152, balanceCents: 0 }, 'totalCents', /subtotal plus the tax: 10151 cents/],
    [{ ...base, balanceCents: 10_152 }, 'balanceCents', /cannot be more than the total: at most 10151 cents/],
    [{ ...base, balanceCents: -1 }, 'balanceCents', /cannot be negative/],
    [{ ...base, balanceCents: 10.5 }, 'balanceCents', /whole cents/],
    [{ ...base, taxCents: -5 }, 'taxCents', /cannot be negative/],
    [{ ...base, dueDate: '2026-10-31' }, 'dueDate', /cannot be before the issue date \(2026-11-01\)/],
    [{ ...base, issueDate: '2026-02-30' }, 'issueDate', /not a real date/],
    [{ ...base, issueDate: 'yesterday' }, 'issueDate', /as a date such as/],
    [{ ...base, currency: 'EUR' }, 'currency', /bills in USD/],
    [{ ...base, currency: 'usd' }, 'currency', /ISO 4217/],
    [{ ...base, lines: [] }, 'lines', /at least one line/],
    [{ ...base, registrationKey: '' }, 'registrationKey', /registration key/],
    [{ ...base, void: 'yes' }, 'void', /true or false/],
    [{ ...base, pdfBase64: Buffer.from('<html>not a pdf</html>').toString('base64') }, 'pdfBase64', /not a PDF/],
    [{ ...base, pdfBase64: Buffer.from('%PDF-1.7 but nothing else').toString('base64') }, 'pdfBase64', /cannot be read/],
    [{ ...base, extra: 1 }, 'extra', /not accepted/],
  ];
  for (const [body, field, message] of cases) {
    const res = await put(body);
    assert.equal(res.status, 400, `${field}: ${res.status} ${JSON.stringify(res.body)}`);
    assert.match(res.body.error.fields?.[field] ?? '', message, `${field}: ${JSON.stringify(res.body.error)}`);
  }
  for (const number of ['has space', '-leading', 'x'.repeat(41), 'a%2Fb', 'a~b']) assert.equal((await put(base, number)).status, 400, number);
  for (const body of ['null', '[]', '"x"', '{"issueDate":{}}', '{', 'nonsense']) {
    const res = await kit.admin('PUT', syncPath(account.id, 'INV-1'), body);
    assert.ok(res.status >= 400 && res.status < 500, `${body} -> ${res.status}`);
  }
  assert.equal((await kit.admin('PUT', syncPath('0'.repeat(26), 'INV-1'), base)).status, 404);
  assert.equal((await kit.admin('PUT', syncPath('not-an-id', 'INV-1'), base)).status, 400);
  const tooBig = await put({ ...base, pdfBase64: 'A'.repeat(Math.ceil(INVOICE_PDF_MAX_BYTES / 3) * 4 + 600 * 1024) });
  assert.equal(tooBig.status, 413);
  assert.equal((await kit.admin('GET', routePath(B.admin.invoices, { accountId: account.id }))).body.items.length, 0, 'nothing was stored');
  assert.equal((await kit.store.list('invno:lakeside', { limit: 10 })).items.length, 0, 'not even the number');
});

test('balance rules: a portal payment is kept apart; a stale sync never raises the balance above what it leaves; a sync may lower it; refunds lift the cap', async () => {
  const { kit, a, invoice } = await setup();
  const deps = depsOf(kit);
  const ref = { dealerId: 'lakeside', accountId: a.account.id, invoiceId: invoice.id };
  const put = (o: Record<string, unknown>) => kit.admin('PUT', syncPath(a.account.id, 'INV-1001'), invoiceBody(o));

  const paid = await applyPortalPayment(deps, ref, { paymentId: '01kaaaaaaaaaaaaaaaaaaaaaaa', amountCents: 3_000, actor: SYSTEM });
  assert.deepEqual([paid.paidInPortalCents, paid.balanceCents, paid.status, paid.version], [3_000, 7_151, 'partially-paid', 2]);
  const twice = await applyPortalPayment(deps, ref, { paymentId: '01kaaaaaaaaaaaaaaaaaaaaaaa', amountCents: 3_000, actor: SYSTEM });
  assert.deepEqual([twice.paidInPortalCents, twice.version], [3_000, 2], 'the same payment is applied once');

  // The dealer's system has not recorded the portal payment yet: its balance is still the total.
  const stale = await put({ memo: 'Thank you for your business.' });
  assert.equal(stale.body.changed, true);
  assert.deepEqual([stale.body.invoice.syncedBalanceCents, stale.body.invoice.balanceCents, stale.body.invoice.version], [10_151, 7_151, 3], 'the stale sync cannot raise it');
  const audit = (await trail(kit, a.account.id)).find((e) => e.action === 'invoice.synced');
  assert.match(audit.summary, /\$71\.51 open \(the sync said \$101\.51; \$30\.00 was paid in the portal\)$/);
  // Now it has, and a check of $10 arrived by mail too: the sync lowers it.
  assert.equal((await put({ balanceCents: 7_151 })).body.invoice.balanceCents, 7_151);
  const lower = await put({ balanceCents: 6_151 });
  assert.deepEqual([lower.body.invoice.balanceCents, lower.body.invoice.status], [6_151, 'partially-paid']);
  // The check bounced: the sync raises it again, but only up to what the portal payment leaves.
  assert.equal((await put({ balanceCents: 10_151 })).body.invoice.balanceCents, 7_151);
  // The portal payment is refunded in full: the cap goes.
  const refunded = await recordPortalRefund(deps, ref, { paymentId: '01kaaaaaaaaaaaaaaaaaaaaaaa', refundedCents: 3_000, actor: SYSTEM });
  assert.deepEqual([refunded.paidInPortalCents, refunded.balanceCents, refunded.status], [0, 10_151, 'open']);
  assert.equal((await recordPortalRefund(deps, ref, { paymentId: '01kaaaaaaaaaaaaaaaaaaaaaaa', refundedCents: 3_000, actor: SYSTEM })).version, refunded.version, 'idempotent');
  await assert.rejects(recordPortalRefund(deps, ref, { paymentId: '01kbbbbbbbbbbbbbbbbbbbbbbb', refundedCents: 1, actor: SYSTEM }), /was not applied/);

  // More than the balance (overpayment): the balance stops at zero and the invoice is paid.
  const over = await applyPortalPayment(deps, ref, { paymentId: '01kcccccccccccccccccccccc0', amountCents: 11_000, actor: SYSTEM });
  assert.deepEqual([over.balanceCents, over.status], [0, 'paid']);
  assert.equal((await put({ balanceCents: 10_151, memo: 'again' })).body.invoice.balanceCents, 0);

  // The portal sees the reconciled amounts.
  const seen = await a.as('GET', invoicePath(invoice.id));
  assert.deepEqual([seen.body.balanceCents, seen.body.paidCents, seen.body.paidInPortalCents, seen.body.status], [0, 10_151, 11_000, 'paid']);
  assert.equal(seen.body.syncedBalanceCents, undefined, 'the synced figure and the payments list stay in the back office');
  assert.equal(seen.body.portalPayments, undefined);

  // Void comes from the dealer only; nothing is due on it.
  const voided = await put({ void: true });
  assert.deepEqual([voided.body.invoice.status, voided.body.invoice.balanceCents], ['void', 0]);
  const unvoided = await put({ void: false, balanceCents: 10_151 });
  assert.equal(unvoided.body.invoice.status, 'paid', 'un-voided, the portal payment still counts');
});

test('lists: open by default, the next due first; show paid; sort by number, issue or due date either way; pages with cursors', async () => {
  const kit = makeKit();
  const { a, b } = await kit.twoAccounts();
  const numbers: string[] = [];
  const sync = async (number: string, o: Parameters<typeof invoiceBody>[0]) => {
    const res = await kit.admin('PUT', syncPath(a.account.id, number), invoiceBody(o));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    numbers.push(number);
    return res.body.invoice;
  };
  // Older years, all paid.
  for (const [i, year] of [2024, 2024, 2025, 2025, 2025].entries()) await sync(`INV-${i + 1}`, { issueDate: `${year}-0${i + 1}-01`, dueDate: `${year}-0${i + 1}-15`, balanceCents: 0 });
  // A year of monthly invoices: paid through August, September partly, October to December open.
  for (let m = 1; m <= 12; m++) {
    const month = String(m).padStart(2, '0');
    const full = invoiceBody().totalCents;
    await sync(`INV-${m + 5}`, { issueDate: `2026-${month}-01`, dueDate: `2026-${month}-${m === 12 ? '31' : '28'}`, balanceCents: m <= 8 ? 0 : m === 9 ? 1_000 : full });
  }
  // A void one, and one in the other account.
  await sync('INV-18', { issueDate: '2026-06-10', dueDate: '2026-06-20', void: true });
  assert.equal((await kit.admin('PUT', syncPath(b.account.id, 'INV-99'), invoiceBody())).status, 201);
  kit.clock.now = Date.parse('2026-11-23T12:00:00Z');

  const list = async (query = '', as: Call = a.as) => {
    const res = await as('GET', `${B.invoices}${query}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as { items: any[]; cursor: string | null };
  };
  const open = await list();
  assert.deepEqual(open.items.map((i) => i.number), ['INV-14', 'INV-15', 'INV-16', 'INV-17'], 'open by default, the next due first');
  assert.deepEqual(open.items.map((i) => i.status), ['partially-paid', 'open', 'open', 'open']);
  assert.deepEqual(open.items.map((i) => i.pastDue), [true, true, false, false], 'September and October are past due on November 23');
  assert.equal(open.cursor, null);
  assert.equal(open.items[0].paidCents, open.items[0].totalCents - 1_000);

  const paid = await list('?status=paid');
  assert.equal(paid.items.length, 13);
  assert.ok(paid.items.every((i) => i.status === 'paid'));
  assert.deepEqual(paid.items.slice(0, 2).map((i) => i.number), ['INV-1', 'INV-2'], 'the oldest due first');
  const all = await list('?status=all&sort=number&order=asc&limit=100');
  assert.equal(all.items.length, 18);
  assert.deepEqual(all.items.map((i) => i.number), numbers, 'numbers sort as people read them: INV-9 before INV-10');
  assert.ok(!all.items.some((i) => i.number === 'INV-99'), "the other account's invoice is not listed");
  assert.equal(all.items.find((i) => i.number === 'INV-18').status, 'void');
  assert.deepEqual((await list('?status=all&sort=number&order=desc&limit=3')).items.map((i) => i.number), ['INV-18', 'INV-17', 'INV-16']);
  assert.deepEqual((await list('?status=all&sort=issued&order=desc&limit=3')).items.map((i) => i.number), ['INV-17', 'INV-16', 'INV-15']);
  assert.deepEqual((await list('?status=paid&sort=due&order=desc&limit=2')).items.map((i) => i.number), ['INV-13', 'INV-12']);

  // Pages of 4 through everything, issue date ascending: every invoice once, in order.
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: { items: any[]; cursor: string | null } = await list(`?status=all&sort=issued&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    seen.push(...page.items.map((i) => i.number));
    cursor = page.cursor;
    pages++;
    // Between two pages, an invoice already shown is paid: nothing repeats, nothing is skipped.
    if (pages === 2) await kit.admin('PUT', syncPath(a.account.id, 'INV-6'), invoiceBody({ issueDate: '2026-01-01', dueDate: '2026-01-28', balanceCents: 0, memo: 'paid by check' }));
  } while (cursor);
  assert.equal(pages, 5);
  const byIssue = [...all.items].sort((x, y) => (x.issueDate < y.issueDate ? -1 : x.issueDate > y.issueDate ? 1 : 0)).map((i) => i.number);
  assert.deepEqual(seen, byIssue);

  // Open, in pages of one, the cursor carries on after an invoice that was paid meanwhile.
  const first = await list('?limit=1');
  assert.equal(first.items[0].number, 'INV-14');
  await kit.admin('PUT', syncPath(a.account.id, 'INV-14'), invoiceBody({ issueDate: '2026-09-01', dueDate: '2026-09-28', balanceCents: 0 }));
  assert.equal((await list(`?limit=1&cursor=${encodeURIComponent(first.cursor!)}`)).items[0].number, 'INV-15');

  // A cursor is for the filters it came with; garbage is a 400 naming it.
  for (const bad of [`?sort=number&cursor=${encodeURIComponent(first.cursor!)}`, '?cursor=garbage', '?cursor=due~asc~2026-01-01~not-an-id~INV-1', `?cursor=${'x'.repeat(600)}`]) {
    const res = await a.as('GET', `${B.invoices}${bad}`);
    assert.equal(res.status, 400, bad);
    assert.ok(res.body.error.fields.cursor, bad);
  }
  for (const bad of ['?status=closed', '?sort=amount', '?order=up', '?limit=0', '?limit=101', '?limit=abc', '?page=2']) assert.equal((await a.as('GET', `${B.invoices}${bad}`)).status, 400, bad);

  // The back office lists everything, newest issued first.
  const admin = await kit.admin('GET', `${routePath(B.admin.invoices, { accountId: a.account.id })}?limit=3`);
  assert.deepEqual(admin.body.items.map((i: any) => i.number), ['INV-17', 'INV-16', 'INV-15']);
  assert.equal(typeof admin.body.items[0].syncedBalanceCents, 'number');
});

test('permission: reading invoices needs invoices.view (403 for staff without it, audited); others read them', async () => {
  const { kit, a, invoice } = await setup();
  const without = await kit.staffLogin(a.as, a.identifier, { name: 'Sam Staff', username: 'sam', permissions: ['tickets.use'] });
  for (const path of [B.invoices, invoicePath(invoice.id), pdfPath(invoice.id)]) {
    const res = await without.as('GET', path);
    assert.equal(res.status, 403, path);
    assert.equal(code(res), 'PERMISSION_DENIED');
    assert.match(res.body.error.message, /"View invoices"/);
  }
  const denied = (await trail(kit, a.account.id)).filter((e) => e.action === 'access.denied');
  assert.ok(denied.some((e) => /view invoices/.test(e.summary)));
  const withView = await kit.staffLogin(a.as, a.identifier, { name: 'Vic Viewer', username: 'vic' });
  assert.equal((await withView.as('GET', B.invoices)).body.items.length, 1, 'new staff can look at invoices by default');
  assert.equal((await withView.as('GET', invoicePath(invoice.id))).status, 200);
  assert.equal((await kit.call('GET', B.invoices)).status, 401, 'no session, no invoices');
  const support = (method: string, path: string) => kit.call(method, path, undefined, { authorization: `Bearer ${API_KEY}` });
  assert.equal((await support('GET', B.invoices)).status, 401, 'the dealer API key is not a portal session');
});

test('the back-office invoice routes answer neither without admin credentials nor to a client session', async () => {
  const { kit, a } = await setup();
  for (const [method, path] of [
    ['GET', routePath(B.admin.invoices, { accountId: a.account.id })],
    ['GET', syncPath(a.account.id, 'INV-1001')],
    ['PUT', syncPath(a.account.id, 'INV-1001')],
    ['GET', routePath(B.admin.invoicePdf, { accountId: a.account.id, invoiceNumber: 'INV-1001' })],
  ] as const) {
    const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${a.token}` }, { cookie: `__Host-porchlight-session=${a.token}` }];
    for (const headers of attempts) {
      const res = await kit.call(method, path, method === 'PUT' ? invoiceBody({ balanceCents: 0 }) : undefined, headers);
      assert.equal(res.status, 401, `${method} ${path} ${JSON.stringify(headers)}`);
    }
  }
  assert.equal((await kit.admin('GET', syncPath(a.account.id, 'INV-1001'))).body.balanceCents, 10_151, 'nothing changed');
});

test('other accounts and other dealers: 404, as for an invoice that does not exist', async () => {
  const { kit, a, b, invoice } = await setup();
  for (const path of [invoicePath(invoice.id), pdfPath(invoice.id)]) {
    const res = await b.as('GET', path);
    assert.equal(res.status, 404, path);
    assert.equal(code(res), 'NOT_FOUND');
  }
  assert.equal((await b.as('GET', B.invoices)).body.items.length, 0);
  assert.equal((await a.as('GET', invoicePath('0'.repeat(26)))).status, 404);
  assert.equal((await a.as('GET', invoicePath('not-an-id'))).status, 400);
  assert.equal((await a.as('GET', `${invoicePath(invoice.id)}?x=1`)).status, 400);
  // The same number in another account is another invoice.
  const other = await kit.admin('PUT', syncPath(b.account.id, 'INV-1001'), invoiceBody({ balanceCents: 0 }));
  assert.equal(other.status, 201);
  assert.notEqual(other.body.invoice.id, invoice.id);
  assert.equal((await kit.admin('GET', syncPath(a.account.id, 'INV-1001'))).body.status, 'open');
  assert.equal((await kit.admin('GET', syncPath(a.account.id, 'INV-404'))).status, 404);

  const two = makeTwoDealerKit();
  const lake = await two.managerAt('lakeside', '5550100');
  const hill = await two.managerAt('hilltop', '5550100');
  const synced = await lake.admin('PUT', syncPath(lake.account.id, 'INV-1'), invoiceBody());
  assert.equal(synced.status, 201, JSON.stringify(synced.body));
  const id = synced.body.invoice.id;
  assert.equal((await hill.as('GET', invoicePath(id))).status, 404, "a hilltop login cannot read lakeside's invoice");
  assert.equal((await hill.admin('GET', syncPath(lake.account.id, 'INV-1'))).status, 404, "hilltop's key does not reach lakeside's accounts");
  assert.equal((await hill.admin('PUT', syncPath(lake.account.id, 'INV-1'), invoiceBody())).status, 404);
  assert.equal((await two.call('GET', syncPath(lake.account.id, 'INV-1'), undefined, { authorization: `Bearer ${HILLTOP_KEY}`, 'porchlight-dealer': 'lakeside' })).status, 401);
  assert.equal((await lake.as('GET', invoicePath(id))).status, 200);
});

test('the PDF: an attachment with its digest, rendered the same for the same version, the dealer’s own byte for byte', async () => {
  const { kit, a, invoice } = await setup();
  const first = await download(kit, a.token, pdfPath(invoice.id));
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('content-type'), 'application/pdf');
  assert.match(first.headers.get('content-disposition')!, /^attachment; filename="invoice-INV-1001\.pdf"/);
  assert.equal(first.headers.get('content-security-policy'), 'sandbox');
  assert.equal(first.headers.get('repr-digest'), `sha-256=:${Buffer.from(sha256(first.bytes), 'hex').toString('base64')}:`);
  kit.clock.now += 3_600_000;
  const again = await download(kit, a.token, pdfPath(invoice.id));
  assert.equal(sha256(again.bytes), sha256(first.bytes), 'the same version renders the same bytes');
  assert.doesNotMatch(Buffer.from(first.bytes).toString('latin1'), /\/ID\s*\[/, 'no random file id');
  await applyPortalPayment(depsOf(kit), { dealerId: 'lakeside', accountId: a.account.id, invoiceId: invoice.id }, { paymentId: '01kaaaaaaaaaaaaaaaaaaaaaaa', amountCents: 719, actor: SYSTEM });
  const after = await download(kit, a.token, pdfPath(invoice.id));
  assert.notEqual(sha256(after.bytes), sha256(first.bytes), 'a payment makes a new version');
  const admin = await kit.portal.request(routePath(B.admin.invoicePdf, { accountId: a.account.id, invoiceNumber: 'INV-1001' }), { headers: { authorization: `Bearer ${API_KEY}` } });
  assert.equal(sha256(new Uint8Array(await admin.arrayBuffer())), sha256(after.bytes));

  const doc = await PDFDocument.create();
  doc.addPage([200, 200]).drawText('Dealer invoice 2001');
  const own = await doc.save();
  const supplied = await kit.admin('PUT', syncPath(a.account.id, 'INV-2001'), invoiceBody({ pdfBase64: Buffer.from(own).toString('base64') }));
  assert.equal(supplied.status, 201, JSON.stringify(supplied.body));
  assert.deepEqual(supplied.body.invoice.document, { source: 'supplied', sha256: sha256(own), size: own.length, filename: 'invoice-INV-2001.pdf' });
  const served = await download(kit, a.token, pdfPath(supplied.body.invoice.id));
  assert.equal(sha256(served.bytes), sha256(own));
  assert.ok(await kit.store.getBytes(keys.invoiceDocument('lakeside', a.account.id, supplied.body.invoice.id, sha256(own))));
  const portalView = await a.as('GET', invoicePath(supplied.body.invoice.id));
  assert.deepEqual(portalView.body.document, { source: 'supplied', filename: 'invoice-INV-2001.pdf' });
});

test('no 5xx for garbage anywhere in the invoice routes', async () => {
  const { kit, a, invoice } = await setup();
  const attempts: [Call, string, string, unknown?][] = [
    [a.as, 'GET', `${B.invoices}?status=${'%'.repeat(3)}`],
    [a.as, 'GET', `${B.invoices}?cursor=%00%01`],
    [a.as, 'GET', `${B.invoices}?limit=1e3`],
    [a.as, 'GET', invoicePath('%2e%2e%2f')],
    [a.as, 'GET', `${invoicePath(invoice.id)}/../../x`],
    [a.as, 'POST', B.invoices, {}],
    [a.as, 'DELETE', invoicePath(invoice.id)],
    [kit.admin, 'PUT', syncPath(a.account.id, 'INV-1'), { lines: 'many' }],
    [kit.admin, 'PUT', syncPath(a.account.id, 'INV-1'), invoiceBody({ lines: [{ description: 'x', quantity: 1e300, unitCents: 1 }] })],
    [kit.admin, 'PUT', syncPath(a.account.id, 'INV-1'), { ...invoiceBody(), totalCents: Number.MAX_SAFE_INTEGER, subtotalCents: 1e308 }],
    [kit.admin, 'PUT', syncPath(a.account.id, 'INV-1'), { ...invoiceBody(), lines: Array.from({ length: 201 }, () => ({ description: 'x', quantity: 1, unitCents: 1, totalCents: 1 })) }],
    [kit.admin, 'GET', `${routePath(B.admin.invoices, { accountId: a.account.id })}?sort=number&cursor=number~asc~~${invoice.id}~`],
    [kit.admin, 'GET', routePath(B.admin.invoicePdf, { accountId: a.account.id, invoiceNumber: '..' })],
  ];
  for (const [call, method, path, body] of attempts) {
    const res = await call(method, path, body);
    assert.ok(res.status >= 400 && res.status < 500, `${method} ${path} -> ${res.status} ${JSON.stringify(res.body)}`);
  }
  // A repeated filter takes its first value, as every list does.
  assert.equal((await a.as('GET', `${B.invoices}?status=open&status=paid`)).status, 200);
  const origin = await kit.call('GET', B.invoices, undefined, { authorization: `Bearer ${a.token}`, origin: ORIGIN });
  assert.equal(origin.status, 200);
});

test('pictures: a long invoice over several pages and a paid one, rendered by pdf.js in Chromium (test-results/invoices/*.png)', async () => {
  const kit = makeKit({
    dealer: { id: 'lakeside', name: 'Lakeside Alarm Co.', branding: { colors: { primary: '#0b5d7a' } }, allowedOrigins: [ORIGIN], apiKeys: [{ id: 'backoffice', key: API_KEY }] },
  });
  const { a } = await kit.twoAccounts();
  await kit.admin('PATCH', routePath(Routes.admin.account, { accountId: a.account.id }), { customerNumber: 'C-20417' });
  const items = ['Motion detector', 'Glass-break sensor', 'Smoke detector (monitored)', 'Keypad', 'Doorbell camera', 'Monitoring, 24/7 central station'];
  const lines = Array.from({ length: 34 }, (_, i) => ({
    description:
      i === 4
        ? `Service call: replaced the backup battery and the tamper switch of the panel in the utility room, tested every zone with the central station, and cleaned the smoke detectors on the second floor (ticket T-1042, line ${i + 1})`
        : i === 9
          ? `Site survey reference ${'X'.repeat(160)}`
          : `${items[i % items.length]} - site ${1 + (i % 3)}, Zoë Müller-Łukasz building (line ${i + 1})`,
    quantity: i % 7 === 3 ? 1.5 : (i % 3) + 1,
    unitCents: 1_250 + i * 475,
  }));
  const body = invoiceBody({ lines, memo: 'Monitoring is billed monthly in advance.\nQuestions about this invoice? Call (555) 010-0100.' });
  const long = await kit.admin('PUT', syncPath(a.account.id, 'INV-2026-0042'), { ...body, balanceCents: body.totalCents - 20_000 });
  assert.equal(long.status, 201, JSON.stringify(long.body));
  const short = await kit.admin('PUT', syncPath(a.account.id, 'INV-2026-0043'), invoiceBody({ balanceCents: 0, issueDate: '2026-12-01', dueDate: '2026-12-15' }));
  assert.equal(short.status, 201);

  const dir = join(process.cwd(), 'test-results', 'invoices');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const longPdf = await download(kit, a.token, pdfPath(long.body.invoice.id));
  const shortPdf = await download(kit, a.token, pdfPath(short.body.invoice.id));
  const { pages } = await renderPdf(longPdf.bytes, { scale: 1.5 });
  for (const [i, page] of pages.entries()) await writeFile(join(dir, `long-p${i + 1}.png`), page.png);
  const paid = await renderPdf(shortPdf.bytes, { scale: 1.5 });
  await writeFile(join(dir, 'paid-p1.png'), paid.pages[0]!.png);

  assert.ok(pages.length >= 2, `the long invoice runs over more than one page (${pages.length})`);
  for (const [n, page] of pages.entries()) {
    assert.match(page.text, /Registration key: RK-7F3A-22Q9/, `page ${n + 1} has the registration key`);
    assert.match(page.text, new RegExp(`page ${n + 1} of ${pages.length}`));
    assert.match(page.text, /Lakeside Alarm Co\./);
    assert.ok(page.ink < 0.5, 'no page is flooded');
  }
  for (const page of pages.slice(0, -1)) assert.match(page.text, /Description\s+Qty\s+Unit price\s+Amount/, 'the table header on every page it runs onto');
  const first = pages[0]!;
  assert.match(first.text, /Invoice INV-2026-0042/);
  assert.match(first.text, /PARTIALLY PAID/);
  assert.match(first.text, /Harbor View Condominiums/);
  assert.match(first.text, /C-20417/);
  assert.match(first.text, /November 1, 2026/);
  assert.match(first.text, /November 15, 2026/);
  const text = pages.map((p) => p.text).join(' ');
  assert.match(text, /Total \(USD\)\s+\$[\d,]+\.\d\d\s+Paid\s+-\$200\.00\s+Balance due\s+\$[\d,]+\.\d\d/);
  assert.match(pages.at(-1)!.text, /Please pay \$[\d,]+\.\d\d by November 15, 2026/);
  assert.match(pages.map((p) => p.text).join(' '), /Müller-Lukasz/, 'a letter the standard fonts lack is shown without its stroke');
  assert.match(paid.pages[0]!.text, /PAID/);
  assert.match(paid.pages[0]!.text, /paid in full/);

  // Deterministic by data and version, whoever renders it.
  const inv = long.body.invoice;
  const context = { dealerName: 'Lakeside Alarm Co.', branding: { colors: { primary: '#0b5d7a' } }, account: { name: 'Harbor View Condominiums', customerNumber: 'C-20417' } };
  assert.equal(sha256(await renderInvoicePdf(inv, context)), sha256(longPdf.bytes));
  assert.notEqual(sha256(await renderInvoicePdf({ ...inv, version: inv.version + 1 }, context)), sha256(longPdf.bytes));
});
