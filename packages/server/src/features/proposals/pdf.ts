import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFImage, type PDFPage, type RGB } from 'pdf-lib';
import { formatMinorUnits, PorchlightError, type Branding, type Proposal } from '@porchlight/core';

/**
 * The proposal's PDFs, made with pdf-lib and its standard fonts:
 * - the document, rendered from the synced data when the dealer supplies none. The same data
 *   and version always give the same bytes (dates from the proposal, no random file id), so its
 *   hash is stable;
 * - the signed PDF: the document followed by a signature certificate page.
 *
 * The standard fonts cover Western European text (WinAnsi). Other characters are shown without
 * accents where that helps, else as "?"; the exact text stays in the evidence records.
 */

const PAGE: [number, number] = [612, 792]; // US Letter
const MARGIN = 54;
const BOTTOM = 58; // room for the footer
const CONTENT = PAGE[0] - 2 * MARGIN;
const INK = hex('#1d2733');
const MUTED = hex('#5b6673');
const RULE = hex('#d5dae1');
const SHADE = hex('#f1f3f6');
const DEFAULT_PRIMARY = '#1f5fae';

function hex(value: string): RGB {
  let h = value.replace('#', '');
  if (h.length === 3) h = [...h].map((c) => c + c).join('');
  const n = parseInt(h.slice(0, 6), 16);
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255);
}

function luminance(c: RGB): number {
  const lin = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(c.red) + 0.7152 * lin(c.green) + 0.0722 * lin(c.blue);
}

/** The dealer's primary colour (re-validated), and a text colour readable on it. */
function brandColors(branding: Branding | undefined): { band: RGB; onBand: RGB } {
  const primary = branding?.colors?.primary;
  const band = hex(primary && /^#(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(primary) ? primary : DEFAULT_PRIMARY);
  const l = luminance(band);
  // White unless dark text contrasts more.
  const onBand = (1.05 / (l + 0.05)) >= ((l + 0.05) / (luminance(INK) + 0.05)) ? rgb(1, 1, 1) : INK;
  return { band, onBand };
}

const UTC_FORMAT = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const DATE_FORMAT = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });
/** "November 23, 2026 at 12:00:05 UTC". */
export const utcTime = (iso: string) => `${UTC_FORMAT.format(new Date(iso))} UTC`;
const utcDate = (iso: string) => DATE_FORMAT.format(new Date(iso));

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}

const charsets = new WeakMap<PDFFont, Set<number>>();
/** Letters that have no decomposition but a plain Latin look-alike. */
const LETTERS: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŧ: 'T', ŧ: 't', Ŀ: 'L', ŀ: 'l', ĸ: 'k', Ŋ: 'N', ŋ: 'n', '‐': '-', '‑': '-', '−': '-' };

/** Text the font can draw: characters it lacks lose their accents, or become "?". */
export function drawable(font: PDFFont, text: string): string {
  let set = charsets.get(font);
  if (!set) charsets.set(font, (set = new Set(font.getCharacterSet())));
  let out = '';
  for (const ch of text.replace(/\t/g, '    ')) {
    const cp = ch.codePointAt(0)!;
    if (set.has(cp) || ch === '\n' || ch === '\r') {
      out += ch;
      continue;
    }
    if (/\s/u.test(ch)) {
      out += ' ';
      continue;
    }
    const plain = (LETTERS[ch] ?? ch).normalize('NFKD').replace(/\p{M}/gu, '');
    out += plain && [...plain].every((c) => set.has(c.codePointAt(0)!)) ? plain : '?';
  }
  return out;
}

/** Lines of at most `width` points: by words, a word longer than the line split by characters; line breaks kept. */
export function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of drawable(font, text).split(/\r\n|\r|\n/)) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** A cursor down the pages: draws text, breaks pages, redraws what a new page needs (a table header). */
class Flow {
  page!: PDFPage;
  y = 0;
  onNewPage: (() => void) | undefined;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
    readonly top: number = PAGE[1] - MARGIN,
  ) {}

  newPage(): void {
    this.page = this.doc.addPage(PAGE);
    this.y = this.top;
    this.onNewPage?.();
  }

  /** Makes room for `height` points, on a new page if needed. */
  room(height: number): void {
    if (this.y - height < BOTTOM) this.newPage();
  }

  text(text: string, o: { font?: PDFFont; size?: number; color?: RGB; x?: number; width?: number; gap?: number } = {}): void {
    const font = o.font ?? this.fonts.regular;
    const size = o.size ?? 10;
    const x = o.x ?? MARGIN;
    const leading = size * 1.35;
    for (const line of wrap(font, size, text, o.width ?? CONTENT - (x - MARGIN))) {
      this.room(leading);
      this.y -= leading;
      this.page.drawText(line, { x, y: this.y + (leading - size) / 2 + 1, size, font, color: o.color ?? INK });
    }
    this.y -= o.gap ?? 0;
  }

  rule(gapAbove = 6, gapBelow = 8): void {
    this.room(gapAbove + gapBelow);
    this.y -= gapAbove;
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: MARGIN + CONTENT, y: this.y }, thickness: 0.75, color: RULE });
    this.y -= gapBelow;
  }

  /** A label and its value side by side (each wraps in its column). */
  field(label: string, value: string, o: { labelWidth?: number; mono?: boolean; size?: number } = {}): void {
    const labelWidth = o.labelWidth ?? 132;
    const size = o.size ?? 9.5;
    const font = o.mono ? this.fonts.mono : this.fonts.regular;
    const valueSize = o.mono ? size - 0.5 : size;
    const values = wrap(font, valueSize, value || '-', CONTENT - labelWidth);
    const labels = wrap(this.fonts.regular, 8.5, label, labelWidth - 10);
    const rows = Math.max(values.length, labels.length);
    const leading = size * 1.3;
    this.room(leading * Math.min(rows, 3));
    for (let i = 0; i < rows; i++) {
      this.room(leading);
      this.y -= leading;
      const label = labels[i];
      if (label) this.page.drawText(label, { x: MARGIN, y: this.y + 3, size: 8.5, font: this.fonts.regular, color: MUTED });
      const line = values[i];
      if (line) this.page.drawText(line, { x: MARGIN + labelWidth, y: this.y + 3, size: valueSize, font, color: INK });
    }
    this.y -= 1;
  }

  /** A section heading, kept with at least `keep` points of what follows. */
  heading(text: string, size = 12, keep = 40): void {
    this.room(size * 1.35 + 6 + keep);
    this.y -= 6;
    this.text(text, { font: this.fonts.bold, size, gap: 1 });
  }
}

/** The coloured band at the top of a page: the dealer's name on the left, a label on the right. */
function band(page: PDFPage, fonts: Fonts, colors: { band: RGB; onBand: RGB }, left: string, right: string): void {
  const height = 58;
  page.drawRectangle({ x: 0, y: PAGE[1] - height, width: PAGE[0], height, color: colors.band });
  const name = fit(fonts.bold, 17, drawable(fonts.bold, left), CONTENT - 190);
  page.drawText(name, { x: MARGIN, y: PAGE[1] - 36, size: 17, font: fonts.bold, color: colors.onBand });
  const label = drawable(fonts.bold, right).toUpperCase();
  const width = fonts.bold.widthOfTextAtSize(label, 10);
  page.drawText(label, { x: MARGIN + CONTENT - width, y: PAGE[1] - 34, size: 10, font: fonts.bold, color: colors.onBand });
}

/** The text cut to `width` points with an ellipsis when it is longer. */
function fit(font: PDFFont, size: number, line: string, width: number): string {
  const text = line.replace(/[\r\n]+/g, ' ');
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let cut = text.length;
  while (cut > 1 && font.widthOfTextAtSize(`${text.slice(0, cut)}...`, size) > width) cut--;
  return `${text.slice(0, cut)}...`;
}

function footer(doc: PDFDocument, fonts: Fonts, from: number, label: string): void {
  const pages = doc.getPages().slice(from);
  pages.forEach((page, i) => {
    const text = drawable(fonts.regular, `${label} · page ${i + 1} of ${pages.length}`);
    page.drawLine({ start: { x: MARGIN, y: 44 }, end: { x: MARGIN + CONTENT, y: 44 }, thickness: 0.5, color: RULE });
    page.drawText(fit(fonts.regular, 8, text, CONTENT), { x: MARGIN, y: 32, size: 8, font: fonts.regular, color: MUTED });
  });
}

async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  const [regular, bold, mono] = await Promise.all([doc.embedFont(StandardFonts.Helvetica), doc.embedFont(StandardFonts.HelveticaBold), doc.embedFont(StandardFonts.Courier)]);
  return { regular, bold, mono };
}

const quantity = (q: number) => (Number.isInteger(q) ? String(q) : q.toFixed(4).replace(/0+$/, ''));

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
  const columnTop = flow.y;
  const half = CONTENT / 2;
  const drawColumn = (rows: [string, string][], x: number) => {
    let y = columnTop;
    for (const [label, value] of rows) {
      y -= 14;
      flow.page.drawText(label, { x, y, size: 8.5, font: fonts.regular, color: MUTED });
      flow.page.drawText(fit(fonts.bold, 9.5, drawable(fonts.bold, value), half - 82), { x: x + 72, y, size: 9.5, font: fonts.bold, color: INK });
    }
    return y;
  };
  flow.y = Math.min(drawColumn(facts, MARGIN), drawColumn(people, MARGIN + half)) - 18;

  // The lines, as a table whose header repeats on every page.
  const cols = { description: MARGIN + 6, qtyRight: MARGIN + 330, unitRight: MARGIN + 420, amountRight: MARGIN + CONTENT - 6 };
  const descWidth = 262;
  const tableHeader = () => {
    flow.page.drawRectangle({ x: MARGIN, y: flow.y - 20, width: CONTENT, height: 20, color: SHADE });
    const y = flow.y - 14;
    flow.page.drawText('Description', { x: cols.description, y, size: 8.5, font: fonts.bold, color: MUTED });
    const right = (text: string, edge: number) => flow.page.drawText(text, { x: edge - fonts.bold.widthOfTextAtSize(text, 8.5), y, size: 8.5, font: fonts.bold, color: MUTED });
    right('Qty', cols.qtyRight);
    right('Unit price', cols.unitRight);
    right('Amount', cols.amountRight);
    flow.y -= 24;
  };
  flow.room(60);
  tableHeader();
  flow.onNewPage = () => {
    band(flow.page, fonts, colors, context.dealerName, 'Proposal');
    tableHeader();
  };
  const size = 9.5;
  const leading = size * 1.35;
  for (const line of p.lines) {
    const wrapped = wrap(fonts.regular, size, line.description, descWidth);
    const height = wrapped.length * leading + 8;
    // A row taller than a page is broken across pages line by line; others move whole.
    if (height < PAGE[1] - 200) flow.room(height);
    const numbersY = flow.y - leading + 2;
    const right = (text: string, edge: number) => flow.page.drawText(drawable(fonts.regular, text), { x: edge - fonts.regular.widthOfTextAtSize(drawable(fonts.regular, text), size), y: numbersY, size, font: fonts.regular, color: INK });
    right(quantity(line.quantity), cols.qtyRight);
    right(money(line.unitCents), cols.unitRight);
    right(money(line.totalCents), cols.amountRight);
    for (const text of wrapped) {
      flow.room(leading);
      flow.y -= leading;
      flow.page.drawText(text, { x: cols.description, y: flow.y + 2, size, font: fonts.regular, color: INK });
    }
    flow.y -= 6;
    flow.page.drawLine({ start: { x: MARGIN, y: flow.y }, end: { x: MARGIN + CONTENT, y: flow.y }, thickness: 0.5, color: RULE });
    flow.y -= 2;
  }
  flow.onNewPage = () => band(flow.page, fonts, colors, context.dealerName, 'Proposal');

  // Totals, right-aligned under the amounts.
  flow.room(70);
  flow.y -= 6;
  const totals: [string, string, boolean][] = [
    ['Subtotal', money(p.subtotalCents), false],
    ['Tax', money(p.taxCents), false],
    [`Total (${p.currency})`, money(p.totalCents), true],
  ];
  for (const [label, value, strong] of totals) {
    const font = strong ? fonts.bold : fonts.regular;
    const s = strong ? 11.5 : 9.5;
    flow.y -= s * 1.5;
    flow.page.drawText(label, { x: cols.unitRight - font.widthOfTextAtSize(label, s), y: flow.y, size: s, font, color: strong ? INK : MUTED });
    const v = drawable(font, value);
    flow.page.drawText(v, { x: cols.amountRight - font.widthOfTextAtSize(v, s), y: flow.y, size: s, font, color: INK });
  }
  flow.y -= 10;

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
export async function checkSuppliedPdf(bytes: Uint8Array): Promise<number> {
  let pages: number;
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    pages = doc.getPageCount();
  } catch (error) {
    const encrypted = error instanceof Error && /encrypt/i.test(error.message);
    throw new PorchlightError('VALIDATION_FAILED', undefined, {
      fields: { pdfBase64: encrypted ? 'The PDF is encrypted or password-protected: send it without protection, so a signature page can be added.' : 'The PDF cannot be read: it is damaged or not a PDF.' },
    });
  }
  if (pages < 1) throw new PorchlightError('VALIDATION_FAILED', undefined, { fields: { pdfBase64: 'The PDF has no pages.' } });
  return pages;
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
