import * as v from 'valibot';
import { DealerId, Email } from './common.js';
import { CurrencyCode } from './amounts.js';
import { AUTOPAY_DAY_MAX, AUTOPAY_DAY_MIN } from '../money.js';
import { GRANT_SCOPES } from '../permissions.js';

const Color = v.pipe(v.string(), v.regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/, 'Use a hex colour such as #1f6feb.'));
const Url = v.pipe(
  v.string(),
  v.maxLength(2048),
  v.check((s) => /^https:\/\//i.test(s) || /^\/(?!\/)/.test(s) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//i.test(s), 'Use an https:// URL or a path on this site.'),
);

/** How a dealer's portal looks: applied by <porchlight-portal> as CSS custom properties. */
export const Branding = v.object({
  logoUrl: v.optional(Url),
  colors: v.optional(
    v.object({
      primary: v.optional(Color),
      primaryText: v.optional(Color),
      accent: v.optional(Color),
      text: v.optional(Color),
      background: v.optional(Color),
      surface: v.optional(Color),
      danger: v.optional(Color),
    }),
  ),
  font: v.optional(v.pipe(v.string(), v.regex(/^[\p{L}\p{N} ,'"-]{1,120}$/u, 'Use a CSS font-family list of names.'))),
});
export type Branding = v.InferOutput<typeof Branding>;

/** Per-dealer settings; every field has a default in the server. */
export const DealerSettings = v.object({
  /** Minutes of inactivity after which a session ends. */
  sessionIdleMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(24 * 60))),
  /** Hours after login at which a session ends whatever happens. */
  sessionAbsoluteHours: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(24 * 30))),
  /** Minutes a password-reset link works. */
  resetLinkMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(24 * 60))),
  /** Hours a dealer-sent activation link (login email, registration confirmation) works (default 48). */
  activationLinkHours: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(24 * 14))),
  /** Minutes an emulation session lasts (at most 60). */
  emulationMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(60))),
  /** The page of the dealer's site that holds <porchlight-reset-password>; reset links point there. */
  resetUrl: v.optional(v.string()),
  /** The page of the dealer's site that holds the portal; login links and emulation open it. */
  portalUrl: v.optional(v.string()),
  /** The dealer's back-office page (holds <porchlight-admin>); access-request emails link there. */
  backOfficeUrl: v.optional(v.string()),
  /** Where clients can write for help; shown in emails. */
  supportEmail: v.optional(Email),
  /** Where notices of clients' contact changes go (default: supportEmail). */
  notifyEmail: v.optional(Email),
  /**
   * Where general service / authorization requests (work orders with no site) go, one email
   * each (default: notifyEmail, else supportEmail).
   */
  technicianEmails: v.optional(v.pipe(v.array(Email), v.maxLength(10, 'Give at most 10 technician addresses.'))),
  /**
   * How clients get into the portal (each flow on its own; see docs/onboarding.md). Default:
   * only the dealer's own "Setup access" (the admin API), with an emailed set-password link.
   */
  onboarding: v.optional(
    v.strictObject({
      /** New customers register with the registration key printed on their invoices (<porchlight-register>). Default false. */
      registration: v.optional(v.boolean()),
      /** First-time visitors may ask for access; the dealer approves (<porchlight-request-access>). Default false. */
      requestAccess: v.optional(v.boolean()),
      /**
       * What a login email carries: 'link' (a single-use link to choose a password, valid
       * activationLinkHours) or 'temporary-password' (a random temporary password, valid
       * temporaryPasswordHours). Default 'link'. A login profile that already has a password
       * (a person added to a second account) always gets a link.
       */
      credentials: v.optional(v.picklist(['link', 'temporary-password'], "Use 'link' or 'temporary-password'.")),
      /** With temporary passwords: the person must choose a new password at first login (default true). */
      forcePasswordChange: v.optional(v.boolean()),
      /** Hours a temporary password works before it is first used (default 72). */
      temporaryPasswordHours: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(24 * 14))),
      /**
       * How registration compares first names with the dealer's records: 'exact' (case and
       * accents aside: James is not Jim) or 'nicknames' (also common short forms: Jim for James,
       * Bob for Robert). Last names always compare exactly. Default 'exact'.
       */
      nameMatching: v.optional(v.picklist(['exact', 'nicknames'], "Use 'exact' or 'nicknames'.")),
      /** What new client logins may see (default every part) and do (default CLIENT_DEFAULT_PERMISSIONS) when registration or an approval does not say. */
      defaultGrants: v.optional(v.array(v.picklist(GRANT_SCOPES))),
    }),
  ),
  /** The currency the dealer bills in (ISO 4217; default USD): every invoice and payment is in it. */
  currency: v.optional(CurrencyCode),
  /** Whether a client may pay more than an invoice's open balance (default false). */
  allowOverpayment: v.optional(v.boolean()),
  /** The day of the month autopay charges on unless the client picks another (1–28; default 1). */
  autopayDayOfMonth: v.optional(v.pipe(v.number(), v.integer(), v.minValue(AUTOPAY_DAY_MIN), v.maxValue(AUTOPAY_DAY_MAX))),
  /** Days after a declined autopay charge on which it is tried again (default [3, 7]; at most 5, each 1–28, increasing). */
  autopayRetryDays: v.optional(
    v.pipe(
      v.array(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(28))),
      v.maxLength(5, 'Give at most 5 retry days.'),
      v.check((days) => days.every((d, i) => i === 0 || d > days[i - 1]!), 'Give the retry days in increasing order.'),
    ),
  ),
});
export type DealerSettings = v.InferOutput<typeof DealerSettings>;

/** What anyone may read about a dealer: name and branding (GET /v1/dealer). */
export const PublicDealer = v.object({
  id: DealerId,
  name: v.string(),
  branding: Branding,
  /** Which sign-up flows the sign-in page may offer (links to <porchlight-register>, <porchlight-request-access>). */
  onboarding: v.object({ registration: v.boolean(), requestAccess: v.boolean() }),
});
export type PublicDealer = v.InferOutput<typeof PublicDealer>;
