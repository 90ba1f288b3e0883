import { routePath, Routes } from '@porchlight/core';
import type {
  AcceptProposalRequest,
  AdminProposal,
  AdminProposalPage,
  ConsentRequest,
  PortalProposal,
  PortalProposalPage,
  ProposalEvidence,
  RejectProposalRequest,
  SyncProposalRequest,
  SyncProposalResponse,
  WithdrawProposalRequest,
} from '@porchlight/core';
import type { AdminClient } from './admin-client.js';
import type { DownloadedDocument, PorchlightClient } from './client.js';
import { readDownload } from './download.js';
import { queryString, type RequestOptions } from './transport.js';

/** A page of proposals: at most `limit` (1–100, default 50), after `cursor` (from the previous page). */
export interface ProposalPageQuery {
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** A proposal's PDF as downloaded, with the SHA-256 the server states for its bytes. */
export interface DownloadedPdf extends DownloadedDocument {
  /**
   * The SHA-256 (lower-case hex) from the response's `Repr-Digest` header (RFC 9530), or null
   * when it has none. For the document it equals the proposal's `document.sha256` unless the
   * proposal changed in between.
   */
  sha256: string | null;
}

/** The SHA-256 (hex) of a `Repr-Digest: sha-256=:<base64>:` header, or null. */
export function sha256FromReprDigest(header: string | null): string | null {
  const b64 = header ? /(?:^|,)\s*sha-256=:([A-Za-z0-9+/]+={0,2}):/i.exec(header)?.[1] : undefined;
  if (!b64) return null;
  try {
    const binary = atob(b64);
    if (binary.length !== 32) return null;
    let hex = '';
    for (let i = 0; i < binary.length; i++) hex += binary.charCodeAt(i).toString(16).padStart(2, '0');
    return hex;
  } catch {
    return null;
  }
}

/** A PDF response read as a download, with the SHA-256 its `Repr-Digest` states. */
export async function readPdf(response: Response, fallbackName: string): Promise<DownloadedPdf> {
  const sha256 = sha256FromReprDigest(response.headers.get('repr-digest'));
  return { ...(await readDownload(response, fallbackName)), sha256 };
}

/**
 * Proposals in the portal, as calls over a client (`proposalsApi(client)` costs nothing to call
 * again). Every signed-in user of the account reads them; consenting, accepting and rejecting
 * need `proposals.decide` and are refused while a dealer admin emulates the user
 * (EMULATION_FORBIDDEN).
 *
 * Signing goes: `get` (the server records that this login viewed this version) → `consent`
 * once per login and consent version (`proposal.consent.given` says whether it is needed) →
 * `accept` with `documentSha256: proposal.document.sha256`. A proposal that changed since it
 * was read answers PROPOSAL_CHANGED (409: read it again); one no longer open PROPOSAL_CLOSED (409).
 */
export interface ProposalsApi {
  /** The account's proposals, newest first. */
  list(query?: ProposalPageQuery, options?: RequestOptions): Promise<PortalProposalPage>;
  /** One proposal with its lines, terms, document, decision, the login's consent and whether it may decide. Records a view. */
  get(proposalId: string, options?: RequestOptions): Promise<PortalProposal>;
  /** The exact PDF whose SHA-256 an acceptance sends back (records a view). Save it with an object URL. */
  document(proposalId: string, options?: RequestOptions): Promise<DownloadedPdf>;
  /** Agrees to ESIGN_CONSENT_TEXT of `consentVersion` (recorded once per login and version); answers the proposal. */
  consent(proposalId: string, input: ConsentRequest, options?: RequestOptions): Promise<PortalProposal>;
  /** Signs: the typed name, the drawn signature (PNG data URL) and its stroke and point counts. Answers the accepted proposal. */
  accept(proposalId: string, input: AcceptProposalRequest, options?: RequestOptions): Promise<PortalProposal>;
  /** Rejects with one or more reasons (`other` needs a note). Answers the rejected proposal. */
  reject(proposalId: string, input: RejectProposalRequest, options?: RequestOptions): Promise<PortalProposal>;
  /** The signed PDF (the document and its signature certificate) of an accepted proposal. */
  signed(proposalId: string, options?: RequestOptions): Promise<DownloadedPdf>;
}

export function proposalsApi(client: PorchlightClient): ProposalsApi {
  const { request } = client;
  const proposal = (path: string, proposalId: string) => routePath(path, { proposalId });
  return {
    list: (query = {}, o) => request<PortalProposalPage>('GET', Routes.proposals + queryString(query), undefined, o),
    get: (proposalId, o) => request<PortalProposal>('GET', proposal(Routes.proposal, proposalId), undefined, o),
    document: async (proposalId, o) => readPdf(await client.requestFile(proposal(Routes.proposalDocument, proposalId), o), 'proposal.pdf'),
    consent: (proposalId, input, o) => request<PortalProposal>('POST', proposal(Routes.proposalConsent, proposalId), input, o),
    accept: (proposalId, input, o) => request<PortalProposal>('POST', proposal(Routes.proposalAccept, proposalId), input, o),
    reject: (proposalId, input, o) => request<PortalProposal>('POST', proposal(Routes.proposalReject, proposalId), input, o),
    signed: async (proposalId, o) => readPdf(await client.requestFile(proposal(Routes.proposalSigned, proposalId), o), 'proposal-signed.pdf'),
  };
}

/**
 * Proposals in the back office, addressed by the dealer's own proposal number: `sync` and
 * `withdraw` need `accounts.write`; the rest `accounts.read`.
 */
export interface AdminProposalsApi {
  /**
   * Creates or changes the proposal `number` of the account (PUT, idempotent): the same body
   * again changes nothing (`changed: false`); other content makes a new version. Without
   * `pdfBase64` the portal renders the PDF. PROPOSAL_CLOSED once accepted or rejected.
   */
  sync(accountId: string, number: string, input: SyncProposalRequest, options?: RequestOptions): Promise<SyncProposalResponse>;
  /** The account's proposals, newest first. */
  list(accountId: string, query?: ProposalPageQuery, options?: RequestOptions): Promise<AdminProposalPage>;
  get(accountId: string, number: string, options?: RequestOptions): Promise<AdminProposal>;
  /** The evidence chain with its verification, and the consent and intent texts. */
  evidence(accountId: string, number: string, options?: RequestOptions): Promise<ProposalEvidence>;
  /** Takes an open proposal back (idempotent for one already withdrawn). */
  withdraw(accountId: string, number: string, input?: WithdrawProposalRequest, options?: RequestOptions): Promise<AdminProposal>;
  /** The proposal's current PDF. */
  document(accountId: string, number: string, options?: RequestOptions): Promise<DownloadedPdf>;
  /** The signed PDF of an accepted proposal. */
  signed(accountId: string, number: string, options?: RequestOptions): Promise<DownloadedPdf>;
}

export function adminProposalsApi(admin: AdminClient): AdminProposalsApi {
  const { request } = admin;
  const proposal = (path: string, accountId: string, proposalNumber: string) => routePath(path, { accountId, proposalNumber });
  return {
    sync: (accountId, number, input, o) => request<SyncProposalResponse>('PUT', proposal(Routes.admin.proposal, accountId, number), input, o),
    list: (accountId, query = {}, o) => request<AdminProposalPage>('GET', routePath(Routes.admin.proposals, { accountId }) + queryString(query), undefined, o),
    get: (accountId, number, o) => request<AdminProposal>('GET', proposal(Routes.admin.proposal, accountId, number), undefined, o),
    evidence: (accountId, number, o) => request<ProposalEvidence>('GET', proposal(Routes.admin.proposalEvidence, accountId, number), undefined, o),
    withdraw: (accountId, number, input = {}, o) => request<AdminProposal>('POST', proposal(Routes.admin.proposalWithdraw, accountId, number), input, o),
    document: async (accountId, number, o) => readPdf(await admin.requestFile(proposal(Routes.admin.proposalDocument, accountId, number), o), 'proposal.pdf'),
    signed: async (accountId, number, o) => readPdf(await admin.requestFile(proposal(Routes.admin.proposalSigned, accountId, number), o), 'proposal-signed.pdf'),
  };
}
