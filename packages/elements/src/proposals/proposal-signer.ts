import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  ESIGN_CONSENT_TEXT,
  ESIGN_CONSENT_VERSION,
  PROPOSAL_NOTE_MAX,
  PROPOSAL_REJECT_REASON_LABELS,
  PROPOSAL_REJECT_REASONS,
  proposalsApi,
  SIGN_INTENT_TEXT,
  SIGN_INTENT_VERSION,
  SIGNATURE_MIN_POINTS,
  SIGNER_NAME_MAX,
  type AcceptProposalRequest,
  type PorchlightClient,
  type PortalProposal,
  type ProposalLine,
  type ProposalRejectReason,
  type ProposalsApi,
  type SessionResponse,
} from '@porchlight/client';
import { saveBlob } from '../internal/files.js';
import { RecordView } from '../internal/record-view.js';
import { dataTable } from '../internal/data-table.js';
import { timeTag } from '../internal/format.js';
import { alertIcon, checkIcon, infoIcon } from '../internal/icons.js';
import { errorCode, errorMessage } from '../internal/messages.js';
import { busyLabel } from '../internal/templates.js';
import { emitProposal } from './events.js';
import { cannotDecideText, formatMoney, formatQuantity, statusTag } from './proposal-format.js';
import { proposalSignerStyles } from './proposals.styles.js';
import { SignatureSurface, type SignatureCounts } from './signature-surface.js';

/** What is shown under the proposal: the decision buttons, or one step of a decision. */
export type SignerStep = 'view' | 'consent' | 'sign' | 'reject';

type SignerDialog = { kind: 'reject' };

/** The least size of a drawn signature, in CSS pixels (the server refuses smaller ink). */
const MIN_EXTENT = 24;

/** Errors after which the proposal on screen is out of date: it is loaded again. */
const STALE = new Set(['PROPOSAL_CHANGED', 'PROPOSAL_CLOSED', 'ESIGN_CONSENT_REQUIRED', 'PERMISSION_DENIED', 'EMULATION_FORBIDDEN']);

const EMPTY: SignatureCounts = { strokes: 0, points: 0 };

/** A name as the server keeps it: NFC, single spaces, trimmed. */
const cleanName = (name: string) => name.normalize('NFC').replace(/\s+/g, ' ').trim();

/**
 * <porchlight-proposal-signer proposal-id="…">: one proposal from the dealer, to read and to
 * decide. Its title, number, status (text and colour), salesperson, expiry, lines, subtotal,
 * tax and total in its currency, the terms with their line breaks, and "Print / PDF", which
 * downloads the exact PDF the signature applies to.
 *
 * An open proposal shows **Accept** and **Reject** to a login holding "Accept or reject
 * proposals" that is not an emulation by the dealer (otherwise a note says why they are
 * missing). Accept asks once per login for the consent to sign electronically (the text of
 * ESIGN_CONSENT_TEXT and a checkbox), then shows the statement the signer makes right above a
 * signature pad: the typed full name and a signature drawn with a mouse, pen or finger ("Clear"
 * starts again; a blank or too short signature is refused before anything is sent). "Sign and
 * accept" sends both; the accepted proposal then shows when it was signed and "Download signed
 * PDF". Reject asks for one or more reasons and a note (required for "Something else"), and a
 * confirmation. If the dealer changed the proposal meanwhile, it is loaded again with a message
 * to review it again. Used by <porchlight-proposals>, or on its own. Lives inside
 * <porchlight-portal>.
 *
 * A signature pad cannot be drawn on with a keyboard: the element says so and points the signer
 * to the dealer for another way to sign.
 *
 * @attr proposal-id - the proposal to show
 * @attr show-back - shows "Back to proposals" (fires `porchlight-proposal-back`)
 * @attr heading - the heading (default: the proposal's title)
 * @attr heading-level - the heading level (default 2)
 * @cssprop --porchlight-signature-ink-color - the ink of the signature (default #1c2430)
 * @cssprop --porchlight-signature-pad-background - the pad's paper (default white)
 * @cssprop --porchlight-signature-pad-height - the pad's height (default 11rem)
 * @csspart back-button - "Back to proposals"
 * @csspart card - the card around everything
 * @csspart title - the heading
 * @csspart toolbar - the "Print / PDF" button's row
 * @csspart button - buttons
 * @csspart details - number, status, total, expiry, salesperson
 * @csspart status - the status tag (also `status-open`, `status-accepted`, `status-rejected`, `status-expired`, `status-withdrawn`)
 * @csspart table - the lines (cards when narrow)
 * @csspart row - each line
 * @csspart totals - subtotal, tax and total
 * @csspart terms - the terms
 * @csspart decision - the decision section (buttons, steps, outcome)
 * @csspart consent-text - the consent to sign electronically
 * @csspart intent - the statement made by signing
 * @csspart signature-pad - the pad's frame around the canvas
 * @csspart outcome - the accepted or rejected outcome
 * @csspart field - the fields (text fields export field-base, label, hint, input, field-error)
 * @csspart checkbox - each checkbox with its label
 * @csspart error - the error region (role=alert)
 * @csspart notice - the status region (role=status)
 * @csspart state - the loading and load-error states
 * @csspart note - notes (why Accept and Reject are missing, signed out)
 * @csspart dialog - the confirmation to reject
 * @fires porchlight-proposal-decided - `{ proposal }` after it was accepted or rejected
 * @fires porchlight-proposal-back - `{ proposalId }` when "Back to proposals" is pressed
 */
export class PorchlightProposalSigner extends RecordView<PortalProposal | null, SignerDialog> {
  static override styles = proposalSignerStyles;
  static override grant = 'proposals' as const;
  static override properties = {
    proposalId: { attribute: 'proposal-id' },
    proposal: { state: true },
    step: { state: true },
    typedName: { state: true },
    drawn: { state: true },
    reasons: { state: true },
    note: { state: true },
  };

  /** The proposal to show. */
  declare proposalId: string;

  protected declare proposal: PortalProposal | null;
  protected declare step: SignerStep;
  protected declare typedName: string;
  /** What is on the pad now. */
  protected declare drawn: SignatureCounts;
  protected declare reasons: ProposalRejectReason[];
  protected declare note: string;

  private surface: SignatureSurface | null = null;

  constructor() {
    super();
    this.proposalId = '';
    this.proposal = null;
    this.step = 'view';
    this.typedName = '';
    this.drawn = EMPTY;
    this.reasons = [];
    this.note = '';
  }

  private get api(): ProposalsApi | null {
    return this.client ? proposalsApi(this.client) : null;
  }

  // ---- data ------------------------------------------------------------------------------

  protected override fetch(client: PorchlightClient): Promise<PortalProposal | null> {
    return this.proposalId ? proposalsApi(client).get(this.proposalId) : Promise.resolve(null);
  }

  protected override apply(data: PortalProposal | null): void {
    this.proposal = data;
    // No longer decidable (decided, expired, withdrawn, or the login changed): the steps close.
    if (!data || data.status !== 'open' || !data.canDecide) this.step = 'view';
  }

  protected override clear(): void {
    super.clear();
    this.proposal = null;
    this.resetDrafts();
  }

  private resetDrafts(): void {
    this.step = 'view';
    this.typedName = '';
    this.drawn = EMPTY;
    this.reasons = [];
    this.note = '';
  }

  protected override loadingText(): string {
    return 'Loading the proposal…';
  }

  protected override signedOutText(): string {
    return 'Log in to see this proposal.';
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The pad lives while its canvas does.
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas#signature');
    if (canvas && this.surface?.canvas !== canvas) {
      this.surface?.destroy();
      this.surface = new SignatureSurface(canvas, () => this.onDrawn());
      this.drawn = this.surface.counts;
    } else if (!canvas && this.surface) {
      this.surface.destroy();
      this.surface = null;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.surface?.destroy();
    this.surface = null;
  }

  // ---- the steps -------------------------------------------------------------------------

  private go(step: SignerStep, focus: string): void {
    this.clearMessages();
    this.step = step;
    void this.focusAfterUpdate(focus);
  }

  private onAccept = (): void => {
    const p = this.proposal;
    if (!p) return;
    this.go(p.consent.given ? 'sign' : 'consent', '#step-title');
  };

  private onReject = (): void => this.go('reject', '#step-title');

  private onCancelStep = (): void => {
    const from = this.step;
    this.go('view', from === 'reject' ? 'button.reject' : 'button.accept');
  };

  private onDrawn(): void {
    this.drawn = this.surface?.counts ?? EMPTY;
    if (this.errors.signature) {
      const { signature: _fixed, ...rest } = this.errors;
      this.errors = rest;
    }
  }

  private onClear = (): void => {
    this.surface?.clear();
    this.drawn = EMPTY;
  };

  protected override onFieldInput(event: Event): void {
    super.onFieldInput(event);
    const target = event.target as { name?: string; value?: string };
    if (target.name === 'typedName') this.typedName = String(target.value ?? '');
  }

  // ---- actions ---------------------------------------------------------------------------

  /**
   * Runs a decision call. Success: the proposal as answered, the event, focus on the outcome.
   * A proposal that changed, closed, or needs consent first (or a login that may no longer
   * decide) is loaded again and the server's reason shown on the page.
   */
  private async decide(key: string, call: (api: ProposalsApi, p: PortalProposal) => Promise<PortalProposal>, fields: Record<string, string>, success: (p: PortalProposal) => string): Promise<void> {
    const api = this.api;
    const p = this.proposal;
    if (!api || !p) return;
    let failure: unknown = null;
    const result = await this.act(
      key,
      async () => {
        try {
          return await call(api, p);
        } catch (error) {
          failure = error;
          throw error;
        }
      },
      {
        fields,
        reload: false,
        success,
        update: (answer) => {
          this.proposal = answer;
          this.resetDrafts();
        },
      },
    );
    if (result) {
      emitProposal(this, 'porchlight-proposal-decided', { proposal: result });
      void this.focusAfterUpdate('#decision-title');
      return;
    }
    if (!failure) return;
    const code = errorCode(failure) ?? '';
    // The errors show on the page, next to the form (not in the confirmation).
    this.dialog.close();
    if (!STALE.has(code)) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(Object.keys(this.errors).length ? this.firstErrorSelector() : '.region .alert-box')?.focus();
      return;
    }
    const message = errorMessage(failure);
    await this.reload(true);
    this.errors = {};
    const now = this.proposal;
    if (code === 'ESIGN_CONSENT_REQUIRED' && now?.status === 'open' && now.canDecide) {
      this.step = 'consent';
      this.alert = message;
    } else if (code === 'PROPOSAL_CHANGED') {
      this.step = 'view';
      this.surface?.clear();
      this.alert = `${message} The proposal below is the latest version.`;
    } else if (code === 'PROPOSAL_CLOSED') {
      this.alert = `This proposal is no longer open. ${message}`;
    } else {
      this.alert = message;
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.region .alert-box')?.focus();
  }

  private firstErrorSelector(): string {
    const first = Object.keys(this.errors)[0];
    if (first === 'signature') return 'canvas#signature';
    if (first === 'reasons') return 'input[name="reasons"]';
    if (first === 'agree') return 'input#agree';
    return `[name="${first}"]`;
  }

  /** Shows problems found before sending anything, focus on the first. */
  private refuse(errors: Record<string, string>): void {
    const names = Object.keys(errors);
    this.errors = errors;
    this.alert = names.length === 1 ? errors[names[0]!]! : 'Check the highlighted fields.';
    void this.focusAfterUpdate(this.firstErrorSelector());
  }

  private async onConsent(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const api = this.api;
    const p = this.proposal;
    if (!api || !p || this.busy) return;
    const agreed = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>('input#agree')?.checked;
    if (!agreed) {
      this.refuse({ agree: 'Tick "I agree to sign electronically" to continue, or choose Cancel.' });
      return;
    }
    let failure: unknown = null;
    const answer = await this.act(
      'consent',
      async () => {
        try {
          return await api.consent(p.id, { consentVersion: ESIGN_CONSENT_VERSION });
        } catch (error) {
          failure = error;
          throw error;
        }
      },
      {
        reload: false,
        close: false,
        update: (next) => {
          this.proposal = next;
          this.step = 'sign';
        },
      },
    );
    if (answer) {
      void this.focusAfterUpdate('#step-title');
    } else if (failure && STALE.has(errorCode(failure) ?? '')) {
      // Closed, or this login may no longer decide: show the proposal as it is now.
      const message = errorMessage(failure);
      await this.reload(true);
      this.alert = message;
    }
  }

  private async onSign(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const p = this.proposal;
    const surface = this.surface;
    if (!p || this.busy || !surface) return;
    const typedName = cleanName(this.typedName);
    const counts = surface.counts;
    const errors: Record<string, string> = {};
    if (typedName.length < 2 || !/\p{L}/u.test(typedName)) errors.typedName = 'Type your full name.';
    else if (typedName.length > SIGNER_NAME_MAX) errors.typedName = `Use at most ${SIGNER_NAME_MAX} characters.`;
    if (!counts.points) errors.signature = 'Draw your signature in the box.';
    else if (counts.points < SIGNATURE_MIN_POINTS || surface.extent < MIN_EXTENT) errors.signature = 'This is too short to be a signature. Draw your full signature in the box.';
    if (Object.keys(errors).length) {
      this.refuse(errors);
      return;
    }
    const input: AcceptProposalRequest = {
      documentSha256: p.document.sha256,
      typedName,
      signaturePng: surface.toPng(),
      strokes: counts.strokes,
      points: counts.points,
      consentVersion: ESIGN_CONSENT_VERSION,
      intentVersion: SIGN_INTENT_VERSION,
    };
    await this.decide('accept', (api, current) => api.accept(current.id, input), { typedName: 'typedName', signaturePng: 'signature' }, (answer) => `You accepted proposal ${answer.number}. Download the signed PDF to keep a copy.`);
  }

  private onRejectInput = (event: Event): void => {
    const target = event.target as HTMLInputElement | HTMLTextAreaElement;
    if (target.name === 'reasons') {
      const form = target.closest('form');
      const chosen = form ? [...form.querySelectorAll<HTMLInputElement>('input[name="reasons"]:checked')].map((i) => i.value as ProposalRejectReason) : [];
      this.reasons = PROPOSAL_REJECT_REASONS.filter((r) => chosen.includes(r));
      if (this.errors.reasons && chosen.length) this.dropError('reasons');
      if (this.errors.note && !chosen.includes('other')) this.dropError('note');
    } else if (target.name === 'note') {
      this.note = target.value;
      if (this.errors.note && target.value.trim()) this.dropError('note');
    }
  };

  private dropError(name: string): void {
    const { [name]: _fixed, ...rest } = this.errors;
    this.errors = rest;
  }

  private onRejectSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.busy) return;
    const errors: Record<string, string> = {};
    if (!this.reasons.length) errors.reasons = 'Choose at least one reason.';
    if (this.reasons.includes('other') && !this.note.trim()) errors.note = `Say what the other reason is (you chose "${PROPOSAL_REJECT_REASON_LABELS.other}").`;
    else if (this.note.trim().length > PROPOSAL_NOTE_MAX) errors.note = `Use at most ${PROPOSAL_NOTE_MAX} characters.`;
    if (Object.keys(errors).length) {
      this.refuse(errors);
      return;
    }
    this.clearMessages();
    this.dialog.open({ kind: 'reject' }, '[data-cancel]');
  }

  private confirmReject = async (): Promise<void> => {
    const note = this.note.trim();
    const reasons = [...this.reasons];
    await this.decide(
      'reject',
      (api, p) => api.reject(p.id, { reasons, ...(note ? { note } : {}), documentSha256: p.document.sha256 }),
      { reasons: 'reasons', note: 'note' },
      (answer) => `You rejected proposal ${answer.number}. ${answer.salesperson.name} will be told why.`,
    );
  };

  private async download(kind: 'document' | 'signed'): Promise<void> {
    const api = this.api;
    const p = this.proposal;
    if (!api || !p) return;
    let changed = false;
    await this.act(
      `download:${kind}`,
      async () => {
        const file = kind === 'document' ? await api.document(p.id) : await api.signed(p.id);
        saveBlob(file.blob, file.filename || (kind === 'document' ? p.document.filename : (p.signedDocument?.filename ?? 'proposal-signed.pdf')), this.renderRoot);
        changed = kind === 'document' && file.sha256 !== null && file.sha256 !== p.document.sha256;
        return file;
      },
      { reload: false, close: false, success: (file) => `Downloading ${file.filename}.` },
    );
    if (changed) {
      // The dealer changed it since it was shown: the PDF is the new version; show that one too.
      await this.reload(true);
      this.step = 'view';
      this.notice = { kind: 'info', text: 'This proposal changed since you opened it. The PDF and the page now show the latest version: review it again before you decide.' };
    }
  }

  protected readonly idProperty = 'proposalId';

  protected shownId(): string | undefined {
    return this.proposal?.id;
  }

  protected backLabel(): string {
    return 'Back to proposals';
  }

  protected back(): void {
    emitProposal(this, 'porchlight-proposal-back', { proposalId: this.proposalId });
  }

  // ---- rendering -------------------------------------------------------------------------

  protected override renderTitle(text: string): TemplateResult {
    return super.renderTitle(this.heading || this.proposal?.title || text || 'Proposal');
  }

  protected override renderLead(s: SessionResponse): unknown {
    const p = this.proposal;
    if (!p || this.phase !== 'ready') return nothing;
    return html`<p class="lead">Proposal <span class="number">${p.number}</span> from ${s.dealer.name}</p>`;
  }

  protected override renderToolbar(): unknown {
    const p = this.proposal;
    if (!p || this.phase !== 'ready') return nothing;
    const running = this.pending === 'download:document';
    return html`<button class="button inline secondary print" part="button" type="button" ?disabled=${this.busy} @click=${() => this.download('document')}>
      ${busyLabel(running, 'Print / PDF', 'Downloading…')}
    </button>`;
  }

  private expiryLabel(p: PortalProposal): string {
    return p.status === 'expired' ? 'Expired' : p.status === 'open' ? 'Open until' : 'Expiry';
  }

  private renderDetails(p: PortalProposal): TemplateResult {
    return html`<dl class="details" part="details">
      <div><dt>Number</dt><dd class="number">${p.number}${p.version > 1 ? html` <span class="muted">(version ${p.version})</span>` : nothing}</dd></div>
      <div><dt>Status</dt><dd>${statusTag(p.status)}</dd></div>
      <div><dt>Total</dt><dd class="num">${formatMoney(p.totalCents, p.currency)}</dd></div>
      <div><dt>${this.expiryLabel(p)}</dt><dd>${timeTag(p.expiresAt)}</dd></div>
      <div>
        <dt>Salesperson</dt>
        <dd>${p.salesperson.name}${p.salesperson.email ? html` · <a href="mailto:${p.salesperson.email}">${p.salesperson.email}</a>` : nothing}</dd>
      </div>
    </dl>`;
  }

  private renderLines(p: PortalProposal): TemplateResult {
    const money = (cents: number) => formatMoney(cents, p.currency);
    let row = 0;
    return html`${this.subheading('What is included', 'lines-title')}
      ${dataTable<ProposalLine & { key: string }>({
        caption: 'The lines of the proposal',
        items: p.lines.map((l) => ({ ...l, key: String(row++) })),
        key: (l) => l.key,
        className: 'lines',
        columns: [
          { label: 'Description', bare: true, className: 'description', cell: (l) => l.description },
          { label: 'Quantity', className: 'num', cell: (l) => formatQuantity(l.quantity) },
          { label: 'Unit price', className: 'num', cell: (l) => money(l.unitCents) },
          { label: 'Amount', className: 'num', cell: (l) => money(l.totalCents) },
        ],
      })}
      <dl class="totals" part="totals">
        <div><dt>Subtotal</dt><dd>${money(p.subtotalCents)}</dd></div>
        <div><dt>Tax</dt><dd>${money(p.taxCents)}</dd></div>
        <div class="grand"><dt>Total</dt><dd>${money(p.totalCents)}</dd></div>
      </dl>`;
  }

  private renderTerms(p: PortalProposal): unknown {
    if (!p.terms) return nothing;
    return html`${this.subheading('Terms', 'terms-title')}
      <div class="terms" part="terms">${p.terms}</div>`;
  }

  private renderOutcome(p: PortalProposal, s: SessionResponse): TemplateResult {
    const d = p.decision;
    if (p.status === 'accepted') {
      const running = this.pending === 'download:signed';
      return html`<div class="outcome outcome-accepted" part="outcome">
        <div class="outcome-title">${checkIcon}<span>Accepted</span></div>
        <p>
          ${d
            ? d.typedName && d.typedName !== d.by
              ? html`Signed as “${d.typedName}” by ${d.by} on ${timeTag(d.at)}.`
              : html`Signed by ${d.by} on ${timeTag(d.at)}.`
            : 'This proposal was accepted.'}
        </p>
        ${p.signedDocument
          ? html`<button class="button inline signed" part="button" type="button" ?disabled=${this.busy} @click=${() => this.download('signed')}>
              ${busyLabel(running, 'Download signed PDF', 'Downloading…')}
            </button>`
          : nothing}
      </div>`;
    }
    if (p.status === 'rejected') {
      return html`<div class="outcome outcome-rejected" part="outcome">
        <div class="outcome-title">${alertIcon}<span>Rejected</span></div>
        <p>${d ? html`Rejected by ${d.by} on ${timeTag(d.at)}.` : 'This proposal was rejected.'}</p>
        ${d?.reasons?.length ? html`<p>Reasons: ${d.reasons.map((r) => PROPOSAL_REJECT_REASON_LABELS[r] ?? r).join(', ')}.</p>` : nothing}
        ${d?.note ? html`<p class="note-text">Note: ${d.note}</p>` : nothing}
      </div>`;
    }
    const text =
      p.status === 'expired'
        ? html`This proposal expired on ${timeTag(p.expiresAt)}. It can no longer be accepted or rejected. Ask ${p.salesperson.name} for a new one.`
        : html`${s.dealer.name} withdrew this proposal. It can no longer be accepted or rejected.`;
    return html`<div class="alert-box info outcome-closed" part="outcome">${infoIcon}<p>${text}</p></div>`;
  }

  private renderDecision(p: PortalProposal, s: SessionResponse): TemplateResult {
    return html`<section class="decision" part="decision" aria-labelledby="decision-title">
      <div class="subheading" id="decision-title" role="heading" aria-level=${Math.min(6, this.level + 1)} tabindex="-1">
        ${p.status === 'open' ? 'Your decision' : 'Decision'}
      </div>
      ${p.status === 'open' ? this.renderOpen(p, s) : this.renderOutcome(p, s)}
    </section>`;
  }

  private renderOpen(p: PortalProposal, s: SessionResponse): unknown {
    const why = cannotDecideText(s);
    if (why || !p.canDecide) {
      return html`<p class="note permission-note" part="note">${why ?? 'This proposal cannot be accepted or rejected right now.'}</p>`;
    }
    if (p.consent.version !== ESIGN_CONSENT_VERSION || p.intentVersion !== SIGN_INTENT_VERSION) {
      return html`<p class="note permission-note" part="note">The signing texts of this page are out of date. Reload the page to accept or reject this proposal.</p>`;
    }
    if (this.step === 'consent') return this.renderConsent();
    if (this.step === 'sign') return this.renderSign(s);
    if (this.step === 'reject') return this.renderReject(p);
    return html`<p class="quiet">Read the proposal, then accept it by signing, or reject it and tell us why. It is open until ${timeTag(p.expiresAt)}.</p>
      <div class="decide-buttons">
        <button class="button inline accept" part="button" type="button" @click=${this.onAccept}>Accept</button>
        <button class="button inline secondary reject" part="button" type="button" @click=${this.onReject}>Reject</button>
      </div>`;
  }

  private stepTitle(text: string): TemplateResult {
    return html`<div class="step-title" id="step-title" role="heading" aria-level=${Math.min(6, this.level + 2)} tabindex="-1">${text}</div>`;
  }

  private fieldError(name: string): unknown {
    const error = this.errors[name];
    return error ? html`<div class="field-error" id="${name}-error">${alertIcon}<span>${error}</span></div>` : nothing;
  }

  private stepActions(label: string, busyText: string, o: { danger?: boolean } = {}): TemplateResult {
    return html`<div class="form-actions">
      <button class="button inline ${o.danger ? 'danger' : ''} submit" part="button" type="submit" ?disabled=${this.busy}>${busyLabel(this.busy, label, busyText)}</button>
      <button class="button inline secondary" part="button" type="button" ?disabled=${this.busy} @click=${this.onCancelStep}>Cancel</button>
    </div>`;
  }

  private renderConsent(): TemplateResult {
    const error = this.errors.agree;
    return html`<form class="stack step" part="form" novalidate aria-labelledby="step-title" aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.onConsent}>
      ${this.stepTitle('Agree to sign electronically')}
      <p class="note">Before your first electronic signature, read this and agree to it. We ask you once.</p>
      <div class="consent-text" part="consent-text" id="consent-text" tabindex="0" role="region" aria-label="Consent to electronic records and signatures">${ESIGN_CONSENT_TEXT}</div>
      <div class="check" part="checkbox">
        <input type="checkbox" id="agree" name="agree" aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? 'agree-error' : nothing} @change=${() => error && this.dropError('agree')} />
        <label for="agree">I agree to sign electronically</label>
      </div>
      ${this.fieldError('agree')} ${this.stepActions('Continue', 'Saving…')}
    </form>`;
  }

  private padLabel(): string {
    const { strokes } = this.drawn;
    return strokes ? `Signature pad: signature drawn (${strokes} ${strokes === 1 ? 'stroke' : 'strokes'})` : 'Signature pad: empty';
  }

  private renderSign(s: SessionResponse): TemplateResult {
    const error = this.errors.signature;
    const described = ['signature-help', 'intent', 'signature-alt', error ? 'signature-error' : ''].filter(Boolean).join(' ');
    return html`<form class="stack step" part="form" novalidate aria-labelledby="step-title" aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.onSign} @input=${this.onFieldInput}>
      ${this.stepTitle('Sign to accept')}
      ${this.input('typedName', 'Your full name', { value: this.typedName, autocomplete: 'name', maxlength: SIGNER_NAME_MAX, required: true, hint: 'Type your name as you would write it.' })}
      <div class="signature" role="group" aria-labelledby="signature-label">
        <div class="signature-label" id="signature-label">Your signature</div>
        <p class="hint" id="signature-help">Draw your signature in the box with a mouse, a pen or your finger.</p>
        <p class="intent" part="intent" id="intent">${SIGN_INTENT_TEXT}</p>
        <div class="pad ${error ? 'invalid' : ''}" part="signature-pad">
          <canvas id="signature" role="img" tabindex="-1" aria-label=${this.padLabel()} aria-describedby=${described}></canvas>
          <span class="pad-line" aria-hidden="true"></span>
        </div>
        ${this.fieldError('signature')}
        <div class="pad-actions">
          <button class="button small secondary inline clear" part="button" type="button" ?disabled=${this.busy} @click=${this.onClear}>Clear<span class="sr-only"> the signature</span></button>
        </div>
        <p class="note" id="signature-alt">
          A signature cannot be drawn with a keyboard or a screen reader. If you cannot draw it, contact ${s.dealer.name} and they will help you sign another way.
        </p>
      </div>
      ${this.stepActions('Sign and accept', 'Signing…')}
    </form>`;
  }

  private renderReject(p: PortalProposal): TemplateResult {
    const reasonsError = this.errors.reasons;
    const other = this.reasons.includes('other');
    return html`<form class="stack step" part="form" novalidate aria-labelledby="step-title" aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.onRejectSubmit} @change=${this.onRejectInput} @input=${this.onRejectInput}>
      ${this.stepTitle('Reject this proposal')}
      <fieldset aria-describedby=${reasonsError ? 'reasons-error' : nothing}>
        <legend>Why are you rejecting it? Choose all that apply.</legend>
        <div class="checks">${PROPOSAL_REJECT_REASONS.map((r) => this.checkbox('reasons', PROPOSAL_REJECT_REASON_LABELS[r], { value: r, checked: this.reasons.includes(r), id: `reason-${r}` }))}</div>
        ${this.fieldError('reasons')}
      </fieldset>
      ${this.textArea('note', other ? 'Tell us more' : 'Tell us more (optional)', {
        value: this.note,
        maxlength: PROPOSAL_NOTE_MAX,
        hint: `Required when you choose "${PROPOSAL_REJECT_REASON_LABELS.other}". ${p.salesperson.name} will read it.`,
      })}
      ${this.stepActions('Reject proposal', 'Rejecting…', { danger: true })}
    </form>`;
  }

  protected override renderDialog(state: SignerDialog) {
    const p = this.proposal;
    if (state.kind !== 'reject' || !p) return null;
    const labels = this.reasons.map((r) => PROPOSAL_REJECT_REASON_LABELS[r].toLowerCase()).join(', ');
    return {
      title: `Reject proposal ${p.number}?`,
      kind: 'confirm' as const,
      content: html`<div class="stack">
        <p>We will tell ${p.salesperson.name} that you rejected it, and why: ${labels}. You cannot accept this proposal afterwards.</p>
        ${this.dialogActions('Reject proposal', 'Rejecting…', { danger: true, type: 'button', onClick: () => void this.confirmReject() })}
      </div>`,
    };
  }

  protected override renderReady(s: SessionResponse): unknown {
    const p = this.proposal;
    if (!p) return html`<p class="empty" part="empty">No proposal to show.</p>`;
    return html`${this.renderDetails(p)} ${this.renderLines(p)} ${this.renderTerms(p)} ${this.renderDecision(p, s)}`;
  }
}
