import type { Branding } from './schemas/dealer.js';
import type { DayPart } from './work-order-labels.js';

/**
 * The Mailer port: the server asks for a named message with its data; @porchlight/emails
 * renders it (MJML, branded per dealer) and sends it (SMTP, or the dev outbox).
 */
export interface MailTemplates {
  /** A password-reset link. */
  'password-reset': { name: string; resetUrl: string; expiresInMinutes: number; accountName: string; username: string };
  /** Notice that a password was changed (or reset). */
  'password-changed': { name: string; accountName: string; username: string; changedAt: string };
  /** A link to confirm a new email address (sent to the new address). */
  'email-change-confirm': { name: string; accountName: string; newEmail: string; confirmUrl: string; expiresInHours: number };
  /** Notice to the old address that the login's email is changing. */
  'email-change-notice': { name: string; accountName: string; newEmail: string };
  /** To the dealer: a client changed their contact details. */
  'contact-changed': { accountName: string; customerNumber: string | null; identifier: string; userName: string; changedAt: string; changes: Array<{ field: string; from: string | null; to: string | null }> };
  /** A manager (or the dealer) added this person as office staff: a link to choose their password. */
  'staff-invite': { name: string; accountName: string; username: string; identifier: string; invitedBy: string; setPasswordUrl: string; expiresInHours: number };
  /**
   * Onboarding, to the person: their registration matched. They log in with `identifier` and
   * `username` (their email); `setPasswordUrl` (a link, valid `expiresInHours`) or
   * `temporaryPassword` (valid `expiresInHours`, changed at first login when
   * `mustChangePassword`) — exactly one of the two is set.
   */
  'registration-confirmation': {
    name: string;
    accountName: string;
    identifier: string;
    username: string;
    setPasswordUrl: string | null;
    temporaryPassword: string | null;
    mustChangePassword: boolean;
    expiresInHours: number;
    loginUrl: string | null;
  };
  /**
   * Onboarding, to the person: the dealer set up their login ("Send login email"), or approved
   * their access request. Same credentials rule as registration-confirmation. `reset`: the login
   * was already active, so this is a link to choose a new password.
   */
  'login-invitation': {
    name: string;
    accountName: string;
    identifier: string;
    username: string;
    /** Other accounts the same login reaches (an owner of several properties). */
    otherAccounts: string[];
    setPasswordUrl: string | null;
    temporaryPassword: string | null;
    mustChangePassword: boolean;
    expiresInHours: number;
    reset: boolean;
    loginUrl: string | null;
  };
  /** Onboarding, to the person: someone registered (or asked for a new link) with the details of a login that already exists. Nothing changed. */
  'already-registered': {
    name: string;
    accountName: string;
    identifier: string;
    username: string;
    /** A link to choose a new password, in case they forgot it (null: forgotten passwords go through the sign-in page). */
    resetUrl: string | null;
    expiresInMinutes: number;
    loginUrl: string | null;
  };
  /** To the dealer (notifyEmail, else supportEmail): a first-time visitor asked for access. */
  'access-request': {
    firstName: string;
    lastName: string;
    email: string;
    phone: string | null;
    company: string;
    customerNumber: string | null;
    message: string | null;
    requestedAt: string;
    /** Accounts whose customer number or name looks like the request's (name and identifier), to help the dealer. */
    possibleAccounts: Array<{ name: string; identifier: string; customerNumber: string | null }>;
    /** The back office page, when the dealer configured one (null otherwise). */
    backOfficeUrl: string | null;
  };
  /** To a ticket's author and subscribers: the dealer's support staff replied or proposed an estimate (the portal link is the dealer's portalUrl). */
  'ticket-update': {
    kind: 'reply' | 'estimate';
    name: string;
    accountName: string;
    ticketNumber: string;
    subject: string;
    /** Who wrote it (the staff member's name). */
    by: string;
    /** The reply, or the estimate's description. */
    text: string;
    /** Files on the reply (never attached to the email: they are read in the portal). */
    attachmentCount: number;
    status: 'open' | 'completed';
    estimate: { amountCents: number; currency: string } | null;
  };
  /** To the dealer: a client opened a ticket, replied, or approved or declined an estimate (the same happens in the events feed). */
  'ticket-activity': {
    kind: 'created' | 'replied' | 'estimate-approved' | 'estimate-declined';
    accountName: string;
    customerNumber: string | null;
    identifier: string;
    userName: string;
    at: string;
    ticketNumber: string;
    subject: string;
    requestType: string;
    /** `created`: the form's answers (a file answer as "2 files: a.jpg, b.jpg"). */
    fields: Array<{ label: string; value: string }>;
    /** The reply, or the note given with a decision. */
    text: string;
    attachmentCount: number;
    estimate: { amountCents: number; currency: string; description: string } | null;
  };
  /** To the signer: they accepted a proposal; the signed PDF is attached. */
  'proposal-signed': {
    name: string;
    accountName: string;
    proposalNumber: string;
    proposalTitle: string;
    version: number;
    totalCents: number;
    currency: string;
    typedName: string;
    signedAt: string;
    /** SHA-256 of the signed PDF (attached), and of the document signed. */
    signedDocumentSha256: string;
    documentSha256: string;
  };
  /** To the proposal's salesperson: the client accepted (signed PDF attached) or rejected it (with the reasons, as labels). */
  'proposal-decided': {
    salespersonName: string;
    decision: 'accepted' | 'rejected';
    accountName: string;
    customerNumber: string | null;
    identifier: string;
    proposalNumber: string;
    proposalTitle: string;
    version: number;
    totalCents: number;
    currency: string;
    decidedAt: string;
    /** The login that decided. */
    decidedBy: string;
    typedName: string | null;
    reasons: string[];
    note: string | null;
  };
  /**
   * To the dealer (a site order: notifyEmail, else supportEmail; a general request: each of
   * technicianEmails): a client sent a work order. `url` opens the portal at the order (null
   * when the dealer has no portalUrl). Labels are already in words; windows are YYYY-MM-DD + part.
   */
  'work-order-submitted': {
    number: string;
    kind: 'site' | 'general';
    accountName: string;
    customerNumber: string | null;
    identifier: string;
    siteName: string | null;
    siteAddress: string | null;
    systemName: string | null;
    requestType: string;
    note: string;
    submittedBy: string;
    submittedAt: string;
    preferredWindows: Array<{ date: string; part: DayPart }>;
    photoCount: number;
    url: string | null;
  };
  /** To the client who sent a work order: we have it. */
  'work-order-confirmation': {
    name: string;
    accountName: string;
    number: string;
    siteName: string | null;
    systemName: string | null;
    requestType: string;
    note: string;
    preferredWindows: Array<{ date: string; part: DayPart }>;
    url: string | null;
  };
  /** To the client who sent a work order: the technician was dispatched, arrived, or the work is completed. */
  'work-order-status': {
    name: string;
    accountName: string;
    number: string;
    status: 'dispatched' | 'arrived' | 'completed';
    /** When it happened (ISO). */
    at: string;
    note: string | null;
    siteName: string | null;
    systemName: string | null;
    requestType: string;
    url: string | null;
  };
  /**
   * To the payer (and the account's managers): a payment was taken. The receipt PDF is attached.
   * `method` is already in words ("Visa ending in 4242"); `url` opens the portal (null without portalUrl).
   */
  'payment-receipt': {
    name: string;
    accountName: string;
    receiptNumber: string;
    /** When the payment was taken (ISO). */
    paidAt: string;
    amountCents: number;
    currency: string;
    method: string;
    items: Array<{ invoiceNumber: string; amountCents: number }>;
    autopay: boolean;
    url: string | null;
  };
  /** To the payer (autopay: the login that turned it on): a payment was declined or failed; nothing was taken. */
  'payment-failed': {
    name: string;
    accountName: string;
    status: 'declined' | 'failed';
    amountCents: number;
    currency: string;
    method: string;
    items: Array<{ invoiceNumber: string; amountCents: number }>;
    /** Why, in words the client can act on. */
    reason: string;
    autopay: boolean;
    /** Autopay: the day (YYYY-MM-DD) it is tried again, or null when it will not be. */
    retryOn: string | null;
    url: string | null;
  };
  /** To the login that turned autopay on or changed it: a copy of the authorization agreed to, word for word. */
  'autopay-authorization': {
    name: string;
    accountName: string;
    method: string;
    dayOfMonth: number;
    authorizationText: string;
    authorizationTextVersion: string;
    authorizationTextSha256: string;
    consentedAt: string;
    /** YYYY-MM-DD. */
    nextChargeOn: string;
    url: string | null;
  };
  /** To the dealer (notifyEmail, else supportEmail): a client turned autopay on, changed it or turned it off. */
  'autopay-changed': {
    kind: 'enabled' | 'changed' | 'disabled';
    accountName: string;
    customerNumber: string | null;
    identifier: string;
    userName: string;
    at: string;
    /** The method charged (null once off). */
    method: string | null;
    dayOfMonth: number | null;
  };
}
export type MailTemplateName = keyof MailTemplates;

export interface MailDealer {
  id: string;
  name: string;
  branding: Branding;
  supportEmail?: string | undefined;
  portalUrl?: string | undefined;
}

export type MailMessage = {
  [K in MailTemplateName]: {
    template: K;
    to: { email: string; name?: string | undefined };
    dealer: MailDealer;
    data: MailTemplates[K];
    /** Files to attach (e.g. a signed PDF). */
    attachments?: MailAttachment[] | undefined;
  };
}[MailTemplateName];

/** A file sent with an email. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
