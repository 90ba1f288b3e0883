import type { MailTemplates } from '@porchlight/core';
import { formatUtc } from '../format.js';
import { mj } from '../markup.js';
import { paragraphs, type EmailTemplate } from './template.js';

const shown = (value: string | null) => value ?? '(none)';

/** To the dealer: a client changed their contact details (the same change is in the events feed). */
export const contactChanged: EmailTemplate<MailTemplates['contact-changed']> = (data, dealer) => {
  const when = formatUtc(data.changedAt);
  const account = `${data.accountName}${data.customerNumber ? ` (customer ${data.customerNumber})` : ''}`;
  const fields = data.changes.map((c) => c.field).join(', ');
  return {
    subject: `Contact details changed: ${data.accountName}`,
    preview: `${data.userName} changed ${fields}.`,
    reason: `You received this email because ${dealer.name} is notified of every change of contact details in its client portal.`,
    html: mj`
      <mj-text mj-class="heading">Contact details changed</mj-text>
      <mj-text><strong>${data.userName}</strong> of <strong>${account}</strong>, identifier ${data.identifier}, changed their contact details on ${when}:</mj-text>
      <mj-table>
        <tr><th align="left">Field</th><th align="left">Before</th><th align="left">Now</th></tr>
        ${data.changes.map((c) => mj`<tr><td>${c.field}</td><td>${shown(c.from)}</td><td>${shown(c.to)}</td></tr>`)}
      </mj-table>
      <mj-text>Update your records if needed. Your systems can also read this change from the portal's events feed.</mj-text>`,
    text: paragraphs(
      `${data.userName} of ${account}, identifier ${data.identifier}, changed their contact details on ${when}:`,
      data.changes.map((c) => `${c.field}: ${shown(c.from)} -> ${shown(c.to)}`).join('\n'),
      `Update your records if needed. Your systems can also read this change from the portal's events feed.`,
    ),
  };
};
