import * as v from 'valibot';
import { Actor, Id, PersonName, Timestamp } from './common.js';
import { Phone } from './account.js';

/**
 * The account's emergency call list: who the monitoring centre calls, in order, when an alarm
 * goes off. Reading it needs no permission; adding and changing needs `records.modify`,
 * deleting `records.delete`. Every contact says who created and last changed it.
 */
export const Contact = v.object({
  id: Id,
  accountId: Id,
  name: v.string(),
  phone: v.string(),
  relation: v.nullable(v.string()),
  /** Whether this person holds keys to the premises. */
  hasKeys: v.boolean(),
  notes: v.nullable(v.string()),
  /** Call order, 1 first. */
  priority: v.number(),
  createdAt: Timestamp,
  createdBy: Actor,
  updatedAt: Timestamp,
  updatedBy: Actor,
});
export type Contact = v.InferOutput<typeof Contact>;

const Relation = v.pipe(v.string(), v.trim(), v.maxLength(60, 'Use at most 60 characters.'));
const Notes = v.pipe(v.string(), v.trim(), v.maxLength(500, 'Use at most 500 characters.'));
const Priority = v.pipe(v.number('The call order is a number.'), v.integer('The call order is a whole number.'), v.minValue(1, 'The call order starts at 1.'), v.maxValue(99, 'The call order is at most 99.'));

export const CreateContactRequest = v.strictObject({
  name: PersonName,
  phone: v.pipe(v.string('Enter a phone number.'), Phone),
  relation: v.optional(v.nullable(Relation)),
  hasKeys: v.optional(v.boolean()),
  notes: v.optional(v.nullable(Notes)),
  /** Default: after the last contact. */
  priority: v.optional(Priority),
});
export type CreateContactRequest = v.InferInput<typeof CreateContactRequest>;

export const UpdateContactRequest = v.strictObject({
  name: v.optional(PersonName),
  phone: v.optional(v.pipe(v.string('Enter a phone number.'), Phone)),
  relation: v.optional(v.nullable(Relation)),
  hasKeys: v.optional(v.boolean()),
  notes: v.optional(v.nullable(Notes)),
  priority: v.optional(Priority),
});
export type UpdateContactRequest = v.InferInput<typeof UpdateContactRequest>;

export const ContactList = v.object({ items: v.array(Contact) });
export type ContactList = v.InferOutput<typeof ContactList>;
