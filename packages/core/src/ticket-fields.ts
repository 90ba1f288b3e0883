/**
 * Support-request fields: the small schema a dealer writes for each "nature of your request"
 * (request type), and the one function that checks a client's answers against it. The server
 * runs it on every new ticket; the elements run the same function before sending, so a client
 * sees the same message in the form that the server would answer with.
 *
 * Plain TypeScript, no schema library: the elements' bundles import it.
 */

export const REQUEST_FIELD_KINDS = ['text', 'long-text', 'choice', 'date', 'file'] as const;
export type RequestFieldKind = (typeof REQUEST_FIELD_KINDS)[number];

/** One field of a request type's form. */
export interface RequestField {
  /** Stable key of the answer: 1–40 of `a-z 0-9 - _`, unique in its type. */
  id: string;
  label: string;
  kind: RequestFieldKind;
  required: boolean;
  /** Shown under the field. */
  help?: string | undefined;
  /** `choice` only: the options, in order (1–50, each 1–100 characters). */
  options?: string[] | undefined;
  /** `text` / `long-text`: the most characters (default 200 / 5000). */
  maxLength?: number | undefined;
}

/** A "nature of your request" the dealer offers, with its own fields. */
export interface RequestType {
  /** 1–40 of `a-z 0-9 - _`, unique for the dealer. */
  id: string;
  label: string;
  description?: string | undefined;
  /** Inactive types stay on old tickets but are not offered for new ones. */
  active: boolean;
  fields: RequestField[];
}

export const REQUEST_TYPE_ID = /^[a-z0-9][a-z0-9_-]{0,39}$/;
export const MAX_REQUEST_TYPES = 30;
export const MAX_REQUEST_FIELDS = 20;
export const MAX_CHOICE_OPTIONS = 50;
export const TEXT_FIELD_MAX = 200;
export const LONG_TEXT_FIELD_MAX = 5000;
/** The most files one `file` field (and one reply) takes. */
export const MAX_FILES_PER_FIELD = 5;

/**
 * A client's answers: text for `text`, `long-text`, `choice` (one of the options) and `date`
 * (`YYYY-MM-DD`); for `file`, the ids of files uploaded first (POST /v1/uploads).
 */
export type FieldValues = Record<string, string | string[]>;

export interface FieldCheck {
  /** The answers cleaned up: trimmed, empty optional answers left out, only the type's fields. */
  values: FieldValues;
  /** Field id -> what to fix. Empty when every answer is acceptable. */
  errors: Record<string, string>;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `s` is a calendar date written `YYYY-MM-DD` (no 2026-02-30). */
export function isRealDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The most characters a text answer may have. */
export function fieldMaxLength(field: RequestField): number {
  if (field.kind === 'long-text') return Math.min(field.maxLength ?? LONG_TEXT_FIELD_MAX, LONG_TEXT_FIELD_MAX);
  return Math.min(field.maxLength ?? TEXT_FIELD_MAX, field.kind === 'text' ? TEXT_FIELD_MAX : LONG_TEXT_FIELD_MAX);
}

/**
 * Checks `input` (anything a browser could send) against `type`'s fields. Unknown field ids
 * are errors too (under their own id), so a typo in an integration is not silently dropped.
 * Upload ids are only checked for shape here; the server checks they exist and are the user's.
 */
export function checkFieldValues(type: RequestType, input: unknown): FieldCheck {
  const values: FieldValues = {};
  const errors: Record<string, string> = {};
  if (input === undefined || input === null) input = {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { values, errors: { fields: 'Send the answers as an object of field id to value.' } };
  }
  const given = input as Record<string, unknown>;
  const known = new Set(type.fields.map((f) => f.id));
  for (const id of Object.keys(given)) {
    if (!known.has(id)) errors[id.slice(0, 40)] = `"${type.label}" has no field "${id.slice(0, 40)}".`;
  }
  for (const field of type.fields) {
    const raw = Object.prototype.hasOwnProperty.call(given, field.id) ? given[field.id] : undefined;
    if (field.kind === 'file') {
      const ids = raw === undefined || raw === null || raw === '' ? [] : Array.isArray(raw) ? raw : [raw];
      if (!ids.every((x) => typeof x === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(x))) {
        errors[field.id] = 'Attach files by uploading them first.';
      } else if (ids.length > MAX_FILES_PER_FIELD) {
        errors[field.id] = `Attach at most ${MAX_FILES_PER_FIELD} files.`;
      } else if (new Set(ids).size !== ids.length) {
        errors[field.id] = 'The same file is attached twice.';
      } else if (ids.length === 0) {
        if (field.required) errors[field.id] = `Attach a file for "${field.label}".`;
      } else values[field.id] = ids as string[];
      continue;
    }
    if (raw !== undefined && raw !== null && typeof raw !== 'string') {
      errors[field.id] = `"${field.label}" must be text.`;
      continue;
    }
    const text = (raw ?? '').replace(/\r\n?/g, '\n').trim();
    if (text === '') {
      if (field.required) errors[field.id] = field.kind === 'choice' ? `Choose "${field.label}".` : `Fill in "${field.label}".`;
      continue;
    }
    if (field.kind === 'choice') {
      if (!(field.options ?? []).includes(text)) errors[field.id] = `Choose one of the options for "${field.label}".`;
      else values[field.id] = text;
      continue;
    }
    if (field.kind === 'date') {
      if (!isRealDate(text)) errors[field.id] = 'Enter a date as YYYY-MM-DD.';
      else values[field.id] = text;
      continue;
    }
    const max = fieldMaxLength(field);
    if ([...text].length > max) errors[field.id] = `Use at most ${max} characters.`;
    else if (field.kind === 'text' && /[\n\p{Cc}]/u.test(text)) errors[field.id] = 'Use a single line without control characters.';
    else values[field.id] = text;
  }
  return { values, errors };
}

/**
 * Checks a dealer's request types (the admin API's PUT): ids unique and well formed, choices
 * with options, limits kept. Answers field path -> what to fix (e.g. `items.2.fields.0.options`).
 */
export function checkRequestTypes(types: readonly RequestType[]): Record<string, string> {
  const errors: Record<string, string> = {};
  if (types.length > MAX_REQUEST_TYPES) errors.items = `Offer at most ${MAX_REQUEST_TYPES} request types.`;
  const typeIds = new Set<string>();
  types.forEach((type, i) => {
    if (typeIds.has(type.id)) errors[`items.${i}.id`] = `Another request type already uses the id "${type.id}".`;
    typeIds.add(type.id);
    if (type.fields.length > MAX_REQUEST_FIELDS) errors[`items.${i}.fields`] = `Use at most ${MAX_REQUEST_FIELDS} fields.`;
    const fieldIds = new Set<string>();
    type.fields.forEach((field, j) => {
      const at = `items.${i}.fields.${j}`;
      if (fieldIds.has(field.id)) errors[`${at}.id`] = `Another field of "${type.label}" already uses the id "${field.id}".`;
      fieldIds.add(field.id);
      if (field.kind === 'choice') {
        const options = field.options ?? [];
        if (options.length === 0) errors[`${at}.options`] = 'A choice needs at least one option.';
        else if (options.length > MAX_CHOICE_OPTIONS) errors[`${at}.options`] = `Offer at most ${MAX_CHOICE_OPTIONS} options.`;
        else if (new Set(options).size !== options.length) errors[`${at}.options`] = 'Each option must be different.';
      } else if (field.options !== undefined) {
        errors[`${at}.options`] = 'Only a choice field has options.';
      }
      if (field.maxLength !== undefined && field.kind !== 'text' && field.kind !== 'long-text') {
        errors[`${at}.maxLength`] = 'Only text fields have a maximum length.';
      }
    });
  });
  return errors;
}
