/**
 * Events the back-office elements dispatch. All bubble and are composed (listen on the element,
 * on <porchlight-admin> or on document). None carries a session or emulation token.
 */
import type { AccessLogin, AccessRequest, Account, AdminSessionResponse, PublicDealerStaff, PublicUser } from '@porchlight/client';
import { dispatch, type SessionEndDetail } from '../events.js';

export interface AccountOpenDetail {
  accountId: string;
}

export interface AccountChangeDetail {
  account: Account;
}

export interface EmulationStartDetail {
  accountId: string;
  /** Who is being emulated. */
  user: PublicUser;
  /** When the emulation session ends at the latest. */
  expiresAt: string;
  /** Whether the portal could be opened (false when the dealer has no `settings.portalUrl`). */
  opened: boolean;
}

export type DealerStaffChangeAction = 'added' | 'updated' | 'disabled' | 'enabled' | 'password-set';

export interface DealerStaffChangeDetail {
  action: DealerStaffChangeAction;
  staff: PublicDealerStaff;
}

/** What changed about a login in <porchlight-setup-access>. */
export type AccessChangeAction = 'set-up' | 'updated' | 'login-email' | 'revoked';

export interface AccessChangeDetail {
  accountId: string;
  action: AccessChangeAction;
  userId: string;
  /** The login as it is now (null once revoked). */
  login: AccessLogin | null;
  /** After `login-email` (and `set-up` when the login email went out): what was sent and until when it works. */
  email?: { kind: 'invitation' | 'reset'; expiresAt: string } | undefined;
}

export interface RegistrationKeyChangeDetail {
  accountId: string;
  registrationKey: string;
  registrationKeyUpdatedAt: string;
  /** True for a new random key ("Rotate key"), false for a key typed in ("Set key…"). */
  rotated: boolean;
}

export interface AccessRequestChangeDetail {
  action: 'approved' | 'declined';
  /** The request as it is now (approved: with `accountId` and `userId`; declined: with the note). */
  request: AccessRequest;
  /** Approved: the account the login was set up on. */
  account?: Account | undefined;
}

export interface AdminEventMap {
  /** A staff member signed in to the back office (a sign-in, or a session restored on load). */
  'porchlight-admin-session-start': CustomEvent<AdminSessionResponse>;
  /** The same person's back-office session changed (after the forced password change). */
  'porchlight-admin-session-update': CustomEvent<AdminSessionResponse>;
  /** The back-office session ended (signed out, or the server ended it). */
  'porchlight-admin-session-end': CustomEvent<SessionEndDetail>;
  /**
   * An account was chosen in <porchlight-admin-accounts>. Cancelable: call preventDefault() to
   * show the account your own way (a route of your page); otherwise the list shows
   * <porchlight-account-manager-page> in its place.
   */
  'porchlight-account-open': CustomEvent<AccountOpenDetail>;
  /** An account was changed on <porchlight-account-manager-page> (e.g. a new identifier). */
  'porchlight-account-change': CustomEvent<AccountChangeDetail>;
  /** An emulation session was started from <porchlight-account-manager-page>. */
  'porchlight-emulation-start': CustomEvent<EmulationStartDetail>;
  /** A back-office login was added or changed in <porchlight-admin-staff>. */
  'porchlight-dealer-staff-change': CustomEvent<DealerStaffChangeDetail>;
  /** A login was set up, changed, sent its login email or revoked in <porchlight-setup-access>. */
  'porchlight-access-change': CustomEvent<AccessChangeDetail>;
  /** An account's registration key was set or rotated in <porchlight-setup-access>. */
  'porchlight-registration-key-change': CustomEvent<RegistrationKeyChangeDetail>;
  /** An access request was approved or declined in <porchlight-admin-access-requests>. */
  'porchlight-access-request-change': CustomEvent<AccessRequestChangeDetail>;
}

export type AdminEventName = keyof AdminEventMap;
export type AdminEventDetail<K extends AdminEventName> = AdminEventMap[K] extends CustomEvent<infer D> ? D : never;

declare global {
  interface HTMLElementEventMap extends AdminEventMap {}
  interface DocumentEventMap extends AdminEventMap {}
  interface WindowEventMap extends AdminEventMap {}
}

/** Dispatches a back-office event from `target` (bubbles, composed); returns false when a listener canceled a cancelable one. */
export function emitAdmin<K extends AdminEventName>(target: EventTarget, name: K, detail: AdminEventDetail<K>, options: { cancelable?: boolean } = {}): boolean {
  return !dispatch(target, name, detail, options.cancelable ?? false).defaultPrevented;
}
