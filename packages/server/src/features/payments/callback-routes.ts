import { DEALER_HEADER, PorchlightError, Routes } from '@porchlight/core';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { PortalEnv } from '../../context.js';
import type { Dealer } from '../../options.js';
import * as service from './service.js';

/** The largest callback body accepted (gateways send a few KiB). */
export const CALLBACK_MAX_BYTES = 256 * 1024;

/**
 * `POST /v1/billing/callbacks/:gatewayId`: the payment gateway's callbacks (webhooks). Public: no
 * session, no Origin (server to server). Mounted before the tenant middleware and the card-data
 * guard, because it is verified by the gateway's signature over the exact raw bytes (and a
 * gateway's event may hold a bank routing number, which the guard would refuse): the route reads
 * the bytes itself, at most CALLBACK_MAX_BYTES. The dealer is the only one, or named by
 * `?dealer=<id>` (or the Porchlight-Dealer header) when the portal serves several; `:gatewayId`
 * must be that dealer's gateway. Answers 200 `{ received: true, duplicate }` once handled (also
 * for a replayed event), 400 for a signature that does not verify, 5xx (so the gateway sends it
 * again) when it could not be handled.
 */
export function paymentCallbackRoutes(dealers: Map<string, Dealer>, options: { background: (p: Promise<unknown>) => void }) {
  const app = new Hono<PortalEnv>();
  const only = dealers.size === 1 ? [...dealers.values()][0] : undefined;
  const limit = bodyLimit({
    maxSize: CALLBACK_MAX_BYTES,
    onError: () => {
      throw new PorchlightError('PAYLOAD_TOO_LARGE', 'The callback body is too large.');
    },
  });

  app.post(Routes.billing.callback, limit, async (c) => {
    const named = c.req.query('dealer') ?? c.req.header(DEALER_HEADER);
    const dealer = named !== undefined ? dealers.get(named.trim()) : only;
    if (!dealer) throw new PorchlightError('UNKNOWN_DEALER', 'Name the dealer of this callback with ?dealer=<id> in the callback URL.');
    const gateway = c.var.deps.gatewayFor?.(dealer.id);
    if (!gateway || gateway.id !== c.req.param('gatewayId')) throw new PorchlightError('NOT_FOUND', 'No such payment gateway for this portal.');
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const result = await service.handleCallback(c.var.deps, { dealer, background: options.background }, gateway, raw, c.req.raw.headers);
    return c.json({ received: true, duplicate: result === 'duplicate' });
  });

  return app;
}
