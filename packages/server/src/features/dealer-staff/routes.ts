import * as v from 'valibot';
import { AdminChangePasswordRequest, AdminLoginRequest, CreateDealerStaffRequest, Id, Routes, UpdateDealerStaffRequest } from '@porchlight/core';
import { Hono, type Context } from 'hono';
import { readJson, readQuery, validate } from '../../http/body.js';
import { requireAdmin, requireAdminSession, type AdminSessionEnv } from '../../http/auth.js';
import { audit } from '../../audit/audit.js';
import { endSession } from '../../sessions/sessions.js';
import type { RequestInfo } from '../auth/service.js';
import { toPublicDealerStaff, type DealerStaffRecord } from './records.js';
import * as service from './service.js';

const PageQuery = v.strictObject({
  limit: v.optional(v.pipe(v.string(), v.transform(Number), v.integer('limit is a whole number.'), v.minValue(1), v.maxValue(100))),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(400))),
});

function requestInfo(c: Context<AdminSessionEnv>): RequestInfo {
  return { clientAddress: c.var.clientAddress, userAgent: c.req.header('user-agent'), origin: c.req.header('origin') };
}

/** What an update changed, for the audit log (a new password is noted, never shown). */
function changes(before: DealerStaffRecord, after: DealerStaffRecord, input: v.InferOutput<typeof UpdateDealerStaffRequest>) {
  const changed: Record<string, unknown> = {};
  for (const field of ['name', 'role', 'status'] as const) {
    if (input[field] !== undefined && before[field] !== after[field]) changed[field] = { from: before[field], to: after[field] };
  }
  if (input.password !== undefined) changed.password = 'set a new temporary password';
  return changed;
}

/**
 * The back office's own sign-in (the dealer's staff: email + password, bearer tokens only)
 * and the owner's list of those logins. Staff sessions never work on the client portal, nor
 * client sessions here.
 */
export function dealerStaffRoutes() {
  const app = new Hono<AdminSessionEnv>();

  app.post(Routes.admin.login, async (c) => {
    const input = await readJson(c, AdminLoginRequest);
    return c.json(await service.login(c.var.deps, c.var.dealer, input, requestInfo(c)));
  });

  app.get(Routes.admin.session, requireAdminSession({ duringPasswordChange: true }), (c) => {
    const { session, staff } = c.var.staffAuth;
    return c.json(service.adminSessionResponse(c.var.dealer, session, staff));
  });

  app.post(Routes.admin.logout, requireAdminSession({ duringPasswordChange: true }), async (c) => {
    const { session, staff, actor } = c.var.staffAuth;
    await endSession(c.var.deps, session.id);
    await audit(c.var.deps, {
      dealerId: c.var.dealer.id,
      accountId: null,
      action: 'dealer-staff.logout',
      actor,
      summary: `${staff.name} signed out of the back office`,
      target: { type: 'dealer-staff', id: staff.id },
      clientAddress: c.var.clientAddress,
    });
    return c.json({ ok: true });
  });

  app.post(Routes.admin.changePassword, requireAdminSession({ duringPasswordChange: true }), async (c) => {
    const input = await readJson(c, AdminChangePasswordRequest);
    return c.json(await service.changePassword(c.var.deps, c.var.dealer, c.var.staffAuth, input, requestInfo(c)));
  });

  app.get(Routes.admin.dealerStaff, requireAdmin('dealer-staff.manage'), async (c) => {
    const page = await service.listStaff(c.var.deps, c.var.dealer.id, readQuery(c, PageQuery));
    return c.json({ items: page.items.map(toPublicDealerStaff), cursor: page.cursor });
  });

  app.post(Routes.admin.dealerStaff, requireAdmin('dealer-staff.manage'), async (c) => {
    const input = await readJson(c, CreateDealerStaffRequest);
    const { actor } = c.var.admin;
    const staff = await service.createStaff(c.var.deps, c.var.dealer, input, actor);
    await audit(c.var.deps, {
      dealerId: c.var.dealer.id,
      accountId: null,
      action: 'dealer-staff.created',
      actor,
      summary: `${actor.name} added the back-office login ${staff.email} (${staff.role}, temporary password)`,
      target: { type: 'dealer-staff', id: staff.id },
      details: { role: staff.role },
      clientAddress: c.var.clientAddress,
    });
    return c.json(toPublicDealerStaff(staff), 201);
  });

  app.patch(Routes.admin.dealerStaffMember, requireAdmin('dealer-staff.manage'), async (c) => {
    const staffId = validate(Id, c.req.param('staffId') ?? '');
    const input = await readJson(c, UpdateDealerStaffRequest);
    const { actor, keyId } = c.var.admin;
    const { before, after } = await service.updateStaffMember(c.var.deps, c.var.dealer, staffId, input, actor, keyId);
    const changed = changes(before, after, input);
    await audit(c.var.deps, {
      dealerId: c.var.dealer.id,
      accountId: null,
      action: 'dealer-staff.updated',
      actor,
      summary: `${actor.name} changed ${Object.keys(changed).join(', ') || 'nothing'} on the back-office login ${after.email}`,
      target: { type: 'dealer-staff', id: staffId },
      details: changed,
      clientAddress: c.var.clientAddress,
    });
    return c.json(toPublicDealerStaff(after));
  });

  return app;
}
