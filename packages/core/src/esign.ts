/**
 * Electronic signatures of proposals: the texts a signer agrees to, their versions, the
 * reasons a proposal can be rejected with, and the limits of a drawn signature. Plain
 * constants (no schema library), so the browser imports them without pulling in valibot.
 *
 * A text never changes under the same version: change the text, change the version. The
 * server records the version (and the SHA-256 of the text) with every consent and signature,
 * and refuses a request that names another version than the current one.
 */

/** Version of ESIGN_CONSENT_TEXT. */
export const ESIGN_CONSENT_VERSION = 'esign-consent-2026-11';

/**
 * Consent to electronic records and signatures (ESIGN Act §101(c), UETA): shown to the signer
 * and agreed to, once per login and version, before the first electronic signature.
 */
export const ESIGN_CONSENT_TEXT =
  'I agree to receive proposals and their records electronically and to sign them electronically. ' +
  'My electronic signature has the same effect as my handwritten signature. ' +
  'To view and keep these records I need a device with a current web browser and a PDF reader; ' +
  'I can download the signed proposal as a PDF and keep it. ' +
  'I can ask the company that sent the proposal for a paper copy, and I can withdraw this consent before I sign by contacting that company. ' +
  'Withdrawing does not affect what I signed before.';

/** Version of SIGN_INTENT_TEXT. */
export const SIGN_INTENT_VERSION = 'sign-intent-2026-11';

/** What the signer states by signing; shown next to the signature pad and printed on the certificate. */
export const SIGN_INTENT_TEXT = 'By signing I accept this proposal and its terms.';

/** What a proposal can be: `expired` is derived from its expiry by the server's clock. */
export const PROPOSAL_STATUSES = ['open', 'accepted', 'rejected', 'expired', 'withdrawn'] as const;

/** Why a client rejects a proposal (one or more); `other` needs a note. */
export const PROPOSAL_REJECT_REASONS = ['price', 'timing', 'scope', 'went-with-another-company', 'other'] as const;

/** How each reason reads in the portal, in emails and in the back office. */
export const PROPOSAL_REJECT_REASON_LABELS: Record<(typeof PROPOSAL_REJECT_REASONS)[number], string> = {
  price: 'The price',
  timing: 'The timing',
  scope: 'What is included',
  'went-with-another-company': 'We went with another company',
  other: 'Something else',
};

/** Largest drawn signature image (decoded PNG bytes). */
export const SIGNATURE_PNG_MAX_BYTES = 512 * 1024;
/** Smallest and largest signature image, in pixels. */
export const SIGNATURE_MIN_WIDTH = 64;
export const SIGNATURE_MIN_HEIGHT = 24;
export const SIGNATURE_MAX_SIDE = 4096;
export const SIGNATURE_MAX_PIXELS = 4_000_000;
/** A signature is at least one stroke of at least this many points in all (a dot or a click is not a signature). */
export const SIGNATURE_MIN_POINTS = 10;
/** Longest typed name and rejection note. */
export const SIGNER_NAME_MAX = 120;
export const PROPOSAL_NOTE_MAX = 2000;

/** The money formatter lives with the other money helpers; re-exported here for the proposal code that imports it from this module. */
export { formatMinorUnits } from './money.js';
