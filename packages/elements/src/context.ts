/**
 * What <porchlight-portal> provides to the elements inside it (@lit/context). The keys are
 * global symbols so that two copies of the bundle on one page still understand each other.
 */
import { createContext } from '@lit/context';
import type { PorchlightClient, PublicDealer, SessionChangeReason, SessionResponse } from '@porchlight/client';

/** The API client of the nearest portal. */
export const clientContext = createContext<PorchlightClient | undefined>(Symbol.for('porchlight.client'));

export interface SessionState {
  /** `pending` until the portal knows whether someone is signed in. */
  status: 'pending' | 'signed-out' | 'signed-in';
  /** The signed-in user, account and session (never the token). */
  response: SessionResponse | null;
  /** What last changed the session (`expired` when the server ended it). */
  reason?: SessionChangeReason | undefined;
}

/** Who is signed in. */
export const sessionContext = createContext<SessionState>(Symbol.for('porchlight.session'));

/** The dealer: id, name and branding (logo, colours, font), once loaded. */
export const brandingContext = createContext<PublicDealer | undefined>(Symbol.for('porchlight.branding'));
