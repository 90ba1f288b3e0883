import { css } from 'lit';
import { fieldsetStyles } from '../internal/fieldset-styles.js';
import { viewStyles } from '../internal/view-styles.js';
import { shared } from '../styles/shared.js';
import { tokens } from '../styles/tokens.js';

export const profileStyles = [
  tokens,
  shared,
  viewStyles,
  fieldsetStyles,
  css`
    section + section {
      margin-top: 1.5rem;
      padding-top: 1.25rem;
      border-top: 1px solid var(--_border, #d0d7de);
    }
    .subheading {
      margin-bottom: 0.75rem;
    }
    .address-grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
      gap: 0 1rem;
    }
    .company {
      margin: 0;
      font-style: normal;
      white-space: pre-line;
    }
    .pending {
      margin: 0.25rem 0 0;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-top: 0.5rem;
    }
    .confirm:empty {
      display: none;
    }
    .confirm {
      margin-bottom: 1rem;
    }
    [hidden] {
      display: none !important;
    }
  `,
];
