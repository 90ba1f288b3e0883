import { css } from 'lit';
import { fileUploadStyles } from '../internal/file-uploads.js';
import { viewStyles } from '../internal/view-styles.js';
import { shared } from '../styles/shared.js';
import { tokens } from '../styles/tokens.js';
import { ticketSharedStyles } from './ticket-shared.styles.js';

export const ticketsStyles = [
  tokens,
  shared,
  viewStyles,
  ticketSharedStyles,
  fileUploadStyles,
  css`
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 0.75rem 1.5rem;
      margin-bottom: 1rem;
    }
    .permission-note {
      margin-bottom: 1rem;
    }

    /* ---- the status filter: radios that look like a segmented control ---- */
    .segmented legend {
      margin-bottom: 0.375rem;
    }
    .segments {
      display: inline-flex;
      border: 1px solid color-mix(in srgb, var(--_border) 80%, var(--_text));
      border-radius: var(--_radius);
      overflow: hidden;
    }
    .segments input {
      position: absolute;
      width: 1px;
      height: 1px;
      margin: 0;
      opacity: 0;
    }
    .segments label {
      display: inline-flex;
      align-items: center;
      min-height: 2.75rem;
      padding: 0.375rem 1rem;
      background: var(--_surface);
      color: var(--_text);
      font-size: 0.9375rem;
      font-weight: 600;
      cursor: pointer;
      user-select: none;
    }
    .segments label + input + label {
      border-inline-start: 1px solid color-mix(in srgb, var(--_border) 80%, var(--_text));
    }
    .segments input:checked + label {
      background: var(--_primary);
      color: var(--_on-primary);
    }
    .segments input:focus-visible + label {
      outline: 2px solid var(--_focus);
      outline-offset: -4px;
      box-shadow: inset 0 0 0 4px var(--_surface);
    }
    .segments input:not(:checked) + label:hover {
      background: var(--_bg);
    }

    /* ---- search ---- */
    .search {
      display: grid;
      flex: 1 1 16rem;
      gap: 0.375rem;
      max-width: 28rem;
    }
    .search label {
      font-size: 0.9375rem;
      font-weight: 600;
    }
    .search-row {
      display: flex;
      gap: 0.5rem;
    }
    .search-row input {
      flex: 1 1 auto;
      min-width: 0;
    }

    .summary {
      margin: 0 0 0.5rem;
      color: var(--_muted);
      font-size: 0.875rem;
      outline: none;
    }
    .summary:empty {
      display: none;
    }
    .tickets .number {
      width: 6.5rem;
      white-space: nowrap;
      color: var(--_muted);
      font-variant-numeric: tabular-nums;
    }
    .tickets .subject {
      min-width: 12rem;
    }
    .tickets tr.unread .open-ticket {
      font-weight: 750;
    }
    .markers {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      margin-top: 0.25rem;
    }
    .tickets .updated {
      white-space: nowrap;
    }
    .more .button[aria-disabled='true'] {
      cursor: progress;
      opacity: 0.8;
    }

    /* ---- the new-request form ---- */
    .new-request {
      display: grid;
      gap: 0.75rem;
    }
    .form-title {
      margin: 0;
      outline: none;
    }
    .new-request > .note {
      margin: 0;
    }
    .new-request form {
      max-width: 40rem;
    }
    .notify .hint {
      margin: 0 0 0.625rem;
    }
    .new-request > .note .required {
      margin: 0 0.125rem;
    }
    @container (max-width: 48rem) {
      .tickets .number,
      .tickets .updated {
        width: auto;
      }
      .search {
        max-width: none;
      }
    }
  `,
];
