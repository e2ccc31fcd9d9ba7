import { bench, type AfterLoadContext } from 'vitest-load';
import { prepareDatabaseScenarios } from '../../fixtures/database-scenarios.ts';
import { queryLabDatabase } from '../../fixtures/lab-database.ts';
import { BULK_UPDATE_ROWS } from '../../fixtures/seed-bulk.ts';
import { bulkInsertPath, bulkUpdatePath, maxBulkItems } from '../../implementations/contract/src/index.ts';
import { variantSuite } from '../lab.ts';

// Scenario 12: 1,000 rows written per request. Inserts one INSERT and commit per row, all
// INSERTs in one transaction, or one multi-row INSERT; updates one UPDATE per row (in one
// transaction) or one UPDATE joined with unnest(). beforeLoad empties bulk_inserts and puts
// bulk_updates back before each variant, and afterLoad checks every row a 2xx claimed.
const ROWS = maxBulkItems;
const BLOCKS = BULK_UPDATE_ROWS / ROWS;

const insertBody = {
  items: Array.from({ length: ROWS }, (_, index) => ({ sku: `SKU-${String(index).padStart(6, '0')}`, quantity: index % 50, priceCents: 100 + index })),
};

/**
 * Each update request takes the next block of 1,000 of the 10,000 seeded rows, so that
 * requests in flight together rarely touch the same rows: this measures the writes, not lock
 * waits. Each variant has its own sequence.
 */
function updateBodies(): () => { items: Array<{ id: number; quantity: number }> } {
  let sequence = 0;
  return () => {
    const block = sequence++ % BLOCKS;
    return { items: Array.from({ length: ROWS }, (_, index) => ({ id: block * ROWS + index + 1, quantity: sequence })) };
  };
}

const statementRows = `SELECT coalesce(sum(rows), 0) AS rows FROM pg_stat_statements
  WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query ILIKE $1`;

function okResponses(result: AfterLoadContext['result'] | undefined): number {
  return Object.entries(result?.statusCodes ?? {}).reduce((sum, [status, count]) => (status.startsWith('2') ? sum + count : sum), 0);
}

/** Written rows between those the 2xx claimed and that plus what cut-off requests may have written. */
function expectRows(what: string, rows: number, answered: number, cutOff: number): void {
  const low = answered * ROWS;
  const high = (answered + cutOff) * ROWS;
  if (rows < low || rows > high) throw new Error(`${what}: ${rows} rows, but ${answered} requests answered 2xx for ${ROWS} rows each (${cutOff} cut off unanswered): expected ${low} to ${high}`);
}

async function everyRowWritten({ variant, env, result, warmup }: AfterLoadContext): Promise<void> {
  const cutOff = result.unanswered + (warmup?.unanswered ?? 0);
  if (variant!.startsWith('insert')) {
    // The table was emptied before the warm-up: it holds the rows of both phases.
    const [row] = await queryLabDatabase<{ rows: string }>(env.DATABASE_URL!, 'SELECT count(*) AS rows FROM bulk_inserts');
    expectRows(`${variant}: bulk_inserts`, Number(row!.rows), okResponses(result) + okResponses(warmup), cutOff);
  } else {
    // An update leaves no count behind in the table; PostgreSQL's own count of the rows its
    // UPDATE statements changed during the measured load (pg_stat_statements, reset at its start) does.
    const [row] = await queryLabDatabase<{ rows: string }>(env.DATABASE_URL!, statementRows, ['UPDATE bulk_updates%']);
    expectRows(`${variant}: rows updated`, Number(row!.rows), okResponses(result), cutOff);
  }
}

bench.compare('12 bulk operations', {
  ...variantSuite,
  variants: {
    'insert row-by-row': { request: { method: 'POST', path: bulkInsertPath('row-by-row'), body: insertBody } },
    'insert transaction': { request: { method: 'POST', path: bulkInsertPath('transaction'), body: insertBody } },
    'insert multi-row': { request: { method: 'POST', path: bulkInsertPath('multi-row'), body: insertBody } },
    'update row-by-row': { request: { method: 'POST', path: bulkUpdatePath('row-by-row'), body: updateBodies() } },
    'update single-statement': { request: { method: 'POST', path: bulkUpdatePath('single-statement'), body: updateBodies() } },
  },
  expect: [
    { faster: 'insert transaction', than: 'insert row-by-row', by: 1, figure: 'p50' },
    { faster: 'insert multi-row', than: 'insert transaction', by: 1, figure: 'p50' },
    { faster: 'update single-statement', than: 'update row-by-row', by: 1, figure: 'p50' },
  ],
  connections: 4,
  beforeLoad: ({ env }) => prepareDatabaseScenarios(env.DATABASE_URL!, ['bulk']),
  afterLoad: everyRowWritten,
});
