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
  `,
];
