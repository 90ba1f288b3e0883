import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createClient } from '@porchlight/client';
import { PorchlightPortal } from './portal.js';
import { dana, fakeApi, json } from '../testing/fake-api.js';
import { button, deepActive, mountPortal, settle, until } from '../testing/helpers.js';
import type { PorchlightLogin } from '../login/login.js';

const cleanUrl = () => history.replaceState(null, '', location.pathname + location.search);

describe('porchlight-portal', () => {
  afterEach(() => {
    cleanUrl();
    sessionStorage.clear();
  });

  it('is registered by the bundle, and defining again is harmless', async () => {
    expect(customElements.get('porchlight-portal')).to.equal(PorchlightPortal);
    await import('./define.js');
    expect(customElements.get('porchlight-portal')).to.equal(PorchlightPortal);
  });

  it('shows a loading state, then the elements inside it', async () => {
    const api = fakeApi();
    const release = api.hold('GET /v1/dealer');
    const { portal } = await mountPortal(html`<porchlight-login></porchlight-login>`, { api, ready: false });
    await settle();
    const loading = portal.shadowRoot!.querySelector('[part="loading"]')!;
    expect(loading.getAttribute('role')).to.equal('status');
    expect(loading.textContent).to.contain('Loading the client portal');
    expect(portal.shadowRoot!.querySelector<HTMLElement>('[part="content"]')!.hidden).to.equal(true);
    // It fades in after a moment (fast loads do not flash); check it once it shows.
    await Promise.all(loading.getAnimations().map((a) => a.finished));
    await expect(portal).to.be.accessible();
    release();
    await waitUntil(() => !portal.shadowRoot!.querySelector('[part="loading"]'));
    expect(portal.shadowRoot!.querySelector<HTMLElement>('[part="content"]')!.hidden).to.equal(false);
  });

  it('creates its client from attributes: base URL, dealer header, and no session sent when there is none', async () => {
    const api = fakeApi();
    const original = window.fetch;
    window.fetch = api.fetch;
    try {
      const portal = await fixture<PorchlightPortal>(html`<porchlight-portal api="https://portal.example.com/porchlight/" dealer="lakeside"></porchlight-portal>`);
      await waitUntil(() => !portal.shadowRoot!.querySelector('[part="loading"]'));
      expect(portal.client!.baseUrl).to.equal('https://portal.example.com/porchlight');
      const [call] = api.calls;
      expect(call!.path).to.equal('/v1/dealer');
      expect(call!.headers['porchlight-dealer']).to.equal('lakeside');
      expect(call!.headers.authorization).to.equal(undefined);
      expect(api.callsTo('GET /v1/auth/session')).to.have.length(0);
    } finally {
      window.fetch = original;
    }
  });

  it('applies the dealer branding as tokens that reach the elements inside, and the dealer page can still override them', async () => {
    const api = fakeApi({
      dealer: {
        id: 'lakeside',
        name: 'Lakeside Alarm Co.',
        branding: { logoUrl: '/logo.svg', colors: { primary: '#0b5d7a', accent: '#f2a900' }, font: 'Georgia, serif' },
        onboarding: { registration: false, requestAccess: false },
      },
    });
    const { portal, el } = await mountPortal<PorchlightLogin>(html`<porchlight-login></porchlight-login>`, { api });
    const style = getComputedStyle(el);
    expect(style.getPropertyValue('--porchlight-color-primary').trim()).to.equal('#0b5d7a');
    expect(style.getPropertyValue('--porchlight-color-primary-text').trim()).to.equal('#ffffff', 'a readable text colour is chosen');
    expect(style.getPropertyValue('--porchlight-font-family').trim()).to.equal('Georgia, serif');
    const submit = button(el, 'Log in');
    expect(getComputedStyle(submit).backgroundColor).to.equal('rgb(11, 93, 122)');
    // The dealer's own CSS wins over the branding.
    portal.style.setProperty('--porchlight-color-primary', '#ff0000');
    await aTimeout(250); // the button's colour transition
    expect(getComputedStyle(submit).backgroundColor).to.equal('rgb(255, 0, 0)');
    // A per-component token wins over the global one.
    el.style.setProperty('--porchlight-button-background', '#00ff00');
    await aTimeout(250);
    expect(getComputedStyle(submit).backgroundColor).to.equal('rgb(0, 255, 0)');
  });

  it('ignores branding values that are not colours or font names', async () => {
    const api = fakeApi({
      dealer: { id: 'x', name: 'X', branding: { colors: { primary: 'red;}:host{display:none' }, font: 'x}; body{display:none' }, onboarding: { registration: false, requestAccess: false } },
    });
    const { el } = await mountPortal(html`<porchlight-login></porchlight-login>`, { api });
    expect(getComputedStyle(el).getPropertyValue('--porchlight-color-primary').trim()).to.equal('');
    expect(getComputedStyle(el).display).to.equal('block');
  });

  it('shows the logo and name with show-branding', async () => {
    const api = fakeApi({ dealer: { id: 'lakeside', name: 'Lakeside Alarm Co.', branding: { logoUrl: '/logo.svg' }, onboarding: { registration: false, requestAccess: false } } });
    const client = createClient({ baseUrl: '/api', fetch: api.fetch });
    const portal = await fixture<PorchlightPortal>(html`<porchlight-portal show-branding .client=${client}></porchlight-portal>`);
    await until(portal, 'Lakeside Alarm Co.');
    const header = portal.shadowRoot!.querySelector('[part="header"]')!;
    expect(header.querySelector('img')!.getAttribute('src')).to.equal('/logo.svg');
    expect(header.querySelector('img')!.getAttribute('alt')).to.equal('');
    await expect(portal).to.be.accessible();
  });

  it('API unreachable: a clear message and a Retry button that recovers', async () => {
    const api = fakeApi();
    api.offline();
    const { portal } = await mountPortal(html`<porchlight-login></porchlight-login>`, { api });
    await until(portal, 'not available');
    const error = portal.shadowRoot!.querySelector('[part="error"]')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain('could not be reached');
    expect(portal.shadowRoot!.querySelector<HTMLElement>('[part="content"]')!.hidden).to.equal(true);
    await expect(portal).to.be.accessible();
    api.online();
    button(portal, 'Retry').click();
    await waitUntil(() => !portal.shadowRoot!.querySelector('[part="error"]'));
    expect(portal.shadowRoot!.querySelector<HTMLElement>('[part="content"]')!.hidden).to.equal(false);
  });

  it('a wrong api address says so', async () => {
    const api = fakeApi();
    api.on('GET /v1/dealer', () => new Response('<!doctype html><p>Dealer site</p>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const { portal } = await mountPortal(html``, { api });
    await until(portal, "Check the portal's API address");
  });

  it('without an api attribute it explains what is missing', async () => {
    const portal = await fixture<PorchlightPortal>(html`<porchlight-portal></porchlight-portal>`);
    await until(portal, 'api attribute is missing');
    expect(portal.shadowRoot!.querySelector('button')).to.equal(null);
  });

  it('restores a session kept in sessionStorage and fires porchlight-session-start', async () => {
    const api = fakeApi();
    api.addSession('kept.token', dana);
    const client = createClient({ baseUrl: '/api/porchlight', dealer: 'lakeside', fetch: api.fetch, persist: 'session-storage' });
    client.setToken('kept.token');
    const started = oneEvent(document, 'porchlight-session-start');
    const { el } = await mountPortal<PorchlightLogin>(html`<porchlight-login></porchlight-login>`, { api, client: createClient({ baseUrl: '/api/porchlight', dealer: 'lakeside', fetch: api.fetch, persist: 'session-storage' }) });
    const event = await started;
    expect(event.detail.user.name).to.equal('Dana Reyes');
    expect(api.callsTo('GET /v1/auth/session')[0]!.headers.authorization).to.equal('Bearer kept.token');
    await until(el, 'Signed in as Dana Reyes (manager)');
  });

  it('a kept session that has ended: signed out, token forgotten, no session-start', async () => {
    const api = fakeApi();
    const client = createClient({ baseUrl: '/api/porchlight', fetch: api.fetch, persist: 'session-storage' });
    client.setToken('stale.token');
    let started = 0;
    document.addEventListener('porchlight-session-start', () => started++, { once: true });
    const { el } = await mountPortal<PorchlightLogin>(html`<porchlight-login></porchlight-login>`, { api, client });
    await until(el, 'Forgot password?');
    expect(client.token).to.equal(null);
    expect(started).to.equal(0);
  });

  it('adopts an emulation link: takes the token, cleans the address, shows the banner; End emulation logs out', async () => {
    const api = fakeApi();
    api.addSession('emulation.token', dana, { adminId: 'k1', name: 'admin Sam Ortiz' });
    history.replaceState(null, '', `${location.pathname}${location.search}#porchlight-emulation=emulation.token`);
    const { portal, el, client } = await mountPortal<PorchlightLogin>(html`<porchlight-login></porchlight-login>`, { api });
    expect(location.hash).to.equal('');
    expect(client.token).to.equal('emulation.token');
    await until(portal, 'You are emulating Dana Reyes (admin Sam Ortiz)');
    const banner = portal.shadowRoot!.querySelector('[part="banner"]')!;
    expect(banner.getAttribute('role')).to.equal('region');
    expect(banner.getAttribute('aria-label')).to.equal('Emulation');
    await until(el, 'Signed in as Dana Reyes');
    await expect(portal).to.be.accessible();

    const ended = oneEvent(portal, 'porchlight-session-end');
    button(portal, 'End emulation').click();
    expect((await ended).detail).to.deep.equal({ reason: 'logout' });
    expect(api.callsTo('POST /v1/auth/logout')[0]!.headers.authorization).to.equal('Bearer emulation.token');
    await waitUntil(() => !portal.shadowRoot!.querySelector('[part="banner"]'));
    await until(el, 'Forgot password?');
    expect(deepActive()).to.equal(portal.shadowRoot!.querySelector('.base'));
  });

  it('an emulation link that has expired: signed out with a notice', async () => {
    history.replaceState(null, '', `${location.pathname}#porchlight-emulation=used.token&tab=2`);
    const { portal, el } = await mountPortal<PorchlightLogin>(html`<porchlight-login></porchlight-login>`);
    expect(location.hash).to.equal('#tab=2', 'other fragment parts stay');
    await until(portal, 'emulation link has expired');
    await until(el, 'Forgot password?');
    expect(portal.shadowRoot!.querySelector('[part="banner"]')).to.equal(null);
  });

  it('an emulation link opened while the page is open (hashchange) is adopted too', async () => {
    const api = fakeApi();
    api.addSession('late.token', dana, { adminId: 'k1', name: 'Sam' });
    const { portal } = await mountPortal(html`<porchlight-login></porchlight-login>`, { api });
    location.hash = 'porchlight-emulation=late.token';
    await until(portal, 'You are emulating Dana Reyes (admin Sam)');
    expect(location.hash).to.equal('');
  });

  it('dispatches session events for login, password change and logout', async () => {
    const { portal, client } = await mountPortal(html`<porchlight-login></porchlight-login>`);
    const seen: string[] = [];
    for (const name of ['porchlight-session-start', 'porchlight-session-update', 'porchlight-session-end'] as const) {
      document.addEventListener(name, (e) => seen.push(`${e.type}${'reason' in (e.detail as object) ? `:${(e.detail as { reason: string }).reason}` : ''}`));
    }
    const start = oneEvent(portal, 'porchlight-session-start');
    await client.login({ identifier: '5550100', username: 'manager', password: 'porchlight-demo' });
    const event = await start;
    expect(event.bubbles && event.composed).to.equal(true);
    await client.changePassword({ currentPassword: 'porchlight-demo', newPassword: 'a longer passphrase' });
    await client.logout();
    expect(seen).to.deep.equal(['porchlight-session-start', 'porchlight-session-update', 'porchlight-session-end:logout']);
    expect(portal.currentSession).to.equal(null);
  });

  it('a session the server ends later: porchlight-session-end with reason "expired"', async () => {
    const api = fakeApi();
    const { portal, el, client } = await mountPortal<PorchlightLogin>(html`<porchlight-login></porchlight-login>`, { api });
    await client.login({ identifier: '5550100', username: 'manager', password: 'porchlight-demo' });
    api.on('GET /v1/auth/session', () => json({ error: { code: 'SESSION_EXPIRED', message: 'Your session has ended. Log in again.' } }, 401));
    const ended = oneEvent(portal, 'porchlight-session-end');
    await client.session().catch(() => undefined);
    expect((await ended).detail.reason).to.equal('expired');
    await until(el, 'Your session has ended. Log in again.');
    await expect(el).to.be.accessible();
  });
});
