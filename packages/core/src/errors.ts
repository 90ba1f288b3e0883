/**
 * Error codes as data, shared by the server (which sends them) and the client and elements
 * (which show them). Every error the API sends has the shape
 * `{ error: { code, message, fields? } }`; `code` is stable and `message` is for people.
 */
export const ErrorCodes = {
  VALIDATION_FAILED: { status: 400, message: 'Some fields are missing or not valid.' },
  MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the request body as JSON (Content-Type: application/json).' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  INVALID_CREDENTIALS: { status: 401, message: 'The account identifier, username or password is not right.' },
  UNAUTHENTICATED: { status: 401, message: 'Log in to continue.' },
  SESSION_EXPIRED: { status: 401, message: 'Your session has ended. Log in again.' },
  INVALID_API_KEY: { status: 401, message: 'The dealer API key is missing or not valid.' },
  FORBIDDEN: { status: 403, message: 'You are not allowed to do that.' },
  PERMISSION_DENIED: { status: 403, message: 'Your login does not have permission to do that. Ask your account manager.' },
  NOT_GRANTED: { status: 403, message: 'Your login does not include this part of the account. Ask your provider for access.' },
  TEMPORARY_PASSWORD_EXPIRED: { status: 401, message: 'This temporary password has expired. Use "Forgot password?" to get a link to choose a password.' },
  TEMPORARY_PASSWORD_USED: { status: 401, message: 'This temporary password was already used. Log in with the password you chose, or use "Forgot password?".' },
  ONBOARDING_DISABLED: { status: 404, message: 'This portal does not offer this way in. Contact your provider.' },
  ACCESS_REQUEST_CLOSED: { status: 409, message: 'This access request was already approved or declined.' },
  PROFILE_EMAIL_TAKEN: { status: 409, message: 'A login profile with this email address already exists. Choose it to add this account to it, or use another email.' },
  LAST_MANAGER: { status: 409, message: 'An account needs at least one active manager. Make someone else a manager first.' },
  LAST_OWNER: { status: 409, message: 'The back office needs at least one active owner. Make someone else an owner first.' },
  EMAIL_TAKEN: { status: 409, message: 'Another login already uses this email address.' },
  LIMIT_REACHED: { status: 409, message: 'The limit for this list has been reached.' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: 'Choose a new password before you continue.' },
  EMULATION_FORBIDDEN: { status: 403, message: 'This cannot be done while emulating a user.' },
  ORIGIN_NOT_ALLOWED: { status: 403, message: 'This site is not allowed to use this portal.' },
  UNKNOWN_DEALER: { status: 404, message: 'No portal is set up for this dealer.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  WRONG_PASSWORD: { status: 400, message: 'The current password is not right.' },
  WEAK_PASSWORD: { status: 400, message: 'Choose a stronger password.' },
  INVALID_TOKEN: { status: 400, message: 'This link is not valid or has expired. Ask for a new one.' },
  CONFLICT: { status: 409, message: 'Someone else changed this at the same time. Reload and try again.' },
  IDENTIFIER_TAKEN: { status: 409, message: 'Another account already uses this identifier.' },
  USERNAME_TAKEN: { status: 409, message: 'This username is already used in this account.' },
  CUSTOMER_NUMBER_TAKEN: { status: 409, message: 'Another account already uses this customer number.' },
  PROPOSAL_CHANGED: { status: 409, message: 'This proposal changed after you opened it. Review it again before you sign.' },
  PROPOSAL_CLOSED: { status: 409, message: 'This proposal can no longer be accepted or rejected.' },
  ESIGN_CONSENT_REQUIRED: { status: 409, message: 'Agree to use electronic records and signatures before you sign.' },
  PAYMENTS_NOT_CONFIGURED: { status: 409, message: 'Payments are not set up for this portal. Contact your provider to pay.' },
  IDEMPOTENCY_KEY_REUSED: { status: 409, message: 'This payment key was already used for a different payment. Start the payment again.' },
  INVOICE_NOT_PAYABLE: { status: 409, message: 'An invoice changed since you opened it (paid, void or a new balance). Reload your invoices and try again.' },
  PAYMENT_METHOD_IN_USE: { status: 409, message: 'Autopay charges this card; choose another card for autopay first.' },
  GATEWAY_UNAVAILABLE: { status: 503, message: 'The payment processor could not be reached. Try again in a few minutes.' },
  PAYMENT_IN_PROGRESS: { status: 409, message: 'A payment for this account is being made right now. Check your payment history before you pay again.' },
  RATE_LIMITED: { status: 429, message: 'Too many attempts. Wait a few minutes and try again.' },
  STORE_UNAVAILABLE: { status: 503, message: 'The portal is briefly unavailable. Try again in a moment.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side. Try again later.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ErrorCodes;

/** Field-level problems: path (dot-separated, e.g. `address.zip`) to a message a person can act on. */
export type FieldErrors = Record<string, string>;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldErrors };
}

/** The one error type the server throws on purpose and the client rebuilds from a response. */
export class PorchlightError extends Error {
  override readonly name = 'PorchlightError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: FieldErrors | undefined;
  /** Seconds the caller should wait (rate limits). */
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, message?: string, options: { fields?: FieldErrors; retryAfter?: number; cause?: unknown } = {}) {
    super(message ?? ErrorCodes[code].message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = ErrorCodes[code].status;
    this.fields = options.fields;
    this.retryAfter = options.retryAfter;
  }

  toJSON(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.fields && Object.keys(this.fields).length ? { fields: this.fields } : {}),
      },
    };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ErrorCodes, value);
}
