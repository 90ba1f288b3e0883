import { css } from 'lit';

/** Layout shared by the login and reset cards. */
export const formCard = css`
  :host {
    display: block;
    width: 100%;
  }
  .head {
    margin-bottom: 1.5rem;
  }
  .head .title {
    margin: 0;
  }
  .head .lead,
  .head ::slotted(*) {
    margin: 0.375rem 0 0;
    color: var(--_muted);
  }
  .card > p {
    margin: 0 0 1rem;
  }
`;
