import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { GRANT_SCOPE_LABELS, isPorchlightError, type GrantScope, type PorchlightClient, type SessionResponse } from '@porchlight/client';
import { DialogController, dialogTemplate } from './dialog.js';
import { FormElement } from './form-element.js';
import { alertIcon, infoIcon } from './icons.js';
import { errorCode, errorMessage, formFieldErrors } from './messages.js';
import { alertBox, busyLabel, headingLevel, noticeBox, textField, type TextFieldOptions } from './templates.js';

export type Phase = 'idle' | 'loading' | 'ready' | 'error';

export interface InputOptions extends Omit<TextFieldOptions, 'minlength'> {}

export interface ActOptions<R> {
  /** API field name -> form field name, for field errors. */
  fields?: Record<string, string>;
  /** The success notice (role=status), from the result. */
  success?: (result: R) => string | undefined;
  /** Shows the result at once (before the list is loaded again), e.g. drops a removed row. */
  update?: (result: R) => void;
  /** Close the dialog when it worked (default true). */
  close?: boolean;
  /** Load the data again when it worked (default true). */
  reload?: boolean;
}

/**
 * Base of the signed-in views of an account (staff manager, activity, contacts): follows the
 * session (loads again when someone else signs in), loading / error-with-Retry states, one
 * modal dialog at a time, actions in a busy state with the server's errors in the alert
 * region (the dialog's while one is open) and success in a status region.
 *
 * A view of one part of the account's data (invoices, payments, work orders, proposals,
 * documents, tickets) names it in `static grant`: a login whose grants lack that part sees a
 * calm note saying so instead of the view, and nothing is loaded (the server would refuse it
 * with NOT_GRANTED anyway).
 *
 * `D` is what `fetch` loads; `S` the state of the element's dialog.
 */
export abstract class AccountView<D, S> extends FormElement {
  /** The part of the account's data this view shows (a grant scope), or undefined when it shows no such part. */
  static grant: GrantScope | undefined = undefined;

  static override properties: PropertyDeclarations = {
    ...FormElement.properties,
    heading: {},
    phase: { state: true },
    loadError: { state: true },
    refreshing: { state: true },
    pending: { state: true },
  };

  /** The element's heading. */
  declare heading: string;

  protected declare phase: Phase;
  protected declare loadError: string;
  /** Loading again in the background (after a change), while the data stays on screen. */
  protected declare refreshing: boolean;
  /** Which action is running (e.g. `disable:<id>`), so its button says so. */
  protected declare pending: string;

  protected readonly dialog = new DialogController<S>(this, () => this.renderRoot.querySelector<HTMLElement>('#title'));

  private sessionKey: string | undefined;
  private loads = 0;

  constructor() {
    super();
    this.heading = '';
    this.phase = 'idle';
    this.loadError = '';
    this.refreshing = false;
    this.pending = '';
  }

  /** The signed-in session, once the password is no longer temporary. */
  protected get me(): SessionResponse | null {
    const { status, response } = this.sessionState;
    return status === 'signed-in' && response && !response.session.mustChangePassword ? response : null;
  }

  /** Whether this person may see the view at all (otherwise `renderNotAllowed`). */
  protected allowed(_session: SessionResponse): boolean {
    return true;
  }

  /** The part of the data the view shows (the class's `static grant`). */
  protected get grant(): GrantScope | undefined {
    return (this.constructor as typeof AccountView).grant;
  }

  /** Whether the login's grants include the view's part (a session without grants sees every part). */
  protected granted(s: SessionResponse): boolean {
    const grant = this.grant;
    return !grant || !Array.isArray(s.user.grants) || s.user.grants.includes(grant);
  }

  /** What a login without the view's part reads. */
  protected renderNotGranted(s: SessionResponse): unknown {
    const part = GRANT_SCOPE_LABELS[this.grant!].toLowerCase();
    return `Your login does not include ${part}. Ask ${s.dealer.name} for access.`;
  }

  /** Granted and allowed: the view loads and shows its data. */
  private mayLoad(s: SessionResponse): boolean {
    return this.granted(s) && this.allowed(s);
  }

  /** Loads the view's data. */
  protected abstract fetch(client: PorchlightClient, session: SessionResponse): Promise<D>;
  /** Keeps loaded data. */
  protected abstract apply(data: D): void;
  /** Forgets the data (signed out, or someone else signed in). */
  protected abstract clear(): void;

  protected abstract renderReady(session: SessionResponse): unknown;
  protected renderDialog(_state: S, _session: SessionResponse): { title: string; content: unknown; description?: string; kind?: 'form' | 'confirm' } | null {
    return null;
  }
  protected renderNotAllowed(_session: SessionResponse): unknown {
    return nothing;
  }
  /** What a signed-out visitor sees (quietly). */
  protected signedOutText(): string {
    return 'Log in to see this.';
  }
  protected abstract loadingText(): string;
  /** Under the heading. */
  protected renderLead(_session: SessionResponse): unknown {
    return nothing;
  }
  /** Buttons next to the heading (Add …). */
  protected renderToolbar(_session: SessionResponse): unknown {
    return nothing;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const s = this.me;
    const key = s
      ? [s.user.id, s.account.id, s.session.emulatedBy?.adminId ?? '', s.user.role, s.user.permissions.join(), s.account.permissions.join(), (s.user.grants ?? []).join()].join('|')
      : '';
    if (key === this.sessionKey) return;
    this.sessionKey = key;
    this.loads++;
    this.clear();
    this.clearMessages();
    this.dialog.reset();
    this.pending = '';
    this.busy = false;
    this.refreshing = false;
    this.phase = 'idle';
    if (s && this.client && this.mayLoad(s)) void this.reload();
  }

  /** Loads the data again; `quiet` keeps what is shown meanwhile (after a change). */
  async reload(quiet = false): Promise<void> {
    const client = this.client;
    const s = this.me;
    if (!client || !s || !this.mayLoad(s)) return;
    const run = ++this.loads;
    if (quiet && this.phase === 'ready') this.refreshing = true;
    else {
      this.phase = 'loading';
      this.loadError = '';
    }
    try {
      const data = await this.fetch(client, s);
      if (run !== this.loads) return;
      this.apply(data);
      this.phase = 'ready';
    } catch (error) {
      if (run !== this.loads) return;
      if (this.refreshing) {
        // The list on screen stays; say that it may be out of date.
        if (!this.dialog.isOpen) this.alert = `${errorMessage(error)} The list may be out of date.`;
      } else {
        this.loadError = errorMessage(error);
        this.phase = 'error';
      }
    } finally {
      if (run === this.loads) this.refreshing = false;
    }
  }

  private async retry(): Promise<void> {
    await this.reload();
    await this.updateComplete;
    (this.renderRoot.querySelector<HTMLElement>(this.phase === 'error' ? '.load-error button' : '#title'))?.focus();
  }

  /**
   * Runs an action (an API call) in the busy state. Success: the notice, the dialog closed,
   * the data loaded again. Failure: the server's message in the alert region (inside the open
   * dialog, whose inputs stay as typed), field errors on their fields, focus on the first
   * problem.
   */
  protected async act<R>(key: string, action: () => Promise<R>, o: ActOptions<R> = {}): Promise<R | undefined> {
    if (this.busy) return undefined;
    const session = this.sessionKey;
    this.busy = true;
    this.pending = key;
    this.clearMessages();
    try {
      const result = await action();
      // Someone else signed in meanwhile: this answer belongs to the previous session.
      if (session !== this.sessionKey) return undefined;
      o.update?.(result);
      const text = o.success?.(result);
      if (text) this.notice = { kind: 'success', text };
      if (o.close !== false) this.dialog.close();
      if (o.reload !== false) void this.reload(true);
      return result;
    } catch (error) {
      if (session !== this.sessionKey) return undefined;
      const fields = o.fields ?? {};
      const onFields = formFieldErrors(error, fields);
      this.errors = onFields;
      // Problems the form has no field for (a whole-request rule, a list) go in the alert.
      const message = errorMessage(error);
      const extra = isPorchlightError(error) ? Object.entries(error.fields ?? {}).filter(([name, text]) => !(name in fields) && text !== message) : [];
      this.alert = [message, ...extra.map(([, text]) => text)].join(' ');
      // Gone meanwhile (someone else removed it): show the list as it is now.
      if (errorCode(error) === 'NOT_FOUND') void this.reload(true);
      const first = Object.keys(onFields)[0];
      const scope = this.dialog.isOpen ? 'dialog ' : '';
      void this.focusAfterUpdate(first ? `${scope}[name="${first}"]` : `${scope}.alert-box.error`);
      return undefined;
    } finally {
      this.busy = false;
      this.pending = '';
    }
  }

  // ---- template pieces ------------------------------------------------------------------

  protected get level(): number {
    return headingLevel(this.headingLevel);
  }

  /** A sub-heading one level under the element's heading. */
  protected subheading(text: string, id?: string): TemplateResult {
    return html`<div class="subheading" part="subheading" role="heading" aria-level=${Math.min(6, this.level + 1)} id=${ifDefined(id)}>${text}</div>`;
  }

  private alertBox(): TemplateResult | typeof nothing {
    return this.alert ? alertBox(this.alert, 'alert-box error') : nothing;
  }

  /** The page's live regions: errors (when no dialog is open) and notices. */
  protected pageRegions(): TemplateResult {
    const n = this.notice;
    return html`<div role="alert" part="error" class="region">${this.dialog.isOpen ? nothing : this.alertBox()}</div>
      <div role="status" part="notice" class="region">
        ${n ? noticeBox(n) : nothing}
      </div>`;
  }

  /** A text field (form-associated) with this element's errors. */
  protected input(name: string, label: string, o: InputOptions = {}): TemplateResult {
    return textField(name, label, this.errors[name] ?? '', o);
  }

  /** A multi-line field that looks and behaves like the text fields. */
  protected textArea(name: string, label: string, o: { value?: string; hint?: string; maxlength?: number } = {}): TemplateResult {
    const error = this.errors[name];
    const described = [o.hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="control" part="field">
      <label for=${name}>${label}</label>
      ${o.hint ? html`<div class="hint" id="${name}-hint">${o.hint}</div>` : nothing}
      <textarea
        id=${name}
        name=${name}
        rows="3"
        .value=${o.value ?? ''}
        maxlength=${ifDefined(o.maxlength)}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(described || undefined)}
      ></textarea>
      ${error ? html`<div class="field-error" id="${name}-error">${alertIcon}<span>${error}</span></div>` : nothing}
    </div>`;
  }

  /** A native checkbox with its label (and an optional description). */
  protected checkbox(name: string, label: string, o: { checked?: boolean; disabled?: boolean; value?: string; hint?: string; id?: string } = {}): TemplateResult {
    const id = o.id ?? `${name}-${o.value ?? 'on'}`;
    return html`<div class="check" part="checkbox">
      <input type="checkbox" id=${id} name=${name} value=${o.value ?? 'on'} .checked=${o.checked ?? false} ?disabled=${o.disabled ?? false} aria-describedby=${ifDefined(o.hint ? `${id}-hint` : undefined)} />
      <label for=${id}>${label}${o.hint ? html`<span class="hint" id="${id}-hint">${o.hint}</span>` : nothing}</label>
    </div>`;
  }

  /** The footer of a dialog form: the main action and Cancel. */
  protected dialogActions(label: string, busyText: string, o: { danger?: boolean; type?: 'submit' | 'button'; onClick?: () => void } = {}): TemplateResult {
    return html`<div class="dialog-actions">
      <button class="button inline ${o.danger ? 'danger' : ''}" part="button" type=${o.type ?? 'submit'} ?disabled=${this.busy} @click=${o.onClick}>
        ${busyLabel(this.busy, label, busyText)}
      </button>
      <button class="button inline secondary" part="button" type="button" ?disabled=${this.busy} @click=${() => this.dialog.close()} data-cancel>Cancel</button>
    </div>`;
  }

  private renderHead(s: SessionResponse): TemplateResult {
    return html`<div class="head">
      <div class="head-text">${this.renderTitle(this.heading)}${this.renderLead(s)}</div>
      <div class="toolbar" part="toolbar">${this.renderToolbar(s)}</div>
    </div>`;
  }

  private renderBody(s: SessionResponse): unknown {
    if (this.phase === 'error') {
      return html`<div class="state load-error" part="state">
        <div class="alert-box error" role="alert">${alertIcon}<p>${this.loadError}</p></div>
        <button class="button inline" part="button" type="button" @click=${this.retry}>Retry</button>
      </div>`;
    }
    if (this.phase !== 'ready') {
      return html`<div class="loading" part="state" role="status"><span class="spinner" aria-hidden="true"></span>${this.loadingText()}</div>`;
    }
    return this.renderReady(s);
  }

  private renderOpenDialog(s: SessionResponse): unknown {
    const state = this.dialog.state;
    const d = state === null ? null : this.renderDialog(state, s);
    if (!d) return nothing;
    return dialogTemplate({
      ...d,
      level: Math.min(6, this.level + 1),
      busy: this.busy,
      onClose: () => {
        this.alert = '';
        this.errors = {};
        this.dialog.close();
      },
      alert: html`<div role="alert" class="region">${this.alertBox()}</div>`,
    });
  }

  /** The card with only the heading and a note (not granted, not allowed). */
  private noteCard(text: unknown, kind?: string): TemplateResult {
    return this.card(html`<div class="head"><div class="head-text">${this.renderTitle(this.heading)}</div></div>
      <div class="alert-box info" part="note" data-note=${ifDefined(kind)}>${infoIcon}<p>${text}</p></div>`);
  }

  protected override render() {
    if (this.missingPortal) return this.missingPortalCard();
    const { status } = this.sessionState;
    if (!this.client || status === 'pending') return this.loadingCard('Loading…');
    const s = this.me;
    if (!s) return html`<p class="quiet" part="note">${this.signedOutText()}</p>`;
    if (!this.granted(s)) return this.noteCard(this.renderNotGranted(s), 'not-granted');
    if (!this.allowed(s)) return this.noteCard(this.renderNotAllowed(s));
    return html`${this.card(html`${this.renderHead(s)} ${this.pageRegions()} ${this.renderBody(s)}`)} ${this.renderOpenDialog(s)}`;
  }
}
