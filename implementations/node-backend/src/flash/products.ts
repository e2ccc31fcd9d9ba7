// The product list of the flash sale: a plain page (the gzip scenario's 100 products), and a page
// with the number of products and pages, counted three ways (the pagination COUNT scenario):
//
// - exact: COUNT(*) on every request. Always right; PostgreSQL reads the whole table (or its
//   primary key's index) for it: the cost grows with the table, not with the page.
// - estimated: pg_class.reltuples, the planner's estimate from the last VACUUM or ANALYZE. One
//   catalogue row; gives up exactness: rows written since are not in it until autovacuum or
//   ANALYZE runs again.
// - cached: the exact count, kept in Redis for a TTL (cache-aside). Exact when it was counted;
//   gives up freshness for up to the TTL, and a miss costs the full COUNT.
import type { DatabasePool } from '../database.js';
import type { RedisClient } from '../redis.js';
import type { CountedProductPage, FlashProduct, ProductCountName, ProductPage, ProductPageQuery } from '@lab/contract';
import { loadQueries } from '../sql.js';

/** implementations/sql/flash.sql. */
export const productQueries = loadQueries('flash', {
  page: 'flash_products_page',
  exactCount: 'flash_products_exact_count',
  estimatedCount: 'flash_products_estimated_count',
});

/** The Redis key of the cached count. The version changes when what is cached does. */
export const productCountCacheKey = 'flash:products:count:v1';

interface ProductRow {
  id: number;
  name: string;
  category: string;
  description: string;
  price_cents: number;
}

// Keys in the order of flashProductSchema.
function toProduct(row: ProductRow): FlashProduct {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    description: row.description,
    priceCents: row.price_cents,
  };
}

async function selectProducts(pool: DatabasePool, { page, limit }: ProductPageQuery): Promise<FlashProduct[]> {
  const { rows } = await pool.query<ProductRow>(productQueries.page, [limit, (page - 1) * limit]);
  return rows.map(toProduct);
}

/** GET /flash/products: page P of L products by id. */
export async function selectProductPage(pool: DatabasePool, query: ProductPageQuery): Promise<ProductPage> {
  return { page: query.page, limit: query.limit, products: await selectProducts(pool, query) };
}

async function countRows(pool: DatabasePool, sql: string): Promise<number> {
  const { rows } = await pool.query<{ total: string }>(sql);
  // pg reads a bigint as text; a count of this table fits a number.
  return Number(rows[0]!.total);
}

async function cachedCount(pool: DatabasePool, redis: RedisClient, ttlSeconds: number): Promise<number> {
  const cached = await redis.get(productCountCacheKey);
  if (cached !== null) return Number(cached);
  const total = await countRows(pool, productQueries.exactCount);
  await redis.set(productCountCacheKey, String(total), 'EX', ttlSeconds);
  return total;
}

const counters: Record<
  ProductCountName,
  (pool: DatabasePool, redis: RedisClient, ttlSeconds: number) => Promise<number>
> = {
  exact: (pool) => countRows(pool, productQueries.exactCount),
  estimated: (pool) => countRows(pool, productQueries.estimatedCount),
  cached: cachedCount,
};

/** GET /flash/products/<count>-count: the page and the total, counted the variant's way. */
export async function selectCountedProductPage(
  pool: DatabasePool,
  redis: RedisClient,
  count: ProductCountName,
  query: ProductPageQuery,
  ttlSeconds: number,
): Promise<CountedProductPage> {
  // The count and the page are independent: asked for together, on two connections.
  const [total, products] = await Promise.all([counters[count](pool, redis, ttlSeconds), selectProducts(pool, query)]);
  return { page: query.page, limit: query.limit, count, total, pages: Math.ceil(total / query.limit), products };
}
