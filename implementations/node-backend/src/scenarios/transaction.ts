// One connection for the statements of one request, given back to the pool whatever happens.
import type pg from 'pg';
import type { DatabasePool } from '../database.js';

/**
 * Runs `work` on a connection of its own. When `work` fails inside a transaction, the transaction
 * is rolled back; a connection whose rollback fails too is closed rather than pooled again.
 */
export async function withConnection<T>(pool: DatabasePool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // The pool listens for errors of idle connections only: a checked-out one whose server goes
  // away between two statements (PostgreSQL restarting) would raise an unhandled 'error' event,
  // which ends the process. Heard here, the connection is closed instead of pooled again.
  const onError = (error: Error): void => {
    broken ??= error;
  };
  client.on('error', onError);
  try {
    return await work(client);
  } catch (error) {
    broken ??= await rollback(client);
    throw error;
  } finally {
    client.removeListener('error', onError);
    client.release(broken);
  }
}

/** BEGIN, `work`, COMMIT on one connection; ROLLBACK when `work` or the COMMIT fails. */
export function inTransaction<T>(
  pool: DatabasePool,
  work: (client: pg.PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  return withConnection(pool, async (client) => {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  });
}

// Outside a transaction ROLLBACK only warns, so it is safe after any failure.
async function rollback(client: pg.PoolClient): Promise<Error | undefined> {
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
