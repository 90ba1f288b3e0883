import { css } from 'lit';

/** Fieldsets without the browser's frame, and their legends: the account views' and the back office's. */
export const fieldsetStyles = css`
  fieldset {
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    margin-bottom: 0.5rem;
    padding: 0;
    font-size: 0.9375rem;
    font-weight: 600;
  }
`;
