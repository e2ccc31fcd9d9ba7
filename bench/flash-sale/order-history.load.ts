import { bench, type AfterLoadContext } from 'vitest-load';
import { prepareFlashSale } from '../../fixtures/flash-sale.ts';
import { flashPaths, flashSeed, type OrderHistoryVariantName } from '../../implementations/contract/src/index.ts';
import { orderQueries } from '../../implementations/node-backend/src/index.ts';
import { waitForQuietDatabase } from '../database/quiet-database.ts';
import { variantSuite } from '../lab.ts';
import { targetsServing } from '../targets.ts';
import { bearerOf, statementsDuringLoad } from './flash-checks.ts';

// The order history N+1: a signed-in user's 50 orders, each with its 1 to 3 items, loaded with
// one query for the orders and then one per order for its items (1 + 50 statements, as an
// ORM's lazy relation does), or with one query that joins them. The statements per request show
// in the results table's q/req column, read from pg_stat_statements; afterLoad checks them too.
const HISTORY_USER = 7;
const headers = await bearerOf(HISTORY_USER);
const statementsPerRequest: Record<OrderHistoryVariantName, number> = {
  'per-order': 1 + flashSeed.ordersPerUser,
  'single-query': 1,
};

const CONNECTIONS = 10;
const statementsOf: Record<OrderHistoryVariantName, readonly string[]> = {
  'per-order': [orderQueries.ordersOfUser, orderQueries.itemsOfOrder],
  'single-query': [orderQueries.ordersWithItems],
};

/**
 * PostgreSQL ran the variant's own statements (by their text, so that a request of another
 * variant still finishing cannot count) per request times the requests: at least for every
 * answered one, at most also for those cut off in flight, and for as many again from this
 * variant's warm-up when it ran just before (one request per connection).
 */
async function statementsAsDesigned({ variant, env, result, target }: AfterLoadContext): Promise<void> {
  const name = variant as OrderHistoryVariantName;
  const perRequest = statementsPerRequest[name];
  const calls = await statementsDuringLoad(env.DATABASE_URL!, statementsOf[name]);
  const answered = result.requests - result.errors;
  const low = perRequest * answered;
  const high = perRequest * (result.requests + result.unanswered + CONNECTIONS);
  // The requests cut off in flight ran their statements too: per request, they count.
  const found = `${target} ${variant}: PostgreSQL ran ${calls} of the variant's statements for ${answered} answered and ${result.unanswered} cut-off requests (${(calls / Math.max(answered + result.unanswered, 1)).toFixed(2)} per request)`;
  if (calls < low || calls > high) throw new Error(`${found}; ${perRequest} per request means ${low} to ${high}`);
  console.log(found);
}

const history = (variant: OrderHistoryVariantName) => ({
  request: { path: flashPaths.orderHistory(variant), headers },
});

bench.compare('flash sale order history N+1', {
  ...variantSuite,
  targets: targetsServing('flash'),
  variants: {
    'per-order': history('per-order'),
    'single-query': history('single-query'),
  },
  connections: CONNECTIONS,
  // Measured with the recording run (-u, 3 rounds per target, shared 2-core machine with a load
  // average near 10 from other work): single-query over per-order 7.0x to 7.1x in p50 on Express
  // and 6.2x to 9.4x on Fastify; in p95 4.4x to 5.7x and 2.6x to 8.6x.
  expect: [
    { faster: 'single-query', than: 'per-order', by: 4, figure: 'p50' },
    { faster: 'single-query', than: 'per-order', by: 2, figure: 'p95' },
  ],
  // A request of the previous load cut off in flight still runs its statements: they must be
  // done before this load starts, or they count as this variant's.
  beforeLoad: async ({ env }) => {
    await waitForQuietDatabase(env.DATABASE_URL!);
    await prepareFlashSale(env);
  },
  afterLoad: statementsAsDesigned,
});
