import { randomUUID } from 'node:crypto';
import { bench, type AfterLoadContext } from 'vitest-load';
import { queryLabDatabase, SEEDED_USERS } from '../../fixtures/lab-database.ts';
import { labSuite } from '../lab.ts';
import { targetsServing } from '../targets.ts';

// Scenario 04, db-write: INSERT in a transaction. Every request creates a user with an email
// no other request uses, so that afterwards the table can say whether anything was lost.

const run = randomUUID().slice(0, 8);
let sequence = 0;

/** Nothing lost under load: a row for every 201 the load generator counted, and no duplicates. */
async function everyCreatedUserIsStored({ env, result, warmup }: AfterLoadContext): Promise<void> {
  const created = (result.statusCodes['201'] ?? 0) + (warmup?.statusCodes['201'] ?? 0);
  // Requests cut off when a load phase stopped may have been stored without an answer.
  const cutOff = result.unanswered + (warmup?.unanswered ?? 0);
  const [row] = await queryLabDatabase<{ rows: string; emails: string }>(
    env.DATABASE_URL!,
    'SELECT count(*) AS rows, count(DISTINCT email) AS emails FROM users WHERE id > $1',
    [SEEDED_USERS],
  );
  const rows = Number(row!.rows);
  if (rows !== Number(row!.emails))
    throw new Error(`duplicates: ${rows} rows written but only ${row!.emails} distinct emails`);
  if (rows < created || rows > created + cutOff) {
    throw new Error(
      `lost writes: the load counted ${created} users created (${cutOff} requests cut off unanswered) but the table holds ${rows} new rows`,
    );
  }
}

bench.load('04 POST /users', {
  ...labSuite,
  targets: targetsServing('04'),
  request: {
    method: 'POST',
    path: '/users',
    body: () => ({ email: `load-${run}-${++sequence}@example.test`, name: 'Load Test', country: 'DE' }),
  },
  connections: 10,
  afterLoad: everyCreatedUserIsStored,
});
