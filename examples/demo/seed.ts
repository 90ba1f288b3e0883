/**
 * Seeds the demo through the admin and portal APIs (the same calls a dealer's back office
 * makes), once: a second start finds the accounts and leaves them alone.
 */
import type { Portal } from '@porchlight/server';

export const DEMO_DEALER_ID = 'lakeside';

export const DEMO_LOGINS = [
  { account: 'Harbor View Condominiums', identifier: '5550100', customerNumber: 'LA-1001', zip: '98101', username: 'manager', password: 'porchlight-demo', name: 'Dana Reyes', email: 'dana@harborview.example' },
  { account: 'Maple Court Offices', identifier: '5550142', customerNumber: 'LA-1002', zip: '98102', username: 'manager', password: 'maple-court-demo', name: 'Sam Okafor', email: 'sam@maplecourt.example' },
] as const;

export async function seedDemo(portal: Portal, apiKey: string): Promise<void> {
  const call = async (method: string, path: string, body?: unknown, token = apiKey) => {
    const res = await portal.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'porchlight-admin': 'demo seed' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json()) as any;
    if (!res.ok) throw new Error(`seed: ${method} ${path} -> ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  for (const login of DEMO_LOGINS) {
    const existing = await call('GET', `/v1/admin/accounts?identifier=${login.identifier}`);
    if (existing.items.length) continue;
    const account = await call('POST', '/v1/admin/accounts', {
      name: login.account,
      identifier: login.identifier,
      mainPhone: `555-${login.identifier.slice(3)}`,
      customerNumber: login.customerNumber,
      zip: login.zip,
    });
    const temporary = `temp-${crypto.randomUUID()}`;
    await call('PUT', `/v1/admin/accounts/${account.id}/manager`, { username: login.username, password: temporary, name: login.name, email: login.email });
    // The demo's manager logins are permanent: log in once and replace the temporary password.
    const session = await call('POST', '/v1/auth/login', { identifier: login.identifier, username: login.username, password: temporary });
    await call('POST', '/v1/auth/password', { currentPassword: temporary, newPassword: login.password }, session.session.token);
    await call('POST', '/v1/auth/logout', {}, session.session.token);
  }
  await portal.settled();
}
