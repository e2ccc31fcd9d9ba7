import type pg from 'pg';
import {
  flagPlan,
  planRoot,
  seqScannedTables,
  type PlannedTable,
  type StatementPlan,
} from '../../measure/query-plan.ts';

/** The costliest statements whose plans a report shows: most of a load's database time is in the first few. */
const PLANNED_STATEMENTS = 3;
/** A plan is asked of the database after the load; this bounds each ask, so that a stuck lock cannot hold the run. */
const PLAN_TIMEOUT_MS = 2000;
/** Statements that have a plan; BEGIN, COMMIT, SET and the like have none and are passed over. */
const PLANNABLE = /^\s*(?:\/\*[\s\S]*?\*\/\s*)*(select|insert|update|delete|merge|with|values|table)\b/i;

/**
 * Plans of the `PLANNED_STATEMENTS` costliest plannable statements (`tallies`, most time first),
 * from `EXPLAIN (GENERIC_PLAN)` (PostgreSQL 16+): the normalised text with its `$1 …` is planned
 * as a prepared statement's generic plan would be, without parameters and without running
 * anything. Called after the measured load, so it cannot disturb what decides the verdict. A
 * statement PostgreSQL cannot plan this way (a parameter whose type it cannot infer) gets its
 * message instead of a plan.
 */
export async function explainCostliest(
  client: pg.Client,
  tallies: Array<{ query: string; text?: string }>,
): Promise<StatementPlan[]> {
  const chosen = tallies.filter((tally) => PLANNABLE.test(tally.text ?? tally.query)).slice(0, PLANNED_STATEMENTS);
  if (chosen.length === 0) return [];
  await client.query(`SET statement_timeout = ${PLAN_TIMEOUT_MS}`);
  await stopTrackingThisSession(client);
  const plans: StatementPlan[] = [];
  for (const tally of chosen) plans.push(await explainOne(client, tally.query, tally.text ?? tally.query));
  return plans;
}

/**
 * The plans' own EXPLAINs must not count as the target's statements: a suite's check after the
 * load reads pg_stat_statements too (the lab's N+1 suite counted 1 to 5 statements too many).
 * Tracking is off for this session only; setting it needs a superuser (the embedded PostgreSQL's
 * is), and where it is refused the EXPLAINs show in pg_stat_statements under their own text.
 */
async function stopTrackingThisSession(client: pg.Client): Promise<void> {
  try {
    await client.query(`SET pg_stat_statements.track = 'none'`);
  } catch {
    // Not a superuser: nothing else to do.
  }
}

async function explainOne(client: pg.Client, query: string, text: string): Promise<StatementPlan> {
  try {
    const json = await client.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (GENERIC_PLAN, VERBOSE, FORMAT JSON) ${text}`);
    const root = planRoot(json.rows[0]?.['QUERY PLAN']);
    const lines = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (GENERIC_PLAN) ${text}`);
    const tableRows: Record<string, number> = {};
    for (const table of seqScannedTables(root)) {
      const rows = await estimatedRows(client, table);
      if (rows !== undefined) tableRows[table.name] = rows;
    }
    return {
      query,
      kind: 'generic',
      text: lines.rows.map((row) => row['QUERY PLAN']).join('\n'),
      flags: flagPlan(root, tableRows),
    };
  } catch (error) {
    return { query, kind: 'generic', flags: [], error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The planner's estimate of a table's rows: the plan of reading it whole. Its statistics where
 * the table was analysed, otherwise its pages times the rows that fit in one, so a table filled
 * just before the load (never analysed yet, `reltuples` -1) is sized too.
 */
async function estimatedRows(client: pg.Client, table: PlannedTable): Promise<number | undefined> {
  const name = [table.schema, table.name]
    .filter((part) => part !== undefined)
    .map((part) => client.escapeIdentifier(part))
    .join('.');
  try {
    const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) SELECT * FROM ${name}`);
    return planRoot(rows[0]?.['QUERY PLAN'])['Plan Rows'];
  } catch {
    return undefined;
  }
}
