import { CODE_BY_STATUS, GENERAL_MESSAGES, isErrorCode, PorchlightError } from '@porchlight/core';

/** Codes for failures that happen before the API could answer. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE';

/**
 * A failure on the way to the API: the network, CORS, a wrong base URL. Shaped like
 * PorchlightError (code, message, status, fields, retryAfter) so callers handle both alike.
 */
export class PorchlightClientError extends Error {
  override readonly name = 'PorchlightClientError';
  readonly code: ClientErrorCode;
  /** 0: no HTTP answer, or one that is not from the API. */
  readonly status: number;
  readonly fields: undefined = undefined;
  readonly retryAfter: undefined = undefined;

  constructor(code: ClientErrorCode, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? 0;
  }
}

/** Whatever a client method throws: the API's error, or a failure to reach it. */
export type AnyPorchlightError = PorchlightError | PorchlightClientError;

/** True for errors thrown by the client (both kinds). */
export function isPorchlightError(error: unknown): error is AnyPorchlightError {
  return error instanceof PorchlightError || error instanceof PorchlightClientError;
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rebuilds the server's PorchlightError from an error response and its (parsed) body. */
export function errorFromResponse(response: Response, body: unknown): PorchlightError {
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  // An answer with no code this version knows, or no message (from something in front of the API): by its status.
  const statusCode = CODE_BY_STATUS[response.status] ?? 'INTERNAL';
  const code = isErrorCode(error?.code) ? error.code : statusCode;
  const message = typeof error?.message === 'string' && error.message ? error.message : GENERAL_MESSAGES[statusCode];
  let fields: Record<string, string> | undefined;
  if (error && isRecord(error.fields)) {
    fields = {};
    for (const [key, value] of Object.entries(error.fields)) if (typeof value === 'string') fields[key] = value;
  }
  return new PorchlightError(code, message, {
    ...(fields && Object.keys(fields).length ? { fields } : {}),
    ...(retryAfter !== undefined ? { retryAfter } : {}),
  });
}
