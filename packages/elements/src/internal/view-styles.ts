import { css } from 'lit';
import { fieldBox, fieldError, fieldFocus } from './field-styles.js';
import { fieldsetStyles } from './fieldset-styles.js';
import { dialogStyles } from './dialog-styles.js';
import { headStyles } from './head-styles.js';
import { listStyles } from './list-view.js';
import { srOnlyStyles } from './sr-only.js';

/**
 * What the account views (staff manager, activity, contacts) share on top of `shared`: the
 * heading row, tables that stack into cards in a narrow container, "Load more" and "Back to …",
 * tags, dialogs, checkboxes, selects and text areas. Sizes follow the element's own width (container queries), so a
 * view in a narrow sidebar stacks like one on a phone.
 */
export const viewStyles = css`
  :host {
    display: block;
    width: 100%;
    container-type: inline-size;
  }
  ${srOnlyStyles}
  .quiet {
    margin: 0;
    color: var(--_muted);
    font-size: 0.9375rem;
  }
  ${headStyles}
  ${listStyles}
  .head .title {
    margin: 0;
  }
  .lead {
    margin: 0.375rem 0 0;
    color: var(--_muted);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .toolbar:empty {
    display: none;
  }
  .subheading {
    margin: 2rem 0 0.75rem;
    font-size: 1.0625rem;
    font-weight: 650;
    line-height: 1.3;
  }
  .button.inline {
    width: auto;
  }
  .button.small {
    min-height: 2.25rem;
    padding: 0.375rem 0.75rem;
    font-size: 0.9375rem;
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
    margin-bottom: 1.25rem;
  }
  .tag {
    display: inline-block;
    padding: 0 0.5rem;
    border: 1px solid color-mix(in srgb, var(--_border) 80%, var(--_text));
    border-radius: 999px;
    background: var(--_bg);
    color: var(--_text);
    font-size: 0.75rem;
    font-weight: 650;
    line-height: 1.5rem;
    white-space: nowrap;
    vertical-align: 0.05em;
  }
  .tag.emulated {
    border-color: var(--porchlight-emulated-border-color, #b54708);
    background: var(--porchlight-emulated-background, #fff4e0);
    color: var(--porchlight-emulated-text, #7a2e0e);
  }
  .tag.warn {
    border-color: color-mix(in srgb, var(--_danger) 45%, transparent);
    background: color-mix(in srgb, var(--_danger) 8%, var(--_surface));
    color: var(--_danger);
  }
  .actor {
    overflow-wrap: break-word;
  }
  .loading {
    min-height: 6rem;
  }
  .state {
    display: grid;
    justify-items: start;
    gap: 0.75rem;
  }
  .state .alert-box {
    margin: 0;
    justify-self: stretch;
  }
  .empty {
    margin: 0;
    padding: 1.5rem 1rem;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    color: var(--_muted);
    text-align: center;
  }

  /* ---- tables that become cards ---- */
  .table-wrap {
    overflow-x: auto;
  }
  .table-wrap:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  table.data {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.9375rem;
  }
  table.data[aria-busy='true'] tbody {
    opacity: 0.6;
  }
  .data th,
  .data td {
    padding: 0.625rem 0.75rem;
    border-bottom: 1px solid color-mix(in srgb, var(--_border) 70%, transparent);
    text-align: left;
    vertical-align: top;
    overflow-wrap: break-word;
  }
  .data th:first-child,
  .data td:first-child {
    padding-left: 0;
  }
  .data th:last-child,
  .data td:last-child {
    padding-right: 0;
  }
  .data thead th {
    padding-top: 0;
    color: var(--_muted);
    font-size: 0.8125rem;
    font-weight: 600;
  }
  .data tbody th {
    font-weight: 600;
  }
  .data tbody tr:last-child > * {
    border-bottom: 0;
  }
  .data .actions-cell {
    text-align: right;
  }
  .cell-label {
    display: none;
  }
  .sub {
    display: block;
    color: var(--_muted);
    font-size: 0.875rem;
    font-weight: 400;
  }
  @container (max-width: 48rem) {
    table.data,
    .data thead,
    .data tbody,
    .data tr,
    .data th,
    .data td {
      display: block;
    }
    .data thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
    .data tbody tr {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(7.5rem, 1fr));
      gap: 0.5rem 1rem;
      margin-bottom: 0.75rem;
      padding: 0.875rem 1rem;
      border: 1px solid color-mix(in srgb, var(--_border) 80%, transparent);
      border-radius: var(--_radius);
    }
    .data tbody tr:last-child {
      margin-bottom: 0;
    }
    .data tbody th,
    .data tbody td,
    .data tbody th:first-child,
    .data tbody td:first-child,
    .data tbody th:last-child,
    .data tbody td:last-child {
      padding: 0;
      border: 0;
    }
    .data tbody .row-head {
      font-size: 1rem;
    }
    .data tbody .row-head,
    .data tbody .wide,
    .data tbody .actions-cell {
      grid-column: 1 / -1;
    }
    .cell-label {
      display: block;
      color: var(--_muted);
      font-size: 0.8125rem;
      font-weight: 600;
    }
    .data .actions-cell {
      text-align: left;
    }
  }

  /* ---- row actions (a disclosure with more of them) ---- */
  .row-actions {
    display: grid;
    justify-items: end;
    gap: 0.375rem;
  }
  .row-buttons {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.375rem;
  }
  @container (max-width: 48rem) {
    .row-actions {
      justify-items: stretch;
    }
    .row-buttons {
      justify-content: flex-start;
    }
  }
  .more-list {
    display: grid;
    gap: 0.25rem;
    min-width: 13rem;
    margin: 0;
    padding: 0.375rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: 0 8px 24px -8px rgb(16 24 40 / 0.18);
    text-align: left;
    list-style: none;
  }
  .more-list .menu-button {
    display: block;
    width: 100%;
    min-height: 2.25rem;
    padding: 0.375rem 0.625rem;
    border: 0;
    border-radius: calc(var(--_radius) - 2px);
    background: none;
    color: var(--_text);
    font: inherit;
    font-size: 0.9375rem;
    text-align: left;
    cursor: pointer;
  }
  .more-list .menu-button:hover:not(:disabled) {
    background: var(--_bg);
  }
  .more-list .menu-button.danger {
    color: var(--_danger);
  }
  .more-list .menu-button:disabled {
    color: var(--_muted);
    cursor: not-allowed;
  }
  .more-list .sub {
    padding: 0 0.625rem 0.25rem;
    font-size: 0.8125rem;
  }
  .menu-button:focus-visible,
  .dialog-close:focus-visible,
  select:focus-visible,
  .check input:focus-visible,
  .choice input:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  /* ---- dialogs ---- */
  ${dialogStyles}

  /* ---- controls ---- */
  ${fieldsetStyles}
  .checks {
    display: grid;
    gap: 0.625rem;
  }
  .check,
  .choice {
    display: flex;
    align-items: flex-start;
    gap: 0.625rem;
    font-size: 0.9375rem;
  }
  .check input,
  .choice input {
    flex: none;
    width: 1.125rem;
    height: 1.125rem;
    margin: 0.1875rem 0 0;
    accent-color: var(--_primary);
  }
  .check input:disabled + label {
    color: var(--_muted);
  }
  .hint {
    display: block;
    color: var(--_muted);
    font-size: 0.8125rem;
  }
  .control {
    display: grid;
    gap: 0.375rem;
  }
  .control label {
    font-size: 0.9375rem;
    font-weight: 600;
  }
  textarea,
  select {
    ${fieldBox}
  }
  textarea {
    resize: vertical;
  }
  textarea:focus {
    ${fieldFocus}
  }
  textarea[aria-invalid='true'] {
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
  .note {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  @media (forced-colors: active) {
    .tag {
      border: 1px solid CanvasText;
    }
  }
`;
