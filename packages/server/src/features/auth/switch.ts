import { PorchlightError, type SwitchAccountRequest } from '@porchlight/core';
import type { Deps, PortalAuth } from '../../context.js';
import { audit } from '../../audit/audit.js';
import type { Dealer } from '../../options.js';
import { createSession, endSession } from '../../sessions/sessions.js';
import { isActivated } from '../accounts/records.js';
import { getAccount, getLoginProfile, getUser, updateUser } from '../accounts/service.js';
import { sessionLifetime, sessionResponse, type RequestInfo } from './service.js';

/** One answer for every reason a switch is refused, so it tells nothing about other accounts. */
const noSuchAccount = () => new PorchlightError('NOT_FOUND', 'No such account for this login.');

/**
 * Moves a signed-in person to another account of their login profile: the target must be a
 * member of the session login's profile whose login there is active, activated and still of
 * that profile, in another account that still exists; anything else is NOT_FOUND "No such
 * account for this login." A new session (the login's lifetimes) is made for the target login
 * and the current one ends; both accounts' audit trails record the move without naming the
 * other account (its managers are other people). Never from an emulated session (the route
 * refuses it first; checked here too).
 */
export async function switchAccount(deps: Deps, dealer: Dealer, auth: PortalAuth, input: SwitchAccountRequest, req: RequestInfo) {
  if (auth.session.emulation) throw new PorchlightError('EMULATION_FORBIDDEN');
  const { user, account } = auth;
  if (!user.profileId || input.accountId === account.id) throw noSuchAccount();
  const profile = await getLoginProfile(deps, dealer.id, user.profileId);
  const member = profile?.value.members.find((m) => m.accountId === input.accountId);
  if (!member) throw noSuchAccount();
  const [login, target] = await Promise.all([getUser(deps, dealer.id, member.accountId, member.userId), getAccount(deps, dealer.id, member.accountId)]);
  const found = login?.value;
  if (!found || !target || found.profileId !== user.profileId || found.accountId !== target.value.id || found.status !== 'active' || !isActivated(found)) {
    throw noSuchAccount();
  }

  const now = new Date(deps.now()).toISOString();
  const next = await updateUser(deps, found, (u) => ({ ...u, lastLoginAt: now }));
  const { token, record } = await createSession(deps, next, { ...sessionLifetime(dealer), clientAddress: req.clientAddress, userAgent: req.userAgent });
  await endSession(deps, auth.session.id);
  const base = { dealerId: dealer.id, action: 'auth.account-switched' as const, clientAddress: req.clientAddress };
  await audit(deps, {
    ...base,
    accountId: account.id,
    actor: auth.actor,
    summary: `${user.name} switched to another of their accounts`,
    details: { toAccountId: target.value.id },
  });
  await audit(deps, {
    ...base,
    accountId: target.value.id,
    actor: { kind: 'user', userId: next.id, name: next.name },
    summary: `${next.name} switched in from another of their accounts`,
    details: { fromAccountId: account.id },
  });
  return { token, response: await sessionResponse(deps, dealer, record, next, target.value, token) };
}
