/**
 * Work orders: the words and rules the browser needs too (statuses and their labels, request
 * types, day parts, the status transitions, the preferred-window check). Plain TypeScript, no
 * schema library: the elements' bundles import it, and the server runs the same functions, so a
 * client sees in the form the message the server would answer with.
 */
import { isRealDate } from './ticket-fields.js';

/**
 * Where a work order is, oldest first. A client's order starts `submitted`; the dealer's systems
 * move it forward (statuses may be skipped) until `completed`, or `cancel` it while it is open.
 */
export const WORK_ORDER_STATUSES = ['submitted', 'scheduled', 'dispatched', 'en-route', 'arrived', 'completed', 'cancelled'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

export const WORK_ORDER_STATUS_LABELS: Record<WorkOrderStatus, string> = {
  submitted: 'Submitted',
  scheduled: 'Scheduled',
  dispatched: 'Dispatched',
  'en-route': 'En route',
  arrived: 'Arrived',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** Nothing follows these. */
export const CLOSED_WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = ['completed', 'cancelled'];

export function isOpenWorkOrderStatus(status: WorkOrderStatus): boolean {
  return !CLOSED_WORK_ORDER_STATUSES.includes(status);
}

/** What the client asks for. */
export const WORK_ORDER_REQUEST_TYPES = ['repair', 'inspection', 'install', 'false-alarm', 'authorization', 'other'] as const;
export type WorkOrderRequestType = (typeof WORK_ORDER_REQUEST_TYPES)[number];

export const WORK_ORDER_REQUEST_TYPE_LABELS: Record<WorkOrderRequestType, string> = {
  repair: 'Repair / service call',
  inspection: 'Inspection or test',
  install: 'New installation or add-on',
  'false-alarm': 'False alarm follow-up',
  authorization: 'Authorization request',
  other: 'Something else',
};

/**
 * `site`: service on one alarm system of one of the account's sites. `general`: a service or
 * authorization request with no site or system, sent to the dealer's technicians.
 */
export const WORK_ORDER_KINDS = ['site', 'general'] as const;
export type WorkOrderKind = (typeof WORK_ORDER_KINDS)[number];

/** What kind of alarm system a site has (the dealer's sync says). */
export const SYSTEM_KINDS = ['intrusion', 'fire', 'cameras', 'access', 'other'] as const;
export type SystemKind = (typeof SYSTEM_KINDS)[number];

export const SYSTEM_KIND_LABELS: Record<SystemKind, string> = {
  intrusion: 'Intrusion (burglar alarm)',
  fire: 'Fire alarm',
  cameras: 'Cameras',
  access: 'Access control',
  other: 'Other',
};

/** The part of a day a client prefers the technician to come. */
export const DAY_PARTS = ['morning', 'afternoon', 'evening', 'any'] as const;
export type DayPart = (typeof DAY_PARTS)[number];

export const DAY_PART_LABELS: Record<DayPart, string> = {
  morning: 'Morning',
  afternoon: 'Afternoon',
  evening: 'Evening',
  any: 'Any time',
};

export const MAX_PREFERRED_WINDOWS = 3;
/** How far ahead a preferred day may be. */
export const PREFERRED_WINDOW_MAX_DAYS = 365;
export const MAX_WORK_ORDER_PHOTOS = 5;
export const WORK_ORDER_NOTE_MAX = 2000;
/** The most notes one work order's thread keeps. */
export const MAX_WORK_ORDER_NOTES = 200;
export const WORK_ORDER_PAGE_SIZE = 20;
/** The most sites the dealer's sync gives one account, and systems one site. */
export const MAX_SITES = 200;
export const MAX_SYSTEMS_PER_SITE = 30;
/** Site and system ids: the dealer's own ids, 1–64 of letters, digits, `_ . -`, starting with a letter or digit. */
export const EXTERNAL_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** A day a client would like the technician to come. */
export interface PreferredWindow {
  /** `YYYY-MM-DD`. */
  date: string;
  part: DayPart;
}

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The earliest date a preferred window may have at `now`: today where the day starts last
 * (UTC−12), so a client anywhere can still pick their own today.
 */
export function earliestWindowDate(now: number): string {
  return isoDay(now - 12 * 3_600_000);
}

/**
 * Checks preferred windows against the clock `now` (milliseconds): real dates, not in the past
 * (see `earliestWindowDate`), at most PREFERRED_WINDOW_MAX_DAYS ahead, known day parts, no
 * window twice, at most MAX_PREFERRED_WINDOWS. Answers field path (`preferredWindows.1.date`)
 * -> what to fix; empty when all is well.
 */
export function preferredWindowErrors(windows: readonly { date: string; part: string }[], now: number): Record<string, string> {
  const errors: Record<string, string> = {};
  if (windows.length > MAX_PREFERRED_WINDOWS) errors.preferredWindows = `Give at most ${MAX_PREFERRED_WINDOWS} preferred times.`;
  const earliest = earliestWindowDate(now);
  const latest = isoDay(now + PREFERRED_WINDOW_MAX_DAYS * DAY);
  const seen = new Set<string>();
  windows.forEach((w, i) => {
    const at = `preferredWindows.${i}`;
    if (!isRealDate(w.date)) errors[`${at}.date`] = 'Enter a date as YYYY-MM-DD.';
    else if (w.date < earliest) errors[`${at}.date`] = 'This day has passed. Choose today or a later day.';
    else if (w.date > latest) errors[`${at}.date`] = `Choose a day within the next ${PREFERRED_WINDOW_MAX_DAYS} days.`;
    if (!(DAY_PARTS as readonly string[]).includes(w.part)) errors[`${at}.part`] = `Choose one of: ${DAY_PARTS.join(', ')}.`;
    const key = `${w.date}/${w.part}`;
    if (seen.has(key) && !errors[`${at}.date`]) errors[`${at}.date`] = 'This time is already in the list.';
    seen.add(key);
  });
  return errors;
}

/**
 * Why a work order cannot go from `from` to `to`, or null when it can: forward only (statuses
 * may be skipped), `cancelled` from any open status, nothing after `completed` or `cancelled`,
 * never back to `submitted`. The same status again is not a transition (the caller decides).
 */
export function workOrderTransitionError(from: WorkOrderStatus, to: WorkOrderStatus): string | null {
  const label = (s: WorkOrderStatus) => WORK_ORDER_STATUS_LABELS[s].toLowerCase();
  if (!isOpenWorkOrderStatus(from)) return `The work order is ${label(from)}: its status can no longer change.`;
  if (to === 'submitted') return 'A work order cannot go back to submitted.';
  if (to === 'cancelled') return null;
  if (WORK_ORDER_STATUSES.indexOf(to) < WORK_ORDER_STATUSES.indexOf(from)) return `The work order is already ${label(from)}: it cannot go back to ${label(to)}.`;
  return null;
}
