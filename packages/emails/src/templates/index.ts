import type { MailTemplates } from '@porchlight/core';
import { passwordChanged } from './password-changed.js';
import { passwordReset } from './password-reset.js';
import { staffInvite } from './staff-invite.js';
import { emailChangeConfirm } from './email-change-confirm.js';
import { emailChangeNotice } from './email-change-notice.js';
import { contactChanged } from './contact-changed.js';
import { proposalSigned } from './proposal-signed.js';
import { proposalDecided } from './proposal-decided.js';
import { workOrderConfirmation, workOrderStatus, workOrderSubmitted } from './work-orders.js';
import { ticketUpdate } from './ticket-update.js';
import { ticketActivity } from './ticket-activity.js';
import { autopayAuthorization, autopayChanged, paymentFailed, paymentReceipt } from './payments.js';
import { accessRequest, alreadyRegistered, loginInvitation, registrationConfirmation } from './onboarding.js';
import type { EmailTemplate } from './template.js';

/**
 * Every template, by the name the server sends. Typed against core's MailTemplates: a template
 * added there and missing here is a type error. To add one, see docs/emails.md.
 */
export const templates: { [K in keyof MailTemplates]: EmailTemplate<MailTemplates[K]> } = {
  'password-reset': passwordReset,
  'password-changed': passwordChanged,
  'staff-invite': staffInvite,
  'registration-confirmation': registrationConfirmation,
  'login-invitation': loginInvitation,
  'already-registered': alreadyRegistered,
  'access-request': accessRequest,
  'email-change-confirm': emailChangeConfirm,
  'email-change-notice': emailChangeNotice,
  'contact-changed': contactChanged,
  'ticket-update': ticketUpdate,
  'ticket-activity': ticketActivity,
  'work-order-submitted': workOrderSubmitted,
  'work-order-confirmation': workOrderConfirmation,
  'work-order-status': workOrderStatus,
  'proposal-signed': proposalSigned,
  'proposal-decided': proposalDecided,
  'payment-receipt': paymentReceipt,
  'payment-failed': paymentFailed,
  'autopay-authorization': autopayAuthorization,
  'autopay-changed': autopayChanged,
};
