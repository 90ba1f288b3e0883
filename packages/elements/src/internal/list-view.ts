import { css, html, type TemplateResult } from 'lit';

/** A list's page size as the API takes it: the `page-size` attribute rounded into 1–100, else `fallback`. */
export function pageLimit(pageSize: number, fallback: number): number {
  return Math.min(100, Math.max(1, Math.round(pageSize) || fallback));
}

/**
 * The list after "Load more": `items` then the page's items not already shown (an item that
 * moved between pages while the person read them is listed once).
 */
export function appendPage<T extends { id: string }>(items: readonly T[], page: readonly T[]): T[] {
  const shown = new Set(items.map((i) => i.id));
  return [...items, ...page.filter((i) => !shown.has(i.id))];
}

/**
 * What list views share, in the portal and the back office: the link-styled button that opens an
 * item, the "Load more" row under a list, and the "Back to …" bar above the item opened in its
 * place (`backBar`). Kept apart from templates.ts, which the sign-in bundle carries.
 */
export const listStyles = css`
  .link-button {
    padding: 0;
    border: 0;
    background: none;
    color: var(--porchlight-link-color, var(--_primary));
    font: inherit;
    font-weight: 600;
    text-align: start;
    text-decoration: underline;
    text-decoration-color: color-mix(in srgb, currentColor 35%, transparent);
    text-underline-offset: 0.2em;
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  .link-button:hover {
    text-decoration-color: currentColor;
  }
  .link-button:focus-visible {
    border-radius: 2px;
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .more {
    display: flex;
    justify-content: center;
    margin-top: 1rem;
  }
  .back-bar {
    margin-bottom: 1rem;
  }
`;

/**
 * "← Back to …" above an item opened in place of its list (a ticket, a work order, an account):
 * part `button back`, `data-back` for focus.
 */
export function backBar(label: string, onClick: () => void, disabled = false): TemplateResult {
  return html`<div class="back-bar">
    <button class="button secondary small inline" part="button back" type="button" data-back ?disabled=${disabled} @click=${onClick}>
      <span aria-hidden="true">←</span> ${label}
    </button>
  </div>`;
}
