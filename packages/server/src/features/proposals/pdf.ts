import { PDFDocument, rgb, type PDFImage } from 'pdf-lib';
import { formatMinorUnits, type Branding, type Proposal } from '@porchlight/core';
import {
  CONTENT,
  Flow,
  INK,
  MARGIN,
  MUTED,
  PAGE,
  RULE,
  band,
  brandColors,
  checkSuppliedPdf as checkPdf,
  drawable,
  embedFonts,
  factColumns,
  footer,
  linesTable,
  totalsBlock,
  utcDate,
  utcTime,
  wrap,
} from '../../pdf/layout.js';

/**
 * The proposal's PDFs, drawn with the portal's PDF kit (pdf/layout.ts):
 * - the document, rendered from the synced data when the dealer supplies none. The same data
 *   and version always give the same bytes (dates from the proposal, no random file id), so its
 *   hash is stable;
 * - the signed PDF: the document followed by a signature certificate page.
 *
 * The exact text of everything signed stays in the evidence records.
 */

export { utcTime };

export type ProposalContent = Pick<Proposal, 'id' | 'number' | 'version' | 'title' | 'lines' | 'subtotalCents' | 'taxCents' | 'totalCents' | 'currency' | 'terms' | 'expiresAt' | 'salesperson' | 'updatedAt'>;

/**
 * The proposal as a PDF, branded for the dealer. Deterministic: the same data, version and
 * dealer give the same bytes (the dates in it are the proposal's `updatedAt`).
 */
export async function renderProposalPdf(p: ProposalContent, context: { dealerName: string; branding: Branding | undefined; accountName: string }): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedFonts(doc);
  const colors = brandColors(context.branding);
  const money = (cents: number) => formatMinorUnits(cents, p.currency);
  const issued = new Date(p.updatedAt);
  doc.setTitle(drawable(fonts.regular, `Proposal ${p.number}: ${p.title}`));
  doc.setAuthor(drawable(fonts.regular, context.dealerName));
  doc.setSubject(`Proposal ${p.number}, version ${p.version}`);
  doc.setCreator('Porchlight client portal');
  doc.setProducer('Porchlight (pdf-lib)');
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);

  const flow = new Flow(doc, fonts, PAGE[1] - 58 - 30);
  flow.onNewPage = () => band(flow.page, fonts, colors, context.dealerName, 'Proposal');
  flow.newPage();

  flow.text(p.title, { font: fonts.bold, size: 18, gap: 10 });

  // Two columns of facts.
  const facts: [string, string][] = [
    ['Proposal', `${p.number} (version ${p.version})`],
    ['Issued', utcDate(p.updatedAt)],
    ['Valid until', utcTime(p.expiresAt)],
  ];
  const people: [string, string][] = [
    ['Prepared for', context.accountName],
    ['Salesperson', p.salesperson.name],
    ['Email', p.salesperson.email],
  ];
  factColumns(flow, facts, people);

  // The lines, as a table whose header repeats on every page; the totals under it.
  linesTable(flow, p.lines, money);
  totalsBlock(flow, [
    ['Subtotal', money(p.subtotalCents), false],
    ['Tax', money(p.taxCents), false],
    [`Total (${p.currency})`, money(p.totalCents), true],
  ]);

  if (p.terms) {
    flow.heading('Terms');
    flow.text(p.terms, { size: 9, color: INK });
  }
  flow.y -= 10;
  flow.text(`To accept or reject this proposal, sign in to the ${context.dealerName} client portal. It is valid until ${utcTime(p.expiresAt)}.`, { size: 9, color: MUTED });

  footer(doc, fonts, 0, `${context.dealerName} · proposal ${p.number} · version ${p.version}`);
  return doc.save();
}

/**
 * Checks a PDF the dealer supplies can be read and added to (not encrypted, not damaged, at
 * least one page). Answers its page count.
 */
export function checkSuppliedPdf(bytes: Uint8Array): Promise<number> {
  return checkPdf(bytes, { encryptedReason: 'so a signature page can be added' });
}

/** Whether pdf-lib can embed this PNG (what the certificate needs). */
export async function canEmbedPng(bytes: Uint8Array): Promise<boolean> {
  try {
    const doc = await PDFDocument.create({ updateMetadata: false });
    await doc.embedPng(bytes);
    return true;
  } catch {
    return false;
  }
}

export interface CertificateData {
  dealer: { id: string; name: string; branding: Branding | undefined };
  account: { id: string; name: string; identifier: string };
  proposal: { id: string; number: string; version: number; title: string; totalCents: number; currency: string };
  documentSha256: string;
  signer: { userId: string; name: string; username: string; typedName: string };
  signaturePng: Uint8Array;
  signatureSha256: string;
  strokes: number;
  points: number;
  consent: { text: string; version: string; at: string };
  intent: { text: string; version: string };
  viewedAt: string;
  signedAt: string;
  clientAddress: string | null;
  userAgent: string | null;
  /** The signed event: its place in the chain and its hash (the chain's head when signed). */
  event: { seq: number; hash: string; prevHash: string };
}

/**
 * The signed PDF: every page of the document as it is, then a certificate page (or more) that
 * says what was signed, by whom, when, from where, and the evidence chain's head. Deterministic
 * for the same document and data (dates are the signing time).
 */
export async function renderSignedPdf(documentBytes: Uint8Array, c: CertificateData): Promise<Uint8Array> {
  const doc = await PDFDocument.load(documentBytes, { updateMetadata: false });
  const documentPages = doc.getPageCount();
  const fonts = await embedFonts(doc);
  const colors = brandColors(c.dealer.branding);
  const signature: PDFImage = await doc.embedPng(c.signaturePng);
  const signedAt = new Date(c.signedAt);
  doc.setModificationDate(signedAt);
  doc.setProducer('Porchlight (pdf-lib)');
  doc.setTitle(drawable(fonts.regular, `Proposal ${c.proposal.number}: ${c.proposal.title} (signed)`));

  const flow = new Flow(doc, fonts, PAGE[1] - 58 - 26);
  flow.onNewPage = () => band(flow.page, fonts, colors, c.dealer.name, 'Signature certificate');
  flow.newPage();

  flow.text('Signature certificate', { font: fonts.bold, size: 17, gap: 2 });
  flow.text(
    `${c.signer.typedName} accepted proposal ${c.proposal.number} (version ${c.proposal.version}) in the ${c.dealer.name} client portal on ${utcTime(c.signedAt)}. ` +
      `This page was added by the portal when it was signed; the ${documentPages === 1 ? 'page' : `${documentPages} pages`} before it ${documentPages === 1 ? 'is' : 'are'} the document signed, unchanged.`,
    { size: 9, color: MUTED, gap: 4 },
  );

  // The signature, large enough to read: fitted into a 320 × 104 box.
  const box = { width: 320, height: 104 };
  const scale = Math.min(box.width / signature.width, box.height / signature.height);
  const w = signature.width * scale;
  const h = signature.height * scale;
  flow.room(box.height + 48);
  const boxTop = flow.y - 6;
  flow.page.drawRectangle({ x: MARGIN, y: boxTop - box.height - 12, width: box.width + 24, height: box.height + 12, borderColor: RULE, borderWidth: 0.75, color: rgb(1, 1, 1) });
  flow.page.drawImage(signature, { x: MARGIN + 12 + (box.width - w) / 2, y: boxTop - 6 - box.height + (box.height - h) / 2, width: w, height: h });
  // Beside the box: who signed, as typed.
  const sideX = MARGIN + box.width + 40;
  const sideWidth = CONTENT - box.width - 40;
  let sideY = boxTop - 14;
  flow.page.drawText('Signed by (typed name)', { x: sideX, y: sideY, size: 8.5, font: fonts.regular, color: MUTED });
  for (const line of wrap(fonts.bold, 13, c.signer.typedName, sideWidth).slice(0, 3)) {
    sideY -= 17;
    flow.page.drawText(line, { x: sideX, y: sideY, size: 13, font: fonts.bold, color: INK });
  }
  sideY -= 20;
  flow.page.drawText('Signed at', { x: sideX, y: sideY, size: 8.5, font: fonts.regular, color: MUTED });
  for (const line of wrap(fonts.regular, 9.5, utcTime(c.signedAt), sideWidth)) {
    sideY -= 13;
    flow.page.drawText(line, { x: sideX, y: sideY, size: 9.5, font: fonts.regular, color: INK });
  }
  flow.y = boxTop - box.height - 12 - 4;
  flow.text(`${c.intent.text}  (${c.intent.version})`, { font: fonts.bold, size: 9.5 });

  flow.heading('What was signed', 10.5);
  flow.field('Proposal', `${c.proposal.number}, version ${c.proposal.version}: ${c.proposal.title} (total ${formatMinorUnits(c.proposal.totalCents, c.proposal.currency)})`);
  flow.field('Proposal id', c.proposal.id, { mono: true });
  flow.field(`Document SHA-256 (pages 1-${documentPages})`, c.documentSha256, { mono: true });

  flow.heading('Who signed', 10.5);
  flow.field('Portal login', `${c.signer.name} (username ${c.signer.username}; id ${c.signer.userId})`);
  flow.field('Account', `${c.account.name} (identifier ${c.account.identifier}; id ${c.account.id})`);
  flow.field('Dealer', `${c.dealer.name} (${c.dealer.id})`);
  flow.field('Signature image SHA-256', c.signatureSha256, { mono: true });

  flow.heading('Consent to electronic records and signatures', 10.5, 60);
  flow.field(`Agreed to (${c.consent.version})`, c.consent.text, { size: 8.5 });

  flow.heading('When and from where (server clock, UTC)', 10.5);
  flow.field('Viewed', utcTime(c.viewedAt));
  flow.field('Consented', utcTime(c.consent.at));
  flow.field('Signed', utcTime(c.signedAt));
  flow.field('Client address', c.clientAddress ?? 'not known');
  flow.field('User agent', c.userAgent ?? 'not sent', { size: 8.5 });

  flow.heading('Evidence', 10.5);
  flow.field(`Chain head: signed event ${c.event.seq}`, c.event.hash, { mono: true });
  flow.field('Previous event hash', c.event.prevHash, { mono: true });
  flow.text(
    "Every event of the proposal (issued, viewed, consented, signed) is recorded once and never changed; each event's SHA-256 covers the one before it, so changing any event changes this hash. The dealer's back office can show the chain and verify it.",
    { size: 8.5, color: MUTED },
  );

  footer(doc, fonts, documentPages, `Signature certificate · proposal ${c.proposal.number} · version ${c.proposal.version}`);
  return doc.save();
}
