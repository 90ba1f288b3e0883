import { css } from 'lit';
import { formCard } from '../internal/form-styles.js';
import { shared } from '../styles/shared.js';
import { tokens } from '../styles/tokens.js';

export const loginStyles = [
  tokens,
  shared,
  formCard,
  css`
    :host {
      max-width: var(--porchlight-login-max-width, 28rem);
    }
    .who {
      margin: 0.375rem 0 0;
      color: var(--_muted);
    }
    .who strong {
      color: var(--_text);
    }
    .card > .onboarding {
      margin: 1.25rem 0 0;
      padding-top: 1rem;
      border-top: 1px solid color-mix(in srgb, var(--_border) 70%, transparent);
      color: var(--_muted);
      font-size: 0.9375rem;
      text-align: center;
    }
    .card > .onboarding + .onboarding {
      margin-top: 0.25rem;
      padding-top: 0;
      border-top: 0;
    }
    .onboarding a {
      font-weight: 500;
    }
  `,
];
