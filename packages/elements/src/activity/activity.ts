import { html, nothing, type TemplateResult } from 'lit';
import { ACTIVITY_KINDS, type ActivityEntry, type ActivityKind, type ActivityPage, type PorchlightClient, type PublicUser, type SessionResponse } from '@porchlight/client';
import { AccountList } from '../internal/account-list.js';
import { actorLabel } from '../internal/actor.js';
import { dataTable } from '../internal/data-table.js';
import { timeTag } from '../internal/format.js';
import { activityStyles } from './activity.styles.js';
import { pageLimit } from '../internal/list-view.js';

/** The filter's options, in ACTIVITY_KINDS order. */
export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  'sign-in': 'Sign-ins',
  staff: 'Staff changes',
  account: 'Account',
  records: 'Records',
  emulation: 'Emulation',
  denied: 'Refused attempts',
};

/** "No … yet" for each kind. */
const KIND_PHRASES: Record<ActivityKind, string> = {
  'sign-in': 'sign-ins',
  staff: 'staff changes',
  account: 'account changes',
  records: 'record changes',
  emulation: 'emulation sessions',
  denied: 'refused attempts',
};

/** The tag in front of each entry's summary. */
const KIND_TAGS: Record<ActivityKind, string> = {
  'sign-in': 'Sign-in',
  staff: 'Staff',
  account: 'Account',
  records: 'Record',
  emulation: 'Emulation',
  denied: 'Refused',
};

const KINDS = Object.keys(ACTIVITY_KINDS) as ActivityKind[];

function kindOf(action: string): ActivityKind | undefined {
  return KINDS.find((k) => (ACTIVITY_KINDS[k] as readonly string[]).some((prefix) => action.startsWith(prefix)));
}

/** The first page, with the people of the filter. */
interface ActivityData extends ActivityPage {
  people: PublicUser[];
}

/**
 * <porchlight-activity>: the account's audit trail for its manager (and staff holding "Manage
 * staff"): when, who (an emulated action reads "admin X as manager Y" with an "(emulated)"
 * tag) and what, newest first; filters by person and by kind; "Load more" pages back with the
 * server's cursor. Lives inside <porchlight-portal>.
 *
 * @csspart card - the card around everything
 * @csspart title - the heading
 * @csspart filters - the filter form
 * @csspart summary - the line saying what is shown (a live region)
 * @csspart table - the entries (cards when narrow)
 * @csspart row - each entry
 * @csspart tag - tags (kind of entry, emulated)
 * @csspart emulated-tag - the "(emulated)" tag
 * @csspart button - buttons (Load more, Retry)
 * @csspart error - the error region (role=alert)
 * @csspart notice - the status region (role=status)
 * @csspart state - the loading and load-error states
 * @csspart empty - the empty state
 * @csspart note - the note for someone who may not see the activity, or signed out
 */
export class PorchlightActivity extends AccountList<ActivityEntry, ActivityData> {
  static override styles = activityStyles;
  static override properties = {
    pageSize: { type: Number, attribute: 'page-size' },
    person: { state: true },
    kind: { state: true },
    people: { state: true },
  };

  /** How many entries one page asks for (1–100, default 25). */
  declare pageSize: number;

  protected declare person: string;
  protected declare kind: ActivityKind | '';
  protected declare people: PublicUser[];

  private peopleLoaded = false;

  constructor() {
    super();
    this.heading = 'Activity';
    this.pageSize = 25;
    this.person = '';
    this.kind = '';
    this.people = [];
  }

  private get limit(): number {
    return pageLimit(this.pageSize, 25);
  }

  // ---- data ------------------------------------------------------------------------------

  protected override allowed(s: SessionResponse): boolean {
    return s.user.permissions.includes('staff.manage');
  }

  protected override async fetch(client: PorchlightClient): Promise<ActivityData> {
    const people = this.peopleLoaded
      ? Promise.resolve(this.people)
      : client.staff.list().then(
          (r) => r.items,
          // Without the list, the filter offers "Everyone" only.
          () => [],
        );
    const [list, page] = await Promise.all([people, this.fetchPage(client)]);
    return { people: list, items: page.items, cursor: page.cursor };
  }

  protected override fetchPage(client: PorchlightClient, cursor?: string): Promise<ActivityPage> {
    return client.activity({ person: this.person || undefined, kind: this.kind || undefined, limit: this.limit, cursor });
  }

  protected override apply(data: ActivityData): void {
    this.people = [...data.people].sort((a, b) => a.name.localeCompare(b.name));
    this.peopleLoaded = true;
    super.apply(data);
  }

  protected override clear(): void {
    super.clear();
    this.people = [];
    this.peopleLoaded = false;
    this.person = '';
    this.kind = '';
  }

  protected override moreNotice(added: number): string {
    return added ? `Loaded ${added} more ${added === 1 ? 'entry' : 'entries'}.` : 'No more matching entries in that stretch.';
  }

  protected override loadingText(): string {
    return 'Loading activity…';
  }

  protected override signedOutText(): string {
    return "Log in to see your account's activity.";
  }

  protected override renderNotAllowed(): unknown {
    return "Only your account manager can see the account's activity.";
  }

  // ---- actions ---------------------------------------------------------------------------

  private onFilter(event: Event): void {
    const select = event.target as HTMLSelectElement;
    if (select.name === 'person') this.person = select.value;
    if (select.name === 'kind') this.kind = (KINDS as string[]).includes(select.value) ? (select.value as ActivityKind) : '';
    this.reloadList();
  }

  // ---- rendering -------------------------------------------------------------------------

  protected override renderLead(s: SessionResponse): unknown {
    return html`<p class="lead">What happened in ${s.account.name}: sign-ins, changes and refused attempts, newest first.</p>`;
  }

  private personName(): string | undefined {
    return this.people.find((p) => p.id === this.person)?.name;
  }

  private emptyText(): string {
    const what = this.kind ? KIND_PHRASES[this.kind] : 'activity';
    const who = this.person ? ` by ${this.personName() ?? 'this person'}` : '';
    return this.cursor ? `No ${what}${who} in the latest entries. Load more to look further back.` : `No ${what}${who} yet.`;
  }

  private summaryText(): string {
    if (this.refreshing) return 'Loading…';
    const n = this.items.length;
    if (!n) return '';
    const count = `${n} ${n === 1 ? 'entry' : 'entries'}`;
    return this.cursor ? `Showing the latest ${count}. There is more.` : n === 1 ? 'Showing the only entry.' : `Showing all ${count}.`;
  }

  private renderFilters(): TemplateResult {
    return html`<form class="filters" part="filters" aria-label="Filter the activity" @submit=${(e: Event) => e.preventDefault()} @change=${this.onFilter}>
      <div class="control">
        <label for="person">Person</label>
        <select id="person" name="person">
          <option value="" ?selected=${!this.person}>Everyone</option>
          ${this.people.map((p) => html`<option value=${p.id} ?selected=${this.person === p.id}>${p.name}</option>`)}
        </select>
      </div>
      <div class="control">
        <label for="kind">Kind</label>
        <select id="kind" name="kind">
          <option value="" ?selected=${!this.kind}>Everything</option>
          ${KINDS.map((k) => html`<option value=${k} ?selected=${this.kind === k}>${ACTIVITY_KIND_LABELS[k]}</option>`)}
        </select>
      </div>
    </form>`;
  }

  private renderEntries(): TemplateResult {
    return dataTable<ActivityEntry>({
      caption: 'Activity, newest first',
      items: this.items,
      key: (e) => e.id,
      busy: this.refreshing,
      className: 'entries',
      columns: [
        { label: 'When', bare: true, className: 'when', cell: (e) => timeTag(e.at) },
        { label: 'Who', className: 'who', cell: (e) => actorLabel(e.actor) },
        {
          label: 'What',
          className: 'what wide',
          cell: (e) => {
            const kind = kindOf(e.action);
            return html`${kind ? html`<span class="tag ${kind === 'denied' ? 'warn' : ''}" part="tag">${KIND_TAGS[kind]}</span> ` : nothing}${e.summary}`;
          },
        },
      ],
    });
  }

  protected override renderReady(): unknown {
    const summary = this.summaryText();
    return html`${this.renderFilters()}
      <p class="summary" part="summary" role="status" tabindex="-1">${summary}</p>
      ${this.items.length ? this.renderEntries() : html`<p class="empty" part="empty">${this.emptyText()}</p>`}
      ${this.renderMore()}`;
  }
}
