import { html, nothing, type TemplateResult } from 'lit';
import type { Contact, ContactList, CreateContactRequest, PorchlightClient, SessionResponse, UpdateContactRequest } from '@porchlight/client';
import { MAX_CONTACTS } from '@porchlight/core';
import { emit } from '../events.js';
import { AccountView } from '../internal/account-view.js';
import { actorLabel } from '../internal/actor.js';
import { dataTable } from '../internal/data-table.js';
import { contactsStyles } from './contacts.styles.js';

/** What the form holds (kept when the server refuses, so nothing typed is lost). */
interface Draft {
  name: string;
  phone: string;
  relation: string;
  priority: string;
  hasKeys: boolean;
  notes: string;
}

type ContactsDialog = { kind: 'add'; draft?: Draft } | { kind: 'edit'; contact: Contact; draft?: Draft } | { kind: 'delete'; contact: Contact };

const FIELDS = { name: 'name', phone: 'phone', relation: 'relation', priority: 'priority', hasKeys: 'hasKeys', notes: 'notes' };

/** A tel: address from a phone number as typed ("(555) 010-0101" -> "tel:5550100101"). */
function telHref(phone: string): string {
  return `tel:${phone.trim().startsWith('+') ? '+' : ''}${phone.replace(/\D+/g, '')}`;
}

function draftOf(contact?: Contact): Draft {
  return {
    name: contact?.name ?? '',
    phone: contact?.phone ?? '',
    relation: contact?.relation ?? '',
    priority: contact ? String(contact.priority) : '',
    hasKeys: contact?.hasKeys ?? false,
    notes: contact?.notes ?? '',
  };
}

/**
 * <porchlight-contacts>: the account's emergency call list — who the monitoring centre calls,
 * in order, when the alarm goes off: name, phone (a tel: link), relation, whether they hold
 * keys, notes, and who added and last changed each. Add and Edit need "Modify records",
 * Delete needs "Delete records"; the buttons a person may not use are not shown, and a refusal
 * from the server is shown without losing what was typed. Lives inside <porchlight-portal>.
 *
 * @csspart card - the card around everything
 * @csspart title - the heading
 * @csspart toolbar - the Add contact button's row
 * @csspart button - buttons
 * @csspart error - the error region (role=alert)
 * @csspart notice - the status region (role=status) for results
 * @csspart note - notes (what this login may not change; signed out)
 * @csspart state - the loading and load-error states
 * @csspart empty - the empty state
 * @csspart table - the list (cards when narrow)
 * @csspart row - each contact
 * @csspart order - a contact's place in the call order
 * @csspart tag - tags (Has keys, emulated)
 * @csspart emulated-tag - the "(emulated)" tag of an emulated change's author
 * @csspart dialog - the add, edit and delete dialogs
 * @csspart dialog-title - a dialog's heading
 * @csspart dialog-close - a dialog's close button
 * @csspart form - the add and edit form
 * @csspart field - each field (text fields export field-base, label, hint, input, field-error)
 * @csspart checkbox - the "Has keys" checkbox with its label
 * @fires porchlight-contact-change - `{ action, contact }` after a contact was added, changed or deleted
 */
export class PorchlightContacts extends AccountView<ContactList, ContactsDialog> {
  static override styles = contactsStyles;
  static override properties = {
    contacts: { state: true },
  };

  protected declare contacts: Contact[];

  constructor() {
    super();
    this.heading = 'Emergency contacts';
    this.contacts = [];
  }

  // ---- data ------------------------------------------------------------------------------

  protected override fetch(client: PorchlightClient): Promise<ContactList> {
    return client.contacts.list();
  }

  protected override apply(data: ContactList): void {
    // The server's order: call order, then the oldest first.
    this.contacts = [...data.items].sort((a, b) => a.priority - b.priority || a.createdAt.localeCompare(b.createdAt));
  }

  protected override clear(): void {
    this.contacts = [];
  }

  protected override loadingText(): string {
    return 'Loading contacts…';
  }

  protected override signedOutText(): string {
    return 'Log in to see your emergency contacts.';
  }

  private canModify(s: SessionResponse): boolean {
    return s.user.permissions.includes('records.modify');
  }

  private canDelete(s: SessionResponse): boolean {
    return s.user.permissions.includes('records.delete');
  }

  // ---- actions ---------------------------------------------------------------------------

  /** Reads and checks the form; null (with the problems shown) when something is wrong. */
  private readForm(event: SubmitEvent): Draft | null {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const draft: Draft = {
      name: text('name'),
      phone: text('phone'),
      relation: text('relation'),
      priority: text('priority'),
      hasKeys: form.get('hasKeys') !== null,
      notes: text('notes'),
    };
    // Keep what was typed, whatever happens next.
    const state = this.dialog.state;
    if (state && state.kind !== 'delete') this.dialog.set({ ...state, draft });
    const errors: Record<string, string> = {};
    if (!draft.name) errors.name = 'Enter a name.';
    const digits = draft.phone.replace(/\D+/g, '').length;
    if (!draft.phone) errors.phone = 'Enter a phone number.';
    else if (digits < 4 || digits > 15 || !/^[0-9+().\s-]+$/.test(draft.phone)) errors.phone = 'Enter a phone number using digits, spaces, dashes or brackets.';
    if (draft.priority && !/^\d{1,2}$/.test(draft.priority)) errors.priority = 'Enter a whole number from 1 to 99.';
    else if (draft.priority === '0' || draft.priority === '00') errors.priority = 'The call order starts at 1.';
    const names = Object.keys(errors);
    if (names.length) {
      this.errors = errors;
      this.alert = names.length === 1 ? errors[names[0]!]! : 'Check the highlighted fields.';
      void this.focusAfterUpdate(`dialog [name="${names[0]}"]`);
      return null;
    }
    return draft;
  }

  private async onAdd(event: SubmitEvent): Promise<void> {
    const client = this.client;
    if (!client || this.busy) return;
    const d = this.readForm(event);
    if (!d) return;
    const input: CreateContactRequest = {
      name: d.name,
      phone: d.phone,
      hasKeys: d.hasKeys,
      ...(d.relation ? { relation: d.relation } : {}),
      ...(d.notes ? { notes: d.notes } : {}),
      ...(d.priority ? { priority: Number(d.priority) } : {}),
    };
    const contact = await this.act('add', () => client.contacts.add(input), { fields: FIELDS, update: (c) => this.apply({ items: [...this.contacts, c] }), success: (c) => `${c.name} was added to the call list.` });
    if (contact) emit(this, 'porchlight-contact-change', { action: 'added', contact });
  }

  private async onEdit(event: SubmitEvent, contact: Contact): Promise<void> {
    const client = this.client;
    if (!client || this.busy) return;
    const d = this.readForm(event);
    if (!d) return;
    const input: UpdateContactRequest = {};
    if (d.name !== contact.name) input.name = d.name;
    if (d.phone !== contact.phone) input.phone = d.phone;
    if ((d.relation || null) !== contact.relation) input.relation = d.relation || null;
    if ((d.notes || null) !== contact.notes) input.notes = d.notes || null;
    if (d.hasKeys !== contact.hasKeys) input.hasKeys = d.hasKeys;
    if (d.priority && Number(d.priority) !== contact.priority) input.priority = Number(d.priority);
    if (!Object.keys(input).length) {
      this.dialog.close();
      return;
    }
    const updated = await this.act(`edit:${contact.id}`, () => client.contacts.update(contact.id, input), {
      update: (c) => this.apply({ items: this.contacts.map((x) => (x.id === c.id ? c : x)) }),
      fields: FIELDS,
      success: (c) => `Saved the changes to ${c.name}.`,
    });
    if (updated) emit(this, 'porchlight-contact-change', { action: 'updated', contact: updated });
  }

  private async onDelete(contact: Contact): Promise<void> {
    const client = this.client;
    if (!client) return;
    const done = await this.act(`delete:${contact.id}`, () => client.contacts.remove(contact.id), {
      update: () => (this.contacts = this.contacts.filter((c) => c.id !== contact.id)),
      success: () => `${contact.name} was deleted from the call list.`,
    });
    if (done) emit(this, 'porchlight-contact-change', { action: 'deleted', contact });
  }

  // ---- rendering -------------------------------------------------------------------------

  protected override renderLead(): unknown {
    return html`<p class="lead">Who we call when your alarm goes off, in this order.</p>`;
  }

  protected override renderToolbar(s: SessionResponse): unknown {
    if (this.phase !== 'ready' || !this.canModify(s)) return nothing;
    const full = this.contacts.length >= MAX_CONTACTS;
    return html`<button class="button inline" part="button" type="button" ?disabled=${full} @click=${() => this.dialog.open({ kind: 'add' })}>Add contact</button>`;
  }

  private permissionNote(s: SessionResponse): unknown {
    const modify = this.canModify(s);
    const remove = this.canDelete(s);
    if (modify && remove) return nothing;
    const text = !modify
      ? remove
        ? 'Your login can delete contacts but not add or change them. Ask your account manager for the "Modify records" permission.'
        : 'You can see this list. To change it, ask your account manager for the "Modify records" permission.'
      : 'Your login can add and change contacts but not delete them. Ask your account manager for the "Delete records" permission.';
    return html`<p class="note permission-note" part="note">${text}</p>`;
  }

  private changedBy(c: Contact): TemplateResult {
    const changed = c.updatedAt !== c.createdAt;
    return html`<span class="by">Added by ${actorLabel(c.createdBy)}</span>${changed
        ? html`<span class="sep" aria-hidden="true"> · </span><span class="by">changed by ${actorLabel(c.updatedBy)}</span>`
        : nothing}`;
  }

  private actions(c: Contact, s: SessionResponse): unknown {
    const who = html`<span class="sr-only"> ${c.name}</span>`;
    const edit = this.canModify(s);
    const remove = this.canDelete(s);
    if (!edit && !remove) return nothing;
    return html`<div class="row-buttons">
      ${edit
        ? html`<button class="button small secondary inline" part="button" type="button" @click=${() => this.dialog.open({ kind: 'edit', contact: c })}>Edit${who}</button>`
        : nothing}
      ${remove
        ? html`<button class="button small secondary inline danger-text" part="button" type="button" @click=${() => this.dialog.open({ kind: 'delete', contact: c }, '[data-cancel]')}>Delete${who}</button>`
        : nothing}
    </div>`;
  }

  protected override renderReady(s: SessionResponse): unknown {
    const mayAct = this.canModify(s) || this.canDelete(s);
    const full = this.contacts.length >= MAX_CONTACTS;
    return html`${this.permissionNote(s)}
      ${full && this.canModify(s) ? html`<p class="note" part="note">The list holds at most ${MAX_CONTACTS} contacts. Delete one to add another.</p>` : nothing}
      ${this.contacts.length
        ? dataTable<Contact>({
            caption: 'Emergency contacts, in call order',
            items: this.contacts,
            key: (c) => c.id,
            busy: this.refreshing,
            className: 'contacts',
            columns: [
              {
                label: 'Name',
                bare: true,
                className: 'name',
                cell: (c) => html`<div class="name-wrap">
                  <span class="order" part="order"><span class="sr-only">Call order </span>${c.priority}</span>
                  <span class="name-text">${c.name}${c.relation ? html`<span class="sub">${c.relation}</span>` : nothing}</span>
                </div>`,
              },
              { label: 'Phone', className: 'phone', cell: (c) => html`<a href=${telHref(c.phone)}>${c.phone}</a>` },
              {
                label: 'Keys',
                className: 'keys',
                cell: (c) => (c.hasKeys ? html`<span class="tag" part="tag">Has keys</span>` : html`<span class="muted">No keys</span>`),
              },
              { label: 'Notes', className: 'notes wide', cell: (c) => c.notes ?? html`<span class="muted">—</span>` },
              { label: 'Added and changed by', className: 'changed wide', cell: (c) => this.changedBy(c) },
              ...(mayAct
                ? [{ label: 'Actions', bare: true, className: 'actions-cell', header: html`<span class="sr-only">Actions</span>`, cell: (c: Contact) => this.actions(c, s) }]
                : []),
            ],
          })
        : html`<p class="empty" part="empty">
            No emergency contacts yet.${this.canModify(s) ? ' Add the people we should call when your alarm goes off.' : ''}
          </p>`}`;
  }

  private contactForm(state: Extract<ContactsDialog, { kind: 'add' | 'edit' }>): TemplateResult {
    const d = state.draft ?? draftOf(state.kind === 'edit' ? state.contact : undefined);
    const submit = (e: SubmitEvent) => (state.kind === 'edit' ? this.onEdit(e, state.contact) : this.onAdd(e));
    return html`<form part="form" class="stack" novalidate aria-labelledby="dialog-title" @submit=${submit} @input=${this.onFieldInput}>
      ${this.input('name', 'Name', { value: d.name, required: true, autofocus: true, maxlength: 120 })}
      ${this.input('phone', 'Phone', { value: d.phone, type: 'tel', inputmode: 'tel', required: true, hint: 'The number we call. Digits, spaces, dashes or brackets.' })}
      ${this.input('relation', 'Relation (optional)', { value: d.relation, hint: 'For example: neighbour, superintendent, owner.', maxlength: 60 })}
      ${this.input('priority', state.kind === 'add' ? 'Call order (optional)' : 'Call order', {
        value: d.priority,
        inputmode: 'numeric',
        hint: state.kind === 'add' ? '1 is called first. Leave empty to call them after everyone else.' : '1 is called first.',
        maxlength: 2,
      })}
      ${this.checkbox('hasKeys', 'Has keys to the premises', { checked: d.hasKeys, id: 'hasKeys' })}
      ${this.textArea('notes', 'Notes (optional)', { value: d.notes, hint: 'What the monitoring centre should know, e.g. when to call.', maxlength: 500 })}
      ${this.dialogActions(state.kind === 'add' ? 'Add contact' : 'Save changes', state.kind === 'add' ? 'Adding…' : 'Saving…')}
    </form>`;
  }

  protected override renderDialog(state: ContactsDialog) {
    if (state.kind === 'add') return { title: 'Add an emergency contact', content: this.contactForm(state) };
    if (state.kind === 'edit') return { title: `Edit ${state.contact.name}`, content: this.contactForm(state) };
    const c = state.contact;
    return {
      title: `Delete ${c.name}?`,
      kind: 'confirm' as const,
      content: html`<div class="stack">
        <p>We will no longer call ${c.name} (${c.phone}) when your alarm goes off. This cannot be undone.</p>
        ${this.dialogActions('Delete contact', 'Deleting…', { danger: true, type: 'button', onClick: () => void this.onDelete(c) })}
      </div>`,
    };
  }
}
