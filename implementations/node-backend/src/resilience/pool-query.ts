// The flash sale's connection pool scenario: GET /pool/query?ms=N runs one statement that holds a
// pooled connection for N ms (pg_sleep: a stand-in for a query of that duration), so that a load
// can count exactly how many connections it needs. With every connection busy for longer than
// DATABASE_POOL_TIMEOUT_MS, a request is a fast 503 (retryableDatabaseError) instead of a wait.
import type { FromSchema } from 'json-schema-to-ts';
import type { DatabasePool } from '../database.js';
import { loadQueries } from '../sql.js';
import { PoolQuery, PoolQueryResponse } from '@lab/contract/openapi';

export const maxPoolQueryMs = 1000;
export const defaultPoolQueryMs = 10;

/** GET /pool/query?ms=N: how long the statement holds its connection, 0 to 1000 ms (default 10). */
export const poolQuerySchema = PoolQuery;

/** What the statement did: how long it slept in the database. */
export const poolQueryResponseSchema = PoolQueryResponse;

export type PoolQuery = FromSchema<typeof poolQuerySchema>;
export type PoolQueryResponse = FromSchema<typeof poolQueryResponseSchema>;

// One round trip; the sleep is in seconds, and the statement answers what it was given.
// implementations/sql/resilience.sql's pool_sleep, given the milliseconds twice.
const { sleep: sleepStatement } = loadQueries('resilience', { sleep: 'pool_sleep' });

export async function holdConnection(pool: DatabasePool, ms: number = defaultPoolQueryMs): Promise<PoolQueryResponse> {
  const { rows } = await pool.query<{ sleptMs: number }>(sleepStatement, [ms, ms]);
  return { sleptMs: rows[0]!.sleptMs };
}

export function poolQueryPath(ms: number): string {
  return `/pool/query?ms=${ms}`;
}
