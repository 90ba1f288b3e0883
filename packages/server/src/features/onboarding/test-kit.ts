// Helpers for the onboarding tests (not exported): a portal with onboarding settings, customers
// with a registration key, and reading links and temporary passwords out of the test mailer.
import assert from 'node:assert/strict';
import { routePath, Routes, type MailMessage } from '@porchlight/core';
import type { DealerConfigInput, PortalOptions, RateLimit, RateLimitName } from '../../options.js';
import type { Deps } from '../../context.js';
import { API_KEY, makeKit, ORIGIN } from '../../testing/kit.js';
import { createContact } from '../contacts/service.js';

export type Kit = ReturnType<typeof makeKit>;
export const R = Routes;
export const A = Routes.admin;
export const PASSWORD = 'a brand new passphrase';

type Settings = NonNullable<DealerConfigInput['settings']>;

export interface OnboardingOptions {
  onboarding?: Settings['onboarding'];
  settings?: Omit<Settings, 'onboarding'>;
  rateLimits?: Partial<Record<RateLimitName, RateLimit>>;
  session?: PortalOptions['session'];
  /** Where the client address comes from (default: the `x-test-address` header, so tests can vary it). */
  clientAddress?: PortalOptions['clientAddress'];
}

/** The test dealer (as makeKit's) with registration and request access on unless told otherwise. */
export function onboardingKit(options: OnboardingOptions = {}): Kit {
  return makeKit({
    dealer: {
      id: 'lakeside',
      name: 'Lakeside Alarm Co.',
      allowedOrigins: [ORIGIN],
      apiKeys: [{ id: 'backoffice', key: API_KEY }],
      settings: {
        portalUrl: `${ORIGIN}/portal`,
        resetUrl: `${ORIGIN}/reset`,
        supportEmail: 'help@lakeside.example',
        backOfficeUrl: `${ORIGIN}/backoffice`,
        onboarding: { registration: true, requestAccess: true, ...options.onboarding },
        ...options.settings,
      },
    },
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.session ? { session: options.session } : {}),
    clientAddress: options.clientAddress ?? ((c) => c.req.header('x-test-address')),
  });
}

export const code = (res: { body: any }) => res.body?.error?.code;

/** An account the dealer bills, with a customer number, ZIP and registration key (no logins). */
export async function customer(kit: Kit, opts: { name?: string; customerNumber?: string; zip?: string; mainPhone?: string; key?: string | null } = {}) {
  const created = await kit.admin('POST', A.accounts, {
    name: opts.name ?? 'James Smith',
    customerNumber: opts.customerNumber ?? 'C-1001',
    zip: opts.zip ?? '02134',
    mainPhone: opts.mainPhone ?? '5550100',
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  let key: string | null = null;
  if (opts.key !== null) {
    const set = await kit.admin('POST', routePath(A.accountRegistrationKey, { accountId: created.body.id }), opts.key ? { registrationKey: opts.key } : {});
    assert.equal(set.status, 200, JSON.stringify(set.body));
    key = set.body.registrationKey;
  }
  return { account: created.body, id: created.body.id as string, identifier: created.body.identifier as string, key };
}

/** A registration form for `customer`'s account, as the person would fill it in. */
export function registration(c: { key: string | null }, overrides: Record<string, unknown> = {}) {
  return { registrationKey: c.key ?? 'NONE-NONE', customerNumber: 'C-1001', zip: '02134', firstName: 'James', lastName: 'Smith', phone: '555-010-0199', email: 'james@smith.example', ...overrides };
}

/** Posts a registration and waits for the background matching and mail. */
export async function register(kit: Kit, body: unknown) {
  const res = await kit.call('POST', R.register, body);
  await kit.portal.settled();
  return res;
}

/** Emails sent to `email` with `template`, oldest first. */
export function mailsTo(kit: Kit, email: string, template?: MailMessage['template']): MailMessage[] {
  return kit.mailer.sent.filter((m) => m.to.email.toLowerCase() === email.toLowerCase() && (!template || m.template === template));
}

/** The newest email to `email` (of `template`), failing when there is none. */
export function lastMailTo<T extends MailMessage['template']>(kit: Kit, email: string, template: T): Extract<MailMessage, { template: T }> {
  const found = mailsTo(kit, email, template).at(-1);
  assert.ok(found, `no ${template} email to ${email}`);
  return found as Extract<MailMessage, { template: T }>;
}

/** The secret of an activation link. */
export function activationSecret(url: string | null): string {
  const match = /#porchlight-activate=([a-z2-7]+)$/.exec(url ?? '');
  assert.ok(match, `not an activation link: ${url}`);
  return match[1]!;
}

/** The secret of a reset link. */
export function resetSecret(url: string | null): string {
  const match = /#porchlight-reset=([a-z2-7]+)$/.exec(url ?? '');
  assert.ok(match, `not a reset link: ${url}`);
  return match[1]!;
}

/** Uses the newest login email's link to `email` to choose `password`: the signed-in answer. */
export async function activateFromMail(kit: Kit, email: string, template: 'registration-confirmation' | 'login-invitation', password = PASSWORD) {
  const mail = lastMailTo(kit, email, template);
  return kit.call('POST', R.activate, { token: activationSecret(mail.data.setPasswordUrl), newPassword: password });
}

/** The account's logins as Setup access shows them. */
export async function people(kit: Kit, accountId: string) {
  const res = await kit.admin('GET', routePath(A.accountAccess, { accountId }));
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

/** The account's audit entries, newest first. */
export async function auditOf(kit: Kit, accountId: string | null): Promise<any[]> {
  return (await kit.store.list<any>(`audit:lakeside:${accountId ?? '_dealer'}`, { limit: 1000, reverse: true })).items.map((i) => i.value);
}

export const login = (kit: Kit, identifier: string, username: string, password: string) => kit.call('POST', R.login, { identifier, username, password });

/** Adds a person to the account's call list (as the dealer's sync would). */
export async function addContact(kit: Kit, accountId: string, name: string) {
  const deps = { store: kit.store, now: () => kit.clock.now } as unknown as Deps;
  return createContact(deps, { dealerId: 'lakeside', accountId, actor: { kind: 'admin', name: 'admin sync' } }, { name, phone: '555-010-0300' });
}
