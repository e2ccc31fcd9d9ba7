-- The flash-sale application (fixtures/sql/030_flash_sale.sql). Sign-up is user_insert
-- (users.sql) and auth_credentials_insert (auth.sql) in one transaction.

-- name: flash_products_page
-- GET /flash/products: limit, then offset.
SELECT id, name, category, description, price_cents FROM flash_products ORDER BY id LIMIT $1 OFFSET $2;

-- name: flash_products_exact_count
SELECT count(*)::bigint AS total FROM flash_products;

-- name: flash_products_estimated_count
-- The planner's estimate as of the last VACUUM or ANALYZE.
SELECT greatest(reltuples, 0)::bigint AS total FROM pg_class WHERE oid = 'flash_products'::regclass;

-- name: flash_hot_deals
-- The deals on sale now, the soonest to end first, with their products: at most $1.
SELECT d.id, d.product_id, p.name, p.category, d.price_cents, p.price_cents AS original_price_cents, d.stock, d.ends_at
    FROM flash_deals AS d JOIN flash_products AS p ON p.id = d.product_id
    WHERE d.starts_at <= now() AND d.ends_at > now()
    ORDER BY d.ends_at, d.id LIMIT $1;

-- name: flash_deal_read
SELECT stock FROM flash_deals WHERE id = $1;

-- name: flash_deal_read_for_update
SELECT stock FROM flash_deals WHERE id = $1 FOR UPDATE;

-- name: flash_deal_take
UPDATE flash_deals SET stock = stock - 1 WHERE id = $1;

-- name: flash_deal_take_if_left
UPDATE flash_deals SET stock = stock - 1 WHERE id = $1 AND stock > 0 RETURNING stock;

-- name: flash_deal_write
-- unsafe: the stock read minus one, then the deal id.
UPDATE flash_deals SET stock = $1 WHERE id = $2;

-- name: flash_deal_exists
SELECT 1 FROM flash_deals WHERE id = $1;

-- name: flash_deal_order
-- The order and its one item in one statement, at the deal's price: the deal id, then the user id.
WITH d AS (SELECT id, product_id, price_cents FROM flash_deals WHERE id = $1),
    o AS (INSERT INTO flash_orders (user_id, deal_id, total_cents) SELECT $2, d.id, d.price_cents FROM d RETURNING id, total_cents),
    i AS (INSERT INTO flash_order_items (order_id, product_id, quantity, price_cents) SELECT o.id, d.product_id, 1, d.price_cents FROM o, d)
    SELECT o.id, o.total_cents FROM o;

-- name: flash_product_prices
-- The list prices of the products ordered (POST /flash/orders).
SELECT id, price_cents FROM flash_products WHERE id = ANY($1::integer[]);

-- name: flash_order_insert
-- user id, total.
INSERT INTO flash_orders (user_id, total_cents) VALUES ($1, $2) RETURNING id;

-- name: flash_order_items_insert
-- order id, then product ids, quantities, prices as integer arrays of the same length.
INSERT INTO flash_order_items (order_id, product_id, quantity, price_cents)
    SELECT $1, * FROM unnest($2::integer[], $3::integer[], $4::integer[]);

-- name: flash_orders_of_user
-- per-order: the user's newest orders; user id, limit.
SELECT id, deal_id, total_cents, created_at FROM flash_orders
    WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2;

-- name: flash_items_of_order
-- per-order: one order's items, once per order.
SELECT i.product_id, p.name, i.quantity, i.price_cents
    FROM flash_order_items AS i JOIN flash_products AS p ON p.id = i.product_id
    WHERE i.order_id = $1 ORDER BY i.id;

-- name: flash_orders_with_items
-- single-query: the user's newest orders joined with their items; user id, limit.
SELECT o.id, o.deal_id, o.total_cents, o.created_at, i.product_id, p.name, i.quantity, i.price_cents
    FROM (SELECT id, deal_id, total_cents, created_at FROM flash_orders WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2) AS o
    LEFT JOIN flash_order_items AS i ON i.order_id = o.id
    LEFT JOIN flash_products AS p ON p.id = i.product_id
    ORDER BY o.created_at DESC, o.id DESC, i.id;
