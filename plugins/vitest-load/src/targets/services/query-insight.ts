import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import type { QueryInsight } from '../../measure/load-details.ts';
import type { StatementPlan } from '../../measure/query-plan.ts';
import { explainCostliest } from './query-plans.ts';

const TOP_STATEMENTS = 5;
/** resetWhenQuiet waits for this many quiet samples in a row, this far apart, this long at most. */
const QUIET_SAMPLES = 3;
const QUIET_SAMPLE_MS = 20;
const QUIET_MAX_MS = 2000;
/** Statements kept per load for the statements check: far more than any route runs. */
const COUNTED_STATEMENTS = 50;

/** One statement's figures over a counted period (pg_stat_statements, normalised text). */
export interface StatementTally {
  query: string;
  calls: number;
  totalMs: number;
  rows: number;
  /** The statement as PostgreSQL holds it, line breaks and all: what EXPLAIN is given (a `--` comment ends at one). */
  text?: string;
}

/**
 * Per-statement figures from pg_stat_statements (preloaded in the embedded PostgreSQL) for the
 * measured load: reset before it, read after it, on one connection kept for the load. Tests run
 * one at a time, so what is counted in between is the target's (or, in a same-job duet, the side
 * whose slice it was). A server without the extension gives no counter, not an error.
 */
export class StatementCounter {
  private constructor(private readonly client: pg.Client) {}

  static async open(databaseUrl: string): Promise<StatementCounter | undefined> {
    const client = new pg.Client({ connectionString: databaseUrl });
    // Held through the load: a fault that stops PostgreSQL ends this connection, and an 'error'
    // nobody listens to would end the test worker. The count of that round is lost instead.
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      const counter = new StatementCounter(client);
      await counter.resetWhenQuiet();
      return counter;
    } catch {
      await client.end().catch(() => undefined);
      return undefined;
    }
  }

  /**
   * Resets the counts once the database has been quiet for a moment: requests of the load before
   * (cut off in flight when it ended, still running their statements on the server) would
   * otherwise be counted for this one. Quiet means no other backend of this database active in
   * QUIET_SAMPLES samples in a row, QUIET_SAMPLE_MS apart; it waits QUIET_MAX_MS at most.
   */
  async resetWhenQuiet(): Promise<void> {
    let quiet = 0;
    for (const started = Date.now(); quiet < QUIET_SAMPLES && Date.now() - started < QUIET_MAX_MS;) {
      const { rows } = await this.client.query<{ active: string }>(
        `SELECT count(*) AS active FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`,
      );
      quiet = Number(rows[0]?.active ?? 0) === 0 ? quiet + 1 : 0;
      if (quiet < QUIET_SAMPLES) await delay(QUIET_SAMPLE_MS);
    }
    await this.reset();
  }

  /** Resets the counts now (between a duet's slices, which follow each other at once by design). */
  async reset(): Promise<void> {
    await this.client.query('SELECT pg_stat_statements_reset()');
  }

  /** Every statement counted since the last reset, most total time first. */
  async read(): Promise<StatementTally[]> {
    const { rows } = await this.client.query<{ query: string; calls: string; total_ms: number; rows: string }>(
      `SELECT query, calls, total_exec_time AS total_ms, rows
         FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND query NOT ILIKE '%pg_stat_statements%'
        ORDER BY total_exec_time DESC`,
    );
    return rows.map((row) => ({
      query: row.query.replace(/\s+/g, ' ').trim(),
      calls: Number(row.calls),
      totalMs: row.total_ms,
      rows: Number(row.rows),
      text: row.query,
    }));
  }

  /** Generic plans of the costliest statements counted (`tallies`, most time first); after the load, never during it. */
  async plans(tallies: StatementTally[]): Promise<StatementPlan[]> {
    return explainCostliest(this.client, tallies);
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}

/** Adds tallies of the same statements read at several moments (the slices of a duet). */
export function addTallies(...lists: StatementTally[][]): StatementTally[] {
  const byQuery = new Map<string, StatementTally>();
  for (const tally of lists.flat()) {
    const known = byQuery.get(tally.query);
    byQuery.set(
      tally.query,
      known
        ? {
            query: tally.query,
            calls: known.calls + tally.calls,
            totalMs: known.totalMs + tally.totalMs,
            rows: known.rows + tally.rows,
            ...(known.text === undefined ? {} : { text: known.text }),
          }
        : { ...tally },
    );
  }
  return [...byQuery.values()].sort((a, b) => b.totalMs - a.totalMs);
}

/** What a report shows of a load's statements: per request, and the costliest few. */
export function queryInsight(tallies: StatementTally[], responses: number, plans?: StatementPlan[]): QueryInsight {
  const calls = tallies.reduce((sum, tally) => sum + tally.calls, 0);
  return {
    ...(plans && plans.length > 0 ? { plans } : {}),
    queriesPerRequest: responses === 0 ? 0 : calls / responses,
    statements: tallies.slice(0, TOP_STATEMENTS).map((tally) => ({
      query: tally.query,
      calls: tally.calls,
      totalMs: tally.totalMs,
      meanMs: tally.totalMs / tally.calls,
      rows: tally.rows,
    })),
  };
}

/** Calls of each statement, the most called first (at most 50): what the statements check compares, per request. */
export function callsByStatement(tallies: StatementTally[]): Record<string, number> {
  const top = [...tallies].sort((a, b) => b.calls - a.calls).slice(0, COUNTED_STATEMENTS);
  return Object.fromEntries(top.map((tally) => [tally.query, tally.calls]));
}
