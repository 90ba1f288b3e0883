import { expect, html } from '@open-wc/testing';
import '../porchlight-account.js';
import { withDocuments } from '../documents/fake-documents.js';
import { dana, fakeApi, signedInClient, type FakeUser } from '../testing/fake-api.js';
import { mountPortal, shadowText, until } from '../testing/helpers.js';
import { AccountView } from './account-view.js';

/** Each view of a part of the account's data, with its grant scope and how the note names the part. */
const VIEWS: Array<[tag: string, grant: string, part: string]> = [
  ['porchlight-invoice-list', 'invoices', 'invoices'],
  ['porchlight-payment-history', 'payments', 'payments and autopay'],
  ['porchlight-payment-methods', 'payments', 'payments and autopay'],
  ['porchlight-autopay', 'payments', 'payments and autopay'],
  ['porchlight-work-orders', 'work-orders', 'work orders'],
  ['porchlight-work-order-form', 'work-orders', 'work orders'],
  ['porchlight-proposals', 'proposals', 'proposals'],
  ['porchlight-documents', 'documents', 'documents'],
  ['porchlight-tickets', 'tickets', 'support tickets'],
];

/** What the portal itself asks for (the dealer, the session). */
const PORTAL_CALLS = ['GET /v1/dealer', 'GET /v1/auth/session'];

async function mountView(tag: string, user: FakeUser) {
  const api = fakeApi({ users: [user] });
  withDocuments(api, [{ title: 'Monitoring certificate' }]);
  const client = signedInClient(api, user);
  const template = document.createElement('template');
  template.innerHTML = `<${tag}></${tag}>`;
  const { el } = await mountPortal(html`${template.content.cloneNode(true)}`, { api, client });
  return { el, api };
}

describe('account views and grant scopes', () => {
  it('each view of a part names its grant scope once, in the base (static grant)', () => {
    for (const [tag, grant] of VIEWS) {
      const view = customElements.get(tag) as unknown as typeof AccountView;
      expect(view.grant, tag).to.equal(grant);
    }
    for (const tag of ['porchlight-contacts', 'porchlight-profile', 'porchlight-staff-manager', 'porchlight-activity', 'porchlight-messages']) {
      expect((customElements.get(tag) as unknown as typeof AccountView).grant, tag).to.equal(undefined);
    }
  });

  it('a login without the part sees a calm note naming it and the dealer, and nothing is asked of the server', async () => {
    // A manager holds every permission: only the grant keeps the part from them.
    const noGrants: FakeUser = { ...dana, grants: [] };
    for (const [tag, , part] of VIEWS) {
      const { el, api } = await mountView(tag, noGrants);
      await until(el, 'Your login does not include');
      const note = el.shadowRoot!.querySelector('[part="note"]')!;
      expect(note.getAttribute('data-note'), tag).to.equal('not-granted');
      expect(note.textContent!.replace(/\s+/g, ' ').trim(), tag).to.equal(`Your login does not include ${part}. Ask Lakeside Alarm Co. for access.`);
      expect(el.shadowRoot!.querySelector('[role="heading"]'), `${tag} keeps its heading`).to.not.equal(null);
      expect(el.shadowRoot!.querySelector('.load-error'), `${tag}: no error state`).to.equal(null);
      const asked = api.calls.map((c) => `${c.method} ${c.path}`).filter((c) => !PORTAL_CALLS.includes(c));
      expect(asked, `${tag} asked nothing`).to.deep.equal([]);
      await expect(el).to.be.accessible();
    }
  });

  it('a login with the part sees the view; views of no part are untouched', async () => {
    const onlyDocuments: FakeUser = { ...dana, grants: ['documents'] };
    const { el } = await mountView('porchlight-documents', onlyDocuments);
    await until(el, 'Monitoring certificate');
    const { el: invoices } = await mountView('porchlight-invoice-list', onlyDocuments);
    await until(invoices, 'Your login does not include invoices.');
    const { el: contacts } = await mountView('porchlight-contacts', { ...dana, grants: [] });
    await until(contacts, 'Emergency contacts');
    expect(shadowText(contacts)).not.to.contain('does not include');
  });
});
