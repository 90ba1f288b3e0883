import { PorchlightTicket } from './ticket.js';
import { PorchlightTickets } from './tickets.js';

export const ticketTag = 'porchlight-ticket';
export const ticketsTag = 'porchlight-tickets';

// A dealer's page may load the bundle twice: the first definition wins. The list shows one
// ticket with <porchlight-ticket>, so that one is defined first.
if (!customElements.get(ticketTag)) customElements.define(ticketTag, PorchlightTicket);
if (!customElements.get(ticketsTag)) customElements.define(ticketsTag, PorchlightTickets);

export { PorchlightTicket, PorchlightTickets };
