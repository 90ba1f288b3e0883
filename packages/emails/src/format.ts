// How dates and durations read in emails (English, UTC).

const UTC = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  weekday: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

/** "Monday, November 23, 2026 at 12:05 PM UTC"; a value that is not a date is shown as given. */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${UTC.format(date)} UTC`;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** 45 -> "45 minutes", 60 -> "1 hour", 90 -> "1 hour and 30 minutes", 2880 -> "2 days". */
export function formatDuration(minutes: number): string {
  const m = Math.max(1, Math.round(minutes));
  if (m % 1440 === 0) return plural(m / 1440, 'day');
  if (m < 60) return plural(m, 'minute');
  const hours = plural(Math.floor(m / 60), 'hour');
  return m % 60 ? `${hours} and ${plural(m % 60, 'minute')}` : hours;
}

const DAY = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });

/** A calendar day "2026-11-24" -> "Tuesday, November 24, 2026"; anything else is shown as given. */
export function formatDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  return date && !Number.isNaN(date.getTime()) ? DAY.format(date) : day;
}
