/**
 * The onboarding forms' rules without the schema library: the patterns and messages core's
 * schemas use (schemas/onboarding.ts, schemas/account.ts), and checks that give, field by
 * field, the first message the server's schema would give. The sign-up elements check with
 * these before they send, so a person reads the same words in the browser and from the server,
 * and importing this module never brings valibot into a bundle. onboarding-checks.test.ts
 * holds the checks to the schemas.
 */

export const CUSTOMER_NUMBER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;
export const ZIP_PATTERN = /^[A-Za-z0-9 -]{2,12}$/;
export const PHONE_PATTERN = /^[0-9+().\s-]{4,25}$/;
export const PHONE_MIN_DIGITS = 4;
export const PHONE_MAX_DIGITS = 15;
/** After spaces are removed and letters upper-cased (how the key is compared). */
export const REGISTRATION_KEY_PATTERN = /^[A-Z0-9-]{4,40}$/;
/** The account identifier's digits (after spaces, brackets, dots, plus and dashes are removed). */
export const IDENTIFIER_DIGITS_PATTERN = /^\d{4,15}$/;
/** The email pattern of the schema library's `email` action (valibot), so both accept the same addresses. */
export const EMAIL_PATTERN = /^[\w+-]+(?:\.[\w+-]+)*@[\da-zA-Z]+(?:[.-][\da-zA-Z]+)*\.[a-zA-Z]{2,}$/u;
export const EMAIL_MAX_LENGTH = 254;
export const ONBOARDING_NAME_MAX = 60;
export const COMPANY_MAX = 120;
export const ACCESS_MESSAGE_MAX = 1000;

export const atMost = (max: number) => `Use at most ${max} characters.`;

/** Every message the onboarding forms can show for a field, as the schemas word them. */
export const ONBOARDING_MESSAGES = {
  registrationKeyMissing: 'Enter the registration key from your invoice.',
  registrationKeyInvalid: 'The registration key is 4 to 40 letters, digits or dashes, as printed at the bottom of your invoice.',
  customerNumberMissing: 'Enter your customer number.',
  customerNumberInvalid: 'Use 1 to 40 letters, digits, dots, dashes or slashes.',
  zipMissing: 'Enter your ZIP or postal code.',
  zipInvalid: 'Enter a valid ZIP or postal code.',
  registerFirstNameMissing: 'Enter your first name as your provider has it.',
  firstNameMissing: 'Enter your first name.',
  lastNameMissing: 'Enter your last name.',
  phoneMissing: 'Enter your phone number, area code included.',
  phoneCharacters: 'Enter a phone number using digits, spaces, dashes or brackets.',
  phoneDigits: `A phone number has ${PHONE_MIN_DIGITS} to ${PHONE_MAX_DIGITS} digits.`,
  emailMissing: 'Enter your email address.',
  emailInvalid: 'Enter a valid email address.',
  companyMissing: 'Enter the company or property you need access for.',
  identifierMissing: 'Enter your account identifier.',
  identifierInvalid: 'The account identifier is 4 to 15 digits.',
} as const;

const M = ONBOARDING_MESSAGES;

type Problem = string | undefined;

function name(value: string, missing: string): Problem {
  const v = value.trim();
  if (!v) return missing;
  return v.length > ONBOARDING_NAME_MAX ? atMost(ONBOARDING_NAME_MAX) : undefined;
}

/** A customer number's problem (empty counts as missing). */
export function customerNumberProblem(value: string): Problem {
  const v = value.trim();
  if (!v) return M.customerNumberMissing;
  return CUSTOMER_NUMBER_PATTERN.test(v) ? undefined : M.customerNumberInvalid;
}

export function zipProblem(value: string): Problem {
  const v = value.trim();
  if (!v) return M.zipMissing;
  return ZIP_PATTERN.test(v) ? undefined : M.zipInvalid;
}

/** A phone number's problem; `missing` is the message for an empty one. */
export function phoneProblem(value: string, missing: string = M.phoneMissing): Problem {
  const v = value.trim();
  if (!v) return missing;
  if (!PHONE_PATTERN.test(v)) return M.phoneCharacters;
  const digits = v.replace(/\D+/g, '').length;
  return digits < PHONE_MIN_DIGITS || digits > PHONE_MAX_DIGITS ? M.phoneDigits : undefined;
}

export function emailProblem(value: string): Problem {
  const v = value.trim();
  if (!v) return M.emailMissing;
  if (v.length > EMAIL_MAX_LENGTH) return atMost(EMAIL_MAX_LENGTH);
  return EMAIL_PATTERN.test(v) ? undefined : M.emailInvalid;
}

/** The registration key as it is compared: no spaces, upper case. */
export function normalizeRegistrationKey(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

export function registrationKeyProblem(value: string): Problem {
  const v = normalizeRegistrationKey(value);
  if (!v) return M.registrationKeyMissing;
  return REGISTRATION_KEY_PATTERN.test(v) ? undefined : M.registrationKeyInvalid;
}

/** The digits of an account identifier as people type it ("(555) 010-0100" → "5550100100"). */
export function identifierInputDigits(value: string): string {
  return value.replace(/[\s().+-]/g, '');
}

export function identifierProblem(value: string): Problem {
  const v = identifierInputDigits(value);
  if (!v) return M.identifierMissing;
  return IDENTIFIER_DIGITS_PATTERN.test(v) ? undefined : M.identifierInvalid;
}

/** Only the fields with a problem, in the order given (the order of the form). */
function collect(entries: Array<[string, Problem]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, problem] of entries) if (problem) out[field] = problem;
  return out;
}

export interface RegisterFields {
  registrationKey: string;
  customerNumber: string;
  zip: string;
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
}

/** The registration form's problems, by field, in the form's order (empty: nothing to fix). */
export function registerProblems(f: RegisterFields): Record<string, string> {
  return collect([
    ['registrationKey', registrationKeyProblem(f.registrationKey)],
    ['customerNumber', customerNumberProblem(f.customerNumber)],
    ['zip', zipProblem(f.zip)],
    ['firstName', name(f.firstName, M.registerFirstNameMissing)],
    ['lastName', name(f.lastName, M.lastNameMissing)],
    ['phone', phoneProblem(f.phone)],
    ['email', emailProblem(f.email)],
  ]);
}

export interface AccessRequestFields {
  firstName: string;
  lastName: string;
  email: string;
  /** Optional: empty is none. */
  phone: string;
  company: string;
  /** Optional: empty is none. */
  customerNumber: string;
  /** Optional: empty is none. */
  message: string;
}

/** The access request form's problems, by field, in the form's order. Empty optional fields are fine (they are not sent). */
export function accessRequestProblems(f: AccessRequestFields): Record<string, string> {
  const company = f.company.trim();
  return collect([
    ['firstName', name(f.firstName, M.firstNameMissing)],
    ['lastName', name(f.lastName, M.lastNameMissing)],
    ['email', emailProblem(f.email)],
    ['phone', f.phone.trim() ? phoneProblem(f.phone) : undefined],
    ['company', !company ? M.companyMissing : company.length > COMPANY_MAX ? atMost(COMPANY_MAX) : undefined],
    ['customerNumber', f.customerNumber.trim() ? customerNumberProblem(f.customerNumber) : undefined],
    ['message', f.message.trim().length > ACCESS_MESSAGE_MAX ? atMost(ACCESS_MESSAGE_MAX) : undefined],
  ]);
}

/** "Send me a new link": the account identifier and the email address the login email went to. */
export function resendProblems(f: { identifier: string; email: string }): Record<string, string> {
  return collect([
    ['identifier', identifierProblem(f.identifier)],
    ['email', emailProblem(f.email)],
  ]);
}
