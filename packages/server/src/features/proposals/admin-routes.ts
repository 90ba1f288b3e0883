import * as v from 'valibot';
import { Id, PorchlightError, PROPOSAL_PDF_MAX_BYTES, ProposalNumber, Routes, SyncProposalRequest, WithdrawProposalRequest } from '@porchlight/core';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { PortalEnv } from '../../context.js';
import { readJson, readQuery, validate } from '../../http/body.js';
import { requireAdmin } from '../../http/auth.js';
import { requireAccount } from '../accounts/service.js';
import type { FileRoute } from '../../http/body-limit.js';
import { pdfResponse } from './routes.js';
import * as service from './service.js';

/** The sync carries the dealer's PDF as base64: its own limit, above the portal's general one. */
export const SYNC_BODY_MAX = Math.ceil(PROPOSAL_PDF_MAX_BYTES / 3) * 4 + 512 * 1024;
const syncLimit = bodyLimit({
  maxSize: SYNC_BODY_MAX,
  onError: () => {
    throw new PorchlightError('PAYLOAD_TOO_LARGE', `The proposal is too large: its PDF may be at most ${PROPOSAL_PDF_MAX_BYTES / 1024 / 1024} MiB.`);
  },
});

/**
 * The two proposal routes whose body may be larger than the portal's general limit: the sync
 * with the dealer's PDF, the acceptance with the signature image. Each has its own limit on
 * its route; the portal skips its general one for these.
 */
export const PROPOSAL_LARGE_BODY_ROUTES: readonly FileRoute[] = [
  { method: 'PUT', path: Routes.admin.proposal },
  { method: 'POST', path: Routes.proposalAccept },
];

const PageQuery = v.strictObject({
  limit: v.optional(v.pipe(v.string(), v.transform(Number), v.integer('limit is a whole number.'), v.minValue(1), v.maxValue(100))),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(400))),
});
const NoQuery = v.strictObject({});

const accountIdParam = (c: Context<PortalEnv>) => validate(v.object({ accountId: Id }), { accountId: c.req.param('accountId') ?? '' }).accountId;
const numberParam = (c: Context<PortalEnv>) => validate(v.object({ proposalNumber: ProposalNumber }), { proposalNumber: c.req.param('proposalNumber') ?? '' }).proposalNumber;

function scope(c: Context<PortalEnv>): service.AdminScope {
  return { dealer: c.var.dealer, actor: c.var.admin.actor, clientAddress: c.var.clientAddress, userAgent: c.req.header('user-agent') };
}

/**
 * Proposals in the back office, addressed by the dealer's own proposal number: the sync
 * (PUT, idempotent) and withdraw need `accounts.write`; reading, the PDFs and the evidence
 * `accounts.read`. Syncs and withdrawals are audited in the account's trail.
 */
export function proposalAdminRoutes() {
  const app = new Hono<PortalEnv>();

  app.get(Routes.admin.proposals, requireAdmin('accounts.read'), async (c) => {
    const accountId = accountIdParam(c);
    const page = readQuery(c, PageQuery);
    await requireAccount(c.var.deps, c.var.dealer.id, accountId);
    return c.json(await service.listAdminProposals(c.var.deps, c.var.dealer.id, accountId, page));
  });

  app.put(Routes.admin.proposal, requireAdmin('accounts.write'), syncLimit, async (c) => {
    const accountId = accountIdParam(c);
    const number = numberParam(c);
    readQuery(c, NoQuery);
    const account = (await requireAccount(c.var.deps, c.var.dealer.id, accountId)).value;
    const input = await readJson(c, SyncProposalRequest);
    const result = await service.syncProposal(c.var.deps, scope(c), account, number, input);
    return c.json(result, result.created ? 201 : 200);
  });

  app.get(Routes.admin.proposal, requireAdmin('accounts.read'), async (c) => {
    const accountId = accountIdParam(c);
    const number = numberParam(c);
    await requireAccount(c.var.deps, c.var.dealer.id, accountId);
    return c.json(await service.getAdminProposal(c.var.deps, c.var.dealer.id, accountId, number));
  });

  app.get(Routes.admin.proposalDocument, requireAdmin('accounts.read'), async (c) => {
    const accountId = accountIdParam(c);
    const number = numberParam(c);
    await requireAccount(c.var.deps, c.var.dealer.id, accountId);
    return pdfResponse(c, await service.adminDocument(c.var.deps, c.var.dealer.id, accountId, number));
  });

  app.get(Routes.admin.proposalSigned, requireAdmin('accounts.read'), async (c) => {
    const accountId = accountIdParam(c);
    const number = numberParam(c);
    await requireAccount(c.var.deps, c.var.dealer.id, accountId);
    return pdfResponse(c, await service.adminSigned(c.var.deps, c.var.dealer.id, accountId, number));
  });

  app.get(Routes.admin.proposalEvidence, requireAdmin('accounts.read'), async (c) => {
    const accountId = accountIdParam(c);
    const number = numberParam(c);
    await requireAccount(c.var.deps, c.var.dealer.id, accountId);
    return c.json(await service.proposalEvidence(c.var.deps, c.var.dealer.id, accountId, number));
  });

  app.post(Routes.admin.proposalWithdraw, requireAdmin('accounts.write'), async (c) => {
    const accountId = accountIdParam(c);
    const number = numberParam(c);
    const input = await readJson(c, WithdrawProposalRequest);
    await requireAccount(c.var.deps, c.var.dealer.id, accountId);
    return c.json(await service.withdrawProposal(c.var.deps, scope(c), accountId, number, input));
  });

  return app;
}
