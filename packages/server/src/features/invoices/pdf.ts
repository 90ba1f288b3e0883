import { PDFDocument } from 'pdf-lib';
import { formatMinorUnits, INVOICE_STATUS_LABELS, type Branding, type Invoice } from '@porchlight/core';
import { CONTENT, Flow, MARGIN, MUTED, PAGE, band, brandColors, drawable, embedFonts, factColumns, footer, hex, linesTable, totalsBlock, utcDate, type TotalsRow } from '../../pdf/layout.js';

/**
 * The invoice as a PDF, drawn with the portal's PDF kit (pdf/layout.ts) when the dealer supplies
 * none: the dealer's band, the facts, the lines (the table header repeats on every page), the
 * totals with what is paid and the balance due, the memo, and on every page's footer the
 * account's registration key. Rendered when asked for, from the stored invoice: the same data
 * and version always give the same bytes (its dates are the invoice's own, no random file id).
 */

export type InvoiceContent = Pick<
  Invoice,
  'number' | 'version' | 'issueDate' | 'dueDate' | 'lines' | 'subtotalCents' | 'taxCents' | 'totalCents' | 'balanceCents' | 'currency' | 'status' | 'registrationKey' | 'memo' | 'updatedAt'
>;

export interface InvoiceContext {
  dealerName: string;
  branding: Branding | undefined;
  account: { name: string; customerNumber?: string | null | undefined };
}

/** The name a downloaded invoice is saved under. */
export const invoiceFilename = (number: string) => `invoice-${number}.pdf`;

const STATUS_COLORS: Record<Invoice['status'], string> = { open: '#1f5fae', 'partially-paid': '#9a6700', paid: '#1f7a3d', void: '#b42318' };
const day = (date: string) => utcDate(`${date}T00:00:00Z`);

export async function renderInvoicePdf(i: InvoiceContent, context: InvoiceContext): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedFonts(doc);
  const colors = brandColors(context.branding);
  const money = (cents: number) => formatMinorUnits(cents, i.currency);
  const changed = new Date(i.updatedAt);
  doc.setTitle(drawable(fonts.regular, `Invoice ${i.number}`));
  doc.setAuthor(drawable(fonts.regular, context.dealerName));
  doc.setSubject(`Invoice ${i.number}, version ${i.version}`);
  doc.setCreator('Porchlight client portal');
  doc.setProducer('Porchlight (pdf-lib)');
  doc.setCreationDate(changed);
  doc.setModificationDate(changed);

  const flow = new Flow(doc, fonts, PAGE[1] - 58 - 30);
  flow.onNewPage = () => band(flow.page, fonts, colors, context.dealerName, 'Invoice');
  flow.newPage();

  // The title, and the status as a label on its right.
  const titleSize = 18;
  const titleTop = flow.y;
  flow.text(`Invoice ${i.number}`, { font: fonts.bold, size: titleSize, gap: 10 });
  const label = INVOICE_STATUS_LABELS[i.status].toUpperCase();
  const labelWidth = fonts.bold.widthOfTextAtSize(label, 9) + 16;
  const baseline = titleTop - titleSize * 1.35 + (titleSize * 1.35 - titleSize) / 2 + 1;
  const statusColor = hex(STATUS_COLORS[i.status]);
  flow.page.drawRectangle({ x: MARGIN + CONTENT - labelWidth, y: baseline - 3, width: labelWidth, height: 18, borderColor: statusColor, borderWidth: 1.25 });
  flow.page.drawText(label, { x: MARGIN + CONTENT - labelWidth + 8, y: baseline + 2.5, size: 9, font: fonts.bold, color: statusColor });

  const facts: [string, string][] = [
    ['Invoice', i.number],
    ['Issued', day(i.issueDate)],
    ['Due', day(i.dueDate)],
  ];
  const billTo: [string, string][] = [['Bill to', context.account.name]];
  if (context.account.customerNumber) billTo.push(['Customer no.', context.account.customerNumber]);
  billTo.push(['Balance due', money(i.balanceCents)]);
  factColumns(flow, facts, billTo);

  linesTable(flow, i.lines, money);
  const paid = i.totalCents - i.balanceCents;
  const rows: TotalsRow[] = [
    ['Subtotal', money(i.subtotalCents), false],
    ['Tax', money(i.taxCents), false],
    [`Total (${i.currency})`, money(i.totalCents), true],
  ];
  if (i.status === 'void') rows.push(['Void: nothing is due', money(0), true]);
  else {
    if (paid > 0) rows.push(['Paid', money(-paid), false]);
    rows.push(['Balance due', money(i.balanceCents), true]);
  }
  totalsBlock(flow, rows);

  if (i.memo) {
    flow.heading('Notes', 11);
    flow.text(i.memo, { size: 9 });
    flow.y -= 8;
  }
  flow.y -= 4;
  const closing =
    i.status === 'void'
      ? 'This invoice was voided. Nothing is due on it.'
      : i.balanceCents === 0
        ? 'This invoice is paid in full. Thank you.'
        : `Please pay ${money(i.balanceCents)} by ${day(i.dueDate)}. You can pay online: sign in to the ${context.dealerName} client portal.`;
  flow.text(closing, { size: 9, color: MUTED });

  footer(doc, fonts, 0, `${context.dealerName} · invoice ${i.number}`, i.registrationKey ? `Registration key: ${i.registrationKey}` : undefined);
  return doc.save();
}
