import type { MailTemplates } from '@porchlight/core';
import { formatDuration } from '../format.js';
import { mj, requireUrl } from '../markup.js';
import { button, contact, paragraphs, type EmailTemplate } from './template.js';

/** A manager (or the dealer) added this person to the account's portal: choose a password. */
export const staffInvite: EmailTemplate<MailTemplates['staff-invite']> = (data, dealer) => {
  const url = requireUrl(data.setPasswordUrl, 'setPasswordUrl');
  const lasts = formatDuration(data.expiresInHours * 60);
  const help = contact(dealer);
  return {
    subject: `You have a login for ${data.accountName} in the ${dealer.name} portal`,
    preview: `${data.invitedBy} added you. Choose your password within ${lasts}.`,
    reason: `You received this email because ${data.invitedBy} added you as a user of ${data.accountName} in the ${dealer.name} client portal.`,
    html: mj`
      <mj-text mj-class="heading">Welcome to the ${dealer.name} portal</mj-text>
      <mj-text>Hi ${data.name},</mj-text>
      <mj-text><strong>${data.invitedBy}</strong> added you as a user of <strong>${data.accountName}</strong>. To log in you will need:</mj-text>
      <mj-text>Account identifier: <strong>${data.identifier}</strong><br>Username: <strong>${data.username}</strong></mj-text>
      <mj-text>Choose your password with the button below.</mj-text>
      ${button(url, 'Choose your password')}
      <mj-text>The link works for <strong>${lasts}</strong>, and only once. If it has expired, ask ${data.invitedBy} to send a new one, or use <em>Forgot password?</em> on the sign-in page.</mj-text>
      <mj-text>Not expecting this? You can ignore this email; nobody can use the login until a password is chosen with this link. For questions, ${help.html}</mj-text>`,
    text: paragraphs(
      `Hi ${data.name},`,
      `${data.invitedBy} added you as a user of ${data.accountName}. To log in you will need:`,
      `Account identifier: ${data.identifier}\nUsername: ${data.username}`,
      `Choose your password here (the link works for ${lasts}, and only once):\n${url}`,
      `If it has expired, ask ${data.invitedBy} to send a new one, or use "Forgot password?" on the sign-in page.`,
      `Not expecting this? You can ignore this email; nobody can use the login until a password is chosen with this link. For questions, ${help.text}`,
    ),
  };
};
