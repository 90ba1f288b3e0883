import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { PorchlightError } from '@porchlight/core';
import {
  adminProposalsApi,
  ESIGN_CONSENT_TEXT,
  ESIGN_CONSENT_VERSION,
  formatMinorUnits,
  PROPOSAL_REJECT_REASON_LABELS,
  PROPOSAL_REJECT_REASONS,
  proposalsApi,
  sha256FromReprDigest,
  SIGN_INTENT_TEXT,
  SIGN_INTENT_VERSION,
  SIGNATURE_MIN_POINTS,
} from './index.js';
import { backOfficeApi, json, portalApi, reply, type Answer } from './testing.js';

const portal = (answer: Answer) => portalApi(proposalsApi, answer);
const backOffice = (answer: Answer) => backOfficeApi(adminProposalsApi, answer);

const PDF = new TextEncoder().encode('%PDF-1.7 proposal');
const PDF_SHA = createHash('sha256').update(PDF).digest('hex');
const pdfResponse = (filename: string) =>
  new Response(PDF, {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'repr-digest': `sha-256=:${createHash('sha256').update(PDF).digest('base64')}:`,
    },
  });

test('portal: list, get, consent, accept, reject: paths, methods, bodies and the session', async () => {
  const { api, seen } = portal((s) => (s.url.endsWith('/v1/proposals') || s.url.includes('?') ? reply({ items: [], cursor: null }) : reply({ id: 'p_1' })));
  await api.list();
  await api.list({ limit: 20, cursor: 'c.1' });
  await api.get('p_1');
  await api.consent('p_1', { consentVersion: ESIGN_CONSENT_VERSION });
  const accept = {
    documentSha256: PDF_SHA,
    typedName: 'Dana Reyes',
    signaturePng: 'data:image/png;base64,iVBORw0KGgo=',
    strokes: 2,
    points: 40,
    consentVersion: ESIGN_CONSENT_VERSION,
    intentVersion: SIGN_INTENT_VERSION,
  };
  await api.accept('p_1', accept);
  await api.reject('p/1', { reasons: ['price', 'other'], note: 'Too much for now.', documentSha256: PDF_SHA });
  assert.deepEqual(
    seen.map((s) => `${s.method} ${s.url}`),
    [
      'GET /api/v1/proposals',
      'GET /api/v1/proposals?limit=20&cursor=c.1',
      'GET /api/v1/proposals/p_1',
      'POST /api/v1/proposals/p_1/consent',
      'POST /api/v1/proposals/p_1/accept',
      'POST /api/v1/proposals/p%2F1/reject',
    ],
  );
  assert.deepEqual(json(seen[3]!), { consentVersion: ESIGN_CONSENT_VERSION });
  assert.deepEqual(json(seen[4]!), accept);
  assert.deepEqual(json(seen[5]!), { reasons: ['price', 'other'], note: 'Too much for now.', documentSha256: PDF_SHA });
  assert.ok(seen.every((s) => s.headers.authorization === 'Bearer usr.secret' && s.headers['porchlight-dealer'] === 'lakeside'));
});

test('portal: the document and the signed PDF download with their name and the SHA-256 of Repr-Digest', async () => {
  const { api, seen } = portal((s) => pdfResponse(s.url.endsWith('/signed') ? 'proposal-P-1-v2-signed.pdf' : 'proposal-P-1-v2.pdf'));
  const doc = await api.document('p_1');
  assert.equal(seen[0]!.url, '/api/v1/proposals/p_1/document');
  assert.equal(seen[0]!.method, 'GET');
  assert.equal(doc.filename, 'proposal-P-1-v2.pdf');
  assert.equal(doc.contentType, 'application/pdf');
  assert.equal(doc.sha256, PDF_SHA);
  assert.deepEqual(new Uint8Array(await doc.blob.arrayBuffer()), PDF);
  const signed = await api.signed('p_1');
  assert.equal(seen[1]!.url, '/api/v1/proposals/p_1/signed');
  assert.equal(signed.filename, 'proposal-P-1-v2-signed.pdf');
  assert.equal(seen[1]!.headers.authorization, 'Bearer usr.secret');
});

test('Repr-Digest: sha-256 read among others; anything else is null', () => {
  const b64 = createHash('sha256').update(PDF).digest('base64');
  assert.equal(sha256FromReprDigest(`sha-512=:AAAA:, sha-256=:${b64}:`), PDF_SHA);
  assert.equal(sha256FromReprDigest(null), null);
  assert.equal(sha256FromReprDigest('sha-256=:AAAA:'), null);
  assert.equal(sha256FromReprDigest('sha-256=:%%%:'), null);
  assert.equal(sha256FromReprDigest(`md5=:${b64}:`), null);
});

test('portal: PROPOSAL_CHANGED, PROPOSAL_CLOSED and field errors come back as PorchlightError', async () => {
  const { api } = portal((s) =>
    s.url.endsWith('/accept')
      ? reply({ error: { code: 'PROPOSAL_CHANGED', message: 'This proposal changed after you opened it: it is now version 2. Review it again before you decide.', fields: { documentSha256: 'Reload it.' } } }, 409)
      : s.url.endsWith('/reject')
        ? reply({ error: { code: 'VALIDATION_FAILED', message: 'Some fields are missing or not valid.', fields: { note: 'Say what the other reason is.' } } }, 400)
        : reply({ error: { code: 'PROPOSAL_CLOSED', message: 'This proposal was withdrawn by the company that sent it.' } }, 409),
  );
  const input = { documentSha256: PDF_SHA, typedName: 'Dana', signaturePng: 'data:image/png;base64,', strokes: 1, points: 10, consentVersion: ESIGN_CONSENT_VERSION, intentVersion: SIGN_INTENT_VERSION };
  await assert.rejects(api.accept('p_1', input), (e: unknown) => e instanceof PorchlightError && e.code === 'PROPOSAL_CHANGED' && e.status === 409 && e.fields?.documentSha256 === 'Reload it.');
  await assert.rejects(api.reject('p_1', { reasons: ['other'] }), (e: unknown) => e instanceof PorchlightError && e.code === 'VALIDATION_FAILED' && e.fields?.note === 'Say what the other reason is.');
  await assert.rejects(api.consent('p_1', { consentVersion: ESIGN_CONSENT_VERSION }), (e: unknown) => e instanceof PorchlightError && e.code === 'PROPOSAL_CLOSED');
});

test('back office: sync, list, get, evidence, withdraw, PDFs: paths, methods and bodies', async () => {
  const { api, seen } = backOffice((s) => (s.url.endsWith('/document') || s.url.endsWith('/signed') ? pdfResponse('proposal-P-1-v1.pdf') : s.method === 'PUT' ? reply({ created: true, changed: true }, 201) : reply({ items: [], cursor: null })));
  const sync = {
    title: 'Door sensors',
    lines: [{ description: 'Door sensor', quantity: 2, unitCents: 4500, totalCents: 9000 }],
    subtotalCents: 9000,
    taxCents: 0,
    totalCents: 9000,
    currency: 'USD',
    terms: '',
    expiresAt: '2026-12-31T23:59:59Z',
    salesperson: { name: 'Riley Chen', email: 'riley@lakeside.example' },
  };
  assert.deepEqual(await api.sync('acc_1', 'P-1', sync), { created: true, changed: true });
  await api.list('acc_1');
  await api.list('acc_1', { limit: 5, cursor: 'x' });
  await api.get('acc_1', 'P.1');
  await api.evidence('acc_1', 'P-1');
  await api.withdraw('acc_1', 'P-1');
  await api.withdraw('acc_1', 'P-1', { reason: 'Replaced by P-2.' });
  const doc = await api.document('acc_1', 'P-1');
  const signed = await api.signed('acc_1', 'P-1');
  assert.deepEqual(
    seen.map((s) => `${s.method} ${s.url}`),
    [
      'PUT /api/v1/admin/accounts/acc_1/proposals/P-1',
      'GET /api/v1/admin/accounts/acc_1/proposals',
      'GET /api/v1/admin/accounts/acc_1/proposals?limit=5&cursor=x',
      'GET /api/v1/admin/accounts/acc_1/proposals/P.1',
      'GET /api/v1/admin/accounts/acc_1/proposals/P-1/evidence',
      'POST /api/v1/admin/accounts/acc_1/proposals/P-1/withdraw',
      'POST /api/v1/admin/accounts/acc_1/proposals/P-1/withdraw',
      'GET /api/v1/admin/accounts/acc_1/proposals/P-1/document',
      'GET /api/v1/admin/accounts/acc_1/proposals/P-1/signed',
    ],
  );
  assert.deepEqual(json(seen[0]!), sync);
  assert.deepEqual(json(seen[5]!), {});
  assert.deepEqual(json(seen[6]!), { reason: 'Replaced by P-2.' });
  assert.equal(doc.sha256, PDF_SHA);
  assert.equal(signed.filename, 'proposal-P-1-v1.pdf');
  assert.ok(seen.every((s) => s.headers.authorization === 'Bearer adm.secret'));
});

test('the browser-safe e-sign constants are re-exported', () => {
  assert.match(ESIGN_CONSENT_TEXT, /sign them electronically/);
  assert.equal(typeof SIGN_INTENT_TEXT, 'string');
  assert.equal(SIGNATURE_MIN_POINTS > 0, true);
  assert.deepEqual(Object.keys(PROPOSAL_REJECT_REASON_LABELS).sort(), [...PROPOSAL_REJECT_REASONS].sort());
  assert.equal(formatMinorUnits(123456, 'USD'), '$1,234.56');
});
