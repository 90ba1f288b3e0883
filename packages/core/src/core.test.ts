import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from 'valibot';
import { idTime, isId, newId } from './ids.js';
import { normalizeUsername, phoneDigits, randomIdentifier } from './text.js';
import { ErrorCodes, PorchlightError } from './errors.js';
import { Identifier, LoginRequest, Branding, assertKey, StoreKeyError } from './index.js';

test('ids sort by creation time, carry their time, and are never the same', () => {
  const ids = Array.from({ length: 2000 }, (_, i) => newId(1_700_000_000_000 + Math.floor(i / 100)));
  assert.deepEqual([...ids].sort(), ids, 'sorting ids sorts them by creation');
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(ids.every(isId));
  assert.equal(idTime(ids[0]!), 1_700_000_000_000);
  assert.ok(!isId('0'.repeat(25)) && !isId('I'.repeat(26)) && !isId('../etc/passwd'));
});

test('identifiers: phone digits, typed with punctuation, random ones are 8 digits never starting with 0', () => {
  assert.equal(phoneDigits('(555) 010-0100'), '5550100100');
  assert.equal(v.parse(Identifier, ' 555-0100 '), '5550100');
  assert.equal(v.safeParse(Identifier, '55a0100').success, false);
  assert.equal(v.safeParse(Identifier, '123').success, false);
  for (let i = 0; i < 200; i++) assert.match(randomIdentifier(), /^[1-9]\d{7}$/);
});

test('usernames compare after NFKC and case folding', () => {
  assert.equal(normalizeUsername(' Ｄａｎａ '), 'dana');
  assert.equal(normalizeUsername('MANAGER'), normalizeUsername('manager'));
  assert.equal(normalizeUsername('e\u0301'), normalizeUsername('\u00e9'));
});

test('requests are strict: unknown fields are refused, control characters in usernames too', () => {
  assert.equal(v.safeParse(LoginRequest, { identifier: '5550100', username: 'a', password: 'b', role: 'manager' }).success, false);
  assert.equal(v.safeParse(LoginRequest, { identifier: '5550100', username: 'a\u0000b', password: 'b' }).success, false);
  assert.equal(v.safeParse(LoginRequest, { identifier: '5550100', username: 'dana', password: 'x'.repeat(257) }).success, false);
});

test('branding refuses values that could escape into CSS or scripts', () => {
  assert.equal(v.safeParse(Branding, { colors: { primary: 'red;} body{display:none' } }).success, false);
  assert.equal(v.safeParse(Branding, { logoUrl: 'javascript:alert(1)' }).success, false);
  assert.equal(v.safeParse(Branding, { logoUrl: '//evil.example/x.png' }).success, false);
  assert.equal(v.safeParse(Branding, { font: 'Inter; background:url(x)' }).success, false);
  assert.equal(v.safeParse(Branding, { logoUrl: 'https://cdn.example/logo.svg', colors: { primary: '#0b5d7a' }, font: 'Inter, sans-serif' }).success, true);
});

test('errors carry a stable code, the HTTP status and field messages', () => {
  const e = new PorchlightError('VALIDATION_FAILED', undefined, { fields: { zip: 'Enter a valid ZIP.' } });
  assert.equal(e.status, 400);
  assert.deepEqual(e.toJSON(), { error: { code: 'VALIDATION_FAILED', message: ErrorCodes.VALIDATION_FAILED.message, fields: { zip: 'Enter a valid ZIP.' } } });
  for (const [code, { status }] of Object.entries(ErrorCodes)) assert.ok(status >= 400 && status < 600, code);
});

test('store keys are colon-joined safe segments', () => {
  for (const good of ['a', 'acct:lakeside:01h', 'x.y:z-1~_']) assert.doesNotThrow(() => assertKey(good));
  for (const bad of ['', 'a::b', ':a', 'a:', '..', 'a:..:b', 'a/b', 'a b', 'é', 'x'.repeat(600)]) assert.throws(() => assertKey(bad), StoreKeyError, bad);
});
