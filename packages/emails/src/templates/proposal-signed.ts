import { formatMinorUnits, type MailTemplates } from '@porchlight/core';
import { formatUtc } from '../format.js';
import { mj, safeUrl } from '../markup.js';
import { button, contact, paragraphs, type EmailTemplate } from './template.js';

/** To the signer: their acceptance is recorded; the signed PDF (document + certificate) comes attached. */
export const proposalSigned: EmailTemplate<MailTemplates['proposal-signed']> = (data, dealer) => {
  const when = formatUtc(data.signedAt);
  const total = formatMinorUnits(data.totalCents, data.currency);
  const portal = safeUrl(dealer.portalUrl);
  const help = contact(dealer);
  return {
    subject: `You accepted proposal ${data.proposalNumber} from ${dealer.name}`,
    preview: `${data.proposalTitle}, ${total}: signed by ${data.typedName} on ${when}.`,
    reason: `You received this email because you signed a proposal for ${data.accountName} in the ${dealer.name} client portal. We always send a copy to the signer.`,
    html: mj`
      <mj-text mj-class="heading">Proposal accepted</mj-text>
      <mj-text>Hi ${data.name},</mj-text>
      <mj-text>You accepted proposal <strong>${data.proposalNumber}</strong> (version ${data.version}), <strong>${data.proposalTitle}</strong>, for <strong>${data.accountName}</strong>: ${total}. You signed it as <strong>${data.typedName}</strong> on ${when}.</mj-text>
      <mj-text>The signed proposal is attached as a PDF: the proposal followed by a signature certificate. Keep it for your records.</mj-text>
      <mj-text mj-class="small">SHA-256 of the signed PDF: <span style="font-family:monospace;word-break:break-all">${data.signedDocumentSha256}</span><br>SHA-256 of the proposal you signed: <span style="font-family:monospace;word-break:break-all">${data.documentSha256}</span></mj-text>
      <mj-text>If you did not sign this proposal, ${help.html}</mj-text>
      ${portal && button(portal, 'Go to the portal')}`,
    text: paragraphs(
      `Hi ${data.name},`,
      `You accepted proposal ${data.proposalNumber} (version ${data.version}), "${data.proposalTitle}", for ${data.accountName}: ${total}. You signed it as ${data.typedName} on ${when}.`,
      `The signed proposal is attached as a PDF: the proposal followed by a signature certificate. Keep it for your records.`,
      `SHA-256 of the signed PDF: ${data.signedDocumentSha256}\nSHA-256 of the proposal you signed: ${data.documentSha256}`,
      `If you did not sign this proposal, ${help.text}`,
      portal && `The portal: ${portal}`,
    ),
  };
};
