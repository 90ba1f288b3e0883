/**
 * Profile routes for the element tests, registered on a fake API through its `on` hook: the
 * profile of the signed-in fake user, PATCH with the server's rules (strict schema, current
 * password for email and phone, emulation refused for them, a new email only pending), and
 * the email confirmation (`good-token` works once).
 */
import * as v from 'valibot';
import { UpdateProfileRequest, type Profile } from '@porchlight/core';
import { apiError, json, type FakeApi, type FakeCall, type FakeUser } from '../testing/fake-api.js';

export interface FakeProfile {
  profile: Profile;
  /** PATCH bodies received. */
  updates: any[];
}

export function withProfile(api: FakeApi, user: FakeUser, start: Partial<Profile> = {}, o: { emulated?: boolean } = {}): FakeProfile {
  const state: FakeProfile = {
    profile: {
      userId: api.idOf(user),
      username: user.username,
      name: user.name,
      email: user.email ?? null,
      pendingEmail: null,
      phone: null,
      mailingAddress: null,
      billingAddress: null,
      useCompanyAddress: false,
      companyAddress: null,
      updatedAt: '2026-01-01T00:00:00.000Z',
      ...start,
    },
    updates: [],
  };
  const signedIn = (call: FakeCall) => /^Bearer .+/.test(call.headers.authorization ?? '');
  api.on('GET /v1/profile', (call) => (signedIn(call) ? json(state.profile) : apiError('UNAUTHENTICATED', 'Log in to continue.', 401)));
  api.on('PATCH /v1/profile', (call) => {
    if (!signedIn(call)) return apiError('UNAUTHENTICATED', 'Log in to continue.', 401);
    state.updates.push(call.body);
    const parsed = v.safeParse(UpdateProfileRequest, call.body);
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const issue of parsed.issues) fields[v.getDotPath(issue) ?? '(body)'] ??= issue.message;
      return apiError('VALIDATION_FAILED', 'Some fields are missing or not valid.', 400, fields);
    }
    const input = parsed.output;
    const p = state.profile;
    const sensitive = (input.phone !== undefined && input.phone !== p.phone) || (input.email !== undefined && input.email !== p.email);
    if (sensitive) {
      if (o.emulated) return apiError('EMULATION_FORBIDDEN', 'This cannot be done while emulating a user.', 403);
      if (input.currentPassword !== user.password) {
        return apiError('WRONG_PASSWORD', 'The current password is not right.', 400, { currentPassword: 'The current password is not right.' });
      }
    }
    const newEmail = input.email !== undefined && input.email !== p.email ? input.email : null;
    state.profile = {
      ...p,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      ...(input.mailingAddress !== undefined ? { mailingAddress: input.mailingAddress } : {}),
      ...(input.billingAddress !== undefined ? { billingAddress: input.billingAddress } : {}),
      ...(input.useCompanyAddress !== undefined ? { useCompanyAddress: input.useCompanyAddress } : {}),
      ...(newEmail ? { pendingEmail: newEmail } : {}),
    };
    return json({ profile: state.profile, confirmationSentTo: newEmail });
  });
  let used = false;
  api.on('POST /v1/profile/email/confirm', ({ body }) => {
    if (body?.token !== 'good-token' || used) return apiError('INVALID_TOKEN', 'This link is not valid or has expired. Ask for a new one.', 400);
    used = true;
    const email = state.profile.pendingEmail ?? 'new@harborview.example';
    state.profile = { ...state.profile, email, pendingEmail: null };
    return json({ ok: true, email, message: `Your email is now ${email}.` });
  });
  return state;
}
