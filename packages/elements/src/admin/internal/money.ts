/**
 * Money typed by a person, as integer cents: parsed from the text (never through a float, so
 * "0.29" is 29 cents and not 28.999…), and shown back in the reader's language.
 */

/** The largest estimate the API takes (CreateEstimateRequest: 100 million in the currency's main unit). */
export const ESTIMATE_MAX_CENTS = 100_000_000_00;

export type AmountResult = { ok: true; cents: number } | { ok: false; error: string };

// "1250", "1,250", "1,250.5", "1250.50", ".50": digits with optional thousands commas (groups of three), at most one point.
const AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/;

/**
 * "1,250.50" → 125050 cents. A leading "$" and spaces are allowed; more than two decimals,
 * zero, negative amounts, other separators ("1.250,50", "1,25") and amounts over
 * ESTIMATE_MAX_CENTS are refused with a message a person can act on.
 */
export function parseAmount(text: string): AmountResult {
  const s = text.trim().replace(/^\$\s*/, '');
  if (!s) return { ok: false, error: 'Enter the amount, like 1,250.00.' };
  const match = AMOUNT.exec(s);
  if (!match || (match[1] === undefined && !match[2])) return { ok: false, error: 'Enter the amount in dollars and cents, like 1,250.50.' };
  const decimals = match[2] ?? '';
  if (decimals.length > 2) return { ok: false, error: 'Use at most two decimals (whole cents).' };
  const whole = (match[1] ?? '0').replace(/,/g, '').replace(/^0+(?=\d)/, '');
  // Ten or more digits are more than the maximum anyway (and stay far from unsafe integers).
  if (whole.length > 9) return { ok: false, error: 'The amount is too large.' };
  const cents = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  if (cents <= 0) return { ok: false, error: 'The amount must be more than zero.' };
  if (cents > ESTIMATE_MAX_CENTS) return { ok: false, error: 'The amount is too large.' };
  return { ok: true, cents };
}

/** 125050, "USD" → "$1,250.50" in the reader's language (or "USD 1250.50" for a code Intl does not know). */
export function formatMoney(cents: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(cents / 100);
  } catch {
    const sign = cents < 0 ? '-' : '';
    const abs = Math.abs(Math.trunc(cents));
    return `${currency} ${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  }
}
