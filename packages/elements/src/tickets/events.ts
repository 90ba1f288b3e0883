/**
 * The events of <porchlight-tickets> and <porchlight-ticket>. Like every Porchlight event they
 * bubble and are composed, so a dealer's page can listen on the element, on
 * <porchlight-portal> or on document.
 */
import type { Ticket } from '@porchlight/core';
import { dispatch } from '../events.js';

/** What changed on a ticket. */
export type TicketChangeAction = 'replied' | 'subscribers-changed' | 'completed' | 'reopened' | 'estimate-approved' | 'estimate-declined';

export interface TicketCreatedDetail {
  /** The new ticket, as the server answered. */
  ticket: Ticket;
}

export interface TicketChangeDetail {
  action: TicketChangeAction;
  /** The ticket as it is now. */
  ticket: Ticket;
}

export interface TicketOpenDetail {
  ticketId: string;
}

export interface TicketBackDetail {
  ticketId: string;
}

export interface TicketEventMap {
  /** A new support request was opened. */
  'porchlight-ticket-created': CustomEvent<TicketCreatedDetail>;
  /** The signed-in user replied, changed the subscribers, completed or reopened a ticket, or decided an estimate. */
  'porchlight-ticket-change': CustomEvent<TicketChangeDetail>;
  /** <porchlight-tickets> opened one ticket from its list. */
  'porchlight-ticket-open': CustomEvent<TicketOpenDetail>;
  /** "Back to requests" was pressed in a <porchlight-ticket show-back>. */
  'porchlight-ticket-back': CustomEvent<TicketBackDetail>;
}

type Detail<K extends keyof TicketEventMap> = TicketEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Dispatches a ticket event (bubbles, composed). */
export function emitTicket<K extends keyof TicketEventMap>(target: EventTarget, name: K, detail: Detail<K>): TicketEventMap[K] {
  return dispatch(target, name, detail) as TicketEventMap[K];
}
