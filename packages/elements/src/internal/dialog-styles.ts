import { css } from 'lit';

/** The modal dialog of internal/dialog.ts (head, title, close button, description, actions). */
export const dialogStyles = css`
  .dialog {
    width: min(34rem, calc(100vw - 1.5rem));
    max-height: calc(100dvh - 1.5rem);
    padding: var(--porchlight-dialog-padding, clamp(1.125rem, 4vw, 1.75rem));
    overflow: auto;
    border: var(--porchlight-dialog-border, 1px solid var(--_border));
    border-radius: var(--porchlight-dialog-radius, calc(var(--_radius) * 1.5));
    background: var(--porchlight-dialog-background, var(--_surface));
    color: var(--_text);
    box-shadow: 0 24px 48px -12px rgb(16 24 40 / 0.3);
  }
  .dialog.confirm {
    width: min(28rem, calc(100vw - 1.5rem));
  }
  .dialog::backdrop {
    background: var(--porchlight-backdrop, rgb(16 24 40 / 0.5));
  }
  .dialog-head {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 1rem;
    margin-bottom: 1rem;
  }
  .dialog-title {
    font-size: 1.25rem;
    font-weight: 650;
    line-height: 1.3;
  }
  .dialog-close {
    flex: none;
    width: 2.25rem;
    height: 2.25rem;
    margin: -0.375rem -0.5rem 0 0;
    border: 0;
    border-radius: var(--_radius);
    background: none;
    color: var(--_muted);
    font: inherit;
    font-size: 1.5rem;
    line-height: 1;
    cursor: pointer;
  }
  .dialog-close:hover:not(:disabled) {
    background: var(--_bg);
    color: var(--_text);
  }
  .dialog-close:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .dialog-description {
    margin: -0.5rem 0 1rem;
    color: var(--_muted);
  }
  .dialog p {
    margin-top: 0;
  }
  .dialog .stack > p {
    margin: 0;
  }
  .dialog-actions {
    display: flex;
    flex-wrap: wrap-reverse;
    justify-content: flex-end;
    gap: 0.75rem;
    margin-top: 0.5rem;
  }
  @media (max-width: 30rem) {
    .dialog-actions .button {
      flex: 1 1 auto;
    }
  }
  @media (forced-colors: active) {
    .dialog {
      border: 1px solid CanvasText;
    }
  }
`;
