import { bench, type AfterLoadContext, type LoadHookContext } from 'vitest-load';
import { keyIndexSize, prepareUuidKeyTables } from '../../fixtures/uuid-keys.ts';
import { keyedProductsPath, maxKeyedProducts, type UuidVersion } from '../../implementations/node-backend/src/index.ts';
import { variantSuite } from '../lab.ts';
import { targetsServing } from '../targets.ts';
import { countOf } from './resilience-targets.ts';

// The flash sale's primary keys: products inserted 1,000 per request (one multi-row INSERT)
// into a table keyed by random UUID v4 or by time-ordered UUID v7, both keys made by the
// application. The tables are seeded once per database to SEEDED_PRODUCTS rows each (a random
// key's cost is in the index pages it must read and split, so it needs an index larger than a
// few pages to show), and the loads add to them. afterLoad checks that every 2xx's rows are
// there and prints the primary key index's size per row, which is where the two differ most.
const SEEDED_PRODUCTS = 1_000_000;

const body = {
  items: Array.from({ length: maxKeyedProducts }, (_, index) => ({
    name: `Flash product ${index}`,
    priceCents: 100 + index,
  })),
};
const versionOf = (variant: string | undefined) => variant as UuidVersion;

let seededDatabase: string | undefined;
const rowsBefore: Partial<Record<UuidVersion, number>> = {};

async function seedOnceAndCount({ env, variant }: LoadHookContext): Promise<void> {
  const databaseUrl = env.DATABASE_URL!;
  // Seeded once per database (per run of the suite): re-seeding a million rows before every load would take longer than the loads.
  if (seededDatabase !== databaseUrl) {
    await prepareUuidKeyTables(databaseUrl, SEEDED_PRODUCTS);
    seededDatabase = databaseUrl;
  }
  rowsBefore[versionOf(variant)] = (await keyIndexSize(databaseUrl, versionOf(variant))).rows;
}

async function checkRowsAndReportIndex({ env, variant, target, result }: AfterLoadContext): Promise<void> {
  const version = versionOf(variant);
  const { rows, indexBytes } = await keyIndexSize(env.DATABASE_URL!, version);
  const written = rows - rowsBefore[version]!;
  const answered = countOf(result.statusCodes, 201);
  const low = answered * maxKeyedProducts;
  const high = (answered + result.unanswered) * maxKeyedProducts;
  if (written < low || written > high)
    throw new Error(
      `${variant}: ${written} rows written, but ${answered} requests answered 201 for ${maxKeyedProducts} rows each (${result.unanswered} cut off): expected ${low} to ${high}`,
    );
  console.log(
    `${target} › ${variant}: ${rows} rows, primary key index ${(indexBytes / 2 ** 20).toFixed(1)} MiB, ${(indexBytes / rows).toFixed(1)} bytes per row`,
  );
}

bench.compare('flash sale: UUID v4 against v7 keys', {
  ...variantSuite,
  targets: targetsServing('flash'),
  variants: {
    v4: { request: { method: 'POST', path: keyedProductsPath('v4'), body } },
    v7: { request: { method: 'POST', path: keyedProductsPath('v7'), body } },
  },
  // Measured (3 rounds each, shared 2-core machine, tables of 1.1 to 2.9 million rows, two runs):
  // v7 1.75× and 2.0× (Express), 2.0× and 1.8× (Fastify) faster in p50, per-round ratios 1.6× to
  // 2.3×, intervals from 1.50× up. The claim is set below them.
  expect: [{ faster: 'v7', than: 'v4', by: 1.3, figure: 'p50' }],
  connections: 2,
  beforeLoad: seedOnceAndCount,
  afterLoad: checkRowsAndReportIndex,
});
