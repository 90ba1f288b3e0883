import { css } from 'lit';
import { shared } from '../styles/shared.js';
import { tokens } from '../styles/tokens.js';
import { rootStyles } from '../internal/root-styles.js';
import { buttonSizes } from './internal/admin-styles.js';

export const adminRootStyles = [
  tokens,
  shared,
  rootStyles,
  css`
    .sr-only {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    porchlight-admin-sign-in {
      justify-self: center;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.75rem 1.5rem;
      padding: 0.75rem 1rem;
      border: 1px solid color-mix(in srgb, var(--_border) 75%, transparent);
      border-radius: calc(var(--_radius) * 1.5);
      background: var(--porchlight-admin-bar-background, var(--_surface));
      color: var(--porchlight-admin-bar-text, var(--_text));
    }
    .brand {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      min-width: 0;
    }
    .brand img {
      width: auto;
      height: var(--porchlight-logo-height, 2.5rem);
      max-width: 10rem;
      object-fit: contain;
    }
    .brand-text {
      display: grid;
      line-height: 1.3;
    }
    .brand-name {
      font-weight: 650;
      font-size: 1.0625rem;
    }
    .brand-sub {
      color: var(--_muted);
      font-size: 0.875rem;
    }
    .who {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.75rem;
      font-size: 0.9375rem;
    }
    .who-text {
      overflow-wrap: anywhere;
    }
    .role {
      padding: 0.0625rem 0.5rem;
      border-radius: 999px;
      background: color-mix(in srgb, var(--_primary) 10%, var(--_surface));
      color: var(--_text);
      border: 1px solid color-mix(in srgb, var(--_primary) 35%, transparent);
      font-size: 0.8125rem;
      font-weight: 600;
    }
    ${buttonSizes}
    @media (forced-colors: active) {
      .bar,
      .role {
        border: 1px solid CanvasText;
      }
    }
  `,
];
