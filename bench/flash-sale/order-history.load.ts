import { bench, type AfterLoadContext } from 'vitest-load';
import { prepareFlashSale } from '../../fixtures/flash-sale.ts';
import { flashPaths, flashSeed, type OrderHistoryVariantName } from '../../implementations/contract/src/index.ts';
import { waitForQuietDatabase } from '../database/quiet-database.ts';
import { variantSuite } from '../lab.ts';
import { bearerOf, statementsDuringLoad } from './flash-checks.ts';

// The order history N+1: a signed-in user's 50 orders, each with its 1 to 3 items, loaded with
// one query for the orders and then one per order for its items (1 + 50 statements, as an
// ORM's lazy relation does), or with one query that joins them. The statements per request show
// in the results table's q/req column, read from pg_stat_statements; afterLoad checks them too.
const HISTORY_USER = 7;
const headers = await bearerOf(HISTORY_USER);
const statementsPerRequest: Record<OrderHistoryVariantName, number> = { 'per-order': 1 + flashSeed.ordersPerUser, 'single-query': 1 };

/**
 * PostgreSQL ran the variant's statements per request times the requests: at least for every
 * answered one, at most also for those cut off in flight (of the warm-up and the load).
 */
async function statementsAsDesigned({ variant, env, result, warmup, target }: AfterLoadContext): Promise<void> {
  const perRequest = statementsPerRequest[variant as OrderHistoryVariantName];
  const calls = await statementsDuringLoad(env.DATABASE_URL!);
  const answered = result.requests - result.errors;
  const low = perRequest * answered;
  const high = perRequest * (result.requests + result.unanswered + (warmup?.unanswered ?? 0));
  const found = `${target} ${variant}: PostgreSQL ran ${calls} statements for ${answered} answered requests (${(calls / Math.max(answered, 1)).toFixed(2)} per request)`;
  if (calls < low || calls > high) throw new Error(`${found}; ${perRequest} per request means ${low} to ${high}`);
  console.log(found);
}

const history = (variant: OrderHistoryVariantName) => ({ request: { path: flashPaths.orderHistory(variant), headers } });

bench.compare('flash sale order history N+1', {
  ...variantSuite,
  variants: {
    'per-order': history('per-order'),
    'single-query': history('single-query'),
  },
  connections: 10,
  // A request of the previous load cut off in flight still runs its statements: they must be
  // done before this load starts, or they count as this variant's.
  beforeLoad: async ({ env }) => {
    await waitForQuietDatabase(env.DATABASE_URL!);
    await prepareFlashSale(env);
  },
  afterLoad: statementsAsDesigned,
});
