import { css } from 'lit';
import { adminStyles } from './internal/admin-styles.js';
import { dialogStyles } from '../internal/dialog-styles.js';
import { fieldBox, fieldError, fieldFocus, fieldLabel } from '../internal/field-styles.js';

export const adminMessagesStyles = [
  ...adminStyles,
  dialogStyles,
  css`
    .head {
      margin-bottom: 1rem;
    }
    .region > .alert-box {
      margin-bottom: 1rem;
    }
    .messages {
      list-style: none;
      margin: 0 0 1rem;
      padding: 0;
      display: grid;
      gap: 0.75rem;
    }
    .message {
      display: grid;
      gap: 0.375rem;
      padding: 0.75rem 1rem;
      border: 1px solid var(--_border, #d0d5dd);
      border-radius: 0.5rem;
    }
    .message.expired {
      border-style: dashed;
    }
    .message-title {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.375rem 0.5rem;
      font-weight: 600;
      margin: 0;
    }
    .message-body {
      margin: 0;
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .meta {
      margin: 0;
      font-size: 0.875rem;
    }
    .row-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .control {
      display: grid;
      gap: 0.375rem;
    }
    .control label {
      ${fieldLabel}
    }
    .control .hint {
      font-size: 0.875rem;
    }
    textarea,
    input[type='date'] {
      ${fieldBox}
    }
    textarea {
      resize: vertical;
      min-height: 6rem;
    }
    textarea:focus,
    input[type='date']:focus {
      ${fieldFocus}
    }
    [aria-invalid='true'] {
      border-color: var(--_danger);
    }
    .field-error {
      ${fieldError}
    }
    .field-error .icon {
      width: 1rem;
      height: 1rem;
      margin-top: 0.125rem;
    }
    fieldset.post {
      border: 0;
      margin: 0;
      padding: 0;
      min-width: 0;
      display: grid;
      gap: 1rem;
    }
    .post-section {
      margin-top: 1.5rem;
      display: grid;
      gap: 0.75rem;
    }
  `,
];
