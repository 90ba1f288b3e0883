import { css } from 'lit';
import { fieldBox, fieldFocus } from '../internal/field-styles.js';

/**
 * What the tickets list and the ticket share: the status tag (text and colour), required marks,
 * inputs, the file picker with its progress, the character counter and the form's buttons.
 * Per-element tokens fall back to the global ones, so a dealer's branding applies:
 *   --porchlight-ticket-open-color, --porchlight-ticket-completed-color,
 *   --porchlight-ticket-new-color (the "New reply" tag), --porchlight-ticket-estimate-color.
 */
export const ticketSharedStyles = css`
  :host {
    --_open: var(--porchlight-ticket-open-color, var(--_primary));
    --_completed: var(--porchlight-ticket-completed-color, var(--_success));
    --_new: var(--porchlight-ticket-new-color, var(--_primary));
    --_estimate: var(--porchlight-ticket-estimate-color, #b54708);
  }
  .status {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    padding: 0 0.5rem;
    border: 1px solid color-mix(in srgb, currentColor 40%, transparent);
    border-radius: 999px;
    font-size: 0.8125rem;
    font-weight: 650;
    line-height: 1.5rem;
    white-space: nowrap;
  }
  .status .dot {
    width: 0.5rem;
    height: 0.5rem;
    border-radius: 50%;
    background: currentColor;
  }
  .status-open {
    background: color-mix(in srgb, var(--_open) 8%, var(--_surface));
    color: color-mix(in srgb, var(--_open) 85%, var(--_text));
  }
  .status-completed {
    background: color-mix(in srgb, var(--_completed) 8%, var(--_surface));
    color: color-mix(in srgb, var(--_completed) 85%, var(--_text));
  }
  .tag.new {
    border-color: var(--_new);
    color: color-mix(in srgb, var(--_new) 85%, var(--_text));
  }
  .tag.estimate {
    border-color: var(--_estimate);
    background: color-mix(in srgb, var(--_estimate) 8%, var(--_surface));
    color: color-mix(in srgb, var(--_estimate) 80%, var(--_text));
  }
  /* Grid items shrink with a narrow container (a file input is wide by itself). */
  .stack > *,
  .control > * {
    min-width: 0;
  }
  .required {
    margin-inline-start: 0.25rem;
    color: var(--_danger);
  }
  input.input,
  input[type='search'] {
    ${fieldBox}
  }
  input.input:focus,
  input[type='search']:focus,
  select:focus {
    ${fieldFocus}
  }
  input.input[aria-invalid='true'],
  select[aria-invalid='true'],
  input[type='file'][aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .counter {
    justify-self: end;
    color: var(--_muted);
    font-size: 0.8125rem;
    font-variant-numeric: tabular-nums;
  }
  .counter.over {
    color: var(--_danger);
  }

  /* ---- files ---- */
  input[type='file'] {
    width: 100%;
    max-width: 100%;
    padding: 0.375rem;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_muted);
    font: inherit;
    font-size: 0.9375rem;
  }
  input[type='file']::file-selector-button {
    margin-inline-end: 0.75rem;
    padding: 0.375rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  input[type='file']:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .file-list {
    display: grid;
    gap: 0.375rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .file {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.375rem 0.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    font-size: 0.9375rem;
  }
  .file-failed {
    border-color: color-mix(in srgb, var(--_danger) 45%, transparent);
  }
  .file-main {
    display: flex;
    flex: 1 1 10rem;
    flex-wrap: wrap;
    gap: 0 0.5rem;
    min-width: 0;
  }
  .file-name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .file-size {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .file-progress {
    display: flex;
    flex: 1 1 10rem;
    align-items: center;
    gap: 0.5rem;
  }
  progress {
    flex: 1 1 auto;
    height: 0.5rem;
    accent-color: var(--_primary);
  }
  .file-state {
    color: var(--_muted);
    font-size: 0.875rem;
    white-space: nowrap;
  }
  .file-state.ok {
    color: var(--_success);
    font-weight: 600;
  }
  .file-state.failed {
    display: flex;
    flex: 1 1 100%;
    order: 3;
    gap: 0.375rem;
    color: var(--_danger);
    white-space: normal;
  }
  .file-state .icon {
    width: 1rem;
    height: 1rem;
    margin-top: 0.125rem;
  }
  .form-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-top: 0.25rem;
  }
  @container (max-width: 30rem) {
    .form-actions .button {
      flex: 1 1 auto;
    }
  }
  .link-button {
    padding: 0;
    border: 0;
    background: none;
    color: var(--porchlight-link-color, var(--_primary));
    font: inherit;
    font-weight: 600;
    text-align: start;
    text-decoration: underline;
    text-decoration-color: color-mix(in srgb, currentColor 35%, transparent);
    text-underline-offset: 0.2em;
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  .link-button:hover {
    text-decoration-color: currentColor;
  }
  .link-button:focus-visible {
    border-radius: 2px;
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  @media (forced-colors: active) {
    .status {
      border: 1px solid CanvasText;
    }
  }
`;
