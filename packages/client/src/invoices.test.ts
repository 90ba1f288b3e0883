import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { PorchlightError } from '@porchlight/core';
import { adminInvoicesApi, formatMinorUnits, INVOICE_STATUS_LABELS, invoicesApi, parseAmount } from './index.js';
import { backOfficeApi, json, portalApi, reply } from './testing.js';

const PDF = new TextEncoder().encode('%PDF-1.7 invoice');
const PDF_SHA = createHash('sha256').update(PDF).digest('hex');
const pdfResponse = () =>
  new Response(PDF, {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="invoice-INV-1001.pdf"; filename*=UTF-8''invoice-INV-1001.pdf`,
      'repr-digest': `sha-256=:${createHash('sha256').update(PDF).digest('base64')}:`,
    },
  });

test('portal: list (default and filtered), get and the PDF: paths, the session, the file', async () => {
  const r = portalApi(invoicesApi, (s) => (s.url.endsWith('/pdf') ? pdfResponse() : s.url.includes('/v1/invoices/') ? reply({ id: 'i_1' }) : reply({ items: [], cursor: null })));
  const api = r.api;
  await api.list();
  await api.list({ status: 'paid', sort: 'number', order: 'desc', limit: 20, cursor: 'due~asc~2026-01-01~x~INV-1' });
  await api.get('i/1');
  const pdf = await api.pdf('i_1');
  assert.deepEqual(
    r.seen.map((s) => `${s.method} ${s.url}`),
    [
      'GET /api/v1/invoices',
      'GET /api/v1/invoices?status=paid&sort=number&order=desc&limit=20&cursor=due%7Easc%7E2026-01-01%7Ex%7EINV-1',
      'GET /api/v1/invoices/i%2F1',
      'GET /api/v1/invoices/i_1/pdf',
    ],
  );
  assert.ok(r.seen.every((s) => s.headers.authorization === 'Bearer usr.secret' && s.headers['porchlight-dealer'] === 'lakeside'));
  assert.equal(pdf.filename, 'invoice-INV-1001.pdf');
  assert.equal(pdf.contentType, 'application/pdf');
  assert.equal(pdf.sha256, PDF_SHA);
  assert.deepEqual(new Uint8Array(await pdf.blob.arrayBuffer()), PDF);
});

test('portal: a missing permission comes back as PorchlightError', async () => {
  const { api } = portalApi(invoicesApi, () => reply({ error: { code: 'PERMISSION_DENIED', message: 'Your login does not have the "View invoices" permission. Ask your account manager.' } }, 403));
  await assert.rejects(api.list(), (e: unknown) => e instanceof PorchlightError && e.code === 'PERMISSION_DENIED' && e.status === 403);
});

test('back office: sync, list, get and the PDF by the dealer’s number', async () => {
  const r = backOfficeApi(adminInvoicesApi, (s) => (s.url.endsWith('/pdf') ? pdfResponse() : reply({ invoice: {}, created: true, changed: true, items: [], cursor: null })));
  const api = r.api;
  const body = { issueDate: '2026-11-01', dueDate: '2026-11-15', lines: [{ description: 'Monitoring', quantity: 1, unitCents: 3_499, totalCents: 3_499 }], subtotalCents: 3_499, taxCents: 0, totalCents: 3_499, balanceCents: 3_499, registrationKey: 'RK-1' };
  await api.sync('acc_1', 'INV/1', body);
  await api.list('acc_1', { status: 'all', limit: 5 });
  await api.get('acc_1', 'INV-1');
  const pdf = await api.pdf('acc_1', 'INV-1');
  assert.deepEqual(
    r.seen.map((s) => `${s.method} ${s.url}`),
    [
      'PUT /api/v1/admin/accounts/acc_1/invoices/INV%2F1',
      'GET /api/v1/admin/accounts/acc_1/invoices?status=all&limit=5',
      'GET /api/v1/admin/accounts/acc_1/invoices/INV-1',
      'GET /api/v1/admin/accounts/acc_1/invoices/INV-1/pdf',
    ],
  );
  assert.deepEqual(json(r.seen[0]!), body);
  assert.equal(pdf.sha256, PDF_SHA);
});

test('the browser gets the same money helpers as the server', () => {
  const typed = parseAmount('1,250.50');
  assert.ok(typed.ok && typed.cents === 125_050);
  assert.equal(formatMinorUnits(125_050, 'USD'), '$1,250.50');
  assert.equal(INVOICE_STATUS_LABELS['partially-paid'], 'Partially paid');
});
