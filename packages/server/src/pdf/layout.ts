import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { PorchlightError, type Branding, type LineItem } from '@porchlight/core';

/**
 * The drawing kit of the portal's PDFs (proposals, invoices, receipts), made with pdf-lib and
 * its standard fonts: US Letter pages, the dealer's coloured band, a text flow that breaks
 * pages, a table of lines whose header repeats on every page, totals, and a footer. Nothing in
 * it reads a clock or a random source, so the same data always gives the same bytes.
 *
 * The standard fonts cover Western European text (WinAnsi). Other characters are shown without
 * accents where that helps, else as "?".
 */

/** The dealer's colour for the band, and a text colour readable on it. */
export interface BrandColors {
  band: RGB;
  onBand: RGB;
}

export const PAGE: [number, number] = [612, 792]; // US Letter
export const MARGIN = 54;
/** Room for the footer. */
export const BOTTOM = 58;
export const CONTENT = PAGE[0] - 2 * MARGIN;
export const INK = hex('#1d2733');
export const MUTED = hex('#5b6673');
export const RULE = hex('#d5dae1');
export const SHADE = hex('#f1f3f6');
const DEFAULT_PRIMARY = '#1f5fae';

export function hex(value: string): RGB {
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
export function brandColors(branding: Branding | undefined): BrandColors {
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
/** "November 23, 2026". */
export const utcDate = (iso: string) => DATE_FORMAT.format(new Date(iso));

export interface Fonts {
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

/**
 * The largest n in 1..max for which `piece(n)` fits in `width` points (1 when none does), by
 * bisection: a long word or name costs a few measurements, not one per character. No glyph of
 * the standard fonts is narrower than a tenth of the font size, which bounds n.
 */
function longestFitting(font: PDFFont, size: number, width: number, max: number, piece: (n: number) => string): number {
  let lo = 1;
  let hi = Math.max(1, Math.min(max, Math.ceil(width / (size * 0.1))));
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (font.widthOfTextAtSize(piece(mid), size) <= width) lo = mid;
    else hi = mid - 1;
  }
  return lo;
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
        const cut = longestFitting(font, size, width, rest.length - 1, (n) => rest.slice(0, n));
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
export class Flow {
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
export function band(page: PDFPage, fonts: Fonts, colors: BrandColors, left: string, right: string): void {
  const height = 58;
  page.drawRectangle({ x: 0, y: PAGE[1] - height, width: PAGE[0], height, color: colors.band });
  const name = fit(fonts.bold, 17, drawable(fonts.bold, left), CONTENT - 190);
  page.drawText(name, { x: MARGIN, y: PAGE[1] - 36, size: 17, font: fonts.bold, color: colors.onBand });
  const label = drawable(fonts.bold, right).toUpperCase();
  const width = fonts.bold.widthOfTextAtSize(label, 10);
  page.drawText(label, { x: MARGIN + CONTENT - width, y: PAGE[1] - 34, size: 10, font: fonts.bold, color: colors.onBand });
}

/** The text cut to `width` points with an ellipsis when it is longer. */
export function fit(font: PDFFont, size: number, line: string, width: number): string {
  const text = line.replace(/[\r\n]+/g, ' ');
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  const cut = longestFitting(font, size, width, text.length, (n) => `${text.slice(0, n)}...`);
  return `${text.slice(0, cut)}...`;
}

/**
 * The footer of every page from `from` on: a rule, `label · page i of n` on the left and, when
 * given, `right` in bold on the right (the left part is shortened to leave it room).
 */
export function footer(doc: PDFDocument, fonts: Fonts, from: number, label: string, right?: string): void {
  const pages = doc.getPages().slice(from);
  const rightText = right ? drawable(fonts.bold, right) : '';
  const rightWidth = rightText ? Math.min(fonts.bold.widthOfTextAtSize(rightText, 8), CONTENT / 2) : 0;
  pages.forEach((page, i) => {
    const text = drawable(fonts.regular, `${label} · page ${i + 1} of ${pages.length}`);
    page.drawLine({ start: { x: MARGIN, y: 44 }, end: { x: MARGIN + CONTENT, y: 44 }, thickness: 0.5, color: RULE });
    page.drawText(fit(fonts.regular, 8, text, CONTENT - (rightWidth ? rightWidth + 16 : 0)), { x: MARGIN, y: 32, size: 8, font: fonts.regular, color: MUTED });
    if (rightText) {
      const shown = fit(fonts.bold, 8, rightText, CONTENT / 2);
      page.drawText(shown, { x: MARGIN + CONTENT - fonts.bold.widthOfTextAtSize(shown, 8), y: 32, size: 8, font: fonts.bold, color: INK });
    }
  });
}

export async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  const [regular, bold, mono] = await Promise.all([doc.embedFont(StandardFonts.Helvetica), doc.embedFont(StandardFonts.HelveticaBold), doc.embedFont(StandardFonts.Courier)]);
  return { regular, bold, mono };
}

/** A quantity as printed: whole, or up to four decimals. */
export const quantity = (q: number) => (Number.isInteger(q) ? String(q) : q.toFixed(4).replace(/0+$/, ''));

/** Two columns of facts (label: value) side by side under the title; the flow continues under the longer one. */
export function factColumns(flow: Flow, left: readonly [string, string][], right: readonly [string, string][]): void {
  const { fonts } = flow;
  const columnTop = flow.y;
  const half = CONTENT / 2;
  const drawColumn = (rows: readonly [string, string][], x: number) => {
    let y = columnTop;
    for (const [label, value] of rows) {
      y -= 14;
      flow.page.drawText(drawable(fonts.regular, label), { x, y, size: 8.5, font: fonts.regular, color: MUTED });
      flow.page.drawText(fit(fonts.bold, 9.5, drawable(fonts.bold, value), half - 82), { x: x + 72, y, size: 9.5, font: fonts.bold, color: INK });
    }
    return y;
  };
  flow.y = Math.min(drawColumn(left, MARGIN), drawColumn(right, MARGIN + half)) - 18;
}

/** Where the columns of a lines table are. */
export const TABLE = { description: MARGIN + 6, descriptionWidth: 262, qtyRight: MARGIN + 330, unitRight: MARGIN + 420, amountRight: MARGIN + CONTENT - 6 } as const;

/**
 * The lines of a document as a table (description, quantity, unit price, amount) whose header
 * is drawn again at the top of every page the table runs onto, after what `flow.onNewPage`
 * already draws there (the band). A line taller than a page is broken across pages.
 */
export function linesTable(flow: Flow, lines: readonly LineItem[], money: (cents: number) => string): void {
  const { fonts } = flow;
  const pageTop = flow.onNewPage;
  const header = () => {
    flow.page.drawRectangle({ x: MARGIN, y: flow.y - 20, width: CONTENT, height: 20, color: SHADE });
    const y = flow.y - 14;
    flow.page.drawText('Description', { x: TABLE.description, y, size: 8.5, font: fonts.bold, color: MUTED });
    const right = (text: string, edge: number) => flow.page.drawText(text, { x: edge - fonts.bold.widthOfTextAtSize(text, 8.5), y, size: 8.5, font: fonts.bold, color: MUTED });
    right('Qty', TABLE.qtyRight);
    right('Unit price', TABLE.unitRight);
    right('Amount', TABLE.amountRight);
    flow.y -= 24;
  };
  flow.room(60);
  header();
  flow.onNewPage = () => {
    pageTop?.();
    header();
  };
  const size = 9.5;
  const leading = size * 1.35;
  for (const line of lines) {
    const wrapped = wrap(fonts.regular, size, line.description, TABLE.descriptionWidth);
    const height = wrapped.length * leading + 8;
    // A row taller than a page is broken across pages line by line; others move whole.
    if (height < PAGE[1] - 200) flow.room(height);
    const numbersY = flow.y - leading + 2;
    const right = (text: string, edge: number) => flow.page.drawText(drawable(fonts.regular, text), { x: edge - fonts.regular.widthOfTextAtSize(drawable(fonts.regular, text), size), y: numbersY, size, font: fonts.regular, color: INK });
    right(quantity(line.quantity), TABLE.qtyRight);
    right(money(line.unitCents), TABLE.unitRight);
    right(money(line.totalCents), TABLE.amountRight);
    for (const text of wrapped) {
      flow.room(leading);
      flow.y -= leading;
      flow.page.drawText(text, { x: TABLE.description, y: flow.y + 2, size, font: fonts.regular, color: INK });
    }
    flow.y -= 6;
    flow.page.drawLine({ start: { x: MARGIN, y: flow.y }, end: { x: MARGIN + CONTENT, y: flow.y }, thickness: 0.5, color: RULE });
    flow.y -= 2;
  }
  flow.onNewPage = pageTop;
}

/** One row of the totals under a lines table: label, amount as printed, and whether it is the strong one. */
export type TotalsRow = [label: string, value: string, strong: boolean];

/** Totals right-aligned under the table's amounts, kept together on one page. */
export function totalsBlock(flow: Flow, rows: readonly TotalsRow[]): void {
  const { fonts } = flow;
  flow.room(rows.length * 18 + 16);
  flow.y -= 6;
  let above = 0;
  for (const [label, value, strong] of rows) {
    const font = strong ? fonts.bold : fonts.regular;
    const s = strong ? 11.5 : 9.5;
    // Room for the larger of this row and the one above (a small row under a strong one is not cramped).
    flow.y -= Math.max(s, above) * 1.5;
    above = s;
    const l = drawable(font, label);
    flow.page.drawText(l, { x: TABLE.unitRight - font.widthOfTextAtSize(l, s), y: flow.y, size: s, font, color: strong ? INK : MUTED });
    const v = drawable(font, value);
    flow.page.drawText(v, { x: TABLE.amountRight - font.widthOfTextAtSize(v, s), y: flow.y, size: s, font, color: INK });
  }
  flow.y -= 10;
}

/**
 * Checks a PDF the dealer supplies can be read (not damaged, at least one page; not encrypted
 * unless `allowEncrypted`, for a PDF that is only served, never added to), refusing it on `field`
 * otherwise. `encryptedReason` says why an encrypted one cannot be used. Answers its page count.
 */
export async function checkSuppliedPdf(bytes: Uint8Array, o: { field?: string; encryptedReason?: string; allowEncrypted?: boolean } = {}): Promise<number> {
  const field = o.field ?? 'pdfBase64';
  let pages: number;
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: o.allowEncrypted ?? false });
    pages = doc.getPageCount();
  } catch (error) {
    const encrypted = error instanceof Error && /encrypt/i.test(error.message);
    throw new PorchlightError('VALIDATION_FAILED', undefined, {
      fields: { [field]: encrypted ? `The PDF is encrypted or password-protected: send it without protection${o.encryptedReason ? `, ${o.encryptedReason}` : ''}.` : 'The PDF cannot be read: it is damaged or not a PDF.' },
    });
  }
  if (pages < 1) throw new PorchlightError('VALIDATION_FAILED', undefined, { fields: { [field]: 'The PDF has no pages.' } });
  return pages;
}
