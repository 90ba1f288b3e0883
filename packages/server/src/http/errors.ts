import { PorchlightError, StoreConflictError, StoreKeyError, StoreUnavailableError } from '@porchlight/core';
import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Maps anything thrown to the one error shape. Unexpected errors are reported, never shown. */
export function toPorchlightError(error: unknown, report: (e: unknown) => void): PorchlightError {
  if (error instanceof PorchlightError) return error;
  if (error instanceof StoreUnavailableError) {
    report(error);
    return new PorchlightError('STORE_UNAVAILABLE');
  }
  if (error instanceof StoreConflictError) return new PorchlightError('CONFLICT');
  if (error instanceof StoreKeyError) return new PorchlightError('NOT_FOUND');
  if (error instanceof HTTPException) {
    if (error.status === 413) return new PorchlightError('PAYLOAD_TOO_LARGE');
    if (error.status === 400) return new PorchlightError('MALFORMED_JSON', 'The request could not be read.');
  }
  report(error);
  return new PorchlightError('INTERNAL');
}

export function errorResponse(c: Context, error: PorchlightError): Response {
  if (error.retryAfter !== undefined) c.header('Retry-After', String(Math.max(1, Math.ceil(error.retryAfter))));
  c.header('Cache-Control', 'no-store');
  return c.json(error.toJSON(), error.status as ContentfulStatusCode);
}
