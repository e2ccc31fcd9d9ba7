import { bench } from 'vitest-load';
import { prepareDatabaseScenarios } from '../../fixtures/database-scenarios.ts';
import { SEEDED_USERS } from '../../fixtures/lab-database.ts';
import { seededRandom } from '../../fixtures/seeded-random.ts';
import { variantSuite } from '../lab.ts';
import { targetsServing } from '../targets.ts';

// Scenario 09: the 100,000 seeded users paged 20 at a time with OFFSET/LIMIT and with a cursor
// (keyset on id). Both variants read the same pages, drawn at random over all 5,000 of them, so
// that deep pages (where OFFSET reads and drops every row before the page) come up as often as
// shallow ones. Each variant has its own generator with the same seed: the same page sequence.
const LIMIT = 20;
const PAGES = SEEDED_USERS / LIMIT;

function randomPages(): () => number {
  const random = seededRandom(9);
  return () => 1 + Math.floor(random() * PAGES);
}
const offsetPage = randomPages();
const cursorPage = randomPages();

bench.compare('09 pagination', {
  ...variantSuite,
  targets: targetsServing('09'),
  variants: {
    offset: { request: { path: () => `/pagination/offset?page=${offsetPage()}&limit=${LIMIT}` } },
    // after=(P-1)*L is page P of the offset route.
    cursor: { request: { path: () => `/pagination/cursor?after=${(cursorPage() - 1) * LIMIT}&limit=${LIMIT}` } },
  },
  expect: [
    { faster: 'cursor', than: 'offset', by: 2, figure: 'p50' },
    { faster: 'cursor', than: 'offset', by: 1.5, figure: 'p95' },
  ],
  connections: 10,
  beforeLoad: ({ env }) => prepareDatabaseScenarios(env.DATABASE_URL!, ['pagination']),
});
