import { css } from 'lit';
import { fieldBox, fieldFocus } from '../internal/field-styles.js';
import { factsStyles } from '../internal/facts-styles.js';
import { statusTagStyles } from '../internal/status-tag.js';
import { viewStyles } from '../internal/view-styles.js';
import { shared } from '../styles/shared.js';
import { tokens } from '../styles/tokens.js';

/**
 * Status colours of the billing elements: each status has its own token, falling back to the
 * global ones, used for the tag's text, dot and tint (the defaults keep at least 4.5:1 contrast
 * of the text on its tint):
 *   --porchlight-invoice-open-color, --porchlight-invoice-partially-paid-color,
 *   --porchlight-invoice-paid-color, --porchlight-invoice-void-color,
 *   --porchlight-invoice-overdue-color (the "Overdue" mark and the due date),
 *   --porchlight-payment-pending-color, --porchlight-payment-succeeded-color,
 *   --porchlight-payment-declined-color, --porchlight-payment-failed-color,
 *   --porchlight-payment-refunded-color.
 */
const statusColours = css`
  :host {
    --_inv-open: var(--porchlight-invoice-open-color, #1f4fbf);
    --_inv-partial: var(--porchlight-invoice-partially-paid-color, #8a4300);
    --_inv-paid: var(--porchlight-invoice-paid-color, var(--_success));
    --_inv-void: var(--porchlight-invoice-void-color, var(--_muted));
    --_inv-overdue: var(--porchlight-invoice-overdue-color, var(--_danger));
    --_pay-pending: var(--porchlight-payment-pending-color, #8a4300);
    --_pay-succeeded: var(--porchlight-payment-succeeded-color, var(--_success));
    --_pay-declined: var(--porchlight-payment-declined-color, var(--_danger));
    --_pay-failed: var(--porchlight-payment-failed-color, var(--_danger));
    --_pay-refunded: var(--porchlight-payment-refunded-color, var(--_muted));
  }
  .status-open {
    --_status: var(--_inv-open);
  }
  .status-partially-paid {
    --_status: var(--_inv-partial);
  }
  .status-paid {
    --_status: var(--_inv-paid);
  }
  .status-void {
    --_status: var(--_inv-void);
  }
  .status-void .dot,
  .status-refunded .dot {
    background: transparent;
    border: 1.5px solid currentColor;
  }
  .status-pending {
    --_status: var(--_pay-pending);
  }
  .status-succeeded {
    --_status: var(--_pay-succeeded);
  }
  .status-declined {
    --_status: var(--_pay-declined);
  }
  .status-failed {
    --_status: var(--_pay-failed);
  }
  .status-refunded {
    --_status: var(--_pay-refunded);
  }
`;

export const billingStyles = [
  tokens,
  shared,
  viewStyles,
  factsStyles,
  statusTagStyles,
  statusColours,
  css`
    .permission-note {
      margin-bottom: 1rem;
    }
    .muted {
      color: var(--_muted);
    }
    .list-bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem 1rem;
      margin-bottom: 1rem;
    }
    .summary {
      margin: 0;
      color: var(--_muted);
      font-size: 0.875rem;
      outline: none;
    }
    .summary:empty {
      display: none;
    }
    .num {
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    @container (min-width: 48rem) {
      .data th.num,
      .data td.num {
        text-align: right;
      }
    }

    /* ---- "Show paid invoices": a checkbox that looks like a switch ---- */
    .switch {
      align-items: center;
    }
    .switch input {
      appearance: none;
      position: relative;
      width: 2.5rem;
      height: 1.5rem;
      margin: 0;
      border: 1px solid color-mix(in srgb, var(--_border) 60%, var(--_text));
      border-radius: 999px;
      background: var(--_bg);
      cursor: pointer;
      transition: background-color 0.15s;
    }
    .switch input::before {
      content: '';
      position: absolute;
      top: 0.1875rem;
      left: 0.1875rem;
      width: 1rem;
      height: 1rem;
      border-radius: 50%;
      background: var(--_muted);
      transition: transform 0.15s;
    }
    .switch input:checked {
      border-color: var(--_primary);
      background: var(--_primary);
    }
    .switch input:checked::before {
      background: var(--_on-primary);
      transform: translateX(1rem);
    }
    .switch label {
      font-weight: 600;
      cursor: pointer;
    }
    @media (forced-colors: active) {
      .switch input {
        appearance: auto;
        width: 1.125rem;
        height: 1.125rem;
      }
      .switch input::before {
        display: none;
      }
    }

    /* ---- the invoices ---- */
    .sort-button {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      min-height: 2rem;
      padding: 0;
      border: 0;
      background: none;
      color: inherit;
      font: inherit;
      font-weight: 650;
      cursor: pointer;
    }
    .sort-button:hover {
      color: var(--_text);
    }
    .sort-button:focus-visible {
      border-radius: 2px;
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
    .sort-mark {
      font-size: 0.75em;
      opacity: 0.8;
    }
    th[aria-sort] .sort-button {
      color: var(--_text);
    }
    .invoices .number {
      white-space: nowrap;
    }
    .invoices .due time,
    .invoices .issued time {
      white-space: nowrap;
    }
    .invoices .is-overdue time {
      color: var(--_inv-overdue);
      font-weight: 650;
    }
    .overdue {
      display: inline-block;
      margin-inline-start: 0.25rem;
      padding: 0 0.4375rem;
      border: 1px solid color-mix(in srgb, var(--_inv-overdue) 45%, transparent);
      border-radius: 999px;
      background: color-mix(in srgb, var(--_inv-overdue) 8%, var(--_surface));
      color: var(--_inv-overdue);
      font-size: 0.75rem;
      font-weight: 700;
      line-height: 1.375rem;
      white-space: nowrap;
    }
    @container (min-width: 48rem) {
      .invoices th,
      .invoices td {
        padding-inline: 0.5rem;
      }
      .invoices thead th {
        vertical-align: bottom;
      }
      .invoices tr.applied > * {
        background: color-mix(in srgb, var(--_primary) 5%, var(--_surface));
      }
    }
    .apply-check {
      align-items: center;
    }
    .apply-word {
      display: none;
    }
    .amount {
      ${fieldBox}
      width: 6.75rem;
      min-height: 2.5rem;
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    .amount:focus {
      ${fieldFocus}
    }
    .amount:disabled {
      background: var(--_bg);
      color: var(--_muted);
    }
    .amount[aria-invalid='true'] {
      border-color: var(--_danger);
    }
    .amount-error {
      max-width: 14rem;
      margin-top: 0.25rem;
    }
    .pay-bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.75rem 1rem;
      margin-top: 1rem;
      padding: 0.875rem 1rem;
      border: 1px solid color-mix(in srgb, var(--_primary) 30%, var(--_border));
      border-radius: var(--_radius);
      background: color-mix(in srgb, var(--_primary) 4%, var(--_surface));
    }
    .pay-total {
      display: grid;
      gap: 0.125rem;
    }
    .pay-total-label {
      color: var(--_muted);
      font-size: 0.875rem;
      font-weight: 600;
    }
    .total-amount {
      font-size: 1.375rem;
      font-variant-numeric: tabular-nums;
    }
    .pay-buttons,
    .form-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .pay-all-note {
      flex-basis: 100%;
    }
    .sort-hint {
      display: none;
    }
    @container (max-width: 48rem) {
      /* The rows become cards: the sort buttons stay, as a row above them. */
      .sort-hint {
        display: block;
        margin: 0 0 0.25rem;
        color: var(--_muted);
        font-size: 0.8125rem;
        font-weight: 600;
      }
      .invoices thead {
        position: static;
        width: auto;
        height: auto;
        overflow: visible;
        clip: auto;
      }
      .invoices thead tr {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1.25rem;
        margin-bottom: 0.75rem;
      }
      .invoices thead th {
        display: none;
        padding: 0;
        border: 0;
      }
      .invoices thead th.sortable {
        display: block;
      }
      .data tbody td.apply {
        grid-column: 1 / -1;
      }
      .invoices tbody tr.applied {
        border-color: color-mix(in srgb, var(--_primary) 55%, var(--_border));
        background: color-mix(in srgb, var(--_primary) 4%, var(--_surface));
      }
      .apply-word {
        display: inline;
        font-weight: 600;
      }
      .data tbody td.apply .cell-label {
        display: none;
      }
      .data tbody td.pay-amount {
        grid-column: 1 / -1;
      }
      .amount {
        width: 100%;
        max-width: 14rem;
      }
      .pay-buttons,
      .pay-buttons .button {
        flex: 1 1 auto;
      }
    }

    /* ---- review and outcome ---- */
    .review,
    .result,
    .add-method,
    .autopay-form {
      display: grid;
      gap: 1rem;
      min-width: 0;
    }
    .detail-title {
      font-size: 1.1875rem;
      font-weight: 650;
      line-height: 1.3;
      outline: none;
    }
    .detail-title:focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
    .section {
      display: grid;
      gap: 0.625rem;
      min-width: 0;
    }
    .section-title {
      font-size: 1rem;
      font-weight: 650;
    }
    .review-total {
      display: flex;
      justify-content: space-between;
      gap: 1rem;
      margin: 0;
      padding-top: 0.5rem;
      border-top: 2px solid var(--_border);
      font-size: 1.0625rem;
    }
    .review-total strong {
      font-variant-numeric: tabular-nums;
    }
    .confirm-text {
      margin: 0;
    }
    .unknown-note {
      display: flex;
      gap: 0.5rem;
      color: var(--_text);
    }
    .result-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.75rem;
    }
    .result .alert-box {
      margin: 0;
    }
    .facts {
      --_facts-label-width: 9rem;
    }
    .small-loading {
      min-height: 0;
    }
    .new-method {
      display: grid;
      gap: 0.75rem;
      padding-inline-start: 1.75rem;
    }
    @container (max-width: 30rem) {
      .new-method {
        padding-inline-start: 0;
      }
    }

    /* ---- the gateway's secure form ---- */
    .gateway {
      display: grid;
      gap: 0.5rem;
      min-width: 0;
    }
    .gateway-fields {
      min-width: 0;
    }
    .gateway-frame {
      display: block;
      width: 100%;
      height: var(--porchlight-gateway-frame-height, 19rem);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    .gateway-status {
      display: flex;
      align-items: center;
      gap: 0.375rem;
      margin: 0;
      color: var(--_muted);
      font-size: 0.875rem;
    }
    .gateway-status:empty {
      display: none;
    }
    .gateway[data-phase='done'] .gateway-status {
      color: var(--_text);
      font-weight: 600;
    }
    .gateway-status .icon {
      width: 1.125rem;
      height: 1.125rem;
      color: var(--_success);
    }
    .gateway-alert .alert-box {
      margin: 0;
    }

    /* ---- saved methods ---- */
    .method-list {
      display: grid;
      gap: 0.625rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .method {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem 1rem;
      padding: 0.875rem 1rem;
      border: 1px solid color-mix(in srgb, var(--_border) 80%, transparent);
      border-radius: var(--_radius);
    }
    .method.is-default {
      border-color: color-mix(in srgb, var(--_primary) 45%, var(--_border));
    }
    .method-text {
      display: grid;
      gap: 0.125rem;
      min-width: 0;
    }
    .method-name {
      font-weight: 650;
      overflow-wrap: anywhere;
    }
    .method-tags {
      display: flex;
      flex-wrap: wrap;
      gap: 0.375rem;
    }
    .tag.default {
      border-color: color-mix(in srgb, var(--_primary) 50%, transparent);
      background: color-mix(in srgb, var(--_primary) 8%, var(--_surface));
      color: color-mix(in srgb, var(--_primary) 85%, var(--_text));
    }
    .method-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.375rem;
    }
    .kind-choice {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.25rem;
    }

    /* ---- autopay ---- */
    .autopay-state {
      display: grid;
      gap: 0.75rem;
    }
    .autopay-state .alert-box {
      margin: 0;
    }
    .authorization {
      margin: 0;
      padding: 0.875rem 1rem;
      border: 1px solid var(--_border);
      border-inline-start: 4px solid var(--_primary);
      border-radius: var(--_radius);
      background: var(--_bg);
      font-size: 0.9375rem;
      line-height: 1.55;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .agreed-text summary {
      cursor: pointer;
      font-weight: 600;
    }
    .agreed-text summary:focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
    .agreed-text .authorization {
      margin-top: 0.5rem;
    }
    .consent .field-error {
      margin-top: 0.375rem;
    }

    /* ---- history ---- */
    .payments .invoices-paid {
      overflow-wrap: anywhere;
    }
    .payments .when time {
      white-space: nowrap;
    }
    .failure {
      display: block;
      margin-top: 0.25rem;
      color: var(--_danger);
      font-size: 0.875rem;
    }
  `,
];
