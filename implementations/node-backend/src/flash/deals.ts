// The hot deal list: the deals on sale now, the soonest to end first, with their products. Read
// from PostgreSQL on every request (GET /flash/deals), or cache-aside through Redis
// (GET /flash/deals/cached), the cache warmed before the sale starts so that the first wave of a
// traffic spike does not all miss at once. The cached list shows the stock as of when it was
// cached: what a cache of a list with live stock gives up, for up to its TTL.
import type { DatabasePool } from '../database.js';
import type { RedisClient } from '../redis.js';
import type { HotDeal, HotDeals } from '@lab/contract';
import { loadQueries } from '../sql.js';

/** The most deals the list holds. */
export const hotDealLimit = 50;

/** implementations/sql/flash.sql. */
export const dealQueries = loadQueries('flash', { hot: 'flash_hot_deals' });

/** The Redis key of the cached list. The version changes when the cached form does. */
export const hotDealsCacheKey = 'flash:deals:hot:v1';

interface HotDealRow {
  id: number;
  product_id: number;
  name: string;
  category: string;
  price_cents: number;
  original_price_cents: number;
  stock: number;
  ends_at: Date;
}

// Keys in the order of hotDealSchema.
function toHotDeal(row: HotDealRow): HotDeal {
  return {
    id: row.id,
    productId: row.product_id,
    name: row.name,
    category: row.category,
    priceCents: row.price_cents,
    originalPriceCents: row.original_price_cents,
    stock: row.stock,
    endsAt: row.ends_at.toISOString(),
  };
}

/** GET /flash/deals: straight from PostgreSQL. */
export async function selectHotDeals(pool: DatabasePool): Promise<HotDeals> {
  const { rows } = await pool.query<HotDealRow>(dealQueries.hot, [hotDealLimit]);
  return { deals: rows.map(toHotDeal) };
}

/** Reads the list from PostgreSQL and caches it for `ttlSeconds`: the warm-up before a sale. */
export async function warmHotDeals(pool: DatabasePool, redis: RedisClient, ttlSeconds: number): Promise<HotDeals> {
  const deals = await selectHotDeals(pool);
  await redis.set(hotDealsCacheKey, JSON.stringify(deals), 'EX', ttlSeconds);
  return deals;
}

/**
 * GET /flash/deals/cached: the cached list, or PostgreSQL's, cached for `ttlSeconds`. Parsed back
 * and serialised by the framework, as the database's rows are, so that the two routes differ
 * only in where the list comes from.
 */
export async function selectHotDealsThroughCache(
  pool: DatabasePool,
  redis: RedisClient,
  ttlSeconds: number,
): Promise<HotDeals> {
  const cached = await redis.get(hotDealsCacheKey);
  if (cached !== null) return JSON.parse(cached) as HotDeals;
  return warmHotDeals(pool, redis, ttlSeconds);
}
