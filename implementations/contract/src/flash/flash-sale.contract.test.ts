// The flash-sale application's routes, alike on every implementation: sign-up and login, the
// product list with its count three ways and with gzip, the hot deal list from PostgreSQL and
// from the cache, placing an order, the order history loaded two ways (with the statements each
// sends, counted by pg_stat_statements), and buying a deal: with stock 10 and 100 concurrent
// buyers over real HTTP, the row lock, the conditional UPDATE and the Redis script give exactly
// 10 orders (201) and 90 "sold out" (409); the unsafe read-then-write, the demonstration of the
// bug, may sell more, and the test says how many it sold. One file, because every test here
// changes the same tables: two files run in parallel would reset each other's deals.
import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { armDealStock, clearFlashSaleKeys, warmHotDealList } from '../../../../fixtures/flash-sale.ts';
import { logInAs } from '../../../../fixtures/login-users.ts';
import { withRedis } from '../../../../fixtures/redis-stats.ts';
import {
  DEAL_STOCK,
  dealOnSale,
  dealProduct,
  SEEDED_DEALS,
  SEEDED_FLASH_PRODUCTS,
  SEEDED_ORDERS,
  seededItemCount,
} from '../../../../fixtures/seed-flash-sale.ts';
import {
  authErrorMessages,
  buyStrategyNames,
  countedProductPageSchema,
  errorMessages,
  errorResponseSchema,
  flashMessages,
  flashPaths,
  flashSeed,
  hotDealsSchema,
  loginResponseSchema,
  orderHistorySchema,
  orderHistoryVariantNames,
  placedOrderSchema,
  productCountNames,
  productPageSchema,
  signupResponseSchema,
  type BuyStrategyName,
  type CountedProductPage,
  type ErrorResponse,
  type HotDeals,
  type LoginResponse,
  type OrderHistory,
  type PlacedOrder,
  type ProductPage,
  type SignupResponse,
} from '../index.ts';
import {
  dealStockKey,
  hotDealLimit,
  hotDealsCacheKey,
  orderQueries,
  productCountCacheKey,
} from '../../../node-backend/src/index.ts';
import { expectJson, expectSameAnswers, expectSameError, send, sendToAll } from '../testing/answers.ts';
import { expectSameJson } from '../testing/same-json.ts';
import { useScenarioTargets } from '../testing/scenario-targets.ts';
import type { ImplementationName } from '../testing/targets.ts';

const { names, targets, database } = useScenarioTargets(['flash-sale'], { database: true, resetAfter: true });
const redisUrl = inject('redisUrl');
const databaseUrl = inject('databaseUrl');
// The login user whose seeded orders the history tests read, and the one who buys deals.
const HISTORY_USER = 5;
const BUYER = 9;
let token = '';
let buyerToken = '';

beforeAll(async () => {
  token = (await logInAs(targets().fastify!.baseUrl, HISTORY_USER)).accessToken;
  buyerToken = (await logInAs(targets().express!.baseUrl, BUYER)).accessToken;
  await database().query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
});

const postJson = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const signedIn = (init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
});

describe('POST /flash/signup', () => {
  it.each(names)('signs a user up on %s, who can then log in at POST /auth/login and buy', async (name) => {
    const email = `flash-${name}@example.test`;
    const signup = { email, name: 'Flash Buyer', country: 'NL', password: 'correct horse battery' };
    const created = expectJson(
      await send(targets()[name]!.baseUrl, flashPaths.signup, postJson(signup)),
      201,
      signupResponseSchema,
    ) as SignupResponse;
    expect(created).toMatchObject({ email, name: 'Flash Buyer', country: 'NL' });
    const login = expectJson(
      await send(targets()[name]!.baseUrl, '/auth/login', postJson({ email, password: signup.password })),
      200,
      loginResponseSchema,
    ) as LoginResponse;
    expect(login.userId).toBe(created.id);
    const bought = await send(targets()[name]!.baseUrl, flashPaths.buy(700, 'conditional-update'), {
      method: 'POST',
      headers: { authorization: `Bearer ${login.accessToken}` },
    });
    expect((expectJson(bought, 201, placedOrderSchema) as PlacedOrder).userId).toBe(created.id);
    await expectSameError(
      targets(),
      '/auth/login',
      postJson({ email, password: 'wrong password' }),
      401,
      authErrorMessages.wrongCredentials,
    );
  });

  it('answers 409 for an email that is taken, and 400 naming the field for a short password or a missing one', async () => {
    const taken = { email: 'user1@example.test', name: 'Someone', country: 'DE', password: 'long enough' };
    await expectSameError(
      targets(),
      flashPaths.signup,
      postJson(taken),
      409,
      errorMessages.emailTaken('user1@example.test'),
    );
    await expectSameError(
      targets(),
      flashPaths.signup,
      postJson({ ...taken, email: 'short@example.test', password: 'short' }),
      400,
      'body/password must NOT have fewer than 8 characters',
    );
    const { password: _, ...withoutPassword } = taken;
    await expectSameError(
      targets(),
      flashPaths.signup,
      postJson({ ...withoutPassword, email: 'none@example.test' }),
      400,
      "body must have required property 'password'",
    );
    const { rows } = await database().query(
      "SELECT count(*)::integer AS n FROM users WHERE email IN ('short@example.test', 'none@example.test')",
    );
    expect(rows[0].n).toBe(0);
  });
});

describe('GET /flash/products', () => {
  it('answers a page of products by id, alike everywhere', async () => {
    const page = await expectSameJson<ProductPage>(
      targets(),
      `${flashPaths.products}?page=3&limit=4`,
      productPageSchema,
    );
    expect(page.products.map((product) => product.id)).toEqual([9, 10, 11, 12]);
    expect(page.products[0]).toMatchObject({ id: 9, category: expect.any(String), priceCents: expect.any(Number) });
  });

  it('refuses a limit above 100 and a page of 0 with a 400 naming them', async () => {
    await expectSameError(targets(), `${flashPaths.products}?limit=101`, {}, 400, 'querystring/limit must be <= 100');
    await expectSameError(targets(), `${flashPaths.products}?page=0`, {}, 400, 'querystring/page must be >= 1');
  });

  it('sends 100 products gzipped to a client that accepts gzip, and as they are to one that does not', async () => {
    const path = `${flashPaths.products}?limit=100`;
    for (const name of names) {
      const plain = await rawGet(targets()[name]!.baseUrl, path, {});
      const gzipped = await rawGet(targets()[name]!.baseUrl, path, { 'accept-encoding': 'gzip' });
      expect(plain.encoding).toBeUndefined();
      expect(gzipped.encoding).toBe('gzip');
      expect(gunzipSync(gzipped.body).toString()).toBe(plain.body.toString());
      // Names, categories and descriptions repeat: far smaller compressed.
      expect(gzipped.body.length).toBeLessThan(plain.body.length / 3);
    }
  });
});

/** A GET whose body is kept as sent: fetch would decompress it and hide the encoding's size. */
function rawGet(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpRequest(`${baseUrl}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

describe('GET /flash/products/<count>-count', () => {
  beforeEach(() => clearFlashSaleKeys(redisUrl));

  it('counts the 1,000,000 products exactly, by estimate (reltuples) and from the cache, with the same page', async () => {
    const pages: Record<string, CountedProductPage> = {};
    for (const count of productCountNames) {
      pages[count] = await expectSameJson<CountedProductPage>(
        targets(),
        `${flashPaths.countedProducts(count)}?page=2&limit=50`,
        countedProductPageSchema,
      );
      expect(pages[count]!.count).toBe(count);
    }
    expect(pages['exact']).toMatchObject({ total: SEEDED_FLASH_PRODUCTS, pages: SEEDED_FLASH_PRODUCTS / 50 });
    expect(pages['cached']).toMatchObject({ total: SEEDED_FLASH_PRODUCTS, pages: SEEDED_FLASH_PRODUCTS / 50 });
    // The planner's estimate after the seed's VACUUM ANALYZE: close, not promised exact.
    expect(Math.abs(pages['estimated']!.total - SEEDED_FLASH_PRODUCTS)).toBeLessThan(SEEDED_FLASH_PRODUCTS / 100);
    expect(pages['estimated']!.products).toEqual(pages['exact']!.products);
    expect(pages['exact']!.products.map((product) => product.id)).toEqual(
      Array.from({ length: 50 }, (_, index) => 51 + index),
    );
  });

  it('keeps the cached count for its TTL: a product added since is not in it, while the exact count has it', async () => {
    await expectSameJson(targets(), flashPaths.countedProducts('cached'), countedProductPageSchema);
    const ttl = await withRedis(redisUrl, (redis) => redis.ttl(productCountCacheKey));
    expect(ttl).toBeGreaterThan(0);
    await database().query(
      "INSERT INTO flash_products (id, name, category, description, price_cents) VALUES ($1, 'Extra', 'Kitchen', 'One more.', 100)",
      [SEEDED_FLASH_PRODUCTS + 1],
    );
    try {
      expect(
        (
          await expectSameJson<CountedProductPage>(
            targets(),
            flashPaths.countedProducts('cached'),
            countedProductPageSchema,
          )
        ).total,
      ).toBe(SEEDED_FLASH_PRODUCTS);
      expect(
        (
          await expectSameJson<CountedProductPage>(
            targets(),
            flashPaths.countedProducts('exact'),
            countedProductPageSchema,
          )
        ).total,
      ).toBe(SEEDED_FLASH_PRODUCTS + 1);
    } finally {
      await database().query('DELETE FROM flash_products WHERE id > $1', [SEEDED_FLASH_PRODUCTS]);
    }
  });

  it.each(productCountNames)('%s refuses a limit of 0 with a 400 naming it', async (count) => {
    await expectSameError(
      targets(),
      `${flashPaths.countedProducts(count)}?limit=0`,
      {},
      400,
      'querystring/limit must be >= 1',
    );
  });
});

describe('GET /flash/deals and /flash/deals/cached', () => {
  beforeEach(() => clearFlashSaleKeys(redisUrl));

  it('list the deals on sale now, soonest to end first, with their products, alike everywhere', async () => {
    const { deals } = await expectSameJson<HotDeals>(targets(), flashPaths.hotDeals, hotDealsSchema);
    expect(deals).toHaveLength(hotDealLimit);
    expect(deals.every((deal) => dealOnSale(deal.id))).toBe(true);
    expect(deals.map((deal) => deal.endsAt)).toEqual([...deals.map((deal) => deal.endsAt)].sort());
    expect(deals[0]).toMatchObject({ id: 1, productId: 997, stock: flashSeed.dealStock });
    expect(deals[0]!.priceCents).toBeLessThan(deals[0]!.originalPriceCents);
  });

  it('answers the same list from the cache warmed before the sale, and keeps the stock as it was when warmed', async () => {
    await warmHotDealList(databaseUrl, redisUrl);
    const fresh = await expectSameJson<HotDeals>(targets(), flashPaths.hotDeals, hotDealsSchema);
    const cachedAnswers = await sendToAll(targets(), flashPaths.hotDealsCached);
    expect(expectSameAnswers(cachedAnswers).text).toBe(JSON.stringify(fresh));
    await database().query('UPDATE flash_deals SET stock = 3 WHERE id = 1');
    const stale = await expectSameJson<HotDeals>(targets(), flashPaths.hotDealsCached, hotDealsSchema);
    expect(stale.deals[0]!.stock).toBe(flashSeed.dealStock);
    expect((await expectSameJson<HotDeals>(targets(), flashPaths.hotDeals, hotDealsSchema)).deals[0]!.stock).toBe(3);
    await database().query('UPDATE flash_deals SET stock = initial_stock WHERE id = 1');
  });

  it('fills the cache on a miss, with the TTL', async () => {
    await expectSameJson(targets(), flashPaths.hotDealsCached, hotDealsSchema);
    expect(await withRedis(redisUrl, (redis) => redis.ttl(hotDealsCacheKey))).toBeGreaterThan(0);
  });
});

describe('POST /flash/orders', () => {
  it.each(names)(
    'places an order with its items at list prices on %s, committed before the 201 that carries its id',
    async (name) => {
      const items = [
        { productId: 123, quantity: 2 },
        { productId: 999_999, quantity: 1 },
      ];
      const answer = await send(targets()[name]!.baseUrl, flashPaths.orders, signedIn(postJson({ items })));
      const order = expectJson(answer, 201, placedOrderSchema) as PlacedOrder;
      expect(order.orderId).toBeGreaterThan(SEEDED_ORDERS);
      const { rows: prices } = await database().query<{ id: number; price_cents: number }>(
        'SELECT id, price_cents FROM flash_products WHERE id IN (123, 999999) ORDER BY id',
      );
      expect(order).toEqual({
        orderId: order.orderId,
        userId: HISTORY_USER,
        dealId: null,
        totalCents: 2 * prices[0]!.price_cents + prices[1]!.price_cents,
      });
      const { rows } = await database().query(
        'SELECT product_id, quantity, price_cents FROM flash_order_items WHERE order_id = $1 ORDER BY id',
        [order.orderId],
      );
      expect(rows).toEqual([
        { product_id: 123, quantity: 2, price_cents: prices[0]!.price_cents },
        { product_id: 999_999, quantity: 1, price_cents: prices[1]!.price_cents },
      ]);
      await database().query('DELETE FROM flash_orders WHERE id = $1', [order.orderId]);
    },
  );

  it('refuses a product that does not exist or is listed twice with a 400 naming it, and writes nothing', async () => {
    const before = (await database().query('SELECT count(*)::integer AS n FROM flash_orders')).rows[0].n;
    await expectSameError(
      targets(),
      flashPaths.orders,
      signedIn(
        postJson({
          items: [
            { productId: 5, quantity: 1 },
            { productId: 2_000_000, quantity: 1 },
          ],
        }),
      ),
      400,
      flashMessages.productsNotFound([2_000_000]),
    );
    await expectSameError(
      targets(),
      flashPaths.orders,
      signedIn(
        postJson({
          items: [
            { productId: 5, quantity: 1 },
            { productId: 5, quantity: 2 },
          ],
        }),
      ),
      400,
      flashMessages.duplicateProduct(5),
    );
    await expectSameError(
      targets(),
      flashPaths.orders,
      signedIn(postJson({ items: [] })),
      400,
      'body/items must NOT have fewer than 1 items',
    );
    await expectSameError(
      targets(),
      flashPaths.orders,
      signedIn(postJson({ items: [{ productId: 5, quantity: 0 }] })),
      400,
      'body/items/0/quantity must be >= 1',
    );
    expect((await database().query('SELECT count(*)::integer AS n FROM flash_orders')).rows[0].n).toBe(before);
  });

  it('refuses an order without an access token with a 401', async () => {
    await expectSameError(
      targets(),
      flashPaths.orders,
      postJson({ items: [{ productId: 5, quantity: 1 }] }),
      401,
      errorMessages.missingAuthorization,
    );
  });
});

describe('GET /flash/orders/history/<variant>', () => {
  const historyOf = (variant: string, query = '') =>
    expectSameJson<OrderHistory>(
      targets(),
      `${flashPaths.orderHistory(variant as 'per-order')}${query}`,
      orderHistorySchema,
      signedIn(),
    );

  it('answers the same 50 orders, newest first, each with its items, on both variants and every implementation', async () => {
    const [perOrder, singleQuery] = await Promise.all(orderHistoryVariantNames.map((variant) => historyOf(variant)));
    expect(singleQuery).toEqual(perOrder);
    expect(perOrder!.orders).toHaveLength(flashSeed.ordersPerUser);
    expect(perOrder!.orders.map((order) => order.createdAt)).toEqual(
      [...perOrder!.orders.map((order) => order.createdAt)].sort().reverse(),
    );
    for (const order of perOrder!.orders) {
      expect(order.items).toHaveLength(seededItemCount(order.id));
      expect(order.totalCents).toBe(order.items.reduce((sum, item) => sum + item.quantity * item.priceCents, 0));
    }
  });

  it('answers the newest `limit` orders, and refuses a limit of 0 or 101 with a 400', async () => {
    const { orders } = await historyOf('single-query', '?limit=5');
    expect(orders.map((order) => order.id)).toEqual(
      (await historyOf('per-order')).orders.slice(0, 5).map((order) => order.id),
    );
    await expectSameError(
      targets(),
      `${flashPaths.orderHistory('per-order')}?limit=0`,
      signedIn(),
      400,
      'querystring/limit must be >= 1',
    );
    await expectSameError(
      targets(),
      `${flashPaths.orderHistory('single-query')}?limit=101`,
      signedIn(),
      400,
      'querystring/limit must be <= 100',
    );
    await expectSameError(
      targets(),
      flashPaths.orderHistory('single-query'),
      {},
      401,
      errorMessages.missingAuthorization,
    );
  });

  it('sends 1 + 50 statements per-order and 1 in a single query', async () => {
    const calls = async (sql: string) =>
      Number(
        (
          await database().query<{ calls: string | null }>(
            'SELECT sum(calls) AS calls FROM pg_stat_statements WHERE query = $1',
            [sql],
          )
        ).rows[0]!.calls ?? 0,
      );
    const before = {
      orders: await calls(orderQueries.ordersOfUser),
      items: await calls(orderQueries.itemsOfOrder),
      joined: await calls(orderQueries.ordersWithItems),
    };
    await send(targets().express!.baseUrl, flashPaths.orderHistory('per-order'), signedIn());
    await send(targets().fastify!.baseUrl, flashPaths.orderHistory('single-query'), signedIn());
    expect({
      orders: await calls(orderQueries.ordersOfUser),
      items: await calls(orderQueries.itemsOfOrder),
      joined: await calls(orderQueries.ordersWithItems),
    }).toEqual({
      orders: before.orders + 1,
      items: before.items + flashSeed.ordersPerUser,
      joined: before.joined + 1,
    });
  });
});

// Buying a deal: the oversell scenario.
const buy = (name: ImplementationName, dealId: number, strategy: BuyStrategyName, init: RequestInit = {}) =>
  send(targets()[name]!.baseUrl, flashPaths.buy(dealId, strategy), {
    method: 'POST',
    headers: { authorization: `Bearer ${buyerToken}` },
    ...init,
  });

/** The deal with this stock and no orders, in PostgreSQL and (unless told not to) in Redis. */
async function stockDeal(dealId: number, stock: number, { armRedis = true } = {}): Promise<void> {
  await database().query('DELETE FROM flash_orders WHERE deal_id = $1', [dealId]);
  await database().query('UPDATE flash_deals SET stock = $2, initial_stock = $2 WHERE id = $1', [dealId, stock]);
  await withRedis(redisUrl, async (redis) => {
    if (armRedis) await redis.set(dealStockKey(dealId), String(stock));
    else await redis.del(dealStockKey(dealId));
  });
}

interface DealState {
  orders: number;
  items: number;
  postgresStock: number;
  redisStock: number | null;
}

async function dealState(dealId: number): Promise<DealState> {
  const { rows } = await database().query<{ orders: number; items: number; stock: number }>(
    `SELECT (SELECT count(*)::integer FROM flash_orders WHERE deal_id = $1) AS orders,
       (SELECT count(*)::integer FROM flash_order_items AS i JOIN flash_orders AS o ON o.id = i.order_id WHERE o.deal_id = $1) AS items,
       (SELECT stock FROM flash_deals WHERE id = $1) AS stock`,
    [dealId],
  );
  const redisStock = await withRedis(redisUrl, (redis) => redis.get(dealStockKey(dealId)));
  return {
    orders: rows[0]!.orders,
    items: rows[0]!.items,
    postgresStock: rows[0]!.stock,
    redisStock: redisStock === null ? null : Number(redisStock),
  };
}

/** The stock a strategy counts down: Redis's for redis-lua, PostgreSQL's for the others. */
const stockOf = (strategy: BuyStrategyName, state: DealState): number | null =>
  strategy === 'redis-lua' ? state.redisStock : state.postgresStock;

describe.each(buyStrategyNames)('POST /flash/deals/:id/buy/%s', (strategy) => {
  // Deals beyond the hot list's 50, which another test compares with its cache.
  const deal = 501;
  beforeEach(async () => {
    await clearFlashSaleKeys(redisUrl);
    await armDealStock(redisUrl);
    await stockDeal(deal, DEAL_STOCK);
  });

  it('places an order of one unit at the deal price, answering 201 with its id, alike everywhere', async () => {
    const {
      rows: [price],
    } = await database().query<{ price_cents: number }>('SELECT price_cents FROM flash_deals WHERE id = $1', [deal]);
    for (const [index, name] of names.entries()) {
      const order = expectJson(await buy(name, deal, strategy), 201, placedOrderSchema) as PlacedOrder;
      expect(order).toEqual({ orderId: order.orderId, userId: BUYER, dealId: deal, totalCents: price!.price_cents });
      const { rows } = await database().query(
        'SELECT o.user_id::integer, o.deal_id, i.product_id, i.quantity FROM flash_orders o JOIN flash_order_items i ON i.order_id = o.id WHERE o.id = $1',
        [order.orderId],
      );
      expect(rows).toEqual([{ user_id: BUYER, deal_id: deal, product_id: dealProduct(deal), quantity: 1 }]);
      expect(stockOf(strategy, await dealState(deal))).toBe(DEAL_STOCK - 1 - index);
    }
  });

  it('answers 409 "sold out" for a deal with no stock left, and writes nothing', async () => {
    await stockDeal(deal, 0);
    await expectSameError(
      targets(),
      flashPaths.buy(deal, strategy),
      () => ({ method: 'POST', headers: { authorization: `Bearer ${buyerToken}` } }),
      409,
      flashMessages.soldOut(deal),
    );
    expect(await dealState(deal)).toMatchObject({ orders: 0, postgresStock: 0 });
  });

  it('answers 404 for a deal that does not exist, and 400 for an id that is not one', async () => {
    const init = () => ({ method: 'POST', headers: { authorization: `Bearer ${buyerToken}` } });
    await expectSameError(
      targets(),
      flashPaths.buy(SEEDED_DEALS + 1, strategy),
      init,
      404,
      flashMessages.dealNotFound(SEEDED_DEALS + 1),
    );
    await expectSameError(targets(), `/flash/deals/0/buy/${strategy}`, init, 400, 'params/id must be >= 1');
    await expectSameError(targets(), `/flash/deals/one/buy/${strategy}`, init, 400, 'params/id must be integer');
  });

  it('refuses a buyer without a valid access token with a 401, and a body that is not JSON with a 415', async () => {
    await expectSameError(
      targets(),
      flashPaths.buy(deal, strategy),
      { method: 'POST' },
      401,
      errorMessages.missingAuthorization,
    );
    await expectSameError(
      targets(),
      flashPaths.buy(deal, strategy),
      { method: 'POST', headers: { authorization: 'Bearer not-a-jwt' } },
      401,
      /bearer token/,
    );
    const text = {
      method: 'POST',
      headers: { authorization: `Bearer ${buyerToken}`, 'content-type': 'text/plain' },
      body: 'x',
    };
    await expectSameError(targets(), flashPaths.buy(deal, strategy), text, 415, errorMessages.unsupportedMediaType);
    expect((await dealState(deal)).orders).toBe(0);
  });
});

const BUYERS = 100;

/** 100 buyers of a deal with stock 10 at once; what they were answered and what the deal holds after. */
async function rush(name: ImplementationName, strategy: BuyStrategyName, dealId: number) {
  const answers = await Promise.all(Array.from({ length: BUYERS }, () => buy(name, dealId, strategy)));
  const sold = answers.filter((answer) => answer.status === 201);
  const refused = answers.filter((answer) => answer.status !== 201);
  for (const answer of sold) expectJson(answer, 201, placedOrderSchema);
  for (const answer of refused)
    expect((expectJson(answer, 409, errorResponseSchema) as ErrorResponse).message).toBe(flashMessages.soldOut(dealId));
  return {
    sold: sold.length,
    refused: refused.length,
    orderIds: new Set(sold.map((answer) => (JSON.parse(answer.text) as PlacedOrder).orderId)),
    after: await dealState(dealId),
  };
}

describe.each(names)('100 concurrent buyers of a deal with stock 10 on %s', (name) => {
  const deal = name === 'express' ? 511 : 512;

  it.for(['row-lock', 'conditional-update', 'redis-lua'] as const)(
    'get exactly 10 orders and 90 "sold out" with the %s strategy',
    { timeout: 60_000 },
    async (strategy) => {
      await stockDeal(deal, DEAL_STOCK);
      const { sold, refused, orderIds, after } = await rush(name, strategy, deal);
      expect({ sold, refused, distinctOrders: orderIds.size }).toEqual({
        sold: DEAL_STOCK,
        refused: BUYERS - DEAL_STOCK,
        distinctOrders: DEAL_STOCK,
      });
      expect(after.orders).toBe(DEAL_STOCK);
      expect(after.items).toBe(DEAL_STOCK);
      expect(stockOf(strategy, after)).toBe(0);
    },
  );

  it(
    'get exactly 10 orders with redis-lua when the stock is not in Redis yet: the first buyers arm it once',
    { timeout: 60_000 },
    async () => {
      await stockDeal(deal, DEAL_STOCK, { armRedis: false });
      const { sold, after } = await rush(name, 'redis-lua', deal);
      expect(sold).toBe(DEAL_STOCK);
      expect(after).toMatchObject({ orders: DEAL_STOCK, redisStock: 0 });
    },
  );

  it(
    'may get more orders than units with the unsafe strategy, the bug it demonstrates, but never a stock below zero',
    { timeout: 60_000 },
    async ({ annotate }) => {
      await stockDeal(deal, DEAL_STOCK);
      const { sold, refused, after } = await rush(name, 'unsafe', deal);
      await annotate(
        `${sold} orders for ${DEAL_STOCK} units (${Math.max(0, sold - DEAL_STOCK)} oversold); stock left ${after.postgresStock}`,
      );
      expect(sold + refused).toBe(BUYERS);
      expect(sold).toBeGreaterThanOrEqual(DEAL_STOCK);
      expect(after.orders).toBe(sold);
      expect(after.postgresStock).toBeGreaterThanOrEqual(0);
    },
  );
});
