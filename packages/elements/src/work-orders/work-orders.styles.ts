import { css } from 'lit';
import { factsStyles } from '../internal/facts-styles.js';
import { statusTagStyles } from '../internal/status-tag.js';
import { viewStyles } from '../internal/view-styles.js';
import { shared } from '../styles/shared.js';
import { tokens } from '../styles/tokens.js';

/**
 * Status colours: each status has its own token (--porchlight-work-order-<status>-color), used
 * for the badge's text, dot and tint (the shared status tag) and for the timeline's marker. The
 * defaults keep at least 4.5:1 contrast of the text on its tint.
 */
const statusColours = css`
  :host {
    --_wo-submitted: var(--porchlight-work-order-submitted-color, #44546a);
    --_wo-scheduled: var(--porchlight-work-order-scheduled-color, #1f4fbf);
    --_wo-dispatched: var(--porchlight-work-order-dispatched-color, #8a4300);
    --_wo-en-route: var(--porchlight-work-order-en-route-color, #8a4300);
    --_wo-arrived: var(--porchlight-work-order-arrived-color, #6232a8);
    --_wo-completed: var(--porchlight-work-order-completed-color, #137333);
    --_wo-cancelled: var(--porchlight-work-order-cancelled-color, #5a6472);
  }
  .status-submitted {
    --_status: var(--_wo-submitted);
  }
  .status-scheduled,
  .step-scheduled {
    --_status: var(--_wo-scheduled);
  }
  .status-dispatched,
  .step-dispatched {
    --_status: var(--_wo-dispatched);
  }
  .status-en-route,
  .step-en-route {
    --_status: var(--_wo-en-route);
  }
  .status-arrived,
  .step-arrived {
    --_status: var(--_wo-arrived);
  }
  .status-completed,
  .step-completed {
    --_status: var(--_wo-completed);
  }
  .status-cancelled,
  .step-cancelled {
    --_status: var(--_wo-cancelled);
  }
  .step-submitted {
    --_status: var(--_wo-submitted);
  }
  .status-cancelled .dot {
    background: transparent;
    border: 1.5px solid currentColor;
  }
`;

export const workOrderStatusStyles = [statusTagStyles, statusColours];

export const workOrdersStyles = [
  tokens,
  shared,
  viewStyles,
  factsStyles,
  workOrderStatusStyles,
  css`
    .permission-note {
      margin-bottom: 1rem;
    }
    .list-bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem 1rem;
      margin-bottom: 1rem;
    }
    .filters {
      display: flex;
      align-items: center;
      gap: 0.5rem;
    }
    .filters label {
      font-size: 0.9375rem;
      font-weight: 600;
    }
    .filters select {
      width: auto;
      min-width: 8rem;
    }
    .summary {
      margin: 0;
      color: var(--_muted);
      font-size: 0.875rem;
    }
    /* The work order's number opens it: kept on one line. */
    .link-button {
      font-weight: 650;
      white-space: nowrap;
    }
    /* Room for the columns while the list is a table (when narrow, its rows become cards). */
    @container (min-width: 48rem) {
      .work-orders .where {
        min-width: 10rem;
      }
      .work-orders .when {
        min-width: 8rem;
      }
      .work-orders .by {
        min-width: 7rem;
      }
    }

    /* ---- one work order ---- */
    .detail {
      display: grid;
      gap: 1.25rem;
      min-width: 0;
    }
    .detail-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.75rem;
    }
    .detail-title {
      font-size: 1.1875rem;
      font-weight: 650;
      line-height: 1.3;
      outline: none;
    }
    .detail-title:focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
    .section {
      display: grid;
      gap: 0.625rem;
      min-width: 0;
    }
    .section-title {
      font-size: 1rem;
      font-weight: 650;
    }
    .text,
    .note-body,
    .step-note {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }

    /* the progress */
    .timeline {
      display: grid;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .step {
      position: relative;
      display: grid;
      grid-template-columns: 1.25rem 1fr;
      gap: 0.75rem;
      padding-bottom: 1rem;
    }
    .step:last-child {
      padding-bottom: 0;
    }
    /* the line between the markers */
    .step:not(:last-child)::before {
      content: '';
      position: absolute;
      top: 1.25rem;
      bottom: 0;
      left: calc(0.625rem - 1px);
      width: 2px;
      background: var(--_border);
    }
    .marker {
      box-sizing: border-box;
      width: 1.25rem;
      height: 1.25rem;
      margin-top: 0.0625rem;
      border: 2px solid var(--_status, var(--_muted));
      border-radius: 50%;
      background: var(--_surface);
    }
    .step.done .marker {
      background: var(--_status, var(--_muted));
    }
    .step.current .marker {
      background: var(--_status, var(--_primary));
      box-shadow: 0 0 0 4px color-mix(in srgb, var(--_status, var(--_primary)) 22%, transparent);
    }
    .step.upcoming .marker {
      border-style: dashed;
      border-color: var(--_border);
    }
    .step-body {
      display: grid;
      gap: 0.125rem;
      min-width: 0;
    }
    .step-label {
      font-weight: 600;
    }
    .step.current .step-label {
      font-weight: 750;
      color: var(--_status, var(--_text));
    }
    .step.current .step-body {
      padding: 0.375rem 0.625rem;
      margin: -0.375rem 0 0 -0.625rem;
      border-radius: var(--_radius);
      background: color-mix(in srgb, var(--_status, var(--_primary)) 8%, var(--_surface));
    }
    .step.upcoming .step-label {
      color: var(--_muted);
      font-weight: 500;
    }
    .step-time {
      color: var(--_muted);
      font-size: 0.875rem;
    }
    .step.current .step-time {
      color: var(--_text);
    }
    .step-note {
      margin-top: 0.25rem;
      font-size: 0.9375rem;
    }

    .windows {
      margin: 0;
      padding-left: 1.25rem;
    }
    .files {
      display: grid;
      gap: 0.5rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .file {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.75rem;
    }
    .file-name {
      flex: 1 1 10rem;
      min-width: 0;
      font-weight: 600;
      overflow-wrap: anywhere;
    }

    /* notes of both sides */
    .notes {
      display: grid;
      gap: 0.625rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .note-item {
      display: grid;
      gap: 0.25rem;
      padding: 0.75rem 1rem;
      border: 1px solid var(--_border);
      border-inline-start-width: 4px;
      border-radius: var(--_radius);
    }
    .note-item.client {
      border-inline-start-color: var(--porchlight-work-orders-client-note-color, var(--_accent));
    }
    .note-item.dealer {
      border-inline-start-color: var(--porchlight-work-orders-dealer-note-color, var(--_primary));
      background: color-mix(in srgb, var(--_primary) 4%, var(--_surface));
    }
    .note-meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.75rem;
      font-size: 0.875rem;
    }
    .note-meta .author {
      font-weight: 650;
    }
    .note-form {
      display: grid;
      gap: 0.75rem;
      margin-top: 0.5rem;
    }
    .counter {
      justify-self: end;
      color: var(--_muted);
      font-size: 0.8125rem;
    }
  `,
];
