import { css } from 'lit';

/** `.sr-only`: words for screen readers only, clipped to nothing on screen (live regions, a button's full name). */
export const srOnlyStyles = css`
  .sr-only {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
