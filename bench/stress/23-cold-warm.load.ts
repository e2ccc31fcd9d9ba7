import { bench, type AfterLoadContext, type LoadHookContext } from 'vitest-load';
import { prepareCacheAndAuth } from '../../fixtures/cache-and-auth.ts';
import { evictDatabaseBuffers } from '../../fixtures/cold-database.ts';
import { SEEDED_USERS } from '../../fixtures/lab-database.ts';
import { readKeyspaceStats } from '../../fixtures/redis-stats.ts';
import { seededRandom } from '../../fixtures/seeded-random.ts';
import { labGate } from '../lab.ts';
import { targetsServing } from '../targets.ts';

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
// cold data: the same process once warmed up, but with the cache emptied and the buffers
//   evicted again just before its load: what is left of "cold" when only the data is.
// warm: the warmed-up process with every user of the working set in the cache.
// The two warm-process variants alternate after the cold one; the cache is set before each.

const WORKING_SET = 2_000;
const random = seededRandom(23);
const workingSet = Array.from({ length: WORKING_SET }, () => 1 + Math.floor(random() * SEEDED_USERS));
const read = { path: () => `/cache/users/${workingSet[Math.floor(random() * WORKING_SET)]!}/cached` };

/** Before each load (and warm-up): cold data for `cold` and `cold data`, the whole working set cached for `warm`. */
async function prepare({ variant, env }: LoadHookContext): Promise<void> {
  if (variant === 'warm') {
    await prepareCacheAndAuth(env, { warmUserIds: workingSet });
    return;
  }
  await prepareCacheAndAuth(env);
  await evictDatabaseBuffers(env.DATABASE_URL!);
}

/** The states were what the variants claim: the warm load all hits, the cold ones starting from an empty cache. */
async function checkCache({ variant, env, result }: AfterLoadContext): Promise<void> {
  const { hits, misses } = await readKeyspaceStats(env.REDIS_URL!);
  if (variant === 'warm' && misses !== 0)
    throw new Error(
      `warm: ${misses} cache misses (and ${hits} hits) for ${result.requests} reads; the whole working set was cached, so there must be none`,
    );
  // Every user of a cold load is missed the first time it is read: at least one miss per distinct user read.
  if (variant !== 'warm' && misses === 0)
    throw new Error(`${variant}: no cache miss for ${result.requests} reads from an emptied cache`);
}

bench.compare('23 cold start against warm', {
  targets: targetsServing('23'),
  gate: labGate,
  variants: {
    cold: { cold: true, request: { name: 'cold read', ...read } },
    'cold data': { request: { name: 'cold-data read', ...read } },
    warm: { request: { name: 'warm read', ...read } },
  },
  connections: 10,
  warmup: '3s',
  duration: '1s',
  rounds: { min: 3, max: 6 },
  // Measured on the busy 2-core machine, three runs of 3 to 6 rounds (docs/scenarios/23-cold-warm.md):
  // warm over cold 4.6-7.8× in p50 (lowest interval end 2.5×) and 2.3-4.5× in p95 (lowest end
  // 1.7×); cold data over cold 1.7-3.1× (1.35×), warm over cold data 2.2-3.5× (1.0×) in p50.
  expect: [
    { faster: 'warm', than: 'cold', by: 2, figure: 'p50' },
    { faster: 'warm', than: 'cold', by: 1.5, figure: 'p95' },
    { faster: 'cold data', than: 'cold', by: 1.2, figure: 'p50' },
    { faster: 'warm', than: 'cold data', by: 1, figure: 'p50' },
  ],
  beforeLoad: prepare,
  afterLoad: checkCache,
});
