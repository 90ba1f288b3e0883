import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import {
  ESIGN_CONSENT_VERSION,
  PROPOSAL_PDF_MAX_BYTES,
  routePath,
  Routes,
  SIGN_INTENT_VERSION,
  SIGNATURE_PNG_MAX_BYTES,
} from '@porchlight/core';
import { keys } from '../../store/keys.js';
import { makeKit, makeTwoDealerKit, API_KEY, HILLTOP_KEY } from '../../testing/kit.js';
import { renderPdf } from '../../../../../scripts/render-pdf.mjs';
import { renderProposalPdf } from './pdf.js';
import { canonicalJson, eventHash } from './evidence.js';
import { blankReason, measureInk } from './signature.js';

type Kit = ReturnType<typeof makeKit>;
type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any; headers: Headers }>;

const R = Routes.admin;
const code = (res: { body: any }) => res.body?.error?.code;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';

// ---- a PNG encoder for signatures (every filter type, so the server's decoder meets them all) ----

type Pixel = [number, number, number, number];
function encodePng(width: number, height: number, pixel: (x: number, y: number) => Pixel): Buffer {
  const stride = width * 4;
  const rows: Buffer[] = [];
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const line = Buffer.alloc(stride);
    for (let x = 0; x < width; x++) Buffer.from(pixel(x, y)).copy(line, x * 4);
    const filter = y % 5;
    const out = Buffer.alloc(stride + 1);
    out[0] = filter;
    for (let i = 0; i < stride; i++) {
      const left = i >= 4 ? line[i - 4]! : 0;
      const up = prev[i]!;
      const upLeft = i >= 4 ? prev[i - 4]! : 0;
      const p = left + up - upLeft;
      const paeth = Math.abs(p - left) <= Math.abs(p - up) && Math.abs(p - left) <= Math.abs(p - upLeft) ? left : Math.abs(p - up) <= Math.abs(p - upLeft) ? up : upLeft;
      const predictor = [0, left, up, (left + up) >> 1, paeth][filter]!;
      out[i + 1] = (line[i]! - predictor) & 0xff;
    }
    rows.push(out);
    prev = line;
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, not interlaced
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/** A handwriting-like stroke: a looping curve across a transparent 600 × 200 pad, dark blue ink. */
function signaturePng(): Buffer {
  const ink = new Set<number>();
  const [w, h] = [600, 200];
  for (let t = 0; t <= 1; t += 0.0004) {
    const x = 40 + t * 520 + 30 * Math.sin(t * 40);
    const y = 110 - 45 * Math.sin(t * 18) * Math.cos(t * 5) - 20 * Math.cos(t * 40);
    for (let dx = -2; dx <= 2; dx++) for (let dy = -2; dy <= 2; dy++) if (dx * dx + dy * dy <= 5) ink.add(Math.round(y + dy) * w + Math.round(x + dx));
  }
  return encodePng(w, h, (x, y) => (ink.has(y * w + x) ? [20, 40, 110, 255] : [0, 0, 0, 0]));
}
const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
const SIGNATURE = signaturePng();

function proposalBody(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Whole-home security upgrade',
    lines: [
      { description: 'Qolsys IQ Panel 4 with cellular communicator, installed and programmed', quantity: 1, unitCents: 89_900, totalCents: 89_900 },
      { description: 'Door and window sensors', quantity: 6, unitCents: 3_450, totalCents: 20_700 },
      { description: 'Technician time (hours)', quantity: 2.5, unitCents: 9_999, totalCents: 24_998 },
      { description: 'Loyalty discount', quantity: 1, unitCents: -5_000, totalCents: -5_000 },
    ],
    subtotalCents: 130_598,
    taxCents: 10_774,
    totalCents: 141_372,
    currency: 'USD',
    terms: 'Installation within 14 days of acceptance.\nMonitoring is billed monthly from the day the system is armed. Equipment is covered by a two-year warranty.',
    expiresAt: '2026-12-31T23:59:59Z',
    salesperson: { name: 'Morgan Lee', email: 'morgan@lakeside.example' },
    ...overrides,
  };
}

const proposalPath = (accountId: string, proposalNumber: string) => routePath(R.proposal, { accountId, proposalNumber });
const evidencePath = (accountId: string, proposalNumber: string) => routePath(R.proposalEvidence, { accountId, proposalNumber });
const portal = (name: keyof typeof Routes, proposalId: string) => routePath(Routes[name] as string, { proposalId });

async function setup(kit: Kit = makeKit()) {
  const { a, b } = await kit.twoAccounts();
  const synced = await kit.admin('PUT', proposalPath(a.account.id, 'P-1001'), proposalBody());
  assert.equal(synced.status, 201, JSON.stringify(synced.body));
  return { kit, a, b, proposal: synced.body.proposal as any };
}

function acceptBody(documentSha256: string, overrides: Record<string, unknown> = {}) {
  return { documentSha256, typedName: 'Dana Reyes', signaturePng: dataUrl(SIGNATURE), strokes: 3, points: 240, consentVersion: ESIGN_CONSENT_VERSION, intentVersion: SIGN_INTENT_VERSION, ...overrides };
}

/** Opens the proposal (recording the view) and agrees to electronic signatures. */
async function openAndConsent(as: Call, proposalId: string) {
  const opened = await as('GET', portal('proposal', proposalId));
  assert.equal(opened.status, 200, JSON.stringify(opened.body));
  const consent = await as('POST', portal('proposalConsent', proposalId), { consentVersion: ESIGN_CONSENT_VERSION });
  assert.equal(consent.status, 200, JSON.stringify(consent.body));
  return opened.body;
}

async function download(kit: Kit, token: string, path: string) {
  const res = await kit.portal.request(path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

async function trail(kit: Kit, accountId: string) {
  return (await kit.admin('GET', `${routePath(R.accountAudit, { accountId })}?limit=100`)).body.items as any[];
}

test('sync: PUT by number creates (201) a rendered PDF; the same body again changes nothing; a change makes version 2 with a new document', async () => {
  const { kit, a, proposal } = await setup();
  assert.equal(proposal.number, 'P-1001');
  assert.equal(proposal.version, 1);
  assert.equal(proposal.status, 'open');
  assert.equal(proposal.document.source, 'rendered');
  assert.match(proposal.document.sha256, /^[0-9a-f]{64}$/);
  assert.equal(proposal.document.filename, 'proposal-P-1001-v1.pdf');
  assert.deepEqual(proposal.createdBy, { kind: 'admin', adminId: 'backoffice', name: 'admin Pat Dispatcher' });

  kit.clock.now += 60_000;
  const again = await kit.admin('PUT', proposalPath(a.account.id, 'P-1001'), proposalBody());
  assert.equal(again.status, 200);
  assert.deepEqual({ created: again.body.created, changed: again.body.changed, version: again.body.proposal.version }, { created: false, changed: false, version: 1 });
  assert.equal(again.body.proposal.document.sha256, proposal.document.sha256);
  assert.equal(again.body.proposal.updatedAt, proposal.updatedAt, 'nothing was written');

  const changed = await kit.admin('PUT', proposalPath(a.account.id, 'p-1001'), proposalBody({ title: 'Whole-home security upgrade (revised)' }));
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.equal(changed.body.changed, true);
  assert.equal(changed.body.proposal.id, proposal.id, 'the number is matched without regard to case');
  assert.equal(changed.body.proposal.number, 'P-1001', 'and keeps its first spelling');
  assert.equal(changed.body.proposal.version, 2);
  assert.notEqual(changed.body.proposal.document.sha256, proposal.document.sha256);

  const one = await kit.admin('GET', proposalPath(a.account.id, 'P-1001'));
  assert.equal(one.body.version, 2);
  const list = await kit.admin('GET', routePath(R.proposals, { accountId: a.account.id }));
  assert.deepEqual(list.body.items.map((p: any) => p.number), ['P-1001']);
  const doc = await kit.portal.request(routePath(R.proposalDocument, { accountId: a.account.id, proposalNumber: 'P-1001' }), { headers: { authorization: `Bearer ${API_KEY}` } });
  const bytes = new Uint8Array(await doc.arrayBuffer());
  assert.equal(sha256(bytes), changed.body.proposal.document.sha256);

  const evidence = (await kit.admin('GET', evidencePath(a.account.id, 'P-1001'))).body;
  assert.deepEqual(evidence.events.map((e: any) => [e.type, e.version]), [['issued', 1], ['issued', 2]]);
  assert.equal(evidence.verification.valid, true, JSON.stringify(evidence.verification));
  const synced = (await trail(kit, a.account.id)).filter((e) => e.action === 'proposal.synced');
  assert.equal(synced.length, 2, 'one audit entry per change, none for the repeat');
  assert.match(synced[0].summary, /^admin Pat Dispatcher changed proposal P-1001 to version 2: "Whole-home security upgrade \(revised\)", \$1,413\.72$/);
});

test('sync validation: totals must add up, currency, expiry, number and PDF are checked (400 with fields, never 5xx)', async () => {
  const kit = makeKit();
  const { account } = await kit.accountWithManager();
  const put = (body: unknown, number = 'P-1') => kit.admin('PUT', proposalPath(account.id, number), body);
  const base = proposalBody();
  const cases: [unknown, string][] = [
    [{ ...base, lines: [{ ...base.lines[0], totalCents: 89_901 }, ...base.lines.slice(1)] }, 'lines.0.totalCents'],
    [{ ...base, subtotalCents: 1 }, 'subtotalCents'],
    [{ ...base, totalCents: 1 }, 'totalCents'],
    [{ ...base, currency: 'usd' }, 'currency'],
    [{ ...base, currency: 'XYZ' }, 'currency'],
    [{ ...base, expiresAt: 'soon' }, 'expiresAt'],
    [{ ...base, expiresAt: '2026-11-01T00:00:00Z' }, 'expiresAt'],
    [{ ...base, lines: [] }, 'lines'],
    [{ ...base, taxCents: 1.5 }, 'taxCents'],
    [{ ...base, salesperson: { name: 'M', email: 'not an email' } }, 'salesperson.email'],
    [{ ...base, pdfBase64: Buffer.from('<html>not a pdf</html>').toString('base64') }, 'pdfBase64'],
    [{ ...base, pdfBase64: 'not base64!' }, 'pdfBase64'],
    [{ ...base, pdfBase64: Buffer.from('%PDF-1.7 but nothing else').toString('base64') }, 'pdfBase64'],
    [{ ...base, extra: 1 }, 'extra'],
  ];
  for (const [body, field] of cases) {
    const res = await put(body);
    assert.equal(res.status, 400, `${field}: ${res.status} ${JSON.stringify(res.body)}`);
    assert.ok(res.body.error.fields?.[field], `${field}: ${JSON.stringify(res.body.error)}`);
  }
  const line = await put({ ...base, lines: [{ ...base.lines[0], totalCents: 89_901 }, ...base.lines.slice(1)] });
  assert.match(line.body.error.fields['lines.0.totalCents'], /quantity times the unit price: 89900 cents/);
  for (const number of ['has space', '-leading', 'x'.repeat(41), 'a%2Fb']) assert.equal((await put(base, number)).status, 400, number);
  assert.equal((await kit.admin('PUT', proposalPath('0'.repeat(26), 'P-1'), base)).status, 404);
  assert.equal((await kit.admin('GET', routePath(R.proposals, { accountId: account.id }))).body.items.length, 0, 'nothing was stored');
});

test('a supplied PDF is served byte for byte; its hash is the one to sign; a large one passes the general body limit', async () => {
  const kit = makeKit();
  const a = await kit.accountWithManager();
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  page.drawText("Dealer's own proposal layout", { x: 72, y: 700, size: 20, font: await doc.embedFont(StandardFonts.Helvetica) });
  // Padding to about 1 MiB: well above the portal's 64 KiB JSON limit.
  doc.setKeywords(['x'.repeat(1024 * 1024)]);
  const pdf = await doc.save();
  const res = await kit.admin('PUT', proposalPath(a.account.id, 'Q-7'), proposalBody({ pdfBase64: Buffer.from(pdf).toString('base64') }));
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(res.body.proposal.document.source, 'supplied');
  assert.equal(res.body.proposal.document.sha256, sha256(pdf));
  const file = await download(kit, a.token, portal('proposalDocument', res.body.proposal.id));
  assert.equal(file.status, 200);
  assert.deepEqual(file.bytes, pdf);
  assert.equal(file.headers.get('content-type'), 'application/pdf');
  assert.equal(file.headers.get('repr-digest'), `sha-256=:${createHash('sha256').update(pdf).digest('base64')}:`);
  assert.equal(file.headers.get('content-security-policy'), 'sandbox');

  const tooBig = 'A'.repeat(Math.ceil(PROPOSAL_PDF_MAX_BYTES / 3) * 4 + 600 * 1024);
  const big = await kit.admin('PUT', proposalPath(a.account.id, 'Q-8'), { ...proposalBody(), pdfBase64: tooBig });
  assert.equal(big.status, 413);
  assert.equal((await kit.admin('PUT', proposalPath(a.account.id, 'Q-9'), { ...proposalBody(), title: 'x'.repeat(70 * 1024) })).status, 400, 'a large body is read, then refused by the schema');
});

test('the rendered PDF is deterministic: the same data and version give the same bytes', async () => {
  const p = { ...proposalBody(), id: '01jd8k3m4n5p6q7r8s9t0v1w2x', number: 'P-9', version: 3, updatedAt: '2026-11-23T12:00:00.000Z', expiresAt: '2026-12-31T23:59:59.000Z' };
  const ctx = { dealerName: 'Lakeside Alarm Co.', branding: { colors: { primary: '#0b5d7a' } }, accountName: 'Harbor View Condominiums' };
  const one = await renderProposalPdf(p, ctx);
  await new Promise((r) => setTimeout(r, 5));
  const two = await renderProposalPdf(p, ctx);
  assert.equal(sha256(one), sha256(two));
  assert.notEqual(sha256(await renderProposalPdf({ ...p, version: 4 }, ctx)), sha256(one));
  assert.match(Buffer.from(one).toString('latin1'), /^%PDF-/);
  assert.doesNotMatch(Buffer.from(one).toString('latin1'), /\/ID\s*\[/, 'no random file id');
});

test('portal: every user lists and opens proposals; opening records one "viewed" event per document; the PDF is the hashed bytes', async () => {
  const { kit, a, proposal } = await setup();
  const list = await a.as('GET', Routes.proposals);
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.items.map((p: any) => [p.number, p.status, p.totalCents, p.currency]), [['P-1001', 'open', 141_372, 'USD']]);
  assert.equal(list.body.cursor, null);

  const one = await kit.call('GET', portal('proposal', proposal.id), undefined, { authorization: `Bearer ${a.token}`, 'user-agent': UA });
  assert.equal(one.status, 200);
  assert.equal(one.body.document.sha256, proposal.document.sha256);
  assert.deepEqual(one.body.consent, { version: ESIGN_CONSENT_VERSION, given: false, givenAt: null });
  assert.equal(one.body.intentVersion, SIGN_INTENT_VERSION);
  assert.equal(one.body.canDecide, true);
  assert.equal(one.body.lines.length, 4);
  assert.deepEqual(one.body.salesperson, { name: 'Morgan Lee', email: 'morgan@lakeside.example' });
  assert.equal(one.body.signedDocument, null);
  await a.as('GET', portal('proposal', proposal.id));
  const file = await download(kit, a.token, portal('proposalDocument', proposal.id));
  assert.equal(sha256(file.bytes), one.body.document.sha256, 'the bytes served are the bytes named');

  const events = (await kit.admin('GET', evidencePath(a.account.id, 'P-1001'))).body.events as any[];
  assert.deepEqual(events.map((e) => [e.type, e.data.via ?? null]), [['issued', null], ['viewed', 'proposal'], ['viewed', 'document']], 'a repeat view is not recorded again');
  assert.equal(events[1].documentSha256, proposal.document.sha256);
  assert.equal(events[1].userAgent, UA);
  assert.equal(events[1].actor.userId, a.manager.id);

  const consent = await a.as('POST', portal('proposalConsent', proposal.id), { consentVersion: ESIGN_CONSENT_VERSION });
  assert.equal(consent.status, 200);
  assert.equal(consent.body.consent.given, true);
  assert.equal(consent.body.consent.givenAt, '2026-11-23T12:00:00.000Z');
  kit.clock.now += 1000;
  assert.equal((await a.as('POST', portal('proposalConsent', proposal.id), { consentVersion: ESIGN_CONSENT_VERSION })).body.consent.givenAt, '2026-11-23T12:00:00.000Z', 'given once');
  assert.equal((await a.as('GET', portal('proposal', proposal.id))).body.consent.given, true);
  const wrong = await a.as('POST', portal('proposalConsent', proposal.id), { consentVersion: 'esign-consent-1999' });
  assert.equal(wrong.status, 400);
  assert.match(wrong.body.error.fields.consentVersion, /changed/);
  const after = (await kit.admin('GET', evidencePath(a.account.id, 'P-1001'))).body.events as any[];
  assert.equal(after.filter((e) => e.type === 'consented').length, 1);
  assert.equal((await trail(kit, a.account.id)).filter((e) => e.action === 'proposal.consented').length, 1);
});

test('accept: signed with a typed name and a drawn signature; a signed PDF with a certificate page; evidence verifies; emails with the PDF; audited', async () => {
  const { kit, a, proposal } = await setup();
  await openAndConsent(a.as, proposal.id);
  kit.clock.now += 90_000;
  const res = await kit.call('POST', portal('proposalAccept', proposal.id), acceptBody(proposal.document.sha256, { typedName: '  Dana   Reyes ' }), { authorization: `Bearer ${a.token}`, 'user-agent': UA });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.status, 'accepted');
  assert.equal(res.body.canDecide, false);
  assert.deepEqual(res.body.decision, { decision: 'accepted', at: '2026-11-23T12:01:30.000Z', by: 'Dana Reyes', typedName: 'Dana Reyes', reasons: null, note: null });
  assert.equal(res.body.signedDocument.filename, 'proposal-P-1001-v1-signed.pdf');

  const evidence = (await kit.admin('GET', evidencePath(a.account.id, 'P-1001'))).body;
  assert.equal(evidence.verification.valid, true, JSON.stringify(evidence.verification.checks));
  assert.deepEqual(evidence.events.map((e: any) => e.type), ['issued', 'viewed', 'consented', 'signed']);
  const signedEvent = evidence.events[3];
  assert.equal(signedEvent.documentSha256, proposal.document.sha256);
  assert.equal(signedEvent.data.typedName, 'Dana Reyes');
  assert.equal(signedEvent.data.signatureSha256, sha256(SIGNATURE));
  assert.equal(signedEvent.data.consentVersion, ESIGN_CONSENT_VERSION);
  assert.equal(signedEvent.data.intentText, 'By signing I accept this proposal and its terms.');
  assert.equal(signedEvent.userAgent, UA);
  assert.equal(signedEvent.at, '2026-11-23T12:01:30.000Z');
  assert.equal(evidence.proposal.decision.eventHash, signedEvent.hash);
  assert.equal(evidence.verification.headHash, signedEvent.hash);
  for (const e of evidence.events) assert.equal(e.hash, eventHash(e), 'each hash is the SHA-256 of the canonical JSON');
  assert.equal(
    evidence.events[0].hash,
    createHash('sha256').update(canonicalJson(Object.fromEntries(Object.entries(evidence.events[0]).filter(([k]) => k !== 'hash')))).digest('hex'),
  );
  assert.deepEqual(evidence.verification.checks.map((c: any) => c.name), ['chain', 'document', 'issued', 'one decision', 'decision', 'viewed before signing', 'consented before signing', 'signature image', 'signed PDF']);
  const signed = await download(kit, a.token, portal('proposalSigned', proposal.id));
  assert.equal(signed.status, 200);
  assert.equal(sha256(signed.bytes), res.body.signedDocument.sha256);
  const pdf = await PDFDocument.load(signed.bytes);
  const original = await PDFDocument.load((await download(kit, a.token, portal('proposalDocument', proposal.id))).bytes);
  assert.equal(pdf.getPageCount(), original.getPageCount() + 1, 'the document and a certificate page');

  const adminSigned = await kit.portal.request(routePath(R.proposalSigned, { accountId: a.account.id, proposalNumber: 'P-1001' }), { headers: { authorization: `Bearer ${API_KEY}` } });
  assert.equal(sha256(new Uint8Array(await adminSigned.arrayBuffer())), res.body.signedDocument.sha256);

  await kit.portal.settled();
  const mine = kit.mailer.last('proposal-signed')!;
  assert.equal(mine.to.email, 'dana@harborview.example');
  assert.equal(mine.attachments?.length, 1);
  assert.equal(mine.attachments![0]!.contentType, 'application/pdf');
  assert.equal(sha256(mine.attachments![0]!.content), res.body.signedDocument.sha256);
  const sales = kit.mailer.last('proposal-decided')!;
  assert.equal(sales.to.email, 'morgan@lakeside.example');
  assert.equal(sales.template === 'proposal-decided' && sales.data.decision, 'accepted');
  assert.equal(sales.attachments?.length, 1);

  const accepted = (await trail(kit, a.account.id)).find((e) => e.action === 'proposal.accepted');
  assert.match(accepted.summary, /^Dana Reyes accepted proposal P-1001 "Whole-home security upgrade" \(\$1,413\.72\), signing as Dana Reyes$/);
  assert.equal(accepted.details.eventHash, signedEvent.hash);
});

test('only a login with proposals.decide accepts or rejects; every login reads; canDecide says so', async () => {
  const { kit, a, proposal } = await setup();
  const reader = await kit.staffLogin(a.as, a.identifier, { name: 'Riley Reader', username: 'riley', permissions: [] });
  const decider = await kit.staffLogin(a.as, a.identifier, { name: 'Sam Signer', username: 'sam', permissions: ['proposals.decide'] });
  const opened = await reader.as('GET', portal('proposal', proposal.id));
  assert.equal(opened.status, 200);
  assert.equal(opened.body.canDecide, false);
  for (const [route, body] of [
    ['proposalConsent', { consentVersion: ESIGN_CONSENT_VERSION }],
    ['proposalAccept', acceptBody(proposal.document.sha256)],
    ['proposalReject', { reasons: ['price'] }],
  ] as const) {
    const res = await reader.as('POST', portal(route, proposal.id), body);
    assert.equal(res.status, 403, route);
    assert.equal(code(res), 'PERMISSION_DENIED');
    assert.match(res.body.error.message, /Accept or reject proposals/);
  }
  assert.ok((await trail(kit, a.account.id)).some((e) => e.action === 'access.denied'), 'the refusal is audited');
  await openAndConsent(decider.as, proposal.id);
  const ok = await decider.as('POST', portal('proposalAccept', proposal.id), acceptBody(proposal.document.sha256, { typedName: 'Samuel Signer' }));
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.decision.by, 'Sam Signer');
  assert.equal(ok.body.decision.typedName, 'Samuel Signer');
});

test('an admin emulating a login reads proposals (recorded as emulation) but can never consent, sign or reject', async () => {
  const { kit, a, proposal } = await setup();
  const started = await kit.admin('POST', `/v1/admin/accounts/${a.account.id}/emulate`, { reason: 'client asked for help' });
  const emu = kit.as(started.body.token);
  const opened = await emu('GET', portal('proposal', proposal.id));
  assert.equal(opened.status, 200);
  assert.equal(opened.body.canDecide, false);
  for (const [route, body] of [
    ['proposalConsent', { consentVersion: ESIGN_CONSENT_VERSION }],
    ['proposalAccept', acceptBody(proposal.document.sha256)],
    ['proposalReject', { reasons: ['price'] }],
  ] as const) {
    const res = await emu('POST', portal(route, proposal.id), body);
    assert.equal(res.status, 403, route);
    assert.equal(code(res), 'EMULATION_FORBIDDEN');
  }
  const events = (await kit.admin('GET', evidencePath(a.account.id, 'P-1001'))).body.events as any[];
  assert.equal(events.at(-1).type, 'viewed');
  assert.equal(events.at(-1).actor.kind, 'emulation');
  // The emulated view does not count as the user's own: the user must still open it to sign.
  await a.as('POST', portal('proposalConsent', proposal.id), { consentVersion: ESIGN_CONSENT_VERSION });
  const notViewed = await a.as('POST', portal('proposalAccept', proposal.id), acceptBody(proposal.document.sha256));
  assert.equal(notViewed.status, 409);
  assert.equal(code(notViewed), 'PROPOSAL_CHANGED');
  assert.match(notViewed.body.error.message, /Open the proposal and review it before you sign/);
});

test('consent comes first: without it, accepting is refused (409 ESIGN_CONSENT_REQUIRED); stale consent or intent versions are 400', async () => {
  const { a, proposal } = await setup();
  await a.as('GET', portal('proposal', proposal.id));
  const res = await a.as('POST', portal('proposalAccept', proposal.id), acceptBody(proposal.document.sha256));
  assert.equal(res.status, 409);
  assert.equal(code(res), 'ESIGN_CONSENT_REQUIRED');
  for (const field of ['consentVersion', 'intentVersion']) {
    const stale = await a.as('POST', portal('proposalAccept', proposal.id), acceptBody(proposal.document.sha256, { [field]: 'old-version' }));
    assert.equal(stale.status, 400);
    assert.match(stale.body.error.fields[field], /changed. Reload/);
  }
});

test('a proposal changed by sync after it was viewed is refused with PROPOSAL_CHANGED; after reviewing it again it can be signed', async () => {
  const { kit, a, proposal } = await setup();
  await openAndConsent(a.as, proposal.id);
  const changed = await kit.admin('PUT', proposalPath(a.account.id, 'P-1001'), proposalBody({ taxCents: 0, totalCents: 130_598 }));
  assert.equal(changed.body.proposal.version, 2);
  const res = await a.as('POST', portal('proposalAccept', proposal.id), acceptBody(proposal.document.sha256));
  assert.equal(res.status, 409);
  assert.equal(code(res), 'PROPOSAL_CHANGED');
  assert.match(res.body.error.message, /changed after you opened it: it is now version 2\. Review it again/);
  assert.ok(res.body.error.fields.documentSha256);
  const reject = await a.as('POST', portal('proposalReject', proposal.id), { reasons: ['price'], documentSha256: proposal.document.sha256 });
  assert.equal(code(reject), 'PROPOSAL_CHANGED', 'a rejection naming the old document too');

  const again = await a.as('GET', portal('proposal', proposal.id));
  assert.equal(again.body.version, 2);
  const ok = await a.as('POST', portal('proposalAccept', proposal.id), acceptBody(again.body.document.sha256));
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const evidence = (await kit.admin('GET', evidencePath(a.account.id, 'P-1001'))).body;
  assert.deepEqual(evidence.events.map((e: any) => `${e.type}@${e.version}`), ['issued@1', 'viewed@1', 'consented@1', 'issued@2', 'viewed@2', 'signed@2']);
  assert.equal(evidence.verification.valid, true, JSON.stringify(evidence.verification.checks));
});

test('accepted, rejected, expired or withdrawn proposals cannot be signed (409 PROPOSAL_CLOSED)', async () => {
  const { kit, a, proposal } = await setup();
  await openAndConsent(a.as, proposal.id);
  assert.equal((await a.as('POST', portal('proposalAccept', proposal.id), acceptBody(proposal.document.sha256))).status, 200);
  for (const [route, body] of [
    ['proposalAccept', acceptBody(proposal.document.sha256)],
    ['proposalReject', { reasons: ['timing'] }],
  ] as const) {
    const res = await a.as('POST', portal(route, proposal.id), body);
    assert.equal(res.status, 409, route);
    assert.equal(code(res), 'PROPOSAL_CLOSED');
    assert.match(res.body.error.message, /already accepted on 2026-11-23T12:00:00.000Z/);
  }

  // Rejected.
  const second = (await kit.admin('PUT', proposalPath(a.account.id, 'P-1002'), proposalBody())).body.proposal;
  await openAndConsent(a.as, second.id);
  assert.equal((await a.as('POST', portal('proposalReject', second.id), { reasons: ['price'] })).status, 200);
  const afterReject = await a.as('POST', portal('proposalAccept', second.id), acceptBody(second.document.sha256));
  assert.equal(code(afterReject), 'PROPOSAL_CLOSED');
  assert.match(afterReject.body.error.message, /was rejected/);

  // Expired by the server's clock.
  const third = (await kit.admin('PUT', proposalPath(a.account.id, 'P-1003'), proposalBody({ expiresAt: '2026-11-23T12:30:00Z' }))).body.proposal;
  await openAndConsent(a.as, third.id);
  kit.clock.now = Date.parse('2026-11-23T12:30:00Z');
  const expired = await a.as('POST', portal('proposalAccept', third.id), acceptBody(third.document.sha256));
  assert.equal(code(expired), 'PROPOSAL_CLOSED');
  assert.match(expired.body.error.message, /expired on 2026-11-23T12:30:00.000Z/);
  const shown = await a.as('GET', portal('proposal', third.id));
  assert.equal(shown.body.status, 'expired');
  assert.equal(shown.body.canDecide, false);

  // Withdrawn by the dealer; a changed sync opens it again as a new version.
  const fourth = (await kit.admin('PUT', proposalPath(a.account.id, 'P-1004'), proposalBody())).body.proposal;
  const withdrawn = await kit.admin('POST', routePath(R.proposalWithdraw, { accountId: a.account.id, proposalNumber: 'P-1004' }), { reason: 'Prices changed' });
  assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
  assert.equal(withdrawn.body.status, 'withdrawn');
  await openAndConsent(a.as, fourth.id);
  const refused = await a.as('POST', portal('proposalAccept', fourth.id), acceptBody(fourth.document.sha256));
  assert.equal(code(refused), 'PROPOSAL_CLOSED');
  assert.match(refused.body.error.message, /withdrawn/);
  const reopened = await kit.admin('PUT', proposalPath(a.account.id, 'P-1004'), proposalBody({ title: 'New prices' }));
  assert.equal(reopened.body.proposal.status, 'open');
  assert.equal(reopened.body.proposal.version, 2);
  assert.equal((await kit.admin('POST', routePath(R.proposalWithdraw, { accountId: a.account.id, proposalNumber: 'P-1001' }), {})).status, 409, 'an accepted one cannot be withdrawn');
});

test('sync cannot change an accepted or rejected proposal (409 with a clear message); the same body is still a no-op', async () => {
  const { kit, a, proposal } = await setup();
  await openAndConsent(a.as, proposal.id);
  await a.as('POST', portal('proposalAccept', proposal.id), acceptBody(proposal.document.sha256));
  const same = await kit.admin('PUT', proposalPath(a.account.id, 'P-1001'), proposalBody());
  assert.equal(same.status, 200);
  assert.equal(same.body.changed, false);
  assert.equal(same.body.proposal.status, 'accepted');
  const res = await kit.admin('PUT', proposalPath(a.account.id, 'P-1001'), proposalBody({ title: 'Sneaky change' }));
  assert.equal(res.status, 409);
  assert.equal(code(res), 'PROPOSAL_CLOSED');
  assert.match(res.body.error.message, /^Proposal P-1001 was accepted on 2026-11-23T12:00:00.000Z and can no longer be changed\. Send the changes as a new proposal with another number\.$/);
  assert.equal((await kit.admin('GET', proposalPath(a.account.id, 'P-1001'))).body.title, 'Whole-home security upgrade');

  const second = (await kit.admin('PUT', proposalPath(a.account.id, 'P-2'), proposalBody())).body.proposal;
  await a.as('POST', portal('proposalReject', second.id), { reasons: ['scope'] });
  assert.equal(code(await kit.admin('PUT', proposalPath(a.account.id, 'P-2'), proposalBody({ totalCents: 0, taxCents: 0, lines: [{ description: 'Free', quantity: 1, unitCents: 0, totalCents: 0 }], subtotalCents: 0 }))), 'PROPOSAL_CLOSED');
});

test('two acceptances at once: exactly one succeeds; an acceptance racing a rejection: exactly one decision', async () => {
  const { kit, a, proposal } = await setup();
  await openAndConsent(a.as, proposal.id);
  const both = await Promise.all([
    a.as('POST', portal('proposalAccept', proposal.id), acceptBody(proposal.document.sha256)),
    a.as('POST', portal('proposalAccept', proposal.id), acceptBody(proposal.document.sha256, { typedName: 'D. Reyes' })),
  ]);
  assert.deepEqual(both.map((r) => r.status).sort(), [200, 409], JSON.stringify(both.map((r) => r.body)));
  assert.equal(code(both.find((r) => r.status === 409)!), 'PROPOSAL_CLOSED');
  const evidence = (await kit.admin('GET', evidencePath(a.account.id, 'P-1001'))).body;
  assert.equal(evidence.events.filter((e: any) => e.type === 'signed').length, 1);
  assert.equal(evidence.verification.valid, true, JSON.stringify(evidence.verification.checks));
  assert.equal((await trail(kit, a.account.id)).filter((e) => e.action === 'proposal.accepted').length, 1);

  const second = (await kit.admin('PUT', proposalPath(a.account.id, 'P-1002'), proposalBody())).body.proposal;
  await openAndConsent(a.as, second.id);
  const race = await Promise.all([
    a.as('POST', portal('proposalReject', second.id), { reasons: ['price'] }),
    a.as('POST', portal('proposalAccept', second.id), acceptBody(second.document.sha256)),
    a.as('POST', portal('proposalReject', second.id), { reasons: ['timing'] }),
  ]);
  assert.deepEqual(race.map((r) => r.status).sort(), [200, 409, 409]);
  const chain = (await kit.admin('GET', evidencePath(a.account.id, 'P-1002'))).body;
  assert.equal(chain.events.filter((e: any) => e.type === 'signed' || e.type === 'rejected').length, 1);
  assert.equal(chain.verification.valid, true, JSON.stringify(chain.verification.checks));
});

test("another account's or another dealer's proposals are not found (404)", async () => {
  const kit = makeTwoDealerKit();
  const a = await kit.managerAt('lakeside', '5550100');
  const b = await kit.managerAt('lakeside', '5550199');
  const h = await kit.managerAt('hilltop', '5550100');
  const synced = await a.admin('PUT', proposalPath(a.account.id, 'P-1'), proposalBody());
  assert.equal(synced.status, 201, JSON.stringify(synced.body));
  const p = synced.body.proposal;
  await openAndConsent(a.as, p.id);
  for (const other of [b, h]) {
    for (const [method, route, body] of [
      ['GET', 'proposal', undefined],
      ['GET', 'proposalDocument', undefined],
      ['GET', 'proposalSigned', undefined],
      ['POST', 'proposalConsent', { consentVersion: ESIGN_CONSENT_VERSION }],
      ['POST', 'proposalAccept', acceptBody(p.document.sha256)],
      ['POST', 'proposalReject', { reasons: ['price'] }],
    ] as const) {
      const res = await other.as(method, portal(route, p.id), body);
      assert.equal(res.status, 404, `${other.dealer} ${route}: ${res.status}`);
    }
    assert.deepEqual((await other.as('GET', Routes.proposals)).body.items, []);
  }
  const hilltopAdmin = { authorization: `Bearer ${HILLTOP_KEY}`, 'porchlight-dealer': 'hilltop' };
  assert.equal((await kit.call('GET', proposalPath(a.account.id, 'P-1'), undefined, hilltopAdmin)).status, 404);
  assert.equal((await kit.call('PUT', proposalPath(a.account.id, 'P-1'), proposalBody({ title: 'Hijack' }), hilltopAdmin)).status, 404);
  assert.equal((await kit.call('GET', evidencePath(a.account.id, 'P-1'), undefined, hilltopAdmin)).status, 404);
  assert.equal((await a.admin('GET', proposalPath(b.account.id, 'P-1'))).status, 404, 'the number under another account');
  assert.equal((await a.as('POST', portal('proposalAccept', p.id), acceptBody(p.document.sha256))).status, 200, 'the owner still can');
});

test('malformed signatures and names answer 400 with a field error; nothing is signed', async () => {
  const { kit, a, proposal } = await setup();
  await openAndConsent(a.as, proposal.id);
  const sha = proposal.document.sha256;
  const white = encodePng(600, 200, () => [255, 255, 255, 255]);
  const clear = encodePng(600, 200, () => [0, 0, 0, 0]);
  const dot = encodePng(600, 200, (x, y) => (Math.abs(x - 300) < 3 && Math.abs(y - 100) < 3 ? [0, 0, 0, 255] : [255, 255, 255, 255]));
  const tiny = encodePng(40, 16, (x) => (x % 2 ? [0, 0, 0, 255] : [255, 255, 255, 255]));
  const truncated = SIGNATURE.subarray(0, SIGNATURE.length - 40);
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
  const cases: [Record<string, unknown>, string, RegExp][] = [
    [{ signaturePng: 'not a data url' }, 'signaturePng', /PNG image as a data URL/],
    [{ signaturePng: `data:image/jpeg;base64,${jpeg.toString('base64')}` }, 'signaturePng', /PNG image as a data URL/],
    [{ signaturePng: `data:image/png;base64,${jpeg.toString('base64')}` }, 'signaturePng', /not a PNG/],
    [{ signaturePng: 'data:image/png;base64,@@@@' }, 'signaturePng', /not valid base64/],
    [{ signaturePng: dataUrl(white) }, 'signaturePng', /blank/],
    [{ signaturePng: dataUrl(clear) }, 'signaturePng', /blank/],
    [{ signaturePng: dataUrl(dot) }, 'signaturePng', /blank|too small/],
    [{ signaturePng: dataUrl(tiny) }, 'signaturePng', /at least 64 × 24/],
    [{ signaturePng: dataUrl(truncated) }, 'signaturePng', /cut short|damaged|incomplete/],
    [{ signaturePng: 42 }, 'signaturePng', /./],
    [{ strokes: 0 }, 'strokes', /Draw your signature/],
    [{ points: 3 }, 'points', /not enough/],
    [{ typedName: '   ' }, 'typedName', /full name/],
    [{ typedName: '1234' }, 'typedName', /full name/],
    [{ typedName: 'Dana\u0000Reyes' }, 'typedName', /not allowed/],
    [{ typedName: 'x'.repeat(121) }, 'typedName', /at most 120/],
    [{ documentSha256: 'abc' }, 'documentSha256', /64 hex/],
  ];
  for (const [override, field, message] of cases) {
    const res = await a.as('POST', portal('proposalAccept', proposal.id), acceptBody(sha, override));
    assert.equal(res.status, 400, `${field} ${JSON.stringify(override).slice(0, 60)}: ${res.status} ${JSON.stringify(res.body)}`);
    assert.match(res.body.error.fields?.[field] ?? '', message, `${field}: ${JSON.stringify(res.body.error)}`);
  }
  // Larger than the limit: refused before it is read (413), or by the schema (400).
  const noise = encodePng(1000, 1000, (x, y) => [(x * 7919 + y * 104729) % 251, (x * y) % 253, (x + y * 31) % 255, 255]);
  assert.ok(noise.length > SIGNATURE_PNG_MAX_BYTES, `${noise.length}`);
  const big = await a.as('POST', portal('proposalAccept', proposal.id), acceptBody(sha, { signaturePng: dataUrl(noise) }));
  assert.ok(big.status === 400 || big.status === 413, `${big.status}`);
  assert.equal((await a.as('GET', portal('proposal', proposal.id))).body.status, 'open', 'nothing was signed');
  assert.equal((await kit.admin('GET', evidencePath(a.account.id, 'P-1001'))).body.events.filter((e: any) => e.type === 'signed').length, 0);
});

test('the signature check reads every PNG filter and measures the ink', async () => {
  const ink = await measureInk(SIGNATURE);
  assert.equal(ink.width, 600);
  assert.equal(ink.height, 200);
  assert.ok(ink.inkPixels > 2000, `${ink.inkPixels}`);
  assert.ok(ink.box && ink.box.right - ink.box.left > 400);
  assert.equal(blankReason(ink), null);
  // A checkerboard of exactly 50 dark pixels on white, through all five filters.
  const pixels = encodePng(100, 50, (x, y) => (y === 10 && x < 50 ? [0, 0, 0, 255] : [255, 255, 255, 255]));
  assert.equal((await measureInk(pixels)).inkPixels, 50);
});

test('reject: one or more reasons from the list, "other" needs a note; the salesperson hears why; audited', async () => {
  const { kit, a, proposal } = await setup();
  await a.as('GET', portal('proposal', proposal.id));
  for (const [body, field] of [
    [{ reasons: [] }, 'reasons'],
    [{ reasons: ['too-expensive'] }, 'reasons.0'],
    [{ reasons: ['price', 'price'] }, 'reasons'],
    [{ reasons: ['other'] }, 'note'],
    [{ reasons: ['other'], note: '   ' }, 'note'],
    [{ reasons: ['price'], note: 'n'.repeat(2001) }, 'note'],
  ] as const) {
    const res = await a.as('POST', portal('proposalReject', proposal.id), body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.ok(res.body.error.fields[field], `${field}: ${JSON.stringify(res.body.error)}`);
  }
  const res = await a.as('POST', portal('proposalReject', proposal.id), { reasons: ['price', 'other'], note: 'We need the <b>outdoor</b> camera too.' });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.status, 'rejected');
  assert.deepEqual(res.body.decision.reasons, ['price', 'other']);
  assert.equal(res.body.signedDocument, null);
  assert.equal((await download(kit, a.token, portal('proposalSigned', proposal.id))).status, 404);
  await kit.portal.settled();
  const mail = kit.mailer.last('proposal-decided')!;
  assert.equal(mail.to.email, 'morgan@lakeside.example');
  assert.ok(mail.template === 'proposal-decided');
  assert.deepEqual(mail.data.reasons, ['The price', 'Something else']);
  assert.equal(mail.data.note, 'We need the <b>outdoor</b> camera too.');
  assert.equal(mail.attachments, undefined);
  const entry = (await trail(kit, a.account.id)).find((e) => e.action === 'proposal.rejected');
  assert.match(entry.summary, /^Dana Reyes rejected proposal P-1001 "Whole-home security upgrade": the price, something else$/);
  const evidence = (await kit.admin('GET', evidencePath(a.account.id, 'P-1001'))).body;
  assert.equal(evidence.events.at(-1).type, 'rejected');
  assert.equal(evidence.verification.valid, true, JSON.stringify(evidence.verification.checks));
});

test('evidence: a changed, removed or forged event breaks the verification, naming the event', async () => {
  const { kit, a, proposal } = await setup();
  await openAndConsent(a.as, proposal.id);
  await a.as('POST', portal('proposalAccept', proposal.id), acceptBody(proposal.document.sha256));
  const path = evidencePath(a.account.id, 'P-1001');
  assert.equal((await kit.admin('GET', path)).body.verification.valid, true);

  const key = keys.proposalEvent('lakeside', a.account.id, proposal.id, 4);
  const stored = (await kit.store.get<any>(key))!;
  await kit.store.put(key, { ...stored.value, data: { ...stored.value.data, typedName: 'Someone Else' } });
  const tampered = (await kit.admin('GET', path)).body.verification;
  assert.equal(tampered.valid, false);
  assert.match(tampered.checks.find((c: any) => c.name === 'chain').detail, /event 4 \(signed\) does not match its hash/);
  assert.equal(tampered.checks.find((c: any) => c.name === 'decision').ok, false);

  // Rewriting the hash too does not help: the record still names the original hash.
  const forged = { ...stored.value, data: { ...stored.value.data, typedName: 'Someone Else' } };
  forged.hash = eventHash(forged);
  await kit.store.put(key, forged);
  const rehashed = (await kit.admin('GET', path)).body.verification;
  assert.equal(rehashed.valid, false);
  assert.equal(rehashed.checks.find((c: any) => c.name === 'decision').ok, false);

  await kit.store.put(key, stored.value);
  await kit.store.delete(keys.proposalEvent('lakeside', a.account.id, proposal.id, 2));
  const removed = (await kit.admin('GET', path)).body.verification;
  assert.equal(removed.valid, false);
  assert.match(removed.checks[0].detail, /numbered|link/);
});

test('bad ids and queries answer 4xx, never 5xx; a support login reads but cannot sync', async () => {
  const { kit, a, proposal } = await setup();
  for (const id of ['nope', '0'.repeat(25), 'x'.repeat(600), '__proto__', encodeURIComponent('a:b')]) {
    for (const route of ['proposal', 'proposalDocument', 'proposalSigned'] as const) {
      const res = await a.as('GET', portal(route, 'ID').replace('ID', id));
      assert.ok([400, 404].includes(res.status), `${route} ${id}: ${res.status}`);
    }
    const res = await a.as('POST', portal('proposalAccept', 'ID').replace('ID', id), acceptBody(proposal.document.sha256));
    assert.ok([400, 404].includes(res.status), `accept ${id}: ${res.status}`);
  }
  assert.equal((await a.as('GET', `${Routes.proposals}?limit=0`)).status, 400);
  assert.equal((await a.as('GET', `${Routes.proposals}?limit=1`)).body.items.length, 1);
  assert.equal((await a.as('POST', portal('proposalAccept', proposal.id), '{"documentSha256":')).status, 400);
  assert.equal((await kit.call('POST', portal('proposalAccept', proposal.id), 'x', { authorization: `Bearer ${a.token}`, 'content-type': 'text/plain' })).status, 415);
  assert.equal((await kit.call('GET', portal('proposal', proposal.id))).status, 401);
  assert.equal((await a.as('GET', proposalPath(a.account.id, 'P-1001'))).status, 401, 'a portal token is not an admin');

  await kit.admin('POST', R.dealerStaff, { email: 'sam@lakeside.example', name: 'Sam Support', role: 'support', password: 'temporary-Pass-9' });
  const login = await kit.call('POST', R.login, { email: 'sam@lakeside.example', password: 'temporary-Pass-9' });
  const support = kit.as(login.body.session.token);
  assert.equal((await support('POST', R.changePassword, { currentPassword: 'temporary-Pass-9', newPassword: 'a long back-office passphrase' })).status, 200);
  assert.equal((await support('GET', proposalPath(a.account.id, 'P-1001'))).status, 200);
  assert.equal((await support('GET', evidencePath(a.account.id, 'P-1001'))).status, 200);
  assert.equal(code(await support('PUT', proposalPath(a.account.id, 'P-1001'), proposalBody({ title: 'x' }))), 'FORBIDDEN');
});

test('pictures: the proposal and its signed PDF rendered by pdf.js in Chromium (test-results/proposals/*.png)', async () => {
  const kit = makeKit({
    dealer: { id: 'lakeside', name: 'Lakeside Alarm Co.', branding: { colors: { primary: '#0b5d7a' } }, allowedOrigins: ['https://www.lakeside.example'], apiKeys: [{ id: 'backoffice', key: API_KEY }] },
    clientAddress: () => '203.0.113.7',
  });
  const { a } = await kit.twoAccounts();
  const many = Array.from({ length: 26 }, (_, i) => ({
    description: i === 3 ? `Cabling, conduit and labour for the detached garage, the workshop and the pool house, including trenching of about 40 feet and restoring the lawn afterwards (line ${i + 1})` : `Line item ${i + 1}: ${['Motion detector', 'Glass-break sensor', 'Smoke detector (monitored)', 'Keypad', 'Doorbell camera'][i % 5]}`,
    quantity: (i % 3) + 1,
    unitCents: 4_500 + i * 1_000,
    totalCents: ((i % 3) + 1) * (4_500 + i * 1_000),
  }));
  const subtotal = many.reduce((s, l) => s + l.totalCents, 0);
  const body = proposalBody({ lines: many, subtotalCents: subtotal, taxCents: 12_345, totalCents: subtotal + 12_345, terms: `${proposalBody().terms}\n\n${'Cancellation: either party may cancel monitoring with 30 days written notice. '.repeat(6)}\n\nZoë Müller-Łukasz reviewed these terms.` });
  const synced = await kit.admin('PUT', proposalPath(a.account.id, 'P-2044'), body);
  assert.equal(synced.status, 201, JSON.stringify(synced.body));
  const p = synced.body.proposal;
  kit.clock.now += 15 * 60_000;
  await a.as('GET', portal('proposal', p.id));
  kit.clock.now += 2 * 60_000;
  await a.as('POST', portal('proposalConsent', p.id), { consentVersion: ESIGN_CONSENT_VERSION });
  kit.clock.now += 45_000;
  const accepted = await kit.call('POST', portal('proposalAccept', p.id), acceptBody(p.document.sha256, { typedName: 'Dana Q. Reyes-Whitfield' }), { authorization: `Bearer ${a.token}`, 'user-agent': UA });
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  const signed = await download(kit, a.token, portal('proposalSigned', p.id));
  const original = await download(kit, a.token, portal('proposalDocument', p.id));

  const { pages } = await renderPdf(signed.bytes, { scale: 1.5 });
  const dir = join(process.cwd(), 'test-results', 'proposals');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const [i, page] of pages.entries()) await writeFile(join(dir, `signed-p${i + 1}.png`), page.png);
  const documentPages = (await PDFDocument.load(original.bytes)).getPageCount();
  assert.ok(documentPages >= 2, 'the long proposal runs over more than one page');
  assert.equal(pages.length, documentPages + 1, 'one certificate page');

  const first = pages[0]!;
  assert.match(first.text, /Whole-home security upgrade/);
  assert.match(first.text, /P-2044/);
  assert.match(first.text, /Lakeside Alarm Co\./);
  const certificate = pages.at(-1)!;
  assert.match(certificate.text, /Signature certificate/);
  assert.match(certificate.text, /Dana Q\. Reyes-Whitfield/);
  assert.ok(certificate.text.replace(/\s+/g, '').includes(p.document.sha256), 'the document hash is printed');
  assert.match(certificate.text, /By signing I accept this proposal and its terms\./);
  assert.match(certificate.text, /Chrome\/156/);
  assert.match(certificate.text, /203\.0\.113\.7/);
  assert.match(certificate.text, /Viewed\s+November 23, 2026 at 12:15:00 UTC\s+Consented\s+November 23, 2026 at 12:17:00 UTC\s+Signed\s+November 23, 2026 at 12:17:45 UTC/);
  assert.match(pages[documentPages - 1]!.text, /Müller-Lukasz/, 'a letter the standard fonts lack is shown without its stroke');
  assert.ok(certificate.ink > 0.03, `the certificate page has content: ink ${certificate.ink}`);
  for (const page of pages) assert.ok(page.ink < 0.5, 'no page is flooded');
  // The pages of the document inside the signed PDF look exactly like the document's own.
  const alone = await renderPdf(original.bytes, { scale: 1.5 });
  assert.deepEqual(alone.pages.map((pg) => pg.text), pages.slice(0, documentPages).map((pg) => pg.text));
});
