import { Routes } from '@porchlight/core';
import type { AcceptedResponse, AccessRequestInput, ActivationInfo, RegisterRequest, ResendLoginEmailRequest, SessionResponse } from '@porchlight/core';
import { transports, type PorchlightClient } from './client.js';
import type { RequestOptions, SessionChangeReason } from './transport.js';

/**
 * Keeps a session answer the way login does (the token stored and hidden from the answer, the
 * listeners told), for calls outside client.ts that sign someone in. Not exported from the
 * package: `client` must be one `createClient` made.
 */
function adoptSession(client: PorchlightClient, response: SessionResponse, reason: SessionChangeReason): SessionResponse {
  const t = transports.get(client);
  if (!t) throw new TypeError('This call needs a client made by createClient() from @porchlight/client.');
  return t.adopt(response, reason);
}

/**
 * Every way a client gets into the portal on their own, as calls over a client
 * (`onboardingApi(client)` costs nothing to call again). None needs a session.
 *
 * `register`, `requestAccess` and `resendLoginEmail` always answer the same neutral 202
 * (AcceptedResponse) whether or not anything matched: what happens next happens by email.
 * They answer ONBOARDING_DISABLED when the dealer does not offer that way in, RATE_LIMITED
 * (with `retryAfter`) after too many tries, VALIDATION_FAILED with `fields` for a form problem.
 */
export interface OnboardingApi {
  /** The registration key form (the key and customer number from an invoice, ZIP, name, phone, email). */
  register(input: RegisterRequest, options?: RequestOptions): Promise<AcceptedResponse>;
  /** A first-time visitor asks the dealer for a login. */
  requestAccess(input: AccessRequestInput, options?: RequestOptions): Promise<AcceptedResponse>;
  /** "Send me a new link": a fresh login email for the account identifier and the email it went to. */
  resendLoginEmail(input: ResendLoginEmailRequest, options?: RequestOptions): Promise<AcceptedResponse>;
  /** Who an emailed set-password link (`#porchlight-activate=…`) is for, and whether it still works. */
  checkActivation(token: string, options?: RequestOptions): Promise<ActivationInfo>;
  /**
   * Chooses the password with the link and signs the person in: the session is kept in the
   * client exactly as `login` keeps it (listeners hear reason `login`). INVALID_TOKEN when the
   * link expired or was used; WEAK_PASSWORD with `fields.newPassword`.
   */
  activate(token: string, newPassword: string, options?: RequestOptions): Promise<SessionResponse>;
}

export function onboardingApi(client: PorchlightClient): OnboardingApi {
  const open = (o?: RequestOptions): RequestOptions => ({ ...o, auth: false });
  return {
    register: (input, o) => client.request<AcceptedResponse>('POST', Routes.register, input, open(o)),
    requestAccess: (input, o) => client.request<AcceptedResponse>('POST', Routes.accessRequests, input, open(o)),
    resendLoginEmail: (input, o) => client.request<AcceptedResponse>('POST', Routes.resendLoginEmail, input, open(o)),
    checkActivation: (token, o) => client.request<ActivationInfo>('POST', Routes.checkActivation, { token }, open(o)),
    async activate(token, newPassword, o) {
      const response = await client.request<SessionResponse>('POST', Routes.activate, { token, newPassword }, open(o));
      return adoptSession(client, response, 'login');
    },
  };
}
