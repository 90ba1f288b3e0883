/**
 * Table names and every SQL statement the store runs, in one place (the tests EXPLAIN them).
 *
 * Layout (one table, default `porchlight_store`):
 *
 * | column       | type                     | holds                                             |
 * | ------------ | ------------------------ | ------------------------------------------------- |
 * | `key`        | `text COLLATE "C"` (PK)  | the Store key; "C" makes order = code-unit order  |
 * | `value`      | `json`                   | the JSON value or counter (null for bytes)        |
 * | `bytes`      | `bytea`                  | raw bytes (null for a JSON value)                 |
 * | `version`    | `bigint`                 | from the sequence `<table>_version_seq`           |
 * | `expires_at` | `timestamptz` null       | database clock; null = never                      |
 *
 * `json`, not `jsonb`: json keeps the text exactly as written (key order, duplicate-free
 * `__proto__` keys, and the `\u0000` escape, which jsonb refuses). Plus a partial index on
 * `expires_at` for sweeping, and `<table>_schema`, one row holding the schema version.
 *
 * Every statement is a single statement with parameters (no session state, no explicit
 * transaction), so it works through PgBouncer in transaction mode too. Expiry always uses the
 * database clock (`now()`), never the application servers' clocks.
 */

/** Table and schema names: letters, digits and `_`, starting with a letter or `_`. */
export const TABLE_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/;
export const SCHEMA_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
export const DEFAULT_TABLE = 'porchlight_store';

export interface Names {
  schema: string | undefined;
  table: string;
  /** Quoted and schema-qualified. */
  qTable: string;
  qMeta: string;
  qSeq: string;
  /** The sequence as a string literal for nextval(). */
  seqLiteral: string;
  /** Unqualified (an index lives in its table's schema). */
  qExpiresIndex: string;
  qSchema: string | undefined;
}

const quote = (name: string) => `"${name}"`;

export function names(table = DEFAULT_TABLE, schema?: string): Names {
  if (typeof table !== 'string' || !TABLE_PATTERN.test(table)) {
    throw new TypeError(`postgresStore: \`table\` must be 1-40 letters, digits or _ (not starting with a digit); got ${JSON.stringify(table)}.`);
  }
  if (schema !== undefined && (typeof schema !== 'string' || !SCHEMA_PATTERN.test(schema))) {
    throw new TypeError(`postgresStore: \`schema\` must be 1-63 letters, digits or _ (not starting with a digit); got ${JSON.stringify(schema)}.`);
  }
  const qualify = (name: string) => (schema === undefined ? quote(name) : `${quote(schema)}.${quote(name)}`);
  const qSeq = qualify(`${table}_version_seq`);
  return {
    schema,
    table,
    qTable: qualify(table),
    qMeta: qualify(`${table}_schema`),
    qSeq,
    // Names are checked above: no quote can appear inside the literal.
    seqLiteral: `'${qSeq}'`,
    qExpiresIndex: quote(`${table}_expires_at_idx`),
    qSchema: schema === undefined ? undefined : quote(schema),
  };
}

/** A row is live while it has no expiry or its expiry is still ahead (database clock). */
const LIVE = `(expires_at IS NULL OR expires_at > now())`;
/** `$n` seconds from now, or null (no expiry) when the parameter is null. */
const expiry = (param: string) => `now() + ${param}::float8 * interval '1 second'`;

export interface Statements {
  get: string;
  getMany: string;
  put: string;
  insert: string;
  compareAndSet: string;
  delete: string;
  deleteIfVersion: string;
  /** $1 lower bound (exclusive), $2 upper bound (exclusive), $3 limit. */
  listForward: string;
  listReverse: string;
  increment: string;
  getBytes: string;
  putBytes: string;
  /** $1 batch size; deletes up to that many expired rows. */
  sweep: string;
}

export function statements(n: Names): Statements {
  const t = n.qTable;
  const nextVersion = `nextval(${n.seqLiteral})`;
  // INSERT … ON CONFLICT: atomic for one key, whatever other sessions do at the same time.
  const upsertValue = `INSERT INTO ${t} AS s (key, value, bytes, version, expires_at)
    VALUES ($1, $2::json, NULL, ${nextVersion}, ${expiry('$3')})
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, bytes = NULL, version = excluded.version, expires_at = excluded.expires_at`;
  const list = (direction: 'ASC' | 'DESC') => `SELECT key, value, version FROM ${t}
    WHERE key > $1 AND key < $2 AND value IS NOT NULL AND ${LIVE}
    ORDER BY key ${direction} LIMIT $3`;
  // A counter starts over (value `by`, a new window) when it is absent, expired or not a number.
  const fresh = `(s.expires_at <= now() OR json_typeof(s.value) IS DISTINCT FROM 'number')`;
  return {
    get: `SELECT value, version FROM ${t} WHERE key = $1 AND value IS NOT NULL AND ${LIVE}`,
    getMany: `SELECT key, value, version FROM ${t} WHERE key = ANY($1::text[]) AND value IS NOT NULL AND ${LIVE}`,
    put: `${upsertValue} RETURNING version`,
    // Only an expired row may be replaced; a live one makes the statement return no row.
    insert: `${upsertValue} WHERE s.expires_at <= now() RETURNING version`,
    compareAndSet: `UPDATE ${t} SET value = $2::json, bytes = NULL, version = ${nextVersion}, expires_at = ${expiry('$3')}
    WHERE key = $1 AND version = $4::bigint AND ${LIVE} RETURNING version`,
    // An expired row is removed too, but does not count as deleted.
    delete: `DELETE FROM ${t} WHERE key = $1 RETURNING ${LIVE} AS live`,
    deleteIfVersion: `DELETE FROM ${t} WHERE key = $1 AND version = $2::bigint AND ${LIVE}`,
    listForward: list('ASC'),
    listReverse: list('DESC'),
    increment: `INSERT INTO ${t} AS s (key, value, bytes, version, expires_at)
    VALUES ($1, to_json($2::float8), NULL, ${nextVersion}, ${expiry('$3')})
    ON CONFLICT (key) DO UPDATE SET
      value = CASE WHEN ${fresh} THEN excluded.value ELSE to_json(s.value::text::float8 + $2::float8) END,
      expires_at = CASE WHEN ${fresh} THEN excluded.expires_at ELSE s.expires_at END,
      bytes = NULL,
      version = excluded.version
    RETURNING value`,
    getBytes: `SELECT encode(bytes, 'hex') AS hex FROM ${t} WHERE key = $1 AND bytes IS NOT NULL AND ${LIVE}`,
    putBytes: `INSERT INTO ${t} AS s (key, value, bytes, version, expires_at)
    VALUES ($1, NULL, $2::bytea, ${nextVersion}, ${expiry('$3')})
    ON CONFLICT (key) DO UPDATE SET value = NULL, bytes = excluded.bytes, version = excluded.version, expires_at = excluded.expires_at`,
    sweep: `DELETE FROM ${t} WHERE key IN (
      SELECT key FROM ${t} WHERE expires_at <= now() LIMIT $1 FOR UPDATE SKIP LOCKED
    ) AND expires_at <= now()`,
  };
}

/** DDL of each schema version, applied in order by migrate(). Never edit a shipped entry: add one. */
export const MIGRATIONS: readonly ((n: Names) => string[])[] = [
  // 1: the table, its version sequence and the expiry index.
  (n) => [
    `CREATE SEQUENCE IF NOT EXISTS ${n.qSeq} AS bigint`,
    `CREATE TABLE IF NOT EXISTS ${n.qTable} (
      key text COLLATE "C" NOT NULL PRIMARY KEY,
      value json,
      bytes bytea,
      version bigint NOT NULL,
      expires_at timestamptz,
      CONSTRAINT ${`"${n.table}_one_payload"`} CHECK ((value IS NULL) <> (bytes IS NULL))
    )`,
    `ALTER SEQUENCE ${n.qSeq} OWNED BY ${n.qTable}.version`,
    `CREATE INDEX IF NOT EXISTS ${n.qExpiresIndex} ON ${n.qTable} (expires_at) WHERE expires_at IS NOT NULL`,
  ],
];

/** The schema version this code writes and reads. */
export const SCHEMA_VERSION = MIGRATIONS.length;
