import { css } from 'lit';

/**
 * Three tiers of tokens (as in Material Web):
 *   1. built-in defaults (below, the values after the last comma),
 *   2. global tokens a dealer sets once: --porchlight-color-primary, --porchlight-font-family …
 *      (<porchlight-portal> sets them from the dealer's branding),
 *   3. component tokens that fall back to them: --porchlight-button-background …
 * Elements read private copies (--_name) so every rule sees one resolved value.
 */
export const tokens = css`
  :host {
    --_primary: var(--porchlight-color-primary, #2952cc);
    --_on-primary: var(--porchlight-color-primary-text, #ffffff);
    --_accent: var(--porchlight-color-accent, #f2a900);
    --_text: var(--porchlight-color-text, #1c2430);
    --_muted: var(--porchlight-color-text-muted, #5a6472);
    --_bg: var(--porchlight-color-background, #f4f6f9);
    --_surface: var(--porchlight-color-surface, #ffffff);
    --_border: var(--porchlight-color-border, #d0d6df);
    --_danger: var(--porchlight-color-danger, #b42318);
    --_success: var(--porchlight-color-success, #137333);
    --_radius: var(--porchlight-radius, 8px);
    --_focus: var(--porchlight-focus-color, var(--_primary));
    --_font: var(--porchlight-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
    font-family: var(--_font);
    font-size: var(--porchlight-font-size, 1rem);
    line-height: 1.5;
    color: var(--_text);
    -webkit-font-smoothing: antialiased;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
`;
