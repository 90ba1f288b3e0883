import type { MailDealer, MailMessage, Mailer } from '@porchlight/core';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { renderEmail } from './render.js';

/** An email could not be handed to the SMTP server; `cause` holds nodemailer's error. */
export class MailDeliveryError extends Error {
  override readonly name = 'MailDeliveryError';
  readonly code = 'MAIL_DELIVERY_FAILED';
  constructor(
    message: string,
    readonly template: string,
    readonly to: string,
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

type PerDealer<T> = T | ((dealer: MailDealer) => T);

export interface SmtpMailerOptions {
  /** nodemailer SMTP options (or an smtp:// URL), or a Transporter you built yourself. */
  transport: SMTPTransport.Options | string | Transporter;
  /**
   * The From address, fixed or per dealer. A bare address ("portal@example.com") is sent
   * with the dealer's name as the display name; "Name <address>" is used as given.
   */
  from: PerDealer<string>;
  /** Where replies go. Default: the dealer's support email, when it has one. */
  replyTo?: PerDealer<string | undefined>;
}

export interface SmtpMailer extends Mailer {
  readonly transporter: Transporter;
  /** Closes pooled connections (for shutdown). */
  close(): void;
}

const resolve = <T>(value: PerDealer<T>, dealer: MailDealer): T =>
  typeof value === 'function' ? (value as (dealer: MailDealer) => T)(dealer) : value;

/** A Mailer that renders each message and sends it (text + HTML alternatives) over SMTP with nodemailer. */
export function createSmtpMailer(options: SmtpMailerOptions): SmtpMailer {
  if (!options?.transport) throw new TypeError('createSmtpMailer: pass `transport` (nodemailer SMTP options, an smtp:// URL or a Transporter).');
  if (!options.from || (typeof options.from !== 'string' && typeof options.from !== 'function')) {
    throw new TypeError('createSmtpMailer: pass `from`, an address such as "portal@example.com" or a function of the dealer.');
  }
  const { transport, from, replyTo = (dealer: MailDealer) => dealer.supportEmail } = options;
  const transporter: Transporter =
    typeof transport === 'object' && 'sendMail' in transport && typeof transport.sendMail === 'function'
      ? transport
      : nodemailer.createTransport(transport as SMTPTransport.Options | string);

  return {
    transporter,
    close: () => transporter.close(),
    async send(message: MailMessage) {
      const { subject, html, text } = await renderEmail(message);
      const sender = resolve(from, message.dealer);
      try {
        await transporter.sendMail({
          from: /[<>]/.test(sender) ? sender : { name: message.dealer.name, address: sender },
          to: { name: message.to.name ?? '', address: message.to.email },
          replyTo: resolve(replyTo, message.dealer) || undefined,
          subject,
          text,
          html,
          ...(message.attachments?.length
            ? { attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength) })) }
            : {}),
        });
      } catch (cause) {
        const reason = cause instanceof Error ? cause.message : String(cause);
        throw new MailDeliveryError(`Could not send the "${message.template}" email to ${message.to.email}: ${reason}`, message.template, message.to.email, { cause });
      }
    },
  };
}
