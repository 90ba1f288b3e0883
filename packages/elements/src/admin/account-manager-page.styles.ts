import { css } from 'lit';
import { adminStyles } from './internal/admin-styles.js';

export const accountPageStyles = [
  ...adminStyles,
  css`
    .page {
      display: grid;
      gap: 1rem;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr));
      gap: 1rem;
      align-items: start;
    }
    .card {
      min-width: 0;
    }
    .eyebrow {
      margin: 0 0 0.125rem;
      color: var(--_muted);
      font-size: 0.8125rem;
      font-weight: 600;
      letter-spacing: 0.04em;
      text-transform: uppercase;
    }
    .summary .title {
      margin-bottom: 0.5rem;
      overflow-wrap: anywhere;
    }
    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1.5rem;
      margin: 0 0 1rem;
      font-size: 0.9375rem;
    }
    .facts div {
      display: flex;
      gap: 0.375rem;
    }
    .facts dt {
      color: var(--_muted);
    }
    .facts dd {
      margin: 0;
      font-weight: 600;
    }
    .identifier-box {
      padding: 1rem 1.125rem;
      border-radius: var(--_radius);
      background: var(--_bg);
    }
    .identifier-label {
      color: var(--_muted);
      font-size: 0.875rem;
      font-weight: 600;
    }
    .identifier-row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
    }
    .identifier {
      font-size: clamp(1.75rem, 7vw, 2.5rem);
      font-weight: 700;
      line-height: 1.2;
      letter-spacing: 0.06em;
      overflow-wrap: anywhere;
      user-select: all;
    }
    .identifier-help {
      margin: 0.25rem 0 0;
      color: var(--_muted);
      font-size: 0.875rem;
    }
    .copy-note {
      font-size: 0.875rem;
      color: var(--_success);
      font-weight: 500;
    }
    .copy-note:empty {
      display: none;
    }
    .toggle-identifier {
      margin-top: 0.5rem;
      padding-left: 0;
    }
    .toggle-identifier:disabled {
      color: var(--_muted);
      cursor: not-allowed;
      text-decoration: none;
    }
    #identifier-form form {
      max-width: 30rem;
      margin-top: 0.75rem;
    }
    .identifier-box [role='alert'] .alert-box,
    .identifier-box [role='status'] .alert-box {
      margin: 0.75rem 0 0;
    }
    .summary .note {
      margin: 1rem 0 0;
    }
    .details.person {
      margin: 0 0 1rem;
    }
    .sub-title {
      margin-top: 1.5rem;
    }
    .hint-text {
      margin: 0 0 1rem;
      color: var(--_muted);
      font-size: 0.9375rem;
    }
    .facts-list {
      margin: 0 0 1rem;
      padding-left: 1.25rem;
      font-size: 0.9375rem;
    }
    .facts-list li + li {
      margin-top: 0.125rem;
    }
    .small {
      font-size: 0.875rem;
    }
    .audit {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .audit li {
      display: grid;
      grid-template-columns: 12rem 1fr;
      gap: 0.125rem 1rem;
      padding: 0.625rem 0;
      border-bottom: 1px solid color-mix(in srgb, var(--_border) 70%, transparent);
      font-size: 0.9375rem;
      outline: none;
    }
    .audit li:focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
    .audit li:last-child {
      border-bottom: 0;
    }
    .audit time {
      grid-row: span 2;
      color: var(--_muted);
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    .audit .what {
      overflow-wrap: anywhere;
    }
    @container (max-width: 30rem) {
      .audit li {
        grid-template-columns: 1fr;
      }
      .audit time {
        grid-row: auto;
      }
    }
    .audit-wrap {
      container-type: inline-size;
    }
    .state .title {
      margin-bottom: 1rem;
    }
    code {
      padding: 0 0.25rem;
      border-radius: 4px;
      background: var(--_bg);
      font-size: 0.875em;
    }
    .alert-box a {
      font-weight: 600;
    }
  `,
];
