import { html, type TemplateResult } from 'lit';

// Dates and times as people read them, in the browser's language and time zone.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** "Jan 5, 2026, 9:41 AM" in the reader's time zone and language ('' for none). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** "9:41 AM". */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timeOnly.format(date);
}

/** "Jan 5, 2026". */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateOnly.format(date);
}

/** A <time> element: readable text, the exact moment in `datetime` and as a tooltip. */
export function timeTag(iso: string, style: 'date' | 'date-time' = 'date-time'): TemplateResult {
  return html`<time datetime=${iso} title=${formatDateTime(iso)}>${style === 'date' ? formatDate(iso) : formatDateTime(iso)}</time>`;
}
