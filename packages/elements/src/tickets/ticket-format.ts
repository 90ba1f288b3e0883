/**
 * What the tickets list and the ticket share: permissions, the status tag, and how a thread
 * names who wrote. (Money is shown with formatMinorUnits, like every amount in the portal.)
 */
import type { TemplateResult } from 'lit';
import { PERMISSION_LABELS, type Actor, type EstimateStatus, type SessionResponse, type TicketStatus } from '@porchlight/core';
import { statusTag as tag } from '../internal/status-tag.js';

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
  return tag(status, STATUS_LABELS[status]);
}

/** "Pat Dispatcher" from "admin Pat Dispatcher" (how the back office names its staff). */
export function staffName(actor: Actor): string {
  return actor.name.replace(/^admin\s+/i, '').trim();
}
