import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { CLIENT_DEFAULT_PERMISSIONS, GRANT_SCOPES } from '@porchlight/client';
import { PorchlightSetupAccess } from './setup-access.js';
import type { AccessChangeDetail, RegistrationKeyChangeDetail } from './events.js';
import { fakeAdminApi, owner, support, type FakeAdminApi, type FakeStaff } from './testing/fake-admin-api.js';
import { accessIds, addAccessFixtures } from './testing/fake-admin-access.js';
import { expectFocus } from '../testing/helpers.js';
import { button, deepActive, input, mountAdmin, settle, shadowText, type, until } from './testing/helpers.js';
import './define.js';

const root = (el: Element) => el.shadowRoot!;
const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const dialog = (el: Element) => root(el).querySelector('dialog');
const rows = (el: Element) => [...root(el).querySelectorAll<HTMLLIElement>('.people > li')];
const names = (el: Element) => rows(el).map((r) => clean(r.querySelector('.name')!.textContent));
const rowOf = (el: Element, name: string) => {
  const row = rows(el).find((r) => clean(r.querySelector('.name')!.textContent) === name);
  if (!row) throw new Error(`no row ${name}; rows: ${names(el).join(', ')}`);
  return row;
};
/** The text nodes of `node`, one space between each. */
function words(node: Node): string {
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  while (walker.nextNode()) parts.push(walker.currentNode.textContent!);
  return clean(parts.join(' '));
}
/** Each fact of a row as "label: value". */
const facts = (row: Element) => Object.fromEntries([...row.querySelectorAll('.facts > div')].map((d) => [clean(d.querySelector('dt')!.textContent), words(d.querySelector('dd')!)]));
const badge = (row: Element) => row.querySelector<HTMLElement>('.status-tag')!;
/** The badge as it reads on screen (without the screen-reader-only words). */
const badgeText = (row: Element) => {
  const copy = badge(row).cloneNode(true) as HTMLElement;
  copy.querySelectorAll('.sr-only').forEach((n) => n.remove());
  return clean(copy.textContent);
};
const rowButton = (row: Element, label: string) => {
  const found = [...row.querySelectorAll('button')].find((b) => clean(b.textContent).startsWith(label));
  if (!found) throw new Error(`no button ${label}`);
  return found;
};
const dialogButton = (el: Element, name: string) => {
  const found = [...dialog(el)!.querySelectorAll('button')].find((b) => clean(b.textContent) === name);
  if (!found) throw new Error(`no dialog button ${name}; got ${[...dialog(el)!.querySelectorAll('button')].map((b) => clean(b.textContent)).join(', ')}`);
  return found;
};
const dialogTitle = (el: Element) => clean(dialog(el)!.querySelector('#dialog-title')!.textContent);
const dialogAlert = (el: Element) => clean(dialog(el)!.querySelector('[role="alert"]')!.textContent);
const listNotice = (el: Element) => clean(root(el).querySelector('[data-notice="list"]')!.textContent);
const box = (el: Element, name: string, value: string) => dialog(el)!.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`)!;
const checked = (el: Element, name: string) => [...dialog(el)!.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)].filter((i) => i.checked).map((i) => i.value);
const setupForm = (el: Element) => dialog(el)!.querySelector<HTMLFormElement>('form[data-form="setup"]')!;
const nextChange = (el: Element) => oneEvent(el, 'porchlight-access-change' as 'click') as unknown as Promise<CustomEvent<AccessChangeDetail>>;
const birchAccess = `/v1/admin/accounts/${accessIds.birch}/access`;

async function mountAccess(o: { as?: FakeStaff; api?: FakeAdminApi; accountId?: string } = {}) {
  const api = o.api ?? fakeAdminApi();
  addAccessFixtures(api);
  const mounted = await mountAdmin<PorchlightSetupAccess>(html`<porchlight-setup-access account-id=${o.accountId ?? accessIds.birch}></porchlight-setup-access>`, {
    api,
    as: o.as ?? { ...owner },
  });
  await waitUntil(() => root(mounted.el).querySelector('.people, .empty, .alert-box'), 'the list', { timeout: 3000 });
  await settle(mounted.el);
  return mounted;
}

async function click(el: Element, target: HTMLElement) {
  target.click();
  await settle(el);
}

async function openAdd(el: PorchlightSetupAccess) {
  button(el, 'Add a person').focus();
  await click(el, button(el, 'Add a person'));
  await waitUntil(() => deepActive() === input(el, 'name'), 'focus on Name');
}

describe('porchlight-setup-access', () => {
  it('is registered', () => {
    expect(customElements.get('porchlight-setup-access')).to.equal(PorchlightSetupAccess);
  });

  it('lists the logins: state in words and colour, username, role, what each may see, last login, other accounts', async () => {
    const { el, api } = await mountAccess();
    expect(api.callsTo(`GET ${birchAccess}`)).to.have.length(1);
    const title = root(el).querySelector('#title')!;
    expect(title.textContent).to.equal('Logins and access');
    expect(title.getAttribute('aria-level')).to.equal('2');
    expect(names(el)).to.deep.equal(['Morgan Blake', 'Casey Nguyen', 'Riley Park', 'Taylor Kim']);

    const morgan = rowOf(el, 'Morgan Blake');
    expect(badgeText(morgan)).to.equal('Active');
    expect(badge(morgan).getAttribute('part')).to.equal('badge status-active');
    expect(facts(morgan)).to.include({ Username: 'morgan', Role: 'Manager', 'Also reaches': 'Willow Creek Clinic (5550188)' });
    expect(facts(morgan)['Last login']).to.match(/^\w+/).and.not.equal('Never');
    expect(facts(morgan).Password).to.equal(undefined, 'a chosen password needs no note');
    expect([...morgan.querySelectorAll('[part="grant"]')].map((c) => c.textContent)).to.deep.equal(['Invoices', 'Payments and autopay', 'Work orders', 'Proposals', 'Documents', 'Support tickets']);

    const casey = rowOf(el, 'Casey Nguyen');
    expect(badgeText(casey)).to.equal('Invited — expires in 1 d 4 h');
    expect(clean(badge(casey).querySelector('.sr-only')!.textContent)).to.equal('1 day 4 hours');
    expect(facts(casey)).to.include({ Username: 'casey@birchlane.example', Role: 'Client', 'Last login': 'Never', 'May see': 'Invoices Payments and autopay Documents' });
    expect(facts(casey)['Login email']).to.match(/^Set-password link sent .+ by admin Olivia Park ?; works until .+/);
    expect(facts(casey)['Also reaches']).to.equal(undefined);

    const riley = rowOf(el, 'Riley Park');
    expect(badgeText(riley)).to.equal('Invitation expired');
    expect(facts(riley)['Login email']).to.match(/^Temporary password sent .+ ?; expired .+/);
    const taylor = rowOf(el, 'Taylor Kim');
    expect(badgeText(taylor)).to.equal('Disabled');
    expect(facts(taylor).Role).to.equal('Office staff');

    // The colour repeats the words: four states, four colours.
    const colours = new Set([morgan, casey, riley, taylor].map((r) => getComputedStyle(badge(r)).color));
    expect(colours.size).to.equal(4);

    // Actions follow the state.
    expect(rowButton(morgan, 'Send password reset')).to.exist;
    expect(rowButton(casey, 'Re-send login email')).to.exist;
    expect(rowButton(riley, 'Re-send login email')).to.exist;
    expect([...taylor.querySelectorAll('button')].map((b) => clean(b.textContent))).to.deep.equal(['Setup access for Taylor Kim', 'Revoke access of Taylor Kim']);

    // The call list: Kim Alvarez has no login (Morgan Blake, who has one, is not offered).
    expect([...root(el).querySelectorAll('.contact .name')].map((n) => n.textContent)).to.deep.equal(['Kim Alvarez']);
    // The registration key.
    expect(root(el).querySelector('[part="registration-key"]')!.textContent).to.equal('BL4K-7Q2M');
    expect(shadowText(el)).to.contain("Printed at the bottom of this account's invoices.");
    expect(button(el, 'Rotate key')).to.exist;
    expect(button(el, 'Set key…')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('an active login still on a temporary password says it must change it at its next login', async () => {
    const api = fakeAdminApi();
    addAccessFixtures(api);
    // Morgan (active) was handed a temporary password; Taylor (disabled) too, which the Disabled state says enough about.
    for (const u of api.users.get(accessIds.birch)!) if (u.id === accessIds.morgan || u.id === accessIds.taylor) u.mustChangePassword = true;
    const { el } = await mountAccess({ api });
    const morgan = rowOf(el, 'Morgan Blake');
    expect(badgeText(morgan)).to.equal('Active');
    expect(facts(morgan).Password).to.equal('Temporary must change password at next login');
    expect(morgan.querySelector('[part="password-temporary"]')!.textContent).to.equal('Temporary');
    expect(facts(rowOf(el, 'Taylor Kim')).Password).to.equal(undefined);
    expect(facts(rowOf(el, 'Casey Nguyen')).Password).to.equal(undefined, 'an invited login shows its login email instead');
    await expect(el).to.be.accessible();
  });

  it('"Pending invitations" shows only the logins waiting for their person, with the expiry', async () => {
    const { el } = await mountAccess();
    const options = [...root(el).querySelectorAll('[part="view"] label')].map((l) => clean(l.textContent));
    expect(options).to.deep.equal(['Everyone (4)', 'Pending invitations (2)']);
    await click(el, root(el).querySelector<HTMLInputElement>('input[name="view"][value="pending"]')!);
    expect(names(el)).to.deep.equal(['Casey Nguyen', 'Riley Park']);
    expect(root(el).querySelector('.people')!.getAttribute('aria-label')).to.equal('Pending invitations');
    expect(facts(rowOf(el, 'Casey Nguyen'))['Login email']).to.contain('works until');
    expect(root(el).querySelector('.contacts')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('an invitation that runs out on the fake clock reads "Invitation expired"', async () => {
    const api = fakeAdminApi();
    addAccessFixtures(api);
    api.access.advance(29 * 3_600_000);
    const { el } = await mountAccess({ api });
    expect(badgeText(rowOf(el, 'Casey Nguyen'))).to.equal('Invitation expired');
  });

  it('Add a person: username follows the email, every part granted, a new profile, the login email with a link; then the new login', async () => {
    const { el, api } = await mountAccess();
    await openAdd(el);
    expect(dialogTitle(el)).to.equal('Add a person');
    expect(dialog(el)!.querySelector('#dialog-title')!.getAttribute('aria-level')).to.equal('3');
    expect(checked(el, 'profile')).to.deep.equal(['new']);
    expect(checked(el, 'grants')).to.deep.equal([...GRANT_SCOPES]);
    expect(checked(el, 'role')).to.deep.equal(['client']);
    expect(checked(el, 'permissions')).to.deep.equal([...CLIENT_DEFAULT_PERMISSIONS]);
    expect(checked(el, 'send')).to.deep.equal(['on']);
    expect(checked(el, 'credentials')).to.deep.equal(['link']);
    expect(clean(box(el, 'credentials', 'link').closest('label')!.textContent)).to.contain('Set-password link (48 h)');
    expect(clean(dialog(el)!.querySelector('fieldset legend')!.textContent)).to.equal('Profile');
    const legends = [...dialog(el)!.querySelectorAll('legend')].map((l) => clean(l.textContent));
    expect(legends).to.include('Grant access — what this login may see');
    await expect(el).to.be.accessible();

    type(el, 'name', 'Jamie Fox');
    type(el, 'email', 'jamie@');
    await settle(el);
    expect(input(el, 'username').value).to.equal('jamie@');
    type(el, 'email', 'jamie@birchlane.example');
    await settle(el);
    expect(input(el, 'username').value).to.equal('jamie@birchlane.example');
    // Without Documents, and as office staff: the permissions go to the staff defaults.
    await click(el, box(el, 'grants', 'documents'));
    await click(el, box(el, 'role', 'staff'));
    expect(checked(el, 'permissions')).to.deep.equal(['invoices.view']);
    // A permission over a part not granted cannot be chosen.
    await click(el, box(el, 'grants', 'payments'));
    expect(box(el, 'permissions', 'payment-methods.manage').disabled).to.equal(true);
    expect(clean(box(el, 'permissions', 'payment-methods.manage').closest('label')!.textContent)).to.contain('Needs access to Payments and autopay');
    await click(el, box(el, 'grants', 'payments'));

    const changed = nextChange(el);
    setupForm(el).requestSubmit();
    const event = await changed;
    expect(api.callsTo(`POST ${birchAccess}`)[0]!.body).to.deep.equal({
      name: 'Jamie Fox',
      email: 'jamie@birchlane.example',
      username: 'jamie@birchlane.example',
      role: 'staff',
      grants: ['invoices', 'payments', 'work-orders', 'proposals', 'tickets'],
      permissions: ['invoices.view'],
      sendLoginEmail: true,
      credentials: 'link',
    });
    expect(event.detail.action).to.equal('set-up');
    expect(event.detail.accountId).to.equal(accessIds.birch);
    expect(event.detail.email!.kind).to.equal('invitation');
    expect(event.bubbles && event.composed).to.equal(true);
    await settle(el);
    expect(dialog(el)).to.equal(null);
    expect(listNotice(el)).to.match(/^Jamie Fox has a login with the username “jamie@birchlane.example”. The login email went to jamie@birchlane.example with a link to choose a password; it works until .+\.$/);
    const jamie = rowOf(el, 'Jamie Fox');
    expect(badgeText(jamie)).to.match(/^Invited — expires in (2 d|1 d 23 h)$/);
    expect(facts(jamie).Role).to.equal('Office staff');
    expect(api.access.emails.at(-1)).to.include({ to: 'jamie@birchlane.example', kind: 'invitation', credentials: 'link' });
    expectFocus(button(el, 'Add a person'));
  });

  it('an edited username stays when the email changes; no login email when unticked', async () => {
    const { el, api } = await mountAccess();
    await openAdd(el);
    type(el, 'name', 'Lee Ortiz');
    type(el, 'email', 'lee@birchlane.example');
    await settle(el);
    type(el, 'username', 'lee');
    type(el, 'email', 'lee.ortiz@birchlane.example');
    await settle(el);
    expect(input(el, 'username').value).to.equal('lee');
    await click(el, dialog(el)!.querySelector<HTMLInputElement>('input[name="send"]')!);
    expect(dialog(el)!.querySelector('input[name="credentials"]')).to.equal(null);
    expect(shadowText(el)).to.contain('send it later with “Send login email”');
    setupForm(el).requestSubmit();
    await until(el, 'No login email was sent');
    const body = api.callsTo(`POST ${birchAccess}`)[0]!.body;
    expect(body).to.include({ username: 'lee', email: 'lee.ortiz@birchlane.example', sendLoginEmail: false });
    expect(body.credentials).to.equal(undefined);
    expect(badgeText(rowOf(el, 'Lee Ortiz'))).to.equal('Not invited yet');
    expect(rowButton(rowOf(el, 'Lee Ortiz'), 'Send login email')).to.exist;
    expect(api.access.emails).to.have.length(0);
  });

  it('checks the form in the browser first', async () => {
    const { el, api } = await mountAccess();
    await openAdd(el);
    setupForm(el).requestSubmit();
    await settle(el);
    expect(dialogAlert(el)).to.equal('Check the highlighted fields.');
    expect(input(el, 'name').getAttribute('aria-invalid')).to.equal('true');
    expectFocus(input(el, 'name'));
    type(el, 'name', 'Jamie Fox');
    type(el, 'email', 'not an email');
    setupForm(el).requestSubmit();
    await settle(el);
    expect(dialogAlert(el)).to.equal('Enter a valid email address, like name@example.com.');
    expect(api.callsTo(`POST ${birchAccess}`)).to.have.length(0);
  });

  it('USERNAME_TAKEN shows on the username field', async () => {
    const { el } = await mountAccess();
    await openAdd(el);
    type(el, 'name', 'Morgan Two');
    type(el, 'email', 'morgan2@birchlane.example');
    type(el, 'username', 'MORGAN');
    setupForm(el).requestSubmit();
    await until(el, 'This username is already used in this account.');
    const username = input(el, 'username');
    expect(username.getAttribute('aria-invalid')).to.equal('true');
    expect(clean((username.getRootNode() as ShadowRoot).getElementById('error')!.textContent)).to.contain('This username is already used in this account.');
    expectFocus(username);
    expect(dialog(el)!.open).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('PROFILE_EMAIL_TAKEN shows the profile with "Use this profile", which sets up the login on it in one click', async () => {
    const { el, api } = await mountAccess();
    await openAdd(el);
    type(el, 'name', 'Dana Reyes');
    type(el, 'email', 'dana@harborview.example');
    setupForm(el).requestSubmit();
    await until(el, 'This person already has a login profile.');
    expect(input(el, 'email').getAttribute('aria-invalid')).to.equal('true');
    const match = dialog(el)!.querySelector('[part="profile-match"]')!;
    expect(clean(match.textContent)).to.contain('Dana Reyes dana@harborview.example Already reaches Harbor View Condominiums (5550100) as “manager”');
    await expect(el).to.be.accessible();

    const changed = nextChange(el);
    const use = [...match.querySelectorAll('button')].find((b) => clean(b.textContent) === 'Use this profile of Dana Reyes')!;
    use.click();
    const event = await changed;
    const posts = api.callsTo(`POST ${birchAccess}`);
    expect(posts).to.have.length(2);
    expect(posts[1]!.body).to.include({ profileId: accessIds.danaProfile, email: 'dana@harborview.example', name: 'Dana Reyes' });
    expect(event.detail.login!.otherAccounts.map((a) => a.name)).to.deep.equal(['Harbor View Condominiums']);
    await settle(el);
    expect(facts(rowOf(el, 'Dana Reyes'))['Also reaches']).to.equal('Harbor View Condominiums (5550100)');
  });

  it('"Use an existing login profile" looks the email up (once typing pauses) and lists the accounts each profile reaches', async () => {
    const { el, api } = await mountAccess();
    await openAdd(el);
    await click(el, box(el, 'profile', 'existing'));
    expect(shadowText(el)).to.contain('Type the person’s email address above to find their login profile.');
    type(el, 'email', 'dana@harborview.exam');
    type(el, 'email', 'dana@harborview.examp');
    type(el, 'email', 'dana@harborview.example');
    await until(el, 'One login profile uses dana@harborview.example:');
    expect(api.callsTo('GET /v1/admin/login-profiles').map((c) => c.search)).to.deep.equal(['?email=dana%40harborview.example']);
    // The only match is chosen, and fills the empty name.
    expect(checked(el, 'profileId')).to.deep.equal([accessIds.danaProfile]);
    expect(input(el, 'name').value).to.equal('Dana Reyes');
    expect(clean(box(el, 'profileId', accessIds.danaProfile).closest('label')!.textContent)).to.contain('Already reaches Harbor View Condominiums (5550100) as “manager”');
    await expect(el).to.be.accessible();

    type(el, 'email', 'nobody@example.com');
    await until(el, 'No login profile uses nobody@example.com.');
    setupForm(el).requestSubmit();
    await settle(el);
    expect(dialogAlert(el)).to.contain('No login profile to use was found for this email.');
    expect(api.callsTo(`POST ${birchAccess}`)).to.have.length(0);

    type(el, 'email', 'dana@harborview.example');
    await until(el, 'One login profile uses dana@harborview.example:');
    setupForm(el).requestSubmit();
    await until(el, 'Dana Reyes has a login');
    expect(api.callsTo(`POST ${birchAccess}`)[0]!.body).to.include({ profileId: accessIds.danaProfile, username: 'dana@harborview.example' });
  });

  it('a call-list person without a login: "Setup access" with their name filled in', async () => {
    const { el } = await mountAccess();
    const contact = root(el).querySelector<HTMLButtonElement>('.contact button')!;
    expect(clean(contact.textContent)).to.equal('Setup access for Kim Alvarez');
    await click(el, contact);
    expect(dialogTitle(el)).to.equal('Set up access for Kim Alvarez');
    expect(input(el, 'name').value).to.equal('Kim Alvarez');
    await waitUntil(() => deepActive() === input(el, 'email'), 'focus on Email');
    type(el, 'email', 'kim@birchlane.example');
    setupForm(el).requestSubmit();
    await until(el, 'Kim Alvarez has a login');
    expect(names(el)).to.include('Kim Alvarez');
    expect(root(el).querySelector('.contacts')).to.equal(null);
  });

  it('re-sends the login email of an invited login: what it does, 48 h, the old link stops; then the new expiry', async () => {
    const { el, api } = await mountAccess();
    const opener = rowButton(rowOf(el, 'Casey Nguyen'), 'Re-send login email');
    opener.focus();
    await click(el, opener);
    expect(dialogTitle(el)).to.equal('Re-send the login email to Casey Nguyen?');
    const text = clean(dialog(el)!.textContent);
    expect(text).to.contain('It goes to casey@birchlane.example and tells them to log in with the username “casey@birchlane.example”.');
    expect(text).to.contain('It carries a link to choose their password, which works once, for 48 hours.');
    expect(text).to.match(/The login email sent .+ stops working\./);
    expectFocus(dialogButton(el, 'Re-send login email'));
    await expect(el).to.be.accessible();

    const changed = nextChange(el);
    dialogButton(el, 'Re-send login email').click();
    const event = await changed;
    expect(event.detail).to.include({ action: 'login-email', userId: accessIds.casey });
    expect(event.detail.email!.kind).to.equal('invitation');
    expect(api.callsTo(`POST ${birchAccess}/${accessIds.casey}/login-email`)[0]!.body).to.deep.equal({ credentials: 'link' });
    await settle(el);
    expect(listNotice(el)).to.match(/^Login email sent to casey@birchlane.example. The set-password link works until .+\.$/);
    expect(badgeText(rowOf(el, 'Casey Nguyen'))).to.match(/^Invited — expires in (2 d|1 d 23 h)$/);
    expectFocus(rowButton(rowOf(el, 'Casey Nguyen'), 'Re-send login email'));
  });

  it('an expired invitation can be re-sent with a temporary password instead', async () => {
    const { el, api } = await mountAccess();
    await click(el, rowButton(rowOf(el, 'Riley Park'), 'Re-send login email'));
    expect(checked(el, 'credentials')).to.deep.equal(['temporary-password']);
    await click(el, box(el, 'credentials', 'link'));
    expect(clean(dialog(el)!.textContent)).to.contain('It carries a link');
    await click(el, box(el, 'credentials', 'temporary-password'));
    dialogButton(el, 'Re-send login email').click();
    await until(el, 'Login email sent to riley@birchlane.example with a temporary password.');
    expect(api.callsTo(`POST ${birchAccess}/${accessIds.riley}/login-email`)[0]!.body).to.deep.equal({ credentials: 'temporary-password' });
    expect(badgeText(rowOf(el, 'Riley Park'))).to.match(/^Invited — expires in/);
  });

  it('an active login gets a password reset instead', async () => {
    const { el, api } = await mountAccess();
    await click(el, rowButton(rowOf(el, 'Morgan Blake'), 'Send password reset'));
    expect(dialogTitle(el)).to.equal('Send a password reset to Morgan Blake?');
    const text = clean(dialog(el)!.textContent);
    expect(text).to.contain('Morgan Blake has already activated this login, so the email is a password reset.');
    expect(text).to.contain('a link to choose a new password that works once, for 48 hours');
    expect(dialog(el)!.querySelector('input[name="credentials"]')).to.equal(null);
    dialogButton(el, 'Send password reset').click();
    await until(el, 'Password reset sent to morgan@birchlane.example. The link works until');
    expect(api.callsTo(`POST ${birchAccess}/${accessIds.morgan}/login-email`)[0]!.body).to.deep.equal({});
    expect(api.access.emails.at(-1)).to.include({ kind: 'reset', to: 'morgan@birchlane.example' });
    expect(badgeText(rowOf(el, 'Morgan Blake'))).to.equal('Active');
  });

  it('revokes a login after a confirmation that names the person and says what ends', async () => {
    const { el, api } = await mountAccess();
    rowButton(rowOf(el, 'Riley Park'), 'Revoke access').focus();
    await click(el, rowButton(rowOf(el, 'Riley Park'), 'Revoke access'));
    expect(dialogTitle(el)).to.equal('Revoke the access of Riley Park?');
    const text = clean(dialog(el)!.textContent);
    expect(text).to.contain('Riley Park can no longer log in to this account');
    expect(text).to.contain('Their open sessions end at once.');
    expect(text).to.contain('Login emails and password reset links already sent to them stop working.');
    expectFocus(dialogButton(el, 'Cancel'));
    await expect(el).to.be.accessible();
    const changed = nextChange(el);
    dialogButton(el, 'Revoke access').click();
    const event = await changed;
    expect(event.detail).to.deep.equal({ accountId: accessIds.birch, action: 'revoked', userId: accessIds.riley, login: null });
    await settle(el);
    expect(names(el)).to.not.include('Riley Park');
    expect(listNotice(el)).to.contain('Riley Park no longer has access to this account');
    expect(api.callsTo(`DELETE ${birchAccess}/${accessIds.riley}`)).to.have.length(1);
    expectFocus(root(el).querySelector('#title'));
  });

  it('revoking another account\'s profile login says the profile keeps its other accounts', async () => {
    const { el } = await mountAccess();
    // Morgan is the only manager: a second one first, so the revocation goes through.
    await click(el, rowButton(rowOf(el, 'Casey Nguyen'), 'Setup access'));
    await click(el, box(el, 'role', 'manager'));
    dialog(el)!.querySelector('form')!.requestSubmit();
    await until(el, 'The access of Casey Nguyen is saved.');
    await click(el, rowButton(rowOf(el, 'Morgan Blake'), 'Revoke access'));
    expect(clean(dialog(el)!.textContent)).to.contain('Their login profile keeps its other accounts: Willow Creek Clinic (5550188).');
    dialogButton(el, 'Revoke access').click();
    await until(el, 'Morgan Blake no longer has access');
  });

  it('LAST_MANAGER: the last manager can be neither revoked nor demoted, and the dialog says why', async () => {
    const { el, api } = await mountAccess();
    await click(el, rowButton(rowOf(el, 'Morgan Blake'), 'Revoke access'));
    dialogButton(el, 'Revoke access').click();
    await until(el, 'An account needs at least one active manager. Make someone else a manager first.');
    expect(dialog(el)!.open).to.equal(true);
    expect(dialogAlert(el)).to.equal('An account needs at least one active manager. Make someone else a manager first.');
    expect(names(el)).to.include('Morgan Blake');
    await expect(el).to.be.accessible();
    await click(el, dialogButton(el, 'Cancel'));

    await click(el, rowButton(rowOf(el, 'Morgan Blake'), 'Setup access'));
    await click(el, box(el, 'role', 'client'));
    dialog(el)!.querySelector('form')!.requestSubmit();
    await until(el, 'An account needs at least one active manager.');
    expect(api.callsTo(`PATCH ${birchAccess}/${accessIds.morgan}`)[0]!.body).to.deep.equal({ role: 'client', permissions: [...CLIENT_DEFAULT_PERMISSIONS] });
    expect(facts(rowOf(el, 'Morgan Blake')).Role).to.equal('Manager');
  });

  it('Setup access on a login: changes what it may see, sending only what changed', async () => {
    const { el, api } = await mountAccess();
    await click(el, rowButton(rowOf(el, 'Casey Nguyen'), 'Setup access'));
    expect(dialogTitle(el)).to.equal('Setup access: Casey Nguyen');
    expect(input(el, 'username').value).to.equal('casey@birchlane.example');
    expect(checked(el, 'grants')).to.deep.equal(['invoices', 'payments', 'documents']);
    expect(checked(el, 'role')).to.deep.equal(['client']);
    await expect(el).to.be.accessible();
    await click(el, box(el, 'grants', 'documents'));
    await click(el, box(el, 'grants', 'tickets'));
    type(el, 'username', 'casey');
    const changed = nextChange(el);
    dialog(el)!.querySelector('form')!.requestSubmit();
    const event = await changed;
    expect(event.detail.action).to.equal('updated');
    expect(api.callsTo(`PATCH ${birchAccess}/${accessIds.casey}`)[0]!.body).to.deep.equal({ username: 'casey', grants: ['invoices', 'payments', 'tickets'] });
    await settle(el);
    expect(facts(rowOf(el, 'Casey Nguyen'))).to.include({ Username: 'casey', 'May see': 'Invoices Payments and autopay Support tickets' });
    expect(listNotice(el)).to.contain('The access of Casey Nguyen is saved.');

    // Nothing changed: no request.
    await click(el, rowButton(rowOf(el, 'Casey Nguyen'), 'Setup access'));
    dialog(el)!.querySelector('form')!.requestSubmit();
    await settle(el);
    expect(dialog(el)).to.equal(null);
    expect(api.callsTo(`PATCH ${birchAccess}/${accessIds.casey}`)).to.have.length(1);
  });

  it('rotates the registration key after saying the old one stops working at once', async () => {
    const { el, api } = await mountAccess();
    button(el, 'Rotate key').focus();
    await click(el, button(el, 'Rotate key'));
    expect(dialogTitle(el)).to.equal('Rotate the registration key?');
    expect(clean(dialog(el)!.textContent)).to.contain('The old key stops working at once');
    await expect(el).to.be.accessible();
    const changed = oneEvent(el, 'porchlight-registration-key-change' as 'click') as unknown as Promise<CustomEvent<RegistrationKeyChangeDetail>>;
    dialogButton(el, 'Rotate key').click();
    const event = await changed;
    expect(event.detail.rotated).to.equal(true);
    expect(event.detail.registrationKey).to.match(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/).and.not.equal('BL4K-7Q2M');
    expect(api.callsTo(`POST /v1/admin/accounts/${accessIds.birch}/registration-key`)[0]!.body).to.deep.equal({});
    await settle(el);
    expect(root(el).querySelector('[part="registration-key"]')!.textContent).to.equal(event.detail.registrationKey);
    expect(clean(root(el).querySelector('[data-notice="keys"]')!.textContent)).to.contain(`New registration key: ${event.detail.registrationKey}. The old key BL4K-7Q2M no longer works`);
    expectFocus(button(el, 'Rotate key'));
  });

  it('"Set key…" takes the billing system\'s key (spaces and case aside)', async () => {
    const { el, api } = await mountAccess();
    await click(el, button(el, 'Set key…'));
    type(el, 'registrationKey', 'ab');
    dialog(el)!.querySelector('form')!.requestSubmit();
    await settle(el);
    expect(dialogAlert(el)).to.equal('Use 4 to 40 letters, digits or dashes.');
    expect(input(el, 'registrationKey').getAttribute('aria-invalid')).to.equal('true');
    type(el, 'registrationKey', ' hv12 - ab34 ');
    dialog(el)!.querySelector('form')!.requestSubmit();
    await until(el, 'The registration key is now HV12-AB34');
    expect(api.callsTo(`POST /v1/admin/accounts/${accessIds.birch}/registration-key`)[0]!.body).to.deep.equal({ registrationKey: 'HV12-AB34' });
    expect(root(el).querySelector('[part="registration-key"]')!.textContent).to.equal('HV12-AB34');
  });

  it('read-only for a role without accounts.write: everything shows, nothing can be changed', async () => {
    const { el, api } = await mountAccess({ as: { ...support } });
    expect(clean(root(el).querySelector('[part="not-allowed"]')!.textContent)).to.equal(
      'Your role (Support) can see who has access, but not set it up, change it or send login emails. Ask an owner or an admin.',
    );
    expect(names(el)).to.deep.equal(['Morgan Blake', 'Casey Nguyen', 'Riley Park', 'Taylor Kim']);
    expect(badgeText(rowOf(el, 'Casey Nguyen'))).to.equal('Invited — expires in 1 d 4 h');
    expect(root(el).querySelectorAll('.people button, .contacts button, .key-panel button')).to.have.length(0);
    expect(() => button(el, 'Add a person')).to.throw();
    expect(root(el).querySelector('[part="registration-key"]')!.textContent).to.equal('BL4K-7Q2M');
    expect(api.calls.filter((c) => c.method !== 'GET')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('a load that fails says why, with Retry', async () => {
    const api = fakeAdminApi();
    addAccessFixtures(api);
    let fail = true;
    const inner = api.fetch;
    api.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (fail && String(input).endsWith('/access')) throw new TypeError('Failed to fetch');
      return inner(input, init);
    }) as typeof fetch;
    const { el } = await mountAccess({ api });
    await until(el, 'Retry');
    expect(root(el).querySelector('.people')).to.equal(null);
    await expect(el).to.be.accessible();
    fail = false;
    button(el, 'Retry').click();
    await waitUntil(() => root(el).querySelector('.people'), 'the list after Retry');
    expect(names(el)).to.have.length(4);
  });

  it('readable at 320px: no sideways scrolling', async () => {
    const api = fakeAdminApi();
    addAccessFixtures(api);
    const mounted = await mountAdmin<PorchlightSetupAccess>(html`<porchlight-setup-access account-id=${accessIds.birch}></porchlight-setup-access>`, { api, as: { ...owner }, width: '320px' });
    const el = mounted.el;
    await waitUntil(() => root(el).querySelector('.people'), 'the list');
    await settle(el);
    for (const card of root(el).querySelectorAll<HTMLElement>('.card, .person')) expect(card.scrollWidth, card.className).to.be.at.most(card.clientWidth + 1);
  });

  it('an account with nobody yet says so, and has no key', async () => {
    const api = fakeAdminApi();
    addAccessFixtures(api);
    const { el } = await mountAccess({ api, accountId: 'acc_oak' });
    expect(clean(root(el).querySelector('[part="empty"]')!.textContent)).to.equal('No one can log in to this account yet. Add a person to give them a login.');
    expect(shadowText(el)).to.contain('No registration key yet');
    await click(el, button(el, 'Create a key'));
    await until(el, 'Registration key created:');
    expect(root(el).querySelector('[part="registration-key"]')!.textContent).to.match(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  });
});
