-- Scenario 12: 1,000 rows written per request.

-- name: bulk_insert_one
-- One row (row-by-row and transaction). multi-row repeats its VALUES tuple once per row, with
-- the placeholders numbered on: ($1, $2, $3), ($4, $5, $6), ... (see README.md).
INSERT INTO bulk_inserts (sku, quantity, price_cents) VALUES ($1, $2, $3);

-- name: bulk_update_one
-- One row's new quantity (row-by-row): quantity, then id.
UPDATE bulk_updates SET quantity = $1, updated_at = now() WHERE id = $2;

-- name: bulk_update_all
-- Every row's new quantity in one statement (single-statement): the ids and the quantities as
-- integer arrays of the same length.
UPDATE bulk_updates AS b SET quantity = u.quantity, updated_at = now()
  FROM unnest($1::integer[], $2::integer[]) AS u (id, quantity) WHERE b.id = u.id;
