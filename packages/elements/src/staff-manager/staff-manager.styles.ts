import { css } from 'lit';
import { viewStyles } from '../internal/view-styles.js';
import { shared } from '../styles/shared.js';
import { tokens } from '../styles/tokens.js';

export const staffManagerStyles = [
  tokens,
  shared,
  viewStyles,
  css`
    tr.disabled > * {
      color: var(--_muted);
    }
    .data .actions-cell {
      width: 1%;
      white-space: nowrap;
    }
    .matrix-table .row-head {
      min-width: 9rem;
    }
    .chevron {
      margin-left: 0.375rem;
      font-size: 0.75rem;
    }
    .matrix .note {
      margin: 0 0 0.75rem;
    }
    .matrix .note:last-child {
      margin: 0.75rem 0 0;
    }
    .matrix-table .perm {
      min-width: 5.5rem;
      text-align: center;
    }
    .matrix-table thead .perm {
      font-size: 0.75rem;
      line-height: 1.3;
      vertical-align: bottom;
    }
    .matrix-table .unavailable {
      color: var(--_muted);
      font-style: italic;
    }
    .mark {
      display: inline-block;
      min-width: 1.5rem;
      font-size: 1.0625rem;
      font-weight: 700;
      line-height: 1.2;
    }
    .mark.yes {
      color: var(--_success);
    }
    .mark.no,
    .mark.na {
      color: var(--_muted);
    }
    @container (max-width: 48rem) {
      .data .actions-cell {
        width: auto;
      }
      .matrix-table tbody tr {
        grid-template-columns: 1fr;
      }
      .matrix-table .perm {
        display: flex;
        align-items: baseline;
        justify-content: space-between;
        gap: 1rem;
        text-align: left;
        border-top: 1px solid color-mix(in srgb, var(--_border) 50%, transparent);
        padding-top: 0.25rem;
      }
      .matrix-table .perm .cell-label {
        font-size: 0.875rem;
        font-weight: 400;
        color: var(--_text);
      }
      .matrix-table tbody .unavailable .cell-label {
        color: var(--_muted);
      }
    }
  `,
];
