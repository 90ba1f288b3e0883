import { css } from 'lit';
import { dialogStyles } from '../internal/dialog-styles.js';
import { accessStyles, rowWithButton } from './internal/access.js';
import { adminStyles, headWithButton } from './internal/admin-styles.js';
import { controlStyles } from './internal/control-styles.js';

export const setupAccessStyles = [
  ...adminStyles,
  dialogStyles,
  controlStyles,
  ...accessStyles,
  css`
    ${headWithButton}
    /* Two options side by side, one above the other when narrow; the 1px gaps show the border colour. */
    .view {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 1px;
      max-width: 100%;
      margin: 0 0 1rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_border);
      overflow: hidden;
    }
    .view-option {
      position: relative;
      display: flex;
      flex: 1 1 auto;
      align-items: center;
      justify-content: center;
      padding: 0.375rem 0.875rem;
      background: var(--_surface);
      font-size: 0.9375rem;
      font-weight: 600;
      cursor: pointer;
    }
    .view-option input {
      position: absolute;
      opacity: 0;
      inset: 0;
      margin: 0;
      cursor: pointer;
    }
    .view-option:has(input:checked) {
      background: color-mix(in srgb, var(--_primary) 12%, var(--_surface));
      color: color-mix(in srgb, var(--_primary) 80%, #000);
    }
    .view-option:has(input:focus-visible) {
      outline: 2px solid var(--_focus);
      outline-offset: -2px;
    }
    .view-option .count {
      color: var(--_muted);
      font-weight: 400;
    }
    .email {
      font-size: 0.9375rem;
      overflow-wrap: anywhere;
    }
    .subsection {
      margin-top: 1.5rem;
      padding-top: 1.25rem;
      border-top: 1px solid color-mix(in srgb, var(--_border) 70%, transparent);
    }
    .subsection .lead {
      margin-bottom: 0.75rem;
    }
    .contact {
      ${rowWithButton}
      padding: 0.5rem 0.75rem;
      border: 1px dashed var(--_border);
    }
    .reg-key {
      margin: 0.25rem 0 0.25rem;
      font-size: clamp(1.5rem, 5vw, 2rem);
      font-weight: 700;
      letter-spacing: 0.08em;
      overflow-wrap: anywhere;
    }
    .key-help {
      margin: 0 0 0.25rem;
    }
    .key-panel .muted.small {
      margin: 0 0 0.75rem;
    }
    .key-panel .row {
      margin-top: 0.5rem;
    }
    .key-panel .hint {
      margin: 0 0 0.5rem;
    }
    .key-panel [role='alert'] .alert-box,
    .key-panel [role='status'] .alert-box {
      margin: 0.5rem 0;
    }
    .lookup {
      display: grid;
      gap: 0.5rem;
      margin: 0.625rem 0 0 1.625rem;
    }
    .lookup .profile {
      align-items: flex-start;
      justify-content: flex-start;
    }
    .sub-choices {
      margin: 0.625rem 0 0 1.625rem;
    }
    .spinner.small {
      display: inline-block;
      width: 0.875rem;
      height: 0.875rem;
      margin-right: 0.375rem;
      vertical-align: -0.125rem;
    }
    .dialog form.stack,
    .dialog .stack {
      gap: 1.125rem;
    }
    .dialog .field-error {
      margin-top: 0.375rem;
    }
    @media (forced-colors: active) {
      .view-option:has(input:checked) {
        outline: 2px solid Highlight;
      }
    }
  `,
];
