/**
 * Events the elements dispatch. All bubble and are composed, so a dealer's page can listen on
 * the element, on <porchlight-portal> or on document:
 *
 *   document.addEventListener('porchlight-session-start', (e) => console.log(e.detail.user.name));
 */
import type { LinkedAccount, SessionResponse, UpdateProfileResponse } from '@porchlight/client';
import type { TicketEventMap } from './tickets/events.js';
import type { WorkOrderEventMap } from './work-orders/events.js';
import type { ProposalEventMap } from './proposals/events.js';
import type { BillingEventMap } from './billing/events.js';

/** Why a session ended: the person logged out (or ended an emulation), or the server ended it. */
export type SessionEndReason = 'logout' | 'expired';

export interface SessionEndDetail {
  reason: SessionEndReason;
}

export type PasswordResetDetail = Record<string, never>;

export interface PorchlightEventMap extends TicketEventMap, WorkOrderEventMap, ProposalEventMap, BillingEventMap {
  /** Someone signed in: a login, a session restored on load, or an adopted emulation. */
  'porchlight-session-start': CustomEvent<SessionResponse>;
  /** The signed-in session changed (for example after the forced password change). */
  'porchlight-session-update': CustomEvent<SessionResponse>;
  /** The session ended. */
  'porchlight-session-end': CustomEvent<SessionEndDetail>;
  /** A password was set with a reset link. */
  'porchlight-password-reset': CustomEvent<PasswordResetDetail>;
  /** The staff manager changed a login (added, edited, permissions, disabled, re-enabled, removed, reset link, sessions ended). */
  'porchlight-staff-change': CustomEvent<StaffChangeDetail>;
  /** An emergency contact was added, changed or deleted. */
  'porchlight-contact-change': CustomEvent<ContactChangeDetail>;
  /** A message was opened and the server recorded it as read. */
  'porchlight-message-read': CustomEvent<MessageReadDetail>;
  /** The profile was saved (`confirmationSentTo` is set when a new email waits for its link). */
  'porchlight-profile-change': CustomEvent<ProfileChangeDetail>;
  /** A new email address was confirmed with its emailed link. */
  'porchlight-email-confirmed': CustomEvent<EmailConfirmedDetail>;
  /** A shared document was downloaded. */
  'porchlight-document-downloaded': CustomEvent<DocumentDownloadedDetail>;
  /**
   * A sign-in or sign-up element's link to another of them was followed ("Register with your
   * invoice", "Request it", "Back to sign in") and the element has no `*-href` for it: the page
   * shows that element.
   */
  'porchlight-onboarding-navigate': CustomEvent<OnboardingNavigateDetail>;
  /** The registration form was sent; `message` is the server's neutral answer. */
  'porchlight-registration-sent': CustomEvent<OnboardingSentDetail>;
  /** The access request was sent; `message` is the server's neutral answer. */
  'porchlight-access-requested': CustomEvent<OnboardingSentDetail>;
  /** A password was chosen with an emailed set-password link; the person is signed in (the session). */
  'porchlight-account-activated': CustomEvent<SessionResponse>;
  /** The account switcher moved the person to another of their accounts. */
  'porchlight-account-switch': CustomEvent<AccountSwitchDetail>;
}

export type PorchlightEventName = keyof PorchlightEventMap;
export type PorchlightEventDetail<K extends PorchlightEventName> = PorchlightEventMap[K] extends CustomEvent<infer D> ? D : never;

declare global {
  interface HTMLElementEventMap extends PorchlightEventMap {}
  interface DocumentEventMap extends PorchlightEventMap {}
  interface WindowEventMap extends PorchlightEventMap {}
}

/** Dispatches a Porchlight event from `target` (bubbles, composed, not cancelable). */
export function emit<K extends PorchlightEventName>(target: EventTarget, name: K, detail: PorchlightEventDetail<K>): PorchlightEventMap[K] {
  return dispatch(target, name, detail) as unknown as PorchlightEventMap[K];
}

/** Dispatches a custom event from `target` (bubbles, composed; cancelable only when asked) and returns it. */
export function dispatch<D>(target: EventTarget, name: string, detail: D, cancelable = false): CustomEvent<D> {
  const event = new CustomEvent(name, { bubbles: true, composed: true, cancelable, detail });
  target.dispatchEvent(event);
  return event;
}

export type StaffChangeAction = 'added' | 'updated' | 'permissions-changed' | 'disabled' | 'enabled' | 'removed' | 'password-link-sent' | 'sessions-ended';

export interface StaffChangeDetail {
  action: StaffChangeAction;
  /** The login as it is now (as it was, for `removed`). */
  user: import('@porchlight/client').PublicUser;
}

export interface ContactChangeDetail {
  action: 'added' | 'updated' | 'deleted';
  /** The contact as it is now (as it was, for `deleted`). */
  contact: import('@porchlight/client').Contact;
}

export interface MessageReadDetail {
  /** The message's id. */
  id: string;
}

export type ProfileChangeDetail = UpdateProfileResponse;

export interface EmailConfirmedDetail {
  email: string;
}

export interface DocumentDownloadedDetail {
  id: string;
  filename: string;
}

/** Where an onboarding link goes: the registration form, the access request form, or the sign-in form. */
export type OnboardingTarget = 'register' | 'request-access' | 'login';

export interface OnboardingNavigateDetail {
  to: OnboardingTarget;
}

export interface OnboardingSentDetail {
  /** The server's answer, the same whether or not anything matched. */
  message: string;
}

export interface AccountSwitchDetail {
  /** The account now shown. */
  account: LinkedAccount;
  /** The new session (in that account). */
  session: SessionResponse;
}
