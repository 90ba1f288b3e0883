import * as v from 'valibot';
import {
  ESIGN_CONSENT_TEXT,
  ESIGN_CONSENT_VERSION,
  newId,
  PorchlightError,
  PROPOSAL_REJECT_REASON_LABELS,
  SIGN_INTENT_TEXT,
  SIGN_INTENT_VERSION,
  StoreConflictError,
  formatMinorUnits,
  type AcceptProposalRequest,
  type Actor,
  type AdminProposal,
  type AdminProposalPage,
  type MailAttachment,
  type PortalProposal,
  type PortalProposalPage,
  type PortalProposalSummary,
  type Proposal,
  type ProposalDecision,
  type ProposalEvent,
  type ProposalEvidence,
  type ProposalStatus,
  type RejectProposalRequest,
  type SyncProposalRequest,
  type SyncProposalResponse,
  type Versioned,
  type WithdrawProposalRequest,
} from '@porchlight/core';
import type { Deps, PortalAuth } from '../../context.js';
import type { Dealer } from '../../options.js';
import { audit } from '../../audit/audit.js';
import { keys } from '../../store/keys.js';
import { claimNumber, updateRecord } from '../../store/update.js';
import type { PdfFile } from '../../http/file.js';
import type { AccountRecord } from '../accounts/records.js';
import { userPermissions } from '../accounts/records.js';
import { mailDealer } from '../auth/service.js';
import { appendEvent, canonicalJson, readChain, sha256Hex, textSha256, verifyChain, type ChainCheck, type ChainRef, type NewEvent } from './evidence.js';
import { canEmbedPng, checkSuppliedPdf, renderProposalPdf, renderSignedPdf } from './pdf.js';
import { blankReason, measureInk, SignatureImageError } from './signature.js';

export type SyncInput = v.InferOutput<typeof SyncProposalRequest>;
export type AcceptInput = v.InferOutput<typeof AcceptProposalRequest>;
export type RejectInput = v.InferOutput<typeof RejectProposalRequest>;
export type WithdrawInput = v.InferOutput<typeof WithdrawProposalRequest>;

/** Who acts in the back office, for which dealer, from where. */
export interface AdminScope {
  dealer: Dealer;
  actor: Actor;
  clientAddress?: string | undefined;
  userAgent?: string | undefined;
}

/** Where a portal request came from (recorded with every event). */
export interface RequestMeta {
  clientAddress: string | undefined;
  userAgent: string | undefined;
}

/** A login's consent to electronic records and signatures (one per consent version). */
interface ConsentRecord {
  userId: string;
  version: string;
  textSha256: string;
  at: string;
  clientAddress: string | null;
  userAgent: string | null;
  /** The proposal it was given on. */
  proposalId: string;
}

/** The longest user agent kept. */
const USER_AGENT_MAX = 512;

const notFound = () => new PorchlightError('NOT_FOUND', 'No such proposal.');
const iso = (ms: number) => new Date(ms).toISOString();
const ref = (p: Pick<Proposal, 'dealerId' | 'accountId' | 'id'>): ChainRef => ({ dealerId: p.dealerId, accountId: p.accountId, proposalId: p.id });

/** A user agent fit to keep: no control characters, at most USER_AGENT_MAX characters. */
export function cleanUserAgent(ua: string | undefined): string | null {
  const clean = (ua ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, USER_AGENT_MAX);
  return clean || null;
}

/** What the proposal is now: its state, or `expired` once an open one is past its expiry (server clock). */
export function statusOf(p: Proposal, now: number): ProposalStatus {
  if (p.state !== 'open') return p.state;
  return Date.parse(p.expiresAt) <= now ? 'expired' : 'open';
}

function toAdmin(p: Proposal, now: number): AdminProposal {
  return { ...p, status: statusOf(p, now) };
}

const documentName = (p: Pick<Proposal, 'number' | 'version'>) => `proposal-${p.number}-v${p.version}.pdf`;
const signedName = (p: Pick<Proposal, 'number' | 'version'>) => `proposal-${p.number}-v${p.version}-signed.pdf`;

/** Why a proposal in this status cannot be decided, in words the client can act on. */
function closedError(p: Proposal, status: ProposalStatus): PorchlightError {
  const when = p.decision ? ` on ${p.decision.at}` : '';
  const message: Record<ProposalStatus, string> = {
    open: '',
    accepted: `This proposal was already accepted${when}. It cannot be signed or rejected again.`,
    rejected: `This proposal was rejected${when}. Ask your salesperson for a new one.`,
    expired: `This proposal expired on ${p.expiresAt}. Ask your salesperson for a new one.`,
    withdrawn: 'This proposal was withdrawn by the company that sent it.',
  };
  return new PorchlightError('PROPOSAL_CLOSED', message[status]);
}

// ---- back office: sync, read, withdraw, evidence -----------------------------------------

/**
 * Creates or changes the proposal with the dealer's `number` in `account` (checked by the
 * caller). The same content again changes nothing (no new version, no event); other content
 * makes a new version with a new document, unless the proposal was already accepted or
 * rejected (PROPOSAL_CLOSED). A withdrawn proposal that changes is open again.
 */
export async function syncProposal(deps: Deps, scope: AdminScope, account: AccountRecord, number: string, input: SyncInput): Promise<SyncProposalResponse> {
  const dealerId = scope.dealer.id;
  const supplied = input.pdfBase64 ?? null;
  if (supplied) await checkSuppliedPdf(supplied);
  const content = {
    title: input.title,
    lines: input.lines,
    subtotalCents: input.subtotalCents,
    taxCents: input.taxCents,
    totalCents: input.totalCents,
    currency: input.currency,
    terms: input.terms,
    expiresAt: input.expiresAt,
    salesperson: input.salesperson,
  };
  const contentHash = textSha256(canonicalJson({ ...content, pdfSha256: supplied ? sha256Hex(supplied) : null }));

  // Claim the number for a new id, or learn the id that has it.
  const id = await claimNumber(deps.store, keys.proposalNumber(dealerId, account.id, number), number, newId(deps.now()));

  const recordKey = keys.proposal(dealerId, account.id, id);
  for (let attempt = 0; attempt < 5; attempt++) {
    const now = deps.now();
    const current = await deps.store.get<Proposal>(recordKey);
    const before = current?.value;
    if (before && before.contentHash === contentHash) return { proposal: toAdmin(before, now), created: false, changed: false };
    if (before && (before.state === 'accepted' || before.state === 'rejected')) {
      throw new PorchlightError(
        'PROPOSAL_CLOSED',
        `Proposal ${before.number} was ${before.state} on ${before.decision?.at ?? 'an earlier date'} and can no longer be changed. Send the changes as a new proposal with another number.`,
      );
    }
    if (Date.parse(input.expiresAt) <= now) {
      throw new PorchlightError('VALIDATION_FAILED', 'The proposal would expire before the client sees it.', { fields: { expiresAt: 'Choose a moment in the future.' } });
    }
    const at = iso(now);
    const version = before ? before.version + 1 : 1;
    const shown = { id, number: before?.number ?? number, version, ...content, updatedAt: at };
    const bytes = supplied ?? (await renderProposalPdf(shown, { dealerName: scope.dealer.name, branding: scope.dealer.branding, accountName: account.name }));
    const sha256 = sha256Hex(bytes);
    // Bytes first (by their hash, so two writers never clobber each other): a record never points at missing bytes.
    await deps.store.putBytes(keys.proposalDocument(dealerId, account.id, id, sha256), bytes);
    const record: Proposal = {
      ...shown,
      dealerId,
      accountId: account.id,
      document: { source: supplied ? 'supplied' : 'rendered', sha256, size: bytes.length, filename: documentName(shown) },
      contentHash,
      state: 'open',
      createdAt: before?.createdAt ?? at,
      createdBy: before?.createdBy ?? scope.actor,
      updatedBy: scope.actor,
      decision: null,
      signedDocument: null,
      withdrawn: null,
    };
    try {
      await deps.store.put(recordKey, record, { ifVersion: current ? current.version : null });
    } catch (error) {
      if (error instanceof StoreConflictError) continue;
      throw error;
    }
    await appendEvent(deps, ref(record), () => ({
      type: 'issued',
      version,
      documentSha256: sha256,
      actor: scope.actor,
      clientAddress: scope.clientAddress ?? null,
      userAgent: cleanUserAgent(scope.userAgent),
      data: { number: record.number, contentHash, documentSource: record.document.source, documentSize: bytes.length, title: record.title, totalCents: record.totalCents, currency: record.currency, expiresAt: record.expiresAt },
    }));
    await audit(deps, {
      dealerId,
      accountId: account.id,
      action: 'proposal.synced',
      actor: scope.actor,
      summary: `${scope.actor.name} ${before ? `changed proposal ${record.number} to version ${version}` : `sent proposal ${record.number}`}: "${record.title}", ${formatMinorUnits(record.totalCents, record.currency)}`,
      target: { type: 'proposal', id },
      details: { number: record.number, version, documentSha256: sha256, contentHash, reopened: before?.state === 'withdrawn' },
      clientAddress: scope.clientAddress,
    });
    return { proposal: toAdmin(record, now), created: !before, changed: true };
  }
  throw new PorchlightError('CONFLICT');
}

async function findByNumber(deps: Deps, dealerId: string, accountId: string, number: string): Promise<Versioned<Proposal>> {
  const index = await deps.store.get<{ id: string }>(keys.proposalNumber(dealerId, accountId, number));
  if (!index) throw notFound();
  const found = await deps.store.get<Proposal>(keys.proposal(dealerId, accountId, index.value.id));
  if (!found) throw notFound();
  return found;
}

export async function getAdminProposal(deps: Deps, dealerId: string, accountId: string, number: string): Promise<AdminProposal> {
  return toAdmin((await findByNumber(deps, dealerId, accountId, number)).value, deps.now());
}

export async function listAdminProposals(deps: Deps, dealerId: string, accountId: string, page: { limit?: number | undefined; cursor?: string | undefined }): Promise<AdminProposalPage> {
  const result = await deps.store.list<Proposal>(keys.proposals(dealerId, accountId), { limit: page.limit ?? 50, cursor: page.cursor ?? null, reverse: true });
  const now = deps.now();
  return { items: result.items.map((i) => toAdmin(i.value, now)), cursor: result.cursor };
}

async function documentBytes(deps: Deps, p: Proposal): Promise<Uint8Array> {
  const bytes = await deps.store.getBytes(keys.proposalDocument(p.dealerId, p.accountId, p.id, p.document.sha256));
  if (!bytes) throw new PorchlightError('NOT_FOUND', "The proposal's document is missing.");
  return bytes;
}

async function signedBytes(deps: Deps, p: Proposal): Promise<Uint8Array> {
  const bytes = p.state === 'accepted' && p.signedDocument ? await deps.store.getBytes(keys.proposalSigned(p.dealerId, p.accountId, p.id)) : null;
  if (!bytes) throw new PorchlightError('NOT_FOUND', 'This proposal has no signed PDF: it has not been accepted.');
  return bytes;
}

export type { PdfFile } from '../../http/file.js';

export async function adminDocument(deps: Deps, dealerId: string, accountId: string, number: string): Promise<PdfFile> {
  const { value: p } = await findByNumber(deps, dealerId, accountId, number);
  return { bytes: await documentBytes(deps, p), filename: p.document.filename, sha256: p.document.sha256 };
}

export async function adminSigned(deps: Deps, dealerId: string, accountId: string, number: string): Promise<PdfFile> {
  const { value: p } = await findByNumber(deps, dealerId, accountId, number);
  const bytes = await signedBytes(deps, p);
  return { bytes, filename: p.signedDocument!.filename, sha256: p.signedDocument!.sha256 };
}

/** Takes an open proposal out of the client's hands (idempotent for one already withdrawn). */
export async function withdrawProposal(deps: Deps, scope: AdminScope, accountId: string, number: string, input: WithdrawInput): Promise<AdminProposal> {
  const found = await findByNumber(deps, scope.dealer.id, accountId, number);
  if (found.value.state === 'withdrawn') return toAdmin(found.value, deps.now());
  const reason = input.reason || null;
  const { after } = await updateRecord<Proposal>(
    deps.store,
    keys.proposal(scope.dealer.id, accountId, found.value.id),
    (p) => {
      if (p.state !== 'open') throw closedError(p, statusOf(p, deps.now()));
      return { ...p, state: 'withdrawn', withdrawn: { at: iso(deps.now()), by: scope.actor, reason } };
    },
    notFound,
  );
  await appendEvent(deps, ref(after), () => ({
    type: 'withdrawn',
    version: after.version,
    documentSha256: after.document.sha256,
    actor: scope.actor,
    clientAddress: scope.clientAddress ?? null,
    userAgent: cleanUserAgent(scope.userAgent),
    data: { reason },
  }));
  await audit(deps, {
    dealerId: scope.dealer.id,
    accountId,
    action: 'proposal.withdrawn',
    actor: scope.actor,
    summary: `${scope.actor.name} withdrew proposal ${after.number} "${after.title}"${reason ? `: ${reason}` : ''}`,
    target: { type: 'proposal', id: after.id },
    details: { number: after.number, version: after.version, reason },
    clientAddress: scope.clientAddress,
  });
  return toAdmin(after, deps.now());
}

/**
 * The evidence of a proposal: its events, and a verification that recomputes the chain and
 * checks the record, the stored files and the chain against each other.
 */
export async function proposalEvidence(deps: Deps, dealerId: string, accountId: string, number: string): Promise<ProposalEvidence> {
  const { value: p } = await findByNumber(deps, dealerId, accountId, number);
  const events = await readChain(deps, ref(p));
  const checks: ChainCheck[] = verifyChain(events, ref(p));
  const check = (name: string, ok: boolean, good: string, bad: string) => checks.push({ name, ok, detail: ok ? good : bad });

  const doc = await deps.store.getBytes(keys.proposalDocument(p.dealerId, p.accountId, p.id, p.document.sha256));
  check('document', Boolean(doc) && sha256Hex(doc!) === p.document.sha256, `The stored PDF of version ${p.version} hashes to ${p.document.sha256}.`, `The stored PDF of version ${p.version} is missing or does not hash to ${p.document.sha256}.`);
  const issued = events.find((e) => e.type === 'issued' && e.version === p.version);
  check('issued', Boolean(issued) && issued!.documentSha256 === p.document.sha256, `Version ${p.version} was issued in event ${issued?.seq} with this document.`, `No issued event records version ${p.version} with this document.`);

  const decisions = events.filter((e) => e.type === 'signed' || e.type === 'rejected');
  check('one decision', decisions.length <= 1 && (p.decision ? decisions.length === 1 : decisions.length === 0), decisions.length ? 'Exactly one decision event, matching the record.' : 'No decision yet.', `${decisions.length} decision events for a proposal that is ${p.state}.`);

  const d = p.decision;
  if (d) {
    const event = events.find((e) => e.hash === d.eventHash);
    const kind = d.decision === 'accepted' ? 'signed' : 'rejected';
    const matches =
      Boolean(event) &&
      event!.type === kind &&
      event!.documentSha256 === d.documentSha256 &&
      event!.version === d.version &&
      event!.actor.userId === d.userId &&
      (kind === 'rejected' || (event!.data.typedName === d.typedName && event!.data.signatureSha256 === d.signatureSha256));
    check('decision', matches, `The ${d.decision} decision matches event ${event?.seq}.`, `The record's ${d.decision} decision has no matching event in the chain.`);
    if (d.decision === 'accepted' && event) {
      const before = events.filter((e) => e.seq < event.seq && e.actor.userId === d.userId && e.actor.kind === 'user');
      check('viewed before signing', before.some((e) => e.type === 'viewed' && e.documentSha256 === d.documentSha256), 'The signer viewed this document before signing.', 'No view of this document by the signer before the signature.');
      check('consented before signing', before.some((e) => e.type === 'consented' && e.data.consentVersion === d.consentVersion), 'The signer consented to electronic signatures before signing.', 'No consent by the signer before the signature.');
      const signature = d.signatureSha256 ? await deps.store.getBytes(keys.proposalSignature(p.dealerId, p.accountId, p.id, d.signatureSha256)) : null;
      check('signature image', Boolean(signature) && sha256Hex(signature!) === d.signatureSha256, `The stored signature image hashes to ${d.signatureSha256}.`, 'The stored signature image is missing or does not match its hash.');
      const signed = p.signedDocument ? await deps.store.getBytes(keys.proposalSigned(p.dealerId, p.accountId, p.id)) : null;
      check('signed PDF', Boolean(signed) && sha256Hex(signed!) === p.signedDocument?.sha256, `The stored signed PDF hashes to ${p.signedDocument?.sha256}.`, 'The signed PDF is missing or does not match its hash.');
    }
  }
  return {
    proposal: toAdmin(p, deps.now()),
    events,
    verification: { valid: checks.every((c) => c.ok), eventCount: events.length, headHash: events.at(-1)?.hash ?? null, checks },
    consentText: ESIGN_CONSENT_TEXT,
    intentText: SIGN_INTENT_TEXT,
  };
}

// ---- portal -----------------------------------------------------------------------------

async function findForPortal(deps: Deps, dealerId: string, auth: PortalAuth, proposalId: string): Promise<Versioned<Proposal>> {
  const found = await deps.store.get<Proposal>(keys.proposal(dealerId, auth.account.id, proposalId));
  if (!found) throw notFound();
  return found;
}

async function consentOf(deps: Deps, dealerId: string, auth: PortalAuth): Promise<ConsentRecord | null> {
  return (await deps.store.get<ConsentRecord>(keys.esignConsent(dealerId, auth.account.id, auth.user.id, ESIGN_CONSENT_VERSION)))?.value ?? null;
}

const mayDecide = (auth: PortalAuth) => !auth.session.emulation && userPermissions(auth.user, auth.account).includes('proposals.decide');

function toSummary(p: Proposal, now: number): PortalProposalSummary {
  return {
    id: p.id,
    number: p.number,
    version: p.version,
    title: p.title,
    totalCents: p.totalCents,
    currency: p.currency,
    expiresAt: p.expiresAt,
    status: statusOf(p, now),
    updatedAt: p.updatedAt,
    decidedAt: p.decision?.at ?? null,
  };
}

function toPortal(p: Proposal, now: number, auth: PortalAuth, consent: ConsentRecord | null): PortalProposal {
  const status = statusOf(p, now);
  const d = p.decision;
  return {
    ...toSummary(p, now),
    lines: p.lines,
    subtotalCents: p.subtotalCents,
    taxCents: p.taxCents,
    terms: p.terms,
    salesperson: p.salesperson,
    document: p.document,
    signedDocument: p.state === 'accepted' ? p.signedDocument : null,
    decision: d ? { decision: d.decision, at: d.at, by: d.userName, typedName: d.typedName, reasons: d.reasons, note: d.note } : null,
    consent: { version: ESIGN_CONSENT_VERSION, given: Boolean(consent), givenAt: consent?.at ?? null },
    intentVersion: SIGN_INTENT_VERSION,
    canDecide: status === 'open' && mayDecide(auth),
  };
}

export async function listPortalProposals(deps: Deps, dealerId: string, auth: PortalAuth, page: { limit?: number | undefined; cursor?: string | undefined }): Promise<PortalProposalPage> {
  const result = await deps.store.list<Proposal>(keys.proposals(dealerId, auth.account.id), { limit: page.limit ?? 50, cursor: page.cursor ?? null, reverse: true });
  const now = deps.now();
  return { items: result.items.map((i) => toSummary(i.value, now)), cursor: result.cursor };
}

/** Records that this login (or an admin emulating it) was shown this version, once per way of viewing it. */
async function recordView(deps: Deps, p: Proposal, auth: PortalAuth, req: RequestMeta, via: 'proposal' | 'document'): Promise<void> {
  await appendEvent(deps, ref(p), (chain) =>
    chain.some((e) => e.type === 'viewed' && e.actor.userId === auth.user.id && e.actor.kind === auth.actor.kind && e.documentSha256 === p.document.sha256 && e.data.via === via)
      ? null
      : { type: 'viewed', version: p.version, documentSha256: p.document.sha256, actor: auth.actor, clientAddress: req.clientAddress ?? null, userAgent: cleanUserAgent(req.userAgent), data: { via } },
  );
}

/** One proposal for the portal; records a "viewed" event for the document it points at. */
export async function getPortalProposal(deps: Deps, dealerId: string, auth: PortalAuth, proposalId: string, req: RequestMeta): Promise<PortalProposal> {
  const { value: p } = await findForPortal(deps, dealerId, auth, proposalId);
  await recordView(deps, p, auth, req, 'proposal');
  return toPortal(p, deps.now(), auth, await consentOf(deps, dealerId, auth));
}

/** The proposal's PDF: the exact bytes whose SHA-256 is `document.sha256`. Records a view. */
export async function portalDocument(deps: Deps, dealerId: string, auth: PortalAuth, proposalId: string, req: RequestMeta): Promise<PdfFile> {
  const { value: p } = await findForPortal(deps, dealerId, auth, proposalId);
  const bytes = await documentBytes(deps, p);
  await recordView(deps, p, auth, req, 'document');
  return { bytes, filename: p.document.filename, sha256: p.document.sha256 };
}

export async function portalSigned(deps: Deps, dealerId: string, auth: PortalAuth, proposalId: string): Promise<PdfFile> {
  const { value: p } = await findForPortal(deps, dealerId, auth, proposalId);
  const bytes = await signedBytes(deps, p);
  return { bytes, filename: p.signedDocument!.filename, sha256: p.signedDocument!.sha256 };
}

/** Puts a "consented" event in this proposal's chain for this login, unless one for this version is there. */
async function consentEvent(deps: Deps, p: Proposal, auth: PortalAuth, consent: ConsentRecord, req: RequestMeta): Promise<void> {
  await appendEvent(deps, ref(p), (chain) =>
    chain.some((e) => e.type === 'consented' && e.actor.userId === auth.user.id && e.data.consentVersion === consent.version)
      ? null
      : {
          type: 'consented',
          version: p.version,
          documentSha256: p.document.sha256,
          actor: auth.actor,
          clientAddress: req.clientAddress ?? null,
          userAgent: cleanUserAgent(req.userAgent),
          data: { consentVersion: consent.version, consentTextSha256: consent.textSha256, consentedAt: consent.at, givenOnProposal: consent.proposalId },
        },
  );
}

/**
 * The login agrees to electronic records and signatures (ESIGN_CONSENT_TEXT, this version):
 * recorded once per login and version, and as an event in this proposal's chain.
 */
export async function giveConsent(deps: Deps, dealerId: string, auth: PortalAuth, proposalId: string, req: RequestMeta): Promise<PortalProposal> {
  const { value: p } = await findForPortal(deps, dealerId, auth, proposalId);
  const key = keys.esignConsent(dealerId, auth.account.id, auth.user.id, ESIGN_CONSENT_VERSION);
  let consent = (await deps.store.get<ConsentRecord>(key))?.value ?? null;
  let fresh = false;
  if (!consent) {
    const record: ConsentRecord = {
      userId: auth.user.id,
      version: ESIGN_CONSENT_VERSION,
      textSha256: textSha256(ESIGN_CONSENT_TEXT),
      at: iso(deps.now()),
      clientAddress: req.clientAddress ?? null,
      userAgent: cleanUserAgent(req.userAgent),
      proposalId: p.id,
    };
    try {
      await deps.store.put(key, record, { ifVersion: null });
      consent = record;
      fresh = true;
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
      consent = (await deps.store.get<ConsentRecord>(key))!.value;
    }
  }
  await consentEvent(deps, p, auth, consent, req);
  if (fresh) {
    await audit(deps, {
      dealerId,
      accountId: auth.account.id,
      action: 'proposal.consented',
      actor: auth.actor,
      summary: `${auth.actor.name} agreed to sign electronically (${ESIGN_CONSENT_VERSION})`,
      target: { type: 'proposal', id: p.id },
      details: { consentVersion: ESIGN_CONSENT_VERSION, proposal: p.number },
      clientAddress: req.clientAddress,
    });
  }
  return toPortal(p, deps.now(), auth, consent);
}

/** The checks every decision makes on the record as it is at the moment of writing. */
function assertDecidable(p: Proposal, now: number, documentSha256: string | undefined): void {
  const status = statusOf(p, now);
  if (status !== 'open') throw closedError(p, status);
  if (documentSha256 !== undefined && documentSha256 !== p.document.sha256) {
    throw new PorchlightError('PROPOSAL_CHANGED', `This proposal changed after you opened it: it is now version ${p.version}. Review it again before you decide.`, {
      fields: { documentSha256: 'The proposal changed since you opened it. Reload it and review it again.' },
    });
  }
}

/**
 * Accepts the proposal with a typed name and a drawn signature. Every rule is checked again at
 * the compare-and-set that records the decision, so two acceptances at once (or an acceptance
 * racing a change by sync) end with exactly one outcome. Then the "signed" event, the signed
 * PDF (document + certificate), the audit entry and the emails.
 */
export async function acceptProposal(
  deps: Deps,
  dealer: Dealer,
  auth: PortalAuth,
  proposalId: string,
  input: AcceptInput,
  req: RequestMeta,
  background: (p: Promise<unknown>) => void,
): Promise<PortalProposal> {
  const { value: first } = await findForPortal(deps, dealer.id, auth, proposalId);
  assertDecidable(first, deps.now(), input.documentSha256);

  const consent = await consentOf(deps, dealer.id, auth);
  if (!consent) throw new PorchlightError('ESIGN_CONSENT_REQUIRED', 'Agree to use electronic records and signatures first (POST …/consent), then sign.');

  const chain = await readChain(deps, ref(first));
  const viewed = [...chain].reverse().find((e) => e.type === 'viewed' && e.actor.kind === 'user' && e.actor.userId === auth.user.id && e.documentSha256 === first.document.sha256);
  if (!viewed) {
    throw new PorchlightError('PROPOSAL_CHANGED', 'Open the proposal and review it before you sign.', { fields: { documentSha256: 'Open this version of the proposal before you sign it.' } });
  }

  // The signature: a PNG with ink on it, that the certificate can hold.
  const png = input.signaturePng;
  let problem: string | null;
  try {
    problem = blankReason(await measureInk(png));
  } catch (error) {
    if (!(error instanceof SignatureImageError)) throw error;
    problem = error.message;
  }
  if (!problem && !(await canEmbedPng(png))) problem = 'The signature image cannot be read. Draw it again.';
  if (problem) throw new PorchlightError('VALIDATION_FAILED', problem, { fields: { signaturePng: problem } });
  const signatureSha256 = sha256Hex(png);
  await deps.store.putBytes(keys.proposalSignature(dealer.id, auth.account.id, first.id, signatureSha256), png);

  await consentEvent(deps, first, auth, consent, req);

  const at = iso(deps.now());
  const clientAddress = req.clientAddress ?? null;
  const userAgent = cleanUserAgent(req.userAgent);
  const decision: ProposalDecision = {
    decision: 'accepted',
    at,
    userId: auth.user.id,
    userName: auth.user.name,
    typedName: input.typedName,
    signatureSha256,
    reasons: null,
    note: null,
    version: first.version,
    documentSha256: first.document.sha256,
    consentVersion: consent.version,
    consentedAt: consent.at,
    intentVersion: SIGN_INTENT_VERSION,
    clientAddress,
    userAgent,
    eventHash: null,
  };
  // The moment of decision: compare-and-set on the record, every rule checked again.
  const { after: accepted } = await updateRecord<Proposal>(
    deps.store,
    keys.proposal(dealer.id, auth.account.id, first.id),
    (p) => {
      assertDecidable(p, deps.now(), input.documentSha256);
      return { ...p, state: 'accepted', decision };
    },
    notFound,
  );

  const event = (await appendEvent(deps, ref(accepted), () => ({
    type: 'signed',
    version: accepted.version,
    documentSha256: accepted.document.sha256,
    actor: auth.actor,
    clientAddress,
    userAgent,
    data: {
      typedName: input.typedName,
      userName: auth.user.name,
      username: auth.user.username,
      signatureSha256,
      signatureBytes: png.length,
      strokes: input.strokes,
      points: input.points,
      consentVersion: consent.version,
      consentTextSha256: consent.textSha256,
      consentedAt: consent.at,
      intentVersion: SIGN_INTENT_VERSION,
      intentText: SIGN_INTENT_TEXT,
      intentTextSha256: textSha256(SIGN_INTENT_TEXT),
      viewedAt: viewed.at,
      viewedEvent: viewed.seq,
    },
  })))!;

  const signed = await renderSignedPdf(await documentBytes(deps, accepted), {
    dealer: { id: dealer.id, name: dealer.name, branding: dealer.branding },
    account: { id: auth.account.id, name: auth.account.name, identifier: auth.account.identifier },
    proposal: { id: accepted.id, number: accepted.number, version: accepted.version, title: accepted.title, totalCents: accepted.totalCents, currency: accepted.currency },
    documentSha256: accepted.document.sha256,
    signer: { userId: auth.user.id, name: auth.user.name, username: auth.user.username, typedName: input.typedName },
    signaturePng: png,
    signatureSha256,
    strokes: input.strokes,
    points: input.points,
    consent: { text: ESIGN_CONSENT_TEXT, version: consent.version, at: consent.at },
    intent: { text: SIGN_INTENT_TEXT, version: SIGN_INTENT_VERSION },
    viewedAt: viewed.at,
    signedAt: at,
    clientAddress,
    userAgent,
    event: { seq: event.seq, hash: event.hash, prevHash: event.prevHash },
  });
  await deps.store.putBytes(keys.proposalSigned(dealer.id, auth.account.id, accepted.id), signed);
  const signedDocument = { sha256: sha256Hex(signed), size: signed.length, filename: signedName(accepted) };
  const { after: final } = await updateRecord<Proposal>(
    deps.store,
    keys.proposal(dealer.id, auth.account.id, accepted.id),
    (p) => ({ ...p, decision: p.decision ? { ...p.decision, eventHash: event.hash } : p.decision, signedDocument }),
    notFound,
  );

  await audit(deps, {
    dealerId: dealer.id,
    accountId: auth.account.id,
    action: 'proposal.accepted',
    actor: auth.actor,
    summary: `${auth.actor.name} accepted proposal ${final.number} "${final.title}" (${formatMinorUnits(final.totalCents, final.currency)}), signing as ${input.typedName}`,
    target: { type: 'proposal', id: final.id },
    details: { number: final.number, version: final.version, documentSha256: final.document.sha256, signedDocumentSha256: signedDocument.sha256, signatureSha256, eventHash: event.hash },
    clientAddress: req.clientAddress,
  });

  const attachment: MailAttachment = { filename: signedDocument.filename, contentType: 'application/pdf', content: signed };
  const mail = mailDealer(dealer);
  if (auth.user.email) {
    background(
      deps.mailer.send({
        template: 'proposal-signed',
        to: { email: auth.user.email, name: auth.user.name },
        dealer: mail,
        data: {
          name: auth.user.name,
          accountName: auth.account.name,
          proposalNumber: final.number,
          proposalTitle: final.title,
          version: final.version,
          totalCents: final.totalCents,
          currency: final.currency,
          typedName: input.typedName,
          signedAt: at,
          signedDocumentSha256: signedDocument.sha256,
          documentSha256: final.document.sha256,
        },
        attachments: [attachment],
      }),
    );
  }
  background(sendDecided(deps, dealer, auth, final, [attachment]));
  return toPortal(final, deps.now(), auth, consent);
}

function sendDecided(deps: Deps, dealer: Dealer, auth: PortalAuth, p: Proposal, attachments: MailAttachment[]): Promise<void> {
  const d = p.decision!;
  return deps.mailer.send({
    template: 'proposal-decided',
    to: { email: p.salesperson.email, name: p.salesperson.name },
    dealer: mailDealer(dealer),
    data: {
      salespersonName: p.salesperson.name,
      decision: d.decision,
      accountName: auth.account.name,
      customerNumber: auth.account.customerNumber,
      identifier: auth.account.identifier,
      proposalNumber: p.number,
      proposalTitle: p.title,
      version: p.version,
      totalCents: p.totalCents,
      currency: p.currency,
      decidedAt: d.at,
      decidedBy: d.userName,
      typedName: d.typedName,
      reasons: (d.reasons ?? []).map((r) => PROPOSAL_REJECT_REASON_LABELS[r]),
      note: d.note,
    },
    ...(attachments.length ? { attachments } : {}),
  });
}

/** Rejects the proposal with reasons (and a note); recorded, audited, and sent to the salesperson. */
export async function rejectProposal(
  deps: Deps,
  dealer: Dealer,
  auth: PortalAuth,
  proposalId: string,
  input: RejectInput,
  req: RequestMeta,
  background: (p: Promise<unknown>) => void,
): Promise<PortalProposal> {
  const { value: first } = await findForPortal(deps, dealer.id, auth, proposalId);
  assertDecidable(first, deps.now(), input.documentSha256);
  const clientAddress = req.clientAddress ?? null;
  const userAgent = cleanUserAgent(req.userAgent);
  const note = input.note || null;
  const { after: rejected } = await updateRecord<Proposal>(
    deps.store,
    keys.proposal(dealer.id, auth.account.id, first.id),
    (p) => {
      assertDecidable(p, deps.now(), input.documentSha256);
      const decision: ProposalDecision = {
        decision: 'rejected',
        at: iso(deps.now()),
        userId: auth.user.id,
        userName: auth.user.name,
        typedName: null,
        signatureSha256: null,
        reasons: input.reasons,
        note,
        version: p.version,
        documentSha256: p.document.sha256,
        consentVersion: null,
        consentedAt: null,
        intentVersion: null,
        clientAddress,
        userAgent,
        eventHash: null,
      };
      return { ...p, state: 'rejected', decision };
    },
    notFound,
  );
  const event = (await appendEvent(deps, ref(rejected), () => ({
    type: 'rejected',
    version: rejected.version,
    documentSha256: rejected.document.sha256,
    actor: auth.actor,
    clientAddress,
    userAgent,
    data: { reasons: input.reasons, note },
  }))) as ProposalEvent;
  const { after: final } = await updateRecord<Proposal>(
    deps.store,
    keys.proposal(dealer.id, auth.account.id, rejected.id),
    (p) => ({ ...p, decision: p.decision ? { ...p.decision, eventHash: event.hash } : p.decision }),
    notFound,
  );
  await audit(deps, {
    dealerId: dealer.id,
    accountId: auth.account.id,
    action: 'proposal.rejected',
    actor: auth.actor,
    summary: `${auth.actor.name} rejected proposal ${final.number} "${final.title}": ${input.reasons.map((r) => PROPOSAL_REJECT_REASON_LABELS[r].toLowerCase()).join(', ')}`,
    target: { type: 'proposal', id: final.id },
    details: { number: final.number, version: final.version, reasons: input.reasons, note, eventHash: event.hash },
    clientAddress: req.clientAddress,
  });
  background(sendDecided(deps, dealer, auth, final, []));
  return toPortal(final, deps.now(), auth, await consentOf(deps, dealer.id, auth));
}
