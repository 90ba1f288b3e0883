import { isPorchlightError } from '@porchlight/client';

/** "about 2 minutes", "30 seconds": how long a rate limit lasts, for people. */
export function waitText(seconds: number): string {
  if (seconds < 60) return seconds <= 1 ? 'a second' : `${Math.ceil(seconds)} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
}

/** A message a person can act on, for anything a client call threw. */
export function errorMessage(error: unknown): string {
  if (isPorchlightError(error)) {
    if (error.code === 'RATE_LIMITED') {
      return error.retryAfter ? `Too many attempts. Wait ${waitText(error.retryAfter)} and try again.` : 'Too many attempts. Wait a few minutes and try again.';
    }
    return error.message;
  }
  return 'Something went wrong. Try again.';
}

export function errorCode(error: unknown): string | undefined {
  return isPorchlightError(error) ? error.code : undefined;
}

/** Field messages from an API error (`fields`), limited to the fields the form shows. */
export function fieldErrors(error: unknown, known: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (isPorchlightError(error) && error.fields) {
    for (const name of known) if (error.fields[name]) out[name] = error.fields[name]!;
  }
  return out;
}

/** Field messages from an API error on the form's own fields (`fields`: API field name → form field name). */
export function formFieldErrors(error: unknown, fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [apiName, message] of Object.entries(fieldErrors(error, Object.keys(fields)))) out[fields[apiName]!] ??= message;
  return out;
}

/** The digits of an account identifier as people type it ("(555) 010-0100" → "5550100100"). */
export function identifierDigits(value: string): string {
  return value.replace(/[\s().+-]/g, '');
}

export const IDENTIFIER_PATTERN = /^\d{4,15}$/;

/** A problem with an account identifier as typed, or undefined. */
export function identifierProblem(value: string): string | undefined {
  if (!value) return 'Enter your account identifier.';
  if (!IDENTIFIER_PATTERN.test(identifierDigits(value))) return 'The account identifier is 4 to 15 digits.';
  return undefined;
}
