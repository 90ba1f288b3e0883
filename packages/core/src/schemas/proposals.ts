import * as v from 'valibot';
import { decodeBase64 } from '@oslojs/encoding';
import { Actor, Email, Id, Timestamp } from './common.js';
import {
  ESIGN_CONSENT_VERSION,
  PROPOSAL_NOTE_MAX,
  PROPOSAL_REJECT_REASONS,
  PROPOSAL_STATUSES,
  SIGN_INTENT_VERSION,
  SIGNATURE_MAX_PIXELS,
  SIGNATURE_MAX_SIDE,
  SIGNATURE_MIN_HEIGHT,
  SIGNATURE_MIN_POINTS,
  SIGNATURE_MIN_WIDTH,
  SIGNATURE_PNG_MAX_BYTES,
  SIGNER_NAME_MAX,
} from '../esign.js';
import { LINE_DESCRIPTION_MAX, MONEY_MAX_CENTS } from '../money.js';
import { Cents, CurrencyCode, LineItem, LineItemInput, NonNegativeCents, totalsAddUp } from './amounts.js';

/**
 * Proposals: the dealer's system syncs a proposal in (PUT by its own proposal number, per
 * account); the client reads it with its PDF, and accepts it with a typed name and a drawn
 * signature, or rejects it with reasons. Every step of the way is an event in a hash chain
 * (see ProposalEvent), and an accepted proposal gets a signed PDF: the document plus a
 * certificate page.
 *
 * Money is in the currency's minor unit (cents) as integers, with an ISO 4217 code.
 */

/** The largest PDF the dealer can supply (decoded bytes; the request carries it as base64). */
export const PROPOSAL_PDF_MAX_BYTES = 5 * 1024 * 1024;
export const PROPOSAL_TITLE_MAX = 200;
export const PROPOSAL_LINES_MAX = 200;
export const PROPOSAL_LINE_DESCRIPTION_MAX = LINE_DESCRIPTION_MAX;
export const PROPOSAL_TERMS_MAX = 20_000;
/** The largest amount (minor units) anywhere in a proposal: 100 billion. */
export const PROPOSAL_AMOUNT_MAX = MONEY_MAX_CENTS;

/** open, accepted, rejected, expired (derived from the expiry by the server's clock), withdrawn. */
export const ProposalStatus = v.picklist(PROPOSAL_STATUSES);
export type ProposalStatus = v.InferOutput<typeof ProposalStatus>;
export const ProposalRejectReason = v.picklist(PROPOSAL_REJECT_REASONS, `Choose from: ${PROPOSAL_REJECT_REASONS.join(', ')}.`);
export type ProposalRejectReason = v.InferOutput<typeof ProposalRejectReason>;

/** The dealer's own number of the proposal: unique per account (case-insensitive), part of the sync path. */
export const ProposalNumber = v.pipe(
  v.string('Give the proposal number.'),
  v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'A proposal number is 1 to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit.'),
);

const Sha256Hex = v.pipe(v.string('Give the SHA-256 as 64 hex digits.'), v.regex(/^[0-9a-fA-F]{64}$/, 'Give the SHA-256 as 64 hex digits.'), v.toLowerCase());

/** A line as the dealer sends it (the same for every money document). */
export const ProposalLineInput = LineItemInput;
export const ProposalLine = LineItem;
export type ProposalLine = LineItem;

export const Salesperson = v.object({ name: v.string(), email: v.string() });
export type Salesperson = v.InferOutput<typeof Salesperson>;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;

function decodeOrNull(text: string): Uint8Array | null {
  try {
    return decodeBase64(text);
  } catch {
    return null;
  }
}

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
/** `%PDF-` */
export const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d] as const;
/** The eight bytes every PNG starts with. */
export const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** A PDF supplied by the dealer, base64 (no data: prefix): checked to start with `%PDF-`, at most PROPOSAL_PDF_MAX_BYTES. */
export const SuppliedPdf = v.pipe(
  v.string('Give the PDF as base64.'),
  v.maxLength(base64Length(PROPOSAL_PDF_MAX_BYTES), `The PDF is larger than ${PROPOSAL_PDF_MAX_BYTES / 1024 / 1024} MiB.`),
  v.regex(BASE64, 'Give the PDF as base64 (A–Z, a–z, 0–9, +, /, = padding; no data: prefix, no line breaks).'),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const bytes = dataset.value.length % 4 === 0 ? decodeOrNull(dataset.value) : null;
    if (!bytes) {
      addIssue({ message: 'The PDF is not valid base64 (check the padding).' });
      return NEVER;
    }
    return bytes;
  }),
  v.check((bytes) => bytes.length > 0 && bytes.length <= PROPOSAL_PDF_MAX_BYTES, `The PDF is empty or larger than ${PROPOSAL_PDF_MAX_BYTES / 1024 / 1024} MiB.`),
  v.check((bytes) => startsWith(bytes, PDF_MAGIC), 'This is not a PDF (it does not start with %PDF-).'),
);

/**
 * PUT /v1/admin/accounts/:accountId/proposals/:number — the proposal as the dealer's system has
 * it. Idempotent: the same body again changes nothing (no new version). `pdfBase64` is the
 * dealer's own PDF; without it the portal renders one from these fields.
 */
export const SyncProposalRequest = v.pipe(
  v.strictObject({
    title: v.pipe(v.string('Give a title.'), v.trim(), v.minLength(1, 'Give a title.'), v.maxLength(PROPOSAL_TITLE_MAX, `Use at most ${PROPOSAL_TITLE_MAX} characters.`)),
    lines: v.pipe(
      v.array(ProposalLineInput, 'Give the lines as a list.'),
      v.minLength(1, 'A proposal has at least one line.'),
      v.maxLength(PROPOSAL_LINES_MAX, `A proposal has at most ${PROPOSAL_LINES_MAX} lines.`),
    ),
    subtotalCents: Cents('the subtotal'),
    taxCents: NonNegativeCents('the tax'),
    totalCents: NonNegativeCents('the total'),
    currency: CurrencyCode,
    /** Plain text; line breaks are kept. May be empty. */
    terms: v.pipe(v.string('Give the terms as text.'), v.trim(), v.maxLength(PROPOSAL_TERMS_MAX, `Use at most ${PROPOSAL_TERMS_MAX} characters.`)),
    expiresAt: v.pipe(
      v.string('Give the expiry as an ISO 8601 timestamp.'),
      v.isoTimestamp('Give the expiry as an ISO 8601 timestamp, e.g. 2026-12-31T23:59:59Z.'),
      v.check((s) => !Number.isNaN(Date.parse(s)), 'This is not a real moment in time.'),
      v.transform((s) => new Date(s).toISOString()),
    ),
    salesperson: v.strictObject({
      name: v.pipe(v.string('Give the salesperson\'s name.'), v.trim(), v.minLength(1, 'Give the salesperson\'s name.'), v.maxLength(120, 'Use at most 120 characters.')),
      email: Email,
    }),
    pdfBase64: v.optional(SuppliedPdf),
  }),
  totalsAddUp(),
);
export type SyncProposalRequest = v.InferInput<typeof SyncProposalRequest>;

/** What a PNG's IHDR says; null when the bytes are not a PNG with a well-formed IHDR first. */
export function readPngHeader(bytes: Uint8Array): { width: number; height: number; bitDepth: number; colorType: number; interlace: number } | null {
  if (bytes.length < 33 || !startsWith(bytes, PNG_MAGIC)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(bytes[12]!, bytes[13]!, bytes[14]!, bytes[15]!);
  if (view.getUint32(8) !== 13 || type !== 'IHDR') return null;
  return { width: view.getUint32(16), height: view.getUint32(20), bitDepth: bytes[24]!, colorType: bytes[25]!, interlace: bytes[28]! };
}

const DATA_URL = 'data:image/png;base64,';

/**
 * The drawn signature: a `data:image/png;base64,…` URL (canvas.toDataURL('image/png')) of a
 * real, non-interlaced PNG of at most SIGNATURE_PNG_MAX_BYTES, between SIGNATURE_MIN_WIDTH ×
 * SIGNATURE_MIN_HEIGHT and SIGNATURE_MAX_SIDE pixels a side. Decoded to its bytes. (The server
 * also looks at the pixels: a blank image is refused.)
 */
export const SignaturePng = v.pipe(
  v.string('Draw your signature.'),
  v.check((s) => s.startsWith(DATA_URL), 'The signature must be a PNG image as a data URL (data:image/png;base64,…).'),
  v.maxLength(DATA_URL.length + base64Length(SIGNATURE_PNG_MAX_BYTES), `The signature image is larger than ${SIGNATURE_PNG_MAX_BYTES / 1024} KiB.`),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const b64 = dataset.value.slice(DATA_URL.length);
    const bytes = BASE64.test(b64) && b64.length % 4 === 0 ? decodeOrNull(b64) : null;
    if (!bytes) {
      addIssue({ message: 'The signature image is not valid base64.' });
      return NEVER;
    }
    return bytes;
  }),
  v.check((bytes) => readPngHeader(bytes) !== null, 'The signature is not a PNG image.'),
  v.check((bytes) => bytes.length <= SIGNATURE_PNG_MAX_BYTES, `The signature image is larger than ${SIGNATURE_PNG_MAX_BYTES / 1024} KiB.`),
  v.check((bytes) => {
    const h = readPngHeader(bytes);
    return !h || (h.width >= SIGNATURE_MIN_WIDTH && h.height >= SIGNATURE_MIN_HEIGHT && h.width <= SIGNATURE_MAX_SIDE && h.height <= SIGNATURE_MAX_SIDE && h.width * h.height <= SIGNATURE_MAX_PIXELS);
  }, `The signature image must be at least ${SIGNATURE_MIN_WIDTH} × ${SIGNATURE_MIN_HEIGHT} and at most ${SIGNATURE_MAX_SIDE} pixels a side.`),
  v.check((bytes) => readPngHeader(bytes)?.interlace !== 1, 'Send the signature as a non-interlaced PNG.'),
);

/** POST /v1/proposals/:proposalId/consent: agree to ESIGN_CONSENT_TEXT of this version. */
export const ConsentRequest = v.strictObject({
  consentVersion: v.pipe(
    v.string('Give the version of the consent text you agreed to.'),
    v.check((s) => s === ESIGN_CONSENT_VERSION, 'The consent text has changed. Reload the page and read it again.'),
  ),
});
export type ConsentRequest = v.InferInput<typeof ConsentRequest>;

/**
 * POST /v1/proposals/:proposalId/accept. `documentSha256` is the SHA-256 of the PDF bytes the
 * signer was shown (GET …/document): if the proposal changed since, nothing is signed.
 * `strokes` and `points` count what was drawn on the pad.
 */
export const AcceptProposalRequest = v.strictObject({
  documentSha256: Sha256Hex,
  typedName: v.pipe(
    v.string('Type your full name.'),
    v.transform((s) => s.normalize('NFC').replace(/\s+/g, ' ').trim()),
    v.minLength(2, 'Type your full name.'),
    v.maxLength(SIGNER_NAME_MAX, `Use at most ${SIGNER_NAME_MAX} characters.`),
    v.regex(/\p{L}/u, 'Type your full name.'),
    v.regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+$/u, 'The name contains characters that are not allowed.'),
  ),
  signaturePng: SignaturePng,
  strokes: v.pipe(v.number('Draw your signature.'), v.integer('Draw your signature.'), v.minValue(1, 'Draw your signature.'), v.maxValue(10_000, 'Too many strokes.')),
  points: v.pipe(
    v.number('Draw your signature.'),
    v.integer('Draw your signature.'),
    v.minValue(SIGNATURE_MIN_POINTS, 'Draw your signature (a dot or a short line is not enough).'),
    v.maxValue(1_000_000, 'Too many points.'),
  ),
  consentVersion: v.pipe(v.string(), v.check((s) => s === ESIGN_CONSENT_VERSION, 'The consent text has changed. Reload the page and read it again.')),
  intentVersion: v.pipe(v.string(), v.check((s) => s === SIGN_INTENT_VERSION, 'The signing statement has changed. Reload the page and read it again.')),
});
export type AcceptProposalRequest = v.InferInput<typeof AcceptProposalRequest>;

/** POST /v1/proposals/:proposalId/reject: one or more reasons; `other` needs a note. */
export const RejectProposalRequest = v.pipe(
  v.strictObject({
    reasons: v.pipe(
      v.array(ProposalRejectReason, 'Choose at least one reason.'),
      v.minLength(1, 'Choose at least one reason.'),
      v.maxLength(PROPOSAL_REJECT_REASONS.length, 'Choose each reason once.'),
      v.check((r) => new Set(r).size === r.length, 'Choose each reason once.'),
    ),
    note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(PROPOSAL_NOTE_MAX, `Use at most ${PROPOSAL_NOTE_MAX} characters.`))),
    /** When given, the proposal must still be this document. */
    documentSha256: v.optional(Sha256Hex),
  }),
  v.forward(
    v.partialCheck([['reasons'], ['note']], (r) => !r.reasons.includes('other') || Boolean(r.note), 'Say what the other reason is.'),
    ['note'],
  ),
);
export type RejectProposalRequest = v.InferInput<typeof RejectProposalRequest>;

/** POST /v1/admin/accounts/:accountId/proposals/:number/withdraw. */
export const WithdrawProposalRequest = v.strictObject({
  reason: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(PROPOSAL_NOTE_MAX, `Use at most ${PROPOSAL_NOTE_MAX} characters.`))),
});
export type WithdrawProposalRequest = v.InferInput<typeof WithdrawProposalRequest>;

// ---- records and views -----------------------------------------------------------------

/** The PDF the client reads and signs: the dealer's own (`supplied`) or made by the portal (`rendered`). */
export const ProposalDocument = v.object({
  source: v.picklist(['supplied', 'rendered']),
  /** SHA-256 (hex) of the exact bytes GET …/document answers. */
  sha256: v.string(),
  size: v.number(),
  filename: v.string(),
});
export type ProposalDocument = v.InferOutput<typeof ProposalDocument>;

/** The signed PDF: the document with a signature certificate page. */
export const ProposalSignedDocument = v.object({ sha256: v.string(), size: v.number(), filename: v.string() });
export type ProposalSignedDocument = v.InferOutput<typeof ProposalSignedDocument>;

/** How a client decided. */
export const ProposalDecision = v.object({
  decision: v.picklist(['accepted', 'rejected']),
  at: Timestamp,
  userId: Id,
  /** The login's name at the time. */
  userName: v.string(),
  /** Accepted: the name the signer typed. */
  typedName: v.nullable(v.string()),
  /** Accepted: SHA-256 of the signature PNG. */
  signatureSha256: v.nullable(v.string()),
  /** Rejected: the reasons and note. */
  reasons: v.nullable(v.array(ProposalRejectReason)),
  note: v.nullable(v.string()),
  /** The version decided on and its document's SHA-256. */
  version: v.number(),
  documentSha256: v.string(),
  consentVersion: v.nullable(v.string()),
  consentedAt: v.nullable(Timestamp),
  intentVersion: v.nullable(v.string()),
  clientAddress: v.nullable(v.string()),
  userAgent: v.nullable(v.string()),
  /** The hash of the decision's event in the evidence chain (null only until it is written). */
  eventHash: v.nullable(v.string()),
});
export type ProposalDecision = v.InferOutput<typeof ProposalDecision>;

/** A proposal as stored. `state` is what happened to it; `status` in the views adds `expired`. */
export const Proposal = v.object({
  id: Id,
  dealerId: v.string(),
  accountId: Id,
  number: v.string(),
  /** 1 at first; +1 each time the dealer changes it. */
  version: v.number(),
  title: v.string(),
  lines: v.array(ProposalLine),
  subtotalCents: v.number(),
  taxCents: v.number(),
  totalCents: v.number(),
  currency: v.string(),
  terms: v.string(),
  expiresAt: Timestamp,
  salesperson: Salesperson,
  document: ProposalDocument,
  /** SHA-256 of the synced content (canonical JSON, with the supplied PDF's hash): an unchanged body is recognised. */
  contentHash: v.string(),
  state: v.picklist(['open', 'accepted', 'rejected', 'withdrawn']),
  createdAt: Timestamp,
  createdBy: Actor,
  updatedAt: Timestamp,
  updatedBy: Actor,
  decision: v.nullable(ProposalDecision),
  signedDocument: v.nullable(ProposalSignedDocument),
  withdrawn: v.nullable(v.object({ at: Timestamp, by: Actor, reason: v.nullable(v.string()) })),
});
export type Proposal = v.InferOutput<typeof Proposal>;

/** The back office's view: the record and its status now. */
export const AdminProposal = v.object({ ...Proposal.entries, status: ProposalStatus });
export type AdminProposal = v.InferOutput<typeof AdminProposal>;

export const AdminProposalPage = v.object({ items: v.array(AdminProposal), cursor: v.nullable(v.string()) });
export type AdminProposalPage = v.InferOutput<typeof AdminProposalPage>;

/** PUT answer: 201 when created, 200 otherwise; `changed` false when the body was the same as stored. */
export const SyncProposalResponse = v.object({ proposal: AdminProposal, created: v.boolean(), changed: v.boolean() });
export type SyncProposalResponse = v.InferOutput<typeof SyncProposalResponse>;

/** Whether the signed-in login has agreed to electronic records and signatures (current version). */
export const ProposalConsent = v.object({
  /** The version the portal asks for now (ESIGN_CONSENT_VERSION). */
  version: v.string(),
  given: v.boolean(),
  givenAt: v.nullable(Timestamp),
});
export type ProposalConsent = v.InferOutput<typeof ProposalConsent>;

/** A proposal in the portal's list. */
export const PortalProposalSummary = v.object({
  id: Id,
  number: v.string(),
  version: v.number(),
  title: v.string(),
  totalCents: v.number(),
  currency: v.string(),
  expiresAt: Timestamp,
  status: ProposalStatus,
  updatedAt: Timestamp,
  decidedAt: v.nullable(Timestamp),
});
export type PortalProposalSummary = v.InferOutput<typeof PortalProposalSummary>;

/** GET /v1/proposals: newest first, paged. */
export const PortalProposalPage = v.object({ items: v.array(PortalProposalSummary), cursor: v.nullable(v.string()) });
export type PortalProposalPage = v.InferOutput<typeof PortalProposalPage>;

/** GET /v1/proposals/:proposalId: everything the signer reads, and what they may do. */
export const PortalProposal = v.object({
  ...PortalProposalSummary.entries,
  lines: v.array(ProposalLine),
  subtotalCents: v.number(),
  taxCents: v.number(),
  terms: v.string(),
  salesperson: Salesperson,
  /** The PDF to show; send its `sha256` back when accepting. */
  document: ProposalDocument,
  /** Present once accepted. */
  signedDocument: v.nullable(ProposalSignedDocument),
  decision: v.nullable(
    v.object({
      decision: v.picklist(['accepted', 'rejected']),
      at: Timestamp,
      /** Who decided (their login's name). */
      by: v.string(),
      typedName: v.nullable(v.string()),
      reasons: v.nullable(v.array(ProposalRejectReason)),
      note: v.nullable(v.string()),
    }),
  ),
  consent: ProposalConsent,
  /** The signing statement's version to send with an acceptance (SIGN_INTENT_VERSION). */
  intentVersion: v.string(),
  /** Whether this login may accept or reject it now (permission, not emulated, status open). */
  canDecide: v.boolean(),
});
export type PortalProposal = v.InferOutput<typeof PortalProposal>;

// ---- evidence --------------------------------------------------------------------------

export const PROPOSAL_EVENT_TYPES = ['issued', 'viewed', 'consented', 'signed', 'rejected', 'withdrawn'] as const;
export type ProposalEventType = (typeof PROPOSAL_EVENT_TYPES)[number];

/**
 * One link of a proposal's evidence chain. `hash` is the SHA-256 (hex) of the canonical JSON
 * (keys sorted, no spaces) of every other field, `prevHash` included; the first event's
 * `prevHash` is 64 zeros. Events are written once, never changed.
 */
export const ProposalEvent = v.object({
  seq: v.number(),
  type: v.picklist(PROPOSAL_EVENT_TYPES),
  at: Timestamp,
  dealerId: v.string(),
  accountId: Id,
  proposalId: Id,
  version: v.number(),
  documentSha256: v.string(),
  actor: Actor,
  clientAddress: v.nullable(v.string()),
  userAgent: v.nullable(v.string()),
  /** What this kind of event records (e.g. signed: typedName, signatureSha256, consent and intent versions). */
  data: v.record(v.string(), v.unknown()),
  prevHash: v.string(),
  hash: v.string(),
});
export type ProposalEvent = v.InferOutput<typeof ProposalEvent>;

export const ProposalVerification = v.object({
  /** Every check passed. */
  valid: v.boolean(),
  eventCount: v.number(),
  /** The hash of the last event. */
  headHash: v.nullable(v.string()),
  checks: v.array(v.object({ name: v.string(), ok: v.boolean(), detail: v.string() })),
});
export type ProposalVerification = v.InferOutput<typeof ProposalVerification>;

/** GET /v1/admin/accounts/:accountId/proposals/:number/evidence. */
export const ProposalEvidence = v.object({
  proposal: AdminProposal,
  events: v.array(ProposalEvent),
  verification: ProposalVerification,
  consentText: v.string(),
  intentText: v.string(),
});
export type ProposalEvidence = v.InferOutput<typeof ProposalEvidence>;
