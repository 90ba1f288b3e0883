import type { MailTemplates } from '@porchlight/core';
import { formatDuration } from '../format.js';
import { mj, requireUrl } from '../markup.js';
import { button, contact, paragraphs, type EmailTemplate } from './template.js';

/** Sent to a new email address: confirm it before it becomes the login's email. */
export const emailChangeConfirm: EmailTemplate<MailTemplates['email-change-confirm']> = (data, dealer) => {
  const url = requireUrl(data.confirmUrl, 'confirmUrl');
  const lasts = formatDuration(data.expiresInHours * 60);
  const help = contact(dealer);
  return {
    subject: `Confirm your new email for the ${dealer.name} portal`,
    preview: `Confirm ${data.newEmail} within ${lasts}.`,
    reason: `You received this email because someone asked to use ${data.newEmail} for a login of ${data.accountName} in the ${dealer.name} client portal.`,
    html: mj`
      <mj-text mj-class="heading">Confirm your new email</mj-text>
      <mj-text>Hi ${data.name},</mj-text>
      <mj-text>You asked to use <strong>${data.newEmail}</strong> for your login on <strong>${data.accountName}</strong>. Confirm it with the button below; until then your current email stays in use.</mj-text>
      ${button(url, 'Confirm this email')}
      <mj-text>The link works for <strong>${lasts}</strong>, and only once.</mj-text>
      <mj-text>Didn't ask for this? You can ignore this email: nothing changes. For questions, ${help.html}</mj-text>`,
    text: paragraphs(
      `Hi ${data.name},`,
      `You asked to use ${data.newEmail} for your login on ${data.accountName}. Confirm it here (the link works for ${lasts}, and only once); until then your current email stays in use:\n${url}`,
      `Didn't ask for this? You can ignore this email: nothing changes. For questions, ${help.text}`,
    ),
  };
};
