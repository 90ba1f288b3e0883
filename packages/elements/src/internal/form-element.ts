import { html, type PropertyDeclarations, type TemplateResult } from 'lit';
import { PASSWORD_MIN_LENGTH } from '@porchlight/core';
import type { PorchlightClient } from '@porchlight/client';
import type { PorchlightTextField } from '../text-field/text-field.js';
import type { LinkToken } from './fragment.js';
import { alertIcon } from './icons.js';
import { errorCode, errorMessage, formFieldErrors } from './messages.js';
import { PortalConsumer } from './portal-consumer.js';
import { card, checkNewPassword, formTemplate, formValues, heading, headingLevel, newPasswordFields, notConnected, regions, submitButton, textField, type FieldOptions, type Notice } from './templates.js';

export type { FieldOptions, Notice } from './templates.js';

/**
 * What the login and reset cards share: busy state, field errors with focus on the first
 * problem, live regions for errors and notices, and the pieces of their templates; for the
 * pages an emailed link opens (reset, activate), checking the link and saving the new password.
 */
export class FormElement extends PortalConsumer {
  static override properties: PropertyDeclarations = {
    headingLevel: { type: Number, attribute: 'heading-level' },
    busy: { state: true },
    errors: { state: true },
    alert: { state: true },
    notice: { state: true },
  };

  /** The heading level (1–6) of the element's headings; 2 by default. */
  declare headingLevel: number;

  protected declare busy: boolean;
  protected declare errors: Record<string, string>;
  protected declare alert: string;
  protected declare notice: Notice;

  constructor() {
    super();
    this.headingLevel = 2;
    this.busy = false;
    this.errors = {};
    this.alert = '';
    this.notice = null;
  }

  protected field(name: string): PorchlightTextField | null {
    return this.renderRoot.querySelector(`porchlight-text-field[name="${name}"]`);
  }

  /** Prevents the native submission and reads the form (the text fields are form-associated). */
  protected formValues(event: SubmitEvent): Record<string, string> {
    return formValues(event);
  }

  protected clearMessages(): void {
    this.errors = {};
    this.alert = '';
    this.notice = null;
  }

  /** Shows field problems and moves focus to the first one. True when there were any. */
  protected invalid(errors: Record<string, string>): boolean {
    const names = Object.keys(errors);
    if (!names.length) return false;
    this.errors = errors;
    this.alert = names.length === 1 ? errors[names[0]!]! : 'Check the highlighted fields.';
    void this.focusAfterUpdate(`porchlight-text-field[name="${names[0]}"]`);
    return true;
  }

  /**
   * Runs a call in the busy state. An error goes on the fields that `fields` maps from the
   * API's field names, and in the alert; focus moves to the first problem.
   */
  protected async run(action: () => Promise<void>, fields: Record<string, string>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.clearMessages();
    try {
      await action();
      return true;
    } catch (error) {
      const onFields = formFieldErrors(error, fields);
      this.errors = onFields;
      this.alert = errorMessage(error);
      const first = Object.keys(onFields)[0];
      void this.focusAfterUpdate(first ? `porchlight-text-field[name="${first}"]` : '.alert-box');
      return false;
    } finally {
      this.busy = false;
    }
  }

  // ---- the page an emailed link opens (a password reset, a set-password link) ----------------

  /**
   * Checks the link's secret with `ask`, whose answer says whether the link works. Undefined
   * when `link` handed out another secret meanwhile (the answer is dropped). A secret the server
   * refuses is 'invalid'; any other failure is 'error', with what went wrong in the alert.
   */
  protected async checkLink<T extends { valid: boolean }>(
    link: LinkToken,
    token: string,
    ask: (client: PorchlightClient) => Promise<T>,
  ): Promise<{ state: 'form' | 'invalid' | 'error'; answer?: T } | undefined> {
    const client = this.client;
    if (!client) return undefined;
    try {
      const answer = await ask(client);
      return link.isCurrent(token) ? { state: answer.valid ? 'form' : 'invalid', answer } : undefined;
    } catch (error) {
      if (!link.isCurrent(token)) return undefined;
      const code = errorCode(error);
      if (code === 'INVALID_TOKEN' || code === 'VALIDATION_FAILED') return { state: 'invalid' };
      this.alert = errorMessage(error);
      return { state: 'error' };
    }
  }

  /**
   * "Choose a new password" on the page an emailed link opens: reads the new password and its
   * confirmation, checks them, then saves the password with the link's secret (`save`) in the
   * busy state. 'saved', or 'expired' when the server says the link no longer works; undefined
   * when nothing was saved (the form shows why).
   */
  protected async saveNewPassword(
    event: SubmitEvent,
    token: string | null,
    save: (client: PorchlightClient, token: string, password: string) => Promise<unknown>,
  ): Promise<'saved' | 'expired' | undefined> {
    const values = this.formValues(event);
    const client = this.client;
    if (!client || !token || this.busy) return undefined;
    const next = values.newPassword ?? '';
    if (this.invalid(this.checkNewPassword(next, values.confirmPassword ?? '', PASSWORD_MIN_LENGTH))) return undefined;

    let expired = false;
    const done = await this.run(async () => {
      try {
        await save(client, token, next);
      } catch (error) {
        expired = errorCode(error) === 'INVALID_TOKEN';
        throw error;
      }
    }, { newPassword: 'newPassword' });
    return done ? 'saved' : expired ? 'expired' : undefined;
  }

  /** Typing in a field clears its error. */
  protected onFieldInput(event: Event): void {
    const name = (event.target as { name?: string }).name;
    if (name && this.errors[name]) {
      const { [name]: _fixed, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  // ---- template pieces ------------------------------------------------------------------

  protected card(content: unknown): TemplateResult {
    return card(content);
  }

  protected renderTitle(text: string): TemplateResult {
    return heading(text, headingLevel(this.headingLevel), 'title');
  }

  protected loadingCard(text: string): TemplateResult {
    return this.card(html`<div class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${text}</div>`);
  }

  /**
   * Checking an emailed link failed (it may still work): what went wrong (the alert), and Retry,
   * which checks it again (`check`) and then focuses Retry if it failed again, else the title.
   */
  protected linkCheckFailedCard(check: () => Promise<void>): TemplateResult {
    const retry = async () => {
      this.alert = '';
      await check();
      void this.focusAfterUpdate(this.alert ? '.button' : '.title');
    };
    return this.card(html`
      <div class="head">${this.renderTitle("We couldn't check your link")}</div>
      <div role="alert" part="error"><div class="alert-box">${alertIcon}<p>${this.alert}</p></div></div>
      <button class="button" part="button" type="button" @click=${retry}>Retry</button>
    `);
  }

  protected missingPortalCard(): TemplateResult {
    return this.card(notConnected('This form is not connected to a portal. Place it inside <porchlight-portal api="…">.'));
  }

  /** The live regions exist before they have content, so screen readers announce it. */
  protected regions(): TemplateResult {
    return regions(this.alert, this.notice);
  }

  protected form(onSubmit: (e: SubmitEvent) => void, content: TemplateResult): TemplateResult {
    return formTemplate({ busy: this.busy, labelledBy: 'title', onSubmit, onInput: this.onFieldInput }, content);
  }

  protected submit(label: string, busyLabel: string): TemplateResult {
    return submitButton(this.busy, label, busyLabel);
  }

  protected textField(name: string, label: string, o: FieldOptions = {}): TemplateResult {
    return textField(name, label, this.errors[name] ?? '', { ...o, required: true });
  }

  /** The new password and its confirmation, checked the same way everywhere. */
  protected newPasswordFields(min: number): TemplateResult {
    return newPasswordFields(min, (name, label, o) => this.textField(name, label, o));
  }

  protected checkNewPassword(next: string, confirm: string, min: number, current?: string): Record<string, string> {
    return checkNewPassword(next, confirm, min, current);
  }
}
