import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Address, PorchlightClient, Profile, SessionResponse, UpdateProfileRequest } from '@porchlight/client';
import { PASSWORD_MIN_LENGTH } from '@porchlight/core';
import { emit } from '../events.js';
import { AccountView } from '../internal/account-view.js';
import { takeFragmentParam } from '../internal/fragment.js';
import { alertBox, noticeBox, type Notice } from '../internal/templates.js';
import { errorMessage } from '../internal/messages.js';
import { profileStyles } from './profile.styles.js';

const ADDRESS_PARTS = [
  ['line1', 'Street address', 'address-line1'],
  ['line2', 'Apartment, suite, unit (optional)', 'address-line2'],
  ['city', 'City', 'address-level2'],
  ['region', 'State or province', 'address-level1'],
  ['postalCode', 'ZIP or postal code', 'postal-code'],
  ['country', 'Country (optional)', 'country-name'],
] as const;
type Kind = 'mailingAddress' | 'billingAddress';

const FIELD_NAMES = ['name', 'phone', 'email', 'currentPassword', 'useCompanyAddress', ...(['mailingAddress', 'billingAddress'] as const).flatMap((k) => ADDRESS_PARTS.map(([p]) => `${k}.${p}`))];
const FIELDS = Object.fromEntries(FIELD_NAMES.map((n) => [n, n]));
const PASSWORD_FIELDS = { currentPassword: 'oldPassword', newPassword: 'newPassword' };

const sameAddress = (a: Address | null | undefined, b: Address | null | undefined) =>
  JSON.stringify(a ? ADDRESS_PARTS.map(([p]) => a[p] || '') : null) === JSON.stringify(b ? ADDRESS_PARTS.map(([p]) => b[p] || '') : null);

function addressLines(a: Address): string {
  return [a.line1, a.line2, `${a.city}, ${a.region} ${a.postalCode}`, a.country].filter(Boolean).join('\n');
}

/**
 * <porchlight-profile>: the signed-in user's own contact details — name, phone, login email
 * (a new one is confirmed by a link sent to it), mailing and billing address or the company's
 * address — and their password. Changing the email or phone asks for the current password.
 * When the page is opened from a `#porchlight-confirm-email=…` link, it confirms the new email
 * (and removes the code from the address bar). Lives inside <porchlight-portal>.
 *
 * @attr heading-level - level (1–6) of the element's heading; sub-headings are one lower
 * @csspart card - the card around everything
 * @csspart title - the heading
 * @csspart subheading - the section headings
 * @csspart error - the error region (role=alert)
 * @csspart notice - the status region (role=status)
 * @csspart confirm - the region that reports an email confirmation link's result
 * @csspart note - notes (pending email, emulation)
 * @csspart state - the loading and load-error states
 * @csspart form - the profile form and the change-password form
 * @csspart field - each text field (exports field-base, label, hint, input, field-error)
 * @csspart switch - the "Use company address" switch with its label
 * @csspart checkbox - the "Billing address same as mailing" checkbox
 * @csspart company-address - the company's address, read-only
 * @csspart button - buttons
 * @fires porchlight-profile-change - `{ profile, confirmationSentTo }` after the profile was saved
 * @fires porchlight-email-confirmed - `{ email }` after a confirmation link was used
 */
export class PorchlightProfile extends AccountView<Profile, never> {
  static override styles = profileStyles;
  static override properties = {
    profile: { state: true },
    useCompany: { state: true },
    sameBilling: { state: true },
    contactEdited: { state: true },
    confirm: { state: true },
  };

  protected declare profile: Profile | null;
  protected declare useCompany: boolean;
  protected declare sameBilling: boolean;
  /** Whether the email or phone as typed differ from the saved ones (then the current password is asked). */
  protected declare contactEdited: boolean;
  /** The confirmation link's progress or result. */
  protected declare confirm: { state: 'working' | 'error'; text: string } | Notice;

  private confirmToken: string | null = null;
  private typed: { email: string; phone: string } = { email: '', phone: '' };

  constructor() {
    super();
    this.heading = 'Your profile';
    this.profile = null;
    this.useCompany = false;
    this.sameBilling = true;
    this.contactEdited = false;
    this.confirm = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.confirmToken ??= takeFragmentParam('porchlight-confirm-email');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.client;
    if (this.confirmToken && client) {
      const token = this.confirmToken;
      this.confirmToken = null;
      void this.confirmEmail(client, token);
    }
  }

  private async confirmEmail(client: PorchlightClient, token: string): Promise<void> {
    this.confirm = { state: 'working', text: 'Confirming your new email…' };
    try {
      const result = await client.profile.confirmEmail(token);
      this.confirm = { kind: 'success', text: `Your email is confirmed. We will now write to ${result.email}.` };
      emit(this, 'porchlight-email-confirmed', { email: result.email });
      void this.reload(true);
    } catch (error) {
      this.confirm = { state: 'error', text: errorMessage(error) };
    }
  }

  // ---- data ------------------------------------------------------------------------------

  protected override fetch(client: PorchlightClient): Promise<Profile> {
    return client.profile.get();
  }

  protected override apply(p: Profile): void {
    // The values the fields were last given (what Lit compares against).
    const before = this.profile;
    this.profile = p;
    this.useCompany = p.useCompanyAddress;
    this.sameBilling = !p.billingAddress || sameAddress(p.billingAddress, p.mailingAddress);
    // A field whose saved value did not change keeps what the person typed (Lit leaves it as is):
    // a refresh while someone edits must not hide the "Current password" field their edit needs.
    const keep = (k: 'email' | 'phone') => (before && (before[k] ?? '') === (p[k] ?? '') ? this.typed[k] : (p[k] ?? ''));
    this.typed = { email: keep('email'), phone: keep('phone') };
    this.contactEdited = this.differs(p);
  }

  private differs(p: Profile): boolean {
    return this.typed.email.toLowerCase() !== (p.email ?? '').toLowerCase() || this.typed.phone !== (p.phone ?? '');
  }

  protected override clear(): void {
    this.profile = null;
    this.contactEdited = false;
  }

  protected override loadingText(): string {
    return 'Loading your profile…';
  }

  protected override signedOutText(): string {
    return 'Log in to see your profile.';
  }

  private get emulated(): boolean {
    return Boolean(this.me?.session.emulatedBy);
  }

  // ---- actions ---------------------------------------------------------------------------

  protected override onFieldInput(event: Event): void {
    super.onFieldInput(event);
    const target = event.target as { name?: string; value?: string };
    if (target.name === 'email' || target.name === 'phone') {
      this.typed = { ...this.typed, [target.name]: String(target.value ?? '').trim() };
      this.contactEdited = this.profile ? this.differs(this.profile) : false;
    }
  }

  /** The address typed in, or null when every field of it is empty (an address is optional, but whole). */
  private readAddress(form: FormData, kind: Kind, errors: Record<string, string>): Address | null {
    const get = (p: string) => String(form.get(`${kind}.${p}`) ?? '').trim();
    const a: Address = { line1: get('line1'), line2: get('line2') || null, city: get('city'), region: get('region'), postalCode: get('postalCode'), country: get('country') || null };
    if (!a.line1 && !a.line2 && !a.city && !a.region && !a.postalCode && !a.country) return null;
    if (!a.line1) errors[`${kind}.line1`] = 'Enter the street address.';
    if (!a.city) errors[`${kind}.city`] = 'Enter the city.';
    if (!a.region) errors[`${kind}.region`] = 'Enter the state or province.';
    if (!a.postalCode) errors[`${kind}.postalCode`] = 'Enter the ZIP or postal code.';
    else if (!/^[A-Za-z0-9 -]{2,12}$/.test(a.postalCode)) errors[`${kind}.postalCode`] = 'Enter a valid ZIP or postal code.';
    return a;
  }

  private async onSave(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const client = this.client;
    const p = this.profile;
    if (!client || !p || this.busy) return;
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const errors: Record<string, string> = {};
    const input: UpdateProfileRequest = {};
    const name = text('name');
    if (!name) errors.name = 'Enter your name.';
    else if (name !== p.name) input.name = name;
    const phone = text('phone');
    if (phone && (!/^[0-9+().\s-]{4,25}$/.test(phone) || phone.replace(/\D+/g, '').length < 4)) errors.phone = 'Enter a phone number using digits, spaces, dashes or brackets.';
    else if (phone !== (p.phone ?? '')) input.phone = phone || null;
    const email = text('email');
    if (!email) {
      if (p.email) errors.email = 'Enter an email address.';
    } else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = 'Enter a valid email address.';
    else if (email.toLowerCase() !== (p.email ?? '').toLowerCase()) input.email = email;
    if (this.useCompany !== p.useCompanyAddress) input.useCompanyAddress = this.useCompany;
    if (!this.useCompany) {
      const mailing = this.readAddress(form, 'mailingAddress', errors);
      const billing = this.sameBilling ? mailing : this.readAddress(form, 'billingAddress', errors);
      if (!sameAddress(mailing, p.mailingAddress)) input.mailingAddress = mailing;
      // No billing address on record reads as "same as mailing": nothing to send for it.
      const billingImplied = this.sameBilling && !p.billingAddress;
      if (!billingImplied && !sameAddress(billing, p.billingAddress)) input.billingAddress = billing;
    }
    if (input.email !== undefined || input.phone !== undefined) {
      const current = String(form.get('currentPassword') ?? '');
      if (!current) errors.currentPassword = 'Enter your current password to change your email or phone.';
      else input.currentPassword = current;
    }
    if (Object.keys(errors).length) {
      this.clearMessages();
      this.errors = errors;
      const names = Object.keys(errors);
      this.alert = names.length === 1 ? errors[names[0]!]! : 'Check the highlighted fields.';
      void this.focusAfterUpdate(`[name="${names[0]}"]`);
      return;
    }
    if (!Object.keys(input).length) {
      this.clearMessages();
      this.notice = { kind: 'info', text: 'Nothing to save: your profile is as shown.' };
      return;
    }
    const result = await this.act('save', () => client.profile.update(input), {
      fields: FIELDS,
      reload: false,
      close: false,
      update: (r) => this.apply(r.profile),
      success: (r) =>
        r.confirmationSentTo ? `Saved. We sent a confirmation link to ${r.confirmationSentTo}: your email changes once you use it.` : 'Your profile was saved.',
    });
    if (result) {
      // A new email is only pending: the field shows the one in use again (the note says what is pending).
      const emailField = this.renderRoot.querySelector<HTMLElement & { value: string }>('porchlight-text-field[name="email"]');
      if (emailField) emailField.value = result.profile.email ?? '';
      // Everything typed was saved (or, for a new email, is pending): the fields show the saved values.
      this.typed = { email: result.profile.email ?? '', phone: result.profile.phone ?? '' };
      this.contactEdited = false;
    }
    if (result) emit(this, 'porchlight-profile-change', result);
  }

  private async onChangePassword(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const client = this.client;
    if (!client || this.busy) return;
    const formEl = event.currentTarget as HTMLFormElement;
    const form = new FormData(formEl);
    const current = String(form.get('oldPassword') ?? '');
    const next = String(form.get('newPassword') ?? '');
    const errors = current ? this.checkNewPassword(next, String(form.get('confirmPassword') ?? ''), PASSWORD_MIN_LENGTH, current) : { oldPassword: 'Enter your current password.' };
    if (Object.keys(errors).length) {
      this.clearMessages();
      this.errors = errors;
      this.alert = Object.values(errors)[0]!;
      void this.focusAfterUpdate(`[name="${Object.keys(errors)[0]}"]`);
      return;
    }
    const done = await this.act('password', () => client.changePassword({ currentPassword: current, newPassword: next }), {
      fields: PASSWORD_FIELDS,
      reload: false,
      close: false,
      success: () => 'Your password was changed. Other devices signed in with it were signed out.',
    });
    if (done) {
      for (const field of formEl.querySelectorAll<HTMLElement & { value: string }>('porchlight-text-field')) field.value = '';
    }
  }

  // ---- rendering -------------------------------------------------------------------------

  private tf(name: string, label: string, o: { value?: string; type?: string; autocomplete?: string; inputmode?: string; hint?: string; required?: boolean; maxlength?: number } = {}): TemplateResult {
    return this.input(name, label, o);
  }

  private addressFields(kind: Kind, a: Address | null): TemplateResult {
    const section = kind === 'mailingAddress' ? 'shipping' : 'billing';
    return html`<div class="address-grid">
      ${ADDRESS_PARTS.map(([part, label, auto]) =>
        this.tf(`${kind}.${part}`, label, {
          value: a?.[part] ?? '',
          autocomplete: `section-${kind} ${section} ${auto}`,
          required: Boolean(a) && !label.includes('optional'),
          maxlength: part === 'postalCode' ? 12 : 120,
        }),
      )}
    </div>`;
  }

  private confirmRegion(): TemplateResult {
    const c = this.confirm;
    const content = !c ? nothing : 'state' in c ? (c.state === 'error' ? alertBox(c.text, 'alert-box error') : html`<p class="quiet">${c.text}</p>`) : noticeBox(c);
    return html`<div class="confirm" part="confirm" role="status">${content}</div>`;
  }

  protected override renderReady(s: SessionResponse): unknown {
    const p = this.profile;
    if (!p) return nothing;
    const company = p.companyAddress;
    return html`<form part="form" class="stack" novalidate aria-labelledby="title" aria-busy=${this.busy && this.pending === 'save' ? 'true' : 'false'} @submit=${this.onSave} @input=${this.onFieldInput}>
        <section aria-labelledby="contact-heading">
          ${this.subheading('Contact details', 'contact-heading')}
          ${this.tf('name', 'Name', { value: p.name, autocomplete: 'name', required: true, maxlength: 120 })}
          ${this.tf('phone', 'Phone', { value: p.phone ?? '', type: 'tel', inputmode: 'tel', autocomplete: 'tel', hint: 'Digits, spaces, dashes or brackets.' })}
          ${this.tf('email', 'Email', { value: p.email ?? '', type: 'email', autocomplete: 'email', hint: 'Where we send password links. A new email is used once you confirm it.' })}
          ${p.pendingEmail
            ? html`<p class="note pending" part="note">We sent a confirmation link to <strong>${p.pendingEmail}</strong>. Your email changes once you use it.</p>`
            : nothing}
          ${this.emulated ? html`<p class="note" part="note">While emulating, the email and phone cannot be changed.</p>` : nothing}
          ${this.contactEdited
            ? this.tf('currentPassword', 'Current password', { type: 'password', autocomplete: 'current-password', required: true, hint: 'Needed to change your email or phone.' })
            : nothing}
        </section>
        <section aria-labelledby="address-heading">
          ${this.subheading('Address', 'address-heading')}
          <div class="check" part="switch">
            <input type="checkbox" role="switch" id="useCompanyAddress" name="useCompanyAddress" .checked=${this.useCompany} @change=${(e: Event) => (this.useCompany = (e.target as HTMLInputElement).checked)} aria-describedby="company-hint" />
            <label for="useCompanyAddress">Use company address<span class="hint" id="company-hint">Use ${s.account.name}'s address instead of your own.</span></label>
          </div>
          ${this.useCompany
            ? company
              ? html`<address class="company" part="company-address" aria-label="Company address">${addressLines(company)}</address>`
              : html`<p class="note" part="note">Your dealer has not recorded a company address yet.</p>`
            : nothing}
          <fieldset id="personal-address" ?hidden=${this.useCompany}>
            <legend>Mailing address</legend>
            ${this.addressFields('mailingAddress', p.mailingAddress)}
            <div class="check" part="checkbox">
              <input type="checkbox" id="sameBilling" .checked=${this.sameBilling} @change=${(e: Event) => (this.sameBilling = (e.target as HTMLInputElement).checked)} />
              <label for="sameBilling">Billing address same as mailing</label>
            </div>
            <fieldset id="billing-address" ?hidden=${this.sameBilling}>
              <legend>Billing address</legend>
              ${this.addressFields('billingAddress', p.billingAddress ?? p.mailingAddress)}
            </fieldset>
          </fieldset>
        </section>
        <div class="actions">
          <button class="button inline" part="button" type="submit" ?disabled=${this.busy}>${this.pending === 'save' ? 'Saving…' : 'Save'}</button>
        </div>
      </form>
      ${this.emulated
        ? nothing
        : html`<section aria-labelledby="password-heading">
            ${this.subheading('Change password', 'password-heading')}
            <form part="form" class="stack" novalidate aria-labelledby="password-heading" aria-busy=${this.pending === 'password' ? 'true' : 'false'} @submit=${this.onChangePassword} @input=${this.onFieldInput}>
              <input type="text" name="username" autocomplete="username" value=${s.user.username} hidden />
              ${this.tf('oldPassword', 'Current password', { type: 'password', autocomplete: 'current-password', required: true })}
              ${this.newPasswordFields(PASSWORD_MIN_LENGTH)}
              <div class="actions">
                <button class="button inline" part="button" type="submit" ?disabled=${this.busy}>${this.pending === 'password' ? 'Changing…' : 'Change password'}</button>
              </div>
            </form>
          </section>`}`;
  }

  protected override render() {
    return html`${this.confirmRegion()}${super.render()}`;
  }
}
