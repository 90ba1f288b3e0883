import { expect, html, waitUntil } from '@open-wc/testing';
import './define.js';
import { PorchlightActivity } from './activity.js';
import { apiError, dana, fakeApi, fakeId, sam, signedInClient, staffUser, type FakeApi, type FakeUser } from '../testing/fake-api.js';
import { button, deepActive, mountPortal, settle, shadowText, until } from '../testing/helpers.js';

const SAM = fakeId('user:sam');
const DANA = fakeId('user:manager');
const emulation = { kind: 'emulation' as const, userId: DANA, adminId: 'k1', name: 'admin Sam Ortiz as manager Dana Reyes' };
const samActor = { kind: 'user' as const, userId: SAM, name: 'Sam Lee' };
const danaActor = { kind: 'user' as const, userId: DANA, name: 'Dana Reyes' };

/** Dana's account with a trail of eight entries (oldest first). */
function trail(): FakeApi {
  const api = fakeApi({ users: [dana, sam] });
  api.addActivity({ action: 'auth.login', actor: samActor, summary: 'Sam Lee logged in' });
  api.addActivity({ action: 'auth.login', actor: danaActor, summary: 'Dana Reyes logged in' });
  api.addActivity({ action: 'user.created', actor: danaActor, summary: 'Dana Reyes added staff Kim Patel (kim)' });
  api.addActivity({ action: 'emulation.start', actor: emulation, summary: 'admin Sam Ortiz started emulating manager Dana Reyes' });
  api.addActivity({ action: 'contact.updated', actor: emulation, summary: 'admin Sam Ortiz as manager Dana Reyes changed the emergency contact Pat Doe' });
  api.addActivity({ action: 'access.denied', actor: samActor, summary: 'Sam Lee was refused: delete records (DELETE /api/porchlight/v1/contacts/1)' });
  api.addActivity({ action: 'auth.login', actor: samActor, summary: 'Sam Lee logged in again' });
  api.addActivity({ action: 'contact.created', actor: samActor, summary: 'Sam Lee added the emergency contact Pat Doe' });
  return api;
}

async function mount(o: { api?: FakeApi; as?: FakeUser; pageSize?: number } = {}) {
  const api = o.api ?? trail();
  const client = signedInClient(api, o.as ?? dana);
  return mountPortal<PorchlightActivity>(html`<porchlight-activity page-size=${o.pageSize ?? 25}></porchlight-activity>`, { api, client });
}

const root = (el: Element) => el.shadowRoot!;
const rows = (el: Element) => [...root(el).querySelectorAll('tbody tr')].map((r) => r.textContent!.replace(/\s+/g, ' ').trim());
const select = (el: Element, name: string) => root(el).querySelector<HTMLSelectElement>(`select[name="${name}"]`)!;
function choose(el: Element, name: string, value: string) {
  const s = select(el, name);
  s.value = value;
  s.dispatchEvent(new Event('change', { bubbles: true }));
}
const activityCalls = (api: FakeApi) => api.callsTo('GET /v1/activity').map((c) => Object.fromEntries(new URLSearchParams(c.search)));

describe('porchlight-activity', () => {
  it('is registered, and defining again is harmless', async () => {
    expect(customElements.get('porchlight-activity')).to.equal(PorchlightActivity);
    await import('./define.js');
    expect(customElements.get('porchlight-activity')).to.equal(PorchlightActivity);
  });

  it('shows the trail newest first: time, who (emulation clearly marked), what', async () => {
    const { el, api } = await mount();
    await until(el, 'Showing all 8 entries');
    const list = rows(el);
    expect(list).to.have.length(8);
    expect(list[0]).to.contain('Sam Lee added the emergency contact Pat Doe');
    expect(list[7]).to.contain('Sam Lee logged in');
    const emulated = list.find((r) => r.includes('changed the emergency contact'))!;
    expect(emulated).to.contain('admin Sam Ortiz as manager Dana Reyes (emulated)');
    expect(list.find((r) => r.includes('was refused'))).to.contain('Refused');
    const time = root(el).querySelector('tbody time')!;
    expect(time.getAttribute('datetime')).to.match(/^2026-01-01T/);
    expect(time.textContent).to.match(/2026/);
    expect(activityCalls(api)[0]).to.deep.equal({ limit: '25' });
    // The person filter lists the account's users.
    expect([...select(el, 'person').options].map((o) => o.textContent!.trim())).to.deep.equal(['Everyone', 'Dana Reyes', 'Sam Lee']);
    expect([...select(el, 'kind').options].map((o) => o.textContent!.trim())).to.deep.equal([
      'Everything',
      'Sign-ins',
      'Staff changes',
      'Account',
      'Records',
      'Emulation',
      'Refused attempts',
    ]);
    expect(select(el, 'person').labels![0]!.textContent).to.equal('Person');
    await expect(el).to.be.accessible();
  });

  it('filters by person and kind; each filter has its own empty state', async () => {
    const { el, api } = await mount();
    await until(el, 'Showing all 8 entries');
    choose(el, 'person', SAM);
    await until(el, 'Showing all 4 entries');
    expect(activityCalls(api).at(-1)).to.deep.equal({ person: SAM, limit: '25' });
    expect(rows(el).every((r) => r.includes('Sam Lee'))).to.equal(true);

    choose(el, 'kind', 'sign-in');
    await until(el, 'Showing all 2 entries');
    expect(activityCalls(api).at(-1)).to.deep.equal({ person: SAM, kind: 'sign-in', limit: '25' });

    choose(el, 'kind', 'emulation');
    await until(el, 'No emulation sessions by Sam Lee yet.');
    expect(root(el).querySelector('table')).to.equal(null);
    await expect(el).to.be.accessible();

    choose(el, 'person', '');
    await until(el, 'Showing the only entry.');
    choose(el, 'kind', 'account');
    await until(el, 'No account changes yet.');
  });

  it('pages back with the cursor: Load more appends, a short page still offers more, the end moves focus to the summary', async () => {
    const { el, api } = await mount({ pageSize: 3 });
    await until(el, 'Showing the latest 3 entries. There is more.');
    expect(rows(el)).to.have.length(3);
    const more = button(el, 'Load more');
    more.focus();
    more.click();
    await until(el, 'Loaded 3 more entries.');
    expect(rows(el)).to.have.length(6);
    const second = activityCalls(api).at(-1)!;
    expect(second.cursor).to.be.a('string');
    expect(second.limit).to.equal('3');
    expect(deepActive() === button(el, 'Load more'), 'focus stays on Load more').to.equal(true);
    await expect(el).to.be.accessible();

    button(el, 'Load more').click();
    await until(el, 'Showing all 8 entries.');
    expect(rows(el)).to.have.length(8);
    expect(() => button(el, 'Load more')).to.throw();
    expect(deepActive() === root(el).querySelector('.summary'), 'focus on the summary').to.equal(true);

    // Filtered, a page can hold fewer entries than the limit (even none) and still have more.
    choose(el, 'kind', 'denied');
    await until(el, /No refused attempts in the latest entries|Showing the latest 1 entry/);
    while (root(el).querySelector('.more button')) {
      button(el, 'Load more').click();
      await settle(el);
      await waitUntil(() => !root(el).querySelector('.more button[aria-disabled="true"]'));
    }
    expect(rows(el)).to.have.length(1);
    expect(rows(el)[0]).to.contain('Sam Lee was refused');
    expect(activityCalls(api).filter((c) => c.kind === 'denied').every((c) => c.limit === '3')).to.equal(true);
  });

  it('a failing page keeps what is shown and says why; a failing first load offers Retry', async () => {
    const api = trail();
    const { el } = await mount({ api, pageSize: 3 });
    await until(el, 'There is more');
    api.on('GET /v1/activity', () => apiError('STORE_UNAVAILABLE', 'The portal is briefly unavailable. Try again in a moment.', 503));
    button(el, 'Load more').click();
    await until(el, 'briefly unavailable');
    expect(rows(el)).to.have.length(3);
    expect(root(el).querySelector('[part="error"]')!.textContent).to.contain('briefly unavailable');

    const failing = trail();
    failing.on('GET /v1/activity', () => apiError('STORE_UNAVAILABLE', 'The portal is briefly unavailable. Try again in a moment.', 503));
    const second = await mount({ api: failing });
    await until(second.el, 'briefly unavailable');
    expect(root(second.el).querySelector('.load-error [role="alert"]')).to.exist;
    await expect(second.el).to.be.accessible();
    failing.off('GET /v1/activity');
    button(second.el, 'Retry').click();
    await until(second.el, 'Showing all 8 entries');
  });

  it('an empty trail, people without "Manage staff", and signed-out visitors', async () => {
    const { el } = await mount({ api: fakeApi({ users: [dana] }) });
    await until(el, 'No activity yet.');
    await expect(el).to.be.accessible();

    const staff = await mount({ as: sam });
    await until(staff.el, "Only your account manager can see the account's activity.");
    expect(staff.api.callsTo('GET /v1/activity')).to.have.length(0);

    const kim = staffUser({ username: 'kim', name: 'Kim Patel', permissions: ['staff.manage'] });
    const holder = await mount({ api: fakeApi({ users: [dana, kim] }), as: kim });
    await until(holder.el, 'No activity yet.');

    const out = await mountPortal<PorchlightActivity>(html`<porchlight-activity></porchlight-activity>`);
    expect(shadowText(out.el)).to.contain("Log in to see your account's activity.");
  });

  it('loads again when someone else signs in, with the filters reset', async () => {
    const api = trail();
    const kim = staffUser({ username: 'kim', name: 'Kim Patel', permissions: ['staff.manage'] });
    api.users.push({ ...kim });
    const { el, client } = await mount({ api });
    await until(el, 'Showing all 8 entries');
    choose(el, 'person', SAM);
    await until(el, 'Showing all 4 entries');
    await client.login({ identifier: kim.identifier, username: 'kim', password: kim.password });
    // Kim's login is itself in the trail now.
    await until(el, 'Showing all 9 entries');
    expect(select(el, 'person').value).to.equal('');
    expect(rows(el)[0]).to.contain('Kim Patel logged in');
  });
});
