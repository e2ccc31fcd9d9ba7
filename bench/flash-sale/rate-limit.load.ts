import { bench, type AfterLoadContext, type LoadHookContext } from 'vitest-load';
import { withRedis } from '../../fixtures/redis-stats.ts';
import { SEEDED_USERS } from '../../fixtures/lab-database.ts';
import { limitedUserPath, rateLimitClientHeader } from '../../implementations/node-backend/src/index.ts';
import { prepareDatabase, variantSuite } from '../lab.ts';
import { countOf, implementationsWith } from './resilience-targets.ts';

// The flash sale's rate limiting: GET /limited/users/:id allows each client (x-client-id) 30
// requests per 250 ms window, 120 a second (short windows, so that a 1 s load spans several and
// the share refused settles). An open-model load sends 400 requests per second, always with each
// polite client at 50 per second, under half its limit: alone, 8 polite clients; with a noisy
// client, 4 polite ones and the noisy one at 200 per second, 1.7 times its limit, so that about
// 40% of its requests are refused with a 429 before they reach the database. afterLoad checks
// that the noisy client got 429s and no polite client got one, and prints the polite clients'
// latency, which is what the comparison is about.
const limitPerWindow = 30;
const windowMs = 250;
const ratePerSecond = 400;
const targets = implementationsWith({ RATE_LIMIT_MAX: String(limitPerWindow), RATE_LIMIT_WINDOW_MS: String(windowMs) });

/** A different seeded user for each request, in a fixed order: a prime stride through the ids. */
function userPaths(): () => string {
  let sequence = 0;
  return () => limitedUserPath(1 + ((sequence++ * 7919) % SEEDED_USERS));
}

function client(name: string, weight: number, expectStatus: number[]) {
  return { name, path: userPaths(), headers: { [rateLimitClientHeader]: name }, weight, expectStatus };
}

const polite = (count: number) => Array.from({ length: count }, (_, index) => client(`polite-${index + 1}`, 1, [200]));

async function freshLimits(context: LoadHookContext): Promise<void> {
  await prepareDatabase(context);
  // Each load starts with no client counted: a window left by the previous load would not.
  await withRedis(context.env.REDIS_URL!, async (redis) => {
    const keys = await redis.keys('ratelimit:*');
    if (keys.length > 0) await redis.del(...keys);
  });
}

async function checkClients({ variant, target, result }: AfterLoadContext): Promise<void> {
  const kinds = Object.entries(result.byRequest ?? {});
  const politeKinds = kinds.filter(([name]) => name.startsWith('polite-'));
  const refusedPolite = politeKinds
    .filter(([, kind]) => countOf(kind.statusCodes, 429) > 0)
    .map(([name, kind]) => `${name}: ${countOf(kind.statusCodes, 429)}`);
  if (refusedPolite.length > 0)
    throw new Error(
      `${variant}: polite clients were refused with 429 (${refusedPolite.join(', ')}), though each stays under half its limit`,
    );
  const noisy = result.byRequest?.['noisy'];
  if (noisy && countOf(noisy.statusCodes, 429) === 0)
    throw new Error(`${variant}: the noisy client sent ${noisy.requests} requests above its limit and got no 429`);
  const p95s = politeKinds.map(([, kind]) => kind.latencyMs.p95);
  const noisyText = noisy
    ? `; noisy: ${countOf(noisy.statusCodes, 200)} × 200, ${countOf(noisy.statusCodes, 429)} × 429, p95 ${noisy.latencyMs.p95.toFixed(3)} ms`
    : '';
  console.log(
    `${target} › ${variant}: polite clients' p95 ${Math.min(...p95s).toFixed(3)} to ${Math.max(...p95s).toFixed(3)} ms${noisyText}`,
  );
}

bench.compare('flash sale: rate limiting', {
  ...variantSuite,
  targets,
  variants: {
    'polite clients alone': { requests: polite(8) },
    'with a noisy client': { requests: [...polite(4), client('noisy', 4, [200, 429])] },
  },
  rate: ratePerSecond,
  beforeLoad: freshLimits,
  afterLoad: checkClients,
});
