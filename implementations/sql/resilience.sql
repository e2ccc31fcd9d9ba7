-- The flash sale's resilience routes (src/resilience/ in the contract).

-- name: pool_sleep
-- GET /pool/query?ms=N: holds a pooled connection for N ms and answers N. N twice.
SELECT $1::integer AS "sleptMs", pg_sleep($2::integer / 1000.0);

-- name: uuid_v4_products_insert
-- POST /keys/v4/products: keys, names, prices as arrays of the same length.
INSERT INTO uuid_v4_products (id, name, price_cents) SELECT * FROM unnest($1::uuid[], $2::text[], $3::integer[]);

-- name: uuid_v7_products_insert
-- POST /keys/v7/products: keys, names, prices as arrays of the same length.
INSERT INTO uuid_v7_products (id, name, price_cents) SELECT * FROM unnest($1::uuid[], $2::text[], $3::integer[]);
