// Orders of the flash sale: placing one with its items (POST /flash/orders, committed before its
// 201, which carries the order's id), and the signed-in user's order history with the items of
// every order, loaded two ways (the order history N+1 scenario): one query for the orders and
// then one per order for its items, as an ORM's lazy relation does, or one query with a JOIN.
import type { DatabasePool } from '../database.js';
import { HttpError } from '@lab/contract';
import { inTransaction } from '../scenarios/transaction.js';
import {
  flashMessages,
  type OrderHistory,
  type OrderHistoryQuery,
  type OrderHistoryVariantName,
  type PlacedOrder,
  type PlaceOrderRequest,
} from '@lab/contract';
import { loadQueries } from '../sql.js';

/** implementations/sql/flash.sql. */
export const orderQueries = loadQueries('flash', {
  prices: 'flash_product_prices',
  insertOrder: 'flash_order_insert',
  insertItems: 'flash_order_items_insert',
  ordersOfUser: 'flash_orders_of_user',
  itemsOfOrder: 'flash_items_of_order',
  ordersWithItems: 'flash_orders_with_items',
});

/**
 * POST /flash/orders: the order and its items at the products' list prices, in one transaction
 * that has committed when this resolves. A product listed twice or one that does not exist is a
 * 400 naming it, and nothing is written.
 */
export async function placeOrder(
  pool: DatabasePool,
  userId: number,
  { items }: PlaceOrderRequest,
): Promise<PlacedOrder> {
  const productIds = items.map((item) => item.productId);
  const seen = new Set<number>();
  for (const id of productIds) {
    if (seen.has(id)) throw new HttpError(400, flashMessages.duplicateProduct(id));
    seen.add(id);
  }
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: number; price_cents: number }>(orderQueries.prices, [productIds]);
    const prices = new Map(rows.map((row) => [row.id, row.price_cents]));
    const missing = productIds.filter((id) => !prices.has(id));
    if (missing.length > 0) throw new HttpError(400, flashMessages.productsNotFound(missing));
    const itemPrices = productIds.map((id) => prices.get(id)!);
    const totalCents = items.reduce((sum, item, index) => sum + item.quantity * itemPrices[index]!, 0);
    const order = await client.query<{ id: string }>(orderQueries.insertOrder, [userId, totalCents]);
    const orderId = order.rows[0]!.id;
    await client.query(orderQueries.insertItems, [orderId, productIds, items.map((item) => item.quantity), itemPrices]);
    return { orderId: Number(orderId), userId, dealId: null, totalCents };
  });
}

type Order = OrderHistory['orders'][number];
type OrderItem = Order['items'][number];

interface OrderRow {
  id: string;
  deal_id: number | null;
  total_cents: number;
  created_at: Date;
}

interface ItemRow {
  product_id: number;
  name: string;
  quantity: number;
  price_cents: number;
}

// Keys in the order of orderHistorySchema.
function toOrder(row: OrderRow): Order {
  return {
    id: Number(row.id),
    dealId: row.deal_id,
    totalCents: row.total_cents,
    createdAt: row.created_at.toISOString(),
    items: [],
  };
}

function toItem(row: ItemRow): OrderItem {
  return { productId: row.product_id, name: row.name, quantity: row.quantity, priceCents: row.price_cents };
}

/** 1 + N queries: the orders, then each order's items, one after the other. */
async function selectPerOrder(pool: DatabasePool, userId: number, { limit }: OrderHistoryQuery): Promise<OrderHistory> {
  const orders = (await pool.query<OrderRow>(orderQueries.ordersOfUser, [userId, limit])).rows.map(toOrder);
  for (const order of orders) {
    const { rows } = await pool.query<ItemRow>(orderQueries.itemsOfOrder, [order.id]);
    order.items = rows.map(toItem);
  }
  return { orders };
}

/** 1 query: the orders joined with their items, one row per item. */
async function selectInOneQuery(
  pool: DatabasePool,
  userId: number,
  { limit }: OrderHistoryQuery,
): Promise<OrderHistory> {
  const { rows } = await pool.query<OrderRow & { [K in keyof ItemRow]: ItemRow[K] | null }>(
    orderQueries.ordersWithItems,
    [userId, limit],
  );
  const orders: Order[] = [];
  for (const row of rows) {
    let order = orders[orders.length - 1];
    if (order?.id !== Number(row.id)) {
      order = toOrder(row);
      orders.push(order);
    }
    // An order without items has one row whose item columns are null.
    if (row.product_id !== null) order.items.push(toItem(row as ItemRow));
  }
  return { orders };
}

const loaders: Record<
  OrderHistoryVariantName,
  (pool: DatabasePool, userId: number, query: OrderHistoryQuery) => Promise<OrderHistory>
> = {
  'per-order': selectPerOrder,
  'single-query': selectInOneQuery,
};

/** GET /flash/orders/history/<variant>: the user's newest orders with their items, the variant's way. */
export function selectOrderHistory(
  pool: DatabasePool,
  variant: OrderHistoryVariantName,
  userId: number,
  query: OrderHistoryQuery,
): Promise<OrderHistory> {
  return loaders[variant](pool, userId, query);
}
