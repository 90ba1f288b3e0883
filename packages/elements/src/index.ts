/**
 * @porchlight/elements: the element classes (not registered; import a `define` module or the
 * script-tag bundle `porchlight.js` to register them), contexts, events and style tokens.
 */
export { PorchlightPortal } from './portal/portal.js';
export { PorchlightLogin } from './login/login.js';
export { PorchlightResetPassword } from './reset-password/reset-password.js';
export { PorchlightTextField } from './text-field/text-field.js';
export { PorchlightContacts } from './contacts/contacts.js';
export { PorchlightStaffManager } from './staff-manager/staff-manager.js';
export { PorchlightActivity } from './activity/activity.js';
export { PorchlightMessages } from './messages/messages.js';
export { PorchlightProfile } from './profile/profile.js';
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
export { PorchlightRegister } from './register/register.js';
export { PorchlightRequestAccess } from './request-access/request-access.js';
export { PorchlightActivate } from './activate/activate.js';
export { PorchlightAccountSwitcher } from './account-switcher/account-switcher.js';
export { OnboardingForm } from './internal/onboarding-form.js';
export type { InvoiceSort, SortOrder } from './billing/invoice-list.js';
export type { PaymentCompleteDetail, AutopayChangeDetail, PaymentMethodChangeDetail, PaymentMethodChangeAction } from './billing/events.js';
export type { GatewayFieldsAdapter, GatewayFieldsListener, GatewayTokenResult, GatewayMethodSummary } from './billing/gateway-fields.js';
export type { ProposalDecidedDetail, ProposalOpenDetail, ProposalBackDetail } from './proposals/events.js';
export type { WorkOrderFilter } from './work-orders/work-orders.js';
export type { WorkOrderCreatedDetail, WorkOrderNoteAddedDetail, WorkOrderOpenDetail } from './work-orders/events.js';
export type { TicketChangeAction, TicketChangeDetail, TicketCreatedDetail, TicketOpenDetail, TicketBackDetail } from './tickets/events.js';
export { AccountView } from './internal/account-view.js';
export * from './admin/index.js';
export { PortalConsumer } from './internal/portal-consumer.js';
export { FormElement } from './internal/form-element.js';
export { defineElements } from './define-elements.js';
export { clientContext, sessionContext, brandingContext } from './context.js';
export type { SessionState } from './context.js';
export { emit } from './events.js';
export type {
  PorchlightEventMap,
  PorchlightEventName,
  PorchlightEventDetail,
  SessionEndDetail,
  SessionEndReason,
  PasswordResetDetail,
  StaffChangeAction,
  StaffChangeDetail,
  ContactChangeDetail,
  MessageReadDetail,
  ProfileChangeDetail,
  EmailConfirmedDetail,
  DocumentDownloadedDetail,
  OnboardingTarget,
  OnboardingNavigateDetail,
  OnboardingSentDetail,
  AccountSwitchDetail,
} from './events.js';
export { tokens } from './styles/tokens.js';
export { shared as sharedStyles } from './styles/shared.js';
