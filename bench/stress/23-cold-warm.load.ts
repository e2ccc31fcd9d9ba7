import { bench, type LoadHookContext } from 'vitest-load';
import { prepareCacheAndAuth } from '../../fixtures/cache-and-auth.ts';
import { evictDatabaseBuffers } from '../../fixtures/cold-database.ts';
import { SEEDED_USERS } from '../../fixtures/lab-database.ts';
import { seededRandom } from '../../fixtures/seeded-random.ts';
import { labGate } from '../lab.ts';
import { allImplementations } from '../targets.ts';

// Scenario 23, cold against warm: the first second of a freshly started implementation against
// the same second once it is warm. The route is the cache-aside read of one user
// (GET /cache/users/{id}/cached: Redis, then PostgreSQL on a miss, then a SET), over a working set
// of 2,000 users spread over the table.
//
// cold: measured first in every round, right after the start, with no warm-up (`cold: true`):
//   a new process (code not yet optimised by the JIT, no pooled connections: each new PostgreSQL
//   backend starts with empty catalog caches), an empty user cache in Redis, and every page of
//   the lab database evicted from PostgreSQL's shared buffers (pg_buffercache_evict). Not cold:
//   the operating system's page cache (the pages come from memory, not disk) and the
//   PostgreSQL server itself, which the whole run shares; see docs/scenarios/23-cold-warm.md.
// warm: the same requests after a 3 s warm-up of the same process, which fills the cache and
//   the pool.

const WORKING_SET = 2_000;
const random = seededRandom(23);
const workingSet = Array.from({ length: WORKING_SET }, () => 1 + Math.floor(random() * SEEDED_USERS));
const read = { path: () => `/cache/users/${workingSet[Math.floor(random() * WORKING_SET)]!}/cached` };

/** Before the cold load: no cached users, no lab pages in shared buffers. The warm load takes the target as the warm-up left it. */
async function makeCold({ variant, env }: LoadHookContext): Promise<void> {
  if (variant !== 'cold') return;
  await prepareCacheAndAuth(env);
  await evictDatabaseBuffers(env.DATABASE_URL!);
}

bench.compare('23 cold start against warm', {
  targets: allImplementations,
  gate: labGate,
  variants: {
    cold: { cold: true, request: { name: 'cold read', ...read } },
    warm: { request: { name: 'warm read', ...read } },
  },
  connections: 10,
  warmup: '3s',
  duration: '1s',
  rounds: { min: 3, max: 6 },
  // Measured (docs/scenarios/23-cold-warm.md): FILL IN
  expect: [
    { faster: 'warm', than: 'cold', by: 1.5, figure: 'p50' },
    { faster: 'warm', than: 'cold', by: 1.5, figure: 'p95' },
  ],
  beforeLoad: makeCold,
});
