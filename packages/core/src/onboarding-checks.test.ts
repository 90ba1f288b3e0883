import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from 'valibot';
import {
  accessRequestProblems,
  ONBOARDING_MESSAGES as M,
  registerProblems,
  resendProblems,
  type AccessRequestFields,
  type RegisterFields,
} from './onboarding-checks.js';
import { AccessRequestInput, RegisterRequest, ResendLoginEmailRequest } from './schemas/onboarding.js';

/** The first message per field, as the server's error mapping picks it (http/body.ts). */
function schemaProblems(schema: v.GenericSchema, input: object): Record<string, string> {
  const result = v.safeParse(schema, input);
  const out: Record<string, string> = {};
  if (result.success) return out;
  for (const issue of result.issues) {
    const path = v.getDotPath(issue) ?? '';
    out[path] ??= issue.message;
  }
  return out;
}

const okRegister: RegisterFields = {
  registrationKey: 'hv7k-2m9q',
  customerNumber: 'LA-1001',
  zip: '02134',
  firstName: 'Dana',
  lastName: 'Reyes',
  phone: '(555) 010-0100',
  email: 'dana@harborview.example',
};

/** Values each field may take in the table; each is tried alone on an otherwise valid form. */
const registerValues: Record<keyof RegisterFields, string[]> = {
  registrationKey: ['HV7K 2M9Q', 'abc', 'x'.repeat(41), 'HV7K_2M9Q', 'ключ-1234', '  hv7k-2m9q  '],
  customerNumber: ['LA-1001', '.LA', 'LA 1001', 'a'.repeat(40), 'a'.repeat(41), 'LA/10.01_x', ' LA-1 '],
  zip: ['02134', 'K1A 0B6', '1', '12345678901234', '02134!', ' 02134 '],
  firstName: ['James', ' ', 'J'.repeat(60), 'J'.repeat(61), ' Jo '],
  lastName: ['Reyes', '   ', 'R'.repeat(61)],
  phone: ['555-0100', '(555) 010-0100', '123', '+1 555 010 0100 0000 1', '555-CALL', '1234567890123456', ' 5550 '],
  email: ['dana@example.com', 'dana', 'dana@example', 'a b@example.com', `${'a'.repeat(250)}@example.com`, ' dana@example.com ', 'dana.reyes+portal@mail.example.co'],
};

test('registration: the browser checks give the schema\'s message for every field, whatever is typed', () => {
  assert.deepEqual(registerProblems(okRegister), {});
  assert.deepEqual(schemaProblems(RegisterRequest, { ...okRegister }), {});
  for (const [field, values] of Object.entries(registerValues) as Array<[keyof RegisterFields, string[]]>) {
    for (const value of values) {
      const input = { ...okRegister, [field]: value };
      assert.deepEqual(registerProblems(input), schemaProblems(RegisterRequest, input), `${field} = ${JSON.stringify(value)}`);
    }
  }
});

test('registration: empty fields get the schema\'s "missing" words (the schema refuses them too)', () => {
  const empty = Object.fromEntries(Object.keys(okRegister).map((k) => [k, ''])) as unknown as RegisterFields;
  assert.deepEqual(registerProblems(empty), {
    registrationKey: M.registrationKeyMissing,
    customerNumber: M.customerNumberMissing,
    zip: M.zipMissing,
    firstName: M.registerFirstNameMissing,
    lastName: M.lastNameMissing,
    phone: M.phoneMissing,
    email: M.emailMissing,
  });
  // Empty, the schema refuses every field as well (with a pattern's words where it has no "missing" step).
  assert.deepEqual(Object.keys(schemaProblems(RegisterRequest, empty)).sort(), Object.keys(empty).sort());
});

const okAccess: AccessRequestFields = {
  firstName: 'Pat',
  lastName: 'Doe',
  email: 'pat@example.com',
  phone: '',
  company: 'Maple Court HOA',
  customerNumber: '',
  message: '',
};

/** What the element sends: empty optional fields left out. */
function accessBody(f: AccessRequestFields): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(f)) if (value.trim() || !['phone', 'customerNumber', 'message'].includes(k)) out[k] = value;
  return out;
}

test('access request: same messages as the schema; empty optional fields are fine', () => {
  assert.deepEqual(accessRequestProblems(okAccess), {});
  assert.deepEqual(schemaProblems(AccessRequestInput, accessBody(okAccess)), {});
  const values: Partial<Record<keyof AccessRequestFields, string[]>> = {
    firstName: ['', 'P'.repeat(61)],
    email: ['pat', 'pat@example', ' pat@example.com '],
    lastName: [' '],
    phone: ['555-0100', '12', 'call me'],
    company: ['', ' ', 'C'.repeat(121), 'C'.repeat(120)],
    customerNumber: ['LA-1001', '-LA'],
    message: ['Please add me.', 'm'.repeat(1001), `${'m'.repeat(1000)}  `],
  };
  for (const [field, list] of Object.entries(values) as Array<[keyof AccessRequestFields, string[]]>) {
    for (const value of list) {
      const input = { ...okAccess, [field]: value };
      const browser = accessRequestProblems(input);
      const schema = schemaProblems(AccessRequestInput, accessBody(input));
      assert.deepEqual(browser, schema, `${field} = ${JSON.stringify(value)}`);
    }
  }
});

test('resend: identifier and email, the schema\'s words', () => {
  assert.deepEqual(resendProblems({ identifier: '(555) 010-0', email: 'dana@example.com' }), {});
  assert.deepEqual(schemaProblems(ResendLoginEmailRequest, { identifier: '(555) 010-0', email: 'dana@example.com' }), {});
  for (const identifier of ['12', '555-01a0', '1234567890123456']) {
    const input = { identifier, email: 'x' };
    assert.deepEqual(resendProblems(input), schemaProblems(ResendLoginEmailRequest, input), identifier);
  }
  assert.deepEqual(resendProblems({ identifier: '', email: '' }), { identifier: M.identifierMissing, email: M.emailMissing });
});
