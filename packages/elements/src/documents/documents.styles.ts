import { css } from 'lit';
import { viewStyles } from '../internal/view-styles.js';
import { shared } from '../styles/shared.js';
import { tokens } from '../styles/tokens.js';

export const documentsStyles = [
  tokens,
  shared,
  viewStyles,
  css`
    .documents .title-cell {
      min-width: 10rem;
    }
    .doc-title {
      font-weight: 600;
    }
    .filename {
      overflow-wrap: anywhere;
    }
    .size {
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
  `,
];
