import { DAY_PART_LABELS, type DayPart, type MailTemplates } from '@porchlight/core';
import { formatDay, formatUtc } from '../format.js';
import { mj, safeUrl, type Markup } from '../markup.js';
import { button, contact, paragraphs, type EmailTemplate } from './template.js';

/** Work-order emails: to the dealer when a client sends one, to the client as a receipt and as the technician progresses. */

type Window = { date: string; part: DayPart };

/** "Tuesday, November 24, 2026, morning". */
const windowText = (w: Window) => `${formatDay(w.date)}, ${(DAY_PART_LABELS[w.part] ?? w.part).toLowerCase()}`;

/** "Main building / Intrusion panel", or null for a general request. */
const placeOf = (d: { siteName: string | null; systemName: string | null }) => (d.siteName ? [d.siteName, d.systemName].filter(Boolean).join(' / ') : null);

/** The client's own words, line breaks kept. */
const quote = (text: string): Markup => mj`<blockquote style="margin:0;padding-left:12px;border-left:3px solid #c8ced6;white-space:pre-wrap">${text}</blockquote>`;

const windowsHtml = (windows: Window[]) => (windows.length ? mj`<ul style="margin:0;padding-left:20px">${windows.map((w) => mj`<li>${windowText(w)}</li>`)}</ul>` : mj`No preference`);
const windowsText = (windows: Window[]) => (windows.length ? windows.map((w) => `- ${windowText(w)}`).join('\n') : 'No preference');

/** To the dealer (or its technicians): a client sent a work order or a general service request. */
export const workOrderSubmitted: EmailTemplate<MailTemplates['work-order-submitted']> = (data, dealer) => {
  const url = safeUrl(data.url ?? undefined);
  const when = formatUtc(data.submittedAt);
  const account = `${data.accountName}${data.customerNumber ? ` (customer ${data.customerNumber})` : ''}`;
  const general = data.kind === 'general';
  const what = general ? 'service request' : 'work order';
  const place = placeOf(data);
  const photos = data.photoCount ? `${data.photoCount} photo${data.photoCount === 1 ? '' : 's'} attached (see the work order in the portal)` : 'none';
  const rows: [string, string][] = [
    ['Number', data.number],
    ['Account', `${account}, identifier ${data.identifier}`],
    ...(general ? [] : ([['Site', [data.siteName, data.siteAddress].filter(Boolean).join(', ')], ['System', data.systemName ?? '']] as [string, string][])),
    ['Request', data.requestType],
    ['Sent by', data.submittedBy],
    ['Sent', when],
    ['Photos', photos],
  ];
  return {
    subject: `New ${what} ${data.number}: ${data.accountName}${place ? `, ${place}` : ''}`,
    preview: `${data.requestType} for ${data.accountName}, sent by ${data.submittedBy}.`,
    reason: general
      ? `You received this email because ${dealer.name} sends general service and authorization requests from its client portal to this address.`
      : `You received this email because ${dealer.name} is notified of every work order sent through its client portal.`,
    html: mj`
      <mj-text mj-class="heading">New ${general ? 'service request' : 'work order'} ${data.number}</mj-text>
      <mj-text><strong>${data.submittedBy}</strong> of <strong>${account}</strong> sent a ${what} on ${when}.</mj-text>
      <mj-table>
        ${rows.map(([label, value]) => mj`<tr><th align="left" valign="top" style="padding-right:12px">${label}</th><td>${value}</td></tr>`)}
      </mj-table>
      <mj-text><strong>What they need</strong></mj-text>
      <mj-text>${quote(data.note)}</mj-text>
      <mj-text><strong>Preferred times</strong></mj-text>
      <mj-text>${windowsHtml(data.preferredWindows)}</mj-text>
      ${url && button(url, `Open ${data.number}`)}
      <mj-text mj-class="small">Your systems can also read this ${what} from the portal's events feed, and report its status back through the sync API.</mj-text>`,
    text: paragraphs(
      `${data.submittedBy} of ${account} sent a ${what} on ${when}.`,
      rows.map(([label, value]) => `${label}: ${value}`).join('\n'),
      `What they need:\n${data.note}`,
      `Preferred times:\n${windowsText(data.preferredWindows)}`,
      url && `Open it here:\n${url}`,
      `Your systems can also read this ${what} from the portal's events feed, and report its status back through the sync API.`,
    ),
  };
};

/** To the client who sent it: a receipt, with what happens next. */
export const workOrderConfirmation: EmailTemplate<MailTemplates['work-order-confirmation']> = (data, dealer) => {
  const url = safeUrl(data.url ?? undefined);
  const place = placeOf(data);
  const help = contact(dealer);
  const about = place ? `${data.requestType}, ${place}` : data.requestType;
  return {
    subject: `${dealer.name} received your work order ${data.number}`,
    preview: `${about}. We'll email you as the technician is dispatched, arrives and completes the work.`,
    reason: `You received this email because you sent work order ${data.number} for ${data.accountName} in the ${dealer.name} client portal.`,
    html: mj`
      <mj-text mj-class="heading">We received your work order</mj-text>
      <mj-text>Hi ${data.name},</mj-text>
      <mj-text>${dealer.name} received work order <strong>${data.number}</strong> for <strong>${data.accountName}</strong>: ${about}.</mj-text>
      <mj-text><strong>Your note</strong></mj-text>
      <mj-text>${quote(data.note)}</mj-text>
      <mj-text><strong>Preferred times</strong></mj-text>
      <mj-text>${windowsHtml(data.preferredWindows)}</mj-text>
      <mj-text>We'll email you when a technician is dispatched, when they arrive, and when the work is completed. You can follow it and add notes in the portal.</mj-text>
      ${url && button(url, 'View your work order')}
      <mj-text>Questions? ${help.html}</mj-text>`,
    text: paragraphs(
      `Hi ${data.name},`,
      `${dealer.name} received work order ${data.number} for ${data.accountName}: ${about}.`,
      `Your note:\n${data.note}`,
      `Preferred times:\n${windowsText(data.preferredWindows)}`,
      `We'll email you when a technician is dispatched, when they arrive, and when the work is completed. You can follow it and add notes in the portal.`,
      url && `View your work order:\n${url}`,
      `Questions? ${help.text}`,
    ),
  };
};

const STATUS_WORDS: Record<MailTemplates['work-order-status']['status'], { heading: string; subject: string; sentence: string }> = {
  dispatched: { heading: 'A technician is dispatched', subject: 'technician dispatched for', sentence: 'A technician has been dispatched for' },
  arrived: { heading: 'The technician has arrived', subject: 'the technician arrived for', sentence: 'The technician has arrived for' },
  completed: { heading: 'Work order completed', subject: 'completed', sentence: 'The work is completed on' },
};

/** To the client who sent it: the technician was dispatched, arrived, or the work is completed. */
export const workOrderStatus: EmailTemplate<MailTemplates['work-order-status']> = (data, dealer) => {
  const url = safeUrl(data.url ?? undefined);
  const words = STATUS_WORDS[data.status];
  const when = formatUtc(data.at);
  const place = placeOf(data);
  const about = place ? `${data.requestType}, ${place}` : data.requestType;
  const help = contact(dealer);
  return {
    subject: data.status === 'completed' ? `${dealer.name}: work order ${data.number} is completed` : `${dealer.name}: ${words.subject} work order ${data.number}`,
    preview: `${words.sentence} work order ${data.number} (${about}).`,
    reason: `You received this email because you sent work order ${data.number} for ${data.accountName} in the ${dealer.name} client portal.`,
    html: mj`
      <mj-text mj-class="heading">${words.heading}</mj-text>
      <mj-text>Hi ${data.name},</mj-text>
      <mj-text>${words.sentence} work order <strong>${data.number}</strong> for <strong>${data.accountName}</strong> (${about}), ${when}.</mj-text>
      ${data.note ? mj`<mj-text><strong>Note from ${dealer.name}</strong></mj-text><mj-text>${quote(data.note)}</mj-text>` : ''}
      ${url && button(url, 'View your work order')}
      <mj-text>Questions? ${help.html}</mj-text>`,
    text: paragraphs(
      `Hi ${data.name},`,
      `${words.sentence} work order ${data.number} for ${data.accountName} (${about}), ${when}.`,
      data.note ? `Note from ${dealer.name}:\n${data.note}` : undefined,
      url && `View your work order:\n${url}`,
      `Questions? ${help.text}`,
    ),
  };
};
