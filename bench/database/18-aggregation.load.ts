import { bench } from 'vitest-load';
import { prepareDatabaseScenarios } from '../../fixtures/database-scenarios.ts';
import { seededRandom } from '../../fixtures/seeded-random.ts';
import { SEEDED_AUTHORS } from '../../fixtures/seed-authors.ts';
import {
  aggregationPath,
  type AggregationName,
  type AggregationVariantName,
} from '../../implementations/node-backend/src/index.ts';
import { variantSuite } from '../lab.ts';
import { targetsServing } from '../targets.ts';

// Scenario 18: COUNT, GROUP BY country and JOIN + GROUP BY author over the same 200,000 posts,
// from a table without and one with the indexes these queries need. Each aggregation is its
// own pair of variants, so that each claim is about one query. Values are drawn at random (the
// same sequence for both tables): countries of the seed, months of 2024, pages of 20 authors.
const COUNTRIES = ['DE', 'FR', 'NL', 'GB', 'US', 'ES', 'IT', 'SE', 'PL', 'JP', 'BR', 'IN'];
const LIMIT = 20;

const queryOf: Record<AggregationName, (random: () => number) => string> = {
  count: (random) => `country=${COUNTRIES[Math.floor(random() * COUNTRIES.length)]}`,
  'by-country': (random) => `month=2024-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`,
  'by-author': (random) => `page=${1 + Math.floor(random() * (SEEDED_AUTHORS / LIMIT))}&limit=${LIMIT}`,
};

function variant(table: AggregationVariantName, aggregation: AggregationName) {
  const random = seededRandom(18);
  return { request: { path: () => `${aggregationPath(table, aggregation)}?${queryOf[aggregation](random)}` } };
}

bench.compare('18 aggregation', {
  ...variantSuite,
  targets: targetsServing('18'),
  variants: {
    'count unindexed': variant('unindexed', 'count'),
    'count indexed': variant('indexed', 'count'),
    'by-country unindexed': variant('unindexed', 'by-country'),
    'by-country indexed': variant('indexed', 'by-country'),
    'by-author unindexed': variant('unindexed', 'by-author'),
    'by-author indexed': variant('indexed', 'by-author'),
  },
  // Measured (3 rounds each, shared 2-core machine), indexed over unindexed, Express and Fastify:
  // count 13x and 15x in p50, 9.5x and 10x in p95; by-country 5.2x and 5.0x, 4.5x and 4.5x;
  // by-author 8.8x and 9.1x, 5.3x and 6.3x. Claimed below the lowest ends of the intervals.
  expect: [
    { faster: 'count indexed', than: 'count unindexed', by: 5, figure: 'p50' },
    { faster: 'count indexed', than: 'count unindexed', by: 4, figure: 'p95' },
    { faster: 'by-country indexed', than: 'by-country unindexed', by: 2.5, figure: 'p50' },
    { faster: 'by-country indexed', than: 'by-country unindexed', by: 2, figure: 'p95' },
    { faster: 'by-author indexed', than: 'by-author unindexed', by: 3, figure: 'p50' },
    { faster: 'by-author indexed', than: 'by-author unindexed', by: 2, figure: 'p95' },
  ],
  connections: 10,
  beforeLoad: ({ env }) => prepareDatabaseScenarios(env.DATABASE_URL!, ['aggregation']),
});
