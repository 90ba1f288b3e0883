import { css } from 'lit';
import { viewStyles } from '../internal/view-styles.js';
import { shared } from '../styles/shared.js';
import { tokens } from '../styles/tokens.js';

export const activityStyles = [
  tokens,
  shared,
  viewStyles,
  css`
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem 1rem;
      margin-bottom: 1rem;
    }
    .filters .control {
      flex: 1 1 12rem;
      max-width: 20rem;
    }
    .summary {
      margin: 0 0 0.5rem;
      color: var(--_muted);
      font-size: 0.875rem;
      outline: none;
    }
    .summary:empty {
      display: none;
    }
    .entries .when {
      width: 11rem;
      white-space: nowrap;
      color: var(--_muted);
      font-weight: 400;
    }
    .entries .who {
      width: 14rem;
    }
    .entries .what .tag {
      margin-right: 0.25rem;
    }
    .more .button[aria-disabled='true'] {
      cursor: progress;
      opacity: 0.8;
    }
    @container (max-width: 48rem) {
      .entries .when,
      .entries .who {
        width: auto;
        white-space: normal;
      }
      .filters .control {
        max-width: none;
      }
    }
  `,
];
