/**
 * How registration compares the name a person types with the names on the dealer's records
 * (the account name, call-list contacts, existing logins). Case, accents and apostrophes never
 * matter; last names must be equal; first names must be equal too, unless the dealer chose
 * 'nicknames', which also accepts the common short forms below (Jim for James).
 */

export type NameMatching = 'exact' | 'nicknames';

/**
 * Groups of first names that stand for one another under 'nicknames'. Kept small on purpose:
 * only forms nobody would doubt. A name may sit in several groups (Chris: Christopher and
 * Christine), and two names match when some group holds both.
 */
const NICKNAME_GROUPS: readonly (readonly string[])[] = [
  ['jim', 'jimmy', 'james'],
  ['bob', 'rob', 'robert'],
  ['bill', 'will', 'william'],
  ['liz', 'beth', 'elizabeth'],
  ['kate', 'katie', 'catherine', 'katherine'],
  ['mike', 'michael'],
  ['tom', 'thomas'],
  ['dave', 'david'],
  ['dan', 'daniel'],
  ['chris', 'christopher'],
  ['chris', 'christine'],
  ['sue', 'susan'],
  ['jen', 'jennifer'],
  ['tony', 'anthony'],
  ['joe', 'joseph'],
  ['matt', 'matthew'],
  ['steve', 'stephen', 'steven'],
  ['rick', 'dick', 'richard'],
  ['peggy', 'maggie', 'margaret'],
  ['sam', 'samuel'],
  ['sam', 'samantha'],
  ['alex', 'alexander'],
  ['alex', 'alexandra'],
];

/** A name as compared: no accents, lower case, no apostrophes or dots, one space between words ("&" kept as a word). */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`.]/g, '')
    .replace(/&/g, ' & ')
    .replace(/[^\p{L}\p{N}&-]+/gu, ' ')
    .trim();
}

/** Whether two first names (already folded) are the same person's under `mode`. */
export function sameFirstName(a: string, b: string, mode: NameMatching): boolean {
  if (a === b) return true;
  if (mode !== 'nicknames') return false;
  return NICKNAME_GROUPS.some((group) => group.includes(a) && group.includes(b));
}

/**
 * The people a name on the records stands for: its first names and its last name (folded).
 * "Dana Reyes", "Reyes, Dana" and a household such as "Dana & Chris Reyes" (or "Dana and
 * Chris Reyes") are understood; a middle name is not a first name. Without a comma the last
 * name is the last word, or the last `lastNameWords` words ("Van Buren"). Null when the name
 * has no first name to compare (one word).
 */
export function namesOnRecord(fullName: string, lastNameWords = 1): { firstNames: string[]; lastName: string } | null {
  const [firstPart, lastName] = splitName(fullName, lastNameWords);
  const firstNames = householdFirstNames(firstPart.split(' ').filter(Boolean));
  return lastName && firstNames.length ? { firstNames, lastName } : null;
}

/** The part before the last name and the last name, folded: "Last, First …" or "First … Last". */
function splitName(fullName: string, lastNameWords: number): [string, string] {
  const comma = fullName.indexOf(',');
  if (comma >= 0) return [foldName(fullName.slice(comma + 1)), foldName(fullName.slice(0, comma))];
  const words = foldName(fullName).split(' ');
  const n = words.length > lastNameWords ? lastNameWords : 1;
  return [words.slice(0, -n).join(' '), words.slice(-n).join(' ')];
}

/** The first word, and the first word after each "&" / "and" (a household's other people). */
function householdFirstNames(words: string[]): string[] {
  const firsts = new Set<string>();
  let next = true;
  for (const word of words) {
    if (word === '&' || word === 'and') next = true;
    else if (next) {
      firsts.add(word);
      next = false;
    }
  }
  return [...firsts];
}

/**
 * Whether the typed first and last name match a name on the records. The typed last name may
 * be several words ("Van Buren"); the typed first name compares by its first word.
 */
export function nameMatches(typed: { firstName: string; lastName: string }, recordName: string, mode: NameMatching): boolean {
  const last = foldName(typed.lastName);
  const first = foldName(typed.firstName).split(' ')[0] ?? '';
  if (!last || !first) return false;
  const record = namesOnRecord(recordName, last.split(' ').length);
  return record !== null && record.lastName === last && record.firstNames.some((f) => sameFirstName(first, f, mode));
}
