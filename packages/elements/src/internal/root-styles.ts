import { css } from 'lit';

/**
 * What the roots (<porchlight-portal>, <porchlight-admin>) share on top of `shared`: the
 * wrapper, and the error and loading states. The loading state fades in after 0.3 s, so fast
 * loads do not flash.
 */
export const rootStyles = css`
  :host {
    display: block;
  }
  .base {
    display: grid;
    gap: 1rem;
    outline: none;
  }
  .state {
    text-align: center;
  }
  .state .title {
    margin-bottom: 0.5rem;
  }
  .state p {
    margin: 0 0 1.25rem;
    color: var(--_muted);
  }
  .state .button {
    min-width: 8rem;
  }
  .loading {
    animation: appear 0.2s 0.3s both;
  }
  @keyframes appear {
    from {
      opacity: 0;
    }
  }
`;
