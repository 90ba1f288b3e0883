/**
 * The sandbox gateway's hosted-fields page: the part of the sandbox that runs in the browser,
 * inside an iframe the portal element embeds. It is served by the sandbox app (never by
 * Porchlight's handler), posts the details to the sandbox's own `tokens` endpoint, and hands the
 * embedding page only a token and a summary (kind, brand, last four, expiry) via postMessage,
 * addressed to the exact origin the sandbox app was configured to allow.
 *
 * The script and the styles are constants, allowed by their SHA-256 in the page's CSP; the
 * only per-request values (kind, target origin) are HTML-escaped attributes the script reads.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase64 } from '@oslojs/encoding';

export type FieldsKind = 'card' | 'bank';

const STYLE = `
:root { color-scheme: light; font: 16px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1f24; }
body { margin: 0; padding: 4px; background: transparent; }
form { display: grid; gap: 12px; max-width: 28rem; }
.row { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.field { display: grid; gap: 4px; }
label { font-weight: 600; font-size: 0.875rem; }
input { font: inherit; padding: 8px 10px; border: 1px solid #6b7280; border-radius: 6px; min-width: 0; }
input:focus-visible, button:focus-visible { outline: 3px solid #2563eb; outline-offset: 1px; }
input[aria-invalid="true"] { border-color: #b91c1c; }
.error { margin: 0; color: #b91c1c; font-size: 0.875rem; }
.note { margin: 0; font-size: 0.8125rem; color: #4b5563; }
button { font: inherit; font-weight: 600; padding: 9px 14px; border: 0; border-radius: 6px; background: #1f2937; color: #fff; cursor: pointer; justify-self: start; }
button[disabled] { opacity: 0.6; cursor: progress; }
#status { margin: 0; min-height: 1.4em; font-size: 0.875rem; }
`.trim();

const SCRIPT = `
(() => {
  const root = document.documentElement;
  const target = root.dataset.targetOrigin;
  const kind = root.dataset.kind;
  const form = document.getElementById('fields');
  const status = document.getElementById('status');
  const button = form.querySelector('button');
  const inputs = Array.from(form.querySelectorAll('input'));
  const post = (message) => window.parent.postMessage(message, target);
  const value = (name) => (form.elements.namedItem(name).value || '').trim();
  function showErrors(errors) {
    let first = null;
    for (const input of inputs) {
      const note = document.getElementById(input.id + '-error');
      const message = errors[input.name];
      note.textContent = message || '';
      note.hidden = !message;
      if (message) { input.setAttribute('aria-invalid', 'true'); if (!first) first = input; }
      else input.removeAttribute('aria-invalid');
    }
    if (first) first.focus();
  }
  function details() {
    if (kind === 'bank') {
      return { kind, accountHolderName: value('accountHolderName'), routingNumber: value('routingNumber'), accountNumber: value('accountNumber') };
    }
    const exp = value('exp').replace(/\\s/g, '').split('/');
    return { kind, number: value('number'), expMonth: exp[0] || '', expYear: exp[1] || '', cvc: value('cvc') };
  }
  let busy = false;
  async function submit() {
    if (busy) return;
    busy = true;
    button.disabled = true;
    status.textContent = 'Checking the details…';
    try {
      const response = await fetch('tokens', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(details()),
        credentials: 'omit',
        cache: 'no-store',
      });
      const data = await response.json().catch(() => ({}));
      if (!response.ok || !data.token) {
        const error = data.error || {};
        showErrors(error.fields || {});
        status.textContent = error.message || 'Please check the details.';
        post({ type: 'porchlight-sandbox-error', message: status.textContent });
        return;
      }
      showErrors({});
      for (const input of inputs) input.value = '';
      status.textContent = 'Details accepted.';
      post({ type: 'porchlight-sandbox-token', token: data.token, summary: data.summary });
    } catch {
      status.textContent = 'The sandbox gateway could not be reached. Try again.';
      post({ type: 'porchlight-sandbox-error', message: status.textContent });
    } finally {
      busy = false;
      button.disabled = false;
    }
  }
  form.addEventListener('submit', (event) => { event.preventDefault(); submit(); });
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || event.origin !== target) return;
    if (event.data && event.data.type === 'porchlight-sandbox-submit') submit();
  });
  post({ type: 'porchlight-sandbox-ready', kind, height: root.scrollHeight });
})();
`.trim();

const hash = (text: string) => `'sha256-${encodeBase64(sha256(new TextEncoder().encode(text)))}'`;
const SCRIPT_HASH = hash(SCRIPT);
const STYLE_HASH = hash(STYLE);

/** The page's Content-Security-Policy: nothing but its own hashed script and style, framed only by `origin`. */
export function fieldsCsp(origin: string): string {
  return [
    "default-src 'none'",
    `script-src ${SCRIPT_HASH}`,
    `style-src ${STYLE_HASH}`,
    "connect-src 'self'",
    "form-action 'none'",
    "base-uri 'none'",
    `frame-ancestors ${origin}`,
  ].join('; ');
}

/** The CSP of the refusal page: no script, and not framable at all. */
export const REFUSED_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

function field(id: string, label: string, attrs: string): string {
  return `<div class="field"><label for="${id}">${label}</label><input id="${id}" name="${id}" ${attrs} aria-describedby="${id}-error"><p class="error" id="${id}-error" hidden></p></div>`;
}

/** The hosted-fields page for `kind`, posting tokens to `targetOrigin` (already checked against the allow-list). */
export function fieldsPage(kind: FieldsKind, targetOrigin: string): string {
  const card = [
    `<p class="note">Sandbox: no real payment is made. Use a test card such as 4242 4242 4242 4242, any future expiry and any three digits.</p>`,
    field('number', 'Card number', 'type="text" inputmode="numeric" autocomplete="cc-number" maxlength="23" spellcheck="false" required'),
    `<div class="row">`,
    field('exp', 'Expiry (MM/YY)', 'type="text" inputmode="numeric" autocomplete="cc-exp" maxlength="7" placeholder="MM/YY" required'),
    field('cvc', 'Security code', 'type="text" inputmode="numeric" autocomplete="cc-csc" maxlength="4" required'),
    `</div>`,
  ];
  const bank = [
    `<p class="note">Sandbox: no real payment is made. Use routing number 110000000 and account number 000123456789.</p>`,
    field('accountHolderName', 'Name on the account', 'type="text" autocomplete="name" maxlength="100" required'),
    field('routingNumber', 'Routing number', 'type="text" inputmode="numeric" maxlength="9" spellcheck="false" required'),
    field('accountNumber', 'Account number', 'type="text" inputmode="numeric" maxlength="17" spellcheck="false" required'),
  ];
  const title = kind === 'card' ? 'Card details' : 'Bank account details';
  return `<!doctype html>
<html lang="en" data-kind="${kind}" data-target-origin="${escapeHtml(targetOrigin)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} (sandbox)</title>
<style>${STYLE}</style>
</head>
<body>
<form id="fields" method="post" action="" novalidate aria-label="${title}">
${(kind === 'card' ? card : bank).join('\n')}
<button type="submit">Continue</button>
<p id="status" role="status" aria-live="polite"></p>
</form>
<script>${SCRIPT}</script>
</body>
</html>`;
}

/** A plain page saying why the fields are not shown (no script). */
export function refusedPage(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not available</title></head><body><p>${escapeHtml(message)}</p></body></html>`;
}
