import * as v from 'valibot';
import { LINE_DESCRIPTION_MAX, MONEY_MAX_CENTS, sumCents } from '../money.js';

/**
 * The schema pieces every money document shares (proposals, invoices, payments): amounts in
 * whole cents, the currency, a line of a document and the rule that its totals add up.
 */

/** ISO 4217, upper case. */
export const CurrencyCode = v.pipe(
  v.string('Give the currency as a three-letter ISO 4217 code such as USD.'),
  v.regex(/^[A-Z]{3}$/, 'Give the currency as a three-letter ISO 4217 code such as USD.'),
  v.check((code) => {
    const known = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('currency');
    return !known || known.includes(code);
  }, 'This is not an ISO 4217 currency code.'),
);

/** An amount in whole cents, at most MONEY_MAX_CENTS either way; `what` names it in messages ("the subtotal"). */
export const Cents = (what: string) =>
  v.pipe(
    v.number(`Give ${what} in cents (a whole number).`),
    v.integer(`Give ${what} in whole cents.`),
    v.minValue(-MONEY_MAX_CENTS, `${what} is too large.`),
    v.maxValue(MONEY_MAX_CENTS, `${what} is too large.`),
  );
export const NonNegativeCents = (what: string) => v.pipe(Cents(what), v.minValue(0, `${what} cannot be negative.`));

/** A line as the dealer sends it. `totalCents` must be quantity × unit price, to the cent. */
export const LineItemInput = v.pipe(
  v.strictObject({
    description: v.pipe(v.string('Describe the line.'), v.trim(), v.minLength(1, 'Describe the line.'), v.maxLength(LINE_DESCRIPTION_MAX, `Use at most ${LINE_DESCRIPTION_MAX} characters.`)),
    quantity: v.pipe(
      v.number('Give the quantity as a number.'),
      v.finite('Give the quantity as a number.'),
      v.gtValue(0, 'The quantity must be more than zero.'),
      v.maxValue(1_000_000, 'The quantity is too large.'),
      v.check((q) => Math.abs(q * 10_000 - Math.round(q * 10_000)) < 1e-6, 'Use at most four decimals.'),
    ),
    /** Negative for a discount or credit line. */
    unitCents: Cents('the unit price'),
    totalCents: Cents('the line total'),
  }),
  v.forward(
    v.partialCheck(
      [['quantity'], ['unitCents'], ['totalCents']],
      (l) => Math.abs(l.totalCents - l.quantity * l.unitCents) <= 0.5 + 1e-9,
      (issue) => {
        const l = issue.input as { quantity: number; unitCents: number };
        return `The line total must be the quantity times the unit price: ${Math.round(l.quantity * l.unitCents)} cents.`;
      },
    ),
    ['totalCents'],
  ),
);

/** A line of a proposal or an invoice, as stored and shown. */
export const LineItem = v.object({ description: v.string(), quantity: v.number(), unitCents: v.number(), totalCents: v.number() });
export type LineItem = v.InferOutput<typeof LineItem>;

interface Totals {
  lines: readonly { totalCents: number }[];
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
}

const isCents = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n);

/** The path of an issue a cross-field check puts on `key` of the object it checks. */
export function issueAt(input: unknown, key: string): [v.ObjectPathItem] {
  return [{ type: 'object', origin: 'value', input: input as Record<string, unknown>, key, value: (input as Record<string, unknown>)[key] }];
}

/** Whether an earlier issue is on one of these top-level keys (then a check that reads them stays quiet, as partialCheck does). */
export function hasIssueAt(issues: readonly v.BaseIssue<unknown>[] | undefined, ...keys: string[]): boolean {
  return Boolean(issues?.some((i) => keys.includes(String(i.path?.[0]?.key))));
}

/**
 * The totals of a document add up: the subtotal is the sum of the line totals, the total is the
 * subtotal plus the tax. Each rule is checked only when the amounts it reads are valid, and its
 * message (on `subtotalCents` or `totalCents`) says the amount expected.
 */
export function totalsAddUp<T extends Totals>() {
  return v.rawCheck<T>(({ dataset, addIssue }) => {
    const p = dataset.value as Partial<Totals> | null;
    if (!p || typeof p !== 'object') return;
    const clean = (...keys: string[]) => !hasIssueAt(dataset.issues, ...keys);
    const at = (key: 'subtotalCents' | 'totalCents') => issueAt(p, key);
    const lines = Array.isArray(p.lines) ? p.lines : null;
    if (lines && lines.length && lines.every((l) => isCents(l?.totalCents)) && isCents(p.subtotalCents) && clean('lines', 'subtotalCents')) {
      const sum = sumCents(lines.map((l) => l.totalCents));
      if (sum !== p.subtotalCents) addIssue({ message: `The subtotal must be the sum of the line totals: ${sum} cents.`, path: at('subtotalCents') });
    }
    if (isCents(p.subtotalCents) && isCents(p.taxCents) && isCents(p.totalCents) && clean('subtotalCents', 'taxCents', 'totalCents') && p.totalCents !== p.subtotalCents + p.taxCents) {
      addIssue({ message: `The total must be the subtotal plus the tax: ${p.subtotalCents + p.taxCents} cents.`, path: at('totalCents') });
    }
  });
}
