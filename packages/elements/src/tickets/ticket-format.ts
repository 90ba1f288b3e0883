/**
 * What the tickets list and the ticket share: permissions, the status tag, money, and how a
 * thread names who wrote.
 */
import { html, type TemplateResult } from 'lit';
import { PERMISSION_LABELS, type Actor, type EstimateStatus, type SessionResponse, type TicketStatus } from '@porchlight/core';

export const STATUS_LABELS: Record<TicketStatus, string> = { open: 'Open', completed: 'Completed' };

export const ESTIMATE_STATUS_LABELS: Record<EstimateStatus, string> = {
  proposed: 'Waiting for your decision',
  approved: 'Approved',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
};

/** May open, reply, change subscribers and status, and decide estimates. */
export function canUseTickets(s: SessionResponse): boolean {
  return s.user.permissions.includes('tickets.use');
}

/** A dealer admin is signed in as this user (estimate decisions are refused then). */
export function isEmulating(s: SessionResponse): boolean {
  return Boolean(s.session.emulatedBy);
}

/** The note for a login without `tickets.use`. */
export function readOnlyText(what: string): string {
  return `${what} To open or reply to support requests, ask your account manager for the "${PERMISSION_LABELS['tickets.use']}" permission.`;
}

/** The status as text and colour (a dot), never colour alone. */
export function statusTag(status: TicketStatus): TemplateResult {
  return html`<span class="status status-${status}" part="status status-${status}"><span class="dot" aria-hidden="true"></span>${STATUS_LABELS[status]}</span>`;
}

const moneyFormats = new Map<string, Intl.NumberFormat | null>();

function moneyFormat(currency: string): Intl.NumberFormat | null {
  if (!moneyFormats.has(currency)) {
    try {
      moneyFormats.set(currency, new Intl.NumberFormat(undefined, { style: 'currency', currency }));
    } catch {
      // Not a currency this browser knows: shown as "12.50 XYZ".
      moneyFormats.set(currency, null);
    }
  }
  return moneyFormats.get(currency)!;
}

/** "$1,250.00" from integer minor units (cents) and an ISO 4217 code, in the reader's language. */
export function formatMoney(amountCents: number, currency: string): string {
  const f = moneyFormat(currency);
  if (!f) return `${(amountCents / 100).toFixed(2)} ${currency}`;
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(amountCents / 10 ** digits);
}

/** "Pat Dispatcher" from "admin Pat Dispatcher" (how the back office names its staff). */
export function staffName(actor: Actor): string {
  return actor.name.replace(/^admin\s+/i, '').trim();
}
