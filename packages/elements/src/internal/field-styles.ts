import { css } from 'lit';

// Declarations (not rules), written into the rules of the text field's input and of the views'
// selects and text areas, so they look alike and follow the same --porchlight-field-* properties.
// Inputs use at least 16px: smaller text makes phones zoom the page when the field is focused.

/** The box of a field: size, border, background, text. */
export const fieldBox = css`
  width: 100%;
  min-height: var(--porchlight-field-height, 2.75rem);
  padding: 0.5rem 0.75rem;
  border: 1px solid var(--porchlight-field-border-color, color-mix(in srgb, var(--_border) 80%, var(--_text)));
  border-radius: var(--porchlight-field-radius, var(--_radius));
  background: var(--porchlight-field-background, var(--_surface));
  color: var(--porchlight-field-text, var(--_text));
  font: inherit;
  font-size: max(1rem, 16px);
`;

/** A focused field. */
export const fieldFocus = css`
  outline: 2px solid transparent;
  border-color: var(--_focus);
  box-shadow: 0 0 0 3px color-mix(in srgb, var(--_focus) 25%, transparent);
`;

/** A field's label. */
export const fieldLabel = css`
  font-size: 0.9375rem;
  font-weight: 600;
  color: var(--porchlight-field-label-color, var(--_text));
`;

/** The error message under a field. */
export const fieldError = css`
  display: flex;
  gap: 0.375rem;
  font-size: 0.875rem;
  font-weight: 500;
  color: var(--_danger);
`;
