import { css } from 'lit';

/**
 * Declarations (not a rule) of a button that looks like its content, not like a button: a menu
 * item, a row that opens. The rule adds its layout (display, gaps, padding).
 */
export const plainButton = css`
  border: 0;
  border-radius: var(--_radius);
  background: none;
  color: var(--_text);
  font: inherit;
  text-align: start;
  cursor: pointer;
`;
