/**
 * The signed-in account's script-tag bundle: call list, staff manager, activity, profile,
 * messages, documents, support tickets, work orders, proposals, invoices and payments, and the
 * account switcher (for a login that reaches several accounts). Load it next to porchlight.js (they share chunks), on the pages
 * where signed-in clients manage their account, or only once someone signs in.
 */
import './contacts/define.js';
import './staff-manager/define.js';
import './activity/define.js';
import './profile/define.js';
import './messages/define.js';
import './documents/define.js';
import './tickets/define.js';
import './work-orders/define.js';
import './proposals/define.js';
import './billing/define.js';
import './account-switcher/define.js';

export { PorchlightContacts } from './contacts/contacts.js';
export { PorchlightStaffManager } from './staff-manager/staff-manager.js';
export { PorchlightActivity } from './activity/activity.js';
export { PorchlightProfile } from './profile/profile.js';
export { PorchlightMessages } from './messages/messages.js';
export { PorchlightDocuments } from './documents/documents.js';
export { PorchlightTickets } from './tickets/tickets.js';
export { PorchlightTicket } from './tickets/ticket.js';
export { PorchlightWorkOrderForm } from './work-orders/work-order-form.js';
export { PorchlightWorkOrders } from './work-orders/work-orders.js';
export { PorchlightProposals } from './proposals/proposals.js';
export { PorchlightProposalSigner } from './proposals/proposal-signer.js';
export { PorchlightInvoiceList } from './billing/invoice-list.js';
export { PorchlightPaymentMethods } from './billing/payment-methods.js';
export { PorchlightAutopay } from './billing/autopay.js';
export { PorchlightPaymentHistory } from './billing/payment-history.js';
export { PorchlightAccountSwitcher } from './account-switcher/account-switcher.js';
export { AccountView } from './internal/account-view.js';
