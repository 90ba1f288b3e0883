import {
  AccessRequestQuery,
  ApproveAccessRequest,
  DeclineAccessRequest,
  Id,
  LoginProfileQuery,
  RegistrationKeyRequest,
  Routes,
  SendLoginEmailRequest,
  SetupAccessRequest,
  UpdateAccessRequest,
} from '@porchlight/core';
import { Hono, type Context } from 'hono';
import type { PortalEnv } from '../../context.js';
import { readJson, readQuery, validate } from '../../http/body.js';
import { requireAdmin } from '../../http/auth.js';
import { requireAccount } from '../accounts/service.js';
import * as access from './access.js';
import * as requests from './access-requests.js';

const param = (c: Context<PortalEnv>, name: string) => validate(Id, c.req.param(name) ?? '');

/**
 * Who acts, for the shared services. No origin: the back office is not the portal, so links in
 * login emails open the dealer's portalUrl (or resetUrl) only.
 */
const caller = (c: Context<PortalEnv>): requests.AdminCaller => ({ actor: c.var.admin.actor, clientAddress: c.var.clientAddress });

/**
 * The dealer's back office: Setup access (an account's logins, setting one up, changing,
 * emailing, revoking it, the registration key), login profiles to reuse, and access requests.
 * Reads need `accounts.read`, writes `accounts.write`; every write is audited as the admin.
 */
export function onboardingAdminRoutes(options: { background: (p: Promise<unknown>) => void }) {
  const app = new Hono<PortalEnv>();
  const { background } = options;
  // Keys carry the dealer: an account of another dealer is simply not found.
  const account = async (c: Context<PortalEnv>) => (await requireAccount(c.var.deps, c.var.dealer.id, param(c, 'accountId'))).value;

  app.get(Routes.admin.accountAccess, requireAdmin('accounts.read'), async (c) => {
    return c.json(await access.accountPeople(c.var.deps, await account(c)));
  });

  app.post(Routes.admin.accountAccess, requireAdmin('accounts.write'), async (c) => {
    const target = await account(c);
    const input = await readJson(c, SetupAccessRequest);
    return c.json(await access.setupAccess(c.var.deps, c.var.dealer, target, input, caller(c), background), 201);
  });

  app.patch(Routes.admin.accountAccessLogin, requireAdmin('accounts.write'), async (c) => {
    const target = await account(c);
    const userId = param(c, 'userId');
    const input = await readJson(c, UpdateAccessRequest);
    return c.json(await access.updateAccess(c.var.deps, c.var.dealer, target, userId, input, caller(c)));
  });

  app.delete(Routes.admin.accountAccessLogin, requireAdmin('accounts.write'), async (c) => {
    const target = await account(c);
    return c.json(await access.revokeAccess(c.var.deps, c.var.dealer, target, param(c, 'userId'), caller(c)));
  });

  app.post(Routes.admin.accountAccessLoginEmail, requireAdmin('accounts.write'), async (c) => {
    const target = await account(c);
    const userId = param(c, 'userId');
    const input = await readJson(c, SendLoginEmailRequest);
    return c.json(await access.sendAccessLoginEmail(c.var.deps, c.var.dealer, target, userId, input, caller(c), background));
  });

  app.post(Routes.admin.accountRegistrationKey, requireAdmin('accounts.write'), async (c) => {
    const accountId = param(c, 'accountId');
    const input = await readJson(c, RegistrationKeyRequest);
    return c.json(await access.setRegistrationKey(c.var.deps, c.var.dealer, accountId, input.registrationKey, caller(c)));
  });

  app.get(Routes.admin.loginProfiles, requireAdmin('accounts.read'), async (c) => {
    const { email } = readQuery(c, LoginProfileQuery);
    return c.json(await access.findLoginProfiles(c.var.deps, c.var.dealer.id, email));
  });

  app.get(Routes.admin.accessRequests, requireAdmin('accounts.read'), async (c) => {
    return c.json(await requests.listAccessRequests(c.var.deps, c.var.dealer.id, readQuery(c, AccessRequestQuery)));
  });

  app.get(Routes.admin.accessRequest, requireAdmin('accounts.read'), async (c) => {
    return c.json(await requests.getAccessRequest(c.var.deps, c.var.dealer.id, param(c, 'requestId')));
  });

  app.post(Routes.admin.accessRequestApprove, requireAdmin('accounts.write'), async (c) => {
    const requestId = param(c, 'requestId');
    const input = await readJson(c, ApproveAccessRequest);
    return c.json(await requests.approveAccessRequest(c.var.deps, c.var.dealer, requestId, input, caller(c), background));
  });

  app.post(Routes.admin.accessRequestDecline, requireAdmin('accounts.write'), async (c) => {
    const requestId = param(c, 'requestId');
    const input = await readJson(c, DeclineAccessRequest);
    return c.json(await requests.declineAccessRequest(c.var.deps, c.var.dealer, requestId, input, caller(c)));
  });

  return app;
}
