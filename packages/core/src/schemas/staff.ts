import * as v from 'valibot';
import { Actor, Email, Id, PersonName, Timestamp, Username } from './common.js';
import { PermissionList } from './account.js';
import { PublicUser } from './account.js';
import { AUDIT_ACTIONS } from './audit.js';
import { ACTIVITY_KINDS, type ActivityKind } from '../limits.js';

/**
 * The staff manager: an account's manager (or staff holding `staff.manage`) adds office staff,
 * sets what each may do, disables, re-enables and removes them. Role, account and dealer come
 * from the session and the path, never from a body.
 */
export const CreateStaffRequest = v.pipe(
  v.strictObject({
    name: PersonName,
    username: Username,
    email: v.optional(v.nullable(Email)),
    /** Only a manager may add another manager. Default staff. */
    role: v.optional(v.picklist(['staff', 'manager'], 'The role is staff or manager.')),
    /** Default: view only (STAFF_DEFAULT_PERMISSIONS). Ignored for managers, who hold everything the account allows. */
    permissions: v.optional(PermissionList),
    /** A temporary password the person must change at first login … */
    password: v.optional(v.string()),
    /** … or send them an emailed link to choose one (needs `email`). */
    sendSetPasswordLink: v.optional(v.boolean()),
  }),
  v.check((r) => Boolean(r.password) !== Boolean(r.sendSetPasswordLink), 'Give an initial password or ask for a set-password link (one of the two).'),
  v.check((r) => !r.sendSetPasswordLink || Boolean(r.email), 'Add an email address to send the set-password link to.'),
);
export type CreateStaffRequest = v.InferInput<typeof CreateStaffRequest>;

export const UpdateStaffRequest = v.strictObject({
  name: v.optional(PersonName),
  email: v.optional(v.nullable(Email)),
  role: v.optional(v.picklist(['staff', 'manager'], 'The role is staff or manager.')),
  permissions: v.optional(PermissionList),
});
export type UpdateStaffRequest = v.InferInput<typeof UpdateStaffRequest>;

export const StaffList = v.object({ items: v.array(PublicUser) });
export type StaffList = v.InferOutput<typeof StaffList>;

/** Answer to a staff action that changes no fields (end sessions, send reset link). */
export const StaffActionResponse = v.object({ ok: v.literal(true), message: v.string(), user: PublicUser });
export type StaffActionResponse = v.InferOutput<typeof StaffActionResponse>;

// ---- activity -------------------------------------------------------------------------

export const ActivityQuery = v.strictObject({
  /** Only what this user did (including a dealer admin emulating them). */
  person: v.optional(Id),
  kind: v.optional(v.picklist(Object.keys(ACTIVITY_KINDS) as ActivityKind[], `Use one of: ${Object.keys(ACTIVITY_KINDS).join(', ')}.`)),
  limit: v.optional(v.pipe(v.string(), v.transform(Number), v.integer('limit is a whole number.'), v.minValue(1), v.maxValue(100))),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(400))),
});

/** One line of the account's activity, as its manager sees it (no addresses). */
export const ActivityEntry = v.object({
  id: Id,
  at: Timestamp,
  action: v.picklist(AUDIT_ACTIONS),
  actor: Actor,
  summary: v.string(),
  target: v.optional(v.object({ type: v.string(), id: v.string() })),
});
export type ActivityEntry = v.InferOutput<typeof ActivityEntry>;

export const ActivityPage = v.object({ items: v.array(ActivityEntry), cursor: v.nullable(v.string()) });
export type ActivityPage = v.InferOutput<typeof ActivityPage>;
