// The database pool of the /users routes, made here so that every implementation talks to
// PostgreSQL through the same driver (pg) with the same pool settings.
import pg from 'pg';
import type { AppOptions } from './app-options.js';
import { HttpError } from '@lab/contract';

export type DatabasePool = pg.Pool;

/**
 * How long a query waits for a connection, a new one or a pooled one set free, before it fails
 * (and its request is a 500): a database that is unreachable or a pool that is exhausted must
 * not leave requests hanging.
 */
export const databaseConnectTimeoutMs = 5000;

export type DatabasePoolOptions = Pick<AppOptions, 'databaseUrl' | 'databasePoolSize'> &
  Partial<Pick<AppOptions, 'databasePoolTimeoutMs'>>;

/**
 * `databasePoolTimeoutMs` (DATABASE_POOL_TIMEOUT_MS, default databaseConnectTimeoutMs) bounds the
 * wait for a connection: pg's connectionTimeoutMillis bounds both the wait for a pooled one to be
 * set free and the opening of a new one, so a short setting also needs a quick database.
 */
export function createDatabasePool({
  databaseUrl,
  databasePoolSize,
  databasePoolTimeoutMs = databaseConnectTimeoutMs,
}: DatabasePoolOptions): DatabasePool {
  // Connections are opened on first use, so an app can be built without a database to hand.
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: databasePoolSize,
    connectionTimeoutMillis: databasePoolTimeoutMs,
  });
  // An idle connection that breaks (the server restarts) is reported here; unheard, the
  // 'error' event would end the process. The pool has already dropped that connection.
  pool.on('error', (error) => console.error('an idle database connection failed:', error));
  return pool;
}

export const poolExhaustedMessage = 'no database connection was free in time: the pool is exhausted, try again';
export const databaseBusyMessage = 'the database did not accept a new connection in time, try again';
export const databaseUnavailableMessage = 'the database is unavailable, try again';

// pg-pool's error when a query waited in its queue for connectionTimeoutMillis with every
// connection busy (pg-pool/index.js).
const poolQueueTimeout = 'timeout exceeded when trying to connect';
// pg-pool's and pg's errors when opening a new connection took longer than that: the database
// answers, but too slowly.
const connectTimeouts = new Set(['Connection terminated due to connection timeout', 'timeout expired']);
// A database that is away (restarting, failing over): the connection is refused or reset, the
// server ends it (admin_shutdown, crash_shutdown, cannot_connect_now while it starts up or shuts
// down; SQLSTATE class 08, connection exception), or it breaks under a statement, after which pg
// refuses further statements on it. The request may well succeed a moment later.
const unavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03']);
const connectionLost = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
]);

/**
 * A query that got no connection within DATABASE_POOL_TIMEOUT_MS, because every pooled one was
 * busy or because opening a new one took too long, is overload, not a fault; a database that is
 * away for a moment is not the request's fault either: both are the contract's 503 (with
 * `retry-after: 1`), which a client may retry, rather than a 500. Anything else: undefined.
 */
export function retryableDatabaseError(error: unknown): HttpError | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error.message === poolQueueTimeout) return new HttpError(503, poolExhaustedMessage, { 'retry-after': '1' });
  if (connectTimeouts.has(error.message)) return new HttpError(503, databaseBusyMessage, { 'retry-after': '1' });
  const code = (error as Error & { code?: unknown }).code;
  if (
    (typeof code === 'string' && (unavailableCodes.has(code) || code.startsWith('08'))) ||
    connectionLost.has(error.message)
  )
    return new HttpError(503, databaseUnavailableMessage, { 'retry-after': '1' });
  return undefined;
}

/** The 400 of a text value PostgreSQL cannot store: text holds no NUL character (U+0000). */
export const nulCharacterMessage = 'body must not contain the character U+0000, which PostgreSQL text cannot store';

// character_not_in_repertoire ("invalid byte sequence for encoding UTF8: 0x00") and
// untranslatable_character: what PostgreSQL answers for a NUL in a text parameter.
const invalidTextCodes = new Set(['22021', '22P05']);

/**
 * A statement PostgreSQL refused for a value of the request that JSON allows but text does not
 * (a "\u0000" in a string): the request's fault, a 400, not a 500. Anything else: undefined.
 */
export function databaseInputError(error: unknown): HttpError | undefined {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && invalidTextCodes.has(code) ? new HttpError(400, nulCharacterMessage) : undefined;
}
