import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { withConnection } from './transaction.js';

describe('withConnection', () => {
  const pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 });
  afterAll(() => pool.end());

  it('survives the server closing a connection it holds between two statements, and pools a fresh one after', async () => {
    const finished = withConnection(pool, async (client) => {
      const [{ pid }] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows as [
        { pid: number },
      ];
      // What a PostgreSQL restart does to every connection: the server ends it while no statement runs.
      await pool.query('SELECT pg_terminate_backend($1)', [pid]);
      await delay(200);
      return client.query('SELECT 1');
    });
    await expect(finished).rejects.toThrow();
    const { rows } = await withConnection(pool, (client) => client.query<{ answer: number }>('SELECT 42 AS answer'));
    expect(rows[0]?.answer).toBe(42);
  });
});
