/**
 * A fake back-office API behind a fetch function, for the admin element tests and scratch
 * pages: dealer staff and their sessions, accounts, their users and audit trail, in memory,
 * answering like the server (status codes, `{ error: { code, message, fields } }`, Retry-After,
 * FORBIDDEN for a role without the ability, PASSWORD_CHANGE_REQUIRED until a temporary password
 * is replaced). A Blob, ArrayBuffer or typed-array body (an upload) reaches a handler as bytes
 * (`call.raw`); feature fakes (tickets, documents) add routes with `on` and check callers with
 * `authorize`.
 */
import {
  CLIENT_DEFAULT_PERMISSIONS,
  DEALER_ROLE_ABILITIES,
  GRANT_SCOPES,
  PERMISSIONS,
  STAFF_DEFAULT_PERMISSIONS,
  type AccessLogin,
  type AccessRequest,
  type AccessState,
  type Account,
  type AdminAbility,
  type AdminMessage,
  type AdminSessionResponse,
  type AuditEntry,
  type DealerStaffRole,
  type Invitation,
  type LoginProfileSummary,
  type PublicDealer,
  type PublicDealerStaff,
  type PublicUser,
} from '@porchlight/client';
import {
  AccessRequestQuery,
  ApproveAccessRequest,
  CreateDealerStaffRequest,
  CreateMessageRequest,
  DeclineAccessRequest,
  LoginProfileQuery,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  RegistrationKeyRequest,
  SendLoginEmailRequest,
  SetupAccessRequest,
  UpdateAccessRequest,
  UpdateDealerStaffRequest,
  UpdateMessageRequest,
} from '@porchlight/core';
import { apiError, checkBody, checkQuery, fail, fakeDealer, fakeId, json, readBody } from '../../testing/fake-api.js';

export { apiError, checkBody, checkQuery, fail, json };

/** One request the fake received. */
export interface AdminCall {
  method: string;
  /** The path after the base URL, without the query. */
  path: string;
  /** The query string (`?…`), or ''. */
  search: string;
  /** The JSON body, parsed (undefined for none, and for raw bytes). */
  body: any;
  /** The raw bytes of a Blob, ArrayBuffer or typed-array body (an upload). */
  raw?: Uint8Array;
  headers: Record<string, string>;
}

export interface FakeStaff {
  email: string;
  password: string;
  name: string;
  role: DealerStaffRole;
  mustChangePassword?: boolean;
  /** What the staff list shows (defaults: `staff_<the email's local part>`, active, signed in 5 minutes ago, added by the system). */
  id?: string;
  status?: 'active' | 'disabled';
  lastLoginAt?: string | null;
  createdAt?: string;
  createdBy?: PublicDealerStaff['createdBy'];
  updatedAt?: string;
  updatedBy?: PublicDealerStaff['updatedBy'];
}

/** The staff member as an Actor (how the server records who did something). */
export function adminActor(person: FakeStaff) {
  return { kind: 'admin' as const, adminId: person.id ?? `staff_${person.email.split('@')[0]}`, name: `admin ${person.name}` };
}

/** The fields of a FakeStaff that override publicStaff's defaults (only those set). */
function staffRecord(s: FakeStaff): Partial<PublicDealerStaff> {
  const out: Partial<PublicDealerStaff> = {};
  for (const key of ['id', 'status', 'lastLoginAt', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy'] as const) {
    if (s[key] !== undefined) Object.assign(out, { [key]: s[key] });
  }
  return out;
}

/** The server's rules for a new (temporary) password, in short: WEAK_PASSWORD on `password`. */
function weakStaffPassword(password: string, email: string): Response | undefined {
  const problem =
    [...password].length < PASSWORD_MIN_LENGTH
      ? `Use at least ${PASSWORD_MIN_LENGTH} characters.`
      : password.length > PASSWORD_MAX_LENGTH
        ? `Use at most ${PASSWORD_MAX_LENGTH} characters.`
        : /^password/i.test(password) || /^(.)\1+$/.test(password)
          ? 'This password is too common. Choose one that is harder to guess.'
          : password.toLowerCase() === email.trim().toLowerCase()
            ? 'Do not use your username as your password.'
            : undefined;
  return problem ? fail('WEAK_PASSWORD', problem, { password: problem }) : undefined;
}

type Handler = (call: AdminCall, params: Record<string, string>) => Response | Promise<Response>;

export const owner: FakeStaff = { email: 'olivia@lakeside.example', password: 'owner passphrase', name: 'Olivia Park', role: 'owner' };
export const adminStaff: FakeStaff = { email: 'pat@lakeside.example', password: 'admin passphrase', name: 'Pat Dispatcher', role: 'admin' };
export const support: FakeStaff = { email: 'sam@lakeside.example', password: 'support passphrase', name: 'Sam Ortiz', role: 'support' };

const at = (minutesAgo: number) => new Date(Date.UTC(2026, 0, 15, 15, 0) - minutesAgo * 60_000).toISOString();
const system = { kind: 'system' as const, name: 'system' };

/** A login as the fake stores it (created a month ago by the system, never signed in). */
export function fakeUser(accountId: string, id: string, fields: Partial<PublicUser> & Pick<PublicUser, 'name' | 'username' | 'role'>): PublicUser {
  return {
    id,
    accountId,
    email: null,
    status: 'active',
    permissions: fields.role === 'manager' ? [...PERMISSIONS] : [...STAFF_DEFAULT_PERMISSIONS],
    grants: [...GRANT_SCOPES],
    profileId: null,
    mustChangePassword: false,
    lastLoginAt: null,
    disabledAt: null,
    disabledBy: null,
    createdAt: at(60 * 24 * 30),
    createdBy: system,
    updatedAt: at(60 * 24 * 30),
    updatedBy: system,
    ...fields,
  };
}

/** An account as the fake stores it (created two months ago by the system). */
export function fakeAccount(id: string, name: string, identifier: string, extra: Partial<Account> = {}): Account {
  return {
    id,
    dealerId: 'lakeside',
    name,
    customerNumber: null,
    zip: null,
    mainPhone: null,
    identifier,
    identifierSource: 'phone',
    permissions: [...PERMISSIONS],
    createdAt: at(60 * 24 * 60),
    createdBy: system,
    updatedAt: at(60 * 24 * 60),
    updatedBy: system,
    ...extra,
  };
}

/** The seed: three accounts; Harbor View has a manager, office staff and some history. */
export function seedAccounts(): Account[] {
  return [
    fakeAccount('acc_harbor', 'Harbor View Condominiums', '5550100', { customerNumber: 'LA-1001', zip: '60601', mainPhone: '(555) 010-0100' }),
    fakeAccount('acc_maple', 'Maple Street Dental', '5550142', { customerNumber: 'LA-1002', mainPhone: '555-0142' }),
    fakeAccount('acc_oak', 'Oak Ridge Apartments', '48213377', { identifierSource: 'random' }),
  ];
}

export interface FakeAdminApi {
  fetch: typeof fetch;
  calls: AdminCall[];
  staff: FakeStaff[];
  accounts: Account[];
  users: Map<string, PublicUser[]>;
  audit: Map<string, AuditEntry[]>;
  dealer: PublicDealer;
  /** Messages (broadcast news and private ones), newest first; `expired` is worked out when listed. */
  messages: AdminMessage[];
  /** The portal page emulation opens (null: the dealer has not set settings.portalUrl). */
  portalUrl: string | null;
  /** Setup access, login profiles, registration keys and access requests (answered like the server's onboarding routes). */
  access: FakeAccess;
  /** A session token for `staff`, as after a sign-in. */
  signIn(staff: FakeStaff): string;
  on(route: string, handler: Handler): void;
  hold(route: string): () => void;
  offline(): void;
  online(): void;
  /** Calls to `METHOD /path` (the path without its query). */
  callsTo(route: string): AdminCall[];
  /** How many back-office sessions `staff` has (disabling the login or a new temporary password ends them). */
  sessionsOf(staff: FakeStaff): number;
  /**
   * The staff member behind the call when their role allows `ability`; otherwise the server's
   * refusal (UNAUTHENTICATED, PASSWORD_CHANGE_REQUIRED, FORBIDDEN). For feature fakes' routes.
   */
  authorize(call: AdminCall, ability: AdminAbility): FakeStaff | Response;
}

/** A login profile: one person's password, shared by their logins on several accounts (`users[].profileId`). */
export interface FakeProfile {
  profileId: string;
  name: string;
  email: string;
}

/** What the fake keeps for Setup access and access requests. */
export interface FakeAccess {
  /** The fake clock (ms since the epoch) that login states and link expiries are computed against. */
  now(): number;
  /** Moves the fake clock forward (an invitation runs out without waiting). */
  advance(ms: number): void;
  /** How long a login email's link works (the dealer's activationLinkHours: 48). */
  linkHours: number;
  /** The newest login email of each login not yet activated, by user id. */
  invitations: Map<string, Invitation>;
  /** When each login was activated, by user id: null for a login set up and not activated yet; absent for logins made before onboarding (activated when created). */
  activated: Map<string, string | null>;
  profiles: FakeProfile[];
  /** The call list of each account (the people Setup access offers when they have no login). */
  contacts: Map<string, Array<{ contactId: string; name: string; phone: string }>>;
  /** Each account's registration key. */
  keys: Map<string, { registrationKey: string; updatedAt: string }>;
  /** Access requests, in any order (listed newest first). */
  requests: AccessRequest[];
  /** Every login email sent. */
  emails: Array<{ accountId: string; userId: string; to: string; kind: 'invitation' | 'reset'; credentials: 'link' | 'temporary-password'; expiresAt: string }>;
}

/** A message as the fake stores it (`accountId` null: broadcast news). */
export function fakeMessage(id: string, fields: Partial<AdminMessage> & Pick<AdminMessage, 'title'>): AdminMessage {
  const added = fields.addedAt ?? at(60 * 24);
  const by = fields.addedBy ?? { kind: 'admin' as const, adminId: 'staff_olivia', name: 'admin Olivia Park' };
  const accountId = fields.accountId ?? null;
  return {
    id,
    dealerId: 'lakeside',
    accountId,
    body: `The text of "${fields.title}".`,
    addedAt: added,
    addedBy: by,
    validUntil: null,
    importance: 'normal',
    updatedAt: added,
    updatedBy: by,
    kind: accountId ? 'private' : 'broadcast',
    expired: false,
    ...fields,
  };
}

/** The seed: three broadcasts (one expired, one important) and a private message to Harbor View. */
export function seedMessages(): AdminMessage[] {
  return [
    fakeMessage('msg_holiday', { title: 'Holiday hours', importance: 'important', addedAt: at(60), validUntil: new Date(Date.UTC(2099, 0, 1)).toISOString() }),
    fakeMessage('msg_harbor', { title: 'Your new panel', accountId: 'acc_harbor', addedAt: at(120) }),
    fakeMessage('msg_newsletter', { title: 'Spring newsletter', addedAt: at(60 * 24 * 3) }),
    fakeMessage('msg_storm', { title: 'Storm warning', addedAt: at(60 * 24 * 30), validUntil: at(60 * 24 * 20) }),
  ];
}

export function fakeAdminApi(options: { staff?: FakeStaff[]; accounts?: Account[]; portalUrl?: string | null; rateLimitAfter?: number; dealer?: PublicDealer } = {}): FakeAdminApi {
  const staff = options.staff ?? [{ ...owner }, { ...adminStaff }, { ...support }];
  const accounts = options.accounts ?? seedAccounts();
  const dealer = options.dealer ?? fakeDealer;
  const users = new Map<string, PublicUser[]>();
  const audit = new Map<string, AuditEntry[]>();
  const sessions = new Map<string, FakeStaff>();
  const overrides = new Map<string, Handler>();
  const holds = new Map<string, Promise<void>>();
  const calls: AdminCall[] = [];
  let failures = 0;
  let clockOffset = 0;
  let isOffline = false;
  let next = 1;

  if (accounts.some((a) => a.id === 'acc_harbor')) {
    users.set('acc_harbor', [
      fakeUser('acc_harbor', 'usr_dana', { name: 'Dana Reyes', username: 'manager', role: 'manager', email: 'dana@harborview.example', lastLoginAt: at(90) }),
      fakeUser('acc_harbor', 'usr_jordan', { name: 'Jordan Lee', username: 'jordan', role: 'staff', mustChangePassword: true }),
    ]);
    audit.set(
      'acc_harbor',
      Array.from({ length: 25 }, (_, i): AuditEntry => ({
        id: `aud_${String(100 - i).padStart(3, '0')}`,
        at: at(60 + i * 45),
        dealerId: 'lakeside',
        accountId: 'acc_harbor',
        action: i % 3 === 0 ? 'auth.login' : i % 3 === 1 ? 'contact.updated' : 'user.updated',
        actor: { kind: 'user', userId: 'usr_dana', name: 'Dana Reyes' },
        summary: i % 3 === 0 ? 'Dana Reyes logged in' : i % 3 === 1 ? `Dana Reyes changed the call list (entry ${i})` : `Dana Reyes changed Jordan Lee (entry ${i})`,
      })),
    );
  }

  const api: FakeAdminApi = {
    fetch: undefined as unknown as typeof fetch,
    calls,
    staff,
    accounts,
    users,
    audit,
    dealer,
    messages: seedMessages(),
    portalUrl: options.portalUrl === undefined ? 'https://www.lakeside.example/portal' : options.portalUrl,
    access: {
      now: () => Date.now() + clockOffset,
      advance: (ms) => void (clockOffset += ms),
      linkHours: 48,
      invitations: new Map(),
      activated: new Map(),
      profiles: [],
      contacts: new Map([['acc_harbor', [{ contactId: 'ct_harbor_1', name: 'Dana Reyes', phone: '(555) 010-0101' }, { contactId: 'ct_harbor_2', name: 'Marco Diaz', phone: '(555) 010-0102' }]]]),
      keys: new Map([['acc_harbor', { registrationKey: 'HV7Q-2K9M', updatedAt: at(60 * 24 * 12) }]]),
      requests: [],
      emails: [],
    },
    signIn(person) {
      const token = `admin-session-${next++}.secret`;
      sessions.set(token, person);
      return token;
    },
    on: (route, handler) => void overrides.set(route, handler),
    hold(route) {
      let release!: () => void;
      holds.set(route, new Promise<void>((r) => (release = r)));
      return () => {
        holds.delete(route);
        release();
      };
    },
    offline: () => void (isOffline = true),
    online: () => void (isOffline = false),
    callsTo: (route) => calls.filter((c) => `${c.method} ${c.path}` === route),
    sessionsOf: (person) => [...sessions.values()].filter((s) => s === person).length,
    authorize: (call, ability) => notAllowed(call, ability),
  };

  const publicStaff = (s: FakeStaff): PublicDealerStaff => ({
    id: `staff_${s.email.split('@')[0]}`,
    dealerId: dealer.id,
    email: s.email,
    name: s.name,
    role: s.role,
    status: 'active',
    abilities: [...DEALER_ROLE_ABILITIES[s.role]],
    mustChangePassword: Boolean(s.mustChangePassword),
    lastLoginAt: at(5),
    createdAt: at(60 * 24 * 90),
    createdBy: system,
    updatedAt: at(60 * 24 * 90),
    updatedBy: system,
    ...staffRecord(s),
  });

  const sessionResponse = (s: FakeStaff, token?: string): AdminSessionResponse => ({
    session: { ...(token ? { token } : {}), expiresAt: at(-600), idleExpiresAt: at(-30), mustChangePassword: Boolean(s.mustChangePassword) },
    staff: publicStaff(s),
    dealer,
  });

  const who = (call: AdminCall) => {
    const token = /^Bearer (.+)$/.exec(call.headers.authorization ?? '')?.[1];
    const person = token ? sessions.get(token) : undefined;
    return person ? { token: token!, person } : undefined;
  };

  const notAllowed = (call: AdminCall, ability: AdminAbility): Response | FakeStaff => {
    const auth = who(call);
    if (!auth) return apiError('UNAUTHENTICATED', 'Sign in to continue.', 401);
    if (auth.person.mustChangePassword) return apiError('PASSWORD_CHANGE_REQUIRED', 'Choose a new password before you continue.', 403);
    if (!DEALER_ROLE_ABILITIES[auth.person.role].includes(ability)) return apiError('FORBIDDEN', 'Your back-office role does not allow this.', 403);
    return auth.person;
  };

  const findAccount = (id: string) => accounts.find((a) => a.id === id);
  const record = (accountId: string, person: FakeStaff, action: AuditEntry['action'], summary: string, actor?: AuditEntry['actor']) => {
    const list = audit.get(accountId) ?? [];
    list.unshift({
      id: `aud_new_${next++}`,
      at: new Date().toISOString(),
      dealerId: dealer.id,
      accountId,
      action,
      actor: actor ?? adminActor(person),
      summary,
    });
    audit.set(accountId, list);
  };

  const page = <T>(items: T[], query: URLSearchParams, fallback: number) => {
    const limit = Number(query.get('limit') ?? fallback);
    const start = Number(query.get('cursor') ?? 0);
    const end = start + limit;
    return json({ items: items.slice(start, end), cursor: end < items.length ? String(end) : null });
  };

  type Route = [method: string, pattern: RegExp, ability: AdminAbility | null, handler: (call: AdminCall, params: string[], person: FakeStaff, query: URLSearchParams) => Response];

  const routes: Route[] = [
    ['GET', /^\/v1\/admin\/accounts$/, 'accounts.read', (_call, _p, _s, query) => {
      const q = (query.get('q') ?? '').trim().toLowerCase();
      const found = q ? accounts.filter((a) => a.name.toLowerCase().includes(q) || a.identifier === q || a.customerNumber?.toLowerCase() === q) : accounts;
      return page(found, query, 50);
    }],
    ['GET', /^\/v1\/admin\/accounts\/([^/]+)$/, 'accounts.read', (_call, [id]) => {
      const found = findAccount(id!);
      return found ? json(found) : apiError('NOT_FOUND', 'Not found.', 404);
    }],
    ['PATCH', /^\/v1\/admin\/accounts\/([^/]+)$/, 'accounts.write', (call, [id], person) => {
      const found = findAccount(id!);
      if (!found) return apiError('NOT_FOUND', 'Not found.', 404);
      const identifier: string | undefined = call.body.identifier;
      if (identifier !== undefined) {
        if (!/^\d{4,15}$/.test(identifier)) return apiError('VALIDATION_FAILED', 'Some fields are missing or not valid.', 400, { identifier: 'The account identifier is 4 to 15 digits.' });
        if (accounts.some((a) => a.id !== found.id && a.identifier === identifier)) {
          return apiError('IDENTIFIER_TAKEN', 'Another account already uses this identifier.', 409, { identifier: 'Another account already uses this identifier.' });
        }
      }
      Object.assign(found, call.body, identifier !== undefined ? { identifierSource: 'manual' } : {});
      record(found.id, person, 'account.updated', `admin ${person.name} changed ${Object.keys(call.body).join(', ')} on ${found.name}`);
      return json(found);
    }],
    ['GET', /^\/v1\/admin\/accounts\/([^/]+)\/users$/, 'accounts.read', (_call, [id]) => {
      if (!findAccount(id!)) return apiError('NOT_FOUND', 'Not found.', 404);
      return json({ items: users.get(id!) ?? [], cursor: null });
    }],
    ['POST', /^\/v1\/admin\/accounts\/([^/]+)\/users$/, 'accounts.write', (call, [id], person) => {
      const found = findAccount(id!);
      if (!found) return apiError('NOT_FOUND', 'Not found.', 404);
      const list = users.get(found.id) ?? [];
      const body = call.body;
      if (list.some((u) => u.username.toLowerCase() === String(body.username).toLowerCase())) {
        return apiError('USERNAME_TAKEN', 'This username is already used in this account.', 409, { username: 'This username is already used in this account.' });
      }
      if (Boolean(body.password) === Boolean(body.sendSetPasswordLink)) return apiError('VALIDATION_FAILED', 'Give an initial password or ask for a set-password link (one of the two).', 400);
      const added = fakeUser(found.id, `usr_${next++}`, { name: body.name, username: body.username, role: body.role ?? 'staff', email: body.email ?? null, mustChangePassword: Boolean(body.password) });
      users.set(found.id, [...list, added]);
      record(found.id, person, 'user.created', `admin ${person.name} added ${added.name} (staff)`);
      return json(added, 201);
    }],
    ['PUT', /^\/v1\/admin\/accounts\/([^/]+)\/manager$/, 'accounts.write', (call, [id], person) => {
      const found = findAccount(id!);
      if (!found) return apiError('NOT_FOUND', 'Not found.', 404);
      if (String(call.body.password ?? '').length < 8) return apiError('WEAK_PASSWORD', 'Choose a stronger password.', 400, { password: 'Use at least 8 characters.' });
      const list = users.get(found.id) ?? [];
      const current = list.find((u) => u.role === 'manager');
      const manager = fakeUser(found.id, current?.id ?? `usr_${next++}`, {
        ...current,
        name: call.body.name ?? current?.name ?? found.name,
        email: call.body.email ?? current?.email ?? null,
        username: call.body.username,
        role: 'manager',
        mustChangePassword: true,
      });
      users.set(found.id, current ? list.map((u) => (u === current ? manager : u)) : [manager, ...list]);
      record(found.id, person, current ? 'user.updated' : 'user.created', `admin ${person.name} ${current ? 'reset' : 'created'} the manager login ${manager.username} (temporary password)`);
      return json(manager, current ? 200 : 201);
    }],
    ['POST', /^\/v1\/admin\/accounts\/([^/]+)\/emulate$/, 'emulate', (call, [id], person) => {
      const found = findAccount(id!);
      if (!found) return apiError('NOT_FOUND', 'Not found.', 404);
      const list = (users.get(found.id) ?? []).filter((u) => u.status === 'active');
      const target = call.body?.userId ? list.find((u) => u.id === call.body.userId) : list.find((u) => u.role === 'manager');
      if (!target) return apiError('NOT_FOUND', 'This account has no active manager to emulate. Assign one first.', 404);
      const token = `emulation-${next++}.secret`;
      record(found.id, person, 'emulation.start', `admin ${person.name} started emulating ${target.role} ${target.name} on ${found.name}${call.body?.reason ? ` (${call.body.reason})` : ''}`, {
        kind: 'emulation',
        userId: target.id,
        name: `admin ${person.name} as ${target.role} ${target.name}`,
      });
      return json({ token, expiresAt: new Date(Date.UTC(2026, 0, 15, 16, 0)).toISOString(), url: api.portalUrl ? `${api.portalUrl}#porchlight-emulation=${token}` : null, user: target }, 201);
    }],
    ['GET', /^\/v1\/admin\/accounts\/([^/]+)\/audit$/, 'accounts.read', (_call, [id], _s, query) => {
      if (!findAccount(id!)) return apiError('NOT_FOUND', 'Not found.', 404);
      return page(audit.get(id!) ?? [], query, 50);
    }],
    ['GET', /^\/v1\/admin\/staff$/, 'dealer-staff.manage', () => json({ items: staff.map(publicStaff), cursor: null })],
  ];

  // ---- the dealer's own logins (owners only), with the server's rules (dealer-staff/service.ts) ----

  const isActiveOwner = (s: Pick<FakeStaff, 'role' | 'status'>) => s.role === 'owner' && (s.status ?? 'active') === 'active';
  const endSessionsOf = (person: FakeStaff) => {
    for (const [token, holder] of sessions) if (holder === person) sessions.delete(token);
  };
  const emailTaken = 'Another back-office login already uses this email address.';

  routes.push(
    ['POST', /^\/v1\/admin\/staff$/, 'dealer-staff.manage', (call, _p, person) => {
      const checked = checkBody(CreateDealerStaffRequest, call.body);
      if (!checked.ok) return checked.response;
      const input = checked.value;
      const email = input.email.trim();
      const weak = weakStaffPassword(input.password, email);
      if (weak) return weak;
      if (staff.some((s) => s.email.trim().toLowerCase() === email.toLowerCase())) return fail('EMAIL_TAKEN', emailTaken, { email: emailTaken });
      const now = new Date().toISOString();
      const actor = adminActor(person);
      const added: FakeStaff = {
        id: fakeId(`dealer-staff:${email.toLowerCase()}`),
        email,
        password: input.password,
        name: input.name,
        role: input.role,
        mustChangePassword: true,
        status: 'active',
        lastLoginAt: null,
        createdAt: now,
        createdBy: actor,
        updatedAt: now,
        updatedBy: actor,
      };
      staff.push(added);
      return json(publicStaff(added), 201);
    }],
    ['PATCH', /^\/v1\/admin\/staff\/([^/]+)$/, 'dealer-staff.manage', (call, [id], person) => {
      const checked = checkBody(UpdateDealerStaffRequest, call.body);
      if (!checked.ok) return checked.response;
      const input = checked.value;
      const target = staff.find((s) => publicStaff(s).id === id);
      if (!target) return fail('NOT_FOUND', 'No back-office login with this id.');
      const before = { role: target.role, status: target.status ?? 'active' };
      if (publicStaff(person).id === id) {
        if (input.status === 'disabled' && before.status !== 'disabled') return fail('FORBIDDEN', 'You cannot disable your own login. Ask another owner.');
        if (input.role !== undefined && input.role !== before.role) return fail('FORBIDDEN', 'You cannot change your own role. Ask another owner.');
        if (input.password !== undefined) return fail('FORBIDDEN', 'Change your own password with "Change password" (it needs your current one).');
      }
      if (input.password !== undefined) {
        const weak = weakStaffPassword(input.password, target.email);
        if (weak) return weak;
      }
      const after = { role: input.role ?? before.role, status: input.status ?? before.status };
      if (isActiveOwner(before) && !isActiveOwner(after) && !staff.some((s) => s !== target && isActiveOwner(s))) {
        return fail('LAST_OWNER', 'This is the last active owner: make someone else an owner before demoting or disabling this login.');
      }
      if (input.name !== undefined) target.name = input.name;
      target.role = after.role;
      target.status = after.status;
      if (after.status === 'disabled' && before.status !== 'disabled') endSessionsOf(target);
      if (input.password !== undefined) {
        target.password = input.password;
        target.mustChangePassword = true;
        endSessionsOf(target);
      }
      target.updatedAt = new Date().toISOString();
      target.updatedBy = adminActor(person);
      return json(publicStaff(target));
    }],
  );

  // ---- messages (messages/admin-routes.ts): broadcast news and private messages ----

  const listed = (m: AdminMessage): AdminMessage => ({ ...m, expired: m.validUntil !== null && Date.parse(m.validUntil) <= Date.now() });
  const listMessages = (accountId: string | null, query: URLSearchParams) => page(api.messages.filter((m) => m.accountId === accountId).map(listed), query, 50);
  const postMessage = (call: AdminCall, accountId: string | null, person: FakeStaff) => {
    const checked = checkBody(CreateMessageRequest, call.body);
    if (!checked.ok) return checked.response;
    const input = checked.value;
    if (input.validUntil && Date.parse(input.validUntil) <= Date.now()) return fail('VALIDATION_FAILED', undefined, { validUntil: 'Choose a moment in the future.' });
    const now = new Date().toISOString();
    const added = fakeMessage(fakeId(`message:${next++}`), {
      accountId,
      title: input.title,
      body: input.body,
      validUntil: input.validUntil ?? null,
      importance: input.importance ?? 'normal',
      addedAt: now,
      addedBy: adminActor(person),
    });
    api.messages.unshift(added);
    if (accountId) record(accountId, person, 'message.created', `admin ${person.name} added the message "${added.title}"`);
    return json(listed(added), 201);
  };
  const findMessage = (id: string, query: URLSearchParams) => {
    const accountId = query.get('accountId');
    return api.messages.find((m) => m.id === id && (!accountId || m.accountId === accountId));
  };

  routes.push(
    ['GET', /^\/v1\/admin\/messages$/, 'accounts.read', (_call, _p, _s, query) => listMessages(null, query)],
    ['POST', /^\/v1\/admin\/messages$/, 'accounts.write', (call, _p, person) => postMessage(call, null, person)],
    ['GET', /^\/v1\/admin\/accounts\/([^/]+)\/messages$/, 'accounts.read', (_call, [id], _s, query) =>
      findAccount(id!) ? listMessages(id!, query) : fail('NOT_FOUND', 'Not found.')],
    ['POST', /^\/v1\/admin\/accounts\/([^/]+)\/messages$/, 'accounts.write', (call, [id], person) =>
      findAccount(id!) ? postMessage(call, id!, person) : fail('NOT_FOUND', 'Not found.')],
    ['PATCH', /^\/v1\/admin\/messages\/([^/]+)$/, 'accounts.write', (call, [id], person, query) => {
      const checked = checkBody(UpdateMessageRequest, call.body);
      if (!checked.ok) return checked.response;
      const found = findMessage(id!, query);
      if (!found) return fail('NOT_FOUND', 'No message with this id.');
      const input = checked.value;
      Object.assign(found, Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)), { updatedAt: new Date().toISOString(), updatedBy: adminActor(person) });
      return json(listed(found));
    }],
    ['DELETE', /^\/v1\/admin\/messages\/([^/]+)$/, 'accounts.write', (_call, [id], _person, query) => {
      const found = findMessage(id!, query);
      if (!found) return fail('NOT_FOUND', 'No message with this id.');
      api.messages.splice(api.messages.indexOf(found), 1);
      return json({ ok: true });
    }],
  );

  // ---- Setup access, login profiles, registration keys, access requests (onboarding/admin-routes.ts) ----

  const access = api.access;
  const nowIso = () => new Date(access.now()).toISOString();
  const inHours = (hours: number) => new Date(access.now() + hours * 3_600_000).toISOString();
  const activatedAt = (u: PublicUser) => (access.activated.has(u.id) ? access.activated.get(u.id)! : u.createdAt);
  const stateOf = (u: PublicUser): AccessState => {
    if (u.status === 'disabled') return 'disabled';
    if (activatedAt(u)) return 'active';
    const invitation = access.invitations.get(u.id);
    return invitation && Date.parse(invitation.expiresAt) <= access.now() ? 'invitation-expired' : 'invited';
  };
  const accessLogin = (u: PublicUser): AccessLogin => {
    const state = stateOf(u);
    const others = u.profileId
      ? [...users.entries()].flatMap(([accountId, list]) =>
          accountId === u.accountId ? [] : list.filter((o) => o.profileId === u.profileId).map(() => findAccount(accountId)!).filter(Boolean),
        )
      : [];
    return {
      user: u,
      state,
      activatedAt: activatedAt(u),
      invitation: state === 'invited' || state === 'invitation-expired' ? (access.invitations.get(u.id) ?? null) : null,
      otherAccounts: others.map((a) => ({ accountId: a.id, name: a.name, identifier: a.identifier })),
    };
  };
  const usernameTaken = 'This username is already used in this account.';
  const sameText = (a: string | null | undefined, b: string | null | undefined) => (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();
  const profileSummary = (p: FakeProfile): LoginProfileSummary => ({
    profileId: p.profileId,
    name: p.name,
    email: p.email,
    accounts: [...users.entries()].flatMap(([accountId, list]) =>
      list.filter((u) => u.profileId === p.profileId).map((u) => ({ accountId, name: findAccount(accountId)?.name ?? accountId, identifier: findAccount(accountId)?.identifier ?? '', username: u.username })),
    ),
  });
  const activeManagers = (accountId: string) => (users.get(accountId) ?? []).filter((u) => u.role === 'manager' && u.status === 'active');
  const lastManager = () => fail('LAST_MANAGER');

  /** A login email: an invitation until the login is activated, then a reset link (a newer one voids the older). */
  const sendLoginEmail = (accountId: string, u: PublicUser, person: FakeStaff, credentials: 'link' | 'temporary-password' | undefined) => {
    const kind = activatedAt(u) ? ('reset' as const) : ('invitation' as const);
    // A profile that already has a password (an activated login elsewhere) always gets a link.
    const hasPassword = u.profileId !== null && [...users.values()].flat().some((o) => o.profileId === u.profileId && o.id !== u.id && activatedAt(o));
    const carried = kind === 'reset' || hasPassword ? 'link' : (credentials ?? 'link');
    const expiresAt = inHours(access.linkHours);
    if (kind === 'invitation') access.invitations.set(u.id, { sentAt: nowIso(), expiresAt, credentials: carried, sentBy: adminActor(person) });
    access.emails.push({ accountId, userId: u.id, to: u.email!, kind, credentials: carried, expiresAt });
    return { kind, expiresAt, credentials: carried };
  };

  interface NewLogin {
    name: string;
    email: string;
    username?: string | undefined;
    profileId?: string | undefined;
    role?: 'client' | 'staff' | 'manager' | undefined;
    grants?: readonly (typeof GRANT_SCOPES)[number][] | undefined;
    permissions?: readonly (typeof PERMISSIONS)[number][] | undefined;
  }

  /** Sets up a login on `accountId` (Setup access and approvals alike): the new user, or the refusal. */
  const setUpLogin = (accountId: string, input: NewLogin, person: FakeStaff): PublicUser | Response => {
    const list = users.get(accountId) ?? [];
    const username = (input.username ?? input.email).trim();
    if (list.some((u) => sameText(u.username, username))) return fail('USERNAME_TAKEN', usernameTaken, { username: usernameTaken });
    let profile: FakeProfile | undefined;
    if (input.profileId) {
      profile = access.profiles.find((p) => p.profileId === input.profileId);
      if (!profile) return fail('VALIDATION_FAILED', undefined, { profileId: 'No login profile with this id.' });
      if (list.some((u) => u.profileId === profile!.profileId)) return fail('CONFLICT', 'This login profile already has a login on this account.', { profileId: 'This login profile already has a login on this account.' });
    } else {
      const taken = access.profiles.find((p) => sameText(p.email, input.email));
      if (taken) {
        const message = 'A login profile with this email address already exists. Choose it to add this account to it, or use another email.';
        return fail('PROFILE_EMAIL_TAKEN', message, { email: message });
      }
      profile = { profileId: fakeId(`profile:${input.email.toLowerCase()}:${next++}`), name: input.name, email: input.email };
      access.profiles.push(profile);
    }
    const role = input.role ?? 'client';
    const now = nowIso();
    const actor = adminActor(person);
    const user = fakeUser(accountId, fakeId(`user:access:${accountId}:${next++}`), {
      name: input.name,
      username,
      role,
      email: input.email,
      grants: [...(input.grants ?? GRANT_SCOPES)],
      permissions: role === 'manager' ? [...PERMISSIONS] : [...(input.permissions ?? (role === 'client' ? CLIENT_DEFAULT_PERMISSIONS : STAFF_DEFAULT_PERMISSIONS))],
      profileId: profile.profileId,
      createdAt: now,
      createdBy: actor,
      updatedAt: now,
      updatedBy: actor,
    });
    users.set(accountId, [...list, user]);
    access.activated.set(user.id, null);
    return user;
  };

  const findLogin = (accountId: string, userId: string) => (users.get(accountId) ?? []).find((u) => u.id === userId);
  const findRequest = (id: string) => access.requests.find((r) => r.id === id);

  routes.push(
    ['GET', /^\/v1\/admin\/accounts\/([^/]+)\/access$/, 'accounts.read', (_call, [id]) => {
      const account = findAccount(id!);
      if (!account) return fail('NOT_FOUND', 'Not found.');
      const logins = (users.get(account.id) ?? []).map(accessLogin);
      const named = new Set(logins.map((l) => l.user.name.trim().toLowerCase()));
      const key = access.keys.get(account.id);
      return json({
        logins,
        contacts: (access.contacts.get(account.id) ?? []).filter((c) => !named.has(c.name.trim().toLowerCase())),
        registrationKey: key?.registrationKey ?? null,
        registrationKeyUpdatedAt: key?.updatedAt ?? null,
      });
    }],
    ['POST', /^\/v1\/admin\/accounts\/([^/]+)\/access$/, 'accounts.write', (call, [id], person) => {
      const account = findAccount(id!);
      if (!account) return fail('NOT_FOUND', 'Not found.');
      const checked = checkBody(SetupAccessRequest, call.body);
      if (!checked.ok) return checked.response;
      const input = checked.value;
      const user = setUpLogin(account.id, input, person);
      if (user instanceof Response) return user;
      if (input.sendLoginEmail !== false) sendLoginEmail(account.id, user, person, input.credentials);
      record(account.id, person, 'user.created', `admin ${person.name} set up access for ${user.name} (${user.role})`);
      return json(accessLogin(user), 201);
    }],
    ['PATCH', /^\/v1\/admin\/accounts\/([^/]+)\/access\/([^/]+)$/, 'accounts.write', (call, [id, userId], person) => {
      const user = findLogin(id!, userId!);
      if (!findAccount(id!) || !user) return fail('NOT_FOUND', 'Not found.');
      const checked = checkBody(UpdateAccessRequest, call.body);
      if (!checked.ok) return checked.response;
      const input = checked.value;
      if (input.username !== undefined && (users.get(id!) ?? []).some((u) => u !== user && sameText(u.username, input.username))) return fail('USERNAME_TAKEN', usernameTaken, { username: usernameTaken });
      if (input.role !== undefined && input.role !== 'manager' && user.role === 'manager' && user.status === 'active' && activeManagers(id!).length === 1) return lastManager();
      const role = input.role ?? user.role;
      Object.assign(user, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.username !== undefined ? { username: input.username } : {}),
        ...(input.grants !== undefined ? { grants: [...input.grants] } : {}),
        role,
        permissions: role === 'manager' ? [...PERMISSIONS] : input.permissions !== undefined ? [...input.permissions] : user.role === 'manager' ? [...STAFF_DEFAULT_PERMISSIONS] : user.permissions,
        updatedAt: nowIso(),
        updatedBy: adminActor(person),
      });
      record(id!, person, 'user.updated', `admin ${person.name} changed the access of ${user.name}`);
      return json(accessLogin(user));
    }],
    ['DELETE', /^\/v1\/admin\/accounts\/([^/]+)\/access\/([^/]+)$/, 'accounts.write', (_call, [id, userId], person) => {
      const user = findLogin(id!, userId!);
      if (!findAccount(id!) || !user) return fail('NOT_FOUND', 'Not found.');
      if (user.role === 'manager' && user.status === 'active' && activeManagers(id!).length === 1) return lastManager();
      users.set(id!, (users.get(id!) ?? []).filter((u) => u !== user));
      access.invitations.delete(user.id);
      record(id!, person, 'user.removed', `admin ${person.name} revoked the access of ${user.name}`);
      return json({ ok: true });
    }],
    ['POST', /^\/v1\/admin\/accounts\/([^/]+)\/access\/([^/]+)\/login-email$/, 'accounts.write', (call, [id, userId], person) => {
      const user = findLogin(id!, userId!);
      if (!findAccount(id!) || !user) return fail('NOT_FOUND', 'Not found.');
      const checked = checkBody(SendLoginEmailRequest, call.body);
      if (!checked.ok) return checked.response;
      if (user.status === 'disabled') return fail('CONFLICT', 'This login is disabled: no login email can be sent.');
      if (!user.email) return fail('VALIDATION_FAILED', 'This login has no email address. Add one first.', { email: 'This login has no email address. Add one first.' });
      const sent = sendLoginEmail(id!, user, person, checked.value.credentials);
      record(id!, person, 'user.updated', `admin ${person.name} sent ${sent.kind === 'reset' ? 'a password reset' : 'the login email'} to ${user.name}`);
      const message = sent.kind === 'reset' ? `A password reset link was sent to ${user.email}.` : `The login email was sent to ${user.email}.`;
      return json({ ok: true, message, kind: sent.kind, expiresAt: sent.expiresAt, login: accessLogin(user) });
    }],
    ['POST', /^\/v1\/admin\/accounts\/([^/]+)\/registration-key$/, 'accounts.write', (call, [id], person) => {
      const account = findAccount(id!);
      if (!account) return fail('NOT_FOUND', 'Not found.');
      const checked = checkBody(RegistrationKeyRequest, call.body);
      if (!checked.ok) return checked.response;
      const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
      const random = () => Array.from({ length: 4 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
      const registrationKey = checked.value.registrationKey ?? `${random()}-${random()}`;
      const updatedAt = nowIso();
      access.keys.set(account.id, { registrationKey, updatedAt });
      record(account.id, person, 'account.updated', `admin ${person.name} ${checked.value.registrationKey ? 'set' : 'rotated'} the registration key`);
      return json({ registrationKey, registrationKeyUpdatedAt: updatedAt });
    }],
    ['GET', /^\/v1\/admin\/login-profiles$/, 'accounts.read', (call) => {
      const checked = checkQuery(LoginProfileQuery, call.search);
      if (!checked.ok) return checked.response;
      return json({ items: access.profiles.filter((p) => sameText(p.email, checked.value.email)).map(profileSummary) });
    }],
    ['GET', /^\/v1\/admin\/access-requests$/, 'accounts.read', (call, _p, _s, query) => {
      const checked = checkQuery(AccessRequestQuery, call.search);
      if (!checked.ok) return checked.response;
      const status = checked.value.status ?? 'pending';
      const found = access.requests.filter((r) => status === 'all' || r.status === status).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return page(found, query, 20);
    }],
    ['GET', /^\/v1\/admin\/access-requests\/([^/]+)$/, 'accounts.read', (_call, [id]) => {
      const found = findRequest(id!);
      return found ? json(found) : fail('NOT_FOUND', 'No access request with this id.');
    }],
    ['POST', /^\/v1\/admin\/access-requests\/([^/]+)\/approve$/, 'accounts.write', (call, [id], person) => {
      const found = findRequest(id!);
      if (!found) return fail('NOT_FOUND', 'No access request with this id.');
      const checked = checkBody(ApproveAccessRequest, call.body);
      if (!checked.ok) return checked.response;
      if (found.status !== 'pending') return fail('ACCESS_REQUEST_CLOSED');
      const input = checked.value;
      const account = findAccount(input.accountId);
      if (!account) return fail('VALIDATION_FAILED', undefined, { accountId: 'No account with this id.' });
      const user = setUpLogin(account.id, { ...input, name: `${found.firstName} ${found.lastName}`, email: found.email }, person);
      if (user instanceof Response) return user;
      sendLoginEmail(account.id, user, person, undefined);
      record(account.id, person, 'user.created', `admin ${person.name} approved the access request of ${user.name}`);
      Object.assign(found, { status: 'approved', decidedAt: nowIso(), decidedBy: adminActor(person), accountId: account.id, userId: user.id });
      return json(found);
    }],
    ['POST', /^\/v1\/admin\/access-requests\/([^/]+)\/decline$/, 'accounts.write', (call, [id], person) => {
      const found = findRequest(id!);
      if (!found) return fail('NOT_FOUND', 'No access request with this id.');
      const checked = checkBody(DeclineAccessRequest, call.body);
      if (!checked.ok) return checked.response;
      if (found.status !== 'pending') return fail('ACCESS_REQUEST_CLOSED');
      Object.assign(found, { status: 'declined', decidedAt: nowIso(), decidedBy: adminActor(person), note: checked.value.note || null });
      return json(found);
    }],
  );

  const authRoutes: Record<string, (call: AdminCall) => Response> = {
    'GET /v1/dealer': () => json(dealer),
    'POST /v1/admin/auth/login': ({ body }) => {
      if (options.rateLimitAfter !== undefined && failures >= options.rateLimitAfter) {
        return apiError('RATE_LIMITED', 'Too many attempts. Wait a few minutes and try again.', 429, undefined, { 'retry-after': '120' });
      }
      const person = staff.find((s) => s.email === String(body?.email).toLowerCase() && s.password === body?.password);
      // A disabled login gets the same answer as a wrong password (like the server).
      if (person?.status === 'disabled') {
        failures++;
        return apiError('INVALID_CREDENTIALS', 'The email or password is not right.', 401);
      }
      if (!person) {
        failures++;
        return apiError('INVALID_CREDENTIALS', 'The email or password is not right.', 401);
      }
      return json(sessionResponse(person, api.signIn(person)));
    },
    'GET /v1/admin/auth/session': (call) => {
      const auth = who(call);
      return auth ? json(sessionResponse(auth.person)) : apiError('UNAUTHENTICATED', 'Sign in to continue.', 401);
    },
    'POST /v1/admin/auth/logout': (call) => {
      const auth = who(call);
      if (!auth) return apiError('UNAUTHENTICATED', 'Sign in to continue.', 401);
      sessions.delete(auth.token);
      return json({ ok: true });
    },
    'POST /v1/admin/auth/password': (call) => {
      const auth = who(call);
      if (!auth) return apiError('UNAUTHENTICATED', 'Sign in to continue.', 401);
      const { currentPassword, newPassword } = call.body;
      if (currentPassword !== auth.person.password) return apiError('WRONG_PASSWORD', 'The current password is not right.', 400, { currentPassword: 'The current password is not right.' });
      if (/^password/i.test(newPassword)) return apiError('WEAK_PASSWORD', 'Choose a stronger password.', 400, { newPassword: 'This password is too common. Choose another.' });
      auth.person.password = newPassword;
      auth.person.mustChangePassword = false;
      return json(sessionResponse(auth.person));
    },
  };

  api.fetch = (async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), 'http://fake.test');
    const path = url.pathname.replace(/^.*?(?=\/v1\/)/, '');
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => (headers[key] = value));
    const { body, raw } = await readBody(init.body);
    const call: AdminCall = { method: init.method ?? 'GET', path, search: url.search, body, ...(raw ? { raw } : {}), headers };
    calls.push(call);
    const route = `${call.method} ${path}`;
    const held = holds.get(route);
    if (held) await held;
    if (isOffline) throw new TypeError('Failed to fetch');
    const override = overrides.get(route);
    if (override) return override(call, {});
    const fixed = authRoutes[route];
    if (fixed) return fixed(call);
    for (const [method, pattern, ability, handler] of routes) {
      const match = method === call.method ? pattern.exec(path) : null;
      if (!match) continue;
      const person = ability ? notAllowed(call, ability) : undefined;
      if (person instanceof Response) return person;
      return handler(call, match.slice(1).map(decodeURIComponent), person!, url.searchParams);
    }
    return apiError('NOT_FOUND', 'Not found.', 404);
  }) as typeof fetch;

  return api;
}
