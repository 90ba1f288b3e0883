import { css } from 'lit';
import { viewStyles } from '../internal/view-styles.js';
import { shared } from '../styles/shared.js';
import { tokens } from '../styles/tokens.js';

export const contactsStyles = [
  tokens,
  shared,
  viewStyles,
  css`
    .permission-note {
      margin-bottom: 1rem;
    }
    .contacts .name {
      min-width: 11rem;
    }
    .name-wrap {
      display: flex;
      gap: 0.625rem;
      align-items: flex-start;
    }
    .order {
      display: inline-grid;
      flex: none;
      place-items: center;
      min-width: 1.75rem;
      height: 1.75rem;
      border-radius: 999px;
      background: var(--porchlight-contacts-order-background, color-mix(in srgb, var(--_primary) 12%, var(--_surface)));
      color: var(--porchlight-contacts-order-text, var(--_primary));
      font-size: 0.875rem;
      font-weight: 700;
    }
    .contacts .phone {
      white-space: nowrap;
    }
    .contacts .phone a {
      font-weight: 600;
    }
    .contacts .notes {
      min-width: 10rem;
    }
    .contacts .changed {
      min-width: 10rem;
      color: var(--_muted);
      font-size: 0.875rem;
    }
    .contacts .changed .actor {
      color: var(--_text);
    }
    .data .actions-cell {
      width: 1%;
      white-space: nowrap;
    }
    .button.danger-text {
      color: var(--_danger);
    }
    @container (max-width: 48rem) {
      .data .actions-cell {
        width: auto;
      }
    }
  `,
];
