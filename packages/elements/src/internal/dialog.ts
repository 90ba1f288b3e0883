import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

/** The element focused now, following shadow roots down. */
export function activeElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : null;
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/**
 * One modal dialog at a time for an element: a native <dialog> opened with showModal() (so
 * the page behind it is inert, Tab stays inside and Escape closes it), focus moved into it,
 * and given back to the control that opened it when it closes (or to `fallback` when that
 * control is gone, e.g. the row of a removed record).
 */
export class DialogController<S> implements ReactiveController {
  state: S | null = null;
  private opener: HTMLElement | null = null;
  private focusOnOpen = '';
  private restoreFocus = false;

  constructor(
    private readonly host: Host,
    private readonly fallback: () => HTMLElement | null,
  ) {
    host.addController(this);
  }

  get isOpen(): boolean {
    return this.state !== null;
  }

  /**
   * Opens the dialog for `state`; `focus` selects what gets focus in it (default:
   * `[data-autofocus]`, else the first control); `opener` gets focus back when it closes.
   */
  open(state: S, focus = '[data-autofocus]', opener: HTMLElement | null = activeElement()): void {
    if (!this.state) this.opener = opener;
    this.state = state;
    this.focusOnOpen = focus;
    this.host.requestUpdate();
  }

  /** Changes the state of the open dialog (e.g. to keep what was typed). */
  set(state: S): void {
    if (!this.state) return;
    this.state = state;
    this.host.requestUpdate();
  }

  /** The open dialog's state when it is of `kind` (for states that name their kind). */
  ofKind<K extends string>(kind: K): Extract<S, { kind: K }> | undefined {
    const state = this.state as { kind?: unknown } | null;
    return state?.kind === kind ? (state as Extract<S, { kind: K }>) : undefined;
  }

  /** Changes part of the open dialog's state when it is of `kind`. */
  patch<K extends string>(kind: K, patch: Partial<Extract<S, { kind: K }>>): void {
    const state = this.ofKind(kind);
    if (state) this.set({ ...state, ...patch } as S);
  }

  close(): void {
    if (!this.state) return;
    this.state = null;
    this.restoreFocus = true;
    this.host.requestUpdate();
  }

  /** Forgets the dialog without moving focus (the session changed). */
  reset(): void {
    this.state = null;
    this.opener = null;
    this.restoreFocus = false;
  }

  hostUpdated(): void {
    const dialog = this.host.renderRoot.querySelector<HTMLDialogElement>('dialog.dialog');
    if (dialog && !dialog.open && dialog.isConnected) {
      dialog.showModal();
      const target = dialog.querySelector<HTMLElement>(this.focusOnOpen) ?? dialog.querySelector<HTMLElement>('input, select, textarea, porchlight-text-field, button:not(.dialog-close)');
      // A text field renders its input a moment after it is connected: focus it then.
      const ready = (target as { updateComplete?: Promise<unknown> } | null)?.updateComplete;
      if (ready) void ready.then(() => target?.focus());
      else target?.focus();
    }
    if (this.restoreFocus && !this.state) {
      this.restoreFocus = false;
      const target = this.opener?.isConnected && !this.opener.matches(':disabled') ? this.opener : this.fallback();
      this.opener = null;
      target?.focus();
    }
  }
}

export interface DialogOptions {
  title: string;
  /** Heading level of the dialog title. */
  level: number;
  /** Closing is refused while busy (a request is running). */
  busy: boolean;
  onClose: () => void;
  /** The alert region (errors stay inside the dialog, where the reader is). */
  alert: unknown;
  content: unknown;
  /** A short description under the title, linked as the dialog's description. */
  description?: string;
  kind?: 'form' | 'confirm';
}

/** The markup of a modal dialog (DialogController opens it). */
export function dialogTemplate(o: DialogOptions): TemplateResult {
  const cancel = (event: Event) => {
    // Escape: close through our state (so focus is restored), never while a request runs.
    event.preventDefault();
    if (!o.busy) o.onClose();
  };
  return html`<dialog
    class="dialog ${o.kind ?? 'form'}"
    part="dialog"
    aria-labelledby="dialog-title"
    aria-describedby=${o.description ? 'dialog-description' : nothing}
    @cancel=${cancel}
  >
    <div class="dialog-head">
      <div class="dialog-title" part="dialog-title" id="dialog-title" role="heading" aria-level=${o.level}>${o.title}</div>
      <button class="dialog-close" part="dialog-close" type="button" ?disabled=${o.busy} @click=${o.onClose}>
        <span aria-hidden="true">×</span><span class="sr-only">Close</span>
      </button>
    </div>
    ${o.description ? html`<p class="dialog-description" id="dialog-description">${o.description}</p>` : nothing} ${o.alert} ${o.content}
  </dialog>`;
}
