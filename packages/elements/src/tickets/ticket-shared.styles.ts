import { css } from 'lit';
import { fieldBox, fieldFocus } from '../internal/field-styles.js';
import { statusTagStyles } from '../internal/status-tag.js';

/**
 * What the tickets list and the ticket share: the status tag (text and colour), required marks,
 * inputs, the character counter and the form's buttons (the file picker's styles are
 * internal/file-uploads.ts's `fileUploadStyles`).
 * Per-element tokens fall back to the global ones, so a dealer's branding applies:
 *   --porchlight-ticket-open-color, --porchlight-ticket-completed-color,
 *   --porchlight-ticket-new-color (the "New reply" tag), --porchlight-ticket-estimate-color.
 */
const ticketBase = css`
  :host {
    --_open: var(--porchlight-ticket-open-color, var(--_primary));
    --_completed: var(--porchlight-ticket-completed-color, var(--_success));
    --_new: var(--porchlight-ticket-new-color, var(--_primary));
    --_estimate: var(--porchlight-ticket-estimate-color, #b54708);
  }
  .status-open {
    --_status: var(--_open);
  }
  .status-completed {
    --_status: var(--_completed);
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
  /* Grid items shrink with a narrow container. */
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
  select[aria-invalid='true'] {
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
`;

export const ticketSharedStyles = [statusTagStyles, ticketBase];
