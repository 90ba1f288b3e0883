import { css } from 'lit';
import { fieldBox, fieldError, fieldFocus, fieldLabel } from '../../internal/field-styles.js';

/**
 * Native controls (text areas, inputs, selects) laid out like the text field, with their label,
 * hint and error; the danger button; status badges that carry their meaning in text and colour.
 * For the back-office elements that hold more than text fields (tickets, request types, documents).
 */
export const controlStyles = css`
  .control {
    display: grid;
    gap: 0.375rem;
    min-width: 0;
  }
  .control > label,
  .control > .label {
    ${fieldLabel}
  }
  .control .hint {
    font-size: 0.875rem;
  }
  textarea,
  input.input {
    ${fieldBox}
  }
  textarea {
    resize: vertical;
    min-height: 6rem;
  }
  textarea:focus,
  input.input:focus,
  select:focus {
    ${fieldFocus}
  }
  textarea:disabled,
  input.input:disabled {
    opacity: 0.65;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .field-error {
    ${fieldError}
  }
  .field-error .icon {
    width: 1rem;
    height: 1rem;
    margin-top: 0.125rem;
  }
  .button.danger {
    background: var(--porchlight-button-danger-background, var(--_danger));
    color: var(--porchlight-button-danger-text, #ffffff);
  }
  .button.danger:hover:not(:disabled) {
    background: color-mix(in srgb, var(--porchlight-button-danger-background, var(--_danger)) 85%, #000);
  }
  .button.secondary:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .region > .alert-box {
    margin-bottom: 1rem;
  }
  .failure .alert-box {
    align-items: flex-start;
  }
  .failure .button {
    margin-top: 0.5rem;
  }
  .eyebrow {
    margin: 0 0 0.125rem;
    color: var(--_muted);
    font-size: 0.8125rem;
    font-weight: 600;
    letter-spacing: 0.04em;
    text-transform: uppercase;
  }
  /* Statuses: the word says it, the colour repeats it. */
  .badge.open {
    border-color: color-mix(in srgb, var(--_primary) 45%, transparent);
    background: color-mix(in srgb, var(--_primary) 9%, var(--_surface));
    color: color-mix(in srgb, var(--_primary) 70%, #000);
  }
  .badge.done {
    border-color: color-mix(in srgb, var(--_success) 45%, transparent);
    background: color-mix(in srgb, var(--_success) 9%, var(--_surface));
    color: color-mix(in srgb, var(--_success) 75%, #000);
  }
  .badge.danger {
    border-color: color-mix(in srgb, var(--_danger) 45%, transparent);
    background: color-mix(in srgb, var(--_danger) 7%, var(--_surface));
    color: color-mix(in srgb, var(--_danger) 80%, #000);
  }
  .badges {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }
`;
