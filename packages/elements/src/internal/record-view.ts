import { css, html, type PropertyDeclarations, type PropertyValues } from 'lit';
import { AccountView } from './account-view.js';

/**
 * A view of one record (a support request, a proposal) that its list opens in its place: a new
 * id forgets the record shown and loads that one; `show-back` puts "← Back to …" above the card
 * (part `back-button`), and once the record is shown there, its heading (`#title`) takes the focus.
 * Subclasses that override `clear` call `super.clear()`.
 */
export abstract class RecordView<D, S> extends AccountView<D, S> {
  static override properties: PropertyDeclarations = {
    ...AccountView.properties,
    showBack: { type: Boolean, attribute: 'show-back' },
  };

  /** Shows "Back to …" above the card. */
  declare showBack: boolean;

  /** The record whose heading last took the focus. */
  private focusedOn = '';

  constructor() {
    super();
    this.showBack = false;
  }

  /** The name of the property that holds the record's id (`ticketId`, `proposalId`). */
  protected abstract readonly idProperty: string;
  /** The id of the record on screen, if one is. */
  protected abstract shownId(): string | undefined;
  /** What the back button says ("Back to requests"). */
  protected abstract backLabel(): string;
  /** The back button was pressed. */
  protected abstract back(): void;

  protected override clear(): void {
    this.focusedOn = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const seen = changed as Map<PropertyKey, unknown>;
    if (seen.has(this.idProperty) && seen.get(this.idProperty) !== undefined) {
      // Another record: forget this one's state, load that one.
      this.clear();
      this.clearMessages();
      this.dialog.reset();
      void this.reload();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Opened from the list: once it is shown, its heading takes the focus.
    const id = this.shownId();
    if (this.showBack && this.phase === 'ready' && id && this.focusedOn !== id) {
      this.focusedOn = id;
      this.renderRoot.querySelector<HTMLElement>('#title')?.focus();
    }
  }

  protected override render() {
    const main = super.render();
    if (!this.showBack || !this.me) return main;
    return html`<div class="back-row">
        <button class="link-button back" part="back-button" type="button" @click=${() => this.back()}><span aria-hidden="true">←</span> ${this.backLabel()}</button>
      </div>
      ${main}`;
  }
}

/** The back row of a `RecordView`. */
export const recordViewStyles = css`
  .back-row {
    margin-bottom: 0.75rem;
  }
  .back {
    display: inline-flex;
    gap: 0.375rem;
    align-items: center;
    min-height: 2.75rem;
    text-decoration: none;
  }
`;
