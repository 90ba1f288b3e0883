import { css } from 'lit';
import { adminStyles } from './internal/admin-styles.js';
import { controlStyles } from './internal/control-styles.js';
import { fileUploadStyles } from '../internal/file-uploads.js';
import { dialogStyles } from '../internal/dialog-styles.js';

export const adminDocumentsStyles = [
  ...adminStyles,
  dialogStyles,
  controlStyles,
  fileUploadStyles,
  css`
    .head {
      margin-bottom: 1rem;
    }
    .head .lead {
      margin: 0.25rem 0 0;
    }
    .table.documents th[scope='row'] {
      color: var(--_text);
      font-size: 0.9375rem;
      font-weight: 600;
      letter-spacing: 0;
      text-transform: none;
      white-space: normal;
    }
    .table.documents .num {
      white-space: nowrap;
    }
    .filename {
      overflow-wrap: anywhere;
    }
    .by {
      display: block;
      font-size: 0.875rem;
    }
    .actions-cell {
      text-align: right;
    }
    /* "Remove" stays one word in a narrow column. */
    .actions-cell button {
      white-space: nowrap;
    }
    @container (max-width: 34rem) {
      .table.documents th[scope='row'] {
        display: flex;
        gap: 0.5rem;
        padding: 0.125rem 0;
        border: 0;
      }
      .actions-cell {
        text-align: left;
        padding-top: 0.5rem !important;
      }
    }
    .share-section {
      margin-top: 1.5rem;
      display: grid;
      gap: 0.75rem;
    }
    fieldset.audience {
      display: grid;
      gap: 0.5rem;
      margin: 0;
      padding: 0;
      border: 0;
      min-width: 0;
    }
    fieldset.audience legend {
      padding: 0;
      margin-bottom: 0.375rem;
      font-size: 0.9375rem;
      font-weight: 600;
    }
    .logins {
      margin-left: 1.625rem;
    }
    .hint {
      margin: 0;
      font-size: 0.875rem;
    }
    .progress {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.75rem;
    }
    .progress progress {
      flex: 1 1 12rem;
      accent-color: var(--_primary);
    }
  `,
];
