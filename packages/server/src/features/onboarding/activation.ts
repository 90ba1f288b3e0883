import { PorchlightError, type AcceptedResponse, type ActivateRequest, type ActivationInfo, type ResendLoginEmailRequest } from '@porchlight/core';
import type { Deps } from '../../context.js';
import { audit } from '../../audit/audit.js';
import { hitLimit } from '../../http/rate-limit.js';
import type { Dealer } from '../../options.js';
import { checkNewPassword } from '../../passwords/policy.js';
import { createSession } from '../../sessions/sessions.js';
import { isActivated, type UserRecord } from '../accounts/records.js';
import { findAccountByIdentifier, getAccount, getUser, listUsers, updateUser } from '../accounts/service.js';
import { dropOneTimeToken, readOneTimeToken, sessionLifetime, sessionResponse, withNewPassword, type RequestInfo } from '../auth/service.js';
import { alreadyRegisteredEmail, auditLoginEmail, REGISTRATION_ACTOR, renewLoginEmail, RESEND_ACTOR, type ActivationTokenRecord } from './logins.js';
import { profileHasPassword } from './profiles.js';

/**
 * The set-password landing (<porchlight-activate>): what an emailed activation link is for,
 * and using it once to choose the password, which signs the person in. And "send me a new
 * link" for a login email that expired or got lost.
 */

const INVALID_LINK = () => new PorchlightError('INVALID_TOKEN', undefined, { fields: { token: 'This link is not valid, was already used or has expired. Ask for a new one.' } });

/**
 * The link's record and its login, when the link is this dealer's, not expired, the newest
 * one the login was sent, and the login still exists, is enabled and not activated yet.
 */
async function readActivation(deps: Deps, dealer: Dealer, token: string) {
  const found = await readOneTimeToken<ActivationTokenRecord>(deps, dealer.id, token, ['activate']);
  if (!found) return null;
  const [user, account] = await Promise.all([getUser(deps, dealer.id, found.value.accountId, found.value.userId), getAccount(deps, dealer.id, found.value.accountId)]);
  if (!user || !account || !linkStillFor(user.value, found.value.nonce)) return null;
  return { token: found, user: user.value, account: account.value };
}

/** Whether the login is still waiting for the link carrying `nonce` (a newer link, activation, revoke or disable voids it). */
function linkStillFor(u: UserRecord, nonce: string): boolean {
  return u.status === 'active' && !isActivated(u) && u.activationNonce === nonce;
}

/** What the set-password page shows before the person types (all nulls for a link that does not work). */
export async function checkActivation(deps: Deps, dealer: Dealer, token: string, req: RequestInfo): Promise<ActivationInfo> {
  await hitLimit(deps, 'activateAddress', req.clientAddress);
  const found = await readActivation(deps, dealer, token);
  if (!found) return { valid: false, expiresAt: null, name: null, username: null, identifier: null, accountName: null, hasPassword: false };
  return {
    valid: true,
    expiresAt: new Date(found.token.value.expiresAt).toISOString(),
    name: found.user.name,
    username: found.user.username,
    identifier: found.account.identifier,
    accountName: found.account.name,
    hasPassword: await profileHasPassword(deps, found.user),
  };
}

/**
 * Uses an activation link once: sets the password (for every account of the person's
 * profile: one password), activates the login, ends older sessions, and answers a signed-in
 * session with its token. An invalid, expired, used or superseded link is INVALID_TOKEN.
 */
export async function activate(deps: Deps, dealer: Dealer, input: ActivateRequest, req: RequestInfo) {
  await hitLimit(deps, 'activateAddress', req.clientAddress);
  const found = await readActivation(deps, dealer, input.token);
  if (!found) throw INVALID_LINK();
  checkNewPassword(input.newPassword, { username: found.user.username, identifier: found.account.identifier });
  const passwordHash = await deps.hasher.hash(input.newPassword);
  const now = new Date(deps.now()).toISOString();
  const nonce = found.token.value.nonce;
  // Checked again inside compare-and-set: two uses at once cannot both succeed.
  const user = await updateUser(deps, found.user, (u) => {
    if (!linkStillFor(u, nonce)) throw INVALID_LINK();
    return { ...withNewPassword(u, passwordHash, now, { kind: 'user', userId: u.id, name: u.name }), activatedAt: now, invitation: null, activationNonce: null, lastLoginAt: now };
  });
  await dropOneTimeToken(deps, input.token, found.token.version);
  await audit(deps, {
    dealerId: dealer.id,
    accountId: user.accountId,
    action: 'auth.activated',
    actor: { kind: 'user', userId: user.id, name: user.name },
    summary: `${user.name} chose a password with the emailed link and activated their login`,
    target: { type: 'user', id: user.id },
    clientAddress: req.clientAddress,
  });
  const { token, record } = await createSession(deps, user, { ...sessionLifetime(dealer), clientAddress: req.clientAddress, userAgent: req.userAgent });
  return { token, response: await sessionResponse(deps, dealer, record, user, found.account, token) };
}

export const NEUTRAL_RESEND_MESSAGE = "If the details match a login, we've emailed it a new way to sign in. Check your inbox (and your spam folder).";

/**
 * "Send me a new link": always the same answer; the work happens in the background. A login
 * with that email on the account, not activated yet, gets a fresh login email of the kind it
 * had (the older link stops working); one already activated gets 'already-registered' with a
 * reset link; anything else, nothing.
 */
export async function resendLoginEmail(deps: Deps, dealer: Dealer, input: ResendLoginEmailRequest & { identifier: string }, req: RequestInfo, background: (p: Promise<unknown>) => void): Promise<AcceptedResponse> {
  await hitLimit(deps, 'resendAddress', req.clientAddress);
  await hitLimit(deps, 'resendAccount', `${dealer.id}:${input.identifier}`);
  background(resend(deps, dealer, input, req));
  return { ok: true, message: NEUTRAL_RESEND_MESSAGE };
}

async function resend(deps: Deps, dealer: Dealer, input: ResendLoginEmailRequest & { identifier: string }, req: RequestInfo): Promise<void> {
  const account = await findAccountByIdentifier(deps, dealer.id, input.identifier);
  if (!account) return;
  const email = input.email.trim().toLowerCase();
  const login = (await listUsers(deps, dealer.id, account.value.id)).find((u) => u.status === 'active' && u.email?.toLowerCase() === email);
  if (!login) return;
  if (isActivated(login)) {
    const mail = await alreadyRegisteredEmail(deps, dealer, account.value, login, req.origin);
    if (mail) await deps.mailer.send(mail);
    return;
  }
  // The kind it had: registration's confirmation or the dealer's invitation, a link or a temporary password.
  const registered = login.createdBy.kind === REGISTRATION_ACTOR.kind && login.createdBy.name === REGISTRATION_ACTOR.name;
  const { issued, mail } = await renewLoginEmail(deps, dealer, account.value, login, {
    template: registered ? 'registration-confirmation' : 'login-invitation',
    credentials: login.invitation?.credentials,
    actor: RESEND_ACTOR,
    origin: req.origin,
  });
  await auditLoginEmail(deps, account.value, issued, RESEND_ACTOR, req.clientAddress);
  await deps.mailer.send(mail);
}
