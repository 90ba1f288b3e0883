/**
 * Registers the back-office elements (and the text field they use). The root is defined first,
 * so the elements inside it find it when they connect. A name already defined is left alone.
 */
import '../text-field/define.js';
import { PorchlightAdmin } from './admin.js';
import { PorchlightAdminSignIn } from './sign-in.js';
import { PorchlightAdminAccounts } from './accounts.js';
import { PorchlightAccountManagerPage } from './account-manager-page.js';
import { PorchlightAdminStaff } from './dealer-staff.js';
import { PorchlightAdminMessages } from './admin-messages.js';
import { PorchlightAdminTickets } from './admin-tickets.js';
import { PorchlightAdminRequestTypes } from './admin-request-types.js';
import { PorchlightAdminDocuments } from './admin-documents.js';
import { PorchlightSetupAccess } from './setup-access.js';
import { PorchlightAdminAccessRequests } from './access-requests.js';

export const adminTag = 'porchlight-admin';
export const adminSignInTag = 'porchlight-admin-sign-in';
export const adminAccountsTag = 'porchlight-admin-accounts';
export const accountManagerPageTag = 'porchlight-account-manager-page';
export const adminStaffTag = 'porchlight-admin-staff';
export const adminMessagesTag = 'porchlight-admin-messages';
export const adminTicketsTag = 'porchlight-admin-tickets';
export const adminRequestTypesTag = 'porchlight-admin-request-types';
export const adminDocumentsTag = 'porchlight-admin-documents';
export const setupAccessTag = 'porchlight-setup-access';
export const adminAccessRequestsTag = 'porchlight-admin-access-requests';

const all: Array<[string, CustomElementConstructor]> = [
  [adminTag, PorchlightAdmin],
  [adminSignInTag, PorchlightAdminSignIn],
  [adminAccountsTag, PorchlightAdminAccounts],
  [accountManagerPageTag, PorchlightAccountManagerPage],
  [adminStaffTag, PorchlightAdminStaff],
  [adminMessagesTag, PorchlightAdminMessages],
  [adminTicketsTag, PorchlightAdminTickets],
  [adminRequestTypesTag, PorchlightAdminRequestTypes],
  [adminDocumentsTag, PorchlightAdminDocuments],
  [setupAccessTag, PorchlightSetupAccess],
  [adminAccessRequestsTag, PorchlightAdminAccessRequests],
];
for (const [tag, element] of all) if (!customElements.get(tag)) customElements.define(tag, element);

declare global {
  interface HTMLElementTagNameMap {
    'porchlight-admin': PorchlightAdmin;
    'porchlight-admin-sign-in': PorchlightAdminSignIn;
    'porchlight-admin-accounts': PorchlightAdminAccounts;
    'porchlight-account-manager-page': PorchlightAccountManagerPage;
    'porchlight-admin-staff': PorchlightAdminStaff;
    'porchlight-admin-messages': PorchlightAdminMessages;
    'porchlight-admin-tickets': PorchlightAdminTickets;
    'porchlight-admin-request-types': PorchlightAdminRequestTypes;
    'porchlight-admin-documents': PorchlightAdminDocuments;
    'porchlight-setup-access': PorchlightSetupAccess;
    'porchlight-admin-access-requests': PorchlightAdminAccessRequests;
  }
}

export {
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
};
