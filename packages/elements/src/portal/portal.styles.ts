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
    .banner {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem 1rem;
      padding: 0.75rem 1rem;
      border: 2px solid var(--porchlight-banner-border-color, #b54708);
      border-radius: var(--_radius);
      background: var(--porchlight-banner-background, repeating-linear-gradient(-45deg, #fff7e6 0 12px, #fff0d1 12px 24px));
      color: var(--porchlight-banner-text, #4a2a00);
    }
    .banner p {
      flex: 1 1 14rem;
      margin: 0;
    }
    .banner .button {
      width: auto;
      min-height: 2.5rem;
      background: var(--porchlight-banner-button-background, #7a2e0e);
      color: var(--porchlight-banner-button-text, #fff);
    }
    .tag {
      display: inline-block;
      margin-right: 0.5rem;
      padding: 0 0.5rem;
      border-radius: 999px;
      background: #7a2e0e;
      color: #fff;
      font-size: 0.75rem;
      font-weight: 700;
      letter-spacing: 0.04em;
      text-transform: uppercase;
      vertical-align: 0.1em;
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
