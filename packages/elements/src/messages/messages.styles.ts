import { css } from 'lit';
import { plainButton } from '../internal/button-styles.js';
import { viewStyles } from '../internal/view-styles.js';
import { shared } from '../styles/shared.js';
import { tokens } from '../styles/tokens.js';

export const messagesStyles = [
  tokens,
  shared,
  viewStyles,
  css`
    .summary {
      margin: 0 0 0.75rem;
      color: var(--_muted);
      font-size: 0.875rem;
    }
    .list {
      display: grid;
      gap: 0.5rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .message {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    .message.unread {
      border-inline-start: 4px solid var(--porchlight-messages-unread-color, var(--_primary));
    }
    .message-head {
      margin: 0;
      font: inherit;
    }
    .toggle {
      display: flex;
      flex-wrap: wrap;
      gap: 0.375rem 0.5rem;
      align-items: baseline;
      width: 100%;
      padding: 0.75rem 1rem;
      ${plainButton}
    }
    .toggle:focus-visible {
      outline: 2px solid var(--_primary);
      outline-offset: 2px;
    }
    .message-title {
      font-weight: 500;
    }
    .unread .message-title {
      font-weight: 700;
    }
    .tag.new {
      border-color: var(--porchlight-messages-unread-color, var(--_primary));
      color: var(--porchlight-messages-unread-color, var(--_primary));
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0.125rem 0.75rem;
      margin: 0;
      padding: 0 1rem 0.75rem;
      color: var(--_muted);
      font-size: 0.875rem;
    }
    .meta .actor {
      color: var(--_text);
    }
    .body {
      margin: 0;
      padding: 0.75rem 1rem 1rem;
      border-top: 1px solid var(--_border);
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
  `,
];
