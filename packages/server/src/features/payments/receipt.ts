import { PDFDocument } from 'pdf-lib';
import { formatMinorUnits, PAYMENT_STATUS_LABELS, paymentMethodLabel, type Branding, type Payment } from '@porchlight/core';
import { Flow, MUTED, PAGE, band, brandColors, drawable, embedFonts, factColumns, footer, linesTable, totalsBlock, utcTime, type TotalsRow } from '../../pdf/layout.js';

/**
 * The receipt of a payment as a PDF, drawn with the portal's PDF kit: the dealer's band, the
 * receipt's facts (number, date, method, who paid), what was paid on each invoice, the total,
 * and any refund. Rendered when asked for from the stored payment: the same payment always
 * gives the same bytes (its own dates, no random file id).
 */

export type ReceiptContent = Pick<Payment, 'receiptNumber' | 'status' | 'amountCents' | 'currency' | 'method' | 'items' | 'autopay' | 'createdAt' | 'createdBy' | 'updatedAt' | 'refundedCents' | 'refundedAt'>;

export interface ReceiptContext {
  dealerName: string;
  branding: Branding | undefined;
  account: { name: string; customerNumber?: string | null | undefined };
}

export const receiptFilename = (receiptNumber: string) => `receipt-${receiptNumber}.pdf`;

export async function renderReceiptPdf(p: ReceiptContent, context: ReceiptContext): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedFonts(doc);
  const colors = brandColors(context.branding);
  const money = (cents: number) => formatMinorUnits(cents, p.currency);
  const changed = new Date(p.updatedAt);
  doc.setTitle(drawable(fonts.regular, `Receipt ${p.receiptNumber}`));
  doc.setAuthor(drawable(fonts.regular, context.dealerName));
  doc.setSubject(`Payment receipt ${p.receiptNumber}`);
  doc.setCreator('Porchlight client portal');
  doc.setProducer('Porchlight (pdf-lib)');
  doc.setCreationDate(new Date(p.createdAt));
  doc.setModificationDate(changed);

  const flow = new Flow(doc, fonts, PAGE[1] - 58 - 30);
  flow.onNewPage = () => band(flow.page, fonts, colors, context.dealerName, 'Receipt');
  flow.newPage();
  flow.text(`Payment receipt ${p.receiptNumber}`, { font: fonts.bold, size: 18, gap: 10 });

  const facts: [string, string][] = [
    ['Receipt', p.receiptNumber],
    ['Paid', utcTime(p.createdAt)],
    ['Status', PAYMENT_STATUS_LABELS[p.status]],
  ];
  const payer: [string, string][] = [['Account', context.account.name]];
  if (context.account.customerNumber) payer.push(['Customer no.', context.account.customerNumber]);
  payer.push(['Method', paymentMethodLabel(p.method)]);
  payer.push(['Paid by', p.autopay ? 'Autopay' : p.createdBy.name]);
  factColumns(flow, facts, payer);

  linesTable(
    flow,
    p.items.map((i) => ({ description: `Invoice ${i.invoiceNumber}`, quantity: 1, unitCents: i.amountCents, totalCents: i.amountCents })),
    money,
  );
  const rows: TotalsRow[] = [[`Total paid (${p.currency})`, money(p.amountCents), true]];
  if (p.refundedCents > 0) {
    rows.push([`Refunded${p.refundedAt ? ` ${utcTime(p.refundedAt)}` : ''}`, money(-p.refundedCents), false]);
    rows.push(['Net paid', money(p.amountCents - p.refundedCents), true]);
  }
  totalsBlock(flow, rows);
  flow.y -= 4;
  flow.text(`Thank you for your payment. Your payment history is in the ${context.dealerName} client portal.`, { size: 9, color: MUTED });
  footer(doc, fonts, 0, `${context.dealerName} · receipt ${p.receiptNumber}`);
  return doc.save();
}
