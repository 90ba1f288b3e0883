import * as v from 'valibot';
import { AccountQuery, CreateAccountRequest, CreateManagerRequest, CustomerNumber, EmulateRequest, foldForSearch, Id, isId, PorchlightError, Routes, StoreKeyError, UpdateAccountRequest } from '@porchlight/core';
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';
import { Hono, type Context } from 'hono';
import type { Deps, PortalEnv } from '../../context.js';
import { readJson, readQuery, validate } from '../../http/body.js';
import { requireAdmin } from '../../http/auth.js';
import { audit, listAudit } from '../../audit/audit.js';
import { dealerSetting } from '../../options.js';
import { createSession } from '../../sessions/sessions.js';
import { keys } from '../../store/keys.js';
import { toPublicUser, type AccountRecord } from '../accounts/records.js';
import * as accounts from '../accounts/service.js';

const PageQuery = v.strictObject({
  limit: v.optional(v.pipe(v.string(), v.transform(Number), v.integer('limit is a whole number.'), v.minValue(1), v.maxValue(100))),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(400))),
});

const accountIdParam = (c: Context<PortalEnv>) => validate(Id, c.req.param('accountId') ?? '');

/**
 * The dealer admin API, for the dealer's back office: a dealer API key (server to server) or a
 * dealer staff member's back-office session, never a client session. Each route names the
 * ability it needs. Every write is audited as "admin <name>".
 */
export function adminRoutes() {
  const app = new Hono<PortalEnv>();

  app.post(Routes.admin.accounts, requireAdmin('accounts.write'), async (c) => {
    const input = await readJson(c, CreateAccountRequest);
    const account = await accounts.createAccount(c.var.deps, c.var.dealer, input, c.var.admin.actor);
    await audit(c.var.deps, {
      dealerId: c.var.dealer.id,
      accountId: account.id,
      action: 'account.created',
      actor: c.var.admin.actor,
      summary: `${c.var.admin.actor.name} created the account ${account.name} (identifier ${account.identifier})`,
      target: { type: 'account', id: account.id },
    });
    return c.json(account, 201);
  });

  app.get(Routes.admin.accounts, requireAdmin('accounts.read'), async (c) => {
    const q = readQuery(c, AccountQuery);
    const { deps, dealer } = c.var;
    if (q.identifier || q.customerNumber) {
      const found = q.identifier ? await accounts.findAccountByIdentifier(deps, dealer.id, q.identifier) : await accounts.findAccountByCustomerNumber(deps, dealer.id, q.customerNumber!);
      return c.json({ items: found ? [found.value] : [], cursor: null });
    }
    if (q.q) return c.json(await searchAccounts(deps, dealer.id, q.q, q.limit ?? 50, q.cursor));
    return c.json(await accounts.listAccounts(deps, dealer.id, q));
  });

  app.get(Routes.admin.account, requireAdmin('accounts.read'), async (c) => {
    return c.json((await accounts.requireAccount(c.var.deps, c.var.dealer.id, accountIdParam(c))).value);
  });

  app.patch(Routes.admin.account, requireAdmin('accounts.write'), async (c) => {
    const accountId = accountIdParam(c);
    const input = await readJson(c, UpdateAccountRequest);
    const { before, after: account } = await accounts.updateAccount(c.var.deps, c.var.dealer, accountId, input, c.var.admin.actor);
    const changed = Object.keys(input).filter((k) => JSON.stringify(before[k as keyof typeof before]) !== JSON.stringify(account[k as keyof typeof account]));
    await audit(c.var.deps, {
      dealerId: c.var.dealer.id,
      accountId,
      action: 'account.updated',
      actor: c.var.admin.actor,
      summary: `${c.var.admin.actor.name} changed ${changed.length ? changed.join(', ') : 'nothing'} on ${account.name}`,
      target: { type: 'account', id: accountId },
      details: Object.fromEntries(changed.map((k) => [k, { from: before[k as keyof typeof before], to: account[k as keyof typeof account] }])),
    });
    return c.json(account);
  });

  app.get(Routes.admin.accountUsers, requireAdmin('accounts.read'), async (c) => {
    const accountId = accountIdParam(c);
    const users = await accounts.listUsers(c.var.deps, c.var.dealer.id, accountId);
    const account = (await accounts.requireAccount(c.var.deps, c.var.dealer.id, accountId)).value;
    return c.json({ items: users.map((u) => toPublicUser(u, account)), cursor: null });
  });

  app.put(Routes.admin.accountManager, requireAdmin('accounts.write'), async (c) => {
    const accountId = accountIdParam(c);
    const input = await readJson(c, CreateManagerRequest);
    const { user, created } = await accounts.assignManager(c.var.deps, c.var.dealer, accountId, input, c.var.admin.actor);
    await audit(c.var.deps, {
      dealerId: c.var.dealer.id,
      accountId,
      action: created ? 'user.created' : 'user.updated',
      actor: c.var.admin.actor,
      summary: `${c.var.admin.actor.name} ${created ? 'created' : 'reset'} the manager login ${user.username} (temporary password)`,
      target: { type: 'user', id: user.id },
    });
    const account = (await accounts.requireAccount(c.var.deps, c.var.dealer.id, accountId)).value;
    return c.json(toPublicUser(user, account), created ? 201 : 200);
  });

  app.post(Routes.admin.emulate, requireAdmin('emulate'), async (c) => {
    const accountId = accountIdParam(c);
    const input = await readJson(c, EmulateRequest);
    const { deps, dealer, admin } = c.var;
    const account = (await accounts.requireAccount(deps, dealer.id, accountId)).value;
    const users = await accounts.listUsers(deps, dealer.id, accountId);
    const user = input.userId ? users.find((u) => u.id === input.userId) : users.find((u) => u.role === 'manager' && u.status === 'active');
    if (!user) throw new PorchlightError('NOT_FOUND', input.userId ? 'No such user in this account.' : 'This account has no active manager to emulate. Assign one first.');
    if (user.status !== 'active') throw new PorchlightError('FORBIDDEN', 'This user is disabled and cannot be emulated.');
    const seconds = dealerSetting(dealer, 'emulationMinutes') * 60;
    const { token, record } = await createSession(deps, user, {
      idleSeconds: seconds,
      absoluteSeconds: seconds,
      emulation: { adminId: admin.keyId, adminName: admin.actor.name, reason: input.reason },
      clientAddress: c.var.clientAddress,
      userAgent: c.req.header('user-agent'),
    });
    await audit(deps, {
      dealerId: dealer.id,
      accountId,
      action: 'emulation.start',
      actor: { kind: 'emulation', userId: user.id, adminId: admin.keyId, name: `${admin.actor.name} as ${user.role} ${user.name}` },
      summary: `${admin.actor.name} started emulating ${user.role} ${user.name} on ${account.name}${input.reason ? ` (${input.reason})` : ''}`,
      target: { type: 'user', id: user.id },
      details: { sessionId: record.id, expiresAt: new Date(record.expiresAt).toISOString() },
    });
    const portalUrl = dealer.settings.portalUrl;
    return c.json(
      {
        token,
        expiresAt: new Date(record.expiresAt).toISOString(),
        url: portalUrl ? `${portalUrl.split('#')[0]}#porchlight-emulation=${token}` : null,
        user: toPublicUser(user, account),
      },
      201,
    );
  });

  app.get(Routes.admin.accountAudit, requireAdmin('accounts.read'), async (c) => {
    const accountId = accountIdParam(c);
    await accounts.requireAccount(c.var.deps, c.var.dealer.id, accountId);
    return c.json(await listAudit(c.var.deps, c.var.dealer.id, accountId, readQuery(c, PageQuery)));
  });

  return app;
}

// ---- account search ---------------------------------------------------------------------

/** Accounts a name search examines per request at most; the cursor resumes the scan. */
export const SEARCH_SCAN_BUDGET = 2000;
const SEARCH_PAGE = 200;

/**
 * Where a search resumes: `x` exact matches already shown, then the name scan from the store
 * page that starts at `c` (null: the first), after the account `a` of that page (null: from
 * its start).
 */
interface SearchCursor {
  x: number;
  c: string | null;
  a: string | null;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function encodeSearchCursor(cursor: SearchCursor): string {
  return encodeBase64urlNoPadding(encoder.encode(JSON.stringify(cursor)));
}

function decodeSearchCursor(text: string): SearchCursor {
  const refuse = () => new PorchlightError('VALIDATION_FAILED', undefined, { fields: { cursor: 'Pass the cursor of the previous page of this search.' } });
  let value: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(text)) throw refuse();
    value = JSON.parse(decoder.decode(decodeBase64urlIgnorePadding(text)));
  } catch {
    throw refuse();
  }
  const { x, c, a } = (value ?? {}) as Partial<SearchCursor>;
  if (typeof value !== 'object' || !Number.isInteger(x) || x! < 0 || x! > 2) throw refuse();
  if (!(c === null || (typeof c === 'string' && c.length > 0 && c.length <= 400))) throw refuse();
  if (!(a === null || isId(a))) throw refuse();
  return { x: x!, c, a };
}

/** Exact matches: the identifier (digits once spaces, dashes and brackets are gone) and the customer number (any case). */
async function exactMatches(deps: Deps, dealerId: string, q: string): Promise<AccountRecord[]> {
  const found: AccountRecord[] = [];
  const digits = q.replace(/[\s()[\]{}.+-]/g, '');
  if (/^\d{4,15}$/.test(digits)) {
    const byIdentifier = await accounts.findAccountByIdentifier(deps, dealerId, digits);
    if (byIdentifier) found.push(byIdentifier.value);
  }
  const customerNumber = v.safeParse(CustomerNumber, q);
  if (customerNumber.success) {
    const byNumber = await accounts.findAccountByCustomerNumber(deps, dealerId, customerNumber.output);
    if (byNumber && !found.some((a) => a.id === byNumber.value.id)) found.push(byNumber.value);
  }
  return found;
}

/**
 * Account search: exact identifier and customer number matches first (first page only), then
 * accounts whose name contains `q` (case- and accent-insensitive), in the dealer's account
 * order. Each request examines at most SEARCH_SCAN_BUDGET accounts, so a page can hold fewer
 * than `limit` items (even none) while `cursor` is not null: follow the cursor to go on.
 */
export async function searchAccounts(deps: Deps, dealerId: string, q: string, limit: number, cursorText: string | undefined): Promise<{ items: AccountRecord[]; cursor: string | null }> {
  const state = cursorText ? decodeSearchCursor(cursorText) : { x: 0, c: null, a: null };
  const exact = await exactMatches(deps, dealerId, q);
  const exactIds = new Set(exact.map((a) => a.id));
  const items = exact.slice(state.x, state.x + limit);
  const shown = Math.min(exact.length, state.x + items.length);
  const more = (c: string | null, a: string | null) => encodeSearchCursor({ x: shown, c, a });
  if (items.length >= limit) return { items, cursor: more(state.c, state.a) };

  const needle = foldForSearch(q);
  if (!needle) return { items, cursor: null };
  let pageStart = state.c;
  let after = state.a;
  let examined = 0;
  for (;;) {
    let page: Awaited<ReturnType<typeof deps.store.list<AccountRecord>>>;
    try {
      page = await deps.store.list<AccountRecord>(keys.accounts(dealerId), { limit: SEARCH_PAGE, cursor: pageStart });
    } catch (error) {
      if (error instanceof StoreKeyError) throw new PorchlightError('VALIDATION_FAILED', undefined, { fields: { cursor: 'Pass the cursor of the previous page of this search.' } });
      throw error;
    }
    for (const [i, { value: account }] of page.items.entries()) {
      // Ids are time-ordered and list order is id order: skip what an earlier page examined.
      if (after !== null && account.id <= after) continue;
      examined++;
      if (!exactIds.has(account.id) && foldForSearch(account.name).includes(needle)) items.push(account);
      if (items.length >= limit || examined >= SEARCH_SCAN_BUDGET) {
        if (i < page.items.length - 1) return { items, cursor: more(pageStart, account.id) };
        return { items, cursor: page.cursor ? more(page.cursor, null) : null };
      }
    }
    if (!page.cursor) return { items, cursor: null };
    pageStart = page.cursor;
    after = null;
  }
}
