import { formatMinorUnits, type MailTemplates } from '@porchlight/core';
import { formatUtc } from '../format.js';
import { mj } from '../markup.js';
import { paragraphs, type EmailTemplate } from './template.js';

const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;

const WHAT: Record<MailTemplates['ticket-activity']['kind'], { subject: string; did: string }> = {
  created: { subject: 'New ticket', did: 'opened the ticket' },
  replied: { subject: 'Client reply', did: 'replied to the ticket' },
  'estimate-approved': { subject: 'Estimate approved', did: 'approved the estimate on the ticket' },
  'estimate-declined': { subject: 'Estimate declined', did: 'declined the estimate on the ticket' },
};

/** To the dealer: a client opened a ticket, replied, or decided an estimate (the same is in the events feed). */
export const ticketActivity: EmailTemplate<MailTemplates['ticket-activity']> = (data, dealer) => {
  const what = WHAT[data.kind];
  const when = formatUtc(data.at);
  const account = `${data.accountName}${data.customerNumber ? ` (customer ${data.customerNumber})` : ''}`;
  const ticket = `${data.ticketNumber} "${data.subject}"`;
  const amount = data.estimate ? `${formatMinorUnits(data.estimate.amountCents, data.estimate.currency)}: ${data.estimate.description}` : '';
  const filesNote = data.attachmentCount ? `With ${files(data.attachmentCount)} (read them in the back office).` : '';
  const textLabel = data.kind === 'replied' ? 'Reply' : 'Note';
  return {
    subject: `${what.subject} ${data.ticketNumber}: ${data.subject} (${data.accountName})`,
    preview: `${data.userName} ${what.did} ${data.ticketNumber}.`,
    reason: `You received this email because ${dealer.name} is notified of its clients' support tickets in its client portal.`,
    html: mj`
      <mj-text mj-class="heading">${what.subject}: ${data.ticketNumber}</mj-text>
      <mj-text><strong>${data.userName}</strong> of <strong>${account}</strong>, identifier ${data.identifier}, ${what.did} <strong>${ticket}</strong> (${data.requestType}) on ${when}.</mj-text>
      ${data.estimate ? mj`<mj-text>Estimate: <strong>${amount}</strong></mj-text>` : ''}
      ${
        data.fields.length
          ? mj`<mj-table>${data.fields.map((f) => mj`<tr><th align="left" valign="top" style="padding-right:12px">${f.label}</th><td style="white-space:pre-wrap">${f.value}</td></tr>`)}</mj-table>`
          : ''
      }
      ${data.text ? mj`<mj-text>${textLabel}:</mj-text><mj-text><blockquote style="margin:0;padding-left:12px;border-left:3px solid #d0d7de;white-space:pre-wrap">${data.text}</blockquote></mj-text>` : ''}
      ${filesNote ? mj`<mj-text>${filesNote}</mj-text>` : ''}
      <mj-text>Answer it in your back office. Your systems can also read this from the portal's events feed.</mj-text>`,
    text: paragraphs(
      `${data.userName} of ${account}, identifier ${data.identifier}, ${what.did} ${ticket} (${data.requestType}) on ${when}.`,
      data.estimate ? `Estimate: ${amount}` : undefined,
      data.fields.length > 0 && data.fields.map((f) => `${f.label}: ${f.value}`).join('\n'),
      data.text && `${textLabel}:\n${data.text}`,
      filesNote,
      `Answer it in your back office. Your systems can also read this from the portal's events feed.`,
    ),
  };
};
