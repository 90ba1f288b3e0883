import { isStoreError, StoreUnavailableError } from '@porchlight/core';

/** What node-postgres and Node's sockets put on the errors they throw. */
interface DriverError {
  code?: unknown;
  message?: unknown;
  errors?: unknown;
}

const codeOf = (error: unknown): string => {
  const e = error as DriverError | null;
  if (e && typeof e.code === 'string') return e.code;
  // Node's "happy eyeballs" connect answers an AggregateError holding one error per address.
  if (e && Array.isArray(e.errors)) for (const inner of e.errors) if (typeof (inner as DriverError)?.code === 'string') return (inner as { code: string }).code;
  return '';
};
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Socket-level codes meaning "no connection could be made or it broke". */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

/**
 * True when the connection a query ran on was lost (the server ended it, it was reset), as
 * opposed to a refused connection, a timeout or an error the server answered with. Only then
 * is a read worth one immediate retry on another connection.
 */
export function isConnectionLost(error: unknown): boolean {
  const code = codeOf(error);
  if (code === '57P01' || code === '57P02' || code === '08006' || code === '08003' || code === '08000') return true;
  if (code === 'ECONNRESET' || code === 'EPIPE') return true;
  const message = messageOf(error);
  return /Connection terminated unexpectedly|Client has encountered a connection error|Connection terminated$/.test(message);
}

/**
 * Turns any failure of the database or the connection into StoreUnavailableError (with the
 * original as `cause` and a message saying what to check); the Store's own errors pass through.
 */
export function toStoreError(error: unknown, context: { table: string; statementTimeoutMs: number }): Error {
  if (isStoreError(error)) return error;
  const code = codeOf(error);
  const message = messageOf(error);
  const fail = (text: string) => new StoreUnavailableError(`PostgreSQL store: ${text}`, { cause: error });

  if (code === '42P01' || code === '3F000') {
    return fail(`the table ${context.table} does not exist; run migrate() before using the store (${message}).`);
  }
  if (code === '57014') return fail(`the statement was cancelled after the statement timeout (${context.statementTimeoutMs} ms) (${message}).`);
  if (message === 'Query read timeout') return fail(`the database did not answer within ${context.statementTimeoutMs} ms plus a grace second.`);
  if (/timeout exceeded when trying to connect|connection timeout/i.test(message)) {
    return fail(`could not get a connection in time: the database is unreachable or the pool is exhausted (${message}).`);
  }
  if (code === 'ECONNREFUSED') return fail(`the database refused the connection; is PostgreSQL running at that address? (${message})`);
  if (SOCKET_CODES.has(code)) return fail(`network error talking to the database (${code}: ${message}).`);
  if (code === '57P01' || code === '57P02' || code === '57P03') return fail(`the database is shutting down, restarting or starting up (${code}: ${message}).`);
  if (code.startsWith('08') || isConnectionLost(error)) return fail(`the connection to the database was lost (${code || 'connection'}: ${message}).`);
  if (code.startsWith('53')) return fail(`the database is out of resources, e.g. too many connections (${code}: ${message}).`);
  if (code.startsWith('28')) return fail(`the database refused the credentials (${code}: ${message}).`);
  if (code === '40001' || code === '40P01') return fail(`a transient conflict inside the database; retry (${code}: ${message}).`);
  if (/after calling end on the pool|pool is ending|Client was closed/i.test(message)) return fail(`the connection pool has been closed (${message}).`);
  return fail(`the database failed${code ? ` (${code})` : ''}: ${message}`);
}
