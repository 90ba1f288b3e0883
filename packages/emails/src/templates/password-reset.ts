import type { MailTemplates } from '@porchlight/core';
import { formatDuration } from '../format.js';
import { mj, requireUrl } from '../markup.js';
import { button, contact, paragraphs, type EmailTemplate } from './template.js';

export const passwordReset: EmailTemplate<MailTemplates['password-reset']> = (data, dealer) => {
  const url = requireUrl(data.resetUrl, 'resetUrl');
  const lasts = formatDuration(data.expiresInMinutes);
  const help = contact(dealer);
  return {
    subject: `Reset your ${dealer.name} portal password`,
    preview: `Choose a new password for ${data.username}. The link works for ${lasts}.`,
    reason: `You received this email because someone asked to reset the password for the login "${data.username}" on ${data.accountName} in the ${dealer.name} client portal.`,
    html: mj`
      <mj-text mj-class="heading">Reset your password</mj-text>
      <mj-text>Hi ${data.name},</mj-text>
      <mj-text>We got a request to reset the password for your login <strong>${data.username}</strong> on <strong>${data.accountName}</strong>. Use the button below to choose a new one.</mj-text>
      ${button(url, 'Choose a new password')}
      <mj-text>The link works for <strong>${lasts}</strong>, and only once. If it has expired, ask for a new one with <em>Forgot password?</em> on the sign-in page.</mj-text>
      <mj-text>Didn't ask for this? You can ignore this email: your password stays the same, and nobody can change it without this link. If these emails keep coming without you asking, ${help.html}</mj-text>`,
    text: paragraphs(
      `Hi ${data.name},`,
      `We got a request to reset the password for your login "${data.username}" on ${data.accountName}.`,
      `Choose a new password here (the link works for ${lasts}, and only once):\n${url}`,
      `If it has expired, ask for a new one with "Forgot password?" on the sign-in page.`,
      `Didn't ask for this? You can ignore this email: your password stays the same, and nobody can change it without this link. If these emails keep coming without you asking, ${help.text}`,
    ),
  };
};
