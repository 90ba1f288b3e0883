import { css } from 'lit';
import { tokens } from '../styles/tokens.js';
import { shared } from '../styles/shared.js';
import { rootStyles } from '../internal/root-styles.js';

export const portalStyles = [
  tokens,
  shared,
  rootStyles,
  css`
    .header {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      font-weight: 650;
      font-size: 1.125rem;
    }
    .header img {
      width: auto;
      height: var(--porchlight-logo-height, 2.5rem);
      max-width: 12rem;
      object-fit: contain;
    }
    .state .button {
      width: auto;
    }
    .notice {
      margin: 0;
    }
    .notice .alert-box {
      margin: 0;
    }
  `,
];
