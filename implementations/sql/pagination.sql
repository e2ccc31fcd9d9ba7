-- Scenario 09: the users table paged with OFFSET/LIMIT and with a cursor (keyset on id). Both
-- ask for one row more than the page, to know whether there is a next one.

-- name: pagination_offset
-- limit + 1, then (page - 1) * limit.
SELECT id, email, name, country, created_at FROM users ORDER BY id LIMIT $1 OFFSET $2;

-- name: pagination_cursor
-- after, then limit + 1.
SELECT id, email, name, country, created_at FROM users WHERE id > $1 ORDER BY id LIMIT $2;
