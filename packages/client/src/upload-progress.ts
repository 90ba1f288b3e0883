import type { UploadOptions } from './transport.js';

/**
 * An upload through XMLHttpRequest, the one browser API that reports upload progress; answers
 * a Response so the reply is handled like any other.
 */
export function sendWithProgress(method: string, url: string, headers: Record<string, string>, body: Blob, options: UploadOptions & { credentials?: string }): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.withCredentials = options.credentials === 'include';
    xhr.upload.onprogress = (event) => options.onProgress?.(event.loaded, event.lengthComputable ? event.total : body.size);
    xhr.onload = () => {
      options.onProgress?.(body.size, body.size);
      const responseHeaders = new Headers();
      for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
        const at = line.indexOf(':');
        if (at > 0) responseHeaders.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
      }
      // A 204 or 304 cannot carry a body in a Response.
      const status = xhr.status;
      resolve(new Response(status === 204 || status === 304 ? null : xhr.responseText, { status, headers: responseHeaders }));
    };
    xhr.onerror = () => reject(new TypeError('Network error'));
    xhr.onabort = () => reject(new DOMException('The upload was aborted.', 'AbortError'));
    if (options.signal) {
      if (options.signal.aborted) return xhr.abort();
      options.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(body);
  });
}
