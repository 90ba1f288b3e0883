/**
 * What the proposals list and the signer share: the status tag (text and colour), money, and
 * who may decide.
 */
import { html, type TemplateResult } from 'lit';
import { formatMinorUnits, PERMISSION_LABELS, type ProposalStatus, type SessionResponse } from '@porchlight/client';

export const STATUS_LABELS: Record<ProposalStatus, string> = {
  open: 'Open',
  accepted: 'Accepted',
  rejected: 'Rejected',
  expired: 'Expired',
  withdrawn: 'Withdrawn',
};

/** The status as text and colour (a dot), never colour alone. */
export function statusTag(status: ProposalStatus): TemplateResult {
  return html`<span class="status status-${status}" part="status status-${status}"><span class="dot" aria-hidden="true"></span>${STATUS_LABELS[status] ?? status}</span>`;
}

/** "$1,250.00" from integer minor units and an ISO 4217 code, in the reader's language. */
export function formatMoney(amount: number, currency: string): string {
  return formatMinorUnits(amount, currency, navigator.language || 'en-US');
}

/** "4", "1.5": a line's quantity. */
export function formatQuantity(quantity: number): string {
  return new Intl.NumberFormat(navigator.language || 'en-US', { maximumFractionDigits: 4 }).format(quantity);
}

/** Holds "Accept or reject proposals". */
export function mayDecideProposals(s: SessionResponse): boolean {
  return s.user.permissions.includes('proposals.decide');
}

/** A dealer admin is signed in as this user (accepting and rejecting are refused then). */
export function isEmulating(s: SessionResponse): boolean {
  return Boolean(s.session.emulatedBy);
}

/** Why this login sees no Accept and Reject on an open proposal (null: it may decide). */
export function cannotDecideText(s: SessionResponse): string | null {
  if (isEmulating(s)) {
    return `You are signed in as ${s.user.name} by emulation. Only ${s.user.name} can accept or reject a proposal, signed in with their own login.`;
  }
  if (!mayDecideProposals(s)) {
    return `You can read this proposal. To accept or reject proposals, ask your account manager for the "${PERMISSION_LABELS['proposals.decide']}" permission.`;
  }
  return null;
}
