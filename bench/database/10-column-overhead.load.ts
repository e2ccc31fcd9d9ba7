import { bench } from 'vitest-load';
import { prepareDatabaseScenarios } from '../../fixtures/database-scenarios.ts';
import { seededRandom } from '../../fixtures/seeded-random.ts';
import { COLUMN_TABLE_ROWS } from '../../fixtures/seed-columns.ts';
import {
  columnsPath,
  columnVariantNames,
  type ColumnVariantName,
} from '../../implementations/node-backend/src/index.ts';
import { variantSuite } from '../lab.ts';
import { targetsServing } from '../targets.ts';

// Scenario 10: what `SELECT *` costs. Pages of 100 rows (a large page, so that the columns
// rather than the round trip dominate) from 5-, 20- and 50-column copies of the same users, the
// wide ones also read with the 5 columns a list needs, and 5-column tables of one type each.
// Every variant reads the same random pages of its 10,000 rows (its own generator, same seed).
const LIMIT = 100;

function randomPages(variant: ColumnVariantName): () => string {
  const random = seededRandom(10);
  return () => `${columnsPath(variant)}?after=${Math.floor(random() * (COLUMN_TABLE_ROWS - LIMIT))}&limit=${LIMIT}`;
}

bench.compare('10 column overhead', {
  ...variantSuite,
  targets: targetsServing('10'),
  variants: Object.fromEntries(
    columnVariantNames.map((variant) => [variant, { request: { path: randomPages(variant) } }]),
  ),
  // Measured (6 rounds each, shared 2-core machine): narrow/extra-wide 4.3x express, 7.9x
  // fastify; projection/extra-wide 4.2x, 6.5x; narrow/wide 2.5x, 4.1x; projection/wide 2.6x, 3.5x;
  // integer/timestamp 2.1x, 3.0x; integer/jsonb 1.9x, 1.8x. Claimed with margin below the intervals.
  expect: [
    { faster: 'narrow', than: 'extra-wide', by: 2, figure: 'p50' },
    { faster: 'extra-wide-projection', than: 'extra-wide', by: 2, figure: 'p50' },
    { faster: 'narrow', than: 'wide', by: 1.3, figure: 'p50' },
    { faster: 'wide-projection', than: 'wide', by: 1.3, figure: 'p50' },
    { faster: 'integer', than: 'timestamp', by: 1.3, figure: 'p50' },
    { faster: 'integer', than: 'jsonb', by: 1.2, figure: 'p50' },
  ],
  connections: 10,
  beforeLoad: ({ env }) => prepareDatabaseScenarios(env.DATABASE_URL!, ['columns']),
});
