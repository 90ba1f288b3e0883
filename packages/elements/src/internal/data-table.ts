import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';

export interface Column<T> {
  /** The column header (also the label each cell shows when the table is stacked into cards). */
  label: string;
  /** Header content when it should differ from `label` (the label stays the card label). */
  header?: unknown;
  cell: (item: T) => unknown;
  /** Extra class on the header and cells (e.g. `actions`, `num`). */
  className?: string;
  /** No label on the card (a name that heads it, or a row of buttons). */
  bare?: boolean;
}

export interface TableOptions<T> {
  /** The table's accessible name (a visually hidden caption). */
  caption: string;
  columns: Array<Column<T>>;
  items: readonly T[];
  key: (item: T) => string;
  /** Index of the column whose cells head their row (`<th scope="row">`); default 0. */
  rowHeader?: number;
  /** Extra classes of a row (e.g. `disabled`). */
  rowClass?: (item: T) => string;
  /** Set while the rows are being loaded again. */
  busy?: boolean;
  className?: string;
  /** The table may be wider than its container: the wrapper scrolls and takes focus (arrow keys scroll it). */
  scroll?: boolean;
}

/**
 * A data table that becomes a list of stacked cards when its container is narrow (see
 * viewStyles: `.data`). Explicit table roles keep the semantics when CSS changes the display,
 * and each cell carries its column label for the card view (hidden from screen readers, which
 * already announce the column header).
 */
export function dataTable<T>(o: TableOptions<T>): TemplateResult {
  const head = o.rowHeader ?? 0;
  return html`<div
    class="table-wrap"
    role=${o.scroll ? 'region' : nothing}
    aria-label=${o.scroll ? o.caption : nothing}
    tabindex=${o.scroll ? '0' : nothing}
  >
    <table class="data ${o.className ?? ''}" part="table" role="table" aria-busy=${o.busy ? 'true' : 'false'}>
      <caption class="sr-only">${o.caption}</caption>
      <thead role="rowgroup">
        <tr role="row">
          ${o.columns.map((c) => html`<th role="columnheader" scope="col" class=${c.className ?? ''}>${c.header ?? c.label}</th>`)}
        </tr>
      </thead>
      <tbody role="rowgroup">
        ${repeat(
          o.items,
          o.key,
          (item) => html`<tr role="row" part="row" class=${o.rowClass?.(item) ?? ''}>
            ${o.columns.map((c, i) => {
              const label = c.bare ? nothing : html`<span class="cell-label" aria-hidden="true">${c.label}</span>`;
              return i === head
                ? html`<th role="rowheader" scope="row" class="row-head ${c.className ?? ''}">${label}${c.cell(item)}</th>`
                : html`<td role="cell" class=${c.className ?? ''}>${label}<div class="cell-value">${c.cell(item)}</div></td>`;
            })}
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
