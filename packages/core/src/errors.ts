import { ERROR_MESSAGES } from './error-messages.js';

/**
 * Error codes as data, shared by the server (which sends them) and the client and elements
 * (which show them). Every error the API sends has the shape
 * `{ error: { code, message, fields? } }`; `code` is stable and `message` is for people.
 */

/** The HTTP status of each error code. */
const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  INVALID_CREDENTIALS: 401,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  INVALID_API_KEY: 401,
  FORBIDDEN: 403,
  PERMISSION_DENIED: 403,
  NOT_GRANTED: 403,
  TEMPORARY_PASSWORD_EXPIRED: 401,
  TEMPORARY_PASSWORD_USED: 401,
  ONBOARDING_DISABLED: 404,
  ACCESS_REQUEST_CLOSED: 409,
  PROFILE_EMAIL_TAKEN: 409,
  LAST_MANAGER: 409,
  LAST_OWNER: 409,
  EMAIL_TAKEN: 409,
  LIMIT_REACHED: 409,
  PASSWORD_CHANGE_REQUIRED: 403,
  EMULATION_FORBIDDEN: 403,
  ORIGIN_NOT_ALLOWED: 403,
  UNKNOWN_DEALER: 404,
  NOT_FOUND: 404,
  WRONG_PASSWORD: 400,
  WEAK_PASSWORD: 400,
  INVALID_TOKEN: 400,
  CONFLICT: 409,
  IDENTIFIER_TAKEN: 409,
  USERNAME_TAKEN: 409,
  CUSTOMER_NUMBER_TAKEN: 409,
  PROPOSAL_CHANGED: 409,
  PROPOSAL_CLOSED: 409,
  ESIGN_CONSENT_REQUIRED: 409,
  PAYMENTS_NOT_CONFIGURED: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  INVOICE_NOT_PAYABLE: 409,
  PAYMENT_METHOD_IN_USE: 409,
  GATEWAY_UNAVAILABLE: 503,
  PAYMENT_IN_PROGRESS: 409,
  RATE_LIMITED: 429,
  STORE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

type ErrorTable = {
  readonly [C in ErrorCode]: { readonly status: (typeof ERROR_STATUS)[C]; readonly message: (typeof ERROR_MESSAGES)[C] };
};

function errorTable(): ErrorTable {
  const table: Record<string, { status: number; message: string }> = {};
  for (const code of Object.keys(ERROR_STATUS) as ErrorCode[]) table[code] = { status: ERROR_STATUS[code], message: ERROR_MESSAGES[code] };
  return table as ErrorTable;
}

/** Every error code with its HTTP status and its default message (error-messages.ts). */
export const ErrorCodes = /* @__PURE__ */ errorTable();

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
    super(message ?? ERROR_MESSAGES[code], options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = ERROR_STATUS[code];
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
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_STATUS, value);
}
