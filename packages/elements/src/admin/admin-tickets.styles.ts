import { css } from 'lit';
import { adminStyles } from './internal/admin-styles.js';
import { controlStyles } from './internal/control-styles.js';
import { fileUploadStyles } from '../internal/file-uploads.js';
import { dialogStyles } from '../internal/dialog-styles.js';

export const adminTicketsStyles = [
  ...adminStyles,
  dialogStyles,
  controlStyles,
  fileUploadStyles,
  css`
    .head {
      margin-bottom: 1.25rem;
    }
    .head .lead {
      margin: 0.25rem 0 0;
    }
    form.filters {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 0.75rem;
      margin-bottom: 1rem;
    }
    form.filters .select-field {
      flex: 0 1 10rem;
    }
    form.filters porchlight-text-field {
      flex: 1 1 14rem;
    }
    form.filters .button {
      flex: 0 0 auto;
      min-width: 7rem;
    }
    .summary {
      margin: 0 0 0.5rem;
      color: var(--_muted);
      font-size: 0.9375rem;
    }
    .summary:empty {
      display: none;
    }
    .table.tickets .mono {
      white-space: nowrap;
    }
    .small {
      font-size: 0.875rem;
    }
    .ticket {
      display: grid;
      gap: 1.25rem;
      min-width: 0;
    }
    .ticket > * {
      margin-top: 0;
      margin-bottom: 0;
    }
    .ticket .title {
      overflow-wrap: anywhere;
    }
    .ticket-meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.375rem 0.5rem;
      margin: -0.75rem 0 0;
      font-size: 0.9375rem;
    }
    .ticket .region:empty {
      display: none;
    }
    .ticket .region > .alert-box {
      margin: 0;
    }
    .ticket .note {
      margin: 0;
    }
    .ticket-actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.75rem;
    }
    section {
      display: grid;
      gap: 0.5rem;
      min-width: 0;
    }
    .answers {
      margin: 0;
    }
    .answer,
    .body,
    .note-text {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .answers dd .files {
      font-weight: 400;
    }
    .people {
      margin: 0;
    }
    .files {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.25rem;
    }
    .file {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0 0.5rem;
    }
    .file .spinner {
      display: inline-block;
      width: 0.875rem;
      height: 0.875rem;
      margin-right: 0.25rem;
      vertical-align: -0.125rem;
    }
    .thread {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.75rem;
    }
    .entry {
      display: grid;
      gap: 0.375rem;
      padding: 0.75rem 1rem;
      border: 1px solid var(--_border);
      border-left-width: 4px;
      border-radius: var(--_radius);
      outline: none;
    }
    .entry:focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
    .entry.client {
      border-left-color: var(--_accent);
    }
    .entry.dealer {
      border-left-color: var(--_primary);
      background: color-mix(in srgb, var(--_primary) 3%, var(--_surface));
    }
    .entry.status-entry {
      padding: 0.25rem 1rem;
      border-style: dashed;
      border-left-width: 1px;
    }
    .entry p {
      margin: 0;
    }
    .entry-head {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.25rem 0.5rem;
      font-size: 0.9375rem;
    }
    .entry-head .who {
      font-weight: 600;
    }
    .side {
      font-size: 0.8125rem;
      font-weight: 600;
      color: var(--_muted);
      text-transform: uppercase;
      letter-spacing: 0.04em;
    }
    .meta {
      font-size: 0.875rem;
    }
    .estimate {
      display: grid;
      gap: 0.375rem;
      padding: 0.75rem;
      border-radius: var(--_radius);
      background: var(--_bg);
    }
    .estimate-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.5rem;
    }
    .estimate-amount {
      font-weight: 650;
      font-variant-numeric: tabular-nums;
    }
    .reply-section {
      padding-top: 1rem;
      border-top: 1px solid color-mix(in srgb, var(--_border) 70%, transparent);
    }
    .amount-row {
      display: grid;
      grid-template-columns: minmax(0, 1fr) 7rem;
      gap: 0.75rem;
      align-items: start;
    }
    @media (max-width: 24rem) {
      .amount-row {
        grid-template-columns: minmax(0, 1fr);
      }
    }
  `,
];
