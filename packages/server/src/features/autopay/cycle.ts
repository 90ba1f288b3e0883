/**
 * Autopay's calendar, in UTC calendar days (YYYY-MM-DD): a cycle is a month (YYYY-MM) and its
 * charge day is the account's day of the month (1–28, so every month has it).
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** The UTC calendar day of a time. */
export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The cycle (YYYY-MM) a day belongs to. */
export const cycleOf = (day: string) => day.slice(0, 7);

/** The cycle's charge day for a day of the month. */
export const chargeDateOf = (cycle: string, dayOfMonth: number) => `${cycle}-${pad(dayOfMonth)}`;

/** The month before (`2026-01` → `2025-12`). */
export function previousCycle(cycle: string): string {
  const [y, m] = cycle.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

export function nextCycle(cycle: string): string {
  const [y, m] = cycle.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
}

/** The first charge day strictly after `today`: autopay turned on today charges from the next charge day on. */
export function nextChargeAfter(today: string, dayOfMonth: number): string {
  const cycle = cycleOf(today);
  const thisMonth = chargeDateOf(cycle, dayOfMonth);
  return thisMonth > today ? thisMonth : chargeDateOf(nextCycle(cycle), dayOfMonth);
}

/** `day` plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  return dayOf(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000);
}
