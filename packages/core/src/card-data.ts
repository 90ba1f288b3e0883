/**
 * Recognising card and bank account data, so that it is never sent to Porchlight: the payment
 * gateway's own form takes it in the browser and Porchlight only ever sees the gateway's token.
 * The server refuses any request that carries such data (http/card-data.ts); an element can use
 * the same functions to warn before sending. Plain functions, no schema library.
 */

/** The error message of a request refused for carrying card or bank data. */
export const CARD_DATA_MESSAGE =
  'Card and bank account numbers are never sent to Porchlight: remove the number, and enter card or bank details only in the payment form, which passes them straight to the payment processor.';
/** The message next to the field that held it. */
export const CARD_DATA_FIELD_MESSAGE = 'Remove the card or bank account number from this field.';

/** The Luhn (mod 10) check of a string of digits. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A card number has 13 to 19 digits; none starts with 0. */
const isPan = (digits: string) => digits.length >= 13 && digits.length <= 19 && digits[0] !== '0' && luhnValid(digits);

/** Runs of digits, each group separated from the next by one space or dash ("4111 1111-1111 1111"). */
const RUN = /\d+(?:[ -]\d+)*/g;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

/**
 * Whether the text holds something that looks like a payment card number: 13 to 19 digits, in
 * groups separated by single spaces or dashes, not starting with 0, passing the Luhn check.
 * Groups are tried in every consecutive combination, so a number written after a phone number
 * ("555-0100 4111 1111 1111 1111") is found. A run without separators that is glued to letters
 * (inside a hash, an id or base64) is not a card number written by a person and is not tried.
 */
export function containsCardNumber(text: string): boolean {
  if (typeof text !== 'string' || text.length < 13) return false;
  for (const match of text.matchAll(RUN)) {
    const run = match[0];
    const groups = run.split(/[ -]/);
    let digits = 0;
    for (const g of groups) digits += g.length;
    if (digits < 13) continue;
    if (groups.length === 1) {
      const start = match.index;
      const before = start > 0 ? text[start - 1]! : '';
      const after = text[start + run.length] ?? '';
      if (WORD_CHAR.test(before) || WORD_CHAR.test(after)) continue;
      if (isPan(run)) return true;
      continue;
    }
    for (let from = 0; from < groups.length; from++) {
      let joined = '';
      for (let to = from; to < groups.length && joined.length < 19; to++) {
        joined += groups[to];
        if (isPan(joined)) return true;
      }
    }
  }
  return false;
}

/** A JSON number that is a card number (e.g. 4111111111111111 sent as a number). */
export function isCardNumberValue(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 1e12 && isPan(String(value));
}

/** Field names that only card or bank data goes in (compared without case, spaces, dashes or underscores). */
const CARD_FIELD_NAMES = new Set(['cvv', 'cvc', 'cvv2', 'cvc2', 'csc', 'pan', 'cardno', 'ccno', 'ccnum', 'ccnumber', 'iban']);
const CARD_FIELD_SUFFIXES = ['cardnumber', 'accountnumber', 'routingnumber', 'securitycode', 'cardverificationvalue', 'cardverificationcode'];

/** Whether a field with this name holds card or bank data (cvv, cvc, securityCode, cardNumber, pan, accountNumber, routingNumber …). */
export function isCardDataFieldName(name: string): boolean {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return CARD_FIELD_NAMES.has(key) || CARD_FIELD_SUFFIXES.some((s) => key.endsWith(s));
}
