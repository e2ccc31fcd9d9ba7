-- Scenario 13: decrementing a product's stock under concurrency, four ways.

-- name: stock_read
SELECT stock, version FROM products WHERE id = $1;

-- name: stock_read_for_update
SELECT stock, version FROM products WHERE id = $1 FOR UPDATE;

-- name: stock_write
-- The stock read minus one, then the id.
UPDATE products SET stock = $1, version = version + 1 WHERE id = $2;

-- name: stock_write_if_unchanged
-- Optimistic: the id, then the version read.
UPDATE products SET stock = stock - 1, version = version + 1 WHERE id = $1 AND version = $2 RETURNING stock;

-- name: stock_record
-- One row of the ledger: product id, strategy.
INSERT INTO stock_decrements (product_id, strategy) VALUES ($1, $2);

-- name: stock_level
-- GET /stock/{id}.
SELECT p.id, p.stock, (SELECT count(*) FROM stock_decrements AS d WHERE d.product_id = p.id)::integer AS decrements
    FROM products AS p WHERE p.id = $1;

-- name: stock_reset_ledger
TRUNCATE stock_decrements RESTART IDENTITY;

-- name: stock_reset_products
-- Products 1 to N back to a stock of S: S, then N.
INSERT INTO products (id, name, stock, version) SELECT i, 'Product ' || i, $1, 0 FROM generate_series(1, $2) AS i
    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, stock = EXCLUDED.stock, version = 0;

-- name: stock_levels
SELECT id, stock, 0 AS decrements FROM products ORDER BY id;
