import type { MailTemplates } from '@porchlight/core';
import { mj } from '../markup.js';
import { contact, paragraphs, type EmailTemplate } from './template.js';

/** Sent to the old address when a login's email is being changed. */
export const emailChangeNotice: EmailTemplate<MailTemplates['email-change-notice']> = (data, dealer) => {
  const help = contact(dealer);
  return {
    subject: `Your ${dealer.name} portal email is being changed`,
    preview: `Someone asked to change your login's email to ${data.newEmail}.`,
    reason: `You received this email because the email of your login on ${data.accountName} in the ${dealer.name} client portal is being changed. We always send this notice.`,
    html: mj`
      <mj-text mj-class="heading">Your email is being changed</mj-text>
      <mj-text>Hi ${data.name},</mj-text>
      <mj-text>Your login on <strong>${data.accountName}</strong> asked to use <strong>${data.newEmail}</strong> from now on. It takes effect once the link we sent there is used.</mj-text>
      <mj-text>If this was you, there is nothing else to do.</mj-text>
      <mj-text><strong>If it wasn't you</strong>, someone may know your password: sign in and change it right away, and ${help.html}</mj-text>`,
    text: paragraphs(
      `Hi ${data.name},`,
      `Your login on ${data.accountName} asked to use ${data.newEmail} from now on. It takes effect once the link we sent there is used.`,
      `If this was you, there is nothing else to do.`,
      `If it wasn't you, someone may know your password: sign in and change it right away, and ${help.text}`,
    ),
  };
};
