import { fixture, html, waitUntil } from '@open-wc/testing';
import { createAdminClient, type AdminClient } from '@porchlight/client';
import '../define.js';
import type { PorchlightAdmin } from '../admin.js';
import type { PorchlightAdminSignIn } from '../sign-in.js';
import { settle } from '../../testing/helpers.js';
import { fakeAdminApi, type AdminCall, type FakeAdminApi, type FakeStaff } from './fake-admin-api.js';

export { button, chooseFiles, input, settle, shadowText, stubDownloads, type, until, deepActive } from '../../testing/helpers.js';

/**
 * A <porchlight-admin> with a client on a fake API, signed in as `as` (or signed out), and
 * `child` inside it, once it is ready.
 */
export async function mountAdmin<T extends Element = Element>(
  child: unknown,
  options: { api?: FakeAdminApi; as?: FakeStaff | null; client?: AdminClient; ready?: boolean; width?: string } = {},
): Promise<{ admin: PorchlightAdmin; el: T; api: FakeAdminApi; client: AdminClient }> {
  const api = options.api ?? fakeAdminApi();
  const client = options.client ?? createAdminClient({ baseUrl: '/api/porchlight', dealer: 'lakeside', fetch: api.fetch });
  if (options.as) client.setToken(api.signIn(options.as));
  const parentNode = document.createElement('div');
  if (options.width) parentNode.style.width = options.width;
  const admin = await fixture<PorchlightAdmin>(html`<porchlight-admin .client=${client}>${child}</porchlight-admin>`, { parentNode });
  if (options.ready !== false) await waitUntil(() => !admin.shadowRoot!.querySelector('[part="loading"]'), 'admin ready', { timeout: 3000 });
  const el = admin.firstElementChild as T;
  await settle(el);
  await settle(el);
  return { admin, el, api, client };
}

/** The sign-in card inside the root's shadow root. */
export function signInCard(admin: PorchlightAdmin): PorchlightAdminSignIn {
  const card = admin.shadowRoot!.querySelector('porchlight-admin-sign-in');
  if (!card) throw new Error('no sign-in card');
  return card;
}

/** The text of an element's alert region(s). */
export function alertText(el: Element, selector = '[role="alert"]'): string {
  return [...el.shadowRoot!.querySelectorAll(selector)].map((n) => n.textContent!.replace(/\s+/g, ' ').trim()).filter(Boolean).join(' | ');
}

/** A call's path with its query. */
export const url = (call: AdminCall): string => call.path + call.search;
