// Test kit for the server's own tests (not exported): a portal on the memory store with a
// settable clock, a mailer that keeps what it was asked to send, and request helpers.
import assert from 'node:assert/strict';
import { createStorage } from 'unstorage';
import { CLIENT_DEFAULT_PERMISSIONS, newId, normalizeUsername, type GrantScope, type MailMessage, type Mailer, type Permission, type Role, type Store } from '@porchlight/core';
import { defaultHasher } from '#default-hasher';
import type { Deps } from '../context.js';
import { createPortal, type PortalOptions } from '../index.js';
import { unstorageStore } from '../store/unstorage.js';
import { keys } from '../store/keys.js';
import { newUserRecord, type LoginProfileRecord, type UserRecord } from '../features/accounts/records.js';
import { getLoginProfile, insertUser, updateLoginProfile } from '../features/accounts/service.js';

export const API_KEY = 'test-api-key-0123456789abcdef';
export const ORIGIN = 'https://www.lakeside.example';
export const HILLTOP_KEY = 'hilltop-key-0123456789abcdef';
/** The temporary password staff logins are created with, and the permanent one they then choose. */
export const STAFF_TEMP = 'temporary-Pass-9';
export const STAFF_PERMANENT = 'staff passphrase one';

type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any; headers: Headers }>;

export class TestMailer implements Mailer {
  sent: MailMessage[] = [];
  async send(message: MailMessage) {
    this.sent.push(message);
  }
  last(template?: MailMessage['template']) {
    return [...this.sent].reverse().find((m) => !template || m.template === template);
  }
}

export function makeKit(overrides: Partial<PortalOptions> = {}) {
  const clock = { now: Date.parse('2026-11-23T12:00:00Z') };
  const mailer = new TestMailer();
  const store: Store = overrides.store ?? unstorageStore(createStorage(), { now: () => clock.now });
  const portal = createPortal({
    store,
    mailer,
    now: () => clock.now,
    dealer: {
      id: 'lakeside',
      name: 'Lakeside Alarm Co.',
      allowedOrigins: [ORIGIN],
      apiKeys: [{ id: 'backoffice', key: API_KEY }],
      settings: { portalUrl: `${ORIGIN}/portal`, resetUrl: `${ORIGIN}/reset` },
    },
    onUnexpectedError: (e) => {
      throw e;
    },
    ...overrides,
  });

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await portal.request(path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, body: json, headers: res.headers };
  }

  const admin = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    call(method, path, body, { authorization: `Bearer ${API_KEY}`, 'porchlight-admin': 'Pat Dispatcher', ...headers });
  const as = (token: string) => (method: string, path: string, body?: unknown) => call(method, path, body, { authorization: `Bearer ${token}` });

  /** An account with a manager whose password is already permanent. */
  async function accountWithManager(opts: { name?: string; mainPhone?: string; username?: string; password?: string; email?: string } = {}) {
    const password = opts.password ?? 'correct horse battery';
    const account = await admin('POST', '/v1/admin/accounts', { name: opts.name ?? 'Harbor View Condominiums', ...(opts.mainPhone ? { mainPhone: opts.mainPhone } : {}) });
    if (account.status !== 201) throw new Error(`account: ${JSON.stringify(account.body)}`);
    const temp = 'temporary-Pass-1';
    const manager = await admin('PUT', `/v1/admin/accounts/${account.body.id}/manager`, {
      username: opts.username ?? 'manager',
      password: temp,
      name: 'Dana Reyes',
      email: opts.email ?? 'dana@harborview.example',
    });
    if (manager.status !== 201) throw new Error(`manager: ${JSON.stringify(manager.body)}`);
    const login = await call('POST', '/v1/auth/login', { identifier: account.body.identifier, username: opts.username ?? 'manager', password: temp });
    const changed = await as(login.body.session.token)('POST', '/v1/auth/password', { currentPassword: temp, newPassword: password });
    if (changed.status !== 200) throw new Error(`change: ${JSON.stringify(changed.body)}`);
    return { account: account.body, manager: manager.body, identifier: account.body.identifier as string, password, token: login.body.session.token as string };
  }

  /**
   * Creates a staff login through the portal API as `by` (a manager's token or call helper), logs it in with the
   * temporary password and replaces it with a permanent one. `afterCreate` runs between creating and logging in.
   */
  async function staffLogin(
    by: string | Call,
    identifier: string,
    body: { name: string; username: string; permissions?: string[]; [field: string]: unknown },
    options: { temporary?: string; permanent?: string; headers?: Record<string, string>; afterCreate?: (user: any) => Promise<void> } = {},
  ) {
    const temporary = options.temporary ?? STAFF_TEMP;
    const headers = options.headers ?? {};
    const create = typeof by === 'string' ? as(by) : by;
    const { name, username, ...rest } = body;
    const res = await create('POST', '/v1/staff', { name, username, password: temporary, ...rest });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    if (options.afterCreate) await options.afterCreate(res.body);
    const login = await call('POST', '/v1/auth/login', { identifier, username, password: temporary }, headers);
    assert.equal(login.status, 200, JSON.stringify(login.body));
    const token = login.body.session.token as string;
    const staffAs: Call = (method, path, body) => call(method, path, body, { authorization: `Bearer ${token}`, ...headers });
    const changed = await staffAs('POST', '/v1/auth/password', { currentPassword: temporary, newPassword: options.permanent ?? STAFF_PERMANENT });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    return { user: res.body, username, token, as: staffAs };
  }

  /** Two accounts of the dealer, A (main phone 5550100) and B ("Other Account", 5550199), each with a signed-in manager. */
  async function twoAccounts() {
    const a = await accountWithManager({ mainPhone: '5550100' });
    const b = await accountWithManager({ name: 'Other Account', mainPhone: '5550199' });
    return { a: { ...a, as: as(a.token) }, b: { ...b, as: as(b.token) } };
  }

  /**
   * A login of a login profile ("one person, several accounts") on account `accountId`, written
   * straight to the store (no onboarding feature needed): a new profile holding a real hash of
   * `password` (the portal's own hasher), or — with `profileId` — one more login of that
   * profile (its password then). Activated unless `activatedAt: null`; role `client` with
   * every permission a client gets unless told; `grants` as given (omit: every part).
   * The profile's email index is not written.
   */
  async function linkLogin(
    accountId: string,
    opts: {
      username: string;
      profileId?: string;
      password?: string;
      name?: string;
      email?: string;
      role?: Role;
      permissions?: Permission[];
      grants?: GrantScope[];
      activatedAt?: string | null;
      status?: UserRecord['status'];
    },
  ) {
    const deps = { store, now: () => clock.now } as unknown as Deps;
    const dealerId = 'lakeside';
    const at = new Date(clock.now).toISOString();
    const actor = { kind: 'admin' as const, adminId: 'backoffice', name: 'admin Pat Dispatcher' };
    const name = opts.name ?? 'Sam Porter';
    const email = opts.email ?? 'sam@porter.example';
    let profileId = opts.profileId;
    if (!profileId) {
      profileId = newId(clock.now);
      const profile: LoginProfileRecord = {
        id: profileId,
        dealerId,
        name,
        email,
        emailNormalized: email.toLowerCase(),
        members: [],
        passwordHash: await (overrides.hasher ?? defaultHasher()).hash(opts.password ?? 'linked logins passphrase'),
        mustChangePassword: false,
        sessionEpoch: 0,
        resetNonce: null,
        passwordChangedAt: at,
        temporaryPassword: null,
        createdAt: at,
        createdBy: actor,
        updatedAt: at,
      };
      await store.put(keys.loginProfile(dealerId, profileId), profile, { ifVersion: null });
    } else if (!(await getLoginProfile(deps, dealerId, profileId))) throw new Error(`linkLogin: no profile ${profileId}`);
    const role = opts.role ?? 'client';
    const user = await insertUser(
      deps,
      newUserRecord(
        {
          id: newId(clock.now),
          dealerId,
          accountId,
          role,
          username: opts.username,
          usernameNormalized: normalizeUsername(opts.username),
          name,
          email,
          status: opts.status,
          ...(role === 'manager' ? {} : { permissions: opts.permissions ?? [...CLIENT_DEFAULT_PERMISSIONS] }),
          ...(opts.grants ? { grants: opts.grants } : {}),
          profileId,
          activatedAt: opts.activatedAt === undefined ? at : opts.activatedAt,
          // Placeholders: the profile holds the credentials.
          mustChangePassword: false,
          passwordHash: '',
        },
        at,
        actor,
      ),
    );
    await updateLoginProfile(deps, dealerId, profileId, (p) => ({ ...p, members: [...p.members, { accountId, userId: user.id }] }));
    return { user, profileId };
  }

  return { portal, store, mailer, clock, call, admin, as, accountWithManager, staffLogin, twoAccounts, linkLogin };
}

export type DealerId = 'lakeside' | 'hilltop';

/**
 * A portal serving two dealers, lakeside (key API_KEY) and hilltop (key HILLTOP_KEY), with `managerAt` to make an
 * account of either dealer whose manager is signed in with a permanent password.
 */
export function makeTwoDealerKit(overrides: Partial<PortalOptions> = {}) {
  const kit = makeKit({
    dealer: undefined,
    dealers: [
      { id: 'lakeside', name: 'Lakeside', apiKeys: [{ id: 'k', key: API_KEY }], settings: { resetUrl: 'https://lakeside.example/reset' } },
      { id: 'hilltop', name: 'Hilltop', apiKeys: [{ id: 'k', key: HILLTOP_KEY }], settings: { resetUrl: 'https://hilltop.example/reset' } },
    ],
    ...overrides,
  });
  const keyOf: Record<DealerId, string> = { lakeside: API_KEY, hilltop: HILLTOP_KEY };

  /** An account at `dealer` (by its own key) whose manager has logged in and chosen a permanent password. */
  async function managerAt(dealer: DealerId, mainPhone: string, options: { temporary?: string; permanent?: string } = {}) {
    const temporary = options.temporary ?? STAFF_TEMP;
    const admin: Call = (method, path, body) => kit.call(method, path, body, { authorization: `Bearer ${keyOf[dealer]}`, 'porchlight-dealer': dealer });
    const account = (await admin('POST', '/v1/admin/accounts', { name: `${dealer} ${mainPhone}`, mainPhone })).body;
    await admin('PUT', `/v1/admin/accounts/${account.id}/manager`, { username: 'manager', password: temporary, name: `${dealer} manager` });
    const login = await kit.call('POST', '/v1/auth/login', { identifier: mainPhone, username: 'manager', password: temporary }, { 'porchlight-dealer': dealer });
    const token = login.body.session.token as string;
    const headers = { authorization: `Bearer ${token}`, 'porchlight-dealer': dealer };
    const as: Call = (method, path, body) => kit.call(method, path, body, headers);
    assert.equal((await as('POST', '/v1/auth/password', { currentPassword: temporary, newPassword: options.permanent ?? STAFF_PERMANENT })).status, 200);
    return { account, admin, token, headers, as, dealer };
  }

  return { ...kit, keyOf, managerAt };
}
