import { expect, html, waitUntil } from '@open-wc/testing';
import { PorchlightAdminRequestTypes, slugify, slotOf, uniqueId } from './admin-request-types.js';
import { fail, fakeAdminApi, owner, support, type FakeAdminApi, type FakeStaff } from './testing/fake-admin-api.js';
import { withAdminTickets, type FakeAdminTickets } from './testing/fake-admin-tickets.js';
import { button, deepActive, mountAdmin, settle, shadowText, until } from './testing/helpers.js';
import './define.js';


const root = (el: Element) => el.shadowRoot!;
const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const types = (el: Element) => [...root(el).querySelectorAll<HTMLLIElement>('li.type')];
const typeAt = (el: Element, i: number) => types(el)[i]!;
const own = (type: Element, name: string) => type.querySelector<HTMLInputElement | HTMLTextAreaElement>(`:scope > section > .grid [id$="-${name}"], :scope > section > .control [id$="-${name}"]`)!;
const fieldsOf = (type: Element) => [...type.querySelectorAll<HTMLFieldSetElement>('fieldset.field-box')];
const inField = (field: Element, name: string) => field.querySelector<HTMLInputElement & HTMLTextAreaElement & HTMLSelectElement>(`[id$="-${name}"]`)!;
/** A button of a type (its own actions and Add a field) or of a field, by the start of its visible text. */
const buttonIn = (scope: Element, text: string) =>
  [...scope.querySelectorAll<HTMLButtonElement>(':scope > section > .item-actions button, :scope > .item-actions button, :scope [data-add-field]')].find((b) =>
    clean([...b.childNodes].filter((n) => n instanceof Text || (n instanceof HTMLElement && !n.classList.contains('sr-only') && !n.getAttribute('aria-hidden'))).map((n) => n.textContent).join('')).startsWith(text),
  )!;
const errorOf = (control: Element) => {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id.endsWith('-error'));
  return ids.map((id) => clean(control.getRootNode() instanceof ShadowRoot ? (control.getRootNode() as ShadowRoot).getElementById(id)?.textContent : '')).join(' ');
};

function edit(control: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  control.value = value;
  control.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

async function mountTypes(o: { as?: FakeStaff; api?: FakeAdminApi } = {}) {
  const api = o.api ?? fakeAdminApi();
  const tickets = withAdminTickets(api);
  const mounted = await mountAdmin<PorchlightAdminRequestTypes>(html`<porchlight-admin-request-types></porchlight-admin-request-types>`, { api, as: o.as ?? { ...owner } });
  await waitUntil(() => root(mounted.el).querySelector('li.type, .empty'), 'the request types', { timeout: 3000 });
  await settle(mounted.el);
  return { ...mounted, tickets };
}

const save = (el: Element) => root(el).querySelector<HTMLButtonElement>('[data-save]')!.click();
const puts = (api: FakeAdminApi) => api.callsTo('PUT /v1/admin/request-types');

describe('request type ids', () => {
  it('slugify makes an id from a label; uniqueId adds a number when taken', () => {
    expect(slugify('Service visit')).to.equal('service-visit');
    expect(slugify('  Alarm – Fehlalarm! ')).to.equal('alarm-fehlalarm');
    expect(slugify('Café & Crème')).to.equal('cafe-creme');
    expect(slugify('!!!')).to.equal('');
    expect(slugify('x'.repeat(50))).to.have.length(40);
    expect(uniqueId('zone', new Set(['zone', 'zone-2']))).to.equal('zone-3');
    expect(uniqueId('a'.repeat(40), new Set(['a'.repeat(40)]))).to.equal(`${'a'.repeat(38)}-2`);
  });

  it('slotOf points a server path at the control that shows it', () => {
    expect(slotOf('items.2.fields.0.options')).to.equal('items.2.fields.0.options');
    expect(slotOf('items.2.fields.0.options.3')).to.equal('items.2.fields.0.options');
    expect(slotOf('items.1.id')).to.equal('items.1.id');
    expect(slotOf('items.1.fields')).to.equal('items.1.fields');
    expect(slotOf('items.1.unknown')).to.equal('items.1.label');
    expect(slotOf('items')).to.equal('items');
    expect(slotOf('(body)')).to.equal('items');
  });
});

describe('porchlight-admin-request-types', () => {
  it('shows the request types with their fields, inactive ones marked', async () => {
    const { el, api } = await mountTypes();
    expect(api.callsTo('GET /v1/admin/request-types')).to.have.length(1);
    expect(types(el).map((t) => clean(t.querySelector('.section-title')!.textContent))).to.deep.equal([
      'Request type 1: Service visit',
      'Request type 2: Billing question',
      'Request type 3: Panel upgrade (2024 offer) Not offered',
    ]);
    const service = typeAt(el, 0);
    expect(own(service, 'id').value).to.equal('service');
    expect(fieldsOf(service).map((f) => inField(f, 'kind').value)).to.deep.equal(['long-text', 'choice', 'date', 'file']);
    expect(inField(fieldsOf(service)[1]!, 'options').value).to.equal('Front door\nBack door\nGarage\nOther');
    expect(inField(fieldsOf(typeAt(el, 1))[0]!, 'maxLength').value).to.equal('20');
    expect(inField(fieldsOf(service)[0]!, 'maxLength').value).to.equal('');
    expect(fieldsOf(service)[2]!.querySelector('[id$="-options"]')).to.equal(null, 'only a choice has options');
    await expect(el).to.be.accessible();
  });

  it('edits, adds a field and a type (ids follow the label until edited) and saves everything', async () => {
    const { el, api, tickets } = await mountTypes();
    // A new field on "Billing question": a choice with options, one per line.
    const billing = typeAt(el, 1);
    buttonIn(billing, 'Add a field').click();
    await settle(el);
    const added = fieldsOf(typeAt(el, 1))[1]!;
    await waitUntil(() => deepActive() === inField(added, 'label'), 'focus on the new label');
    edit(inField(added, 'label'), 'Which card?');
    await settle(el);
    expect(inField(added, 'id').value).to.equal('which-card');
    choose(inField(added, 'kind'), 'choice');
    await settle(el);
    edit(inField(added, 'options'), ' Visa \n\nMastercard\n');
    added.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();

    // A new type: the id follows the label, then stays as typed.
    button(el, 'Add a request type').click();
    await settle(el);
    const fresh = typeAt(el, 3);
    edit(own(fresh, 'label'), 'Service visit');
    await settle(el);
    expect(own(fresh, 'id').value).to.equal('service-visit');
    edit(own(fresh, 'label'), 'Moving house');
    await settle(el);
    expect(own(fresh, 'id').value).to.equal('moving-house');
    edit(own(fresh, 'id'), 'move');
    edit(own(fresh, 'label'), 'Moving out');
    await settle(el);
    expect(own(fresh, 'id').value).to.equal('move');
    edit(own(fresh, 'description'), '  We move your system.  ');
    expect(shadowText(el)).to.contain('Unsaved changes');

    save(el);
    await until(el, 'Saved. Clients can choose from 3 request types.');
    const [put] = puts(api);
    expect(put!.body.items.map((t: { id: string }) => t.id)).to.deep.equal(['service', 'billing', 'panel-upgrade-2024', 'move']);
    expect(put!.body.items[1]).to.deep.equal({
      id: 'billing',
      label: 'Billing question',
      active: true,
      fields: [
        { id: 'invoice', label: 'Invoice number', kind: 'text', required: false, maxLength: 20 },
        { id: 'which-card', label: 'Which card?', kind: 'choice', required: true, options: ['Visa', 'Mastercard'] },
      ],
    });
    expect(put!.body.items[3]).to.deep.equal({ id: 'move', label: 'Moving out', description: 'We move your system.', active: true, fields: [] });
    expect(put!.body.items[0].fields[2]).to.deep.equal({ id: 'preferred-date', label: 'Preferred date', kind: 'date', required: false, help: 'We confirm by phone.' });
    expect(tickets.requestTypes.map((t) => t.id)).to.deep.equal(['service', 'billing', 'panel-upgrade-2024', 'move']);
    expect(shadowText(el)).to.not.contain('Unsaved changes');
    await expect(el).to.be.accessible();
  });

  it('checks before sending (duplicate ids, a choice without options, a bad id) and shows each problem at its field', async () => {
    const { el, api } = await mountTypes();
    edit(own(typeAt(el, 1), 'id'), 'service');
    const zone = fieldsOf(typeAt(el, 0))[1]!;
    edit(inField(zone, 'options'), '\n  \n');
    const problem = fieldsOf(typeAt(el, 0))[0]!;
    edit(inField(problem, 'id'), 'What?');
    edit(inField(fieldsOf(typeAt(el, 1))[0]!, 'maxLength'), '500');
    await settle(el);
    save(el);
    await settle(el);
    expect(puts(api)).to.have.length(0);
    expect(clean(root(el).querySelector('[data-alert="save"]')!.textContent)).to.equal('Check the highlighted fields (4).');
    const typeId = own(typeAt(el, 1), 'id');
    expect(typeId.getAttribute('aria-invalid')).to.equal('true');
    expect(errorOf(typeId)).to.equal('Another request type already uses the id "service".');
    expect(errorOf(inField(zone, 'options'))).to.equal('A choice needs at least one option.');
    expect(errorOf(inField(problem, 'id'))).to.contain('Use 1 to 40 lower-case letters');
    expect(errorOf(inField(fieldsOf(typeAt(el, 1))[0]!, 'maxLength'))).to.equal('Enter a whole number from 1 to 200, or leave it empty.');
    // Focus on the first problem, in reading order.
    await waitUntil(() => deepActive() === inField(problem, 'id'), 'focus on the first problem');
    await expect(el).to.be.accessible();

    // Fixing a field clears its error.
    edit(typeId, 'billing');
    await settle(el);
    expect(typeId.getAttribute('aria-invalid')).to.equal('false');
    edit(inField(zone, 'options'), 'Front door\nFront door');
    edit(inField(problem, 'id'), 'problem');
    edit(inField(fieldsOf(typeAt(el, 1))[0]!, 'maxLength'), '20');
    save(el);
    await settle(el);
    expect(errorOf(inField(zone, 'options'))).to.equal('Each option must be different.');
    expect(puts(api)).to.have.length(0);
  });

  it('shows the server\'s field errors at their fields after sending', async () => {
    const { el, api } = await mountTypes();
    api.on('PUT /v1/admin/request-types', () => fail('VALIDATION_FAILED', undefined, { 'items.1.fields.0.label': 'Use at most 120 characters.', 'items.2.fields': 'Use at most 20 fields.' }));
    save(el);
    await until(el, 'Use at most 20 fields.');
    const invoiceLabel = inField(fieldsOf(typeAt(el, 1))[0]!, 'label');
    expect(invoiceLabel.getAttribute('aria-invalid')).to.equal('true');
    expect(errorOf(invoiceLabel)).to.equal('Use at most 120 characters.');
    expect(clean(root(el).querySelector('[data-alert="save"]')!.textContent)).to.equal('Some fields are missing or not valid.');
    await waitUntil(() => deepActive() === invoiceLabel, 'focus on the field');
  });

  it('moves and removes types and fields, keeping focus on the control used', async () => {
    const { el, api } = await mountTypes();
    buttonIn(typeAt(el, 1), 'Move up').click();
    await settle(el);
    expect(types(el).map((t) => own(t, 'id').value)).to.deep.equal(['billing', 'service', 'panel-upgrade-2024']);
    // The moved type's Move up is disabled at the top: focus goes to its Move down.
    await waitUntil(() => clean((deepActive() as HTMLElement).textContent).startsWith('↓ Move down: Billing question'), 'focus on Move down');

    const service = typeAt(el, 1);
    const zone = fieldsOf(service)[1]!;
    buttonIn(zone, 'Move down').click();
    await settle(el);
    expect(fieldsOf(typeAt(el, 1)).map((f) => inField(f, 'id').value)).to.deep.equal(['problem', 'preferred-date', 'zone', 'photos']);
    buttonIn(fieldsOf(typeAt(el, 1))[0]!, 'Remove field').click();
    await settle(el);
    expect(fieldsOf(typeAt(el, 1)).map((f) => inField(f, 'id').value)).to.deep.equal(['preferred-date', 'zone', 'photos']);
    await waitUntil(() => deepActive()?.tagName === 'LEGEND', 'focus on the next field');

    buttonIn(typeAt(el, 2), 'Remove request type').click();
    await settle(el);
    expect(types(el)).to.have.length(2);
    save(el);
    await until(el, 'Saved.');
    const body = puts(api)[0]!.body;
    expect(body.items.map((t: { id: string }) => t.id)).to.deep.equal(['billing', 'service']);
    expect(body.items[1].fields.map((f: { id: string }) => f.id)).to.deep.equal(['preferred-date', 'zone', 'photos']);
  });

  it('is read-only without accounts.write, with a note', async () => {
    const { el, api } = await mountTypes({ as: { ...support } });
    expect(clean(root(el).querySelector('[part="not-allowed"]')!.textContent)).to.contain('not change them');
    const editor = root(el).querySelector<HTMLFieldSetElement>('fieldset.editor')!;
    expect(editor.disabled).to.equal(true);
    expect(own(typeAt(el, 0), 'label').matches(':disabled')).to.equal(true);
    expect(root(el).querySelector<HTMLButtonElement>('[data-save]')!.matches(':disabled')).to.equal(true);
    save(el);
    await settle(el);
    expect(api.calls.filter((c) => c.method !== 'GET')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('shows an empty state and works at 360 px', async () => {
    const api = fakeAdminApi();
    const state: FakeAdminTickets = withAdminTickets(api, { requestTypes: [] });
    const { el } = await mountAdmin<PorchlightAdminRequestTypes>(html`<porchlight-admin-request-types></porchlight-admin-request-types>`, { api, as: { ...owner }, width: '360px' });
    await until(el, 'No request types yet.');
    button(el, 'Add a request type').click();
    await settle(el);
    edit(own(typeAt(el, 0), 'label'), 'Other');
    buttonIn(typeAt(el, 0), 'Add a field').click();
    await settle(el);
    expect(el.scrollWidth).to.be.at.most(360);
    await expect(el).to.be.accessible();
    void state;
  });
});
