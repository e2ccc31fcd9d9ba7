// The database pool of the /users routes, made here so that every implementation talks to
// PostgreSQL through the same driver (pg) with the same pool settings.
import pg from 'pg';
import type { AppOptions } from './app-options.js';

export type DatabasePool = pg.Pool;

/**
 * How long a query waits for a connection, a new one or a pooled one set free, before it fails
 * (and its request is a 500): a database that is unreachable or a pool that is exhausted must
 * not leave requests hanging.
 */
export const databaseConnectTimeoutMs = 5000;

export function createDatabasePool({ databaseUrl, databasePoolSize }: Pick<AppOptions, 'databaseUrl' | 'databasePoolSize'>): DatabasePool {
  // Connections are opened on first use, so an app can be built without a database to hand.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: databasePoolSize, connectionTimeoutMillis: databaseConnectTimeoutMs });
  // An idle connection that breaks (the server restarts) is reported here; unheard, the
  // 'error' event would end the process. The pool has already dropped that connection.
  pool.on('error', (error) => console.error('an idle database connection failed:', error));
  return pool;
}
