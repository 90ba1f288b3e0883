/**
 * A status as a tag: a coloured dot and tint, and always the word (never colour alone). The
 * element's styles give each status its colour: `.status-<status> { --_status: … }`, from the
 * element's own tokens (e.g. --porchlight-ticket-open-color, --porchlight-work-order-<status>-color).
 */
import { css, html, type TemplateResult } from 'lit';

/** `part` names the tag (default `status`); `status-<status>` is always added. */
export function statusTag(status: string, label: string, part = 'status'): TemplateResult {
  return html`<span class="status-tag status-${status}" part="${part} status-${status}"><span class="dot" aria-hidden="true"></span>${label}</span>`;
}

export const statusTagStyles = css`
  .status-tag {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    padding: 0.0625rem 0.5rem;
    border: 1px solid color-mix(in srgb, var(--_status, var(--_muted)) 45%, transparent);
    border-radius: 999px;
    background: color-mix(in srgb, var(--_status, var(--_muted)) 9%, var(--_surface));
    color: color-mix(in srgb, var(--_status, var(--_text)) 85%, var(--_text));
    font-size: 0.8125rem;
    font-weight: 650;
    line-height: 1.5;
    white-space: nowrap;
  }
  .status-tag .dot {
    width: 0.5rem;
    height: 0.5rem;
    border-radius: 50%;
    background: currentColor;
  }
  @media (forced-colors: active) {
    .status-tag {
      border: 1px solid CanvasText;
    }
  }
`;
