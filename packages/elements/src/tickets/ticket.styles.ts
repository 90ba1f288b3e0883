import { css } from 'lit';
import { fileUploadStyles } from '../internal/file-uploads.js';
import { recordViewStyles } from '../internal/record-view.js';
import { viewStyles } from '../internal/view-styles.js';
import { shared } from '../styles/shared.js';
import { tokens } from '../styles/tokens.js';
import { ticketSharedStyles } from './ticket-shared.styles.js';

export const ticketStyles = [
  tokens,
  shared,
  viewStyles,
  ticketSharedStyles,
  fileUploadStyles,
  recordViewStyles,
  css`
    .number {
      font-variant-numeric: tabular-nums;
    }
    .details {
      margin-top: 0;
    }
    .details dd .status-tag {
      vertical-align: middle;
    }
    .permission-note {
      margin-bottom: 1rem;
    }
    .section-head {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      justify-content: space-between;
      gap: 0.5rem 1rem;
      margin: 2rem 0 0.75rem;
    }
    .section-head .subheading {
      margin: 0;
    }
    .subscriber-list {
      margin: 0;
    }
    .subscriber-list .muted {
      display: block;
      font-size: 0.875rem;
    }

    /* ---- the form's answers ---- */
    .answers {
      display: grid;
      gap: 0.875rem;
      margin: 0;
    }
    .answers dt {
      color: var(--_muted);
      font-size: 0.875rem;
      font-weight: 600;
    }
    .answers dd {
      margin: 0.125rem 0 0;
    }
    .text {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }

    /* ---- the conversation ---- */
    .thread {
      display: grid;
      gap: 0.75rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .entry {
      max-width: 46rem;
      padding: 0.75rem 1rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    .entry-client {
      justify-self: end;
      width: min(100%, 40rem);
      border-color: color-mix(in srgb, var(--_primary) 30%, var(--_border));
      background: color-mix(in srgb, var(--_primary) 5%, var(--_surface));
    }
    .entry-dealer {
      justify-self: start;
      width: min(100%, 40rem);
      border-inline-start: 4px solid var(--porchlight-ticket-dealer-color, var(--_accent));
    }
    .entry-estimate {
      padding: 0;
      border: 0;
      background: none;
    }
    .entry-status {
      justify-self: center;
      padding: 0.25rem 0.75rem;
      border: 0;
      border-radius: 999px;
      background: var(--_bg);
      color: var(--_muted);
      font-size: 0.875rem;
      text-align: center;
    }
    .entry-status p {
      margin: 0;
    }
    .entry-head {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0 0.5rem;
      margin-bottom: 0.25rem;
    }
    .who {
      font-weight: 650;
    }
    .who-sub,
    .entry-time {
      color: var(--_muted);
      font-size: 0.875rem;
    }
    .entry-time {
      margin-inline-start: auto;
    }
    .entry-body {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .attachments {
      display: flex;
      flex-wrap: wrap;
      gap: 0.375rem;
      margin: 0.5rem 0 0;
      padding: 0;
      list-style: none;
    }
    .attachment {
      max-width: 100%;
      text-align: start;
      overflow-wrap: anywhere;
    }
    .attachment .file-size {
      color: var(--_muted);
      font-size: 0.875rem;
      font-weight: 400;
    }

    /* ---- estimates ---- */
    .estimate {
      display: grid;
      gap: 0.5rem;
      padding: 1rem 1.125rem;
      border: 1px solid color-mix(in srgb, var(--_estimate) 40%, var(--_border));
      border-inline-start: 4px solid var(--_estimate);
      border-radius: var(--_radius);
      background: color-mix(in srgb, var(--_estimate) 4%, var(--_surface));
    }
    .estimate > p {
      margin: 0;
    }
    .estimate-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
    }
    .estimate-title {
      font-weight: 650;
    }
    .amount {
      font-size: 1.5rem;
      font-weight: 700;
      font-variant-numeric: tabular-nums;
      line-height: 1.2;
    }
    .estimate-status.approved {
      border-color: var(--_success);
      color: var(--_success);
    }
    .estimate-status.declined,
    .estimate-status.withdrawn {
      color: var(--_muted);
    }
    .estimate-status.proposed {
      border-color: var(--_estimate);
      color: color-mix(in srgb, var(--_estimate) 80%, var(--_text));
    }
    .entry-meta,
    .decided {
      font-size: 0.875rem;
    }
    .decided {
      font-weight: 600;
    }
    .estimate-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-top: 0.25rem;
    }

    /* ---- the reply ---- */
    .reply {
      max-width: 46rem;
      margin-top: 0.5rem;
    }
    .reply .subheading {
      margin-bottom: 0;
    }
    .dialog .text {
      color: var(--_muted);
    }
    @container (max-width: 30rem) {
      .estimate-actions .button {
        flex: 1 1 auto;
      }
    }
  `,
];
