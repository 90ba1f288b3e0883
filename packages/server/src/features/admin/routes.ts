import * as v from 'valibot';
import { AccountQuery, CreateAccountRequest, CreateManagerRequest, EmulateRequest, Id, PorchlightError, Routes, UpdateAccountRequest } from '@porchlight/core';
import { Hono, type Context } from 'hono';
import type { PortalEnv } from '../../context.js';
import { readJson, readQuery, validate } from '../../http/body.js';
import { requireApiKey } from '../../http/auth.js';
import { audit, listAudit } from '../../audit/audit.js';
import { dealerSetting } from '../../options.js';
import { createSession } from '../../sessions/sessions.js';
import { toPublicUser } from '../accounts/records.js';
import * as accounts from '../accounts/service.js';

const PageQuery = v.strictObject({
  limit: v.optional(v.pipe(v.string(), v.transform(Number), v.integer('limit is a whole number.'), v.minValue(1), v.maxValue(100))),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(400))),
});

const accountIdParam = (c: Context<PortalEnv>) => validate(Id, c.req.param('accountId') ?? '');

/**
 * The dealer admin API, for the dealer's back office (server to server): authenticated by a
 * dealer API key, never by a client session. Every write is audited as "admin <name>".
 */
export function adminRoutes() {
  const app = new Hono<PortalEnv>();
  app.use('/v1/admin/*', requireApiKey());

  app.post(Routes.admin.accounts, async (c) => {
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

  app.get(Routes.admin.accounts, async (c) => {
    const q = readQuery(c, AccountQuery);
    const { deps, dealer } = c.var;
    if (q.identifier || q.customerNumber) {
      const found = q.identifier ? await accounts.findAccountByIdentifier(deps, dealer.id, q.identifier) : await accounts.findAccountByCustomerNumber(deps, dealer.id, q.customerNumber!);
      return c.json({ items: found ? [found.value] : [], cursor: null });
    }
    return c.json(await accounts.listAccounts(deps, dealer.id, q));
  });

  app.get(Routes.admin.account, async (c) => {
    return c.json((await accounts.requireAccount(c.var.deps, c.var.dealer.id, accountIdParam(c))).value);
  });

  app.patch(Routes.admin.account, async (c) => {
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

  app.get(Routes.admin.accountUsers, async (c) => {
    const accountId = accountIdParam(c);
    const users = await accounts.listUsers(c.var.deps, c.var.dealer.id, accountId);
    const account = (await accounts.requireAccount(c.var.deps, c.var.dealer.id, accountId)).value;
    return c.json({ items: users.map((u) => toPublicUser(u, account)), cursor: null });
  });

  app.put(Routes.admin.accountManager, async (c) => {
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

  app.post(Routes.admin.emulate, async (c) => {
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

  app.get(Routes.admin.accountAudit, async (c) => {
    const accountId = accountIdParam(c);
    await accounts.requireAccount(c.var.deps, c.var.dealer.id, accountId);
    return c.json(await listAudit(c.var.deps, c.var.dealer.id, accountId, readQuery(c, PageQuery)));
  });

  return app;
}
