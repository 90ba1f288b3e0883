import type { ErrorCode } from './errors.js';

/**
 * The codes that also stand for a bare HTTP status, with their default messages. The server's
 * table (error-messages.ts) takes these messages; the client uses them for an answer that carries
 * no code it knows or no message (one from a proxy or gateway in front of the API), which is why
 * they live apart from that table, which the script-tag bundles leave out.
 */
export const GENERAL_MESSAGES = {
  VALIDATION_FAILED: 'Some fields are missing or not valid.',
  UNSUPPORTED_MEDIA_TYPE: 'Send the request body as JSON (Content-Type: application/json).',
  PAYLOAD_TOO_LARGE: 'The request body is too large.',
  UNAUTHENTICATED: 'Log in to continue.',
  FORBIDDEN: 'You are not allowed to do that.',
  NOT_FOUND: 'Not found.',
  CONFLICT: 'Someone else changed this at the same time. Reload and try again.',
  RATE_LIMITED: 'Too many attempts. Wait a few minutes and try again.',
  STORE_UNAVAILABLE: 'The portal is briefly unavailable. Try again in a moment.',
  INTERNAL: 'Something went wrong on our side. Try again later.',
} as const satisfies Partial<Record<ErrorCode, string>>;

/** The code an answer stands for by its HTTP status alone (any other status: `INTERNAL`). */
export const CODE_BY_STATUS: Readonly<Record<number, keyof typeof GENERAL_MESSAGES>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'STORE_UNAVAILABLE',
};
