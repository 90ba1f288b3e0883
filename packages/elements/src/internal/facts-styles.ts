import { css } from 'lit';

/**
 * A record's facts as a tinted `<dl class="facts">`: each `<div>` a label (`dt`, as wide as
 * `--_facts-label-width`, default 8rem) and its value (`dd`), the value wrapping under the
 * label when narrow. Used by the invoice and payment details and the work order detail.
 */
export const factsStyles = css`
  .facts {
    display: grid;
    gap: 0.375rem;
    margin: 0;
    padding: 0.875rem 1rem;
    border-radius: var(--_radius);
    background: var(--_bg);
    font-size: 0.9375rem;
  }
  .facts div {
    display: flex;
    flex-wrap: wrap;
    column-gap: 1rem;
  }
  .facts dt {
    flex: 0 0 var(--_facts-label-width, 8rem);
    color: var(--_muted);
  }
  .facts dd {
    flex: 1 1 10rem;
    min-width: 0;
    margin: 0;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
`;
