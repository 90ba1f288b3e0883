/**
 * Test fixtures for Setup access and access requests on the fake admin API (whose routes answer
 * like the server's onboarding routes): an account whose logins are in every state, login
 * profiles shared between accounts, a call-list person without a login, and access requests.
 * Times are relative to the fake's clock (`api.access.now()`), so "expires in 1 d 4 h" holds
 * whenever the test runs.
 */
import { CLIENT_DEFAULT_PERMISSIONS, type AccessRequest } from '@porchlight/core';
import { fakeId } from '../../testing/fake-api.js';
import { adminActor, fakeAccount, fakeUser, owner, type FakeAdminApi } from './fake-admin-api.js';
import { addFixtureAccounts, ids as kitIds } from './fake-admin-kit.js';

const HOUR = 3_600_000;

/** Ids of the access fixtures (real ids: the request schemas check them). */
export const accessIds = {
  birch: fakeId('account:birch-lane'),
  morgan: fakeId('user:birch:morgan'),
  casey: fakeId('user:birch:casey'),
  riley: fakeId('user:birch:riley'),
  taylor: fakeId('user:birch:taylor'),
  morganOnWillow: fakeId('user:willow:morgan'),
  morganProfile: fakeId('profile:morgan'),
  caseyProfile: fakeId('profile:casey'),
  rileyProfile: fakeId('profile:riley'),
  danaProfile: fakeId('profile:dana'),
};

/**
 * Birch Lane Townhomes (identifier 5550199): Morgan Blake, manager, active (her profile also
 * reaches Willow Creek Clinic); Casey Nguyen, client, invited (the link expires in 1 d 4 h; sees
 * invoices, payments and documents); Riley Park, client, invitation expired; Taylor Kim, office
 * staff, disabled. On the call list without a login: Kim Alvarez. Registration key BL4K-7Q2M.
 * Dana Reyes of Harbor View has a login profile (dana@harborview.example).
 */
export function addAccessFixtures(api: FakeAdminApi): void {
  addFixtureAccounts(api);
  if (api.accounts.some((a) => a.id === accessIds.birch)) return;
  const { access } = api;
  const now = access.now();
  const ago = (hours: number) => new Date(now - hours * HOUR).toISOString();
  const olivia = adminActor(owner);

  api.accounts.push(fakeAccount(accessIds.birch, 'Birch Lane Townhomes', '5550199', { customerNumber: 'LA-1050', zip: '60614', mainPhone: '(555) 019-9000' }));
  const morgan = fakeUser(accessIds.birch, accessIds.morgan, {
    name: 'Morgan Blake',
    username: 'morgan',
    role: 'manager',
    email: 'morgan@birchlane.example',
    profileId: accessIds.morganProfile,
    lastLoginAt: ago(2),
  });
  const casey = fakeUser(accessIds.birch, accessIds.casey, {
    name: 'Casey Nguyen',
    username: 'casey@birchlane.example',
    role: 'client',
    email: 'casey@birchlane.example',
    profileId: accessIds.caseyProfile,
    grants: ['invoices', 'payments', 'documents'],
    permissions: [...CLIENT_DEFAULT_PERMISSIONS],
    createdAt: ago(20),
  });
  const riley = fakeUser(accessIds.birch, accessIds.riley, {
    name: 'Riley Park',
    username: 'riley@birchlane.example',
    role: 'client',
    email: 'riley@birchlane.example',
    profileId: accessIds.rileyProfile,
    permissions: [...CLIENT_DEFAULT_PERMISSIONS],
    createdAt: ago(72),
  });
  const taylor = fakeUser(accessIds.birch, accessIds.taylor, { name: 'Taylor Kim', username: 'taylor', role: 'staff', email: 'taylor@birchlane.example', status: 'disabled', lastLoginAt: ago(24 * 40) });
  api.users.set(accessIds.birch, [morgan, casey, riley, taylor]);

  // Morgan's profile also reaches Willow Creek Clinic.
  api.users.get(kitIds.willow)!.push(
    fakeUser(kitIds.willow, accessIds.morganOnWillow, { name: 'Morgan Blake', username: 'mblake', role: 'staff', email: 'morgan@birchlane.example', profileId: accessIds.morganProfile }),
  );
  // Dana Reyes's login on Harbor View has a profile (to reuse on another account).
  const dana = api.users.get('acc_harbor')?.find((u) => u.id === 'usr_dana');
  if (dana) dana.profileId = accessIds.danaProfile;

  access.profiles.push(
    { profileId: accessIds.morganProfile, name: 'Morgan Blake', email: 'morgan@birchlane.example' },
    { profileId: accessIds.caseyProfile, name: 'Casey Nguyen', email: 'casey@birchlane.example' },
    { profileId: accessIds.rileyProfile, name: 'Riley Park', email: 'riley@birchlane.example' },
    { profileId: accessIds.danaProfile, name: 'Dana Reyes', email: 'dana@harborview.example' },
  );
  access.activated.set(casey.id, null);
  access.activated.set(riley.id, null);
  // Casey's link runs 48 h from 20 h ago: 1 d 4 h left (and a few minutes, so the text holds while the test runs).
  access.invitations.set(casey.id, { sentAt: ago(20), expiresAt: new Date(now + 28 * HOUR + 5 * 60_000).toISOString(), credentials: 'link', sentBy: olivia });
  access.invitations.set(riley.id, { sentAt: ago(72), expiresAt: ago(24), credentials: 'temporary-password', sentBy: olivia });
  access.contacts.set(accessIds.birch, [
    { contactId: fakeId('contact:birch:morgan'), name: 'Morgan Blake', phone: '(555) 019-9001' },
    { contactId: fakeId('contact:birch:kim'), name: 'Kim Alvarez', phone: '(555) 019-9002' },
  ]);
  access.keys.set(accessIds.birch, { registrationKey: 'BL4K-7Q2M', updatedAt: ago(24 * 10) });
}

/** An access request as the server stores it (pending, sent `hoursAgo` hours before the fake's now). */
export function fakeAccessRequest(api: FakeAdminApi, seed: string, fields: Partial<AccessRequest> & Pick<AccessRequest, 'firstName' | 'lastName'>, hoursAgo = 1): AccessRequest {
  return {
    id: fakeId(`access-request:${seed}`),
    status: 'pending',
    email: `${fields.firstName.toLowerCase()}@example.com`,
    phone: null,
    company: 'Cedar Court Offices',
    customerNumber: null,
    message: null,
    createdAt: new Date(api.access.now() - hoursAgo * HOUR).toISOString(),
    decidedAt: null,
    decidedBy: null,
    accountId: null,
    userId: null,
    note: null,
    ...fields,
  };
}

/**
 * Access requests: Jamie Fox (pending, for Cedar Court, with a phone, customer number and
 * message), Avery Stone and Quinn Hale (pending), Blake Moss (approved onto Willow Creek Clinic)
 * and Drew Hart (declined, with a note); `extraPending` more pending ones, older.
 */
export function addAccessRequests(api: FakeAdminApi, extraPending = 0): AccessRequest[] {
  addFixtureAccounts(api);
  const olivia = adminActor(owner);
  const decided = new Date(api.access.now() - 2 * HOUR).toISOString();
  const list: AccessRequest[] = [
    fakeAccessRequest(api, 'jamie', { firstName: 'Jamie', lastName: 'Fox', email: 'jamie.fox@example.com', phone: '(555) 017-7100', company: 'Cedar Court Offices', customerNumber: 'LA-1077', message: 'I took over the front desk from Chris. Please give me access to the invoices.' }, 1),
    fakeAccessRequest(api, 'avery', { firstName: 'Avery', lastName: 'Stone', company: 'Willow Creek Clinic' }, 3),
    fakeAccessRequest(api, 'quinn', { firstName: 'Quinn', lastName: 'Hale', company: 'Maple Street Dental', phone: '555-0142' }, 5),
    fakeAccessRequest(api, 'blake', { firstName: 'Blake', lastName: 'Moss', company: 'Willow Creek Clinic', status: 'approved', decidedAt: decided, decidedBy: olivia, accountId: kitIds.willow, userId: kitIds.ana }, 30),
    fakeAccessRequest(api, 'drew', { firstName: 'Drew', lastName: 'Hart', company: 'Unknown Co.', status: 'declined', decidedAt: decided, decidedBy: olivia, note: 'Not one of our customers.' }, 40),
    ...Array.from({ length: extraPending }, (_, i) => fakeAccessRequest(api, `extra-${i}`, { firstName: `Person${i + 1}`, lastName: 'Example', company: `Company ${i + 1}` }, 50 + i)),
  ];
  api.access.requests.push(...list);
  return list;
}
