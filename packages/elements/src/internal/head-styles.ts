import { css } from 'lit';

/** A card's heading row: the title and lead on the left, its buttons on the right, wrapping when narrow. */
export const headStyles = css`
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    justify-content: space-between;
    gap: 0.75rem 1rem;
    margin-bottom: 1.25rem;
  }
  .head-text {
    flex: 1 1 16rem;
    min-width: 0;
  }
`;
