import { formatMinorUnits, type MailTemplates } from '@porchlight/core';
import { formatUtc } from '../format.js';
import { mj } from '../markup.js';
import { paragraphs, type EmailTemplate } from './template.js';

/** To the salesperson: the client accepted the proposal (signed PDF attached) or rejected it, with the reasons. */
export const proposalDecided: EmailTemplate<MailTemplates['proposal-decided']> = (data, dealer) => {
  const when = formatUtc(data.decidedAt);
  const total = formatMinorUnits(data.totalCents, data.currency);
  const account = `${data.accountName}${data.customerNumber ? ` (customer ${data.customerNumber})` : ''}`;
  const accepted = data.decision === 'accepted';
  const what = `proposal ${data.proposalNumber} (version ${data.version})`;
  return {
    subject: `Proposal ${data.proposalNumber} ${accepted ? 'accepted' : 'rejected'}: ${data.accountName}`,
    preview: accepted ? `${data.decidedBy} signed ${data.proposalTitle}, ${total}.` : `${data.decidedBy} rejected ${data.proposalTitle}: ${data.reasons.join(', ')}.`,
    reason: `You received this email because you are the salesperson on this proposal in the ${dealer.name} client portal.`,
    html: accepted
      ? mj`
      <mj-text mj-class="heading">Proposal accepted</mj-text>
      <mj-text>Hi ${data.salespersonName},</mj-text>
      <mj-text><strong>${data.decidedBy}</strong> of <strong>${account}</strong>, identifier ${data.identifier}, accepted ${what}, <strong>${data.proposalTitle}</strong> (${total}), on ${when}, signing as <strong>${data.typedName ?? data.decidedBy}</strong>.</mj-text>
      <mj-text>The signed PDF is attached: the proposal followed by its signature certificate.</mj-text>`
      : mj`
      <mj-text mj-class="heading">Proposal rejected</mj-text>
      <mj-text>Hi ${data.salespersonName},</mj-text>
      <mj-text><strong>${data.decidedBy}</strong> of <strong>${account}</strong>, identifier ${data.identifier}, rejected ${what}, <strong>${data.proposalTitle}</strong> (${total}), on ${when}.</mj-text>
      <mj-text>Reasons:</mj-text>
      <mj-text><ul style="margin:0;padding-left:20px">${data.reasons.map((r) => mj`<li>${r}</li>`)}</ul></mj-text>
      ${data.note ? mj`<mj-text>Their note:</mj-text><mj-text><blockquote style="margin:0;padding-left:12px;border-left:3px solid #c8ced6;white-space:pre-wrap">${data.note}</blockquote></mj-text>` : ''}`,
    text: accepted
      ? paragraphs(
          `Hi ${data.salespersonName},`,
          `${data.decidedBy} of ${account}, identifier ${data.identifier}, accepted ${what}, "${data.proposalTitle}" (${total}), on ${when}, signing as ${data.typedName ?? data.decidedBy}.`,
          `The signed PDF is attached: the proposal followed by its signature certificate.`,
        )
      : paragraphs(
          `Hi ${data.salespersonName},`,
          `${data.decidedBy} of ${account}, identifier ${data.identifier}, rejected ${what}, "${data.proposalTitle}" (${total}), on ${when}.`,
          `Reasons:\n${data.reasons.map((r) => `- ${r}`).join('\n')}`,
          data.note ? `Their note:\n${data.note}` : undefined,
        ),
  };
};
