import type { Branding } from './schemas/dealer.js';

/**
 * The Mailer port: the server asks for a named message with its data; @porchlight/emails
 * renders it (MJML, branded per dealer) and sends it (SMTP, or the dev outbox).
 */
export interface MailTemplates {
  /** A password-reset link. */
  'password-reset': { name: string; resetUrl: string; expiresInMinutes: number; accountName: string; username: string };
  /** Notice that a password was changed (or reset). */
  'password-changed': { name: string; accountName: string; username: string; changedAt: string };
  /** A manager (or the dealer) added this person as office staff: a link to choose their password. */
  /** A link to confirm a new email address (sent to the new address). */
  'email-change-confirm': { name: string; accountName: string; newEmail: string; confirmUrl: string; expiresInHours: number };
  /** Notice to the old address that the login's email is changing. */
  'email-change-notice': { name: string; accountName: string; newEmail: string };
  /** To the dealer: a client changed their contact details. */
  'contact-changed': { accountName: string; customerNumber: string | null; identifier: string; userName: string; changedAt: string; changes: Array<{ field: string; from: string | null; to: string | null }> };
  'staff-invite': { name: string; accountName: string; username: string; identifier: string; invitedBy: string; setPasswordUrl: string; expiresInHours: number };
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
  };
}[MailTemplateName];

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
