import { PorchlightError } from '@porchlight/core';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/** A route whose body is a raw file, with its own size limit instead of the portal's general one. */
export interface FileRoute {
  method: 'POST' | 'PUT';
  /** The route as in core's `Routes` (`:name` parameters match one path segment). */
  path: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether a request is for one of `routes`. Matched on the end of the path (a parameter is one
 * segment), so it holds wherever the handler is mounted. The portal skips its general body
 * limit for these; each of their handlers applies its own with `fileBodyLimit`.
 */
export function fileRouteMatcher(routes: readonly FileRoute[]): (c: Context) => boolean {
  const patterns = routes.map((r) => ({ method: r.method, path: new RegExp(`${r.path.split(/:[A-Za-z]+/).map(escape).join('[^/]+')}$`) }));
  return (c) => {
    const pathname = new URL(c.req.url).pathname;
    return patterns.some((p) => p.method === c.req.method && p.path.test(pathname));
  };
}

/** The size limit of a file route: 413 PAYLOAD_TOO_LARGE naming the limit in MiB. */
export function fileBodyLimit(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new PorchlightError('PAYLOAD_TOO_LARGE', `The file is larger than ${maxBytes / 1024 / 1024} MiB.`);
    },
  });
}
