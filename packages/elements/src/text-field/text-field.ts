import { html, LitElement, nothing, type PropertyDeclaration } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { alertIcon } from '../internal/icons.js';
import { textFieldStyles } from './text-field.styles.js';

/**
 * <porchlight-text-field>: a labelled text input that takes part in its <form> like a native
 * one (form-associated custom element, ElementInternals): its value is in FormData, Enter
 * submits the form, reset and browser restore work, validity is reported to the form.
 *
 * The native <input> inside carries `name`, `id` and `autocomplete`, so browsers' password
 * managers recognise username, current-password and new-password fields.
 *
 * @csspart base - the wrapper of label, hint, input and error
 * @csspart label - the <label>
 * @csspart hint - the hint under the label
 * @csspart input - the native <input>
 * @csspart error - the error message
 */
export class PorchlightTextField extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = textFieldStyles;
  static override properties = {
    label: {},
    name: { reflect: true },
    value: {},
    type: {},
    autocomplete: {},
    inputmode: {},
    enterkeyhint: {},
    autocapitalize: {},
    hint: {},
    error: {},
    required: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
    readonly: { type: Boolean, reflect: true },
    minlength: { type: Number },
    maxlength: { type: Number },
    formDisabled: { state: true },
  };

  /** The visible label (also the input's accessible name). */
  declare label: string;
  /** The form field name (FormData key); also the inner input's name and id. */
  declare name: string;
  declare value: string;
  declare type: 'text' | 'password' | 'email' | 'tel';
  /** The autocomplete token: `username`, `current-password`, `new-password`, `email` … */
  declare autocomplete: string;
  declare inputmode: string;
  declare enterkeyhint: string;
  declare autocapitalize: string;
  /** Help under the label. */
  declare hint: string;
  /** An error message; shown under the input, marks it invalid and describes it. */
  declare error: string;
  declare required: boolean;
  declare disabled: boolean;
  declare readonly: boolean;
  declare minlength: number | undefined;
  declare maxlength: number | undefined;
  private declare formDisabled: boolean;

  private readonly internals: ElementInternals;

  constructor() {
    super();
    this.internals = this.attachInternals();
    this.label = '';
    this.name = '';
    this.value = '';
    this.type = 'text';
    this.autocomplete = '';
    this.inputmode = '';
    this.enterkeyhint = '';
    this.autocapitalize = '';
    this.hint = '';
    this.error = '';
    this.required = false;
    this.disabled = false;
    this.readonly = false;
    this.formDisabled = false;
  }

  /** The native input (after the first render). */
  get input(): HTMLInputElement | null {
    return this.renderRoot?.querySelector('input') ?? null;
  }

  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  get validity(): ValidityState {
    return this.internals.validity;
  }

  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  checkValidity(): boolean {
    return this.internals.checkValidity();
  }

  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  select(): void {
    this.input?.select();
  }

  formResetCallback(): void {
    this.value = this.getAttribute('value') ?? '';
  }

  formStateRestoreCallback(state: unknown): void {
    this.value = typeof state === 'string' ? state : '';
  }

  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: PropertyDeclaration): void {
    super.requestUpdate(name, oldValue, options);
    // The form value changes at once (not at the next render), so a submit or FormData
    // right after typing or setting `value` sees it. Passwords are submitted but never
    // kept as restorable state, like native password inputs.
    if ((name === 'value' || name === 'type') && this.internals) {
      this.internals.setFormValue(this.value, this.type === 'password' ? '' : this.value);
    }
  }

  protected override updated(): void {
    const input = this.input;
    if (!input) return;
    if (this.error) this.internals.setValidity({ customError: true }, this.error, input);
    else if (!input.validity.valid) this.internals.setValidity(input.validity, input.validationMessage, input);
    else this.internals.setValidity({});
  }

  private onInput(event: Event): void {
    this.value = (event.target as HTMLInputElement).value;
  }

  private onChange(event: Event): void {
    this.value = (event.target as HTMLInputElement).value;
    // `change` does not leave the shadow root by itself.
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  private onKeydown(event: KeyboardEvent): void {
    // Implicit submission stops at the shadow root: do it here, like a native input would.
    if (event.key !== 'Enter' || event.isComposing || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const form = this.internals.form;
    if (!form) return;
    event.preventDefault();
    this.value = (event.target as HTMLInputElement).value;
    // Like the browser: submit through the form's default button, and not when it is disabled.
    const button = [...form.elements].find((e): e is HTMLButtonElement | HTMLInputElement => (e as HTMLButtonElement).type === 'submit');
    if (!button) form.requestSubmit();
    else if (!button.disabled) form.requestSubmit(button);
  }

  protected override render() {
    const id = this.name || 'input';
    const describedBy = [this.hint ? 'hint' : '', this.error ? 'error' : ''].filter(Boolean).join(' ');
    return html`
      <div class="field" part="base">
        <label part="label" for=${id}>${this.label}</label>
        ${this.hint ? html`<div part="hint" id="hint" class="hint">${this.hint}</div>` : nothing}
        <input
          part="input"
          id=${id}
          name=${ifDefined(this.name || undefined)}
          type=${this.type || 'text'}
          .value=${this.value}
          autocomplete=${ifDefined(this.autocomplete || undefined)}
          inputmode=${ifDefined(this.inputmode || undefined)}
          enterkeyhint=${ifDefined(this.enterkeyhint || undefined)}
          autocapitalize=${ifDefined(this.autocapitalize || undefined)}
          minlength=${ifDefined(this.minlength)}
          maxlength=${ifDefined(this.maxlength)}
          spellcheck="false"
          ?required=${this.required}
          ?disabled=${this.disabled || this.formDisabled}
          ?readonly=${this.readonly}
          aria-invalid=${this.error ? 'true' : 'false'}
          aria-describedby=${ifDefined(describedBy || undefined)}
          @input=${this.onInput}
          @change=${this.onChange}
          @keydown=${this.onKeydown}
        />
        ${this.error
          ? html`<div part="error" id="error" class="error">
              ${alertIcon}
              <span>${this.error}</span>
            </div>`
          : nothing}
      </div>
    `;
  }
}
