/**
 * The demo's stand-in for a dealer's back office: look up an account's identifier, assign the
 * account manager's login, and emulate it. It calls the admin API server-side with the dealer
 * API key — the way a dealer's own back office would — and asks the person for that key with
 * HTTP Basic auth (any username, the key as password). Writes must come from this page's own
 * origin. (The admin elements of a later release replace this page.)
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import type { Portal } from '@porchlight/server';

export function backoffice(portal: Portal, apiKey: string, origin: string) {
  const app = new Hono();

  app.use('*', async (c, next) => {
    const basic = /^Basic (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    const password = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').slice(1).join(':') : '';
    const digest = (s: string) => createHash('sha256').update(s).digest();
    if (!timingSafeEqual(digest(password), digest(apiKey))) {
      return c.text('Sign in with any username and the demo API key (printed by npm start, also in .data/demo/api-key.txt) as the password.', 401, {
        'WWW-Authenticate': 'Basic realm="Porchlight demo back office", charset="UTF-8"',
      });
    }
    if (c.req.method === 'POST' && c.req.header('origin') !== origin) return c.text('Cross-site form posts are refused.', 403);
    await next();
  });

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await portal.request(path, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, 'porchlight-admin': 'demo back office', ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { ok: res.ok, status: res.status, body: (await res.json()) as any };
  };

  const page = (c: Context, content: unknown, message?: { ok: boolean; text: string }) =>
    c.html(html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Back office — Lakeside Alarm Co. (demo)</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; background: #eef2f5; color: #1d2733; }
  header { background: #1d2733; color: #fff; padding: 12px 20px; } main { max-width: 960px; margin: 0 auto; padding: 20px; }
  table { width: 100%; border-collapse: collapse; background: #fff; } th, td { text-align: left; padding: 8px 10px; border-bottom: 1px solid #dde3e8; }
  section { background: #fff; border: 1px solid #d8e0e6; border-radius: 8px; padding: 16px; margin: 16px 0; }
  label { display: block; margin: 8px 0 4px; font-weight: 600; } input { padding: 6px 8px; font: inherit; }
  button { font: inherit; padding: 6px 14px; border-radius: 6px; border: 1px solid #0b5d7a; background: #0b5d7a; color: #fff; cursor: pointer; }
  .msg { padding: 10px 14px; border-radius: 6px; } .ok { background: #e3f6e8; } .err { background: #fde8e8; }
  code { background: #eef2f5; padding: 1px 5px; border-radius: 4px; }
</style></head><body><header><b>Lakeside Alarm Co. — back office</b> (demo) · <a style="color:#9fd3ea" href="/backoffice">Accounts</a></header>
<main>${message ? html`<p class="msg ${message.ok ? 'ok' : 'err'}" role="status">${message.text}</p>` : ''}${content}</main></body></html>`);

  app.get('/', async (c) => {
    const q = c.req.query('identifier')?.trim();
    const list = q ? await api('GET', `/v1/admin/accounts?identifier=${encodeURIComponent(q)}`) : await api('GET', '/v1/admin/accounts?limit=100');
    const items: any[] = list.ok ? list.body.items : [];
    return page(
      c,
      html`<h1>Manage accounts</h1>
<form method="get"><label for="q">Find by identifier</label><input id="q" name="identifier" value="${q ?? ''}" inputmode="numeric"> <button>Find</button></form>
<table><thead><tr><th>Account</th><th>Identifier</th><th>Customer #</th><th></th></tr></thead><tbody>
${items.map((a) => html`<tr><td>${a.name}</td><td><code>${a.identifier}</code></td><td>${a.customerNumber ?? ''}</td><td><a href="/backoffice/accounts/${a.id}">Account Manager</a></td></tr>`)}
</tbody></table>${list.ok ? '' : html`<p class="msg err">${list.body.error?.message}</p>`}`,
    );
  });

  const accountPage = async (c: Context, id: string, message?: { ok: boolean; text: string }) => {
    const account = await api('GET', `/v1/admin/accounts/${encodeURIComponent(id)}`);
    if (!account.ok) return page(c, html`<p>${account.body.error.message}</p>`);
    const users = (await api('GET', `/v1/admin/accounts/${account.body.id}/users`)).body.items as any[];
    const manager = users.find((u) => u.role === 'manager');
    const audit = (await api('GET', `/v1/admin/accounts/${account.body.id}/audit?limit=15`)).body.items as any[];
    const a = account.body;
    return page(
      c,
      html`<h1>Account Manager — ${a.name}</h1>
<section><h2>Identifier</h2><p>Clients log in with the identifier <code>${a.identifier}</code> (${a.identifierSource}).</p>
<form method="post" action="/backoffice/accounts/${a.id}/identifier"><label for="ident">Change identifier</label><input id="ident" name="identifier" inputmode="numeric" required> <button>Change</button></form></section>
<section><h2>Account manager login</h2>${manager ? html`<p>Current manager: <b>${manager.name}</b>, username <code>${manager.username}</code>${manager.mustChangePassword ? ' (temporary password)' : ''}.</p>` : html`<p>No manager login yet.</p>`}
<form method="post" action="/backoffice/accounts/${a.id}/manager"><label for="u">Username</label><input id="u" name="username" required value="${manager?.username ?? ''}">
<label for="p">Temporary password</label><input id="p" name="password" type="password" required minlength="8" autocomplete="new-password"> <button>Assign</button></form>
${manager ? html`<form method="post" action="/backoffice/accounts/${a.id}/emulate" style="margin-top:12px"><label for="r">Reason (kept in the audit log)</label><input id="r" name="reason" size="40"> <button>Emulate</button></form>` : ''}</section>
<section><h2>Audit log</h2><table><tbody>${audit.map((e) => html`<tr><td>${new Date(e.at).toLocaleString()}</td><td>${e.summary}</td></tr>`)}</tbody></table></section>`,
      message,
    );
  };

  app.get('/accounts/:id', (c) => accountPage(c, c.req.param('id')));
  app.post('/accounts/:id/identifier', async (c) => {
    const form = await c.req.parseBody();
    const r = await api('PATCH', `/v1/admin/accounts/${encodeURIComponent(c.req.param('id'))}`, { identifier: String(form.identifier ?? '') });
    return accountPage(c, c.req.param('id'), r.ok ? { ok: true, text: `Identifier changed to ${r.body.identifier}.` } : { ok: false, text: fieldText(r.body) });
  });
  app.post('/accounts/:id/manager', async (c) => {
    const form = await c.req.parseBody();
    const r = await api('PUT', `/v1/admin/accounts/${encodeURIComponent(c.req.param('id'))}/manager`, { username: String(form.username ?? ''), password: String(form.password ?? '') });
    return accountPage(c, c.req.param('id'), r.ok ? { ok: true, text: `Manager login ${r.body.username} assigned; the password must be changed at first login.` } : { ok: false, text: fieldText(r.body) });
  });
  app.post('/accounts/:id/emulate', async (c) => {
    const form = await c.req.parseBody();
    const reason = String(form.reason ?? '').trim();
    const r = await api('POST', `/v1/admin/accounts/${encodeURIComponent(c.req.param('id'))}/emulate`, reason ? { reason } : {});
    if (!r.ok || !r.body.url) return accountPage(c, c.req.param('id'), { ok: false, text: fieldText(r.body) });
    return c.redirect(r.body.url, 303);
  });
  return app;
}

function fieldText(body: any): string {
  const fields = body?.error?.fields ? Object.entries(body.error.fields).map(([k, v]) => `${k}: ${v}`).join('; ') : '';
  return [body?.error?.message, fields].filter(Boolean).join(' — ');
}
