/**
 * The back-office elements (not registered: import ./define.js for that), their contexts and
 * events, for the package's index and the porchlight-admin bundle to re-export.
 */
export { PorchlightAdmin } from './admin.js';
export { PorchlightAdminSignIn } from './sign-in.js';
export { PorchlightAdminAccounts } from './accounts.js';
export { PorchlightAccountManagerPage } from './account-manager-page.js';
export { PorchlightAdminStaff } from './dealer-staff.js';
export { PorchlightAdminMessages } from './admin-messages.js';
export { PorchlightAdminTickets } from './admin-tickets.js';
export type { TicketFilter } from './admin-tickets.js';
export { PorchlightAdminRequestTypes } from './admin-request-types.js';
export { PorchlightAdminDocuments } from './admin-documents.js';
export { PorchlightSetupAccess } from './setup-access.js';
export { PorchlightAdminAccessRequests } from './access-requests.js';
export type { AccessRequestFilter } from './access-requests.js';
export { AdminElement } from './internal/admin-element.js';
export type { FormState, AdminFieldOptions } from './internal/admin-element.js';
export { adminClientContext, adminSessionContext } from './context.js';
export type { AdminSessionState } from './context.js';
export { emitAdmin } from './events.js';
export type {
  AdminEventMap,
  AdminEventName,
  AdminEventDetail,
  AccountOpenDetail,
  AccountChangeDetail,
  EmulationStartDetail,
  DealerStaffChangeAction,
  DealerStaffChangeDetail,
  AccessChangeAction,
  AccessChangeDetail,
  RegistrationKeyChangeDetail,
  AccessRequestChangeDetail,
} from './events.js';
