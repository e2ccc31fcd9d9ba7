import pg from 'pg';
import type { QueryInsight } from '../measure/load-details.ts';

const TOP_STATEMENTS = 5;

/**
 * Per-statement figures from pg_stat_statements (preloaded in the embedded PostgreSQL) for the
 * measured load: reset before it, read after it. Tests run one at a time, so what is counted
 * in between is the target's. A server without the extension gives no insight, not an error.
 */
export async function resetStatements(databaseUrl: string): Promise<boolean> {
  return withClient(databaseUrl, async (client) => {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await client.query('SELECT pg_stat_statements_reset()');
    return true;
  }).catch(() => false);
}

export async function readStatements(databaseUrl: string, responses: number): Promise<QueryInsight | undefined> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ query: string; calls: string; total_ms: number; rows: string }>(
      `SELECT query, calls, total_exec_time AS total_ms, rows
         FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND query NOT ILIKE '%pg_stat_statements%'
        ORDER BY total_exec_time DESC`,
    );
    const calls = rows.reduce((sum, row) => sum + Number(row.calls), 0);
    return {
      queriesPerRequest: responses === 0 ? 0 : calls / responses,
      statements: rows.slice(0, TOP_STATEMENTS).map((row) => ({
        query: row.query.replace(/\s+/g, ' ').trim(),
        calls: Number(row.calls),
        totalMs: row.total_ms,
        meanMs: row.total_ms / Number(row.calls),
        rows: Number(row.rows),
      })),
    };
  }).catch(() => undefined);
}

async function withClient<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
