import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createClient, type PorchlightClient } from '@porchlight/client';
import '../porchlight.js';
import type { PorchlightPortal } from '../portal/portal.js';
import { fakeApi, type FakeApi } from './fake-api.js';

export { fakeApi };

/** A portal with a client on a fake API, and `child` inside it, once the portal is ready. */
export async function mountPortal<T extends Element = Element>(
  child: unknown,
  options: { api?: FakeApi; client?: PorchlightClient; ready?: boolean } = {},
): Promise<{ portal: PorchlightPortal; el: T; api: FakeApi; client: PorchlightClient }> {
  const api = options.api ?? fakeApi();
  const client = options.client ?? createClient({ baseUrl: '/api/porchlight', dealer: 'lakeside', fetch: api.fetch });
  const portal = await fixture<PorchlightPortal>(html`<porchlight-portal .client=${client}>${child}</porchlight-portal>`);
  if (options.ready !== false) await waitUntil(() => !portal.shadowRoot!.querySelector('[part="loading"]'), 'portal ready');
  const el = portal.firstElementChild as T;
  await settle(el);
  return { portal, el, api, client };
}

/** Lets pending fetches and renders finish. */
export async function settle(el?: Element | null): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await aTimeout(0);
    if (el && 'updateComplete' in el) await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  }
}

/** The text of an element's shadow root, whitespace collapsed. */
export function shadowText(el: Element): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ');
}

/** The native input inside the <porchlight-text-field name=…> of `el`. */
export function input(el: Element, name: string): HTMLInputElement {
  const field = el.shadowRoot!.querySelector(`porchlight-text-field[name="${name}"]`);
  if (!field) throw new Error(`no field ${name}`);
  return field.shadowRoot!.querySelector('input')!;
}

/** Types into a field the way a person does (value + input event). */
export function type(el: Element, name: string, value: string): void {
  const i = input(el, name);
  i.value = value;
  i.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** Submits the first form in `el`'s shadow root, as its submit button would. */
export function submitForm(el: Element): void {
  el.shadowRoot!.querySelector('form')!.requestSubmit();
}

/** The text of `el`'s alert region (role=alert), whitespace collapsed. */
export function alertText(el: Element): string {
  return el.shadowRoot!.querySelector('[role="alert"]')!.textContent!.replace(/\s+/g, ' ').trim();
}

/** The error shown under the <porchlight-text-field name=…> of `el` ('' when there is none). */
export function fieldError(el: Element, name: string): string {
  return ((input(el, name).getRootNode() as ShadowRoot).getElementById('error')?.textContent ?? '').trim();
}

/** Expects each named text field of `el` to show that error ('' for none). */
export function expectFieldErrors(el: Element, errors: Record<string, string>): void {
  for (const [name, error] of Object.entries(errors)) expect(fieldError(el, name), name).to.equal(error);
}

export function button(el: Element, name: string | RegExp): HTMLButtonElement {
  const all = [...el.shadowRoot!.querySelectorAll('button')];
  const found = all.find((b) => (typeof name === 'string' ? b.textContent!.trim() === name : name.test(b.textContent!.trim())));
  if (!found) throw new Error(`no button ${name}; buttons: ${all.map((b) => b.textContent!.trim()).join(', ')}`);
  return found;
}

/** The element focused inside `el`, following shadow roots down. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** An element in a failure message: `<button#id name=…> its text`, short (chai would print the whole DOM element). */
export function describeEl(e: Element | null | undefined): string {
  if (!e) return 'nothing';
  const name = e.getAttribute('name');
  return `<${e.localName}${e.id ? `#${e.id}` : ''}${name ? ` name=${name}` : ''}> ${(e.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)}`;
}

/** Focus is on `target` (following shadow roots down). */
export function expectFocus(target: Element | null | undefined): void {
  const active = deepActive();
  expect(active === target, `focus on ${describeEl(target)}, got ${describeEl(active)}`).to.equal(true);
}

/** Nothing was found. */
export function expectNone(e: Element | null | undefined): void {
  expect(e == null, `expected nothing, got ${describeEl(e)}`).to.equal(true);
}

/** Something was found. */
export function expectSome(e: Element | null | undefined): void {
  expect(e != null, 'expected an element').to.equal(true);
}

export async function until(el: Element, text: string | RegExp, what = String(text)): Promise<void> {
  await waitUntil(() => (typeof text === 'string' ? shadowText(el).includes(text) : text.test(shadowText(el))), `waiting for ${what}; got: ${shadowText(el).slice(0, 300)}`, { timeout: 3000 });
}

/** A download `saveBlob` made while `stubDownloads` was on: the object URL, the name, whether the link was in the page. */
export interface StubbedDownload {
  href: string;
  download: string;
  connected: boolean;
}

/**
 * Stubs object URLs and anchor clicks, so a download is recorded instead of saved: `created`
 * (the blobs, `blob:fake/<n>` in order), `revoked` (those URLs) and `clicked`. Call `restore()` after.
 */
export function stubDownloads(): { created: Blob[]; revoked: string[]; clicked: StubbedDownload[]; restore(): void } {
  const created: Blob[] = [];
  const revoked: string[] = [];
  const clicked: StubbedDownload[] = [];
  const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL, click: HTMLAnchorElement.prototype.click };
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    created.push(blob as Blob);
    return `blob:fake/${created.length}`;
  };
  URL.revokeObjectURL = (url: string) => void revoked.push(url);
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    clicked.push({ href: this.getAttribute('href')!, download: this.download, connected: this.isConnected });
  };
  return {
    created,
    revoked,
    clicked,
    restore() {
      URL.createObjectURL = original.create;
      URL.revokeObjectURL = original.revoke;
      HTMLAnchorElement.prototype.click = original.click;
    },
  };
}

/** Chooses `files` in a file input the way a person does (files set, then a change event). */
export function chooseFiles(input: HTMLInputElement, files: File[]): void {
  const transfer = new DataTransfer();
  for (const f of files) transfer.items.add(f);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}
