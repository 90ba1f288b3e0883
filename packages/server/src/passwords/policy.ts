import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PorchlightError } from '@porchlight/core';
import { COMMON_PASSWORDS } from './common.js';

/**
 * The rules for a new password (NIST SP 800-63B): at least 8 characters, at most 256 (refused
 * before hashing), no composition rules, not one of the most common passwords, and not the
 * username or the account identifier. Throws WEAK_PASSWORD naming the field.
 */
export function checkNewPassword(password: string, context: { username?: string; identifier?: string } = {}, field = 'newPassword'): void {
  const fail = (message: string) => {
    throw new PorchlightError('WEAK_PASSWORD', message, { fields: { [field]: message } });
  };
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) fail(`Use at least ${PASSWORD_MIN_LENGTH} characters.`);
  if (password.length > PASSWORD_MAX_LENGTH) fail(`Use at most ${PASSWORD_MAX_LENGTH} characters.`);
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(password)) fail('This password is too common. Choose one that is harder to guess.');
  if (context.username && lower === context.username.toLowerCase()) fail('Do not use your username as your password.');
  if (context.identifier && password.replace(/\D/g, '') === context.identifier && /^[\d\s()+.-]+$/.test(password)) {
    fail('Do not use the account identifier as your password.');
  }
}
