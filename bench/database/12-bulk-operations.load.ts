import { bench, type AfterLoadContext } from 'vitest-load';
import { prepareDatabaseScenarios } from '../../fixtures/database-scenarios.ts';
import { queryLabDatabase } from '../../fixtures/lab-database.ts';
import { BULK_UPDATE_ROWS } from '../../fixtures/seed-bulk.ts';
import { bulkInsertPath, bulkUpdatePath, maxBulkItems } from '../../implementations/node-backend/src/index.ts';
import { variantSuite } from '../lab.ts';
import { targetsServing } from '../targets.ts';
import { waitForQuietDatabase } from './quiet-database.ts';

// Scenario 12: 1,000 rows written per request. Inserts one INSERT and commit per row, all
// INSERTs in one transaction, or one multi-row INSERT; updates one UPDATE per row (in one
// transaction) or one UPDATE joined with unnest(). beforeLoad empties bulk_inserts and puts
// bulk_updates back before each variant, and afterLoad checks every row a 2xx claimed.
const ROWS = maxBulkItems;
const BLOCKS = BULK_UPDATE_ROWS / ROWS;

/**
 * Every load of an insert variant writes SKUs of its own ("L7-000123"), so that afterLoad counts
 * this load's rows only. The body is made once per load and sent for each of its requests.
 */
let load = 0;
let insertBody = { marker: '', json: { items: [] as Array<{ sku: string; quantity: number; priceCents: number }> } };
const marker = (): string => `L${load}`;

function currentInsertBody() {
  if (insertBody.marker !== marker()) {
    const items = Array.from({ length: ROWS }, (_, index) => ({
      sku: `${marker()}-${String(index).padStart(6, '0')}`,
      quantity: index % 50,
      priceCents: 100 + index,
    }));
    insertBody = { marker: marker(), json: { items } };
  }
  return insertBody.json;
}

/**
 * Each update request takes the next block of 1,000 of the 10,000 seeded rows, so that
 * requests in flight together rarely touch the same rows: this measures the writes, not lock
 * waits. Each variant has its own sequence.
 */
function updateBodies(): () => { items: Array<{ id: number; quantity: number }> } {
  let sequence = 0;
  return () => {
    const block = sequence++ % BLOCKS;
    return {
      items: Array.from({ length: ROWS }, (_, index) => ({ id: block * ROWS + index + 1, quantity: sequence })),
    };
  };
}

/** The statement of each update variant, as pg_stat_statements begins it. */
const updateStatement: Record<string, string> = {
  'update row-by-row': 'UPDATE bulk_updates SET%',
  'update single-statement': 'UPDATE bulk_updates AS b%',
};
const statementRows = `SELECT coalesce(sum(rows), 0) AS rows FROM pg_stat_statements
  WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query LIKE $1`;

function okResponses(result: AfterLoadContext['result'] | undefined): number {
  return Object.entries(result?.statusCodes ?? {}).reduce(
    (sum, [status, count]) => (status.startsWith('2') ? sum + count : sum),
    0,
  );
}

/** Written rows between those the 2xx claimed and that plus what cut-off requests may have written. */
function expectRows(what: string, rows: number, answered: number, cutOff: number): void {
  const low = answered * ROWS;
  const high = (answered + cutOff) * ROWS;
  if (rows < low || rows > high)
    throw new Error(
      `${what}: ${rows} rows, but ${answered} requests answered 2xx for ${ROWS} rows each (${cutOff} cut off unanswered): expected ${low} to ${high}`,
    );
}

async function everyRowWritten({ variant, env, result, warmup }: AfterLoadContext): Promise<void> {
  const cutOff = result.unanswered + (warmup?.unanswered ?? 0);
  if (variant!.startsWith('insert')) {
    // This load's rows, of the warm-up and the measured phase.
    const [row] = await queryLabDatabase<{ rows: string }>(
      env.DATABASE_URL!,
      'SELECT count(*) AS rows FROM bulk_inserts WHERE sku LIKE $1',
      [`${marker()}-%`],
    );
    expectRows(`${variant}: bulk_inserts`, Number(row!.rows), okResponses(result) + okResponses(warmup), cutOff);
  } else {
    // An update leaves no count behind in the table; PostgreSQL's own count of the rows this
    // variant's UPDATE statement changed during the measured load (pg_stat_statements, reset at
    // its start) does.
    const [row] = await queryLabDatabase<{ rows: string }>(env.DATABASE_URL!, statementRows, [
      updateStatement[variant!],
    ]);
    expectRows(`${variant}: rows updated`, Number(row!.rows), okResponses(result), cutOff);
  }
}

bench.compare('12 bulk operations', {
  ...variantSuite,
  targets: targetsServing('12'),
  variants: {
    'insert row-by-row': { request: { method: 'POST', path: bulkInsertPath('row-by-row'), body: currentInsertBody } },
    'insert transaction': { request: { method: 'POST', path: bulkInsertPath('transaction'), body: currentInsertBody } },
    'insert multi-row': { request: { method: 'POST', path: bulkInsertPath('multi-row'), body: currentInsertBody } },
    'update row-by-row': { request: { method: 'POST', path: bulkUpdatePath('row-by-row'), body: updateBodies() } },
    'update single-statement': {
      request: { method: 'POST', path: bulkUpdatePath('single-statement'), body: updateBodies() },
    },
  },
  // Measured (6 rounds each, shared 2-core machine), p50: multi-row 18x (Express) and 22x
  // (Fastify) faster than one transaction of INSERTs, the single UPDATE 31x and 16x faster than
  // row by row. One transaction against a commit per row measured 1.0x (intervals 0.7x to 1.35x):
  // with fsync off a commit costs no flush, so no claim is made between them (docs/scenarios).
  expect: [
    { faster: 'insert multi-row', than: 'insert transaction', by: 6, figure: 'p50' },
    { faster: 'insert multi-row', than: 'insert row-by-row', by: 6, figure: 'p50' },
    { faster: 'update single-statement', than: 'update row-by-row', by: 4, figure: 'p50' },
  ],
  connections: 2,
  // A request is 1,000 rows of work (row by row most of a second): longer phases than the
  // lab's other comparisons, so that every round has enough responses for a p50.
  warmup: '1s',
  duration: '3s',
  beforeLoad: async ({ env }) => {
    await waitForQuietDatabase(env.DATABASE_URL!);
    await prepareDatabaseScenarios(env.DATABASE_URL!, ['bulk']);
    load++;
  },
  afterLoad: everyRowWritten,
});
