import { css } from 'lit';
import { fieldBox, fieldFocus } from '../internal/field-styles.js';
import { fileUploadStyles } from '../internal/file-uploads.js';
import { viewStyles } from '../internal/view-styles.js';
import { shared } from '../styles/shared.js';
import { tokens } from '../styles/tokens.js';

export const workOrderFormStyles = [
  tokens,
  shared,
  viewStyles,
  fileUploadStyles,
  css`
    :host([plain]) .panel {
      padding: 0;
    }
    .panel > :last-child {
      margin-bottom: 0;
    }
    form.stack {
      gap: 1.375rem;
    }
    .kind .checks {
      gap: 0.75rem;
    }
    .kind .note {
      margin-top: 0.75rem;
    }
    .choice-label {
      font-weight: 600;
    }
    .choice .hint {
      margin-top: 0.125rem;
      font-weight: 400;
    }
    .pair {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 15rem), 1fr));
      gap: 1.125rem 1rem;
    }
    .control {
      grid-template-columns: minmax(0, 1fr);
      min-width: 0;
    }
    select:disabled {
      color: var(--_muted);
      background: var(--_bg);
      cursor: not-allowed;
    }
    input[type='date'] {
      ${fieldBox}
    }
    input[type='date']:focus {
      ${fieldFocus}
    }
    select[aria-invalid='true'],
    input[aria-invalid='true'] {
      border-color: var(--_danger);
    }
    textarea {
      min-height: 7rem;
    }
    .counter {
      justify-self: end;
      color: var(--_muted);
      font-size: 0.8125rem;
    }
    .counter.near {
      color: var(--_text);
      font-weight: 600;
    }
    .photos .uploads {
      margin-top: 0.25rem;
    }
    .windows {
      display: grid;
      gap: 0.625rem;
    }
    .windows legend {
      margin-bottom: 0.25rem;
    }
    .window-list {
      display: grid;
      gap: 0.75rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .window {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 11rem), 1fr)) auto;
      align-items: end;
      gap: 0.625rem 0.75rem;
      padding: 0.75rem;
      border: 1px solid color-mix(in srgb, var(--_border) 80%, transparent);
      border-radius: var(--_radius);
    }
    .window .remove-window {
      min-height: var(--porchlight-field-height, 2.75rem);
    }
    @container (max-width: 30rem) {
      .window {
        grid-template-columns: 1fr;
      }
      .window .remove-window {
        justify-self: start;
        min-height: 2.25rem;
      }
    }
    .submit-row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
    }
    .sent {
      display: grid;
      gap: 0.75rem;
      outline: none;
    }
    .sent:focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 4px;
    }
    .sent p {
      margin: 0;
    }
    .done-number {
      font-size: 1.125rem;
    }
    .done-number strong {
      font-size: 1.375rem;
      letter-spacing: 0.01em;
    }
  `,
];
