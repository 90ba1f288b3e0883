import { css } from 'lit';
import { recordViewStyles } from '../internal/record-view.js';
import { viewStyles } from '../internal/view-styles.js';
import { shared } from '../styles/shared.js';
import { tokens } from '../styles/tokens.js';

/**
 * What the proposals list and the signer share: the status tag (text and a coloured dot), the
 * number cells and the form buttons (the link-like buttons and "Load more" come with
 * `viewStyles`). Per-element tokens fall back to the global ones, so a dealer's branding applies:
 *   --porchlight-proposal-open-color, --porchlight-proposal-accepted-color,
 *   --porchlight-proposal-rejected-color, --porchlight-proposal-closed-color (expired, withdrawn).
 */
export const proposalSharedStyles = css`
  :host {
    --_p-open: var(--porchlight-proposal-open-color, var(--_primary));
    --_p-accepted: var(--porchlight-proposal-accepted-color, var(--_success));
    --_p-rejected: var(--porchlight-proposal-rejected-color, var(--_danger));
    --_p-closed: var(--porchlight-proposal-closed-color, var(--_muted));
  }
  .status {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    padding: 0 0.5rem;
    border: 1px solid color-mix(in srgb, currentColor 40%, transparent);
    border-radius: 999px;
    font-size: 0.8125rem;
    font-weight: 650;
    line-height: 1.5rem;
    white-space: nowrap;
  }
  .status .dot {
    width: 0.5rem;
    height: 0.5rem;
    border-radius: 50%;
    background: currentColor;
  }
  .status-open {
    background: color-mix(in srgb, var(--_p-open) 8%, var(--_surface));
    color: color-mix(in srgb, var(--_p-open) 85%, var(--_text));
  }
  .status-accepted {
    background: color-mix(in srgb, var(--_p-accepted) 8%, var(--_surface));
    color: color-mix(in srgb, var(--_p-accepted) 85%, var(--_text));
  }
  .status-rejected {
    background: color-mix(in srgb, var(--_p-rejected) 7%, var(--_surface));
    color: color-mix(in srgb, var(--_p-rejected) 85%, var(--_text));
  }
  .status-expired,
  .status-withdrawn {
    background: var(--_bg);
    color: var(--_p-closed);
  }
  .status-withdrawn .dot {
    background: transparent;
    border: 1.5px solid currentColor;
  }
  .number {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .num {
    font-variant-numeric: tabular-nums;
  }
  .form-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-top: 0.25rem;
  }
  @container (max-width: 30rem) {
    .form-actions .button {
      flex: 1 1 auto;
    }
  }
  @media (forced-colors: active) {
    .status {
      border: 1px solid CanvasText;
    }
  }
`;

export const proposalsStyles = [
  tokens,
  shared,
  viewStyles,
  proposalSharedStyles,
  css`
    .group .subheading {
      margin-top: 0.5rem;
    }
    .note + .group .subheading {
      margin-top: 1.25rem;
    }
    .group + .group .subheading {
      margin-top: 2rem;
    }
    .proposals .title-cell {
      min-width: 10rem;
    }
    .proposals .total,
    .proposals .expires {
      white-space: nowrap;
    }
  `,
];

export const proposalSignerStyles = [
  tokens,
  shared,
  viewStyles,
  proposalSharedStyles,
  recordViewStyles,
  css`
    :host {
      --_ink: var(--porchlight-signature-ink-color, #1c2430);
      --_paper: var(--porchlight-signature-pad-background, #ffffff);
    }
    .details {
      margin-top: 0;
    }
    .details dd .status {
      vertical-align: middle;
    }
    .lines .description {
      min-width: 12rem;
      white-space: pre-wrap;
    }
    .lines th.num,
    .lines td.num {
      text-align: right;
      white-space: nowrap;
    }
    @container (max-width: 48rem) {
      .lines th.num,
      .lines td.num {
        text-align: left;
      }
    }
    .totals {
      display: grid;
      justify-content: end;
      gap: 0.25rem;
      margin: 1rem 0 0;
      font-variant-numeric: tabular-nums;
    }
    .totals div {
      display: flex;
      justify-content: space-between;
      gap: 2rem;
    }
    .totals dt {
      color: var(--_muted);
    }
    .totals dd {
      margin: 0;
      text-align: right;
    }
    .totals .grand {
      padding-top: 0.375rem;
      border-top: 1px solid var(--_border);
      font-size: 1.0625rem;
      font-weight: 700;
    }
    .totals .grand dt {
      color: var(--_text);
    }
    @container (max-width: 30rem) {
      .totals {
        justify-content: stretch;
      }
    }
    .terms {
      margin: 0;
      padding: 0.875rem 1rem;
      border: 1px solid color-mix(in srgb, var(--_border) 70%, transparent);
      border-radius: var(--_radius);
      background: var(--_bg);
      font-size: 0.9375rem;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .decision {
      margin-top: 2rem;
      padding-top: 0.25rem;
      border-top: 1px solid color-mix(in srgb, var(--_border) 70%, transparent);
    }
    .decision .subheading {
      margin-top: 1.25rem;
      outline: none;
    }
    .decide-buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      margin-top: 0.75rem;
    }
    @container (max-width: 30rem) {
      .decide-buttons .button {
        flex: 1 1 auto;
      }
    }
    .step {
      padding: clamp(0.875rem, 3vw, 1.25rem);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    .step-title {
      font-size: 1.0625rem;
      font-weight: 650;
      outline: none;
    }
    .consent-text {
      max-height: 16rem;
      overflow: auto;
      margin: 0;
      padding: 0.875rem 1rem;
      border-radius: var(--_radius);
      background: var(--_bg);
      font-size: 0.9375rem;
    }
    .consent-text:focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
    .signature {
      display: grid;
      gap: 0.5rem;
    }
    .signature p {
      margin: 0;
    }
    .signature .hint {
      font-size: 0.875rem;
    }
    .signature-label {
      font-size: 0.9375rem;
      font-weight: 600;
    }
    .intent {
      margin: 0;
      font-weight: 650;
    }
    .pad {
      position: relative;
      overflow: hidden;
      border: 1px solid color-mix(in srgb, var(--_border) 80%, var(--_text));
      border-radius: var(--_radius);
      background: var(--_paper);
    }
    .pad.invalid {
      border-color: var(--_danger);
    }
    .pad:focus-within {
      border-color: var(--_focus);
      box-shadow: 0 0 0 3px color-mix(in srgb, var(--_focus) 25%, transparent);
    }
    .pad canvas {
      display: block;
      width: 100%;
      height: var(--porchlight-signature-pad-height, 11rem);
      color: var(--_ink);
      touch-action: none;
      user-select: none;
      -webkit-user-select: none;
      cursor: crosshair;
      outline: none;
    }
    .pad-line {
      position: absolute;
      right: 1rem;
      bottom: 2.25rem;
      left: 1rem;
      border-bottom: 1px dashed color-mix(in srgb, var(--_ink) 30%, transparent);
      pointer-events: none;
    }
    .pad-actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem 1rem;
    }
    .outcome {
      display: grid;
      gap: 0.5rem;
      justify-items: start;
      margin-top: 0.5rem;
      padding: 1rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
    }
    .outcome p {
      margin: 0;
    }
    .outcome-title {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      font-weight: 700;
    }
    .outcome-accepted {
      border-color: color-mix(in srgb, var(--_p-accepted) 40%, transparent);
      background: color-mix(in srgb, var(--_p-accepted) 7%, var(--_surface));
    }
    .outcome-accepted .icon {
      color: var(--_p-accepted);
    }
    .outcome-rejected {
      border-color: color-mix(in srgb, var(--_p-rejected) 35%, transparent);
      background: color-mix(in srgb, var(--_p-rejected) 5%, var(--_surface));
    }
    .outcome-rejected .icon {
      color: var(--_p-rejected);
    }
    .outcome .note-text {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .permission-note {
      margin-top: 0.5rem;
    }
    @media (forced-colors: active) {
      .pad {
        border: 1px solid CanvasText;
      }
      .pad canvas {
        forced-color-adjust: none;
      }
    }
  `,
];
