import { css } from 'lit';

/** Card, headings, buttons, alerts, spinner and details list shared by the elements. */
// Details: label and value side by side; the value goes under its label when the card is narrow.
export const shared = css`
  .card {
    background: var(--porchlight-card-background, var(--_surface));
    border: var(--porchlight-card-border, 1px solid color-mix(in srgb, var(--_border) 75%, transparent));
    border-radius: var(--porchlight-card-radius, calc(var(--_radius) * 1.75));
    box-shadow: var(--porchlight-card-shadow, 0 1px 2px rgb(16 24 40 / 0.05), 0 12px 32px -8px rgb(16 24 40 / 0.12));
    padding: var(--porchlight-card-padding, clamp(1.25rem, 5vw, 2rem));
  }
  .title {
    margin: 0 0 0.25rem;
    font-size: 1.375rem;
    font-weight: 650;
    line-height: 1.25;
    letter-spacing: -0.01em;
    outline: none;
  }
  .stack {
    display: grid;
    gap: 1.125rem;
  }
  form {
    margin: 0;
  }
  .actions {
    display: grid;
    gap: 0.75rem;
    margin-top: 0.5rem;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    width: 100%;
    min-height: 2.75rem;
    padding: 0.625rem 1.25rem;
    border: 1px solid transparent;
    border-radius: var(--porchlight-button-radius, var(--_radius));
    background: var(--porchlight-button-background, var(--_primary));
    color: var(--porchlight-button-text, var(--_on-primary));
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    transition: background-color 0.15s, box-shadow 0.15s;
  }
  .button:hover:not(:disabled) {
    background: color-mix(in srgb, var(--porchlight-button-background, var(--_primary)) 88%, #000);
  }
  .button:disabled {
    cursor: progress;
    opacity: 0.8;
  }
  .button.secondary {
    background: var(--porchlight-button-secondary-background, transparent);
    color: var(--porchlight-button-secondary-text, var(--_text));
    border-color: var(--_border);
  }
  .button.secondary:hover:not(:disabled) {
    background: var(--_bg);
  }
  .link {
    justify-self: center;
    padding: 0.25rem 0.375rem;
    border: 0;
    border-radius: 4px;
    background: none;
    color: var(--porchlight-link-color, var(--_primary));
    font: inherit;
    font-size: 0.9375rem;
    font-weight: 500;
    text-decoration: underline;
    text-decoration-color: transparent;
    text-underline-offset: 0.2em;
    cursor: pointer;
  }
  .link:hover {
    text-decoration-color: currentColor;
  }
  .button:focus-visible,
  .link:focus-visible,
  a:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  a {
    color: var(--porchlight-link-color, var(--_primary));
  }
  .alert-box {
    display: flex;
    gap: 0.625rem;
    margin-bottom: 1.25rem;
    padding: 0.75rem 0.875rem;
    border: 1px solid color-mix(in srgb, var(--_danger) 30%, transparent);
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_danger) 7%, var(--_surface));
    color: var(--_danger);
    font-size: 0.9375rem;
    outline: none;
  }
  .alert-box.info {
    border-color: color-mix(in srgb, var(--_primary) 30%, transparent);
    background: color-mix(in srgb, var(--_primary) 7%, var(--_surface));
    color: var(--_text);
  }
  .alert-box.success {
    border-color: color-mix(in srgb, var(--_success) 35%, transparent);
    background: color-mix(in srgb, var(--_success) 8%, var(--_surface));
    color: var(--_text);
  }
  .alert-box p {
    margin: 0;
  }
  .card > :last-child,
  .card > :last-child > .alert-box {
    margin-bottom: 0;
  }
  .alert-box.info .icon {
    color: var(--_primary);
  }
  .alert-box.success .icon {
    color: var(--_success);
  }
  a.button {
    text-decoration: none;
  }
  .icon {
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
    margin-top: 0.0625rem;
  }
  .spinner {
    flex: none;
    width: 1.125rem;
    height: 1.125rem;
    border: 2px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: spin 0.7s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 2s;
    }
  }
  .loading {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 0.75rem;
    min-height: 10rem;
    color: var(--_muted);
  }
  .details {
    display: grid;
    gap: 0.5rem;
    margin: 1.25rem 0 1.5rem;
    padding: 1rem;
    border-radius: var(--_radius);
    background: var(--_bg);
    font-size: 0.9375rem;
  }
  .details div {
    display: flex;
    flex-wrap: wrap;
    column-gap: 1rem;
  }
  .details dt {
    flex: 0 0 9.5rem;
    color: var(--_muted);
  }
  .details dd {
    flex: 1 1 8rem;
    min-width: 0;
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .muted {
    color: var(--_muted);
  }
  @media (forced-colors: active) {
    .button,
    .alert-box {
      border: 1px solid CanvasText;
    }
  }
`;
