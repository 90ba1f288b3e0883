import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from 'valibot';
import { SyncEvent } from './schemas/profile.js';
import { CreateWorkOrderRequest, WorkOrderStatusUpdate } from './schemas/work-orders.js';
import { earliestWindowDate, preferredWindowErrors, WORK_ORDER_STATUSES, workOrderTransitionError } from './work-order-labels.js';

const noon = Date.parse('2026-11-23T12:00:00Z');

test('transitions: forward with skips, cancel while open, never back, nothing after completed or cancelled', () => {
  assert.equal(workOrderTransitionError('submitted', 'completed'), null);
  assert.equal(workOrderTransitionError('scheduled', 'arrived'), null);
  assert.equal(workOrderTransitionError('arrived', 'cancelled'), null);
  assert.match(workOrderTransitionError('arrived', 'dispatched')!, /already arrived: it cannot go back to dispatched/);
  assert.match(workOrderTransitionError('dispatched', 'submitted')!, /cannot go back to submitted/);
  for (const to of WORK_ORDER_STATUSES) {
    assert.match(workOrderTransitionError('completed', to)!, /is completed: its status can no longer change/);
    assert.match(workOrderTransitionError('cancelled', to)!, /is cancelled/);
  }
});

test('preferred windows: real days from today where it is earliest, up to a year ahead, each once, at most three', () => {
  assert.equal(earliestWindowDate(noon), '2026-11-23');
  assert.equal(earliestWindowDate(Date.parse('2026-11-24T11:59:59Z')), '2026-11-23', 'still the 23rd in UTC-12');
  assert.deepEqual(preferredWindowErrors([{ date: '2026-11-23', part: 'any' }, { date: '2027-11-23', part: 'evening' }], noon), {});
  assert.deepEqual(Object.keys(preferredWindowErrors([{ date: '2026-11-22', part: 'any' }], noon)), ['preferredWindows.0.date']);
  assert.match(preferredWindowErrors([{ date: '2026-02-29', part: 'any' }], noon)['preferredWindows.0.date']!, /YYYY-MM-DD/);
  assert.match(preferredWindowErrors([{ date: '2027-11-25', part: 'any' }], noon)['preferredWindows.0.date']!, /365 days/);
  assert.match(preferredWindowErrors([{ date: '2026-11-24', part: 'noon' }], noon)['preferredWindows.0.part']!, /morning/);
  assert.match(preferredWindowErrors([{ date: '2026-11-24', part: 'any' }, { date: '2026-11-24', part: 'any' }], noon)['preferredWindows.1.date']!, /already in the list/);
  assert.match(preferredWindowErrors(Array.from({ length: 4 }, (_, i) => ({ date: `2026-11-2${4 + i}`, part: 'any' })), noon).preferredWindows!, /at most 3/);
});

test('request schemas: defaults, normalised moments; contact events still parse next to work-order events', () => {
  const parsed = v.parse(CreateWorkOrderRequest, { requestType: 'repair', note: ' x ' });
  assert.deepEqual(parsed, { kind: 'site', requestType: 'repair', note: 'x', photos: [], preferredWindows: [] });
  assert.equal(v.parse(WorkOrderStatusUpdate, { status: 'arrived', at: '2026-11-23T14:05:00+02:00' }).at, '2026-11-23T12:05:00.000Z');
  assert.equal(v.safeParse(WorkOrderStatusUpdate, { status: 'submitted', at: '2026-11-23T14:05:00Z' }).success, false);
  const contact = { id: '01jd8k3m4n5p6q7r8s9t0v1w2x', at: '2026-11-23T12:00:00.000Z', type: 'contact.changed', accountId: '01jd8k3m4n5p6q7r8s9t0v1w2y', userId: '01jd8k3m4n5p6q7r8s9t0v1w2z', changes: [] };
  assert.deepEqual(v.parse(SyncEvent, contact), contact);
  assert.equal(v.safeParse(SyncEvent, { ...contact, type: 'work-order.created' }).success, false);
});
