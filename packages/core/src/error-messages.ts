import type { ErrorCode } from './errors.js';
import { GENERAL_MESSAGES } from './status-messages.js';

/**
 * The message of each error code, for people: what an error says when it is thrown without one
 * (`new PorchlightError(code)`, as the server does). Part of `ErrorCodes`.
 *
 * Kept apart from the codes and statuses (errors.ts) because only the server needs them: the
 * client shows the message the server sent, so the script-tag bundles leave this table out
 * (rollup.config.mjs builds this module empty for them).
 */
export const ERROR_MESSAGES = {
  ...GENERAL_MESSAGES,
  MALFORMED_JSON: 'The request body is not valid JSON.',
  INVALID_CREDENTIALS: 'The account identifier, username or password is not right.',
  SESSION_EXPIRED: 'Your session has ended. Log in again.',
  INVALID_API_KEY: 'The dealer API key is missing or not valid.',
  PERMISSION_DENIED: 'Your login does not have permission to do that. Ask your account manager.',
  NOT_GRANTED: 'Your login does not include this part of the account. Ask your provider for access.',
  TEMPORARY_PASSWORD_EXPIRED: 'This temporary password has expired. Use "Forgot password?" to get a link to choose a password.',
  TEMPORARY_PASSWORD_USED: 'This temporary password was already used. Log in with the password you chose, or use "Forgot password?".',
  ONBOARDING_DISABLED: 'This portal does not offer this way in. Contact your provider.',
  ACCESS_REQUEST_CLOSED: 'This access request was already approved or declined.',
  PROFILE_EMAIL_TAKEN: 'A login profile with this email address already exists. Choose it to add this account to it, or use another email.',
  LAST_MANAGER: 'An account needs at least one active manager. Make someone else a manager first.',
  LAST_OWNER: 'The back office needs at least one active owner. Make someone else an owner first.',
  EMAIL_TAKEN: 'Another login already uses this email address.',
  LIMIT_REACHED: 'The limit for this list has been reached.',
  PASSWORD_CHANGE_REQUIRED: 'Choose a new password before you continue.',
  EMULATION_FORBIDDEN: 'This cannot be done while emulating a user.',
  ORIGIN_NOT_ALLOWED: 'This site is not allowed to use this portal.',
  UNKNOWN_DEALER: 'No portal is set up for this dealer.',
  WRONG_PASSWORD: 'The current password is not right.',
  WEAK_PASSWORD: 'Choose a stronger password.',
  INVALID_TOKEN: 'This link is not valid or has expired. Ask for a new one.',
  IDENTIFIER_TAKEN: 'Another account already uses this identifier.',
  USERNAME_TAKEN: 'This username is already used in this account.',
  CUSTOMER_NUMBER_TAKEN: 'Another account already uses this customer number.',
  PROPOSAL_CHANGED: 'This proposal changed after you opened it. Review it again before you sign.',
  PROPOSAL_CLOSED: 'This proposal can no longer be accepted or rejected.',
  ESIGN_CONSENT_REQUIRED: 'Agree to use electronic records and signatures before you sign.',
  PAYMENTS_NOT_CONFIGURED: 'Payments are not set up for this portal. Contact your provider to pay.',
  IDEMPOTENCY_KEY_REUSED: 'This payment key was already used for a different payment. Start the payment again.',
  INVOICE_NOT_PAYABLE: 'An invoice changed since you opened it (paid, void or a new balance). Reload your invoices and try again.',
  PAYMENT_METHOD_IN_USE: 'Autopay charges this card; choose another card for autopay first.',
  GATEWAY_UNAVAILABLE: 'The payment processor could not be reached. Try again in a few minutes.',
  PAYMENT_IN_PROGRESS: 'A payment for this account is being made right now. Check your payment history before you pay again.',
} as const satisfies Record<ErrorCode, string>;
