import * as v from 'valibot';
import { PorchlightError, type FieldErrors } from '@porchlight/core';
import type { Context } from 'hono';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Turns valibot issues into field messages a person can act on (`address.zip: …`). */
export function fieldErrors(issues: readonly v.BaseIssue<unknown>[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const path = v.getDotPath(issue);
    // An unknown key in a strict object: the issue's input is the key's value, its path the key.
    const unknownKey = issue.expected === 'never' && path;
    const field = path || '(body)';
    if (fields[field]) continue;
    fields[field] = unknownKey ? 'This field is not accepted here.' : issue.message.startsWith('Invalid ') ? describe(issue) : issue.message;
  }
  return fields;
}

function describe(issue: v.BaseIssue<unknown>): string {
  if (issue.received === 'undefined') return 'This field is required.';
  if (issue.kind === 'schema') return `Expected ${issue.expected}, received ${issue.received}.`;
  return issue.message;
}

/** Validates `input` against `schema`, throwing VALIDATION_FAILED with field messages. */
export function validate<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (!result.success) throw new PorchlightError('VALIDATION_FAILED', undefined, { fields: fieldErrors(result.issues) });
  return result.output;
}

/**
 * Reads a JSON body: only `application/json` (415 otherwise, which also forces a CORS
 * preflight for cross-site callers), valid JSON (400), no prototype keys (400), then the
 * schema (400 with the fields). The size limit is enforced before this by bodyLimit (413).
 */
export async function readJson<S extends v.GenericSchema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new PorchlightError('UNSUPPORTED_MEDIA_TYPE');
  const text = await c.req.text();
  let data: unknown;
  try {
    data = JSON.parse(text, (key, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new PorchlightError('VALIDATION_FAILED', `The field "${key}" is not allowed.`, { fields: { [key]: 'This field is not allowed.' } });
      return value;
    });
  } catch (error) {
    if (error instanceof PorchlightError) throw error;
    throw new PorchlightError('MALFORMED_JSON', `The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new PorchlightError('VALIDATION_FAILED', 'The request body must be a JSON object.');
  }
  return validate(schema, data);
}

/** Validates the query string against a schema of optional string fields. */
export function readQuery<S extends v.GenericSchema>(c: Context, schema: S): v.InferOutput<S> {
  return validate(schema, c.req.query());
}
