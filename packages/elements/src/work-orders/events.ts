/**
 * The events of <porchlight-work-order-form> and <porchlight-work-orders>. Like every Porchlight
 * event they bubble and are composed, so a dealer's page can listen on the element, on
 * <porchlight-portal> or on document.
 */
import type { WorkOrder, WorkOrderNote } from '@porchlight/client';
import { dispatch } from '../events.js';

export interface WorkOrderCreatedDetail {
  /** The new work order, as the server answered (its `number`, e.g. "WO-1001"). */
  workOrder: WorkOrder;
}

export interface WorkOrderNoteAddedDetail {
  /** The work order as it is now. */
  workOrder: WorkOrder;
  /** The note the signed-in user added. */
  note: WorkOrderNote;
}

export interface WorkOrderOpenDetail {
  workOrderId: string;
}

export interface WorkOrderEventMap {
  /** A work order was sent. */
  'porchlight-work-order-created': CustomEvent<WorkOrderCreatedDetail>;
  /** The signed-in user added a note to a work order. */
  'porchlight-work-order-note-added': CustomEvent<WorkOrderNoteAddedDetail>;
  /** <porchlight-work-orders> opened one work order. */
  'porchlight-work-order-open': CustomEvent<WorkOrderOpenDetail>;
}

type Detail<K extends keyof WorkOrderEventMap> = WorkOrderEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Dispatches a work-order event (bubbles, composed). */
export function emitWorkOrder<K extends keyof WorkOrderEventMap>(target: EventTarget, name: K, detail: Detail<K>): WorkOrderEventMap[K] {
  return dispatch(target, name, detail) as WorkOrderEventMap[K];
}
