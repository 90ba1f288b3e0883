import { css } from 'lit';
import { adminStyles } from './internal/admin-styles.js';
import { controlStyles } from './internal/control-styles.js';

export const adminRequestTypesStyles = [
  ...adminStyles,
  controlStyles,
  css`
    .head {
      margin-bottom: 1.25rem;
    }
    .head .lead {
      margin: 0.25rem 0 0;
    }
    fieldset.editor {
      margin: 0;
      padding: 0;
      border: 0;
      min-width: 0;
      display: grid;
      gap: 1.25rem;
    }
    .types {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 1.25rem;
    }
    .type > section {
      display: grid;
      gap: 0.875rem;
      padding: 1rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      min-width: 0;
    }
    .type .section-title {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.5rem;
      overflow-wrap: anywhere;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
      gap: 0.875rem;
      align-items: start;
    }
    .fields {
      display: grid;
      gap: 0.75rem;
      padding-left: 0.75rem;
      border-left: 3px solid color-mix(in srgb, var(--_border) 70%, transparent);
    }
    .no-fields {
      margin: 0;
      font-size: 0.9375rem;
    }
    fieldset.field-box {
      display: grid;
      gap: 0.75rem;
      margin: 0;
      padding: 0.75rem;
      border: 1px solid color-mix(in srgb, var(--_border) 80%, transparent);
      border-radius: var(--_radius);
      background: color-mix(in srgb, var(--_bg) 55%, var(--_surface));
      min-width: 0;
    }
    fieldset.field-box legend {
      padding: 0 0.25rem;
      font-weight: 650;
      overflow-wrap: anywhere;
      outline: none;
    }
    .choice.check {
      align-self: end;
      min-height: 2.75rem;
      align-items: center;
    }
    .choice.check input {
      margin: 0;
    }
    .item-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .editor-actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem;
    }
    .unsaved {
      font-size: 0.9375rem;
    }
    .field-error[tabindex] {
      outline: none;
    }
  `,
];
