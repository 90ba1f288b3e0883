/**
 * What the work-order elements show the same way: the status badge (text and colour), where a
 * work order is for, days of preferred windows, and who may send work orders.
 */
import type { TemplateResult } from 'lit';
import { DAY_PART_LABELS, PERMISSION_LABELS, SYSTEM_KIND_LABELS, WORK_ORDER_REQUEST_TYPE_LABELS, WORK_ORDER_STATUS_LABELS } from '@porchlight/client';
import type { DayPart, SessionResponse, SystemKind, WorkOrderRequestType, WorkOrderStatus, WorkOrderSummary } from '@porchlight/client';
import { statusTag } from '../internal/status-tag.js';

/** The permission that sends work orders and adds notes. */
export const SUBMIT_PERMISSION = 'work-orders.submit' as const;

export function canSubmit(s: SessionResponse): boolean {
  return s.user.permissions.includes(SUBMIT_PERMISSION);
}

/** What a login without the permission is told. */
export function readOnlyText(): string {
  return `To send work orders or add notes, ask your account manager for the "${PERMISSION_LABELS[SUBMIT_PERMISSION]}" permission.`;
}

export function statusLabel(status: WorkOrderStatus): string {
  return WORK_ORDER_STATUS_LABELS[status] ?? status;
}

export function requestTypeLabel(type: WorkOrderRequestType): string {
  return WORK_ORDER_REQUEST_TYPE_LABELS[type] ?? type;
}

export function systemKindLabel(kind: SystemKind): string {
  return SYSTEM_KIND_LABELS[kind] ?? kind;
}

export function dayPartLabel(part: DayPart): string {
  return DAY_PART_LABELS[part] ?? part;
}

/** A status as a badge: a coloured dot and tint, and always the word. */
export function statusBadge(status: WorkOrderStatus): TemplateResult {
  return statusTag(status, statusLabel(status), 'badge status');
}

/** "Main building — Intrusion panel", or "General request". */
export function whereText(wo: Pick<WorkOrderSummary, 'site' | 'system'>): string {
  if (!wo.site) return 'General request';
  return wo.system ? `${wo.site.name} — ${wo.system.name}` : wo.site.name;
}

// A preferred day is a calendar date (YYYY-MM-DD), not a moment: format it in UTC so no time
// zone moves it to the day before.
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "Tue, Nov 24, 2026" for "2026-11-24". */
export function formatDay(date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) ? date : dayFormat.format(ms);
}

/** `YYYY-MM-DD` `days` after the day of `now` (UTC). */
export function isoDayAfter(now: number, days: number): string {
  return new Date(now + days * 86_400_000).toISOString().slice(0, 10);
}
