import { CARD_DATA_FIELD_MESSAGE, CARD_DATA_MESSAGE, containsCardNumber, isCardDataFieldName, isCardNumberValue, PorchlightError } from '@porchlight/core';
import type { Context, MiddlewareHandler } from 'hono';

/**
 * The card-data guard: card and bank account numbers are never sent to Porchlight (the gateway's
 * form in the browser turns them into a token), so a request that carries one anyway is refused
 * before any route reads it — 400 VALIDATION_FAILED with CARD_DATA_MESSAGE and the path of the
 * offending field. Nothing of the request is stored, logged or echoed: the error names the field,
 * never the value, and is an expected error (never passed to `onUnexpectedError`).
 *
 * Looked at: every value and key of the query string, and of a JSON body (`application/json`) —
 * strings that hold a card number (13–19 digits, spaces or dashes allowed, Luhn; see
 * `containsCardNumber`), numbers that are one, and fields named like card or bank data (cvv,
 * cvc, securityCode, cardNumber, pan, accountNumber, routingNumber …) that hold a value. A body
 * that is not valid JSON is looked at as text. Path parameters are not (they are ids and the
 * dealer's numbers, checked by each route's schema). Raw file bodies are not.
 */

/** The largest JSON body the guard reads (no route accepts a larger one); larger is 413. */
export const CARD_GUARD_MAX_BYTES = 16 * 1024 * 1024;

/** Where in the body a value sits: parent links, so a path is only built for the value refused. */
interface Place {
  parent: Place | null;
  key: string | number;
}

function dotPath(place: Place | null): string {
  const keys: (string | number)[] = [];
  for (let p = place; p; p = p.parent) keys.push(p.key);
  return keys.length ? keys.reverse().join('.') : '(body)';
}

/** Whether a field named like card data holds something (an empty string, null or false is nothing). */
function hasValue(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/**
 * The path of the first value in `root` that is card or bank data, or null. Walks with its own
 * stack (a deeply nested body cannot overflow the call stack), in document order.
 */
export function findCardData(root: unknown): string | null {
  const stack: [unknown, Place | null][] = [[root, null]];
  while (stack.length) {
    const [value, place] = stack.pop()!;
    if (typeof value === 'string') {
      if (containsCardNumber(value)) return dotPath(place);
    } else if (typeof value === 'number') {
      if (isCardNumberValue(value)) return dotPath(place);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], { parent: place, key: i }]);
    } else if (value && typeof value === 'object') {
      const entries = Object.entries(value);
      for (const [key, child] of entries) {
        // A card number used as a field name: name the object that holds it, not the key.
        if (containsCardNumber(key)) return place ? `${dotPath(place)}.(field name)` : '(field name)';
        if (isCardDataFieldName(key) && hasValue(child)) return dotPath({ parent: place, key });
      }
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        stack.push([child, { parent: place, key }]);
      }
    }
  }
  return null;
}

function refuse(field: string): never {
  throw new PorchlightError('VALIDATION_FAILED', CARD_DATA_MESSAGE, { fields: { [field]: CARD_DATA_FIELD_MESSAGE } });
}

const tooLarge = () => new PorchlightError('PAYLOAD_TOO_LARGE', 'The request body is too large.');

/**
 * Reads the body once, at most `maxBytes`, and puts the bytes back as the request's body so the
 * route (and its own size limit) reads them as if untouched.
 */
async function readBody(c: Context, maxBytes: number): Promise<Uint8Array | null> {
  const raw = c.req.raw;
  if (!raw.body) return null;
  const declared = raw.headers.get('content-length');
  if (declared !== null && !raw.headers.has('transfer-encoding') && Number(declared) > maxBytes) throw tooLarge();
  const reader = raw.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  c.req.raw = new Request(raw, { body: bytes });
  return bytes;
}

/** The middleware: mount it before every route, after the general body limit. */
export function cardDataGuard(options: { maxBytes?: number } = {}): MiddlewareHandler {
  const maxBytes = Math.max(options.maxBytes ?? 0, CARD_GUARD_MAX_BYTES);
  return async (c, next) => {
    const params = new URL(c.req.url).searchParams;
    for (const [key, value] of params) {
      if (containsCardNumber(key)) refuse('(query)');
      if (containsCardNumber(value) || (isCardDataFieldName(key) && value.trim() !== '')) refuse(key);
    }
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type === 'application/json') {
      const bytes = await readBody(c, maxBytes);
      if (bytes && bytes.length) {
        const text = new TextDecoder().decode(bytes);
        let data: unknown;
        let parsed = true;
        try {
          data = JSON.parse(text);
        } catch {
          parsed = false;
        }
        const field = parsed ? findCardData(data) : containsCardNumber(text) ? '(body)' : null;
        if (field) refuse(field);
      }
    }
    await next();
  };
}
