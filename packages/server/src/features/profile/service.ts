import {
  newId,
  PorchlightError,
  type Address,
  type ConfirmEmailResponse,
  type ContactChange,
  type Profile,
  type UpdateProfileRequest,
  type UpdateProfileResponse,
} from '@porchlight/core';
import type { Deps, PortalAuth } from '../../context.js';
import { audit } from '../../audit/audit.js';
import { hitLimit } from '../../http/rate-limit.js';
import type { Dealer } from '../../options.js';
import { keys } from '../../store/keys.js';
import { updateRecord } from '../../store/update.js';
import { getAccount, getUser } from '../accounts/service.js';
import type { AccountRecord, UserRecord } from '../accounts/records.js';
import { dropOneTimeToken, mailDealer, portalLinkBase, readOneTimeToken, storeOneTimeToken, type OneTimeTokenRecord, type RequestInfo } from '../auth/service.js';
import { appendEvent } from '../events/service.js';
import { loginEmailConfirmed } from '../onboarding/access.js';
type UpdateInput = UpdateProfileRequest;

/** The profile fields kept on the user record (older records have none of them). */
export interface ProfileFields {
  phone?: string | null;
  mailingAddress?: Address | null;
  billingAddress?: Address | null;
  useCompanyAddress?: boolean;
  /** A new login email waiting for its confirmation link. */
  pendingEmail?: string | null;
  /** The newest confirmation link's nonce: an older link no longer works. */
  emailChangeNonce?: string | null;
}
export type ProfileUser = UserRecord & ProfileFields;

interface EmailChangeToken extends OneTimeTokenRecord {
  kind: 'email-change';
  accountId: string;
  userId: string;
  nonce: string;
  email: string;
}

/** Hours an email confirmation link works. */
export const EMAIL_CONFIRM_HOURS = 24;

const iso = (deps: Deps) => new Date(deps.now()).toISOString();

/** The same address always stored the same way (empty optional lines are none). */
function cleanAddress(a: Address | null | undefined): Address | null {
  if (!a) return null;
  return { line1: a.line1, line2: a.line2 || null, city: a.city, region: a.region, postalCode: a.postalCode.toUpperCase(), country: a.country || null };
}

/** One line, for notices and the events feed: "12 Main St, Apt 4, Springfield, IL 62704, USA". */
export function formatAddress(a: Address | null | undefined): string | null {
  if (!a) return null;
  return [a.line1, a.line2, a.city, `${a.region} ${a.postalCode}`, a.country].filter(Boolean).join(', ');
}

export function toProfile(u: ProfileUser, account: Pick<AccountRecord, 'address'>): Profile {
  return {
    userId: u.id,
    username: u.username,
    name: u.name,
    email: u.email,
    pendingEmail: u.pendingEmail ?? null,
    phone: u.phone ?? null,
    mailingAddress: u.mailingAddress ?? null,
    billingAddress: u.billingAddress ?? null,
    useCompanyAddress: u.useCompanyAddress ?? false,
    companyAddress: cleanAddress(account.address),
    updatedAt: u.updatedAt,
  };
}

export function getProfile(auth: PortalAuth): Profile {
  return toProfile(auth.user as ProfileUser, auth.account);
}

const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  phone: 'Phone',
  email: 'Email',
  mailingAddress: 'Mailing address',
  billingAddress: 'Billing address',
  useCompanyAddress: 'Use company address',
};

/** What changed between two versions of a user's contact details, as text. */
function contactChanges(before: ProfileUser, after: ProfileUser): ContactChange[] {
  const show: Record<string, (u: ProfileUser) => string | null> = {
    name: (u) => u.name,
    phone: (u) => u.phone ?? null,
    email: (u) => u.email,
    mailingAddress: (u) => formatAddress(u.mailingAddress),
    billingAddress: (u) => formatAddress(u.billingAddress),
    useCompanyAddress: (u) => ((u.useCompanyAddress ?? false) ? 'yes' : 'no'),
  };
  return Object.entries(show)
    .map(([field, f]) => ({ field, from: f(before), to: f(after) }))
    .filter((c) => c.from !== c.to);
}

/**
 * Records a change of contact details everywhere it must go: the audit log ('profile.updated',
 * with from/to), the dealer's events feed (for its sync API), and an email to the dealer's
 * notifyEmail (else supportEmail) in the background.
 */
async function recordContactChange(
  deps: Deps,
  dealer: Dealer,
  scope: { account: AccountRecord; user: ProfileUser; actor: PortalAuth['actor']; clientAddress: string | undefined },
  changes: ContactChange[],
  background: (p: Promise<unknown>) => void,
) {
  if (!changes.length) return;
  const { account, user, actor } = scope;
  const names = changes.map((c) => FIELD_LABELS[c.field]?.toLowerCase() ?? c.field);
  await audit(deps, {
    dealerId: dealer.id,
    accountId: account.id,
    action: 'profile.updated',
    actor,
    summary: `${actor.name} changed ${actor.kind === 'user' && actor.userId === user.id ? 'their' : `the contact details of ${user.name}:`} ${names.join(', ')}`,
    target: { type: 'user', id: user.id },
    details: Object.fromEntries(changes.map((c) => [c.field, { from: c.from, to: c.to }])),
    clientAddress: scope.clientAddress,
  });
  const event = await appendEvent(deps, dealer.id, { type: 'contact.changed', accountId: account.id, userId: user.id, changes });
  const to = dealer.settings.notifyEmail ?? dealer.settings.supportEmail;
  if (!to) return;
  background(
    deps.mailer.send({
      template: 'contact-changed',
      to: { email: to, name: dealer.name },
      dealer: mailDealer(dealer),
      data: {
        accountName: account.name,
        customerNumber: account.customerNumber,
        identifier: account.identifier,
        userName: user.name,
        changedAt: event.at,
        changes: changes.map((c) => ({ ...c, field: FIELD_LABELS[c.field] ?? c.field })),
      },
    }),
  );
}

const sameEmail = (a: string | null | undefined, b: string | null | undefined) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

/**
 * Changes the signed-in user's profile. Email or phone changes need the current password
 * (attempts count against the user's login limit) and are refused while a dealer emulates
 * the user; a new email only becomes pending, with a confirmation link sent to it.
 */
export async function updateProfile(deps: Deps, dealer: Dealer, auth: PortalAuth, input: UpdateInput, req: RequestInfo, background: (p: Promise<unknown>) => void): Promise<UpdateProfileResponse> {
  const current = auth.user as ProfileUser;
  const phoneChanges = input.phone !== undefined && (input.phone ?? null) !== (current.phone ?? null);
  const newEmail = input.email !== undefined && !sameEmail(input.email, current.email) && !sameEmail(input.email, current.pendingEmail) ? input.email : undefined;
  /** Asking for the current email again cancels a pending change. */
  const cancelPending = input.email !== undefined && sameEmail(input.email, current.email) && Boolean(current.pendingEmail);

  if (phoneChanges || newEmail !== undefined) {
    if (auth.session.emulation) throw new PorchlightError('EMULATION_FORBIDDEN', 'The email and phone can only be changed by the user themselves, not while emulating.');
    if (!input.currentPassword) {
      throw new PorchlightError('VALIDATION_FAILED', 'Enter your current password to change your email or phone.', { fields: { currentPassword: 'Enter your current password to change your email or phone.' } });
    }
    await hitLimit(deps, 'loginUser', `${dealer.id}:${auth.account.identifier}:${current.usernameNormalized}`);
    if (!(await deps.hasher.verify(current.passwordHash, input.currentPassword))) {
      throw new PorchlightError('WRONG_PASSWORD', undefined, { fields: { currentPassword: 'The current password is not right.' } });
    }
  }

  // Where the confirmation link points; checked before anything is written.
  const base = newEmail !== undefined ? portalLinkBase(dealer, req.origin) : undefined;
  if (newEmail !== undefined && !base) {
    throw new PorchlightError('VALIDATION_FAILED', 'This portal has no page to send an email confirmation link to (dealer setting portalUrl). Ask your provider.', {
      fields: { email: 'The email cannot be changed here yet: the portal has no page for the confirmation link.' },
    });
  }
  const nonce = newEmail !== undefined ? newId(deps.now()) : undefined;
  const now = iso(deps);
  const { before, after } = await updateRecord<ProfileUser>(
    deps.store,
    keys.user(current.dealerId, current.accountId, current.id),
    (u) => ({
      ...u,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(phoneChanges ? { phone: input.phone ?? null } : {}),
      ...(input.mailingAddress !== undefined ? { mailingAddress: cleanAddress(input.mailingAddress) } : {}),
      ...(input.billingAddress !== undefined ? { billingAddress: cleanAddress(input.billingAddress) } : {}),
      ...(input.useCompanyAddress !== undefined ? { useCompanyAddress: input.useCompanyAddress } : {}),
      ...(newEmail !== undefined ? { pendingEmail: newEmail, emailChangeNonce: nonce! } : {}),
      ...(cancelPending ? { pendingEmail: null, emailChangeNonce: null } : {}),
      updatedAt: now,
      updatedBy: auth.actor,
    }),
    () => new PorchlightError('NOT_FOUND', 'No such user.'),
  );

  const scope = { account: auth.account, user: after, actor: auth.actor, clientAddress: req.clientAddress };
  await recordContactChange(deps, dealer, scope, contactChanges(before, after), background);

  if (newEmail !== undefined) {
    const record: EmailChangeToken = {
      kind: 'email-change',
      dealerId: dealer.id,
      accountId: after.accountId,
      userId: after.id,
      nonce: nonce!,
      email: newEmail,
      expiresAt: deps.now() + EMAIL_CONFIRM_HOURS * 3_600_000,
    };
    const secret = await storeOneTimeToken(deps, record, EMAIL_CONFIRM_HOURS * 60);
    await audit(deps, {
      dealerId: dealer.id,
      accountId: after.accountId,
      action: 'profile.email-change-requested',
      actor: auth.actor,
      summary: `${auth.actor.name} asked to change the email of ${after.name} to ${newEmail} (waiting for confirmation)`,
      target: { type: 'user', id: after.id },
      details: { from: after.email, to: newEmail },
      clientAddress: req.clientAddress,
    });
    const mail = mailDealer(dealer);
    background(
      deps.mailer.send({
        template: 'email-change-confirm',
        to: { email: newEmail, name: after.name },
        dealer: mail,
        data: { name: after.name, accountName: auth.account.name, newEmail, confirmUrl: `${base}#porchlight-confirm-email=${secret}`, expiresInHours: EMAIL_CONFIRM_HOURS },
      }),
    );
    if (after.email) {
      background(
        deps.mailer.send({ template: 'email-change-notice', to: { email: after.email, name: after.name }, dealer: mail, data: { name: after.name, accountName: auth.account.name, newEmail } }),
      );
    }
  }
  return { profile: toProfile(after, auth.account), confirmationSentTo: newEmail ?? null };
}

const invalidLink = () => new PorchlightError('INVALID_TOKEN', undefined, { fields: { token: 'This link is not valid or has expired. Change your email again to get a new one.' } });

/** Uses an email confirmation link once: the pending email becomes the login's email. */
export async function confirmEmail(deps: Deps, dealer: Dealer, token: string, req: RequestInfo, background: (p: Promise<unknown>) => void): Promise<ConfirmEmailResponse> {
  await hitLimit(deps, 'resetAddress', req.clientAddress);
  const found = await readOneTimeToken<EmailChangeToken>(deps, dealer.id, token, ['email-change']);
  if (!found) throw invalidLink();
  const t = found.value;
  const user = (await getUser(deps, dealer.id, t.accountId, t.userId)) as { value: ProfileUser } | null;
  if (!user || user.value.status !== 'active' || user.value.emailChangeNonce !== t.nonce) throw invalidLink();
  const now = iso(deps);
  // The nonce check inside compare-and-set makes the link single-use even under a race.
  const { before, after } = await updateRecord<ProfileUser>(
    deps.store,
    keys.user(dealer.id, t.accountId, t.userId),
    (u) => {
      if (u.emailChangeNonce !== t.nonce) throw invalidLink();
      return { ...u, email: t.email, pendingEmail: null, emailChangeNonce: null, updatedAt: now, updatedBy: { kind: 'user', userId: u.id, name: u.name } };
    },
    invalidLink,
  );
  await dropOneTimeToken(deps, token, found.version);
  // One person, one email: their logins in other accounts follow.
  await loginEmailConfirmed(deps, after);
  const account = await getAccount(deps, dealer.id, t.accountId);
  const actor = { kind: 'user' as const, userId: after.id, name: after.name };
  await audit(deps, {
    dealerId: dealer.id,
    accountId: t.accountId,
    action: 'profile.email-confirmed',
    actor,
    summary: `${after.name} confirmed their new email ${after.email}`,
    target: { type: 'user', id: after.id },
    details: { from: before.email, to: after.email },
    clientAddress: req.clientAddress,
  });
  if (account) await recordContactChange(deps, dealer, { account: account.value, user: after, actor, clientAddress: req.clientAddress }, contactChanges(before, after), background);
  return { ok: true, email: t.email, message: `Your email is now ${t.email}.` };
}
