// Raw-body requests for the server's own tests (file uploads), next to kit.ts.

/** POSTs raw bytes to an upload route; `type: null` sends no Content-Type. */
export async function postFile(
  fetcher: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  path: string,
  bytes: Uint8Array | string,
  o: { filename?: string; type?: string | null; headers?: Record<string, string>; query?: string } = {},
) {
  const query = o.query ?? (o.filename !== undefined ? `?${new URLSearchParams({ filename: o.filename })}` : '');
  const headers: Record<string, string> = { ...o.headers };
  if (o.type !== null) headers['content-type'] = o.type ?? 'application/octet-stream';
  const res = await fetcher.request(path + query, { method: 'POST', headers, body: bytes as BodyInit });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body };
}
