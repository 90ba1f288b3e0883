import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

// Inputs use at least 16px: smaller text makes phones zoom the page when the field is focused.
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
      font-size: 0.9375rem;
      font-weight: 600;
      color: var(--porchlight-field-label-color, var(--_text));
    }
    input {
      width: 100%;
      min-height: var(--porchlight-field-height, 2.75rem);
      padding: 0.5rem 0.75rem;
      border: 1px solid var(--porchlight-field-border-color, color-mix(in srgb, var(--_border) 80%, var(--_text)));
      border-radius: var(--porchlight-field-radius, var(--_radius));
      background: var(--porchlight-field-background, var(--_surface));
      color: var(--porchlight-field-text, var(--_text));
      font: inherit;
      font-size: max(1rem, 16px);
      transition: border-color 0.15s, box-shadow 0.15s;
    }
    input:hover:not(:disabled):not(:focus) {
      border-color: color-mix(in srgb, var(--_border) 50%, var(--_text));
    }
    input:focus {
      outline: 2px solid transparent;
      border-color: var(--_focus);
      box-shadow: 0 0 0 3px color-mix(in srgb, var(--_focus) 25%, transparent);
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
      display: flex;
      gap: 0.375rem;
      font-size: 0.875rem;
      font-weight: 500;
      color: var(--_danger);
    }
    .error .icon {
      flex: none;
      width: 1rem;
      height: 1rem;
      margin-top: 0.125rem;
    }
  `,
];
