// Test kit for the server's own tests (not exported): a portal on the memory store with a
// settable clock, a mailer that keeps what it was asked to send, and request helpers.
import { createStorage } from 'unstorage';
import type { MailMessage, Mailer, Store } from '@porchlight/core';
import { createPortal, type PortalOptions } from '../index.js';
import { unstorageStore } from '../store/unstorage.js';

export const API_KEY = 'test-api-key-0123456789abcdef';
export const ORIGIN = 'https://www.lakeside.example';

export class TestMailer implements Mailer {
  sent: MailMessage[] = [];
  async send(message: MailMessage) {
    this.sent.push(message);
  }
  last(template?: MailMessage['template']) {
    return [...this.sent].reverse().find((m) => !template || m.template === template);
  }
}

export function makeKit(overrides: Partial<PortalOptions> = {}) {
  const clock = { now: Date.parse('2026-11-23T12:00:00Z') };
  const mailer = new TestMailer();
  const store: Store = overrides.store ?? unstorageStore(createStorage(), { now: () => clock.now });
  const portal = createPortal({
    store,
    mailer,
    now: () => clock.now,
    dealer: {
      id: 'lakeside',
      name: 'Lakeside Alarm Co.',
      allowedOrigins: [ORIGIN],
      apiKeys: [{ id: 'backoffice', key: API_KEY }],
      settings: { portalUrl: `${ORIGIN}/portal`, resetUrl: `${ORIGIN}/reset` },
    },
    onUnexpectedError: (e) => {
      throw e;
    },
    ...overrides,
  });

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await portal.request(path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, body: json, headers: res.headers };
  }

  const admin = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    call(method, path, body, { authorization: `Bearer ${API_KEY}`, 'porchlight-admin': 'Pat Dispatcher', ...headers });
  const as = (token: string) => (method: string, path: string, body?: unknown) => call(method, path, body, { authorization: `Bearer ${token}` });

  /** An account with a manager whose password is already permanent. */
  async function accountWithManager(opts: { name?: string; mainPhone?: string; username?: string; password?: string; email?: string } = {}) {
    const password = opts.password ?? 'correct horse battery';
    const account = await admin('POST', '/v1/admin/accounts', { name: opts.name ?? 'Harbor View Condominiums', ...(opts.mainPhone ? { mainPhone: opts.mainPhone } : {}) });
    if (account.status !== 201) throw new Error(`account: ${JSON.stringify(account.body)}`);
    const temp = 'temporary-Pass-1';
    const manager = await admin('PUT', `/v1/admin/accounts/${account.body.id}/manager`, {
      username: opts.username ?? 'manager',
      password: temp,
      name: 'Dana Reyes',
      email: opts.email ?? 'dana@harborview.example',
    });
    if (manager.status !== 201) throw new Error(`manager: ${JSON.stringify(manager.body)}`);
    const login = await call('POST', '/v1/auth/login', { identifier: account.body.identifier, username: opts.username ?? 'manager', password: temp });
    const changed = await as(login.body.session.token)('POST', '/v1/auth/password', { currentPassword: temp, newPassword: password });
    if (changed.status !== 200) throw new Error(`change: ${JSON.stringify(changed.body)}`);
    return { account: account.body, manager: manager.body, identifier: account.body.identifier as string, password, token: login.body.session.token as string };
  }

  return { portal, store, mailer, clock, call, admin, as, accountWithManager };
}
