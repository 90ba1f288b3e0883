import { css } from 'lit';
import { adminStyles, headWithButton, loginDialogStyles } from './internal/admin-styles.js';
import { dialogStyles } from '../internal/dialog-styles.js';

export const dealerStaffStyles = [
  ...adminStyles,
  css`
    ${headWithButton}
    .region > .alert-box {
      margin-bottom: 1rem;
    }
    .failure .alert-box {
      align-items: flex-start;
    }
    .failure .button {
      margin-top: 0.5rem;
    }
    .sub {
      display: block;
      color: var(--_muted);
      font-size: 0.875rem;
      font-weight: 400;
      overflow-wrap: break-word;
    }
    .name {
      font-weight: 600;
    }
    .table tr.disabled td {
      color: var(--_muted);
    }
    /* Break long emails only when they must: words keep the column's minimum width. */
    .table.staff td {
      overflow-wrap: break-word;
    }
    .table.staff .nowrap {
      white-space: nowrap;
    }
    .row-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.375rem;
      min-width: 16rem;
    }
    .row-actions .button {
      white-space: nowrap;
    }
    .you {
      font-weight: 600;
    }
    .you-cell {
      display: block;
      min-width: 10rem;
    }
    /* Six columns need room: stack earlier than the shared 34rem. */
    @container (max-width: 50rem) {
      .table.staff thead {
        display: block;
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
      }
      .table.staff,
      .table.staff tbody,
      .table.staff tr,
      .table.staff td {
        display: block;
        width: 100%;
      }
      .table.staff tr {
        padding: 0.75rem 0;
        border-bottom: 1px solid color-mix(in srgb, var(--_border) 70%, transparent);
      }
      .table.staff tbody tr:last-child {
        border-bottom: 0;
      }
      .table.staff td {
        display: flex;
        align-items: baseline;
        gap: 0.5rem;
        padding: 0.125rem 0;
        border: 0;
      }
      .table.staff .cell-label {
        display: block;
        flex: 0 0 6.5rem;
        color: var(--_muted);
        font-size: 0.875rem;
      }
      .table.staff td > :not(.cell-label) {
        min-width: 0;
      }
      .table.staff .actions-cell {
        display: block;
        padding-top: 0.5rem;
      }
      .table.staff .you-cell,
      .table.staff .row-actions {
        min-width: 0;
      }
      .table.staff .badge {
        white-space: normal;
      }
    }
    @container (max-width: 24rem) {
      .table.staff td {
        display: block;
      }
      .table.staff .cell-label {
        margin-bottom: 0.0625rem;
        font-size: 0.8125rem;
        font-weight: 600;
      }
    }

    /* ---- dialogs (the shared ones, then what differs here) ---- */
    ${dialogStyles}
    .dialog-title {
      overflow-wrap: anywhere;
    }
    ${loginDialogStyles}
    .dialog p {
      margin: 0;
    }
    .dialog-actions {
      margin-top: 0.25rem;
    }
    .button.danger {
      background: var(--porchlight-button-danger-background, var(--_danger));
      color: var(--porchlight-button-danger-text, #ffffff);
    }
    .button.danger:hover:not(:disabled) {
      background: color-mix(in srgb, var(--porchlight-button-danger-background, var(--_danger)) 85%, #000);
    }
    .roles {
      display: grid;
      gap: 0.625rem;
    }
    .role-choice .hint {
      display: block;
      color: var(--_muted);
      font-size: 0.875rem;
    }
    .role-choice input:focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
    .button[aria-disabled='true'] {
      cursor: progress;
      opacity: 0.8;
    }
  `,
];
