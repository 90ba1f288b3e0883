/**
 * How the fake APIs (the portal's, the back office's and the feature fakes on them) read a
 * request and answer like the server: JSON answers, the one error shape with each code's status
 * and message, request bodies and queries through core's real schemas with the server's field
 * messages (server http/body.ts), and raw-byte bodies (uploads) kept as bytes.
 */
import * as v from 'valibot';
import { ErrorCodes, type ErrorCode } from '@porchlight/core';

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function apiError(code: string, message: string, status: number, fields?: Record<string, string>, headers: Record<string, string> = {}): Response {
  return json({ error: { code, message, ...(fields ? { fields } : {}) } }, status, headers);
}

/** An error exactly as the server sends it: the code's status and (default) message. */
export function fail(code: ErrorCode, message?: string, fields?: Record<string, string>): Response {
  return apiError(code, message ?? ErrorCodes[code].message, ErrorCodes[code].status, fields);
}

/** Field messages from valibot issues, the way the server words them (http/body.ts). */
export function issueFields(issues: readonly v.BaseIssue<unknown>[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = v.getDotPath(issue);
    const field = path || '(body)';
    if (fields[field]) continue;
    const unknownKey = issue.expected === 'never' && path;
    fields[field] = unknownKey
      ? 'This field is not accepted here.'
      : issue.message.startsWith('Invalid ')
        ? issue.received === 'undefined'
          ? 'This field is required.'
          : issue.kind === 'schema'
            ? `Expected ${issue.expected}, received ${issue.received}.`
            : issue.message
        : issue.message;
  }
  return fields;
}

export type Checked<S extends v.GenericSchema> = { ok: true; value: v.InferOutput<S> } | { ok: false; response: Response };

/** A JSON body through the server's schema: its output, or the server's VALIDATION_FAILED answer. */
export function checkBody<S extends v.GenericSchema>(schema: S, input: unknown): Checked<S> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, response: fail('VALIDATION_FAILED', 'The request body must be a JSON object.') };
  }
  const result = v.safeParse(schema, input);
  return result.success ? { ok: true, value: result.output } : { ok: false, response: fail('VALIDATION_FAILED', undefined, issueFields(result.issues)) };
}

/** A query string (`?…`) through the server's schema. */
export function checkQuery<S extends v.GenericSchema>(schema: S, search: string): Checked<S> {
  const result = v.safeParse(schema, Object.fromEntries(new URLSearchParams(search)));
  return result.success ? { ok: true, value: result.output } : { ok: false, response: fail('VALIDATION_FAILED', undefined, issueFields(result.issues)) };
}

/**
 * A request's body as a fake receives it: a Blob, ArrayBuffer or typed array is the raw bytes of
 * an upload (`raw`, `body` undefined); a string is JSON (`body`).
 */
export async function readBody(input: BodyInit | null | undefined): Promise<{ body: any; raw?: Uint8Array }> {
  if (input === null || input === undefined) return { body: undefined };
  if (typeof Blob !== 'undefined' && input instanceof Blob) return { body: undefined, raw: new Uint8Array(await input.arrayBuffer()) };
  if (input instanceof ArrayBuffer) return { body: undefined, raw: new Uint8Array(input.slice(0)) };
  if (ArrayBuffer.isView(input)) return { body: undefined, raw: new Uint8Array(input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength)) };
  return { body: JSON.parse(String(input)) };
}
