import type { MailDealer } from '@porchlight/core';
import { mj, safeEmail, type Markup } from '../markup.js';

/** What one template gives the shared layout (see render.ts), from its data and the dealer. */
export interface EmailContent {
  /** One line; names the dealer. */
  subject: string;
  /** The line mail apps show after the subject. */
  preview: string;
  /** Ends the footer: "You received this email because …". */
  reason: string;
  /** The body as MJML column content, built with `mj` so every value is escaped. */
  html: Markup;
  /** The plain-text body, written for reading (values verbatim); the layout adds the footer. */
  text: string;
}

export type EmailTemplate<Data> = (data: Data, dealer: MailDealer) => EmailContent;

/** Paragraphs of a plain-text part, blank lines between; empty ones are left out. */
export function paragraphs(...items: (string | false | undefined)[]): string {
  return items.filter(Boolean).join('\n\n');
}

/** The main call to action, with the address spelled out below for when the button does not work. */
export function button(url: string, label: string): Markup {
  return mj`<mj-button href="${url}">${label}</mj-button>
    <mj-text mj-class="small">If the button doesn't work, copy this address into your browser:<br><a href="${url}" class="url">${url}</a></mj-text>`;
}

/**
 * The end of a sentence: "contact Lakeside Alarm Co. at support@….", as a mailto link in HTML,
 * or "contact Lakeside Alarm Co." when there is no address (no second full stop after "Co.").
 */
export function contact(dealer: MailDealer): { html: Markup; text: string } {
  const email = safeEmail(dealer.supportEmail);
  const stop = !email && /[.!?]$/.test(dealer.name) ? '' : '.';
  return {
    html: email ? mj`contact ${dealer.name} at <a href="mailto:${email}">${email}</a>.` : mj`contact ${dealer.name}${stop}`,
    text: email ? `contact ${dealer.name} at ${email}.` : `contact ${dealer.name}${stop}`,
  };
}
