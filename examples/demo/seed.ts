/**
 * Seeds the demo through the admin and portal APIs (the same calls a dealer's back office and
 * an account manager make), once: a second start finds the accounts and leaves them alone.
 */
import type { Portal } from '@porchlight/server';
import type { CreateContactRequest, MailMessage, Permission } from '@porchlight/core';
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

/**
 * One person, two accounts: Taylor Brooks owns units in both buildings and has one login
 * profile (one password) with a login in each account, set up by the dealer with "Setup access"
 * and activated through the emailed link. At Harbor View Taylor may see invoices, payments,
 * documents and proposals only; at Maple Court everything.
 */
export const DEMO_OWNER = {
  name: 'Taylor Brooks',
  email: 'taylor@brooksholdings.example',
  password: 'taylor-owner-demo',
  accounts: [
    { identifier: '5550100', grants: ['invoices', 'payments', 'documents', 'proposals'] },
    { identifier: '5550142', grants: ['invoices', 'payments', 'work-orders', 'proposals', 'documents', 'tickets'] },
  ],
} as const;

/** The registration key printed on each demo account's invoices (<porchlight-register>). */
export const DEMO_REGISTRATION_KEYS: Record<string, string> = { '5550100': 'HV7Q-2K9M', '5550142': 'MC4R-8TZ2' };

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

/** The dealer's "nature of your request" choices for support requests, each with its own fields. */
export const DEMO_REQUEST_TYPES = {
  items: [
    {
      id: 'billing',
      label: 'Billing question',
      description: 'Invoices, payments, autopay or your contract.',
      fields: [
        { id: 'invoice', label: 'Invoice number', kind: 'text', required: false, help: 'Printed at the top right of the invoice, if your question is about one.' },
        { id: 'details', label: 'Your question', kind: 'long-text', required: true },
      ],
    },
    {
      id: 'system-problem',
      label: 'Alarm system problem',
      description: 'Trouble beeps, a keypad message, a sensor or camera that does not work.',
      fields: [
        { id: 'system', label: 'Which system?', kind: 'choice', required: true, options: ['Intrusion panel', 'Fire alarm', 'Cameras', 'Door access', 'Not sure'] },
        { id: 'since', label: 'When did it start?', kind: 'date', required: false },
        { id: 'details', label: 'What happens?', kind: 'long-text', required: true, help: 'What the keypad shows, which zone, and whether it repeats.' },
        { id: 'photos', label: 'Photos of the keypad or device', kind: 'file', required: false },
      ],
    },
    {
      id: 'monitoring',
      label: 'Monitoring and call list',
      description: 'Passcodes, who we call after an alarm, vacations and schedules.',
      fields: [
        { id: 'topic', label: 'Topic', kind: 'choice', required: true, options: ['Change a passcode', 'Vacation or closure', 'Opening and closing schedule', 'Something else'] },
        { id: 'details', label: 'Details', kind: 'long-text', required: true },
      ],
    },
  ],
};

/** The account's sites and their alarm systems, as the dealer's system syncs them. */
const DEMO_SITES = {
  items: [
    {
      id: 'hv-main',
      name: 'Main building',
      address: '1200 Harbor View Drive, Seattle, WA 98101',
      systems: [
        { id: 'hv-main-intrusion', name: 'DSC PowerSeries panel', kind: 'intrusion' },
        { id: 'hv-main-fire', name: 'Fire alarm panel', kind: 'fire' },
        { id: 'hv-main-access', name: 'Lobby door access', kind: 'access' },
      ],
    },
    {
      id: 'hv-garage',
      name: 'Parking garage',
      address: '1210 Harbor View Drive, Seattle, WA 98101',
      systems: [{ id: 'hv-garage-cameras', name: 'Garage cameras, 8 channels', kind: 'cameras' }],
    },
  ],
};

/** An API call (with the dealer's API key unless `token` is given; `person` names the back-office user behind it). */
type Call = (method: string, path: string, body?: unknown, token?: string, person?: string) => Promise<any>;

/**
 * Harbor View's records: support requests (one answered by the dealer with an estimate), sites
 * and systems, past work orders, and two open proposals. Made through the same API calls a
 * client and the dealer's systems make.
 */
async function seedRecords(call: Call, accountId: string, manager: any): Promise<void> {
  const as = (method: string, path: string, body?: unknown) => call(method, path, body, manager.session.token);
  const support = (path: string, body: unknown) => call('POST', path, body, undefined, 'Riley Chen');

  // Support requests.
  const keypad = await as('POST', '/v1/tickets', {
    requestType: 'system-problem',
    subject: 'Keypad in the lobby beeps every few minutes',
    fields: { system: 'Intrusion panel', details: 'The lobby keypad shows "Trouble: zone 14" and beeps every few minutes since Monday.' },
  });
  await support(`/v1/admin/tickets/${keypad.id}/replies`, {
    body: 'Thanks, Dana. Zone 14 is the back-door contact; its battery is low.\nWe can replace the batteries of all 22 contacts in one visit.',
  });
  await support(`/v1/admin/tickets/${keypad.id}/estimates`, { amountCents: 18_500, currency: 'USD', description: 'Replace the batteries of 22 door and window contacts (parts and one hour of labour).' });
  const billing = await as('POST', '/v1/tickets', { requestType: 'billing', subject: 'Second invoice for October?', fields: { invoice: 'INV-2026-10', details: 'We received two invoices for October. Is one of them a duplicate?' } });
  await support(`/v1/admin/tickets/${billing.id}/replies`, { body: 'You are right: the second one was a duplicate and has been cancelled. Nothing to pay.', status: 'completed' });
  await as('POST', '/v1/tickets', { requestType: 'monitoring', subject: 'Building closed December 24–26', fields: { topic: 'Vacation or closure', details: 'The office floors are closed December 24 to 26. Residents are home as usual.' } });

  // Sites and systems, then work orders the technicians already worked on.
  await call('PUT', `/v1/admin/accounts/${accountId}/sites`, DEMO_SITES);
  const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
  const repaired = await as('POST', '/v1/work-orders', { siteId: 'hv-garage', systemId: 'hv-garage-cameras', requestType: 'repair', note: 'Camera 3 on level P2 shows a black picture.' });
  for (const [status, minutes] of [['scheduled', 1], ['dispatched', 2], ['en-route', 3], ['arrived', 4], ['completed', 5]] as const) {
    await call('POST', `/v1/admin/work-orders/${repaired.id}/status`, { status, at: at(minutes), ...(status === 'completed' ? { note: 'Replaced the power supply of camera 3.' } : {}) });
  }
  const inspection = await as('POST', '/v1/work-orders', { siteId: 'hv-main', systemId: 'hv-main-fire', requestType: 'inspection', note: 'Annual fire-panel inspection.' });
  await call('POST', `/v1/admin/work-orders/${inspection.id}/status`, { status: 'scheduled', at: at(1), note: 'Booked for next Tuesday morning.' });

  // Two open proposals from the dealer's sales team.
  const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
  const proposal = (title: string, lines: Array<[string, number, number]>, taxCents: number, expiresInDays: number) => {
    const items = lines.map(([description, quantity, unitCents]) => ({ description, quantity, unitCents, totalCents: Math.round(quantity * unitCents) }));
    const subtotalCents = items.reduce((sum, l) => sum + l.totalCents, 0);
    return {
      title,
      lines: items,
      subtotalCents,
      taxCents,
      totalCents: subtotalCents + taxCents,
      currency: 'USD',
      terms: 'Prices include installation and programming.\nPayment: 50% on acceptance, the rest on completion.\nThis proposal is valid until the date shown.',
      expiresAt: days(expiresInDays),
      salesperson: { name: 'Casey Morgan', email: 'casey@lakeside-alarm.example' },
    };
  };
  await call('PUT', `/v1/admin/accounts/${accountId}/proposals/P-2041`, proposal('Garage camera upgrade to 4K', [['4K bullet camera', 8, 32_900], ['16-channel network video recorder', 1, 124_900], ['Installation and cabling (hours)', 12, 9_500]], 42_180, 30));
  await call('PUT', `/v1/admin/accounts/${accountId}/proposals/P-2042`, proposal('Lobby door access: mobile credentials', [['Mobile credential licences (per resident, 1 year)', 120, 1_800], ['Reader firmware upgrade', 2, 15_000]], 2_590, 21));
  // A year of monthly invoices from the dealer's billing system: the last two still open.
  const month = (offset: number) => {
    const d = new Date();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - offset);
    return d.toISOString().slice(0, 10);
  };
  for (let offset = 11; offset >= 0; offset--) {
    const issueDate = month(offset);
    const dueDate = new Date(Date.parse(issueDate) + 20 * 86_400_000).toISOString().slice(0, 10);
    const lines = [
      { description: 'Central-station monitoring (intrusion and fire)', quantity: 1, unitCents: 8_900, totalCents: 8_900 },
      { description: 'Video verification, 8 cameras', quantity: 8, unitCents: 450, totalCents: 3_600 },
      ...(offset === 4 ? [{ description: 'Service call: garage camera power supply', quantity: 1, unitCents: 14_500, totalCents: 14_500 }] : []),
    ];
    const subtotalCents = lines.reduce((sum, l) => sum + l.totalCents, 0);
    const taxCents = Math.round(subtotalCents * 0.101);
    const totalCents = subtotalCents + taxCents;
    await call('PUT', `/v1/admin/accounts/${accountId}/invoices/INV-${issueDate.slice(0, 7).replace('-', '')}`, {
      issueDate,
      dueDate,
      lines,
      subtotalCents,
      taxCents,
      totalCents,
      balanceCents: offset <= 1 ? totalCents : 0,
      registrationKey: 'HV7Q-2K9M',
      memo: 'Thank you for choosing Lakeside Alarm Co.',
    });
  }
  await as('POST', '/v1/auth/logout', {});
}

/** Reads the emails the demo sent (the seed follows a login email's link like a person would). */
export type MailReader = (to: string, template: MailMessage['template']) => MailMessage | undefined;

export async function seedDemo(portal: Portal, apiKey: string, mails: MailReader): Promise<void> {
  const call: Call = async (method, path, body, token = apiKey, person = 'demo seed') => {
    const res = await portal.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'porchlight-admin': person },
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

  await call('PUT', '/v1/admin/request-types', DEMO_REQUEST_TYPES);

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

    await seedRecords(call, account.id, await logIn(login.username)(login.password));
  }
  await seedOnboarding(portal, call, mails);
  await portal.settled();
}

/**
 * Onboarding: each account's registration key (as its invoices print it), and Taylor Brooks's
 * one login profile for both accounts — set up the way a dealer does it (Setup access, the
 * login email), activated the way Taylor would (the emailed link). Skipped when already done.
 */
async function seedOnboarding(portal: Portal, call: Call, mails: MailReader): Promise<void> {
  const accountOf = async (identifier: string) => (await call('GET', `/v1/admin/accounts?identifier=${identifier}`)).items[0];
  for (const [identifier, registrationKey] of Object.entries(DEMO_REGISTRATION_KEYS)) {
    const account = await accountOf(identifier);
    if (account.registrationKey !== registrationKey) await call('POST', `/v1/admin/accounts/${account.id}/registration-key`, { registrationKey });
  }
  let profileId: string | undefined;
  for (const { identifier, grants } of DEMO_OWNER.accounts) {
    const account = await accountOf(identifier);
    const people = await call('GET', `/v1/admin/accounts/${account.id}/access`);
    const existing = people.logins.find((l: any) => l.user.email === DEMO_OWNER.email);
    if (existing) {
      profileId = existing.user.profileId;
      continue;
    }
    const login = await call('POST', `/v1/admin/accounts/${account.id}/access`, {
      name: DEMO_OWNER.name,
      email: DEMO_OWNER.email,
      role: 'client',
      grants,
      ...(profileId ? { profileId } : {}),
      credentials: 'link',
    });
    profileId = login.user.profileId;
    await portal.settled();
    const invitation = mails(DEMO_OWNER.email, 'login-invitation');
    const url = invitation && 'setPasswordUrl' in invitation.data ? invitation.data.setPasswordUrl : null;
    const token = url ? /#porchlight-activate=([a-z2-7]+)/.exec(url)?.[1] : undefined;
    if (!token) throw new Error('seed: no login email with a set-password link for the demo owner');
    const session = await call('POST', '/v1/auth/activate', { token, newPassword: DEMO_OWNER.password }, '');
    await call('POST', '/v1/auth/logout', {}, session.session.token);
  }
}
