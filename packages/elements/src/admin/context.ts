/**
 * What <porchlight-admin> provides to the back-office elements inside it (@lit/context), next
 * to the dealer's branding (`brandingContext`). Global symbols, like the portal's contexts, so
 * two copies of the bundle on one page still understand each other.
 */
import { createContext } from '@lit/context';
import type { AdminClient, AdminSessionResponse, SessionChangeReason } from '@porchlight/client';

/** The back-office API client of the nearest <porchlight-admin>. */
export const adminClientContext = createContext<AdminClient | undefined>(Symbol.for('porchlight.admin-client'));

export interface AdminSessionState {
  /** `pending` until the back office knows whether someone is signed in. */
  status: 'pending' | 'signed-out' | 'signed-in';
  /** The signed-in staff member, their session and the dealer (never the token). */
  response: AdminSessionResponse | null;
  /** What last changed the session (`expired` when the server ended it). */
  reason?: SessionChangeReason | undefined;
}

/** Who is signed in to the back office. */
export const adminSessionContext = createContext<AdminSessionState>(Symbol.for('porchlight.admin-session'));
