import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import { PorchlightMessages } from './messages.js';
import { apiError, dana, fakeApi, signedInClient, type FakeApi } from '../testing/fake-api.js';
import { mountPortal, settle, shadowText, until } from '../testing/helpers.js';
import { readRoute, withMessages, type FakeMessage } from './fake-messages.js';

const SAMPLE: FakeMessage[] = [
  { title: 'Holiday hours', kind: 'broadcast', body: 'We close at noon.\nHappy holidays!', importance: 'important', addedAt: '2026-01-03T09:00:00.000Z' },
  { title: 'Battery low', kind: 'private', body: 'Please replace the panel battery.', addedAt: '2026-01-05T09:00:00.000Z', validUntil: '2026-02-01T00:00:00.000Z' },
  { title: 'Welcome', kind: 'broadcast', read: true, addedAt: '2026-01-01T09:00:00.000Z' },
];

async function mount(messages: FakeMessage[] = SAMPLE, api: FakeApi = fakeApi()) {
  const state = withMessages(api, messages);
  const client = signedInClient(api, dana);
  const view = await mountPortal<PorchlightMessages>(html`<porchlight-messages></porchlight-messages>`, { api, client });
  return { ...view, state };
}

const root = (el: Element) => el.shadowRoot!;
const items = (el: Element) => [...root(el).querySelectorAll<HTMLLIElement>('li.message')];
const itemOf = (el: Element, title: string) => items(el).find((li) => li.querySelector('.message-title')!.textContent === title)!;
const toggleOf = (el: Element, title: string) => itemOf(el, title).querySelector<HTMLButtonElement>('button.toggle')!;
const summary = (el: Element) => root(el).querySelector('[part="summary"]')!.textContent!.trim();
const alertText = (el: Element) => root(el).querySelector('[role="alert"]')!.textContent!.replace(/\s+/g, ' ').trim();

describe('porchlight-messages', () => {
  it('is registered, and defining again is harmless', async () => {
    expect(customElements.get('porchlight-messages')).to.equal(PorchlightMessages);
    await import('./define.js');
    expect(customElements.get('porchlight-messages')).to.equal(PorchlightMessages);
  });

  it('lists newest first: New and Important badges, bold unread titles, kind, date added, who, shown until; N unread', async () => {
    const { el } = await mount();
    await until(el, 'Battery low');
    expect(items(el).map((li) => li.querySelector('.message-title')!.textContent)).to.deep.equal(['Battery low', 'Holiday hours', 'Welcome']);
    const battery = itemOf(el, 'Battery low');
    const holiday = itemOf(el, 'Holiday hours');
    const welcome = itemOf(el, 'Welcome');
    expect(battery.querySelector('.tag.new')!.textContent).to.equal('New');
    expect(getComputedStyle(battery.querySelector('.message-title')!).fontWeight).to.equal('700');
    expect(getComputedStyle(welcome.querySelector('.message-title')!).fontWeight).to.equal('500');
    expect(welcome.querySelector('.tag.new')).to.equal(null);
    expect(holiday.querySelector('.tag.warn')!.textContent).to.equal('Important');
    expect(battery.querySelector('.tag.warn')).to.equal(null);
    const meta = (li: Element) => li.querySelector('.meta')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(meta(battery)).to.match(/^For your account Added .+ by admin Pat Dispatcher Shown until .+$/);
    expect(meta(holiday)).to.match(/^News Added .+ by Lakeside Alarm Co\.$/);
    expect(battery.querySelector('time')!.getAttribute('datetime')).to.equal('2026-01-05T09:00:00.000Z');
    expect(battery.querySelectorAll('time')[1]!.getAttribute('datetime')).to.equal('2026-02-01T00:00:00.000Z');
    expect(summary(el)).to.equal('2 unread');
    expect(root(el).querySelector('[part="summary"]')!.getAttribute('role')).to.equal('status');
    for (const li of items(el)) {
      expect(li.querySelector('button')!.getAttribute('aria-expanded')).to.equal('false');
      expect(li.querySelector<HTMLElement>('.body')!.hidden).to.equal(true);
    }
    await expect(el).to.be.accessible();
  });

  it('opens a message by keyboard: the text with line breaks, marked read on the server, event fired', async () => {
    const { el, api, state, portal } = await mount();
    await until(el, 'Holiday hours');
    const holiday = SAMPLE[0]!;
    const id = state.items.find((m) => m.title === holiday.title)!.id;
    toggleOf(el, 'Holiday hours').focus();
    const read = oneEvent(portal, 'porchlight-message-read');
    await sendKeys({ press: 'Enter' });
    const event = (await read) as CustomEvent;
    expect(event.detail).to.deep.equal({ id });
    expect(event.bubbles && event.composed).to.equal(true);
    await settle(el);
    const button = toggleOf(el, 'Holiday hours');
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const body = root(el).getElementById(button.getAttribute('aria-controls')!)!;
    expect(body.hidden).to.equal(false);
    expect(body.textContent).to.equal('We close at noon.\nHappy holidays!');
    expect(getComputedStyle(body).whiteSpace).to.equal('pre-wrap');
    expect(api.callsTo(readRoute(id)).length).to.equal(1);
    expect(state.readIds).to.deep.equal([id]);
    expect(itemOf(el, 'Holiday hours').querySelector('.tag.new')).to.equal(null);
    expect(summary(el)).to.equal('1 unread');
    await expect(el).to.be.accessible();

    // Space closes it; opening it again does not call the server again.
    await sendKeys({ press: 'Space' });
    await settle(el);
    expect(toggleOf(el, 'Holiday hours').getAttribute('aria-expanded')).to.equal('false');
    toggleOf(el, 'Holiday hours').click();
    await settle(el);
    expect(api.callsTo(readRoute(id)).length).to.equal(1);
  });

  it('opening a message already read does not mark it again', async () => {
    const { el, api, state } = await mount();
    await until(el, 'Welcome');
    toggleOf(el, 'Welcome').click();
    await settle(el);
    expect(toggleOf(el, 'Welcome').getAttribute('aria-expanded')).to.equal('true');
    expect(api.callsTo(readRoute(state.items.find((m) => m.title === 'Welcome')!.id)).length).to.equal(0);
  });

  it('shows a body with markup as text, never as HTML', async () => {
    const evil = '<script>window.__porchlightPwned = true</script><img src=x onerror="window.__porchlightPwned = true"><b>bold</b>';
    const { el } = await mount([{ title: '<i>Title</i>', body: evil }]);
    await until(el, '<i>Title</i>');
    toggleOf(el, '<i>Title</i>').click();
    await settle(el);
    const body = root(el).querySelector<HTMLElement>('.body')!;
    expect(body.textContent).to.equal(evil);
    expect(body.querySelector('script, img, b')).to.equal(null);
    expect(root(el).querySelector('.message-title i')).to.equal(null);
    expect((window as unknown as { __porchlightPwned?: boolean }).__porchlightPwned).to.equal(undefined);
  });

  it('puts the unread mark back with a message when marking read fails', async () => {
    const api = fakeApi();
    const { el, state } = await mount(SAMPLE, api);
    await until(el, 'Battery low');
    const id = state.items.find((m) => m.title === 'Battery low')!.id;
    api.on(readRoute(id), () => apiError('SERVICE_UNAVAILABLE', 'The service is unavailable. Try again shortly.', 503));
    const release = api.hold(readRoute(id));
    toggleOf(el, 'Battery low').click();
    await settle(el);
    expect(itemOf(el, 'Battery low').querySelector('.tag.new'), 'marked read at once').to.equal(null);
    expect(summary(el)).to.equal('1 unread');
    release();
    await waitUntil(() => itemOf(el, 'Battery low').querySelector('.tag.new'), 'unread again');
    await settle(el);
    expect(summary(el)).to.equal('2 unread');
    expect(alertText(el)).to.match(/^Could not mark "Battery low" as read\. .+/);
    expect(toggleOf(el, 'Battery low').getAttribute('aria-expanded'), 'the text stays open').to.equal('true');
    expect(state.readIds).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('says so when there are no messages', async () => {
    const { el } = await mount([]);
    await until(el, 'No messages right now.');
    expect(root(el).querySelector('[part="empty"]')!.textContent!.trim()).to.equal('No messages right now.');
    expect(root(el).querySelector('ul')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows loading, then a load error with Retry that loads again', async () => {
    const api = fakeApi();
    const release = api.hold('GET /v1/messages');
    const state = withMessages(api, SAMPLE);
    const client = signedInClient(api, dana);
    const { el } = await mountPortal<PorchlightMessages>(html`<porchlight-messages></porchlight-messages>`, { api, client });
    await until(el, 'Loading messages…');
    await expect(el).to.be.accessible();
    api.on('GET /v1/messages', () => apiError('SERVICE_UNAVAILABLE', 'The service is unavailable. Try again shortly.', 503));
    release();
    await until(el, 'The service is unavailable');
    expect(root(el).querySelector('.load-error [role="alert"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
    withMessages(api, state.items.map((m) => ({ ...m })));
    [...root(el).querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Retry')!.click();
    await until(el, 'Battery low');
    expect(summary(el)).to.equal('2 unread');
    expect(shadowText(el)).to.not.include('unavailable');
  });
});
