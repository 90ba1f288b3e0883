/**
 * Seeds the demo through the admin and portal APIs (the same calls a dealer's back office and
 * an account manager make), once: a second start finds the accounts and leaves them alone.
 */
import type { Portal } from '@porchlight/server';
import type { CreateContactRequest, Permission } from '@porchlight/core';
import { samplePdf } from './sample-pdf.js';

export const DEMO_DEALER_ID = 'lakeside';

export const DEMO_LOGINS = [
  { account: 'Harbor View Condominiums', identifier: '5550100', customerNumber: 'LA-1001', zip: '98101', username: 'manager', password: 'porchlight-demo', name: 'Dana Reyes', email: 'dana@harborview.example' },
  { account: 'Maple Court Offices', identifier: '5550142', customerNumber: 'LA-1002', zip: '98102', username: 'manager', password: 'maple-court-demo', name: 'Sam Okafor', email: 'sam@maplecourt.example' },
] as const;

/** Office staff Dana Reyes (Harbor View's manager) added, with what each may do. */
export const DEMO_STAFF: ReadonlyArray<{ username: string; password: string; name: string; email: string; permissions: Permission[]; disabled?: boolean }> = [
  { username: 'jordan', password: 'jordan-staff-demo', name: 'Jordan Lee', email: 'jordan@harborview.example', permissions: ['invoices.view', 'records.modify'] },
  { username: 'priya', password: 'priya-staff-demo', name: 'Priya Shah', email: 'priya@harborview.example', permissions: ['invoices.view'] },
  { username: 'alex', password: 'alex-staff-demo', name: 'Alex Morgan', email: 'alex@harborview.example', permissions: ['invoices.view', 'tickets.use'], disabled: true },
];

/** The dealer's own people, who sign in to the back office with email + password. */
export const DEMO_BACK_OFFICE = [
  { email: 'owner@lakeside-alarm.example', password: 'lakeside-owner-demo', name: 'Morgan Price', role: 'owner' },
  { email: 'support@lakeside-alarm.example', password: 'lakeside-support-demo', name: 'Riley Chen', role: 'support' },
] as const;

const DEMO_CONTACTS: CreateContactRequest[] = [
  { name: 'Dana Reyes', phone: '555-0100', relation: 'Property manager', hasKeys: true },
  { name: 'Marcus Bell', phone: '555-0177', relation: 'Night security', hasKeys: true, notes: 'On site 22:00–06:00.' },
  { name: 'Harbor View front desk', phone: '555-0101', relation: 'Front desk', hasKeys: false },
];

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
  /** Logs in with a temporary password and makes `password` the permanent one. */
  const makePermanent = async (login: (password: string) => Promise<any>, changePath: string, logoutPath: string, temporary: string, password: string) => {
    const session = await login(temporary);
    await call('POST', changePath, { currentPassword: temporary, newPassword: password }, session.session.token);
    await call('POST', logoutPath, {}, session.session.token);
  };
  const temporary = () => `temp-${crypto.randomUUID()}`;

  const staffList = await call('GET', '/v1/admin/staff');
  for (const person of DEMO_BACK_OFFICE) {
    if (staffList.items.some((s: any) => s.email === person.email)) continue;
    const temp = temporary();
    await call('POST', '/v1/admin/staff', { email: person.email, name: person.name, role: person.role, password: temp });
    await makePermanent((password) => call('POST', '/v1/admin/auth/login', { email: person.email, password }), '/v1/admin/auth/password', '/v1/admin/auth/logout', temp, person.password);
  }

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
    const temp = temporary();
    await call('PUT', `/v1/admin/accounts/${account.id}/manager`, { username: login.username, password: temp, name: login.name, email: login.email });
    const logIn = (username: string) => (password: string) => call('POST', '/v1/auth/login', { identifier: login.identifier, username, password });
    // The demo's logins are permanent: log in once and replace the temporary password.
    await makePermanent(logIn(login.username), '/v1/auth/password', '/v1/auth/logout', temp, login.password);
    if (login.identifier !== '5550100') continue;

    // Harbor View's manager adds office staff and the call list, so the elements have something to show.
    const manager = await logIn(login.username)(login.password);
    const as = (method: string, path: string, body?: unknown) => call(method, path, body, manager.session.token);
    for (const contact of DEMO_CONTACTS) await as('POST', '/v1/contacts', contact);
    for (const person of DEMO_STAFF) {
      const staffTemp = temporary();
      const user = await as('POST', '/v1/staff', { name: person.name, username: person.username, email: person.email, permissions: person.permissions, password: staffTemp });
      await makePermanent(logIn(person.username), '/v1/auth/password', '/v1/auth/logout', staffTemp, person.password);
      if (person.disabled) await as('POST', `/v1/staff/${user.id}/disable`, {});
    }
    await as('POST', '/v1/auth/logout', {});

    // Messages from the dealer: news for every account, one for this account, one already past its date.
    const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
    await call('POST', '/v1/admin/messages', {
      title: 'Monitoring centre upgrade on Saturday night',
      body: 'Between 01:00 and 03:00 on Saturday our monitoring centre switches to new receivers.\nYour alarms are still monitored; test signals sent in that window may be delayed.',
      validUntil: days(30),
    });
    await call('POST', `/v1/admin/accounts/${account.id}/messages`, {
      title: 'Your annual fire-panel inspection is due',
      body: 'Our technician will call to book a visit in the next two weeks.\nReply to this message or call (555) 010-0000 to pick a time.',
      importance: 'important',
      validUntil: days(14),
    });
    const old = await call('POST', `/v1/admin/accounts/${account.id}/messages`, { title: 'Holiday office hours', body: 'Our office was closed on Monday.', validUntil: days(1) });
    await call('PATCH', `/v1/admin/messages/${old.id}?accountId=${account.id}`, { validUntil: days(-1) });

    // Documents the dealer shares with the account (the dealer's system uploads the file as the body).
    const share = async (filename: string, title: string, body: Uint8Array | string, type: string) => {
      const res = await portal.request(`/v1/admin/accounts/${account.id}/documents?filename=${encodeURIComponent(filename)}&title=${encodeURIComponent(title)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': type, 'porchlight-admin': 'demo seed' },
        body: typeof body === 'string' ? body : new Blob([body as Uint8Array<ArrayBuffer>]),
      });
      if (!res.ok) throw new Error(`seed: share ${filename} -> ${res.status} ${await res.text()}`);
    };
    await share(
      'monitoring-certificate-2027.pdf',
      'Monitoring certificate 2027',
      samplePdf(['Monitoring certificate', login.account, 'Monitored by Lakeside Alarm Co. central station', 'Account identifier 5550100', 'Valid through December 31, 2027']),
      'application/pdf',
    );
    await share('alarm-codes-howto.txt', 'How to arm and disarm your system', 'To arm: enter your code, then press AWAY.\nTo disarm: enter your code when you come in.\nFalse alarm? Call (555) 010-0000 and give your passcode.\n', 'text/plain');
  }
  await portal.settled();
}
