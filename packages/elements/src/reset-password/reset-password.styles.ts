import { css } from 'lit';
import { formCard } from '../internal/form-styles.js';
import { shared } from '../styles/shared.js';
import { tokens } from '../styles/tokens.js';

export const resetPasswordStyles = [
  tokens,
  shared,
  formCard,
  css`
    :host {
      max-width: var(--porchlight-reset-password-max-width, 28rem);
    }
    .card > p + .button {
      margin-top: 0.5rem;
    }
  `,
];
