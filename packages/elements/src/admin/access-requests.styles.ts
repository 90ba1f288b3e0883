import { css } from 'lit';
import { dialogStyles } from '../internal/dialog-styles.js';
import { accessStyles } from './internal/access.js';
import { adminStyles } from './internal/admin-styles.js';
import { controlStyles } from './internal/control-styles.js';

export const accessRequestsStyles = [
  ...adminStyles,
  dialogStyles,
  controlStyles,
  ...accessStyles,
  css`
    .head {
      margin-bottom: 1rem;
    }
    .head .lead {
      margin: 0.25rem 0 0;
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 0.75rem;
      margin-bottom: 1rem;
    }
    .filters .select-field {
      min-width: 12rem;
    }
    .request {
      gap: 0.5rem;
      outline: none;
    }
    .request:focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
    .message {
      white-space: pre-line;
    }
    .decision {
      margin: 0;
      font-size: 0.9375rem;
    }
    .note-text {
      color: var(--_muted);
    }
    .facts.summary {
      padding: 0.75rem;
      border-radius: var(--_radius);
      background: var(--_bg);
    }
    form.find {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 0.5rem 0.75rem;
    }
    form.find porchlight-text-field {
      flex: 1 1 14rem;
    }
    .accounts .account .name {
      font-weight: 600;
    }
    .dialog .stack {
      gap: 1.125rem;
    }
  `,
];
