// The demo's dev outbox page: every email the portal "sent", newest first.
import { html } from 'hono/html';

interface OutboxItem {
  id: string;
  time?: string;
  sentAt?: string;
  to: { email: string; name?: string } | string;
  subject: string;
  template: string;
  text: string;
  html: string;
}

export function outboxPage(items: OutboxItem[]) {
  const links = (text: string) => [...new Set(text.match(/https?:\/\/[^\s<>"')]+/g) ?? [])];
  const to = (t: OutboxItem['to']) => (typeof t === 'string' ? t : t.name ? `${t.name} <${t.email}>` : t.email);
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dev outbox — Porchlight demo</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; background: #f4f7f9; color: #1d2733; }
  main { max-width: 900px; margin: 0 auto; padding: 24px; }
  article { background: #fff; border: 1px solid #d8e0e6; border-radius: 10px; margin: 16px 0; overflow: hidden; }
  .meta { padding: 12px 16px; border-bottom: 1px solid #e5ebef; display: grid; gap: 4px; }
  .meta b { font-size: 1.05rem; }
  .meta span { color: #51606f; font-size: .9rem; }
  iframe { width: 100%; height: 520px; border: 0; }
  details { padding: 8px 16px 16px; }
  .links { padding: 0 16px; font-size: .9rem; word-break: break-all; }
  pre { white-space: pre-wrap; font-size: .85rem; }
</style></head>
<body><main>
<h1>Dev outbox</h1>
<p>Emails the demo portal sent (nothing leaves this machine). Newest first. <a href="/">Back to the portal</a></p>
${items.length === 0 ? html`<p>No emails yet. Try <i>Forgot password?</i> on the portal.</p>` : ''}
${items.map(
  (m) => html`<article>
  <div class="meta"><b>${m.subject}</b><span>To ${to(m.to)} · ${m.time ?? m.sentAt ?? ''} · template ${m.template}</span></div>
  ${links(m.text).length ? html`<p class="links">Links: ${links(m.text).map((l) => html`<a href="${l}">${l}</a> `)}</p>` : ''}
  <iframe sandbox="allow-popups allow-popups-to-escape-sandbox" title="${m.subject}" srcdoc="${'<base target="_blank">' + m.html}"></iframe>
  <details><summary>Plain-text part</summary><pre>${m.text}</pre></details>
</article>`,
)}
</main></body></html>`;
}

