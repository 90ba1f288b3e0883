import * as v from 'valibot';
import { AcceptProposalRequest, ConsentRequest, Id, PorchlightError, RejectProposalRequest, Routes, SIGNATURE_PNG_MAX_BYTES } from '@porchlight/core';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { PortalEnv } from '../../context.js';
import { readJson, readQuery, validate } from '../../http/body.js';
import { guardPart, notEmulated, requirePermission, requireSession } from '../../http/auth.js';
import { sendPdf } from '../../http/file.js';
import * as service from './service.js';

const PageQuery = v.strictObject({
  limit: v.optional(v.pipe(v.string(), v.transform(Number), v.integer('limit is a whole number.'), v.minValue(1), v.maxValue(100))),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(400))),
});

/** The acceptance carries the signature image as base64: its own limit, above the portal's general one. */
export const ACCEPT_BODY_MAX = Math.ceil(SIGNATURE_PNG_MAX_BYTES / 3) * 4 + 64 * 1024;
const acceptLimit = bodyLimit({
  maxSize: ACCEPT_BODY_MAX,
  onError: () => {
    throw new PorchlightError('PAYLOAD_TOO_LARGE', `The signature is larger than ${SIGNATURE_PNG_MAX_BYTES / 1024} KiB.`);
  },
});

/** A PDF as a download with its SHA-256 in `Repr-Digest` (the shared `sendPdf`). */
export const pdfResponse = sendPdf;

const proposalIdParam = (c: Context<PortalEnv>) => validate(v.object({ proposalId: Id }), { proposalId: c.req.param('proposalId') ?? '' }).proposalId;
const meta = (c: Context<PortalEnv>): service.RequestMeta => ({ clientAddress: c.var.clientAddress, userAgent: c.req.header('user-agent') });

/**
 * Proposals in the portal, for logins granted "Proposals" (every route; NOT_GRANTED
 * otherwise). Every such user of the account reads them (and each read is
 * recorded in the proposal's evidence chain); only a login holding `proposals.decide`, never
 * an admin emulating it, consents, accepts or rejects.
 */
export function proposalRoutes(options: { background: (p: Promise<unknown>) => void }) {
  const app = new Hono<PortalEnv>();
  guardPart(app, 'proposals', [`${Routes.proposals}/*`]);
  const session = requireSession();
  const decide = [session, notEmulated(), requirePermission('proposals.decide')] as const;

  app.get(Routes.proposals, session, async (c) => {
    const page = readQuery(c, PageQuery);
    return c.json(await service.listPortalProposals(c.var.deps, c.var.dealer.id, c.var.auth, page));
  });

  app.get(Routes.proposal, session, async (c) => {
    const proposalId = proposalIdParam(c);
    return c.json(await service.getPortalProposal(c.var.deps, c.var.dealer.id, c.var.auth, proposalId, meta(c)));
  });

  app.get(Routes.proposalDocument, session, async (c) => {
    const proposalId = proposalIdParam(c);
    return pdfResponse(c, await service.portalDocument(c.var.deps, c.var.dealer.id, c.var.auth, proposalId, meta(c)));
  });

  app.get(Routes.proposalSigned, session, async (c) => {
    const proposalId = proposalIdParam(c);
    return pdfResponse(c, await service.portalSigned(c.var.deps, c.var.dealer.id, c.var.auth, proposalId));
  });

  app.post(Routes.proposalConsent, ...decide, async (c) => {
    const proposalId = proposalIdParam(c);
    await readJson(c, ConsentRequest);
    return c.json(await service.giveConsent(c.var.deps, c.var.dealer.id, c.var.auth, proposalId, meta(c)));
  });

  app.post(Routes.proposalAccept, ...decide, acceptLimit, async (c) => {
    const proposalId = proposalIdParam(c);
    const input = await readJson(c, AcceptProposalRequest);
    return c.json(await service.acceptProposal(c.var.deps, c.var.dealer, c.var.auth, proposalId, input, meta(c), options.background));
  });

  app.post(Routes.proposalReject, ...decide, async (c) => {
    const proposalId = proposalIdParam(c);
    const input = await readJson(c, RejectProposalRequest);
    return c.json(await service.rejectProposal(c.var.deps, c.var.dealer, c.var.auth, proposalId, input, meta(c), options.background));
  });

  return app;
}
