import type { MailTemplates } from '@porchlight/core';
import { formatUtc } from '../format.js';
import { mj, safeUrl } from '../markup.js';
import { button, contact, paragraphs, type EmailTemplate } from './template.js';

export const passwordChanged: EmailTemplate<MailTemplates['password-changed']> = (data, dealer) => {
  const when = formatUtc(data.changedAt);
  const portal = safeUrl(dealer.portalUrl);
  const help = contact(dealer);
  return {
    subject: `Your ${dealer.name} portal password was changed`,
    preview: `The password for ${data.username} was changed on ${when}.`,
    reason: `You received this email because the password for the login "${data.username}" on ${data.accountName} in the ${dealer.name} client portal was changed. We always send this notice.`,
    html: mj`
      <mj-text mj-class="heading">Your password was changed</mj-text>
      <mj-text>Hi ${data.name},</mj-text>
      <mj-text>The password for your login <strong>${data.username}</strong> on <strong>${data.accountName}</strong> was changed on <strong>${when}</strong>. For your security, other devices signed in with it were signed out.</mj-text>
      <mj-text>If this was you, there is nothing else to do.</mj-text>
      <mj-text><strong>If it wasn't you</strong>, someone may know your password: use <em>Forgot password?</em> on the sign-in page to choose a new one right away, and ${help.html}</mj-text>
      ${portal && button(portal, 'Go to the portal')}`,
    text: paragraphs(
      `Hi ${data.name},`,
      `The password for your login "${data.username}" on ${data.accountName} was changed on ${when}. For your security, other devices signed in with it were signed out.`,
      `If this was you, there is nothing else to do.`,
      `If it wasn't you, someone may know your password: use "Forgot password?" on the sign-in page to choose a new one right away, and ${help.text}`,
      portal && `The portal: ${portal}`,
    ),
  };
};
