import { PorchlightLogin } from './login/login.js';
import { PorchlightPortal } from './portal/portal.js';
import { PorchlightResetPassword } from './reset-password/reset-password.js';
import { PorchlightTextField } from './text-field/text-field.js';
import { PorchlightContacts } from './contacts/contacts.js';
import { PorchlightStaffManager } from './staff-manager/staff-manager.js';
import { PorchlightActivity } from './activity/activity.js';
import { PorchlightMessages } from './messages/messages.js';
import { PorchlightProfile } from './profile/profile.js';
import { PorchlightDocuments } from './documents/documents.js';
import { PorchlightTicket } from './tickets/ticket.js';
import { PorchlightTickets } from './tickets/tickets.js';
import { PorchlightWorkOrderForm } from './work-orders/work-order-form.js';
import { PorchlightWorkOrders } from './work-orders/work-orders.js';
import { PorchlightProposals } from './proposals/proposals.js';
import { PorchlightProposalSigner } from './proposals/proposal-signer.js';
import { PorchlightInvoiceList } from './billing/invoice-list.js';
import { PorchlightPaymentMethods } from './billing/payment-methods.js';
import { PorchlightAutopay } from './billing/autopay.js';
import { PorchlightPaymentHistory } from './billing/payment-history.js';
import { PorchlightRegister } from './register/register.js';
import { PorchlightRequestAccess } from './request-access/request-access.js';
import { PorchlightActivate } from './activate/activate.js';
import { PorchlightAccountSwitcher } from './account-switcher/account-switcher.js';
import {
  PorchlightAdmin,
  PorchlightAdminSignIn,
  PorchlightAdminAccounts,
  PorchlightAccountManagerPage,
  PorchlightAdminStaff,
  PorchlightAdminMessages,
  PorchlightAdminTickets,
  PorchlightAdminRequestTypes,
  PorchlightAdminDocuments,
  PorchlightSetupAccess,
  PorchlightAdminAccessRequests,
} from './admin/index.js';

/**
 * Registers every element under its porchlight-* name (for npm users; the script-tag bundles
 * do this by themselves). Roots first, so the elements inside them find them when they connect.
 * Names already defined are left alone, so calling it twice is harmless.
 */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  const all: Array<[string, CustomElementConstructor]> = [
    ['porchlight-portal', PorchlightPortal],
    ['porchlight-admin', PorchlightAdmin],
    ['porchlight-text-field', PorchlightTextField],
    ['porchlight-login', PorchlightLogin],
    ['porchlight-reset-password', PorchlightResetPassword],
    ['porchlight-register', PorchlightRegister],
    ['porchlight-request-access', PorchlightRequestAccess],
    ['porchlight-activate', PorchlightActivate],
    ['porchlight-account-switcher', PorchlightAccountSwitcher],
    ['porchlight-contacts', PorchlightContacts],
    ['porchlight-staff-manager', PorchlightStaffManager],
    ['porchlight-activity', PorchlightActivity],
    ['porchlight-messages', PorchlightMessages],
    ['porchlight-profile', PorchlightProfile],
    ['porchlight-documents', PorchlightDocuments],
    ['porchlight-ticket', PorchlightTicket],
    ['porchlight-tickets', PorchlightTickets],
    ['porchlight-work-order-form', PorchlightWorkOrderForm],
    ['porchlight-work-orders', PorchlightWorkOrders],
    ['porchlight-proposal-signer', PorchlightProposalSigner],
    ['porchlight-proposals', PorchlightProposals],
    ['porchlight-invoice-list', PorchlightInvoiceList],
    ['porchlight-payment-methods', PorchlightPaymentMethods],
    ['porchlight-autopay', PorchlightAutopay],
    ['porchlight-payment-history', PorchlightPaymentHistory],
    ['porchlight-admin-sign-in', PorchlightAdminSignIn],
    ['porchlight-admin-accounts', PorchlightAdminAccounts],
    ['porchlight-account-manager-page', PorchlightAccountManagerPage],
    ['porchlight-admin-staff', PorchlightAdminStaff],
    ['porchlight-admin-messages', PorchlightAdminMessages],
    ['porchlight-admin-tickets', PorchlightAdminTickets],
    ['porchlight-admin-request-types', PorchlightAdminRequestTypes],
    ['porchlight-admin-documents', PorchlightAdminDocuments],
    ['porchlight-setup-access', PorchlightSetupAccess],
    ['porchlight-admin-access-requests', PorchlightAdminAccessRequests],
  ];
  for (const [tag, element] of all) if (!registry.get(tag)) registry.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'porchlight-portal': PorchlightPortal;
    'porchlight-text-field': PorchlightTextField;
    'porchlight-login': PorchlightLogin;
    'porchlight-reset-password': PorchlightResetPassword;
    'porchlight-register': PorchlightRegister;
    'porchlight-request-access': PorchlightRequestAccess;
    'porchlight-activate': PorchlightActivate;
    'porchlight-account-switcher': PorchlightAccountSwitcher;
    'porchlight-contacts': PorchlightContacts;
    'porchlight-staff-manager': PorchlightStaffManager;
    'porchlight-activity': PorchlightActivity;
    'porchlight-messages': PorchlightMessages;
    'porchlight-profile': PorchlightProfile;
    'porchlight-documents': PorchlightDocuments;
    'porchlight-ticket': PorchlightTicket;
    'porchlight-tickets': PorchlightTickets;
    'porchlight-work-order-form': PorchlightWorkOrderForm;
    'porchlight-work-orders': PorchlightWorkOrders;
    'porchlight-proposal-signer': PorchlightProposalSigner;
    'porchlight-proposals': PorchlightProposals;
    'porchlight-invoice-list': PorchlightInvoiceList;
    'porchlight-payment-methods': PorchlightPaymentMethods;
    'porchlight-autopay': PorchlightAutopay;
    'porchlight-payment-history': PorchlightPaymentHistory;
  }
}
