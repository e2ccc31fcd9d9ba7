// Buying one unit of a deal (the oversell scenario), four ways. Every successful buy writes an
// order with one item, so that after a load the orders of a deal can be counted against the
// stock it started with. The three safe strategies sell exactly the stock and answer the rest
// 409 "sold out"; `unsafe` is the demonstration of the bug: under concurrency it sells more.
//
// The stock column has CHECK (stock >= 0), and still `unsafe` oversells: each request writes the
// stock it read minus one, never below zero, while several requests read the same stock. The
// bug shows in the orders, not in the stock: more orders than the deal had units.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { DatabasePool } from '../database.js';
import { HttpError } from '@lab/contract';
import type { RedisClient } from '../redis.js';
import { inTransaction, withConnection } from '../scenarios/transaction.js';
import { flashMessages, type BuyStrategyName, type PlacedOrder } from '@lab/contract';
import { loadQueries } from '../sql.js';

/**
 * implementations/sql/flash.sql. `order` is the order and its one item in one statement: the
 * deal's price, its product, quantity 1.
 */
export const buyQueries = loadQueries('flash', {
  read: 'flash_deal_read',
  readForUpdate: 'flash_deal_read_for_update',
  take: 'flash_deal_take',
  takeIfLeft: 'flash_deal_take_if_left',
  write: 'flash_deal_write',
  exists: 'flash_deal_exists',
  order: 'flash_deal_order',
});

/** The Redis key of a deal's stock, for the redis-lua strategy. */
export function dealStockKey(dealId: number): string {
  return `flash:deal:v1:${dealId}:stock`;
}

/** Every deal's stock key, for SCAN ... MATCH. */
export const dealStockKeyPattern = 'flash:deal:v1:*:stock';

/**
 * Takes one unit if there is one, atomically: Redis runs a script without interleaving any
 * other command. -1: the stock is not in Redis (yet); -2: sold out; else the units left.
 */
export const takeStockScript = `local stock = redis.call('GET', KEYS[1])
if not stock then return -1 end
if tonumber(stock) <= 0 then return -2 end
return redis.call('DECR', KEYS[1])`;
const takeStockSha = createHash('sha1').update(takeStockScript).digest('hex');
const notInRedis = -1;
const soldOutInRedis = -2;

interface DealStockRow {
  stock: number;
}

interface OrderRow {
  id: string;
  total_cents: number;
}

/** The deal's stock, or the contract's 404; a 409 when there is nothing left. */
function inStock(id: number, row: DealStockRow | undefined): number {
  if (!row) throw new HttpError(404, flashMessages.dealNotFound(id));
  if (row.stock <= 0) throw new HttpError(409, flashMessages.soldOut(id));
  return row.stock;
}

async function recordOrder(client: pg.ClientBase, userId: number, dealId: number): Promise<PlacedOrder> {
  const { rows } = await client.query<OrderRow>(buyQueries.order, [dealId, userId]);
  const row = rows[0];
  // The deal was there a statement ago; within the transaction, it still is.
  if (!row) throw new HttpError(404, flashMessages.dealNotFound(dealId));
  return { orderId: Number(row.id), userId, dealId, totalCents: row.total_cents };
}

/**
 * EVALSHA, and EVAL once when Redis does not know the script yet (a restart flushes scripts).
 * Not ioredis' defineCommand, which would add a method to the client every module shares.
 */
async function takeFromRedis(redis: RedisClient, dealId: number): Promise<number> {
  const key = dealStockKey(dealId);
  try {
    return Number(await redis.evalsha(takeStockSha, 1, key));
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return Number(await redis.eval(takeStockScript, 1, key));
  }
}

/** Puts the deal's stock from PostgreSQL into Redis unless it is there already (SET NX). */
async function armInRedis(pool: DatabasePool, redis: RedisClient, dealId: number): Promise<void> {
  const { rows } = await pool.query<DealStockRow>(buyQueries.read, [dealId]);
  if (!rows[0]) throw new HttpError(404, flashMessages.dealNotFound(dealId));
  await redis.set(dealStockKey(dealId), String(rows[0].stock), 'NX');
}

const strategies: Record<
  BuyStrategyName,
  (pool: DatabasePool, redis: RedisClient, dealId: number, userId: number) => Promise<PlacedOrder>
> = {
  // The row is locked from the read to the commit: buyers of one deal queue, and each sees the
  // stock the one before it left.
  'row-lock': (pool, _redis, dealId, userId) =>
    inTransaction(pool, async (client) => {
      inStock(dealId, (await client.query<DealStockRow>(buyQueries.readForUpdate, [dealId])).rows[0]);
      await client.query(buyQueries.take, [dealId]);
      return recordOrder(client, userId, dealId);
    }),
  // One statement checks and takes: the UPDATE waits for the row's lock and then re-checks
  // `stock > 0` on the row as the previous buyer left it (READ COMMITTED re-evaluates it).
  'conditional-update': (pool, _redis, dealId, userId) =>
    inTransaction(pool, async (client) => {
      const { rows } = await client.query<DealStockRow>(buyQueries.takeIfLeft, [dealId]);
      if (rows.length === 0) {
        const exists = (await client.query(buyQueries.exists, [dealId])).rows.length > 0;
        throw new HttpError(
          exists ? 409 : 404,
          exists ? flashMessages.soldOut(dealId) : flashMessages.dealNotFound(dealId),
        );
      }
      return recordOrder(client, userId, dealId);
    }),
  // The stock is counted down in Redis by a script; PostgreSQL sees only the orders. A sold-out
  // buyer never reaches PostgreSQL. Redis is then the deal's stock: a failed order puts its
  // unit back (INCR); a process that dies between the two loses a unit (undersells, never
  // oversells).
  'redis-lua': async (pool, redis, dealId, userId) => {
    let left = await takeFromRedis(redis, dealId);
    if (left === notInRedis) {
      await armInRedis(pool, redis, dealId);
      left = await takeFromRedis(redis, dealId);
    }
    if (left === soldOutInRedis) throw new HttpError(409, flashMessages.soldOut(dealId));
    try {
      // One statement, committed on its own (what pool.query would do, on a connection of its own).
      return await withConnection(pool, (client) => recordOrder(client, userId, dealId));
    } catch (error) {
      await redis.incr(dealStockKey(dealId));
      throw error;
    }
  },
  // THE BUG, on purpose: read the stock, then write what was read minus one. Buyers that read
  // the same stock all succeed and all write the same new stock: more orders than units.
  unsafe: (pool, _redis, dealId, userId) =>
    inTransaction(pool, async (client) => {
      const stock = inStock(dealId, (await client.query<DealStockRow>(buyQueries.read, [dealId])).rows[0]);
      await client.query(buyQueries.write, [stock - 1, dealId]);
      return recordOrder(client, userId, dealId);
    }),
};

/** POST /flash/deals/:id/buy/<strategy>: one unit of the deal for the signed-in user, the strategy's way. */
export function buyDeal(
  pool: DatabasePool,
  redis: RedisClient,
  strategy: BuyStrategyName,
  dealId: number,
  userId: number,
): Promise<PlacedOrder> {
  return strategies[strategy](pool, redis, dealId, userId);
}
