import { formatMinorUnits, type MailTemplates } from '@porchlight/core';
import { mj, safeUrl } from '../markup.js';
import { button, contact, paragraphs, type EmailTemplate } from './template.js';

const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;

/**
 * To a ticket's author and subscribers: the dealer's support staff replied, or proposed an
 * estimate to approve or decline. The text is in the email; files never are (the portal has them).
 */
export const ticketUpdate: EmailTemplate<MailTemplates['ticket-update']> = (data, dealer) => {
  const portal = safeUrl(dealer.portalUrl);
  const help = contact(dealer);
  const ticket = `${data.ticketNumber} "${data.subject}"`;
  const amount = data.estimate ? formatMinorUnits(data.estimate.amountCents, data.estimate.currency) : '';
  const estimate = data.kind === 'estimate';
  const headline = estimate ? `${data.by} proposed an estimate of ${amount}` : `${data.by} replied`;
  const filesNote = data.attachmentCount ? `The reply has ${files(data.attachmentCount)}; open the ticket in the portal to see ${data.attachmentCount === 1 ? 'it' : 'them'}.` : '';
  const statusNote = !estimate && data.status === 'completed' ? 'The ticket is now marked completed. Reply in the portal if you still need help.' : '';
  const action = estimate ? 'Approve or decline it in the portal.' : '';
  return {
    subject: estimate ? `Estimate for ticket ${data.ticketNumber}: ${amount}` : `New reply on ticket ${data.ticketNumber}: ${data.subject}`,
    preview: `${headline} on ${ticket}.`,
    reason: `You received this email because you follow the support ticket ${data.ticketNumber} of ${data.accountName} in the ${dealer.name} client portal.`,
    html: mj`
      <mj-text mj-class="heading">${estimate ? 'An estimate for your ticket' : 'A reply to your ticket'}</mj-text>
      <mj-text>Hi ${data.name},</mj-text>
      <mj-text><strong>${headline}</strong> on the ticket <strong>${ticket}</strong> of ${data.accountName}:</mj-text>
      ${data.text ? mj`<mj-text><blockquote style="margin:0;padding-left:12px;border-left:3px solid #d0d7de;white-space:pre-wrap">${data.text}</blockquote></mj-text>` : ''}
      ${filesNote ? mj`<mj-text>${filesNote}</mj-text>` : ''}
      ${statusNote ? mj`<mj-text>${statusNote}</mj-text>` : ''}
      ${action ? mj`<mj-text>${action}</mj-text>` : ''}
      ${portal ? button(portal, 'Open the portal') : ''}
      <mj-text>For questions, ${help.html}</mj-text>`,
    text: paragraphs(
      `Hi ${data.name},`,
      `${headline} on the ticket ${ticket} of ${data.accountName}:`,
      data.text,
      filesNote,
      statusNote,
      action,
      portal && `Open the portal: ${portal}`,
      `For questions, ${help.text}`,
    ),
  };
};
