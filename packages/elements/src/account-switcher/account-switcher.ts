import { html, nothing, type PropertyValues } from 'lit';
import type { LinkedAccount, SessionResponse } from '@porchlight/client';
import { emit } from '../events.js';
import { alertIcon } from '../internal/icons.js';
import { errorMessage } from '../internal/messages.js';
import { PortalConsumer } from '../internal/portal-consumer.js';
import { accountSwitcherStyles } from './account-switcher.styles.js';

/**
 * <porchlight-account-switcher>: for a person whose login reaches several accounts (one login
 * profile, one password), a menu button "Account: Harbor View Condominiums (5550100)" listing
 * each account by name and identifier. Choosing one moves the session there (the server ends
 * the old one); every account view on the page then loads that account's data, and a status
 * message says "Now viewing Maple Court". It renders nothing when the login reaches one account,
 * when nobody is signed in, and during a dealer admin's emulation (which cannot switch).
 * Lives inside <porchlight-portal>; part of the account bundle.
 *
 * Keyboard: Enter, Space or Down opens the menu on the current account (Up: on the last);
 * Up/Down/Home/End move, Enter or Space chooses, Escape closes it (focus back on the button),
 * Tab closes it and moves on.
 *
 * @attr label - what the button starts with (default "Account")
 * @csspart base - the wrapper
 * @csspart button - the menu button
 * @csspart menu - the list of accounts
 * @csspart item - each account in the list
 * @csspart identifier - an account's identifier
 * @csspart notice - the status region ("Now viewing …")
 * @csspart error - the error region (role=alert)
 * @fires porchlight-account-switch - `{ account, session }` after moving to another account
 */
export class PorchlightAccountSwitcher extends PortalConsumer {
  static override styles = accountSwitcherStyles;
  static override properties = {
    ...PortalConsumer.properties,
    label: {},
    open: { state: true },
    switching: { state: true },
    announcement: { state: true },
    failure: { state: true },
  };

  /** The button's first word(s), before the account's name. */
  declare label: string;

  protected declare open: boolean;
  /** The account being switched to. */
  protected declare switching: LinkedAccount | null;
  protected declare announcement: string;
  protected declare failure: string;

  private lastAccount: string | undefined;

  constructor() {
    super();
    this.label = 'Account';
    this.open = false;
    this.switching = null;
    this.announcement = '';
    this.failure = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.onOutside, true);
  }

  /** The session when there is something to switch between. */
  private get session(): SessionResponse | null {
    const { status, response } = this.sessionState;
    if (status !== 'signed-in' || !response || response.session.mustChangePassword || response.session.emulatedBy) return null;
    return Array.isArray(response.accounts) && response.accounts.length > 1 ? response : null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Someone else signed in, or signed out: nothing from before applies.
    const account = this.sessionState.response?.account.id;
    if (account !== this.lastAccount) {
      if (!this.switching) this.announcement = '';
      this.lastAccount = account;
      this.failure = '';
    }
    if (!this.session && this.open) this.setOpen(false);
  }

  private setOpen(open: boolean): void {
    this.open = open;
    if (open) document.addEventListener('pointerdown', this.onOutside, true);
    else document.removeEventListener('pointerdown', this.onOutside, true);
  }

  private readonly onOutside = (event: Event): void => {
    if (!event.composedPath().includes(this)) this.setOpen(false);
  };

  private items(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[role="menuitemradio"]')];
  }

  private async openMenu(focus: 'current' | 'first' | 'last'): Promise<void> {
    this.failure = '';
    this.setOpen(true);
    await this.updateComplete;
    const items = this.items();
    const current = items.findIndex((i) => i.getAttribute('aria-checked') === 'true');
    const index = focus === 'last' ? items.length - 1 : focus === 'first' || current < 0 ? 0 : current;
    items[index]?.focus();
  }

  private closeMenu(focusButton: boolean): void {
    this.setOpen(false);
    if (focusButton) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('#trigger')?.focus());
  }

  private onTriggerClick(): void {
    if (this.switching) return;
    if (this.open) this.closeMenu(false);
    else void this.openMenu('current');
  }

  private onTriggerKeydown(event: KeyboardEvent): void {
    if (this.switching) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      void this.openMenu(event.key === 'ArrowUp' ? 'last' : 'current');
    }
  }

  private onMenuKeydown(event: KeyboardEvent): void {
    const items = this.items();
    const at = items.indexOf((this.renderRoot as ShadowRoot).activeElement as HTMLButtonElement);
    const move = (index: number) => {
      event.preventDefault();
      items[(index + items.length) % items.length]?.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(at + 1);
      case 'ArrowUp':
        return move(at - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(items.length - 1);
      case 'Escape':
        event.preventDefault();
        return this.closeMenu(true);
      case 'Tab':
        return this.setOpen(false);
      default:
        return undefined;
    }
  }

  private async choose(target: LinkedAccount): Promise<void> {
    const client = this.client;
    if (!client || this.switching) return;
    if (target.current) return this.closeMenu(true);
    this.closeMenu(true);
    this.switching = target;
    this.failure = '';
    this.announcement = `Switching to ${target.name}…`;
    try {
      const session = await client.switchAccount(target.accountId);
      const account = session.accounts.find((a) => a.current) ?? { ...target, current: true };
      this.lastAccount = session.account.id;
      this.announcement = `Now viewing ${account.name}`;
      emit(this, 'porchlight-account-switch', { account, session });
    } catch (error) {
      this.announcement = '';
      this.failure = `Could not switch to ${target.name}. ${errorMessage(error)}`;
    } finally {
      this.switching = null;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLButtonElement>('#trigger')?.focus();
    }
  }

  protected override render() {
    const s = this.session;
    if (this.missingPortal || !s) return nothing;
    const current = s.accounts.find((a) => a.current) ?? { name: s.account.name, identifier: s.account.identifier };
    const busy = this.switching;
    return html`<div class="base" part="base">
      <button
        id="trigger"
        class="trigger"
        part="button"
        type="button"
        aria-haspopup="menu"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="menu"
        aria-disabled=${busy ? 'true' : 'false'}
        @click=${this.onTriggerClick}
        @keydown=${this.onTriggerKeydown}
      >
        ${busy
          ? html`<span class="spinner" aria-hidden="true"></span><span class="text">Switching to ${busy.name}…</span>`
          : html`<span class="text"><span class="label">${this.label}:</span> <span class="name">${current.name}</span> <span class="id">(${current.identifier})</span></span>
              <svg class="chevron" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" focusable="false"><path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" /></svg>`}
      </button>
      <ul id="menu" class="menu" part="menu" role="menu" aria-label="Your accounts" ?hidden=${!this.open} @keydown=${this.onMenuKeydown}>
        ${s.accounts.map(
          (a) => html`<li role="none">
            <button class="item" part="item" role="menuitemradio" aria-checked=${a.current ? 'true' : 'false'} tabindex="-1" type="button" @click=${() => this.choose(a)}>
              <span class="check" aria-hidden="true">${a.current ? '✓' : ''}</span>
              <span class="item-text"><span class="item-name">${a.name}</span> <span class="item-id" part="identifier">${a.identifier}</span></span>
            </button>
          </li>`,
        )}
      </ul>
      <div class="region sr-only" role="status" part="notice">${this.announcement}</div>
      <div class="region" role="alert" part="error">${this.failure ? html`<div class="alert-box">${alertIcon}<p>${this.failure}</p></div>` : nothing}</div>
    </div>`;
  }
}
