// Scenario 13: concurrent decrements of one product's stock, four ways. Each successful decrement
// writes a row to the stock_decrements ledger in the same transaction as the stock, so that
// initial stock - final stock = ledger rows unless an update was lost. Every strategy bumps the
// product's version, so that the optimistic one sees a change made by any of them.
import pg from 'pg';
import type { FromSchema } from 'json-schema-to-ts';
import type { DatabasePool } from '../database.js';
import { HttpError } from '@lab/contract';
import { inTransaction, withConnection } from './transaction.js';
import { loadQueries } from '../sql.js';
import { DecrementResponse, StockLevel, StockLevels, StockParams } from '@lab/contract/openapi';

/** The products POST /stock/reset restores: ids 1 to 10, each with this stock. */
export const stockProductCount = 10;
export const initialStock = 1000;

/**
 * How often the optimistic and SERIALIZABLE strategies try before they answer 409: they retry at
 * once, with no back-off, when another request changed the product first.
 */
export const maxStockAttempts = 10;

export const stockMessages = {
  productNotFound: (id: number) => `product ${id} does not exist`,
  outOfStock: (id: number) => `product ${id} is out of stock`,
  conflict: (id: number, attempts: number) =>
    `product ${id} was changed by other requests ${attempts} times in a row; try again`,
} as const;

/** POST /stock/:id/decrement/<strategy> and GET /stock/:id: the product's id. */
export const stockParamsSchema = StockParams;

/** A decrement that succeeded: the stock it left. */
export const decrementResponseSchema = DecrementResponse;

/** A product's stock and the number of decrements its ledger records. */
export const stockLevelSchema = StockLevel;

/** POST /stock/reset answers every product as the reset left it. */
export const stockLevelsSchema = StockLevels;

export type StockParams = FromSchema<typeof stockParamsSchema>;
export type DecrementResponse = FromSchema<typeof decrementResponseSchema>;
export type StockLevel = FromSchema<typeof stockLevelSchema>;
export type StockLevels = FromSchema<typeof stockLevelsSchema>;

export const stockStrategyNames = ['no-lock', 'pessimistic', 'optimistic', 'serializable'] as const;
export type StockStrategyName = (typeof stockStrategyNames)[number];

export function decrementPath(id: number, strategy: StockStrategyName): string {
  return `/stock/${id}/decrement/${strategy}`;
}

export function stockPath(id: number): string {
  return `/stock/${id}`;
}

/** implementations/sql/stock.sql. */
export const stockQueries = loadQueries('stock', {
  read: 'stock_read',
  readForUpdate: 'stock_read_for_update',
  write: 'stock_write',
  writeIfUnchanged: 'stock_write_if_unchanged',
  record: 'stock_record',
  level: 'stock_level',
  resetLedger: 'stock_reset_ledger',
  resetProducts: 'stock_reset_products',
  levels: 'stock_levels',
});

interface ProductRow {
  stock: number;
  version: number;
}

/** The product's row, or the contract's 404; a 409 when there is nothing left to take. */
function available(id: number, row: ProductRow | undefined): ProductRow {
  if (!row) throw new HttpError(404, stockMessages.productNotFound(id));
  if (row.stock === 0) throw new HttpError(409, stockMessages.outOfStock(id));
  return row;
}

const serializationFailure = '40001';
const deadlockDetected = '40P01';

function isRetryable(error: unknown): boolean {
  return error instanceof pg.DatabaseError && (error.code === serializationFailure || error.code === deadlockDetected);
}

/** Retries `attempt` while it reports a conflict (undefined) or a retryable failure; then a 409. */
async function retry(id: number, attempt: () => Promise<number | undefined>): Promise<number> {
  for (let attempts = 1; attempts <= maxStockAttempts; attempts++) {
    try {
      const stock = await attempt();
      if (stock !== undefined) return stock;
    } catch (error) {
      if (!isRetryable(error)) throw error;
    }
  }
  throw new HttpError(409, stockMessages.conflict(id, maxStockAttempts));
}

const strategies: Record<StockStrategyName, (pool: DatabasePool, id: number) => Promise<number>> = {
  // Read, then write what was read minus one: two requests that read the same stock both write
  // the same new stock, and one decrement is lost although both are in the ledger.
  'no-lock': (pool, id) =>
    inTransaction(pool, async (client) => {
      const { stock } = available(id, (await client.query<ProductRow>(stockQueries.read, [id])).rows[0]);
      await client.query(stockQueries.write, [stock - 1, id]);
      await client.query(stockQueries.record, [id, 'no-lock']);
      return stock - 1;
    }),
  // The row is locked from the read to the commit: requests for one product queue up.
  pessimistic: (pool, id) =>
    inTransaction(pool, async (client) => {
      const { stock } = available(id, (await client.query<ProductRow>(stockQueries.readForUpdate, [id])).rows[0]);
      await client.query(stockQueries.write, [stock - 1, id]);
      await client.query(stockQueries.record, [id, 'pessimistic']);
      return stock - 1;
    }),
  // No lock while reading; the write succeeds only if the version read is still the row's.
  optimistic: (pool, id) =>
    withConnection(pool, (client) =>
      retry(id, async () => {
        const { version } = available(id, (await client.query<ProductRow>(stockQueries.read, [id])).rows[0]);
        await client.query('BEGIN');
        const { rows } = await client.query<{ stock: number }>(stockQueries.writeIfUnchanged, [id, version]);
        if (rows.length === 0) {
          await client.query('ROLLBACK');
          return undefined;
        }
        await client.query(stockQueries.record, [id, 'optimistic']);
        await client.query('COMMIT');
        return rows[0]!.stock;
      }),
    ),
  // Read then write as no-lock does, but PostgreSQL aborts a transaction (40001) whose read
  // another one has since changed, and the request tries again.
  serializable: (pool, id) =>
    retry(id, () =>
      inTransaction(
        pool,
        async (client) => {
          const { stock } = available(id, (await client.query<ProductRow>(stockQueries.read, [id])).rows[0]);
          await client.query(stockQueries.write, [stock - 1, id]);
          await client.query(stockQueries.record, [id, 'serializable']);
          return stock - 1;
        },
        'BEGIN ISOLATION LEVEL SERIALIZABLE',
      ),
    ),
};

/** Takes one from the product's stock the strategy's way and answers the stock left. */
export async function decrementStock(
  pool: DatabasePool,
  strategy: StockStrategyName,
  id: number,
): Promise<DecrementResponse> {
  return { productId: id, stock: await strategies[strategy](pool, id) };
}

/** The product's stock and how many decrements the ledger records for it; a 404 for no product. */
export async function selectStockLevel(pool: DatabasePool, id: number): Promise<StockLevel> {
  const [row] = (await pool.query<{ id: number; stock: number; decrements: number }>(stockQueries.level, [id])).rows;
  if (!row) throw new HttpError(404, stockMessages.productNotFound(id));
  return { productId: row.id, stock: row.stock, decrements: row.decrements };
}

/** Every product back to the initial stock and version 0, and the ledger empty, in one transaction. */
export async function resetStockLevels(pool: DatabasePool): Promise<StockLevels> {
  return inTransaction(pool, async (client) => {
    await client.query(stockQueries.resetLedger);
    await client.query(stockQueries.resetProducts, [initialStock, stockProductCount]);
    const { rows } = await client.query<{ id: number; stock: number; decrements: number }>(stockQueries.levels);
    return { products: rows.map((row) => ({ productId: row.id, stock: row.stock, decrements: row.decrements })) };
  });
}
