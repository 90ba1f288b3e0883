import { css } from 'lit';
import { plainButton } from '../internal/button-styles.js';
import { srOnlyStyles } from '../internal/sr-only.js';
import { shared } from '../styles/shared.js';
import { tokens } from '../styles/tokens.js';

export const accountSwitcherStyles = [
  tokens,
  shared,
  srOnlyStyles,
  css`
    :host {
      display: inline-block;
      max-width: 100%;
    }
    .base {
      position: relative;
      max-width: 100%;
    }
    .trigger {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      max-width: 100%;
      min-height: 2.75rem;
      padding: 0.5rem 0.75rem 0.5rem 0.875rem;
      border: 1px solid var(--porchlight-account-switcher-border-color, var(--_border));
      border-radius: var(--porchlight-button-radius, var(--_radius));
      background: var(--porchlight-account-switcher-background, var(--_surface));
      color: var(--_text);
      font: inherit;
      text-align: start;
      cursor: pointer;
      transition: background-color 0.15s, border-color 0.15s;
    }
    .trigger:hover:not([aria-disabled='true']) {
      border-color: color-mix(in srgb, var(--_border) 50%, var(--_text));
      background: color-mix(in srgb, var(--_bg) 60%, var(--_surface));
    }
    .trigger:focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
    .trigger[aria-disabled='true'] {
      cursor: progress;
      color: var(--_muted);
    }
    .text {
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .label {
      color: var(--_muted);
    }
    .name {
      font-weight: 600;
    }
    .id {
      color: var(--_muted);
      font-variant-numeric: tabular-nums;
    }
    .chevron {
      flex: none;
      width: 1.125rem;
      height: 1.125rem;
      color: var(--_muted);
      transition: transform 0.15s;
    }
    .trigger[aria-expanded='true'] .chevron {
      transform: rotate(180deg);
    }
    .menu {
      position: absolute;
      z-index: 10;
      inset-inline-start: 0;
      top: calc(100% + 0.375rem);
      min-width: max(100%, 16rem);
      max-width: min(26rem, calc(100vw - 2rem));
      max-height: 20rem;
      overflow-y: auto;
      margin: 0;
      padding: 0.375rem;
      list-style: none;
      border: 1px solid color-mix(in srgb, var(--_border) 80%, transparent);
      border-radius: calc(var(--_radius) * 1.25);
      background: var(--_surface);
      box-shadow: 0 1px 2px rgb(16 24 40 / 0.06), 0 12px 32px -8px rgb(16 24 40 / 0.2);
    }
    .item {
      display: flex;
      align-items: flex-start;
      gap: 0.5rem;
      width: 100%;
      min-height: 2.75rem;
      padding: 0.5rem 0.625rem;
      ${plainButton}
    }
    .item:hover,
    .item:focus-visible {
      background: color-mix(in srgb, var(--_primary) 8%, var(--_surface));
      outline: none;
    }
    .item:focus-visible {
      box-shadow: inset 0 0 0 2px var(--_focus);
    }
    .item[aria-checked='true'] .item-name {
      font-weight: 600;
    }
    .check {
      flex: none;
      width: 1rem;
      color: var(--_primary);
      font-weight: 700;
    }
    .item-text {
      display: flex;
      flex-direction: column;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .item-id {
      color: var(--_muted);
      font-size: 0.875rem;
      font-variant-numeric: tabular-nums;
    }
    .alert-box {
      margin: 0.5rem 0 0;
    }
    @media (forced-colors: active) {
      .trigger,
      .menu {
        border: 1px solid CanvasText;
      }
      .item:focus-visible {
        outline: 2px solid Highlight;
      }
    }
  `,
];
