import type { MailDealer, MailTemplates } from '@porchlight/core';
import { formatDuration, formatUtc } from '../format.js';
import { mj, requireUrl, safeUrl, type Markup } from '../markup.js';
import { button, contact, paragraphs, type EmailTemplate } from './template.js';

/** What a login email carries: a set-password link or a temporary password (exactly one). */
interface Credentials {
  setPasswordUrl: string | null;
  temporaryPassword: string | null;
  mustChangePassword: boolean;
  expiresInHours: number;
  loginUrl: string | null;
  identifier: string;
  username: string;
}

/**
 * The part every login email shares: the identifier and username to log in with, then either
 * the button to choose a password or the temporary password and where to use it.
 */
function credentialsBlock(data: Credentials, dealer: MailDealer): { html: Markup; text: string } {
  const lasts = formatDuration(data.expiresInHours * 60);
  const loginUrl = safeUrl(data.loginUrl ?? undefined) ?? safeUrl(dealer.portalUrl);
  const details = mj`<mj-text>To log in you will need:<br>Account identifier: <strong>${data.identifier}</strong><br>Username: <strong>${data.username}</strong></mj-text>`;
  const detailsText = `To log in you will need:\nAccount identifier: ${data.identifier}\nUsername: ${data.username}`;
  if (data.setPasswordUrl) {
    const url = requireUrl(data.setPasswordUrl, 'setPasswordUrl');
    return {
      html: mj`${details}
        <mj-text>Choose your password with the button below.</mj-text>
        ${button(url, 'Choose your password')}
        <mj-text>The link works for <strong>${lasts}</strong>, and only once. If it has expired, open the sign-in page and ask for a new one.</mj-text>`,
      text: paragraphs(detailsText, `Choose your password here (the link works for ${lasts}, and only once):\n${url}`, 'If it has expired, open the sign-in page and ask for a new one.'),
    };
  }
  if (!data.temporaryPassword) throw new TypeError('A login email needs setPasswordUrl or temporaryPassword.');
  const change = data.mustChangePassword ? ' You will be asked to choose your own password right after you log in.' : '';
  return {
    html: mj`${details}
      <mj-text>Temporary password: <strong style="font-family: monospace; font-size: 18px; letter-spacing: 1px;">${data.temporaryPassword}</strong></mj-text>
      <mj-text>It works for <strong>${lasts}</strong>, for your first login only.${change} Passwords are case sensitive.</mj-text>
      ${loginUrl ? button(loginUrl, 'Log in') : ''}`,
    text: paragraphs(
      detailsText,
      `Temporary password: ${data.temporaryPassword}`,
      `It works for ${lasts}, for your first login only.${change} Passwords are case sensitive.`,
      loginUrl ? `Log in here: ${loginUrl}` : undefined,
    ),
  };
}

/** To the person: their registration with the registration key matched the dealer's records. */
export const registrationConfirmation: EmailTemplate<MailTemplates['registration-confirmation']> = (data, dealer) => {
  const creds = credentialsBlock(data, dealer);
  const help = contact(dealer);
  return {
    subject: `Your ${dealer.name} portal login for ${data.accountName}`,
    preview: data.setPasswordUrl ? `Your username is ${data.username}. Choose your password to finish.` : `Your username is ${data.username}, with a temporary password inside.`,
    reason: `You received this email because someone registered for the ${dealer.name} client portal with this email address and the details of ${data.accountName}.`,
    html: mj`
      <mj-text mj-class="heading">Welcome to the ${dealer.name} portal</mj-text>
      <mj-text>Hi ${data.name},</mj-text>
      <mj-text>Thank you for registering. Your details matched our records for <strong>${data.accountName}</strong>, and your login is ready. Your username is your email address.</mj-text>
      ${creds.html}
      <mj-text>Didn't register? Don't use the login, and ${help.html}</mj-text>`,
    text: paragraphs(
      `Hi ${data.name},`,
      `Thank you for registering. Your details matched our records for ${data.accountName}, and your login is ready. Your username is your email address.`,
      creds.text,
      `Didn't register? Don't use the login, and ${help.text}`,
    ),
  };
};

/** To the person: the dealer set up their login (Send login email), approved their request, or re-sent it as a reset. */
export const loginInvitation: EmailTemplate<MailTemplates['login-invitation']> = (data, dealer) => {
  const help = contact(dealer);
  const others = data.otherAccounts.length ? `The same login also opens: ${data.otherAccounts.join(', ')}.` : '';
  if (data.reset) {
    const url = requireUrl(data.setPasswordUrl ?? '', 'setPasswordUrl');
    const lasts = formatDuration(data.expiresInHours * 60);
    return {
      subject: `Choose a new password for your ${dealer.name} portal login`,
      preview: `${dealer.name} sent you a link to choose a new password. It works for ${lasts}.`,
      reason: `You received this email because ${dealer.name} sent a password link for your login "${data.username}" on ${data.accountName}.`,
      html: mj`
        <mj-text mj-class="heading">Choose a new password</mj-text>
        <mj-text>Hi ${data.name},</mj-text>
        <mj-text>${dealer.name} sent you this link to choose a new password for your login <strong>${data.username}</strong> (account identifier <strong>${data.identifier}</strong>, ${data.accountName}). ${others}</mj-text>
        ${button(url, 'Choose a new password')}
        <mj-text>The link works for <strong>${lasts}</strong>, and only once. Your current password keeps working until you choose a new one.</mj-text>
        <mj-text>Not expecting this? You can ignore it. For questions, ${help.html}</mj-text>`,
      text: paragraphs(
        `Hi ${data.name},`,
        `${dealer.name} sent you this link to choose a new password for your login "${data.username}" (account identifier ${data.identifier}, ${data.accountName}). ${others}`.trim(),
        `Choose a new password here (the link works for ${lasts}, and only once):\n${url}`,
        'Your current password keeps working until you choose a new one.',
        `Not expecting this? You can ignore it. For questions, ${help.text}`,
      ),
    };
  }
  const creds = credentialsBlock(data, dealer);
  return {
    subject: `You have a login for ${data.accountName} in the ${dealer.name} portal`,
    preview: `${dealer.name} set up your client login. ${data.setPasswordUrl ? 'Choose your password to finish.' : 'A temporary password is inside.'}`,
    reason: `You received this email because ${dealer.name} set up a client portal login for this email address on ${data.accountName}.`,
    html: mj`
      <mj-text mj-class="heading">Your client login is ready</mj-text>
      <mj-text>Hi ${data.name},</mj-text>
      <mj-text>${dealer.name} set up a login for you to see <strong>${data.accountName}</strong> in its client portal. ${others}</mj-text>
      ${creds.html}
      <mj-text>Your password is encrypted: only you will know it. Not expecting this? You can ignore this email. For questions, ${help.html}</mj-text>`,
    text: paragraphs(
      `Hi ${data.name},`,
      `${dealer.name} set up a login for you to see ${data.accountName} in its client portal. ${others}`.trim(),
      creds.text,
      `Your password is encrypted: only you will know it. Not expecting this? You can ignore this email. For questions, ${help.text}`,
    ),
  };
};

/** To the person: someone registered (or asked for a new link) with the details of a login that already exists. */
export const alreadyRegistered: EmailTemplate<MailTemplates['already-registered']> = (data, dealer) => {
  const help = contact(dealer);
  const loginUrl = safeUrl(data.loginUrl ?? undefined) ?? safeUrl(dealer.portalUrl);
  const resetUrl = data.resetUrl ? requireUrl(data.resetUrl, 'resetUrl') : null;
  const lasts = formatDuration(data.expiresInMinutes);
  return {
    subject: `You already have a ${dealer.name} portal login`,
    preview: `Someone asked to register ${data.accountName} with your email. Your login is ${data.username}.`,
    reason: `You received this email because someone tried to register for the ${dealer.name} client portal with this email address.`,
    html: mj`
      <mj-text mj-class="heading">You already have a login</mj-text>
      <mj-text>Hi ${data.name},</mj-text>
      <mj-text>Someone asked to register <strong>${data.accountName}</strong> with this email address, but you already have a login. Nothing was changed.</mj-text>
      <mj-text>Account identifier: <strong>${data.identifier}</strong><br>Username: <strong>${data.username}</strong></mj-text>
      ${loginUrl ? button(loginUrl, 'Log in') : ''}
      ${resetUrl ? mj`<mj-text>Forgot your password? <a href="${resetUrl}">Choose a new one</a> (the link works for ${lasts}, and only once).</mj-text>` : mj`<mj-text>Forgot your password? Use <em>Forgot password?</em> on the sign-in page.</mj-text>`}
      <mj-text>If it wasn't you, you can ignore this email: your login stays as it is. If these emails keep coming, ${help.html}</mj-text>`,
    text: paragraphs(
      `Hi ${data.name},`,
      `Someone asked to register ${data.accountName} with this email address, but you already have a login. Nothing was changed.`,
      `Account identifier: ${data.identifier}\nUsername: ${data.username}`,
      loginUrl ? `Log in here: ${loginUrl}` : undefined,
      resetUrl ? `Forgot your password? Choose a new one here (the link works for ${lasts}, and only once):\n${resetUrl}` : 'Forgot your password? Use "Forgot password?" on the sign-in page.',
      `If it wasn't you, you can ignore this email: your login stays as it is. If these emails keep coming, ${help.text}`,
    ),
  };
};

/** To the dealer: a first-time visitor asked for access; approve or decline it in the back office. */
export const accessRequest: EmailTemplate<MailTemplates['access-request']> = (data) => {
  const name = `${data.firstName} ${data.lastName}`;
  const when = formatUtc(data.requestedAt);
  const backOffice = safeUrl(data.backOfficeUrl ?? undefined);
  const rows: Array<[string, string]> = [
    ['Name', name],
    ['Email', data.email],
    ['Phone', data.phone ?? '(not given)'],
    ['Company or property', data.company],
    ['Customer number', data.customerNumber ?? '(not given)'],
  ];
  const matches = data.possibleAccounts.map((a) => `${a.name} (identifier ${a.identifier}${a.customerNumber ? `, customer ${a.customerNumber}` : ''})`);
  return {
    subject: `Access request: ${name}, ${data.company}`,
    preview: `${name} asked for a client portal login on ${when}.`,
    reason: 'You received this email because your client portal takes access requests and sends them to this address.',
    html: mj`
      <mj-text mj-class="heading">New access request</mj-text>
      <mj-text><strong>${name}</strong> asked for a client portal login on ${when}.</mj-text>
      <mj-table>
        ${rows.map(([label, value]) => mj`<tr><th align="left" style="padding-right: 12px;">${label}</th><td>${value}</td></tr>`)}
      </mj-table>
      ${data.message ? mj`<mj-text>Their message:<br>${data.message}</mj-text>` : ''}
      <mj-text>${matches.length ? mj`Possibly: ${matches.join('; ')}.` : 'No account has the customer number given.'} Check who they are before you approve: the person was told only that their request was passed on.</mj-text>
      ${backOffice ? button(backOffice, 'Open access requests') : mj`<mj-text>Approve or decline it under <em>Access requests</em> in your back office.</mj-text>`}`,
    text: paragraphs(
      `${name} asked for a client portal login on ${when}.`,
      rows.map(([label, value]) => `${label}: ${value}`).join('\n'),
      data.message ? `Their message:\n${data.message}` : undefined,
      `${matches.length ? `Possibly: ${matches.join('; ')}.` : 'No account has the customer number given.'} Check who they are before you approve: the person was told only that their request was passed on.`,
      backOffice ? `Open access requests: ${backOffice}` : 'Approve or decline it under "Access requests" in your back office.',
    ),
  };
};
