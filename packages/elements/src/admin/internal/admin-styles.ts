import { css } from 'lit';
import { shared } from '../../styles/shared.js';
import { tokens } from '../../styles/tokens.js';
import { fieldBox, fieldLabel } from '../../internal/field-styles.js';
import { fieldsetStyles } from '../../internal/fieldset-styles.js';
import { headStyles } from '../../internal/head-styles.js';
import { listStyles } from '../../internal/list-view.js';
import { srOnlyStyles } from '../../internal/sr-only.js';

/** The back office's narrower buttons (`inline`: as wide as their text) and smaller ones. */
export const buttonSizes = css`
  .button.inline {
    width: auto;
  }
  .button.small {
    min-height: 2.25rem;
    padding: 0.375rem 0.875rem;
    font-size: 0.9375rem;
  }
`;

/** What the back-office elements add to the shared card, button and alert styles. */
export const adminBase = css`
  :host {
    display: block;
  }
  /* Narrow-layout rules below follow the width of the table's wrapper, not of the window. */
  .table-wrap {
    container-type: inline-size;
  }
  ${srOnlyStyles}
  .section-title {
    margin: 0 0 0.25rem;
    font-size: 1.125rem;
    font-weight: 650;
    line-height: 1.3;
    outline: none;
  }
  .sub-title {
    margin: 0 0 0.25rem;
    font-size: 1rem;
    font-weight: 650;
    line-height: 1.35;
    outline: none;
  }
  .lead {
    margin: 0 0 1rem;
    color: var(--_muted);
  }
  ${buttonSizes}
  ${listStyles}
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
  ${fieldsetStyles}
  fieldset.stack {
    display: grid;
    gap: 1.125rem;
  }
  .note {
    display: flex;
    gap: 0.5rem;
    margin: 0 0 1rem;
    padding: 0.625rem 0.75rem;
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_text);
    font-size: 0.9375rem;
  }
  .note .icon {
    color: var(--_muted);
  }
  .mono {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
    font-variant-numeric: tabular-nums;
    letter-spacing: 0.02em;
  }
  .badge {
    display: inline-block;
    padding: 0.0625rem 0.5rem;
    border-radius: 999px;
    background: var(--_bg);
    border: 1px solid var(--_border);
    color: var(--_text);
    font-size: 0.8125rem;
    font-weight: 600;
    line-height: 1.5;
    white-space: nowrap;
  }
  .badge.warn {
    border-color: color-mix(in srgb, #b54708 45%, transparent);
    background: color-mix(in srgb, #b54708 9%, var(--_surface));
    color: #7a2e0e;
  }
  .badge.off {
    color: var(--_muted);
  }
  .empty {
    margin: 0;
    padding: 1rem;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    color: var(--_muted);
    text-align: center;
  }
  .loading.inline {
    justify-content: flex-start;
    min-height: 0;
    padding: 0.5rem 0;
  }
  /* Tables: a row per item; on narrow screens each row becomes a small card of label: value. */
  .table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.9375rem;
  }
  .table th,
  .table td {
    padding: 0.625rem 0.75rem;
    border-bottom: 1px solid color-mix(in srgb, var(--_border) 70%, transparent);
    text-align: left;
    vertical-align: top;
    overflow-wrap: anywhere;
  }
  .table th {
    color: var(--_muted);
    font-size: 0.8125rem;
    font-weight: 600;
    letter-spacing: 0.02em;
    text-transform: uppercase;
    white-space: nowrap;
  }
  .table tbody tr:last-child td {
    border-bottom: 0;
  }
  .cell-label {
    display: none;
  }
  @container (max-width: 34rem) {
    .table thead {
      display: block;
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
    .table,
    .table tbody,
    .table tr,
    .table td,
    .table th {
      display: block;
      width: 100%;
    }
    .table tr {
      padding: 0.625rem 0;
      border-bottom: 1px solid color-mix(in srgb, var(--_border) 70%, transparent);
    }
    .table tbody tr:last-child {
      border-bottom: 0;
    }
    .table td {
      display: flex;
      align-items: baseline;
      gap: 0.5rem;
      padding: 0.125rem 0;
      border: 0;
    }
    .cell-label {
      display: block;
      flex: 0 0 6rem;
      color: var(--_muted);
      font-size: 0.875rem;
    }
    .table td > :not(.cell-label) {
      min-width: 0;
    }
    .table .badge {
      white-space: normal;
    }
  }
  select:focus-visible,
  input[type='radio']:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
    border-radius: 2px;
  }
  .select-field {
    display: grid;
    gap: 0.375rem;
  }
  .select-field label {
    ${fieldLabel}
  }
  select {
    ${fieldBox}
  }
  select:disabled {
    opacity: 0.65;
  }
  .choices {
    display: grid;
    gap: 0.5rem;
  }
  .choice {
    display: flex;
    align-items: flex-start;
    gap: 0.5rem;
    font-size: 0.9375rem;
    cursor: pointer;
  }
  .choice input {
    width: 1.125rem;
    height: 1.125rem;
    margin: 0.1875rem 0 0;
    accent-color: var(--_primary);
  }
  fieldset:disabled .choice {
    cursor: not-allowed;
    opacity: 0.65;
  }
  .field-with-action {
    display: grid;
    gap: 0.375rem;
  }
  .field-with-action .link {
    justify-self: start;
    padding-left: 0;
    font-size: 0.875rem;
  }
  @media (forced-colors: active) {
    .badge,
    .note {
      border: 1px solid CanvasText;
    }
  }
`;

export const adminStyles = [tokens, shared, adminBase];

/** The heading row of a list with its button on the right (the lists of logins): title, lead under it, the button as wide as its text. */
export const headWithButton = css`
  ${headStyles}
  .head .lead {
    margin: 0.25rem 0 0;
  }
  .head .button {
    flex: 0 0 auto;
  }
`;

/**
 * What the dialogs about logins (back-office logins, portal access) add to the shared dialog:
 * room under their alerts, buttons as wide as their text, a list of what will happen, and role
 * radios with what each role means.
 */
export const loginDialogStyles = css`
  .dialog [role='alert'] .alert-box,
  .dialog [role='status'] .alert-box {
    margin-bottom: 1rem;
  }
  .dialog-actions .button {
    width: auto;
  }
  .facts-list {
    margin: 0;
    padding-left: 1.25rem;
    font-size: 0.9375rem;
  }
  .facts-list li + li {
    margin-top: 0.25rem;
  }
  .role-choice {
    display: flex;
    align-items: flex-start;
    gap: 0.625rem;
  }
  .role-choice input {
    flex: none;
    width: 1.125rem;
    height: 1.125rem;
    margin: 0.1875rem 0 0;
    accent-color: var(--_primary);
  }
  .role-choice label {
    font-weight: 600;
    cursor: pointer;
  }
`;
