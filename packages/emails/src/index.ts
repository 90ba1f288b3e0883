export { renderEmail, type RenderedEmail } from './render.js';
export { createSmtpMailer, MailDeliveryError, type SmtpMailer, type SmtpMailerOptions } from './smtp.js';
export { createOutboxMailer, createMemoryMailer, readOutbox, type MemoryMailer, type OutboxOptions, type SentEmail, type OutboxEmail, type OutboxAttachment } from './outbox.js';
export { templates } from './templates/index.js';
export type { EmailContent, EmailTemplate } from './templates/template.js';
