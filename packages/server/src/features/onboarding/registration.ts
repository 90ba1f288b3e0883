import * as v from 'valibot';
import { normalizeRegistrationKey, PorchlightError, type AcceptedResponse, RegisterRequest } from '@porchlight/core';
import type { Deps } from '../../context.js';
import { safeEqual } from '../../crypto.js';
import { audit, auditDenied } from '../../audit/audit.js';
import { hitLimit } from '../../http/rate-limit.js';
import { onboardingSettings, type Dealer } from '../../options.js';
import { isActivated, type AccountRecord, type UserRecord } from '../accounts/records.js';
import { findAccountByCustomerNumber, listUsers } from '../accounts/service.js';
import type { RequestInfo } from '../auth/service.js';
import { listContacts } from '../contacts/service.js';
import { alreadyRegisteredEmail, auditLoginEmail, createLogin, REGISTRATION_ACTOR, renewLoginEmail, roleName, who } from './logins.js';
import { nameMatches, type NameMatching } from './names.js';
import { findProfileByEmail } from './profiles.js';

/**
 * Registration with the registration key printed on the invoices (<porchlight-register>): the
 * customer number, ZIP, key and a name on the dealer's records must all match. The answer is
 * always the same 202, whatever matched; the matching and the email happen in the background,
 * so neither the answer nor its timing tells a stranger who is a customer.
 */

export type RegisterInput = v.InferOutput<typeof RegisterRequest>;

export const NEUTRAL_REGISTER_MESSAGE = "If the details match our records, we've emailed you how to sign in. Check your inbox (and your spam folder).";

/** Refuses a way in the dealer has not turned on (ONBOARDING_DISABLED, before anything is read). */
export function requireFlow(dealer: Dealer, flow: 'registration' | 'requestAccess'): void {
  if (!onboardingSettings(dealer)[flow]) throw new PorchlightError('ONBOARDING_DISABLED');
}

export async function register(deps: Deps, dealer: Dealer, input: RegisterInput, req: RequestInfo, background: (p: Promise<unknown>) => void): Promise<AcceptedResponse> {
  requireFlow(dealer, 'registration');
  await hitLimit(deps, 'registerAddress', req.clientAddress);
  // Counted whether or not the customer number exists, so the limit reveals nothing either.
  await hitLimit(deps, 'registerAccount', `${dealer.id}:${input.customerNumber.toLowerCase()}`);
  background(matchRegistration(deps, dealer, input, req));
  return { ok: true, message: NEUTRAL_REGISTER_MESSAGE };
}

/** Registration keys compare without case, spaces or dashes (HV7Q-2K9M, hv7q 2k9m and HV7Q2K9M are one key). */
const comparableKey = (key: string) => normalizeRegistrationKey(key).replace(/-+/g, '');

/** ZIP and postal codes compare without case, spaces or dashes. */
const normalizeZip = (zip: string) => zip.replace(/[\s-]+/g, '').toUpperCase();

/**
 * Which check a registration fails on the account, or null when every one holds. Each check
 * runs every time (the key in constant time); an account without a key never matches.
 */
async function failedCheck(deps: Deps, dealer: Dealer, account: AccountRecord, users: readonly UserRecord[], input: RegisterInput): Promise<string | null> {
  const zipOk = account.zip !== null && account.zip !== undefined && normalizeZip(account.zip) === normalizeZip(input.zip);
  const stored = account.registrationKey ? comparableKey(account.registrationKey) : null;
  const keyOk = safeEqual(stored ?? '', comparableKey(input.registrationKey)) && stored !== null;
  const mode = onboardingSettings(dealer).nameMatching;
  const nameOk = await personOnRecord(deps, account, users, input, mode);
  // A person whose login was disabled does not get back in with a new one (another email).
  const disabled = users.some((u) => u.status !== 'active' && nameMatches(input, u.name, mode));
  if (!zipOk) return 'ZIP code';
  if (!keyOk) return 'registration key';
  if (!nameOk) return 'name';
  if (disabled) return 'the name of a disabled login';
  return null;
}

/**
 * Whether the typed name is a person on the dealer's records for the account: its name, a
 * call-list contact, an active login (a disabled one vouches for nobody).
 */
async function personOnRecord(deps: Deps, account: AccountRecord, users: readonly UserRecord[], input: RegisterInput, mode: NameMatching): Promise<boolean> {
  const contacts = await listContacts(deps, account.dealerId, account.id);
  const names = [account.name, ...contacts.map((c) => c.name), ...users.filter((u) => u.status === 'active').map((u) => u.name)];
  return names.some((name) => nameMatches(input, name, mode));
}

/** The account's login for this email: one with the email, or the login of the profile whose email it is. */
async function loginForEmail(deps: Deps, dealerId: string, users: readonly UserRecord[], email: string): Promise<UserRecord | undefined> {
  const wanted = email.toLowerCase();
  const byEmail = users.find((u) => u.email?.toLowerCase() === wanted);
  if (byEmail) return byEmail;
  const profile = await findProfileByEmail(deps, dealerId, email);
  return profile ? users.find((u) => u.profileId === profile.value.id) : undefined;
}

async function matchRegistration(deps: Deps, dealer: Dealer, input: RegisterInput, req: RequestInfo): Promise<void> {
  const found = await findAccountByCustomerNumber(deps, dealer.id, input.customerNumber);
  if (!found) return;
  const account = found.value;
  const users = await listUsers(deps, dealer.id, account.id);
  const refuse = (why: string) =>
    auditDenied(deps, {
      dealerId: dealer.id,
      accountId: account.id,
      actor: REGISTRATION_ACTOR,
      summary: `Registration did not match the records: ${why}`,
      // What the visitor typed, for the dealer (the account's activity shows no details).
      details: { firstName: input.firstName, lastName: input.lastName, email: input.email, phone: input.phone },
      clientAddress: req.clientAddress,
    });

  const failed = await failedCheck(deps, dealer, account, users, input);
  if (failed) return refuse(failed);

  const existing = await loginForEmail(deps, dealer.id, users, input.email);
  if (existing) {
    if (existing.status !== 'active') return refuse('the login with this email is disabled');
    if (isActivated(existing)) {
      const mail = await alreadyRegisteredEmail(deps, dealer, account, existing, req.origin);
      if (mail) await deps.mailer.send(mail);
      return;
    }
    // Registered before and never activated: a fresh confirmation (the older link stops working).
    return confirm(deps, dealer, account, existing, req);
  }

  let login: UserRecord;
  try {
    login = await createLogin(
      deps,
      dealer,
      account,
      { name: `${input.firstName} ${input.lastName}`, email: input.email, role: 'manager-if-none', profile: 'by-email', phone: input.phone },
      REGISTRATION_ACTOR,
    );
  } catch (error) {
    // The email is some other login's username, or a login appeared at the same moment: nothing to send.
    if (error instanceof PorchlightError) return refuse(`no login could be set up (${error.message})`);
    throw error;
  }
  await audit(deps, {
    dealerId: dealer.id,
    accountId: account.id,
    action: 'access.registered',
    actor: REGISTRATION_ACTOR,
    summary: `${who(login)} registered with the registration key and got ${roleName(login.role)}`,
    target: { type: 'user', id: login.id },
    details: { role: login.role, email: login.email, phone: input.phone },
    clientAddress: req.clientAddress,
  });
  await confirm(deps, dealer, account, login, req);
}

/** Emails 'registration-confirmation' with fresh credentials. */
async function confirm(deps: Deps, dealer: Dealer, account: AccountRecord, login: UserRecord, req: RequestInfo): Promise<void> {
  const { issued, mail } = await renewLoginEmail(deps, dealer, account, login, { template: 'registration-confirmation', actor: REGISTRATION_ACTOR, origin: req.origin });
  await auditLoginEmail(deps, account, issued, REGISTRATION_ACTOR, req.clientAddress);
  await deps.mailer.send(mail);
}
