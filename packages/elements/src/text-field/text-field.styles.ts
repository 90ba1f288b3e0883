import { css } from 'lit';
import { tokens } from '../styles/tokens.js';
import { fieldBox, fieldError, fieldFocus, fieldLabel } from '../internal/field-styles.js';

export const textFieldStyles = [
  tokens,
  css`
    :host {
      display: block;
    }
    .field {
      display: grid;
      gap: 0.375rem;
    }
    label {
      ${fieldLabel}
    }
    input {
      ${fieldBox}
      transition: border-color 0.15s, box-shadow 0.15s;
    }
    input:hover:not(:disabled):not(:focus):not([aria-invalid='true']) {
      border-color: color-mix(in srgb, var(--_border) 50%, var(--_text));
    }
    input:focus {
      ${fieldFocus}
    }
    input:disabled {
      opacity: 0.65;
      cursor: not-allowed;
    }
    input[aria-invalid='true'] {
      border-color: var(--_danger);
    }
    input[aria-invalid='true']:focus {
      box-shadow: 0 0 0 3px color-mix(in srgb, var(--_danger) 22%, transparent);
    }
    .hint {
      font-size: 0.875rem;
      color: var(--_muted);
    }
    .error {
      ${fieldError}
    }
    .error .icon {
      flex: none;
      width: 1rem;
      height: 1rem;
      margin-top: 0.125rem;
    }
  `,
];
