import { formatMinorUnits, type MailTemplates } from '@porchlight/core';
import { formatDay, formatUtc } from '../format.js';
import { mj, safeUrl, type Markup } from '../markup.js';
import { button, contact, paragraphs, type EmailTemplate } from './template.js';

/** Payment and autopay emails: receipts, failures, the autopay authorization copy, and the dealer's notice of autopay changes. */

type Item = { invoiceNumber: string; amountCents: number };

const itemsHtml = (items: Item[], currency: string): Markup =>
  mj`<mj-table>
    <tr><th align="left" style="padding-right:12px">Invoice</th><th align="right">Amount</th></tr>
    ${items.map((i) => mj`<tr><td style="padding-right:12px">${i.invoiceNumber}</td><td align="right">${formatMinorUnits(i.amountCents, currency)}</td></tr>`)}
  </mj-table>`;
const itemsText = (items: Item[], currency: string) => items.map((i) => `- Invoice ${i.invoiceNumber}: ${formatMinorUnits(i.amountCents, currency)}`).join('\n');

/** To the payer and the account's managers: the payment was taken; the receipt PDF is attached. */
export const paymentReceipt: EmailTemplate<MailTemplates['payment-receipt']> = (data, dealer) => {
  const url = safeUrl(data.url ?? undefined);
  const help = contact(dealer);
  const amount = formatMinorUnits(data.amountCents, data.currency);
  const when = formatUtc(data.paidAt);
  const how = data.autopay ? `Autopay charged your ${data.method}` : `We received your payment by ${data.method}`;
  return {
    subject: `Receipt ${data.receiptNumber}: ${amount} paid to ${dealer.name}`,
    preview: `${how}: ${amount}, ${when}.`,
    reason: `You received this email because a payment was made for ${data.accountName} in the ${dealer.name} client portal.`,
    html: mj`
      <mj-text mj-class="heading">Payment received: ${amount}</mj-text>
      <mj-text>Hi ${data.name},</mj-text>
      <mj-text>${how} on ${when} for <strong>${data.accountName}</strong>. Thank you.</mj-text>
      <mj-text><strong>Receipt ${data.receiptNumber}</strong></mj-text>
      ${itemsHtml(data.items, data.currency)}
      <mj-text><strong>Total paid: ${amount}</strong></mj-text>
      <mj-text mj-class="small">The receipt is attached as a PDF, and is in your payment history in the portal.</mj-text>
      ${url ? button(url, 'Open the portal') : ''}
      <mj-text>For questions about this payment, ${help.html}</mj-text>`,
    text: paragraphs(
      `Hi ${data.name},`,
      `${how} on ${when} for ${data.accountName}. Thank you.`,
      `Receipt ${data.receiptNumber}\n${itemsText(data.items, data.currency)}\nTotal paid: ${amount}`,
      'The receipt is attached as a PDF, and is in your payment history in the portal.',
      url && `Open the portal: ${url}`,
      `For questions about this payment, ${help.text}`,
    ),
  };
};

/** To the payer (autopay: the login that turned it on): the payment was declined or failed; nothing was taken. */
export const paymentFailed: EmailTemplate<MailTemplates['payment-failed']> = (data, dealer) => {
  const url = safeUrl(data.url ?? undefined);
  const help = contact(dealer);
  const amount = formatMinorUnits(data.amountCents, data.currency);
  const what = data.status === 'declined' ? 'was declined' : 'did not go through';
  const headline = data.autopay ? `Your autopay payment of ${amount} ${what}` : `Your payment of ${amount} ${what}`;
  const retry = data.autopay
    ? data.retryOn
      ? `We will try your ${data.method} again on ${formatDay(data.retryOn)}. To avoid that, pay in the portal or choose another card for autopay before then.`
      : 'We will not try this charge again. Please pay in the portal.'
    : 'Nothing was charged. You can try again in the portal with this or another payment method.';
  return {
    subject: `${data.autopay ? 'Autopay payment' : 'Payment'} ${data.status === 'declined' ? 'declined' : 'failed'}: ${amount} to ${dealer.name}`,
    preview: `${headline}: ${data.reason}`,
    reason: `You received this email because a payment was attempted for ${data.accountName} in the ${dealer.name} client portal.`,
    html: mj`
      <mj-text mj-class="heading">${headline}</mj-text>
      <mj-text>Hi ${data.name},</mj-text>
      <mj-text>The payment with your ${data.method} for <strong>${data.accountName}</strong> ${what}: ${data.reason}</mj-text>
      ${itemsHtml(data.items, data.currency)}
      <mj-text>${retry}</mj-text>
      ${url ? button(url, 'Open the portal') : ''}
      <mj-text>For questions, ${help.html}</mj-text>`,
    text: paragraphs(
      `Hi ${data.name},`,
      `The payment with your ${data.method} for ${data.accountName} ${what}: ${data.reason}`,
      itemsText(data.items, data.currency),
      retry,
      url && `Open the portal: ${url}`,
      `For questions, ${help.text}`,
    ),
  };
};

/** To the login that turned autopay on or changed it: the authorization agreed to, word for word. */
export const autopayAuthorization: EmailTemplate<MailTemplates['autopay-authorization']> = (data, dealer) => {
  const url = safeUrl(data.url ?? undefined);
  const help = contact(dealer);
  const when = formatUtc(data.consentedAt);
  return {
    subject: `Autopay is on for ${data.accountName}: your authorization to ${dealer.name}`,
    preview: `Your ${data.method} is charged on day ${data.dayOfMonth} of each month, first on ${formatDay(data.nextChargeOn)}.`,
    reason: `You received this email because you turned on or changed autopay for ${data.accountName} in the ${dealer.name} client portal. Keep it for your records.`,
    html: mj`
      <mj-text mj-class="heading">Autopay is on</mj-text>
      <mj-text>Hi ${data.name},</mj-text>
      <mj-text>On ${when} you agreed to this authorization for <strong>${data.accountName}</strong>. The next charge is on <strong>${formatDay(data.nextChargeOn)}</strong>.</mj-text>
      <mj-text><blockquote style="margin:0;padding-left:12px;border-left:3px solid #c8ced6;white-space:pre-wrap">${data.authorizationText}</blockquote></mj-text>
      <mj-text mj-class="small">Authorization version ${data.authorizationTextVersion}; SHA-256 of the text: ${data.authorizationTextSha256}.</mj-text>
      <mj-text>You can turn autopay off at any time in the portal.</mj-text>
      ${url ? button(url, 'Open the portal') : ''}
      <mj-text>If you did not do this, ${help.html}</mj-text>`,
    text: paragraphs(
      `Hi ${data.name},`,
      `On ${when} you agreed to this authorization for ${data.accountName}. The next charge is on ${formatDay(data.nextChargeOn)}.`,
      data.authorizationText,
      `Authorization version ${data.authorizationTextVersion}; SHA-256 of the text: ${data.authorizationTextSha256}.`,
      'You can turn autopay off at any time in the portal.',
      url && `Open the portal: ${url}`,
      `If you did not do this, ${help.text}`,
    ),
  };
};

/** To the dealer: a client turned autopay on, changed it, or turned it off. */
export const autopayChanged: EmailTemplate<MailTemplates['autopay-changed']> = (data, dealer) => {
  const account = `${data.accountName}${data.customerNumber ? ` (customer ${data.customerNumber})` : ''}`;
  const verb = data.kind === 'enabled' ? 'turned autopay on' : data.kind === 'changed' ? 'changed autopay' : 'turned autopay off';
  const rows: [string, string][] = [
    ['Account', `${account}, identifier ${data.identifier}`],
    ['By', data.userName],
    ['When', formatUtc(data.at)],
    ...(data.method ? ([['Method', data.method]] as [string, string][]) : []),
    ...(data.dayOfMonth ? ([['Charge day', `day ${data.dayOfMonth} of each month`]] as [string, string][]) : []),
  ];
  return {
    subject: `Autopay ${data.kind === 'enabled' ? 'on' : data.kind === 'changed' ? 'changed' : 'off'}: ${data.accountName}`,
    preview: `${data.userName} of ${data.accountName} ${verb}.`,
    reason: `You received this email because ${dealer.name} is notified of autopay changes made in its client portal.`,
    html: mj`
      <mj-text mj-class="heading">${data.userName} ${verb}</mj-text>
      <mj-table>
        ${rows.map(([label, value]) => mj`<tr><th align="left" valign="top" style="padding-right:12px">${label}</th><td>${value}</td></tr>`)}
      </mj-table>`,
    text: paragraphs(`${data.userName} of ${account} ${verb}.`, rows.map(([label, value]) => `${label}: ${value}`).join('\n')),
  };
};
