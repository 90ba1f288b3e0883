import { DEALER_HEADER, PorchlightError } from '@porchlight/core';
import type { Context, MiddlewareHandler } from 'hono';
import type { PortalEnv } from '../context.js';
import type { Dealer } from '../options.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const ALLOWED_HEADERS = ['Content-Type', 'Authorization', DEALER_HEADER, 'Porchlight-Admin'].join(', ');

/** The origin of the handler itself, as the request reached it. */
function ownOrigin(c: Context): string {
  return new URL(c.req.url).origin;
}

function originAllowed(c: Context, dealer: Dealer, origin: string): boolean {
  // Exact matches only: no suffix, no pattern, never the literal "null" (sandboxed frames, files).
  return origin !== 'null' && (origin === ownOrigin(c) || dealer.allowedOrigins.includes(origin));
}

/**
 * Resolves the dealer of every request (the `Porchlight-Dealer` header, else the only dealer,
 * else the one dealer whose allow-list holds the Origin), then gates CORS and CSRF on the
 * dealer's exact origin allow-list. Preflights are answered here.
 */
export function tenant(dealers: Map<string, Dealer>, credentials: boolean): MiddlewareHandler<PortalEnv> {
  const only = dealers.size === 1 ? [...dealers.values()][0] : undefined;
  return async (c, next) => {
    const origin = c.req.header('origin');

    if (c.req.method === 'OPTIONS') {
      // A preflight carries no header values, so allow it when any dealer lists the origin.
      const ok = origin !== undefined && [...dealers.values()].some((d) => originAllowed(c, d, origin));
      if (!ok) return c.body(null, 403);
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
      c.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      c.header('Access-Control-Max-Age', '600');
      if (credentials) c.header('Access-Control-Allow-Credentials', 'true');
      c.header('Vary', 'Origin, Access-Control-Request-Headers');
      return c.body(null, 204);
    }

    const named = c.req.header(DEALER_HEADER);
    let dealer: Dealer | undefined;
    if (named !== undefined) dealer = dealers.get(named.trim());
    else if (only) dealer = only;
    else if (origin) {
      const matches = [...dealers.values()].filter((d) => d.allowedOrigins.includes(origin));
      if (matches.length === 1) dealer = matches[0];
    }
    if (!dealer) {
      throw new PorchlightError(
        'UNKNOWN_DEALER',
        named === undefined ? `Say which dealer this request is for with the ${DEALER_HEADER} header (the portal's dealer attribute).` : undefined,
      );
    }

    if (origin !== undefined) {
      if (!originAllowed(c, dealer, origin)) throw new PorchlightError('ORIGIN_NOT_ALLOWED');
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', 'Retry-After');
      if (credentials) c.header('Access-Control-Allow-Credentials', 'true');
      c.header('Vary', 'Origin');
    } else if (credentials && !SAFE_METHODS.has(c.req.method) && c.req.header('cookie')) {
      // Cookie sessions: a state-changing request carrying cookies must say where it comes from.
      throw new PorchlightError('ORIGIN_NOT_ALLOWED', 'This request must come from an allowed page (Origin header missing).');
    }
    c.set('dealer', dealer);
    await next();
  };
}

/** The client's address for rate limits and the audit log. */
export function clientAddress(c: Context, trustedProxies: number): string | undefined {
  if (trustedProxies > 0) {
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const addr = hops[hops.length - trustedProxies];
    if (addr) return addr;
  }
  // @hono/node-server puts the Node request in env.incoming; other runtimes: pass clientAddress.
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}
