import { bench, type AfterLoadContext } from 'vitest-load';
import { prepareDatabaseScenarios } from '../../fixtures/database-scenarios.ts';
import { queryLabDatabase } from '../../fixtures/lab-database.ts';
import { INITIAL_STOCK } from '../../fixtures/seed-stock.ts';
import { decrementPath, stockQueries, type StockStrategyName } from '../../implementations/node-backend/src/index.ts';
import { variantSuite } from '../lab.ts';
import { targetsServing } from '../targets.ts';
import { waitForQuietDatabase } from './quiet-database.ts';

// Scenario 13: concurrent decrements of one product's stock (product 1, stock 1,000), four
// ways. An open model at a fixed rate, so that every variant gets the same number of requests
// (RATE x 1.5 s of warm-up and load = 900, within the stock: no request ever meets an
// empty shelf) and requests overlap as they arrive, not as fast as the slowest variant answers.
// beforeLoad puts the stock back and empties the ledger before each variant.
const PRODUCT = 1;
// At 300/s a load on a quiet machine lost as few as 1 update of 450: too close to none for a
// check that must see the race every time. At 600/s the fewest lost were 19 of 900.
const RATE = 600;

/** The two retrying strategies answer 409 "try again" after 10 conflicts in a row: a valid answer, counted. */
const retrying: readonly StockStrategyName[] = ['optimistic', 'serializable'];

function decrement(strategy: StockStrategyName) {
  return {
    request: {
      method: 'POST' as const,
      path: decrementPath(PRODUCT, strategy),
      ...(retrying.includes(strategy) ? { expectStatus: [200, 409] } : {}),
    },
  };
}

const status = (result: AfterLoadContext['result'] | undefined, code: string): number => result?.statusCodes[code] ?? 0;

/**
 * The ledger has a row for every decrement that committed, in the same transaction as the stock
 * (one statement reads both, so no commit falls between). Without lost updates the stock fell by
 * exactly the ledger's rows; no-lock must show that it did not.
 */
async function stockAccountedFor({ variant, env, result, warmup }: AfterLoadContext): Promise<void> {
  const [row] = await queryLabDatabase<{ stock: number; decrements: number }>(env.DATABASE_URL!, stockQueries.level, [
    PRODUCT,
  ]);
  const { stock, decrements } = row!;
  const answered200 = status(result, '200') + status(warmup, '200');
  const conflicts = status(result, '409') + status(warmup, '409');
  const cutOff = result.unanswered + (warmup?.unanswered ?? 0);
  const fell = INITIAL_STOCK - stock;
  const found = `${variant}: ${answered200} answered 200, ${conflicts} answered 409 (conflict), ${cutOff} cut off; the ledger holds ${decrements} decrements, the stock fell by ${fell} (${INITIAL_STOCK} -> ${stock})`;
  if (stock === 0)
    throw new Error(
      `${found}: the stock ran out, so requests met an empty shelf and the variants are not comparable; lower RATE`,
    );
  if (decrements < answered200 || decrements > answered200 + cutOff)
    throw new Error(`${found}: the ledger does not match the 200s`);
  const lost = decrements - fell;
  if (variant === 'no-lock') {
    if (lost <= 0)
      throw new Error(`${found}: no update was lost, so this load did not show no-lock's race; raise RATE`);
    console.log(
      `${found}: ${lost} updates lost (${((100 * lost) / decrements).toFixed(1)}% of the decrements), as expected without a lock`,
    );
  } else {
    if (lost !== 0) throw new Error(`${found}: ${lost} updates lost`);
    console.log(
      `${found}: none lost; success rate ${((100 * answered200) / Math.max(answered200 + conflicts, 1)).toFixed(1)}%`,
    );
  }
}

bench.compare('13 transactions and lock contention', {
  ...variantSuite,
  targets: targetsServing('13'),
  variants: {
    'no-lock': decrement('no-lock'),
    pessimistic: decrement('pessimistic'),
    optimistic: decrement('optimistic'),
    serializable: decrement('serializable'),
  },
  // Measured at 300/s in three runs and at 600/s in one (3 to 6 rounds each, shared 2-core
  // machine): the retrying strategies
  // are bimodal. In most loads their retries without back-off piled up on the one row (p50 60
  // to 220 ms, 20% to 24% answered 409); in some they kept up (p50 5 to 16 ms, under 5% 409).
  // pessimistic stayed at 4 to 9 ms in p50. Per-round p50 ratios thus ranged from below 1x to
  // over 30x (intervals 0.35x ... 270x), too wide for a claim in p50; pooled p95 was 4x to 19x
  // pessimistic's. Claimed in p95 with a small factor, which holds whenever a pile-up occurs in
  // some rounds (at 600/s: 21x and 33x, intervals from 1.4x). no-lock against pessimistic
  // (1.3x, 2.5x, intervals from 0.5x) is undecided.
  expect: [
    { faster: 'pessimistic', than: 'optimistic', by: 1.2, figure: 'p95' },
    { faster: 'pessimistic', than: 'serializable', by: 1.2, figure: 'p95' },
  ],
  rate: RATE,
  connections: 100,
  // A decrement cut off when the previous variant's load stopped must not land after the reset.
  beforeLoad: async ({ env }) => {
    await waitForQuietDatabase(env.DATABASE_URL!);
    await prepareDatabaseScenarios(env.DATABASE_URL!, ['stock']);
  },
  afterLoad: stockAccountedFor,
});
